"""Input checks shared by the solver modules (on top of :mod:`lib._checks`)."""

from __future__ import annotations

import numpy as np

from lib._checks import as_float_array, real_number
from lib._checks import matrix_and_target as _check_X_y  # noqa: F401  (the one X, y check)


def _check_alphas(alphas) -> np.ndarray:
    alphas = as_float_array(alphas, "alphas")
    if alphas.ndim == 0:
        alphas = alphas.reshape(1)
    if alphas.ndim != 1:
        raise ValueError(f"alphas must be 1-D, got shape {alphas.shape}")
    if np.any(alphas < 0):
        raise ValueError(f"every alpha must be >= 0, got min(alphas) = {alphas.min()}")
    return alphas


def _flag(value, name: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def _unit_interval(value, name: str) -> float:
    value = real_number(value, name)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must be in [0, 1], got {value}")
    return value


def _center(X: np.ndarray, y: np.ndarray, fit_intercept: bool):
    """Centred copies of X and y and the means removed (zeros when no intercept)."""
    if not fit_intercept:
        return X, y, np.zeros(X.shape[1]), 0.0
    x_mean, y_mean = X.mean(axis=0), float(y.mean())
    return X - x_mean, y - y_mean, x_mean, y_mean


def _pow2_exponent(a: np.ndarray) -> int:
    """``e`` with ``max|a| / 2**e`` in [0.5, 1) (0 for an all-zero ``a``).

    Dividing by a power of two is exact, so solvers work on ``a / 2**e`` (entries of order 1:
    no overflow in ``X.T @ X`` for ``X ~ 1e200``, no underflow for ``X ~ 1e-200``) and get the
    same rounding as on ``a`` itself wherever ``a`` was safe.
    """
    m = max(float(a.max()), -float(a.min())) if a.size else 0.0  # (no |a| temporary)
    return int(np.frexp(m)[1]) if m > 0.0 else 0


def _unscale(a: np.ndarray, exponent: int, what: str) -> np.ndarray:
    """``a * 2**exponent``, refusing a result that float64 cannot hold."""
    with np.errstate(over="ignore"):
        out = np.ldexp(a, exponent)
    if not np.all(np.isfinite(out)):
        raise ValueError(
            f"the {what} overflow float64 (they exceed 1.8e308): rescale X or y so that the "
            "solution is representable"
        )
    return out
