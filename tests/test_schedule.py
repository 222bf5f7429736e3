"""Sub-daily series with service hours: DailySchedule and the seasonal baselines."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal
from statsforecast.models import Naive

from lstmreg import (
    DailySchedule,
    MovingMedian,
    SeasonalMean,
    StatsForecastModel,
    WeekdayProfile,
    WindowForecaster,
)

pytestmark = pytest.mark.filterwarnings("ignore::FutureWarning")


def service_index(
    n_days=10, first="06:00", per_day=6, step="10min", start="2019-01-01"
):
    """Service slots of ``n_days`` days, nights without rows."""
    days = pd.date_range(start, periods=n_days, freq="D")
    offsets = pd.Timedelta(f"{first}:00") + pd.Timedelta(step) * np.arange(per_day)
    return pd.DatetimeIndex([d + o for d in days for o in offsets])


def flows(n_days=10, per_day=6, n_stations=2, seed=0):
    """Entries with a daily profile, weekends at half, per station level."""
    index = service_index(n_days, per_day=per_day)
    rng = np.random.default_rng(seed)
    profile = 1 + np.sin(np.linspace(0, np.pi, per_day))
    workday = np.where(index.normalize().dayofweek < 5, 1.0, 0.5)
    columns = {
        f"st{i:02d}": rng.poisson(level * np.tile(profile, n_days) * workday)
        for i, level in enumerate([30.0, 300.0][:n_stations])
    }
    return pd.DataFrame(columns, index=index).astype(float)


@settings(max_examples=40, deadline=None)
@given(
    n_days=st.integers(2, 12),
    per_day=st.integers(2, 30),
    step=st.sampled_from(["5min", "10min", "15min", "30min"]),
    first=st.sampled_from(["05:30", "06:00", "07:15"]),
)
def test_slots_round_trip_and_continue_into_the_future(n_days, per_day, step, first):
    """Check any service schedule maps to consecutive slots and back, and that
    the slots after the data are the next service times."""
    index = service_index(n_days, first, per_day, step)
    schedule = DailySchedule.from_index(index)
    assert schedule.slots_per_day == per_day
    y = pd.Series(np.arange(len(index), dtype=float), index=index)
    slots = schedule.to_slots(y)
    assert isinstance(slots.index, pd.RangeIndex)
    assert schedule.to_times(slots).index.equals(index)
    following = service_index(n_days + 1, first, per_day, step)[len(index) :]
    assert schedule.times(np.arange(len(index), len(index) + per_day)).equals(following)


def test_a_day_with_other_slots_is_named():
    """Check a missing slot in the middle of the data names the day."""
    index = service_index(5).delete(15)
    with pytest.raises(ValueError, match="5 of the 6 daily slots on 2019-01-03"):
        DailySchedule.from_index(index)


@pytest.mark.parametrize(
    "forecaster",
    [
        WindowForecaster(),
        SeasonalMean(sp=6),
        WeekdayProfile(sp=6),
        MovingMedian(),
        StatsForecastModel(Naive()),
    ],
    ids=lambda f: type(f).__name__,
)
def test_the_forecasters_name_the_schedule_and_the_fix(forecaster):
    """Check a service-hours index gets the one line that makes it regular,
    from every forecaster, at fit (the baselines once failed at predict
    with sktime's "unsupported operand type(s) for *: 'int' and 'NoneType'")."""
    y = flows()
    y = y if forecaster.get_tag("capability:multivariate") else y["st00"]
    with pytest.raises(
        ValueError,
        match=r"daily schedule \(6 points a day, 06:00 to 06:50 every 10 minutes",
    ) as error:
        forecaster.fit(y, fh=[1])
    assert "schedule.to_slots(y)" in str(error.value)


def test_calendar_marks_rest_days_and_time_of_day():
    """Check the calendar's columns on weekends, holidays and within a day."""
    schedule = DailySchedule.from_index(service_index(7))
    calendar = schedule.calendar(range(7 * 6), holidays=["2019-01-02"])
    rest = calendar["rest_day"].to_numpy().reshape(7, 6)[:, 0]
    # 2019-01-01 is a Tuesday; the 2nd a holiday; the 5th and 6th a weekend
    assert_array_equal(rest, [0, 1, 0, 0, 1, 1, 0])
    assert_allclose(calendar["time_of_day"].iloc[:6], np.linspace(0, 1, 6))


def test_seasonal_mean_baselines_on_slots():
    """Check yesterday, a week ago and the mean of matching days against
    hand-computed values."""
    y = flows(n_days=15)
    schedule = DailySchedule.from_index(y.index)
    slots = schedule.to_slots(y)["st01"]
    days = slots.to_numpy().reshape(15, 6)
    train, n = slots.iloc[: 14 * 6], 6
    calendar = schedule.calendar(range(15 * 6))
    fh = np.arange(1, n + 1)
    yesterday = SeasonalMean(sp=n).fit(train, fh=fh).predict()
    assert_array_equal(yesterday, days[13])
    week = SeasonalMean(sp=7 * n).fit(train, fh=fh).predict()
    assert_array_equal(week, days[7])
    matching = SeasonalMean(sp=n, n_seasons=5, match_on="rest_day")
    matching.fit(train, X=calendar.loc[train.index], fh=fh)
    predicted = matching.predict(X=calendar.iloc[14 * 6 :])
    # day 14 is 2019-01-15, a Tuesday: the last five workdays before it
    workdays = [d for d in range(14) if calendar["rest_day"].iloc[d * 6] == 0][-5:]
    assert_allclose(predicted, days[workdays].mean(axis=0))


def test_seasonal_mean_needs_its_column():
    """Check match_on without X says what to pass."""
    y = flows()["st00"].reset_index(drop=True)
    with pytest.raises(ValueError, match="match_on='rest_day' needs covariates `X`"):
        SeasonalMean(sp=6, match_on="rest_day").fit(y, fh=[1])
    calendar = pd.DataFrame({"rest_day": 0}, index=y.index)
    model = SeasonalMean(sp=6, match_on="rest_day").fit(y, X=calendar, fh=[1, 2])
    with pytest.raises(ValueError, match="every time point to forecast; it has no row"):
        model.predict(X=calendar)


def test_compare_scores_the_flow_baselines_with_the_calendar():
    """Check compare passes the calendar to the models that take it, and
    scores the matching-days mean as computed by hand."""
    from lstmreg import MovingMedian, compare

    y = flows(n_days=15)
    schedule = DailySchedule.from_index(y.index)
    slots = schedule.to_slots(y)
    calendar = schedule.calendar(slots.index)
    n = schedule.slots_per_day
    result = compare(
        slots,
        {"matching": SeasonalMean(sp=n, n_seasons=5, match_on="rest_day")},
        baselines={"yesterday": SeasonalMean(sp=n), "median": MovingMedian(n)},
        horizon=n,
        n_folds=2,
        X=calendar,
        verbose=False,
    )
    assert result.failures.empty
    assert set(result.scores["model"]) == {"matching", "yesterday", "median"}
    days = slots["st00"].to_numpy().reshape(15, n)
    rest = calendar["rest_day"].to_numpy()[::n]
    same = [d for d in range(14) if rest[d] == rest[14]][-5:]
    expected = np.abs(days[same].mean(axis=0) - days[14]).mean()
    last = result.scores.query("model == 'matching' and series == 'st00' and fold == 1")
    assert_allclose(last["MAE"], expected)
    message = "`X` must cover every time point of `y`; it has no row for 5 of them"
    with pytest.raises(ValueError, match=message):
        compare(
            slots,
            {"m": SeasonalMean(sp=n)},
            horizon=n,
            X=calendar.iloc[5:],
            baselines=False,
            verbose=False,
        )
