"""Each page loads only what it uses, in few requests: the first visit of any page stays
under 1.0 MB and 25 requests (issue 17; measured by bench/pages.py, checked by the browser
tests).

After the build, every HTML page is rewritten:

* its style sheets become one file, ``_static/book-<hash>.css`` (shared by every page and
  cached): the theme's, Sphinx's, the extensions', the math's and ``book.css``, in the
  order the page listed them, ``@import`` inlined and ``url()``s re-pointed. A style
  sheet that no page uses (sphinx-design's, when no page has a ``sd-`` component) is left
  out, and so are the Font Awesome icon rules (``.fa-x:before{content:…}``) for icons no
  page or script names; then every selector that no built page can match, tested on the
  pages' structure (``drop_unmatched``: soupsieve; states such as dark mode, hover, open
  menus and what scripts add are kept), and PurgeCSS (``_ext/purge_css.js``) drops the
  custom properties and words no page or script uses (418 kB -> about 135 kB of rules);
* the small fonts the pages draw with (Font Awesome's, the math fonts) are written into
  that sheet as ``data:`` URIs (``_inline_fonts``): ``load`` no longer waits for font
  requests that only the first layout starts (the sheet is about 188 kB with them);
* a script the page does not need is not loaded: Sphinx's search index and tools outside
  the search page (the theme loads them everywhere only for "search as you type", which
  is off), the slider, copy-button, toggle and tab scripts on pages without sliders, code
  blocks, toggles or tabs;
* the Font Awesome webfonts are cut to the glyphs the pages, the scripts and the theme's
  CSS icons use (fontTools, as WOFF2: 1-3 kB instead of 275 kB), and the icons are drawn
  by Font Awesome's CSS with them, without its 83 kB script;
* the scripts in the page's head run after the page is parsed (``defer``, in their
  order): none of them is needed to draw the page, so the first paint no longer waits
  for them. Inline scripts that only declare a setting stay inline (the deferred scripts
  read them when they run), other inline scripts become deferred ``data:`` scripts in
  place, and the theme's first inline script (the reader's colour mode, before any
  paint) stays as it is;
* the frames of a static slider (PNG data URIs in its JSON) are re-encoded as lossless
  WebP where that is smaller: the same pixels (sharp), about 11 % fewer bytes;
* the theme's scripts, which only add controls to a page that is already drawn (tooltips,
  the header's menus and buttons, copy buttons, search-word highlighting), are loaded
  after the ``load`` event, in their order, instead of before it: measured in headless
  Chromium they were 80-180 ms of the time before ``load`` (bootstrap.js and
  pydata-sphinx-theme.js each restyle the whole page). The scripts that decide what the
  page shows stay before it: the solutions' toggles, the answer boxes, the sliders, and
  any script not named in ``AFTER_LOAD``. The last one marks ``book-scripts-run`` in the
  page's performance timeline, so bench/pages.py reports when the page is fully working;
* every PNG figure image is served as a lossless WebP (the same pixels, less than half the
  bytes), and gets ``decoding="async"`` and its pixel size (no reflow when it
  arrives); not ``loading="lazy"``, which leaves figures out of a printed page;
* right after the style sheet, a one-line script asks for the fonts written into it that
  the page draws with (``document.fonts.load``: Font Awesome's, and the math fonts on pages
  with math, ``FONT_USED_BY``): a ``data:`` font is otherwise requested only by the first
  layout, which then has to be done again when it has arrived (measured in headless
  Chromium: two layouts before ``load``, one with the script; claims 237 -> 171 ms,
  03_regularization/index 139 -> 113 ms, medians of 9 cold loads interleaved in one run).
  The script waits for the sheet (as any script after a style sheet does), which the first
  layout waits for anyway. No font is asked for that the page would not load by itself,
  and the Korean web font is never asked for: it is a URL, used only by readers whose
  system has none of the Korean fonts before it in the font stack;
* pages with figures carry, inline, ``_ext/figure_zoom.js``: a figure shrunk to fit a
  narrow screen (a phone) opens at its natural size with one tap, where its smallest text
  is at least 10 px (tests/browser/test_phone.py).
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from book_web import FONTAWESOME, ICON, _icon_names
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[1]
PURGE = Path(__file__).with_name("purge_css.js")

STYLESHEET = re.compile(r'<link\b[^>]*\brel="stylesheet"[^>]*>\s*')
HREF = re.compile(r'\bhref="([^"?#]+)[^"]*"')
SCRIPT = re.compile(r'<script\b[^>]*\bsrc="(?P<src>[^"?#]+)[^"]*"[^>]*>\s*</script>\s*')
CSS_URL = re.compile(r'url\((["\']?)(?!data:|https?:|/|#)([^)"\'?#]+)([^)"\']*)\1\)')
CSS_IMPORT = re.compile(r'@import\s+(?:url\()?["\']([^"\']+)["\']\)?\s*;')
FA_ICON_RULE = re.compile(r'(?:\.fa-[a-z0-9-]+:before,?)+\{content:"[^"]*"\}')
FA_FONT_DIR = Path("_static") / "vendor" / "fontawesome" / "webfonts"
# A font file the bundle names (url() relative to _static/), to be written into it.
FONT_URL = re.compile(r'url\(["\']?([^)"\']+\.(?:woff2?|ttf))["\']?\)')
# Fonts at most this big are written into the style sheet as data: URIs (see _inline_fonts).
INLINE_FONT_MAX = 32_000
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
NEVER = re.compile(r"^(?!)")
NEEDED_BY = {
    # Icons are drawn by Font Awesome's CSS with the subset webfonts (below); its script
    # (83 kB), which swaps each <i> for an SVG, is not needed for that.
    "fontawesome.js": NEVER,
    "searchtools.js": NEVER,  # the search page loads its own copy
    "language_data.js": NEVER,
    "searchindex.js": NEVER,
    "slider-figure.js": re.compile(r'class="slider-figure"'),
    "answer-box.js": re.compile(r'class="exercise admonition" id="ex-'),
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
    """The site's own pages: not the `_` folders, nor another edition's pages (a folder with
    its own `_static`, as `make book-ko` puts the Korean edition at `ko/`)."""
    editions = {static.parent for static in outdir.glob("*/_static")}
    return [
        p
        for p in outdir.rglob("*.html")
        if not p.relative_to(outdir).parts[0].startswith("_")
        and not editions.intersection(p.parents)
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
    table's size variants), written as WOFF2 (fontTools compresses it with brotli)."""
    import logging as std_logging  # the module name `logging` is Sphinx's here

    from fontTools import subset
    from fontTools.ttLib import TTFont

    # the source's own date, not the build's: the same pages give the same files
    font = TTFont(source, recalcTimestamp=False)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    # a11y_pygments (a theme dependency) sets the root logger to INFO when imported, so
    # fontTools' INFO lines would fill the build log.
    std_logging.getLogger("fontTools").setLevel(std_logging.WARNING)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints & set(font.getBestCmap()))
    subsetter.subset(font)
    font.flavor = options.flavor  # the subsetter does not set it: without this, a TTF
    font.save(target)


