"""Claims of the article under review, their verdicts and verdict boxes.

A chapter calls :func:`verdict_box` for each claim it checks; the box is built
from the claims register and the source registry, never written by hand.
"""

from __future__ import annotations

import html
import json
import re

import pandas as pd
from IPython.display import HTML

from factcheck.article import load_article
from factcheck.book import book_metadata, page, page_href
from factcheck.datapackage import REFERENCE as FIGURE_REFERENCE  # one pattern for the check and the prose
from factcheck.datapackage import load_table
from factcheck.verdicts import BEST_RATING, WORST_RATING, verdict
from factcheck.words import paragraph_name, short_quote, strip_wiki_markup


def register_page() -> str:
    """Book path of the claims register page."""
    return page("register") + ".html"


def claim(claim_id: str) -> pd.Series:
    """The register row for ``claim_id``."""
    claims = load_table("claims").set_index("claim_id", drop=False)
    if claim_id not in claims.index:
        raise KeyError(f"no claim '{claim_id}' in the claims register")
    return claims.loc[claim_id]


def claim_evidence(claim_id: str) -> pd.DataFrame:
    """The evidence a claim's verdict rests on, each row joined with its source and publisher."""
    from factcheck.sources import registry

    evidence = load_table("claim_evidence")
    return evidence[evidence.claim_id == claim_id].merge(registry().reset_index(drop=True), on="source_id", how="left")


def checked_in(claim_row: pd.Series) -> str:
    """Book path of the page that checks a claim: its chapter, or the register until one exists."""
    topics = load_table("topics").set_index("topic")
    chapter = topics.chapter.get(claim_row.topic, "")
    return f"{chapter}.html" if chapter else register_page()


def format_date(value: pd.Timestamp, precision: str = "day") -> str:
    """A date as readers write it, no more precisely than its source: "23 May 2023", "May 2023", "2023"."""
    if precision == "year":
        return f"{value:%Y}"
    if precision == "month":
        return f"{value:%B %Y}"
    return f"{value.day} {value:%B %Y}"


def months_between(start: pd.Timestamp, end: pd.Timestamp) -> int:
    """Whole calendar months from ``start`` to ``end``, for dates known to the month
    (December 2022 to May 2023: 5)."""
    return (end.year - start.year) * 12 + end.month - start.month


def format_span(start: pd.Timestamp, precision: str, end=None, end_precision: str = "") -> str:
    """A date or a span in words: "20 May 2023", "5 to 6 June 2023", "May 2022 to February 2023"."""
    if end is None or pd.isna(end) or end == start:
        return format_date(start, precision)
    end_precision = end_precision or precision
    if precision == end_precision == "day" and (start.year, start.month) == (end.year, end.month):
        return f"{start.day} to {format_date(end)}"
    return f"{format_date(start, precision)} to {format_date(end, end_precision)}"


def badge(label: str, prefix: str = "") -> str:
    """A verdict label in its colour, always written out in words."""
    v = verdict(label)
    lead = f'<span class="fc-badge-prefix">{prefix}</span> ' if prefix else ""
    return f'<span class="fc-badge fc-badge--{v.label}" style="--fc-verdict:{v.colour}">{lead}{html.escape(v.title)}</span>'


