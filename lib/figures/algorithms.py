r"""Figures of the page *Algorithms* (``chapters/03_regularization/algorithms.ipynb``).

Every builder takes numbers the notebook computed with :mod:`lib.solvers` and only draws them;
it returns a pyplot figure, and the notebook cell ends with ``plt.show()``. Sizes: 6.4 inches
(640 px) wide and text of at least 10 points, so that the smallest text is at least 10 px in
the page column at a 1280-px window (about 700 px) and 7.5 px on a 390-px phone (358 px);
two-panel figures are stacked, not side by side.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from lib.i18n import t
from lib.plots import COLORS, L1_COLOR, L2_COLOR

__all__ = [
    "plot_weight_decay",
    "plot_step_size_bound",
    "plot_kink",
    "plot_l1_chatter",
    "plot_convergence_rates",
]

_STYLES = ["-", "--", "-.", ":", (0, (5, 1))]
_COLORS = [COLORS[k] for k in ("blue", "green", "orange", "vermillion", "purple")]


def plot_weight_decay(paths):
    r"""Trajectories of the L2 penalty step alone, one line per ``(label, path)`` in ``paths``.

    ``path[k]`` is the weight after k steps (from ``lib.solvers.penalty_only_trajectory``):
    :math:`w_k = (1 - 2\eta\lambda)^k w_0`.

    >>> fig = plot_weight_decay([("2ηλ = 1", np.array([1.0, 0.0, 0.0]))])
    >>> fig.axes[0].get_lines()[0].get_ydata().tolist()
    [1.0, 0.0, 0.0]
    >>> plt.close(fig)
    """
    fig, ax = plt.subplots(figsize=(6.4, 4.6))
    for i, (label, path) in enumerate(paths):
        ax.plot(
            np.arange(len(path)),
            path,
            marker="o",
            markersize=4,
            linestyle=_STYLES[i % 5],
            color=_COLORS[i % 5],
            label=label,
        )
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylim(-3.0, 3.0)
    ax.set_xlabel(t("step $k$"))
    ax.set_ylabel("$w_k$")
    ax.legend(fontsize=10, loc="upper center", bbox_to_anchor=(0.5, -0.15), ncols=2)
    fig.tight_layout()
    return fig


def plot_step_size_bound(distances, bound: float):
    r"""Distance to the Ridge solution against the step, one line per learning rate.

    ``distances``: list of ``(eta, array)`` with ``array[k]`` = ``||w_k - w*||``; ``bound`` is
    the stability bound :math:`2/(L + 2\lambda)`, quoted in the legend labels.

    >>> fig = plot_step_size_bound([(0.9, np.array([1.0, 2.0, 4.0]))], bound=0.8)
    >>> fig.axes[0].get_lines()[0].get_label()
    'η = 0.900 (1.12 × bound, above)'
    >>> plt.close(fig)
    """
    fig, ax = plt.subplots(figsize=(6.4, 4.8))
    for i, (eta, dist) in enumerate(distances):
        ax.semilogy(
            np.arange(len(dist)),
            dist,
            linestyle=_STYLES[i % 5],
            color=_COLORS[i % 5],
            label=t(
                "η = {eta:.3f} ({ratio:.2f} × bound, below)"
                if eta < bound
                else "η = {eta:.3f} ({ratio:.2f} × bound, above)",
                eta=eta,
                ratio=eta / bound,
            ),
        )
    ax.set_xlabel(t("step $k$"))
    ax.set_ylabel(t(r"$\|w_k - w^\star\|_2$ (log scale)"))
    ax.legend(fontsize=10, loc="upper center", bbox_to_anchor=(0.5, -0.15), ncols=1)
    fig.tight_layout()
    return fig


def plot_kink(w_grid, curves, c: float):
    r"""The one-dimensional objective :math:`\frac12(w - c)^2 + \lambda|w|` for several λ.

    ``curves``: list of ``(lam, values, w_star)``, ``values`` on ``w_grid`` and ``w_star`` the
    minimiser :math:`S(c, \lambda)`, marked by a dot.

    >>> w = np.linspace(-1.0, 2.0, 7)
    >>> fig = plot_kink(w, [(2.0, 0.5 * (w - 1.5) ** 2 + 2.0 * np.abs(w), 0.0)], 1.5)
    >>> fig.axes[0].get_lines()[1].get_xdata().tolist()   # the dot: the minimum at 0
    [0.0]
    >>> plt.close(fig)
    """
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    for i, (lam, values, w_star) in enumerate(curves):
        line = ax.plot(
            w_grid,
            values,
            linestyle=_STYLES[i % 5],
            color=_COLORS[i % 5],
            label=t("λ = {lam:g}: minimum at w = {w_star:.1f}", lam=lam, w_star=w_star),
        )[0]
        f_star = 0.5 * (w_star - c) ** 2 + lam * abs(w_star)
        ax.plot(w_star, f_star, "o", color=line.get_color(), markeredgecolor="black")
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("$w$")
    ax.set_ylabel(r"$(w - c)^2/2 + \lambda |w|$")
    ax.legend(fontsize=10)
    fig.tight_layout()
    return fig


def plot_l1_chatter(sub_path, prox_path, lasso_w, index: int, band, eta_lam: float):
    r"""Top: weight ``index`` under subgradient descent and ISTA, with the band the subgradient
    iterates stay in. Bottom: the distance of the whole weight vector to the Lasso solution
    (log scale; values below 1e-12, rounding error or an exact hit, are drawn at 1e-12).

    ``band`` = ``(low, high)``, the interval of width :math:`2\eta\lambda` (``eta_lam`` is
    :math:`\eta\lambda`, printed in the title).

    >>> sub = np.array([[0.3], [-0.1], [0.1], [-0.1]])
    >>> prox = np.array([[0.3], [0.0], [0.0], [0.0]])
    >>> fig = plot_l1_chatter(sub, prox, np.zeros(1), 0, (-0.2, 0.2), 0.2)
    >>> fig.axes[0].get_title()
    'the weight $w_1$ (ηλ = 0.200)'
    >>> plt.close(fig)
    """
    fig, (ax, bx) = plt.subplots(2, 1, figsize=(6.4, 6.6), sharex=True)
    steps = np.arange(sub_path.shape[0])
    low, high = band
    ax.axhspan(low, high, color=L2_COLOR, alpha=0.12, linewidth=0)
    ax.annotate(
        t("band of width 2ηλ = {width:.3f}", width=high - low),
        (steps[-1], high),
        ha="right",
        va="bottom",
        fontsize=10,
        color="0.2",
    )
    ax.plot(
        steps,
        sub_path[:, index],
        color=L2_COLOR,
        linestyle="-",
        marker="o",
        markersize=3,
        linewidth=1.2,
        label=t("subgradient descent"),
    )
    ax.plot(
        steps,
        prox_path[:, index],
        color=L1_COLOR,
        linestyle="--",
        linewidth=2.0,
        label=t("proximal gradient (ISTA)"),
    )
    ax.axhline(0, color="black", linewidth=0.6)
    values = sub_path[:, index]
    ax.set_ylim(min(low, values.min()) - 0.08, max(high, values.max()) + 0.12)
    ax.set_ylabel(f"$w_{index + 1}$")
    title = t("the weight $w_{i}$ (ηλ = {eta_lam:.3f})", i=index + 1, eta_lam=eta_lam)
    ax.set_title(title, fontsize=11)
    for path, color, style in [(sub_path, L2_COLOR, "-"), (prox_path, L1_COLOR, "--")]:
        dist = np.linalg.norm(path - lasso_w, axis=1)
        dist = np.maximum(dist, 1e-12)  # below this it is rounding error (and 0 has no log)
        bx.semilogy(steps, dist, color=color, linestyle=style)
    bx.set_xlabel(t("step $k$"))
    bx.set_ylabel(t(r"$\|w_k - \hat w\|_2$ (log)"))
    bx.set_title(t("distance of all weights to the Lasso solution"), fontsize=11)
    fig.legend(*ax.get_legend_handles_labels(), loc="lower center", ncols=2, fontsize=10)
    fig.tight_layout(rect=(0.0, 0.05, 1.0, 1.0))
    return fig


def plot_convergence_rates(curves, guarantees):
    r"""Objective gap :math:`f(w_k) - f^\star` against k on log-log axes, with guarantees.

    ``curves``: list of ``(label, k, gap)`` (measured; markers for the subgradient budgets);
    ``guarantees``: list of ``(label, k, bound)``, drawn thin and dotted in the colour of the
    curve with the same position in the list.

    >>> k = np.arange(1, 11)
    >>> fig = plot_convergence_rates([("ISTA", k, 1 / k**2)], [("bound", k, 1 / k)])
    >>> fig.axes[0].get_xscale(), fig.axes[0].get_yscale()
    ('log', 'log')
    >>> plt.close(fig)
    """
    fig, ax = plt.subplots(figsize=(6.4, 5.4))
    colors = [COLORS["orange"], L2_COLOR, L1_COLOR]
    markers = ["o", None, None]
    for i, (label, k, gap) in enumerate(curves):
        ax.loglog(
            k,
            gap,
            color=colors[i],
            linestyle=_STYLES[i],
            marker=markers[i],
            markersize=5,
            label=label,
        )
    for i, (label, k, bound) in enumerate(guarantees):
        ax.loglog(k, bound, color=colors[i], linestyle=":", linewidth=1.3, label=label)
    ax.set_xlabel(t("steps $k$ (log scale)"))
    ax.set_ylabel(t(r"$f(w_k) - f^\star$ (log scale)"))
    ax.legend(fontsize=10, loc="upper center", bbox_to_anchor=(0.45, -0.14), ncols=2)
    fig.tight_layout()
    return fig
