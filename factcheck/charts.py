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
    return data.to_html(index=False, border=0, classes="fc-chart-table", na_rep="")


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
    """Vega, Vega-Lite and vega-embed in one script that defines ``window.vegaEmbed``."""
    return vlc.javascript_bundle(vl_version=VEGA_LITE_VERSION)


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
        tooltip=[alt.Tooltip(f"{label}:N", title="Figure"), alt.Tooltip(f"{value}:Q", format=NUMBER_FORMAT)],
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
