r"""Fitting a constant or a line under the L2, L1 and Huber losses, and their influence functions.

Every fit minimises a sum of per-point losses :math:`\rho(r_i)` of the residuals
:math:`r_i = y_i - \hat y_i`:

* ``"l2"``: :math:`\rho(r) = r^2`, influence :math:`\psi(r) = \rho'(r) = 2r` (unbounded);
* ``"l1"``: :math:`\rho(r) = |r|`, influence :math:`\operatorname{sign}(r)`;
* ``"huber"``: :math:`\rho_\delta(r) = \tfrac12 r^2` if :math:`|r| \le \delta`, else
  :math:`\delta(|r| - \tfrac12\delta)`; influence :math:`\operatorname{clip}(r, -\delta, \delta)`.

These are the per-point terms of :func:`lib.losses.sse`, :func:`lib.losses.sae` and
:func:`lib.losses.huber`. A point's pull on the fit is its influence :math:`\psi(r)`: without
bound for L2, at most 1 for L1 and at most :math:`\delta` for Huber, which is why a single
outlier can drag a least-squares fit as far as it likes but moves the other two only a
bounded amount.

The solvers are our own and small (scikit-learn is only used by the tests, as an
oracle):

* **L2** -- least squares, solved directly (:func:`numpy.linalg.lstsq`).
* **L1** -- least absolute deviations by *vertex descent* (a simplex method in the form of
  Barrodale and Roberts): some L1 minimiser passes exactly through ``p`` of the points (``p``
  = number of coefficients); starting from such a fit, each step swaps one of those points
  for another along the edge that lowers :math:`\sum |r_i|` most, found by a weighted median.
  It stops with a certificate of optimality (the subgradient condition), so the result is an
  exact minimiser, not an approximation. (On tied data, where more than ``p`` points lie on
  the fit, the swaps can stall; ties are then broken by perturbing ``y`` by 1e-9 of its
  size, which leaves the objective optimal to that relative accuracy.)
* **Huber** -- Newton's method on the piecewise-quadratic objective with a backtracking line
  search; when fewer than ``p`` residuals are in the quadratic zone it takes an iteratively
  reweighted least squares (IRLS) step with weights :math:`\min(1, \delta/|r_i|)` instead.
  Once the set of points in the quadratic zone is right, a Newton step lands on the exact
  minimiser, so it converges in a handful of steps.

``delta`` is in the units of ``y``: the Huber fit is not scale-invariant.
"""

from __future__ import annotations

import math
import warnings
from typing import NamedTuple

import numpy as np

from lib._checks import (
    as_float_array,
    binary_exponent,
    finite_result,
    integer_at_least,
    matrix_and_target,
    one_of,
    positive,
    same_shape,
    vector,
)
from lib.losses import LOSSES, _huber_rho, huber_psi, total_loss
from lib.norms import lp_norm

__all__ = [
    "LOSSES",
    "LineFit",
    "LinearFit",
    "fit_constant",
    "fit_line",
    "fit_linear",
    "influence",
    "total_loss",  # defined in lib.losses, where every loss lives
    "Fits",
    "fit_all",
    "line_shift",
]


class LineFit(NamedTuple):
    """A fitted line ``y = intercept + slope * x``."""

    intercept: float
    slope: float


class LinearFit(NamedTuple):
    """A fitted linear model ``y = intercept + X @ coef``."""

    intercept: float
    coef: np.ndarray


# ----------------------------------------------------------------------------- influence


