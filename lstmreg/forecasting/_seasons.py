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
    series shorter than ``window_size`` seasons. Parameters are
    ``SeasonalWindowAverage``'s; ``window_size`` defaults to 7 (a week of
    days for hourly data: choosing_defaults.rst, "The seasonal median").

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
        y = np.asarray(y, dtype=np.float64)
        self.model_ = {"mean": self._season(y)}
        self._store_cs(y=y, X=X)
        return self

    def forecast(self, y, h, X=None, X_future=None, level=None, fitted=False):
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

    Parameters are ``MSTL``'s; the trend forecaster is ``AutoETS`` without a
    season, as ``MSTL``'s default. ``seasons_`` holds the seasons of the
    series it was estimated on.

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
        if not self.seasons_:
            return self.trend_forecaster.predict(h=h, X=X, level=level)
        model = MSTL(self.seasons_, trend_forecaster=self.trend_forecaster)
        model.model_ = self.model_
        return model.predict(h=h, X=X, level=level)

    def forecast(self, y, h, X=None, X_future=None, level=None, fitted=False):
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
