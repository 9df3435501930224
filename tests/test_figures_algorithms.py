"""lib.figures.algorithms: the figures of the Algorithms page draw what they are given, legibly.

Inputs are small arrays built here (closed forms, no solver); the checks read the drawn artists
back. Text sizes are those a reader sees: about 700 px of column at a 1280-px window and 358 px
on a 390-px phone (images are only ever shrunk to fit).
"""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from figure_text import COLUMN_PX, PHONE_PX, smallest_text_px

from lib.figures import algorithms as figs
from lib.plots import set_style

set_style()


def _lines(ax):
    return [line for line in ax.get_lines() if len(line.get_xdata()) > 2]


def _all_figures():
    steps = np.arange(13)
    paths = [(f"factor {r}", r**steps) for r in (0.8, 0.0, -0.8, -1.0, -1.2)]
    dist = [(0.4, 0.5**steps), (0.9, 1.1**steps)]
    grid = np.linspace(-1, 2.5, 50)
    kink = [
        (lam, 0.5 * (grid - 1.5) ** 2 + lam * np.abs(grid), max(1.5 - lam, 0.0))
        for lam in (0.5, 2.0)
    ]
    sub = np.column_stack([np.zeros(13), np.ones(13), 0.1 * (-1.0) ** steps])
    prox = np.column_stack([np.zeros(13), np.ones(13), np.r_[0.3, np.zeros(12)]])
    k = np.arange(1, 101)
    return [
        figs.plot_weight_decay(paths),
        figs.plot_step_size_bound(dist, bound=0.8),
        figs.plot_kink(grid, kink, 1.5),
        figs.plot_l1_chatter(sub, prox, np.array([0.0, 1.0, 0.0]), 2, (-0.15, 0.2), 0.175),
        figs.plot_convergence_rates(
            [("sub", k[::10], 1 / np.sqrt(k[::10])), ("ista", k, 1 / k)],
            [("g sub", k, 2 / np.sqrt(k)), ("g ista", k, 2 / k)],
        ),
    ]


def test_every_figure_is_legible_on_a_laptop_and_a_phone():
    for fig in _all_figures():
        assert fig.get_size_inches()[0] * fig.dpi <= 640
        assert smallest_text_px(fig, COLUMN_PX) >= 10
        assert smallest_text_px(fig, PHONE_PX) >= 7.5
        plt.close(fig)


def test_weight_decay_draws_each_path_with_its_own_colour_and_style():
    steps = np.arange(6)
    paths = [("a", 0.5**steps), ("b", (-1.0) ** steps), ("c", 1.2**steps)]
    fig = figs.plot_weight_decay(paths)
    lines = _lines(fig.axes[0])
    assert len(lines) == 3
    for line, (label, path) in zip(lines, paths, strict=True):
        assert line.get_label() == label
        np.testing.assert_array_equal(line.get_ydata(), path)
    assert len({(ln.get_color(), str(ln.get_linestyle())) for ln in lines}) == 3
    plt.close(fig)


def test_step_size_bound_labels_say_below_or_above_the_bound():
    steps = np.arange(10)
    fig = figs.plot_step_size_bound([(0.4, 0.5**steps), (0.9, 1.1**steps)], bound=0.8)
    ax = fig.axes[0]
    assert ax.get_yscale() == "log"
    labels = [ln.get_label() for ln in _lines(ax)]
    assert "below" in labels[0] and "0.50 × bound" in labels[0]
    assert "above" in labels[1] and "1.12 × bound" in labels[1]
    plt.close(fig)


def test_kink_marks_each_minimum_on_its_curve():
    grid = np.linspace(-1, 2.5, 351)
    curves = [
        (lam, 0.5 * (grid - 1.5) ** 2 + lam * np.abs(grid), max(1.5 - lam, 0.0))
        for lam in (0.5, 1.5)
    ]
    fig = figs.plot_kink(grid, curves, 1.5)
    dots = [ln for ln in fig.axes[0].get_lines() if len(ln.get_xdata()) == 1]
    assert [float(d.get_xdata()[0]) for d in dots] == [1.0, 0.0]
    assert float(dots[0].get_ydata()[0]) == pytest.approx(0.5 * 0.25 + 0.5)
    plt.close(fig)


def test_chatter_figure_draws_the_band_the_eta_lambda_and_a_log_panel_with_both_methods():
    steps = np.arange(20)
    sub = np.column_stack([np.ones(20), 0.1 * (-1.0) ** steps])
    prox = np.column_stack([np.ones(20), np.r_[0.3, 0.1, np.zeros(18)]])
    fig = figs.plot_l1_chatter(sub, prox, np.array([1.0, 0.0]), 1, (-0.15, 0.2), 0.175)
    ax, bx = fig.axes
    (band,) = ax.patches
    extent = band.get_path().get_extents(band.get_patch_transform())  # y in data units
    assert extent.y0 == pytest.approx(-0.15) and extent.y1 == pytest.approx(0.2)
    texts = " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))
    assert "ηλ = 0.175" in texts and "2ηλ = 0.350" in texts
    assert bx.get_yscale() == "log"
    sub_line, prox_line = _lines(bx)
    np.testing.assert_allclose(sub_line.get_ydata(), 0.1)  # the chatter stays visible
    prox_y = prox_line.get_ydata()
    assert prox_y[5] == 1e-12 and np.all(prox_y[2:] == 1e-12)  # exact hits drawn at the floor
    plt.close(fig)


def test_convergence_figure_is_log_log_with_dotted_guarantees_in_the_curves_colours():
    k = np.arange(1, 101)
    fig = figs.plot_convergence_rates(
        [("sub", k[::10], 1 / np.sqrt(k[::10])), ("ista", k, 1 / k)],
        [("g sub", k, 2 / np.sqrt(k)), ("g ista", k, 2 / k)],
    )
    ax = fig.axes[0]
    assert ax.get_xscale() == ax.get_yscale() == "log"
    lines = {ln.get_label(): ln for ln in ax.get_lines()}
    assert lines["g sub"].get_linestyle() == ":" and lines["g ista"].get_linestyle() == ":"
    assert lines["g sub"].get_color() == lines["sub"].get_color()
    assert lines["g ista"].get_color() == lines["ista"].get_color()
    np.testing.assert_allclose(lines["g ista"].get_ydata(), 2 / k)
    plt.close(fig)
