"""Sub-daily series with daily service hours: slot numbers and back.

A metro counts entries every 10 minutes from 06:00 to 23:50 and not at
night, so its time index has a gap every night and no calendar frequency.
On slot numbers (0, 1, 2, ... over the service slots only) the same series
is regular: windows skip the closed hours, and a day is ``slots_per_day``
steps, which a forecaster takes as its season.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..exceptions import InputError

__all__ = ["DailySchedule", "describe_daily_schedule"]


@dataclass(frozen=True)
class DailySchedule:
    """The service slots of every day: first slot, step, slots per day.

    Make one with :meth:`from_index`; :meth:`to_slots` puts a series on slot
    numbers (a regular integer index a forecaster takes), :meth:`times`
    gives the time of any slot number, past or future, and
    :meth:`calendar` the known-ahead calendar of slots (time of day, day of
    week, rest days).

    Attributes
    ----------
    first_day : pandas.Timestamp
        Midnight of the first day.
    start : pandas.Timedelta
        Time of day of the first slot (e.g. 06:00).
    step : pandas.Timedelta
        Time between consecutive slots of a day (e.g. 10 minutes).
    slots_per_day : int
        Service slots in a day (e.g. 108 for 06:00 .. 23:50 every 10 min).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from lstmreg import DailySchedule
    >>> index = pd.DatetimeIndex([
    ...     f"2019-01-0{d} {h}:00" for d in (1, 2) for h in (6, 7, 8)
    ... ])
    >>> schedule = DailySchedule.from_index(index)
    >>> schedule.slots_per_day, str(schedule.start), str(schedule.step)
    (3, '0 days 06:00:00', '0 days 01:00:00')
    >>> y = pd.Series(np.arange(6.0), index=index)
    >>> schedule.to_slots(y).index.tolist()
    [0, 1, 2, 3, 4, 5]
    >>> schedule.times([6, 7]).strftime("%d %H:%M").tolist()
    ['03 06:00', '03 07:00']
    """

    first_day: pd.Timestamp
    start: pd.Timedelta
    step: pd.Timedelta
    slots_per_day: int

    @classmethod
    def from_index(cls, index, name="y"):
        """The schedule a time index follows, or a ValueError saying where
        it breaks (a day with other slots, an uneven step).

        The index must be sorted, without duplicates, tz-naive or tz-aware,
        with every day holding the same slots; the first and last days may
        be partial.
        """
        if not isinstance(index, pd.DatetimeIndex) or len(index) < 3:
            raise InputError(
                f"A daily schedule is read from a DatetimeIndex of 3 or more "
                f"points; `{name}` has a {type(index).__name__} of {len(index)}."
            )
        if not index.is_monotonic_increasing or index.has_duplicates:
            raise InputError(
                f"`{name}` must have a sorted time index without duplicates; "
                "use `.sort_index()` and aggregate repeated time points."
            )
        days = index.normalize()
        within = np.diff(index.asi8)[np.diff(days.asi8) == 0]
        if not len(within):
            raise InputError(
                f"`{name}` has one point a day; a daily schedule needs several "
                "(for daily data, use the index as it is)."
            )
        step = pd.Timedelta(int(np.min(within)), "ns")
        offsets = pd.TimedeltaIndex(index - days)
        positions = np.asarray((offsets - offsets.min()) / step)
        slots = np.round(positions).astype(int)
        off_grid = ~np.isclose(positions, slots)
        if off_grid.any():
            bad = index[np.flatnonzero(off_grid)[0]]
            raise InputError(
                f"`{name}` has a time point off the {step} grid of its days: {bad}."
            )
        per_day = int(slots.max()) + 1
        full = pd.Series(slots).groupby(days.asi8).nunique()
        inner = full.iloc[1:-1] if len(full) > 2 else full
        short = inner[inner != per_day]
        if len(short):
            day = pd.Timestamp(short.index[0], tz=index.tz)
            raise InputError(
                f"`{name}` has {short.iloc[0]} of the {per_day} daily slots on "
                f"{day:%Y-%m-%d}; every day needs the same slots (fill missing "
                "slots with 0 for counts, or drop the day)."
            )
        return cls(days[0], offsets.min(), step, per_day)

    def slot_numbers(self, index):
        """The slot number of each time point of ``index``."""
        index = pd.DatetimeIndex(index)
        days = (index.normalize() - self.first_day).days.to_numpy()
        slot = np.round((index - index.normalize() - self.start) / self.step)
        return days * self.slots_per_day + slot.to_numpy().astype(int)

    def times(self, slots):
        """The time of each slot number (any, also after the data)."""
        slots = np.asarray(slots, dtype=int)
        day, slot = np.divmod(slots, self.slots_per_day)
        return pd.DatetimeIndex(
            self.first_day + pd.to_timedelta(day, "D") + self.start + slot * self.step
        )

    def to_slots(self, y):
        """``y`` (a Series or wide DataFrame on this schedule) on slot numbers.

        A copy with a regular integer index; the data are not changed.
        """
        slots = self.slot_numbers(y.index)
        if (np.diff(slots) != 1).any():
            i = int(np.flatnonzero(np.diff(slots) != 1)[0])
            raise InputError(
                f"`y` misses service slots between {y.index[i]} and "
                f"{y.index[i + 1]}; fill them (0 for counts) first."
            )
        return y.set_axis(pd.RangeIndex(slots[0], slots[-1] + 1), axis=0)

    def to_times(self, y):
        """``y`` on slot numbers (e.g. a forecast) back on its times."""
        return y.set_axis(self.times(y.index), axis=0)

    def calendar(self, slots, holidays=()):
        """Known-ahead calendar covariates of slot numbers.

        Columns: ``time_of_day`` (0 at the first slot, 1 at the last),
        ``dayofweek_sin``/``_cos`` (the day's position in the week) and
        ``rest_day`` (1 on Saturdays, Sundays and the dates in
        ``holidays``). Indexed by the slot numbers.

        Parameters
        ----------
        slots : array-like of int
            Slot numbers, usually the training slots and the forecast's.
        holidays : sequence of date-like, default=()
            Days without work (e.g. ``["2019-01-01"]``).

        Returns
        -------
        pandas.DataFrame
        """
        slots = np.asarray(slots, dtype=int)
        times = self.times(slots)
        days = times.normalize()
        dow = days.dayofweek.to_numpy()
        holidays = pd.DatetimeIndex(holidays).normalize()
        if days.tz is not None and holidays.tz is None:
            holidays = holidays.tz_localize(days.tz)
        rest = (dow >= 5) | days.isin(holidays)
        angle = 2 * np.pi * dow / 7
        return pd.DataFrame(
            {
                "time_of_day": (slots % self.slots_per_day)
                / max(self.slots_per_day - 1, 1),
                "dayofweek_sin": np.sin(angle),
                "dayofweek_cos": np.cos(angle),
                "rest_day": rest.astype(float),
            },
            index=pd.Index(slots),
        )


def describe_daily_schedule(index):
    """A sentence on the daily schedule ``index`` follows, or None if it
    follows none (used to explain an irregular sub-daily index)."""
    try:
        schedule = DailySchedule.from_index(index)
    except ValueError:
        return None
    last = schedule.start + (schedule.slots_per_day - 1) * schedule.step
    if schedule.slots_per_day * schedule.step >= pd.Timedelta(days=1):
        return None
    return (
        f"{schedule.slots_per_day} points a day, {_clock(schedule.start)} to "
        f"{_clock(last)} every {_duration(schedule.step)}, none in between"
    )


def _clock(offset):
    minutes = int(offset.total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _duration(step):
    minutes = step.total_seconds() / 60
    return f"{minutes:g} minutes" if minutes < 60 else f"{minutes / 60:g} hours"
