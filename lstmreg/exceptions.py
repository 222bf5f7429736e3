"""The exceptions lstmreg raises about its input, under one base class.

Every error that says what a user should change — bad data, an argument
that cannot work, training that diverged — is an :class:`LstmregError`, so
a program can tell a user's mistake from a bug: the ``lstmreg`` command
prints these as one line and shows the traceback of anything else. Each is
also the built-in exception it has always been (``ValueError``,
``TypeError``, ``RuntimeError``), so ``except ValueError`` still catches
them.

Examples
--------
>>> import numpy as np
>>> from lstmreg import make_windows
>>> from lstmreg.exceptions import InputError, LstmregError
>>> try:
...     make_windows(np.arange(3.0), lookback=5, horizon=1)
... except LstmregError as error:
...     print(type(error).__name__, isinstance(error, ValueError))
InputError True
"""

__all__ = ["DivergenceError", "InputError", "LstmregError", "NotNumericError"]


class LstmregError(Exception):
    """Base class of the errors lstmreg raises about its input."""


class InputError(LstmregError, ValueError):
    """Data or an argument lstmreg cannot use; the message says what to do."""


class NotNumericError(InputError, TypeError):
    """Data that must be numbers holds text, categories or Python objects.

    A ``ValueError`` as lstmreg's data errors are, and a ``TypeError`` as
    sktime's forecasters raise for categorical data.
    """


class DivergenceError(LstmregError, RuntimeError):
    """Training diverged: the loss became non-finite or exploded.

    Raised by :class:`~lstmreg.LSTMForecaster` ``fit``; the message suggests
    a lower ``lr``.

    Examples
    --------
    >>> import numpy as np
    >>> from lstmreg import LSTMForecaster
    >>> from lstmreg.exceptions import DivergenceError
    >>> X = np.random.default_rng(0).normal(size=(64, 10))
    >>> y = X.sum(axis=1)
    >>> try:
    ...     LSTMForecaster(lr=1e6, optimizer="sgd", max_epochs=5,
    ...                    random_state=0).fit(X, y)
    ... except DivergenceError as error:
    ...     print("diverged:", "lower `lr`" in str(error))
    diverged: True
    """
