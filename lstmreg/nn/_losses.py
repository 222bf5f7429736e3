"""Training objectives of LSTMForecaster, as torch loss modules.

All of them compare predictions and targets on the network's scale (after the
normalisation of :mod:`lstmreg.windows._scaling`). ``RelativeError`` assumes that scale
is logarithmic, as with ``normalize="log"``.
"""

import torch
from torch import nn

__all__ = ["LOSSES", "MaskedLoss", "PinballLoss", "RelativeError", "normalize_needed"]

# RelativeError's bound on the log ratio of forecast to target (why: its
# docstring); it also keeps exp() finite.
_MAX_LOG_RATIO = 3.0


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

    A log ratio ``p - t`` beyond ±3 counts as ±3 (a constant error, no
    gradient): a target 20 times below its forecast, such as a day without
    plays in a series of thousands a day, would otherwise weigh millions of
    times more than a typical day and pull every forecast of a global model
    down.
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


class MaskedLoss(nn.Module):
    """One of :data:`LOSSES`, leaving out the targets that are NaN (unknown).

    The mean over the known targets: at an unknown one both the prediction
    and the target are replaced by 0 (a constant, so no gradient flows to
    that output, and every loss of :data:`LOSSES` is 0 there), and the mean
    over all targets is rescaled to the known ones. A batch without unknown
    targets gives the wrapped loss exactly.

    Parameters
    ----------
    loss : str, default="squared_error"
        A key of :data:`LOSSES`.
    quantile : float, default=0.5
        Passed to the quantile loss.
    """

    def __init__(self, loss: str = "squared_error", quantile: float = 0.5):
        super().__init__()
        self.inner = LOSSES[loss](quantile) if loss == "quantile" else LOSSES[loss]()

    def forward(self, y_pred: torch.Tensor, y_true: torch.Tensor) -> torch.Tensor:
        # no branch on the count of known targets: reading it back from the
        # device would wait for the GPU at every batch; with all known the
        # factor is exactly 1 and the loss the wrapped one
        known = ~torch.isnan(y_true)
        zero = torch.zeros((), dtype=y_pred.dtype, device=y_pred.device)
        inner = self.inner(
            torch.where(known, y_pred, zero), torch.where(known, y_true, zero)
        )
        # the factor in float64, as the Python number it replaces: the same
        # rounding, so the same training as before
        n_known = known.sum().clamp(min=1).to(torch.float64)
        return inner * (known.numel() / n_known)


# Losses that assume one per-window scaling: RelativeError compares log values.
_NORMALIZE_OF_LOSS = {"relative_error": "log"}


def normalize_needed(loss, normalize):
    """The ``normalize`` that ``loss`` needs if ``normalize`` is not it, else
    None; the one place this rule lives (the estimator and the command line
    both ask it)."""
    needed = _NORMALIZE_OF_LOSS.get(loss)
    return needed if needed is not None and normalize != needed else None
