"""lib.regularizers against numpy, finite differences, and the prox definition."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.optimize import minimize_scalar

from lib.regularizers import l1_penalty, l1_subgradient, l2_gradient, l2_penalty, soft_threshold

SETTINGS = settings(max_examples=100, deadline=None)
finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)
vectors = st.integers(1, 12).flatmap(lambda n: arrays(float, n, elements=finite))
thresholds = st.floats(0.0, 100.0)


@SETTINGS
@given(w=vectors)
def test_penalties_match_numpy(w):
    assert l1_penalty(w) == pytest.approx(np.linalg.norm(w, 1), rel=1e-13, abs=1e-300)
    assert l2_penalty(w) == pytest.approx(np.linalg.norm(w) ** 2, rel=1e-12, abs=1e-300)
    assert isinstance(l1_penalty(w), float) and isinstance(l2_penalty(w), float)


def test_documented_values():
    assert l1_penalty([1.0, -2.0, 0.0]) == 3.0
    assert l2_penalty([1.0, -2.0, 0.0]) == 5.0  # squared, no square root
    assert l2_penalty([[1.0, 2.0], [2.0, 0.0]]) == 9.0


def central_difference(f, w, h=1e-6):
    g = np.zeros_like(w)
    for i in range(w.size):
        e = np.zeros_like(w)
        e[i] = h
        g[i] = (f(w + e) - f(w - e)) / (2 * h)
    return g


@pytest.mark.parametrize("seed", range(5))
def test_gradients_match_central_differences_away_from_zero(seed):
    rng = np.random.default_rng(seed)
    w = rng.uniform(0.1, 3.0, size=8) * rng.choice([-1, 1], size=8)
    np.testing.assert_allclose(l2_gradient(w), central_difference(l2_penalty, w), rtol=1e-7)
    np.testing.assert_allclose(l1_subgradient(w), central_difference(l1_penalty, w), rtol=1e-7)


def test_l1_subgradient_is_zero_at_zero_and_a_valid_subgradient():
    g = l1_subgradient([0.0, -0.0, 2.0, -3.0])
    np.testing.assert_array_equal(g, [0.0, 0.0, 1.0, -1.0])
    # subgradient inequality ||v||_1 >= ||w||_1 + g.(v - w) for random v
    rng = np.random.default_rng(0)
    w = np.array([0.0, 1.5, -2.0, 0.0])
    g = l1_subgradient(w)
    for _ in range(100):
        v = rng.normal(size=4) * 3
        assert l1_penalty(v) >= l1_penalty(w) + g @ (v - w) - 1e-12


@SETTINGS
@given(
    wd=st.integers(1, 12).flatmap(lambda n: st.tuples(*[arrays(float, n, elements=finite)] * 2))
)
def test_l2_gradient_is_the_derivative_of_the_squared_norm_in_every_direction(wd):
    # ||w + d||^2 - ||w||^2 - ||d||^2 = <grad, d> exactly, with numpy's norm as the oracle
    w, d = wd
    want = np.linalg.norm(w + d) ** 2 - np.linalg.norm(w) ** 2 - np.linalg.norm(d) ** 2
    scale = (np.linalg.norm(w) + np.linalg.norm(d)) ** 2
    assert float(l2_gradient(w) @ d) == pytest.approx(want, abs=1e-12 * scale + 1e-300)


# ----------------------------------------------------------------------------- prox


def prox_objective(z, v, t):
    return 0.5 * (z - v) ** 2 + t * np.abs(z)


@SETTINGS
@given(v=finite, t=thresholds)
def test_soft_threshold_minimises_the_prox_objective(v, t):
    z = float(soft_threshold([v], t)[0])
    f_z = prox_objective(z, v, t)
    # against a bounded scalar minimiser ...
    lo, hi = min(v, 0.0) - 1.0, max(v, 0.0) + 1.0
    res = minimize_scalar(
        lambda u: prox_objective(u, v, t),
        bounds=(lo, hi),
        method="bounded",
        options={"xatol": 1e-10},
    )
    assert f_z <= res.fun + 1e-9 * (1 + abs(res.fun))
    # ... and against a dense grid that contains 0 and v
    grid = np.concatenate([np.linspace(lo, hi, 2001), [0.0, v]])
    assert f_z <= prox_objective(grid, v, t).min() + 1e-12 * (1 + abs(f_z))
    # and the minimiser is unique (strongly convex), so z is what minimize_scalar found
    assert z == pytest.approx(res.x, abs=1e-6 * (1 + abs(v)))


@SETTINGS
@given(w=vectors, t=thresholds)
def test_soft_threshold_zeroes_small_entries_and_shrinks_the_rest_by_t(w, t):
    z = soft_threshold(w, t)
    small = np.abs(w) <= t
    np.testing.assert_array_equal(z[small], 0.0)
    assert not np.any(np.signbit(z[small]))  # +0.0, never -0.0
    np.testing.assert_allclose(np.abs(z[~small]), np.abs(w[~small]) - t, rtol=1e-12, atol=1e-12)
    assert np.all(np.sign(z[~small]) == np.sign(w[~small]))
    assert np.all(np.abs(z) <= np.abs(w))


def test_soft_threshold_documented_values_and_t_zero_is_identity():
    np.testing.assert_array_equal(soft_threshold([3.0, -0.5, 1.0, -2.0], 1.0), [2.0, 0, 0, -1.0])
    w = np.array([0.3, -7.0, 0.0])
    np.testing.assert_array_equal(soft_threshold(w, 0.0), w)


def test_soft_threshold_keeps_the_shape():
    w = np.arange(-6.0, 6.0).reshape(3, 4)
    assert soft_threshold(w, 2.0).shape == (3, 4)


# ----------------------------------------------------------------------------- bad input

BAD_W = [
    ([1.0, np.nan], ValueError),
    ([np.inf], ValueError),
    ([], ValueError),
    ("1.0", TypeError),
    (["a"], TypeError),
]


@pytest.mark.parametrize("func", [l1_penalty, l2_penalty, l1_subgradient, l2_gradient])
@pytest.mark.parametrize(("w", "error"), BAD_W)
def test_bad_w_raises(func, w, error):
    with pytest.raises(error):
        func(w)


@pytest.mark.parametrize(("w", "error"), BAD_W)
def test_soft_threshold_bad_w_raises(w, error):
    with pytest.raises(error):
        soft_threshold(w, 1.0)


@pytest.mark.parametrize(
    ("t", "error"),
    [
        (-1.0, ValueError),
        (-1e-12, ValueError),
        (np.nan, ValueError),
        (np.inf, ValueError),
        ("1", TypeError),
        (None, TypeError),
        (True, TypeError),
    ],
)
def test_soft_threshold_bad_t_raises(t, error):
    with pytest.raises(error):
        soft_threshold([1.0, 2.0], t)


def test_negative_threshold_message_says_what_is_allowed():
    with pytest.raises(ValueError, match=">= 0"):
        soft_threshold([1.0], -0.5)
