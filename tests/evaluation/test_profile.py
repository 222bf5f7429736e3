"""WeekdayProfile: the matching-days mean, corrected by the deviation the
same weekday showed a week before, as far as the history shows it persists."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from lstmreg import DailySchedule, SeasonalMean, WeekdayProfile

pytestmark = pytest.mark.filterwarnings("ignore::FutureWarning")

PER_DAY = 6  # slots a day
FRIDAY = 4  # pandas dayofweek


def entries(n_days, friday_evening=1.0, noise=0.0, n_stations=8, seed=0):
    """Counts of ``n_stations`` stations of levels 1 to 8 on service slots
    from 2019-01-01 (a Tuesday): one daily profile; on Fridays the last two
    slots times ``friday_evening``; weekends at half; on every slot a
    multiplicative noise of spread ``noise`` of its own."""
    rng = np.random.default_rng(seed)
    days = pd.date_range("2019-01-01", periods=n_days, freq="D")
    profile = np.array([20.0, 60.0, 30.0, 30.0, 50.0, 40.0])
    rows = []
    for day in days:
        values = profile * (0.5 if day.dayofweek >= 5 else 1.0)
        if day.dayofweek == FRIDAY:
            values = values * np.r_[1, 1, 1, 1, friday_evening, friday_evening]
        rows.append(values)
    values = np.concatenate(rows)[:, None] * np.arange(1, n_stations + 1)
    values = values * np.exp(noise * rng.normal(size=values.shape))
    index = [d + pd.Timedelta(hours=6 + i) for d in days for i in range(PER_DAY)]
    columns = [f"st{i:02d}" for i in range(n_stations)]
    return pd.DataFrame(values, index=pd.DatetimeIndex(index), columns=columns)


def on_slots(y, n_days_more=1):
    """The series on slot numbers and the calendar over them and one more day."""
    schedule = DailySchedule.from_index(y.index)
    slots = schedule.to_slots(y)
    calendar = schedule.calendar(range(len(slots) + n_days_more * PER_DAY))
    return slots, calendar


def fit_until(model, slots, calendar, day):
    """``model`` fitted on the days before ``day`` (a day number), and its
    forecast of that day."""
    train = slots.iloc[: day * PER_DAY]
    fh = np.arange(1, PER_DAY + 1)
    X_new = calendar.iloc[day * PER_DAY : (day + 1) * PER_DAY]
    model.fit(train, X=calendar.loc[train.index], fh=fh)
    return model.predict(X=X_new)


def matching_mean(slots, calendar, day):
    """SeasonalMean's forecast of ``day``, series by series."""
    mean = SeasonalMean(sp=PER_DAY, n_seasons=5, match_on="rest_day")
    forecasts = [fit_until(mean.clone(), slots[c], calendar, day) for c in slots]
    return pd.concat(forecasts, axis=1)


def test_carries_a_persistent_friday_evening_over():
    """Check the Friday evening, above the working days' mean on every
    Friday, is carried over (persistence near 1) and forecast far closer
    than by the matching-days mean."""
    y = entries(n_days=25, friday_evening=1.8, noise=0.1)
    slots, calendar = on_slots(y)
    profile = WeekdayProfile(sp=PER_DAY, match_on="rest_day", block=2)
    friday = 24  # 2019-01-25; Fridays 3, 10, 17 before it
    forecast = fit_until(profile, slots, calendar, friday)
    assert profile.carries_[0] > 0.7
    truth = slots.iloc[friday * PER_DAY : (friday + 1) * PER_DAY].to_numpy()
    plain = matching_mean(slots, calendar, friday)
    error = np.abs(forecast.to_numpy() - truth).mean()
    assert error < 0.7 * np.abs(plain.to_numpy() - truth).mean()


def test_carries_nothing_where_deviations_are_noise():
    """Check that where every day's deviations are noise of its own, no
    persistence is found and the forecast is the matching-days mean."""
    y = entries(n_days=25, noise=0.1)
    slots, calendar = on_slots(y)
    profile = WeekdayProfile(sp=PER_DAY, match_on="rest_day", block=2)
    for day in (21, 23, 24):
        forecast = fit_until(profile, slots, calendar, day)
        assert not profile.carries_.any()
        assert_allclose(forecast, matching_mean(slots, calendar, day))


def test_is_the_matching_days_mean_without_a_pair_of_days_or_carry():
    """Check that with carry=0, or before any day has a day of its kind a
    week earlier with a deviation, the forecast is SeasonalMean's, column
    by column, and that the input is left as it was."""
    y = entries(n_days=20, friday_evening=1.8, noise=0.2)
    slots, calendar = on_slots(y)
    before = slots.copy()
    for model, day in (
        (WeekdayProfile(sp=PER_DAY, match_on="rest_day", carry=0.0), 19),
        (WeekdayProfile(sp=PER_DAY, match_on="rest_day", block=3), 8),
    ):
        forecast = fit_until(model, slots, calendar, day)
        assert_allclose(forecast, matching_mean(slots, calendar, day))
    assert not model.carries_.any()
    pd.testing.assert_frame_equal(slots, before)


