"""lib.solvers against independent oracles: scikit-learn's solvers, closed forms, KKT conditions.

Estimator checks: every check of ``parametrize_with_checks`` runs on Ridge, Lasso and
ElasticNet, and we skip none. scikit-learn itself reports two of them as skipped in this
environment: ``check_array_api_input`` (needs SCIPY_ARRAY_API=1 and an array-API library) and
the pandas part of ``check_regressor_data_not_an_array`` (pandas is not installed).
"""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn import linear_model as sk
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import KFold
from sklearn.utils.estimator_checks import parametrize_with_checks

from lib.datasets import load_diabetes
from lib.solvers import (
    ElasticNet,
    Lasso,
    Ridge,
    cross_validate_alpha,
    enet_path,
    gradient_descent,
    kfold_splits,
    lasso_alpha_max,
    lasso_knots,
    lasso_path,
    penalty_only_step,
    penalty_only_trajectory,
    proximal_gradient,
    ridge_path,
)

TIGHT = {"tol": 1e-14, "max_iter": 200_000}


def random_problem(n, p, seed, *, k=3, noise=0.5):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p)) * rng.uniform(0.5, 3.0, p) + rng.normal(0, 2, p)
    w = np.zeros(p)
    w[rng.choice(p, size=min(k, p), replace=False)] = rng.uniform(1, 3, min(k, p))
    y = X @ w + 1.5 + noise * rng.standard_normal(n)
    return X, y


def centred(X, y):
    return X - X.mean(axis=0), y - y.mean()


def collinear_problem(seed=0):
    X, y = random_problem(40, 6, seed)
    X = np.column_stack([X, X[:, 0], 2.0 * X[:, 1] - X[:, 2]])  # exact linear dependences
    return X, y


@pytest.fixture(scope="module")
def diabetes():
    X, y, _ = load_diabetes(standardize=True)
    alphas = lasso_alpha_max(X, y) * np.geomspace(1.0, 1e-3, 100)
    return X, y, alphas


# --------------------------------------------------------------------------------------------
# scikit-learn's estimator checks
# --------------------------------------------------------------------------------------------
@parametrize_with_checks([Ridge(), Lasso(), ElasticNet()])
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


def test_get_set_params_roundtrip():
    model = Lasso(alpha=0.3, max_iter=50)
    assert model.get_params() == {
        "alpha": 0.3,
        "fit_intercept": True,
        "max_iter": 50,
        "tol": 1e-4,
    }
    assert model.set_params(alpha=2.0).alpha == 2.0
    assert set(ElasticNet().get_params()) == {
        "alpha",
        "l1_ratio",
        "fit_intercept",
        "max_iter",
        "tol",
    }
    assert Ridge().get_params() == {"alpha": 1.0, "fit_intercept": True}


# --------------------------------------------------------------------------------------------
# Ridge
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("shape, seed", [((50, 5), 0), ((30, 12), 1), ((8, 20), 2), ((200, 3), 3)])
@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("alpha", [1e-3, 1.0, 100.0])
def test_ridge_matches_sklearn(shape, seed, fit_intercept, alpha):
    X, y = random_problem(*shape, seed)
    ours = Ridge(alpha=alpha, fit_intercept=fit_intercept).fit(X, y)
    ref = sk.Ridge(alpha=alpha, fit_intercept=fit_intercept, solver="svd").fit(X, y)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(ours.predict(X), ref.predict(X), rtol=1e-7, atol=1e-8)
    assert ours.score(X, y) == pytest.approx(ref.score(X, y), rel=1e-9)
    assert ours.n_features_in_ == shape[1]


def test_ridge_collinear_columns_matches_sklearn_and_normal_equations():
    X, y = collinear_problem()
    ours = Ridge(alpha=0.5).fit(X, y)
    ref = sk.Ridge(alpha=0.5, solver="cholesky").fit(X, y)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-7, atol=1e-9)
    Xc, yc = centred(X, y)  # gradient of the objective is 0: (Xc'Xc + alpha I) w = Xc'y
    np.testing.assert_allclose((Xc.T @ Xc + 0.5 * np.eye(X.shape[1])) @ ours.coef_, Xc.T @ yc)


def test_ridge_path_rows_match_sklearn_and_alpha_zero_is_min_norm_least_squares():
    X, y = random_problem(10, 25, 4)  # n < p: infinitely many least-squares solutions
    alphas = np.array([10.0, 0.0, 1.0, 1e-2])
    coefs = ridge_path(X, y, alphas)
    assert coefs.shape == (4, 25)
    for a, row in zip(alphas[alphas > 0], coefs[alphas > 0], strict=True):
        ref = sk.Ridge(alpha=a, fit_intercept=False, solver="svd").fit(X, y).coef_
        np.testing.assert_allclose(row, ref, rtol=1e-7, atol=1e-10)
    np.testing.assert_allclose(coefs[1], np.linalg.pinv(X) @ y, rtol=1e-8, atol=1e-10)


