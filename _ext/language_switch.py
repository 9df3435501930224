"""The two editions of the book, English at the site's root and Korean under ``/ko/``.

* Every page links to the same page in the other edition (a plain link at the top of the
  article, and ``<link rel="alternate" hreflang>`` in the head; no script). The other
  edition is set by ``language_switch_other = {"language": "en", "prefix": "..", "name":
  "English"}``: its language, the path from this edition's root to its root, and the
  link's text. The page names below the two roots are the same.
* A Korean build (``language = "ko"``) carries its own web font: "Book Korean Sans", the
  figures' font (lib.i18n.book_font_path: NanumGothic from the PyPI package
  koreanize-matplotlib, modified and renamed, SIL Open Font License 1.1) cut with fontTools
  to the Hangul and CJK characters the built pages and Sphinx's Korean strings use, served
  from ``_static/fonts/``; the cut keeps every name record, so the copyright notice and the
  licence stay in the file. It comes after the reader's own Korean fonts in the font
  stack, so a browser that has one never downloads it; its ``unicode-range`` keeps Latin
  text from ever asking for it.
* Korean search (:class:`SearchKorean`): Sphinx has no Korean search language, and its
  English one indexes each word as written, so a Korean word with a particle attached
  ("노름은", "노름의") was not found by "노름". The Korean index and the search page strip
  the common particles and endings from every Hangul word (the same list in Python and in
  the page's JavaScript), English words keep the Porter stemmer.
* The theme words whose translation reads wrong are corrected (:data:`THEME_WORDS`).
* Every edition serves the font's licence, ``_static/fonts/OFL.txt`` (licenses/), which
  license.md links.

``<html lang>`` comes from Sphinx's ``language`` setting.
"""

from __future__ import annotations

import gettext
import html
import json
import re
import shutil
import sys
from pathlib import Path

from sphinx.search.en import SearchEnglish
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[1]
FONT_CSS = "korean-font.css"
FONT_FILE = "fonts/book-korean-sans.woff2"
LICENCE_FILE = "fonts/OFL.txt"
# Hangul Jamo, CJK symbols and punctuation, Hangul compatibility Jamo, syllables, full-width.
KOREAN_RANGES = [(0x1100, 0x11FF), (0x3000, 0x303F), (0x3130, 0x318F), (0xAC00, 0xD7A3)]
KOREAN_RANGES.append((0xFF00, 0xFFEF))
SWITCH_LABEL = {"en": "Language", "ko": "언어"}
# Where a printed exercise's solution is (print.css writes it in English under each one).
PRINTED_SOLUTION_NOTE = "풀이: 온라인 책에, 또는 강의 자료 묶음(make handouts)에 있습니다."
# The themes' own translations that read wrong, by language: sphinx-book-theme's Korean
# catalogue makes the footer's "By {author}" into "으로 {author}" ("by means of"), which
# is no Korean byline; "지은이: {author}" is.
# Words that Sphinx and the themes have no Korean for (labels and tooltips of the page's
# controls, read out by screen readers) are supplied as the last fallback of their
# translations.
THEME_WORDS = {
    "ko": {
        "By": "지은이:",
        "Link to this heading": "이 제목으로 바로 가는 링크",
        "Link to this term": "이 용어로 바로 가는 링크",
        "Search this book...": "이 책 검색...",
        "Site navigation": "사이트 탐색",
        "Main": "본문",
        "Toggle primary sidebar": "주 사이드바 열기/닫기",
        "Toggle secondary sidebar": "보조 사이드바 열기/닫기",
        "Source repositories": "소스 저장소",
        "Suggest edit": "수정 제안하기",
        "Color mode": "색상 모드",
        "Light": "밝게",
        "Dark": "어둡게",
        "System Settings": "시스템 설정",
        "previous page": "이전 페이지",
        "next page": "다음 페이지",
        "On this page": "이 페이지의 내용",
        "Page": "페이지",
        "Launch interactive content": "대화형으로 실행하기",
        "Launch on Binder": "Binder에서 실행하기",
        "Version warning": "버전 경고",
        "Link to this equation": "이 수식으로 바로 가는 링크",
        "Link to this image": "이 그림으로 바로 가는 링크",
        "Toggle hidden content": "숨긴 내용 보이기/숨기기",
        "Sections of {title}": "{title}: 하위 절",
    }
}
JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


