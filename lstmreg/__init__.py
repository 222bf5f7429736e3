"""lstmreg: LSTM time-series forecasting as scikit-learn estimators."""

from ._covariates import calendar_features
from ._forecaster import LSTMForecaster
from ._metrics import (
    contest_score,
    contest_scorer,
    mae,
    mae_scorer,
    mase,
    rmse,
    rmse_scorer,
    smape,
    smape_scorer,
)
from ._module import StackedLSTM
from ._net import DivergenceError
from ._panel import infer_sp
from ._sktime import WindowForecaster
from ._transformer import WindowTransformer
from ._windows import make_windows, rolling_statistics

__version__ = "0.1.0"

__all__ = [
    "DivergenceError",
    "LSTMForecaster",
    "StackedLSTM",
    "WindowForecaster",
    "WindowTransformer",
    "__version__",
    "calendar_features",
    "contest_score",
    "contest_scorer",
    "infer_sp",
    "mae",
    "mae_scorer",
    "make_windows",
    "mase",
    "rmse",
    "rmse_scorer",
    "rolling_statistics",
    "smape",
    "smape_scorer",
]
