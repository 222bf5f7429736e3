"""pandas series in, arrays out, and back: the forecaster's data plumbing.

Every input sktime hands the forecaster — a wide DataFrame (one column per
series) or a MultiIndex panel (instance, time) — becomes a list of 1-D float
arrays that end at the same time point, and predictions come back in the input's
shape with the future time index.
"""

from typing import NamedTuple

import numpy as np
import pandas as pd

from .._utils._validation import NotNumericError, is_number, short_repr
from ..exceptions import InputError
from ._schedule import describe_daily_schedule

__all__ = [
    "Layout",
    "check_covers",
    "check_series_frame",
    "from_arrays",
    "infer_sp",
    "interval_frame",
    "last_point_with_freq",
    "steps_in_a_week",
    "time_grid",
    "to_arrays",
]

# Seasonal period by the frequency's base unit (pandas offset prefixes).
_SP_BY_UNIT = {
    "B": 5,
    "C": 5,
    "D": 7,
    "W": 52,
    "SM": 24,  # semi-monthly (the 15th and the month's end or start)
    "SMS": 24,
    "SME": 24,
    "M": 12,
    "MS": 12,
    "ME": 12,
    "BM": 12,
    "BMS": 12,
    "BME": 12,
    "Q": 4,
    "QS": 4,
    "QE": 4,
    "BQ": 4,
    "BQS": 4,
    "BQE": 4,
    "h": 24,
    "H": 24,
    "bh": 8,
    "BH": 8,
    "min": 60,
    "T": 60,
}
# A multiple of a step shorter than a day (10 minutes, 2 hours) gets the
# steps in a day, the cycle of most sub-daily flows (electricity, traffic,
# passengers): its unit's period divided by the multiple would be an hour
# of 10-minute steps (6), or none at all (30 minutes: 2). Above 144 steps
# (10 minutes) a day is too long a season for AutoARIMA, a member of the
# default forecast (statsforecast's approximate search took 33 s on 14 days
# of a generated 10-minute series and 524 s on 10 days of a 5-minute one,
# 2 CPUs; choosing_defaults.rst, "The season of a frequency's multiples"),
# so shorter steps keep the hour where it is whole, as one minute does (5
# minutes 12).
_MOST_STEPS_IN_A_DAY = 144


def _offset(index: pd.Index):
    """The frequency of ``index`` as a pandas offset, inferred from a
    DatetimeIndex without one, or None."""
    freq = getattr(index, "freq", None)
    if freq is None and isinstance(index, pd.DatetimeIndex) and len(index) > 2:
        freq = pd.infer_freq(index)
    return None if freq is None else pd.tseries.frequencies.to_offset(freq)


def infer_sp(index: pd.Index) -> int:
    """Seasonal period suggested by the frequency of ``index`` (1 if none).

    Daily data gets 7, business days 5, hourly 24, minutes 60, weekly 52,
    semi-monthly 24, monthly 12, quarterly 4; yearly, integer and unknown
    frequencies 1.
    A multiple of a step that divides a day gets the steps in a day when a
    day holds at most 144 of them (30 minutes 48, 10 minutes 144, 2 hours
    12); another multiple gets its unit's period divided by the multiple
    where that leaves no remainder (5 minutes 12, 3 months 4, 2 weeks 26)
    and 1 where it does (2 days, 7 minutes), as GluonTS's
    ``get_seasonality`` does. A longer season (288 for 5 minutes) is yours
    to pass as ``sp``.

    Examples
    --------
    >>> import pandas as pd
    >>> infer_sp(pd.date_range("2015-03-01", periods=10, freq="D"))
    7
    >>> infer_sp(pd.period_range("1949-01", periods=24, freq="M"))
    12
    >>> infer_sp(pd.date_range("2019-01-01", periods=10, freq="10min"))
    144
    """
    offset = _offset(index)
    if offset is None:
        return 1
    unit = offset.name.split("-")[0]
    if offset.n == 1:
        return _SP_BY_UNIT.get(unit, 1)
    if isinstance(offset, pd.offsets.Tick):  # a fixed step: seconds to days
        day, rest = divmod(pd.Timedelta(days=1), pd.Timedelta(offset))
        if not rest and day <= _MOST_STEPS_IN_A_DAY:
            return day
    period, remainder = divmod(_SP_BY_UNIT.get(unit, 1), offset.n)
    return 1 if remainder else period


