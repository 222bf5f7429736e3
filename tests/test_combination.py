"""Tests of WindowForecaster(combine_with=..., combine_weight=...): the
median or weighted mean with local statistical models (real statsforecast
models, real fits)."""

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.pipeline import make_pipeline
from sktime.datasets import load_airline
from statsforecast.models import MSTL, AutoARIMA, AutoETS, Naive

from lstmreg import FittingMSTL, SeasonalMedian, WindowForecaster, WindowTransformer
from lstmreg.forecasting._combination import statistical_models

pytestmark = pytest.mark.filterwarnings("ignore::FutureWarning")


def ridge():
    return make_pipeline(
        WindowTransformer(statistics=("value",), flatten=True), Ridge()
    )


def exact(**kwargs):
    """Forecasters that differ only in ``combine_with``: no clipping."""
    params = dict(estimator=ridge(), sp=12, max_extrapolation=None)
    return WindowForecaster(**{**params, **kwargs})


def test_forecast_is_the_mean_with_the_statistical_model():
    """Check the forecast, rolled out beyond the trained horizon, is the mean
    of the window model's and AutoETS's, and the model given is untouched."""
    y = load_airline()
    model = AutoETS(season_length=12)
    both = exact(combine_with=model, calibration_size=0).fit(y, fh=range(1, 13))
    alone = exact(combine_with=None, calibration_size=0).fit(y, fh=range(1, 13))
    fh = range(1, 31)
    ets = AutoETS(season_length=12).forecast(y=y.to_numpy(float), h=30)["mean"]
    expected = (alone.predict(fh).to_numpy() + ets) / 2
    assert_allclose(both.predict(fh).to_numpy(), expected, rtol=1e-10)
    assert not hasattr(model, "model_")  # estimated copies only
    ((ets_fitted,),) = both.statistical_models_  # one series, one model
    assert isinstance(ets_fitted, AutoETS)
    assert alone.statistical_models_ is None


def test_the_default_is_the_median_with_two_partners():
    """Check combine_weight='median' with two statistical models: step by
    step the median of the window model's, the naive and AutoETS's
    forecasts (not one member throughout), the same as the
    forecasts of the list's models fitted alone."""
    y = load_airline()
    fh = range(1, 19)
    partners = [Naive(), AutoETS(season_length=12)]
    both = exact(combine_with=partners, calibration_size=0).fit(y, fh=fh)
    alone = exact(combine_with=None, calibration_size=0).fit(y, fh=fh)
    values = y.to_numpy(float)
    members = np.stack(
        [
            alone.predict().to_numpy().ravel(),
            np.full(18, values[-1]),
            AutoETS(season_length=12).forecast(y=values, h=18)["mean"],
        ]
    )
    median = np.median(members, axis=0)
    assert both.combine_weight_ == "median"
    assert_allclose(both.predict().to_numpy().ravel(), median, rtol=1e-10)
    chosen = np.argmin(np.abs(members - median), axis=0)
    assert len(set(chosen)) > 1  # not one member throughout
    assert [type(m) for m in both.statistical_models_[0]] == [Naive, AutoETS]
    assert not hasattr(partners[1], "model_")  # estimated copies only


@pytest.mark.parametrize("weight", [0.2, "auto"])
def test_a_weight_with_two_partners_shares_the_rest_equally(weight):
    """Check a weight w with two statistical models: w * window model +
    (1 - w) * the mean of the two."""
    y = load_airline()
    partners = (Naive(), AutoETS(season_length=12))
    both = exact(combine_with=partners, combine_weight=weight, calibration_size=0)
    both.fit(y, fh=range(1, 7))
    alone = exact(combine_with=None, calibration_size=0).fit(y, fh=range(1, 7))
    values = y.to_numpy(float)
    ets = AutoETS(season_length=12).forecast(y=values, h=6)["mean"]
    w = both.combine_weight_
    assert w == pytest.approx(0.2 if weight == 0.2 else 0.5)  # 100+ windows
    expected = w * alone.predict().to_numpy().ravel() + (1 - w) * (values[-1] + ets) / 2
    assert_allclose(both.predict().to_numpy().ravel(), expected, rtol=1e-10)


