"""Windows kernel: supervised framing and rolling statistics over NumPy arrays.

Pure functions, no estimator state. Windows are strided views
(:func:`numpy.lib.stride_tricks.sliding_window_view`) of the caller's data
wherever the memory layout allows it; nothing here loops over windows in Python.
"""

from collections.abc import Sequence
from numbers import Integral

import numpy as np
import pandas as pd
from numpy.lib.stride_tricks import sliding_window_view
from pandas.api.types import is_numeric_dtype

from .._utils._validation import Interval, InvalidParameterError, validate_params
from ..exceptions import InputError

__all__ = [
    "ROLLING_STATISTICS",
    "known_steps",
    "make_windows",
    "rolling_statistics",
    "window_order",
    "window_positions",
]


def _check_finite_numeric(values: np.ndarray, name: str) -> np.ndarray:
    """Return ``values`` as a float array, or raise a ValueError naming ``name``."""
    if values.dtype.kind not in "biuf":
        raise InputError(
            f"`{name}` must hold numbers only; got dtype {values.dtype}. "
            "Convert or drop non-numeric columns first."
        )
    values = values.astype(np.float64, copy=False)
    if not np.isfinite(values).all():
        raise InputError(
            f"`{name}` contains NaN or infinity. Fill or drop the missing "
            "values before making windows."
        )
    return values


def _array(values, name: str) -> np.ndarray:
    """``np.asarray(values)``, or a clear error for nested lists of unequal
    shape (which NumPy refuses with a message about inhomogeneous parts)."""
    try:
        return np.asarray(values)
    except ValueError:
        raise InputError(
            f"`{name}` is a nested list whose parts have different shapes; pass "
            "one series as a flat list of numbers, or many as a list of them "
            "(lengths may differ)."
        ) from None


def _is_flat(values) -> bool:
    """Whether ``values`` is a flat sequence (one series), without NumPy's
    error for ragged nesting."""
    try:
        return np.ndim(values) == 1
    except ValueError:
        return False


def _one_series(values, name: str) -> np.ndarray:
    """One series of a list of many: 1-D, or a clear error."""
    array = _array(values, name)
    if array.ndim != 1:
        raise InputError(
            f"`{name}` must be one series, a 1-D sequence of numbers; got "
            f"{array.ndim} dimensions (shape {array.shape}). In a list, each item "
            "is one series."
        )
    return array


def _as_series_matrix(series) -> tuple[np.ndarray | None, list[np.ndarray]]:
    """Return ``(matrix, [])`` for equal-length input, ``(None, arrays)`` if ragged.

    ``matrix`` has one column per series and time along axis 0.
    """
    if isinstance(series, pd.Series):
        series = series.to_numpy()
    elif isinstance(series, pd.DataFrame):
        bad = [c for c, t in series.dtypes.items() if not is_numeric_dtype(t)]
        if bad:
            raise InputError(
                f"`series` must hold numbers only; the DataFrame has non-numeric "
                f"columns {bad}. Drop or convert them first."
            )
        series = series.to_numpy()
    if isinstance(series, (list, tuple)) and series and _is_flat(series[0]):
        arrays = [
            _check_finite_numeric(_one_series(s, f"series[{i}]"), f"series[{i}]")
            for i, s in enumerate(series)
        ]
        if len({len(a) for a in arrays}) == 1:
            return np.stack(arrays, axis=1), []
        return None, arrays
    values = _array(series, "series")
    if values.ndim == 1:
        values = values[:, None]
    if values.ndim != 2:
        raise InputError(
            "`series` must be one series (1-D) or many: a 2-D array or wide "
            "DataFrame with time along the rows and one column per series, or a "
            f"list of 1-D arrays; got an array with {values.ndim} dimensions."
        )
    return _check_finite_numeric(values, "series"), []


