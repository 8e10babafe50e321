"""Tables of figures with their sources, as plain HTML (no random ids)."""

from __future__ import annotations

import html
import re

import pandas as pd
from IPython.display import HTML

FOLDED_ROWS = 6  # a sourced table longer than this is folded behind a disclosure
QUALIFIER_WORDS = {
    "exact": "",
    "about": "about ",
    "more-than": "more than ",
    "at-least": "at least ",
    "fewer-than": "fewer than ",
    "up-to": "up to ",
    "between": "",
}


def format_number(value) -> str:
    """1234567 as "1,234,567"; 86.2 stays "86.2"."""
    return f"{int(value):,}" if float(value).is_integer() else f"{float(value):,}"


def format_figure(value, qualifier: str, high=None) -> str:
    """A figure as a reader says it: "about 73,000", "4,000 to 4,500"."""
    if qualifier == "between" and pd.notna(high):
        return f"{format_number(value)} to {format_number(high)}"
    return f"{QUALIFIER_WORDS[qualifier]}{format_number(value)}"


def with_figure_text(frame: pd.DataFrame, value: str, high: str) -> pd.DataFrame:
    """``frame`` plus a ``figure`` column saying each value as a reader would."""
    return frame.assign(
        figure=[format_figure(v, q, h) for v, q, h in zip(frame[value], frame.qualifier, frame[high], strict=True)]
    )


def figure_points(frame: pd.DataFrame, value: str, table: str = "population") -> pd.DataFrame:
    """One labelled point per figure for a dot plot: who gives it, for what area, when, and its source."""
    from factcheck.labels import titles
    from factcheck.sources import registry, short_citation

    sources = registry()
    year = frame.reference_date.fillna(frame.stated_on).dt.year.map(lambda y: "undated" if pd.isna(y) else str(int(y)))
    area = frame.area.map(titles(table, "area")).str.lower()
    return pd.DataFrame(
        {
            "figure": frame.claimant + " (" + area + ", " + year + ")",
            "kind": frame.figure_kind.map(titles(table, "figure_kind")),
            value: frame[value].astype(int),
            "source": frame.source_id.map(lambda s: short_citation(sources.loc[s])),
        }
    )


def html_table(
    caption: str, headings: list[str], rows: list[list[str]], *, classes: str = "", escape_caption: bool = True
) -> str:
    """One HTML table for the whole book: cells are HTML already; each carries its
    heading in ``data-label`` (as plain text, escaped once) so that narrow screens can show the rows as cards."""
    head = "".join(f'<th scope="col">{h}</th>' for h in headings)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td data-label="{html.escape(html.unescape(re.sub("<[^>]+>", "", h)), quote=True)}">{cell}</td>'
            for h, cell in zip(headings, row, strict=True)
        )
        + "</tr>"
        for row in rows
    )
    caption = html.escape(caption) if escape_caption else caption
    return f'<table class="{f"fc-table {classes}".strip()}"><caption>{caption}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def cell_text(value) -> str:
    """A value as a table cell shows it: dates in words, numbers with thousands separators, text escaped."""
    if isinstance(value, pd.Timestamp):
        return f"{value.day} {value:%B %Y}"
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value)
    return html.escape(str(value))


def sourced_table(
    frame: pd.DataFrame, columns: list[str] | dict[str, str], caption: str, table: str | list[str] | None = None
) -> HTML:
    """``frame`` as an HTML table of ``columns`` plus a Source column: a list of
    names, headed by their titles in the data package, or a dict of name: heading.
    ``table`` may list several tables where ``frame`` joins them (the first to have a column names it).

    Codes of ``table``'s enum columns are shown as their words; each source
    links to its entry on the Sources page. A table of more than
    ``FOLDED_ROWS`` rows is folded behind a disclosure.
    """
    from factcheck.labels import column_titles, titles_of
    from factcheck.sources import cite

    columns = column_titles(table, columns)
    tables = [table] if table is None or isinstance(table, str) else table
    words = {column: codes for name in reversed(tables) if name for column, codes in titles_of(name).items()}
    rows = [
        [cell_text(words.get(c, {}).get(row[c], row[c])) for c in columns]
        + [f'{cite(row.source_id)} <span class="fc-locator">({html.escape(row.locator)})</span>']
        for _, row in frame.iterrows()
    ]
    table_html = html_table(caption, [html.escape(h) for h in columns.values()] + ["Source"], rows)
    if len(rows) > FOLDED_ROWS:  # a long table would push the chapter's argument screens down: it opens on request
        return HTML(
            f'<details class="fc-table-fold"><summary>{html.escape(caption)} ({len(rows)} rows, with their sources)</summary>{table_html}</details>'
        )
    return HTML(table_html)