@pytest.mark.parametrize(("n", "windows"), [(9, 2), (16, 9), (27, 20), (60, 53)])
def test_auto_weight_shrinks_the_window_model_with_few_windows(n, windows):
    """Check combine_weight='auto': the window model's share is 1/2 from 20
    training windows on and in proportion less below, and the forecast is
    that weighted mean of the window model's and the naive forecast."""
    y = pd.Series(10 + np.cumsum(np.random.default_rng(n).normal(0, 1, n)))
    kwargs = dict(estimator=Ridge(), lookback=5, sp=1, max_extrapolation=None)
    kwargs["calibration_size"] = 0
    both = WindowForecaster(combine_with=Naive(), combine_weight="auto", **kwargs)
    both.fit(y, fh=[1, 2, 3])
    equal = WindowForecaster(combine_with=Naive(), **kwargs).fit(y, fh=[1, 2, 3])
    assert equal.combine_weight_ == "median"  # the default, however few windows
    alone = WindowForecaster(combine_with=None, **kwargs).fit(y, fh=[1, 2, 3])
    w = 0.5 * min(1.0, windows / 20)
    assert both.combine_weight_ == pytest.approx(w)
    assert alone.combine_weight_ is None
    expected = w * alone.predict().to_numpy() + (1 - w) * y.iloc[-1]
    assert_allclose(both.predict().to_numpy(), expected, rtol=1e-10)
    mean = (alone.predict().to_numpy() + y.iloc[-1]) / 2  # median of two
    assert_allclose(equal.predict().to_numpy(), mean, rtol=1e-10)


@pytest.mark.parametrize("weight", [0, 0.25, 1])
def test_a_given_weight_is_the_window_models_share(weight):
    """Check combine_weight=w gives w * window model + (1 - w) * AutoETS,
    whatever the number of windows: 1 is the window model alone."""
    y = load_airline()
    both = exact(combine_with=AutoETS(season_length=12), combine_weight=weight)
    both.fit(y, fh=range(1, 7))
    alone = exact(combine_with=None, calibration_size=0).fit(y, fh=range(1, 7))
    ets = AutoETS(season_length=12).forecast(y=y.to_numpy(float), h=6)["mean"]
    expected = weight * alone.predict().to_numpy() + (1 - weight) * ets
    assert both.combine_weight_ == weight
    assert_allclose(both.predict().to_numpy(), expected, rtol=1e-10)


@pytest.mark.parametrize("weight", ["half", "mean", -0.1, 1.5, np.nan, True, None])
def test_bad_combine_weight_says_what_to_pass(weight):
    """Check a bad combine_weight is named, with what to pass instead."""
    f = WindowForecaster(estimator=ridge(), combine_with=Naive(), combine_weight=weight)
    match = r"'combine_weight' parameter of WindowForecaster must be"
    with pytest.raises(ValueError, match=match):
        f.fit(load_airline(), fh=[1, 2])


def test_auto_is_autoarima_and_autoets_with_the_default_network_only():
    """Check combine_with='auto': AutoARIMA and AutoETS (season_length=sp_)
    next to the default network, the median of the three; nothing next to a
    custom estimator."""
    days = pd.date_range("2015-03-01", periods=70, freq="D")
    rng = np.random.default_rng(0)
    weekly = 100 + 20 * np.sin(2 * np.pi * np.arange(70) / 7)
    y = pd.Series(weekly + rng.normal(0, 3, 70), index=days)
    kwargs = dict(lookback=14, calibration_size=0, random_state=0)
    default = WindowForecaster(**kwargs).fit(y, fh=[1, 2, 3])
    ((arima, ets),) = default.statistical_models_
    assert isinstance(arima, AutoARIMA)
    assert isinstance(ets, AutoETS)
    assert arima.season_length == ets.season_length == default.sp_ == 7
    assert arima.approximation is False  # exact up to a season of 12
    network = WindowForecaster(combine_with=None, **kwargs).fit(y, fh=[1, 2, 3])
    statistical = [
        model.forecast(y=y.to_numpy(), h=3)["mean"]
        for model in (AutoARIMA(season_length=7), AutoETS(season_length=7))
    ]
    members = [network.predict().to_numpy().ravel(), *statistical]
    expected = np.median(members, axis=0)
    assert_allclose(default.predict().to_numpy().ravel(), expected, rtol=1e-6)
    custom = WindowForecaster(estimator=ridge(), lookback=14).fit(y, fh=[1])
    assert custom.statistical_models_ is None


