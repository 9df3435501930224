"""lib.spectral against numpy's SVD, the explicit hat matrix, explicit gradient steps and
scikit-learn's Ridge."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import Ridge as SkRidge

from lib.spectral import (
    gradient_descent_filter,
    ridge_effective_dof,
    ridge_shrinkage_factors,
    singular_values,
)


def design(kind: str, seed: int = 0):
    """Designs with the awkward cases: n < p, duplicated columns, integers, ties."""
    rng = np.random.default_rng(seed)
    if kind == "tall":
        X = rng.normal(size=(30, 5))
    elif kind == "wide":  # n < p
        X = rng.normal(size=(6, 10))
    elif kind == "duplicated":
        Z = rng.normal(size=(20, 4))
        X = np.column_stack([Z, Z[:, 1]])
    elif kind == "integers":
        X = rng.integers(-3, 4, size=(15, 4)).astype(float)
    elif kind == "tied":  # equal singular values
        X = np.vstack([np.eye(3), -np.eye(3)]) * 2.0
    else:
        raise AssertionError(kind)
    y = rng.normal(size=X.shape[0]) + X[:, 0]
    return X, y


KINDS = ["tall", "wide", "duplicated", "integers", "tied"]


def centred(X, y, fit_intercept):
    if not fit_intercept:
        return X, y
    return X - X.mean(axis=0), y - y.mean()


def numpy_rank(A):
    return np.linalg.matrix_rank(A)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_singular_values_match_numpy_svd(kind, fit_intercept):
    X, y = design(kind)
    Xc, _ = centred(X, y, fit_intercept)
    d = singular_values(X, fit_intercept=fit_intercept)
    expected = np.linalg.svd(Xc, compute_uv=False)
    assert d.shape == (min(X.shape),)
    assert np.all(np.diff(d) <= 0)
    np.testing.assert_allclose(d, expected, rtol=1e-12, atol=1e-12 * expected[0])
    assert np.count_nonzero(d) == numpy_rank(Xc)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("alpha", [0.0, 1e-3, 0.7, 25.0, 1e6])
def test_factors_and_dof_match_svd_formula_and_hat_matrix(kind, fit_intercept, alpha):
    X, y = design(kind)
    Xc, _ = centred(X, y, fit_intercept)
    d = np.linalg.svd(Xc, compute_uv=False)
    factors = ridge_shrinkage_factors(X, alpha, fit_intercept=fit_intercept)
    dof = ridge_effective_dof(X, alpha, fit_intercept=fit_intercept)
    assert isinstance(dof, float)
    if alpha > 0:
        np.testing.assert_allclose(factors, d**2 / (d**2 + alpha), rtol=1e-10, atol=1e-12)
        # the hat matrix written out: trace of X (X'X + alpha I)^{-1} X'
        hat = Xc @ np.linalg.solve(Xc.T @ Xc + alpha * np.eye(X.shape[1]), Xc.T)
        assert dof == pytest.approx(np.trace(hat), rel=1e-9, abs=1e-9)
    else:
        # least squares: the hat matrix is the projection onto the column space
        hat = Xc @ np.linalg.pinv(Xc)
        assert dof == pytest.approx(np.trace(hat), rel=1e-9)
        assert dof == numpy_rank(Xc)
        np.testing.assert_array_equal(factors, (np.arange(d.size) < numpy_rank(Xc)) * 1.0)
    assert np.all((factors >= 0) & (factors <= 1))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("alpha", [0.01, 1.0, 40.0])
def test_sklearn_ridge_predictions_are_filtered_least_squares(kind, fit_intercept, alpha):
    X, y = design(kind, seed=3)
    Xc, yc = centred(X, y, fit_intercept)
    U, d, _ = np.linalg.svd(Xc, full_matrices=False)
    factors = ridge_shrinkage_factors(X, alpha, fit_intercept=fit_intercept)
    filtered = U @ (factors * (U.T @ yc)) + (y.mean() if fit_intercept else 0.0)
    model = SkRidge(alpha=alpha, fit_intercept=fit_intercept, solver="svd").fit(X, y)
    np.testing.assert_allclose(model.predict(X), filtered, rtol=1e-8, atol=1e-8)


def explicit_gradient_steps(X, y, eta, k):
    """k steps of w <- w - eta X'(Xw - y) from 0, written out."""
    w = np.zeros(X.shape[1])
    for _ in range(k):
        w = w - eta * X.T @ (X @ w - y)
    return w


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("k", [0, 1, 5, 60])
def test_gradient_filter_matches_explicit_steps_on_singular_vectors(kind, fit_intercept, k):
    X, y = design(kind, seed=1)
    Xc, yc = centred(X, y, fit_intercept)
    U, d, _ = np.linalg.svd(Xc, full_matrices=False)
    eta = 1.5 / d[0] ** 2  # between 1/d_1^2 and 2/d_1^2: the top factor overshoots 1
    fitted = Xc @ explicit_gradient_steps(Xc, yc, eta, k)
    factors = gradient_descent_filter(X, eta, k, fit_intercept=fit_intercept)
    coords = U.T @ yc
    keep = np.abs(coords) > 1e-8 * np.abs(coords).max()
    np.testing.assert_allclose(
        (U.T @ fitted)[keep] / coords[keep], factors[keep], rtol=1e-7, atol=1e-9
    )
    # and the whole fitted vector, not only its projections
    np.testing.assert_allclose(U @ (factors * coords), fitted, rtol=1e-8, atol=1e-9)


