"""compare: every model on the same rolling-origin folds, scored the same way."""

import time
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from sktime.forecasting.base import ForecastingHorizon
from threadpoolctl import threadpool_limits
from tqdm.auto import tqdm

from .._utils._validation import check_positive_int
from ..exceptions import InputError
from ..forecasting._window_forecaster import WindowForecaster
from ..nn._lstm_regressor import torch_threads
from ..windows._panel import check_rows, check_time_index, infer_sp
from ._baselines import default_baselines
from ._folds import RollingOrigin
from ._metrics import contest_score, mae, mase, rmse, smape

__all__ = ["Comparison", "compare"]

METRICS = ("MASE", "sMAPE", "RMSE", "MAE", "F")
DEFAULT_SCORING = ("MASE", "sMAPE", "RMSE", "MAE")


def compare(
    y,
    forecasters=None,
    *,
    horizon,
    n_folds=3,
    step=None,
    window="expanding",
    window_length=None,
    refit_every=1,
    baselines=True,
    sp=None,
    reference=None,
    n_jobs=None,
    verbose=True,
    X=None,
    scoring=None,
):
    """Backtest forecasters and baselines on identical rolling-origin folds.

    Every model forecasts the same ``horizon`` points after the same cutoffs
    (:class:`RollingOrigin`) from the same training data, and is scored per
    series and fold by MASE, sMAPE, RMSE and MAE (``scoring``).

    Parameters
    ----------
    y : pandas.Series or pandas.DataFrame
        One series, a wide DataFrame (one column per series, e.g. per artist)
        or a MultiIndex panel (instance, time), on a regular time index. Every
        series must be observed up to the last time point.
    forecasters : dict of str -> sktime forecaster, list of forecasters, or None
        The models to test, by name; a list names them by their class (with
        a number where a class repeats). Forecasters that take many series at once
        (:class:`WindowForecaster`: one global model) are fitted on all
        series together, the others on each series alone. ``None`` tests
        the default forecaster, ``{"median(LSTM, AutoARIMA, AutoETS)":
        WindowForecaster(sp=sp, calibration_size=0, random_state=0)}`` (the
        median of the network's, AutoARIMA's and AutoETS's forecasts, see
        ``combine_with``).
    horizon : int
        Points forecast from every cutoff.
    n_folds, step, window, window_length
        The folds; see :class:`RollingOrigin`. The last fold ends at the last
        time point.
    refit_every : int, default=1
        Refit ``forecasters`` every this many folds, and in between only
        give them the new data (``update`` without refitting); ``0`` fits
        once, on the first fold, and never again. A
        :class:`WindowForecaster` that is not refitted forecasts all its
        folds in one batched prediction — the fast path for neural models.
        Baselines are re-estimated at every cutoff.
    baselines : bool or dict, default=True
        ``True`` adds :func:`default_baselines` (AutoARIMA, AutoETS, seasonal
        naive, moving median of the last 14 points); a dict adds those
        forecasters instead; ``False`` adds none.
    sp : int or None, default=None
        Seasonal period of the baselines and of MASE; ``None`` infers it from
        the frequency (7 for daily data).
    reference : str or None, default=None
        The model the summary compares every model with; ``None`` uses
        ``"AutoARIMA"`` when it is among the models (and no reference
        otherwise). A name that is not among the models is an error.
    n_jobs : int or None, default=None
        Fits run in parallel through joblib; inside
        ``joblib.parallel_config(backend="dask")`` they run on a Dask cluster.
    verbose : bool, default=True
        Show a progress bar over the fits (each series and fold of a local
        model, each fold of a global one).
    X : pandas.DataFrame or None, default=None
        Covariates known ahead, such as a calendar, on the time points of
        ``y`` (shared by every series). Every model gets the rows of its
        training data in ``fit``, of the new data in ``update`` and of the
        forecast points in ``predict`` (e.g. :class:`SeasonalMean` with
        ``match_on``).
    scoring : sequence of str or None, default=None
        The metrics, from ``"MASE"``, ``"sMAPE"``, ``"RMSE"``, ``"MAE"`` and
        ``"F"`` (the music contest's score, with ``F_max`` beside it; days
        whose true value is zero left out); ``None`` is the first four.

    Returns
    -------
    Comparison
        ``scores`` (one row per series, fold and model), ``summary``,
        ``forecasts``, ``failures`` and ``plot()``.

    Examples
    --------
    >>> from sktime.datasets import load_airline
    >>> from lstmreg import MovingMedian, compare
    >>> result = compare(
    ...     load_airline(),
    ...     {"median 12": MovingMedian(window_length=12)},
    ...     horizon=12,
    ...     n_folds=2,
    ...     verbose=False,
    ... )
    >>> result.scores.shape
    (10, 9)
    >>> sorted(result.summary.index)
    ['AutoARIMA', 'AutoETS', 'MovingMedian', 'SeasonalNaive', 'median 12']
    """
    frame = _wide(y)
    X = _covariates(X, frame.index)
    metrics = _scoring(scoring)
    if not isinstance(refit_every, int) or isinstance(refit_every, bool):
        raise InputError(f"`refit_every` must be an int >= 0; got {refit_every!r}.")
    if refit_every < 0:
        raise InputError(f"`refit_every` must be an int >= 0; got {refit_every!r}.")
    check_positive_int("sp", sp, allow_none=True)
    sp = infer_sp(frame.index) if sp is None else sp
    if forecasters is None:
        forecasters = {
            "median(LSTM, AutoARIMA, AutoETS)": WindowForecaster(
                sp=sp, calibration_size=0, random_state=0
            )
        }
    forecasters = _named(forecasters)
    folds = RollingOrigin(horizon, n_folds, step, window, window_length)
    plan = _plan(frame, folds, forecasters, baselines, refit_every, sp)
    if reference is not None and reference not in plan.models:
        raise InputError(
            f"`reference` ({reference!r}) is not one of the models "
            f"{sorted(plan.models)}; pass one of them or None."
        )
    if reference is None:
        reference = "AutoARIMA" if "AutoARIMA" in plan.models else None
    outputs = _run_all(plan, horizon, n_jobs, verbose, X)
    records, forecasts, failures = _score_all(
        outputs, frame, plan, horizon, sp, metrics
    )
    return Comparison(
        scores=_sorted(pd.DataFrame.from_records(records)),
        forecasts=_sorted(pd.concat(forecasts, ignore_index=True))
        if forecasts
        else pd.DataFrame(),
        failures=pd.DataFrame.from_records(failures),
        y=frame,
        folds=folds,
        reference=reference,
        n_models=len(plan.models),
        metrics=metrics,
    )._warn()


