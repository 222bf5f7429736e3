"""Build the documentation as a reader gets it: warnings are errors."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.mark.skipif(shutil.which("sphinx-build") is None, reason="needs the dev extra")
def test_docs_build_without_warnings(tmp_path):
    """Check that Sphinx builds the site, gallery included, with no warning."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            "-d",
            str(tmp_path / "doctrees"),
            str(DOCS),
            str(tmp_path / "html"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-5000:]
    assert (tmp_path / "html" / "api.html").exists()
    assert (tmp_path / "html" / "auto_examples" / "plot_quick_start.html").exists()
    examples = list((tmp_path / "html" / "auto_examples").glob("plot_*.html"))
    assert len(examples) >= 6
    # intersphinx: references to the other projects' docs became links
    html = (tmp_path / "html" / "user_guide" / "coming_from.html").read_text()
    for address in (
        "https://numpy.org/doc/stable/",
        "https://skorch.readthedocs.io/en/stable/",
        "https://www.sktime.net/en/stable/",
    ):
        assert f'href="{address}' in html
