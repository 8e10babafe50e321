"""The article's publication window and the hindsight rule: a fact made public
after the window is hindsight, computed from the dates, never typed."""

from __future__ import annotations

import pandas as pd

from factcheck.datapackage import load_table
from factcheck.dates import format_date


def publication_bounds() -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day the article can have appeared: the latest of the
    earliest bounds and the earliest of the latest bounds its clues give."""
    clues = load_table("publication_clues")
    earliest = clues.loc[clues.bound == "earliest", "bound_date"].max()
    latest = clues.loc[clues.bound == "latest", "bound_date"].min()
    if earliest > latest:
        raise ValueError("the publication clues contradict each other: the window is empty")
    return earliest, latest


def publication_window() -> dict:
    """The publication window in words, and its length in days."""
    earliest, latest = publication_bounds()
    return {"earliest": format_date(earliest), "latest": format_date(latest), "days": (latest - earliest).days + 1}


def made_public_later(dates: pd.Series) -> pd.Series:
    """Whether each date falls after the publication window: such a fact is hindsight."""
    return dates > publication_bounds()[1]


def made_public(source_ids: pd.Series) -> pd.Series:
    """When each source was made public: its publication date or, for a page that shows no date,
    the date of the earliest statement of it in the data (an event's date, a figure's publication)."""
    events, figures = load_table("events"), load_table("reported_figures")
    reported = pd.concat([events.groupby("source_id").date.min(), figures.groupby("source_id").published.min()])
    published = load_table("sources").set_index("source_id").published
    return source_ids.map(published.fillna(reported.groupby(level=0).min()))


def before_window_words(date: pd.Timestamp) -> str:
    """When ``date`` falls, counted back from the first day the article can have appeared."""
    days = (publication_bounds()[0] - date).days
    if days < 0:
        raise ValueError(f"{date:%Y-%m-%d} falls after the first day the article can have appeared")
    first_day = "the first day the article can have appeared"
    return first_day if days == 0 else f"{days} day{'s' if days > 1 else ''} before {first_day}"