def test_ridge_path_equals_refitting_sklearn_for_every_alpha(diabetes):
    # (its speed against 100 refits is measured in bench/run.py, not asserted here)
    X, y, _ = diabetes
    alphas = np.logspace(-3, 3, 100)
    refits = [sk.Ridge(alpha=a, fit_intercept=False).fit(X, y).coef_ for a in alphas]
    np.testing.assert_allclose(ridge_path(X, y, alphas), refits, rtol=1e-7, atol=1e-9)


# --------------------------------------------------------------------------------------------
# Lasso and ElasticNet estimators (coordinate descent)
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("shape, seed", [((60, 8), 0), ((100, 15), 1), ((20, 40), 2)])
@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("rel_alpha", [0.5, 0.1, 0.02])
def test_lasso_matches_sklearn(shape, seed, fit_intercept, rel_alpha):
    X, y = random_problem(*shape, seed)
    Xc, yc = centred(X, y) if fit_intercept else (X, y)
    alpha = rel_alpha * lasso_alpha_max(Xc, yc)
    ours = Lasso(alpha=alpha, fit_intercept=fit_intercept, tol=1e-12, max_iter=100_000)
    ref = sk.Lasso(alpha=alpha, fit_intercept=fit_intercept, **TIGHT).fit(X, y)
    ours.fit(X, y)
    np.testing.assert_allclose(ours.coef_, ref.coef_, atol=1e-6)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, atol=1e-6)
    # zeros are exact zeros, in the same places
    np.testing.assert_array_equal(ours.coef_ == 0.0, ref.coef_ == 0.0)
    assert ours.dual_gap_ <= 1e-12 * (yc @ yc) / len(y)


def test_lasso_default_tolerance_is_at_least_as_good_as_sklearn_default(diabetes):
    # at tol=1e-4 coordinate descent has found the support and signs; the solve on the
    # support then gives the exact solution, so ours matches sklearn run to tol=1e-14
    X, y, _ = diabetes
    ours, ref = Lasso(alpha=0.5).fit(X, y), sk.Lasso(alpha=0.5).fit(X, y)
    exact = sk.Lasso(alpha=0.5, **TIGHT).fit(X, y)

    def objective(m):
        r = y - m.predict(X)
        return r @ r / (2 * len(y)) + 0.5 * np.abs(m.coef_).sum()

    assert objective(ours) <= objective(ref)
    assert objective(ours) <= objective(exact) * (1 + 1e-12)
    np.testing.assert_allclose(ours.coef_, exact.coef_, rtol=1e-8, atol=1e-8)
    assert ours.n_iter_ >= 1


@pytest.mark.parametrize("l1_ratio", [0.0, 0.3, 0.9, 1.0])
def test_elastic_net_matches_sklearn(l1_ratio):
    X, y = random_problem(50, 10, 5)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sklearn warns about l1_ratio=0
        ref = sk.ElasticNet(alpha=0.3, l1_ratio=l1_ratio, **TIGHT).fit(X, y)
    ours = ElasticNet(alpha=0.3, l1_ratio=l1_ratio, tol=1e-12, max_iter=100_000).fit(X, y)
    np.testing.assert_allclose(ours.coef_, ref.coef_, atol=1e-6)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, atol=1e-6)
    if l1_ratio == 1.0:
        lasso = Lasso(alpha=0.3, tol=1e-12, max_iter=100_000).fit(X, y)
        np.testing.assert_array_equal(ours.coef_, lasso.coef_)


def test_lasso_collinear_columns_same_fit_and_objective_as_sklearn():
    # Duplicated/linearly dependent columns make the Lasso coefficients non-unique, but the
    # fitted values and the optimal objective are unique.
    X, y = collinear_problem(1)
    alpha = 0.05 * lasso_alpha_max(*centred(X, y))
    ours = Lasso(alpha=alpha, tol=1e-12, max_iter=100_000).fit(X, y)
    ref = sk.Lasso(alpha=alpha, **TIGHT).fit(X, y)

    def objective(m):
        r = y - m.predict(X)
        return r @ r / (2 * len(y)) + alpha * np.abs(m.coef_).sum()

    np.testing.assert_allclose(ours.predict(X), ref.predict(X), atol=1e-5)
    assert objective(ours) == pytest.approx(objective(ref), rel=1e-9)


