"""Self-checks for the exercises with a numeric answer: right, or wrong with a hint.

``check(label, answer)`` compares ``answer`` with the expected answer of the exercise
``label``, which this module computes with ``lib`` from the data the exercise states (it is
never typed in). An answer is right when every number is within the stated tolerance:
``|answer - expected| <= atol + rtol * |expected|``, entry by entry (``numpy.isclose``).
A wrong answer gets the exercise's hint, never the expected value. The verdict, question and
hint are in lib's language (``lib.set_language("ko")``: Korean, from lib.i18n.KOREAN).

The book's pages show the same checks as answer boxes (``_static/answer-box.js``); the data
those boxes compare with is written by ``tools/answer_boxes.py`` from :func:`expected`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from lib.i18n import t, translate

__all__ = ["CHECKS", "CheckResult", "SelfCheck", "check", "expected"]


@dataclass(frozen=True)
class SelfCheck:
    """One exercise's check: what to give, how to compute it, how close, and a hint."""

    asks: str
    compute: Callable[[], object]
    hint: str
    rtol: float = 1e-3
    atol: float = 1e-3


@dataclass(frozen=True)
class CheckResult:
    """The verdict of :func:`check`; true when right. Shown as one line in a notebook."""

    label: str
    correct: bool
    message: str

    def __bool__(self) -> bool:
        return self.correct

    def __repr__(self) -> str:
        return self.message


def _routes() -> int:
    import lib

    a, b = np.array([0, 0]), np.array([5, 3])
    blocks = int(lib.lp_distance(a, b, p=1))  # every shortest route has this many blocks
    north = int(abs(b[1] - a[1]))
    return math.comb(blocks, north)


def _triangle_gaps() -> list[float]:
    import lib

    triples = np.random.default_rng(7).normal(size=(1000, 3, 5))
    gaps = []
    for p in (1, 2):
        gap = [
            lib.lp_distance(x, y, p=p) + lib.lp_distance(y, z, p=p) - lib.lp_distance(x, z, p=p)
            for x, y, z in triples
        ]
        gaps.append(float(np.min(gap)))
    return gaps


def _quasi_ratio() -> float:
    import lib

    draws = np.random.default_rng(11).normal(size=(20000, 2, 2))
    xs, ys = draws[:, 0], draws[:, 1]
    norm = lambda v: lib.lp_quasinorm(v, p=0.5, axis=1)  # noqa: E731
    return float(np.max(norm(xs + ys) / (norm(xs) + norm(ys))))


def _limit_p() -> int:
    import lib

    x = np.array([3.0, -1.0, 2.0, 0.5])
    target = lib.lp_norm(x, p=np.inf)
    return next(p for p in range(1, 61) if lib.lp_norm(x, p=p) <= 1.01 * target)


def _losses_by_hand() -> list[float]:
    import lib

    y, prediction = np.array([1.0, 2.0, 6.0]), np.full(3, 2.0)
    return [float(f(y, prediction)) for f in (lib.sae, lib.mae, lib.sse, lib.mse)]


def _pull() -> list[float]:
    from lib.robust import fit_constant

    values = np.array([1.0, 2.0, 3.0, 4.0, 100.0])
    return [fit_constant(values, "l2"), fit_constant(values, "l1")]  # mean, median


def _ridge_dof_alpha() -> float:
    import lib
    from lib.spectral import ridge_effective_dof

    X = lib.load_diabetes(standardize=True)[0]
    low, high = 1e-3, 1e6  # df falls from about 10 to about 0 across this range
    for _ in range(200):  # bisection on log(alpha): df decreases in alpha
        middle = math.sqrt(low * high)
        low, high = (middle, high) if ridge_effective_dof(X, middle) > 5 else (low, middle)
    return math.sqrt(low * high)


def _three_features() -> list[float]:
    import lib
    from lib import solvers

    X, y = lib.load_diabetes(standardize=True)[:2]
    alphas, coefs = solvers.lasso_knots(X, y)  # alphas decreasing
    # The path is linear between knots, so the support of a segment is read at its middle
    # (at a knot a joining feature is still 0 and a leaving one already 0).
    middles = (coefs[:-1] + coefs[1:]) / 2
    sizes = np.sum(middles != 0.0, axis=1)
    k = int(np.flatnonzero(sizes == 3)[0])  # the segment (alphas[k+1], alphas[k])
    return [float(alphas[k + 1]), float(alphas[k])]


