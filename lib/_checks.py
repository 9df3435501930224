"""Input validation shared by every numeric module.

Each public function turns its inputs into float arrays through these helpers, so a
bad input fails in one place with a message that says what was wrong and what is allowed.
"""

from __future__ import annotations

import numbers

import numpy as np


def as_float_array(x, name: str, *, allow_empty: bool = False) -> np.ndarray:
    """Return ``x`` as a float array; reject text, NaN, inf and (by default) empty input."""
    if x is None or isinstance(x, (str, bytes)):
        raise TypeError(f"{name} must be numeric array-like, got {type(x).__name__}")
    try:
        arr = np.asarray(x, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be numeric array-like: {exc}") from None
    if arr.size == 0 and not allow_empty:
        raise ValueError(f"{name} is empty; at least one value is needed")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or inf; only finite values are allowed")
    return arr


def same_shape(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Raise ``ValueError`` unless ``a`` and ``b`` have identical shapes (no broadcasting)."""
    if a.shape != b.shape:
        raise ValueError(
            f"{name_a} and {name_b} must have the same shape, got {a.shape} and {b.shape}"
        )


def real_number(value, name: str) -> float:
    """Return ``value`` as a float, rejecting non-numbers (and bools) and NaN."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {value!r}")
    value = float(value)
    if np.isnan(value):
        raise ValueError(f"{name} must not be NaN")
    return value


def non_negative(value, name: str) -> float:
    """Return ``value`` as a finite float >= 0."""
    value = real_number(value, name)
    if not np.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number >= 0, got {value}")
    return value


def positive(value, name: str) -> float:
    """Return ``value`` as a finite float > 0."""
    value = real_number(value, name)
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {value}")
    return value


def integer_at_least(value, name: str, minimum: int) -> int:
    """Return ``value`` as an int >= ``minimum``; bools and non-integers are a TypeError."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)
