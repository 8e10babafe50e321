"""Reader-facing words for codes and raw text, and the search's word splitting."""

from __future__ import annotations

from factcheck.search import SearchBook
from factcheck.words import first_sentence, paragraph_name, short_quote, split_title_note, strip_wiki_markup


def test_a_claim_is_named_by_its_first_words():
    assert short_quote("Russia has lost 100,000 servicemen") == "Russia has lost 100,000 servicemen"
    assert (
        short_quote("one two three four five six seven eight, nine ten") == "one two three four five six seven eight…"
    )


def test_the_headline_is_not_paragraph_0():
    assert paragraph_name(0) == "headline"
    assert paragraph_name(5) == "paragraph 5"


def test_wiki_markup_becomes_the_words_a_page_shows():
    text = (
        "is a [[types of inhabited localities in Russia|rural locality]] "
        "(a [[Village#Russia|selo]]) in '''Belgorod''' [[Oblast]]"
    )
    assert strip_wiki_markup(text) == "is a rural locality (a selo) in Belgorod Oblast"


def test_a_title_note_is_split_from_the_title():
    assert split_title_note("Kyiv says (title not seen)") == ("Kyiv says", "title not seen")
    assert split_title_note("(title from URL slug) Kyiv says") == ("Kyiv says", "title from URL slug")
    assert split_title_note("Kyiv (Ukraine) says") == ("Kyiv (Ukraine) says", "")


def test_first_sentence_and_the_rest():
    assert first_sentence("No city was taken. Two villages were.") == ("No city was taken.", "Two villages were.")
    assert first_sentence("One sentence.") == ("One sentence.", "")


def test_search_keeps_names_and_numbers_whole_and_their_parts_too():
    words = SearchBook({}).split("F-16s and 100,000 men, in Bakhmut.")
    assert {"F-16s", "F", "16s", "100,000", "100", "000", "Bakhmut"} <= set(words)
    assert "men," not in words


def test_report_links_point_at_the_repository_only_when_the_book_names_one():
    from factcheck.book import with_report_links

    body = (
        '<a class="fc-report" data-report="us-estimate-100000" href="13_corrections.html#report-an-error">Report</a>'
        '<p class="fc-report-book" data-report="">This edition names no repository.</p>'
    )
    assert with_report_links(body, "") == body
    linked = with_report_links(body, "https://github.com/example/book")
    assert 'href="https://github.com/example/book/issues/new?title=Error%20in%20claim%20us-estimate-100000' in linked
    assert (
        "names no repository" not in linked
        and 'href="https://github.com/example/book/issues/new?title=Error%20in%20the%20book' in linked
    )


def test_paragraph_zero_is_the_headline_only_in_an_article_that_has_one():
    assert paragraph_name(0) == "headline"
    assert paragraph_name(0, has_headline=False) == "paragraph 0"