def _subset_fonts(outdir: Path, codepoints: set[int]) -> dict[str, str]:
    """Font Awesome's webfonts cut to `codepoints`; {font stem: new file name}."""
    written = {}
    for ttf in sorted((outdir / FA_FONT_DIR).glob("fa-*.ttf")):
        name = f"{ttf.stem}.subset.woff2"
        ttf.with_name(f"{ttf.stem}.subset.woff").unlink(missing_ok=True)  # an older build's
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
        return f'src:url({url}) format("woff2")'

    css = FA_FONT_FACE_SRC.sub(subset_face, css)
    css = _inline_fonts(css, bundle_dir, everything)
    for old in bundle_dir.glob("book-*.css"):
        old.unlink()
    css = drop_unmatched(css, pages.values(), _script_classes(outdir))
    draft = bundle_dir / "book-unpurged.css"
    draft.write_text(css, encoding="utf8")
    _purge(draft, outdir)
    purged = draft.read_bytes()
    name = f"{BUNDLE_PREFIX}{hashlib.sha256(purged).hexdigest()[:12]}.css"
    draft.rename(outdir / name)
    LOGGER.info(
        f"[page_assets] {len(order)} style sheets -> {name} "
        f"({len(css.encode('utf8'))} bytes, {len(purged)} after dropping unused rules)"
    )
    return name