@validate_params(
    {
        "series": ["array-like"],
        "lookback": [Interval(Integral, 1, None, closed="left")],
        "horizon": [Interval(Integral, 1, None, closed="left")],
        "partial": ["boolean"],
    },
    prefer_skip_nested_validation=True,
)
def make_windows(series, lookback, horizon, *, partial=False):
    """Frame one or many series as supervised ``(X, y)`` windows.

    Row ``i`` of ``X`` holds ``lookback`` consecutive values of one series and
    the same row of ``y`` the ``horizon`` values that follow them. Windows never
    cross from one series into the next.

    Parameters
    ----------
    series : array-like
        One series (1-D array or :class:`pandas.Series`) or many: a 2-D array or
        wide :class:`pandas.DataFrame` with time along the rows and one column
        per series, or a list of 1-D arrays (lengths may differ; the series are
        then assumed to end at the same time).
    lookback : int
        Length of each history row (``X.shape[1]``).
    horizon : int
        Number of future values in each target row (``y.shape[1]``).
    partial : bool, default=False
        Also the windows whose horizon runs past the end of the data: the
        last ``horizon - 1`` histories of every series, each with the
        targets it has and NaN for the steps after the end (a series then
        needs ``lookback + 1`` values). For an estimator that leaves unknown
        targets out of its loss, such as
        ``LSTMForecaster(missing_targets="mask")``: the most recent
        histories train it too.

    Returns
    -------
    X : ndarray of shape (n_windows, lookback)
        History rows.
    y : ndarray of shape (n_windows, horizon)
        Target rows.

    Notes
    -----
    Rows are ordered by the time at which their history ends, and among
    windows ending at the same time by series, so a
    :class:`~sklearn.model_selection.TimeSeriesSplit` over the rows is
    time-ordered for every series at once. Consecutive target rows overlap:
    cross-validate with ``TimeSeriesSplit(gap=horizon - 1)`` so that no
    training target overlaps a test target.

    For one series, and for many series of equal length held in a C-ordered
    float64 array, ``X`` and ``y`` are read-only strided views of the input:
    no window is copied. Other input (a DataFrame, integers, Fortran order)
    is converted to one contiguous float64 array first, and ragged lists are
    gathered into new arrays; with ``partial=True`` the windows are views of
    one copy of the data with the NaN appended.

    Examples
    --------
    >>> import numpy as np
    >>> from lstmreg import make_windows
    >>> X, y = make_windows(np.arange(6.0), lookback=3, horizon=2)
    >>> X
    array([[0., 1., 2.],
           [1., 2., 3.]])
    >>> y
    array([[3., 4.],
           [4., 5.]])
    >>> make_windows(np.arange(6.0), lookback=3, horizon=2, partial=True)[1]
    array([[ 3.,  4.],
           [ 4.,  5.],
           [ 5., nan]])
    """
    for name, value in (("lookback", lookback), ("horizon", horizon)):
        if isinstance(value, (bool, np.bool_)):
            raise InvalidParameterError(
                f"The {name!r} parameter of make_windows must be an int >= 1, not "
                f"a bool; got {value!r}."
            )
    matrix, ragged = _as_series_matrix(series)
    width = lookback + horizon
    pad = horizon - 1 if partial else 0
    if matrix is not None:
        _check_length(matrix.shape[0], lookback, horizon, "series", partial)
        if pad:
            gap = np.full((pad, matrix.shape[1]), np.nan)
            matrix = np.concatenate([matrix, gap])
        # (n_windows, n_series, width); merging the first two axes is a view
        # for C-ordered input, which puts rows in (time, series) order.
        windows = sliding_window_view(np.ascontiguousarray(matrix), width, axis=0)
        windows = windows.reshape(-1, width)
    else:
        for i, values in enumerate(ragged):
            _check_length(len(values), lookback, horizon, f"series[{i}]", partial)
        ragged = [np.concatenate([v, np.full(pad, np.nan)]) for v in ragged]
        per_series = [sliding_window_view(v, width) for v in ragged]
        order = window_order([len(w) for w in per_series])
        windows = np.concatenate(per_series)[order]
    return windows[:, :lookback], windows[:, lookback:]


def known_steps(horizon: int, partial: bool) -> int:
    """The values a series needs after a window's history: the whole
    ``horizon``, or with ``partial`` windows one known step."""
    return 1 if partial else horizon


