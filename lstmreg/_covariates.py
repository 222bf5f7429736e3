"""Future-known covariates: calendar features, and their per-step windows."""

import numpy as np
import pandas as pd
from numpy.lib.stride_tricks import sliding_window_view

__all__ = ["CALENDAR_FEATURES", "calendar_features", "covariate_windows"]

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
        raise ValueError(
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
            raise ValueError(
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