def test_above_a_season_of_12_the_seasonal_median_joins_the_median():
    """Check that with a season of 24 the 'auto' AutoARIMA searches by
    conditional sums of squares (statsforecast's approximation, R's default
    there), the median of the same hours over the last seven days joins it
    and AutoETS, and the forecast is the median of the four (the mean of
    the middle two); from a new history of ``lookback_`` points too (it
    holds a season)."""
    hours = pd.date_range("2015-03-01", periods=24 * 8, freq="h")
    rng = np.random.default_rng(0)
    daily = 50 + 10 * np.sin(2 * np.pi * np.arange(24 * 8) / 24)
    y = pd.Series(daily + rng.normal(0, 2, 24 * 8), index=hours)
    kwargs = dict(lookback=24, calibration_size=0, random_state=0)
    f = WindowForecaster(**kwargs).fit(y, fh=[1, 2, 3])
    ((arima, ets, median),) = f.statistical_models_
    assert [type(m) for m in (arima, ets, median)] == [
        AutoARIMA,
        AutoETS,
        SeasonalMedian,
    ]
    assert f.sp_ == arima.season_length == median.season_length == 24
    assert arima.approximation is True
    alone = AutoARIMA(season_length=24, approximation=True).fit(y.to_numpy())
    assert_allclose(arima.predict(h=3)["mean"], alone.predict(h=3)["mean"])
    network = WindowForecaster(combine_with=None, **kwargs).fit(y, fh=[1, 2, 3])
    members = np.sort(
        [
            network.predict().to_numpy().ravel(),
            alone.predict(h=3)["mean"],
            AutoETS(season_length=24).forecast(y=y.to_numpy(), h=3)["mean"],
            # the same hours over the last seven days, their median
            np.median(y.to_numpy()[-24 * 7 :].reshape(7, 24), axis=0)[:3],
        ],
        axis=0,
    )
    expected = members[1:3].mean(axis=0)
    assert_allclose(f.predict().to_numpy().ravel(), expected, rtol=1e-6)
    new = y.iloc[-24:]  # as short as a history may be
    assert np.isfinite(f.predict_from(new).to_numpy()).all()


def test_the_seasonal_median_joins_only_where_every_history_holds_a_season():
    """Check that with a lookback shorter than a season of 24 (series too
    short for more) the 'auto' members stay AutoARIMA and AutoETS: the
    seasonal median would have no value a season back in such a history;
    and up to a season of 12 too."""
    for sp, lookback, seasonal in [
        (24, 12, False),
        (24, 24, True),
        (12, 36, False),
    ]:
        names = [
            type(m).__name__ for m in statistical_models("auto", False, sp, lookback)
        ]
        assert names == ["AutoARIMA", "AutoETS"] + ["SeasonalMedian"] * seasonal


