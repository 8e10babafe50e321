"""One chart theme for the book, and charts that render offline.

:func:`figure` turns an Altair chart into a self-contained HTML figure: a
static SVG (drawn here by vl-convert, so it prints and needs no JavaScript),
the Vega-Lite spec that ``charts.js`` upgrades into an interactive chart from
the book's own static files, a caption with a source line, and the chart's
data as a table for screen readers. Ids come from the caller, so the output
is the same on every run and nbval can compare it.
"""

from __future__ import annotations

import html
import json
import sys
from pathlib import Path

import altair as alt
import pandas as pd
import vl_convert as vlc
from IPython.display import HTML

VEGA_LITE_VERSION = "v" + ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
FONT = "DejaVu Sans, Verdana, sans-serif"
WIDTH = 560
NUMBER_FORMAT = ",.0f"  # "," alone lets Vega print 10000 as "1e+4"
# Okabe & Ito (2008): distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]


@alt.theme.register("factcheck", enable=True)
def theme() -> alt.theme.ThemeConfig:
    """Readable type, the colour-blind-safe palette, quiet axes."""
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": WIDTH, "continuousHeight": 300, "stroke": None},
            "range": {"category": PALETTE},
            "title": {"fontSize": 16, "anchor": "start", "subtitleFontSize": 13, "subtitleColor": "#444"},
            "axis": {"labelFontSize": 12, "titleFontSize": 13, "labelColor": "#222", "titleColor": "#222"},
            "legend": {"labelFontSize": 12, "titleFontSize": 13, "orient": "bottom"},
            "mark": {"color": PALETTE[0]},
        }
    }


def _spec(chart: alt.TopLevelMixin, description: str) -> dict:
    spec = chart.to_dict()
    spec["description"] = description  # Vega passes it to the SVG's aria-label
    return spec


def svg(chart: alt.TopLevelMixin, description: str = "") -> str:
    """The chart drawn as static SVG, with the book's pinned Vega-Lite."""
    return vlc.vegalite_to_svg(_spec(chart, description), vl_version=VEGA_LITE_VERSION)


def _table(data: pd.DataFrame) -> str:
    from factcheck.tables import cell_text, html_table

    rows = [[cell_text(value.item() if hasattr(value, "item") else value) for value in row] for row in data.itertuples(index=False)]
    return html_table("The data behind this chart", [html.escape(str(c)) for c in data.columns], rows, classes="fc-chart-table")


def figure(chart: alt.TopLevelMixin, chart_id: str, *, alt_text: str, source: str, data: pd.DataFrame) -> HTML:
    """An offline, accessible HTML figure for ``chart``.

    ``alt_text`` is a sentence saying what the chart shows; ``source`` the
    credit line printed under it; ``data`` the table a reader can open instead.
    """
    spec = json.dumps(_spec(chart, alt_text), sort_keys=True).replace("</", "<\\/")
    body = f"""<figure class="fc-chart" id="chart-{chart_id}">
<div class="fc-chart-live" aria-hidden="true"></div>
<div class="fc-chart-static" role="img" aria-label="{html.escape(alt_text)}">{svg(chart, alt_text)}</div>
<script type="application/json" class="fc-chart-spec">{spec}</script>
<figcaption><p>{html.escape(alt_text)}</p><p class="fc-chart-source">Source: {html.escape(source)}</p>
<details><summary>The data behind this chart</summary>{_table(data)}</details></figcaption>
</figure>"""
    return HTML(body)


def javascript_bundle() -> str:
    """Vega, Vega-Lite and vega-embed in one script that defines ``window.vegaEmbed``.

    Bundling takes seconds, and the result depends only on the installed
    packages, so it is kept in the environment (``sys.prefix``), made once per
    version; ``make`` makes it when it installs the environment.
    """
    cached = Path(sys.prefix) / "share" / "factcheck" / f"vega-bundle-{vlc.__version__}-{VEGA_LITE_VERSION}.js"
    if not cached.is_file():
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(vlc.javascript_bundle(vl_version=VEGA_LITE_VERSION))
    return cached.read_text()


