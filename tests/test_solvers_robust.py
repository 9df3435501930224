"""lib.solvers on hard numbers (issue 12, items 3-6): ill-conditioned designs, data near the
ends of float64, and requests that cannot fit in memory. Oracles: lstsq on the augmented
system, scikit-learn on rescaled data (the solutions scale exactly), numpy's lstsq."""

import warnings

import numpy as np
import pytest
from sklearn import linear_model as sk

from lib.solvers import (
    ElasticNet,
    Lasso,
    Ridge,
    enet_path,
    gradient_descent,
    lasso_alpha_max,
    lasso_knots,
    lasso_path,
    penalty_only_trajectory,
    proximal_gradient,
    ridge_path,
)

TIGHT = {"tol": 1e-14, "max_iter": 200_000}


# --------------------------------------------------------------------------------------------
# Ridge accuracy on an ill-conditioned design (issue 12, item 3)
# --------------------------------------------------------------------------------------------
def ill_conditioned(n=200, p=30, seed=0):
    """X with singular values 1 ... 1e-8 and y almost in its range (so the objective is small
    and an error along the small singular directions shows)."""
    rng = np.random.default_rng(seed)
    U, _ = np.linalg.qr(rng.standard_normal((n, min(n, p))))
    V, _ = np.linalg.qr(rng.standard_normal((p, min(n, p))))
    X = (U * np.logspace(0, -8, min(n, p))) @ V.T
    y = X @ rng.standard_normal(p) + 1e-6 * rng.standard_normal(n)
    return X, y


def ridge_objective(X, y, alpha, w):
    r = y - X @ w
    return r @ r + alpha * w @ w


def exact_ridge(X, y, alpha):
    """lstsq on [X; sqrt(alpha) I] w = [y; 0]: condition number sqrt of that of X'X + alpha I."""
    p = X.shape[1]
    A = np.vstack([X, np.sqrt(alpha) * np.eye(p)])
    return np.linalg.lstsq(A, np.concatenate([y, np.zeros(p)]), rcond=None)[0]


@pytest.mark.parametrize("shape", [(200, 30), (20, 60)])
@pytest.mark.parametrize("alpha", [1e-12, 1e-9, 1e-6, 1.0])
def test_ridge_as_accurate_as_sklearn_svd_on_ill_conditioned_design(shape, alpha):
    X, y = ill_conditioned(*shape)
    best = ridge_objective(X, y, alpha, exact_ridge(X, y, alpha))
    sk_svd = sk.Ridge(alpha=alpha, fit_intercept=False, solver="svd").fit(X, y).coef_
    allowed = max(ridge_objective(X, y, alpha, sk_svd) - best, 0.0) + 1e-12 * best
    path = ridge_path(X, y, [1.0, alpha, 0.1])[1]
    one = Ridge(alpha=alpha, fit_intercept=False).fit(X, y).coef_
    for w in (path, one):
        assert ridge_objective(X, y, alpha, w) - best <= allowed
        assert ridge_objective(X, y, alpha, w) - best <= 1e-11 * best


