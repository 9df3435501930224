"""How big a figure's smallest text is as the reader sees it (shared by the figure tests)."""

from __future__ import annotations

import matplotlib.text

#: The book's text column at a 1280-px window, and on a 390-px phone (sphinx-book-theme 1.3).
COLUMN_PX, PHONE_PX = 700, 358


def smallest_text_px(fig, column: float | None = None) -> float:
    """Smallest font size among the visible texts of ``fig``, in pixels.

    In pixels of the figure's own PNG, or, given a ``column`` width, as shown in that column
    (images are only ever shrunk to fit, never enlarged).
    """
    fig.canvas.draw()
    texts = [t for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text()]
    width = fig.get_size_inches()[0] * fig.dpi
    scale = 1.0 if column is None else min(1.0, column / width)
    return min(t.get_fontsize() for t in texts) * fig.dpi / 72.0 * scale
