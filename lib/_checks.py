"""Input validation shared by every numeric module.

Each public function turns its inputs into float arrays and checked scalars through these
helpers, so a bad input fails in one place with a message that names the argument, says what
was wrong and what is allowed. :func:`finite_result` is the matching check on the way out: a
result too large for float64 is refused with a message instead of being returned as inf.
"""

from __future__ import annotations

import numbers

import numpy as np

#: The largest float64, quoted in overflow messages.
FLOAT_MAX = float(np.finfo(float).max)


def as_float_array(x, name: str, *, allow_empty: bool = False) -> np.ndarray:
    """Return ``x`` as a float array; reject text, complex numbers, NaN, inf and empty input.

    Text is refused even when it spells a number (``["3", "4"]``): numbers must be numbers.

    >>> as_float_array([1, 2], "x")
    array([1., 2.])
    >>> as_float_array(["3", "4"], "x")
    Traceback (most recent call last):
    ...
    TypeError: x must be numeric array-like, got text ('<U1' values)
    """
    if x is None or isinstance(x, (str, bytes)):
        raise TypeError(f"{name} must be numeric array-like, got {type(x).__name__}")
    try:
        raw = np.asarray(x)
    except (TypeError, ValueError) as exc:  # e.g. ragged nested lists
        raise TypeError(f"{name} must be numeric array-like (a regular array): {exc}") from None
    kind = raw.dtype.kind
    if kind in "USa" or (kind == "O" and any(isinstance(v, (str, bytes)) for v in raw.flat)):
        raise TypeError(f"{name} must be numeric array-like, got text ({raw.dtype.str!r} values)")
    if kind == "c":
        raise TypeError(f"{name} must be real, got complex values")
    if kind in "mMV":
        raise TypeError(f"{name} must be numeric array-like, got dtype {raw.dtype}")
    try:
        arr = raw.astype(float)
    except (TypeError, ValueError, OverflowError) as exc:
        raise TypeError(f"{name} must be numeric array-like: {exc}") from None
    if arr.size == 0 and not allow_empty:
        raise ValueError(f"{name} is empty; at least one value is needed")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or inf; only finite values are allowed")
    return arr


def vector(x, name: str) -> np.ndarray:
    """:func:`as_float_array`, and 1-D (shape ``(n,)``)."""
    arr = as_float_array(x, name)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D of shape (n_samples,), got shape {arr.shape}")
    return arr


def matrix_and_target(X, y) -> tuple[np.ndarray, np.ndarray]:
    """``X`` as a 2-D float array (n_samples, n_features), ``y`` 1-D with n_samples entries."""
    X = as_float_array(X, "X")
    y = as_float_array(y, "y")
    if X.ndim != 2:
        raise ValueError(
            f"X must be 2-D of shape (n_samples, n_features), got shape {X.shape}; "
            "for a single feature use X.reshape(-1, 1)"
        )
    if y.ndim != 1:
        raise ValueError(f"y must be 1-D of shape (n_samples,), got shape {y.shape}")
    if X.shape[0] != y.shape[0]:
        raise ValueError(
            f"X and y must have the same number of samples, got {X.shape[0]} and {y.shape[0]}"
        )
    return X, y


def same_shape(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Raise ``ValueError`` unless ``a`` and ``b`` have identical shapes (no broadcasting)."""
    if a.shape != b.shape:
        raise ValueError(
            f"{name_a} and {name_b} must have the same shape, got {a.shape} and {b.shape}"
        )


def real_number(value, name: str) -> float:
    """Return ``value`` as a float, rejecting non-numbers (and bools) and NaN."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
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
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)


