/* Answer boxes for the exercises with a numeric answer (issue 16).
 *
 * Each exercise that lib.exercises can check gets a box at the end of the exercise: the
 * reader types a number (or several, separated by commas or spaces; fractions like 2/7
 * work), and the box says right, or wrong with the same hint as lib.exercises.check.
 * Nothing is sent anywhere: the expected answers are in this file, written from lib by
 * tools/answer_boxes.py (tests/test_self_check.py fails when they are out of date).
 * They can be read in the page source: this is a self-check, not an exam.
 * On the Korean pages (<html lang="ko">) the questions, hints and the box's own words are
 * Korean (the "ko" blocks, written by the same tool from lib.i18n).
 */
(function () {
  "use strict";
  const ANSWERS = /* ANSWERS */{"ex-alg-step-bound":{"asks":"(a) the bound on the learning rate (every positive rate below it converges; at the bound itself the iteration no longer shrinks) and (c) the learning rate that makes the largest factor size (the worst direction) as small as possible","expected":[0.4,0.2857142857142857],"rtol":0.001,"atol":0.001,"hint":"Along each axis the error is multiplied by 1 - eta * (curvature of the data term + 2 lambda). Convergence needs every factor inside (-1, 1)."},"ex-losses-by-hand":{"asks":"SAE, MAE, SSE and MSE of the constant prediction c = 2, in that order","expected":[5.0,1.6666666666666667,17.0,5.666666666666667],"rtol":0.001,"atol":0.001,"hint":"The residuals are y - c = (-1, 0, 4). Sums add |r| or r^2; means divide by n."},"ex-losses-pull":{"asks":"the mean and the median of (1, 2, 3, 4, 100), in that order","expected":[22.0,3.0],"rtol":0.001,"atol":0.001,"hint":"The median is the middle value of the sorted list; the mean divides the sum by the number of values."},"ex-mt-one-direction":{"asks":"(a) the fraction recovered after 5 steps, (b) the rule-of-thumb alpha and Ridge's factor there","expected":[0.6723199999999999,4.0,0.5],"rtol":0.001,"atol":0.001,"hint":"After k steps from 0 the fraction is 1 - (1 - eta d^2)^k; the rule of thumb is alpha = 1/(eta k); Ridge keeps d^2 / (d^2 + alpha)."},"ex-norms-count-routes":{"asks":"the number of shortest routes from (0, 0) to (5, 3), an integer","expected":[56.0],"rtol":0.0,"atol":0.0,"hint":"A shortest route is a sequence of blocks: how many, and how many of them go north? Count the ways to choose which ones."},"ex-norms-limit":{"asks":"the smallest integer p with ||x||_p within one per cent of ||x||_inf","expected":[7.0],"rtol":0.0,"atol":0.0,"hint":"Within one per cent means ||x||_p <= 1.01 * ||x||_inf; try p = 1, 2, 3, ... in turn."},"ex-norms-quasi-ratio":{"asks":"the largest ratio ||x + y||_p / (||x||_p + ||y||_p) for p = 0.5 in the sample","expected":[1.7871536640204],"rtol":0.001,"atol":0.001,"hint":"Draw all pairs at once with default_rng(11).normal(size=(20000, 2, 2)) and take norms along axis=1; the answer is the largest of the 20 000 ratios."},"ex-norms-triangle-check":{"asks":"the smallest gap d(x, y) + d(y, z) - d(x, z) for p = 1, then for p = 2","expected":[0.0,0.0954544184933459],"rtol":0.0,"atol":0.0005,"hint":"Use the seed and shape of the exercise (rng 7, shape (1000, 3, 5)); the smallest gap is a minimum over all 1000 triples, one number per p."},"ex-reg-decay-steps":{"asks":"the first step with |w_k| < 0.01, for the penalty lambda |w|^2 and then for lambda'/2 |w|^2","expected":[10.0,21.0],"rtol":0.0,"atol":0.0,"hint":"Each step multiplies w by the same factor; find it from the gradient of the penalty (mind the 1/2 in the second convention), then count powers."},"ex-reg-dof":{"asks":"the Ridge alpha at which the effective degrees of freedom equal 5","expected":[253.1353381880248],"rtol":0.001,"atol":0.001,"hint":"Use the standardised data, lib.load_diabetes(standardize=True), and solve ridge_effective_dof(X, alpha) = 5 with a root finder over a wide range of alpha."},"ex-reg-one-d-lasso":{"asks":"the minimiser for lambda = 1 and for lambda = 4, then where the subgradient step and the proximal step from w = 0.2 end","expected":[2.0,0.0,-0.3,0.0],"rtol":0.001,"atol":0.001,"hint":"The minimiser is soft-thresholding S(3, lambda). A subgradient step moves by eta * lambda * sign(w); the proximal step soft-thresholds w by eta * lambda."},"ex-reg-three-features":{"asks":"the two ends of the alpha interval in which the Lasso uses exactly three features, smaller first","expected":[15.03407749594132,21.54205166516856],"rtol":0.001,"atol":0.001,"hint":"The support is constant between two consecutive knots: read it at one alpha inside each segment (at a knot a joining feature is still 0 and a leaving one already 0)."}}/* END ANSWERS */;
  const ANSWERS_KO = /* ANSWERS ko */{"ex-alg-step-bound":{"asks":"(a) 학습률의 경계 (그보다 작은 모든 양의 학습률은 수렴하고, 경계 자체에서는 반복이 더 줄어들지 않음)와 (c) 가장 큰 계수의 크기(가장 나쁜 방향)를 가장 작게 만드는 학습률","expected":[0.4,0.2857142857142857],"rtol":0.001,"atol":0.001,"hint":"각 축을 따라 오차에 1 - eta * (데이터 항의 곡률 + 2 lambda)가 곱해집니다. 수렴하려면 모든 계수가 (-1, 1) 안에 있어야 합니다."},"ex-losses-by-hand":{"asks":"상수 예측값 c = 2의 SAE, MAE, SSE, MSE (이 순서로)","expected":[5.0,1.6666666666666667,17.0,5.666666666666667],"rtol":0.001,"atol":0.001,"hint":"잔차는 y - c = (-1, 0, 4)입니다. 합은 |r| 또는 r^2을 더하고, 평균은 n으로 나눕니다."},"ex-losses-pull":{"asks":"(1, 2, 3, 4, 100)의 평균과 중앙값 (이 순서로)","expected":[22.0,3.0],"rtol":0.001,"atol":0.001,"hint":"중앙값은 정렬한 목록의 가운데 값이고, 평균은 합을 값의 개수로 나눈 것입니다."},"ex-mt-one-direction":{"asks":"(a) 5 스텝 뒤에 되찾은 비율, (b) 어림 규칙의 alpha와 그때 릿지의 계수","expected":[0.6723199999999999,4.0,0.5],"rtol":0.001,"atol":0.001,"hint":"0에서 k 스텝 뒤의 비율은 1 - (1 - eta d^2)^k이고, 어림 규칙은 alpha = 1/(eta k), 릿지가 남기는 비율은 d^2 / (d^2 + alpha)입니다."},"ex-norms-count-routes":{"asks":"(0, 0)에서 (5, 3)까지 가는 가장 짧은 경로의 수 (정수)","expected":[56.0],"rtol":0.0,"atol":0.0,"hint":"가장 짧은 경로는 블록의 나열입니다. 블록은 몇 개이고, 그중 몇 개가 북쪽으로 갑니까? 어느 블록이 북쪽으로 갈지 고르는 방법의 수를 세어 보세요."},"ex-norms-limit":{"asks":"||x||_p가 ||x||_inf의 1% 이내가 되는 가장 작은 정수 p","expected":[7.0],"rtol":0.0,"atol":0.0,"hint":"1% 이내란 ||x||_p <= 1.01 * ||x||_inf라는 뜻입니다. p = 1, 2, 3, ...을 차례로 넣어 보세요."},"ex-norms-quasi-ratio":{"asks":"표본에서 p = 0.5일 때 비율 ||x + y||_p / (||x||_p + ||y||_p)의 최댓값","expected":[1.7871536640204],"rtol":0.001,"atol":0.001,"hint":"default_rng(11).normal(size=(20000, 2, 2))로 모든 쌍을 한 번에 뽑고 axis=1을 따라 노름을 구하세요. 답은 비율 20 000개 가운데 가장 큰 값입니다."},"ex-norms-triangle-check":{"asks":"가장 작은 차이 d(x, y) + d(y, z) - d(x, z), p = 1일 때와 p = 2일 때 순서로","expected":[0.0,0.0954544184933459],"rtol":0.0,"atol":0.0005,"hint":"연습 문제의 시드와 모양(rng 7, 모양 (1000, 3, 5))을 쓰세요. 가장 작은 차이는 세 점 1000쌍 전체에 대한 최솟값이고, p마다 수 하나입니다."},"ex-reg-decay-steps":{"asks":"|w_k| < 0.01이 되는 첫 스텝, 벌점 lambda |w|^2일 때와 lambda'/2 |w|^2일 때 순서로","expected":[10.0,21.0],"rtol":0.0,"atol":0.0,"hint":"스텝마다 w에 같은 계수가 곱해집니다. 벌점의 그래디언트에서 그 계수를 구하고(두 번째 관례의 1/2에 주의), 거듭제곱의 횟수를 세세요."},"ex-reg-dof":{"asks":"유효 자유도가 5가 되는 릿지의 alpha","expected":[253.1353381880248],"rtol":0.001,"atol":0.001,"hint":"표준화한 데이터 lib.load_diabetes(standardize=True)를 쓰고, 넓은 alpha 범위에서 근 찾기로 ridge_effective_dof(X, alpha) = 5를 푸세요."},"ex-reg-one-d-lasso":{"asks":"lambda = 1일 때와 lambda = 4일 때의 최소점, 이어서 w = 0.2에서 시작한 서브그래디언트 스텝과 근접 스텝이 끝나는 곳","expected":[2.0,0.0,-0.3,0.0],"rtol":0.001,"atol":0.001,"hint":"최소점은 소프트 임계화 S(3, lambda)입니다. 서브그래디언트 스텝은 eta * lambda * sign(w)만큼 움직이고, 근접 스텝은 w를 eta * lambda로 소프트 임계화합니다."},"ex-reg-three-features":{"asks":"라쏘가 정확히 특성 세 개를 쓰는 alpha 구간의 양 끝 (작은 값 먼저)","expected":[15.03407749594132,21.54205166516856],"rtol":0.001,"atol":0.001,"hint":"서포트는 이웃한 두 꺾임점 사이에서 변하지 않습니다. 각 구간 안의 alpha 하나에서 읽으세요 (꺾임점에서는 들어오는 특성이 아직 0이고, 나가는 특성은 이미 0입니다)."}}/* END ANSWERS ko */;
  const WORDS_KO = /* WORDS ko */{"check":"답 확인 — {asks}:","button":"확인","numbers_only":"숫자만 입력하세요 (예: 0.25, 1/4 또는 3, 5).","right":"정답입니다.","count":"아직 아닙니다: 수 {count}개가 필요합니다: {asks}.","which":" ({count}개 중 {numbers}번째 수)","hint":"아직 아닙니다{which}. 힌트: {hint}"}/* END WORDS ko */;
  // The box's own words; {name} is filled in (fill). WORDS_KO has the same keys.
  const WORDS = {
    check: "Check your answer ({asks}):",
    button: "Check",
    numbers_only: "Please type numbers only (e.g. 0.25, 1/4 or 3, 5).",
    right: "Right.",
    count: "Not yet: {count} number(s) expected: {asks}.",
    which: " (number {numbers} of {count})",
    hint: "Not yet{which}. Hint: {hint}",
  };

  /** `template` with each {name} replaced by fields[name] (one pass: filled text stays). */
  function fill(template, fields) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return name in fields ? String(fields[name]) : whole;
    });
  }

  /** The numbers in what the reader typed; null when something is not a number. */
  function parseAnswer(text) {
    const parts = String(text).replace(/\u2212/g, "-").trim().split(/[\s,;]+/).filter(Boolean);
    if (parts.length === 0) return null;
    const numbers = parts.map(function (part) {
      const fraction = part.match(/^([-+]?[\d.]+(?:e[-+]?\d+)?)\/([-+]?[\d.]+(?:e[-+]?\d+)?)$/i);
      return fraction ? Number(fraction[1]) / Number(fraction[2]) : Number(part);
    });
    return numbers.every(Number.isFinite) ? numbers : null;
  }

  /** Right when every number is within atol + rtol * |expected| (numpy.isclose). */
  function verdict(entry, text, words) {
    words = words || WORDS;
    const given = parseAnswer(text);
    if (given === null) return { correct: false, message: words.numbers_only };
    const want = entry.expected;
    if (given.length !== want.length) {
      return { correct: false, message: fill(words.count, { count: want.length, asks: entry.asks }) };
    }
    const close = given.map(function (g, i) {
      return Math.abs(g - want[i]) <= entry.atol + entry.rtol * Math.abs(want[i]);
    });
    if (close.every(Boolean)) return { correct: true, message: words.right };
    const wrong = close.map(function (ok, i) { return ok ? null : i + 1; }).filter(Boolean);
    const which =
      want.length > 1 ? fill(words.which, { numbers: wrong.join(", "), count: want.length }) : "";
    return { correct: false, message: fill(words.hint, { which: which, hint: entry.hint }) };
  }

  function addBox(label, entry, words) {
    const exercise = document.getElementById(label);
    if (!exercise || exercise.querySelector(".answer-box")) return;
    const form = document.createElement("form");
    form.className = "answer-box";
    const id = "answer-" + label;
    form.innerHTML =
      '<label for="' + id + '">' + fill(words.check, { asks: entry.asks }) + "</label> " +
      '<input type="text" id="' + id + '" autocomplete="off" inputmode="decimal"> ' +
      '<button type="submit">' + words.button + "</button> " +
      '<output aria-live="polite"></output>';
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      const result = verdict(entry, form.querySelector("input").value, words);
      const output = form.querySelector("output");
      output.textContent = result.message;
      output.className = result.correct ? "answer-right" : "answer-wrong";
    });
    exercise.appendChild(form);
  }

  // The box's few rules live here: it exists only where this script runs, and a style
  // sheet's rules for elements no built page contains are dropped by the CSS purge.
  const STYLE =
    ".answer-box{margin-top:.75em;display:flex;flex-wrap:wrap;gap:.4em;align-items:center}" +
    ".answer-box input{min-width:10em;font:inherit;padding:.1em .3em}" +
    ".answer-box output{flex-basis:100%}" +
    ".answer-box .answer-right{color:#1a7f37;font-weight:bold}" +
    ".answer-box .answer-wrong{color:#b35900}" +
    "@media print{.answer-box{display:none}}";

  if (typeof document !== "undefined") {
    const style = document.createElement("style");
    style.textContent = STYLE;
    document.head.appendChild(style);
    const korean = document.documentElement.lang === "ko";
    const answers = korean ? ANSWERS_KO : ANSWERS;
    const words = korean ? WORDS_KO : WORDS;
    const start = function () {
      Object.keys(answers).forEach(function (label) { addBox(label, answers[label], words); });
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  }
  if (typeof module !== "undefined") module.exports = { ANSWERS, ANSWERS_KO, WORDS, WORDS_KO, parseAnswer, verdict };
})();
