"""Each page loads only what it uses, in few requests: the first visit of any page stays
under 1.0 MB and 25 requests (issue 17; measured by bench/pages.py, checked by the browser
tests).

After the build, every HTML page is rewritten:

* its style sheets become one file, ``_static/book-<hash>.css`` (shared by every page and
  cached): the theme's, Sphinx's, the extensions', KaTeX's and ``book.css``, in the order
  the page listed them, ``@import`` inlined and ``url()``s re-pointed. A style sheet that
  no page uses (sphinx-design's, when no page has a ``sd-`` component) is left out, and
  so are the Font Awesome icon rules (``.fa-x:before{content:…}``) for icons no page or
  script names;
* a script the page does not need is not loaded: Sphinx's search index and tools outside
  the search page (the theme loads them everywhere only for "search as you type", which
  is off), the slider, copy-button, toggle and tab scripts on pages without sliders, code
  blocks, toggles or tabs;
* the Font Awesome webfonts are cut to the glyphs the pages, the scripts and the theme's
  CSS icons use (fontTools, as WOFF: 2-6 kB instead of 275 kB).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from book_web import FONTAWESOME, ICON, _icon_names
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)

STYLESHEET = re.compile(r'<link\b[^>]*\brel="stylesheet"[^>]*>\s*')
HREF = re.compile(r'\bhref="([^"?#]+)[^"]*"')
SCRIPT = re.compile(r'<script\b[^>]*\bsrc="(?P<src>[^"?#]+)[^"]*"[^>]*>\s*</script>\s*')
CSS_URL = re.compile(r'url\((["\']?)(?!data:|https?:|/|#)([^)"\'?#]+)([^)"\']*)\1\)')
CSS_IMPORT = re.compile(r'@import\s+(?:url\()?["\']([^"\']+)["\']\)?\s*;')
FA_ICON_RULE = re.compile(r'(?:\.fa-[a-z0-9-]+:before,?)+\{content:"[^"]*"\}')
FA_FONT_DIR = Path("_static") / "vendor" / "fontawesome" / "webfonts"
FA_FONT_FACE_SRC = re.compile(
    r'src:url\("?([^)"]*?webfonts/(fa-[a-z]+-\d+))\.woff2"?\) format\("woff2"\),'
    r'url\("?[^)"]*?\.ttf"?\) format\("truetype"\)'
)
BUNDLE_PREFIX = "_static/book-"
# The style sheets the bundle is made of, in order, kept between builds: an incremental
# build rewrites only some pages, and the others already link the bundle.
MANIFEST = Path("_static") / "book-css.txt"

# Which pages need which script: a script whose name is here is kept only on pages whose
# HTML matches the pattern. Every other script stays where the theme put it.
NEEDED_BY = {
    "searchtools.js": re.compile(r"^(?!)"),  # the search page loads its own copy
    "language_data.js": re.compile(r"^(?!)"),
    "searchindex.js": re.compile(r"^(?!)"),
    "slider-figure.js": re.compile(r'class="slider-figure"'),
    "clipboard.min.js": re.compile(r'<div class="highlight'),
    "copybutton.js": re.compile(r'<div class="highlight'),
    # sphinx-togglebutton's selector: ".toggle, .admonition.dropdown".
    "togglebutton.js": re.compile(
        r'class="(?:[^"]*\s)?toggle[\s"]'
        r'|class="(?=(?:[^"]*\s)?admonition[\s"])(?=(?:[^"]*\s)?dropdown[\s"])'
    ),
    "design-tabs.js": re.compile(r'class="[^"]*\bsd-tab-set\b'),
}
# A style sheet left out of the bundle when no page matches (sphinx-design's components).
USED_IF = {"sphinx-design.min.css": re.compile(r'class="(?:[^"]*\s)?sd-')}


def _pages(outdir: Path) -> list[Path]:
    return [
        p for p in outdir.rglob("*.html") if not p.relative_to(outdir).parts[0].startswith("_")
    ]


def _target(page: Path, href: str, outdir: Path) -> str:
    """`href` as written in `page`, as a path relative to the output folder."""
    return Path(os.path.relpath(os.path.normpath(page.parent / href), outdir)).as_posix()


def _inline_css(path: Path, outdir: Path, bundle_dir: Path) -> str:
    """A style sheet with its @imports inlined and its url()s relative to `bundle_dir`."""
    css = path.read_text(encoding="utf8")

    def repoint(match: re.Match) -> str:
        target = os.path.normpath(path.parent / match[2])
        return f'url("{Path(os.path.relpath(target, bundle_dir)).as_posix()}{match[3]}")'

    css = CSS_URL.sub(repoint, css)
    return CSS_IMPORT.sub(lambda m: _inline_css(path.parent / m[1], outdir, bundle_dir), css)


def _fontawesome_codepoints(outdir: Path, used_names: set[str]) -> set[int]:
    """Code points of the icons the pages and scripts name, and of the theme's CSS icons."""
    codepoints: set[int] = set()
    bundle = outdir / FONTAWESOME
    if bundle.exists():
        for match in ICON.finditer(bundle.read_text(encoding="utf8")):
            codepoints.add(int(re.search(r'"([0-9a-f]+)",', match[0])[1], 16))
    css = (outdir / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf8")
    for name, code in re.findall(r'\.fa-([a-z0-9-]+):before[^{]*\{content:"\\([0-9a-f]+)"', css):
        if name in used_names:
            codepoints.add(int(code, 16))
    # The theme's icons drawn by CSS alone (admonitions, external links, breadcrumbs…).
    codepoints.update(ord(c) for c in re.findall(r'--pst-[a-z-]+:"(.)"', css))
    return codepoints


def subset_font(source: Path, target: Path, codepoints: set[int]) -> None:
    """`source` cut to the glyphs of `codepoints` (and what they need: ligatures, the MATH
    table's size variants), written as WOFF (woff2 would need brotli, not installed)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(source)
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints & set(font.getBestCmap()))
    subsetter.subset(font)
    font.save(target)


def _subset_fonts(outdir: Path, codepoints: set[int]) -> dict[str, str]:
    """Font Awesome's webfonts cut to `codepoints`; {font stem: new file name}."""
    written = {}
    for ttf in sorted((outdir / FA_FONT_DIR).glob("fa-*.ttf")):
        name = f"{ttf.stem}.subset.woff"
        subset_font(ttf, ttf.with_name(name), codepoints)
        written[ttf.stem] = name
    return written


def _bundle_css(outdir: Path, pages: dict[Path, str], used_icons: set[str]) -> str:
    """Write the one style sheet and return its path relative to the output folder."""
    manifest = outdir / MANIFEST
    order = manifest.read_text(encoding="utf8").split() if manifest.exists() else []
    for page, text in pages.items():
        for tag in STYLESHEET.findall(text):
            href = HREF.search(tag)
            target = _target(page, href[1], outdir) if href else None
            if target and target.startswith("_static/") and target not in order:
                if not target.startswith(BUNDLE_PREFIX):
                    order.append(target)
    manifest.write_text("\n".join(order) + "\n", encoding="utf8")
    everything = "\n".join(pages.values())
    order = [
        css
        for css in order
        if Path(css).name not in USED_IF or USED_IF[Path(css).name].search(everything)
    ]
    bundle_dir = outdir / "_static"
    parts = [f"/* {css} */\n" + _inline_css(outdir / css, outdir, bundle_dir) for css in order]
    css = "\n".join(parts)

    def keep_used(rule: re.Match) -> str:
        names = re.findall(r"\.fa-([a-z0-9-]+):before", rule[0])
        return rule[0] if used_icons.intersection(names) else ""

    css = FA_ICON_RULE.sub(keep_used, css)
    subsets = _subset_fonts(outdir, _fontawesome_codepoints(outdir, used_icons))

    def subset_face(match: re.Match) -> str:
        stem = match[2]
        if stem not in subsets:
            return match[0]
        url = match[1].rsplit("/", 1)[0] + "/" + subsets[stem]
        return f'src:url({url}) format("woff")'

    css = FA_FONT_FACE_SRC.sub(subset_face, css)
    digest = hashlib.sha256(css.encode("utf8")).hexdigest()[:12]
    name = f"{BUNDLE_PREFIX}{digest}.css"
    for old in bundle_dir.glob("book-*.css"):
        old.unlink()
    (outdir / name).write_text(css, encoding="utf8")
    LOGGER.info(f"[page_assets] {len(order)} style sheets -> {name} ({len(css)} bytes)")
    return name


def _rewrite(page: Path, text: str, bundle: str, outdir: Path) -> str:
    is_search = page == outdir / "search.html"
    first = True

    def one_stylesheet(match: re.Match) -> str:
        nonlocal first
        href = HREF.search(match[0])
        if not href or not _target(page, href[1], outdir).startswith("_static/"):
            return match[0]
        if not first:
            return ""
        first = False
        relative = os.path.relpath(outdir / bundle, page.parent)
        return f'<link rel="stylesheet" href="{Path(relative).as_posix()}" />\n'

    def needed_script(match: re.Match) -> str:
        name = Path(match["src"]).name
        if name not in NEEDED_BY or (is_search and name.startswith(("search", "language"))):
            return match[0]
        return match[0] if NEEDED_BY[name].search(text) else ""

    text = STYLESHEET.sub(one_stylesheet, text)
    return SCRIPT.sub(needed_script, text)


def _lighten(app, exc) -> None:
    if exc is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    pages = {page: page.read_text(encoding="utf8") for page in _pages(outdir)}
    bundle = _bundle_css(outdir, pages, _icon_names(outdir))
    for page, text in pages.items():
        new = _rewrite(page, text, bundle, outdir)
        if new != text:
            page.write_text(new, encoding="utf8")


def setup(app):
    # After book_web has trimmed Font Awesome's script (its icon list names the glyphs).
    app.connect("build-finished", _lighten, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
