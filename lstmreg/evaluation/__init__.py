"""Evaluation: backtests, baselines, metrics and plots on the same folds."""

from ._baselines import (
    MovingMedian,
    SeasonalMean,
    StatsForecastModel,
    default_baselines,
)
from ._compare import Comparison, compare
from ._folds import RollingOrigin
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
from ._profile import WeekdayProfile
from ._window_split import LeakageWarning, WindowSplit

__all__ = [
    "Comparison",
    "LeakageWarning",
    "MovingMedian",
    "RollingOrigin",
    "SeasonalMean",
    "StatsForecastModel",
    "WeekdayProfile",
    "WindowSplit",
    "compare",
    "contest_score",
    "contest_scorer",
    "default_baselines",
    "mae",
    "mae_scorer",
    "mase",
    "rmse",
    "rmse_scorer",
    "sktime_metric",
    "smape",
    "smape_scorer",
]
