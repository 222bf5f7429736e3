"""Reading the music contest's tables into daily series per artist."""

import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from ..exceptions import InputError
from ._files import (
    ACTIONS,
    ACTIONS_COLUMNS,
    ACTIONS_FILE,
    SONGS_COLUMNS,
    SONGS_FILE,
    TRUTH_FILE,
    check_header,
    read_table,
    yyyymmdd,
)

__all__ = ["ContestData", "ReadReport", "read_contest_data"]

_BLOCK_BYTES = 1 << 24  # 16 MiB of CSV text per block
_EPOCH = "1970-01-01"
# Days with actions further apart than this split the data into runs; only
# the run with most actions is kept (a stray row dated years off is skipped).
_MAX_GAP_DAYS = 31


@dataclass
class ReadReport:
    """What the reader kept and skipped, row by row.

    Every skipped row is counted under the first reason that applies:
    ``malformed`` (a line with the wrong number of fields, an empty field,
    or a ``gmt_create`` that is not a whole number of seconds; blanks around
    it and a ``.0`` are fine), ``unknown_action`` (an ``action_type`` other
    than 1, 2, 3), ``bad_date`` (a ``Ds`` that is not a ``yyyymmdd`` date,
    or lies more than a month apart from the run of days that holds most
    actions; a warning says so),
    ``unknown_song`` (a ``song_id`` that is not in the songs table) or
    ``duplicated`` (the same user, song, ``gmt_create`` and action as an
    earlier row; found by 64-bit hashes, so two different rows collide with
    a chance of about ``rows**2 / 2**65``). Blank lines are not rows.
    The songs table's own skipped rows are counted in ``songs_skipped``.
    ``table`` names the kind of rows read: ``"action"`` for the raw actions
    table, ``"plays"`` for a daily plays table (:func:`read_plays_table`).

    Examples
    --------
    >>> from lstmreg import ReadReport
    >>> report = ReadReport(rows=10, used=8, bad_date=1, duplicated=1, songs=3)
    >>> print(report)
    8 of 10 action rows used; skipped: 1 bad date, 1 duplicated. 3 songs.
    >>> report.skipped
    2
    """

    rows: int = 0
    used: int = 0
    malformed: int = 0
    unknown_action: int = 0
    bad_date: int = 0
    unknown_song: int = 0
    duplicated: int = 0
    songs: int = 0
    songs_skipped: int = 0
    table: str = "action"

    @property
    def skipped(self):
        """Action rows not used."""
        return self.rows - self.used

    def __str__(self):
        reasons = [
            f"{getattr(self, name):,} {name.replace('_', ' ')}"
            for name in (
                "malformed",
                "unknown_action",
                "bad_date",
                "unknown_song",
                "duplicated",
            )
            if getattr(self, name)
        ]
        line = f"{self.used:,} of {self.rows:,} {self.table} rows used"
        if reasons:
            line += f"; skipped: {', '.join(reasons)}"
        if self.table != "action":
            return line + "."
        line += f". {self.songs:,} songs"
        if self.songs_skipped:
            line += f" ({self.songs_skipped:,} rows skipped)"
        return line + "."


@dataclass
class ContestData:
    """The contest's tables as daily series per artist.

    Attributes
    ----------
    plays, downloads, collects : pandas.DataFrame
        Daily index over the full date range of the actions, one column per
        artist (every artist of the songs table); days without actions are 0.
    truth : pandas.DataFrame or None
        Daily plays after the history, if the directory holds a truth file
        in submission format (the generator writes one).
    report : ReadReport
        Rows used and skipped.

    Examples
    --------
    >>> import tempfile
    >>> from lstmreg import generate_contest_data, read_contest_data
    >>> folder = tempfile.mkdtemp()
    >>> _ = generate_contest_data(folder, n_artists=2, seed=5)
    >>> data = read_contest_data(folder)
    >>> data.plays.index[[0, -1]].strftime("%Y-%m-%d").tolist()
    ['2015-03-01', '2015-08-30']
    >>> bool((data.downloads.sum() < data.plays.sum()).all())
    True
    """

    plays: pd.DataFrame
    downloads: pd.DataFrame
    collects: pd.DataFrame
    truth: pd.DataFrame | None = None
    report: ReadReport = field(default_factory=ReadReport)


def _songs(path, report):
    songs = read_table(path, SONGS_COLUMNS)
    bad = (songs["song_id"] == "") | (songs["artist_id"] == "")
    bad |= songs["song_id"].duplicated()
    report.songs_skipped = int(bad.sum())
    songs = songs.loc[~bad]
    report.songs = len(songs)
    artists = np.sort(songs["artist_id"].unique())
    artist_of_song = pd.Series(
        np.searchsorted(artists, songs["artist_id"].to_numpy()),
        index=pd.Index(songs["song_id"].to_numpy()),
    )
    return artists, artist_of_song


