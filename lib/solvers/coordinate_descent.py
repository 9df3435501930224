r"""Coordinate descent for the Lasso and the elastic net, with scikit-learn's duality gap.

Objective (scikit-learn's ``enet_path``/``ElasticNet``):
:math:`\frac{1}{2n}\|y - Xw\|_2^2 + \alpha\rho\|w\|_1 + \frac{\alpha(1-\rho)}{2}\|w\|_2^2`.
"""

from __future__ import annotations

import warnings

import numpy as np

from lib._checks import integer_at_least, positive
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


def _duality_gap(G, Xty, yty, w, l1, l2) -> float:
    """Duality gap of 0.5||y - Xw||^2 + l1 ||w||_1 + 0.5 l2 ||w||^2 (scikit-learn's formula)."""
    Gw = G @ w
    r_norm2 = max(yty - 2.0 * (w @ Xty) + w @ Gw, 0.0)
    XtA = Xty - Gw - l2 * w
    dual_norm = float(np.max(np.abs(XtA))) if XtA.size else 0.0
    const = l1 / dual_norm if dual_norm > l1 else 1.0
    gap = 0.5 * r_norm2 * (1.0 + const**2)
    gap += l1 * np.abs(w).sum() - const * (yty - w @ Xty)
    gap += 0.5 * l2 * (1.0 + const**2) * (w @ w)
    return float(gap)


def _cd_gram(G, Xty, yty, w, l1, l2, max_iter, tol):
    r"""Cyclic coordinate descent on :math:`\frac12\|y-Xw\|^2 + l_1\|w\|_1 + \frac{l_2}2\|w\|^2`.

    Works on the Gram matrix ``G = X^T X`` and ``Xty = X^T y`` and keeps ``c = X^T r``
    up to date. Coordinate ``j`` becomes ``S(c_j + G_jj w_j, l1) / (G_jj + l2)`` (soft
    thresholding, written inline on scalars for speed; an entry below the threshold is set to
    exactly 0.0). After a sweep whose largest change is below ``tol * max|w|`` the duality gap
    is computed and the loop stops once it is ``<= tol * ||y||^2`` (scikit-learn's rule). With
    ``l1 == 0`` the gap is not defined and the coordinate-change rule alone stops the loop.

    Returns ``(w, gap, n_iter, converged)``.
    """
    w = np.array(w, dtype=float, copy=True)
    n_features = w.size
    diag = np.diag(G).tolist()
    c = Xty - G @ w
    gap_tol = tol * yty
    gap = np.inf
    for n_iter in range(1, max_iter + 1):
        w_max = d_max = 0.0
        for j in range(n_features):
            gjj = diag[j]
            wj = w[j]
            if gjj == 0.0:  # a zero column: its coefficient stays 0
                new = 0.0
            else:
                rho = c[j] + gjj * wj
                if rho > l1:
                    new = (rho - l1) / (gjj + l2)
                elif rho < -l1:
                    new = (rho + l1) / (gjj + l2)
                else:
                    new = 0.0
            if new != wj:
                c -= (new - wj) * G[j]
                w[j] = new
                d_max = max(d_max, abs(new - wj))
            w_max = max(w_max, abs(new))
        if w_max == 0.0 or d_max <= tol * w_max or n_iter == max_iter:
            if l1 == 0.0:
                gap = 0.0 if d_max <= tol * max(w_max, 1e-300) else np.inf
            else:
                gap = _duality_gap(G, Xty, yty, w, l1, l2)
            if gap <= gap_tol:
                return w, gap, n_iter, True
    return w, gap, max_iter, False


def _objective_change(G, Xty, w, v, l1, l2) -> float:
    """f(v) - f(w) for f = 0.5||y - Xw||^2 + l1||w||_1 + 0.5 l2||w||^2, without forming f."""
    delta = v - w
    change = 0.5 * delta @ (G @ (v + w)) - delta @ Xty
    change += l1 * (np.abs(v).sum() - np.abs(w).sum()) + 0.5 * l2 * (v @ v - w @ w)
    return float(change)


def _polish_on_support(G, Xty, w, l1, l2):
    r"""Solve the optimality equations on the support and signs that ``w`` found.

    On its support A with signs s, the minimiser satisfies
    :math:`(G_{AA} + l_2 I)\,w_A = X_A^\top y - l_1 s`: coordinate descent finds A and s long
    before its iterates stop moving, and this one linear solve then gives the solution up to
    round-off. The result is kept only if the objective does not increase.
    """
    support = np.flatnonzero(w)
    if support.size == 0:
        return w
    signs = np.sign(w[support])
    H = G[np.ix_(support, support)] + l2 * np.eye(support.size)
    v = np.zeros_like(w)
    v[support] = np.linalg.lstsq(H, Xty[support] - l1 * signs, rcond=None)[0]
    if not np.all(np.isfinite(v)) or _objective_change(G, Xty, w, v, l1, l2) > 0.0:
        return w
    return v


