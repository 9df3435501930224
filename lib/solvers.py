r"""Solvers for regularized least squares, written here (scikit-learn is only the oracle).

===================  ===================================================================
objective            minimised by
===================  ===================================================================
Ridge                :math:`\|y - Xw\|_2^2 + \alpha \|w\|_2^2`  (Cholesky; one eigh per path)
Lasso                :math:`\frac{1}{2n}\|y - Xw\|_2^2 + \alpha \|w\|_1`  (coordinate descent)
ElasticNet           :math:`\frac{1}{2n}\|y - Xw\|_2^2 + \alpha\rho\|w\|_1
                     + \frac{\alpha(1-\rho)}{2}\|w\|_2^2`, :math:`\rho` = ``l1_ratio``
===================  ===================================================================

These are **the same objectives as scikit-learn's** ``Ridge``, ``Lasso`` and ``ElasticNet``,
so an ``alpha`` means the same thing here and there. Note the different loss scalings: Ridge
uses the plain sum of squares, Lasso and ElasticNet divide it by :math:`2n`. The estimators fit
an intercept that is **not** penalised (they centre ``X`` and ``y`` first); the ``*_path``
functions and the update-rule trajectories fit **no** intercept (centre the data yourself, or
use ``lib.datasets.load_diabetes(standardize=True)``).

Path functions return arrays of shape **(n_alphas, n_features)**, one row per alpha, in the
order the alphas were given. scikit-learn's ``lasso_path``/``enet_path`` return the transpose,
(n_features, n_alphas), with the alphas sorted in decreasing order.

Update rules (for studying how penalties act, not for fitting):
``gradient_descent`` ((sub)gradient steps), ``proximal_gradient`` (ISTA) and
``penalty_only_step``/``penalty_only_trajectory`` (the penalty alone, as in the scalar
examples :math:`w = 1`). ``cross_validate_alpha`` chooses ``alpha`` by K-fold cross-validation.
"""

from __future__ import annotations

import warnings
from typing import NamedTuple

import numpy as np
from scipy.linalg import cho_factor, cho_solve
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils.validation import check_is_fitted, validate_data

from lib._checks import as_float_array, integer_at_least, non_negative, positive, real_number
from lib.regularizers import l1_subgradient, l2_gradient, soft_threshold

__all__ = [
    "Ridge",
    "Lasso",
    "ElasticNet",
    "ridge_path",
    "lasso_path",
    "enet_path",
    "lasso_knots",
    "lasso_alpha_max",
    "gradient_descent",
    "proximal_gradient",
    "penalty_only_step",
    "penalty_only_trajectory",
    "kfold_splits",
    "CVResult",
    "cross_validate_alpha",
]


# --------------------------------------------------------------------------------------------
# input checks
# --------------------------------------------------------------------------------------------
def _check_X_y(X, y) -> tuple[np.ndarray, np.ndarray]:
    X = as_float_array(X, "X")
    y = as_float_array(y, "y")
    if X.ndim != 2:
        raise ValueError(
            f"X must be 2-D of shape (n_samples, n_features), got shape {X.shape}; "
            "for a single feature use X.reshape(-1, 1)"
        )
    if y.ndim != 1:
        raise ValueError(f"y must be 1-D of shape (n_samples,), got shape {y.shape}")
    if X.shape[0] != y.shape[0]:
        raise ValueError(
            f"X and y must have the same number of samples, got {X.shape[0]} and {y.shape[0]}"
        )
    return X, y


def _check_alphas(alphas) -> np.ndarray:
    alphas = as_float_array(alphas, "alphas")
    if alphas.ndim == 0:
        alphas = alphas.reshape(1)
    if alphas.ndim != 1:
        raise ValueError(f"alphas must be 1-D, got shape {alphas.shape}")
    if np.any(alphas < 0):
        raise ValueError(f"every alpha must be >= 0, got min(alphas) = {alphas.min()}")
    return alphas


