"""Every public function of ``lib`` on bad and extreme input: one table, one test.

Each row calls one function and expects either a clear error (its type and a phrase of its
message, which names the argument or says what overflowed) or the correct value, computed by
an independent oracle: exact arithmetic (``fractions``, ``decimal``), ``math.hypot``, numpy or
scikit-learn on the same problem at a safe scale. Warnings fail a row: a correct answer comes
without a false warning, and a wrong one is never excused by one. The last test checks that
every name in ``lib.__all__`` has at least one row, so a new public function needs one.
"""

from __future__ import annotations

import math
import re
import statistics
import warnings
from collections.abc import Callable
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any, NamedTuple

import numpy as np
import pytest
from sklearn.linear_model import Lasso as SkLasso

import lib
from lib import geometry, losses, robust


class Raises(NamedTuple):
    error: type
    phrase: str


class Value(NamedTuple):
    oracle: Callable[[], Any]
    rtol: float = 1e-15
    atol: float = 0.0


class Row(NamedTuple):
    name: str  # the public name exercised (lib.__all__ or module.name)
    case: str
    call: Callable[[], Any]
    expect: Raises | Value


def exact(*values) -> Callable[[], np.ndarray]:
    """An oracle that returns float(Fraction arithmetic) results given as Fractions."""
    return lambda: np.array([float(v) for v in values])


def F(x: float) -> Fraction:
    return Fraction(x)


def decimal_lp(x, p) -> float:
    """(sum |x_i|^p)^(1/p) in 60-digit decimal arithmetic (exponents far beyond float64)."""
    with localcontext() as ctx:
        ctx.prec = 60
        total = sum(abs(Decimal(v)) ** p for v in x)
        return float(total ** (Decimal(1) / Decimal(p)))


RNG = np.random.default_rng(12)
X = RNG.normal(size=(12, 3))
Y = X @ np.array([1.0, -2.0, 0.5]) + RNG.normal(0.0, 0.3, 12)
Y_TEXT = ["1"] * 12


def centred_lstsq(X, y):
    Xc, yc = X - X.mean(0), y - y.mean()
    return np.linalg.lstsq(Xc, yc, rcond=None)[0]


def issue12_line():
    # numpy lstsq on the centred x (exactly centred: x - 1e9 is exact for these x)
    t = np.arange(6.0)
    (bc, w), *_ = np.linalg.lstsq(np.column_stack([np.ones(6), t - t.mean()]), 2 * t, rcond=None)
    return np.array([bc - w * (1e9 + t.mean()), w])


def l1_corner(c):
    """The L1-ball optimum for H = I, c = (2, 0.5) c: the corner (c, 0) by brute force."""
    theta = np.linspace(0.0, 2 * np.pi, 100_001)
    u = np.column_stack([np.cos(theta), np.sin(theta)])
    pts = u / np.abs(u).sum(axis=1, keepdims=True)  # the unit diamond
    best = pts[np.argmin(((pts - [2.0, 0.5]) ** 2).sum(axis=1))]
    return np.round(best, 4) * c


Q = geometry.Quadratic(np.eye(2), [2.0, 0.5])

