"""WindowTransformer: history rows to per-step features over the last steps."""

from numbers import Integral

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.metaestimators import available_if
from sklearn.utils.validation import check_is_fitted

from .._utils._validation import (
    Interval,
    InvalidParameterError,
    _fit_context,
    validate_numbers,
)
from ..exceptions import InputError
from ._windows import ROLLING_STATISTICS, rolling_statistics

__all__ = ["WindowTransformer"]


class WindowTransformer(TransformerMixin, BaseEstimator):
    """Per-time-step features of the last ``window_size`` steps of each history.

    Each input row is one sample's history, oldest value first. For every
    step of its last ``window_size`` steps the row is turned into a vector of
    statistics — by default the value, its rolling mean and its rolling
    variance over ``rolling_window`` steps, the features of the classic
    music-trend LSTM. Rows are transformed independently of each other, so
    cross-validation folds, shuffling and pipelines leak nothing, and
    ``window_size`` can be tuned by :class:`~sklearn.model_selection.GridSearchCV`.

    A 3-D input ``(n_samples, n_steps, 1 + n_covariates)`` holds the history
    in its first channel and per-step covariates (e.g. calendar features of
    the forecast days, as :class:`~lstmreg.WindowForecaster` passes them) in
    the others: the statistics are computed from the first channel and the
    covariates are appended to every output step as they are.

    Parameters
    ----------
    window_size : int or None, default=None
        Number of most recent steps to output. ``None`` uses the whole row.
        Steps before the window still feed the rolling statistics of its
        first steps, so a history of ``window_size + rolling_window - 1`` or
        more values gives every output step a full rolling window.
    statistics : tuple of str, default=("value", "mean", "var")
        Per-step features, in output order: ``"value"``, ``"mean"``,
        ``"var"``, ``"std"``, ``"min"``, ``"max"`` over the trailing
        ``rolling_window`` steps, and ``"diff"`` (first difference). Put
        ``"value"`` (or another feature in the target's units) first when
        feeding :class:`~lstmreg.LSTMForecaster`, which scales the targets
        like the first feature.
    rolling_window : int, default=3
        Width of the trailing window of the rolling statistics.
    flatten : bool, default=False
        Return 2-D ``(n_samples, window_size * n_statistics)`` rows (step by
        step, the statistics of a step together) for regressors that take
        plain feature vectors, such as :class:`~sklearn.linear_model.Ridge`.

    Attributes
    ----------
    n_features_in_ : int
        Length of the history rows seen in ``fit``.
    n_covariates_ : int
        Number of covariate channels of a 3-D ``X`` (0 for 2-D).

    See Also
    --------
    make_windows : Frames series as history rows and target rows.
    LSTMForecaster : Consumes the ``(n_samples, window_size, n_statistics)`` output.

    Notes
    -----
    Rolling statistics equal pandas'
    ``Series.rolling(rolling_window, min_periods=1)`` on each row with
    ``ddof=0`` (population variance and standard deviation): where a row
    has fewer than ``rolling_window`` earlier values, the available ones are
    used, and a single value has variance 0. ``"diff"`` is 0 at the first
    step of a row.

    Examples
    --------
    >>> import numpy as np
    >>> from lstmreg import WindowTransformer
    >>> X = np.array([[1.0, 2.0, 3.0, 4.0, 8.0]])
    >>> Xt = WindowTransformer(window_size=2).fit_transform(X)
    >>> Xt.shape
    (1, 2, 3)
    >>> Xt[0]  # value, mean and variance of the last 3 days, for the last 2 days
    array([[4.        , 3.        , 0.66666667],
           [8.        , 5.        , 4.66666667]])
    """

    _parameter_constraints: dict = {
        "window_size": [Interval(Integral, 1, None, closed="left"), None],
        "statistics": [tuple, list],
        "rolling_window": [Interval(Integral, 1, None, closed="left")],
        "flatten": ["boolean"],
    }

    def __init__(
        self,
        window_size=None,
        *,
        statistics=("value", "mean", "var"),
        rolling_window=3,
        flatten=False,
    ):
        self.window_size = window_size
        self.statistics = statistics
        self.rolling_window = rolling_window
        self.flatten = flatten

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Check the parameters against the history length of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_steps) or \
(n_samples, n_steps, 1 + n_covariates)
            One history per row, oldest value first, with optional covariates.
        y : None
            Ignored.

        Returns
        -------
        self : WindowTransformer
            The fitted transformer.
        """
        unknown = [s for s in self.statistics if s not in ROLLING_STATISTICS]
        if not self.statistics or unknown:
            raise InvalidParameterError(
                f"`statistics` must be a non-empty tuple of names from "
                f"{sorted(ROLLING_STATISTICS)}; got {self.statistics!r}."
            )
        X = self._validate(X, reset=True)
        if self.window_size is not None and self.window_size > X.shape[1]:
            raise InputError(
                f"`window_size` ({self.window_size}) must not exceed the history "
                f"length ({X.shape[1]}); pass a shorter `window_size` or more history."
            )
        return self

    def transform(self, X):
        """Per-step statistics of the last ``window_size`` steps of each row.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_steps)
            Histories as long as those seen in ``fit``.

        Returns
        -------
        X_windows : ndarray of shape (n_samples, window_size, n_statistics + \
n_covariates)
            The ``[samples, time steps, features]`` layout LSTMs take; with
            ``flatten=True``, shape (n_samples, window_size * n_statistics).
        """
        check_is_fitted(self)
        X = self._validate(X, reset=False)
        covariates = X[:, :, 1:] if X.ndim == 3 else None
        values = X[:, :, 0] if X.ndim == 3 else X
        window = X.shape[1] if self.window_size is None else self.window_size
        # Only the steps that feed the output window are needed (one more for
        # the first difference at the window's first step).
        needed = min(X.shape[1], window + self.rolling_window)
        features = rolling_statistics(
            values[:, X.shape[1] - needed :], self.statistics, self.rolling_window
        )
        features = features[:, needed - window :, :]
        if covariates is not None:
            features = np.concatenate([features, covariates[:, -window:, :]], axis=2)
        return features.reshape(len(X), -1) if self.flatten else features

    @available_if(lambda self: self.flatten)
    def get_feature_names_out(self, input_features=None):
        """Names of the flattened output columns (``flatten=True`` only).

        ``"{statistic}_lag{k}"``, ``k`` steps before the last step of the
        window (``lag0`` is the last), step by step; covariate channels are
        ``"covariate{j}"``. With ``flatten=False`` the output is 3-D and has
        no column names, so the method does not exist.

        Parameters
        ----------
        input_features : None
            Ignored: the output columns are statistics of the history, not
            the input columns.

        Returns
        -------
        feature_names_out : ndarray of str

        Examples
        --------
        >>> import numpy as np
        >>> from lstmreg import WindowTransformer
        >>> t = WindowTransformer(2, statistics=("value", "mean"), flatten=True)
        >>> t.fit(np.zeros((3, 4))).get_feature_names_out().tolist()
        ['value_lag1', 'mean_lag1', 'value_lag0', 'mean_lag0']
        """
        check_is_fitted(self)
        window = self.n_features_in_ if self.window_size is None else self.window_size
        channels = [*self.statistics]
        channels += [f"covariate{j}" for j in range(self.n_covariates_)]
        return np.array(
            [f"{c}_lag{lag}" for lag in range(window - 1, -1, -1) for c in channels],
            dtype=object,
        )

    def _validate(self, X, *, reset):
        X = validate_numbers(
            self, X, dtype=[np.float64, np.float32], allow_nd=True, reset=reset
        )
        if X.ndim > 3:
            raise InputError(
                "`X` must be 2-D (n_samples, n_steps) or 3-D (n_samples, n_steps, "
                f"1 + n_covariates); got {X.ndim}-D with shape {X.shape}."
            )
        n_covariates = X.shape[2] - 1 if X.ndim == 3 else 0
        if reset:
            self.n_covariates_ = n_covariates
        elif n_covariates != self.n_covariates_:
            raise InputError(
                f"`X` has {n_covariates} covariate channel(s) but "
                f"{type(self).__name__} was fitted with {self.n_covariates_}."
            )
        return X

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        tags.input_tags.three_d_array = True
        return tags
