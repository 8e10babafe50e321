"""Dated evidence ready for charts and tables: who speaks, whether it came after
the article, and its source in words."""

from __future__ import annotations

import re

import pandas as pd

from factcheck.book import book_metadata
from factcheck.charts import dot_plot, figure, side_of
from factcheck.claims import quoted_number
from factcheck.datapackage import date_field, load_table, value_field
from factcheck.dates import format_date, format_span
from factcheck.geo import distance_km, distance_to_lines_km, shared_border
from factcheck.labels import column_titles, label, titled, titles
from factcheck.sources import published_words, registry, short_citation
from factcheck.tables import figure_points, sourced_table, with_figure_text
from factcheck.window import made_public, made_public_later
from factcheck.words import format_figure

BEFORE_OR_AFTER = {False: "By the article's date", True: "After the article"}  # ``later`` in a table's words


def _common(frame: pd.DataFrame, kind: str, made_public: str) -> pd.DataFrame:
    sources = registry()
    later = made_public_later(frame[made_public])
    return frame.assign(
        side=frame[kind].map(side_of),
        later=later,
        before_or_after=later.map(BEFORE_OR_AFTER),
        source=frame.source_id.map(lambda s: short_citation(sources.loc[s])),
        when=frame[made_public].map(format_date),
    )


def events(topic: str | None = None) -> pd.DataFrame:
    """The dated events (of ``topic``), in date order, with side, later (and before_or_after in words), source and when
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


def bears_on() -> pd.Series:
    """The article's words, quoted, that each later event bears on (``later_event_claims``), by event id."""
    links = load_table("later_event_claims")
    quotes = links.claim_id.map(load_table("claims").set_index("claim_id").quote)
    return ("“" + quotes + "”").groupby(links.event_id, sort=False).agg("; ".join)


def events_by_id(*event_ids: str) -> pd.DataFrame:
    """The events of any topic named by ``event_ids``, in date order, indexed by their ids."""
    rows = events().set_index("event_id", drop=False).rename_axis(None)
    return rows.loc[list(event_ids)].sort_values(["date", "event_id"])


def chart_events(chart_id: str) -> pd.DataFrame:
    """The events that ``chart_id`` draws by name (``chart_events.csv``), in date order, each on its chart row
    (``track``: the row the table names, else the event's title); ``strand`` keeps the event's own track."""
    picks = load_table("chart_events")
    rows = picks[picks.chart_id == chart_id].set_index("event_id").chart_row.fillna("")
    if rows.empty:
        raise KeyError(f"no rows of chart_events.csv belong to the chart '{chart_id}'")
    drawn = events_by_id(*rows.index)
    chart_row = rows.reindex(drawn.index)
    return drawn.assign(strand=drawn.track, track=chart_row.where(chart_row != "", drawn.title))


def figures(topic: str | None = None) -> pd.DataFrame:
    """Reported figures (of ``topic``) with side, later (and before_or_after in words), source, when, and the figure
    in words."""
    rows = load_table("reported_figures")
    if topic:
        rows = rows[rows.topic == topic]
    rows = _common(rows, "claimant_kind", "published")
    return rows.assign(
        figure=[format_figure(v, q, h) for v, q, h in zip(rows.value, rows.qualifier, rows.value_high, strict=True)],
        low=rows.value.astype(float),
        high=rows.value_high.fillna(rows.value).astype(float),
    ).reset_index(drop=True)


def topic_excerpts(topic: str) -> pd.DataFrame:
    """Every excerpt quoted on ``topic`` (its claims' evidence, its events, its figures), once each, with
    the date its source made it public: source_id, locator, excerpt, made_public."""
    claims, evidence = load_table("claims"), load_table("claim_evidence")
    quoted = [evidence[evidence.claim_id.isin(claims.claim_id[claims.topic == topic])], events(topic), figures(topic)]
    rows = pd.concat(quoted)[["source_id", "locator", "excerpt"]].drop_duplicates()
    return rows.assign(made_public=made_public(rows.source_id))


