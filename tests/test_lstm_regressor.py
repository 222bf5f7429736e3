"""Tests of LSTMForecaster: shapes, training semantics, bad input, reproducibility."""

import os
import pickle
import signal
import threading
import warnings

import joblib
import numpy as np
import pandas as pd
import pytest
import torch
from numpy.testing import assert_array_equal
from sklearn.exceptions import NotFittedError
from sklearn.metrics import r2_score
from sklearn.utils._param_validation import InvalidParameterError
from skorch.dataset import Dataset

from lstmreg import DivergenceError, LSTMForecaster, WindowTransformer, make_windows
from lstmreg.nn._skorch_plumbing import TailSplit, TensorBatches

TINY = dict(hidden_sizes=(8,), max_epochs=3, batch_size=16, random_state=0)


def tiny(**params):
    return LSTMForecaster(**{**TINY, **params})


@pytest.mark.parametrize("y_shape", ["1d", "column", "horizon"])
@pytest.mark.parametrize("three_d", [False, True])
def test_prediction_shape_follows_y_and_x_layouts(sine_windows, y_shape, three_d):
    """Check 2-D and 3-D X, and that predictions have the shape y had."""
    X, y = sine_windows
    y = {"1d": y[:, 0], "column": y[:, :1], "horizon": y}[y_shape]
    if three_d:
        X = WindowTransformer(window_size=10).fit_transform(X)
    pred = tiny().fit(X, y).predict(X[:7])
    assert pred.shape == (7, *y.shape[1:])
    assert pred.dtype == np.float64


