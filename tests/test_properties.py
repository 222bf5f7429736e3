"""Property-based tests: generated indexes, frequencies, gaps, NaNs, magnitudes.

Each property states what any input must get: a clear ``ValueError`` or
``TypeError`` raised by lstmreg itself, or a correct, finite result.
"""

import traceback
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.linear_model import Ridge
from sklearn.pipeline import make_pipeline

from lstmreg import (
    WindowForecaster,
    WindowTransformer,
    infer_sp,
    make_windows,
    read_submission,
    write_submission,
)
from lstmreg.forecasting._conformal import conformal_quantiles
from lstmreg.windows._panel import (
    _unstack_instances,
    from_arrays,
    steps_in_a_week,
    to_arrays,
)

pytestmark = [
    pytest.mark.filterwarnings("ignore::FutureWarning"),
    # Ridge (the test's cheap window model) on a few windows of zeros
    pytest.mark.filterwarnings("ignore::scipy.linalg.LinAlgWarning"),
    pytest.mark.filterwarnings("ignore:The series are too short:UserWarning"),
]
PACKAGE = Path(__file__).resolve().parents[1] / "lstmreg"
FAST = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
FREQS = ["D", "h", "MS", "ME", "QS", "B", "W-SUN", None]  # None: integer index


def _raised_by_lstmreg(error):
    """Whether the last frame of ``error`` is lstmreg's own code."""
    frame = traceback.extract_tb(error.__traceback__)[-1]
    return Path(frame.filename).resolve().is_relative_to(PACKAGE)


def _index(freq, n):
    if freq is None:
        return pd.RangeIndex(n)
    start = "2014-12-29" if freq == "B" else "2015-01-01"
    return pd.date_range(start, periods=n, freq=freq)


