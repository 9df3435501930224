"""The book's figure style: one colour-blind-safe palette, sizes for the screen.

Call :func:`set_style` once at the top of a chapter. Colours come from the Okabe–Ito palette
(Okabe & Ito 2008, "Color Universal Design"), which stays distinguishable under the common
colour-vision deficiencies; line styles differ as well, so no figure relies on colour alone.
"""

from __future__ import annotations

import matplotlib as mpl
from cycler import cycler
from matplotlib.figure import Figure

from lib._checks import integer_at_least, positive

__all__ = ["COLORS", "L1_COLOR", "L2_COLOR", "HUBER_COLOR", "set_style", "new_figure"]

#: Okabe–Ito colours, by name.
COLORS = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}

# One colour per idea, used the same way in every chapter.
L1_COLOR = COLORS["vermillion"]
L2_COLOR = COLORS["blue"]
HUBER_COLOR = COLORS["green"]

_STYLE = {
    "axes.prop_cycle": cycler(
        color=[COLORS[k] for k in ("blue", "vermillion", "green", "orange", "purple", "sky")]
    )
    + cycler(linestyle=["-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1))]),
    "figure.figsize": (6.4, 4.0),
    "figure.dpi": 100,
    "savefig.dpi": "figure",
    "figure.facecolor": "white",
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "font.size": 11,
    "legend.frameon": False,
    "lines.linewidth": 2.0,
}


def set_style() -> None:
    """Apply the book's matplotlib style (palette, sizes, grid) to pyplot figures.

    >>> set_style()
    >>> mpl.rcParams["axes.prop_cycle"].by_key()["color"][:2] == [L2_COLOR, L1_COLOR]
    True
    """
    mpl.rcParams.update(_STYLE)


def new_figure(width: float = 6.4, height: float = 4.0, dpi: int = 100, **subplots) -> tuple:
    """A figure that pyplot does not manage (so Jupyter does not display it by itself).

    Used for interactive figures, which draw their own frames. Returns ``(fig, axes)``.

    >>> fig, ax = new_figure(3, 2)
    >>> fig.get_size_inches().tolist()
    [3.0, 2.0]
    """
    width, height = positive(width, "width"), positive(height, "height")
    dpi = integer_at_least(dpi, "dpi", 1)
    with mpl.rc_context(_STYLE):
        fig = Figure(figsize=(width, height), dpi=dpi, layout="constrained")
        axes = fig.subplots(**subplots)
    return fig, axes
