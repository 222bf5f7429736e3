"""Tests of WindowForecaster on pandas series: layouts, strategies, intervals."""

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.pipeline import make_pipeline
from sktime.forecasting.compose import TransformedTargetForecaster
from sktime.forecasting.model_evaluation import evaluate
from sktime.forecasting.model_selection import ForecastingGridSearchCV
from sktime.split import ExpandingWindowSplitter, SlidingWindowSplitter
from sktime.transformations.series.boxcox import LogTransformer
from sktime.transformations.series.exponent import ExponentTransformer

from lstmreg import LSTMForecaster, WindowForecaster, WindowTransformer

pytestmark = pytest.mark.filterwarnings("ignore::FutureWarning")


def tiny_lstm(window_size=None):
    return make_pipeline(
        WindowTransformer(window_size=window_size),
        LSTMForecaster((8,), max_epochs=3, random_state=0),
    )


def daily_plays(n_days=200, n_artists=1, seed=0):
    """Weekly-seasonal daily counts of different magnitudes, one column each."""
    rng = np.random.default_rng(seed)
    days = pd.date_range("2015-03-01", periods=n_days, freq="D")
    weekly = 1 + 0.3 * np.sin(2 * np.pi * np.arange(n_days) / 7)
    levels = rng.lognormal(5, 1.5, n_artists)
    values = rng.poisson(np.outer(weekly, levels)).astype(float)
    return pd.DataFrame(
        values, index=days, columns=[f"artist_{i}" for i in range(n_artists)]
    )


def test_fifty_artists_one_global_model_with_future_dates():
    """Check the issue's example on a wide DataFrame of 50 artists."""
    y = daily_plays(n_days=183, n_artists=50)
    f = WindowForecaster(estimator=tiny_lstm(), sp=7, non_negative=True)
    f.fit(y, fh=range(1, 62))
    assert f.estimator_.steps[-1][1].n_features_in_ == f.lookback_  # one model
    assert not f._is_vectorized  # sktime did not split the columns into models
    pred = f.predict()
    assert pred.shape == (61, 50)
    assert list(pred.columns) == list(y.columns)
    assert pred.index[0] == pd.Timestamp("2015-08-31")
    assert pred.index.freq == "D"
    assert (pred.to_numpy() >= 0).all()
    interval = f.predict_interval(coverage=0.9)
    assert interval.shape == (61, 100)
    lower = interval.xs("lower", axis=1, level=2).to_numpy()
    upper = interval.xs("upper", axis=1, level=2).to_numpy()
    assert (lower <= pred.to_numpy()).all()
    assert (pred.to_numpy() <= upper).all()
    # per-window scaling: a big artist's forecast is at its own magnitude
    big, small = y.mean().idxmax(), y.mean().idxmin()
    assert pred[big].mean() > 10 * pred[small].mean()


@pytest.mark.parametrize(
    "index",
    [
        pd.date_range("2020-01-01", periods=80, freq="D"),
        pd.period_range("2000-01", periods=80, freq="M"),
        pd.RangeIndex(80),
    ],
    ids=["datetime", "period", "integer"],
)
def test_one_series_in_series_out_with_the_future_index(index):
    """Check a Series gives a Series, indexed after the last time point."""
    y = pd.Series(10 + np.sin(np.arange(80)), index=index, name="plays")
    f = WindowForecaster(estimator=Ridge(), lookback=10).fit(y, fh=[1, 2, 5])
    pred = f.predict()
    assert isinstance(pred, pd.Series)
    assert pred.name == "plays"
    assert list(pred.index) == [
        index[-1] + k * (index[1] - index[0]) for k in (1, 2, 5)
    ]


def test_multiindex_panel_is_one_global_model_and_keeps_its_layout():
    """Check an sktime panel (instance, time) in gives a panel out."""
    wide = daily_plays(n_days=60, n_artists=3)
    panel = wide.stack().swaplevel().sort_index().to_frame("plays")
    panel.index.names = ["artist", "day"]
    f = WindowForecaster(estimator=Ridge(), lookback=14).fit(panel, fh=[1, 2, 3])
    pred = f.predict()
    assert pred.index.names == ["artist", "day"]
    assert pred.shape == (9, 1)
    # the same model on the wide layout gives the same numbers
    g = WindowForecaster(estimator=Ridge(), lookback=14).fit(wide, fh=[1, 2, 3])
    assert_allclose(pred["plays"].unstack(level=0).to_numpy(), g.predict().to_numpy())


def test_recursive_recomputes_rolling_features_from_forecasts():
    """Check recursion feeds each forecast back through the window features."""
    y = daily_plays(n_days=120)["artist_0"]
    model = make_pipeline(
        WindowTransformer(window_size=4, flatten=True),
        LinearRegression(),
    )
    f = WindowForecaster(estimator=model, strategy="recursive", lookback=10)
    pred = f.fit(y, fh=range(1, 6)).predict().to_numpy()
    # the same recursion by hand: append each forecast, recompute features
    history = list(y.to_numpy())
    for _ in range(5):
        row = np.asarray(history[-10:])[None, :]
        history.append(f.estimator_.predict(row).ravel()[0])
    assert_allclose(pred, history[-5:])


@pytest.mark.parametrize("strategy", ["direct", "recursive"])
def test_horizons_longer_than_trained_roll_out_block_by_block(strategy):
    """Check fh beyond the trained horizon works for both strategies."""
    y = daily_plays(n_days=100)["artist_0"]
    f = WindowForecaster(estimator=Ridge(), strategy=strategy, lookback=14)
    f.fit(y, fh=[1, 2, 3])
    long = f.predict(fh=range(1, 11))
    assert len(long) == 10
    assert np.isfinite(long).all()
    assert_allclose(long.iloc[:3], f.predict(fh=[1, 2, 3]))
    interval = f.predict_interval(fh=range(1, 11), coverage=0.8)
    widths = (interval.iloc[:, 1] - interval.iloc[:, 0]).to_numpy()
    assert widths[9] > widths[2]  # uncertainty grows beyond the calibration


