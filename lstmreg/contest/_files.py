"""The music contest's file layout: names, columns, calendar, and reading and
writing its small tables; shared by the generator, the reader and the command
line."""

import hashlib
import re
from pathlib import Path

import numpy as np
import pandas as pd

from .._utils._atomic import replacing
from .._utils._validation import short_repr
from ..exceptions import InputError

SONGS_FILE = "mars_tianchi_songs.csv"
ACTIONS_FILE = "mars_tianchi_user_actions.csv"
SUBMISSION_FILE = "mars_tianchi_artist_plays_predict.csv"
TRUTH_FILE = "mars_tianchi_artist_plays_truth.csv"
DAILY_FILE = "artist_daily.csv"  # the generator's daily counts per artist

SONGS_COLUMNS = [
    "song_id",
    "artist_id",
    "publish_time",
    "song_init_plays",
    "Language",
    "Gender",
]
ACTIONS_COLUMNS = ["user_id", "song_id", "gmt_create", "action_type", "Ds"]
SUBMISSION_COLUMNS = ["artist_id", "Plays", "Ds"]
ACTIONS = {"1": "plays", "2": "downloads", "3": "collects"}

# Six months of history, then the 61 days after it that the contest scores
# (the submission's 2015-09-01 .. 2015-10-30, with 2015-08-31 before them).
HISTORY = pd.date_range("2015-03-01", "2015-08-30", freq="D")
FUTURE = pd.date_range("2015-08-31", "2015-10-30", freq="D")
HORIZON = len(FUTURE)  # 61


def format_day(index):
    """Days as the contest writes them: ``yyyymmdd`` strings."""
    return index.strftime("%Y%m%d")


# magic bytes -> (format, the command that unpacks it)
_COMPRESSED = {
    b"\x1f\x8b": ("gzip", "gunzip"),
    b"PK": ("zip", "unzip"),
    b"BZ": ("bzip2", "bunzip2"),
    b"\xfd7": ("xz", "unxz"),
}


def first_line(path):
    """The first non-blank line of a text file (a UTF-8 BOM removed)."""
    with open(path, "rb") as file:
        packed = _COMPRESSED.get(file.read(2))
    if packed:
        raise InputError(
            f"{path}: the file is {packed[0]}-compressed; decompress it first "
            f"(e.g. `{packed[1]} {Path(path).name}`)."
        )
    with open(path, encoding="utf-8-sig", errors="replace") as file:
        for line in file:
            if line.strip():
                return line.rstrip("\r\n")
    raise InputError(f"{path}: the file is empty.")