# Class names that scripts build from pieces (purge_css.js keeps them too).
SCRIPT_MADE = re.compile(r"^(?:bs-|.*tooltip|.*popover|.*dropdown|.*collaps|fade|show)")
# Parts of a selector that depend on the reader or on a script, not on the built HTML:
# attribute tests (the colour mode, aria-expanded, open…), pseudo-elements and
# pseudo-classes (:hover, :checked, :not(.show)…). Cut out before a selector is tested
# against the pages, so that a rule for a state the page can be in is kept.
SELECTOR_STATE = re.compile(
    r"\[[^\]]*\]|::?(?!is\(|where\(|has\(|root\b)[a-zA-Z-]+(?:\((?:[^()]|\([^()]*\))*\))?"
)
SELECTOR_TOKEN = re.compile(r"([.#])((?:[\w-]|\\.)+)|(?:^|(?<=[\s>+~(,]))([a-zA-Z][\w-]*)")


# Where a script names a class it adds or takes away: classList.add("show"), a minified
# constant (Cs="show"), className = "…", class="…" in a template, jQuery's addClass("…").
SCRIPT_CLASS = re.compile(
    r"""classList\.\w+\(([^)]*)\)|\b[\w$]{1,3}=(["'][\w -]+["'])|className\s*\+?=\s*([^;]+)"""
    r"""|class=\\?["']([^"'\\]+)|\w+Class\(([^)]*)\)"""
)


def _script_classes(outdir: Path) -> tuple[set[str], set[str]]:
    """(the words of the scripts a page can run, the class names they add or take away).

    Bootstrap's words are left out of the first set: its bundle names every component
    (modal, toast, carousel…), and builds only tooltips and popovers (kept by
    ``SCRIPT_MADE``); the classes it toggles are in the second set."""
    texts = {
        p: p.read_text(encoding="utf8", errors="ignore") for p in outdir.glob("_static/**/*.js")
    }
    texts[FIGURE_ZOOM] = FIGURE_ZOOM.read_text(encoding="utf8")
    toggled, words = set(), set()
    for path, text in texts.items():
        for match in SCRIPT_CLASS.finditer(text):
            for group in match.groups():
                if group:
                    toggled.update(re.findall(r"[a-zA-Z][\w-]*", group))
        if path.name != "bootstrap.js":
            words.update(re.findall(r"[\w-]+", text))
    return words, toggled


class _Pages:
    """The built pages, parsed once, with the class names, ids and tags each one has."""

    def __init__(self, texts) -> None:
        from bs4 import BeautifulSoup

        self.soups, self.tokens, self.elements, self.inline_words = [], [], [], set()
        for text in texts:
            soup = BeautifulSoup(text, "html.parser")
            elements: dict[str, list] = {}  # token -> the elements that have it
            for tag in soup.find_all(True):
                own = [tag.name, *("." + c for c in tag.get("class", []))]
                if tag.get("id"):
                    own.append("#" + tag["id"])
                for token in own:
                    elements.setdefault(token, []).append(tag)
            tokens = set(elements)
            for script in soup.find_all("script"):
                self.inline_words.update(re.findall(r"[\w-]+", script.get_text()))
                self.inline_words.update(re.findall(r"[\w-]+", unquote(script.get("src", ""))))
            self.soups.append(soup)
            self.tokens.append(tokens)
            self.elements.append(elements)
        self.everywhere = set().union(*self.tokens)

    def may_match(self, selector: str, scripts: tuple[set[str], set[str]]) -> bool:
        """False only if no page, in any state a reader or script can put it in, has an
        element that `selector` selects."""
        import soupsieve

        static = SELECTOR_STATE.sub("", selector)
        static = re.sub(r"\s*([>+~])\s*", r"\1", static).strip()
        static = re.sub(r"(^|[>+~(,])(?=$|[>+~),])", r"\1*", static)  # an emptied compound
        words, toggled = scripts
        for kind, name, tag in SELECTOR_TOKEN.findall(static):
            token = kind + name.replace("\\", "") if kind else tag.lower()
            name = token.lstrip(".#")
            script_named = name in words or name in self.inline_words
            if token in self.everywhere:
                if kind and (name in toggled or name in self.inline_words):
                    return True  # a class a script may add or take away
            elif script_named or (kind and SCRIPT_MADE.match(name)):
                return True  # an element or class that only a script makes (an <svg> icon)
        needed = set()  # what a page must have for a match: the part outside :is() etc.
        for kind, name, tag in SELECTOR_TOKEN.findall(
            re.sub(r":(?:is|where|has)\(.*", "", static)
        ):
            token = kind + name.replace("\\", "") if kind else tag.lower()
            if token not in self.everywhere and kind:
                return False  # no page has this class or id, and no script adds it
            needed.add(token)
        try:
            compiled = soupsieve.compile(static)
        except Exception:  # a selector soupsieve does not know: keep it
            return True
        compounds = _compounds(static)
        subject = compounds[-1][1]
        # The tokens of the compounds that must be ancestors of the subject (joined to it
        # by descendant or child combinators only).
        ancestors = []
        for k in range(len(compounds) - 1, 0, -1):
            if compounds[k][0] not in " >":
                break
            ancestors += compounds[k - 1][1]
        for soup, tokens, elements in zip(self.soups, self.tokens, self.elements, strict=True):
            if not needed <= tokens:
                continue
            if not subject:  # `*`, `[hidden]`, `:root`…: every element may be the one
                if compiled.select_one(soup) is not None:
                    return True
                continue
            # Only an element with every token of the selector's last compound can be the
            # one it selects: try those (the fewest), not the whole page; or, when fewer
            # elements have a token an ancestor must have, those elements' descendants.
            candidates = min((elements.get(token, []) for token in subject), key=len)
            anchors = min((elements.get(token, []) for token in ancestors), key=len, default=[])
            if ancestors and len(anchors) < len(candidates):
                inside = _descendants_with(anchors, subject, len(candidates))
                candidates = candidates if inside is None else inside
            if any(compiled.match(element) for element in candidates):
                return True
        return False


