"""lib.robust against independent oracles: numpy, scipy.optimize and scikit-learn.

The L1 minimiser can be non-unique, so L1 fits are compared by their objective
sum |r| (and by coefficients only on data where the minimiser is unique almost surely).
scikit-learn's HuberRegressor also fits a scale sigma; at its optimum its coefficients
minimise our Huber objective with delta = epsilon * sigma, which makes it an exact oracle.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.optimize import brentq, minimize, minimize_scalar
from sklearn.linear_model import HuberRegressor, LinearRegression, QuantileRegressor

from lib.robust import (
    LOSSES,
    LinearFit,
    LineFit,
    fit_all,
    fit_constant,
    fit_line,
    fit_linear,
    influence,
    line_shift,
    total_loss,
)

SETTINGS = settings(max_examples=100, deadline=None)
values = st.floats(-100.0, 100.0, allow_nan=False, allow_infinity=False)
samples = st.integers(1, 25).flatmap(lambda n: arrays(float, n, elements=values))
deltas = st.floats(0.05, 20.0)


@st.composite
def line_data(draw, min_n=2, max_n=25):
    n = draw(st.integers(min_n, max_n))
    x = draw(arrays(float, n, elements=st.floats(-10, 10)))
    y = draw(arrays(float, n, elements=values))
    assume(np.ptp(x) > 1e-2)
    return x, y


def design(X):
    X = np.asarray(X, dtype=float)
    X = X[:, None] if X.ndim == 1 else X
    return np.column_stack([np.ones(len(X)), X])


def objective(X, y, beta, loss, delta=1.0):
    return total_loss(y - design(X) @ beta, loss, delta=delta)


def noisy_line(n=30, seed=0, outliers=3):
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 10, n)
    y = 1.5 - 0.8 * x + rng.normal(0, 0.5, n)
    y[rng.choice(n, outliers, replace=False)] += rng.choice([-1, 1], outliers) * 30
    return x, y


def noisy_linear(n=60, k=3, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, k))
    y = 0.5 + X @ rng.normal(size=k) + rng.standard_t(2, size=n)
    return X, y


# ----------------------------------------------------------------------------- constant


@SETTINGS
@given(y=samples)
def test_constant_l2_is_the_mean_and_l1_the_median(y):
    assert fit_constant(y, "l2") == pytest.approx(np.mean(y), rel=1e-12, abs=1e-12)
    assert fit_constant(y, "l1") == np.median(y)


def psi_sum(y, c, delta):
    return float(np.clip(y - c, -delta, delta).sum())


@SETTINGS
@given(y=samples, delta=deltas)
def test_constant_huber_solves_the_estimating_equation(y, delta):
    c = fit_constant(y, "huber", delta=delta)
    # optimality: sum psi(y_i - c) = 0
    assert abs(psi_sum(y, c, delta)) <= 1e-9 * y.size * delta
    # against scipy: a bounded scalar minimiser of the objective ...
    f = lambda u: total_loss(y - u, "huber", delta=delta)  # noqa: E731
    res = minimize_scalar(f, bounds=(y.min(), y.max()), method="bounded", options={"xatol": 1e-12})
    assert f(c) <= res.fun + 1e-10 * (1 + res.fun)
    # ... and, when the root is unique (a point well inside the quadratic zone makes the
    # estimating function strictly decreasing there), brentq to 1e-10. Otherwise every c in
    # an interval is a minimiser, e.g. y = [0]*11 + [7] + [11]*12, delta = 1.1: [8.1, 9.9].
    if np.any(np.abs(y - c) < delta - 1e-6) and np.ptp(y) > 0:
        root = brentq(lambda u: psi_sum(y, u, delta), y.min(), y.max(), xtol=1e-13)
        assert c == pytest.approx(root, abs=1e-10 * (1 + abs(root)))


@SETTINGS
@given(y=samples, delta=deltas, shift=values)
def test_constant_fits_are_shift_equivariant(y, delta, shift):
    for loss in LOSSES:
        c = fit_constant(y, loss, delta=delta)
        c_shift = fit_constant(y + shift, loss, delta=delta)
        assert c_shift == pytest.approx(c + shift, abs=1e-9 * (1 + abs(c) + abs(shift)))


def test_constant_huber_limits_are_mean_and_median():
    y = np.array([0.0, 1.0, 2.0, 3.0, 40.0])
    assert fit_constant(y, "huber", delta=1e3) == pytest.approx(y.mean(), rel=1e-12)
    # delta below half the smallest gap around the median: exactly the median
    assert fit_constant(y, "huber", delta=0.1) == pytest.approx(np.median(y), abs=1e-12)
    # in between: residuals -2.25, -1.25, -0.25, 0.75 and a clipped +3 sum to 0
    assert fit_constant(y, "huber", delta=3.0) == pytest.approx(2.25, abs=1e-12)


def test_constant_huber_flat_objective_returns_a_minimiser():
    # y = [-10, 10], delta = 1: every c in [-9, 9] minimises; symmetric data give 0
    assert fit_constant([-10.0, 10.0], "huber", delta=1.0) == pytest.approx(0.0, abs=1e-12)
    c = fit_constant([-10.0, 10.0, 10.5], "huber", delta=1.0)
    assert abs(psi_sum(np.array([-10.0, 10.0, 10.5]), c, 1.0)) < 1e-12


def test_constant_huber_on_a_flat_stretch_returns_a_root():
    # found by hypothesis: the root set is [8.1, 9.9], and 8.1 has a residual at -delta
    y = np.array([0.0] * 11 + [7.0] + [11.0] * 12)
    c = fit_constant(y, "huber", delta=1.1)
    assert 8.1 - 1e-9 <= c <= 9.9 + 1e-9
    assert abs(psi_sum(y, c, 1.1)) < 1e-9


def test_constant_fit_of_one_value_is_that_value():
    for loss in LOSSES:
        assert fit_constant([3.25], loss) == pytest.approx(3.25)


@pytest.mark.parametrize("d", [10.0, 100.0, 1e4, 1e6])
def test_mean_follows_an_outlier_median_does_not(d):
    y = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0])
    moved = y.copy()
    moved[-1] += d
    assert fit_constant(moved, "l2") - fit_constant(y, "l2") == pytest.approx(d / y.size)
    assert fit_constant(moved, "l1") == fit_constant(y, "l1")
    # Huber moves, but never by more than delta's worth of pull: bounded in d
    shift = fit_constant(moved, "huber", delta=1.0) - fit_constant(y, "huber", delta=1.0)
    assert 0 <= shift <= 1.0


# ----------------------------------------------------------------------------- L2 line


@pytest.mark.parametrize("seed", range(5))
def test_l2_line_matches_polyfit_and_sklearn(seed):
    x, y = noisy_line(seed=seed)
    b, w = fit_line(x, y, "l2")
    slope, intercept = np.polyfit(x, y, 1)
    assert (b, w) == pytest.approx((intercept, slope), rel=1e-10)
    lr = LinearRegression().fit(x[:, None], y)
    assert (b, w) == pytest.approx((lr.intercept_, lr.coef_[0]), rel=1e-10)


@pytest.mark.parametrize("seed", range(3))
def test_l2_linear_matches_sklearn(seed):
    X, y = noisy_linear(seed=seed)
    fit = fit_linear(X, y, "l2")
    lr = LinearRegression().fit(X, y)
    assert fit.intercept == pytest.approx(lr.intercept_, rel=1e-10)
    np.testing.assert_allclose(fit.coef, lr.coef_, rtol=1e-10)


# ----------------------------------------------------------------------------- L1


def quantile_oracle(X, y):
    X = np.asarray(X, dtype=float)
    X = X[:, None] if X.ndim == 1 else X
    qr = QuantileRegressor(quantile=0.5, alpha=0.0, solver="highs").fit(X, y)
    return np.r_[qr.intercept_, qr.coef_]


@pytest.mark.parametrize("seed", range(8))
def test_l1_line_matches_quantile_regression(seed):
    x, y = noisy_line(n=31, seed=seed)
    ours = np.array(fit_line(x, y, "l1"))
    theirs = quantile_oracle(x, y)
    f_ours, f_theirs = objective(x, y, ours, "l1"), objective(x, y, theirs, "l1")
    assert f_ours <= f_theirs * (1 + 1e-9)
    assert f_ours == pytest.approx(f_theirs, rel=1e-6)
    # continuous noise: the minimiser is unique almost surely, so coefficients agree too
    np.testing.assert_allclose(ours, theirs, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("k", [1, 2, 4])
def test_l1_linear_matches_quantile_regression(seed, k):
    X, y = noisy_linear(n=50, k=k, seed=seed)
    fit = fit_linear(X, y, "l1")
    ours = np.r_[fit.intercept, fit.coef]
    theirs = quantile_oracle(X, y)
    f_ours, f_theirs = objective(X, y, ours, "l1"), objective(X, y, theirs, "l1")
    assert f_ours == pytest.approx(f_theirs, rel=1e-6)
    assert f_ours <= f_theirs * (1 + 1e-9)
    np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-6)
    # a vertex: the fit passes exactly through k + 1 points
    r = y - design(X) @ ours
    assert np.sum(np.abs(r) < 1e-9 * (1 + np.abs(y).max())) >= k + 1


@SETTINGS
@given(data=line_data())
def test_l1_line_objective_at_least_as_good_as_highs(data):
    x, y = data
    ours = np.array(fit_line(x, y, "l1"))
    f_ours = objective(x, y, ours, "l1")
    f_theirs = objective(x, y, quantile_oracle(x, y), "l1")
    assert f_ours <= f_theirs * (1 + 1e-7) + 1e-9
    # and no small move of the line does better (local = global for a convex objective)
    for step in ([1e-4, 0], [-1e-4, 0], [0, 1e-4], [0, -1e-4], [1e-4, -1e-4], [-1e-4, 1e-4]):
        assert f_ours <= objective(x, y, ours + np.array(step), "l1") + 1e-9


def test_l1_degenerate_tied_data_regression():
    # found by hypothesis: four points on y = -1 stalled the vertex swaps at a non-optimum
    x = np.array([0.0, 1.0, -4.0, 0.0, 2.0, 2.0, 2.0])
    y = np.array([0.0, -1.0, -2.0, -1.0, -1.0, -1.0, -1.0])
    ours = np.array(fit_line(x, y, "l1"))
    assert objective(x, y, ours, "l1") == pytest.approx(11 / 6, rel=1e-9)
    assert objective(x, y, ours, "l1") <= objective(x, y, quantile_oracle(x, y), "l1") + 1e-12


@st.composite
def tied_linear_data(draw):
    """Small-integer data: many ties and points exactly on candidate fits (degenerate LPs)."""
    k = draw(st.integers(1, 3))
    n = draw(st.integers(k + 1, 15))
    ints = st.integers(-3, 3).map(float)
    X = draw(arrays(float, (n, k), elements=ints))
    y = draw(arrays(float, n, elements=ints))
    assume(np.linalg.matrix_rank(design(X)) == k + 1)
    return X, y


@SETTINGS
@given(data=tied_linear_data())
def test_l1_on_tied_data_is_as_good_as_highs(data):
    X, y = data
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit = fit_linear(X, y, "l1")
    f_ours = objective(X, y, np.r_[fit.intercept, fit.coef], "l1")
    f_theirs = objective(X, y, quantile_oracle(X, y), "l1")
    assert f_ours <= f_theirs * (1 + 1e-7) + 1e-9


def test_l1_non_unique_minimiser_still_minimal():
    # two points above, two below a whole band of lines: many minimisers, one objective
    x = np.array([0.0, 0.0, 1.0, 1.0])
    y = np.array([0.0, 1.0, 0.0, 1.0])
    ours = np.array(fit_line(x, y, "l1"))
    assert objective(x, y, ours, "l1") == pytest.approx(2.0)


# ----------------------------------------------------------------------------- Huber


def huber_scipy(X, y, delta):
    A = design(X)

    def f(beta):
        return total_loss(y - A @ beta, "huber", delta=delta)

    def g(beta):
        return -A.T @ np.clip(y - A @ beta, -delta, delta)

    res = minimize(f, np.zeros(A.shape[1]), jac=g, method="BFGS", options={"gtol": 1e-11})
    return res.x


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("delta", [0.3, 1.0, 5.0])
def test_huber_line_matches_scipy_minimize(seed, delta):
    x, y = noisy_line(seed=seed)
    ours = np.array(fit_line(x, y, "huber", delta=delta))
    theirs = huber_scipy(x, y, delta)
    assert objective(x, y, ours, "huber", delta) <= objective(x, y, theirs, "huber", delta) + 1e-9
    np.testing.assert_allclose(ours, theirs, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("k", [1, 3])
def test_huber_matches_sklearn_huber_regressor_at_its_scale(seed, k):
    X, y = noisy_linear(n=80, k=k, seed=seed)
    hr = HuberRegressor(alpha=0.0, epsilon=1.35, max_iter=10_000, tol=1e-12).fit(X, y)
    delta = hr.epsilon * hr.scale_  # at sklearn's sigma, its coef minimise our objective
    fit = fit_linear(X, y, "huber", delta=delta)
    ours = np.r_[fit.intercept, fit.coef]
    theirs = np.r_[hr.intercept_, hr.coef_]
    assert objective(X, y, ours, "huber", delta) <= objective(X, y, theirs, "huber", delta)
    np.testing.assert_allclose(ours, theirs, rtol=1e-4, atol=1e-4)


@SETTINGS
@given(data=line_data(min_n=3), delta=deltas)
def test_huber_line_is_stationary_and_beats_l2_and_scipy(data, delta):
    x, y = data
    ours = np.array(fit_line(x, y, "huber", delta=delta))
    A = design(x)
    grad = -A.T @ np.clip(y - A @ ours, -delta, delta)
    assert np.all(np.abs(grad) <= 1e-7 * delta * len(y) * (1 + np.abs(A).max(axis=0)))
    f_ours = objective(x, y, ours, "huber", delta)
    assert f_ours <= objective(x, y, np.array(fit_line(x, y, "l2")), "huber", delta) + 1e-9
    assert f_ours <= objective(x, y, huber_scipy(x, y, delta), "huber", delta) + 1e-9


def test_huber_with_huge_delta_is_least_squares():
    x, y = noisy_line(seed=1)
    np.testing.assert_allclose(fit_line(x, y, "huber", delta=1e6), fit_line(x, y, "l2"))


# ----------------------------------------------------------------------------- all losses


@pytest.mark.parametrize("loss", LOSSES)
def test_exact_data_are_fitted_exactly(loss):
    x = np.linspace(-3, 5, 9)
    b, w = fit_line(x, 2.0 - 0.5 * x, loss)
    assert (b, w) == pytest.approx((2.0, -0.5), abs=1e-12)
    X = np.random.default_rng(0).normal(size=(10, 3))
    fit = fit_linear(X, 1.0 + X @ [1.0, -2.0, 3.0], loss)
    assert fit.intercept == pytest.approx(1.0, abs=1e-10)
    np.testing.assert_allclose(fit.coef, [1.0, -2.0, 3.0], atol=1e-10)


@pytest.mark.parametrize("loss", LOSSES)
def test_return_types(loss):
    x, y = noisy_line()
    line = fit_line(x, y, loss)
    assert isinstance(line, LineFit) and type(line.intercept) is float
    assert type(line.slope) is float
    lin = fit_linear(x[:, None], y, loss)
    assert isinstance(lin, LinearFit) and lin.coef.shape == (1,)
    assert (lin.intercept, lin.coef[0]) == pytest.approx(tuple(line))
    assert type(fit_constant(y, loss)) is float


@pytest.mark.parametrize("loss", LOSSES)
def test_two_points_determine_the_line(loss):
    assert fit_line([0.0, 2.0], [1.0, 5.0], loss) == pytest.approx((1.0, 2.0))


@pytest.mark.parametrize("loss", LOSSES)
def test_inputs_are_not_modified(loss):
    x, y = noisy_line()
    x0, y0 = x.copy(), y.copy()
    fit_line(x, y, loss)
    fit_constant(y, loss)
    np.testing.assert_array_equal(x, x0)
    np.testing.assert_array_equal(y, y0)


def test_lo4_lo9_one_moved_point_drags_l2_without_bound_but_l1_and_huber_by_a_bounded_amount():
    """Claims LO4/LO9: L2's displacement grows linearly in d; L1's and Huber's stay bounded."""
    x, y = noisy_line(n=30, seed=4, outliers=0)
    base = {loss: np.array(fit_line(x, y, loss, delta=1.0)) for loss in LOSSES}
    ds = np.array([10.0, 100.0, 1e3, 1e4, 1e5])
    moves = {loss: [] for loss in LOSSES}
    for d in ds:
        y_moved = y.copy()
        y_moved[7] += d
        for loss in LOSSES:
            moves[loss].append(np.linalg.norm(np.array(fit_line(x, y_moved, loss)) - base[loss]))
    l2 = np.array(moves["l2"])
    # least squares is linear in y: the displacement is exactly proportional to d
    np.testing.assert_allclose(l2 / ds, l2[0] / ds[0], rtol=1e-6)
    assert l2[-1] > 1e3
    for loss in ("l1", "huber"):
        m = np.array(moves[loss])
        assert m.max() < 1.0, (loss, m)  # bounded, far below L2's
        assert m[-1] == pytest.approx(m[-2], abs=1e-8)  # no longer grows with d


