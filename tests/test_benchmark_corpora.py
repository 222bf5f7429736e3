"""``bench_accuracy.py --corpus file``: any series from a CSV file on disk.

The maintainers judge the default on held-out hourly, weekly and daily data
that is not in the repository; this reader is how such a file is scored
the same way as the corpora (statsforecast's long layout: ``unique_id``,
``ds``, ``y``). Real files in a temporary folder, no mocks. Also the
corpora's own helpers that need no package's data (weekly sums of days).
"""

import importlib.util
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _corpora():
    # loaded under its own name: the benchmarks' bare sibling imports must
    # not leak into the test session (see test_benchmarks.py)
    spec = importlib.util.spec_from_file_location(
        "_corpora_under_test", BENCHMARKS / "corpora.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


corpora = _corpora()


def _long(uid, ds, values):
    return pd.DataFrame({"unique_id": uid, "ds": ds, "y": values})


def _write(tmp_path, *frames):
    path = tmp_path / "series.csv"
    pd.concat(frames).to_csv(path, index=False)
    return path


def test_every_kind_gets_its_season_horizon_and_dates(tmp_path):
    """Check each series comes back with its values, its dates and their
    frequency, the season ``infer_sp`` gives and M4's horizon, named by
    kind and id (spaces in an id would split the report's kinds)."""
    rng = np.random.default_rng(0)
    hours = pd.date_range("2019-01-07", periods=300, freq="h")
    weeks = pd.date_range("2010-01-03", periods=120, freq="W-SUN")
    days = pd.date_range("2015-01-01", periods=90, freq="D")
    halves = pd.date_range("2019-01-07", periods=200, freq="30min")
    path = _write(
        tmp_path,
        _long("H 1", hours, rng.normal(100, 5, 300)),
        _long("W1", weeks, rng.normal(50, 5, 120)),
        _long("D1", days[::-1], np.arange(90.0)[::-1]),  # rows out of order
        _long("S1", halves, rng.normal(10, 1, 200)),
    )
    series = {name: (y, sp, h) for name, y, sp, h in corpora.file_series(path)}
    assert sorted(series) == ["daily D1", "hourly H_1", "sub-daily S1", "weekly W1"]
    assert [series[name][1:] for name in sorted(series)] == [
        (7, 14),
        (24, 48),
        (48, 96),
        (52, 13),
    ]
    y = series["daily D1"][0]
    assert y.index.equals(days)
    assert y.index.freqstr == "D"
    np.testing.assert_array_equal(y.to_numpy(), np.arange(90.0))
    assert series["weekly W1"][0].index.freqstr == "W-SUN"


def test_given_sp_and_horizon_apply_to_every_series(tmp_path):
    """Check ``--sp`` and ``--horizon`` override what the dates give, and
    make integer time points (no calendar) usable."""
    days = pd.date_range("2020-01-01", periods=60, freq="D")
    path = _write(tmp_path, _long("b", days, np.ones(60)))
    assert [(n, sp, h) for n, _, sp, h in corpora.file_series(path, 12, 6)] == [
        ("daily b", 12, 6)
    ]
    path = _write(tmp_path, _long("a", range(5, 65), np.arange(60.0)))
    ((name, y, sp, h),) = corpora.file_series(path, sp=12, horizon=6)
    assert (name, sp, h) == ("series a", 12, 6)
    assert y.index.equals(pd.RangeIndex(5, 65))


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (
            _long("x", range(40), np.ones(40)),
            "series x: its ds name no frequency to take the season and the "
            "horizon from; pass --sp and --horizon",
        ),
        (
            _long("m", pd.date_range("2020-01-01", periods=30, freq="2D"), np.ones(30)),
            "series m: its ds name no frequency to take the horizon from; "
            "pass --horizon",
        ),
        (
            _long("x", [0, 1, 2, 4, 5], np.ones(5)),
            "series x: its integer ds do not step by one",
        ),
        (
            _long(
                "g",
                pd.to_datetime(
                    ["2020-01-01", "2020-01-02", "2020-01-04", "2020-01-09"]
                ),
                np.ones(4),
            ),
            "series g: its ds are not evenly spaced",
        ),
        (
            _long("n", pd.date_range("2020-01-01", periods=30), ["1"] * 29 + ["x"]),
            "series n: y holds missing or non-numeric values",
        ),
        (
            pd.DataFrame({"id": ["a"], "ds": ["2020-01-01"], "y": [1.0]}),
            "no column unique_id; the file needs unique_id, ds and y",
        ),
        (
            _long("d", ["not a date"] * 5, np.ones(5)),
            "column ds holds neither dates nor integers",
        ),
    ],
)
def test_a_file_that_cannot_be_scored_stops_with_the_series_and_the_fix(
    tmp_path, frame, message
):
    """Check each bad file stops the run with a message naming the series
    (or column) and what to do, before any model is fitted."""
    path = _write(tmp_path, frame)
    with pytest.raises(SystemExit, match=message):
        corpora.file_series(path)


def test_sp_and_horizon_go_with_the_file_corpus_only(tmp_path):
    """Check the benchmark's command line refuses ``--sp`` for a corpus that
    sets its own, and a file corpus without ``--data``."""
    script = str(BENCHMARKS / "bench_accuracy.py")
    for options, message in [
        (["--corpus", "packages", "--sp", "3"], "--sp and --horizon go with"),
        (["--corpus", "file"], "--data goes with --corpus plays, metro or file"),
        (["--corpus", "file", "--data", "x.csv", "--horizon", "0"], "at least 1"),
    ]:
        done = subprocess.run(
            [sys.executable, script, *options],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=tmp_path,
        )
        assert done.returncode == 2, done.stderr
        assert message in done.stderr


def test_weekly_sums_and_means_leave_a_week_without_a_day_missing():
    # Monday 2024-01-01 .. Sunday 2024-02-04, with the week of 2024-01-15
    # .. 21 not recorded: that week is missing, not a sum of nothing
    days = pd.date_range("2024-01-01", "2024-02-04", freq="D")
    days = days[(days < "2024-01-15") | (days > "2024-01-21")]
    values = np.arange(len(days), dtype=float)
    # weeks end on Sundays; the first and the last are left out
    sums = corpora._weekly_sums(values, days)
    means = corpora._weekly_sums(values, days, "mean")
    np.testing.assert_array_equal(
        sums[[0, 2]], [values[7:14].sum(), values[14:21].sum()]
    )
    np.testing.assert_array_equal(
        means[[0, 2]], [values[7:14].mean(), values[14:21].mean()]
    )
    assert np.isnan(sums[1])
    assert np.isnan(means[1])
    assert len(sums) == 3