def first_mentions(excerpts: pd.DataFrame, names: pd.DataFrame, column: str) -> pd.DataFrame:
    """Each row of ``names`` whose ``column`` some excerpt names, joined to the earliest made public of those."""
    naming = [
        (name, excerpts[excerpts.excerpt.str.contains(rf"\b{re.escape(name[column])}\b")])  # a word, not in another
        for name in names.to_dict("records")
    ]
    return pd.DataFrame([{**name, **rows.sort_values("made_public").iloc[0]} for name, rows in naming if len(rows)])


def place_figures(place_id: str, table: str = "population") -> pd.DataFrame:
    """The figures of ``table`` for one place, indexed by id, with the figure in words."""
    rows = load_table(table)
    rows = rows[rows.place_id == place_id]
    value = value_field(table)
    return with_figure_text(rows, value, f"{value}_high").set_index(rows.columns[0], drop=False).rename_axis(None)


def dated_figures(table: str) -> pd.DataFrame:
    """The figures of ``table`` by their date, ready for ``charts.dated_counts``: date, value,
    group (the speaker's side), who, source and the figure in words."""
    rows, sources = load_table(table), registry()
    value = value_field(table)
    return with_figure_text(rows, value, f"{value}_high").assign(
        date=rows[date_field(table)],
        value=rows[value].astype(int),
        group=rows.claimant_kind.map(side_of),
        who=rows.claimant,
        source=rows.source_id.map(lambda s: short_citation(sources.loc[s])),
    )


def figure_dots(frame, chart_id: str, claim_id: str, reference_label: str, *, table: str = "population", **computed):
    """Every figure of ``frame`` (rows of ``table``) as a dot, coloured by its kind, against the figure the
    article states in claim ``claim_id``, drawn as ``reference_label``: the chart, with its texts from the
    charts table (``computed``: the values they name; they may also name the figures' ``low`` and ``high``
    and the article's figure, ``article``), and the data behind it."""
    value = value_field(table)
    points = figure_points(frame, value, table)
    value_title = column_titles(table, [value])[value]
    article = quoted_number(claim_id)
    return figure(
        dot_plot(
            points,
            value=value,
            label="figure",
            colour="kind",
            value_title=value_title,
            reference=article,
            reference_label=reference_label,
        ),
        chart_id,
        data=points.rename(
            columns={
                "figure": "Who gives the figure (area, year)",
                "kind": "Kind of figure",
                value: value_title,
                "source": "Source",
            }
        ),
        offered={"low": frame[value].min(), "high": frame[value].max(), "article": article},
        **computed,
    )


def figure_rows(frame: pd.DataFrame, measures: dict[str, str] | None = None) -> pd.DataFrame:
    """Figures (from :func:`figures`) as a range plot's rows: what each counts in words (``measure``),
    whose losses (``panel``, short of any parenthesis, to head a panel even on a phone), and a ``label``
    with who gives it (``chart_label``), when, and the figure. ``measures`` gives the words for what a
    figure counts where its code's ("Other count") say too little."""
    measures = measures or {}
    rows = frame.assign(
        measure=[
            measures.get(f, label("reported_figures", "measure", m))
            for f, m in zip(frame.figure_id, frame.measure, strict=True)
        ],
        panel=[label("reported_figures", "forces", f).split(" (")[0] for f in frame.forces],
    )
    when = rows.published.dt.strftime("%-d %b")
    return rows.assign(label=rows.chart_label + ", " + when + ": " + rows.figure + " " + rows.measure.str.lower())


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


ESTIMATE_TABLE = ["panel", "label", "figure", "measure", "side", "published", "source"]  # a range plot's data table


def estimate_table(rows: pd.DataFrame, article: pd.DataFrame) -> pd.DataFrame:
    """The data behind a range plot of estimates: its rows (:func:`estimate_rows`), then the article's own
    figures (``article``, made public ``when`` it says), headed by the titles of ``reported_figures``."""
    marks = article.assign(side="The article", measure="The article's figure", published=article.when)
    return titled(pd.concat([rows, marks], ignore_index=True), "reported_figures", ESTIMATE_TABLE)


