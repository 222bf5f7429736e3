"""Per-window normalisation: each sample is scaled by its own history.

Pure functions over float64 arrays. Because the statistics come from the
window itself, nothing is learned from the training set, so there is nothing
to leak across folds and one network serves series of any magnitude.
"""

import numpy as np

from ..exceptions import InputError

__all__ = [
    "floored",
    "last_value_windows",
    "log_level_windows",
    "scale_windows",
    "seasonal_windows",
    "unscale_log_level",
    "unscale_targets",
    "window_location_scale",
]

# A window whose spread is below this fraction of its level is treated as
# constant: it is scaled by its level instead (or by 1 if the level is 0).
_RELATIVE_FLOOR = 1e-6


def window_location_scale(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Location and scale of every feature of every window.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_steps, n_features)

    Returns
    -------
    loc, scale : ndarray of shape (n_samples, 1, n_features)
        The mean and population standard deviation over the time steps. A
        window that is constant (spread below 1e-6 of its level) gets its
        absolute level as scale, and an all-zero window gets 1, so the
        scaled values are always finite.

    Examples
    --------
    >>> import numpy as np
    >>> loc, scale = window_location_scale(np.array([[[1.0], [3.0]], [[5.0], [5.0]]]))
    >>> loc.ravel(), scale.ravel()
    (array([2., 5.]), array([1., 5.]))
    """
    loc = X.mean(axis=1, keepdims=True)
    return loc, floored(X.std(axis=1, keepdims=True), loc)


def floored(scale, level):
    """``scale``, or ``|level|`` where it is below 1e-6 of it, or 1 where both
    are 0: a divisor that keeps every scaled value finite."""
    level = np.abs(level)
    scale = np.where(scale <= _RELATIVE_FLOOR * level, level, scale)
    return np.where(scale > 0, scale, 1.0)


def scale_windows(X, y=None):
    """Scale ``X`` per window and feature, and ``y`` like the first feature.

    The first per-step feature is taken to be the target's own history (as
    :class:`~lstmreg.WindowTransformer` puts the value first), so the targets
    are scaled with its location and scale.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_steps, n_features)
    y : ndarray of shape (n_samples, n_outputs), default=None

    Returns
    -------
    X_scaled : ndarray, like ``X``
    y_scaled : ndarray, like ``y``, or None
    loc, scale : ndarray of shape (n_samples, 1)
        The first feature's location and scale, to undo the scaling of
        predictions with :func:`unscale_targets`.
    """
    loc, scale = window_location_scale(X)
    X_scaled = (X - loc) / scale
    loc, scale = loc[:, :, 0], scale[:, :, 0]
    y_scaled = None if y is None else (y - loc) / scale
    return X_scaled, y_scaled, loc, scale


def unscale_targets(y_scaled, loc, scale):
    """Undo the target scaling of :func:`scale_windows`."""
    return y_scaled * scale + loc


def last_value_windows(X, y=None):
    """Values relative to each window's last one, in units of its typical step.

    The first per-step feature (the target's own history) becomes
    ``(x - x_last) / s``, where ``s`` is the standard deviation of the
    window's first differences; the targets are scaled the same way, so a
    prediction of 0 is the last value (the naive forecast) and the network
    learns the changes from it, in steps of the size the series takes. Any
    other features are standardised per window as by :func:`scale_windows`.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_steps, n_features)
    y : ndarray of shape (n_samples, n_outputs), default=None

    Returns
    -------
    X_scaled : ndarray, like ``X``
    y_scaled : ndarray, like ``y``, or None
    last, scale : ndarray of shape (n_samples, 1)
        To undo the scaling of predictions with :func:`unscale_targets`.
        A window without changes (or of one step) is scaled by its last
        value, or by 1 if that is 0, as in :func:`window_location_scale`.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[[10.0], [11.0], [14.0], [15.0], [18.0]]])  # steps 1, 3, 1, 3
    >>> X_scaled, y_scaled, last, scale = last_value_windows(X, np.array([[20.0]]))
    >>> X_scaled.ravel(), y_scaled, last, scale
    (array([-8., -7., -4., -3.,  0.]), array([[2.]]), array([[18.]]), array([[1.]]))
    """
    values = X[:, :, :1]
    last = values[:, -1:]
    steps = np.diff(values, axis=1)
    spread = steps.std(axis=1, keepdims=True) if steps.shape[1] else 0.0 * last
    scale = floored(spread, last)
    X_scaled = X.copy()
    if X.shape[2] > 1:
        X_scaled[:, :, 1:] = scale_windows(X[:, :, 1:])[0]
    X_scaled[:, :, :1] = (values - last) / scale
    last, scale = last[:, :, 0], scale[:, :, 0]
    y_scaled = None if y is None else (y - last) / scale
    return X_scaled, y_scaled, last, scale


def seasonal_windows(X, y=None, *, sp, n_outputs):
    """Like :func:`last_value_windows`, but the targets relative to the
    seasonal naive forecast.

    The inputs are scaled as by :func:`last_value_windows` (relative to the
    window's last value, in units of its typical step); the target of output
    ``k`` (from 0) becomes ``(y_k - x_b) / s`` where ``x_b`` is the window's
    value at step ``n_steps - sp + k % sp``: the same step of the window's
    last season. A prediction of 0 is then the seasonal naive forecast, and
    the network learns corrections to it instead of having to carry a value
    across a season. A window shorter than ``sp``, or ``sp = 1``, falls back
    to :func:`last_value_windows`.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_steps, n_features)
    y : ndarray of shape (n_samples, n_outputs), default=None
    sp : int
        The season's length in steps.
    n_outputs : int
        The outputs per window (``y``'s columns; needed without ``y``).

    Returns
    -------
    X_scaled : ndarray, like ``X``
    y_scaled : ndarray, like ``y``, or None
    base : ndarray of shape (n_samples, n_outputs)
    scale : ndarray of shape (n_samples, 1)
        To undo the scaling of predictions with :func:`unscale_targets`.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[[1.0], [5.0], [2.0], [6.0]]])  # a season of 2
    >>> X_scaled, y_scaled, base, scale = seasonal_windows(
    ...     X, np.array([[3.0, 6.0, 2.0]]), sp=2, n_outputs=3)
    >>> base, y_scaled * scale
    (array([[2., 6., 2.]]), array([[1., 0., 0.]]))
    """
    X_scaled, _, last, scale = last_value_windows(X)
    steps = X.shape[1]
    if sp <= 1 or steps < sp:
        base = np.repeat(last, n_outputs, axis=1)
    else:
        base = X[:, steps - sp + np.arange(n_outputs) % sp, 0]
    y_scaled = None if y is None else (y - base) / scale
    return X_scaled, y_scaled, base, scale


def log_level_windows(X, y=None, *, level_window=14):
    """Log values relative to each window's recent median, for counts.

    The first per-step feature (the target's own history) becomes
    ``log1p(x) - level``, where ``level`` is the median of its last
    ``level_window`` ``log1p`` values; the targets are shifted by the same
    level, so a prediction of 0 is "the recent median" and the network learns
    relative changes, the same for an artist with 5 plays a day as for one with
    5,000. Any other features are standardised per window as by
    :func:`scale_windows`, since they need not be counts.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_steps, n_features)
        The first feature must be non-negative.
    y : ndarray of shape (n_samples, n_outputs), default=None
        Non-negative targets.
    level_window : int, default=14
        Steps whose median is the level (all steps if the window is shorter).

    Returns
    -------
    X_scaled : ndarray, like ``X``
    y_scaled : ndarray, like ``y``, or None
    level : ndarray of shape (n_samples, 1)
        To undo the shift of predictions with :func:`unscale_log_level`.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.expm1(np.array([[[1.0], [2.0], [3.0]]]))
    >>> X_scaled, y_scaled, level = log_level_windows(X, np.expm1([[4.0]]),
    ...                                                level_window=2)
    >>> X_scaled.ravel(), y_scaled, level
    (array([-1.5, -0.5,  0.5]), array([[1.5]]), array([[2.5]]))
    """
    for name, values in (("X", X[:, :, 0]), ("y", y)):
        if values is not None and (values < 0).any():
            raise InputError(
                f"normalize='log' takes logs of the series, but `{name}` has "
                f"negative values (smallest {np.nanmin(values):.4g}); pass "
                "normalize='window' for data that can be negative (with a loss "
                "other than 'relative_error', which needs the logs)."
            )
    logs = np.log1p(X[:, :, :1])
    level = np.median(logs[:, -level_window:], axis=1)
    X_scaled = X.copy() if X.shape[2] > 1 else logs
    if X.shape[2] > 1:
        X_scaled[:, :, 1:] = scale_windows(X[:, :, 1:])[0]
    X_scaled[:, :, :1] = logs - level[:, :, None]
    y_scaled = None if y is None else np.log1p(y) - level
    return X_scaled, y_scaled, level


def unscale_log_level(y_scaled, level):
    """Undo :func:`log_level_windows` for predictions: back to counts.

    The log values are capped at the largest float64 logarithm, so a wild
    prediction becomes a huge but finite count (that the caller can reject).
    """
    return np.expm1(np.minimum(y_scaled + level, np.log(np.finfo(np.float64).max)))
