"""How long a span lasted, as precisely as its dates allow.

A start known only to the month (or year) may be any day of it, so the span
from it is a range of days: from the period's last day (the shortest count)
to its first (the longest). Months are days divided by an average month.
"""

from __future__ import annotations

import pandas as pd

DAYS_PER_MONTH = 365.25 / 12
PERIOD_END = {"month": pd.offsets.MonthEnd(0), "year": pd.offsets.YearEnd(0)}
UNIT_MONTHS = {"days": 1 / DAYS_PER_MONTH, "months": 1, "years": 12}


def days_between(start: pd.Timestamp, precision: str, end: pd.Timestamp) -> tuple[int, int]:
    """Days from ``start``, known to ``precision`` (day, month, year), to ``end``: (shortest, longest)."""
    latest_start = start + PERIOD_END[precision] if precision in PERIOD_END else start
    return (end - latest_start).days, (end - start).days


def in_months(days: float) -> float:
    """Days as months, to one decimal."""
    return round(days / DAYS_PER_MONTH, 1)


def as_months(value: float, unit: str) -> float:
    """A length stated in days, months or years, in months."""
    return value * UNIT_MONTHS[unit]


def range_words(low, high, pattern: str = "{}") -> str:
    """ "low" when both ends are equal, "low to high" otherwise, each written with ``pattern``."""
    return pattern.format(low) if low == high else f"{pattern.format(low)} to {pattern.format(high)}"


def durations(starts: pd.DataFrame, end: pd.Timestamp) -> pd.DataFrame:
    """``starts`` (date, date_precision) plus the span from each to ``end``: days_low, days_high,
    months_low, months_high, and days and months in words ("296", "9.5 to 10.6")."""
    days = [days_between(d, p, end) for d, p in zip(starts.date, starts.date_precision, strict=True)]
    frame = starts.assign(days_low=[lo for lo, _ in days], days_high=[hi for _, hi in days])
    frame = frame.assign(months_low=frame.days_low.map(in_months), months_high=frame.days_high.map(in_months))
    return frame.assign(
        days=[range_words(lo, hi) for lo, hi in zip(frame.days_low, frame.days_high, strict=True)],
        months=[range_words(lo, hi, "{:.1f}") for lo, hi in zip(frame.months_low, frame.months_high, strict=True)],
    )
