r"""Figures of the Regularization chapter (``chapters/03_regularization``).

Interactive: :func:`lambda_slider` (``SLIDERS["penalised optimum vs lambda"]``). Static
builders return a pyplot figure; the notebook cell ends with ``plt.show()``. Every number drawn
comes from ``lib`` (:mod:`lib.geometry`) or from the chapter's own computation; this module
only draws.
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

from lib.geometry import Quadratic, constrained_optimum, penalized_optimum
from lib.i18n import t
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
    "plot_path",
    "plot_errors_vs_shrinkage",
    "plot_relevant_paths",
    "plot_cv_curve",
    "plot_bias_variance",
    "plot_ridge_svd",
    "plot_normal_cones",
    "plot_corner_regions",
    "normal_cone_directions",
    "spread_labels",
    "plot_orthonormal_estimators",
    "plot_bayes_estimates",
    "MIN_FONT_PT",
]

#: Smallest font size (points) in this module's static figures. At 100 dpi and at most 7.2
#: inches wide, the book's column (about 700 px at a 1280-px window) shows it at 14 px or more,
#: and a 390-px phone at about 7.6 px; the slider frame uses 12 pt at 640 px (9.3 px on a phone).
MIN_FONT_PT = 11

#: The 2-D least-squares bowl of the geometry figures: correlated features, the
#: unconstrained optimum c = (2.2, 1.0).
GEOMETRY_LOSS = Quadratic(np.array([[1.0, 0.45], [0.45, 0.7]]), np.array([2.2, 1.0]))

#: The slider's lambda values: 0, 0.2, ..., 2.8 (15 values; the L1 optimum reaches 0 at
#: lambda = max|H c| = 2.65). Each value is one frame of the static page, so the count is
#: what keeps the geometry page's first visit under 1 MB (29 frames made it 1.23 MB).
LAMBDAS = np.round(np.arange(15) * 0.2, 1)


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
        where = t(", at the origin")
    elif np.any(w1 == 0.0):
        where = t(", on a corner")
    return (
        f"λ = {lam:.1f} | L1: w = {_fmt(w1)}, |w|₁ = {np.abs(w1).sum():.3f}{where} | "
        f"L2: w = {_fmt(w2)}, |w|₂ = {np.linalg.norm(w2):.3f}"
    )


def lambda_slider(q: Quadratic = GEOMETRY_LOSS, lambdas=LAMBDAS) -> SliderFigure:
    """Both penalised optima as λ grows, each drawn on the ball that passes through it.

    Left: L1 penalty, the diamond :math:`\\|w\\|_1 = \\|w_\\lambda\\|_1`; right: L2 penalty,
    the circle :math:`\\|w\\|_2 = \\|w_\\lambda\\|_2`. On each, the loss contour through the
    optimum touches the ball there: the optimum is the lowest-loss point on that boundary.
    The axes hold the largest ball (λ = 0, through the least-squares point), so no frame
    clips a ball. The frame is 640 x 340 px with 12-pt text (16.7 px; 9.3 px when a 390-px
    phone shrinks the frame to its column). The contours, axes and the whole path of each
    optimum are painted once (:func:`lib.widgets.freeze_static_parts`); a slider step only
    redraws the ball, the contour through the optimum and the point.
    """
    reach = 1.06 * max(float(np.abs(q.c).sum()), float(np.linalg.norm(q.c)))
    # text sizes are set on each artist (12 pt): new_figure applies the book's 11-pt style
    fig, axes = new_figure(6.4, 3.4, dpi=100, ncols=2, sharey=True)
    g = np.linspace(-reach, reach, 160)
    W1, W2 = np.meshgrid(g, g)
    Z = q.grid(W1, W2)
    fine = np.linspace(0.0, float(np.max(lambdas)), 120)
    artists = {}
    for ax, penalty, p, color, style, title in [
        (axes[0], "l1", 1, L1_COLOR, "--", t("L1 penalty (Lasso)")),
        (axes[1], "l2", 2, L2_COLOR, "-", t("L2 penalty (Ridge)")),
    ]:
        ax.contour(
            W1,
            W2,
            Z,
            levels=[0.1, 0.4, 0.9, 1.6, 2.5, 3.6, 4.9, 6.4],
            colors="0.78",
            linewidths=0.8,
        )
        path = np.array([penalized_optimum(q, lam, penalty=penalty) for lam in fine])
        ax.plot(path[:, 0], path[:, 1], color=color, linestyle=":", linewidth=1.5)
        ax.plot(*q.c, "x", color="black", markersize=8)
        ax.annotate(
            t("least\nsquares"),
            q.c,
            textcoords="offset points",
            xytext=(6, 6),
            va="bottom",
            ha="center",
            fontsize=12,
        )
        ax.axhline(0, color="0.4", linewidth=0.6)
        ax.axvline(0, color="0.4", linewidth=0.6)
        (ball,) = ax.plot([], [], color=color, linestyle=style)
        (level,) = ax.plot([], [], color="0.3", linestyle="-.", linewidth=1.0)
        (point,) = ax.plot([], [], "o", color=color, markersize=8, markeredgecolor="black")
        ax.set_xlim(-reach, reach)
        ax.set_ylim(-reach, reach)
        ax.set_xticks([-3, -2, -1, 0, 1, 2, 3])
        ax.set_yticks([-3, -2, -1, 0, 1, 2, 3])
        ax.set_aspect("equal")
        ax.set_xlabel("$w_1$", fontsize=12)
        ax.set_title(title, fontsize=12)
        ax.tick_params(labelsize=12)
        ax.grid(False)
        artists[penalty] = (ball, level, point, p)
    axes[0].set_ylabel("$w_2$", fontsize=12)
    # two square panels placed by hand (in pixels of the 640 x 340 frame): a layout engine
    # cannot reconcile equal aspect with shared axes and clips the titles
    fig.set_layout_engine("none")
    side, bottom = 262, 46
    for ax, left in zip(axes, (58, 58 + side + 28), strict=True):
        ax.set_position([left / 640, bottom / 340, side / 640, side / 340])
    freeze_static_parts(
        fig, [a for ball, level, point, _ in artists.values() for a in (ball, level, point)]
    )

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
        label=t("λ (penalty strength)"),
        format_value=lambda v: f"{v:.1f}",
        alt=t(
            "Two panels with the same elliptical loss contours around the least-squares point "
            "(2.2, 1.0). Left: a dashed diamond (L1 ball) through the Lasso optimum; right: a "
            "solid circle (L2 ball) through the Ridge optimum; a dash-dot loss contour touches "
            "each ball at its optimum. As lambda grows the L1 optimum slides along the boundary "
            "onto the corner on the w1 axis and then to the origin; the L2 optimum shrinks "
            "toward the origin without reaching an axis."
        ),
    )


SLIDERS = {"penalised optimum vs lambda": lambda_slider}


# ------------------------------------------------------------------------------------------
# static figures
# ------------------------------------------------------------------------------------------
def _boundary_loss(q: Quadratic, budget: float, p: int, n_points: int = 721):
    """The loss along the boundary of the L``p`` ball, by angle from -180 to 180 degrees."""
    theta = np.linspace(-180.0, 180.0, n_points)
    u = np.column_stack([np.cos(np.deg2rad(theta)), np.sin(np.deg2rad(theta))])
    points = budget * u / np.sum(np.abs(u) ** p, axis=1, keepdims=True) ** (1.0 / p)
    return theta, np.array([q(w) for w in points])


def plot_same_budget(q: Quadratic = GEOMETRY_LOSS, budget: float = 1.5):
    """Left: contours, L1 diamond and L2 circle of the same ``budget``, the constrained optimum
    on each. Right: the loss along each boundary by angle, -180 to 180 degrees, so that the
    corner at 0 degrees is in the middle; the four corners of the diamond are marked.

    >>> fig = plot_same_budget()
    >>> lo, hi = fig.axes[1].get_xlim()
    >>> bool(lo < -180 and hi > 180)
    True
    >>> plt.close(fig)
    """
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(7.2, 3.9), width_ratios=[1.0, 1.15])
    g = np.linspace(-2.0, 3.2, 200)
    W1, W2 = np.meshgrid(g, g)
    ax.contour(
        W1,
        W2,
        q.grid(W1, W2),
        levels=[0.1, 0.4, 0.9, 1.6, 2.5, 3.6, 4.9],
        colors="0.78",
        linewidths=0.8,
    )
    ax.plot(*q.c, "x", color="black", markersize=8, label=t("least squares"))
    for p, color, style, marker in [(1, L1_COLOR, "--", "s"), (2, L2_COLOR, "-", "o")]:
        w = constrained_optimum(q, budget, norm=p)
        ax.plot(*ball_outline(budget, p), color=color, linestyle=style, label=t("L{p} ball", p=p))
        ax.plot(*level_curve(q, q(w)), color=color, linestyle=":", linewidth=1.2)
        ax.plot(*w, marker, color=color, markeredgecolor="black", markersize=8)
        theta, loss = _boundary_loss(q, budget, p)
        bx.plot(theta, loss, color=color, linestyle=style, label=t("L{p} boundary", p=p))
        k = int(np.argmin(loss))
        bx.plot(theta[k], loss[k], marker, color=color, markeredgecolor="black", markersize=8)
    for k, angle in enumerate([-180, -90, 0, 90, 180]):  # the corners of the diamond
        bx.axvline(
            angle,
            color="0.45",
            linestyle=(0, (1, 2)),
            linewidth=1.2,
            label=t("corners") if k == 0 else None,
            zorder=0,
        )
    ax.axhline(0, color="0.4", linewidth=0.6)
    ax.axvline(0, color="0.4", linewidth=0.6)
    ax.set_xlim(-2.0, 3.2)
    ax.set_ylim(-2.0, 2.6)
    ax.set_aspect("equal")
    ax.grid(False)
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$")
    ax.legend(
        loc="lower left",
        bbox_to_anchor=(-0.05, 1.0),
        ncols=2,
        handlelength=1.6,
        columnspacing=0.8,
        borderaxespad=0.2,
    )
    bx.set_xlabel(t("angle on the boundary (degrees)"))
    bx.set_ylabel(t("loss $L(w)$"))
    bx.set_xticks([-180, -90, 0, 90, 180])
    bx.set_xlim(-190, 190)
    bx.legend(loc="upper center", handlelength=1.6)
    fig.tight_layout()
    return fig


def normal_cone_directions(w, budget: float, p: int) -> np.ndarray:
    r"""Unit vectors spanning the normal cone of the 2-D L``p`` ball of ``budget`` at ``w``.

    The normal cone of a convex set :math:`C` at :math:`w \in C` is
    :math:`N_C(w) = \{g : g^\top (v - w) \le 0 \text{ for all } v \in C\}`; the constrained
    optimum of a convex :math:`L` over :math:`C` is a point where
    :math:`-\nabla L(w) \in N_C(w)` (Boyd & Vandenberghe 2004, section 4.2.3). For the L1
    ball (``p=1``) at a corner :math:`(\pm t, 0)` or :math:`(0, \pm t)` it is the 90-degree
    wedge between the normals of the two edges that meet there (two unit vectors are returned,
    its edges); at any other
    boundary point it is the ray along the edge's normal :math:`\operatorname{sign}(w)`.
    For the L2 ball (``p=2``) it is always the ray along :math:`w`.

    >>> normal_cone_directions(np.array([1.0, 0.0]), 1.0, 1).round(4).tolist()
    [[0.7071, -0.7071], [0.7071, 0.7071]]
    >>> normal_cone_directions(np.array([0.5, 0.5]), 1.0, 1).round(4).tolist()
    [[0.7071, 0.7071]]
    """
    w = np.asarray(w, dtype=float)
    if p == 2:
        return (w / np.linalg.norm(w))[None, :]
    if p != 1:
        raise ValueError(f"p must be 1 or 2, got {p!r}")
    zero = np.abs(w) <= 1e-12 * budget
    if np.any(zero):  # a corner: the wedge between the normals of the two edges
        j = int(np.flatnonzero(~zero)[0])
        s = np.sign(w[j])
        edges = []
        for other in (-1.0, 1.0):
            g = np.zeros(2)
            g[j], g[1 - j] = s, other
            edges.append(g / np.sqrt(2.0))
        return np.array(edges)
    return (np.sign(w) / np.sqrt(2.0))[None, :]


def _draw_cone(ax, w, dirs, length: float, color):
    if len(dirs) == 1:
        ax.annotate(
            "",
            w + length * dirs[0],
            w,
            arrowprops={"arrowstyle": "-|>", "color": color, "linewidth": 1.5},
        )
        return
    # the wedge: every direction between the two edge normals (angles within 90 degrees)
    a0, a1 = (np.arctan2(d[1], d[0]) for d in dirs)
    if a1 < a0:
        a0, a1 = a1, a0
    if a1 - a0 > np.pi:
        a0, a1 = a1, a0 + 2 * np.pi
    arc = np.linspace(a0, a1, 30)
    poly = np.vstack([w, w + length * np.column_stack([np.cos(arc), np.sin(arc)])])
    ax.fill(poly[:, 0], poly[:, 1], color=color, alpha=0.3, linewidth=0)


def plot_normal_cones(q: Quadratic = GEOMETRY_LOSS, budget: float = 1.5):
    """Normal cones of the L1 ball (left: wedges at the four corners, rays on the edges) and
    of the L2 ball (right: rays), with the direction of steepest descent of the loss,
    -grad L, at each constrained optimum: it lies in the normal cone there.

    >>> fig = plot_normal_cones()
    >>> len(fig.axes), len(fig.axes[0].patches) >= 4   # a wedge at each corner
    (2, True)
    >>> plt.close(fig)
    """
    fig, axes = plt.subplots(1, 2, figsize=(7.2, 4.0), sharey=True)
    length = 0.9
    for ax, p, color, style in [(axes[0], 1, L1_COLOR, "--"), (axes[1], 2, L2_COLOR, "-")]:
        ax.plot(*ball_outline(budget, p), color=color, linestyle=style)
        if p == 1:
            spots = [np.array(v, float) * budget for v in [(1, 0), (0, 1), (-1, 0), (0, -1)]]
            spots += [
                np.array(v, float) * budget / 2 for v in [(1, 1), (-1, 1), (-1, -1), (1, -1)]
            ]
            ax.set_title(t("L1 ball: wedges at corners"))
        else:
            angles = np.deg2rad(np.arange(0, 360, 45) + 22.5)
            spots = [budget * np.array([np.cos(a), np.sin(a)]) for a in angles]
            ax.set_title(t("L2 ball: one ray everywhere"))
        for w in spots:
            _draw_cone(ax, w, normal_cone_directions(w, budget, p), length, color)
        w_star = constrained_optimum(q, budget, norm=p)
        descent = q.H @ (q.c - w_star)  # -grad L at the optimum
        ax.annotate(
            "",
            w_star + 1.2 * descent / np.linalg.norm(descent),
            w_star,
            arrowprops={"arrowstyle": "-|>", "color": "black", "linewidth": 2.0, "linestyle": "-"},
        )
        ax.plot(*w_star, "o", color=color, markeredgecolor="black", markersize=8)
        ax.axhline(0, color="0.4", linewidth=0.6)
        ax.axvline(0, color="0.4", linewidth=0.6)
        ax.set_xlim(-2.6, 2.9)
        ax.set_ylim(-2.6, 2.6)
        ax.set_aspect("equal")
        ax.grid(False)
        ax.set_xlabel("$w_1$")
    axes[0].set_ylabel("$w_2$")
    handles = [
        mpl.lines.Line2D([], [], color="black", linewidth=2.0),
        mpl.patches.Patch(color=L1_COLOR, alpha=0.3),
    ]
    fig.legend(
        handles,
        [t("$-\\nabla L$ at the optimum"), t("normal cone at a corner")],
        loc="lower center",
        ncols=2,
    )
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    return fig


def plot_corner_regions(centres, on_corner, budget: float = 1.5):
    """Least-squares centres ``c`` of random loss bowls, marked by where the L1-constrained
    optimum lands: on a corner (a weight exactly 0) or inside an edge. The centres whose
    optimum is a given corner fill a wedge (the corner's normal cone, mapped by H^-1); those
    of one edge, a strip along the edge.

    >>> fig = plot_corner_regions([[2.5, 0.1], [1.0, 1.5]], [True, False])
    >>> [len(line.get_xdata()) for line in fig.axes[0].get_lines()[:2]]
    [1, 1]
    >>> plt.close(fig)
    """
    centres = np.asarray(centres, dtype=float)
    on_corner = np.asarray(on_corner, dtype=bool)
    fig, ax = plt.subplots(figsize=(4.8, 4.6))
    ax.plot(
        *centres[~on_corner].T,
        "o",
        markersize=3.5,
        markerfacecolor="none",
        markeredgecolor="0.55",
        linestyle="none",
        label=t("optimum inside an edge"),
    )
    ax.plot(
        *centres[on_corner].T,
        "s",
        markersize=3.5,
        color=L1_COLOR,
        linestyle="none",
        label=t("optimum on a corner"),
    )
    ax.plot(*ball_outline(budget, 1), color="black", linestyle="--", linewidth=1.5)
    ax.set_aspect("equal")
    ax.set_xlabel(t("$c_1$ (least-squares $w_1$)"))
    ax.set_ylabel(t("$c_2$ (least-squares $w_2$)"))
    ax.grid(False)
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=1, borderaxespad=0.2)
    fig.tight_layout()
    return fig


def spread_labels(y, min_gap: float) -> np.ndarray:
    """Label heights near ``y`` with neighbours at least ``min_gap`` apart, in the same order.

    Each label moves as little as the gap allows (pushed up from the lowest, then centred
    on the group it collides with), so labels of curves that end close together stay
    readable.

    >>> spread_labels([0.0, 0.1, 5.0], 1.0).tolist()
    [-0.45, 0.55, 5.0]
    """
    y = np.asarray(y, dtype=float)
    order = np.argsort(y, kind="stable")
    target = y[order]

    def ends(group):  # lowest and highest label of a group laid out around its mean target
        half = (len(group) - 1) * min_gap / 2
        centre = float(np.mean(target[group]))
        return centre - half, centre + half

    groups: list[list[int]] = []
    for i in range(target.size):
        groups.append([i])
        while len(groups) > 1 and ends(groups[-1])[0] - ends(groups[-2])[1] < min_gap:
            groups[-2:] = [groups[-2] + groups[-1]]
    placed = np.empty_like(target)
    for group in groups:
        placed[group] = ends(group)[0] + min_gap * np.arange(len(group))
    out = np.empty_like(placed)
    out[order] = placed
    return np.round(out, 12)


def plot_path(ax, alphas, coefs, names, *, title: str, log: bool = True):
    """One regularization path (``coefs`` (n_alphas, n_features)) against alpha, labelled.

    The labels sit at the weak-penalty end of each curve, spread apart so that they do not
    overlap; a thin line joins a moved label to its curve.
    """
    styles = ["-", "--", "-.", ":"]
    end = -1 if log else 0
    lines = []
    for j in range(len(names)):
        lines.append(ax.plot(alphas, coefs[:, j], linestyle=styles[j % 4], linewidth=1.5)[0])
    if log:
        ax.set_xscale("log")
        ax.invert_xaxis()
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xlabel(t("alpha (log scale, decreasing →)"))
    ax.set_ylabel(t("coefficient"))
    ax.set_title(title)
    # the gap between labels: one line of text, in data units of this axes
    fig = ax.figure
    fig.canvas.draw()
    y0, y1 = ax.get_ylim()
    height_px = ax.get_window_extent().height
    font_px = mpl.rcParams["font.size"] * fig.dpi / 72.0
    gap = 1.05 * font_px * (y1 - y0) / height_px
    ends = coefs[end]
    heights = spread_labels(ends, gap)
    x_end = alphas[end]
    lo, hi = ax.get_xlim()
    # each label sits a little to the right of its curve's end, joined to it by a thin line
    x_text = x_end / (lo / hi) ** 0.05 if log else x_end + 0.05 * (hi - lo)
    for name, line, y_curve, y_label in zip(names, lines, ends, heights, strict=True):
        ax.annotate(
            name,
            (x_end, y_curve),
            xytext=(x_text, y_label),
            textcoords="data",
            color=line.get_color(),
            va="center",
            ha="left",
            annotation_clip=False,
            xycoords="data",
            arrowprops={
                "arrowstyle": "-",
                "color": line.get_color(),
                "linewidth": 0.7,
                "shrinkA": 1,
                "shrinkB": 0,
            },
        )
    # room for the labels to the right of the last alpha
    if log:
        ax.set_xlim(lo, hi / (lo / hi) ** 0.27)
    else:
        ax.set_xlim(lo, hi + 0.27 * (hi - lo))


def plot_relevant_paths(paths, relevant, *, mark_alpha: float | None = None):
    """Lasso and Ridge paths side by side, relevant features thick, irrelevant thin dashed.

    ``paths``: list of ``(coefs, alphas, title, color)``; ``mark_alpha`` draws a vertical line
    on the first panel (where the first irrelevant weight enters).

    >>> a = np.logspace(0, -2, 5)
    >>> fig = plot_relevant_paths([(np.zeros((5, 2)), a, "Lasso", "red")], [0])
    >>> fig.axes[0].get_title()
    'Lasso'
    >>> plt.close(fig)
    """
    fig, axes = plt.subplots(1, len(paths), figsize=(7.2, 3.7))
    for ax, (coefs, alphas, title, color) in zip(np.atleast_1d(axes), paths, strict=True):
        for j in range(coefs.shape[1]):
            style = {"color": color, "linewidth": 2.2, "linestyle": "-"}
            if j not in relevant:
                style = {"color": "0.45", "linewidth": 1.0, "linestyle": "--"}
            ax.plot(alphas, coefs[:, j], **style)
        ax.set_xscale("log")
        ax.invert_xaxis()
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_xlabel(t("alpha (log scale, decreasing →)"))
        ax.set_title(title)
    if mark_alpha is not None:
        np.atleast_1d(axes)[0].axvline(mark_alpha, color="0.3", linestyle=":", linewidth=1.2)
    np.atleast_1d(axes)[0].set_ylabel(t("coefficient"))
    fig.tight_layout()
    return fig


def plot_cv_curve(cv_result):
    """Cross-validation error against alpha: folds (thin), mean (thick), one standard error
    band, the minimising alpha (dot) and the one-standard-error alpha (square).

    >>> from lib.solvers import cross_validate_alpha
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((30, 3))
    >>> y = X @ np.array([1.0, 0.0, 0.0]) + rng.standard_normal(30)
    >>> fig = plot_cv_curve(cross_validate_alpha("lasso", X, y, np.logspace(0, -2, 8)))
    >>> sorted(line.get_marker() for line in fig.axes[0].get_lines()
    ...        if len(line.get_xdata()) == 1)
    ['o', 's']
    >>> plt.close(fig)
    """
    r = cv_result
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    ax.plot(r.alphas, r.mse, color="0.75", linewidth=0.8, linestyle="-")
    ax.fill_between(
        r.alphas,
        r.mean_mse - r.se_mse,
        r.mean_mse + r.se_mse,
        color=L1_COLOR,
        alpha=0.18,
        linewidth=0,
        label=t("mean ± 1 standard error"),
    )
    ax.plot(
        r.alphas,
        r.mean_mse,
        color=L1_COLOR,
        linestyle="--",
        linewidth=2.5,
        label=t("mean over folds"),
    )
    best = int(np.argmin(r.mean_mse))
    ax.axhline(r.mean_mse[best] + r.se_mse[best], color="0.3", linestyle=":", linewidth=1.0)
    ax.plot(
        r.alpha,
        r.mean_mse[best],
        "o",
        color=L1_COLOR,
        markeredgecolor="black",
        markersize=8,
        label=t("smallest mean error"),
    )
    k = int(np.flatnonzero(r.alphas == r.alpha_1se)[0])
    ax.plot(
        r.alpha_1se,
        r.mean_mse[k],
        "s",
        color="white",
        markeredgecolor="black",
        markersize=8,
        label=t("one-standard-error rule"),
    )
    ax.set_xscale("log")
    ax.invert_xaxis()
    ax.set_xlabel(t("alpha (log scale, decreasing →)"))
    ax.set_ylabel(t("held-out mean squared error"))
    top = float(np.max(r.mean_mse))
    ax.set_ylim(0.9 * float(np.min(r.mse)), 1.15 * top)
    ax.legend(loc="upper right", handlelength=1.6)
    fig.tight_layout()
    return fig


def plot_errors_vs_shrinkage(panels):
    """Train and test MSE against the budget used, for Lasso and Ridge, one panel per data set.

    ``panels``: list of ``(title, curves)`` with ``curves`` a dict
    ``{"lasso": (budget_fraction, train_mse, test_mse), "ridge": (...)}``.

    >>> s = np.linspace(0, 1, 5)
    >>> fig = plot_errors_vs_shrinkage([("t", {"lasso": (s, s, 1 - s), "ridge": (s, s, s)})])
    >>> len(fig.axes[0].get_lines())   # test and train curves and a dot, per penalty
    6
    >>> plt.close(fig)
    """
    fig, axes = plt.subplots(1, len(panels), figsize=(7.2, 3.8), sharey=False)
    for ax, (title, curves) in zip(np.atleast_1d(axes), panels, strict=True):
        for kind, color, style in [("lasso", L1_COLOR, "--"), ("ridge", L2_COLOR, "-")]:
            s, train, test = curves[kind]
            name = t("Lasso") if kind == "lasso" else t("Ridge")
            ax.plot(s, test, color=color, linestyle=style, label=t("{name} test", name=name))
            ax.plot(
                s,
                train,
                color=color,
                linestyle=style,
                linewidth=1.0,
                alpha=0.6,
                label=t("{name} train", name=name),
            )
            k = int(np.argmin(test))
            ax.plot(s[k], test[k], "o", color=color, markeredgecolor="black")
        ax.set_xlabel(t("budget used, $\\|w\\|_p / \\|w_{LS}\\|_p$"))
        ax.set_title(title)
    np.atleast_1d(axes)[0].set_ylabel(t("mean squared error"))
    np.atleast_1d(axes)[-1].legend(loc="upper right", handlelength=1.6)
    fig.tight_layout()
    return fig


def plot_bias_variance(alphas, train_mse, test_mse, bias2, variance, noise_var: float):
    """(a) One training set: training and test error against the Ridge alpha. (b) Over many
    training sets: squared bias and variance of the predictions, and their sum plus the noise
    variance (the expected test error).

    >>> a = np.logspace(-2, 2, 5)
    >>> fig = plot_bias_variance(a, a, 1 + a, a, 1 / a, 1.0)
    >>> [ax.get_title() for ax in fig.axes]
    ['(a) one training set', '(b) average over training sets']
    >>> plt.close(fig)
    """
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(7.2, 3.6))
    ax.plot(alphas, test_mse, color=L2_COLOR, label=t("test"))
    ax.plot(alphas, train_mse, color="0.35", linestyle="--", label=t("training"))
    k = int(np.argmin(test_mse))
    ax.plot(alphas[k], test_mse[k], "o", color=L2_COLOR, markeredgecolor="black")
    ax.set_title(t("(a) one training set"))
    ax.set_ylabel(t("mean squared error"))
    bx.plot(alphas, bias2, color=L1_COLOR, linestyle="--", label=t("bias²"))
    bx.plot(alphas, variance, color=COLORS["green"], linestyle="-.", label=t("variance"))
    total = bias2 + variance + noise_var
    bx.plot(alphas, total, color=L2_COLOR, label=t("sum + noise"))
    k = int(np.argmin(total))
    bx.plot(alphas[k], total[k], "o", color=L2_COLOR, markeredgecolor="black")
    bx.set_title(t("(b) average over training sets"))
    bx.set_ylim(0, 1.35 * float(np.max(total)))
    bx.legend(loc="upper right", handlelength=1.6)
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left", handlelength=1.6)
    for axis in (ax, bx):
        axis.set_xscale("log")
        axis.set_xlabel(t("Ridge alpha (log scale)"))
    fig.tight_layout()
    return fig


def plot_ridge_svd(alphas, factors, coefs, w_ls, *, names, alpha_mark: float | None = None):
    """(a) The shrinkage factor d²/(d²+alpha) of each principal direction against alpha.
    (b) Each Ridge weight divided by its least-squares value ``w_ls``, and the same ratio for
    the L2 norm: a ratio outside [0, 1] is a weight that grew or changed sign.
    ``factors`` is (n_alphas, n_directions), ``coefs`` (n_alphas, n_features);
    ``alpha_mark`` draws a vertical line.

    >>> a = np.logspace(-1, 2, 4)
    >>> f = np.column_stack([1 / (1 + a), 4 / (4 + a)])
    >>> fig = plot_ridge_svd(a, f, f, [1.0, 1.0], names=["$w_1$", "$w_2$"])
    >>> fig.axes[1].get_ylabel()
    'Ridge / least squares'
    >>> plt.close(fig)
    """
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(7.2, 3.6))
    styles = ["-", "--", "-.", ":"]
    for j in range(factors.shape[1]):
        ax.plot(alphas, factors[:, j], linestyle=styles[j % 4], label=t("direction {j}", j=j + 1))
    ax.set_ylabel(t("shrinkage factor"))
    ax.set_title(t("(a) per principal direction"))
    ax.legend(loc="lower left", handlelength=1.6)
    w_ls = np.asarray(w_ls, dtype=float)
    for j, name in enumerate(names):
        bx.plot(alphas, coefs[:, j] / w_ls[j], linestyle=styles[j % 4], label=name)
    ratio = np.linalg.norm(coefs, axis=1) / np.linalg.norm(w_ls)
    bx.plot(
        alphas, ratio, color="black", linewidth=1.5, linestyle=(0, (1, 1)), label="$\\|w\\|_2$"
    )
    bx.axhline(0, color="black", linewidth=0.6)
    bx.set_ylabel(t("Ridge / least squares"))
    bx.set_title(t("(b) weights and their norm"))
    bx.legend(loc="lower left", handlelength=1.6)
    for axis in (ax, bx):
        axis.set_xscale("log")
        axis.set_xlabel(t("Ridge alpha (log scale)"))
        if alpha_mark is not None:
            axis.axvline(alpha_mark, color="0.5", linewidth=1.0)
    fig.tight_layout()
    return fig


def plot_orthonormal_estimators(w_ls, estimates, *, labels):
    """Each estimator's coefficient against the least-squares one (orthonormal design).

    ``estimates``: list of arrays, same shape as ``w_ls``, drawn in order with ``labels``;
    the grey diagonal is least squares itself.

    >>> z = np.linspace(-2, 2, 5)
    >>> fig = plot_orthonormal_estimators(z, [z / 2], labels=["Ridge"])
    >>> fig.axes[0].get_lines()[1].get_ydata().tolist()
    [-1.0, -0.5, 0.0, 0.5, 1.0]
    >>> plt.close(fig)
    """
    order = np.argsort(w_ls)
    fig, ax = plt.subplots(figsize=(5.6, 4.2))
    ax.plot(w_ls[order], w_ls[order], color="0.7", linewidth=1.0, label=t("least squares"))
    styles = [("-", L2_COLOR), ("--", L1_COLOR), ("-.", COLORS["green"])]
    for (style, color), est, label in zip(
        styles[: len(estimates)], estimates, labels, strict=True
    ):
        ax.plot(w_ls[order], np.asarray(est)[order], linestyle=style, color=color, label=label)
    ax.axhline(0, color="black", linewidth=0.6)
    ax.axvline(0, color="black", linewidth=0.6)
    ax.set_xlabel(t("least-squares coefficient $\\hat w_j$"))
    ax.set_ylabel(t("estimate"))
    ax.set_aspect("equal")
    ax.legend(loc="upper left", handlelength=1.8)
    fig.tight_layout()
    return fig


def plot_bayes_estimates(z, curves, *, labels):
    """Estimates of one weight against its least-squares value ``z`` (1-D Bayesian view).

    ``curves``: list of arrays of the shape of ``z`` (MAP, posterior means ...).

    >>> z = np.linspace(-2, 2, 5)
    >>> fig = plot_bayes_estimates(z, [np.sign(z) * np.maximum(np.abs(z) - 1, 0)], labels=["MAP"])
    >>> (fig.axes[0].get_lines()[1].get_ydata() + 0.0).tolist()
    [-1.0, 0.0, 0.0, 0.0, 1.0]
    >>> plt.close(fig)
    """
    fig, ax = plt.subplots(figsize=(5.6, 4.0))
    ax.plot(z, z, color="0.7", linewidth=1.0, label=t("no prior (least squares)"))
    styles = [("-", L1_COLOR), ("--", L2_COLOR), ("-.", COLORS["green"]), (":", "black")]
    for (style, color), est, label in zip(styles[: len(curves)], curves, labels, strict=True):
        ax.plot(z, est, linestyle=style, color=color, label=label)
    ax.axhline(0, color="black", linewidth=0.6)
    ax.axvline(0, color="black", linewidth=0.6)
    ax.set_xlabel(t("least-squares value $z$"))
    ax.set_ylabel(t("estimate of $w$"))
    ax.legend(loc="upper left", handlelength=1.8)
    fig.tight_layout()
    return fig
