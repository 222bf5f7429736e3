"""Intersphinx inventories for the projects the docs link to, written locally.

CI builds the site without access to the projects' sites, so Sphinx cannot
download their ``objects.inv``. Instead, this module writes small inventories
(Sphinx's version-2 format) of exactly the objects these docs reference, at
the addresses those projects publish them under, and ``conf.py`` points
``intersphinx_mapping`` at them. A reference missing here renders as plain
text; adding it is one line below.
"""

import zlib
from pathlib import Path

# project -> (base URL, {object name: (role, address relative to the base)})
PROJECTS = {
    "python": (
        "https://docs.python.org/3/",
        {
            "pathlib.Path": ("py:class", "library/pathlib.html#pathlib.Path"),
            "warnings.simplefilter": (
                "py:function",
                "library/warnings.html#warnings.simplefilter",
            ),
            "UserWarning": ("py:exception", "library/exceptions.html#UserWarning"),
        },
    ),
    "numpy": (
        "https://numpy.org/doc/stable/",
        {
            "numpy.ndarray": (
                "py:class",
                "reference/generated/numpy.ndarray.html#numpy.ndarray",
            ),
            "numpy.lib.stride_tricks.sliding_window_view": (
                "py:function",
                "reference/generated/numpy.lib.stride_tricks.sliding_window_view.html"
                "#numpy.lib.stride_tricks.sliding_window_view",
            ),
        },
    ),
    "pandas": (
        "https://pandas.pydata.org/docs/",
        {
            f"pandas.{name}": (
                "py:class",
                f"reference/api/pandas.{name}.html#pandas.{name}",
            )
            for name in ("DataFrame", "Series", "DatetimeIndex", "PeriodIndex")
        },
    ),
    "sklearn": (
        "https://scikit-learn.org/stable/",
        {
            name: (role, f"modules/generated/{name}.html#{name}")
            for name, role in (
                ("sklearn.model_selection.TimeSeriesSplit", "py:class"),
                ("sklearn.model_selection.GridSearchCV", "py:class"),
                ("sklearn.model_selection.cross_validate", "py:function"),
                ("sklearn.pipeline.Pipeline", "py:class"),
                ("sklearn.linear_model.Ridge", "py:class"),
                ("sklearn.utils.estimator_checks.check_estimator", "py:function"),
            )
        },
    ),
    "skorch": (
        "https://skorch.readthedocs.io/en/stable/",
        {
            "skorch.NeuralNetRegressor": (
                "py:class",
                "regressor.html#skorch.regressor.NeuralNetRegressor",
            ),
            "skorch.callbacks.ProgressBar": (
                "py:class",
                "callbacks.html#skorch.callbacks.ProgressBar",
            ),
        },
    ),
    "torch": (
        "https://pytorch.org/docs/stable/",
        {
            "torch.nn.LSTM": ("py:class", "generated/torch.nn.LSTM.html#torch.nn.LSTM"),
            "torch.random.fork_rng": (
                "py:function",
                "random.html#torch.random.fork_rng",
            ),
            "torch.optim.Optimizer": (
                "py:class",
                "optim.html#torch.optim.Optimizer",
            ),
        },
    ),
    "sktime": (
        "https://www.sktime.net/en/stable/",
        {
            name: (role, f"api_reference/auto_generated/{name}.html#{name}")
            for name, role in (
                ("sktime.forecasting.base.BaseForecaster", "py:class"),
                ("sktime.forecasting.model_evaluation.evaluate", "py:function"),
                ("sktime.split.CutoffSplitter", "py:class"),
            )
        },
    ),
}


def write_inventories(folder):
    """Write one ``objects.inv`` per project; return ``intersphinx_mapping``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    mapping = {}
    for project, (base, objects) in PROJECTS.items():
        header = (
            "# Sphinx inventory version 2\n"
            f"# Project: {project}\n"
            "# Version: stable\n"
            "# The remainder of this file is compressed using zlib.\n"
        )
        lines = "".join(
            f"{name} {role} 1 {address} -\n"
            for name, (role, address) in sorted(objects.items())
        )
        path = folder / f"{project}.inv"
        path.write_bytes(header.encode() + zlib.compress(lines.encode()))
        mapping[project] = (base, str(path))
    return mapping
