r"""Regularization in modern training: an L2 penalty in the loss vs decoupled weight decay.

A linear model :math:`\hat y = Xw` (no intercept: centre ``X`` and ``y`` first) is trained on
the mean squared error with the factor 1/2,

.. math:: L(w) = \frac{1}{2n}\|y - Xw\|_2^2, \qquad \nabla L(w) = \frac1n X^\top(Xw - y),

in two ways that have the same nominal strength :math:`\lambda`:

* **L2 in the loss** (``l2=λ``): the optimiser sees the gradient of
  :math:`L(w) + \frac{\lambda}{2}\|w\|_2^2`, that is :math:`g = \nabla L(w) + \lambda w`.
* **decoupled weight decay** (``weight_decay=λ``, Loshchilov & Hutter 2019): the optimiser
  sees :math:`g = \nabla L(w)`, and every step also shrinks the weights,
  :math:`w \leftarrow w - \eta\lambda w`, outside the optimiser's rescaling.

For plain (stochastic) gradient descent the two are **the same algorithm**: both steps are
:math:`w \leftarrow (1 - \eta\lambda)w - \eta\nabla L(w)` (:func:`sgd_trajectory`). The
book's penalty :math:`\alpha\|w\|_2^2` (``lib.gradient_descent`` with ``penalty="l2"``) is
this with :math:`\lambda = 2\alpha`, its factor :math:`1 - 2\eta\alpha`. Loshchilov & Hutter
write the decay without the learning rate,
:math:`w \leftarrow (1 - \lambda_{\text{LH}})w - \eta\nabla L`, so their
:math:`\lambda_{\text{LH}} = \eta\lambda`.

For Adam (Kingma & Ba 2015) they differ (:func:`adam_trajectory`): Adam divides each
coordinate of :math:`g` by :math:`\sqrt{\hat v}`, so with L2 in the loss the penalty's gradient
:math:`\lambda w` is divided too, while the decoupled decay is not. The fixed points, when the
iterates converge:

* Adam with L2: the step is 0 where :math:`g = 0`, i.e. :math:`\nabla L(w) + \lambda w = 0`:
  the **ridge** solution :math:`(X^\top X/n + \lambda I)^{-1}X^\top y/n`
  (scikit-learn's ``Ridge(alpha=n*λ, fit_intercept=False)``).
* AdamW: the step is 0 where, per coordinate,
  :math:`\nabla L(w)_j / (\sqrt{\hat v_j} + \varepsilon) + \lambda w_j = 0`, with
  :math:`\hat v_j \to \nabla L(w)_j^2` at a fixed point. This is **not** the ridge solution:
  as :math:`\varepsilon \to 0` it is the optimality (KKT) condition of least squares under the
  box constraint :math:`\|w\|_\infty \le 1/\lambda` (Xie & Li 2024): a coordinate is either
  at :math:`\pm 1/\lambda` or has (almost) zero gradient.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from lib._checks import (
    as_float_array,
    as_generator,
    integer_at_least,
    matrix_and_target,
    non_negative,
    positive,
    real_number,
    storable_steps,
)

__all__ = ["Trajectory", "AdamTrajectory", "sgd_trajectory", "adam_trajectory"]


class Trajectory(NamedTuple):
    """Weights after each step and the data loss at each of them."""

    weights: np.ndarray  # (n_steps + 1, n_features); weights[0] = w0
    losses: np.ndarray  # (n_steps + 1,); L(weights[k]), the data loss without penalty


class AdamTrajectory(NamedTuple):
    """As :class:`Trajectory`, plus Adam's bias-corrected moments at the last step."""

    weights: np.ndarray
    losses: np.ndarray
    m_hat: np.ndarray  # (n_features,); zeros when n_steps = 0
    v_hat: np.ndarray  # (n_features,); zeros when n_steps = 0


