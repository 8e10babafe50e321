"""Dates in words, written once for the whole book: no more precisely than the source gives them."""

from __future__ import annotations

import pandas as pd


def format_date(value: pd.Timestamp, precision: str = "day") -> str:
    """A date as readers write it, no more precisely than its source: "23 May 2023", "May 2023", "2023"."""
    if precision == "year":
        return f"{value:%Y}"
    if precision == "month":
        return f"{value:%B %Y}"
    return f"{value.day} {value:%B %Y}"


def format_span(start: pd.Timestamp, precision: str, end=None, end_precision: str = "") -> str:
    """A date or a span in words: "20 May 2023", "5 to 6 June 2023", "May 2022 to February 2023"."""
    if end is None or pd.isna(end) or end == start:
        return format_date(start, precision)
    end_precision = end_precision or precision
    if precision == end_precision == "day" and (start.year, start.month) == (end.year, end.month):
        return f"{start.day} to {format_date(end)}"
    return f"{format_date(start, precision)} to {format_date(end, end_precision)}"


def published_date(published: pd.Timestamp, precision: str = "") -> str:
    """When a piece was published, as precisely as the piece shows it; "undated" when it shows no date."""
    return format_date(published, precision or "day") if pd.notna(published) else "undated"


def short_date(value: pd.Timestamp, precision: str = "day") -> str:
    """A date with its month cut short, for labels on charts, no more precisely than its source:
    "6 Mar 2023", "Mar 2023"."""
    return f"{value:%b %Y}" if precision == "month" else f"{value.day} {value:%b %Y}"


def months_between(start: pd.Timestamp, end: pd.Timestamp) -> int:
    """Whole calendar months from ``start`` to ``end``, for dates known to the month
    (December 2022 to May 2023: 5)."""
    return (end.year - start.year) * 12 + end.month - start.month
