"""The lstmreg command, run in-process and as the installed entry point."""

import shutil
import subprocess

import pandas as pd
import pytest

from lstmreg import contest_forecaster, read_submission
from lstmreg.contest._cli import main

FAST = ["--epochs", "2", "--batch-size", "256", "--horizon", "7"]


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    assert main(["generate", str(folder), "--artists", "3", "--scale", "8"]) == 0
    return folder


def test_generate_writes_the_three_files(data):
    names = sorted(p.name for p in data.iterdir())
    assert names == [
        "mars_tianchi_artist_plays_truth.csv",
        "mars_tianchi_songs.csv",
        "mars_tianchi_user_actions.csv",
    ]


def test_forecast_writes_submission_plots_and_score(data, tmp_path, capsys):
    assert main(["forecast", str(data), "--out", str(tmp_path), *FAST]) == 0
    submission = read_submission(tmp_path / "mars_tianchi_artist_plays_predict.csv")
    assert submission.shape == (7, 3)
    assert submission.index[0] == pd.Timestamp("2015-08-31")
    assert (submission >= 0).all().all()
    assert len(list((tmp_path / "plots").glob("*.png"))) == 3
    assert (tmp_path / "forecast.png").stat().st_size > 10_000
    out = capsys.readouterr().out
    assert "F / F_max of LSTM (writeup):" in out
    assert "F / F_max of moving median, 14 days:" in out


def test_forecast_without_data_generates_the_default(tmp_path, capsys, monkeypatch):
    import lstmreg.contest._cli as cli

    monkeypatch.setattr(cli, "DEFAULT_ARTISTS", 2)
    args = ["forecast", "--out", str(tmp_path), "--model", "default", *FAST]
    assert main(args) == 0
    assert (tmp_path / "data" / "mars_tianchi_songs.csv").is_file()
    assert "generating 2 artists" in capsys.readouterr().out


def test_compare_prints_and_writes_the_table(data, tmp_path, capsys):
    args = ["compare", str(data), "--out", str(tmp_path), "--folds", "2", *FAST]
    assert main(args) == 0
    scores = pd.read_csv(tmp_path / "compare_scores.csv")
    assert set(scores["model"]) == {
        "LSTM (writeup)",
        "AutoARIMA",
        "AutoETS",
        "SeasonalNaive",
        "MovingMedian",
    }
    assert len(scores) == 5 * 3 * 2
    # the truth extends the series: the last fold ends on its last day
    assert scores["cutoff"].max() == "2015-10-23"
    assert (tmp_path / "compare.png").stat().st_size > 10_000
    assert "MASE / AutoARIMA" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["forecast", "/no/such/dir", "--out", "{tmp}"], "no such file or directory"),
        (["compare", "{tmp}", "--out", "{tmp}/out"], "mars_tianchi_songs.csv: no such"),
    ],
)
def test_bad_paths_give_one_line_and_exit_code_2(tmp_path, capsys, argv, message):
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["forecast", "--out", "x", "--horizon", "0"],
        ["forecast", "--out", "x", "--model", "keras"],
        ["generate", "x", "--artists", "many"],
        ["forecast"],
        ["dance"],
    ],
)
def test_bad_arguments_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    assert "usage: lstmreg" in capsys.readouterr().err


def test_entry_point_help_and_errors(tmp_path):
    exe = shutil.which("lstmreg")
    if exe is None:
        pytest.skip("the package is not installed with its entry point")
    for command in ("generate", "forecast", "compare"):
        done = subprocess.run(
            [exe, command, "--help"], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0
        assert f"usage: lstmreg {command}" in done.stdout
    done = subprocess.run(
        [exe, "forecast", str(tmp_path / "missing"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("lstmreg forecast: error:")
    assert "Traceback" not in done.stderr


def test_contest_forecaster_rejects_unknown_models():
    with pytest.raises(ValueError, match="`model` must be 'default' or 'writeup'"):
        contest_forecaster("keras")
