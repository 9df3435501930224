"""Differential test of every solver against scikit-learn, by objective value and KKT.

Small problems of the kinds where a path algorithm can go wrong (issue 12): Gaussian,
integer-valued, duplicated columns, exactly tied correlations (orthogonal +-1 columns),
one-hot columns, n < p, constant columns. On each, our solution's objective must never be
above scikit-learn's (run to tol=1e-14, or a closed form) by more than 1e-9 relative, and the
optimality (KKT) conditions must hold. No ConvergenceWarning either: below 200 features a
coordinate-descent result that is not yet exact is finished by the homotopy.

Hypothesis draws the problem kind, its size and a seed; ``derandomize=True`` makes the
examples the same on every run. The old homotopy (commit 615945c) fails this file.
"""

import warnings

import numpy as np
from enet_oracle import assert_enet_kkt, enet_objective
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.linalg import hadamard
from sklearn import linear_model as sk
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import KFold

from lib.solvers import (
    ElasticNet,
    Lasso,
    Ridge,
    cross_validate_alpha,
    enet_path,
    lasso_alpha_max,
    lasso_knots,
    lasso_path,
    ridge_path,
)

REL = 1e-9  # ours may exceed the reference objective by this much, relatively
TIGHT = {"tol": 1e-14, "max_iter": 200_000}
KINDS = ["gaussian", "integer", "duplicated", "tied", "one-hot", "wide", "constant"]
FAST = settings(derandomize=True, deadline=None, max_examples=60, database=None)