def dot_plot(
    data: pd.DataFrame,
    *,
    value: str,
    label: str,
    colour: str,
    title: str,
    value_title: str,
    reference: int | None = None,
    reference_label: str = "",
) -> alt.LayerChart:
    """One dot per figure, largest on top, with an optional dashed reference line.

    Colour and shape both encode ``colour``, so the chart reads without colour.
    """
    encoding = {
        "x": alt.X(f"{value}:Q", title=value_title, scale=alt.Scale(zero=False), axis=alt.Axis(format=NUMBER_FORMAT)),
        "y": alt.Y(f"{label}:N", title=None, sort=alt.EncodingSortField(value, order="descending"), axis=alt.Axis(labelLimit=320)),
    }
    dots = alt.Chart(data).mark_point(filled=True, size=100, opacity=1).encode(
        **encoding,
        color=alt.Color(f"{colour}:N", title=None),
        shape=alt.Shape(f"{colour}:N", title=None),
        tooltip=[alt.Tooltip(f"{label}:N", title="Figure"), alt.Tooltip(f"{value}:Q", format=NUMBER_FORMAT),
                 *([alt.Tooltip("source:N", title="Source")] if "source" in data else [])],
    )
    layers = [dots]
    if reference is not None:
        line = pd.DataFrame({value: [reference], "note": [reference_label]})
        rule = alt.Chart(line).mark_rule(strokeDash=[6, 4], color="#000").encode(x=f"{value}:Q")
        text = alt.Chart(line).mark_text(align="left", dx=4, dy=-6, baseline="bottom", color="#000").encode(
            x=f"{value}:Q", y=alt.value(0), text="note:N"
        )
        layers += [rule, text]
    return alt.layer(*layers).properties(title=title, width=WIDTH)


def verdict_bars(
    counts: pd.DataFrame, *, category: str, category_title: str, title: str, order: list[str] | None = None
) -> alt.FacetChart:
    """Claims per ``category``, stacked by verdict, side by side at publication and with hindsight.

    ``counts`` comes from :func:`factcheck.register.verdict_counts`; ``order``
    lists the categories top to bottom (default: alphabetical). Colours are
    the verdict scale's own, and every bar's verdict is named in its tooltip.
    """
    from factcheck.verdicts import SCALE

    colours = alt.Scale(domain=[v.title for v in SCALE], range=[v.colour for v in SCALE])
    bars = alt.Chart(counts).mark_bar(stroke="#fff", strokeWidth=0.5).encode(
        y=alt.Y(f"{category}:N", title=category_title, axis=alt.Axis(labelLimit=260), sort=order),
        x=alt.X("sum(claims):Q", title="Claims", axis=alt.Axis(format=NUMBER_FORMAT, tickMinStep=1)),
        color=alt.Color("verdict:N", scale=colours, title="Verdict", sort=[v.title for v in SCALE]),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip(f"{category}:N", title=category_title), "verdict:N", "claims:Q"],
    )
    return bars.properties(width=230).facet(
        column=alt.Column("when:N", title=None, sort=["At publication", "With hindsight"])
    ).properties(title=title)


def sides() -> dict[str, dict]:
    """Who speaks, in groups with one colour and one shape each, on every chart:
    the book's ``sides`` in ``_config.yml``, by label, in legend order."""
    from factcheck.book import book_metadata

    return {side["label"]: side for side in book_metadata()["sides"]}


def side_of(kind: str) -> str:
    """The group of a claimant or actor kind: the first side with a kind that ``kind`` starts with."""
    for label, side in sides().items():
        if any(kind.startswith(prefix) for prefix in side["kinds"]):
            return label
    raise KeyError(f"no side in _config.yml takes the kind '{kind}'")


def _side_scales(field: str = "side", present=None) -> dict:
    """Colour and shape by side, listing in the legend only the sides ``present`` (default: all)."""
    groups = sides()
    domain = [side for side in groups if present is None or side in set(present)]
    return {
        "color": alt.Color(f"{field}:N", title="Who says so", scale=alt.Scale(domain=domain, range=[groups[side]["colour"] for side in domain])),
        "shape": alt.Shape(f"{field}:N", title="Who says so", scale=alt.Scale(domain=domain, range=[groups[side]["shape"] for side in domain])),
    }


