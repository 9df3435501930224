r"""Ridge and early stopping as spectral filters on the singular values of ``X``.

Write the (centred) design as :math:`X = U\,\mathrm{diag}(d)\,V^\top` with singular values
:math:`d_1 \ge d_2 \ge \dots \ge d_r \ge 0`, :math:`r = \min(n, p)`, and :math:`u_i` the
columns of :math:`U`. Both Ridge and gradient descent started from 0 give fitted values of the
form

.. math:: \hat y = \sum_{i=1}^{r} f_i\,(u_i^\top y)\,u_i ,

least squares (:math:`f_i = 1` for :math:`d_i > 0`) with the component along each principal
direction multiplied by a **filter factor** :math:`f_i \in [0, 1]`:

=============================  ===============================  ==============================
estimator                      filter factor :math:`f_i`        function
=============================  ===============================  ==============================
Ridge, strength ``alpha``      :math:`d_i^2 / (d_i^2 + \alpha)`  :func:`ridge_shrinkage_factors`
k gradient steps from 0        :math:`1 - (1 - \eta d_i^2)^k`    :func:`gradient_descent_filter`
=============================  ===============================  ==============================

Both are near 0 for small :math:`d_i` and near 1 for large :math:`d_i`: stopping gradient
descent early regularizes like Ridge (Friedman & Popescu 2004; Yao, Rosasco & Caponnetto 2007;
Ali, Kolter & Tibshirani 2019). The filters of Ridge are in Hastie, Tibshirani & Friedman,
*The Elements of Statistical Learning*, 2nd ed., §3.4.1 (eq. 3.47 and the effective degrees of
freedom, eq. 3.50).

Scaling: Ridge here is scikit-learn's ``Ridge`` (and ``lib.Ridge``), which minimises
:math:`\|y - Xw - b\|_2^2 + \alpha\|w\|_2^2` with **no** :math:`1/n`, and with
``fit_intercept=True`` centres the columns of ``X`` (and ``y``) before the penalised fit; the
factors here use the same centring. Singular values at or below numpy's rank tolerance
(``numpy.linalg.matrix_rank``: :math:`d_1 \max(n, p)\,\varepsilon_{\text{machine}}`) are
treated as exactly 0, for instance the direction that centring removes when
:math:`n \le p`.
"""

from __future__ import annotations

import numpy as np

from lib._checks import as_float_array, flag, integer_at_least, non_negative, positive

__all__ = [
    "singular_values",
    "ridge_shrinkage_factors",
    "ridge_effective_dof",
    "gradient_descent_filter",
]


def _check_X(X) -> np.ndarray:
    X = as_float_array(X, "X")
    if X.ndim != 2:
        raise ValueError(
            f"X must be 2-D of shape (n_samples, n_features), got shape {X.shape}; "
            "for a single feature use X.reshape(-1, 1)"
        )
    return X


def singular_values(X, *, fit_intercept: bool = True) -> np.ndarray:
    r"""Singular values :math:`d_1 \ge \dots \ge d_r` of ``X``, centred when ``fit_intercept``.

    :math:`r = \min(n_{\text{samples}}, n_{\text{features}})`. Values at or below numpy's rank
    tolerance :math:`d_1 \max(n, p)\,\varepsilon_{\text{machine}}` are returned as exactly 0,
    so the number of non-zero values is the rank of the (centred) ``X``.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Finite values.
    fit_intercept : bool, default True
        Subtract the column means first, as scikit-learn's ``Ridge`` does.

    Returns
    -------
    d : ndarray of shape (min(n_samples, n_features),)
        In decreasing order.

    Examples
    --------
    >>> X = np.array([[3.0, 0.0], [0.0, 2.0], [0.0, 0.0]])
    >>> singular_values(X, fit_intercept=False)
    array([3., 2.])
    >>> singular_values([[1.0, 2.0], [3.0, 4.0]])   # two samples centred: rank 1
    array([2., 0.])
    """
    X = _check_X(X)
    if flag(fit_intercept, "fit_intercept"):
        X = X - X.mean(axis=0)
    scale = float(np.max(np.abs(X)))
    if scale == 0.0:
        return np.zeros(min(X.shape))
    d = scale * np.linalg.svd(X / scale, compute_uv=False)  # scaled: no overflow in the SVD
    d[d <= d[0] * max(X.shape) * np.finfo(float).eps] = 0.0
    return d


def ridge_shrinkage_factors(X, alpha: float, *, fit_intercept: bool = True) -> np.ndarray:
    r"""Ridge's shrinkage factor :math:`d_i^2 / (d_i^2 + \alpha)` per principal direction.

    Ridge (scikit-learn scaling, :math:`\|y - Xw\|_2^2 + \alpha\|w\|_2^2`, ``X`` centred when
    ``fit_intercept``) multiplies the least-squares component of the fitted values along the
    i-th left singular vector :math:`u_i` by this factor (ESL eq. 3.47):

    .. math:: X\hat w_\alpha = \sum_i u_i \,\frac{d_i^2}{d_i^2 + \alpha}\, u_i^\top y .

    Directions of small variance (small :math:`d_i`) are shrunk most.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    alpha : float >= 0
    fit_intercept : bool, default True

    Returns
    -------
    factors : ndarray of shape (min(n_samples, n_features),)
        In the order of :func:`singular_values` (decreasing :math:`d_i`), each in [0, 1].
        A direction with :math:`d_i = 0` (beyond the rank of ``X``) has factor **0** for
        every alpha, including ``alpha = 0``: there ``y`` has no fitted component (this is the
        limit of :math:`0/(0 + \alpha)` as alpha decreases to 0). With ``alpha = 0`` the other
        factors are 1: least squares.

    Examples
    --------
    >>> X = np.array([[3.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    >>> ridge_shrinkage_factors(X, 1.0, fit_intercept=False)   # 9/10 and 1/2
    array([0.9, 0.5])
    """
    alpha = non_negative(alpha, "alpha")
    d = singular_values(X, fit_intercept=fit_intercept)
    factors = np.zeros_like(d)
    positive_d = d > 0
    with np.errstate(over="ignore", under="ignore"):  # alpha/d^2 may be inf or 0: both fine
        factors[positive_d] = 1.0 / (1.0 + alpha / d[positive_d] ** 2)
    return factors


