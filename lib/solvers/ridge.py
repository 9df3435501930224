r"""Ridge regression in closed form: one alpha (a linear solve) or a whole path (one SVD).

Objective (scikit-learn's ``Ridge``): :math:`\|y - Xw\|_2^2 + \alpha\|w\|_2^2`, no 1/n.
"""

from __future__ import annotations

import numpy as np

from lib.solvers._validation import _check_alphas, _check_X_y


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
    from scipy.linalg import cho_factor, cho_solve  # only the estimator uses it

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
