"""What the pages *Algorithms* and *Regularization in modern training* teach, one test each.

Each test runs ``lib`` and checks it against an independent oracle: an eigenvalue bound, a
closed form, plain numpy iterations, scikit-learn, or scipy. No figure module is imported.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from scipy.optimize import lsq_linear
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Lasso as SkLasso
from sklearn.linear_model import Ridge as SkRidge

import lib
from lib import solvers


def _three_feature_data():
    data = lib.make_regression_data(60, 3, n_informative=1, noise=1.0, rng=3)
    return data.X - data.X.mean(axis=0), data.y - data.y.mean()


def _lasso_objective(X, y, lam, w):
    return 0.5 * np.mean((y - X @ w) ** 2) + lam * np.abs(w).sum()


def test_book_l2_step_multiplies_by_one_minus_two_eta_lambda():
    X, _ = _three_feature_data()
    w0 = np.array([1.0, -2.0, 0.5])
    for lam, eta in [(0.2, 0.5), (0.05, 1.3)]:
        step = solvers.gradient_descent(
            X, X @ w0, alpha=lam, penalty="l2", learning_rate=eta, n_steps=1, w0=w0
        )[1]
        np.testing.assert_allclose(step, (1 - 2 * eta * lam) * w0, rtol=1e-12)


@pytest.mark.parametrize("lam", [0.0, 0.1, 0.5, 2.0])
def test_gradient_descent_with_data_is_stable_exactly_below_two_over_L_plus_two_lambda(lam):
    X, y = _three_feature_data()
    n = X.shape[0]
    L = np.linalg.eigvalsh(X.T @ X / n).max()
    bound = 2 / (L + 2 * lam)
    target = np.linalg.lstsq(X.T @ X / n + 2 * lam * np.eye(3), X.T @ y / n, rcond=None)[0]
    below = solvers.gradient_descent(
        X, y, alpha=lam, penalty="l2", learning_rate=0.97 * bound, n_steps=3000
    )
    np.testing.assert_allclose(below[-1], target, atol=1e-8)
    above = solvers.gradient_descent(
        X, y, alpha=lam, penalty="l2", learning_rate=1.03 * bound, n_steps=400
    )
    assert np.linalg.norm(above[-1] - target) > 1e3 * np.linalg.norm(above[0] - target)
    # the penalty-alone rule 2*eta*lambda < 2 holds above the bound, yet it diverges
    assert 2 * 1.03 * bound * lam < 2


def test_ridge_fixed_point_uses_alpha_two_n_lambda():
    X, y = _three_feature_data()
    n, lam = X.shape[0], 0.5
    gd = solvers.gradient_descent(X, y, alpha=lam, penalty="l2", learning_rate=0.5, n_steps=500)
    sk = SkRidge(alpha=2 * n * lam, fit_intercept=False).fit(X, y).coef_
    np.testing.assert_allclose(gd[-1], sk, atol=1e-9)


def test_subgradient_chatter_stays_in_a_band_of_width_two_eta_lambda_around_zero():
    X, y = _three_feature_data()
    n, lam = X.shape[0], 0.3
    eta = 1 / np.linalg.eigvalsh(X.T @ X / n).max()
    start = np.linalg.lstsq(X, y, rcond=None)[0]
    path = solvers.gradient_descent(
        X, y, alpha=lam, penalty="l1", learning_rate=eta, n_steps=300, w0=start
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        w_hat = (
            SkLasso(alpha=lam, fit_intercept=False, tol=1e-14, max_iter=100_000).fit(X, y).coef_
        )
    assert w_hat[2] == 0.0
    c = -X[:, 2] @ (y - X @ w_hat) / n
    low, high = -eta * (lam + c), eta * (lam - c)
    assert high - low == pytest.approx(2 * eta * lam)
    tail = path[10:, 2]
    assert np.all((tail > low) & (tail < high))
    assert not np.any(tail == 0.0)
    assert np.ptp(tail) > 0.5 * (high - low)  # it really chatters across the band
    prox = solvers.proximal_gradient(X, y, alpha=lam, learning_rate=eta, n_steps=60, w0=start)
    assert np.all(prox[10:, 2] == 0.0)
    np.testing.assert_allclose(prox[-1], w_hat, atol=1e-9)


@pytest.mark.parametrize("c", [-3.0, -1.0, -0.2, 0.0, 0.7, 2.5])
@pytest.mark.parametrize("lam", [0.5, 1.0])
def test_soft_threshold_minimises_the_one_dimensional_lasso(c, lam):
    grid = np.linspace(-5, 5, 200_001)
    brute = grid[np.argmin(0.5 * (grid - c) ** 2 + lam * np.abs(grid))]
    assert float(lib.soft_threshold(c, lam)) == pytest.approx(brute, abs=1e-4)


def test_the_explicit_coordinate_descent_update_reaches_libs_lasso_optimum():
    rng = np.random.default_rng(7)
    X = rng.integers(-3, 4, size=(12, 5)).astype(float)
    X[:, 4] = X[:, 3]  # duplicated column: the minimiser is not unique, the optimum is
    X -= X.mean(axis=0)
    y = rng.integers(-5, 6, size=12).astype(float)
    y -= y.mean()
    n, lam = X.shape[0], 0.4
    w = np.zeros(5)
    for _ in range(2000):  # sweeps of the page's update, written independently here
        for j in range(5):
            z = X[:, j] @ (y - X @ w + X[:, j] * w[j]) / n
            w[j] = np.sign(z) * max(abs(z) - lam, 0.0) / (X[:, j] @ X[:, j] / n)
    lib_w = solvers.Lasso(alpha=lam, fit_intercept=False, tol=1e-12, max_iter=10_000).fit(X, y)
    assert _lasso_objective(X, y, lam, w) == pytest.approx(
        _lasso_objective(X, y, lam, lib_w.coef_), abs=1e-10
    )
    v = lib_w.coef_.copy()  # lib's solution is a fixed point of one sweep of the update
    for j in range(5):
        z = X[:, j] @ (y - X @ v + X[:, j] * v[j]) / n
        v[j] = np.sign(z) * max(abs(z) - lam, 0.0) / (X[:, j] @ X[:, j] / n)
    np.testing.assert_allclose(v, lib_w.coef_, atol=1e-8)
    pull = -X.T @ (y - X @ w) / n  # KKT of the hand-made solution
    assert np.all(np.abs(pull) <= lam + 1e-9)
    np.testing.assert_allclose(pull[w != 0], -lam * np.sign(w[w != 0]), atol=1e-9)


def _rates_problem():
    rng = np.random.default_rng(0)
    n, p = 50, 100
    noise = rng.standard_normal((n, p))
    X = noise.copy()
    for j in range(1, p):
        X[:, j] = 0.9 * X[:, j - 1] + np.sqrt(1 - 0.81) * noise[:, j]
    X -= X.mean(axis=0)
    w_true = np.zeros(p)
    w_true[:5] = [3.0, -2.0, 1.5, 1.0, -1.0]
    y = X @ w_true + rng.standard_normal(n)
    y -= y.mean()
    lam = 0.02 * np.max(np.abs(X.T @ y)) / n
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        w_hat = SkLasso(alpha=lam, fit_intercept=False, tol=1e-15, max_iter=10**6).fit(X, y).coef_
    return X, y, lam, w_hat


def test_ista_and_subgradient_stay_below_their_guarantees_and_in_that_order():
    X, y, lam, w_hat = _rates_problem()
    n = X.shape[0]
    f_star = _lasso_objective(X, y, lam, w_hat)
    L = np.linalg.eigvalsh(X.T @ X / n).max()
    R2 = w_hat @ w_hat
    support = w_hat != 0  # the page: f is strongly convex on the support (independent columns)
    assert np.linalg.matrix_rank(X[:, support]) == support.sum() < n
    ista = solvers.proximal_gradient(X, y, alpha=lam, learning_rate=1 / L, n_steps=1000)
    gaps = np.array([_lasso_objective(X, y, lam, w) for w in ista[1:]]) - f_star
    k = np.arange(1, 1001)
    assert np.all(gaps <= L * R2 / (2 * k) + 1e-9)  # Beck & Teboulle, Theorem 3.1
    best = []
    budgets = np.array([10, 40, 160, 640])
    for K in budgets:
        eta = 1 / (L * np.sqrt(K))
        run = solvers.gradient_descent(
            X, y, alpha=lam, penalty="l1", learning_rate=eta, n_steps=int(K)
        )
        used = np.diff(run, axis=0) / -eta
        best.append(min(_lasso_objective(X, y, lam, w) for w in run[:-1]) - f_star)
        assert best[-1] <= (R2 + eta**2 * np.sum(used**2)) / (2 * eta * K)
    slope = np.polyfit(np.log(budgets), np.log(best), 1)[0]
    assert -0.8 < slope < -0.2  # about 1/sqrt(K), never faster than 1/K here
    assert gaps[639] < best[-1]  # ISTA beats the subgradient method at the same budget


@pytest.mark.skipif(not hasattr(solvers, "fista"), reason="lib.solvers.fista not there yet")
def test_fista_stays_below_its_guarantee_and_beats_ista():
    X, y, lam, w_hat = _rates_problem()
    n = X.shape[0]
    f_star = _lasso_objective(X, y, lam, w_hat)
    L = np.linalg.eigvalsh(X.T @ X / n).max()
    R2 = w_hat @ w_hat
    path = solvers.fista(X, y, alpha=lam, learning_rate=1 / L, n_steps=300)
    gaps = np.array([_lasso_objective(X, y, lam, w) for w in path[1:]]) - f_star
    k = np.arange(1, 301)
    assert np.all(gaps <= 2 * L * R2 / (k + 1) ** 2 + 1e-9)  # Beck & Teboulle, Theorem 4.4
    ista = solvers.proximal_gradient(X, y, alpha=lam, learning_rate=1 / L, n_steps=300)
    assert gaps[-1] < _lasso_objective(X, y, lam, ista[-1]) - f_star


def test_gradient_descent_filter_is_the_spectral_form_of_k_steps_and_matches_ridge_at_the_ends():
    spectral = pytest.importorskip("lib.spectral")
    d = lib.load_diabetes(standardize=True)
    X = d.X - d.X.mean(axis=0)
    sv = np.linalg.svd(X, compute_uv=False)
    step, k = 1 / sv[0] ** 2, 100
    np.testing.assert_allclose(
        spectral.gradient_descent_filter(X, step, k), 1 - (1 - step * sv**2) ** k, atol=1e-12
    )
    alpha = 1 / (step * k)
    x = np.logspace(-4, np.log10(k), 400)  # d^2 / alpha, up to d^2 = 1/step (stable range)
    gd = 1 - (1 - step * alpha * x) ** k
    ridge = x / (1 + x)
    assert np.max(np.abs(gd - ridge)[x < 1e-3]) < 1e-3
    assert np.max(np.abs(gd - ridge)[x > 30]) < 0.04
    assert 0.15 < np.max(np.abs(gd - ridge)) < 0.3  # a correspondence, not an identity


def test_sgd_same_for_l2_and_weight_decay_adam_differs_and_each_fixed_point_is_right():
    training = pytest.importorskip("lib.training")
    rng = np.random.default_rng(0)
    n = 200
    X = rng.standard_normal((n, 4)) * np.array([1.0, 3.0, 0.3, 1.0])
    X -= X.mean(axis=0)
    y = X @ np.array([3.0, 0.5, 2.0, -1.0]) + 0.5 * rng.standard_normal(n)
    y -= y.mean()
    lam = 0.5
    a = training.sgd_trajectory(X, y, step=0.05, n_steps=100, l2=lam).weights
    b = training.sgd_trajectory(X, y, step=0.05, n_steps=100, weight_decay=lam).weights
    np.testing.assert_allclose(a, b, atol=1e-12)
    ridge = SkRidge(alpha=n * lam, fit_intercept=False).fit(X, y).coef_
    box = lsq_linear(X, y, bounds=(-1 / lam, 1 / lam), method="bvls").x
    adam = training.adam_trajectory(X, y, step=0.003, n_steps=20000, l2=lam)
    adamw = training.adam_trajectory(X, y, step=0.003, n_steps=20000, weight_decay=lam)
    np.testing.assert_allclose(adam.weights[-1], ridge, atol=1e-3)
    np.testing.assert_allclose(adamw.weights[-1], box, atol=0.06)
    assert np.max(np.abs(adamw.weights[-1] - ridge)) > 1.0  # different answers
    assert np.sum(np.isclose(np.abs(box), 1 / lam)) == 2  # two weights on the box


@pytest.mark.parametrize("target, adam_l2, adamw", [(3.0, 2.0, 2.0), (1.0, 2 / 3, 1.0)])
def test_adamw_exercise_fixed_points_one_weight(target, adam_l2, adamw):
    # ex-mt-adamw-fixed-point: L(w) = (w - target)^2 / 2, lambda = 0.5. One feature x with
    # x^T x / n = 1 and x^T y / n = target gives exactly that L (up to a constant).
    training = pytest.importorskip("lib.training")
    x = np.array([[1.0], [-1.0]])
    y = target * x[:, 0]
    lam = 0.5
    a = training.adam_trajectory(x, y, step=0.01, n_steps=6000, l2=lam).weights[-1, 0]
    b = training.adam_trajectory(x, y, step=0.01, n_steps=30000, weight_decay=lam).weights[-1, 0]
    assert a == pytest.approx(adam_l2, abs=1e-2)  # (target)/(1 + lam), the closed form
    assert b == pytest.approx(adamw, abs=2e-2)  # least squares clipped to |w| <= 1/lam
    assert min(target, 1 / lam) == pytest.approx(adamw)


def test_early_stopping_rule_in_the_books_scaling():
    # k steps of lib.solvers.gradient_descent (mean scaling, learning rate eta_b) from 0 equal
    # the spectral filter with step eta = eta_b / n on (1/2)||y - Xw||^2 (numpy SVD oracle).
    X, y = _three_feature_data()
    n = X.shape[0]
    eta_b, k = 0.3, 25
    w_k = solvers.gradient_descent(X, y, alpha=0.0, penalty="l2", learning_rate=eta_b, n_steps=k)[
        -1
    ]
    U, d, Vt = np.linalg.svd(X, full_matrices=False)
    filt = 1 - (1 - (eta_b / n) * d**2) ** k
    np.testing.assert_allclose(w_k, Vt.T @ (filt * (U.T @ y) / d), atol=1e-10)


def test_pytorch_style_mse_plus_wd_half_norm_is_the_books_lambda_wd_over_four():
    # (1/n)||y - Xw||^2 + (wd/2)||w||^2 has the closed-form minimiser (X^T X + n wd/2 I)^-1 X^T y;
    # the book's gradient descent with lambda = wd/4 must converge to it.
    X, y = _three_feature_data()
    n, wd = X.shape[0], 0.8
    closed = np.linalg.solve(X.T @ X + n * wd / 2 * np.eye(3), X.T @ y)
    gd = solvers.gradient_descent(
        X, y, alpha=wd / 4, penalty="l2", learning_rate=0.5, n_steps=2000
    )[-1]
    np.testing.assert_allclose(gd, closed, atol=1e-8)
    wrong = solvers.gradient_descent(
        X, y, alpha=wd / 2, penalty="l2", learning_rate=0.5, n_steps=2000
    )[-1]
    assert np.max(np.abs(wrong - closed)) > 1e-3  # wd/2 is not the same problem


def test_a_zero_weight_feels_a_pull_of_exactly_lambda_where_its_feature_joins_or_leaves():
    # algorithms page, KKT: pull < lambda => 0 and non-zero => pull = lambda, but a zero weight
    # can sit at exactly lambda. At every knot of the diabetes Lasso path some zero weight does
    # (the joining or the leaving feature; s3 both leaves and re-enters). Oracle: numpy KKT.
    X, y, names = lib.load_diabetes(standardize=True)
    X, y = X - X.mean(axis=0), y - y.mean()
    n = X.shape[0]
    knot_alphas, knot_coefs = solvers.lasso_knots(X, y)
    assert np.all(knot_alphas[:-1] > 0) and knot_alphas[-1] == 0.0
    boundary = []
    for alpha, w in zip(knot_alphas[:-1], knot_coefs[:-1], strict=True):
        pull = np.abs(X.T @ (y - X @ w)) / n
        assert np.all(pull <= alpha * (1 + 1e-9))
        np.testing.assert_allclose(pull[w != 0], alpha, rtol=1e-9)
        at_lambda = (w == 0) & np.isclose(pull, alpha, rtol=1e-9, atol=0)
        assert at_lambda.any()
        boundary += [names[j] for j in np.flatnonzero(at_lambda)]
    assert boundary.count("s3") == 3  # joins, leaves, re-enters


def test_ista_keeps_the_lasso_support_once_found_then_converges_at_one_minus_mu_over_L():
    # algorithms page, rates: every zero weight's pull is strictly (if only just) below lambda,
    # so the iterates keep the support and signs once found; then the problem is strongly
    # convex on the support and ISTA's error shrinks at most by 1 - mu_min/L per step.
    X, y, lam, w_hat = _rates_problem()
    n = X.shape[0]
    pull = np.abs(X.T @ (y - X @ w_hat)) / n
    support = w_hat != 0
    assert pull[~support].max() < lam * (1 - 1e-3)  # strict complementarity, with margin
    L = np.linalg.eigvalsh(X.T @ X / n).max()
    mu_min = np.linalg.eigvalsh(X[:, support].T @ X[:, support] / n).min()
    assert mu_min > 0
    ista = solvers.proximal_gradient(X, y, alpha=lam, learning_rate=1 / L, n_steps=4000)
    wrong_signs = np.flatnonzero(np.any(np.sign(ista) != np.sign(w_hat), axis=1))
    settled = wrong_signs[-1] + 1
    assert settled < 2000  # and it never loses them again up to step 4000
    error = np.linalg.norm(ista - w_hat, axis=1)
    assert error[4000] <= (1 - mu_min / L) ** 2000 * error[2000] * (1 + 1e-6)
    assert error[4000] < 0.2 * error[2000]  # linear, not the 1/k of the guarantee


def test_with_momentum_decoupled_decay_is_ridge_with_strength_one_minus_mu_times_lambda():
    # modern_training page: L2 and decoupled decay agree for plain SGD only; with momentum
    # (v <- mu v + g, w <- w - eta v) L2 ends on Ridge(lambda), the decoupled decay (SGDW) on
    # Ridge((1 - mu) lambda). Oracle: the two momentum iterations written in numpy; checked
    # against lib.solvers.ridge_path in scikit-learn's scaling, alpha = n * strength.
    rng = np.random.default_rng(0)
    n = 200
    X = rng.standard_normal((n, 4)) * np.array([1.0, 3.0, 0.3, 1.0])
    X -= X.mean(axis=0)
    y = X @ np.array([3.0, 0.5, 2.0, -1.0]) + 0.5 * rng.standard_normal(n)
    y -= y.mean()
    lam, mu, eta = 0.5, 0.9, 0.01
    ends = {}
    for decoupled in (False, True):
        w, v = np.zeros(4), np.zeros(4)
        for _ in range(20_000):
            g = X.T @ (X @ w - y) / n
            if decoupled:
                v = mu * v + g
                w = w - eta * v - eta * lam * w
            else:
                v = mu * v + g + lam * w
                w = w - eta * v
        ends[decoupled] = w
    np.testing.assert_allclose(ends[False], solvers.ridge_path(X, y, [n * lam])[0], atol=1e-9)
    np.testing.assert_allclose(
        ends[True], solvers.ridge_path(X, y, [n * (1 - mu) * lam])[0], atol=1e-9
    )
    assert np.max(np.abs(ends[True] - ends[False])) > 0.5


def test_with_a_duplicated_column_a_zero_copy_sits_at_exactly_lambda_over_a_range():
    # algorithms page, KKT: when the solution is not unique a zero weight can sit at a pull of
    # exactly lambda for a whole range of lambda, not only at a knot. Put lib's weight of the
    # two copies on the first one: same objective (numpy), and the second copy's pull is lambda.
    rng = np.random.default_rng(3)
    n = 40
    X = rng.standard_normal((n, 3))
    X = np.column_stack([X, X[:, 0]])  # column 3 duplicates column 0
    y = X[:, 0] * 2.0 - X[:, 1] + 0.5 * rng.standard_normal(n)
    for lam in (0.05, 0.2, 0.5):
        w = solvers.Lasso(alpha=lam, fit_intercept=False, tol=1e-12, max_iter=10_000)
        w = w.fit(X, y).coef_
        assert w[0] + w[3] > 0 and w[0] * w[3] >= 0  # copies do not take opposite signs
        moved = w.copy()
        moved[0], moved[3] = w[0] + w[3], 0.0

        def objective(v, lam=lam):
            return np.sum((y - X @ v) ** 2) / (2 * n) + lam * np.sum(np.abs(v))

        np.testing.assert_allclose(objective(moved), objective(w), rtol=1e-12)
        pull = np.abs(X.T @ (y - X @ moved)) / n
        np.testing.assert_allclose(pull[3], lam, rtol=1e-6)  # zero weight, pull exactly lambda
