"""Compare the figures a notebook stores with the figures its code draws today.

nbval compares text outputs only (``image/png`` is skipped unless nbdime is used, and the
slider frames embedded in ``text/html`` are blanked by ``tests/nbval_sanitize.cfg``). The hook
in ``chapters/conftest.py`` calls :func:`compare_cell_figures` after nbval has executed a cell,
on the outputs that one execution produced, so nothing runs twice.

The test for "the same picture"
    Both PNGs are decoded to 8-bit RGB (transparency composited on white). Different sizes
    fail. Each channel of both images is smoothed with a Gaussian of ``BLUR`` pixels, and a pixel
    *differs* when a channel of the two smoothed images differs by more than ``TOLERANCE`` levels
    (of 255). The images differ when more than ``MAX_DIFFERING_PIXELS`` pixels differ.

    Calibrated on figures at the book's size and dpi (512x320 px; tests/test_figure_compare.py
    keeps the cases): scaling every coordinate by 1 + 1e-9 (far more than a BLAS last digit)
    changes 561 raw pixels by antialiasing, 1 + 1e-4 changes 2451 pixels by at most 12 levels,
    a 0.1-pixel shift of every curve: all pass. What fails: the subscript of an axis label
    changed from 1 to 2 (14 pixels differ), a 0.3-pixel shift of every curve (775), the L1 ball
    drawn solid instead of dashed (752), a curve 3 % wider (2357), an x-limit moved from -1.2 to
    -1.21 (7737). The smoothing keeps the test blind to antialiasing, not to a moved line: a
    change in the data that moves a curve by a third of a pixel is a change, and
    ``make outputs`` stores it.
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image
from scipy import ndimage

BLUR = 0.5  # pixels (Gaussian sigma)
TOLERANCE = 32  # levels out of 255, per channel, after smoothing
MAX_DIFFERING_PIXELS = 6
_EMBEDDED_PNG = re.compile(r"data:image/png;base64,([A-Za-z0-9+/=\s]+)")


@dataclass(frozen=True)
class ImageDifference:
    """Why two PNGs are not the same picture; ``box`` is (left, top, right, bottom) in pixels."""

    reason: str
    differing_pixels: int = 0
    box: tuple[int, int, int, int] | None = None

    def where(self, width: int, height: int) -> str:
        if self.box is None:
            return ""
        left, top, right, bottom = self.box
        columns = ["left", "centre", "right"]
        rows = ["top", "middle", "bottom"]
        col = columns[min(2, 3 * (left + right) // (2 * width))]
        row = rows[min(2, 3 * (top + bottom) // (2 * height))]
        return f"pixels x {left}-{right}, y {top}-{bottom} ({row} {col} of the image)"


def decode_png(data: str | bytes) -> np.ndarray:
    """Decode a PNG (raw bytes or base64 text as stored in a notebook) to uint8 RGB.

    Transparent pixels are composited on white, as the page shows them.
    """
    if isinstance(data, str):
        data = base64.b64decode(data)
    with Image.open(io.BytesIO(data)) as image:
        rgba = np.asarray(image.convert("RGBA"), dtype=np.float64)
    alpha = rgba[..., 3:] / 255.0
    return np.round(rgba[..., :3] * alpha + 255.0 * (1.0 - alpha)).astype(np.uint8)


def differing_pixels(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Boolean map of the pixels where the smoothed images differ by more than TOLERANCE.

    Smoothing is linear, so the smoothed difference is the smoothed difference image, and it
    is zero far from any changed pixel: only the box around the changed pixels is smoothed.
    """
    mask = np.zeros(a.shape[:2], dtype=bool)
    changed = (a != b).any(axis=2)
    if not changed.any():
        return mask
    margin = int(np.ceil(4 * BLUR)) + 1
    rows, cols = np.flatnonzero(changed.any(axis=1)), np.flatnonzero(changed.any(axis=0))
    top, bottom = max(rows[0] - margin, 0), min(rows[-1] + margin + 1, a.shape[0])
    left, right = max(cols[0] - margin, 0), min(cols[-1] + margin + 1, a.shape[1])
    diff = a[top:bottom, left:right].astype(float) - b[top:bottom, left:right]
    smooth = np.stack(
        [ndimage.gaussian_filter(diff[..., c], BLUR, mode="constant") for c in range(3)], -1
    )
    mask[top:bottom, left:right] = (np.abs(smooth) > TOLERANCE).any(axis=2)
    return mask


