"""Tests of LSTMForecaster's shrinkage of the corrections toward its baseline,
and of the cross-fitting that chooses it."""

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.base import clone
from sklearn.pipeline import make_pipeline

from lstmreg import (
    LSTMForecaster,
    WindowForecaster,
    WindowTransformer,
    load_weights,
    make_windows,
    save_weights,
)
from lstmreg.exceptions import InputError
from lstmreg.nn._shrinkage import SHRINKAGE_GRID, group_folds
from lstmreg.windows._windows import window_positions

N, LOOKBACK, HORIZON, SERIES = 60, 12, 3, 8


def panel(kind, seed=0):
    """Windows, targets and series of 8 random walks (nothing to learn
    beyond the last value) or 8 sine waves of random phase (everything)."""
    rng = np.random.default_rng(seed)
    if kind == "random walks":
        series = [np.cumsum(rng.normal(size=N)) for _ in range(SERIES)]
    else:
        t = np.arange(N) * 2 * np.pi / 6
        series = [5 * np.sin(t + rng.uniform(0, 6)) for _ in range(SERIES)]
    X, y = make_windows(series, lookback=LOOKBACK, horizon=HORIZON)
    groups = window_positions([N] * SERIES, LOOKBACK, HORIZON)[0]
    return X, y, groups


def network(**params):
    defaults = dict(
        hidden_sizes=(8,),
        normalize="last",
        ensemble_size=2,
        max_epochs=20,
        lr=1e-2,
        batch_size=32,
        validation_fraction=0,
        random_state=0,
    )
    return LSTMForecaster(**{**defaults, **params})


@pytest.mark.parametrize("normalize", ["last", "log"])
def test_shrinkage_scales_the_corrections_to_the_baseline(normalize):
    """Check that shrinkage s moves every forecast (1 - s) of the way from
    the baseline (the last value; the log of the recent median) to the
    network's own, and that 1 forecasts the baseline."""
    X, y, _ = panel("sine waves")
    X, y = X + 10, y + 10  # positive, for the log
    # three networks: their median is one of them, in every scale
    own = network(normalize=normalize, ensemble_size=3).fit(X, y).predict(X)
    shrunk = network(normalize=normalize, ensemble_size=3, shrinkage=0.4)
    shrunk = shrunk.fit(X, y).predict(X)
    baseline = network(normalize=normalize, shrinkage=1.0).fit(X, y).predict(X)
    if normalize == "last":
        expected = X[:, -1:]
        assert_allclose(baseline, np.broadcast_to(expected, baseline.shape))
        assert_allclose(shrunk - expected, 0.6 * (own - expected), atol=1e-9)
    else:
        base = np.median(np.log1p(X[:, -14:]), axis=1, keepdims=True)
        assert_allclose(np.log1p(baseline), np.broadcast_to(base, y.shape))
        assert_allclose(
            np.log1p(shrunk) - base, 0.6 * (np.log1p(own) - base), atol=1e-9
        )
    assert network(normalize=normalize).fit(X, y).shrinkage_ == 0.0


@pytest.mark.parametrize(
    ("kind", "low", "high"), [("random walks", 0.8, 1.0), ("sine waves", 0.0, 0.1)]
)
def test_cross_fit_shrinks_what_does_not_carry_over(kind, low, high):
    """Check that cross-fitting pulls a random walk's corrections (noise the
    networks fitted) back to the last value and keeps a sine wave's, and
    reports every candidate's held-out loss."""
    X, y, groups = panel(kind)
    model = network(shrinkage="cross_fit").fit(X, y, groups=groups)
    assert low <= model.shrinkage_ <= high
    scores = model.shrinkage_scores_
    assert list(scores) == list(SHRINKAGE_GRID)
    assert scores[model.shrinkage_] == min(scores.values())
    assert len(model.nets_) == 2  # the fold networks are not kept


@pytest.mark.parametrize("ensemble_size", [1, 2, 3])
def test_cross_fit_is_reproducible(ensemble_size):
    """Check that the same seed chooses the same shrinkage and forecasts the
    same, whether the members or extra networks cross-fit."""
    X, y, groups = panel("random walks")
    model = network(shrinkage="cross_fit", ensemble_size=ensemble_size)
    one = clone(model).fit(X, y, groups=groups)
    two = clone(model).fit(X, y, groups=groups)
    assert one.shrinkage_scores_ == two.shrinkage_scores_
    assert_array_equal(one.predict(X), two.predict(X))
    assert len(one.nets_) == ensemble_size


