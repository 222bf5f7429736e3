"""torch's intra-op threads for the music model: 1 against 2, idle and loaded.

Fits the command line's default model (``contest_forecaster()``, fewer
epochs) on daily plays and forecasts 61 days, with ``n_threads=1`` and
``n_threads=2`` in alternating rounds, first with the machine otherwise idle,
then with another process keeping one core busy (as on a shared server or
a laptop). Prints the median seconds and the ratio, 2 threads to 1.

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


def _seconds(data, n_threads, epochs):
    model = contest_forecaster(random_state=0, max_epochs=epochs)
    model.estimator.set_params(lstm__n_threads=n_threads)
    start = time.perf_counter()
    forecast_plays(model, data, (), 61)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", help="a daily plays table (default: generated)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=6)
    args = parser.parse_args()
    path = args.data
    if path is None:
        folder = tempfile.mkdtemp()
        path = generate_contest_data(folder, 100, seed=0, tables="daily")["daily"]
    data = read_plays_table(path)
    print(
        f"{data.plays.shape[1]} artists x {len(data.plays)} days, "
        f"{args.epochs} epochs, median of {args.rounds} rounds"
    )
    for load in ("idle", "one core busy"):
        stop = multiprocessing.Event()
        spinner = multiprocessing.Process(target=_spin, args=(stop,))
        if load != "idle":
            spinner.start()
        times = {1: [], 2: []}
        try:
            for _ in range(args.rounds):
                for n in (1, 2):
                    times[n].append(_seconds(data, n, args.epochs))
        finally:
            stop.set()
            if spinner.is_alive():
                spinner.join()
        one, two = (statistics.median(times[n]) for n in (1, 2))
        print(
            f"{load:>14}: 1 thread {one:6.1f} s, 2 threads {two:6.1f} s, "
            f"2 threads / 1 thread = {two / one:.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
