r"""Coordinate descent on a small problem in Gram form, finished exactly on its support.

The problem (``G = X^T X``, ``Xty = X^T y``, ``yty = y^T y``; scaled so that ``G`` has
entries of order 1) is

.. math:: \min_w\ \tfrac12\|y - Xw\|_2^2 + l_1\|w\|_1 + \tfrac{l_2}2\|w\|_2^2 .

:mod:`lib.solvers.coordinate_descent` calls it on the Gram matrix of a *working set* of
features (a few columns of ``X``), so ``G`` here is small even when ``X`` is wide.
"""

from __future__ import annotations

import contextlib

import numpy as np

_BLAS = None  # threadpoolctl's controller, made on first use (it scans the loaded libraries)
_PINNED = False  # inside a one_blas_thread region already (a nested one changes nothing)

#: Entries of X from which a whole solve keeps BLAS's own threads for its products with X
#: (only the solves on a working set's Gram matrix run on one thread); see solve_threads.
#: Infinite: measured below, one thread was the faster choice at every size tried.
BLAS_THREADS_FROM = float("inf")


@contextlib.contextmanager
def _limited():
    global _PINNED
    _PINNED = True
    try:
        with _BLAS.limit(limits=1, user_api="blas"):
            yield
    finally:
        _PINNED = False


def one_blas_thread(n_entries: int):
    """A context in which BLAS and LAPACK run on one thread, for a solve on matrices of
    ``n_entries`` entries.

    Why: the solvers make many small products and solves (a working set's Gram matrix, a
    few hundred rows; one product with X per working set), and a product split over two
    BLAS threads waits for the slower one; on a machine whose cores are busy with other
    jobs the second thread is often not scheduled at once, and every call pays for it.
    Measured on the 2-core machine of this book (``Lasso(alpha=0.1).fit`` on Gaussian data,
    median of paired runs, the order alternating): at a load average of 3.1 (the lowest
    seen; about 3 other jobs running), a whole fit with its products with X on two BLAS
    threads took 2.0x the time of the fit on one thread at 10000 x 1000, 2.5x at
    2000 x 1000 and 2.2x at 200 x 5000; at 1000 x 100 0.96x (a switch of the thread count
    costs 0.03-0.08 ms). On a busier machine (load 6) a 1000 x 1000 ``X.T @ r`` took 27 ms
    on two threads and 0.6 ms on one. A machine with idle cores was not available to
    measure; there two threads may speed up the largest products with X (10 million
    entries and more), and ``BLAS_THREADS_FROM`` lets them. Below 10,000 entries the thread
    count is left alone (OpenBLAS runs such products on one thread anyway), and a region
    nested in another changes nothing.
    """
    global _BLAS
    if n_entries < 10_000 or _PINNED:
        return contextlib.nullcontext()
    if _BLAS is None:
        try:
            from threadpoolctl import ThreadpoolController  # (installed with scikit-learn)
        except ImportError:  # pragma: no cover - then BLAS keeps its own threads
            _BLAS = False
        else:
            _BLAS = ThreadpoolController()
    return _limited() if _BLAS else contextlib.nullcontext()


def solve_threads(n_entries: int, pin_from: int = 0):
    """The BLAS threads of a whole solve on an ``X`` of ``n_entries`` entries: BLAS's own
    below ``pin_from`` entries or from ``BLAS_THREADS_FROM`` on; one thread in between (from
    :func:`one_blas_thread`'s own minimum of 10,000 entries). The solves on a working set's
    Gram matrix still ask for one thread each, by :func:`one_blas_thread`."""
    if n_entries >= BLAS_THREADS_FROM or n_entries < pin_from:
        return contextlib.nullcontext()
    return one_blas_thread(n_entries)


