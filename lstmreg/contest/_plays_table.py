"""Reading a daily plays table: one row per artist and day, as published."""

import warnings

import numpy as np
import pandas as pd

from .._utils._validation import short_repr
from ..exceptions import InputError
from ._files import (
    comma_separated_first_line,
    numbers_column,
    per_distinct,
    yyyymmdd,
)
from ._read import _EPOCH, _MAX_GAP_DAYS, ContestData, ReadReport, _main_run

__all__ = ["read_plays_table"]

_NAMES = {"artist_id": "artist_id", "ds": "Ds", "plays": "plays"}
_EXTRA = ("downloads", "collects")
# rows parsed at a time: the text of a chunk is held as Python strings
_CHUNK_ROWS = 100_000


def _columns(path):
    """The file's column names in order, and whether it has a header row."""
    first = comma_separated_first_line(path, ["artist_id", "Ds", "plays"])
    fields = [f.strip() for f in first.split(",")]
    known = {*_NAMES, *_EXTRA}
    if any(f.lower() in known for f in fields):
        names = [_NAMES.get(f.lower(), f.lower()) for f in fields]
        missing = [n for n in ("artist_id", "Ds", "plays") if n not in names]
        if missing:
            raise InputError(
                f"{path}: column `{missing[0]}` is missing (expected artist_id, "
                f"Ds, plays[, downloads, collects] or artist_id, Plays, Ds; "
                f"found {', '.join(fields)})."
            )
        return names, True
    if len(fields) == 5:
        return ["artist_id", "Ds", "plays", *_EXTRA], False
    if len(fields) == 3:
        dates = [i for i in (1, 2) if _looks_like_a_day(fields[i])]
        if dates == [1]:
            return ["artist_id", "Ds", "plays"], False
        if dates == [2]:
            return ["artist_id", "plays", "Ds"], False
    raise InputError(
        f"{path}: cannot tell the columns of a file without a header from its "
        f"first row {fields}; expected artist_id,Plays,Ds (the submission's "
        "layout) or artist_id,Ds,plays[,downloads,collects]. Add a header row."
    )


def _day_numbers(days):
    """Days since 1970 (negative before) of a Series of timestamps."""
    return (days - pd.Timestamp(_EPOCH)).dt.days.to_numpy()


def _day_stamp(number):
    return pd.Timestamp(_EPOCH) + pd.Timedelta(days=int(number))


def _day_text(number):
    """A day number as the table's ``yyyymmdd``."""
    return _day_stamp(number).strftime("%Y%m%d")


def _looks_like_a_day(text):
    return len(text) == 8 and text.isdigit() and "19000101" < text < "21000101"


