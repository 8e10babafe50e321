"""The claims register as reader-facing pages: the sortable table, the verdict
counts behind the overview charts, and the article annotated claim by claim."""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML

from factcheck.article import SENTENCE_END, load_article
from factcheck.claimreview import embedded_review
from factcheck.claims import ATTRIBUTION_NOTE, badge, reports_speech
from factcheck.datapackage import load_table
from factcheck.labels import label
from factcheck.markup import render
from factcheck.pages import checked_in, claim_anchor, claim_href, link, mark_anchor, note_anchor, register_page
from factcheck.prose import resolve_figures
from factcheck.verdicts import LABELS, verdict
from factcheck.words import first_sentence, paragraph_name

WHEN = {"verdict": "At publication", "verdict_hindsight": "With hindsight"}
# The verdict first, then the claim and what we found: on a narrow screen that is the order a reader needs.
REGISTER_HEADINGS = ["Verdict", "The article says, and what we found", "Checked in"]


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


def hindsight_summary(claims: pd.DataFrame | None = None) -> str:
    """One sentence on what hindsight changes, computed from the register."""
    claims = register() if claims is None else claims
    changed = int((claims.verdict != claims.verdict_hindsight).sum())
    if changed == 0:
        return f"Hindsight changes none of the {len(claims)} verdicts, so each is shown once."
    return (
        f"Hindsight changes {changed} of the {len(claims)} verdicts; a \u201cwith hindsight\u201d badge marks "
        f"{'it' if changed == 1 else 'each'}, and every other verdict is shown once."
    )


def _claim_line(from_page: str, c: pd.Series) -> dict:
    """What a list or table of claims shows of one claim: its verdicts, quote, first sentence and link to its check."""
    lead, rest = first_sentence(c.conclusion)
    return {
        "claim_id": c.claim_id,
        "verdict": c.verdict,
        "hindsight": c.verdict_hindsight,
        "quote": c.quote,
        "lead": lead,
        "rest": rest,
        "href": claim_href(from_page, c),
    }


def claims_table() -> HTML:
    """Every claim in one table; fc-table.js makes it sortable and filterable.

    Rows of claims no chapter checks yet carry the claim's anchor and its
    ClaimReview, since this page is where they are checked.
    """
    claims = register()
    here_page = register_page()
    rows = [
        {
            **_claim_line(here_page, c),
            "here": c.page == here_page,
            "anchor": claim_anchor(c.claim_id),
            "number": number,
            "verdict_order": LABELS.index(c.verdict),
            "topic_title": c.topic_title,
        }
        for number, (_, c) in enumerate(claims.iterrows())
    ]
    counts = claims.verdict.value_counts()
    return HTML(
        render(
            "claims_table.html",
            chips=[{"verdict": verdict(v), "count": counts[v]} for v in LABELS if v in counts],
            sort_options=[(1, "Order in the article"), (0, "Verdict"), (2, "Checked in")],
            headings=REGISTER_HEADINGS,
            rows=rows,
            reviews=[embedded_review(c) for _, c in claims.iterrows() if c.page == here_page],
            badge=badge,
        )
    )


def claims_checked_here(page: str) -> HTML:
    """The claims a chapter checks, verdict first, each linking to its full box:
    what a reader who opens the chapter wants before the evidence."""
    claims = register()
    here = claims[claims.page == page.removesuffix(".html") + ".html"]
    if here.empty:
        raise ValueError(f"no claim of the register is checked on {page}: set its topics' chapter in topics.csv")
    lines = [{**_claim_line(page, c), "href": "#" + claim_anchor(c.claim_id)} for _, c in here.iterrows()]
    return HTML(render("claims_checked_here.html", claims=lines, badge=badge))


WRONG = ("misleading", "inaccurate")


def front_findings(page: str) -> HTML:
    """The findings at a glance for the front page: every claim as a square in its verdict's row,
    each linking to its check; the claims found wrong; and each chapter in one line with its verdict counts."""
    claims = register()
    topics = load_table("topics")
    scorecard = [
        {"verdict": verdict(v), "claims": [_claim_line(page, c) for _, c in claims[claims.verdict == v].iterrows()]}
        for v in LABELS
        if (claims.verdict == v).any()
    ]
    wrong = (
        claims[claims.verdict.isin(WRONG)]
        .assign(order=lambda f: f.verdict.map(LABELS.index))
        .sort_values("order", ascending=False, kind="stable")
    )
    chapters = []
    for chapter, group in topics.groupby("chapter", sort=False):
        counts = claims[claims.topic.isin(group.topic)].verdict.value_counts()
        chapters.append(
            {
                "href": link(page, chapter + ".html"),
                "title": group.title.iloc[0],  # the chapter is named by its first topic, as its heading is
                "counts": [f"{counts[v]} {verdict(v).title.lower()}" for v in LABELS if v in counts],
            }
        )
    return HTML(
        render(
            "front_findings.html",
            scorecard=scorecard,
            wrong=[_claim_line(page, c) for _, c in wrong.iterrows()],
            chapters=chapters,
            badge=badge,
        )
    )


