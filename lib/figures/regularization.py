r"""Figures of the Regularization chapter (``chapters/03_regularization``).

Interactive: :func:`lambda_slider` (``SLIDERS["penalised optimum vs lambda"]``). Static
builders return a pyplot figure; the notebook cell ends with ``plt.show()``. Every number drawn
comes from ``lib`` (:mod:`lib.geometry`, :mod:`lib.solvers`); this module only draws.
"""

from __future__ import annotations

from typing import NamedTuple

import matplotlib.pyplot as plt
import numpy as np

from lib import solvers
from lib.geometry import Quadratic, constrained_optimum, penalized_optimum
from lib.norms import lp_norm
from lib.plots import COLORS, L1_COLOR, L2_COLOR, new_figure
from lib.widgets import SliderFigure, freeze_static_parts

__all__ = [
    "GEOMETRY_LOSS",
    "LAMBDAS",
    "SLIDERS",
    "ball_outline",
    "level_curve",
    "lambda_slider",
    "lambda_readout",
    "plot_same_budget",
    "plot_weight_decay",
    "plot_l1_trajectories",
    "plot_path",
    "plot_errors_vs_shrinkage",
    "PathErrors",
    "path_errors",
]

#: The 2-D least-squares bowl of the geometry figures: correlated features, the
#: unconstrained optimum c = (2.2, 1.0).
GEOMETRY_LOSS = Quadratic(np.array([[1.0, 0.45], [0.45, 0.7]]), np.array([2.2, 1.0]))

#: The slider's lambda values: 0, 0.1, ..., 2.8 (29 values; the L1 optimum reaches 0 at
#: lambda = max|H c| = 2.65).
LAMBDAS = np.round(np.arange(29) * 0.1, 1)


# ------------------------------------------------------------------------------------------
# shapes
# ------------------------------------------------------------------------------------------
def ball_outline(radius: float, p: int, n_points: int = 201) -> tuple[np.ndarray, np.ndarray]:
    """Points ``(x, y)`` on the boundary of the L1 (``p=1``) or L2 (``p=2``) ball of ``radius``.

    >>> x, y = ball_outline(2.0, 1, 5)
    >>> np.round(np.abs(x) + np.abs(y), 12).tolist()
    [2.0, 2.0, 2.0, 2.0, 2.0]
    """
    theta = np.linspace(0.0, 2.0 * np.pi, n_points)
    u = np.column_stack([np.cos(theta), np.sin(theta)])
    u = u / np.sum(np.abs(u) ** p, axis=1, keepdims=True) ** (1.0 / p)
    return radius * u[:, 0], radius * u[:, 1]


def level_curve(q: Quadratic, level: float, n_points: int = 121) -> tuple[np.ndarray, np.ndarray]:
    r"""The ellipse :math:`\{w : L(w) = \ell\}` of a 2-D :class:`~lib.geometry.Quadratic`.

    :math:`w = c + \sqrt{2\ell}\, H^{-1/2} u` for unit vectors :math:`u`.

    >>> q = Quadratic(np.eye(2), [0.0, 0.0])
    >>> x, y = level_curve(q, 0.5, 9)
    >>> np.allclose(x**2 + y**2, 1.0)
    True
    """
    vals, vecs = np.linalg.eigh(q.H)
    theta = np.linspace(0.0, 2.0 * np.pi, n_points)
    u = np.vstack([np.cos(theta), np.sin(theta)])
    pts = q.c[:, None] + np.sqrt(2.0 * max(level, 0.0)) * (vecs @ (u / np.sqrt(vals)[:, None]))
    return pts[0], pts[1]


# ------------------------------------------------------------------------------------------
# the interactive lambda slider
# ------------------------------------------------------------------------------------------
def _fmt(w: np.ndarray) -> str:
    return "(" + ", ".join(f"{v:.3f}" for v in w + 0.0) + ")"


def lambda_readout(lam: float, q: Quadratic = GEOMETRY_LOSS) -> str:
    """The slider's readout for ``lam``: both penalised optima, their norms, corner or not.

    >>> lambda_readout(0.0)
    'λ = 0.0 | L1: w = (2.200, 1.000), |w|₁ = 3.200 | L2: w = (2.200, 1.000), |w|₂ = 2.417'
    """
    w1 = penalized_optimum(q, lam, penalty="l1")
    w2 = penalized_optimum(q, lam, penalty="l2")
    where = ""
    if np.all(w1 == 0.0):
        where = ", at the origin"
    elif np.any(w1 == 0.0):
        where = ", on a corner"
    return (
        f"λ = {lam:.1f} | L1: w = {_fmt(w1)}, |w|₁ = {np.abs(w1).sum():.3f}{where} | "
        f"L2: w = {_fmt(w2)}, |w|₂ = {np.linalg.norm(w2):.3f}"
    )


