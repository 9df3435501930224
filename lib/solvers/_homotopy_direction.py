r"""The direction of the Lasso homotopy between two knots, :math:`d = G_{EE}^{-1}\sigma`.

:class:`_ActiveSet` keeps E with its rows of G and the inverse Cholesky factor of
:math:`G_{EE}` from knot to knot (one new row per joining feature);
:func:`_direction` solves the general case (ties, drops, collinear columns) as a small
non-negative least-squares problem. Used by :func:`lib.solvers.homotopy._homotopy`.
"""

from __future__ import annotations

import numpy as np

from lib.solvers._gram_cd import _solve_psd


def _direction(G: np.ndarray, E: np.ndarray, sigma: np.ndarray, free: np.ndarray):
    r"""Rate of change :math:`d_E = -\mathrm{d}w_E/\mathrm{d}\lambda` of the Lasso solution.

    ``E`` is the equicorrelation set (:math:`|c_j| = \lambda`), ``sigma`` the signs there
    (of :math:`w_j`, or of :math:`c_j` where :math:`w_j = 0`) and ``free`` marks
    :math:`w_j \ne 0`. Keeping the optimality conditions true as :math:`\lambda` decreases
    means: :math:`(G d)_j = \sigma_j` where :math:`w_j \ne 0` or :math:`d_j \ne 0`, and for a
    zero coefficient either :math:`\sigma_j d_j > 0` (it joins now, with the sign of its
    correlation) or :math:`d_j = 0` and :math:`\sigma_j (G d)_j \ge 1` (it stays out). With
    :math:`u = \sigma \odot d` these are the optimality conditions of

    .. math:: \min_u \tfrac12 u^\top H u - \mathbf 1^\top u, \quad H = D G_{EE} D,\
              u_j \ge 0 \text{ where } w_j = 0,

    solved here by a primal active-set method (as Lawson and Hanson's NNLS). This is how
    ties are handled: several features joining or leaving at one knot, and a feature whose
    correlation touches :math:`\lambda` at the same moment as another's (no separate
    zero-length steps). Singular :math:`H` (duplicated columns) is fine: the least-norm
    solution of each sub-problem is taken. Returns ``None`` if the method cycles.
    """
    H = G[np.ix_(E, E)] * np.outer(sigma, sigma)
    m = E.size
    working = free.copy()

    def solve(mask):
        z = np.zeros(m)
        idx = np.flatnonzero(mask)
        if idx.size:
            z[idx] = _solve_psd(H[np.ix_(idx, idx)], np.ones(idx.size))
        return z

    u = solve(working)
    refused = np.zeros(m, dtype=bool)  # entered without any progress (degenerate): skip them
    for _ in range(4 * m + 10):
        g = 1.0 - H @ u  # minus the gradient; > 0 means "u_j wants to grow"
        wants_in = ~working & ~refused & (g > 1e-9)
        if not wants_in.any():
            return sigma * u
        j = int(np.argmax(np.where(wants_in, g, -np.inf)))
        working[j] = True
        u_before = u.copy()
        for _ in range(m + 1):
            z = solve(working)
            blocked = working & ~free & (z <= 0.0)
            if not blocked.any():
                u = z
                break
            # move from u toward z until the first constrained u_j reaches 0; drop it
            t = np.min(u[blocked] / (u[blocked] - z[blocked]))
            u = u + t * (z - u)
            working &= free | (u > 1e-15 * np.max(np.abs(u), initial=1.0))
            u[~working] = 0.0
        else:
            return None
        # With a singular H (more tied columns than the rank of X) the least-norm solution can
        # bounce j straight back out; then its g_j > 0 was round-off: do not try it again
        # until some other step makes progress (Bland-style anti-cycling).
        if not working[j] and np.array_equal(u, u_before):
            refused[j] = True
        else:
            refused[:] = False
    return None


