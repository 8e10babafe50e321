"""The Data page: every table of the package as a download, with its dictionary
generated from ``datapackage.json`` (the one place its words are written)."""

from __future__ import annotations

import html
import json

import pandas as pd
from IPython.display import HTML

from factcheck.book import DOWNLOADS
from factcheck.datapackage import DESCRIPTOR, find_data_dir, load_table
from factcheck.dates import format_date
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


def _allowed(field: dict) -> str:
    constraints = field.get("constraints", {})
    if "enumTitles" in field:
        return "; ".join(
            f"<code>{html.escape(code)}</code>: {html.escape(words)}" for code, words in field["enumTitles"].items()
        )
    if "enum" in constraints:
        return ", ".join(f"<code>{html.escape(code)}</code>" for code in constraints["enum"])
    parts = []
    if constraints.get("required"):
        parts.append("required")
    if constraints.get("unique"):
        parts.append("unique")
    for key, words in (("minimum", "from"), ("maximum", "to")):
        if key in constraints:
            parts.append(f"{words} {html.escape(str(constraints[key]))}")
    if "pattern" in constraints:
        parts.append(f"pattern <code>{html.escape(constraints['pattern'])}</code>")
    return ", ".join(parts)


def _keys(schema: dict) -> str:
    references = [
        f"<code>{', '.join(fk['fields'])}</code> refers to <code>{fk['reference']['resource']}.{', '.join(fk['reference']['fields'])}</code>"
        for fk in schema.get("foreignKeys", [])
    ]
    key = f"One row per <code>{', '.join(schema['primaryKey'])}</code>." if schema.get("primaryKey") else ""
    return key + (" " + "; ".join(references) + "." if references else "")


def data_dictionary(page: str) -> HTML:
    """Each table: what one row is, its coverage, a download link, and each column's type, meaning and allowed values."""
    sections = []
    for resource in descriptor()["resources"]:
        rows = "".join(
            f'<tr><th scope="row"><code>{html.escape(f["name"])}</code></th><td data-label="Type">{html.escape(f["type"])}</td>'
            f'<td data-label="Meaning">{html.escape(f.get("description", ""))}</td><td data-label="Allowed values">{_allowed(f)}</td></tr>'
            for f in resource["schema"]["fields"]
        )
        sections.append(
            f'<section class="fc-dictionary" id="table-{resource["name"]}" aria-labelledby="table-{resource["name"]}-title">'
            f'<h3 id="table-{resource["name"]}-title">{html.escape(resource["title"])} '
            f'(<a href="{download_href(page, resource["path"])}" download><code>{resource["path"]}</code></a>)</h3>'
            f"<p>{html.escape(resource['description'])} {_keys(resource['schema'])} Coverage: {coverage(resource['name'], resource)}.</p>"
            f'<div class="fc-scroll" tabindex="0" role="region" aria-label="Columns of {html.escape(resource["path"])}">'
            f'<table class="fc-table fc-dictionary-table"><caption>Columns of {html.escape(resource["path"])}</caption>'
            f'<thead><tr><th scope="col">Column</th><th scope="col">Type</th><th scope="col">Meaning</th>'
            f'<th scope="col">Allowed values</th></tr></thead><tbody>{rows}</tbody></table></div></section>'
        )
    return HTML("".join(sections))
