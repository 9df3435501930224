r"""Figures of the page *Regularization in modern training*
(``chapters/03_regularization/modern_training.ipynb``).

The builders draw numbers the notebook computed with :mod:`lib.spectral` and
:mod:`lib.training`; they return a pyplot figure, and the cell ends with ``plt.show()``. 6.4
inches (640 px) wide, text of at least 10 points: at least 10 px in the page column at a 1280-px
window and 7.5 px on a 390-px phone; two panels are stacked.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from lib.i18n import t
from lib.plots import COLORS

__all__ = ["plot_spectral_filters", "plot_adam_vs_adamw"]

_COLORS = [COLORS[k] for k in ("blue", "vermillion", "green", "orange", "purple")]


def plot_spectral_filters(d2_grid, curves, d2_data):
    r"""Filter factors against :math:`d^2` (log axis): gradient descent solid, Ridge dashed.

    ``curves``: list of ``(label_gd, gd_factors, label_ridge, ridge_factors, gd_at_data,
    ridge_at_data)``; the first two arrays on ``d2_grid``, the last two at the data's squared
    singular values ``d2_data`` (drawn as markers). Gradient descent: :math:`1 - (1 -
    \eta d^2)^k`; Ridge: :math:`d^2/(d^2 + \alpha)`.

    >>> d2 = np.array([0.1, 1.0, 10.0])
    >>> fig = plot_spectral_filters(d2, [("GD", 1 - 0.9**d2, "Ridge", d2 / (d2 + 1), d2[:1] * 0,
    ...                                   d2[:1] * 0)], d2[:1])
    >>> [line.get_linestyle() for line in fig.axes[0].get_lines()[:2]]
    ['-', '--']
    >>> plt.close(fig)
    """
    fig, ax = plt.subplots(figsize=(6.4, 5.2))
    for i, (label_gd, gd, label_ridge, ridge, gd_data, ridge_data) in enumerate(curves):
        color = _COLORS[i % len(_COLORS)]
        ax.semilogx(d2_grid, gd, color=color, linestyle="-", label=label_gd)
        ax.semilogx(d2_grid, ridge, color=color, linestyle="--", label=label_ridge)
        ax.plot(d2_data, gd_data, "o", color=color, markersize=5, markeredgecolor="black")
        ax.plot(d2_data, ridge_data, "s", color=color, markersize=5, markerfacecolor="white")
    ax.set_ylim(-0.03, 1.05)
    ax.set_xlabel(t("squared singular value $d_i^2$ of the data (log scale)"))
    ax.set_ylabel(t("filter factor"))
    ax.legend(fontsize=10, loc="upper center", bbox_to_anchor=(0.5, -0.15), ncols=2)
    fig.tight_layout()
    return fig


def plot_adam_vs_adamw(weights_l2, weights_wd, target_l2, target_wd, names, bound: float):
    r"""Weights over training: Adam with L2 in the loss (top) and AdamW (bottom).

    ``weights_*`` are (n_steps + 1, n_features) trajectories, ``target_*`` the fixed point each
    should reach (drawn dotted), ``bound`` = :math:`1/\lambda`, the box of AdamW's fixed
    point (drawn as grey lines in the bottom panel).

    >>> w = np.linspace(0.0, 1.0, 5)[:, None]
    >>> fig = plot_adam_vs_adamw(w, 2 * w, np.ones(1), 2 * np.ones(1), ["w1"], bound=2.0)
    >>> [ax.get_title() for ax in fig.axes]
    ['Adam, L2 penalty in the loss', 'AdamW, decoupled weight decay']
    >>> plt.close(fig)
    """
    fig, axes = plt.subplots(2, 1, figsize=(6.4, 6.8), sharex=True, sharey=True)
    steps = np.arange(weights_l2.shape[0])
    panels = [
        (axes[0], weights_l2, target_l2, t("Adam, L2 penalty in the loss")),
        (axes[1], weights_wd, target_wd, t("AdamW, decoupled weight decay")),
    ]
    for ax, weights, target, title in panels:
        for j, name in enumerate(names):
            color = _COLORS[j % len(_COLORS)]
            ax.plot(steps, weights[:, j], color=color, linewidth=1.8, label=name)
            ax.axhline(target[j], color=color, linestyle=(0, (1, 2)), linewidth=1.2)
        ax.set_xscale("symlog", linthresh=100)
        ax.set_xlim(0, steps[-1])
        ax.set_ylabel(t("weight"))
        ax.set_title(title, fontsize=11)
        ax.axhline(0, color="black", linewidth=0.6)
    axes[1].set_xlabel(t("step (linear to 100, then log)"))
    for sign in (-1, 1):
        axes[1].axhline(sign * bound, color="0.45", linestyle="-.", linewidth=1.0)
    axes[1].annotate("±1/λ", (steps[-1], bound), ha="right", va="bottom", fontsize=10, color="0.3")
    fig.legend(
        *axes[0].get_legend_handles_labels(), loc="lower center", ncols=len(names), fontsize=10
    )
    fig.tight_layout(rect=(0.0, 0.05, 1.0, 1.0))
    return fig
