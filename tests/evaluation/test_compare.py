"""compare, RollingOrigin, the baselines and the sktime metrics."""

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.pipeline import make_pipeline
from sktime.forecasting.base import BaseForecaster
from sktime.forecasting.model_evaluation import evaluate
from statsforecast.models import AutoARIMA, SeasonalNaive

from lstmreg import (
    LSTMForecaster,
    MovingMedian,
    RollingOrigin,
    StatsForecastModel,
    WindowForecaster,
    WindowTransformer,
    compare,
    contest_score,
    mase,
    sktime_metric,
    smape,
)

H = 7


@pytest.fixture
def plays():
    """Three positive daily series with a weekly pattern, 120 days."""
    rng = np.random.default_rng(1)
    t = np.arange(120)
    index = pd.date_range("2015-03-01", periods=t.size, freq="D")
    return pd.DataFrame(
        {
            f"artist_{i}": level * (1 + 0.3 * np.sin(2 * np.pi * t / 7))
            + rng.normal(0, level / 20, t.size)
            for i, level in enumerate([50.0, 200.0, 1000.0])
        },
        index=index,
    )


def tiny_lstm(**kwargs):
    estimator = make_pipeline(
        WindowTransformer(),
        LSTMForecaster(hidden_sizes=(4,), max_epochs=3, random_state=0),
    )
    return WindowForecaster(estimator=estimator, calibration_size=0, **kwargs)


class Recorder(BaseForecaster):
    """Seasonal naive that records the training data of every fit."""

    _tags = {"y_inner_mtype": "pd.Series", "requires-fh-in-fit": False}
    _config = {"remember_data": False}
    seen = []

    def __init__(self):
        super().__init__()

    def _fit(self, y, X=None, fh=None):
        Recorder.seen.append((y.name, y.index[0], y.index[-1], len(y)))
        self._last = y.iloc[-7:].to_numpy()
        return self

    def _predict(self, fh, X=None):
        steps = np.asarray(fh.to_relative(self.cutoff)) - 1
        return pd.Series(self._last[steps % 7], index=fh.to_absolute_index(self.cutoff))


class Broken(Recorder):
    """Fails on one series."""

    def _fit(self, y, X=None, fh=None):
        if y.name == "artist_1":
            raise RuntimeError("cannot fit artist_1")
        return super()._fit(y, X, fh)


# -- RollingOrigin -------------------------------------------------------------


def test_rolling_origin_ends_at_the_last_point():
    cv = RollingOrigin(horizon=3, n_folds=4, step=2)
    folds = list(cv.split(np.arange(20)))
    assert [test.tolist() for _, test in folds] == [
        [11, 12, 13],
        [13, 14, 15],
        [15, 16, 17],
        [17, 18, 19],
    ]
    assert all(train[0] == 0 and train[-1] + 1 == test[0] for train, test in folds)
    assert cv.get_n_splits() == 4


def test_rolling_origin_fixed_window_keeps_its_length():
    cv = RollingOrigin(horizon=3, n_folds=3, window="fixed", window_length=5)
    for train, test in cv.split(np.arange(20)):
        assert len(train) == 5
        assert train[-1] + 1 == test[0]
    default = RollingOrigin(horizon=3, n_folds=3, window="fixed")
    lengths = {len(train) for train, _ in default.split(np.arange(20))}
    assert lengths == {20 - 3 * 3}


def test_rolling_origin_as_sktime_splitter_gives_the_same_folds(plays):
    cv = RollingOrigin(horizon=H, n_folds=3, window="fixed", window_length=30)
    ours = [(tr.tolist(), te.tolist()) for tr, te in cv.split(plays)]
    theirs = [(tr.tolist(), te.tolist()) for tr, te in cv.to_sktime(plays).split(plays)]
    assert ours == theirs


@pytest.mark.parametrize(
    ("params", "match"),
    [
        ({"horizon": 0}, "`horizon` must be a positive int"),
        ({"horizon": 2, "n_folds": 0}, "`n_folds` must be a positive int"),
        ({"horizon": 2, "step": 1.5}, "`step` must be a positive int"),
        ({"horizon": 2, "window": "sliding"}, "`window` must be 'expanding'"),
        ({"horizon": 5, "n_folds": 3}, "need at least 17"),
    ],
)
def test_rolling_origin_rejects_bad_settings(params, match):
    with pytest.raises(ValueError, match=match):
        RollingOrigin(**params).cutoffs(12)


