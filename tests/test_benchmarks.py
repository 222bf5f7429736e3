"""The benchmarks still import against the library, and their examples run.

The benchmark scripts are run by hand (they take minutes to hours), so
nothing else would notice a script that no longer imports after a change
of the library, or a helper whose docstring example no longer holds.
"""

import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"

# in a child process: the scripts import their siblings by bare name
# (``bootstrap``, ``corpora``), which must not leak into the test session
IMPORT_AND_TEST = """
import doctest, importlib, sys
folders, names = sys.argv[1:3], sys.argv[3:]
sys.path[:0] = folders
flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
for name in names:
    result = doctest.testmod(importlib.import_module(name), optionflags=flags)
    print(name, result.attempted, result.failed)
"""


def test_every_benchmark_imports_and_its_examples_hold():
    """Check every script of ``benchmarks/`` and ``benchmarks/research/``
    imports (without running: each runs under ``__main__`` only) and passes
    its doctests."""
    folders = [BENCHMARKS, BENCHMARKS / "research"]
    names = sorted(path.stem for folder in folders for path in folder.glob("*.py"))
    assert len(names) >= 20  # the scripts are where this test looks
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_AND_TEST, *map(str, folders), *names],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    results = dict(line.split(" ", 1) for line in done.stdout.splitlines())
    assert sorted(results) == names
    failed = {name: r for name, r in results.items() if r.split()[1] != "0"}
    assert not failed, done.stdout
    examples = sum(int(r.split()[0]) for r in results.values())
    assert examples >= 10  # bootstrap's, the bootstrap's users', bench_accuracy's
