"""What a reader waits for: every page of the built book, loaded cold in headless Chromium.

For each page of `_toc.yml`, in both editions (English at the root, Korean under `ko/` when
`make book-ko` has built it), the median of `runs` loads, each in a new browser context (an
empty cache, as on a first visit), of

* bytes (transferred, headers included) and requests: everything the page asks for until
  the network is idle (fonts and late images included);
* first contentful paint (FCP) and the `load` event, in ms from navigation start;
* when the theme's scripts, which _ext/page_assets.py runs after `load` (they add
  controls to the drawn page), have all run: the page's `book-scripts-run` mark;

beside a floor measured in the same run: the same page's HTML with its images but no
style sheet, preload or script (a slider's JSON data stays: it is content). The floor is
served by the same server (the page's file with those tags cut out, on each request), each
load in a new context too, right after the page's own load; it asks for the same image
URLs as the page. The goal is `load` within 2x the floor; the paired per-run ratios show
how much the machine's load moved it. On slider pages, the static slider's input-to-frame time is
measured too: from the `input` event to the second animation frame after the new frame
is decoded (the frame is on screen then).

`--network slow4g` throttles Chromium to Lighthouse's mobile profile (150 ms round trip,
1.6 Mbit/s down), which shows what the bytes cost on a phone; the default is the loopback.

Run after `make book`:  .venv/bin/python bench/pages.py [--runs 5] [--network slow4g]
`bench/run.py` calls `measure_pages()` and `format_rows()` for `make bench`.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import re
import statistics
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "browser")]
from book_site import CHROMIUM, CHROMIUM_ARGS, VIEWPORT  # noqa: E402  (one Chromium set-up)

from tools.book_toc import toc_docnames  # noqa: E402  (one toc reader)

FLOOR_QUERY = "floor"
# Lighthouse's mobile throttling ("slow 4G"): 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up.
NETWORKS = {
    "loopback": None,
    "slow4g": {
        "offline": False,
        "latency": 150,
        "downloadThroughput": 1.6e6 / 8,
        "uploadThroughput": 750e3 / 8,
    },
}
# Everything in the document head or body that makes the page more than HTML + images
# (a slider's frames, inline JSON data, stay: they are the page's content).
NOT_FLOOR = re.compile(
    r'<script\b(?![^>]*type="application/json").*?</script>|<style\b.*?</style>'
    r"|<link\b[^>]*\brel=\"(?:stylesheet|preload|modulepreload|prefetch)\"[^>]*>",
    re.S | re.I,
)

PAGE_TIMES = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const resources = performance.getEntriesByType("resource");
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  const run = performance.getEntriesByName("book-scripts-run")[0];
  return {
    bytes: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
    requests: 1 + resources.length,
    fcp: fcp ? fcp.startTime : null,
    load: nav.loadEventStart,
    scripts: run ? run.startTime : null,
  };
}"""

# One step of a static slider, timed from the `input` event to the second animation frame
# after the new frame image is decoded (the first paints it, the second starts after).
SLIDER_STEP = """async (figure) => {
  const input = figure.querySelector("input[type=range]");
  const img = figure.querySelector("img.slider-figure-frame");
  const times = [];
  const next = () => new Promise((done) => requestAnimationFrame(done));
  for (let k = 0; k < 10; k++) {
    await next();
    const value = Number(input.value);
    const i = value < Number(input.max) ? value + 1 : Number(input.min);
    const start = performance.now();
    input.value = String(i);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await img.decode();
    await next();
    await next();
    times.push(performance.now() - start);
  }
  return times;
}"""


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the book; `page.html?floor` is the page without its CSS and scripts."""

    def log_message(self, *args):  # the bench prints its own table
        pass

    def do_GET(self):  # noqa: N802 (http.server's name)
        url = urlsplit(self.path)
        if url.query != FLOOR_QUERY:
            return super().do_GET()
        path = Path(self.directory) / unquote(url.path).lstrip("/")
        body = NOT_FLOOR.sub("", path.read_text(encoding="utf8")).encode("utf8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A context closed while a response was still being sent (a script the page asked
        # for after `load`): not the book's error, and the traceback would hide the table.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_Handler, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _cold_load(browser, url: str, network: dict | None) -> dict:
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        if network is not None:
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", network)
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        return page.evaluate(PAGE_TIMES)
    finally:
        context.close()


def _slider_ms(browser, url: str) -> list[float]:
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        figures = page.locator("figure.slider-figure")
        times: list[float] = []
        for n in range(figures.count()):
            times += figures.nth(n).evaluate(SLIDER_STEP)
        return times
    finally:
        context.close()


def _median(rows: list[dict], key: str) -> float | None:
    values = [row[key] for row in rows if row[key] is not None]
    return statistics.median(values) if values else None


def _docnames(html: Path) -> list[str]:
    """Every page of the toc, English first, then the Korean edition's (if built)."""
    names = toc_docnames()
    korean = [f"ko/{name}" for name in names] if (html / "ko" / "index.html").exists() else []
    return names + korean


