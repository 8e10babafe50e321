"""Spans between dates, as precisely as the dates allow."""

from __future__ import annotations

import pandas as pd
import pytest

from factcheck.durations import (
    as_months,
    days_between,
    duration_rows,
    durations,
    in_months,
    range_words,
    weeks_between,
)

END = pd.Timestamp("2023-05-20")


def test_a_day_gives_one_count_and_a_month_a_range_from_its_last_day_to_its_first():
    assert days_between(pd.Timestamp("2022-08-05"), "day", END) == (288, 288)
    assert days_between(pd.Timestamp("2022-07-01"), "month", END) == (293, 323)
    assert days_between(pd.Timestamp("2022-01-01"), "year", END) == (140, 504)


def test_months_are_days_over_an_average_month():
    assert in_months(288) == 9.5
    assert as_months(224, "days") == pytest.approx(7.36, abs=0.01)
    assert as_months(1, "years") == 12


def test_a_range_is_written_once_when_its_ends_agree():
    assert range_words(296, 296) == "296"
    assert range_words(9.46, 10.6, "{:.1f}") == "9.5 to 10.6"


def test_durations_adds_the_span_from_each_start():
    starts = pd.DataFrame({"date": pd.to_datetime(["2022-07-01", "2022-08-05"]), "date_precision": ["month", "day"]})
    spans = durations(starts, END)
    assert spans.days.tolist() == ["293 to 323", "288"]
    assert spans.months.tolist() == ["9.6 to 10.6", "9.5"]
    assert spans.months_high.tolist() == [10.6, 9.5]


def test_duration_rows_put_computed_and_stated_lengths_on_one_axis():
    starts = pd.DataFrame(
        {
            "date": pd.to_datetime(["2022-08-05"]),
            "date_precision": ["day"],
            "when": ["5 August 2022"],
            "title": ["Offensive"],
            "side": ["Ukrainian side"],
            "source": ["s"],
        }
    )
    stated = pd.DataFrame(
        {
            "value": [224.0],
            "unit": ["days"],
            "chart_label": ["Prigozhin"],
            "period": ["224 days (since October 8, 2022)"],
            "figure": ["224"],
            "later": [False],
            "side": ["Russian side"],
            "when": ["21 May 2023"],
            "source": ["t"],
        }
    )
    rows = duration_rows(starts, stated, END)
    assert rows.label.tolist() == ["5 August 2022: Offensive", "Prigozhin: \u201c224 days\u201d"]
    assert rows.short_label.tolist()[0] == "Offensive"
    assert rows.figure.tolist() == ["9.5 months (288 days)", "224 days"]
    assert rows.low.tolist() == [9.5, 7.4]


def test_weeks_between_rounds_to_the_nearest_week():
    assert weeks_between(pd.Timestamp("2023-01-30"), pd.Timestamp("2023-05-22")) == 16
    assert weeks_between(pd.Timestamp("2023-05-19"), pd.Timestamp("2023-05-22")) == 0
    assert weeks_between(pd.Timestamp("2023-05-18"), pd.Timestamp("2023-05-22")) == 1
