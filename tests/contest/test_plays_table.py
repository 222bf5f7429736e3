"""Reading daily plays tables: both layouts, with or without header, bad files."""

import tempfile
from pathlib import Path
from unittest import mock

import hypothesis.strategies as st
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from numpy.testing import assert_array_equal

from lstmreg import read_plays_table, read_submission, write_submission
from lstmreg.contest import _plays_table

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
        (["artist_id,Ds,plays", "a1,2015031,3"], r"`Ds` needs yyyymmdd.*row 1"),
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


def test_a_seven_digit_day_is_not_read_as_a_date(tmp_path):
    """Check that ``2015031`` is refused, not read as 1 March as strptime does."""
    path = _file(tmp_path, ["artist_id,Plays,Ds", "a1,3,2015031"])
    with pytest.raises(ValueError, match="not yyyymmdd"):
        read_submission(path)


def test_missing_file_is_a_clear_error(tmp_path):
    """Check that a path that does not exist names itself."""
    with pytest.raises(FileNotFoundError, match="no such file"):
        read_plays_table(tmp_path / "nope.csv")


def _reference(lines):
    """The plays of ``artist_id,Ds,plays`` rows by a plain pandas pivot."""
    frame = pd.DataFrame([line.split(",") for line in lines], columns=["a", "d", "p"])
    frame["d"] = pd.to_datetime(frame["d"], format="%Y%m%d")
    wide = frame.pivot(index="d", columns="a", values="p").astype(float)
    grid = pd.date_range(frame["d"].min(), frame["d"].max(), freq="D")
    return wide.reindex(grid).fillna(0.0)


@settings(max_examples=40, deadline=None)
@given(
    cells=st.dictionaries(
        st.tuples(st.sampled_from(["b", "a10", "a9", "z", "é"]), st.integers(0, 20)),
        st.integers(0, 10**6),
        min_size=1,
        max_size=30,
    ),
    chunk=st.integers(1, 7),
)
def test_reading_by_chunks_gives_the_table_a_pivot_gives(cells, chunk):
    """Check that any chunk size reads the same plays as one pandas pivot:
    artists first seen in a later chunk, columns in sorted order, gaps 0."""
    first = pd.Timestamp("2015-03-01")
    lines = [
        f"{artist},{(first + pd.Timedelta(days=day)):%Y%m%d},{plays}"
        for (artist, day), plays in cells.items()
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = _file(Path(folder), lines)
        with mock.patch.object(_plays_table, "_CHUNK_ROWS", chunk):
            plays = read_plays_table(path).plays
    expected = _reference(lines)
    assert_array_equal(plays.columns, expected.columns)
    assert_array_equal(plays.index, expected.index)
    assert_array_equal(plays.to_numpy(), expected.to_numpy())


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("a1,20150310,x", r"`plays` needs a number on every row; row 5 has 'x'"),
        ("a1,2015031,3", r"`Ds` needs yyyymmdd days; row 5 has '2015031'"),
        ("a1,20150301,3", r"artist 'a1' has day 20150301 twice \(row 5\)"),
    ],
)
def test_errors_name_the_file_row_past_the_first_chunk(tmp_path, bad, message):
    """Check that a bad row read in a later chunk is named by its row in the file."""
    lines = [f"a1,2015030{day},{day}" for day in range(1, 5)] + [bad]
    chunks = mock.patch.object(_plays_table, "_CHUNK_ROWS", 2)
    with chunks, pytest.raises(ValueError, match=message):
        read_plays_table(_file(tmp_path, lines))


# texts a contest column may hold: days and counts with blanks around them,
# repeated, and values that are neither
TEXTS = [
    "20150301",
    " 20150301",
    "20150301 ",
    "20150302",
    "2015031",
    "20150230",
    "12",
    " 7 ",
    "1e3",
    "0",
    "inf",
    "nan",
    "x",
    "",
]


@given(texts=st.lists(st.sampled_from(TEXTS), min_size=1, max_size=30))
@settings(max_examples=80, deadline=None)
def test_each_distinct_text_is_parsed_as_each_row_would_be(texts):
    """Check the readers' parsing of each distinct text once (days, numbers)
    gives every row what parsing that row alone gives, on the column's index,
    and names the first bad row as row-by-row parsing would."""
    from lstmreg.contest._files import numbers_column, yyyymmdd

    column = pd.Series(texts, dtype=object, index=range(7, 7 + len(texts)))
    days = yyyymmdd(column)
    assert days.index.equals(column.index)
    alone = [yyyymmdd(pd.Series([text], dtype=object)).iloc[0] for text in texts]
    assert_array_equal(days.to_numpy(), pd.Series(alone, dtype=days.dtype).to_numpy())
    numbers = [float(pd.to_numeric(text.strip(), errors="coerce")) for text in texts]
    bad = [i for i, value in enumerate(numbers) if not np.isfinite(value)]
    frame = pd.DataFrame({"n": column})
    if bad:
        message = f"row {bad[0] + 1} has {texts[bad[0]]!r}"
        with pytest.raises(ValueError, match=message):
            numbers_column(frame, "n", "t.csv")
    else:
        values = numbers_column(frame, "n", "t.csv")
        assert values.index.equals(column.index)
        assert_array_equal(values.to_numpy(), numbers)