def article_overlay(label: str, value: float, figure: str, **columns) -> pd.DataFrame:
    """The article's own figure as the one row of :func:`factcheck.charts.range_plot`'s ``article``
    overlay: drawn at ``value``, named ``label``, said as ``figure``; ``columns`` adds its panel."""
    return pd.DataFrame(
        [{"label": label, "low": value, "figure": figure, "when": "the article", "source": "the article", **columns}]
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


def quoted(quote_table: str) -> pd.DataFrame:
    """The evidence rows that a chapter's table quotes side by side (``quoted_evidence.csv``), in the
    table's order, with their words (``excerpt``) and each source's date in words (``published``)."""
    picks = load_table("quoted_evidence")
    picks = picks[picks.quote_table == quote_table]
    if picks.empty:
        raise KeyError(f"no rows of quoted_evidence.csv belong to the table '{quote_table}'")
    rows = picks.merge(load_table("claim_evidence"), on=["claim_id", "source_id", "locator"], validate="one_to_one")
    sources = registry()
    return rows.assign(published=[published_words(sources.loc[s]) for s in rows.source_id])


QUOTED_LABELS = ["group", "aspect", "bearing", "shows", "who"]  # columns of quoted_evidence.csv that say what a row is


def quoted_table(quote_table: str):
    """The evidence a chapter quotes side by side (:func:`quoted`) as a sourced table captioned by the
    table's title in the data package: the label columns its rows fill, then the words and their date."""
    rows = quoted(quote_table)
    columns = [column for column in QUOTED_LABELS if rows[column].ne("").any()] + ["excerpt", "published"]
    caption = label("quoted_evidence", "quote_table", quote_table)
    return sourced_table(rows, columns, caption=caption, table="quoted_evidence")


def _place(place_id: str) -> pd.Series:
    places = load_table("places").set_index("place_id")
    if place_id not in places.index:
        raise KeyError(f"no place '{place_id}' in places.csv")
    return places.loc[place_id]


def km_between(a: str, b: str) -> float:
    """Straight-line distance between two places of places.csv, in kilometres."""
    pa, pb = _place(a), _place(b)
    return distance_km(pa.latitude, pa.longitude, pb.latitude, pb.longitude)


def place_links(pairs) -> pd.DataFrame:
    """Lines between pairs of places of places.csv, for a map's ``links``: one row per (from, to) pair of
    place ids, with the first place's longitude and latitude and the second's longitude2 and latitude2."""
    ends = [(_place(a), _place(b)) for a, b in pairs]
    return pd.DataFrame(
        [
            {"longitude": a.longitude, "latitude": a.latitude, "longitude2": b.longitude, "latitude2": b.latitude}
            for a, b in ends
        ]
    )


def km_from_border(place_id: str, countries: tuple[str, str] | None = None) -> float:
    """Distance from a place of places.csv to the border two countries share, in kilometres
    (by default the first two of the book's ``countries`` in ``_config.yml``)."""
    countries = countries or tuple(book_metadata()["countries"])[:2]
    place = _place(place_id)
    return distance_to_lines_km(place.latitude, place.longitude, shared_border(*countries))


def border_places(place_ids) -> pd.DataFrame:
    """Places of places.csv, in the order given, with their kind and role in words and their
    distance from the border (``km_from_border``, rounded to the kilometre)."""
    places = load_table("places").set_index("place_id", drop=False).loc[list(place_ids)]
    return places.assign(
        kind=[label("places", "kind", k) for k in places.kind],
        role=[label("places", "role", r) for r in places.role],
        km_from_border=[round(km_from_border(p)) for p in places.place_id],
    )


def border_place_figures(figure_ids) -> pd.DataFrame:
    """Population figures, in the order given, with their place's name, kind, role, note and distance
    from the border (:func:`border_places`), and the year each refers to ("reported 2026" for a figure
    given with no reference date)."""
    rows = load_table("population").set_index("figure_id", drop=False).loc[list(figure_ids)]
    places = border_places(rows.place_id)
    return rows.assign(
        **{column: places[column].to_numpy() for column in ("name", "kind", "role", "role_note", "km_from_border")},
        year=[
            f"{d.year}" if pd.notna(d) else f"reported {s.year}"
            for d, s in zip(rows.reference_date, rows.stated_on, strict=True)
        ],
    )