# -- baselines -----------------------------------------------------------------


def test_moving_median_and_seasonal_naive_by_hand(plays):
    y = plays["artist_0"]
    median = MovingMedian(window_length=14).fit(y, fh=range(1, H + 1)).predict()
    assert np.allclose(median, np.median(y.to_numpy()[-14:]))
    naive = StatsForecastModel(SeasonalNaive(season_length=7))
    assert np.allclose(naive.fit(y, fh=range(1, 15)).predict(), np.tile(y[-7:], 2))


def test_statsforecast_model_matches_statsforecast(plays):
    y = plays["artist_2"]
    model = AutoARIMA(season_length=7)
    ours = StatsForecastModel(model).fit(y, fh=range(1, H + 1)).predict()
    theirs = AutoARIMA(season_length=7).forecast(y=y.to_numpy(), h=H)["mean"]
    assert np.allclose(ours.to_numpy(), theirs)
    assert ours.index[0] == y.index[-1] + pd.Timedelta(days=1)
    assert not hasattr(model, "model_")  # the caller's model is not fitted


def test_fixed_order_arima_and_log_transform(plays):
    from sktime.transformations.series.boxcox import LogTransformer
    from statsforecast.models import ARIMA

    y = plays["artist_1"]
    fixed = ARIMA(order=(1, 0, 1), season_length=7, seasonal_order=(0, 1, 1))
    ours = StatsForecastModel(fixed).fit(y, fh=range(1, H + 1)).predict()
    theirs = fixed.new().forecast(y=y.to_numpy(), h=H)["mean"]
    assert np.allclose(ours, theirs)
    logged = LogTransformer() * StatsForecastModel(fixed)
    on_log = fixed.new().forecast(y=np.log(y.to_numpy()), h=H)["mean"]
    assert np.allclose(logged.fit(y, fh=range(1, H + 1)).predict(), np.exp(on_log))


def test_baselines_reestimate_after_update(plays):
    y = plays["artist_0"]
    median = MovingMedian(window_length=3).fit(y.iloc[:-5], fh=[1])
    median.update(y.iloc[-5:], update_params=False)
    assert median.predict().iloc[0] == np.median(y.to_numpy()[-3:])


def test_the_median_lowered_for_the_relative_error(plays):
    """Check loss="relative_error" against a hand computation, that it is
    the plain median on a constant series, and that it is never above it."""
    y = plays["artist_0"]
    values = y.to_numpy()
    lowered = MovingMedian(14, loss="relative_error", spread_length=21)
    median = np.median(values[-14:])
    s2 = np.mean((np.log1p(values[-21:]) - np.log1p(median)) ** 2)
    forecast = lowered.fit(y, fh=[1, 2, 3]).predict()
    assert np.allclose(forecast, median * np.exp(-1.5 * s2))
    assert (forecast < median).all()
    flat = pd.Series(np.full(30, 250.0), index=y.index[:30])
    assert (lowered.fit(flat, fh=[1]).predict() == 250.0).all()
    again = lowered.fit(y.iloc[:-5], fh=[1])
    again.update(y.iloc[-5:], update_params=False)
    assert np.allclose(again.predict(), forecast.iloc[0])


@settings(max_examples=40, deadline=None)
@given(
    level=st.floats(0.0, 1e9),
    noise=st.floats(0.0, 3.0),
    n=st.integers(1, 60),
    seed=st.integers(0, 2**16),
)
def test_the_lowered_median_stays_finite_and_at_most_the_median(level, noise, n, seed):
    """Check any count series, of any size and spread, gets a finite
    forecast between 0 and the median, without warnings."""
    rng = np.random.default_rng(seed)
    y = pd.Series(np.round(level * np.exp(noise * rng.standard_normal(n))))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model = MovingMedian(min(n, 14), loss="relative_error", spread_length=n)
        forecast = model.fit(y, fh=[1]).predict().iloc[0]
    median = np.median(y.to_numpy()[-min(n, 14) :])
    assert np.isfinite(forecast)
    assert 0 <= forecast <= median


