"""Training windows of a window forecaster: history rows, with covariates."""

from copy import deepcopy
from math import ceil

import numpy as np
from sklearn.pipeline import Pipeline

from ..exceptions import InputError
from ..nn._lstm_regressor import LSTMForecaster
from ..windows._covariates import covariate_windows
from ..windows._windows import make_windows, window_positions

__all__ = [
    "continued",
    "continuing_model",
    "final_step",
    "fit_on_windows",
    "masking_model",
    "predicts_by_series",
    "row_ends",
    "training_windows",
]


def row_ends(arrays, ends, lookback, width, partial=False):
    """Series and grid position of the last history value of every window
    of :func:`~lstmreg.make_windows` with ``width`` values after the history
    (and ``partial`` windows); series ``i`` ends at position ``ends[i]`` of
    the time grid."""
    lengths = np.array([len(a) for a in arrays])
    series, end = window_positions(lengths, lookback, width, partial=partial)
    return series, ends[series] - (lengths[series] - 1 - end)


def training_windows(
    arrays, ends, rule, covariates=None, sample=None, *, with_series=False
):
    """The windows a model is fitted on under the :class:`RollOut` ``rule``:
    ``lookback`` values and the ``block`` after them (with ``rule.partial``,
    also those whose block runs past the end, NaN there); with
    ``covariates`` on the time grid, every history step carries them as
    extra channels.

    ``sample`` = ``(max_windows, seed)``: at most ``max_windows`` of them,
    drawn without replacement and kept in row (time) order; for series of
    equal length only those are copied out of the windows' views.

    Returns ``X``, ``y`` and, ``with_series``, the series of every window
    (else None)."""
    partial = rule.partial
    X, y = make_windows(arrays, rule.lookback, rule.block, partial=partial)
    series = rows = None
    if with_series or covariates is not None:
        series, rows = row_ends(arrays, ends, rule.lookback, rule.block, partial)
    if sample is not None and sample[0] < len(X):
        draw = np.random.default_rng(sample[1]).choice(len(X), sample[0], replace=False)
        chosen = np.sort(draw)
        X, y = X[chosen], y[chosen]
        if series is not None:
            series, rows = series[chosen], rows[chosen]
    if covariates is not None:
        C = covariate_windows(covariates, series, rows, rule.lookback, rule.shift)
        X = np.concatenate([X[:, :, None], C], axis=2)
    return X, y, series if with_series else None


def fit_on_windows(estimator, arrays, ends, rule, covariates=None, sample=None):
    """Fit ``estimator`` on the :func:`training_windows` of ``arrays``, with
    the series of every window as ``groups`` where it takes them (an
    :class:`~lstmreg.LSTMForecaster` with ``shrinkage="cross_fit"``, alone
    or last in a pipeline); returns the number of windows."""
    name = _groups_name(estimator)
    X, y, series = training_windows(
        arrays, ends, rule, covariates, sample, with_series=name is not None
    )
    estimator.fit(X, y, **({} if name is None else {name: series}))
    return len(X)


def _groups_name(estimator):
    """The fit parameter that takes the windows' series, for an estimator
    whose network cross-fits its shrinkage; None for any other."""
    step, final = final_step(estimator)
    if isinstance(final, LSTMForecaster) and final.shrinkage == "cross_fit":
        return "groups" if step is None else f"{step}__groups"
    return None


def predicts_by_series(estimator):
    """Whether a fitted ``estimator`` shrinks each series' forecasts as its
    own (an :class:`~lstmreg.LSTMForecaster` with a ``shrinkage_scope``
    other than "global", alone or last in a pipeline), so that its
    ``predict`` takes the rows' series as ``groups``."""
    final = final_step(estimator)[1]
    return getattr(final, "series_shrinkage_", None) is not None


def continuing_model(estimator):
    """The :class:`~lstmreg.LSTMForecaster` of ``estimator`` (alone or last
    in a pipeline), which can continue its training; any other window model
    is refused."""
    return _lstm_model(
        estimator,
        "final_fit='continue'",
        "continues its training",
        "final_fit='fresh'",
    )


def continued(estimator, share):
    """A copy of the fitted ``estimator`` whose :class:`~lstmreg.LSTMForecaster`
    continues training (``warm_start``) at its next ``fit`` for ``share`` of
    its ``max_epochs`` and ``max_steps`` (at least one each)."""
    copy = deepcopy(estimator)
    network = continuing_model(copy)
    steps = network.max_steps
    network.set_params(
        warm_start=True,
        max_epochs=max(1, ceil(share * network.max_epochs)),
        max_steps=None if steps is None else max(1, ceil(share * steps)),
    )
    return copy


def masking_model(estimator):
    """The :class:`~lstmreg.LSTMForecaster` of ``estimator`` (alone or last
    in a pipeline), which can leave the unknown steps of partial windows out
    of its loss; any other window model is refused."""
    return _lstm_model(
        estimator,
        "partial_windows=True",
        "leaves the steps after the end of the data out of its loss",
        "partial_windows=False",
    )


def _lstm_model(estimator, option, why, fix):
    """The :class:`~lstmreg.LSTMForecaster` of ``estimator`` (alone or the
    last step of a pipeline); for any other window model, an error saying
    that ``option`` needs one, which ``why``, and to pass ``fix``."""
    final = final_step(estimator)[1]
    if not isinstance(final, LSTMForecaster):
        raise InputError(
            f"{option} needs an LSTMForecaster as the window model (alone or "
            f"the last step of a pipeline), which {why}; got "
            f"{type(final).__name__}. Pass {fix}."
        )
    return final


def final_step(estimator):
    """The last step's name (None outside a pipeline) and estimator."""
    if isinstance(estimator, Pipeline):
        return estimator.steps[-1]
    return None, estimator
