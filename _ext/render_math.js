// Renders TeX to HTML + MathML with KaTeX, for _ext/build_math.py (one process per build).
// Reads one JSON request per line on stdin: {"tex": "...", "display": true|false};
// writes one JSON answer per line on stdout: {"html": "...", "warnings": [...]} or
// {"error": "..."}. KaTeX comes from node_modules (package-lock.json, `npm ci`).
"use strict";
const readline = require("readline");
const katex = require("katex");

const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on("line", (line) => {
  const request = JSON.parse(line);
  const warnings = [];
  let answer;
  try {
    const html = katex.renderToString(request.tex, {
      displayMode: request.display,
      output: "htmlAndMathml",
      throwOnError: true,
      // Report what LaTeX would reject or treat differently instead of printing it.
      strict: (code, message) => {
        warnings.push(`${code}: ${message}`);
        return "ignore";
      },
    });
    answer = { html, warnings };
  } catch (error) {
    answer = { error: String(error.message || error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