def test_gradient_filter_book_step_scaling():
    """lib.gradient_descent (mean-scaled loss, learning_rate eta_book) = filter at eta_book/n."""
    import lib

    X, y = design("tall", seed=2)
    Xc, yc = centred(X, y, True)
    n = X.shape[0]
    eta_book, k = 0.1, 7
    path = lib.gradient_descent(Xc, yc, alpha=0.0, penalty=None, learning_rate=eta_book, n_steps=k)
    U, _, _ = np.linalg.svd(Xc, full_matrices=False)
    factors = gradient_descent_filter(X, eta_book / n, k)
    np.testing.assert_allclose(Xc @ path[-1], U @ (factors * (U.T @ yc)), rtol=1e-9)


def test_filters_behave_like_each_other():
    """Early stopping ~ ridge: both increase in d, start at 0 and tend to 1."""
    X, _ = design("tall")
    d = singular_values(X)
    f_gd = gradient_descent_filter(X, 0.5 / d[0] ** 2, 10)
    f_ridge = ridge_shrinkage_factors(X, 1.0)
    for f in (f_gd, f_ridge):
        assert np.all(np.diff(f) <= 1e-15)  # larger d, larger factor
        assert np.all((f > 0) & (f < 1))
    np.testing.assert_array_equal(gradient_descent_filter(X, 0.1, 0), np.zeros(d.size))
    np.testing.assert_allclose(gradient_descent_filter(X, 1 / d[0] ** 2, 5000), 1.0)
    np.testing.assert_allclose(ridge_shrinkage_factors(X, 1e-12), 1.0)


def test_small_steps_approach_gradient_flow_and_stay_in_unit_interval():
    X, _ = design("integers")
    d = singular_values(X)
    t = 0.3 / d[1] ** 2  # flow time
    for k in (10, 1000, 100_000):
        f = gradient_descent_filter(X, t / k, k)
        assert np.all((f >= 0) & (f <= 1))
    np.testing.assert_allclose(f, 1 - np.exp(-t * d**2), rtol=1e-4)
    f = gradient_descent_filter(X, 1 / d[0] ** 2, 7)  # the largest step that stays in [0, 1]
    assert np.all((f >= 0) & (f <= 1)) and f[0] == 1.0


def test_documented_small_values():
    X = np.array([[3.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    np.testing.assert_allclose(ridge_shrinkage_factors(X, 1.0, fit_intercept=False), [0.9, 0.5])
    assert ridge_effective_dof(X, 1.0, fit_intercept=False) == pytest.approx(1.4)
    # a constant column carries no variance once centred: factor 0 whatever alpha
    Xconst = np.column_stack([np.arange(5.0), np.full(5, 7.0)])
    np.testing.assert_array_equal(ridge_shrinkage_factors(Xconst, 0.0), [1.0, 0.0])
    assert ridge_effective_dof(np.zeros((4, 3)), 0.0) == 0.0
    # one sample, centred: nothing left
    np.testing.assert_array_equal(singular_values([[1.0, 2.0, 3.0]]), [0.0])


def test_large_and_small_scales_do_not_overflow():
    X, _ = design("tall")
    for scale in (1e-150, 1e150):
        f = ridge_shrinkage_factors(X * scale, 1.0 * scale**2)
        np.testing.assert_allclose(f, ridge_shrinkage_factors(X, 1.0), rtol=1e-10)
    assert np.all(ridge_shrinkage_factors(X * 1e200, 1.0) == 1.0)


def test_divergent_step_is_an_error_not_inf():
    X, _ = design("tall")
    d1 = singular_values(X)[0]
    factors = gradient_descent_filter(X, 2.5 / d1**2, 20)  # diverging but still finite
    assert abs(factors[0]) > 1
    with pytest.raises(ValueError, match="stability bound"):
        gradient_descent_filter(X, 2.5 / d1**2, 5000)


@pytest.mark.parametrize(
    "func, args",
    [
        (ridge_shrinkage_factors, (1.0,)),
        (ridge_effective_dof, (1.0,)),
        (gradient_descent_filter, (0.1, 3)),
    ],
)
def test_bad_X(func, args):
    X, _ = design("tall")
    with pytest.raises(ValueError, match="2-D"):
        func(X[:, 0], *args)
    with pytest.raises(ValueError, match="NaN"):
        func(np.where(X > 1, np.nan, X), *args)
    with pytest.raises(ValueError, match="empty"):
        func(np.zeros((0, 3)), *args)
    with pytest.raises(TypeError, match="X"):
        func("not an array", *args)
    with pytest.raises(TypeError, match="fit_intercept"):
        func(X, *args, fit_intercept=1)


def test_bad_alpha_step_and_steps():
    X, _ = design("tall")
    with pytest.raises(ValueError, match="alpha"):
        ridge_shrinkage_factors(X, -1.0)
    with pytest.raises(ValueError, match="alpha"):
        ridge_effective_dof(X, np.nan)
    with pytest.raises(TypeError, match="alpha"):
        ridge_shrinkage_factors(X, True)
    with pytest.raises(ValueError, match="step"):
        gradient_descent_filter(X, 0.0, 3)
    with pytest.raises(ValueError, match="step"):
        gradient_descent_filter(X, np.inf, 3)
    with pytest.raises(ValueError, match="n_steps"):
        gradient_descent_filter(X, 0.1, -1)
    with pytest.raises(TypeError, match="n_steps"):
        gradient_descent_filter(X, 0.1, 2.0)
    with pytest.raises(TypeError, match="n_steps"):
        gradient_descent_filter(X, 0.1, True)
