"""A figure driven by one slider, live in Jupyter and still working in the static book.

:class:`SliderFigure` wraps a matplotlib figure and an ``update(value) -> readout`` function
that changes the figure's artists for a slider value and returns a short text.

* In Jupyter (a live kernel) it displays an ipywidgets slider; moving it calls ``update`` and
  re-renders the same figure to PNG (the figure is never rebuilt, so an update is fast).
* In the built book there is no kernel. The same output also carries a ``text/html`` version:
  every frame pre-rendered as a compact PNG, and a native ``<input type="range">`` that swaps
  them, run by the book's own ``_static/slider-figure.js`` (no CDN, no widget manager). The
  book's Sphinx config (``nb_mime_priority_overrides``) picks that ``text/html``.

The slider is labelled, keyboard-operable (arrow keys, Home/End) and announces its readout.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
from collections.abc import Callable, Sequence

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from lib.i18n import t

__all__ = ["SliderFigure", "freeze_static_parts", "timing_of_updates"]

#: Colours kept when frames are reduced to a palette; plots need few, and this keeps
#: anti-aliased edges smooth while making each frame several times smaller than RGB PNG.
PALETTE_COLORS = 64


def _png_bytes(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.canvas.print_png(buffer)
    return buffer.getvalue()


def _compact_png(png: bytes) -> bytes:
    """Re-encode a rendered frame as a palette PNG (small, and visually the same for plots)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    small = image.quantize(colors=PALETTE_COLORS, method=Image.Quantize.MEDIANCUT, dither=0)
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=True)
    return out.getvalue()


def freeze_static_parts(fig: Figure, dynamic) -> None:
    """Render everything but the ``dynamic`` artists once, and paint that as one image.

    Afterwards a redraw paints one stored picture plus the few ``dynamic`` artists, instead of
    laying out and rasterising every tick label, legend and reference curve again: this is
    what keeps a live slider update fast (the same idea as blitting), and the frames look
    the same. Layout and axes limits are frozen from then on, so call it after the figure is
    fully set up, and render at the figure's own size and dpi (as :class:`SliderFigure` does).

    >>> from lib.plots import new_figure
    >>> fig, ax = new_figure(2, 2, dpi=50)
    >>> (moving,) = ax.plot([0, 1], [0, 1])
    >>> freeze_static_parts(fig, [moving])
    >>> [a.get_visible() for a in (ax.xaxis, moving)]
    [False, True]
    """
    dynamic = set(dynamic)
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    for artist in dynamic:
        artist.set_visible(False)
    fig.canvas.draw()
    background = np.asarray(fig.canvas.buffer_rgba()).copy()
    fig.set_layout_engine("none")
    for ax in fig.axes:
        for child in ax.get_children():
            if child not in dynamic:
                child.set_visible(False)
        ax.patch.set_visible(False)
    for artist in dynamic:
        artist.set_visible(True)
    fig.patch.set_visible(False)
    fig.figimage(background, zorder=-10, origin="upper")