def weekly_ar1(n, rng, phi, level, amplitude, spread):
    """A weekly sine plus AR(1) noise with coefficient ``phi``."""
    noise = np.zeros(n)
    for t in range(1, n):
        noise[t] = phi * noise[t - 1] + rng.normal()
    season = amplitude * np.sin(2 * np.pi * np.arange(n) / 7)
    return pd.Series(level + season + spread * noise, index=pd.RangeIndex(n))


def test_conformal_interval_coverage_on_a_long_series():
    """Check a 90 % interval covers 85-95 % of held-out points."""
    y = weekly_ar1(3000, np.random.default_rng(3), 0.6, 50, 8, 3)
    train, test = y.iloc[:2000], y.iloc[2000:]
    model = make_pipeline(
        WindowTransformer(), LSTMForecaster((8,), max_epochs=10, random_state=0)
    )
    f = WindowForecaster(estimator=model, lookback=21, calibration_size=0.3)
    f.fit(train, fh=[1, 2, 3, 4, 5])
    covered = []
    for origin in range(0, 1000 - 5, 5):  # every held-out point once
        if origin:
            f.update(test.iloc[origin - 5 : origin], update_params=False)
        interval = f.predict_interval(coverage=0.9)
        truth = test.iloc[origin : origin + 5].to_numpy()
        covered.append(
            (interval.iloc[:, 0].to_numpy() <= truth)
            & (truth <= interval.iloc[:, 1].to_numpy())
        )
    coverage = np.mean(covered)
    assert 0.85 <= coverage <= 0.95, coverage


def test_intervals_of_a_short_series_cover_what_they_claim():
    """Check a short series holds out enough calibration windows for a 90 %
    interval to cover about 90 % (3 windows, the old 20 % tail, gave 83 %)."""
    rng = np.random.default_rng(0)
    covered, windows = [], []
    for _ in range(40):  # 92 daily points, the last 14 held out
        y = weekly_ar1(92, rng, 0.5, 100, 10, 5)
        f = WindowForecaster(estimator=Ridge(), sp=7, combine_with=None)
        f.fit(y.iloc[:-14], fh=range(1, 15))
        lower, upper = f.predict_interval(coverage=0.9).to_numpy().T
        truth = y.iloc[-14:].to_numpy()
        covered.append((lower <= truth) & (truth <= upper))
        windows.append(len(f.residuals_))
    assert min(windows) >= 19  # enough for the conformal rank of 95 %
    assert np.mean(covered) >= 0.85, np.mean(covered)


def test_the_shortest_series_of_a_panel_sizes_lookback_and_calibration():
    """Check what the docs say: one short series among long ones shortens the
    lookback of all and can leave no calibration tail, with a warning."""
    rng = np.random.default_rng(0)

    def panel(lengths):
        parts = [
            pd.DataFrame(
                {"y": 100 + np.cumsum(rng.normal(0, 1, n))},
                index=pd.MultiIndex.from_arrays(
                    [[f"s{j}"] * n, np.arange(60 - n, 60)], names=["series", "time"]
                ),
            )
            for j, n in enumerate(lengths)
        ]
        return pd.concat(parts)

    def fitted(lengths):
        f = WindowForecaster(estimator=Ridge(), sp=4, combine_with=None)
        return f.fit(panel(lengths), fh=range(1, 5))

    assert fitted([60, 60]).lookback_ == 12  # 3 * sp
    with pytest.warns(UserWarning, match="too short to hold out a calibration"):
        assert fitted([60, 60, 12]).lookback_ == 5


def test_intervals_of_a_very_short_series_stay_in_proportion():
    """Check a series whose history rows hold two points gets intervals of
    the size of its errors: scaled by the spread of each two-point history,
    a near-flat pair among the calibration windows made the interval up to
    1,900 typical steps wide (median 52), covering 95 %."""
    rng = np.random.default_rng(0)
    covered, widths = [], []
    for _ in range(40):  # 27 quarterly points of a drifting walk, 8 ahead
        y = pd.Series(1000 + np.cumsum(rng.normal(10, 30, 35)))
        train, test = y.iloc[:-8], y.iloc[-8:].to_numpy()
        f = WindowForecaster(estimator=Ridge(), sp=4, combine_with=None)
        f.fit(train, fh=range(1, 9))
        assert f.lookback_ == 2
        lower, upper = f.predict_interval(coverage=0.9).to_numpy().T
        covered.append((lower <= test) & (test <= upper))
        widths.append(np.mean(upper - lower) / np.abs(np.diff(train)).mean())
    # a 90 % interval of 8 steps of this walk is about 10 steps wide
    assert max(widths) < 100, max(widths)
    assert 0.85 <= np.mean(covered) <= 0.95, np.mean(covered)


def test_intervals_from_too_few_calibration_forecasts_pool_the_steps():
    """Check a 90 % interval from 3 calibration forecasts (20 yearly points,
    6 ahead), too few for a conformal rank, covers more than the largest
    error of each step did (68 % of these walks' held-out points)."""
    rng = np.random.default_rng(0)
    covered = []
    for _ in range(200):
        y = pd.Series(1000 + np.cumsum(rng.normal(10, 30, 26)))
        train, test = y.iloc[:-6], y.iloc[-6:].to_numpy()
        f = WindowForecaster(estimator=Ridge(), sp=1, combine_with=None)
        f.fit(train, fh=range(1, 7))
        assert len(f.residuals_) == 3
        lower, upper = f.predict_interval(coverage=0.9).to_numpy().T
        covered.append((lower <= test) & (test <= upper))
    assert np.mean(covered) >= 0.73, np.mean(covered)


def test_update_moves_the_cutoff_without_refitting():
    """Check update appends observations and keeps the fitted model."""
    y = daily_plays(n_days=100)["artist_0"]
    f = WindowForecaster(estimator=Ridge(), lookback=14).fit(y.iloc[:90], fh=[1, 2])
    model, coef = f.estimator_, f.estimator_.coef_.copy()
    f.update(y.iloc[90:], update_params=True)
    assert f.estimator_ is model
    assert_array_equal(f.estimator_.coef_, coef)
    assert f.predict().index[0] == y.index[-1] + pd.Timedelta(days=1)
    # the forecast equals one made from the full history with the same model,
    # a Series like predict's for a Series
    pd.testing.assert_series_equal(f.predict(), f.predict_from(y, fh=[1, 2]))


