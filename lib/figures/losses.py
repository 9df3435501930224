r"""Figures of the chapter "Losses" (chapters/02_losses).

The numbers come from the numeric modules: :func:`lib.losses.constant_descent` (fixed-step
descent on a constant model), :func:`lib.robust.fit_all` (the six fits of one data set) and
:func:`lib.robust.line_shift` (how far a line moved); this module only draws.

Figure builders: :func:`plot_constant_losses`, :func:`plot_abs_and_square`,
:func:`plot_descent`, :func:`plot_influence`, :func:`plot_fit_movement`,
:func:`plot_huber_bridge`, :func:`plot_leverage` draw on given axes;
:func:`outlier_slider` builds the chapter's interactive figure (listed in :data:`SLIDERS`).
"""

from __future__ import annotations

import numpy as np

from lib.i18n import t
from lib.losses import constant_descent, mae, mse
from lib.plots import COLORS, HUBER_COLOR, L1_COLOR, L2_COLOR, new_figure
from lib.robust import fit_all, fit_constant, fit_line, influence, line_shift
from lib.widgets import SliderFigure, freeze_static_parts

__all__ = [
    "OUTLIER_X",
    "OUTLIER_Y",
    "OUTLIER_INDEX",
    "OUTLIER_SHIFTS",
    "OUTLIER_DELTA",
    "moved_data",
    "plot_constant_losses",
    "plot_abs_and_square",
    "plot_descent",
    "plot_influence",
    "plot_fit_movement",
    "plot_huber_bridge",
    "plot_leverage",
    "outlier_slider",
    "SLIDERS",
]

# ----------------------------------------------------------------------------- the data

#: The outlier slider's data: ten points near the line y = 1 + 0.5 x (seed 4).
OUTLIER_X = np.arange(10.0)
OUTLIER_Y = np.round(1.0 + 0.5 * OUTLIER_X + np.random.default_rng(4).normal(0.0, 0.4, 10), 2)
#: The point the slider drags upwards.
OUTLIER_INDEX = 5
#: How far it is dragged (25 positions, in the units of y).
OUTLIER_SHIFTS = np.arange(0.0, 25.0)
#: Huber threshold used in the chapter (in the units of y).
OUTLIER_DELTA = 1.0


def moved_data(shift: float) -> np.ndarray:
    """``OUTLIER_Y`` with the point ``OUTLIER_INDEX`` moved up by ``shift``.

    >>> float(moved_data(3.0)[OUTLIER_INDEX] - OUTLIER_Y[OUTLIER_INDEX])
    3.0
    """
    y = OUTLIER_Y.copy()
    y[OUTLIER_INDEX] += shift
    return y


# ----------------------------------------------------------------------------- static figures


def plot_constant_losses(axes, y) -> None:
    """MAE(c) (left panel) and MSE(c) (right panel) over c, median and mean marked.

    Two panels, each with its own y scale, so that no one compares the heights of two
    different losses; the x axes are shared and the data are dots on both.
    """
    y = np.asarray(y, dtype=float)
    c = np.linspace(y.min() - 1.0, y.max() + 1.0, 401)
    med, mean = fit_constant(y, "l1"), fit_constant(y, "l2")
    ax_mae, ax_mse = axes
    for ax, loss, name, color, style, target, label in (
        (ax_mae, mae, "MAE(c)", L1_COLOR, "--", med, t("median")),
        (ax_mse, mse, "MSE(c)", L2_COLOR, "-", mean, t("mean")),
    ):
        values = np.array([loss(y, np.full_like(y, v)) for v in c])
        ax.plot(c, values, color=color, linestyle=style)
        ax.axvline(target, color=color, linestyle=":", linewidth=1.5)
        ax.plot(y, np.zeros_like(y), "o", color="black", clip_on=False)
        ax.set_ylim(0.0, 1.15 * values.max())
        ax.set_xlabel(t("constant prediction c"))
        ax.set_title(name, color=color)
        ax.text(
            target,
            0.93,
            f" {label} {target:.1f}",
            color=color,
            ha="left",
            va="top",
            transform=ax.get_xaxis_transform(),
        )