def steps_in_a_week(index: pd.Index, sp: int) -> int | None:
    """The steps in a week of ``index``'s frequency where ``sp`` of them make
    a day (hourly data with ``sp=24``, half-hourly with 48), else None:
    the second season of sub-daily data, which ``sp`` alone does not name.

    Examples
    --------
    >>> import pandas as pd
    >>> steps_in_a_week(pd.date_range("2019-01-07", periods=10, freq="h"), 24)
    168
    >>> steps_in_a_week(pd.date_range("2019-01-07", periods=10, freq="D"), 7) is None
    True
    """
    offset = _offset(index)
    if not isinstance(offset, pd.offsets.Tick) or sp < 2:
        return None
    if pd.Timedelta(offset) * sp != pd.Timedelta(days=1):
        return None
    return 7 * sp


def time_grid(frame) -> pd.Index:
    """The time points of a series or panel (its index's last level), once
    each and in order: a panel's series need not start together, and the
    first one listed may start late. A panel's are read off its index's
    level (0.07 s for 100,000 series x 183 days, against 0.6 s for the
    unique values of its 18.3 million rows)."""
    index = frame.index
    if isinstance(index, pd.MultiIndex):
        return index.remove_unused_levels().levels[-1].sort_values()
    return index.unique().sort_values()


def last_point_with_freq(time_index: pd.Index) -> pd.Index:
    """The last time point, as an index carrying the grid's frequency.

    sktime computes future dates as cutoff + k * freq; a time level taken
    out of a MultiIndex, or a DatetimeIndex built from a list, has no
    ``freq`` set, so it is inferred from the whole grid.
    """
    last = time_index[-1:]
    if isinstance(last, (pd.DatetimeIndex, pd.PeriodIndex)) and last.freq is None:
        last = last.copy()
        inferable = len(time_index) > 2
        last.freq = time_index.freq or (
            pd.infer_freq(time_index) if inferable else None
        )
    return last


def check_covers(X, y) -> None:
    """Raise unless covariates ``X`` have a row for every time point of ``y``
    (both indexed by time alone; panels are checked later, per series)."""
    frames = (pd.Series, pd.DataFrame)
    if not (isinstance(X, frames) and isinstance(y, frames)):
        return
    if isinstance(y.index, pd.MultiIndex) or isinstance(X.index, pd.MultiIndex):
        return
    check_rows(X, y.index)


def check_rows(X, index, of: str = "of `y`") -> None:
    """Raise unless ``X`` has a row for every time point of ``index``; the
    one message every covariate check of a time index gives."""
    missing = index.difference(X.index)
    if len(missing):
        raise InputError(
            f"`X` must cover every time point {of}; it has no row for "
            f"{len(missing)} of them, e.g. {missing[0]}."
        )


