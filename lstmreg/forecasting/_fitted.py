"""What a fitted WindowForecaster is: one object, and the forecasts it makes.

:class:`FittedWindows` holds the fitted window model, how it rolls out, the
combination with statistical models, the calibration and the data kept for
forecasting; :func:`forecast` forecasts from it, from the kept histories or
from new ones.
"""

from dataclasses import dataclass

import numpy as np
from sktime.forecasting.base import ForecastingHorizon

from ..exceptions import InputError
from ..windows._covariates import CovariatePaths, covariates_on
from ._combination import combine
from ._history_update import FittedHistory
from ._rollout import RollOut, roll_out
from ._statistical import forecast_fitted_each, forecast_fresh

__all__ = ["FittedWindows", "covariates_ahead", "forecast", "forecast_kept"]


@dataclass
class FittedWindows:
    """A fitted window forecaster's state.

    ``statistical``: the models of ``combine_with`` as given (empty for
    none); ``statistical_models``: copies estimated on each series;
    ``weight``: "median", the window model's share, or every member's
    weight; ``scale``: each series' typical step; ``residuals``: the scaled
    calibration errors; ``validation_scores``: with
    ``combine_weight="validated"``, each candidate combination's mean scaled
    error on the calibration tail.
    """

    estimator: object
    rule: RollOut
    layout: object
    kept: FittedHistory
    covariate_columns: list | None
    statistical: tuple
    statistical_models: list | None
    weight: str | float | np.ndarray | None
    scale: np.ndarray
    residuals: np.ndarray | None = None
    validation_scores: dict | None = None


def forecast(fitted, steps, history, gaps, covariates=None, series=None, own=False):
    """Forecasts at ``steps`` after the end of a time grid, and the steps
    each series was rolled out (its own steps).

    Row ``i`` of ``history`` ended ``gaps[i]`` points before the grid's end
    and is rolled out that many more steps from its own last value.
    ``covariates``, if the model has them, cover the grid and then the
    future points, shape (n_series, n_grid + n_future, k). ``series``: the
    whole series the rows end, for the statistical models, which forecast
    them as ``fitted.statistical_models`` (``own``: the fit's series) or as
    copies estimated on them.
    """
    rule = fitted.rule
    total = int(steps.max() + gaps.max())
    paths = None
    if covariates is not None and not rule.shift and total > rule.block:
        raise InputError(
            f"With covariates='past' the forecaster forecasts at most the "
            f"{rule.block} step(s) it was trained for (here {total} "
            "are needed); fit with a longer `fh` or `horizon`."
        )
    if covariates is not None:
        ends = covariates.shape[1] - rule.n_future(total) - 1 - gaps
        paths = CovariatePaths(covariates, np.arange(len(ends)), ends)
    # own: row i is series i of the fit, which a per-series shrinkage knows
    fit_series = np.arange(len(history)) if own else None
    rolled = roll_out(fitted.estimator, history, total, rule, paths, fit_series)
    if fitted.statistical:
        if own:
            statistical = forecast_fitted_each(
                fitted.statistical_models, series, total, "combine_with"
            )
        else:
            statistical = np.stack(
                [
                    forecast_fresh(model, series, total, "combine_with")
                    for model in fitted.statistical
                ]
            )
        combined = combine(rolled, statistical, fitted.weight)
        rolled = rule.limit(combined, *rule.bounds(np.asarray(history, float)))
    columns = gaps[:, None] + steps[None, :] - 1
    return np.take_along_axis(rolled, columns, axis=1), columns + 1


def covariates_ahead(fitted, X, grid_end, n_future, known=None, layout=None):
    """Covariates from ``X`` on the grid ``known`` (if given: the time
    points of a new history) and the ``n_future`` points after ``grid_end``,
    shape (n_series, n_points, k); ``X`` missing is an error that says
    which points it must cover."""
    future = ForecastingHorizon(range(1, n_future + 1), is_relative=True)
    index = future.to_absolute_index(grid_end) if n_future else None
    if X is None:
        if known is not None:
            after = f" and the {n_future} after it" if n_future else ""
            covering = f"covering the time points of `y`{after}"
        else:
            covering = (
                f"for the {n_future} time points after the cutoff "
                f"({index[0]} to {index[-1]})"
            )
        raise InputError(
            f"The model was fitted with covariates `X`; pass `X` {covering}."
        )
    layout = fitted.layout if layout is None else layout
    if known is None:
        return covariates_on(
            X, index, layout, "after the cutoff", fitted.covariate_columns
        )
    grid = known if index is None else known.append(index)
    return covariates_on(X, grid, layout, columns=fitted.covariate_columns)


def forecast_kept(fitted, steps, X=None):
    """Point forecasts at ``steps`` after the fit's cutoff (or the last
    ``update``), shape (n_series, len(steps)), from the kept histories, and
    each series' own steps; ``X`` gives the future covariates."""
    kept = fitted.kept
    covariates = kept.covariates
    if covariates is not None:
        n_future = fitted.rule.n_future(int(steps.max() + kept.gaps.max()))
        if n_future:
            future = covariates_ahead(fitted, X, kept.grid_end, n_future)
            covariates = np.concatenate([covariates, future], axis=1)
    return forecast(
        fitted, steps, kept.history, kept.gaps, covariates, kept.series, own=True
    )
