"""Rolling forecast origins: the folds every model of a comparison shares."""

import numpy as np

from .._utils._validation import check_positive_int
from ..exceptions import InputError
from ..windows._panel import time_grid

__all__ = ["RollingOrigin"]


class RollingOrigin:
    """Backtest folds over rolling forecast origins that end at the last point.

    Fold ``i`` forecasts the ``horizon`` points after its cutoff from the
    points up to it. The last fold's test ends at the last time point; each
    earlier cutoff is ``step`` points before the next. Training data grow
    with the cutoff (``window="expanding"``) or keep the last
    ``window_length`` points (``window="fixed"``).

    Parameters
    ----------
    horizon : int
        Points forecast from every cutoff.
    n_folds : int, default=3
        Number of cutoffs.
    step : int or None, default=None
        Points between cutoffs; ``None`` uses ``horizon`` (test sets adjoin).
    window : {"expanding", "fixed"}, default="expanding"
        Train on all points before the cutoff, or on the last
        ``window_length`` of them.
    window_length : int or None, default=None
        Training points of a fixed window; ``None`` uses the training length
        of the first fold, so every fold trains on equally many points.

    Examples
    --------
    >>> from lstmreg import RollingOrigin
    >>> cv = RollingOrigin(horizon=2, n_folds=3)
    >>> for train, test in cv.split(range(10)):
    ...     print(train, test)
    [0 1 2 3] [4 5]
    [0 1 2 3 4 5] [6 7]
    [0 1 2 3 4 5 6 7] [8 9]
    >>> cv = RollingOrigin(horizon=2, n_folds=2, step=1, window="fixed")
    >>> [train.tolist() for train, _ in cv.split(range(10))]
    [[0, 1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6, 7]]
    """

    def __init__(
        self, horizon, n_folds=3, step=None, window="expanding", window_length=None
    ):
        self.horizon = horizon
        self.n_folds = n_folds
        self.step = step
        self.window = window
        self.window_length = window_length

    def __repr__(self):
        return (
            f"RollingOrigin(horizon={self.horizon!r}, n_folds={self.n_folds!r}, "
            f"step={self.step!r}, window={self.window!r}, "
            f"window_length={self.window_length!r})"
        )

    def _check(self):
        check_positive_int("horizon", self.horizon)
        check_positive_int("n_folds", self.n_folds)
        check_positive_int("step", self.step, allow_none=True)
        if self.window not in ("expanding", "fixed"):
            raise InputError(
                f"`window` must be 'expanding' or 'fixed'; got {self.window!r}."
            )
        check_positive_int("window_length", self.window_length, allow_none=True)

    def cutoffs(self, n_timepoints):
        """Training length before each cutoff: train on ``y[:c]`` (expanding).

        Parameters
        ----------
        n_timepoints : int
            Length of the series (of the common time grid of many series).

        Returns
        -------
        ndarray of int, shape (n_folds,)
        """
        self._check()
        step = self.horizon if self.step is None else self.step
        last = n_timepoints - self.horizon
        first = last - (self.n_folds - 1) * step
        needed = max(2, self.window_length or 2)
        if first < needed:
            raise InputError(
                f"The series have {n_timepoints} time points; {self.n_folds} "
                f"fold(s) of horizon {self.horizon}, {step} apart, after {needed} "
                f"training points need at least {needed - first + n_timepoints}. "
                "Pass fewer `n_folds`, a smaller `step` or a longer series."
            )
        return first + step * np.arange(self.n_folds)

    def train_length(self, n_timepoints):
        """Training points of every fold (``None`` for expanding windows)."""
        if self.window == "expanding":
            return None
        return self.window_length or int(self.cutoffs(n_timepoints)[0])

    def split(self, y):
        """Yield ``(train, test)`` integer positions of every fold.

        Parameters
        ----------
        y : sized
            The series (or anything with its length).
        """
        n = len(y)
        length = self.train_length(n)
        for c in self.cutoffs(n):
            start = 0 if length is None else c - length
            yield np.arange(start, c), np.arange(c, c + self.horizon)

    def get_n_splits(self, y=None):
        """Number of folds."""
        return self.n_folds

    def to_sktime(self, y):
        """The same folds as an sktime splitter, for ``sktime``'s ``evaluate``.

        Parameters
        ----------
        y : pandas.Series or pandas.DataFrame
            The data the folds are for (its time index sets the cutoffs).

        Returns
        -------
        sktime.split.CutoffSplitter
        """
        from sktime.forecasting.base import ForecastingHorizon
        from sktime.split import CutoffSplitter

        times = time_grid(y)
        cutoffs = self.cutoffs(len(times))
        length = self.train_length(len(times)) or int(cutoffs[-1])
        return CutoffSplitter(
            cutoffs=cutoffs - 1,  # positions of the last training points
            fh=ForecastingHorizon(np.arange(1, self.horizon + 1)),
            window_length=length,
        )
