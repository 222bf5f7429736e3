"""How long the history rows of WindowForecaster are, and what is held out.

Pure arithmetic on the series' lengths, kept apart from the forecaster so
that the rules can be read (and tested) in one place.
"""

from math import ceil
from typing import NamedTuple

from ..exceptions import InputError
from ._windows import known_steps

__all__ = ["Sizing", "window_sizing"]

_TARGET_WINDOWS = 10  # training windows the default lookback aims to leave
# calibration windows the held-out tail aims to hold in all: a split conformal
# interval of coverage c needs ceil((n + 1) * c) <= n, so 19 for 95 %
_CALIBRATION_WINDOWS = 19


class Sizing(NamedTuple):
    """The window sizes of one fit."""

    lookback: int  # values per history row
    block: int  # values each prediction covers: the horizon, or 1 (recursive)
    calibration: int  # most recent points held out to calibrate (0: none)


def window_sizing(
    n_min: int,
    n_series: int,
    *,
    sp: int,
    horizon: int,
    strategy: str,
    lookback: int | None,
    calibration_size: float,
    partial: bool = False,
) -> Sizing:
    """The sizes for series of at least ``n_min`` points.

    ``lookback=None`` takes ``max(3 * sp, horizon)``, shortened so that the
    series leave about ten training windows in all after the calibration
    tail. The calibration tail is ``calibration_size`` of the points (at
    least one horizon), or none if the series are too short to spare it.
    Where that tail would hold fewer than 19 calibration windows in all
    (too few for a 95 % conformal interval; a 20 % tail of a 78-day series
    forecast 14 days ahead holds 3), it is lengthened towards 19, as far as
    the data before it still gives every series a training window; the
    lookback stays as sized for the shorter tail. With ``partial`` windows
    (whose steps after the end are left out of the loss) a series needs
    ``lookback + 1`` points, not ``lookback + block``.

    Raises
    ------
    ValueError
        The series are too short for one training window per series (and
        two in all).

    Examples
    --------
    >>> window_sizing(100, 1, sp=7, horizon=14, strategy="direct",
    ...               lookback=None, calibration_size=0.2)
    Sizing(lookback=21, block=14, calibration=32)
    >>> window_sizing(100, 4, sp=7, horizon=14, strategy="direct",
    ...               lookback=None, calibration_size=0.2)
    Sizing(lookback=21, block=14, calibration=20)
    """
    block = horizon if strategy == "direct" else 1
    k = 0 if calibration_size == 0 else max(horizon, ceil(calibration_size * n_min))
    if lookback is None:
        target = max(1, ceil(_TARGET_WINDOWS / n_series))
        room = n_min - k - block - target + 1
        if room < 2:  # no room for a calibration tail: size for the whole series
            room = n_min - block - target + 1
        lookback = max(2, min(max(3 * sp, horizon), room))
    known = known_steps(block, partial)
    needed = lookback + known + (n_series == 1)
    if n_min < needed:
        # a direct model's full windows hold the whole horizon: fewer steps
        # help too (not a partial window's, which needs one step)
        fix = (
            "a shorter `lookback` or fewer steps ahead (`fh` or `horizon`)"
            if known > 1
            else "a shorter `lookback`"
        )
        steps = (
            "1 known step per partial window"
            if partial
            else f"{block} step(s) per window"
        )
        raise InputError(
            f"`y` has a series of only {n_min} time points; with lookback "
            f"{lookback} and {steps} the forecaster needs at least "
            f"{needed}. Pass {fix}, or more history."
        )
    if n_min - k < needed:
        k = 0  # too short to hold out a calibration tail
    elif k:  # hold out more where the series would leave too few windows
        aim = horizon - 1 + ceil(_CALIBRATION_WINDOWS / n_series)
        k = max(k, min(aim, n_min - needed))
    return Sizing(lookback, block, k)
