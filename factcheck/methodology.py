"""Tables for the methodology page, computed from the scale and the register."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

from factcheck.claims import badge, format_date
from factcheck.datapackage import load_table
from factcheck.register import link, register
from factcheck.tables import html_table
from factcheck.verdicts import BEST_RATING, SCALE, WORST_RATING


def _table(caption: str, headings: list[str], rows: list[list[str]]) -> HTML:
    return HTML(html_table(caption, headings, rows))


def scale_with_examples(page: str) -> HTML:
    """Each label, its meaning, and the first claim of the register that has it."""
    claims = register()
    rows = []
    for v in SCALE:
        examples = claims[claims.verdict == v.label]
        example = "none yet"
        if len(examples):
            c = examples.iloc[0]
            example = f'<a href="{link(page, c.page, "claim-" + c.claim_id)}"><q>{html.escape(c.quote)}</q></a>'
        rows.append([badge(v.label), html.escape(v.meaning), example])
    return _table("The verdict scale", ["Label", "Meaning", "Example from this article"], rows)


def rating_table() -> HTML:
    """How labels map to schema.org ratingValue."""
    rows = [[v.title, str(v.rating) if v.rating is not None else "no ClaimReview"] for v in SCALE]
    caption = f"Labels as ratings (bestRating {BEST_RATING}, worstRating {WORST_RATING})"
    return _table(caption, ["Label (alternateName)", "ratingValue"], rows)


def publication_bounds() -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day the article can have appeared: the latest of the
    earliest bounds and the earliest of the latest bounds its clues give."""
    clues = load_table("publication_clues")
    earliest = clues.loc[clues.bound == "earliest", "bound_date"].max()
    latest = clues.loc[clues.bound == "latest", "bound_date"].min()
    if earliest > latest:
        raise ValueError("the publication clues contradict each other: the window is empty")
    return earliest, latest


def publication_window() -> dict:
    """The publication window in words, and its length in days."""
    earliest, latest = publication_bounds()
    return {"earliest": format_date(earliest), "latest": format_date(latest), "days": (latest - earliest).days + 1}


def made_public_later(dates: pd.Series) -> pd.Series:
    """Whether each date falls after the publication window: such a fact is hindsight."""
    return dates > publication_bounds()[1]


def made_public(source_ids: pd.Series) -> pd.Series:
    """When each source was made public: its publication date or, for a page that shows no date,
    the date of the earliest statement of it in the data (an event's date, a figure's publication)."""
    events, figures = load_table("events"), load_table("reported_figures")
    reported = pd.concat([events.groupby("source_id").date.min(), figures.groupby("source_id").published.min()])
    published = load_table("sources").set_index("source_id").published
    return source_ids.map(published.fillna(reported.groupby(level=0).min()))


def _quote_link(page: str, c: pd.Series) -> str:
    return f'<a href="{link(page, c.page, "claim-" + c.claim_id)}"><q>{html.escape(c.quote)}</q></a>'


def verdict_changes(page: str) -> HTML:
    """Claims whose verdict with hindsight differs, and what changed."""
    claims = register()
    changed = claims[claims.verdict != claims.verdict_hindsight]
    rows = [
        [_quote_link(page, c), badge(c.verdict), badge(c.verdict_hindsight), html.escape(c.hindsight_note)]
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
    rows = [[_quote_link(page, c), badge(c.verdict), html.escape(c.hindsight_note)] for _, c in noted.iterrows()]
    return _table(
        "Claims whose verdict stands, with hindsight notes", ["The article says", "Verdict", "What came later"], rows
    )


def _short_quote_link(page: str, c: pd.Series) -> str:
    from factcheck.words import short_quote

    return f'<a href="{link(page, c.page, "claim-" + c.claim_id)}">“{html.escape(short_quote(c.quote))}”</a>'


def _claims_named(page: str, text: str, claims: pd.DataFrame) -> str:
    """``text`` escaped, each claim id in it replaced by the claim's short quote, linked to its check."""
    import re

    return re.sub(
        r"[a-z0-9]+(?:-[a-z0-9]+)+",
        lambda m: _short_quote_link(page, claims.loc[m[0]]) if m[0] in claims.index else m[0],
        html.escape(text),
    )


def report_an_error() -> HTML:
    """How a reader reports an error in the book; the build adds the link to the repository's issue
    form when the book names one (see ``factcheck.sphinx``)."""
    return HTML(
        '<p class="fc-report-book" data-report="">This edition names no repository: write to the book\'s contributors '
        "with the claim (its verdict box's address) and the source that shows the error.</p>"
    )


def corrections_table(page: str) -> HTML:
    """Every correction, newest first: when, what kind, which claim, what was wrong and what changed."""
    from factcheck.labels import label

    corrections = load_table("corrections").sort_values(["date", "correction_id"], ascending=[False, True])
    claims = register().set_index("claim_id", drop=False)
    rows = []
    for _, c in corrections.iterrows():
        claim = _short_quote_link(page, claims.loc[c.claim_id]) if c.claim_id else "The whole book"
        rows.append(
            [
                format_date(c.date),
                html.escape(label("corrections", "kind", c.kind)),
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
