"""Reading daily plays tables: both layouts, with or without header, bad files."""

import pandas as pd
import pytest
from numpy.testing import assert_array_equal

from lstmreg import read_plays_table, read_submission, write_submission

ROWS = ["a1,20150301,10,1,0", "a1,20150303,12,2,1", "b2,20150302,5,0,0"]


def _file(tmp_path, lines, name="plays.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize("header", [True, False])
def test_long_layout_with_downloads_and_collects(tmp_path, header):
    """Check artist_id,Ds,plays,downloads,collects with and without header."""
    top = ["artist_id,Ds,plays,downloads,collects"] if header else []
    data = read_plays_table(_file(tmp_path, [*top, *ROWS]))
    days = pd.date_range("2015-03-01", "2015-03-03", freq="D", name="Ds")
    assert_array_equal(data.plays.index, days)
    assert data.plays["a1"].tolist() == [10.0, 0.0, 12.0]  # a missing day is 0
    assert data.plays["b2"].tolist() == [0.0, 5.0, 0.0]
    assert data.downloads["a1"].tolist() == [1.0, 0.0, 2.0]
    assert data.collects.to_numpy().sum() == 1.0
    assert data.truth is None
    assert str(data.report) == "3 of 3 plays rows used."


@pytest.mark.parametrize(
    ("lines", "order"),
    [
        (["artist_id,Plays,Ds", "a1,10,20150301", "a1,11,20150302"], [10, 11]),
        (["a1,10,20150301", "a1,11,20150302"], [10, 11]),  # submission, no header
        (["a1,20150301,10", "a1,20150302,11"], [10, 11]),  # Ds second, no header
        (["ARTIST_ID, DS, PLAYS", "a1, 20150301, 10", "a1, 20150302, 11"], [10, 11]),
    ],
)
def test_three_column_layouts(tmp_path, lines, order):
    """Check the submission layout and plays-only tables, however written."""
    assert read_plays_table(_file(tmp_path, lines)).plays["a1"].tolist() == order


def test_a_submission_round_trips_through_the_plays_reader(tmp_path):
    """Check that a written submission reads back as the same plays."""
    plays = pd.DataFrame(
        {"x": [3.0, 4.0], "y": [7.0, 0.0]},
        index=pd.date_range("2015-09-01", periods=2, freq="D"),
    )
    write_submission(plays, tmp_path / "sub.csv")
    back = read_plays_table(tmp_path / "sub.csv").plays
    assert_array_equal(back.to_numpy(), plays.to_numpy())
    assert_array_equal(back.to_numpy(), read_submission(tmp_path / "sub.csv"))


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([], "the file is empty"),
        (["artist_id,Ds,plays"], "header but no rows"),
        (["artist_id,Ds,count", "a1,20150301,3"], "column `plays` is missing"),
        (["a1;20150301;3"], "looks ';'-separated"),
        (["a1,20150301,3,4"], "cannot tell the columns"),
        (["a1,5,7"], "cannot tell the columns"),
        (["artist_id,Ds,plays", "a1,2015-03-01,3"], r"`Ds` needs yyyymmdd.*row 1"),
        (["artist_id,Ds,plays", "a1,20150301,3", "a1,20150302,"], r"`plays`.*row 2"),
        (["artist_id,Ds,plays", "a1,20150301,inf"], "`plays` needs a number"),
        (["a1,20150301,3", "a1,20150301,4"], "has day 20150301 twice"),
    ],
)
def test_bad_tables_name_the_file_and_the_problem(tmp_path, lines, message):
    """Check every malformed table gives a ValueError naming the file."""
    path = _file(tmp_path, lines) if lines else tmp_path / "plays.csv"
    if not lines:
        path.write_text("")
    with pytest.raises(ValueError, match=message) as error:
        read_plays_table(path)
    assert str(path) in str(error.value)


def test_missing_file_is_a_clear_error(tmp_path):
    """Check that a path that does not exist names itself."""
    with pytest.raises(FileNotFoundError, match="no such file"):
        read_plays_table(tmp_path / "nope.csv")
