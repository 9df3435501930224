"""Claims LO1-LO9 of the source note (chapter "Losses"), each checked against an oracle.

Oracles: plain numpy (norms, means, medians, finite differences), scikit-learn
(``mean_absolute_error``, ``mean_squared_error``, ``LinearRegression``,
``QuantileRegressor``, ``HuberRegressor``) and closed forms.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from scipy.optimize import linprog, minimize_scalar
from sklearn.linear_model import HuberRegressor, LinearRegression, QuantileRegressor
from sklearn.metrics import mean_absolute_error, mean_squared_error

import lib
from lib.losses import constant_descent
from lib.robust import line_shift

RNG = np.random.default_rng(20)
Y = RNG.normal(3.0, 2.0, 9)
Y_PRED = RNG.normal(3.0, 1.0, 9)
GRID = np.linspace(Y.min() - 1, Y.max() + 1, 20001)

# A line with one point (index 6) to drag: x = 0..11, y near 1 + 0.5 x.
X_LINE = np.arange(12.0)
Y_LINE = 1.0 + 0.5 * X_LINE + np.random.default_rng(1).normal(0, 0.3, 12)
SHIFTS = np.array([0.0, 5.0, 20.0, 100.0, 1000.0])

# The outliers page's data (lib/figures/losses.py defines it the same way; claim tests do not
# import lib.figures).
OUTLIER_X = np.arange(10.0)
OUTLIER_Y = np.round(1.0 + 0.5 * OUTLIER_X + np.random.default_rng(4).normal(0.0, 0.4, 10), 2)


def _dragged(d):
    y = Y_LINE.copy()
    y[6] += d
    return y


def _over_grid(loss):
    return np.array([loss(Y, np.full_like(Y, c)) for c in GRID])


def _oracle_line_moves(make_estimator):
    """How far scikit-learn's line moves (largest change over x) as the point is dragged."""
    lines = []
    for d in SHIFTS:
        est = make_estimator().fit(X_LINE[:, None], _dragged(d))
        lines.append((est.intercept_, est.coef_[0]))
    x_range = (X_LINE.min(), X_LINE.max())
    return np.array([line_shift(line, lines[0], x_range) for line in lines])


def _our_line_moves(loss, **kw):
    lines = [lib.fit_line(X_LINE, _dragged(d), loss, **kw) for d in SHIFTS]
    x_range = (X_LINE.min(), X_LINE.max())
    return np.array([line_shift(line, lines[0], x_range) for line in lines])


def test_LO1_a_loss_is_a_function_of_the_residuals_aggregated_over_the_data():
    r = Y - Y_PRED
    # aggregated per-point functions of the residual (numpy oracle)
    assert lib.sae(Y, Y_PRED) == pytest.approx(np.sum(np.abs(r)))
    assert lib.mse(Y, Y_PRED) == pytest.approx(np.mean(r**2))
    # only the residuals matter: shift actual and predicted values together
    shift = RNG.normal(size=Y.size) * 10
    assert lib.sse(Y + shift, Y_PRED + shift) == pytest.approx(lib.sse(Y, Y_PRED))
    # the raw difference itself is not a usable loss: it cancels over the data
    y, bad = np.array([0.0, 10.0]), np.array([5.0, 5.0])
    assert np.sum(y - bad) == 0.0
    assert lib.sae(y, bad) == 10.0 and lib.sse(y, bad) == 50.0


def test_LO2_the_l1_loss_is_the_l1_norm_of_actual_minus_predicted():
    oracle = np.linalg.norm(Y - Y_PRED, ord=1)
    assert lib.sae(Y, Y_PRED) == pytest.approx(oracle, rel=1e-12)
    assert lib.lp_distance(Y, Y_PRED, p=1) == pytest.approx(oracle, rel=1e-12)


def test_LO3_sae_is_n_times_mae_same_minimiser_different_value_and_gradient():
    n = Y.size
    assert lib.mae(Y, Y_PRED) == pytest.approx(mean_absolute_error(Y, Y_PRED))
    assert lib.sae(Y, Y_PRED) == pytest.approx(n * mean_absolute_error(Y, Y_PRED))
    assert lib.sae(Y, Y_PRED) != pytest.approx(lib.mae(Y, Y_PRED))  # different values
    np.testing.assert_allclose(lib.sae_grad(Y, Y_PRED), n * lib.mae_grad(Y, Y_PRED))
    c_sae = GRID[np.argmin(_over_grid(lib.sae))]
    c_mae = GRID[np.argmin(_over_grid(lib.mae))]
    assert c_sae == c_mae == pytest.approx(np.median(Y), abs=1e-3)


