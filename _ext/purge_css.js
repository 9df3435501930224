// Drops the rules of a style sheet that no built page or script can match (PurgeCSS), for
// _ext/page_assets.py. Usage: node purge_css.js <sheet.css> <html folder>
// The sheet is rewritten in place. Class names come from every page and every script of
// the build, so classes that scripts add at run time (Bootstrap's `show`, the theme's
// dark mode) are kept; the safelist covers names that scripts build from pieces.
"use strict";
const fs = require("fs");
const path = require("path");
const { PurgeCSS } = require("purgecss");

const [sheet, html] = process.argv.slice(2);
new PurgeCSS()
  .purge({
    content: [
      path.join(html, "**/*.html"),
      path.join(html, "_static/**/*.js"),
      path.join(__dirname, "figure_zoom.js"), // inlined into the pages after this purge
    ],
    css: [sheet],
    variables: true, // custom properties no kept rule uses
    safelist: {
      greedy: [/^bs-/, /tooltip/, /popover/, /^modal/, /dropdown/, /collaps/, /^fade/, /^show/],
    },
  })
  .then(([result]) => {
    fs.writeFileSync(sheet, result.css);
  })
  .catch((error) => {
    console.error(String(error));
    process.exit(1);
  });