def test_one_dimensional_y_is_learned_not_broadcast():
    """Check a 1-D target trains its one output (a broadcast learns the mean)."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(400, 6))
    y = X[:, -1].copy()  # tomorrow = today, per window
    model = LSTMForecaster(hidden_sizes=(16,), max_epochs=40, random_state=0)
    model.fit(X, y)
    assert r2_score(y, model.predict(X)) > 0.9


def test_linear_skip_learns_a_linear_autoregression():
    """Check that ``linear_skip`` adds a linear map of the whole window: a
    target that copies the window's oldest value (a seasonal naive rule),
    which 64 windows teach a small LSTM poorly, is learned almost exactly."""
    rng = np.random.default_rng(0)
    X, X_new = rng.normal(size=(2, 64, 12))
    params = dict(
        hidden_sizes=(4,),
        normalize=None,
        max_epochs=60,
        validation_fraction=0.0,
        lr=0.01,
        random_state=0,
    )
    scores = {}
    for skip in (False, True):
        model = LSTMForecaster(linear_skip=skip, **params).fit(X, X[:, 0])
        scores[skip] = r2_score(X_new[:, 0], model.predict(X_new))
    assert scores[True] > 0.95
    assert scores[False] < 0.5
    assert model.net_.module_.skip.in_features == 12


def test_time_ordered_validation_tail():
    """Check that validation uses the most recent rows, never the earliest."""
    X = np.arange(20.0).reshape(10, 2)
    train, valid = TailSplit(0.2)(Dataset(X, X[:, 0]))
    assert_array_equal(valid.X, X[8:])
    assert_array_equal(train.X, X[:8])
    # at least one validation row and one training row, whatever the fraction
    train, valid = TailSplit(0.01)(Dataset(X, X[:, 0]))
    assert len(valid) == 1
    train, valid = TailSplit(0.99)(Dataset(X, X[:, 0]))
    assert len(train) == 1


def test_early_stopping_stops_and_validation_can_be_switched_off(sine_windows):
    """Check that patience stops training early and 0 disables validation."""
    X, y = sine_windows
    noise = np.random.default_rng(0).normal(size=y.shape)  # nothing to learn
    stopped = tiny(max_epochs=200, patience=2, lr=1e-2).fit(X, noise)
    assert stopped.n_epochs_ < 200
    assert "valid_loss" in stopped.net_.history[-1]
    plain = tiny(validation_fraction=0.0).fit(X, y)
    assert plain.n_epochs_ == 3
    assert "valid_loss" not in plain.net_.history[-1]


def test_fit_starts_fresh_warm_start_and_partial_fit_continue(sine_windows):
    """Check fit restarts, warm_start continues, partial_fit adds one epoch."""
    X, y = sine_windows
    model = tiny(validation_fraction=0.0).fit(X, y)
    first = model.predict(X)
    assert model.fit(X, y).n_epochs_ == 3
    assert_array_equal(model.predict(X), first)

    model.set_params(warm_start=True).fit(X, y)
    assert model.n_epochs_ == 6
    assert not np.array_equal(model.predict(X), first)

    online = tiny(validation_fraction=0.0)
    online.partial_fit(X, y)
    online.partial_fit(X, y)
    assert online.n_epochs_ == 2
    with pytest.raises(ValueError, match="2 output"):
        online.partial_fit(X, y[:, :2])


def test_max_steps_caps_the_batches_of_every_epoch(sine_windows):
    """Check that max_steps trains ceil(max_steps / max_epochs) batches per
    epoch on a fresh sample each time, reproducibly, and that a cap the full
    passes stay under changes nothing."""
    X, y = sine_windows
    full = tiny(validation_fraction=0.0).fit(X, y)
    n_batches = len(full.net_.history[-1]["batches"])
    assert n_batches > 3
    capped = tiny(validation_fraction=0.0, max_steps=5).fit(X, y)
    assert [len(epoch["batches"]) for epoch in capped.net_.history] == [2, 2, 2]
    assert_array_equal(
        capped.predict(X),
        tiny(validation_fraction=0.0, max_steps=5).fit(X, y).predict(X),
    )
    assert not np.array_equal(capped.predict(X), full.predict(X))
    roomy = tiny(validation_fraction=0.0, max_steps=3 * n_batches).fit(X, y)
    assert_array_equal(roomy.predict(X), full.predict(X))


def test_max_steps_samples_other_windows_every_epoch():
    """Check that the capped passes draw different windows, not the same
    first batches again."""
    X = np.arange(100, dtype=np.float32).reshape(100, 1)
    batches = TensorBatches(Dataset(X, X), batch_size=10, shuffle=True, max_batches=2)
    assert len(batches) == 2
    torch.manual_seed(0)
    passes = [torch.cat([xb for xb, _ in batches]).ravel().tolist() for _ in range(2)]
    assert [len(rows) for rows in passes] == [20, 20]
    assert len(set(passes[0])) == 20
    assert passes[0] != passes[1]


@pytest.mark.parametrize(
    ("params", "steps"),
    [({}, 3 * 12), ({"max_steps": 5}, 3 * 2), ({"validation_fraction": 0.25}, 3 * 9)],
)
def test_one_cycle_schedule_spans_the_steps_of_every_fit(params, steps):
    """Check that one_cycle starts at lr / 25, peaks at lr and ends at
    lr / 25e4 on the last step actually trained, with or without max_steps
    and a validation tail, and starts a new cycle on a warm start."""
    X, y = make_windows(np.sin(np.arange(200) / 5), lookback=10, horizon=2)
    assert len(X) == 189  # 12 batches of 16, 9 after the validation tail
    rates = []

    class Record(torch.optim.Adam):
        def step(self, closure=None):
            rates.append(self.param_groups[0]["lr"])
            return super().step(closure)

    params = {"validation_fraction": 0.0, "lr": 0.01, **params}
    model = tiny(lr_schedule="one_cycle", optimizer=Record, **params).fit(X, y)
    assert len(rates) == steps
    assert rates[0] == pytest.approx(0.01 / 25)
    assert max(rates) == pytest.approx(0.01, rel=0.05)
    assert rates[-1] == pytest.approx(0.01 / 25e4)
    rates.clear()
    model.set_params(warm_start=True).fit(X, y)
    assert len(rates) == steps
    assert rates[0] == pytest.approx(0.01 / 25)
    again = tiny(lr_schedule="one_cycle", optimizer=Record, **params).fit(X, y)
    assert_array_equal(
        again.predict(X),
        tiny(lr_schedule="one_cycle", optimizer=Record, **params).fit(X, y).predict(X),
    )


def test_same_seed_same_predictions_and_global_rng_untouched(sine_windows):
    """Check bitwise reproducibility and that fit leaves global RNG state alone."""
    X, y = sine_windows
    torch_state, numpy_state = torch.get_rng_state(), np.random.get_state()
    a = tiny(random_state=7, dropout=0.2).fit(X, y).predict(X)
    b = tiny(random_state=7, dropout=0.2).fit(X, y).predict(X)
    assert_array_equal(a, b)
    skip = tiny(random_state=7, linear_skip=True)
    assert_array_equal(skip.fit(X, y).predict(X), skip.fit(X, y).predict(X))
    c = tiny(random_state=None).fit(X, y).predict(X)
    d = tiny(random_state=None).fit(X, y).predict(X)
    assert not np.array_equal(c, d)
    assert torch.equal(torch.get_rng_state(), torch_state)
    after = np.random.get_state()
    assert_array_equal(after[1], numpy_state[1])
    assert after[2] == numpy_state[2]


@pytest.mark.parametrize("linear_skip", [False, True])
def test_pickle_and_joblib_round_trips(sine_windows, tmp_path, linear_skip):
    """Check that saved and loaded models predict identically."""
    X, y = sine_windows
    model = tiny(linear_skip=linear_skip).fit(X, y)
    expected = model.predict(X)
    assert_array_equal(pickle.loads(pickle.dumps(model)).predict(X), expected)
    joblib.dump(model, tmp_path / "model.joblib")
    assert_array_equal(joblib.load(tmp_path / "model.joblib").predict(X), expected)


@pytest.mark.skipif(torch.cuda.is_available(), reason="tests the CPU-only fallback")
def test_model_saved_for_cuda_loads_on_cpu_only_machine(sine_windows):
    """Check that a model whose net is on CUDA unpickles onto the CPU here.

    The net's state is stored as a GPU-trained one is (device "cuda"); skorch
    maps its tensors to the CPU on load when no CUDA device exists.
    """
    X, y = sine_windows
    model = tiny().fit(X, y)
    expected = model.predict(X)
    model.net_.device = "cuda"
    with pytest.warns(UserWarning, match="no CUDA devices are available"):
        loaded = pickle.loads(pickle.dumps(model))
    assert str(loaded.net_.device) == "cpu"
    assert_array_equal(loaded.predict(X), expected)


def test_verbose_shows_a_progress_bar(sine_windows, capsys):
    """Check that verbose=1 draws a progress bar over epochs."""
    X, y = sine_windows
    tiny(verbose=1).fit(X, y)
    assert "epochs" in capsys.readouterr().err
    tiny().fit(X, y)
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("name", "optimizer"),
    [
        ("adam", torch.optim.Adam),
        ("adamw", torch.optim.AdamW),
        ("rmsprop", torch.optim.RMSprop),
        ("sgd", torch.optim.SGD),
    ],
)
def test_named_optimizers_step_all_tensors_at_once(sine_windows, name, optimizer):
    """Check a named optimizer steps all tensors at once — Adam, AdamW and
    SGD in torch's fused kernel, RMSprop (which has none) in its
    multi-tensor ("foreach") step — and trains the networks its class,
    stepping tensor by tensor, trains: the very same with the multi-tensor
    step, the same up to rounding with the fused one."""
    X, y = sine_windows
    by_name = tiny(optimizer=name).fit(X, y)
    by_class = tiny(optimizer=optimizer).fit(X, y)
    defaults = by_name.nets_[0].optimizer_.defaults
    assert not by_class.nets_[0].optimizer_.defaults.get("fused")
    assert not by_class.nets_[0].optimizer_.defaults["foreach"]
    if name == "rmsprop":
        assert defaults["foreach"] is True
        np.testing.assert_array_equal(by_name.predict(X), by_class.predict(X))
    else:
        assert defaults["fused"] is True
        np.testing.assert_allclose(
            by_name.predict(X), by_class.predict(X), rtol=1e-4, atol=1e-5
        )


def test_weight_decay_reaches_the_optimizer_and_none_keeps_its_own(sine_windows):
    """Check ``weight_decay`` is the optimizer's: ``None`` leaves each
    optimizer's own (AdamW's 0.01, Adam's 0), a number replaces it, and 0 with
    Adam is the very same training as ``None``."""
    X, y = sine_windows
    fitted = {
        (name, decay): tiny(optimizer=name, weight_decay=decay).fit(X, y)
        for name in ("adam", "adamw")
        for decay in (None, 0.0, 0.5)
    }
    for (name, decay), model in fitted.items():
        expected = {"adam": 0.0, "adamw": 0.01}[name] if decay is None else decay
        assert model.nets_[0].optimizer_.defaults["weight_decay"] == expected
    assert_array_equal(fitted["adam", None].predict(X), fitted["adam", 0.0].predict(X))
    assert not np.allclose(
        fitted["adamw", 0.0].predict(X), fitted["adamw", 0.5].predict(X)
    )


def test_weight_decay_pulls_corrections_back_to_the_baseline():
    """Check that with a baseline scaling (a zero-started output layer) a
    strong decay keeps the network near its baseline, the last value, where
    without it the network learns the targets' offset from it."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 6)).cumsum(axis=1)
    y = X[:, -1] + 1.0  # the last value plus 1, for every window
    params = dict(normalize="last", optimizer="adamw", max_epochs=30)
    free = tiny(**params, weight_decay=0.0).fit(X, y)
    decayed = tiny(**params, weight_decay=200.0).fit(X, y)
    free_offset = np.mean(free.predict(X) - X[:, -1])
    decayed_offset = np.mean(decayed.predict(X) - X[:, -1])
    assert free_offset > 0.5
    assert abs(decayed_offset) < 0.1 * free_offset


