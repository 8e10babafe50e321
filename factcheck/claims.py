"""Claims of the article under review, their verdicts and verdict boxes.

A chapter calls :func:`verdict_box` for each claim it checks; the box is built
from the claims register and the source registry, never written by hand.
"""

from __future__ import annotations

import re

import pandas as pd
from IPython.display import HTML
from markupsafe import Markup

from factcheck.article import load_article
from factcheck.claimreview import embedded_review
from factcheck.datapackage import load_table

# format_date, format_span and figure_value are re-exported (chapters import them from here)
from factcheck.dates import format_date as format_date
from factcheck.dates import format_span as format_span
from factcheck.markup import render
from factcheck.pages import claim_anchor, mark_href, page_href, source_href
from factcheck.prose import figure_value as figure_value
from factcheck.prose import fill, resolve_figures
from factcheck.sources import published_words, registry, title_link
from factcheck.verdicts import verdict
from factcheck.words import paragraph_name, short_quote, strip_wiki_markup


def claim(claim_id: str) -> pd.Series:
    """The register row for ``claim_id``."""
    claims = load_table("claims").set_index("claim_id", drop=False)
    if claim_id not in claims.index:
        raise KeyError(f"no claim '{claim_id}' in the claims register")
    return claims.loc[claim_id]


def claim_evidence(claim_id: str) -> pd.DataFrame:
    """The evidence a claim's verdict rests on, each row joined with its source and publisher."""
    evidence = load_table("claim_evidence")
    return evidence[evidence.claim_id == claim_id].merge(registry().reset_index(drop=True), on="source_id", how="left")


def badge(label: str, prefix: str = "") -> Markup:
    """A verdict label in its colour, always written out in words."""
    return render("badge.html", verdict=verdict(label), prefix=prefix)


ATTRIBUTION_NOTE = "the verdict is on whether it was said; what was said is not verified by it"
ENDORSING = ("accurate", "mostly-accurate")  # verdicts whose colour a skimming reader could take for an endorsement


def reports_speech(row: pd.Series) -> bool:
    """Whether a claim's verdict is only on what someone said, which a reader must not take for the content."""
    return row.claim_type == "attribution" and row.verdict in ENDORSING


def report_link(claim_id: str) -> Markup:
    """A link for reporting an error in a claim's check, carrying its id: to the Corrections page's
    section on reporting, which the build points at the repository's issue form when the book names one."""
    href = page_href("corrections") + "#report-an-error"
    return render("report_link.html", subject=claim_id, href=href, text="Report an error in this check")


def verdict_figures(claim_id: str, **computed) -> dict[str, str]:
    """The figures a claim's verdict rests on (``verdict_figures`` in the data), label to value, in order:
    each filled as the prose is, with the values the chapter ``computed``."""
    rows = load_table("verdict_figures")
    rows = rows[rows.claim_id == claim_id].sort_values("position")
    return {fill(r.label, **computed): fill(r.value, **computed) for r in rows.itertuples()}


def verdict_box(claim_id: str, **computed) -> HTML:
    """The claim's quote, verdicts, conclusion, the figures it rests on and its sources.

    The figures come from the data (:func:`verdict_figures`); ``computed`` gives the values
    their text names as ``{name}`` (a count, a ratio), which only the chapter computes.
    """
    row = claim(claim_id)
    evidence = claim_evidence(claim_id)
    items = [
        {
            "href": source_href(e.source_id),
            "publisher": e.publisher,
            "title_link": title_link(e),
            "date": published_words(e),
            "locator": e.locator,
            "excerpt": strip_wiki_markup(e.excerpt),
        }
        for _, e in evidence.iterrows()
    ]
    return HTML(
        render(
            "verdict_box.html",
            anchor=claim_anchor(claim_id),
            colour=verdict(row.verdict).colour,
            short_quote=short_quote(row.quote),
            quote=row.quote,
            mark_href=mark_href(row.claim_id),
            paragraph=paragraph_name(row.paragraph, load_article().has_headline),
            badge=badge,
            verdict=row.verdict,
            hindsight_verdict=row.verdict_hindsight,
            attribution_note=ATTRIBUTION_NOTE if reports_speech(row) else "",
            conclusion=resolve_figures(row.conclusion),
            hindsight_note=resolve_figures(row.hindsight_note) if row.hindsight_note else "",
            figures=verdict_figures(claim_id, **computed),
            sources=evidence.source_id.nunique(),
            evidence=items,
            report_link=report_link(claim_id),
            review=embedded_review(row),
        )
    )


def quoted_number(claim_id: str) -> int:
    """The number the article states in a claim's quote ("73,000" gives 73000)."""
    number = re.search(r"\d[\d,]*", claim(claim_id).quote)
    if not number:
        raise ValueError(f"claim '{claim_id}' quotes no number")
    return int(number[0].replace(",", ""))


def article_marks(chart_id: str, **columns) -> pd.DataFrame:
    """The article's own figures a chart overlays (``article_marks`` in the data), as the ``article`` rows of
    :func:`factcheck.charts.range_plot`: each drawn at the number its claim quotes, which ``{number}`` in its
    label and figure names, in its panel; ``columns`` adds columns common to every mark (when, source)."""
    rows = load_table("article_marks")
    rows = rows[rows.chart_id == chart_id]
    if rows.empty:
        raise KeyError(f"chart '{chart_id}' has no rows in the article_marks table")
    numbers = [quoted_number(claim_id) for claim_id in rows.claim_id]
    return pd.DataFrame(
        {
            "label": [fill(text, number=n) for text, n in zip(rows.label, numbers, strict=True)],
            "low": numbers,
            "figure": [fill(text, number=n) for text, n in zip(rows.figure, numbers, strict=True)],
            "panel": rows.panel.to_list(),
            **columns,
        }
    )
