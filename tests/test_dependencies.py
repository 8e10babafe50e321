"""pyproject.toml declares every third-party module that the factcheck package imports."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from conftest import ROOT

PACKAGE = ROOT / "factcheck"


def _canonical(requirement: str) -> str:
    """A distribution's name as PEP 503 compares it, without its version or extras."""
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9._-]+", requirement)[0]).lower()


def imported_modules() -> set[str]:
    """The top-level modules imported by the package's own code (a new book's template files are the book's)."""
    modules = set()
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - {"factcheck"}


def test_the_package_imports_third_party_modules():
    assert {"pandas", "frictionless", "sphinx"} <= imported_modules()


def test_every_third_party_import_is_a_declared_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {_canonical(r) for r in project["dependencies"] + sum(project["optional-dependencies"].values(), [])}
    distributions = packages_distributions()
    undeclared = {
        module: distributions.get(module, ["(not installed)"])
        for module in imported_modules()
        if not {_canonical(d) for d in distributions.get(module, [])} & declared
    }
    assert undeclared == {}, "add these distributions to pyproject.toml"
