r"""The exact Lasso path by homotopy (LARS with the lasso modification).

Objective (scikit-learn's ``lasso_path``): :math:`\frac{1}{2n}\|y - Xw\|_2^2 + \alpha\|w\|_1`.
"""

from __future__ import annotations

import numpy as np

from lib._checks import integer_at_least, positive
from lib.solvers._validation import _check_alphas, _check_X_y
from lib.solvers.coordinate_descent import _enet_path_gram


def _homotopy(G: np.ndarray, Xty: np.ndarray, max_steps: int):
    r"""Knots of the lasso path for :math:`\frac12\|y - Xw\|^2 + \lambda\|w\|_1`, Gram form.

    Between knots the solution is linear in :math:`\lambda`: with active set A and signs s,
    :math:`w_A(\lambda - \gamma) = w_A(\lambda) + \gamma d`, :math:`d = G_{AA}^{-1} s`,
    and the correlations :math:`c = X^\top r` move as :math:`c - \gamma G_{:A} d`. A knot is
    where an inactive :math:`|c_j|` reaches :math:`\lambda - \gamma` (j joins) or an active
    :math:`w_j` reaches 0 (j leaves, its coefficient set to exactly 0.0).

    Returns ``(lambdas, coefs, complete)``: lambdas strictly decreasing, coefs (n_knots,
    n_features); ``complete`` is False when the path stopped early because the active Gram
    matrix became (numerically) singular or ``max_steps`` was reached.
    """
    n_features = Xty.size
    w = np.zeros(n_features)
    c = Xty.copy()
    lam = float(np.max(np.abs(c))) if n_features else 0.0
    lambdas, coefs = [lam], [w.copy()]
    if lam == 0.0:
        return np.array(lambdas), np.array(coefs), True
    eps = 1e-12 * lam
    diag = np.diag(G)
    first = int(np.argmax(np.abs(c)))
    active, signs = [first], [float(np.sign(c[first]))]
    just_dropped = -1
    for _ in range(max_steps):
        A = np.array(active)
        s = np.array(signs)
        GA = G[np.ix_(A, A)]
        try:
            L = np.linalg.cholesky(GA)
        except np.linalg.LinAlgError:
            return np.array(lambdas), np.array(coefs), False
        if np.min(np.diag(L) ** 2 / diag[A]) < 1e-10:  # nearly collinear active columns
            return np.array(lambdas), np.array(coefs), False
        d = np.linalg.solve(L.T, np.linalg.solve(L, s))
        a = G[:, A] @ d
        gamma, event, who = lam, "end", -1
        inactive = np.ones(n_features, dtype=bool)
        inactive[A] = False
        for j in np.flatnonzero(inactive):
            candidates = [(lam - c[j], 1.0 - a[j]), (lam + c[j], 1.0 + a[j])]
            if j == just_dropped:
                # |c_j| = lam now; along a straight segment it cannot come back to the same
                # side, so only the opposite sign is a candidate (avoids a round-off re-entry)
                candidates = candidates[1:] if c[j] > 0 else candidates[:1]
            for num, den in candidates:
                if den > 1e-12:
                    g = num / den
                    if eps < g < gamma:
                        gamma, event, who = g, "join", j
        for k, (j, dj) in enumerate(zip(A, d, strict=True)):
            if w[j] != 0.0 and dj != 0.0:
                g = -w[j] / dj
                if eps < g < gamma:
                    gamma, event, who = g, "drop", k
        w[A] += gamma * d
        lam = lam - gamma if event != "end" else 0.0
        just_dropped = -1
        if event == "drop":
            j = active.pop(who)
            signs.pop(who)
            w[j] = 0.0
            just_dropped = j
        c = Xty - G @ w
        if event == "join":
            active.append(int(who))
            signs.append(float(np.sign(c[who])) or 1.0)
        lambdas.append(lam)
        coefs.append(w.copy())
        if event == "end":
            return np.array(lambdas), np.array(coefs), True
        if not active:  # everything dropped (only by round-off): restart from the top
            return np.array(lambdas), np.array(coefs), False
    return np.array(lambdas), np.array(coefs), False


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
    return float(np.max(np.abs(X.T @ y)) / X.shape[0]) if X.shape[1] else 0.0


def lasso_knots(X, y) -> tuple[np.ndarray, np.ndarray]:
    r"""The exact Lasso path: its knots, between which it is linear in alpha (no intercept).

    The minimiser of :math:`\frac{1}{2n}\|y - Xw\|_2^2 + \alpha\|w\|_1` is piecewise linear in
    alpha. This follows it by homotopy (LARS with the lasso modification, Efron et al. 2004):
    starting at :math:`\alpha_{\max}` with :math:`w = 0`, each knot is where a feature joins
    the active set or a coefficient returns to exactly 0.

    Returns
    -------
    alphas : ndarray of shape (n_knots,)
        Strictly decreasing, ``alphas[0] = lasso_alpha_max(X, y)``, the last is 0 when the
        path was followed to the end (least squares).
    coefs : ndarray of shape (n_knots, n_features)
        The solution at each knot. When the active columns become collinear (for example
        ``n_samples < n_features``) the path stops there, with ``alphas[-1] > 0``;
        :func:`lasso_path` continues below it by coordinate descent.

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
    lambdas, coefs, _ = _homotopy(X.T @ X, X.T @ y, max_steps=8 * X.shape[1] + 8)
    return lambdas / X.shape[0], coefs


def lasso_path(
    X, y, alphas, *, method: str = "auto", tol: float = 1e-10, max_iter=10_000
) -> np.ndarray:
    r"""Lasso coefficients for many alphas, without intercept; exact where the homotopy runs.

    For each alpha, the minimiser of

    .. math:: \frac{1}{2n}\|y - Xw\|_2^2 + \alpha\|w\|_1

    (scikit-learn's ``lasso_path`` objective). The solution is piecewise linear in alpha:
    ``method="homotopy"`` computes the knots (:func:`lasso_knots`) and interpolates linearly
    at the requested alphas, which is exact up to round-off, and every coefficient that is 0
    is exactly 0.0. Below the last knot reached (collinear active columns, e.g.
    ``n_samples < n_features``) it continues with warm-started coordinate descent.
    ``method="cd"`` uses coordinate descent for every alpha (duality gap
    ``<= tol * ||y||^2``). ``"auto"`` takes the homotopy when ``n_features <= 200``.

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
    G, Xty = X.T @ X, X.T @ y
    if method == "cd" or (method == "auto" and n_features > 200):
        return _enet_path_gram(G, Xty, float(y @ y), n_samples, alphas, 1.0, tol, max_iter)
    lambdas, knots, complete = _homotopy(G, Xty, max_steps=8 * n_features + 8)
    lam = n_samples * alphas
    coefs = np.zeros((alphas.size, n_features))
    lam_end = lambdas[-1] if not complete else -np.inf
    on_path = (lam >= lam_end) & (lam < lambdas[0])
    if np.any(on_path):
        # knot k with lambdas[k] > lam >= lambdas[k + 1]; lambdas is strictly decreasing
        k = np.searchsorted(-lambdas, -lam[on_path], side="left") - 1
        k = np.minimum(k, lambdas.size - 2)
        t = (lambdas[k] - lam[on_path]) / (lambdas[k] - lambdas[k + 1])
        coefs[on_path] = knots[k] + t[:, None] * (knots[k + 1] - knots[k])
    below = lam < lam_end
    if np.any(below):
        coefs[below] = _enet_path_gram(
            G, Xty, float(y @ y), n_samples, alphas[below], 1.0, tol, max_iter, knots[-1]
        )
    return coefs
