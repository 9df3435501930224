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
"""

from __future__ import annotations

import html
import re

BIBLIOENTRY = 'role="doc-biblioentry"'
# <a ...>Chapter title</a><details><summary><span class="toctree-toggle" ...
NAMELESS_SUMMARY = re.compile(
    r'(<a class="[^"]*reference internal" href="[^"]*">(?P<title>.*?)</a>\s*<details[^>]*>\s*)'
    r"<summary>"
)


def _name_summaries(toctree_html: str) -> str:
    def named(match: re.Match) -> str:
        title = html.unescape(re.sub(r"<[^>]+>", "", match["title"])).strip()
        label = html.escape(f"Sections of {title}", quote=True)
        return f'{match[1]}<summary aria-label="{label}">'

    return type(toctree_html)(NAMELESS_SUMMARY.sub(named, str(toctree_html)))


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


def setup(app):
    # After the theme (priority 500) has put its toctree function in the context.
    app.connect("html-page-context", _fix_page, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
