"""The private scikit-learn helpers lstmreg relies on, imported in one place.

scikit-learn's parameter-validation machinery is private API; keeping every
import of it here means one file to change when scikit-learn moves it.
"""

from numbers import Integral

import numpy as np
from sklearn.base import _fit_context
from sklearn.utils._param_validation import (
    HasMethods,
    Interval,
    InvalidParameterError,
    StrOptions,
    validate_parameter_constraints,
    validate_params,
)
from sklearn.utils.validation import validate_data

from ..exceptions import InputError, NotNumericError

__all__ = [
    "HasMethods",
    "Interval",
    "InvalidParameterError",
    "NotNumericError",
    "StrOptions",
    "_fit_context",
    "check_positive_int",
    "check_positive_int_tuple",
    "is_number",
    "refuse_bools",
    "refuse_text",
    "short_repr",
    "validate_numbers",
    "validate_parameter_constraints",
    "validate_params",
]


def is_number(value) -> bool:
    """Whether ``value`` is a real number: not a bool, not a string."""
    return isinstance(value, (int, float, np.number)) and not isinstance(
        value, (bool, np.bool_)
    )


def short_repr(value, limit: int = 60) -> str:
    """``repr(value)``, cut to ``limit`` characters for an error message
    (a field of a file can be megabytes long)."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 3]}..."


def check_positive_int(name, value, *, allow_none=False):
    """Raise ValueError naming ``name`` unless ``value`` is an int >= 1.

    For the parameters checked outside scikit-learn's constraint machinery
    (sktime forecasters, splitters, functions). ``bool`` is not an int here.
    """
    if allow_none and value is None:
        return
    if isinstance(value, bool) or not isinstance(value, Integral) or value < 1:
        extra = " or None" if allow_none else ""
        raise InputError(f"`{name}` must be a positive int{extra}; got {value!r}.")


def check_positive_int_tuple(name, value, *, allow_empty=False):
    """Raise InvalidParameterError unless ``value`` is a tuple of positive ints.

    scikit-learn's constraints check the container type; this checks the
    items, with the same exception type and message style.
    """
    valid = (
        isinstance(value, (tuple, list))
        and (allow_empty or len(value) > 0)
        and all(isinstance(v, Integral) and not isinstance(v, bool) for v in value)
        and all(v >= 1 for v in value)
    )
    if not valid:
        kind = "a" if allow_empty else "a non-empty"
        raise InvalidParameterError(
            f"The {name!r} parameter must be {kind} tuple of positive integers "
            f"such as (35, 10). Got {value!r} instead."
        )


def refuse_bools(estimator, names):
    """Raise InvalidParameterError if a parameter of ``names`` is a bool.

    scikit-learn's ``Interval`` constraints take ``True`` for the number 1;
    where a number is a share or a size, a bool is a mistake, not a 1.
    """
    for name in names:
        value = getattr(estimator, name)
        if isinstance(value, (bool, np.bool_)):
            raise InvalidParameterError(
                f"The {name!r} parameter of {type(estimator).__name__} must be a "
                f"number, not a bool. Got {value!r} instead."
            )


def validate_numbers(estimator, X, y="no_validation", **kwargs):
    """scikit-learn's ``validate_data``, refusing text in ``X`` or ``y`` with
    a message that names it and the fix: numpy's own ("could not convert
    string to float: 'x'") names neither."""
    try:
        return validate_data(estimator, X, y, **kwargs)
    except ValueError as error:
        refuse_text(X, "X", error)
        if not isinstance(y, str):  # y="no_validation"
            refuse_text(y, "y", error)
        raise


def refuse_text(values, name, cause=None):
    """Raise a NotNumericError naming ``name`` where array-like ``values``
    holds strings (or bytes), from ``cause``; nothing for what numpy cannot
    make an array of (ragged rows: scikit-learn's error stands)."""
    try:
        array = np.asarray(values)
    except (ValueError, TypeError):
        return
    text = (v for v in array.ravel() if isinstance(v, (str, bytes, np.str_)))
    example = next(text, None) if array.dtype.kind in "OSU" else None
    if example is not None:
        what = cause if cause is not None else f"e.g. {str(example)!r}"
        raise NotNumericError(
            f"`{name}` must hold numbers only; it holds text ({what}). Convert "
            "it, e.g. with `pd.to_numeric`, or drop the text."
        ) from cause