def test_two_weeks_of_hourly_data_add_mstl_by_the_day_and_the_week():
    """Check that where ``sp_`` hours make a day and every series holds more
    than two weeks, MSTL by the day and the week (statsforecast's, seasons
    that fit twice into a series only) joins the 'auto' members and the
    forecast is the median of the five; on two weeks exactly, or on the same
    values without a time index (the week unknown), it does not join. The
    five written out from ``lstmreg``'s public names forecast the same, and
    the models passed are left unfitted (each series gets its own copies)."""
    n = 24 * 15
    t = np.arange(n)
    rng = np.random.default_rng(0)
    weekend = ((t // 24) % 7 >= 5) * 15.0
    values = 50 + 10 * np.sin(2 * np.pi * t / 24) + weekend + rng.normal(0, 2, n)
    y = pd.Series(values, index=pd.date_range("2015-03-02", periods=n, freq="h"))
    kwargs = dict(lookback=24, calibration_size=0, random_state=0)
    f = WindowForecaster(**kwargs).fit(y, fh=[1, 2, 3])
    ((*_, mstl),) = f.statistical_models_
    assert type(mstl).__name__ == "FittingMSTL"
    assert mstl.seasons_ == [24, 168]
    network = WindowForecaster(combine_with=None, **kwargs).fit(y, fh=[1, 2, 3])
    members = [
        network.predict().to_numpy().ravel(),
        AutoARIMA(season_length=24, approximation=True).forecast(y=values, h=3)["mean"],
        AutoETS(season_length=24).forecast(y=values, h=3)["mean"],
        np.median(values[-24 * 7 :].reshape(7, 24), axis=0)[:3],
        MSTL([24, 168], trend_forecaster=AutoETS(model="ZZN")).forecast(y=values, h=3)[
            "mean"
        ],
    ]
    expected = np.median(members, axis=0)
    assert_allclose(f.predict().to_numpy().ravel(), expected, rtol=1e-6)
    assert np.isfinite(f.predict_from(y.iloc[-24:]).to_numpy()).all()
    written_out = [
        AutoARIMA(season_length=24, approximation=True),
        AutoETS(season_length=24),
        SeasonalMedian(season_length=24),
        FittingMSTL(season_length=[24, 168]),
    ]
    by_hand = WindowForecaster(combine_with=written_out, **kwargs).fit(y, fh=[1, 2, 3])
    assert [type(m) for m in by_hand.statistical_models_[0]] == [
        type(m) for m in f.statistical_models_[0]
    ]
    assert_allclose(by_hand.predict(), f.predict(), rtol=1e-6)
    assert not hasattr(written_out[2], "model_")
    assert not hasattr(written_out[3], "seasons_")
    for other in (y.iloc[-24 * 14 :], y.reset_index(drop=True)):
        g = WindowForecaster(sp=24, **kwargs).fit(other, fh=[1, 2, 3])
        assert [type(m).__name__ for m in g.statistical_models_[0]] == [
            "AutoARIMA",
            "AutoETS",
            "SeasonalMedian",
        ]


def test_update_keeps_the_estimated_parameters():
    """Check that after update the statistical half forecasts from the new
    points with the parameters estimated at fit (statsforecast's forward)."""
    y = load_airline()
    f = exact(combine_with=AutoETS(season_length=12), calibration_size=0)
    f.fit(y.iloc[:-12], fh=range(1, 7))
    ((ets,),) = f.statistical_models_
    estimated = ets.model_
    f.update(y.iloc[-12:-6], update_params=True)
    alone = exact(combine_with=None, calibration_size=0)
    alone.fit(y.iloc[:-12], fh=range(1, 7))
    alone.update(y.iloc[-12:-6])
    fh = range(1, 7)
    forward = ets.forward(y=y.iloc[:-6].to_numpy(float), h=6)["mean"]
    expected = (alone.predict(fh).to_numpy() + forward) / 2
    assert_allclose(f.predict(fh).to_numpy(), expected, rtol=1e-10)
    assert f.statistical_models_[0][0].model_ is estimated


@pytest.mark.parametrize("partner", [AutoETS(season_length=12), None])
def test_update_checks_every_point_the_forecaster_keeps(partner):
    """Check a revised point older than the lookback is refused when the
    statistical model keeps the whole series (it would forecast from the
    stale value) and plays no part without one; the whole history passed
    again unrevised is the same as the new points alone."""
    y = load_airline().astype(float)
    f, g = (exact(combine_with=partner, lookback=24, calibration_size=0) for _ in "fg")
    f.fit(y.iloc[:-6], fh=[1, 2])
    g.fit(y.iloc[:-6], fh=[1, 2])
    before = f.predict()
    revised = y.copy()
    revised.iloc[10] += 1.0  # 1949-11, far past the lookback of 24
    if partner is None:
        f.update(revised, update_params=False)
    else:
        with pytest.raises(ValueError, match=r"would change series .* at 1949-11"):
            f.update(revised, update_params=False)
        assert f.cutoff[0] == y.index[-7]
        assert_allclose(f.predict(), before)
        f.update(y, update_params=False)
    g.update(y.iloc[-6:], update_params=False)
    assert f.cutoff[0] == g.cutoff[0] == y.index[-1]
    assert_allclose(f.predict(), g.predict(), rtol=1e-12)


def test_new_histories_get_a_model_estimated_on_each():
    """Check predict_from and forecast_histories estimate a fresh copy on
    every new history (a local model knows only its own series)."""
    y = load_airline().astype(float)
    f = exact(combine_with=AutoETS(season_length=12), calibration_size=0)
    alone = exact(combine_with=None, calibration_size=0)
    f.fit(y.iloc[:-24], fh=range(1, 13))
    alone.fit(y.iloc[:-24], fh=range(1, 13))
    histories = [y.to_numpy()[:-12], y.to_numpy()[:-3]]
    ets = [AutoETS(season_length=12).forecast(y=h, h=5)["mean"] for h in histories]
    expected = (alone.forecast_histories(histories, 5) + np.stack(ets)) / 2
    assert_allclose(f.forecast_histories(histories, 5), expected, rtol=1e-10)
    history = y.iloc[:-12]
    from_y = f.predict_from(history, fh=[1, 2, 3, 4, 5]).to_numpy().ravel()
    assert_allclose(from_y, expected[0], rtol=1e-10)


def test_series_that_end_early_are_forecast_from_their_own_end():
    """Check a panel series that ended two points before the others is
    combined over its own steps: its first forecast is its third step."""
    values = np.cumsum(np.random.default_rng(1).normal(1, 2, (80, 2)), axis=0)
    days = pd.date_range("2015-03-01", periods=80, freq="D")
    y = pd.DataFrame(values + 50, index=days, columns=["a", "b"])
    panel = y.stack().swaplevel().sort_index().to_frame("plays")
    panel = panel.drop([("b", days[-1]), ("b", days[-2])])
    f = exact(combine_with=Naive(), sp=7, lookback=14, calibration_size=0)
    f.fit(panel, fh=[1, 2, 3])
    short = y[["b"]].iloc[:-2]
    expected = f.predict_from(short, fh=[3]).iloc[0, 0]
    assert_allclose(f.predict().loc["b"].iloc[0, 0], expected, rtol=1e-10)


def test_intervals_are_calibrated_on_the_combined_forecasts():
    """Check the calibration errors are those of the mean: on a straight
    line the linear window model is exact and the naive forecast is off by
    the slope times the step, so the mean is off by half of that."""
    line = pd.Series(2.0 * np.arange(120))
    kwargs = dict(estimator=LinearRegression(), lookback=10, max_extrapolation=None)
    alone = WindowForecaster(combine_with=None, **kwargs).fit(line, fh=[1, 2, 3])
    both = WindowForecaster(combine_with=Naive(), **kwargs).fit(line, fh=[1, 2, 3])
    assert_allclose(alone.residuals_, 0, atol=1e-8)
    first = both.residuals_[:, :1]
    assert (first > 0).all()
    assert_allclose(both.residuals_, first * [1, 2, 3], rtol=1e-8)
    point = both.predict().to_numpy().ravel()
    interval = both.predict_interval(coverage=0.9).to_numpy()
    assert (interval[:, 0] < point).all()
    assert (point < interval[:, 1]).all()


# M3 series N0001 (yearly, the competition's 14 training points)
_M3_N0001 = [940.66, 1084.86, 1244.98, 1445.02, 1683.17, 2038.15, 2342.52,
             2602.45, 2927.87, 3103.96, 3360.27, 3807.63, 4387.88, 4936.99]  # fmt: skip


def test_a_short_series_is_calibrated_where_the_partner_can_forecast():
    """Check a series too short to hold out a calibration tail fits: it is
    calibrated on its training windows, and AutoARIMA picks two differences
    here, which cannot forecast from the first windows' two points; those
    windows are left out instead of failing the fit (the default failed on
    4 of 33 short yearly M3 series)."""
    y = pd.Series(_M3_N0001)
    forecaster = WindowForecaster(estimator=Ridge(), combine_with=AutoARIMA(), sp=1)
    with pytest.warns(UserWarning, match="too short to hold out"):
        forecaster.fit(y, fh=range(1, 7))
    assert forecaster.statistical_models_[0][0].model_["arma"][5] == 2  # d
    assert forecaster.lookback_ == 2
    windows = len(y) - forecaster.lookback_ - 6 + 1
    assert 0 < len(forecaster.residuals_) < windows  # the early ones left out
    assert np.isfinite(forecaster.residuals_).all()
    interval = forecaster.predict_interval(coverage=0.9).to_numpy()
    point = forecaster.predict().to_numpy().ravel()
    assert np.isfinite(point).all()
    assert (interval[:, 0] <= point).all()
    assert (point <= interval[:, 1]).all()


# M3 series N0400 (yearly), its first 14 points: one horizon before its test
_M3_N0400 = [4400, 4400, 5400, 7300, 7200, 7100, 7000, 10000, 10100, 9400,
             8500, 8300, 9200, 10400]  # fmt: skip


def test_windows_too_short_for_autoets_are_left_out_of_the_calibration():
    """Check AutoETS, whose estimated ETS(A,N,N) cannot forecast from the
    first training window's two points (statsforecast raises IndexError):
    that window is left out of the calibration and the fit works (it failed
    with the default partners on this M3 series)."""
    y = pd.Series(_M3_N0400, dtype=float)
    forecaster = WindowForecaster(
        estimator=Ridge(), combine_with=[AutoARIMA(), AutoETS()], sp=1
    )
    with pytest.warns(UserWarning, match="too short to hold out"):
        forecaster.fit(y, fh=range(1, 7))
    assert forecaster.lookback_ == 2
    windows = len(y) - forecaster.lookback_ - 6 + 1
    assert 0 < len(forecaster.residuals_) < windows
    assert np.isfinite(forecaster.residuals_).all()
    assert np.isfinite(forecaster.predict().to_numpy()).all()


# M1 series QNC11 (quarterly, the competition's 13 training points)
_M1_QNC11 = [368.3, 451.4, 472.4, 522.0, 461.1, 532.1, 635.9, 677.2, 764.2,
             885.4, 1058.4, 1138.9, 995.1]  # fmt: skip


def test_a_series_too_short_for_any_interval_says_so_at_fit():
    """Check a series whose training windows AutoARIMA cannot forecast from
    (two points each) warns at fit that there are no intervals, rather than
    that they will be too narrow, and predict_interval says what to fix."""
    y = pd.Series(_M1_QNC11)
    forecaster = WindowForecaster(
        estimator=Ridge(), combine_with=AutoARIMA(season_length=4), sp=4
    )
    with pytest.warns(UserWarning, match="no prediction intervals"):
        forecaster.fit(y, fh=range(1, 9))
    assert forecaster.residuals_ is None
    assert np.isfinite(forecaster.predict().to_numpy()).all()
    with pytest.raises(ValueError, match="series long enough"):
        forecaster.predict_interval()


def test_limits_apply_to_the_combined_forecast():
    """Check non_negative and max_extrapolation bound the mean too."""
    y = pd.Series(np.r_[np.full(30, 10.0), np.linspace(10, 0.5, 30)])
    fh = range(1, 40)
    f = WindowForecaster(
        estimator=ridge(), lookback=10, combine_with=AutoETS(), calibration_size=0
    )
    free = f.set_params(max_extrapolation=None).fit(y, fh=fh).predict().to_numpy()
    recent = y.to_numpy()[-10:]
    assert free.min() < 0  # the unbounded mean runs below zero
    positive = f.set_params(non_negative=True).fit(y, fh=fh).predict().to_numpy()
    assert positive.min() == 0
    f.set_params(non_negative=False, max_extrapolation=0.0)
    bounded = f.fit(y, fh=fh).predict().to_numpy()
    assert_allclose(bounded.min(), recent.min())
    assert bounded.max() <= recent.max()


class _BrokenModel:
    """A user's model that forecasts NaN."""

    def forecast(self, y, h, **kwargs):
        return {"mean": np.full(h, np.nan)}

    def fit(self, y, **kwargs):
        return self

    def forward(self, y, h, **kwargs):
        return self.forecast(y, h)


@pytest.mark.parametrize(
    ("combine_with", "error", "match"),
    [
        ("arima", ValueError, r"'combine_with' parameter .* among \{'auto'\}"),
        (Ridge(), TypeError, r"'combine_with' parameter .* implementing 'forecast'"),
        ([AutoETS(), Ridge()], TypeError, r"`combine_with` must be a statsforec"),
        ([], ValueError, r"`combine_with` is an empty list; pass one or more"),
        (_BrokenModel(), ValueError, r"`combine_with` gave non-finite forecasts"),
    ],
)
def test_bad_combine_with_says_what_to_pass(combine_with, error, match):
    """Check a bad combine_with is named, with what to pass instead."""
    y = load_airline()
    f = WindowForecaster(estimator=ridge(), combine_with=combine_with)
    with pytest.raises(error, match=match):
        f.fit(y, fh=[1, 2]).predict()


def _seasonal(n=200, seed=0):
    rng = np.random.default_rng(seed)
    days = pd.date_range("2020-01-01", periods=n, freq="D")
    wave = 50 + 10 * np.sin(np.arange(n) * 2 * np.pi / 7)
    return pd.DataFrame({c: wave + rng.normal(0, 1, n) for c in "ab"}, index=days)


def test_validated_picks_the_member_that_is_clearly_better():
    """Check combine_weight='validated' keeps the window model alone on a
    clean weekly wave (Naive and the historic mean miss the wave), and Naive
    alone on a random walk that a constant window model misses."""
    from sklearn.dummy import DummyRegressor
    from statsforecast.models import HistoricAverage

    members = [Naive(), HistoricAverage()]
    wave = WindowForecaster(
        estimator=ridge(),
        lookback=14,
        combine_with=members,
        combine_weight="validated",
    ).fit(_seasonal(), fh=range(1, 8))
    assert_allclose(wave.combine_weight_, [1.0, 0.0, 0.0])
    scores = wave.validation_scores_
    assert scores.idxmin() == "window model alone"
    assert set(scores.index) == {
        "median",
        "mean",
        "window model alone",
        "Naive alone",
        "HistoricAverage alone",
    }
    rng = np.random.default_rng(1)
    walk = pd.Series(
        1000 + rng.normal(0, 5, 300).cumsum(),
        index=pd.date_range("2020-01-01", periods=300, freq="D"),
    )
    constant = make_pipeline(
        WindowTransformer(statistics=("value",), flatten=True), DummyRegressor()
    )
    f = WindowForecaster(
        estimator=constant,
        lookback=10,
        combine_with=members,
        combine_weight="validated",
        max_extrapolation=None,
    ).fit(walk, fh=[1, 2, 3])
    assert_allclose(f.combine_weight_, [0.0, 1.0, 0.0])
    assert_allclose(f.predict().to_numpy(), walk.iloc[-1])  # Naive's forecast


def test_validated_scores_come_from_a_model_fitted_before_the_tail():
    """Check the window model's validation score by hand: a model fitted on
    the data before the calibration tail, forecasting every origin of the
    tail, its absolute errors divided by the series' typical step; and that
    two fits choose alike."""
    from lstmreg.forecasting._conformal import series_scale
    from lstmreg.windows._window_sizing import window_sizing
    from lstmreg.windows._windows import make_windows

    y = _seasonal()["a"]
    h, lookback = 7, 14
    params = {
        "estimator": ridge(),
        "lookback": lookback,
        "combine_with": Naive(),
        "combine_weight": "validated",
    }
    f = WindowForecaster(**params).fit(y, fh=range(1, h + 1))
    values = y.to_numpy()
    k = window_sizing(
        len(values),
        1,
        sp=7,
        horizon=h,
        strategy="direct",
        lookback=lookback,
        calibration_size=0.2,
    ).calibration
    model = ridge().fit(*make_windows([values[:-k]], lookback, h))
    X_cal, y_cal = make_windows([values[-(k + lookback) :]], lookback, h)
    scale = series_scale([values])[0, 0]
    by_hand = np.mean(np.abs(y_cal - model.predict(X_cal)) / scale)
    assert f.validation_scores_["window model alone"] == pytest.approx(by_hand)
    again = WindowForecaster(**params).fit(y, fh=range(1, h + 1))
    pd.testing.assert_series_equal(again.validation_scores_, f.validation_scores_)
    pd.testing.assert_frame_equal(again.predict_interval(), f.predict_interval())


def test_validated_needs_a_calibration_tail():
    """Check combine_weight='validated' without a tail: refused with
    calibration_size=0, the median with a warning on too short series."""
    y = _seasonal(60)["a"]
    with pytest.raises(ValueError, match="calibration_size > 0"):
        WindowForecaster(
            estimator=ridge(),
            combine_with=Naive(),
            combine_weight="validated",
            calibration_size=0,
        ).fit(y, fh=[1])
    short = _seasonal(14)["a"]
    with pytest.warns(UserWarning, match="validated.*using the median"):
        f = WindowForecaster(
            estimator=ridge(),
            lookback=7,
            combine_with=Naive(),
            combine_weight="validated",
        ).fit(short, fh=range(1, 6))
    assert f.combine_weight_ == "median"
    assert f.validation_scores_ is None