def test_baselines_reject_bad_input():
    y = pd.Series([1.0, 2.0])
    with pytest.raises(ValueError, match="fewer than `window_length` \\(14\\)"):
        MovingMedian().fit(y, fh=[1])
    with pytest.raises(ValueError, match="`window_length` must be a positive int"):
        MovingMedian(window_length=0).fit(y, fh=[1])
    with pytest.raises(ValueError, match="`loss` must be one of"):
        MovingMedian(1, loss="squared_error").fit(y, fh=[1])
    with pytest.raises(ValueError, match="fewer than `spread_length` \\(21\\)"):
        MovingMedian(1, loss="relative_error").fit(y, fh=[1])
    with pytest.raises(ValueError, match="`spread_length` must be a positive int"):
        MovingMedian(1, loss="relative_error", spread_length=0).fit(y, fh=[1])
    with pytest.raises(ValueError, match=r"`y` has negative values .*loss='absolute"):
        MovingMedian(1, loss="relative_error", spread_length=2).fit(-y, fh=[1])
    # spread_length is ignored for the plain median
    MovingMedian(1, spread_length=0).fit(y, fh=[1])
    with pytest.raises(TypeError, match="must be a statsforecast model"):
        StatsForecastModel("arima").fit(y, fh=[1])


# -- compare -------------------------------------------------------------------


def test_every_model_sees_the_same_folds(plays):
    Recorder.seen = []
    result = compare(
        plays,
        {"recorder": Recorder(), "median": MovingMedian(7), "lstm": tiny_lstm()},
        horizon=H,
        n_folds=3,
        baselines=False,
        verbose=False,
    )
    keys = ["series", "fold", "cutoff"]
    by_model = [part[keys].to_numpy() for _, part in result.scores.groupby("model")]
    assert all((keys_ == by_model[0]).all() for keys_ in by_model)
    assert len(by_model[0]) == 3 * 3
    times = result.forecasts.groupby("model")["time"].apply(list)
    assert all(t == times.iloc[0] for t in times)
    # the training data of each fit: the whole history up to each cutoff
    ends = sorted({(name, last) for name, _, last, _ in Recorder.seen})
    cutoffs = plays.index[[120 - 3 * H - 1, 120 - 2 * H - 1, 120 - H - 1]]
    assert ends == sorted((c, t) for c in plays.columns for t in cutoffs)
    assert {first for _, first, _, _ in Recorder.seen} == {plays.index[0]}


def test_scores_are_the_metrics_of_the_forecasts(plays):
    result = compare(
        plays,
        horizon=H,
        n_folds=2,
        baselines=False,
        verbose=False,
        forecasters={"naive": Recorder()},
        scoring=["MASE", "sMAPE", "RMSE", "MAE", "F"],
    )
    row = result.scores.iloc[-1]
    assert (row["series"], row["fold"]) == ("artist_2", 1)
    y = plays["artist_2"].to_numpy()
    truth, train = y[-H:], y[:-H]
    forecast = train[-7:]
    assert row["MASE"] == pytest.approx(mase(truth, forecast, y_train=train, sp=7))
    assert row["sMAPE"] == pytest.approx(smape(truth, forecast))
    assert row["F"] == pytest.approx(contest_score(truth, forecast))
    assert row["F_max"] == pytest.approx(np.sqrt(truth.sum()))
    assert row["seconds"] > 0


def test_default_baselines_and_summary(plays):
    result = compare(
        plays[["artist_0"]], {"lstm": tiny_lstm()}, horizon=H, n_folds=2, verbose=False
    )
    assert set(result.scores["model"]) == {
        "lstm",
        "AutoARIMA",
        "AutoETS",
        "SeasonalNaive",
        "MovingMedian",
    }
    summary = result.summary
    assert summary.loc["AutoARIMA", "MASE / AutoARIMA"] == 1.0
    assert summary.loc["AutoARIMA", "wins vs AutoARIMA (of 2)"] == 0
    assert summary["MASE mean"].is_monotonic_increasing
    assert "F / F_max" not in summary  # the contest's score only when asked
    assert "F" not in result.scores


