"""Appending new observations to what a fitted WindowForecaster keeps.

``WindowForecaster.update`` never retrains: it checks the new points against
what was seen (same values where they overlap; consecutive times; known
series; no holes) and appends them to the kept history rows, the whole
series of the statistical model and the covariates. All checks run before
anything changes, so a refused update leaves the forecaster as it was.
"""

from typing import NamedTuple

import numpy as np
import pandas as pd
from sktime.forecasting.base import ForecastingHorizon

from ..exceptions import InputError
from ..windows._covariates import covariates_on
from ..windows._panel import check_time_index, to_arrays

__all__ = ["FittedHistory", "updated_state"]


class FittedHistory(NamedTuple):
    """What a fitted WindowForecaster keeps of its data."""

    history: np.ndarray  # last lookback values of each series, (n_series, L)
    gaps: np.ndarray  # points each series ended before the grid's end
    covariates: np.ndarray | None  # (n_series, n_grid, k) on the time grid
    grid_end: pd.Index  # the last time point, with the grid's frequency
    series: list | None  # whole series, for the statistical model


def updated_state(state, y, X, layout, lookback, covariate_columns):
    """The :class:`FittedHistory` ``state`` after appending ``y`` (and ``X``).

    ``layout`` is the series' layout at ``fit``, ``lookback`` the length of the
    history rows kept and ``covariate_columns`` the columns of ``X`` at fit.

    Points of ``y`` already seen must agree with the values kept (the
    lookback, or the whole series for the statistical model; they are
    then ignored); the new ones must continue each series right after
    its last point seen: on the time grid after the last time point seen,
    or, for a series that ended earlier, at its own missing points first.
    Series are matched by name. Nothing is changed if any of this fails.
    """
    previous = state.grid_end  # the last time point seen, with the frequency
    panel = isinstance(y.index, pd.MultiIndex)
    wide = y.unstack(level=list(range(y.index.nlevels - 1))) if panel else y
    old = np.asarray(wide.index <= previous[0])
    if old.any():
        _check_seen(state, wide[old], layout)
        X = (
            None
            if X is None
            else X[np.asarray(X.index.get_level_values(-1) > previous[0])]
        )
    new_index = wide.index[~old]
    expected = _expected_points(new_index, previous)
    history, gaps, series = _appended(state, wide, layout, len(new_index), lookback)
    covariates = state.covariates
    if covariates is not None and len(new_index):
        if X is None:
            raise InputError(
                "The model was fitted with covariates `X`; pass `X` for the "
                "new time points to `update` as well."
            )
        new = covariates_on(X, new_index, layout, columns=covariate_columns)
        covariates = np.concatenate([covariates, new], axis=1)
    grid_end = expected[-1:] if len(new_index) else state.grid_end
    return FittedHistory(history, gaps, covariates, grid_end, series)


def _expected_points(new_index, previous):
    """The time points right after ``previous``, as many as ``new_index``
    holds; raise unless ``new_index`` is exactly them."""
    check_time_index(new_index)  # duplicated or unsorted new points
    n_new = len(new_index)
    step = ForecastingHorizon(range(1, n_new + 1), is_relative=True)
    expected = step.to_absolute_index(previous) if n_new else new_index
    if not np.array_equal(np.asarray(new_index), np.asarray(expected)):
        raise InputError(
            f"`update` takes the time points right after the last one seen "
            f"({previous[0]}), in order: expected {expected[0]} .. "
            f"{expected[-1]}, got {new_index[0]} .. {new_index[-1]}. Pass "
            "only new, consecutive points (to refit on other data, use fit)."
        )
    return expected


def _appended(state, wide, layout, n_new, lookback):
    """The history rows, gaps and whole series of ``state`` with the
    ``n_new`` new points of ``wide`` (one column per series) appended."""
    position = {key: i for i, key in enumerate(layout.keys)}
    unknown = [key for key in wide.columns if key not in position]
    if unknown:
        raise InputError(
            f"`y` has series {unknown[:3]} that the model was not fitted on "
            f"(it knows {list(layout.keys)[:5]}); `update` aligns the "
            "series by name."
        )
    # the new points of every series on one grid: the missing points of
    # series that ended early (up to the longest gap), then the new times
    span = int(state.gaps.max())
    grid = ForecastingHorizon(np.arange(1 - span, n_new + 1), is_relative=True)
    fresh = wide.reindex(grid.to_absolute_index(state.grid_end))
    on_grid = fresh.to_numpy(dtype=np.float64, na_value=np.nan)
    for k, key in enumerate(fresh.columns):
        on_grid[: span - state.gaps[position[key]], k] = np.nan  # seen before
    fresh = pd.DataFrame(on_grid, index=fresh.index, columns=fresh.columns)
    arrays, gaps, fresh_layout = to_arrays(fresh, allow_empty=True)
    history, new_gaps = state.history.copy(), state.gaps + n_new
    series = None if state.series is None else list(state.series)
    for key, values, gap in zip(fresh_layout.keys, arrays, gaps, strict=True):
        i = position[key]
        if not len(values):
            continue
        hole = state.gaps[i] + (n_new - gap - len(values))
        if hole:
            raise InputError(
                f"Series {key!r} would have {hole} missing point(s) before its "
                "new values; fill them first (e.g. with 0 for counts)."
            )
        history[i] = np.concatenate([history[i], values])[-lookback:]
        if series is not None:
            series[i] = np.concatenate([series[i], values])
        new_gaps[i] = gap
    return history, new_gaps, series


def _check_seen(state, wide, layout):
    """Raise if points of ``wide`` (one column per series) already seen
    differ from the stored ones: the whole series where the statistical
    model keeps them (it forecasts from all of it), else the lookback."""
    stored = state.history if state.series is None else state.series
    gaps, previous = state.gaps, state.grid_end
    span = max(len(s) + int(g) for s, g in zip(stored, gaps, strict=True))
    tail = ForecastingHorizon(np.arange(1 - span, 1), is_relative=True)
    grid = tail.to_absolute_index(previous)
    seen = wide[np.asarray(wide.index >= grid[0])]  # older: nothing kept
    check_time_index(seen.index)
    off_grid = seen.index[~seen.index.isin(grid)]
    if len(off_grid):
        raise InputError(
            f"`y` has the time point {off_grid[0]}, which is not on the time "
            f"grid of the fitted data (ending {previous[0]})."
        )
    position = {key: i for i, key in enumerate(layout.keys)}
    known = [key for key in seen.columns if key in position]
    kept = np.full((span, len(known)), np.nan)
    for k, key in enumerate(known):
        values, end = stored[position[key]], span - gaps[position[key]]
        kept[end - len(values) : end, k] = values
    given = seen[known].reindex(grid).to_numpy(dtype=np.float64, na_value=np.nan)
    both = ~np.isnan(given) & ~np.isnan(kept)
    differs = both & ~np.isclose(given, kept, rtol=1e-9, atol=0.0)
    if differs.any():
        row, k = np.argwhere(differs)[0]  # the earliest, as given
        raise InputError(
            f"`update` would change series {known[k]!r} at {grid[row]}, a "
            f"point already seen ({kept[row, k]!r} -> {given[row, k]!r}); "
            "pass only new points, or refit with fit to use revised data."
        )
