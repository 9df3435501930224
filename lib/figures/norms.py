"""Figures of the norms chapter: taxicab paths, the straight line, and unit balls.

The numeric work (norms, staircase paths and their lengths) is in :mod:`lib.norms`; this
module only draws. ``SLIDERS`` lists the chapter's interactive figures for ``make bench``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.colors import to_rgb

from lib.i18n import t
from lib.norms import lp_distance, lp_quasinorm, unit_ball
from lib.plots import COLORS, L1_COLOR, L2_COLOR, new_figure
from lib.widgets import SliderFigure, freeze_static_parts

__all__ = [
    "P_VALUES",
    "BALL_PS",
    "format_p",
    "draw_staircases",
    "draw_straight_line",
    "draw_unit_balls",
    "unit_ball_slider",
    "turning_slider",
    "SLIDERS",
]

#: Slider positions for p: roughly even steps of log(p) from 0.3 to 32, then infinity.
P_VALUES: tuple[float, ...] = (
    *(0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9),
    *(1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0),
    *(5.0, 6.0, 8.0, 10.0, 16.0, 32.0, np.inf),
)

#: The p of the static unit-ball figure.
BALL_PS: tuple[float, ...] = (0.5, 1.0, 1.5, 2.0, 4.0, np.inf)


def format_p(p: float) -> str:
    """Short text for a value of p: ``"∞"`` for infinity, else the number without noise.

    >>> format_p(1.0), format_p(1.25), format_p(np.inf)
    ('1', '1.25', '∞')
    """
    return "∞" if p == np.inf else f"{p:g}"


def _grid(ax, a, b) -> None:
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    ax.set_xticks(np.arange(lo[0], hi[0] + 1))
    ax.set_yticks(np.arange(lo[1], hi[1] + 1))
    ax.grid(True, alpha=0.5)
    ax.set_xlim(lo[0] - 0.6, hi[0] + 0.6)
    ax.set_ylim(lo[1] - 0.6, hi[1] + 0.6)
    ax.set_aspect("equal")


def _endpoints(ax, a, b) -> None:
    ax.plot([a[0], b[0]], [a[1], b[1]], "o", color="black", zorder=5)
    ax.annotate("a", a, textcoords="offset points", xytext=(-12, -14))
    ax.annotate("b", b, textcoords="offset points", xytext=(5, 5))


def draw_staircases(ax, a, b, paths: Sequence[np.ndarray]) -> None:
    """Draw staircase ``paths`` from ``a`` to ``b`` on a street grid, as nested bands.

    Every path is drawn exactly on the streets (no offsets, so each starts at ``a`` and ends
    at ``b``): the first as the widest, lightest band, each next one narrower and darker on
    top, so a street shared by several routes shows as nested bands.
    """
    k = len(paths)
    widths = np.linspace(9.0, 1.8, k) if k > 1 else np.array([2.5])
    shades = np.linspace(0.35, 1.0, k) if k > 1 else np.array([1.0])
    base = np.array(to_rgb(L1_COLOR))
    for path, width, shade in zip(paths, widths, shades, strict=True):
        ax.plot(
            path[:, 0],
            path[:, 1],
            color=tuple(1.0 - shade * (1.0 - base)),  # opaque mix of white and L1_COLOR
            linestyle="-",
            linewidth=float(width),
            solid_capstyle="butt",
            solid_joinstyle="miter",
        )
    _grid(ax, a, b)
    _endpoints(ax, a, b)


def draw_straight_line(ax, a, b) -> None:
    """Draw the straight segment from ``a`` to ``b`` and the two legs of its right triangle."""
    ax.plot([a[0], b[0]], [a[1], b[1]], color=L2_COLOR, linewidth=2.5)
    ax.plot([a[0], b[0], b[0]], [a[1], a[1], b[1]], color="0.4", linestyle=":", linewidth=1.5)
    _grid(ax, a, b)
    _endpoints(ax, a, b)


def _ball_style(p: float) -> dict:
    if p == 1:
        return {"color": L1_COLOR, "linestyle": "--"}
    if p == 2:
        return {"color": L2_COLOR, "linestyle": "-"}
    if p == np.inf:
        return {"color": COLORS["green"], "linestyle": "-."}
    if p < 1:
        return {"color": COLORS["purple"], "linestyle": ":"}
    others = [("orange", (0, (5, 1))), ("sky", (0, (3, 1, 1, 1)))]
    name, style = others[int(p > 2)]
    return {"color": COLORS[name], "linestyle": style}


def draw_unit_balls(ax, ps: Sequence[float] = BALL_PS, n_points: int = 401) -> None:
    """Draw the boundary of the 2-D unit ball for every p in ``ps`` on equal axes."""
    for p in ps:
        pts = unit_ball(p, n_points=n_points)
        label = t("p = {p} (not a norm)" if p < 1 else "p = {p}", p=format_p(p))
        ax.plot(pts[:, 0], pts[:, 1], label=label, **_ball_style(p))
    ax.axhline(0, color="0.6", linewidth=0.8)
    ax.axvline(0, color="0.6", linewidth=0.8)
    ax.set_aspect("equal")
    ax.set_xlim(-1.2, 1.2)
    ax.set_ylim(-1.2, 1.2)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")


def unit_ball_slider(x=(1.0, 0.5), values: Sequence[float] = P_VALUES) -> SliderFigure:
    """The interactive unit ball: a slider over p morphs the ball ``{v : ||v||_p <= 1}``.

    The faint dashed diamond (p = 1) and circle (p = 2) stay for reference. The
    point ``x`` is fixed; the hollow marker is ``x / ||x||_p``, where the ray through ``x``
    leaves the ball, so ``||x||_p`` is how many times longer ``x`` is than that point. The
    readout gives ``||x||_p`` (a quasi-norm, flagged as such, for p < 1).
    """
    x = np.asarray(x, dtype=float)
    fig, ax = new_figure(5.8, 3.5, dpi=100)
    start = unit_ball(values[0], n_points=201)
    # An opaque pale fill, and the reference curves drawn over it (so they stay visible).
    (fill,) = ax.fill(*start.T, color="#FBF1C4", linewidth=0, zorder=1)
    references = []
    for p in (1, 2):
        ref = unit_ball(p, n_points=201)
        style = _ball_style(p)
        (line,) = ax.plot(
            *ref.T, linewidth=1.4, alpha=0.7, zorder=2, label=t("p = {p}", p=p), **style
        )
        references.append(line)
    (edge,) = ax.plot(*start.T, color="black", linewidth=2.2, zorder=3, label=t("ball for p"))
    (ray,) = ax.plot([0, x[0]], [0, x[1]], color="0.4", linewidth=1.0, zorder=4)
    (point,) = ax.plot(*x, "o", color="black", markersize=6, zorder=4)
    ax.annotate("x", x, textcoords="offset points", xytext=(6, 4), fontsize=12)
    (exit_point,) = ax.plot(
        [], [], "o", markerfacecolor="white", color="black", markersize=7, zorder=4
    )
    p_text = ax.text(
        1.05, 0.92, "", transform=ax.transAxes, fontsize=16, fontweight="bold", va="top"
    )
    kind_text = ax.text(1.05, 0.76, "", transform=ax.transAxes, fontsize=11, va="top")
    ax.set_aspect("equal")
    ax.set_xlim(-1.25, 1.25)
    ax.set_ylim(-1.25, 1.25)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.legend(loc="lower left", bbox_to_anchor=(1.0, 0.0), fontsize=11, handlelength=1.6)

    def update(p: float) -> str:
        pts = unit_ball(p, n_points=201)
        fill.set_xy(pts)
        edge.set_data(pts[:, 0], pts[:, 1])
        size = float(lp_quasinorm(x, p=p))  # the Lp formula, p < 1 included
        exit_point.set_data([x[0] / size], [x[1] / size])
        p_text.set_text(t("p = {p}", p=format_p(p)))
        kind_text.set_text(t("quasi-norm:\nnot convex" if p < 1 else "a norm:\nconvex"))
        return t(
            "p = {p}: ‖x‖_p = {size:.3f} for x = ({x1:g}, {x2:g}), a quasi-norm, not a norm"
            if p < 1
            else "p = {p}: ‖x‖_p = {size:.3f} for x = ({x1:g}, {x2:g}), a norm",
            p=format_p(p),
            size=size,
            x1=x[0],
            x2=x[1],
        )

    freeze_static_parts(fig, [fill, *references, edge, ray, point, exit_point, p_text, kind_text])
    update(values[0])
    return SliderFigure(
        fig,
        update,
        values,
        label="p",
        format_value=format_p,
        initial=list(values).index(2.0) if 2.0 in values else 0,
        alt=t(
            "The unit ball of the Lp norm in the plane, drawn in black with a light fill, for "
            "the p chosen by the slider, over a faint dashed diamond (p = 1) and a faint circle "
            "(p = 2). A fixed point x = ({x1:g}, {x2:g}) and, on the ball, the point where the "
            "ray from the origin to x leaves it. Small p gives a star with inward-curved sides, "
            "p = 1 the diamond, p = 2 the circle, large p approaches the square.",
            x1=x[0],
            x2=x[1],
        ),
    )


def turning_slider(radius: float = 4.0, angles=tuple(range(0, 91, 5))) -> SliderFigure:
    r"""The first look's slider: ``b`` at L2 distance ``radius`` from ``a = 0`` turns by angle.

    A solid segment joins ``a`` and ``b`` (the L2 distance) and a dashed staircase goes along
    the axes (the L1 distance); the readout gives both and their ratio, which grows from 1
    on an axis to :math:`\sqrt 2` on the diagonal.

    >>> turning_slider().show_value(45)
    'angle 45°: L1 = 5.66, L2 = 4.00, L1/L2 = 1.414'
    """
    origin = np.zeros(2)
    fig, ax = new_figure(5.0, 4.2)
    ax.set_xlim(-0.5, radius + 1.0)
    ax.set_ylim(-0.5, radius + 1.0)
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    (straight,) = ax.plot([], [], color=L2_COLOR, linestyle="-", label=t("L2: straight segment"))
    (staircase,) = ax.plot([], [], color=L1_COLOR, linestyle="--", label=t("L1: along the axes"))
    (point,) = ax.plot([], [], "o", color="black")
    ax.plot([0], [0], "o", color="black")
    ax.annotate("a", (0, 0), textcoords="offset points", xytext=(-12, -12))
    # b's name moves with it (below right of the point, clear of the segment and staircase)
    name_b = ax.annotate("b", (0, 0), textcoords="offset points", xytext=(7, -15))
    ax.legend(loc="upper left")

    def show_angle(angle_deg) -> str:
        theta = np.deg2rad(angle_deg)
        b = radius * np.array([np.cos(theta), np.sin(theta)])
        straight.set_data([0, b[0]], [0, b[1]])
        staircase.set_data([0, b[0], b[0]], [0, 0, b[1]])
        point.set_data([b[0]], [b[1]])
        name_b.xy = (b[0], b[1])
        l1 = lp_distance(origin, b, p=1)
        l2 = lp_distance(origin, b, p=2)
        return t(
            "angle {angle:2d}°: L1 = {l1:.2f}, L2 = {l2:.2f}, L1/L2 = {ratio:.3f}",
            angle=angle_deg,
            l1=l1,
            l2=l2,
            ratio=l1 / l2,
        )

    return SliderFigure(
        fig,
        show_angle,
        np.asarray(angles),
        label=t("angle of b"),
        format_value=lambda v: f"{v}°",
        alt=t(
            "Point a at the origin and point b at straight-line distance {radius:g}. A "
            "solid segment joins them (L2) and a dashed staircase goes along the "
            "axes (L1); the slider turns b from the horizontal to the vertical.",
            radius=radius,
        ),
    )


SLIDERS = {"unit ball over p": unit_ball_slider, "turning b": turning_slider}