def plot_abs_and_square(axes) -> None:
    """Two panels: |r| and r^2 (left), their (sub)gradients (right), the set [-1, 1] at 0."""
    r = np.linspace(-2.0, 2.0, 401)
    left, right = axes
    left.plot(r, np.abs(r), color=L1_COLOR, linestyle="--", label="$|r|$")
    left.plot(r, r**2, color=L2_COLOR, linestyle="-", label="$r^2$")
    left.set_xlabel(t("residual r"))
    left.set_title(t("loss of one point"))
    left.legend(loc="upper center")
    neg, pos = r[r < 0], r[r > 0]
    right.plot(neg, -np.ones_like(neg), color=L1_COLOR, linestyle="--", label=t("sign(r)"))
    right.plot(pos, np.ones_like(pos), color=L1_COLOR, linestyle="--")
    right.plot(
        [0, 0],
        [-1, 1],
        color=L1_COLOR,
        linewidth=5,
        alpha=0.45,
        label=t("subgradients at 0: [-1, 1]"),
    )
    right.plot(r, 2 * r, color=L2_COLOR, linestyle="-", label="$2r$")
    right.set_ylim(-2.5, 2.5)
    right.set_xlabel(t("residual r"))
    right.set_title(t("(sub)gradient"))
    right.legend(loc="upper left", fontsize=10)


def plot_descent(
    ax, y, *, c0: float, learning_rate: float, n_steps: int, learning_rate_mse=None
) -> None:
    """Iterates of :func:`constant_descent` for MAE and MSE, with the median and the mean.

    ``learning_rate_mse`` (default: ``learning_rate``) is the MSE's own step size.
    """
    rates = {
        "mae": learning_rate,
        "mse": learning_rate if learning_rate_mse is None else learning_rate_mse,
    }
    k = np.arange(n_steps + 1)
    for loss, color, style, target in (
        ("mae", L1_COLOR, "--", fit_constant(y, "l1")),
        ("mse", L2_COLOR, "-", fit_constant(y, "l2")),
    ):
        path = constant_descent(y, loss, c0=c0, learning_rate=rates[loss], n_steps=n_steps)
        name = t("median") if loss == "mae" else t("mean")
        label = t("{loss} iterates", loss=loss.upper())
        ax.plot(k, path, color=color, linestyle=style, marker=".", label=label)
        ax.axhline(target, color=color, linestyle=":", linewidth=1.2, label=f"{name} {target:.2f}")
    ax.set_xlabel(t("step k"))
    ax.set_ylabel("$c_k$")
    ax.legend(loc="upper right", fontsize=10)


def plot_influence(ax, deltas=(0.5, 1.5)) -> None:
    r"""The influence psi(r) of one point for L2, L1 and Huber (for each delta).

    One convention for all curves: the L2 loss is drawn as :math:`\tfrac12 r^2`, the scaling
    of Huber's quadratic zone, so :math:`\psi = r` (half of ``influence(r, "l2")`` = 2r;
    halving a loss does not change its fit) and Huber's middle lies on the L2 line.
    """
    r = np.linspace(-4.0, 4.0, 401)
    half_l2 = influence(r, "l2") / 2.0
    ax.plot(r, half_l2, color=L2_COLOR, linestyle="-", label=r"L2, $\rho = r^2/2$: $r$")
    ax.plot(r, influence(r, "l1"), color=L1_COLOR, linestyle="--", label=t(r"L1: sign$(r)$"))
    for delta, style in zip(deltas, ("-.", ":"), strict=False):
        ax.plot(
            r,
            influence(r, "huber", delta=delta),
            color=HUBER_COLOR,
            linestyle=style,
            label=t(r"Huber, $\delta$ = {delta}", delta=delta),
        )
    ax.set_ylim(-4.0, 4.0)
    ax.set_xlabel(t("residual r of one point"))
    ax.set_ylabel(t(r"influence $\psi(r)$"))
    ax.legend(loc="upper left")


