"""pyproject.toml declares every third-party module that the factcheck package imports."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions

from helpers import ROOT

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


def make(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", *arguments], capture_output=True, text=True, cwd=ROOT)


def test_make_test_stops_with_a_message_when_chromium_is_missing():
    result = make("chromium-present", "CHROMIUM=/nonexistent/chromium")
    assert result.returncode != 0
    assert "/nonexistent/chromium is missing: run 'make system-deps'" in result.stderr


def test_make_test_looks_for_chromium_first_and_installs_nothing():
    commands = make("--dry-run", "test", "CHROMIUM=/nonexistent/chromium").stdout.splitlines()
    assert commands[0].startswith("test -x /nonexistent/chromium")
    assert not [command for command in commands if "apt-get" in command]
    assert "make system-deps" in (ROOT / ".ci" / "run").read_text()
