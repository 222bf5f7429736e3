"""Reading the music contest's tables into daily series per artist."""

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from ._contest_files import (
    ACTIONS,
    ACTIONS_COLUMNS,
    ACTIONS_FILE,
    SONGS_COLUMNS,
    SONGS_FILE,
    TRUTH_FILE,
)

__all__ = ["ContestData", "ReadReport", "read_contest_data"]

_CHUNK_ROWS = 1_000_000


@dataclass
class ReadReport:
    """What the reader kept and skipped, row by row.

    Every skipped row is counted under the first reason that applies:
    ``malformed`` (a line with the wrong number of fields, or blank),
    ``duplicated`` (the same five fields as an earlier row),
    ``unknown_action`` (an ``action_type`` other than 1, 2, 3),
    ``bad_date`` (a ``Ds`` that is not a ``yyyymmdd`` date) or
    ``unknown_song`` (a ``song_id`` that is not in the songs table).
    The songs table's own skipped rows are counted in ``songs_skipped``.
    """

    rows: int = 0
    used: int = 0
    malformed: int = 0
    duplicated: int = 0
    unknown_action: int = 0
    bad_date: int = 0
    unknown_song: int = 0
    songs: int = 0
    songs_skipped: int = 0

    @property
    def skipped(self):
        """Action rows not used."""
        return self.rows - self.used

    def __str__(self):
        reasons = [
            f"{getattr(self, name):,} {name.replace('_', ' ')}"
            for name in (
                "malformed",
                "duplicated",
                "unknown_action",
                "bad_date",
                "unknown_song",
            )
            if getattr(self, name)
        ]
        line = f"{self.used:,} of {self.rows:,} action rows used"
        if reasons:
            line += f"; skipped: {', '.join(reasons)}"
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
    """

    plays: pd.DataFrame
    downloads: pd.DataFrame
    collects: pd.DataFrame
    truth: pd.DataFrame | None = None
    report: ReadReport = field(default_factory=ReadReport)


def _first_line(path):
    with open(path, encoding="utf-8", errors="replace") as file:
        for line in file:
            if line.strip():
                return line.rstrip("\r\n")
    raise ValueError(f"{path}: the file is empty.")


def _layout(path, columns):
    """Whether the file has a header, checked against the expected columns."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file.")
    first = _first_line(path)
    if "," not in first and len(columns) > 1:
        found = [sep for sep in ("\t", ";", "|", " ") if sep in first]
        hint = f" (it looks {found[0]!r}-separated)" if found else ""
        raise ValueError(
            f"{path}: expected comma-separated columns "
            f"{', '.join(columns)}{hint}; save it as CSV with commas."
        )
    fields = [f.strip() for f in first.split(",")]
    header = any(name in fields for name in columns)
    have = fields if header else columns[: len(fields)]
    missing = [name for name in columns if name not in have]
    if missing:
        raise ValueError(
            f"{path}: column `{missing[0]}` is missing (expected "
            f"{', '.join(columns)}; found "
            f"{', '.join(fields) if header else f'{len(fields)} unnamed columns'})."
        )
    return header


def read_table(path, columns, dtype=None):
    """Read a small contest table, with or without its header, as strings."""
    header = _layout(path, columns)
    frame = pd.read_csv(
        path,
        header=0 if header else None,
        names=None if header else columns,
        usecols=columns,
        dtype={c: str for c in columns} | (dtype or {}),
        keep_default_na=False,
        skip_blank_lines=True,
    )
    if frame.empty:
        raise ValueError(f"{path}: the file has a header but no rows.")
    return frame


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


def _count_lines(path):
    """Lines of a file, counted in blocks (bounded memory)."""
    lines, last = 0, b"\n"
    with open(path, "rb") as file:
        while block := file.read(1 << 24):
            lines += block.count(b"\n")
            last = block[-1:]
    return lines + (last != b"\n")