@pytest.mark.parametrize(
    ("params", "match"),
    [
        ({"optimizer": torch.optim.LBFGS, "weight_decay": 0.1}, "LBFGS takes no"),
        ({"optimizer": "adamw", "lr": 0.01, "weight_decay": 100}, "below 1 / lr"),
        (
            {"optimizer": torch.optim.AdamW, "lr": 0.1, "weight_decay": 20},
            "below 1 / lr",
        ),
    ],
)
def test_weight_decay_the_optimizer_cannot_take_is_a_clear_error(
    sine_windows, params, match
):
    """Check a decay the optimizer lacks, or one AdamW would turn into a
    sign flip of every weight per step, is refused before training."""
    X, y = sine_windows
    model = tiny(**params)
    with pytest.raises(ValueError, match=match) as error:
        model.fit(X, y)
    assert "`weight_decay`" in str(error.value)
    assert not hasattr(model, "nets_")


@pytest.mark.parametrize(
    ("lr", "optimizer"), [(1e6, "adam"), (1e6, "sgd"), (1e3, torch.optim.SGD)]
)
def test_divergence_stops_with_a_clear_error(sine_windows, lr, optimizer):
    """Check that an exploding loss stops training and suggests a lower lr."""
    X, y = sine_windows
    model = tiny(lr=lr, optimizer=optimizer, gradient_clip=None)
    with pytest.raises(DivergenceError, match=r"diverged.*lower `lr`"):
        model.fit(X, y)
    with pytest.raises(NotFittedError):  # no half-trained model looks fitted
        model.predict(X)


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"hidden_sizes": ()}, "hidden_sizes"),
        ({"hidden_sizes": (8, 0)}, "hidden_sizes"),
        ({"hidden_sizes": 8}, "hidden_sizes"),
        ({"head_sizes": (-1,)}, "head_sizes"),
        ({"dropout": 1.0}, "dropout"),
        ({"dropout": -0.1}, "dropout"),
        ({"lr": 0}, "lr"),
        ({"max_epochs": 0}, "max_epochs"),
        ({"max_steps": 0}, "max_steps"),
        ({"lr_schedule": "cosine"}, "lr_schedule"),
        ({"validation_fraction": 1.0}, "validation_fraction"),
        ({"optimizer": "adagrad"}, "optimizer"),
        ({"weight_decay": -0.1}, "weight_decay"),
        ({"weight_decay": True}, "weight_decay"),
        ({"normalize": "global"}, "normalize"),
        ({"loss": "hinge"}, "loss"),
        ({"quantile": 1.0}, "quantile"),
        ({"level_window": 0}, "level_window"),
        ({"sp": 0}, "sp"),
        ({"sp": True}, "sp"),
        ({"ensemble_size": 0}, "ensemble_size"),
        ({"linear_skip": "yes"}, "linear_skip"),
        ({"shrinkage": 1.5}, "shrinkage"),
        ({"shrinkage": "auto"}, "shrinkage"),
        # a bool is not the number 1 where a number is a share or a count
        ({"shrinkage": True, "normalize": "last"}, "shrinkage"),
        ({"ensemble_size": True}, "ensemble_size"),
        ({"max_epochs": True}, "max_epochs"),
        ({"batch_size": True}, "batch_size"),
        ({"n_threads": True}, "n_threads"),
    ],
)
def test_invalid_parameters(sine_windows, params, name):
    """Check that bad parameters raise InvalidParameterError naming them."""
    X, y = sine_windows
    with pytest.raises(InvalidParameterError, match=name):
        tiny(**params).fit(X, y)


