"""WindowSplit: TimeSeriesSplit with the gap that windows of a horizon need."""

import warnings
from numbers import Integral

import numpy as np
from sklearn.model_selection import TimeSeriesSplit

from .._utils._validation import check_positive_int
from ..exceptions import InputError

__all__ = ["LeakageWarning", "WindowSplit"]


class LeakageWarning(UserWarning):
    """Training targets of a split overlap the time points of its test targets.

    Raised by :class:`WindowSplit` when its gap is too small for the windows'
    horizon; turn it into an error with ``warnings.simplefilter("error",
    LeakageWarning)``.

    Examples
    --------
    >>> import warnings
    >>> import numpy as np
    >>> from lstmreg import LeakageWarning, WindowSplit, make_windows
    >>> X, y = make_windows(np.arange(30.0), 5, 3)
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     _ = WindowSplit(horizon=3, gap=0).split(X, y)
    >>> caught[0].category is LeakageWarning
    True
    """


class WindowSplit(TimeSeriesSplit):
    """``TimeSeriesSplit`` over windows, with the gap their targets need.

    A window made for horizon ``h`` has ``h`` targets, so the last training
    window's targets reach ``h - 1`` points past its own time point into the
    test period unless ``h - 1`` windows are dropped between them. With
    ``n_series`` series made into windows together (rows in time order, as
    :func:`make_windows` returns them), a cut can fall inside a time step, and
    ``h * n_series - 1`` rows must go.
    This splitter sets that gap, and warns with :class:`LeakageWarning` when a
    split is asked for with a smaller one — or when ``y`` has more target
    columns than ``horizon`` says.

    Parameters
    ----------
    horizon : int, default=1
        Targets per window (the ``horizon`` given to :func:`make_windows`).
    n_splits : int, default=5
        Number of splits.
    n_series : int, default=1
        Series interleaved in the rows.
    max_train_size, test_size
        As in :class:`sklearn.model_selection.TimeSeriesSplit`.
    gap : int or None, default=None
        Rows dropped between training and test rows; ``None`` uses
        ``horizon * n_series - 1``.

    Examples
    --------
    >>> import numpy as np
    >>> from lstmreg import WindowSplit, make_windows
    >>> X, y = make_windows(np.arange(40.0), 5, 3)
    >>> cv = WindowSplit(horizon=3, n_splits=2)
    >>> cv
    WindowSplit(gap=None, horizon=3, max_train_size=None, n_series=1, n_splits=2,
          test_size=None)
    >>> for train, test in cv.split(X, y):
    ...     print(train[-1], test[0])  # 2 rows dropped in between
    8 11
    19 22
    """

    def __init__(
        self,
        horizon=1,
        n_splits=5,
        *,
        n_series=1,
        max_train_size=None,
        test_size=None,
        gap=None,
    ):
        self.horizon = horizon
        self.n_series = n_series
        super().__init__(
            n_splits=n_splits, max_train_size=max_train_size, test_size=test_size
        )
        self.gap = gap

    def split(self, X, y=None, groups=None):
        """Yield train and test row indices, warning about a too-small gap."""
        check_positive_int("horizon", self.horizon)
        check_positive_int("n_series", self.n_series)
        gap = self.gap
        if gap is not None and (
            isinstance(gap, bool) or not isinstance(gap, Integral) or gap < 0
        ):
            raise InputError(
                f"`gap` must be an int >= 0 or None (the gap the windows need); got "
                f"{gap!r}. A negative gap would make test rows training rows too."
            )
        needed = self.horizon * self.n_series - 1
        gap = needed if gap is None else gap
        targets = np.shape(y)[1] if y is not None and np.ndim(y) == 2 else 1
        if targets > self.horizon:
            warnings.warn(
                f"`y` has {targets} target columns but `horizon` is "
                f"{self.horizon}: pass horizon={targets} so the gap keeps "
                "training targets out of the test period.",
                LeakageWarning,
                stacklevel=2,
            )
            needed = targets * self.n_series - 1
        if gap < needed:
            warnings.warn(
                f"`gap`={gap} is smaller than horizon * n_series - 1 = {needed}: "
                "the targets of the last training windows overlap the test "
                "period, so the scores are optimistic. Leave `gap` as None.",
                LeakageWarning,
                stacklevel=2,
            )
        splitter = TimeSeriesSplit(
            n_splits=self.n_splits,
            max_train_size=self.max_train_size,
            test_size=self.test_size,
            gap=gap,
        )
        return splitter.split(X, y, groups)
