"""The two editions of the book, English at the site's root and Korean under ``/ko/``.

* Every page links to the same page in the other edition (a plain link at the top of the
  article, and ``<link rel="alternate" hreflang>`` in the head; no script). The other
  edition is set by ``language_switch_other = {"language": "en", "prefix": "..", "name":
  "English"}``: its language, the path from this edition's root to its root, and the
  link's text. The page names below the two roots are the same.
* A Korean build (``language = "ko"``) carries its own web font: NanumGothic (SIL Open Font
  License, shipped in the PyPI package koreanize-matplotlib, as lib.i18n uses for the
  figures) cut with fontTools to the Hangul and CJK characters the built pages and
  Sphinx's Korean strings use, served from ``_static/fonts/``. It comes after the
  reader's own Korean fonts in the font stack, so a browser that has one never downloads
  it; its ``unicode-range`` keeps Latin text from ever asking for it.

``<html lang>`` comes from Sphinx's ``language`` setting.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from sphinx.util import logging

LOGGER = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[1]
FONT_CSS = "korean-font.css"
FONT_FILE = "fonts/nanum-gothic-ko.woff"
# Hangul Jamo, CJK symbols and punctuation, Hangul compatibility Jamo, syllables, full-width.
KOREAN_RANGES = [(0x1100, 0x11FF), (0x3000, 0x303F), (0x3130, 0x318F), (0xAC00, 0xD7A3)]
KOREAN_RANGES.append((0xFF00, 0xFFEF))
SWITCH_LABEL = {"en": "Language", "ko": "언어"}
JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def other_edition_url(pagename: str, prefix: str) -> str:
    """The URL of the same page in the other edition, relative to this page.

    >>> other_edition_url("chapters/01_norms/index", "..")
    '../../../chapters/01_norms/index.html'
    >>> other_edition_url("intro", "ko")
    'ko/intro.html'
    """
    up = "../" * pagename.count("/")
    return f"{up}{prefix.strip('/')}/{pagename}.html"


def _add_switch(app, pagename, templatename, context, doctree) -> None:
    other = app.config.language_switch_other
    if not other:
        return
    href = html.escape(other_edition_url(pagename, other["prefix"]), quote=True)
    language = html.escape(other["language"], quote=True)
    context["metatags"] = (
        context.get("metatags", "")
        + f'\n<link rel="alternate" hreflang="{language}" href="{href}" />'
    )
    body = context.get("body")
    if isinstance(body, str):
        label = SWITCH_LABEL.get(app.config.language or "en", "Language")
        context["body"] = (
            f'<nav class="language-switch" aria-label="{label}" style="text-align:right">'
            f'<a href="{href}" hreflang="{language}" lang="{language}">'
            f"{html.escape(other['name'])}</a></nav>\n" + body
        )


def korean_codepoints(outdir: Path) -> set[int]:
    """The Korean characters of the built pages and of the scripts beside them."""
    chars: set[int] = set()
    files = [*outdir.rglob("*.html"), *(outdir / "_static").glob("*.js")]
    for path in files:
        text = path.read_text(encoding="utf8", errors="ignore")
        text += "".join(chr(int(code, 16)) for code in JSON_ESCAPE.findall(text))
        chars.update(ord(c) for c in text if any(lo <= ord(c) <= hi for lo, hi in KOREAN_RANGES))
    return chars


def _font_css(codepoints: set[int]) -> str:
    ranges = ", ".join(f"U+{lo:04X}-{hi:04X}" for lo, hi in KOREAN_RANGES)
    return (
        "/* NanumGothic (SIL OFL 1.1), cut by _ext/language_switch.py */\n"
        '@font-face{font-family:"Book Nanum Gothic";font-style:normal;font-weight:400;'
        f'font-display:swap;src:url("{FONT_FILE}") format("woff");unicode-range:{ranges}}}\n'
        'html[lang="ko"]{--pst-font-family-base:system-ui,"Apple SD Gothic Neo",'
        '"Malgun Gothic","Noto Sans KR","Noto Sans CJK KR","Book Nanum Gothic",sans-serif;'
        "--pst-font-family-heading:var(--pst-font-family-base);"
        "word-break:keep-all}\n"
    )


def _write_korean_font(app, exc) -> None:
    if exc is not None or app.builder.format != "html" or app.config.language != "ko":
        return
    sys.path.insert(0, str(ROOT))
    from lib.i18n import korean_font_path

    sys.path.pop(0)
    page_assets = sys.modules.get("page_assets")
    if page_assets is not None:
        subset_font = page_assets.subset_font
    else:  # the same cut as the icon fonts, without the page rewriting
        sys.path.insert(0, str(Path(__file__).parent))
        from page_assets import subset_font

    outdir = Path(app.outdir)
    codepoints = korean_codepoints(outdir)
    target = outdir / "_static" / FONT_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    subset_font(korean_font_path(), target, codepoints)
    (outdir / "_static" / FONT_CSS).write_text(_font_css(codepoints), encoding="utf8")
    LOGGER.info(
        f"[language_switch] {FONT_FILE}: {len(codepoints)} characters, "
        f"{target.stat().st_size} bytes"
    )


def _korean_css(app) -> None:
    if app.config.language == "ko":
        app.add_css_file(FONT_CSS)


def setup(app):
    app.add_config_value("language_switch_other", None, "html", types=[dict])
    app.connect("builder-inited", _korean_css)
    app.connect("html-page-context", _add_switch)
    # Before page_assets (priority 900) bundles the style sheets the pages link.
    app.connect("build-finished", _write_korean_font, priority=800)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
