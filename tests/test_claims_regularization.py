"""Claims R1-R12 of the source note, one test each, as the Regularization chapter teaches them.

Each test runs the book's code (``lib``) and compares it with an independent oracle: numpy
closed forms, plain-Python iterations, or scikit-learn's estimators.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import Lasso, LassoCV, Ridge, RidgeCV, lars_path
from sklearn.model_selection import KFold

import lib
from lib import solvers


def _split(data, n_train):
    return data.X[:n_train], data.y[:n_train], data.X[n_train:], data.y[n_train:]


def _mse(model, X, y):
    return float(np.mean((model.predict(X) - y) ** 2))


def test_R1_a_penalty_raises_training_error_and_can_lower_test_error():
    data = lib.make_regression_data(2040, 30, n_informative=5, noise=3.0, rng=11)
    X_train, y_train, X_test, y_test = _split(data, 40)
    alphas = np.logspace(-3, 4, 30)
    coefs = solvers.ridge_path(X_train, y_train, alphas)  # no intercept: the data have mean 0
    train = np.mean((X_train @ coefs.T - y_train[:, None]) ** 2, axis=0)
    test = np.mean((X_test @ coefs.T - y_test[:, None]) ** 2, axis=0)
    # oracle: scikit-learn's Ridge at every alpha
    for i in (0, 12, 29):
        ref = Ridge(alpha=alphas[i], fit_intercept=False, solver="svd").fit(X_train, y_train)
        assert test[i] == pytest.approx(_mse(ref, X_test, y_test), rel=1e-8)
    assert np.all(np.diff(train) >= -1e-9), "training error must grow with the penalty"
    best = int(np.argmin(test))
    assert 0 < best < alphas.size - 1, "the best test error is at an intermediate penalty"
    assert test[best] < 0.8 * test[0], "the penalty lowers the test error here"
    assert train[best] > train[0], "...at the price of a higher training error (bias)"


def test_R2_predictions_are_X_times_w_and_learning_recovers_w():
    data = lib.make_regression_data(50, 4, n_informative=2, noise=0.0, rng=2)
    np.testing.assert_allclose(data.X @ data.coef, data.y, atol=1e-12)
    w = solvers.Ridge(alpha=0.0, fit_intercept=False).fit(data.X, data.y).coef_
    ref, *_ = np.linalg.lstsq(data.X, data.y, rcond=None)
    np.testing.assert_allclose(w, ref, atol=1e-10)
    np.testing.assert_allclose(w, data.coef, atol=1e-10)


def test_R3_the_update_has_a_learning_rate_and_the_penalty_gradient():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((20, 3))
    y = rng.standard_normal(20)
    w0 = np.array([0.5, -1.0, 2.0])
    for penalty, grad_p in [("l2", lambda w: 2 * w), ("l1", np.sign), (None, np.zeros_like)]:
        for eta in (0.05, 0.3):
            alpha = 0.7
            step = solvers.gradient_descent(
                X, y, alpha=alpha, penalty=penalty, learning_rate=eta, n_steps=1, w0=w0
            )[1]
            expected = w0 - eta * (-X.T @ (y - X @ w0) / 20 + alpha * grad_p(w0))
            np.testing.assert_allclose(step, expected, atol=1e-12)
    # the note's rule W - gradient(loss) (eta = 1, no penalty) is a different step
    note = w0 - (-X.T @ (y - X @ w0) / 20)
    ours = solvers.gradient_descent(
        X, y, alpha=0.7, penalty="l2", learning_rate=0.3, n_steps=1, w0=w0
    )[1]
    assert not np.allclose(ours, note)


def _three_feature_data():
    data = lib.make_regression_data(60, 3, n_informative=1, noise=1.0, rng=3)
    return data.X - data.X.mean(axis=0), data.y - data.y.mean(), data.coef


def test_R4_subgradient_descent_chatters_while_the_proximal_step_lands_on_zero():
    X, y, coef = _three_feature_data()
    alpha = 0.3
    eta = 1.0 / np.linalg.eigvalsh(X.T @ X / 60).max()
    sub = solvers.gradient_descent(X, y, alpha=alpha, penalty="l1", learning_rate=eta, n_steps=300)
    prox = solvers.proximal_gradient(X, y, alpha=alpha, learning_rate=eta, n_steps=300)
    ref = Lasso(alpha=alpha, fit_intercept=False, tol=1e-14, max_iter=10**6).fit(X, y).coef_
    irrelevant = np.flatnonzero(coef == 0)
    assert np.all(ref[irrelevant] == 0.0)  # the Lasso answer has exact zeros...
    assert np.all(prox[-100:, irrelevant] == 0.0)  # ...which ISTA reaches and keeps
    assert not np.any(sub[-100:, irrelevant] == 0.0)  # subgradient descent never lands
    assert np.max(np.abs(sub[-100:, irrelevant])) > 0.05  # it keeps swinging around 0
    signs = np.sign(sub[-100:, irrelevant[0]])
    assert np.sum(signs[1:] != signs[:-1]) > 20  # crossing 0 again and again
    np.testing.assert_allclose(prox[-1], ref, atol=1e-9)


def test_R5_the_lasso_zeros_irrelevant_features_exactly_and_ridge_does_not():
    data = lib.make_regression_data(100, 10, n_informative=3, noise=1.0, rng=5)
    irrelevant = np.flatnonzero(data.coef == 0)
    lasso = solvers.Lasso(alpha=0.3).fit(data.X, data.y).coef_
    ridge = solvers.Ridge(alpha=2.0).fit(data.X, data.y).coef_
    ref = Lasso(alpha=0.3, tol=1e-12, max_iter=10**6).fit(data.X, data.y).coef_
    assert np.all(lasso[irrelevant] == 0.0)  # exactly 0.0, not just small
    np.testing.assert_array_equal(lasso == 0.0, ref == 0.0)
    assert np.all(lasso[data.coef != 0] != 0.0)
    assert not np.any(ridge == 0.0)
    # above alpha_max every Lasso coefficient is 0 (checked against the KKT formula)
    Xc, yc = data.X - data.X.mean(0), data.y - data.y.mean()
    alpha_max = np.max(np.abs(Xc.T @ yc)) / 100
    assert np.all(solvers.lasso_path(Xc, yc, [alpha_max * 1.0001])[0] == 0.0)
    assert np.any(solvers.lasso_path(Xc, yc, [alpha_max * 0.99])[0] != 0.0)


def test_R5_is_loose_cv_keeps_irrelevant_features():
    # the verdict is "loose": at the alpha chosen by cross-validation the Lasso keeps some
    # irrelevant features (oracle: scikit-learn's LassoCV with the same folds and alphas)
    data = lib.make_regression_data(100, 10, n_informative=3, noise=1.0, rng=5)
    irrelevant = np.flatnonzero(data.coef == 0)
    alphas = np.logspace(0, -3, 40)
    ours = solvers.cross_validate_alpha("lasso", data.X, data.y, alphas, cv=5)
    ref = LassoCV(alphas=alphas, cv=KFold(5), tol=1e-12, max_iter=10**6).fit(data.X, data.y)
    assert ours.alpha == pytest.approx(ref.alpha_)
    kept = np.flatnonzero(ours.estimator.coef_[irrelevant] != 0.0)
    np.testing.assert_array_equal(kept, np.flatnonzero(ref.coef_[irrelevant] != 0.0))
    assert kept.size >= 2
    # ... and the one-standard-error alpha (at least as large) keeps no more of them
    w_1se = solvers.Lasso(alpha=ours.alpha_1se).fit(data.X, data.y).coef_
    assert ours.alpha_1se >= ours.alpha
    assert np.sum(w_1se[irrelevant] != 0.0) <= kept.size


def test_R5_is_loose_a_feature_leaves_the_lasso_path_and_re_enters():
    # diabetes s3 (Efron et al. 2004): enters negative, returns to 0, re-enters positive.
    # Oracle: scikit-learn's LARS-Lasso path, an independent homotopy implementation.
    X, y, names = lib.load_diabetes(standardize=True)
    Xc, yc = X - X.mean(0), y - y.mean()
    ref_alphas, _, ref_coefs = lars_path(Xc, yc, method="lasso")
    j = names.index("s3")
    s3 = ref_coefs[j]
    negative = np.flatnonzero(s3 < 0)
    later_zero = np.flatnonzero((s3 == 0) & (np.arange(s3.size) > negative[0]))
    assert negative.size and later_zero.size and s3[-1] > 0
    ours = solvers.lasso_path(X, y, ref_alphas)
    np.testing.assert_allclose(ours[:, j], s3, atol=1e-6)
    # in the middle of the segment where s3 is out, our solution has it exactly 0
    k = later_zero[0]
    middle = solvers.lasso_path(X, y, [np.sqrt(ref_alphas[k] * ref_alphas[k + 1])])[0]
    assert middle[j] == 0.0 and np.sum(middle != 0.0) >= 8


def test_R6_linear_regression_with_l1_is_the_lasso_objective():
    X, y, names = lib.load_diabetes(standardize=True)
    n = X.shape[0]
    for alpha in (0.1, 1.0, 5.0):
        w = solvers.Lasso(alpha=alpha, tol=1e-12, max_iter=10**5).fit(X, y).coef_
        ref = Lasso(alpha=alpha, tol=1e-12, max_iter=10**5).fit(X, y).coef_
        np.testing.assert_allclose(w, ref, atol=1e-6)

        def objective(v, alpha=alpha):
            return np.sum((y - X @ v) ** 2) / (2 * n) + alpha * np.abs(v).sum()

        rng = np.random.default_rng(0)
        for _ in range(20):  # no nearby point is better
            assert objective(w) <= objective(w + 1e-3 * rng.standard_normal(w.size))


def test_R7_constant_steps_reach_zero_only_for_lucky_numbers():
    def plain(w, step, n):  # the oracle: the note's rule in plain Python
        out = [w]
        for _ in range(n):
            w = w - step * (1.0 if w > 0 else -1.0 if w < 0 else 0.0)
            out.append(w)
        return out

    lucky = solvers.penalty_only_trajectory(
        1.0, penalty="l1", alpha=1.0, learning_rate=1.0, n_steps=5
    )
    assert lucky.tolist() == plain(1.0, 1.0, 5) == [1.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    unlucky = solvers.penalty_only_trajectory(
        1.0, penalty="l1", alpha=1.0, learning_rate=0.3, n_steps=100
    )
    np.testing.assert_allclose(unlucky, plain(1.0, 0.3, 100), atol=1e-12)
    assert not np.any(unlucky == 0.0)
    assert np.all(np.abs(unlucky[4:]) >= 0.09)  # it chatters between about 0.1 and -0.2
    assert np.all(np.abs(unlucky[4:]) < 0.3)  # inside (-eta lambda, eta lambda), as R7 says
    prox = solvers.penalty_only_trajectory(
        1.0, penalty="l1", alpha=1.0, learning_rate=0.3, n_steps=10, proximal=True
    )
    assert prox[4] == 0.0 and np.all(prox[4:] == 0.0)
    assert np.all(prox[:4] > 0)


def test_R8_the_l2_step_is_multiplicative_and_ridge_weights_are_not_zero():
    for alpha, eta in [(1.0, 0.1), (0.5, 0.9), (2.0, 0.2)]:
        path = solvers.penalty_only_trajectory(
            2.0, penalty="l2", alpha=alpha, learning_rate=eta, n_steps=15
        )
        np.testing.assert_allclose(path, 2.0 * (1 - 2 * eta * alpha) ** np.arange(16), rtol=1e-12)
        assert np.all(path != 0.0)
    # with data: gradient descent converges to the Ridge solution, which has no zero weight
    X, y, _ = _three_feature_data()
    lam, n = 0.5, X.shape[0]
    gd = solvers.gradient_descent(X, y, alpha=lam, penalty="l2", learning_rate=0.5, n_steps=500)
    closed = np.linalg.solve(X.T @ X + 2 * n * lam * np.eye(3), X.T @ y)
    np.testing.assert_allclose(gd[-1], closed, atol=1e-10)
    assert np.all(np.abs(closed) > 1e-3)


def test_R9_a_penalty_shrinks_unneeded_features_but_does_not_handle_outlying_rows():
    data = lib.make_regression_data(100, 10, n_informative=3, noise=1.0, rng=5)
    irrelevant = np.flatnonzero(data.coef == 0)
    ols = np.linalg.lstsq(np.column_stack([np.ones(100), data.X]), data.y, rcond=None)[0][1:]
    ridge = solvers.Ridge(alpha=2.0).fit(data.X, data.y).coef_
    # shrinkage: a smaller weight vector than least squares; the unneeded weights are small
    # next to the needed ones, and none is exactly 0
    assert np.linalg.norm(ridge) < np.linalg.norm(ols)
    relevant = np.flatnonzero(data.coef != 0)
    assert np.max(np.abs(ridge[irrelevant])) < 0.2 * np.min(np.abs(ridge[relevant]))
    assert np.all(ridge[irrelevant] != 0.0)
    # outlying rows: the penalised fits move far, a robust loss does not
    y_bad, _ = lib.add_outliers(data.y, 5, magnitude=40.0, rng=6)
    for alpha in (2.0, 20.0):
        clean = Ridge(alpha=alpha).fit(data.X, data.y).coef_
        bad = solvers.Ridge(alpha=alpha).fit(data.X, y_bad).coef_
        assert np.linalg.norm(bad - data.coef) > 3 * np.linalg.norm(clean - data.coef)
    _, lad = lib.fit_linear(data.X, y_bad, "l1")
    assert np.linalg.norm(lad - data.coef) < 0.7


def test_R9_is_loose_ridge_shrinks_the_norm_not_each_weight():
    """On the diabetes data the Ridge norm falls steadily while single weights change sign."""
    X, y, names = lib.load_diabetes(standardize=True)
    alphas = np.logspace(5, -2, 100)
    coefs = solvers.ridge_path(X, y, alphas)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    closed = np.array(
        [np.linalg.solve(Xc.T @ Xc + a * np.eye(X.shape[1]), Xc.T @ yc) for a in alphas]
    )
    np.testing.assert_allclose(coefs, closed, rtol=1e-8, atol=1e-8)
    norms = np.linalg.norm(closed, axis=1)  # alphas decrease, so the norm must grow
    assert np.all(np.diff(norms) > 0)
    flips = {n for n, col in zip(names, closed.T, strict=True) if np.any(np.diff(np.sign(col)))}
    assert {"s2", "s3"} <= flips


@pytest.mark.parametrize(
    ("n_informative", "noise", "seed", "winner"),
    [(5, 3.0, 1, "lasso"), (50, 8.0, 2, "ridge")],
    ids=["sparse-truth-lasso-wins", "dense-truth-ridge-wins"],
)
def test_R10_neither_penalty_generalises_better_everywhere(n_informative, noise, seed, winner):
    data = lib.make_regression_data(1100, 50, n_informative=n_informative, noise=noise, rng=seed)
    X_train, y_train, X_test, y_test = _split(data, 100)
    lasso_alphas = np.logspace(2, -3, 60)
    ridge_alphas = np.logspace(5, -2, 60)
    ours = {
        kind: _mse(
            solvers.cross_validate_alpha(kind, X_train, y_train, al, cv=5).estimator,
            X_test,
            y_test,
        )
        for kind, al in [("lasso", lasso_alphas), ("ridge", ridge_alphas)]
    }
    folds = KFold(5)
    oracle = {
        "lasso": _mse(
            LassoCV(alphas=lasso_alphas, cv=folds, tol=1e-10, max_iter=10**5).fit(
                X_train, y_train
            ),
            X_test,
            y_test,
        ),
        "ridge": _mse(
            RidgeCV(alphas=ridge_alphas, cv=folds, scoring="neg_mean_squared_error").fit(
                X_train, y_train
            ),
            X_test,
            y_test,
        ),
    }
    loser = "ridge" if winner == "lasso" else "lasso"
    assert oracle[winner] < 0.95 * oracle[loser]
    assert ours[winner] < 0.95 * ours[loser]
    for kind in ours:
        assert ours[kind] == pytest.approx(oracle[kind], rel=1e-3)


def test_R11_linear_regression_with_squared_l2_is_ridge():
    X, y, _ = lib.load_diabetes()
    Xc, yc = X - X.mean(0), y - y.mean()
    for alpha in (0.01, 1.0, 100.0):
        w = solvers.Ridge(alpha=alpha).fit(X, y).coef_
        closed = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(10), Xc.T @ yc)
        np.testing.assert_allclose(w, closed, rtol=1e-8, atol=1e-8)
        np.testing.assert_allclose(w, Ridge(alpha=alpha).fit(X, y).coef_, rtol=1e-6, atol=1e-6)


def test_R12_the_notes_step_flips_the_sign_and_eta_lambda_decides_the_rest():
    # the note: W = 1, W - dW^2/dW = W - 2W = -W (eta = lambda = 1)
    note = solvers.penalty_only_step(1.0, penalty="l2", alpha=1.0, learning_rate=1.0)
    assert note == -1.0
    flips = solvers.penalty_only_trajectory(
        1.0, penalty="l2", alpha=1.0, learning_rate=1.0, n_steps=6
    )
    assert flips.tolist() == [1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0]
    # 2 eta lambda = 1: exactly 0 after one step
    assert solvers.penalty_only_step(1.0, penalty="l2", alpha=2.0, learning_rate=0.25) == 0.0
    assert solvers.penalty_only_step(0.73, penalty="l2", alpha=1.0, learning_rate=0.5) == 0.0
    # 0 < 2 eta lambda < 2: geometric decay (oracle: the closed form), > 2: divergence
    for two_eta_lambda in (0.2, 0.7, 1.3, 1.9):
        path = solvers.penalty_only_trajectory(
            1.0, penalty="l2", alpha=two_eta_lambda / 2, learning_rate=1.0, n_steps=200
        )
        np.testing.assert_allclose(path, (1 - two_eta_lambda) ** np.arange(201), atol=1e-15)
        assert np.all(np.diff(np.abs(path)) <= 0) and abs(path[-1]) < 1e-8  # |w| never grows
    grows = solvers.penalty_only_trajectory(
        1.0, penalty="l2", alpha=1.1, learning_rate=1.0, n_steps=30
    )
    assert abs(grows[-1]) == pytest.approx(1.2**30) and abs(grows[-1]) > 100


# ------------------------------------------------------------------------------------------
# What the objective page teaches beyond the note (issue 11 items 2-3, issue 14 item 2)
# ------------------------------------------------------------------------------------------
def test_ridge_shrinks_the_norm_and_each_principal_coordinate_but_a_weight_can_flip():
    X, y, _ = _three_feature_data()
    n = X.shape[0]
    w_ls = np.linalg.lstsq(X, y, rcond=None)[0]
    ref = Ridge(alpha=2 * n * 0.5, fit_intercept=False, solver="svd").fit(X, y).coef_
    np.testing.assert_allclose(solvers.ridge_path(X, y, [n])[0], ref, atol=1e-10)
    assert w_ls[0] > 0 > ref[0] and abs(ref[0]) > abs(w_ls[0])  # 0.057 -> -0.094
    assert np.linalg.norm(ref) < np.linalg.norm(w_ls)
    _, d, Vt = np.linalg.svd(X, full_matrices=False)
    np.testing.assert_allclose(Vt @ ref, d**2 / (d**2 + n) * (Vt @ w_ls), rtol=1e-10)
    # the norm decreases along the whole path (oracle: sklearn at each alpha)
    alphas = np.logspace(-2, 4, 25)
    norms = [np.linalg.norm(Ridge(alpha=a, fit_intercept=False).fit(X, y).coef_) for a in alphas]
    assert np.all(np.diff(norms) < 0)


def test_a_ridge_weight_is_zero_iff_y_is_orthogonal_to_a_j_not_to_x_j():
    # the book's 2x2 exercise: X = [[2, 1], [1, 2]], alpha = 3, y = (1, 0) -> w = (0.25, 0)
    X = np.array([[2.0, 1.0], [1.0, 2.0]])
    y = np.array([1.0, 0.0])
    w = solvers.Ridge(alpha=3.0, fit_intercept=False).fit(X, y).coef_
    np.testing.assert_allclose(w, [0.25, 0.0], atol=1e-12)
    assert X[:, 1] @ y == 1.0  # x_2.y != 0, yet w_2 = 0
    # and the other way: y orthogonal to x_1 with correlated columns gives w_1 != 0
    rng = np.random.default_rng(4)
    Xc = rng.standard_normal((30, 3)) @ np.array([[1, 0.8, 0], [0, 0.6, 0.5], [0, 0, 1]])
    y0 = rng.standard_normal(30)
    x1 = Xc[:, 0]
    y_perp = y0 - (x1 @ y0) / (x1 @ x1) * x1
    w1 = Ridge(alpha=10.0, fit_intercept=False).fit(Xc, y_perp).coef_[0]
    assert abs(w1) > 1e-3
    assert solvers.Ridge(alpha=10.0, fit_intercept=False).fit(Xc, y_perp).coef_[0] == (
        pytest.approx(w1, rel=1e-8)
    )


@pytest.mark.parametrize("penalty", ["l1", "l2"])
def test_a_penalised_solution_solves_the_constrained_problem_with_its_budget(penalty):
    from scipy.optimize import minimize

    X, y, _ = _three_feature_data()
    n = X.shape[0]

    def loss(w):
        return np.sum((y - X @ w) ** 2) / (2 * n)

    if penalty == "l2":
        w_pen = solvers.ridge_path(X, y, [2 * n * 0.5])[0]
        t = w_pen @ w_pen
        res = minimize(
            loss,
            np.zeros(3),
            method="SLSQP",
            options={"ftol": 1e-15},
            constraints=[{"type": "ineq", "fun": lambda w: t - w @ w}],
        )
        w_con = res.x
    else:
        w_pen = solvers.lasso_path(X, y, [0.3])[0]
        t = np.abs(w_pen).sum()
        res = minimize(
            lambda uv: loss(uv[:3] - uv[3:]),
            np.zeros(6),
            method="SLSQP",
            bounds=[(0, None)] * 6,
            options={"ftol": 1e-15},
            constraints=[{"type": "ineq", "fun": lambda uv: t - uv.sum()}],
        )
        w_con = res.x[:3] - res.x[3:]
    assert res.success
    np.testing.assert_allclose(w_con, w_pen, atol=1e-5)
    assert loss(w_pen) <= loss(w_con) + 1e-12


def test_cross_validate_alpha_is_ridgecv_with_mse_scoring_not_with_its_r2_default():
    # paths page: same answers as RidgeCV(cv=KFold(5), scoring="neg_mean_squared_error");
    # without `scoring`, RidgeCV with `cv` averages R^2 over the folds and can choose otherwise.
    alphas = np.logspace(3, -2, 30)
    differs = 0
    for seed in range(6):
        rng = np.random.default_rng(seed)
        X = rng.standard_normal((40, 8))
        y = X @ rng.standard_normal(8) + 2.0 * rng.standard_normal(40)
        y[:8] += 10.0 * rng.standard_normal(8)  # one fold with a much larger spread of y
        ours = solvers.cross_validate_alpha("ridge", X, y, alphas, cv=5).alpha
        mse = RidgeCV(alphas=alphas, cv=KFold(5), scoring="neg_mean_squared_error").fit(X, y)
        r2 = RidgeCV(alphas=alphas, cv=KFold(5)).fit(X, y)
        assert ours == mse.alpha_
        differs += r2.alpha_ != ours
    assert differs >= 2


def test_the_two_weight_lasso_path_is_the_straight_line_c_minus_lambda_H_inverse_ones():
    # geometry page: the path is made of straight pieces, correlated features or not; on the
    # branch where both weights are positive, w = c - lambda H^{-1}(1, 1) (numpy solve).
    from lib import geometry

    for H in (np.array([[1.0, 0.45], [0.45, 0.7]]), np.diag([1.0, 0.7])):
        c = np.array([2.2, 1.0])
        q = geometry.Quadratic(H, c)
        direction = np.linalg.solve(H, np.ones(2))
        corner = c[1] / direction[1]  # w_2 reaches 0 here
        for lam in np.linspace(0.0, 0.99 * corner, 12):
            w = geometry.penalized_optimum(q, lam, penalty="l1")
            np.testing.assert_allclose(w, c - lam * direction, atol=1e-12)
        # past the corner w_2 = 0 exactly, and w_1 > 0 solves the one-dimensional condition
        # H_11 (w_1 - c_1) - H_12 c_2 + lambda = 0: a second straight piece
        w = geometry.penalized_optimum(q, 1.01 * corner, penalty="l1")
        assert w[1] == 0.0 and w[0] > 0.0
        np.testing.assert_allclose(w[0], c[0] + (H[0, 1] * c[1] - 1.01 * corner) / H[0, 0])


def test_a_two_weight_lasso_path_can_also_bend_where_a_weight_leaves_zero():
    # geometry page: the path bends where a weight reaches 0 *or leaves 0*; with strongly
    # correlated features w_2 reaches 0, stays there, and comes back with the other sign as
    # lambda grows. Knots in closed form (numpy solves); lib's answers checked by the KKT.
    from lib import geometry

    H, c = np.array([[1.4, 2.6], [2.6, 5.0]]), np.array([2.7, -0.24])
    q = geometry.Quadratic(H, c)
    reach = c[1] / np.linalg.solve(H, np.array([1.0, -1.0]))[1]  # w = c - lam H^-1 (1, -1)
    # on the piece w_2 = 0: w_1 = c_1 + (H_12 c_2 - lam) / H_11, and w_2 leaves 0 upward
    # where its pull H_21 (w_1 - c_1) - H_22 c_2 equals -lam
    leave = c[1] * (H[1, 1] - H[0, 1] ** 2 / H[0, 0]) / (1 - H[1, 0] / H[0, 0])
    assert 0 < reach < leave
    signs = []
    for lam in (0.5 * reach, 0.5 * (reach + leave), 2 * leave):
        w = geometry.penalized_optimum(q, lam, penalty="l1")
        g = H @ (w - c)  # the data pull at w
        for j in range(2):
            if w[j] == 0:
                assert abs(g[j]) <= lam * (1 + 1e-12)
            else:
                np.testing.assert_allclose(g[j], -lam * np.sign(w[j]), atol=1e-9)
        signs.append(np.sign(w[1]))
    assert signs == [-1.0, 0.0, 1.0]
