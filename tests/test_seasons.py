"""Tests of FittingMSTL, statsforecast's MSTL by the seasons that fit twice
into each series (real statsforecast fits), and of SeasonalMedian."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from statsforecast.models import MSTL, AutoETS, SeasonalNaive

from lstmreg import FittingMSTL, SeasonalMedian


def hourly(n, seed=0):
    """``n`` hours with a daily cycle and busier weekends."""
    t = np.arange(n)
    rng = np.random.default_rng(seed)
    weekend = ((t // 24) % 7 >= 5) * 4.0
    return 10 + 3 * np.sin(2 * np.pi * t / 24) + weekend + rng.normal(0, 0.3, n)


def mstl(seasons):
    return MSTL(seasons, trend_forecaster=AutoETS(model="ZZN"))


@pytest.mark.parametrize(("n", "seasons"), [(400, [24, 168]), (300, [24]), (40, [])])
def test_keeps_the_seasons_that_fit_twice(n, seasons):
    """Check that a series of ``n`` values is decomposed by the seasons
    shorter than ``n / 2`` (R's forecast::mstl), every way it is
    forecast: estimated then predicted, estimated in one go (``forecast``),
    and from new data with the estimated parameters (``forward``); with no
    season left, by the trend forecaster alone."""
    y = hourly(n)
    model = FittingMSTL(season_length=[168, 24]).fit(y)
    assert model.seasons_ == seasons
    if seasons:
        alone = mstl(seasons).fit(y)
        expected = alone.predict(12)["mean"]
        forward = alone.forward(y=y, h=12)["mean"]
    else:
        alone = AutoETS(model="ZZN").fit(y)
        expected = alone.predict(12)["mean"]
        forward = alone.forward(y=y, h=12)["mean"]
    assert_allclose(model.predict(12)["mean"], expected)
    assert_allclose(FittingMSTL([24, 168]).forecast(y=y, h=12)["mean"], expected)
    assert_allclose(model.forward(y=y, h=12)["mean"], forward)


def test_forward_drops_the_seasons_a_short_history_cannot_hold():
    """Check that a model estimated on two weeks and more forecasts a history
    of three days by the day alone (the week cannot be estimated from it),
    with the trend parameters estimated at fit, and one of a day and a half
    by the trend alone."""
    y = hourly(400)
    model = FittingMSTL([24, 168]).fit(y)
    short = y[-72:]
    by_day = MSTL([24], trend_forecaster=model.trend_forecaster)
    assert_allclose(
        model.forward(y=short, h=6)["mean"], by_day.forward(y=short, h=6)["mean"]
    )
    shorter = y[-36:]
    assert_allclose(
        model.forward(y=shorter, h=6)["mean"],
        model.trend_forecaster.forward(y=shorter, h=6)["mean"],
    )
    assert model.seasons_ == [24, 168]  # forecasting estimates nothing


def test_new_is_unfitted_and_the_default_trend_is_not_shared():
    """Check that statsforecast's ``new`` (how lstmreg copies a model per
    series) gives an unfitted copy with the same seasons, and that fitting
    copies never changes the model they came from."""
    prototype = FittingMSTL([24, 168])
    first = prototype.new().fit(hourly(400, seed=1))
    second = prototype.new().fit(hourly(400, seed=2))
    assert not hasattr(prototype, "seasons_")
    assert not hasattr(prototype.trend_forecaster, "model_")
    assert first.trend_forecaster is not second.trend_forecaster
    assert prototype.new().season_length == [24, 168]


def test_a_start_of_the_series_is_forecast_by_the_components_estimated_on_all():
    """Check that ``forward`` from the first values of the series the model
    was estimated on (how a calibration window's history reaches it)
    deseasonalises them by the seasonal components estimated on the whole
    series, cut to them, rather than decomposing them again, and repeats
    each season's last cycle ahead; a start too short for the week, or a
    history that is not the series' start, is decomposed again."""
    y = hourly(400)
    model = FittingMSTL([24, 168]).fit(y)
    start = y[:350]
    seasonal = model.model_[["seasonal24", "seasonal168"]].to_numpy()[:350]
    trend = model.trend_forecaster.forward(y=start - seasonal.sum(axis=1), h=30)
    ahead = np.tile(seasonal[-24:, 0], 2)[:30] + seasonal[-168:-138, 1]
    assert_allclose(model.forward(y=start, h=30)["mean"], trend["mean"] + ahead)
    for other in (y[:300], y[50:]):
        again = MSTL(
            [24, 168] if len(other) > 336 else [24],
            trend_forecaster=model.trend_forecaster,
        )
        assert_allclose(
            model.forward(y=other, h=6)["mean"], again.forward(y=other, h=6)["mean"]
        )


def test_the_seasonal_median_is_not_moved_by_one_unusual_season():
    """Check that a crowd on the last day (ten times the usual hours) is not
    repeated, as the seasonal naive forecast repeats it: each hour is the
    median of the same hour over the last seven days."""
    y = hourly(24 * 10)
    crowd = y.copy()
    crowd[-24:] *= 10
    median = SeasonalMedian(season_length=24).forecast(crowd, h=24)["mean"]
    expected = np.median(np.vstack([y[-24 * 7 : -24].reshape(6, 24), crowd[-24:]]), 0)
    assert_allclose(median, expected)
    assert median.max() < y.max() + 1
    naive = SeasonalNaive(season_length=24).forecast(crowd, h=24)["mean"]
    assert_allclose(naive, crowd[-24:])


def test_the_seasonal_median_of_a_short_series_uses_the_seasons_it_holds():
    """Check that fewer seasons than ``window_size`` give the median of
    those there are (statsforecast's SeasonalWindowAverage gives NaN), one
    season the seasonal naive forecast, and less than a season NaN; that
    ``fit`` then ``predict`` equals ``forecast``."""
    y = hourly(24 * 3 + 5)
    three = np.median(y[-72:].reshape(3, 24), axis=0)
    model = SeasonalMedian(season_length=24)
    assert_allclose(model.forecast(y, h=30)["mean"], np.resize(three, 30))
    assert_allclose(model.fit(y).predict(h=30)["mean"], np.resize(three, 30))
    one = SeasonalNaive(season_length=24).forecast(y[-30:], h=24)["mean"]
    assert_allclose(model.forecast(y[-30:], h=24)["mean"], one)
    assert np.isnan(model.forecast(y[-20:], h=3)["mean"]).all()


def test_the_seasonal_median_gives_conformal_intervals_as_statsforecast_does():
    """Check that with statsforecast's ``prediction_intervals`` the seasonal
    median gives conformal intervals around its forecast (from ``forecast``
    and from ``fit`` then ``predict``), and without them refuses a level."""
    from statsforecast.utils import ConformalIntervals

    y = hourly(24 * 12)
    intervals = ConformalIntervals(h=24, n_windows=2)
    model = SeasonalMedian(season_length=24, prediction_intervals=intervals)
    out = model.forecast(y, h=24, level=[80])
    assert (out["lo-80"] <= out["mean"]).all()
    assert (out["mean"] <= out["hi-80"]).all()
    assert (out["hi-80"] > out["lo-80"]).any()
    fitted = model.fit(y).predict(h=24, level=[80])
    assert_allclose(fitted["hi-80"], out["hi-80"])
    with pytest.raises(ValueError, match="prediction_intervals"):
        SeasonalMedian(season_length=24).forecast(y, h=3, level=[80])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sp=st.integers(2, 30),
    seasons=st.integers(1, 12),
    extra=st.integers(0, 29),
    scale=st.sampled_from([1e-9, 1.0, 1e9]),
    seed=st.integers(0, 2**16),
)
def test_the_seasonal_median_stays_within_the_same_steps_seen(
    sp, seasons, extra, scale, seed
):
    """Check, over seasons, lengths and magnitudes, that each forecast step
    lies between the least and the largest value of the same step in the
    last ``min(7, n // sp)`` seasons, repeating with the season; with a
    window of one season it is the seasonal naive forecast."""
    rng = np.random.default_rng(seed)
    y = rng.lognormal(0, 1, sp * seasons + extra % sp) * scale
    h = 2 * sp + 1
    forecast = SeasonalMedian(season_length=sp).forecast(y, h=h)["mean"]
    k = min(7, len(y) // sp)
    past = y[len(y) - k * sp :].reshape(k, sp)
    steps = np.resize(np.arange(sp), h)
    assert (forecast >= past.min(axis=0)[steps]).all()
    assert (forecast <= past.max(axis=0)[steps]).all()
    one = SeasonalMedian(season_length=sp, window_size=1).forecast(y, h=h)["mean"]
    assert_allclose(one, SeasonalNaive(season_length=sp).forecast(y, h=h)["mean"])
