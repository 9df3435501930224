"""lib.subset against brute force written here, scikit-learn and lib's Lasso/Ridge."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from sklearn.linear_model import Lasso as SkLasso
from sklearn.linear_model import Ridge as SkRidge

import lib
from lib.subset import best_subset, hard_threshold, orthonormal_estimates


# --------------------------------------------------------------------------------------------
# hard_threshold
# --------------------------------------------------------------------------------------------
def test_hard_threshold_keeps_or_zeros_each_entry():
    rng = np.random.default_rng(0)
    w = rng.normal(size=(4, 5)) * 3
    for t in (0.0, 0.5, 2.0, 100.0):
        out = hard_threshold(w, t)
        assert out.shape == w.shape
        for value, kept in zip(w.ravel(), out.ravel(), strict=True):
            assert kept == (value if abs(value) > t else 0.0)


def test_hard_threshold_boundary_and_integers():
    np.testing.assert_array_equal(hard_threshold([1, -1, 2, -3], 1), [0.0, 0.0, 2.0, -3.0])
    np.testing.assert_array_equal(hard_threshold([0.0, -0.0], 0.0), [0.0, 0.0])
    assert not np.signbit(hard_threshold([-0.0], 0.0)).any()


def test_hard_threshold_bad_input():
    with pytest.raises(ValueError, match="t must be"):
        hard_threshold([1.0], -0.1)
    with pytest.raises(TypeError, match="t must be"):
        hard_threshold([1.0], True)
    with pytest.raises(ValueError, match="NaN"):
        hard_threshold([1.0, np.nan], 0.1)
    with pytest.raises(ValueError, match="t must"):
        hard_threshold([1.0], np.nan)


# --------------------------------------------------------------------------------------------
# best_subset against brute force
# --------------------------------------------------------------------------------------------
def brute_force(X, y, k, fit_intercept):
    """Minimum RSS over supports of size k, the intercept as a column of ones (no centring)."""
    n, p = X.shape
    best = np.inf, None
    for support in itertools.combinations(range(p), k):
        columns = [X[:, list(support)]] + ([np.ones((n, 1))] if fit_intercept else [])
        A = np.hstack(columns) if columns else np.zeros((n, 0))
        if A.shape[1] == 0:
            rss = float(y @ y)
        else:
            coef, *_ = np.linalg.lstsq(A, y, rcond=None)
            rss = float(np.sum((y - A @ coef) ** 2))
        if rss < best[0]:
            best = rss, support
    return best


def data(kind: str, seed: int = 0):
    rng = np.random.default_rng(seed)
    if kind == "tall":
        X = rng.normal(size=(25, 6))
        y = X @ np.array([2.0, 0.0, -1.0, 0.0, 0.5, 0.0]) + 0.3 * rng.normal(size=25) + 4.0
    elif kind == "integers":
        X = rng.integers(-4, 5, size=(12, 5)).astype(int)  # left as ints on purpose
        y = rng.integers(-10, 11, size=12)
    elif kind == "wide":  # n < p
        X = rng.normal(size=(5, 8))
        y = rng.normal(size=5)
    elif kind == "duplicated":
        Z = rng.normal(size=(15, 4))
        X = np.column_stack([Z, Z[:, 2], 2 * Z[:, 0]])
        y = Z @ np.array([1.0, 0.0, 3.0, 0.0]) + 0.1 * rng.normal(size=15)
    else:
        raise AssertionError(kind)
    return X, y


def rss_of(X, y, coef, intercept):
    r = np.asarray(y, float) - np.asarray(X, float) @ coef - intercept
    return float(r @ r)


@pytest.mark.parametrize("kind", ["tall", "integers", "wide", "duplicated"])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_best_subset_reaches_the_brute_force_minimum(kind, fit_intercept):
    X, y = data(kind)
    p = X.shape[1]
    for k in range(p + 1):
        coef, intercept = best_subset(X, y, k, fit_intercept=fit_intercept)
        assert coef.shape == (p,) and isinstance(intercept, float)
        assert np.count_nonzero(coef) <= k
        if not fit_intercept:
            assert intercept == 0.0
        best_rss, _ = brute_force(np.asarray(X, float), np.asarray(y, float), k, fit_intercept)
        scale = max(float(np.sum(np.asarray(y, float) ** 2)), 1.0)
        assert rss_of(X, y, coef, intercept) == pytest.approx(best_rss, abs=1e-9 * scale)


def test_best_subset_unique_support_matches_brute_force_coefficients():
    X, y = data("tall", seed=4)
    for k in (1, 2, 3):
        coef, intercept = best_subset(X, y, k)
        _, support = brute_force(X, y, k, True)
        assert tuple(np.flatnonzero(coef)) == support
        A = np.column_stack([X[:, list(support)], np.ones(len(y))])
        expected, *_ = np.linalg.lstsq(A, y, rcond=None)
        np.testing.assert_allclose(coef[list(support)], expected[:-1], rtol=1e-10)
        assert intercept == pytest.approx(expected[-1], rel=1e-10)


def test_k_zero_is_the_mean_model_and_k_p_is_least_squares():
    X, y = data("tall")
    coef, intercept = best_subset(X, y, 0)
    np.testing.assert_array_equal(coef, np.zeros(X.shape[1]))
    assert intercept == pytest.approx(y.mean())
    coef, intercept = best_subset(X, y, 0, fit_intercept=False)
    np.testing.assert_array_equal(coef, np.zeros(X.shape[1]))
    assert intercept == 0.0
    coef, intercept = best_subset(X, y, X.shape[1])
    expected, *_ = np.linalg.lstsq(np.column_stack([X, np.ones(len(y))]), y, rcond=None)
    np.testing.assert_allclose(coef, expected[:-1], rtol=1e-10)
    assert intercept == pytest.approx(expected[-1])


def test_duplicated_column_tie_returns_first_support():
    """Column 4 is a copy of column 2: both give the same fit; the lower index wins."""
    X, y = data("duplicated")
    coef, _ = best_subset(X, y, 1)
    assert np.flatnonzero(coef).tolist() == [2]


def test_too_many_features_is_refused_with_the_count():
    X = np.zeros((3, 26))
    with pytest.raises(ValueError, match=r"2\*\*26 = 67,108,864 supports"):
        best_subset(X, np.zeros(3), 2)


def test_best_subset_bad_input():
    X, y = data("tall")
    with pytest.raises(ValueError, match="k must be <= n_features = 6"):
        best_subset(X, y, 7)
    with pytest.raises(ValueError, match="k must be >= 0"):
        best_subset(X, y, -1)
    with pytest.raises(TypeError, match="k must be an integer"):
        best_subset(X, y, True)
    with pytest.raises(TypeError, match="k must be an integer"):
        best_subset(X, y, 2.0)
    with pytest.raises(ValueError, match="same number of samples"):
        best_subset(X, y[:-1], 2)
    with pytest.raises(ValueError, match="2-D"):
        best_subset(X[:, 0], y, 1)
    with pytest.raises(ValueError, match="y must be 1-D"):
        best_subset(X, y[:, None], 1)
    with pytest.raises(ValueError, match="NaN"):
        best_subset(np.where(X > 1.5, np.inf, X), y, 1)
    with pytest.raises(TypeError, match="fit_intercept"):
        best_subset(X, y, 1, fit_intercept="yes")


# --------------------------------------------------------------------------------------------
# the orthonormal design (ESL Table 3.4)
# --------------------------------------------------------------------------------------------
def orthonormal_design(n, p, seed, centred):
    """Columns orthonormal (and orthogonal to the ones vector when centred) by a QR."""
    rng = np.random.default_rng(seed)
    Z = rng.normal(size=(n, p + 1))
    if centred:
        Z[:, 0] = 1.0
        Q, _ = np.linalg.qr(Z)
        return Q[:, 1:]
    Q, _ = np.linalg.qr(Z[:, :p])
    return Q


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_orthonormal_estimates_match_sklearn_and_lib(fit_intercept):
    n, p = 40, 6
    X = orthonormal_design(n, p, seed=1, centred=fit_intercept)
    np.testing.assert_allclose(X.T @ X, np.eye(p), atol=1e-12)
    rng = np.random.default_rng(2)
    y = X @ np.array([3.0, -2.0, 1.0, 0.4, -0.1, 0.0]) + 0.2 * rng.normal(size=n) + 5.0
    w_ls = X.T @ y
    ridge_alpha, lasso_alpha, k = 0.8, 0.6 / n, 3  # Lasso threshold n * alpha = 0.6
    est = orthonormal_estimates(
        w_ls, ridge_alpha=ridge_alpha, lasso_alpha=lasso_alpha, k=k, n_samples=n
    )
    sk_ridge = SkRidge(alpha=ridge_alpha, fit_intercept=fit_intercept).fit(X, y)
    np.testing.assert_allclose(est.ridge, sk_ridge.coef_, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(
        est.ridge,
        lib.Ridge(alpha=ridge_alpha, fit_intercept=fit_intercept).fit(X, y).coef_,
        rtol=1e-10,
        atol=1e-12,
    )
    sk_lasso = SkLasso(
        alpha=lasso_alpha, fit_intercept=fit_intercept, tol=1e-12, max_iter=100_000
    ).fit(X, y)
    np.testing.assert_allclose(est.lasso, sk_lasso.coef_, atol=1e-8)
    lib_lasso = lib.Lasso(
        alpha=lasso_alpha, fit_intercept=fit_intercept, tol=1e-12, max_iter=100_000
    ).fit(X, y)
    np.testing.assert_allclose(est.lasso, lib_lasso.coef_, atol=1e-8)
    assert np.count_nonzero(est.lasso) < p  # the threshold is active on this data
    # threshold n*alpha, not alpha: with alpha itself nothing would be zeroed here
    assert np.all(np.abs(w_ls) > lasso_alpha)
    coef, _ = best_subset(X, y, k, fit_intercept=fit_intercept)
    np.testing.assert_allclose(est.best_subset, coef, rtol=1e-9, atol=1e-12)
    best_rss, support = brute_force(X, y, k, fit_intercept)
    assert tuple(np.flatnonzero(est.best_subset)) == support


def test_orthonormal_best_subset_is_a_hard_threshold_and_ties_keep_k():
    w = np.array([0.5, -3.0, 2.0, -2.0, 1.0])
    est = orthonormal_estimates(w, ridge_alpha=0.0, lasso_alpha=0.0, k=2, n_samples=1)
    np.testing.assert_array_equal(est.best_subset, [0.0, -3.0, 2.0, 0.0, 0.0])  # tie: 2 < 3
    np.testing.assert_array_equal(est.ridge, w)
    np.testing.assert_array_equal(est.lasso, w)
    est3 = orthonormal_estimates(w, ridge_alpha=1.0, lasso_alpha=0.0, k=3, n_samples=1)
    # no tie between the 3rd and 4th largest |w|: the hard threshold at the 4th
    np.testing.assert_array_equal(est3.best_subset, hard_threshold(w, 1.0))
    np.testing.assert_array_equal(est3.ridge, w / 2)


def test_orthonormal_tie_agrees_with_best_subset():
    n, p = 30, 4
    X = orthonormal_design(n, p, seed=5, centred=False)
    rng = np.random.default_rng(6)
    noise = rng.normal(size=n)
    noise -= X @ (X.T @ noise)  # orthogonal to the columns: X'y is exactly the weights
    y = X @ np.array([1.0, -2.0, 2.0, 0.5]) + noise
    w_ls = np.round(X.T @ y, 12)  # |-2| and |2| exactly: rounding would decide the tie
    np.testing.assert_allclose(w_ls, [1.0, -2.0, 2.0, 0.5])
    est = orthonormal_estimates(w_ls, ridge_alpha=0.0, lasso_alpha=0.0, k=1, n_samples=n)
    coef, _ = best_subset(X, y, 1, fit_intercept=False)  # RSS equal up to rounding
    assert np.flatnonzero(est.best_subset).tolist() == [1]
    assert np.flatnonzero(coef).tolist() == [1]


def test_orthonormal_estimates_bad_input():
    w = [1.0, 2.0]
    good = dict(ridge_alpha=1.0, lasso_alpha=0.1, k=1, n_samples=3)
    for name, bad, error in [
        ("ridge_alpha", -1.0, ValueError),
        ("lasso_alpha", np.nan, ValueError),
        ("k", 3, ValueError),
        ("k", 1.5, TypeError),
        ("n_samples", 0, ValueError),
        ("n_samples", True, TypeError),
    ]:
        with pytest.raises(error, match=name):
            orthonormal_estimates(w, **{**good, name: bad})
    with pytest.raises(ValueError, match="w_ls must be 1-D"):
        orthonormal_estimates([[1.0, 2.0]], **good)
    with pytest.raises(ValueError, match="NaN"):
        orthonormal_estimates([1.0, np.nan], **good)