def lambda_slider(q: Quadratic = GEOMETRY_LOSS, lambdas=LAMBDAS) -> SliderFigure:
    """Both penalised optima as λ grows, each drawn on the ball that passes through it.

    Left: L1 penalty, the diamond :math:`\\|w\\|_1 = \\|w_\\lambda\\|_1`; right: L2 penalty,
    the circle :math:`\\|w\\|_2 = \\|w_\\lambda\\|_2`. On each, the loss contour through the
    optimum touches the ball there: the optimum is the lowest-loss point on that boundary.
    The contours, axes and the whole path of each optimum are painted once
    (:func:`lib.widgets.freeze_static_parts`); a slider step only redraws the ball, the
    contour through the optimum and the point.
    """
    fig, axes = new_figure(6.4, 3.3, dpi=80, ncols=2, sharey=True)
    g = np.linspace(-1.0, 3.2, 120)
    W1, W2 = np.meshgrid(g, g)
    Z = q.grid(W1, W2)
    fine = np.linspace(0.0, float(np.max(lambdas)), 120)
    artists = {}
    for ax, penalty, p, color, style, title in [
        (axes[0], "l1", 1, L1_COLOR, "--", "L1 penalty (Lasso)"),
        (axes[1], "l2", 2, L2_COLOR, "-", "L2 penalty (Ridge)"),
    ]:
        ax.contour(W1, W2, Z, levels=[0.1, 0.4, 0.9, 1.6, 2.5, 3.6], colors="0.75", linewidths=0.8)
        path = np.array([penalized_optimum(q, lam, penalty=penalty) for lam in fine])
        ax.plot(path[:, 0], path[:, 1], color=color, linestyle=":", linewidth=1.2)
        ax.plot(*q.c, "x", color="black", markersize=7)
        ax.annotate("least squares", q.c, textcoords="offset points", xytext=(-40, 8))
        ax.axhline(0, color="0.4", linewidth=0.6)
        ax.axvline(0, color="0.4", linewidth=0.6)
        (ball,) = ax.plot([], [], color=color, linestyle=style)
        (level,) = ax.plot([], [], color="0.3", linestyle="-.", linewidth=1.0)
        (point,) = ax.plot([], [], "o", color=color, markersize=7, markeredgecolor="black")
        ax.set_xlim(-1.0, 3.2)
        ax.set_ylim(-1.0, 2.0)
        ax.set_aspect("equal")
        ax.set_xlabel("$w_1$")
        ax.set_title(title, fontsize=10)
        ax.grid(False)
        artists[penalty] = (ball, level, point, p)
    axes[0].set_ylabel("$w_2$")
    freeze_static_parts(fig, [a for ball, level, point, _ in artists.values()
                              for a in (ball, level, point)])  # fmt: skip

    def update(lam):
        for penalty, (ball, level, point, p) in artists.items():
            w = penalized_optimum(q, lam, penalty=penalty)
            radius = float(lp_norm(w, p=p))
            ball.set_data(*ball_outline(radius, p, 121))
            level.set_data(*level_curve(q, q(w)))
            point.set_data([w[0]], [w[1]])
        return lambda_readout(lam, q)

    return SliderFigure(
        fig,
        update,
        list(lambdas),
        label="λ (penalty strength)",
        format_value=lambda v: f"{v:.1f}",
        alt="Two panels with the same elliptical loss contours around the least-squares point "
        "(2.2, 1.0). Left: a dashed diamond (L1 ball) through the Lasso optimum; right: a solid "
        "circle (L2 ball) through the Ridge optimum; a dash-dot loss contour touches each ball "
        "at its optimum. As lambda grows the L1 optimum slides along the boundary onto the "
        "corner on the w1 axis and then to the origin; the L2 optimum shrinks toward the "
        "origin without reaching an axis.",
    )


SLIDERS = {"penalised optimum vs lambda": lambda_slider}


# ------------------------------------------------------------------------------------------
# static figures
# ------------------------------------------------------------------------------------------
def _boundary_loss(q: Quadratic, budget: float, p: int, n_points: int = 721):
    theta = np.linspace(0.0, 360.0, n_points)
    x, y = ball_outline(budget, p, n_points)
    loss = np.array([q(np.array([a, b])) for a, b in zip(x, y, strict=True)])
    return theta, loss


