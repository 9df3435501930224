"""lib.losses against scikit-learn, scipy.special.huber, finite differences and minimisers."""

from __future__ import annotations

from decimal import Decimal, localcontext
from fractions import Fraction
from functools import partial

import numpy as np
import pytest
import scipy.special
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.metrics import mean_absolute_error, mean_squared_error, root_mean_squared_error

from lib.losses import (
    constant_descent,
    huber,
    huber_grad,
    mae,
    mae_grad,
    mse,
    mse_grad,
    residuals,
    rmse,
    sae,
    sae_grad,
    sse,
    sse_grad,
)
from lib.norms import lp_norm

SETTINGS = settings(max_examples=100, deadline=None)
finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)
samples = st.integers(1, 15).flatmap(lambda n: arrays(float, n, elements=finite))
two_samples = st.integers(1, 15).flatmap(
    lambda n: st.tuples(arrays(float, n, elements=finite), arrays(float, n, elements=finite))
)
deltas = st.floats(0.01, 100.0)


def random_pair(n=40, seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=n), rng.normal(size=n) * 2.0


# ----------------------------------------------------------------------------- values


@pytest.mark.parametrize("seed", range(5))
def test_mae_mse_rmse_match_sklearn(seed):
    y, yhat = random_pair(seed=seed)
    assert mae(y, yhat) == pytest.approx(mean_absolute_error(y, yhat), rel=1e-14)
    assert mse(y, yhat) == pytest.approx(mean_squared_error(y, yhat), rel=1e-14)
    assert rmse(y, yhat) == pytest.approx(root_mean_squared_error(y, yhat), rel=1e-14)


@SETTINGS
@given(pair=two_samples)
def test_sums_are_n_times_means_and_sse_is_squared_l2_norm(pair):
    y, yhat = pair
    n = y.size
    assert sae(y, yhat) == pytest.approx(n * mae(y, yhat), rel=1e-12, abs=1e-12)
    assert sse(y, yhat) == pytest.approx(n * mse(y, yhat), rel=1e-12, abs=1e-12)
    assert sse(y, yhat) == pytest.approx(float(lp_norm(y - yhat)) ** 2, rel=1e-12, abs=1e-12)
    assert sae(y, yhat) == pytest.approx(float(lp_norm(y - yhat, p=1)), rel=1e-12, abs=1e-12)
    assert rmse(y, yhat) == pytest.approx(np.sqrt(mse(y, yhat)), rel=1e-12)


def test_documented_small_values():
    assert sae([1, 2, 3], [1, 0, 6]) == 5.0
    assert sse([1, 2, 3], [1, 0, 6]) == 13.0
    assert rmse([0, 0], [3, 4]) == pytest.approx(np.sqrt(12.5))
    assert sse([[1, 2], [3, 4]], [[0, 0], [0, 0]]) == 30.0  # 2-D input is summed too


@SETTINGS
@given(r=finite, delta=deltas)
def test_huber_of_one_residual_equals_scipy_special_huber(r, delta):
    assert huber([r], [0.0], delta=delta) == scipy.special.huber(delta, r)
    assert huber([0.0], [r], delta=delta) == scipy.special.huber(delta, r)


@SETTINGS
@given(pair=two_samples, delta=deltas)
def test_huber_is_the_mean_of_scipy_special_huber(pair, delta):
    y, yhat = pair
    want = scipy.special.huber(delta, y - yhat).mean()
    assert huber(y, yhat, delta=delta) == pytest.approx(want, rel=1e-13, abs=1e-300)


def test_huber_closed_form_regimes():
    # quadratic inside, linear outside, continuous at |r| = delta
    assert huber([0.0], [0.5], delta=1.0) == 0.125
    assert huber([0.0], [3.0], delta=1.0) == 2.5
    assert huber([0.0], [2.0], delta=2.0) == 2.0 == 0.5 * 2.0**2
    # the documented example
    assert huber([0, 0, 0], [0.5, -2.0, 3.0], delta=1.0) == 1.375


@SETTINGS
@given(pair=two_samples, delta=deltas)
def test_huber_between_its_quadratic_and_linear_limits(pair, delta):
    y, yhat = pair
    r = np.abs(y - yhat)
    h = huber(y, yhat, delta=delta)
    assert h <= 0.5 * np.mean(r**2) * (1 + 1e-12) + 1e-300
    assert h <= delta * np.mean(r) * (1 + 1e-12) + 1e-300


# ----------------------------------------------------------------------------- gradients


def central_difference(f, y, yhat, h=1e-6):
    g = np.zeros_like(yhat)
    for i in range(yhat.size):
        e = np.zeros_like(yhat)
        e[i] = h
        g[i] = (f(y, yhat + e) - f(y, yhat - e)) / (2 * h)
    return g