class SliderFigure:
    """A matplotlib figure with one slider over a fixed list of values.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure; create it with :func:`lib.plots.new_figure` so Jupyter does not also
        show it as a static image.
    update : callable
        ``update(value) -> str``: set the artists for ``value`` and return the readout text.
    values : sequence
        The slider positions, in order (numbers, or anything ``update`` understands).
    label : str
        What the slider sets, shown beside it and read by screen readers (e.g. ``"p"``).
    alt : str
        Alternative text for the figure.
    format_value : callable, optional
        Text for a value on the slider (default ``str``).
    initial : int, default 0
        Index of the value shown first.

    Examples
    --------
    >>> from lib.plots import new_figure
    >>> fig, ax = new_figure(2, 2)
    >>> (line,) = ax.plot([0, 1], [0, 0])
    >>> def update(slope):
    ...     line.set_ydata([0, slope])
    ...     return f"slope {slope}"
    >>> sf = SliderFigure(fig, update, [0, 1, 2], label="slope", alt="a line")
    >>> sf.show_value(2)
    'slope 2'
    >>> '<input type="range"' in sf.static_html()
    True
    """

    def __init__(
        self,
        fig: Figure,
        update: Callable[[object], str],
        values: Sequence,
        *,
        label: str,
        alt: str,
        format_value: Callable[[object], str] = str,
        initial: int = 0,
    ) -> None:
        if not isinstance(fig, Figure):
            raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
        if not callable(update):
            raise TypeError("update must be callable: update(value) -> readout text")
        values = list(values)
        if len(values) < 2:
            raise ValueError(f"a slider needs at least 2 values, got {len(values)}")
        if not 0 <= initial < len(values):
            raise ValueError(f"initial must be an index in [0, {len(values) - 1}], got {initial}")
        if not label or not alt:
            raise ValueError("label and alt must be non-empty: the slider and figure need names")
        if fig.canvas is None or not isinstance(fig.canvas, FigureCanvasAgg):
            FigureCanvasAgg(fig)
        self.fig = fig
        self.update = update
        self.values = values
        self.label = label
        self.alt = alt
        self.format_value = format_value
        self.initial = initial

    # -- drawing -----------------------------------------------------------------------
    def show_value(self, value) -> str:
        """Apply ``update`` for ``value`` and return its readout (no rendering)."""
        readout = self.update(value)
        if not isinstance(readout, str):
            raise TypeError(f"update must return the readout text, got {type(readout).__name__}")
        return readout

    def render(self, value) -> tuple[bytes, str]:
        """Update for ``value`` and render: ``(png_bytes, readout)``. This is one live step."""
        readout = self.show_value(value)
        return _png_bytes(self.fig), readout

    # -- the static book -----------------------------------------------------------------
    def _frames(self) -> tuple[list[str], list[int], list[str]]:
        """Unique compact frames as data URIs, the frame index of each value, the readouts."""
        uris: list[str] = []
        seen: dict[bytes, int] = {}
        index: list[int] = []
        readouts: list[str] = []
        for value in self.values:
            png, readout = self.render(value)
            digest = hashlib.sha256(png).digest()
            if digest not in seen:  # identical frames are stored once
                seen[digest] = len(uris)
                encoded = base64.b64encode(_compact_png(png)).decode()
                uris.append("data:image/png;base64," + encoded)
            index.append(seen[digest])
            readouts.append(readout)
        self.show_value(self.values[self.initial])
        return uris, index, readouts

    def static_html(self) -> str:
        """The self-contained HTML version: frames, a labelled range input and a readout."""
        uris, index, readouts = self._frames()
        labels = [self.format_value(v) for v in self.values]
        # A stable id (no randomness), so the stored output is the same on every run.
        key = hashlib.sha256(json.dumps([self.label, labels, readouts]).encode()).hexdigest()[:10]
        data = json.dumps({"frames": uris, "index": index, "labels": labels, "readouts": readouts})
        data = data.replace("</", "<\\/")  # JSON inside <script> must not close the tag
        width, height = (self.fig.get_size_inches() * self.fig.dpi).round().astype(int)
        i0 = self.initial
        esc = html.escape
        return (
            f'<figure class="slider-figure" id="sf-{key}">\n'
            f'<img class="slider-figure-frame" src="{uris[index[i0]]}" alt="{esc(self.alt)}" '
            f'width="{width}" height="{height}">\n'
            f'<div class="slider-figure-controls">\n'
            f'<label for="sf-{key}-input">{esc(self.label)}</label>\n'
            f'<input type="range" id="sf-{key}-input" min="0" max="{len(self.values) - 1}" '
            f'step="1" value="{i0}" aria-valuetext="{esc(labels[i0])}">\n'
            f'<span class="slider-figure-value">{esc(labels[i0])}</span>\n'
            f"</div>\n"
            f'<output for="sf-{key}-input" class="slider-figure-readout" aria-live="polite">'
            f"{esc(readouts[i0])}</output>\n"
            f'<script type="application/json" class="slider-figure-data">'
            f"{data}</script>\n"
            f"</figure>"
        )

    # -- Jupyter -------------------------------------------------------------------------
    def widget(self):
        """The live ipywidgets version (needs a running kernel)."""
        import ipywidgets as w

        options = [(self.format_value(v), i) for i, v in enumerate(self.values)]
        slider = w.SelectionSlider(
            options=options,
            value=self.initial,
            description=self.label,
            continuous_update=True,
            layout=w.Layout(width="95%"),
            style={"description_width": "initial"},
        )
        png, readout = self.render(self.values[self.initial])
        width = int(round(self.fig.get_size_inches()[0] * self.fig.dpi))
        # At its own pixel width (JupyterLab would otherwise stretch it to the cell's width).
        image = w.Image(
            value=png, format="png", layout=w.Layout(width=f"{width}px", max_width="100%")
        )
        text = w.HTML(value=html.escape(readout))

        def on_change(change) -> None:
            png, readout = self.render(self.values[change["new"]])
            image.value = png
            text.value = html.escape(readout)

        slider.observe(on_change, names="value")
        return w.VBox([image, slider, text])

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        bundle = dict(self.widget()._repr_mimebundle_(include=include, exclude=exclude))
        bundle["text/html"] = self.static_html()
        bundle["text/plain"] = t(
            "SliderFigure({label!r}, {count} values): run the notebook in Jupyter for the "
            "live slider",
            label=self.label,
            count=len(self.values),
        )
        return bundle


def timing_of_updates(figure: SliderFigure, repeats: int = 3) -> np.ndarray:
    """Seconds per live update (update + render) for every slider value, ``repeats`` times.

    Used by ``make bench``; not a test.

    >>> from lib.plots import new_figure
    >>> fig, ax = new_figure(2, 2, dpi=50)
    >>> sf = SliderFigure(fig, lambda v: f"v = {v}", [0, 1], label="v", alt="an empty plot")
    >>> timing_of_updates(sf, repeats=2).shape
    (4,)
    """
    import time

    times = []
    for _ in range(repeats):
        for value in figure.values:
            start = time.perf_counter()
            figure.render(value)
            times.append(time.perf_counter() - start)
    figure.show_value(figure.values[figure.initial])
    return np.array(times)