def _flag(value, name: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def _unit_interval(value, name: str) -> float:
    value = real_number(value, name)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must be in [0, 1], got {value}")
    return value


def _center(X: np.ndarray, y: np.ndarray, fit_intercept: bool):
    """Centred copies of X and y and the means removed (zeros when no intercept)."""
    if not fit_intercept:
        return X, y, np.zeros(X.shape[1]), 0.0
    x_mean, y_mean = X.mean(axis=0), float(y.mean())
    return X - x_mean, y - y_mean, x_mean, y_mean


# --------------------------------------------------------------------------------------------
# Ridge: Cholesky for one alpha, one eigendecomposition for a path
# --------------------------------------------------------------------------------------------
def _ridge_svd(X: np.ndarray, y: np.ndarray, alphas: np.ndarray) -> np.ndarray:
    r"""Rows :math:`w_\alpha = V\,\mathrm{diag}(s/(s^2+\alpha))\,U^\top y` for each alpha.

    :math:`V` and :math:`s^2` come from one symmetric eigendecomposition of the smaller Gram
    matrix (:math:`X^\top X = V \mathrm{diag}(s^2) V^\top` when ``n_samples >= n_features``,
    else :math:`XX^\top = U \mathrm{diag}(s^2) U^\top` and :math:`w = X^\top U
    \mathrm{diag}(1/(s^2+\alpha)) U^\top y`); this is the SVD formula, computed without the
    (much slower) SVD of the tall matrix. ``alpha = 0`` rows are the minimum-norm
    least-squares solution from ``numpy.linalg.lstsq``.
    """
    n_samples, n_features = X.shape
    coefs = np.zeros((alphas.size, n_features))
    if n_samples == 0 or n_features == 0:
        return coefs
    pos = alphas > 0
    if np.any(pos):
        a = alphas[pos][:, None]
        if n_samples >= n_features:
            evals, V = np.linalg.eigh(X.T @ X)
            b = V.T @ (X.T @ y)
            coefs[pos] = (b / (np.maximum(evals, 0.0) + a)) @ V.T
        else:
            evals, U = np.linalg.eigh(X @ X.T)
            c = U.T @ y
            coefs[pos] = (c / (np.maximum(evals, 0.0) + a)) @ (X.T @ U).T
    if not np.all(pos):
        coefs[~pos] = np.linalg.lstsq(X, y, rcond=None)[0]
    return coefs


def _ridge_one(X: np.ndarray, y: np.ndarray, alpha: float) -> np.ndarray:
    """Ridge for one alpha by a Cholesky solve of the (primal or dual) normal equations."""
    n_samples, n_features = X.shape
    if alpha > 0 and n_samples > 0 and n_features > 0:
        try:
            if n_samples >= n_features:  # (X'X + alpha I) w = X'y
                A = X.T @ X
                A[np.diag_indices_from(A)] += alpha
                return cho_solve(cho_factor(A), X.T @ y)
            K = X @ X.T  # w = X'(XX' + alpha I)^{-1} y
            K[np.diag_indices_from(K)] += alpha
            return X.T @ cho_solve(cho_factor(K), y)
        except np.linalg.LinAlgError:
            pass
    return _ridge_svd(X, y, np.array([alpha]))[0]


def ridge_path(X, y, alphas) -> np.ndarray:
    r"""Ridge coefficients for many alphas from **one** decomposition, without intercept.

    For each alpha, the minimiser of :math:`\|y - Xw\|_2^2 + \alpha\|w\|_2^2` is

    .. math:: w_\alpha = V \operatorname{diag}\!\Big(\frac{s_i}{s_i^2 + \alpha}\Big) U^\top y,
              \qquad X = U \operatorname{diag}(s) V^\top \ \text{(thin SVD)},

    so after one decomposition each alpha costs a (rank x n_features) product. (:math:`V` and
    :math:`s^2` are computed as the eigendecomposition of :math:`X^\top X`, or of
    :math:`XX^\top` when ``n_samples < n_features``: same formula, much faster than an SVD of
    a tall ``X``.) It works for
    ``n_samples < n_features`` and collinear columns; ``alpha = 0`` gives the minimum-norm
    least-squares solution.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
    alphas : array-like of shape (n_alphas,)
        Penalty strengths, ``>= 0``, in any order.

    Returns
    -------
    coefs : ndarray of shape (n_alphas, n_features)
        Row ``i`` is the solution for ``alphas[i]``. No intercept is fitted: centre ``X``
        and ``y`` first if the model needs one.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 2.0], [0.0, 0.0]])
    >>> y = np.array([1.0, 2.0, 0.0])
    >>> ridge_path(X, y, [0.0, 1.0, 4.0])   # w_j = x_j.y / (x_j.x_j + alpha) here
    array([[1. , 1. ],
           [0.5, 0.8],
           [0.2, 0.5]])
    """
    X, y = _check_X_y(X, y)
    return _ridge_svd(X, y, _check_alphas(alphas))


# --------------------------------------------------------------------------------------------
# Coordinate descent (Lasso, ElasticNet)
# --------------------------------------------------------------------------------------------
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


def _enet_path_gram(G, Xty, yty, n_samples, alphas, l1_ratio, tol, max_iter, w_start=None):
    """Warm-started coordinate descent along the alphas, largest first; rows in given order."""
    coefs = np.zeros((alphas.size, G.shape[0]))
    w = np.zeros(G.shape[0]) if w_start is None else w_start.copy()
    for i in np.argsort(-alphas, kind="stable"):
        lam = n_samples * alphas[i]
        w, _, _, ok = _cd_gram(
            G, Xty, yty, w, lam * l1_ratio, lam * (1.0 - l1_ratio), max_iter, tol
        )
        if not ok:
            warnings.warn(
                f"coordinate descent did not reach tol={tol} for alpha={alphas[i]:g} in "
                f"{max_iter} sweeps; increase max_iter",
                ConvergenceWarning,
                stacklevel=3,
            )
        coefs[i] = w
    return coefs


def enet_path(X, y, alphas, *, l1_ratio: float = 0.5, tol: float = 1e-10, max_iter=10_000):
    r"""Elastic-net coefficients along ``alphas`` by warm-started coordinate descent, no intercept.

    For each alpha it minimises

    .. math:: \frac{1}{2n}\|y - Xw\|_2^2 + \alpha\rho\|w\|_1
              + \frac{\alpha(1-\rho)}{2}\|w\|_2^2, \qquad \rho = \texttt{l1\_ratio},

    (scikit-learn's ``enet_path`` objective), starting each alpha from the solution of the
    previous, larger one. ``l1_ratio = 1`` is the Lasso.

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
    G, Xty = X.T @ X, X.T @ y
    return _enet_path_gram(G, Xty, float(y @ y), X.shape[0], alphas, l1_ratio, tol, max_iter)


# --------------------------------------------------------------------------------------------
# Lasso path by homotopy (LARS with the lasso modification)
# --------------------------------------------------------------------------------------------
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


# --------------------------------------------------------------------------------------------
# Estimators
# --------------------------------------------------------------------------------------------
class _LinearRegressor(RegressorMixin, BaseEstimator):
    """predict = X @ coef_ + intercept_, for every estimator below."""

    def predict(self, X) -> np.ndarray:
        """Predictions :math:`\\hat y = X w + b` for X of shape (n_samples, n_features)."""
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64)
        return X @ self.coef_ + self.intercept_

    def _validated(self, X, y):
        X, y = validate_data(self, X, y, y_numeric=True, dtype=np.float64)
        fit_intercept = _flag(self.fit_intercept, "fit_intercept")
        return _center(X, y, fit_intercept)


class Ridge(_LinearRegressor):
    r"""Ridge regression: least squares with a squared L2 penalty, by a Cholesky solve.

    Minimises (the objective of ``sklearn.linear_model.Ridge``)

    .. math:: \|y - Xw - b\|_2^2 + \alpha\|w\|_2^2 ,

    with the intercept :math:`b` not penalised: ``X`` and ``y`` are centred, ``w`` solves
    :math:`(X^\top X + \alpha I)w = X^\top y` by Cholesky (or the dual system
    :math:`w = X^\top(XX^\top + \alpha I)^{-1}y` when ``n_samples < n_features``), and
    :math:`b = \bar y - \bar x^\top w`. Works for collinear columns (``alpha > 0`` makes
    the system positive definite); ``alpha = 0`` gives the minimum-norm least squares.

    Parameters
    ----------
    alpha : float, default 1.0
        Penalty strength, ``>= 0`` (0 = minimum-norm least squares).
    fit_intercept : bool, default True

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
    intercept_ : float
    n_features_in_ : int

    Examples
    --------
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> y = np.array([1.0, 3.0, 5.0, 7.0])
    >>> model = Ridge(alpha=5.0).fit(X, y)   # centred x.x = 5, x.y = 10: w = 10 / (5 + 5)
    >>> round(float(model.coef_[0]), 12), round(float(model.intercept_), 12)
    (1.0, 2.5)
    >>> model.predict([[4.0]])
    array([6.5])
    """

    def __init__(self, alpha=1.0, *, fit_intercept=True):
        self.alpha = alpha
        self.fit_intercept = fit_intercept

    def fit(self, X, y):
        """Fit on X (n_samples, n_features) and y (n_samples,); returns self."""
        alpha = non_negative(self.alpha, "alpha")
        Xc, yc, x_mean, y_mean = self._validated(X, y)
        self.coef_ = _ridge_one(Xc, yc, alpha)
        self.intercept_ = float(y_mean - x_mean @ self.coef_)
        return self


class _CoordinateDescent(_LinearRegressor):
    def _fit_cd(self, X, y, l1_ratio: float):
        alpha = non_negative(self.alpha, "alpha")
        max_iter = integer_at_least(self.max_iter, "max_iter", 1)
        tol = positive(self.tol, "tol")
        Xc, yc, x_mean, y_mean = self._validated(X, y)
        n_samples = Xc.shape[0]
        G, Xty = Xc.T @ Xc, Xc.T @ yc
        lam = n_samples * alpha
        w, gap, n_iter, ok = _cd_gram(
            G, Xty, float(yc @ yc), np.zeros(Xc.shape[1]), lam * l1_ratio,
            lam * (1.0 - l1_ratio), max_iter, tol,
        )  # fmt: skip
        if not ok:
            warnings.warn(
                f"coordinate descent stopped after max_iter={max_iter} sweeps with duality "
                f"gap {gap / n_samples:.3g} > tol; increase max_iter",
                ConvergenceWarning,
                stacklevel=3,
            )
        self.coef_ = w
        self.intercept_ = float(y_mean - x_mean @ w)
        self.n_iter_ = n_iter
        self.dual_gap_ = gap / n_samples
        return self


class Lasso(_CoordinateDescent):
    r"""Lasso: least squares with an L1 penalty, by cyclic coordinate descent.

    Minimises (the objective of ``sklearn.linear_model.Lasso``)

    .. math:: \frac{1}{2n}\|y - Xw - b\|_2^2 + \alpha\|w\|_1 ,

    with the intercept :math:`b` not penalised (``X`` and ``y`` are centred first). Each
    coordinate update is a soft-thresholding,
    :math:`w_j \leftarrow S(x_j^\top r_{-j},\, n\alpha) / \|x_j\|^2`, so coefficients below the
    threshold are **exactly** 0.0. The sweeps stop when the largest coordinate change is
    below ``tol * max|w|`` and the duality gap is ``<= tol * ||y - mean(y)||^2``
    (scikit-learn's rule).

    Parameters
    ----------
    alpha : float, default 1.0
        Penalty strength ``>= 0``; every coefficient is 0 for
        ``alpha >= max|X_c^T y_c| / n`` (``X_c``, ``y_c`` centred).
    fit_intercept : bool, default True
    max_iter : int, default 1000
        Maximum number of sweeps over the coordinates.
    tol : float, default 1e-4

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
    intercept_ : float
    n_iter_ : int
        Number of sweeps run.
    dual_gap_ : float
        Duality gap at the end, on the scale of the objective above.
    n_features_in_ : int

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    >>> y = np.array([2.0, 1.0, -2.0, -1.0])
    >>> Lasso(alpha=0.75).fit(X, y).coef_   # w_j = S(x_j.y / n, alpha) / (x_j.x_j / n)
    array([0.5, 0. ])
    """

    def __init__(self, alpha=1.0, *, fit_intercept=True, max_iter=1000, tol=1e-4):
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol

    def fit(self, X, y):
        """Fit on X (n_samples, n_features) and y (n_samples,); returns self."""
        return self._fit_cd(X, y, 1.0)


class ElasticNet(_CoordinateDescent):
    r"""Elastic net: L1 and squared-L2 penalties together, by cyclic coordinate descent.

    Minimises (the objective of ``sklearn.linear_model.ElasticNet``), with
    :math:`\rho` = ``l1_ratio``,

    .. math:: \frac{1}{2n}\|y - Xw - b\|_2^2 + \alpha\rho\|w\|_1
              + \frac{\alpha(1-\rho)}{2}\|w\|_2^2 ,

    intercept not penalised. Coordinate update
    :math:`w_j \leftarrow S(x_j^\top r_{-j}, n\alpha\rho) / (\|x_j\|^2 + n\alpha(1-\rho))`;
    stopping rule as in :class:`Lasso`. ``l1_ratio=1`` is the Lasso.

    Parameters
    ----------
    alpha : float, default 1.0
    l1_ratio : float in [0, 1], default 0.5
    fit_intercept : bool, default True
    max_iter : int, default 1000
    tol : float, default 1e-4

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    >>> y = np.array([2.0, 1.0, -2.0, -1.0])
    >>> ElasticNet(alpha=1.0, l1_ratio=0.5).fit(X, y).coef_   # S(1, 0.5) / (0.5 + 0.5)
    array([0.5, 0. ])
    """

    def __init__(self, alpha=1.0, *, l1_ratio=0.5, fit_intercept=True, max_iter=1000, tol=1e-4):
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol

    def fit(self, X, y):
        """Fit on X (n_samples, n_features) and y (n_samples,); returns self."""
        return self._fit_cd(X, y, _unit_interval(self.l1_ratio, "l1_ratio"))


# --------------------------------------------------------------------------------------------
# Update-rule trajectories
# --------------------------------------------------------------------------------------------
_PENALTIES = ("l1", "l2", None)


def _check_penalty(penalty, allowed=_PENALTIES):
    if penalty not in allowed:
        raise ValueError(f"penalty must be one of {allowed}, got {penalty!r}")
    return penalty


def _start(X, y, w0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    X, y = _check_X_y(X, y)
    if w0 is None:
        return X, y, np.zeros(X.shape[1])
    w0 = as_float_array(w0, "w0")
    if w0.shape != (X.shape[1],):
        raise ValueError(f"w0 must have shape ({X.shape[1]},), got {w0.shape}")
    return X, y, w0.copy()


def _finite_or_raise(path: np.ndarray, step: int) -> None:
    if not np.all(np.isfinite(path[step])):
        raise ValueError(
            f"the iterates overflowed at step {step}: the update diverges for this "
            "learning_rate; use fewer steps to watch it grow, or a smaller learning_rate"
        )


def gradient_descent(
    X, y, *, alpha: float, penalty, learning_rate: float, n_steps: int, w0=None
) -> np.ndarray:
    r"""The whole trajectory of (sub)gradient descent on least squares plus a penalty.

    Minimises, without intercept,

    .. math:: f(w) = \frac{1}{2n}\|y - Xw\|_2^2 + \alpha P(w),

    (the loss scaled as in :class:`Lasso`, so ``alpha`` means the same there and here) with
    :math:`P(w) = \|w\|_1` (``"l1"``), :math:`P(w) = \|w\|_2^2` (``"l2"``) or
    :math:`P = 0` (``None``), by

    .. math:: w_{k+1} = w_k - \eta\Big(\frac1n X^\top(Xw_k - y) + \alpha\,g(w_k)\Big),

    :math:`g(w) = \operatorname{sign}(w)` (a subgradient of the L1 norm, 0 at 0) or
    :math:`g(w) = 2w` (gradient of the squared L2 norm). For ``"l2"`` the penalty part of a
    step multiplies ``w`` by :math:`1 - 2\eta\alpha` (weight decay). For ``"l1"`` every step
    moves each coordinate by :math:`\eta\alpha` toward 0 and jumps over it: the iterates
    oscillate around 0 and are almost never exactly 0 (compare :func:`proximal_gradient`).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
    alpha : float >= 0
    penalty : {"l1", "l2", None}
    learning_rate : float > 0
        The step size :math:`\eta`.
    n_steps : int >= 0
    w0 : array-like of shape (n_features,), default zeros

    Returns
    -------
    path : ndarray of shape (n_steps + 1, n_features)
        ``path[0] = w0``, ``path[k]`` after k steps. A ``ValueError`` is raised if the
        iterates overflow (a divergent learning rate), rather than returning inf or NaN.

    Examples
    --------
    >>> X = np.eye(2)
    >>> y = np.array([2.0, 0.0])
    >>> gradient_descent(X, y, alpha=0.25, penalty="l2", learning_rate=1.0, n_steps=2)
    array([[0., 0.],
           [1., 0.],
           [1., 0.]])
    """
    X, y, w = _start(X, y, w0)
    alpha = non_negative(alpha, "alpha")
    penalty = _check_penalty(penalty)
    eta = positive(learning_rate, "learning_rate")
    n_steps = integer_at_least(n_steps, "n_steps", 0)
    n_samples = X.shape[0]
    path = np.empty((n_steps + 1, w.size))
    path[0] = w
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(1, n_steps + 1):
            grad = X.T @ (X @ w - y) / n_samples
            if penalty == "l1":
                grad = grad + alpha * l1_subgradient(w)
            elif penalty == "l2":
                grad = grad + alpha * l2_gradient(w)
            w = w - eta * grad
            path[k] = w
            _finite_or_raise(path, k)
    return path


def proximal_gradient(
    X, y, *, alpha: float, learning_rate: float, n_steps: int, w0=None
) -> np.ndarray:
    r"""The whole trajectory of ISTA (proximal gradient) on the Lasso objective, no intercept.

    For :math:`\frac{1}{2n}\|y - Xw\|_2^2 + \alpha\|w\|_1` each step is a gradient step on the
    smooth part followed by soft-thresholding (the proximal operator of :math:`\eta\alpha
    \|\cdot\|_1`, :func:`lib.regularizers.soft_threshold`):

    .. math:: w_{k+1} = S\Big(w_k - \frac{\eta}{n} X^\top(Xw_k - y),\; \eta\alpha\Big).

    Coordinates whose gradient step lands within :math:`\eta\alpha` of 0 become **exactly**
    0. It converges to the Lasso solution for :math:`\eta \le n / \sigma_{\max}(X)^2`.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
    alpha : float >= 0
    learning_rate : float > 0
    n_steps : int >= 0
    w0 : array-like of shape (n_features,), default zeros

    Returns
    -------
    path : ndarray of shape (n_steps + 1, n_features)

    Examples
    --------
    >>> X = np.eye(2)
    >>> y = np.array([2.0, 0.2])
    >>> proximal_gradient(X, y, alpha=0.25, learning_rate=2.0, n_steps=2)
    array([[0. , 0. ],
           [1.5, 0. ],
           [1.5, 0. ]])
    """
    X, y, w = _start(X, y, w0)
    alpha = non_negative(alpha, "alpha")
    eta = positive(learning_rate, "learning_rate")
    n_steps = integer_at_least(n_steps, "n_steps", 0)
    n_samples = X.shape[0]
    path = np.empty((n_steps + 1, w.size))
    path[0] = w
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(1, n_steps + 1):
            z = w - eta * (X.T @ (X @ w - y)) / n_samples
            if not np.all(np.isfinite(z)):
                path[k] = z
                _finite_or_raise(path, k)
            w = soft_threshold(z, eta * alpha)
            path[k] = w
    return path


def penalty_only_step(w, *, penalty: str, alpha: float, learning_rate: float, proximal=False):
    r"""One step on the penalty :math:`\alpha P(w)` alone (no data), elementwise.

    ========  ==============================================  ==============================
    penalty   gradient step (``proximal=False``)              proximal (``proximal=True``)
    ========  ==============================================  ==============================
    ``"l2"``  :math:`w - 2\eta\alpha w = (1-2\eta\alpha)w`      :math:`w / (1 + 2\eta\alpha)`
    ``"l1"``  :math:`w - \eta\alpha\operatorname{sign}(w)`      :math:`S(w, \eta\alpha)`
    ========  ==============================================  ==============================

    :math:`P(w) = \|w\|_2^2` for ``"l2"`` (gradient :math:`2w`), :math:`\|w\|_1` for
    ``"l1"`` (subgradient :math:`\operatorname{sign}(w)`, 0 at 0). The L2 gradient step
    shrinks :math:`|w|` for :math:`0 < 2\eta\alpha < 2`, lands exactly on 0 when
    :math:`2\eta\alpha = 1`, and grows (flipping sign) for :math:`2\eta\alpha > 2`.

    Parameters
    ----------
    w : float or array-like
    penalty : {"l1", "l2"}
    alpha : float >= 0
    learning_rate : float > 0
    proximal : bool, default False

    Returns
    -------
    float or ndarray
        A float for a scalar ``w``, else an array of the shape of ``w``.

    Examples
    --------
    >>> penalty_only_step(1.0, penalty="l2", alpha=0.5, learning_rate=0.1)
    0.9
    >>> penalty_only_step(0.05, penalty="l1", alpha=1.0, learning_rate=0.1)   # jumps over 0
    -0.05
    >>> penalty_only_step(0.05, penalty="l1", alpha=1.0, learning_rate=0.1, proximal=True)
    0.0
    """
    arr = as_float_array(w, "w")
    penalty = _check_penalty(penalty, ("l1", "l2"))
    alpha = non_negative(alpha, "alpha")
    eta = positive(learning_rate, "learning_rate")
    proximal = _flag(proximal, "proximal")
    if penalty == "l2":
        out = arr / (1.0 + 2.0 * eta * alpha) if proximal else (1.0 - 2.0 * eta * alpha) * arr
    elif proximal:
        out = soft_threshold(arr, eta * alpha)
    else:
        out = arr - eta * alpha * l1_subgradient(arr)
    out = out + 0.0  # no -0.0
    return float(out) if out.ndim == 0 else out


def penalty_only_trajectory(
    w0, *, penalty: str, alpha: float, learning_rate: float, n_steps: int, proximal=False
) -> np.ndarray:
    r"""Iterate :func:`penalty_only_step` ``n_steps`` times from ``w0``.

    Returns
    -------
    path : ndarray of shape (n_steps + 1, *w0.shape)
        ``path[k]`` is the value after k steps; for ``"l2"`` (gradient) it is
        :math:`(1 - 2\eta\alpha)^k w_0`.

    Examples
    --------
    >>> penalty_only_trajectory(1.0, penalty="l2", alpha=1.0, learning_rate=0.25, n_steps=3)
    array([1.   , 0.5  , 0.25 , 0.125])
    >>> penalty_only_trajectory(0.25, penalty="l1", alpha=1.0, learning_rate=0.1, n_steps=4)
    array([ 0.25,  0.15,  0.05, -0.05,  0.05])
    """
    w = as_float_array(w0, "w0")
    n_steps = integer_at_least(n_steps, "n_steps", 0)
    path = np.empty((n_steps + 1, *w.shape))
    path[0] = w
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(1, n_steps + 1):
            path[k] = penalty_only_step(
                path[k - 1], penalty=penalty, alpha=alpha, learning_rate=learning_rate,
                proximal=proximal,
            )  # fmt: skip
            _finite_or_raise(path, k)
    return path


# --------------------------------------------------------------------------------------------
# Cross-validation
# --------------------------------------------------------------------------------------------
def kfold_splits(n_samples: int, cv: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """K contiguous folds, as ``sklearn.model_selection.KFold(cv)`` without shuffling.

    The first ``n_samples % cv`` folds hold one sample more than the others.

    Returns
    -------
    list of (train_indices, test_indices)

    Examples
    --------
    >>> [test.tolist() for _, test in kfold_splits(7, 3)]
    [[0, 1, 2], [3, 4], [5, 6]]
    """
    n_samples = integer_at_least(n_samples, "n_samples", 1)
    cv = integer_at_least(cv, "cv", 2)
    if cv > n_samples:
        raise ValueError(f"cv={cv} folds need at least {cv} samples, got {n_samples}")
    sizes = np.full(cv, n_samples // cv)
    sizes[: n_samples % cv] += 1
    edges = np.concatenate([[0], np.cumsum(sizes)])
    idx = np.arange(n_samples)
    return [
        (np.concatenate([idx[:start], idx[stop:]]), idx[start:stop])
        for start, stop in zip(edges[:-1], edges[1:], strict=True)
    ]


class CVResult(NamedTuple):
    """What :func:`cross_validate_alpha` found.

    ``alpha``: the chosen alpha; ``alphas``: the candidates as given; ``mse``: (n_alphas, cv)
    test mean squared error per alpha and fold; ``mean_mse``: (n_alphas,) its mean over the
    folds; ``estimator``: a fresh estimator refitted on all the data with ``alpha``.
    """

    alpha: float
    alphas: np.ndarray
    mse: np.ndarray
    mean_mse: np.ndarray
    estimator: BaseEstimator


def cross_validate_alpha(kind, X, y, alphas, *, cv: int = 5) -> CVResult:
    r"""Choose alpha by K-fold cross-validation (contiguous folds, no shuffling).

    For each fold, the model is fitted on the other folds for every alpha (one
    :func:`ridge_path` / :func:`lasso_path` / :func:`enet_path` call on the centred training
    data, the intercept restored afterwards) and scored by the mean squared error on the
    held-out fold. The chosen alpha minimises the mean over folds; on ties the first one in
    the order of ``alphas`` wins (give them in decreasing order to prefer the simpler model).

    Same folds and alphas as ``LassoCV(alphas=alphas, cv=KFold(cv))`` and
    ``RidgeCV(alphas=alphas, cv=KFold(cv), scoring="neg_mean_squared_error")``, hence the
    same choice. (``RidgeCV``'s default without ``cv`` is leave-one-out, and with ``cv``
    but no ``scoring`` it averages R^2 instead of the MSE.)

    Parameters
    ----------
    kind : {"ridge", "lasso"} or a Ridge, Lasso or ElasticNet instance
        The model; an instance supplies ``fit_intercept`` (and ``l1_ratio``), its ``alpha``
        is ignored.
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
    alphas : array-like of shape (n_alphas,)
    cv : int >= 2, default 5
        Number of folds.

    Returns
    -------
    CVResult
        ``(alpha, alphas, mse, mean_mse, estimator)``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((60, 5))
    >>> _ = rng.standard_normal(60)
    >>> y = X @ np.array([2.0, 0.0, 0.0, -1.0, 0.0]) + 2.0 * rng.standard_normal(60)
    >>> result = cross_validate_alpha("lasso", X, y, [1.0, 0.3, 0.1, 0.03, 0.01], cv=5)
    >>> result.mse.shape, result.alpha
    ((5, 5), 0.3)
    >>> result.estimator.coef_.round(2)   # the chosen Lasso, refitted on all 60 samples
    array([ 1.61,  0.  ,  0.  , -0.96,  0.  ])
    """
    if isinstance(kind, str):
        if kind not in ("ridge", "lasso"):
            raise ValueError(f'kind must be "ridge", "lasso" or an estimator, got {kind!r}')
        model = Ridge() if kind == "ridge" else Lasso()
    elif isinstance(kind, (Ridge, Lasso, ElasticNet)):
        model = kind
    else:
        raise TypeError(
            f"kind must be 'ridge', 'lasso' or a Ridge/Lasso/ElasticNet instance, got {kind!r}"
        )
    X, y = _check_X_y(X, y)
    alphas = _check_alphas(alphas)
    fit_intercept = _flag(model.fit_intercept, "fit_intercept")
    if isinstance(model, Ridge):

        def path(Xt, yt):
            return ridge_path(Xt, yt, alphas)

    elif isinstance(model, Lasso):

        def path(Xt, yt):
            return lasso_path(Xt, yt, alphas)

    else:
        l1_ratio = _unit_interval(model.l1_ratio, "l1_ratio")

        def path(Xt, yt):
            return enet_path(Xt, yt, alphas, l1_ratio=l1_ratio)

    folds = kfold_splits(X.shape[0], cv)
    mse = np.empty((alphas.size, len(folds)))
    for f, (train, test) in enumerate(folds):
        Xc, yc, x_mean, y_mean = _center(X[train], y[train], fit_intercept)
        coefs = path(Xc, yc)  # (n_alphas, n_features)
        pred = X[test] @ coefs.T + (y_mean - coefs @ x_mean)  # (n_test, n_alphas)
        mse[:, f] = np.mean((pred - y[test][:, None]) ** 2, axis=0)
    mean_mse = mse.mean(axis=1)
    best = float(alphas[int(np.argmin(mean_mse))])
    estimator = model.__sklearn_clone__().set_params(alpha=best).fit(X, y)
    return CVResult(best, alphas, mse, mean_mse, estimator)