def away_from_kinks(n=12, seed=0, delta=1.0):
    """Residuals at least 0.1 from 0 and from +-delta (where sae and huber have kinks)."""
    rng = np.random.default_rng(seed)
    y = rng.normal(size=n) * 2
    r = rng.uniform(0.1, 3.0, size=n) * rng.choice([-1, 1], size=n)
    r[np.abs(np.abs(r) - delta) < 0.1] += 0.3
    return y, y - r


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize(
    ("loss", "grad", "delta"),
    [
        (sae, sae_grad, 1.0),
        (mae, mae_grad, 1.0),
        (sse, sse_grad, 1.0),
        (mse, mse_grad, 1.0),
        (partial(huber, delta=1.0), partial(huber_grad, delta=1.0), 1.0),
        (partial(huber, delta=0.7), partial(huber_grad, delta=0.7), 0.7),
    ],
)
def test_gradients_match_central_differences(loss, grad, delta, seed):
    y, yhat = away_from_kinks(seed=seed, delta=delta)
    np.testing.assert_allclose(
        grad(y, yhat), central_difference(loss, y, yhat), rtol=1e-6, atol=1e-8
    )


@pytest.mark.parametrize("grad", [sae_grad, mae_grad])
def test_subgradient_is_zero_at_a_zero_residual(grad):
    g = grad([1.0, 2.0, 3.0], [1.0, 0.0, 3.0])
    assert g[0] == 0.0 and g[2] == 0.0
    assert not np.signbit(g[0]) and not np.signbit(g[2])  # +0.0, not -0.0
    assert g[1] < 0


@pytest.mark.parametrize("grad", [sse_grad, mse_grad, huber_grad])
def test_smooth_gradients_vanish_at_zero_residual(grad):
    np.testing.assert_array_equal(grad([1.0, -2.0], [1.0, -2.0]), 0.0)


@SETTINGS
@given(pair=two_samples, delta=deltas)
def test_huber_gradient_bounded_by_delta_over_n(pair, delta):
    y, yhat = pair
    g = huber_grad(y, yhat, delta=delta)
    assert np.all(np.abs(g) <= delta / y.size * (1 + 1e-15))
    # and equals the MSE gradient / 2 wherever |r| <= delta
    inside = np.abs(y - yhat) <= delta
    # atol: subnormal gradients (|y| ~ 1e-311) keep only a few significant digits
    np.testing.assert_allclose(g[inside], (mse_grad(y, yhat) / 2)[inside], rtol=1e-12, atol=1e-300)


@SETTINGS
@given(pair=two_samples)
def test_gradient_directions_point_from_truth_to_prediction(pair):
    y, yhat = pair
    np.testing.assert_array_equal(np.sign(sae_grad(y, yhat)), np.sign(yhat - y))
    np.testing.assert_allclose(sse_grad(y, yhat), 2 * (yhat - y), rtol=1e-15)


# ----------------------------------------------------------------------------- minimisers


@SETTINGS
@given(y=samples, eps=st.floats(1e-3, 10.0))
def test_median_minimises_sae_and_mean_minimises_sse(y, eps):
    med, mean = float(np.median(y)), float(np.mean(y))
    scale = 1 + 1e-12
    for c in (med - eps, med + eps):
        assert sae(y, np.full_like(y, med)) <= sae(y, np.full_like(y, c)) * scale
    for c in (mean - eps, mean + eps):
        assert sse(y, np.full_like(y, mean)) <= sse(y, np.full_like(y, c)) * scale + 1e-9


@SETTINGS
@given(y=samples)
def test_median_and_mean_beat_every_grid_point(y):
    assume(np.ptp(y) > 0)
    grid = np.linspace(y.min(), y.max(), 501)
    sae_grid = np.abs(y[None, :] - grid[:, None]).sum(axis=1)
    sse_grid = ((y[None, :] - grid[:, None]) ** 2).sum(axis=1)
    assert sae(y, np.full_like(y, np.median(y))) <= sae_grid.min() * (1 + 1e-12)
    assert sse(y, np.full_like(y, np.mean(y))) <= sse_grid.min() * (1 + 1e-12) + 1e-9


# ----------------------------------------------------------------------------- bad input

ALL_LOSSES = [sae, mae, sse, mse, rmse, huber, sae_grad, mae_grad, sse_grad, mse_grad, huber_grad]


@pytest.mark.parametrize("func", ALL_LOSSES + [residuals])
@pytest.mark.parametrize(
    ("y_true", "y_pred", "error"),
    [
        ([1.0, 2.0], [1.0], ValueError),
        ([1.0, 2.0], [[1.0, 2.0]], ValueError),
        ([1.0, np.nan], [1.0, 2.0], ValueError),
        ([1.0, 2.0], [np.inf, 2.0], ValueError),
        ([], [], ValueError),
        ("12", "12", TypeError),
        ([1.0, 2.0], ["a", "b"], TypeError),
        (None, [1.0], TypeError),
    ],  # None is not array-like
)
def test_bad_inputs_raise(func, y_true, y_pred, error):
    with pytest.raises(error):
        func(y_true, y_pred)