def test_refit_never_forecasts_every_fold_from_one_fit(plays):
    folds = RollingOrigin(horizon=H, n_folds=3)
    never = compare(
        plays,
        {"lstm": tiny_lstm()},
        horizon=H,
        n_folds=3,
        refit_every=0,
        baselines=False,
        verbose=False,
    )
    every = compare(
        plays,
        {"lstm": tiny_lstm()},
        horizon=H,
        n_folds=3,
        refit_every=1,
        baselines=False,
        verbose=False,
    )
    first = folds.cutoffs(len(plays))[0]
    model = tiny_lstm().fit(plays.iloc[:first], fh=range(1, H + 1))
    for fold, cutoff in enumerate(folds.cutoffs(len(plays))):
        expected = model.predict_from(plays.iloc[:cutoff], fh=range(1, H + 1))
        got = never.forecasts[never.forecasts["fold"] == fold].pivot(
            index="time", columns="series", values="y_pred"
        )
        np.testing.assert_allclose(got.to_numpy(), expected.to_numpy(), rtol=1e-6)
    pred = [
        r.forecasts.set_index(["fold", "series", "time"])["y_pred"]
        for r in (never, every)
    ]
    np.testing.assert_allclose(pred[0].loc[0], pred[1].loc[0], rtol=1e-6)
    assert not np.allclose(pred[0].loc[2], pred[1].loc[2])


def test_refit_every_k_updates_in_between(plays):
    Recorder.seen = []
    compare(
        plays[["artist_0"]],
        {"r": Recorder()},
        horizon=H,
        n_folds=3,
        refit_every=2,
        baselines=False,
        verbose=False,
    )
    assert [length for *_, length in Recorder.seen] == [120 - 3 * H, 120 - H]


def test_parallel_gives_the_same_scores(plays):
    models = {"lstm": tiny_lstm(), "median": MovingMedian(7)}
    kwargs = {"horizon": H, "n_folds": 2, "baselines": False, "verbose": False}
    one = compare(plays, models, n_jobs=None, **kwargs).scores
    two = compare(plays, models, n_jobs=2, **kwargs).scores
    pd.testing.assert_frame_equal(
        one.drop(columns="seconds"), two.drop(columns="seconds")
    )


def test_failures_are_caught_per_series(plays):
    with pytest.warns(UserWarning, match="2 fit\\(s\\) or forecast\\(s\\) failed"):
        result = compare(
            plays,
            {"broken": Broken()},
            horizon=H,
            n_folds=2,
            baselines=False,
            verbose=False,
        )
    assert set(result.scores["series"]) == {"artist_0", "artist_2"}
    assert result.failures[["model", "series", "fold"]].values.tolist() == [
        ["broken", "artist_1", 0],
        ["broken", "artist_1", 1],
    ]
    assert "cannot fit artist_1" in result.failures["error"].iloc[0]


def test_the_summary_compares_every_model_on_the_same_forecasts(plays):
    """Check a series and fold one model failed on is left out of every
    model's summary (kept in ``scores``), and the warning says so."""
    models = {"broken": Broken(), "median": MovingMedian(7)}
    kwargs = {"horizon": H, "n_folds": 2, "baselines": False, "verbose": False}
    with pytest.warns(UserWarning, match="on the 4 of 6 series and folds that every"):
        result = compare(plays, models, **kwargs)
    median = result.scores[result.scores["model"] == "median"]
    assert len(median) == 6  # its artist_1 forecasts are still scored
    shared = median[median["series"] != "artist_1"]
    summary = result.summary
    assert summary.loc["median", "MASE mean"] == pytest.approx(shared["MASE"].mean())
    assert summary.loc["median", "MAE mean"] == pytest.approx(shared["MAE"].mean())
    assert summary.loc["median", "MAE mean"] != pytest.approx(median["MAE"].mean())


def test_a_comparison_where_everything_fails(plays):
    with pytest.warns(UserWarning, match="failed"):
        result = compare(
            plays[["artist_1"]],
            {"broken": Broken()},
            horizon=H,
            n_folds=1,
            baselines=False,
            verbose=False,
        )
    assert result.scores.empty
    assert result.summary.empty
    assert len(result.failures) == 1
    with pytest.raises(ValueError, match="Nothing to plot"):
        result.plot()


def _one_fold_of_moving_median(data):
    return compare(
        data,
        {"median": MovingMedian(7)},
        horizon=H,
        n_folds=1,
        baselines=False,
        verbose=False,
        scoring=["MASE", "sMAPE", "RMSE", "MAE", "F"],
    )


def test_f_leaves_zero_days_out_as_the_contest_protocol_does(plays):
    """A test period with a zero-play day is scored on its other days."""
    data = plays.copy()
    data.iloc[-2, 0] = 0.0  # one zero day in the last fold's truth
    row = _one_fold_of_moving_median(data).scores.set_index("series").iloc[0]
    truth = data.iloc[-H:, 0].to_numpy()
    forecast = np.full(H, np.median(data.iloc[-H - 7 : -H, 0]))
    expected = contest_score(truth, forecast, zero_truth="skip")
    assert row["F"] == pytest.approx(expected)
    assert row["F_max"] == pytest.approx(np.sqrt(truth.sum()))


