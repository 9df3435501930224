r"""Coordinate descent for the Lasso and the elastic net, by working sets, exact at the end.

Objective (scikit-learn's ``enet_path``/``ElasticNet``):
:math:`\frac{1}{2n}\|y - Xw\|_2^2 + \alpha\rho\|w\|_1 + \frac{\alpha(1-\rho)}{2}\|w\|_2^2`.

Wide data (``n_features`` much larger than ``n_samples``, or than the number of non-zero
weights) is handled without the ``p x p`` Gram matrix: the residual gives every feature's
optimality condition in one product with ``X``, and coordinate descent runs on the Gram
matrix of a small working set only (:func:`_enet_working_set`; the sweeps themselves are
in :mod:`lib.solvers._gram_cd`).
"""

from __future__ import annotations

import warnings

import numpy as np

from lib._checks import integer_at_least, positive
from lib.solvers._gram_cd import ROUND_OFF, _kkt_violation, _solve, one_blas_thread, solve_threads
from lib.solvers._validation import (
    _check_alphas,
    _check_X_y,
    _pow2_exponent,
    _unit_interval,
    _unscale,
)


def warn_not_converged(message: str, stacklevel: int) -> None:
    """Warn with scikit-learn's ``ConvergenceWarning`` (imported only when a warning is due)."""
    from sklearn.exceptions import ConvergenceWarning

    warnings.warn(message, ConvergenceWarning, stacklevel=stacklevel)


class _GramColumns:
    """Blocks of the Gram matrix ``X^T X``, each column computed on first use and then kept.

    A working set needs ``G_WW`` only; along a path the working sets overlap, so every
    column of ``G`` is computed once, and only for features that ever enter a working set
    (on wide data a small fraction of the ``p x p`` matrix).
    """

    def __init__(self, X: np.ndarray):
        self.X = X
        self.position = np.full(X.shape[1], -1)  # row of feature j in self.G, -1: not yet
        self.features = np.empty(0, dtype=int)
        self.columns = np.empty((X.shape[0], 0))  # X[:, features], read once per feature
        self.G = np.empty((0, 0))
        self.max_entry = float(np.max(np.einsum("ij,ij->j", X, X), initial=0.0))  # = max G_jj

    def block(self, W: np.ndarray) -> np.ndarray:
        """``G[W][:, W]`` for the sorted feature indices ``W``."""
        new = W[self.position[W] < 0]
        if new.size:
            X_new = self.X[:, new]
            m, k = self.features.size, new.size
            G = np.empty((m + k, m + k))  # [[G, cross], [cross', X_new' X_new]], filled in place
            G[:m, :m] = self.G
            G[m:, m:] = X_new.T @ X_new
            if m:
                G[:m, m:] = self.columns.T @ X_new
                G[m:, :m] = G[:m, m:].T
            self.G = G
            self.position[new] = m + np.arange(k)
            self.features = np.concatenate([self.features, new])
            self.columns = np.concatenate([self.columns, X_new], axis=1) if m else X_new
        rows = self.position[W]
        return self.G[np.ix_(rows, rows)]


def _residual_gap(X, y, w, r, c, l1, l2) -> float:
    """The duality gap of :func:`_duality_gap`, from the residual ``r = y - Xw`` and
    ``c = X^T r - l2 w`` (no Gram matrix; more accurate than expanding ``||y - Xw||^2``)."""
    dual_norm = float(np.max(np.abs(c), initial=0.0))
    const = l1 / dual_norm if dual_norm > l1 else 1.0
    gap = 0.5 * (r @ r) * (1.0 + const**2) + l1 * np.abs(w).sum() - const * (r @ y)
    gap += 0.5 * l2 * (1.0 + const**2) * (w @ w)
    return float(gap)


#: Smallest working set (features) of the first outer iteration from w = 0.
WORKING_SET_MIN = 30


