"""Statistical baselines as sktime forecasters: any statsforecast model, and
the moving median of the last days.

Both re-estimate at every forecast from all data seen so far (``fit`` checks
and stores the series, ``predict`` estimates and forecasts), so ``update``
with or without ``update_params`` gives the forecast an analyst would make at
the new cutoff.
"""

import numpy as np
import pandas as pd

from .._utils._validation import check_positive_int
from ..exceptions import InputError
from ..forecasting._sktime_base import OwnHistoryForecaster
from ..forecasting._statistical import check_statsforecast_model, forecast_fresh
from ..windows._panel import check_rows

__all__ = [
    "MovingMedian",
    "SeasonalMean",
    "StatsForecastModel",
    "default_baselines",
    "kinds_of",
    "matching_means",
    "moving_median",
]

_TAGS = {
    "y_inner_mtype": "pd.Series",
    "X_inner_mtype": "pd.DataFrame",
    "scitype:y": "univariate",
    "requires-fh-in-fit": False,
    "capability:exogenous": False,
    "capability:insample": False,
    "capability:missing_values": False,
    "authors": ["lstmreg developers"],
}


def _future(forecaster, fh, values):
    """``values[k - 1]`` for every step ``k`` of ``fh``, on its time index."""
    steps = forecaster._steps(fh)
    return pd.Series(
        np.asarray(values, dtype=np.float64)[steps - 1],
        index=fh.to_absolute_index(forecaster.cutoff),
        name=forecaster._history.name,
    )


def _merged(old, new):
    """``old`` with the points of ``new`` added (new ones win)."""
    return new if old is None else pd.concat([old[~old.index.isin(new.index)], new])


def _remember(forecaster, y):
    """Add the points of ``y`` to the forecaster's history (new ones win)."""
    forecaster._history = _merged(getattr(forecaster, "_history", None), y)


class StatsForecastModel(OwnHistoryForecaster):
    """Any statsforecast model (AutoARIMA, ARIMA, AutoETS, ...) as a forecaster.

    statsforecast is the fastest honest engine for the classical models; this
    thin adapter lets :func:`lstmreg.evaluation.compare` and sktime's ``evaluate`` run
    them on the same folds as the LSTM. The model is estimated at ``predict``
    on all data seen so far, so after ``update`` it is re-estimated.

    Parameters
    ----------
    model : statsforecast model
        E.g. ``AutoARIMA(season_length=7)``, a fixed-order
        ``ARIMA(order=(1, 1, 1), season_length=7, seasonal_order=(0, 1, 1))``,
        ``AutoETS(season_length=7)`` or ``SeasonalNaive(season_length=7)``
        (from ``statsforecast.models``). Never modified; a fresh copy
        (``model.new()``) is estimated on each forecast.

    Examples
    --------
    >>> from sktime.datasets import load_airline
    >>> from statsforecast.models import AutoARIMA
    >>> from lstmreg import StatsForecastModel
    >>> y = load_airline()
    >>> f = StatsForecastModel(AutoARIMA(season_length=12)).fit(y, fh=[1, 2, 3])
    >>> f.predict().round(1).tolist()
    [444.3, 418.2, 446.2]

    A log transform (any sktime transformer) composes in front of it:

    >>> from sktime.transformations.series.boxcox import LogTransformer
    >>> log_arima = LogTransformer() * StatsForecastModel(AutoARIMA(season_length=12))
    >>> log_arima.fit(y, fh=[1, 2, 3]).predict().round(1).tolist()
    [450.2, 425.7, 479.6]
    """

    _tags = _TAGS

    def __init__(self, model):
        self.model = model
        super().__init__()

    def _fit(self, y, X=None, fh=None):
        check_statsforecast_model("model", self.model)
        if len(y) < 2:
            raise InputError(
                f"`y` has {len(y)} time point(s); a statsforecast model needs 2 "
                "or more."
            )
        self._history = y
        return self

    def _predict(self, fh, X=None):
        h = max(int(np.max(fh.to_relative(self.cutoff))), 1)
        values = self._history.to_numpy(dtype=np.float64)
        return _future(self, fh, forecast_fresh(self.model, [values], h, "model")[0])

    def _update(self, y, X=None, update_params=True):
        _remember(self, y)  # re-estimated from all data at the next predict
        return self

    @classmethod
    def get_test_params(cls, parameter_set="default"):
        """Cheap settings for sktime's estimator checks."""
        from statsforecast.models import SeasonalNaive, WindowAverage

        return [
            {"model": SeasonalNaive(season_length=2)},
            {"model": WindowAverage(window_size=2)},
        ]


# the losses MovingMedian can forecast the best constant for
MEDIAN_LOSSES = ("absolute_error", "relative_error")


def moving_median(values, window_length=14, loss="absolute_error", spread_length=21):
    """:class:`MovingMedian`'s forecast of every column of ``values`` (the
    history, shape (n,) or (n, m), checked by the caller): the median of the
    last ``window_length`` values, for ``loss="relative_error"`` times
    ``exp(-1.5 * s2)``, ``s2`` the mean squared deviation of the last
    ``spread_length`` values' ``log1p`` from the median's."""
    median = np.median(values[-window_length:], axis=0)
    if loss == "relative_error":
        spread = np.log1p(values[-spread_length:]) - np.log1p(median)
        median = median * np.exp(-1.5 * np.mean(spread**2, axis=0))
    return median