def _duality_gap(G, Xty, yty, w, l1, l2) -> float:
    """Duality gap of 0.5||y - Xw||^2 + l1 ||w||_1 + 0.5 l2 ||w||^2 (scikit-learn's formula)."""
    Gw = G @ w
    r_norm2 = max(yty - 2.0 * (w @ Xty) + w @ Gw, 0.0)
    XtA = Xty - Gw - l2 * w
    dual_norm = float(np.max(np.abs(XtA))) if XtA.size else 0.0
    const = l1 / dual_norm if dual_norm > l1 else 1.0
    gap = 0.5 * r_norm2 * (1.0 + const**2)
    gap += l1 * np.abs(w).sum() - const * (yty - w @ Xty)
    gap += 0.5 * l2 * (1.0 + const**2) * (w @ w)
    return float(gap)


def _sweep(rows, diag, c, w, l1, l2, coords):
    r"""One cyclic sweep of coordinate descent over ``coords``; ``w`` (a list of floats) and
    ``c`` change in place.

    ``c = X^T y - G w`` is kept up to date (``rows[j]`` is row ``j`` of ``G``). Coordinate
    ``j`` becomes ``S(c_j + G_jj w_j, l1) / (G_jj + l2)`` (soft thresholding, written
    inline on Python floats: this loop is the inherently sequential part, so it is kept
    tight); an entry below the threshold becomes exactly 0.0. Returns the largest change and
    whether a sign changed or a coefficient became or stopped being 0.
    """
    d_max = 0.0
    moved = False
    for j in coords:
        gjj = diag[j]
        wj = w[j]
        if gjj == 0.0:  # a zero column: its coefficient stays 0
            new = 0.0
        else:
            rho = c.item(j) + gjj * wj
            if rho > l1:
                new = (rho - l1) / (gjj + l2)
            elif rho < -l1:
                new = (rho + l1) / (gjj + l2)
            else:
                new = 0.0
        if new != wj:
            delta = new - wj
            c -= delta * rows[j]
            if (new > 0.0) != (wj > 0.0) or (new < 0.0) != (wj < 0.0):
                moved = True
            w[j] = new
            if delta > d_max or -delta > d_max:
                d_max = abs(delta)
    return d_max, moved


def _objective_change(G, Xty, w, v, l1, l2) -> float:
    """f(v) - f(w) for f = 0.5||y - Xw||^2 + l1||w||_1 + 0.5 l2||w||^2, without forming f."""
    delta = v - w
    change = 0.5 * delta @ (G @ (v + w)) - delta @ Xty
    change += l1 * (np.abs(v).sum() - np.abs(w).sum()) + 0.5 * l2 * (v @ v - w @ w)
    return float(change)


def _safely_definite(A: np.ndarray) -> bool:
    """A Cholesky factorisation shows the symmetric ``A`` safely definite: every pivot keeps
    more than ``1e-10`` of its diagonal entry (no nearly collinear columns)."""
    try:
        L = np.linalg.cholesky(A)
    except np.linalg.LinAlgError:
        return False
    return bool(np.min(np.diag(L) ** 2 / np.diag(A), initial=np.inf) > 1e-10)


