"""The package's modules import one another without a circle: each concern has one
module, and a module that needs another's work imports it, never the other way back.

The graph is read from the source (every ``import`` of a ``factcheck`` module,
at the top of a file or inside a function), so an import hidden in a function
cannot hold a circle together either. The package's docstring maps every module.
"""

from __future__ import annotations

import ast
import graphlib

from helpers import ROOT

import factcheck

PACKAGE = ROOT / "factcheck"
MODULES = {path.stem for path in PACKAGE.glob("*.py")}


def imported_modules(source: str) -> set[str]:
    """The package's modules that ``source`` imports, wherever in it the import is."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # "from factcheck import search" imports a module; "from factcheck.x import y", module x
            names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        else:
            continue
        found |= {name.split(".")[1] for name in names if name.startswith("factcheck.")}
    return found & MODULES


def import_graph() -> dict[str, set[str]]:
    """Each module of the package and the package's modules it imports (itself left out)."""
    return {
        path.stem: imported_modules(path.read_text(encoding="utf-8")) - {path.stem} for path in PACKAGE.glob("*.py")
    }


def test_the_graph_is_read_from_the_source():
    graph = import_graph()
    assert "claims" in graph and "pages" in graph["claims"] and "dates" in graph["claims"]
    assert imported_modules("def f():\n    from factcheck.claims import claim\n") == {"claims"}
    assert imported_modules("from factcheck import search, load_table\n") == {"search"}


def test_no_module_of_the_package_imports_in_a_circle():
    try:
        graphlib.TopologicalSorter(import_graph()).prepare()
    except graphlib.CycleError as error:
        circle = " imports ".join(reversed(error.args[1]))  # graphlib lists it from importer to imported backwards
        raise AssertionError(f"modules import one another in a circle: {circle}") from None


def test_the_package_docstring_maps_every_module():
    unmapped = sorted(name for name in MODULES - {"__init__"} if f"``{name}``" not in factcheck.__doc__)
    assert not unmapped, f"factcheck/__init__.py's map of the modules does not name {', '.join(unmapped)}"


def late_imports(source: str) -> list[list[int]]:
    """The line numbers of each run of imports inside a function, run by run."""
    runs = []
    for function in ast.walk(ast.parse(source)):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            lines = sorted(
                node.lineno
                for node in ast.walk(function)
                if isinstance(node, (ast.Import, ast.ImportFrom)) and node.lineno > function.lineno
            )
            for line in lines:
                if runs and runs[-1][-1] == line - 1:
                    runs[-1].append(line)
                else:
                    runs.append([line])
    return runs


def test_an_import_inside_a_function_says_what_start_up_time_it_buys():
    # the command line imports each command's modules as it runs, as its comment says once
    unexplained = []
    for path in sorted(PACKAGE.glob("*.py")):
        if path.stem == "__main__":
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for run in late_imports("\n".join(lines)):
            if not any("#" in lines[number - 1] for number in run):
                unexplained.append(f"{path.name}:{run[0]}")
    assert not unexplained, "an import inside a function without a comment saying why: " + ", ".join(unexplained)
