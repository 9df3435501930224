"""Regression losses on ``(y_true, y_pred)`` and their gradients with respect to ``y_pred``.

With residuals r = y_true - y_pred over n values:

=====  ==========================  ==========================================
name   value                       gradient with respect to y_pred
=====  ==========================  ==========================================
sae    sum |r|        (L1 loss)    -sign(r)          (0 at r = 0)
mae    (1/n) sum |r|               -sign(r) / n      (0 at r = 0)
sse    sum r^2        (L2 loss)    -2 r
mse    (1/n) sum r^2               -2 r / n
rmse   sqrt(mse)                   (not provided: it is not what we minimise)
huber  (1/n) sum rho_delta(r)      -clip(r, -delta, delta) / n
=====  ==========================  ==========================================

The L2 loss is the *squared* L2 norm of the residuals, ``sse = lp_norm(r) ** 2``.
"""

from __future__ import annotations

import numpy as np

from lib._checks import as_float_array, non_negative, same_shape

__all__ = [
    "residuals",
    "sae",
    "mae",
    "sse",
    "mse",
    "rmse",
    "huber",
    "sae_grad",
    "mae_grad",
    "sse_grad",
    "mse_grad",
    "huber_grad",
]


def residuals(y_true, y_pred) -> np.ndarray:
    """Residuals ``r = y_true - y_pred`` after checking both inputs.

    >>> residuals([3, 1], [1, 1])
    array([2., 0.])
    """
    a = as_float_array(y_true, "y_true")
    b = as_float_array(y_pred, "y_pred")
    same_shape(a, b, "y_true", "y_pred")
    return a - b


def sae(y_true, y_pred) -> float:
    r"""Sum of absolute errors (the L1 loss): :math:`\sum_i |y_i - \hat y_i|`.

    >>> sae([1, 2, 3], [1, 0, 6])
    5.0
    """
    return float(np.abs(residuals(y_true, y_pred)).sum())


def mae(y_true, y_pred) -> float:
    r"""Mean absolute error: :math:`\frac1n \sum_i |y_i - \hat y_i|` (the SAE divided by n).

    >>> mae([1, 2, 3], [1, 0, 6])
    1.6666666666666667
    """
    return float(np.abs(residuals(y_true, y_pred)).mean())


def sse(y_true, y_pred) -> float:
    r"""Sum of squared errors (the L2 loss): :math:`\sum_i (y_i - \hat y_i)^2`.

    It is the *squared* L2 norm of the residual vector, with no square root.

    >>> sse([1, 2, 3], [1, 0, 6])
    13.0
    """
    r = residuals(y_true, y_pred)
    return float(r @ r) if r.ndim == 1 else float((r**2).sum())


def mse(y_true, y_pred) -> float:
    r"""Mean squared error: :math:`\frac1n \sum_i (y_i - \hat y_i)^2` (the SSE divided by n).

    >>> mse([1, 2, 3], [1, 0, 6])
    4.333333333333333
    """
    return float((residuals(y_true, y_pred) ** 2).mean())


def rmse(y_true, y_pred) -> float:
    r"""Root mean squared error: :math:`\sqrt{\mathrm{MSE}}`, in the units of y.

    >>> rmse([0, 0], [3, 4])
    3.5355339059327378
    """
    return float(np.sqrt(mse(y_true, y_pred)))


def _huber_rho(r: np.ndarray, delta: float) -> np.ndarray:
    a = np.abs(r)
    return np.where(a <= delta, 0.5 * r**2, delta * (a - 0.5 * delta))


def huber(y_true, y_pred, delta=1.0) -> float:
    r"""Huber loss: the mean of :math:`\rho_\delta(r)` over the residuals, where

    .. math:: \rho_\delta(r) = \tfrac12 r^2 \text{ if } |r| \le \delta, \quad
              \delta\,(|r| - \tfrac12\delta) \text{ otherwise.}

    Quadratic near 0 (like MSE/2), linear in the tails (like delta * MAE). ``delta = 0``
    gives the zero loss's limit 0; use ``delta > 0`` in practice.

    >>> huber([0, 0, 0], [0.5, -2.0, 3.0], delta=1.0)
    1.375
    """
    delta = non_negative(delta, "delta")
    return float(_huber_rho(residuals(y_true, y_pred), delta).mean())


def sae_grad(y_true, y_pred) -> np.ndarray:
    r"""A subgradient of :func:`sae` in ``y_pred``: :math:`\operatorname{sign}(\hat y - y)`.

    At a zero residual the loss has a corner and every value in [-1, 1] is a subgradient;
    this function returns **0** there.

    >>> sae_grad([1, 1, 1], [0, 1, 3])
    array([-1.,  0.,  1.])
    """
    return np.sign(-residuals(y_true, y_pred)) + 0.0  # + 0.0 turns -0.0 into 0.0


def mae_grad(y_true, y_pred) -> np.ndarray:
    r"""A subgradient of :func:`mae` in ``y_pred``: :math:`\operatorname{sign}(\hat y - y)/n`.

    At a zero residual every value in [-1/n, 1/n] is a subgradient; this function returns
    **0** there.

    >>> mae_grad([1, 1, 1, 1], [0, 1, 3, 3])
    array([-0.25,  0.  ,  0.25,  0.25])
    """
    r = residuals(y_true, y_pred)
    return np.sign(-r) / r.size + 0.0  # + 0.0 turns -0.0 into 0.0


def sse_grad(y_true, y_pred) -> np.ndarray:
    r"""Gradient of :func:`sse` with respect to ``y_pred``: :math:`2(\hat y - y)`.

    >>> sse_grad([1, 1], [0, 3])
    array([-2.,  4.])
    """
    return 2.0 * -residuals(y_true, y_pred)


def mse_grad(y_true, y_pred) -> np.ndarray:
    r"""Gradient of :func:`mse` with respect to ``y_pred``: :math:`2(\hat y - y)/n`.

    >>> mse_grad([1, 1], [0, 3])
    array([-1.,  2.])
    """
    r = residuals(y_true, y_pred)
    return -2.0 * r / r.size


def huber_grad(y_true, y_pred, delta=1.0) -> np.ndarray:
    r"""Gradient of :func:`huber` in ``y_pred``: :math:`-\operatorname{clip}(r,-\delta,\delta)/n`.

    The size of each entry never exceeds delta / n: one point's pull is bounded.

    >>> huber_grad([0, 0], [0.5, -3.0], delta=1.0)
    array([ 0.25, -0.5 ])
    """
    delta = non_negative(delta, "delta")
    r = residuals(y_true, y_pred)
    return np.clip(-r, -delta, delta) / r.size
