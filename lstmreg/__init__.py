"""lstmreg: LSTM time-series forecasting as scikit-learn estimators.

The core estimators live at the top (:class:`WindowTransformer`,
:class:`LSTMForecaster`, :class:`WindowForecaster`) and in the layer packages
they come from (``lstmreg.windows``, ``lstmreg.nn``, ``lstmreg.forecasting``);
:mod:`lstmreg.evaluation` holds backtests, baselines and metrics, and
:mod:`lstmreg.contest` the music contest's files, models and command line.
Their names are also importable from ``lstmreg`` itself.
"""

from . import contest, evaluation, exceptions
from .contest import (
    ContestData,
    ReadReport,
    contest_forecaster,
    contest_inputs,
    forecast_plays,
    generate_contest_data,
    read_contest_data,
    read_plays_table,
    read_submission,
    write_submission,
)
from .evaluation import (
    Comparison,
    LeakageWarning,
    MovingMedian,
    RollingOrigin,
    SeasonalMean,
    StatsForecastModel,
    WeekdayProfile,
    WindowSplit,
    compare,
    contest_score,
    contest_scorer,
    default_baselines,
    mae,
    mae_scorer,
    mase,
    rmse,
    rmse_scorer,
    sktime_metric,
    smape,
    smape_scorer,
)
from .exceptions import DivergenceError
from .forecasting import FittingMSTL, SeasonalMedian, WindowForecaster
from .nn import LSTMForecaster, StackedLSTM, load_weights, save_weights
from .windows import (
    DailySchedule,
    WindowTransformer,
    calendar_features,
    infer_sp,
    make_windows,
    rolling_statistics,
)

__version__ = "0.1.0"

__all__ = [
    "Comparison",
    "ContestData",
    "DailySchedule",
    "DivergenceError",
    "FittingMSTL",
    "LSTMForecaster",
    "LeakageWarning",
    "MovingMedian",
    "ReadReport",
    "RollingOrigin",
    "SeasonalMean",
    "SeasonalMedian",
    "StackedLSTM",
    "StatsForecastModel",
    "WeekdayProfile",
    "WindowForecaster",
    "WindowSplit",
    "WindowTransformer",
    "__version__",
    "calendar_features",
    "compare",
    "contest",
    "contest_forecaster",
    "contest_inputs",
    "contest_score",
    "contest_scorer",
    "default_baselines",
    "evaluation",
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
