"""Per-window normalisation: each sample is scaled by its own history.

Pure functions over float64 arrays. Because the statistics come from the
window itself, nothing is learned from the training set, so there is nothing
to leak across folds and one network serves series of any magnitude.
"""

import numpy as np

__all__ = ["scale_windows", "unscale_targets", "window_location_scale"]

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
    scale = X.std(axis=1, keepdims=True)
    level = np.abs(loc)
    flat = scale <= _RELATIVE_FLOOR * level
    scale = np.where(flat, level, scale)
    return loc, np.where(scale > 0, scale, 1.0)


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