def flag(value, name: str) -> bool:
    """Return ``value`` as a bool; only ``True``/``False`` (or numpy bools) are accepted."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def one_of(value, name: str, allowed: tuple):
    """Return ``value`` if it is one of ``allowed`` (strings, or integers but never bools).

    >>> one_of("l1", "loss", ("l1", "l2"))
    'l1'
    >>> one_of(True, "norm", (1, 2))
    Traceback (most recent call last):
    ...
    TypeError: norm must be one of (1, 2), got True
    """
    wants_text = all(isinstance(a, str) for a in allowed)
    right_type = (
        isinstance(value, str)
        if wants_text
        else isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_))
    )
    if not right_type:
        raise TypeError(f"{name} must be one of {allowed}, got {value!r}")
    if value not in allowed:
        raise ValueError(f"{name} must be one of {allowed}, got {value!r}")
    return value


def lp_exponent(p, *, allow_below_one: bool) -> float:
    """Return ``p`` for an Lp norm: ``1 <= p <= numpy.inf`` (any ``p > 0`` if allowed)."""
    p = real_number(p, "p")
    if p <= 0:
        raise ValueError(f"p must be > 0 (or numpy.inf), got {p}")
    if p < 1 and not allow_below_one:
        raise ValueError(
            f"p = {p} < 1 does not define a norm: the triangle inequality fails and the unit "
            "ball is not convex. Use p >= 1 (or numpy.inf), or lp_quasinorm for 0 < p < 1."
        )
    return p


def as_generator(rng) -> np.random.Generator:
    """A ``Generator`` from a seed >= 0 or a Generator; ``None`` is refused (results must repeat).

    >>> float(as_generator(0).uniform()) == float(as_generator(0).uniform())
    True
    >>> as_generator(-1)
    Traceback (most recent call last):
    ...
    ValueError: rng must be a seed >= 0 or a numpy.random.Generator, got -1
    """
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, numbers.Integral) and not isinstance(rng, (bool, np.bool_)):
        if rng < 0:
            raise ValueError(f"rng must be a seed >= 0 or a numpy.random.Generator, got {rng}")
        return np.random.default_rng(int(rng))
    raise TypeError(
        f"rng must be an integer seed or a numpy.random.Generator, got {rng!r} "
        "(None is refused so that every result can be reproduced)"
    )


def finite_result(value, what: str):
    """Return ``value`` if every entry is finite; otherwise say that ``what`` overflows float64.

    Called on results computed from finite, checked inputs: a non-finite entry can then only
    mean that the true value is beyond the largest float64 (about 1.8e308).

    >>> finite_result(2.0, "the sum")
    2.0
    >>> finite_result(float("inf"), "the sum of squares")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: the sum of squares overflows float64: its true value exceeds 1.8e+308, ...
    """
    if not np.all(np.isfinite(value)):
        raise ValueError(
            f"{what} overflows float64: its true value exceeds {FLOAT_MAX:.2g}, the largest "
            "float; rescale the input"
        )
    return value


def binary_exponent(*arrays) -> int:
    """The ``e`` with ``max |entry|`` in ``[2**(e-1), 2**e)`` (0 if every entry is 0).

    Dividing by ``2**e`` is exact (a power of two), brings every entry into (-1, 1) and is
    undone exactly by ``numpy.ldexp``: the way to square, sum or compare numbers of any size
    without overflow or underflow, and with the same rounding as the unscaled computation.

    >>> binary_exponent([3.0, -5.0]), binary_exponent([0.0]), binary_exponent([1e300], [2.0])
    (3, 0, 997)
    """
    largest = max((float(np.max(np.abs(a))) if np.size(a) else 0.0) for a in arrays)
    return int(np.frexp(largest)[1]) if largest > 0 else 0


def scaled_difference(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, int]:
    """``(u, e)`` with ``a - b == u * 2**e`` and every ``|u| < 1``, even where ``a - b`` overflows.

    The scale comes from the difference itself (not from ``a`` and ``b``), so a small
    difference of huge numbers keeps all its digits: squaring ``u`` neither overflows nor
    underflows. Where ``a - b`` overflows, the halves are subtracted instead (exact for
    normal numbers).

    >>> u, e = scaled_difference(np.array([1e308, 1.0]), np.array([-1e308, 0.0]))
    >>> float(np.ldexp(u[0], e - 1)), e
    (1e+308, 1025)
    """
    with np.errstate(over="ignore", invalid="ignore"):
        d = a - b
    if np.all(np.isfinite(d)):
        e = binary_exponent(d)
        return np.ldexp(d, -e), e
    half = 0.5 * a - 0.5 * b
    e = binary_exponent(half)
    return np.ldexp(half, -e), e + 1


#: Largest trajectory a function of lib will store (1 GiB of float64 values).
MAX_TRAJECTORY_BYTES = 2**30


def storable_steps(n_steps: int, floats_per_step: int) -> None:
    """Refuse a trajectory of ``n_steps + 1`` rows of ``floats_per_step`` float64 values that
    would not fit in :data:`MAX_TRAJECTORY_BYTES`, saying how much it would need.

    >>> storable_steps(10**9, 3)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: n_steps=1000000000 would store ... bytes (22.4 GiB), above the 1 GiB limit; ...
    """
    n_bytes = (n_steps + 1) * floats_per_step * 8
    if n_bytes > MAX_TRAJECTORY_BYTES:
        raise ValueError(
            f"n_steps={n_steps} would store {n_steps + 1} rows of {floats_per_step} floats, "
            f"{n_bytes:,} bytes ({n_bytes / 2**30:.3g} GiB), above the "
            f"{MAX_TRAJECTORY_BYTES / 2**30:g} GiB limit; use fewer steps"
        )
