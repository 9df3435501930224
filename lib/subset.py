r"""Best subset selection (the L0 reference) and the three estimators of an orthonormal design.

Best subset of size k solves the non-convex problem

.. math:: \min_{w,\,b}\ \|y - Xw - b\|_2^2 \quad\text{subject to}\quad \|w\|_0 \le k,

(:math:`\|w\|_0` = the number of non-zero weights, not a norm) which the Lasso relaxes to the
convex :math:`\|w\|_1`. :func:`best_subset` solves it exactly by trying every support, so
it is a reference for small problems, not a method for large ones.

When the columns of ``X`` are orthonormal (:math:`X^\top X = I`) all three estimators are
explicit functions of the least-squares coefficients :math:`\hat w = X^\top y`
(Hastie, Tibshirani & Friedman, *The Elements of Statistical Learning*, 2nd ed., Table 3.4):
Ridge **scales** them, the Lasso **soft-thresholds** them, best subset **hard-thresholds**
them (:func:`orthonormal_estimates`).
"""

from __future__ import annotations

import itertools
import math
from typing import NamedTuple

import numpy as np

from lib._checks import (
    as_float_array,
    flag,
    integer_at_least,
    matrix_and_target,
    non_negative,
)
from lib.regularizers import soft_threshold

__all__ = ["hard_threshold", "best_subset", "OrthonormalEstimates", "orthonormal_estimates"]

MAX_FEATURES = 25  # 2**25 = 33,554,432 supports over all k; C(25, 12) = 5,200,300 for one k


def hard_threshold(w, t: float) -> np.ndarray:
    r"""Hard-thresholding: keep :math:`w_j` where :math:`|w_j| > t`, set it to 0 otherwise.

    .. math:: H_t(w)_j = w_j\,\mathbb{1}\big(|w_j| > t\big)

    Unlike soft-thresholding (``lib.soft_threshold``), the kept entries are **not** moved
    toward 0; the map jumps at :math:`|w_j| = t`. Entries with :math:`|w_j| = t` become 0.

    Parameters
    ----------
    w : array-like
        Finite values, any shape.
    t : float
        Threshold, ``t >= 0``.

    Returns
    -------
    ndarray of the shape of ``w``

    Examples
    --------
    >>> hard_threshold([3.0, -0.5, 1.0, -2.0], 1.0)
    array([ 3.,  0.,  0., -2.])
    """
    t = non_negative(t, "t")
    w = as_float_array(w, "w")
    return np.where(np.abs(w) > t, w, 0.0)


def best_subset(X, y, k: int, *, fit_intercept: bool = True) -> tuple[np.ndarray, float]:
    r"""Exact best subset of size k: least squares on the best k columns of ``X``.

    Minimises the residual sum of squares over every support :math:`S` of size k,

    .. math:: \min_{|S| = k}\ \min_{w_S,\,b}\ \|y - X_S w_S - b\|_2^2 ,

    by enumerating all :math:`\binom{p}{k}` supports (``itertools.combinations``) and solving
    least squares on each (``numpy.linalg.lstsq``). The intercept :math:`b` is not part of the
    count and is not penalised: with ``fit_intercept`` the columns of ``X`` and ``y`` are
    centred first and :math:`b = \bar y - \bar x_S^\top w_S`. ``k = 0`` gives the mean model
    (:math:`w = 0`, :math:`b = \bar y`), ``k = p`` ordinary least squares.

    Ties: when several supports reach the minimum (within :math:`10^{-10}` of the total sum of
    squares, so that rounding does not decide), the first in the lexicographic order of
    ``itertools.combinations`` is returned. When the chosen columns are linearly dependent
    (k above the rank of ``X``, duplicated columns, :math:`n \le k`) the least-squares weights
    on the support are not unique: the minimum-norm ones are returned (``lstsq``); the residual
    sum of squares is still the exact minimum.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        At most 25 features: there are :math:`2^{p}` supports in all
        (:math:`\binom{25}{12} = 5{,}200{,}300` least-squares fits for one k at p = 25). Each
        fit costs about 0.2 ms on a laptop-class core: :math:`\binom{16}{8} = 12{,}870`
        supports take seconds, :math:`\binom{25}{12}` about a quarter of an hour.
    y : array-like of shape (n_samples,)
    k : int, 0 <= k <= n_features
    fit_intercept : bool, default True

    Returns
    -------
    coef : ndarray of shape (n_features,)
        Zero outside the chosen support.
    intercept : float
        0.0 when ``fit_intercept`` is False.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [1.0, 1.0, 0.0], [0.0, 0.0, 0.0]])
    >>> y = 3.0 * X[:, 1]
    >>> coef, intercept = best_subset(X, y, 1, fit_intercept=False)
    >>> coef, intercept
    (array([0., 3., 0.]), 0.0)
    """
    X, y = matrix_and_target(X, y)
    n_features = X.shape[1]
    if n_features > MAX_FEATURES:
        raise ValueError(
            f"best_subset tries every support: with {n_features} features that is "
            f"2**{n_features} = {2**n_features:,} supports over all k (at most "
            f"C({n_features}, {n_features // 2}) = {math.comb(n_features, n_features // 2):,} "
            f"for one k), too many least-squares fits; only n_features <= {MAX_FEATURES} is "
            "allowed. Use the Lasso path or forward stepwise selection instead"
        )
    k = integer_at_least(k, "k", 0)
    if k > n_features:
        raise ValueError(f"k must be <= n_features = {n_features}, got {k}")
    fit_intercept = flag(fit_intercept, "fit_intercept")
    x_mean = X.mean(axis=0) if fit_intercept else np.zeros(n_features)
    y_mean = float(y.mean()) if fit_intercept else 0.0
    Xc, yc = X - x_mean, y - y_mean

    def fit(support: tuple[int, ...]) -> tuple[np.ndarray, float]:
        w, *_ = np.linalg.lstsq(Xc[:, support], yc, rcond=None)
        residual = yc - Xc[:, support] @ w
        return w, float(residual @ residual)

    supports = list(itertools.combinations(range(n_features), k))
    rss = np.array([fit(s)[1] for s in supports]) if k > 0 else np.array([float(yc @ yc)])
    tolerance = 1e-10 * float(yc @ yc)
    chosen = supports[int(np.argmax(rss <= rss.min() + tolerance))]  # first near-minimum
    coef = np.zeros(n_features)
    if k > 0:
        coef[list(chosen)] = fit(chosen)[0]
    intercept = y_mean - float(x_mean @ coef) if fit_intercept else 0.0
    return coef + 0.0, intercept