def check_series_frame(y, name: str = "y") -> None:
    """Raise a clear error for input no forecaster can use, before sktime's
    generic conversion error: no data, text columns, duplicated series names,
    and (for a series or wide frame) an unsorted or duplicated time index."""
    if not isinstance(y, (pd.Series, pd.DataFrame)):
        return  # sktime explains the accepted types
    if y.size == 0:
        raise InputError(
            f"`{name}` is empty (shape {y.shape}); pass at least one series with data."
        )
    frame = y.to_frame() if isinstance(y, pd.Series) else y
    if frame.columns.has_duplicates:
        dup = frame.columns[frame.columns.duplicated()][0]
        raise InputError(
            f"`{name}` has two series named {dup!r}; give every column its own name."
        )
    for i, dtype in enumerate(frame.dtypes):
        column = frame.iloc[:, i]
        if pd.api.types.is_numeric_dtype(dtype) or _holds_numbers(column):
            continue
        odd = next((v for v in column if not is_number(v)), column.iloc[0])
        raise NotNumericError(
            f"`{name}` must hold numbers only, of a numeric dtype (not text, "
            f"categorical values or Python objects); column {frame.columns[i]!r} has "
            f"dtype {dtype} "
            f"(e.g. {short_repr(odd)}). Convert it, e.g. with `.astype(float)` "
            "or `pd.to_numeric(y)`, and fill or drop missing values."
        )
    if all(pd.api.types.is_numeric_dtype(t) for t in frame.dtypes):
        values = frame.to_numpy(dtype=np.float64, na_value=np.nan)
        bad = np.argwhere(~np.isfinite(values))
        if len(bad):
            row, column = bad[0]
            raise InputError(
                f"`{name}` has a missing or infinite value ({values[row, column]}) "
                f"in series {frame.columns[column]!r} at {frame.index[row]}; fill "
                "or drop it first, e.g. `y.fillna(0)` for counts."
            )
    if not isinstance(y.index, pd.MultiIndex):
        check_time_index(y.index, name)


def _holds_numbers(column: pd.Series) -> bool:
    """Whether an object column holds the nested series of sktime's nested
    format, which sktime converts itself (numbers kept as Python objects,
    ``Decimal`` or ``None`` among them, are refused with the fix to apply)."""
    return column.dtype == object and all(isinstance(v, pd.Series) for v in column)


def check_time_index(index: pd.Index, name: str = "y") -> None:
    """Raise a ValueError naming the timestamps if ``index`` is not a clean grid.

    Unsorted, duplicated and gapped indexes, and indexes with no inferable
    frequency, cannot carry a forecast's future dates.
    """
    if not index.is_monotonic_increasing:
        bad = np.flatnonzero(
            np.diff(index.asi8 if hasattr(index, "asi8") else index) < 0
        )
        raise InputError(
            f"`{name}` has an unsorted time index (e.g. {index[bad[0]]!r} is "
            f"followed by {index[bad[0] + 1]!r}); sort it with `.sort_index()`."
        )
    if index.has_duplicates:
        dup = index[index.duplicated()][0]
        raise InputError(
            f"`{name}` has a duplicated time point {dup!r}; aggregate the rows "
            "first, e.g. `.groupby(level=-1).sum()`."
        )
    if isinstance(index, pd.PeriodIndex) or pd.api.types.is_integer_dtype(index):
        _check_evenly_spaced(index, name)
        return
    if isinstance(index, pd.DatetimeIndex) and len(index) > 2:
        # regular means on a calendar frequency: months and business days
        # differ in length, and so do days across a daylight-saving change
        if index.freq is not None or pd.infer_freq(index) is not None:
            return
        schedule = describe_daily_schedule(index)
        if schedule is not None:
            raise InputError(
                f"`{name}` follows a daily schedule ({schedule}), which no "
                "calendar frequency fits. Forecast it on slot numbers: `schedule "
                f"= lstmreg.DailySchedule.from_index({name}.index)`, fit on "
                f"`schedule.to_slots({name})` (a day is "
                "`schedule.slots_per_day` steps), and put the forecasts back on "
                "their times with `schedule.to_times(forecast)`."
            )
        steps = np.diff(index.asi8)
        values, counts = np.unique(steps, return_counts=True)
        odd = np.flatnonzero(steps != values[np.argmax(counts)])
        i = int(odd[0]) if len(odd) else 0
        raise InputError(
            f"`{name}` has an irregular time index: no calendar frequency fits "
            f"it (e.g. {index[i]} -> {index[i + 1]}). Put it on a regular grid "
            "with `y.asfreq(freq)`, e.g. `y.asfreq('D', fill_value=0)` for daily "
            "counts or `y.asfreq('MS')` for monthly data."
        )


