"""Forecasting: :class:`WindowForecaster`, the sktime forecaster over a window
pipeline, with its roll-out, conformal intervals and statistical partners."""

from ._window_forecaster import WindowForecaster

__all__ = ["WindowForecaster"]