def _named(forecasters, argument="forecasters"):
    """``forecasters`` as a dict of name -> forecaster, checked."""
    if isinstance(forecasters, (list, tuple)):
        classes = [type(f).__name__ for f in forecasters]
        names = [
            f"{c} {classes[: i + 1].count(c)}" if classes.count(c) > 1 else c
            for i, c in enumerate(classes)
        ]
        forecasters = dict(zip(names, forecasters, strict=True))
    if not isinstance(forecasters, dict):
        raise TypeError(
            f"`{argument}` must be a dict of name -> forecaster or a list of "
            f"forecasters; got {type(forecasters).__name__}."
        )
    for name, forecaster in forecasters.items():
        if isinstance(forecaster, type) or not all(
            hasattr(forecaster, m) for m in ("fit", "predict", "clone")
        ):
            raise TypeError(
                f"`{argument}[{name!r}]` must be an sktime forecaster instance "
                f"(with fit, predict and clone); got {forecaster!r}."
            )
    return forecasters


class _Task(NamedTuple):
    """One fit: a model, the series it sees, and the folds it forecasts."""

    name: str
    forecaster: object
    data: pd.DataFrame
    folds: list  # (fold, train start, cutoff) triples


@dataclass
class _Plan:
    """What every model is fitted on: the folds' positions and the fits."""

    cutoffs: np.ndarray
    starts: np.ndarray
    models: dict
    tasks: list


