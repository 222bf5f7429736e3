"""lstmreg: LSTM time-series forecasting as scikit-learn estimators."""

from . import exceptions
from ._covariates import calendar_features
from ._lstm_regressor import LSTMForecaster
from ._panel import infer_sp
from ._schedule import DailySchedule
from ._torch_module import StackedLSTM
from ._weights import load_weights, save_weights
from ._window_forecaster import WindowForecaster
from ._window_transformer import WindowTransformer
from ._windows import make_windows, rolling_statistics
from .contest._files import read_submission, write_submission
from .contest._generate import generate_contest_data
from .contest._models import contest_forecaster, contest_inputs, forecast_plays
from .contest._plays_table import read_plays_table
from .contest._read import ContestData, ReadReport, read_contest_data
from .evaluation._baselines import (
    MovingMedian,
    SeasonalMean,
    StatsForecastModel,
    default_baselines,
)
from .evaluation._compare import Comparison, compare
from .evaluation._folds import RollingOrigin
from .evaluation._metrics import (
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
from .evaluation._window_split import LeakageWarning, WindowSplit
from .exceptions import DivergenceError

__version__ = "0.1.0"

__all__ = [
    "Comparison",
    "ContestData",
    "DailySchedule",
    "DivergenceError",
    "LSTMForecaster",
    "LeakageWarning",
    "MovingMedian",
    "ReadReport",
    "RollingOrigin",
    "SeasonalMean",
    "StackedLSTM",
    "StatsForecastModel",
    "WindowForecaster",
    "WindowSplit",
    "WindowTransformer",
    "__version__",
    "calendar_features",
    "compare",
    "contest_forecaster",
    "contest_inputs",
    "contest_score",
    "contest_scorer",
    "default_baselines",
    "exceptions",
    "forecast_plays",
    "generate_contest_data",
    "infer_sp",
    "load_weights",
    "mae",
    "mae_scorer",
    "make_windows",
    "mase",
    "read_contest_data",
    "read_plays_table",
    "read_submission",
    "rmse",
    "rmse_scorer",
    "rolling_statistics",
    "save_weights",
    "sktime_metric",
    "smape",
    "smape_scorer",
    "write_submission",
]
