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


def weeks_between(start: pd.Timestamp, end: pd.Timestamp) -> int:
    """Weeks from ``start`` to ``end``, rounded to the nearest whole week."""
    return round((end - start).days / 7)


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


def duration_rows(starts: pd.DataFrame, stated: pd.DataFrame, end: pd.Timestamp) -> pd.DataFrame:
    """Rows for :func:`factcheck.charts.range_plot` of how long something lasted to ``end``: one per start
    (events: computed from its date, labelled by date and title, with the title alone on a phone) and
    one per length stated in a source (reported figures in days, months or years, labelled by chart_label
    and the source's words)."""
    spans = durations(starts, end)
    stated_months = [round(as_months(v, u), 1) for v, u in zip(stated.value, stated.unit, strict=True)]
    after = stated.later.map({True: " (after the article)", False: ""})
    rows = [
        spans.assign(
            label=spans.when + ": " + spans.title,
            short_label=spans.title,
            low=spans.months_low,
            high=spans.months_high,
            figure=spans.months + " months (" + spans.days + " days)",
            measure="Computed from a start",
            later=False,
        ),
        stated.assign(
            label=stated.chart_label
            + ": \u201c"
            + stated.period.str.split(" (", regex=False).str[0]
            + "\u201d"
            + after,
            low=stated_months,
            high=stated_months,
            figure=stated.figure + " " + stated.unit,
            measure="Stated in a source",
        ),
    ]
    columns = ["label", "short_label", "low", "high", "figure", "side", "measure", "later", "when", "source"]
    return pd.concat(rows, ignore_index=True)[columns]