# --------------------------------------------------------------------------------------------
# checks shared by both trajectories
# --------------------------------------------------------------------------------------------
def _start(X, y, w0, n_steps) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    X, y = matrix_and_target(X, y)
    n_steps = integer_at_least(n_steps, "n_steps", 0)
    storable_steps(n_steps, X.shape[1] + 1)  # the weights and the loss of each step
    if w0 is None:
        w = np.zeros(X.shape[1])
    else:
        w = as_float_array(w0, "w0")
        if w.shape != (X.shape[1],):
            raise ValueError(f"w0 must have shape ({X.shape[1]},), got {w.shape}")
    return X, y, w.astype(float, copy=True), n_steps


def _batch_size(batch_size, n_samples: int) -> int:
    if batch_size is None:
        return n_samples
    batch_size = integer_at_least(batch_size, "batch_size", 1)
    if batch_size > n_samples:
        raise ValueError(f"batch_size must be <= n_samples = {n_samples}, got {batch_size}")
    return batch_size


def _rows(rng, n_samples: int, batch_size: int) -> np.ndarray | slice:
    """The rows of one step: all of them (full batch) or a fresh sample without replacement."""
    if batch_size == n_samples:
        return slice(None)
    return rng.choice(n_samples, size=batch_size, replace=False)


