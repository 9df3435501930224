"""The language of the text ``lib`` draws and prints: English (the default) or Korean.

One switch, :func:`set_language`, called once at the top of a notebook, before any figure
is made. Every string a figure, slider or printout of ``lib`` shows goes through :func:`t`,
which looks the English text up in :data:`KOREAN` and fills in its fields with
``str.format``. The English text is the key, so the code reads as before and a changed
English string has no Korean entry until a translator adds one (``tests/test_i18n.py``
fails on any string ``lib`` draws without one).

Korean needs a font with Hangul: NanumGothic (SIL Open Font License 1.1), which the PyPI
package ``koreanize-matplotlib`` ships inside its wheel, so ``pip install`` brings it and
nothing is downloaded. lib draws with a modified copy, renamed "Book Korean Sans"
(:func:`book_font_path`), registered with matplotlib's font manager here;
``koreanize_matplotlib`` itself is not imported (on import it changes matplotlib's settings
for everyone).
"""

from __future__ import annotations

import importlib.util
import os
import unicodedata
import warnings
from pathlib import Path

import matplotlib as mpl
from matplotlib import font_manager

__all__ = [
    "LANGUAGES",
    "pad",
    "columns",
    "KOREAN",
    "set_language",
    "get_language",
    "t",
    "translate",
    "korean_font_path",
    "book_font_path",
]

#: The languages lib can draw and print in.
LANGUAGES = ("en", "ko")

