"""Numbers in prose and captions come from code (glue), not from a keyboard.

The book's rule (issue 11, Deliver 2): a number that depends on data or code is glued with
``{glue:text}`` so the prose cannot drift from what the code computes. This test fails when the
prose of a chapter states a *decimal number* that is not a glue reference, not a definition and
not listed, with its reason, in ``tests/prose_numbers_allow.txt``.

What is scanned
    Every markdown cell of every chapter notebook, the figure captions stored in code-cell
    metadata (``mystnb.figure.caption``, parsed by myst-nb as MyST, so glue works there), the
    bodies of ``{figure}``/``{glue:figure}`` directives (their captions) and the chapter pages
    ``chapters/**/*.md``.

What counts as a decimal number
    A numeral with a decimal point (``0.48``, ``18.67``, ``5.0``), scientific notation (``1e-3``,
    ``4.8e-4``) and any percentage (``30%``, ``0.4\\%``, ``12 percent``). Whole numbers are
    not flagged: counts ("4 of the 7"), seeds and exercise data are overwhelmingly integers and
    would drown the signal; the price is that a typed integer result slips through.

What is not prose (removed before scanning)
    Roles (``{glue:text}`key```, ``{cite:t}``, ``{numref}``, ``{term}``), inline code and code
    blocks (quoted code such as ``np.geomspace(0.1, 100, 31)`` is an input the reader can run),
    directive option lines (``:width: 80%``, ``:label:``) and link targets.

``:alt:`` text is not scanned
    Alt text is an HTML attribute: it cannot carry a glue role, so the only way to pass would
    be an allow-list line per axis tick it describes. It says what is drawn, and what is drawn is
    held to the code by the figure comparison of ``make test`` (issue 15). Captions, where the
    claims are made, are scanned.

Math (``$...$``, ``$$...$$``)
    Math mostly *defines* and *derives*: ``$2^{1/p-1}$``, ``$\\eta < 2/L$``, ``$p = 0.5$``,
    ``$1 - 2\\eta\\lambda = 1 - 0.4 = 0.6$``. Such exact arithmetic on typed constants can be
    checked by hand and does not depend on the code, so it is exempt. A number that follows an
    approximation sign (``\\approx``, ``≈``, ``\\simeq``) is a computed result and is flagged
    (``$\\sqrt{13} \\approx 3.61$``): glue it, or allow-list it when it is hand arithmetic on
    the page's own typed example. Known gap: a computed result written with ``=`` in math
    (``$\\|w\\|_1 = 18.67$``) passes; write it in prose or glue it.

Definitions in prose
    A number right after ``name =`` (``alpha = 0.5``, ``δ = 1.5``) or inside a tuple right after
    it (``y = (2, 3, 3.5, 5, 11.5)``, ``w = (3, -4)``) defines data and passes. So do locators:
    a number after "section", "chapter", "§", "eq.", "version", and dotted triples like 3.4.3.

Allow-list ``tests/prose_numbers_allow.txt``
    One line ``page | number | reason``, e.g.
    ``01_norms/norms | 4.472 | hand arithmetic of the worked example sqrt(20)``; the page is the
    file's path under ``chapters/`` without its suffix, the number exactly as this test prints it.
    The reason is required, and a line that no longer matches anything fails the test, so the
    list cannot rot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters"
ALLOW_FILE = Path(__file__).with_name("prose_numbers_allow.txt")

# A decimal numeral, scientific notation or a percentage. Not part of a word (e1, x2.5), not one
# component of a dotted locator (3.4.3, 1.0.4).
_NUMBER = re.compile(
    r"(?<![\w.])(?<!\d\.)"
    r"(?:\d+(?:\.\d+)?(?:\s?\\?%|\s+percent\b)"  # 30%, 12.5 %, 0.4\%, 40 percent
    r"|\d+\.\d+(?:[eE][-+−]?\d+)?"  # 0.48, 4.8e-4
    r"|\d+[eE][-+−]?\d+)"  # 1e-3
    r"(?!\.\d)(?!\w)"
)
_LOCATOR = re.compile(r"(?<!\w)(?:sections?|chapters?|§|eqs?\.|equations?|versions?|v)\s*$", re.I)
# `name =` or `name = (1, 2.5, ` just before the number: a definition of data.
_DEFINITION = re.compile(
    r"[A-Za-z_\\\u0370-\u03ff][\w\\{}^']*\s*=\s*(?:\(\s*(?:[-−+]?[\d.]+\s*,\s*)*)?[-−+]?$"
)
_APPROX = re.compile(r"\\approx|≈|\\simeq|\\fallingdotseq")
_RELATION = re.compile(r"\\approx|≈|\\simeq|=|<|>|\\le(?:q)?\b|\\ge(?:q)?\b|\\neq|≤|≥")
_ROLE = re.compile(r"\{[\w:-]+\}`[^`]*`")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1", re.S)
_LINK_TARGET = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+")
_OPTION_LINE = re.compile(r"^\s*:[\w-]+:.*$", re.M)
_DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE_MATH = re.compile(r"(?<!\\)\$(?!\$)((?:[^$\n]|\n(?!\s*\n))+?)(?<!\\)\$")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,}|:{3,})\s*(\{([\w:-]+)\})?\s*(.*)$")
# Directives whose body is code or math, and directives whose argument is a path or a key.
_CODE_DIRECTIVES = {"code", "code-block", "code-cell", "sourcecode", "literalinclude"}
_MATH_DIRECTIVES = {"math"}
_ARGUMENT_NOT_PROSE = {"figure", "image", "glue:figure", "glue:any", "glue:math", "include"}


@dataclass(frozen=True)
class Finding:
    """One decimal number typed into prose: where it is and the sentence around it."""

    page: str
    where: str
    number: str
    context: str

    def __str__(self) -> str:
        return f"{self.page} [{self.where}] {self.number!r}: …{self.context}…"


def _strip_fences(text: str) -> tuple[str, list[str]]:
    """Drop code blocks and keep directive bodies; return (prose, math blocks)."""
    prose, math, stack = [], [], []  # stack: (fence, kind) with kind in prose/code/math
    for line in text.splitlines():
        match = _FENCE.match(line)
        if match:
            fence, _, name, argument = match.groups()
            closes = (
                stack
                and fence[0] == stack[-1][0][0]
                and len(fence) >= len(stack[-1][0])
                and not name
                and not argument
            )
            if closes:
                stack.pop()
                continue
            if name in _CODE_DIRECTIVES or (name is None and fence[0] != ":"):
                kind = "code"
            elif name in _MATH_DIRECTIVES:
                kind = "math"
            else:
                kind = "prose"
                if name not in _ARGUMENT_NOT_PROSE and (not stack or stack[-1][1] == "prose"):
                    prose.append(argument)
            stack.append((fence, kind))
            continue
        kind = stack[-1][1] if stack else "prose"
        if kind == "prose" and all(k == "prose" for _, k in stack):
            prose.append(line)
        elif kind == "math" and all(k != "code" for _, k in stack):
            math.append(line)
    return "\n".join(prose), math


def _context(text: str, start: int, end: int) -> str:
    return " ".join(text[max(0, start - 40) : end + 25].split())


def _scan_math(math: str) -> list[tuple[str, str]]:
    """Numbers in math that follow an approximation sign (computed results)."""
    found = []
    for match in _NUMBER.finditer(math):
        relations = list(_RELATION.finditer(math, 0, match.start()))
        if relations and _APPROX.fullmatch(relations[-1].group()):
            found.append((match.group(), _context(math, match.start(), match.end())))
    return found


def _scan_prose(prose: str) -> list[tuple[str, str]]:
    found = []
    for match in _NUMBER.finditer(prose):
        before = prose[: match.start()]
        if _LOCATOR.search(before) or _DEFINITION.search(before):
            continue
        found.append((match.group(), _context(prose, match.start(), match.end())))
    return found


def typed_numbers(text: str) -> list[tuple[str, str]]:
    """Return ``(number, context)`` for every decimal number typed into one MyST string."""
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text, math_blocks = _strip_fences(text)
    text = _OPTION_LINE.sub(" ", text)
    text = _ROLE.sub(" ", text)
    text = _CODE_SPAN.sub(" ", text)
    text = _LINK_TARGET.sub("] ", text)
    math = list(math_blocks)

    def keep_math(match: re.Match) -> str:
        math.append(match.group(1))
        return " MATH "

    text = _DISPLAY_MATH.sub(keep_math, text)
    text = _INLINE_MATH.sub(keep_math, text)
    found = _scan_prose(text)
    for block in math:
        found.extend(_scan_math(block))
    return found


def _page(path: Path) -> str:
    return str(path.relative_to(CHAPTERS).with_suffix(""))


def notebook_findings(nb: nbformat.NotebookNode, page: str) -> list[Finding]:
    """Typed numbers in a notebook's markdown cells and metadata figure captions."""
    findings = []
    for index, cell in enumerate(nb.cells):
        texts = []
        if cell.cell_type == "markdown":
            texts.append(("markdown cell", cell.source))
        figure = cell.get("metadata", {}).get("mystnb", {}).get("figure", {})
        if cell.cell_type == "code" and figure.get("caption"):
            texts.append(("caption of code cell", str(figure["caption"])))
        for kind, text in texts:
            for number, context in typed_numbers(text):
                findings.append(Finding(page, f"{kind} {index}", number, context))
    return findings