def _plan(frame, folds, forecasters, baselines, refit_every, sp):
    """The fits: local models per series, global ones on all series at once;
    ``forecasters`` refitted every ``refit_every`` folds, baselines at each."""
    cutoffs = folds.cutoffs(len(frame))
    length = folds.train_length(len(frame))
    starts = np.zeros_like(cutoffs) if length is None else cutoffs - length
    models = dict(forecasters)
    if baselines is True:
        extra = default_baselines(sp=sp)
    elif baselines is False or baselines is None:
        extra = {}
    elif isinstance(baselines, dict):
        extra = _named(baselines, "baselines")
    else:
        raise TypeError(
            "`baselines` must be True (the default baselines), False or a dict "
            f"of name -> forecaster; got {type(baselines).__name__}."
        )
    if not models and not extra:
        raise InputError(
            "There is no model to compare: `forecasters` is empty and "
            "`baselines` is False; pass a forecaster or baselines=True."
        )
    clash = set(models) & set(extra)
    if clash:
        raise InputError(
            f"`forecasters` and `baselines` both name {sorted(clash)}; rename one."
        )
    models.update(extra)
    tasks = []
    for name, forecaster in models.items():
        every = 1 if name in extra else refit_every
        groups = (
            [list(frame.columns)]
            if _is_global(forecaster)
            else [[key] for key in frame.columns]
        )
        for chunk in _chunks(len(cutoffs), every):
            folds_here = [(i, starts[i], cutoffs[i]) for i in chunk]
            tasks += [
                _Task(name, forecaster, frame[keys], folds_here) for keys in groups
            ]
    return _Plan(cutoffs, starts, models, tasks)


def _run_all(plan, horizon, n_jobs, verbose, X):
    """Run the fits (in parallel through joblib), yielding each one's output."""
    runner = Parallel(n_jobs=n_jobs, return_as="generator_unordered")
    outputs = runner(delayed(_run)(*task, horizon, X) for task in plan.tasks)
    return tqdm(outputs, total=len(plan.tasks), desc="compare", disable=not verbose)


def _score_all(outputs, frame, plan, horizon, sp, metrics):
    """Score rows, forecast rows and failures of all fits' forecasts."""
    records, forecasts, failures = [], [], []
    for out in outputs:
        if "error" in out:
            failures.append(out)
            continue
        for fold, prediction in out["predictions"]:
            share = out["seconds"] / (len(out["predictions"]) * prediction.shape[1])
            start, cutoff = plan.starts[fold], plan.cutoffs[fold]
            for key in prediction.columns:
                truth = frame[key].iloc[cutoff : cutoff + horizon]
                row = {
                    "series": key,
                    "fold": fold,
                    "cutoff": frame.index[cutoff - 1],
                    "model": out["model"],
                }
                try:
                    train = frame[key].iloc[start:cutoff].dropna()
                    row |= _score(truth, prediction[key], train, sp, metrics)
                except ValueError as error:  # non-finite forecasts
                    failures.append({**row, "error": repr(error)})
                    continue
                records.append({**row, "seconds": share})
                n = len(truth)  # a key may be a tuple: repeat it, never spread it
                keys = {name: [value] * n for name, value in row.items()}
                points = {"time": truth.index, "y_pred": prediction[key].to_numpy()}
                forecasts.append(pd.DataFrame(keys | points))
    return records, forecasts, failures


