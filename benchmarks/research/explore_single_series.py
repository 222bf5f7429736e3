"""Research for the single-series default: LSTM set-ups on validation origins.

Not a benchmark of the library: a plain-PyTorch prototype of set-ups that
``WindowForecaster()``'s default could become (issue 11), scored against
AutoARIMA and AutoETS on the real series of ``bench_accuracy.py`` **before**
their test tails: ``--offsets 1 2 3`` drops one to three horizons from the end,
so the last horizon of what is left is the validation tail. The test tail is
never read here.

Set-ups (each a median of ``--seeds`` networks, one LSTM layer of 32, ``h``
outputs at once, absolute error, Adam 3e-3, batch 32, ``--steps`` gradient
steps; the series is log-transformed when positive, divided by the std of
its first differences and, with at least 3 seasons, freed of a classical
seasonal index):

* ``last``: every window minus its last value (the LEADS recipe); an
  untrained network forecasts the last value (plus the seasonal index);
* ``holt``: windows minus the level of a damped-trend exponential smoothing
  (parameters by grid search on one-step absolute errors) and targets minus
  its forecast from that window's end: the network learns a correction to it;
* ``linear``: ``last`` with the LSTM taken out: one linear map from the
  window to the ``h`` outputs, trained the same way;
* ``library``: the library's default, ``WindowForecaster(sp=sp,
  random_state=0)``: since this script's pooled verdict (below), the
  median of ``network``, AutoARIMA and AutoETS (``combine_with="auto"``,
  ``combine_weight="median"``); ``median3`` is the same made outside the
  forecaster, ``net+ARIMA`` the default before;
* ``network``: its window model alone, ``combine_with=None`` (values as
  changes from the last one, absolute error, mean of 2 networks);
* ``net+ETS``: the mean of ``network`` and AutoETS, the cheaper partner;
* ``median3``: the median of ``network``, AutoARIMA and AutoETS (the issue
  tracker's lead);
* ``previous``: the default before it, ``make_pipeline(WindowTransformer(),
  LSTMForecaster(random_state=0))`` (per-window standardisation, squared
  error, early stopping);
* ``ridge``: the library with a linear window model instead of the LSTM,
  ``WindowForecaster(sp=sp, estimator=make_pipeline(WindowTransformer(
  statistics=("value",), flatten=True), Ridge()))``;
* ``mean``: the mean of ``last``, ``holt`` and ``network``;
* ``net+ARIMA+CES`` and ``net+ARIMA+Theta``: ``library`` with a third
  member, statsforecast's ``AutoCES`` or ``AutoTheta``, all three averaged;
* ``lognet+ARIMA``: ``log network`` (``network`` fitted to the logs of a
  positive series, its forecasts exponentiated; as ``network`` otherwise)
  averaged with AutoARIMA; ``net+logARIMA``: ``network`` averaged with
  ``log AutoARIMA`` (the same for AutoARIMA): a multiplicative scale for
  growth series;
* ``lookbacks+ARIMA``: ``lookbacks``, the mean of one ``network`` (a single
  seed) at each of half, once and twice the default lookback
  ``max(3 * sp, h)``, averaged with AutoARIMA: an ensemble over lookbacks
  instead of seeds (N-BEATS's);
* ``weighted``: ``network`` and AutoARIMA weighted by the inverse of their
  mean absolute errors on the tail *before* (its weights come from the next
  offset's forecasts, so it is scored only at offsets whose next one runs
  too: ``--offsets 1 2 3`` scores it at 1 and 2).

* ``net+ARIMA``: the mean of ``network`` and AutoARIMA — the previous
  default's point forecast made outside the forecaster.
* ``mean3``: the mean of ``network``, AutoARIMA and AutoETS (the default's
  members, averaged instead of their median); ``ARIMA+ETS``: the mean of
  the two statistical models, the network left out; ``median3+Theta``,
  ``median3+CES`` and ``median3+Theta+CES``: the median of ``median3``'s
  members and AutoTheta, AutoCES or both (of four members, the mean of the
  middle two).
* ``skip network``: ``network`` with ``linear_skip=True`` (a linear map of
  the window added to the LSTM's output); ``skipnet+ARIMA`` averages it
  with AutoARIMA, ``skip median3`` takes the median of it, AutoARIMA and
  AutoETS.

Combined set-ups cost the sum of their members' times. ``--models`` runs
only some set-ups (and those made of them); ``--corpus R`` scores
``bench_accuracy.py --corpus R``'s 67 other real series instead of the 14
(those still long enough at that offset), ``--corpus M3`` (``M1``,
``Tourism``) 25 series of every type of a competition (``--part`` picks
which), ``--corpus plays --data PATH`` 25 artists' daily plays before the
music contest's first origin, ``--corpus hourly`` and ``--corpus metro
--data PATH`` sub-daily series (``corpora.py``). The summary's "geo-mean /
AutoARIMA" is the geometric mean of each series' MASE over AutoARIMA's;
``pool_validation.py`` pools it over several runs' ``--csv`` files, the
verdict the default was chosen by (docs/performance.rst).

    python benchmarks/research/explore_single_series.py            # ~25 minutes, 2 CPUs
    python benchmarks/research/explore_single_series.py --corpus R --offsets 1 2 \
        --models network "log network" AutoCES "log AutoARIMA"   # ~20 minutes
    python benchmarks/research/explore_single_series.py --corpus R --offsets 1 2 \
        --models network "skip network"                            # ~15 minutes
"""

