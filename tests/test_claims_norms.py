"""The source note's claims about norms (N1–N8), each checked through lib against an oracle.

Oracles: numpy (``numpy.linalg.norm`` and plain sums), scipy's distance functions,
scikit-learn's pairwise distances, and closed forms.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.spatial import distance
from sklearn.metrics.pairwise import euclidean_distances, manhattan_distances

import lib

NORM_PS = [1, 1.5, 2, 3, np.inf]


def _numpy_norm(x, p):
    return np.linalg.norm(np.ravel(x), ord=p)


@pytest.mark.parametrize("p", NORM_PS)
def test_N1_a_norm_measures_size_and_satisfies_the_three_axioms(p):
    rng = np.random.default_rng(1)
    for _ in range(200):
        n = int(rng.integers(1, 8))
        x, y = rng.normal(size=(2, n)) * rng.exponential(3.0, size=(2, 1))
        c = rng.normal() * 5
        nx = lib.lp_norm(x, p=p)
        assert nx == pytest.approx(_numpy_norm(x, p), rel=1e-12)
        # positivity: > 0 for x != 0 and exactly 0 for the zero vector
        assert nx > 0
        assert lib.lp_norm(np.zeros(n), p=p) == 0
        # absolute homogeneity
        assert lib.lp_norm(c * x, p=p) == pytest.approx(abs(c) * _numpy_norm(x, p), rel=1e-12)
        # triangle inequality
        assert lib.lp_norm(x + y, p=p) <= _numpy_norm(x, p) + _numpy_norm(y, p) + 1e-12


@pytest.mark.parametrize("p", NORM_PS)
def test_N2_the_distance_is_the_norm_of_the_difference(p):
    rng = np.random.default_rng(2)
    x, y, z = rng.normal(size=(3, 50, 4))
    for a, b, c in zip(x, y, z, strict=True):
        d = lib.lp_distance(a, b, p=p)
        assert d == pytest.approx(_numpy_norm(a - b, p), rel=1e-12)
        assert d == pytest.approx(lib.lp_distance(b, a, p=p))  # symmetric
        assert lib.lp_distance(a, a, p=p) == 0
        assert d <= _numpy_norm(a - c, p) + _numpy_norm(c - b, p) + 1e-12  # triangle


def test_N3_beyond_l1_and_l2_the_lp_family_and_why_p_below_one_is_not_a_norm():
    rng = np.random.default_rng(3)
    # L-infinity and the chain ||x||_inf <= ||x||_2 <= ||x||_1 <= sqrt(n) ||x||_2
    for _ in range(500):
        n = int(rng.integers(1, 20))
        x = rng.standard_cauchy(size=n)
        inf, two, one = (lib.lp_norm(x, p=p) for p in (np.inf, 2, 1))
        assert inf == np.max(np.abs(x))
        assert inf <= two * (1 + 1e-12)
        assert two <= one * (1 + 1e-12)
        assert one <= np.sqrt(n) * np.sqrt(np.sum(x**2)) * (1 + 1e-12)
    # p < 1: refused as a norm ...
    for p in (0.3, 0.5, 0.9):
        with pytest.raises(ValueError, match="not define a norm"):
            lib.lp_norm([1.0, 1.0], p=p)
        # ... because the triangle inequality fails: e1 + e2 has size 2^(1/p) > 1 + 1
        e1, e2 = np.eye(2)
        lhs = lib.lp_quasinorm(e1 + e2, p=p)
        assert lhs == pytest.approx(2 ** (1 / p))
        assert lhs > lib.lp_quasinorm(e1, p=p) + lib.lp_quasinorm(e2, p=p)
        # ... and the ball is not convex: the midpoint of two points on it lies outside
        assert lib.lp_quasinorm((e1 + e2) / 2, p=p) == pytest.approx(2 ** (1 / p - 1))
        assert 2 ** (1 / p - 1) > 1
    # for p >= 1 midpoints of boundary points stay inside (convex ball)
    for p in NORM_PS:
        pts = lib.unit_ball(p, n_points=101)
        i, j = rng.integers(0, 100, size=(2, 300))
        mid = (pts[i] + pts[j]) / 2
        assert np.all(np.linalg.norm(mid, ord=p, axis=1) <= 1 + 1e-9)


def test_N3_the_quasi_norm_constant_is_two_to_the_one_over_p_minus_one_from_dimension_two():
    """unit_balls, ex-norms-quasi-ratio: for 0 < p < 1, ||x + y||_p <= 2^(1/p - 1)(||x||_p +
    ||y||_p), reached at e1, e2 once d >= 2; in one dimension ||x||_p = |x| and the constant is
    1 (the ordinary triangle inequality). Oracle: the closed-form bound, |x + y| <= |x| + |y|."""
    rng = np.random.default_rng(31)
    for p in (0.3, 0.5, 0.9):
        bound = 2 ** (1 / p - 1)
        for d in (1, 2, 3, 5):
            x, y = rng.normal(size=(2, 4000, d))
            ratio = lib.lp_quasinorm(x + y, p=p, axis=1) / (
                lib.lp_quasinorm(x, p=p, axis=1) + lib.lp_quasinorm(y, p=p, axis=1)
            )
            assert ratio.max() <= (1.0 if d == 1 else bound) * (1 + 1e-12)
            if d >= 2:  # some random pairs break the triangle inequality
                assert ratio.max() > 1.0
        e1, e2 = np.eye(2)
        reached = lib.lp_quasinorm(e1 + e2, p=p) / (
            lib.lp_quasinorm(e1, p=p) + lib.lp_quasinorm(e2, p=p)
        )
        assert reached == pytest.approx(bound)


def test_N4_l1_norm_of_a_vector_versus_l1_distance_of_two():
    rng = np.random.default_rng(4)
    x, y = rng.normal(size=(2, 100, 6))
    for a, b in zip(x, y, strict=True):
        assert lib.lp_norm(a, p=1) == pytest.approx(np.sum(np.abs(a)))
        assert lib.lp_distance(a, b, p=1) == pytest.approx(np.sum(np.abs(a - b)))
        assert lib.lp_distance(a, np.zeros_like(a), p=1) == pytest.approx(np.sum(np.abs(a)))
    # the note's formula (sum of |differences|) is a distance, not the norm of one vector
    a, b = np.array([3.0, -1.0]), np.array([1.0, 2.0])
    assert lib.lp_distance(a, b, p=1) == 5.0 != lib.lp_norm(a, p=1)


def _independent_staircase(a, b, rng):
    """A monotone axis-aligned path with random, unequal pieces (built here, not by lib)."""
    moves = []
    for axis, delta in enumerate(b - a):
        k = int(rng.integers(1, 6))
        cuts = np.sort(rng.uniform(0, 1, size=k - 1))
        for piece in np.diff(np.concatenate([[0.0], cuts, [1.0]])) * delta:
            step = np.zeros(a.size)
            step[axis] = piece
            moves.append(step)
    moves = np.array(moves)[rng.permutation(len(moves))]
    return np.vstack([a, a + np.cumsum(moves, axis=0)])


def test_N5_every_staircase_path_has_the_l1_length():
    rng = np.random.default_rng(5)
    for _ in range(300):
        n = int(rng.integers(2, 5))
        a, b = rng.normal(scale=3, size=(2, n))
        path = _independent_staircase(a, b, rng)
        np.testing.assert_allclose(path[-1], b, atol=1e-9)
        travelled = np.sum(np.sqrt(np.sum(np.diff(path, axis=0) ** 2, axis=1)))
        assert travelled == pytest.approx(lib.lp_distance(a, b, p=1), rel=1e-9)


def test_N6_l1_distance_is_the_manhattan_or_cityblock_distance():
    rng = np.random.default_rng(6)
    X = rng.normal(size=(20, 5))
    Y = rng.normal(size=(15, 5))
    manhattan = manhattan_distances(X, Y)
    for i, x in enumerate(X):
        for j, y in enumerate(Y):
            d = lib.lp_distance(x, y, p=1)
            assert d == pytest.approx(manhattan[i, j])
            assert d == pytest.approx(distance.cityblock(x, y))


def test_N7_l2_norm_is_the_root_of_the_sum_of_squares():
    rng = np.random.default_rng(7)
    x, y = rng.normal(size=(2, 100, 6))
    for a, b in zip(x, y, strict=True):
        assert lib.lp_norm(a, p=2) == pytest.approx(np.sqrt(np.sum(a**2)))
        assert lib.lp_distance(a, b, p=2) == pytest.approx(np.sqrt(np.sum((a - b) ** 2)))
    assert lib.lp_norm([3.0, 4.0]) == 5.0  # closed form, the 3-4-5 triangle


def test_N8_l2_distance_is_the_straight_line_euclidean_distance():
    rng = np.random.default_rng(8)
    X = rng.normal(size=(10, 3))
    Y = rng.normal(size=(12, 3))
    euclid = euclidean_distances(X, Y)
    for i, a in enumerate(X):
        for j, b in enumerate(Y):
            d = lib.lp_distance(a, b, p=2)
            assert d == pytest.approx(euclid[i, j])
            assert d == pytest.approx(distance.euclidean(a, b))
            # the straight segment is the shortest path: any detour is at least as long
            detour = np.vstack([a, rng.normal(size=(3, 3)), b])
            assert np.sum(np.linalg.norm(np.diff(detour, axis=0), axis=1)) >= d
            # and it does not depend on how the axes are turned (rotation invariance)
            q, _ = np.linalg.qr(rng.normal(size=(3, 3)))
            assert lib.lp_distance(q @ a, q @ b, p=2) == pytest.approx(d)
    # L1 does depend on the axes: turning (1, 0) by 45 degrees changes its L1 length
    turn = np.array([[1, -1], [1, 1]]) / np.sqrt(2)
    assert lib.lp_norm(turn @ [1.0, 0.0], p=1) == pytest.approx(np.sqrt(2))
    # "in general": a turn that maps the axes onto each other (a quarter or half turn) keeps
    # the L1 norm of every vector, any other turn changes it for some vector
    for degrees in range(0, 360, 15):
        t = np.deg2rad(degrees)
        turn = np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])
        vectors = rng.normal(size=(50, 2))
        kept = all(lib.lp_norm(turn @ v, p=1) == pytest.approx(np.abs(v).sum()) for v in vectors)
        assert kept == (degrees % 90 == 0)


def test_N3_the_closest_point_of_the_l1_ball_is_a_corner_exactly_on_the_wedges():
    """unit_balls, 'why the shape matters': every target in the four wedges beyond the corners
    of the L1 diamond is sent to the corner itself, and only those. Oracle: the closed form of
    the Euclidean projection onto the L1 ball in 2-D (soft-thresholding both coordinates by
    the tau that puts the result on the boundary, tau = (|c1| + |c2| - 1) / 2, unless that
    leaves one coordinate at or below 0: then the corner)."""
    from lib.geometry import Quadratic, constrained_optimum

    rng = np.random.default_rng(33)
    targets = rng.normal(scale=2.0, size=(3000, 2))
    targets = targets[np.abs(targets).sum(axis=1) > 1.0 + 1e-9]  # outside the diamond
    for c in targets:
        w = constrained_optimum(Quadratic(np.eye(2), c), 1.0, norm=1)
        big, small = np.argsort(-np.abs(c))
        in_wedge = np.abs(c[big]) - 1.0 >= np.abs(c[small])
        tau = (np.abs(c).sum() - 1.0) / 2.0
        oracle = np.zeros(2)
        if in_wedge:
            oracle[big] = np.sign(c[big])
        else:
            oracle = np.sign(c) * (np.abs(c) - tau)
        np.testing.assert_allclose(w, oracle, atol=1e-9)
        assert (np.count_nonzero(w == 0.0) == 1) == in_wedge or np.isclose(
            np.abs(c[big]) - 1.0, np.abs(c[small])
        )
