"""The claims' schema.org ClaimReview JSON-LD: one per checkable claim, for the
build's ``claims.jsonld`` and embedded in the page that checks it."""

from __future__ import annotations

import json

import pandas as pd
from markupsafe import Markup

from factcheck.article import load_article
from factcheck.book import book_metadata
from factcheck.datapackage import load_table
from factcheck.markup import render
from factcheck.pages import claim_url
from factcheck.prose import resolve_figures
from factcheck.verdicts import BEST_RATING, WORST_RATING, verdict


def json_ld_script(data: dict) -> Markup:
    """``data`` as an embedded JSON-LD script ("</" escaped so it cannot close the tag)."""
    return render(
        "json_ld.html", json=Markup(json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/"))
    )


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
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": claim_url(row, fragment_only),
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


def embedded_review(row: pd.Series) -> Markup:
    """The claim's ClaimReview as a script for the page that checks it; nothing for an opinion."""
    if verdict(row.verdict).rating is None:
        return Markup()
    return json_ld_script(claim_review(row, fragment_only=True))


def claim_reviews() -> list[dict]:
    """One ClaimReview per checkable (non-opinion) claim, in register order."""
    claims = load_table("claims")
    return [claim_review(row) for _, row in claims.iterrows() if verdict(row.verdict).rating is not None]