def verdict_counts(by: str) -> pd.DataFrame:
    """Claims counted by ``by`` (topic_title or claim_type) and verdict, at publication and with hindsight."""
    claims = register()
    frames = [
        claims.groupby([by, column])
        .size()
        .rename("claims")
        .reset_index()
        .rename(columns={column: "label"})
        .assign(when=when)
        for column, when in WHEN.items()
    ]
    counts = pd.concat(frames, ignore_index=True)
    counts["verdict"] = counts.label.map(lambda code: verdict(code).title)
    counts["order"] = counts.label.map(LABELS.index)
    if by == "claim_type":
        counts["claim_type"] = counts.claim_type.map(lambda code: label("claims", "claim_type", code))
    return counts.astype({"claims": int})


ATTRIBUTION_MARK = "that it was said; what was said not verified"  # the short form beside the mark


def _mark_start(text: str, start: int, cursor: int, c: pd.Series) -> int:
    """Where a claim's mark begins: at its quote, or for an attribution at the words that attribute it
    (back to the previous mark or the start of the sentence), so the mark never covers quoted words alone."""
    if c.claim_type != "attribution":
        return start
    sentence_start = max((m.end() for m in SENTENCE_END.finditer(text, 0, start + 1)), default=0)
    begin = max(cursor, sentence_start)
    while begin < start and text[begin] in " ,;:":
        begin += 1
    return begin


def annotated_article(page: str) -> HTML:
    """The article, each claim marked in its verdict's colour and named in words.

    Paragraphs carry the numbers the verdict boxes cite (the headline has none).
    A claim's conclusion shows on hover (title) and as a numbered note below;
    its mark links to where it is checked. A claim about what someone said is
    marked with its attribution and noted as such. Works without JavaScript.
    """
    article = load_article()
    claims = register()
    notes, paragraphs = [], []
    for number, text in enumerate(article.paragraphs):
        marks = sorted(
            ((text.index(c.quote), c) for _, c in claims[claims.paragraph == number].iterrows()),
            key=lambda pair: pair[0],
        )
        parts, cursor = [], 0
        for start, c in marks:
            notes.append(c)
            v = verdict(c.verdict)
            begin = _mark_start(text, start, cursor, c)
            kind = f"fc-claim fc-claim--{v.label}" + (" fc-claim--attribution" if c.claim_type == "attribution" else "")
            mark = {
                "claim_id": c.claim_id,
                "kind": kind,
                "verdict": v,
                "anchor": mark_anchor(c.claim_id),
                "note_anchor": note_anchor(c.claim_id),
                "href": claim_href(page, c),
                "conclusion": c.conclusion,
                "text": text[begin : start + len(c.quote)],
                "number": len(notes),
                "note": v.title.lower() + (f" {ATTRIBUTION_MARK}" if reports_speech(c) else ""),
            }
            parts.append((text[cursor:begin], mark))
            cursor = start + len(c.quote)
        parts.append((text[cursor:], None))
        paragraphs.append(
            {
                "headline": number == 0 and article.has_headline,
                "number": number,
                "name": paragraph_name(number, article.has_headline),
                "parts": parts,
            }
        )
    note_items = [
        {
            **_claim_line(page, c),
            "conclusion": c.conclusion,
            "paragraph": paragraph_name(c.paragraph, article.has_headline),
            "attribution": reports_speech(c),
            "mark_anchor": mark_anchor(c.claim_id),
            "note_anchor": note_anchor(c.claim_id),
        }
        for c in notes
    ]
    return HTML(
        render(
            "annotated_article.html",
            paragraphs=paragraphs,
            notes=note_items,
            attribution_note=ATTRIBUTION_NOTE[0].upper() + ATTRIBUTION_NOTE[1:],
            badge=badge,
        )
    )
