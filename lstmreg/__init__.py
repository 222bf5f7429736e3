"""lstmreg: LSTM time-series forecasting as scikit-learn estimators."""

from ._backtest import RollingOrigin
from ._baselines import MovingMedian, StatsForecastModel, default_baselines
from ._compare import Comparison, compare
from ._contest_files import read_submission, write_submission
from ._contest_generate import generate_contest_data
from ._contest_model import contest_forecaster
from ._contest_read import ContestData, ReadReport, read_contest_data
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
    sktime_metric,
    smape,
    smape_scorer,
)
from ._model_selection import LeakageWarning, WindowSplit
from ._module import StackedLSTM
from ._net import DivergenceError
from ._panel import infer_sp
from ._sktime import WindowForecaster
from ._transformer import WindowTransformer
from ._windows import make_windows, rolling_statistics

__version__ = "0.1.0"

__all__ = [
    "Comparison",
    "ContestData",
    "DivergenceError",
    "LSTMForecaster",
    "LeakageWarning",
    "MovingMedian",
    "ReadReport",
    "RollingOrigin",
    "StackedLSTM",
    "StatsForecastModel",
    "WindowForecaster",
    "WindowSplit",
    "WindowTransformer",
    "__version__",
    "calendar_features",
    "compare",
    "contest_forecaster",
    "contest_score",
    "contest_scorer",
    "default_baselines",
    "generate_contest_data",
    "infer_sp",
    "mae",
    "mae_scorer",
    "make_windows",
    "mase",
    "read_contest_data",
    "read_submission",
    "rmse",
    "rmse_scorer",
    "rolling_statistics",
    "sktime_metric",
    "smape",
    "smape_scorer",
    "write_submission",
]
