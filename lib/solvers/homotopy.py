r"""The exact Lasso path by homotopy (LARS with the lasso modification).

Objective (scikit-learn's ``lasso_path``): :math:`\frac{1}{2n}\|y - Xw\|_2^2 + \alpha\|w\|_1`.
"""

from __future__ import annotations

import numpy as np

from lib._checks import integer_at_least, positive
from lib.solvers._active_set import _ActiveSet
from lib.solvers._gram_cd import _cd_solve, one_blas_thread, solve_threads
from lib.solvers._homotopy_direction import _direction
from lib.solvers._validation import _check_alphas, _check_X_y, _pow2_exponent, _unscale
from lib.solvers.coordinate_descent import _enet_path_ws, enet_penalties, warn_not_converged


def _homotopy(G: np.ndarray, Xty: np.ndarray, max_steps: int, lam_stop: float = 0.0):
    r"""Knots of the lasso path for :math:`\frac12\|y - Xw\|^2 + \lambda\|w\|_1`, Gram form.

    Between knots the solution is linear in :math:`\lambda`:
    :math:`w(\lambda - \gamma) = w(\lambda) + \gamma d`, and the correlations
    :math:`c = X^\top(y - Xw)` move as :math:`c - \gamma G d` (so updated; recomputed from
    ``w`` every 16 knots against drift). The direction solves :math:`G_{EE} d = \sigma` on
    the set E of features whose :math:`|c_j|` equals :math:`\lambda` (up to ``1e-10`` of
    :math:`\lambda_{\max}`), from the factor :class:`_ActiveSet` keeps, or, when that fails
    (ties, drops, collinear columns), by :func:`_direction`. A knot is where another
    :math:`|c_j|` reaches
    :math:`\lambda - \gamma` (j joins at the next knot, whatever the sign) or a coefficient
    reaches 0 (it is set to exactly 0.0; the next direction decides whether it leaves).

    Returns ``(lambdas, coefs, complete)``: lambdas strictly decreasing, coefs (n_knots,
    n_features); ``complete`` is False when the path stopped above :math:`\lambda = 0`
    (the direction problem cycled, or ``max_steps`` was reached).
    """
    n_features = Xty.size
    w = np.zeros(n_features)
    c = Xty.copy()
    lam = float(np.max(np.abs(c))) if n_features else 0.0
    lambdas, coefs = [lam], [w.copy()]
    if lam == 0.0 or lam <= lam_stop:  # (nothing below lam_stop is wanted)
        return np.array(lambdas), np.array(coefs), True
    tie = 1e-10 * lam
    active = _ActiveSet(G)  # E, its rows of G, the inverse of G_EE's Cholesky factor
    side = np.zeros(n_features)
    smallest = np.minimum.reduce  # (the ufunc's own method: np.min adds a Python layer)
    with np.errstate(divide="ignore", invalid="ignore"):  # (divisions masked by `where`)
        for knot in range(max_steps):
            nonzero = w != 0.0
            in_E = nonzero | (np.abs(c) >= lam - tie)
            active.update(in_E)
            E, rows = active.E, active.rows[: active.size]  # rows = G[E]
            wE = w[E]
            sigma = np.copysign(1.0, np.where(wE != 0.0, wE, c[E]))  # (+-1, never 0)
            joining = wE == 0.0
            d = active.solve(sigma)  # the usual case, G_EE^-1 sigma in O(|E|^2) ...
            if d is not None:
                a = d @ rows  # = G[:, E] @ d; dc/d(-lambda) = -a
                if np.logical_or.reduce(sigma * d <= 0.0, where=joining):
                    d = None  # a zero coefficient in E that would not join: a drop, or a tie
                elif not np.maximum.reduce(np.abs(a[E] - sigma), initial=0.0) <= 1e-9:
                    active.forget()  # G_EE d = sigma failed: the inverse drifted
                    d = None
                else:  # every zero coefficient in E joins: the others are outside E
                    up_ok = down_ok = ~in_E
            if d is None:
                d = _direction(G, E, sigma, ~joining)  # ... and ties, drops, collinear columns
                if d is None:
                    return np.array(lambdas), np.array(coefs), False
                a = d @ rows
                # a zero coefficient that does not move can reach the bound: c_j - g a_j =
                # +-(lam - g); one at the bound already only on the other side (d keeps it in)
                still = ~nonzero
                still[E[d != 0.0]] = False
                side[:] = 0.0
                side[E] = sigma
                up_ok, down_ok = still & (side != 1.0), still & (side != -1.0)
            one_minus, one_plus = 1.0 - a, 1.0 + a
            up = smallest((lam - c) / one_minus, where=up_ok & (one_minus > 1e-12), initial=np.inf)
            down = smallest(
                (lam + c) / one_plus, where=down_ok & (one_plus > 1e-12), initial=np.inf
            )
            gamma = min(lam, max(float(min(up, down)), 0.0))
            hit = np.where(wE * d < 0.0, -wE / d, np.inf)  # where a coefficient reaches 0
            gamma = min(gamma, float(smallest(hit, initial=np.inf)), lam - lam_stop)
            wE += gamma * d
            wE[hit <= gamma * (1.0 + 1e-12)] = 0.0  # coefficients that reached 0 (ties too)
            w[E] = wE
            lam = lam - gamma if gamma < lam else 0.0
            if lam_stop > 0.0 and lam <= lam_stop * (1.0 + 1e-12):
                lam = lam_stop  # stopped where asked (up to round-off in lam - gamma)
            if lam <= 1e-14 * lambdas[0]:  # the end, up to round-off (no steps of length 1e-200)
                lam = 0.0
            if knot % 16 == 15:  # afresh now and then (no drift from the updates)
                c = Xty - wE @ rows  # = X'y - G w: the support of w is in E
            else:
                c -= gamma * a
            if gamma <= 1e-14 * lambdas[0] and len(lambdas) > 1:
                lambdas[-1], coefs[-1] = lam, w.copy()  # a zero-length step: same knot
            else:
                lambdas.append(lam)
                coefs.append(w.copy())
            if lam <= lam_stop:  # lam == 0.0 unless asked to stop earlier
                return np.array(lambdas), np.array(coefs), True
    return np.array(lambdas), np.array(coefs), False