@pytest.mark.parametrize("shape, seed", [((60, 8), 0), ((15, 30), 1)])
def test_alpha_at_or_above_alpha_max_gives_exact_zeros(shape, seed):
    X, y = random_problem(*shape, seed)
    a_max = lasso_alpha_max(*centred(X, y))
    for alpha in (a_max, 1.5 * a_max, 1e6):
        assert np.all(Lasso(alpha=alpha).fit(X, y).coef_ == 0.0)
        assert np.all(ElasticNet(alpha=alpha, l1_ratio=1.0).fit(X, y).coef_ == 0.0)
        assert Lasso(alpha=alpha).fit(X, y).intercept_ == pytest.approx(y.mean())
    Xc, yc = centred(X, y)
    assert np.all(lasso_path(Xc, yc, [a_max, 2 * a_max], method="homotopy") == 0.0)
    assert np.all(lasso_path(Xc, yc, [a_max, 2 * a_max], method="cd") == 0.0)
    # just below alpha_max exactly one coefficient is non-zero
    w = Lasso(alpha=0.999 * a_max, tol=1e-10).fit(X, y).coef_
    assert np.count_nonzero(w) == 1 and np.argmax(np.abs(w)) == np.argmax(np.abs(Xc.T @ yc))


def test_lasso_warns_when_max_iter_too_small():
    # more than 200 features: no exact finish by the homotopy, so one sweep is not enough
    X, y = random_problem(60, 250, 0, k=20)
    with pytest.warns(ConvergenceWarning, match="increase max_iter"):
        Lasso(alpha=0.001, max_iter=1, tol=1e-12).fit(X, y)


def test_lasso_with_few_sweeps_is_finished_exactly_on_small_problems():
    # up to 200 features, a fit that coordinate descent leaves unfinished is completed by the
    # homotopy (elastic net = Lasso on [X; sqrt(l2) I]): no warning, and the exact optimum
    X, y = random_problem(60, 8, 0)
    for model, ref in [
        (Lasso(alpha=0.001, max_iter=1, tol=1e-12), sk.Lasso(alpha=0.001, **TIGHT)),
        (ElasticNet(alpha=0.01, max_iter=1, tol=1e-12), sk.ElasticNet(alpha=0.01, **TIGHT)),
    ]:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            model.fit(X, y)
        ref.fit(X, y)
        np.testing.assert_allclose(model.coef_, ref.coef_, rtol=1e-8, atol=1e-10)


# --------------------------------------------------------------------------------------------
# Paths
# --------------------------------------------------------------------------------------------
def test_lasso_path_on_diabetes_equals_sklearn(diabetes):
    X, y, alphas = diabetes
    _, ref, _ = sk.lasso_path(X, y, alphas=alphas, **TIGHT)  # (n_features, n_alphas)
    for method in ("auto", "homotopy", "cd"):
        coefs = lasso_path(X, y, alphas, method=method, tol=1e-12)
        assert coefs.shape == (100, 10)
        np.testing.assert_allclose(coefs, ref.T, rtol=0, atol=1e-6)
    exact = lasso_path(X, y, alphas)
    np.testing.assert_array_equal(exact == 0.0, np.abs(ref.T) < 1e-12)


def test_lasso_path_keeps_the_order_of_alphas(diabetes):
    X, y, alphas = diabetes
    rng = np.random.default_rng(0)
    perm = rng.permutation(alphas.size)
    np.testing.assert_allclose(lasso_path(X, y, alphas[perm]), lasso_path(X, y, alphas)[perm])
    np.testing.assert_allclose(
        lasso_path(X, y, alphas[perm], method="cd"), lasso_path(X, y, alphas, method="cd")[perm]
    )