def _optimal_to_round_off(G, Xty, w, l1, l2) -> bool:
    r"""The optimality conditions hold up to round-off: :math:`c = X^\top y - Gw - l_2 w`
    equals :math:`l_1\,\mathrm{sign}(w_j)` where :math:`w_j \ne 0`, :math:`|c_j| \le l_1`
    elsewhere, within ``1e-12`` of the size of the terms that make up ``c``.

    A second certificate beside the duality gap, which cannot certify a tiny ``l1`` (its dual
    point is scaled by ``l1 / max|c|``, so at the exact least-squares solution the gap is
    still about ``||y - Xw||^2 / 2``).
    """
    c = Xty - G @ w - l2 * w
    size = np.max(np.abs(Xty), initial=0.0) + np.max(np.abs(G), initial=0.0) * np.abs(w).sum()
    on = w != 0.0
    viol = np.where(on, np.abs(c - l1 * np.sign(w)), np.maximum(np.abs(c) - l1, 0.0))
    return bool(np.max(viol, initial=0.0) <= 1e-12 * size)


def _cd_solve(G, Xty, yty, w, l1, l2, max_iter, tol):
    """Coordinate descent to ``tol``, and on to the exact solution where that is cheap.

    The sweeps run in chunks of growing length; after each chunk the support polish is
    tried, and the loop ends as soon as the optimality conditions hold to round-off (exact
    up to round-off, whatever ``tol``). Once the requested duality gap is reached, the sweeps
    go on (tolerance divided by 1e4 each time) for at most four times as many sweeps again,
    within ``max_iter`` in all. So ``tol`` is the accuracy promised (a ConvergenceWarning
    otherwise), and the result is usually exact. Returns ``(w, gap, n_sweeps, converged)``
    with ``converged`` judged against ``tol``.
    """
    if np.isinf(l1) or np.isinf(l2):  # a penalty beyond float64 (scaled data): w = 0
        return np.zeros_like(w), 0.0, 0, True
    used, chunk, target, budget = 0, 8, tol, max_iter
    ok, gap = False, np.inf
    while used < budget:
        w, gap, n_iter, reached = _cd_gram(
            G, Xty, yty, w, l1, l2, min(chunk, budget - used), target
        )
        used += n_iter
        chunk *= 2
        w = _polish_on_support(G, Xty, w, l1, l2)
        gap = _duality_gap(G, Xty, yty, w, l1, l2) if l1 > 0.0 else gap
        if _optimal_to_round_off(G, Xty, w, l1, l2):
            return w, gap, used, True
        if reached or gap <= tol * yty:
            if not ok:  # the promised accuracy: from here on only a bounded extra effort
                ok, budget = True, min(max_iter, 5 * used + 20)
            target = max(target * 1e-4, 1e-16)
    return w, gap, used, ok


def _solve(G, Xty, yty, w, l1, l2, max_iter, tol):
    """:func:`_cd_solve`, then, if the optimality conditions still fail to round-off (slow
    coordinate descent on a degenerate design), the exact elastic net by the homotopy when
    ``n_features <= 100``, kept if its objective is lower. Same returns as ``_cd_solve``."""
    w, gap, n_iter, ok = _cd_solve(G, Xty, yty, w, l1, l2, max_iter, tol)
    if np.isinf(l1) or np.isinf(l2):  # w = 0 is exact (refuse_overflowing_l2 checked l2)
        return w, gap, n_iter, ok
    if not _optimal_to_round_off(G, Xty, w, l1, l2):
        from lib.solvers.homotopy import enet_exact  # (homotopy imports this module)

        exact = enet_exact(G, Xty, l1, l2)
        if exact is not None and _objective_change(G, Xty, w, exact, l1, l2) <= 0.0:
            w, ok = exact, True
            gap = _duality_gap(G, Xty, yty, w, l1, l2) if l1 > 0.0 else 0.0
    return w, gap, n_iter, ok


def _cd_path(G, Xty, yty, l1, l2, tol, max_iter, alphas, w_start=None):
    """Warm-started coordinate descent for penalties ``l1[i]``, ``l2[i]`` (Gram units), largest
    first; rows in the given order. ``alphas`` only label the warnings."""
    coefs = np.zeros((l1.size, G.shape[0]))
    w = np.zeros(G.shape[0]) if w_start is None else w_start.copy()
    for i in np.argsort(-(l1 + l2), kind="stable"):
        w, gap, _, ok = _solve(G, Xty, yty, w, l1[i], l2[i], max_iter, tol)
        if not ok:
            warn_not_converged(
                f"coordinate descent did not reach tol={tol} for alpha={alphas[i]:g} in "
                f"{max_iter} sweeps (relative duality gap {gap / yty:.2g}); increase max_iter",
                stacklevel=4,
            )
        coefs[i] = w
    return coefs


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
    previous, larger one. ``l1_ratio = 1`` is the Lasso. Each solution is then made exact
    where that is cheap (a solve on its support; for ``n_features <= 100`` and a result that
    still fails the optimality conditions, the homotopy on :math:`X^\top X + n\alpha(1-\rho)I`).

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
    coefs = _cd_path(X.T @ X, X.T @ y, float(y @ y), l1, l2, tol, max_iter, alphas)
    return _unscale(coefs, y_exp - x_exp, "coefficients")