def make_problem(kind: str, n: int, p: int, seed: int):
    rng = np.random.default_rng(seed)
    if kind == "gaussian":
        X = rng.standard_normal((n, p)) * rng.uniform(0.5, 3.0, p)
    elif kind == "integer":
        X = rng.integers(-3, 4, (n, p)).astype(float)
    elif kind == "duplicated":
        base = rng.integers(-2, 3, (n, p)).astype(float)
        X = np.column_stack([base, base[:, rng.integers(0, p, 2)], -base[:, :1]])
    elif kind == "tied":  # orthogonal +-1 columns, y with equal weights: exact ties
        H = hadamard(8)[:, 1:].astype(float)
        X = H[:, rng.permutation(7)[: min(p, 7)]]
        X = np.vstack([X] * (1 + n // 8))
        weights = rng.choice([-1.0, 1.0], X.shape[1]) * (rng.random(X.shape[1]) < 0.7)
        return X, X @ weights + rng.choice([0.0, 0.5]) * X[:, 0]
    elif kind == "one-hot":
        X = np.eye(p)[rng.integers(0, p, n)]
    elif kind == "wide":
        X = rng.integers(-2, 3, (n, n + p)).astype(float)
    else:  # a constant column among Gaussian ones
        X = rng.standard_normal((n, p))
        X[:, rng.integers(0, p)] = rng.choice([0.0, 2.0])
    if rng.random() < 0.5:
        y = rng.integers(-3, 4, X.shape[0]).astype(float)
    else:
        y = X @ rng.standard_normal(X.shape[1]) + rng.standard_normal(X.shape[0])
    return X, y


problems = st.builds(
    make_problem,
    kind=st.sampled_from(KINDS),
    n=st.integers(4, 14),
    p=st.integers(1, 8),
    seed=st.integers(0, 2**32 - 1),
)


def quietly(fn, *args, **kwargs):
    """Run fn, returning (result, whether it warned that it did not converge)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = fn(*args, **kwargs)
    return out, any(issubclass(w.category, ConvergenceWarning) for w in caught)


def ridge_objective(X, y, w, alpha, b=0.0):
    r = y - X @ w - b
    return r @ r + alpha * (w @ w)


def assert_not_worse(ours, reference, scale, what):
    """ours <= reference (1 + REL), with an absolute floor at round-off of the data's scale."""
    assert ours <= reference + REL * abs(reference) + 1e-13 * scale, (
        f"{what}: objective {ours!r} above the reference {reference!r} "
        f"by {(ours - reference) / max(abs(reference), 1e-300):.2e} relative"
    )


def path_alphas(X, y):
    a_max = lasso_alpha_max(X, y)
    return a_max * np.array([1.5, 1.0, 0.7, 0.3, 0.1, 0.03, 0.01, 1e-3])


def sk_path(X, y, alphas, l1_ratio=1.0):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        _, coefs, _ = sk.enet_path(X, y, l1_ratio=l1_ratio, alphas=alphas, **TIGHT)
    return coefs.T


@FAST
@given(problems)
def test_lasso_path_every_method_never_worse_than_sklearn(problem):
    X, y = problem
    if lasso_alpha_max(X, y) == 0.0:
        return
    alphas = path_alphas(X, y)
    ref = sk_path(X, y, alphas)
    scale = y @ y / (2 * len(y))
    for method, kwargs in [("auto", {}), ("homotopy", {}), ("cd", {"tol": 1e-14})]:
        coefs, warned = quietly(lasso_path, X, y, alphas, method=method, **kwargs)
        for a, w, w_ref in zip(alphas, coefs, ref, strict=True):
            assert not warned
            assert_not_worse(
                enet_objective(X, y, w, a), enet_objective(X, y, w_ref, a), scale, method
            )
            assert_enet_kkt(X, y, w, a)


@FAST
@given(problems)
def test_lasso_knots_are_optimal(problem):
    X, y = problem
    alphas, coefs = lasso_knots(X, y)
    assert np.all(np.diff(alphas) < 0)
    positive = alphas > 0
    ref = sk_path(X, y, alphas[positive]) if positive.any() else []
    scale = y @ y / (2 * len(y))
    for a, w, w_ref in zip(alphas[positive], coefs[positive], ref, strict=True):
        assert_not_worse(enet_objective(X, y, w, a), enet_objective(X, y, w_ref, a), scale, "knot")
        assert_enet_kkt(X, y, w, a)
    if alphas[-1] == 0.0:  # the end of the path is a least-squares solution
        least_squares = np.linalg.lstsq(X, y, rcond=None)[0]
        r, r_ls = y - X @ coefs[-1], y - X @ least_squares
        assert r @ r <= r_ls @ r_ls * (1 + REL) + 1e-12 * (y @ y)


@FAST
@given(problems, st.sampled_from([0.2, 0.5, 0.9]))
def test_enet_path_never_worse_than_sklearn(problem, l1_ratio):
    X, y = problem
    if lasso_alpha_max(X, y) == 0.0:
        return
    alphas = path_alphas(X, y)[1:-1]
    ref = sk_path(X, y, alphas, l1_ratio)
    coefs, warned = quietly(enet_path, X, y, alphas, l1_ratio=l1_ratio, tol=1e-14)
    scale = y @ y / (2 * len(y))
    assert not warned
    for a, w, w_ref in zip(alphas, coefs, ref, strict=True):
        ref_obj = enet_objective(X, y, w_ref, a, l1_ratio)
        assert_not_worse(enet_objective(X, y, w, a, l1_ratio), ref_obj, scale, "enet")
        assert_enet_kkt(X, y, w, a, l1_ratio)


@FAST
@given(problems)
def test_ridge_path_never_worse_than_the_augmented_least_squares(problem):
    X, y = problem
    alphas = np.array([0.0, 1e-8, 1e-3, 0.1, 1.0, 10.0, 1e4])
    coefs = ridge_path(X, y, alphas)
    p = X.shape[1]
    scale = y @ y
    for a, w in zip(alphas, coefs, strict=True):
        # exact reference: min ||[X; sqrt(a) I] w - [y; 0]||^2 by lstsq (minimum norm at a = 0)
        A = np.vstack([X, np.sqrt(a) * np.eye(p)])
        ref = np.linalg.lstsq(A, np.concatenate([y, np.zeros(p)]), rcond=None)[0]
        assert_not_worse(
            ridge_objective(X, y, w, a), ridge_objective(X, y, ref, a), scale, "ridge"
        )
        if a > 0:  # the gradient vanishes: (X'X + a I) w = X'y
            grad = X.T @ (X @ w - y) + a * w
            assert np.abs(grad).max() <= 1e-8 * (np.abs(X).T @ np.abs(y)).max() + 1e-12
        else:  # the minimum-norm least-squares solution
            np.testing.assert_allclose(w, ref, atol=1e-8 * max(1.0, np.abs(ref).max()))


@FAST
@given(problems, st.sampled_from([0.3, 0.05, 0.005]))
def test_estimators_never_worse_than_sklearn(problem, rel_alpha):
    X, y = problem
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    a_max = lasso_alpha_max(Xc, yc)
    scale = yc @ yc / (2 * len(y)) + 1e-300
    for ours_cls, sk_cls, l1_ratio in [(Lasso, sk.Lasso, 1.0), (ElasticNet, sk.ElasticNet, 0.5)]:
        alpha = rel_alpha * max(a_max, 1e-3)
        kwargs = {} if ours_cls is Lasso else {"l1_ratio": l1_ratio}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            ref = sk_cls(alpha=alpha, **kwargs, **TIGHT).fit(X, y)
        # our default tol=1e-4: the exact finish (support solve, homotopy) makes it exact
        ours, warned = quietly(ours_cls(alpha=alpha, **kwargs).fit, X, y)
        assert not warned
        f_ours = enet_objective(X, y, ours.coef_, alpha, l1_ratio, ours.intercept_)
        f_ref = enet_objective(X, y, ref.coef_, alpha, l1_ratio, ref.intercept_)
        assert_not_worse(f_ours, f_ref, scale, ours_cls.__name__)
        assert_enet_kkt(Xc, yc, ours.coef_, alpha, l1_ratio)
    for alpha in (1e-6, 0.1, 10.0):
        ours = Ridge(alpha=alpha).fit(X, y)
        ref = sk.Ridge(alpha=alpha, solver="svd").fit(X, y)
        f_ours = ridge_objective(X, y, ours.coef_, alpha, ours.intercept_)
        f_ref = ridge_objective(X, y, ref.coef_, alpha, ref.intercept_)
        assert_not_worse(f_ours, f_ref, 2 * scale, "Ridge")


@settings(derandomize=True, deadline=None, max_examples=25, database=None)
@given(problems, st.sampled_from(["lasso", "ridge", "enet"]))
def test_cross_validation_fold_errors_equal_sklearn(problem, kind):
    X, y = problem
    X, y = np.vstack([X, X[::-1] + 0.5]), np.concatenate([y, y[::-1] - 1.0])  # >= 8 samples
    alphas = np.geomspace(3.0, 0.003, 7)
    cv = KFold(4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        if kind == "lasso":
            result = cross_validate_alpha("lasso", X, y, alphas, cv=4)
            fold_mse = sk.LassoCV(alphas=alphas, cv=cv, **TIGHT).fit(X, y).mse_path_
        elif kind == "enet":
            model = ElasticNet(l1_ratio=0.5, tol=1e-14, max_iter=200_000)
            result = cross_validate_alpha(model, X, y, alphas, cv=4)
            fold_mse = sk.ElasticNetCV(l1_ratio=0.5, alphas=alphas, cv=cv, **TIGHT).fit(X, y)
            fold_mse = fold_mse.mse_path_
        else:
            result = cross_validate_alpha("ridge", X, y, alphas, cv=4)
            fold_mse = np.array(
                [
                    [
                        np.mean(
                            (
                                sk.Ridge(alpha=a, solver="svd").fit(X[tr], y[tr]).predict(X[te])
                                - y[te]
                            )
                            ** 2
                        )
                        for tr, te in cv.split(X)
                    ]
                    for a in alphas
                ]
            )
    # the fitted values of a convex problem are unique even when its coefficients are not
    np.testing.assert_allclose(result.mse, fold_mse, rtol=1e-6, atol=1e-9 * (y @ y) / len(y))