def _kkt_violation(G, Xty, coefs, lam):
    r"""Largest violation, per row, of the Lasso optimality conditions in Gram form.

    :math:`c = X^\top y - G w` must equal :math:`\lambda\,\mathrm{sign}(w_j)` where
    :math:`w_j \ne 0` and satisfy :math:`|c_j| \le \lambda` where :math:`w_j = 0`.
    """
    c = Xty - coefs @ G
    on = coefs != 0.0
    lam = lam[:, None]
    with np.errstate(invalid="ignore"):  # inf * 0 in the branch np.where does not take
        viol = np.where(on, np.abs(c - lam * np.sign(coefs)), np.maximum(np.abs(c) - lam, 0.0))
    return viol.max(axis=1, initial=0.0)


#: Largest number of features for which an unfinished coordinate-descent result is
#: completed by the homotopy (the estimators, ``enet_path``, ``lasso_path(method="cd")``).
EXACT_FINISH_MAX_FEATURES = 200


def enet_exact(G, Xty, l1: float, l2: float):
    r"""The elastic net in Gram form, exactly, by the homotopy; ``None`` if it cannot.

    :math:`\frac12\|y - Xw\|^2 + l_1\|w\|_1 + \frac{l_2}2\|w\|^2` is the Lasso on the
    design :math:`[X; \sqrt{l_2} I]` (and :math:`[y; 0]`), whose Gram matrix is
    :math:`G + l_2 I`: the path of that Lasso, read at :math:`\lambda = l_1`. Used by the
    estimators when coordinate descent is slow to finish (degenerate designs); only for
    ``n_features <= EXACT_FINISH_MAX_FEATURES`` (the limit is where it was measured to pay,
    on degenerate designs up to 65 x 130; beyond it is untested). The path is followed only
    down to :math:`\lambda = l_1`.
    """
    n_features = Xty.size
    if n_features > EXACT_FINISH_MAX_FEATURES or not (np.isfinite(l1) and np.isfinite(l2)):
        return None
    Ga = G + l2 * np.eye(n_features)
    lambdas, knots, _ = _homotopy(Ga, Xty, _max_steps(n_features), lam_stop=l1)
    if l1 >= lambdas[0]:
        return np.zeros(n_features)
    if lambdas[-1] > l1:
        return None
    k = min(int(np.searchsorted(-lambdas, -l1, side="left")) - 1, lambdas.size - 2)
    t = (lambdas[k] - l1) / (lambdas[k] - lambdas[k + 1])
    return knots[k] + t * (knots[k + 1] - knots[k])


