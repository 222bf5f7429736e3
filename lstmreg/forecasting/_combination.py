"""Forecast combination: the window model with local statistical models.

``combine_with`` names the statistical models, ``combine_weight`` how their
forecasts meet the window model's, step by step: the median of all, or a
weighted mean in which the statistical models share the rest equally.
"""

import warnings

import numpy as np

from ..windows._windows import window_positions
from ._seasons import FittingMSTL, SeasonalMedian
from ._statistical import forecast_fitted_each

__all__ = [
    "combine",
    "median_instead",
    "member_names",
    "statistical_at",
    "statistical_models",
    "to_validate",
    "validated_weights",
    "window_share",
]

# Above this seasonal period, the "auto" AutoARIMA searches its orders by
# conditional sums of squares and refits the best by maximum likelihood
# (statsforecast's ``approximation``, R's auto.arima default there): with a
# season of 24 or 52 the exact search takes a minute or more a series
# (choosing_defaults.rst, "AutoARIMA's approximate search"). There a
# seasonal forecast also joins the members (the median of four is the mean
# of the middle two): AutoETS's many seasonal states are poorly estimated
# from a few weeks of hourly data (choosing_defaults.rst, "The seasonal
# naive forecast as a fourth member above a season of 12"); it is the median
# of the same step over the last seven seasons, which one unusual day does
# not move, instead of the seasonal naive forecast (choosing_defaults.rst,
# "The seasonal median"; at 52 weeks too: "The season of 52 weeks"). AutoETS
# stays a member there: leaving it out gained on the metro alone
# (choosing_defaults.rst, "AutoETS above a season of 12").
APPROXIMATE_ABOVE_SP = 12

# With combine_weight="auto", the window model's share of a combined
# forecast is 1/2 from this many training windows on, and shrinks in
# proportion below it.
FULL_SHARE_WINDOWS = 20


def statistical_models(combine_with, custom_estimator, sp, lookback, week=None):
    """The statistical models to combine with, a tuple (empty for none):
    ``"auto"`` is AutoARIMA and AutoETS with the default window model; above
    ``APPROXIMATE_ABOVE_SP`` AutoARIMA searches approximately and the
    seasonal median of the last seven seasons joins them where every
    history the model forecasts from (at least ``lookback`` values) holds a
    season. ``week``, the steps in a week where ``sp`` is a day and every
    series holds more than two weeks (else None), adds MSTL by the day and
    the week there."""
    if combine_with is None:
        return ()
    if isinstance(combine_with, (list, tuple)):
        return tuple(combine_with)
    if combine_with != "auto":
        return (combine_with,)
    if custom_estimator:
        return ()
    from statsforecast.models import AutoARIMA, AutoETS

    long_season = sp > APPROXIMATE_ABOVE_SP
    models = (
        AutoARIMA(season_length=sp, approximation=long_season),
        AutoETS(season_length=sp),
    )
    if long_season and lookback >= sp:
        models += (SeasonalMedian(season_length=sp),)
    if long_season and week is not None:
        models += (FittingMSTL(season_length=[sp, week]),)
    return models


def window_share(combine_weight, n_windows):
    """``combine_weight`` as fitted: "median", or the window model's share;
    "validated" stays so until the calibration chooses (then
    :func:`validated_weights`)."""
    if combine_weight in ("median", "validated"):
        return combine_weight
    if combine_weight == "auto":
        return 0.5 * min(1.0, n_windows / FULL_SHARE_WINDOWS)
    return float(combine_weight)


def combine(forecasts, statistical, weight):
    """The window model's ``forecasts`` with the statistical models' (one
    array per model), step by step: their median; the weighted mean with
    the statistical models sharing ``1 - weight``; or, for an array of
    weights (the window model's first), the weighted mean of all."""
    if isinstance(weight, str) and weight == "median":
        return np.median(np.concatenate([forecasts[None], statistical]), 0)
    if isinstance(weight, np.ndarray):
        members = np.concatenate([forecasts[None], statistical])
        return np.tensordot(weight, members, axes=1)
    return weight * forecasts + (1 - weight) * statistical.mean(axis=0)


def member_names(models):
    """Names of the combination's members: the window model, then each of
    ``models`` by its class (numbered where two share one)."""
    names = [type(m).__name__ for m in models]
    return ["window model"] + [
        f"{n} {names[:i].count(n) + 1}" if names.count(n) > 1 else n
        for i, n in enumerate(names)
    ]


def candidate_weights(n_models):
    """The combinations ``combine_weight="validated"`` chooses among: the
    median of all, the mean of all, and each member alone (the window model
    first, then the statistical models in order), as weights."""
    members = n_models + 1
    candidates = {"median": "median", "mean": np.full(members, 1 / members)}
    for i in range(members):
        alone = np.zeros(members)
        alone[i] = 1.0
        candidates[i] = alone
    return candidates


def validated_weights(forecasts, statistical, y_true, scale, names, finish):
    """The combination with the least mean scaled absolute error on the
    calibration windows, and every candidate's error.

    ``forecasts``: the window model's, ``statistical``: each model's (one
    array per model), ``y_true`` what happened, ``scale`` each window's
    series scale; ``names`` the members' names (the window model's first);
    ``finish`` applies the forecaster's limits to a combination. Ties go to
    the earlier candidate, the median first.
    """
    scores = {}
    for key, weight in candidate_weights(len(statistical)).items():
        combined = finish(combine(forecasts, statistical, weight))
        name = key if isinstance(key, str) else f"{names[key]} alone"
        scores[name] = (weight, float(np.mean(np.abs(y_true - combined) / scale)))
    best = min(scores, key=lambda name: scores[name][1])
    return scores[best][0], {name: score for name, (_, score) in scores.items()}


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


def to_validate(weight):
    """Whether ``weight`` is ``"validated"`` and still to be chosen."""
    return isinstance(weight, str) and weight == "validated"


def median_instead(fitted, reason):
    """Combine ``fitted`` by the median where ``"validated"`` cannot choose,
    and say why (``reason``)."""
    fitted.weight = "median"
    warnings.warn(
        f"combine_weight='validated' {reason}; using the median.",
        UserWarning,
        stacklevel=4,
    )