# --------------------------------------------------------------------------------------------
# Overflow and underflow (issue 12, items 4-5): the solutions scale exactly, so scikit-learn on
# unscaled data with the matching alpha is the oracle
# --------------------------------------------------------------------------------------------
def problem(seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((30, 4))
    y = X @ np.array([1.0, -2.0, 0.0, 0.5]) + 0.3 * rng.standard_normal(30)
    return X - X.mean(axis=0), y - y.mean()


def no_warnings():
    context = warnings.catch_warnings()
    context.__enter__()
    warnings.simplefilter("error")  # any RuntimeWarning (overflow) or ConvergenceWarning fails
    return context


@pytest.mark.parametrize("c", [1e200, 1e-200, 3.7e150])
def test_lasso_path_and_knots_with_huge_or_tiny_X(c):
    X, y = problem()
    alpha = 0.1
    # (1/2n)||y - cXw||^2 + alpha||w||_1 is solved by w = v / c, v the Lasso on X with alpha / c
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sklearn at tol=1e-14 with a tiny alpha
        ref = sk.Lasso(alpha=alpha / c, fit_intercept=False, **TIGHT).fit(X, y).coef_ / c
    ctx = no_warnings()
    try:
        for method in ("homotopy", "cd"):
            w = lasso_path(c * X, y, [alpha], method=method, tol=1e-14)[0]
            np.testing.assert_allclose(w, ref, rtol=1e-7, atol=1e-9 * np.abs(ref).max())
        knots, coefs = lasso_knots(c * X, y)
        assert knots[0] == pytest.approx(lasso_alpha_max(X, y) * c, rel=1e-12)
        assert np.all(np.isfinite(coefs))
        assert lasso_alpha_max(c * X, y) == pytest.approx(c * lasso_alpha_max(X, y), rel=1e-12)
    finally:
        ctx.__exit__(None, None, None)


@pytest.mark.parametrize("Model", [Lasso, ElasticNet])
@pytest.mark.parametrize("cx, cy", [(1e200, 1.0), (1.0, 1e200), (1e-200, 1.0), (1e150, 1e-150)])
def test_cd_estimators_with_huge_or_tiny_data(Model, cx, cy):
    X, y = problem(1)
    X, y = X + 5.0, y + 2.0  # the estimators centre
    # (1/2n)||cy y - cx X w||^2 + alpha||w||_1 with w = (cy / cx) v is cy^2 times the Lasso
    # on (X, y) with alpha / (cx cy): the same problem for alpha = 0.05 cx cy
    alpha = 0.05 * cx * cy
    ctx = no_warnings()  # issue 12: "gap nan", and a false ConvergenceWarning with y * 1e200
    try:
        ours = Model(alpha=alpha).fit(cx * X, cy * y)
    finally:
        ctx.__exit__(None, None, None)
    if Model is Lasso:
        ref = sk.Lasso(alpha=0.05, **TIGHT).fit(X, y)
        np.testing.assert_allclose(ours.coef_ * cx / cy, ref.coef_, rtol=1e-6, atol=1e-9)
        assert ours.intercept_ / cy == pytest.approx(ref.intercept_, rel=1e-6)
    assert np.all(np.isfinite(ours.coef_)) and np.any(ours.coef_ != 0.0)


@pytest.mark.parametrize("c", [1e150, 1e-150])
def test_ridge_with_huge_or_tiny_X(c):
    X, y = problem(2)
    alpha = 3.0
    # ||y - cXw||^2 + alpha c^2 ||w||^2: w = v / c with v the Ridge on X with alpha
    ref = sk.Ridge(alpha=alpha, fit_intercept=False, solver="svd").fit(X, y).coef_ / c
    ctx = no_warnings()  # issue 12: scipy's "must not contain infs" for X * 1e200
    try:
        ours = Ridge(alpha=alpha * c * c, fit_intercept=False).fit(c * X, y).coef_
        path = ridge_path(c * X, y, [alpha * c * c])[0]
        # and alpha = 1 on the huge X: the penalty vanishes, least squares remains
        ls = Ridge(alpha=1.0, fit_intercept=False).fit(c * X, y).coef_ if c > 1 else None
    finally:
        ctx.__exit__(None, None, None)
    np.testing.assert_allclose(ours, ref, rtol=1e-10)
    np.testing.assert_allclose(path, ref, rtol=1e-10)
    if ls is not None:
        np.testing.assert_allclose(ls * c, np.linalg.lstsq(X, y, rcond=None)[0], rtol=1e-10)


def test_issue_reproducers_ridge_and_lasso_at_1e200():
    X, y = problem(5)
    X, y = X + 1.0, y - 3.0
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    least_squares = np.linalg.lstsq(Xc, yc, rcond=None)[0]
    ctx = no_warnings()
    try:
        ridge = Ridge().fit(X * 1e200, y)  # alpha = 1 is negligible next to ||X||^2 ~ 1e400
        lasso = Lasso().fit(X, y * 1e200)  # alpha = 1 is negligible next to |X'y| / n ~ 1e200
    finally:
        ctx.__exit__(None, None, None)
    np.testing.assert_allclose(ridge.coef_ * 1e200, least_squares, rtol=1e-10)
    np.testing.assert_allclose(lasso.coef_ / 1e200, least_squares, rtol=1e-10)
    assert lasso.intercept_ / 1e200 == pytest.approx(y.mean() - X.mean(axis=0) @ least_squares)


def test_ridge_alpha_beyond_float64_times_x_squared():
    X, y = problem(3)
    c = 1e-200  # alpha / c^2 overflows: then w = X'y / alpha to full precision
    w = ridge_path(c * X, y, [1e100])[0]
    np.testing.assert_allclose(w, c * X.T @ y / 1e100, rtol=1e-12)
    np.testing.assert_allclose(Ridge(alpha=1e100, fit_intercept=False).fit(c * X, y).coef_, w)


def test_coefficients_that_overflow_are_refused():
    X, y = problem(4)
    with pytest.raises(ValueError, match="overflow float64"):
        lasso_path(1e-200 * X, 1e200 * y, [0.0])
    with pytest.raises(ValueError, match="overflow float64"):
        ridge_path(1e-200 * X, 1e200 * y, [0.0])
    with pytest.raises(ValueError, match="overflow float64"):
        enet_path(1e-200 * X, 1e200 * y, [0.0], l1_ratio=1.0)


# --------------------------------------------------------------------------------------------
# Requests that cannot fit in memory (issue 12, item 6)
# --------------------------------------------------------------------------------------------
def test_trajectories_refuse_what_cannot_fit_in_memory():
    X, y = problem()
    for call in (
        lambda: gradient_descent(X, y, alpha=0.1, penalty="l1", learning_rate=0.1, n_steps=10**9),
        lambda: proximal_gradient(X, y, alpha=0.1, learning_rate=0.1, n_steps=10**9),
        lambda: penalty_only_trajectory(
            np.ones(3), penalty="l2", alpha=1.0, learning_rate=0.1, n_steps=10**9
        ),
    ):
        with pytest.raises(ValueError, match=r"n_steps=1000000000 would store .* GiB"):
            call()
    # a long but storable trajectory still runs
    assert proximal_gradient(X, y, alpha=0.1, learning_rate=0.1, n_steps=20_000).shape == (
        20_001,
        4,
    )


# --------------------------------------------------------------------------------------------
# Messages that name the argument (issue 12, item 5)
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("Model", [Ridge, Lasso, ElasticNet])
def test_estimators_name_the_bad_argument(Model):
    X, y = problem()
    with pytest.raises(TypeError, match="X must be array-like .* got None"):
        Model().fit(None, y)
    with pytest.raises(TypeError, match="y must be numeric"):
        Model().fit(X[:3], ["a", "b", "c"])