def lasso_alpha_max(X, y) -> float:
    r"""Smallest alpha at which the Lasso (no intercept) sets every coefficient to 0.

    .. math:: \alpha_{\max} = \frac{1}{n}\,\|X^\top y\|_\infty .

    For a model with intercept, pass centred ``X`` and ``y``.

    Examples
    --------
    >>> lasso_alpha_max([[1.0, 0.0], [0.0, 1.0]], [4.0, -6.0])
    3.0
    """
    X, y = _check_X_y(X, y)
    x_exp, y_exp = _pow2_exponent(X), _pow2_exponent(y)
    Xty = np.ldexp(X, -x_exp).T @ np.ldexp(y, -y_exp)  # scaled: X.T @ y could overflow
    alpha_max = np.max(np.abs(Xty), initial=0.0) / X.shape[0]
    return float(_unscale(alpha_max, x_exp + y_exp, "alpha_max"))


def lasso_knots(X, y) -> tuple[np.ndarray, np.ndarray]:
    r"""The exact Lasso path: its knots, between which it is linear in alpha (no intercept).

    The minimiser of :math:`\frac{1}{2n}\|y - Xw\|_2^2 + \alpha\|w\|_1` is piecewise linear in
    alpha. This follows it by homotopy (LARS with the lasso modification, Efron et al. 2004):
    starting at :math:`\alpha_{\max}` with :math:`w = 0`, each knot is where a feature joins
    the active set or a coefficient returns to exactly 0. Ties are handled: the direction at a
    knot is found for all features whose correlation equals alpha at once (a small
    sign-constrained least-squares problem), so tied, duplicated and collinear columns may
    join or leave together, and ``n_samples < n_features`` is fine.

    Returns
    -------
    alphas : ndarray of shape (n_knots,)
        Strictly decreasing, ``alphas[0] = lasso_alpha_max(X, y)``, the last is 0 when the
        path was followed to the end (least squares).
    coefs : ndarray of shape (n_knots, n_features)
        The solution at each knot (one of them where the solution is not unique, as with
        duplicated columns). In the rare case that the direction cannot be found (the
        active-set method cycles on a degenerate problem) the path stops there, with
        ``alphas[-1] > 0``; :func:`lasso_path` continues below it by coordinate descent.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    >>> y = np.array([2.0, 1.0, -2.0, -1.0])
    >>> alphas, coefs = lasso_knots(X, y)
    >>> alphas
    array([1. , 0.5, 0. ])
    >>> coefs
    array([[0., 0.],
           [1., 0.],
           [2., 1.]])
    """
    X, y = _check_X_y(X, y)
    x_exp, y_exp = _pow2_exponent(X), _pow2_exponent(y)
    X, y = np.ldexp(X, -x_exp), np.ldexp(y, -y_exp)  # exact; no overflow in X.T @ X
    with solve_threads(X.size):  # (why: see lib.solvers._gram_cd.one_blas_thread)
        G, Xty = X.T @ X, X.T @ y
        with one_blas_thread(G.size):
            lambdas, coefs, _ = _homotopy(G, Xty, max_steps=_max_steps(X.shape[1]))
    alphas = _unscale(lambdas / X.shape[0], x_exp + y_exp, "knots alphas")
    return alphas, _unscale(coefs, y_exp - x_exp, "coefficients")


