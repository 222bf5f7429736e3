"""Tests of future-known covariates: calendar_features and WindowForecaster(X)."""

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from sklearn.linear_model import Ridge
from sklearn.pipeline import make_pipeline

from lstmreg import (
    LSTMForecaster,
    WindowForecaster,
    WindowTransformer,
    calendar_features,
)

pytestmark = pytest.mark.filterwarnings("ignore::FutureWarning")


def test_calendar_features_are_cyclic_encodings():
    """Check the sine/cosine encodings, the weekend flag and the errors."""
    days = pd.date_range("2015-03-02", periods=14, freq="D")  # a Monday
    features = calendar_features(days, ["dayofweek", "weekend", "month"])
    assert list(features.columns) == [
        "dayofweek_sin",
        "dayofweek_cos",
        "weekend",
        "month_sin",
        "month_cos",
    ]
    assert_allclose(features["dayofweek_sin"].iloc[0], 0.0, atol=1e-12)
    assert_allclose(features.iloc[:7].to_numpy(), features.iloc[7:].to_numpy())
    assert features["weekend"].tolist()[:7] == [0, 0, 0, 0, 0, 1, 1]
    months = calendar_features(
        pd.period_range("2015-01", periods=3, freq="M"), ["month"]
    )
    assert_allclose(months["month_cos"].iloc[0], 1.0)
    with pytest.raises(ValueError, match="DatetimeIndex or PeriodIndex"):
        calendar_features(pd.RangeIndex(5))
    with pytest.raises(ValueError, match="Unknown calendar feature 'season'"):
        calendar_features(days, ["season"])


def holiday_problem(n_days=240, seed=0):
    """Plays that jump on irregular, announced event days: only X can tell."""
    rng = np.random.default_rng(seed)
    days = pd.date_range("2015-03-01", periods=n_days + 14, freq="D")
    event = (rng.random(len(days)) < 0.15).astype(float)
    plays = 100 + 60 * event + rng.normal(0, 2, len(days))
    X = pd.DataFrame({"event": event}, index=days)
    y = pd.Series(plays, index=days)
    return y.iloc[:n_days], y.iloc[n_days:], X


@pytest.mark.parametrize("strategy", ["direct", "recursive"])
def test_covariates_reach_the_model_for_the_forecast_days(strategy):
    """Check known future events are forecast, which lags alone cannot do."""
    y, y_future, X = holiday_problem()
    model = make_pipeline(WindowTransformer(flatten=True), Ridge(alpha=1e-3))
    f = WindowForecaster(estimator=model, strategy=strategy, lookback=14)
    f.fit(y, X=X.loc[y.index], fh=range(1, 8))
    pred = f.predict(X=X.loc[y_future.index])
    assert np.abs(pred - y_future.iloc[:7]).max() < 15  # events are 60 high
    blind = WindowForecaster(estimator=model, strategy=strategy, lookback=14)
    blind_pred = blind.fit(y, fh=range(1, 8)).predict()
    assert (
        np.abs(blind_pred - y_future.iloc[:7]).mean()
        > 2 * np.abs(pred - y_future.iloc[:7]).mean()
    )
    interval = f.predict_interval(X=X.loc[y_future.index], coverage=0.9)
    assert interval.shape == (7, 2)


def test_lstm_takes_covariates_as_extra_per_step_inputs():
    """Check the default LSTM pipeline trains on (value stats + covariates)."""
    y, y_future, X = holiday_problem(n_days=150)
    model = make_pipeline(WindowTransformer(), LSTMForecaster((8,), max_epochs=3))
    f = WindowForecaster(estimator=model, lookback=14, calibration_size=0)
    f.fit(y, X=X.loc[y.index], fh=[1, 2, 3])
    assert f.estimator_[-1].n_features_per_step_ == 3 + 1  # value, mean, var, event
    assert np.isfinite(f.predict(X=X.loc[y_future.index])).all()


def test_missing_covariates_are_clear_errors():
    """Check X missing at predict, short X, and update without X."""
    y, y_future, X = holiday_problem(n_days=100)
    model = make_pipeline(WindowTransformer(flatten=True), Ridge())
    f = WindowForecaster(estimator=model, lookback=7).fit(
        y, X=X.loc[y.index], fh=[1, 2, 3]
    )
    with pytest.raises(ValueError, match="pass `X` for the 3 time points"):
        f.predict()
    with pytest.raises(ValueError, match="no \\(complete\\) row for 2015-06-11"):
        f.predict(X=X.loc[y_future.index[:2]])
    with pytest.raises(ValueError, match="`X` must cover every time point of `y`"):
        WindowForecaster(estimator=model, lookback=7).fit(y, X=X.iloc[5:100], fh=[1])
    with pytest.raises(ValueError, match="`update` as well"):
        f.update(y_future.iloc[:3], update_params=False)
    f.update(y_future.iloc[:3], X=X.loc[y_future.index[:3]], update_params=False)
    assert np.isfinite(f.predict(X=X.loc[y_future.index[3:6]])).all()


