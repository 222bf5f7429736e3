"""Backtest fast path: fit once and forecast every fold, vs refit per fold.

On generated contest data (50 artists, 183 days), ``compare`` backtests the
command line's LSTM over ``--folds`` rolling origins of ``--horizon`` days
twice in one run — ``refit_every=1`` (a fresh fit at every origin) and
``refit_every=0`` (one fit on the first fold, then one batched
``predict_from`` over all origins) — and prints the seconds of each, the
speed-up, and the mean MASE of each, so the price in accuracy is visible.

    python benchmarks/bench_backtest.py          # ~3 minutes on 2 CPUs
"""

import argparse
import tempfile
import time
import warnings

from lstmreg import (
    compare,
    contest_forecaster,
    generate_contest_data,
    read_contest_data,
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--artists", type=int, default=50)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--horizon", type=int, default=14)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    folder = tempfile.mkdtemp()
    generate_contest_data(folder, n_artists=args.artists, seed=0)
    y = read_contest_data(folder).plays.astype(float)
    rows = {}
    for refit_every in (1, 0):
        start = time.perf_counter()
        result = compare(
            y,
            {"LSTM": contest_forecaster()},
            horizon=args.horizon,
            n_folds=args.folds,
            refit_every=refit_every,
            baselines=False,
            verbose=False,
        )
        rows[refit_every] = (
            time.perf_counter() - start,
            result.scores["MASE"].mean(),
        )
    (every, mase_every), (never, mase_never) = rows[1], rows[0]
    print(f"{args.artists} artists, {args.folds} folds of {args.horizon} days")
    print(f"refit every fold : {every:7.1f} s   mean MASE {mase_every:.3f}")
    print(f"fit once, batched: {never:7.1f} s   mean MASE {mase_never:.3f}")
    print(f"speed-up: {every / never:.2f}x")


if __name__ == "__main__":
    main()
