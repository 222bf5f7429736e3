"""Tests of WindowTransformer."""

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.utils._param_validation import InvalidParameterError

from lstmreg import WindowTransformer


def test_output_matches_pandas_rolling_on_the_full_history():
    """Check that the window's first steps use history before the window."""
    rng = np.random.default_rng(1)
    X = rng.poisson(100, size=(3, 40)).astype(float)
    Xt = WindowTransformer(window_size=10).fit_transform(X)
    assert Xt.shape == (3, 10, 3)
    for row, features in zip(X, Xt, strict=True):
        roll = pd.Series(row).rolling(3, min_periods=1)
        assert_allclose(features[:, 0], row[-10:])
        assert_allclose(features[:, 1], roll.mean().to_numpy()[-10:])
        assert_allclose(features[:, 2], roll.var(ddof=0).to_numpy()[-10:])


def test_diff_at_window_start_uses_the_step_before():
    """Check that the first difference at the window's first step is not 0."""
    X = np.array([[0.0, 1.0, 3.0, 6.0, 10.0]])
    Xt = WindowTransformer(window_size=2, statistics=("diff",), rolling_window=1)
    assert_array_equal(Xt.fit_transform(X)[0, :, 0], [3.0, 4.0])


def test_window_size_none_uses_whole_row_and_statistics_are_configurable():
    """Check window_size=None and the order of the configured statistics."""
    X = np.arange(12.0).reshape(2, 6)
    Xt = WindowTransformer(statistics=("max", "value"), rolling_window=2).fit_transform(
        X
    )
    assert Xt.shape == (2, 6, 2)
    assert_array_equal(Xt[:, :, 1], X)
    assert_array_equal(Xt[0, :, 0], [0, 1, 2, 3, 4, 5])


def test_rows_are_transformed_independently():
    """Check that a row's output does not depend on the other rows."""
    rng = np.random.default_rng(2)
    X = rng.normal(size=(6, 15))
    transformer = WindowTransformer(window_size=5).fit(X)
    full = transformer.transform(X)
    for i in range(len(X)):
        assert_array_equal(transformer.transform(X[i : i + 1])[0], full[i])


def test_bad_input_errors():
    """Check the errors for short histories, bad statistics and bad data."""
    X = np.zeros((4, 10))
    with pytest.raises(ValueError, match=r"\(50\) must not exceed .* length \(10\)"):
        WindowTransformer(window_size=50).fit(X)
    with pytest.raises(ValueError, match="X has 8 features, but WindowTransformer"):
        WindowTransformer(window_size=5).fit(X).transform(np.zeros((2, 8)))
    with pytest.raises(InvalidParameterError, match="statistics"):
        WindowTransformer(statistics=("mean", "median")).fit(X)
    with pytest.raises(InvalidParameterError, match="statistics"):
        WindowTransformer(statistics=()).fit(X)
    with pytest.raises(InvalidParameterError, match="window_size"):
        WindowTransformer(window_size=0).fit(X)
    with pytest.raises(InvalidParameterError, match="rolling_window"):
        WindowTransformer(rolling_window=0).fit(X)
    with pytest.raises(ValueError, match="NaN"):
        WindowTransformer().fit(np.array([[1.0, np.nan]]))
    with pytest.raises(ValueError, match="0 sample"):
        WindowTransformer().fit(np.zeros((0, 5)))
    with pytest.raises(ValueError, match="Expected 2D array"):
        WindowTransformer().fit(np.zeros(5))
    with pytest.raises(ValueError, match="`X` must hold numbers only; it holds te"):
        WindowTransformer().fit(np.array([["a", "b"]]))
    text = pd.DataFrame({"plays": [1.0, 2.0, 3.0], "day": ["mon", "tue", "wed"]})
    with pytest.raises(TypeError, match=r"`X` must hold numbers only; .*'mon'"):
        WindowTransformer(window_size=1).fit(text)  # also a TypeError, as sktime's
    with pytest.raises(ValueError, match="inhomogeneous") as ragged:
        WindowTransformer(window_size=1).fit([[1.0, 2.0], [3.0]])
    assert ragged.value.__context__ is None  # scikit-learn's error, not a second


def test_extreme_magnitudes_stay_finite():
    """Check constant, zero, tiny and huge rows give finite features, no warnings."""
    transformer = WindowTransformer(statistics=("value", "mean", "var", "std"))
    for level in (7.0, 0.0, 1e-12, 1e12):
        Xt = transformer.fit_transform(np.full((1, 12), level))
        assert np.isfinite(Xt).all()


def test_flatten_gives_plain_feature_rows():
    """Check flatten=True returns the 3-D output as 2-D rows, step by step."""
    X = np.arange(20.0).reshape(2, 10)
    cube = WindowTransformer(window_size=4).fit_transform(X)
    rows = WindowTransformer(window_size=4, flatten=True).fit_transform(X)
    assert rows.shape == (2, 12)
    assert_array_equal(rows, cube.reshape(2, -1))


def test_three_d_input_passes_covariates_through():
    """Check statistics come from channel 0 and covariates are appended as is."""
    rng = np.random.default_rng(4)
    X = rng.normal(size=(5, 12, 3))
    transformer = WindowTransformer(window_size=4).fit(X)
    Xt = transformer.transform(X)
    assert Xt.shape == (5, 4, 3 + 2)
    assert_array_equal(
        Xt[:, :, :3], WindowTransformer(window_size=4).fit_transform(X[:, :, 0])
    )
    assert_array_equal(Xt[:, :, 3:], X[:, -4:, 1:])
    assert transformer.n_covariates_ == 2
    with pytest.raises(ValueError, match=r"1 covariate channel.* fitted with 2"):
        transformer.transform(X[:, :, :2])
    with pytest.raises(ValueError, match="got 4-D"):
        WindowTransformer().fit(X[..., None])


def test_flattened_output_has_names_and_pandas_output():
    """Check get_feature_names_out, and set_output(transform='pandas') in a
    pipeline, for the flattened 2-D output."""
    from sklearn.pipeline import make_pipeline

    X = np.arange(40.0).reshape(4, 10)
    pipe = make_pipeline(WindowTransformer(3, flatten=True))
    frame = pipe.set_output(transform="pandas").fit_transform(X)
    assert frame.columns[:3].tolist() == ["value_lag2", "mean_lag2", "var_lag2"]
    assert frame.columns[-1] == "var_lag0"
    assert_allclose(
        frame.to_numpy(), WindowTransformer(3, flatten=True).fit_transform(X)
    )
    with_covariate = WindowTransformer(2, statistics=("value",), flatten=True)
    names = with_covariate.fit(np.zeros((2, 5, 2))).get_feature_names_out()
    assert names.tolist() == [
        "value_lag1",
        "covariate0_lag1",
        "value_lag0",
        "covariate0_lag0",
    ]
    assert not hasattr(WindowTransformer(3), "get_feature_names_out")  # 3-D
