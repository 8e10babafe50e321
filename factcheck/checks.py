"""Frictionless checks for the rules a schema cannot express, and one message per error.

Each rule is declared on a field of ``datapackage.json`` (``hostIn``, ``insideCountry``,
``rangeOf``, ``notBefore``) or follows from the package (``{table:id}`` references and the prose's
roles ``{fig}`key``` and ``{date}`key``` in text cells). Each is a :class:`frictionless.Check` that
Frictionless runs on every row of every table beside its own checks, so that one validation reports every fault.
Messages are built from the errors' fields (type, row, field, cell), never parsed from their text.

This module imports Frictionless, which is slow to import: :mod:`factcheck.datapackage`
imports it only when a package must be validated.
"""

from __future__ import annotations

import csv
import ipaddress
import re
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

from frictionless import Check, Checklist, Package, Resource, errors
from frictionless.table import Row

from factcheck.descriptor import (
    DESCRIPTOR,
    PRECISIONS,
    REFERENCE,
    ROLE,
    ROLE_FIELDS,
    ROLES,
    SPAN,
    date_key,
    serves_role,
)
from factcheck.geo import in_country


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


class RuleError(errors.CellError):
    """A cell breaks a rule declared beside the schema; the note says how."""

    type = "rule-error"
    title = "Rule Error"
    description = "A cell breaks a rule declared on its field beyond the Table Schema."
    template = "{note}"


class HostError(RuleError):
    type = "host-error"
    title = "Host Error"
    description = "A link does not go to a public host of its publisher (hostIn)."


class PlaceError(RuleError):
    type = "place-error"
    title = "Place Error"
    description = "Coordinates lie outside the country the row names (insideCountry)."


class RangeError(RuleError):
    type = "range-error"
    title = "Range Error"
    description = "A range's high end is missing where needed or below its low end (rangeOf)."


class OrderError(RuleError):
    type = "order-error"
    title = "Order Error"
    description = "An end date is before the start date it closes (notBefore)."


class FigureReferenceError(RuleError):
    type = "reference-error"
    title = "Reference Error"
    description = "A {table:id} reference in a text cell names no figure table or no row of one."


class RoleReferenceError(RuleError):
    type = "role-reference-error"
    title = "Role Reference Error"
    description = "A {fig}, {date} or {quote} key in a text cell names no row, or more than one, of the tables it may."


def _row_ids(resource: Resource) -> set[str]:
    """The values of a table's (first) key field."""
    key = resource.schema.primary_key[0]
    return {row[key] for row in _rows(resource)}


def _rows(resource: Resource) -> list[dict]:
    """The rows of ``resource`` as text, read beside Frictionless' own reading of it."""
    with Path(resource.normpath).open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


class ForeignKeys(Check):
    """Every foreign key names a row of the table it refers to. Frictionless checks this itself, but reads
    the referenced table again for each key of each table, half the time of a validation; this check reads
    each once per validation. ``declared`` holds each table's foreign keys, taken out of its schema (see
    :func:`faults`) so that Frictionless does not check them too; its errors are Frictionless' own."""

    type = "foreign-keys"
    Errors = [errors.ForeignKeyError]

    def __init__(self, declared: dict[str, list[dict]] | None = None) -> None:
        super().__init__()
        self.declared = declared or {}
        self.known: dict[tuple[str, tuple[str, ...]], set[tuple]] = {}

    def connect(self, resource: Resource) -> None:
        """Sorts the table's keys into those to check row by row and those that name no table or column."""
        super().connect(resource)
        package = resource.package
        self.foreign_keys, self.broken = [], []
        for key in self.declared.get(resource.name, []):
            table, fields = key["reference"]["resource"] or resource.name, tuple(key["reference"]["fields"])
            if not package.has_resource(table):
                self.broken.append(f"a foreign key refers to a table '{table}' the package does not have")
            elif not set(fields) <= set(package.get_resource(table).schema.field_names):
                self.broken.append(f"a foreign key refers to columns {list(fields)} that {table} lacks")
            else:
                self.foreign_keys.append((tuple(key["fields"]), table, fields))

    def validate_start(self) -> Iterator[errors.Error]:
        for note in self.broken:
            yield errors.ResourceError(note=note)

    def keys(self, table: str, fields: tuple[str, ...]) -> set[tuple]:
        """The values of ``fields`` in the rows of ``table``, as its schema types them."""
        if (table, fields) not in self.known:
            resource = self.resource.package.get_resource(table)
            typed = [resource.schema.get_field(name) for name in fields]
            values = (tuple(field.read_cell(row[field.name] or "")[0] for field in typed) for row in _rows(resource))
            self.known[table, fields] = {cells for cells in values if set(cells) != {None}}
        return self.known[table, fields]

    def validate_row(self, row: Row) -> Iterator[errors.ForeignKeyError]:
        for names, table, fields in self.foreign_keys:
            cells = tuple(row[name] for name in names)
            if set(cells) != {None} and cells not in self.keys(table, fields):
                note = f"{', '.join(map(str, cells))} is not in {table} ({', '.join(fields)})"
                yield errors.ForeignKeyError.from_row(
                    row,
                    note=note,
                    field_names=list(names),
                    field_values=list(cells),
                    reference_name=table,
                    reference_field_names=list(fields),
                )