def lasso_path(
    X, y, alphas, *, method: str = "auto", tol: float = 1e-10, max_iter=10_000
) -> np.ndarray:
    r"""Lasso coefficients for many alphas, without intercept; exact where the homotopy runs.

    For each alpha, the minimiser of

    .. math:: \frac{1}{2n}\|y - Xw\|_2^2 + \alpha\|w\|_1

    (scikit-learn's ``lasso_path`` objective). The solution is piecewise linear in alpha:
    ``method="homotopy"`` computes the knots (:func:`lasso_knots`) and interpolates linearly
    at the requested alphas, which is exact up to round-off, and every coefficient that is 0
    is exactly 0.0. Below the last knot reached (only if the homotopy stopped early) it
    continues with warm-started coordinate descent. Every row is then checked against the
    optimality (KKT) conditions, and a row that fails them by more than ``1e-9`` of
    :math:`\alpha_{\max}` (round-off on a hard problem) is finished by coordinate descent,
    with a ConvergenceWarning if that cannot reach ``tol``: a non-optimal point is never
    returned silently. ``method="cd"`` uses warm-started coordinate descent on working sets
    for every alpha (:func:`lib.solvers.enet_path` with ``l1_ratio=1``: stopped when every
    feature meets the optimality conditions to round-off, or else at duality gap
    ``<= tol * ||y||^2`` with a ConvergenceWarning if that is not reached). ``"auto"`` takes
    the homotopy when ``n_features <= 200`` and ``n_features <= n_samples`` (there the path
    has few knots and each costs :math:`O(p\,|E|)`; on wide data it can have thousands,
    while coordinate descent needs only the few features that ever become non-zero).
    ``X`` and ``y`` are scaled by powers of two inside (exact), so
    entries near 1e+-200 neither overflow nor underflow.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
    alphas : array-like of shape (n_alphas,)
        Penalty strengths ``>= 0``, any order.
    method : {"auto", "homotopy", "cd"}, default "auto"
    tol : float, default 1e-10
        Duality-gap tolerance of coordinate descent (relative to ``||y||^2``).
    max_iter : int, default 10000
        Maximum sweeps of coordinate descent per alpha.

    Returns
    -------
    coefs : ndarray of shape (n_alphas, n_features)
        Row ``i`` belongs to ``alphas[i]``. This is the **transpose** of scikit-learn's
        convention (``sklearn.linear_model.lasso_path`` returns (n_features, n_alphas) and
        sorts the alphas in decreasing order). Alphas ``>= lasso_alpha_max(X, y)`` give a row
        of exact zeros.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    >>> y = np.array([2.0, 1.0, -2.0, -1.0])
    >>> lasso_path(X, y, [2.0, 0.75, 0.25])
    array([[0. , 0. ],
           [0.5, 0. ],
           [1.5, 0.5]])
    """
    X, y = _check_X_y(X, y)
    alphas = _check_alphas(alphas)
    if method not in ("auto", "homotopy", "cd"):
        raise ValueError(f'method must be "auto", "homotopy" or "cd", got {method!r}')
    tol = positive(tol, "tol")
    max_iter = integer_at_least(max_iter, "max_iter", 1)
    n_samples, n_features = X.shape
    x_exp, y_exp = _pow2_exponent(X), _pow2_exponent(y)
    X, y = np.ldexp(X, -x_exp), np.ldexp(y, -y_exp)  # exact; no overflow in X.T @ X
    lam, _ = enet_penalties(n_samples, alphas, 1.0, x_exp, y_exp)
    with solve_threads(X.size):  # (why: see lib.solvers._gram_cd.one_blas_thread)
        return _lasso_path_scaled(X, y, alphas, lam, x_exp, y_exp, method, tol, max_iter)


def _lasso_path_scaled(X, y, alphas, lam, x_exp, y_exp, method, tol, max_iter):
    """The body of :func:`lasso_path` on the scaled data (``lam`` in Gram units)."""
    n_samples, n_features = X.shape
    l2 = np.zeros_like(lam)
    if method == "cd" or (method == "auto" and n_features > min(200, n_samples)):
        coefs = _enet_path_ws(X, y, lam, l2, tol, max_iter, alphas, stacklevel=5)
        return _unscale(coefs, y_exp - x_exp, "coefficients")
    G, Xty, yty = X.T @ X, X.T @ y, float(y @ y)
    # the knots down to the smallest alpha asked for (below it they are not needed)
    with one_blas_thread(G.size):
        lambdas, knots, complete = _homotopy(G, Xty, _max_steps(n_features), float(lam.min()))
    coefs = np.zeros((alphas.size, n_features))
    lam_end = lambdas[-1] if not complete else -np.inf
    on_path = (lam >= lam_end) & (lam < lambdas[0])
    if np.any(on_path):
        # knot k with lambdas[k] > lam >= lambdas[k + 1]; lambdas is strictly decreasing
        k = np.searchsorted(-lambdas, -lam[on_path], side="left") - 1
        k = np.clip(k, 0, lambdas.size - 2)
        t = (lambdas[k] - lam[on_path]) / (lambdas[k] - lambdas[k + 1])
        coefs[on_path] = knots[k] + t[:, None] * (knots[k + 1] - knots[k])
    below = lam < lam_end
    if np.any(below):
        coefs[below] = _enet_path_ws(
            X, y, lam[below], l2[below], tol, max_iter, alphas[below], knots[-1], stacklevel=5
        )
    # never return a point that is not optimal: check every row's optimality conditions and
    # finish any that fails (round-off on hard problems) by coordinate descent from it
    lam_max = lambdas[0]
    for i in np.flatnonzero(_kkt_violation(G, Xty, coefs, lam) > 1e-9 * lam_max):
        coefs[i], gap, _, ok = _cd_solve(G, Xty, yty, coefs[i], lam[i], 0.0, max_iter, tol)
        if not ok:
            warn_not_converged(
                f"the Lasso solution for alpha={alphas[i]:g} could not be verified: the "
                f"relative duality gap is {gap / yty:.2g} > tol={tol}; increase max_iter",
                stacklevel=4,
            )
    return _unscale(coefs, y_exp - x_exp, "coefficients")


def _max_steps(n_features: int) -> int:
    # the path has about min(n, p) knots in practice; this bound only stops a runaway loop
    return 20 * n_features + 20