#: Korean for every English text lib shows. Fields in braces (``{l1:.2f}``) must appear in
#: both, with the same names and formats (checked by tests/test_i18n.py).
KOREAN: dict[str, str] = {
    # lib.figures.norms: draw_unit_balls, unit_ball_slider
    "p = {p}": "p = {p}",
    "p = {p} (not a norm)": "p = {p} (노름 아님)",
    "ball for p": "p의 단위 공",
    "quasi-norm:\nnot convex": "준노름:\n볼록 아님",
    "a norm:\nconvex": "노름:\n볼록",
    "p = {p}: ‖x‖_p = {size:.3f} for x = ({x1:g}, {x2:g}), a quasi-norm, not a norm": (
        "p = {p}: x = ({x1:g}, {x2:g})의 ‖x‖_p = {size:.3f}, 노름이 아닌 준노름"
    ),
    "p = {p}: ‖x‖_p = {size:.3f} for x = ({x1:g}, {x2:g}), a norm": (
        "p = {p}: x = ({x1:g}, {x2:g})의 ‖x‖_p = {size:.3f}, 노름"
    ),
    "The unit ball of the Lp norm in the plane, drawn in black with a light fill, for the p "
    "chosen by the slider, over a faint dashed diamond (p = 1) and a faint circle (p = 2). A "
    "fixed point x = ({x1:g}, {x2:g}) and, on the ball, the point where the ray from the "
    "origin to x leaves it. Small p gives a star with inward-curved sides, p = 1 the diamond, "
    "p = 2 the circle, large p approaches the square.": (
        "평면에서 Lp 노름의 단위 공을 슬라이더로 고른 p에 대해 검은 테두리와 옅은 채움으로 "
        "그렸고, 그 뒤에 옅은 점선 마름모(p = 1)와 옅은 원(p = 2)이 있습니다. 고정된 점 "
        "x = ({x1:g}, {x2:g})와, 원점에서 x로 가는 반직선이 공을 빠져나가는 공 위의 점도 "
        "표시됩니다. p가 작으면 변이 안쪽으로 휜 별 모양, p = 1이면 마름모, p = 2이면 원이고, "
        "p가 커지면 정사각형에 가까워집니다."
    ),
    # lib.figures.norms.turning_slider (first look)
    "L2: straight segment": "L2: 직선 선분",
    "L1: along the axes": "L1: 축을 따라",
    "angle {angle:2d}°: L1 = {l1:.2f}, L2 = {l2:.2f}, L1/L2 = {ratio:.3f}": (
        "각도 {angle:2d}°: L1 = {l1:.2f}, L2 = {l2:.2f}, L1/L2 = {ratio:.3f}"
    ),
    "angle of b": "b의 각도",
    "Point a at the origin and point b at straight-line distance {radius:g}. A solid segment "
    "joins them (L2) and a dashed staircase goes along the axes (L1); the slider turns b from "
    "the horizontal to the vertical.": (
        "원점의 점 a와 직선거리 {radius:g}에 있는 점 b. 실선 선분이 두 점을 잇고(L2), "
        "점선 계단이 축을 따라갑니다(L1). 슬라이더는 b를 수평에서 수직으로 돌립니다."
    ),
    # lib.figures.losses
    "sign(r)": "sign(r)",
    r"L1: sign$(r)$": r"L1: sign$(r)$",
    "median": "중앙값",
    "mean": "평균",
    "constant prediction c": "상수 예측값 c",
    "residual r": "잔차 r",
    "loss of one point": "한 점의 손실",
    "subgradients at 0: [-1, 1]": "0에서의 서브그래디언트: [-1, 1]",
    "(sub)gradient": "(서브)그래디언트",
    "{loss} iterates": "{loss} 반복값",
    "step k": "스텝 k",
    r"Huber, $\delta$ = {delta}": r"후버, $\delta$ = {delta}",
    "residual r of one point": "한 점의 잔차 r",
    r"influence $\psi(r)$": r"영향 $\psi(r)$",
    "least squares": "최소제곱",
    "least absolute deviations": "최소 절대 편차",
    "least abs. dev.": "최소 절대 편차",
    "Huber": "후버",
    "how far the point was dragged, s": "점을 끌어 올린 거리 s",
    "largest change of the fitted line": "적합한 직선의 가장 큰 변화",
    "x entered wrongly": "잘못 입력된 x",
    "Huber constant": "후버 상수",
    "median (L1)": "중앙값 (L1)",
    "mean (L2)": "평균 (L2)",
    r"Huber threshold $\delta$": r"후버 임곗값 $\delta$",
    "fitted constant": "적합한 상수",
    "fit a constant": "상수 적합",
    "fit a line": "직선 적합",
    "point dragged up by s = {shift:.0f}. Constant moved: mean {mean:.2f}, median "
    "{median:.2f}, Huber {huber_c:.2f}. Line moved (largest change): least squares {ls:.2f}, "
    "least abs. dev. {lad:.2f}, Huber {huber_l:.2f}": (
        "점을 s = {shift:.0f}만큼 끌어 올림. 상수의 이동: 평균 {mean:.2f}, 중앙값 {median:.2f}, "
        "후버 {huber_c:.2f}. 직선의 이동(가장 큰 변화): 최소제곱 {ls:.2f}, "
        "최소 절대 편차 {lad:.2f}, 후버 {huber_l:.2f}"
    ),
    "drag the point up by s": "점을 s만큼 끌어 올리기",
    "Two panels with ten data points near a rising line; one point (an orange diamond) is "
    "dragged upward by the slider. Left: horizontal lines for the mean (solid), median "
    "(dashed) and Huber constant (dash-dot). Right: the least-squares (solid), "
    "least-absolute-deviations (dashed) and Huber (dash-dot) lines. As the point rises the "
    "mean and the least-squares line follow it; the others barely move.": (
        "오르막 직선 근처에 데이터 점 열 개가 있는 두 패널. 점 하나(주황색 마름모)를 "
        "슬라이더로 위로 끌어 올립니다. 왼쪽: 평균(실선), 중앙값(파선), 후버 상수(일점쇄선)의 "
        "수평선. 오른쪽: 최소제곱(실선), 최소 절대 편차(파선), 후버(일점쇄선) 직선. 점이 "
        "올라가면 평균과 최소제곱 직선은 점을 따라가고, 나머지는 거의 움직이지 않습니다."
    ),
    # lib.figures.regularization
    ", at the origin": ", 원점",
    ", on a corner": ", 꼭짓점 위",
    "L1 penalty (Lasso)": "L1 벌점 (라쏘)",
    "L2 penalty (Ridge)": "L2 벌점 (릿지)",
    "least\nsquares": "최소\n제곱",
    "λ (penalty strength)": "λ (벌점 강도)",
    "Two panels with the same elliptical loss contours around the least-squares point (2.2, "
    "1.0). Left: a dashed diamond (L1 ball) through the Lasso optimum; right: a solid circle "
    "(L2 ball) through the Ridge optimum; a dash-dot loss contour touches each ball at its "
    "optimum. As lambda grows the L1 optimum slides along the boundary onto the corner on the "
    "w1 axis and then to the origin; the L2 optimum shrinks toward the origin without reaching "
    "an axis.": (
        "최소제곱 점 (2.2, 1.0)을 둘러싼 같은 타원형 손실 등고선이 그려진 두 패널. 왼쪽: 라쏘 "
        "최적점을 지나는 파선 마름모(L1 공), 오른쪽: 릿지 최적점을 지나는 실선 원(L2 공). "
        "일점쇄선 손실 등고선이 각 공에 최적점에서 닿습니다. λ가 커지면 L1 최적점은 경계를 따라 "
        "w1 축 위의 꼭짓점으로 미끄러진 뒤 원점으로 가고, L2 최적점은 축에 닿지 않은 채 원점 "
        "쪽으로 줄어듭니다."
    ),
    "L{p} boundary": "L{p} 경계",
    "L{p} ball": "L{p} 공",
    "corners": "꼭짓점",
    "angle on the boundary (degrees)": "경계 위의 각도 (도)",
    "loss $L(w)$": "손실 $L(w)$",
    "L1 ball: wedges at corners": "L1 공: 꼭짓점마다 쐐기",
    "L2 ball: one ray everywhere": "L2 공: 어디서나 반직선 하나",
    "$-\\nabla L$ at the optimum": "최적점에서의 $-\\nabla L$",
    "normal cone at a corner": "꼭짓점의 법선뿔",
    "optimum inside an edge": "변 안쪽의 최적점",
    "optimum on a corner": "꼭짓점 위의 최적점",
    "$c_1$ (least-squares $w_1$)": "$c_1$ (최소제곱 $w_1$)",
    "$c_2$ (least-squares $w_2$)": "$c_2$ (최소제곱 $w_2$)",
    "alpha (log scale, decreasing →)": "alpha (로그 눈금, 오른쪽으로 감소 →)",
    "coefficient": "계수",
    "mean ± 1 standard error": "평균 ± 표준오차 1개",
    "mean over folds": "폴드 평균",
    "smallest mean error": "가장 작은 평균 오차",
    "one-standard-error rule": "1-표준오차 규칙",
    "held-out mean squared error": "검증 데이터의 평균 제곱 오차",
    "{name} test": "{name} 테스트",
    "{name} train": "{name} 훈련",
    "budget used, $\\|w\\|_p / \\|w_{LS}\\|_p$": "사용한 예산, $\\|w\\|_p / \\|w_{LS}\\|_p$",
    "mean squared error": "평균 제곱 오차",
    "test": "테스트",
    "training": "훈련",
    "(a) one training set": "(a) 훈련 집합 하나",
    "bias²": "편향²",
    "variance": "분산",
    "sum + noise": "합 + 잡음",
    "(b) average over training sets": "(b) 여러 훈련 집합의 평균",
    "Ridge alpha (log scale)": "릿지 alpha (로그 눈금)",
    "direction {j}": "방향 {j}",
    "shrinkage factor": "축소 계수",
    "(a) per principal direction": "(a) 주성분 방향별",
    "Ridge / least squares": "릿지 / 최소제곱",
    "(b) weights and their norm": "(b) 가중치와 그 노름",
    "least-squares coefficient $\\hat w_j$": "최소제곱 계수 $\\hat w_j$",
    "estimate": "추정값",
    "no prior (least squares)": "사전분포 없음 (최소제곱)",
    "least-squares value $z$": "최소제곱 값 $z$",
    "estimate of $w$": "$w$의 추정값",
    # lib.figures.algorithms
    "step $k$": "스텝 $k$",
    "η = {eta:.3f} ({ratio:.2f} × bound, below)": (
        "η = {eta:.3f} (경계의 {ratio:.2f}배, 경계 아래)"
    ),
    "η = {eta:.3f} ({ratio:.2f} × bound, above)": "η = {eta:.3f} (경계의 {ratio:.2f}배, 경계 위)",
    r"$\|w_k - w^\star\|_2$ (log scale)": r"$\|w_k - w^\star\|_2$ (로그 눈금)",
    "λ = {lam:g}: minimum at w = {w_star:.1f}": "λ = {lam:g}: w = {w_star:.1f}에서 최소",
    "band of width 2ηλ = {width:.3f}": "폭 2ηλ = {width:.3f}인 띠",
    "subgradient descent": "서브그래디언트 하강법",
    "proximal gradient (ISTA)": "근접 경사법 (ISTA)",
    "the weight $w_{i}$ (ηλ = {eta_lam:.3f})": r"가중치 $w_{i}$ ($\eta\lambda$ = {eta_lam:.3f})",
    r"$\|w_k - \hat w\|_2$ (log)": r"$\|w_k - \hat w\|_2$ (로그)",
    "distance of all weights to the Lasso solution": "가중치 전체와 라쏘 해 사이의 거리",
    "steps $k$ (log scale)": "스텝 수 $k$ (로그 눈금)",
    r"$f(w_k) - f^\star$ (log scale)": r"$f(w_k) - f^\star$ (로그 눈금)",
    # lib.figures.training
    "squared singular value $d_i^2$ of the data (log scale)": (
        "데이터의 특잇값 제곱 $d_i^2$ (로그 눈금)"
    ),
    "filter factor": "필터 계수",
    "Adam, L2 penalty in the loss": "Adam, 손실에 넣은 L2 벌점",
    "AdamW, decoupled weight decay": "AdamW, 분리된 가중치 감쇠",
    "weight": "가중치",
    "step (linear to 100, then log)": "스텝 (100까지 선형, 그 뒤 로그 눈금)",
    # Names the notebooks print or draw that are also their dict keys (the keys stay English,
    # the notebook shows t(key)).
    "Huber line": "후버 직선",
    "LAD line slope": "LAD 직선 기울기",
    "Huber line slope": "후버 직선 기울기",
    "middle": "가운데",
    "left end": "왼쪽 끝",
    "Lasso": "라쏘",
    "Ridge": "릿지",
    "best subset": "최적 부분집합",
    "(a) sparse truth": "(a) 희소한 참 모델",
    "(b) dense truth": "(b) 밀집된 참 모델",
    "sparse": "희소한",
    "dense": "밀집된",
    "minimum": "최솟값",
    "one standard error": "1-표준오차",
    "y orthogonal to x_1": "x_1에 직교하는 y",
    "y orthogonal to a_1": "a_1에 직교하는 y",
    "zero": "0",
    "non-zero": "0 아님",
    "H = I": "H = I",
    "correlated": "상관 있음",
    "equal diag.": "대각 동일",
    # lib.exercises: the self-checks' messages, questions and hints
    "Right: {label}": "정답: {label}",
    "Not yet: {label} asks for {count} number(s): {asks}.": (
        "아직 아닙니다: {label}은(는) 수 {count}개를 묻습니다: {asks}."
    ),
    " (number {numbers} of {count})": " ({count}개 중 {numbers}번째 수)",
    "Not yet{which}. Hint: {hint}": "아직 아닙니다{which}. 힌트: {hint}",
    "the number of shortest routes from (0, 0) to (5, 3), an integer": (
        "(0, 0)에서 (5, 3)까지 가는 가장 짧은 경로의 수 (정수)"
    ),
    "A shortest route is a sequence of blocks: how many, and how many of them go north? "
    "Count the ways to choose which ones.": (
        "가장 짧은 경로는 블록의 나열입니다. 블록은 몇 개이고, 그중 몇 개가 북쪽으로 갑니까? "
        "어느 블록이 북쪽으로 갈지 고르는 방법의 수를 세어 보세요."
    ),
    "the smallest gap d(x, y) + d(y, z) - d(x, z) for p = 1, then for p = 2": (
        "가장 작은 차이 d(x, y) + d(y, z) - d(x, z), p = 1일 때와 p = 2일 때 순서로"
    ),
    "Use the seed and shape of the exercise (rng 7, shape (1000, 3, 5)); the smallest gap "
    "is a minimum over all 1000 triples, one number per p.": (
        "연습 문제의 시드와 모양(rng 7, 모양 (1000, 3, 5))을 쓰세요. 가장 작은 차이는 세 점 "
        "1000쌍 전체에 대한 최솟값이고, p마다 수 하나입니다."
    ),
    "the largest ratio ||x + y||_p / (||x||_p + ||y||_p) for p = 0.5 in the sample": (
        "표본에서 p = 0.5일 때 비율 ||x + y||_p / (||x||_p + ||y||_p)의 최댓값"
    ),
    "Draw all pairs at once with default_rng(11).normal(size=(20000, 2, 2)) and take "
    "norms along axis=1; the answer is the largest of the 20 000 ratios.": (
        "default_rng(11).normal(size=(20000, 2, 2))로 모든 쌍을 한 번에 뽑고 axis=1을 따라 "
        "노름을 구하세요. 답은 비율 20 000개 가운데 가장 큰 값입니다."
    ),
    "the smallest integer p with ||x||_p within one per cent of ||x||_inf": (
        "||x||_p가 ||x||_inf의 1% 이내가 되는 가장 작은 정수 p"
    ),
    "Within one per cent means ||x||_p <= 1.01 * ||x||_inf; try p = 1, 2, 3, ... in turn.": (
        "1% 이내란 ||x||_p <= 1.01 * ||x||_inf라는 뜻입니다. p = 1, 2, 3, ...을 차례로 "
        "넣어 보세요."
    ),
    "SAE, MAE, SSE and MSE of the constant prediction c = 2, in that order": (
        "상수 예측값 c = 2의 SAE, MAE, SSE, MSE (이 순서로)"
    ),
    "The residuals are y - c = (-1, 0, 4). Sums add |r| or r^2; means divide by n.": (
        "잔차는 y - c = (-1, 0, 4)입니다. 합은 |r| 또는 r^2을 더하고, 평균은 n으로 나눕니다."
    ),
    "the mean and the median of (1, 2, 3, 4, 100), in that order": (
        "(1, 2, 3, 4, 100)의 평균과 중앙값 (이 순서로)"
    ),
    "The median is the middle value of the sorted list; the mean divides the sum by the "
    "number of values.": (
        "중앙값은 정렬한 목록의 가운데 값이고, 평균은 합을 값의 개수로 나눈 것입니다."
    ),
    "the Ridge alpha at which the effective degrees of freedom equal 5": (
        "유효 자유도가 5가 되는 릿지의 alpha"
    ),
    "Use the standardised data, lib.load_diabetes(standardize=True), and solve "
    "ridge_effective_dof(X, alpha) = 5 with a root finder over a wide range of alpha.": (
        "표준화한 데이터 lib.load_diabetes(standardize=True)를 쓰고, 넓은 alpha 범위에서 "
        "근 찾기로 ridge_effective_dof(X, alpha) = 5를 푸세요."
    ),
    "the two ends of the alpha interval in which the Lasso uses exactly three features, "
    "smaller first": ("라쏘가 정확히 특성 세 개를 쓰는 alpha 구간의 양 끝 (작은 값 먼저)"),
    "The support is constant between two consecutive knots: read it at one alpha inside "
    "each segment (at a knot a joining feature is still 0 and a leaving one already 0).": (
        "서포트는 이웃한 두 꺾임점 사이에서 변하지 않습니다. 각 구간 안의 alpha 하나에서 "
        "읽으세요 (꺾임점에서는 들어오는 특성이 아직 0이고, 나가는 특성은 이미 0입니다)."
    ),
    "the first step with |w_k| < 0.01, for the penalty lambda |w|^2 and then for "
    "lambda'/2 |w|^2": (
        "|w_k| < 0.01이 되는 첫 스텝, 벌점 lambda |w|^2일 때와 lambda'/2 |w|^2일 때 순서로"
    ),
    "Each step multiplies w by the same factor; find it from the gradient of the penalty "
    "(mind the 1/2 in the second convention), then count powers.": (
        "스텝마다 w에 같은 계수가 곱해집니다. 벌점의 그래디언트에서 그 계수를 구하고(두 번째 "
        "관례의 1/2에 주의), 거듭제곱의 횟수를 세세요."
    ),
    "(a) the bound on the learning rate (every positive rate below it converges; at the "
    "bound itself the iteration no longer shrinks) and (c) the learning rate that makes the "
    "largest factor size (the worst direction) as small as possible": (
        "(a) 학습률의 경계 (그보다 작은 모든 양의 학습률은 수렴하고, 경계 자체에서는 반복이 더 "
        "줄어들지 않음)와 (c) 가장 큰 계수의 크기(가장 나쁜 방향)를 가장 작게 만드는 학습률"
    ),
    "Along each axis the error is multiplied by 1 - eta * (curvature of the data term + 2 "
    "lambda). Convergence needs every factor inside (-1, 1).": (
        "각 축을 따라 오차에 1 - eta * (데이터 항의 곡률 + 2 lambda)가 곱해집니다. 수렴하려면 "
        "모든 계수가 (-1, 1) 안에 있어야 합니다."
    ),
    "the minimiser for lambda = 1 and for lambda = 4, then where the subgradient step and "
    "the proximal step from w = 0.2 end": (
        "lambda = 1일 때와 lambda = 4일 때의 최소점, 이어서 w = 0.2에서 시작한 서브그래디언트 "
        "스텝과 근접 스텝이 끝나는 곳"
    ),
    "The minimiser is soft-thresholding S(3, lambda). A subgradient step moves by eta * "
    "lambda * sign(w); the proximal step soft-thresholds w by eta * lambda.": (
        "최소점은 소프트 임계화 S(3, lambda)입니다. 서브그래디언트 스텝은 eta * lambda * "
        "sign(w)만큼 움직이고, 근접 스텝은 w를 eta * lambda로 소프트 임계화합니다."
    ),
    "(a) the fraction recovered after 5 steps, (b) the rule-of-thumb alpha and Ridge's "
    "factor there": ("(a) 5 스텝 뒤에 되찾은 비율, (b) 어림 규칙의 alpha와 그때 릿지의 계수"),
    "After k steps from 0 the fraction is 1 - (1 - eta d^2)^k; the rule of thumb is alpha "
    "= 1/(eta k); Ridge keeps d^2 / (d^2 + alpha).": (
        "0에서 k 스텝 뒤의 비율은 1 - (1 - eta d^2)^k이고, 어림 규칙은 alpha = 1/(eta k), "
        "릿지가 남기는 비율은 d^2 / (d^2 + alpha)입니다."
    ),
    # lib.widgets.SliderFigure (the text a notebook shows without a kernel)
    "SliderFigure({label!r}, {count} values): run the notebook in Jupyter for the live slider": (
        "SliderFigure({label!r}, 값 {count}개): 움직이는 슬라이더는 Jupyter에서 노트북을 "
        "실행하면 나타납니다"
    ),
}

