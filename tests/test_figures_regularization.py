"""lib.figures.regularization: the lambda slider and the chapter's static figures.

The readout and the drawn artists are compared with scikit-learn's Lasso and Ridge on data
built to have the figure's loss bowl; the normal cones with their definition; text sizes with
what a reader sees (about 700 px of column at a 1280-px window, 358 px on a 390-px phone).
"""

from __future__ import annotations

import re

import matplotlib
import numpy as np
import pytest
from sklearn.linear_model import Lasso, Ridge

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from figure_text import COLUMN_PX, PHONE_PX, smallest_text_px

from lib.figures import regularization as figs
from lib.plots import set_style
from lib.widgets import SliderFigure

set_style()  # as every chapter does: the sizes below are those the reader sees


@pytest.fixture(scope="module")
def slider():
    return figs.SLIDERS["penalised optimum vs lambda"]()


def _bowl_data():
    q = figs.GEOMETRY_LOSS
    X = np.sqrt(2.0) * np.linalg.cholesky(q.H).T  # X^T X / 2 = H
    return X, X @ q.c


def _sklearn_optima(lam):
    X, y = _bowl_data()
    if lam == 0:
        w1 = figs.GEOMETRY_LOSS.c
    else:
        w1 = Lasso(alpha=lam, fit_intercept=False, tol=1e-14, max_iter=10**6).fit(X, y).coef_
    w2 = Ridge(alpha=2 * 2 * lam, fit_intercept=False, solver="svd").fit(X, y).coef_
    return w1, w2


def test_sliders_registry_builds_a_slider_with_15_to_40_values(slider):
    # at least 15 steps for a smooth slider; each value is a frame of the static page, and the
    # geometry page's first visit must stay under 1 MB (tests/browser/test_pages.py)
    assert isinstance(slider, SliderFigure)
    assert 15 <= len(slider.values) <= 40
    assert slider.values[0] == 0.0
    width, height = slider.fig.get_size_inches() * slider.fig.dpi
    assert width <= 640 and height <= 400


def test_slider_text_is_legible_on_a_laptop_and_a_phone():
    slider = figs.lambda_slider()
    # the static parts are painted as one image: measure the texts before freezing them
    slider.fig.canvas.draw()
    texts = [t for t in slider.fig.findobj(matplotlib.text.Text) if t.get_text()]
    assert len(texts) > 10  # tick labels, axis labels, titles, annotations
    width_px = slider.fig.get_size_inches()[0] * slider.fig.dpi
    smallest = min(t.get_fontsize() for t in texts) * slider.fig.dpi / 72.0
    assert smallest >= 10
    assert smallest * min(1.0, PHONE_PX / width_px) >= 9


@pytest.mark.parametrize("lam", list(figs.LAMBDAS))
def test_no_slider_frame_clips_a_ball(slider, lam):
    slider.show_value(lam)
    for ax in slider.fig.axes[:2]:
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        for line in ax.get_lines():
            if line.get_visible() and len(line.get_xdata()) > 1:
                x, y = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
                if line.get_linestyle() in ("--", "-"):  # the ball
                    assert x.min() >= x0 and x.max() <= x1 and y.min() >= y0 and y.max() <= y1


def test_moving_the_slider_changes_the_picture_and_the_readout(slider):
    png_a, text_a = slider.render(0.3)
    png_b, text_b = slider.render(2.0)
    assert png_a != png_b
    assert text_a != text_b
    assert slider.render(0.3) == (png_a, text_a)  # and back again, identically


@pytest.mark.parametrize("lam", [0.0, 0.3, 0.8, 1.2, 2.0, 2.7])
def test_readout_numbers_equal_sklearn(slider, lam):
    text = slider.show_value(lam)
    numbers = [float(v) for v in re.findall(r"-?\d+\.\d+", text)]
    # λ, L1 w1, w2, |w|1, L2 w1, w2, |w|2
    w1, w2 = _sklearn_optima(lam)
    assert numbers[0] == pytest.approx(lam)
    np.testing.assert_allclose(numbers[1:3], w1, atol=1.5e-3)
    assert numbers[3] == pytest.approx(np.abs(w1).sum(), abs=1.5e-3)
    np.testing.assert_allclose(numbers[4:6], w2, atol=1.5e-3)
    assert numbers[6] == pytest.approx(np.linalg.norm(w2), abs=1.5e-3)
    on_corner = np.sum(np.abs(w1) < 1e-9) == 1
    assert ("on a corner" in text) == on_corner


