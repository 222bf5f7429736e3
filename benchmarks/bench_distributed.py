"""Data-parallel processes against intra-op threads for the music model.

Fits the command line's default model (``contest_forecaster()``, fewer
epochs) on daily plays and forecasts 61 days, four ways in alternating
rounds, each in fresh processes: one process with one thread, one process
with two threads (the networks one after another in both), one process
training two networks at a time side by side, one thread each
(``n_jobs=2``, the model's default on 2 cores), and two processes of one
thread each started by ``torchrun`` (gloo), which train one model
data-parallel. Prints the median
fit + forecast seconds (inside the processes, after start-up), the wall
seconds with start-up, each as a ratio to one process with one thread, and
how far the forecasts are from that one's (the thread count alone changes
float sums, and training carries the change on).

    python benchmarks/bench_distributed.py \
        --data ../shared/data/tianchi_p2_artist_daily.csv
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np


def worker(args):
    """One contender's fit and forecast, in this process (rank 0 reports)."""
    import torch
    import torch.distributed as dist

    from lstmreg import contest_forecaster, forecast_plays, read_plays_table

    torch.set_num_threads(args.threads)
    if args.distributed:
        dist.init_process_group("gloo")
    data = read_plays_table(args.data)
    model = contest_forecaster(random_state=0, max_epochs=args.epochs)
    model.estimator.set_params(lstm__n_threads=args.threads, lstm__n_jobs=args.jobs)
    start = time.perf_counter()
    forecast = forecast_plays(model, data, (), 61)
    seconds = time.perf_counter() - start
    if not args.distributed or dist.get_rank() == 0:
        np.save(args.out, forecast.to_numpy())
        Path(f"{args.out}.json").write_text(json.dumps({"seconds": seconds}))


def _run(name, args, out):
    command = [__file__, "--worker", "--data", args.data, "--epochs", str(args.epochs)]
    command += ["--out", str(out)]
    if name == "1 process, 2 threads":
        command = [sys.executable, *command, "--threads", "2"]
    elif name == "1 process, side by side":
        command = [sys.executable, *command, "--threads", "1", "--jobs", "2"]
    elif name == "1 process, 1 thread":
        command = [sys.executable, *command, "--threads", "1"]
    else:
        command = [
            *(sys.executable, "-m", "torch.distributed.run", "--standalone"),
            *("--nproc_per_node", "2", *command, "--threads", "1", "--distributed"),
        ]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    wall = time.perf_counter() - start
    inside = json.loads(Path(f"{out}.json").read_text())["seconds"]
    return inside, wall, np.load(f"{out}.npy")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", help="a daily plays table (default: generated)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--distributed", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--threads", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args)
    folder = Path(tempfile.mkdtemp())
    if args.data is None:
        from lstmreg import generate_contest_data

        files = generate_contest_data(folder / "data", 100, seed=0, tables="daily")
        args.data = files["daily"]
    names = (
        "1 process, 1 thread",
        "1 process, 2 threads",
        "1 process, side by side",
        "2 processes x 1 thread",
    )
    runs = {name: [] for name in names}
    for r in range(args.rounds):
        for i, name in enumerate(names):
            runs[name].append(_run(name, args, folder / f"run{r}_{i}"))
    base_inside = statistics.median(run[0] for run in runs[names[0]])
    base_wall = statistics.median(run[1] for run in runs[names[0]])
    reference = runs[names[0]][0][2]
    print(f"{args.epochs} epochs, median of {args.rounds} rounds")
    print(
        f"{'contender':<24} {'fit s':>7} {'ratio':>6} {'wall s':>7} {'ratio':>6}"
        "  mean |forecast - 1 process's| / mean |1 process's|"
    )
    for name in names:
        inside = statistics.median(run[0] for run in runs[name])
        wall = statistics.median(run[1] for run in runs[name])
        drift = np.abs(runs[name][0][2] - reference).mean() / np.abs(reference).mean()
        print(
            f"{name:<24} {inside:7.1f} {inside / base_inside:6.2f} "
            f"{wall:7.1f} {wall / base_wall:6.2f}  {drift:.4f}"
        )


if __name__ == "__main__":
    main()
