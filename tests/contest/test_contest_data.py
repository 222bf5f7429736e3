"""The contest data: generator, reader (real files on disk) and submission."""

import gzip
import tempfile
from pathlib import Path

import hypothesis.strategies as st
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings

from lstmreg import (
    generate_contest_data,
    read_contest_data,
    read_plays_table,
    read_submission,
    write_submission,
)

SONGS = "mars_tianchi_songs.csv"
ACTIONS = "mars_tianchi_user_actions.csv"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("music")
    generate_contest_data(folder, n_artists=6, seed=3, scale=10.0)
    return folder


def write(folder, songs, actions):
    (folder / SONGS).write_text(songs)
    (folder / ACTIONS).write_text(actions)
    return folder


SONG_ROWS = "s1,a1,20150101,0,1,1\ns2,a1,20150101,0,1,1\ns3,a2,20150101,0,1,1\n"
GOOD = [
    "u1,s1,1425139200,1,20150301",
    "u2,s2,1425139201,1,20150301",
    "u1,s3,1425139202,2,20150301",
    "u3,s3,1425225600,1,20150303",
    "u3,s3,1425225601,3,20150303",
]


# -- generator -----------------------------------------------------------------


def test_generator_is_deterministic(tmp_path):
    one = generate_contest_data(tmp_path / "one", n_artists=3, seed=7, scale=5.0)
    two = generate_contest_data(tmp_path / "two", n_artists=3, seed=7, scale=5.0)
    other = generate_contest_data(tmp_path / "other", n_artists=3, seed=8, scale=5.0)
    for name in one:
        text = Path(one[name]).read_text()
        assert text == Path(two[name]).read_text()
        assert text != Path(other[name]).read_text()


def test_generated_data_look_like_the_contest(generated):
    data = read_contest_data(generated)
    assert data.report.skipped == data.report.duplicated  # only chance repeats
    assert data.plays.index[0] == pd.Timestamp("2015-03-01")
    assert data.plays.index[-1] == pd.Timestamp("2015-08-30")
    assert data.plays.shape == (183, 6)
    assert data.truth.index[0] == pd.Timestamp("2015-08-31")
    assert data.truth.shape == (61, 6)
    assert list(data.truth.columns) == list(data.plays.columns)
    plays = data.plays.to_numpy()
    # heavy-tailed popularity, downloads and collects much rarer than plays
    means = plays.mean(axis=0)
    assert means.max() > 3 * np.median(means)
    assert data.downloads.to_numpy().sum() < 0.05 * plays.sum()
    assert 0 < data.collects.to_numpy().sum() < 0.1 * plays.sum()
    # a weekly rhythm: the day-of-week profile varies more than chance would
    weekday = data.plays.groupby(data.plays.index.dayofweek).mean()
    assert (weekday.max() / weekday.min()).max() > 1.1


def _generated_logs(folder, scale, n_artists):
    """log1p of the daily plays of generated artists at ``scale`` (seed 5)."""
    files = generate_contest_data(
        folder / f"{scale}-{n_artists}",
        n_artists=n_artists,
        seed=5,
        scale=scale,
        tables="daily",
    )
    return np.log1p(read_plays_table(files["daily"]).plays.astype(float))


def test_larger_artists_are_smoother_day_to_day(tmp_path):
    # the real artists' day-to-day spread shrinks with their size (the log
    # spread falls ~0.27 per log of plays): a sample of larger artists, like
    # the contest's hidden ones, is smoother (0.41x here; 0.83x before the
    # mood's spread depended on the size)
    def roughness(scale):
        logs = _generated_logs(tmp_path, scale, n_artists=40)
        return logs.diff().abs().median().median()

    assert roughness(4000.0) < 0.6 * roughness(300.0)