def test_undefined_scores_are_reported_not_hidden(plays):
    data = plays.copy()
    data["silent"] = 0.0
    with pytest.warns(UserWarning, match="is undefined") as record:
        result = _one_fold_of_moving_median(data)
    messages = " ".join(str(w.message) for w in record)
    assert "MASE is undefined for 1" in messages
    assert "F is undefined for 1" in messages
    silent = result.scores.set_index("series").loc["silent"]
    assert np.isnan(silent["MASE"])
    assert silent["MAE"] == 0


def test_one_series_and_a_panel(plays):
    one = compare(
        plays["artist_0"],
        {"m": MovingMedian(7)},
        horizon=H,
        n_folds=2,
        baselines=False,
        verbose=False,
    )
    assert set(one.scores["series"]) == {"artist_0"}
    panel = plays.stack().swaplevel().sort_index().to_frame("plays")
    panel.index.names = ["artist", "day"]
    many = compare(
        panel,
        {"m": MovingMedian(7)},
        horizon=H,
        n_folds=2,
        baselines=False,
        verbose=False,
    )
    assert set(many.scores["series"]) == set(plays.columns)


def test_plot_draws_every_series_and_fold(plays, tmp_path):
    result = compare(
        plays,
        {"m": MovingMedian(7)},
        horizon=H,
        n_folds=2,
        baselines=False,
        verbose=False,
    )
    fig = result.plot(max_series=2, path=tmp_path / "compare.png")
    assert len([ax for ax in fig.axes if ax.get_visible()]) == 4
    assert (tmp_path / "compare.png").read_bytes()[:4] == b"\x89PNG"
    assert (tmp_path / "compare.png").stat().st_size > 10_000
    # written under a temporary name first: the format still follows the suffix
    result.plot(max_series=1, path=tmp_path / "compare.svg")
    assert b"<svg" in (tmp_path / "compare.svg").read_bytes()[:1000]
    result.plot(max_series=1, path=tmp_path / "compare")  # no suffix: PNG
    assert (tmp_path / "compare").read_bytes()[:4] == b"\x89PNG"
    # a failed save leaves the file there as it was, and no temporary file
    (tmp_path / "compare.xyz").write_text("the user's own")
    with pytest.raises(ValueError, match="xyz"):
        result.plot(max_series=2, path=tmp_path / "compare.xyz")
    assert (tmp_path / "compare.xyz").read_text() == "the user's own"
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["compare", "compare.png", "compare.svg", "compare.xyz"]


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (lambda y: y.astype(str), "must be numeric"),
        (lambda y: y.iloc[:0], "it needs data"),
        (lambda y: y.iloc[::-1], "unsorted time index"),
        (
            lambda y: y.assign(artist_0=y["artist_0"].where(y.index < y.index[-2])),
            "end before the last time point",
        ),
        (lambda y: y.iloc[:15], "need at least"),
    ],
)
def test_compare_rejects_bad_input(plays, change, match):
    with pytest.raises(ValueError, match=match):
        compare(
            change(plays),
            {"m": MovingMedian(7)},
            horizon=H,
            n_folds=2,
            baselines=False,
            verbose=False,
        )


def test_compare_rejects_bad_settings(plays):
    kwargs = {"horizon": H, "verbose": False}
    with pytest.raises(ValueError, match="`refit_every` must be an int >= 0"):
        compare(plays, {"m": MovingMedian()}, refit_every=-1, **kwargs)
    with pytest.raises(ValueError, match="both name \\['AutoARIMA'\\]"):
        compare(plays, {"AutoARIMA": MovingMedian()}, **kwargs)
    plays_before = plays.copy()
    compare(plays, {"m": MovingMedian()}, baselines=False, **kwargs)
    pd.testing.assert_frame_equal(plays, plays_before)


# -- sktime metrics ------------------------------------------------------------


