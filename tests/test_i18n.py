"""The Korean edition: lib's language switch, the catalogues, and ko/ (issue 18).

Oracles: the fonts' own character maps (fontTools), matplotlib's missing-glyph warnings,
Python's parser (the Korean code must compute what the English code computes), the English
notebooks' stored glue values and exercise labels, and hand-made Markdown whose blocks are
known.
"""

from __future__ import annotations

import ast
import json
import logging
import re
import string
import sys
import warnings
from pathlib import Path

import matplotlib as mpl
import nbformat
import pytest
from fontTools.ttLib import TTFont
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import lib
from lib import i18n
from tools import i18n as tool
from tools.book_toc import toc_docnames

ROOT = Path(__file__).resolve().parents[1]
HANGUL = re.compile(r"[\uac00-\ud7a3]")
FIX = "run `make translations` (python tools/i18n.py update)"


@pytest.fixture
def korean():
    """lib in Korean for one test, English again afterwards."""
    lib.set_language("ko")
    yield
    lib.set_language("en")


# -- lib.i18n -----------------------------------------------------------------------------
def test_bad_language_is_refused_with_the_allowed_ones():
    with pytest.raises(ValueError, match=r"language must be one of \('en', 'ko'\), got 'kr'"):
        lib.set_language("kr")
    with pytest.raises(TypeError, match="language must be a string"):
        lib.set_language(None)
    assert i18n.get_language() == "en"


def test_korean_then_english_gives_back_the_english_font_settings():
    before = dict(mpl.rcParams)
    lib.set_language("ko")
    assert i18n.KOREAN_FONT_NAME in mpl.rcParams["font.family"]
    fig = Figure()
    FigureCanvasAgg(fig)
    fig.suptitle("굵은 제목", fontweight="bold")
    fig.add_subplot().set_xscale("log")
    ax = fig.axes[0]
    ax.set_xlim(0.1, 10)
    ax.set_xlabel(r"Huber 임계값 $\delta$ −1")
    # bold Hangul, log-axis ticks 10^-1 and Hangul in math text: no warning, no log message
    assert _drawing_problems(fig) == []
    lib.set_language("en")
    assert dict(mpl.rcParams) == before


def reserved_font_names() -> list[str]:
    """The Reserved Font Names, read from the licence text the book ships."""
    text = " ".join(i18n.FONT_LICENCE_FILE.read_text(encoding="utf8").split())
    names = re.search(r"with Reserved Font Names? (.+?),? This Font Software", text)[1]
    return [name.strip() for name in names.split(",") if name.strip()]


def names_breaking_the_licence(font: TTFont) -> list[str]:
    """Name records of a modified font that carry a Reserved Font Name (or its Korean form,
    나눔): all but the copyright (0) and the licence notice (13), which must quote them."""
    reserved = [n.lower() for n in reserved_font_names()] + ["나눔"]
    return [
        f"name ID {record.nameID}: {record.toUnicode()!r}"
        for record in font["name"].names
        if record.nameID not in (0, 13)
        and any(word in record.toUnicode().lower() for word in reserved)
    ]


def test_the_modified_fonts_are_renamed_and_keep_copyright_and_licence(tmp_path):
    reserved = reserved_font_names()
    assert {"Nanum", "NanumGothic", "Naver NanumGothic"} <= set(reserved)
    # The check can fail: the original font carries the reserved names.
    assert names_breaking_the_licence(TTFont(i18n.korean_font_path()))
    sys.path.insert(0, str(ROOT / "_ext"))
    from language_switch import subset_keeping_names

    sys.path.pop(0)
    web = tmp_path / "web.woff2"
    subset_keeping_names(i18n.book_font_path(), web, {ord("노"), ord("름")})
    assert web.read_bytes()[:4] == b"wOF2"  # compressed, as its name says
    for path in [i18n.book_font_path("regular"), i18n.book_font_path("bold"), web]:
        font = TTFont(path)
        assert names_breaking_the_licence(font) == [], path
        names = font["name"]
        assert names.getDebugName(1) == i18n.KOREAN_FONT_NAME
        assert "NHN Corporation" in names.getDebugName(0)  # the original copyright
        assert "SIL Open Font License, Version 1.1" in names.getDebugName(13)
        assert all(name in names.getDebugName(13) for name in reserved)
        assert 0x2212 in font.getBestCmap() or path == web
    assert "SIL OPEN FONT LICENSE" in i18n.FONT_LICENCE_FILE.read_text(encoding="utf8")