def test_unavailable_device_is_a_clear_error(sine_windows):
    """Check that an unknown or missing device names the `device` argument."""
    X, y = sine_windows
    with pytest.raises(ValueError, match="`device`"):
        tiny(device="tpu").fit(X, y)
    if not torch.cuda.is_available():
        with pytest.raises(ValueError, match="no CUDA device"):
            tiny(device="cuda").fit(X, y)


def test_bad_data_errors(sine_windows):
    """Check each bad input of BAD_INPUTS.md that applies to windows."""
    X, y = sine_windows
    model = tiny()
    with pytest.raises(ValueError, match="NaN"):
        model.fit(np.where(X > 55, np.nan, X), y)
    with pytest.raises(ValueError, match="infinity"):
        model.fit(X, np.where(y > 55, np.inf, y))
    frame = pd.DataFrame(X).astype("Float64")
    frame.iloc[0, 0] = pd.NA
    with pytest.raises(ValueError, match="NaN"):
        model.fit(frame, y)
    with pytest.raises(ValueError, match="too large for float32"):
        model.fit(X * 1e37, y)
    with pytest.raises(ValueError, match="0 sample"):
        model.fit(X[:0], y[:0])
    with pytest.raises(ValueError, match="1 sample"):
        model.fit(X[:1], y[:1])
    with pytest.raises(ValueError, match="Expected 2D array"):
        model.fit(X[0], y[0])
    with pytest.raises(ValueError, match=r"2-D .* or 3-D .* got 4-D"):
        model.fit(X.reshape(len(X), 3, 5, 2), y)
    with pytest.raises(ValueError, match="could not convert"):
        model.fit(np.full(X.shape, "a"), y)
    with pytest.raises(ValueError, match=r"numbers of samples: \[206, 205\]"):
        model.fit(X, y[:-1])

    model.fit(X, y)
    with pytest.raises(ValueError, match=r"X has 20 features, but .* expecting 30"):
        model.predict(X[:, -20:])
    with pytest.raises(ValueError, match=r"3 feature.* per time step .* fitted with 1"):
        model.predict(WindowTransformer().fit_transform(X))
    with pytest.raises(ValueError, match="NaN"):
        model.predict(np.full((1, 30), np.nan))