# ----------------------------------------------------------------------------- influence


@SETTINGS
@given(r=arrays(float, st.integers(1, 20), elements=values), delta=deltas)
def test_influence_values_and_bounds(r, delta):
    psi = influence(r, "huber", delta=delta)
    assert np.all(np.abs(psi) <= delta)
    assert np.all(np.abs(influence(r, "l1")) <= 1)
    inside = np.abs(r) <= delta
    np.testing.assert_array_equal(psi[inside], r[inside])
    np.testing.assert_array_equal(np.abs(psi[~inside]), delta)


@pytest.mark.parametrize("loss", LOSSES)
def test_influence_is_the_derivative_of_the_per_point_loss(loss):
    r = np.array([-3.1, -1.7, -0.4, 0.3, 0.9, 2.2, 5.0])  # away from 0 and +-delta
    h = 1e-6
    fd = np.array(
        [
            (total_loss([ri + h], loss, delta=1.3) - total_loss([ri - h], loss, delta=1.3))
            / (2 * h)
            for ri in r
        ]
    )
    np.testing.assert_allclose(influence(r, loss, delta=1.3), fd, rtol=1e-6)


def test_influence_at_zero_is_zero_and_keeps_shape():
    for loss in LOSSES:
        out = influence(np.zeros((2, 3)), loss)
        assert out.shape == (2, 3)
        np.testing.assert_array_equal(out, 0.0)
        assert not np.any(np.signbit(out))


