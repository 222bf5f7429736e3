"""The backtest and GridSearchCV on a Dask cluster through joblib's backend."""

import joblib
import numpy as np
import pytest
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline

from lstmreg import (
    LSTMForecaster,
    MovingMedian,
    WindowSplit,
    WindowTransformer,
    compare,
)

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with distributed.Client(cluster) as client:
        yield client
    cluster.close()


def tiny_pipeline():
    return make_pipeline(
        WindowTransformer(),
        LSTMForecaster(hidden_sizes=(4,), max_epochs=2, random_state=0),
    )


def test_compare_on_a_dask_cluster(client):
    import pandas as pd

    from lstmreg import WindowForecaster

    t = np.arange(100)
    y = pd.DataFrame(
        {f"s{i}": 20 + 5 * i + 3 * np.sin(2 * np.pi * t / 7) for i in range(3)},
        index=pd.date_range("2020-01-01", periods=t.size, freq="D"),
    )
    models = {
        "lstm": WindowForecaster(estimator=tiny_pipeline(), calibration_size=0),
        "median": MovingMedian(7),
    }
    kwargs = {"horizon": 7, "n_folds": 2, "baselines": False, "verbose": False}
    local = compare(y, models, **kwargs).scores
    with (
        distributed.get_task_stream(client) as stream,
        joblib.parallel_config(backend="dask"),
    ):
        remote = compare(y, models, n_jobs=-1, **kwargs).scores
    # 2 folds x (1 global fit + 3 per-series fits) ran on the workers
    assert len(stream.data) >= 8
    pd.testing.assert_frame_equal(
        local.drop(columns="seconds"), remote.drop(columns="seconds")
    )


def test_grid_search_on_a_dask_cluster(client, sine_windows):
    X, y = sine_windows
    grid = {"windowtransformer__window_size": [5, 10]}
    cv = WindowSplit(horizon=y.shape[1], n_splits=2)
    local = GridSearchCV(tiny_pipeline(), grid, cv=cv).fit(X, y)
    with (
        distributed.get_task_stream(client) as stream,
        joblib.parallel_config(backend="dask"),
    ):
        remote = GridSearchCV(tiny_pipeline(), grid, cv=cv, n_jobs=-1).fit(X, y)
    assert len(stream.data) >= 4  # 2 candidates x 2 splits
    np.testing.assert_allclose(
        local.cv_results_["mean_test_score"], remote.cv_results_["mean_test_score"]
    )