def _trained_windows(net):
    return sum(b["train_batch_size"] for b in net.history[0, "batches"])


@pytest.mark.parametrize("ensemble_size", [2, 3, 5])
def test_each_member_trains_without_the_series_it_forecasts(ensemble_size):
    """Check that member i trains on every series but fold i's (series of
    different lengths: the fold sizes show), the folds together every
    series once."""
    lengths = [30, 40, 50, 60, 70, 80]
    rng = np.random.default_rng(0)
    series = [np.cumsum(rng.normal(size=n)) for n in lengths]
    X, y = make_windows(series, lookback=LOOKBACK, horizon=HORIZON)
    groups = window_positions(lengths, LOOKBACK, HORIZON)[0]
    model = network(shrinkage="cross_fit", ensemble_size=ensemble_size, max_epochs=2)
    model.fit(X, y, groups=groups)
    per_series = np.bincount(groups)
    seen = [len(X) - _trained_windows(net) for net in model.nets_]
    # every member left out a fold: one or more whole series, none shared
    assert all(0 < s < len(X) for s in seen)
    assert sum(seen) == len(X)
    for left_out in seen:
        assert any(
            left_out == per_series[list(c)].sum()
            for k in range(1, len(lengths))
            for c in itertools.combinations(range(len(lengths)), k)
        )


@pytest.mark.parametrize(("ensemble_size", "networks"), [(1, "members"), (3, "extra")])
def test_extra_networks_leave_every_member_all_series(ensemble_size, networks):
    """Check that with extra networks (always for an ensemble of one, two
    of them; cross_fit_networks='extra': one per fold) every member trains
    on every window — the networks of a fit without the cross-fit."""
    X, y, groups = panel("random walks")
    model = network(
        shrinkage="cross_fit", ensemble_size=ensemble_size, cross_fit_networks=networks
    ).fit(X, y, groups=groups)
    assert len(model.nets_) == ensemble_size
    assert all(_trained_windows(net) == len(X) for net in model.nets_)
    fixed = network(shrinkage=model.shrinkage_, ensemble_size=ensemble_size)
    assert_array_equal(fixed.fit(X, y).predict(X), model.predict(X))


def test_cross_fit_keeps_its_choice_when_training_goes_on():
    """Check that partial_fit and warm_start continue the networks with the
    shrinkage the fit chose."""
    X, y, groups = panel("random walks")
    model = network(shrinkage="cross_fit", warm_start=True)
    chosen = model.fit(X, y, groups=groups).shrinkage_
    model.partial_fit(X, y)
    assert model.shrinkage_ == chosen
    model.fit(X, y)  # continues: no groups needed
    assert model.shrinkage_ == chosen


@given(
    labels=st.lists(st.integers(0, 30), min_size=2, max_size=60),
    n_folds=st.integers(2, 5),
    seed=st.integers(0, 2**31 - 1),
)
@settings(max_examples=60, deadline=None)
def test_group_folds_keep_a_series_together(labels, n_folds, seed):
    """Check that every window of a series lands in one fold, that the folds
    hold as many series each (within one), that none is empty (fewer folds
    when there are fewer series), and that one series is refused."""
    distinct = len(set(labels))
    if distinct < 2:
        with pytest.raises(InputError, match="at least 2 series"):
            group_folds(labels, len(labels), n_folds, seed)
        return
    folds = group_folds(labels, len(labels), n_folds, seed)
    n_folds = min(n_folds, distinct)
    fold_of = pd.Series(folds).groupby(np.asarray(labels)).nunique()
    assert (fold_of == 1).all()
    series_per_fold = pd.Series(folds).groupby(np.asarray(labels)).first()
    counts = series_per_fold.value_counts().reindex(range(n_folds), fill_value=0)
    assert counts.max() - counts.min() <= 1
    assert counts.min() >= 1
    assert_array_equal(folds, group_folds(labels, len(labels), n_folds, seed))


