"""Synthetic data for the chapters: sparse linear models with noise, and outliers.

Randomness always enters through ``rng`` (an integer seed or a ``numpy.random.Generator``);
nothing here touches numpy's global random state (:func:`as_generator`, from
:mod:`lib._checks`, turns a seed >= 0 into a Generator and refuses ``None`` and negative seeds).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from lib._checks import as_generator, finite_result, integer_at_least, non_negative, vector

__all__ = ["RegressionData", "make_regression_data", "add_outliers", "as_generator"]


class RegressionData(NamedTuple):
    """``X`` (n_samples, n_features), ``y`` (n_samples,), and the true ``coef`` (n_features,)."""

    X: np.ndarray
    y: np.ndarray
    coef: np.ndarray


def make_regression_data(
    n_samples: int, n_features: int, *, n_informative: int, noise: float, rng
) -> RegressionData:
    r"""Data from a sparse linear model :math:`y = X w^\star + \varepsilon`.

    ``X`` has independent standard normal entries; ``n_informative`` randomly chosen entries
    of the true coefficient vector :math:`w^\star` are non-zero, with magnitudes uniform in
    [1, 3] and random signs, the rest are exactly 0; :math:`\varepsilon \sim N(0, \text{noise}^2)`.

    Returns
    -------
    RegressionData
        A named tuple ``(X, y, coef)``.

    Examples
    --------
    >>> X, y, coef = make_regression_data(50, 8, n_informative=3, noise=0.0, rng=0)
    >>> X.shape, y.shape, int((coef != 0).sum())
    ((50, 8), (50,), 3)
    >>> bool(np.allclose(X @ coef, y))
    True
    """
    n_samples = integer_at_least(n_samples, "n_samples", 1)
    n_features = integer_at_least(n_features, "n_features", 1)
    n_informative = integer_at_least(n_informative, "n_informative", 0)
    if n_informative > n_features:
        raise ValueError(
            f"n_informative ({n_informative}) cannot exceed n_features ({n_features})"
        )
    noise = non_negative(noise, "noise")
    gen = as_generator(rng)
    X = gen.standard_normal((n_samples, n_features))
    coef = np.zeros(n_features)
    support = gen.choice(n_features, size=n_informative, replace=False)
    coef[support] = gen.uniform(1.0, 3.0, n_informative) * gen.choice([-1.0, 1.0], n_informative)
    with np.errstate(over="ignore"):
        y = X @ coef + noise * gen.standard_normal(n_samples)
    if not np.all(np.isfinite(y)):
        raise ValueError(
            f"noise = {noise:g} makes y overflow float64 (the largest float is 1.8e308); "
            "use a noise level below about 1e300"
        )
    return RegressionData(X, y, coef)


def add_outliers(y, n_outliers: int, *, magnitude: float, rng) -> tuple[np.ndarray, np.ndarray]:
    """Return a copy of ``y`` with ``n_outliers`` entries shifted by ``magnitude`` (random sign).

    Returns
    -------
    y_out : ndarray
        The corrupted copy; ``y`` itself is not modified.
    indices : ndarray of int
        Sorted positions of the outliers.

    Examples
    --------
    >>> y_out, idx = add_outliers(np.zeros(10), 2, magnitude=50.0, rng=0)
    >>> len(idx), np.abs(y_out[idx]).tolist()
    (2, [50.0, 50.0])
    """
    y = vector(y, "y")
    n_outliers = integer_at_least(n_outliers, "n_outliers", 0)
    if n_outliers > y.size:
        raise ValueError(f"n_outliers ({n_outliers}) cannot exceed len(y) ({y.size})")
    magnitude = non_negative(magnitude, "magnitude")
    gen = as_generator(rng)
    indices = np.sort(gen.choice(y.size, size=n_outliers, replace=False))
    y_out = y.copy()
    with np.errstate(over="ignore"):
        y_out[indices] += magnitude * gen.choice([-1.0, 1.0], n_outliers)
    finite_result(y_out, "y shifted by magnitude")
    return y_out, indices
