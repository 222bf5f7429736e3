"""Forecast accuracy metrics as plain functions and scikit-learn scorers.

Every function takes ``y_true`` and ``y_pred`` of the same shape: one
forecast (1-D, its steps) or several (2-D, one row per forecast — a window
or an artist — and one column per step), and scores them all together.
"""

import numpy as np
from sklearn.metrics import (
    get_scorer,
    make_scorer,
    mean_absolute_error,
    root_mean_squared_error,
)

from ..exceptions import InputError

__all__ = [
    "contest_score",
    "contest_scorer",
    "mae",
    "mae_scorer",
    "mase",
    "rmse",
    "rmse_scorer",
    "sktime_metric",
    "smape",
    "smape_scorer",
]


def _pair(y_true, y_pred) -> tuple[np.ndarray, np.ndarray]:
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise InputError(
            f"`y_true` {y_true.shape} and `y_pred` {y_pred.shape} must have the "
            "same shape."
        )
    if y_true.size == 0:
        raise InputError("`y_true` has 0 values; a score needs at least one.")
    if not (np.isfinite(y_true).all() and np.isfinite(y_pred).all()):
        raise InputError("`y_true` and `y_pred` must not contain NaN or infinity.")
    return y_true, y_pred


def mae(y_true, y_pred) -> float:
    """Mean absolute error over all values (scikit-learn's, on the flattened
    arrays, after lstmreg's checks).

    Examples
    --------
    >>> mae([1, 2, 3], [2, 2, 5])
    1.0
    """
    y_true, y_pred = _pair(y_true, y_pred)
    return float(mean_absolute_error(y_true.ravel(), y_pred.ravel()))


def rmse(y_true, y_pred) -> float:
    """Root mean squared error over all values (scikit-learn's, on the
    flattened arrays, after lstmreg's checks).

    Examples
    --------
    >>> rmse([0, 0], [3, 4])
    3.5355...
    """
    y_true, y_pred = _pair(y_true, y_pred)
    return float(root_mean_squared_error(y_true.ravel(), y_pred.ravel()))


def smape(y_true, y_pred) -> float:
    """Symmetric mean absolute percentage error, in percent (0 to 200).

    ``200 * |y - f| / (|y| + |f|)`` averaged over the values; a value where
    both are 0 counts as a perfect forecast (0).

    Examples
    --------
    >>> smape([100, 0], [110, 0])
    4.7619...
    """
    y_true, y_pred = _pair(y_true, y_pred)
    denominator = np.abs(y_true) + np.abs(y_pred)
    ratio = np.divide(
        np.abs(y_true - y_pred),
        denominator,
        out=np.zeros_like(denominator),
        where=denominator > 0,
    )
    return float(200 * np.mean(ratio))


def mase(y_true, y_pred, *, y_train, sp=1) -> float:
    """Mean absolute scaled error.

    The mean absolute error divided by the in-sample mean absolute error of
    the seasonal-naive forecast (the value ``sp`` steps earlier) on
    ``y_train``. Below 1 beats seasonal naive's in-sample accuracy.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_steps,)
    y_train : array-like of shape (n_train,)
        The history the forecast was made from, longer than ``sp``.
    sp : int, default=1
        Seasonal period of the naive forecast.

    Examples
    --------
    >>> mase([5, 6], [5, 8], y_train=[1, 2, 3, 4], sp=1)
    1.0
    """
    y_true, y_pred = _pair(y_true, y_pred)
    y_train = np.asarray(y_train, dtype=np.float64)
    if y_train.ndim != 1 or len(y_train) <= sp:
        raise InputError(
            f"`y_train` must be one series longer than `sp` ({sp}); got shape "
            f"{y_train.shape}."
        )
    scale = np.mean(np.abs(y_train[sp:] - y_train[:-sp]))
    if scale == 0:
        raise InputError(
            "`y_train` is constant at lag `sp`, so MASE is undefined; use MAE."
        )
    return float(np.mean(np.abs(y_true - y_pred)) / scale)