@pytest.mark.parametrize(
    "level", [0.0, 7.0, 1e-12, 1e12, -5.0], ids=["zero", "const", "tiny", "huge", "neg"]
)
def test_extreme_series_give_finite_forecasts(level):
    """Check constant, zero, tiny, huge and negative series: finite, no warnings."""
    t = np.arange(120)
    for series in (np.full(t.size, level), level * (1 + 0.1 * np.sin(t))):
        X, y = make_windows(series, lookback=12, horizon=3)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            pred = tiny().fit(X, y).predict(X[-4:])
        assert np.isfinite(pred).all()
        if level:
            # per-window scaling keeps forecasts at the series' magnitude
            assert np.abs(pred / level - 1).max() < 1.0


def test_read_only_input_works_and_is_not_modified(sine_windows):
    """Check read-only arrays are accepted and no input is changed."""
    X, y = (a.copy() for a in sine_windows)
    X_before, y_before = X.copy(), y.copy()
    X.setflags(write=False)
    y.setflags(write=False)
    tiny().fit(X, y).predict(X)
    assert_array_equal(X, X_before)
    assert_array_equal(y, y_before)


@pytest.mark.parametrize(
    ("params", "target", "error", "match"),
    [
        ({}, "strings", ValueError, "`y` must hold numbers"),
        (
            {},
            "a string among numbers",
            ValueError,
            r"`y` must hold numbers only; .*'a'",
        ),
        ({}, "text windows", ValueError, r"`X` must hold numbers only; .*'a'"),
        ({"device": "mps"}, "numbers", ValueError, r"`device` \('mps'\) is not supp"),
        ({"device": "meta"}, "numbers", ValueError, r"`device` \('meta'\)"),
        ({"optimizer": int}, "numbers", InvalidParameterError, "torch.optim.Optim"),
    ],
)
def test_user_errors_are_named_not_raised_from_inside(
    sine_windows, params, target, error, match
):
    """Check string targets (or windows: numpy's own message named neither),
    unsupported devices and non-optimizers."""
    X, y = sine_windows
    y = y.astype(str) if target == "strings" else y
    if target == "a string among numbers":
        y = y.astype(object)
        y[3] = "a"
    if target == "text windows":
        X = X.astype(object)
        X[3, 0] = "a"
    with pytest.raises(error, match=match):
        tiny(**params).fit(X, y)


