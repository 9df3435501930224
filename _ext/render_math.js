// Renders TeX to MathML with Temml, for _ext/build_math.py (one process per build).
// Reads one JSON request per line on stdin: {"tex": "...", "display": true|false};
// writes one JSON answer per line on stdout: {"html": "<math>…</math>"} or {"error": "..."}.
// Temml comes from node_modules (package-lock.json, `npm ci`).
"use strict";
const readline = require("readline");
const temml = require("temml");

const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on("line", (line) => {
  const request = JSON.parse(line);
  let answer;
  try {
    const html = temml.renderToString(request.tex, {
      displayMode: request.display,
      throwOnError: true,
    });
    answer = { html };
  } catch (error) {
    answer = { error: String(error.message || error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
