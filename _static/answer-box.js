/* Answer boxes for the exercises with a numeric answer (issue 16).
 *
 * Each exercise that lib.exercises can check gets a box at the end of the exercise: the
 * reader types a number (or several, separated by commas or spaces; fractions like 2/7
 * work), and the box says right, or wrong with the same hint as lib.exercises.check.
 * Nothing is sent anywhere: the expected answers are in this file, written from lib by
 * tools/answer_boxes.py (tests/test_self_check.py fails when they are out of date).
 * They can be read in the page source: this is a self-check, not an exam.
 */
(function () {
  "use strict";
  const ANSWERS = /* ANSWERS */{"ex-alg-step-bound":{"asks":"(a) the bound on the learning rate (every positive rate below it converges; at the bound itself the iteration no longer shrinks) and (c) the learning rate that makes the largest factor size (the worst direction) as small as possible","expected":[0.4,0.2857142857142857],"rtol":0.001,"atol":0.001,"hint":"Along each axis the error is multiplied by 1 - eta * (curvature of the data term + 2 lambda). Convergence needs every factor inside (-1, 1)."},"ex-losses-by-hand":{"asks":"SAE, MAE, SSE and MSE of the constant prediction c = 2, in that order","expected":[5.0,1.6666666666666667,17.0,5.666666666666667],"rtol":0.001,"atol":0.001,"hint":"The residuals are y - c = (-1, 0, 4). Sums add |r| or r^2; means divide by n."},"ex-losses-pull":{"asks":"the mean and the median of (1, 2, 3, 4, 100), in that order","expected":[22.0,3.0],"rtol":0.001,"atol":0.001,"hint":"The median is the middle value of the sorted list; the mean divides the sum by the number of values."},"ex-mt-one-direction":{"asks":"(a) the fraction recovered after 5 steps, (b) the rule-of-thumb alpha and Ridge's factor there","expected":[0.6723199999999999,4.0,0.5],"rtol":0.001,"atol":0.001,"hint":"After k steps from 0 the fraction is 1 - (1 - eta d^2)^k; the rule of thumb is alpha = 1/(eta k); Ridge keeps d^2 / (d^2 + alpha)."},"ex-norms-count-routes":{"asks":"the number of shortest routes from (0, 0) to (5, 3), an integer","expected":[56.0],"rtol":0.0,"atol":0.0,"hint":"A shortest route is a sequence of blocks: how many, and how many of them go north? Count the ways to choose which ones."},"ex-norms-limit":{"asks":"the smallest integer p with ||x||_p within one per cent of ||x||_inf","expected":[7.0],"rtol":0.0,"atol":0.0,"hint":"Within one per cent means ||x||_p <= 1.01 * ||x||_inf; try p = 1, 2, 3, ... in turn."},"ex-norms-quasi-ratio":{"asks":"the largest ratio ||x + y||_p / (||x||_p + ||y||_p) for p = 0.5 in the sample","expected":[1.7871536640204],"rtol":0.001,"atol":0.001,"hint":"Draw all pairs at once with default_rng(11).normal(size=(20000, 2, 2)) and take norms along axis=1; the answer is the largest of the 20 000 ratios."},"ex-norms-triangle-check":{"asks":"the smallest gap d(x, y) + d(y, z) - d(x, z) for p = 1, then for p = 2","expected":[0.0,0.0954544184933459],"rtol":0.0,"atol":0.0005,"hint":"Use the seed and shape of the exercise (rng 7, shape (1000, 3, 5)); the smallest gap is a minimum over all 1000 triples, one number per p."},"ex-reg-decay-steps":{"asks":"the first step with |w_k| < 0.01, for the penalty lambda |w|^2 and then for lambda'/2 |w|^2","expected":[10.0,21.0],"rtol":0.0,"atol":0.0,"hint":"Each step multiplies w by the same factor; find it from the gradient of the penalty (mind the 1/2 in the second convention), then count powers."},"ex-reg-dof":{"asks":"the Ridge alpha at which the effective degrees of freedom equal 5","expected":[253.1353381880248],"rtol":0.001,"atol":0.001,"hint":"Use the standardised data, lib.load_diabetes(standardize=True), and solve ridge_effective_dof(X, alpha) = 5 with a root finder over a wide range of alpha."},"ex-reg-one-d-lasso":{"asks":"the minimiser for lambda = 1 and for lambda = 4, then where the subgradient step and the proximal step from w = 0.2 end","expected":[2.0,0.0,-0.3,0.0],"rtol":0.001,"atol":0.001,"hint":"The minimiser is soft-thresholding S(3, lambda). A subgradient step moves by eta * lambda * sign(w); the proximal step soft-thresholds w by eta * lambda."},"ex-reg-three-features":{"asks":"the two ends of the alpha interval in which the Lasso uses exactly three features, smaller first","expected":[15.03407749594132,21.54205166516856],"rtol":0.001,"atol":0.001,"hint":"The support is constant between two consecutive knots: read it at one alpha inside each segment (at a knot a joining feature is still 0 and a leaving one already 0)."}}/* END ANSWERS */;

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
  function verdict(entry, text) {
    const given = parseAnswer(text);
    if (given === null) {
      return { correct: false, message: "Please type numbers only (e.g. 0.25, 1/4 or 3, 5)." };
    }
    const want = entry.expected;
    if (given.length !== want.length) {
      return {
        correct: false,
        message: "Not yet: " + want.length + " number(s) expected: " + entry.asks + ".",
      };
    }
    const close = given.map(function (g, i) {
      return Math.abs(g - want[i]) <= entry.atol + entry.rtol * Math.abs(want[i]);
    });
    if (close.every(Boolean)) return { correct: true, message: "Right." };
    const wrong = close.map(function (ok, i) { return ok ? null : i + 1; }).filter(Boolean);
    const which = want.length > 1 ? " (number " + wrong.join(", ") + " of " + want.length + ")" : "";
    return { correct: false, message: "Not yet" + which + ". Hint: " + entry.hint };
  }

  function addBox(label, entry) {
    const exercise = document.getElementById(label);
    if (!exercise || exercise.querySelector(".answer-box")) return;
    const form = document.createElement("form");
    form.className = "answer-box";
    const id = "answer-" + label;
    form.innerHTML =
      '<label for="' + id + '">Check your answer (' + entry.asks + "):</label> " +
      '<input type="text" id="' + id + '" autocomplete="off" inputmode="decimal"> ' +
      '<button type="submit">Check</button> ' +
      '<output aria-live="polite"></output>';
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      const result = verdict(entry, form.querySelector("input").value);
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
    const start = function () {
      Object.keys(ANSWERS).forEach(function (label) { addBox(label, ANSWERS[label]); });
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  }
  if (typeof module !== "undefined") module.exports = { ANSWERS, parseAnswer, verdict };
})();
