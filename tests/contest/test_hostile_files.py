"""Files made from data: names, submissions, temporary files, stray dates."""

import os
import signal
import subprocess
import sys
import time
import warnings
from datetime import date

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lstmreg import read_plays_table, read_submission, write_submission
from lstmreg._utils._atomic import replacing
from lstmreg.contest._cli import main
from lstmreg.contest._files import file_names

FAST = ["--epochs", "2", "--batch-size", "256", "--horizon", "7"]
HYPOTHESIS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def _plays_table(path, artists, n_days=40):
    """Daily plays of ``artists`` in the submission's layout, with a header."""
    days = pd.date_range("2015-03-01", periods=n_days, freq="D")
    rows = ["artist_id,Plays,Ds"] + [
        f"{artist},{10 * (i + 1) + d % 7},{day:%Y%m%d}"
        for i, artist in enumerate(artists)
        for d, day in enumerate(days)
    ]
    path.write_text("\n".join(rows) + "\n")
    return path


@given(ids=st.lists(st.text(min_size=0, max_size=300), min_size=1, max_size=6))
@HYPOTHESIS
def test_file_names_stay_in_their_folder_and_are_distinct(ids):
    """Check names made from any text are plain, short and distinct per id."""
    ids = list(dict.fromkeys(ids))
    names = file_names(ids, ".png")
    assert len({n.lower() for n in names}) == len(ids)
    for name in names:
        assert os.sep not in name
        assert "/" not in name
        assert not name.startswith(".")
        assert len(name) <= 80
        assert name.endswith(".png")
        assert len(name) > len(".png")


def test_plots_named_after_hostile_ids_stay_in_out(tmp_path):
    """Check ids that are paths, long or mathtext write plots inside --out."""
    ids = ["../../up2", "/tmp/abs_plot_id", "a/b", "x" * 300, "$\\qq{", "A1", "a1"]
    table = _plays_table(tmp_path / "plays.csv", ids)
    out = tmp_path / "deep" / "out"
    before = set(tmp_path.rglob("*"))
    assert main(["forecast", str(table), "--out", str(out), *FAST]) == 0
    new = set(tmp_path.rglob("*")) - before
    assert all(path.is_relative_to(out) or path == out.parent for path in new)
    assert len(list((out / "plots").glob("*.png"))) == len(ids)
    submission = read_submission(out / "mars_tianchi_artist_plays_predict.csv")
    assert sorted(submission.columns) == sorted(ids)
    assert not os.path.exists("/tmp/abs_plot_id.png")


@given(artist=st.text(max_size=40))
@HYPOTHESIS
def test_a_submission_reads_back_or_is_refused_before_writing(tmp_path_factory, artist):
    """Check any artist id either round-trips or is refused with nothing written."""
    path = tmp_path_factory.mktemp("sub") / "predict.csv"
    plays = pd.DataFrame(
        {artist: [1.0, 2.0]}, index=pd.date_range("2015-09-01", periods=2)
    )
    refused = None
    try:
        write_submission(plays, path)
    except ValueError as error:
        refused = str(error)
    if refused is not None:
        assert "artist id" in refused
        assert list(path.parent.iterdir()) == []
        return
    back = read_submission(path)
    assert back.columns.tolist() == [artist]
    assert back[artist].tolist() == [1.0, 2.0]


def test_replacing_never_follows_a_planted_link(tmp_path):
    """Check the temporary file is new, so a link at a guessable name is harmless."""
    target = tmp_path / "predict.csv"
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    for pid in range(os.getpid() - 5, os.getpid() + 5):  # the old naming scheme
        (tmp_path / f".predict.csv.{pid}.tmp").symlink_to(victim)
    with replacing(target) as temporary:
        assert not temporary.is_symlink()
        temporary.write_text("new")
    assert target.read_text() == "new"
    assert victim.read_text() == "keep me"
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)  # the umask's mode