class MovingMedian(OwnHistoryForecaster):
    """Forecast every step with the median of the last ``window_length`` values.

    A strong baseline for daily counts such as an artist's plays: robust to the
    spikes of song releases, and often hard to beat by the contest score.

    With ``loss="relative_error"`` the median is lowered for the music
    contest's relative error ``((S - T) / T) ** 2``, which punishes a
    forecast too high far more than one too low: for values spread
    log-normally about the median with variance ``s2``, the constant forecast
    with the least expected relative error is the median times
    ``exp(-1.5 * s2)``. ``s2`` is the mean squared deviation of the last
    ``spread_length`` values' ``log1p`` from the median's. On real artists'
    plays this two-line baseline takes most of the music model's margin
    over the plain median (F / F_max 0.754 / 0.760 against 0.731 / 0.724 and
    the model's 0.771 / 0.761; see the performance page).

    Parameters
    ----------
    window_length : int, default=14
        Number of most recent values whose median is forecast. Must not exceed
        the length of ``y``.
    loss : {"absolute_error", "relative_error"}, default="absolute_error"
        The error the forecast is the best constant for: the median itself,
        or the median lowered for the relative error (counts only: the
        values must not be negative).
    spread_length : int, default=21
        With ``loss="relative_error"``, the number of most recent values
        whose spread about the median lowers it. Must not exceed the length
        of ``y``; ignored otherwise.

    Examples
    --------
    >>> import pandas as pd
    >>> from lstmreg import MovingMedian
    >>> y = pd.Series([5.0, 1.0, 9.0, 4.0, 6.0])
    >>> MovingMedian(window_length=3).fit(y, fh=[1, 2]).predict().tolist()
    [6.0, 6.0]
    >>> lowered = MovingMedian(3, loss="relative_error", spread_length=3)
    >>> lowered.fit(y, fh=[1]).predict().round(2).tolist()
    [5.32]
    """

    # one series at a time, so that compare() fits it per series and a
    # series that starts late is no trouble (for many series at once without
    # sktime's per-column fits, use moving_median)
    _tags = _TAGS

    def __init__(self, window_length=14, loss="absolute_error", spread_length=21):
        self.window_length = window_length
        self.loss = loss
        self.spread_length = spread_length
        super().__init__()

    def _fit(self, y, X=None, fh=None):
        k = self.window_length
        check_positive_int("window_length", k)
        if self.loss not in MEDIAN_LOSSES:
            raise InputError(
                f"`loss` must be one of {list(MEDIAN_LOSSES)}; got {self.loss!r}."
            )
        lengths = [("window_length", k)]
        if self.loss == "relative_error":
            check_positive_int("spread_length", self.spread_length)
            lengths.append(("spread_length", self.spread_length))
            if (y < 0).any():
                raise InputError(
                    "loss='relative_error' lowers the median by the spread of "
                    f"log1p(y), but `y` has negative values (smallest {y.min():.4g}); "
                    "pass counts, or loss='absolute_error'."
                )
        for name, length in lengths:
            if len(y) < length:
                raise InputError(
                    f"`y` has {len(y)} time point(s), fewer than `{name}` "
                    f"({length}); pass a smaller `{name}`."
                )
        self._history = y
        return self

    def _predict(self, fh, X=None):
        median = moving_median(
            self._history.to_numpy(dtype=np.float64),
            self.window_length,
            self.loss,
            self.spread_length,
        )
        n = int(np.max(fh.to_relative(self.cutoff)))
        return _future(self, fh, np.full(max(n, 1), median))

    def _update(self, y, X=None, update_params=True):
        _remember(self, y)  # the median is taken from all data seen, at predict
        return self

    @classmethod
    def get_test_params(cls, parameter_set="default"):
        """Cheap settings for sktime's estimator checks."""
        return [
            {"window_length": 1},
            {"window_length": 3},
            {"window_length": 3, "loss": "relative_error", "spread_length": 4},
        ]