def all_findings() -> list[Finding]:
    findings = []
    for path in sorted(CHAPTERS.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        findings += notebook_findings(nbformat.read(path, as_version=4), _page(path))
    for path in sorted(CHAPTERS.rglob("*.md")):
        findings += [
            Finding(_page(path), "page", n, c) for n, c in typed_numbers(path.read_text())
        ]
    return findings


def read_allow_list(text: str) -> dict[tuple[str, str], str]:
    """Parse ``page | number | reason`` lines into ``{(page, number): reason}``.

    Blank lines and lines starting with ``#`` are comments.
    """
    allowed = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = [part.strip() for part in line.split("|", 2)]
        if len(parts) != 3 or not all(parts):
            raise ValueError(
                f"{ALLOW_FILE.name}:{lineno}: expected 'page | number | reason', got {line!r}"
            )
        allowed[(parts[0], parts[1])] = parts[2]
    return allowed


# ---------------------------------------------------------------------------------------------
# Self-tests: the scanner must catch what issue 11 found and pass what definitions look like.


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On the test set the best alpha 18.67 wins.", ["18.67"]),
        ("It walks down: steps are 0.48 then 0.16.", ["0.48", "0.16"]),
        ("The first irrelevant weight enters at α ≈ 0.20.", ["0.20"]),
        ("A weight of 4.8e-4 and a tolerance 1e-3.", ["4.8e-4", "1e-3"]),
        (
            "The Lasso keeps 30% of the features (or 12.5 %, 40 percent).",
            ["30%", "12.5 %", "40 percent"],
        ),
        ("L2: $\\sqrt{4 + 9} = \\sqrt{13} \\approx 3.61$.", ["3.61"]),
        ("$$0.6^9 \\approx 0.0101 \\quad (1/3)^5 \\approx 0.4\\%$$", ["0.0101", "0.4\\%"]),
        ("```{admonition} Mean 5.0\nThe mean 5.0 moves.\n```", ["5.0", "5.0"]),
        ("```{exercise}\n:label: ex-a\nShow 2.5 is the answer.\n```", ["2.5"]),
    ],
)
def test_scanner_flags_typed_results(text, expected):
    assert [number for number, _ in typed_numbers(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The bound is $2^{1/p-1}$ and GD needs $\\eta < 2/L$.",
        "For $p = 0.5$ and $\\eta\\lambda = 0.3$: $1 - 2\\eta\\lambda = 1 - 0.4 = 0.6$.",
        "$$\\alpha = \\sigma^2/\\tau^2 = 4/0.25 = 16$$",
        "Take w = (3, -4) and y = (2, 3, 3.5, 5, 11.5), with δ = 1.5 and alpha = 0.01.",
        "The best alpha is {glue:text}`best_alpha:.2f` ({cite:t}`hastie2009`, section 3.4.3).",
        "Call `np.geomspace(0.1, 100, 31)` or `HuberRegressor(epsilon=1.35)`.",
        "```python\nx = 0.48\nprint(f'{x:.2%}')\n```",
        "```{figure} img/ball_0.5.png\n:width: 80%\n:alt: Axes from -1.2 to 1.2.\n"
        "The unit ball.\n```",
        "Built with Jupyter Book 1.0.4; see [the docs](https://example.org/v2.5/page).",
        "Integers are not flagged: 4 of the 7 weights, 20 000 pairs, seed 0.",
        "```{math}\n:label: eq-x\n\\|x\\|_2 = 5.0\n```",
    ],
)
def test_scanner_passes_definitions_and_non_prose(text):
    assert typed_numbers(text) == []