# The font of the Korean figures and pages: NanumGothic (SIL Open Font License 1.1), modified
# (a minus sign added, the bold declared 700) and therefore renamed: the OFL forbids a
# Modified Version to carry a Reserved Font Name, and Naver reserves "Nanum", "NanumGothic"
# and more (licenses/NanumGothic-OFL.txt). DejaVu Sans (matplotlib's own) comes after it for
# the glyphs it lacks (matplotlib falls back glyph by glyph in plain text; math text, such as
# log-axis ticks and labels with $...$, uses the first family only).
KOREAN_FONT_NAME = "Book Korean Sans"
KOREAN_FONT_FAMILY = [KOREAN_FONT_NAME, "DejaVu Sans"]

KOREAN_RC = {"font.family": KOREAN_FONT_FAMILY}

#: The licence of the font, shipped with the book as a text file and written into the name
#: table of every modified copy (the OFL wants the copyright notice and the licence in each).
FONT_LICENCE_FILE = Path(__file__).resolve().parents[1] / "licenses" / "NanumGothic-OFL.txt"
FONT_LICENCE_NOTICE = (
    "Copyright (c) 2010, NAVER Corporation (http://www.nhncorp.com), with Reserved Font "
    "Name Nanum, Naver Nanum, NanumGothic, Naver NanumGothic, NanumMyeongjo, Naver "
    "NanumMyeongjo, NanumBrush, Naver NanumBrush, NanumPen, Naver NanumPen, Naver "
    "NanumGothicEco, NanumGothicEco, Naver NanumMyeongjoEco, NanumMyeongjoEco, Naver "
    "NanumGothicLight, NanumGothicLight, NanumBarunGothic, Naver NanumBarunGothic. This Font "
    "Software is licensed under the SIL Open Font License, Version 1.1. "
    f"{KOREAN_FONT_NAME} is a Modified Version of NanumGothic 3.021: renamed, U+2212 added "
    "(mapped to the en dash's glyph), bold weight 700, characters other than ASCII and Hangul "
    "(and CJK punctuation) removed from its character map."
)
FONT_LICENCE_URL = "https://openfontlicense.org"
# Name records kept from the original: copyright, manufacturer, designer, their URLs.
_KEPT_NAME_IDS = {0, 8, 9, 11, 12}
# What the book's font keeps of NanumGothic's character map: ASCII, Hangul (jamo,
# compatibility jamo, syllables), CJK symbols and punctuation, and the added minus sign.
# Its other symbols (² ° → λ η ‖ ± ...) are drawn small or unlike the English figures; without
# them matplotlib falls back to DejaVu Sans, the English figures' font, glyph by glyph.
KEPT_CHARACTERS = [(0x20, 0x7E), (0x1100, 0x11FF), (0x3000, 0x303F), (0x3130, 0x318F)]
KEPT_CHARACTERS += [(0xAC00, 0xD7A3), (0x2212, 0x2212)]
_MODIFICATION = 6  # bump when the modification changes: a new cached file is written

