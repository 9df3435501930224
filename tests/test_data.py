"""lib.data: shapes, sparsity, reproducibility, and outliers that move exactly what they say."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.data import RegressionData, add_outliers, as_generator, make_regression_data

SETTINGS = settings(max_examples=100, deadline=None)


@st.composite
def shapes(draw):
    n_samples = draw(st.integers(1, 40))
    n_features = draw(st.integers(1, 15))
    n_informative = draw(st.integers(0, n_features))
    return n_samples, n_features, n_informative


@SETTINGS
@given(shape=shapes(), seed=st.integers(0, 2**32 - 1))
def test_shapes_sparsity_and_coefficient_range(shape, seed):
    n_samples, n_features, n_informative = shape
    data = make_regression_data(
        n_samples, n_features, n_informative=n_informative, noise=0.5, rng=seed
    )
    assert isinstance(data, RegressionData)
    assert data.X.shape == (n_samples, n_features)
    assert data.y.shape == (n_samples,)
    assert data.coef.shape == (n_features,)
    assert int(np.count_nonzero(data.coef)) == n_informative
    nonzero = np.abs(data.coef[data.coef != 0])
    assert np.all((nonzero >= 1.0) & (nonzero <= 3.0))


@SETTINGS
@given(shape=shapes(), seed=st.integers(0, 2**32 - 1))
def test_noise_free_data_follow_the_model_exactly(shape, seed):
    n_samples, n_features, n_informative = shape
    X, y, coef = make_regression_data(
        n_samples, n_features, n_informative=n_informative, noise=0.0, rng=seed
    )
    np.testing.assert_array_equal(y, X @ coef)


def test_noise_level_is_what_was_asked():
    X, y, coef = make_regression_data(20000, 3, n_informative=2, noise=2.5, rng=0)
    assert np.std(y - X @ coef) == pytest.approx(2.5, rel=0.03)


def test_same_seed_same_data_and_different_seeds_differ():
    a = make_regression_data(30, 5, n_informative=2, noise=1.0, rng=7)
    b = make_regression_data(30, 5, n_informative=2, noise=1.0, rng=7)
    c = make_regression_data(30, 5, n_informative=2, noise=1.0, rng=8)
    for u, v in zip(a, b, strict=True):
        np.testing.assert_array_equal(u, v)
    assert not np.array_equal(a.X, c.X)
    assert not np.array_equal(a.y, c.y)


def test_generator_is_accepted_and_advanced_and_global_state_untouched():
    np.random.seed(123)  # noqa: NPY002 - the legacy global state must stay untouched
    before = np.random.get_state()[1].copy()  # noqa: NPY002
    gen = np.random.default_rng(5)
    a = make_regression_data(10, 3, n_informative=1, noise=1.0, rng=gen)
    b = make_regression_data(10, 3, n_informative=1, noise=1.0, rng=gen)
    assert not np.array_equal(a.X, b.X)  # the generator moved on
    again = make_regression_data(10, 3, n_informative=1, noise=1.0, rng=np.random.default_rng(5))
    np.testing.assert_array_equal(a.X, again.X)
    np.testing.assert_array_equal(np.random.get_state()[1], before)  # noqa: NPY002


def test_as_generator_passes_generators_through():
    gen = np.random.default_rng(0)
    assert as_generator(gen) is gen
    assert isinstance(as_generator(np.int64(3)), np.random.Generator)


@pytest.mark.parametrize("rng", [None, 1.5, "0", True, np.random.RandomState(0)])
def test_rng_must_be_a_seed_or_generator(rng):
    with pytest.raises(TypeError, match="rng"):
        make_regression_data(5, 2, n_informative=1, noise=0.0, rng=rng)
    with pytest.raises(TypeError, match="rng"):
        add_outliers(np.zeros(5), 1, magnitude=1.0, rng=rng)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        (dict(n_samples=5, n_features=3, n_informative=4), ValueError),
        (dict(n_samples=0, n_features=3, n_informative=1), ValueError),
        (dict(n_samples=5, n_features=0, n_informative=0), ValueError),
        (dict(n_samples=5, n_features=3, n_informative=-1), ValueError),
        (dict(n_samples=5.0, n_features=3, n_informative=1), TypeError),
        (dict(n_samples=5, n_features="3", n_informative=1), TypeError),
        (dict(n_samples=5, n_features=3, n_informative=True), TypeError),
        (dict(n_samples=5, n_features=3, n_informative=1, noise=-1.0), ValueError),
        (dict(n_samples=5, n_features=3, n_informative=1, noise=np.nan), ValueError),
        (dict(n_samples=5, n_features=3, n_informative=1, noise="1"), TypeError),
    ],
)
def test_make_regression_data_bad_arguments(kwargs, error):
    kwargs = {"noise": 0.0, "rng": 0, **kwargs}
    n_samples, n_features = kwargs.pop("n_samples"), kwargs.pop("n_features")
    with pytest.raises(error):
        make_regression_data(n_samples, n_features, **kwargs)


def test_n_informative_above_n_features_message():
    with pytest.raises(ValueError, match="n_informative"):
        make_regression_data(5, 3, n_informative=4, noise=0.0, rng=0)


# ----------------------------------------------------------------------------- outliers


@SETTINGS
@given(
    n=st.integers(1, 50),
    data=st.data(),
    magnitude=st.just(0.0) | st.floats(1e-3, 1e6),
    seed=st.integers(0, 2**32 - 1),
)
def test_add_outliers_moves_exactly_n_points_by_magnitude(n, data, magnitude, seed):
    n_outliers = data.draw(st.integers(0, n))
    y = np.random.default_rng(seed).normal(size=n)
    y_before = y.copy()
    y_out, idx = add_outliers(y, n_outliers, magnitude=magnitude, rng=seed)
    np.testing.assert_array_equal(y, y_before)  # input untouched
    assert y_out is not y
    assert idx.shape == (n_outliers,)
    assert np.all(np.diff(idx) > 0)  # sorted, distinct
    assert np.all((idx >= 0) & (idx < n))
    rest = np.setdiff1d(np.arange(n), idx)
    np.testing.assert_array_equal(y_out[rest], y[rest])
    np.testing.assert_allclose(np.abs(y_out[idx] - y[idx]), magnitude, rtol=1e-12, atol=1e-9)
    if magnitude > 0:
        assert int(np.count_nonzero(y_out != y)) == n_outliers


def test_add_outliers_uses_both_signs_and_repeats_with_the_seed():
    y = np.zeros(200)
    a, ia = add_outliers(y, 100, magnitude=5.0, rng=1)
    b, ib = add_outliers(y, 100, magnitude=5.0, rng=1)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(ia, ib)
    assert set(np.unique(a[ia])) == {-5.0, 5.0}


def test_add_outliers_accepts_a_list():
    y_out, idx = add_outliers([1.0, 2.0, 3.0], 1, magnitude=10.0, rng=0)
    assert isinstance(y_out, np.ndarray) and idx.size == 1


@pytest.mark.parametrize(
    ("y", "n_outliers", "magnitude", "error"),
    [
        (np.zeros(3), 4, 1.0, ValueError),
        (np.zeros(3), -1, 1.0, ValueError),
        (np.zeros(3), 1.0, 1.0, TypeError),
        (np.zeros(3), 1, -1.0, ValueError),
        (np.zeros(3), 1, np.nan, ValueError),
        (np.zeros((3, 2)), 1, 1.0, ValueError),
        ([1.0, np.nan], 1, 1.0, ValueError),
        ([], 0, 1.0, ValueError),
        ("abc", 1, 1.0, TypeError),
    ],
)
def test_add_outliers_bad_arguments(y, n_outliers, magnitude, error):
    with pytest.raises(error):
        add_outliers(y, n_outliers, magnitude=magnitude, rng=0)
