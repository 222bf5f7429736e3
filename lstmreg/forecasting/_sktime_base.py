"""The sktime base of lstmreg's forecasters: they keep their own history."""

import numpy as np
import pandas as pd
from sktime.forecasting.base import BaseForecaster, ForecastingHorizon

from ..exceptions import InputError
from ..windows._panel import check_series_frame, last_point_with_freq, time_grid

__all__ = ["OwnHistoryForecaster"]


class OwnHistoryForecaster(BaseForecaster):
    """An sktime forecaster that keeps the history it needs itself.

    sktime's data pool (``remember_data``) is off; subclasses store what
    they need in ``_fit`` and ``_update``. They forecast only after the
    cutoff: :meth:`_steps` turns ``fh`` into steps ``>= 1`` or raises.
    """

    _config = {"remember_data": False}

    def __init__(self):
        super().__init__()
        # sktime creates these only if remember_data is on at construction;
        # it may be switched on later with set_config.
        self._y = self._X = None

    def fit(self, y, X=None, fh=None):
        """Fit to the series ``y`` (and covariates ``X``); see sktime's ``fit``.

        The data are checked first, so that an unsorted, duplicated or
        irregular time index (one with service hours: a daily schedule),
        duplicated series names, text columns or no data at all get a
        message that says what to fix, not sktime's conversion error or a
        failure at ``predict``.
        """
        self._check_data(y, X)
        return super().fit(y, X=X, fh=fh)

    def _check_data(self, y, X):
        """Refuse data no forecaster here can use (see :meth:`fit`)."""
        check_series_frame(y)

    def _set_cutoff_from_y(self, y):
        """sktime's cutoff, with the frequency of the whole time grid where
        sktime's has none: sktime infers a panel's from one series, which
        fails where that series has two points and the grid more."""
        super()._set_cutoff_from_y(y)
        cutoff = self._cutoff
        dated = isinstance(cutoff, (pd.DatetimeIndex, pd.PeriodIndex))
        panel = isinstance(getattr(y, "index", None), pd.MultiIndex)
        if dated and cutoff.freq is None and panel:
            grid = time_grid(y)
            if grid[-1] == cutoff[-1]:
                self._cutoff = last_point_with_freq(grid)

    def _steps(self, fh):
        """The steps of ``fh`` after the cutoff, as ints; in-sample raises, and
        so do absolute time points between the grid's (noon on a daily grid)."""
        steps = np.asarray(fh.to_relative(self.cutoff), dtype=int)
        if (steps < 1).any():
            raise NotImplementedError(
                f"{type(self).__name__} forecasts only after the cutoff (fh >= 1)."
            )
        if not fh.is_relative:
            on_grid = ForecastingHorizon(steps, is_relative=True).to_absolute_index(
                self.cutoff
            )
            asked = fh.to_absolute_index(self.cutoff)
            off = np.flatnonzero(on_grid != asked)
            if len(off):
                raise InputError(
                    f"`fh` holds {asked[off[0]]}, which is not a time point of the "
                    f"series' grid (the nearest is {on_grid[off[0]]}); pass time "
                    "points on the grid, or steps ahead such as fh=[1, 2, 3]."
                )
        return steps