def test_total_loss_matches_the_loss_module():
    from lib.losses import huber, sae, sse

    rng = np.random.default_rng(0)
    y, yhat = rng.normal(size=20), rng.normal(size=20) * 3
    assert total_loss(y - yhat, "l2") == pytest.approx(sse(y, yhat))
    assert total_loss(y - yhat, "l1") == pytest.approx(sae(y, yhat))
    assert total_loss(y - yhat, "huber", delta=0.8) == pytest.approx(20 * huber(y, yhat, 0.8))


# ----------------------------------------------------------------------------- warnings


@pytest.mark.parametrize("loss", ["l1", "huber"])
def test_running_out_of_iterations_warns(loss):
    x, y = noisy_line(n=40, seed=0, outliers=6)
    with pytest.warns(RuntimeWarning, match="max_iter"):
        fit_line(x, y, loss, max_iter=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit_line(x, y, loss)


# ----------------------------------------------------------------------------- extreme data


@pytest.mark.parametrize("offset", [1e6, 1e9, 1e12])
def test_l2_line_with_a_large_offset_matches_sklearn_and_centred_lstsq(offset):
    # issue 12: fit_line(1e9 + arange(6), 2 arange(6)) refused this well-posed line
    rng = np.random.default_rng(5)
    t = np.arange(6.0)
    x, y = offset + t, 2.0 * t + rng.normal(0.0, 0.1, 6)
    b, w = fit_line(x, y)
    lr = LinearRegression().fit(x[:, None], y)
    xc = x - x.mean()  # an independent route: lstsq on the centred design
    (bc, wc), *_ = np.linalg.lstsq(np.column_stack([np.ones(6), xc]), y, rcond=None)
    assert w == pytest.approx(lr.coef_[0], rel=1e-9)
    assert w == pytest.approx(wc, rel=1e-9)
    assert b == pytest.approx(lr.intercept_, rel=1e-9)
    assert b == pytest.approx(bc - wc * x.mean(), rel=1e-9)


def test_the_issue_12_line_with_offset_1e9():
    b, w = fit_line(1e9 + np.arange(6.0), 2.0 * np.arange(6.0))
    assert (w, b) == (pytest.approx(2.0, rel=1e-12), pytest.approx(-2e9, rel=1e-12))


@pytest.mark.parametrize("loss", ["l1", "huber"])
def test_l1_and_huber_lines_with_a_large_offset_match_oracles_on_the_centred_x(loss):
    x0, y = noisy_line(n=25, seed=3)
    offset = 1e9
    x = offset + x0  # x0 = x - offset, computed exactly here
    b, w = fit_line(x, y, loss)
    theirs = quantile_oracle(x0, y) if loss == "l1" else huber_scipy(x0, y, 1.0)
    ours_centred = np.array([b + w * offset, w])  # the same line in terms of x0
    f_ours = objective(x0, y, ours_centred, loss)
    f_theirs = objective(x0, y, theirs, loss)
    assert f_ours <= f_theirs * (1 + 1e-9) + 1e-6  # 1e-6: b + w * offset rounds at ~1e-7
    np.testing.assert_allclose(ours_centred, theirs, rtol=1e-6, atol=1e-5)


@pytest.mark.parametrize("scale", [1e155, 1e200, 1e300, 1e-200, 1e-300])
def test_constant_fits_at_extreme_scales_match_oracles_at_unit_scale(scale):
    y = np.array([0.3, 1.0, 1.2, 2.0, 9.0])
    delta = 1.0
    root = brentq(lambda u: psi_sum(y, u, delta), y.min(), y.max(), xtol=1e-15)
    assert fit_constant(y * scale, "huber", delta=delta * scale) == pytest.approx(
        root * scale, rel=1e-9
    )
    assert fit_constant(y * scale, "l2") == pytest.approx(np.mean(y) * scale, rel=1e-14)
    assert fit_constant(y * scale, "l1") == pytest.approx(np.median(y) * scale, rel=1e-15)


def test_issue_12_constants_near_the_float_limit():
    assert fit_constant([1e308, 1e308]) == 1e308  # the mean, not inf
    assert fit_constant([1e308, 1.5e308], "l1") == 1.25e308  # the midpoint median, not inf
    # |y| >= 1e155 with delta = 1: every point is in the linear zone, so the Huber
    # estimate solves sum sign(y_i - c) = 0: the median of three, 1e155 (was 9.2e154)
    assert fit_constant([-1e156, 1e156, 1e155], "huber") == pytest.approx(1e155, rel=1e-12)
    assert fit_constant([1e155] * 2, "huber") == 1e155


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("scale", [1e150, 1e-150])
def test_line_fits_at_extreme_scales_match_oracles_at_unit_scale(loss, scale):
    x, y = noisy_line(n=20, seed=2)
    if loss == "l2":
        lr = LinearRegression().fit(x[:, None], y)
        theirs = np.r_[lr.intercept_, lr.coef_]
    else:
        theirs = quantile_oracle(x, y) if loss == "l1" else huber_scipy(x, y, 1.0)
    b, w = fit_line(x * scale, y * scale, loss, delta=scale)
    np.testing.assert_allclose([b / scale, w], theirs, rtol=1e-6, atol=1e-6)


# ----------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("x", "y", "error", "match"),
    [
        ([1.0, np.nan, 3.0], [1.0, 2.0, 3.0], ValueError, "NaN"),
        ([1.0, 2.0, 3.0], [1.0, 2.0, np.inf], ValueError, "NaN"),
        ([1.0, 2.0, 3.0], [1.0, 2.0], ValueError, "same shape"),
        ([1.0], [1.0], ValueError, "at least 2"),
        ([], [], ValueError, "empty"),
        ([2.0, 2.0, 2.0], [1.0, 2.0, 3.0], ValueError, "distinct"),
        ([[1.0, 2.0]], [[1.0, 2.0]], ValueError, "1-D"),
        ("abc", [1.0, 2.0, 3.0], TypeError, "numeric"),
        ([1.0, 2.0], ["a", "b"], TypeError, "numeric"),
    ],
)
def test_fit_line_bad_data(x, y, error, match):
    with pytest.raises(error, match=match):
        fit_line(x, y)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (dict(loss="l3"), ValueError, "loss must be one of"),
        (dict(loss="L2"), ValueError, "loss must be one of"),
        (dict(loss=None), TypeError, "loss"),
        (dict(loss=2), TypeError, "loss"),
        (dict(loss="huber", delta=-1.0), ValueError, "delta"),
        (dict(loss="huber", delta=0.0), ValueError, "delta"),
        (dict(loss="l2", delta=-1.0), ValueError, "delta"),
        (dict(loss="huber", delta=np.nan), ValueError, "delta"),
        (dict(loss="huber", delta=np.inf), ValueError, "delta"),
        (dict(loss="huber", delta="1"), TypeError, "delta"),
        (dict(loss="l1", max_iter=0), ValueError, "max_iter"),
        (dict(loss="l1", max_iter=2.5), TypeError, "max_iter"),
        (dict(loss="huber", tol=0.0), ValueError, "tol"),
        (dict(loss="huber", tol=-1e-3), ValueError, "tol"),
    ],
)
def test_fit_line_bad_options(kwargs, error, match):
    with pytest.raises(error, match=match):
        fit_line([0.0, 1.0, 2.0], [0.0, 1.0, 3.0], **kwargs)