def test_the_l1_optimum_reaches_the_corner_and_then_the_origin(slider):
    texts = [slider.show_value(v) for v in slider.values]
    assert "on a corner" not in texts[0]
    assert any("on a corner" in t for t in texts)
    assert "at the origin" in texts[-1]  # lambda_max = max|Hc| = 2.65 < 2.8


def test_drawn_artists_sit_on_the_optimum_and_its_ball(slider):
    lam = 1.5
    slider.show_value(lam)
    w1, w2 = _sklearn_optima(lam)
    # the moving artists are the visible lines (the static ones are painted as one image)
    lines = [line for ax in slider.fig.axes for line in ax.get_lines() if line.get_visible()]
    points = [line for line in lines if len(line.get_xdata()) == 1]
    assert len(points) == 2
    np.testing.assert_allclose([points[0].get_xdata()[0], points[0].get_ydata()[0]], w1, atol=1e-6)
    np.testing.assert_allclose([points[1].get_xdata()[0], points[1].get_ydata()[0]], w2, atol=1e-6)
    diamond = [
        line for line in lines if line.axes is slider.fig.axes[0] and line.get_linestyle() == "--"
    ]
    circle = [
        line for line in lines if line.axes is slider.fig.axes[1] and line.get_linestyle() == "-"
    ]
    assert len(diamond) == len(circle) == 1
    x, y = diamond[0].get_xdata(), diamond[0].get_ydata()
    np.testing.assert_allclose(np.abs(x) + np.abs(y), np.abs(w1).sum(), atol=1e-6)
    x, y = circle[0].get_xdata(), circle[0].get_ydata()
    np.testing.assert_allclose(np.hypot(x, y), np.linalg.norm(w2), atol=1e-6)


def test_static_html_is_small_and_has_every_value(slider):
    html = slider.static_html()
    assert '<input type="range"' in html
    assert len(html) < 900_000  # the page budget is 1.5 MB for everything


def test_ball_outline_and_level_curve():
    x, y = figs.ball_outline(1.3, 2, 50)
    np.testing.assert_allclose(np.hypot(x, y), 1.3)
    q = figs.GEOMETRY_LOSS
    x, y = figs.level_curve(q, 0.7, 40)
    np.testing.assert_allclose([q(np.array(p)) for p in zip(x, y, strict=True)], 0.7)


def _small_cv():
    from lib import solvers

    rng = np.random.default_rng(5)
    X = rng.standard_normal((40, 4))
    y = X @ np.array([2.0, 0.0, 0.0, 1.0]) + rng.standard_normal(40)
    return solvers.cross_validate_alpha("lasso", X, y, np.logspace(0, -2, 15), cv=5)


def test_cv_curve_marks_the_minimum_and_the_one_standard_error_alpha():
    r = _small_cv()
    fig = figs.plot_cv_curve(r)
    ax = fig.axes[0]
    points = {
        line.get_marker(): (line.get_xdata()[0], line.get_ydata()[0])
        for line in ax.get_lines()
        if len(line.get_xdata()) == 1
    }
    # oracle: the rule recomputed from the fold errors (sd with ddof=1 over sqrt(K))
    mean = r.mse.mean(axis=1)
    se = r.mse.std(axis=1, ddof=1) / np.sqrt(r.mse.shape[1])
    best = int(np.argmin(mean))
    within = r.alphas[mean <= mean[best] + se[best]]
    assert points["o"] == pytest.approx((r.alphas[best], mean[best]))
    assert points["s"][0] == pytest.approx(within.max())
    plt.close(fig)


def test_static_figures_have_legible_text():
    a = np.logspace(-2, 2, 20)
    builders = [
        lambda: figs.plot_same_budget(),
        lambda: figs.plot_normal_cones(),
        lambda: figs.plot_corner_regions(np.ones((4, 2)), [True, False, True, False]),
        lambda: figs.plot_bias_variance(a, a, a + 1, a, a, 1.0),
        lambda: figs.plot_ridge_svd(
            a,
            np.column_stack([a, a]),
            np.column_stack([a, a, a]),
            np.ones(3),
            names=["w1", "w2", "w3"],
            alpha_mark=1.0,
        ),
        lambda: figs.plot_orthonormal_estimators(a, [a, a, a], labels=["r", "l", "b"]),
        lambda: figs.plot_bayes_estimates(a, [a, a], labels=["map", "mean"]),
        lambda: figs.plot_relevant_paths(
            [
                (np.column_stack([a, -a]), a, "Lasso", "red"),
                (np.column_stack([a, a]), a, "Ridge", "blue"),
            ],
            [0],
            mark_alpha=1.0,
        ),
        lambda: figs.plot_cv_curve(_small_cv()),
    ]
    for build in builders:
        fig = build()
        assert smallest_text_px(fig, COLUMN_PX) >= 10
        assert smallest_text_px(fig, PHONE_PX) >= 7.5
        plt.close(fig)


