"""lib.figures.losses: descent helpers, line shifts, the static figures and the outlier slider."""

from __future__ import annotations

import re

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure
from sklearn.linear_model import LinearRegression

from lib.figures import losses as fl
from lib.widgets import SliderFigure


def test_mse_descent_follows_the_closed_form():
    y = np.array([2.0, -1.0, 5.0, 0.5])
    path = fl.constant_descent(y, "mse", c0=10.0, learning_rate=0.1, n_steps=30)
    k = np.arange(31)
    np.testing.assert_allclose(path, y.mean() + 0.8**k * (10.0 - y.mean()))


def test_mae_descent_takes_steps_of_fixed_size_and_chatters():
    y = np.array([2.0, -1.0, 5.0, 0.5, 3.0])
    path = fl.constant_descent(y, "mae", c0=10.3, learning_rate=0.5, n_steps=60)
    steps = np.abs(np.diff(path))
    # far from the median every point pulls the same way: step = learning_rate * 1
    assert steps[0] == pytest.approx(0.5)
    # near the median the steps never shrink below learning_rate / n
    assert steps[-20:].min() >= 0.5 / y.size - 1e-12
    assert abs(path[-1] - np.median(y)) <= 0.5


@pytest.mark.parametrize(
    "kw",
    [
        {"loss": "l1", "c0": 0.0, "learning_rate": 0.1, "n_steps": 3},
        {"loss": "mae", "c0": 0.0, "learning_rate": 0.0, "n_steps": 3},
        {"loss": "mae", "c0": 0.0, "learning_rate": 0.1, "n_steps": -1},
    ],
)
def test_constant_descent_refuses_bad_input(kw):
    with pytest.raises(ValueError):
        fl.constant_descent([1.0, 2.0], **kw)


def test_line_shift_is_the_largest_gap_on_a_dense_grid():
    rng = np.random.default_rng(3)
    for _ in range(20):
        a, b = rng.normal(size=2), rng.normal(size=2)
        xs = np.linspace(-2.0, 5.0, 7001)
        brute = np.max(np.abs((a[0] + a[1] * xs) - (b[0] + b[1] * xs)))
        assert fl.line_shift(a, b, (-2.0, 5.0)) == pytest.approx(brute, rel=1e-12)


def test_fit_all_matches_numpy_and_sklearn():
    y = fl.moved_data(7.0)
    f = fl.fit_all(fl.OUTLIER_X, y, delta=1.0)
    assert f.mean == pytest.approx(np.mean(y))
    assert f.median == pytest.approx(np.median(y))
    lr = LinearRegression().fit(fl.OUTLIER_X[:, None], y)
    assert f.least_squares == pytest.approx((lr.intercept_, lr.coef_[0]))


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
    fig = Figure()
    fl.plot_constant_losses(fig.add_subplot(), [1.0, 2.0, 6.0])
    fl.plot_abs_and_square(Figure().subplots(1, 2))
    fl.plot_descent(Figure().add_subplot(), [1.0, 2.0, 6.0], c0=0.0, learning_rate=0.5, n_steps=5)
    fl.plot_influence(Figure().add_subplot())
    curves = fl.plot_fit_movement(Figure().add_subplot(), [0.0, 5.0, 10.0])
    ls = curves["least squares"]
    assert ls[2] == pytest.approx(2 * ls[1])  # linear in d
    h = fl.plot_huber_bridge(Figure().add_subplot(), [1.0, 2.0, 3.0, 20.0, 4.0], [1e-3, 100.0])
    assert h[0] == pytest.approx(3.0, abs=0.01) and h[-1] == pytest.approx(6.0)
