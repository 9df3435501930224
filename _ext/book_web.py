"""Small fixes to the HTML that Sphinx and its theme write, so the pages pass axe-core.

* docutils 0.21 writes each bibliography entry as ``<div class="citation"
  role="doc-biblioentry">`` inside ``<div role="list">``. DPUB-ARIA 1.1 deprecates
  ``doc-biblioentry``, and a ``list`` must hold ``listitem`` children, so axe reports a
  *critical* ``aria-required-children`` violation on the references page. The entries are
  list items: say so.
* pydata-sphinx-theme 0.17 gives each chapter of the sidebar a ``<details>`` whose
  ``<summary>`` holds only a chevron icon, so a screen reader announces an unnamed control
  (axe: *serious* ``summary-name``). Each summary is named after its chapter.

The theme's colours are adjusted in ``_static/book.css``.

It also trims the theme's Font Awesome bundle (``_static/scripts/fontawesome.js``, 1.5 MB)
to the icons the built pages and the theme's scripts name (``fa-<icon>``): about 80 kB.
No page loads it any more (``_ext/page_assets.py``: the icons are drawn by Font Awesome's
CSS and webfonts); the trimmed bundle is the list of icons, with their code points, that
the webfonts are cut to.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from bs4 import BeautifulSoup
from sphinx.locale import get_translation
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)
_ = get_translation("sphinx")
FONTAWESOME = Path("_static") / "scripts" / "fontawesome.js"
# One icon of the bundle: name:[width,height,[aliases],"unicode","svg path"] (the name is
# quoted when it has a hyphen; brand and solid sets use the same form).
ICON = re.compile(
    r'(?<=[{,])"?(?P<name>[a-z0-9-]+)"?:\[\d+,\d+,\[(?P<aliases>[^\]]*)\],"[0-9a-f]+",'
    r'(?:"(?:[^"\\]|\\.)*"|\[[^\]]*\])\]'
)
ICON_CLASS = re.compile(r"\bfa-([a-z0-9-]+)")

BIBLIOENTRY = 'role="doc-biblioentry"'
# <a ...>Chapter title</a><details><summary><span class="toctree-toggle" ...
NAMELESS_SUMMARY = re.compile(
    r'(<a class="[^"]*reference internal" href="[^"]*">(?P<title>.*?)</a>\s*<details[^>]*>\s*)'
    r"<summary>"
)


def _name_summaries(toctree_html: str) -> str:
    def named(match: re.Match) -> str:
        title = html.unescape(re.sub(r"<[^>]+>", "", match["title"])).strip()
        # Through Sphinx's translations, so the Korean pages name it in Korean
        # (_ext/language_switch.py's THEME_WORDS).
        label = html.escape(str(_("Sections of {title}")).format(title=title), quote=True)
        return f'{match[1]}<summary aria-label="{label}">'

    named_html = NAMELESS_SUMMARY.sub(named, str(toctree_html))
    if isinstance(toctree_html, str):
        return named_html
    # The theme asked for a soup (kind="raw"): parse it the way the theme does.
    return BeautifulSoup(named_html, "html.parser")


def _fix_page(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if isinstance(body, str) and BIBLIOENTRY in body:
        context["body"] = body.replace(BIBLIOENTRY, 'role="listitem"')

    generate = context.get("generate_toctree_html")
    if generate is not None and not getattr(generate, "names_summaries", False):

        def generate_named(*args, **kwargs):
            return _name_summaries(generate(*args, **kwargs))

        generate_named.names_summaries = True
        context["generate_toctree_html"] = generate_named


def _icon_names(outdir: Path) -> set[str]:
    """Every `fa-<name>` in the built pages and in the scripts they load (not FA itself),
    leaving out another edition's files (a folder with its own `_static`: the Korean `ko/`
    that `make book-ko` puts in the site), so that what an earlier build left does not count."""
    names: set[str] = set()
    editions = {static.parent for static in outdir.glob("*/_static")}
    for path in outdir.rglob("*"):
        if editions.intersection(path.parents):
            continue
        if path.suffix in (".html", ".js") and path != outdir / FONTAWESOME:
            names.update(ICON_CLASS.findall(path.read_text(encoding="utf8", errors="ignore")))
    return names


def trim_fontawesome(source: str, used: set[str]) -> str:
    """The bundle with only the icons whose name or an alias is in `used`."""

    def keep_or_drop(match: re.Match) -> str:
        aliases = {a.strip('"') for a in match["aliases"].split(",") if a.startswith('"')}
        return match[0] if ({match["name"]} | aliases) & used else "\0"

    trimmed = ICON.sub(keep_or_drop, source)
    return re.sub(r"\0,|,\0|\0", "", trimmed)


def _trim_fontawesome(app, exc) -> None:
    if exc is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    bundle = outdir / FONTAWESOME
    if not bundle.exists():
        return
    source = bundle.read_text(encoding="utf8")
    trimmed = trim_fontawesome(source, _icon_names(outdir))
    if len(trimmed) < len(source):
        bundle.write_text(trimmed, encoding="utf8")
        LOGGER.info(f"[book_web] {FONTAWESOME}: {len(source)} -> {len(trimmed)} bytes")


def setup(app):
    # After the theme (priority 500) has put its toctree function in the context.
    app.connect("html-page-context", _fix_page, priority=900)
    app.connect("build-finished", _trim_fontawesome)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