@st.composite
def series(draw):
    """A series on a generated index, maybe with a gap, NaNs or odd scales."""
    freq = draw(st.sampled_from(FREQS))
    n = draw(st.integers(2, 60))
    scale = 10.0 ** draw(st.integers(-12, 12))
    values = draw(st.lists(st.floats(-1e3, 1e3), min_size=n, max_size=n).map(np.array))
    y = pd.Series(values * scale, index=_index(freq, n))
    damage = draw(st.sampled_from(["none", "none", "gap", "nan", "inf", "reverse"]))
    if damage == "gap" and n > 3:
        y = y.drop(y.index[n // 2])
    elif damage == "nan":
        y.iloc[draw(st.integers(0, n - 1))] = np.nan
    elif damage == "inf":
        y.iloc[draw(st.integers(0, n - 1))] = np.inf
    elif damage == "reverse":
        y = y.iloc[::-1]
    return y


@FAST
@given(
    lengths=st.lists(st.integers(0, 30), min_size=1, max_size=4),
    lookback=st.integers(1, 8),
    horizon=st.integers(1, 5),
    partial=st.booleans(),
)
def test_make_windows_rows_are_the_slices_they_claim(
    lengths, lookback, horizon, partial
):
    """Check every window of ragged series is a slice of its series, with
    NaN after its end for partial windows (and only there), or an error."""
    from lstmreg.windows._windows import window_positions

    rng = np.random.default_rng(0)
    arrays = [rng.normal(size=n) for n in lengths]
    if min(lengths) < lookback + (1 if partial else horizon):
        with pytest.raises(ValueError, match=r"one window needs lookback \+"):
            make_windows(arrays, lookback, horizon, partial=partial)
        return
    X, y = make_windows(arrays, lookback, horizon, partial=partial)
    series_of, end = window_positions(lengths, lookback, horizon, partial=partial)
    assert X.shape == (len(series_of), lookback)
    assert np.isfinite(X).all()
    n_full = sum(max(0, n - lookback - horizon + 1) for n in lengths)
    assert len(X) == n_full + (
        sum(min(horizon - 1, n - lookback) for n in lengths) if partial else 0
    )
    for row in range(len(X)):
        values = arrays[series_of[row]]
        assert_array_equal(X[row], values[end[row] - lookback + 1 : end[row] + 1])
        known = values[end[row] + 1 : end[row] + 1 + horizon]
        assert len(known) >= 1
        assert_array_equal(y[row, : len(known)], known)
        assert np.isnan(y[row, len(known) :]).all()


@FAST
@given(
    n=st.integers(1, 20),
    steps=st.integers(1, 15),
    window=st.integers(1, 20),
    scale=st.integers(-12, 12),
)
def test_window_transformer_gives_finite_features_or_a_clear_error(
    n, steps, window, scale
):
    """Check the transformer's output shape and finiteness at any magnitude."""
    X = np.random.default_rng(1).normal(size=(n, steps)) * 10.0**scale
    transformer = WindowTransformer(window_size=window)
    if window > steps:
        with pytest.raises(ValueError, match="window_size"):
            transformer.fit_transform(X)
        return
    out = transformer.fit_transform(X)
    assert out.shape == (n, min(window, steps), 3)
    assert np.isfinite(out).all()


@FAST
@given(
    lengths=st.lists(st.integers(2, 24), min_size=1, max_size=3),
    lookback=st.integers(1, 6),
    h=st.integers(1, 8),
)
def test_partial_windows_fit_any_history_of_lookback_plus_one_or_say_so(
    lengths, lookback, h
):
    """Check that with partial windows a series needs ``lookback + 1``
    points (one more for a single series), not ``lookback + h``: series of
    any lengths at least that forecast h finite steps, shorter ones get the
    message with the number needed."""
    from lstmreg import LSTMForecaster

    rng = np.random.default_rng(0)
    index = _index("D", max(lengths))
    parts = {  # a panel: series of different lengths, all ending together
        f"s{i}": pd.Series(rng.normal(10, 1, n), index=index[-n:])
        for i, n in enumerate(lengths)
    }
    y = pd.concat(parts, names=["series", "time"]).to_frame("y")
    tiny = LSTMForecaster((4,), max_epochs=1, batch_size=8, random_state=0)
    f = WindowForecaster(
        estimator=tiny,
        lookback=lookback,
        calibration_size=0,
        max_extrapolation=None,
        partial_windows=True,
    )
    needed = lookback + 1 + (len(lengths) == 1)
    if min(lengths) < needed:
        with pytest.raises(ValueError, match=f"needs at least {needed}"):
            f.fit(y, fh=range(1, h + 1))
        return
    forecast = f.fit(y, fh=range(1, h + 1)).predict()
    assert len(forecast) == h * len(lengths)  # the panel's rows
    assert np.isfinite(forecast.to_numpy()).all()


@FAST
@given(y=series(), h=st.integers(1, 4))
def test_window_forecaster_forecasts_the_right_dates_or_says_why(y, h):
    """Check a finite forecast right after the data, or lstmreg's own error."""
    model = make_pipeline(WindowTransformer(flatten=True), Ridge())
    f = WindowForecaster(estimator=model, lookback=3)
    try:
        forecast = f.fit(y, fh=range(1, h + 1)).predict()
    except (ValueError, TypeError) as error:
        mine = _raised_by_lstmreg(error)
        if not mine:
            raise AssertionError("not lstmreg's own error") from error
        return
    assert np.isfinite(forecast.to_numpy()).all()
    expected = pd.Series(0, index=y.index).index
    if isinstance(expected, pd.DatetimeIndex):
        # the index's own frequency first: five weekdays in a row are "B"
        # given, "D" inferred
        freq = y.index.freq or pd.infer_freq(y.index)
        future = pd.date_range(y.index[-1], periods=h + 1, freq=freq)
    else:
        future = pd.RangeIndex(y.index[-1] + 1, y.index[-1] + 1 + h)
    assert_array_equal(forecast.index, future[-h:])


@FAST
@given(
    n_artists=st.integers(1, 4),
    n_days=st.integers(1, 10),
    data=st.data(),
)
def test_written_submissions_read_back_unchanged(tmp_path, n_artists, n_days, data):
    """Check read_submission(write_submission(x)) == x for valid plays."""
    plays = data.draw(
        st.lists(
            st.integers(0, 10**12),
            min_size=n_artists * n_days,
            max_size=n_artists * n_days,
        )
    )
    frame = pd.DataFrame(
        np.array(plays, dtype=np.float64).reshape(n_days, n_artists),
        index=pd.date_range("2015-09-01", periods=n_days, freq="D"),
        columns=[f"artist_{i}" for i in range(n_artists)],
    )
    path = tmp_path / "submission.csv"
    write_submission(frame, path)
    back = read_submission(path)
    assert_array_equal(back.index, frame.index)
    assert_allclose(back[frame.columns].to_numpy(), frame.to_numpy())


@FAST
@given(
    n=st.integers(30, 60),
    cut=st.integers(1, 20),
    chunk=st.integers(1, 7),
    combined=st.booleans(),
)
def test_update_in_chunks_forecasts_like_predict_from_all_data(n, cut, chunk, combined):
    """Check that updating piece by piece equals forecasting from all data,
    also averaged with a statistical model (the naive forecast, which has no
    parameters to estimate, so a fresh one equals the updated one)."""
    from statsforecast.models import Naive

    t = np.arange(n, dtype=float)
    y = pd.Series(10 + np.sin(t) + t / 5, index=pd.date_range("2015-03-01", periods=n))
    partner = Naive() if combined else None
    f = WindowForecaster(estimator=Ridge(), lookback=5, combine_with=partner)
    f.fit(y.iloc[: n - cut], fh=[1, 2])
    start = n - cut
    while start < n:
        f.update(y.iloc[max(0, start - 2) : start + chunk], update_params=False)
        start += chunk
    assert f.cutoff[0] == y.index[-1]
    assert_allclose(
        f.predict().to_numpy().ravel(), f.predict_from(y).to_numpy().ravel()
    )


@FAST
@given(
    n=st.integers(30, 50),
    lag=st.integers(1, 4),
    cut=st.integers(0, 8),
    chunk=st.integers(1, 5),
    from_start=st.booleans(),
    combined=st.booleans(),
)
def test_a_series_that_ended_early_catches_up_by_update(
    n, lag, cut, chunk, from_start, combined
):
    """Check a panel series that ended ``lag`` points before the others takes
    its missing points and the new ones by ``update``, piece by piece (each
    piece alone, or all the data up to it), and then forecasts like
    ``predict_from`` on all the data."""
    from statsforecast.models import Naive

    t = np.arange(n, dtype=float)
    days = pd.date_range("2015-03-01", periods=n)
    wide = pd.DataFrame({"a": 10 + np.sin(t) + t / 5, "b": 20 + np.cos(t) - t / 7})
    panel = wide.set_axis(days).stack().swaplevel().sort_index().to_frame("y")
    times = panel.index.get_level_values(1)
    end = n - cut  # the other series are fitted through days[end - 1]
    train = panel[times <= days[end - 1]].drop(
        [("b", d) for d in days[end - lag : end]]
    )
    partner = Naive() if combined else None
    f = WindowForecaster(estimator=Ridge(), lookback=5, combine_with=partner)
    f.fit(train, fh=[1, 2])
    start = end - lag  # b's first missing point
    while start < n:
        first, last = days[0 if from_start else start], days[min(start + chunk, n) - 1]
        f.update(panel[(times >= first) & (times <= last)], update_params=False)
        start += chunk
    assert f.cutoff[0] == days[-1]
    assert_allclose(
        f.predict().to_numpy().ravel(), f.predict_from(panel).to_numpy().ravel()
    )


@FAST
@given(
    residuals=st.integers(1, 30).flatmap(
        lambda n: st.lists(
            st.lists(st.floats(0, 1e6), min_size=3, max_size=3),
            min_size=n,
            max_size=n,
        )
    ),
    coverage=st.floats(0.5, 0.99),
)
def test_conformal_quantiles_are_a_rank_or_wider_than_every_error(residuals, coverage):
    """With enough residuals a step's half-width is one of its own, at the
    conformal rank; with too few it is at least the step's largest."""
    residuals = np.array(residuals)
    n = len(residuals)
    rank = int(np.ceil((n + 1) * coverage))
    q = conformal_quantiles(residuals, coverage)
    assert q.shape == (3,)
    assert np.isfinite(q).all()
    if rank <= n:
        assert_array_equal(q, np.sort(residuals, axis=0)[rank - 1])
    else:
        assert (q >= residuals.max(axis=0)).all()


@pytest.mark.parametrize(
    "settings_",
    [
        {"combine_with": None},
        {"combine_with": None, "strategy": "recursive"},
        {"combine_with": "naive", "non_negative": True},
    ],
    ids=["direct", "recursive", "combined-non-negative"],
)
@FAST
@given(
    levels=st.lists(
        st.floats(0.0, 1.0, exclude_min=True, exclude_max=True),
        min_size=1,
        max_size=6,
        unique=True,
    )
)
def test_quantiles_never_cross_and_the_median_is_the_forecast(settings_, levels):
    """Check predict_quantiles is monotone in alpha, with 0.5 at the point
    forecast, for every strategy and combination."""
    combine = settings_.get("combine_with")
    if combine == "naive":
        from statsforecast.models import Naive

        settings_ = {**settings_, "combine_with": Naive()}
    model = _quantile_model(**settings_)
    levels = sorted({*levels, 0.5})
    q = model.predict_quantiles(alpha=levels).to_numpy()
    assert (np.diff(q, axis=1) >= 0).all()
    point = model.predict().to_numpy()
    assert_allclose(q[:, levels.index(0.5)], point)


_QUANTILE_MODELS = {}


def _quantile_model(**params):
    """A fitted Ridge window forecaster on 200 daily points (cached per set-up)."""
    key = repr(sorted(params.items()))
    if key not in _QUANTILE_MODELS:
        rng = np.random.default_rng(3)
        t = np.arange(200)
        y = pd.Series(
            100 + 5 * np.sin(2 * np.pi * t / 7) + rng.normal(0, 2, 200),
            index=pd.date_range("2020-01-01", periods=200, freq="D"),
        )
        model = WindowForecaster(
            estimator=make_pipeline(WindowTransformer(flatten=True), Ridge()),
            **params,
        )
        _QUANTILE_MODELS[key] = model.fit(y, fh=np.arange(1, 8))
    return _QUANTILE_MODELS[key]


@FAST
@given(
    st.lists(  # per instance: first and last observed point of 8
        st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=5
    ),
    st.sampled_from(["D", "MS", None]),
    st.booleans(),  # two variables instead of one
    st.booleans(),  # integer values instead of floats
    st.booleans(),  # rows sorted
    st.randoms(use_true_random=False),
)
def test_panel_to_arrays_and_back_is_what_pandas_unstack_and_stack_give(
    ranges, freq, two, integers, ordered, random
):
    """Check the panel plumbing's own unstacking (by index codes) against
    pandas' ``unstack`` for ragged panels whose instances come in any order,
    and the forecasts' panel against pandas' ``stack``."""
    times = pd.date_range("2020-01-01", periods=8, freq=freq) if freq else range(8)
    rows = [  # one instance observed throughout: no time point is missing
        (f"s{i}", t)
        for i, (a, b) in enumerate([(0, 7), *ranges])
        for t in list(times)[min(a, b) : max(a, b) + 1]
    ]
    random.shuffle(rows)
    index = pd.MultiIndex.from_tuples(rows, names=["series", "time"])
    values = np.arange(len(rows)) * (1 if integers else 1.5)
    y = pd.DataFrame({"y": values, **({"x": -values} if two else {})}, index=index)
    y = y.sort_index() if ordered else y
    expected = y.unstack(level=0)
    got = _unstack_instances(y)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False, check_freq=False)

    arrays, _, layout = to_arrays(y)
    future = (
        pd.date_range(times[-1], periods=4, freq=freq)[1:] if freq else range(8, 11)
    )
    values = np.arange(len(arrays) * 3, dtype=float).reshape(len(arrays), 3)
    wide = pd.DataFrame(values.T, index=future, columns=layout.keys)
    stacked = wide.stack(level=[1], future_stack=True).reorder_levels([1, 0])
    stacked = stacked.sort_index().rename_axis(index=layout.names)
    pd.testing.assert_frame_equal(from_arrays(values, future, layout), stacked)


def test_a_duplicated_panel_row_gets_pandas_error_not_a_silent_overwrite():
    """Check that two values for one (instance, time) are refused as pandas'
    ``unstack`` refuses them, not one of them kept."""
    index = pd.MultiIndex.from_tuples([("a", 0), ("a", 0), ("b", 1)])
    y = pd.DataFrame({"y": [1.0, 2.0, 3.0]}, index=index)
    with pytest.raises(ValueError, match="duplicate entries"):
        _unstack_instances(y)


@pytest.mark.parametrize(
    ("freq", "sp"),
    [
        ("D", 7),
        ("B", 5),
        ("h", 24),
        ("min", 60),
        ("W-SUN", 52),
        ("MS", 12),
        ("QS-JAN", 4),
        ("YS", 1),
        ("s", 1),
        # multiples of a fixed step: a day's steps, up to 144 of them
        ("600s", 144),
        ("30min", 48),
        ("15min", 96),
        ("10min", 144),
        ("2h", 12),
        ("90min", 16),
        # a day too long (2 to 9 minutes) or a multiple of another unit: its
        # unit's period divided by the multiple, or 1 if that leaves a remainder
        ("5min", 12),
        ("2min", 30),
        ("7min", 1),
        ("5h", 1),
        ("2W-SUN", 26),
        ("3MS", 4),
        ("2D", 1),
        ("2B", 1),
    ],
)
def test_infer_sp_for_units_and_their_multiples(freq, sp):
    """Check the period each frequency gets, from a DatetimeIndex with its
    frequency, one without it (inferred from the points) and a PeriodIndex.
    Before multiples were read, every one of them got 1: 30-minute
    electricity demand had no daily season, and ``WindowForecaster()``'s
    error on it was 2.5 times the seasonal naive forecast's (geometric mean
    over 16 validation tails; choosing_defaults.rst)."""
    index = pd.date_range("2019-01-07", periods=12, freq=freq)
    assert infer_sp(index) == sp
    assert infer_sp(pd.DatetimeIndex(list(index))) == sp  # no freq set
    if freq != "3MS":  # pandas has no period of month starts
        assert infer_sp(index.to_period()) == sp


@pytest.mark.parametrize(
    ("freq", "sp"), [("SMS", 24), ("SME", 24), ("SMS-10", 24), ("2SMS", 12)]
)
def test_semi_monthly_data_gets_a_year(freq, sp):
    """Check that the 15th and the month's start (or end) get a year's 24
    steps as their season, as a month gets 12 (they got 1: no season). pandas
    has no period of them and does not infer them from the points, so only
    a DatetimeIndex with its frequency set names them."""
    assert infer_sp(pd.date_range("2019-01-07", periods=12, freq=freq)) == sp


@pytest.mark.parametrize(
    ("freq", "sp", "week"),
    [
        ("h", 24, 168),
        ("30min", 48, 336),
        ("10min", 144, 1008),
        ("2h", 12, 84),
        ("h", 12, None),  # sp is not a day
        ("h", 168, None),  # nor here: a week already
        ("min", 60, None),  # an hour
        ("D", 7, None),
        ("D", 1, None),
        ("W-SUN", 52, None),
        ("MS", 12, None),
    ],
)
def test_steps_in_a_week_only_where_sp_is_a_day(freq, sp, week):
    """Check the week MSTL's second season gets: only for a fixed step of
    which ``sp`` make a day, with or without the index's frequency set."""
    index = pd.date_range("2019-01-07", periods=12, freq=freq)
    assert steps_in_a_week(index, sp) == week
    assert steps_in_a_week(pd.DatetimeIndex(list(index)), sp) == week
    assert steps_in_a_week(pd.RangeIndex(12), sp) is None


@FAST
@given(multiple=st.integers(2, 1500), unit=st.sampled_from([("min", 1), ("h", 60)]))
def test_a_multiple_of_minutes_or_hours_gets_a_whole_day_or_hour(multiple, unit):
    """Check that a multiple's period spans exactly a day (at most 144 steps)
    or, past that, exactly an hour, and 1 when no such whole number exists."""
    name, minutes = unit
    step = multiple * minutes
    sp = infer_sp(pd.date_range("2019-01-07", periods=5, freq=f"{multiple}{name}"))
    if 1440 % step == 0 and 1440 // step <= 144:
        assert sp * step == 1440
    elif name == "min" and 60 % multiple == 0:
        assert sp * step == 60
    else:
        assert sp == 1