import argparse
import sys
import time
import warnings
from pathlib import Path

# the benchmarks' shared modules (corpora, bench_accuracy) are one folder up
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
import pandas as pd
import torch
from bench_accuracy import _statsforecast
from corpora import CORPORA, cut, load
from sklearn.linear_model import Ridge
from sklearn.pipeline import make_pipeline
from tqdm.auto import tqdm

from lstmreg import LSTMForecaster, WindowForecaster, WindowTransformer, mase
from lstmreg.forecasting._presets import DEFAULT_WINDOW_MODEL, window_pipeline


def seasonal_index(z, sp):
    """Classical additive seasonal index (centred moving-average trend)."""
    if sp < 2 or len(z) < 3 * sp:
        return np.zeros(1)
    weights = np.r_[0.5, np.ones(sp - 1), 0.5] / sp if sp % 2 == 0 else np.ones(sp) / sp
    trend = np.convolve(z, weights, mode="valid")
    start = (len(weights) - 1) // 2
    detrended = z[start : start + len(trend)] - trend
    position = np.arange(start, start + len(trend)) % sp
    index = np.array([detrended[position == p].mean() for p in range(sp)])
    return index - index.mean()


def damped_holt(z):
    """Level, trend and damping of damped Holt, fitted by grid search."""
    grid = np.meshgrid(
        [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0],
        [0.0, 0.05, 0.1, 0.2, 0.4],
        [0.8, 0.9, 0.95, 0.98],
        indexing="ij",
    )
    alpha, beta, phi = (g.ravel() for g in grid)
    levels = np.empty((len(z), alpha.size))
    trends = np.empty_like(levels)
    level, trend = np.full(alpha.size, z[0]), np.full(alpha.size, z[1] - z[0])
    errors = np.zeros(alpha.size)
    for t, value in enumerate(z):
        forecast = level + phi * trend
        if t:
            errors += np.abs(value - forecast)
        new_level = alpha * value + (1 - alpha) * forecast
        trend = beta * (new_level - level) + (1 - beta) * phi * trend
        level = levels[t] = new_level
        trends[t] = trend
    best = np.argmin(errors)
    return levels[:, best], trends[:, best], phi[best]