def test_LO4_one_outlier_moves_the_median_and_the_l1_line_a_bounded_amount():
    mean_moves = [lib.fit_constant(_dragged(d), "l2") - np.mean(Y_LINE) for d in SHIFTS]
    median_moves = [lib.fit_constant(_dragged(d), "l1") - np.median(Y_LINE) for d in SHIFTS]
    # the mean follows the point by exactly d / n ...
    np.testing.assert_allclose(mean_moves, SHIFTS / Y_LINE.size)
    # ... the median moves at most to where it is with the point at + infinity, then stops
    at_infinity = np.median(np.append(np.delete(Y_LINE, 6), np.inf)) - np.median(Y_LINE)
    assert 0 < at_infinity < 0.5
    assert max(median_moves) <= at_infinity + 1e-12
    assert median_moves[2] == median_moves[3] == median_moves[4] == at_infinity
    # the L1 line (ours, checked against QuantileRegressor's objective value) stops too
    ours = _our_line_moves("l1")
    oracle = _oracle_line_moves(lambda: QuantileRegressor(quantile=0.5, alpha=0, solver="highs"))
    np.testing.assert_allclose(ours, oracle, atol=1e-6)
    assert ours[-1] == pytest.approx(ours[2], abs=1e-9) and ours[-1] < 1.0


def test_LO4_one_replaced_point_keeps_the_median_between_two_fixed_data_values():
    """claims.md LO4: however far one point goes, the median stays between two fixed data
    values near the middle. Oracle: the order statistics of the original data (numpy sort):
    for odd n = 2k + 1 the two beside the middle one, for even n = 2k the values at 0-based
    positions k - 2 and k + 1 (one beyond each of the two middle ones)."""
    rng = np.random.default_rng(41)
    for n in (5, 9, 10, 12):
        y = rng.normal(size=n)
        s = np.sort(y)
        k = n // 2
        lo, hi = (s[k - 1], s[k + 1]) if n % 2 else (s[k - 2], s[k + 1])
        medians = []
        for i in range(n):
            for value in (-1e6, -3.0, 0.0, 3.0, 1e6):
                moved = y.copy()
                moved[i] = value
                medians.append(lib.fit_constant(moved, "l1"))
        assert lo <= min(medians) and max(medians) <= hi
        if n % 2:  # odd n: the two neighbours of the middle value are reached
            assert min(medians) == lo and max(medians) == hi
        else:  # even n: the midpoint convention passes the upper middle value s[k]
            assert max(medians) > s[k] and min(medians) < s[k - 1]


def test_LO4_but_one_leverage_point_flips_the_l1_and_huber_slopes():
    """LO4 is *loose*: robust to outliers in y, not to one bad x (a leverage point)."""
    x_bad = X_LINE.copy()
    x_bad[1] = 100.0  # one x entered wrongly (far out), y unchanged

    def qr_slope(x, y):
        qr = QuantileRegressor(quantile=0.5, alpha=0, solver="highs").fit(x[:, None], y)
        return qr.coef_[0]

    def sae(x, y, line):
        return np.abs(y - line[0] - line[1] * x).sum()

    # ours reaches scikit-learn's L1 objective value, with and without the bad x
    for x in (X_LINE, x_bad):
        qr = QuantileRegressor(quantile=0.5, alpha=0, solver="highs").fit(x[:, None], Y_LINE)
        ours = lib.fit_line(x, Y_LINE, "l1")
        assert sae(x, Y_LINE, ours) == pytest.approx(
            sae(x, Y_LINE, (qr.intercept_, qr.coef_[0])), abs=1e-9
        )
    assert qr_slope(X_LINE, Y_LINE) > 0.3 and qr_slope(x_bad, Y_LINE) < 0
    assert lib.fit_line(x_bad, Y_LINE, "l1").slope < 0
    hub = HuberRegressor(epsilon=1.35, alpha=0.0, max_iter=1000).fit(x_bad[:, None], Y_LINE)
    assert hub.coef_[0] < 0
    assert lib.fit_line(x_bad, Y_LINE, "huber", delta=1.0).slope < 0
    # breakdown point 1/n: one point far out in x dictates the slope of every fit
    for target in (-10.0, 10.0, 100.0):
        x_lev, y_lev = X_LINE.copy(), Y_LINE.copy()
        x_lev[1], y_lev[1] = 1000.0, 1000.0 * target
        assert qr_slope(x_lev, y_lev) == pytest.approx(target, rel=0.02)
        for loss in ("l1", "huber", "l2"):
            assert lib.fit_line(x_lev, y_lev, loss, delta=1.0).slope == pytest.approx(
                target, rel=0.02
            )


