r"""Solvers for regularized least squares, written here (scikit-learn is only the oracle).

===================  ===================================================================
objective            minimised by
===================  ===================================================================
Ridge                :math:`\|y - Xw\|_2^2 + \alpha \|w\|_2^2`  (closed form; one SVD per path)
Lasso                :math:`\frac{1}{2n}\|y - Xw\|_2^2 + \alpha \|w\|_1`  (coordinate descent)
ElasticNet           :math:`\frac{1}{2n}\|y - Xw\|_2^2 + \alpha\rho\|w\|_1
                     + \frac{\alpha(1-\rho)}{2}\|w\|_2^2`, :math:`\rho` = ``l1_ratio``
===================  ===================================================================

These are **the same objectives as scikit-learn's** ``Ridge``, ``Lasso`` and ``ElasticNet``,
so an ``alpha`` means the same thing here and there. Note the different loss scalings: Ridge
uses the plain sum of squares, Lasso and ElasticNet divide it by :math:`2n`. The estimators fit
an intercept that is **not** penalised (they centre ``X`` and ``y`` first); the ``*_path``
functions and the update-rule trajectories fit **no** intercept (centre the data yourself, or
use ``lib.datasets.load_diabetes(standardize=True)``).

Path functions return arrays of shape **(n_alphas, n_features)**, one row per alpha, in the
order the alphas were given. scikit-learn's ``lasso_path``/``enet_path`` return the transpose,
(n_features, n_alphas), with the alphas sorted in decreasing order.

Update rules (for studying how penalties act, not for fitting):
``gradient_descent`` ((sub)gradient steps), ``proximal_gradient`` (ISTA) and
``penalty_only_step``/``penalty_only_trajectory`` (the penalty alone, as in the scalar
examples :math:`w = 1`). ``cross_validate_alpha`` chooses ``alpha`` by K-fold cross-validation.

One module per algorithm family (as scikit-learn's ``linear_model``):

======================  ================================================================
``ridge``               closed-form Ridge for one alpha, ``ridge_path``
``coordinate_descent``  duality gap, coordinate descent, ``enet_path``
``homotopy``            ``lasso_knots``, ``lasso_path``, ``lasso_alpha_max``
``trajectories``        ``gradient_descent``, ``proximal_gradient`` (ISTA), ``fista``,
                        ``penalty_only_step``, ``penalty_only_trajectory``
``model_selection``     ``kfold_splits``, ``cross_validate_alpha``, ``path_errors``
``estimators``          the classes ``Ridge``, ``Lasso``, ``ElasticNet`` (scikit-learn API)
======================  ================================================================
"""

from __future__ import annotations

import importlib

from lib.solvers.coordinate_descent import enet_path
from lib.solvers.homotopy import lasso_alpha_max, lasso_knots, lasso_path
from lib.solvers.model_selection import (
    CVResult,
    PathErrors,
    cross_validate_alpha,
    kfold_splits,
    path_errors,
)
from lib.solvers.ridge import ridge_path
from lib.solvers.trajectories import (
    fista,
    gradient_descent,
    penalty_only_step,
    penalty_only_trajectory,
    proximal_gradient,
)

__all__ = [
    "Ridge",
    "Lasso",
    "ElasticNet",
    "ridge_path",
    "lasso_path",
    "enet_path",
    "lasso_knots",
    "lasso_alpha_max",
    "gradient_descent",
    "proximal_gradient",
    "fista",
    "penalty_only_step",
    "penalty_only_trajectory",
    "kfold_splits",
    "CVResult",
    "cross_validate_alpha",
    "PathErrors",
    "path_errors",
]

_ESTIMATORS = ("Ridge", "Lasso", "ElasticNet")


def __getattr__(name: str):
    # The estimator classes import scikit-learn (slow); load them on first use (PEP 562).
    if name in _ESTIMATORS:
        value = getattr(importlib.import_module("lib.solvers.estimators"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'lib.solvers' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_ESTIMATORS))