def test_covariates_must_match_the_fit_and_cover_y():
    """Check extra covariate columns and an X shorter than y are named."""
    from sklearn.linear_model import Ridge
    from sklearn.pipeline import make_pipeline

    from lstmreg import WindowForecaster, WindowTransformer

    days = pd.date_range("2015-03-01", periods=120, freq="D")
    y = pd.Series(100 + 10 * np.sin(np.arange(120) * 2 * np.pi / 7), index=days)
    X = pd.DataFrame({"c": np.arange(120.0)}, index=days)
    model = make_pipeline(WindowTransformer(flatten=True), Ridge())
    with pytest.raises(ValueError, match=r"cover every time point.*2015-06-24"):
        WindowForecaster(estimator=model, lookback=10).fit(y, X=X.iloc[:-5], fh=[1])
    f = WindowForecaster(estimator=model, lookback=10).fit(y, X=X, fh=[1, 2])
    future = pd.DataFrame(
        {"c": [120.0, 121.0]}, index=pd.date_range("2015-06-29", periods=2)
    )
    with pytest.raises(ValueError, match=r"columns \['c', 'd'\] but the model was"):
        f.predict(X=future.assign(d=1.0))
    assert np.isfinite(f.predict(X=future).to_numpy()).all()


def _panel_with_past_driver(n=80, lag=1):
    """Two series driven by a covariate observed with them: y_t = 2 x_{t-lag}."""
    rng = np.random.default_rng(0)
    days = pd.date_range("2015-03-01", periods=n, freq="D")
    keys = pd.MultiIndex.from_product([["a", "b"], days], names=["k", "date"])
    x = rng.uniform(1, 10, size=2 * n)
    y = np.roll(2 * x.reshape(2, n), lag, axis=1).ravel()
    return pd.DataFrame({"y": y}, index=keys), pd.DataFrame({"x": x}, index=keys)


def test_past_covariates_are_used_over_the_history_and_need_no_future_x():
    """Check covariates='past': y_{t+1} = 2 x_t is learned; predict needs no X."""
    from sklearn.pipeline import make_pipeline

    from lstmreg import WindowForecaster, WindowTransformer

    y, X = _panel_with_past_driver()
    model = make_pipeline(WindowTransformer(flatten=True), Ridge(alpha=1e-6))
    f = WindowForecaster(estimator=model, lookback=4, covariates="past")
    f.fit(y, X=X, fh=[1])
    forecast = f.predict()  # no X: the covariates of the history are known
    last_x = X.groupby(level="k")["x"].last().to_numpy()
    assert_allclose(forecast["y"].to_numpy(), 2 * last_x, rtol=1e-3)
    assert_allclose(f.predict_from(y, X=X)["y"].to_numpy(), 2 * last_x, rtol=1e-3)


def test_past_covariates_refuse_what_they_cannot_do():
    """Check recursive roll-outs and steps beyond the horizon are refused."""
    from lstmreg import WindowForecaster

    y, X = _panel_with_past_driver()
    with pytest.raises(ValueError, match="covariates='past' needs strategy='direct'"):
        WindowForecaster(
            estimator=Ridge(), covariates="past", strategy="recursive"
        ).fit(y, X=X, fh=[1])
    from sklearn.pipeline import make_pipeline

    from lstmreg import WindowTransformer

    model = make_pipeline(WindowTransformer(flatten=True), Ridge())
    f = WindowForecaster(estimator=model, lookback=4, covariates="past")
    f.fit(y, X=X, fh=[1, 2])
    with pytest.raises(ValueError, match="at most the 2 step"):
        f.predict(fh=[3])
    with pytest.raises(ValueError, match=r"'covariates' parameter .* among"):
        WindowForecaster(estimator=Ridge(), covariates="both").fit(y, X=X, fh=[1])


def test_update_of_a_panel_appends_each_series_own_covariates():
    """Check update on a panel with a panel X (covariates='past'): each series
    gets its own instance's new covariates, so the forecast after the update
    equals the one from a fit on the longer data's last points."""
    from sklearn.pipeline import make_pipeline

    from lstmreg import WindowForecaster, WindowTransformer

    y, X = _panel_with_past_driver(n=81)
    days = y.index.get_level_values("date").unique()
    before = y.index.get_level_values("date") < days[-1]
    model = make_pipeline(WindowTransformer(flatten=True), Ridge(alpha=1e-6))
    f = WindowForecaster(estimator=model, lookback=4, covariates="past")
    f.fit(y[before], X=X[before], fh=[1])
    f.update(y[~before], X=X[~before], update_params=False)
    last_x = X.groupby(level="k")["x"].last().to_numpy()
    assert_allclose(f.predict()["y"].to_numpy(), 2 * last_x, rtol=1e-3)
