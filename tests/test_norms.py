"""lib.norms against numpy.linalg, the norm axioms, and its promises about bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from lib.norms import (
    lp_distance,
    lp_norm,
    lp_quasinorm,
    path_length,
    staircase_path,
    unit_ball,
)

PS = [1, 1.5, 2, 3, np.inf]
SETTINGS = settings(max_examples=100, deadline=None)

# Subnormal numbers are excluded: their spacing (5e-324) is coarser than the inequalities
# being tested (e.g. the 2-norm of [5e-324, 5e-324] rounds down to 5e-324).
finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False, allow_subnormal=False)
vectors = st.integers(1, 12).flatmap(lambda n: arrays(float, n, elements=finite))
norm_p = st.sampled_from(PS)


def pairs(n_arrays: int):
    """``n_arrays`` vectors of one common length."""
    return st.integers(1, 12).flatmap(
        lambda n: st.tuples(*[arrays(float, n, elements=finite) for _ in range(n_arrays)])
    )


# ----------------------------------------------------------------------------- vs numpy


@pytest.mark.parametrize("p", PS)
@pytest.mark.parametrize("axis", [None, 0, 1, -1, (0, 1), (0, 2)])
@pytest.mark.parametrize("keepdims", [False, True])
def test_lp_norm_matches_numpy_vector_norm(p, axis, keepdims):
    x = np.random.default_rng(0).normal(size=(3, 4, 5))
    got = lp_norm(x, p=p, axis=axis, keepdims=keepdims)
    want = np.linalg.vector_norm(x, ord=p, axis=axis, keepdims=keepdims)
    assert np.shape(got) == np.shape(want)
    np.testing.assert_allclose(got, want, rtol=1e-13)


@pytest.mark.parametrize("p", PS)
def test_lp_norm_of_a_vector_matches_numpy_norm_and_is_a_scalar(p):
    x = np.random.default_rng(1).normal(size=7)
    got = lp_norm(x, p=p)
    assert np.ndim(got) == 0
    assert float(got) == pytest.approx(np.linalg.norm(x, ord=p), rel=1e-13)


@pytest.mark.parametrize("p", PS)
@pytest.mark.parametrize("scale", [1e200, 1e-200, 1e300, 1e-300])
def test_lp_norm_neither_overflows_nor_underflows(p, scale):
    x = np.array([3.0, -4.0, 1.0, 0.0])
    got = float(lp_norm(x * scale, p=p))
    assert np.isfinite(got) and got > 0
    assert got == pytest.approx(scale * float(lp_norm(x, p=p)), rel=1e-12)


def test_lp_norm_3_4_5_at_extreme_scales():
    assert float(lp_norm([3e200, 4e200])) == pytest.approx(5e200, rel=1e-15)
    assert float(lp_norm([3e-200, 4e-200])) == pytest.approx(5e-200, rel=1e-15)


# ----------------------------------------------------------------------------- norm axioms


@SETTINGS
@given(x=vectors, p=norm_p)
def test_positivity_and_definiteness(x, p):
    value = float(lp_norm(x, p=p))
    assert value >= 0
    assert (value == 0) == bool(np.all(x == 0))


@SETTINGS
@given(x=vectors, p=norm_p, a=st.floats(-1e3, 1e3, allow_nan=False))
def test_absolute_homogeneity(x, p, a):
    lhs = float(lp_norm(a * x, p=p))
    rhs = abs(a) * float(lp_norm(x, p=p))
    assert lhs == pytest.approx(rhs, rel=1e-12, abs=1e-300)


@SETTINGS
@given(xy=pairs(2), p=norm_p)
def test_triangle_inequality(xy, p):
    x, y = xy
    lhs = float(lp_norm(x + y, p=p))
    rhs = float(lp_norm(x, p=p)) + float(lp_norm(y, p=p))
    assert lhs <= rhs * (1 + 1e-12) + 1e-300


@SETTINGS
@given(x=vectors)
def test_norm_chain_inf_le_2_le_1_le_sqrt_n_times_2(x):
    n = x.size
    n_inf, n2, n1 = (float(lp_norm(x, p=p)) for p in (np.inf, 2, 1))
    slack = 1 + 1e-12
    assert n_inf <= n2 * slack
    assert n2 <= n1 * slack
    assert n1 <= np.sqrt(n) * n2 * slack


@SETTINGS
@given(x=vectors, p=st.floats(1, 50))
def test_lp_norm_decreases_in_p(x, p):
    assert float(lp_norm(x, p=p + 1)) <= float(lp_norm(x, p=p)) * (1 + 1e-12)


# ----------------------------------------------------------------------------- p < 1


@pytest.mark.parametrize("p", [0.5, 0.99, 0.1])
def test_p_below_one_is_refused_with_a_message_about_norms(p):
    with pytest.raises(ValueError, match="norm"):
        lp_norm([1.0, 2.0], p=p)
    with pytest.raises(ValueError, match="norm"):
        lp_distance([1.0, 2.0], [0.0, 0.0], p=p)


def test_quasinorm_violates_the_triangle_inequality_for_p_half():
    e1, e2 = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    lhs = float(lp_quasinorm(e1 + e2, p=0.5))
    rhs = float(lp_quasinorm(e1, p=0.5)) + float(lp_quasinorm(e2, p=0.5))
    assert lhs == pytest.approx(4.0)
    assert rhs == pytest.approx(2.0)
    assert lhs > rhs


@pytest.mark.parametrize("p", [0.1, 0.5, 0.9] + PS)
def test_quasinorm_matches_numpy_for_every_p(p):
    # numpy's vector_norm applies the same formula for any ord > 0, quasi-norms included
    x = np.random.default_rng(2).normal(size=(4, 3))
    want = np.linalg.vector_norm(x, ord=p, axis=0)
    np.testing.assert_allclose(lp_quasinorm(x, p=p, axis=0), want, rtol=1e-13)


# ----------------------------------------------------------------------------- distance


@SETTINGS
@given(xy=pairs(2), p=norm_p)
@example(xy=(np.array([0.0]), np.array([9.6192605e-245])), p=1.5)  # found by hypothesis
def test_lp_distance_matches_numpy_and_is_symmetric(xy, p):
    x, y = xy
    # numpy's norm of x - y divided by its largest entry, times that entry: numpy alone
    # underflows, e.g. |9.6e-245|^1.5 is 0 in float64, so it gives 0 for ([0], [9.6e-245]).
    scale = np.max(np.abs(x - y))
    want = scale * np.linalg.vector_norm((x - y) / scale, ord=p) if scale > 0 else 0.0
    assert float(lp_distance(x, y, p=p)) == pytest.approx(want, rel=1e-13, abs=1e-300)
    assert float(lp_distance(x, y, p=p)) == float(lp_distance(y, x, p=p))


def test_lp_distance_with_axis():
    x = np.random.default_rng(3).normal(size=(5, 3))
    y = np.zeros((5, 3))
    np.testing.assert_allclose(lp_distance(x, y, axis=1), np.linalg.norm(x, axis=1))


@pytest.mark.parametrize("y", [[1.0, 2.0, 3.0], [[1.0, 2.0]], 1.0])
def test_lp_distance_refuses_shape_mismatch(y):
    with pytest.raises(ValueError, match="shape"):
        lp_distance([1.0, 2.0], y)


# ----------------------------------------------------------------------------- unit ball


@pytest.mark.parametrize("p", [0.3, 0.5, 1, 1.5, 2, 4, np.inf])
@pytest.mark.parametrize("n_points", [5, 9, 401])
def test_unit_ball_points_have_norm_one_and_close_the_curve(p, n_points):
    pts = unit_ball(p, n_points=n_points)
    assert pts.shape == (n_points, 2)
    np.testing.assert_allclose(lp_quasinorm(pts, p=p, axis=1), 1.0, rtol=1e-12)
    np.testing.assert_array_equal(pts[0], pts[-1])


@pytest.mark.parametrize("p", [0.5, 1, 2, np.inf])
def test_unit_ball_includes_the_axis_points(p):
    pts = unit_ball(p, n_points=401)
    for corner in ([1, 0], [0, 1], [-1, 0], [0, -1]):
        assert np.any(np.all(np.isclose(pts, corner, atol=1e-12), axis=1)), corner


@pytest.mark.parametrize(
    ("n_points", "error"),
    [
        (4, ValueError),
        (0, ValueError),
        (-3, ValueError),
        (4.5, TypeError),
        (10.0, TypeError),
        ("9", TypeError),
        (True, TypeError),
        (None, TypeError),
    ],
)
def test_unit_ball_bad_n_points(n_points, error):
    with pytest.raises(error):
        unit_ball(2, n_points=n_points)


@pytest.mark.parametrize(
    ("p", "error"),
    [
        (0, ValueError),
        (-1, ValueError),
        (np.nan, ValueError),
        (-np.inf, ValueError),
        ("2", TypeError),
        (None, TypeError),
        (True, TypeError),
    ],
)
def test_unit_ball_bad_p(p, error):
    with pytest.raises(error):
        unit_ball(p)


# ----------------------------------------------------------------------------- staircases


@pytest.mark.parametrize("seed", range(5))
def test_staircase_path_is_monotone_axis_aligned_and_ends_at_b(seed):
    rng = np.random.default_rng(seed)
    a = rng.normal(size=3)
    b = rng.normal(size=3)
    blocks = rng.integers(1, 5, size=3)
    path = staircase_path(a, b, blocks, rng=seed)
    steps = np.diff(path, axis=0)
    assert len(path) == blocks.sum() + 1
    np.testing.assert_allclose(path[0], a)
    np.testing.assert_allclose(path[-1], b)
    assert np.all(np.count_nonzero(steps, axis=1) == 1)  # one coordinate per move
    assert np.all(steps * np.sign(b - a) >= -1e-12)  # never moves away from b
    for axis in range(3):  # axis i is crossed in n_blocks[i] equal blocks
        moves = steps[steps[:, axis] != 0, axis]
        assert len(moves) == blocks[axis]
        np.testing.assert_allclose(moves, (b[axis] - a[axis]) / blocks[axis])


def test_staircase_path_accepts_one_block_count_for_every_axis():
    path = staircase_path([0, 0, 0], [2, 4, 6], 2, rng=1)
    assert len(path) == 7
    assert sorted(np.flatnonzero(np.diff(path, axis=0)) % 3) == [0, 0, 1, 1, 2, 2]


def test_staircase_paths_differ_between_seeds_and_repeat_for_one_seed():
    paths = {staircase_path([0, 0], [5, 4], [5, 4], rng=s).tobytes() for s in range(6)}
    assert len(paths) > 1
    again = staircase_path([0, 0], [5, 4], [5, 4], rng=np.random.default_rng(3))
    np.testing.assert_array_equal(again, staircase_path([0, 0], [5, 4], [5, 4], rng=3))


@SETTINGS
@given(ab=pairs(2), seed=st.integers(0, 2**32 - 1), n=st.integers(1, 4))
def test_every_staircase_has_euclidean_length_the_l1_distance(ab, seed, n):
    a, b = ab
    path = staircase_path(a, b, n, rng=seed)
    travelled = np.sum(np.sqrt(np.sum(np.diff(path, axis=0) ** 2, axis=1)))  # numpy oracle
    assert travelled == pytest.approx(np.sum(np.abs(b - a)), rel=1e-9, abs=1e-9)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"n_blocks": [0, 2]}, ValueError, "n_blocks"),
        ({"n_blocks": [1, 2, 3]}, ValueError, "one per axis"),
        ({"n_blocks": [1.5, 2]}, ValueError, "n_blocks"),
        ({"n_blocks": True}, ValueError, "n_blocks"),
        ({"b": [1, 1, 1]}, ValueError, "same length"),
        ({"b": [1, np.nan]}, ValueError, "b"),
        ({"a": "ab"}, TypeError, "a must be numeric"),
        ({"rng": None}, TypeError, "rng"),
        ({"rng": -1}, ValueError, "rng"),
        ({"rng": 1.5}, TypeError, "rng"),
    ],
)
def test_staircase_path_refuses_bad_input(kwargs, error, match):
    args = {"a": [0, 0], "b": [1, 1], "n_blocks": 1, "rng": 0} | kwargs
    with pytest.raises(error, match=match):
        staircase_path(**args)


@pytest.mark.parametrize("p", PS)
def test_path_length_matches_numpy_segment_lengths(p):
    pts = np.random.default_rng(3).normal(size=(7, 3))
    oracle = sum(np.linalg.norm(pts[j + 1] - pts[j], ord=p) for j in range(6))
    assert path_length(pts, p=p) == pytest.approx(oracle)


def test_path_length_of_one_point_is_zero_and_bad_input_is_refused():
    assert path_length([[1.0, 2.0]]) == 0.0
    with pytest.raises(ValueError, match=r"points must have shape \(k, n\)"):
        path_length([1.0, 2.0])
    with pytest.raises(ValueError, match="p"):
        path_length([[0, 0], [1, 1]], p=0.5)
    with pytest.raises(ValueError, match="points"):
        path_length([[0, 0], [np.inf, 1]])


# ----------------------------------------------------------------------------- bad input

BAD_X = [
    ([1.0, np.nan], ValueError),
    ([1.0, np.inf], ValueError),
    ([-np.inf], ValueError),
    ([], ValueError),
    (np.zeros((0, 3)), ValueError),
    ("12", TypeError),
    (b"12", TypeError),
    (["a", "b"], TypeError),
    ([1.0, None], ValueError),  # None becomes NaN, refused as such
    ({"a": 1}, TypeError),
]

BAD_P = [
    (np.nan, ValueError),
    (0, ValueError),
    (0.0, ValueError),
    (-1, ValueError),
    (-np.inf, ValueError),
    ("2", TypeError),
    (None, TypeError),
    (True, TypeError),
    ([2], TypeError),
]


@pytest.mark.parametrize(("x", "error"), BAD_X)
@pytest.mark.parametrize("func", [lp_norm, lambda x: lp_quasinorm(x, p=0.5)])
def test_bad_x_raises(func, x, error):
    with pytest.raises(error):
        func(x)


@pytest.mark.parametrize(("x", "error"), BAD_X)
def test_lp_distance_bad_inputs_raise(x, error):
    with pytest.raises(error):
        lp_distance(x, [1.0, 2.0])
    with pytest.raises(error):
        lp_distance([1.0, 2.0], x)


@pytest.mark.parametrize(("p", "error"), BAD_P)
@pytest.mark.parametrize("func", [lp_norm, lp_quasinorm])
def test_bad_p_raises(func, p, error):
    with pytest.raises(error):
        func([1.0, 2.0], p=p)


@pytest.mark.parametrize(("p", "error"), BAD_P)
def test_lp_distance_bad_p_raises(p, error):
    with pytest.raises(error):
        lp_distance([1.0, 2.0], [0.0, 0.0], p=p)


def test_numpy_scalar_p_and_integer_input_are_accepted():
    assert float(lp_norm(np.array([3, 4]), p=np.float64(2))) == 5.0
    assert float(lp_norm([3, 4], p=np.int64(1))) == 7.0
