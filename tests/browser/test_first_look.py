"""The proof page of the static slider mechanism (lib.widgets.SliderFigure)."""

from __future__ import annotations


def test_static_slider_changes_frame_and_readout(page, book_url):
    page.goto(f"{book_url}/chapters/00_first_look/first_look.html", wait_until="networkidle")
    figure = page.locator("figure.slider-figure").first
    slider = figure.locator("input[type=range]")
    image = figure.locator("img.slider-figure-frame")
    readout = figure.locator("output.slider-figure-readout")

    assert figure.locator("label").inner_text() == "angle of b"
    src_before, text_before = image.get_attribute("src"), readout.inner_text()
    slider.focus()
    for _ in range(9):  # 0° -> 45° with the keyboard
        page.keyboard.press("ArrowRight")
    assert image.get_attribute("src") != src_before
    assert readout.inner_text() != text_before
    assert readout.inner_text().startswith("angle 45°")
    assert "L1/L2 = 1.414" in readout.inner_text()

    assert page.outside_requests == []