def test_larger_artists_move_less(tmp_path):
    # the real artists' level moves over weeks shrink with their size too
    # (the log of the six-week wander falls ~0.5 per log of plays): the
    # change of four-week mean log plays ten weeks apart, less the artists'
    # median change, where the day-to-day noise averages out
    def moves(scale):
        logs = _generated_logs(tmp_path, scale, n_artists=60)
        change = logs.iloc[-28:].mean() - logs.iloc[-98:-70].mean()
        return ((change - change.median()) ** 2).median()

    assert moves(5000.0) < 0.5 * moves(300.0)


def test_generated_ids_and_formats(generated):
    songs = pd.read_csv(generated / SONGS, header=None, dtype=str)
    actions = pd.read_csv(generated / ACTIONS, header=None, dtype=str, nrows=1000)
    assert songs.shape[1] == 6
    assert actions.shape[1] == 5
    assert songs[0].str.fullmatch("[0-9a-f]{32}").all()
    assert set(actions[3]) <= {"1", "2", "3"}
    assert actions[4].str.fullmatch("2015[0-9]{4}").all()
    # gmt_create is the Beijing-time day of Ds
    beijing = pd.to_datetime(actions[2].astype(int) + 8 * 3600, unit="s")
    assert (beijing.dt.strftime("%Y%m%d") == actions[4]).all()


def test_generator_rejects_bad_arguments(tmp_path):
    with pytest.raises(ValueError, match="`n_artists` must be a positive int"):
        generate_contest_data(tmp_path, n_artists=0)
    with pytest.raises(ValueError, match=r"`scale` \(median daily plays\) must be"):
        generate_contest_data(tmp_path, scale=-1.0)
    with pytest.raises(ValueError, match="between 1 and 1e7"):
        generate_contest_data(tmp_path, scale=1e-9)
    assert list(tmp_path.iterdir()) == []


# -- reader --------------------------------------------------------------------


def test_reader_counts_plays_downloads_collects_per_day(tmp_path):
    data = read_contest_data(write(tmp_path, SONG_ROWS, "\n".join(GOOD) + "\n"))
    assert list(data.plays.columns) == ["a1", "a2"]
    assert data.plays.index.freq == "D"
    assert data.plays.loc["2015-03-01"].tolist() == [2, 0]
    assert data.plays.loc["2015-03-02"].tolist() == [0, 0]  # no actions: 0
    assert data.plays.loc["2015-03-03"].tolist() == [0, 1]
    assert data.downloads.to_numpy().sum() == 1
    assert data.collects.loc["2015-03-03", "a2"] == 1
    assert data.truth is None
    assert data.report.used == data.report.rows == 5


def test_reader_accepts_header_rows(tmp_path):
    songs = "song_id,artist_id,publish_time,song_init_plays,Language,Gender\n"
    actions = "user_id,song_id,gmt_create,action_type,Ds\n"
    plain = read_contest_data(write(tmp_path, SONG_ROWS, "\n".join(GOOD)))
    headed = read_contest_data(
        write(tmp_path, songs + SONG_ROWS, actions + "\n".join(GOOD))
    )
    pd.testing.assert_frame_equal(plain.plays, headed.plays)


def test_reader_skips_and_counts_bad_rows(tmp_path):
    bad = [
        *GOOD,
        GOOD[0],  # duplicated
        "u9,s1,1425139200,7,20150301",  # unknown action type
        "u9,s1,1425139200,1,2015-03-01",  # bad date
        "u9,s1,1425139200,1,20150231",  # no such day
        "u9,s1,1425139200,1,2015031",  # seven digits, not 1 March
        "u9,nosuchsong,1425139200,1,20150301",  # unknown song
        "u9,s1,1425139200",  # too few fields
        "u9,s1,1425139200,1,20150301,extra",  # too many fields
        "",  # blank lines are not rows
    ]
    data = read_contest_data(write(tmp_path, SONG_ROWS, "\n".join(bad) + "\n"))
    report = data.report
    assert report.used == 5
    assert (report.duplicated, report.unknown_action) == (1, 1)
    assert (report.bad_date, report.unknown_song) == (3, 1)
    assert report.malformed == 2
    assert report.rows == 13
    assert "5 of 13 action rows used" in str(report)
    assert data.plays.loc["2015-03-01"].tolist() == [2, 0]