@pytest.mark.parametrize(
    ("y", "kwargs", "error"),
    [
        ([1.0, np.nan], {}, ValueError),
        ([], {}, ValueError),
        ([[1.0, 2.0]], {}, ValueError),
        ("12", {}, TypeError),
        ([1.0, 2.0], dict(loss="median"), ValueError),
        ([1.0, 2.0], dict(loss=None), TypeError),
        ([1.0, 2.0], dict(loss="huber", delta=-0.5), ValueError),
        ([1.0, 2.0], dict(loss="huber", delta=0.0), ValueError),
    ],
)
def test_fit_constant_bad_input(y, kwargs, error):
    with pytest.raises(error):
        fit_constant(y, **kwargs)


@pytest.mark.parametrize(
    ("X", "y", "match"),
    [
        (np.arange(4.0), np.arange(4.0), "2-D"),
        (np.ones((4, 2)), np.arange(3.0), "same number of samples"),
        (np.random.default_rng(0).normal(size=(3, 3)), np.arange(3.0), "at least"),
        (np.column_stack([np.arange(5.0), np.ones(5)]), np.arange(5.0), "rank"),
        (np.column_stack([np.arange(5.0), 2 * np.arange(5.0)]), np.arange(5.0), "rank"),
    ],
)
@pytest.mark.parametrize("loss", LOSSES)
def test_fit_linear_bad_shapes(X, y, match, loss):
    with pytest.raises(ValueError, match=match):
        fit_linear(X, y, loss)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        (dict(loss="l4"), ValueError),
        (dict(loss="huber", delta=-1.0), ValueError),
        (dict(loss="l2", delta=None), TypeError),
    ],
)
def test_influence_and_total_loss_bad_options(kwargs, error):
    for func in (influence, total_loss):
        with pytest.raises(error):
            func([1.0, -2.0], **kwargs)
    for func in (influence, total_loss):
        with pytest.raises(ValueError):
            func([1.0, np.nan], "l2")


