"""lib.geometry: exact constrained and penalised optima, checked against independent oracles.

Oracles: a dense walk along the ball's boundary, scipy's SLSQP, scikit-learn's Lasso and Ridge
on data built to have the same loss bowl.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import minimize
from sklearn.linear_model import Lasso, Ridge

from lib.geometry import Quadratic, constrained_optimum, penalized_optimum, quadratic_from_data


def _random_bowl(rng, d=2):
    A = rng.standard_normal((d, d))
    H = A @ A.T + 0.3 * np.eye(d)
    return Quadratic(H, rng.uniform(-3, 3, d))


def _data_with_bowl(q: Quadratic):
    """X, y with X^T X / n = H and least-squares solution c (n = d rows)."""
    d = q.c.size
    L = np.linalg.cholesky(q.H)
    X = np.sqrt(d) * L.T
    return X, X @ q.c


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("p", [1, 2])
def test_constrained_optimum_is_the_lowest_point_of_a_boundary_walk(seed, p):
    rng = np.random.default_rng(seed)
    q = _random_bowl(rng)
    budget = 0.5 + rng.uniform(0, 1)
    w = constrained_optimum(q, budget, norm=p)
    theta = np.linspace(0, 2 * np.pi, 200_001)
    u = np.column_stack([np.cos(theta), np.sin(theta)])
    pts = budget * u / np.sum(np.abs(u) ** p, axis=1, keepdims=True) ** (1 / p)
    d = pts - q.c
    losses = 0.5 * np.einsum("ij,jk,ik->i", d, q.H, d)
    if np.sum(np.abs(q.c) ** p) ** (1 / p) > budget:
        assert np.sum(np.abs(w) ** p) ** (1 / p) == pytest.approx(budget, rel=1e-12)
        assert q(w) <= losses.min() + 1e-12
        assert q(w) == pytest.approx(losses.min(), abs=1e-6)
    else:
        np.testing.assert_array_equal(w, q.c)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("p", [1, 2])
def test_constrained_optimum_matches_slsqp(seed, p):
    rng = np.random.default_rng(100 + seed)
    q = _random_bowl(rng)
    budget = 1.0
    w = constrained_optimum(q, budget, norm=p)
    if p == 1:  # split w = u - v, u, v >= 0, sum(u + v) <= budget: a smooth problem
        res = minimize(
            lambda z: q(z[:2] - z[2:]),
            np.full(4, 0.1),
            method="SLSQP",
            bounds=[(0, None)] * 4,
            constraints=[{"type": "ineq", "fun": lambda z: budget - z.sum()}],
            options={"ftol": 1e-14, "maxiter": 500},
        )
        ref = res.x[:2] - res.x[2:]
    else:
        res = minimize(
            q,
            np.zeros(2),
            method="SLSQP",
            constraints=[{"type": "ineq", "fun": lambda z: budget**2 - z @ z}],
            options={"ftol": 1e-14, "maxiter": 500},
        )
        ref = res.x
    np.testing.assert_allclose(w, ref, atol=1e-5)


def test_l1_constrained_optimum_lands_exactly_on_a_corner():
    q = Quadratic(np.eye(2), [2.0, 0.5])
    w = constrained_optimum(q, 1.0, norm=1)
    assert w.tolist() == [1.0, 0.0]


@pytest.mark.parametrize("d", [2, 3, 4])
@pytest.mark.parametrize("lam", [0.0, 0.05, 0.4, 1.5, 10.0])
def test_penalized_l1_equals_sklearn_lasso(d, lam):
    q = _random_bowl(np.random.default_rng(d), d)
    X, y = _data_with_bowl(q)
    w = penalized_optimum(q, lam, penalty="l1")
    if lam == 0.0:
        np.testing.assert_allclose(w, q.c, atol=1e-10)
        return
    ref = Lasso(alpha=lam, fit_intercept=False, tol=1e-14, max_iter=1_000_000).fit(X, y).coef_
    np.testing.assert_allclose(w, ref, atol=1e-7)
    np.testing.assert_array_equal(w == 0.0, np.abs(ref) < 1e-12)


@pytest.mark.parametrize("lam", [0.0, 0.3, 2.0])
def test_penalized_l2_equals_sklearn_ridge(lam):
    q = _random_bowl(np.random.default_rng(5), 3)
    X, y = _data_with_bowl(q)
    n = X.shape[0]
    ref = Ridge(alpha=2 * n * lam, fit_intercept=False, solver="svd").fit(X, y).coef_
    np.testing.assert_allclose(penalized_optimum(q, lam, penalty="l2"), ref, atol=1e-10)


def test_quadratic_from_data_differs_from_the_mse_by_a_constant():
    rng = np.random.default_rng(3)
    X = rng.standard_normal((30, 2))
    y = rng.standard_normal(30)
    q = quadratic_from_data(X, y)
    diffs = [np.sum((y - X @ w) ** 2) / 60 - q(w) for w in rng.standard_normal((5, 2))]
    np.testing.assert_allclose(diffs, diffs[0], atol=1e-12)


def test_bad_input():
    with pytest.raises(ValueError, match="positive definite"):
        Quadratic(np.diag([1.0, -1.0]), [0.0, 0.0])
    with pytest.raises(ValueError, match="symmetric"):
        Quadratic([[1.0, 1.0], [0.0, 1.0]], [0.0, 0.0])
    with pytest.raises(ValueError, match="shape"):
        Quadratic(np.eye(2), [0.0, 0.0, 0.0])
    q = Quadratic(np.eye(2), [1.0, 1.0])
    with pytest.raises(ValueError, match="norm"):
        constrained_optimum(q, 1.0, norm=3)
    with pytest.raises(ValueError):
        constrained_optimum(q, -1.0, norm=2)
    with pytest.raises(ValueError, match="penalty"):
        penalized_optimum(q, 1.0, penalty="l3")
    with pytest.raises(ValueError):
        penalized_optimum(q, -0.1, penalty="l1")


def _walk_minimiser(q: Quadratic, budget: float, p: int) -> np.ndarray:
    """The lowest point of a dense walk along the boundary of the Lp ball (p = 1 or 2)."""
    theta = np.linspace(0, 2 * np.pi, 400_001)
    u = np.column_stack([np.cos(theta), np.sin(theta)])
    pts = budget * u / np.sum(np.abs(u) ** p, axis=1, keepdims=True) ** (1 / p)
    d = pts - q.c
    return pts[np.argmin(np.einsum("ij,jk,ik->i", d, q.H, d))]


@pytest.mark.parametrize("scale", [1e-300, 1e-200, 1e150, 1e200, 1e300])
@pytest.mark.parametrize("p", [1, 2])
def test_constrained_optimum_at_extreme_scales_is_the_scaled_unit_optimum(scale, p):
    # issue 12: budget 1e-200 gave [inf, inf]; c >= 1e150 with norm=1 the wrong corner
    rng = np.random.default_rng(7)
    q = _random_bowl(rng)
    want = _walk_minimiser(q, 1.0, p)  # on the unit-scale problem, by brute force
    H_scale = 1e100 if scale > 1 else 1e-100  # H's scale does not move the optimum
    w = constrained_optimum(Quadratic(q.H * H_scale, q.c * scale), scale, norm=p)
    assert np.all(np.isfinite(w))
    np.testing.assert_allclose(w / scale, want, atol=1e-4)


@pytest.mark.parametrize("scale", [1e-200, 1e200])
def test_penalized_optima_at_extreme_scales_match_sklearn_at_unit_scale(scale):
    # w(c s, lam s) = s w(c, lam) for the L1 penalty, and w(c s, lam) = s w(c, lam) for L2
    q = Quadratic(np.array([[2.0, 0.5], [0.5, 1.0]]), [1.5, -0.4])
    X, y = _data_with_bowl(q)
    n = len(y)
    lasso = Lasso(alpha=0.3, fit_intercept=False, tol=1e-14, max_iter=100_000).fit(X, y)
    ridge = Ridge(alpha=2 * n * 0.3, fit_intercept=False).fit(X, y)
    scaled = Quadratic(q.H, q.c * scale)
    w1 = penalized_optimum(scaled, 0.3 * scale, penalty="l1")
    w2 = penalized_optimum(scaled, 0.3, penalty="l2")
    np.testing.assert_allclose(w1 / scale, lasso.coef_, rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(w2 / scale, ridge.coef_, rtol=1e-10)


def test_quadratic_refuses_a_wrongly_shaped_w_and_evaluates_without_overflow():
    q = Quadratic(np.eye(2), [1e200, 0.0])
    with pytest.raises(ValueError, match=r"w must have shape \(2,\)"):
        q([0.0, 0.0, 0.0])
    assert q([1e200, 1.0]) == 0.5  # d = (0, 1): no 1e200 squared on the way
    with pytest.raises(ValueError, match="overflows"):
        q([0.0, 0.0])  # 0.5e400 is beyond float64
