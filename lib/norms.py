"""Vector norms and the distances they induce.

The Lp norm of a vector x with n entries is

    ||x||_p = (sum_i |x_i|^p)^(1/p)      for 1 <= p < inf,
    ||x||_inf = max_i |x_i|.

For 0 < p < 1 the same formula is only a *quasi-norm*: the triangle inequality fails, so
:func:`lp_norm` refuses such p and :func:`lp_quasinorm` computes it under a name that says so.
"""

from __future__ import annotations

import numpy as np

from lib._checks import (
    as_float_array,
    as_generator,
    finite_result,
    flag,
    integer_at_least,
    lp_exponent,
    same_shape,
    scaled_difference,
)

__all__ = ["lp_norm", "lp_quasinorm", "lp_distance", "unit_ball", "staircase_path", "path_length"]


# Below this, |x_i|^p of the smaller entries may have underflowed: recompute scaled.
_TINY_SUM = 2.0**-900


def _lp(a: np.ndarray, p: float, axis, keepdims: bool) -> np.ndarray | float:
    absx = np.abs(a)
    if p == np.inf:
        out = absx.max(axis=axis, keepdims=keepdims)
    else:
        largest = absx.max(axis=axis, keepdims=True)
        with np.errstate(over="ignore", under="ignore"):
            total = np.sum(absx if p == 1 else absx**p, axis=axis, keepdims=True)
        # Where |x|^p or the sum overflowed or underflowed, divide by the largest entry first
        # (as hypot and LAPACK's nrm2 do): then no term exceeds 1 and the largest is exactly 1.
        rescale = ~np.isfinite(total) | ((total < _TINY_SUM) & (largest > 0))
        with np.errstate(over="ignore"):
            out = total if p == 1 else total ** (1.0 / p)
            if np.any(rescale):
                scale = np.where(largest > 0, largest, 1.0)
                scaled = np.sum((absx / scale) ** p, axis=axis, keepdims=True) ** (1.0 / p)
                out = np.where(rescale, scale * scaled, out)
        finite_result(out, f"the L{p:g} norm")
        if not keepdims:
            out = np.squeeze(out, axis=axis) if axis is not None else out.reshape(())
    return out[()] if isinstance(out, np.ndarray) and out.ndim == 0 else out


def lp_norm(x, /, p=2, *, axis=None, keepdims=False):
    r"""Lp norm of a vector (or of many vectors along ``axis``).

    .. math:: \|x\|_p = \Big(\sum_i |x_i|^p\Big)^{1/p}, \qquad \|x\|_\infty = \max_i |x_i|

    Parameters
    ----------
    x : array-like
        Finite real numbers. With ``axis=None`` all entries form one vector.
    p : float, default 2
        ``1 <= p <= numpy.inf``. Values ``p < 1`` raise ``ValueError``: they are not norms
        (see :func:`lp_quasinorm`).
    axis : int or tuple of int, optional
        Axis or axes holding the vector entries, as in :func:`numpy.linalg.vector_norm`.
    keepdims : bool, default False
        Keep the reduced axes with length one.

    Returns
    -------
    float or ndarray
        The norm(s), a Python-compatible numpy float when a single vector is reduced.

    Raises
    ------
    ValueError
        ``p < 1``, NaN/inf entries, or an empty array.
    TypeError
        Non-numeric input or a non-numeric ``p``.

    Examples
    --------
    >>> float(lp_norm([3, 4]))
    5.0
    >>> float(lp_norm([3, -4], p=1)), float(lp_norm([3, -4], p=np.inf))
    (7.0, 4.0)
    >>> lp_norm([[3, 4], [1, 0]], axis=1)
    array([5., 1.])
    """
    p = lp_exponent(p, allow_below_one=False)
    return _lp(as_float_array(x, "x"), p, axis, flag(keepdims, "keepdims"))


def lp_quasinorm(x, /, p, *, axis=None, keepdims=False):
    r"""The Lp formula for any ``p > 0``, including the quasi-norms ``0 < p < 1``.

    .. math:: \|x\|_p = \Big(\sum_i |x_i|^p\Big)^{1/p}

    For ``p < 1`` this is *not* a norm: it can violate the triangle inequality.

    Examples
    --------
    >>> a, b = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    >>> float(lp_quasinorm(a + b, p=0.5)), float(lp_quasinorm(a, p=0.5) + lp_quasinorm(b, p=0.5))
    (4.0, 2.0)
    """
    p = lp_exponent(p, allow_below_one=True)
    return _lp(as_float_array(x, "x"), p, axis, flag(keepdims, "keepdims"))


def lp_distance(x, y, /, p=2, *, axis=None):
    r"""Lp distance between two vectors: the norm of their difference.

    .. math:: d_p(x, y) = \|x - y\|_p

    ``x`` and ``y`` must have the same shape (no broadcasting, so a slip in shapes cannot
    silently compute something else).

    Examples
    --------
    >>> float(lp_distance([1, 1], [4, 5]))
    5.0
    >>> float(lp_distance([1, 1], [4, 5], p=1))
    7.0
    """
    p = lp_exponent(p, allow_below_one=False)
    a = as_float_array(x, "x")
    b = as_float_array(y, "y")
    same_shape(a, b, "x", "y")
    u, e = scaled_difference(a, b)  # x - y = u * 2**e, exactly, even where x - y overflows
    with np.errstate(over="ignore"):
        out = np.ldexp(_lp(u, p, axis, False), e)
    finite_result(out, f"the L{p:g} distance between x and y")
    return out[()] if isinstance(out, np.ndarray) and out.ndim == 0 else out


