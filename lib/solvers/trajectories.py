r"""Update-rule trajectories: how (sub)gradient and proximal steps act, step by step.

For studying how penalties act, not for fitting: every function returns the whole path of
iterates, shape ``(n_steps + 1, n_features)``.
"""

from __future__ import annotations

import numpy as np

from lib._checks import (
    as_float_array,
    integer_at_least,
    non_negative,
    positive,
    storable_steps,
)
from lib.regularizers import l1_subgradient, l2_gradient, soft_threshold
from lib.solvers._validation import _check_X_y, _flag

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


def _empty_path(n_steps: int, shape: tuple[int, ...]) -> np.ndarray:
    """Room for ``n_steps + 1`` iterates, refusing what would not fit in memory."""
    storable_steps(n_steps, int(np.prod(shape, dtype=np.int64)))
    return np.empty((n_steps + 1, *shape))


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
    path = _empty_path(n_steps, w.shape)
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
    path = _empty_path(n_steps, w.shape)
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


def fista(X, y, *, alpha: float, learning_rate: float, n_steps: int, w0=None) -> np.ndarray:
    r"""The whole trajectory of FISTA (accelerated proximal gradient) on the Lasso, no intercept.

    Beck and Teboulle's (2009) acceleration of :func:`proximal_gradient` for
    :math:`F(w) = \frac{1}{2n}\|y - Xw\|_2^2 + \alpha\|w\|_1`: the proximal step is taken
    from an extrapolated point :math:`v_k`,

    .. math::
        w_k = S\Big(v_k - \frac{\eta}{n} X^\top(Xv_k - y),\; \eta\alpha\Big), \quad
        t_{k+1} = \frac{1 + \sqrt{1 + 4t_k^2}}{2}, \quad
        v_{k+1} = w_k + \frac{t_k - 1}{t_{k+1}}(w_k - w_{k-1}),

    with :math:`v_1 = w_0` and :math:`t_1 = 1`. With :math:`\eta = 1/L`,
    :math:`L = \sigma_{\max}(X)^2 / n`, the objective gap after k steps is at most
    :math:`2L\|w_0 - w^*\|^2 / (k+1)^2` (Beck & Teboulle, Theorem 4.4), against
    :math:`L\|w_0 - w^*\|^2 / (2k)` for ISTA. Unlike ISTA, F need not decrease at every step.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
    alpha : float >= 0
    learning_rate : float > 0
        The step size :math:`\eta`; the guarantee needs :math:`\eta \le 1/L`.
    n_steps : int >= 0
    w0 : array-like of shape (n_features,), default zeros

    Returns
    -------
    path : ndarray of shape (n_steps + 1, n_features)
        ``path[0] = w0`` and ``path[k]`` is :math:`w_k` (not the extrapolated point).

    Examples
    --------
    >>> X = np.eye(2)
    >>> y = np.array([2.0, 0.2])
    >>> fista(X, y, alpha=0.25, learning_rate=1.0, n_steps=3).round(4)   # w* = (1.5, 0)
    array([[0.    , 0.    ],
           [0.75  , 0.    ],
           [1.125 , 0.    ],
           [1.3653, 0.    ]])
    """
    X, y, w = _start(X, y, w0)
    alpha = non_negative(alpha, "alpha")
    eta = positive(learning_rate, "learning_rate")
    n_steps = integer_at_least(n_steps, "n_steps", 0)
    n_samples = X.shape[0]
    path = _empty_path(n_steps, w.shape)
    path[0] = w
    v, t = w.copy(), 1.0
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(1, n_steps + 1):
            z = v - eta * (X.T @ (X @ v - y)) / n_samples
            if not np.all(np.isfinite(z)):
                path[k] = z
                _finite_or_raise(path, k)
            w_new = soft_threshold(z, eta * alpha)
            t_new = (1.0 + np.sqrt(1.0 + 4.0 * t * t)) / 2.0
            v = w_new + ((t - 1.0) / t_new) * (w_new - w)
            w, t = w_new, t_new
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
    path = _empty_path(n_steps, w.shape)
    path[0] = w
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(1, n_steps + 1):
            path[k] = penalty_only_step(
                path[k - 1],
                penalty=penalty,
                alpha=alpha,
                learning_rate=learning_rate,
                proximal=proximal,
            )
            _finite_or_raise(path, k)
    return path
