"""WindowForecaster: an sktime forecaster around a window pipeline.

The class checks parameters and data, and delegates: the window sizes to
``windows/_window_sizing.py``, the training windows to ``_training.py``, the
roll-out to ``_rollout.py``, the combination with statistical models to
``_combination.py``, the intervals to ``_conformal.py``, ``update`` to
``_history_update.py`` and new histories to ``_new_histories.py``; what a fit
learns is one :class:`~lstmreg.forecasting._fitted.FittedWindows`.
"""

from dataclasses import replace
from numbers import Integral, Real

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.pipeline import Pipeline
from sklearn.utils import check_random_state

from .._utils._validation import (
    HasMethods,
    Interval,
    StrOptions,
    refuse_bools,
    validate_parameter_constraints,
)
from ..exceptions import InputError
from ..nn._lstm_regressor import LSTMForecaster
from ..windows._covariates import covariates_on
from ..windows._panel import (
    check_covers,
    from_arrays,
    infer_sp,
    interval_frame,
    last_point_with_freq,
    steps_in_a_week,
    time_grid,
    to_arrays,
)
from ..windows._window_sizing import window_sizing
from ..windows._window_transformer import WindowTransformer
from . import _new_histories
from ._combination import (
    median_instead,
    statistical_models,
    to_validate,
    window_share,
)
from ._conformal import calibrate, half_widths, series_scale
from ._fitted import FittedWindows, forecast_kept
from ._history_update import FittedHistory, updated_state
from ._presets import DEFAULT_WINDOW_MODEL, window_pipeline
from ._rollout import RollOut
from ._sktime_base import OwnHistoryForecaster
from ._statistical import check_combination, estimate
from ._training import (
    continued,
    continuing_model,
    final_step,
    fit_on_windows,
    masking_model,
)

__all__ = ["WindowForecaster"]

# Above this, an LSTM's float32 arithmetic cannot hold the series.
_LARGEST_FOR_LSTM = float(np.finfo(np.float32).max) / 10
# final_fit="continue": the share of max_epochs (and max_steps) the model
# fitted before the calibration tail trains on for all the windows (the one
# share measured on validation tails: /choosing_defaults)
_CONTINUED_SHARE = 0.25