def test_sktime_metrics_in_evaluate_match_compare(plays):
    y = plays["artist_1"]
    folds = RollingOrigin(horizon=H, n_folds=3)
    naive = StatsForecastModel(SeasonalNaive(season_length=7))
    result = compare(
        y,
        {"naive": naive},
        horizon=H,
        n_folds=3,
        baselines=False,
        verbose=False,
        scoring=["MASE", "sMAPE", "F"],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        table = evaluate(
            naive,
            folds.to_sktime(y),
            y,
            scoring=[sktime_metric(m, sp=7) for m in ("MASE", "sMAPE", "F")],
        )
    for metric in ("MASE", "sMAPE", "F"):
        np.testing.assert_allclose(table[f"test_{metric}"], result.scores[metric])


def test_sktime_metric_rejects_unknown_names():
    with pytest.raises(ValueError, match="`name` must be one of"):
        sktime_metric("MAPE")


def test_compare_takes_a_list_of_forecasters_and_names_them():
    """Check a list is named by class (numbered on repeats), not a hang."""
    y = pd.Series(
        np.arange(120.0) % 7 + 10, index=pd.date_range("2015-03-01", periods=120)
    )
    result = compare(
        y,
        [MovingMedian(7), MovingMedian(14)],
        horizon=7,
        n_folds=2,
        baselines=False,
        verbose=False,
    )
    assert sorted(result.summary.index) == ["MovingMedian 1", "MovingMedian 2"]


@pytest.mark.parametrize(
    ("forecasters", "error", "match"),
    [
        ("MovingMedian", TypeError, "must be a dict of name -> forecaster"),
        ({"median": 14}, TypeError, r"`forecasters\['median'\]` must be an sktime"),
    ],
)
def test_compare_refuses_what_is_not_forecasters_at_once(forecasters, error, match):
    """Check bad `forecasters` raise before any fit."""
    y = pd.Series(np.arange(40.0))
    with pytest.raises(error, match=match):
        compare(y, forecasters, horizon=7, baselines=False, verbose=False)


def test_compare_reference_must_name_a_model_and_may_be_undefined():
    """Check an unknown reference is refused; an all-NaN one gives no error."""
    y = pd.Series(np.arange(40.0) % 7 + 10)
    models = {"median": MovingMedian(7)}
    with pytest.raises(ValueError, match=r"`reference` \('ARIMA'\) is not one"):
        compare(y, models, horizon=7, reference="ARIMA", baselines=False)
    flat = pd.Series(np.full(40, 5.0))  # MASE undefined for every forecast
    with pytest.warns(UserWarning, match="MASE is undefined"):
        result = compare(
            flat, models, horizon=7, reference="median", baselines=False, verbose=False
        )
    assert result.summary.loc["median", "wins vs median (of 0)"] == 0


def test_compare_without_forecasters_tests_the_default(plays):
    """Check forecasters=None runs the default forecaster, named for what it
    is (the median of the network, AutoARIMA and AutoETS), on the same folds
    as the rest."""
    result = compare(
        plays[["artist_0"]], horizon=H, n_folds=1, baselines=False, verbose=False
    )
    assert list(result.summary.index) == ["median(LSTM, AutoARIMA, AutoETS)"]
    assert result.failures.empty
    assert np.isfinite(result.scores["MASE"]).all()


class _DatedLate(BaseForecaster):
    """The last value, dated one step later than asked (a broken model)."""

    _tags = {"requires-fh-in-fit": False, "y_inner_mtype": "pd.Series"}

    def _fit(self, y, X=None, fh=None):
        self.last_ = y.iloc[-1]
        return self

    def _predict(self, fh, X=None):
        index = fh.to_absolute_index(self.cutoff) + pd.Timedelta(days=1)
        return pd.Series(self.last_, index=index)


def test_forecasts_dated_otherwise_are_a_failure_not_a_score(plays):
    """Check a model whose forecasts are a day late is never scored."""
    with pytest.warns(UserWarning, match="dated .* but the fold's test points"):
        result = compare(
            plays,
            {"late": _DatedLate()},
            horizon=H,
            n_folds=1,
            verbose=False,
            baselines={"median": MovingMedian(7)},
        )
    assert set(result.scores["model"]) == {"median"}
    assert len(result.failures) == 3


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"forecasters": {}, "baselines": False}, ValueError, "no model to compare"),
        ({"baselines": {"x": 3}}, TypeError, r"`baselines\['x'\]` must be an sktime"),
        ({"baselines": {"m": MovingMedian}}, TypeError, "forecaster instance"),
        ({"sp": 0}, ValueError, "`sp` must be a positive int"),
    ],
)
def test_compare_refuses_what_cannot_be_compared(plays, kwargs, error, match):
    """Check empty model sets, non-forecasters and sp=0 stop before any fit."""
    kwargs = {"forecasters": {"m": MovingMedian(7)}, **kwargs}
    with pytest.raises(error, match=match):
        compare(plays, horizon=H, n_folds=1, verbose=False, **kwargs)