class _ActiveSet:
    r"""The homotopy's set E in a fixed order, with its rows of G and the inverse of the
    Cholesky factor of :math:`G_{EE}`, kept from knot to knot.

    With :math:`G_{EE} = LL^\top` and :math:`R = L^{-1}` (lower triangular), the direction is
    :math:`d = G_{EE}^{-1}\sigma = R^\top(R\sigma)`: two products, :math:`O(|E|^2)`. At most
    knots one feature j joins E, at the end of the order; then :math:`L` gains the row
    :math:`(l^\top, s)` with :math:`l = Rg`, :math:`g = G_{Ej}`,
    :math:`s^2 = G_{jj} - l^\top l` (the Schur complement), and :math:`R` the row
    :math:`(-l^\top R / s,\ 1/s)`: one new row, nothing else changes. Its row of G is
    copied into a preallocated block (``rows[k] = G[E[k]]``), so no columns of G are
    gathered per knot. A feature that leaves E (rarer) takes the last one's place, and
    :math:`R` is rebuilt (Cholesky, then its inverse) at the next direction, as it is after
    a refusal: while :math:`G_{EE}` is not safely definite (:math:`s^2 \le 10^{-10}G_{jj}`,
    j nearly a combination of E) :meth:`direction` returns ``None`` and the caller uses
    :func:`_direction`. The caller also checks :math:`G_{EE} d = \sigma` and calls
    :meth:`forget` if it drifted.
    """

    def __init__(self, G: np.ndarray):
        p = G.shape[0]
        self.G = G
        self.member = np.zeros(p, dtype=bool)
        self.order = np.empty(p, dtype=np.intp)  # E = order[:size]
        self.where = np.full(p, -1)  # position of feature j in order, -1: not in E
        capacity = min(p, 64)  # grown by doubling (E rarely exceeds min(n, p) features)
        self.rows = np.empty((capacity, p))  # rows[k] = G[order[k]]
        self.R = np.zeros((capacity, capacity))  # R[:size, :size] = inverse of L, when valid
        self.size = 0
        self.valid = True

    @property
    def E(self) -> np.ndarray:
        """The features of E, in the order of the rows of ``rows`` and ``R``."""
        return self.order[: self.size]

    def forget(self) -> None:
        """Rebuild R at the next direction (after a drift)."""
        self.valid = False

    def update(self, in_E: np.ndarray) -> None:
        """Make E the features marked in ``in_E`` (boolean mask over all features)."""
        for j in (in_E != self.member).nonzero()[0].tolist():
            self._leave(j) if self.member[j] else self._join(j)

    def _join(self, j: int) -> None:
        m = self.size
        if m == self.rows.shape[0]:
            self._grow()
        self.order[m], self.where[j], self.member[j] = j, m, True
        self.rows[m] = self.G[j]
        self.size = m + 1
        if not self.valid:
            return
        R = self.R[:m, :m]
        l = R @ self.rows[:m, j]  # noqa: E741  (the new row of L)
        gjj = self.G[j, j]
        schur = gjj - l @ l
        if not schur > 1e-10 * gjj:  # j (nearly) a combination of E, or a zero column
            self.valid = False
            return
        s = np.sqrt(schur)
        self.R[m, :m] = (l @ R) / -s
        self.R[m, m] = 1.0 / s

    def _grow(self) -> None:
        m, capacity = self.size, min(self.G.shape[0], 2 * self.rows.shape[0])
        rows, R = np.empty((capacity, self.G.shape[0])), np.zeros((capacity, capacity))
        rows[:m], R[:m, :m] = self.rows[:m], self.R[:m, :m]
        self.rows, self.R = rows, R

    def _leave(self, j: int) -> None:
        k, last = int(self.where[j]), self.size - 1
        moved = int(self.order[last])
        self.order[k], self.where[moved] = moved, k
        self.rows[k] = self.rows[last]
        self.where[j], self.member[j] = -1, False
        self.size = last
        # without the last feature, R is its leading block; otherwise rebuild it
        self.valid = self.valid and k == last

    def _rebuild(self) -> bool:
        E, m = self.E, self.size
        G_EE = self.rows[:m, E]
        try:
            L = np.linalg.cholesky(G_EE)  # LinAlgError if not definite
        except np.linalg.LinAlgError:
            return False
        if m and np.min(np.diag(L) ** 2 / np.diag(G_EE)) <= 1e-10:
            return False
        self.R[:m, :m] = np.tril(np.linalg.inv(L))
        self.valid = True
        return True

    def direction(self, sigma: np.ndarray):
        r""":math:`d = G_{EE}^{-1}\sigma` (``sigma`` and ``d`` in the order of :attr:`E`),
        or ``None`` while :math:`G_{EE}` is not safely definite."""
        if not self.valid and not self._rebuild():
            return None
        R = self.R[: self.size, : self.size]
        return (R @ sigma) @ R