def unit_ball(p, n_points: int = 401) -> np.ndarray:
    r"""Points on the boundary of the 2-D unit ball :math:`\{v : \|v\|_p = 1\}`, for plotting.

    Works for every ``p > 0`` (quasi-norm balls included) and ``p = numpy.inf``. For finite p
    the curve is the superellipse :math:`(\operatorname{sgn}(\cos t)|\cos t|^{2/p},
    \operatorname{sgn}(\sin t)|\sin t|^{2/p})`, which lies exactly on the boundary and puts
    more points where the curve bends. The curve is closed (last point = first point); with
    ``n_points - 1`` divisible by 4 the points on the axes are included.

    Returns
    -------
    ndarray of shape (n_points, 2)

    Examples
    --------
    >>> pts = unit_ball(1, n_points=9)
    >>> np.allclose(np.abs(pts).sum(axis=1), 1)
    True
    >>> unit_ball(np.inf, n_points=5).round(6).tolist()
    [[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0], [1.0, 0.0]]
    """
    p = lp_exponent(p, allow_below_one=True)
    n_points = integer_at_least(n_points, "n_points", 5)  # 5: a closed curve through 4 axis points
    t = np.linspace(0.0, 2.0 * np.pi, n_points)
    c, s = np.cos(t), np.sin(t)
    # Exact zeros on the axes, so the points at t = k pi/2 land exactly on them.
    c[np.isclose(c, 0, atol=1e-12)] = 0.0
    s[np.isclose(s, 0, atol=1e-12)] = 0.0
    if p == np.inf:
        pts = np.column_stack([c, s]) / np.maximum(np.abs(c), np.abs(s))[:, None]
    else:
        pts = np.column_stack(
            [np.sign(c) * np.abs(c) ** (2.0 / p), np.sign(s) * np.abs(s) ** (2.0 / p)]
        )
    pts[-1] = pts[0]
    return pts


def staircase_path(a, b, n_blocks, rng) -> np.ndarray:
    r"""A random monotone path from ``a`` to ``b`` made of axis-aligned blocks.

    Axis ``i`` is crossed in ``n_blocks[i]`` equal blocks of length
    :math:`(b_i - a_i) / n_i`; the order of all blocks is a random shuffle, so every call
    gives another route through the same street grid. Each move changes one coordinate only,
    always in the direction of ``b``, so the Euclidean length of every such path is
    :math:`\sum_i |b_i - a_i| = \|b - a\|_1`.

    Parameters
    ----------
    a, b : array-like of shape (n,)
        Start and end point (finite numbers).
    n_blocks : int or sequence of int
        Blocks per axis (the same for every axis if an int); each must be >= 1.
    rng : numpy.random.Generator or int
        Source of the random order (a seed >= 0 is accepted; ``None`` is refused, so a figure
        is the same on every run).

    Returns
    -------
    ndarray of shape (sum(n_blocks) + 1, n)
        The corners of the path, from ``a`` to ``b``.

    Raises
    ------
    ValueError
        ``a`` and ``b`` not vectors of one length, ``n_blocks`` not integers >= 1 (one per
        axis), or a negative seed.
    TypeError
        ``rng`` neither an integer seed nor a Generator.

    Examples
    --------
    >>> path = staircase_path([0, 0], [3, 2], n_blocks=[3, 2], rng=0)
    >>> path[0].tolist(), path[-1].tolist(), len(path)
    ([0.0, 0.0], [3.0, 2.0], 6)
    >>> bool(np.all(np.count_nonzero(np.diff(path, axis=0), axis=1) == 1))
    True
    """
    a = as_float_array(a, "a")
    b = as_float_array(b, "b")
    if a.shape != b.shape or a.ndim != 1:
        raise ValueError(f"a and b must be vectors of the same length, got {a.shape}, {b.shape}")
    raw = np.asarray(n_blocks)
    if not np.issubdtype(raw.dtype, np.integer) or raw.ndim > 1 or raw.size not in (1, a.size):
        raise ValueError(
            f"n_blocks must be an integer or {a.size} integers (one per axis), got {n_blocks!r}"
        )
    blocks = np.broadcast_to(raw, a.shape)
    if np.any(blocks < 1):
        raise ValueError(f"n_blocks must be integers >= 1, got {n_blocks!r}")
    rng = as_generator(rng)
    axes = rng.permutation(np.repeat(np.arange(a.size), blocks))
    moves = np.zeros((axes.size, a.size))
    moves[np.arange(axes.size), axes] = ((b - a) / blocks)[axes]
    return np.vstack([a, a + np.cumsum(moves, axis=0)])


def path_length(points, p=2) -> float:
    r"""Length of the polyline through ``points``: the sum of the Lp lengths of its segments.

    .. math:: \operatorname{length}_p(x_0, \dots, x_k) = \sum_{j=1}^{k} \|x_j - x_{j-1}\|_p

    With the default p = 2 this is the ordinary (Euclidean) length of the drawn path.

    Parameters
    ----------
    points : array-like of shape (k, n)
        The corners in order, k >= 1 (a single point has length 0).
    p : float, default 2
        ``1 <= p <= numpy.inf``, as in :func:`lp_norm`.

    Examples
    --------
    >>> path_length([[0, 0], [3, 0], [3, 4]]), path_length([[0, 0], [3, 4]])
    (7.0, 5.0)
    >>> path_length([[0, 0], [3, 0], [3, 4]], p=np.inf)
    7.0
    """
    p = lp_exponent(p, allow_below_one=False)
    pts = as_float_array(points, "points")
    if pts.ndim != 2:
        raise ValueError(f"points must have shape (k, n), one point per row, got {pts.shape}")
    if len(pts) == 1:
        return 0.0
    return float(np.sum(_lp(np.diff(pts, axis=0), p, 1, False)))