def _enet_working_set(X, y, Xty, yty, gram, w, l1, l2, max_iter, tol):
    r"""Minimise :math:`\frac12\|y - Xw\|^2 + l_1\|w\|_1 + \frac{l_2}2\|w\|^2` by working sets.

    The idea of glmnet's strong-rule/KKT loop (Friedman, Hastie and Tibshirani 2010) and of
    the working sets of celer (Massias, Gramfort and Salmon 2018) and skglm (Bertrand et al.
    2022), written here in numpy:

    1. From the current ``w``: residual ``r = y - Xw`` and ``c = X^T r - l2 w`` for all
       features (one product with ``X``, no ``p x p`` Gram matrix). If every feature meets
       the optimality conditions (:func:`_kkt_violation`) to round-off, stop.
    2. Working set ``W``: the support of ``w`` and the features that violate the conditions
       most, ``max(WORKING_SET_MIN, 2 |support|)`` features in all.
    3. Solve the problem restricted to ``W`` (:func:`lib.solvers._gram_cd._solve`: coordinate
       descent on ``G_WW``, which :class:`_GramColumns` keeps, finished exactly on the
       support), and go to 1.

    Each restricted solve is exact (or within ``tol``) and adds a violating feature, so the
    objective decreases from one working set to the next and the loop ends. Stopping rule:
    the optimality conditions hold to round-off for every feature (exact), or, when no
    feature can be added any more or ``max_iter`` sweeps (over all working sets) are used
    up, the duality gap decides: ``converged`` is ``gap <= tol * yty``.

    Returns ``(w, gap, n_sweeps, converged)``.
    """
    if np.isinf(l1) or np.isinf(l2):  # a penalty beyond float64 (scaled data): w = 0
        return np.zeros_like(w), 0.0, 0, True
    w = np.array(w, dtype=float, copy=True)
    size_y = float(np.max(np.abs(Xty), initial=0.0))
    size_G = gram.max_entry  # max |G_jk|, on the diagonal
    used, previous, on_face = 0, None, False
    while True:
        support = np.flatnonzero(w)
        r = y - X[:, support] @ w[support]
        c = X.T @ r - l2 * w if support.size else Xty.copy()  # (w = 0: c = X'y, known)
        violation = _kkt_violation(c, w, l1)
        round_off = ROUND_OFF * (size_y + size_G * np.abs(w).sum())
        if np.max(violation, initial=0.0) <= round_off:
            return w, _residual_gap(X, y, w, r, c, l1, l2), used, True
        outside = np.where(w == 0.0, violation, 0.0)
        candidates = np.flatnonzero(outside > round_off)
        n_new = max(WORKING_SET_MIN, 2 * support.size) - support.size
        if candidates.size > n_new:  # the n_new largest violations
            candidates = candidates[np.argpartition(-outside[candidates], n_new - 1)[:n_new]]
        W = np.union1d(support, candidates)
        if used >= max_iter or (previous is not None and np.array_equal(W, previous)):
            gap = _residual_gap(X, y, w, r, c, l1, l2)
            return w, gap, used, gap <= tol * yty
        G_WW = gram.block(W)  # (products with X: the threads solve_threads chose)
        with one_blas_thread(G_WW.size):  # (why: see one_blas_thread)
            w_W, _, n_sweeps, _, on_face = _solve(
                G_WW, Xty[W], yty, w[W], l1, l2, max_iter - used, tol, on_face
            )
        used += n_sweeps
        w[:] = 0.0
        w[W] = w_W
        previous = W


def _enet_path_ws(X, y, l1, l2, tol, max_iter, alphas, w_start=None, stacklevel=4):
    """Warm-started working-set coordinate descent for penalties ``l1[i]``, ``l2[i]`` (Gram
    units), largest first; rows in the given order. ``alphas`` only label the warnings."""
    coefs = np.zeros((l1.size, X.shape[1]))
    w = np.zeros(X.shape[1]) if w_start is None else w_start.copy()
    with solve_threads(X.size):  # (why: see one_blas_thread)
        gram, Xty, yty = _GramColumns(X), X.T @ y, float(y @ y)
        for i in np.argsort(-(l1 + l2), kind="stable"):
            w, gap, _, ok = _enet_working_set(X, y, Xty, yty, gram, w, l1[i], l2[i], max_iter, tol)
            if not ok:
                warn_not_converged(
                    f"coordinate descent did not reach tol={tol} for alpha={alphas[i]:g} in "
                    f"{max_iter} sweeps (relative duality gap {gap / yty:.2g}); increase "
                    "max_iter",
                    stacklevel=stacklevel,
                )
            coefs[i] = w
    return coefs


#: Entries of X below which one estimator fit leaves BLAS's threads alone for its products
#: with X (they are small; pinning and restoring the thread count costs more than it saves;
#: the working-set Gram solves still ask for one thread). Measured (Lasso(alpha=0.1).fit
#: against scikit-learn, paired wall-clock ratios, 41-201 pairs, load 4-9): 1000x100 1.24
#: unpinned vs 1.31 pinned, 2000x100 1.22 vs 1.29; 1000x300 unclear (1.34-1.43 vs
#: 1.41-2.66); 2000x250 0.79-0.94 unpinned vs 0.34-0.48 pinned, 200x5000 1.89-2.30 vs
#: 0.97-1.50.
FIT_PIN_FROM = 250_000


def enet_solve(X, y, l1: float, l2: float, max_iter: int, tol: float):
    """One elastic net in Gram units on scaled ``X``, ``y`` (the estimators' solver):
    :func:`refuse_overflowing_l2`, then :func:`_enet_working_set` from ``w = 0``. Returns
    ``(w, gap, n_sweeps, converged)``."""
    with solve_threads(X.size, pin_from=FIT_PIN_FROM):  # (why: see one_blas_thread)
        Xty = X.T @ y
        refuse_overflowing_l2(l1, l2, Xty)
        w0 = np.zeros(X.shape[1])
        return _enet_working_set(
            X, y, Xty, float(y @ y), _GramColumns(X), w0, l1, l2, max_iter, tol
        )


