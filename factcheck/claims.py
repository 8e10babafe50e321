"""Claims of the article under review, their verdicts and verdict boxes.

A chapter calls :func:`verdict_box` for each claim it checks; the box is built
from the claims register and the source registry, never written by hand.
"""

from __future__ import annotations

import html
import re

import pandas as pd
from IPython.display import HTML

from factcheck.article import load_article
from factcheck.claimreview import embedded_review
from factcheck.datapackage import load_table

# format_date, format_span and figure_value are re-exported (chapters import them from here)
from factcheck.dates import format_date as format_date
from factcheck.dates import format_span as format_span
from factcheck.pages import claim_anchor, mark_href, page_href, source_href
from factcheck.prose import figure_value as figure_value
from factcheck.prose import resolve_figures
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


def badge(label: str, prefix: str = "") -> str:
    """A verdict label in its colour, always written out in words."""
    v = verdict(label)
    lead = f'<span class="fc-badge-prefix">{prefix}</span> ' if prefix else ""
    return f'<span class="fc-badge fc-badge--{v.label}" style="--fc-verdict:{v.colour}">{lead}{html.escape(v.title)}</span>'


def _evidence_item(row: pd.Series) -> str:
    date = published_words(row)
    return (
        f'<li><a href="{source_href(row.source_id)}">{html.escape(row.publisher)}</a>, '
        f"{title_link(row)} ({date}), {html.escape(row.locator)}:"
        f'<blockquote lang="und">{html.escape(strip_wiki_markup(row.excerpt))}</blockquote></li>'
    )


ATTRIBUTION_NOTE = "the verdict is on whether it was said; what was said is not verified by it"
ENDORSING = ("accurate", "mostly-accurate")  # verdicts whose colour a skimming reader could take for an endorsement


def reports_speech(row: pd.Series) -> bool:
    """Whether a claim's verdict is only on what someone said, which a reader must not take for the content."""
    return row.claim_type == "attribution" and row.verdict in ENDORSING


def verdict_labels(row: pd.Series) -> str:
    """The verdict badge, and a "with hindsight" badge only where hindsight changes the verdict."""
    labels = badge(row.verdict, "Verdict:")
    if row.verdict_hindsight != row.verdict:
        labels += " " + badge(row.verdict_hindsight, "With hindsight:")
    return labels


def article_link(row: pd.Series) -> str:
    """Where the claim sits in the article ("headline", "paragraph 5"), linked to its mark on the annotated article."""
    return f'<a href="{mark_href(row.claim_id)}">{paragraph_name(row.paragraph, load_article().has_headline)}</a>'


def report_link(claim_id: str) -> str:
    """A link for reporting an error in a claim's check, carrying its id: to the Corrections page's
    section on reporting, which the build points at the repository's issue form when the book names one."""
    return (
        f'<a class="fc-report" data-report="{html.escape(claim_id, quote=True)}" '
        f'href="{html.escape(page_href("corrections"))}#report-an-error">Report an error in this check</a>'
    )


def verdict_box(claim_id: str, figures: dict[str, str] | None = None) -> HTML:
    """The claim's quote, verdicts, conclusion, the figures it rests on and its sources.

    ``figures`` maps a label to a value already formatted from the data (the
    same values the chapter glues into its prose).
    """
    row = claim(claim_id)
    hindsight = ""
    if row.hindsight_note:
        what = "What changed" if row.verdict_hindsight != row.verdict else "What came later"
        hindsight = f'<p class="fc-verdict-change">{what}: {html.escape(resolve_figures(row.hindsight_note))}</p>'
    figure_items = "".join(
        f"<dt>{html.escape(label)}</dt><dd>{html.escape(str(value))}</dd>" for label, value in (figures or {}).items()
    )
    figures_html = f'<dl class="fc-verdict-figures">{figure_items}</dl>' if figure_items else ""
    evidence = claim_evidence(claim_id)
    items = "".join(_evidence_item(e) for _, e in evidence.iterrows())
    body = f"""<aside class="fc-verdict" id="{claim_anchor(claim_id)}" style="--fc-verdict-colour:{verdict(row.verdict).colour}" aria-label="Verdict on: {html.escape(short_quote(row.quote), quote=True)}">
<p class="fc-verdict-claim">The article says: <q>{html.escape(row.quote)}</q> <span class="fc-verdict-where">({article_link(row)})</span></p>
<p class="fc-verdict-labels">{verdict_labels(row)}</p>
{f'<p class="fc-verdict-attribution">Note: {ATTRIBUTION_NOTE}.</p>' if reports_speech(row) else ""}
<p class="fc-verdict-conclusion">{html.escape(resolve_figures(row.conclusion))}</p>
{hindsight}{figures_html}<details class="fc-verdict-sources"><summary>Evidence ({evidence.source_id.nunique()} sources)</summary><ul>{items}</ul></details>
<p class="fc-verdict-report">{report_link(claim_id)}</p>
{embedded_review(row)}
</aside>"""
    return HTML(body)


def quoted_number(claim_id: str) -> int:
    """The number the article states in a claim's quote ("73,000" gives 73000)."""
    number = re.search(r"\d[\d,]*", claim(claim_id).quote)
    if not number:
        raise ValueError(f"claim '{claim_id}' quotes no number")
    return int(number[0].replace(",", ""))
