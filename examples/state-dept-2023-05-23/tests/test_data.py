"""The book's data checks: the package is valid, every claim quotes the article
and rests on evidence, and every topic's chapter is in the book."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck import load_table
from factcheck.article import load_article
from factcheck.book import toc_pages
from factcheck.datapackage import validate_package

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _book_data(monkeypatch):
    monkeypatch.setenv("FACTCHECK_DATA", str(ROOT / "data"))


def test_the_data_package_is_valid():
    validate_package(ROOT / "data")


def test_every_claim_quotes_its_paragraph_of_the_article_exactly():
    article = load_article(ROOT / "seeds")
    for claim in load_table("claims").itertuples():
        assert claim.paragraph < len(article.paragraphs), f"claim {claim.claim_id}: no paragraph {claim.paragraph}"
        assert claim.quote in article.paragraphs[claim.paragraph], (
            f"claim {claim.claim_id}: its quote is not in paragraph {claim.paragraph}"
        )


def test_every_checkable_claim_rests_on_evidence():
    cited = set(load_table("claim_evidence").claim_id)
    checkable = load_table("claims").query("verdict != 'opinion'")
    assert set(checkable.claim_id) <= cited, f"claims without evidence: {sorted(set(checkable.claim_id) - cited)}"


def test_every_topic_chapter_is_a_page_of_the_book():
    pages = set(toc_pages(ROOT))
    for topic in load_table("topics").itertuples():
        assert not topic.chapter or topic.chapter in pages, f"topic {topic.topic}: {topic.chapter} is not in _toc.yml"