@dataclass
class Comparison:
    """What :func:`compare` returns.

    Attributes
    ----------
    scores : pandas.DataFrame
        One row per series, fold and model: ``series``, ``fold``, ``cutoff``
        (last training time point), ``model``, ``MASE``, ``sMAPE``, ``RMSE``,
        ``MAE``, ``F`` (the contest score of that forecast, days whose true
        value is zero left out), ``F_max`` (the score of a perfect one) and
        ``seconds`` (fit and predict wall time; a fit that served many series
        or folds is shared out evenly).
    forecasts : pandas.DataFrame
        One row per forecast point: the keys of ``scores``, ``time`` and
        ``y_pred``.
    failures : pandas.DataFrame
        Fits or forecasts that raised, with the error; left out of
        ``scores``.
    y : pandas.DataFrame
        The series, one column each.
    folds : RollingOrigin
        The folds every model was tested on.
    reference : str
        The model ``summary`` compares with.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from lstmreg import MovingMedian, compare
    >>> y = pd.Series(np.arange(40.0) % 7 + 10)
    >>> result = compare(y, {"median": MovingMedian(7)}, horizon=7, n_folds=2,
    ...                  baselines=False, verbose=False)
    >>> result.scores[["fold", "model", "MAE"]].round(3)
       fold   model    MAE
    0     0  median  1.714
    1     1  median  1.714
    >>> result.summary.index.tolist()
    ['median']
    """

    scores: pd.DataFrame
    forecasts: pd.DataFrame
    failures: pd.DataFrame
    y: pd.DataFrame
    folds: RollingOrigin
    reference: str | None = "AutoARIMA"
    n_models: int = field(default=0, repr=False)
    metrics: tuple = DEFAULT_SCORING

    @property
    def summary(self):
        """Per model: mean and median of each metric, F / F_max, time, and the
        reference comparison (mean MASE relative to it, and on how many series
        and folds the model's MASE is lower). Best mean MASE first.

        Every model is summarised on the same forecasts: the series and folds
        that every model with scores was scored on. Where a fit failed (see
        ``failures``), that series and fold is left out for all models, so
        that no model is averaged over easier or harder folds than another.
        """
        scores = self._shared_scores()
        if scores.empty:  # every fit failed: see ``failures``
            return pd.DataFrame()
        g = scores.groupby("model")
        columns = {}
        for metric in self.metrics:
            if metric == "F":
                total = g["F_max"].sum(min_count=1)
                columns["F / F_max"] = g["F"].sum(min_count=1) / total
                continue
            columns[f"{metric} mean"] = g[metric].mean()
            if metric == "MASE":
                columns["MASE median"] = g["MASE"].median()
        table = pd.DataFrame({**columns, "seconds": g["seconds"].sum()})
        if self.reference in table.index and "MASE" in self.metrics:
            ref = self.reference
            pairs = scores.pivot_table(
                index=["series", "fold"], columns="model", values="MASE"
            )
            table[f"MASE / {ref}"] = table["MASE mean"] / table.loc[ref, "MASE mean"]
            # a reference whose every MASE is undefined wins no comparison
            reference = pairs.get(ref, np.nan)
            wins = pairs.lt(reference, axis=0).sum().reindex(table.index, fill_value=0)
            table[f"wins vs {ref} (of {len(pairs)})"] = wins.astype(int)
        first = table.columns[0]
        return table.sort_values(first, ascending=first != "F / F_max")

    def _undefined(self, metric):
        """The rows of ``scores`` whose ``metric`` is NaN (none if not scored)."""
        if metric not in self.scores:
            return self.scores.iloc[:0]
        return self.scores.loc[self.scores[metric].isna()]

    def _shared_scores(self):
        """The rows of ``scores`` whose series and fold every model has."""
        if self.scores.empty:
            return self.scores
        keys = ["series", "fold"]
        n_models = self.scores["model"].nunique()
        present = self.scores.groupby(keys)["model"].transform("nunique")
        return self.scores[present == n_models]

    def plot(self, series=None, max_series=4, path=None):
        """Actual values and every model's forecast, per series and fold.

        Parameters
        ----------
        series : list or None, default=None
            Series to show; ``None`` shows the first ``max_series``.
        max_series : int, default=4
            How many series ``None`` shows.
        path : str, path-like or None, default=None
            Save the figure there (the format follows the suffix).

        Returns
        -------
        matplotlib.figure.Figure
        """
        from ._plotting import forecast_grid

        if self.forecasts.empty:
            raise InputError("Nothing to plot: every fit failed; see `failures`.")
        check_positive_int("max_series", max_series)
        if series is None:
            keys = list(self.y.columns[:max_series])
        else:
            keys = [series] if isinstance(series, (str, tuple)) else list(series)
            unknown = [key for key in keys if key not in self.y.columns]
            if unknown or not keys:
                raise InputError(
                    f"`series` must name series of `y`; {unknown[:3] or 'none'} "
                    f"{'are' if unknown else 'were given'} not among them "
                    f"(e.g. {list(self.y.columns[:3])})."
                )
        horizon = self.folds.horizon
        panels = []
        for key in keys:
            values = self.y[key]
            for fold, cutoff in enumerate(self.folds.cutoffs(len(self.y))):
                mine = self.forecasts[
                    (self.forecasts["series"] == key) & (self.forecasts["fold"] == fold)
                ]
                panels.append(
                    {
                        "title": f"{key} - fold {fold}",
                        "history": values.iloc[max(0, cutoff - 3 * horizon) : cutoff],
                        "truth": values.iloc[cutoff : cutoff + horizon],
                        "forecasts": {
                            model: part.set_index("time")["y_pred"]
                            for model, part in mine.groupby("model", sort=False)
                        },
                    }
                )
        return forecast_grid(panels, n_cols=self.folds.n_folds, path=path)

    def _warn(self):
        if len(self.failures):
            first = self.failures.iloc[0]
            keys = ["series", "fold"]
            n_all = len(self.scores.drop_duplicates(keys))
            n_shared = len(self._shared_scores().drop_duplicates(keys))
            shared = (
                f" The summary compares the models on the {n_shared} of {n_all} "
                "series and folds that every model was scored on."
                if n_shared < n_all
                else ""
            )
            warnings.warn(
                f"{len(self.failures)} fit(s) or forecast(s) failed and are left "
                f"out of the scores, e.g. {first['model']!r}: {first['error']}."
                f"{shared} See `result.failures`.",
                UserWarning,
                stacklevel=3,
            )
        if not len(self.scores):
            return self
        no_mase = self._undefined("MASE")
        if len(no_mase):
            warnings.warn(
                f"MASE is undefined for {len(no_mase)} forecast(s) whose training "
                f"data are constant at the seasonal lag (e.g. series "
                f"{no_mase['series'].iloc[0]!r}); they are left out of the MASE "
                "columns of the summary.",
                UserWarning,
                stacklevel=3,
            )
        undefined = self._undefined("F")
        if len(undefined):
            warnings.warn(
                f"The contest score F is undefined for {len(undefined)} forecast(s) "
                "whose true values are all zero or include negatives (it divides "
                "by the positive ones); they are left out of F / F_max.",
                UserWarning,
                stacklevel=3,
            )
        return self