@pytest.mark.parametrize(
    ("params", "fit", "match"),
    [
        ({"shrinkage": "cross_fit"}, {}, "needs `groups`"),
        ({"shrinkage": "cross_fit"}, {"groups": [0, 1]}, "one label per window"),
        ({"shrinkage": "cross_fit"}, {"groups": "same"}, "at least 2 series"),
        ({"shrinkage": 0.5, "normalize": "window"}, {}, "normalize='log'"),
        (
            {"shrinkage": 0.5, "cross_fit_networks": "extra"},
            {},
            "pass shrinkage='cross_fit'",
        ),
    ],
)
def test_shrinkage_errors_say_what_to_pass(params, fit, match):
    """Check the messages for cross-fitting without usable groups, and for a
    shrinkage without a baseline to shrink toward."""
    X, y, _ = panel("random walks")
    if fit.get("groups") == "same":
        fit = {"groups": np.zeros(len(X))}
    with pytest.raises(InputError, match=match):
        network(**params).fit(X, y, **fit)


def test_partial_fit_cannot_cross_fit_from_scratch():
    """Check that a first partial_fit with shrinkage='cross_fit' says to fit."""
    X, y, _ = panel("random walks")
    with pytest.raises(InputError, match="call fit"):
        network(shrinkage="cross_fit").partial_fit(X, y)


def test_weights_file_keeps_the_shrinkage(tmp_path):
    """Check that save_weights / load_weights keep the chosen shrinkage and
    its scores, so the loaded model forecasts the same."""
    X, y, groups = panel("random walks")
    model = network(shrinkage="cross_fit").fit(X, y, groups=groups)
    save_weights(model, tmp_path / "model.pt")
    loaded = load_weights(tmp_path / "model.pt")
    assert loaded.shrinkage_ == model.shrinkage_
    assert loaded.shrinkage_scores_ == model.shrinkage_scores_
    assert_array_equal(loaded.predict(X), model.predict(X))


@pytest.mark.parametrize("calibration_size", [0, 0.2])
def test_window_forecaster_passes_the_series_as_groups(calibration_size):
    """Check that WindowForecaster cross-fits its network on its own series
    (and the calibration fit's network too), with no groups from the user."""
    rng = np.random.default_rng(0)
    y = pd.DataFrame(
        np.cumsum(rng.normal(size=(N, SERIES)), axis=0) + 50,
        columns=[f"s{i}" for i in range(SERIES)],
    )
    pipeline = make_pipeline(
        WindowTransformer(statistics=("value",)),
        network(shrinkage="cross_fit", max_epochs=5),
    )
    forecaster = WindowForecaster(
        pipeline, lookback=LOOKBACK, calibration_size=calibration_size
    )
    forecaster.fit(y, fh=[1, 2, 3])
    lstm = forecaster.estimator_[-1]
    assert lstm.shrinkage_scores_ is not None
    assert forecaster.predict().shape == (3, SERIES)


def mixed_panel():
    """Windows, targets and series of 4 random walks (series 0-3) and 4
    sine waves (series 4-7): one shrinkage cannot suit both."""
    rng = np.random.default_rng(0)
    t = np.arange(N) * 2 * np.pi / 6
    walks = [np.cumsum(rng.normal(size=N)) for _ in range(4)]
    waves = [5 * np.sin(t + rng.uniform(0, 6)) for _ in range(4)]
    X, y = make_windows(walks + waves, lookback=LOOKBACK, horizon=HORIZON)
    return X, y, window_positions([N] * SERIES, LOOKBACK, HORIZON)[0]


def test_a_shrinkage_per_series_tells_walks_from_waves():
    """Check that shrinkage_scope='series' shrinks each random walk's
    corrections more than any sine wave's, where the global choice sits
    between them; that 'halfway' is the grid value halfway between each
    series' own and the global one (the same networks: the scope changes no
    training); and that 'global' keeps none per series."""
    X, y, groups = mixed_panel()
    fitted = {
        scope: network(shrinkage="cross_fit", shrinkage_scope=scope).fit(
            X, y, groups=groups
        )
        for scope in ("global", "series", "halfway")
    }
    own = fitted["series"].series_shrinkage_
    overall = fitted["series"].shrinkage_
    assert sorted(own) == list(range(SERIES))
    assert max(own[i] for i in range(4, 8)) <= 0.1
    assert min(own[i] for i in range(4)) >= 0.8
    assert 0.1 < overall < 0.8
    assert fitted["global"].series_shrinkage_ is None
    assert fitted["global"].shrinkage_ == fitted["halfway"].shrinkage_ == overall
    halfway = fitted["halfway"].series_shrinkage_
    for label, s in own.items():
        assert halfway[label] == float(np.round((s + overall) / 2, 1))
        assert halfway[label] in SHRINKAGE_GRID