def test_predict_from_new_history_and_unequal_ends():
    """Check forecasting fresh series without refit, and series ending early."""
    y = daily_plays(n_days=90, n_artists=2)
    f = WindowForecaster(estimator=Ridge(), lookback=14).fit(y, fh=[1, 2, 3])
    other = daily_plays(n_days=30, n_artists=4, seed=5)
    pred = f.predict_from(other)
    assert pred.shape == (3, 4)
    assert pred.index[0] == other.index[-1] + pd.Timedelta(days=1)
    with pytest.raises(ValueError, match="shorter than the lookback"):
        f.predict_from(other.iloc[:5])
    # artist_1 stopped two days early: a panel whose series end at different times
    panel = y.stack().swaplevel().sort_index().to_frame("plays")
    panel = panel.drop([("artist_1", y.index[-1]), ("artist_1", y.index[-2])])
    g = WindowForecaster(estimator=Ridge(), lookback=14).fit(panel, fh=[1])
    # artist_1's forecast for the day after the cutoff is its third step
    expected = g.predict_from(y[["artist_1"]].iloc[:-2], fh=[3]).iloc[0, 0]
    assert_allclose(g.predict().loc["artist_1"].iloc[0, 0], expected)


def test_same_seed_same_forecasts_and_remember_data():
    """Check reproducibility and that both remember_data settings work."""
    y = daily_plays(n_days=80)["artist_0"]
    a = WindowForecaster(
        estimator=None, lookback=14, random_state=0, calibration_size=0
    )
    b = a.clone()
    a.set_params(window_size=7)
    b.set_params(window_size=7)
    for f in (a, b):
        f.set_params(estimator=None)
    pa = a.fit(y, fh=[1, 2]).predict()
    pb = b.set_config(remember_data=True).fit(y, fh=[1, 2]).predict()
    assert_array_equal(pa, pb)
    assert len(b._y) == 80
    with pytest.raises(ValueError, match="calibration tail"):
        a.predict_interval()


def test_sktime_evaluate_grid_search_and_transformed_target():
    """Check evaluate, ForecastingGridSearchCV over window_size, and composition."""
    y = daily_plays(n_days=120)["artist_0"]
    f = WindowForecaster(estimator=tiny_lstm(), lookback=14, calibration_size=0)
    cv = ExpandingWindowSplitter(initial_window=80, step_length=15, fh=[1, 2, 3])
    scores = evaluate(f, cv, y)
    assert len(scores) == 3
    assert np.isfinite(scores.iloc[:, 0]).all()

    search = ForecastingGridSearchCV(
        WindowForecaster(lookback=14, calibration_size=0, random_state=0),
        cv=SlidingWindowSplitter(window_length=90, step_length=10, fh=[1, 2, 3]),
        param_grid={"window_size": [7, 14]},
    )
    search.set_params(forecaster__estimator=None)
    # keep the grid search cheap: a tiny default network through the estimator
    search.fit(y.iloc[:110], fh=[1, 2, 3])
    assert search.best_params_["window_size"] in (7, 14)

    pipe = TransformedTargetForecaster(
        [("sqrt", ExponentTransformer(0.5)), ("lstm", f.clone())]
    )
    pred = pipe.fit(y, fh=[1, 2, 3]).predict()
    assert np.isfinite(pred).all()
    assert abs(pred.mean() / y.iloc[-14:].mean() - 1) < 1


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda y: y.iloc[::-1], "sorted"),
        (lambda y: pd.concat([y.iloc[:5], y.iloc[4:]]), "duplicated|unique"),
        (lambda y: y.drop(y.index[10]), "irregular|frequency|freq"),
        (lambda y: y.where(y.index != y.index[20]), "missing|NaN|nan"),
        (lambda y: y.iloc[:6], "only 6 time points"),
    ],
    ids=["unsorted", "duplicated", "gapped", "nan-inside", "too-short"],
)
def test_bad_series_raise_clear_errors(make, match):
    """Check bad time indexes and values give errors naming the problem."""
    y = daily_plays(n_days=60)["artist_0"]
    with pytest.raises((ValueError, TypeError), match=match):
        WindowForecaster(estimator=Ridge(), lookback=7).fit(make(y), fh=[1, 2])


def test_a_series_too_short_for_its_windows_says_which_settings_help():
    """Check the message proposes fewer steps ahead where the windows hold the
    horizon (direct), only a shorter lookback where they hold one step."""
    y = pd.Series(np.arange(12.0), index=pd.period_range("2000-01", periods=12))
    direct = r"needs at least 15\. Pass a shorter `lookback` or fewer steps ahead"
    with pytest.raises(ValueError, match=direct):
        WindowForecaster(estimator=Ridge()).fit(y, fh=range(1, 13))
    recursive = WindowForecaster(estimator=Ridge(), strategy="recursive", lookback=11)
    with pytest.raises(
        ValueError, match=r"at least 13\. Pass a shorter `lookback`, or"
    ):
        recursive.fit(y, fh=range(1, 13))
    with pytest.warns(UserWarning, match="too short to hold out a calibration"):
        fewer = WindowForecaster(estimator=Ridge()).fit(y, fh=range(1, 7))
    assert len(fewer.predict()) == 6


def test_bad_parameters_raise_clear_errors():
    """Check invalid strategy, lookback, calibration_size and
    max_extrapolation, and a lookback of 1 under max_extrapolation (no range
    to bound by; it divided by zero)."""
    y = daily_plays(n_days=60)["artist_0"]
    lookback = WindowForecaster(estimator=Ridge(), lookback=np.int64(7)).fit(y, fh=[1])
    assert lookback.lookback_ == 7  # NumPy integers, e.g. from a grid, are fine
    for params, match in [
        ({"strategy": "multioutput"}, "'strategy' parameter .* among"),
        ({"lookback": 0}, r"'lookback' parameter .* range \[1, inf\)"),
        ({"calibration_size": 1.0}, "'calibration_size' parameter"),
        ({"max_extrapolation": -1}, "'max_extrapolation' parameter"),
        ({"max_extrapolation": "no"}, "'max_extrapolation' parameter"),
        ({"non_negative": "yes"}, "'non_negative' parameter"),
        ({"sp": 2.5}, "'sp' parameter"),
        ({"lookback": 1}, r"one value has no range; pass lookback >= 2, or max_"),
        ({"final_fit": "warm"}, "'final_fit' parameter .* among"),
        ({"final_fit": "continue"}, "got Ridge. Pass final_fit='fresh'"),
    ]:
        with pytest.raises(ValueError, match=match):
            WindowForecaster(estimator=Ridge(), **params).fit(y, fh=[1])
    one = WindowForecaster(estimator=Ridge(), lookback=1, max_extrapolation=None)
    assert np.isfinite(one.fit(y, fh=[1, 2]).predict()).all()