def _wide(y):
    """One column per series on a checked, regular time index."""
    if isinstance(y, pd.Series):
        frame = y.to_frame(name=y.name if y.name is not None else "y")
    elif isinstance(y, pd.DataFrame):
        frame = y
        if isinstance(y.index, pd.MultiIndex):
            if y.shape[1] != 1:
                raise InputError(f"A panel `y` must have one column; got {y.shape[1]}.")
            frame = y.iloc[:, 0].unstack(level=list(range(y.index.nlevels - 1)))
    else:
        raise TypeError(
            f"`y` must be a pandas Series or DataFrame; got {type(y).__name__}."
        )
    if frame.shape[0] == 0 or frame.shape[1] == 0:
        raise InputError(f"`y` has shape {frame.shape}; it needs data.")
    if frame.columns.has_duplicates:
        twice = frame.columns[frame.columns.duplicated()][0]
        raise InputError(
            f"`y` has two series named {twice!r}; give every series its own name."
        )
    # a series is named by one label: the instance levels of a deep panel,
    # or a tuple, become one flat label (a tuple)
    frame = frame.set_axis(pd.Index(list(frame.columns), tupleize_cols=False), axis=1)
    bad = [c for c, t in frame.dtypes.items() if not pd.api.types.is_numeric_dtype(t)]
    if bad:
        raise InputError(f"`y` must be numeric; column(s) {bad[:5]} are not.")
    check_time_index(frame.index)
    values = frame.to_numpy(dtype=np.float64, na_value=np.nan)
    if np.isinf(values).any():
        raise InputError("`y` contains infinite values.")
    unfinished = frame.columns[np.isnan(values[-1])]
    if len(unfinished):
        raise InputError(
            f"Series {list(unfinished)[:5]} of `y` end before the last time point "
            f"{frame.index[-1]}; every series must be observed up to it."
        )
    # a series may start late (NaN before its first value), but not pause
    started = np.maximum.accumulate(~np.isnan(values), axis=0)
    holes = np.argwhere(started & np.isnan(values))
    if len(holes):
        row, column = holes[0]
        raise InputError(
            f"Series {frame.columns[column]!r} of `y` has a missing value at "
            f"{frame.index[row]}, after its first observation; fill it (e.g. "
            "`y.interpolate()`, or `fillna(0)` for counts) or drop the series."
        )
    return frame.astype(np.float64)


