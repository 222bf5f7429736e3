"""The LSTM set-ups for the music contest: the library's and the write-up's."""

import pandas as pd

from .._utils._validation import check_positive_int
from ..exceptions import InputError
from ..forecasting._presets import window_pipeline
from ..forecasting._window_forecaster import WindowForecaster
from ..nn._lstm_regressor import LSTMForecaster
from ..windows._covariates import calendar_features

__all__ = [
    "CONTEST_MODELS",
    "EXTRA_INPUTS",
    "PAST_INPUTS",
    "check_extra_inputs",
    "contest_forecaster",
    "contest_inputs",
    "forecast_plays",
]

# Extra inputs the music model may take: daily counts of ContestData observed
# with the plays (past covariates), and the day of the week (known ahead).
PAST_INPUTS = ("downloads", "collects")
EXTRA_INPUTS = (*PAST_INPUTS, "calendar")

# The preset of each model name, as nested parameters of the WindowForecaster
# that contest_forecaster builds (its estimator is window_pipeline()'s
# "windows" -> "lstm"); every entry can be overridden by a keyword.
CONTEST_MODELS = {
    # Chosen on the real contest plays (docs/choosing_defaults.rst): the network sees
    # log plays relative to their 14-day median, starts from that median and
    # learns corrections to it on the contest's own relative error.
    "default": {
        "strategy": "direct",
        "lookback": 21,
        # 5 networks x 300 steps x 128 windows draw fewer than 200,000: a
        # bound on the windows held in memory that no data set with fewer
        # windows (1,000 artists x 183 days: 102,000) sees
        "max_windows": 200_000,
        # the most recent histories train too, the days after the cutoff
        # left out of the loss (docs/choosing_defaults.rst, "Partial windows")
        "partial_windows": True,
        "estimator__windows__statistics": ("value",),
        "estimator__lstm__hidden_sizes": (32, 32),
        "estimator__lstm__dropout": 0.2,
        "estimator__lstm__normalize": "log",
        "estimator__lstm__loss": "relative_error",
        "estimator__lstm__ensemble_size": 5,
        # at most 300 one-cycle steps per network, whatever the number of
        # artists and days (docs/choosing_defaults.rst, "Ten times cheaper")
        "estimator__lstm__max_epochs": 30,
        "estimator__lstm__max_steps": 300,
        "estimator__lstm__lr": 1e-2,
        "estimator__lstm__lr_schedule": "one_cycle",
        "estimator__lstm__batch_size": 128,
        "estimator__lstm__validation_fraction": 0.0,
        # the 5 networks side by side, one thread each, on every core: about
        # half the time of one after another on 2 intra-op threads, on 2
        # cores (docs/performance.rst)
        "estimator__lstm__n_jobs": -1,
    },
    # The write-up's network, rolled out one day at a time.
    "writeup": {
        "strategy": "recursive",
        "lookback": None,
        "estimator__windows__statistics": ("value", "mean", "var"),
        "estimator__lstm__hidden_sizes": (35, 10),
        "estimator__lstm__dropout": 0.0,
        "estimator__lstm__normalize": "window",
        "estimator__lstm__loss": "squared_error",
        "estimator__lstm__ensemble_size": 1,
        "estimator__lstm__max_epochs": 60,
        "estimator__lstm__batch_size": 64,
        "estimator__lstm__validation_fraction": 0.2,
    },
}


