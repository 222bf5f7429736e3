"""Real contest plays: every baseline and every lstmreg set-up, side by side.

The protocol of ``shared/data/README.md``: fit on the real daily plays of 100
artists through an origin (2015-05-31, 2015-06-30), forecast the next 61 days,
score F/F_max (days with zero true plays left out) and the mean MASE with a
weekly season; forecasts are clipped at zero. Every model's fit + predict
wall time is measured in the same run.

    python benchmarks/bench_real_music.py \
        --data ../shared/data/tianchi_p2_artist_daily.csv
    python benchmarks/bench_real_music.py --data FILE --only "median 14" lstmreg
    python benchmarks/bench_real_music.py --data FILE --origins 2015-06-14

The LSTMs of neuralforecast, darts and skforecast (``benchmarks/peers.py``)
run beside them where installed; a missing one is named and skipped.

Last, per origin, lstmreg's F/F_max minus every other model's with a 90 %
paired bootstrap interval over the artists (resampled with replacement,
2,000 times, the same artists for both): where it spans 0, these artists
cannot tell the two apart.

Before anything is timed, every contender forecasts 3 artists once, so that
one-time costs of a process are left out for all of them alike: torch
imports ``torch._dynamo`` (and sympy) the first time an optimizer is made,
1.2 s here, paid at the first origin by whichever torch model runs first
(AutoARIMA showed no such cost: 27.9 s cold, 27.0 s after). ``--cold``
times them as they come instead.

Model selection must not look at a test tail: settings are chosen at the first
origin and the later origin is reported as it comes. The lstmreg set-ups need
``lookback + 61`` days before an origin (82, from 2015-05-21 on, with the
default's lookback of 21); at an earlier one they stop with the forecaster's
message.
"""

import argparse
import time
import warnings

import numpy as np
import pandas as pd
import peers
from bootstrap import LEVEL, RESAMPLES, formatted, resampled_rows
from tqdm.auto import tqdm

from lstmreg import (
    ContestData,
    MovingMedian,
    WindowForecaster,
    contest_forecaster,
    contest_score,
    forecast_plays,
    mase,
    read_plays_table,
)

HORIZON = 61
ORIGINS = ("2015-05-31", "2015-06-30")


def _statsforecast(model):
    def forecast(y):
        from statsforecast import StatsForecast

        sf = StatsForecast(models=[model], freq="D", n_jobs=1)
        out = sf.forecast(df=peers.long_frame(y), h=HORIZON)
        return out.pivot(index="ds", columns="unique_id", values=repr(model))

    return forecast


def _flat(statistic):
    def forecast(y):
        values = statistic(y)
        index = pd.date_range(y.index[-1], periods=HORIZON + 1, freq="D")[1:]
        return pd.DataFrame([values.to_numpy()] * HORIZON, index, y.columns)

    return forecast


def _sktime(forecaster):
    def forecast(y):
        return forecaster.clone().fit(y, fh=range(1, HORIZON + 1)).predict()

    return forecast


def _lstmreg(model, extra_inputs=(), **kwargs):
    def forecast(data):
        f = contest_forecaster(model, extra_inputs=extra_inputs, **kwargs)
        return forecast_plays(f, data, extra_inputs, horizon=HORIZON)

    return forecast


def models():
    """name -> forecast(y) for the baselines; lstmreg set-ups take extras."""
    from statsforecast.models import AutoARIMA, AutoETS, SeasonalNaive

    return {
        "median 14": _flat(lambda y: y.iloc[-14:].median()),
        # the median lowered for the contest's relative error
        "median 14, lowered": _sktime(MovingMedian(14, loss="relative_error")),
        "mean 7": _flat(lambda y: y.iloc[-7:].mean()),
        "seasonal naive 7": _statsforecast(SeasonalNaive(season_length=7)),
        "AutoARIMA": _statsforecast(AutoARIMA(season_length=7)),
        "AutoETS": _statsforecast(AutoETS(season_length=7)),
        "lstmreg": _lstmreg("default"),
        "lstmreg, no partial windows": _lstmreg("default", partial_windows=False),
        "lstmreg, squared error": _lstmreg("default", loss="squared_error"),
        "lstmreg, one network": _lstmreg("default", ensemble_size=1),
        "lstmreg, cross-fitted shrinkage": _lstmreg("default", shrinkage="cross_fit"),
        "lstmreg, halfway shrinkage": _lstmreg(
            "default", shrinkage="cross_fit", shrinkage_scope="halfway"
        ),
        "lstmreg, halfway shrinkage, extra networks": _lstmreg(
            "default",
            shrinkage="cross_fit",
            shrinkage_scope="halfway",
            cross_fit_networks="extra",
        ),
        "lstmreg, 2x64, 30 full epochs": _lstmreg(
            "default",
            hidden_sizes=(64, 64),
            max_steps=None,
            lr=3e-3,
            lr_schedule="constant",
        ),
        "lstmreg, linear skip": _lstmreg("default", linear_skip=True),
        "lstmreg, + downloads, collects": _lstmreg(
            "default", extra_inputs=("downloads", "collects")
        ),
        "lstmreg, + day of week": _lstmreg("default", extra_inputs=("calendar",)),
        "lstmreg writeup": _lstmreg("writeup"),
        "WindowForecaster()": _window_forecaster,
    }


def _peer_forecasts(only):
    """The installed peer libraries' LSTMs (benchmarks/peers.py), each
    forecast(y) like the baselines'; the missing ones are named and skipped."""
    return {
        name: (lambda y, forecast=forecast: forecast(y, HORIZON))
        for name, forecast in peers.available(only).items()
    }


