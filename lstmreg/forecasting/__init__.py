"""Forecasting: :class:`WindowForecaster`, the sktime forecaster over a window
pipeline, with its roll-out, conformal intervals and statistical partners
(:class:`SeasonalMedian` and :class:`FittingMSTL` are two of them, which
statsforecast lacks as such)."""

from ._seasons import FittingMSTL, SeasonalMedian
from ._window_forecaster import WindowForecaster

__all__ = ["FittingMSTL", "SeasonalMedian", "WindowForecaster"]
