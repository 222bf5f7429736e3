"""Split-conformal prediction intervals from scale-free out-of-sample residuals.

Residuals are divided by their series' typical step, the mean absolute change
from one point to the next, so one calibration serves many series of
different magnitudes, and an interval is the forecast plus or minus a
quantile of those scaled residuals times the series' own step. For a single
series the scale cancels: the interval is plain split conformal.

:func:`calibrate` records those residuals for a fit: a second model fitted on
the data before a held-out tail forecasts every origin of the tail, rolled
out and combined exactly as the fitted forecaster would.
"""

import warnings

import numpy as np

from ..windows._covariates import CovariatePaths
from ..windows._scaling import floored
from ..windows._windows import make_windows
from ._combination import (
    combine,
    median_instead,
    member_names,
    statistical_at,
    to_validate,
    validated_weights,
)
from ._rollout import roll_out
from ._training import row_ends

__all__ = [
    "calibrate",
    "calibration_errors",
    "conformal_quantiles",
    "half_widths",
    "series_scale",
]


def series_scale(arrays) -> np.ndarray:
    """Typical step of each series (two points or more), shape (n_series, 1);
    never 0.

    The mean absolute first difference, the scale of MASE; a series without
    changes is scaled by its mean absolute value, or by 1 if that is 0.

    A constant over the series rather than a spread of each forecast's own
    history: a history row of a short series holds a few points (two for a
    14-point yearly series), whose spread can be near 0 and made intervals
    hundreds of times wider than the series.

    Examples
    --------
    >>> import numpy as np
    >>> series_scale([np.array([1.0, 3.0, 2.0]), np.array([5.0, 5.0])])
    array([[1.5],
           [5. ]])
    """
    steps = np.array([np.abs(np.diff(a)).mean() for a in arrays])
    level = np.array([np.abs(a).mean() for a in arrays])
    return floored(steps, level)[:, None]


def conformal_quantiles(residuals: np.ndarray, coverage: float) -> np.ndarray:
    """Per-step half-width (in typical steps) covering ``coverage`` of residuals.

    Uses the finite-sample rank ``ceil((n + 1) * coverage)`` of the ``n``
    calibration residuals of each step. Fewer residuals than that rank (a
    90 % interval from 3 forecasts of a short yearly series) have no such
    quantile, and the largest residual of each step covers too little. The
    steps then pool their residuals: each step's are divided by their mean,
    the rank is taken among all of them (the largest, if the rank is beyond
    even those), and each step's mean scales it back; a step never gets less
    than its own largest residual, since the rank lies beyond it.

    Parameters
    ----------
    residuals : ndarray of shape (n_calibration, n_steps)
    coverage : float in [0, 1)
        0 (the median of a symmetric interval, sktime's ``alpha=0.5``) gives
        half-widths of 0; the half-widths never shrink as ``coverage`` grows,
        so quantiles made from them never cross.

    Returns
    -------
    ndarray of shape (n_steps,)

    Examples
    --------
    >>> import numpy as np
    >>> conformal_quantiles(np.arange(1.0, 10.0)[:, None], 0.8)
    array([8.])
    >>> conformal_quantiles(np.array([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]]), 0.8)
    array([3., 6.])
    >>> conformal_quantiles(np.array([[1.0, 2.0], [2.0, 4.0], [6.0, 6.0]]), 0.8)
    array([6., 8.])
    >>> conformal_quantiles(np.arange(1.0, 10.0)[:, None], 0.0)
    array([0.])
    """
    n, rank = residuals.shape[0], _rank(residuals.shape[0], coverage)
    if rank == 0:
        return np.zeros(residuals.shape[1])
    if rank <= n:
        return np.sort(residuals, axis=0)[rank - 1]
    profile = floored(residuals.mean(axis=0), residuals.mean())
    pooled = np.sort((residuals / profile).ravel())
    q = pooled[min(_rank(pooled.size, coverage), pooled.size) - 1] * profile
    return np.maximum(q, residuals.max(axis=0))


def _rank(n, coverage):
    """The split-conformal rank of ``coverage`` among ``n`` residuals."""
    return int(np.ceil((n + 1) * coverage))


