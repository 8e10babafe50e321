"""The claims register: verbatim quotes, full coverage of the article, sources
for every verdict, the verdict scale, links that resolve, and ClaimReview."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from helpers import BUILT_BOOK, ROOT

from factcheck.article import load_article
from factcheck.claimreview import claim_reviews
from factcheck.datapackage import load_table
from factcheck.pages import checked_in
from factcheck.prose import resolve_figures
from factcheck.verdicts import LABELS
from factcheck.window import publication_window

ARTICLE = load_article(ROOT / "seeds")
CLAIMS = load_table("claims")
CHECKABLE = CLAIMS[CLAIMS.verdict != "opinion"]


@pytest.mark.parametrize(
    "claim_id, paragraph, quote", list(CLAIMS[["claim_id", "paragraph", "quote"]].itertuples(index=False))
)
def test_every_quote_stands_verbatim_in_its_paragraph(claim_id, paragraph, quote):
    assert quote in ARTICLE.paragraphs[paragraph], f"{claim_id}: quote not found in paragraph {paragraph}"


def test_every_sentence_of_the_article_is_accounted_for():
    missing = [
        (number, sentence)
        for number, sentence in ARTICLE.sentences()
        if not any(quote in sentence for quote in CLAIMS.quote[CLAIMS.paragraph == number])
    ]
    assert missing == []


def test_quotes_in_a_paragraph_do_not_overlap():
    for number, text in enumerate(ARTICLE.paragraphs):
        spans = sorted((text.index(q), text.index(q) + len(q)) for q in CLAIMS.quote[CLAIMS.paragraph == number])
        for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
            assert end <= start, f"paragraph {number}: two claims overlap"


def test_every_checkable_claim_rests_on_evidence():
    evidence = load_table("claim_evidence")
    assert set(CHECKABLE.claim_id) <= set(evidence.claim_id)


def test_every_label_is_on_the_scale():
    assert set(CLAIMS.verdict) | set(CLAIMS.verdict_hindsight) <= set(LABELS)


def test_a_changed_verdict_says_what_changed():
    changed = CLAIMS[CLAIMS.verdict != CLAIMS.verdict_hindsight]
    assert (changed.hindsight_note != "").all(), list(changed.claim_id[changed.hindsight_note == ""])


# Conclusions and notes are reused out of context (register, ClaimReview, README):
# they may not lean on the text around them.
LEANING = re.compile(r"^(?:he|she|it|they|that|this|these|those)\b|\(see (?:below|above)\)", re.IGNORECASE)


@pytest.mark.parametrize("column", ["conclusion", "hindsight_note"])
def test_conclusions_and_notes_stand_alone(column):
    leaning = CLAIMS[CLAIMS[column].str.contains(LEANING)]
    assert list(leaning.claim_id) == []


def test_opinions_are_labelled_opinion_at_both_times():
    opinions = CLAIMS[CLAIMS.claim_type == "opinion"]
    assert (opinions.verdict == "opinion").all() and (opinions.verdict_hindsight == "opinion").all()


def test_every_conclusion_resolves_its_figures():
    for conclusion in CLAIMS.conclusion:
        assert "{" not in resolve_figures(conclusion)


def test_publication_clues_quote_the_article_and_agree():
    clues = load_table("publication_clues")
    for clue in clues.itertuples():
        assert clue.quote in ARTICLE.paragraphs[clue.paragraph], clue.clue_id
    assert publication_window()["days"] >= 1


def test_one_claim_review_per_checkable_claim_with_required_fields():
    reviews = claim_reviews()
    assert [r["claimReviewed"] for r in reviews] == list(CHECKABLE.quote)
    for review in reviews:
        assert review["@type"] == "ClaimReview"
        rating = review["reviewRating"]
        assert {"ratingValue", "bestRating", "worstRating", "alternateName"} <= set(rating)
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert review["itemReviewed"]["@type"] == "Claim" and review["itemReviewed"]["appearance"]["headline"]
        assert review["author"]["name"] and review["datePublished"] and "#claim-" in review["url"]
        assert review["datePublished"] <= review["dateModified"]


def test_a_correction_dates_its_claims_review():
    corrections = load_table("corrections")
    corrected = corrections[corrections.claim_id != ""]
    reviews = {r["url"].rsplit("#claim-", 1)[1]: r for r in claim_reviews()}
    for correction in corrected.itertuples():
        if correction.claim_id in reviews:
            assert reviews[correction.claim_id]["dateModified"] >= correction.date.strftime("%Y-%m-%d")


def test_the_published_claims_jsonld_parses_and_is_complete():
    reviews = json.loads((BUILT_BOOK / "claims.jsonld").read_text())
    assert len(reviews) == len(CHECKABLE)
    assert {r["claimReviewed"] for r in reviews} == set(CHECKABLE.quote)


@pytest.mark.parametrize("claim_id", list(CLAIMS.claim_id))
def test_every_claim_link_target_exists_in_the_built_book(claim_id):
    row = CLAIMS.set_index("claim_id", drop=False).loc[claim_id]
    page = BUILT_BOOK / checked_in(row)
    assert page.is_file(), f"{claim_id}: {page} is not in the built book"
    assert f'id="claim-{claim_id}"' in page.read_text(), f"{claim_id}: no anchor in {page.name}"


def test_every_claim_review_is_embedded_once_in_the_page_that_checks_it():
    embedded = []
    for page in BUILT_BOOK.rglob("*.html"):
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(), re.S):
            data = json.loads(block)
            if data.get("@type") == "ClaimReview":
                embedded.append(data["claimReviewed"])
    assert sorted(embedded) == sorted(CHECKABLE.quote)


def test_every_topic_has_a_chapter_in_the_book():
    toc = (ROOT / "_toc.yml").read_text()
    for topic in load_table("topics").itertuples():
        assert topic.chapter, f"topic '{topic.topic}' has no chapter: its claims would be checked only in the register"
        assert f"file: {topic.chapter}" in toc


def test_months_between_counts_calendar_months():
    from factcheck.dates import months_between

    assert months_between(pd.Timestamp("2022-12-01"), pd.Timestamp("2023-05-01")) == 5
    assert months_between(pd.Timestamp("2022-12-31"), pd.Timestamp("2023-01-01")) == 1
