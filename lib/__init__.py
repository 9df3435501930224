"""The tested code behind the book: norms, losses, regularizers, solvers, data, plots, widgets.

Chapters ``import lib`` and call these names; each lives in the module named after its topic
(``lib.norms``, ``lib.losses`` ...), where its source, formula and doctest are.
"""

import importlib
import importlib.util

from lib.data import RegressionData, add_outliers, make_regression_data
from lib.datasets import Dataset, load_diabetes
from lib.losses import (
    huber,
    huber_grad,
    mae,
    mae_grad,
    mse,
    mse_grad,
    rmse,
    sae,
    sae_grad,
    sse,
    sse_grad,
)
from lib.norms import lp_distance, lp_norm, lp_quasinorm, unit_ball
from lib.regularizers import l1_penalty, l1_subgradient, l2_gradient, l2_penalty, soft_threshold
from lib.robust import fit_constant, fit_line, fit_linear, influence, total_loss
from lib.solvers import (
    CVResult,
    PathErrors,
    cross_validate_alpha,
    enet_path,
    fista,
    gradient_descent,
    kfold_splits,
    lasso_alpha_max,
    lasso_knots,
    lasso_path,
    path_errors,
    penalty_only_step,
    penalty_only_trajectory,
    proximal_gradient,
    ridge_path,
)

# Names imported on first use (PEP 562): the estimators need scikit-learn, which takes about
# ten times as long to import as numpy, and most pages only call functions. The newer modules
# are listed here too, so that `import lib` works while they are being written.
_LAZY = {
    "Ridge": "lib.solvers.estimators",
    "Lasso": "lib.solvers.estimators",
    "ElasticNet": "lib.solvers.estimators",
    "singular_values": "lib.spectral",
    "ridge_shrinkage_factors": "lib.spectral",
    "ridge_effective_dof": "lib.spectral",
    "gradient_descent_filter": "lib.spectral",
    "hard_threshold": "lib.subset",
    "best_subset": "lib.subset",
    "OrthonormalEstimates": "lib.subset",
    "orthonormal_estimates": "lib.subset",
    "Trajectory": "lib.training",
    "AdamTrajectory": "lib.training",
    "sgd_trajectory": "lib.training",
    "adam_trajectory": "lib.training",
    "check": "lib.exercises",
    # The language of lib's figures and printouts (lib.i18n imports matplotlib).
    "set_language": "lib.i18n",
}


def __getattr__(name: str):
    module_name = _LAZY.get(name)
    if module_name is None:
        if not name.startswith("_") and importlib.util.find_spec(f"lib.{name}") is not None:
            return importlib.import_module(f"lib.{name}")  # lib.spectral without importing it
        raise AttributeError(f"module 'lib' has no attribute {name!r}")
    try:
        module = importlib.import_module(module_name)
        value = getattr(module, name)
    except (ImportError, AttributeError) as exc:
        raise AttributeError(
            f"lib.{name} is provided by {module_name}, which does not define it yet ({exc})"
        ) from None
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "RegressionData",
    "add_outliers",
    "make_regression_data",
    "huber",
    "huber_grad",
    "mae",
    "mae_grad",
    "mse",
    "mse_grad",
    "rmse",
    "sae",
    "sae_grad",
    "sse",
    "sse_grad",
    "lp_distance",
    "lp_norm",
    "lp_quasinorm",
    "unit_ball",
    "l1_penalty",
    "l1_subgradient",
    "l2_gradient",
    "l2_penalty",
    "soft_threshold",
    "Dataset",
    "load_diabetes",
    "fit_constant",
    "fit_line",
    "fit_linear",
    "influence",
    "total_loss",
    "CVResult",
    "PathErrors",
    "cross_validate_alpha",
    "enet_path",
    "gradient_descent",
    "fista",
    "kfold_splits",
    "lasso_alpha_max",
    "lasso_knots",
    "lasso_path",
    "penalty_only_step",
    "penalty_only_trajectory",
    "proximal_gradient",
    "ridge_path",
    "path_errors",
]
# A lazy name is public once its module exists (found without importing it).
__all__ += [n for n, m in _LAZY.items() if importlib.util.find_spec(m) is not None]
