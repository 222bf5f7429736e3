"""The PyTorch network: stacked LSTM layers of individual sizes and a dense head."""

from collections.abc import Sequence
from itertools import pairwise

import torch
from torch import nn

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
        Dropout applied to the output of every LSTM layer and dense layer.
    head_sizes : sequence of int, default=()
        Widths of ReLU layers between the last LSTM state and the output layer.
    zero_output : bool, default=False
        Start the output layer at zero weights and bias, so the untrained
        network outputs 0 everywhere: on a scale where 0 means a baseline
        forecast (the recent level of ``normalize="log"``, the last value of
        ``normalize="last"``), training starts from that forecast and learns
        corrections to it.

    Examples
    --------
    >>> import torch
    >>> net = StackedLSTM(n_features=3, hidden_sizes=(35, 10), n_outputs=61)
    >>> net(torch.zeros(4, 30, 3)).shape
    torch.Size([4, 61])
    """

    def __init__(
        self,
        n_features: int,
        hidden_sizes: Sequence[int],
        n_outputs: int,
        dropout: float = 0.0,
        head_sizes: Sequence[int] = (),
        zero_output: bool = False,
    ):
        super().__init__()
        widths = [n_features, *hidden_sizes]
        self.lstms = nn.ModuleList(
            nn.LSTM(w_in, w_out, batch_first=True) for w_in, w_out in pairwise(widths)
        )
        self.dropout = nn.Dropout(dropout)
        head: list[nn.Module] = []
        width = widths[-1]
        for size in head_sizes:
            head += [nn.Linear(width, size), nn.ReLU(), nn.Dropout(dropout)]
            width = size
        head.append(nn.Linear(width, n_outputs))
        if zero_output:
            nn.init.zeros_(head[-1].weight)
            nn.init.zeros_(head[-1].bias)
        self.head = nn.Sequential(*head)

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        """Map ``(batch, steps, n_features)`` to ``(batch, n_outputs)``."""
        for lstm in self.lstms:
            X, _ = lstm(X)
            X = self.dropout(X)
        return self.head(X[:, -1, :])
