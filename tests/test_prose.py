"""Data in prose: ``{fig}`` and ``{date}`` say a row's figure or date in words and link its source."""

import pytest
from bs4 import BeautifulSoup
from helpers import BUILT_BOOK

from factcheck.prose import date_words, figure_words, fill, quote_words


def test_a_figure_is_said_in_words_with_its_qualifier_and_source():
    datum = figure_words("us-russian-casualties-dec-2022-apr-2023")
    assert datum.text == "more than 100,000"
    assert datum.source_id


def test_a_date_is_no_more_precise_than_its_source():
    assert date_words("zelensky-visits-bakhmut-2022-12-20").text == "20 December 2022"
    assert date_words("fall-2022-07-new-defence-line").text == "July 2022"


def test_a_key_may_name_its_table():
    assert date_words("events:fall-2022-07-new-defence-line").text == "July 2022"


def test_a_date_key_may_name_another_date_of_its_row_and_say_it_less_precisely():
    key = "us-russian-casualties-dec-2022-apr-2023"
    assert date_words(f"{key}.period_start").text == "December 2022"  # the row's period_start_precision
    assert date_words(f"{key}.period_end").text == "1 May 2023"
    assert date_words(f"{key}.period_end/month").text == "May 2023"
    with pytest.raises(KeyError, match="only to the month"):
        date_words(f"{key}.period_start/day")


def test_an_events_end_date_is_said_as_precisely_as_its_end_precision():
    from factcheck.prose import _dated

    resource, row, field, precision = _dated("events:fall-2023-09-flanks-retaken.end_date")
    assert field == "end_date" and precision == (row["end_precision"] or "day")


def test_a_date_key_may_say_a_rows_span_to_its_end_date():
    assert date_words("zuppi-kyiv-2023-06-05.span").text == "5 to 6 June 2023"
    assert date_words("zelensky-visits-bakhmut-2022-12-20.span").text == "20 December 2022"  # no end date


def test_a_quote_is_the_rows_excerpt_with_its_source():
    datum = quote_words("nsc-clarifies-all-of-ukraine")
    assert datum.text and datum.source_id
    with pytest.raises(KeyError, match="no such row"):
        quote_words("no-such-row")


@pytest.mark.parametrize(
    ("words", "key", "message"),
    [
        (figure_words, "no-such-figure", "no row 'no-such-figure'"),
        (date_words, "claims:fall-2022-07-new-defence-line", "'claims' is not a table with a dateField"),
    ],
)
def test_an_unknown_key_names_what_is_wrong(words, key, message):
    with pytest.raises(KeyError, match=message):
        words(key)


def test_a_date_in_prose_links_to_its_source_entry():
    page = BUILT_BOOK / "chapters" / "07_allies.html"
    assert page.exists(), "build the book first (make book)"
    data = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(".fc-datum a")
    assert data, "no {date} or {fig} on the page"
    for link in data:
        assert link["href"].startswith("11_sources.html#source-")
        assert link["title"].startswith("Source: ")
    assert "20 December 2022" in [link.get_text() for link in data]


def test_a_quote_in_prose_has_the_pages_typography():
    page = BUILT_BOOK / "chapters" / "05_human_cost.html"
    assert page.exists(), "build the book first (make book)"
    quotes = [
        link.get_text() for link in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(".fc-datum a")
    ]
    assert any("Russia\u2019s military" in quote for quote in quotes), "a {quote} lost the page's curly apostrophes"
    assert not any("'" in quote for quote in quotes)


def test_the_data_text_fills_roles_figures_and_computed_values():
    key = "us-russian-casualties-dec-2022-apr-2023"
    text = fill(f"{{fig}}`{key}` by {{date}}`{key}`, {{count}} rows, {{note}}", count=12345, note="all fronts")
    assert text == f"{figure_words(key).text} by {date_words(key).text}, 12,345 rows, all fronts"
    with pytest.raises(KeyError, match="needs the computed value 'count'"):
        fill("{count} rows")
    assert fill("{months:.1f} months, {days} days", months=10, days=1234) == "10.0 months, 1,234 days"