def prototype(y, sp, h, anchor, seed, steps, linear=False):
    """One network of the ``last`` or ``holt`` set-up (``linear``: the
    ``linear`` one); the h forecasts."""
    log = bool((y > 0).all())
    z = np.log(y) if log else y.astype(float)
    spread = np.diff(z).std()
    scale = spread if spread > 0 else (np.abs(z).mean() or 1.0)
    z = z / scale
    season = seasonal_index(z, sp)
    position = np.arange(len(z) + h) % len(season)
    z = z - season[position[: len(z)]]
    n = len(z)
    lookback = max(2, min(max(2 * sp, h, 8), n - h - 4))
    rows = np.arange(lookback)[None] + np.arange(n - lookback - h + 1)[:, None]
    X, Y = z[rows], z[rows[:, -1:] + np.arange(1, h + 1)]
    ends = rows[:, -1]
    if anchor == "last":
        X_at, base = X[:, -1:], X[:, -1:]
        query_at, query_base = z[-1], np.full(h, z[-1])
    else:
        level, trend, phi = damped_holt(z)
        damping = np.cumsum(phi ** np.arange(1, h + 1))
        X_at = level[ends][:, None]
        base = X_at + trend[ends][:, None] * damping
        query_at, query_base = level[-1], level[-1] + trend[-1] * damping
    X = torch.tensor(X - X_at, dtype=torch.float32)[..., None]
    Y = torch.tensor(Y - base, dtype=torch.float32)

    torch.manual_seed(seed)
    lstm = torch.nn.LSTM(1, 32, batch_first=True)
    head = torch.nn.Linear(lookback if linear else 32, h)
    torch.nn.init.zeros_(head.weight)
    torch.nn.init.zeros_(head.bias)

    def net(x):
        return head(x[..., 0] if linear else lstm(x)[0][:, -1])

    weights = [*head.parameters()] + ([] if linear else [*lstm.parameters()])
    optimizer = torch.optim.Adam(weights, lr=3e-3)
    batches = int(np.ceil(len(X) / 32))
    shuffle = torch.Generator().manual_seed(seed)
    for _ in range(int(np.ceil(steps / batches))):
        order = torch.randperm(len(X), generator=shuffle)
        for b in range(batches):
            i = order[b * 32 : (b + 1) * 32]
            optimizer.zero_grad()
            torch.nn.functional.l1_loss(net(X[i]), Y[i]).backward()
            optimizer.step()
    query = torch.tensor(z[-lookback:] - query_at, dtype=torch.float32)
    with torch.no_grad():
        out = net(query[None, :, None]).numpy()[0]
    out = (out + query_base + season[position[n:]]) * scale
    return np.exp(out) if log else out


def candidates(train, sp, h, seeds, steps):
    """model name -> a function that makes its forecast of the next h."""
    from statsforecast.models import AutoARIMA, AutoCES, AutoETS, AutoTheta

    values = train.to_numpy()

    def networks(anchor, linear=False):
        runs = [
            prototype(values, sp, h, anchor, s, steps, linear) for s in range(seeds)
        ]
        return np.median(runs, axis=0)

    def library(estimator=None, y=train, **params):
        forecaster = WindowForecaster(
            sp=sp, estimator=estimator, random_state=0, **params
        )
        forecaster.fit(y.reset_index(drop=True), fh=range(1, h + 1))
        return forecaster.predict().to_numpy().ravel()

    def logged(forecast):
        """``forecast(y)`` on the logs of a positive series, exponentiated."""
        if (values > 0).all():
            return np.exp(forecast(np.log(train)))
        return forecast(train)

    def lookbacks():
        """The mean of one ``network`` at each of three lookbacks."""
        default = max(3 * sp, h)
        runs = [
            library(
                window_pipeline(
                    **DEFAULT_WINDOW_MODEL,
                    lstm__ensemble_size=1,
                    lstm__random_state=0,
                ),
                combine_with=None,
                lookback=max(2, round(default * factor)),
            )
            for factor in (0.5, 1, 2)
        ]
        return np.mean(runs, axis=0)

    skip = window_pipeline(
        **DEFAULT_WINDOW_MODEL, lstm__random_state=0, lstm__linear_skip=True
    )
    ridge = make_pipeline(
        WindowTransformer(statistics=("value",), flatten=True), Ridge()
    )
    previous = make_pipeline(WindowTransformer(), LSTMForecaster(random_state=0))

    made = {
        "AutoARIMA": lambda: _statsforecast(AutoARIMA(season_length=sp), train, h),
        "AutoETS": lambda: _statsforecast(AutoETS(season_length=sp), train, h),
        "AutoCES": lambda: _statsforecast(AutoCES(season_length=sp), train, h),
        "AutoTheta": lambda: _statsforecast(AutoTheta(season_length=sp), train, h),
        "log AutoARIMA": lambda: logged(
            lambda y: _statsforecast(AutoARIMA(season_length=sp), y, h)
        ),
        "last": lambda: networks("last"),
        "holt": lambda: networks("holt"),
        "linear": lambda: networks("last", linear=True),
        "library": library,
        "network": lambda: library(combine_with=None),
        "skip network": lambda: library(skip, combine_with=None),
        "log network": lambda: logged(lambda y: library(y=y, combine_with=None)),
        "lookbacks": lookbacks,
        "ridge": lambda: library(ridge),
        "previous": lambda: library(previous),
    }
    assert tuple(made) == BASE  # --models offers BASE's names
    return made