def plot_fit_movement(ax, shifts=None, *, delta: float = OUTLIER_DELTA) -> dict:
    """How far each fit moves as the point ``OUTLIER_INDEX`` is dragged up; returns the curves."""
    shifts = OUTLIER_SHIFTS if shifts is None else np.asarray(shifts, dtype=float)
    base = fit_all(OUTLIER_X, OUTLIER_Y, delta=delta)
    xr = (OUTLIER_X.min(), OUTLIER_X.max())
    curves = {"least squares": [], "least absolute deviations": [], "Huber": []}
    for s in shifts:
        f = fit_all(OUTLIER_X, moved_data(s), delta=delta)
        curves["least squares"].append(line_shift(f.least_squares, base.least_squares, xr))
        curves["least absolute deviations"].append(
            line_shift(f.least_absolute, base.least_absolute, xr)
        )
        curves["Huber"].append(line_shift(f.huber_line, base.huber_line, xr))
    curves = {k: np.array(v) for k, v in curves.items()}
    labels = {
        "least squares": t("least squares"),
        "least absolute deviations": t("least absolute deviations"),
        "Huber": t("Huber"),
    }
    for (name, values), color, style in zip(
        curves.items(), (L2_COLOR, L1_COLOR, HUBER_COLOR), ("-", "--", "-."), strict=True
    ):
        ax.plot(shifts, values, color=color, linestyle=style, label=labels[name])
    ax.set_xlabel(t("how far the point was dragged, s"))
    ax.set_ylabel(t("largest change of the fitted line"))
    ax.legend(loc="upper left")
    return curves