def _compounds(selector: str) -> list[tuple[str, list[str]]]:
    """`selector`'s compounds, each as (the combinator before it, its tags, classes and ids
    outside brackets and parentheses); `selector` has no spaces around `>`, `+` and `~`.

    >>> _compounds("nav .x>a.y:is(.z, b)")
    [('', ['nav']), (' ', ['.x']), ('>', ['.y', 'a'])]
    >>> _compounds("[hidden]")
    [('', [])]
    """
    parts, depth, start, combinator = [], 0, 0, ""
    for i, char in enumerate(selector + " "):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        if depth == 0 and (char in " >+~" or i == len(selector)):
            if i > start:
                parts.append((combinator, selector[start:i]))
            combinator, start = char, i + 1
    return [
        (combinator, _compound_tokens(compound)) for combinator, compound in parts or [("", "")]
    ]


def _compound_tokens(compound: str) -> list[str]:
    compound = re.sub(r"\[[^\]]*\]|\((?:[^()]|\([^()]*\))*\)", "", compound)
    return sorted(
        kind + name.replace("\\", "") if kind else tag.lower()
        for kind, name, tag in SELECTOR_TOKEN.findall(compound)
    )


def _descendants_with(anchors, tokens: list[str], limit: int) -> list | None:
    """The descendants of `anchors` that have every one of `tokens`, or None when there
    are more than `limit` descendants to look at."""
    found, seen = [], 0
    for anchor in anchors:
        for element in anchor.find_all(True):
            seen += 1
            if seen > limit:
                return None
            own = {element.name, "#" + element.get("id", "")}
            own.update("." + c for c in element.get("class", []))
            if own.issuperset(tokens):
                found.append(element)
    return found


def _split_selectors(prelude) -> list[str]:
    """The selectors of a rule's prelude (tinycss2 tokens), split at top-level commas."""
    import tinycss2

    parts, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append(current)
            current = []
        else:
            current.append(token)
    parts.append(current)
    return [tinycss2.serialize(part).strip() for part in parts]