def plot_same_budget(q: Quadratic = GEOMETRY_LOSS, budget: float = 1.5):
    """Left: contours, L1 diamond and L2 circle of the same ``budget``, the constrained optimum
    on each. Right: the loss along each boundary (by angle), whose minimum is that optimum."""
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(9.0, 4.0), width_ratios=[1.0, 1.2])
    g = np.linspace(-2.0, 3.2, 200)
    W1, W2 = np.meshgrid(g, g)
    ax.contour(W1, W2, q.grid(W1, W2), levels=[0.1, 0.4, 0.9, 1.6, 2.5, 3.6, 4.9],
               colors="0.75", linewidths=0.8)  # fmt: skip
    ax.plot(*q.c, "x", color="black", markersize=8, label="least squares")
    for p, color, style, marker in [(1, L1_COLOR, "--", "s"), (2, L2_COLOR, "-", "o")]:
        w = constrained_optimum(q, budget, norm=p)
        ax.plot(*ball_outline(budget, p), color=color, linestyle=style,
                label=f"L{p} ball, budget {budget:g}")  # fmt: skip
        ax.plot(*level_curve(q, q(w)), color=color, linestyle=":", linewidth=1.2)
        ax.plot(*w, marker, color=color, markeredgecolor="black", markersize=8)
        theta, loss = _boundary_loss(q, budget, p)
        bx.plot(theta, loss, color=color, linestyle=style, label=f"on the L{p} boundary")
        k = int(np.argmin(loss))
        bx.plot(theta[k], loss[k], marker, color=color, markeredgecolor="black", markersize=8)
    ax.axhline(0, color="0.4", linewidth=0.6)
    ax.axvline(0, color="0.4", linewidth=0.6)
    ax.set_xlim(-2.0, 3.2)
    ax.set_ylim(-2.0, 2.4)
    ax.set_aspect("equal")
    ax.grid(False)
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$")
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=2, fontsize=8)
    bx.set_xlabel("position on the boundary (angle from the $w_1$ axis, degrees)")
    bx.set_ylabel("loss $L(w)$")
    bx.set_xticks([0, 90, 180, 270, 360])
    bx.legend(fontsize=9)
    fig.tight_layout()
    return fig


def plot_weight_decay(cases, n_steps: int = 12, w0: float = 1.0):
    """Trajectories of the L2 penalty step w <- (1 - 2 eta lambda) w, one line per case.

    ``cases``: list of ``(label, alpha, learning_rate)``.
    """
    fig, ax = plt.subplots(figsize=(6.4, 4.6))
    styles = ["-", "--", "-.", ":", (0, (5, 1))]
    colors = [COLORS[k] for k in ("blue", "green", "orange", "vermillion", "purple")]
    steps = np.arange(n_steps + 1)
    for i, (label, alpha, eta) in enumerate(cases):
        path = solvers.penalty_only_trajectory(
            w0, penalty="l2", alpha=alpha, learning_rate=eta, n_steps=n_steps
        )
        ax.plot(steps, path, marker="o", markersize=4, linestyle=styles[i % 5],
                color=colors[i % 5], label=label)  # fmt: skip
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylim(-3.0, 3.0)
    ax.set_xlabel("step $k$")
    ax.set_ylabel("$w_k$")
    ax.legend(fontsize=9, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncols=2)
    fig.tight_layout()
    return fig


def plot_l1_trajectories(sub_path, prox_path, index: int, label: str):
    """Coefficient ``index`` along (sub)gradient descent and along ISTA: value and log-size."""
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(9.0, 3.6))
    steps = np.arange(sub_path.shape[0])
    for path, color, style, name in [
        (sub_path, L2_COLOR, "-", "subgradient descent"),
        (prox_path, L1_COLOR, "--", "proximal gradient (ISTA)"),
    ]:
        ax.plot(steps, path[:, index], color=color, linestyle=style, label=name)
        size = np.abs(path[:, index])
        exact = size == 0.0
        bx.semilogy(steps[~exact], size[~exact], color=color, linestyle=style, label=name)
        if np.any(exact):
            first = int(np.argmax(exact))
            bx.axvline(first, color=color, linestyle=style, linewidth=1.0)
            bx.annotate(f"exactly 0 from step {first} on", (first, 0.08), color=color,
                        xycoords=("data", "axes fraction"), textcoords="offset points",
                        xytext=(4, 0), fontsize=9)  # fmt: skip
    ax.axhline(0, color="black", linewidth=0.6)
    ax.set_xlabel("step")
    ax.set_ylabel(f"${label}$")
    ax.legend(fontsize=9, loc="upper right", frameon=True, framealpha=0.9)
    bx.set_xlabel("step")
    bx.set_ylabel(f"$|{label}|$ (log scale; 0 is not drawn)")
    fig.tight_layout()
    return fig