def test_lasso_knots_equal_sklearn_lars_lasso(diabetes):
    X, y, _ = diabetes
    alphas, coefs = lasso_knots(X, y)
    ref_alphas, _, ref_coefs = sk.lars_path(X, y, method="lasso")
    np.testing.assert_allclose(alphas, ref_alphas, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(coefs, ref_coefs.T, rtol=1e-8, atol=1e-8)
    assert alphas[0] == pytest.approx(lasso_alpha_max(X, y)) and alphas[-1] == 0.0
    np.testing.assert_allclose(coefs[-1], np.linalg.lstsq(X, y, rcond=None)[0], atol=1e-8)


@pytest.mark.parametrize(
    "shape, seed", [((80, 6), 0), ((50, 20), 1), ((25, 60), 2), ((200, 40), 3)]
)
def test_lasso_path_random_data_equals_sklearn(shape, seed):
    X, y = centred(*random_problem(*shape, seed, k=5))
    alphas = lasso_alpha_max(X, y) * np.geomspace(1.0, 1e-2, 30)
    _, ref, _ = sk.lasso_path(X, y, alphas=alphas, **TIGHT)
    np.testing.assert_allclose(lasso_path(X, y, alphas), ref.T, rtol=0, atol=1e-6)
    np.testing.assert_allclose(lasso_path(X, y, alphas, method="cd"), ref.T, rtol=0, atol=1e-6)


def test_lasso_path_collinear_satisfies_kkt_and_matches_sklearn_fit():
    X, y = centred(*collinear_problem(2))
    alphas = lasso_alpha_max(X, y) * np.geomspace(1.0, 1e-2, 20)
    coefs = lasso_path(X, y, alphas)
    _, ref, _ = sk.lasso_path(X, y, alphas=alphas, **TIGHT)
    np.testing.assert_allclose(coefs @ X.T, ref.T @ X.T, atol=1e-5)  # same fitted values
    for a, w in zip(alphas, coefs, strict=True):
        assert_kkt(X, y, a, w, atol=1e-7)


@pytest.mark.parametrize("l1_ratio", [0.2, 0.7, 1.0])
def test_enet_path_equals_sklearn(l1_ratio):
    X, y = centred(*random_problem(60, 12, 7))
    alphas = np.geomspace(5.0, 0.01, 25)
    _, ref, _ = sk.enet_path(X, y, l1_ratio=l1_ratio, alphas=alphas, **TIGHT)
    np.testing.assert_allclose(enet_path(X, y, alphas, l1_ratio=l1_ratio), ref.T, atol=1e-6)


def assert_kkt(X, y, alpha, w, atol):
    """Lasso optimality: X'(y - Xw)/n = alpha sign(w_j) where w_j != 0, |.| <= alpha else."""
    grad = X.T @ (y - X @ w) / len(y)
    on = w != 0
    np.testing.assert_allclose(grad[on], alpha * np.sign(w[on]), atol=atol)
    assert np.all(np.abs(grad[~on]) <= alpha + atol)


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(3, 30),
    p=st.integers(1, 12),
    seed=st.integers(0, 10_000),
    rel=st.floats(0.01, 1.2),
)
def test_lasso_path_satisfies_kkt_conditions(n, p, seed, rel):
    X, y = centred(*random_problem(n, p, seed))
    alpha = rel * lasso_alpha_max(X, y)
    w = lasso_path(X, y, [alpha])[0]
    assert_kkt(X, y, alpha, w, atol=1e-7 * max(1.0, np.abs(y).max() * np.abs(X).max()))


# --------------------------------------------------------------------------------------------
# Update-rule trajectories
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("eta, alpha", [(0.1, 0.5), (0.05, 3.0), (0.2, 1.0)])
def test_pure_l2_step_is_multiplication_by_one_minus_two_eta_alpha(eta, alpha):
    w0 = np.array([1.0, -2.0, 0.5])
    path = penalty_only_trajectory(w0, penalty="l2", alpha=alpha, learning_rate=eta, n_steps=6)
    closed = (1 - 2 * eta * alpha) ** np.arange(7)[:, None] * w0
    np.testing.assert_allclose(path, closed, rtol=1e-13)
    # the same step inside gradient descent when the data term vanishes (X = 0, y = 0)
    gd = gradient_descent(
        np.zeros((4, 3)),
        np.zeros(4),
        alpha=alpha,
        penalty="l2",
        learning_rate=eta,
        n_steps=6,
        w0=w0,
    )
    np.testing.assert_allclose(gd, closed, rtol=1e-13)
    assert penalty_only_step(1.0, penalty="l2", alpha=alpha, learning_rate=eta) == (
        pytest.approx(1 - 2 * eta * alpha)
    )


def test_l2_step_with_two_eta_alpha_one_hits_zero_and_above_two_diverges():
    assert penalty_only_step(1.0, penalty="l2", alpha=2.5, learning_rate=0.2) == 0.0
    path = penalty_only_trajectory(1.0, penalty="l2", alpha=1.5, learning_rate=1.0, n_steps=8)
    np.testing.assert_allclose(path, (-2.0) ** np.arange(9))  # 2*eta*alpha = 3: factor -2
    assert np.all(np.abs(np.diff(np.abs(path))) > 0) and np.abs(path[-1]) == 256.0
    with pytest.raises(ValueError, match="diverges"):
        penalty_only_trajectory(1.0, penalty="l2", alpha=1.5, learning_rate=1.0, n_steps=2000)
    # exactly 2: sign flips forever, no decay; proximal L2 never overshoots
    flip = penalty_only_trajectory(1.0, penalty="l2", alpha=1.0, learning_rate=1.0, n_steps=4)
    np.testing.assert_array_equal(flip, [1.0, -1.0, 1.0, -1.0, 1.0])
    prox = penalty_only_trajectory(
        1.0, penalty="l2", alpha=1.5, learning_rate=1.0, n_steps=3, proximal=True
    )
    np.testing.assert_allclose(prox, 0.25 ** np.arange(4))


