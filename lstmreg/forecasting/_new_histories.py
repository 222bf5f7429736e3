"""Forecasting histories a fitted WindowForecaster was not fitted on.

:func:`forecast_histories` (plain arrays, many at once) and
:func:`predict_from` (pandas series of the fit's layout) check the new
histories and the steps, then roll out the fitted model
(:class:`~lstmreg.forecasting._fitted.FittedWindows`) from them, never
refitting it.
"""

import numpy as np
import pandas as pd
from sktime.forecasting.base import ForecastingHorizon

from .._utils._validation import check_positive_int
from ..exceptions import InputError
from ..windows._panel import (
    check_series_frame,
    from_arrays,
    last_point_with_freq,
    time_grid,
    to_arrays,
)
from ._fitted import covariates_ahead, forecast

__all__ = ["forecast_histories", "predict_from"]


def forecast_histories(fitted, histories, horizon):
    """``horizon`` forecasts after each of ``histories`` (1-D arrays), shape
    ``(len(histories), horizon)``; see ``WindowForecaster.forecast_histories``."""
    if fitted.kept.covariates is not None:
        raise InputError(
            "The model was fitted with covariates `X`; forecast new histories "
            "with `predict_from(y, fh, X)`."
        )
    check_positive_int("horizon", horizon)
    lookback = fitted.rule.lookback
    rows = [_checked_history(i, h, lookback) for i, h in enumerate(histories)]
    if not rows:
        raise InputError("`histories` is empty; pass at least one history.")
    steps, gaps = np.arange(1, horizon + 1), np.zeros(len(rows), dtype=int)
    history = np.stack([r[-lookback:] for r in rows])
    return forecast(fitted, steps, history, gaps, series=rows)[0]


def _checked_history(i, values, lookback):
    """History ``i`` as float64, or an error that says what is wrong."""
    values = np.asarray(values)
    if values.dtype.kind not in "iuf":
        raise InputError(
            f"`histories[{i}]` must hold numbers (ints or floats); got "
            f"dtype {values.dtype}. Convert it, e.g. with "
            "`np.asarray(h, dtype=float)`."
        )
    values = values.astype(np.float64)
    if not np.isfinite(values).all():
        raise InputError(
            f"`histories[{i}]` has a missing or infinite value; fill or drop it first."
        )
    if values.ndim != 1 or len(values) < lookback:
        raise InputError(
            f"`histories[{i}]` must be 1-D with at least lookback_ "
            f"({lookback}) values; got shape {values.shape}."
        )
    return values


def predict_from(fitted, y, fh=None, X=None):
    """Forecasts after the end of the new history ``y`` (and covariates
    ``X``) in the layout and type of ``y``; see
    ``WindowForecaster.predict_from``."""
    check_series_frame(y)
    frame = y.to_frame() if isinstance(y, pd.Series) else y
    arrays, gaps, layout = to_arrays(frame)
    if gaps.any():
        raise InputError("All series of `y` must end at its last time point.")
    lookback, horizon = fitted.rule.lookback, fitted.rule.horizon
    short = min(len(a) for a in arrays)
    if short < lookback:
        raise InputError(
            f"`y` has a series of {short} time points, shorter than the "
            f"lookback ({lookback}) the model was fitted with."
        )
    fh = ForecastingHorizon(
        range(1, horizon + 1) if fh is None else fh, is_relative=True
    )
    time_index = time_grid(frame)
    cutoff = last_point_with_freq(time_index)
    steps = np.asarray(fh, dtype=int)
    if (steps < 1).any():
        raise InputError(
            f"`fh` must count steps after the end of `y` (1, 2, ...); got "
            f"{steps.tolist()}."
        )
    history = np.stack([a[-lookback:] for a in arrays])
    covariates = None
    if fitted.kept.covariates is not None:
        n_future = fitted.rule.n_future(int(steps.max()))
        covariates = covariates_ahead(fitted, X, cutoff, n_future, time_index, layout)
    gaps = np.zeros(len(arrays), dtype=int)
    values, _ = forecast(fitted, steps, history, gaps, covariates, series=arrays)
    forecasts = from_arrays(values, fh.to_absolute_index(cutoff), layout)
    if isinstance(y, pd.Series):  # like predict: the type of y
        return forecasts.iloc[:, 0].rename(y.name)
    return forecasts