def compare_images(expected: np.ndarray, actual: np.ndarray) -> ImageDifference | None:
    """Return None when two RGB images show the same picture, else what differs and where.

    >>> blank = np.full((20, 30, 3), 255, dtype=np.uint8)
    >>> line = blank.copy(); line[10, 2:28] = 0
    >>> compare_images(line, line) is None
    True
    >>> compare_images(blank, line).reason
    '26 pixels differ'
    """
    if expected.shape != actual.shape:
        return ImageDifference(
            f"size changed from {expected.shape[1]}x{expected.shape[0]} to "
            f"{actual.shape[1]}x{actual.shape[0]} pixels (width x height)"
        )
    differs = differing_pixels(expected, actual)
    count = int(differs.sum())
    if count <= MAX_DIFFERING_PIXELS:
        return None
    rows = np.flatnonzero(differs.any(axis=1))
    cols = np.flatnonzero(differs.any(axis=0))
    box = (int(cols[0]), int(rows[0]), int(cols[-1]), int(rows[-1]))
    return ImageDifference(f"{count} pixels differ", count, box)


def figures_of(outputs) -> list[tuple[str, str]]:
    """Every PNG in a cell's outputs as ``(label, base64)``, in output order.

    ``image/png`` outputs and the PNG frames embedded in ``text/html`` (the static slider
    frames of ``lib.widgets``) are both returned; the label says which output and frame it is.
    """
    found = []
    for index, output in enumerate(outputs):
        data = output.get("data", {})
        if "image/png" in data:
            found.append((f"output {index} image/png", "".join(data["image/png"])))
        html = data.get("text/html")
        if html:
            html = "".join(html)
            for frame, match in enumerate(_EMBEDDED_PNG.finditer(html)):
                found.append((f"output {index} text/html frame {frame}", match.group(1)))
    return found


def compare_cell_figures(expected_outputs, actual_outputs, save_dir: Path) -> list[str]:
    """Compare the figures of a stored cell with a fresh execution; describe each mismatch.

    For every mismatch the stored image, the new one and a map of the differing pixels (red)
    are written to ``save_dir`` as ``<label>-expected.png``, ``-actual.png`` and ``-diff.png``.
    """
    expected = figures_of(expected_outputs)
    actual = figures_of(actual_outputs)
    if [label for label, _ in expected] != [label for label, _ in actual]:
        return [
            "the figures differ in number or kind: stored "
            f"{[label for label, _ in expected]}, drawn now {[label for label, _ in actual]}"
        ]
    problems = []
    for (label, stored), (_, drawn) in zip(expected, actual, strict=True):
        if stored == drawn:
            continue
        old, new = decode_png(stored), decode_png(drawn)
        difference = compare_images(old, new)
        if difference is None:
            continue
        save_dir.mkdir(parents=True, exist_ok=True)
        stem = re.sub(r"[^\w-]+", "_", label)
        Image.fromarray(old).save(save_dir / f"{stem}-expected.png")
        Image.fromarray(new).save(save_dir / f"{stem}-actual.png")
        if old.shape == new.shape:
            marked = (0.3 * old + 0.7 * 255).astype(np.uint8)
            mask = differing_pixels(old, new)
            marked[mask] = (220, 0, 0)
            Image.fromarray(marked).save(save_dir / f"{stem}-diff.png")
        where = difference.where(old.shape[1], old.shape[0])
        problems.append(
            f"{label}: {difference.reason}{'; ' + where if where else ''}; "
            f"see {save_dir / stem}-{{expected,actual,diff}}.png"
        )
    return problems