def test_subgradient_on_l1_oscillates_and_never_reaches_zero():
    path = penalty_only_trajectory(1.0, penalty="l1", alpha=0.3, learning_rate=0.1, n_steps=50)
    assert np.all(path != 0.0)
    # each step moves eta*alpha = 0.03 toward 0: 1 - 33 * 0.03 = 0.01, then it jumps over 0
    tail = path[33:]
    assert np.all(np.sign(tail[1:]) == -np.sign(tail[:-1]))  # flips sign every step
    assert np.all(np.abs(tail) <= 0.03 + 1e-12)
    np.testing.assert_allclose(tail[1::2], -0.02, atol=1e-12)
    prox = penalty_only_trajectory(
        1.0, penalty="l1", alpha=0.3, learning_rate=0.1, n_steps=50, proximal=True
    )
    assert prox[34] == 0.0 and np.all(prox[34:] == 0.0) and prox[33] > 0


def lasso_problem():
    X, y = centred(*random_problem(80, 10, 11, k=3, noise=1.0))
    alpha = 0.2 * lasso_alpha_max(X, y)
    eta = len(y) / np.linalg.norm(X, 2) ** 2  # 1/L
    ref = sk.Lasso(alpha=alpha, fit_intercept=False, **TIGHT).fit(X, y).coef_
    return X, y, alpha, eta, ref


def test_ista_converges_to_lasso_with_exact_zeros():
    X, y, alpha, eta, ref = lasso_problem()
    assert np.any(ref == 0.0) and np.any(ref != 0.0)
    path = proximal_gradient(X, y, alpha=alpha, learning_rate=eta, n_steps=3000)
    assert path.shape == (3001, 10) and np.all(path[0] == 0.0)
    np.testing.assert_allclose(path[-1], ref, atol=1e-8)
    zero = ref == 0.0
    assert np.all(path[-200:, zero] == 0.0)  # exact zeros, for good
    objective = [np.sum((y - X @ w) ** 2) / (2 * len(y)) + alpha * np.abs(w).sum() for w in path]
    assert np.all(np.diff(objective) <= 1e-9)  # ISTA with eta = 1/L is monotone


def test_subgradient_descent_on_lasso_does_not_reach_exact_zeros_and_oscillates():
    X, y, alpha, eta, ref = lasso_problem()
    path = gradient_descent(X, y, alpha=alpha, penalty="l1", learning_rate=0.5 * eta, n_steps=3000)
    zero = ref == 0.0
    tail = path[-200:, zero]
    assert np.all(tail != 0.0)
    sign_changes = np.mean(np.sign(tail[1:]) != np.sign(tail[:-1]))
    assert sign_changes > 0.3
    # the non-zero coefficients are still about right
    np.testing.assert_allclose(path[-1, ~zero], ref[~zero], atol=0.05)


def test_gradient_descent_without_penalty_reaches_least_squares():
    X, y = centred(*random_problem(50, 4, 3))
    eta = len(y) / np.linalg.norm(X, 2) ** 2
    path = gradient_descent(X, y, alpha=0.7, penalty=None, learning_rate=eta, n_steps=5000)
    np.testing.assert_allclose(path[-1], np.linalg.lstsq(X, y, rcond=None)[0], atol=1e-8)


def test_gradient_descent_l2_reaches_ridge_solution():
    X, y = centred(*random_problem(50, 4, 3))
    alpha, n = 0.4, len(y)
    eta = 1.0 / (np.linalg.norm(X, 2) ** 2 / n + 2 * alpha)
    path = gradient_descent(X, y, alpha=alpha, penalty="l2", learning_rate=eta, n_steps=5000)
    # (1/(2n))||y-Xw||^2 + alpha||w||^2 is Ridge with alpha_ridge = 2 n alpha
    ref = sk.Ridge(alpha=2 * n * alpha, fit_intercept=False).fit(X, y).coef_
    np.testing.assert_allclose(path[-1], ref, atol=1e-8)


def test_gradient_descent_overflow_raises():
    X, y = random_problem(20, 3, 0)
    with pytest.raises(ValueError, match="overflowed"):
        gradient_descent(X, y, alpha=0.0, penalty=None, learning_rate=100.0, n_steps=5000)


# --------------------------------------------------------------------------------------------
# Cross-validation
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("n, cv", [(10, 5), (11, 3), (442, 5), (7, 7)])
def test_kfold_splits_equal_sklearn_kfold(n, cv):
    ours = kfold_splits(n, cv)
    ref = list(KFold(cv).split(np.zeros((n, 1))))
    assert len(ours) == len(ref)
    for (tr, te), (rtr, rte) in zip(ours, ref, strict=True):
        np.testing.assert_array_equal(tr, rtr)
        np.testing.assert_array_equal(te, rte)