class _Runaway(RegressorMixin, BaseEstimator):
    """A window model whose forecasts explode, as a badly trained net's may."""

    def fit(self, X, y):
        self.n_outputs_ = np.asarray(y).reshape(len(y), -1).shape[1]
        return self

    def predict(self, X):
        return np.full((len(X), self.n_outputs_), 1e9)


def _growth(n=96):
    """Monthly counts that grow 3 % a month with a multiplicative season."""
    t = np.arange(n)
    values = 100 * 1.03**t * (1 + 0.4 * np.sin(2 * np.pi * t / 12))
    index = pd.period_range("2000-01", periods=n, freq="M")
    return pd.Series(values, index=index)


def test_runaway_forecasts_are_held_near_the_history():
    """Check max_extrapolation bounds a runaway model, and None lets it run."""
    y = _growth()
    guarded = WindowForecaster(estimator=_Runaway(), lookback=24).fit(
        y, fh=range(1, 13)
    )
    recent = y.iloc[-24:]
    ceiling = recent.max() + (recent.max() - recent.min())
    assert_allclose(guarded.predict().to_numpy(), ceiling)
    free = WindowForecaster(estimator=_Runaway(), lookback=24, max_extrapolation=None)
    assert (free.fit(y, fh=[1]).predict() == 1e9).all()


def test_guard_leaves_honest_growth_forecasts_alone():
    """Check that a correct multiplicative-growth forecast is not clipped."""
    y = _growth()
    train, test = y.iloc[:-12], y.iloc[-12:]
    # on log values the series is a line plus a season: a linear model of
    # windows of logs forecasts it almost exactly, far above the history
    model = TransformedTargetForecaster(
        [
            ("log", LogTransformer()),
            ("windows", WindowForecaster(estimator=LinearRegression(), lookback=24)),
        ]
    )
    forecast = model.fit(train, fh=range(1, 13)).predict()
    assert forecast.max() > train.max()
    assert_allclose(forecast.to_numpy(), test.to_numpy(), rtol=0.05)
    guard_off = model.clone().set_params(windows__max_extrapolation=None)
    assert_allclose(guard_off.fit(train, fh=range(1, 13)).predict(), forecast)


def test_guard_lets_a_short_lookback_follow_a_steady_trend():
    """Check a lookback shorter than the horizon widens the guard: the range
    of 3 values is 2 steps of a line, and the 6th step lies 6 steps away.
    The band of that range alone stopped short series' trends (on yearly M3
    series of 14 points the default's lookback is 2)."""
    line = pd.Series(5.0 + 2.0 * np.arange(14))
    kwargs = dict(estimator=LinearRegression(), lookback=3, combine_with=None)
    guarded = WindowForecaster(**kwargs).fit(line, fh=range(1, 7))
    expected = line.iloc[-1] + 2.0 * np.arange(1, 7)
    assert_allclose(guarded.predict().to_numpy(), expected, rtol=1e-8)
    narrower = WindowForecaster(max_extrapolation=0.5, **kwargs)
    capped = narrower.fit(line, fh=range(1, 7)).predict().to_numpy()
    # a margin of 0.5 x (6 steps / 2) x the range 4 above the last value
    assert_allclose(capped.max(), line.iloc[-1] + 0.5 * 3 * 4.0, rtol=1e-8)


CALENDARS = {
    "monthly start": pd.date_range("2010-01-01", periods=60, freq="MS"),
    "monthly end": pd.date_range("2010-01-31", periods=60, freq="ME"),
    "quarterly": pd.date_range("2000-01-01", periods=60, freq="QS"),
    "business days": pd.bdate_range("2015-03-02", periods=60),
    "hourly": pd.date_range("2015-03-01", periods=60, freq="h"),
    "daily across DST": pd.date_range(
        "2015-03-01", periods=60, freq="D", tz="Europe/Berlin"
    ),
}


@pytest.mark.parametrize("name", list(CALENDARS))
@pytest.mark.parametrize("freq_set", [True, False], ids=["freq", "no-freq"])
def test_calendar_frequencies_forecast_on_their_own_calendar(name, freq_set):
    """Check months, quarters, business days, hours, DST days end to end."""
    from lstmreg import MovingMedian, compare

    grid = CALENDARS[name]
    index = grid if freq_set else pd.DatetimeIndex(list(grid))
    y = pd.Series(np.arange(60.0) % 5 + 10, index=index)
    forecast = WindowForecaster(estimator=Ridge(), lookback=8).fit(y, fh=[1, 2])
    future = pd.date_range(grid[-1], periods=3, freq=grid.freq)[1:]
    assert_array_equal(forecast.predict().index, future)
    result = compare(
        y, {"median": MovingMedian(3)}, horizon=3, baselines=False, verbose=False
    )
    assert len(result.scores) == 3


def test_irregular_datetime_index_names_a_timestamp_and_the_fix():
    """Check that a gap in daily data is still refused, naming where."""
    days = pd.date_range("2015-03-01", periods=40, freq="D").delete(20)
    y = pd.Series(np.arange(39.0), index=days)
    with pytest.raises(ValueError, match=r"2015-03-20.*asfreq"):
        WindowForecaster(estimator=Ridge(), lookback=5).fit(y, fh=[1])