def _window_forecaster(y):
    """The library's generic defaults, as a new user would try them first."""
    forecaster = WindowForecaster(sp=7, non_negative=True, random_state=0)
    return forecaster.fit(y, fh=range(1, HORIZON + 1)).predict()


def score(truth, forecast, history):
    """F/F_max, the mean MASE, and each artist's part of F
    (:func:`artist_parts`)."""
    parts = artist_parts(truth, forecast)
    forecast = forecast.clip(lower=0).to_numpy().T
    mases = [
        mase(truth[c], forecast[i], y_train=history[c], sp=7)
        for i, c in enumerate(truth.columns)
    ]
    return parts[0].sum() / parts[1].sum(), float(np.mean(mases)), parts


def artist_parts(truth, forecast):
    """Each artist's ``(1 - sigma) * phi`` and ``phi`` of the contest score
    (``forecast`` clipped at zero, days with zero true plays left out), so
    that F/F_max of any set of artists is the ratio of their sums."""
    truth = truth.to_numpy().T
    forecast = forecast.clip(lower=0).to_numpy().T
    parts = [
        (
            contest_score(t, f, zero_truth="skip"),
            contest_score(t, t, zero_truth="skip"),
        )
        for t, f in zip(truth, forecast, strict=True)
    ]
    return np.array(parts).T


def paired_differences(parts, model):
    """``model``'s F/F_max minus each other model's, with a LEVEL % paired
    bootstrap interval over the artists (``bootstrap.py``); ``parts`` maps
    a model to its :func:`artist_parts`.

    >>> phi = np.ones(4)
    >>> parts = {"a": np.array([[0.9] * 4, phi]), "b": np.array([[0.8] * 4, phi])}
    >>> paired_differences(parts, "a")["b"]
    '+0.100 [+0.100, +0.100]'
    """
    scored, phi = parts[model]
    rows = resampled_rows(len(phi))
    return {
        other: formatted(
            (scored - other_scored).sum() / phi.sum(),
            (scored - other_scored)[rows].sum(1) / phi[rows].sum(1),
        )
        for other, (other_scored, _) in parts.items()
        if other != model
    }


def _history(data, origin, artists):
    """The plays, downloads and collects of ``artists`` through ``origin``."""
    tables = ("plays", "downloads", "collects")
    return ContestData(
        **{k: getattr(data, k).loc[:origin, artists].astype(float) for k in tables}
    )


def _run(name, forecast, history_data):
    """lstmreg's set-ups take the whole ContestData, the others the plays."""
    if name.startswith("lstmreg"):
        return forecast(history_data)
    return forecast(history_data.plays)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, help="the real daily table")
    parser.add_argument("--origins", nargs="*", default=list(ORIGINS))
    parser.add_argument("--only", nargs="*", help="names of models to run")
    parser.add_argument(
        "--halves",
        action="store_true",
        help="F/F_max of each half of the artists too (a: every other sorted "
        "id, b: the rest; the halves of research/music_budget.py)",
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="no untimed warm-up: the first models pay the process's one-time "
        "imports and compilations",
    )
    args = parser.parse_args()
    warnings.simplefilter("ignore")

    data = read_plays_table(args.data)
    plays = data.plays.astype(float)
    candidates = {**models(), **_peer_forecasts(args.only)}
    contenders = {
        name: fn
        for name, fn in candidates.items()
        if not args.only or name in args.only
    }
    if not args.cold:
        few = _history(data, args.origins[0], plays.columns[:3])
        for name, forecast in tqdm(contenders.items(), desc="warm-up (untimed)"):
            _run(name, forecast, few)
    rows, differences = [], {}
    for origin in args.origins:
        parts = {}
        history_data = _history(data, origin, plays.columns)
        history = history_data.plays
        truth = plays.loc[origin:].iloc[1 : HORIZON + 1]
        for name, forecast in tqdm(contenders.items(), desc=origin):
            start = time.perf_counter()
            predicted = _run(name, forecast, history_data)
            seconds = time.perf_counter() - start
            predicted = predicted[truth.columns].iloc[: len(truth)]
            f, m, parts[name] = score(truth, predicted, history)
            row = {"model": name, "origin": origin, "F/F_max": f, "MASE": m}
            if args.halves:  # a: every other artist by sorted id, b: the rest
                ids = sorted(truth.columns)
                for half, part in (("a", ids[0::2]), ("b", ids[1::2])):
                    row[f"F/F_max {half}"] = score(
                        truth[part], predicted[part], history[part]
                    )[0]
            rows.append({**row, "s": seconds})
            tqdm.write(
                f"{origin} {name:>24}: F/F_max {f:.4f}  MASE {m:.3f}  {seconds:.1f} s"
            )
        if "lstmreg" in parts:
            differences[origin] = paired_differences(parts, "lstmreg")
    table = pd.DataFrame(rows).pivot(index="model", columns="origin")
    table = table.loc[list(contenders)]
    if "AutoARIMA" in contenders:
        for origin in args.origins:
            table[("s / AutoARIMA", origin)] = (
                table[("s", origin)] / table.loc["AutoARIMA", ("s", origin)]
            )
    print(table.round(3).to_string())
    if differences:
        print(
            f"\nlstmreg's F/F_max minus each model's, with a {LEVEL} % paired "
            f"bootstrap interval over the {plays.shape[1]} artists "
            f"({RESAMPLES} resamples)"
        )
        print(pd.DataFrame(differences).to_string())


if __name__ == "__main__":
    main()
