"""Dated evidence ready for charts and tables: who speaks, whether it came after
the article, and its source in words."""

from __future__ import annotations

import pandas as pd

from factcheck.charts import side_of
from factcheck.claims import format_date, format_span
from factcheck.datapackage import load_table
from factcheck.geo import distance_km, distance_to_lines_km, shared_border
from factcheck.labels import titles
from factcheck.methodology import made_public_later
from factcheck.sources import registry, short_citation
from factcheck.tables import format_figure


def _common(frame: pd.DataFrame, kind: str, made_public: str) -> pd.DataFrame:
    sources = registry()
    return frame.assign(
        side=frame[kind].map(side_of),
        later=made_public_later(frame[made_public]),
        source=frame.source_id.map(lambda s: short_citation(sources.loc[s])),
        when=frame[made_public].map(format_date),
    )


def events(topic: str | None = None) -> pd.DataFrame:
    """The dated events (of ``topic``), in date order, with side, later, source and when
    (the date or span in words, no more precise than the source)."""
    rows = load_table("events")
    if topic:
        rows = rows[rows.topic == topic]
    rows = _common(rows, "actor_kind", "date")
    rows["when"] = [
        format_span(*args)
        for args in zip(rows.date, rows.date_precision, rows.end_date, rows.end_precision, strict=True)
    ]
    return rows.sort_values(["date", "event_id"]).reset_index(drop=True)


def figures(topic: str | None = None) -> pd.DataFrame:
    """Reported figures (of ``topic``) with side, later, source, when, and the figure in words."""
    rows = load_table("reported_figures")
    if topic:
        rows = rows[rows.topic == topic]
    rows = _common(rows, "claimant_kind", "published")
    return rows.assign(
        figure=[format_figure(v, q, h) for v, q, h in zip(rows.value, rows.qualifier, rows.value_high, strict=True)],
        low=rows.value.astype(float),
        high=rows.value_high.fillna(rows.value).astype(float),
    ).reset_index(drop=True)


WHOLE_FRONT = "whole-front"  # the scope of reported_figures that counts the whole war


def where_and_when(row, since: pd.Timestamp, places: dict[str, str]) -> str:
    """Where and when a figure counts, to the month, for a chart label: "whole war to May 2023"
    for the whole front from ``since`` (the war's start) or earlier, else "the city, to May 2023",
    "all fronts, December 2022 to May 2023"; ``places`` gives each scope's words."""
    end = format_date(row.period_end, "year" if row.period_end_precision == "year" else "month")
    if row.period_start <= since:
        return f"whole war to {end}" if row.scope == WHOLE_FRONT else f"{places[row.scope]}, to {end}"
    start = format_date(row.period_start, "month")
    return f"{places[row.scope]}, {end}" if start == end else f"{places[row.scope]}, {start} to {end}"


def estimate_rows(rows: pd.DataFrame, panel, since: pd.Timestamp, places: dict[str, str]) -> pd.DataFrame:
    """Figures as rows for :func:`factcheck.charts.range_plot`, those made public by the article's date
    first, each labelled by its ``chart_label`` ("Later: " where it came after) and where and when
    it counts (:func:`where_and_when`); ``panel`` gives a row's panel."""
    rows = rows.sort_values(["later", "published", "figure_id"])
    short = [("Later: " if later else "") + who for later, who in zip(rows.later, rows.chart_label, strict=True)]
    detail = [where_and_when(row, since, places) for row in rows.itertuples()]
    return pd.DataFrame(
        {
            "label": [f"{who} ({where})" for who, where in zip(short, detail, strict=True)],
            "short": short,
            "detail": detail,
            "low": rows.low,
            "high": rows.high,
            "figure": rows.figure,
            "side": rows.side,
            "measure": rows.measure.map(titles("reported_figures", "measure")),
            "later": rows.later,
            "when": rows.when,
            "published": rows.published,
            "source": rows.source,
            "panel": rows.apply(panel, axis=1),
        }
    )


def excerpt(claim_id: str, source_id: str, containing: str = "") -> str:
    """The words of a claim's evidence from one source (the row whose excerpt contains ``containing``)."""
    rows = load_table("claim_evidence")
    rows = rows[
        (rows.claim_id == claim_id) & (rows.source_id == source_id) & rows.excerpt.str.contains(containing, regex=False)
    ]
    if len(rows) != 1:
        raise KeyError(
            f"{len(rows)} evidence rows of claim '{claim_id}' from '{source_id}' contain {containing!r}; expected one"
        )
    return rows.excerpt.iloc[0]


def _place(place_id: str) -> pd.Series:
    places = load_table("places").set_index("place_id")
    if place_id not in places.index:
        raise KeyError(f"no place '{place_id}' in places.csv")
    return places.loc[place_id]


def km_between(a: str, b: str) -> float:
    """Straight-line distance between two places of places.csv, in kilometres."""
    pa, pb = _place(a), _place(b)
    return distance_km(pa.latitude, pa.longitude, pb.latitude, pb.longitude)


def km_from_border(place_id: str, countries: tuple[str, str] | None = None) -> float:
    """Distance from a place of places.csv to the border two countries share, in kilometres
    (by default the first two of the book's ``countries`` in ``_config.yml``)."""
    from factcheck.book import book_metadata

    countries = countries or tuple(book_metadata()["countries"])[:2]
    place = _place(place_id)
    return distance_to_lines_km(place.latitude, place.longitude, shared_border(*countries))