def _lad_oracle(x, y):
    """Least absolute deviations by scipy's LP solver: (intercept, slope), minimum SAE."""
    n = x.size
    a = np.column_stack([np.ones(n), x])
    cost = np.r_[0.0, 0.0, np.ones(2 * n)]
    a_eq = np.hstack([a, np.eye(n), -np.eye(n)])
    bounds = [(None, None)] * 2 + [(0, None)] * (2 * n)
    res = linprog(cost, A_eq=a_eq, b_eq=y, bounds=bounds, method="highs")
    return res.x[:2], res.fun, (cost, a_eq, bounds)


def test_LO4_a_bad_y_at_a_far_out_x_breaks_the_l1_and_huber_lines():
    """Robust to outliers in y only when no x is far out: with one design point at x = 100,
    its y alone carries the LAD and Huber lines without limit (breakdown 1/n)."""
    x_wide = np.append(X_LINE[:11], 100.0)
    y_wide = 1.0 + 0.5 * x_wide + np.random.default_rng(2).normal(0, 0.3, 12)
    for bad in (1e3, 1e6):
        y = y_wide.copy()
        y[-1] += bad
        (b, w), best, _ = _lad_oracle(x_wide, y)
        ours = lib.fit_line(x_wide, y, "l1")
        assert np.abs(y - ours.intercept - ours.slope * x_wide).sum() == pytest.approx(best)
        assert w > bad / 200 and ours.slope > bad / 200  # the line follows the bad point
        hub = lib.fit_line(x_wide, y, "huber", delta=1.0)
        assert hub.slope > bad / 200
    # the same bad y at the end of evenly spaced x leaves the LAD line nearly where it was
    y = Y_LINE.copy()
    y[-1] += 1e6
    assert abs(_lad_oracle(X_LINE, y)[0][1] - _lad_oracle(X_LINE, Y_LINE)[0][1]) < 0.2


def test_LO4_lad_breakdown_in_y_on_the_slider_design_is_3_of_10():
    """The outliers page's table: on x = 0..9, no placement of 2 bad y values (any points,
    either direction) breaks the LAD or Huber line; 3 at the right end do."""
    base_lad = _lad_oracle(OUTLIER_X, OUTLIER_Y)[0]
    base_hub = lib.fit_line(OUTLIER_X, OUTLIER_Y, "huber", delta=1.0)
    for pair in itertools.combinations(range(OUTLIER_X.size), 2):
        for signs in itertools.product((-1.0, 1.0), repeat=2):
            y = OUTLIER_Y.copy()
            y[list(pair)] += 1e6 * np.array(signs)
            (b, w), _, _ = _lad_oracle(OUTLIER_X, y)
            assert max(abs(b - base_lad[0]), abs(w - base_lad[1])) < 10
            hub = lib.fit_line(OUTLIER_X, y, "huber", delta=1.0)
            assert abs(hub.slope - base_hub.slope) < 10
    y = OUTLIER_Y.copy()
    y[-3:] += 1e6
    assert abs(_lad_oracle(OUTLIER_X, y)[0][1] - base_lad[1]) > 1e3
    assert abs(lib.fit_line(OUTLIER_X, y, "l1").slope - base_lad[1]) > 1e3


