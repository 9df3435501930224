"""lib.exercises: every self-check belongs to an exercise of the book, its expected answer agrees
with an independent oracle (brute force, numpy/scipy/scikit-learn, a closed form), right
answers pass and wrong ones never do, and a wrong answer's message does not give the answer.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import numpy as np
import pytest
from scipy.optimize import brentq, minimize_scalar
from sklearn.linear_model import Lasso

from lib import exercises
from lib.datasets import load_diabetes

ROOT = Path(__file__).resolve().parents[1]
LABELS = sorted(exercises.CHECKS)


def _book_exercise_labels() -> set[str]:
    labels = set()
    for path in (ROOT / "chapters").glob("*/*.ipynb"):
        for cell in nbformat.read(path, 4).cells:
            if cell.cell_type == "markdown":
                labels |= set(re.findall(r"^:label:\s*(ex-\S+)", cell.source, re.M))
    return labels


def test_every_self_check_belongs_to_an_exercise_of_the_book():
    missing = sorted(set(LABELS) - _book_exercise_labels())
    assert not missing, f"self-checks for exercises that do not exist: {missing}"


# Independent oracles, one per label.


def _routes():
    # every sequence of 8 unit moves east or north that ends at (5, 3)
    return [sum(moves.count("E") == 5 for moves in itertools.product("EN", repeat=8))]


def _triangle():
    triples = np.random.default_rng(7).normal(size=(1000, 3, 5))
    x, y, z = triples[:, 0], triples[:, 1], triples[:, 2]
    out = []
    for p in (1, 2):
        d = lambda a, b, p=p: np.linalg.norm(a - b, ord=p, axis=1)  # noqa: E731
        out.append(np.min(d(x, y) + d(y, z) - d(x, z)))
    return out


def _quasi():
    draws = np.random.default_rng(11).normal(size=(20000, 2, 2))
    q = lambda v: np.sum(np.sqrt(np.abs(v)), axis=1) ** 2  # noqa: E731
    x, y = draws[:, 0], draws[:, 1]
    return [np.max(q(x + y) / (q(x) + q(y)))]


def _limit():
    x = np.array([3.0, -1.0, 2.0, 0.5])
    inf = np.max(np.abs(x))
    return [min(p for p in range(1, 61) if np.linalg.norm(x, ord=p) <= 1.01 * inf)]


def _losses():
    r = np.array([1.0, 2.0, 6.0]) - 2.0
    return [np.abs(r).sum(), np.abs(r).mean(), (r**2).sum(), (r**2).mean()]


def _pull():
    values = [1, 2, 3, 4, 100]
    return [np.mean(values), np.median(values)]


def _dof():
    X = load_diabetes(standardize=True)[0]
    Xc = X - X.mean(axis=0)

    def trace_of_hat(alpha):
        return np.trace(Xc @ np.linalg.solve(Xc.T @ Xc + alpha * np.eye(X.shape[1]), Xc.T))

    return [brentq(lambda a: trace_of_hat(a) - 5.0, 1e-3, 1e6, xtol=1e-10)]


def _decay():
    # smallest k with factor^k < 0.01: k > log(0.01) / log(factor)
    return [math.floor(math.log(0.01) / math.log(f)) + 1 for f in (0.6, 0.8)]


def _step():
    hessian = np.diag([4.0, 1.0]) + 2 * 0.5 * np.eye(2)
    curvatures = np.linalg.eigvalsh(hessian)

    def worst(eta):  # the largest factor by which an error component is multiplied
        return np.max(np.abs(1 - eta * curvatures))

    largest = brentq(lambda eta: worst(eta) - 1, 1e-3, 1.0, xtol=1e-12)
    best = minimize_scalar(worst, bounds=(0, largest), method="bounded", options={"xatol": 1e-10})
    return [largest, best.x]


def _one_d():
    def argmin(f):
        return minimize_scalar(f, bounds=(-10, 10), method="bounded", options={"xatol": 1e-9}).x

    found = [argmin(lambda w, lam=lam: 0.5 * (w - 3) ** 2 + lam * abs(w)) for lam in (1, 4)]
    subgradient = 0.2 - 0.5 * np.sign(0.2)
    proximal = argmin(lambda u: 0.5 * (u - 0.2) ** 2 + 0.5 * abs(u))
    return found + [subgradient, proximal]


def _one_direction():
    d2, eta, coefficient = 4.0, 0.05, 1.0
    b = 0.0
    for _ in range(5):  # gradient steps on 0.5 d2 (b - coefficient)^2
        b -= eta * d2 * (b - coefficient)
    alpha = 1 / (eta * 5)
    ridge = minimize_scalar(lambda v: 0.5 * d2 * (v - 1) ** 2 + 0.5 * alpha * v**2).x
    return [b, alpha, ridge]


def _three_features():
    """Not an oracle of the ends: a property. sklearn's Lasso has exactly three non-zero
    weights just inside the interval and not just outside it."""
    low, high = exercises.expected("ex-reg-three-features")
    X, y = load_diabetes(standardize=True)[:2]

    def size(alpha):
        fit = Lasso(alpha=alpha, tol=1e-12, max_iter=100_000).fit(X, y)
        return int(np.sum(np.abs(fit.coef_) > 1e-10))

    assert size(low * 1.001) == 3 and size(high * 0.999) == 3
    assert size(low * 0.99) != 3 and size(high * 1.01) != 3
    return [low, high]


ORACLES = {
    "ex-norms-count-routes": _routes,
    "ex-norms-triangle-check": _triangle,
    "ex-norms-quasi-ratio": _quasi,
    "ex-norms-limit": _limit,
    "ex-losses-by-hand": _losses,
    "ex-losses-pull": _pull,
    "ex-reg-dof": _dof,
    "ex-reg-three-features": _three_features,
    "ex-reg-decay-steps": _decay,
    "ex-alg-step-bound": _step,
    "ex-reg-one-d-lasso": _one_d,
    "ex-mt-one-direction": _one_direction,
}


def test_every_self_check_has_an_oracle():
    assert set(ORACLES) == set(LABELS)


@pytest.mark.parametrize("label", LABELS)
def test_expected_answer_agrees_with_an_independent_oracle(label):
    want = np.asarray(ORACLES[label](), dtype=float)
    got = exercises.expected(label)
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-6)


def _wrong_answers(want: np.ndarray, spec) -> list[list[float]]:
    step = np.maximum(10 * (spec.atol + spec.rtol * np.abs(want)), 0.01)
    step = np.where(want == np.round(want), np.maximum(step, 1.0), step)
    wrong = []
    for i in range(want.size):
        for sign in (1, -1):
            answer = want.copy()
            answer[i] += sign * step[i]
            wrong.append(answer.tolist())
    wrong.append((-want - step).tolist())  # every sign flipped (and zeros moved)
    if want.size > 1 and not np.allclose(want, want[::-1]):
        wrong.append(want[::-1].tolist())  # the right numbers in the wrong order
    wrong.append(want[:-1].tolist() if want.size > 1 else [*want, *want])  # wrong count
    return wrong


@pytest.mark.parametrize("label", LABELS)
def test_right_answers_pass_and_wrong_ones_never_do(label):
    spec = exercises.CHECKS[label]
    want = exercises.expected(label)
    assert exercises.check(label, want.tolist())
    if want.size == 1:
        assert exercises.check(label, float(want[0]))
    if spec.atol > 0:  # a student's printout, rounded to 4 decimals, is right
        assert exercises.check(label, np.round(want, 4).tolist())
    for answer in _wrong_answers(want, spec):
        result = exercises.check(label, answer)
        assert not result, f"{label}: {answer} passed"
        assert result.message.startswith("Not yet")
        said = result.message.replace(spec.asks, "")  # the question states the data
        for value in want[np.abs(want) >= 3]:
            assert f"{value:.3g}" not in said, "the hint gives the answer away"


def test_bad_input():
    with pytest.raises(ValueError, match="no self-check"):
        exercises.check("ex-nonexistent", 1)
    with pytest.raises(TypeError, match="label"):
        exercises.check(3, 1)
    with pytest.raises(TypeError, match="answer must be"):
        exercises.check("ex-norms-count-routes", "fifty-six")
    with pytest.raises(ValueError, match="finite"):
        exercises.check("ex-norms-count-routes", float("nan"))


def test_answer_boxes_of_the_pages_carry_the_current_answers():
    """_static/answer-box.js embeds what lib computes (tools/answer_boxes.py writes it)."""
    script = (ROOT / "_static" / "answer-box.js").read_text()
    data = json.loads(re.search(r"/\* ANSWERS \*/(.*?)/\* END ANSWERS \*/", script, re.S)[1])
    assert sorted(data) == LABELS
    for label, entry in data.items():
        spec = exercises.CHECKS[label]
        np.testing.assert_allclose(entry["expected"], exercises.expected(label), rtol=1e-12)
        assert (entry["rtol"], entry["atol"]) == (spec.rtol, spec.atol)
        assert entry["hint"] == spec.hint and entry["asks"] == spec.asks


def test_answer_box_script_agrees_with_check():
    """The page's answer boxes (run in node) give the same verdicts as lib.exercises.check."""
    cases = []
    for label in LABELS:
        spec, want = exercises.CHECKS[label], exercises.expected(label)
        answers = [want.tolist(), *_wrong_answers(want, spec)]
        cases += [(label, answer, bool(exercises.check(label, answer))) for answer in answers]
    program = (
        f"const box = require({json.dumps(str(ROOT / '_static' / 'answer-box.js'))});"
        f"const cases = {json.dumps([(label, answer) for label, answer, _ in cases])};"
        "console.log(JSON.stringify(cases.map(([label, answer]) =>"
        " box.verdict(box.ANSWERS[label], answer.map(String).join(', ')).correct)));"
    )
    node = shutil.which("node")
    assert node, "node is needed (make setup installs the book's npm packages with it)"
    out = subprocess.run([node, "-e", program], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == [verdict for _, _, verdict in cases]
    assert sum(verdict for _, _, verdict in cases) == len(LABELS)  # only the right ones pass


def test_korean_answer_boxes_speak_korean_and_give_the_same_verdicts():
    """The Korean pages' boxes: every question and hint from lib.i18n's Korean, the box's own
    words Korean for every English word it has, and the same verdicts as the English box."""
    from lib.i18n import KOREAN

    script = (ROOT / "_static" / "answer-box.js").read_text()
    korean = json.loads(
        re.search(r"/\* ANSWERS ko \*/(.*?)/\* END ANSWERS ko \*/", script, re.S)[1]
    )
    assert sorted(korean) == LABELS
    for label, entry in korean.items():
        spec = exercises.CHECKS[label]
        assert entry["asks"] == KOREAN[spec.asks] and entry["hint"] == KOREAN[spec.hint]
        np.testing.assert_allclose(entry["expected"], exercises.expected(label), rtol=1e-12)
    program = (
        f"const box = require({json.dumps(str(ROOT / '_static' / 'answer-box.js'))});"
        "const out = {};"
        "for (const label of Object.keys(box.ANSWERS)) {"
        "  const want = box.ANSWERS[label].expected;"
        "  const wrong = want.map((x) => x + 1e3).join(', ');"
        "  const typed = [want.join(', '), wrong, 'abc', '1 2 3 4 5'];"  # no box asks 5 numbers
        "  out[label] = typed.map((t) => [box.verdict(box.ANSWERS[label], t),"
        "                                 box.verdict(box.ANSWERS_KO[label], t, box.WORDS_KO)]);"
        "}"
        "console.log(JSON.stringify({out, en: Object.keys(box.WORDS).sort(),"
        " ko: Object.keys(box.WORDS_KO).sort()}));"
    )
    node = shutil.which("node")
    assert node, "node is needed (make setup installs the book's npm packages with it)"
    result = json.loads(
        subprocess.run([node, "-e", program], capture_output=True, text=True, check=True).stdout
    )
    assert result["en"] == result["ko"]
    hangul = re.compile("[\uac00-\ud7a3]")
    for label, pairs in result["out"].items():
        for english, in_korean in pairs:
            assert english["correct"] == in_korean["correct"], label
            assert hangul.search(in_korean["message"]), (label, in_korean["message"])
            assert not re.search(r"\b(Not yet|Right|Hint|Please|number)\b", in_korean["message"])
        assert [e["correct"] for e, _ in pairs] == [True, False, False, False]