class FieldRule(Check):
    """A rule declared as property ``rule`` on fields: each such field of the resource is checked."""

    rule: str

    def connect(self, resource: Resource) -> None:
        super().connect(resource)
        self.declared = [
            (field.name, field.custom[self.rule]) for field in resource.schema.fields if self.rule in field.custom
        ]

    def validate_row(self, row: Row) -> Iterator[RuleError]:
        for name, declaration in self.declared:
            yield from self.check(row, name, declaration)

    def check(self, row: Row, name: str, declaration) -> Iterator[RuleError]:
        raise NotImplementedError


def _valid(row: Row, *names: str) -> bool:
    """Whether cells ``names`` are present and well-formed (a malformed one Frictionless reports itself)."""
    return all(row[name] is not None and name not in row.error_cells for name in names)


class HostIn(FieldRule):
    """``hostIn``: a URL's host is a public host of a domain of a row that its foreign keys point at."""

    type = "host-in"
    rule = "hostIn"
    Errors = [HostError]

    def connect(self, resource: Resource) -> None:
        super().connect(resource)
        self.domains = {}
        for name, declaration in self.declared:
            lookup = resource.package.get_resource(declaration["resource"])
            self.domains[name] = {row[declaration["key"]]: row[declaration["domains"]].split() for row in _rows(lookup)}

    def check(self, row: Row, name: str, declaration) -> Iterator[RuleError]:
        if not _valid(row, name):
            return
        host = (urlsplit(row[name]).hostname or "").lower()
        owners = [row[owner] for owner in declaration["fields"] if row[owner]]
        allowed = [domain for owner in owners for domain in self.domains[name].get(owner, [])]
        try:
            ipaddress.ip_address(host)
            yield HostError.from_row(
                row, field_name=name, note=f"'{host}' is an IP address; link the publisher's own site"
            )
            return
        except ValueError:
            pass
        label = non_public_label(host, allowed)
        if label:
            note = f"'{host}' is a staging, QA or development host ('{label}'); link the public page"
            yield HostError.from_row(row, field_name=name, note=note)
        elif allowed and not host_matches(host, allowed):
            note = f"'{host}' is not a domain of {' or '.join(repr(o) for o in owners)} ({', '.join(allowed)})"
            yield HostError.from_row(row, field_name=name, note=note)


class InsideCountry(FieldRule):
    """``insideCountry``: a row's coordinates (this field the latitude) lie inside the country it names."""

    type = "inside-country"
    rule = "insideCountry"
    Errors = [PlaceError]

    def check(self, row: Row, name: str, declaration) -> Iterator[RuleError]:
        longitude, country = declaration["longitude"], declaration["country"]
        if not _valid(row, name, longitude, country):
            return
        lat, lon = float(row[name]), float(row[longitude])
        if not in_country(row[country], lat, lon):
            yield PlaceError.from_row(row, field_name=name, note=f"({lat}, {lon}) is not inside {row[country]}")