def test_cv_lasso_matches_lasso_cv(diabetes):
    X, _, _ = diabetes
    y = load_diabetes().y  # not centred: the intercept is fitted in every fold
    alphas = np.geomspace(10.0, 0.01, 30)
    result = cross_validate_alpha(Lasso(tol=1e-12, max_iter=100_000), X, y, alphas, cv=5)
    ref = sk.LassoCV(alphas=alphas, cv=KFold(5), **TIGHT).fit(X, y)
    assert result.alpha == ref.alpha_
    assert 0.01 < result.alpha < 10.0  # an interior minimum, so the check means something
    assert cross_validate_alpha("lasso", X, y, alphas, cv=5).alpha == ref.alpha_
    np.testing.assert_allclose(result.mse, ref.mse_path_, rtol=1e-7)  # both descending alphas
    np.testing.assert_allclose(result.estimator.coef_, ref.coef_, atol=1e-6)


def test_cv_ridge_matches_ridge_cv_with_kfold():
    X, y = random_problem(90, 15, 8, k=4, noise=4.0)
    alphas = np.geomspace(1000.0, 0.01, 25)
    result = cross_validate_alpha("ridge", X, y, alphas, cv=5)
    ref = sk.RidgeCV(alphas=alphas, cv=KFold(5), scoring="neg_mean_squared_error").fit(X, y)
    assert result.alpha == ref.alpha_
    assert 0.01 < result.alpha < 1000.0  # an interior minimum, so the check means something
    np.testing.assert_allclose(result.estimator.coef_, ref.coef_, rtol=1e-7)


def test_cv_elastic_net_instance_and_no_intercept():
    X, y = random_problem(60, 8, 9)
    alphas = np.geomspace(3.0, 0.003, 12)
    model = ElasticNet(l1_ratio=0.5, fit_intercept=False)
    result = cross_validate_alpha(model, X, y, alphas, cv=4)
    ref = sk.ElasticNetCV(
        l1_ratio=0.5, alphas=alphas, cv=KFold(4), fit_intercept=False, **TIGHT
    ).fit(X, y)
    assert result.alpha == ref.alpha_
    np.testing.assert_allclose(result.mse, ref.mse_path_, rtol=1e-6)
    assert result.estimator.fit_intercept is False and model.alpha == 1.0  # model untouched