def window_positions(
    lengths: Sequence[int], lookback: int, horizon: int, *, partial: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Series and end of every row of :func:`make_windows` over such series.

    Parameters
    ----------
    lengths : sequence of int
        Length of each series, in the order given to :func:`make_windows`.
    lookback, horizon : int
    partial : bool, default=False
        As in :func:`make_windows`.

    Returns
    -------
    series : ndarray of int
        The series of each row.
    end : ndarray of int
        The position, within its series, of each row's last history value.

    Examples
    --------
    >>> window_positions([5, 4], lookback=2, horizon=1)
    (array([0, 0, 1, 0, 1]), array([1, 2, 1, 3, 2]))
    """
    counts = [n - lookback - known_steps(horizon, partial) + 1 for n in lengths]
    order = window_order(counts)
    series = np.repeat(np.arange(len(counts)), counts)
    end = np.concatenate([lookback - 1 + np.arange(c) for c in counts])
    return series[order], end[order]


def window_order(counts: Sequence[int]) -> np.ndarray:
    """Row order of windows of several series concatenated series by series.

    Series are aligned by their end (the k-th last window of every series
    shares a time), windows ending earlier come first, and windows ending at
    the same time keep the series order: for equal lengths this is the
    (time, series) order of :func:`make_windows`.
    """
    steps_from_end = np.concatenate([np.arange(c)[::-1] for c in counts])
    return np.argsort(-steps_from_end, kind="stable")


def _check_length(
    n_time: int, lookback: int, horizon: int, name: str, partial: bool = False
) -> None:
    if n_time >= lookback + known_steps(horizon, partial):
        return
    if partial:
        raise InputError(
            f"`{name}` has {n_time} time points but one window needs lookback "
            f"+ 1 = {lookback + 1} (partial windows need one known target); "
            "pass a shorter `lookback`, or a longer series."
        )
    raise InputError(
        f"`{name}` has {n_time} time points but one window needs "
        f"lookback + horizon = {lookback} + {horizon} = {lookback + horizon}; "
        "pass a shorter `lookback` or `horizon`, or a longer series."
    )


def _rolling_view(x: np.ndarray, window: int) -> np.ndarray:
    """Trailing windows of width ``window`` along the last axis, NaN-padded.

    The first ``window - 1`` positions see only the values available so far
    (pandas' ``min_periods=1``).
    """
    pad = np.full((*x.shape[:-1], window - 1), np.nan, dtype=x.dtype)
    return sliding_window_view(np.concatenate([pad, x], axis=-1), window, axis=-1)


def _first_difference(x: np.ndarray, window: int) -> np.ndarray:
    diff = np.zeros_like(x)
    diff[..., 1:] = np.diff(x, axis=-1)
    return diff


ROLLING_STATISTICS = {
    "value": lambda x, w: x,
    "mean": lambda x, w: np.nanmean(_rolling_view(x, w), axis=-1),
    "var": lambda x, w: np.nanvar(_rolling_view(x, w), axis=-1),
    "std": lambda x, w: np.nanstd(_rolling_view(x, w), axis=-1),
    "min": lambda x, w: np.nanmin(_rolling_view(x, w), axis=-1),
    "max": lambda x, w: np.nanmax(_rolling_view(x, w), axis=-1),
    "diff": _first_difference,
}
"""Per-step statistics by name: ``f(x, window) -> array shaped like x``."""


def rolling_statistics(
    x: np.ndarray, statistics: Sequence[str], window: int
) -> np.ndarray:
    """Per-step rolling statistics of each row of ``x``.

    Parameters
    ----------
    x : ndarray of shape (n_samples, n_steps)
        One history per row; statistics never mix rows.
    statistics : sequence of str
        Names from :data:`ROLLING_STATISTICS`: ``"value"`` (the value itself),
        ``"mean"``, ``"var"``, ``"std"``, ``"min"``, ``"max"`` over the trailing
        ``window`` steps, and ``"diff"`` (first difference, 0 at the first step).
    window : int
        Width of the trailing window.

    Returns
    -------
    ndarray of shape (n_samples, n_steps, len(statistics))

    Notes
    -----
    Equal to pandas' ``Series.rolling(window, min_periods=1)`` applied to
    each row, with the population variance and standard deviation
    (``ddof=0``): the first ``window - 1`` steps of a row use the values
    available so far, and a single value has variance 0 rather than NaN.

    Examples
    --------
    >>> import numpy as np
    >>> from lstmreg.windows._windows import rolling_statistics
    >>> rolling_statistics(np.array([[1.0, 2.0, 6.0]]), ["value", "mean"], 2)[0]
    array([[1. , 1. ],
           [2. , 1.5],
           [6. , 4. ]])
    """
    return np.stack([ROLLING_STATISTICS[s](x, window) for s in statistics], axis=-1)
