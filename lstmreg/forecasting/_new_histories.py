"""Forecasting histories a fitted WindowForecaster was not fitted on.

:class:`NewHistoriesMixin` gives the forecaster :meth:`predict_from` (pandas
series of the fit's layout) and :meth:`forecast_histories` (plain arrays,
many at once): they check the new histories and the steps, then roll out the
fitted model from them, never refitting it.
"""

import numpy as np
import pandas as pd
from sktime.forecasting.base import ForecastingHorizon

from .._utils._validation import check_positive_int
from ..exceptions import InputError
from ..windows._covariates import covariates_on
from ..windows._panel import (
    check_series_frame,
    from_arrays,
    last_point_with_freq,
    to_arrays,
)

__all__ = ["NewHistoriesMixin"]


class NewHistoriesMixin:
    """Forecasts from new histories with the fitted model.

    For :class:`~lstmreg.WindowForecaster`, which provides what the methods
    use: ``lookback_``, ``horizon_``, ``_covariates`` and
    ``_covariate_columns`` from ``fit``, ``_n_future`` (the future
    covariates a roll-out needs) and ``_forecast_histories`` (the roll-out).
    """

    def forecast_histories(self, histories, horizon):
        """Forecast ``horizon`` steps after each of many histories at once.

        The batch form of :meth:`predict_from` for plain arrays, e.g. every
        origin of every series of a backtest in one call.

        Parameters
        ----------
        histories : sequence of 1-D array-like
            The values of each history, oldest first; each at least
            ``lookback_`` long. The window model uses the last ``lookback_``;
            the statistical model of ``combine_with``, if any, is estimated
            on each whole history.
        horizon : int
            Steps to forecast after each history.

        Returns
        -------
        ndarray of shape (len(histories), horizon)

        Examples
        --------
        >>> import numpy as np, pandas as pd
        >>> from sklearn.linear_model import Ridge
        >>> from lstmreg import WindowForecaster
        >>> y = pd.Series(np.arange(30.0))
        >>> f = WindowForecaster(estimator=Ridge(), lookback=5).fit(y, fh=[1, 2])
        >>> f.forecast_histories([np.arange(10.0), np.arange(50.0, 56.0)], 2).round()
        array([[10., 11.],
               [56., 57.]])
        """
        self.check_is_fitted()
        if self._covariates is not None:
            raise InputError(
                "The model was fitted with covariates `X`; forecast new histories "
                "with `predict_from(y, fh, X)`."
            )
        check_positive_int("horizon", horizon)
        rows = []
        for i, values in enumerate(histories):
            values = np.asarray(values)
            if values.dtype.kind not in "iuf":
                raise InputError(
                    f"`histories[{i}]` must hold numbers (ints or floats); got "
                    f"dtype {values.dtype}. Convert it, e.g. with "
                    "`np.asarray(h, dtype=float)`."
                )
            values = values.astype(np.float64)
            if not np.isfinite(values).all():
                raise InputError(
                    f"`histories[{i}]` has a missing or infinite value; fill or "
                    "drop it first."
                )
            if values.ndim != 1 or len(values) < self.lookback_:
                raise InputError(
                    f"`histories[{i}]` must be 1-D with at least lookback_ "
                    f"({self.lookback_}) values; got shape {values.shape}."
                )
            rows.append(values)
        if not rows:
            raise InputError("`histories` is empty; pass at least one history.")
        steps, gaps = np.arange(1, horizon + 1), np.zeros(len(rows), dtype=int)
        history = np.stack([r[-self.lookback_ :] for r in rows])
        return self._forecast_histories(steps, history, gaps, series=rows)[0]

    def predict_from(self, y, fh=None, X=None):
        """Forecast from a new history with the fitted model, without refitting.

        The statistical model of ``combine_with``, if any, is local: a copy
        is estimated on each series of ``y``.

        Parameters
        ----------
        y : pandas.Series or pandas.DataFrame
            History of one or many series in the layout of ``fit`` (the same
            columns are not required), at least ``lookback_`` points long.
        fh : int, list of int or ForecastingHorizon, default=None
            Steps after the end of ``y``; ``None`` uses ``1..horizon_``.
        X : pandas.DataFrame, default=None
            Covariates over the time points of ``y`` and the forecast steps,
            if the model was fitted with covariates.

        Returns
        -------
        pandas.Series or pandas.DataFrame
            The forecasts, indexed by the future time points, in the layout
            and type of ``y``.
        """
        self.check_is_fitted()
        check_series_frame(y)
        frame = y.to_frame() if isinstance(y, pd.Series) else y
        arrays, gaps, layout = to_arrays(frame)
        if gaps.any():
            raise InputError("All series of `y` must end at its last time point.")
        short = min(len(a) for a in arrays)
        if short < self.lookback_:
            raise InputError(
                f"`y` has a series of {short} time points, shorter than the "
                f"lookback ({self.lookback_}) the model was fitted with."
            )
        fh = ForecastingHorizon(
            range(1, self.horizon_ + 1) if fh is None else fh, is_relative=True
        )
        time_index = frame.index.get_level_values(-1).unique()
        cutoff = last_point_with_freq(time_index)
        steps = np.asarray(fh, dtype=int)
        if (steps < 1).any():
            raise InputError(
                f"`fh` must count steps after the end of `y` (1, 2, ...); got "
                f"{steps.tolist()}."
            )
        history = np.stack([a[-self.lookback_ :] for a in arrays])
        covariates = None
        if self._covariates is not None:
            n_future = self._n_future(int(steps.max()))
            grid = time_index
            if n_future:
                future = ForecastingHorizon(range(1, n_future + 1), is_relative=True)
                grid = grid.append(future.to_absolute_index(cutoff))
            if X is None:
                after = f" and the {n_future} after it" if n_future else ""
                raise InputError(
                    "The model was fitted with covariates `X`; pass `X` covering "
                    f"the time points of `y`{after}."
                )
            covariates = covariates_on(X, grid, layout, columns=self._covariate_columns)
        gaps = np.zeros(len(arrays), dtype=int)
        values, _ = self._forecast_histories(
            steps, history, gaps, covariates, series=arrays
        )
        forecasts = from_arrays(values, fh.to_absolute_index(cutoff), layout)
        if isinstance(y, pd.Series):  # like predict: the type of y
            return forecasts.iloc[:, 0].rename(y.name)
        return forecasts
