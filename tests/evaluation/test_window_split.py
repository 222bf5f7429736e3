"""WindowSplit: the gap rule for cross-validation on windows."""

import warnings

import numpy as np
import pytest
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline

from lstmreg import (
    LeakageWarning,
    LSTMForecaster,
    WindowSplit,
    WindowTransformer,
    make_windows,
)


def target_times(rows, lookback, horizon, n_series=1):
    """Time points of the targets of window rows (rows in time order)."""
    start = rows // n_series + lookback
    return start[:, None] + np.arange(horizon)


@pytest.mark.parametrize(("horizon", "n_series"), [(1, 1), (5, 1), (5, 3)])
def test_no_training_target_reaches_the_test_targets(horizon, n_series):
    series = [np.arange(60.0) + 100 * i for i in range(n_series)]
    X, y = make_windows(series, 10, horizon)
    with warnings.catch_warnings():
        warnings.simplefilter("error", LeakageWarning)
        splits = list(WindowSplit(horizon, n_splits=3, n_series=n_series).split(X, y))
    for train, test in splits:
        last_train = target_times(train, 10, horizon, n_series).max()
        first_test = target_times(test, 10, horizon, n_series).min()
        assert last_train < first_test
        # and the gap is no larger than needed
        assert test[0] - train[-1] - 1 == horizon * n_series - 1


def test_a_smaller_gap_warns():
    X, y = make_windows(np.arange(60.0), 10, 5)
    with pytest.warns(LeakageWarning, match="`gap`=0 is smaller than .* = 4"):
        WindowSplit(horizon=5, gap=0).split(X, y)


def test_more_target_columns_than_the_horizon_warns():
    X, y = make_windows(np.arange(60.0), 10, 5)
    with pytest.warns(LeakageWarning, match="`y` has 5 target columns"):
        WindowSplit(horizon=1).split(X, y)


@pytest.mark.parametrize("name", ["horizon", "n_series"])
def test_bad_settings(name):
    with pytest.raises(ValueError, match=f"`{name}` must be a positive int"):
        WindowSplit(**{name: 0}).split(np.zeros((20, 3)))


def test_grid_search_uses_it(sine_windows):
    X, y = sine_windows
    pipe = make_pipeline(
        WindowTransformer(),
        LSTMForecaster(hidden_sizes=(4,), max_epochs=2, random_state=0),
    )
    search = GridSearchCV(
        pipe,
        {"windowtransformer__window_size": [10, 20]},
        cv=WindowSplit(horizon=y.shape[1], n_splits=2),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", LeakageWarning)
        search.fit(X, y)
    assert search.best_params_["windowtransformer__window_size"] in (10, 20)


@pytest.mark.parametrize("gap", [-1, 1.5, True])
def test_a_gap_that_is_not_a_count_is_refused(gap):
    """Check a negative gap, which would make test rows training rows, is refused."""
    with pytest.raises(ValueError, match="`gap` must be an int >= 0 or None"):
        next(WindowSplit(horizon=2, gap=gap).split(np.zeros((40, 3))))
