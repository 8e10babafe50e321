"""The Data page: every table of the package as a download, with its dictionary
generated from ``datapackage.json`` (the one place its words are written)."""

from __future__ import annotations

import json

import pandas as pd
from IPython.display import HTML

from factcheck.book import DOWNLOADS
from factcheck.datapackage import DESCRIPTOR, find_data_dir, load_table
from factcheck.dates import format_date
from factcheck.markup import render
from factcheck.pages import link


def descriptor() -> dict:
    return json.loads((find_data_dir() / DESCRIPTOR).read_text())


def download_href(page: str, filename: str) -> str:
    """Link from ``page`` to a file of the package in the built book."""
    return link(page, f"{DOWNLOADS}/{filename}")


def coverage(name: str, resource: dict) -> str:
    """Rows, and the span of the table's dates, in words."""
    frame = load_table(name)
    words = f"{len(frame):,} rows"
    dates = [f["name"] for f in resource["schema"]["fields"] if f["type"] == "date"]
    values = pd.concat([frame[d] for d in dates]).dropna() if dates else pd.Series(dtype="datetime64[ns]")
    if len(values):
        words += f"; dates from {format_date(values.min())} to {format_date(values.max())}"
    return words


def _rules(constraints: dict) -> list[tuple[str, str]]:
    """A column's constraints other than its codes, each as words and the code (a pattern) that follows them."""
    rules = [(words, "") for words in ("required", "unique") if constraints.get(words)]
    rules += [
        (f"{words} {constraints[key]}", "")
        for key, words in (("minimum", "from"), ("maximum", "to"))
        if key in constraints
    ]
    if "pattern" in constraints:
        rules.append(("pattern", constraints["pattern"]))
    return rules


def data_dictionary(page: str) -> HTML:
    """Each table: what one row is, its coverage, a download link, and each column's type, meaning and allowed
    values."""
    resources = [
        {**resource, "href": download_href(page, resource["path"]), "coverage": coverage(resource["name"], resource)}
        for resource in descriptor()["resources"]
    ]
    return HTML(render("data_dictionary.html", resources=resources, rules=_rules))
