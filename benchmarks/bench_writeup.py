"""The write-up's network against the library default, by the contest score.

For several seeds of generated contest data (50 artists, 183 days of
history, 61 true days after it), fits both ``contest_forecaster`` set-ups —
``"default"`` (the library's direct strategy: all 61 days at once) and
``"writeup"`` (the write-up's recursive roll-out with the 3-day mean and
variance recomputed from the forecasts) — with the command line's budget (60
epochs of 64 windows), and scores them and the 14-day moving median by
F / F_max on the true days. Prints the table, the means and the fit times.

    python benchmarks/bench_writeup.py            # ~5 minutes on 2 CPUs
"""

import argparse
import tempfile
import time

import numpy as np
import pandas as pd

from lstmreg import (
    contest_forecaster,
    contest_score,
    generate_contest_data,
    read_contest_data,
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--artists", type=int, default=50)
    args = parser.parse_args()
    rows = []
    for seed in args.seeds:
        folder = tempfile.mkdtemp()
        generate_contest_data(folder, n_artists=args.artists, seed=seed)
        data = read_contest_data(folder)
        y = data.plays.astype(float)
        truth = data.truth[y.columns]
        ok = (truth > 0).all().to_numpy()

        def score(forecast, truth=truth, ok=ok):
            return contest_score(
                truth.to_numpy().T[ok], np.asarray(forecast).T[ok], normalize=True
            )

        median = np.tile(y.iloc[-14:].median().to_numpy(), (len(truth), 1))
        rows.append({"seed": seed, "model": "moving median", "F/F_max": score(median)})
        for model in ("default", "writeup"):
            start = time.perf_counter()
            forecaster = contest_forecaster(model, random_state=0)
            forecast = forecaster.fit(y, fh=np.arange(1, 62)).predict()
            seconds = time.perf_counter() - start
            rows.append(
                {"seed": seed, "model": model, "F/F_max": score(forecast), "s": seconds}
            )
    table = pd.DataFrame(rows)
    print(table.pivot(index="seed", columns="model", values="F/F_max").round(4))
    summary = table.groupby("model").agg({"F/F_max": "mean", "s": "mean"})
    print(f"\nmean over {len(args.seeds)} seeds\n{summary.round(4)}")


if __name__ == "__main__":
    main()
