"""Roll-out: forecasting any number of steps with a window model.

A window model maps history rows of ``lookback`` values to the next ``block``
values: ``block = horizon`` for the direct strategy, ``1`` for the recursive
one. :func:`roll_out` calls it block by block, each block's forecasts
becoming the history of the next, every block kept within the range the
history allows (:class:`RollOut`).
"""

from dataclasses import dataclass
from math import ceil

import numpy as np

from ..windows._covariates import covariate_windows
from ._training import predicts_by_series

__all__ = ["RollOut", "roll_out"]


@dataclass(frozen=True)
class RollOut:
    """How a fitted window model forecasts.

    ``shift`` is the number of steps by which a window's covariates lead its
    history values: ``block`` for future covariates, 0 for past ones.
    ``partial``: the model also trained on the windows whose block runs past
    the end of the data (``WindowForecaster(partial_windows=True)``).
    """

    lookback: int
    horizon: int
    block: int
    shift: int
    max_extrapolation: float | None
    non_negative: bool
    partial: bool = False

    def n_future(self, total):
        """Future time points whose covariates a roll-out of ``total`` needs."""
        if not self.shift:  # past covariates: none after the cutoff
            return 0
        return ceil(total / self.block) * self.block

    def bounds(self, history):
        """Per-row limits of the forecasts under ``max_extrapolation``."""
        if self.max_extrapolation is None:
            return -np.inf, np.inf
        recent = history[:, -self.lookback :]
        low, high = recent.min(axis=1), recent.max(axis=1)
        # the range of lookback values is how far the series moved in
        # lookback - 1 steps; a horizon longer than that widens the margin
        # in proportion, so that a short lookback (a short series) does not
        # stop a steady trend after a step or two
        stretch = max(1.0, self.horizon / (self.lookback - 1))
        margin = self.max_extrapolation * stretch * (high - low)
        return (low - margin)[:, None], (high + margin)[:, None]

    def limit(self, forecasts, low, high):
        """``forecasts`` within the bounds, and at zero or above if asked."""
        forecasts = np.clip(forecasts, low, high)
        return np.maximum(forecasts, 0.0) if self.non_negative else forecasts


def roll_out(model, histories, steps, rule, covariates=None, series=None):
    """Forecast ``steps`` ahead of each history row, block by block.

    ``covariates`` (:class:`~lstmreg.windows._covariates.CovariatePaths`):
    per-series covariates on the time grid, and the series and grid position
    at which each history row ends; every block then gets its shifted
    covariates. ``series``: the fit's series of every row (None for new
    ones), passed as ``groups`` to a model that shrinks each series' forecasts
    as its own.
    """
    n, L = len(histories), rule.lookback
    history = np.asarray(histories, dtype=np.float64)
    paths = None
    if covariates is not None:
        values, series, ends = covariates
        n_blocks = ceil(steps / rule.block)
        paths = covariate_windows(values, series, ends, L, rule.shift, n_blocks)
    low, high = rule.bounds(history)
    by_series = series is not None and predicts_by_series(model)
    extra = {"groups": np.asarray(series)} if by_series else {}
    done = []
    while sum(b.shape[1] for b in done) < steps:
        inputs = history[:, -L:]
        if paths is not None:
            start = len(done) * rule.shift
            inputs = np.concatenate(
                [inputs[:, :, None], paths[:, start : start + L]], axis=2
            )
        block = np.asarray(model.predict(inputs, **extra)).reshape(n, -1)
        block = rule.limit(block, low, high)
        done.append(block)
        history = np.hstack([history[:, -L:], block])
    return np.hstack(done)[:, :steps]