# Korean particles and endings that follow a noun in the book's prose, stripped from the end
# of a Hangul word (the longest first, again until none is left) before it is indexed or
# searched: "노름은", "노름의", "노름에서는" are all "노름". A stem keeps at least one syllable.
KOREAN_ENDINGS = sorted(
    set(
        """은 는 이 가 을 를 의 에 에서 에게 께 한테 으로 로 와 과 랑 이랑 도 만 까지 부터 보다
        처럼 마다 조차 이나 나 이든 든 이라 라 이란 란 이라는 라는 이라고 라고 에서는 에서도
        에서의 에는 에도 에의 으로는 로는 으로도 로도 으로서 로서 으로써 로써 와는 과는 와의
        과의 와도 과도 까지는 까지도 부터는 보다는 만으로 만의 이다 입니다 이며 이고 이면 인
        이었다 였다 이므로 이지만 하다 합니다 하는 한 하고 하며 하면 해서 했다 했습니다 할 함
        됩니다 되는 된 되고 되며 되면 된다 적 적인 적으로 들 들의 들은 들이 들을""".split()
    ),
    key=lambda ending: (-len(ending), ending),  # longest first, ties by text: same file each build
)
HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]")


def korean_stem(word: str) -> str:
    """``word`` without the particles and endings of :data:`KOREAN_ENDINGS` at its end.

    >>> [korean_stem(w) for w in ["노름은", "노름의", "노름에서는", "노름", "공을", "이"]]
    ['노름', '노름', '노름', '노름', '공', '이']
    """
    stripped = True
    while stripped:
        stripped = False
        for ending in KOREAN_ENDINGS:
            if word.endswith(ending) and len(word) > len(ending):
                word, stripped = word[: -len(ending)], True
                break
    return word


# The same stemmer for the search page: Sphinx's Porter stemmer for other words.
_JS_KOREAN_STEMMER = """
var PorterStemmer = Stemmer;
var KOREAN_ENDINGS = %s;
var HANGUL_WORD = /[\uac00-\ud7a3]/;
Stemmer = function () {
  var porter = new PorterStemmer();
  this.stemWord = function (word) {
    if (!HANGUL_WORD.test(word)) return porter.stemWord(word);
    var stripped = true;
    while (stripped) {
      stripped = false;
      for (var i = 0; i < KOREAN_ENDINGS.length; i++) {
        var ending = KOREAN_ENDINGS[i];
        if (word.length > ending.length && word.endsWith(ending)) {
          word = word.slice(0, -ending.length);
          stripped = true;
          break;
        }
      }
    }
    return word;
  };
};
"""


class SearchKorean(SearchEnglish):
    """Sphinx's search language for ``ko``: Hangul words stemmed by :func:`korean_stem`,
    other words as in English."""

    lang = "ko"
    language_name = "Korean"
    js_stemmer_code = SearchEnglish.js_stemmer_code + _JS_KOREAN_STEMMER % json.dumps(
        KOREAN_ENDINGS, ensure_ascii=False
    )

    def stem(self, word: str) -> str:
        if HANGUL_WORD.search(word):
            return korean_stem(word)
        return super().stem(word)


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


class _Words(gettext.NullTranslations):
    """A translation from a dict: the last fallback of Sphinx's and the themes' own."""

    def __init__(self, words: dict[str, str]) -> None:
        super().__init__()
        self.words = words

    def gettext(self, message: str) -> str:
        return self.words.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


def _add_theme_words(app) -> None:
    words = THEME_WORDS.get(app.config.language or "en")
    if words:
        from sphinx.locale import translators

        for translator in translators.values():
            translator.add_fallback(_Words(words))


def _correct_theme_words(app, pagename, templatename, context, doctree) -> None:
    words = THEME_WORDS.get(app.config.language or "en")
    translate = context.get("translate")
    if words and callable(translate):
        context["translate"] = lambda message: words.get(message) or translate(message)


def korean_codepoints(outdir: Path) -> set[int]:
    """The Korean characters of the built pages and of the scripts beside them."""
    chars: set[int] = set()
    files = [*outdir.rglob("*.html"), *(outdir / "_static").glob("*.js")]
    for path in files:
        text = path.read_text(encoding="utf8", errors="ignore")
        text += "".join(chr(int(code, 16)) for code in JSON_ESCAPE.findall(text))
        chars.update(
            ord(c) for c in set(text) if any(lo <= ord(c) <= hi for lo, hi in KOREAN_RANGES)
        )
    return chars


