"""Future-known covariates: calendar features, their alignment with the
series, and their per-step windows."""

from typing import NamedTuple

import numpy as np
import pandas as pd
from numpy.lib.stride_tricks import sliding_window_view

from ..exceptions import InputError

__all__ = [
    "CALENDAR_FEATURES",
    "CovariatePaths",
    "calendar_features",
    "covariate_windows",
    "covariates_on",
]


class CovariatePaths(NamedTuple):
    """Covariates to roll out along: per-series values on a time grid, and
    the series and grid position at which each history row ends."""

    values: np.ndarray  # (n_series, n_time, n_covariates)
    series: np.ndarray  # series of each history row
    ends: np.ndarray  # grid position of each history row's last value


# name -> (period, function of a DatetimeIndex giving the position in the period)
CALENDAR_FEATURES = {
    "dayofweek": (7, lambda t: t.dayofweek),
    "dayofmonth": (31, lambda t: t.day - 1),
    "dayofyear": (366, lambda t: t.dayofyear - 1),
    "weekofyear": (53, lambda t: t.isocalendar().week.to_numpy() - 1),
    "month": (12, lambda t: t.month - 1),
    "quarter": (4, lambda t: t.quarter - 1),
    "hour": (24, lambda t: t.hour),
}


def calendar_features(index, features=("dayofweek", "month")):
    """Cyclic calendar covariates for a time index, known for any future date.

    Each feature becomes two columns, the sine and cosine of its position in
    its cycle, so that e.g. Sunday sits next to Monday; ``"weekend"`` is a
    0/1 column.

    Parameters
    ----------
    index : DatetimeIndex or PeriodIndex
        The time points, usually the training index plus the forecast horizon.
    features : sequence of str, default=("dayofweek", "month")
        Names from ``dayofweek``, ``dayofmonth``, ``dayofyear``,
        ``weekofyear``, ``month``, ``quarter``, ``hour`` and ``weekend``.

    Returns
    -------
    pandas.DataFrame
        One row per time point, indexed like ``index``.

    Examples
    --------
    >>> import pandas as pd
    >>> days = pd.date_range("2015-03-01", periods=3, freq="D")
    >>> calendar_features(days, ["dayofweek", "weekend"]).round(3)
                dayofweek_sin  dayofweek_cos  weekend
    2015-03-01         -0.782          0.623      1.0
    2015-03-02          0.000          1.000      0.0
    2015-03-03          0.782          0.623      0.0
    """
    if isinstance(index, pd.PeriodIndex):
        times = index.to_timestamp()
    elif isinstance(index, pd.DatetimeIndex):
        times = index
    else:
        raise InputError(
            "`index` must be a DatetimeIndex or PeriodIndex to make calendar "
            f"features; got {type(index).__name__}."
        )
    columns = {}
    for name in features:
        if name == "weekend":
            columns[name] = (times.dayofweek >= 5).astype(float)
        elif name in CALENDAR_FEATURES:
            period, position = CALENDAR_FEATURES[name]
            angle = 2 * np.pi * np.asarray(position(times), dtype=float) / period
            columns[f"{name}_sin"] = np.sin(angle)
            columns[f"{name}_cos"] = np.cos(angle)
        else:
            raise InputError(
                f"Unknown calendar feature {name!r}; choose from "
                f"{sorted([*CALENDAR_FEATURES, 'weekend'])}."
            )
    return pd.DataFrame(columns, index=index)


def covariate_windows(
    covariates: np.ndarray,
    series: np.ndarray,
    ends: np.ndarray,
    lookback: int,
    shift: int,
    n_blocks: int = 1,
) -> np.ndarray:
    """Covariate sequences for histories ending at positions ``ends``.

    The history step at position ``p`` gets the covariates of ``p + shift``,
    so the last ``shift`` steps of a window carry the covariates of the time
    points it forecasts. With ``n_blocks > 1`` the sequence continues for
    that many roll-out blocks of ``shift`` steps each.

    Parameters
    ----------
    covariates : ndarray of shape (n_series, n_time, n_covariates)
    series : ndarray of int
        Series (first axis of ``covariates``) of each history.
    ends : ndarray of int
        Position (second axis) of each history's last value.
    lookback, shift : int
    n_blocks : int, default=1

    Returns
    -------
    ndarray of shape (len(ends), lookback + (n_blocks - 1) * shift, n_covariates)
    """
    length = lookback + (n_blocks - 1) * shift
    starts = np.asarray(ends) - lookback + 1 + shift
    view = sliding_window_view(covariates, length, axis=1)  # (S, n, k, length)
    return view[np.asarray(series), starts].transpose(0, 2, 1)


def covariates_on(X, index, layout, when="of `y`", columns=None):
    """Covariates at the time points ``index``, shape (n_series, len(index), k).

    ``X`` indexed by time alone is shared by every series (one matrix,
    broadcast); a panel ``X`` with the instance levels of ``y`` gives each
    series its instance's rows. With ``columns`` (those seen in ``fit``),
    ``X`` must have exactly those columns; they are taken in that order.
    """
    if columns is not None:
        if sorted(map(str, X.columns)) != sorted(map(str, columns)):
            raise InputError(
                f"`X` has the columns {list(X.columns)} but the model was fitted "
                f"with {list(columns)}; pass the same covariates."
            )
        X = X[list(columns)]
    keys = layout.keys
    if not isinstance(X.index, pd.MultiIndex):
        shared = _covariate_matrix(X, index, when)
        return np.broadcast_to(shared, (len(keys), *shared.shape))
    if not layout.panel:
        raise InputError(
            "`X` is a panel but `y` is not; pass covariates indexed by time."
        )
    return np.stack(
        [
            _covariate_matrix(X.loc[key[1:] if len(key) > 2 else key[1]], index, when)
            for key in keys
        ]
    )


def _covariate_matrix(frame, index, when):
    frame = frame.reindex(index)
    missing = frame.isna().any(axis=1).to_numpy()
    if missing.any():
        raise InputError(
            f"`X` must cover every time point {when}; it has no (complete) row "
            f"for {index[np.flatnonzero(missing)[0]]}."
        )
    try:
        return frame.to_numpy(dtype=np.float64)
    except (TypeError, ValueError):
        raise InputError("`X` must hold numbers only.") from None