# the set-ups of ``candidates``, in its order
BASE = (
    "AutoARIMA",
    "AutoETS",
    "AutoCES",
    "AutoTheta",
    "log AutoARIMA",
    "last",
    "holt",
    "linear",
    "library",
    "network",
    "skip network",
    "log network",
    "lookbacks",
    "ridge",
    "previous",
)
# set-ups made of others: name, members, how their forecasts are combined
COMBINED = [
    ("net+ARIMA", ("network", "AutoARIMA"), np.mean),  # the default's points
    ("net+ETS", ("network", "AutoETS"), np.mean),
    ("median3", ("network", "AutoARIMA", "AutoETS"), np.median),
    ("mean3", ("network", "AutoARIMA", "AutoETS"), np.mean),
    ("ARIMA+ETS", ("AutoARIMA", "AutoETS"), np.mean),
    ("median3+Theta", ("network", "AutoARIMA", "AutoETS", "AutoTheta"), np.median),
    ("median3+CES", ("network", "AutoARIMA", "AutoETS", "AutoCES"), np.median),
    (
        "median3+Theta+CES",
        ("network", "AutoARIMA", "AutoETS", "AutoTheta", "AutoCES"),
        np.median,
    ),
    ("mean", ("last", "holt", "network"), np.mean),
    ("net+ARIMA+CES", ("network", "AutoARIMA", "AutoCES"), np.mean),
    ("net+ARIMA+Theta", ("network", "AutoARIMA", "AutoTheta"), np.mean),
    ("lognet+ARIMA", ("log network", "AutoARIMA"), np.mean),
    ("net+logARIMA", ("network", "log AutoARIMA"), np.mean),
    ("lookbacks+ARIMA", ("lookbacks", "AutoARIMA"), np.mean),
    ("skipnet+ARIMA", ("skip network", "AutoARIMA"), np.mean),
    ("skip median3", ("skip network", "AutoARIMA", "AutoETS"), np.median),
]
# the pair weighted by its errors on the tail before (see ``weighted``)
WEIGHTED = ("network", "AutoARIMA")


def weighted(before, forecasts):
    """The WEIGHTED pair's forecast, weights 1 / MAE on the tail before.

    ``before``: (valid, forecasts) of the same series one horizon earlier.
    """
    valid, earlier = before
    errors = np.array([np.mean(np.abs(earlier[m] - valid)) for m in WEIGHTED])
    weights = 1 / np.maximum(errors, np.finfo(float).tiny)
    members = np.array([forecasts[m] for m in WEIGHTED])
    return weights @ members / weights.sum()


def run(offset, seeds, steps, corpus=lambda: load("packages"), models=None):
    """Scores of every set-up (of those in ``models`` and those made of
    them, all if None) on the series of ``corpus()``, and per series what
    ``weighted`` needs: the validation tail, every forecast, the training
    values, the period and the weighted pair's seconds."""
    rows, kept = [], {}
    for name, y, sp, h in tqdm(cut(corpus(), offset), desc=f"offset {offset}"):
        train, valid = y.iloc[:-h], y.iloc[-h:].to_numpy()
        forecasts, seconds = {}, {}
        for model, make in candidates(train, sp, h, seeds, steps).items():
            if models is not None and model not in models:
                continue
            start = time.perf_counter()
            forecasts[model] = make()
            seconds[model] = time.perf_counter() - start
        for model, members, combine in COMBINED:
            if all(m in forecasts for m in members):
                forecasts[model] = combine([forecasts[m] for m in members], axis=0)
                seconds[model] = sum(seconds[m] for m in members)
        for model, forecast in forecasts.items():
            score = mase(valid, forecast, y_train=train.to_numpy(), sp=sp)
            rows.append(
                {"series": name, "model": model, "MASE": score, "s": seconds[model]}
            )
        if all(m in forecasts for m in WEIGHTED):
            kept[name] = (
                valid,
                forecasts,
                train.to_numpy(),
                sp,
                sum(seconds[m] for m in WEIGHTED),
            )
    return pd.DataFrame(rows), kept


