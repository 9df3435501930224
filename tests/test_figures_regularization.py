"""lib.figures.regularization: the lambda slider and the numbers behind the chapter's figures.

The readout and the drawn artists are compared with scikit-learn's Lasso and Ridge on data
built to have the figure's loss bowl; path_errors with scikit-learn's estimators.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from sklearn.linear_model import Lasso, Ridge

from lib.figures import regularization as figs
from lib.widgets import SliderFigure


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


def test_sliders_registry_builds_a_slider_with_25_to_40_values(slider):
    assert isinstance(slider, SliderFigure)
    assert 25 <= len(slider.values) <= 40
    assert slider.values[0] == 0.0
    width, height = slider.fig.get_size_inches() * slider.fig.dpi
    assert width <= 640 and height <= 400


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


@pytest.mark.parametrize("kind", ["lasso", "ridge"])
def test_path_errors_match_sklearn(kind):
    rng = np.random.default_rng(4)
    X = rng.standard_normal((60, 5)) + 2.0
    y = X @ rng.standard_normal(5) + 3.0 + rng.standard_normal(60)
    X_test = rng.standard_normal((40, 5)) + 2.0
    y_test = rng.standard_normal(40)
    alphas = [5.0, 0.3, 0.01]
    e = figs.path_errors(kind, X, y, X_test, y_test, alphas)
    for i, alpha in enumerate(alphas):
        if kind == "lasso":
            model = Lasso(alpha=alpha, tol=1e-12, max_iter=10**6).fit(X, y)
        else:
            model = Ridge(alpha=alpha).fit(X, y)
        assert e.train_mse[i] == pytest.approx(np.mean((model.predict(X) - y) ** 2), rel=1e-6)
        assert e.test_mse[i] == pytest.approx(
            np.mean((model.predict(X_test) - y_test) ** 2), rel=1e-6
        )
    with pytest.raises(ValueError, match="kind"):
        figs.path_errors("huber", X, y, X_test, y_test, alphas)
