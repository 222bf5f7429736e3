"""The matching-days profile of sub-daily flows, corrected by the deviation
the same weekday showed a week before, as far as such deviations persisted.

Metro entries on a Friday evening run above the working days' mean, and did
so the Friday before; on other working days the hour-by-hour deviations
from the mean do not come back a week later (performance.rst, "Metro
passenger flow"). :class:`WeekdayProfile` carries each block of slots'
deviation over from a week before with a persistence estimated on the
history itself, pooled over all its series, so that it stays the plain
matching-days mean where the history shows no persistence.
"""

import numbers

import numpy as np
import pandas as pd

from .._utils._validation import check_positive_int
from ..exceptions import InputError
from ..forecasting._sktime_base import OwnHistoryForecaster
from ._baselines import _TAGS, _merged, kinds_of, matching_means

__all__ = ["WeekdayProfile"]

# carry="auto" carries deviations over only where their persistence is at
# least this many standard errors above none: on few series and days, noise
# alone gives slopes of a third (tests/evaluation/test_profile.py)
_T_MIN = 2.0


class WeekdayProfile(OwnHistoryForecaster):
    """The mean of the same slot over the last matching days, times the
    deviation the same weekday showed a week before, carried over as far as
    such deviations persisted in the history.

    The series are counts on slot numbers (:class:`~lstmreg.DailySchedule`),
    ``sp`` slots a day, one column per series (stations). For every day the
    history holds, its deviation is the log ratio of each block of ``block``
    slots' total to what the matching-days mean (``n_seasons``, ``match_on``,
    as in :class:`~lstmreg.SeasonalMean`) forecast for it, one added to both
    totals. A forecast day's matching-days mean is multiplied, block by
    block, by ``exp(carry * deviation)`` of the day ``lag`` days before it.
    With ``carry="auto"`` the persistence is the least-squares slope of each
    day's deviations on those of the day ``lag`` before, over every such
    pair of days of the forecast day's kind in the history (the days a
    multiple of ``lag`` before it), pooled over blocks and series, and at
    most 1. It is 0, and the forecast the matching-days mean itself, where
    the slope is not two standard errors above 0 (the deviations did not
    come back, or too few came to tell) or no pair exists yet.

    Parameters
    ----------
    sp : int, default=24
        Slots in a day (108 ten-minute slots of a 06:00 .. 23:50 day).
    n_seasons : int, default=5
        Earlier days averaged into each slot's mean.
    match_on : str or None, default=None
        A column of the covariates ``X`` (given to ``fit``, ``update`` and
        ``predict``) naming each slot's kind, e.g. ``"rest_day"`` of
        :meth:`DailySchedule.calendar`: only days of the forecast slot's
        kind are averaged.
    block : int, default=1
        Slots whose totals make one deviation (6: an hour of 10-minute
        slots); it must divide ``sp``.
    lag : int, default=7
        Days between a day and the one whose deviation it carries over (7:
        the same weekday a week before).
    carry : "auto" or float in [0, 1], default="auto"
        The persistence; "auto" estimates it from the history at every
        ``fit`` and ``update``, per kind of forecast day.

    Attributes
    ----------
    carries_ : ndarray of shape (lag,)
        The persistence used for the day ``j + 1`` days after the cutoff,
        ``carries_[j]``; for a day ``lag`` or more days ahead (whose day a
        week before is not yet seen) none is used.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from lstmreg import SeasonalMean, WeekdayProfile
    >>> day = np.array([10.0, 20.0, 30.0, 20.0])
    >>> evening = np.array([1.0, 1.0, 1.0, 2.0])  # doubled every 7th day
    >>> days = [day * evening if d % 7 == 4 else day for d in range(25)]
    >>> y = pd.DataFrame({"station": np.concatenate(days)})
    >>> f = WeekdayProfile(sp=4, n_seasons=3).fit(y, fh=range(1, 5))
    >>> float(f.carries_[0])  # day 25, of the kind of days 11 and 18
    1.0
    >>> f.predict()["station"].round(1).tolist()
    [10.0, 20.0, 30.0, 39.0]
    >>> mean = SeasonalMean(sp=4, n_seasons=3).fit(y["station"], fh=range(1, 5))
    >>> mean.predict().tolist()  # the matching-days mean alone
    [10.0, 20.0, 30.0, 20.0]
    """

    _tags = _TAGS | {
        "y_inner_mtype": "pd.DataFrame",
        "scitype:y": "both",
        "capability:multivariate": True,  # the persistence is pooled over columns
        "capability:exogenous": True,
    }

    def __init__(self, sp=24, n_seasons=5, match_on=None, block=1, lag=7, carry="auto"):
        self.sp = sp
        self.n_seasons = n_seasons
        self.match_on = match_on
        self.block = block
        self.lag = lag
        self.carry = carry
        super().__init__()

    def _fit(self, y, X=None, fh=None):
        self._check_params()
        if len(y) < self.sp:
            raise InputError(
                f"`y` has {len(y)} time point(s), fewer than one day (`sp` = "
                f"{self.sp}); pass more data or a shorter `sp`."
            )
        _refuse_negative(y)
        self._history = y
        self._kinds = None
        if self.match_on is not None:
            self._kinds = kinds_of(self.match_on, X, y.index, "fit")
        self._estimate()
        return self

    def _check_params(self):
        for name in ("sp", "n_seasons", "block", "lag"):
            check_positive_int(name, getattr(self, name))
        if self.sp % self.block:
            raise InputError(
                f"`block` ({self.block}) must divide `sp` ({self.sp}), so that "
                "every day holds whole blocks; pass a divisor such as 1."
            )
        carry = self.carry
        auto = isinstance(carry, str) and carry == "auto"
        number = isinstance(carry, numbers.Real) and not isinstance(carry, bool)
        if not (auto or (number and 0 <= carry <= 1)):
            raise InputError(
                f"`carry` must be 'auto' or a number in [0, 1]; got {carry!r}."
            )

    def _estimate(self):
        """Each full day's deviations (None where a slot of it has no
        earlier day of its kind), and ``carries_``."""
        values = self._history.to_numpy(dtype=np.float64)
        kinds = None if self._kinds is None else self._kinds.to_numpy()
        n, sp = len(values), self.sp
        n_days = n // sp
        first = n - n_days * sp  # the days end where the history ends
        deviations = []
        for day in range(n_days):
            positions = np.arange(first + day * sp, first + (day + 1) * sp)
            if positions[0] < sp:  # no earlier day to average
                deviations.append(None)
                continue
            at = None if kinds is None else kinds[positions]
            mean = matching_means(
                values, positions, sp, self.n_seasons, kinds, at, fallback=False
            )
            if np.isnan(mean).any():
                deviations.append(None)
                continue
            deviations.append(
                np.log((self._blocks(values[positions]) + 1) / (self._blocks(mean) + 1))
            )
        self._deviations = deviations
        self.carries_ = np.array(
            [self._carry_for(n_days + j, deviations) for j in range(self.lag)]
        )

    def _blocks(self, day):
        """Totals of every ``block`` slots of a day (sp, m) -> (sp/block, m)."""
        return day.reshape(self.sp // self.block, self.block, -1).sum(axis=1)

    def _carry_for(self, target, deviations):
        """The persistence for day number ``target``, one of the ``lag``
        days after the history's (so that the pairs' later days are in it)."""
        if not (isinstance(self.carry, str) and self.carry == "auto"):
            return float(self.carry)
        pairs = [
            (deviations[d - self.lag], deviations[d])
            for d in range(target - self.lag, self.lag - 1, -self.lag)
            if deviations[d] is not None and deviations[d - self.lag] is not None
        ]
        if not pairs:
            return 0.0
        before = np.concatenate([a.ravel() for a, _ in pairs])
        after = np.concatenate([b.ravel() for _, b in pairs])
        spread = before @ before
        if spread == 0 or len(before) < 2:
            return 0.0
        slope = before @ after / spread
        residuals = after - slope * before
        error = np.sqrt(residuals @ residuals / (len(before) - 1) / spread)
        if slope < _T_MIN * error:  # no evidence of persistence
            return 0.0
        return float(min(slope, 1.0))

    def _predict(self, fh, X=None):
        steps = self._steps(fh)
        values = self._history.to_numpy(dtype=np.float64)
        n, sp = len(values), self.sp
        index = fh.to_absolute_index(self.cutoff)
        positions = n - 1 + steps
        kinds = at = None
        if self._kinds is not None:
            kinds = self._kinds.to_numpy()
            at = kinds_of(self.match_on, X, index, "predict").to_numpy()
        forecasts = matching_means(values, positions, sp, self.n_seasons, kinds, at)
        n_days = len(self._deviations)
        for i, step in enumerate(steps):
            ahead = (step - 1) // sp  # 0: the next day
            carried = n_days + ahead - self.lag  # the day a week before
            if not 0 <= carried < n_days or self._deviations[carried] is None:
                continue
            block = ((step - 1) % sp) // self.block
            deviation = self._deviations[carried][block]
            forecasts[i] *= np.exp(self.carries_[ahead] * deviation)
        return pd.DataFrame(forecasts, index=index, columns=self._history.columns)

    def _update(self, y, X=None, update_params=True):
        _refuse_negative(y)
        self._history = _merged(self._history, y)
        if self.match_on is not None:
            new = kinds_of(self.match_on, X, y.index, "update")
            self._kinds = _merged(self._kinds, new)
        self._estimate()
        return self

    @classmethod
    def get_test_params(cls, parameter_set="default"):
        """Cheap settings for sktime's estimator checks."""
        return [{"sp": 1, "n_seasons": 2}, {"sp": 2, "block": 2, "lag": 2}]


def _refuse_negative(y):
    """The deviations are log ratios of counts: refuse negative values."""
    if (y.to_numpy(dtype=np.float64) < 0).any():
        raise InputError(
            "`y` has negative values; WeekdayProfile's deviations are log "
            "ratios of counts. Pass counts, or SeasonalMean for other data."
        )