def comma_separated_first_line(path, columns):
    """The file's first line, after checking that it is comma-separated."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file.")
    first = first_line(path)
    if "," not in first and len(columns) > 1:
        found = [sep for sep in ("\t", ";", "|", " ") if sep in first]
        hint = f" (it looks {found[0]!r}-separated)" if found else ""
        raise InputError(
            f"{path}: expected comma-separated columns "
            f"{', '.join(columns)}{hint}; save it as CSV with commas."
        )
    return first


def check_header(path, columns):
    """Whether the file has a header, checked against the expected columns."""
    first = comma_separated_first_line(path, columns)
    fields = [f.strip() for f in first.split(",")]
    header = any(name in fields for name in columns)
    if not header and len(fields) > len(columns):
        raise InputError(
            f"{path}: the first row has {len(fields)} fields but a file without a "
            f"header needs {len(columns)} ({', '.join(columns)}); add a header "
            "row naming the columns, or remove the extra ones."
        )
    have = fields if header else columns[: len(fields)]
    missing = [name for name in columns if name not in have]
    if missing:
        raise InputError(
            f"{path}: column `{missing[0]}` is missing (expected "
            f"{', '.join(columns)}; found "
            f"{', '.join(fields) if header else f'{len(fields)} unnamed columns'})."
        )
    return header


def read_table(path, columns, dtype=None):
    """Read a small contest table, with or without its header, as strings."""
    header = check_header(path, columns)
    frame = pd.read_csv(
        path,
        encoding="utf-8-sig",
        header=0 if header else None,
        names=None if header else columns,
        usecols=columns,
        dtype={c: str for c in columns} | (dtype or {}),
        keep_default_na=False,
        skip_blank_lines=True,
    )
    if frame.empty:
        raise InputError(f"{path}: the file has a header but no rows.")
    return frame


def per_distinct(texts, parse):
    """``parse`` (of a Series of texts, to an equally long Series) run once
    per distinct text of ``texts`` and spread back to every row.

    A column of a large table repeats few texts (183 days, small counts,
    an artist's id on every one of its days): parsing each distinct text
    once instead of each row's was most of the time of reading one.
    """
    codes, distinct = pd.factorize(texts, use_na_sentinel=False)
    parsed = parse(pd.Series(distinct, dtype=object)).to_numpy()
    return pd.Series(parsed[codes], index=texts.index, name=texts.name)


def numbers_column(frame, column, path, first_row=0):
    """``frame[column]`` as finite floats, or an error naming the file and row
    (counted from ``first_row``, the rows before ``frame`` in the file)."""

    def floats(texts):
        values = pd.to_numeric(texts.str.strip(), errors="coerce")
        return pd.Series(values.to_numpy(dtype=np.float64, na_value=np.nan))

    values = per_distinct(frame[column], floats)
    bad = ~np.isfinite(values.to_numpy())
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise InputError(
            f"{path}: column `{column}` needs a number on every row; row "
            f"{first_row + row + 1} has {short_repr(frame[column].iloc[row])}."
        )
    return values


def yyyymmdd(texts):
    """Days of ``yyyymmdd`` texts (blanks around them are fine); NaT where a
    text is not eight digits of a date: strptime alone reads ``2015031``
    as 1 March."""

    def days(texts):
        texts = texts.str.strip()
        days = pd.to_datetime(texts, format="%Y%m%d", errors="coerce")
        return days.where(texts.str.fullmatch("[0-9]{8}"))

    return per_distinct(texts, days)


def write_submission(plays, path):
    """Write per-artist daily plays in the contest's submission format.

    Parameters
    ----------
    plays : pandas.DataFrame
        Daily index, one column per artist.
    path : str or path-like
        The CSV to write: ``artist_id,Plays,Ds`` without a header, one row
        per artist and day, plays rounded to whole numbers. It is written to a
        temporary file that replaces ``path`` only when complete.

    Raises
    ------
    TypeError, ValueError
        ``plays`` is not a frame indexed by day, or holds a missing,
        infinite, negative or too large value; nothing is written then.

    Examples
    --------
    >>> import pandas as pd, tempfile, pathlib
    >>> from lstmreg import read_submission, write_submission
    >>> plays = pd.DataFrame(
    ...     {"a1": [10.4, 12.6]}, index=pd.date_range("2015-09-01", periods=2)
    ... )
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "predict.csv"
    >>> write_submission(plays, path)
    >>> print(path.read_text())
    a1,10,20150901
    a1,13,20150902
    >>> read_submission(path)
    artist_id   a1
    Ds
    2015-09-01  10.0
    2015-09-02  13.0
    """
    values = _checked_plays(plays).to_numpy(dtype=np.float64)
    days = np.asarray(format_day(plays.index))  # one text a day, not a row
    by_day = np.argsort(days, kind="stable")
    by_artist = plays.columns.argsort()
    frame = pd.DataFrame(
        {
            "artist_id": np.repeat(plays.columns[by_artist], len(days)),
            "Plays": values[np.ix_(by_day, by_artist)]
            .T.ravel()
            .round()
            .astype("int64"),
            "Ds": np.tile(days[by_day], len(by_artist)),
        }
    )
    with replacing(path) as temporary:
        frame.to_csv(temporary, header=False, index=False)


def _checked_plays(plays):
    """``plays`` if it can be written as a submission; a clear error if not."""
    if not isinstance(plays, pd.DataFrame):
        raise TypeError(
            "`plays` must be a DataFrame with a daily DatetimeIndex and one column "
            f"per artist; got {type(plays).__name__} (for one artist's Series "
            "`s`, pass `s.to_frame(name=artist_id)`)."
        )
    if isinstance(plays.index, pd.PeriodIndex):
        raise InputError(
            "`plays` has a PeriodIndex; pass `plays.to_timestamp()` so the days "
            "can be written as yyyymmdd."
        )
    if not isinstance(plays.index, pd.DatetimeIndex):
        raise InputError(
            "`plays` must be indexed by day (a DatetimeIndex); got a "
            f"{type(plays.index).__name__}. Set the forecast days as the index."
        )
    types = plays.dtypes  # once: it is a new Series each time
    bad = [c for c, t in types.items() if not pd.api.types.is_numeric_dtype(t)]
    if bad:
        raise InputError(f"`plays` must hold numbers only; column(s) {bad[:3]} do not.")
    for artist in plays.columns:
        check_artist_id(artist)
    if plays.columns.has_duplicates:
        artist = plays.columns[plays.columns.duplicated()][0]
        raise InputError(
            f"`plays` has artist {artist!r} in more than one column; keep one "
            "column per artist. Nothing was written."
        )
    values = plays.to_numpy(dtype=np.float64, na_value=np.nan)
    problems = (
        (~np.isfinite(values), "is missing or infinite", "fill or drop it"),
        (values < 0, "is negative", "clip the forecasts with .clip(lower=0)"),
        (values >= 2.0**63, "is too large for a whole number of plays", "check it"),
    )
    for mask, what, fix in problems:
        if mask.any():
            day, artist = np.argwhere(mask)[0]
            raise InputError(
                f"`plays` of artist {plays.columns[artist]!r} on "
                f"{plays.index[day]:%Y-%m-%d} {what} ({values[day, artist]!r}); "
                f"{fix}. Nothing was written."
            )
    return plays


def check_artist_id(artist):
    """Refuse an artist id that a submission file cannot hold and give back.

    The format has no quoting: an id is written as it is, so it must be
    printable text without commas, quotes or line breaks, without blanks at
    either end, and not a column name (which would read as a header).
    """
    text = str(artist)
    bad = (
        not text
        or not text.isprintable()
        or any(c in text for c in ',"')
        or text != text.strip()
        or text in SUBMISSION_COLUMNS
    )
    if bad:
        raise InputError(
            f"artist id {short_repr(text)} cannot be written to a submission: ids "
            "must be non-empty printable text without commas, quotes, line "
            "breaks or blanks at either end, and not a column name "
            f"({', '.join(SUBMISSION_COLUMNS)}); rename the column. Nothing was "
            "written."
        )


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def file_names(ids, suffix):
    """One safe, distinct file name per id, for files named after data.

    An id keeps its name where it is short and made of letters, digits,
    ``.``, ``_`` and ``-`` only; any other id (a path such as ``../x``, a
    blank, a 300-character id), and ids that differ only in case, get a
    cleaned, shortened stem plus a hash of the id. No name can leave the
    folder it is joined to.

    Examples
    --------
    >>> file_names(["a1", "../../up2", "A1"], ".png")
    ['a1-...png', 'up2-...png', 'A1-...png']
    """
    ids = [str(i) for i in ids]
    stems = [_UNSAFE.sub("_", i).strip("._-")[:64] for i in ids]
    folded = pd.Series([s.lower() for s in stems])
    clash = folded.duplicated(keep=False).to_numpy()
    names = []
    for text, stem, shared in zip(ids, stems, clash, strict=True):
        if shared or not stem or stem != text:
            digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
            stem = f"{stem}-{digest[:10]}".lstrip("-")
        names.append(stem + suffix)
    return names


def read_submission(path):
    """Read a submission-format file (with or without header) as wide plays.

    Parameters
    ----------
    path : str or path-like
        A CSV of ``artist_id, Plays, Ds`` rows, e.g. a submission or the
        generator's truth file.

    Returns
    -------
    pandas.DataFrame
        Daily index ``Ds``, one column per ``artist_id``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from lstmreg import read_submission
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "truth.csv"
    >>> rows = ["artist_id,Plays,Ds", "a1,10,20150831", "a1,12,20150901", ""]
    >>> _ = path.write_text(chr(10).join(rows))
    >>> read_submission(path)["a1"].tolist()
    [10.0, 12.0]
    """
    frame = read_table(path, SUBMISSION_COLUMNS)
    frame["Plays"] = numbers_column(frame, "Plays", path)
    empty = (frame["artist_id"].str.strip() == "").to_numpy()
    if empty.any():
        row = int(np.flatnonzero(empty)[0])
        raise InputError(f"{path}: column `artist_id` is empty on row {row + 1}.")
    frame["Ds"] = yyyymmdd(frame["Ds"])
    if frame["Ds"].isna().any():
        raise InputError(f"{path}: column `Ds` has dates that are not yyyymmdd.")
    if frame.duplicated(["artist_id", "Ds"]).any():
        raise InputError(f"{path}: some (artist_id, Ds) pairs appear twice.")
    wide = frame.pivot(index="Ds", columns="artist_id", values="Plays")
    return wide.asfreq("D")
