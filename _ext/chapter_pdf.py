"""The download menu of each page offers the printed chapter and book, once they exist.

``make pdf`` (tools/pdf.py) prints the book and each chapter and puts the PDFs in the built
site, under ``_pdf/`` (``_pdf/02_losses.pdf``, ``_pdf/book.pdf``); then it calls
:func:`offer_pdfs`, which adds to the theme's download menu of every page a ".pdf" entry
for the page's chapter and one for the whole book. A menu entry is only ever added for a
PDF that is there, so the site has no link to a missing file: after a plain ``make book``
the menu has the theme's entries only.

As a Sphinx extension it does the same at the end of every build, so pages that an
incremental build writes again keep the entries of PDFs made earlier (their content is as
of that ``make pdf``).

Each edition offers its own PDFs: the Korean book (``ko/``, a site of its own inside the
English one) has ``ko/_pdf/``, its menus say so in Korean, and the English pass over the
site leaves the pages under ``ko/`` alone.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

PDF_DIR = "_pdf"
BOOK = "book"
# The theme's download menu: <div class="dropdown dropdown-download-buttons"> ... </ul>
MENU_END = re.compile(r'(<div class="dropdown dropdown-download-buttons">.*?)(\s*</ul>)', re.S)
MARK = "btn-download-printed-pdf"  # our entries, found again to be replaced
# (label, tooltip) of the chapter's and the book's entry, in the page's language.
LABELS = {
    "en": {
        "chapter": ("chapter .pdf", "Download this chapter, printed (no solutions)"),
        BOOK: ("book .pdf", "Download the whole book, printed (no solutions)"),
    },
    "ko": {
        "chapter": ("이 장 .pdf", "이 장을 인쇄본으로 내려받기 (풀이 제외)"),
        BOOK: ("책 전체 .pdf", "책 전체를 인쇄본으로 내려받기 (풀이 제외)"),
    },
}
HTML_LANG = re.compile(r'<html[^>]*\blang="([^"]+)"')
ENTRY = """<li><a href="{href}" target="_blank"
   class="btn btn-sm {mark} dropdown-item"
   title="{title}"
   data-bs-placement="left" data-bs-toggle="tooltip"
>
<span class="btn__icon-container">
  <i class="fas fa-file-pdf"></i>
  </span>
<span class="btn__text-container">{label}</span>
</a>
</li>"""
OURS = re.compile(
    r'\n?<li><a href="[^"]*" target="_blank"\s*class="btn btn-sm ' + MARK + r"\b.*?</li>", re.S
)


def chapter_of(docname: str) -> str | None:
    """The chapter a page belongs to (its folder under chapters/), or None.

    >>> chapter_of("chapters/02_losses/outliers"), chapter_of("glossary")
    ('02_losses', None)

    Chapter 0 (a first look, one page) has no chapter PDF of its own.
    """
    parts = docname.split("/")
    if len(parts) == 3 and parts[0] == "chapters" and not parts[1].startswith("00"):
        return parts[1]
    return None


def entries(docname: str, have: set[str], language: str = "en") -> list[tuple[str, str, str]]:
    """``(pdf name, label, title)`` of each PDF the page's menu offers, among those we have,
    labelled in ``language`` (English for a language without labels).

    >>> [e[0] for e in entries("chapters/02_losses/outliers", {"02_losses", "book"})]
    ['02_losses', 'book']
    >>> [e[0] for e in entries("chapters/02_losses/outliers", {"01_norms"})]
    []
    >>> entries("intro", {"book"}, "ko")[0][1]
    '책 전체 .pdf'
    """
    labels = LABELS.get(language, LABELS["en"])
    found = []
    chapter = chapter_of(docname)
    if chapter in have:
        found.append((chapter, *labels["chapter"]))
    if BOOK in have:
        found.append((BOOK, *labels[BOOK]))
    return found


def set_entries(page_html: str, hrefs: list[tuple[str, str, str]]) -> str:
    """The page whose download menu ends with one entry per ``(href, label, title)``.

    Entries added before are replaced, so a PDF that is gone loses its entry; a page
    without a download menu is returned unchanged.

    >>> menu = '<div class="dropdown dropdown-download-buttons"><ul><li>.ipynb</li></ul></div>'
    >>> page = set_entries(menu, [("_pdf/book.pdf", "book .pdf", "The book")])
    >>> again = set_entries(page, [("_pdf/book.pdf", "book .pdf", "The book")])
    >>> page.count('href="_pdf/book.pdf"'), again == page, set_entries(page, []) == menu
    (1, True, True)
    """
    page_html = OURS.sub("", page_html)
    if not hrefs:
        return page_html
    items = "".join(
        "\n" + ENTRY.format(href=href, label=label, title=title, mark=MARK)
        for href, label, title in hrefs
    )
    return MENU_END.sub(lambda m: f"{m[1]}{items}{m[2]}", page_html, count=1)


def offer_pdfs(outdir: Path) -> int:
    """Make every built page offer the PDFs in ``outdir/_pdf``; returns the pages changed.

    A folder of ``outdir`` with its own ``_static/`` is another edition (``ko/``), with
    its own PDFs: its pages are left alone.
    """
    have = {p.stem for p in (outdir / PDF_DIR).glob("*.pdf")}
    changed = 0
    for page in outdir.rglob("*.html"):
        relative = page.relative_to(outdir)
        if relative.parts[0].startswith("_"):
            continue
        if len(relative.parts) > 1 and (outdir / relative.parts[0] / "_static").is_dir():
            continue
        text = page.read_text(encoding="utf8")
        if not have and MARK not in text:
            continue
        docname = relative.with_suffix("").as_posix()
        language = HTML_LANG.search(text)
        hrefs = [
            (os.path.relpath(outdir / PDF_DIR / f"{name}.pdf", page.parent), label, title)
            for name, label, title in entries(docname, have, language[1] if language else "en")
        ]
        new = set_entries(text, hrefs)
        if new != text:
            page.write_text(new, encoding="utf8")
            changed += 1
    return changed


def _offer_after_build(app, exc) -> None:
    if exc is None and app.builder.format == "html":
        offer_pdfs(Path(app.outdir))


def setup(app):
    app.connect("build-finished", _offer_after_build)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