class OrthonormalEstimates(NamedTuple):
    """Ridge, Lasso and best-subset coefficients of an orthonormal design, side by side."""

    ridge: np.ndarray
    lasso: np.ndarray
    best_subset: np.ndarray


def orthonormal_estimates(
    w_ls, *, ridge_alpha: float, lasso_alpha: float, k: int, n_samples: int
) -> OrthonormalEstimates:
    r"""The three estimators of ESL Table 3.4 from the least-squares coefficients.

    If the columns of ``X`` are orthonormal, :math:`X^\top X = I` (with an intercept: the
    columns of the **centred** ``X`` are orthonormal), and :math:`\hat w = X^\top y` are the
    least-squares coefficients, then, with the scalings of this book and scikit-learn:

    ===========  ==============================================  ===========================
    estimator    objective                                       coefficients
    ===========  ==============================================  ===========================
    Ridge        :math:`\|y - Xw\|_2^2 + \alpha\|w\|_2^2`           :math:`\hat w/(1 + \alpha)`
    Lasso        :math:`\frac{1}{2n}\|y - Xw\|_2^2 + \alpha\|w\|_1`  :math:`\operatorname{sign}
                                                                    (\hat w)(|\hat w| - n\alpha)_+`
    best subset  :math:`\|y - Xw\|_2^2,\ \|w\|_0 \le k`              :math:`\hat w_j` for the k
                                                                    largest :math:`|\hat w_j|`
    ===========  ==============================================  ===========================

    The Lasso threshold is :math:`n\alpha`, not :math:`\alpha`, because its loss carries the
    factor :math:`1/(2n)` (``lib.Lasso``, ``sklearn.linear_model.Lasso``): the optimality
    condition :math:`\frac1n(w - \hat w) + \alpha s = 0`, :math:`s \in \partial\|w\|_1`, gives
    soft-thresholding at :math:`n\alpha` (ESL, whose Lasso loss is
    :math:`\frac12\|y - Xw\|_2^2`, writes :math:`\lambda`). Best subset keeps the k largest
    :math:`|\hat w_j|` because :math:`\|y - Xw\|_2^2 = \|y - X\hat w\|_2^2 + \|w - \hat w\|_2^2`
    here; it equals ``hard_threshold(w_ls, t)`` with :math:`t` the (k+1)-th largest
    :math:`|\hat w_j|` when there is no tie at that boundary. With a tie (exactly equal
    :math:`|\hat w_j|`), exactly k entries are kept, the tied ones of lowest index first (the
    support :func:`best_subset` returns).

    Parameters
    ----------
    w_ls : array-like of shape (n_features,)
        Least-squares coefficients :math:`X^\top y` of the orthonormal design.
    ridge_alpha : float >= 0
        Ridge strength, scikit-learn scaling (no :math:`1/n`).
    lasso_alpha : float >= 0
        Lasso strength, scikit-learn scaling (loss divided by :math:`2n`).
    k : int, 0 <= k <= n_features
        Size of the best subset.
    n_samples : int >= 1
        Number of rows of ``X`` (only the Lasso threshold :math:`n\alpha` uses it).

    Returns
    -------
    OrthonormalEstimates
        Fields ``ridge``, ``lasso``, ``best_subset``, each of shape (n_features,).

    Examples
    --------
    >>> est = orthonormal_estimates([3.0, -1.0, 0.5], ridge_alpha=1.0, lasso_alpha=0.25,
    ...                             k=1, n_samples=4)
    >>> est.ridge, est.lasso, est.best_subset
    (array([ 1.5 , -0.5 ,  0.25]), array([2., 0., 0.]), array([3., 0., 0.]))
    """
    w_ls = as_float_array(w_ls, "w_ls")
    if w_ls.ndim != 1:
        raise ValueError(f"w_ls must be 1-D of shape (n_features,), got shape {w_ls.shape}")
    ridge_alpha = non_negative(ridge_alpha, "ridge_alpha")
    lasso_alpha = non_negative(lasso_alpha, "lasso_alpha")
    k = integer_at_least(k, "k", 0)
    if k > w_ls.size:
        raise ValueError(f"k must be <= n_features = {w_ls.size}, got {k}")
    n_samples = integer_at_least(n_samples, "n_samples", 1)
    keep = np.argsort(-np.abs(w_ls), kind="stable")[:k]  # ties: lowest index first
    subset = np.zeros_like(w_ls)
    subset[keep] = w_ls[keep]
    return OrthonormalEstimates(
        ridge=w_ls / (1.0 + ridge_alpha),
        lasso=soft_threshold(w_ls, n_samples * lasso_alpha),
        best_subset=subset + 0.0,
    )
