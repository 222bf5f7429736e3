"""Training objectives of LSTMForecaster, as torch loss modules.

All of them compare predictions and targets on the network's scale (after the
normalisation of :mod:`lstmreg.windows._scaling`). ``RelativeError`` assumes that scale
is logarithmic, as with ``normalize="log"``.
"""

import torch
from torch import nn

__all__ = ["LOSSES", "PinballLoss", "RelativeError", "normalize_needed"]

# A log-ratio beyond this is clipped inside RelativeError, so one wild early
# prediction cannot overflow exp() and poison the gradients.
_MAX_LOG_RATIO = 10.0


class PinballLoss(nn.Module):
    """The quantile (pinball) loss of the ``quantile``-th quantile.

    Its minimiser is that quantile of the target's distribution: 0.5 gives the
    median (half the absolute error), lower values forecast low.

    Parameters
    ----------
    quantile : float
        In ``(0, 1)``.
    """

    def __init__(self, quantile: float = 0.5):
        super().__init__()
        self.quantile = quantile

    def forward(self, y_pred: torch.Tensor, y_true: torch.Tensor) -> torch.Tensor:
        diff = y_true - y_pred
        return torch.mean(
            torch.maximum(self.quantile * diff, (self.quantile - 1) * diff)
        )


class RelativeError(nn.Module):
    """Squared relative error ``((S - T) / T) ** 2`` on log-scale outputs.

    With predictions ``p = log S`` and targets ``t = log T`` (up to a shared
    shift), ``(S - T) / T = exp(p - t) - 1``. This is the per-day error of the
    music contest's score: it punishes forecasting too high far more than
    forecasting too low, and its minimiser lies below the median.
    """

    def forward(self, y_pred: torch.Tensor, y_true: torch.Tensor) -> torch.Tensor:
        ratio = torch.clamp(y_pred - y_true, -_MAX_LOG_RATIO, _MAX_LOG_RATIO)
        return torch.mean(torch.expm1(ratio) ** 2)


LOSSES = {
    "squared_error": nn.MSELoss,
    "absolute_error": nn.L1Loss,
    "huber": nn.HuberLoss,
    "quantile": PinballLoss,
    "relative_error": RelativeError,
}

# Losses that assume one per-window scaling: RelativeError compares log values.
_NORMALIZE_OF_LOSS = {"relative_error": "log"}


def normalize_needed(loss, normalize):
    """The ``normalize`` that ``loss`` needs if ``normalize`` is not it, else
    None; the one place this rule lives (the estimator and the command line
    both ask it)."""
    needed = _NORMALIZE_OF_LOSS.get(loss)
    return needed if needed is not None and normalize != needed else None
