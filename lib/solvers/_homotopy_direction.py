r"""The direction of the Lasso homotopy between two knots, :math:`d = G_{EE}^{-1}\sigma`.

In the usual case :class:`lib.solvers._active_set._ActiveSet` gives it from a factor kept
from knot to knot; :func:`_direction` solves the general case (ties, drops, collinear
columns) as a small non-negative least-squares problem. Used by
:func:`lib.solvers.homotopy._homotopy`.
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