_state = {"language": "en", "english": {}}


def korean_font_path(weight: str = "regular") -> Path:
    """The original NanumGothic file that ``koreanize-matplotlib`` installs (``regular`` or
    ``bold``); lib and the book use :func:`book_font_path`, its modified copy.

    >>> korean_font_path().name
    'NanumGothic.ttf'
    """
    names = {"regular": "NanumGothic.ttf", "bold": "NanumGothicBold.ttf"}
    if weight not in names:
        raise ValueError(f"weight must be one of {sorted(names)}, got {weight!r}")
    spec = importlib.util.find_spec("koreanize_matplotlib")  # found, not imported
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "the Korean font comes with the package koreanize-matplotlib: "
            "pip install koreanize-matplotlib (it is in the book's requirements)"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / names[weight]
    if not path.is_file():
        raise RuntimeError(f"koreanize-matplotlib is installed but {path} is missing")
    return path


def _rename(font, weight: str) -> None:
    """Give ``font`` (a fontTools TTFont) the book's own name and the licence notice."""
    style = {"regular": "Regular", "bold": "Bold"}[weight]
    postscript = f"{KOREAN_FONT_NAME.replace(' ', '')}-{style}"
    table = font["name"]
    version = table.getDebugName(5).split(";")[0].removeprefix("Version ")
    table.names = [r for r in table.names if r.nameID in _KEPT_NAME_IDS]
    for name_id, text in {
        1: KOREAN_FONT_NAME,
        2: style,
        3: f"{version};normbook;{postscript}",
        4: f"{KOREAN_FONT_NAME} {style}",
        5: f"Version {version}; modified, see the licence",
        6: postscript,
        13: FONT_LICENCE_NOTICE,
        14: FONT_LICENCE_URL,
    }.items():
        table.setName(text, name_id, 3, 1, 0x409)  # Windows, Unicode, English
        table.setName(text, name_id, 1, 0, 0)  # Macintosh, Roman, English
    font["OS/2"].usWeightClass = 700 if weight == "bold" else 400


