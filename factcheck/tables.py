"""Tables of figures with their sources, as plain HTML (no random ids)."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

from factcheck.datapackage import load_table

QUALIFIER_WORDS = {"exact": "", "about": "about ", "more-than": "more than ", "fewer-than": "fewer than ", "between": ""}


def format_figure(value: int, qualifier: str, high=None) -> str:
    """A figure as a reader says it: "about 73,000", "4,000 to 4,500"."""
    if qualifier == "between" and pd.notna(high):
        return f"{int(value):,} to {int(high):,}"
    return f"{QUALIFIER_WORDS[qualifier]}{int(value):,}"


def with_figure_text(frame: pd.DataFrame, value: str, high: str) -> pd.DataFrame:
    """``frame`` plus a ``figure`` column saying each value as a reader would."""
    return frame.assign(figure=[format_figure(v, q, h) for v, q, h in zip(frame[value], frame.qualifier, frame[high])])


def figure_points(frame: pd.DataFrame, value: str) -> pd.DataFrame:
    """One labelled point per figure for a dot plot: who gives it, for what area, and when."""
    year = frame.reference_date.fillna(frame.stated_on).dt.year.map(lambda y: "undated" if pd.isna(y) else str(int(y)))
    return pd.DataFrame({
        "figure": frame.claimant + " (" + frame.area + ", " + year + ")",
        "kind": frame.figure_kind.str.replace("-", " "),
        value: frame[value].astype(int),
    })


def _cell(value) -> str:
    if isinstance(value, pd.Timestamp):
        return f"{value.day} {value:%B %Y}"
    return "" if pd.isna(value) else html.escape(str(value))


def sourced_table(frame: pd.DataFrame, columns: dict[str, str], caption: str) -> HTML:
    """``frame`` as an HTML table of ``columns`` (name: heading) plus a linked Source column."""
    sources = load_table("sources").set_index("source_id")
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in columns.values()) + '<th scope="col">Source</th>'
    rows = []
    for _, row in frame.iterrows():
        source = sources.loc[row.source_id]
        cells = "".join(f"<td>{_cell(row[c])}</td>" for c in columns)
        link = f'<a href="{html.escape(source.url)}">{html.escape(source.publisher)}</a>'
        rows.append(f"<tr>{cells}<td>{link} <span class=\"fc-locator\">({html.escape(row.locator)})</span></td></tr>")
    return HTML(
        f'<table class="fc-table"><caption>{html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
