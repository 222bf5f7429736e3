"""Forecast combination: the window model with local statistical models.

``combine_with`` names the statistical models, ``combine_weight`` how their
forecasts meet the window model's, step by step: the median of all, or a
weighted mean in which the statistical models share the rest equally.
"""

import numpy as np

from ..windows._windows import window_positions
from ._statistical import forecast_fitted_each

__all__ = ["combine", "statistical_at", "statistical_models", "window_share"]

# With combine_weight="auto", the window model's share of a combined
# forecast is 1/2 from this many training windows on, and shrinks in
# proportion below it.
FULL_SHARE_WINDOWS = 20


def statistical_models(combine_with, custom_estimator, sp):
    """The statistical models to combine with, a tuple (empty for none):
    ``"auto"`` is AutoARIMA and AutoETS with the default window model."""
    if combine_with is None:
        return ()
    if isinstance(combine_with, (list, tuple)):
        return tuple(combine_with)
    if combine_with != "auto":
        return (combine_with,)
    if custom_estimator:
        return ()
    from statsforecast.models import AutoARIMA, AutoETS

    return AutoARIMA(season_length=sp), AutoETS(season_length=sp)


def window_share(combine_weight, n_windows):
    """``combine_weight`` as fitted: "median", or the window model's share."""
    if combine_weight == "median":
        return "median"
    if combine_weight == "auto":
        return 0.5 * min(1.0, n_windows / FULL_SHARE_WINDOWS)
    return float(combine_weight)


def combine(forecasts, statistical, weight):
    """The window model's ``forecasts`` with the statistical models' (one
    array per model), step by step: their median, or the weighted mean with
    the statistical models sharing ``1 - weight``."""
    if weight == "median":
        return np.median(np.concatenate([forecasts[None], statistical]), 0)
    return weight * forecasts + (1 - weight) * statistical.mean(axis=0)


def statistical_at(models, arrays, usable, tails, lookback, h):
    """The fitted statistical ``models`` (a list per series) forecasting
    ``h`` steps from the end of every window of ``make_windows(tails,
    lookback, h)``, ``tails`` being the tails of series ``usable`` of
    ``arrays``, as data up to there; shape ``(n_models, n_windows, h)``, a
    row of NaN where that data is too short for a model."""
    lengths = np.array([len(t) for t in tails])
    series, end = window_positions(lengths, lookback, h)
    owners, origins = [], []
    for j, e in zip(series, end, strict=True):
        whole = arrays[usable[j]]
        owners.append(usable[j])
        origins.append(whole[: len(whole) - lengths[j] + e + 1])
    chosen = [models[i] for i in owners]
    return forecast_fitted_each(chosen, origins, h, "combine_with", skip_short=True)
