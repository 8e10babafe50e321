"""Load and validate the book's Frictionless data package.

Every table goes through :func:`load_table`, which validates the resource
against ``data/datapackage.json`` (types, constraints, keys, foreign keys)
before returning it with its declared types. A malformed row raises
:class:`DataValidationError` whose message names file, row and column.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.descriptor import DESCRIPTOR
from factcheck.stamps import files_under, hash_files

if TYPE_CHECKING:
    import pandas as pd

DATA_ENV = "FACTCHECK_DATA"
MAX_REPORTED_ERRORS = 20


class DataValidationError(ValueError):
    """The data package breaks its own schema; the message lists each fault."""


@contextmanager
def data_dir_set(data_dir: Path, *, override: bool = False) -> Iterator[None]:
    """``$FACTCHECK_DATA`` pointed at ``data_dir`` for the block (kept as it is if already set, unless
    ``override``), then put back: a process that works on two books must not keep the first one's data."""
    previous = os.environ.get(DATA_ENV)
    if previous is None or override:
        os.environ[DATA_ENV] = str(data_dir)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(DATA_ENV, None)
        else:
            os.environ[DATA_ENV] = previous


def find_data_dir(start: Path | None = None) -> Path:
    """Return the ``data/`` folder holding ``datapackage.json``.

    ``$FACTCHECK_DATA`` wins; otherwise search upward from ``start`` (the
    working directory), so notebooks in ``chapters/`` and tests both find it.
    """
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV]).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / DESCRIPTOR).is_file():
            return folder / "data"
    raise FileNotFoundError(f"no data/{DESCRIPTOR} in {here} or any folder above it")


def data_state(data_dir: Path) -> tuple:
    """Each file's name, size and modification time: enough to know, within one
    process, that the package is unchanged, without reading it again."""
    return tuple(sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in data_dir.rglob("*") if p.is_file()))


def fingerprint(data_dir: Path) -> str:
    """A hash of every file of the package: equal fingerprints, equal data."""
    return hash_files(files_under(data_dir), data_dir)


def _validated_log(data_dir: Path) -> Path:
    return data_dir.parent / "_build" / ".validated-data"


def validate_package(data_dir: Path | None = None) -> None:
    """Validate every table of the package and raise on any fault.

    A package whose exact contents passed before (recorded in
    ``_build/.validated-data``) is not validated again: the build, the
    notebooks and the tests would otherwise each pay for it.
    """
    data_dir = (data_dir or find_data_dir()).resolve()
    current = fingerprint(data_dir)
    log = _validated_log(data_dir)
    if log.is_file() and current in log.read_text().split():
        return
    from factcheck.checks import faults  # imported late: Frictionless is slow to import

    lines = faults(data_dir)
    if lines:
        shown = lines[:MAX_REPORTED_ERRORS]
        if len(lines) > len(shown):
            shown.append(f"... and {len(lines) - len(shown)} more")
        raise DataValidationError("invalid data package:\n  " + "\n  ".join(shown))
    log.parent.mkdir(exist_ok=True)  # so that the next process (the build after `check`) trusts it too
    with log.open("a") as f:
        f.write(current + "\n")


@cache
def _load(data_dir: Path, name: str, state: tuple) -> pd.DataFrame:
    import pandas as pd  # imported here: the build's checks need no pandas

    validate_package(data_dir)
    resource = _resource(data_dir, name)
    frame = pd.read_csv(data_dir / resource["path"], dtype=str, keep_default_na=False)
    for field in resource["schema"]["fields"]:
        column = frame[field["name"]].replace("", None)
        if field["type"] == "integer":
            frame[field["name"]] = column.astype("Int64")
        elif field["type"] == "number":
            frame[field["name"]] = column.astype("Float64")
        elif field["type"] == "date":
            frame[field["name"]] = pd.to_datetime(column, format="%Y-%m-%d")
        elif field["type"] == "boolean":
            frame[field["name"]] = column.map({"true": True, "false": False}).astype("boolean")
        else:
            frame[field["name"]] = column.fillna("").astype(str)
    return frame


def _resource(data_dir: Path, name: str) -> dict:
    """The descriptor of resource ``name``; an unknown name is an error."""
    for resource in json.loads((data_dir / DESCRIPTOR).read_text())["resources"]:
        if resource["name"] == name:
            return resource
    raise KeyError(f"no table '{name}' in {data_dir.name}/{DESCRIPTOR}")


def load_table(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """Validate resource ``name`` and return it as a DataFrame with declared types.

    Integers become nullable ``Int64``, dates ``datetime64``; empty text stays "".
    The result is cached until a file of the package changes. An unknown
    name is an error.
    """
    data_dir = (data_dir or find_data_dir()).resolve()
    return _load(data_dir, name, data_state(data_dir)).copy()


def value_field(name: str, data_dir: Path | None = None) -> str:
    """The column holding a figure table's value, declared as ``valueField``."""
    resource = _resource(data_dir or find_data_dir(), name)
    if "valueField" not in resource:
        raise KeyError(f"resource '{name}' declares no valueField")
    return resource["valueField"]


def date_field(name: str, data_dir: Path | None = None) -> str:
    """The column holding a dated table's date, declared as ``dateField``."""
    resource = _resource(data_dir or find_data_dir(), name)
    if "dateField" not in resource:
        raise KeyError(f"resource '{name}' declares no dateField")
    return resource["dateField"]