def book_font_path(weight: str = "regular") -> Path:
    """The Korean font of the book's figures and web pages: NanumGothic (``weight``
    ``regular`` or ``bold``) modified and renamed :data:`KOREAN_FONT_NAME`, kept in
    matplotlib's cache folder.

    The modifications: U+2212 MINUS SIGN is added, mapped to the en dash's glyph (NanumGothic
    has none, and math text, such as a log axis's 10^-1, cannot fall back to another font:
    it drew a dummy box); every character outside :data:`KEPT_CHARACTERS` leaves the character
    map, so that plain text draws it with DejaVu Sans as the English figures do (NanumGothic's
    ² and ° are tiny marks beside DejaVu's); the bold declares weight 700 (it says 600,
    and matplotlib warned "Failed to find font weight bold" on every bold title); the names
    are the book's own (the OFL's Reserved Font Names may not name a Modified Version) and
    the name table carries the copyright notice and the licence (:data:`FONT_LICENCE_NOTICE`).

    >>> from fontTools.ttLib import TTFont
    >>> TTFont(book_font_path("bold"))["name"].getDebugName(4)
    'Book Korean Sans Bold'
    """
    source = korean_font_path(weight)
    stem = KOREAN_FONT_NAME.replace(" ", "")
    tag = f"{source.stat().st_size}-{_MODIFICATION}"
    target = Path(mpl.get_cachedir()) / f"{stem}-{weight}-{tag}.ttf"
    if not target.exists():
        from fontTools.ttLib import TTFont  # matplotlib's own dependency

        font = TTFont(source, recalcTimestamp=False)  # the source's date: the same file anywhere
        dash = font.getBestCmap()[0x2013]
        for table in font["cmap"].tables:
            if table.isUnicode():
                table.cmap[0x2212] = dash
                table.cmap = {
                    code: glyph
                    for code, glyph in table.cmap.items()
                    if any(lo <= code <= hi for lo, hi in KEPT_CHARACTERS)
                }
        _rename(font, weight)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        font.save(partial)
        partial.replace(target)  # atomic: two kernels may write it at once
    return target