@pytest.mark.parametrize("n_jobs", [None, 2])
def test_ctrl_c_stops_fit_and_leaves_the_model_unfitted(
    sine_windows, n_jobs, ctrl_c_raises
):
    """Check SIGINT ends fit (every network of the ensemble, also when they
    train side by side), not one epoch loop."""
    X, y = sine_windows
    model = tiny(max_epochs=2000, validation_fraction=0, ensemble_size=2, n_jobs=n_jobs)
    timer = threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            model.fit(X, y)
    finally:
        timer.cancel()
    with pytest.raises(NotFittedError):
        model.predict(X)


def test_early_stopping_still_ends_training_quietly(sine_windows):
    """Check patience running out is not taken for Ctrl-C."""
    X, y = sine_windows
    noise = np.random.default_rng(0).normal(size=y.shape)
    model = tiny(max_epochs=200, patience=2, lr=1e-2).fit(X, noise)
    assert model.n_epochs_ < 200


@pytest.mark.parametrize(
    "change",
    [
        {"hidden_sizes": (16,)},
        {"ensemble_size": 2},
        {"loss": "huber"},
        {"optimizer": "sgd"},
        {"gradient_clip": None},
        {"validation_fraction": 0.0},
    ],
)
def test_warm_start_refuses_networks_of_other_parameters(sine_windows, change):
    """Check warm_start and partial_fit never continue networks whose
    architecture, objective or optimizer has been changed since they were
    built (it would be ignored)."""
    X, y = sine_windows
    model = tiny(warm_start=True).fit(X, y)
    model.set_params(**change)
    name = next(iter(change))
    with pytest.raises(ValueError, match=f"`{name}` is .* but the fitted networks"):
        model.fit(X, y)
    with pytest.raises(ValueError, match="warm_start=False to train new ones"):
        model.partial_fit(X, y)
    model.set_params(warm_start=False).fit(X, y)  # fresh networks: fine
    assert len(model.nets_) == model.ensemble_size


