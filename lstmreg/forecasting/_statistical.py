"""Local statistical models (statsforecast) next to a global window model.

A statsforecast model is *local*: it is estimated on one series and forecasts
that series. These helpers estimate one copy per series, forecast from it
after new points arrive (``forward``: the estimated parameters, the new data)
and estimate fresh copies on new histories.
"""

import copy
import warnings

import numpy as np

from ..exceptions import InputError

__all__ = [
    "check_combination",
    "check_statsforecast_model",
    "estimate",
    "forecast_fitted",
    "forecast_fitted_each",
    "forecast_fresh",
]


def check_statsforecast_model(name, model):
    """Raise unless ``model`` is a statsforecast model (it has ``forecast``)."""
    if isinstance(model, type):
        raise TypeError(
            f"`{name}` must be a statsforecast model instance; got the class "
            f"{model.__name__}. Pass `{model.__name__}()` (with its settings)."
        )
    if not callable(getattr(model, "forecast", None)):
        raise TypeError(
            f"`{name}` must be a statsforecast model such as "
            f"`statsforecast.models.AutoARIMA()`; got {model!r}."
        )


def check_combination(combine_with):
    """Raise unless ``combine_with`` is "auto", None, a statsforecast model or
    a non-empty list of them (the items, which scikit-learn's constraints of
    :class:`~lstmreg.WindowForecaster` do not look into)."""
    if isinstance(combine_with, (list, tuple)):
        if not combine_with:
            raise InputError(
                "`combine_with` is an empty list; pass one or more statsforecast "
                "models, or None for the window model alone."
            )
        for model in combine_with:
            check_statsforecast_model("combine_with", model)
    elif combine_with is not None and not isinstance(combine_with, str):
        check_statsforecast_model("combine_with", combine_with)


def _fresh(model):
    """An unfitted copy; the model given is never modified."""
    return model.new() if hasattr(model, "new") else copy.deepcopy(model)


def _finite(values, h, name):
    values = np.asarray(values, dtype=np.float64)[:h]
    if not np.isfinite(values).all():
        raise InputError(
            f"The statistical model `{name}` gave non-finite forecasts; pass "
            f"another model or `{name}=None`."
        )
    return values


def estimate(model, arrays):
    """A copy of ``model`` estimated on each series of ``arrays``."""
    return [_fresh(model).fit(y=np.asarray(a, dtype=np.float64)) for a in arrays]


def forecast_fitted(models, arrays, h, name, skip_short=False):
    """``h`` forecasts after each series of ``arrays`` from the model
    estimated on that series, shape ``(len(arrays), h)``.

    ``arrays[i]`` may extend (or cut short) the series ``models[i]`` was
    estimated on: its parameters are kept and its state follows the data, as
    statsforecast's ``forward`` does. A model without ``forward`` (the
    parameter-free ones, e.g. ``SeasonalNaive``) forecasts from the data.
    With ``skip_short``, a series cut too short for the model (an ARIMA
    with two differences cannot forecast from two points: ``forward`` raises
    ``ValueError``, or divides by zero; ETS from one point raises
    ``IndexError``) gives a row of NaN, for the caller to drop, instead of
    the error.
    """
    rows = []
    for model, values in zip(models, arrays, strict=True):
        values = np.asarray(values, dtype=np.float64)
        if not hasattr(model, "forward"):
            mean = _fresh(model).forecast(y=values, h=h)["mean"]
        else:
            try:
                with warnings.catch_warnings():
                    if skip_short:  # statsforecast divides by zero on as few
                        # points as the model has parameters: too short too
                        warnings.simplefilter("error", RuntimeWarning)
                    mean = model.forward(y=values, h=h)["mean"]
            except (ValueError, IndexError, RuntimeWarning):
                if not skip_short:
                    raise
                rows.append(np.full(h, np.nan))
                continue
        rows.append(_finite(mean, h, name))
    return np.stack(rows)


def forecast_fitted_each(models, arrays, h, name, skip_short=False):
    """:func:`forecast_fitted` for several models per series: ``models[i]``
    lists the models estimated on the series ``arrays[i]`` continues, all in
    the same order; shape ``(n_models, len(arrays), h)``."""
    return np.stack(
        [
            forecast_fitted([own[k] for own in models], arrays, h, name, skip_short)
            for k in range(len(models[0]))
        ]
    )


def forecast_fresh(model, arrays, h, name):
    """``h`` forecasts after each series of ``arrays`` from a copy of
    ``model`` estimated on it, shape ``(len(arrays), h)``."""
    rows = []
    for values in arrays:
        mean = _fresh(model).forecast(y=np.asarray(values, dtype=np.float64), h=h)
        rows.append(_finite(mean["mean"], h, name))
    return np.stack(rows)
