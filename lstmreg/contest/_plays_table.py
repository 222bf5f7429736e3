"""Reading a daily plays table: one row per artist and day, as published."""

import warnings

import numpy as np
import pandas as pd

from .._utils._validation import short_repr
from ..exceptions import InputError
from ._files import comma_separated_first_line, numbers_column
from ._read import _EPOCH, _MAX_GAP_DAYS, ContestData, ReadReport, _main_run

__all__ = ["read_plays_table"]

_NAMES = {"artist_id": "artist_id", "ds": "Ds", "plays": "plays"}
_EXTRA = ("downloads", "collects")


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


def _example(texts, mask):
    """The first of ``texts`` where ``mask`` holds, quoted, or 'none'."""
    hits = np.flatnonzero(np.asarray(mask))
    return short_repr(texts.iloc[hits[0]]) if len(hits) else "none"


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
    report say how many.

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
    frame = pd.read_csv(
        path,
        encoding="utf-8-sig",
        header=0 if header else None,
        names=names,
        dtype=str,
        keep_default_na=False,
        skip_blank_lines=True,
        skipinitialspace=True,
    )
    if frame.empty:
        raise InputError(f"{path}: the file has a header but no rows.")
    days = pd.to_datetime(frame["Ds"].str.strip(), format="%Y%m%d", errors="coerce")
    if days.isna().any():
        row = int(np.flatnonzero(days.isna())[0])
        raise InputError(
            f"{path}: column `Ds` needs yyyymmdd days; row {row + 1} has "
            f"{short_repr(frame['Ds'].iloc[row])}."
        )
    artists = frame["artist_id"].str.strip()
    report = ReadReport(rows=len(frame), table="plays")
    report.malformed = int((artists == "").sum())
    inside = _main_run(_day_numbers(days), np.ones(len(days)))
    report.bad_date = int((~inside & (artists != "")).sum())
    keep = inside & (artists != "").to_numpy()
    report.used = int(keep.sum())
    if report.skipped:
        warnings.warn(
            f"{path}: {report.skipped:,} row(s) skipped: {report.malformed:,} "
            f"without an artist_id and {report.bad_date:,} dated more than "
            f"{_MAX_GAP_DAYS} days apart from the rest of the table (e.g. "
            f"{_example(frame['Ds'], ~inside)}); see the ReadReport.",
            UserWarning,
            stacklevel=2,
        )
    if not keep.any():
        raise InputError(f"{path}: no usable rows ({report}).")
    values = {
        name: numbers_column(frame, name, path) if name in frame else 0.0
        for name in ("plays", *_EXTRA)
    }
    frame, days = frame[keep], days[keep]
    keys = pd.DataFrame({"artist_id": artists[keep], "Ds": days})
    repeated = keys.duplicated()
    if repeated.any():
        row = int(np.flatnonzero(repeated)[0])
        raise InputError(
            f"{path}: artist {short_repr(keys['artist_id'].iloc[row])} has day "
            f"{frame['Ds'].iloc[row]} twice (row {frame.index[row] + 1}); keep "
            "one row per artist and day."
        )
    grid = pd.date_range(days.min(), days.max(), freq="D", name="Ds")
    tables = {}
    for name in ("plays", *_EXTRA):
        column = values[name]
        column = column[keep] if isinstance(column, pd.Series) else column
        wide = keys.assign(value=column).pivot(
            index="Ds", columns="artist_id", values="value"
        )
        tables[name] = wide.reindex(grid, fill_value=0.0).fillna(0.0)
    return ContestData(**tables, report=report)
