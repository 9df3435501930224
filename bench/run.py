"""`make bench`: what readers and contributors feel, measured side by side with the peers.

Prints one table and writes it, with the machine it ran on, to bench/RESULTS.md. Every row is
the median of several runs (the count is in the row); a ratio row names both sides and was
measured in the same process / the same run. Run after `make book` (the page weights are read
from _build/html). Not part of `make test`: timings are measured, never asserted.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import platform
import re
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
BIN = Path(sys.executable).parent
QUICK = os.environ.get("BENCH_QUICK") == "1"  # fewer repeats, for trying the script out

rows: list[tuple[str, str, str, str]] = []  # (section, what, measured, target / note)


def add(section: str, what: str, measured: str, note: str = "") -> None:
    rows.append((section, what, measured, note))
    print(f"  {what:<58} {measured:<34} {note}", flush=True)


def timed(fn, repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1e3:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def run(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


# -- contributor loop ---------------------------------------------------------------------
def contributor_loop() -> None:
    print("Contributor loop", flush=True)
    jb = [str(BIN / "jupyter-book"), "build", ".", "-W", "-n", "--keep-going"]
    repeats = 1 if QUICK else 3
    run(jb)  # bring the build up to date first
    t = [run(jb) for _ in range(repeats)]
    add(
        "contributor",
        "book build, nothing changed",
        f"{fmt_s(statistics.median(t))} (n={repeats})",
    )
    notebooks = sorted((ROOT / "chapters").glob("*/*.ipynb"))
    touched = []
    for _ in range(repeats):
        os.utime(notebooks[-1])
        touched.append(run(jb))
    add(
        "contributor",
        f"book build after touching {notebooks[-1].parent.name}/{notebooks[-1].name}",
        f"{fmt_s(statistics.median(touched))} (n={repeats})",
    )

    floor_code = (
        "from jupyter_client.manager import start_new_kernel\n"
        "km, kc = start_new_kernel(kernel_name='python3')\n"
        "kc.execute_interactive('import numpy, matplotlib.pyplot, lib', timeout=120)\n"
        "kc.stop_channels(); km.shutdown_kernel(now=True)\n"
    )
    floor = [run([sys.executable, "-c", floor_code]) for _ in range(repeats)]
    floor_median = statistics.median(floor)
    add(
        "contributor",
        "floor: start a bare kernel + import numpy, matplotlib, lib",
        f"{fmt_s(floor_median)} (n={repeats})",
    )
    sanitize = ["--nbval-sanitize-with", "tests/nbval_sanitize.cfg"]
    for nb in notebooks:
        t = run([sys.executable, "-m", "pytest", "-q", "--nbval", *sanitize, str(nb)])
        add(
            "contributor",
            f"strict nbval {nb.parent.name}/{nb.name}",
            f"{fmt_s(t)} (n=1)",
            f"{t / floor_median:.1f}x the floor",
        )
    if not QUICK:
        make_test_stages()


def make_test_stages() -> None:
    """Each stage of `make test` alone, then the whole (its stages run two at a time)."""
    stages = {
        "lint": ["make", "--no-print-directory", "lint"],
        "unit (doctests + tests, not browser)": ["make", "--no-print-directory", "unit"],
        "strict nbval (figures compared)": ["make", "--no-print-directory", "nbval"],
        "strict build (--all)": ["make", "--no-print-directory", "build-strict"],
        "browser tests (on that build)": [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "tests",
            "-m",
            "browser",
        ],
    }
    for what, cmd in stages.items():
        add("contributor", f"make test stage: {what}", f"{fmt_s(run(cmd))} (n=1)")
    t = run(["make", "test"])
    add("contributor", "make test (venv set up), wall time", f"{fmt_s(t)} (n=1)", "goal < 180 s")


# -- live interactivity -------------------------------------------------------------------
def live_sliders() -> None:
    print("Live interactivity (one slider update = recompute + redraw to PNG)", flush=True)
    import lib.figures
    from lib.widgets import timing_of_updates

    for info in pkgutil.iter_modules(lib.figures.__path__):
        module = importlib.import_module(f"lib.figures.{info.name}")
        for name, build in getattr(module, "SLIDERS", {}).items():
            figure = build()
            figure.render(figure.values[0])  # warm-up: first draw loads fonts
            times = timing_of_updates(figure, repeats=2 if QUICK else 5)
            med, p95 = np.median(times), np.percentile(times, 95)
            add(
                "live",
                f"{info.name}: {name} ({len(figure.values)} values)",
                f"median {fmt_s(med)}, p95 {fmt_s(p95)} (n={times.size})",
                "target < 30 ms median: " + ("met" if med < 0.030 else "NOT met"),
            )


def _fit(cls, alpha, X, y):
    return cls(alpha=alpha).fit(X, y)


# -- import cost ------------------------------------------------------------------------------
def _import_seconds(module: str) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True)
    return float(out.stdout)


def import_cost() -> None:
    print("Import cost (each import in a fresh interpreter)", flush=True)
    repeats = 3 if QUICK else 9
    lib_t, numpy_t = [], []
    for _ in range(repeats):  # interleaved, so both see the same machine load
        numpy_t.append(_import_seconds("numpy"))
        lib_t.append(_import_seconds("lib"))
    t_lib, t_numpy = statistics.median(lib_t), statistics.median(numpy_t)
    add(
        "import",
        "import lib vs import numpy (fresh interpreters)",
        f"{fmt_s(t_lib)} vs {fmt_s(t_numpy)}: ratio {t_lib / t_numpy:.2f} (n={repeats})",
        f"target ratio <= 3: {'met' if t_lib <= 3 * t_numpy else 'NOT met'}",
    )


# -- solvers vs scikit-learn ----------------------------------------------------------------
def solvers() -> None:
    print("Solvers vs scikit-learn (same data, same alphas, same process)", flush=True)
    import warnings

    from sklearn import linear_model as sk

    import lib.solvers as lib
    from lib.datasets import load_diabetes

    repeats = 3 if QUICK else 7
    X, y, _ = load_diabetes(standardize=True)
    y = y - y.mean()
    alpha_max = np.max(np.abs(X.T @ y)) / len(y)
    alphas = alpha_max * np.logspace(0, -3, 100)
    ours = lib.lasso_path(X, y, alphas)
    _, theirs, _ = sk.lasso_path(X, y, alphas=alphas, tol=1e-10, max_iter=100_000)
    diff = np.abs(ours - theirs.T).max()
    t_ours = statistics.median(timed(lambda: lib.lasso_path(X, y, alphas), repeats))
    t_sk = statistics.median(
        timed(lambda: sk.lasso_path(X, y, alphas=alphas, tol=1e-10, max_iter=100_000), repeats)
    )
    add(
        "solvers",
        "lib.lasso_path vs sklearn lasso_path (diabetes std, 100 alphas)",
        f"{fmt_s(t_ours)} vs {fmt_s(t_sk)}: ratio {t_ours / t_sk:.2f}",
        f"target ratio <= 1.0: {'met' if t_ours <= t_sk else 'NOT met'}; "
        f"max |coef diff| {diff:.1e}",
    )
    t_sk_default = statistics.median(timed(lambda: sk.lasso_path(X, y, alphas=alphas), repeats))
    add(
        "solvers",
        "  (sklearn lasso_path at its default tol=1e-4, less exact)",
        f"{fmt_s(t_sk_default)}: ratio {t_ours / t_sk_default:.2f}",
    )

    ridge_alphas = np.logspace(-3, 4, 100)
    ours_r = lib.ridge_path(X, y, ridge_alphas)
    theirs_r = np.array(
        [sk.Ridge(alpha=a, fit_intercept=False).fit(X, y).coef_ for a in ridge_alphas]
    )
    t_ours = statistics.median(timed(lambda: lib.ridge_path(X, y, ridge_alphas), repeats))

    def sk_ridge_100():
        for a in ridge_alphas:
            sk.Ridge(alpha=a, fit_intercept=False).fit(X, y)

    t_sk = statistics.median(timed(sk_ridge_100, repeats))
    add(
        "solvers",
        "lib.ridge_path vs 100 x sklearn Ridge().fit (diabetes std)",
        f"{fmt_s(t_ours)} vs {fmt_s(t_sk)}: {t_sk / t_ours:.0f}x faster",
        f"target >= 20x: {'met' if t_sk / t_ours >= 20 else 'NOT met'}; "
        f"max |coef diff| {np.abs(ours_r - theirs_r).max():.1e}",
    )

    rng = np.random.default_rng(0)
    sizes = [(442, 10), (1_000, 100)] + ([] if QUICK else [(10_000, 1_000)])
    for n, p in sizes:
        if (n, p) == (442, 10):
            Xs, ys = X, y
        else:
            Xs = rng.standard_normal((n, p))
            coef = np.zeros(p)
            coef[: max(1, p // 10)] = rng.uniform(1, 3, max(1, p // 10))
            ys = Xs @ coef + rng.standard_normal(n)
        reps = repeats if n * p <= 100_000 else 3
        for name, ours_cls, sk_cls, alpha in [
            ("Lasso", lib.Lasso, sk.Lasso, 0.1),
            ("Ridge", lib.Ridge, sk.Ridge, 1.0),
        ]:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                a = ours_cls(alpha=alpha).fit(Xs, ys)
                b = sk_cls(alpha=alpha).fit(Xs, ys)
                t_ours = statistics.median(timed(partial(_fit, ours_cls, alpha, Xs, ys), reps))
                t_sk = statistics.median(timed(partial(_fit, sk_cls, alpha, Xs, ys), reps))
            add(
                "solvers",
                f"lib.{name}().fit vs sklearn {name}().fit, {n}x{p}",
                f"{fmt_s(t_ours)} vs {fmt_s(t_sk)}: ratio {t_ours / t_sk:.2f}",
                f"max |coef diff| {np.abs(a.coef_ - b.coef_).max():.1e}",
            )


def robust_fits() -> None:
    """A refit under each loss on the outlier slider's scale (30 points): one slider step."""
    print("Robust fits (30 points, one refit per slider step)", flush=True)
    from lib.robust import fit_line

    rng = np.random.default_rng(0)
    x = np.linspace(0, 10, 30)
    y = 0.5 * x + rng.normal(size=30)
    for loss in ("l2", "l1", "huber"):
        t = statistics.median(
            timed(lambda loss=loss: fit_line(x, y, loss=loss), 3 if QUICK else 51)
        )
        add(
            "robust",
            f"fit_line, loss={loss!r}, 30 points",
            fmt_s(t),
            "keeps a slider step < 30 ms",
        )


