"""Scale: 1,000 artists x 183 days, one global model, end to end.

Generates the contest-format tables for ``--artists`` artists once (not
timed; kept under ``--folder`` for later runs while the generator's code
stays the same), then in a fresh process reads them, fits one global LSTM
(``contest_forecaster``, the command line's model, with the ``--settings``
overrides), forecasts the 61 days and writes the submission. Prints the time
of each step, the total, the peak resident memory, and the contest score
F / F_max against the generated truth; with ``--arima``, statsforecast's
AutoARIMA (season 7) forecasts the same series in the same process, timed
and scored beside it.

    python benchmarks/bench_scale.py --arima            # ~12 minutes on 2 CPUs
    python benchmarks/bench_scale.py --model writeup    # the recursive network
    python benchmarks/bench_scale.py --settings '{"ensemble_size": 3}'
"""

import argparse
import hashlib
import inspect
import json
import subprocess
import sys
import time
from pathlib import Path

from lstmreg import contest_forecaster

RUNNER = """
import json, resource, sys, time
import numpy as np
from pathlib import Path
from lstmreg import (contest_forecaster, contest_score, forecast_plays,
                     read_contest_data, read_plays_table, read_submission,
                     write_submission)
folder, kind, settings, arima = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
settings = json.loads(settings)
times = {}
start = time.perf_counter()
if (Path(folder) / "artist_daily.csv").is_file():
    data = read_plays_table(Path(folder) / "artist_daily.csv")
    data.truth = read_submission(Path(folder) / "mars_tianchi_artist_plays_truth.csv")
else:
    data = read_contest_data(folder)
times["read"] = time.perf_counter() - start
y = data.plays.astype(np.float64)
model = contest_forecaster(kind, **settings)
step = time.perf_counter()
forecast = forecast_plays(model, data, horizon=61)  # the command line's call
times["fit + forecast"] = time.perf_counter() - step
step = time.perf_counter()
write_submission(forecast, folder + "/mars_tianchi_artist_plays_predict.csv")
times["write"] = time.perf_counter() - step
times["total"] = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
truth = data.truth.reindex(index=forecast.index, columns=forecast.columns)
ok = (truth > 0).all().to_numpy()
def score(values):
    return contest_score(truth.to_numpy().T[ok], values.T[ok], normalize=True)
median = np.tile(y.iloc[-14:].median().to_numpy(), (61, 1))
scores = {"LSTM": score(forecast.to_numpy()), "moving median 14 days": score(median)}
if arima == "yes":
    from statsforecast import StatsForecast
    from statsforecast.models import AutoARIMA
    step = time.perf_counter()
    frame = y.melt(ignore_index=False, var_name="unique_id", value_name="y")
    frame = frame.rename_axis("ds").reset_index()
    out = StatsForecast(models=[AutoARIMA(season_length=7)], freq="D", n_jobs=1)
    out = out.forecast(df=frame, h=61).pivot(index="ds", columns="unique_id",
                                             values="AutoARIMA")
    times["AutoARIMA fit + forecast"] = time.perf_counter() - step
    scores["AutoARIMA"] = score(out[forecast.columns].clip(lower=0).to_numpy())
lstm = model.estimator_[-1]
print(json.dumps({"times": times, "peak_mib": peak, "rows": data.report.rows,
                  "artists": y.shape[1], "epochs": lstm.n_epochs_,
                  "steps": sum(len(e["batches"]) for e in lstm.net_.history),
                  "nets": lstm.ensemble_size, "scores": scores,
                  "scored": int(ok.sum())}))
"""


def _generate_daily(folder, n_artists, chunk=1000):
    """The daily plays table and truth of ``n_artists`` generated artists,
    written ``chunk`` artists (one generator seed) at a time."""
    import shutil

    from tqdm.auto import tqdm

    from lstmreg import generate_contest_data

    start = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    names = ("artist_daily.csv", "mars_tianchi_artist_plays_truth.csv")
    parts = folder / "part"
    with open(folder / names[0], "wb") as daily, open(folder / names[1], "wb") as truth:
        for seed in tqdm(range(0, n_artists, chunk), desc="generate", unit="chunk"):
            files = generate_contest_data(
                parts,
                min(chunk, n_artists - seed),
                seed=seed,
                scale=30.0,
                tables="daily",
                overwrite=True,
            )
            with open(files["daily"], "rb") as part:
                if seed:
                    part.readline()  # one header
                shutil.copyfileobj(part, daily)
            with open(files["truth"], "rb") as part:
                shutil.copyfileobj(part, truth)
    shutil.rmtree(parts)
    print(f"generated in {time.perf_counter() - start:.0f} s (not timed below)")


def _generator_version():
    """A fingerprint of the generator's code."""
    from lstmreg.contest import _generate

    return hashlib.sha1(inspect.getsource(_generate).encode()).hexdigest()[:8]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--artists", type=int, default=1000)
    parser.add_argument("--model", choices=["default", "writeup"], default="default")
    parser.add_argument(
        "--settings",
        default="{}",
        help="JSON of contest_forecaster overrides, e.g. '{\"ensemble_size\": 3}'",
    )
    parser.add_argument(
        "--arima", action="store_true", help="time AutoARIMA on the same series"
    )
    parser.add_argument(
        "--daily",
        action="store_true",
        help="read a daily plays table instead of the raw action tables: "
        "generated 1,000 artists at a time (for 100,000 artists)",
    )
    parser.add_argument("--folder", default="/tmp/lstmreg_bench_scale")
    args = parser.parse_args()
    contest_forecaster(args.model, **json.loads(args.settings))  # refuse typos now
    # tables cached by another version of the generator are not reused
    folder = Path(args.folder) / (
        f"{args.artists}{'_daily' if args.daily else ''}_{_generator_version()}"
    )
    if args.daily:
        if not (folder / "artist_daily.csv").is_file():
            _generate_daily(folder, args.artists)
    elif not (folder / "mars_tianchi_user_actions.csv").is_file():
        from lstmreg import generate_contest_data

        start = time.perf_counter()
        # the level of the figures in docs/performance.rst (the default level
        # writes 8x more rows); artists of 30 plays a day are rougher than
        # most real ones, so the F / F_max printed is a check, not the
        # contest's accuracy
        generate_contest_data(folder, n_artists=args.artists, scale=30.0, verbose=True)
        print(f"generated in {time.perf_counter() - start:.0f} s (not timed below)")
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            RUNNER,
            str(folder),
            args.model,
            args.settings,
            "yes" if args.arima else "no",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    r = json.loads(out.stdout.strip().splitlines()[-1])
    print(
        f"{r['artists']} artists x 183 days ({r['rows']:,} action rows), "
        f"{args.model} model {args.settings}: {r['nets']} network(s), "
        f"{r['epochs']} epochs, {r['steps']} steps each"
    )
    for step, seconds in r["times"].items():
        print(f"{step:>26}: {seconds:7.1f} s")
    if args.arima:
        ratio = r["times"]["total"] / r["times"]["AutoARIMA fit + forecast"]
        print(f"{'total / AutoARIMA':>26}: {ratio:7.2f}")
    print(f"{'peak memory':>26}: {r['peak_mib']:7.0f} MiB")
    scores = ", ".join(f"{name} {value:.4f}" for name, value in r["scores"].items())
    print(f"F / F_max on the 61 true days ({r['scored']} artists): {scores}")


if __name__ == "__main__":
    main()
