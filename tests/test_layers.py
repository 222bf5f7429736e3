"""The package's import graph follows the layers of docs/architecture.rst."""

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "lstmreg"

# Every module's layer; a module may import only from its own layer or below.
LAYERS = {
    # 1. windows kernel and the small pure helpers it shares
    "_validation": 1,
    "_atomic": 1,
    "exceptions": 1,
    "_windows": 1,
    "_scaling": 1,
    "_covariates": 1,
    "_panel": 1,
    "_window_sizing": 1,
    "_schedule": 1,
    # 2. the scikit-learn transformer
    "_window_transformer": 2,
    # 3. the network, its skorch plumbing and the scikit-learn regressor
    "_torch_module": 3,
    "_skorch_plumbing": 3,
    "_losses": 3,
    "_lstm_regressor": 3,
    "_weights": 3,
    # 4. the sktime forecaster
    "_sktime_base": 4,
    "_conformal": 4,
    "_statistical": 4,
    "_history_update": 4,
    "_new_histories": 4,
    "_window_forecaster": 4,
    # 5. and 6. the subpackages
    "evaluation": 5,
    "contest": 6,
}


def _module_name(path):
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(p for p in parts if p != "__init__")


def _imports(path):
    """The lstmreg modules that ``path`` imports, as dotted names."""
    package = _module_name(path).split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            found.add(".".join([*base, node.module]))
        elif isinstance(node, ast.ImportFrom) and node.module.startswith("lstmreg."):
            found.add(node.module.removeprefix("lstmreg."))
    return found


def _layer(module):
    return LAYERS[module.split(".")[0]]


def _graph():
    return {
        _module_name(path): _imports(path)
        for path in PACKAGE.rglob("*.py")
        if path.name != "__init__.py"
    }


def test_every_module_has_a_layer():
    """Check that every module of the package is placed in a layer."""
    missing = [m for m in _graph() if m.split(".")[0] not in LAYERS]
    assert missing == []


def test_no_module_imports_from_a_higher_layer():
    """Check that imports point down the layers, never up."""
    upward = [
        (module, target)
        for module, targets in _graph().items()
        for target in targets
        if _layer(target) > _layer(module)
    ]
    assert upward == []


def test_import_graph_has_no_cycle():
    """Check that no two modules import each other, directly or not."""
    try:
        tuple(TopologicalSorter(_graph()).static_order())
    except CycleError as error:  # pragma: no cover - the failure message
        pytest.fail(f"import cycle: {error.args[1]}")