def test_predict_shrinks_each_row_as_its_series():
    """Check that predict(X, groups) gives each row the forecast of its
    series' shrinkage, the global one to rows of an unseen series and to
    every row without groups — and the same for the same seed."""
    X, y, groups = mixed_panel()
    model = network(shrinkage="cross_fit", shrinkage_scope="series")
    model.fit(X, y, groups=groups)
    rows = np.flatnonzero(np.isin(groups, [0, 5]))
    unseen = np.full(len(rows), 99)

    def with_one(shrinkage):
        fixed = clone(model)
        fixed.__dict__.update(model.__dict__)  # the same fitted networks
        fixed.shrinkage_, fixed.series_shrinkage_ = shrinkage, None
        return fixed.predict(X[rows])

    by_series = model.predict(X[rows], groups=groups[rows])
    for label in (0, 5):
        mine = groups[rows] == label
        expected = with_one(model.series_shrinkage_[label])[mine]
        assert_allclose(by_series[mine], expected)
    assert not np.allclose(by_series, with_one(model.shrinkage_))
    assert_allclose(model.predict(X[rows], groups=unseen), with_one(model.shrinkage_))
    assert_allclose(model.predict(X[rows]), with_one(model.shrinkage_))
    again = network(shrinkage="cross_fit", shrinkage_scope="series")
    again = again.fit(X, y, groups=groups).predict(X[rows], groups=groups[rows])
    assert_array_equal(again, by_series)
    with pytest.raises(InputError, match="one label per window"):
        model.predict(X[rows], groups=groups[:3])


def test_a_shrinkage_scope_needs_the_cross_fit():
    """Check that a per-series scope without shrinkage='cross_fit' (which
    makes the held-out forecasts it chooses on) says what to pass."""
    X, y, groups = mixed_panel()
    with pytest.raises(InputError, match="pass shrinkage='cross_fit'"):
        network(shrinkage=0.5, shrinkage_scope="series").fit(X, y, groups=groups)


def test_weights_file_keeps_the_shrinkage_per_series(tmp_path):
    """Check that a model with a shrinkage per series forecasts the same
    after save_weights / load_weights."""
    X, y, groups = mixed_panel()
    model = network(shrinkage="cross_fit", shrinkage_scope="halfway")
    model.fit(X, y, groups=groups)
    save_weights(model, tmp_path / "model.pt")
    loaded = load_weights(tmp_path / "model.pt")
    assert loaded.series_shrinkage_ == model.series_shrinkage_
    expected = model.predict(X, groups=groups)
    assert_array_equal(loaded.predict(X, groups=groups), expected)


@pytest.mark.parametrize("calibration_size", [0, 0.3])
def test_window_forecaster_shrinks_each_series_as_its_own(calibration_size):
    """Check that WindowForecaster forecasts each of its series with that
    series' shrinkage, and new histories (predict_from) with the global
    one."""
    rng = np.random.default_rng(0)
    t = np.arange(N) * 2 * np.pi / 6
    values = [np.cumsum(rng.normal(size=N)) + 50 for _ in range(4)]
    values += [5 * np.sin(t + rng.uniform(0, 6)) + 50 for _ in range(4)]
    y = pd.DataFrame(np.array(values).T, columns=[f"s{i}" for i in range(SERIES)])
    pipeline = make_pipeline(
        WindowTransformer(statistics=("value",)),
        network(shrinkage="cross_fit", shrinkage_scope="series"),
    )
    forecaster = WindowForecaster(
        pipeline, lookback=LOOKBACK, calibration_size=calibration_size
    ).fit(y, fh=[1, 2, 3])
    model = forecaster.estimator_
    assert model[-1].series_shrinkage_ is not None
    last = y.to_numpy().T[:, -LOOKBACK:]
    own = model.predict(last, groups=np.arange(SERIES))
    assert not np.allclose(own, model.predict(last))  # the shrinkages differ
    assert_allclose(forecaster.predict().to_numpy().T, own)
    assert_allclose(forecaster.predict_from(y).to_numpy().T, model.predict(last))
