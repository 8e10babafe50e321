"""Data in prose: a data row's figure or date in words, with the source it comes from,
and figures named in the data's own text (``{table:figure-id}``) replaced by their values.

The book's roles ``{fig}`figure-id```, ``{date}`row-id``` and ``{quote}`row-id``` (``factcheck.sphinx``)
render these at build time, so a single row's value is never copied into a
notebook only to be pasted back into the text. A key may name its table
(``population:bakhmut-2021``) where an id alone is ambiguous; a date's key may
name another date field of its row and say it less precisely than the source
does, never more (``figure-id.period_start/month``); a field ``X`` is said as
precisely as the row's ``X_precision`` (or, for ``X_date``, ``X_precision``) says.

Which tables hold figures is the data package's ``valueField``; which hold
dates, its ``dateField`` (and ``datePrecisionField`` for how precisely the
source gives the date).
"""

from __future__ import annotations

import json
import numbers
import re
from dataclasses import dataclass

import pandas as pd

from factcheck.datapackage import DESCRIPTOR, find_data_dir, load_table, value_field
from factcheck.dates import format_date, format_span
from factcheck.descriptor import PRECISIONS, ROLE_FIELDS, SPAN, date_key, serves_role
from factcheck.descriptor import REFERENCE as FIGURE_REFERENCE  # one pattern for the check and the prose
from factcheck.descriptor import ROLE as ROLE_IN_TEXT
from factcheck.words import format_figure, format_number, strip_wiki_markup


@dataclass(frozen=True)
class Datum:
    """A value in words and the id of the source it comes from."""

    text: str
    source_id: str


def _tables(role: str) -> dict[str, dict]:
    """The resources whose rows ``role``'s keys name (``descriptor.serves_role``), by name."""
    resources = json.loads((find_data_dir() / DESCRIPTOR).read_text(encoding="utf-8"))["resources"]
    return {
        resource["name"]: resource
        for resource in resources
        if serves_role(
            role,
            resource,
            [field["name"] for field in resource["schema"]["fields"]],
            resource["schema"].get("primaryKey", []),
        )
    }


def _row(key: str, role: str) -> tuple[dict, pd.Series]:
    """The resource and the row that ``key`` ("id" or "table:id") names among the tables ``role`` may name."""
    tables, field = _tables(role), ROLE_FIELDS[role]
    name, _, row_id = key.rpartition(":")
    if name and name not in tables:
        raise KeyError(
            f"{{{role}}}`{key}`: '{name}' is not a table with a {field} (known: {', '.join(sorted(tables))})"
        )
    found = []
    for table in [name] if name else sorted(tables):
        rows = load_table(table)
        id_field = tables[table]["schema"]["primaryKey"][0]
        matches = rows[rows[id_field] == row_id]
        found += [(tables[table], row) for _, row in matches.iterrows()]
    if not found:
        raise KeyError(f"{{{role}}}`{key}`: no row '{row_id}' in {', '.join([name] if name else sorted(tables))}")
    if len(found) > 1:
        names = ", ".join(f"{resource['name']}:{row_id}" for resource, _ in found)
        raise KeyError(f"{{{role}}}`{key}` is ambiguous: write one of {names}")
    return found[0]


def _source_of(resource: dict, row: pd.Series) -> str:
    return row["source_id"] if "source_id" in row.index else row[resource["schema"]["primaryKey"][0]]


def figure_words(key: str) -> Datum:
    """The figure of a figure table's row in words ("about 73,000", "60,000 to 70,000")."""
    resource, row = _row(key, "fig")
    value = resource["valueField"]
    return Datum(format_figure(row[value], row["qualifier"], row.get(f"{value}_high")), _source_of(resource, row))


def _precision_field(resource: dict, field: str) -> str:
    """The field saying how precisely the source gives ``field``: the resource's ``datePrecisionField`` for its
    ``dateField``; for another, ``X_precision`` beside ``X`` (or beside ``X_date``, as ``end_precision``)."""
    if field == resource["dateField"]:
        return resource.get("datePrecisionField", "")
    names = {declared["name"] for declared in resource["schema"]["fields"]}
    candidates = [f"{field}_precision", f"{field.removesuffix('_date')}_precision"]
    return next((name for name in candidates if name in names), "")


