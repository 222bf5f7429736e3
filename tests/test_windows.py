"""Tests of the windows kernel: make_windows and rolling_statistics."""

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.utils._param_validation import InvalidParameterError

from lstmreg import make_windows, rolling_statistics


def test_make_windows_one_series_values():
    """Check that row i holds lookback values and the horizon values after them."""
    X, y = make_windows(np.arange(10.0), lookback=4, horizon=3)
    assert X.shape == (4, 4)
    assert y.shape == (4, 3)
    for i in range(4):
        assert_array_equal(X[i], np.arange(i, i + 4))
        assert_array_equal(y[i], np.arange(i + 4, i + 7))


@pytest.mark.parametrize(
    "make",
    [
        lambda v: v,
        lambda v: v.reshape(-1, 1),
        lambda v: np.column_stack([v, v + 1]),
    ],
)
def test_make_windows_are_views_of_the_input(make):
    """Check that windows share memory with the caller's array (no copies)."""
    series = make(np.arange(50.0))
    X, y = make_windows(series, lookback=5, horizon=2)
    assert np.shares_memory(X, series)
    assert np.shares_memory(y, series)
    assert not X.flags.writeable  # a view must not let the caller's data change


def test_make_windows_many_series_never_cross_and_are_time_ordered():
    """Check that windows of several series stay inside their series, time first."""
    a, b = np.arange(0.0, 8.0), np.arange(100.0, 108.0)
    expected_rows = 8 - 3 - 2 + 1
    for series in (np.column_stack([a, b]), pd.DataFrame({"a": a, "b": b}), [a, b]):
        X, y = make_windows(series, lookback=3, horizon=2)
        assert X.shape == (2 * expected_rows, 3)
        # rows alternate a, b at each time: (time, series) order
        assert_array_equal(X[0], a[:3])
        assert_array_equal(X[1], b[:3])
        assert_array_equal(y[-1], b[-2:])
        # a window is all from one series
        full = np.hstack([X, y])
        assert ((full < 100).all(axis=1) | (full >= 100).all(axis=1)).all()


def test_make_windows_ragged_series_align_by_end():
    """Check that ragged series are windowed separately and ordered by end time."""
    short, long = np.arange(5.0), np.arange(100.0, 108.0)
    X, y = make_windows([short, long], lookback=2, horizon=1)
    assert X.shape == (3 + 6, 2)
    # the last rows are the windows ending last, one per series
    assert_array_equal(y[-2:].ravel(), [4.0, 107.0])
    assert_array_equal(X[0], [100.0, 101.0])  # only the long series reaches back


def test_make_windows_errors():
    """Check that bad series and parameters raise errors naming the problem."""
    with pytest.raises(ValueError, match=r"10 time points .* 8 \+ 5 = 13"):
        make_windows(np.arange(10.0), lookback=8, horizon=5)
    with pytest.raises(ValueError, match=r"series\[1\]` has 3 time points"):
        make_windows([np.arange(10.0), np.arange(3.0)], lookback=2, horizon=2)
    with pytest.raises(ValueError, match="NaN or infinity"):
        make_windows(np.array([1.0, np.nan, 3.0, 4.0]), lookback=2, horizon=1)
    with pytest.raises(ValueError, match="NaN or infinity"):
        make_windows(pd.Series([1.0, pd.NA, 3.0, 4.0], dtype="Float64"), 2, 1)
    with pytest.raises(ValueError, match="numbers only"):
        make_windows(np.array(["a", "b", "c"]), lookback=1, horizon=1)
    with pytest.raises(ValueError, match=r"non-numeric columns \['name'\]"):
        make_windows(pd.DataFrame({"x": [1.0, 2, 3], "name": list("abc")}), 1, 1)
    with pytest.raises(ValueError, match="3 dimensions"):
        make_windows(np.zeros((4, 3, 2)), lookback=1, horizon=1)
    with pytest.raises(InvalidParameterError, match="horizon"):
        make_windows(np.arange(10.0), lookback=2, horizon=0)
    with pytest.raises(InvalidParameterError, match="lookback"):
        make_windows(np.arange(10.0), lookback=0, horizon=1)


@pytest.mark.parametrize("window", [1, 3, 7])
def test_rolling_statistics_match_pandas(window):
    """Check each statistic against pandas' rolling with min_periods=1, ddof=0."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(4, 20)) * 1e3 + 5e3
    names = ["value", "mean", "var", "std", "min", "max", "diff"]
    out = rolling_statistics(X, names, window)
    assert out.shape == (4, 20, len(names))
    for row, features in zip(X, out, strict=True):
        roll = pd.Series(row).rolling(window, min_periods=1)
        expected = [
            row,
            roll.mean(),
            roll.var(ddof=0),
            roll.std(ddof=0),
            roll.min(),
            roll.max(),
            pd.Series(row).diff().fillna(0.0),
        ]
        for k, oracle in enumerate(expected):
            assert_allclose(features[:, k], oracle, rtol=1e-10, atol=1e-9)


def test_rolling_statistics_do_not_modify_read_only_input():
    """Check that read-only input works and is left unchanged."""
    X = np.arange(12.0).reshape(2, 6)
    X.setflags(write=False)
    before = X.copy()
    rolling_statistics(X, ["mean", "var", "diff"], 3)
    assert_array_equal(X, before)


def test_window_positions_name_the_series_and_end_of_every_row():
    """Check window_positions against the rows make_windows returns."""
    from lstmreg.windows._windows import window_positions

    rng = np.random.default_rng(3)
    arrays = [rng.normal(size=n) for n in (9, 6, 12)]
    X, y = make_windows(arrays, lookback=3, horizon=2)
    series, end = window_positions([9, 6, 12], lookback=3, horizon=2)
    assert len(series) == len(X)
    for row, (s, e) in enumerate(zip(series, end, strict=True)):
        assert_array_equal(X[row], arrays[s][e - 2 : e + 1])
        assert_array_equal(y[row], arrays[s][e + 1 : e + 3])


@pytest.mark.parametrize(
    ("series", "match"),
    [
        ([[1.0, 2.0], [3.0, [4.0]]], "nested list whose parts have different shapes"),
        ([np.arange(5.0), np.arange(6.0).reshape(2, 3)], "must be one series, a 1-D"),
        ([[1.0, [2.0]], [3.0, 4.0]], "nested list whose parts have different shapes"),
    ],
)
def test_ragged_nesting_gets_lstmregs_message(series, match):
    """Check nested lists NumPy cannot shape are explained, not NumPy's error."""
    with pytest.raises(ValueError, match=match):
        make_windows(series, lookback=1, horizon=1)


@pytest.mark.parametrize("name", ["lookback", "horizon"])
def test_a_bool_is_not_a_window_length(name):
    """Check lookback=True is refused rather than taken as 1."""
    kwargs = {"lookback": 2, "horizon": 1, name: True}
    with pytest.raises(InvalidParameterError, match=f"'{name}' .* not a bool"):
        make_windows(np.arange(10.0), **kwargs)