def read_contest_data(path, *, songs=None, actions=None, verbose=False):
    """Read the contest's songs and user-action tables into daily series.

    Reads the files as released (CSV without a header) or with a header row.
    The actions file is read in chunks of a million rows, so memory stays
    bounded by the chunk plus 8 bytes per row for finding duplicates.

    Parameters
    ----------
    path : str or path-like
        Directory holding ``mars_tianchi_songs.csv`` and
        ``mars_tianchi_user_actions.csv`` (and, optionally, the generator's
        ``mars_tianchi_artist_plays_truth.csv``).
    songs, actions : str, path-like or None, default=None
        Other file paths for the two tables.
    verbose : bool, default=False
        Show a progress bar over the action rows.

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
    songs_path = Path(songs) if songs else path / SONGS_FILE
    actions_path = Path(actions) if actions else path / ACTIONS_FILE
    report = ReadReport()
    artists, artist_of_song = _songs(songs_path, report)
    header = _layout(actions_path, ACTIONS_COLUMNS)
    total = _count_lines(actions_path) - header

    seen = np.empty(0, dtype=np.uint64)
    parts = []
    reader = pd.read_csv(
        actions_path,
        header=0 if header else None,
        names=None if header else ACTIONS_COLUMNS,
        # with a header, extra columns are fine; without, a line with extra
        # fields is malformed (the parser skips it; the line count tells)
        usecols=ACTIONS_COLUMNS if header else None,
        dtype=str,
        keep_default_na=False,
        on_bad_lines="skip",
        chunksize=_CHUNK_ROWS,
    )
    with tqdm(total=total, unit="rows", disable=not verbose, desc="read") as bar:
        for chunk in reader:
            seen = _aggregate(chunk, artist_of_song, seen, parts, report)
            bar.update(len(chunk))
    report.malformed += total - report.rows  # lines the parser skipped
    report.rows = total
    if not parts or not sum(len(p) for p in parts):
        raise ValueError(
            f"{actions_path}: no usable action rows ({report}); check the "
            "file against the songs table."
        )
    counts = pd.concat(parts).groupby(["action", "day", "artist"]).sum()["n"]
    days = pd.to_datetime(counts.index.get_level_values("day"), unit="D")
    grid = pd.date_range(days.min(), days.max(), freq="D")
    frames = {}
    for code, name in enumerate(ACTIONS.values()):
        part = (
            counts.xs(code, level="action") if code in counts.index.levels[0] else None
        )
        wide = pd.DataFrame(0, index=grid, columns=artists, dtype=np.int64)
        if part is not None and len(part):
            table = part.unstack("artist", fill_value=0)
            table.index = pd.to_datetime(table.index, unit="D")
            table.columns = artists[table.columns]
            wide.loc[table.index, table.columns] = table.to_numpy()
        wide.index.name, wide.columns.name = "Ds", "artist_id"
        frames[name] = wide
    truth_path = path / TRUTH_FILE
    truth = None
    if path.is_dir() and truth_path.is_file():
        from ._contest_files import read_submission

        truth = read_submission(truth_path)
    return ContestData(**frames, truth=truth, report=report)


def _aggregate(chunk, artist_of_song, seen, parts, report):
    """Count one chunk's usable rows per (action, day, artist); skip the rest."""
    report.rows += len(chunk)
    hashes = pd.util.hash_pandas_object(chunk, index=False).to_numpy()
    duplicated = pd.Series(hashes).duplicated().to_numpy()
    duplicated |= np.isin(hashes, seen, assume_unique=False)
    seen = np.union1d(seen, hashes)

    codes, names = pd.factorize(chunk["action_type"].str.strip())
    action_of_name = np.array(
        [list(ACTIONS).index(a) if a in ACTIONS else -1 for a in names]
    )
    action = (
        np.where(codes >= 0, action_of_name[codes], -1)
        if len(names)
        else np.full(len(chunk), -1)
    )

    codes, names = pd.factorize(chunk["Ds"].str.strip())
    dates = pd.to_datetime(pd.Series(names), format="%Y%m%d", errors="coerce")
    day_of_name = (dates - pd.Timestamp("1970-01-01")).dt.days.to_numpy(dtype=float)
    day = np.append(day_of_name, np.nan)[codes]

    codes, names = pd.factorize(chunk["song_id"].str.strip())
    artist_of_name = artist_of_song.reindex(names).to_numpy(dtype=float)
    artist = np.append(artist_of_name, np.nan)[codes]

    # lines with too few fields, or empty ones
    short = (chunk.isna() | (chunk == "")).any(axis=1).to_numpy()
    report.malformed += int(short.sum())
    duplicated &= ~short
    keep = ~short & ~duplicated
    report.duplicated += int(duplicated.sum())
    bad = keep & (action < 0)
    report.unknown_action += int(bad.sum())
    keep &= ~bad
    bad = keep & np.isnan(day)
    report.bad_date += int(bad.sum())
    keep &= ~bad
    bad = keep & np.isnan(artist)
    report.unknown_song += int(bad.sum())
    keep &= ~bad
    report.used += int(keep.sum())
    frame = pd.DataFrame(
        {
            "action": action[keep],
            "day": day[keep].astype(np.int64),
            "artist": artist[keep].astype(np.int64),
        }
    )
    parts.append(frame.value_counts().rename("n").reset_index())
    return seen
