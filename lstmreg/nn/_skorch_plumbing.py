"""skorch plumbing for LSTMForecaster: batching, validation split, callbacks.

Each piece replaces one skorch default that is wrong or slow for windowed
time series; the training loop itself stays skorch's.
"""

import math

import numpy as np
import torch
from skorch import NeuralNetRegressor
from skorch.callbacks import Callback, EarlyStopping
from skorch.dataset import Dataset
from tqdm.auto import tqdm

from ..exceptions import DivergenceError
from ._distributed import process_group, shard
from ._side_by_side import check_stop, current_generator

__all__ = [
    "DivergenceError",
    "EpochProgressBar",
    "InterruptibleNet",
    "OneCycle",
    "PatienceStopping",
    "StopOnDivergence",
    "TailSplit",
    "TensorBatches",
]


class _Interrupted(Exception):
    """Ctrl-C inside skorch's epoch loop, carried past skorch's handler."""


class _PatienceRanOut(Exception):
    """Early stopping's end of training (skorch signals it as Ctrl-C)."""


class PatienceStopping(EarlyStopping):
    """skorch's ``EarlyStopping``, ending training with its own exception.

    skorch's raises ``KeyboardInterrupt``, which cannot be told from the
    user's Ctrl-C; :class:`InterruptibleNet` ends training quietly on this
    one and stops the caller on a real interrupt.
    """

    def on_epoch_end(self, net, **kwargs):
        try:
            super().on_epoch_end(net, **kwargs)
        except KeyboardInterrupt:
            if self.misses_ == self.patience:
                raise _PatienceRanOut from None
            raise


class InterruptibleNet(NeuralNetRegressor):
    """skorch's regressor, except that Ctrl-C stops the caller too.

    skorch's ``partial_fit`` catches ``KeyboardInterrupt`` and returns as if
    training had finished, so a script (or the next network of an ensemble)
    goes on with a half-trained network. Here the interrupt leaves
    ``fit``/``partial_fit`` as ``KeyboardInterrupt``; early stopping
    (:class:`PatienceStopping`) ends training as in skorch.
    """

    def partial_fit(self, X, y=None, classes=None, **fit_params):
        try:
            return super().partial_fit(X, y, classes, **fit_params)
        except _Interrupted:
            raise KeyboardInterrupt from None

    def fit_loop(self, X, y=None, epochs=None, **fit_params):
        try:
            return super().fit_loop(X, y, epochs=epochs, **fit_params)
        except _PatienceRanOut:
            return self
        except KeyboardInterrupt:
            raise _Interrupted from None


class TensorBatches:
    """Iterate over a skorch ``Dataset`` of arrays in whole-tensor batches.

    torch's ``DataLoader`` indexes the dataset one item at a time and collates
    the items into a batch; for windows already held in one array, slicing the
    tensor does the same work without the per-item Python overhead.

    Parameters
    ----------
    dataset : skorch.dataset.Dataset
        Holds ``X`` and ``y`` (or ``y=None``) as NumPy arrays or tensors.
    batch_size : int
    shuffle : bool, default=False
        Draw a new permutation of the rows at every pass, from the thread's
        generator (:func:`~lstmreg.nn._side_by_side.current_generator`;
        torch's global one, which :class:`~lstmreg.LSTMForecaster` seeds in a
        fork, when none is set): the training iterator. In a
        ``torch.distributed`` process group of several processes it yields
        this process's share of every batch
        (:func:`~lstmreg.nn._distributed.shard`).
    max_batches : int or None, default=None
        Yield at most this many batches per pass: the first of that pass's
        permutation, so every pass trains on a fresh random sample of the
        rows. ``None`` (or a cap above the number of batches): every row.
    **kwargs
        Other ``DataLoader`` arguments are accepted and ignored.
    """

    def __init__(self, dataset, batch_size, shuffle=False, max_batches=None, **kwargs):
        self.X = torch.as_tensor(dataset.X)
        self.y = None if dataset.y is None else torch.as_tensor(dataset.y)
        self.batch_size = batch_size
        self.shuffle = shuffle
        self.max_batches = max_batches

    def __len__(self):
        return n_batches(len(self.X), self.batch_size, self.max_batches)

    def __iter__(self):
        n = len(self.X)
        order = None
        if self.shuffle:
            order = torch.randperm(n, generator=current_generator())
        # training in a process group: this process's share of each batch
        sharded = self.shuffle and process_group() is not None
        end = min(n, len(self) * self.batch_size)
        for start in range(0, end, self.batch_size):
            check_stop()  # a network trained beside this one failed
            rows = slice(start, min(start + self.batch_size, end))
            if order is not None:
                rows = order[rows]
            if sharded:
                rows = shard(rows)
                if rows is None:
                    continue
            if self.y is not None:
                yield self.X[rows], self.y[rows]
            else:
                yield self._pad(self.X[rows]), None

    def _pad(self, X):
        """Pad a prediction batch with zero rows to ``batch_size``.

        float32 kernels may round differently for different batch shapes; with
        every batch the same shape, a window's prediction does not depend on
        which other windows are predicted with it. The caller drops the
        padding rows (they come last).
        """
        missing = self.batch_size - len(X)
        return X if missing == 0 else torch.cat([X, X.new_zeros(missing, *X.shape[1:])])


