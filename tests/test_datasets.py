"""lib.datasets: the shipped diabetes CSV equals scikit-learn's copy, bit for bit."""

import numpy as np
import pytest
from sklearn.datasets import load_diabetes as sk_load_diabetes

from lib.datasets import load_diabetes


def test_diabetes_equals_sklearn_copy_exactly():
    X, y, names = load_diabetes()
    ref = sk_load_diabetes(scaled=False)
    assert X.shape == (442, 10) and y.shape == (442,)
    assert X.dtype == np.float64 and y.dtype == np.float64
    assert np.array_equal(X, ref.data)
    assert np.array_equal(y, ref.target)
    assert names == list(ref.feature_names)


def test_standardized_columns_and_centred_target():
    X, y, _ = load_diabetes(standardize=True)
    X0, y0, _ = load_diabetes()
    np.testing.assert_allclose(X.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(X.std(axis=0), 1, rtol=1e-12)
    np.testing.assert_allclose(y, y0 - y0.mean(), rtol=0, atol=1e-12)
    np.testing.assert_allclose(X * X0.std(axis=0) + X0.mean(axis=0), X0, rtol=1e-12)


def test_standardized_matches_sklearn_scaled_up_to_column_scale():
    # sklearn's scaled copy divides each centred column by sqrt(n) * std: same directions.
    X, _, _ = load_diabetes(standardize=True)
    Xs = sk_load_diabetes(scaled=True).data
    np.testing.assert_allclose(X / np.sqrt(442), Xs, atol=1e-7)


def test_returns_fresh_arrays():
    X, y, _ = load_diabetes()
    X[0, 0] = -1.0
    assert load_diabetes().X[0, 0] == 59.0


def test_file_states_source_and_licence():
    from importlib import resources

    text = (resources.files("lib") / "_data" / "diabetes.csv").read_text(encoding="utf-8")
    header = "".join(line for line in text.splitlines(True) if line.startswith("#"))
    assert "Least Angle Regression" in header and "BSD-3-Clause" in header


@pytest.mark.parametrize("bad", ["yes", 1, None])
def test_standardize_must_be_bool(bad):
    with pytest.raises(TypeError, match="standardize"):
        load_diabetes(standardize=bad)
