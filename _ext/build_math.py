"""Math rendered when the book is built: every page carries its equations as MathML.

The reader's browser runs no math JavaScript. Each equation is turned into MathML by Temml
(the npm package pinned in package-lock.json, installed by ``npm ci``) in one Node process
per build (``_ext/render_math.js``). Browsers lay MathML out natively (Chromium since 109,
Firefox, Safari), so the math is there at first paint, selectable, and read by screen
readers; it is drawn with Noto Sans Math (an OpenType math font, from npm's
``@fontsource/noto-sans-math``), cut at build time to the glyphs the book uses.

Why Temml + a served math font, measured on the book's own equations (780 in 21 pages):
KaTeX and Temml each rejected only ``\\alpha_\\max`` (handled below). KaTeX's HTML + MathML
drew like LaTeX but weighed 1-2.7 kB per equation (433 kB of one chapter's 554 kB of
HTML), which alone breaks a 1 MB first visit; Temml's MathML is about a fifth of that.
MathML drawn with whatever math font the reader's system has lost display-size sums,
stretchy delimiters and radicals in Chromium; with Noto Sans Math served from the book it
draws them right (checked in screenshots), and it matches the theme's sans-serif text.

Display equations keep Sphinx's numbers and permalinks (``<span class="eqno">``), so
``{eq}`` references resolve as before. The style sheet and fonts go to ``_static/math/``,
linked only from pages that have math. A TeX error is a Sphinx warning at the equation's
source line (``-W`` fails the build), never a silent red formula.
"""

from __future__ import annotations

import atexit
import json
import re
import shutil
import subprocess
import threading
from pathlib import Path

from docutils import nodes
from page_assets import subset_font
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

LOGGER = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[1]
RENDERER = Path(__file__).with_name("render_math.js")
TEMML_DIST = ROOT / "node_modules" / "temml" / "dist"
MATH_FONT = (
    ROOT
    / "node_modules"
    / "@fontsource"
    / "noto-sans-math"
    / "files"
    / "noto-sans-math-latin-400-normal.woff"
)
STATIC = "math"  # folder under _static/
CSS = f"{STATIC}/math.css"
FONT = "noto-sans-math.subset.woff2"
# `\alpha_\max` is valid TeX (an operator name as a one-token subscript) that Temml and
# KaTeX reject; braces make it the same formula in every renderer.
BARE_SCRIPT = re.compile(r"([_^])\\(arg|det|dim|exp|inf|lim|ln|log|max|min|sup)\b")
MATH_ELEMENT = re.compile(r"<math\b.*?</math>", re.S)
# Browsers draw a one-letter <mi> in mathematical italic (U+1D434-U+1D467 for Latin,
# U+1D6E2-U+1D71B for Greek): the subset keeps those letters too.
ITALIC_RANGES = [range(0x1D434, 0x1D468), range(0x1D6E2, 0x1D71C), range(0x210E, 0x210F)]
# The font the math is drawn with, and room for display equations wider than a phone.
BOOK_CSS = f"""
@font-face {{
  font-family: "Book Math";
  src: url("{FONT}") format("woff2");
  font-display: swap;
}}
/* Noto Sans Math's letters are smaller than the theme's text at the same size. */
math {{ font-family: "Book Math", math; font-size: 1.1em; }}
/* A display equation wider than the column scrolls sideways (on phones) instead of being
   cut on both sides: its box is at least as wide as its content, beside the number. */
div.math > .math-scroll {{ flex-grow: 1; min-width: 0; overflow-x: auto; overflow-y: hidden;
  padding-bottom: 0.2rem; }}
div.math > .math-scroll > math {{ width: max-content; min-width: 100%; }}
"""


