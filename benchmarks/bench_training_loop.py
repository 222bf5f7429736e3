"""Training-loop overhead: LSTMForecaster vs a hand-written PyTorch loop.

All contenders train the same ``StackedLSTM`` on the same float32 windows with
the same batch size, epochs, optimizer (Adam) and loss; no validation, no early
stopping, no clipping. The runs are interleaved, round after round, so that
machine noise hits all of them alike, and the script prints the median over
rounds of each one's wall time divided by the hand loop's in the same round.

    python benchmarks/bench_training_loop.py            # about a minute on 2 CPUs
    python benchmarks/bench_training_loop.py --rounds 7 --epochs 10

Contenders:

* ``hand loop``: shuffled index slices of two tensors, the fastest plain loop,
  with Adam's fused step (``fused=True``) as lstmreg's;
* ``LSTMForecaster``: lstmreg's estimator (skorch training loop, batched
  iterator, divergence check, Adam's fused step);
* ``multi-tensor step``: the same with Adam's multi-tensor step
  (``foreach=True``, lstmreg's before the fused one);
* ``per-tensor step``: the same with Adam stepping one tensor at a time, as
  torch does on the CPU by default (the same networks as the multi-tensor
  step to the last bit; the fused step rounds differently);
* ``skorch default``: a plain ``skorch.NeuralNetRegressor`` with torch's
  ``DataLoader``, which indexes the dataset one item at a time, and torch's
  default (per-tensor) step.
"""

import argparse
import statistics
import time

import numpy as np
import torch
from skorch import NeuralNetRegressor

from lstmreg import LSTMForecaster, StackedLSTM, WindowTransformer, make_windows


def make_data(n_points, lookback, horizon):
    rng = np.random.default_rng(0)
    t = np.arange(n_points)
    series = 100 + 20 * np.sin(2 * np.pi * t / 7) + rng.normal(0, 5, n_points)
    X, y = make_windows(series, lookback=lookback, horizon=horizon)
    X3 = WindowTransformer().fit_transform(X)
    # standardise once so that every contender sees the same well-scaled data
    X3 = (X3 - X3.mean(axis=(0, 1))) / X3.std(axis=(0, 1))
    y = (y - series.mean()) / series.std()
    return X3.astype(np.float32), y.astype(np.float32)


def hand_loop(X, y, hidden_sizes, epochs, batch_size, lr, seed):
    torch.manual_seed(seed)
    module = StackedLSTM(X.shape[2], hidden_sizes, y.shape[1])
    optimizer = torch.optim.Adam(module.parameters(), lr=lr, fused=True)
    criterion = torch.nn.MSELoss()
    X_t, y_t = torch.from_numpy(X), torch.from_numpy(y)
    module.train()
    for _ in range(epochs):
        order = torch.randperm(len(X_t))
        for start in range(0, len(X_t), batch_size):
            rows = order[start : start + batch_size]
            optimizer.zero_grad()
            loss = criterion(module(X_t[rows]), y_t[rows])
            loss.backward()
            optimizer.step()
    return module


def lstmreg_fit(X, y, hidden_sizes, epochs, batch_size, lr, seed, optimizer="adam"):
    return LSTMForecaster(
        hidden_sizes=hidden_sizes,
        optimizer=optimizer,
        max_epochs=epochs,
        batch_size=batch_size,
        lr=lr,
        normalize=None,
        validation_fraction=0.0,
        gradient_clip=None,
        random_state=seed,
    ).fit(X, y)


def skorch_default(X, y, hidden_sizes, epochs, batch_size, lr, seed):
    torch.manual_seed(seed)
    return NeuralNetRegressor(
        StackedLSTM,
        module__n_features=X.shape[2],
        module__hidden_sizes=hidden_sizes,
        module__n_outputs=y.shape[1],
        optimizer=torch.optim.Adam,
        lr=lr,
        max_epochs=epochs,
        batch_size=batch_size,
        train_split=None,
        iterator_train__shuffle=True,
        verbose=0,
    ).fit(X, y)


class MultiTensorAdam(torch.optim.Adam):
    """Adam with its multi-tensor step (an optimizer class is built with its
    own defaults; the name "adam" takes the fused step)."""

    def __init__(self, params, **kwargs):
        super().__init__(params, foreach=True, **kwargs)


def lstmreg_multi_tensor(X, y, hidden_sizes, epochs, batch_size, lr, seed):
    return lstmreg_fit(
        X, y, hidden_sizes, epochs, batch_size, lr, seed, optimizer=MultiTensorAdam
    )


def lstmreg_per_tensor(X, y, hidden_sizes, epochs, batch_size, lr, seed):
    # Adam's class instead of its name: torch's default step on the CPU, one
    # tensor at a time
    return lstmreg_fit(
        X, y, hidden_sizes, epochs, batch_size, lr, seed, optimizer=torch.optim.Adam
    )


CONTENDERS = {
    "hand loop": hand_loop,
    "LSTMForecaster": lstmreg_fit,
    "multi-tensor step": lstmreg_multi_tensor,
    "per-tensor step": lstmreg_per_tensor,
    "skorch default": skorch_default,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--points", type=int, default=2000, help="series length")
    parser.add_argument("--lookback", type=int, default=30)
    parser.add_argument("--horizon", type=int, default=7)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    X, y = make_data(args.points, args.lookback, args.horizon)
    settings = dict(
        hidden_sizes=(35, 10),
        epochs=args.epochs,
        batch_size=args.batch_size,
        lr=1e-3,
        seed=0,
    )
    print(
        f"{len(X)} windows of {X.shape[1]} steps x {X.shape[2]} features -> "
        f"{y.shape[1]} outputs; LSTM (35, 10); batch {args.batch_size}; "
        f"{args.epochs} epochs; torch {torch.__version__} on "
        f"{torch.get_num_threads()} threads; {args.rounds} rounds"
    )
    for fit in CONTENDERS.values():  # warm-up: allocator, thread pools, imports
        fit(X[:256], y[:256], **{**settings, "epochs": 1})

    times = {name: [] for name in CONTENDERS}
    for _ in range(args.rounds):
        for name, fit in CONTENDERS.items():
            start = time.perf_counter()
            fit(X, y, **settings)
            times[name].append(time.perf_counter() - start)

    print(f"\n{'contender':<18} {'median s':>9} {'ratio to hand loop':>19}")
    for name, values in times.items():
        ratios = [t / h for t, h in zip(values, times["hand loop"], strict=True)]
        print(
            f"{name:<18} {statistics.median(values):9.2f} "
            f"{statistics.median(ratios):19.3f}"
        )


if __name__ == "__main__":
    main()
