"""lib.figures.norms: drawn staircases, the frozen background, and the unit-ball slider."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from figure_text import smallest_text_px
from PIL import Image

from lib.figures import norms as fn
from lib.norms import staircase_path
from lib.plots import new_figure
from lib.widgets import SliderFigure, freeze_static_parts


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)


@pytest.fixture(scope="module")
def slider() -> SliderFigure:
    return fn.unit_ball_slider()


def test_sliders_registry_builds_slider_figures():
    assert fn.SLIDERS, "the chapter has an interactive figure"
    for build in fn.SLIDERS.values():
        assert isinstance(build(), SliderFigure)


def test_p_values_run_from_below_one_to_infinity_in_order():
    p = np.array(fn.P_VALUES)
    assert 20 <= p.size <= 40
    assert p[0] <= 0.35 and p[-1] == np.inf
    assert np.all(np.diff(p) > 0)
    assert {0.5, 1.0, 2.0} <= set(fn.P_VALUES)
    # log-like spacing: no ratio between neighbours (below infinity) is huge
    assert np.max(p[1:-1] / p[:-2]) <= 2.0


@pytest.mark.parametrize("p", [0.3, 1.0, 2.0, np.inf])
def test_moving_the_slider_changes_the_frame_and_the_readout(slider, p):
    png_a, text_a = slider.render(1.5)
    png_b, text_b = slider.render(p)
    assert text_a != text_b
    assert np.abs(_pixels(png_a) - _pixels(png_b)).sum() > 0


@pytest.mark.parametrize("p", [0.3, 0.5, 1.0, 1.25, 2.0, 4.0, np.inf])
def test_readout_is_the_norm_of_x_computed_independently(slider, p):
    x = np.array([1.0, 0.5])
    oracle = np.max(np.abs(x)) if p == np.inf else np.sum(np.abs(x) ** p) ** (1 / p)
    text = slider.show_value(p)
    assert f"‖x‖_p = {oracle:.3f}" in text
    assert ("quasi-norm" in text) == (p < 1)


def test_hollow_marker_lies_on_the_ball_and_on_the_ray_through_x(slider):
    exit_point = next(
        line
        for line in slider.fig.axes[0].lines
        if line.get_markerfacecolor() in ("white", (1.0, 1.0, 1.0, 1.0))
    )
    for p in (0.5, 1.0, 3.0, np.inf):
        slider.show_value(p)
        u = np.array([exit_point.get_xdata()[0], exit_point.get_ydata()[0]])
        size = np.max(np.abs(u)) if p == np.inf else np.sum(np.abs(u) ** p) ** (1 / p)
        assert size == pytest.approx(1.0)
        assert u[1] / u[0] == pytest.approx(0.5)


def test_frozen_background_renders_like_the_full_figure():
    def build():
        fig, ax = new_figure(3, 2, dpi=60)
        ax.plot([0, 1], [0, 1], label="static")
        ax.legend()
        (moving,) = ax.plot([0, 1], [1, 0], color="black")
        return fig, moving

    full_fig, _ = build()
    full = SliderFigure(full_fig, lambda v: "x", [0, 1], label="v", alt="a")
    frozen_fig, moving = build()
    freeze_static_parts(frozen_fig, [moving])
    frozen = SliderFigure(frozen_fig, lambda v: "x", [0, 1], label="v", alt="a")
    a = _pixels(full.render(0)[0])
    b = _pixels(frozen.render(0)[0])
    assert a.shape == b.shape
    assert np.mean(np.abs(a - b) > 40) < 0.01  # same picture up to anti-aliasing


def test_static_html_carries_every_value_and_stays_small(slider):
    html = slider.static_html()
    start = html.index('class="slider-figure-data">') + len('class="slider-figure-data">')
    data = json.loads(html[start : html.index("</script>", start)])
    assert len(data["readouts"]) == len(data["labels"]) == len(fn.P_VALUES)
    assert data["labels"][-1] == "∞"
    assert len(set(data["index"])) == len(fn.P_VALUES)  # every p gives its own frame
    assert len(html.encode()) < 700_000


def test_format_p():
    assert [fn.format_p(p) for p in (0.3, 1.0, 16.0, np.inf)] == ["0.3", "1", "16", "∞"]


def test_static_unit_balls_lie_on_the_unit_spheres():
    fig, ax = new_figure(3, 3)
    fn.draw_unit_balls(ax, fn.BALL_PS)
    curves = [line for line in ax.lines if line.get_label().startswith("p = ")]
    assert len(curves) == len(fn.BALL_PS)
    for p, line in zip(fn.BALL_PS, curves, strict=True):
        xy = np.column_stack([line.get_xdata(), line.get_ydata()])
        size = np.max(np.abs(xy), axis=1) if p == np.inf else np.sum(np.abs(xy) ** p, axis=1)
        np.testing.assert_allclose(size, 1.0, atol=1e-9)
    assert ax.get_aspect() == 1.0


def test_draw_staircases_draws_every_path():
    fig, ax = new_figure(3, 3)
    paths = [staircase_path([0, 0], [3, 2], [3, 2], rng=s) for s in range(4)]
    fn.draw_staircases(ax, np.zeros(2), np.array([3.0, 2.0]), paths)
    assert len(ax.lines) == len(paths) + 1  # the paths and the two end points


def test_drawn_staircases_start_at_a_and_end_at_b_with_no_offset():
    # Figure F5: routes drawn beside a and b seemed to overshoot b; every route must be
    # drawn on the streets themselves, from a exactly to b.
    fig, ax = new_figure(3, 3)
    a, b = np.zeros(2), np.array([5.0, 3.0])
    paths = [staircase_path(a, b, [5, 3], rng=s) for s in range(5)]
    fn.draw_staircases(ax, a, b, paths)
    routes = ax.lines[: len(paths)]
    widths = [line.get_linewidth() for line in routes]
    assert widths == sorted(widths, reverse=True)  # nested bands: the widest first
    for line, path in zip(routes, paths, strict=True):
        xy = np.column_stack([line.get_xdata(), line.get_ydata()])
        np.testing.assert_array_equal(xy, path)
        np.testing.assert_array_equal(xy[0], a)
        np.testing.assert_array_equal(xy[-1], b)


def test_unit_ball_slider_text_is_at_least_10_px_in_its_frame():
    slider = fn.unit_ball_slider()
    slider.render(slider.values[0])
    assert smallest_text_px(slider.fig) >= 10.0


def test_static_figures_have_no_text_below_10_points():
    for build in (
        lambda ax: fn.draw_unit_balls(ax, fn.BALL_PS),
        lambda ax: fn.draw_staircases(
            ax, np.zeros(2), np.array([5.0, 3.0]), [staircase_path([0, 0], [5, 3], [5, 3], 0)]
        ),
        lambda ax: fn.draw_straight_line(ax, np.zeros(2), np.array([5.0, 3.0])),
    ):
        fig, ax = new_figure(6.4, 4.0, dpi=72)  # at 72 dpi, 1 pt = 1 px
        build(ax)
        assert smallest_text_px(fig) >= 10.0