def ridge_effective_dof(X, alpha: float, *, fit_intercept: bool = True) -> float:
    r"""Effective degrees of freedom of Ridge: the trace of its hat matrix (ESL eq. 3.50).

    .. math:: \mathrm{df}(\alpha) = \operatorname{tr}\big[X(X^\top X + \alpha I)^{-1}X^\top\big]
              = \sum_i \frac{d_i^2}{d_i^2 + \alpha},

    the sum of :func:`ridge_shrinkage_factors`, with ``X`` centred when ``fit_intercept``. It
    falls from the rank of ``X`` (at ``alpha = 0``, least squares) toward 0 as alpha grows.
    This counts the penalised coefficients only: the unpenalised intercept fitted with
    ``fit_intercept=True`` adds 1 more to the trace of the full hat matrix.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    alpha : float >= 0
    fit_intercept : bool, default True

    Returns
    -------
    float

    Examples
    --------
    >>> X = np.array([[3.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    >>> ridge_effective_dof(X, 1.0, fit_intercept=False)   # 0.9 + 0.5
    1.4
    >>> ridge_effective_dof(X, 0.0, fit_intercept=False)   # the rank
    2.0
    """
    return float(ridge_shrinkage_factors(X, alpha, fit_intercept=fit_intercept).sum())


def gradient_descent_filter(
    X, step: float, n_steps: int, *, fit_intercept: bool = True
) -> np.ndarray:
    r"""Filter factors :math:`1 - (1 - \eta d_i^2)^k` of k gradient-descent steps from 0.

    Gradient descent with step :math:`\eta` on the **half sum** of squares (no :math:`1/n`,
    the scaling of scikit-learn's ``Ridge`` loss up to the factor 1/2),

    .. math:: \tfrac12\|y - Xw\|_2^2, \qquad
              w_{j+1} = w_j - \eta\,X^\top(Xw_j - y), \qquad w_0 = 0,

    gives after k steps the fitted values :math:`Xw_k = \sum_i u_i\,[1 - (1 - \eta d_i^2)^k]\,
    u_i^\top y` (``X`` and ``y`` centred when ``fit_intercept``). Compare Ridge's
    :math:`d_i^2/(d_i^2 + \alpha)` (:func:`ridge_shrinkage_factors`): both are small for
    small :math:`d_i` and tend to 1 for large :math:`d_i`, and a larger :math:`\eta k` acts like
    a smaller alpha. Small steps approach gradient flow, whose filter at time
    :math:`t = \eta k` is :math:`1 - e^{-t d_i^2}`; Ali, Kolter & Tibshirani (2019) compare
    it with Ridge at :math:`\alpha = 1/t` (their calibration :math:`\lambda = 1/t`, written in
    this scaling) and bound the risk of gradient flow by 1.69 times that of Ridge at every
    :math:`t`.

    The book's gradient descent (``lib.gradient_descent``) uses the **mean** scaling
    :math:`\frac{1}{2n}\|y - Xw\|_2^2`; its ``learning_rate`` :math:`\eta_{\text{book}}`
    takes the same steps as :math:`\eta = \eta_{\text{book}}/n` here.

    The factors stay in [0, 1] when :math:`\eta \le 1/d_1^2`; they converge to 1 (least
    squares) as k grows when :math:`0 < \eta < 2/d_1^2`, and grow without bound in absolute
    value when :math:`\eta > 2/d_1^2` (divergence). A direction with :math:`d_i = 0` has
    factor 0 for every k.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    step : float > 0
        :math:`\eta`, for the half-sum-of-squares loss above.
    n_steps : int >= 0
        k.
    fit_intercept : bool, default True

    Returns
    -------
    factors : ndarray of shape (min(n_samples, n_features),)
        In the order of :func:`singular_values` (decreasing :math:`d_i`). A ``ValueError`` is
        raised if a factor overflows (a divergent step), rather than returning inf.

    Examples
    --------
    >>> X = np.array([[2.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    >>> gradient_descent_filter(X, 0.125, 2, fit_intercept=False)   # 1 - (1/2)^2, 1 - (7/8)^2
    array([0.75    , 0.234375])
    """
    eta = positive(step, "step")
    k = integer_at_least(n_steps, "n_steps", 0)
    d = singular_values(X, fit_intercept=fit_intercept)
    with np.errstate(over="ignore", invalid="ignore"):
        factors = np.where(d > 0, 1.0 - (1.0 - eta * d**2) ** k, 0.0)
    if not np.all(np.isfinite(factors)):
        raise ValueError(
            f"the filter overflows: step={eta:g} is above the stability bound "
            f"2/d_1^2 = {2.0 / d[0] ** 2:g}, and {k} steps make |1 - step*d_1^2|^k too large "
            "for a float; use a smaller step or fewer steps"
        )
    return factors + 0.0  # + 0.0 turns -0.0 into 0.0
