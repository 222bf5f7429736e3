"""Tests of the training objectives and the log/level, last-value and
seasonal normalisations."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from lstmreg import LSTMForecaster, make_windows
from lstmreg.nn._losses import LOSSES, MaskedLoss, PinballLoss, RelativeError
from lstmreg.windows._scaling import (
    last_value_windows,
    log_level_windows,
    seasonal_windows,
    unscale_log_level,
    unscale_targets,
)

TINY = dict(hidden_sizes=(8,), max_epochs=3, batch_size=16, random_state=0)


def _counts(n=200, level=50.0, seed=0):
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    return rng.poisson(level * (1 + 0.5 * np.sin(2 * np.pi * t / 7))).astype(float)


def test_pinball_loss_by_hand():
    """Check the pinball loss against its definition for both signs."""
    loss = PinballLoss(quantile=0.2)
    y_pred, y_true = torch.tensor([1.0, 3.0]), torch.tensor([2.0, 2.0])
    # under-forecast by 1 costs 0.2, over-forecast by 1 costs 0.8
    assert_allclose(loss(y_pred, y_true).item(), (0.2 + 0.8) / 2)


def test_relative_error_is_the_contest_error_on_logs():
    """Check that RelativeError on log values equals ((S - T) / T) ** 2."""
    S, T = np.array([110.0, 45.0]), np.array([100.0, 50.0])
    value = RelativeError()(torch.tensor(np.log(S)), torch.tensor(np.log(T)))
    assert_allclose(value.item(), np.mean(((S - T) / T) ** 2))
    # a wild prediction stays finite
    huge = RelativeError()(torch.tensor([1e4]), torch.tensor([0.0]))
    assert torch.isfinite(huge)


def test_relative_error_learns_nothing_from_a_target_far_below_its_forecast():
    """Check that a forecast 20 times its target or more (log ratio beyond
    3) costs a fixed error and gives no gradient, while one nearer does."""
    pred = torch.tensor([8.0, 3.5, 2.0], requires_grad=True)
    RelativeError()(pred, torch.zeros(3)).backward()
    assert_array_equal(pred.grad[:2].numpy(), [0.0, 0.0])
    assert pred.grad[2] > 0
    far, farther = (
        RelativeError()(torch.tensor([r]), torch.tensor([0.0])) for r in (3.0, 8.0)
    )
    assert_allclose(far.item(), np.expm1(3.0) ** 2, rtol=1e-6)
    assert far.item() == farther.item()


@settings(deadline=None, max_examples=50)
@given(
    level=st.floats(1e3, 1e7),
    share=st.floats(0.0, 1.0 / 25),
    days=st.integers(1, 61),
)
def test_an_outage_costs_the_same_bounded_error_at_any_magnitude(level, share, days):
    """Check, through the log/level scaling the music model uses, that a
    target day at most a 25th of a series' level costs the forecast of that
    level one fixed error and no gradient, whatever the level (from a
    thousand a day, where log1p's +1 no longer matters): its weight cannot
    grow with the series' size."""
    X = np.full((1, 21, 1), level)
    y = np.full((1, days), level)
    y[0, -1] = share * level
    _, y_scaled, _ = log_level_windows(X, y, level_window=14)
    pred = torch.zeros((1, days), dtype=torch.float64, requires_grad=True)
    loss = RelativeError()(pred, torch.tensor(y_scaled))
    loss.backward()
    assert_allclose(loss.item() * days, np.expm1(3.0) ** 2, rtol=1e-6)
    assert_array_equal(pred.grad.numpy(), 0.0)


def test_an_outage_day_of_one_series_leaves_the_others_forecasts_alone():
    """Check that one day without plays in a series of thousands a day does
    not drag a global relative-error model's forecasts of another series
    (its error, unbounded, used to outweigh every other target)."""
    big, small = _counts(level=5000.0, seed=1), _counts(seed=2)
    X_small, y_small = make_windows(small, lookback=14, horizon=7)
    forecasts = []
    for outage in (False, True):
        series = big.copy()
        if outage:
            series[100] = 0.0
        X_big, y_big = make_windows(series, lookback=14, horizon=7)
        model = LSTMForecaster(normalize="log", loss="relative_error", **TINY)
        model.fit(np.r_[X_big, X_small], np.r_[y_big, y_small])
        forecasts.append(model.predict(X_small[-20:]))
    assert_allclose(forecasts[1], forecasts[0], rtol=0.05)


def test_log_level_windows_against_a_direct_computation():
    """Check the shift by the median of the last log values, and its inverse."""
    rng = np.random.default_rng(1)
    X = rng.integers(0, 1000, size=(5, 21, 2)).astype(float)
    y = rng.integers(0, 1000, size=(5, 3)).astype(float)
    X_scaled, y_scaled, level = log_level_windows(X, y, level_window=14)
    expected_level = np.median(np.log1p(X[:, -14:, 0]), axis=1, keepdims=True)
    assert_allclose(level, expected_level)
    assert_allclose(X_scaled[:, :, 0], np.log1p(X[:, :, 0]) - expected_level)
    assert_allclose(unscale_log_level(y_scaled, level), y)
    # the second feature is standardised per window
    assert_allclose(X_scaled[:, :, 1].mean(axis=1), 0, atol=1e-12)
    assert_allclose(X_scaled[:, :, 1].std(axis=1), 1)


def test_last_value_windows_against_a_direct_computation():
    """Check the shift by the last value, the scale by the spread of the
    steps, the inverse, and finite values for flat and one-step windows."""
    rng = np.random.default_rng(2)
    X = rng.normal(-50, 10, size=(5, 12, 2))  # negative values are fine
    y = rng.normal(-50, 10, size=(5, 3))
    X_scaled, y_scaled, last, scale = last_value_windows(X, y)
    assert_allclose(last, X[:, -1:, 0])
    assert_allclose(scale, np.diff(X[:, :, 0], axis=1).std(axis=1, keepdims=True))
    assert_allclose(X_scaled[:, :, 0], (X[:, :, 0] - last) / scale)
    assert_allclose(unscale_targets(y_scaled, last, scale), y)
    assert_allclose(X_scaled[:, :, 1].std(axis=1), 1)  # standardised
    flat = np.concatenate([np.full((1, 4, 1), 7.0), np.zeros((1, 4, 1))])
    _, y_flat, _, flat_scale = last_value_windows(flat, np.array([[14.0], [3.0]]))
    assert_allclose(flat_scale, [[7.0], [1.0]])  # the level, or 1 at zero
    assert_allclose(y_flat, [[1.0], [3.0]])
    assert np.isfinite(last_value_windows(np.ones((2, 1, 1)))[0]).all()


def test_last_value_model_starts_at_the_last_value():
    """Check that an untrained model with normalize='last' forecasts the last
    value (the naive forecast), here on a series with a negative trend."""
    series = -0.5 * np.arange(200.0) + np.sin(np.arange(200.0))
    X, y = make_windows(series, lookback=21, horizon=5)
    model = LSTMForecaster(normalize="last", max_epochs=1, lr=1e-12, random_state=0)
    pred = model.fit(X, y).predict(X[-2:])
    assert_allclose(pred, np.repeat(X[-2:, -1:], 5, axis=1), rtol=1e-4)


def test_seasonal_windows_against_a_direct_computation():
    """Check that the inputs are scaled as by last_value_windows and each
    target relative to the same step of the window's last season, for
    horizons shorter and longer than the season; and that a window shorter
    than the season, or sp=1, falls back to the last value."""
    rng = np.random.default_rng(3)
    X = rng.normal(20, 5, size=(4, 10, 2))
    y = rng.normal(20, 5, size=(4, 7))
    X_scaled, y_scaled, base, scale = seasonal_windows(X, y, sp=3, n_outputs=7)
    X_last, _, _, last_scale = last_value_windows(X, y)
    assert_allclose(X_scaled, X_last)
    assert_allclose(scale, last_scale)
    assert_allclose(base, X[:, [7, 8, 9, 7, 8, 9, 7], 0])  # the last 3, repeated
    assert_allclose(unscale_targets(y_scaled, base, scale), y)
    _, _, short_base, _ = seasonal_windows(X, None, sp=3, n_outputs=2)
    assert_allclose(short_base, X[:, [7, 8], 0])  # no y: n_outputs says
    for sp in (1, 11):  # no season, or longer than the window
        _, y_fallback, fallback, _ = seasonal_windows(X, y, sp=sp, n_outputs=7)
        assert_allclose(fallback, np.repeat(X[:, -1:, 0], 7, axis=1))
        assert_allclose(unscale_targets(y_fallback, fallback, scale), y)


def test_seasonal_model_starts_at_the_seasonal_naive_forecast():
    """Check that an untrained model with normalize='seasonal' forecasts the
    last season again, block by block, and that sp=1 is normalize='last'."""
    t = np.arange(240.0)
    series = 0.1 * t + 10 * (t % 12 < 3)  # a trend and a peak every 12 steps
    X, y = make_windows(series, lookback=30, horizon=15)
    untrained = dict(max_epochs=1, lr=1e-12, random_state=0)
    model = LSTMForecaster(normalize="seasonal", sp=12, **untrained)
    pred = model.fit(X, y).predict(X[-2:])
    expected = X[-2:, [18 + k % 12 for k in range(15)]].reshape(2, 15)
    assert_allclose(pred, expected, rtol=1e-4)
    last = LSTMForecaster(normalize="last", **untrained).fit(X, y).predict(X[-2:])
    no_season = LSTMForecaster(normalize="seasonal", **untrained).fit(X, y)
    assert_allclose(no_season.predict(X[-2:]), last)


def test_seasonal_model_learns_what_the_last_value_model_cannot_quickly():
    """Check the point of normalize='seasonal': on a peaked daily profile
    (hourly values, 48 steps ahead), a small network trained briefly is
    far closer with the seasonal baseline than with the last value."""
    rng = np.random.default_rng(0)
    t = np.arange(24 * 40)
    series = 100 + 400 * np.exp(-((t % 24 - 8) ** 2) / 2) + rng.normal(0, 5, t.size)
    X, y = make_windows(series[:-48], lookback=72, horizon=48)
    truth = series[-48:]
    errors = {}
    for normalize in ("last", "seasonal"):
        model = LSTMForecaster(normalize=normalize, sp=24, **TINY).fit(X, y)
        window = series[-48 - 72 : -48].reshape(1, 72, 1)
        errors[normalize] = np.abs(model.predict(window).ravel() - truth).mean()
    assert errors["seasonal"] < 0.25 * errors["last"]


def test_auto_normalize_takes_the_baseline_nearer_the_training_targets():
    """Check that normalize='auto' takes the seasonal baseline on a peaked
    daily profile and the last value on a random walk (whose seasonal
    naive forecast is a day staler), the last value without a season, and
    keeps its choice through warm starts and a weights file."""
    rng = np.random.default_rng(1)
    t = np.arange(24 * 20)
    profile = 100 + 400 * np.exp(-((t % 24 - 8) ** 2) / 2) + rng.normal(0, 5, t.size)
    walk = np.cumsum(rng.normal(size=t.size))
    tiny = dict(hidden_sizes=(4,), max_epochs=1, random_state=0)
    chosen = {}
    for name, series, sp in [
        ("profile", profile, 24),
        ("walk", walk, 24),
        ("no season", profile, 1),
    ]:
        X, y = make_windows(series, lookback=48, horizon=6)
        model = LSTMForecaster(normalize="auto", sp=sp, **tiny).fit(X, y)
        chosen[name] = model.normalize_
    assert chosen == {"profile": "seasonal", "walk": "last", "no season": "last"}
    X, y = make_windows(walk, lookback=48, horizon=6)  # as chosen, to the bit
    auto = LSTMForecaster(normalize="auto", sp=24, **tiny).fit(X, y)
    last = LSTMForecaster(normalize="last", **tiny).fit(X, y)
    assert_array_equal(auto.predict(X[-3:]), last.predict(X[-3:]))
    X, y = make_windows(profile, lookback=48, horizon=6)
    model = LSTMForecaster(normalize="auto", sp=24, warm_start=True, **tiny)
    model.fit(X, y).fit(X[:, :, None] * 0 + X[:, -1:, None], y)  # flat windows
    assert model.normalize_ == "seasonal"  # chosen once, with the networks


def test_log_level_rejects_negative_values():
    """Check that normalize='log' on negative data says what to use instead,
    and that the music model's loss must change with it."""
    X, y = make_windows(_counts() - 100, lookback=14, horizon=2)
    with pytest.raises(ValueError, match="normalize='window'"):
        LSTMForecaster(normalize="log", **TINY).fit(X, y)
    with pytest.raises(ValueError, match="a loss other than 'relative_error'"):
        LSTMForecaster(normalize="log", loss="relative_error", **TINY).fit(X, y)


def test_relative_error_needs_log_normalisation():
    """Check that loss='relative_error' without normalize='log' is refused."""
    X, y = make_windows(_counts(), lookback=14, horizon=2)
    with pytest.raises(ValueError, match="pass normalize='log'"):
        LSTMForecaster(loss="relative_error", **TINY).fit(X, y)


@pytest.mark.parametrize("loss", sorted(LOSSES))
def test_every_loss_trains_and_gives_finite_forecasts(loss):
    """Check each objective end to end on counts with the log normalisation."""
    X, y = make_windows(_counts(), lookback=14, horizon=7)
    model = LSTMForecaster(normalize="log", loss=loss, quantile=0.3, **TINY)
    pred = model.fit(X, y).predict(X[-3:])
    assert pred.shape == (3, 7)
    assert np.isfinite(pred).all()
    assert type(model.net_.criterion_).__name__ == LOSSES[loss].__name__


def test_log_model_starts_at_the_recent_median():
    """Check that an untrained log model forecasts the window's recent median."""
    X, y = make_windows(_counts(), lookback=21, horizon=5)
    model = LSTMForecaster(normalize="log", max_epochs=1, lr=1e-12, random_state=0)
    pred = model.fit(X, y).predict(X[-2:])
    median = np.expm1(np.median(np.log1p(X[-2:, -14:]), axis=1))
    assert_allclose(pred, np.repeat(median[:, None], 5, axis=1), rtol=1e-4)


def test_lower_quantile_forecasts_lower():
    """Check that the pinball loss of a low quantile gives lower forecasts."""
    X, y = make_windows(_counts(400), lookback=14, horizon=3)
    params = dict(TINY, max_epochs=30, normalize="log", loss="quantile")
    low = LSTMForecaster(quantile=0.1, **params).fit(X, y).predict(X[-50:])
    high = LSTMForecaster(quantile=0.9, **params).fit(X, y).predict(X[-50:])
    assert (low < high).mean() > 0.9


def test_ensemble_is_the_median_of_its_networks():
    """Check that ensemble_size trains distinct networks and takes the median."""
    X, y = make_windows(_counts(), lookback=14, horizon=2)
    model = LSTMForecaster(ensemble_size=3, **TINY).fit(X, y)
    assert len(model.nets_) == 3
    assert model.net_ is model.nets_[0]
    single = [
        LSTMForecaster(ensemble_size=1, **TINY).set_params(random_state=seed)
        for seed in range(3)
    ]
    members = [m.fit(X, y).predict(X[-4:]) for m in single]
    assert_allclose(model.predict(X[-4:]), np.median(members, axis=0), rtol=1e-6)
    assert not np.allclose(members[0], members[1])
    again = LSTMForecaster(ensemble_size=3, **TINY).fit(X, y).predict(X[-4:])
    assert_array_equal(again, model.predict(X[-4:]))


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_masked_loss_is_the_loss_of_the_known_targets(name):
    """Check that MaskedLoss leaves NaN targets out — value and gradient —
    and gives the wrapped loss exactly when every target is known."""
    rng = np.random.default_rng(0)
    pred = torch.tensor(rng.normal(size=(4, 3)), requires_grad=True)
    true = torch.tensor(rng.normal(size=(4, 3)))
    masked = MaskedLoss(name, quantile=0.3)
    inner = LOSSES[name](0.3) if name == "quantile" else LOSSES[name]()
    assert masked(pred, true).item() == inner(pred, true).item()
    unknown = torch.tensor([[0, 0, 1], [0, 1, 1], [0, 0, 0], [0, 0, 0]]).bool()
    value = masked(pred, torch.where(unknown, torch.nan, true))
    value.backward()
    known_pred, known_true = pred[~unknown], true[~unknown]
    assert_allclose(value.item(), inner(known_pred, known_true).item(), rtol=1e-12)
    assert (pred.grad[unknown] == 0).all()
    assert (pred.grad[~unknown] != 0).any()


def test_lstm_forecaster_masks_unknown_targets_or_refuses_them():
    """Check that NaN targets are refused with the fix by default, train with
    missing_targets='mask', and that masking changes nothing where every
    target is known."""
    X, y = make_windows(_counts(120), lookback=14, horizon=5, partial=True)
    assert np.isnan(y).any()
    with pytest.raises(ValueError, match="missing_targets='mask'"):
        LSTMForecaster(**TINY).fit(X, y)
    model = LSTMForecaster(**TINY, missing_targets="mask").fit(X, y)
    assert np.isfinite(model.predict(X[-3:])).all()
    # without unknown targets, masking trains the very same networks
    full = ~np.isnan(y).any(axis=1)
    plain = LSTMForecaster(**TINY).fit(X[full], y[full])
    masking = LSTMForecaster(**TINY, missing_targets="mask").fit(X[full], y[full])
    assert_array_equal(masking.predict(X[-3:]), plain.predict(X[-3:]))
    negative = y.copy()
    negative[0, 0] = -5.0  # the message names the smallest known value
    log_model = LSTMForecaster(**TINY, normalize="log", missing_targets="mask")
    with pytest.raises(ValueError, match="smallest -5"):
        log_model.fit(X, negative)
    with pytest.raises(ValueError, match="NaN everywhere"):
        LSTMForecaster(**TINY, missing_targets="mask").fit(X, np.full_like(y, np.nan))