def plot_path(ax, alphas, coefs, names, *, title: str, log: bool = True):
    """One regularization path (``coefs`` (n_alphas, n_features)) against alpha, labelled."""
    styles = ["-", "--", "-.", ":"]
    for j, name in enumerate(names):
        line = ax.plot(alphas, coefs[:, j], linestyle=styles[j % 4], linewidth=1.5)[0]
        ax.annotate(name, (alphas[-1] if log else alphas[0], coefs[-1 if log else 0, j]),
                    color=line.get_color(), fontsize=8, textcoords="offset points",
                    xytext=(3, 0), va="center")  # fmt: skip
    if log:
        ax.set_xscale("log")
        ax.invert_xaxis()
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xlabel("alpha (log scale, decreasing →)")
    ax.set_ylabel("coefficient")
    ax.set_title(title, fontsize=10)


def plot_errors_vs_shrinkage(panels):
    """Train and test MSE against the budget used, for Lasso and Ridge, one panel per data set.

    ``panels``: list of ``(title, curves)`` with ``curves`` a dict
    ``{"lasso": (budget_fraction, train_mse, test_mse), "ridge": (...)}``.
    """
    fig, axes = plt.subplots(1, len(panels), figsize=(9.6, 3.8), sharey=False)
    for ax, (title, curves) in zip(np.atleast_1d(axes), panels, strict=True):
        for kind, color, style in [("lasso", L1_COLOR, "--"), ("ridge", L2_COLOR, "-")]:
            s, train, test = curves[kind]
            name = "Lasso" if kind == "lasso" else "Ridge"
            ax.plot(s, test, color=color, linestyle=style, label=f"{name}: test")
            ax.plot(s, train, color=color, linestyle=style, linewidth=1.0, alpha=0.6,
                    label=f"{name}: train")  # fmt: skip
            k = int(np.argmin(test))
            ax.plot(s[k], test[k], "o", color=color, markeredgecolor="black")
        ax.set_xlabel("budget used, $\\|w\\|_p / \\|w_{LS}\\|_p$")
        ax.set_ylabel("mean squared error")
        ax.set_title(title, fontsize=10)
        ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


# ------------------------------------------------------------------------------------------
# numbers behind the generalisation figure
# ------------------------------------------------------------------------------------------
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

    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    >>> y = np.array([2.0, 1.0, -2.0, -1.0])
    >>> e = path_errors("lasso", X, y, X, y, [2.0, 0.75, 0.0])
    >>> e.budget.round(4).tolist(), e.coefs[1].round(4).tolist()
    ([0.0, 0.1667, 1.0], [0.5, 0.0])
    """
    if kind not in ("ridge", "lasso"):
        raise ValueError(f'kind must be "ridge" or "lasso", got {kind!r}')
    X_train, y_train = np.asarray(X_train, float), np.asarray(y_train, float)
    X_test, y_test = np.asarray(X_test, float), np.asarray(y_test, float)
    if X_train.shape[0] <= X_train.shape[1]:
        raise ValueError("path_errors needs n_samples > n_features in the training data")
    x_mean, y_mean = X_train.mean(axis=0), y_train.mean()
    Xc, yc = X_train - x_mean, y_train - y_mean
    path = solvers.ridge_path if kind == "ridge" else solvers.lasso_path
    coefs = path(Xc, yc, alphas)
    least_squares = solvers.ridge_path(Xc, yc, [0.0])[0]
    p = 2 if kind == "ridge" else 1
    budget = np.linalg.norm(coefs, ord=p, axis=1) / np.linalg.norm(least_squares, ord=p)
    intercepts = y_mean - coefs @ x_mean
    train = np.mean((X_train @ coefs.T + intercepts - y_train[:, None]) ** 2, axis=0)
    test = np.mean((X_test @ coefs.T + intercepts - y_test[:, None]) ** 2, axis=0)
    return PathErrors(budget, train, test, coefs, intercepts)
