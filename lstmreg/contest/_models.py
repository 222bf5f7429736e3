"""The LSTM set-ups for the music contest: the library's and the write-up's."""

from sklearn.pipeline import make_pipeline

from .._lstm_regressor import LSTMForecaster
from .._window_forecaster import WindowForecaster
from .._window_transformer import WindowTransformer

__all__ = ["CONTEST_MODELS", "contest_forecaster"]

# The preset of each model name; every entry can be overridden by a keyword.
CONTEST_MODELS = {
    # Chosen on the real contest plays (docs/performance.rst): the network sees
    # log plays relative to their 14-day median, starts from that median and
    # learns corrections to it on the contest's own relative error.
    "default": {
        "strategy": "direct",
        "statistics": ("value",),
        "lookback": 21,
        "hidden_sizes": (64, 64),
        "dropout": 0.2,
        "normalize": "log",
        "loss": "relative_error",
        "ensemble_size": 5,
        "max_epochs": 30,
        "batch_size": 128,
        "validation_fraction": 0.0,
    },
    # The write-up's network, rolled out one day at a time.
    "writeup": {
        "strategy": "recursive",
        "statistics": ("value", "mean", "var"),
        "lookback": None,
        "hidden_sizes": (35, 10),
        "dropout": 0.0,
        "normalize": "window",
        "loss": "squared_error",
        "ensemble_size": 1,
        "max_epochs": 60,
        "batch_size": 64,
        "validation_fraction": 0.2,
    },
}


def contest_forecaster(model="default", *, random_state=0, verbose=False, **settings):
    """A WindowForecaster for daily plays per artist, as the command line uses.

    Both set-ups train one global model on all artists and forecast
    non-negative plays with weekly seasonality (``sp=7``), without the
    calibration fit (no intervals).

    Parameters
    ----------
    model : {"default", "writeup"}, default="default"
        ``"default"``: chosen on real contest plays. For each day of the last
        21 it sees ``log1p(plays)`` minus the log of the median of the last 14
        days; two LSTM layers of 64 (dropout 0.2) output all horizon days at
        once, starting from the 14-day median (a zero-initialised output
        layer) and trained on the contest's squared relative error; the
        forecast is the median of 5 networks from different seeds.
        ``"writeup"``: the write-up's network — plays, their 3-day rolling
        mean and variance through LSTM 35 -> LSTM 10, each window
        standardised, squared error — rolled out one day at a time, the
        rolling features recomputed from the forecasts.
    random_state : int or None, default=0
        Seed; the same seed gives the same forecasts.
    verbose : bool, default=False
        Show a progress bar over the training epochs.
    **settings
        Overrides of the preset (see ``CONTEST_MODELS``): ``strategy``,
        ``lookback``, ``statistics`` (of the
        :class:`~lstmreg.WindowTransformer`), and the
        :class:`~lstmreg.LSTMForecaster` parameters ``hidden_sizes``,
        ``dropout``, ``normalize``, ``loss``, ``ensemble_size``,
        ``max_epochs``, ``batch_size``, ``validation_fraction``, ``quantile``,
        ``level_window``, ``lr``.

    Returns
    -------
    WindowForecaster

    Examples
    --------
    >>> from lstmreg import contest_forecaster
    >>> contest_forecaster("writeup").strategy
    'recursive'
    >>> f = contest_forecaster(loss="quantile", quantile=0.4)
    >>> f.estimator.steps[-1][1].loss
    'quantile'
    """
    if model not in CONTEST_MODELS:
        raise ValueError(
            f"`model` must be one of {sorted(CONTEST_MODELS)}; got {model!r}."
        )
    lstm_names = set(LSTMForecaster().get_params())
    known = set(CONTEST_MODELS[model]) | lstm_names
    unknown = sorted(set(settings) - known - {"random_state", "verbose"})
    if unknown:
        raise TypeError(
            f"contest_forecaster() got unknown setting(s) {unknown}; choose from "
            f"{sorted(known - {'random_state', 'verbose'})}."
        )
    preset = {**CONTEST_MODELS[model], **settings}
    strategy, lookback = preset.pop("strategy"), preset.pop("lookback")
    features = WindowTransformer(statistics=preset.pop("statistics"), rolling_window=3)
    lstm = LSTMForecaster(random_state=random_state, verbose=int(verbose), **preset)
    return WindowForecaster(
        estimator=make_pipeline(features, lstm),
        strategy=strategy,
        sp=7,
        lookback=lookback,
        calibration_size=0,
        non_negative=True,
        random_state=random_state,
    )