def _period_band(start, end, label: str) -> alt.LayerChart:
    """A shaded band for a period of whole days (the article's publication window), labelled at its top."""
    band = pd.DataFrame({"start": [start], "end": [end + pd.Timedelta(days=1)], "label": [label]})  # to the end of the last day
    rect = alt.Chart(band).mark_rect(color="#000", opacity=0.12).encode(x="start:T", x2="end:T")
    text = alt.Chart(band).mark_text(align="left", baseline="bottom", dx=3, dy=-2, fontSize=11, color="#000").encode(
        x="start:T", y=alt.value(0), text="label:N"
    )
    return rect + text


def _time_axis(first: pd.Timestamp, last: pd.Timestamp, unit: str, step: int) -> alt.X:
    """A time axis from ``first`` to ``last``, padded to whole months (``unit`` "month") or
    whole days ("day"), with one labelled tick every ``step`` months or days, so that no
    two ticks carry the same label."""
    if unit == "month":
        start, end = pd.Timestamp(first.year, first.month, 1), pd.Timestamp(last.year, last.month, 1) + pd.DateOffset(months=1)
        axis = alt.Axis(format="%b %Y", labelAngle=0, labelOverlap=True, tickCount={"interval": "month", "step": step})
    else:  # days: ticks every `step` days from the first, across month ends
        start, end = first.normalize(), last.normalize() + pd.Timedelta(days=1)
        ticks = [alt.DateTime(year=d.year, month=d.month, date=d.day) for d in pd.date_range(start, end, freq=f"{step}D")]
        axis = alt.Axis(format="%-d %b", labelAngle=0, labelOverlap=True, values=ticks)
    return alt.X("date:T", title=None, scale=alt.Scale(domain=[f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}"]), axis=axis)


def timeline(
    events: pd.DataFrame,
    *,
    title: str,
    tracks: list[str] | None = None,
    window: tuple | None = None,
    window_label: str = "The article",
    span: tuple | None = None,
    unit: str = "month",
    step: int = 1,
    labels: str | None = None,
    width: int = WIDTH,
) -> alt.LayerChart:
    """Dated events on one row per track: a mark per event, a bar per span.

    ``events`` has columns date, end_date (NaT for a day), track, title,
    actor, side (from :func:`side_of`), later (True for what came after the
    article: drawn hollow) and source. ``window`` (start, end) shades the
    article's publication window. The time axis runs over ``span`` (first,
    last; by default the events' own), in whole months or days (``unit``),
    with a tick every ``step`` of them. ``labels`` names a column whose text is
    written beside each mark.
    """
    data = events.assign(end_date=events.end_date.fillna(events.date), when=events.date.dt.strftime("%-d %b %Y"))
    first, last = span or (data.date.min(), data.end_date.max())
    x = _time_axis(first, last, unit, step)
    y = alt.Y("track:N", title=None, sort=tracks, axis=alt.Axis(labelLimit=200))
    tooltip = [alt.Tooltip("when:N", title="Date"), alt.Tooltip("title:N", title="What"), alt.Tooltip("actor:N", title="Who"),
               alt.Tooltip("source:N", title="Source")]
    scales = _side_scales(present=data.side)
    spans = alt.Chart(data[data.end_date > data.date]).mark_bar(height=6, opacity=0.6).encode(
        x=x, x2="end_date:T", y=y, color=scales["color"], tooltip=tooltip
    )
    layers = [spans]
    for later, frame in data.groupby("later"):
        hollow = {"filled": False, "fill": "white"} if later else {"filled": True}
        layers.append(alt.Chart(frame).mark_point(size=110, strokeWidth=2, opacity=1, **hollow).encode(x=x, y=y, **scales, tooltip=tooltip))
    if labels:
        layers.append(alt.Chart(data).mark_text(align="left", dx=10, fontSize=11, color="#222").encode(x=x, y=y, text=f"{labels}:N"))
    if window:
        layers.insert(0, _period_band(window[0], window[1], window_label))
    heading = alt.TitleParams(title, subtitle="Hollow marks: made public after the article") if data.later.any() else title
    height = 34 * max(1, data.track.nunique())
    return alt.layer(*layers).properties(title=heading, width=width, height=height)


def range_plot(
    data: pd.DataFrame,
    *,
    title: str,
    value_title: str,
    shape_title: str = "What it counts",
    row: str | None = None,
    row_sort: list[str] | None = None,
    article: pd.DataFrame | None = None,
    width: int = 430,
) -> alt.FacetChart | alt.LayerChart:
    """Every estimate on one axis: a dot for a point value, a bar for a range.

    ``data`` has columns label (one line per estimate), low, high (= low for a
    point), figure (the value in words), side (from :func:`side_of`), measure
    (in words, drawn as the mark's shape), later, when and source. ``article``
    (label, low, figure and the ``row`` column) overlays the article's own
    figures as black outlined diamonds where they would sit if they were right.
    ``row`` splits the chart into panels that share nothing but the theme.
    """
    tooltip = [alt.Tooltip("label:N", title="Estimate"), alt.Tooltip("figure:N", title="Figure"),
               alt.Tooltip("when:N", title="Made public"), alt.Tooltip("source:N", title="Source")]
    y = alt.Y("label:N", title=None, sort=None, axis=alt.Axis(labelLimit=330))
    x = alt.X("low:Q", title=value_title, axis=alt.Axis(format=NUMBER_FORMAT), scale=alt.Scale(zero=True))
    stacked = alt.Legend(orient="bottom", direction="vertical", labelLimit=320)  # two legends side by side stay narrow
    colour = _side_scales(present=data.side)["color"]
    colour.legend = stacked
    estimates = alt.Chart().transform_filter("datum.side != 'The article'")
    bars = estimates.mark_rule(strokeWidth=5, opacity=0.55).encode(x=x, x2="high:Q", y=y, color=colour, tooltip=tooltip)
    shape = alt.Shape("measure:N", title=shape_title, legend=stacked)
    dots = [
        estimates.transform_filter(f"{'' if later else '!'}datum.later").mark_point(
            size=110, opacity=1, strokeWidth=2, **({"filled": False, "fill": "white"} if later else {"filled": True})
        ).encode(x="low:Q", y=y, color=colour, shape=shape, tooltip=tooltip)
        for later in (False, True)
    ]
    ends = estimates.transform_filter("datum.high > datum.low").mark_tick(thickness=2, size=12).encode(
        x="high:Q", y=y, color=colour, tooltip=tooltip
    )
    layers = [bars, *dots, ends]
    frame = data if "later" in data else data.assign(later=False)
    if article is not None:
        frame = pd.concat([frame, article.assign(high=article.low, side="The article", measure="The article's figure", later=False)], ignore_index=True)
        layers.append(
            alt.Chart().transform_filter("datum.side == 'The article'").mark_point(
                shape="diamond", size=190, filled=False, strokeWidth=2.5, color="#000", opacity=1
            ).encode(x="low:Q", y=y, tooltip=[alt.Tooltip("label:N", title="The article"), alt.Tooltip("figure:N", title="Figure")])
        )
    chart = alt.layer(*layers, data=frame).properties(width=width)
    if row:
        chart = chart.facet(
            row=alt.Row(f"{row}:N", title=None, sort=row_sort, header=alt.Header(labelAngle=0, labelAlign="left", labelFontSize=13, labelFontWeight="bold", labelOrient="top")),
        ).resolve_scale(y="independent", x="independent")
    return chart.properties(title=title)


def dated_counts(
    data: pd.DataFrame,
    *,
    title: str,
    value_title: str,
    date_title: str = "Date",
    markers: list[tuple] = (),
    levels: list[tuple] = (),
    colour_title: str = "Who counted",
) -> alt.LayerChart:
    """Counts over time: a grey line through dated points coloured by who counted.

    ``data`` has columns date, value, figure (in words), group (colour and
    shape) and who. Each of ``markers`` (date, label) draws a dashed vertical
    line with its label, such as the article's date or a policy's end; each of
    ``levels`` (value, label) a dotted horizontal one, such as a later count
    to compare with.
    """
    x = alt.X("date:T", title=date_title)
    y = alt.Y("value:Q", title=value_title, axis=alt.Axis(format=NUMBER_FORMAT))
    line = alt.Chart(data).mark_line(color="#999").encode(x=x, y=y)
    if set(data.group) <= set(sides()):  # who speaks: the same colours and shapes as on every chart
        scales = _side_scales("group", present=data.group)
        scales["color"].title = scales["shape"].title = colour_title
    else:
        scales = {"color": alt.Color("group:N", title=colour_title), "shape": alt.Shape("group:N", title=colour_title)}
    points = alt.Chart(data).mark_point(filled=True, size=90, opacity=1).encode(
        x="date:T", y="value:Q", **scales,
        tooltip=[alt.Tooltip("date:T", title="Date", format="%-d %b %Y"), alt.Tooltip("figure:N", title="Count"), alt.Tooltip("who:N", title="Who"),
                 *([alt.Tooltip("source:N", title="Source")] if "source" in data else [])],
    )
    layers = [line, points]
    for row, (date, label) in enumerate(markers):
        mark = pd.DataFrame({"date": [date], "label": [label]})
        layers += [
            alt.Chart(mark).mark_rule(strokeDash=[6, 4], color="#000").encode(x="date:T"),
            # labels one under the other, so that markers close in time stay legible
            alt.Chart(mark).mark_text(align="left", dx=4, baseline="top", color="#000").encode(x="date:T", y=alt.value(2 + 15 * row), text="label:N"),
        ]
    for value, label in levels:
        level = pd.DataFrame({"value": [value], "label": [label]})
        layers += [
            alt.Chart(level).mark_rule(strokeDash=[2, 3], color="#333").encode(y="value:Q"),
            alt.Chart(level).mark_text(align="left", baseline="bottom", dy=-3, color="#333").encode(x=alt.value(4), y="value:Q", text="label:N"),
        ]
    return alt.layer(*layers).properties(title=title, width=WIDTH)


def locator_map(
    countries: list[dict],
    places: pd.DataFrame,
    *,
    title: str,
    borders: list | None = None,
    colours: dict[str, str] | None = None,
    links: pd.DataFrame | None = None,
    width: int = WIDTH,
    height: int = 420,
) -> alt.LayerChart:
    """Countries as shapes, with labelled places: a locator map drawn offline.

    ``countries`` are GeoJSON features (from :func:`factcheck.geo.countries_in_box`),
    ``places`` has columns name, latitude, longitude and group (colour and
    shape), and optionally label_dx/label_dy to move a label. ``borders``
    (lines of (longitude, latitude)) are drawn as a dashed line; ``colours``
    fixes each group's colour, so that several maps agree; ``links``
    (longitude, latitude, longitude2, latitude2) draws a thin line between
    two points, such as a distance the text gives.
    """
    from factcheck.book import book_metadata

    fills = book_metadata()["countries"]  # the book's own countries stand out; the rest are grey
    layers = [
        alt.Chart(alt.Data(values=[feature])).mark_geoshape(fill=fills.get(feature["properties"]["name"], "#eeeeee"), stroke="#fff", strokeWidth=1)
        for feature in countries
    ]
    if borders:
        border_features = [{"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [list(p) for p in line]}} for line in borders]
        layers.append(alt.Chart(alt.Data(values=border_features)).mark_geoshape(filled=False, stroke="#000", strokeWidth=1.2, strokeDash=[5, 3]))
    if links is not None:
        layers.append(alt.Chart(links).mark_rule(strokeDash=[4, 3], color="#666").encode(
            longitude="longitude:Q", latitude="latitude:Q", longitude2="longitude2:Q", latitude2="latitude2:Q"
        ))
    data = places.assign(label_dx=places.get("label_dx", 7), label_dy=places.get("label_dy", 0))
    layers.append(alt.Chart(data).mark_point(filled=True, size=70, opacity=1).encode(
        longitude="longitude:Q", latitude="latitude:Q",
        color=alt.Color("group:N", title=None, scale=alt.Scale(domain=list(colours), range=list(colours.values())) if colours else alt.Undefined),
        shape=alt.Shape("group:N", title=None, scale=alt.Scale(domain=list(colours)) if colours else alt.Undefined),
        tooltip=[alt.Tooltip("name:N", title="Place"), alt.Tooltip("group:N", title="What")],
    ))
    for (dx, dy), group in data.groupby(["label_dx", "label_dy"]):
        layers.append(alt.Chart(group).mark_text(align="left" if dx >= 0 else "right", dx=dx, dy=dy, fontSize=12, color="#111").encode(
            longitude="longitude:Q", latitude="latitude:Q", text="name:N"
        ))
    return alt.layer(*layers).properties(title=title, width=width, height=height).project(type="mercator")
