"""Builders of the chapters' figures, one module per chapter.

Each module exposes ``SLIDERS``: a dict mapping a readable name to a zero-argument function
that builds that chapter's interactive :class:`lib.widgets.SliderFigure`. The notebooks call
the builders; ``make bench`` times every slider's live update through ``SLIDERS``.
"""