def add_weighted(scores, kept, before):
    """``scores`` with the ``weighted`` rows, from the next offset's ``kept``
    (for the series it holds: one horizon shorter, some are left out)."""
    rows = []
    for name, (valid, forecasts, train, sp, seconds) in kept.items():
        if name not in before:
            continue
        forecast = weighted(before[name][:2], forecasts)
        score = mase(valid, forecast, y_train=train, sp=sp)
        rows.append({"series": name, "model": "weighted", "MASE": score, "s": seconds})
    return pd.concat([scores, pd.DataFrame(rows)], ignore_index=True)


def log_ratios_to_arima(table):
    """The log of each MASE of a series x model table over AutoARIMA's on
    that series (a perfect forecast counts as a hundredth of its error)."""
    return np.log(table.div(table["AutoARIMA"] + 1e-12, axis=0).clip(lower=1e-2))


def relative_to_arima(table):
    """Per column of a series x model table of MASE, the geometric mean of
    the ratios to AutoARIMA's (below 1: better than AutoARIMA on a typical
    series)."""
    return np.exp(log_ratios_to_arima(table).mean())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--offsets", nargs="+", type=int, default=[1, 2, 3])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--steps", type=int, default=800)
    parser.add_argument(
        "--corpus",
        choices=CORPORA,
        default="packages",
        help="bench_accuracy.py's 14 series, its 67 R series, a sample of a "
        "competition's (--part), or 25 artists' daily plays (--data, --part)",
    )
    parser.add_argument(
        "--part",
        type=float,
        default=0.0,
        help="with a competition or plays: in [0, 1), which evenly spaced sample",
    )
    parser.add_argument(
        "--data",
        help="with --corpus plays: the real daily plays table's path; with "
        "--corpus metro: the metro entries file's (shared/data); with --corpus "
        "file: a CSV file of columns unique_id, ds, y",
    )
    parser.add_argument(
        "--models",
        nargs="+",
        choices=BASE,
        metavar="MODEL",
        help="run only these set-ups of %(choices)s (and those made of them; "
        "AutoARIMA and AutoETS always run), e.g. network AutoCES",
    )
    parser.add_argument("--csv", help="also write every offset's scores here")
    args = parser.parse_args()
    models = None if args.models is None else {*args.models, "AutoARIMA", "AutoETS"}
    warnings.simplefilter("ignore")
    torch.set_num_threads(1)
    if min(args.offsets) < 1:
        parser.error("--offsets must be >= 1: the test tail is not for choosing")
    if args.corpus in ("plays", "metro", "file") and not args.data:
        parser.error(f"--corpus {args.corpus} needs --data PATH (shared/data's file)")

    def corpus():
        return load(args.corpus, 25, args.part, args.data)

    kept_before, frames = {}, []
    # the latest tail last: ``weighted`` at an offset needs the next one's
    for offset in sorted(args.offsets, reverse=True):
        scores, kept = run(offset, args.seeds, args.steps, corpus, models)
        if offset + 1 in kept_before and kept:
            scores = add_weighted(scores, kept, kept_before[offset + 1])
        kept_before[offset] = kept
        frames.append(scores.assign(offset=offset))
        if args.csv:  # every offset's scores as soon as they are known
            pd.concat(frames).to_csv(args.csv, index=False)
        order = list(dict.fromkeys(scores["model"]))  # as run
        table = scores.pivot(index="series", columns="model", values="MASE")[order]
        better = table[["AutoARIMA", "AutoETS"]].min(axis=1)
        seconds = scores.groupby("model")["s"].sum()[order]
        summary = pd.DataFrame(
            {
                "mean MASE": table.mean(),
                "median MASE": table.median(),
                "geo-mean / AutoARIMA": relative_to_arima(table),
                "worst / better of ARIMA, ETS": table.div(better, axis=0).max(),
                "time / AutoARIMA": seconds / seconds["AutoARIMA"],
            }
        )
        print(f"\noffset {offset} (validation tail)\n{table.round(3).to_string()}")
        print(summary.round(3).to_string(), flush=True)


if __name__ == "__main__":
    main()