def test_panel_made_with_set_index_predicts_and_gives_intervals():
    """Check a long table turned panel (time level without freq) end to end."""
    days = pd.date_range("2015-03-01", periods=60)
    long = pd.DataFrame(
        {
            "k": np.repeat(["a", "b"], 60),
            "date": np.tile(days, 2),
            "plays": np.arange(120.0) % 7 + 10,
        }
    )
    panel = long.set_index(["k", "date"])
    f = WindowForecaster(estimator=Ridge(), lookback=8, calibration_size=0.3)
    f.fit(panel, fh=[1, 2])
    dates = f.predict().index.get_level_values(-1).unique()
    assert_array_equal(dates, pd.date_range("2015-04-30", periods=2))
    intervals = f.predict_interval(coverage=0.8)
    assert intervals.shape == (4, 2)


def _fitted_pair():
    days = pd.date_range("2015-03-01", periods=120, freq="D")
    t = np.arange(120.0)
    Y = pd.Series(100 + 10 * np.sin(2 * np.pi * t / 7) + t / 10, index=days)
    YD = pd.DataFrame({"a": Y, "b": Y / 10})
    f = WindowForecaster(estimator=Ridge(), lookback=14).fit(YD.iloc[:-5], fh=[1, 2])
    return f, YD


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda YD: YD.iloc[-10:-5] * 2, "would change series 'a'"),  # revised
        (lambda YD: YD.iloc[-1:], "right after the last one seen"),  # a gap
        (lambda YD: YD.iloc[-5:].rename(columns={"a": "c"}), r"series \['c'\]"),
        (lambda YD: YD.iloc[-5:].assign(c=1.0), r"series \['c'\]"),
        (lambda YD: YD.iloc[-12:-7].shift(12, freq="h"), "not on the time grid"),
    ],
    ids=["revised-seen-points", "5-days-later", "renamed", "extra-column", "noon"],
)
def test_a_refused_update_changes_nothing(make, match):
    """Check overlaps, gaps and unknown series are refused all-or-nothing."""
    f, YD = _fitted_pair()
    before = f.predict()
    with pytest.raises(ValueError, match=match):
        f.update(make(YD), update_params=False)
    assert f.cutoff[0] == YD.index[-6]
    assert_array_equal(f.predict(), before)
    assert_array_equal(f.predict().index, before.index)


def test_a_series_that_ended_early_must_continue_from_its_own_end():
    """Check update refuses new points of a panel series that ended early when
    its missing points are not all given, naming the series, and changes
    nothing; with them, it catches up."""
    days = pd.date_range("2015-03-01", periods=40, freq="D")
    wide = pd.DataFrame({"a": np.arange(40.0), "b": 50 - np.arange(40.0)}, days)
    panel = wide.stack().swaplevel().sort_index().to_frame("y")
    train = panel.drop([("b", days[-3]), ("b", days[-2]), ("b", days[-1])])
    train = train.drop(("a", days[-1]))  # a ends a day early, b three days
    f = WindowForecaster(estimator=Ridge(), lookback=7, calibration_size=0)
    f.fit(train, fh=[1])
    before = f.predict()
    skipped = panel.drop([("b", days[-3])]).loc[(slice(None), days[-3:]), :]
    with pytest.raises(ValueError, match=r"'b'\) would have 1 missing point"):
        f.update(skipped, update_params=False)
    assert f.cutoff[0] == days[-2]
    assert_array_equal(f.predict(), before)
    f.update(panel.loc[(slice(None), days[-3:]), :], update_params=False)
    assert f.cutoff[0] == days[-1]
    assert_allclose(f.predict(), f.predict_from(panel))


def test_update_aligns_series_by_name_and_moves_on():
    """Check columns in another order update the right series."""
    f, YD = _fitted_pair()
    g, _ = _fitted_pair()
    f.update(YD.iloc[-5:], update_params=False)
    g.update(YD.iloc[-5:][["b", "a"]], update_params=False)
    assert_allclose(g.predict()[["a", "b"]], f.predict())
    assert f.predict().index[0] == YD.index[-1] + pd.Timedelta(days=1)
    f.update(YD.iloc[-1:].set_axis([YD.index[-1] + pd.Timedelta(days=1)]))
    assert f.cutoff[0] == YD.index[-1] + pd.Timedelta(days=1)


def test_points_already_seen_that_agree_change_nothing():
    """Check an update repeating seen data keeps the forecast and the cutoff."""
    f, YD = _fitted_pair()
    before = f.predict()
    f.update(YD.iloc[-10:-5], update_params=False)  # Y[-5:] of a fit on all of Y
    assert f.cutoff[0] == YD.index[-6]
    assert_array_equal(f.predict(), before)
    f.update(YD.iloc[-8:-3], update_params=False)  # three seen, two new
    assert f.cutoff[0] == YD.index[-4]


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda y: y.iloc[:0].to_frame(), r"`y` is empty"),
        (lambda y: y.iloc[::-1], r"unsorted.*sort_index"),
        (lambda y: y.sample(frac=1, random_state=0), r"unsorted.*sort_index"),
        (
            lambda y: pd.concat([y, y], axis=1).set_axis(["a", "a"], axis=1),
            "two series named 'a'",
        ),
        (lambda y: y.astype(str).astype(object), "numbers only"),
    ],
    ids=["empty", "reversed", "shuffled", "duplicate-names", "object"],
)
def test_bad_frames_get_lstmregs_message_not_sktimes(make, match):
    """Check y is checked before sktime's generic conversion error."""
    y = daily_plays(n_days=60)["artist_0"]
    with pytest.raises(ValueError, match=match):
        WindowForecaster(estimator=Ridge(), lookback=7).fit(make(y), fh=[1])


def test_bad_fh_and_coverage_are_named():
    """Check predict_from(fh=[0]) and coverage outside (0, 1)."""
    y = daily_plays(n_days=80)["artist_0"]
    f = WindowForecaster(estimator=Ridge(), lookback=7, calibration_size=0.3)
    f.fit(y, fh=[1, 2])
    with pytest.raises(ValueError, match=r"`fh` must count steps.*\[0\]"):
        f.predict_from(y, fh=[0])
    for coverage in (0, 1.5, [0.5, 2.0], "90%"):
        with pytest.raises(ValueError, match="`coverage` must be a number between"):
            f.predict_interval(coverage=coverage)
    assert f.predict_interval(coverage=[0.5, 0.9]).shape == (2, 4)