def test_t_fills_fields_and_falls_back_to_english_with_a_warning(korean):
    assert i18n.t("angle of b") == "b의 각도"
    with pytest.warns(UserWarning, match="no Korean text for 'not in the table {n}'"):
        assert i18n.t("not in the table {n}", n=3) == "not in the table 3"
    lib.set_language("en")
    assert i18n.t("angle of b") == "angle of b"


def _fields(text: str) -> list:
    return sorted((f, s, c) for _, f, s, c in string.Formatter().parse(text) if f is not None)


@pytest.mark.parametrize("english", sorted(i18n.KOREAN))
def test_korean_entry_has_the_same_fields(english):
    assert _fields(i18n.KOREAN[english]) == _fields(english)


def _t_messages(path: Path) -> list[tuple[int, str | None]]:
    """Every message a call ``t(...)`` in ``path`` can look up (None: not a literal)."""
    found = []

    def literals(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, ast.IfExp):
            return literals(node.body) + literals(node.orelse)
        return [None]

    for node in ast.walk(ast.parse(path.read_text(encoding="utf8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t" and node.args:
            found += [(node.lineno, m) for m in literals(node.args[0])]
    return found


LIB_MESSAGES = [
    (path.relative_to(ROOT).as_posix(), line, message)
    for path in sorted((ROOT / "lib").rglob("*.py"))
    if path.name != "i18n.py"
    for line, message in _t_messages(path)
]


def test_lib_draws_its_words_through_t():
    assert {p for p, _, _ in LIB_MESSAGES} >= {"lib/figures/norms.py", "lib/widgets.py"}
    # No word reaches a figure, slider or printout of lib without t(): a label, title,
    # annotation or printed string written as a bare literal would stay English in Korean.
    bare = []
    for path in sorted((ROOT / "lib").rglob("*.py")):
        source = path.read_text(encoding="utf8")
        for node in tool.display_nodes(ast.parse(source)):
            if tool.is_prose(tool._literal_text(node)):
                bare.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert bare == [], f"wrap these in lib.i18n.t(): {bare}"


@pytest.mark.parametrize(("path", "line", "message"), LIB_MESSAGES)
def test_every_message_lib_draws_has_a_korean_entry(path, line, message):
    assert message is not None, f"{path}:{line}: t() needs a literal message (or a if/else)"
    assert message in i18n.KOREAN, f"{path}:{line}: no Korean for {message!r} in lib/i18n.py"


def _cmap(path) -> set[int]:
    return set(TTFont(path).getBestCmap())


def _drawn_korean_strings() -> list[str]:
    """Every Korean string matplotlib draws: lib's table and the notebooks' drawn literals."""
    texts = list(i18n.KOREAN.values())
    for docname in tool.translated_pages():
        lookup = tool.catalogue_lookup(tool.catalogue_path(docname))
        for msgid, context, _ in tool.messages_of(docname) if docname != "_toc" else []:
            if context == "code" and lookup(msgid, context):
                literal = ast.parse(f"(\n{lookup(msgid, context)}\n)", mode="eval").body
                texts.append(tool._literal_text(literal))
    return texts


def test_every_drawn_korean_character_is_in_the_figure_fonts():
    """Oracle: the fonts' own character maps, read with fontTools."""
    lib.set_language("ko")
    lib.set_language("en")
    covered = _cmap(i18n.korean_font_path()) | _cmap(font_manager.findfont("DejaVu Sans"))
    missing = {c for text in _drawn_korean_strings() for c in text if ord(c) not in covered}
    missing -= {"\n"}
    assert not missing, f"characters no figure font has: {sorted(missing)}"


def _glyph_size(font: TTFont, char: str) -> float:
    """The larger side of the glyph's ink box, in em (0: no ink)."""
    from fontTools.pens.boundsPen import BoundsPen

    glyphs = font.getGlyphSet()
    pen = BoundsPen(glyphs)
    glyphs[font.getBestCmap()[ord(char)]].draw(pen)
    if pen.bounds is None:
        return 0.0
    x0, y0, x1, y1 = pen.bounds
    return max(x1 - x0, y1 - y0) / font["head"].unitsPerEm


def _drawn_from(fonts: list[TTFont], char: str) -> TTFont:
    """matplotlib's plain-text fallback: the first font of the family list that has it."""
    return next(font for font in fonts if ord(char) in font.getBestCmap())


def test_korean_figures_draw_symbols_as_the_english_figures_do(korean):
    """Every character of a drawn Korean string that is not Hangul or ASCII (² ° → λ η ‖ ±
    ...) is drawn from DejaVu Sans, the English figures' font, at its size there; math text
    ($...$) draws with matplotlib's math fonts. Oracle: the fonts' own tables (fontTools)."""
    english = TTFont(font_manager.findfont("DejaVu Sans"))
    family = [
        TTFont(font_manager.findfont(font_manager.FontProperties(family=name)))
        for name in i18n.KOREAN_FONT_FAMILY
    ]
    assert family[0]["name"].getDebugName(1) == i18n.KOREAN_FONT_NAME
    # The check can fail: NanumGothic itself draws ² and ° at about half DejaVu's size.
    original = [TTFont(i18n.korean_font_path()), english]
    for char in "²°":
        assert _glyph_size(_drawn_from(original, char), char) < 0.7 * _glyph_size(english, char)
    symbols = {
        char
        for text in _drawn_korean_strings()
        for char in re.sub(r"\$[^$]*\$", "", text)
        if ord(char) > 0x7E and not HANGUL.match(char) and not char.isspace()
    }
    assert {"²", "→", "λ"} <= symbols  # the strings this is about are among them
    for char in sorted(symbols):
        font = _drawn_from(family, char)
        assert font["name"].getDebugName(1) == english["name"].getDebugName(1), char
        assert _glyph_size(font, char) == _glyph_size(english, char), char


def _drawing_problems(fig) -> list[str]:
    """matplotlib's warnings and log messages (a glyph missing from math text is logged)."""
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("matplotlib")
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fig.canvas.draw()
    finally:
        logger.removeHandler(handler)
    return [str(w.message) for w in caught] + [r.getMessage() for r in records]


def _render(text: str, math: bool = False) -> list[str]:
    fig = Figure(figsize=(8, 1))
    FigureCanvasAgg(fig)  # a Figure's own canvas draws nothing
    fig.text(0.01, 0.5, text if math else text.replace("$", r"\$"))
    return _drawing_problems(fig)


def test_rendering_every_korean_string_misses_no_glyph(korean):
    # The check can fail: a character neither font has (Thai) is reported by matplotlib.
    assert any("missing from" in m for m in _render("한국어 \u0e01"))
    assert any("missing from" in m or "glyph" in m for m in _render("$한 \u0e01$", math=True))
    for text in _drawn_korean_strings():
        assert _render(text) == [], text
        if text.count("$") >= 2 and text.count("$") % 2 == 0:  # math text: no fallback font
            assert _render(text, math=True) == [], text


# Names kept in Korean text: a class, a program, the Lp family, estimators and algorithms.
TEXT_ALLOWED = {"SliderFigure", "Jupyter", "Lp", "Huber", "MAE", "MSE", "ISTA", "Adam", "AdamW"}


def _english_words(text: str) -> set[str]:
    text = re.sub(r"\$[^$]*\$", " ", text)  # math
    return {w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in TEXT_ALLOWED}


def _figure_texts(fig) -> list[str]:
    return [a.get_text() for a in fig.findobj(mpl.text.Text) if a.get_text()]


SLIDER_NAMES = [
    "turning b",
    "unit ball over p",
    "outlier slider (losses)",
    "penalised optimum vs lambda",
]


@pytest.mark.parametrize("name", SLIDER_NAMES)
def test_sliders_in_korean_show_no_english_word(korean, name):
    from lib.figures import losses, norms, regularization

    SLIDERS = {**norms.SLIDERS, **losses.SLIDERS, **regularization.SLIDERS}

    slider = SLIDERS[name]()
    shown = [slider.label, slider.alt, slider._repr_mimebundle_()["text/plain"]]
    for value in slider.values:
        shown.append(slider.show_value(value))
        shown += _figure_texts(slider.fig)
    leftovers = {w for text in shown for w in _english_words(text)}
    assert not leftovers, f"English left in the Korean slider {name!r}: {sorted(leftovers)}"
    assert HANGUL.search(slider.alt)


# -- Markdown blocks and code strings -----------------------------------------------------
PAGE = """# Title

A paragraph with $x^2$ and {term}`norm`
on two lines.

$$
a + b
$$

```python
print("code")
```

* item one
* item two

```{exercise} ★ · pen and paper
:label: ex-one

Body paragraph.

   ```{admonition} Inner
   Inner text.
   ```
```
"""


def test_markdown_blocks_are_the_messages_and_the_rest_stays():
    seen = []
    assert tool.translate_markdown(PAGE, lambda m, c: seen.append((m, c))) == PAGE
    assert seen == [
        ("# Title", ""),
        ("A paragraph with $x^2$ and {term}`norm`\non two lines.", ""),
        ("* item one\n* item two", ""),
        ("★ · pen and paper", "title"),
        ("Body paragraph.", ""),
        ("Inner", "title"),
        ("   Inner text.", ""),
    ]
    korean = tool.translate_markdown(PAGE, lambda m, c: {"Body paragraph.": "본문."}.get(m))
    assert korean == PAGE.replace("Body paragraph.", "본문.")
    titled = tool.translate_markdown(PAGE, lambda m, c: "★ · 손으로" if c == "title" else None)
    assert "```{exercise} ★ · 손으로\n:label: ex-one\n" in titled


@pytest.mark.parametrize("docname", toc_docnames())
def test_an_identity_catalogue_gives_back_every_english_page(docname):
    """Every page splits into blocks and joins again unchanged (no line lost or moved)."""
    path = tool.source_path(docname)
    same = lambda message, context: message  # noqa: E731
    if path.suffix == ".md":
        text = path.read_text(encoding="utf8")
        assert tool.translate_markdown(text, same) == text
    else:
        for cell in nbformat.read(path, as_version=4).cells:
            translate = tool.translate_markdown if cell.cell_type == "markdown" else None
            translate = translate or tool.translate_code
            assert translate(cell.source, same) == cell.source


CODE = (
    'print(f"distance = {l1:.2f}")\nax.plot(x, y, "o", label="dots")\nglue("key", f"{v:.1f}")\n'
    'curves = [("two words", 1), ("a key", 2)]\nax.legend(loc="upper left")\nd = {"a key": 1}\n'
    'd["a key"]\nif kind == "some kind":\n    pass\nglue("glued name here", 1)\n'
    '"""A docstring here."""\n'
)


def test_only_displayed_code_strings_are_messages():
    seen = []
    tool.translate_code(CODE, lambda m, c: seen.append(m), tool.key_strings([CODE]))
    assert seen == ['f"distance = {l1:.2f}"', '"dots"', '"two words"']
    korean = tool.translate_code(CODE, lambda m, c: {'"dots"': '"점"'}.get(m))
    assert korean == CODE.replace('"dots"', '"점"')


def test_korean_code_may_differ_from_the_english_only_in_its_text():
    english = 'ax.plot(x, label="two words")\nd = {"a key": 1}\n'
    assert tool.same_code_but_text(english, 'ax.plot(x, label="두 단어")\nd = {"a key": 1}\n')
    assert not tool.same_code_but_text(english, 'ax.plot(x, label="두 단어")\nd = {"키": 1}\n')
    assert not tool.same_code_but_text(english, 'ax.plot(y, label="두 단어")\nd = {"a key": 1}\n')


@pytest.mark.parametrize(
    "bad", ['f"L1 = {l2:.2f}"', 'f"L1 = {l1:.3f}"', "l1", '"L1 = {l1:.2f}"', 'f"L1 = {l1:.2f']
)
def test_a_korean_code_string_must_compute_the_same(bad):
    with pytest.raises(ValueError, match="translation of"):
        tool.check_code_translation('f"L1 = {l1:.2f}"', bad)


# -- catalogues ---------------------------------------------------------------------------
def test_changed_english_becomes_fuzzy_new_untranslated_removed_obsolete(tmp_path):
    path = tmp_path / "page.po"
    tool.update_catalogue(path, [("Keep this.", "", "p"), ("The distance is 4.", "", "p")])
    catalog = tool._read(path)
    catalog.get("Keep this.").string = "유지."
    catalog.get("The distance is 4.").string = "거리는 4입니다."
    tool._write(catalog, path)
    tool.update_catalogue(path, [("Keep this.", "", "p"), ("The distance is 5.", "", "p")])
    lookup = tool.catalogue_lookup(path)
    assert lookup("Keep this.", "") == "유지."
    assert lookup("The distance is 5.", "") is None  # fuzzy: shown in English
    catalog = tool._read(path)
    assert catalog.get("The distance is 5.").fuzzy
    assert tool.catalogue_status(path) == {
        "translated": 1,
        "fuzzy": 1,
        "untranslated": 0,
        "obsolete": 0,
    }
    tool.update_catalogue(path, [("Brand new.", "", "p")])
    status = tool.catalogue_status(path)
    assert (status["untranslated"], status["obsolete"]) == (1, 2)
    before = path.read_bytes()
    tool.update_catalogue(path, [("Brand new.", "", "p")])
    assert path.read_bytes() == before, "an update with nothing new must not change the file"


def test_a_catalogue_read_and_written_keeps_locations_and_previous_english(tmp_path):
    """A translator's tool (or ours) reading and writing a catalogue must keep the notebook
    cell locations and the previous English of a fuzzy message (babel alone dropped the
    first and wrapped the second into loose comment lines). Oracle: the file's own lines."""
    path = tmp_path / "page.po"
    where = "chapters/x.ipynb:cell12"
    old = "A long first line of English that is longer than seventy-six columns, surely.\nTwo."
    tool.update_catalogue(path, [(old, "", where)])
    catalog = tool._read(path)
    catalog.get(old).string = "번역."
    tool._write(catalog, path)
    tool.update_catalogue(path, [(old.replace("Two", "Three"), "", where)])
    text = path.read_text(encoding="utf8")
    assert f"#: {where}\n" in text
    assert '#| msgid ""\n#| "A long first line' in text and '#| "Two."\n' in text
    for _ in range(2):  # read and write, twice: the same file
        tool._write(tool._read(path), path)
        assert path.read_text(encoding="utf8") == text
    message = tool._read(path).get(old.replace("Two", "Three"))
    assert message.fuzzy and message.previous_id == [old] and message.user_comments == []
    assert message.locations == [(where, None)]


@pytest.mark.parametrize("docname", [*toc_docnames(), "_toc"])
def test_every_catalogue_has_the_english_of_today(docname):
    messages = tool.toc_messages() if docname == "_toc" else tool.messages_of(docname)
    path = tool.catalogue_path(docname)
    assert path.exists(), f"no catalogue {path.relative_to(ROOT)}: {FIX}"
    ids = {(m.id, m.context or "") for m in tool._read(path) if m.id}
    assert ids == {(m, c) for m, c, _ in messages}, f"English changed: {FIX}"


@pytest.mark.parametrize("docname", tool.translated_pages())
def test_translated_pages_have_no_untranslated_or_fuzzy_message(docname):
    status = tool.catalogue_status(tool.catalogue_path(docname))
    assert status["untranslated"] == status["fuzzy"] == 0, (
        f"{docname}: {status}. Translate the empty and fuzzy messages in "
        f"locales/ko/LC_MESSAGES/{docname}.po (or take the page out of "
        "locales/ko/translated.txt, and it is shown in English)"
    )
    assert status["translated"] > 0


# -- the Korean tree ----------------------------------------------------------------------
def test_ko_is_what_the_tool_writes_now():
    stale = tool.stale_files()
    assert not stale, f"ko/ is stale ({', '.join(stale)}): {FIX}"


def test_both_editions_have_the_same_pages():
    assert toc_docnames(ROOT / "ko" / "_toc.yml") == toc_docnames()
    for docname in toc_docnames():
        assert (ROOT / "ko" / tool.source_path(docname).relative_to(ROOT)).exists(), docname


KOREAN_NOTEBOOKS = [p.relative_to(ROOT).as_posix() for p in tool.korean_notebooks()]


def _pairs():
    for korean in KOREAN_NOTEBOOKS:
        english = ROOT / Path(korean).relative_to("ko")
        yield korean, nbformat.read(english, as_version=4), nbformat.read(ROOT / korean, 4)


@pytest.mark.parametrize("korean", KOREAN_NOTEBOOKS)
def test_korean_code_is_the_english_code_but_for_displayed_strings(korean):
    path = ROOT / korean
    english = nbformat.read(ROOT / Path(korean).relative_to("ko"), as_version=4)
    ko = nbformat.read(path, as_version=4)
    assert ko.cells[[c.get("id") for c in ko.cells].index(tool.LANGUAGE_CELL_ID)].source == (
        tool.LANGUAGE_CELL
    )
    ko_code = [c.source for c in ko.cells if c.cell_type == "code"]
    ko_code.remove(tool.LANGUAGE_CELL)
    en_code = [c.source for c in english.cells if c.cell_type == "code"]
    assert len(ko_code) == len(en_code)
    keys = tool.key_strings(en_code)
    for en, kr in zip(en_code, ko_code, strict=True):
        assert tool.same_code_but_text(en, kr, keys), kr


def _glue(nb) -> dict[str, str]:
    values = {}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            for mime, value in out.get("data", {}).items():
                if mime.startswith("application/papermill.record/"):
                    values[out["metadata"]["scrapbook"]["name"]] = value
    return values


def _labels(nb) -> list[str]:
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return re.findall(r"^:label: *(\S+)", text, re.M) + re.findall(
        r"\{solution(?:-start)?\} (\S+)", text
    )


@pytest.mark.parametrize("korean", KOREAN_NOTEBOOKS)
def test_korean_notebook_has_the_english_glue_values_exercises_and_figures(korean):
    english = nbformat.read(ROOT / Path(korean).relative_to("ko"), as_version=4)
    ko = nbformat.read(ROOT / korean, as_version=4)
    assert _glue(ko) == _glue(english)  # numbers do not depend on the language
    assert _labels(ko) == _labels(english)

    def figures(nb):
        return [
            sorted(k for k in out.get("data", {}) if k in ("image/png", "text/html"))
            for c in nb.cells
            for out in c.get("outputs", [])
            if out.get("data", {}).keys() & {"image/png", "text/html"}
        ]

    assert figures(ko) == figures(english)


@pytest.mark.parametrize("korean", KOREAN_NOTEBOOKS)
def test_korean_notebook_was_executed_in_korean_without_warnings(korean):
    nb = nbformat.read(ROOT / korean, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), FIX
    stderr = [o.text for c in code for o in c.outputs if o.get("name") == "stderr"]
    assert not stderr, f"{korean} wrote to stderr (a missing Korean text?): {stderr}"
    printed = "".join(o.get("text", "") for c in code for o in c.outputs)
    html = "".join(o.get("data", {}).get("text/html", "") for c in code for o in c.outputs)
    assert HANGUL.search(printed) and (not html or HANGUL.search(html))


def test_korean_config_names_the_language_and_the_way_back():
    config = json.loads(json.dumps(tool.yaml.safe_load((ROOT / "ko" / "_config.yml").read_text())))
    assert config["sphinx"]["config"]["language"] == "ko"
    assert config["sphinx"]["config"]["language_switch_other"]["prefix"] == ".."


def test_self_checks_speak_korean_in_korean(korean):
    """lib.exercises.check's verdicts, questions and hints (also the answer boxes' data)."""
    from lib import exercises

    for label, spec in exercises.CHECKS.items():
        assert spec.asks in i18n.KOREAN and spec.hint in i18n.KOREAN, label
        want = exercises.expected(label)
        right = exercises.check(label, want.tolist())
        wrong = exercises.check(label, (want + 1000.0).tolist())
        short = exercises.check(label, [1.0] * (want.size + 1))
        assert right and not wrong and not short
        for result in (right, wrong, short):
            text = repr(result).replace(label, "")
            assert HANGUL.search(text), text
            prose = re.sub(r"[\w.]+\([^)]*\)|\w+=\w+|\w*_\w*", " ", text)  # code in hints
            english = _english_words(prose) - {"lambda", "eta", "rng", "axis", "inf", "sign"}
            assert not english - {"SAE", "SSE", "alpha", "S", "d"}, (label, sorted(english))
    lib.set_language("en")
    assert repr(exercises.check("ex-norms-count-routes", 56)) == "Right: ex-norms-count-routes"
