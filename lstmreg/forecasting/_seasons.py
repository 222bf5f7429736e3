"""Seasonal members of the default's median that statsforecast lacks as such.

:class:`SeasonalMedian` forecasts each step of a season by the median of
the same step over the last seasons: the seasonal naive forecast made
robust to one unusual season (a crowd, an outage, a holiday yesterday).

:class:`FittingMSTL` is MSTL keeping, on each series, only the seasons the
series can estimate.

statsforecast's ``MSTL`` decomposes any series by every season it is given;
a season that does not fit twice into the series leaves STL nothing to
average, and its seasonal component is noise. R's ``forecast::mstl`` drops
such seasons; :class:`FittingMSTL` does the same on every series it is
estimated on or forecasts (a short new history of
:meth:`~lstmreg.WindowForecaster.predict_from` keeps the day, not the week),
and with no season left the trend forecaster forecasts the series alone.
"""

import numpy as np
from statsforecast.models import MSTL, AutoETS, SeasonalWindowAverage

__all__ = ["FittingMSTL", "SeasonalMedian"]


class SeasonalMedian(SeasonalWindowAverage):
    """The median of the same step over the last ``window_size`` seasons, or
    over as many as the series holds (one: the seasonal naive forecast).

    statsforecast's ``SeasonalWindowAverage`` with the median instead of the
    mean, which one unusual season does not move, and without its NaN on a
    series shorter than ``window_size`` seasons. It is the fourth member of
    :class:`~lstmreg.WindowForecaster`'s default median above a season of 12
    (``combine_with="auto"``); as a statsforecast model it also goes in a
    ``combine_with`` list of your own or in ``StatsForecast(models=...)``.

    Parameters
    ----------
    season_length : int
        The steps in a season (24 for hourly data with a daily season).
    window_size : int, default=7
        The seasons the median is taken over (a week of days for hourly
        data: :doc:`/choosing_defaults`, "The seasonal median"; at 52 weeks
        3, 5 or 10 seasons forecast within 1 % of 7: "The season of 52
        weeks").
    alias : str, default="SeasonalMedian"
        The model's name in statsforecast's output.
    prediction_intervals : statsforecast.utils.ConformalIntervals, default=None
        Conformal intervals for ``forecast(..., level=...)``; without them
        ``level`` is refused, as statsforecast's ``SeasonalWindowAverage``
        does.

    Examples
    --------
    >>> import numpy as np
    >>> days = np.array([1.0, 5.0] * 6 + [9.0, 50.0])  # a crowd on the last day
    >>> SeasonalMedian(season_length=2).forecast(days, h=3)["mean"]
    array([1., 5., 1.])
    >>> SeasonalMedian(season_length=2).forecast(days[:4], h=2)["mean"]
    array([1., 5.])
    """

    def __init__(
        self,
        season_length,
        window_size=7,
        alias="SeasonalMedian",
        prediction_intervals=None,
    ):
        super().__init__(
            season_length,
            window_size,
            alias=alias,
            prediction_intervals=prediction_intervals,
        )

    def _season(self, y):
        """The forecast of one season after the float array ``y`` (NaN if
        ``y`` holds none)."""
        sp = self.season_length
        k = min(self.window_size, len(y) // sp)
        if k == 0:
            return np.full(sp, np.nan)
        return np.median(y[len(y) - k * sp :].reshape(k, sp), axis=0)

    def fit(self, y, X=None):
        """Store the median season of ``y`` (a 1-d array; ``X`` is
        ignored); returns the model."""
        y = np.asarray(y, dtype=np.float64)
        self.model_ = {"mean": self._season(y)}
        self._store_cs(y=y, X=X)
        return self

    def forecast(self, y, h, X=None, X_future=None, level=None, fitted=False):
        """The next ``h`` steps after ``y`` without storing anything:
        ``{"mean": ...}``, with ``lo-*`` / ``hi-*`` bounds for each of
        ``level`` (needs ``prediction_intervals``). ``fitted=True`` is
        refused: the model has no in-sample forecasts."""
        if fitted:
            raise NotImplementedError("SeasonalMedian has no in-sample forecasts")
        y = np.asarray(y, dtype=np.float64)
        res = {"mean": np.resize(self._season(y), h)}
        if level is None:
            return res
        if self.prediction_intervals is None:
            raise ValueError("Pass `prediction_intervals` to compute intervals.")
        return self._add_conformal_intervals(fcst=res, y=y, X=X, level=sorted(level))


class FittingMSTL(MSTL):
    """statsforecast's ``MSTL`` using, on a series of ``n`` values, only the
    seasons shorter than ``n / 2`` (as R's ``forecast::mstl``).

    On sub-daily data with a daily season ``sp`` it is the fifth member of
    :class:`~lstmreg.WindowForecaster`'s default median, by the day and the
    week (``FittingMSTL(season_length=[sp, 7 * sp])``, where every series
    holds more than two weeks); as a statsforecast model it also goes in a
    ``combine_with`` list of your own or in ``StatsForecast(models=...)``.

    Parameters
    ----------
    season_length : int or list of int
        The seasons to decompose by where they fit twice into the series
        (``[24, 168]``: the day and the week of hourly data).
    trend_forecaster : statsforecast model, default=None
        Forecasts the series without its seasons; None is ``MSTL``'s
        default, ``AutoETS(model="ZZN")``. It forecasts the series alone
        where no season fits.
    alias : str, default="MSTL"
        The model's name in statsforecast's output.

    Attributes
    ----------
    seasons_ : list of int
        The seasons of the series it was estimated on (those of
        ``season_length`` shorter than half the series).

    Examples
    --------
    >>> import numpy as np
    >>> day = np.tile([0.0, 1.0, 5.0, 2.0], 10)  # 40 points, a season of 4
    >>> model = FittingMSTL(season_length=[4, 28]).fit(day)
    >>> model.seasons_
    [4]
    >>> model.predict(4)["mean"].round(1)
    array([0., 1., 5., 2.])
    """

    def __init__(self, season_length, trend_forecaster=None, alias="MSTL"):
        trend = AutoETS(model="ZZN") if trend_forecaster is None else trend_forecaster
        super().__init__(season_length, trend_forecaster=trend, alias=alias)

    def _on(self, y):
        """An ``MSTL`` of the seasons that fit into ``y`` with this model's
        trend forecaster, or the trend forecaster alone where none fits."""
        seasons = [s for s in self.season_length if 2 * s < len(y)]
        if not seasons:
            return self.trend_forecaster
        return MSTL(seasons, trend_forecaster=self.trend_forecaster)

    def fit(self, y, X=None):
        """Decompose ``y`` by the seasons that fit twice into it
        (``seasons_``) and estimate the trend forecaster on the rest; with
        no season that fits, estimate the trend forecaster on ``y``.
        Returns the model."""
        model = self._on(y)
        if model is self.trend_forecaster:
            self.seasons_, self.model_ = [], None
            self.trend_forecaster = self.trend_forecaster.new().fit(y=y, X=X)
        else:
            model.fit(y, X)
            self.seasons_, self.model_ = model.season_length, model.model_
            self.trend_forecaster = model.trend_forecaster
        return self

    def predict(self, h, X=None, level=None):
        """The next ``h`` steps after the series it was estimated on, as
        ``MSTL.predict`` gives them (``level``: the trend forecaster's
        intervals)."""
        if not self.seasons_:
            return self.trend_forecaster.predict(h=h, X=X, level=level)
        model = MSTL(self.seasons_, trend_forecaster=self.trend_forecaster)
        model.model_ = self.model_
        return model.predict(h=h, X=X, level=level)

    def forecast(self, y, h, X=None, X_future=None, level=None, fitted=False):
        """``MSTL.forecast`` by the seasons that fit twice into ``y`` (the
        trend forecaster's alone where none does), storing nothing."""
        return self._on(y).forecast(
            y=y, h=h, X=X, X_future=X_future, level=level, fitted=fitted
        )

    def forward(self, y, h, X=None, X_future=None, level=None, fitted=False):
        """The fitted trend forecaster's parameters on ``y``'s trend, after
        decomposing ``y`` by the seasons that fit into it; where ``y`` is
        the start of the series the model was estimated on (a calibration
        window's history) and holds the same seasons, by the seasonal
        components estimated then, cut to ``y`` — as the trend's parameters
        are — instead of decomposing it again (0.2 s each for 650 hourly
        values: most of a default fit's time on hourly data)."""
        seasonal = self._estimated_for(y)
        if seasonal is None:
            return self._on(y).forward(
                y=y, h=h, X=X, X_future=X_future, level=level, fitted=fitted
            )
        res = self.trend_forecaster.forward(
            y=y - seasonal.sum(axis=1),
            h=h,
            X=X,
            X_future=X_future,
            level=level,
            fitted=fitted,
        )
        ahead = sum(np.resize(seasonal[-s:, i], h) for i, s in enumerate(self.seasons_))
        insample = seasonal.sum(axis=1)
        return {k: v + (insample if "fitted" in k else ahead) for k, v in res.items()}

    def _estimated_for(self, y):
        """The seasonal components estimated at ``fit`` for the first
        ``len(y)`` values, one column per season, where ``y`` is the start
        of the series estimated on and holds all its seasons; else None."""
        model = getattr(self, "model_", None)
        n = len(y)
        if model is None or any(2 * s >= n for s in self.seasons_):
            return None
        data = model["data"].to_numpy()
        if n > len(data) or not np.array_equal(y, data[:n]):
            return None
        # "seasonal" for one season, "seasonal24", "seasonal168", ... for more
        return model.filter(regex="^seasonal").to_numpy()[:n]
