"""Codes as words: every code a reader sees is rendered from the ``enumTitles``
of its field in ``datapackage.json``, the one place the words are written."""

from __future__ import annotations

import json
from functools import cache

from factcheck.datapackage import DESCRIPTOR, find_data_dir


@cache
def _titles(descriptor_path: str) -> dict[tuple[str, str], dict[str, str]]:
    with open(descriptor_path, encoding="utf-8") as f:
        descriptor = json.load(f)
    return {
        (resource["name"], field["name"]): field["enumTitles"]
        for resource in descriptor["resources"]
        for field in resource["schema"]["fields"]
        if "enumTitles" in field
    }


def enum_titles() -> dict[tuple[str, str], dict[str, str]]:
    """Every (table, column) with codes, and the words for each code."""
    return dict(_titles(str(find_data_dir() / DESCRIPTOR)))


def titles(table: str, column: str) -> dict[str, str]:
    """Every code of ``table.column`` and its words."""
    key = (table, column)
    known = enum_titles()
    if key not in known:
        raise KeyError(f"{table}.{column} has no enumTitles in {DESCRIPTOR}")
    return known[key]


def titles_of(table: str) -> dict[str, dict[str, str]]:
    """Every enum column of ``table`` and the words for its codes."""
    return {column: words for (name, column), words in enum_titles().items() if name == table}


def label(table: str, column: str, code: str) -> str:
    """The words for ``code`` in ``table.column``; "" stays ""."""
    if code == "":
        return ""
    words = titles(table, column)
    if code not in words:
        raise KeyError(f"'{code}' is not a code of {table}.{column}")
    return words[code]


# Columns that factcheck.evidence and methodology.made_public add to a table's rows, with their headings.
COMPUTED_TITLES = {
    "when": "Date",
    "figure": "Figure",
    "label": "Estimate",
    "panel": "Panel",
    "side": "Who says so",
    "later": "After the article",
    "before_or_after": "Before or after the article",
    "source": "Source",
    "excerpt": "In the source's words",
    "published": "Published",
    "km_from_border": "Km from the border (approximate: Natural Earth line)",
    "year": "Year of the figure",
    "made_public": "Made public",  # factcheck.window.made_public
    "bears_on": "Bears on the article's words",  # factcheck.evidence.bears_on
}


@cache
def _field_titles(descriptor_path: str) -> dict[tuple[str, str], str]:
    with open(descriptor_path, encoding="utf-8") as f:
        descriptor = json.load(f)
    return {
        (resource["name"], field["name"]): field["title"]
        for resource in descriptor["resources"]
        for field in resource["schema"]["fields"]
        if "title" in field
    }


def column_titles(table: str | list[str] | None, columns) -> dict[str, str]:
    """Each column and its heading: a dict is kept as it is; for a list, the heading
    is the field's ``title`` in ``datapackage.json`` (of the first of the tables ``table``
    names that has the column), or that of a column evidence adds, or the one given with it
    as a (column, heading) pair."""
    if isinstance(columns, dict):
        return columns
    titles = _field_titles(str(find_data_dir() / DESCRIPTOR))
    tables = [table] if table is None or isinstance(table, str) else table
    headings = {}
    for column in columns:
        if isinstance(column, tuple):
            headings[column[0]] = column[1]
            continue
        heading = next((titles[(t, column)] for t in tables if (t, column) in titles), None)
        heading = heading or COMPUTED_TITLES.get(column)
        if heading is None:
            raise KeyError(f"column '{column}' of {table} has no title in {DESCRIPTOR}: give its heading")
        headings[column] = heading
    return headings


def titled(frame, table: str | list[str] | None, columns: list):
    """``frame``'s ``columns`` headed by their titles (see :func:`column_titles`), as a chart's data shows them."""
    headings = column_titles(table, columns)
    return frame[list(headings)].rename(columns=headings)