def test_reader_skips_bad_song_rows(tmp_path):
    songs = SONG_ROWS + "s1,a3,20150101,0,1,1\n,a4,20150101,0,1,1\n"
    data = read_contest_data(write(tmp_path, songs, "\n".join(GOOD)))
    assert data.report.songs_skipped == 2
    assert list(data.plays.columns) == ["a1", "a2"]


@pytest.mark.parametrize(
    ("songs", "actions", "match"),
    [
        ("", "\n".join(GOOD), f"{SONGS}: the file is empty"),
        (SONG_ROWS, "", f"{ACTIONS}: the file is empty"),
        (SONG_ROWS, "\n\n", f"{ACTIONS}: the file is empty"),
        (
            SONG_ROWS,
            "\n".join(g.replace(",", ";") for g in GOOD),
            f"{ACTIONS}: expected comma-separated .*';'-separated",
        ),
        (
            SONG_ROWS.replace(",", "\t"),
            "\n".join(GOOD),
            f"{SONGS}: expected comma-separated .*'\\\\t'-separated",
        ),
        (
            "song_id,publish_time\ns1,20150101\n",
            "\n".join(GOOD),
            f"{SONGS}: column `artist_id` is missing",
        ),
        (
            SONG_ROWS,
            "\n".join(g.rsplit(",", 1)[0] for g in GOOD),
            f"{ACTIONS}: column `Ds` is missing",
        ),
        (
            "song_id,artist_id,publish_time,song_init_plays,Language,Gender\n",
            "\n".join(GOOD),
            f"{SONGS}: the file has a header but no rows",
        ),
        (SONG_ROWS, "u9,zz,1425139200,1,20150301\n", "no usable action rows"),
    ],
)
def test_reader_rejects_broken_files(tmp_path, songs, actions, match):
    with pytest.raises(ValueError, match=match):
        read_contest_data(write(tmp_path, songs, actions))