def _loss(X: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    residual = X @ w - y
    return 0.5 * float(residual @ residual) / y.size


def _record(weights, losses, k, w, X, y) -> None:
    """Store step k; refuse to go on from a non-finite iterate (a divergent step size)."""
    with np.errstate(over="ignore", invalid="ignore"):
        loss = _loss(X, y, w) if np.all(np.isfinite(w)) else np.inf
    if not np.isfinite(loss):
        raise ValueError(
            f"the iterates diverged: the weights or the loss overflowed at step {k}; "
            "use a smaller step (and weight decay with step * weight_decay < 2), or fewer "
            "steps to watch the growth"
        )
    weights[k], losses[k] = w, loss


def _unit_interval_open_right(value, name: str) -> float:
    value = real_number(value, name)
    if not 0.0 <= value < 1.0:
        raise ValueError(f"{name} must be in [0, 1), got {value}")
    return value


# --------------------------------------------------------------------------------------------
# the two optimisers
# --------------------------------------------------------------------------------------------
def sgd_trajectory(
    X,
    y,
    *,
    step: float,
    n_steps: int,
    l2: float = 0.0,
    weight_decay: float = 0.0,
    batch_size: int | None = None,
    rng=0,
    w0=None,
) -> Trajectory:
    r"""(Stochastic) gradient descent on the mean squared error, with L2 and/or weight decay.

    Each step draws a mini-batch :math:`B` of ``batch_size`` rows without replacement (all
    rows, plain gradient descent, when ``batch_size`` is None) and updates

    .. math:: g = \frac{1}{|B|}X_B^\top(X_B w - y_B) + \lambda_2 w, \qquad
              w \leftarrow w - \eta\,g - \eta\,\lambda_{\text{wd}}\,w ,

    with :math:`\lambda_2` = ``l2`` (the gradient of :math:`\frac{\lambda_2}{2}\|w\|_2^2`
    added to the loss) and :math:`\lambda_{\text{wd}}` = ``weight_decay`` (decoupled decay).
    Both give :math:`w \leftarrow (1 - \eta\lambda)w - \eta\nabla L_B(w)`: for SGD, L2 and
    weight decay of the same :math:`\lambda` are the same algorithm (Loshchilov & Hutter 2019,
    Proposition 1, where the decay is written :math:`\lambda_{\text{LH}} = \eta\lambda`).
    With full
    batches and :math:`\lambda = 2\alpha` it is ``lib.gradient_descent(X, y, alpha=α,
    penalty="l2", learning_rate=η, ...)``.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
    step : float > 0
        :math:`\eta`. Full-batch descent converges for :math:`\eta < 2/(L + \lambda)`,
        :math:`L` the largest eigenvalue of :math:`X^\top X/n`.
    n_steps : int >= 0
        At most about 1 GiB of trajectory is stored: (n_steps + 1) x (n_features + 1)
        float64 values.
    l2, weight_decay : float >= 0, default 0
    batch_size : int in [1, n_samples] or None (full batch), default None
    rng : int seed or numpy.random.Generator, default 0
        Draws the mini-batches (unused for full batches).
    w0 : array-like of shape (n_features,), default zeros

    Returns
    -------
    Trajectory
        ``weights`` of shape (n_steps + 1, n_features), ``weights[0] = w0``; ``losses`` of
        shape (n_steps + 1,), :math:`L(w_k) = \frac{1}{2n}\|y - Xw_k\|_2^2` on **all** rows,
        without the penalty. A ``ValueError`` names the step at which the iterates
        overflowed (a divergent step size), rather than returning inf or NaN.

    Examples
    --------
    >>> X = np.array([[1.0], [1.0]])
    >>> y = np.array([2.0, 2.0])
    >>> sgd_trajectory(X, y, step=0.25, n_steps=2, l2=1.0).weights[:, 0]  # w -> (w + 1)/2
    array([0.  , 0.5 , 0.75])
    >>> sgd_trajectory(X, y, step=0.25, n_steps=2, weight_decay=1.0).weights[:, 0]
    array([0.  , 0.5 , 0.75])
    """
    X, y, w, n_steps = _start(X, y, w0, n_steps)
    eta = positive(step, "step")
    l2 = non_negative(l2, "l2")
    weight_decay = non_negative(weight_decay, "weight_decay")
    batch = _batch_size(batch_size, X.shape[0])
    rng = as_generator(rng)
    weights = np.empty((n_steps + 1, w.size))
    losses = np.empty(n_steps + 1)
    _record(weights, losses, 0, w, X, y)
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(1, n_steps + 1):
            rows = _rows(rng, X.shape[0], batch)
            Xb, yb = X[rows], y[rows]
            g = Xb.T @ (Xb @ w - yb) / yb.size + l2 * w
            w = w - eta * g - eta * weight_decay * w
            _record(weights, losses, k, w, X, y)
    return Trajectory(weights, losses)


def adam_trajectory(
    X,
    y,
    *,
    step: float,
    n_steps: int,
    l2: float = 0.0,
    weight_decay: float = 0.0,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
    batch_size: int | None = None,
    rng=0,
    w0=None,
) -> AdamTrajectory:
    r"""Adam (Kingma & Ba 2015) with an L2 penalty in the loss and/or AdamW's weight decay.

    At step :math:`t = 1, 2, \dots`, on a mini-batch :math:`B` (all rows when ``batch_size``
    is None),

    .. math::
        g_t &= \tfrac{1}{|B|}X_B^\top(X_B w_{t-1} - y_B) + \lambda_2\,w_{t-1} \\
        m_t &= \beta_1 m_{t-1} + (1 - \beta_1)\,g_t, \qquad
        v_t = \beta_2 v_{t-1} + (1 - \beta_2)\,g_t^2 \\
        \hat m_t &= m_t/(1 - \beta_1^t), \qquad \hat v_t = v_t/(1 - \beta_2^t) \\
        w_t &= w_{t-1} - \eta\Big(\frac{\hat m_t}{\sqrt{\hat v_t} + \varepsilon}
               + \lambda_{\text{wd}}\,w_{t-1}\Big)

    (squares and roots per coordinate; :math:`m_0 = v_0 = 0`). ``l2`` = :math:`\lambda_2` is
    Adam with the gradient of :math:`\frac{\lambda_2}{2}\|w\|_2^2` in the loss;
    ``weight_decay`` = :math:`\lambda_{\text{wd}}` is AdamW (Loshchilov & Hutter 2019,
    Algorithm 2, with the schedule multiplier folded into :math:`\eta`; the convention of
    PyTorch's ``AdamW``).

    Fixed points (full batch, when the iterates converge; see the module docstring):
    Adam with ``l2=λ`` stops where :math:`\nabla L(w) + \lambda w = 0`, the ridge solution
    :math:`(X^\top X/n + \lambda I)^{-1}X^\top y/n`; AdamW with ``weight_decay=λ`` stops where
    :math:`\hat m/(\sqrt{\hat v} + \varepsilon) + \lambda w = 0` per coordinate, with
    :math:`\hat m \to \nabla L(w)`: least squares under :math:`\|w\|_\infty \le 1/\lambda` as
    :math:`\varepsilon \to 0` (Xie & Li 2024), not ridge. With a constant step the iterates
    need not settle: AdamW's approach the box solution slowly (a distance of about
    :math:`10^{-3}` after 20,000 steps of :math:`\eta = 0.01` in the tests), and Adam with L2,
    once at the ridge solution, leaves it in short bursts, because there :math:`g \to 0`,
    :math:`\hat v` decays and the effective step :math:`\eta/(\sqrt{\hat v} + \varepsilon)`
    grows until the iteration is unstable; it then returns. Plot the loss on a log scale to
    see them.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
    step : float > 0
        :math:`\eta`; each coordinate moves by about :math:`\eta` per step while
        :math:`|\hat m| \approx \sqrt{\hat v}`.
    n_steps : int >= 0
        At most about 1 GiB of trajectory is stored, as in :func:`sgd_trajectory`.
    l2, weight_decay : float >= 0, default 0
    beta1, beta2 : float in [0, 1), default 0.9 and 0.999
    eps : float > 0, default 1e-8
    batch_size : int in [1, n_samples] or None (full batch), default None
    rng : int seed or numpy.random.Generator, default 0
    w0 : array-like of shape (n_features,), default zeros

    Returns
    -------
    AdamTrajectory
        ``weights`` (n_steps + 1, n_features), ``losses`` (n_steps + 1,) as in
        :func:`sgd_trajectory`, and ``m_hat``, ``v_hat`` (n_features,), the bias-corrected
        moments of the last step (to check the fixed-point equations). Divergence is a
        ``ValueError`` naming the step.

    Examples
    --------
    >>> X = np.array([[1.0], [1.0]])
    >>> y = np.array([2.0, 2.0])
    >>> adam_trajectory(X, y, step=0.1, n_steps=3).weights[:, 0].round(3)  # ~eta per step
    array([0.   , 0.1  , 0.2  , 0.299])
    """
    X, y, w, n_steps = _start(X, y, w0, n_steps)
    eta = positive(step, "step")
    l2 = non_negative(l2, "l2")
    weight_decay = non_negative(weight_decay, "weight_decay")
    beta1 = _unit_interval_open_right(beta1, "beta1")
    beta2 = _unit_interval_open_right(beta2, "beta2")
    eps = positive(eps, "eps")
    batch = _batch_size(batch_size, X.shape[0])
    rng = as_generator(rng)
    weights = np.empty((n_steps + 1, w.size))
    losses = np.empty(n_steps + 1)
    _record(weights, losses, 0, w, X, y)
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    m_hat, v_hat = np.zeros_like(w), np.zeros_like(w)
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(1, n_steps + 1):
            rows = _rows(rng, X.shape[0], batch)
            Xb, yb = X[rows], y[rows]
            g = Xb.T @ (Xb @ w - yb) / yb.size + l2 * w
            m = beta1 * m + (1.0 - beta1) * g
            v = beta2 * v + (1.0 - beta2) * g * g
            m_hat = m / (1.0 - beta1**t)
            v_hat = v / (1.0 - beta2**t)
            w = w - eta * (m_hat / (np.sqrt(v_hat) + eps) + weight_decay * w)
            _record(weights, losses, t, w, X, y)
    return AdamTrajectory(weights, losses, m_hat, v_hat)
