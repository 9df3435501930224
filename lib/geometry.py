r"""Two-dimensional geometry of regularization: a quadratic loss, an L1 or L2 ball, the optimum.

The loss is a quadratic bowl around its unconstrained minimiser :math:`c` (the least-squares
solution),

.. math:: L(w) = \tfrac12 (w - c)^\top H (w - c), \qquad H \text{ symmetric positive definite},

which is exactly the least-squares loss :math:`\frac{1}{2n}\|y - Xw\|_2^2` up to a constant when
:math:`H = X^\top X / n` (see :func:`quadratic_from_data`). Two equivalent ways to regularize:

=======================  ============================================================
constrained form         :math:`\min L(w)` subject to :math:`\|w\|_p \le t`
                         (:func:`constrained_optimum`): the lowest-loss point **on the
                         boundary** of the ball, unless :math:`c` is already inside it
penalised form           :math:`\min L(w) + \lambda P(w)` with :math:`P = \|w\|_1` or
                         :math:`P = \|w\|_2^2` (:func:`penalized_optimum`)
=======================  ============================================================

Both are solved exactly here (no iterative tolerance): the L1 problems by enumerating the
edges or sign patterns, the L2 constrained problem by a monotone one-dimensional root search.
The functions work in any dimension except :func:`constrained_optimum` with ``norm=1``, which
walks the four edges of the 2-D diamond.
"""

from __future__ import annotations

import itertools

import numpy as np

from lib._checks import as_float_array, non_negative

__all__ = [
    "Quadratic",
    "quadratic_from_data",
    "constrained_optimum",
    "penalized_optimum",
]


class Quadratic:
    """The loss :math:`L(w) = \\frac12 (w - c)^T H (w - c)`: ``H`` (d, d) SPD, ``c`` (d,).

    Examples
    --------
    >>> q = Quadratic(np.eye(2), [1.0, 2.0])
    >>> q(np.zeros(2))
    2.5
    """

    def __init__(self, H, c) -> None:
        H = as_float_array(H, "H")
        c = as_float_array(c, "c")
        if H.ndim != 2 or H.shape[0] != H.shape[1]:
            raise ValueError(f"H must be a square matrix, got shape {H.shape}")
        if c.shape != (H.shape[0],):
            raise ValueError(f"c must have shape ({H.shape[0]},), got {c.shape}")
        if not np.allclose(H, H.T):
            raise ValueError("H must be symmetric")
        if np.linalg.eigvalsh(H).min() <= 0:
            raise ValueError("H must be positive definite (every eigenvalue > 0)")
        self.H = H
        self.c = c

    def __call__(self, w) -> float:
        d = as_float_array(w, "w") - self.c
        return float(0.5 * d @ self.H @ d)

    def grid(self, w1: np.ndarray, w2: np.ndarray) -> np.ndarray:
        """Loss on a 2-D grid (for contour plots): arrays ``w1``, ``w2`` of the same shape."""
        if self.c.size != 2:
            raise ValueError("grid needs a 2-D loss")
        d1, d2 = w1 - self.c[0], w2 - self.c[1]
        H = self.H
        return 0.5 * (H[0, 0] * d1**2 + 2 * H[0, 1] * d1 * d2 + H[1, 1] * d2**2)


def quadratic_from_data(X, y) -> Quadratic:
    r"""The bowl of :math:`\frac{1}{2n}\|y - Xw\|_2^2`: :math:`H = X^\top X/n`, c = least squares.

    :math:`\frac{1}{2n}\|y - Xw\|^2 = L(w) + \frac{1}{2n}\|y - Xc\|^2` (the second term does
    not depend on :math:`w`). ``X`` must have full column rank.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 2.0], [0.0, 0.0]])
    >>> q = quadratic_from_data(X, np.array([1.0, 2.0, 5.0]))
    >>> q.c, q.H.diagonal()
    (array([1., 1.]), array([0.33333333, 1.33333333]))
    """
    X = as_float_array(X, "X")
    y = as_float_array(y, "y")
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError(
            f"X must be (n_samples, n_features) and y (n_samples,), got {X.shape}, {y.shape}"
        )
    c, *_ = np.linalg.lstsq(X, y, rcond=None)
    return Quadratic(X.T @ X / X.shape[0], c)


