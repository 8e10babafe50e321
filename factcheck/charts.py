"""One chart theme for the book, and charts that render offline.

:func:`figure` turns an Altair chart into a self-contained HTML figure, its
title, text alternative and source line taken from the book's ``charts`` table: a
static SVG (drawn here by vl-convert, so it prints and needs no JavaScript),
the Vega-Lite spec that ``charts.js`` upgrades into an interactive chart from
the book's own static files, a caption with a source line, and the chart's
data as a table for screen readers. Ids come from the caller, so the output
is the same on every run and nbval can compare it.
"""

from __future__ import annotations

import copy
import json
import re
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import altair as alt
import pandas as pd
import vl_convert as vlc
from IPython.display import HTML
from markupsafe import Markup

from factcheck.book import book_metadata
from factcheck.datapackage import load_table
from factcheck.dates import short_date
from factcheck.geo import countries_in_box, lines_in_box, shared_border
from factcheck.markup import render
from factcheck.prose import COMPUTED_IN_TEXT, fill
from factcheck.tables import cell_text, table_html
from factcheck.verdicts import SCALE

VEGA_LITE_VERSION = "v" + ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
FONT = "DejaVu Sans, Verdana, sans-serif"
WIDTH = 560
# Each chart is drawn twice, each at the size it is shown, never scaled down:
# WIDE for the book's column on a laptop (672 px at 1280) and on an A4 page
# (593 px for a chart, inside the print margins and the page's own), NARROW
# for a phone's (342 px at 390).
WIDE = 590
NARROW = 336
TITLE_LINES = " | "  # between the lines of a title in the charts table
NUMBER_FORMAT = ",.0f"  # "," alone lets Vega print 10000 as "1e+4"
# Okabe & Ito (2008): distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
# Widest average advance of a DejaVu Sans character per px of font size, to wrap titles
# (bold, as titles are drawn, and roman).
CHARACTER_WIDTH = {"bold": 0.7, "normal": 0.62}
# A chart kind whose rows are named by long labels asks, in its usermeta, for
# them to be written above each row in the narrow layout.
LABELS_ABOVE = "labelsAbove"
# Such a label is drawn from a copy of its field, split into lines (``field`` + LINES), each LINE_HEIGHT px apart.
LINES = "__lines"
LINE_HEIGHT = 15
# ... and may name a column of shorter labels for the narrow layout.
NARROW_LABELS = "narrowLabels"


@alt.theme.register("factcheck", enable=True)
def theme() -> alt.theme.ThemeConfig:
    """Readable type (no text under 11 px at the size it is drawn), the
    colour-blind-safe palette, quiet axes, legends above the plot."""
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": WIDTH, "continuousHeight": 300, "stroke": None},
            "range": {"category": PALETTE},
            "title": {"fontSize": 16, "anchor": "start", "subtitleFontSize": 13, "subtitleColor": "#444"},
            "axis": {
                "labelFontSize": 12,
                "titleFontSize": 13,
                "labelColor": "#222",
                "titleColor": "#222",
                "labelSeparation": 4,
            },
            # the first and last labels inside the axis, clear of the other axis's
            "axisQuantitative": {"labelFlush": True},
            "axisTemporal": {"labelFlush": True},
            "legend": {"labelFontSize": 12, "titleFontSize": 13, "orient": "top"},
            "header": {"labelFontSize": 13, "titleFontSize": 13},
            "text": {"fontSize": 12},
            "mark": {"color": PALETTE[0]},
        }
    }


def _spec(chart: alt.TopLevelMixin, description: str) -> dict:
    spec = chart.to_dict()
    spec["description"] = description  # Vega passes it to the SVG's aria-label
    return spec


def _render(spec: dict) -> str:
    return vlc.vegalite_to_svg(spec, vl_version=VEGA_LITE_VERSION)


def svg(chart: alt.TopLevelMixin, description: str = "") -> str:
    """The chart drawn as static SVG, with the book's pinned Vega-Lite."""
    return _render(_spec(chart, description))


def _wrap_title(title, width: int, font_size: float, weight: str = "bold"):
    """``title`` (a string or lines) re-wrapped into lines that fit ``width`` px."""
    text = " ".join(title) if isinstance(title, list) else title
    lines = textwrap.wrap(text, max(12, int(width / (font_size * CHARACTER_WIDTH[weight]))))
    return lines if len(lines) > 1 else text


def _plot(spec: dict) -> dict:
    """The part of a spec that carries the plot's width: the facet's inner spec, or the spec itself."""
    return spec["spec"] if "facet" in spec else spec


def _is_bar(mark) -> bool:
    return mark == "bar" or isinstance(mark, dict) and mark.get("type") == "bar"


