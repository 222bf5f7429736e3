"""Saving a fitted LSTMForecaster as plain data, which loads without running code.

``pickle`` and ``joblib`` files can run any code when they are loaded; a
weights file holds only numbers, strings and tensors, and is read with
``torch.load(..., weights_only=True)``, which refuses anything else.
"""

import numpy as np
import torch
from sklearn.utils.validation import check_is_fitted

from .._utils._atomic import replacing
from ..exceptions import InputError
from ._lstm_regressor import LSTMForecaster

__all__ = ["load_weights", "save_weights"]

_FORMAT = "lstmreg.LSTMForecaster weights 1"
_FITTED = (
    "n_features_in_",
    "n_features_per_step_",
    "n_outputs_",
    "normalize_",
    "n_epochs_",
    "shrinkage_",
)


def _plain(value):
    """``value`` as plain Python data (NumPy scalars become Python ones), or
    None if it is not plain (a class, a RandomState, an array)."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (tuple, list)):
        items = [_plain(v) for v in value]
        if all(p is not None for p in items):
            return type(value)(items)
    return None


def save_weights(model, path):
    """Save a fitted :class:`LSTMForecaster` as plain data: its parameters,
    the shapes it was fitted on and the networks' weights.

    Unlike a pickle, the file cannot carry code: :func:`load_weights` reads
    it with ``torch.load(weights_only=True)``. The file is written whole or
    not at all (a temporary file, then a rename).

    Parameters
    ----------
    model : LSTMForecaster
        Fitted, with plain parameters (``optimizer`` given by name,
        ``random_state`` an int or None).
    path : str or path-like
        The file to write (``.pt`` by convention).

    Raises
    ------
    ValueError
        A parameter is not plain data; nothing is written.

    Examples
    --------
    >>> import numpy as np, pathlib, tempfile
    >>> from lstmreg import LSTMForecaster, load_weights, save_weights
    >>> X = np.random.default_rng(0).normal(size=(40, 6))
    >>> model = LSTMForecaster((4,), max_epochs=2, random_state=0)
    >>> model = model.fit(X, X.sum(axis=1))
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "model.pt"
    >>> save_weights(model, path)
    >>> bool(np.allclose(load_weights(path).predict(X), model.predict(X)))
    True
    """
    if not isinstance(model, LSTMForecaster):
        raise TypeError(
            f"save_weights saves an LSTMForecaster; got {type(model).__name__}. "
            "Save other estimators with joblib, and load only files you trust."
        )
    check_is_fitted(model)
    params = {}
    for name, value in model.get_params().items():
        params[name] = _plain(value)
        if params[name] is None and value is not None:
            raise InputError(
                f"save_weights stores parameters as plain data; `{name}` is "
                f"{value!r}. Set it to a name or number (e.g. optimizer='adam', "
                "random_state=0) or save with joblib. Nothing was written."
            )
    names = getattr(model, "feature_names_in_", None)
    scores = model.shrinkage_scores_
    each = getattr(model, "series_shrinkage_", None)  # None before it existed
    state = {
        "format": _FORMAT,
        "params": params,
        "fitted": {name: _plain(getattr(model, name)) for name in _FITTED},
        "y_1d": bool(model._y_1d),
        "shrinkage_scores": None if scores is None else [[*i] for i in scores.items()],
        "series_shrinkage": None
        if each is None
        else [[_plain(label), s] for label, s in each.items()],
        "feature_names_in": None if names is None else [str(n) for n in names],
        "networks": [
            {k: t.detach().cpu() for k, t in net.module_.state_dict().items()}
            for net in model.nets_
        ],
    }
    with replacing(path) as temporary:
        torch.save(state, temporary)


def load_weights(path):
    """Load an :class:`LSTMForecaster` saved by :func:`save_weights`.

    The file is read with ``torch.load(weights_only=True)``: it can hold
    only plain data and tensors, so loading it runs no code from it. A model
    saved with ``device="cuda"`` loads onto the CPU where torch finds no GPU.

    Parameters
    ----------
    path : str or path-like

    Returns
    -------
    LSTMForecaster
        Fitted: ``predict`` gives what the saved model gave.
    """
    try:
        state = torch.load(path, weights_only=True, map_location="cpu")
    except Exception as error:  # pickle's errors for code in the file vary
        if isinstance(error, OSError):
            raise
        raise InputError(
            f"{path} is not a weights file of save_weights ({error}); it may hold "
            "code, which is not loaded. Load pickles only from sources you trust."
        ) from None
    if not isinstance(state, dict) or state.get("format") != _FORMAT:
        raise InputError(f"{path} is not a weights file written by save_weights.")
    params = dict(state["params"])
    if params["device"] != "cpu" and not torch.cuda.is_available():
        params["device"] = "cpu"
    model = LSTMForecaster(**params)
    model.shrinkage_ = 0.0  # files written before shrinkage existed
    model.normalize_ = model.normalize  # files written before "auto" existed
    for name, value in state["fitted"].items():
        setattr(model, name, value)
    scores = state.get("shrinkage_scores")
    model.shrinkage_scores_ = None if scores is None else dict(map(tuple, scores))
    each = state.get("series_shrinkage")  # files written before it existed
    model.series_shrinkage_ = None if each is None else dict(map(tuple, each))
    model._y_1d = state["y_1d"]
    if state["feature_names_in"] is not None:
        model.feature_names_in_ = np.asarray(state["feature_names_in"], dtype=object)
    model._networks = model._network_params()
    model.nets_ = []
    for weights in state["networks"]:
        net = model._build_net()
        net.initialize()
        net.module_.load_state_dict(weights)
        model.nets_.append(net)
    return model