def _evidence_item(row: pd.Series) -> str:
    from factcheck.sources import entry_href, published_words, title_link

    date = published_words(row)
    return (
        f'<li><a href="{entry_href(row.source_id)}">{html.escape(row.publisher)}</a>, '
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
    return f'<a href="{page_href("article")}#mark-{row.claim_id}">{paragraph_name(row.paragraph, load_article().has_headline)}</a>'


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
    body = f"""<aside class="fc-verdict" id="claim-{claim_id}" style="--fc-verdict-colour:{verdict(row.verdict).colour}" aria-label="Verdict on: {html.escape(short_quote(row.quote), quote=True)}">
<p class="fc-verdict-claim">The article says: <q>{html.escape(row.quote)}</q> <span class="fc-verdict-where">({article_link(row)})</span></p>
<p class="fc-verdict-labels">{verdict_labels(row)}</p>
{f'<p class="fc-verdict-attribution">Note: {ATTRIBUTION_NOTE}.</p>' if reports_speech(row) else ""}
<p class="fc-verdict-conclusion">{html.escape(resolve_figures(row.conclusion))}</p>
{hindsight}{figures_html}<details class="fc-verdict-sources"><summary>Evidence ({evidence.source_id.nunique()} sources)</summary><ul>{items}</ul></details>
<p class="fc-verdict-report">{report_link(claim_id)}</p>
{embedded_review(row)}
</aside>"""
    return HTML(body)


def figure_value(table: str, figure_id: str) -> int | float:
    """The value of figure ``figure_id`` in ``table`` (its resource's ``valueField``): an int when it is whole."""
    from factcheck.datapackage import value_field

    frame = load_table(table)
    key = frame.columns[0]
    match = frame.loc[frame[key] == figure_id, value_field(table)]
    if match.empty:
        raise KeyError(f"no figure '{figure_id}' in table '{table}'")
    value = float(match.iloc[0])
    return int(value) if value.is_integer() else value


def resolve_figures(text: str) -> str:
    """Replace each ``{table:figure_id}`` in ``text`` by the figure, formatted."""
    from factcheck.tables import format_number

    return FIGURE_REFERENCE.sub(lambda m: format_number(figure_value(m[1], m[2])), text)


def quoted_number(claim_id: str) -> int:
    """The number the article states in a claim's quote ("73,000" gives 73000)."""
    number = re.search(r"\d[\d,]*", claim(claim_id).quote)
    if not number:
        raise ValueError(f"claim '{claim_id}' quotes no number")
    return int(number[0].replace(",", ""))


def json_ld_script(data: dict) -> str:
    """``data`` as an embedded JSON-LD script ("</" escaped so it cannot close the tag)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    return f'<script type="application/ld+json">{text}</script>'


def claim_review(row: pd.Series, fragment_only: bool = False) -> dict:
    """A schema.org ClaimReview for one checkable claim.

    ``url`` points at the claim's anchor: ``#claim-id`` inside the page that
    checks it (``fragment_only``), else the path from the book's root, made
    absolute when ``_config.yml`` sets ``html.baseurl``.
    """
    v = verdict(row.verdict)
    if v.rating is None:
        raise ValueError(f"claim '{row.claim_id}' is an opinion: it gets no ClaimReview")
    book = book_metadata()
    article = load_article()
    anchor = f"#claim-{row.claim_id}"
    url = anchor if fragment_only else book["baseurl"] + checked_in(row) + anchor
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": row.quote,
        "author": {"@type": "Organization", "name": book["author"]},
        "datePublished": book["first_published"],
        "dateModified": date_modified(row).strftime("%Y-%m-%d"),
        "reviewBody": resolve_figures(row.conclusion),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": v.rating,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": v.title,
        },
        "itemReviewed": {
            "@type": "Claim",
            "appearance": {"@type": "NewsArticle", "headline": article.title},
        },
    }


def date_modified(row: pd.Series) -> pd.Timestamp:
    """When the claim's check last changed: its last review, or a later correction."""
    corrections = load_table("corrections")
    dates = corrections.loc[corrections.claim_id == row.claim_id, "date"]
    return max([row.reviewed_on, *dates])


def embedded_review(row: pd.Series) -> str:
    """The claim's ClaimReview as a script for the page that checks it; "" for an opinion."""
    if verdict(row.verdict).rating is None:
        return ""
    return json_ld_script(claim_review(row, fragment_only=True))


def claim_reviews() -> list[dict]:
    """One ClaimReview per checkable (non-opinion) claim, in register order."""
    claims = load_table("claims")
    return [claim_review(row) for _, row in claims.iterrows() if verdict(row.verdict).rating is not None]
