"""The book's own rules run as Frictionless checks, on a small package made here, and every
message is built from the errors' fields, whatever their notes say."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from frictionless import Check, Package, errors
from helpers import set_cell

from factcheck.checks import (
    FigureReferences,
    ForeignKeys,
    HostIn,
    InsideCountry,
    NotBefore,
    RangeOf,
    RoleReferences,
    RuleError,
    checklist,
    describe,
    faults,
)

SCHEMAS = {
    "publishers": {
        "fields": [{"name": "publisher_id", "type": "string"}, {"name": "domains", "type": "string"}],
        "primaryKey": ["publisher_id"],
    },
    "pieces": {
        "fields": [
            {"name": "piece_id", "type": "string"},
            {"name": "publisher_id", "type": "string"},
            {
                "name": "url",
                "type": "string",
                "hostIn": {
                    "fields": ["publisher_id"],
                    "resource": "publishers",
                    "key": "publisher_id",
                    "domains": "domains",
                },
            },
            {"name": "note", "type": "string"},
        ],
        "primaryKey": ["piece_id"],
    },
    "counts": {
        "fields": [
            {"name": "count_id", "type": "string"},
            {"name": "qualifier", "type": "string"},
            {"name": "value", "type": "integer"},
            {
                "name": "value_high",
                "type": "integer",
                "rangeOf": {"low": "value", "requiredIf": {"qualifier": "between"}},
            },
            {"name": "start", "type": "date"},
            {"name": "end", "type": "date", "notBefore": "start"},
            {"name": "country", "type": "string"},
            {"name": "latitude", "type": "number", "insideCountry": {"longitude": "longitude", "country": "country"}},
            {"name": "longitude", "type": "number"},
        ],
        "primaryKey": ["count_id"],
    },
}
FIGURE_TABLES = {"counts": "value"}  # each figure table's valueField
DATED_TABLES = {"counts": "start"}  # each dated table's dateField
GOOD = {
    "publishers": [["publisher_id", "domains"], ["paper", "paper.example"]],
    "pieces": [
        ["piece_id", "publisher_id", "url", "note"],
        [
            "one",
            "paper",
            "https://www.paper.example/a",
            "{counts:c} on {date}`counts:c` to {date}`c.end/month` ({fig}`c`)",
        ],
    ],
    "counts": [
        ["count_id", "qualifier", "value", "value_high", "start", "end", "country", "latitude", "longitude"],
        ["c", "between", "10", "20", "2023-01-01", "2023-01-31", "Ukraine", "48.6", "38.0"],
    ],
}


def package(tmp_path: Path, **changes: dict[tuple[int, str], str]) -> Path:
    """A valid package in ``tmp_path``, with cells changed: table=({data row, column}: value)."""
    resources = []
    for name, rows in GOOD.items():
        rows = [list(row) for row in rows]
        for (row, column), value in changes.get(name, {}).items():
            rows[row + 1][rows[0].index(column)] = value
        (tmp_path / f"{name}.csv").write_text("".join(",".join(row) + "\n" for row in rows))
        resource = {"name": name, "path": f"{name}.csv", "schema": SCHEMAS[name]}
        resource |= {"valueField": FIGURE_TABLES[name]} if name in FIGURE_TABLES else {}
        resources.append(resource | ({"dateField": DATED_TABLES[name]} if name in DATED_TABLES else {}))
    (tmp_path / "datapackage.json").write_text(json.dumps({"name": "test", "resources": resources}))
    return tmp_path


def test_every_rule_is_a_frictionless_check():
    checks = checklist().checks
    assert {type(check) for check in checks} == {
        ForeignKeys,
        HostIn,
        InsideCountry,
        RangeOf,
        NotBefore,
        FigureReferences,
        RoleReferences,
    }
    assert all(isinstance(check, Check) and check.Errors for check in checks)


def test_a_valid_package_passes_every_check(tmp_path):
    assert faults(package(tmp_path)) == []


@pytest.mark.parametrize(
    "table, cells, error_type, line",
    [
        (
            "pieces",
            {(0, "url"): "https://news.example/a"},
            "host-error",
            "pieces.csv, row 2, column 'url': 'news.example' is not a domain of 'paper'",
        ),
        ("pieces", {(0, "url"): "https://10.0.0.1/a"}, "host-error", "column 'url': '10.0.0.1' is an IP address"),
        (
            "pieces",
            {(0, "url"): "https://qa.paper.example/a"},
            "host-error",
            "is a staging, QA or development host ('qa')",
        ),
        (
            "counts",
            {(0, "value_high"): "5"},
            "range-error",
            "column 'value_high': '5' is below the low end '10' in column 'value'",
        ),
        (
            "counts",
            {(0, "value_high"): ""},
            "range-error",
            "column 'value_high': a value is required when 'qualifier' is 'between'",
        ),
        (
            "counts",
            {(0, "end"): "2022-12-31"},
            "order-error",
            "column 'end': '2022-12-31' is before the start '2023-01-01'",
        ),
        ("counts", {(0, "latitude"): "55.7"}, "place-error", "column 'latitude': (55.7, 38.0) is not inside Ukraine"),
        (
            "pieces",
            {(0, "note"): "{counts:d}"},
            "reference-error",
            "column 'note': '{counts:d}' names no row of counts",
        ),
        (
            "pieces",
            {(0, "note"): "{pieces:one}"},
            "reference-error",
            "'{pieces:one}' names no figure table (known: counts)",
        ),
        (
            "pieces",
            {(0, "note"): "{fig}`d`"},
            "role-reference-error",
            "pieces.csv, row 2, column 'note': {fig}`d` names no row of counts",
        ),
        (
            "pieces",
            {(0, "note"): "{date}`pieces:one`"},
            "role-reference-error",
            "{date}`pieces:one` names no table with a dateField (known: counts)",
        ),
        (
            "pieces",
            {(0, "note"): "{date}`d.end`"},
            "role-reference-error",
            "{date}`d.end` names no row of counts",
        ),
        (
            "pieces",
            {(0, "note"): "{date}`c.end_dat`"},
            "role-reference-error",
            "{date}`c.end_dat` names no date field 'end_dat' of counts",
        ),
        (
            "pieces",
            {(0, "note"): "{date}`c.end/week`"},
            "role-reference-error",
            "{date}`c.end/week` asks for a precision other than year, month, day",
        ),
        (
            "pieces",
            {(0, "note"): "{quote}`c`"},
            "role-reference-error",
            "{quote}`c` names no row of ",  # no table here has an excerpt
        ),
    ],
)
def test_each_check_reports_its_rule_through_frictionless(tmp_path, table, cells, error_type, line):
    folder = package(tmp_path, **{table: cells})
    report = Package(str(folder / "datapackage.json"), basepath=str(folder)).validate(checklist())
    assert [found for (found,) in report.flatten(["type"])] == [error_type]
    assert any(line in fault for fault in faults(folder))


def test_a_malformed_cell_is_left_to_the_schema_check(tmp_path):
    assert faults(package(tmp_path, counts={(0, "value_high"): "many"})) == [
        f"{tmp_path.name}/counts.csv, row 2, column 'value_high': 'many' is not a valid integer"
    ]


def test_messages_come_from_the_errors_fields_not_their_notes(tmp_path):
    folder = package(tmp_path)
    resource = Package(str(folder / "datapackage.json"), basepath=str(folder)).get_resource("counts")
    cells = ["c", "between", "10", "20", "2023-01-01", "2023-01-31", "Ukraine", "91", "38.0"]
    fields = dict(cells=cells, row_number=2, note="(a note that says something else)")
    constraint = errors.ConstraintError(cell="91", field_name="latitude", field_number=8, **fields)
    resource.schema.get_field("latitude").constraints = {"maximum": 90}
    assert (
        describe(constraint, resource)
        == f"{folder.name}/counts.csv, row 2, column 'latitude': '91' is above the maximum 90"
    )
    typed = errors.TypeError(cell="many", field_name="value", field_number=3, **fields)
    assert describe(typed, resource).endswith("column 'value': 'many' is not a valid integer")
    rule = RuleError(cell="91", field_name="latitude", field_number=8, cells=cells, row_number=2, note="what is wrong")
    assert describe(rule, resource).endswith("row 2, column 'latitude': what is wrong")


def _frictionless_own_faults(data_dir: Path) -> list[str]:
    """The lines for the foreign-key errors Frictionless finds itself, with the keys left in the schemas."""
    package = Package(str(data_dir / "datapackage.json"), basepath=str(data_dir))
    return [
        describe(error, package.get_resource(task.name))
        for task in package.validate().tasks
        for error in task.errors
        if error.type == "foreign-key"
    ]


def test_foreign_keys_are_reported_as_frictionless_reports_them(data_copy):
    """ForeignKeys stands in for Frictionless' own check, which reads a referenced table again for each key:
    on a copy with two broken one-column keys, a broken three-column key and an empty key, both find the same
    rows, in the same words."""
    set_cell(data_copy / "sources.csv", 0, "publisher_id", "no-such-publisher")
    set_cell(data_copy / "quoted_evidence.csv", 1, "locator", "no such place")
    set_cell(data_copy / "events.csv", 2, "topic", "")
    set_cell(data_copy / "claim_evidence.csv", 0, "claim_id", "no-such-claim")
    own = _frictionless_own_faults(data_copy)
    assert len(own) == 3, own  # an empty key is no reference (the schema says whether it may be empty)
    assert [line for line in faults(data_copy) if "is not a known id" in line] == own