def test_intervals_of_many_series_and_coverages_in_sktimes_layout():
    """Check the columns are (series, coverage, side) for every series and
    coverage, each interval around the forecast and the wider one holding
    the narrower."""
    y = daily_plays(n_days=80, n_artists=2)
    f = WindowForecaster(estimator=Ridge(), lookback=7, calibration_size=0.3)
    point = f.fit(y, fh=[1, 2, 3]).predict()
    interval = f.predict_interval(coverage=[0.5, 0.9])
    assert list(interval.columns) == [
        (name, c, side)
        for name in ("artist_0", "artist_1")
        for c in (0.5, 0.9)
        for side in ("lower", "upper")
    ]
    assert interval.index.equals(point.index)
    for name in point.columns:
        narrow, wide = interval[name][0.5], interval[name][0.9]
        assert (wide["lower"] <= narrow["lower"]).all()
        assert (narrow["lower"] <= point[name]).all()
        assert (point[name] <= narrow["upper"]).all()
        assert (narrow["upper"] <= wide["upper"]).all()


def test_data_too_large_for_an_lstm_names_y():
    """Check y * 1e37 is reported as the data's magnitude, not a feature's,
    for the default and a custom LSTM (alone or last in a pipeline; its own
    check named the windows, `X`, which the user never passed), and that
    y * 1e30 still gets finite forecasts from the default."""
    y = daily_plays(n_days=60)["artist_0"]
    lstm = LSTMForecaster(max_epochs=1)
    for estimator in (None, lstm, make_pipeline(WindowTransformer(), lstm)):
        forecaster = WindowForecaster(estimator=estimator, lookback=10)
        with pytest.raises(ValueError, match=r"`y` has values up to .*e\+3\d; the LS"):
            forecaster.fit(y * 1e37, fh=[1])
    forecast = WindowForecaster(estimator=Ridge(), lookback=10).fit(y * 1e37, fh=[1])
    assert np.isfinite(forecast.predict().to_numpy()).all()
    default = WindowForecaster(lookback=10, calibration_size=0, random_state=0)
    scaled = default.fit(y * 1e30, fh=[1]).predict().to_numpy()
    unscaled = default.fit(y, fh=[1]).predict().to_numpy()
    assert_allclose(scaled / 1e30, unscaled, rtol=1e-3)


def test_final_fit_continues_the_calibration_model_for_a_quarter_of_its_epochs():
    """Check final_fit="continue" trains the model fitted before the
    calibration tail on all windows for a quarter of its epochs (the tail's
    errors are that model's, as with a fresh final fit) and "fresh" fits
    anew, for a custom and the default network."""
    y = daily_plays(n_days=120)["artist_0"]
    params = dict(combine_with=None, random_state=0)
    fh = list(range(1, 8))
    model = make_pipeline(
        WindowTransformer(), LSTMForecaster((8,), max_epochs=8, random_state=0)
    )
    fresh = WindowForecaster(model, final_fit="fresh", **params).fit(y, fh=fh)
    go_on = WindowForecaster(model, final_fit="continue", **params).fit(y, fh=fh)
    assert fresh.estimator_[-1].n_epochs_ == 8
    assert go_on.estimator_[-1].n_epochs_ == 8 + 2
    assert_array_equal(go_on.residuals_, fresh.residuals_)
    assert not np.array_equal(go_on.predict(), fresh.predict())
    again = WindowForecaster(model, final_fit="continue", **params).fit(y, fh=fh)
    assert_array_equal(again.predict(), go_on.predict())
    assert model.steps[-1][1].max_epochs == 8  # the user's model is untouched
    model.set_params(lstmforecaster__max_steps=40)
    capped = WindowForecaster(model, final_fit="continue", **params).fit(y, fh=fh)
    assert capped.estimator_[-1].max_steps == 10  # a quarter of the steps too

    assert WindowForecaster(**params).fit(y, fh=fh).estimator_[-1].n_epochs_ == 60
    default = WindowForecaster(final_fit="continue", **params).fit(y, fh=fh)
    assert default.estimator_[-1].n_epochs_ == 60 + 15
    once = WindowForecaster(calibration_size=0, final_fit="continue", **params)
    assert once.fit(y, fh=fh).estimator_[-1].n_epochs_ == 60  # no tail: one fit


def test_the_default_network_gets_the_seasonal_period():
    """Check that the default window model is told ``sp_`` (its
    ``normalize="seasonal"`` needs it), given or inferred from the index."""
    y = pd.Series(np.sin(np.arange(120) / 3), index=pd.date_range("2024", periods=120))
    tiny = dict(calibration_size=0, combine_with=None, random_state=0)
    inferred = WindowForecaster(**tiny).fit(y, fh=[1, 2])
    assert inferred.sp_ == 7
    assert inferred.estimator_[-1].sp == 7
    given = WindowForecaster(sp=5, **tiny).fit(y, fh=[1, 2])
    assert given.estimator_[-1].sp == 5


def test_half_hourly_series_get_a_daily_season():
    """Check that a series every 30 minutes is forecast with a season of a
    day (48 steps): before, a multiple of a frequency got no season, and the
    default's error on half-hourly electricity demand was 2.5 times the
    seasonal naive forecast's."""
    index = pd.date_range("2024-01-01", periods=48 * 6, freq="30min")
    y = pd.Series(np.sin(np.arange(len(index)) * np.pi / 24) + 5, index=index)
    f = WindowForecaster(Ridge(), lookback=60, combine_with=None).fit(y, fh=[1, 2])
    assert f.sp_ == 48
    assert f.predict().index.freq == "30min"


def test_docstring_spells_out_the_default_network():
    """Check the docstring's ``estimator`` entry names the default pipeline's
    settings as they are, so the prose cannot drift from the code."""
    from lstmreg.forecasting._presets import DEFAULT_WINDOW_MODEL

    prose = " ".join(WindowForecaster.__doc__.split()).replace('"', "'")
    for nested, value in DEFAULT_WINDOW_MODEL.items():
        key = nested.split("__")[-1]
        assert f"{key}={value!r}" in prose, key


def _ridge_forecaster(**params):
    return WindowForecaster(
        make_pipeline(WindowTransformer(flatten=True), Ridge()),
        combine_with=None,
        **params,
    )