def contest_score(y_true, y_pred, *, normalize=False, zero_truth="raise") -> float:
    """The music-trend contest's score F (higher is better).

    For each forecast ``j`` (an artist, or a window) with true plays
    ``T_jk`` and forecast ``S_jk`` over its ``N`` days::

        sigma_j = sqrt(mean_k(((S_jk - T_jk) / T_jk) ** 2))
        phi_j   = sqrt(sum_k T_jk)
        F       = sum_j (1 - sigma_j) * phi_j

    A perfect forecast scores ``F_max = sum_j phi_j``.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_days,) or (n_forecasts, n_days)
        One row per artist (or window), one column per day. True plays must
        be positive, unless ``zero_truth="skip"``.
    normalize : bool, default=False
        Return ``F / F_max`` (1 is perfect; scale-free across data sets).
    zero_truth : {"raise", "skip"}, default="raise"
        What to do with days whose true plays are zero, where the relative
        error is undefined: raise a ``ValueError``, or leave those days out
        of ``sigma_j`` (as the real data's evaluation protocol does; they add
        nothing to ``phi_j``). An artist with no positive day is left out.

    Examples
    --------
    Artist 1 is 10 % off every day (sigma 0.1, phi sqrt(200)); artist 2 is
    exact (sigma 0, phi sqrt(8)):

    >>> truth, forecast = [[100, 100], [4, 4]], [[110, 90], [4, 4]]
    >>> round(contest_score(truth, forecast), 3)  # 0.9 * 14.142 + 2.828
    15.556
    >>> round(contest_score(truth, forecast, normalize=True), 4)  # / 16.971
    0.9167
    >>> contest_score([[0, 100]], [[5, 110]], zero_truth="skip")  # day 1 left out
    9.0
    """
    if zero_truth not in ("raise", "skip"):
        raise InputError(f"`zero_truth` must be 'raise' or 'skip'; got {zero_truth!r}.")
    y_true, y_pred = _pair(y_true, y_pred)
    y_true, y_pred = np.atleast_2d(y_true), np.atleast_2d(y_pred)
    if (y_true < 0).any() or (zero_truth == "raise" and (y_true == 0).any()):
        raise InputError(
            "The contest score divides by the true plays, which must be positive; "
            f"`y_true` has {int((y_true <= 0).sum())} value(s) <= 0. Pass "
            "zero_truth='skip' to leave days with zero plays out."
        )
    positive = y_true > 0
    y_true, y_pred = y_true[positive.any(axis=1)], y_pred[positive.any(axis=1)]
    positive = y_true > 0
    safe = np.where(positive, y_true, 1.0)
    squared = np.where(positive, ((y_pred - y_true) / safe) ** 2, 0.0)
    sigma = np.sqrt(squared.sum(axis=1) / positive.sum(axis=1))
    phi = np.sqrt(np.sum(y_true, axis=1))
    score = float(np.sum((1 - sigma) * phi))
    return score / float(np.sum(phi)) if normalize else score


# Scorers for GridSearchCV on windows: each row of y is one forecast.
contest_scorer = make_scorer(contest_score, normalize=True)
smape_scorer = make_scorer(smape, greater_is_better=False)
# scikit-learn's own: the mean over forecast steps of each step's error
rmse_scorer = get_scorer("neg_root_mean_squared_error")
mae_scorer = get_scorer("neg_mean_absolute_error")


def sktime_metric(name, *, sp=1):
    """One of the metrics as an sktime metric, for sktime's ``evaluate``.

    Parameters
    ----------
    name : {"MASE", "sMAPE", "RMSE", "MAE", "F", "F/F_max"}
        The metric, named as in :func:`lstmreg.evaluation.compare`'s scores. ``"F"`` and
        ``"F/F_max"`` are the contest score and its scale-free form (higher
        is better); each column of a multivariate ``y`` is one artist.
    sp : int, default=1
        Seasonal period of MASE (sktime passes the training data).

    Returns
    -------
    sktime forecasting metric

    Examples
    --------
    >>> from sktime.datasets import load_airline
    >>> from sktime.forecasting.model_evaluation import evaluate
    >>> from sktime.forecasting.naive import NaiveForecaster
    >>> from sktime.split import ExpandingWindowSplitter
    >>> from lstmreg import sktime_metric
    >>> cv = ExpandingWindowSplitter(range(1, 13), initial_window=120, step_length=12)
    >>> table = evaluate(
    ...     NaiveForecaster(sp=12), cv, load_airline(),
    ...     scoring=[sktime_metric("MASE", sp=12), sktime_metric("F/F_max")],
    ... )
    >>> table[["test_MASE", "test_F/F_max"]].round(3)
       test_MASE  test_F/F_max
    0      1.657         0.885
    1      1.571         0.895
    """
    from sktime.performance_metrics import forecasting as sktime_metrics

    def by_series(values):
        # sktime hands (time, series); lstmreg's metrics take one row per series
        values = np.asarray(values, dtype=np.float64)
        return values.T if values.ndim == 2 else values

    # sktime's own where it has the metric (the mean over series of each
    # series' score); lstmreg's sMAPE is in percent with 0/0 counted as exact
    if name == "MASE":

        def metric(y_true, y_pred, y_train):
            # the mean of each series' MASE, as compare reports it (sktime's
            # "uniform_average" divides the mean error by the mean scale)
            return np.mean(
                sktime_metrics.mean_absolute_scaled_error(
                    y_true, y_pred, y_train=y_train, sp=sp, multioutput="raw_values"
                )
            )

    elif name == "RMSE":

        def metric(y_true, y_pred):
            return sktime_metrics.mean_squared_error(y_true, y_pred, square_root=True)

    elif name == "MAE":

        def metric(y_true, y_pred):
            return sktime_metrics.mean_absolute_error(y_true, y_pred)

    elif name == "sMAPE":

        def metric(y_true, y_pred):
            return smape(by_series(y_true), by_series(y_pred))

    elif name in ("F", "F/F_max"):

        def metric(y_true, y_pred):
            return contest_score(
                by_series(y_true), by_series(y_pred), normalize=name == "F/F_max"
            )

    else:
        raise InputError(
            "`name` must be one of 'MASE', 'sMAPE', 'RMSE', 'MAE', 'F', "
            f"'F/F_max'; got {name!r}."
        )
    return sktime_metrics.make_forecasting_scorer(
        metric, name=name, greater_is_better=name.startswith("F")
    )
