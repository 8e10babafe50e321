"""Tables for the methodology page, computed from the scale and the register."""

from __future__ import annotations

import html

from IPython.display import HTML

from factcheck.claims import badge, format_date
from factcheck.datapackage import load_table
from factcheck.register import link, register
from factcheck.verdicts import BEST_RATING, SCALE, WORST_RATING


def _table(caption: str, headings: list[str], rows: list[list[str]]) -> HTML:
    head = "".join(f'<th scope="col">{h}</th>' for h in headings)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return HTML(f'<table class="fc-table"><caption>{caption}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')


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


def publication_window() -> dict:
    """The latest of the earliest bounds and the earliest of the latest bounds."""
    clues = load_table("publication_clues")
    earliest = clues.loc[clues.bound == "earliest", "bound_date"].max()
    latest = clues.loc[clues.bound == "latest", "bound_date"].min()
    if earliest > latest:
        raise ValueError("the publication clues contradict each other: the window is empty")
    return {"earliest": format_date(earliest), "latest": format_date(latest), "days": (latest - earliest).days + 1}


def verdict_changes() -> HTML:
    """Claims whose verdict with hindsight differs, and what changed."""
    claims = register()
    changed = claims[claims.verdict != claims.verdict_hindsight]
    titles = {v.label: v.title for v in SCALE}
    rows = [
        [f"<q>{html.escape(c.quote)}</q>", titles[c.verdict], titles[c.verdict_hindsight], html.escape(c.hindsight_note)]
        for _, c in changed.iterrows()
    ]
    return _table("Claims whose verdict changed with hindsight", ["The article says", "At publication", "With hindsight", "What changed"], rows)