def _first_below(factor: float, start: float = 1.0, level: float = 0.01) -> int:
    w, k = start, 0
    while abs(w) >= level:
        w, k = factor * w, k + 1
    return k


def _decay_steps() -> list[int]:
    eta = 0.1
    return [_first_below(1 - 2 * eta * 2.0), _first_below(1 - eta * 2.0)]


def _best_step() -> list[float]:
    # L = |y - Xw|^2 / (2n) plus lambda |w|^2: the Hessian is X'X/n + 2 lambda I
    curvatures = np.array([4.0, 1.0]) + 2 * 0.5
    largest = 2 / curvatures.max()
    best = 2 / (curvatures.min() + curvatures.max())
    return [float(largest), float(best)]


def _one_d_lasso() -> list[float]:
    import lib

    minimisers = [float(lib.soft_threshold(3.0, lam)) for lam in (1.0, 4.0)]
    w, step = 0.2, 0.5  # eta * lambda
    return minimisers + [w - step * np.sign(w), float(lib.soft_threshold(w, step))]


def _one_direction() -> list[float]:
    d2, eta, steps = 4.0, 0.05, 5
    recovered = 1 - (1 - eta * d2) ** steps
    alpha = 1 / (eta * steps)
    return [recovered, alpha, d2 / (d2 + alpha)]


CHECKS: dict[str, SelfCheck] = {
    "ex-norms-count-routes": SelfCheck(
        asks="the number of shortest routes from (0, 0) to (5, 3), an integer",
        compute=_routes,
        hint="A shortest route is a sequence of blocks: how many, and how many of them go "
        "north? Count the ways to choose which ones.",
        rtol=0.0,
        atol=0.0,
    ),
    "ex-norms-triangle-check": SelfCheck(
        asks="the smallest gap d(x, y) + d(y, z) - d(x, z) for p = 1, then for p = 2",
        compute=_triangle_gaps,
        hint="Use the seed and shape of the exercise (rng 7, shape (1000, 3, 5)); the "
        "smallest gap is a minimum over all 1000 triples, one number per p.",
        rtol=0.0,
        atol=5e-4,
    ),
    "ex-norms-quasi-ratio": SelfCheck(
        asks="the largest ratio ||x + y||_p / (||x||_p + ||y||_p) for p = 0.5 in the sample",
        compute=_quasi_ratio,
        hint="Draw all pairs at once with default_rng(11).normal(size=(20000, 2, 2)) and "
        "take norms along axis=1; the answer is the largest of the 20 000 ratios.",
    ),
    "ex-norms-limit": SelfCheck(
        asks="the smallest integer p with ||x||_p within one per cent of ||x||_inf",
        compute=_limit_p,
        hint="Within one per cent means ||x||_p <= 1.01 * ||x||_inf; try p = 1, 2, 3, ... "
        "in turn.",
        rtol=0.0,
        atol=0.0,
    ),
    "ex-losses-by-hand": SelfCheck(
        asks="SAE, MAE, SSE and MSE of the constant prediction c = 2, in that order",
        compute=_losses_by_hand,
        hint="The residuals are y - c = (-1, 0, 4). Sums add |r| or r^2; means divide by n.",
    ),
    "ex-losses-pull": SelfCheck(
        asks="the mean and the median of (1, 2, 3, 4, 100), in that order",
        compute=_pull,
        hint="The median is the middle value of the sorted list; the mean divides the sum "
        "by the number of values.",
    ),
    "ex-reg-dof": SelfCheck(
        asks="the Ridge alpha at which the effective degrees of freedom equal 5",
        compute=_ridge_dof_alpha,
        hint="Use the standardised data, lib.load_diabetes(standardize=True), and solve "
        "ridge_effective_dof(X, alpha) = 5 with a root finder over a wide range of alpha.",
    ),
    "ex-reg-three-features": SelfCheck(
        asks="the two ends of the alpha interval in which the Lasso uses exactly three "
        "features, smaller first",
        compute=_three_features,
        hint="The support is constant between two consecutive knots: read it at one alpha "
        "inside each segment (at a knot a joining feature is still 0 and a leaving one "
        "already 0).",
    ),
    "ex-reg-decay-steps": SelfCheck(
        asks="the first step with |w_k| < 0.01, for the penalty lambda |w|^2 and then for "
        "lambda'/2 |w|^2",
        compute=_decay_steps,
        hint="Each step multiplies w by the same factor; find it from the gradient of the "
        "penalty (mind the 1/2 in the second convention), then count powers.",
        rtol=0.0,
        atol=0.0,
    ),
    "ex-alg-step-bound": SelfCheck(
        asks="(a) the bound on the learning rate (every positive rate below it converges; "
        "at the bound itself the iteration no longer shrinks) and (c) the learning rate that "
        "makes the largest factor size (the worst direction) as small as possible",
        compute=_best_step,
        hint="Along each axis the error is multiplied by 1 - eta * (curvature of the data "
        "term + 2 lambda). Convergence needs every factor inside (-1, 1).",
    ),
    "ex-reg-one-d-lasso": SelfCheck(
        asks="the minimiser for lambda = 1 and for lambda = 4, then where the subgradient "
        "step and the proximal step from w = 0.2 end",
        compute=_one_d_lasso,
        hint="The minimiser is soft-thresholding S(3, lambda). A subgradient step moves by "
        "eta * lambda * sign(w); the proximal step soft-thresholds w by eta * lambda.",
    ),
    "ex-mt-one-direction": SelfCheck(
        asks="(a) the fraction recovered after 5 steps, (b) the rule-of-thumb alpha and "
        "Ridge's factor there",
        compute=_one_direction,
        hint="After k steps from 0 the fraction is 1 - (1 - eta d^2)^k; the rule of thumb "
        "is alpha = 1/(eta k); Ridge keeps d^2 / (d^2 + alpha).",
    ),
}


