"""Notebooks are executed once: the build renders their stored outputs, knows
when those are stale, and nbval catches outputs that were edited by hand."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from helpers import DATA, ROOT
from test_data_validation import set_cell

from factcheck.book import book_notebooks
from factcheck.notebooks import StaleOutputsError, check_outputs, execute_in_place, stale_notebooks

SMALLEST = ROOT / "chapters" / "10_methodology.ipynb"


@pytest.fixture
def book_copy(tmp_path: Path) -> Path:
    """A copy of the notebooks and of everything their outputs depend on."""
    for name in ("data", "seeds", "chapters"):
        shutil.copytree(ROOT / name, tmp_path / name)
    for name in ("_config.yml", "_toc.yml", "requirements.lock"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def test_every_committed_notebook_is_current():
    assert stale_notebooks(book_notebooks(ROOT), ROOT) == []


def test_the_book_lists_its_notebooks_from_the_table_of_contents():
    notebooks = book_notebooks(ROOT)
    assert SMALLEST in notebooks
    assert set(notebooks) == set(ROOT.glob("chapters/*.ipynb"))


def test_a_changed_figure_makes_every_notebook_stale_with_one_clear_message(book_copy):
    check_outputs(book_notebooks(book_copy), book_copy)
    set_cell(book_copy / "data" / "population.csv", 0, "population", "71095")
    with pytest.raises(StaleOutputsError) as caught:
        check_outputs(book_notebooks(book_copy), book_copy)
    message = str(caught.value)
    assert "chapters/10_methodology.ipynb" in message and "make execute" in message


def test_a_changed_code_cell_makes_its_notebook_stale(tmp_path):
    notebook = nbformat.read(SMALLEST, as_version=4)
    next(c for c in notebook.cells if c.cell_type == "code").source += "\n"
    copy = tmp_path / SMALLEST.name
    nbformat.write(notebook, copy)
    assert stale_notebooks([copy], ROOT) == [copy]


def test_prose_alone_does_not_make_a_notebook_stale(tmp_path):
    notebook = nbformat.read(SMALLEST, as_version=4)
    next(c for c in notebook.cells if c.cell_type == "markdown").source += " More words."
    copy = tmp_path / SMALLEST.name
    nbformat.write(notebook, copy)
    assert stale_notebooks([copy], ROOT) == []


def test_a_stale_notebook_stops_the_book_build(book_copy, monkeypatch):
    from sphinx.errors import ExtensionError

    from factcheck.sphinx import _configure

    set_cell(book_copy / "data" / "population.csv", 0, "population", "71095")
    monkeypatch.setenv("FACTCHECK_DATA", str(book_copy / "data"))
    app = SimpleNamespace(srcdir=str(book_copy))
    with pytest.raises(ExtensionError, match=r"(?s)chapters/10_methodology.ipynb.*make execute"):
        _configure(app, SimpleNamespace(html_static_path=[], myst_substitutions={}))


def test_executing_a_current_notebook_writes_the_same_bytes(tmp_path):
    copy = tmp_path / SMALLEST.name
    shutil.copy(SMALLEST, copy)
    assert execute_in_place(copy, ROOT) is False
    assert copy.read_bytes() == SMALLEST.read_bytes()


def test_nbval_fails_when_a_stored_output_is_edited_by_hand(tmp_path):
    notebook = json.loads(SMALLEST.read_text())
    cell = next(
        c
        for c in notebook["cells"]
        if c["cell_type"] == "code" and any("text/html" in o.get("data", {}) for o in c["outputs"])
    )
    output = next(o for o in cell["outputs"] if "text/html" in o.get("data", {}))
    output["data"]["text/html"] = "".join(output["data"]["text/html"]).replace("Accurate", "Acurate", 1)
    copy = tmp_path / SMALLEST.name
    copy.write_text(json.dumps(notebook))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval",
            "--nbval-current-env",
            "-p",
            "no:cacheprovider",
            "-o",
            "addopts=",
            "-q",
            str(copy),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"FACTCHECK_DATA": str(DATA), "PATH": str(Path(sys.executable).parent)},
    )
    assert result.returncode == 1, result.stdout[-2000:]
    assert "1 failed" in result.stdout
