"""lib.figures.training: the figures of the modern-training page draw what they are given.

Inputs are closed forms built here; the checks read the drawn artists back, and the text sizes
are those a reader sees (700 px of column at a 1280-px window, 358 px on a phone).
"""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from figure_text import COLUMN_PX, PHONE_PX, smallest_text_px

from lib.figures import training as figs
from lib.plots import set_style

set_style()


def _filters():
    d2 = np.logspace(-1, 3, 50)
    data = np.array([0.5, 5.0, 50.0])
    curves = []
    for k, step in [(10, 1e-3), (100, 1e-3)]:
        alpha = 1 / (step * k)
        gd, ridge = 1 - (1 - step * d2) ** k, d2 / (d2 + alpha)
        gd_data, ridge_data = 1 - (1 - step * data) ** k, data / (data + alpha)
        curves.append((f"{k} steps", gd, f"Ridge {alpha:g}", ridge, gd_data, ridge_data))
    return d2, curves, data


def _adam():
    steps = np.arange(201)[:, None]
    target_l2 = np.array([1.0, 0.5, -0.3])
    target_wd = np.array([2.0, 0.6, -0.4])
    w_l2 = target_l2 * (1 - np.exp(-steps / 20))
    w_wd = target_wd * (1 - np.exp(-steps / 50))
    return w_l2, w_wd, target_l2, target_wd


def test_figures_are_legible_and_fit_the_column():
    d2, curves, data = _filters()
    w_l2, w_wd, t_l2, t_wd = _adam()
    built = [
        figs.plot_spectral_filters(d2, curves, data),
        figs.plot_adam_vs_adamw(w_l2, w_wd, t_l2, t_wd, ["a", "b", "c"], 2.0),
    ]
    for fig in built:
        assert fig.get_size_inches()[0] * fig.dpi <= 640
        assert smallest_text_px(fig, COLUMN_PX) >= 10
        assert smallest_text_px(fig, PHONE_PX) >= 7.5
        plt.close(fig)


def test_filters_draw_gd_solid_and_ridge_dashed_in_one_colour_per_k_with_data_markers():
    d2, curves, data = _filters()
    fig = figs.plot_spectral_filters(d2, curves, data)
    ax = fig.axes[0]
    assert ax.get_xscale() == "log"
    lines = {ln.get_label(): ln for ln in ax.get_lines() if not ln.get_label().startswith("_")}
    for label_gd, gd, label_ridge, ridge, _, _ in curves:
        assert lines[label_gd].get_linestyle() == "-"
        assert lines[label_ridge].get_linestyle() == "--"
        assert lines[label_gd].get_color() == lines[label_ridge].get_color()
        np.testing.assert_allclose(lines[label_gd].get_ydata(), gd)
        np.testing.assert_allclose(lines[label_ridge].get_ydata(), ridge)
    markers = [ln for ln in ax.get_lines() if ln.get_linestyle() == "None"]
    assert len(markers) == 2 * len(curves)
    np.testing.assert_allclose(markers[0].get_xdata(), data)
    plt.close(fig)


def test_adam_figure_draws_trajectories_their_targets_and_the_box():
    w_l2, w_wd, t_l2, t_wd = _adam()
    fig = figs.plot_adam_vs_adamw(w_l2, w_wd, t_l2, t_wd, ["a", "b", "c"], bound=2.0)
    top, bottom = fig.axes[:2]
    for ax, weights, target in [(top, w_l2, t_l2), (bottom, w_wd, t_wd)]:
        traj = [ln for ln in ax.get_lines() if len(ln.get_xdata()) > 2]
        assert len(traj) == 3
        for j, line in enumerate(traj):
            np.testing.assert_allclose(line.get_ydata(), weights[:, j])
        levels = {
            round(float(ln.get_ydata()[0]), 6) for ln in ax.get_lines() if len(ln.get_xdata()) == 2
        }
        assert {round(float(v), 6) for v in target} <= levels
    box = {float(ln.get_ydata()[0]) for ln in bottom.get_lines() if len(ln.get_xdata()) == 2}
    assert {2.0, -2.0} <= box
    assert not {2.0, -2.0} <= {
        float(ln.get_ydata()[0]) for ln in top.get_lines() if len(ln.get_xdata()) == 2
    }
    assert top.get_xlim()[0] == pytest.approx(0.0)
    plt.close(fig)
