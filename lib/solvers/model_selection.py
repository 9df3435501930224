"""Choosing alpha: K folds, cross-validation along a path, train/test errors along a path."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from lib._checks import integer_at_least
from lib.solvers._validation import _center, _check_alphas, _check_X_y, _flag, _unit_interval
from lib.solvers.coordinate_descent import enet_path
from lib.solvers.homotopy import lasso_path
from lib.solvers.ridge import ridge_path


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
    r"""What :func:`cross_validate_alpha` found.

    ``alpha``: the alpha with the smallest mean CV error; ``alphas``: the candidates as given;
    ``mse``: (n_alphas, cv) test mean squared error per alpha and fold; ``mean_mse``:
    (n_alphas,) its mean over the folds; ``estimator``: a fresh estimator refitted on all the
    data with ``alpha``; ``se_mse``: (n_alphas,) the standard error of ``mean_mse``,
    :math:`\mathrm{sd}(\mathrm{mse}_{k,1..K}) / \sqrt K` with the sample standard deviation
    (``ddof=1``, as glmnet's ``cvsd``); ``alpha_1se``: the **one-standard-error rule**
    (Hastie, Tibshirani & Friedman, *ESL* 2nd ed., §7.10), the largest alpha whose mean error
    is at most ``mean_mse[best] + se_mse[best]``, ``best`` the minimiser: the simplest model
    whose error cannot be told apart from the best one's.
    """

    alpha: float
    alphas: np.ndarray
    mse: np.ndarray
    mean_mse: np.ndarray
    estimator: object
    se_mse: np.ndarray
    alpha_1se: float


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
        ``(alpha, alphas, mse, mean_mse, estimator, se_mse, alpha_1se)``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((60, 5))
    >>> _ = rng.standard_normal(60)
    >>> y = X @ np.array([2.0, 0.0, 0.0, -1.0, 0.0]) + 2.0 * rng.standard_normal(60)
    >>> result = cross_validate_alpha("lasso", X, y, [1.0, 0.3, 0.1, 0.03, 0.01], cv=5)
    >>> result.mse.shape, result.alpha, result.alpha_1se   # 1.0 is more than one SE worse
    ((5, 5), 0.3, 0.3)
    >>> result.estimator.coef_.round(2)   # the chosen Lasso, refitted on all 60 samples
    array([ 1.61,  0.  ,  0.  , -0.96,  0.  ])
    """
    from lib.solvers.estimators import ElasticNet, Lasso, Ridge  # imports scikit-learn

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
    best_index = int(np.argmin(mean_mse))
    best = float(alphas[best_index])
    se_mse = mse.std(axis=1, ddof=1) / np.sqrt(len(folds))
    within = mean_mse <= mean_mse[best_index] + se_mse[best_index]
    alpha_1se = float(np.max(alphas[within]))
    estimator = model.__sklearn_clone__().set_params(alpha=best).fit(X, y)
    return CVResult(best, alphas, mse, mean_mse, estimator, se_mse, alpha_1se)


class PathErrors(NamedTuple):
    """Errors along a path: ``budget`` (n_alphas,) = ||w||_p / ||w_LS||_p, ``train_mse``,
    ``test_mse`` (n_alphas,), ``coefs`` (n_alphas, n_features), ``intercepts`` (n_alphas,)."""

    budget: np.ndarray
    train_mse: np.ndarray
    test_mse: np.ndarray
    coefs: np.ndarray
    intercepts: np.ndarray


def path_errors(kind: str, X_train, y_train, X_test, y_test, alphas) -> PathErrors:
    r"""Train and test mean squared error along a Ridge (``"ridge"``) or Lasso path.

    The path is computed on the centred training data (:func:`lib.solvers.ridge_path` or
    :func:`lib.solvers.lasso_path`, scikit-learn's alpha scaling of each) and the intercept
    restored, :math:`b = \bar y - \bar x^\top w`, as the estimators do. ``budget`` is the
    size of each solution relative to least squares, in the penalty's own norm (L1 for the
    Lasso, L2 for Ridge): 1 is no shrinkage, 0 is all weights 0. Needs
    ``n_samples > n_features`` (least squares must be unique).

    Parameters
    ----------
    kind : {"ridge", "lasso"}
    X_train, X_test : array-like of shape (n_train, n_features), (n_test, n_features)
    y_train, y_test : array-like of shape (n_train,), (n_test,)
    alphas : array-like of shape (n_alphas,)

    Returns
    -------
    PathErrors
        ``(budget, train_mse, test_mse, coefs, intercepts)``, one entry per alpha.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    >>> y = np.array([2.0, 1.0, -2.0, -1.0])
    >>> e = path_errors("lasso", X, y, X, y, [2.0, 0.75, 0.0])
    >>> e.budget.round(4).tolist(), e.coefs[1].round(4).tolist()
    ([0.0, 0.1667, 1.0], [0.5, 0.0])
    """
    if kind not in ("ridge", "lasso"):
        raise ValueError(f'kind must be "ridge" or "lasso", got {kind!r}')
    X_train, y_train = _check_X_y(X_train, y_train)
    X_test, y_test = _check_X_y(X_test, y_test)
    if X_test.shape[1] != X_train.shape[1]:
        raise ValueError(
            f"X_test must have the {X_train.shape[1]} features of X_train, got {X_test.shape[1]}"
        )
    if X_train.shape[0] <= X_train.shape[1]:
        raise ValueError("path_errors needs n_samples > n_features in the training data")
    Xc, yc, x_mean, y_mean = _center(X_train, y_train, True)
    path = ridge_path if kind == "ridge" else lasso_path
    coefs = path(Xc, yc, alphas)
    least_squares = ridge_path(Xc, yc, [0.0])[0]
    p = 2 if kind == "ridge" else 1
    budget = np.linalg.norm(coefs, ord=p, axis=1) / np.linalg.norm(least_squares, ord=p)
    intercepts = y_mean - coefs @ x_mean
    train = np.mean((X_train @ coefs.T + intercepts - y_train[:, None]) ** 2, axis=0)
    test = np.mean((X_test @ coefs.T + intercepts - y_test[:, None]) ** 2, axis=0)
    return PathErrors(budget, train, test, coefs, intercepts)
