"""Tables for the methodology page, computed from the scale and the register."""

from __future__ import annotations

import re

import pandas as pd
from IPython.display import HTML
from markupsafe import Markup

from factcheck.claims import badge
from factcheck.datapackage import load_table
from factcheck.dates import format_date
from factcheck.labels import label
from factcheck.markup import render
from factcheck.pages import claim_href
from factcheck.register import register
from factcheck.tables import table_html
from factcheck.verdicts import BEST_RATING, SCALE, WORST_RATING
from factcheck.window import (  # re-exported: chapters import the window from here
    made_public_later as made_public_later,
)
from factcheck.window import (
    publication_bounds as publication_bounds,
)
from factcheck.window import (
    publication_window as publication_window,
)
from factcheck.words import short_quote

CLAIM_ID = re.compile(r"([a-z0-9]+(?:-[a-z0-9]+)+)")  # a word shaped like a claim id


def _table(caption: str, headings: list[str], rows: list[list[str]]) -> HTML:
    return HTML(table_html(caption, headings, rows))


def scale_with_examples(page: str) -> HTML:
    """Each label, its meaning, and the first claim of the register that has it."""
    claims = register()
    rows = []
    for v in SCALE:
        examples = claims[claims.verdict == v.label]
        example = "none yet"
        if len(examples):
            c = examples.iloc[0]
            example = _quote_link(page, c)
        rows.append([badge(v.label), v.meaning, example])
    return _table("The verdict scale", ["Label", "Meaning", "Example from this article"], rows)


def rating_table() -> HTML:
    """How labels map to schema.org ratingValue."""
    rows = [[v.title, str(v.rating) if v.rating is not None else "no ClaimReview"] for v in SCALE]
    caption = f"Labels as ratings (bestRating {BEST_RATING}, worstRating {WORST_RATING})"
    return _table(caption, ["Label (alternateName)", "ratingValue"], rows)


def _quote_link(page: str, c: pd.Series) -> Markup:
    return render("quote_link.html", href=claim_href(page, c), short=False, quote=c.quote)


def verdict_changes(page: str) -> HTML:
    """Claims whose verdict with hindsight differs, and what changed."""
    claims = register()
    changed = claims[claims.verdict != claims.verdict_hindsight]
    rows = [
        [_quote_link(page, c), badge(c.verdict), badge(c.verdict_hindsight), c.hindsight_note]
        for _, c in changed.iterrows()
    ]
    return _table(
        "Claims whose verdict changed with hindsight",
        ["The article says", "At publication", "With hindsight", "What changed"],
        rows,
    )


def hindsight_notes(page: str) -> HTML:
    """Claims that keep their verdict, with what later evidence or events add."""
    claims = register()
    noted = claims[(claims.verdict == claims.verdict_hindsight) & (claims.hindsight_note != "")]
    rows = [[_quote_link(page, c), badge(c.verdict), c.hindsight_note] for _, c in noted.iterrows()]
    return _table(
        "Claims whose verdict stands, with hindsight notes", ["The article says", "Verdict", "What came later"], rows
    )


def _short_quote_link(page: str, c: pd.Series) -> Markup:
    return render("quote_link.html", href=claim_href(page, c), short=True, quote=short_quote(c.quote))


def _claims_named(page: str, text: str, claims: pd.DataFrame) -> Markup:
    """``text`` as HTML, each claim id in it replaced by the claim's short quote, linked to its check."""
    pieces = CLAIM_ID.split(text)  # every other piece is a word shaped like a claim id
    return Markup().join(
        _short_quote_link(page, claims.loc[piece]) if i % 2 and piece in claims.index else piece
        for i, piece in enumerate(pieces)
    )


def report_an_error() -> HTML:
    """How a reader reports an error in the book; the build adds the link to the repository's issue
    form when the book names one (see ``factcheck.sphinx``)."""
    return HTML(render("report_book.html", href=""))


def corrections_table(page: str) -> HTML:
    """Every correction, newest first: when, what kind, which claim, what was wrong and what changed."""
    corrections = load_table("corrections").sort_values(["date", "correction_id"], ascending=[False, True])
    claims = register().set_index("claim_id", drop=False)
    rows = []
    for _, c in corrections.iterrows():
        claim = _short_quote_link(page, claims.loc[c.claim_id]) if c.claim_id else "The whole book"
        rows.append(
            [
                format_date(c.date),
                label("corrections", "kind", c.kind),
                claim,
                _claims_named(page, c.what_was_wrong, claims),
                _claims_named(page, c.what_changed, claims),
            ]
        )
    return _table(
        "Corrections, clarifications and updates, newest first",
        ["Date", "Kind", "Claim", "What was wrong", "What changed"],
        rows,
    )