# -- pages ----------------------------------------------------------------------------------
def pages() -> None:
    """What a reader waits for, per page: bench/pages.py (cold loads in headless Chromium)."""
    print("Pages (cold loads in headless Chromium, beside the HTML-only floor)", flush=True)
    if not (HTML / "index.html").exists():
        add("pages", "no built book", "run `make book` first")
        return
    sys.path.insert(0, str(ROOT / "bench"))
    from pages import format_rows, measure_pages

    for what, measured, note in format_rows(measure_pages(runs=1 if QUICK else 5)):
        add("pages", what, measured, note)


def write_results() -> None:
    cpu = "unknown"
    if Path("/proc/cpuinfo").exists():
        match = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())
        cpu = match.group(1) if match else cpu
    lines = [
        "# Benchmark results",
        "",
        "Generated by `make bench` (bench/run.py); do not edit by hand.",
        "",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {platform.machine()}, {os.cpu_count()} cores, {cpu}",
        f"- Python {platform.python_version()}, numpy {np.__version__}",
        f"- Mode: {'quick (BENCH_QUICK=1)' if QUICK else 'full'}",
        "",
        "| section | what | measured (median) | target / note |",
        "|---|---|---|---|",
    ]
    lines += [f"| {s} | {w.strip()} | {m} | {n} |" for s, w, m, n in rows]
    (ROOT / "bench" / "RESULTS.md").write_text("\n".join(lines) + "\n")
    print(f"\nwrote {ROOT / 'bench' / 'RESULTS.md'}")


def main() -> int:
    start = time.perf_counter()
    import_cost()
    live_sliders()
    solvers()
    robust_fits()
    pages()
    contributor_loop()
    write_results()
    print(f"bench finished in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