def influence(residuals, loss: str, *, delta: float = 1.0) -> np.ndarray:
    r"""Influence function :math:`\psi(r) = \rho'(r)`: how hard a point with residual r pulls.

    The derivative of the per-point loss with respect to the residual:

    .. math:: \psi_{\mathrm{l2}}(r) = 2r, \qquad
              \psi_{\mathrm{l1}}(r) = \operatorname{sign}(r), \qquad
              \psi_{\mathrm{huber}}(r) = \operatorname{clip}(r, -\delta, \delta)

    The L2 influence is :math:`2r` because its per-point loss is :math:`r^2` (as in
    :func:`lib.losses.sse`); Huber's quadratic zone is :math:`\tfrac12 r^2`, so near 0 its
    influence is :math:`r`, half the L2 slope. At :math:`r = 0` the L1 loss has a corner and
    every value in [-1, 1] is a subgradient; this function returns **0** there.

    Parameters
    ----------
    residuals : array-like
        Finite residuals, any shape.
    loss : {"l2", "l1", "huber"}
    delta : float, default 1.0
        Huber threshold, ``delta > 0`` (checked for every loss).

    Returns
    -------
    ndarray of the shape of ``residuals``

    Examples
    --------
    >>> r = [-3.0, -0.5, 0.0, 0.5, 3.0]
    >>> influence(r, "l2").tolist()
    [-6.0, -1.0, 0.0, 1.0, 6.0]
    >>> influence(r, "l1").tolist()
    [-1.0, -1.0, 0.0, 1.0, 1.0]
    >>> influence(r, "huber", delta=1.0).tolist()
    [-1.0, -0.5, 0.0, 0.5, 1.0]
    """
    loss = one_of(loss, "loss", LOSSES)
    delta = positive(delta, "delta")
    r = as_float_array(residuals, "residuals")
    if loss == "l2":
        with np.errstate(over="ignore"):
            return finite_result(2.0 * r, "the L2 influence 2r")
    if loss == "l1":
        return np.sign(r) + 0.0  # + 0.0 turns -0.0 into 0.0
    return huber_psi(r, delta)


# ----------------------------------------------------------------------------- solvers