# --------------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("Model", [Ridge, Lasso, ElasticNet])
def test_estimators_reject_bad_input(Model):
    X, y = random_problem(20, 3, 0)
    with pytest.raises(ValueError, match="alpha must be a finite number >= 0"):
        Model(alpha=-1.0).fit(X, y)
    with pytest.raises(TypeError, match="alpha must be a real number"):
        Model(alpha="big").fit(X, y)
    Xnan = X.copy()
    Xnan[3, 1] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        Model().fit(Xnan, y)
    ynan = y.copy()
    ynan[0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        Model().fit(X, ynan)
    with pytest.raises(ValueError, match="2D array"):
        Model().fit(X[:, 0], y)
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        Model().fit(X, y[:-1])
    with pytest.raises(TypeError, match="fit_intercept must be True or False"):
        Model(fit_intercept="yes").fit(X, y)
    model = Model().fit(X, y)
    with pytest.raises(ValueError, match="X has 2 features"):
        model.predict(X[:, :2])


def test_cd_parameters_are_checked():
    X, y = random_problem(20, 3, 0)
    with pytest.raises(ValueError, match="l1_ratio must be in"):
        ElasticNet(l1_ratio=1.5).fit(X, y)
    with pytest.raises(ValueError, match="max_iter must be >= 1"):
        Lasso(max_iter=0).fit(X, y)
    with pytest.raises(TypeError, match="max_iter must be an integer"):
        Lasso(max_iter=10.5).fit(X, y)
    with pytest.raises(ValueError, match="tol must be a finite number > 0"):
        Lasso(tol=-1e-3).fit(X, y)


@pytest.mark.parametrize("path", [ridge_path, lasso_path, enet_path])
def test_paths_reject_bad_input(path):
    X, y = random_problem(20, 3, 0)
    with pytest.raises(ValueError, match="alpha must be >= 0"):
        path(X, y, [1.0, -0.1])
    with pytest.raises(ValueError, match="X must be 2-D"):
        path(X[:, 0], y, [1.0])
    with pytest.raises(ValueError, match="y must be 1-D"):
        path(X, y[:, None], [1.0])
    with pytest.raises(ValueError, match="same number of samples"):
        path(X, y[:-2], [1.0])
    with pytest.raises(ValueError, match="NaN"):
        path(X, np.where(y > 0, np.nan, y), [1.0])
    with pytest.raises(ValueError, match="NaN"):
        path(X, y, [np.nan])
    with pytest.raises(TypeError, match="numeric"):
        path("X", y, [1.0])
    with pytest.raises(ValueError, match="alphas must be 1-D"):
        path(X, y, [[1.0, 2.0]])


def test_other_functions_reject_bad_input():
    X, y = random_problem(20, 3, 0)
    with pytest.raises(ValueError, match='method must be "auto"'):
        lasso_path(X, y, [1.0], method="lars")
    with pytest.raises(ValueError, match="penalty must be one of"):
        gradient_descent(X, y, alpha=1.0, penalty="l3", learning_rate=0.1, n_steps=3)
    with pytest.raises(ValueError, match="learning_rate must be a finite number > 0"):
        proximal_gradient(X, y, alpha=1.0, learning_rate=0.0, n_steps=3)
    with pytest.raises(ValueError, match="alpha must be a finite number >= 0"):
        proximal_gradient(X, y, alpha=-1.0, learning_rate=0.1, n_steps=3)
    with pytest.raises(ValueError, match="w0 must have shape"):
        proximal_gradient(X, y, alpha=1.0, learning_rate=0.1, n_steps=3, w0=[0.0, 1.0])
    with pytest.raises(TypeError, match="n_steps must be an integer"):
        gradient_descent(X, y, alpha=1.0, penalty=None, learning_rate=0.1, n_steps=2.5)
    with pytest.raises(ValueError, match="penalty must be one of"):
        penalty_only_step(1.0, penalty=None, alpha=1.0, learning_rate=0.1)
    with pytest.raises(ValueError, match="kind must be"):
        cross_validate_alpha("ols", X, y, [1.0])
    with pytest.raises(TypeError, match="kind must be"):
        cross_validate_alpha(sk.Lasso(), X, y, [1.0])
    with pytest.raises(ValueError, match="cv=30 folds need at least 30 samples"):
        cross_validate_alpha("ridge", X, y, [1.0], cv=30)
    with pytest.raises(ValueError, match="cv must be >= 2"):
        kfold_splits(10, 1)


# --------------------------------------------------------------------------------------------
# The homotopy with ties (issue 12, bug 1): each case failed before the direction was found by
# the sign-constrained problem on the whole equicorrelation set
# --------------------------------------------------------------------------------------------
def lasso_objective(X, y, alpha, w):
    r = y - X @ w
    return r @ r / (2 * len(y)) + alpha * np.abs(w).sum()


def assert_optimal_like_sklearn(X, y, alphas, coefs, rel=1e-9):
    """Objective never above sklearn's (tol=1e-14) by more than rel, and KKT holds."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # sklearn at tol=1e-14
        _, ref, _ = sk.lasso_path(X, y, alphas=alphas, **TIGHT)
    scale = y @ y / (2 * len(y))
    for a, w, w_ref in zip(alphas, coefs, ref.T, strict=True):
        ours, theirs = lasso_objective(X, y, a, w), lasso_objective(X, y, a, w_ref)
        assert ours <= theirs + rel * theirs + 1e-15 * scale, (a, ours, theirs)
        assert_kkt(X, y, a, w, atol=1e-9 * max(1.0, np.abs(X.T @ y).max() / len(y)))


def two_tied_features():
    return np.eye(2), np.array([1.0, 1.0])


@pytest.mark.parametrize("method", ["auto", "homotopy"])
def test_lasso_path_tied_features_both_enter(method):
    X, y = two_tied_features()
    # orthogonal columns: w_j = S(x_j.y / n, alpha) / (x_j.x_j / n) = S(0.5, alpha) / 0.5
    np.testing.assert_allclose(lasso_path(X, y, [0.25], method=method), [[0.5, 0.5]])
    alphas = np.linspace(0.6, 0.0, 13)
    closed = np.maximum(0.5 - alphas, 0.0)[:, None] / 0.5 * np.ones(2)
    np.testing.assert_allclose(lasso_path(X, y, alphas, method=method), closed, atol=1e-14)


def test_lasso_knots_tied_features_join_at_the_same_knot():
    alphas, coefs = lasso_knots(*two_tied_features())
    np.testing.assert_allclose(alphas, [0.5, 0.0])
    np.testing.assert_allclose(coefs, [[0.0, 0.0], [1.0, 1.0]])


def one_hot_problem():
    g = np.repeat([0, 1, 2], 2)
    X = np.eye(3)[g]
    y = np.array([1, 1.2, -1, -1.2, 0.3, -0.3])
    return centred(X, y)


def test_lasso_path_centred_one_hot_reaches_the_optimum():
    X, y = one_hot_problem()
    w = lasso_path(X, y, [0.1])[0]
    ref = sk.Lasso(alpha=0.1, fit_intercept=False, **TIGHT).fit(X, y).coef_
    assert lasso_objective(X, y, 0.1, w) == pytest.approx(lasso_objective(X, y, 0.1, ref), 1e-12)
    assert lasso_objective(X, y, 0.1, w) == pytest.approx(0.2083333333333333, rel=1e-12)
    alphas = lasso_alpha_max(X, y) * np.geomspace(1.0, 1e-3, 40)
    for method in ("homotopy", "cd"):
        assert_optimal_like_sklearn(X, y, alphas, lasso_path(X, y, alphas, method=method))


def test_cross_validate_lasso_with_tied_features_matches_lasso_cv():
    X, y = one_hot_problem()
    X, y = np.vstack([X] * 3), np.concatenate([y, 0.9 * y, 1.1 * y])
    alphas = np.geomspace(0.5, 0.005, 15)
    result = cross_validate_alpha(Lasso(tol=1e-12, max_iter=100_000), X, y, alphas, cv=3)
    ref = sk.LassoCV(alphas=alphas, cv=KFold(3), **TIGHT).fit(X, y)
    np.testing.assert_allclose(result.mse, ref.mse_path_, rtol=1e-7, atol=1e-12)


def mirrored_problem():
    """Two copies of a 3-feature problem whose path drops a variable, on disjoint samples:
    every knot is a double event (two join, or two leave, at the same alpha)."""
    rng = np.random.default_rng(4)
    A = rng.standard_normal((12, 3))
    A[:, 2] = A[:, 0] + 0.5 * A[:, 1] + 0.3 * rng.standard_normal(12)
    y = A @ np.array([1.0, -1.0, 0.2]) + 0.5 * rng.standard_normal(12)
    A, y = centred(A, y)
    Z = np.zeros_like(A)
    return np.block([[A, Z], [Z, A]]), np.concatenate([y, y]), A, y


def test_lasso_path_simultaneous_joins_and_drops():
    X, y, A, y_half = mirrored_problem()
    half_alphas, _, half_coefs = sk.lars_path(A, y_half, method="lasso")
    nonzero = half_coefs != 0
    assert np.any(nonzero[:, :-1] & ~nonzero[:, 1:])  # the half path has a drop
    alphas, coefs = lasso_knots(X, y)
    # per half, the objective is half of one copy's with 2 alpha: the knots are at half_alphas / 2
    np.testing.assert_allclose(2 * alphas, half_alphas, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(coefs[:, :3], half_coefs.T, rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(coefs[:, 3:], coefs[:, :3], rtol=1e-10, atol=1e-12)
    grid = lasso_alpha_max(X, y) * np.geomspace(1.0, 1e-3, 60)
    assert_optimal_like_sklearn(X, y, grid, lasso_path(X, y, grid))


def test_lasso_path_duplicated_column_and_n_less_than_p():
    X, y = random_problem(8, 5, 3)
    X = np.column_stack([X, X[:, 1], -X[:, 2], X[:, 0] + X[:, 3]])
    X, y = centred(X, y)
    alphas = lasso_alpha_max(X, y) * np.geomspace(1.0, 1e-4, 50)
    for method in ("homotopy", "cd"):
        assert_optimal_like_sklearn(
            X, y, alphas, lasso_path(X, y, alphas, method=method, tol=1e-14)
        )


@pytest.mark.parametrize("seed", range(8))
def test_lasso_knots_reach_zero_on_degenerate_designs(seed):
    # more tied columns than the rank of X (0/1 columns with n < p, duplicated columns): the
    # direction problem is singular there; the homotopy must still follow the path to alpha = 0
    rng = np.random.default_rng(seed)
    n, p = 10, 16
    wide = (rng.random((n, p)) < 0.3).astype(float)
    base = rng.integers(-1, 2, (30, 6)).astype(float)
    dup = np.column_stack([base, base[:, :3], 2 * base[:, :2]])
    for X in (wide, dup):
        y = rng.integers(-3, 4, X.shape[0]).astype(float)
        alphas, coefs = lasso_knots(X, y)
        assert alphas[-1] == 0.0 and np.all(np.diff(alphas) < 0)
        for a, w in zip(alphas[:-1], coefs[:-1], strict=True):
            assert_kkt(X, y, a, w, atol=1e-9 * max(1.0, alphas[0]))
        r_end = y - X @ coefs[-1]
        r_ls = y - X @ np.linalg.lstsq(X, y, rcond=None)[0]
        assert r_end @ r_end <= r_ls @ r_ls + 1e-9 * (y @ y)
