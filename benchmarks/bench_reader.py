"""Reading a season-sized actions table: time and peak memory.

Generates contest-format tables of about 16 million action rows (1,000
artists; skipped if the folder already holds them), then reads them in a
fresh process each way, side by side in one run:

* ``read_contest_data`` — chunks of a million rows, duplicates found by row
  hashes, counts aggregated per chunk;
* the naive way — ``pandas.read_csv`` of the whole actions table, then a
  ``groupby`` (no duplicate or bad-row handling).

It prints rows, seconds and peak resident memory (ru_maxrss) of each, and
the ratios.

    python benchmarks/bench_reader.py                 # ~4 minutes on 2 CPUs
    python benchmarks/bench_reader.py --artists 200   # a smaller run
"""

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

READERS = {
    "lstmreg": """
from lstmreg import read_contest_data
data = read_contest_data(folder)
rows, used = data.report.rows, data.report.used
""",
    "naive pandas": """
import pandas as pd
actions = pd.read_csv(folder + "/mars_tianchi_user_actions.csv", header=None,
                      names=["user_id", "song_id", "gmt_create", "action_type", "Ds"])
songs = pd.read_csv(folder + "/mars_tianchi_songs.csv", header=None, usecols=[0, 1],
                    names=["song_id", "artist_id"])
merged = actions.merge(songs, on="song_id")
daily = merged.groupby(["artist_id", "Ds", "action_type"]).size()
rows = used = len(actions)
""",
}

RUNNER = """
import json, resource, sys, time
folder = sys.argv[1]
start = time.perf_counter()
{body}
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MiB on Linux
print(json.dumps({{"rows": rows, "used": used, "seconds": seconds, "peak_mib": peak}}))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--artists", type=int, default=1000)
    parser.add_argument("--scale", type=float, default=42.0)
    parser.add_argument("--folder", default="/tmp/lstmreg_bench_reader")
    args = parser.parse_args()
    folder = Path(args.folder) / f"{args.artists}_{args.scale:g}"
    if not (folder / "mars_tianchi_user_actions.csv").is_file():
        from lstmreg import generate_contest_data

        start = time.perf_counter()
        generate_contest_data(
            folder, n_artists=args.artists, scale=args.scale, verbose=True
        )
        print(f"generated in {time.perf_counter() - start:.0f} s")
    size = (folder / "mars_tianchi_user_actions.csv").stat().st_size / 2**20
    results = {}
    for name, body in READERS.items():
        out = subprocess.run(
            [sys.executable, "-c", RUNNER.format(body=body), str(folder)],
            capture_output=True,
            text=True,
            check=True,
        )
        results[name] = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"\nactions file: {size:,.0f} MiB")
    print(f"{'reader':<14}{'rows':>13}{'used':>13}{'seconds':>10}{'peak MiB':>10}")
    for name, r in results.items():
        print(
            f"{name:<14}{r['rows']:>13,}{r['used']:>13,}"
            f"{r['seconds']:>10.1f}{r['peak_mib']:>10.0f}"
        )
    ours, naive = results["lstmreg"], results["naive pandas"]
    print(
        f"\nlstmreg / naive: time {ours['seconds'] / naive['seconds']:.2f}x, "
        f"peak memory {ours['peak_mib'] / naive['peak_mib']:.2f}x"
    )


if __name__ == "__main__":
    main()