def _labels_above(plot: dict, field: str, step: int, text: str | None = None) -> None:
    """Move the long labels of the rows (the nominal ``field`` on y) from the axis to
    just above each row, so that the plot has the full width (labels on the data),
    written from ``text`` where given. :func:`_fit` sets how far they may run."""
    if "layer" not in plot:
        plot["layer"] = [{key: plot.pop(key) for key in ("mark", "encoding", "transform") if key in plot}]
    layers = plot["layer"]
    first = next(layer for layer in layers if layer.get("encoding", {}).get("y", {}).get("field") == field)
    for layer in layers:
        y = layer.get("encoding", {}).get("y")
        if y and y.get("field") == field:
            y["axis"] = None
            if _is_bar(layer["mark"]):
                layer["mark"] = {
                    **(layer["mark"] if isinstance(layer["mark"], dict) else {"type": "bar"}),
                    "size": step // 2,
                }
    label = {
        "transform": [
            {"window": [{"op": "row_number", "as": "fc_row"}], "groupby": [field]},
            {"filter": "datum.fc_row == 1"},
        ],  # once per row
        "mark": {
            "type": "text",
            "align": "left",
            "baseline": "bottom",
            "dy": -(step // 4) - 2,
            "fontSize": 12,
            "lineHeight": LINE_HEIGHT,
            "color": "#222",
            "limit": 0,
        },
        "encoding": {
            "y": copy.deepcopy(first["encoding"]["y"]),
            "x": {"value": 0},
            "text": {"field": (text or field) + LINES, "type": "nominal"},
        },
    }
    if "data" in first:
        label["data"] = first["data"]
    layers.append(label)
    plot["height"] = {"step": step}


def _label_lines(label: str, width: int) -> list[str]:
    """``label`` in lines that fit ``width`` px at 12 px; where it needs more than one, details in brackets at
    its end start a line of their own."""
    characters = max(12, int(width / (12 * CHARACTER_WIDTH["normal"])))
    if len(label) <= characters:
        return [label]
    head, bracket, details = label.rpartition(" (") if label.endswith(")") else ("", "", label)
    if not head:  # no details in brackets at its end: the label alone, wrapped
        return textwrap.wrap(details, characters, break_long_words=False)
    lines = textwrap.wrap(head, characters, break_long_words=False)
    return lines + textwrap.wrap(bracket.strip() + details, characters, break_long_words=False)


def _wrap_row_labels(spec: dict, width: int, step: int) -> None:
    """Write each row label above the rows (see :func:`_labels_above`) in lines that fit ``width``,
    every row ``step`` px tall plus the lines the longest label adds: labels are wrapped, never cut."""
    plot = _plot(spec)
    layers = [
        layer
        for layer in plot.get("layer", [])
        if layer.get("encoding", {}).get("text", {}).get("field", "").endswith(LINES)
    ]
    if not layers:
        return
    rows = [
        (row, layer["encoding"]["text"]["field"])
        for layer in layers
        for values in [*spec.get("datasets", {}).values(), spec.get("data", {}).get("values", [])]
        for row in values
        if isinstance(row, dict) and isinstance(row.get(layer["encoding"]["text"]["field"].removesuffix(LINES)), str)
    ]
    most = 1
    for row, field in rows:
        row[field] = _label_lines(row[field.removesuffix(LINES)], width)
        most = max(most, len(row[field]))
    for layer in layers:  # each label's last line just above its row
        field = json.dumps(layer["encoding"]["text"]["field"])
        layer["mark"]["dy"] = {"expr": f"{-(step // 4) - 2} - {LINE_HEIGHT} * (length(datum[{field}]) - 1)"}
    row_step = step + LINE_HEIGHT * (most - 1)
    plot["height"]["step"] = row_step
    # room above the first row for its label, clear of anything drawn above the plot
    label_field = layers[0]["encoding"]["text"]["field"].removesuffix(LINES)
    rows_of = [layer for layer in plot["layer"] if layer.get("encoding", {}).get("y", {}).get("field") == label_field]
    bars = any(_is_bar(layer["mark"]) for layer in rows_of)  # a band scale: its first row's middle is half a step down
    above = max(0, (step // 4 + 16 + LINE_HEIGHT * (most - 1)) / row_step - (0.5 if bars else 0))
    for layer in rows_of:
        padding = "paddingOuter" if bars else "padding"  # a point scale's outer padding is its "padding"
        layer["encoding"]["y"]["scale"] = {**layer["encoding"]["y"].get("scale", {}), padding: round(above, 3)}


def _layout(spec: dict, width: int, labels_above: bool = False) -> dict:
    """``spec`` laid out for a column ``width`` px wide: titles and panel headings
    wrapped and, in the narrow layout, panels one per row, legends stacked, fewer
    ticks; long row labels go above the rows where the plot needs the width."""
    spec = copy.deepcopy(spec)
    narrow = width < WIDE
    title = spec.get("title")
    if isinstance(title, dict):
        title["text"] = _wrap_title(title["text"], width, 16)
        if "subtitle" in title:
            title["subtitle"] = _wrap_title(title["subtitle"], width, 13, "normal")
    elif title:
        spec["title"] = _wrap_title(title, width, 16)
    facet = spec.get("facet", {})
    stacked = "row" in facet or narrow and "column" in facet
    if stacked:
        # Panels one under the other, each at full width, headed by its label
        # (wrapped after a colon): a wrapped facet of one column, since a row
        # facet keeps a column of the page's width for its headers.
        spec["facet"] = facet.get("row") or facet.get("column")
        spec["facet"]["header"] = {
            "labelAngle": 0,
            "labelAnchor": "start",
            "labelAlign": "left",
            "labelFontSize": 13,
            "labelFontWeight": "bold",
            "labelExpr": "split(replace(datum.label, ': ', ':\\n'), '\\n')",
        }
        spec["columns"] = 1
    _wrap_titles(spec, width)
    field = spec.get("usermeta", {}).get(LABELS_ABOVE)
    if field and (narrow or stacked or labels_above):  # a panel's heading needs the width the labels would take
        short = spec["usermeta"].get(NARROW_LABELS) if narrow else None
        _labels_above(_plot(spec), field, 38 if narrow else 32, short)
    config = spec.setdefault("config", {})
    config["legend"] = {**config.get("legend", {}), "labelLimit": width - 40}  # legend entries in full
    if narrow:
        config["axisQuantitative"] = {**config.get("axisQuantitative", {}), "tickCount": 4}
        # legends one under the other, each entry on its own line
        config["legend"] = {
            **config.get("legend", {}),
            "direction": "vertical",
            "layout": {"top": {"direction": "vertical", "anchor": "start"}},
        }
        if "projection" in spec:  # place names on a map drawn at half the size, their offsets in proportion
            for layer in spec["layer"]:
                if isinstance(layer.get("mark"), dict) and layer["mark"].get("type") == "text":
                    layer["mark"]["fontSize"] = 11
                    layer["mark"]["dy"] = round(layer["mark"].get("dy", 0) * width / WIDE)
        for legend in _legends(spec):
            legend["labelLimit"] = width - 40
            if "columns" in legend:
                legend["columns"] = 2
    spec.pop("usermeta", None)
    return spec


def _wrap_titles(spec, width: int, top: bool = True) -> None:
    """Wrap every axis and legend title (13 px) of ``spec``, at any depth below the top, to ``width``."""
    items = spec.items() if isinstance(spec, dict) else enumerate(spec) if isinstance(spec, list) else []
    for key, value in items:
        if key == "title" and not top and isinstance(value, str):
            spec[key] = _wrap_title(value, width - 20, 13)
        elif isinstance(value, (dict, list)) and key not in ("datasets", "data"):
            _wrap_titles(value, width, top=False)


def _legends(spec):
    """Every legend set in an encoding of ``spec``, at any depth."""
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "legend" and isinstance(value, dict):
                yield value
            else:
                yield from _legends(value)
    elif isinstance(spec, list):
        for item in spec:
            yield from _legends(item)


def _drawn_width(drawing: str) -> float:
    return float(re.search(r'<svg[^>]* width="([\d.]+)"', drawing)[1])


def _fit(spec: dict, width: int) -> tuple[dict, str]:
    """``spec`` with its plot as wide as fills ``width`` px, and its SVG.

    The plot's width is adjusted from what vl-convert draws (labels, legends
    and titles take their own room), so the chart is drawn at its own size.
    """
    plot = _plot(spec)
    start = plot.get("width")
    if not isinstance(start, (int, float)):
        drawing = _render(spec)
        return spec, drawing
    height = (
        plot.get("height") if "projection" in plot else None
    )  # a map grows with its width, and keeps its height on a phone
    labels = [
        layer["mark"]
        for layer in plot.get("layer", [])
        if isinstance(layer.get("mark"), dict) and "limit" in layer["mark"]
    ]

    step = plot["height"]["step"] if labels and isinstance(plot.get("height"), dict) else 0

    def size(plot_width: int) -> None:
        plot["width"] = plot_width
        for mark in labels:  # labels above the rows run as far as the plot, in as many lines as they need
            mark["limit"] = plot_width
        _wrap_row_labels(spec, plot_width, step)
        if height:
            plot["height"] = int(height * max(1, plot_width / start))  # as tall as drawn, or taller where wider

    drawn_at: dict[int, tuple[str, float]] = {}  # a width tried again (in the bisection) is not drawn again

    def draw(plot_width: int) -> tuple[str, float]:
        if plot_width not in drawn_at:
            size(plot_width)
            drawing = _render(spec)
            drawn_at[plot_width] = drawing, _drawn_width(drawing)
        return drawn_at[plot_width]

    current = int(start)
    drawing, drawn = draw(current)
    tried = [(current, drawn)]

    def stuck() -> bool:
        """A narrower plot drew no narrower, and too wide: a title, legend or label sets the width."""
        return len(tried) > 1 and tried[-1][0] < tried[-2][0] and tried[-1][1] == tried[-2][1] > width

    for _ in range(
        3
    ):  # towards the width: the drawn width grows about as fast as the plot's, or faster with panels side by side
        if width - 8 <= drawn <= width or stuck():
            break
        slope = 1.0
        if len(tried) > 1 and tried[-1][0] != tried[-2][0]:
            slope = min(3.0, max(1.0, (tried[-1][1] - tried[-2][1]) / (tried[-1][0] - tried[-2][0])))
        current = int(min(width, max(40, current + (width - 2 - drawn) / slope)))
        drawing, drawn = draw(current)
        tried.append((current, drawn))
    if drawn > width:  # never wider than the column: the widest plot that fits, by bisection
        low, high, best = 40, current, None
        for _ in range(0 if stuck() else 6):  # stuck: no narrower plot fits either
            middle = (low + high) // 2
            attempt = draw(middle)
            if attempt[1] <= width:
                low, best = middle, (middle, attempt)
            else:
                high = middle
        current, (drawing, drawn) = best or (40, draw(40))
    size(current)  # leave the spec at the width drawn
    return spec, drawing


def _labels_cut(spec: dict) -> bool:
    """Whether a row label of ``spec`` is longer than its axis may show (its ``labelLimit``)."""
    field = spec["usermeta"][LABELS_ABOVE]
    plot = _plot(spec)
    limits = [
        layer["encoding"]["y"].get("axis", {}).get("labelLimit", 180)
        for layer in plot.get("layer", [plot])
        if layer.get("encoding", {}).get("y", {}).get("field") == field and layer["encoding"]["y"].get("axis")
    ]
    longest = max(
        (
            len(row[field])
            for rows in spec.get("datasets", {}).values()
            for row in rows
            if isinstance(row.get(field), str)
        ),
        default=0,
    )
    return bool(limits) and longest * 12 * CHARACTER_WIDTH["normal"] > min(limits)


def _table(data: pd.DataFrame) -> str:
    rows = [
        [cell_text(value.item() if hasattr(value, "item") else value) for value in row]
        for row in data.itertuples(index=False)
    ]
    return table_html("The data behind this chart", [str(c) for c in data.columns], rows, classes="fc-chart-table")


def _json(spec: dict) -> str:
    return json.dumps(spec, sort_keys=True).replace("</", "<\\/")


@dataclass(frozen=True)
class ChartTexts:
    """What a chart says in words: its title (a string or its lines), text alternative and source line."""

    title: str | list[str]
    alt_text: str
    source: str


def chart_texts(chart_id: str, offered: dict | None = None, **computed) -> ChartTexts:
    """The texts of ``chart_id`` in the book's ``charts`` table, filled by :func:`factcheck.prose.fill`
    with the values the chapter ``computed`` (each must be named) and those a chart kind ``offered``
    (named or not); a key or a name that does not resolve names the chart."""
    rows = load_table("charts").set_index("chart_id")
    if chart_id not in rows.index:
        raise KeyError(f"chart '{chart_id}' has no row in the charts table")
    texts = {}
    for field in ("title", "alt_text", "source_note"):
        try:
            texts[field] = fill(rows.loc[chart_id, field], **{**(offered or {}), **computed})
        except KeyError as error:
            raise KeyError(f"chart '{chart_id}', {field}: {error.args[0]}") from None
    named = {match[1] for field in texts for match in COMPUTED_IN_TEXT.finditer(rows.loc[chart_id, field])}
    unused = [name for name in computed if name not in named]
    if unused:
        raise KeyError(f"chart '{chart_id}': its texts in the charts table use no {', '.join(unused)}")
    lines = texts["title"].split(TITLE_LINES)
    return ChartTexts(lines if len(lines) > 1 else lines[0], texts["alt_text"], texts["source_note"])


def figure(
    chart: alt.TopLevelMixin, chart_id: str, *, data: pd.DataFrame, offered: dict | None = None, **computed
) -> HTML:
    """``chart`` as a figure (:func:`figure_html`) with its texts from the book's ``charts`` table
    (:func:`chart_texts`); ``computed`` are the values its texts name that only the chapter computes,
    ``offered`` those a chart kind computes for any text that names them."""
    return figure_html(chart, chart_id, chart_texts(chart_id, offered, **computed), data)


def figure_html(chart: alt.TopLevelMixin, chart_id: str, texts: ChartTexts, data: pd.DataFrame) -> HTML:
    """An offline, accessible HTML figure for ``chart``, in two layouts.

    ``texts`` gives the chart's title, the sentence saying what it shows and
    the credit line printed under it; ``data`` the table a reader can open instead.
    The wide layout fills a laptop's column and the printed page, the narrow
    one a phone's; each comes as a static SVG (shown before the script runs,
    and in print) and as a spec that ``fc-charts.js`` draws in the one that
    fits the column.
    """
    spec = _spec(chart, texts.alt_text)
    if isinstance(spec.get("title"), dict):  # a chart kind's subtitle, under the title
        spec["title"]["text"] = texts.title
    else:
        spec["title"] = texts.title
    # labels on the data, in full, where the axis would cut them or leave the plot too narrow
    may_go_above = LABELS_ABOVE in spec.get("usermeta", {})
    labels_above = may_go_above and _labels_cut(spec)
    if not labels_above:
        wide, wide_svg = _fit(_layout(spec, WIDE), WIDE)
        labels_above = may_go_above and _plot(wide).get("width", WIDE) < WIDE / 2
    if labels_above:
        wide, wide_svg = _fit(_layout(spec, WIDE, labels_above=True), WIDE)
    narrow, narrow_svg = _fit(_layout(spec, NARROW), NARROW)
    return HTML(
        render(
            "figure.html",
            chart_id=chart_id,
            wide=WIDE,
            alt_text=texts.alt_text,
            source=texts.source,
            wide_svg=Markup(wide_svg),
            narrow_svg=Markup(narrow_svg),
            wide_spec=Markup(_json(wide)),
            narrow_spec=Markup(_json(narrow)),
            data=_table(data),
        )
    )


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


def category_colours(categories) -> dict[str, str]:
    """Each category its own colour of the palette, in the order given, so that every chart
    that shows some of them (``colours`` of :func:`dot_plot` and :func:`locator_map`) agrees."""
    categories = list(categories)
    if len(categories) > len(PALETTE):
        raise ValueError(f"{len(categories)} categories, but the palette has {len(PALETTE)} colours")
    return dict(zip(categories, PALETTE[: len(categories)], strict=True))


def _category_scales(field: str, values, colours: dict[str, str] | None, legend=alt.Undefined) -> dict:
    """Colour and shape of ``field``: fixed by ``colours`` (listing only the categories present), or Vega's own."""
    if not colours:
        return {
            "color": alt.Color(f"{field}:N", title=None, legend=legend),
            "shape": alt.Shape(f"{field}:N", title=None, legend=legend),
        }
    present = {c: colour for c, colour in colours.items() if c in set(values)}
    return {
        "color": alt.Color(
            f"{field}:N", title=None, legend=legend, scale=alt.Scale(domain=list(present), range=list(present.values()))
        ),
        "shape": alt.Shape(f"{field}:N", title=None, legend=legend, scale=alt.Scale(domain=list(present))),
    }


def dot_plot(
    data: pd.DataFrame,
    *,
    value: str,
    label: str,
    colour: str,
    value_title: str,
    reference: int | None = None,
    reference_label: str = "",
    colours: dict[str, str] | None = None,
) -> alt.LayerChart:
    """One dot per figure, largest on top, with an optional dashed reference line.

    Colour and shape both encode ``colour``, so the chart reads without colour;
    ``colours`` fixes each category's colour (:func:`category_colours`).
    """
    encoding = {
        "x": alt.X(f"{value}:Q", title=value_title, scale=alt.Scale(zero=False), axis=alt.Axis(format=NUMBER_FORMAT)),
        "y": alt.Y(
            f"{label}:N",
            title=None,
            sort=alt.EncodingSortField(value, order="descending"),
            axis=alt.Axis(labelLimit=320),
        ),
    }
    legend = alt.Legend(offset=28)  # room for the reference line's label between the legend and the plot
    dots = (
        alt.Chart(data)
        .mark_point(filled=True, size=100, opacity=1)
        .encode(
            **encoding,
            **_category_scales(colour, data[colour], colours, legend),
            tooltip=[
                alt.Tooltip(f"{label}:N", title="Figure"),
                alt.Tooltip(f"{value}:Q", format=NUMBER_FORMAT),
                *([alt.Tooltip("source:N", title="Source")] if "source" in data else []),
            ],
        )
    )
    layers = [dots]
    if reference is not None:
        line = pd.DataFrame({value: [reference], "note": [reference_label]})
        rule = alt.Chart(line).mark_rule(strokeDash=[6, 4], color="#000").encode(x=f"{value}:Q")
        text = (
            alt.Chart(line)
            .mark_text(align="left", dx=4, dy=-9, baseline="bottom", color="#000")
            .encode(x=f"{value}:Q", y=alt.value(0), text="note:N")
        )
        layers += [rule, text]
    return alt.layer(*layers).properties(width=WIDTH, usermeta={LABELS_ABOVE: label})


def verdict_bars(
    counts: pd.DataFrame, *, category: str, category_title: str, order: list[str] | None = None
) -> alt.FacetChart:
    """Claims per ``category``, stacked by verdict: at publication and with hindsight
    side by side, or in one panel where hindsight changes no verdict.

    ``counts`` comes from :func:`factcheck.register.verdict_counts`; ``order``
    lists the categories top to bottom (default: alphabetical). Colours are
    the verdict scale's own, and every bar's verdict is named in its tooltip.
    """
    panels = [
        counts[counts.when == when].drop(columns="when").reset_index(drop=True)
        for when in ("At publication", "With hindsight")
    ]
    unchanged = (
        panels[0]
        .sort_values([category, "verdict"])
        .reset_index(drop=True)
        .equals(panels[1].sort_values([category, "verdict"]).reset_index(drop=True))
    )
    colours = alt.Scale(domain=[v.title for v in SCALE], range=[v.colour for v in SCALE])
    bars = (
        alt.Chart(panels[0] if unchanged else counts)
        .mark_bar(stroke="#fff", strokeWidth=0.5)
        .encode(
            y=alt.Y(f"{category}:N", title=category_title, axis=alt.Axis(labelLimit=260), sort=order),
            x=alt.X("sum(claims):Q", title="Claims", axis=alt.Axis(format=NUMBER_FORMAT, tickMinStep=1)),
            color=alt.Color(
                "verdict:N", scale=colours, title="Verdict", sort=[v.title for v in SCALE], legend=alt.Legend(columns=3)
            ),
            order=alt.Order("order:Q"),
            tooltip=[alt.Tooltip(f"{category}:N", title=category_title), "verdict:N", "claims:Q"],
        )
    )
    if unchanged:
        return bars.properties(
            title=alt.TitleParams("", subtitle="Hindsight changes none of these verdicts"),
            width=WIDTH,
            usermeta={LABELS_ABOVE: category},
        )
    return (
        bars.properties(width=230)
        .facet(column=alt.Column("when:N", title=None, sort=["At publication", "With hindsight"]))
        .properties(usermeta={LABELS_ABOVE: category})
    )


def sides() -> dict[str, dict]:
    """Who speaks, in groups with one colour and one shape each, on every chart:
    the book's ``sides`` in ``_config.yml``, by label, in legend order."""
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
        "color": alt.Color(
            f"{field}:N",
            title="Who says so",
            scale=alt.Scale(domain=domain, range=[groups[side]["colour"] for side in domain]),
        ),
        "shape": alt.Shape(
            f"{field}:N",
            title="Who says so",
            scale=alt.Scale(domain=domain, range=[groups[side]["shape"] for side in domain]),
        ),
    }


def _period_band(start, end, label: str, height: int) -> alt.LayerChart:
    """A shaded band for a period of whole days (the article's publication window) on a plot
    ``height`` px tall, labelled under the time axis, clear of the labels on the plot."""
    band = pd.DataFrame(
        {"start": [start], "end": [end + pd.Timedelta(days=1)], "label": [label]}
    )  # to the end of the last day
    rect = alt.Chart(band).mark_rect(color="#000", opacity=0.12).encode(x="start:T", x2="end:T")
    text = (
        alt.Chart(band)
        .mark_text(align="left", baseline="top", dx=1, fontSize=11, color="#000")
        .encode(x="start:T", y=alt.value(height + 20), text="label:N")
    )
    return rect + text


def _time_axis(first: pd.Timestamp, last: pd.Timestamp, unit: str, step: int) -> alt.X:
    """A time axis from ``first`` to ``last``, padded to whole months (``unit`` "month") or
    whole days ("day"), with one labelled tick every ``step`` months or days, so that no
    two ticks carry the same label."""
    if unit == "month":
        start, end = (
            pd.Timestamp(first.year, first.month, 1),
            pd.Timestamp(last.year, last.month, 1) + pd.DateOffset(months=1),
        )
        axis = alt.Axis(format="%b %Y", labelAngle=0, labelOverlap=True, tickCount={"interval": "month", "step": step})
    else:  # days: ticks every `step` days from the first, across month ends
        start, end = first.normalize(), last.normalize() + pd.Timedelta(days=1)
        ticks = [
            alt.DateTime(year=d.year, month=d.month, date=d.day) for d in pd.date_range(start, end, freq=f"{step}D")
        ]
        axis = alt.Axis(format="%-d %b", labelAngle=0, labelOverlap=True, values=ticks)
    return alt.X("date:T", title=None, scale=alt.Scale(domain=[f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}"]), axis=axis)


def spread_within_days(events: pd.DataFrame) -> pd.DataFrame:
    """``events`` with the marks of one day on one track spread evenly across that day, so that
    they do not overlap (the sources give no hour)."""
    same_day = events.groupby(["date", "track"])
    position = (same_day.cumcount() + 0.5) / same_day.date.transform("size")
    return events.assign(date=events.date + pd.to_timedelta(position, unit="D"))


def timeline(
    events: pd.DataFrame,
    *,
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
    data = events.assign(end_date=events.end_date.fillna(events.date), when=events.date.map(short_date))
    height = 34 * max(1, data.track.nunique())
    first, last = span or (data.date.min(), data.end_date.max())
    x = _time_axis(first, last, unit, step)
    y = alt.Y("track:N", title=None, sort=tracks, axis=alt.Axis(labelLimit=200))
    tooltip = [
        alt.Tooltip("when:N", title="Date"),
        alt.Tooltip("title:N", title="What"),
        alt.Tooltip("actor:N", title="Who"),
        alt.Tooltip("source:N", title="Source"),
    ]
    scales = _side_scales(present=data.side)
    spans = (
        alt.Chart(data[data.end_date > data.date])
        .mark_bar(height=6, opacity=0.6)
        .encode(x=x, x2="end_date:T", y=y, color=scales["color"], tooltip=tooltip)
    )
    layers = [spans]
    for later, frame in data.groupby("later"):
        hollow = {"filled": False, "fill": "white"} if later else {"filled": True}
        layers.append(
            alt.Chart(frame)
            .mark_point(size=110, strokeWidth=2, opacity=1, **hollow)
            .encode(x=x, y=y, **scales, tooltip=tooltip)
        )
    if labels:
        # a track's only mark is labelled beside it; marks on a shared track, alternately just above
        # and just below it, so that labels of marks close in time, or on the next track, stay apart
        rank = data.sort_values("date").groupby("track").cumcount().reindex(data.index)
        shared = data.groupby("track").track.transform("size") > 1
        for frame, dy in (
            (data[~shared], 0),
            (data[shared & (rank % 2 == 0)], -10),
            (data[shared & (rank % 2 == 1)], 10),
        ):
            layers.append(
                alt.Chart(frame)
                .mark_text(align="left", dx=10, dy=dy, fontSize=11, color="#222")
                .encode(x=x, y=y, text=f"{labels}:N")
            )
    if window:
        layers.insert(0, _period_band(window[0], window[1], window_label, height))
    chart = alt.layer(*layers).properties(width=width, height=height)
    if data.later.any():  # under the title, which figure() takes from the charts table
        chart = chart.properties(title=alt.TitleParams("", subtitle="Hollow marks: made public after the article"))
    return chart


def range_plot(
    data: pd.DataFrame,
    *,
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
    An optional column short_label names the rows in the narrow layout.
    """
    tooltip = [
        alt.Tooltip("label:N", title="Estimate"),
        alt.Tooltip("figure:N", title="Figure"),
        alt.Tooltip("when:N", title="Made public"),
        alt.Tooltip("source:N", title="Source"),
    ]
    y = alt.Y("label:N", title=None, sort=None, axis=alt.Axis(labelLimit=330))
    x = alt.X("low:Q", title=value_title, axis=alt.Axis(format=NUMBER_FORMAT), scale=alt.Scale(zero=True))
    stacked = alt.Legend(orient="top", direction="vertical", labelLimit=320)  # two legends side by side stay narrow
    colour = _side_scales(present=data.side)["color"]
    colour.legend = stacked
    estimates = alt.Chart().transform_filter("datum.side != 'The article'")
    bars = estimates.mark_rule(strokeWidth=5, opacity=0.55).encode(x=x, x2="high:Q", y=y, color=colour, tooltip=tooltip)
    shape = alt.Shape("measure:N", title=shape_title, legend=stacked)
    dots = [
        estimates.transform_filter(f"{'' if later else '!'}datum.later")
        .mark_point(
            size=110, opacity=1, strokeWidth=2, **({"filled": False, "fill": "white"} if later else {"filled": True})
        )
        .encode(x="low:Q", y=y, color=colour, shape=shape, tooltip=tooltip)
        for later in (False, True)
    ]
    ends = (
        estimates.transform_filter("datum.high > datum.low")
        .mark_tick(thickness=2, size=12)
        .encode(x="high:Q", y=y, color=colour, tooltip=tooltip)
    )
    layers = [bars, *dots, ends]
    frame = data if "later" in data else data.assign(later=False)
    if article is not None:
        frame = pd.concat(
            [frame, article.assign(high=article.low, side="The article", measure="The article's figure", later=False)],
            ignore_index=True,
        )
        layers.append(
            alt.Chart()
            .transform_filter("datum.side == 'The article'")
            .mark_point(shape="diamond", size=190, filled=False, strokeWidth=2.5, color="#000", opacity=1)
            .encode(
                x="low:Q",
                y=y,
                tooltip=[alt.Tooltip("label:N", title="The article"), alt.Tooltip("figure:N", title="Figure")],
            )
        )
    short = {}
    if "short_label" in frame:
        short = {NARROW_LABELS: "short_label"}
        frame = frame.assign(short_label=frame.short_label.fillna(frame.label))
    chart = alt.layer(*layers, data=frame).properties(width=width)
    if row:
        chart = chart.facet(
            row=alt.Row(
                f"{row}:N",
                title=None,
                sort=row_sort,
                header=alt.Header(
                    labelAngle=0, labelAlign="left", labelFontSize=13, labelFontWeight="bold", labelOrient="top"
                ),
            ),
        ).resolve_scale(y="independent", x="independent")
    return chart.properties(usermeta={LABELS_ABOVE: "label", **short})


def dated_counts(
    data: pd.DataFrame,
    *,
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
    points = (
        alt.Chart(data)
        .mark_point(filled=True, size=90, opacity=1)
        .encode(
            x="date:T",
            y="value:Q",
            **scales,
            tooltip=[
                alt.Tooltip("date:T", title="Date", format="%-d %b %Y"),
                alt.Tooltip("figure:N", title="Count"),
                alt.Tooltip("who:N", title="Who"),
                *([alt.Tooltip("source:N", title="Source")] if "source" in data else []),
            ],
        )
    )
    layers = [line, points]
    middle = data.date.min() + (data.date.max() - data.date.min()) / 2
    # Each marker's label, on two lines if long, on the plot's side of its line; the labels one
    # under the other, so that markers close in time stay legible; at the plot's foot where level
    # lines (often high counts) take the top.
    lines = [(date, line, date > middle) for date, label in markers for line in textwrap.wrap(label, 22)]
    for date, _ in markers:
        layers.append(
            alt.Chart(pd.DataFrame({"date": [date]})).mark_rule(strokeDash=[6, 4], color="#000").encode(x="date:T")
        )
    for row, (date, line, right) in enumerate(reversed(lines) if levels else lines):
        text = pd.DataFrame({"date": [date], "label": [line], "value": [0]})
        side = {"align": "right", "dx": -4} if right else {"align": "left", "dx": 4}
        if levels:
            place = ({"baseline": "bottom", "dy": -3 - 15 * row}, {"y": "value:Q"})
        else:
            place = ({"baseline": "top"}, {"y": alt.value(2 + 15 * row)})
        layers.append(
            alt.Chart(text).mark_text(color="#000", **side, **place[0]).encode(x="date:T", text="label:N", **place[1])
        )
    for value, label in levels:
        layers.append(
            alt.Chart(pd.DataFrame({"value": [value]})).mark_rule(strokeDash=[2, 3], color="#333").encode(y="value:Q")
        )
        lines = textwrap.wrap(
            label, 28
        )  # on two lines if long, under the level line, clear of the legend above the plot
        for row, line in enumerate(lines):
            layers.append(
                alt.Chart(pd.DataFrame({"value": [value], "label": [line]}))
                .mark_text(align="left", baseline="top", dy=3 + 15 * row, color="#333")
                .encode(x=alt.value(4), y="value:Q", text="label:N")
            )
    return alt.layer(*layers).properties(width=WIDTH)


def locator_map(
    countries: list[dict],
    places: pd.DataFrame,
    *,
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
    fixes each group's colour (:func:`category_colours`; the legend lists only
    the groups drawn), so that several maps and charts agree; ``links``
    (longitude, latitude, longitude2, latitude2) draws a thin line between
    two points, such as a distance the text gives.
    """
    fills = book_metadata()["countries"]  # the book's own countries stand out; the rest are grey
    layers = [
        alt.Chart(alt.Data(values=[feature])).mark_geoshape(
            fill=fills.get(feature["properties"]["name"], "#eeeeee"), stroke="#fff", strokeWidth=1
        )
        for feature in countries
    ]
    if borders:
        border_features = [
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "LineString", "coordinates": [list(p) for p in line]},
            }
            for line in borders
        ]
        layers.append(
            alt.Chart(alt.Data(values=border_features)).mark_geoshape(
                filled=False, stroke="#000", strokeWidth=1.2, strokeDash=[5, 3]
            )
        )
    if links is not None:
        layers.append(
            alt.Chart(links)
            .mark_rule(strokeDash=[4, 3], color="#666")
            .encode(longitude="longitude:Q", latitude="latitude:Q", longitude2="longitude2:Q", latitude2="latitude2:Q")
        )
    data = places.assign(label_dx=places.get("label_dx", 7), label_dy=places.get("label_dy", 0))
    layers.append(
        alt.Chart(data)
        .mark_point(filled=True, size=70, opacity=1)
        .encode(
            longitude="longitude:Q",
            latitude="latitude:Q",
            **_category_scales("group", data.group, colours),
            tooltip=[alt.Tooltip("name:N", title="Place"), alt.Tooltip("group:N", title="What")],
        )
    )
    for (dx, dy), group in data.groupby(["label_dx", "label_dy"]):
        layers.append(
            alt.Chart(group)
            .mark_text(align="left" if dx >= 0 else "right", dx=dx, dy=dy, fontSize=12, color="#111")
            .encode(longitude="longitude:Q", latitude="latitude:Q", text="name:N")
        )
    return alt.layer(*layers).properties(width=width, height=height).project(type="mercator")


def border_map(places: pd.DataFrame, box: tuple[float, float, float, float], **options) -> alt.LayerChart:
    """A :func:`locator_map` of ``box`` (west, south, east, north): the book's first two
    ``countries`` (``_config.yml``) and the border they share, dashed."""
    countries = list(book_metadata()["countries"])[:2]
    border = lines_in_box(shared_border(*countries), box)
    return locator_map(countries_in_box(countries, box), places, borders=border, **options)
