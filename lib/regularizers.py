"""Penalties on a weight vector, their (sub)gradients, and the L1 proximal operator.

=================  ======================  ==========================================
penalty            value                   (sub)gradient
=================  ======================  ==========================================
l1_penalty         ||w||_1 = sum |w_j|     sign(w)  (0 at w_j = 0, see l1_subgradient)
l2_penalty         ||w||_2^2 = sum w_j^2   2 w
=================  ======================  ==========================================

The L2 penalty is the **squared** norm, as in Ridge regression and weight decay. A value too
large for float64 (``l2_penalty([1e200])``) raises ``ValueError`` instead of returning inf.
"""

from __future__ import annotations

import math

import numpy as np

from lib._checks import as_float_array, binary_exponent, finite_result, non_negative
from lib.norms import lp_norm

__all__ = ["l1_penalty", "l2_penalty", "l1_subgradient", "l2_gradient", "soft_threshold"]


def l1_penalty(w) -> float:
    r"""L1 penalty :math:`\|w\|_1 = \sum_j |w_j|` (Lasso).

    >>> l1_penalty([1.0, -2.0, 0.0])
    3.0
    """
    return float(lp_norm(as_float_array(w, "w"), p=1))


def l2_penalty(w) -> float:
    r"""Squared L2 penalty :math:`\|w\|_2^2 = \sum_j w_j^2` (Ridge), with no square root.

    >>> l2_penalty([1.0, -2.0, 0.0])
    5.0
    """
    w = as_float_array(w, "w")
    e = binary_exponent(w)  # square w / 2**e, then scale back: exact, and no overflow
    u = np.ldexp(w, -e)
    try:
        return math.ldexp(float((u * u).sum()), 2 * e)
    except OverflowError:
        return finite_result(math.inf, "the squared L2 norm of w")


def l1_subgradient(w) -> np.ndarray:
    r"""A subgradient of :math:`\|w\|_1`: :math:`\operatorname{sign}(w_j)`.

    At :math:`w_j = 0` the penalty has a corner and every value in [-1, 1] is a
    subgradient; this function returns **0** there.

    >>> l1_subgradient([2.0, 0.0, -0.5])
    array([ 1.,  0., -1.])
    """
    return np.sign(as_float_array(w, "w"))


def l2_gradient(w) -> np.ndarray:
    r"""Gradient of :math:`\|w\|_2^2`: :math:`2w`.

    >>> l2_gradient([1.0, -0.5])
    array([ 2., -1.])
    """
    with np.errstate(over="ignore"):
        return finite_result(2.0 * as_float_array(w, "w"), "the gradient 2w")


def soft_threshold(w, t) -> np.ndarray:
    r"""Soft-thresholding, the proximal operator of :math:`t\|\cdot\|_1`.

    .. math:: \operatorname{prox}_{t\|\cdot\|_1}(w)
              = \arg\min_z \tfrac12 \|z - w\|_2^2 + t \|z\|_1
              = \operatorname{sign}(w) \max(|w| - t, 0)

    Entries with :math:`|w_j| \le t` become exactly 0; the others move t toward 0.

    Parameters
    ----------
    w : array-like
        Finite values.
    t : float
        Threshold, ``t >= 0``.

    Examples
    --------
    >>> soft_threshold([3.0, -0.5, 1.0, -2.0], 1.0)
    array([ 2.,  0.,  0., -1.])
    """
    t = non_negative(t, "t")
    w = as_float_array(w, "w")
    return np.sign(w) * np.maximum(np.abs(w) - t, 0.0) + 0.0  # + 0.0 turns -0.0 into 0.0
