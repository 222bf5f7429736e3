"""Tests of the metrics against hand computations, and of the scorers."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.linear_model import Ridge
from sklearn.model_selection import GridSearchCV, TimeSeriesSplit

from lstmreg import (
    contest_score,
    contest_scorer,
    mae,
    make_windows,
    mase,
    rmse,
    sktime_metric,
    smape,
    smape_scorer,
)


def test_contest_score_by_hand():
    """Check F and F/F_max against the formula worked out by hand."""
    truth = np.array([[10.0, 20.0, 40.0], [5.0, 5.0, 5.0]])
    forecast = np.array([[12.0, 20.0, 30.0], [5.0, 10.0, 5.0]])
    # artist 1: errors 0.2, 0, -0.25 -> sigma = sqrt((0.04 + 0 + 0.0625) / 3)
    sigma1 = np.sqrt((0.04 + 0.0 + 0.0625) / 3)
    # artist 2: errors 0, 1, 0 -> sigma = sqrt(1 / 3)
    sigma2 = np.sqrt(1 / 3)
    phi1, phi2 = np.sqrt(70.0), np.sqrt(15.0)
    expected = (1 - sigma1) * phi1 + (1 - sigma2) * phi2
    assert_allclose(contest_score(truth, forecast), expected)
    assert_allclose(
        contest_score(truth, forecast, normalize=True), expected / (phi1 + phi2)
    )
    assert contest_score(truth, truth, normalize=True) == 1.0
    # one artist as a 1-D series
    assert_allclose(contest_score(truth[0], forecast[0]), (1 - sigma1) * phi1)


def test_point_metrics_by_hand():
    """Check MAE, RMSE, sMAPE and MASE on small hand-computed cases."""
    y, f = np.array([1.0, 2.0, 4.0]), np.array([2.0, 2.0, 1.0])
    assert mae(y, f) == pytest.approx(4 / 3)
    assert rmse(y, f) == pytest.approx(np.sqrt(10 / 3))
    assert smape(y, f) == pytest.approx(200 / 3 * (1 / 3 + 0 + 3 / 5))
    assert smape([0.0], [0.0]) == 0.0
    # seasonal naive in-sample errors at lag 2: |3-1|, |4-2| -> scale 2
    assert mase(y, f, y_train=[1.0, 2.0, 3.0, 4.0], sp=2) == pytest.approx(2 / 3)


def test_metric_errors_name_the_problem():
    """Check shapes, empty input, NaN, zero truth and a flat training series."""
    with pytest.raises(ValueError, match="same shape"):
        mae([1, 2], [1, 2, 3])
    with pytest.raises(ValueError, match="0 values"):
        rmse([], [])
    with pytest.raises(ValueError, match="NaN"):
        smape([1.0, np.nan], [1.0, 2.0])
    with pytest.raises(ValueError, match="must be positive"):
        contest_score([[0.0, 1.0]], [[1.0, 1.0]])
    with pytest.raises(ValueError, match="longer than `sp`"):
        mase([1.0], [1.0], y_train=[1.0, 2.0], sp=7)
    with pytest.raises(ValueError, match="constant"):
        mase([1.0], [1.0], y_train=[3.0, 3.0, 3.0], sp=1)


def test_scorers_work_in_grid_search_on_windows():
    """Check the contest and sMAPE scorers rank models in GridSearchCV."""
    rng = np.random.default_rng(0)
    t = np.arange(400)
    plays = 500 + 100 * np.sin(2 * np.pi * t / 7) + rng.normal(0, 10, t.size)
    X, y = make_windows(plays, lookback=14, horizon=7)
    for scorer in (contest_scorer, smape_scorer):
        search = GridSearchCV(
            Ridge(),
            {"alpha": [1e-3, 1e9]},  # a huge alpha forecasts a flat line
            scoring=scorer,
            cv=TimeSeriesSplit(n_splits=3, gap=6),
        ).fit(X, y)
        assert search.best_params_ == {"alpha": 1e-3}
    assert 0.9 < search.best_estimator_.score(X, y) <= 1.0


def test_contest_score_can_skip_days_with_zero_truth():
    """Check zero_truth='skip' against a hand computation, and the default."""
    truth = [[0.0, 100.0, 100.0], [0.0, 0.0, 0.0], [4.0, 4.0, 4.0]]
    forecast = [[7.0, 110.0, 90.0], [1.0, 1.0, 1.0], [4.0, 4.0, 4.0]]
    # artist 1: days 2-3 only, sigma 0.1, phi sqrt(200); artist 2 left out
    expected = 0.9 * np.sqrt(200) + np.sqrt(12)
    assert_allclose(contest_score(truth, forecast, zero_truth="skip"), expected)
    assert_allclose(
        contest_score(truth, forecast, zero_truth="skip", normalize=True),
        expected / (np.sqrt(200) + np.sqrt(12)),
    )
    with pytest.raises(ValueError, match="zero_truth='skip'"):
        contest_score(truth, forecast)
    with pytest.raises(ValueError, match="must be positive"):
        contest_score([[-1.0, 2.0]], [[1.0, 2.0]], zero_truth="skip")
    with pytest.raises(ValueError, match="`zero_truth` must be 'raise' or 'skip'"):
        contest_score(truth, forecast, zero_truth="drop")


def test_sktime_metrics_score_each_series_of_a_wide_frame_on_its_own():
    """Check MASE, RMSE and MAE of a wide frame against per-series scores."""
    import pandas as pd

    y_train = pd.DataFrame({"a": [1.0, 3, 2, 4, 3, 5], "b": [50.0, 10, 90, 30, 70, 20]})
    y_true = pd.DataFrame({"a": [4.0, 6, 5], "b": [10.0, 20, 40]})
    y_pred = y_true * [1.1, 0.7]
    per_series = {
        "MASE": [mase(y_true[c], y_pred[c], y_train=y_train[c], sp=2) for c in "ab"],
        "RMSE": [rmse(y_true[c], y_pred[c]) for c in "ab"],
        "MAE": [mae(y_true[c], y_pred[c]) for c in "ab"],
    }
    for name, scores in per_series.items():
        metric = sktime_metric(name, sp=2)
        assert metric.name == name
        value = metric(y_true, y_pred, y_train=y_train)
        assert_allclose(value, np.mean(scores))
