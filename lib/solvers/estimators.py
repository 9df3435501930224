"""The estimators ``Ridge``, ``Lasso`` and ``ElasticNet``: thin scikit-learn-style classes.

This is the only solver module that imports scikit-learn (for ``BaseEstimator`` and the input
validation that makes our estimators pass its estimator checks); the numeric work is done by
:mod:`lib.solvers.ridge` and :mod:`lib.solvers.coordinate_descent`.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.utils.validation import check_is_fitted, validate_data

from lib._checks import as_float_array, integer_at_least, non_negative, positive
from lib.solvers._validation import _center, _flag, _pow2_exponent, _unit_interval, _unscale
from lib.solvers.coordinate_descent import (
    enet_penalties,
    enet_solve,
    warn_not_converged,
)
from lib.solvers.ridge import _ridge_one


class _LinearRegressor(RegressorMixin, BaseEstimator):
    """predict = X @ coef_ + intercept_, for every estimator below."""

    def predict(self, X) -> np.ndarray:
        """Predictions :math:`\\hat y = X w + b` for X of shape (n_samples, n_features)."""
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64)
        return X @ self.coef_ + self.intercept_

    def _validated(self, X, y):
        if X is None:  # scikit-learn would say "got scalar array ... nan"
            raise TypeError("X must be array-like of shape (n_samples, n_features), got None")
        X, y = validate_data(self, X, y, y_numeric=True, dtype=np.float64)
        y = as_float_array(y, "y")  # text y: a TypeError naming y, not numpy's add.reduce
        fit_intercept = _flag(self.fit_intercept, "fit_intercept")
        return _center(X, y, fit_intercept)


class Ridge(_LinearRegressor):
    r"""Ridge regression: least squares with a squared L2 penalty, in closed form.

    Minimises (the objective of ``sklearn.linear_model.Ridge``)

    .. math:: \|y - Xw - b\|_2^2 + \alpha\|w\|_2^2 ,

    with the intercept :math:`b` not penalised: ``X`` and ``y`` are centred, ``w`` solves
    :math:`(X^\top X + \alpha I)w = X^\top y` by Cholesky (or the dual system
    :math:`w = X^\top(XX^\top + \alpha I)^{-1}y` when ``n_samples < n_features``) when
    that system is well conditioned, and by the SVD of ``X`` otherwise (as accurate as
    scikit-learn's ``solver="svd"``; see :mod:`lib.solvers.ridge`), and
    :math:`b = \bar y - \bar x^\top w`. Works for collinear columns;
    ``alpha = 0`` gives the minimum-norm least squares.

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
        x_exp, y_exp = _pow2_exponent(Xc), _pow2_exponent(yc)
        # exact scaling by a power of two (no overflow in X'X); in place on the centred copy
        Xs = np.ldexp(Xc, -x_exp, out=Xc if self.fit_intercept else None)
        ys = np.ldexp(yc, -y_exp)
        l1, l2 = enet_penalties(n_samples, np.array([alpha]), l1_ratio, x_exp, y_exp)
        yty, l1, l2 = float(ys @ ys), float(l1[0]), float(l2[0])
        ws, gap, n_iter, ok = enet_solve(Xs, ys, l1, l2, max_iter, tol)
        if not ok:
            warn_not_converged(
                f"coordinate descent stopped after max_iter={max_iter} sweeps with relative "
                f"duality gap {gap / yty:.3g} > tol={tol}; increase max_iter",
                stacklevel=4,  # warn_not_converged, _fit_cd, fit, the caller
            )
        w = _unscale(ws, y_exp - x_exp, "coefficients")
        with np.errstate(over="ignore"):  # inf only if the objective itself exceeds float64
            gap = float(np.ldexp(gap, 2 * y_exp))
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
    threshold are **exactly** 0.0. The sweeps run on a working set of features (the
    support and the worst violators of the optimality conditions; see
    :func:`lib.solvers.coordinate_descent._enet_working_set`), so wide ``X`` costs no
    ``p x p`` Gram matrix. The result is made exact where that is cheap: a linear solve on
    the support and signs found, and, if the optimality conditions still fail on a working
    set of at most 200 features after 100 sweeps, the homotopy of
    :mod:`lib.solvers.homotopy` (kept only if its objective is lower). Stopping rule: every
    feature meets the optimality conditions to round-off, or else the duality gap is
    ``<= tol * ||y - mean(y)||^2`` (scikit-learn's rule); a ConvergenceWarning means ``tol``
    was not reached within ``max_iter`` sweeps.

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
