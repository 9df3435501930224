"""lib.figures.losses: the static figures and the outlier slider.

The numeric helpers they draw (constant_descent, fit_all, line_shift) live in lib.losses and
lib.robust and are tested in tests/test_losses.py and tests/test_robust.py.
"""

from __future__ import annotations

import re

import matplotlib
import matplotlib.text
import numpy as np
import pytest
from figure_text import smallest_text_px
from matplotlib.figure import Figure
from sklearn.linear_model import LinearRegression

from lib.figures import losses as fl
from lib.widgets import SliderFigure


@pytest.fixture(scope="module")
def slider():
    return fl.SLIDERS["outlier slider (losses)"]()


def _numbers(readout):
    return [float(v) for v in re.findall(r"-?\d+\.\d+", readout)]


def test_sliders_registry_builds_a_slider_figure(slider):
    assert isinstance(slider, SliderFigure)
    assert 20 <= len(slider.values) <= 40
    w, h = slider.fig.get_size_inches() * slider.fig.dpi
    assert w <= 640 and h <= 400


def test_moving_the_slider_changes_the_frame_and_the_readout(slider):
    png0, text0 = slider.render(slider.values[0])
    png1, text1 = slider.render(slider.values[-1])
    assert png0 != png1 and text0 != text1


def test_readout_numbers_equal_an_independent_computation(slider):
    d = slider.values[12]
    readout = slider.show_value(d)
    mean_move, median_move, _, ls_move, _, _ = _numbers(readout)
    y0, y = fl.OUTLIER_Y, fl.moved_data(d)
    assert mean_move == pytest.approx(abs(y.mean() - y0.mean()), abs=0.006)
    assert median_move == pytest.approx(abs(np.median(y) - np.median(y0)), abs=0.006)
    x = fl.OUTLIER_X[:, None]
    lines = [LinearRegression().fit(x, v) for v in (y0, y)]
    gap = np.abs(lines[1].predict([[0.0], [9.0]]) - lines[0].predict([[0.0], [9.0]])).max()
    assert ls_move == pytest.approx(gap, abs=0.006)


def test_the_static_html_has_one_frame_per_distinct_picture(slider):
    html = slider.static_html()
    assert html.count('<input type="range"') == 1
    assert len(html) < 400_000  # well under the 1.5 MB page budget


def test_static_figures_draw():
    matplotlib.use("Agg")
    fl.plot_constant_losses(Figure().subplots(1, 2), [1.0, 2.0, 6.0])
    fl.plot_abs_and_square(Figure().subplots(1, 2))
    fl.plot_descent(Figure().add_subplot(), [1.0, 2.0, 6.0], c0=0.0, learning_rate=0.5, n_steps=5)
    fl.plot_influence(Figure().add_subplot())
    curves = fl.plot_fit_movement(Figure().add_subplot(), [0.0, 5.0, 10.0])
    ls = curves["least squares"]
    assert ls[2] == pytest.approx(2 * ls[1])  # linear in d
    h = fl.plot_huber_bridge(Figure().add_subplot(), [1.0, 2.0, 3.0, 20.0, 4.0], [1e-3, 100.0])
    assert h[0] == pytest.approx(3.0, abs=0.01) and h[-1] == pytest.approx(6.0)


def test_constant_losses_are_two_panels_each_with_its_own_scale():
    # Figure F4: twin y axes invited comparing the heights of MAE and MSE.
    fig = Figure()
    axes = fig.subplots(1, 2)
    y = np.array([2.0, 3.0, 3.5, 5.0, 11.5])
    fl.plot_constant_losses(axes, y)
    assert len(fig.axes) == 2  # no twin axes
    (mae_line, *_), (mse_line, *_) = axes[0].lines, axes[1].lines
    c = mae_line.get_xdata()
    np.testing.assert_allclose(mae_line.get_ydata(), [np.mean(np.abs(y - v)) for v in c])
    np.testing.assert_allclose(mse_line.get_ydata(), [np.mean((y - v) ** 2) for v in c])


def test_influence_curves_share_one_convention():
    # Figure F2: L2 drawn as psi = 2r next to Huber's psi = r missed Huber's middle part.
    ax = Figure().add_subplot()
    fl.plot_influence(ax, deltas=(0.5, 1.5))
    l2, l1, *hubers = ax.lines
    r = l2.get_xdata()
    np.testing.assert_allclose(l2.get_ydata(), r)  # rho = r^2 / 2
    np.testing.assert_allclose(l1.get_ydata(), np.sign(r))
    for line, delta in zip(hubers, (0.5, 1.5), strict=True):
        inside = np.abs(r) <= delta
        np.testing.assert_allclose(line.get_ydata()[inside], l2.get_ydata()[inside])
        np.testing.assert_allclose(line.get_ydata()[~inside], delta * np.sign(r[~inside]))


def test_leverage_figure_fits_the_data_with_the_wrong_x():
    from sklearn.linear_model import QuantileRegressor

    ax = Figure().add_subplot()
    ls, lad, _ = fl.plot_leverage(ax, fl.OUTLIER_X, fl.OUTLIER_Y, index=1, bad_x=30.0)
    x_bad = fl.OUTLIER_X.copy()
    x_bad[1] = 30.0
    lr = LinearRegression().fit(x_bad[:, None], fl.OUTLIER_Y)
    assert (ls.intercept, ls.slope) == pytest.approx((lr.intercept_, lr.coef_[0]))
    qr = QuantileRegressor(quantile=0.5, alpha=0.0, solver="highs")
    qr.fit(x_bad[:, None], fl.OUTLIER_Y)

    def sae(b, w):
        return np.abs(fl.OUTLIER_Y - b - w * x_bad).sum()

    assert sae(*lad) == pytest.approx(sae(qr.intercept_, qr.coef_[0]), abs=1e-9)
    assert (
        lad.slope
        < 0
        < QuantileRegressor(quantile=0.5, alpha=0.0, solver="highs")
        .fit(fl.OUTLIER_X[:, None], fl.OUTLIER_Y)
        .coef_[0]
    )


def test_outlier_slider_text_is_at_least_10_px_in_its_frame(slider):
    slider.render(slider.values[0])
    assert smallest_text_px(slider.fig) >= 10.0


def test_static_figures_have_no_text_below_10_points():
    # 10 pt at the chapters' 100 dpi is 13.9 px at 1280 px, and still about 7.7 px when a
    # 6.4-inch figure is shrunk to a 390-px phone column.
    builders = [
        (lambda fig: fl.plot_constant_losses(fig.subplots(1, 2), fl.OUTLIER_Y)),
        (lambda fig: fl.plot_abs_and_square(fig.subplots(1, 2))),
        (
            lambda fig: fl.plot_descent(
                fig.add_subplot(), fl.OUTLIER_Y, c0=9.0, learning_rate=0.8, n_steps=5
            )
        ),
        (lambda fig: fl.plot_influence(fig.add_subplot())),
        (lambda fig: fl.plot_fit_movement(fig.add_subplot(), [0.0, 5.0])),
        (lambda fig: fl.plot_huber_bridge(fig.add_subplot(), fl.OUTLIER_Y, [0.1, 10.0])),
        (lambda fig: fl.plot_leverage(fig.add_subplot(), fl.OUTLIER_X, fl.OUTLIER_Y, 1, 30.0)),
    ]
    for build in builders:
        fig = Figure(figsize=(6.4, 4.0), dpi=72)  # at 72 dpi, 1 pt = 1 px
        build(fig)
        assert smallest_text_px(fig) >= 10.0
