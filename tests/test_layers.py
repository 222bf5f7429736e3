"""The package's import graph follows the layers of docs/architecture.rst."""

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "lstmreg"

# Every folder's layer (docs/architecture.rst draws this tree); a module may
# import only from its own layer or below.
LAYERS = {
    "_utils": 0,
    "exceptions": 0,
    "windows": 1,
    "nn": 2,
    "forecasting": 3,
    "evaluation": 4,
    "contest": 5,
    "__main__": 5,  # python -m lstmreg: the command line
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
            if node.module:
                found.add(".".join([*base, node.module]))
            else:  # from . import module
                found.update(".".join([*base, a.name]) for a in node.names)
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
    """Check that every module of the package lives in a layer's folder."""
    missing = [m for m in _graph() if m.split(".")[0] not in LAYERS]
    assert missing == []


def test_layer_packages_export_what_the_top_level_exports():
    """Check that each public layer package's names are re-exported by
    ``lstmreg``, so the tree and the top-level namespace tell one story."""
    import importlib

    import lstmreg

    for folder in LAYERS:
        if folder.startswith("_") or folder == "exceptions":
            continue
        package = importlib.import_module(f"lstmreg.{folder}")
        assert package.__all__, folder
        for name in package.__all__:
            assert getattr(lstmreg, name) is getattr(package, name), name
            assert name in lstmreg.__all__, name


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