def _lstsq(A: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.linalg.lstsq(A, y, rcond=None)[0]


def _initial_basis(A: np.ndarray, r: np.ndarray) -> np.ndarray:
    """Indices of p points with the smallest |r| whose rows of A are linearly independent."""
    p = A.shape[1]
    chosen: list[int] = []
    for i in np.argsort(np.abs(r), kind="stable"):
        if np.linalg.matrix_rank(A[chosen + [int(i)]]) == len(chosen) + 1:
            chosen.append(int(i))
            if len(chosen) == p:
                break
    return np.array(chosen)


def _vertex_descent(A: np.ndarray, y: np.ndarray, S: np.ndarray, max_iter: int):
    """Swap basis points while an edge lowers sum |r|; return (S, status).

    ``status`` is ``"optimal"`` (certificate holds), ``"stalled"`` (a degenerate vertex: more
    than p zero residuals, and no edge from this basis descends) or ``"max_iter"``.
    """
    beta = np.linalg.solve(A[S], y[S])
    r = y - A @ beta
    f = total_loss(r, "l1")
    for _ in range(max_iter):
        r[S] = 0.0
        B_inv = np.linalg.inv(A[S])
        v = B_inv.T @ -(A.T @ np.sign(r))
        candidates = np.flatnonzero(np.abs(v) > 1.0 + 1e-9)
        if candidates.size == 0:
            return S, "optimal"
        moved = False
        for j in candidates[np.argsort(-np.abs(v[candidates]), kind="stable")]:
            d = -np.sign(v[j]) * B_inv[:, j]
            c = A @ d
            idx = np.flatnonzero(np.abs(c) > 1e-13 * np.abs(c).max())
            t = r[idx] / c[idx]
            order = np.argsort(t, kind="stable")
            cw = np.cumsum(np.abs(c[idx])[order])
            m = int(np.searchsorted(cw, 0.5 * cw[-1]))  # weighted median of the t_i
            if not t[order[m]] > 0:
                continue
            S_new = S.copy()
            S_new[j] = idx[order[m]]
            try:
                beta_new = np.linalg.solve(A[S_new], y[S_new])
            except np.linalg.LinAlgError:
                continue
            r_new = y - A @ beta_new
            f_new = total_loss(r_new, "l1")
            if f_new < f - 1e-15 * max(f, 1.0):
                S, r, f = S_new, r_new, f_new
                moved = True
                break
        if not moved:
            return S, "stalled"
    return S, "max_iter"


def _lad(A: np.ndarray, y: np.ndarray, max_iter: int) -> np.ndarray:
    r"""Least absolute deviations :math:`\min_\beta \sum_i |y_i - a_i^\top \beta|`.

    Vertex descent. A vertex is a basis S of p points the fit passes through
    (``A[S] @ beta = y[S]``). Moving along the edge that frees basis point j,
    ``beta + t d`` with ``A[S] @ d = s e_j``, changes the objective at rate
    ``s v_j + 1`` where ``v = A[S]^{-T} g`` and ``g = -sum_{i not in S} sign(r_i) a_i``.
    If every ``|v_j| <= 1`` then ``u = -v`` is a subgradient certificate and beta is
    optimal; otherwise the best step along that edge is a weighted median of the points'
    break-points ``t_i = r_i / (a_i . d)`` with weights ``|a_i . d|``, and the point found
    there enters the basis in place of j.

    At a *degenerate* vertex (more than p points exactly on the fit, common with tied or
    integer data) no edge from the current basis may descend although the fit is not
    optimal. Then ties are broken the textbook way: the descent is rerun on
    ``y + eps * xi`` (``xi`` fixed values in [-1, 1], ``eps = 1e-9 (1 + max |y|)``), where
    no such ties exist, and finished on the original ``y`` from the basis found. The result
    is then optimal up to at most ``2 eps sum |xi|`` in the objective.
    """
    n, p = A.shape
    beta = _lstsq(A, y)
    S = _initial_basis(A, y - A @ beta)
    S, status = _vertex_descent(A, y, S, max_iter)
    if status == "stalled":
        xi = np.random.default_rng(0).uniform(-1.0, 1.0, n)  # fixed, not global state
        eps = 1e-9 * (1.0 + np.abs(y).max())
        S, status = _vertex_descent(A, y + eps * xi, S, max_iter)
        if status != "max_iter":
            S, status = _vertex_descent(A, y, S, max_iter)
    if status == "max_iter":
        warnings.warn(
            f"L1 fit did not reach its optimality certificate in max_iter={max_iter} steps; "
            "increase max_iter",
            RuntimeWarning,
            stacklevel=3,
        )
    return np.linalg.solve(A[S], y[S])


def _huber_fit(A: np.ndarray, y: np.ndarray, delta: float, max_iter: int, tol: float):
    r"""Minimise :math:`\sum_i \rho_\delta(y_i - a_i^\top \beta)` (Newton + IRLS fallback)."""
    n, p = A.shape

    def objective(b):
        return float(_huber_rho(y - A @ b, delta).sum())  # the formula of losses.huber_rho

    beta = _lstsq(A, y)
    f = objective(beta)
    for _ in range(max_iter):
        r = y - A @ beta
        psi = np.clip(r, -delta, delta)
        neg_grad = A.T @ psi  # minus the gradient of the objective
        inner = np.abs(r) < delta
        step = None
        if inner.sum() >= p:
            Ai = A[inner]
            H = Ai.T @ Ai  # Hessian of the objective where it is quadratic
            if np.linalg.cond(H) < 1e12:
                step = np.linalg.solve(H, neg_grad)
        if step is None:  # IRLS step: weighted least squares, weights min(1, delta / |r|)
            sw = np.sqrt(np.minimum(1.0, delta / np.maximum(np.abs(r), 1e-300)))
            step = _lstsq(A * sw[:, None], y * sw) - beta
        slope = -float(neg_grad @ step)
        if not slope < 0:
            return beta  # zero gradient: a minimiser
        t = 1.0
        while True:
            f_new = objective(beta + t * step)
            if f_new <= f + 1e-4 * t * slope:
                break
            t *= 0.5
            if t < 1e-12:
                return beta
        beta = beta + t * step
        f = f_new
        if lp_norm(t * step) <= tol * (1.0 + lp_norm(beta)):
            return beta
    warnings.warn(
        f"Huber fit did not converge to tol={tol} in max_iter={max_iter} steps",
        RuntimeWarning,
        stacklevel=3,
    )
    return beta


def _fit(A, y, loss, delta, max_iter, tol) -> np.ndarray:
    """Coefficients minimising sum rho(y - A beta), computed on ``y`` scaled to below 1.

    All three fits are equivariant: scaling ``y`` (and Huber's ``delta``) by ``2**-e`` scales
    the minimiser by the same exact factor. On the scaled problem no residual, square or
    sum can overflow or underflow, whatever the size of ``y`` (1e155 or 1e-300).
    """
    e = binary_exponent(y)
    y = np.ldexp(y, -e)
    if loss == "l2":
        beta = _lstsq(A, y)
    elif loss == "l1":
        beta = _lad(A, y, max_iter)
    else:
        beta = _huber_fit(A, y, _scaled_delta(delta, e), max_iter, tol)
    return np.ldexp(beta, e)


def _scaled_delta(delta: float, e: int) -> float:
    """Huber's ``delta`` in the units of ``y / 2**e``; above 2**500 it acts as infinity."""
    try:
        scaled = math.ldexp(delta, -e)
    except OverflowError:
        return 2.0**500
    if scaled < np.finfo(float).tiny:
        raise ValueError(
            f"delta = {delta:g} is below 2.2e-308 times the largest |y| (about 2**{e}); "
            "the Huber fit cannot resolve it in float64: rescale y or use loss='l1'"
        )
    return min(scaled, 2.0**500)


def _mean(y: np.ndarray) -> float:
    """The mean, computed on ``y / 2**e`` so the sum cannot overflow (exact scaling)."""
    e = binary_exponent(y)
    return math.ldexp(float(np.mean(np.ldexp(y, -e))), e)


# ----------------------------------------------------------------------------- public fits


def fit_constant(y, loss: str = "l2", *, delta: float = 1.0) -> float:
    r"""The constant that best summarises ``y``: :math:`\arg\min_c \sum_i \rho(y_i - c)`.

    * ``"l2"``: :math:`\sum_i (y_i - c)^2`, minimised by the mean;
    * ``"l1"``: :math:`\sum_i |y_i - c|`, minimised by the median (for even n every c between
      the two middle values is a minimiser; this returns their midpoint);
    * ``"huber"``: :math:`\sum_i \rho_\delta(y_i - c)`, minimised by the Huber M-estimate
      of location.

    The Huber estimate solves :math:`\sum_i \operatorname{clip}(y_i - c, -\delta, \delta) = 0`;
    it is found by the Newton/IRLS solver described in the module docstring (once the points
    in the quadratic zone are known, a Newton step lands on the root exactly). It behaves
    like the mean for points within ``delta`` of it and like the median for points farther
    away.

    Parameters
    ----------
    y : array-like of shape (n_samples,)
        Finite values, at least one.
    loss : {"l2", "l1", "huber"}, default "l2"
    delta : float, default 1.0
        Huber threshold in the units of ``y``, ``delta > 0``.

    Returns
    -------
    float

    Examples
    --------
    The point 10 pulls the mean far, the Huber estimate a little (by at most delta's worth
    of influence), the median not at all:

    >>> y = [1.0, 2.0, 3.0, 10.0]
    >>> fit_constant(y, "l2"), fit_constant(y, "l1")
    (4.0, 2.5)
    >>> round(fit_constant(y, "huber", delta=2.0), 12)
    2.666666666667
    """
    loss = one_of(loss, "loss", LOSSES)
    delta = positive(delta, "delta")
    y = vector(y, "y")
    if loss == "l2":
        return _mean(y)
    if loss == "l1":
        middle = np.sort(y)[[(y.size - 1) // 2, y.size // 2]]
        return _mean(middle)  # the median, without overflow in (a + b) / 2
    return float(_fit(np.ones((y.size, 1)), y, "huber", delta, 100, 1e-12)[0])


def fit_linear(
    X, y, loss: str = "l2", *, delta: float = 1.0, max_iter: int = 500, tol: float = 1e-10
) -> LinearFit:
    r"""Linear model with intercept fitted under a loss: :math:`\min_{b,w} \sum_i \rho(r_i)`.

    * ``"l2"``: :math:`\sum_i r_i^2`, least squares, solved by :func:`numpy.linalg.lstsq`;
    * ``"l1"``: :math:`\sum_i |r_i|`, least absolute deviations (median regression), solved
      exactly by vertex descent ending in an optimality certificate;
    * ``"huber"``: :math:`\sum_i \rho_\delta(r_i)`, solved by Newton's method with a line
      search and an IRLS fallback, to ``tol``;

    with :math:`r_i = y_i - b - x_i^\top w`. No penalty is added and no scale is estimated
    (unlike :class:`sklearn.linear_model.HuberRegressor`, which also fits a scale sigma and
    adds ``alpha * ||w||^2``). The L1 minimiser need not be unique; this returns one that
    passes exactly through ``n_features + 1`` of the points.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
    loss : {"l2", "l1", "huber"}, default "l2"
    delta : float, default 1.0
        Huber threshold in the units of ``y``, ``delta > 0``.
    max_iter : int, default 500
        Most vertex swaps (L1) or Newton/IRLS steps (Huber); a ``RuntimeWarning`` says if
        they ran out.
    tol : float, default 1e-10
        Huber stops when a step changes the coefficients by at most
        ``tol * (1 + ||beta||)``, measured on the centred and scaled problem (see Notes).

    Returns
    -------
    LinearFit
        Named tuple ``(intercept, coef)`` with ``coef`` of shape (n_features,).

    Raises
    ------
    ValueError
        NaN/inf, mismatched lengths, fewer than ``n_features + 1`` points, a design
        ``[1, X]`` without full column rank (e.g. a constant feature), ``delta <= 0``, an
        unknown loss, a coefficient or intercept beyond float64.
    TypeError
        Non-numeric input, a loss that is not a string.

    Notes
    -----
    The solvers see ``[1, Z]`` with ``Z`` the centred columns of ``X``, each divided by a
    power of two near its largest entry, and ``y`` (and ``delta``) divided by a power of two:
    the same fits (every loss here is equivariant under these changes), mapped back exactly.
    So a large offset (``x = 1e9 + 0, 1, ...``) passes the rank test, and data of any size
    (1e-300 or 1e300) is fitted without overflow or underflow.

    Examples
    --------
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> b, w = fit_linear(X, [1.0, 3.0, 5.0, 7.0], "l1")
    >>> round(b, 12), w.round(12).tolist()
    (1.0, [2.0])
    """
    loss = one_of(loss, "loss", LOSSES)
    delta = positive(delta, "delta")
    max_iter = integer_at_least(max_iter, "max_iter", 1)
    tol = positive(tol, "tol")
    X, y = matrix_and_target(X, y)
    n, k = X.shape
    if n < k + 1:
        raise ValueError(
            f"need at least n_features + 1 = {k + 1} points to fit an intercept and "
            f"{k} coefficient(s), got {n}"
        )
    # Centre the features and scale each column by a power of two: [1, Z] spans the same
    # fits as [1, X], and its rank test and solvers see numbers near 1 whatever the offset
    # (x = 1e9 + 0, 1, ...) or size of X. The coefficients are mapped back exactly.
    x_mean = np.array([_mean(column) for column in X.T])
    with np.errstate(over="ignore"):
        Xc = finite_result(X - x_mean, "X minus its column means")
    col_exp = np.array([binary_exponent(column) for column in Xc.T])
    Z = np.ldexp(Xc, -col_exp)
    if np.linalg.matrix_rank(Z) < k:
        raise ValueError(
            "the design [1, X] does not have full column rank (a constant or repeated "
            "feature?), so the coefficients are not determined"
        )
    beta = _fit(np.column_stack([np.ones(n), Z]), y, loss, delta, max_iter, tol)
    with np.errstate(over="ignore"):
        coef = finite_result(np.ldexp(beta[1:], -col_exp), "a fitted coefficient")
        intercept = finite_result(beta[0] - float(x_mean @ coef), "the fitted intercept")
    return LinearFit(float(intercept), coef)


def fit_line(
    x, y, loss: str = "l2", *, delta: float = 1.0, max_iter: int = 500, tol: float = 1e-10
) -> LineFit:
    r"""Straight line fitted under a loss: :math:`\min_{a, b} \sum_i \rho(y_i - a - b x_i)`.

    The one-feature case of :func:`fit_linear` (see there for the objectives and methods):
    ``"l2"`` is least squares, ``"l1"`` least absolute deviations (exact; the minimiser may
    be non-unique, and the one returned passes through two of the points), ``"huber"`` the
    Huber regression line with threshold ``delta``.

    Parameters
    ----------
    x, y : array-like of shape (n_samples,)
        Finite values, ``n_samples >= 2``, with at least two distinct ``x``.
    loss : {"l2", "l1", "huber"}, default "l2"
    delta, max_iter, tol
        As in :func:`fit_linear`.

    Returns
    -------
    LineFit
        Named tuple ``(intercept, slope)``.

    Examples
    --------
    One wild point drags least squares but not the L1 or Huber line:

    >>> x = np.arange(6.0)
    >>> y = 2.0 * x + 1.0
    >>> y[5] += 100.0
    >>> [round(v, 6) for v in fit_line(x, y, "l2")]
    [-18.047619, 16.285714]
    >>> [round(v, 6) for v in fit_line(x, y, "l1")]
    [1.0, 2.0]
    >>> [round(v, 6) for v in fit_line(x, y, "huber", delta=1.0)]
    [0.6, 2.3]
    """
    loss = one_of(loss, "loss", LOSSES)
    x = vector(x, "x")
    y = vector(y, "y")
    same_shape(x, y, "x", "y")
    if x.size < 2:
        raise ValueError(f"need at least 2 points to fit a line, got {x.size}")
    if np.ptp(x) == 0:
        raise ValueError("x must contain at least two distinct values to determine a slope")
    b, w = fit_linear(x[:, None], y, loss, delta=delta, max_iter=max_iter, tol=tol)
    return LineFit(b, float(w[0]))


# ----------------------------------------------------------------------------- comparisons


class Fits(NamedTuple):
    """The fits of one data set: three constants and three lines ``(intercept, slope)``."""

    mean: float
    median: float
    huber_constant: float
    least_squares: LineFit
    least_absolute: LineFit
    huber_line: LineFit


def fit_all(x, y, *, delta: float) -> Fits:
    r"""A constant and a line fitted to ``(x, y)`` under each of the L2, L1 and Huber losses.

    The constants minimise :math:`\sum_i \rho(y_i - c)` (:func:`fit_constant`): the mean,
    the median and the Huber estimate; the lines minimise :math:`\sum_i \rho(y_i - a - b
    x_i)` (:func:`fit_line`): least squares, least absolute deviations and the Huber line.

    Parameters
    ----------
    x, y : array-like of shape (n_samples,)
        As in :func:`fit_line`.
    delta : float
        Huber threshold, ``delta > 0``, in the units of ``y``.

    Returns
    -------
    Fits

    Examples
    --------
    >>> f = fit_all([0.0, 1.0, 2.0, 3.0], [0.0, 1.0, 2.0, 7.0], delta=1.0)
    >>> f.mean, f.median, [round(v, 6) for v in f.least_absolute]
    (2.5, 1.5, [0.0, 1.0])
    """
    delta = positive(delta, "delta")
    return Fits(
        fit_constant(y, "l2"),
        fit_constant(y, "l1"),
        fit_constant(y, "huber", delta=delta),
        fit_line(x, y, "l2"),
        fit_line(x, y, "l1"),
        fit_line(x, y, "huber", delta=delta),
    )


def line_shift(line_a, line_b, x_range) -> float:
    r"""Largest vertical distance between two lines ``(intercept, slope)`` over ``x_range``.

    The difference of two lines is a line, so the largest gap over :math:`[lo, hi]` sits at
    an end of the range:

    .. math:: \max_{x \in [lo, hi]} |(a_0 + a_1 x) - (b_0 + b_1 x)|
              = \max_{x \in \{lo, hi\}} |(a_0 - b_0) + (a_1 - b_1) x|

    Parameters
    ----------
    line_a, line_b : array-like of shape (2,)
        ``(intercept, slope)``, e.g. a :class:`LineFit`.
    x_range : array-like of shape (2,)
        ``(lo, hi)`` with ``lo <= hi``.

    Returns
    -------
    float

    Examples
    --------
    >>> line_shift((0.0, 1.0), (1.0, 0.0), (0.0, 3.0))
    2.0
    """
    a = as_float_array(line_a, "line_a")
    b = as_float_array(line_b, "line_b")
    ends = as_float_array(x_range, "x_range")
    for name, arr in (("line_a", a), ("line_b", b), ("x_range", ends)):
        if arr.shape != (2,):
            raise ValueError(f"{name} must have 2 entries, got shape {arr.shape}")
    if ends[0] > ends[1]:
        raise ValueError(f"x_range must be (lo, hi) with lo <= hi, got {tuple(ends)}")
    with np.errstate(over="ignore", invalid="ignore"):
        gaps = np.abs((a[0] - b[0]) + (a[1] - b[1]) * ends)
    return float(finite_result(gaps, "the distance between the lines").max())
