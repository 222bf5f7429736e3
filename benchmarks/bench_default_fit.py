"""Fit + predict time of WindowForecaster's default, beside the previous one.

On a 500-point daily series (weekly rhythm, trend, noise), times
``WindowForecaster(random_state=0)`` — the default: the median of the
window network, AutoARIMA and AutoETS —, its network alone
(``combine_with=None``), and the default window model before issue 11
(``make_pipeline(WindowTransformer(), LSTMForecaster(random_state=0))``:
the write-up's three features into a 35 -> 10 LSTM with early stopping),
each with and without the calibration fit of the prediction intervals, for
a 14- and a 61-day horizon. All run one after the other in the same
process, each the least time of three runs; the ratio column compares the
default with the previous one.

    python benchmarks/bench_default_fit.py        # ~4 minutes on 2 CPUs
"""

import time

import numpy as np
import pandas as pd
from sklearn.pipeline import make_pipeline

from lstmreg import LSTMForecaster, WindowForecaster, WindowTransformer


def daily_series(n=500, seed=0):
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    values = 100 + 0.05 * t + 10 * np.sin(2 * np.pi * t / 7) + rng.normal(0, 3, n)
    return pd.Series(values, index=pd.date_range("2020-01-01", periods=n, freq="D"))


REPEAT = 3  # each time is the least of this many runs: the machine is noisy


def seconds(y, horizon, calibration_size, estimator=None, **params):
    """The least fit + predict time of ``REPEAT`` runs, and the forecaster."""
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        forecaster = WindowForecaster(
            estimator=estimator,
            calibration_size=calibration_size,
            random_state=0,
            **params,
        )
        forecaster.fit(y, fh=range(1, horizon + 1)).predict()
        times.append(time.perf_counter() - start)
    return min(times), forecaster


def main():
    y = daily_series()
    seconds(y.iloc[:100], 7, 0)  # warm-up: imports, first torch call
    rows = []
    for horizon in (14, 61):
        for calibration_size in (0.2, 0.0):
            previous = make_pipeline(
                WindowTransformer(), LSTMForecaster(random_state=0)
            )
            new, fitted = seconds(y, horizon, calibration_size)
            alone, _ = seconds(y, horizon, calibration_size, combine_with=None)
            old, fitted_old = seconds(y, horizon, calibration_size, previous)
            rows.append(
                {
                    "horizon": horizon,
                    "lookback": fitted.lookback_,
                    "intervals": calibration_size > 0,
                    "default s": round(new, 1),
                    "network s": round(alone, 1),
                    "previous s": round(old, 1),
                    "default / previous": round(new / old, 2),
                    "previous epochs": fitted_old.estimator_[-1].n_epochs_,
                }
            )
    print(pd.DataFrame(rows).to_string(index=False))


if __name__ == "__main__":
    main()