def enet_penalties(n_samples, alphas, l1_ratio, x_exp, y_exp):
    r"""The l1 and l2 weights of the Gram-form objective for data scaled by 2**-x_exp, 2**-y_exp.

    With :math:`X = 2^{e_x}\tilde X`, :math:`y = 2^{e_y}\tilde y` and
    :math:`w = 2^{e_y - e_x}\tilde w`, the objective is :math:`2^{2e_y}/n` times
    :math:`\frac12\\|\tilde y - \tilde X\tilde w\\|^2 + l_1\\|\tilde w\\|_1
    + \frac{l_2}2\\|\tilde w\\|^2` with :math:`l_1 = n\alpha\rho\\,2^{-e_x-e_y}` and
    :math:`l_2 = n\alpha(1-\rho)\\,2^{-2e_x}` (an overflow to inf is harmless: all zeros).
    """
    with np.errstate(over="ignore"):
        l1 = n_samples * np.ldexp(alphas * l1_ratio, -(x_exp + y_exp))
        l2 = n_samples * np.ldexp(alphas * (1.0 - l1_ratio), -2 * x_exp)
    return l1, l2


def refuse_overflowing_l2(l1, l2, Xty) -> None:
    """Refuse an L2 weight that overflowed on the rescaled data where it decides the answer.

    An infinite ``l1`` gives exactly ``w = 0`` (zero is optimal once ``l1 >= max|X'y|``), so
    an infinite ``l2`` is harmless there; elsewhere the true weights are tiny but may be
    representable after unscaling, and returning zeros would be a silent wrong answer.
    """
    zero_anyway = np.asarray(l1) >= float(np.max(np.abs(Xty), initial=0.0))
    if np.any(np.isinf(l2) & ~zero_anyway):
        raise ValueError(
            "X is too small for this alpha: on X rescaled to order 1 the L2 weight "
            "n * alpha * (1 - l1_ratio) / max|X|**2 overflows float64, and the weights it "
            "sets are too small to compute; rescale X (e.g. by a power of ten)"
        )


def enet_path(X, y, alphas, *, l1_ratio: float = 0.5, tol: float = 1e-10, max_iter=10_000):
    r"""Elastic-net coefficients along ``alphas`` by warm-started coordinate descent, no intercept.

    For each alpha it minimises

    .. math:: \frac{1}{2n}\|y - Xw\|_2^2 + \alpha\rho\|w\|_1
              + \frac{\alpha(1-\rho)}{2}\|w\|_2^2, \qquad \rho = \texttt{l1\_ratio},

    (scikit-learn's ``enet_path`` objective), starting each alpha from the solution of the
    previous, larger one. ``l1_ratio = 1`` is the Lasso. Each alpha is solved by working
    sets (:func:`_enet_working_set`: coordinate descent on the features that matter, then a
    check of every feature's optimality condition), and each solution is made exact where
    that is cheap (a solve on its support; for a working set of at most 200 features whose
    result still fails the optimality conditions after 100 sweeps, the homotopy on
    :math:`X_W^\top X_W + n\alpha(1-\rho)I`). Stopping rule: every feature meets the
    optimality conditions to round-off, or else the duality gap is ``<= tol * ||y||^2``
    (a ConvergenceWarning if not).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
    alphas : array-like of shape (n_alphas,)
        Penalty strengths ``>= 0``, any order (they are visited from largest to smallest).
    l1_ratio : float in [0, 1], default 0.5
    tol : float, default 1e-10
        Stop when the duality gap is ``<= tol * ||y||^2`` (on the :math:`n`-scaled objective).
    max_iter : int, default 10000
        Maximum number of sweeps over the coordinates, per alpha.

    Returns
    -------
    coefs : ndarray of shape (n_alphas, n_features)
        Row ``i`` belongs to ``alphas[i]`` (scikit-learn returns the transpose, with alphas
        sorted in decreasing order).

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    >>> y = np.array([2.0, 1.0, -2.0, -1.0])
    >>> enet_path(X, y, [1.0, 0.2], l1_ratio=1.0)   # orthogonal: w_j = S(x_j.y/n, alpha)/(1/2)
    array([[0. , 0. ],
           [1.6, 0.6]])
    """
    X, y = _check_X_y(X, y)
    alphas = _check_alphas(alphas)
    l1_ratio = _unit_interval(l1_ratio, "l1_ratio")
    tol = positive(tol, "tol")
    max_iter = integer_at_least(max_iter, "max_iter", 1)
    x_exp, y_exp = _pow2_exponent(X), _pow2_exponent(y)
    X, y = np.ldexp(X, -x_exp), np.ldexp(y, -y_exp)  # exact; no overflow in X.T @ X
    l1, l2 = enet_penalties(X.shape[0], alphas, l1_ratio, x_exp, y_exp)
    refuse_overflowing_l2(l1, l2, X.T @ y)
    coefs = _enet_path_ws(X, y, l1, l2, tol, max_iter, alphas)
    return _unscale(coefs, y_exp - x_exp, "coefficients")
