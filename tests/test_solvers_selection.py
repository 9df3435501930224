"""Issue 14 additions in lib.solvers: the one-standard-error rule and FISTA.

Oracles: scikit-learn's fold errors on the same folds (LassoCV.mse_path_, cross_val_score with
Ridge), numpy's standard deviation, and Beck & Teboulle's O(1/k^2) bound with the optimum from
scikit-learn at tol=1e-14."""

import numpy as np
import pytest
from sklearn import linear_model as sk
from sklearn.model_selection import KFold, cross_val_score

from lib.solvers import (
    Lasso,
    cross_validate_alpha,
    fista,
    lasso_alpha_max,
    path_errors,
    proximal_gradient,
)


def one_se_from(fold_mse, alphas):
    """The 1-SE rule written out from a (n_alphas, K) table of fold errors (ESL 7.10)."""
    mean = fold_mse.mean(axis=1)
    se = fold_mse.std(axis=1, ddof=1) / np.sqrt(fold_mse.shape[1])
    k = np.argmin(mean)
    return max(a for a, m in zip(alphas, mean, strict=True) if m <= mean[k] + se[k]), se


def regression(seed, n=80, p=12):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    w = np.zeros(p)
    w[:3] = [3.0, -2.0, 1.0]
    return X, X @ w + 2.0 * rng.standard_normal(n) + 4.0


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_alpha_1se_lasso_matches_lasso_cv_fold_errors(seed):
    X, y = regression(seed)
    alphas = np.geomspace(2.0, 0.002, 30)
    result = cross_validate_alpha(Lasso(tol=1e-12, max_iter=100_000), X, y, alphas, cv=5)
    ref = sk.LassoCV(alphas=alphas, cv=KFold(5), tol=1e-14, max_iter=200_000).fit(X, y)
    expected, se = one_se_from(ref.mse_path_, ref.alphas_)
    assert result.alpha_1se == expected
    assert result.alpha == ref.alpha_ and result.alpha_1se >= result.alpha
    np.testing.assert_allclose(result.se_mse, se, rtol=1e-6)


def test_alpha_1se_ridge_matches_sklearn_fold_errors():
    X, y = regression(3, n=60, p=20)
    alphas = np.geomspace(1000.0, 0.01, 25)
    result = cross_validate_alpha("ridge", X, y, alphas, cv=4)
    folds = np.array(
        [
            -cross_val_score(
                sk.Ridge(alpha=a), X, y, cv=KFold(4), scoring="neg_mean_squared_error"
            )
            for a in alphas
        ]
    )
    np.testing.assert_allclose(result.mse, folds, rtol=1e-8)
    expected, se = one_se_from(folds, alphas)
    assert result.alpha_1se == expected
    assert result.alpha_1se > result.alpha  # the rule picks a simpler model here
    np.testing.assert_allclose(result.se_mse, se, rtol=1e-8)


def lasso_objective(X, y, alpha, w):
    r = y - X @ w
    return r @ r / (2 * len(y)) + alpha * np.abs(w).sum()


@pytest.mark.parametrize(
    "shape, seed, rel", [((50, 10), 0, 0.1), ((30, 60), 1, 0.05), ((80, 5), 2, 0.5)]
)
def test_fista_gap_is_below_beck_teboulle_bound(shape, seed, rel):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal(shape) @ np.diag(rng.uniform(0.2, 3.0, shape[1]))
    y = X[:, :3] @ [1.0, -2.0, 0.5] + rng.standard_normal(shape[0])
    alpha = rel * lasso_alpha_max(X, y)
    L = np.linalg.norm(X, 2) ** 2 / len(y)
    w_star = (
        sk.Lasso(alpha=alpha, fit_intercept=False, tol=1e-14, max_iter=500_000).fit(X, y).coef_
    )
    w0 = rng.standard_normal(shape[1])
    path = fista(X, y, alpha=alpha, learning_rate=1.0 / L, n_steps=400, w0=w0)
    gaps = np.array([lasso_objective(X, y, alpha, w) for w in path])
    f_star = min(lasso_objective(X, y, alpha, w_star), gaps.min())
    k = np.arange(1, 401)
    bound = 2 * L * np.sum((w0 - w_star) ** 2) / (k + 1) ** 2
    assert np.all(gaps[1:] - f_star <= bound + 1e-12 * abs(f_star))
    # and it is faster than ISTA on the same problem, as the rates say
    ista = proximal_gradient(X, y, alpha=alpha, learning_rate=1.0 / L, n_steps=400, w0=w0)
    assert gaps[-1] - f_star <= lasso_objective(X, y, alpha, ista[-1]) - f_star + 1e-15


@pytest.mark.parametrize("kind", ["ridge", "lasso"])
def test_path_errors_match_sklearn_estimators(kind):
    X, y = regression(4, n=60, p=6)
    X_test, y_test = regression(5, n=40, p=6)
    alphas = np.array([5.0, 1.0, 0.1, 0.0]) if kind == "ridge" else np.array([2.0, 0.5, 0.05])
    errors = path_errors(kind, X, y, X_test, y_test, alphas)
    least_squares = sk.LinearRegression().fit(X, y).coef_
    p = 2 if kind == "ridge" else 1
    for i, a in enumerate(alphas):
        if kind == "ridge":
            ref = sk.Ridge(alpha=a, solver="svd").fit(X, y)
        else:
            ref = sk.Lasso(alpha=a, tol=1e-14, max_iter=200_000).fit(X, y)
        np.testing.assert_allclose(errors.coefs[i], ref.coef_, rtol=1e-7, atol=1e-9)
        assert errors.intercepts[i] == pytest.approx(ref.intercept_, rel=1e-9)
        assert errors.train_mse[i] == pytest.approx(np.mean((ref.predict(X) - y) ** 2))
        assert errors.test_mse[i] == pytest.approx(np.mean((ref.predict(X_test) - y_test) ** 2))
        budget = np.linalg.norm(ref.coef_, p) / np.linalg.norm(least_squares, p)
        assert errors.budget[i] == pytest.approx(budget, rel=1e-7)


def test_path_errors_rejects_bad_input():
    X, y = regression(6, n=10, p=12)
    with pytest.raises(ValueError, match="n_samples > n_features"):
        path_errors("ridge", X, y, X, y, [1.0])
    with pytest.raises(ValueError, match='kind must be "ridge" or "lasso"'):
        path_errors("huber", X[:, :3], y, X[:, :3], y, [1.0])
    with pytest.raises(ValueError, match="X_test must have the 3 features"):
        path_errors("ridge", X[:, :3], y, X[:, :2], y, [1.0])