def drop_unmatched(css: str, page_texts, scripts: tuple[set[str], set[str]]) -> str:
    """`css` without the selectors that no built page can match (and the rules and @media
    blocks left empty): a structural test of each selector against every page (soupsieve),
    where PurgeCSS only asks whether its words occur somewhere. Selectors for states (colour
    mode, hover, open menus) and for elements or classes that scripts add are kept.

    >>> page = ['<p class="x"><a>x</a><b>y</b></p>']
    >>> drop_unmatched("p a{color:red} ul a,p b{x:1}", page, (set(), set()))
    'p a{color:red}p b{x:1}'
    >>> drop_unmatched(".x > a:hover,.x > i{x:1}@media print{.y{x:2}}", page, (set(), set()))
    '.x > a:hover{x:1}'
    """
    import tinycss2

    pages = _Pages(page_texts)
    verdicts: dict[str, bool] = {}

    def keep(selector: str) -> bool:
        if selector not in verdicts:
            verdicts[selector] = pages.may_match(selector, scripts)
        return verdicts[selector]

    def rules(nodes) -> str:
        out = []
        for node in nodes:
            if node.type == "qualified-rule":
                kept = [s for s in _split_selectors(node.prelude) if keep(s)]
                if kept:
                    out.append(",".join(kept) + "{" + tinycss2.serialize(node.content) + "}")
            elif node.type == "at-rule" and node.lower_at_keyword in ("media", "supports"):
                inner = rules(tinycss2.parse_rule_list(node.content or []))
                if inner.strip():
                    prelude = tinycss2.serialize(node.prelude)
                    out.append(f"@{node.at_keyword}{prelude}{{{inner}}}")
            elif node.type == "comment" and not node.value.startswith("!"):
                continue  # licences (/*! … */) stay, other comments go
            elif node.type not in ("error", "whitespace"):
                out.append(node.serialize())
        return "".join(out)

    return rules(tinycss2.parse_stylesheet(css))


def _inline_fonts(css: str, bundle_dir: Path, everything: str) -> str:
    """The small fonts the pages draw with, written into the style sheet as data: URIs.

    A font named only by URL is requested when the first layout finds text that needs it;
    the ``load`` event then waits for that request and a second layout (measured on
    chapters/01_norms/index: fonts requested at 72-77 ms, ``load`` at 157 ms, the page's
    own work done by 123 ms). Written into the sheet, the font is there at the first
    layout. Only the fonts some page uses: Font Awesome's regular style, which no page
    names, stays a URL (never requested)."""
    unused = set()
    if not re.search(r'class="(?:[^"]*\s)?(?:far|fa-regular)[\s"]', everything):
        unused.add("fa-regular-400")

    def inline(match: re.Match) -> str:
        path = bundle_dir / unquote(match[1])
        if Path(match[1]).name.split(".")[0] in unused or not path.is_file():
            return match[0]
        data = path.read_bytes()
        if len(data) > INLINE_FONT_MAX:
            return match[0]
        kind = "woff2" if data[:4] == b"wOF2" else "woff" if data[:4] == b"wOFF" else "ttf"
        return f"url(data:font/{kind};base64,{base64.b64encode(data).decode('ascii')})"

    return FONT_URL.sub(inline, css)


def _purge(sheet: Path, outdir: Path) -> None:
    """Drop the rules no page or script of the build can match (PurgeCSS, from npm)."""
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "purgecss").is_dir():
        raise RuntimeError("PurgeCSS is not installed: run `make setup` (it runs `npm ci`)")
    subprocess.run([node, str(PURGE), str(sheet), str(outdir)], check=True, cwd=ROOT)


SLIDER_DATA = re.compile(
    r'(<script type="application/json" class="slider-figure-data">)(.*?)(</script>)', re.S
)
PNG_URI = "data:image/png;base64,"


def _lossless_webp(uri: str) -> str:
    """A PNG data URI as a lossless WebP data URI, if that is smaller (same pixels)."""
    if not uri.startswith(PNG_URI):
        return uri
    from PIL import Image

    image = Image.open(io.BytesIO(base64.b64decode(uri[len(PNG_URI) :])))
    webp = io.BytesIO()
    image.save(webp, "WEBP", lossless=True, quality=100, method=2)
    encoded = "data:image/webp;base64," + base64.b64encode(webp.getvalue()).decode("ascii")
    return encoded if len(encoded) < len(uri) else uri


def _lighter_frames(text: str) -> str:
    """Slider frames as lossless WebP: in the slider's data and in its first <img>."""
    if PNG_URI not in text:
        return text
    reencoded: dict[str, str] = {}

    def reencode(match: re.Match) -> str:
        data = json.loads(match[2])
        for frame in data["frames"]:
            reencoded.setdefault(frame, _lossless_webp(frame))
        data["frames"] = [reencoded[frame] for frame in data["frames"]]
        return match[1] + json.dumps(data, separators=(",", ":")).replace("</", "<\\/") + match[3]

    text = SLIDER_DATA.sub(reencode, text)
    for png, webp in reencoded.items():  # the frame each figure shows before any input
        text = text.replace(f'src="{png}"', f'src="{webp}"')
    return text