def _covariates(X, index):
    """``X`` on the time points ``index`` (checked), or None."""
    if X is None:
        return None
    if not isinstance(X, pd.DataFrame) or isinstance(X.index, pd.MultiIndex):
        raise TypeError(
            "`X` must be a DataFrame of covariates indexed by the time points of "
            f"`y`; got {type(X).__name__}."
        )
    check_rows(X, index)
    X = X.loc[index]
    bad = [c for c, t in X.dtypes.items() if not pd.api.types.is_numeric_dtype(t)]
    if bad:
        raise InputError(f"`X` must hold numbers only; column(s) {bad[:3]} do not.")
    if not np.isfinite(X.to_numpy(dtype=np.float64, na_value=np.nan)).all():
        raise InputError("`X` has missing or infinite values; fill them first.")
    return X


def _rows(X, index):
    """The rows of ``X`` at ``index`` (None without ``X``)."""
    return None if X is None else X.loc[index]


def _is_global(forecaster):
    """Whether the forecaster takes all series at once (one global model), as
    its ``capability:multivariate`` tag says."""
    get_tag = getattr(forecaster, "get_tag", None)
    return bool(get_tag and get_tag("capability:multivariate", False, False))


def _chunks(n_folds, every):
    """Groups of consecutive folds that share one fit."""
    if every == 0:
        return [list(range(n_folds))]
    return [list(range(i, min(i + every, n_folds))) for i in range(0, n_folds, every)]


@contextmanager
def _single_threaded():
    """One thread for torch and the BLAS inside: floating-point sums then do
    not depend on how many fits run side by side (``n_jobs``: joblib's
    workers get one thread each), so the same seeds give the same scores."""
    with torch_threads(1), threadpool_limits(limits=1):
        yield


def _run(name, forecaster, data, folds, horizon, X=None):
    """Fit on the first fold of ``folds``, forecast all of them (one thread:
    see :func:`_single_threaded`)."""
    with _single_threaded():
        return _fit_and_forecast(name, forecaster, data, folds, horizon, X)