def _check_evenly_spaced(index: pd.Index, name: str) -> None:
    """Raise unless the points of a period or integer index are equally far
    apart (consecutive periods; integers one common step apart)."""
    periods = isinstance(index, pd.PeriodIndex)
    steps = np.diff(index.asi8 if periods else np.asarray(index))
    step = 1 if periods or not len(steps) else int(steps[0])
    odd = np.flatnonzero(steps != step)
    if not len(odd):
        return
    i = int(odd[0])
    fix = (
        f"`y.asfreq('{index.freqstr}')`"
        if periods
        else f"`y.reindex(range({index[0]}, {index[-1]} + 1, {step}))`"
    )
    raise InputError(
        f"`{name}` has a gap in its time index ({index[i]} -> {index[i + 1]}, "
        f"where the points before are {step} apart); put it on a regular grid "
        f"first, e.g. {fix}, and fill the new points."
    )


class Layout(NamedTuple):
    """How a frame of series was laid out, to rebuild it from arrays."""

    keys: pd.Index  # one per series: the wide columns, or (variable, instance)
    panel: bool  # a MultiIndex panel rather than a wide frame
    names: list  # the index level names of a panel


def to_arrays(
    y: pd.DataFrame, allow_empty: bool = False
) -> tuple[list[np.ndarray], np.ndarray, Layout]:
    """Split ``y`` into one float array per series, and how to rebuild it.

    Parameters
    ----------
    y : pandas.DataFrame
        Wide (time index, one column per series) or a MultiIndex panel with
        the time as the last index level. Series may start and end at
        different times; inside its range a series must have no gaps.
    allow_empty : bool, default=False
        Accept series with no values (as new data in ``update`` may have).

    Returns
    -------
    arrays : list of ndarray
        The observed values of each series, oldest first.
    gaps : ndarray of int
        For each series, the number of time points between its last value
        and the last time point of ``y`` (0 for series observed to the end).
    layout : Layout
        What :func:`from_arrays` needs to rebuild the input's shape.
    """
    panel = isinstance(y.index, pd.MultiIndex)
    wide = _unstack_instances(y) if panel else y
    check_time_index(wide.index)
    # every series at once: a frame of one float block is its own array (a
    # column of 100,000 taken one at a time cost seconds)
    matrix = wide.to_numpy(dtype=np.float64, na_value=np.nan)
    observed = ~np.isnan(matrix)
    empty = ~observed.any(axis=0)
    first = last = np.zeros(matrix.shape[1], dtype=int)  # no time points
    if len(matrix):
        first = observed.argmax(axis=0)
        last = len(matrix) - 1 - observed[::-1].argmax(axis=0)
    steps = np.arange(len(matrix))[:, None]
    holes = (~np.isfinite(matrix) & (steps >= first) & (steps <= last)).any(axis=0)
    wrong = holes & ~empty if allow_empty else holes | empty
    if wrong.any():
        j = int(np.argmax(wrong))
        key = wide.columns[j]
        if empty[j]:
            raise InputError(f"Series {key!r} of `y` has no values.")
        raise InputError(
            f"Series {key!r} of `y` contains missing or infinite values inside "
            "its range; fill them first, e.g. `y.fillna(0)` for counts."
        )
    arrays = [
        matrix[:0, j] if empty[j] else matrix[first[j] : last[j] + 1, j]
        for j in range(matrix.shape[1])
    ]
    gaps = np.where(empty, len(wide), len(wide) - 1 - last)
    layout = Layout(keys=wide.columns, panel=panel, names=list(y.index.names))
    return arrays, gaps.astype(int), layout


