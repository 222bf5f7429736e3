"""The issue's quick start: window pipeline in GridSearchCV with TimeSeriesSplit."""

import numpy as np
from sklearn.model_selection import GridSearchCV, TimeSeriesSplit
from sklearn.pipeline import Pipeline

from lstmreg import LSTMForecaster, WindowTransformer, make_windows


def test_grid_search_tunes_window_size_and_layers():
    """Check that window_size and hidden_sizes are tuned over time-ordered folds."""
    rng = np.random.default_rng(0)
    t = np.arange(300)
    plays = rng.poisson(200 + 50 * np.sin(2 * np.pi * t / 7)).astype(float)
    X, y = make_windows(plays, lookback=20, horizon=7)
    pipe = Pipeline(
        [
            ("windows", WindowTransformer(window_size=14)),
            ("lstm", LSTMForecaster(max_epochs=2, random_state=0)),
        ]
    )
    search = GridSearchCV(
        pipe,
        {"windows__window_size": [7, 14], "lstm__hidden_sizes": [(8, 4), (8,)]},
        cv=TimeSeriesSplit(n_splits=3, gap=6),
        error_score="raise",
    )
    search.fit(X, y)
    assert len(search.cv_results_["params"]) == 4
    assert np.isfinite(search.cv_results_["mean_test_score"]).all()
    forecast = search.predict(X[-1:])
    assert forecast.shape == (1, 7)
    assert np.isfinite(forecast).all()