def _fit_and_forecast(name, forecaster, data, folds, horizon, X):
    fh = ForecastingHorizon(np.arange(1, horizon + 1))
    local = data.shape[1] == 1 and not _is_global(forecaster)
    key = data.columns[0]
    first, train_start, cutoff = folds[0]
    try:
        start = time.perf_counter()
        model = forecaster.clone()
        train = data.iloc[train_start:cutoff]
        train = train[key].dropna() if local else train
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            model.fit(train, X=_rows(X, train.index), fh=fh)
            if hasattr(model, "forecast_histories") and X is None:
                predictions = _batched(model, data, folds, horizon)
            else:
                predictions = []
                for fold, _, cut in folds:
                    if cut != cutoff:
                        new = data.iloc[cutoff:cut]
                        new = new[key] if local else new
                        model.update(new, X=_rows(X, new.index), update_params=False)
                        cutoff = cut
                    test = data.index[cut : cut + horizon]
                    predicted = model.predict(fh, X=_rows(X, test))
                    predicted = predicted.to_frame(key) if local else predicted
                    predictions.append((fold, _on_grid(predicted, data, cut, horizon)))
        seconds = time.perf_counter() - start
    except Exception as error:  # reported in result.failures
        return {
            "model": name,
            "series": "all" if not local else key,
            "fold": first,
            "error": f"{type(error).__name__}: {error}",
        }
    return {"model": name, "predictions": predictions, "seconds": seconds}


def _batched(model, data, folds, horizon):
    """Forecast every fold's cutoff of every series in one call."""
    histories = [
        data[key].iloc[:cut].dropna().to_numpy()
        for _, _, cut in folds
        for key in data.columns
    ]
    values = model.forecast_histories(histories, horizon)
    values = values.reshape(len(folds), data.shape[1], horizon)
    return [
        (
            fold,
            pd.DataFrame(
                values[j].T,
                index=data.index[cut : cut + horizon],
                columns=data.columns,
            ),
        )
        for j, (fold, _, cut) in enumerate(folds)
    ]


def _on_grid(predicted, data, cutoff, horizon):
    """Forecasts of the fold's test points; an error if they are dated otherwise
    (a forecast for other days is never scored against these)."""
    expected = data.index[cutoff : cutoff + horizon]
    if not predicted.index.equals(expected):
        raise InputError(
            f"the forecasts are dated {predicted.index[0]} .. "
            f"{predicted.index[-1]} but the fold's test points are "
            f"{expected[0]} .. {expected[-1]}"
        )
    return predicted[data.columns].astype(np.float64)


def _scoring(scoring):
    """The metric names of ``scoring``, checked."""
    if scoring is None:
        return DEFAULT_SCORING
    names = [scoring] if isinstance(scoring, str) else list(scoring)
    unknown = [n for n in names if n not in METRICS]
    if not names or unknown or len(set(names)) < len(names):
        raise InputError(
            "`scoring` must name one or more distinct metrics from "
            f"{list(METRICS)}; got {scoring!r}."
        )
    return tuple(names)


def _score(truth, forecast, train, sp, metrics=DEFAULT_SCORING):
    """The ``metrics`` of one forecast; MASE and F are NaN where undefined."""
    y_true, y_pred = truth.to_numpy(), forecast.to_numpy(dtype=np.float64)
    if not np.isfinite(y_pred).all():
        raise InputError("the forecast has missing or infinite values")
    plain = {"sMAPE": smape, "RMSE": rmse, "MAE": mae}
    scores = {m: plain[m](y_true, y_pred) for m in metrics if m in plain}
    if "MASE" in metrics:
        try:
            scores["MASE"] = mase(y_true, y_pred, y_train=train.to_numpy(), sp=sp)
        except ValueError:
            scores["MASE"] = np.nan  # constant or too short training data
    if "F" in metrics:
        # as the contest data's protocol scores it: days with zero plays left out
        counts = bool((y_true >= 0).all() and (y_true > 0).any())
        score = contest_score(y_true, y_pred, zero_truth="skip") if counts else np.nan
        scores["F"] = score
        scores["F_max"] = float(np.sqrt(y_true.sum())) if counts else np.nan
    return {m: scores[m] for m in [*metrics, "F_max"] if m in scores}


def _sorted(frame):
    if frame.empty:
        return frame
    return frame.sort_values(["series", "fold", "model"], kind="stable").reset_index(
        drop=True
    )
