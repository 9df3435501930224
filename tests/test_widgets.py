"""lib.widgets.SliderFigure: the live widget and the static HTML show the same frames."""

from __future__ import annotations

import base64
import io
import json
import re

import numpy as np
import pytest
from PIL import Image

from lib.plots import new_figure
from lib.widgets import SliderFigure, timing_of_updates


def make_slider(values=(0.0, 1.0, 2.0, 1.0)):
    fig, ax = new_figure(2, 2, dpi=50)
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.1, 2.1)
    (line,) = ax.plot([0, 1], [0, 0])

    def update(height):
        line.set_ydata([0, height])
        return f"height {height:.1f}"

    return SliderFigure(fig, update, list(values), label="height", alt="a rising line")


def static_data(html: str) -> dict:
    match = re.search(
        r'<script type="application/json" class="slider-figure-data">(.*?)</script>', html
    )
    return json.loads(match.group(1).replace("<\\/", "</"))


def decode(uri: str) -> np.ndarray:
    return np.asarray(
        Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))).convert("RGB")
    )


def test_static_html_has_one_frame_per_distinct_value_and_matching_readouts():
    html = make_slider().static_html()
    data = static_data(html)
    assert data["readouts"] == ["height 0.0", "height 1.0", "height 2.0", "height 1.0"]
    assert data["labels"] == ["0.0", "1.0", "2.0", "1.0"]
    # value 1.0 appears twice: its frame is stored once and shared
    assert len(data["frames"]) == 3
    assert data["index"][1] == data["index"][3]
    frames = [decode(uri) for uri in data["frames"]]
    assert not np.array_equal(frames[0], frames[1])
    assert frames[0].shape == (100, 100, 3)  # 2 in x 50 dpi: sized by the figure, not print dpi


def test_static_html_is_labelled_keyboard_operable_and_stable():
    slider = make_slider()
    html = slider.static_html()
    input_id = re.search(r'<input type="range" id="([^"]+)"', html).group(1)
    assert f'<label for="{input_id}">height</label>' in html
    assert 'alt="a rising line"' in html
    assert 'min="0" max="3" step="1" value="0"' in html
    assert 'aria-live="polite"' in html
    assert slider.static_html() == html  # no random ids: stored outputs do not churn


def test_static_frames_match_the_live_render():
    slider = make_slider()
    data = static_data(slider.static_html())
    png, readout = slider.render(2.0)
    live = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    static = decode(data["frames"][data["index"][2]]).astype(int)
    assert readout == data["readouts"][2]
    # the static frame is a palette-reduced copy: close to the live render, pixel by pixel
    assert np.abs(live - static).mean() < 3


def test_live_widget_updates_image_and_readout():
    slider = make_slider()
    box = slider.widget()
    image, control, text = box.children
    first_png, first_text = image.value, text.value
    control.value = 2  # what moving the slider does
    assert image.value != first_png
    assert text.value == "height 2.0" != first_text


def test_mimebundle_carries_widget_and_static_html():
    bundle = make_slider()._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/html"].startswith('<figure class="slider-figure"')
    assert "0x" not in bundle["text/plain"]


def test_timing_of_updates_returns_one_time_per_update():
    times = timing_of_updates(make_slider(), repeats=2)
    assert times.shape == (8,) and np.all(times > 0)


@pytest.mark.parametrize(
    "kwargs, error",
    [
        ({"values": [1.0]}, ValueError),
        ({"label": ""}, ValueError),
        ({"alt": ""}, ValueError),
        ({"initial": 5}, ValueError),
        ({"update": "not callable"}, TypeError),
        ({"fig": object()}, TypeError),
    ],
)
def test_bad_arguments_raise(kwargs, error):
    fig, _ = new_figure(2, 2, dpi=50)
    args = {"fig": fig, "update": lambda v: str(v), "values": [0, 1], "label": "v", "alt": "x"}
    args.update(kwargs)
    with pytest.raises(error):
        SliderFigure(args.pop("fig"), args.pop("update"), args.pop("values"), **args)


def test_update_must_return_text():
    fig, _ = new_figure(2, 2, dpi=50)
    slider = SliderFigure(fig, lambda v: v, [0, 1], label="v", alt="x")
    with pytest.raises(TypeError, match="readout"):
        slider.static_html()
