r"""Ridge regression in closed form: one alpha (a linear solve) or a whole path (one SVD).

Objective (scikit-learn's ``Ridge``): :math:`\|y - Xw\|_2^2 + \alpha\|w\|_2^2`, no 1/n.

Accuracy: the path uses the thin SVD of ``X`` itself (as scikit-learn's ``solver="svd"``),
never :math:`X^\top X`, whose condition number is the square of that of ``X``. One alpha uses
a Cholesky solve of :math:`(X^\top X + \alpha I)w = X^\top y` only when LAPACK's condition
estimate shows that this system is well conditioned (:math:`\kappa < 10^8`), and the SVD
otherwise. ``X`` and ``y`` are first divided by powers of two near their largest entries
(exact), so that ``X ~ 1e200`` or ``1e-200`` neither overflows nor underflows.
"""

from __future__ import annotations

import numpy as np

from lib.solvers._validation import _check_alphas, _check_X_y, _pow2_exponent, _unscale

#: largest condition number of X'X + alpha I for which the normal equations are used
_MAX_CONDITION = 1e8


def _ridge_svd(X: np.ndarray, y: np.ndarray, alphas: np.ndarray) -> np.ndarray:
    r"""Rows :math:`w_\alpha = V\,\mathrm{diag}(d/(d^2+\alpha))\,U^\top y`, ``X`` and ``y`` of
    order 1 (already scaled).

    One thin SVD :math:`X = U\mathrm{diag}(d)V^\top` serves every alpha. ``alpha = 0`` rows
    are the minimum-norm least-squares solution, with singular values at or below numpy's
    ``lstsq`` cut-off :math:`\varepsilon\max(n, p)\,d_1` treated as 0. An alpha so large that
    it overflows is handled by the caller.
    """
    n_samples, n_features = X.shape
    coefs = np.zeros((alphas.size, n_features))
    if n_samples == 0 or n_features == 0:
        return coefs
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    c = U.T @ y
    a = alphas[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        factors = np.where(a > 0, s / (s * s + a), 0.0)
        cutoff = np.finfo(float).eps * max(n_samples, n_features) * s[0]
        factors[alphas == 0] = np.where(s > cutoff, 1.0 / s, 0.0)
    return (factors * c) @ Vt


def _ridge_cholesky(X: np.ndarray, y: np.ndarray, alpha: float):
    """Ridge by a Cholesky solve of the primal (or, for n < p, the dual) normal equations;
    ``None`` when that system is too ill-conditioned to be solved accurately this way."""
    from scipy.linalg import LinAlgError, cho_factor, cho_solve, lapack  # estimator path only

    n_samples, n_features = X.shape
    dual = n_samples < n_features
    A = X @ X.T if dual else X.T @ X  # w = X'(XX' + alpha I)^{-1} y  or  (X'X + alpha I) w = X'y
    A[np.diag_indices_from(A)] += alpha
    try:
        factor = cho_factor(A, lower=False)
    except LinAlgError:
        return None
    rcond, info = lapack.dpocon(factor[0], np.linalg.norm(A, 1))
    if info != 0 or rcond * _MAX_CONDITION < 1.0:
        return None
    return X.T @ cho_solve(factor, y) if dual else cho_solve(factor, X.T @ y)


def _ridge_one(X: np.ndarray, y: np.ndarray, alpha: float) -> np.ndarray:
    """Ridge for one alpha: Cholesky when well conditioned, else the SVD (see module doc)."""
    n_samples, n_features = X.shape
    if n_samples == 0 or n_features == 0:
        return np.zeros(n_features)
    x_exp, y_exp = _pow2_exponent(X), _pow2_exponent(y)
    Xs, ys = np.ldexp(X, -x_exp), np.ldexp(y, -y_exp)
    with np.errstate(over="ignore"):
        alpha_s = float(np.ldexp(alpha, -2 * x_exp))  # the penalty on the scaled problem
    if np.isinf(alpha_s):
        # alpha beyond 1e308 times ||X||^2: w = X'y / alpha to full precision
        return _unscale((Xs.T @ ys) / alpha, x_exp + y_exp, "coefficients")
    w = _ridge_cholesky(Xs, ys, alpha_s) if alpha_s > 0 else None
    if w is None:
        w = _ridge_svd(Xs, ys, np.array([alpha_s]))[0]
    return _unscale(w, y_exp - x_exp, "coefficients")


def ridge_path(X, y, alphas) -> np.ndarray:
    r"""Ridge coefficients for many alphas from **one** SVD, without intercept.

    For each alpha, the minimiser of :math:`\|y - Xw\|_2^2 + \alpha\|w\|_2^2` is

    .. math:: w_\alpha = V \operatorname{diag}\!\Big(\frac{d_i}{d_i^2 + \alpha}\Big) U^\top y,
              \qquad X = U \operatorname{diag}(d) V^\top \ \text{(thin SVD)},

    so after one decomposition each alpha costs a (rank x n_features) product. The SVD of
    ``X`` is as accurate as scikit-learn's ``solver="svd"`` also for ill-conditioned ``X``
    (an eigendecomposition of :math:`X^\top X` would square the condition number). It works
    for ``n_samples < n_features`` and collinear columns; ``alpha = 0`` gives the
    minimum-norm least-squares solution.

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
    alphas = _check_alphas(alphas)
    x_exp, y_exp = _pow2_exponent(X), _pow2_exponent(y)
    Xs, ys = np.ldexp(X, -x_exp), np.ldexp(y, -y_exp)  # exact; entries of order 1
    with np.errstate(over="ignore"):
        alphas_s = np.ldexp(alphas, -2 * x_exp)
    huge = np.isinf(alphas_s)
    coefs = np.zeros((alphas.size, X.shape[1]))
    coefs[~huge] = _unscale(_ridge_svd(Xs, ys, alphas_s[~huge]), y_exp - x_exp, "coefficients")
    if np.any(huge):  # alpha beyond 1e308 times ||X||^2: w = X'y / alpha to full precision
        coefs[huge] = _unscale((Xs.T @ ys) / alphas[huge, None], x_exp + y_exp, "coefficients")
    return coefs
