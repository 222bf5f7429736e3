"""Threads for the music model: one, two intra-op, or two networks side by side.

Fits the command line's default model (``contest_forecaster()``) on daily
plays and forecasts 61 days three ways in alternating rounds: its five
networks one after another on one thread (``n_jobs=1, n_threads=1``), one
after another on two intra-op threads (``n_jobs=1, n_threads=2``: torch's
default on 2 cores, and how the model trained before its networks went
side by side), and two at a time, one thread each (``n_jobs=2``, what the
default ``n_jobs=-1`` does on 2 cores) — first with the machine
otherwise idle, then with another process keeping one core busy (as on a
shared server or a laptop). Prints the median seconds and each ratio to
one thread.

    python benchmarks/bench_threads.py
    python benchmarks/bench_threads.py --data ../shared/data/tianchi_p2_artist_daily.csv
"""

import argparse
import multiprocessing
import statistics
import tempfile
import time

from lstmreg import (
    contest_forecaster,
    forecast_plays,
    generate_contest_data,
    read_plays_table,
)


def _spin(stop):
    while not stop.is_set():
        pass


# name: (n_jobs, n_threads)
CONTENDERS = {
    "1 thread": (1, 1),
    "2 intra-op threads": (1, 2),
    "2 networks side by side": (2, 1),
}


def _seconds(data, n_jobs, n_threads, epochs):
    settings = {} if epochs is None else {"max_epochs": epochs}
    model = contest_forecaster(
        random_state=0, n_jobs=n_jobs, n_threads=n_threads, **settings
    )
    start = time.perf_counter()
    forecast_plays(model, data, (), 61)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", help="a daily plays table (default: generated)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--epochs", type=int, help="fewer epochs than the default model's 30"
    )
    args = parser.parse_args()
    path = args.data
    if path is None:
        folder = tempfile.mkdtemp()
        path = generate_contest_data(folder, 100, seed=0, tables="daily")["daily"]
    data = read_plays_table(path)
    print(
        f"{data.plays.shape[1]} artists x {len(data.plays)} days, "
        f"{args.epochs or 'the default'} epochs, median of {args.rounds} rounds"
    )
    for load in ("idle", "one core busy"):
        stop = multiprocessing.Event()
        spinner = multiprocessing.Process(target=_spin, args=(stop,))
        if load != "idle":
            spinner.start()
        times = {name: [] for name in CONTENDERS}
        try:
            for _ in range(args.rounds):
                for name, (n_jobs, n_threads) in CONTENDERS.items():
                    seconds = _seconds(data, n_jobs, n_threads, args.epochs)
                    times[name].append(seconds)
        finally:
            stop.set()
            if spinner.is_alive():
                spinner.join()
        one = statistics.median(times["1 thread"])
        for name, values in times.items():
            median = statistics.median(values)
            print(
                f"{load:>14}: {name:<24} {median:6.1f} s  {median / one:5.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
