import signal

import numpy as np
import pytest
import torch


@pytest.fixture(autouse=True)
def _seed():
    """Seed the global RNGs so every test starts from the same state."""
    np.random.seed(0)
    torch.manual_seed(0)


@pytest.fixture
def sine_windows():
    """Windows of a noisy sine with a level: 30 steps of history, 5 targets."""
    from lstmreg import make_windows

    rng = np.random.default_rng(0)
    t = np.arange(240)
    series = 50 + 10 * np.sin(2 * np.pi * t / 24) + rng.normal(0, 0.5, t.size)
    return make_windows(series, lookback=30, horizon=5)


@pytest.fixture
def ctrl_c_raises():
    """Ctrl-C raises KeyboardInterrupt here and in the processes started
    meanwhile, as in a terminal, also where the test runner was started
    with SIGINT ignored (``nohup ... &`` from a script): Python keeps an
    inherited "ignore" and then never raises it."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)
