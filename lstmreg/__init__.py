"""lstmreg: LSTM time-series forecasting as scikit-learn estimators."""

from ._covariates import calendar_features
from ._forecaster import LSTMForecaster
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
    "infer_sp",
    "make_windows",
    "rolling_statistics",
]
