"""The claims register as reader-facing pages: the sortable table, the verdict
counts behind the overview charts, and the article annotated claim by claim."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

from factcheck.article import SENTENCE_END, load_article
from factcheck.claimreview import embedded_review
from factcheck.claims import ATTRIBUTION_NOTE, badge, reports_speech
from factcheck.datapackage import load_table
from factcheck.labels import label
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


def _register_claim(c: pd.Series) -> str:
    """The quote, a one-line conclusion and the rest behind "more"."""
    lead, rest = first_sentence(c.conclusion)
    more = f'<details class="fc-register-more"><summary>more</summary>{html.escape(rest)}</details>' if rest else ""
    return f'<q>{html.escape(c.quote)}</q><span class="fc-register-conclusion">{html.escape(lead)}</span>{more}'


def _verdict_chips(claims: pd.DataFrame) -> str:
    """One button per verdict found in the register, with its count; pressing one shows only those claims."""
    counts = claims.verdict.value_counts()
    chips = "".join(
        f'<button type="button" class="fc-chip" aria-pressed="false" data-verdict="{v}" style="--fc-verdict:{verdict(v).colour}">'
        f'{html.escape(verdict(v).title)} <span class="fc-chip-count">{counts[v]}</span></button>'
        for v in LABELS
        if v in counts
    )
    return f'<div class="fc-chips" role="group" aria-label="Show only one verdict">{chips}</div>'


def claims_table() -> HTML:
    """Every claim in one table; fc-table.js makes it sortable and filterable.

    Rows of claims no chapter checks yet carry the claim's anchor and its
    ClaimReview, since this page is where they are checked.
    """
    claims = register()
    here_page = register_page()
    rows, reviews = [], []
    for number, (_, c) in enumerate(claims.iterrows()):
        here = c.page == here_page
        where = "this table" if here else f'<a href="{claim_href(here_page, c)}">{html.escape(c.topic_title)}</a>'
        row_id = f' id="{claim_anchor(c.claim_id)}"' if here else ""
        labels = badge(c.verdict)
        if c.verdict_hindsight != c.verdict:
            labels += f' <span class="fc-hindsight">with hindsight {badge(c.verdict_hindsight)}</span>'
        cells = [
            (f' data-sort="{LABELS.index(c.verdict)}"', labels),
            (f' data-sort="{number:03d}"', _register_claim(c)),
            (f' data-sort="{html.escape(c.topic_title, quote=True)}"', where),
        ]
        rows.append(
            f'<tr{row_id} data-verdict="{c.verdict}">'
            + "".join(
                f'<td data-label="{h}"{attrs}>{cell}</td>'
                for h, (attrs, cell) in zip(REGISTER_HEADINGS, cells, strict=True)
            )
            + "</tr>"
        )
        if here:
            reviews.append(embedded_review(c))
    head = "".join(
        f'<th scope="col"><button type="button" class="fc-sort">{h}</button></th>' for h in REGISTER_HEADINGS
    )
    sort_options = "".join(
        f'<option value="{i}">{h}</option>' for i, h in [(1, "Order in the article"), (0, "Verdict"), (2, "Checked in")]
    )
    return HTML(
        f'<div class="fc-filterable">{_verdict_chips(claims)}'
        f'<div class="fc-register-controls">'
        f'<label>Filter the claims <input type="search" class="fc-filter" placeholder="word, place or verdict"></label>'
        f'<label>Sort by <select class="fc-sort-select">{sort_options}</select></label>'
        f'</div><p class="fc-shown" aria-live="polite"><span class="fc-shown-count">{len(claims)}</span> of {len(claims)} claims shown</p>'
        f'<div class="fc-scroll" tabindex="0" role="region" aria-label="The claims register">'
        f'<table class="fc-table fc-sortable fc-cards"><caption>All {len(claims)} claims of the article</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div></div>{''.join(reviews)}"
    )


def claims_checked_here(page: str) -> HTML:
    """The claims a chapter checks, verdict first, each linking to its full box:
    what a reader who opens the chapter wants before the evidence."""
    claims = register()
    here = claims[claims.page == page.removesuffix(".html") + ".html"]
    if here.empty:
        raise ValueError(f"no claim of the register is checked on {page}: set its topics' chapter in topics.csv")
    items = "".join(
        f"<li>{badge(c.verdict)}"
        + (
            f' <span class="fc-hindsight">with hindsight {badge(c.verdict_hindsight)}</span>'
            if c.verdict_hindsight != c.verdict
            else ""
        )
        + f' <a href="#{claim_anchor(c.claim_id)}"><q>{html.escape(c.quote)}</q></a> '
        f'<span class="fc-claims-here-line">{html.escape(first_sentence(c.conclusion)[0])}</span></li>'
        for _, c in here.iterrows()
    )
    return HTML(
        f'<nav class="fc-claims-here" aria-label="Claims checked in this chapter">'
        f'<p class="fc-claims-here-title">What this chapter checks, and what we found</p><ul>{items}</ul></nav>'
    )


WRONG = ("misleading", "inaccurate")


def front_findings(page: str) -> HTML:
    """The findings at a glance for the front page: every claim as a square in its verdict's row,
    each linking to its check; the claims found wrong; and each chapter in one line with its verdict counts."""
    claims = register()
    topics = load_table("topics")

    rows = []
    for v in LABELS:
        these = claims[claims.verdict == v]
        if these.empty:
            continue
        squares = "".join(
            f'<a class="fc-square" href="{claim_href(page, c)}" title="{html.escape(c.quote, quote=True)}" '
            f'aria-label="{html.escape(verdict(v).title, quote=True)}: {html.escape(c.quote, quote=True)}"></a>'
            for _, c in these.iterrows()
        )
        rows.append(
            f'<li style="--fc-verdict:{verdict(v).colour}"><span class="fc-scorecard-label">{badge(v)} '
            f'<span class="fc-scorecard-count">{len(these)}</span></span><span class="fc-squares">{squares}</span></li>'
        )
    wrong = (
        claims[claims.verdict.isin(WRONG)]
        .assign(order=lambda f: f.verdict.map(LABELS.index))
        .sort_values("order", ascending=False, kind="stable")
    )
    wrong_items = "".join(
        f'<li>{badge(c.verdict)} <a href="{claim_href(page, c)}"><q>{html.escape(c.quote)}</q></a> '
        f'<span class="fc-claims-here-line">{html.escape(first_sentence(c.conclusion)[0])}</span></li>'
        for _, c in wrong.iterrows()
    )
    chapter_items = []
    for chapter, group in topics.groupby("chapter", sort=False):
        chapter_claims = claims[claims.topic.isin(group.topic)]
        counts = chapter_claims.verdict.value_counts()
        words = " · ".join(f"{counts[v]} {verdict(v).title.lower()}" for v in LABELS if v in counts)
        title = group.title.iloc[0]  # the chapter is named by its first topic, as its heading is
        chapter_items.append(f'<li><a href="{link(page, chapter + ".html")}">{html.escape(title)}</a>: {words}</li>')
    return HTML(
        f'<div class="fc-findings"><ul class="fc-scorecard" aria-label="Every claim by verdict">{"".join(rows)}</ul>'
        f'<p class="fc-findings-title">What the article got wrong ({len(wrong)} claims)</p><ul class="fc-wrong">{wrong_items}</ul>'
        f'<p class="fc-findings-title">The chapters</p><ul class="fc-chapter-lines">{"".join(chapter_items)}</ul></div>'
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
        out, cursor = [], 0
        for start, c in marks:
            notes.append(c)
            n = len(notes)
            v = verdict(c.verdict)
            begin = _mark_start(text, start, cursor, c)
            attribution = reports_speech(c)
            out.append(html.escape(text[cursor:begin]))
            kind = f"fc-claim fc-claim--{v.label}" + (" fc-claim--attribution" if c.claim_type == "attribution" else "")
            note = f"{html.escape(v.title.lower())}" + (f" {ATTRIBUTION_MARK}" if attribution else "")
            out.append(
                f'<a class="{kind}" style="--fc-verdict:{v.colour}" id="{mark_anchor(c.claim_id)}" '
                f'href="{claim_href(page, c)}" title="{html.escape(v.title)}: {html.escape(c.conclusion)}">'
                f"{html.escape(text[begin : start + len(c.quote)])}</a>"
                f'<sup class="fc-claim-note">[<a href="#{note_anchor(c.claim_id)}">{n}</a>, {note}]</sup>'
            )
            cursor = start + len(c.quote)
        out.append(html.escape(text[cursor:]))
        if number == 0 and article.has_headline:
            paragraphs.append(f'<p class="fc-article-headline" data-paragraph="0">{"".join(out)}</p>')
        else:
            paragraphs.append(
                f'<p class="fc-article-paragraph" data-paragraph="{number}">'
                f'<span class="fc-paragraph-number" aria-label="{paragraph_name(number, article.has_headline)}">{number}</span> {"".join(out)}</p>'
            )
    note_items = "".join(
        f'<li id="{note_anchor(c.claim_id)}">{badge(c.verdict)}'
        + (f" with hindsight {badge(c.verdict_hindsight)}" if c.verdict_hindsight != c.verdict else "")
        + f" <q>{html.escape(c.quote)}</q> ({paragraph_name(c.paragraph, article.has_headline)}): "
        + (f"<em>{ATTRIBUTION_NOTE[0].upper() + ATTRIBUTION_NOTE[1:]}.</em> " if reports_speech(c) else "")
        + f"{html.escape(c.conclusion)} "
        f'<a href="{claim_href(page, c)}">Where it is checked</a> '
        f'<a href="#{mark_anchor(c.claim_id)}" aria-label="Back to the claim in the article">↩</a></li>'
        for c in notes
    )
    return HTML(
        f'<article class="fc-article" lang="en">{"".join(paragraphs)}</article>'
        f'<ol class="fc-article-notes" aria-label="Notes on each claim">{note_items}</ol>'
    )
