"""Metro passenger flow: day-ahead forecasts of every 10-minute slot.

The protocol of ``shared/data/README.md``: fit on the entries of all 80
stations through a day, forecast the 108 service slots (06:00 .. 23:50) of
the next day, score MAE, RMSE and WAPE over the slots and stations. The
series are put on slot numbers with :class:`lstmreg.DailySchedule` (nights
have no rows), with its calendar (time of day, day of week, rest days with
1 January as a holiday) as known-ahead covariates. Every model's fit +
predict wall time is measured in the same run.

    python benchmarks/bench_metro.py \\
        --data ../shared/data/hangzhou_metro_entries_10min_20190101_20190118.csv
    python benchmarks/bench_metro.py --data FILE --days 2019-01-14 2019-01-16
    python benchmarks/bench_metro.py --data FILE --only "same slot yesterday"

The default days are the development protocol's two (01-17, a Thursday, and
01-18, a Friday); choose set-ups on earlier days (``--days``) and report
those two as they come.
"""

import argparse
import time
import warnings

import numpy as np
import pandas as pd
from sklearn.pipeline import make_pipeline

from lstmreg import (
    DailySchedule,
    LSTMForecaster,
    SeasonalMean,
    WeekdayProfile,
    WindowForecaster,
    WindowTransformer,
)

DAYS = ("2019-01-17", "2019-01-18")
HOLIDAYS = ("2019-01-01",)


def models(slots_per_day, slots_per_hour):
    """name -> unfitted forecaster, and whether it takes the calendar ``X``."""
    day, week = slots_per_day, 7 * slots_per_day
    return {
        "same slot yesterday": (SeasonalMean(sp=day), False),
        "same slot a week ago": (SeasonalMean(sp=week), False),
        "mean of the same slot, last 5 matching days": (
            SeasonalMean(sp=day, n_seasons=5, match_on="rest_day"),
            True,
        ),
        "the same, times the weekday's hourly deviation a week before": (
            WeekdayProfile(
                sp=day, n_seasons=5, match_on="rest_day", block=slots_per_hour
            ),
            True,
        ),
        "LSTM over the last day, calendar X": (_one_day_lstm(day), True),
    }


def _one_day_lstm(day):
    """One global LSTM: the last day of values (and the next day's calendar,
    as covariate channels) in, the next day's slots out; 3 epochs of large
    batches, so that 80 stations train in minutes on 2 cores."""
    network = make_pipeline(
        WindowTransformer(window_size=day, statistics=("value",)),
        LSTMForecaster(
            hidden_sizes=(32,),
            normalize="window",
            loss="absolute_error",
            max_epochs=3,
            batch_size=512,
            validation_fraction=0.0,
            random_state=0,
        ),
    )
    return WindowForecaster(
        network,
        sp=day,
        lookback=day,
        combine_with=None,
        calibration_size=0,
        max_extrapolation=None,
        non_negative=True,
    )


def scores(truth, forecast):
    error = forecast.to_numpy() - truth.to_numpy()
    return {
        "MAE": float(np.abs(error).mean()),
        "RMSE": float(np.sqrt((error**2).mean())),
        "WAPE": float(np.abs(error).sum() / np.abs(truth.to_numpy()).sum()),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, help="the metro entries CSV")
    parser.add_argument("--days", nargs="*", default=list(DAYS))
    parser.add_argument("--only", nargs="*", help="names of models to run")
    args = parser.parse_args()

    y = pd.read_csv(args.data, parse_dates=["time"], index_col="time").astype(float)
    schedule = DailySchedule.from_index(y.index)
    slots = schedule.to_slots(y)
    n = schedule.slots_per_day
    per_hour = pd.Timedelta(hours=1) // schedule.step
    rows = []
    for day in args.days:
        start = int(schedule.slot_numbers([pd.Timestamp(day) + schedule.start])[0])
        train, truth = slots.loc[: start - 1], slots.loc[start : start + n - 1]
        if len(truth) < n:
            raise SystemExit(f"{day}: the data end before the day's last slot.")
        calendar = schedule.calendar(range(start + n), holidays=HOLIDAYS)
        for name, (model, with_x) in models(n, per_hour).items():
            if args.only and name not in args.only:
                continue
            X_fit = calendar.loc[train.index] if with_x else None
            X_new = calendar.loc[truth.index] if with_x else None
            began = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", FutureWarning)
                fitted = model.clone().fit(train, X=X_fit, fh=np.arange(1, n + 1))
                forecast = fitted.predict(X=X_new).clip(lower=0)
            seconds = time.perf_counter() - began
            row = {"day": day, "model": name, **scores(truth, forecast)}
            rows.append({**row, "seconds": seconds})
            print(
                f"{day} {name:>55}: MAE {row['MAE']:7.2f}  RMSE {row['RMSE']:7.2f}"
                f"  WAPE {row['WAPE']:.3f}  {seconds:6.1f} s",
                flush=True,
            )
    table = pd.DataFrame(rows).pivot(index="model", columns="day")
    with pd.option_context("display.width", 200):
        print(table[["MAE", "WAPE", "seconds"]].round(3).to_string())


if __name__ == "__main__":
    main()
