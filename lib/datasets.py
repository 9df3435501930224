"""Real data sets shipped with the book, read from ``lib/_data/`` (no download, no network).

=================  ==========================================================================
loader             data
=================  ==========================================================================
load_diabetes      442 diabetes patients, 10 baseline variables, disease progression after
                   one year (Efron, Hastie, Johnstone & Tibshirani 2004, "Least Angle
                   Regression", *Annals of Statistics* 32(2), 407-499)
=================  ==========================================================================

The diabetes file ``lib/_data/diabetes.csv`` was written once from
``sklearn.datasets.load_diabetes(scaled=False)`` (scikit-learn distributes it under the
BSD-3-Clause licence; the data were published with the LARS paper). Its comment header states
the source; ``tests/test_datasets.py`` checks that it equals scikit-learn's copy.
"""

from __future__ import annotations

from importlib import resources
from typing import NamedTuple

import numpy as np

from lib._checks import flag

__all__ = ["Dataset", "load_diabetes"]


class Dataset(NamedTuple):
    """``X`` (n_samples, n_features), ``y`` (n_samples,) and the column names of ``X``."""

    X: np.ndarray
    y: np.ndarray
    feature_names: list[str]


def load_diabetes(standardize: bool = False) -> Dataset:
    r"""The diabetes data of Efron et al. (2004): 442 patients, 10 features, one target.

    Features: ``age``, ``sex``, ``bmi`` (body mass index), ``bp`` (average blood pressure),
    ``s1`` ... ``s6`` (six blood serum measurements). Target: a quantitative measure of
    disease progression one year after baseline.

    Parameters
    ----------
    standardize : bool, default False
        ``False``: the original units (as ``sklearn.datasets.load_diabetes(scaled=False)``).
        ``True``: every column of ``X`` is centred and divided by its standard deviation
        (``ddof=0``), :math:`x_{ij} \leftarrow (x_{ij} - \bar x_j) / s_j`, and ``y`` is centred,
        :math:`y_i \leftarrow y_i - \bar y`. Then a model *without* intercept (such as
        :func:`lib.solvers.lasso_path`) gives the same coefficients as one with intercept.

    Returns
    -------
    Dataset
        A named tuple ``(X, y, feature_names)``: ``X`` of shape (442, 10), ``y`` of shape
        (442,), both float arrays, and ``feature_names`` a list of 10 strings.

    Examples
    --------
    >>> X, y, names = load_diabetes()
    >>> X.shape, y.shape, names[:4]
    ((442, 10), (442,), ['age', 'sex', 'bmi', 'bp'])
    >>> Xs, ys, _ = load_diabetes(standardize=True)
    >>> bool(np.allclose(Xs.mean(axis=0), 0) and np.allclose(Xs.std(axis=0), 1))
    True
    >>> bool(abs(ys.mean()) < 1e-12)
    True
    """
    standardize = flag(standardize, "standardize")
    source = resources.files("lib") / "_data" / "diabetes.csv"
    with source.open("r", encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    header = lines[0].strip().split(",")
    table = np.loadtxt(lines[1:], delimiter=",", dtype=float, ndmin=2)
    X, y = table[:, :-1].copy(), table[:, -1].copy()
    if standardize:
        X = (X - X.mean(axis=0)) / X.std(axis=0)
        y = y - y.mean()
    return Dataset(X, y, header[:-1])