@pytest.mark.parametrize("damage", ["nan", "duplicate"])
def test_bad_series_are_refused_before_any_fit(plays, damage):
    """Check a NaN inside a series, and two series of one name, are refused."""
    y = plays.copy()
    if damage == "nan":
        y.iloc[60, 1] = np.nan
        match = "'artist_1' of `y` has a missing value at 2015-04-30"
    else:
        y.columns = ["a", "a", "b"]
        match = "two series named 'a'"
    with pytest.raises(ValueError, match=match):
        compare(y, {"m": MovingMedian(7)}, horizon=H, baselines=False, verbose=False)


def test_series_named_by_tuples_and_deep_panels_are_scored(plays):
    """Check tuple names and a 3-level panel score like plain names."""
    flat = compare(
        plays,
        {"m": MovingMedian(7)},
        horizon=H,
        n_folds=1,
        baselines=False,
        verbose=False,
    ).scores
    tupled = plays.set_axis(
        pd.Index([("t", 1), ("t", 2), ("u", 1)], tupleize_cols=False), axis=1
    )
    deep = tupled.copy()
    deep.columns = pd.MultiIndex.from_tuples(deep.columns, names=["g", "s"])
    deep = deep.stack(["g", "s"], future_stack=True).rename("v")
    deep = deep.reorder_levels(["g", "s", 0]).sort_index().to_frame()
    for y in (tupled, deep):
        scores = compare(
            y,
            {"m": MovingMedian(7)},
            horizon=H,
            n_folds=1,
            baselines=False,
            verbose=False,
        ).scores
        assert scores["series"].tolist() == [("t", 1), ("t", 2), ("u", 1)]
        np.testing.assert_allclose(scores["MAE"], flat["MAE"])


def test_n_jobs_does_not_change_the_scores(plays):
    """Check the same seeds score the same with 1 and 2 parallel fits."""
    net = WindowForecaster(
        make_pipeline(
            WindowTransformer(window_size=14),
            LSTMForecaster(hidden_sizes=(32, 32), max_epochs=8, random_state=0),
        ),
        lookback=14,
        calibration_size=0,
        combine_with=None,
    )
    scores = [
        compare(
            plays,
            {"net": net},
            horizon=H,
            n_folds=2,
            refit_every=1,
            baselines=False,
            verbose=False,
            n_jobs=n_jobs,
        ).scores["MAE"]
        for n_jobs in (1, 2)
    ]
    np.testing.assert_array_equal(scores[0], scores[1])


def test_plot_names_the_bad_argument(plays):
    """Check unknown series and max_series=0 are refused with their names."""
    result = compare(
        plays,
        {"m": MovingMedian(7)},
        horizon=H,
        n_folds=1,
        baselines=False,
        verbose=False,
    )
    with pytest.raises(ValueError, match=r"\['unknown'\] are not among them"):
        result.plot(series=["unknown"])
    with pytest.raises(ValueError, match="`max_series` must be a positive int"):
        result.plot(max_series=0)


def test_scoring_chooses_the_metrics_and_the_summary_follows(plays):
    """Check scoring=["F", "MAE"]: only those columns, best F first, and
    names outside the metrics refused."""
    result = compare(
        plays,
        {"m": MovingMedian(7)},
        horizon=H,
        n_folds=1,
        baselines={"naive": MovingMedian(1)},
        verbose=False,
        scoring=["F", "MAE"],
    )
    assert {"F", "F_max", "MAE"} <= set(result.scores.columns)
    assert "MASE" not in result.scores
    summary = result.summary
    assert list(summary.columns) == ["F / F_max", "MAE mean", "seconds"]
    assert summary["F / F_max"].is_monotonic_decreasing
    for bad in (["MAPE"], [], ["MAE", "MAE"]):
        with pytest.raises(ValueError, match="`scoring` must name one or more"):
            compare(
                plays,
                {"m": MovingMedian(7)},
                horizon=H,
                verbose=False,
                baselines=False,
                scoring=bad,
            )
