"""Scale: 1,000 artists x 183 days, one global model, end to end.

Generates the contest-format tables for ``--artists`` artists once (not
timed), then in a fresh process reads them, fits one global LSTM
(``contest_forecaster`` with larger batches and fewer epochs:
``--batch-size 256 --epochs 12``), forecasts the 61 days and writes the
submission. Prints the time of each step, the total, the peak resident
memory, and the contest score F / F_max against the generated truth.

    python benchmarks/bench_scale.py                    # ~7 minutes on 2 CPUs
    python benchmarks/bench_scale.py --model writeup    # the recursive network
    python benchmarks/bench_scale.py --ensemble 3       # 3 networks instead of 5
"""

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from lstmreg import contest_forecaster

RUNNER = """
import json, resource, sys, time
import numpy as np
from lstmreg import (contest_forecaster, contest_score, read_contest_data,
                     write_submission)
folder, kind = sys.argv[1], sys.argv[4]
epochs, batch, nets = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[5])
times = {}
start = time.perf_counter()
data = read_contest_data(folder)
times["read"] = time.perf_counter() - start
y = data.plays.astype(np.float64)
model = contest_forecaster(kind, max_epochs=epochs, batch_size=batch,
                           ensemble_size=nets)
step = time.perf_counter()
model.fit(y, fh=np.arange(1, 62))
times["fit"] = time.perf_counter() - step
step = time.perf_counter()
forecast = model.predict()
write_submission(forecast, folder + "/mars_tianchi_artist_plays_predict.csv")
times["forecast + write"] = time.perf_counter() - step
times["total"] = time.perf_counter() - start
truth = data.truth.reindex(index=forecast.index, columns=forecast.columns)
ok = (truth > 0).all().to_numpy()
score = contest_score(truth.to_numpy().T[ok], forecast.to_numpy().T[ok],
                      normalize=True)
median = np.tile(y.iloc[-14:].median().to_numpy(), (61, 1))
baseline = contest_score(truth.to_numpy().T[ok], median.T[ok], normalize=True)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"times": times, "peak_mib": peak, "rows": data.report.rows,
                  "artists": y.shape[1], "windows_epochs": len(model.estimator_[-1]
                  .net_.history), "score": score, "median": baseline,
                  "scored": int(ok.sum()), "nets": nets}))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--artists", type=int, default=1000)
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--model", choices=["default", "writeup"], default="default")
    parser.add_argument(
        "--ensemble", type=int, help="networks of the ensemble (default: the preset's)"
    )
    parser.add_argument("--folder", default="/tmp/lstmreg_bench_scale")
    args = parser.parse_args()
    folder = Path(args.folder) / str(args.artists)
    if not (folder / "mars_tianchi_user_actions.csv").is_file():
        from lstmreg import generate_contest_data

        start = time.perf_counter()
        # the level of the figures in docs/performance.rst (before the
        # generator's calibration to real data, whose default level is 8x more
        # rows); the windows the model sees are level-free
        generate_contest_data(folder, n_artists=args.artists, scale=30.0, verbose=True)
        print(f"generated in {time.perf_counter() - start:.0f} s (not timed below)")
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            RUNNER,
            str(folder),
            str(args.epochs),
            str(args.batch_size),
            args.model,
            str(
                args.ensemble
                or contest_forecaster(args.model).estimator[-1].ensemble_size
            ),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    r = json.loads(out.stdout.strip().splitlines()[-1])
    print(
        f"{r['artists']} artists x 183 days ({r['rows']:,} action rows), "
        f"{args.model} model, {r['windows_epochs']} epochs of batch {args.batch_size}, "
        f"{r['nets']} network(s)"
    )
    for step, seconds in r["times"].items():
        print(f"{step:>18}: {seconds:7.1f} s")
    print(f"{'peak memory':>18}: {r['peak_mib']:7.0f} MiB")
    print(
        f"F / F_max on the 61 true days ({r['scored']} artists): "
        f"LSTM {r['score']:.4f}, moving median 14 days {r['median']:.4f}"
    )


if __name__ == "__main__":
    main()
