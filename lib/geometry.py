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
walks the four edges of the 2-D diamond. Both optima are computed on the problem divided by a
power of two near its largest number (``w = 2**e v``), which is exact and equivalent, so a
bowl centred at 1e200 or a budget of 1e-200 gives the right point, not inf or a wrong corner.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from lib._checks import (
    as_float_array,
    binary_exponent,
    finite_result,
    matrix_and_target,
    non_negative,
    one_of,
    same_shape,
    scaled_difference,
)
from lib.norms import lp_norm

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
        w = as_float_array(w, "w")
        if w.shape != self.c.shape:
            raise ValueError(
                f"w must have shape {self.c.shape} (one entry per coordinate of c), got {w.shape}"
            )
        # Exact power-of-two scaling of w - c and H: no overflow unless the value itself does.
        d, e = scaled_difference(w, self.c)
        eh = binary_exponent(self.H)
        value = 0.5 * float(d @ np.ldexp(self.H, -eh) @ d)
        try:
            return math.ldexp(value, 2 * e + eh)
        except OverflowError:
            return finite_result(math.inf, "the loss L(w)")

    def grid(self, w1, w2) -> np.ndarray:
        """Loss on a 2-D grid (for contour plots): arrays ``w1``, ``w2`` of the same shape."""
        if self.c.size != 2:
            raise ValueError(f"grid needs a 2-D loss, this one has dimension {self.c.size}")
        w1 = as_float_array(w1, "w1")
        w2 = as_float_array(w2, "w2")
        same_shape(w1, w2, "w1", "w2")
        d1, d2 = w1 - self.c[0], w2 - self.c[1]
        H = self.H
        with np.errstate(over="ignore", invalid="ignore"):
            value = 0.5 * (H[0, 0] * d1**2 + 2 * H[0, 1] * d1 * d2 + H[1, 1] * d2**2)
        return finite_result(value, "the loss on the grid")

    def _scaled(self, e: int) -> Quadratic:
        """The bowl of ``v = w / 2**e``, with ``H`` scaled to entries below 1 (same argmin)."""
        return Quadratic(np.ldexp(self.H, -binary_exponent(self.H)), np.ldexp(self.c, -e))


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
    X, y = matrix_and_target(X, y)
    if np.linalg.matrix_rank(X) < X.shape[1]:
        raise ValueError(
            f"X must have full column rank ({X.shape[1]}) for the bowl to have one minimiser; "
            "remove repeated or constant-zero features"
        )
    c, *_ = np.linalg.lstsq(X, y, rcond=None)
    e = binary_exponent(X)  # X^T X / n computed on X / 2**e, then scaled back exactly
    Xs = np.ldexp(X, -e)
    with np.errstate(over="ignore"):
        H = finite_result(np.ldexp(Xs.T @ Xs / X.shape[0], 2 * e), "X^T X / n")
    return Quadratic(H, finite_result(c, "the least-squares solution c"))


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
    _check_quadratic(q)
    t = non_negative(budget, "budget")
    norm = one_of(norm, "norm", (1, 2))
    if norm == 1 and q.c.size != 2:
        raise ValueError("norm=1 is implemented for 2-D losses only")
    if lp_norm(q.c, norm) <= t:
        return q.c.copy()
    if t == 0.0:
        return np.zeros_like(q.c)
    # Solve for v = w / 2**e (an equivalent problem, exact scaling): c and t below 1.
    e = binary_exponent(q.c, [t])
    t_scaled = math.ldexp(t, -e)
    if t_scaled < np.finfo(float).tiny:
        raise ValueError(
            f"budget = {t:g} is below 2.2e-308 times |c| (about {math.ldexp(1.0, e):.2g}); "
            "float64 cannot resolve the optimum at that ratio: rescale the problem"
        )
    v = _constrained_unit(q._scaled(e), t_scaled, norm)
    with np.errstate(over="ignore"):
        return finite_result(np.ldexp(v, e), "the constrained optimum")


def _check_quadratic(q) -> None:
    if not isinstance(q, Quadratic):
        raise TypeError(f"q must be a lib.geometry.Quadratic, got {type(q).__name__}")


def _constrained_unit(q: Quadratic, t: float, norm: int) -> np.ndarray:
    """:func:`constrained_optimum` for a scaled problem (c outside the ball, t > 0)."""
    c = q.c
    if norm == 2:
        vals, vecs = np.linalg.eigh(q.H)
        b = vecs.T @ (q.H @ c)  # w(mu) = vecs diag(1/(vals+mu)) b
        pairs = list(zip(b.tolist(), vals.tolist(), strict=True))

        # The bisection calls this ~60 times per optimum (notebooks ask for thousands):
        # plain floats and math.hypot, which is overflow-safe like lp_norm, not lp_norm's
        # validating array path (20x slower on a 2-vector).
        def size(mu: float) -> float:
            return math.hypot(*(b_i / (v_i + mu) for b_i, v_i in pairs))

        lo, hi = 0.0, 1.0
        while size(hi) > t:
            hi *= 2.0
        for _ in range(200):
            mid = 0.5 * (lo + hi)
            if mid in (lo, hi):
                break
            lo, hi = (mid, hi) if size(mid) > t else (lo, mid)
        w = vecs @ (b / (vals + hi))
        return w * (t / lp_norm(w))  # exactly on the circle
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
    _check_quadratic(q)
    lam = non_negative(lam, "lam")
    penalty = one_of(penalty, "penalty", ("l1", "l2"))
    d = q.c.size
    if penalty == "l1" and d > 12:
        raise ValueError(f"penalty='l1' enumerates 3^d sign patterns; d={d} is too large")
    # Solve for v = w / 2**e with H / 2**eh (exact scaling): with w = 2**e v the objective
    # is 2**(2e + eh) [L'(v) + lam' P(v)], lam' = lam 2**-eh (l2) or lam 2**-(e + eh) (l1).
    e, eh = binary_exponent(q.c), binary_exponent(q.H)
    qs = q._scaled(e)
    shift = eh if penalty == "l2" else e + eh
    try:
        lam_scaled = math.ldexp(lam, -shift)
    except OverflowError:
        if penalty == "l2":
            raise ValueError(
                f"lam = {lam:g} is beyond 1.8e308 times the largest entry of H; the ridge "
                "optimum cannot be computed in float64 at that ratio: rescale the problem"
            ) from None
        lam_scaled = math.inf
    if penalty == "l1":
        lam_scaled = min(lam_scaled, 1e300)  # every |H c| entry is then far below: w = 0
    v = _penalized_unit(qs, lam_scaled, penalty)
    with np.errstate(over="ignore"):
        return finite_result(np.ldexp(v, e), "the penalized optimum")


def _penalized_unit(q: Quadratic, lam: float, penalty: str) -> np.ndarray:
    """:func:`penalized_optimum` for a scaled problem."""
    H, c = q.H, q.c
    d = c.size
    if penalty == "l2":
        return np.linalg.solve(H + 2.0 * lam * np.eye(d), H @ c)
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
                value = q(w) + lam * lp_norm(w, 1)
                if value < best_value:
                    best, best_value = w, value
    return best + 0.0