@pytest.mark.parametrize("stray", ["20991231", "18991231", "17000101"])
def test_a_stray_date_in_a_plays_table_is_reported_and_skipped(tmp_path, stray):
    """Check one row dated far away neither stretches the series nor is kept."""
    path = _plays_table(tmp_path / "plays.csv", ["a1", "b2"])
    with path.open("a") as file:
        file.write(f"a1,5,{stray}\n,7,20150302\n")
    with pytest.warns(UserWarning, match=f"1 dated .* '{stray}'"):
        data = read_plays_table(path)
    assert len(data.plays) == 40
    assert data.plays.columns.tolist() == ["a1", "b2"]  # no series named ''
    assert (data.report.bad_date, data.report.malformed) == (1, 1)
    assert str(data.report) == (
        "80 of 82 plays rows used; skipped: 1 malformed, 1 bad date."
    )


@given(day=st.dates(min_value=date(1678, 1, 1), max_value=date(2261, 12, 31)))
@HYPOTHESIS
def test_plays_table_keeps_its_period_whatever_one_row_says(tmp_path, day):
    """Check a row dated anywhere in the calendar never widens the table by
    more than a month."""
    path = _plays_table(tmp_path / "plays.csv", ["a1"], n_days=60)
    with path.open("a") as file:
        file.write(f"zz,3,{day:%Y%m%d}\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        data = read_plays_table(path)
    assert 60 <= len(data.plays) <= 60 + 31


def test_messages_echo_at_most_a_short_part_of_a_huge_field(tmp_path):
    """Check a 2 MB field is cut in the error message."""
    path = tmp_path / "plays.csv"
    path.write_text("artist_id,Plays,Ds\na1," + "9" * 2_000_000 + "x,20150301\n")
    with pytest.raises(ValueError, match="row 1 has") as error:
        read_plays_table(path)
    assert len(str(error.value)) < 400


@pytest.mark.parametrize("where", ["file", "input", "read-only"])
def test_unusable_out_is_one_line_and_nothing_written(tmp_path, capsys, where):
    """Check --out that is a file, the input or unwritable stops before any work."""
    table = _plays_table(tmp_path / "plays.csv", ["a1"])
    out = {"file": tmp_path / "a_file", "input": table, "read-only": tmp_path / "ro"}[
        where
    ]
    if where == "file":
        out.write_text("mine")
    if where == "read-only":
        out.mkdir()
        os.chmod(out, 0o500)
        if os.access(out, os.W_OK) and os.geteuid() == 0:
            # root writes anyway; a bind-mounted read-only folder is not to be
            # had in a test, so make writing fail the way a full disk would
            out = out / ("x" * 300)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert main(["forecast", str(table), "--out", str(out), *FAST]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert "--out" in err or str(out)[:20] in err
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before


def test_generate_into_an_existing_file_is_one_line(tmp_path, capsys):
    """Check generate into a file names it and writes nothing."""
    target = tmp_path / "taken"
    target.write_text("mine")
    assert main(["generate", str(target), "--artists", "1"]) == 2
    err = capsys.readouterr().err
    assert "is a file" in err
    assert err.count("\n") == 1
    assert target.read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]


def test_ctrl_c_during_training_stops_the_command_and_writes_nothing(
    tmp_path, ctrl_c_raises
):
    """Check SIGINT mid-training exits 130 without a submission."""
    table = _plays_table(tmp_path / "plays.csv", ["a1", "b2"], n_days=120)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "lstmreg.contest._cli", "forecast", str(table)]
    command += ["--out", str(out), "--epochs", "100000", "--horizon", "7"]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    for line in process.stdout:
        if line.startswith("Fitting"):
            break
    time.sleep(3)  # well into the epochs of the first network
    process.send_signal(signal.SIGINT)
    try:
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 130, err
    assert "interrupted" in err
    assert not (out / "mars_tianchi_artist_plays_predict.csv").exists()


def test_an_id_a_submission_cannot_hold_stops_before_training(tmp_path, capsys):
    """Check the command refuses such an id before fitting, not after."""
    path = tmp_path / "plays.csv"
    days = pd.date_range("2015-03-01", periods=40, freq="D")
    rows = ["artist_id,Plays,Ds"] + [
        f'"a,1",{d % 7 + 1},{day:%Y%m%d}' for d, day in enumerate(days)
    ]
    path.write_text("\n".join(rows) + "\n")
    assert main(["forecast", str(path), "--out", str(tmp_path / "o"), *FAST]) == 2
    captured = capsys.readouterr()
    assert "cannot be written to a submission" in captured.err
    assert "Fitting" not in captured.out