def _dated(key: str) -> tuple[dict, pd.Series, str, str]:
    """The resource, row, date field and precision that a ``{date}`` key names."""
    row_key, field, coarser = date_key(key)
    resource, row = _row(row_key, "date")
    field = field or resource["dateField"]
    if field not in row.index:
        raise KeyError(f"{{date}}`{key}`: {resource['name']} has no field '{field}'")
    if pd.isna(row[field]):
        raise KeyError(f"{{date}}`{key}`: the row has no {field}")
    given = row.get(_precision_field(resource, field), "") or "day"
    if coarser and PRECISIONS.index(coarser) > PRECISIONS.index(given):
        raise KeyError(f"{{date}}`{key}`: the source gives this date only to the {given}")
    return resource, row, field, coarser or given


def date_value(key: str) -> pd.Timestamp:
    """The date of a dated row, as a timestamp, for computing with (``date_words`` says it)."""
    _, row, field, _ = _dated(key)
    return row[field]


def date_words(key: str) -> Datum:
    """A dated row's date in words, no more precisely than its source gives it ("6 March 2023", "May 2023").

    The key may name another date field of the row (``id.period_end``), or its span to its end date
    (``id.span``), and say it less precisely (``id.period_start/month``), never more precisely than the source."""
    if date_key(key)[1] == SPAN:
        return _span_words(key)
    resource, row, field, precision = _dated(key)
    return Datum(format_date(row[field], precision), _source_of(resource, row))


def _span_words(key: str) -> Datum:
    """``id.span``: from the row's date to its ``end_date`` ("5 to 6 June 2023"), each as precisely as its source."""
    resource, row, start_field, precision = _dated(key.replace(f".{SPAN}", "", 1))
    end_field = resource.get("endDateField", "end_date")
    end = row.get(end_field)
    end_precision = row.get(_precision_field(resource, end_field), "") or "day"
    return Datum(format_span(row[start_field], precision, end, end_precision), _source_of(resource, row))


def quote_words(key: str) -> Datum:
    """A row's excerpt, the source's own words, from a table with an ``excerpt`` field and a one-field key."""
    name, _, row_id = key.rpartition(":")
    found = []
    for table, resource in _tables("quote").items():
        if name in ("", table):
            rows = load_table(table)
            id_field = resource["schema"]["primaryKey"][0]
            found += [(table, row) for _, row in rows[rows[id_field] == row_id].iterrows()]
    if len(found) != 1:
        which = ", ".join(f"{table}:{row_id}" for table, _ in found)
        raise KeyError(f"{{quote}}`{key}`: " + (f"ambiguous: write one of {which}" if found else "no such row"))
    row = found[0][1]
    if not row["excerpt"]:
        raise KeyError(f"{{quote}}`{key}`: the row has no excerpt")
    return Datum(strip_wiki_markup(row["excerpt"]), row["source_id"])


def figure_value(table: str, figure_id: str) -> int | float:
    """The value of figure ``figure_id`` in ``table`` (its resource's ``valueField``): an int when it is whole."""
    frame = load_table(table)
    key = frame.columns[0]
    match = frame.loc[frame[key] == figure_id, value_field(table)]
    if match.empty:
        raise KeyError(f"no figure '{figure_id}' in table '{table}'")
    value = float(match.iloc[0])
    return int(value) if value.is_integer() else value


def resolve_figures(text: str) -> str:
    """Replace each ``{table:figure_id}`` in ``text`` by the figure, formatted."""
    return FIGURE_REFERENCE.sub(lambda m: format_number(figure_value(m[1], m[2])), text)


COMPUTED_IN_TEXT = re.compile(r"\{([a-z_][a-z0-9_]*)(?::([^{}]+))?\}")  # {name} or {name:format}
ROLE_WORDS = {"fig": figure_words, "date": date_words, "quote": quote_words}


def fill(template: str, **computed) -> str:
    """``template`` in words: each ``{fig}`key``` and ``{date}`key``` as the prose's roles say it, each
    ``{table:id}`` as that figure, and each ``{name}`` as the value the chapter computed (whole numbers
    with thousands separators; ``{name:.1f}`` in a format of its own). A name the chapter did not pass is an
    error, not a gap in the text."""

    def value(match: re.Match) -> str:
        if match[1] not in computed:
            raise KeyError(f"'{template}' needs the computed value '{match[1]}'")
        given = computed[match[1]]
        if match[2]:
            return format(given, match[2])
        return format_number(given) if isinstance(given, numbers.Real) and not isinstance(given, bool) else str(given)

    text = ROLE_IN_TEXT.sub(lambda match: ROLE_WORDS[match[1]](match[2]).text, template)
    return COMPUTED_IN_TEXT.sub(value, resolve_figures(text))
