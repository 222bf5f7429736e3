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


def training_windows(arrays, ends, rule, covariates=None):
    """The windows a model is fitted on under the :class:`RollOut` ``rule``:
    ``lookback`` values and the ``block`` after them; with ``covariates`` on
    the time grid, every history step carries them as extra channels."""
    X, y = make_windows(arrays, rule.lookback, rule.block)
    if covariates is None:
        return X, y
    series, rows = row_ends(arrays, ends, rule.lookback, rule.block)
    C = covariate_windows(covariates, series, rows, rule.lookback, rule.shift)
    return np.concatenate([X[:, :, None], C], axis=2), y
