"""The figure comparison behind `make nbval` (tests/nbval_figures.py, chapters/conftest.py).

The pictures are drawn here with matplotlib at the book's size; what must pass (the same
figure, a last-digit wobble of the data) and what must fail (a changed limit, line style, curve
or label, a changed size) are the oracle, not the comparison's own output.
"""

from __future__ import annotations

import base64
import functools
import io

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure
from nbval_figures import (
    compare_cell_figures,
    compare_images,
    decode_png,
    figures_of,
)
from PIL import Image


@functools.lru_cache
def _png(xlim=(-1.2, 1.2), style="--", label="$x_1$", scale=1.0, wobble=0.0, size=(6.4, 4.0)):
    """A unit-ball-like figure (dashed diamond, solid circle) as PNG bytes.

    Drawn with matplotlib's default style whatever other tests set (lib.plots.set_style):
    BASE is drawn at import, the variants later in the session.
    """
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        return _draw(xlim, style, label, scale, wobble, size)


def _draw(xlim, style, label, scale, wobble, size) -> bytes:
    fig = Figure(figsize=size, dpi=80)
    ax = fig.subplots()
    t = np.linspace(0, 2 * np.pi, 401)
    x, y = np.cos(t), np.sin(t)
    diamond = np.abs(x) + np.abs(y)
    ax.plot(x / diamond * scale * (1 + wobble), y / diamond, linestyle=style, label="p = 1")
    ax.plot(x * (1 + wobble), y, label="p = 2")
    ax.set_xlim(*xlim)
    ax.set_ylim(-1.2, 1.2)
    ax.set_xlabel(label)
    ax.legend(loc="upper right")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


BASE = decode_png(_png())


def test_the_same_drawing_is_the_same_picture():
    assert compare_images(BASE, decode_png(_png())) is None


def test_a_last_digit_wobble_passes_although_pixels_change():
    wobbled = decode_png(_png(wobble=1e-4))  # far beyond a BLAS last digit
    assert (wobbled != BASE).any(), "the wobble should move antialiased pixels"
    assert compare_images(BASE, wobbled) is None


@pytest.mark.parametrize(
    "change",
    [
        {"xlim": (-1.21, 1.2)},  # a limit moved by 1/240 of the range
        {"style": "-"},  # the L1 ball drawn in the L2 style
        {"label": "$x_2$"},  # one glyph of an axis label
        {"scale": 1.03},  # a curve 3 % wider
    ],
    ids=["x-limit", "line-style", "label", "curve"],
)
def test_a_changed_picture_fails(change):
    difference = compare_images(BASE, decode_png(_png(**change)))
    assert difference is not None
    assert difference.differing_pixels > 0
    left, top, right, bottom = difference.box
    assert 0 <= left <= right < BASE.shape[1] and 0 <= top <= bottom < BASE.shape[0]


def test_the_box_points_at_the_change():
    difference = compare_images(BASE, decode_png(_png(label="$x_2$")))
    height, width = BASE.shape[:2]
    assert difference.box[1] > 0.85 * height  # the x label sits at the bottom
    assert "bottom centre" in difference.where(width, height)


def test_a_changed_size_fails():
    difference = compare_images(BASE, decode_png(_png(size=(6.4, 4.2))))
    assert difference is not None and "size changed from 512x320 to 512x336" in difference.reason


def test_transparency_is_white_as_on_the_page():
    buffer = io.BytesIO()
    Image.new("RGBA", (4, 3), (255, 0, 0, 0)).save(buffer, format="PNG")
    assert (decode_png(buffer.getvalue()) == 255).all()
    assert (decode_png(base64.b64encode(buffer.getvalue()).decode()) == 255).all()


def _outputs(png: bytes, frames: list[bytes]):
    b64 = base64.b64encode(png).decode()
    html = "".join(
        f'<img src="data:image/png;base64,{base64.b64encode(f).decode()}">' for f in frames
    )
    return [
        {"output_type": "stream", "name": "stdout", "text": "L1 = 7.0\n"},
        {"output_type": "display_data", "data": {"image/png": b64, "text/plain": "<Figure>"}},
        {"output_type": "display_data", "data": {"text/html": html, "text/plain": "slider"}},
    ]


def test_figures_of_finds_pngs_and_slider_frames_in_order():
    labels = [label for label, _ in figures_of(_outputs(b"a", [b"b", b"c"]))]
    assert labels == [
        "output 1 image/png",
        "output 2 text/html frame 0",
        "output 2 text/html frame 1",
    ]


def test_cell_comparison_saves_what_the_reader_needs(tmp_path):
    stored = _outputs(_png(), [_png(), _png(style=":")])
    assert (
        compare_cell_figures(stored, _outputs(_png(), [_png(), _png(style=":")]), tmp_path) == []
    )
    assert not list(tmp_path.iterdir())

    drawn = _outputs(_png(), [_png(), _png(style="-")])  # the second slider frame changed
    problems = compare_cell_figures(stored, drawn, tmp_path)
    assert len(problems) == 1 and problems[0].startswith("output 2 text/html frame 1:")
    saved = sorted(p.name for p in tmp_path.iterdir())
    stem = "output_2_text_html_frame_1"
    assert saved == [f"{stem}-actual.png", f"{stem}-diff.png", f"{stem}-expected.png"]
    assert (
        decode_png((tmp_path / f"{stem}-actual.png").read_bytes()) == decode_png(_png(style="-"))
    ).all()


def test_a_missing_frame_fails(tmp_path):
    problems = compare_cell_figures(
        _outputs(_png(), [_png(), _png()]), _outputs(_png(), [_png()]), tmp_path
    )
    assert len(problems) == 1 and "differ in number or kind" in problems[0]
