"""The elastic-net objective and optimality conditions, written out in numpy: the oracle the
solver tests (test_solvers_differential.py, test_solvers_wide.py) judge lib and scikit-learn by.
"""

from __future__ import annotations

import numpy as np


def enet_objective(X, y, w, alpha, l1_ratio=1.0, b=0.0):
    """||y - Xw - b||^2 / (2n) + alpha (rho ||w||_1 + (1 - rho)/2 ||w||^2), rho = l1_ratio."""
    r = y - X @ w - b
    return (
        r @ r / (2 * len(y))
        + alpha * l1_ratio * np.abs(w).sum()
        + 0.5 * alpha * (1 - l1_ratio) * (w @ w)
    )


def assert_enet_kkt(X, y, w, alpha, l1_ratio=1.0):
    """X'(y - Xw)/n - alpha(1-rho)w = alpha rho sign(w_j) on the support, abs <= alpha rho off."""
    c = X.T @ (y - X @ w) / len(y) - alpha * (1 - l1_ratio) * w
    size = (np.abs(X).T @ np.abs(y) + np.abs(X).T @ np.abs(X) @ np.abs(w)) / len(y)
    atol = 1e-9 * max(size.max(), alpha)
    on = w != 0
    np.testing.assert_allclose(c[on], alpha * l1_ratio * np.sign(w[on]), rtol=0, atol=atol)
    assert np.all(np.abs(c[~on]) <= alpha * l1_ratio + atol)
