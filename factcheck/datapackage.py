"""Load and validate the book's Frictionless data package.

Every table goes through :func:`load_table`, which validates the resource
against ``data/datapackage.json`` (types, constraints, keys, foreign keys)
before returning it with its declared types. A malformed row raises
:class:`DataValidationError` whose message names file, row and column.
"""

from __future__ import annotations

import csv
import hashlib
import ipaddress
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import pandas as pd

DESCRIPTOR = "datapackage.json"
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


CONSTRAINT_WORDS = {
    "minimum": "is below the minimum {}",
    "maximum": "is above the maximum {}",
    "pattern": "does not match the pattern {}",
    "enum": "is not one of the allowed values {}",
    "minLength": "is shorter than {} characters",
    "maxLength": "is longer than {} characters",
}


def _describe(error, path: str, primary_key: list[str]) -> str:
    """One line for one frictionless error: file, row, column, what is wrong."""
    where, cell, note = path, getattr(error, "cell", None), error.note
    if getattr(error, "row_number", None):
        where += f", row {error.row_number}"
    field = getattr(error, "field_name", None)
    if error.type == "primary-key":
        field = ", ".join(primary_key)
    elif error.type == "foreign-key":
        field = ", ".join(re.findall(r'for "([^"]+)"', note)[:1])
    if field:
        where += f", column '{field}'"
    same_row = re.search(r"row at position (\d+)", note)
    if error.type == "type-error":
        expected = re.findall(r'"([^"/]+)', note)[0]
        what = f"'{cell}' is not a valid {expected}"
    elif error.type == "constraint-error":
        name, value = re.findall(r'"([^"]*)"', note)[:2]
        if name == "required":
            what = "a value is required but the cell is empty"
        else:
            what = f"'{cell}' " + CONSTRAINT_WORDS.get(name, name + " {}").format(value)
    elif error.type == "foreign-key":
        missing = re.search(r'values "([^"]*)" not found in the lookup table "([^"]+)"', note)
        what = f"'{missing[1]}' is not a known id in {missing[2]}" if missing else note
    elif error.type in ("primary-key", "unique-error") and same_row:
        what = f"duplicate id: the same value as row {same_row[1]}"
    elif error.type == "missing-cell":
        what = "the row is too short: this cell is missing"
    elif error.type == "extra-cell":
        what = f"the row has an extra cell '{cell}' beyond the header"
    else:
        what = f"{error.type}: {note or error.message}"
    return f"{where}: {what}"


def _format_report(report, package) -> str:
    data_dir = Path(package.basepath)
    lines = []
    for task in report.tasks:
        resource = package.get_resource(task.name)
        path = f"{data_dir.name}/{resource.path}"
        for error in task.errors:
            line = _describe(error, path, resource.schema.primary_key)
            if line not in lines:  # a unique id is also the primary key: say it once
                lines.append(line)
    lines += [f"{data_dir.name}/{DESCRIPTOR}: {e.message}" for e in report.errors]
    shown = lines[:MAX_REPORTED_ERRORS]
    if len(lines) > len(shown):
        shown.append(f"... and {len(lines) - len(shown)} more")
    return "invalid data package:\n  " + "\n  ".join(shown)


def data_state(data_dir: Path) -> tuple:
    """Each file's name, size and modification time: enough to know, within one
    process, that the package is unchanged, without reading it again."""
    return tuple(sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in data_dir.rglob("*") if p.is_file()))


