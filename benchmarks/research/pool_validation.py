"""Pool validation scores of several samples into one verdict per set-up.

Reads the ``--csv`` files of ``explore_single_series.py`` runs (validation
tails only: that script refuses offset 0) and prints, per sample (a file and
an offset), every set-up's mean and median MASE and the geometric mean of
its ratios to AutoARIMA's MASE; then over all samples: that geometric mean
with every sample weighted equally and with every tail weighted equally,
and how many tails are worse than twice the better of AutoARIMA and
AutoETS. A set-up that beats AutoARIMA on a typical series of every kind
has ratios below 1 throughout; one that wins only where it was tuned does
not.

``--against SETUP`` adds every set-up's pooled ratio (samples equal) over
that one's, with a 90 % interval from a paired bootstrap that resamples
each sample's tails (the same tails for both set-ups, every sample keeping
its size and its equal weight): where it spans 1, the verdict's tails
cannot tell the two apart (the networks' seed adds its own spread).

    python benchmarks/research/pool_validation.py packages.csv R.csv M3.csv M1.csv \\
        plays0.csv plays5.csv --models AutoARIMA AutoETS net+ARIMA median3
    python benchmarks/research/pool_validation.py ... --against median3
"""

import argparse
import sys
from pathlib import Path

# the benchmarks' shared modules (bootstrap) are one folder up
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
import pandas as pd
from bootstrap import LEVEL, interval, resampled_rows
from explore_single_series import log_ratios_to_arima, relative_to_arima


def load(paths):
    """One table of (sample, series, model, MASE) from the CSV files."""
    frames = []
    for path in paths:
        scores = pd.read_csv(path)
        sample = Path(path).stem + " " + scores["offset"].astype(str)
        frames.append(scores.assign(sample=sample))
    return pd.concat(frames, ignore_index=True)


def tails_table(scores, models):
    """(sample, series) x model MASE, the tails every one of ``models`` has."""
    return scores.pivot_table(
        index=["sample", "series"], columns="model", values="MASE"
    ).dropna(subset=models)


def verdict(table, models):
    """Per-sample table and the pooled summary of a :func:`tails_table`,
    for ``models``."""
    per_sample = table.groupby(level="sample")
    by_sample = pd.concat(
        {
            "mean": per_sample.mean()[models],
            "median": per_sample.median()[models],
            "geo / ARIMA": per_sample.apply(relative_to_arima)[models],
        },
        axis=1,
    )
    logs = log_ratios_to_arima(table)[models]
    better = table[["AutoARIMA", "AutoETS"]].min(axis=1)
    pooled = pd.DataFrame(
        {
            "geo / ARIMA, samples equal": np.exp(
                logs.groupby(level="sample").mean().mean()
            ),
            "geo / ARIMA, tails equal": np.exp(logs.mean()),
            "tails > 2x better of ARIMA, ETS": (
                table[models].div(better + 1e-12, axis=0) > 2
            ).sum(),
        }
    )
    pooled.index.name = f"{len(table)} tails, {table.index.levels[0].size} samples"
    return by_sample, pooled


def against(table, models, reference):
    """Each of ``models``' pooled ratio to AutoARIMA (samples equal) over
    ``reference``'s, with a LEVEL % paired bootstrap interval over the tails
    of each sample (``bootstrap.py``; each sample's draws independent of
    the others').

    >>> index = pd.MultiIndex.from_product([["s"], ["a", "b", "c"]])
    >>> table = pd.DataFrame({"AutoARIMA": [1.0, 1.0, 1.0], "x": [0.5, 0.5, 0.5],
    ...                       "y": [1.0, 1.0, 1.0]}, index=index)
    >>> against(table, ["x"], "y").loc["x"].round(3).tolist()
    [0.5, 0.5, 0.5]
    """
    logs = log_ratios_to_arima(table)
    out = {}
    for model in models:
        differences = (logs[model] - logs[reference]).groupby(level=0)
        point, resampled = [], []
        for seed, (_, tails) in enumerate(differences):
            values = tails.to_numpy()
            point.append(values.mean())
            rows = resampled_rows(len(values), seed)  # samples drawn apart
            resampled.append(values[rows].mean(axis=1))
        low, high = interval(np.mean(resampled, axis=0))
        out[model] = np.exp([np.mean(point), low, high])
    columns = [f"over {reference}", f"{LEVEL} % from", "to"]
    return pd.DataFrame(out, index=columns).T


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("csv", nargs="+", help="explore_single_series.py --csv files")
    parser.add_argument(
        "--models",
        nargs="+",
        default=["AutoARIMA", "AutoETS", "net+ARIMA", "median3"],
        help="set-ups to compare (AutoARIMA and AutoETS are needed)",
    )
    parser.add_argument(
        "--against",
        help="also print each set-up's pooled ratio over this set-up's, with "
        f"a {LEVEL} %% paired bootstrap interval over the tails",
    )
    args = parser.parse_args()
    models = list(dict.fromkeys(["AutoARIMA", "AutoETS", *args.models]))
    if args.against is not None and args.against not in models:
        parser.error(f"--against {args.against} must be one of --models")
    table = tails_table(load(args.csv), models)
    by_sample, pooled = verdict(table, models)
    pd.set_option("display.width", 250)
    for block in ("mean", "median", "geo / ARIMA"):
        print(f"\n{block} by sample")
        print(by_sample[block].T.round(3).to_string())
    print()
    print(pooled.round(3).to_string())
    if args.against is not None:
        print()
        print(against(table, models, args.against).round(3).to_string())


if __name__ == "__main__":
    main()