HEAD_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<code>.*?)</script>", re.S)
# An inline script that only declares a value (`let toggleHintShow = 'Click to show';`).
SETTING = re.compile(r"(?:let|var|const)\s+\w+\s*=\s*(?:'[^']*'|\"[^\"]*\"|\w+)\s*;?")


def _deferred(match: re.Match) -> str:
    """A head script that runs after parsing, in document order with the others."""
    attrs, code = match["attrs"], match["code"]
    if "data-cfasync" in attrs or re.search(r"\b(defer|async)\b|type=", attrs):
        return match[0]  # the colour mode (must run before paint), or already deferred
    if "src=" in attrs:
        return f"<script defer{attrs}></script>"
    if SETTING.fullmatch(code.strip()):
        return match[0]  # a setting the deferred scripts read when they run: define it first
    return f'<script defer src="data:text/javascript,{quote(code.strip())}"></script>'


def _defer_head_scripts(text: str) -> str:
    end = text.find("</head>")
    return HEAD_SCRIPT.sub(_deferred, text[:end]) + text[end:] if end > 0 else text


# Scripts that only add behaviour to a drawn page (see the module docstring), by file name.
AFTER_LOAD = {
    "documentation_options.js",
    "doctools.js",
    "translations.js",  # non-English builds: calls Documentation.addTranslations (doctools)
    "sphinx_highlight.js",
    "clipboard.min.js",
    "copybutton.js",
    "sphinx-book-theme.js",
    "bootstrap.js",
    "pydata-sphinx-theme.js",
}
DEFERRED = re.compile(r'<script defer src="(?P<src>[^"]+)"></script>\s*')
SCRIPT_PRELOAD = re.compile(r'<link rel="preload" as="script" href="(?P<src>[^"]+)" />\s*')
# Runs the scripts one after the other (async = false keeps their order), after `load` and
# after the next frame is painted (run at `load`, they held back the first paint).
LOADER = (
    '<script>/* book-scripts */addEventListener("load",()=>requestAnimationFrame(()=>'
    "setTimeout(()=>{{const s={srcs};s.forEach((src,i)=>{{"
    'const e=document.createElement("script");e.src=src;e.async=false;'
    'if(i===s.length-1)e.onload=()=>performance.mark("book-scripts-run");'
    "document.body.append(e)}})}})))</script>\n"
)
OLD_LOADER = re.compile(
    r"<script>/\* book-scripts \*/.*?const s=(?P<srcs>\[.*?\]);.*?</script>\n", re.S
)


def _script_name(src: str) -> str:
    return Path(urlsplit(src).path).name


def _after_load(text: str) -> str:
    """The theme's scripts (AFTER_LOAD) and the settings they read, run after `load`."""
    late: list[str] = []
    old = OLD_LOADER.search(text)  # an incremental build: the page was rewritten before
    if old:
        late = json.loads(old["srcs"].replace("<\\/", "</"))
        text = text[: old.start()] + text[old.end() :]

    def take(match: re.Match) -> str:
        src = html.unescape(match["src"])
        settings = src.startswith("data:") and "DOCUMENTATION_OPTIONS" in unquote(src)
        if settings or _script_name(src) in AFTER_LOAD:
            late.append(src)
            return ""
        return match[0]

    text = DEFERRED.sub(take, text)
    if not late:
        return text
    text = SCRIPT_PRELOAD.sub(
        lambda m: "" if _script_name(html.unescape(m["src"])) in AFTER_LOAD else m[0], text
    )
    srcs = json.dumps(late, separators=(",", ":")).replace("</", "<\\/")
    end = text.rfind("</body>")
    return text[:end] + LOADER.format(srcs=srcs) + text[end:]


# Fonts are not preloaded: Chromium holds the first paint for preloaded fonts (measured on
# the outliers page, FCP 338 -> 514 ms, median of 10 cold loads each, same run), and a
# reader sees the page at its first paint. An earlier build wrote such links: drop them.
FONT_PRELOAD = re.compile(r'<link rel="preload" href="[^"]*" as="font"[^>]*>\n')


