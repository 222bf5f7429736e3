"""Tests of training an ensemble's networks side by side in threads (n_jobs)."""

import threading
import time

import numpy as np
import pytest
import torch
from joblib import cpu_count
from numpy.testing import assert_array_equal

from lstmreg import DivergenceError, LSTMForecaster, make_windows
from lstmreg.exceptions import InputError
from lstmreg.nn._side_by_side import (
    Dropout,
    Stopped,
    check_stop,
    drawing_from,
    generator_after_seeding,
    run_side_by_side,
)

TINY = dict(hidden_sizes=(8, 8), max_epochs=3, batch_size=16, random_state=0)


def series_windows():
    """Windows, targets and series of 6 positive random walks."""
    rng = np.random.default_rng(0)
    series = np.abs(np.cumsum(rng.normal(size=(6, 90)), axis=1)) + 5
    X, y = make_windows(list(series), lookback=14, horizon=3)
    groups = np.repeat(np.arange(6), len(X) // 6)
    return X, y, groups


@pytest.mark.parametrize(
    "params",
    [
        {"dropout": 0.3, "ensemble_size": 3},
        {"dropout": 0.2, "head_sizes": (4,), "validation_fraction": 0.2},
        # an ensemble of one: two extra networks make the held-out forecasts
        {"dropout": 0.2, "normalize": "log", "shrinkage": "cross_fit"},
        # members as folds, on a one-cycle schedule and a cap on the steps
        {
            "dropout": 0.2,
            "normalize": "log",
            "shrinkage": "cross_fit",
            "ensemble_size": 3,
            "lr_schedule": "one_cycle",
            "max_steps": 12,
        },
        # more members than the 6 series: the last two folds are empty
        {"normalize": "log", "shrinkage": "cross_fit", "ensemble_size": 8},
    ],
)
def test_side_by_side_trains_the_networks_one_after_another_trains(params):
    """Check n_jobs=2 gives bit for bit the forecasts (and shrinkage) of
    n_jobs=1 with the same n_threads, and leaves torch's thread count and
    global random state as it found them."""
    X, y, groups = series_windows()
    before_threads, before_state = torch.get_num_threads(), torch.get_rng_state()
    fitted = [
        LSTMForecaster(**TINY, **params, n_jobs=n_jobs, n_threads=1).fit(
            X, y, groups=groups
        )
        for n_jobs in (1, 2)
    ]
    assert torch.get_num_threads() == before_threads
    assert torch.equal(torch.get_rng_state(), before_state)
    one, two = fitted
    assert_array_equal(one.predict(X), two.predict(X))
    assert one.shrinkage_ == two.shrinkage_
    for a, b in zip(one.nets_, two.nets_, strict=True):
        assert a.history[:, "train_loss"] == b.history[:, "train_loss"]


def test_n_jobs_none_and_minus_one_are_joblibs():
    """Check None means one thread and -1 every core, at most one a network."""
    model = LSTMForecaster(**TINY, ensemble_size=3)
    assert model._threads_side_by_side(3) == 1
    model.set_params(n_jobs=-1)
    assert model._threads_side_by_side(3) == min(3, cpu_count())
    assert model._threads_side_by_side(1) == 1
    model.set_params(n_jobs=8)
    assert model._threads_side_by_side(3) == 3


@pytest.mark.parametrize(("n_jobs", "error"), [(0, InputError), (True, ValueError)])
def test_n_jobs_zero_or_a_bool_is_refused(n_jobs, error):
    X, y, _ = series_windows()
    with pytest.raises(error, match="n_jobs"):
        LSTMForecaster(**TINY, n_jobs=n_jobs).fit(X, y)


def test_a_diverging_network_side_by_side_raises_its_own_error():
    """Check the networks beside a diverging one stop, and the user gets
    the DivergenceError, not the signal that stopped the others."""
    X, y, _ = series_windows()
    model = LSTMForecaster(
        **{**TINY, "max_epochs": 50},
        lr=1e6,
        gradient_clip=None,
        ensemble_size=2,
        n_jobs=2,
    )
    with pytest.raises(DivergenceError, match="lower `lr`"):
        model.fit(X, y)
    assert not hasattr(model, "nets_")


def test_the_first_failure_is_raised_after_the_others_stop():
    """Check run_side_by_side asks the running tasks to stop when one fails,
    waits for them, and raises the failure (not their Stopped)."""
    running = threading.Event()
    ended = []

    def waits_for_the_stop():
        running.set()
        while True:
            try:
                check_stop()
            except Stopped:
                ended.append("stopped")
                raise

    def fails():
        running.wait()
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        run_side_by_side([waits_for_the_stop, fails], n_jobs=2, threads_each=1)
    assert ended == ["stopped"]
    assert run_side_by_side([lambda: 1, lambda: 2], n_jobs=2, threads_each=1) == [1, 2]


def test_ctrl_c_between_two_submissions_stops_the_tasks_already_running(
    monkeypatch,
):
    """Check that an interrupt while the tasks are being handed to the
    threads stops the ones already running (else the pool's exit would wait
    for them to finish on their own) and reaches the caller."""
    from concurrent.futures import ThreadPoolExecutor

    running = threading.Event()
    ended, calls = [], []
    submit = ThreadPoolExecutor.submit

    def interrupted_second_time(pool, *args):
        calls.append(1)
        if len(calls) == 2:  # Ctrl-C once the first task is running
            running.wait()
            raise KeyboardInterrupt
        return submit(pool, *args)

    def waits_for_the_stop():
        running.set()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                check_stop()
            except Stopped:
                ended.append("stopped")
                raise
        ended.append("ran on")  # never told to stop

    monkeypatch.setattr(ThreadPoolExecutor, "submit", interrupted_second_time)
    with pytest.raises(KeyboardInterrupt):
        run_side_by_side([waits_for_the_stop, lambda: 1], n_jobs=2, threads_each=1)
    assert ended == ["stopped"]


def test_dropout_draws_torchs_masks_from_the_threads_generator():
    """Check Dropout with a generator in torch's global state gives the
    values and gradients of torch's own dropout, and is torch's without."""
    X = torch.randn(5, 7, 3, requires_grad=True)
    layer = Dropout(0.4)
    torch.manual_seed(3)
    expected = torch.nn.functional.dropout(X, 0.4)
    (expected_grad,) = torch.autograd.grad(expected.square().sum(), X)
    torch.manual_seed(3)
    with drawing_from(generator_after_seeding()):
        torch.manual_seed(99)  # the global generator is not what it draws from
        got = layer(X[:, :, :])
    (got_grad,) = torch.autograd.grad(got.square().sum(), X)
    assert torch.equal(got, expected)
    assert torch.equal(got_grad, expected_grad)
    torch.manual_seed(3)
    assert torch.equal(layer(X), expected)
    assert torch.equal(layer.eval()(X), X)
