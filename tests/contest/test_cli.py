"""The lstmreg command, run in-process and as the installed entry point."""

import shutil
import subprocess

import hypothesis.strategies as st
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings

from lstmreg import (
    ContestData,
    contest_forecaster,
    contest_inputs,
    forecast_plays,
    read_submission,
)
from lstmreg.contest._cli import main

FAST = ["--epochs", "2", "--batch-size", "256", "--horizon", "7"]


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    assert main(["generate", str(folder), "--artists", "3", "--scale", "8"]) == 0
    return folder


def _plays_table(path, n_days):
    """Two artists' daily plays in the submission's layout, no header."""
    days = pd.date_range("2015-03-01", periods=n_days, freq="D")
    rows = [
        f"{artist},{10 * (i + 1) + d % 7},{day:%Y%m%d}"
        for i, artist in enumerate(("a1", "b2"))
        for d, day in enumerate(days)
    ]
    path.write_text("\n".join(rows))
    return path


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
    assert "F / F_max of LSTM (default):" in out
    assert "F / F_max of moving median, 14 days:" in out
    assert "F / F_max of moving median lowered for the relative error:" in out


def test_forecast_without_data_generates_the_default(tmp_path, capsys, monkeypatch):
    import lstmreg.contest._cli as cli

    monkeypatch.setattr(cli, "DEFAULT_ARTISTS", 2)
    args = ["forecast", "--out", str(tmp_path), "--model", "default", *FAST]
    assert main(args) == 0
    written = sorted(p.name for p in (tmp_path / "data").iterdir())
    assert written == ["artist_daily.csv", "mars_tianchi_artist_plays_truth.csv"]
    out = capsys.readouterr().out
    assert "generating the daily plays of 2 artists" in out
    assert "F / F_max of LSTM (default):" in out  # scored against the truth


def test_daily_tables_hold_the_plays_the_action_rows_add_up_to(tmp_path):
    """Check generate --daily writes the raw tables' daily plays (the raw
    reader drops the rare action rows that collide on user, song and second)
    and the same truth, in a small fraction of the bytes."""
    from lstmreg import read_contest_data, read_plays_table

    assert main(["generate", str(tmp_path / "raw"), "--artists", "3"]) == 0
    assert main(["generate", str(tmp_path / "daily"), "--artists", "3", "--daily"]) == 0
    raw = read_contest_data(tmp_path / "raw")
    daily = read_plays_table(tmp_path / "daily" / "artist_daily.csv")
    gap = daily.plays - raw.plays
    assert (gap.to_numpy() >= 0).all()
    assert gap.to_numpy().sum() <= 1e-3 * raw.plays.to_numpy().sum()
    truth = "mars_tianchi_artist_plays_truth.csv"
    assert (tmp_path / "raw" / truth).read_bytes() == (
        tmp_path / "daily" / truth
    ).read_bytes()
    size = (tmp_path / "daily" / "artist_daily.csv").stat().st_size
    assert (
        size < (tmp_path / "raw" / "mars_tianchi_user_actions.csv").stat().st_size / 50
    )


def test_compare_prints_and_writes_the_table(data, tmp_path, capsys):
    args = ["compare", str(data), "--out", str(tmp_path), "--folds", "2", *FAST]
    assert main(args) == 0
    scores = pd.read_csv(tmp_path / "compare_scores.csv")
    assert set(scores["model"]) == {
        "LSTM (default)",
        "AutoARIMA",
        "AutoETS",
        "SeasonalNaive",
        "MovingMedian",
        "MovingMedian, lowered",
    }
    assert len(scores) == 6 * 3 * 2
    # the truth extends the series: the last fold ends on its last day
    assert scores["cutoff"].max() == "2015-10-23"
    assert (tmp_path / "compare.png").stat().st_size > 10_000
    assert "MASE / AutoARIMA" in capsys.readouterr().out


