r"""A set of features whose Gram block is solved from a factor updated one feature at a time.

Used by the Lasso homotopy (:mod:`lib.solvers.homotopy`) for its equicorrelation set.
numpy only.
"""

from __future__ import annotations

import numpy as np


class _ActiveSet:
    r"""A set E of features in a fixed order, with its rows of G and the inverse of the
    Cholesky factor of :math:`G_{EE}`, kept while E changes one feature at a time.

    With :math:`G_{EE} = LL^\top` and :math:`R = L^{-1}` (lower triangular), a solve
    :math:`G_{EE}^{-1}b = R^\top(Rb)` is two products, :math:`O(|E|^2)` (the homotopy's
    direction: b holds the signs). When a feature j joins E, at the end of the order,
    :math:`L` gains the row :math:`(l^\top, s)` with :math:`l = Rg`, :math:`g = G_{Ej}`,
    :math:`s^2 = G_{jj} - l^\top l` (the Schur complement), and :math:`R` the row
    :math:`(-l^\top R / s,\ 1/s)`: one new row, nothing else changes. Its row of G is
    copied into a preallocated block (``rows[k] = G[E[k]]``), so no columns of G are
    gathered per step. When a feature leaves E, the last feature of the order takes its
    place, and :math:`R` is rebuilt (Cholesky, then :func:`_lower_inverse`) at the next
    solve (unless the leaver was the last, when :math:`R`'s leading block stays valid), as
    after a refusal: while :math:`G_{EE}` is not safely definite (:math:`s^2 \le 10^{-10}G_{jj}`,
    j nearly a combination of E) :meth:`solve` returns ``None``. The homotopy checks
    :math:`G_{EE} d = \sigma` and calls :meth:`forget` if it drifted.
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
        """Rebuild R at the next solve (after a drift)."""
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
        self.R[:m, :m] = _lower_inverse(L)
        self.valid = True
        return True

    def solve(self, b: np.ndarray):
        r""":math:`G_{EE}^{-1}b` (``b`` and the result in the order of :attr:`E`), or
        ``None`` while :math:`G_{EE}` is not safely definite."""
        if not self.valid and not self._rebuild():
            return None
        R = self.R[: self.size, : self.size]
        return (R @ b) @ R


def _lower_inverse(L: np.ndarray) -> np.ndarray:
    r"""The inverse of a lower-triangular matrix, by halves:
    :math:`\begin{pmatrix}A & 0\\ C & D\end{pmatrix}^{-1} =
    \begin{pmatrix}A^{-1} & 0\\ -D^{-1}CA^{-1} & D^{-1}\end{pmatrix}`, so most of the work
    is matrix products (``np.linalg.inv`` treats it as a general matrix: 3-4x slower at 130).
    """
    m = L.shape[0]
    if m <= 32:
        return np.tril(np.linalg.inv(L))
    h = m // 2
    A_inv, D_inv = _lower_inverse(L[:h, :h]), _lower_inverse(L[h:, h:])
    out = np.zeros_like(L)
    out[:h, :h], out[h:, h:] = A_inv, D_inv
    out[h:, :h] = -(D_inv @ L[h:, :h]) @ A_inv
    return out