def read_plays_table(path):
    """Read a table of daily plays per artist, as contest aggregates look.

    Two layouts are recognised, with or without a header row: the
    submission's own ``artist_id,Plays,Ds``, and
    ``artist_id,Ds,plays[,downloads,collects]`` (the real data's aggregates).
    ``Ds`` is a ``yyyymmdd`` day. Days missing for an artist within the
    table's date range are days without plays (0), as in
    :func:`read_contest_data`. As there, rows dated more than a month apart
    from the run of days that holds most rows (a stray ``20991231``) are
    skipped, and so are rows without an ``artist_id``; a warning and the
    report say how many. The file is read 100,000 rows at a time into
    arrays (day, artist and numbers: about 32 bytes a row), so memory grows
    with the table's numbers, not with its text.

    Parameters
    ----------
    path : str or path-like
        The CSV file.

    Returns
    -------
    ContestData
        ``plays`` (and ``downloads`` and ``collects``, zeros when the table
        has none) with a daily index and one column per artist; ``truth`` is
        None; ``report`` counts the rows used and skipped.

    Raises
    ------
    ValueError
        The file is empty, not comma-separated, its columns cannot be told,
        or a row has a bad day, a missing number or a repeated
        ``(artist_id, Ds)`` (the message names the file and the column).

    See Also
    --------
    read_contest_data : Reads the contest's raw tables instead.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from lstmreg import read_plays_table
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "plays.csv"
    >>> _ = path.write_text("a1,10,20150301\\na1,12,20150302\\nb2,5,20150302\\n")
    >>> read_plays_table(path).plays
    artist_id     a1   b2
    Ds
    2015-03-01  10.0  0.0
    2015-03-02  12.0  5.0
    """
    names, header = _columns(path)
    chunks = pd.read_csv(
        path,
        encoding="utf-8-sig",
        header=0 if header else None,
        names=names,
        dtype=str,
        keep_default_na=False,
        skip_blank_lines=True,
        skipinitialspace=True,
        chunksize=_CHUNK_ROWS,
    )
    ids = {}
    with chunks:
        parts = [_read_chunk(chunk, path, ids) for chunk in chunks]
    if not parts or not sum(len(part["day"]) for part in parts):
        raise InputError(f"{path}: the file has a header but no rows.")
    # one column at a time, letting go of its chunks: 8 bytes a row (day and
    # artist), plus 8 for each number column
    rows = {
        key: np.concatenate([part.pop(key) for part in parts]) for key in list(parts[0])
    }
    del parts
    day, code = rows["day"], rows["code"]
    report = ReadReport(rows=len(day), table="plays")
    report.malformed = int((code < 0).sum())
    distinct, counts = np.unique(day, return_counts=True)
    run = distinct[_main_run(distinct, counts)]  # consecutive distinct days
    inside = (day >= run[0]) & (day <= run[-1])
    report.bad_date = int((~inside & (code >= 0)).sum())
    keep = inside & (code >= 0)
    report.used = int(keep.sum())
    if report.skipped:
        outside = np.flatnonzero(~inside)
        example = short_repr(_day_text(day[outside[0]])) if len(outside) else "none"
        warnings.warn(
            f"{path}: {report.skipped:,} row(s) skipped: {report.malformed:,} "
            f"without an artist_id and {report.bad_date:,} dated more than "
            f"{_MAX_GAP_DAYS} days apart from the rest of the table (e.g. "
            f"{example}); see the ReadReport.",
            UserWarning,
            stacklevel=2,
        )
    if not keep.any():
        raise InputError(f"{path}: no usable rows ({report}).")
    kept = None if keep.all() else np.flatnonzero(keep)
    if kept is not None:
        day, code = day[kept], code[kept]
    first = day.min()
    names_of = np.array(list(ids), dtype=object)
    artists = np.unique(code)  # the artists with a usable row
    order = np.argsort(names_of[artists], kind="stable")
    column = np.empty(len(names_of), dtype=np.int64)
    column[artists[order]] = np.arange(len(artists))
    cell = (day - first).astype(np.int64) * len(artists) + column[code]
    _refuse_repeats(cell, kept, day, names_of, code, path)
    grid = pd.date_range(_day_stamp(first), periods=day.max() - first + 1, freq="D")
    grid.name = "Ds"
    columns = pd.Index(names_of[artists[order]], name="artist_id")
    tables = {}
    for name in ("plays", *_EXTRA):
        wide = np.zeros(len(grid) * len(artists))
        if name in rows:
            values = rows.pop(name)
            wide[cell] = values if kept is None else values[kept]
        tables[name] = pd.DataFrame(
            wide.reshape(len(grid), len(artists)), index=grid, columns=columns
        )
    return ContestData(**tables, report=report)


def _read_chunk(frame, path, ids):
    """One chunk of rows as arrays: day numbers, artist codes (-1: no id,
    new ids added to ``ids`` in order of appearance) and the numbers; an
    error names the file, the column and the row."""
    offset = int(frame.index[0]) if len(frame) else 0
    days = yyyymmdd(frame["Ds"])
    if days.isna().any():
        row = int(np.flatnonzero(days.isna())[0])
        raise InputError(
            f"{path}: column `Ds` needs yyyymmdd days; row {offset + row + 1} "
            f"has {short_repr(frame['Ds'].iloc[row])}."
        )
    # each distinct id stripped once (per_distinct), in order of appearance
    where, distinct = pd.factorize(per_distinct(frame["artist_id"], _stripped))
    known = [-1 if a == "" else ids.setdefault(a, len(ids)) for a in distinct]
    part = {
        "day": _day_numbers(days).astype(np.int32),
        "code": np.array(known, dtype=np.int32)[where],
    }
    for name in ("plays", *_EXTRA):
        if name in frame:
            values = numbers_column(frame, name, path, first_row=offset)
            part[name] = values.to_numpy()
    return part


def _stripped(texts):
    return texts.str.strip()


def _refuse_repeats(cell, rows, day, names, code, path):
    """An error naming the first row whose (artist, day) came before;
    ``rows`` are the rows' numbers in the file (None: 0, 1, ...)."""
    if np.bincount(cell).max() > 1:
        row = int(np.flatnonzero(pd.Series(cell).duplicated().to_numpy())[0])
        line = row if rows is None else rows[row]
        raise InputError(
            f"{path}: artist {short_repr(names[code[row]])} has day "
            f"{_day_text(day[row])} twice (row {line + 1}); keep one row "
            "per artist and day."
        )
