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

    python benchmarks/research/pool_validation.py packages.csv R.csv M3.csv M1.csv \\
        plays0.csv plays5.csv --models AutoARIMA AutoETS net+ARIMA median3
"""

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from explore_single_series import relative_to_arima  # this folder


def load(paths):
    """One table of (sample, series, model, MASE) from the CSV files."""
    frames = []
    for path in paths:
        scores = pd.read_csv(path)
        sample = Path(path).stem + " " + scores["offset"].astype(str)
        frames.append(scores.assign(sample=sample))
    return pd.concat(frames, ignore_index=True)


def verdict(scores, models):
    """Per-sample table and the pooled summary, for ``models``."""
    table = scores.pivot_table(
        index=["sample", "series"], columns="model", values="MASE"
    ).dropna(subset=models)
    per_sample = table.groupby(level="sample")
    by_sample = pd.concat(
        {
            "mean": per_sample.mean()[models],
            "median": per_sample.median()[models],
            "geo / ARIMA": per_sample.apply(relative_to_arima)[models],
        },
        axis=1,
    )
    ratios = table[models].div(table["AutoARIMA"] + 1e-12, axis=0).clip(lower=1e-2)
    logs = np.log(ratios)
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("csv", nargs="+", help="explore_single_series.py --csv files")
    parser.add_argument(
        "--models",
        nargs="+",
        default=["AutoARIMA", "AutoETS", "net+ARIMA", "median3"],
        help="set-ups to compare (AutoARIMA and AutoETS are needed)",
    )
    args = parser.parse_args()
    models = list(dict.fromkeys(["AutoARIMA", "AutoETS", *args.models]))
    by_sample, pooled = verdict(load(args.csv), models)
    pd.set_option("display.width", 250)
    for block in ("mean", "median", "geo / ARIMA"):
        print(f"\n{block} by sample")
        print(by_sample[block].T.round(3).to_string())
    print()
    print(pooled.round(3).to_string())


if __name__ == "__main__":
    main()
