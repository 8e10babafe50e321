"""Dates in words (factcheck.dates), no more precisely than their sources give them."""

import pandas as pd

from factcheck.dates import format_date, format_span, published_date, short_date

DAY = pd.Timestamp("2023-05-06")


def test_a_date_is_written_as_precisely_as_its_source():
    assert format_date(DAY) == "6 May 2023"
    assert format_date(DAY, "month") == "May 2023"
    assert format_date(DAY, "year") == "2023"


def test_a_span_says_its_month_once_when_both_ends_share_it():
    assert format_span(DAY, "day") == "6 May 2023"
    assert format_span(DAY, "day", pd.NaT) == "6 May 2023"
    assert format_span(DAY, "day", pd.Timestamp("2023-05-20")) == "6 to 20 May 2023"
    assert format_span(DAY, "day", pd.Timestamp("2023-06-02")) == "6 May 2023 to 2 June 2023"
    assert format_span(DAY, "month", pd.Timestamp("2024-02-01")) == "May 2023 to February 2024"


def test_a_piece_without_a_date_is_undated():
    assert published_date(DAY, "month") == "May 2023"
    assert published_date(DAY, "") == "6 May 2023"
    assert published_date(pd.NaT) == "undated"


def test_a_chart_label_shortens_the_month():
    assert short_date(pd.Timestamp("2023-03-06")) == "6 Mar 2023"
    assert short_date(pd.Timestamp("2023-02-01"), "month") == "Feb 2023"  # no more precise than its source
