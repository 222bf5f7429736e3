"""Split-conformal prediction intervals from scale-free out-of-sample residuals.

Residuals are divided by the spread of the history window they were forecast
from, so one calibration serves many series of different magnitudes, and an
interval is the forecast plus or minus a quantile of those scaled residuals
times the forecast window's own spread.
"""

import numpy as np

from ._scaling import window_location_scale

__all__ = ["conformal_quantiles", "history_scale", "scaled_residuals"]


def history_scale(histories: np.ndarray) -> np.ndarray:
    """Spread of each history row, shape (n, 1); never 0 (see window_location_scale)."""
    return window_location_scale(histories[:, :, None])[1][:, :, 0]


def scaled_residuals(
    y_true: np.ndarray, y_pred: np.ndarray, histories: np.ndarray
) -> np.ndarray:
    """Absolute residuals divided by the spread of each row's history."""
    return np.abs(y_true - y_pred) / history_scale(histories)


def conformal_quantiles(residuals: np.ndarray, coverage: float) -> np.ndarray:
    """Per-step half-width (in history spreads) covering ``coverage`` of residuals.

    Uses the finite-sample rank ``ceil((n + 1) * coverage)`` of the ``n``
    calibration residuals of each step, capped at the largest residual.

    Parameters
    ----------
    residuals : ndarray of shape (n_calibration, n_steps)
    coverage : float in (0, 1)

    Returns
    -------
    ndarray of shape (n_steps,)

    Examples
    --------
    >>> import numpy as np
    >>> conformal_quantiles(np.arange(1.0, 10.0)[:, None], 0.8)
    array([8.])
    """
    n = residuals.shape[0]
    rank = min(int(np.ceil((n + 1) * coverage)), n)
    return np.sort(residuals, axis=0)[rank - 1]


def half_widths(
    residuals: np.ndarray, coverage: float, steps: np.ndarray
) -> np.ndarray:
    """Half-widths in history spreads for ``steps`` ahead (any shape).

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