def fingerprint(data_dir: Path) -> str:
    """A hash of every file of the package: equal fingerprints, equal data."""
    digest = hashlib.sha256()
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        digest.update(path.relative_to(data_dir).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _rows(data_dir: Path, resource: dict) -> list[dict]:
    with (data_dir / resource["path"]).open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def host_matches(host: str, domains: list[str]) -> bool:
    """Whether ``host`` is one of ``domains`` or a subdomain of one."""
    return any(host == d or host.endswith("." + d) for d in domains)


# A label such as "staging", "digital-staging", "qa", "dev2" or "preprod" marks
# a publisher's internal host: pages there move, vanish or differ from the public ones.
NON_PUBLIC_LABEL = re.compile(r"(^|-)(staging|stage|stg|qa|dev|develop|test|testing|preprod|uat|sandbox)\d*(-|$)")


def non_public_label(host: str, domains: list[str]) -> str | None:
    """The label of ``host``, left of its publisher's domain, that marks a staging, QA or dev host."""
    domain = max((d for d in domains if host_matches(host, [d])), key=len, default="")
    labels = host.removesuffix(domain).strip(".").split(".") if domain else host.split(".")[:-2]
    return next((label for label in labels if NON_PUBLIC_LABEL.search(label)), None)


def _check_host(data_dir: Path, resources: dict, resource: dict, field: dict) -> list[str]:
    """``hostIn``: a URL's host must be a public host of a domain of a row that its foreign keys point at."""
    rule = field["hostIn"]
    lookup = {row[rule["key"]]: row[rule["domains"]].split() for row in _rows(data_dir, resources[rule["resource"]])}
    faults = []
    for number, row in enumerate(_rows(data_dir, resource), start=2):
        host = (urlsplit(row[field["name"]]).hostname or "").lower()
        owners = [row[name] for name in rule["fields"] if row[name]]
        allowed = [d for owner in owners for d in lookup.get(owner, [])]
        where = f"{data_dir.name}/{resource['path']}, row {number}, column '{field['name']}'"
        try:
            ipaddress.ip_address(host)
            faults.append(f"{where}: '{host}' is an IP address; link the publisher's own site")
            continue
        except ValueError:
            pass
        label = non_public_label(host, allowed)
        if label:
            faults.append(f"{where}: '{host}' is a staging, QA or development host ('{label}'); link the public page")
            continue
        if allowed and not host_matches(host, allowed):
            faults.append(
                f"{where}: '{host}' is not a domain of {' or '.join(repr(o) for o in owners)} ({', '.join(allowed)})"
            )
    return faults


def _number(text: str) -> float | None:
    return float(text) if text else None


def _check_range(data_dir: Path, resource: dict, field: dict) -> list[str]:
    """``rangeOf``: a range's high end is at least its low end, and present where the qualifier needs it."""
    rule = field["rangeOf"]
    low_name, high_name = rule["low"], field["name"]
    needed = rule.get("requiredIf", {})
    faults = []
    for number, row in enumerate(_rows(data_dir, resource), start=2):
        where = f"{data_dir.name}/{resource['path']}, row {number}, column '{high_name}'"
        low, high = _number(row[low_name]), _number(row[high_name])
        if high is None:
            for name, value in needed.items():
                if row[name] == value:
                    faults.append(f"{where}: a value is required when '{name}' is '{value}'")
        elif low is not None and high < low:
            faults.append(f"{where}: '{row[high_name]}' is below the low end '{row[low_name]}' in column '{low_name}'")
    return faults


def _check_not_before(data_dir: Path, resource: dict, field: dict) -> list[str]:
    """``notBefore``: an end date is not before the start date it closes."""
    start_name, end_name = field["notBefore"], field["name"]
    faults = []
    for number, row in enumerate(_rows(data_dir, resource), start=2):
        # ISO dates compare as text; a malformed one is already reported by Frictionless
        if row[start_name] and row[end_name] and row[end_name] < row[start_name]:
            where = f"{data_dir.name}/{resource['path']}, row {number}, column '{end_name}'"
            faults.append(
                f"{where}: '{row[end_name]}' is before the start '{row[start_name]}' in column '{start_name}'"
            )
    return faults


REFERENCE = re.compile(r"\{([a-z_]+):([a-z0-9-]+)\}")


def _check_references(data_dir: Path, resources: dict) -> list[str]:
    """Every ``{table:id}`` in a text cell names a figure table (one with a ``valueField``) and one of its rows."""
    ids = {}
    for name, resource in resources.items():
        if "valueField" in resource:
            key = resource["schema"]["primaryKey"][0]
            ids[name] = {row[key] for row in _rows(data_dir, resource)}
    faults = []
    for resource in resources.values():
        texts = [f["name"] for f in resource["schema"]["fields"] if f["type"] == "string"]
        for number, row in enumerate(_rows(data_dir, resource), start=2):
            for column in texts:
                for table, row_id in REFERENCE.findall(row[column] or ""):
                    where = f"{data_dir.name}/{resource['path']}, row {number}, column '{column}'"
                    if table not in ids:
                        known = ", ".join(sorted(ids))
                        faults.append(f"{where}: '{{{table}:{row_id}}}' names no figure table (known: {known})")
                    elif row_id not in ids[table]:
                        faults.append(f"{where}: '{{{table}:{row_id}}}' names no row of {table}")
    return faults


def _check_rules(data_dir: Path) -> list[str]:
    """Rules Frictionless cannot express, declared on fields of the descriptor,
    and the ``{table:id}`` references that text cells make to figures."""
    descriptor = json.loads((data_dir / DESCRIPTOR).read_text())
    resources = {r["name"]: r for r in descriptor["resources"]}
    faults = []
    for resource in descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            if "hostIn" in field:
                faults += _check_host(data_dir, resources, resource, field)
            if "rangeOf" in field:
                faults += _check_range(data_dir, resource, field)
            if "notBefore" in field:
                faults += _check_not_before(data_dir, resource, field)
            if "insideCountry" in field:
                from factcheck.geo import check_inside_country

                faults += check_inside_country(data_dir, resource, _rows(data_dir, resource), field)
    return faults + _check_references(data_dir, resources)


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
    from frictionless import Package  # imported late: it is slow to import

    package = Package(str(data_dir / DESCRIPTOR), basepath=str(data_dir))
    report = package.validate()
    if not report.valid:
        raise DataValidationError(_format_report(report, package))
    faults = _check_rules(data_dir)
    if faults:
        raise DataValidationError("invalid data package:\n  " + "\n  ".join(faults[:MAX_REPORTED_ERRORS]))
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