@pytest.mark.parametrize("max_steps", [None, 4])
def test_warm_start_trains_for_the_budget_set_now(sine_windows, max_steps):
    """Check a continued fit trains for the ``max_epochs`` (``max_steps``),
    ``batch_size`` and ``lr`` set before it, not those of the first fit
    (a continued fit once ran the first fit's epochs at its rate)."""
    X, y = sine_windows
    model = tiny(
        warm_start=True, max_epochs=5, max_steps=max_steps, validation_fraction=0.0
    ).fit(X, y)
    assert model.n_epochs_ == 5
    model.set_params(max_epochs=2, lr=0.05, batch_size=8).fit(X, y)
    assert model.n_epochs_ == 7
    net = model.net_
    assert net.optimizer_.param_groups[0]["lr"] == 0.05
    batches = [len(epoch["batches"]) for epoch in net.history]
    if max_steps is None:  # every window, in batches of 16, then of 8
        assert batches == [-(-len(X) // 16)] * 5 + [-(-len(X) // 8)] * 2
    else:  # 4 steps over 5 epochs (1 batch each), then over 2 (2 each)
        assert batches == [1] * 5 + [2] * 2


def test_warm_start_shows_progress_as_verbose_says_now(sine_windows, capsys):
    """Check a continued fit draws the progress bar when ``verbose`` was
    switched on since the first fit, and none once it is off again (the
    networks kept the first fit's setting)."""
    X, y = sine_windows
    model = tiny(warm_start=True, max_epochs=2).fit(X, y)
    assert capsys.readouterr().err == ""
    model.set_params(verbose=1).fit(X, y)
    assert "epochs" in capsys.readouterr().err
    model.set_params(verbose=0).partial_fit(X, y)
    assert capsys.readouterr().err == ""
    assert model.n_epochs_ == 5


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
def test_warm_start_refuses_another_device(sine_windows):
    """Check a continued fit does not silently train on the first fit's
    device when ``device`` has been changed since."""
    X, y = sine_windows
    model = tiny(warm_start=True).fit(X, y)
    model.set_params(device="cuda")
    with pytest.raises(ValueError, match="`device` is 'cuda' but the fitted"):
        model.fit(X, y)
    model.set_params(device="cpu").fit(X, y)


def test_weights_file_round_trips_and_carries_no_code(sine_windows, tmp_path):
    """Check save_weights/load_weights give the same predictions, and that a
    file holding code is refused without running it."""
    from lstmreg import load_weights, save_weights

    X, y = sine_windows
    X3 = WindowTransformer(window_size=10).fit_transform(X)
    for model, data in (
        (tiny(ensemble_size=2, normalize="log", loss="relative_error"), (X, y + 1)),
        (tiny(), (X3, y[:, 0])),
        (tiny(normalize="auto", sp=5), (X, y)),
    ):
        model.fit(*data)
        save_weights(model, tmp_path / "model.pt")
        loaded = load_weights(tmp_path / "model.pt")
        assert_array_equal(loaded.predict(data[0]), model.predict(data[0]))
        assert loaded.get_params() == model.get_params()
        assert loaded.normalize_ == model.normalize_

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {tmp_path / 'ran'}",))

    (tmp_path / "evil.pt").write_bytes(pickle.dumps({"format": Payload()}))
    with pytest.raises(ValueError, match="may hold code, which is not loaded"):
        load_weights(tmp_path / "evil.pt")
    assert not (tmp_path / "ran").exists()
    with pytest.raises(ValueError, match="`random_state` is RandomState"):
        save_weights(
            tiny(random_state=np.random.RandomState(0)).fit(X, y), tmp_path / "x"
        )
    assert not (tmp_path / "x").exists()


def test_n_threads_fixes_the_result_whatever_torchs_setting(sine_windows):
    """Check n_threads=1 gives the same predictions whatever torch's global
    thread count, and leaves that count as it found it."""
    X, y = sine_windows
    before = torch.get_num_threads()
    predictions = []
    try:
        for threads in (2, 1):
            torch.set_num_threads(threads)
            model = tiny(hidden_sizes=(32, 32), n_threads=1).fit(X, y)
            predictions.append(model.predict(X))
            assert torch.get_num_threads() == threads
    finally:
        torch.set_num_threads(before)
    assert_array_equal(predictions[0], predictions[1])
    with pytest.raises(InvalidParameterError, match="n_threads"):
        tiny(n_threads=0).fit(X, y)


def test_lbfgs_gets_the_closure_it_needs(sine_windows):
    """Check optimizer=torch.optim.LBFGS trains: skorch's train step passes the
    closure LBFGS calls, so it is a working choice, not a parameter to refuse."""
    X, y = sine_windows
    model = tiny(optimizer=torch.optim.LBFGS, max_epochs=3).fit(X, y)
    losses = model.net_.history[:, "train_loss"]
    assert np.isfinite(model.predict(X)).all()
    assert losses[-1] < losses[0]


def test_dropout_masks_the_last_layer_only_where_the_head_reads():
    """Check that training drops the first layer's every step and the last
    layer's last step, drawing masks in that order, and nothing in eval."""
    from torch import nn

    from lstmreg.nn._torch_module import StackedLSTM

    torch.manual_seed(0)
    net = StackedLSTM(n_features=2, hidden_sizes=(5, 4), n_outputs=3, dropout=0.5)
    X = torch.randn(6, 7, 2)
    torch.manual_seed(1)
    got = net(X)
    torch.manual_seed(1)
    first, _ = net.lstms[0](X)
    second, _ = net.lstms[1](nn.functional.dropout(first, 0.5))
    expected = net.head(nn.functional.dropout(second[:, -1, :], 0.5))
    torch.testing.assert_close(got, expected, rtol=0, atol=0)
    net.eval()
    torch.testing.assert_close(net(X), net.head(net.lstms[1](first)[0][:, -1, :]))