def n_batches(n_rows, batch_size, max_batches=None):
    """The batches of one pass of :class:`TensorBatches` over ``n_rows``."""
    n = math.ceil(n_rows / batch_size)
    return n if max_batches is None else min(n, max_batches)


class TailSplit:
    """Validate on the most recent rows, never on the earliest.

    skorch's default ``ValidSplit`` validates on a stratified or random 20 %,
    which for windows in time order is the past. Rows are assumed to be in
    time order, as :func:`~lstmreg.make_windows` returns them.

    Parameters
    ----------
    fraction : float
        Share of the rows, taken from the end, used for validation; at least
        one row and at most ``n - 1``.
    """

    def __init__(self, fraction):
        self.fraction = fraction

    def n_train(self, n):
        """The rows of ``n`` left for training."""
        return n - min(max(1, round(self.fraction * n)), n - 1)

    def __call__(self, dataset, y=None, **fit_params):
        cut = self.n_train(len(dataset))
        X, y = dataset.X, dataset.y
        return Dataset(X[:cut], y[:cut]), Dataset(X[cut:], y[cut:])


class OneCycle(Callback):
    """The one-cycle learning-rate policy over every call to ``fit``.

    torch's :class:`~torch.optim.lr_scheduler.OneCycleLR` with its defaults
    and the net's ``lr`` as the peak: the rate rises from ``lr / 25`` over
    the first 30 % of the ``total_steps`` batches and anneals to ``lr / 25e4``
    by the last (with Adam, its first momentum cycles the other way). A
    fresh cycle starts with every call to ``fit``/``partial_fit``, so
    ``total_steps`` must be the batches of that call.

    Parameters
    ----------
    total_steps : int, default=1
    """

    def __init__(self, total_steps=1):
        self.total_steps = total_steps

    def on_train_begin(self, net, **kwargs):
        self.schedule_ = torch.optim.lr_scheduler.OneCycleLR(
            net.optimizer_, max_lr=net.lr, total_steps=self.total_steps
        )
        self.steps_ = 1

    def on_batch_end(self, net, training=None, **kwargs):
        if training and self.steps_ < self.total_steps:
            self.schedule_.step()
            self.steps_ += 1


class StopOnDivergence(Callback):
    """Stop training with a clear error as soon as the loss diverges.

    A batch loss diverges when it is not finite, or when it exceeds
    ``factor`` times the loss of always predicting zero (the mean squared
    known target, at least 1). Adaptive optimizers with a huge learning rate blow
    the loss up by many orders of magnitude while it stays finite.

    Parameters
    ----------
    factor : float, default=1e6
    """

    def __init__(self, factor=1e6):
        self.factor = factor

    def on_train_begin(self, net, X=None, y=None, **kwargs):
        # the mean square without a float64 copy of y (a fit has 5 networks
        # and up to millions of windows)
        flat = np.asarray(y).ravel()
        if np.isnan(flat).any():  # unknown targets (missing_targets="mask")
            flat = flat[~np.isnan(flat)]
        zero_loss = float(np.einsum("i,i->", flat, flat, dtype=np.float64)) / flat.size
        self.bound_ = self.factor * max(zero_loss, 1.0)

    def on_batch_end(self, net, batch=None, training=None, loss=None, **kwargs):
        value = loss.item()
        if training and not (value <= self.bound_):  # also catches NaN
            raise DivergenceError(
                f"Training diverged: the loss became {value:.3g} in epoch "
                f"{len(net.history)} (always predicting zero scores "
                f"{self.bound_ / self.factor:.3g}). Pass a lower `lr` "
                f"(now {net.lr:g}), keep `gradient_clip` on, or scale the data."
            )


class EpochProgressBar(Callback):
    """A tqdm bar over epochs showing the latest train and validation loss."""

    def on_train_begin(self, net, **kwargs):
        self.bar_ = tqdm(total=net.max_epochs, desc="epochs", unit="epoch")

    def on_epoch_end(self, net, **kwargs):
        last = net.history[-1]
        self.bar_.set_postfix(
            {k: f"{last[k]:.4g}" for k in ("train_loss", "valid_loss") if k in last},
            refresh=False,
        )
        self.bar_.update()

    def on_train_end(self, net, **kwargs):
        self.bar_.close()

    def __getstate__(self):
        # An open terminal bar is not picklable, nor worth keeping.
        return {k: v for k, v in self.__dict__.items() if k != "bar_"}