def test_compare_takes_one_fold_where_two_leave_too_little_history(tmp_path, capsys):
    """Check the default folds fit the model's windows: 100 days, 30 ahead,
    lookback 21, full windows only: two folds leave 40 days for the first
    (51 needed), one 70; where even one fold is too much, the message says
    what is needed. With partial windows (the default) 22 days are enough."""
    fast = ["--horizon", "30", "--epochs", "1", "--ensemble", "1"]
    table = _plays_table(tmp_path / "plays.csv", 100)
    assert main(["compare", str(table), "--out", str(tmp_path / "p"), *fast]) == 0
    assert "comparing on one fold" not in capsys.readouterr().out
    fast.append("--no-partial-windows")
    assert main(["compare", str(table), "--out", str(tmp_path / "a"), *fast]) == 0
    assert "would leave 40 days to fit the first on" in capsys.readouterr().out
    scores = pd.read_csv(tmp_path / "a" / "compare_scores.csv")
    assert set(scores["fold"]) == {0}
    assert len(scores[scores["model"] == "LSTM (default)"]) == 2
    short = _plays_table(tmp_path / "short.csv", 60)
    assert main(["compare", str(short), "--out", str(tmp_path / "b"), *fast]) == 2
    err = capsys.readouterr().err
    assert "One fold of 30 days leaves 30 of the 60 days" in err
    assert "needs at least 51" in err


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
        ["forecast", "--out", "x", "--loss", "relative_error", "--normalize", "window"],
        ["forecast", "--out", "x", "--model", "writeup", "--loss", "relative_error"],
        ["forecast", "--out", "x", "--quantile", "0.3"],
        ["forecast", "--out", "x", "--loss", "quantile", "--quantile", "1.5"],
        ["compare", "--out", "x", "--loss", "hinge"],
        ["generate", "x", "--artists", "many"],
        ["forecast", "--out", "x", "--max-plots", "-1"],
        ["forecast", "--out", "x", "--seed", "-1"],
        ["forecast", "--out", "x", "--lookback", "0"],
        ["generate", "x", "--scale", "inf"],
        ["generate", "x", "--scale", "0.5"],
        ["compare", "--out", "x", "--jobs", "0"],
        ["compare", "--out", "x", "--jobs", "-2"],
        ["forecast", "--out", "x", "--extra-inputs", "calendar", "downloads"],
        ["forecast", "--out", "x", "--extra-inputs", "weather"],
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
    """Check that unknown model names and settings are refused by name."""
    with pytest.raises(ValueError, match=r"`model` must be one of \['default'"):
        contest_forecaster("keras")
    with pytest.raises(TypeError, match=r"unknown setting\(s\) \['epochs'\]"):
        contest_forecaster(epochs=3)


def test_calendar_inputs_cover_history_and_horizon():
    """Check the calendar X: day of week from the first day to the horizon."""
    days = pd.date_range("2015-03-01", periods=30, freq="D", name="Ds")
    plays = pd.DataFrame({"a1": range(30), "b2": range(30, 60)}, index=days)
    data = ContestData(plays, plays * 0, plays * 0)
    y, X = contest_inputs(data, ["calendar"], horizon=5)
    assert y.equals(plays.astype(float))
    assert list(X.columns) == ["dayofweek_sin", "dayofweek_cos"]
    assert X.index[0] == days[0]
    assert X.index[-1] == pd.Timestamp("2015-04-04")
    sunday = X.loc["2015-03-01"].to_numpy()  # a Sunday, as every 7th day after
    assert (X.loc["2015-03-29"].to_numpy() == sunday).all()
    forecaster = contest_forecaster(
        extra_inputs=["calendar"], max_epochs=2, ensemble_size=1, hidden_sizes=(4,)
    )
    assert forecaster.covariates == "future"
    forecast = forecaster.fit(y, X=X, fh=range(1, 6)).predict(X=X)
    assert forecast.shape == (5, 2)
    assert forecast.index[0] == pd.Timestamp("2015-03-31")
    with pytest.raises(ValueError, match="`horizon` must be a positive int"):
        contest_inputs(data, ["calendar"], horizon=0)