def _solve_psd(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Solve ``A z = b`` for a symmetric positive semi-definite ``A``: by LU when
    :func:`_safely_definite`, else the least-norm solution (lstsq).

    numpy only (no scipy: a path function must not import it), so the Cholesky factor is
    the test and ``np.linalg.solve`` the solve."""
    if _safely_definite(A):
        return np.linalg.solve(A, b)
    return np.linalg.lstsq(A, b, rcond=None)[0]


#: Most steps (a coefficient dropped from the face or one added) of one polish before it
#: hands back to the sweeps: far from the solution, coordinate descent settles the pattern
#: for less.
POLISH_STEPS = 6


def _polish_on_support(G, Xty, w, l1, l2):
    r"""The minimiser near the face of the orthant that ``w`` lies in, by an active-set method.

    With the support A and signs s fixed, the objective is the quadratic
    :math:`q(v) = \tfrac12\|y - Xv\|^2 + l_1 s^\top v_A + \tfrac{l_2}2\|v\|^2`, minimised
    by :math:`z`, the solution of :math:`H z = X_A^\top y - l_1 s` with
    :math:`H = G_{AA} + l_2 I`. Starting from the support and signs of ``w``:

    - if ``z`` does not keep the signs ``s``, move toward ``z`` until the first coefficient
      reaches 0 (``q`` is convex and ``z`` minimises it, so the objective decreases on the
      way), drop it from A, and solve again (as Lawson and Hanson's NNLS);
    - if it does, ``v = z`` minimises the objective on the face; if a zero coordinate then
      violates its condition :math:`|c_j| \le l_1` (:math:`c = X^\top y - Gv - l_2 v`) by
      more than round-off, the worst one joins A with the sign of :math:`c_j` (the
      objective decreases as it leaves 0) and the face is solved again (as Osborne,
      Presnell and Turlach's active-set method); otherwise ``v`` is the exact solution.

    At most ``POLISH_STEPS`` + 1 drops and joins in all: coordinate descent finds nearly the
    right A and s long before its iterates stop moving, and this then gives the solution up
    to round-off in one or a few linear solves. The result is kept only if the objective
    does not increase.

    Drops need no new factorisation while they come from the set C of coefficients that
    would have changed sign at the face's first solve (nearly always): one more solve gives
    :math:`Y = H^{-1}E_C` (the columns of the inverse for C), and with the dropped set
    :math:`D \subseteq C` held at 0 the minimiser on the smaller face is
    :math:`z - Y_{:D}\,(Y_{DD})^{-1} z_D` (a Lagrange multiplier for each
    :math:`v_j = 0`, :math:`j \in D`). This is used only when ``H`` is safely definite.
    """
    v = np.array(w, dtype=float, copy=True)
    face, signs = v != 0.0, np.sign(v)
    size = np.max(np.abs(Xty), initial=0.0)  # (with the G term: see _optimal_to_round_off)
    size_G = np.max(np.diagonal(G), initial=0.0)
    steps = 0
    while steps <= POLISH_STEPS:
        support = np.flatnonzero(face)
        if support.size == 0:
            break
        H = G[np.ix_(support, support)]  # (a copy: the ridge term goes on its diagonal)
        H.flat[:: support.size + 1] += l2
        rhs = Xty[support] - l1 * signs[support]
        definite = _safely_definite(H)
        z = np.linalg.solve(H, rhs) if definite else np.linalg.lstsq(H, rhs, rcond=None)[0]
        if not np.all(np.isfinite(z)):
            return w
        target, alive, C, Y = z, np.ones(support.size, dtype=bool), None, None
        while True:
            crossed = alive & (target * signs[support] <= 0.0)
            if not crossed.any():
                break
            start = v[support][crossed]
            step = start / (start - target[crossed])  # in [0, 1]: where each one reaches 0
            t = float(np.min(step))
            v[support] += t * (target - v[support])
            out = np.flatnonzero(crossed)[step <= t]
            v[support[out]], alive[out], face[support[out]] = 0.0, False, False
            steps += 1 if t > 0.0 else POLISH_STEPS + 1  # (no progress: round-off; stop)
            if steps > POLISH_STEPS or not definite:
                break
            if C is None:  # the columns of H^-1 for every coefficient that would cross
                C = np.flatnonzero(crossed)
                Y = np.linalg.solve(H, np.eye(support.size)[:, C])
            D = np.flatnonzero(~alive)
            if not np.all(np.isin(D, C)):
                break  # a drop outside C: solve afresh
            Y_D = Y[:, np.searchsorted(C, D)]
            target = z - Y_D @ np.linalg.solve(Y_D[D], z[D])
            target[D] = 0.0
        if crossed.any():
            continue  # (the face changed: solve afresh, within the budget)
        v[support] = target  # the minimiser on the face: is a zero coordinate violated?
        c = Xty - G[:, support] @ target
        violation = np.where(face, 0.0, np.abs(c) - l1)
        j = int(np.argmax(violation))
        if not violation[j] > ROUND_OFF * (size + size_G * np.abs(v).sum()):
            break
        steps += 1
        face[j], signs[j] = True, np.sign(c[j])
    if _objective_change(G, Xty, w, v, l1, l2) > 0.0:
        return w
    return v


def _kkt_violation(c, w, l1) -> np.ndarray:
    r"""Per coordinate, how far :math:`c_j` is from :math:`l_1\,\partial|w_j|`:
    :math:`|c_j - l_1\,\mathrm{sign}(w_j)|` where :math:`w_j \ne 0`,
    :math:`\max(|c_j| - l_1, 0)` where :math:`w_j = 0` (``c`` includes the ``-l2 w`` term)."""
    return np.where(w != 0.0, np.abs(c - l1 * np.sign(w)), np.maximum(np.abs(c) - l1, 0.0))


#: Relative size (to the terms that make up ``c``) below which a KKT violation is round-off.
ROUND_OFF = 1e-12


def _optimal_to_round_off(G, Xty, w, l1, l2) -> bool:
    r"""The optimality conditions hold up to round-off: :math:`c = X^\top y - Gw - l_2 w`
    equals :math:`l_1\,\mathrm{sign}(w_j)` where :math:`w_j \ne 0`, :math:`|c_j| \le l_1`
    elsewhere, within ``ROUND_OFF`` of the size of the terms that make up ``c``.

    A second certificate beside the duality gap, which cannot certify a tiny ``l1`` (its dual
    point is scaled by ``l1 / max|c|``, so at the exact least-squares solution the gap is
    still about ``||y - Xw||^2 / 2``).
    """
    c = Xty - G @ w - l2 * w
    # max |G_jk| is on the diagonal of a Gram matrix (|x_j'x_k| <= max(|x_j|^2, |x_k|^2))
    size = np.max(np.abs(Xty), initial=0.0) + np.max(np.diagonal(G), initial=0.0) * np.abs(w).sum()
    return bool(np.max(_kkt_violation(c, w, l1), initial=0.0) <= ROUND_OFF * size)


def _cd_solve(G, Xty, yty, w, l1, l2, max_iter, tol, start_on_face=False):
    """Coordinate descent to ``tol``, and on to the exact solution where that is cheap.

    First the support and signs of the starting point are tried (a warm start from the
    previous alpha of a path often has the right ones: then no sweep is needed), unless
    ``start_on_face`` says the start minimises the problem on its face already (the exact
    solution of a smaller working set, same penalties: solving there again gives it back,
    and the new features violate the optimality conditions). Then
    sweeps as glmnet does them (Friedman, Hastie and Tibshirani 2010): one sweep over every
    coordinate, then sweeps over the non-zero ones only until their largest change is below
    ``tol * max|w|``, then a full sweep again. Whenever a sweep leaves the pattern of signs
    and zeros unchanged and that pattern was not tried yet, :func:`_polish_on_support`
    solves the problem on that face at once; the loop ends as soon as the optimality
    conditions hold to round-off (exact up to round-off, whatever ``tol``).

    Stopping rule otherwise (scikit-learn's): after a full sweep whose largest change is
    below ``tol * max|w|``, the duality gap must be ``<= tol * yty``. Once that is reached
    the sweeps go on (tolerance divided by 1e4 each time) for at most as many sweeps again,
    within ``max_iter`` sweeps (full or not) in all. So ``tol`` is the accuracy promised,
    and the result is usually exact. With ``l1 == 0`` the gap is not used: the
    coordinate-change rule alone stops. Returns ``(w, gap, n_sweeps, converged)`` with
    ``converged`` judged against ``tol``.
    """
    if np.isinf(l1) or np.isinf(l2):  # a penalty beyond float64 (scaled data): w = 0
        return np.zeros_like(w), 0.0, 0, True
    w = np.array(w, dtype=float)
    if w.any() and not start_on_face:  # (from w = 0 there is no face to solve on)
        w = _polish_on_support(G, Xty, w, l1, l2)
        if _optimal_to_round_off(G, Xty, w, l1, l2):
            return w, (_duality_gap(G, Xty, yty, w, l1, l2) if l1 > 0.0 else 0.0), 0, True
    rows, diag, every = list(G), np.diag(G).tolist(), range(Xty.size)
    c = Xty - G @ w
    w_list = w.tolist()
    tried = np.sign(w) if start_on_face else None  # the last pattern the polish was tried on
    used, target, budget, ok, gap, full = 0, tol, max_iter, False, np.inf, True
    while used < budget:
        was_full = full
        coords = every if full else [j for j in every if w_list[j] != 0.0]
        d_max, moved = _sweep(rows, diag, c, w_list, l1, l2, coords)
        used += 1
        w_max = max(max(w_list), -min(w_list)) if w_list else 0.0
        settled = w_max == 0.0 or d_max <= target * w_max
        full = settled if not was_full else False  # full after the non-zeros settled
        if not moved and (tried is None or not np.array_equal(np.sign(w_list), tried)):
            tried = np.sign(w_list)  # a stable pattern: solve on its face at once
            w = _polish_on_support(G, Xty, np.array(w_list), l1, l2)
            if _optimal_to_round_off(G, Xty, w, l1, l2):
                gap = _duality_gap(G, Xty, yty, w, l1, l2) if l1 > 0.0 else 0.0
                return w, gap, used, True
            w_list = w.tolist()
            c = Xty - G @ w
            full = True  # the non-zeros are at their best: look at every coordinate
        if was_full and settled:
            w = np.array(w_list)
            c = Xty - G @ w  # (no drift from the running updates)
            if l1 == 0.0:
                gap = 0.0 if d_max <= target * max(w_max, 1e-300) else np.inf
            else:
                gap = _duality_gap(G, Xty, yty, w, l1, l2)
            if gap <= target * yty:
                if not ok:  # the promised accuracy: from here on only a bounded extra effort
                    ok, budget = True, min(max_iter, 2 * used + 10)
                target = max(target * 1e-4, 1e-16)
            full = True  # (a new target: start with a full sweep)
    w = np.array(w_list)
    if l1 > 0.0:
        gap = _duality_gap(G, Xty, yty, w, l1, l2)
        ok = ok or gap <= tol * yty
    return w, gap, used, ok


#: Sweeps after which a solve that is not exact yet tries the homotopy (on at most 200
#: features) before it goes on: on degenerate designs coordinate descent can need thousands.
SWEEPS_BEFORE_HOMOTOPY = 100


def _solve(G, Xty, yty, w, l1, l2, max_iter, tol, start_on_face=False):
    """:func:`_cd_solve` for at most ``SWEEPS_BEFORE_HOMOTOPY`` sweeps; then, if the
    optimality conditions still fail to round-off (slow coordinate descent on a degenerate
    design), the exact elastic net by the homotopy when ``n_features <= 200``, kept if its
    objective is lower; then, if still not exact and the sweeps were cut short, coordinate
    descent again with the rest of ``max_iter``. Returns those of ``_cd_solve`` and whether
    the optimality conditions hold to round-off at the result."""
    first = min(max_iter, SWEEPS_BEFORE_HOMOTOPY)
    w, gap, n_iter, ok = _cd_solve(G, Xty, yty, w, l1, l2, first, tol, start_on_face)
    if np.isinf(l1) or np.isinf(l2):  # w = 0 is exact (refuse_overflowing_l2 checked l2)
        return w, gap, n_iter, ok, True
    exact = _optimal_to_round_off(G, Xty, w, l1, l2)
    if not exact:
        from lib.solvers.homotopy import enet_exact  # (homotopy imports this module)

        path_end = enet_exact(G, Xty, l1, l2)
        if path_end is not None and _objective_change(G, Xty, w, path_end, l1, l2) <= 0.0:
            w, ok = path_end, True
            exact = _optimal_to_round_off(G, Xty, w, l1, l2)
            gap = _duality_gap(G, Xty, yty, w, l1, l2) if l1 > 0.0 else 0.0
    if not exact and n_iter >= first and first < max_iter:  # cut short: go on sweeping
        w, gap, more, ok = _cd_solve(G, Xty, yty, w, l1, l2, max_iter - n_iter, tol)
        n_iter += more
        exact = _optimal_to_round_off(G, Xty, w, l1, l2)
    return w, gap, n_iter, ok, exact
