"""How much better than the matching-days mean can a metro forecast be?

Issue 32 asks for a set-up 10 % below the MAE of the mean of the same slot
over the last 5 matching days. This script measures, on validation days
only (never the two development days the issue scores), what the history
leaves to gain:

* the matching-days mean over k = 1 .. all the days the history holds, and
  the best k chosen after seeing the day (an optimistic bound on averaging
  more or fewer days);
* oracles that know part of the day's truth: the 5-day mean rescaled per
  station to the day's true total (a perfect daily level), and to each
  hour's true total (a perfect level every hour, the slots' shape within
  the hour from the profile). What the second leaves is the 10-minute noise
  no history can forecast; what lies between them needs the day's hourly
  deviations, known to no forecast made the evening before;
* whether those hourly deviations carry over from one day to the next: the
  correlation, over stations and hours, of the log ratio of each hour's
  true total to the 5-day mean's on the day and on the matching day before
  it, and the 5-day mean rescaled by the day before's ratios (fully, and
  by their square root);
* and from the same weekday a week before (its own 5-day mean's ratios):
  their correlation, and the 5-day mean rescaled by their square root —
  what :class:`lstmreg.WeekdayProfile` carries over where the history
  shows it persists.

    python benchmarks/research/metro_headroom.py \\
        --data ../shared/data/hangzhou_metro_entries_10min_20190101_20190118.csv
"""

import argparse
import warnings

import numpy as np
import pandas as pd

from lstmreg import DailySchedule, SeasonalMean

HOLIDAYS = ("2019-01-01",)
VALIDATION = ("2019-01-10", "2019-01-11", "2019-01-14", "2019-01-15", "2019-01-16")
TEST = {"2019-01-17", "2019-01-18"}


def matching_mean(train, calendar, truth_index, n, k):
    """The mean of the same slot over the last ``k`` matching days."""
    model = SeasonalMean(sp=n, n_seasons=k, match_on="rest_day")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(train, X=calendar.loc[train.index], fh=np.arange(1, n + 1))
        return model.predict(X=calendar.loc[truth_index]).to_numpy()


def oracle_error(profile, truth, groups):
    """MAE of ``profile`` rescaled, per station and group of slots, to the
    truth's total over that group (a group the profile has no entries in
    is forecast as 0)."""
    rescaled = np.zeros_like(profile)
    for group in np.unique(groups):
        rows = groups == group
        total = profile[rows].sum(0)
        ratio = np.divide(
            truth[rows].sum(0), total, where=total > 0, out=np.zeros_like(total)
        )
        rescaled[rows] = profile[rows] * ratio
    return np.abs(truth - rescaled).mean()


def hourly_ratios(profile, truth, hours):
    """Per hour and station, the truth's total over the profile's (one
    added to both, so that empty hours stay finite)."""
    totals = [(m.reshape(hours, -1, m.shape[1]).sum(1) + 1) for m in (truth, profile)]
    return totals[0] / totals[1]


def split_at(slots, schedule, day):
    """The slots before ``day`` and those of ``day``."""
    n = schedule.slots_per_day
    start = int(schedule.slot_numbers([pd.Timestamp(day) + schedule.start])[0])
    return slots.loc[: start - 1], slots.loc[start : start + n - 1]


def five_days(slots, calendar, schedule, day):
    """The 5-day mean forecast of ``day`` and its truth (slots x stations)."""
    train, truth = split_at(slots, schedule, day)
    n = schedule.slots_per_day
    return matching_mean(train, calendar, truth.index, n, 5), truth.to_numpy()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, help="the metro entries CSV")
    parser.add_argument("--days", nargs="*", default=list(VALIDATION))
    args = parser.parse_args()
    if TEST & set(args.days):
        raise SystemExit("01-17 and 01-18 are the issue's scored days: not here.")
    y = pd.read_csv(args.data, parse_dates=["time"], index_col="time").astype(float)
    schedule = DailySchedule.from_index(y.index)
    slots = schedule.to_slots(y)
    n = schedule.slots_per_day
    calendar = schedule.calendar(range(len(slots)), holidays=HOLIDAYS)
    rest = calendar["rest_day"].to_numpy()[::n]
    dates = pd.DatetimeIndex(sorted(set(y.index.normalize())))
    print(f"{'day':>10} {'k':>3} {'MAE':>6} {'RMSE':>6}")  # k matching days
    rows = []
    for day in args.days:
        train, truth = split_at(slots, schedule, day)
        start = truth.index[0]  # the day's first slot number
        kind = rest[start // n]
        available = int((rest[: start // n] == kind).sum())
        y_true = truth.to_numpy()
        maes = {}
        for k in range(1, available + 1):
            forecast = matching_mean(train, calendar, truth.index, n, k)
            maes[k] = np.abs(y_true - forecast).mean()
            rmse = np.sqrt(((y_true - forecast) ** 2).mean())
            print(f"{day:>10} {k:>3} {maes[k]:6.2f} {rmse:6.2f}")
            if k == 5:
                five = forecast
        best = min(maes, key=maes.get)
        slot = np.arange(n)
        hours = n // 6
        before = pd.Timestamp(day) - pd.Timedelta(days=1)
        while rest[(before - dates[0]).days] != kind:
            before -= pd.Timedelta(days=1)
        ratio = hourly_ratios(five, y_true, hours)
        carried = hourly_ratios(*five_days(slots, calendar, schedule, before), hours)
        spread = np.repeat(carried, 6, axis=0)
        week = pd.Timestamp(day) - pd.Timedelta(days=7)
        weekly = hourly_ratios(*five_days(slots, calendar, schedule, week), hours)
        rows.append(
            {
                "day": f"{day} ({pd.Timestamp(day):%a})",
                "5 days": maes[5],
                "best k": f"{maes[best]:.2f} (k={best})",
                "oracle daily level": oracle_error(five, y_true, slot * 0),
                "oracle hourly level": oracle_error(five, y_true, slot // 6),
                "corr. with day before": np.corrcoef(
                    np.log(ratio).ravel(), np.log(carried).ravel()
                )[0, 1],
                "carried": np.abs(y_true - five * spread).mean(),
                "carried, sqrt": np.abs(y_true - five * np.sqrt(spread)).mean(),
                "corr. with week before": np.corrcoef(
                    np.log(ratio).ravel(), np.log(weekly).ravel()
                )[0, 1],
                "week before, sqrt": np.abs(
                    y_true - five * np.sqrt(np.repeat(weekly, 6, axis=0))
                ).mean(),
            }
        )
    table = pd.DataFrame(rows).set_index("day")
    for oracle in ("oracle daily level", "oracle hourly level"):
        table[f"gain, {oracle.split()[1]}"] = 1 - table[oracle] / table["5 days"]
    for carried in ("carried", "carried, sqrt", "week before, sqrt"):
        table[f"gain, {carried}"] = 1 - table.pop(carried) / table["5 days"]
    with pd.option_context("display.width", 200):
        print(table.round(3).to_string())


if __name__ == "__main__":
    main()