@pytest.mark.parametrize("func", [huber, huber_grad])
@pytest.mark.parametrize(
    ("delta", "error"),
    [
        (-1.0, ValueError),
        (np.nan, ValueError),
        (np.inf, ValueError),
        ("1", TypeError),
        (None, TypeError),
        (True, TypeError),
    ],
)
def test_bad_delta_raises(func, delta, error):
    with pytest.raises(error):
        func([1.0, 2.0], [0.0, 0.0], delta=delta)


def test_mismatched_shape_message_names_both_arguments():
    with pytest.raises(ValueError, match="y_true and y_pred"):
        mse([1.0, 2.0, 3.0], [1.0, 2.0])


# ----------------------------------------------------------------------------- descent


def test_mse_descent_follows_the_closed_form():
    # c_k = mean + (1 - 2 eta)^k (c0 - mean), solved by hand from the recurrence
    y = np.array([2.0, -1.0, 5.0, 0.5])
    path = constant_descent(y, "mse", c0=10.0, learning_rate=0.1, n_steps=30)
    k = np.arange(31)
    np.testing.assert_allclose(path, y.mean() + 0.8**k * (10.0 - y.mean()), rtol=1e-13)


def test_mae_descent_equals_exact_rational_arithmetic():
    # the same recurrence in fractions: c <- c + eta * (#{y > c} - #{y < c}) / n
    y = [Fraction(v) for v in ("2", "-1", "5", "1/2", "3")]
    c, eta = Fraction("1031/100"), Fraction("1/2")  # never lands on a y_i: no ties
    exact = [c]
    for _ in range(60):
        c += eta * (sum(v > c for v in y) - sum(v < c for v in y)) / len(y)
        exact.append(c)
    path = constant_descent([float(v) for v in y], "mae", c0=10.31, learning_rate=0.5, n_steps=60)
    np.testing.assert_allclose(path, [float(v) for v in exact], rtol=1e-12, atol=1e-12)
    # it chatters around the median 2 with steps of at least eta / n
    assert np.abs(np.diff(path[-20:])).min() >= 0.5 / 5 - 1e-12


def test_mse_descent_with_too_large_a_step_diverges_with_a_message():
    with pytest.raises(ValueError, match="learning_rate"):
        constant_descent([1.0, 2.0], "mse", c0=0.0, learning_rate=3.0, n_steps=2000)


@pytest.mark.parametrize(
    ("kw", "error", "match"),
    [
        ({"loss": "l1"}, ValueError, "loss"),
        ({"loss": None}, TypeError, "loss"),
        ({"learning_rate": 0.0}, ValueError, "learning_rate"),
        ({"n_steps": -1}, ValueError, "n_steps"),
        ({"n_steps": 2.0}, TypeError, "n_steps"),
        ({"n_steps": 10**12}, ValueError, "GB"),
        ({"c0": np.inf}, ValueError, "c0"),
        ({"c0": "1"}, TypeError, "c0"),
    ],
)
def test_constant_descent_refuses_bad_input(kw, error, match):
    args = {"loss": "mae", "c0": 0.0, "learning_rate": 0.1, "n_steps": 3} | kw
    with pytest.raises(error, match=match):
        constant_descent([1.0, 2.0], **args)


# ----------------------------------------------------------------------------- extreme scales


def decimal_losses(y, yhat, delta):
    """sse, mse, rmse, sae, mae, huber in 60-digit decimal arithmetic (no overflow)."""
    with localcontext() as ctx:
        ctx.prec = 60
        r = [Decimal(a) - Decimal(b) for a, b in zip(y, yhat, strict=True)]
        n, d = len(r), Decimal(delta)
        sq = sum(v * v for v in r)
        rho = sum(v * v / 2 if abs(v) <= d else d * (abs(v) - d / 2) for v in r)
        sa = sum(abs(v) for v in r)
        return {
            "sse": sq,
            "mse": sq / n,
            "rmse": (sq / n).sqrt(),
            "sae": sa,
            "mae": sa / n,
            "huber": rho / n,
        }


@SETTINGS
@given(pair=two_samples, k=st.integers(-300, 300), delta=deltas)
def test_losses_at_any_scale_match_decimal_arithmetic(pair, k, delta):
    y, yhat = pair[0] * 10.0**k, pair[1] * 10.0**k
    delta = delta * 10.0**k
    funcs = {
        "sse": sse,
        "mse": mse,
        "rmse": rmse,
        "sae": sae,
        "mae": mae,
        "huber": partial(huber, delta=delta),
    }
    want = decimal_losses(y, yhat, delta)
    for name, func in funcs.items():
        if want[name] > Decimal(np.finfo(float).max):
            with pytest.raises(ValueError, match="overflows"):
                func(y, yhat)
        elif want[name] > Decimal(np.finfo(float).tiny) * 2**60 or want[name] == 0:
            # away from subnormals (where float64 itself keeps fewer digits)
            assert func(y, yhat) == pytest.approx(float(want[name]), rel=1e-13), name