def read_contest_data(path, *, songs=None, actions=None, verbose=False):
    """Read the contest's songs and user-action tables into daily series.

    Reads the files as released (CSV without a header) or with a header row.
    The actions file is streamed in blocks of 16 MiB (pyarrow's CSV reader),
    so memory stays bounded by a block plus 8 bytes per row for finding
    duplicates.

    Parameters
    ----------
    path : str or path-like
        Directory holding ``mars_tianchi_songs.csv`` and
        ``mars_tianchi_user_actions.csv`` (and, optionally, the generator's
        ``mars_tianchi_artist_plays_truth.csv``).
    songs, actions : str, path-like or None, default=None
        Other file paths for the two tables.
    verbose : bool, default=False
        Show a progress bar over the bytes of the actions file.

    Returns
    -------
    ContestData
        Daily plays, downloads and collects per artist, the truth if
        present, and a :class:`ReadReport` of skipped rows.

    Raises
    ------
    ValueError
        A file is empty, not comma-separated or lacks a column (the message
        names the file and the column).

    Examples
    --------
    >>> import tempfile
    >>> from lstmreg import generate_contest_data, read_contest_data
    >>> folder = tempfile.mkdtemp()
    >>> _ = generate_contest_data(folder, n_artists=3, seed=0)
    >>> data = read_contest_data(folder)
    >>> data.plays.shape, data.truth.shape
    ((183, 3), (61, 3))
    >>> data.report.malformed, data.report.unknown_song
    (0, 0)
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file or directory.")
    if path.is_file() and not (songs and actions):
        raise InputError(
            f"{path} is a file; read_contest_data takes the folder that holds "
            f"{SONGS_FILE} and {ACTIONS_FILE}. For a daily plays table use "
            "read_plays_table."
        )
    songs_path = Path(songs) if songs else path / SONGS_FILE
    actions_path = Path(actions) if actions else path / ACTIONS_FILE
    report = ReadReport()
    artists, artist_of_song = _songs(songs_path, report)
    header = check_header(actions_path, ACTIONS_COLUMNS)
    codes, counts = _read_actions(actions_path, header, artist_of_song, report, verbose)
    if not len(codes):
        raise InputError(
            f"{actions_path}: no usable action rows ({report}); check the "
            "file against the songs table."
        )
    action, day, artist = codes >> 48, (codes >> 32) & 0xFFFF, codes & 0xFFFFFFFF
    inside = _main_run(day, counts)
    if not inside.all():
        stray = int(counts[~inside].sum())
        report.bad_date += stray
        report.used -= stray
        codes, counts = codes[inside], counts[inside]
        action, day, artist = action[inside], day[inside], artist[inside]
    grid = pd.date_range(
        pd.Timestamp(_EPOCH) + pd.Timedelta(days=int(day.min())),
        pd.Timestamp(_EPOCH) + pd.Timedelta(days=int(day.max())),
        freq="D",
    )
    if report.bad_date:
        warnings.warn(
            f"{actions_path}: {report.bad_date:,} action row(s) with a `Ds` that "
            "is not a day of the data's period (not a yyyymmdd date, or one "
            "apart from the rest of the data) were skipped; see the ReadReport.",
            UserWarning,
            stacklevel=2,
        )
    frames = {}
    for code, name in enumerate(ACTIONS.values()):
        table = np.zeros((len(grid), len(artists)), dtype=np.int64)
        mine = action == code
        np.add.at(table, (day[mine] - day.min(), artist[mine]), counts[mine])
        frames[name] = pd.DataFrame(
            table,
            index=pd.DatetimeIndex(grid, name="Ds"),
            columns=pd.Index(artists, name="artist_id"),
        )
    truth_path = path / TRUTH_FILE
    truth = None
    if path.is_dir() and truth_path.is_file():
        from ._files import read_submission

        truth = read_submission(truth_path)
    return ContestData(**frames, truth=truth, report=report)


def _read_actions(path, header, artist_of_song, report, verbose):
    """Stream the actions file in blocks; return (code, count) per action, day
    and artist, where ``code = action << 48 | day << 32 | artist``."""
    import pyarrow as pa
    from pyarrow import csv

    skipped = []

    def skip(row):  # a line with the wrong number of fields
        skipped.append(row.number)
        return "skip"

    read_options = csv.ReadOptions(
        column_names=None if header else ACTIONS_COLUMNS, block_size=_BLOCK_BYTES
    )
    convert = csv.ConvertOptions(
        column_types=dict.fromkeys(ACTIONS_COLUMNS, pa.string()),
        include_columns=ACTIONS_COLUMNS,  # with a header, extra columns are fine
        strings_can_be_null=False,
    )
    parse = csv.ParseOptions(invalid_row_handler=skip)
    seen = np.empty(0, dtype=np.uint64)
    codes, counts = [], []
    size = path.stat().st_size
    with (
        open(path, "rb") as file,
        tqdm(total=size, unit="B", unit_scale=True, disable=not verbose) as bar,
    ):
        try:
            for batch in csv.open_csv(file, read_options, parse, convert):
                seen = _aggregate(batch, artist_of_song, seen, codes, counts, report)
                bar.update(min(file.tell(), size) - bar.n)
        except pa.ArrowInvalid as error:
            raise InputError(
                f"{path}: cannot read it as UTF-8 comma-separated text ({error}); "
                "save it as UTF-8 CSV."
            ) from None
    report.rows += len(skipped)
    report.malformed += len(skipped)
    if not codes:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    frame = pd.DataFrame({"code": np.concatenate(codes), "n": np.concatenate(counts)})
    total = frame.groupby("code")["n"].sum()
    return total.index.to_numpy(), total.to_numpy()


def _encoded(column, values_of):
    """``values_of`` applied to the distinct strings of ``column``, per row."""
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(column)
    distinct = encoded.dictionary.to_numpy(zero_copy_only=False)
    return values_of(distinct)[encoded.indices.to_numpy()]


def _integers(column):
    """The column's whole numbers, written with blanks around them or as
    ``1425142425.0`` too; -1 for anything else."""
    import pyarrow as pa
    import pyarrow.compute as pc

    digits = pc.utf8_is_digit(column)
    if not pc.all(digits).as_py():  # only a block with odd values pays for this
        column = pc.utf8_trim_whitespace(column)
        column = pc.replace_substring_regex(column, r"^(\d+)\.0*$", r"\1")
        digits = pc.utf8_is_digit(column)
    return pc.cast(pc.if_else(digits, column, "-1"), pa.int64()).to_numpy()


def _days(texts):
    """Days since 1970 of ``yyyymmdd`` strings; NaN where not a date, or a
    date before 1970 or after 2149 (which the day code cannot hold)."""
    dates = yyyymmdd(pd.Series(texts))
    days = (dates - pd.Timestamp(_EPOCH)).dt.days.to_numpy(dtype=np.float64)
    days[(days < 0) | (days > 0xFFFF)] = np.nan
    return days


def _main_run(days, counts, max_gap=_MAX_GAP_DAYS):
    """Whether each day belongs to the run of days that holds most actions.

    Days with actions are split into runs wherever ``max_gap`` or more days
    pass without one; a stray row years away from the data is its own run.
    """
    distinct, where = np.unique(days, return_inverse=True)
    run = np.concatenate([[0], np.cumsum(np.diff(distinct) > max_gap)])
    totals = np.bincount(run[where], weights=counts)
    return run[where] == np.argmax(totals)


def _aggregate(batch, artist_of_song, seen, codes, counts, report):
    """Count one block's usable rows per (action, day, artist); skip the rest."""
    import pyarrow.compute as pc

    n = batch.num_rows
    report.rows += n
    empty = np.zeros(n, dtype=bool)
    for name in ACTIONS_COLUMNS:
        empty |= pc.equal(batch.column(name), "").to_numpy(zero_copy_only=False)
    seconds = _integers(batch.column("gmt_create"))
    empty |= seconds < 0  # a time that is not a whole number of seconds
    report.malformed += int(empty.sum())
    keep = ~empty

    known = {a: i for i, a in enumerate(ACTIONS)}
    action = _encoded(
        batch.column("action_type"),
        lambda u: np.array([known.get(a.strip(), -1) for a in u], dtype=np.int64),
    )
    day = _encoded(batch.column("Ds"), _days)
    artist = _encoded(
        batch.column("song_id"),
        lambda u: artist_of_song.reindex(pd.Index(u).str.strip()).to_numpy(float),
    )
    for reason, bad in (
        ("unknown_action", action < 0),
        ("bad_date", np.isnan(day)),
        ("unknown_song", np.isnan(artist)),
    ):
        bad &= keep
        setattr(report, reason, getattr(report, reason) + int(bad.sum()))
        keep &= ~bad

    # duplicates among the usable rows: same user, song, second and action
    key = action.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    for name in ("user_id", "song_id"):
        hashed = _encoded(
            batch.column(name), lambda u: pd.util.hash_array(u, categorize=False)
        )
        key = (key ^ hashed) * np.uint64(0xBF58476D1CE4E5B9)
    key = (key ^ seconds.astype(np.uint64)) * np.uint64(0x94D049BB133111EB)
    rows = np.flatnonzero(keep)
    order = np.argsort(key[rows], kind="stable")  # earliest row first
    ordered = key[rows][order]
    repeated = np.zeros(len(ordered), dtype=bool)
    repeated[1:] = ordered[1:] == ordered[:-1]
    if len(seen):  # sorted queries: cache-friendly binary searches
        at = np.minimum(np.searchsorted(seen, ordered), len(seen) - 1)
        repeated |= seen[at] == ordered
    duplicated = np.empty_like(repeated)
    duplicated[order] = repeated
    report.duplicated += int(duplicated.sum())
    rows = rows[~duplicated]
    seen = np.concatenate([seen, ordered[~repeated]])
    seen.sort(kind="stable")  # two sorted runs: a linear merge
    report.used += len(rows)

    code = (
        (action[rows] << 48)
        | (day[rows].astype(np.int64) << 32)
        | artist[rows].astype(np.int64)
    )
    tally = pd.Series(code).value_counts(sort=False)
    codes.append(tally.index.to_numpy())
    counts.append(tally.to_numpy())
    return seen