IMG = re.compile(r"<img\b(?P<attrs>[^>]*?)\s*/?>")
ARTICLE_START = '<article class="bd-article"'


def _image_size(page: Path, src: str) -> tuple[int, int] | None:
    from PIL import Image

    path = page.parent / unquote(urlsplit(src).path)
    try:
        with Image.open(path) as image:
            return image.size
    except OSError:
        return None


def _sized_figures(page: Path, text: str) -> str:
    """Figure images of the article decoded off the main thread, with their pixel size (the
    width and height attributes keep their space while they load).

    Not ``loading="lazy"``: printed without scrolling first, a page leaves out the lazy
    figures below the fold (H1 measured 5 of 8 on the outliers page), and on the loopback
    it made no difference to ``load``."""
    start = text.find(ARTICLE_START)
    if start < 0:
        return text

    def one(match: re.Match) -> str:
        attrs = match["attrs"]
        src = re.search(r'\bsrc="([^"]+)"', attrs)
        if not src or src[1].startswith("data:"):
            return match[0]
        if "decoding=" in attrs:  # done by an earlier build (which made some lazy)
            return match[0].replace(' loading="lazy"', "")
        extra = ' decoding="async"'
        size = None if "width=" in attrs else _image_size(page, html.unescape(src[1]))
        if size:
            extra += f' width="{size[0]}" height="{size[1]}"'
        return f"<img{attrs}{extra} />"

    return text[:start] + IMG.sub(one, text[start:])


def _lossless_webp_file(png: Path) -> Path | None:
    """`png` as a lossless WebP beside it (the same pixels), if that is smaller; made once."""
    from PIL import Image

    webp = png.with_suffix(".webp")
    if not webp.exists() or webp.stat().st_mtime < png.stat().st_mtime:
        with Image.open(png) as image:
            image.save(webp, "WEBP", lossless=True, quality=100, method=4)
    return webp if webp.stat().st_size < png.stat().st_size else None


def _webp_figures(page: Path, text: str) -> str:
    """The article's PNG figures served as lossless WebP: the same pixels, in less than
    half the bytes (Korean geometry page: 197 kB -> 72 kB; checked pixel for pixel). The
    PNG stays beside it (links to the full-size image still name it)."""
    start = text.find(ARTICLE_START)
    if start < 0:
        return text

    def one(match: re.Match) -> str:
        src = re.search(r'\bsrc="([^"]+\.png)"', match["attrs"])
        if not src or src[1].startswith("data:"):
            return match[0]
        png = page.parent / unquote(urlsplit(html.unescape(src[1])).path)
        webp = _lossless_webp_file(png) if png.is_file() else None
        if webp is None:
            return match[0]
        return match[0].replace(src[0], f'src="{src[1][: -len(".png")]}.webp"')

    return text[:start] + IMG.sub(one, text[start:])


FONT_FACE = re.compile(r"@font-face\s*\{(?P<body>[^}]*)\}")
# What a page must have to draw with a font family (the elements the bundle's rules give that
# family): Font Awesome's solid and brand icons, MathML, Temml's primes.
FONT_USED_BY = {
    "Font Awesome 6 Free": re.compile(r'class="(?:[^"]*\s)?(?:fa-solid|fas)[\s"]'),
    "Font Awesome 6 Brands": re.compile(r'class="(?:[^"]*\s)?(?:fa-brands|fab)[\s"]'),
    "Book Math": re.compile(r"<math\b"),
    "Temml": re.compile(r'class="(?:[^"]*\s)?tml-prime[\s"]'),
}
FONT_LOADER = re.compile(r"<script>/\* book-fonts \*/.*?</script>\n")


def inlined_faces(css: str) -> dict[str, str]:
    """{family: its CSS ``font`` shorthand} of the @font-face rules whose font is written into
    `css` as a data: URI.

    >>> inlined_faces('@font-face{font-family:Font Awesome\\ 6 Free;font-weight:900;'
    ...               'src:url(data:font/woff2;base64,AA) format("woff2")}'
    ...               '@font-face{font-family:"X";src:url(x.woff2)}')
    {'Font Awesome 6 Free': '900 1em "Font Awesome 6 Free"'}
    """
    faces = {}
    for match in FONT_FACE.finditer(css):
        body = match["body"]
        family = re.search(r'font-family:\s*("?)(?P<name>[^;"]+)\1\s*(?:;|$)', body)
        if family is None or "url(data:" not in body:
            continue
        name = family["name"].replace("\\", "").strip()
        weight = re.search(r"font-weight:\s*(\w+)", body)
        faces[name] = f'{weight[1] if weight else "normal"} 1em "{name}"'
    return faces