ROWS = [
    # ------------------------------------------------------------------ norms
    Row(
        "lp_norm", "text", lambda: lib.lp_norm(["3", "4"]), Raises(TypeError, "x must be numeric")
    ),
    Row("lp_norm", "None", lambda: lib.lp_norm(None), Raises(TypeError, "x must be numeric")),
    Row("lp_norm", "complex", lambda: lib.lp_norm([1j]), Raises(TypeError, "x must be real")),
    Row(
        "lp_norm", "ragged", lambda: lib.lp_norm([[1.0], [1.0, 2.0]]), Raises(TypeError, "x must")
    ),
    Row("lp_norm", "NaN", lambda: lib.lp_norm([1.0, np.nan]), Raises(ValueError, "NaN")),
    Row(
        "lp_norm",
        "p < 1",
        lambda: lib.lp_norm([1.0], p=0.5),
        Raises(ValueError, "not define a norm"),
    ),
    Row(
        "lp_norm",
        "p bool",
        lambda: lib.lp_norm([1.0], p=True),
        Raises(TypeError, "p must be a real"),
    ),
    Row(
        "lp_norm",
        "1e300 hypot",
        lambda: lib.lp_norm([3e300, 4e300]),
        Value(lambda: math.hypot(3e300, 4e300)),
    ),
    Row(
        "lp_norm",
        "1e-300 hypot",
        lambda: lib.lp_norm([3e-300, 4e-300]),
        Value(lambda: math.hypot(3e-300, 4e-300)),
    ),
    Row(
        "lp_norm",
        "p=3 at 1e300",
        lambda: lib.lp_norm([1e300, -2e300, 3e300], p=3),
        Value(lambda: decimal_lp([1e300, 2e300, 3e300], 3), rtol=1e-14),
    ),
    Row(
        "lp_norm",
        "p=1.5 at 1e-300",
        lambda: lib.lp_norm([1e-300, 2e-300], p=1.5),
        Value(lambda: decimal_lp([1e-300, 2e-300], Decimal("1.5")), rtol=1e-14),
    ),
    Row(
        "lp_norm",
        "p=1 overflow",
        lambda: lib.lp_norm([1e308, 1e308], p=1),
        Raises(ValueError, "overflows float64"),
    ),
    Row(
        "lp_norm",
        "p=2 overflow",
        lambda: lib.lp_norm([1.5e308, 1.5e308]),
        Raises(ValueError, "overflows float64"),
    ),
    Row(
        "lp_distance",
        "difference overflows",
        lambda: lib.lp_distance([1e308], [-1e308]),
        Raises(ValueError, "overflows float64"),
    ),
    Row(
        "lp_distance",
        "difference beyond max, distance not",
        lambda: lib.lp_distance([1e308, 0.0], [-0.5e308, 0.0]),
        Value(exact(F(1e308) + F(0.5e308))),
    ),
    Row(
        "lp_distance",
        "shapes",
        lambda: lib.lp_distance([1.0, 2.0], [1.0]),
        Raises(ValueError, "same shape"),
    ),
    Row(
        "lp_distance",
        "y text",
        lambda: lib.lp_distance([1.0], ["1"]),
        Raises(TypeError, "y must be numeric"),
    ),
    Row(
        "lp_quasinorm",
        "p <= 0",
        lambda: lib.lp_quasinorm([1.0], p=-1),
        Raises(ValueError, "p must be > 0"),
    ),
    Row(
        "lp_quasinorm",
        "p=0.5 at 1e-300",
        lambda: lib.lp_quasinorm([1e-300, 1e-300], p=0.5),
        Value(lambda: decimal_lp([1e-300, 1e-300], Decimal("0.5")), rtol=1e-14),
    ),
    Row(
        "unit_ball",
        "n_points < 5",
        lambda: lib.unit_ball(2, n_points=4),
        Raises(ValueError, "n_points"),
    ),
    Row("unit_ball", "p text", lambda: lib.unit_ball("2"), Raises(TypeError, "p must be a real")),
    # ------------------------------------------------------------------ losses
    Row(
        "rmse",
        "1e200 (issue 12)",
        lambda: lib.rmse([1e200], [0.0]),
        Value(lambda: math.hypot(1e200)),
    ),
    Row(
        "rmse",
        "1e-200",
        lambda: lib.rmse([1e-200, 1e-200], [0.0, 0.0]),
        Value(lambda: math.hypot(1e-200, 1e-200) / math.sqrt(2), rtol=1e-15),
    ),
    Row(
        "rmse",
        "residual beyond max",
        lambda: lib.rmse([1e308, 0.0, 0.0, 0.0], [-1e308, 0.0, 0.0, 0.0]),
        Value(lambda: math.hypot(1e308, 1e308) / math.sqrt(2), rtol=1e-15),
    ),
    Row(
        "rmse",
        "y_pred text",
        lambda: lib.rmse([1.0], ["1.0"]),
        Raises(TypeError, "y_pred must be numeric"),
    ),
    Row(
        "mse", "overflow", lambda: lib.mse([1e200], [0.0]), Raises(ValueError, "overflows float64")
    ),
    Row(
        "mse",
        "tiny",
        lambda: lib.mse([1e-150, 3e-150], [0.0, 0.0]),
        Value(exact((F(1e-150) ** 2 + F(3e-150) ** 2) / 2)),
    ),
    Row(
        "mse",
        "shapes",
        lambda: lib.mse([1.0, 2.0], [1.0]),
        Raises(ValueError, "y_true and y_pred"),
    ),
    Row(
        "mae",
        "residual beyond max",
        lambda: lib.mae([1e308, 0.0], [-1e308, 0.0]),
        Value(exact(F(1e308))),
    ),
    Row("mae", "empty", lambda: lib.mae([], []), Raises(ValueError, "empty")),
    Row(
        "sae",
        "overflow",
        lambda: lib.sae([1e308, 1e308], [0.0, 0.0]),
        Raises(ValueError, "overflows"),
    ),
    Row("sae", "None", lambda: lib.sae(None, [1.0]), Raises(TypeError, "y_true must be numeric")),
    Row(
        "sse",
        "small residual beside huge values",
        lambda: lib.sse([1e200, 1.0], [1e200, 0.0]),
        Value(exact(1)),
    ),
    Row(
        "lp_distance",
        "small difference of huge values",
        lambda: lib.lp_distance([1e200, 3.0], [1e200, -1.0]),
        Value(exact(4)),
    ),
    Row(
        "mse_grad",
        "small residual beside huge values",
        lambda: lib.mse_grad([1e200, 1e-300], [1e200, 0.0]),
        Value(exact(0, -F(1e-300))),
    ),
    Row(
        "sse",
        "1e150",
        lambda: lib.sse([3e150, 4e150], [0.0, 0.0]),
        Value(exact(F(3e150) ** 2 + F(4e150) ** 2)),
    ),
    Row("sse", "overflow", lambda: lib.sse([1e155], [-1e155]), Raises(ValueError, "overflows")),
    Row(
        "huber", "delta=0", lambda: lib.huber([1.0], [0.0], delta=0.0), Raises(ValueError, "delta")
    ),
    Row(
        "huber",
        "delta bool",
        lambda: lib.huber([1.0], [0.0], delta=True),
        Raises(TypeError, "delta"),
    ),
    Row(
        "huber",
        "residual beyond max",
        lambda: lib.huber([1e308, 0.0], [-1e308, 0.0], delta=1.0),
        Value(exact((F(1e308) * 2 - Fraction(1, 2)) / 2)),
    ),
    Row(
        "huber",
        "tiny delta beside 1e308",
        lambda: lib.huber([1e308], [-1e308], delta=1e-10),
        Value(exact(F(1e-10) * (F(1e308) * 2 - F(1e-10) / 2))),
    ),
    Row(
        "huber",
        "overflow",
        lambda: lib.huber([1e308], [-1e308], delta=1.0),
        Raises(ValueError, "overflows"),
    ),
    Row(
        "huber",
        "quadratic zone at 1e150",
        lambda: lib.huber([1e150], [0.0], delta=1e151),
        Value(exact(F(1e150) ** 2 / 2)),
    ),
    Row(
        "huber",
        "y strings",
        lambda: lib.huber(["a"], [0.0]),
        Raises(TypeError, "y_true must be numeric"),
    ),
    Row(
        "huber_grad",
        "residual beyond max",
        lambda: lib.huber_grad([1e308], [-1e308], delta=2.0),
        Value(exact(-2)),
    ),
    Row(
        "huber_grad",
        "delta < 0",
        lambda: lib.huber_grad([1.0], [0.0], delta=-1.0),
        Raises(ValueError, "delta"),
    ),
    Row(
        "sse_grad",
        "overflow",
        lambda: lib.sse_grad([1e308], [-1e308]),
        Raises(ValueError, "overflows"),
    ),
    Row(
        "sse_grad",
        "residual beyond max, gradient not",
        lambda: lib.sse_grad([0.5e308], [-0.3e308]),
        Value(exact(-2 * (F(0.5e308) + F(0.3e308)))),
    ),
    Row(
        "mse_grad",
        "residual beyond max",
        lambda: lib.mse_grad([1e308, 0.0, 0.0, 0.0], [-1e308, 0.0, 0.0, 0.0]),
        Value(exact(-F(1e308), 0, 0, 0)),
    ),
    Row(
        "mse_grad",
        "shapes",
        lambda: lib.mse_grad([1.0], [[1.0]]),
        Raises(ValueError, "same shape"),
    ),
    Row(
        "sae_grad",
        "residual beyond max",
        lambda: lib.sae_grad([1e308], [-1e308]),
        Value(exact(-1)),
    ),
    Row(
        "sae_grad",
        "text",
        lambda: lib.sae_grad("12", [1.0]),
        Raises(TypeError, "y_true must be numeric"),
    ),
    Row("mae_grad", "NaN", lambda: lib.mae_grad([np.nan], [1.0]), Raises(ValueError, "NaN")),
    Row(
        "losses.huber_rho",
        "delta=0",
        lambda: losses.huber_rho([1.0], 0.0),
        Raises(ValueError, "delta"),
    ),
    Row(
        "losses.huber_psi",
        "text",
        lambda: losses.huber_psi(["1"]),
        Raises(TypeError, "r must be numeric"),
    ),
    Row(
        "losses.constant_descent",
        "diverges",
        lambda: losses.constant_descent(
            [1.0, 2.0], "mse", c0=0.0, learning_rate=3.0, n_steps=5000
        ),
        Raises(ValueError, "learning_rate"),
    ),
    Row(
        "losses.constant_descent",
        "n_steps huge",
        lambda: losses.constant_descent([1.0], "mae", c0=0.0, learning_rate=0.1, n_steps=10**12),
        Raises(ValueError, "n_steps"),
    ),
    # ------------------------------------------------------------------ regularizers
    Row(
        "l1_penalty",
        "overflow",
        lambda: lib.l1_penalty([1e308, 1e308]),
        Raises(ValueError, "overflows"),
    ),
    Row(
        "l1_penalty", "text", lambda: lib.l1_penalty(["1"]), Raises(TypeError, "w must be numeric")
    ),
    Row(
        "l2_penalty", "overflow", lambda: lib.l2_penalty([1e200]), Raises(ValueError, "overflows")
    ),
    Row(
        "l2_penalty",
        "1e150",
        lambda: lib.l2_penalty([3e150, 4e150]),
        Value(exact(F(3e150) ** 2 + F(4e150) ** 2)),
    ),
    Row(
        "l2_penalty",
        "1e-150",
        lambda: lib.l2_penalty([3e-150, 4e-150]),
        Value(exact(F(3e-150) ** 2 + F(4e-150) ** 2)),
    ),
    Row(
        "l2_gradient",
        "overflow",
        lambda: lib.l2_gradient([1e308]),
        Raises(ValueError, "overflows"),
    ),
    Row(
        "l1_subgradient",
        "None",
        lambda: lib.l1_subgradient(None),
        Raises(TypeError, "w must be numeric"),
    ),
    Row(
        "soft_threshold",
        "t < 0",
        lambda: lib.soft_threshold([1.0], -1.0),
        Raises(ValueError, "t must be"),
    ),
    Row(
        "soft_threshold",
        "t bool",
        lambda: lib.soft_threshold([1.0], True),
        Raises(TypeError, "t must be"),
    ),
    Row(
        "soft_threshold",
        "near the float limit",
        lambda: lib.soft_threshold([1.7e308, -1.7e308], 1e308),
        Value(exact(F(1.7e308) - F(1e308), F(1e308) - F(1.7e308))),
    ),
    # ------------------------------------------------------------------ data, datasets
    Row(
        "make_regression_data",
        "noise 1e308 (issue 12)",
        lambda: lib.make_regression_data(5, 2, n_informative=1, noise=1e308, rng=0),
        Raises(ValueError, "noise"),
    ),
    Row(
        "make_regression_data",
        "rng=-1",
        lambda: lib.make_regression_data(5, 2, n_informative=1, noise=1.0, rng=-1),
        Raises(ValueError, "rng must be a seed >= 0"),
    ),
    Row(
        "make_regression_data",
        "rng=None",
        lambda: lib.make_regression_data(5, 2, n_informative=1, noise=1.0, rng=None),
        Raises(TypeError, "rng"),
    ),
    Row(
        "make_regression_data",
        "n_informative > n_features",
        lambda: lib.make_regression_data(5, 2, n_informative=3, noise=1.0, rng=0),
        Raises(ValueError, "n_informative"),
    ),
    Row(
        "make_regression_data",
        "n_samples float",
        lambda: lib.make_regression_data(5.0, 2, n_informative=1, noise=1.0, rng=0),
        Raises(TypeError, "n_samples"),
    ),
    Row(
        "add_outliers",
        "overflow",
        lambda: lib.add_outliers([1e308, 1e308], 2, magnitude=1e308, rng=0),
        Raises(ValueError, "overflows"),
    ),
    Row(
        "add_outliers",
        "too many",
        lambda: lib.add_outliers([1.0], 2, magnitude=1.0, rng=0),
        Raises(ValueError, "n_outliers"),
    ),
    Row(
        "add_outliers",
        "rng text",
        lambda: lib.add_outliers([1.0], 1, magnitude=1.0, rng="0"),
        Raises(TypeError, "rng"),
    ),
    Row(
        "RegressionData",
        "missing fields",
        lambda: lib.RegressionData(np.zeros((2, 1))),
        Raises(TypeError, "'y' and 'coef'"),
    ),
    Row(
        "Dataset",
        "missing fields",
        lambda: lib.Dataset(np.zeros((2, 1))),
        Raises(TypeError, "'y' and 'feature_names'"),
    ),
    Row(
        "load_diabetes",
        "standardize text",
        lambda: lib.load_diabetes("yes"),
        Raises(TypeError, "standardize"),
    ),
    # ------------------------------------------------------------------ robust fits
    Row(
        "fit_line",
        "offset 1e9 (issue 12)",
        lambda: lib.fit_line(1e9 + np.arange(6.0), 2 * np.arange(6.0)),
        Value(issue12_line, rtol=1e-12),
    ),
    Row(
        "fit_line",
        "constant x",
        lambda: lib.fit_line([1.0, 1.0], [1.0, 2.0]),
        Raises(ValueError, "distinct"),
    ),
    Row(
        "fit_line",
        "loss l3",
        lambda: lib.fit_line([0.0, 1.0], [0.0, 1.0], "l3"),
        Raises(ValueError, "loss"),
    ),
    Row(
        "fit_line",
        "huber delta=0",
        lambda: lib.fit_line([0.0, 1.0], [0.0, 1.0], "huber", delta=0.0),
        Raises(ValueError, "delta"),
    ),
    Row(
        "fit_constant",
        "mean at 1e308 (issue 12)",
        lambda: lib.fit_constant([1e308] * 2),
        Value(exact(F(1e308))),
    ),
    Row(
        "fit_constant",
        "median at 1.5e308",
        lambda: lib.fit_constant([1e308, 1.5e308], "l1"),
        Value(exact((F(1e308) + F(1.5e308)) / 2)),
    ),
    Row(
        "fit_constant",
        "huber at 1e155 (issue 12)",
        lambda: lib.fit_constant([-1e156, 1e156, 1e155], "huber"),
        Value(lambda: statistics.median([-1e156, 1e156, 1e155]), rtol=1e-12),
    ),
    Row(
        "fit_constant",
        "X None",
        lambda: lib.fit_constant(None),
        Raises(TypeError, "y must be numeric"),
    ),
    Row(
        "fit_constant",
        "2-D",
        lambda: lib.fit_constant([[1.0, 2.0]]),
        Raises(ValueError, "y must be 1-D"),
    ),
    Row(
        "fit_linear",
        "X None (issue 12)",
        lambda: lib.fit_linear(None, [1.0]),
        Raises(TypeError, "X must be numeric"),
    ),
    Row(
        "fit_linear",
        "y strings (issue 12)",
        lambda: lib.fit_linear(X, Y_TEXT),
        Raises(TypeError, "y must be numeric"),
    ),
    Row(
        "fit_linear",
        "repeated feature",
        lambda: lib.fit_linear(np.column_stack([X[:, 0], X[:, 0]]), Y),
        Raises(ValueError, "full column rank"),
    ),
    Row(
        "fit_linear",
        "offset 1e9 columns",
        lambda: lib.fit_linear(X + 1e9, Y).coef,
        Value(lambda: centred_lstsq(X + 1e9, Y), rtol=1e-6),
    ),
    Row("influence", "loss None", lambda: lib.influence([1.0], None), Raises(TypeError, "loss")),
    Row(
        "influence",
        "l2 overflow",
        lambda: lib.influence([1e308], "l2"),
        Raises(ValueError, "overflows"),
    ),
    Row(
        "total_loss",
        "l2 at 1e150",
        lambda: lib.total_loss([3e150, -4e150], "l2"),
        Value(exact(F(3e150) ** 2 + F(4e150) ** 2)),
    ),
    Row(
        "total_loss",
        "huber, delta text",
        lambda: lib.total_loss([1.0], "huber", delta="1"),
        Raises(TypeError, "delta"),
    ),
    Row(
        "robust.line_shift",
        "lo > hi",
        lambda: robust.line_shift((0, 1), (1, 0), (3, 0)),
        Raises(ValueError, "lo <= hi"),
    ),
    Row(
        "robust.fit_all",
        "delta < 0",
        lambda: robust.fit_all([0.0, 1.0], [0.0, 1.0], delta=-1.0),
        Raises(ValueError, "delta"),
    ),
    # ------------------------------------------------------------------ geometry
    Row(
        "geometry.Quadratic",
        "w of wrong shape (issue 12)",
        lambda: Q([1.0, 2.0, 3.0]),
        Raises(ValueError, "w must have shape (2,)"),
    ),
    Row(
        "geometry.Quadratic",
        "H not SPD",
        lambda: geometry.Quadratic(-np.eye(2), [0.0, 0.0]),
        Raises(ValueError, "positive definite"),
    ),
    Row(
        "geometry.constrained_optimum",
        "norm=True (issue 12)",
        lambda: geometry.constrained_optimum(Q, 1.0, norm=True),
        Raises(TypeError, "norm must be one of (1, 2)"),
    ),
    Row(
        "geometry.constrained_optimum",
        "budget 1e-200 (issue 12)",
        lambda: geometry.constrained_optimum(Q, 1e-200, norm=2),
        Value(lambda: 1e-200 * np.array([2.0, 0.5]) / math.hypot(2.0, 0.5), rtol=1e-14),
    ),
    Row(
        "geometry.constrained_optimum",
        "norm=1 at 1e300 (issue 12)",
        lambda: geometry.constrained_optimum(
            geometry.Quadratic(np.eye(2), [2e300, 0.5e300]), 1e300, norm=1
        ),
        Value(lambda: l1_corner(1e300)),
    ),
    Row(
        "geometry.penalized_optimum",
        "penalty l3",
        lambda: geometry.penalized_optimum(Q, 1.0, penalty="l3"),
        Raises(ValueError, "penalty"),
    ),
    Row(
        "geometry.quadratic_from_data",
        "rank",
        lambda: geometry.quadratic_from_data(np.ones((3, 2)), np.ones(3)),
        Raises(ValueError, "full column rank"),
    ),
    # ------------------------------------------------------------------ solvers
    Row(
        "ridge_path",
        "X None",
        lambda: lib.ridge_path(None, Y, [1.0]),
        Raises(TypeError, "X must be numeric"),
    ),
    Row(
        "ridge_path",
        "alpha < 0",
        lambda: lib.ridge_path(X, Y, [-1.0]),
        Raises(ValueError, "alpha"),
    ),
    Row(
        "ridge_path",
        "alpha NaN",
        lambda: lib.ridge_path(X, Y, [np.nan]),
        Raises(ValueError, "alphas"),
    ),
    Row(
        "lasso_path",
        "X * 1e200 (issue 12)",
        lambda: lib.lasso_path(X * 1e200, Y, [0.1])[0],
        # v = w * 1e200 solves the lasso on X with alpha 1e-201: least squares to 1e-200
        Value(lambda: np.linalg.lstsq(X, Y, rcond=None)[0] / 1e200, rtol=1e-9),
    ),
    Row(
        "lasso_path",
        "tied features (issue 12)",
        lambda: lib.lasso_path(np.eye(2), np.array([1.0, 1.0]), [0.25])[0],
        Value(
            lambda: (
                SkLasso(alpha=0.25, fit_intercept=False, tol=1e-14)
                .fit(np.eye(2), [1.0, 1.0])
                .coef_
            ),
            rtol=1e-9,
        ),
    ),
    Row(
        "lasso_path",
        "method unknown",
        lambda: lib.lasso_path(X, Y, [0.1], method="x"),
        Raises(ValueError, "method"),
    ),
    Row(
        "lasso_knots",
        "y text",
        lambda: lib.lasso_knots(X, Y_TEXT),
        Raises(TypeError, "y must be numeric"),
    ),
    Row(
        "lasso_alpha_max",
        "lengths",
        lambda: lib.lasso_alpha_max(X, Y[:5]),
        Raises(ValueError, "same number of samples"),
    ),
    Row(
        "enet_path",
        "l1_ratio 2",
        lambda: lib.enet_path(X, Y, [0.1], l1_ratio=2),
        Raises(ValueError, "l1_ratio"),
    ),
    Row(
        "gradient_descent",
        "penalty l3",
        lambda: lib.gradient_descent(X, Y, alpha=0.1, penalty="l3", learning_rate=0.1, n_steps=3),
        Raises(ValueError, "penalty"),
    ),
    Row(
        "gradient_descent",
        "n_steps 1e9 (issue 12)",
        lambda: lib.gradient_descent(
            X, Y, alpha=0.1, penalty="l2", learning_rate=0.1, n_steps=10**9
        ),
        Raises(ValueError, "GiB"),
    ),
    Row(
        "fista",
        "w0 of wrong shape",
        lambda: lib.fista(X, Y, alpha=0.1, learning_rate=0.1, n_steps=3, w0=[0.0]),
        Raises(ValueError, "w0"),
    ),
    Row(
        "fista",
        "alpha < 0",
        lambda: lib.fista(X, Y, alpha=-0.1, learning_rate=0.1, n_steps=3),
        Raises(ValueError, "alpha"),
    ),
    Row(
        "proximal_gradient",
        "learning_rate 0",
        lambda: lib.proximal_gradient(X, Y, alpha=0.1, learning_rate=0.0, n_steps=3),
        Raises(ValueError, "learning_rate"),
    ),
    Row(
        "penalty_only_step",
        "penalty None",
        lambda: lib.penalty_only_step([1.0], penalty=None, alpha=0.1, learning_rate=0.1),
        Raises(ValueError, "penalty"),
    ),
    Row(
        "penalty_only_trajectory",
        "n_steps -1",
        lambda: lib.penalty_only_trajectory(
            [1.0], penalty="l1", alpha=0.1, learning_rate=0.1, n_steps=-1
        ),
        Raises(ValueError, "n_steps"),
    ),
    Row("kfold_splits", "cv 1", lambda: lib.kfold_splits(10, 1), Raises(ValueError, "cv")),
    Row("kfold_splits", "cv > n", lambda: lib.kfold_splits(3, 5), Raises(ValueError, "cv")),
    Row(
        "cross_validate_alpha",
        "kind",
        lambda: lib.cross_validate_alpha("foo", X, Y, [0.1]),
        Raises(ValueError, "kind"),
    ),
    Row(
        "cross_validate_alpha",
        "cv bool",
        lambda: lib.cross_validate_alpha("lasso", X, Y, [0.1], cv=True),
        Raises(TypeError, "cv"),
    ),
    Row(
        "path_errors",
        "kind",
        lambda: lib.path_errors("foo", X, Y, X, Y, [0.1]),
        Raises(ValueError, "kind"),
    ),
    Row("CVResult", "missing fields", lambda: lib.CVResult(1.0), Raises(TypeError, "'alphas'")),
    Row(
        "PathErrors",
        "missing fields",
        lambda: lib.PathErrors(1.0),
        Raises(TypeError, "'train_mse'"),
    ),
    Row(
        "Ridge", "alpha < 0", lambda: lib.Ridge(alpha=-1.0).fit(X, Y), Raises(ValueError, "alpha")
    ),
    Row(
        "Ridge",
        "X * 1e200 (issue 12)",
        lambda: lib.Ridge(alpha=1.0).fit(X * 1e200, Y).coef_,
        # v = w * 1e200 solves ridge on X with alpha 1e-400 = 0: centred least squares
        Value(lambda: centred_lstsq(X, Y) / 1e200, rtol=1e-9),
    ),
    Row("Lasso", "X None (issue 12)", lambda: lib.Lasso().fit(None, Y), Raises(TypeError, "X")),
    Row(
        "Lasso",
        "y * 1e200, no false warning (issue 12)",
        lambda: lib.Lasso(alpha=0.1e200).fit(X, Y * 1e200).coef_,
        Value(
            lambda: SkLasso(alpha=0.1, tol=1e-14, max_iter=100_000).fit(X, Y).coef_ * 1e200,
            rtol=1e-7,
        ),
    ),
    Row(
        "ElasticNet",
        "X * 1e-200: |X'y|/n far below alpha * l1_ratio, so 0 is optimal (the KKT bound)",
        lambda: lib.ElasticNet(alpha=1e-3).fit(X * 1e-200, Y).coef_,
        Value(lambda: np.zeros(X.shape[1])),
    ),
    Row(
        "ElasticNet",
        "X * 1e-200, l1_ratio 0: the L2 weight overflows on rescaled X (no silent zeros)",
        lambda: lib.ElasticNet(alpha=1e-3, l1_ratio=0.0).fit(X * 1e-200, Y),
        Raises(ValueError, "X is too small for this alpha"),
    ),
    Row(
        "enet_path",
        "X * 1e-200, l1_ratio 0: the L2 weight overflows on rescaled X (no silent zeros)",
        lambda: lib.enet_path(X * 1e-200, Y, [1e-3], l1_ratio=0.0),
        Raises(ValueError, "X is too small for this alpha"),
    ),
    Row(
        "ElasticNet",
        "l1_ratio 1.5",
        lambda: lib.ElasticNet(l1_ratio=1.5).fit(X, Y),
        Raises(ValueError, "l1_ratio"),
    ),
    Row(
        "check",
        "unknown label",
        lambda: lib.check("ex-none", 1),
        Raises(ValueError, "no self-check for 'ex-none'"),
    ),
    Row(
        "check",
        "text answer",
        lambda: lib.check("ex-norms-count-routes", "x"),
        Raises(TypeError, "answer must be a number"),
    ),
    Row(
        "check",
        "NaN answer",
        lambda: lib.check("ex-norms-count-routes", float("nan")),
        Raises(ValueError, "answer"),
    ),
    Row(
        "adam_trajectory",
        "step 0",
        lambda: lib.adam_trajectory(X, Y, step=0.0, n_steps=3),
        Raises(ValueError, "step"),
    ),
    Row(
        "adam_trajectory",
        "rng -1",
        lambda: lib.adam_trajectory(X, Y, step=0.1, n_steps=3, rng=-1),
        Raises(ValueError, "rng"),
    ),
    Row(
        "adam_trajectory",
        "n_steps 1e12",
        lambda: lib.adam_trajectory(X, Y, step=0.1, n_steps=10**12),
        Raises(ValueError, "n_steps"),
    ),
    Row(
        "sgd_trajectory",
        "X None",
        lambda: lib.sgd_trajectory(None, Y, step=0.1, n_steps=3),
        Raises(TypeError, "X must be numeric"),
    ),
    Row(
        "sgd_trajectory",
        "batch_size 0",
        lambda: lib.sgd_trajectory(X, Y, step=0.1, n_steps=3, batch_size=0),
        Raises(ValueError, "batch_size"),
    ),
    Row(
        "Trajectory",
        "missing fields",
        lambda: lib.Trajectory(np.zeros(2)),
        Raises(TypeError, "'losses'"),
    ),
    Row(
        "AdamTrajectory",
        "missing fields",
        lambda: lib.AdamTrajectory(np.zeros(2)),
        Raises(TypeError, "'losses'"),
    ),
    Row(
        "orthonormal_estimates",
        "k > p",
        lambda: lib.orthonormal_estimates(
            [1.0, 2.0], ridge_alpha=0.1, lasso_alpha=0.1, k=5, n_samples=10
        ),
        Raises(ValueError, "k must be"),
    ),
    Row(
        "orthonormal_estimates",
        "text",
        lambda: lib.orthonormal_estimates(
            ["1"], ridge_alpha=0.1, lasso_alpha=0.1, k=1, n_samples=10
        ),
        Raises(TypeError, "w_ls must be numeric"),
    ),
    Row(
        "OrthonormalEstimates",
        "missing fields",
        lambda: lib.OrthonormalEstimates(np.zeros(2)),
        Raises(TypeError, "'lasso'"),
    ),
    Row(
        "singular_values",
        "X None",
        lambda: lib.singular_values(None),
        Raises(TypeError, "X must be numeric"),
    ),
    Row(
        "ridge_shrinkage_factors",
        "alpha < 0",
        lambda: lib.ridge_shrinkage_factors(X, -1.0),
        Raises(ValueError, "alpha"),
    ),
    Row(
        "ridge_effective_dof",
        "alpha text",
        lambda: lib.ridge_effective_dof(X, "1"),
        Raises(TypeError, "alpha"),
    ),
    Row(
        "gradient_descent_filter",
        "step 0",
        lambda: lib.gradient_descent_filter(X, 0.0, 3),
        Raises(ValueError, "step"),
    ),
    Row(
        "hard_threshold",
        "t < 0",
        lambda: lib.hard_threshold([1.0], -1.0),
        Raises(ValueError, "t must be"),
    ),
    Row("best_subset", "k > p", lambda: lib.best_subset(X, Y, 5), Raises(ValueError, "k must be")),
    # ------------------------------------------------------------------ language
    Row(
        "set_language",
        "unknown",
        lambda: lib.set_language("fr"),
        Raises(ValueError, "language must be one of"),
    ),
    Row("set_language", "None", lambda: lib.set_language(None), Raises(TypeError, "language")),
]


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.name}: {r.case}" for r in ROWS])
def test_bad_or_extreme_input(row: Row):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no false warning, and no warning instead of an answer
        if isinstance(row.expect, Raises):
            with pytest.raises(row.expect.error, match=re.escape(row.expect.phrase)):
                row.call()
        else:
            got = np.asarray(row.call(), dtype=float)
            want = np.asarray(row.expect.oracle(), dtype=float)
            assert np.all(np.isfinite(got)), got
            np.testing.assert_allclose(got, want, rtol=row.expect.rtol, atol=row.expect.atol)


def test_the_table_is_large_and_covers_every_public_name():
    assert len(ROWS) >= 60
    covered = {row.name.rpartition(".")[2] for row in ROWS}  # "robust.fit_all" covers fit_all
    missing = set(lib.__all__) - covered
    assert not missing, f"public names without a bad-input row: {sorted(missing)}"
