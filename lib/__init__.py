"""The tested code behind the book: norms, losses, regularizers, solvers, data, plots, widgets.

Chapters ``import lib`` and call these names; each lives in the module named after its topic
(``lib.norms``, ``lib.losses`` ...), where its source, formula and doctest are.
"""

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
    ElasticNet,
    Lasso,
    Ridge,
    cross_validate_alpha,
    enet_path,
    gradient_descent,
    kfold_splits,
    lasso_alpha_max,
    lasso_knots,
    lasso_path,
    penalty_only_step,
    penalty_only_trajectory,
    proximal_gradient,
    ridge_path,
)

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
    "ElasticNet",
    "Lasso",
    "Ridge",
    "cross_validate_alpha",
    "enet_path",
    "gradient_descent",
    "kfold_splits",
    "lasso_alpha_max",
    "lasso_knots",
    "lasso_path",
    "penalty_only_step",
    "penalty_only_trajectory",
    "proximal_gradient",
    "ridge_path",
]
