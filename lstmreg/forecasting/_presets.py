"""Presets: a window model and its settings as nested ``set_params`` keys.

One mechanism serves every preset of the package: :func:`window_pipeline`
builds ``Pipeline([("windows", WindowTransformer()), ("lstm",
LSTMForecaster())])`` and sets nested parameters on it, so a preset is a plain
dict such as ``{"lstm__hidden_sizes": (32,)}`` (or, one level up, a
``WindowForecaster``'s ``{"estimator__lstm__hidden_sizes": (32,)}``) that
``set_params`` and sktime's or scikit-learn's grid searches understand.
"""

from sklearn.pipeline import Pipeline

from ..nn._lstm_regressor import LSTMForecaster
from ..windows._window_transformer import WindowTransformer

__all__ = ["DEFAULT_WINDOW_MODEL", "window_pipeline"]

# WindowForecaster's default window model, chosen on real series before
# their test tails (see the changelog): the values alone, as changes from the
# last one or, where the season explains the training windows' targets
# better, from the seasonal naive forecast (WindowForecaster sets ``sp``),
# one LSTM of 32 trained on absolute error for 60 epochs (at most
# 1,500 steps, so that long series cost no more than 800 windows do) on a
# one-cycle schedule peaking at 0.01, without a held-out tail, the mean of 2
# seeds — trained side by side, one thread each (the same forecasts as one
# thread, on machines of any number of cores).
DEFAULT_WINDOW_MODEL = {
    "windows__statistics": ("value",),
    "lstm__hidden_sizes": (32,),
    "lstm__normalize": "auto",
    "lstm__loss": "absolute_error",
    "lstm__ensemble_size": 2,
    "lstm__max_epochs": 60,
    "lstm__max_steps": 1500,
    "lstm__lr": 0.01,
    "lstm__lr_schedule": "one_cycle",
    "lstm__validation_fraction": 0.0,
    "lstm__n_jobs": -1,
}


def window_pipeline(**params):
    """A :class:`~lstmreg.WindowTransformer` → :class:`~lstmreg.LSTMForecaster`
    pipeline (steps ``"windows"`` and ``"lstm"``) with the nested ``params``.

    Examples
    --------
    >>> from lstmreg.forecasting._presets import window_pipeline
    >>> window_pipeline(lstm__hidden_sizes=(8,)).named_steps["lstm"].hidden_sizes
    (8,)
    """
    steps = [("windows", WindowTransformer()), ("lstm", LSTMForecaster())]
    return Pipeline(steps).set_params(**params)
