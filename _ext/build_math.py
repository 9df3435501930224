"""Math rendered when the book is built: every page carries its equations as HTML + MathML.

The reader's browser runs no math JavaScript. Each equation is typeset by KaTeX (the npm
package pinned in package-lock.json, installed by ``npm ci``) in one Node process per build
(``_ext/render_math.js``), and written into the page as

* HTML drawn with KaTeX's fonts (``aria-hidden``): readable at first paint and selectable;
* MathML beside it, which screen readers read.

Why KaTeX: measured on the book's own equations (780 in 21 pages), KaTeX and Temml
(MathML only) each rejected only ``\\alpha_\\max`` (handled below); Temml's MathML drawn by
Chromium with the system's math font lost display-size sums, stretchy delimiters and root
signs, while KaTeX looked like LaTeX in every browser, because it brings its own fonts.

Display equations keep Sphinx's numbers and permalinks (``<span class="eqno">``), so
``{eq}`` references resolve as before. KaTeX's stylesheet and the woff2 fonts it names are
copied into ``_static/katex/`` and linked only from pages that have math; a browser fetches
only the fonts a page draws with. A TeX error is a Sphinx warning at the equation's source
line (``-W`` fails the build), never a silent red formula.
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
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

LOGGER = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[1]
RENDERER = Path(__file__).with_name("render_math.js")
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"
STATIC = "katex"  # folder under _static/
CSS = f"{STATIC}/katex.min.css"
# `\alpha_\max` is valid TeX (an operator name as a one-token subscript) that KaTeX
# rejects; braces make it the same formula in every renderer.
BARE_SCRIPT = re.compile(r"([_^])\\(arg|det|dim|exp|inf|lim|ln|log|max|min|sup)\b")
# KaTeX repeats the TeX source inside the MathML; readers and search summaries need it
# neither, and it is about a fifth of the bytes.
TEX_ANNOTATION = re.compile(r'<annotation encoding="application/x-tex">.*?</annotation>', re.S)


class _Katex:
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
        if node is None or not (ROOT / "node_modules" / "katex").is_dir():
            raise RuntimeError("KaTeX is not installed: run `make setup` (it runs `npm ci`)")
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


KATEX = _Katex()


def render(tex: str, display: bool, node: nodes.Node | None = None) -> str:
    """HTML + MathML for `tex`; a TeX error is logged as a warning at `node`."""
    answer = KATEX.render(tex, display)
    for warning in answer.get("warnings", []):
        LOGGER.warning(f"KaTeX: {warning} in {tex!r}", location=node, type="math")
    if "error" in answer:
        LOGGER.warning(
            f"KaTeX could not render {tex!r}: {answer['error']}", location=node, type="math"
        )
        return f'<code class="math-error">{_escape(tex)}</code>'
    return TEX_ANNOTATION.sub("", answer["html"])


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
    self.body.append(render(tex, True, node))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def _link_stylesheet(app, pagename, templatename, context, doctree) -> None:
    """KaTeX's stylesheet on the pages that have math (its fonts follow from it)."""
    if app.env.get_domain("math").has_equations(pagename):
        app.builder.add_css_file(CSS)


def _copy_assets(app, exc) -> None:
    KATEX.close()
    if exc is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / STATIC
    (target / "fonts").mkdir(parents=True, exist_ok=True)
    css = (KATEX_DIST / "katex.min.css").read_text(encoding="utf8")
    # Every browser that renders this book reads woff2: drop the woff and ttf fallbacks.
    css = re.sub(r',url\([^)]*\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)', "", css)
    (target / "katex.min.css").write_text(css, encoding="utf8")
    for font in re.findall(r"url\(fonts/([^)]+\.woff2)\)", css):
        shutil.copyfile(KATEX_DIST / "fonts" / font, target / "fonts" / font)


def setup(app):
    app.add_html_math_renderer("katex_build", (visit_math, None), (visit_displaymath, None))
    app.connect("html-page-context", _link_stylesheet)
    app.connect("build-finished", _copy_assets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