def _font_css(codepoints: set[int], family: str) -> str:
    ranges = ", ".join(f"U+{lo:04X}-{hi:04X}" for lo, hi in KOREAN_RANGES)
    return (
        f"/* {family}: modified NanumGothic, SIL OFL 1.1 ({LICENCE_FILE}) */\n"
        f'@font-face{{font-family:"{family}";font-style:normal;font-weight:400;'
        f'font-display:swap;src:url("{FONT_FILE}") format("woff2");unicode-range:{ranges}}}\n'
        'html[lang="ko"]{--pst-font-family-base:system-ui,"Apple SD Gothic Neo",'
        f'"Malgun Gothic","Noto Sans KR","Noto Sans CJK KR","{family}",sans-serif;'
        "--pst-font-family-heading:var(--pst-font-family-base);"
        "word-break:keep-all}\n"
        # print.css's line under each printed exercise, in Korean (wins by specificity)
        '@media print{html[lang="ko"] div.exercise.admonition::after{'
        f'content:"{PRINTED_SOLUTION_NOTE}" !important}}}}\n'
    )


def subset_keeping_names(source: Path, target: Path, codepoints: set[int]) -> None:
    """``source`` cut to the glyphs of ``codepoints``, as WOFF2, with every name record kept
    (fontTools drops all but IDs 0-6 by default, the licence (13, 14) among them)."""
    import logging

    from fontTools import subset
    from fontTools.ttLib import TTFont

    # the source's own date, not the build's: the same pages give the same files
    font = TTFont(source, recalcTimestamp=False)
    options = subset.Options()
    options.flavor = "woff2"  # brotli-compressed: 71 kB as WOFF, 50 kB as WOFF2 (749 chars)
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.drop_tables += ["TSI0", "TSI1", "TSI2", "TSI3", "TSI5"]  # VTT hinting sources
    # No TrueType hinting instructions: browsers draw Hangul at text sizes well without
    # them, and they were 58% of the file (169 kB -> 71 kB for the 749 characters of the
    # book); every Korean page loads this file on a first visit (budget: 1 MB in all).
    options.hinting = False
    logging.getLogger("fontTools").setLevel(logging.WARNING)  # a11y_pygments: root at INFO
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints & set(font.getBestCmap()))
    subsetter.subset(font)
    font.flavor = options.flavor  # the Subsetter does not set it: save wrote a plain TTF
    font.save(target)


def _book_i18n():
    sys.path.insert(0, str(ROOT))
    try:
        from lib import i18n
    finally:
        sys.path.pop(0)
    return i18n


def _write_licence(app, exc) -> None:
    if exc is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / LICENCE_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_book_i18n().FONT_LICENCE_FILE, target)


def _write_korean_font(app, exc) -> None:
    if exc is not None or app.builder.format != "html" or app.config.language != "ko":
        return
    outdir = Path(app.outdir)
    codepoints = korean_codepoints(outdir) | {ord(c) for c in PRINTED_SOLUTION_NOTE}
    target = outdir / "_static" / FONT_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    i18n = _book_i18n()
    subset_keeping_names(i18n.book_font_path(), target, codepoints)
    css = _font_css(codepoints, i18n.KOREAN_FONT_NAME)
    (outdir / "_static" / FONT_CSS).write_text(css, encoding="utf8")
    LOGGER.info(
        f"[language_switch] {FONT_FILE}: {len(codepoints)} characters, "
        f"{target.stat().st_size} bytes"
    )


def _label_controls(app, exc) -> None:
    """Labels and tooltips that templates write without a translation ("Main", "Page",
    the sidebar toggles' aria-label ...): each THEME_WORDS value in a title or aria-label
    attribute of the built pages becomes the page language's word."""
    words = THEME_WORDS.get(app.config.language or "en")
    if exc is not None or app.builder.format != "html" or not words:
        return
    attribute = re.compile(r'\b(title|aria-label)="([^"]*)"')

    def word(match: re.Match) -> str:
        text = html.unescape(match[2])
        if text not in words or text == "By":
            return match[0]
        return f'{match[1]}="{html.escape(words[text], quote=True)}"'

    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf8")
        new = attribute.sub(word, text)
        if new != text:
            page.write_text(new, encoding="utf8")


def _korean_css(app) -> None:
    if app.config.language == "ko":
        app.add_css_file(FONT_CSS)


def setup(app):
    app.add_config_value("language_switch_other", None, "html", types=[dict])
    app.add_search_language(SearchKorean)
    app.connect("builder-inited", _korean_css)
    app.connect("builder-inited", _add_theme_words)
    app.connect("html-page-context", _add_switch)
    # After sphinx-book-theme's handler (priority 500), which sets context["translate"].
    app.connect("html-page-context", _correct_theme_words, priority=600)
    # Before page_assets (priority 900) bundles the style sheets the pages link.
    app.connect("build-finished", _label_controls, priority=790)
    app.connect("build-finished", _write_korean_font, priority=800)
    app.connect("build-finished", _write_licence)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