def _unstack_instances(y: pd.DataFrame) -> pd.DataFrame:
    """``y.unstack(level=<the instance levels>)``: the panel as a wide frame
    of (variable, instance) columns.

    A panel of numbers with one instance level and sorted levels, the common
    one, is placed into the frame by its index codes; pandas' ``unstack``
    sorts every row and holds several copies of the index (0.7 GB more at
    100,000 series x 183 days). Any other panel, or one with a duplicated
    (instance, time), goes to pandas.
    """
    index = y.index
    numeric = all(
        pd.api.types.is_numeric_dtype(t) and not pd.api.types.is_bool_dtype(t)
        for t in y.dtypes
    )
    if index.nlevels != 2 or not numeric:
        return y.unstack(level=list(range(index.nlevels - 1)))
    index = index.remove_unused_levels()
    (instances, times), (instance_codes, time_codes) = index.levels, index.codes
    cells = time_codes.astype(np.int64) * len(instances) + instance_codes
    filled = np.zeros(len(times) * len(instances), dtype=bool)
    filled[cells] = True  # fewer cells filled than rows: a duplicate
    sorted_levels = instances.is_monotonic_increasing and times.is_monotonic_increasing
    if not sorted_levels or np.count_nonzero(filled) != len(cells):
        return y.unstack(level=0)
    blocks = []
    for column in y.columns:
        block = np.full((len(times), len(instances)), np.nan)
        block.ravel()[cells] = y[column].to_numpy(dtype=np.float64, na_value=np.nan)
        blocks.append(block)
    columns = pd.MultiIndex.from_product(
        [y.columns, instances], names=[y.columns.name, instances.name]
    )
    return pd.DataFrame(np.hstack(blocks), index=times, columns=columns)


def from_arrays(values: np.ndarray, index: pd.Index, layout: Layout) -> pd.DataFrame:
    """Rebuild the input's shape from ``values`` of shape (n_series, n_steps)."""
    if layout.panel and layout.keys.nlevels == 2:
        # (variable, instance) columns of every pair: the rows are the
        # product of the instances and the time points, no stacking needed
        variables, instances = layout.keys.levels
        grid = pd.MultiIndex.from_product([variables, instances])
        if instances.is_monotonic_increasing and layout.keys.equals(grid):
            rows = pd.MultiIndex.from_product([instances, index], names=layout.names)
            blocks = np.split(values, len(variables))
            long = pd.DataFrame(
                {v: b.ravel() for v, b in zip(variables, blocks, strict=True)},
                index=rows,
            )
            return long.rename_axis(columns=layout.keys.names[0])
    frame = pd.DataFrame(values.T, index=index, columns=layout.keys)
    if not layout.panel:
        return frame
    # columns are (variable, *instance levels): move the instances into the rows
    instance_levels = list(range(1, layout.keys.nlevels))
    long = frame.stack(level=instance_levels, future_stack=True)
    long = long.reorder_levels([*instance_levels, 0]).sort_index()
    long.index.names = layout.names
    return long


def interval_frame(bounds: dict, index: pd.Index, layout: Layout) -> pd.DataFrame:
    """Prediction intervals in sktime's layout, from arrays.

    ``bounds`` maps each coverage to its ``(lower, upper)`` arrays of shape
    (n_series, n_steps); the columns are ``(variable, coverage, side)``,
    with the sides ``"lower"`` and ``"upper"``, the rows as in
    :func:`from_arrays`.
    """
    frames = {
        c: tuple(from_arrays(side, index, layout) for side in pair)
        for c, pair in bounds.items()
    }
    first = next(iter(frames.values()))[0]
    columns = [
        (var, c, side)
        for var in first.columns
        for c in frames
        for side in ("lower", "upper")
    ]
    data = {(var, c, side): frames[c][side == "upper"][var] for var, c, side in columns}
    return pd.DataFrame(data, columns=pd.MultiIndex.from_tuples(columns))
