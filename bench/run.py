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

    floor_code = (  # the kernel make test's nbval uses (tools/kernels.py)
        "from tools.kernels import BookKernelManager\n"
        "km = BookKernelManager(kernel_name='python3'); km.start_kernel()\n"
        "kc = km.client(); kc.start_channels(); kc.wait_for_ready(timeout=120)\n"
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
    sanitize = ["--nbval-sanitize-with", "tests/nbval_sanitize.cfg", "-p", "tests.nbval_kernels"]
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
    """Each stage of `make test` alone, then the whole (its stages run side by side)."""
    stages = {  # one Makefile target per stage of `make test`
        "lint": "lint",
        "unit-a": "unit-a",
        "unit-b (with doctests)": "unit-b",
        "nbval-a": "nbval-a",
        "nbval-b": "nbval-b",
        "nbval-ko (the Korean notebooks)": "nbval-ko",
        "strict builds, English and Korean side by side": "build-both",
        "browser tests, both editions": "browser-tests",
    }
    for what, target in stages.items():
        load = os.getloadavg()[0]
        t = run(["make", "--no-print-directory", target])
        add("contributor", f"make test stage: {what}", f"{fmt_s(t)} (n=1)", f"load {load:.1f}")
    load = os.getloadavg()[0]
    t = run(["make", "test"])
    add(
        "contributor",
        "make test (venv set up), wall time",
        f"{fmt_s(t)} (n=1)",
        f"goal < 180 s; load {load:.1f} at the start",
    )


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


def _lasso_objective(X, y, model, alpha) -> float:
    """||y - Xw - b||^2 / (2n) + alpha ||w||_1 of a fitted Lasso (scikit-learn's objective)."""
    r = y - X @ model.coef_ - model.intercept_
    return float(r @ r / (2 * len(y)) + alpha * np.abs(model.coef_).sum())


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
def _sparse_problem(n: int, p: int, seed: int = 0):
    """Gaussian X; y from min(n, p) // 10 non-zero weights (at least 1) plus unit noise."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    coef = np.zeros(p)
    k = max(1, min(n, p) // 10)
    coef[:k] = rng.uniform(1, 3, k)
    return X, X @ coef + rng.standard_normal(n)


def _plain_row(what, timing, note=""):
    """One row without a target: both medians and the median of the paired ratios."""
    add("solvers", what, f"{fmt_s(timing[0])} vs {fmt_s(timing[1])}: ratio {timing[2]:.2f}", note)


def _ratio_row(what, timing, target, note=""):
    """One row: both medians and the median of the paired ratios (see _interleaved)."""
    t_ours, t_sk, ratio = timing
    met = "met" if ratio <= target else "NOT met"
    add(
        "solvers",
        what,
        f"{fmt_s(t_ours)} vs {fmt_s(t_sk)}: ratio {ratio:.2f}",
        f"target ratio <= {target:g}: {met}" + (f"; {note}" if note else ""),
    )


def _pair_counts(ours, theirs, repeats: int) -> int:
    """Pairs to time for one comparison: ``repeats``, at least 31 when a call takes under
    20 ms and 9 under 0.5 s (on a shared machine short calls come in bursts)."""
    t_ours, t_sk = timed(ours, 1), timed(theirs, 1)  # (also the warm-up, not counted)
    slowest = max(t_ours[0], t_sk[0])
    return max(repeats, 31) if slowest < 0.020 else max(repeats, 9) if slowest < 0.5 else repeats


def _interleaved(comparisons: list[tuple], rounds: int = 5) -> list[tuple[float, float, float]]:
    """For each ``(ours, theirs, repeats)``: the medians of ours() and theirs() and the median
    of their paired ratios.

    The two are timed in pairs, one right after the other, the order alternating (ours
    first, then theirs first), so a change of machine load or a call's effect on the next
    (BLAS threads waking up) falls on both sides alike; the ratio of each pair is taken.
    The pairs of all comparisons are spread over ``rounds`` rounds (each round times a
    share of every comparison's pairs), so a burst of load from another job spoils a few
    pairs of each comparison instead of all the pairs of one."""
    counts = [_pair_counts(ours, theirs, repeats) for ours, theirs, repeats in comparisons]
    times: list[tuple[list[float], list[float]]] = [([], []) for _ in comparisons]
    for r in range(rounds):
        for (ours, theirs, _), count, (t_ours, t_sk) in zip(
            comparisons, counts, times, strict=True
        ):
            share = count * (r + 1) // rounds - count * r // rounds
            for _ in range(share):
                if len(t_ours) % 2:
                    t_sk += timed(theirs, 1)
                    t_ours += timed(ours, 1)
                else:
                    t_ours += timed(ours, 1)
                    t_sk += timed(theirs, 1)
    return [
        (
            statistics.median(t_ours),
            statistics.median(t_sk),
            statistics.median([a / b for a, b in zip(t_ours, t_sk, strict=True)]),
        )
        for t_ours, t_sk in times
    ]


def _load() -> str:
    """The machine's load averages (1, 5, 15 minutes): timings here are only comparable
    within one run, and only when the load was low."""
    if not hasattr(os, "getloadavg"):
        return "load average unknown"
    return "load average " + ", ".join(f"{v:.2f}" for v in os.getloadavg())


def solvers() -> None:
    print("Solvers vs scikit-learn (same data, same alphas, same process)", flush=True)
    import warnings

    from sklearn import linear_model as sk

    import lib.solvers as lib
    from lib.datasets import load_diabetes

    add("solvers", "machine load at the start of this section", _load())
    repeats = 3 if QUICK else 7
    warnings.simplefilter("ignore")  # scikit-learn at its default tol may not converge
    X, y, _ = load_diabetes(standardize=True)
    y = y - y.mean()
    exact = {"tol": 1e-10, "max_iter": 100_000}  # scikit-learn at our default tolerance

    comparisons, rows_out = [], []  # (ours, theirs, repeats); how to print each result

    # lasso_path: ours is exact (homotopy, or coordinate descent polished on the support)
    for name, (Xp, yp) in [
        ("diabetes std, 442x10", (X, y)),
        ("Gaussian 1000x200", _sparse_problem(1_000, 200)),
    ]:
        alphas = lib.lasso_alpha_max(Xp, yp) * np.logspace(0, -3, 100)
        ours = lib.lasso_path(Xp, yp, alphas)
        theirs = sk.lasso_path(Xp, yp, alphas=alphas, **exact)[1].T
        comparisons.append(
            (
                partial(lib.lasso_path, Xp, yp, alphas),
                partial(sk.lasso_path, Xp, yp, alphas=alphas, **exact),
                repeats,
            )
        )
        rows_out.append(
            partial(
                _ratio_row,
                f"lib.lasso_path vs sklearn lasso_path tol=1e-10, {name}, 100 alphas",
                target=1.0,
                note=f"max |coef diff| {np.abs(ours - theirs).max():.1e}",
            )
        )

    # enet_path on wide data: scikit-learn's default grid (100 alphas down to 1e-3 alpha_max)
    Xw, yw = _sparse_problem(50, 2_000)
    alphas = sk.enet_path(Xw, yw, l1_ratio=0.5)[0]
    ours = lib.enet_path(Xw, yw, alphas, l1_ratio=0.5)
    theirs = sk.enet_path(Xw, yw, l1_ratio=0.5, alphas=alphas)[1].T
    comparisons.append(
        (
            partial(lib.enet_path, Xw, yw, alphas, l1_ratio=0.5),
            partial(sk.enet_path, Xw, yw, l1_ratio=0.5, alphas=alphas),
            3 if QUICK else 5,
        )
    )
    rows_out.append(
        partial(
            _ratio_row,
            "lib.enet_path vs sklearn enet_path (default tol), 50x2000, l1_ratio=0.5, 100 alphas",
            target=3.0,
            note=f"max |coef diff| {np.abs(ours - theirs).max():.1e} (ours exact, theirs "
            "tol=1e-4)",
        )
    )

    ridge_alphas = np.logspace(-3, 4, 100)
    ours_r = lib.ridge_path(X, y, ridge_alphas)
    theirs_r = np.array(
        [sk.Ridge(alpha=a, fit_intercept=False).fit(X, y).coef_ for a in ridge_alphas]
    )

    def sk_ridge_100():
        for a in ridge_alphas:
            sk.Ridge(alpha=a, fit_intercept=False).fit(X, y)

    ridge_diff = np.abs(ours_r - theirs_r).max()

    def ridge_row(timing):
        t_ours, t_sk, ratio = timing
        add(
            "solvers",
            "lib.ridge_path vs 100 x sklearn Ridge().fit (diabetes std)",
            f"{fmt_s(t_ours)} vs {fmt_s(t_sk)}: {1 / ratio:.0f}x faster",
            f"target >= 20x: {'met' if ratio <= 1 / 20 else 'NOT met'}; "
            f"max |coef diff| {ridge_diff:.1e}",
        )

    comparisons.append((partial(lib.ridge_path, X, y, ridge_alphas), sk_ridge_100, repeats))
    rows_out.append(ridge_row)

    # estimators at their defaults (scikit-learn tol=1e-4; ours polishes to the exact optimum)
    sizes = [(442, 10), (1_000, 100), (200, 5_000)] + ([] if QUICK else [(10_000, 1_000)])
    for n, p in sizes:
        Xs, ys = (X, y) if (n, p) == (442, 10) else _sparse_problem(n, p)
        reps = repeats if n * p <= 100_000 else 5
        for name, ours_cls, sk_cls, alpha, target in [
            ("Lasso", lib.Lasso, sk.Lasso, 0.1, 1.5),
            ("Ridge", lib.Ridge, sk.Ridge, 1.0, None),
        ]:
            a = ours_cls(alpha=alpha).fit(Xs, ys)
            b = sk_cls(alpha=alpha).fit(Xs, ys)
            comparisons.append(
                (
                    partial(_fit, ours_cls, alpha, Xs, ys),
                    partial(_fit, sk_cls, alpha, Xs, ys),
                    reps,
                )
            )
            what = f"lib.{name}().fit vs sklearn {name}().fit, {n}x{p}"
            note = f"max |coef diff| {np.abs(a.coef_ - b.coef_).max():.1e}"
            if target is None:
                rows_out.append(partial(_plain_row, what, note=note))
            else:  # same objective: ours must be as low, at a duality gap at least as small
                f_ours, f_sk = (_lasso_objective(Xs, ys, m, alpha) for m in (a, b))
                note += (
                    f"; objective ours - sklearn {f_ours - f_sk:.1e}, duality gap "
                    f"{a.dual_gap_:.1e} vs {b.dual_gap_:.1e}"
                )
                rows_out.append(partial(_ratio_row, what, target=target, note=note))

    for row, timing in zip(rows_out, _interleaved(comparisons), strict=True):
        row(timing=timing)
    add("solvers", "machine load at the end of this section", _load())
    warnings.resetwarnings()


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


SECTIONS = {
    "import": import_cost,
    "live": live_sliders,
    "solvers": solvers,
    "robust": robust_fits,
    "pages": pages,
    "contributor": contributor_loop,
}


def main(argv: list[str]) -> int:
    """Run every section (and write bench/RESULTS.md), or only the sections named in argv
    (printed only: `python bench/run.py solvers`)."""
    unknown = set(argv) - set(SECTIONS)
    if unknown:
        print(f"unknown section(s) {sorted(unknown)}; choose from {sorted(SECTIONS)}")
        return 2
    start = time.perf_counter()
    for name, section in SECTIONS.items():
        if not argv or name in argv:
            section()
    if not argv:
        write_results()
    print(f"bench finished in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
