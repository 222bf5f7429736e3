"""The PyTorch network: stacked LSTM layers of individual sizes, a dense head
and, optionally, a linear map from the window straight to the outputs."""

from collections.abc import Sequence
from itertools import pairwise

import torch
from torch import nn

from ._side_by_side import Dropout

__all__ = ["StackedLSTM"]


class StackedLSTM(nn.Module):
    """LSTM layers of individual widths followed by a dense head.

    ``torch.nn.LSTM(num_layers=k)`` gives every layer the same width; the
    classic music-trend model narrows from 35 to 10 units, so each layer here
    is its own single-layer :class:`torch.nn.LSTM`.

    Parameters
    ----------
    n_features : int
        Inputs per time step.
    hidden_sizes : sequence of int
        Width of each LSTM layer, first to last.
    n_outputs : int
        Outputs of the final linear layer (the forecast horizon).
    dropout : float, default=0.0
        Dropout applied to the output of every LSTM layer and dense layer;
        of the last LSTM layer, only the step the head reads is dropped (the
        same masks on what is used, without drawing them for the rest).
    head_sizes : sequence of int, default=()
        Widths of ReLU layers between the last LSTM state and the output layer.
    zero_output : bool, default=False
        Start the output layer at zero weights and bias, so the untrained
        network outputs 0 everywhere: on a scale where 0 means a baseline
        forecast (the recent level of ``normalize="log"``, the last value of
        ``normalize="last"``, the seasonal naive forecast of
        ``normalize="seasonal"``), training starts from that forecast and learns
        corrections to it.
    skip_inputs : int, default=0
        If positive, the window's ``steps * n_features`` values (its length
        times ``n_features``) also pass through one linear layer, started at
        zero, whose output is added to the head's: a linear autoregression
        beside the LSTM (LSTNet's "highway"). 0: no such layer.

    Examples
    --------
    >>> import torch
    >>> net = StackedLSTM(n_features=3, hidden_sizes=(35, 10), n_outputs=61)
    >>> net(torch.zeros(4, 30, 3)).shape
    torch.Size([4, 61])
    >>> net = StackedLSTM(n_features=1, hidden_sizes=(8,), n_outputs=2,
    ...                   skip_inputs=30)
    >>> net(torch.zeros(4, 30, 1)).shape
    torch.Size([4, 2])
    """

    def __init__(
        self,
        n_features: int,
        hidden_sizes: Sequence[int],
        n_outputs: int,
        dropout: float = 0.0,
        head_sizes: Sequence[int] = (),
        zero_output: bool = False,
        skip_inputs: int = 0,
    ):
        super().__init__()
        widths = [n_features, *hidden_sizes]
        self.lstms = nn.ModuleList(
            nn.LSTM(w_in, w_out, batch_first=True) for w_in, w_out in pairwise(widths)
        )
        self.dropout = Dropout(dropout)
        head: list[nn.Module] = []
        width = widths[-1]
        for size in head_sizes:
            head += [nn.Linear(width, size), nn.ReLU(), Dropout(dropout)]
            width = size
        head.append(nn.Linear(width, n_outputs))
        if zero_output:
            nn.init.zeros_(head[-1].weight)
            nn.init.zeros_(head[-1].bias)
        self.head = nn.Sequential(*head)
        self.skip = None
        if skip_inputs:  # made empty, not drawn: the random state stays as is
            self.skip = nn.Linear(skip_inputs, n_outputs, device="meta")
            self.skip.to_empty(device="cpu")
            nn.init.zeros_(self.skip.weight)
            nn.init.zeros_(self.skip.bias)

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        """Map ``(batch, steps, n_features)`` to ``(batch, n_outputs)``."""
        window = X
        for lstm in self.lstms[:-1]:
            X, _ = lstm(X)
            X = self.dropout(X)
        X, _ = self.lstms[-1](X)
        out = self.head(self.dropout(X[:, -1, :]))
        return out if self.skip is None else out + self.skip(window.flatten(1))