def test_same_budget_walks_the_boundary_from_minus_180_to_180_with_corners_marked():
    fig = figs.plot_same_budget()
    bx = fig.axes[1]
    curves = [line for line in bx.get_lines() if len(line.get_xdata()) > 100]
    for line in curves:
        x = np.asarray(line.get_xdata())
        assert x[0] == -180 and x[-1] == 180
    q = figs.GEOMETRY_LOSS
    l1 = np.asarray(curves[0].get_ydata())
    theta = np.asarray(curves[0].get_xdata())
    # oracle: the loss at the point of the diamond at each angle, computed directly
    for angle in (-135.0, -30.0, 0.0, 60.0, 90.0):
        k = int(np.argmin(np.abs(theta - angle)))
        u = np.array([np.cos(np.deg2rad(theta[k])), np.sin(np.deg2rad(theta[k]))])
        assert l1[k] == pytest.approx(q(1.5 * u / np.abs(u).sum()), rel=1e-12)
    marks = sorted(
        line.get_xdata()[0]
        for line in bx.get_lines()
        if len(line.get_xdata()) == 2 and line.get_xdata()[0] == line.get_xdata()[1]
    )
    assert marks == [-180, -90, 0, 90, 180]
    plt.close(fig)


def _in_cone(g, dirs):
    """g is a non-negative combination of the cone's edge directions (oracle: lstsq)."""
    coef, *_ = np.linalg.lstsq(np.array(dirs).T, g, rcond=None)
    return bool(np.all(coef >= -1e-9) and np.allclose(np.array(dirs).T @ coef, g, atol=1e-9))


@pytest.mark.parametrize(
    ("w", "p"),
    [((1.5, 0.0), 1), ((0.0, -1.5), 1), ((0.5, 1.0), 1), ((-1.2, -0.3), 1), ((0.9, 1.2), 2)],
)
def test_normal_cones_match_their_definition(w, p):
    w = np.array(w, float)
    t = float(np.sum(np.abs(w) ** p) ** (1 / p))
    dirs = figs.normal_cone_directions(w, t, p)
    theta = np.linspace(0, 2 * np.pi, 2001)
    u = np.column_stack([np.cos(theta), np.sin(theta)])
    ball = t * u / np.sum(np.abs(u) ** p, axis=1, keepdims=True) ** (1 / p)
    # the definition: g in N(w) iff g.(v - w) <= 0 for every v of the ball (boundary suffices)
    for g in u:
        in_by_definition = bool(np.all((ball - w) @ g <= 1e-9 * t))
        if in_by_definition:
            assert _in_cone(g, dirs), (g, dirs)
        elif not _in_cone(g, dirs):
            continue
        else:  # in the returned cone but violating the definition only by rounding
            assert np.max((ball - w) @ g) < 1e-6
    corner = p == 1 and np.any(w == 0)
    assert len(dirs) == (2 if corner else 1)


def test_spread_labels_keeps_order_and_gap_and_moves_little():
    rng = np.random.default_rng(1)
    for _ in range(50):
        y = rng.normal(size=rng.integers(2, 12)) * 3
        gap = 0.5
        out = figs.spread_labels(y, gap)
        order = np.argsort(y, kind="stable")
        assert np.all(np.diff(out[order]) >= gap - 1e-9)
        if np.all(np.diff(np.sort(y)) >= gap):
            np.testing.assert_allclose(out, y)  # nothing to do: nothing moves
        # each group is centred on its targets: the mean position is unchanged
        assert np.mean(out) == pytest.approx(np.mean(y))


def test_path_labels_do_not_overlap():
    X = np.random.default_rng(2).normal(size=(50, 8))
    coefs = np.cumsum(np.random.default_rng(3).normal(size=(30, 8)) * 0.05, axis=0)
    coefs[-1, :4] = 0.01 * np.arange(4)  # four curves that end almost together
    fig, ax = plt.subplots(figsize=(3.6, 3.4))
    figs.plot_path(ax, np.logspace(1, -2, 30), coefs, [f"x{j}" for j in range(8)], title="t")
    fig.canvas.draw()
    # the text itself (Annotation's own extent also covers the connector line)
    boxes = [matplotlib.text.Text.get_window_extent(t) for t in ax.texts]
    assert len(boxes) == 8
    for i in range(8):
        for j in range(i + 1, 8):
            assert not boxes[i].overlaps(boxes[j]), (
                ax.texts[i].get_text(),
                ax.texts[j].get_text(),
            )
    del X
    plt.close(fig)
