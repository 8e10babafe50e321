"""Tables of figures with their sources, as plain HTML (no random ids) from ``templates/html/table.html``."""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML
from markupsafe import Markup, escape

from factcheck.datapackage import load_table
from factcheck.dates import format_date
from factcheck.labels import column_titles, titles, titles_of
from factcheck.markup import render
from factcheck.prose import fill
from factcheck.sources import cite, registry, short_citation
from factcheck.words import format_figure, format_number

FOLDED_ROWS = 6  # a sourced table longer than this is folded behind a disclosure


def with_figure_text(frame: pd.DataFrame, value: str, high: str) -> pd.DataFrame:
    """``frame`` plus a ``figure`` column saying each value as a reader would."""
    return frame.assign(
        figure=[format_figure(v, q, h) for v, q, h in zip(frame[value], frame.qualifier, frame[high], strict=True)]
    )


def figure_points(frame: pd.DataFrame, value: str, table: str = "population") -> pd.DataFrame:
    """One labelled point per figure for a dot plot: who gives it, for what area, when, and its source."""
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


def table_html(caption: str, headings: list[str], rows: list[list[str]], *, classes: str = "") -> Markup:
    """One HTML table for the whole book. The caption, headings and cells are text, escaped, unless they are
    ``Markup``; each cell carries its heading in ``data-label`` so that narrow screens can show the rows as cards."""
    return render("table.html", caption=caption, headings=headings, rows=rows, classes=f"fc-table {classes}".strip())


def html_table(caption: str, headings: list[str], rows: list[list[str]], *, classes: str = "") -> str:
    """:func:`table_html` for a chapter, whose headings and cells are HTML already (built with
    :func:`cell_text` and ``cite``); the caption is text."""
    as_html = [[Markup(cell) for cell in row] for row in rows]
    return str(table_html(caption, [Markup(h) for h in headings], as_html, classes=classes))


def cell_text(value) -> str:
    """A value as a table cell shows it: dates in words, numbers with thousands separators, text escaped
    (as ``Markup``: chapters build :func:`html_table`'s cells, which are HTML, from it)."""
    if isinstance(value, pd.Timestamp):
        return format_date(value)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value)
    return escape(str(value))


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
    columns = column_titles(table, columns)
    tables = [table] if table is None or isinstance(table, str) else table
    words = {column: codes for name in reversed(tables) if name for column, codes in titles_of(name).items()}
    rows = [
        [cell_text(words.get(c, {}).get(row[c], row[c])) for c in columns]
        + [render("source_cell.html", citation=cite(row.source_id), locator=row.locator)]
        for _, row in frame.iterrows()
    ]
    listing = table_html(caption, [*columns.values(), "Source"], rows)
    if len(rows) > FOLDED_ROWS:
        return HTML(render("table_fold.html", caption=caption, rows=len(rows), table=listing))
    return HTML(listing)


def listed_table(frame: pd.DataFrame, table_id: str, **computed) -> HTML:
    """``frame`` as a :func:`sourced_table` whose caption, columns and data tables are ``table_id``'s row
    in the book's ``tables`` table; the caption is filled as the prose is, with the values the chapter
    ``computed``."""
    rows = load_table("tables").set_index("table_id")
    if table_id not in rows.index:
        raise KeyError(f"table '{table_id}' has no row in the tables table")
    row = rows.loc[table_id]
    return sourced_table(frame, row["columns"].split(), fill(row.caption, **computed), row.data_tables.split())


def count_table(
    frame: pd.DataFrame, table: str, rows: str, columns: str, caption: str, order: list | None = None, total="All"
) -> HTML:
    """How many rows of ``frame`` have each code of ``rows`` (in ``order``, else the data package's) and of
    ``columns`` (those present, in the package's order), in words, with a ``total`` column."""
    row_words, column_words = titles(table, rows), titles(table, columns)
    counts = pd.crosstab(frame[rows], frame[columns])
    present = [code for code in column_words if code in counts.columns]
    counts = counts.reindex(index=order or list(row_words), columns=present, fill_value=0)
    headings = [column_titles(table, [rows])[rows], *[column_words[c] for c in present], total]
    cells = [[row_words[code], *map(str, n), str(n.sum())] for code, n in counts.iterrows()]
    return HTML(str(table_html(caption, headings, cells)))  # words and counts: plain text, escaped


def cited(text, source_id: str) -> Markup:
    """A table cell: ``text`` followed by its source's linked citation."""
    return Markup("{} ({})").format(cell_text(text), cite(source_id))


def daily_table(rows: pd.DataFrame, days, column: str, headings: dict[str, str], caption: str) -> HTML:
    """What is dated on each of ``days``: a row per day and a column per key of ``headings`` (a value of
    ``rows[column]``), listing the title of each row dated that day, with its source; "—" where there is none."""
    cells = [
        [cell_text(day)]
        + [
            Markup("<br>").join(
                cited(r.title, r.source_id) for r in rows[(rows.date == day) & (rows[column] == key)].itertuples()
            )
            or "—"
            for key in headings
        ]
        for day in days
    ]
    return HTML(table_html(caption, ["Day", *headings.values()], cells))