class SeasonalMean(OwnHistoryForecaster):
    """Forecast each point with the mean of the same point of recent seasons.

    The baselines of sub-daily flows such as metro entries (a day of
    ``sp`` slots): ``n_seasons=1`` is the same slot yesterday (``sp`` the
    day) or a week ago (``sp`` the week); ``n_seasons=5`` with ``match_on``
    the mean of the same slot over the last 5 days of the same kind, e.g.
    the last 5 working days for a working day.

    Parameters
    ----------
    sp : int, default=7
        Points in a season (108 ten-minute slots of a 06:00 .. 23:50 day).
    n_seasons : int, default=1
        How many earlier seasons' values are averaged.
    match_on : str or None, default=None
        A column of the covariates ``X`` (given to ``fit``, ``update`` and
        ``predict``) that names the kind of each point, e.g. ``"rest_day"``
        of :meth:`DailySchedule.calendar`: only seasons whose point is of the
        forecast point's kind are averaged. ``None`` averages the last
        ``n_seasons`` seasons whatever their kind. Where fewer seasons of the
        kind exist, those there are are averaged; where none is, the last
        season is used.

    Examples
    --------
    >>> import pandas as pd
    >>> from lstmreg import SeasonalMean
    >>> y = pd.Series([1.0, 10.0, 3.0, 30.0, 5.0, 50.0])
    >>> SeasonalMean(sp=2, n_seasons=2).fit(y, fh=[1, 2]).predict().tolist()
    [4.0, 40.0]
    >>> X = pd.DataFrame({"kind": [0, 0, 1, 1, 0, 0, 1, 1]})
    >>> f = SeasonalMean(sp=2, n_seasons=2, match_on="kind")
    >>> f.fit(y, X=X.iloc[:6], fh=[1, 2]).predict(X=X.iloc[6:]).tolist()
    [3.0, 30.0]
    """

    _tags = _TAGS | {"capability:exogenous": True}

    def __init__(self, sp=7, n_seasons=1, match_on=None):
        self.sp = sp
        self.n_seasons = n_seasons
        self.match_on = match_on
        super().__init__()

    def _fit(self, y, X=None, fh=None):
        check_positive_int("sp", self.sp)
        check_positive_int("n_seasons", self.n_seasons)
        if len(y) < self.sp:
            raise InputError(
                f"`y` has {len(y)} time point(s), fewer than one season (`sp` = "
                f"{self.sp}); pass more data or a shorter `sp`."
            )
        self._history, self._kinds = y, None
        if self.match_on is not None:
            self._kinds = kinds_of(self.match_on, X, y.index, "fit")
        return self

    def _predict(self, fh, X=None):
        steps = self._steps(fh)
        values = self._history.to_numpy(dtype=np.float64)
        index = fh.to_absolute_index(self.cutoff)
        kinds = future = None
        if self.match_on is not None:
            kinds = self._kinds.to_numpy()
            future = kinds_of(self.match_on, X, index, "predict").to_numpy()
        positions = len(values) - 1 + steps
        forecasts = matching_means(
            values, positions, self.sp, self.n_seasons, kinds, future
        )
        return pd.Series(forecasts, index=index, name=self._history.name)

    def _update(self, y, X=None, update_params=True):
        _remember(self, y)
        if self.match_on is not None:
            new = kinds_of(self.match_on, X, y.index, "update")
            self._kinds = _merged(self._kinds, new)
        return self

    @classmethod
    def get_test_params(cls, parameter_set="default"):
        """Cheap settings for sktime's estimator checks."""
        return [{"sp": 1}, {"sp": 2, "n_seasons": 3}]


def kinds_of(match_on, X, index, where):
    """The ``match_on`` column of ``X`` on ``index``, or a clear error."""
    if X is None or match_on not in X.columns:
        raise InputError(
            f"match_on={match_on!r} needs covariates `X` with a column "
            f"{match_on!r} in {where}, covering its time points."
        )
    check_rows(X, index, "to forecast" if where == "predict" else "of `y`")
    return X[match_on].reindex(index)


def matching_means(
    values, positions, sp, n_seasons, kinds=None, kinds_at=None, fallback=True
):
    """For every position (of the history ``values``, shape (n,) or (n, m),
    or after it), the mean of the values at the last ``n_seasons`` earlier
    positions a multiple of ``sp`` before it inside the history; with
    ``kinds`` (of the history's points), only those of the kind
    ``kinds_at[i]`` — where none is, the last one (``fallback``) or NaN."""
    n = len(values)
    means = np.empty((len(positions), *values.shape[1:]))
    for i, position in enumerate(positions):
        earlier = np.arange(position - sp, -1, -sp)
        earlier = earlier[earlier < n]
        if kinds is not None:
            same = earlier[kinds[earlier] == kinds_at[i]]
            if not (len(same) or fallback):
                means[i] = np.nan
                continue
            earlier = same if len(same) else earlier[:1]
        means[i] = values[earlier[:n_seasons]].mean(axis=0)
    return means


def default_baselines(sp=1, window_length=14):
    """The baselines :func:`lstmreg.evaluation.compare` adds: name -> forecaster.

    ``"AutoARIMA"`` and ``"AutoETS"`` (statsforecast, seasonal period ``sp``),
    ``"SeasonalNaive"`` (the value one season ago) and ``"MovingMedian"``
    (the median of the last ``window_length`` values).

    Examples
    --------
    >>> from lstmreg import default_baselines
    >>> sorted(default_baselines(sp=7))
    ['AutoARIMA', 'AutoETS', 'MovingMedian', 'SeasonalNaive']
    """
    from statsforecast.models import AutoARIMA, AutoETS, SeasonalNaive

    return {
        "AutoARIMA": StatsForecastModel(AutoARIMA(season_length=sp)),
        "AutoETS": StatsForecastModel(AutoETS(season_length=sp)),
        "SeasonalNaive": StatsForecastModel(SeasonalNaive(season_length=sp)),
        "MovingMedian": MovingMedian(window_length=window_length),
    }
