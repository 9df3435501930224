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

Huber's per-residual function :func:`huber_rho` and its derivative :func:`huber_psi` are
defined here once; :func:`total_loss` sums any of the three per-point losses (it is what the
fits of :mod:`lib.robust` minimise).

Every value is computed on the residuals divided by a power of two near the largest input
(exact, so the rounding is that of the plain formula): squares and sums neither overflow nor
underflow while the result fits in a float64 (``rmse([1e200], [0])`` is 1e200), and a result
beyond the largest float64 raises ``ValueError`` instead of returning inf.
"""

from __future__ import annotations

import math

import numpy as np

from lib._checks import (
    as_float_array,
    binary_exponent,
    finite_result,
    integer_at_least,
    one_of,
    positive,
    real_number,
    same_shape,
    scaled_difference,
    vector,
)

__all__ = [
    "LOSSES",
    "residuals",
    "sae",
    "mae",
    "sse",
    "mse",
    "rmse",
    "huber",
    "huber_rho",
    "huber_psi",
    "total_loss",
    "sae_grad",
    "mae_grad",
    "sse_grad",
    "mse_grad",
    "huber_grad",
    "constant_descent",
]

#: The per-point losses of :func:`total_loss`: squared, absolute, Huber.
LOSSES = ("l2", "l1", "huber")

# ----------------------------------------------------------------------------- scaling


def _checked_pair(y_true, y_pred) -> tuple[np.ndarray, np.ndarray]:
    a = as_float_array(y_true, "y_true")
    b = as_float_array(y_pred, "y_pred")
    same_shape(a, b, "y_true", "y_pred")
    return a, b


def _scaled_residuals(y_true, y_pred) -> tuple[np.ndarray, int]:
    """``(u, e)`` with ``y_true - y_pred = u * 2**e`` and every ``|u| < 1`` (never overflows)."""
    return scaled_difference(*_checked_pair(y_true, y_pred))


def _unscale(value, e: int, what: str) -> float:
    """``value * 2**e`` as a float, or a ValueError saying that ``what`` overflows."""
    try:
        return math.ldexp(float(value), e)
    except OverflowError:
        return finite_result(math.inf, what)


def _sum_rho(u: np.ndarray, e: int, loss: str, delta: float, *, mean: bool, what: str):
    """Sum (or mean) of rho(u * 2**e) over all entries, for rho of ``loss``."""
    reduce = np.mean if mean else np.sum
    if loss == "l1":
        return _unscale(reduce(np.abs(u)), e, what)
    if loss == "l2":
        return _unscale(reduce(u * u), 2 * e, what)
    # huber_rho of r = 2^e u, split by zone so that neither part overflows or underflows:
    # 1/2 r^2 = 2^(2e) (1/2 u^2) and delta (|r| - delta/2) = 2^e delta (|u| - d/2), where
    # d = delta 2^-e is delta in the units of u (exact scalings, as they are powers of 2).
    try:
        d = math.ldexp(delta, -e)
    except OverflowError:
        d = math.inf  # every |u| < 1 is then in the quadratic zone
    a = np.abs(u)
    inner = a <= d
    quadratic = reduce(np.where(inner, 0.5 * u * u, 0.0))
    linear = reduce(np.where(inner, 0.0, a - 0.5 * d))
    return finite_result(
        _unscale(quadratic, 2 * e, what) + _unscale(delta * linear, e, what), what
    )


# ----------------------------------------------------------------------------- values


def residuals(y_true, y_pred) -> np.ndarray:
    """Residuals ``r = y_true - y_pred`` after checking both inputs.

    >>> residuals([3, 1], [1, 1])
    array([2., 0.])
    """
    a, b = _checked_pair(y_true, y_pred)
    with np.errstate(over="ignore"):
        return finite_result(a - b, "y_true - y_pred")


def sae(y_true, y_pred) -> float:
    r"""Sum of absolute errors (the L1 loss): :math:`\sum_i |y_i - \hat y_i|`.

    >>> sae([1, 2, 3], [1, 0, 6])
    5.0
    """
    return _sum_rho(*_scaled_residuals(y_true, y_pred), "l1", 0.0, mean=False, what="sae")


def mae(y_true, y_pred) -> float:
    r"""Mean absolute error: :math:`\frac1n \sum_i |y_i - \hat y_i|` (the SAE divided by n).

    >>> mae([1, 2, 3], [1, 0, 6])
    1.6666666666666667
    """
    return _sum_rho(*_scaled_residuals(y_true, y_pred), "l1", 0.0, mean=True, what="mae")


def sse(y_true, y_pred) -> float:
    r"""Sum of squared errors (the L2 loss): :math:`\sum_i (y_i - \hat y_i)^2`.

    It is the *squared* L2 norm of the residual vector, with no square root.

    >>> sse([1, 2, 3], [1, 0, 6])
    13.0
    """
    return _sum_rho(*_scaled_residuals(y_true, y_pred), "l2", 0.0, mean=False, what="sse")


def mse(y_true, y_pred) -> float:
    r"""Mean squared error: :math:`\frac1n \sum_i (y_i - \hat y_i)^2` (the SSE divided by n).

    >>> mse([1, 2, 3], [1, 0, 6])
    4.333333333333333
    """
    return _sum_rho(*_scaled_residuals(y_true, y_pred), "l2", 0.0, mean=True, what="mse")


def rmse(y_true, y_pred) -> float:
    r"""Root mean squared error: :math:`\sqrt{\mathrm{MSE}}`, in the units of y.

    The residuals are scaled before squaring (as :func:`math.hypot` does), so the RMSE is
    exact wherever it fits in a float64, even when the MSE does not:

    >>> rmse([0, 0], [3, 4])
    3.5355339059327378
    >>> rmse([1e200], [0])
    1e+200
    """
    u, e = _scaled_residuals(y_true, y_pred)
    return _unscale(np.sqrt(np.mean(u * u)), e, "rmse")


def huber_rho(r, delta=1.0) -> np.ndarray:
    r"""Huber's function of one residual, entry by entry (the one definition in ``lib``):

    .. math:: \rho_\delta(r) = \tfrac12 r^2 \text{ if } |r| \le \delta, \quad
              \delta\,(|r| - \tfrac12\delta) \text{ otherwise,}

    with ``delta > 0``. Equal to ``scipy.special.huber(delta, r)``.

    >>> huber_rho([0.5, -2.0, 3.0], delta=1.0)
    array([0.125, 1.5  , 2.5  ])
    """
    delta = positive(delta, "delta")
    r = as_float_array(r, "r", allow_empty=True)
    with np.errstate(over="ignore"):
        return finite_result(_huber_rho(r, delta), "huber_rho")


def _huber_rho(r: np.ndarray, delta: float) -> np.ndarray:
    """The formula of :func:`huber_rho`, without checks (for inner loops on checked data)."""
    a = np.abs(r)
    return np.where(a <= delta, 0.5 * r * r, delta * (a - 0.5 * delta))


def huber_psi(r, delta=1.0) -> np.ndarray:
    r"""The derivative of :func:`huber_rho`, entry by entry:

    .. math:: \psi_\delta(r) = \rho_\delta'(r) = \operatorname{clip}(r, -\delta, \delta)

    >>> huber_psi([0.5, -2.0, 3.0], delta=1.0)
    array([ 0.5, -1. ,  1. ])
    """
    delta = positive(delta, "delta")
    return np.clip(as_float_array(r, "r", allow_empty=True), -delta, delta)


def huber(y_true, y_pred, delta=1.0) -> float:
    r"""Huber loss: the mean of :func:`huber_rho` over the residuals,

    .. math:: \frac1n \sum_i \rho_\delta(y_i - \hat y_i), \qquad
              \rho_\delta(r) = \tfrac12 r^2 \text{ if } |r| \le \delta, \quad
              \delta\,(|r| - \tfrac12\delta) \text{ otherwise.}

    Quadratic near 0 (like MSE/2), linear in the tails (like delta * MAE). ``delta`` must
    be > 0 (at 0 the loss would be identically 0).

    >>> huber([0, 0, 0], [0.5, -2.0, 3.0], delta=1.0)
    1.375
    """
    delta = positive(delta, "delta")
    return _sum_rho(*_scaled_residuals(y_true, y_pred), "huber", delta, mean=True, what="huber")


def total_loss(residuals, loss: str, *, delta: float = 1.0) -> float:
    r"""The objective the fits of :mod:`lib.robust` minimise: :math:`\sum_i \rho(r_i)`.

    .. math:: \text{l2: } \sum_i r_i^2, \qquad \text{l1: } \sum_i |r_i|, \qquad
              \text{huber: } \sum_i \rho_\delta(r_i)

    with :math:`\rho_\delta` of :func:`huber_rho` (a sum, not the mean of :func:`huber`).
    ``delta > 0`` is checked for every loss.

    Examples
    --------
    >>> total_loss([0.5, -2.0, 3.0], "l2"), total_loss([0.5, -2.0, 3.0], "l1")
    (13.25, 5.5)
    >>> total_loss([0.5, -2.0, 3.0], "huber", delta=1.0)
    4.125
    """
    loss = one_of(loss, "loss", LOSSES)
    delta = positive(delta, "delta")
    r = as_float_array(residuals, "residuals")
    e = binary_exponent(r)
    return _sum_rho(np.ldexp(r, -e), e, loss, delta, mean=False, what="total_loss")


# ----------------------------------------------------------------------------- gradients


def _difference(y_true, y_pred) -> np.ndarray:
    """``y_true - y_pred``, where an overflow gives +-inf (kept only for its sign or clip)."""
    a, b = _checked_pair(y_true, y_pred)
    with np.errstate(over="ignore"):
        return a - b


def sae_grad(y_true, y_pred) -> np.ndarray:
    r"""A subgradient of :func:`sae` in ``y_pred``: :math:`\operatorname{sign}(\hat y - y)`.

    At a zero residual the loss has a corner and every value in [-1, 1] is a subgradient;
    this function returns **0** there.

    >>> sae_grad([1, 1, 1], [0, 1, 3])
    array([-1.,  0.,  1.])
    """
    return np.sign(-_difference(y_true, y_pred)) + 0.0  # + 0.0 turns -0.0 into 0.0


def mae_grad(y_true, y_pred) -> np.ndarray:
    r"""A subgradient of :func:`mae` in ``y_pred``: :math:`\operatorname{sign}(\hat y - y)/n`.

    At a zero residual every value in [-1/n, 1/n] is a subgradient; this function returns
    **0** there.

    >>> mae_grad([1, 1, 1, 1], [0, 1, 3, 3])
    array([-0.25,  0.  ,  0.25,  0.25])
    """
    r = _difference(y_true, y_pred)
    return np.sign(-r) / r.size + 0.0  # + 0.0 turns -0.0 into 0.0


def sse_grad(y_true, y_pred) -> np.ndarray:
    r"""Gradient of :func:`sse` with respect to ``y_pred``: :math:`2(\hat y - y)`.

    >>> sse_grad([1, 1], [0, 3])
    array([-2.,  4.])
    """
    u, e = _scaled_residuals(y_true, y_pred)
    with np.errstate(over="ignore"):
        return finite_result(np.ldexp(-2.0 * u, e), "sse_grad")


def mse_grad(y_true, y_pred) -> np.ndarray:
    r"""Gradient of :func:`mse` with respect to ``y_pred``: :math:`2(\hat y - y)/n`.

    >>> mse_grad([1, 1], [0, 3])
    array([-1.,  2.])
    """
    u, e = _scaled_residuals(y_true, y_pred)
    with np.errstate(over="ignore"):
        return finite_result(np.ldexp(-2.0 * u / u.size, e), "mse_grad")


def huber_grad(y_true, y_pred, delta=1.0) -> np.ndarray:
    r"""Gradient of :func:`huber` in ``y_pred``: :math:`-\psi_\delta(r)/n` (see :func:`huber_psi`).

    The size of each entry never exceeds delta / n: one point's pull is bounded.

    >>> huber_grad([0, 0], [0.5, -3.0], delta=1.0)
    array([ 0.25, -0.5 ])
    """
    delta = positive(delta, "delta")
    r = _difference(y_true, y_pred)
    return -np.clip(r, -delta, delta) / r.size + 0.0  # + 0.0 turns -0.0 into 0.0


# ----------------------------------------------------------------------------- descent

#: Most steps :func:`constant_descent` stores (8 bytes each): 10 million, 80 MB.
MAX_STEPS = 10_000_000


def constant_descent(y, loss: str, *, c0: float, learning_rate: float, n_steps: int):
    r"""Iterates of fixed-step (sub)gradient descent on a constant model :math:`\hat y_i = c`.

    .. math:: c_{k+1} = c_k - \eta\, g(c_k), \qquad
              g(c) = \sum_i \frac{\partial L}{\partial \hat y_i}(y, c\mathbf 1)

    (the chain rule: every prediction moves with c), where L is :func:`mae`
    (``loss="mae"``, subgradient :math:`-\frac1n\sum_i \operatorname{sign}(y_i - c)`, from
    :func:`mae_grad`) or :func:`mse` (``loss="mse"``, gradient :math:`-2(\bar y - c)`, from
    :func:`mse_grad`).

    With a fixed step the MAE iterates do not settle: near the median the subgradient keeps
    a size of order 1/n, so they jump back and forth ("chatter"). The MSE iterates are
    :math:`c_k = \bar y + (1 - 2\eta)^k (c_0 - \bar y)`: they converge geometrically for
    ``0 < learning_rate < 1`` and diverge for ``learning_rate > 1`` (a ``ValueError`` once
    they leave float64).

    Parameters
    ----------
    y : array-like of shape (n_samples,)
    loss : {"mae", "mse"}
    c0 : float
        Starting value.
    learning_rate : float
        Step size :math:`\eta > 0`.
    n_steps : int
        Number of steps, ``0 <= n_steps <= MAX_STEPS``.

    Returns
    -------
    ndarray of shape (n_steps + 1,)
        :math:`c_0, c_1, \dots, c_{n\_steps}`.

    Examples
    --------
    >>> constant_descent([0.0, 1.0, 2.0], "mse", c0=4.0, learning_rate=0.25, n_steps=2)
    array([4.  , 2.5 , 1.75])
    >>> constant_descent([0.0, 1.0, 2.0], "mae", c0=1.1, learning_rate=0.6, n_steps=3)
    array([1.1, 0.9, 1.1, 0.9])
    """
    y = vector(y, "y")
    loss = one_of(loss, "loss", ("mae", "mse"))
    c = real_number(c0, "c0")
    if not np.isfinite(c):
        raise ValueError(f"c0 must be finite, got {c}")
    learning_rate = positive(learning_rate, "learning_rate")
    n_steps = integer_at_least(n_steps, "n_steps", 0)
    if n_steps > MAX_STEPS:
        raise ValueError(
            f"n_steps = {n_steps} would store {8 * (n_steps + 1) / 1e9:.3g} GB of iterates; "
            f"at most MAX_STEPS = {MAX_STEPS} are allowed"
        )
    grad = mae_grad if loss == "mae" else mse_grad
    path = np.empty(n_steps + 1)
    path[0] = c
    for k in range(1, n_steps + 1):
        with np.errstate(over="ignore"):
            c = c - learning_rate * float(grad(y, np.full_like(y, c)).sum())
        if not np.isfinite(c):
            raise ValueError(
                f"the iterates diverged beyond float64 at step {k}: learning_rate = "
                f"{learning_rate:g} is too large (the MSE iterates converge only for "
                "learning_rate < 1)"
            )
        path[k] = c
    return path