@pytest.mark.parametrize("extra_inputs", [(), ("calendar",), ("downloads",)])
def test_forecast_plays_is_wide_whatever_the_inputs(extra_inputs):
    """Check one column per artist and the days after the history, for no X,
    known-ahead X (passed to predict; then without partial windows) and
    observed-only X (a panel inside)."""
    days = pd.date_range("2015-03-01", periods=40, freq="D", name="Ds")
    plays = pd.DataFrame(  # the artists in the data's order, not sorted
        {"b2": np.arange(40.0) % 7 + 50, "a1": np.arange(40.0) + 20}, index=days
    )
    data = ContestData(plays, plays // 4, plays * 0)
    forecaster = contest_forecaster(
        extra_inputs=extra_inputs, max_epochs=2, ensemble_size=1, hidden_sizes=(4,)
    )
    # the forecast days' calendar is not known past the end of the plays
    assert forecaster.partial_windows == (extra_inputs != ("calendar",))
    forecast = forecast_plays(forecaster, data, extra_inputs, horizon=6)
    assert list(forecast.columns) == ["b2", "a1"]
    assert forecast.index[0] == pd.Timestamp("2015-04-10")
    assert forecast.shape == (6, 2)
    assert np.isfinite(forecast.to_numpy()).all()


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.integers(0, 5), min_size=1, max_size=4),  # leading missing days
    st.randoms(use_true_random=False),
)
def test_observed_inputs_panel_is_the_stacked_frame(starts, random):
    """Check the panel of plays (and counts) against pandas' own
    stack / swaplevel / sort_index: artists sorted whatever their order,
    the days before an artist's first left out."""
    days = pd.date_range("2015-03-01", periods=6, freq="D", name="Ds")
    names = [f"a{i}" for i in range(len(starts))]
    random.shuffle(names)
    plays = pd.DataFrame(
        {
            name: [np.nan] * k + list(range(1, 7 - k))
            for name, k in zip(names, starts, strict=True)
        },
        index=days,
    )
    y, X = contest_inputs(ContestData(plays, plays * 2, plays * 3), ["downloads"])
    stacked = plays.astype(float).rename_axis(columns="artist_id").stack()
    stacked = stacked.swaplevel().sort_index()
    pd.testing.assert_series_equal(y["plays"], stacked.rename("plays"))
    pd.testing.assert_series_equal(X["downloads"], (stacked * 2).rename("downloads"))


def test_forecast_plays_fits_the_model_a_wide_frame_fits():
    """Check that the panel ``forecast_plays`` fits on (one column, not one a
    series: sktime checks columns one by one) gives the forecasts of the
    same model fitted on the wide frame of plays with the artists sorted (as
    the readers return them), in the data's order of artists."""
    days = pd.date_range("2015-03-01", periods=60, freq="D", name="Ds")
    rng = np.random.default_rng(0)
    plays = pd.DataFrame(
        rng.poisson(80, size=(60, 5)).astype(float), index=days, columns=list("ecadb")
    )
    data = ContestData(plays, plays * 0, plays * 0)

    def model():
        return contest_forecaster(max_epochs=2, ensemble_size=2, hidden_sizes=(4,))

    got = forecast_plays(model(), data, horizon=7)
    expected = model().fit(plays[sorted(plays)], fh=range(1, 8)).predict()
    pd.testing.assert_frame_equal(got, expected[plays.columns])


def test_calendar_and_counts_are_not_mixed():
    """Check that known-ahead and observed-only inputs are refused together."""
    days = pd.date_range("2015-03-01", periods=3, freq="D")
    plays = pd.DataFrame({"a1": [1, 2, 3]}, index=days)
    data = ContestData(plays, plays, plays)
    with pytest.raises(ValueError, match="cannot mix 'calendar'"):
        contest_inputs(data, ["collects", "calendar"])
    with pytest.raises(ValueError, match="cannot mix 'calendar'"):
        contest_forecaster(extra_inputs=["calendar", "downloads"])


def test_contest_forecaster_settings_override_the_preset():
    """Check that keyword settings reach the window model and the LSTM."""
    f = contest_forecaster(
        "writeup", loss="huber", lookback=9, statistics=("value",), ensemble_size=2
    )
    features, lstm = (step for _, step in f.estimator.steps)
    assert (f.lookback, f.strategy, features.statistics) == (9, "recursive", ("value",))
    assert (lstm.loss, lstm.normalize, lstm.ensemble_size) == ("huber", "window", 2)