def test_reader_names_a_missing_path(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file or directory"):
        read_contest_data(tmp_path / "nowhere")
    (tmp_path / SONGS).write_text(SONG_ROWS)
    with pytest.raises(FileNotFoundError, match=f"{ACTIONS}: no such file"):
        read_contest_data(tmp_path)


def test_reader_reads_in_blocks(tmp_path, monkeypatch):
    import lstmreg.contest._read as reader

    folder = write(tmp_path, SONG_ROWS, "\n".join([*GOOD, GOOD[0]]) + "\n")
    whole = read_contest_data(folder)
    monkeypatch.setattr(reader, "_BLOCK_BYTES", 64)  # about two rows per block
    chunked = read_contest_data(folder)
    pd.testing.assert_frame_equal(whole.plays, chunked.plays)
    assert chunked.report == whole.report  # a duplicate across chunks is found


# -- submission ----------------------------------------------------------------


def test_submission_round_trip(tmp_path):
    plays = pd.DataFrame(
        {"b": [1.4, 2.6, 3.0], "a": [10.0, 0.2, 7.5]},
        index=pd.date_range("2015-09-01", periods=3, freq="D"),
    )
    path = tmp_path / "mars_tianchi_artist_plays_predict.csv"
    write_submission(plays, path)
    lines = path.read_text().splitlines()
    assert lines[0] == "a,10,20150901"
    assert lines[-1] == "b,3,20150903"
    back = read_submission(path)
    np.testing.assert_array_equal(back[["b", "a"]], plays.round())


@settings(max_examples=30, deadline=None)
@given(
    plays=st.integers(1, 5).flatmap(
        lambda n: st.lists(
            st.lists(st.floats(0, 1e6), min_size=n, max_size=n), min_size=1, max_size=6
        )
    ),
    start=st.integers(0, 400),
    shuffle=st.randoms(use_true_random=False),
)
def test_submission_rows_are_by_artist_then_day(plays, start, shuffle):
    """Check the rows against a plain pandas reshaping, whatever the order of
    the frame's days and artists: sorted by artist, then day, plays rounded."""
    days = list(
        pd.date_range("2015-01-01", periods=len(plays), freq="D")
        + pd.Timedelta(days=start)
    )
    artists = [f"x{i}" for i in range(len(plays[0]))]
    shuffle.shuffle(days)
    shuffle.shuffle(artists)
    frame = pd.DataFrame(plays, index=pd.DatetimeIndex(days), columns=artists)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sub.csv"
        write_submission(frame, path)
        lines = path.read_text().splitlines()
    long = frame.stack().rename("Plays").rename_axis(["Ds", "artist_id"]).reset_index()
    long["Ds"] = long["Ds"].dt.strftime("%Y%m%d")
    long = long.sort_values(["artist_id", "Ds"])
    expected = [
        f"{a},{round(v)},{d}"
        for a, v, d in zip(long.artist_id, long.Plays, long.Ds, strict=True)
    ]
    assert lines == expected


def test_read_submission_rejects_bad_dates(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("a,10,2015-09-01\n")
    with pytest.raises(ValueError, match="`Ds` has dates that are not yyyymmdd"):
        read_submission(path)


def _forecast(values, index=None):
    index = pd.date_range("2015-09-01", periods=2) if index is None else index
    return pd.DataFrame({"a1": values}, index=index)


@pytest.mark.parametrize(
    ("plays", "error", "match"),
    [
        (_forecast([1.0, np.nan]), ValueError, r"'a1' on 2015-09-02 is missing"),
        (_forecast([1.0, np.inf]), ValueError, "is missing or infinite"),
        (_forecast([1.0, -3.0]), ValueError, r"is negative.*clip\(lower=0\)"),
        (_forecast([1.0, 1e30]), ValueError, "too large"),
        (_forecast([1.0, 2.0], pd.RangeIndex(2)), ValueError, "DatetimeIndex"),
        (
            _forecast([1.0, 2.0], pd.period_range("2015-09-01", periods=2, freq="D")),
            ValueError,
            "to_timestamp",
        ),
        (_forecast(["1", "2"]), ValueError, "numbers only"),
        (
            pd.concat([_forecast([1.0, 2.0])] * 2, axis=1),
            ValueError,
            "'a1' in more than one column",
        ),
        (pd.Series([1.0, 2.0]), TypeError, "must be a DataFrame"),
        (
            _forecast(
                [1.0, 2.0],
                pd.MultiIndex.from_product(
                    [["a1"], pd.date_range("2015-09-01", periods=2)]
                ),
            ),
            ValueError,
            "indexed by day",
        ),
    ],
)
def test_write_submission_refuses_bad_plays_and_keeps_the_old_file(
    tmp_path, plays, error, match
):
    """Check bad forecasts raise before the user's file is touched."""
    path = tmp_path / "submission.csv"
    path.write_text("old,1,20150101\n")
    with pytest.raises(error, match=match):
        write_submission(plays, path)
    assert path.read_text() == "old,1,20150101\n"
    assert [p.name for p in tmp_path.iterdir()] == ["submission.csv"]


def test_a_failed_write_leaves_no_partial_file(tmp_path, monkeypatch):
    """Check a crash while writing leaves the old file and no temporary."""
    path = tmp_path / "submission.csv"
    path.write_text("old,1,20150101\n")

    def crash(self, target, **kwargs):
        Path(target).write_text("a1,1,2015")  # half a file, then the disk fails
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_csv", crash)
    with pytest.raises(OSError, match="disk full"):
        write_submission(_forecast([1.0, 2.0]), path)
    assert path.read_text() == "old,1,20150101\n"
    assert [p.name for p in tmp_path.iterdir()] == ["submission.csv"]


@pytest.mark.parametrize(
    ("rows", "match"),
    [
        ([",10,20150901"], r"`artist_id` is empty on row 1"),
        (["a1,,20150901"], r"`Plays` needs a number.*row 1"),
        (["a1,nan,20150901"], r"`Plays` needs a number.*'nan'"),
        (["a1,ten,20150901"], r"`Plays` needs a number.*'ten'"),
    ],
)
def test_read_submission_names_the_file_and_row_of_bad_fields(tmp_path, rows, match):
    """Check empty ids and non-numeric plays name the file and the row."""
    path = tmp_path / "sub.csv"
    path.write_text("\n".join(rows) + "\n")
    with pytest.raises(ValueError, match=match) as error:
        read_submission(path)
    assert str(path) in str(error.value)


@pytest.mark.parametrize("stray", ["19000101", "20250101"])
def test_a_row_dated_far_away_is_a_bad_date_not_a_longer_calendar(tmp_path, stray):
    """Check a stray date is skipped, counted and warned about."""
    rows = [*GOOD, f"u9,s1,1425139300,1,{stray}"]
    write(tmp_path, SONG_ROWS, "\n".join(rows) + "\n")
    with pytest.warns(UserWarning, match="1 action row.*not a day of the data"):
        data = read_contest_data(tmp_path)
    assert data.plays.index[[0, -1]].strftime("%Y%m%d").tolist() == [
        "20150301",
        "20150303",
    ]
    assert data.report.bad_date == 1
    assert data.report.used == len(GOOD)


def test_gmt_create_with_blanks_or_a_point_zero_is_read_not_deduplicated(tmp_path):
    """Check tolerant seconds, and that unparsable ones are malformed rows."""
    rows = [
        "u1,s1, 1425139200,1,20150301",
        "u1,s1,1425139201.0,1,20150301",
        "u1,s1,1425139202,1,20150301",
        "u1,s1,soon,1,20150301",
        "u1,s1,later,1,20150301",
    ]
    write(tmp_path, SONG_ROWS, "\n".join(rows) + "\n")
    data = read_contest_data(tmp_path)
    assert data.plays.loc["2015-03-01", "a1"] == 3
    assert (data.report.duplicated, data.report.malformed) == (0, 2)


def test_a_utf8_bom_before_the_header_is_ignored(tmp_path):
    """Check files saved by spreadsheet programs (with a BOM) read normally."""
    songs = "\ufeff" + ",".join(
        ["song_id", "artist_id", "publish_time", "song_init_plays", "Language"]
    )
    actions = "\ufeffuser_id,song_id,gmt_create,action_type,Ds\n" + "\n".join(GOOD)
    write(tmp_path, songs + ",Gender\n" + SONG_ROWS, actions + "\n")
    data = read_contest_data(tmp_path)
    assert data.report.used == len(GOOD)
    table = tmp_path / "plays.csv"
    table.write_text("\ufeffartist_id,Ds,plays\na1,20150301,4\n")
    assert read_plays_table(table).plays["a1"].tolist() == [4.0]


@pytest.mark.parametrize(
    ("actions", "match"),
    [
        (gzip.compress("\n".join(GOOD).encode()), "gzip-compressed.*gunzip"),
        ("\n".join(GOOD).encode() + b"\nu3,s\xff1,1425139202,1,20150302\n", "UTF-8"),
        (b"u1,s1,1425139200,1,20150301,extra\n", "6 fields.*needs 5"),
    ],
    ids=["gzip", "invalid-utf8", "six-columns"],
)
def test_unreadable_actions_name_the_file(tmp_path, actions, match):
    """Check compressed, non-UTF-8 and wrongly shaped tables name the file."""
    (tmp_path / SONGS).write_text(SONG_ROWS)
    (tmp_path / ACTIONS).write_bytes(actions)
    with pytest.raises(ValueError, match=match) as error:
        read_contest_data(tmp_path)
    assert ACTIONS in str(error.value)


def test_a_file_given_for_the_folder_says_what_to_pass(generated):
    """Check read_contest_data(file) explains folder vs plays table."""
    with pytest.raises(ValueError, match="is a file; read_contest_data takes the"):
        read_contest_data(generated / ACTIONS)
