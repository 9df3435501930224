"""lib.training against closed forms (ridge by numpy.linalg.solve, the first Adam step),
scipy's box-constrained least squares, lib.gradient_descent, and the update rules written
out here."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import lsq_linear

import lib
from lib.training import adam_trajectory, sgd_trajectory


def regression(seed: int = 0, n: int = 50, scales=(1.0, 3.0, 0.3, 1.0)):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, len(scales))) * np.array(scales)
    y = X @ np.array([2.0, -1.0, 0.5, 0.0][: len(scales)]) + 0.3 * rng.normal(size=n)
    return X, y


def ridge(X, y, lam):
    """Minimiser of (1/2n)||y - Xw||^2 + (lam/2)||w||^2 by the normal equations."""
    n, p = X.shape
    return np.linalg.solve(X.T @ X / n + lam * np.eye(p), X.T @ y / n)


def grad_loss(X, y, w):
    return X.T @ (X @ w - y) / len(y)


# --------------------------------------------------------------------------------------------
# SGD: L2 in the loss and decoupled weight decay are the same algorithm
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("batch_size", [None, 1, 7])
def test_sgd_l2_equals_weight_decay(batch_size):
    X, y = regression()
    lam, eta = 0.3, 0.02
    a = sgd_trajectory(X, y, step=eta, n_steps=300, l2=lam, batch_size=batch_size, rng=4)
    b = sgd_trajectory(X, y, step=eta, n_steps=300, weight_decay=lam, batch_size=batch_size, rng=4)
    np.testing.assert_allclose(a.weights, b.weights, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(a.losses, b.losses, rtol=1e-12)
    # and Loshchilov & Hutter's form w <- (1 - lam') w - eta grad, lam' = eta * lam, written out
    rng = np.random.default_rng(4)
    w = np.zeros(X.shape[1])
    for k in range(1, 301):
        if batch_size is not None:
            rows = rng.choice(len(y), size=batch_size, replace=False)
            Xb, yb = X[rows], y[rows]
        else:
            Xb, yb = X, y
        w = (1 - eta * lam) * w - eta * grad_loss(Xb, yb, w)
        np.testing.assert_allclose(a.weights[k], w, rtol=1e-10, atol=1e-13)


def test_full_batch_sgd_is_the_books_gradient_descent_with_lambda_two_alpha():
    X, y = regression(seed=1)
    alpha, eta = 0.15, 0.05
    ours = sgd_trajectory(X, y, step=eta, n_steps=200, weight_decay=2 * alpha)
    book = lib.gradient_descent(X, y, alpha=alpha, penalty="l2", learning_rate=eta, n_steps=200)
    np.testing.assert_allclose(ours.weights, book, rtol=1e-10, atol=1e-14)


def test_sgd_converges_to_ridge_and_least_squares():
    X, y = regression(seed=2)
    lam = 0.4
    out = sgd_trajectory(X, y, step=0.05, n_steps=3000, l2=lam)
    np.testing.assert_allclose(out.weights[-1], ridge(X, y, lam), rtol=1e-9)
    # without a penalty the smallest eigenvalue of X'X/n (about 0.09) sets the pace
    plain = sgd_trajectory(X, y, step=0.2, n_steps=4000)
    np.testing.assert_allclose(plain.weights[-1], np.linalg.lstsq(X, y, rcond=None)[0], rtol=1e-9)


def test_losses_are_the_half_mse_of_each_iterate_on_all_rows():
    X, y = regression(seed=3)
    for out in (
        sgd_trajectory(X, y, step=0.02, n_steps=50, l2=0.5, batch_size=5, rng=1),
        adam_trajectory(X, y, step=0.01, n_steps=50, weight_decay=0.5),
    ):
        expected = [np.mean((y - X @ w) ** 2) / 2 for w in out.weights]
        np.testing.assert_allclose(out.losses, expected, rtol=1e-12)
        assert out.weights.shape == (51, X.shape[1]) and out.losses.shape == (51,)


def test_zero_steps_and_w0():
    X, y = regression()
    w0 = np.array([1.0, 2.0, 3.0, 4.0])
    out = sgd_trajectory(X, y, step=0.1, n_steps=0, w0=w0)
    np.testing.assert_array_equal(out.weights, [w0])
    adam = adam_trajectory(X, y, step=0.1, n_steps=0, w0=w0)
    np.testing.assert_array_equal(adam.weights, [w0])
    np.testing.assert_array_equal(adam.v_hat, np.zeros(4))
    w0[0] = 99.0  # the caller's array is copied, not kept
    assert out.weights[0, 0] == 1.0


# --------------------------------------------------------------------------------------------
# Adam: the update written out, and the two different fixed points
# --------------------------------------------------------------------------------------------
def adam_written_out(X, y, eta, n_steps, l2, wd, beta1=0.9, beta2=0.999, eps=1e-8):
    """Kingma & Ba (2015), Algorithm 1, plus L&H (2019) decoupled decay, full batch."""
    w = np.zeros(X.shape[1])
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    out = [w]
    for t in range(1, n_steps + 1):
        g = grad_loss(X, y, w) + l2 * w
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g**2
        step = (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps)
        w = w - eta * step - eta * wd * w
        out.append(w)
    return np.array(out)


@pytest.mark.parametrize("l2, wd", [(0.0, 0.0), (0.7, 0.0), (0.0, 0.7), (0.2, 0.5)])
def test_adam_matches_the_update_written_out(l2, wd):
    X, y = regression(seed=5)
    out = adam_trajectory(X, y, step=0.01, n_steps=200, l2=l2, weight_decay=wd)
    expected = adam_written_out(X, y, 0.01, 200, l2, wd)
    np.testing.assert_allclose(out.weights, expected, rtol=1e-10, atol=1e-13)


def test_first_adam_step_is_a_sign_step():
    """Bias correction makes m_hat = g and v_hat = g^2 at t = 1: the step is ~eta * sign(g)."""
    X, y = regression(seed=6)
    w0 = np.array([0.5, -0.5, 0.2, 1.0])
    g = grad_loss(X, y, w0)
    eta, lam = 0.01, 0.3
    out = adam_trajectory(X, y, step=eta, n_steps=1, weight_decay=lam, w0=w0, eps=1e-8)
    np.testing.assert_allclose(
        out.weights[1], w0 - eta * (g / (np.abs(g) + 1e-8) + lam * w0), rtol=1e-12
    )
    np.testing.assert_allclose(out.m_hat, g, rtol=1e-12)
    np.testing.assert_allclose(out.v_hat, g**2, rtol=1e-12)


@pytest.mark.parametrize("seed, n", [(0, 50), (7, 3)])  # n = 3 < p = 4 too
def test_adam_with_l2_reaches_the_ridge_solution(seed, n):
    X, y = regression(seed=seed, n=n)
    lam = 2.0
    out = adam_trajectory(X, y, step=0.01, n_steps=10_000, l2=lam)
    distance = np.max(np.abs(out.weights - ridge(X, y, lam)), axis=1)
    assert distance.min() < 1e-12  # it gets there ...
    # ... and mostly stays: near the optimum g -> 0, v_hat decays, the effective step
    # eta / sqrt(v_hat) grows and Adam leaves in short bursts (documented)
    assert np.median(distance[-5000:]) < 1e-6
    assert distance[-5000:].max() < 1e-2
    # the same point is scikit-learn's Ridge with alpha = n * lam (no 1/n in its loss)
    from sklearn.linear_model import Ridge

    sk = Ridge(alpha=n * lam, fit_intercept=False).fit(X, y).coef_
    np.testing.assert_allclose(out.weights[np.argmin(distance)], sk, atol=1e-9)


def test_adamw_converges_elsewhere_and_satisfies_its_own_fixed_point_equation():
    X, y = regression()
    lam, eps = 2.0, 1e-8
    out = adam_trajectory(X, y, step=0.01, n_steps=20_000, weight_decay=lam, eps=eps)
    w = out.weights[-1]
    w_ridge = ridge(X, y, lam)
    assert np.max(np.abs(w - w_ridge)) > 0.2  # not the ridge solution
    # its own stationarity, with the final v_hat: grad L / (sqrt(v_hat) + eps) + lam w = 0
    residual = grad_loss(X, y, w) / (np.sqrt(out.v_hat) + eps) + lam * w
    assert np.max(np.abs(residual)) < 5e-3 * np.max(np.abs(lam * w))
    # ridge violates that equation badly: there grad L = -lam w, far from -lam w (|g| + eps)
    g_ridge = grad_loss(X, y, w_ridge)
    ridge_residual = g_ridge / (np.abs(g_ridge) + eps) + lam * w_ridge
    assert np.max(np.abs(ridge_residual)) > 0.1
    # eps -> 0 reading: least squares in the box |w_j| <= 1/lam (Xie & Li 2024), by scipy
    box = lsq_linear(X, y, bounds=(-1 / lam, 1 / lam), tol=1e-14).x
    np.testing.assert_allclose(w, box, atol=3e-3)
    assert np.max(np.abs(w)) <= 1 / lam + 1e-3
    assert np.sum(np.isclose(np.abs(box), 1 / lam)) >= 2  # the box is active here


def test_adam_l2_and_adamw_differ_but_sgd_versions_do_not():
    X, y = regression(seed=8)
    lam = 0.5
    a = adam_trajectory(X, y, step=0.01, n_steps=500, l2=lam).weights
    b = adam_trajectory(X, y, step=0.01, n_steps=500, weight_decay=lam).weights
    assert np.max(np.abs(a[-1] - b[-1])) > 0.05
    np.testing.assert_array_equal(a[1], b[1])  # identical first step from w0 = 0


def test_integer_data_are_accepted():
    X = np.array([[1, 0], [0, 1], [1, 1], [2, -1]])
    y = np.array([1, 2, 3, 0])
    out = sgd_trajectory(X, y, step=0.1, n_steps=2000, l2=0.1)
    np.testing.assert_allclose(out.weights[-1], ridge(X.astype(float), y, 0.1), rtol=1e-9)


# --------------------------------------------------------------------------------------------
# divergence, memory and bad input
# --------------------------------------------------------------------------------------------
def test_divergent_step_raises_with_the_step_number():
    X, y = regression()
    L = np.linalg.eigvalsh(X.T @ X / len(y)).max()
    short = sgd_trajectory(X, y, step=2.5 / L, n_steps=5)  # diverging, still finite
    assert short.losses[-1] > short.losses[1]
    with pytest.raises(ValueError, match=r"diverged.*at step \d+"):
        sgd_trajectory(X, y, step=2.5 / L, n_steps=5000)
    with pytest.raises(ValueError, match=r"at step \d+"):  # AdamW decay factor 1 - 3 = -2
        adam_trajectory(X, y, step=1.0, n_steps=5000, weight_decay=3.0)


def test_huge_n_steps_is_refused_before_allocating():
    X, y = regression()
    with pytest.raises(ValueError, match=r"bytes"):
        sgd_trajectory(X, y, step=0.1, n_steps=10**9)
    with pytest.raises(ValueError, match=r"bytes"):
        adam_trajectory(X, y, step=0.1, n_steps=10**9)


@pytest.mark.parametrize("func", [sgd_trajectory, adam_trajectory])
def test_bad_input(func):
    X, y = regression()
    ok = dict(step=0.1, n_steps=3)
    cases = [
        (dict(step=0.0), ValueError, "step"),
        (dict(step=-1.0), ValueError, "step"),
        (dict(step=np.nan), ValueError, "step"),
        (dict(step=True), TypeError, "step"),
        (dict(n_steps=-1), ValueError, "n_steps"),
        (dict(n_steps=3.0), TypeError, "n_steps"),
        (dict(l2=-0.1), ValueError, "l2"),
        (dict(weight_decay=np.inf), ValueError, "weight_decay"),
        (dict(batch_size=0), ValueError, "batch_size"),
        (dict(batch_size=51), ValueError, "batch_size"),
        (dict(rng=None), TypeError, "rng"),
        (dict(w0=np.zeros(3)), ValueError, "w0"),
        (dict(w0=[np.nan] * 4), ValueError, "NaN"),
    ]
    for change, error, match in cases:
        with pytest.raises(error, match=match):
            func(X, y, **{**ok, **change})
    with pytest.raises(ValueError, match="NaN"):
        func(np.where(X > 1, np.nan, X), y, **ok)
    with pytest.raises(ValueError, match="same number of samples"):
        func(X, y[:-1], **ok)
    with pytest.raises(ValueError, match="2-D"):
        func(X[:, 0], y, **ok)


def test_bad_adam_hyperparameters():
    X, y = regression()
    for change, match in [
        (dict(beta1=1.0), "beta1"),
        (dict(beta2=-0.1), "beta2"),
        (dict(eps=0.0), "eps"),
    ]:
        with pytest.raises(ValueError, match=match):
            adam_trajectory(X, y, step=0.1, n_steps=3, **change)