def test_LO4_the_l1_line_of_the_scikit_learn_comparison_is_unique():
    """The outliers page compares our L1 line with QuantileRegressor's; that needs a unique
    minimiser. Over the optimal face of the LP, the intercept and slope have one value."""
    y = OUTLIER_Y.copy()
    y[5] += 24.0  # the page's point dragged to the end of the slider
    _, best, (cost, a_eq, bounds) = _lad_oracle(OUTLIER_X, y)
    ends = []
    for j in (0, 1):
        for direction in (1.0, -1.0):
            c = np.zeros_like(cost)
            c[j] = direction
            res = linprog(
                c,
                A_ub=cost[None],
                b_ub=[best + 1e-9],
                A_eq=a_eq,
                b_eq=y,
                bounds=bounds,
                method="highs",
            )
            ends.append(res.x[j])
    assert ends[0] == pytest.approx(ends[1], abs=1e-6)
    assert ends[2] == pytest.approx(ends[3], abs=1e-6)
    ours = lib.fit_line(OUTLIER_X, y, "l1")
    assert (ours.intercept, ours.slope) == pytest.approx((ends[0], ends[2]), abs=1e-6)
    # an even number of values has no unique median: the L1 fit of a constant is a segment
    assert lib.sae([1.0, 2.0, 6.0, 10.0], np.full(4, 2.0)) == lib.sae(
        [1.0, 2.0, 6.0, 10.0], np.full(4, 6.0)
    )


def test_huber_constant_is_the_median_then_the_mean_at_the_glued_thresholds():
    """Caption of fig-losses-bridge: for y_small, the Huber constant is the median for
    delta <= 0.5 and the mean for delta >= 6.5 (oracle: scipy's bounded scalar minimiser)."""
    y = np.array([2.0, 3.0, 3.5, 5.0, 11.5])

    def oracle(delta):
        def total(c):
            a = np.abs(y - c)
            return np.sum(np.where(a <= delta, 0.5 * a**2, delta * (a - 0.5 * delta)))

        return minimize_scalar(total, bounds=(0, 12), method="bounded", options={"xatol": 1e-10}).x

    for delta in (0.1, 0.3, 0.5):
        assert lib.fit_constant(y, "huber", delta=delta) == pytest.approx(3.5, abs=1e-9)
        assert oracle(delta) == pytest.approx(3.5, abs=1e-6)
    for delta in (6.5, 8.0, 50.0):
        assert lib.fit_constant(y, "huber", delta=delta) == pytest.approx(5.0, abs=1e-9)
        assert oracle(delta) == pytest.approx(5.0, abs=1e-6)
    for delta in (0.6, 1.0, 3.0, 6.0):  # strictly between: neither
        c = lib.fit_constant(y, "huber", delta=delta)
        assert 3.5 + 1e-6 < c < 5.0 - 1e-6
        assert c == pytest.approx(oracle(delta), abs=1e-6)