def _register_korean_font() -> None:
    known = {f.fname for f in font_manager.fontManager.ttflist}
    for weight in ("regular", "bold"):
        path = str(book_font_path(weight))
        if path not in known:
            font_manager.fontManager.addfont(path)
    font_manager.fontManager._findfont_cached.cache_clear()


def set_language(language: str) -> None:
    """Draw and print lib's text in ``language``: ``"en"`` (English) or ``"ko"`` (Korean).

    Call it before making figures: a figure's text takes its font when it is created.
    ``"ko"`` registers the book's Korean font (:func:`book_font_path`) and makes it
    matplotlib's font family, DejaVu Sans after it (:data:`KOREAN_FONT_FAMILY`); ``"en"``
    puts the previous settings back, so English figures are the same as if Korean had
    never been chosen.

    >>> set_language("ko")
    >>> t("angle of b")
    'b의 각도'
    >>> set_language("en")
    >>> t("angle of b")
    'angle of b'
    >>> set_language("fr")
    Traceback (most recent call last):
    ...
    ValueError: language must be one of ('en', 'ko'), got 'fr'
    """
    if not isinstance(language, str):
        raise TypeError(f"language must be a string, one of {LANGUAGES}, got {language!r}")
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, got {language!r}")
    if language == _state["language"]:
        return
    if language == "ko":
        _register_korean_font()
        _state["english"] = {key: mpl.rcParams[key] for key in KOREAN_RC}
        mpl.rcParams.update(KOREAN_RC)
    else:
        mpl.rcParams.update(_state["english"])
    _state["language"] = language