class WindowForecaster(OwnHistoryForecaster):
    """Forecast pandas series with a window pipeline, by default an LSTM.

    An sktime forecaster: ``fit(y, fh=...)`` on one series or many (a wide
    DataFrame with one column per series, or a MultiIndex panel), then
    ``predict()`` returns the forecasts with the future time index, in the
    shape and type of ``y``. All series train **one global model**: their
    windows are pooled, each window scaled by its own history.

    Parameters
    ----------
    estimator : scikit-learn regressor or None, default=None
        Maps history rows of ``lookback`` values to the next value(s). Any
        regressor or pipeline works; a clone is fitted (``estimator_``).
        ``None`` uses ``Pipeline([("windows", WindowTransformer(window_size,
        statistics=("value",))), ("lstm", LSTMForecaster(hidden_sizes=(32,),
        normalize="auto", sp=sp_, loss="absolute_error", ensemble_size=2,
        max_epochs=60, max_steps=1500, lr=0.01, lr_schedule="one_cycle",
        validation_fraction=0.0, n_jobs=-1, random_state=random_state))])``:
        each window as changes from its last value or, where the season
        explains the training windows' next steps better, from the
        seasonal naive forecast (hourly flows), the mean of two networks
        (trained side by side, one thread each; past 800 windows each epoch
        trains on a random 25 batches of them); the forecast is the median of
        its, AutoARIMA's and AutoETS's (above a season of 12 the seasonal
        naive forecast's too; see ``combine_with``). With a custom
        ``estimator`` everything is yours to choose. (How the default was
        chosen: :doc:`/choosing_defaults`.)
    strategy : {"direct", "recursive"}, default="direct"
        ``"direct"``: the estimator predicts all ``horizon`` steps at once.
        ``"recursive"``: it predicts one step, which is appended to the history
        before the next step is predicted, so features computed from the
        history (the rolling mean and variance of
        :class:`~lstmreg.WindowTransformer`) are recomputed from the forecast
        values at every step.
    sp : int or None, default=None
        Seasonal period; ``None`` infers it from the frequency of the time
        index (7 for daily, 12 for monthly, 24 for hourly, a day's steps for
        10 or 30 minutes, ...; 1 if unknown; :func:`~lstmreg.infer_sp`).
    lookback : int or None, default=None
        Length of the history rows. ``None`` uses ``max(3 * sp, horizon)``,
        shortened if needed so that every series gives at least a few
        training windows after the calibration tail. In a panel the
        shortest series sets it, and the calibration tail's length.
    window_size : int or None, default=None
        ``window_size`` of the default pipeline's ``WindowTransformer`` (the
        steps the LSTM sees; ``None`` = the whole lookback). Tunable, e.g. by
        sktime's ``ForecastingGridSearchCV``. Ignored with a custom
        ``estimator``.
    horizon : int or None, default=None
        Steps the estimator is trained to predict when ``fit`` gets no ``fh``;
        with ``fh`` in ``fit``, its furthest step. Longer horizons at
        ``predict`` are rolled out block by block: the forecasts of one block
        become the history of the next.
    calibration_size : float, default=0.2
        Share of the most recent time points held out to calibrate the
        prediction intervals by split conformal prediction: a clone of the
        estimator is fitted on the rest, its out-of-sample errors are
        recorded, then ``estimator_`` is fitted on all data. On short series
        the tail is lengthened (as far as the data before it allows) until
        it holds 19 forecast windows in all, enough for a 95 % interval.
        ``0`` skips this (and the second fit); ``predict_interval`` then
        raises.
    non_negative : bool, default=False
        Clip forecasts and interval bounds at zero, for counts such as plays.
        Clipping happens inside the roll-out, so later steps see clipped
        values.
    covariates : {"future", "past"}, default="future"
        What ``X`` holds. ``"future"``: covariates known ahead, such as
        calendar features; ``predict`` needs ``X`` for the forecast steps,
        and each window carries the covariates of the steps it forecasts.
        ``"past"``: covariates observed together with ``y``, such as an
        artist's downloads next to the plays; each window carries them over
        its own history steps, and ``predict`` needs no ``X``. Past
        covariates need the direct strategy and forecast at most the trained
        horizon.
    max_extrapolation : float or None, default=1.0
        Guard against runaway forecasts: every forecast stays within the
        range of the history it is made from (its last ``lookback`` values),
        widened on each side by ``max_extrapolation`` times that range, and
        by ``horizon / (lookback - 1)`` times more when the horizon is longer
        than the ``lookback - 1`` steps that range spans (short series). A
        series that grows by more than its recent range within one horizon
        is rare; a network that extrapolates a trend or a multiplicative
        season far beyond the data is not. ``None`` turns the guard off; it
        needs ``lookback`` >= 2 (one value has no range).
    combine_with : "auto", statsforecast model, list of them, or None, \
default="auto"
        Statistical models whose forecasts are combined with the window
        model's, step by step, as ``combine_weight`` says (forecast
        combination, the idea behind the best entries of the M4
        competition). The models are *local*: a copy
        of each is estimated on each series at ``fit`` and forecasts it,
        after ``update`` from the new points with the same parameters
        (statsforecast's ``forward``); each new history of
        :meth:`predict_from` and :meth:`forecast_histories` gets copies
        estimated on it. They see ``y`` only, never ``X``.
        ``"auto"``: ``[AutoARIMA(season_length=sp), AutoETS(season_length=sp)]``
        (``statsforecast.models``) with the default ``estimator``, nothing
        with a custom one; above a season of 12 (hourly, weekly data)
        AutoARIMA searches its orders approximately (``approximation=True``,
        as R's ``auto.arima`` does there): a thirtieth of the exact search's
        time, as accurate on validation tails, a little less on the test
        tails of one sample (:doc:`/choosing_defaults`); and there the
        median of the same step over the last seven seasons (the same hour
        on the last seven days, the same week of the last seven years)
        joins them as a fourth member (:class:`~lstmreg.SeasonalMedian`;
        the median is then the mean of the middle two) where ``lookback_ >=
        sp``, so that every history it forecasts from holds a season:
        AutoETS's many seasonal states are poorly estimated from a few weeks
        of hourly data, and the seasonal median outvotes it without
        repeating one unusual day as the seasonal naive forecast would.
        Where ``sp`` steps of the index's frequency make a day (hourly data,
        ``sp=24``) and every series holds more than two weeks, MSTL by the
        day and the week (:class:`~lstmreg.FittingMSTL`: statsforecast's
        ``MSTL(season_length=[sp, 7 * sp])``, each history decomposed by the
        seasons that fit twice into it) joins as a fifth: none of the others
        reads the week. The user guide's forecaster page writes these
        members out as a list.
        ``None``: the window model alone. Any statsforecast model works, e.g.
        ``AutoTheta(season_length=12)``, or a list of them.
        ``max_extrapolation`` and ``non_negative`` apply to the combined
        forecast; the intervals are calibrated on it, with the statistical
        models' parameters estimated on all of ``y`` (slightly optimistic for
        their part).
    combine_weight : "median", "auto", "validated" or float in [0, 1], \
default="median"
        How the forecasts are combined. ``"median"``: the median of the
        window model's and every statistical model's forecast, step by step
        (with one statistical model, the mean of the two); a member that
        runs away is outvoted. A number: the window model's share of a
        weighted mean, the statistical models sharing the rest equally (0.5
        with one model: equal weights). ``"auto"``: that share is 1/2 when
        the fit has 20 or more training windows, in proportion less with
        fewer (1/4 with 10, 1/8 with 5), for series so short that a model
        fitted to their few windows is mostly noise. ``"validated"``: chosen
        at ``fit`` on the calibration tail (``calibration_size`` > 0), before
        the cutoff, among the median of all members, their mean and each
        member alone — the one with the least mean absolute error, each
        window's error divided by its series' typical step
        (``validation_scores_`` holds every candidate's); the intervals are
        then calibrated on the chosen combination. The statistical members'
        parameters are estimated on all of ``y``, so the tail flatters them
        a little. Ignored without ``combine_with``.
    max_windows : int or None, default=None
        Fit the window model on a random sample of at most this many
        training windows, drawn from all series (in their time order); for
        many long series, where a model that trains a few hundred steps
        (``LSTMForecaster(max_steps=...)``) sees only a fraction of the
        windows anyway. For series of equal length the other windows are
        never copied out of the data, so memory stays bounded by the
        sample. ``None``: every window.
    partial_windows : bool, default=False
        Also train on the windows whose forecast steps run past the end of
        the data — the last ``horizon - 1`` histories of every series, the
        most recent — with the steps after the end left out of the loss
        (:func:`~lstmreg.make_windows` with ``partial=True``). Needs an
        :class:`~lstmreg.LSTMForecaster` as the window model (alone or last
        in a pipeline), whose ``missing_targets`` is then ``"mask"``; not
        with future covariates (``X`` with ``covariates="future"``), which
        the steps after the end do not have. A series then needs
        ``lookback + 1`` points, not ``lookback + horizon``. No effect with
        the recursive strategy, whose windows forecast one step. The music model uses it
        (:func:`~lstmreg.contest_forecaster`).
    final_fit : {"fresh", "continue"}, default="fresh"
        How the window model is fitted on all the data once a copy of it has
        been fitted on the data before the calibration tail (whose forecasts
        of the tail calibrate the intervals). ``"fresh"``: a new model is
        fitted on all the windows — two whole fits. ``"continue"``: that
        copy continues training on all the windows for a quarter of its
        ``max_epochs`` (and ``max_steps``) — a fit and a quarter, about 0.8
        times the default's time on single series (long ones too, under the
        default network's cap on its steps), a little less accurate on
        validation tails (:doc:`/choosing_defaults`, "Continuing the
        calibration fit"); it needs an
        :class:`~lstmreg.LSTMForecaster` as the window model (alone or last
        in a pipeline). Without a calibration tail there is one fit either
        way.
    random_state : int or None, default=None
        Seed of the default LSTM and of the ``max_windows`` sample. The same
        int gives the same forecasts.

    Attributes
    ----------
    estimator_ : regressor
        The fitted window model.
    sp_ : int
        The seasonal period in use.
    lookback_ : int
        The length of the history rows in use.
    horizon_ : int
        The number of steps the estimator was trained to predict.
    statistical_models_ : list of lists of statsforecast models, or None
        For each series, in the order of the series, the models of
        ``combine_with`` estimated on it (in their order); ``None`` without
        a combination.
    combine_weight_ : "median", float, ndarray or None
        ``"median"``, the window model's share of the combined forecasts
        (see ``combine_weight``), or with ``"validated"`` the chosen
        combination: ``"median"`` or every member's weight (the window
        model's first, then the statistical models' in order); ``None``
        without a combination.
    validation_scores_ : pandas.Series or None
        With ``combine_weight="validated"``, the mean scaled absolute error
        of every candidate combination on the calibration tail; else
        ``None``.
    residuals_ : ndarray of shape (n_calibration, n_steps) or None
        Absolute out-of-sample errors, one column per step up to
        ``horizon_``, divided by their series' typical step (the mean
        absolute change between consecutive training points).

    See Also
    --------
    LSTMForecaster : The default window model.
    WindowTransformer : The default per-step features.

    Notes
    -----
    The forecaster keeps the last ``lookback`` values of every series itself,
    so it also works with sktime's ``remember_data=False``. ``update`` appends
    new observations to that history and never retrains; call ``fit`` to
    retrain. :meth:`predict_from` forecasts any new history with the fitted
    model.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from lstmreg import WindowForecaster
    >>> from sklearn.linear_model import Ridge
    >>> days = pd.date_range("2015-03-01", periods=120, freq="D")
    >>> y = pd.Series(100 + 10 * np.sin(np.arange(120) * 2 * np.pi / 7), index=days)
    >>> f = WindowForecaster(estimator=Ridge()).fit(y, fh=[1, 2, 3])
    >>> f.predict().index[0]
    Timestamp('2015-06-29 00:00:00')
    """

    _tags = {
        "authors": ["lstmreg developers"],
        "maintainers": ["lstmreg developers"],
        "python_dependencies": ["torch", "skorch"],
        "y_inner_mtype": ["pd.DataFrame", "pd-multiindex", "pd_multiindex_hier"],
        "X_inner_mtype": ["pd.DataFrame", "pd-multiindex", "pd_multiindex_hier"],
        "scitype:y": "both",
        "capability:multivariate": True,  # columns are series of one global model
        "capability:exogenous": True,
        "capability:non_contiguous_X": False,  # every step's covariates are used
        "requires-fh-in-fit": False,
        "capability:insample": False,
        "capability:pred_int": True,
        "capability:pred_int:insample": False,
        "capability:missing_values": False,
        "capability:random_state": True,
        "capability:update": True,
        "property:randomness": "derandomized",
    }

    _parameter_constraints: dict = {
        "estimator": [HasMethods(["fit", "predict"]), None],
        "strategy": [StrOptions({"direct", "recursive"})],
        "sp": [Interval(Integral, 1, None, closed="left"), None],
        "lookback": [Interval(Integral, 1, None, closed="left"), None],
        "window_size": [Interval(Integral, 1, None, closed="left"), None],
        "horizon": [Interval(Integral, 1, None, closed="left"), None],
        "calibration_size": [Interval(Real, 0, 1, closed="left")],
        "non_negative": ["boolean"],
        "covariates": [StrOptions({"future", "past"})],
        "max_extrapolation": [Interval(Real, 0, None, closed="left"), None],
        # a statsforecast model, or a list of them (each checked in fit)
        "combine_with": [
            StrOptions({"auto"}),
            None,
            list,
            tuple,
            HasMethods("forecast"),
        ],
        "combine_weight": [
            StrOptions({"median", "auto", "validated"}),
            Interval(Real, 0, 1, closed="both"),
        ],
        "max_windows": [Interval(Integral, 1, None, closed="left"), None],
        "partial_windows": ["boolean"],
        "final_fit": [StrOptions({"fresh", "continue"})],
        "random_state": ["random_state"],
    }

    def __init__(
        self,
        estimator=None,
        strategy="direct",
        sp=None,
        lookback=None,
        window_size=None,
        horizon=None,
        calibration_size=0.2,
        non_negative=False,
        covariates="future",
        max_extrapolation=1.0,
        combine_with="auto",
        combine_weight="median",
        max_windows=None,
        partial_windows=False,
        final_fit="fresh",
        random_state=None,
    ):
        self.estimator = estimator
        self.strategy = strategy
        self.sp = sp
        self.lookback = lookback
        self.window_size = window_size
        self.horizon = horizon
        self.calibration_size = calibration_size
        self.non_negative = non_negative
        self.covariates = covariates
        self.max_extrapolation = max_extrapolation
        self.combine_with = combine_with
        self.combine_weight = combine_weight
        self.max_windows = max_windows
        self.partial_windows = partial_windows
        self.final_fit = final_fit
        self.random_state = random_state
        super().__init__()

    # -- fitting ---------------------------------------------------------------

    def _check_data(self, y, X):
        """Also refuse covariates ``X`` that miss time points of ``y``."""
        super()._check_data(y, X)
        check_covers(X, y)

    def _fit(self, y, X=None, fh=None):
        self._check_params()
        self._check_partial_windows(X)
        arrays, gaps, layout = to_arrays(y)
        time_index = time_grid(y)
        covariates = None if X is None else covariates_on(X, time_index, layout)
        ends = len(time_index) - 1 - gaps
        rule, k = self._rule(arrays, time_index, fh)
        early, n_windows = self._fit_window_models(arrays, ends, rule, k, covariates)
        # the last time point carries the grid's frequency (which sktime's
        # cutoff lacks for the time level of a panel made by set_index)
        kept = FittedHistory(
            np.stack([a[-self.lookback_ :] for a in arrays]),
            gaps,
            covariates,
            last_point_with_freq(time_index),
            None,
        )
        columns = None if X is None else list(X.columns)
        week = steps_in_a_week(time_index, self.sp_)
        if week is not None and min(len(a) for a in arrays) <= 2 * week:
            week = None  # MSTL estimates a week from two of them
        self._fitted = self._fitted_state(
            arrays, kept, layout, columns, rule, n_windows, week
        )
        if self.calibration_size != 0:
            self._fitted.residuals = calibrate(self._fitted, arrays, ends, k, early)
        self._settle_validated_weight()
        self.residuals_ = self._fitted.residuals
        return self

    def _fit_window_models(self, arrays, ends, rule, k, covariates):
        """Fit ``estimator_`` on all windows and, with a calibration tail of
        ``k`` points, a model on those before it first (returned, or None),
        which ``estimator_`` continues as ``final_fit`` says; returns it and
        the number of windows ``estimator_`` saw."""
        continuing = self._continues()
        sample = self._window_sample()
        early = None
        if k:
            early = self._new_estimator()
            before = [a[:-k] for a in arrays]
            fit_on_windows(early, before, ends - k, rule, covariates, sample)
        if early is not None and continuing:
            self.estimator_ = continued(early, _CONTINUED_SHARE)
        else:
            self.estimator_ = self._new_estimator()
        n_windows = fit_on_windows(
            self.estimator_, arrays, ends, rule, covariates, sample
        )
        return early, n_windows

    def _settle_validated_weight(self):
        """``combine_weight_`` and ``validation_scores_`` after the
        calibration, which chooses the combination of "validated"."""
        fitted = self._fitted
        if to_validate(fitted.weight):
            median_instead(
                fitted, "found no calibration window every model could forecast"
            )
        self.combine_weight_ = fitted.weight  # None without a combination
        scores = fitted.validation_scores
        self.validation_scores_ = (
            None if scores is None else pd.Series(scores, name="mean scaled error")
        )

    def _rule(self, arrays, time_index, fh):
        """The roll-out of this fit and the calibration tail's length; sets
        ``sp_``, ``horizon_`` and ``lookback_``."""
        partial = bool(self.partial_windows)
        self.sp_ = self.sp if self.sp is not None else infer_sp(time_index)
        if fh is not None:
            self.horizon_ = int(max(fh.to_relative(self.cutoff)))
        else:
            self.horizon_ = (
                self.horizon if self.horizon is not None else max(self.sp_, 1)
            )
        self.lookback_, block, k = window_sizing(
            min(len(a) for a in arrays),
            len(arrays),
            sp=self.sp_,
            horizon=self.horizon_,
            strategy=self.strategy,
            lookback=self.lookback,
            calibration_size=self.calibration_size,
            partial=partial,
        )
        self._check_float32(max(float(np.max(np.abs(a))) for a in arrays))
        shift = block if self.covariates == "future" else 0
        extrapolation, non_negative = self.max_extrapolation, bool(self.non_negative)
        rule = RollOut(
            self.lookback_,
            self.horizon_,
            block,
            shift,
            extrapolation,
            non_negative,
            partial=partial,
        )
        return rule, k

    def _check_float32(self, largest):
        """Refuse a series the LSTM (the default, or a custom one alone or
        last in a pipeline) cannot hold in float32, naming ``y``: its own
        check would name the windows it is given, ``X``."""
        final = final_step(self.estimator)[1]
        if final is not None and not isinstance(final, LSTMForecaster):
            return
        if largest > _LARGEST_FOR_LSTM:
            raise InputError(
                f"`y` has values up to {largest:.3g}; the LSTM computes in "
                f"float32, which holds values up to about {_LARGEST_FOR_LSTM:.0e} "
                "with room for the forecasts. Rescale `y`, e.g. divide it by a "
                "constant, and scale the forecasts back."
            )

    def _fitted_state(self, arrays, kept, layout, columns, rule, n_windows, week):
        """The :class:`FittedWindows` of a fit, before its calibration, with
        the statistical models estimated on every series (``week``: see
        ``statistical_models``)."""
        prototypes = statistical_models(
            self.combine_with,
            self.estimator is not None,
            self.sp_,
            rule.lookback,
            week,
        )
        self.statistical_models_ = weight = None
        if prototypes:
            kept = kept._replace(series=[np.array(a, dtype=np.float64) for a in arrays])
            estimated = [estimate(model, arrays) for model in prototypes]
            self.statistical_models_ = [list(m) for m in zip(*estimated, strict=True)]
            weight = window_share(self.combine_weight, n_windows)
        return FittedWindows(
            estimator=self.estimator_,
            rule=rule,
            layout=layout,
            kept=kept,
            covariate_columns=columns,
            statistical=prototypes,
            statistical_models=self.statistical_models_,
            weight=weight,
            scale=series_scale(arrays),
        )

    def _check_partial_windows(self, X):
        """Refuse ``partial_windows`` where it cannot work, before any fit."""
        if not self.partial_windows:
            return
        if X is not None and self.covariates == "future":
            raise InputError(
                "partial_windows=True trains on windows whose forecast steps run "
                "past the end of `y`, where future covariates `X` have no rows; "
                "pass covariates='past' (covariates observed with `y`), no `X`, "
                "or partial_windows=False."
            )

    def _check_params(self):
        """scikit-learn's parameter constraints, then the rules between
        parameters and the items of ``combine_with``."""
        validate_parameter_constraints(
            self._parameter_constraints,
            self.get_params(deep=False),
            caller_name=type(self).__name__,
        )
        numbers = ("sp", "lookback", "window_size", "horizon", "calibration_size")
        refuse_bools(self, (*numbers, "max_extrapolation", "combine_weight"))
        if self.covariates == "past" and self.strategy == "recursive":
            raise InputError(
                "covariates='past' needs strategy='direct': a recursive roll-out "
                "would need the covariates of the steps it forecasts."
            )
        if self.max_extrapolation is not None and self.lookback == 1:
            raise InputError(
                "`max_extrapolation` bounds the forecasts by the range of the "
                "last `lookback` values, and one value has no range; pass "
                "lookback >= 2, or max_extrapolation=None to forecast unbounded."
            )
        check_combination(self.combine_with)
        if self.combine_weight == "validated" and self.calibration_size == 0:
            raise InputError(
                "combine_weight='validated' chooses the combination on the "
                "calibration tail; pass calibration_size > 0 (e.g. 0.2), or "
                "another combine_weight."
            )

    def _window_sample(self):
        """``training_windows``'s sample: ``max_windows`` and a seed."""
        if self.max_windows is None:
            return None
        seed = check_random_state(self.random_state).randint(np.iinfo(np.int32).max)
        return self.max_windows, seed

    def _continues(self):
        """Whether the final fit continues the model fitted before the
        calibration tail (``final_fit``); refuses "continue" for a window
        model that cannot."""
        if self.final_fit == "fresh":
            return False
        if self.estimator is not None:  # the default network can
            continuing_model(self.estimator)
        return True

    def _new_estimator(self):
        if self.estimator is None:
            estimator = window_pipeline(
                **DEFAULT_WINDOW_MODEL,
                windows__window_size=self.window_size,
                lstm__random_state=self.random_state,
                lstm__sp=self.sp_,
            )
        else:
            estimator = clone(self.estimator)
        if self.partial_windows:
            masking_model(estimator).set_params(missing_targets="mask")
        return estimator

    # -- forecasting -----------------------------------------------------------

    def _predict(self, fh, X=None):
        values, _ = forecast_kept(self._fitted, self._steps(fh), X)
        index = fh.to_absolute_index(self._fitted.kept.grid_end)
        return from_arrays(values, index, self._fitted.layout)

    def predict_interval(self, fh=None, X=None, coverage=0.90):
        """Prediction intervals; see sktime's ``predict_interval``.

        ``coverage`` is a number in (0, 1), or a list of them, checked here
        so that a bad value says so.
        """
        values = coverage if isinstance(coverage, (list, tuple)) else [coverage]
        for c in values:
            number = isinstance(c, (int, float, np.number)) and not isinstance(c, bool)
            if not (number and 0 < c < 1):
                raise InputError(
                    f"`coverage` must be a number between 0 and 1 (e.g. 0.9) or a "
                    f"list of them; got {coverage!r}."
                )
        values = [float(c) for c in values]
        coverage = values if isinstance(coverage, (list, tuple)) else values[0]
        return super().predict_interval(fh=fh, X=X, coverage=coverage)

    def _predict_interval(self, fh, X=None, coverage=(0.9,)):
        if self.residuals_ is None:
            raise InputError(
                "Prediction intervals need a calibration tail: fit with "
                "`calibration_size` > 0 on series long enough to hold one out "
                "(lookback + 2 * horizon points or more)."
            )
        point, own_steps = forecast_kept(self._fitted, self._steps(fh), X)
        bounds = {}
        for c in coverage:
            width = self._fitted.scale * half_widths(self.residuals_, c, own_steps)
            lower, upper = point - width, point + width
            if self.non_negative:
                lower, upper = np.maximum(lower, 0.0), np.maximum(upper, 0.0)
            bounds[c] = (lower, upper)
        index = fh.to_absolute_index(self._fitted.kept.grid_end)
        return interval_frame(bounds, index, self._fitted.layout)

    def _update(self, y, X=None, update_params=True):
        fitted = self._fitted
        try:
            kept = updated_state(
                fitted.kept,
                y,
                X,
                fitted.layout,
                self.lookback_,
                fitted.covariate_columns,
            )
        except Exception:
            # sktime moved the cutoff before calling _update; nothing else moved
            self._cutoff = fitted.kept.grid_end
            raise
        self._fitted = replace(fitted, kept=kept)
        self._cutoff = kept.grid_end  # never moved backwards
        return self

    # -- new histories ---------------------------------------------------------

    def forecast_histories(self, histories, horizon):
        """Forecast ``horizon`` steps after each of many histories at once.

        The batch form of :meth:`predict_from` for plain arrays, e.g. every
        origin of every series of a backtest in one call.

        Parameters
        ----------
        histories : sequence of 1-D array-like
            The values of each history, oldest first; each at least
            ``lookback_`` long. The window model uses the last ``lookback_``;
            the statistical model of ``combine_with``, if any, is estimated
            on each whole history.
        horizon : int
            Steps to forecast after each history.

        Returns
        -------
        ndarray of shape (len(histories), horizon)

        Examples
        --------
        >>> import numpy as np, pandas as pd
        >>> from sklearn.linear_model import Ridge
        >>> from lstmreg import WindowForecaster
        >>> y = pd.Series(np.arange(30.0))
        >>> f = WindowForecaster(estimator=Ridge(), lookback=5).fit(y, fh=[1, 2])
        >>> f.forecast_histories([np.arange(10.0), np.arange(50.0, 56.0)], 2).round()
        array([[10., 11.],
               [56., 57.]])
        """
        self.check_is_fitted()
        return _new_histories.forecast_histories(self._fitted, histories, horizon)

    def predict_from(self, y, fh=None, X=None):
        """Forecast from a new history with the fitted model, without refitting.

        The statistical model of ``combine_with``, if any, is local: a copy
        is estimated on each series of ``y``.

        Parameters
        ----------
        y : pandas.Series or pandas.DataFrame
            History of one or many series in the layout of ``fit`` (the same
            columns are not required), at least ``lookback_`` points long.
        fh : int, list of int or ForecastingHorizon, default=None
            Steps after the end of ``y``; ``None`` uses ``1..horizon_``.
        X : pandas.DataFrame, default=None
            Covariates over the time points of ``y`` and the forecast steps,
            if the model was fitted with covariates.

        Returns
        -------
        pandas.Series or pandas.DataFrame
            The forecasts, indexed by the future time points, in the layout
            and type of ``y``.
        """
        self.check_is_fitted()
        return _new_histories.predict_from(self._fitted, y, fh, X)

    @classmethod
    def get_test_params(cls, parameter_set="default"):
        """Cheap settings for sktime's estimator checks."""
        from sklearn.linear_model import Ridge
        from statsforecast.models import HistoricAverage, Naive

        tiny_lstm = Pipeline(
            [
                ("windows", WindowTransformer(window_size=3)),
                (
                    "lstm",
                    LSTMForecaster(hidden_sizes=(4,), max_epochs=2, random_state=0),
                ),
            ]
        )
        ridge = Pipeline(
            [("windows", WindowTransformer(flatten=True)), ("ridge", Ridge())]
        )
        return [
            {"estimator": tiny_lstm, "lookback": 4},
            {
                "estimator": tiny_lstm,
                "lookback": 4,
                "strategy": "recursive",
                "final_fit": "continue",
            },
            # X, where the checks pass one, is observed with y: partial
            # windows have no future covariates after the end of y
            {
                "estimator": tiny_lstm,
                "lookback": 4,
                "partial_windows": True,
                "covariates": "past",
            },
            {"estimator": ridge, "lookback": 5, "non_negative": True},
            {
                "estimator": ridge,
                "lookback": 5,
                "combine_with": Naive(),
                "combine_weight": 0.3,
            },
            {
                "estimator": ridge,
                "lookback": 5,
                "combine_with": [Naive(), HistoricAverage()],
            },
            {
                "estimator": ridge,
                "lookback": 5,
                "combine_with": Naive(),
                "combine_weight": "validated",
            },
        ]