def test_an_absolute_fh_between_grid_points_is_refused():
    """Check noon on a daily grid is not forecast as if it were a day."""
    y = daily_plays(60)["artist_0"]
    model = _ridge_forecaster().fit(y, fh=[1, 2])
    noon = pd.DatetimeIndex([y.index[-1] + pd.Timedelta(hours=36)])
    with pytest.raises(ValueError, match="not a time point of the series' grid"):
        model.predict(fh=noon)
    on_grid = pd.DatetimeIndex([y.index[-1] + pd.Timedelta(days=2)])
    assert model.predict(fh=on_grid).index.equals(on_grid)


def test_an_integer_fh_counts_steps_as_sktime_does():
    """Check fh=np.int64(3) means what it means to sktime's own forecasters."""
    from sktime.forecasting.naive import NaiveForecaster

    y = daily_plays(60)["artist_0"]
    ours = _ridge_forecaster().fit(y, fh=[1, 2, 3]).predict(fh=np.int64(3))
    theirs = NaiveForecaster().fit(y).predict(fh=np.int64(3))
    assert ours.index.equals(theirs.index)


@pytest.mark.parametrize(
    ("index", "match"),
    [
        (pd.Index([*range(10), *range(20, 50)]), r"gap in its time index \(9 -> 20"),
        (pd.period_range("2020-01", periods=41, freq="M").delete(5), "asfreq"),
    ],
)
def test_a_gap_in_an_integer_or_period_index_is_refused(index, match):
    """Check a hole in an integer or period index is not taken as regular."""
    y = pd.Series(np.arange(len(index), dtype=float), index=index)
    with pytest.raises(ValueError, match=match):
        _ridge_forecaster().fit(y, fh=[1])


@pytest.mark.parametrize(
    ("params", "error", "match"),
    [
        ({"non_negative": "no"}, ValueError, "'non_negative' parameter .* 'bool'"),
        ({"calibration_size": "0.2"}, ValueError, "'calibration_size' parameter"),
        ({"calibration_size": None}, ValueError, "'calibration_size' parameter"),
        ({"lookback": True}, ValueError, "'lookback' parameter .* not a bool"),
        ({"combine_with": "class"}, TypeError, r"Pass `AutoARIMA\(\)`"),
    ],
)
def test_parameters_of_the_wrong_kind_are_named(params, error, match):
    """Check text where a bool or number belongs, and a model class, are named."""
    from statsforecast.models import AutoARIMA

    if params.get("combine_with") == "class":
        params = {"combine_with": AutoARIMA}
    model = WindowForecaster(
        make_pipeline(WindowTransformer(flatten=True), Ridge()), **params
    )
    with pytest.raises(error, match=match):
        model.fit(daily_plays(60)["artist_0"], fh=[1])


@pytest.mark.parametrize(
    "values",
    [
        lambda v: v.astype(object),
        lambda v: pd.Series([__import__("decimal").Decimal(str(x)) for x in v]),
        lambda v: v.astype(object).where(v.index != v.index[3], None),
    ],
    ids=["object floats", "Decimal", "None among numbers"],
)
def test_numbers_kept_as_python_objects_get_the_fix(values):
    """Check object columns get lstmreg's message with the conversion to apply."""
    y = daily_plays(60)["artist_0"]
    y = pd.Series(values(y).to_numpy(), index=y.index)
    with pytest.raises(
        ValueError, match=r"numbers only.*Python objects.*\.astype\(float\)"
    ):
        _ridge_forecaster().fit(y, fh=[1])


def test_new_histories_must_hold_numbers():
    """Check text histories are refused, not converted to numbers."""
    y = daily_plays(60)["artist_0"]
    model = _ridge_forecaster(lookback=5).fit(y, fh=[1, 2])
    text = pd.Series(["1"] * 30, index=pd.date_range("2021-01-01", periods=30))
    with pytest.raises(ValueError, match="must hold numbers"):
        model.predict_from(text)
    with pytest.raises(ValueError, match=r"`histories\[0\]` must hold numbers"):
        model.forecast_histories([np.array(["1"] * 30)], 2)
    with pytest.raises(ValueError, match=r"`histories\[0\]` has a missing"):
        model.forecast_histories([np.r_[np.ones(10), np.nan]], 2)


def test_update_predict_with_sktimes_splitter():
    """Check update_predict over sktime's ExpandingWindowSplitter."""
    y = daily_plays(120)["artist_0"]
    model = _ridge_forecaster().fit(y.iloc[:80], fh=[1, 2])
    cv = ExpandingWindowSplitter(fh=[1, 2], initial_window=80, step_length=10)
    predicted = model.update_predict(y, cv=cv)
    assert len(predicted) > 0
    assert np.isfinite(predicted.stack().to_numpy(dtype=float)).all()


class _Recorder(RegressorMixin, BaseEstimator):
    """A window model that keeps the windows it was fitted on."""

    def fit(self, X, y):
        self.X_, self.y_ = np.array(X), np.array(y)
        return self

    def predict(self, X):
        return np.zeros((len(X), self.y_.shape[1]))


@pytest.mark.parametrize("covariates", [False, True])
def test_max_windows_fits_on_a_reproducible_sample_of_the_windows(covariates):
    """Check that max_windows fits on that many of the full set's windows,
    in their time order, the same ones for the same seed, all of them when
    there are no more, and with covariate channels too."""
    y = daily_plays(80, n_artists=4)
    X = pd.DataFrame({"day": np.arange(len(y), dtype=float) % 7}, index=y.index)
    fit_args = {"fh": [1, 2], **({"X": X} if covariates else {})}

    def fitted(**params):
        params = {"lookback": 5, "combine_with": None, "random_state": 3, **params}
        model = WindowForecaster(_Recorder(), calibration_size=0, **params)
        return model.fit(y, **fit_args).estimator_

    full = fitted()
    n = len(full.X_)
    sample = fitted(max_windows=50)
    assert len(sample.X_) == len(sample.y_) == 50
    flat = full.X_.reshape(n, -1)
    rows = [
        int(np.flatnonzero((flat == row).all(axis=1))[0])
        for row in sample.X_.reshape(50, -1)
    ]
    assert rows == sorted(rows)
    assert_array_equal(sample.y_, full.y_[rows])
    assert_array_equal(fitted(max_windows=50).X_, sample.X_)
    assert not np.array_equal(fitted(max_windows=50, random_state=4).X_, sample.X_)
    assert_array_equal(fitted(max_windows=n).X_, full.X_)