def _early_fonts(text: str, bundle_link: str, faces: dict[str, str]) -> str:
    """After the style sheet, a script that starts loading the written-in fonts this page
    draws with, so that they are there for the first layout (see the module docstring)."""
    text = FONT_LOADER.sub("", text)  # from an earlier build (an incremental one)
    fonts = [
        font
        for family, font in faces.items()
        if family in FONT_USED_BY and FONT_USED_BY[family].search(text)
    ]
    at = text.find(bundle_link)
    if not fonts or at < 0:
        return text
    calls = "".join(f"document.fonts.load({json.dumps(font)});" for font in fonts)
    at += len(bundle_link)
    return f"{text[:at]}<script>/* book-fonts */{calls}</script>\n{text[at:]}"


FIGURE_ZOOM = Path(__file__).with_name("figure_zoom.js")
ZOOM_SCRIPT = re.compile(r"<script>/\* figure-zoom \*/.*?</script>\n", re.S)
ARTICLE_FIGURE_IMAGE = re.compile(r"<figure\b[^>]*>\s*<img\b")


def _figure_zoom(text: str) -> str:
    """Pages with figures get the script that opens a shrunk figure at full size (inline:
    about 2 kB, no request)."""
    text = ZOOM_SCRIPT.sub("", text)  # from an earlier build (an incremental one)
    start = text.find(ARTICLE_START)
    if start < 0 or not ARTICLE_FIGURE_IMAGE.search(text, start):
        return text
    code = FIGURE_ZOOM.read_text(encoding="utf8")
    code = "\n".join(line for line in code.splitlines() if not line.lstrip().startswith("//"))
    end = text.rfind("</body>")
    return f"{text[:end]}<script>/* figure-zoom */\n{code}</script>\n{text[end:]}"


INLINE_SCRIPT = re.compile(r"[ \t]*<script>(?P<code>[^<]*)</script>\n?")


def _settings_first(text: str, bundle_link: str) -> str:
    """The head's inline settings (`let toggleHintShow = …;`) before the style sheet.

    An inline script after a style sheet waits until the sheet has arrived, and the parser
    with it; settings need no style, so the body is parsed while the sheet loads."""
    at, end = text.find(bundle_link), text.find("</head>")
    if at < 0 or end < at:
        return text
    settings: list[str] = []

    def move(match: re.Match) -> str:
        if SETTING.fullmatch(match["code"].strip()):
            settings.append(match[0].strip() + "\n")
            return ""
        return match[0]

    head = INLINE_SCRIPT.sub(move, text[at:end])
    return text[:at] + "".join(settings) + head + text[end:]


def _rewrite(page: Path, text: str, bundle: str, outdir: Path, faces: dict[str, str]) -> str:
    is_search = page == outdir / "search.html"
    first = True
    text = FONT_LOADER.sub("", text)  # not to be deferred below (an incremental build)

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
    text = _defer_head_scripts(SCRIPT.sub(needed_script, text))
    if not is_search:  # the search page needs its scripts to show anything
        text = _after_load(text)
    relative = Path(os.path.relpath(outdir / bundle, page.parent)).as_posix()
    bundle_link = f'<link rel="stylesheet" href="{relative}" />\n'
    text = FONT_PRELOAD.sub("", _settings_first(text, bundle_link))
    text = _early_fonts(text, bundle_link, faces)
    return _lighter_frames(_figure_zoom(_webp_figures(page, _sized_figures(page, text))))


def _lighten(app, exc) -> None:
    if exc is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    pages = {page: page.read_text(encoding="utf8") for page in _pages(outdir)}
    bundle = _bundle_css(outdir, pages, _icon_names(outdir))
    faces = inlined_faces((outdir / bundle).read_text(encoding="utf8"))
    for page, text in pages.items():
        new = _rewrite(page, text, bundle, outdir, faces)
        if new != text:
            page.write_text(new, encoding="utf8")


def setup(app):
    # After book_web has trimmed Font Awesome's script (its icon list names the glyphs).
    app.connect("build-finished", _lighten, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