def get_language() -> str:
    """The language chosen with :func:`set_language` (``"en"`` until then).

    >>> get_language()
    'en'
    """
    return _state["language"]


def translate(text: str, /) -> str:
    """``text``, a message that code holds as data (an exercise's hint), in the current
    language: :func:`t` without fields, for a message that is not a literal at the call.

    >>> translate("Right: {label}")
    'Right: {label}'
    """
    return t(text)


def t(message: str, /, **fields) -> str:
    r"""``message`` in the current language, with ``fields`` filled in (``str.format``).

    .. math:: t(m, f) = \operatorname{format}(\mathrm{KOREAN}[m], f) \text{ in Korean, }
        \operatorname{format}(m, f) \text{ in English}

    A message without a Korean entry is shown in English, with a warning naming it.

    >>> t("angle {angle:2d}°: L1 = {l1:.2f}, L2 = {l2:.2f}, L1/L2 = {ratio:.3f}",
    ...   angle=0, l1=4, l2=4, ratio=1)
    'angle  0°: L1 = 4.00, L2 = 4.00, L1/L2 = 1.000'
    """
    if not isinstance(message, str):
        raise TypeError(f"message must be a string, got {type(message).__name__}")
    text = message
    if _state["language"] == "ko":
        if message in KOREAN:
            text = KOREAN[message]
        else:
            warnings.warn(f"no Korean text for {message!r} (lib/i18n.py)", stacklevel=2)
    return text.format(**fields) if fields else text


def pad(text: str, width: int) -> str:
    """``text`` left-justified to ``width`` columns of printed output, where a Hangul (or
    other East Asian wide) character takes two columns: ``f"{pad(t(name), 16)}"`` lines
    up rows that ``f"{name:16s}"`` would misalign in Korean (and is the same in English).

    .. math:: \\mathrm{pad}(s, w) = s + \\max(0, w - \\mathrm{cols}(s)) \\text{ spaces}

    >>> pad("mean", 6) + "|", pad("평균", 6) + "|", pad("too long", 3)
    ('mean  |', '평균  |', 'too long')
    """
    return text + " " * max(0, width - columns(text))


def columns(text: str) -> int:
    """How many columns ``text`` takes in printed output: two for a Hangul (or other East
    Asian wide) character, one for any other; the width to give :func:`pad` so that the
    longest of several labels still lines up.

    >>> columns("mean"), columns("평균"), columns("최적 alpha")
    (4, 4, 10)
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}")
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