def test_forecast_reads_a_daily_plays_table(tmp_path, capsys):
    """Check that DATA may be a plays table file, and flags reach the model."""
    days = pd.date_range("2015-03-01", periods=60, freq="D")
    rows = [
        f"{artist},{day:%Y%m%d},{10 * (i + 1) + d % 7},{d % 3},0"
        for i, artist in enumerate(["a1", "b2"])
        for d, day in enumerate(days)
    ]
    table = tmp_path / "daily.csv"
    table.write_text("\n".join(["artist_id,Ds,plays,downloads,collects", *rows]))
    argv = ["forecast", str(table), "--out", str(tmp_path / "out"), *FAST]
    argv += ["--loss", "quantile", "--quantile", "0.4", "--ensemble", "2"]
    argv += ["--extra-inputs", "downloads", "collects"]
    assert main(argv) == 0
    submission = read_submission(
        tmp_path / "out" / "mars_tianchi_artist_plays_predict.csv"
    )
    assert list(submission.columns) == ["a1", "b2"]
    assert submission.index[0] == pd.Timestamp("2015-04-30")
    assert "120 of 120 plays rows used" in capsys.readouterr().out


def test_a_short_history_names_the_lookback_and_lookback_fits_it(tmp_path, capsys):
    """Check that 70 days cannot feed 21-day windows of 61 days ahead without
    partial windows, the message says so, and --lookback makes it fit; with
    them (the default) 70 days do, and 21 days say they need 22."""
    table = _plays_table(tmp_path / "plays.csv", 70)
    argv = ["forecast", str(table), "--epochs", "2", "--ensemble", "1"]
    full = [*argv, "--no-partial-windows"]
    assert main([*full, "--out", str(tmp_path / "a")]) == 2
    err = capsys.readouterr().err
    assert "only 70 time points; with lookback 21" in err
    assert "needs at least 82" in err
    assert main([*full, "--out", str(tmp_path / "b"), "--lookback", "7"]) == 0
    assert main([*argv, "--out", str(tmp_path / "c")]) == 0
    for out in ("b", "c"):
        submission = read_submission(
            tmp_path / out / "mars_tianchi_artist_plays_predict.csv"
        )
        assert submission.shape == (61, 2)
    capsys.readouterr()
    short = _plays_table(tmp_path / "short.csv", 21)
    argv[1] = str(short)
    assert main([*argv, "--out", str(tmp_path / "d")]) == 2
    err = capsys.readouterr().err
    assert "1 known step per partial window the forecaster needs at least 22" in err
    assert "Pass a shorter `lookback`, or more history" in err