def plot_leverage(ax, x, y, index: int, bad_x: float, *, delta: float = OUTLIER_DELTA):
    """One point's x moved to ``bad_x`` (y unchanged): the three lines fitted to the bad data.

    The point's true position is a hollow circle, its recorded one an orange diamond; the
    least-squares, least-absolute-deviations and Huber lines (``delta``) are drawn for the
    data with the wrong x. Returns the three fits ``(least squares, LAD, Huber)``.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    x_bad = x.copy()
    x_bad[index] = bad_x
    others = np.delete(np.arange(x.size), index)
    ax.plot(x[others], y[others], "o", color="black", markersize=5)
    ax.plot([x[index]], [y[index]], "o", mfc="none", color="0.5", markersize=8)
    ax.plot([bad_x], [y[index]], "D", color=COLORS["orange"], markersize=8)
    ax.annotate(
        t("x entered wrongly"),
        (bad_x, y[index]),
        textcoords="offset points",
        xytext=(-12, -10),
        ha="right",
        va="top",  # below the diamond, clear of the lines that run into it from the left
    )
    xs = np.array([x_bad.min() - 1.0, x_bad.max() + 1.0])
    fits = []
    for loss, color, style, name in (
        ("l2", L2_COLOR, "-", t("least squares")),
        ("l1", L1_COLOR, "--", t("least abs. dev.")),
        ("huber", HUBER_COLOR, "-.", t("Huber")),
    ):
        fit = fit_line(x_bad, y, loss, delta=delta)
        fits.append(fit)
        ax.plot(xs, fit.intercept + fit.slope * xs, color=color, linestyle=style, label=name)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend(loc="upper right")
    return tuple(fits)


def plot_huber_bridge(ax, y, deltas) -> np.ndarray:
    """The Huber constant as delta grows, between the median and the mean; returns it."""
    deltas = np.asarray(deltas, dtype=float)
    h = np.array([fit_constant(y, "huber", delta=d) for d in deltas])
    ax.plot(deltas, h, color=HUBER_COLOR, linestyle="-.", label=t("Huber constant"))
    ax.axhline(fit_constant(y, "l1"), color=L1_COLOR, linestyle="--", label=t("median (L1)"))
    ax.axhline(fit_constant(y, "l2"), color=L2_COLOR, linestyle="-", label=t("mean (L2)"))
    ax.set_xscale("log")
    ax.set_xlabel(t(r"Huber threshold $\delta$"))
    ax.set_ylabel(t("fitted constant"))
    ax.legend(loc="center right")
    return h


# ----------------------------------------------------------------------------- the slider


def outlier_slider() -> SliderFigure:
    """The outlier slider: drag one point up, watch the constants and the lines move.

    Left panel: the constant fits (mean, median, Huber). Right panel: the fitted lines
    (least squares, least absolute deviations, Huber). Every slider step refits all six
    through :mod:`lib.robust` (:func:`fit_all`); the readout says how far each fit moved
    from its position at ``s = 0`` (``s`` is the shift; the book keeps ``d`` for dimensions).
    The static parts are drawn once (:func:`lib.widgets.freeze_static_parts`), so an update
    redraws only the point and six lines.
    """
    x, delta, i = OUTLIER_X, OUTLIER_DELTA, OUTLIER_INDEX
    base = fit_all(x, OUTLIER_Y, delta=delta)
    xr = (x.min(), x.max())
    xs = np.array(xr)
    fig, (axc, axl) = new_figure(6.4, 3.9, dpi=90, ncols=2, sharey=True)
    top = OUTLIER_Y[i] + OUTLIER_SHIFTS[-1] + 1.5
    styles = ((L2_COLOR, "-"), (L1_COLOR, "--"), (HUBER_COLOR, "-."))
    names_c = (t("mean"), t("median"), t("Huber"))
    names_l = (t("least squares"), t("least abs. dev."), t("Huber"))
    points, const_lines, fit_lines = [], [], []
    for ax, title in ((axc, t("fit a constant")), (axl, t("fit a line"))):
        ax.set_title(title, fontsize=11)
        ax.set_xlim(-0.5, 9.5)
        ax.set_ylim(-1.0, top)
        ax.set_xlabel("x")
        others = np.delete(np.arange(x.size), i)
        ax.plot(x[others], OUTLIER_Y[others], "o", color="black", markersize=4)
        ax.plot([x[i]], [OUTLIER_Y[i]], "o", mfc="none", color="0.6", markersize=6)
        points.append(ax.plot([], [], "D", color=COLORS["orange"], markersize=7)[0])
    for (color, style), nc, nl in zip(styles, names_c, names_l, strict=True):
        const_lines.append(axc.plot(xs, [0, 0], color=color, linestyle=style, label=nc)[0])
        fit_lines.append(axl.plot(xs, [0, 0], color=color, linestyle=style, label=nl)[0])
    axc.set_ylabel("y")
    axc.legend(loc="upper left", fontsize=10)
    axl.legend(loc="upper left", fontsize=10)
    freeze_static_parts(fig, points + const_lines + fit_lines)

    def update(shift) -> str:
        y = moved_data(shift)
        f = fit_all(x, y, delta=delta)
        for point in points:
            point.set_data([x[i]], [y[i]])
        for artist, value in zip(const_lines, f[:3], strict=True):
            artist.set_ydata([value, value])
        for artist, line in zip(fit_lines, f[3:], strict=True):
            artist.set_ydata(line[0] + line[1] * xs)
        moved_c = [abs(a - b) for a, b in zip(f[:3], base[:3], strict=True)]
        moved_l = [line_shift(a, b, xr) for a, b in zip(f[3:], base[3:], strict=True)]
        return t(
            "point dragged up by s = {shift:.0f}. Constant moved: mean {mean:.2f}, "
            "median {median:.2f}, Huber {huber_c:.2f}. "
            "Line moved (largest change): least squares {ls:.2f}, "
            "least abs. dev. {lad:.2f}, Huber {huber_l:.2f}",
            shift=shift,
            mean=moved_c[0],
            median=moved_c[1],
            huber_c=moved_c[2],
            ls=moved_l[0],
            lad=moved_l[1],
            huber_l=moved_l[2],
        )

    return SliderFigure(
        fig,
        update,
        list(OUTLIER_SHIFTS),
        label=t("drag the point up by s"),
        format_value=lambda v: f"s = {v:.0f}",
        alt=t(
            "Two panels with ten data points near a rising line; one point (an orange "
            "diamond) is dragged upward by the slider. Left: horizontal lines for the mean "
            "(solid), median (dashed) and Huber constant (dash-dot). Right: the least-squares "
            "(solid), least-absolute-deviations (dashed) and Huber (dash-dot) lines. As the "
            "point rises the mean and the least-squares line follow it; the others barely move."
        ),
    )


SLIDERS = {"outlier slider (losses)": outlier_slider}
