"""Training windows of a window forecaster: history rows, with covariates."""

import numpy as np

from ..windows._covariates import covariate_windows
from ..windows._windows import make_windows, window_positions

__all__ = ["row_ends", "training_windows"]


def row_ends(arrays, ends, lookback, width):
    """Series and grid position of the last history value of every window
    of :func:`~lstmreg.make_windows` with ``width`` values after the history;
    series ``i`` ends at position ``ends[i]`` of the time grid."""
    lengths = np.array([len(a) for a in arrays])
    series, end = window_positions(lengths, lookback, width)
    return series, ends[series] - (lengths[series] - 1 - end)


def training_windows(arrays, ends, rule, covariates=None, sample=None):
    """The windows a model is fitted on under the :class:`RollOut` ``rule``:
    ``lookback`` values and the ``block`` after them; with ``covariates`` on
    the time grid, every history step carries them as extra channels.

    ``sample`` = ``(max_windows, seed)``: at most ``max_windows`` of them,
    drawn without replacement and kept in row (time) order; for series of
    equal length only those are copied out of the windows' views."""
    X, y = make_windows(arrays, rule.lookback, rule.block)
    chosen = None
    if sample is not None and sample[0] < len(X):
        draw = np.random.default_rng(sample[1]).choice(len(X), sample[0], replace=False)
        chosen = np.sort(draw)
        X, y = X[chosen], y[chosen]
    if covariates is None:
        return X, y
    series, rows = row_ends(arrays, ends, rule.lookback, rule.block)
    if chosen is not None:
        series, rows = series[chosen], rows[chosen]
    C = covariate_windows(covariates, series, rows, rule.lookback, rule.shift)
    return np.concatenate([X[:, :, None], C], axis=2), y
