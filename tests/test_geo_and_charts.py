"""Geometry from the committed borders, and the package's chart kinds: each
renders offline to SVG, encodes who speaks by colour and shape, and draws
ranges as ranges."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from factcheck import charts
from factcheck.geo import countries_in_box, distance_km, distance_to_lines_km, in_country, lines_in_box, shared_border

BELGOROD_BOX = (34.8, 49.9, 39.0, 51.2)


@pytest.mark.parametrize(
    "country, lat, lon, inside",
    [
        ("Ukraine", 48.594, 37.999, True),  # Bakhmut
        ("Russia", 48.594, 37.999, False),
        ("Russia", 50.603, 36.581, True),  # Belgorod
        ("Ukraine", 50.603, 36.581, False),
        ("Ukraine", 50.450, 30.524, True),  # Kyiv
    ],
)
def test_points_fall_in_the_right_country(country, lat, lon, inside):
    assert in_country(country, lat, lon) is inside


def test_unknown_country_is_an_error():
    with pytest.raises(KeyError, match="no country named"):
        in_country("Atlantis", 0, 0)


def test_distances():
    # Kyiv to Kharkiv is about 410 km as the crow flies
    assert distance_km(50.450, 30.524, 49.994, 36.231) == pytest.approx(410, abs=10)
    assert distance_km(50.0, 36.0, 50.0, 36.0) == 0
    line = [[(30.0, 50.0), (31.0, 50.0)]]
    # 0.1 degree of latitude north of a line along a parallel: about 11.1 km
    assert distance_to_lines_km(50.1, 30.5, line) == pytest.approx(11.1, abs=0.1)


def test_the_ukraine_russia_border_passes_near_belgorod():
    border = shared_border("Ukraine", "Russia")
    assert 20 < distance_to_lines_km(50.603, 36.581, border) < 50
    assert all(BELGOROD_BOX[0] <= x <= BELGOROD_BOX[2] for line in lines_in_box(border, BELGOROD_BOX) for x, _ in line)


def test_countries_are_clipped_to_the_box():
    features = countries_in_box(["Ukraine", "Russia"], BELGOROD_BOX)
    assert [f["properties"]["name"] for f in features] == ["Ukraine", "Russia"]
    for feature in features:
        for polygon in feature["geometry"]["coordinates"]:
            for x, y in polygon[0]:
                assert BELGOROD_BOX[0] <= x <= BELGOROD_BOX[2] and BELGOROD_BOX[1] <= y <= BELGOROD_BOX[3]
    assert len(json.dumps(features)) < 60_000, "a clipped map stays small enough to embed"


@pytest.mark.parametrize(
    "kind, side",
    [
        ("belligerent-russia", "Russian side"),
        ("belligerent-ukraine", "Ukrainian side"),
        ("belligerent-armed-group", "Ukrainian side"),
        ("foreign-government", "Not a party to the war"),
        ("media", "Not a party to the war"),
    ],
)
def test_side_of(kind, side):
    assert charts.side_of(kind) == side


def _events():
    return pd.DataFrame(
        {
            "date": pd.to_datetime(["2022-08-01", "2023-05-20", "2023-06-24"]),
            "end_date": pd.to_datetime([None, "2023-06-01", None]),
            "track": ["Battle", "Claims", "Hindsight"],
            "title": ["a", "b", "c"],
            "actor": ["w", "x", "y"],
            "side": ["Russian side", "Ukrainian side", "Not a party to the war"],
            "later": [False, False, True],
            "source": ["s"] * 3,
        }
    )


def test_a_timeline_draws_spans_as_bars_later_events_hollow_and_the_window():
    text = json.dumps(
        charts.timeline(_events(), window=(pd.Timestamp("2023-05-25"), pd.Timestamp("2023-05-28"))).to_dict()
    )
    for mark in ('"bar"', '"point"', '"rect"', '"x2"', '"filled": false', "Hollow marks"):
        assert mark in text
    svg = charts.svg(charts.timeline(_events()))
    assert svg.startswith("<svg") and "Claims" in svg and "Hindsight" in svg


def _estimates(**columns) -> pd.DataFrame:
    """Two rows for a range plot: a range said by the Russian side and a point said by neither side,
    with ``columns`` replacing or adding columns."""
    rows = {
        "label": ["A", "B"],
        "low": [100.0, 50.0],
        "high": [300.0, 50.0],
        "figure": ["100 to 300", "50"],
        "side": ["Russian side", "Not a party to the war"],
        "measure": ["Killed", "Killed"],
        "when": ["x", "y"],
        "source": ["s", "t"],
    }
    return pd.DataFrame(rows | columns)


def test_a_range_plot_draws_ranges_as_rules_and_the_article_as_diamonds():
    data = _estimates(panel=["P", "P"])
    article = pd.DataFrame(
        {"label": ["The article"], "low": [500.0], "figure": ["500"], "panel": ["P"], "when": [""], "source": [""]}
    )
    chart = charts.range_plot(data, value_title="People", row="panel", article=article)
    text = json.dumps(chart.to_dict())
    assert '"rule"' in text and '"diamond"' in text and '"x2"' in text
    assert charts.svg(chart).count("<svg") == 1


def test_a_dated_count_chart_marks_the_article_date():
    data = pd.DataFrame(
        {
            "date": pd.to_datetime(["2022-12-01", "2023-05-01"]),
            "value": [10, 20],
            "figure": ["10", "20"],
            "group": ["G", "G"],
            "who": ["w", "w"],
        }
    )
    markers = [(pd.Timestamp("2023-02-09"), "Recruitment stopped"), (pd.Timestamp("2023-05-26"), "The article")]
    svg = charts.svg(charts.dated_counts(data, value_title="N", markers=markers))
    assert "The article" in svg and "Recruitment stopped" in svg


def test_a_locator_map_renders_offline_with_its_places():
    places = pd.DataFrame(
        {
            "name": ["Belgorod", "Grayvoron"],
            "latitude": [50.603, 50.479],
            "longitude": [36.581, 35.681],
            "group": ["City", "Town"],
        }
    )
    chart = charts.locator_map(
        countries_in_box(["Ukraine", "Russia"], BELGOROD_BOX),
        places,
        borders=lines_in_box(shared_border("Ukraine", "Russia"), BELGOROD_BOX),
    )
    svg = charts.svg(chart)
    assert "Belgorod" in svg and "Grayvoron" in svg
    assert "http" not in json.dumps(chart.to_dict()).replace("https://vega.github.io/schema", "")


def _svg_width(html: str, css_class: str) -> float:
    import re

    return float(re.search(rf'<div class="{css_class}"[^>]*><svg[^>]* width="([\d.]+)"', html)[1])


def test_a_figure_is_drawn_in_two_layouts_each_no_wider_than_its_column():
    data = _estimates(
        label=["A long label for one estimate (whole war to February 2023)", "B"],
        panel=["Losses of one side: killed and wounded", "Losses of the other: killed"],
    )
    chart = charts.range_plot(data, value_title="People", row="panel")
    title = "A title long enough to need two lines on a phone, and perhaps three"
    html = charts.figure_html(chart, "test", charts.ChartTexts(title, "A test.", "Nowhere"), data).data
    assert 0.9 * charts.WIDE < _svg_width(html, "fc-chart-static") <= charts.WIDE
    assert 0.9 * charts.NARROW < _svg_width(html, "fc-chart-static-narrow") <= charts.NARROW
    narrow = json.loads(html.split('class="fc-chart-spec-narrow">')[1].split("</script>")[0])
    assert narrow["columns"] == 1, "panels one under the other"
    assert any(layer["mark"].get("type") == "text" for layer in narrow["spec"]["layer"]), (
        "row labels written above the rows"
    )
    assert isinstance(narrow["title"], list), "the title wrapped"


def _counts(hindsight: str) -> pd.DataFrame:
    rows = [("At publication", "T", "Accurate", 2, 0), ("With hindsight", "T", hindsight, 2, 0)]
    return pd.DataFrame(rows, columns=["when", "topic", "verdict", "claims", "order"])


def test_verdict_bars_draw_one_panel_where_hindsight_changes_nothing():
    assert "facet" not in charts.verdict_bars(_counts("Accurate"), category="topic", category_title="Topic").to_dict()
    assert "facet" in charts.verdict_bars(_counts("Misleading"), category="topic", category_title="Topic").to_dict()


def test_a_range_plot_names_its_rows_by_their_short_labels_on_a_phone():
    data = _estimates(
        label=["5 August 2022: a long description of what marks the start of the battle", "Stated"],
        short_label=["The start", None],
        low=[9.5, 10.0],
        high=[9.5, 10.0],
        figure=["9.5 months", "10 months"],
        side=["Ukrainian side", "Not a party to the war"],
        measure=["Computed", "Stated"],
    )
    texts = charts.ChartTexts("T", "A test.", "Nowhere")
    html = charts.figure_html(charts.range_plot(data, value_title="Months"), "test", texts, data).data

    def row_labels(spec_class: str) -> str:
        spec = json.loads(html.split(f'class="{spec_class}">')[1].split("</script>")[0])
        return next(layer for layer in spec["layer"] if layer["mark"].get("type") == "text")["encoding"]["text"]

    assert row_labels("fc-chart-spec-narrow")["field"] == "short_label" + charts.LINES  # its lines, wrapped
    narrow_svg = html.split('class="fc-chart-static-narrow"')[1].split("</svg>")[0]
    assert ">The start<" in narrow_svg
    assert "Stated" in narrow_svg, "a row without a short label keeps its label"


def test_a_range_plot_writes_a_labels_bracketed_detail_on_a_line_of_its_own_on_a_phone_never_cut():
    data = _estimates(
        label=["Later: UK Defence Intelligence (whole war to February 2023)", "A label far too long to fit " * 3],
        low=[1.0, 2.0],
        high=[1.0, 2.0],
        figure=["1", "2"],
    )
    texts = charts.ChartTexts("R", "A test.", "No")
    html = charts.figure_html(charts.range_plot(data, value_title="People"), "test", texts, data).data
    narrow_svg = html.split('class="fc-chart-static-narrow"')[1].split("</svg>")[0]
    assert ">Later: UK Defence Intelligence<" in narrow_svg and ">(whole war to February 2023)<" in narrow_svg
    assert "…" not in narrow_svg, "a long label is wrapped, not cut"


def test_a_figure_is_said_where_and_when_it_counts():
    from factcheck.evidence import where_and_when

    war = pd.Timestamp("2022-02-24")
    places = {"bakhmut": "Bakhmut", "whole-front": "all fronts"}

    def row(scope, start, end):
        return pd.Series(
            {"scope": scope, "period_start": pd.Timestamp(start), "period_end": pd.Timestamp(end)}
            | {"period_end_precision": "day"}
        )

    assert where_and_when(row("whole-front", "2022-02-24", "2023-02-17"), war, places) == "whole war to February 2023"
    assert where_and_when(row("bakhmut", "2022-01-01", "2023-05-20"), war, places) == "Bakhmut, to May 2023"
    assert where_and_when(row("bakhmut", "2022-05-01", "2023-03-16"), war, places) == "Bakhmut, May 2022 to March 2023"
    assert where_and_when(row("whole-front", "2022-12-01", "2022-12-20"), war, places) == "all fronts, December 2022"


def test_an_estimate_table_lists_the_estimates_then_the_article_under_field_titles():
    from factcheck.evidence import estimate_table

    rows = pd.DataFrame(
        [{"panel": "P", "label": "A", "figure": "1", "measure": "Killed", "side": "S", "published": "x", "source": "s"}]
    )
    article = pd.DataFrame(
        [{"panel": "P", "label": "The article", "figure": "2", "when": "May", "source": "the article"}]
    )
    table = estimate_table(rows, article)
    assert len(table.columns) == 7 and "source" not in table.columns, "headed by the field titles"
    mark = ["P", "The article", "2", "The article's figure", "The article", "May", "the article"]
    assert table.iloc[-1].tolist() == mark, "the article's figure comes last, made public when it says"