@pytest.mark.parametrize("command", ["forecast", "compare"])
def test_negative_plays_name_the_row_and_the_flags_that_take_them(
    tmp_path, capsys, command
):
    """Check that a negative play count under the log model is refused before
    any training, in one line naming the file, the artist, the day and the
    flags; that those flags forecast it; and that the table is untouched."""
    table = _plays_table(tmp_path / "plays.csv", 60)
    text = table.read_text().replace("a1,12,20150303", "a1,-5,20150303")
    table.write_text(text)
    argv = [command, str(table), "--out", str(tmp_path / "out"), *FAST]
    assert main([*argv, "--ensemble", "1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "1 negative plays (the first: -5 for artist a1 on 2015-03-03)" in err
    assert "--normalize window --loss absolute_error" in err
    assert table.read_text() == text
    if command == "forecast":
        flags = ["--normalize", "window", "--loss", "absolute_error"]
        assert main([*argv, "--ensemble", "1", *flags]) == 0


@pytest.mark.parametrize("normalize", ["window", "log", "last"])
def test_normalize_flag_reaches_the_network(normalize):
    """Check that every --normalize choice ends up in the model's LSTM."""
    from lstmreg.contest._cli import _model, build_parser

    argv = ["forecast", "--out", "x", "--normalize", normalize]
    args = build_parser().parse_args(argv)
    lstm = _model(args).estimator.named_steps["lstm"]
    assert lstm.normalize == normalize


@pytest.mark.parametrize(
    ("flag", "name", "default"),
    [("--steps", "max_steps", 300), ("--threads", "n_threads", None)],
)
def test_training_flags_reach_the_network(flag, name, default):
    """Check that forecast's --steps and --threads set the network's
    parameter, that the default keeps the model's (300 steps; torch's
    threads), and that 0 is refused."""
    from lstmreg.contest._cli import _model, build_parser

    parser = build_parser()

    def lstm(*flags):
        args = parser.parse_args(["forecast", "--out", "x", *flags])
        return _model(args).estimator.named_steps["lstm"]

    assert getattr(lstm(), name) == default
    assert getattr(lstm(flag, "7"), name) == 7
    with pytest.raises(SystemExit):
        parser.parse_args(["forecast", "--out", "x", flag, "0"])


@pytest.mark.parametrize("command", ["forecast", "compare"])
def test_shrinkage_flag_reaches_the_network(command):
    """Check that --shrinkage takes 'cross_fit' or a number in [0, 1] (none
    by default), and that a model without a baseline to shrink toward, or
    another value, is refused before any work."""
    from lstmreg.contest._cli import _model, build_parser

    parser = build_parser()

    def lstm(*flags):
        args = parser.parse_args([command, "--out", "x", *flags])
        return _model(args).estimator.named_steps["lstm"]

    assert lstm().shrinkage is None
    assert lstm("--shrinkage", "cross_fit").shrinkage == "cross_fit"
    assert lstm("--shrinkage", "0.3").shrinkage == 0.3
    for value in ("1.5", "-0.1", "nan", "auto"):
        with pytest.raises(SystemExit):
            parser.parse_args([command, "--out", "x", "--shrinkage", value])
    with pytest.raises(SystemExit):
        main([command, "--out", "x", "--model", "writeup", "--shrinkage", "0.5"])
    scope = ("--shrinkage", "cross_fit", "--shrinkage-scope", "halfway")
    assert lstm(*scope).shrinkage_scope == "halfway"
    assert lstm().shrinkage_scope == "global"
    networks = ("--shrinkage", "cross_fit", "--cross-fit-networks", "extra")
    assert lstm(*networks).cross_fit_networks == "extra"
    assert lstm().cross_fit_networks == "members"
    for flags in (("--shrinkage-scope", "series"), ("--cross-fit-networks", "extra")):
        with pytest.raises(SystemExit):  # these need the cross-fit
            main([command, "--out", "x", *flags])


@pytest.mark.parametrize("command", ["forecast", "compare"])
def test_partial_windows_flag_reaches_the_model(command, capsys):
    """Check that the default model trains on partial windows unless
    --no-partial-windows, that the writeup model does not, and that partial
    windows with the calendar input are refused before any work."""
    from lstmreg.contest._cli import _model, build_parser

    parser = build_parser()

    def model(*flags):
        return _model(parser.parse_args([command, "--out", "x", *flags]))

    assert model().partial_windows is True
    assert model("--no-partial-windows").partial_windows is False
    assert model("--model", "writeup").partial_windows is False
    if command == "compare":  # which has no --extra-inputs
        return
    assert model("--extra-inputs", "calendar").partial_windows is False
    assert model("--extra-inputs", "downloads").partial_windows is True
    calendar = ("--extra-inputs", "calendar", "--partial-windows")
    with pytest.raises(SystemExit):
        main([command, "--out", "x", *calendar])
    assert "drop the 'calendar' input or the partial windows" in capsys.readouterr().err


def test_forecast_with_cross_fitted_shrinkage(data, tmp_path, capsys):
    """Check that the default model cross-fits its shrinkage end to end on 3
    artists (3 folds for its 5 networks), says what it chose and writes a
    full submission."""
    argv = ["forecast", str(data), "--out", str(tmp_path), *FAST, "--max-plots", "0"]
    assert main([*argv, "--steps", "4", "--shrinkage", "cross_fit"]) == 0
    out = capsys.readouterr().out
    assert "Shrinkage of the network's corrections, chosen" in out
    assert "Per artist" not in out
    submission = read_submission(tmp_path / "mars_tianchi_artist_plays_predict.csv")
    assert submission.shape == (7, 3)


def test_forecast_with_a_shrinkage_per_artist(data, tmp_path, capsys):
    """Check that --shrinkage-scope halfway forecasts end to end and says
    what it chose per artist."""
    argv = ["forecast", str(data), "--out", str(tmp_path), *FAST, "--max-plots", "0"]
    flags = ["--steps", "4", "--shrinkage", "cross_fit", "--shrinkage-scope", "halfway"]
    assert main([*argv, *flags]) == 0
    assert "Per artist (halfway): " in capsys.readouterr().out
    submission = read_submission(tmp_path / "mars_tianchi_artist_plays_predict.csv")
    assert submission.shape == (7, 3)


def test_compare_has_no_threads_flag():
    """Check that compare refuses --threads: it fits with one thread so that
    the scores do not depend on --jobs."""
    from lstmreg.contest._cli import build_parser

    with pytest.raises(SystemExit):
        build_parser().parse_args(["compare", "--out", "x", "--threads", "2"])


def test_forecast_with_the_day_of_week_as_input(data, tmp_path):
    """Check --extra-inputs calendar fits and forecasts with future covariates."""
    argv = ["forecast", str(data), "--out", str(tmp_path), *FAST, "--max-plots", "0"]
    assert main([*argv, "--extra-inputs", "calendar"]) == 0
    submission = read_submission(tmp_path / "mars_tianchi_artist_plays_predict.csv")
    assert submission.shape == (7, 3)
    assert submission.index[0] == pd.Timestamp("2015-08-31")


def test_a_bug_shows_its_traceback_not_a_usage_error(tmp_path, monkeypatch):
    """Check that an error raised inside a dependency is not swallowed."""
    import numpy as np

    import lstmreg.contest._cli as cli

    def broken(args):
        return np.zeros(-1)  # numpy raises ValueError: a bug, not bad input

    monkeypatch.setattr(cli, "_load", broken)
    with pytest.raises(ValueError, match="negative dimensions"):
        main(["forecast", "--out", str(tmp_path)])


def test_existing_tables_are_never_overwritten(data, tmp_path, capsys):
    """Check generate and forecast refuse to replace tables a user has."""
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    assert main(["generate", str(data), "--artists", "2"]) == 2
    assert "already exists" in capsys.readouterr().err
    (tmp_path / "data").mkdir()
    shutil.copy(data / "mars_tianchi_songs.csv", tmp_path / "data")
    assert main(["forecast", "--out", str(tmp_path), *FAST]) == 2
    assert "already holds mars_tianchi_songs.csv" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before
    forced = tmp_path / "forced"
    assert main(["generate", str(forced), "--artists", "2", "--scale", "2"]) == 0
    assert main(["generate", str(forced), "--artists", "1", "--force"]) == 0


def test_max_plots_zero_writes_no_plots(data, tmp_path, capsys):
    """Check --max-plots 0 is a valid request for no plots."""
    argv = ["forecast", str(data), "--out", str(tmp_path), "--max-plots", "0", *FAST]
    assert main(argv) == 0
    assert "No plots" in capsys.readouterr().out
    assert not (tmp_path / "forecast.png").exists()


def test_the_command_tells_lstmregs_errors_from_bugs_by_class(
    tmp_path, capsys, monkeypatch
):
    """Check an LstmregError raised anywhere is one line, and a ValueError
    that is not one is a traceback, whichever file raised it."""
    import lstmreg.contest._cli as cli
    from lstmreg.exceptions import InputError, LstmregError

    assert issubclass(InputError, ValueError)
    assert issubclass(InputError, LstmregError)

    def refused(args):
        raise InputError("`y` is not usable; do this instead.")

    monkeypatch.setattr(cli, "_load", refused)
    assert main(["forecast", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err == "lstmreg forecast: error: `y` is not usable; do this instead.\n"

    def bug(args):
        raise ValueError("a bug inside lstmreg itself")

    monkeypatch.setattr(cli, "_load", bug)
    with pytest.raises(ValueError, match="a bug inside lstmreg itself"):
        main(["forecast", "--out", str(tmp_path)])