def contest_forecaster(
    model="default", *, extra_inputs=(), random_state=0, verbose=False, **settings
):
    """A WindowForecaster for daily plays per artist, as the command line uses.

    Both set-ups train one global model on all artists and forecast
    non-negative plays with weekly seasonality (``sp=7``), without the
    calibration fit (no intervals).

    Parameters
    ----------
    model : {"default", "writeup"}, default="default"
        ``"default"``: chosen on real contest plays. For each day of the last
        21 it sees ``log1p(plays)`` minus the log of the median of the last 14
        days; two LSTM layers of 32 (dropout 0.2) output all horizon days at
        once, starting from the 14-day median (a zero-initialised output
        layer) and trained on the contest's squared relative error, 30
        epochs of at most 10 batches of 128 windows (300 steps, each epoch a
        fresh sample of the windows when there are more) under a one-cycle
        learning rate peaking at 0.01; the windows include the most recent
        histories, whose days after the end of the data are left out of the
        loss (``partial_windows=True``); the forecast is the median of 5
        networks from different seeds, trained side by side on every core
        (``n_jobs=-1``, one thread each; ``n_jobs=1``: one after another).
        ``"writeup"``: the write-up's network — plays, their 3-day rolling
        mean and variance through LSTM 35 -> LSTM 10, each window
        standardised, squared error — rolled out one day at a time, the
        rolling features recomputed from the forecasts.
    extra_inputs : sequence of {"downloads", "collects", "calendar"}, default=()
        More inputs of the network; fit and forecast with the ``y`` and ``X``
        of :func:`contest_inputs`. ``"downloads"`` and ``"collects"``: daily
        counts observed next to the plays, seen over each history window
        (``covariates="past"``). ``"calendar"``: the day of the week (its
        sine and cosine) of every history day and of the forecast days
        (``covariates="future"``; then without partial windows, as the
        calendar of the days after the end is not in ``X``); it cannot be
        mixed with the counts, which are not known ahead. Measured on the
        real contest plays none of them helped (see the music page), so none
        are used by default.
    random_state : int or None, default=0
        Seed; the same seed gives the same forecasts.
    verbose : bool, default=False
        Show a progress bar over the training epochs.
    **settings
        Overrides of the preset (see ``CONTEST_MODELS``): ``strategy``,
        ``lookback``, ``max_windows``, ``partial_windows``, ``statistics`` (of the
        :class:`~lstmreg.WindowTransformer`), and the
        :class:`~lstmreg.LSTMForecaster` parameters ``hidden_sizes``,
        ``dropout``, ``normalize``, ``loss``, ``ensemble_size``,
        ``max_epochs``, ``max_steps``, ``batch_size``, ``validation_fraction``,
        ``quantile``, ``level_window``, ``lr``, ``lr_schedule``. Each is set
        by ``set_params`` at its nested key (``hidden_sizes`` is
        ``estimator__lstm__hidden_sizes``), as the preset is.

    Returns
    -------
    WindowForecaster

    Examples
    --------
    >>> from lstmreg import contest_forecaster
    >>> contest_forecaster("writeup").strategy
    'recursive'
    >>> f = contest_forecaster(loss="quantile", quantile=0.4)
    >>> f.estimator.named_steps["lstm"].loss
    'quantile'
    """
    past = check_extra_inputs(extra_inputs)
    if model not in CONTEST_MODELS:
        raise InputError(
            f"`model` must be one of {sorted(CONTEST_MODELS)}; got {model!r}."
        )
    preset = CONTEST_MODELS[model]
    if extra_inputs and not past:  # the forecast days' calendar: no partial windows
        if settings.get("partial_windows"):
            raise InputError(
                "Partial windows train on days after the end of the data, whose "
                "calendar inputs are not there; drop the 'calendar' input or "
                "the partial windows."
            )
        preset = {**preset, "partial_windows": False}
    nested = {name: _nested_name(name, preset) for name in settings}
    unknown = sorted(name for name, key in nested.items() if key is None)
    if unknown:
        known = {key.rsplit("__", 1)[-1] for key in preset} | set(_LSTM_NAMES)
        raise TypeError(
            f"contest_forecaster() got unknown setting(s) {unknown}; choose from "
            f"{sorted(known - {'random_state', 'verbose'})}."
        )
    forecaster = WindowForecaster(
        estimator=window_pipeline(
            windows__rolling_window=3,
            lstm__random_state=random_state,
            lstm__verbose=int(verbose),
        ),
        sp=7,
        calibration_size=0,
        non_negative=True,
        covariates="past" if past else "future",
        random_state=random_state,
    )
    overrides = {nested[name]: value for name, value in settings.items()}
    return forecaster.set_params(**{**preset, **overrides})


_LSTM_NAMES = tuple(
    name
    for name in LSTMForecaster().get_params()
    if name not in ("random_state", "verbose")
)


def _nested_name(name, preset):
    """The ``set_params`` key of a :func:`contest_forecaster` setting given
    by its short name (``hidden_sizes``), or None if it is not one."""
    for key in preset:
        if key.rsplit("__", 1)[-1] == name:
            return key
    return f"estimator__lstm__{name}" if name in _LSTM_NAMES else None


def check_extra_inputs(extra_inputs):
    """Whether ``extra_inputs`` are past covariates; refuse what cannot work."""
    unknown = sorted(set(extra_inputs) - set(EXTRA_INPUTS))
    if unknown or isinstance(extra_inputs, str):
        raise InputError(
            f"`extra_inputs` must be a sequence of {list(EXTRA_INPUTS)}; got "
            f"{extra_inputs!r}."
        )
    past = set(extra_inputs) & set(PAST_INPUTS)
    if past and "calendar" in extra_inputs:
        raise InputError(
            f"`extra_inputs` cannot mix 'calendar', known ahead for the forecast "
            f"days, with {sorted(past)}, observed only with the plays; pass one "
            "kind."
        )
    return bool(past)