def test_captions_in_cell_metadata_are_scanned_and_alt_text_is_not():
    cell = nbformat.v4.new_code_cell("plt.show()")
    cell.metadata["mystnb"] = {
        "figure": {"caption": "The steps are 0.48 then 0.16.", "name": "fig-x"},
        "image": {"alt": "A line from 0.5 to 1.5."},
    }
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("Fine."), cell])
    findings = notebook_findings(nb, "demo/page")
    assert [(f.where, f.number) for f in findings] == [
        ("caption of code cell 1", "0.48"),
        ("caption of code cell 1", "0.16"),
    ]


def test_allow_list_needs_a_reason():
    assert read_allow_list("# c\n\na/b | 3.61 | hand arithmetic\n") == {
        ("a/b", "3.61"): "hand arithmetic"
    }
    with pytest.raises(ValueError, match="page \\| number \\| reason"):
        read_allow_list("a/b | 3.61\n")


# ---------------------------------------------------------------------------------------------
# The book itself.


def test_no_typed_decimal_numbers_in_chapter_prose():
    allowed = read_allow_list(ALLOW_FILE.read_text()) if ALLOW_FILE.exists() else {}
    findings = all_findings()
    offenders = [f for f in findings if (f.page, f.number) not in allowed]
    used = {(f.page, f.number) for f in findings}
    stale = [f"{page} | {number}" for page, number in allowed if (page, number) not in used]
    message = []
    if offenders:
        message.append(
            "decimal numbers typed into prose or captions; glue them ({glue:text}), write them as"
            f" a definition, or list them with a reason in {ALLOW_FILE.name}:\n  "
            + "\n  ".join(map(str, offenders))
        )
    if stale:
        message.append(
            f"{ALLOW_FILE.name} lines that match nothing any more (remove them):\n  "
            + "\n  ".join(stale)
        )
    assert not message, "\n".join(message)