def half_widths(
    residuals: np.ndarray, coverage: float, steps: np.ndarray
) -> np.ndarray:
    """Half-widths in typical steps for ``steps`` ahead (any shape).

    Up to the calibrated horizon (the columns of ``residuals``) each step has
    its own conformal quantile; beyond it the last step's width grows with
    the square root of the number of blocks rolled out.

    Examples
    --------
    >>> import numpy as np
    >>> residuals = np.array([[1.0, 2.0]] * 9)
    >>> half_widths(residuals, 0.9, np.array([1, 2, 8]))
    array([1., 2., 4.])
    """
    q = conformal_quantiles(residuals, coverage)
    calibrated = len(q)
    growth = np.sqrt(np.ceil(steps / calibrated))
    return q[np.minimum(steps, calibrated) - 1] * np.where(
        steps > calibrated, growth, 1.0
    )


def calibrate(fitted, arrays, ends, k, early=None):
    """Scaled errors of ``fitted``'s forecasts made from the last ``k``
    points' origins of ``arrays`` (series ``i`` ending at grid position
    ``ends[i]``), shape (n_calibration, horizon), or None.

    With a held-out tail (``k > 0``), the window model's forecasts are
    ``early``'s, an estimator fitted on the data before it. Without one,
    the fitted estimator is
    scored on its own training windows, which gives too narrow intervals (or
    none, where the statistical model cannot forecast from any of them): say
    so. With ``combine_weight="validated"`` the tail's forecasts also choose
    ``fitted``'s combination (:func:`validated_weights`) first.
    """
    rule = fitted.rule
    if not k and to_validate(fitted.weight):
        # training windows cannot tell the members apart
        median_instead(
            fitted,
            "needs a calibration tail to choose on, and the series are too "
            "short to hold one out",
        )
    if k:
        tails = [a[-(k + rule.lookback) :] for a in arrays]
        return calibration_errors(fitted, early, arrays, ends, tails)
    residuals = calibration_errors(fitted, fitted.estimator, arrays, ends, arrays)
    outcome = (
        f"there are no prediction intervals: no training window could be "
        f"forecast {rule.horizon} steps ahead"
        if residuals is None
        else "the prediction intervals are calibrated on the training "
        "windows and will be too narrow"
    )
    warnings.warn(
        f"The series are too short to hold out a calibration tail of "
        f"{rule.horizon} or more points after {rule.lookback + rule.block} for "
        f"training; {outcome}.",
        UserWarning,
        stacklevel=3,
    )
    return residuals


def calibration_errors(fitted, model, arrays, ends, tails):
    """Scaled errors of ``model``'s forecasts (combined as ``fitted``
    combines) from every origin of ``tails``, the ends of ``arrays``; None
    if there are none."""
    rule = fitted.rule
    L, H = rule.lookback, rule.horizon
    usable = [i for i, t in enumerate(tails) if len(t) >= L + H]
    if not usable:
        return None
    tails = [tails[i] for i in usable]
    X_cal, y_cal = make_windows(tails, L, H)
    series, rows = row_ends(tails, ends[usable], L, H)
    scale = fitted.scale[usable][series]
    paths = None
    if fitted.kept.covariates is not None:
        paths = CovariatePaths(fitted.kept.covariates[usable], series, rows)
    predicted = roll_out(model, X_cal, H, rule, paths, np.asarray(usable)[series])
    if fitted.statistical:
        models = fitted.statistical_models
        statistical = statistical_at(models, arrays, usable, tails, L, H)
        # windows whose data a statistical model cannot forecast from
        # (too short for its orders) are not calibrated on
        known = np.isfinite(statistical).all(axis=(0, 2))
        if not known.any():
            return None
        y_cal, X_cal, scale = y_cal[known], X_cal[known], scale[known]
        predicted, statistical = predicted[known], statistical[:, known]
        bounds = rule.bounds(X_cal.astype(np.float64))
        if to_validate(fitted.weight):
            fitted.weight, fitted.validation_scores = validated_weights(
                predicted,
                statistical,
                y_cal,
                scale,
                member_names(fitted.statistical),
                lambda combined: rule.limit(combined, *bounds),
            )
        combined = combine(predicted, statistical, fitted.weight)
        predicted = rule.limit(combined, *bounds)
    return np.abs(y_cal - predicted) / scale