def test_a_fixed_carry_multiplies_by_the_deviation_a_week_before():
    """Check carry=c forecasts the matching-days mean times each block's
    ratio, a week before, of the total to its matching-days mean's (one
    added to both), to the power c, computed by hand on one series."""
    y = entries(n_days=16, noise=0.3, seed=1)["st00"]
    values = y.to_numpy().reshape(16, PER_DAY)
    model = WeekdayProfile(sp=PER_DAY, n_seasons=2, block=3, carry=0.5)
    forecast = model.fit(y.reset_index(drop=True), fh=range(1, PER_DAY + 1))
    base = values[14:16].mean(axis=0)  # day 16's mean: days 14 and 15
    week_ago = values[9]
    week_ago_base = values[7:9].mean(axis=0)
    ratio = (week_ago.reshape(2, 3).sum(1) + 1) / (
        week_ago_base.reshape(2, 3).sum(1) + 1
    )
    expected = base * np.repeat(ratio**0.5, 3)
    assert_allclose(forecast.predict(), expected)
    assert_array_equal(model.carries_, np.full(7, 0.5))


def test_same_forecast_after_update_as_after_a_fit_on_all():
    """Check update re-estimates the deviations and persistence: the same
    forecast as a fit on all the data."""
    y = entries(n_days=25, friday_evening=1.5, noise=0.1)
    slots, calendar = on_slots(y)
    fh = np.arange(1, PER_DAY + 1)
    X_new = calendar.iloc[24 * PER_DAY :]
    first, rest = slots.iloc[: 20 * PER_DAY], slots.iloc[20 * PER_DAY : 24 * PER_DAY]
    model = WeekdayProfile(sp=PER_DAY, match_on="rest_day", block=2)
    model.fit(first, X=calendar.loc[first.index], fh=fh)
    model.update(rest, X=calendar.loc[rest.index])
    whole = slots.iloc[: 24 * PER_DAY]
    again = WeekdayProfile(sp=PER_DAY, match_on="rest_day", block=2)
    again.fit(whole, X=calendar.loc[whole.index], fh=fh)
    assert_allclose(model.predict(X=X_new), again.predict(X=X_new))
    assert_array_equal(model.carries_, again.carries_)


@pytest.mark.parametrize(
    ("params", "data", "message"),
    [
        ({"block": 4}, None, r"`block` \(4\) must divide `sp` \(6\)"),
        ({"carry": 1.5}, None, "`carry` must be 'auto' or a number in"),
        ({"carry": True}, None, "`carry` must be 'auto' or a number in"),
        ({"lag": 0}, None, "lag"),
        ({}, "negative", "`y` has negative values"),
        ({}, "short", "fewer than one day"),
        ({"match_on": "rest_day"}, None, "match_on='rest_day' needs covariates"),
    ],
)
def test_bad_input_gets_a_clear_error(params, data, message):
    """Check every mistake a user can make gets a message naming it."""
    y = entries(n_days=10)["st00"].reset_index(drop=True)
    if data == "negative":
        y = y - 100
    elif data == "short":
        y = y.iloc[:4]
    with pytest.raises(ValueError, match=message):
        WeekdayProfile(sp=PER_DAY, **params).fit(y, fh=[1])


@settings(max_examples=30, deadline=None)
@given(
    n_days=st.integers(1, 30),
    sp=st.sampled_from([1, 2, 4, 6, 12]),
    lag=st.integers(1, 8),
    n_series=st.integers(1, 4),
    scale=st.sampled_from([0.0, 1e-6, 1.0, 1e6]),
    seed=st.integers(0, 2**16),
    data=st.data(),
)
def test_forecasts_are_finite_non_negative_counts_of_any_magnitude(
    n_days, sp, lag, n_series, scale, seed, data
):
    """Check that for counts of any magnitude, day length, block and lag the
    persistences lie in [0, 1] and the forecasts are finite and
    non-negative, and that carry=0 is SeasonalMean's forecast."""
    block = data.draw(st.sampled_from([b for b in range(1, sp + 1) if sp % b == 0]))
    rng = np.random.default_rng(seed)
    y = pd.DataFrame(scale * rng.poisson(5.0, size=(n_days * sp, n_series)))
    fh = np.arange(1, 2 * sp + 1)
    model = WeekdayProfile(sp=sp, n_seasons=3, block=block, lag=lag).fit(y, fh=fh)
    assert ((model.carries_ >= 0) & (model.carries_ <= 1)).all()
    forecast = model.predict().to_numpy()
    assert np.isfinite(forecast).all()
    assert (forecast >= 0).all()
    plain = WeekdayProfile(sp=sp, n_seasons=3, block=block, lag=lag, carry=0)
    expected = SeasonalMean(sp=sp, n_seasons=3).fit(y[0], fh=fh).predict()
    assert_allclose(plain.fit(y, fh=fh).predict()[0], expected)