class RangeOf(FieldRule):
    """``rangeOf``: a range's high end (this field) is at least its low end, and present where a qualifier needs it."""

    type = "range-of"
    rule = "rangeOf"
    Errors = [RangeError]

    def check(self, row: Row, name: str, declaration) -> Iterator[RuleError]:
        low = declaration["low"]
        if name in row.error_cells:
            return
        if row[name] is None:
            for other, value in declaration.get("requiredIf", {}).items():
                if row[other] == value:
                    note = f"a value is required when '{other}' is '{value}'"
                    yield RangeError.from_row(row, field_name=name, note=note)
        elif _valid(row, low) and row[name] < row[low]:
            note = f"'{row[name]}' is below the low end '{row[low]}' in column '{low}'"
            yield RangeError.from_row(row, field_name=name, note=note)


class NotBefore(FieldRule):
    """``notBefore``: an end date (this field) is not before the start date it closes."""

    type = "not-before"
    rule = "notBefore"
    Errors = [OrderError]

    def check(self, row: Row, name: str, start) -> Iterator[RuleError]:
        if _valid(row, name, start) and row[name] < row[start]:
            note = f"'{row[name]}' is before the start '{row[start]}' in column '{start}'"
            yield OrderError.from_row(row, field_name=name, note=note)


class TextReferences(Check):
    """A check of what the text cells of a table refer to (``self.texts``: its string fields)."""

    def connect(self, resource: Resource) -> None:
        super().connect(resource)
        self.texts = [field.name for field in resource.schema.fields if field.type == "string"]


class FigureReferences(TextReferences):
    """Every ``{table:id}`` in a text cell names a figure table (one with a ``valueField``) and one of its rows."""

    type = "figure-references"
    Errors = [FigureReferenceError]

    @cached_property
    def figure_ids(self) -> dict[str, set[str]]:
        """The row ids of each figure table of the package, read once per validation."""
        return {
            resource.name: _row_ids(resource)
            for resource in self.resource.package.resources
            if "valueField" in resource.custom
        }

    def validate_row(self, row: Row) -> Iterator[RuleError]:
        for name in self.texts:
            for table, row_id in REFERENCE.findall(row[name] or ""):
                if table not in self.figure_ids:
                    known = ", ".join(sorted(self.figure_ids))
                    note = f"'{{{table}:{row_id}}}' names no figure table (known: {known})"
                    yield FigureReferenceError.from_row(row, field_name=name, note=note)
                elif row_id not in self.figure_ids[table]:
                    note = f"'{{{table}:{row_id}}}' names no row of {table}"
                    yield FigureReferenceError.from_row(row, field_name=name, note=note)


class RoleReferences(TextReferences):
    """Every ``{fig}`key```, ``{date}`key``` and ``{quote}`key``` in a text cell names exactly one row of a table
    that declares the role's field (``valueField``, ``dateField``, an ``excerpt``); a key "table:id" names its table."""

    type = "role-references"
    Errors = [RoleReferenceError]

    @cached_property
    def row_ids(self) -> dict[str, dict[str, set[str]]]:
        """For each role, the row ids of each table it may name, read once per validation."""
        ids = {role: {} for role in ROLES}
        for resource in self.resource.package.resources:
            schema = resource.schema
            for role in ROLES:
                if serves_role(role, resource.custom, schema.field_names, schema.primary_key):
                    ids[role][resource.name] = _row_ids(resource)
        return ids

    def validate_row(self, row: Row) -> Iterator[RuleError]:
        for name in self.texts:
            for role, key in ROLE.findall(row[name] or ""):
                fault = self.fault(role, key)
                if fault:
                    note = f"{{{role}}}`{key}` {fault}"
                    yield RoleReferenceError.from_row(row, field_name=name, note=note)

    def fault(self, role: str, key: str) -> str | None:
        """What is wrong with ``key`` for ``role``, or None."""
        tables = self.row_ids[role]
        field = ""
        if role == "date":  # "id.period_end/month": the row is "id", the date its period_end, said to the month
            try:
                key, field, _ = date_key(key)
            except KeyError:
                return f"asks for a precision other than {', '.join(PRECISIONS)}"
        table, _, row_id = key.rpartition(":")
        if table and table not in tables:
            holds = ROLE_FIELDS.get(role, "excerpt")
            return f"names no table with a {holds} (known: {', '.join(sorted(tables))})"
        holding = [name for name in ([table] if table else sorted(tables)) if row_id in tables[name]]
        if not holding:
            return f"names no row of {table or ', '.join(sorted(tables))}"
        if len(holding) > 1:
            return f"is ambiguous: write one of {', '.join(f'{name}:{row_id}' for name in holding)}"
        fields = self.resource.package.get_resource(holding[0]).schema.field_names
        if field and field != SPAN and field not in fields:
            return f"names no date field '{field}' of {holding[0]}"
        return None