def _lookup(label: str) -> SelfCheck:
    if not isinstance(label, str):
        raise TypeError(f"label must be a str naming an exercise, got {type(label).__name__}")
    if label not in CHECKS:
        raise ValueError(f"no self-check for {label!r}; labels with one: {sorted(CHECKS)}")
    return CHECKS[label]


def expected(label: str) -> np.ndarray:
    """The expected answer of exercise ``label`` as a 1-D float array (computed by lib).

    >>> expected("ex-norms-count-routes")
    array([56.])
    """
    _lookup(label)
    return np.array(_computed(label))


@functools.cache
def _computed(label: str) -> tuple[float, ...]:
    """Each answer is computed once per session (some take a second)."""
    return tuple(np.atleast_1d(np.asarray(_lookup(label).compute(), dtype=float)).tolist())


def check(label: str, answer) -> CheckResult:
    """Say whether ``answer`` to exercise ``label`` is right; if not, give a hint.

    Right means ``numpy.isclose(answer, expected, rtol, atol)`` for every entry, with the
    tolerances of ``CHECKS[label]``; several numbers are given as a list in the order the
    exercise asks for them.

    >>> check("ex-norms-count-routes", 56)
    Right: ex-norms-count-routes
    >>> bool(check("ex-norms-count-routes", 8))
    False
    """
    spec = _lookup(label)
    want = expected(label)
    try:
        given = np.atleast_1d(np.asarray(answer, dtype=float))
    except (TypeError, ValueError):
        raise TypeError(
            f"answer must be a number or a list of numbers ({spec.asks}), got {answer!r}"
        ) from None
    if given.ndim != 1 or given.size != want.size:
        asks = translate(spec.asks)
        message = t(
            "Not yet: {label} asks for {count} number(s): {asks}.",
            label=label,
            count=want.size,
            asks=asks,
        )
        return CheckResult(label, False, message)
    if not np.all(np.isfinite(given)):
        raise ValueError(f"answer must be finite numbers, got {answer!r}")
    if np.all(np.isclose(given, want, rtol=spec.rtol, atol=spec.atol)):
        return CheckResult(label, True, t("Right: {label}", label=label))
    wrong = [str(i + 1) for i in np.flatnonzero(~np.isclose(given, want, spec.rtol, spec.atol))]
    which = ""
    if want.size > 1:
        which = t(" (number {numbers} of {count})", numbers=", ".join(wrong), count=want.size)
    return CheckResult(
        label, False, t("Not yet{which}. Hint: {hint}", which=which, hint=translate(spec.hint))
    )