# ----------------------------------------------------------------------------- comparisons


def test_fit_all_matches_numpy_sklearn_and_scipy():
    x, y = noisy_line(n=15, seed=6)
    f = fit_all(x, y, delta=1.0)
    assert f.mean == pytest.approx(np.mean(y), rel=1e-14)
    assert f.median == np.median(y)
    root = brentq(lambda u: psi_sum(y, u, 1.0), y.min(), y.max(), xtol=1e-14)
    assert f.huber_constant == pytest.approx(root, abs=1e-10)
    lr = LinearRegression().fit(x[:, None], y)
    np.testing.assert_allclose(f.least_squares, [lr.intercept_, lr.coef_[0]], rtol=1e-10)
    assert objective(x, y, np.array(f.least_absolute), "l1") <= objective(
        x, y, quantile_oracle(x, y), "l1"
    ) * (1 + 1e-9)
    np.testing.assert_allclose(f.huber_line, huber_scipy(x, y, 1.0), rtol=1e-6, atol=1e-6)


def test_line_shift_is_the_largest_gap_on_a_dense_grid():
    rng = np.random.default_rng(3)
    xs = np.linspace(-2.0, 5.0, 7001)  # contains both ends
    for _ in range(20):
        a, b = rng.normal(size=2), rng.normal(size=2)
        brute = np.max(np.abs((a[0] + a[1] * xs) - (b[0] + b[1] * xs)))
        assert line_shift(a, b, (-2.0, 5.0)) == pytest.approx(brute, rel=1e-12)


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        (((0.0, 1.0, 2.0), (0.0, 1.0), (0.0, 1.0)), ValueError, "line_a"),
        (((0.0, 1.0), (0.0, 1.0), (2.0, 1.0)), ValueError, "lo <= hi"),
        (((0.0, 1.0), None, (0.0, 1.0)), TypeError, "line_b"),
        (((0.0, 1e308), (0.0, -1e308), (0.0, 10.0)), ValueError, "overflows"),
    ],
)
def test_line_shift_bad_input(args, error, match):
    with pytest.raises(error, match=match):
        line_shift(*args)