def checklist(foreign_keys: dict[str, list[dict]] | None = None) -> Checklist:
    """The book's own checks, run by Frictionless beside its schema checks; ``foreign_keys``, those
    taken out of the tables' schemas, are checked by :class:`ForeignKeys`."""
    return Checklist(
        checks=[
            ForeignKeys(foreign_keys),
            HostIn(),
            InsideCountry(),
            RangeOf(),
            NotBefore(),
            FigureReferences(),
            RoleReferences(),
        ]
    )


CONSTRAINT_WORDS = {
    "required": "a value is required but the cell is empty",
    "minimum": "'{cell}' is below the minimum {limit}",
    "maximum": "'{cell}' is above the maximum {limit}",
    "pattern": "'{cell}' does not match the pattern {limit}",
    "enum": "'{cell}' is not one of the allowed values {limit}",
    "minLength": "'{cell}' is shorter than {limit} characters",
    "maxLength": "'{cell}' is longer than {limit} characters",
}


def _broken_constraint(resource: Resource, error) -> str:
    """What a constraint error breaks, from the field's own reading of the cell."""
    field = resource.schema.get_field(error.field_name)
    cell = error.cells[error.field_number - 1] if error.field_number <= len(error.cells) else ""  # a short row's
    _, notes = field.read_cell(cell)
    name = next(iter(notes))
    words = CONSTRAINT_WORDS.get(name, "'{cell}' breaks the constraint " + name + " {limit}")
    return words.format(cell=cell, limit=field.constraints.get(name))


def _first_row_with(resource: Resource, cells: dict[str, str]) -> int | None:
    """The number of the first row of ``resource`` holding ``cells`` (the header is row 1)."""
    for number, row in enumerate(_rows(resource), start=2):
        if all(row[name] == value for name, value in cells.items()):
            return number
    return None


def describe(error, resource: Resource) -> str:
    """One line for one error of ``resource``: file, row, column, what is wrong."""
    where = f"{Path(resource.basepath).name}/{resource.path}"
    if getattr(error, "row_number", None):
        where += f", row {error.row_number}"
    field = getattr(error, "field_name", None)
    if error.type == "primary-key":
        field = ", ".join(resource.schema.primary_key)
    elif error.type == "foreign-key":
        field = ", ".join(error.field_names)
    if field:
        where += f", column '{field}'"
    if isinstance(error, RuleError):
        what = error.note
    elif error.type == "type-error":
        what = f"'{error.cell}' is not a valid {resource.schema.get_field(error.field_name).type}"
    elif error.type == "constraint-error":
        what = _broken_constraint(resource, error)
    elif error.type == "foreign-key":
        what = f"'{' '.join(error.field_cells)}' is not a known id in {error.reference_name or resource.name}"
    elif error.type in ("primary-key", "unique-error"):
        names = resource.schema.primary_key if error.type == "primary-key" else [error.field_name]
        cells = {name: error.cells[resource.schema.field_names.index(name)] for name in names}
        what = f"duplicate id: the same value as row {_first_row_with(resource, cells)}"
    elif error.type == "missing-cell":
        what = "the row is too short: this cell is missing"
    elif error.type == "extra-cell":
        what = f"the row has an extra cell '{error.cell}' beyond the header"
    else:
        what = f"{error.type}: {error.note or error.message}"
    return f"{where}: {what}"


def faults(data_dir: Path) -> list[str]:
    """Every fault of the package in ``data_dir``, one line each, in file order."""
    package = Package(str(data_dir / DESCRIPTOR), basepath=str(data_dir))
    foreign_keys = {resource.name: resource.schema.foreign_keys for resource in package.resources}
    for resource in package.resources:
        resource.schema.foreign_keys = []
    report = package.validate(checklist(foreign_keys))
    lines = []
    for task in report.tasks:
        resource = package.get_resource(task.name)
        for error in task.errors:
            line = describe(error, resource)
            if line not in lines:  # a unique id is also the primary key: say it once
                lines.append(line)
    return lines + [f"{data_dir.name}/{DESCRIPTOR}: {error.message}" for error in report.errors]