def _segment_minimum(q: Quadratic, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Exact minimiser of the quadratic on the segment from a to b."""
    d = b - a
    curvature = d @ q.H @ d
    slope = d @ q.H @ (a - q.c)
    s = 0.0 if curvature <= 0 else float(np.clip(-slope / curvature, 0.0, 1.0))
    return a + s * d


def constrained_optimum(q: Quadratic, budget: float, *, norm: int) -> np.ndarray:
    r"""The minimiser of ``q`` on the ball :math:`\{w : \|w\|_p \le t\}`, ``p = norm`` (1 or 2).

    If the unconstrained minimiser :math:`c` lies inside the ball it is the answer. Otherwise
    the answer is **the lowest-loss point on the boundary** :math:`\|w\|_p = t`:

    * ``norm=2`` (any dimension): :math:`w(\mu) = (H + \mu I)^{-1} H c` with :math:`\mu > 0`
      such that :math:`\|w(\mu)\|_2 = t` (the norm decreases monotonically in :math:`\mu`;
      found by bisection to machine precision).
    * ``norm=1`` (2-D only): the boundary is four segments between the corners
      :math:`(\pm t, 0), (0, \pm t)`; the quadratic is minimised exactly on each and the best
      one wins. The answer is often a **corner**, where one coordinate is exactly 0.0.

    Examples
    --------
    >>> q = Quadratic(np.eye(2), [2.0, 0.5])
    >>> constrained_optimum(q, 1.0, norm=1)      # lands on the corner (1, 0)
    array([1., 0.])
    >>> constrained_optimum(q, 1.0, norm=2).round(4)
    array([0.9701, 0.2425])
    """
    t = non_negative(budget, "budget")
    if norm not in (1, 2):
        raise ValueError(f"norm must be 1 or 2, got {norm!r}")
    c = q.c
    if np.sum(np.abs(c) ** norm) ** (1.0 / norm) <= t:
        return c.copy()
    if t == 0.0:
        return np.zeros_like(c)
    if norm == 2:
        vals, vecs = np.linalg.eigh(q.H)
        b = vecs.T @ (q.H @ c)  # w(mu) = vecs diag(1/(vals+mu)) b

        def size(mu: float) -> float:
            return float(np.linalg.norm(b / (vals + mu)))

        lo, hi = 0.0, 1.0
        while size(hi) > t:
            hi *= 2.0
        for _ in range(200):
            mid = 0.5 * (lo + hi)
            if mid in (lo, hi):
                break
            lo, hi = (mid, hi) if size(mid) > t else (lo, mid)
        w = vecs @ (b / (vals + hi))
        return w * (t / np.linalg.norm(w))  # exactly on the circle
    if c.size != 2:
        raise ValueError("norm=1 is implemented for 2-D losses only")
    corners = [np.array(p, dtype=float) for p in [(t, 0), (0, t), (-t, 0), (0, -t)]]
    candidates = [_segment_minimum(q, corners[i], corners[(i + 1) % 4]) for i in range(4)]
    best = min(candidates, key=q)
    return best + 0.0  # no -0.0


def penalized_optimum(q: Quadratic, lam: float, *, penalty: str) -> np.ndarray:
    r"""The minimiser of :math:`L(w) + \lambda P(w)`, exactly.

    * ``penalty="l2"``, :math:`P(w) = \|w\|_2^2`: :math:`w = (H + 2\lambda I)^{-1} H c`
      (Ridge); never exactly 0 unless :math:`c = 0`.
    * ``penalty="l1"``, :math:`P(w) = \|w\|_1` (Lasso): for every support :math:`S` and sign
      vector :math:`s` the stationarity condition gives
      :math:`w_S = H_{SS}^{-1}(H_{S\cdot}\,c - \lambda s)`, :math:`w_{S^c} = 0`; the candidates
      whose signs agree with :math:`s` are compared and the lowest objective wins (the
      objective is strictly convex, so this is the unique minimiser). Cost grows as
      :math:`3^d`: meant for the small ``d`` of the figures.

    Examples
    --------
    >>> q = Quadratic(np.eye(2), [2.0, 0.5])
    >>> penalized_optimum(q, 1.0, penalty="l1")   # soft-thresholding when H = I
    array([1., 0.])
    >>> penalized_optimum(q, 0.5, penalty="l2")   # c / (1 + 2 lambda)
    array([1.  , 0.25])
    """
    lam = non_negative(lam, "lam")
    if penalty not in ("l1", "l2"):
        raise ValueError(f'penalty must be "l1" or "l2", got {penalty!r}')
    H, c = q.H, q.c
    d = c.size
    if penalty == "l2":
        return np.linalg.solve(H + 2.0 * lam * np.eye(d), H @ c)
    if d > 12:
        raise ValueError(f"penalty='l1' enumerates 3^d sign patterns; d={d} is too large")
    Hc = H @ c
    best, best_value = np.zeros(d), q(np.zeros(d))
    for size in range(1, d + 1):
        for support in itertools.combinations(range(d), size):
            S = list(support)
            for signs in itertools.product((-1.0, 1.0), repeat=size):
                s = np.array(signs)
                wS = np.linalg.solve(H[np.ix_(S, S)], Hc[S] - lam * s)
                if np.any(np.sign(wS) != s):
                    continue
                w = np.zeros(d)
                w[S] = wS
                value = q(w) + lam * np.abs(w).sum()
                if value < best_value:
                    best, best_value = w, value
    return best + 0.0