def test_LO4_breakdown_points_of_mean_median_and_huber_constant():
    """Mean: one point of n. Median and Huber constant (fixed delta): about half."""
    n = Y_LINE.size
    order = np.argsort(Y_LINE)

    def first_break(loss):
        for m in range(1, n + 1):
            y = Y_LINE.copy()
            y[order[-m:]] += 1e6
            if abs(lib.fit_constant(y, loss, delta=1.0) - np.median(Y_LINE)) > 1e3:
                return m
        return None

    assert first_break("l2") == 1
    # numpy oracle for the median: it moves far once the upper middle value is an outlier
    assert (
        first_break("l1")
        == (n + 1) // 2
        == next(
            m
            for m in range(1, n + 1)
            if np.median(np.where(np.isin(np.arange(n), order[-m:]), Y_LINE + 1e6, Y_LINE)) > 1e3
        )
    )
    assert first_break("huber") in (n // 2, (n + 1) // 2)


def test_LO5_the_l1_loss_has_a_corner_at_zero_and_subgradient_descent_chatters():
    h = 1e-6
    left = (abs(0.0) - abs(-h)) / h
    right = (abs(h) - abs(0.0)) / h
    assert (left, right) == (-1.0, 1.0)  # one-sided slopes differ: no derivative at 0
    r = np.linspace(-3, 3, 601)
    for g in (-1.0, -0.3, 0.0, 0.7, 1.0):  # every g in [-1, 1] is a subgradient at 0
        assert np.all(np.abs(r) >= g * r - 1e-15)
    for g in (-1.1, 1.1):  # and nothing outside it
        assert np.any(np.abs(r) < g * r)
    # fixed-step subgradient descent on the MAE never settles on the median
    y = np.array([1.0, 2.0, 4.0, 7.0, 11.0])
    path = constant_descent(y, "mae", c0=0.3, learning_rate=1.0, n_steps=200)
    tail = path[-50:]
    assert np.all(np.abs(tail - np.median(y)) > 0.05)
    assert np.ptp(tail) > 0.1  # it keeps jumping back and forth


def test_LO6_the_l2_loss_is_the_squared_l2_norm_same_minimiser_other_gradient():
    r = Y - Y_PRED
    assert lib.sse(Y, Y_PRED) == pytest.approx(np.linalg.norm(r) ** 2, rel=1e-12)
    assert lib.sse(Y, Y_PRED) != pytest.approx(np.linalg.norm(r))
    norm_c = np.array([np.linalg.norm(Y - c) for c in GRID])
    sq_c = _over_grid(lib.sse)
    assert GRID[np.argmin(norm_c)] == GRID[np.argmin(sq_c)] == pytest.approx(Y.mean(), abs=1e-3)
    # gradients with respect to c differ by the factor 2 ||r||_2 (finite differences)
    c, h = 1.0, 1e-6
    g_norm = (np.linalg.norm(Y - c - h) - np.linalg.norm(Y - c + h)) / (2 * h)
    g_sq = float(lib.sse_grad(Y, np.full_like(Y, c)).sum())
    assert g_sq == pytest.approx(g_norm * 2 * np.linalg.norm(Y - c), rel=1e-6)


def test_LO7_sse_is_n_times_mse_same_minimiser_different_value_and_gradient():
    n = Y.size
    assert lib.mse(Y, Y_PRED) == pytest.approx(mean_squared_error(Y, Y_PRED))
    assert lib.sse(Y, Y_PRED) == pytest.approx(n * mean_squared_error(Y, Y_PRED))
    np.testing.assert_allclose(lib.sse_grad(Y, Y_PRED), n * lib.mse_grad(Y, Y_PRED))
    c_sse = GRID[np.argmin(_over_grid(lib.sse))]
    c_mse = GRID[np.argmin(_over_grid(lib.mse))]
    assert c_sse == c_mse == pytest.approx(np.mean(Y), abs=1e-3)


def test_LO8_the_squared_loss_is_differentiable_everywhere_and_gd_converges():
    h = 1e-6
    for r0 in (-2.0, 0.0, 1e-9, 3.0):  # one-sided slopes of r^2 agree, also at 0
        left = (r0**2 - (r0 - h) ** 2) / h
        right = ((r0 + h) ** 2 - r0**2) / h
        assert left == pytest.approx(right, abs=1e-5)
        assert right == pytest.approx(2 * r0, abs=1e-5)
    # gradient descent on the MSE converges geometrically: c_k - mean = (1 - 2 eta)^k (c0 - mean)
    y = np.array([1.0, 2.0, 4.0, 7.0, 11.0])
    path = constant_descent(y, "mse", c0=0.3, learning_rate=0.2, n_steps=40)
    k = np.arange(41)
    np.testing.assert_allclose(path - y.mean(), (1 - 2 * 0.2) ** k * (0.3 - y.mean()), atol=1e-12)


def test_LO9_the_influence_of_one_point_grows_for_l2_and_is_bounded_for_l1_and_huber():
    r = np.linspace(-50, 50, 1001)
    h = 1e-6
    fd_l2 = ((r + h) ** 2 - (r - h) ** 2) / (2 * h)
    np.testing.assert_allclose(lib.influence(r, "l2"), fd_l2, atol=1e-4)  # 2r, unbounded
    assert np.abs(lib.influence(r, "l1")).max() == 1.0
    assert np.abs(lib.influence(r, "huber", delta=1.5)).max() == 1.5
    # fits: the least-squares line moves in proportion to d (LinearRegression oracle) ...
    ls = _our_line_moves("l2")
    np.testing.assert_allclose(ls, _oracle_line_moves(LinearRegression), atol=1e-9)
    np.testing.assert_allclose(ls[1:] / SHIFTS[1:], ls[1] / SHIFTS[1])
    # ... the Huber line by a bounded amount: same fit as HuberRegressor at its scale
    eps = 1.35
    for d in (0.0, 1000.0):
        hub = HuberRegressor(epsilon=eps, alpha=0.0, max_iter=1000, tol=1e-12)
        hub.fit(X_LINE[:, None], _dragged(d))
        b, w = lib.fit_line(X_LINE, _dragged(d), "huber", delta=eps * hub.scale_)
        assert (b, w) == pytest.approx((hub.intercept_, hub.coef_[0]), abs=2e-4)
    hub_moves = _our_line_moves("huber", delta=1.0)
    assert hub_moves[-1] == pytest.approx(hub_moves[2], abs=1e-9)
    assert hub_moves[-1] < 1.0 < ls[-1]
