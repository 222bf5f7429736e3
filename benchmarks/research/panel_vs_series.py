"""Research: one global network for many series, or one network per series?

The user guide says global training across series is what made neural
forecasters competitive in the M4 competition. This script measures it on
the real series of ``bench_accuracy.py``, on validation tails only
(``--offsets 1 2`` drops one or two horizons first; the test tail is never
read): the series of a corpus that share a seasonal period and a horizon (a
competition's type: 25 yearly, 25 quarterly, ...) are fitted by
``WindowForecaster(sp=sp, random_state=0)`` as one panel, against the same
forecaster fitted on each series alone. Set-ups:

* ``series``: the default on each series alone (what ``bench_accuracy.py``
  scores); ``series net``: its network alone (``combine_with=None``);
* ``panel``: the default on the group as one panel: one global network, and
  AutoARIMA and AutoETS estimated on each series (they are local);
  ``panel net``: the global network alone;
* ``padded net``: the global network with every series shorter than the
  group's median length left-padded with its first value up to it, since a
  panel's lookback and calibration tail are sized by its shortest series
  (one short series shortens the lookback of all); ``padded``: its median
  with AutoARIMA and AutoETS fitted on the series as they are;
* ``AutoARIMA``, ``AutoETS``: statsforecast's, as ``bench_accuracy.py`` runs
  them.

Prints each set-up's mean and median MASE and the geometric mean of its
ratios to AutoARIMA's; ``--csv`` writes the scores in the format of
``explore_single_series.py`` for ``pool_validation.py``.

    python benchmarks/research/panel_vs_series.py --corpus M3 --offsets 1 2 --csv M3.csv
    # and --corpus M1, R, packages; --corpus plays --data PATH (a few minutes
    # to ten a corpus and offset)
    python benchmarks/research/pool_validation.py M3.csv M1.csv R.csv packages.csv \\
        plays.csv --models series panel padded
"""

import argparse
import sys
import warnings
from pathlib import Path

# bench_accuracy.py's corpora and statsforecast runner live one folder up
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
import pandas as pd
from bench_accuracy import _statsforecast
from corpora import CORPORA, cut, load
from explore_single_series import relative_to_arima  # this folder

from lstmreg import WindowForecaster, mase


def _forecast(y, sp, horizon, combine_with="auto"):
    """The default forecaster's forecasts of ``y`` (a series or a panel)."""
    forecaster = WindowForecaster(sp=sp, random_state=0, combine_with=combine_with)
    return forecaster.fit(y, fh=list(range(1, horizon + 1))).predict()


def _panel(histories, length=0):
    """The histories as one panel ending at the same time point, each
    left-padded with its first value to at least ``length`` points."""
    end = max(len(v) for v in histories)  # padding stops at the median
    parts = []
    for j, values in enumerate(histories):
        if len(values) < length:
            values = np.concatenate([np.full(length - len(values), values[0]), values])
        index = pd.MultiIndex.from_arrays(
            [[f"s{j}"] * len(values), np.arange(end - len(values), end)],
            names=["series", "time"],
        )
        parts.append(pd.DataFrame({"y": values}, index=index))
    return pd.concat(parts)


def _group(members, sp, horizon):
    """Every set-up's forecasts of one group's validation tails."""
    from statsforecast.models import AutoARIMA, AutoETS

    histories = [y.to_numpy()[:-horizon] for _, y in members]
    median_length = int(np.median([len(v) for v in histories]))
    panel = _panel(histories)
    padded = _panel(histories, median_length)
    own = {
        "panel": _forecast(panel, sp, horizon),
        "panel net": _forecast(panel, sp, horizon, None),
        "padded net": _forecast(padded, sp, horizon, None),
    }
    out = {}
    for j, (name, y) in enumerate(members):
        train = y.iloc[:-horizon]
        forecasts = {k: v.loc[f"s{j}", "y"].to_numpy() for k, v in own.items()}
        forecasts["series"] = _forecast(train, sp, horizon).to_numpy()
        forecasts["series net"] = _forecast(train, sp, horizon, None).to_numpy()
        for model in (AutoARIMA(season_length=sp), AutoETS(season_length=sp)):
            forecasts[repr(model)] = _statsforecast(model, train, horizon)
        median_of = ("padded net", "AutoARIMA", "AutoETS")
        forecasts["padded"] = np.median([forecasts[k] for k in median_of], axis=0)
        out[name] = (train.to_numpy(), y.to_numpy()[-horizon:], forecasts)
    return out


def run(corpus, offset):
    """(series, model, MASE) of every set-up at one offset."""
    groups = {}
    for name, y, sp, horizon in cut(corpus, offset):
        groups.setdefault((sp, horizon), []).append((name, y))
    rows = []
    for (sp, horizon), members in groups.items():
        for name, (train, test, forecasts) in _group(members, sp, horizon).items():
            season = sp if len(train) > sp else 1
            for model, pred in forecasts.items():
                score = mase(test, pred, y_train=train, sp=season)
                rows.append({"series": name, "model": model, "MASE": score})
    return pd.DataFrame(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", choices=CORPORA, default="M3")
    parser.add_argument("--offsets", nargs="+", type=int, default=[1, 2])
    parser.add_argument("--data", help="with --corpus plays: the plays table's path")
    parser.add_argument("--csv", help="also write every offset's scores here")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    if min(args.offsets) < 1:
        parser.error("--offsets must be >= 1: the test tail is not for choosing")
    corpus = load(args.corpus, 25, 0.0, args.data)
    frames = []
    for offset in args.offsets:
        scores = run(corpus, offset)
        frames.append(scores.assign(offset=offset))
        if args.csv:
            pd.concat(frames).to_csv(args.csv, index=False)
        table = scores.pivot(index="series", columns="model", values="MASE")
        order = ["series", "panel", "padded", "series net", "panel net", "padded net"]
        order += ["AutoARIMA", "AutoETS"]
        summary = pd.DataFrame(
            {
                "mean MASE": table.mean(),
                "median MASE": table.median(),
                "geo / ARIMA": relative_to_arima(table),
            }
        ).loc[order]
        print(f"\n{args.corpus}, {offset} horizon(s) early: {len(table)} series")
        print(summary.round(3).to_string())


if __name__ == "__main__":
    main()