def measure_pages(
    html: Path = HTML, runs: int = 5, network: str = "loopback", pages: list[str] | None = None
) -> list[dict]:
    """One dict per page: medians of `runs` cold loads of the page and of its floor."""
    from playwright.sync_api import sync_playwright

    if not (html / "index.html").exists():
        raise SystemExit(f"no built book in {html}: run `make book` first")
    server, base = _serve(html)
    results = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            for docname in pages or _docnames(html):
                if not (html / f"{docname}.html").exists():
                    print(f"{docname}: not built, skipped", file=sys.stderr)
                    continue
                url = f"{base}/{docname}.html"
                page_runs, floor_runs = [], []
                for _ in range(runs):  # interleaved, so both see the same machine load
                    page_runs.append(_cold_load(browser, url, NETWORKS[network]))
                    floor_runs.append(
                        _cold_load(browser, f"{url}?{FLOOR_QUERY}", NETWORKS[network])
                    )
                row = {"page": docname, "runs": runs, "network": network}
                for key in ("bytes", "requests", "fcp", "load", "scripts"):
                    row[key] = _median(page_runs, key)
                    row[f"floor_{key}"] = _median(floor_runs, key)
                # Each load beside the floor load measured just after it: the spread shows
                # how much the machine's load moved the ratio between runs.
                row["paired"] = sorted(
                    a["load"] / b["load"]
                    for a, b in zip(page_runs, floor_runs, strict=True)
                    if b["load"]
                )
                if 'class="slider-figure"' in (html / f"{docname}.html").read_text("utf8"):
                    times = _slider_ms(browser, url)
                    row["slider_ms"] = statistics.median(times)
                    row["slider_steps"] = len(times)
                results.append(row)
            browser.close()
    finally:
        server.shutdown()
    return results


def format_rows(results: list[dict]) -> list[tuple[str, str, str]]:
    """(what, measured, target / note) rows for bench/run.py's table."""
    rows = []
    for r in results:
        ratio = r["load"] / r["floor_load"] if r["floor_load"] else float("nan")
        budget = r["bytes"] <= 1.0e6 and r["requests"] <= 25
        rows.append(
            (
                f"{r['page']} ({r['network']})",
                f"{r['bytes'] / 1e3:.0f} kB, {r['requests']:.0f} req, FCP {r['fcp']:.0f} ms, "
                f"load {r['load']:.0f} ms vs floor {r['floor_load']:.0f} ms "
                f"({r['floor_bytes'] / 1e3:.0f} kB)"
                + (f", theme scripts run by {r['scripts']:.0f} ms" if r["scripts"] else "")
                + f" (n={r['runs']})",
                f"load {ratio:.1f}x floor (runs {r['paired'][0]:.1f}-{r['paired'][-1]:.1f}x; "
                f"goal <= 2x: {'met' if ratio <= 2 else 'NOT met'}); "
                f"<= 1.0 MB and <= 25 requests: {'met' if budget else 'NOT met'}",
            )
        )
        if "slider_ms" in r:
            rows.append(
                (
                    f"{r['page']}: static slider, input to painted frame",
                    f"median {r['slider_ms']:.1f} ms (n={r['slider_steps']})",
                    "goal: two animation frames (33 ms at 60 Hz)",
                )
            )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--network", choices=sorted(NETWORKS), default="loopback")
    parser.add_argument("--html", type=Path, default=HTML, help="the built book (_build/html)")
    parser.add_argument(
        "pages", nargs="*", help="docnames, ko/<docname> in Korean (default: every page of both)"
    )
    args = parser.parse_args()
    results = measure_pages(args.html, args.runs, args.network, args.pages or None)
    for what, measured, note in format_rows(results):
        print(f"{what:<58} {measured:<70} {note}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
