"""Windows: supervised framing of one or many series, per-step features,
calendars and service-hour schedules, and the scikit-learn transformer."""

from ._covariates import calendar_features
from ._panel import infer_sp
from ._schedule import DailySchedule
from ._window_transformer import WindowTransformer
from ._windows import make_windows, rolling_statistics

__all__ = [
    "DailySchedule",
    "WindowTransformer",
    "calendar_features",
    "infer_sp",
    "make_windows",
    "rolling_statistics",
]