def contest_inputs(data, extra_inputs=(), horizon=61):
    """The ``y`` (and ``X``) to fit :func:`contest_forecaster` on.

    Without extra inputs, ``y`` is the wide frame of daily plays and ``X`` is
    None. With ``"calendar"``, ``y`` is the same and ``X`` holds the day of
    the week of every day from the first history day to ``horizon`` days
    after the last, shared by all artists: pass it to both ``fit`` and
    ``predict``. With daily counts, ``y`` is a panel of plays indexed by
    (artist_id, Ds) and ``X`` the same panel of the extra counts, one column
    each, for ``fit`` only; the forecasts are then a panel too
    (:func:`forecast_plays` does all of this and returns them wide).

    Parameters
    ----------
    data : ContestData
    extra_inputs : sequence of {"downloads", "collects", "calendar"}, \
default=()
    horizon : int, default=61
        Days after the history that calendar inputs cover.

    Returns
    -------
    y : pandas.DataFrame
    X : pandas.DataFrame or None

    Examples
    --------
    >>> import pandas as pd
    >>> from lstmreg import ContestData, contest_inputs
    >>> days = pd.date_range("2015-03-01", periods=2, name="Ds")
    >>> frame = pd.DataFrame({"a1": [5, 7]}, index=days)
    >>> y, X = contest_inputs(ContestData(frame, frame // 5, frame * 0), ["downloads"])
    >>> X.loc["a1", "downloads"].tolist()
    [1.0, 1.0]
    """
    past = check_extra_inputs(extra_inputs)
    plays = data.plays.astype(float)
    if not extra_inputs:
        return plays, None
    if not past:
        check_positive_int("horizon", horizon)
        days = pd.date_range(plays.index[0], periods=len(plays) + horizon, freq="D")
        return plays, calendar_features(days.rename("Ds"), ["dayofweek"])

    y = _long(plays).to_frame("plays")
    X = pd.concat({name: _long(getattr(data, name)) for name in extra_inputs}, axis=1)
    return y, X


def _long(frame):
    """A wide frame of days x artists as one column indexed by (artist_id, Ds),
    artists sorted, missing days left out (``stack``, ``swaplevel`` and
    ``sort_index``, without their copies of the index)."""
    frame = frame.astype(float).sort_index(axis=1)
    index = pd.MultiIndex.from_product(
        [frame.columns.rename("artist_id"), frame.index.rename("Ds")]
    )
    long = pd.Series(frame.to_numpy().T.ravel(), index=index)
    return long[long.notna()] if long.hasnans else long


def forecast_plays(forecaster, data, extra_inputs=(), horizon=61):
    """Fit ``forecaster`` on every artist and forecast the next ``horizon`` days.

    The whole job on :class:`ContestData`: :func:`contest_inputs` makes ``y``
    and ``X``, the forecaster is fitted on them, and its forecasts come back
    as one column per artist, whichever extra inputs it took. A
    :class:`WindowForecaster` without extra inputs is fitted on the plays as
    a panel indexed by (artist_id, Ds): the model a wide frame with the
    artists sorted gives (as the readers return them), without sktime's
    column-by-column checks of a wide frame, which take minutes at 100,000
    artists.

    Parameters
    ----------
    forecaster : WindowForecaster
        Unfitted, e.g. from :func:`contest_forecaster` with the same
        ``extra_inputs``; it is fitted in place.
    data : ContestData
    extra_inputs : sequence of {"downloads", "collects", "calendar"}, \
default=()
    horizon : int, default=61

    Returns
    -------
    pandas.DataFrame
        The forecast plays, one row per day after the history, one column
        per artist.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from sklearn.linear_model import Ridge
    >>> from lstmreg import ContestData, WindowForecaster, forecast_plays
    >>> days = pd.date_range("2015-03-01", periods=40, name="Ds")
    >>> frame = pd.DataFrame({"a1": np.arange(40.0) + 10}, index=days)
    >>> data = ContestData(frame, frame // 5, frame * 0)
    >>> forecast = forecast_plays(WindowForecaster(estimator=Ridge()), data, horizon=3)
    >>> forecast.round()
                  a1
    2015-04-10  50.0
    2015-04-11  51.0
    2015-04-12  52.0
    """
    y, X = contest_inputs(data, extra_inputs, horizon=horizon)
    fh = range(1, horizon + 1)
    if X is None and isinstance(forecaster, WindowForecaster):
        # the same model and forecasts from the panel form: sktime 1.2 checks
        # a wide frame's dtypes column by column, in time quadratic in the
        # artists (minutes at 100,000); a panel has one column
        forecaster.fit(_long(y).to_frame("plays"), fh=fh)
        return _wide(forecaster.predict(), y.columns)
    forecaster.fit(y, X=X, fh=fh)
    if X is None:
        return forecaster.predict()
    if forecaster.covariates == "future":  # known for the forecast days too
        return forecaster.predict(X=X)
    return _wide(forecaster.predict(), data.plays.columns)


def _wide(panel, artists):
    """Panel forecasts as days x ``artists``, in that order."""
    wide = panel.iloc[:, 0].unstack(level=0)
    return wide[artists].rename_axis(index=None, columns=artists.name)