class _Temml:
    """One Node process that renders TeX on request (started on first use)."""

    def __init__(self) -> None:
        self._process: subprocess.Popen | None = None
        self._lock = threading.Lock()

    def render(self, tex: str, display: bool) -> dict:
        with self._lock:
            if self._process is None:
                self._process = self._start()
            request = json.dumps({"tex": BARE_SCRIPT.sub(r"\1{\\\2}", tex), "display": display})
            self._process.stdin.write(request + "\n")
            self._process.stdin.flush()
            answer = self._process.stdout.readline()
        if not answer:
            raise RuntimeError(f"{RENDERER.name} stopped: run `make setup` (npm ci)")
        return json.loads(answer)

    @staticmethod
    def _start() -> subprocess.Popen:
        node = shutil.which("node")
        if node is None or not TEMML_DIST.is_dir():
            raise RuntimeError("Temml is not installed: run `make setup` (it runs `npm ci`)")
        process = subprocess.Popen(
            [node, str(RENDERER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf8",
            cwd=ROOT,
        )
        atexit.register(process.kill)
        return process

    def close(self) -> None:
        with self._lock:
            if self._process is not None:
                self._process.stdin.close()
                self._process.wait(timeout=10)
                self._process = None


TEMML = _Temml()


def render(tex: str, display: bool, node: nodes.Node | None = None) -> str:
    """MathML for `tex`; a TeX error is logged as a warning at `node`."""
    answer = TEMML.render(tex, display)
    if "error" in answer:
        LOGGER.warning(
            f"Temml could not render {tex!r}: {answer['error']}", location=node, type="math"
        )
        return f'<code class="math-error">{_escape(tex)}</code>'
    return answer["html"]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def visit_math(self, node: nodes.math) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate"))
    self.body.append(render(node.astext(), False, node))
    self.body.append("</span>")
    raise nodes.SkipNode


def visit_displaymath(self, node: nodes.math_block) -> None:
    self.body.append(self.starttag(node, "div", CLASS="math notranslate"))
    if node["number"]:  # the number and permalink Sphinx's own renderers write
        self.body.append(f'<span class="eqno">({get_node_equation_number(self, node)})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    # Equations separated by a blank line are stacked, as Sphinx's MathJax renderer does;
    # a multi-line equation with no environment of its own is aligned at its `&`s.
    parts = [part for part in node.astext().split("\n\n") if part.strip()]
    if len(parts) == 1 and ("\\\\" not in parts[0] or "\\begin" in parts[0]):
        tex = parts[0]
    else:
        tex = "\\begin{aligned}" + "\\\\".join(parts) + "\\end{aligned}"
    self.body.append(f'<span class="math-scroll">{render(tex, True, node)}</span>')
    self.body.append("</div>\n")
    raise nodes.SkipNode


def _link_stylesheet(app, pagename, templatename, context, doctree) -> None:
    """The math style sheet on the pages that have math (its fonts follow from it)."""
    if app.env.get_domain("math").has_equations(pagename):
        app.builder.add_css_file(CSS)


def _codepoints(outdir: Path) -> set[int]:
    """Every character inside a <math> element of the built pages, italic letters, and the
    radical sign, which <msqrt> and <mroot> draw but which is never in their text."""
    used = {ord(c) for r in ITALIC_RANGES for c in map(chr, r)} | {ord("\N{SQUARE ROOT}")}
    for page in outdir.rglob("*.html"):
        for element in MATH_ELEMENT.findall(page.read_text(encoding="utf8")):
            text = re.sub(r"<[^>]+>", "", element)
            text = re.sub(r"&#x([0-9a-fA-F]+);", lambda m: chr(int(m[1], 16)), text)
            text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
            used.update(map(ord, text))
    return used


def _copy_assets(app, exc) -> None:
    TEMML.close()
    if exc is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    target = outdir / "_static" / STATIC
    target.mkdir(parents=True, exist_ok=True)
    css = (TEMML_DIST / "Temml-Local.css").read_text(encoding="utf8")
    (target / "math.css").write_text(css + BOOK_CSS, encoding="utf8")
    shutil.copyfile(TEMML_DIST / "Temml.woff2", target / "Temml.woff2")  # primes, \mathscr
    subset_font(MATH_FONT, target / FONT, _codepoints(outdir))


def setup(app):
    app.add_html_math_renderer("mathml_build", (visit_math, None), (visit_displaymath, None))
    app.connect("html-page-context", _link_stylesheet)
    # Before page_assets bundles the style sheets (priority 900).
    app.connect("build-finished", _copy_assets, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