def test_max_windows_must_be_a_positive_count():
    """Check that max_windows=0 is refused by name."""
    y = daily_plays(60)["artist_0"]
    with pytest.raises(ValueError, match="max_windows"):
        _ridge_forecaster(max_windows=0).fit(y, fh=[1])


def test_partial_windows_train_on_the_most_recent_histories_too():
    """Check partial_windows: the window model also trains on the last
    horizon - 1 histories of every series, their steps after the end
    unknown (NaN) and masked; reproducible; the user's estimator untouched;
    intervals still calibrated; and the same forecasts without it as before."""
    from lstmreg.forecasting._rollout import RollOut
    from lstmreg.forecasting._training import training_windows

    y = daily_plays(n_days=90, n_artists=3)
    arrays = [y[c].to_numpy() for c in y]
    ends = np.full(3, 89)
    for partial, extra in ((False, 0), (True, 3 * 6)):
        rule = RollOut(14, 7, 7, 7, 1.0, True, partial=partial)
        X, targets, _ = training_windows(arrays, ends, rule)
        assert len(X) == 3 * (90 - 14 - 7 + 1) + extra
        assert np.isfinite(X).all()
        assert np.isnan(targets).sum() == 3 * sum(range(1, 7)) * partial
    estimator = tiny_lstm()
    made = dict(estimator=estimator, sp=7, non_negative=True, random_state=0)
    f = WindowForecaster(**made, partial_windows=True).fit(y, fh=range(1, 8))
    assert f.estimator_.steps[-1][1].missing_targets == "mask"
    assert estimator.steps[-1][1].missing_targets == "error"  # a clone was set
    again = WindowForecaster(**made, partial_windows=True).fit(y, fh=range(1, 8))
    assert_array_equal(f.predict(), again.predict())
    without = WindowForecaster(**made).fit(y, fh=range(1, 8))
    assert not np.allclose(f.predict(), without.predict())
    interval = f.predict_interval(coverage=0.9)
    assert np.isfinite(interval.to_numpy()).all()
    # a series too short for one full window trains on partial ones alone
    short = daily_plays(n_days=16)
    made = dict(estimator=tiny_lstm(), lookback=14, calibration_size=0)
    with pytest.raises(
        ValueError, match=r"7 step\(s\) per window the forecaster needs at least 22"
    ):
        WindowForecaster(**made).fit(short, fh=range(1, 8))
    f = WindowForecaster(**made, partial_windows=True).fit(short, fh=range(1, 8))
    assert np.isfinite(f.predict().to_numpy()).all()
    with pytest.raises(
        ValueError, match="per partial window the forecaster needs at least 16"
    ):
        WindowForecaster(**made, partial_windows=True).fit(short.iloc[:15], fh=[1])


def test_partial_windows_refuse_what_cannot_mask_or_has_no_covariates():
    """Check that partial windows with a model that cannot leave targets out
    of its loss, or with future covariates, are refused with the fix, and
    that past covariates work."""
    y = daily_plays(n_days=90, n_artists=2)
    with pytest.raises(ValueError, match=r"needs an LSTMForecaster.*got Ridge"):
        WindowForecaster(estimator=Ridge(), lookback=10, partial_windows=True).fit(
            y, fh=[1, 2]
        )
    X = pd.DataFrame({"dow": y.index.dayofweek.astype(float)}, index=y.index)
    small = dict(estimator=tiny_lstm(), lookback=14, partial_windows=True)
    with pytest.raises(ValueError, match="covariates='past'"):
        WindowForecaster(**small, calibration_size=0).fit(y, X=X, fh=[1, 2, 3])
    f = WindowForecaster(**small, calibration_size=0, covariates="past")
    assert f.fit(y, X=X, fh=[1, 2, 3]).predict().shape == (3, 2)


def test_a_panel_whose_first_series_starts_late_forecasts_after_the_grid():
    """Check that a panel listing first a series that starts later than
    another forecasts the days after the last one, with sktime's cutoff on
    the grid's frequency, as the same panel listed the other way round."""
    days = pd.date_range("2015-01-01", periods=30, freq="D")
    rng = np.random.default_rng(0)
    late = pd.Series(rng.normal(10, 1, 20), index=days[-20:])
    whole = pd.Series(rng.normal(10, 1, 30), index=days)
    made = dict(estimator=Ridge(), lookback=3, calibration_size=0)
    forecasts = []
    for parts in ({"a": late, "b": whole}, {"b": whole, "a": late}):
        y = pd.concat(parts, names=["series", "time"]).to_frame("y")
        f = WindowForecaster(**made).fit(y, fh=[1, 2])
        assert f.cutoff.freq == "D"
        assert f.cutoff[0] == days[-1]
        forecasts.append(f.predict().sort_index())
    pd.testing.assert_frame_equal(*forecasts)
    assert set(forecasts[0].index.get_level_values(-1)) == {
        pd.Timestamp("2015-01-31"),
        pd.Timestamp("2015-02-01"),
    }


def test_default_network_caps_a_long_series_at_1500_one_cycle_steps():
    """Check the default window model trains each network 60 epochs of at most
    25 batches (1,500 steps) however long the series, the learning rate
    annealed by the one-cycle schedule to lr / 25e4 by the last step."""
    y = daily_plays(n_days=1000)["artist_0"]
    forecaster = WindowForecaster(calibration_size=0, combine_with=None, random_state=0)
    lstm = forecaster.fit(y, fh=list(range(1, 8))).estimator_[-1]
    windows = len(y) - forecaster.lookback_ - 7 + 1
    assert windows > 25 * 32  # so that full passes would take more steps
    for net in lstm.nets_:
        assert [len(epoch["batches"]) for epoch in net.history] == [25] * 60
        assert net.optimizer_.param_groups[0]["lr"] == pytest.approx(0.01 / 25e4)
