"""The claims register as reader-facing pages: the sortable table, the verdict
counts behind the overview charts, and the article annotated claim by claim."""

from __future__ import annotations

import html
import posixpath

import pandas as pd
from IPython.display import HTML

from factcheck.article import load_article
from factcheck.claims import badge, register_page, checked_in, embedded_review, resolve_figures
from factcheck.datapackage import load_table
from factcheck.labels import label
from factcheck.verdicts import LABELS, verdict

WHEN = {"verdict": "At publication", "verdict_hindsight": "With hindsight"}
# The claim and its verdicts first: on a narrow screen they are what a reader needs.
REGISTER_HEADINGS = ["The article says, and what we found", "Verdict", "With hindsight", "Topic", "Kind", "Paragraph", "Checked in"]


def link(from_page: str, to_page: str, anchor: str = "") -> str:
    """Relative link between two pages given by their paths from the book root."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target


def register() -> pd.DataFrame:
    """Claims with their topic title and the page that checks each."""
    claims = load_table("claims")
    topics = load_table("topics").set_index("topic")
    return claims.assign(
        topic_title=claims.topic.map(topics.title),
        page=[checked_in(row) for _, row in claims.iterrows()],
        conclusion=claims.conclusion.map(resolve_figures),
        hindsight_note=claims.hindsight_note.map(resolve_figures),
    )


def claims_table() -> HTML:
    """Every claim in one table; fc-table.js makes it sortable and filterable.

    Rows of claims no chapter checks yet carry the claim's anchor and its
    ClaimReview, since this page is where they are checked.
    """
    claims = register()
    here_page = register_page()
    rows, reviews = [], []
    for _, c in claims.iterrows():
        here = c.page == here_page
        where = "this table" if here else f'<a href="{link(here_page, c.page, "claim-" + c.claim_id)}">{html.escape(c.topic_title)}</a>'
        row_id = f' id="claim-{c.claim_id}"' if here else ""
        cells = [
            ("", f'<q>{html.escape(c.quote)}</q><span class="fc-register-conclusion">{html.escape(c.conclusion)}</span>'),
            (f' data-sort="{LABELS.index(c.verdict)}"', badge(c.verdict)),
            (f' data-sort="{LABELS.index(c.verdict_hindsight)}"', badge(c.verdict_hindsight)),
            ("", html.escape(c.topic_title)),
            ("", html.escape(label("claims", "claim_type", c.claim_type))),
            ("", str(c.paragraph)),
            ("", where),
        ]
        rows.append(f"<tr{row_id}>" + "".join(f'<td data-label="{h}"{attrs}>{cell}</td>' for h, (attrs, cell) in zip(REGISTER_HEADINGS, cells)) + "</tr>")
        if here:
            reviews.append(embedded_review(c))
    head = "".join(f'<th scope="col"><button type="button" class="fc-sort">{h}</button></th>' for h in REGISTER_HEADINGS)
    return HTML(
        f'<div class="fc-filterable">'
        f'<label>Filter the claims <input type="search" class="fc-filter" placeholder="word, topic or verdict"></label>'
        f'<div class="fc-scroll" tabindex="0" role="region" aria-label="The claims register, scrolls sideways">'
        f'<table class="fc-table fc-sortable fc-cards"><caption>All {len(claims)} claims of the article</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div></div>{''.join(reviews)}"
    )


def verdict_counts(by: str) -> pd.DataFrame:
    """Claims counted by ``by`` (topic_title or claim_type) and verdict, at publication and with hindsight."""
    claims = register()
    frames = [
        claims.groupby([by, column]).size().rename("claims").reset_index().rename(columns={column: "label"}).assign(when=when)
        for column, when in WHEN.items()
    ]
    counts = pd.concat(frames, ignore_index=True)
    counts["verdict"] = counts.label.map(lambda code: verdict(code).title)
    counts["order"] = counts.label.map(LABELS.index)
    if by == "claim_type":
        counts["claim_type"] = counts.claim_type.map(lambda code: label("claims", "claim_type", code))
    return counts.astype({"claims": int})


def annotated_article(page: str) -> HTML:
    """The article, each claim marked in its verdict's colour and named in words.

    A claim's conclusion shows on hover (title) and as a numbered note below;
    its mark links to where it is checked. Works without JavaScript.
    """
    article = load_article()
    claims = register()
    notes, paragraphs = [], []
    for number, text in enumerate(article.paragraphs):
        marks = sorted(
            ((text.index(c.quote), c) for _, c in claims[claims.paragraph == number].iterrows()),
            key=lambda pair: pair[0],
        )
        out, cursor = [], 0
        for start, c in marks:
            notes.append(c)
            n = len(notes)
            v = verdict(c.verdict)
            out.append(html.escape(text[cursor:start]))
            out.append(
                f'<a class="fc-claim fc-claim--{v.label}" style="--fc-verdict:{v.colour}" id="mark-{c.claim_id}" '
                f'href="{link(page, c.page, "claim-" + c.claim_id)}" title="{html.escape(v.title)}: {html.escape(c.conclusion)}">'
                f"{html.escape(c.quote)}</a>"
                f'<sup class="fc-claim-note">[<a href="#note-{c.claim_id}">{n}</a>, {html.escape(v.title.lower())}]</sup>'
            )
            cursor = start + len(c.quote)
        out.append(html.escape(text[cursor:]))
        kind = "fc-article-headline" if number == 0 and article.has_headline else "fc-article-paragraph"
        paragraphs.append(f'<p class="{kind}" data-paragraph="{number}">{"".join(out)}</p>')
    note_items = "".join(
        f'<li id="note-{c.claim_id}">{badge(c.verdict)}'
        + (f" with hindsight {badge(c.verdict_hindsight)}" if c.verdict_hindsight != c.verdict else "")
        + f' <q>{html.escape(c.quote)}</q>: {html.escape(c.conclusion)} '
        f'<a href="{link(page, c.page, "claim-" + c.claim_id)}">Where it is checked</a>.</li>'
        for c in notes
    )
    return HTML(
        f'<article class="fc-article" lang="en">{"".join(paragraphs)}</article>'
        f'<ol class="fc-article-notes" aria-label="Notes on each claim">{note_items}</ol>'
    )
