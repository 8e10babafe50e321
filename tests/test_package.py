"""Unit tests of the factcheck package's helpers."""

from __future__ import annotations

import re

import altair as alt
import numpy as np
import pandas as pd
import pytest
from helpers import DATA, ROOT
from markupsafe import Markup

from factcheck import charts
from factcheck.article import load_article, split_sentences
from factcheck.claims import article_marks, quoted_number, verdict_box
from factcheck.datapackage import load_table
from factcheck.evidence import bears_on, figures, first_mentions, topic_excerpts
from factcheck.glue import plain
from factcheck.labels import label
from factcheck.prose import resolve_figures
from factcheck.sources import cite, registry, short_citation, sources_page
from factcheck.tables import count_table, figure_points, html_table, listed_table, table_html, with_figure_text
from factcheck.verdicts import BEST_RATING, LABELS, SCALE, WORST_RATING, verdict
from factcheck.words import format_figure


def test_the_scale_has_the_six_fixed_labels_in_order():
    assert LABELS == ("accurate", "mostly-accurate", "misleading", "inaccurate", "unsupported", "opinion")
    assert (BEST_RATING, WORST_RATING) == (5, 1)
    assert verdict("opinion").rating is None
    assert len({v.colour for v in SCALE}) == len(SCALE)


def test_an_unknown_label_is_an_error():
    with pytest.raises(ValueError, match="not on the verdict scale"):
        verdict("pants-on-fire")


@pytest.mark.parametrize(
    "value, expected",
    [
        (np.int64(71094), 71094),
        (np.float64(2.0), 2),
        (np.float64(2.5), 2.5),
        (7, 7),
        ("text", "text"),
        (pd.Timestamp("2023-05-29"), "29 May 2023"),
    ],
)
def test_glue_values_are_plain_python(value, expected):
    result = plain(value)
    assert result == expected and type(result) is type(expected)


@pytest.mark.parametrize("value", [True, None, pd.NA, [1, 2]])
def test_glue_refuses_what_it_cannot_render(value):
    with pytest.raises(TypeError):
        plain(value)


@pytest.mark.parametrize(
    "value, qualifier, high, expected",
    [
        (73000, "about", None, "about 73,000"),
        (4000, "between", 4500, "4,000 to 4,500"),
        (5000, "fewer-than", pd.NA, "fewer than 5,000"),
        (71094, "exact", pd.NA, "71,094"),
        (20000, "at-least", pd.NA, "at least 20,000"),
        (375000000, "up-to", pd.NA, "up to 375,000,000"),
        (86.2, "exact", pd.NA, "86.2"),
    ],
)
def test_format_figure(value, qualifier, high, expected):
    assert format_figure(value, qualifier, high) == expected


def test_figure_references_in_text_come_from_the_data():
    population = load_table("population", DATA).set_index("figure_id")
    expected = f"{population.population['bakhmut-2022-estimate']:,}"
    assert resolve_figures("was {population:bakhmut-2022-estimate}.") == f"was {expected}."
    with pytest.raises(KeyError, match="no figure"):
        resolve_figures("{population:no-such-figure}")


def test_quoted_number_reads_the_article_words():
    assert quoted_number("bakhmut-population-73000") == 73000


def test_article_marks_sit_at_the_numbers_their_claims_quote():
    rows = load_table("article_marks")
    for chart_id, chart_rows in rows.groupby("chart_id", sort=False):
        marks = article_marks(chart_id, when="the article")
        assert marks.low.to_list() == [quoted_number(c) for c in chart_rows.claim_id]
        assert not marks.label.str.contains("{", regex=False).any() and (marks.when == "the article").all()
        assert all(f"{n:,}" in figure for n, figure in zip(marks.low, marks.figure, strict=True))
    with pytest.raises(KeyError, match="no rows"):
        article_marks("no-such-chart")


def test_a_verdict_box_carries_quote_label_conclusion_and_sources():
    box = verdict_box("kramatorsk-population-150000", kramatorsk_article=150000).data
    assert 'id="claim-kramatorsk-population-150000"' in box
    assert "Mostly accurate" in box and "The article" in box
    assert "<dt>The article</dt><dd>more than 150,000</dd>" in box, "the figures come from the data"
    assert "<dt>City estimate, 2022</dt><dd>147,145</dd>" in box, "roles in the data are filled"
    assert "{population:" not in box, "figure references must be resolved"
    assert box.count("<li>") >= 1


def test_a_citation_names_the_publisher_and_links_the_sources_page_entry():
    sources = registry()
    row = sources.iloc[0]
    html = cite(row.source_id)
    assert f'href="11_sources.html#source-{row.source_id}"' in html and row.publisher in html
    assert short_citation(row).startswith(row.publisher + ", ")


def test_the_sources_page_anchors_every_source_and_names_copies_without_linking_them():
    page = sources_page("chapters/11_sources.html").data
    sources = registry()
    assert page.count('<li id="source-') == len(sources)
    for row in sources[sources.read_via != ""].itertuples():
        assert f'href="{row.read_via}' not in page, "a copy is named, never linked"
    assert "a party to the war" in page


def test_codes_become_words_from_the_descriptor():
    assert label("reported_figures", "measure", "killed-and-wounded") == "Killed and wounded (casualties)"
    assert label("reported_figures", "measure", "") == ""
    with pytest.raises(KeyError):
        label("reported_figures", "measure", "lost")


def test_tables_label_every_cell_with_its_heading():
    html = html_table("Caption", ["Who", "How many"], [["A", "1"]])
    assert '<td data-label="Who">A</td>' in html and '<td data-label="How many">1</td>' in html


def test_a_count_table_counts_codes_in_words_in_the_given_order_with_totals():
    frame = pd.DataFrame(
        {"stance": ["symbolic", "symbolic", "mixed"], "voice": ["independent", "not-at-war", "independent"]}
    )
    html = count_table(frame, "analyst_assessments", "stance", "voice", "Counts", ["mixed", "symbolic"], "Every voice")
    cells = re.findall(r"<t[dh](?: [^>]*)?>(.*?)</t[dh]>", html.data)
    assert cells[:4] == [
        "What it says",
        "Governments and NATO, not at war",
        "Independent analysts and media",
        "Every voice",
    ]
    assert cells[4:] == ["Mixed", "0", "1", "1", "Mostly symbolic", "1", "1", "2"]


def test_first_mentions_join_each_name_to_the_earliest_excerpt_naming_it():
    excerpts = pd.DataFrame(
        {
            "excerpt": ["in Mali and Syria", "in Mali", "nowhere"],
            "made_public": pd.to_datetime(["2020-01-01", "2019-01-01", "2018-01-01"]),
            "source_id": ["a", "b", "c"],
        }
    )
    names = pd.DataFrame({"country": ["Mali", "Syria", "Chad"], "region": ["Africa", "Asia", "Africa"]})
    found = first_mentions(excerpts, names, "country")
    assert found[["country", "region", "source_id"]].values.tolist() == [
        ["Mali", "Africa", "b"],
        ["Syria", "Asia", "a"],
    ]


def test_a_topics_excerpts_are_listed_once_each_with_the_date_made_public():
    topic = load_table("claims").topic.iloc[0]
    rows = topic_excerpts(topic)
    assert list(rows.columns) == ["source_id", "locator", "excerpt", "made_public"]
    assert not rows.duplicated().any() and len(rows)


def test_templates_escape_text_and_pass_markup_whole():
    html = table_html("Fish & chips", ["<b>Who</b>", "Said"], [[Markup("<em>A</em>"), "<script>"]])
    assert "<caption>Fish &amp; chips</caption>" in html and "&lt;b&gt;Who&lt;/b&gt;" in html
    assert '<td data-label="<b>Who</b>"' not in html and "<em>A</em>" in html and "&lt;script&gt;" in html


def test_the_package_escapes_html_only_through_its_templates():
    package = ROOT / "factcheck"
    by_hand = [path.name for path in package.glob("*.py") if "html.escape" in path.read_text()]
    assert not by_hand, f"markup belongs in factcheck/templates/html, escaped by Jinja: {by_hand}"


def test_figures_carry_their_side_and_whether_they_came_later():
    rows = figures("casualties")
    assert set(rows.side) <= {"Russian side", "Ukrainian side", "Not a party to the war"}
    assert rows.later.dtype == bool and rows.later.any() and (~rows.later).any()
    assert set(rows.before_or_after[rows.later]) == {"After the article"}
    assert set(rows.before_or_after[~rows.later]) == {"By the article's date"}
    assert (rows.high >= rows.low).all()


def _chart():
    data = pd.DataFrame({"place": ["a", "b"], "people": [1000, 20000]})
    return data, alt.Chart(data).mark_bar().encode(
        x="place:N", y=alt.Y("people:Q", axis=alt.Axis(format=charts.NUMBER_FORMAT))
    )


def test_a_figure_is_the_same_on_every_run_and_needs_no_network():
    data, chart = _chart()
    first = charts.figure_html(chart, "test", charts.ChartTexts("T", "Two bars.", "Test data"), data).data
    second = charts.figure_html(chart, "test", charts.ChartTexts("T", "Two bars.", "Test data"), data).data
    assert first == second
    assert 'id="chart-test"' in first and "<svg" in first and "Source: Test data" in first
    assert not re.search(r"<script[^>]+src=", first), "a figure must not load scripts itself"
    assert "20,000" in first, "numbers on axes are grouped, not 2e+4"


def test_the_theme_is_enabled_with_a_colour_blind_safe_palette():
    assert alt.theme.active == "factcheck"
    _, chart = _chart()
    assert chart.to_dict()["config"]["range"]["category"] == charts.PALETTE


def test_the_article_drops_capture_artefacts_and_keeps_its_words():
    article = load_article(ROOT / "seeds")
    assert article.title.startswith("The fall of Bakhmut")
    assert "top of page" not in article.text and "bottom of page" not in article.text
    assert len(article.paragraphs) == 11


def test_a_changed_capture_is_refused(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in (ROOT / "seeds").iterdir():
        (seeds / path.name).write_bytes(path.read_bytes())
    capture = next(seeds.glob("*.txt"))
    capture.write_bytes(capture.read_bytes().replace(b"73,000", b"75,000"))
    with pytest.raises(ValueError, match="differs from the capture"):
        load_article(seeds)


def test_sentences_split_at_full_stops_only():
    assert split_sentences('It fell. "Quote" he said. Then 1.5 more.') == [
        "It fell.",
        '"Quote" he said.',
        "Then 1.5 more.",
    ]


def test_the_readme_findings_match_the_register():
    from factcheck.exports import findings_markdown

    assert findings_markdown() in (ROOT / "README.md").read_text(), (
        "run `python -m factcheck findings` to refresh README.md"
    )


def test_figure_points_label_who_what_area_and_when():
    population = load_table("population", DATA)
    points = figure_points(population, "population")
    assert len(points) == len(population) and points.population.dtype == int
    assert points.figure.str.contains(
        r"\((?:the city itself|city council area|municipality \(hromada\)|area not stated), (?:\d{4}|undated)\)$"
    ).all()
    assert set(points.kind) <= {"Census", "Official estimate", "Figure stated by an official or reporter"}


def test_with_figure_text_says_ranges_and_qualifiers():
    civilians = with_figure_text(load_table("civilians_remaining", DATA), "people", "people_high")
    assert civilians.figure.str.contains(" to ").any() and civilians.figure.str.startswith("fewer than").any()


def test_a_daily_table_lists_each_days_rows_by_column_with_their_sources():
    from factcheck.tables import daily_table

    source_id = registry().index[0]
    rows = pd.DataFrame(
        {
            "date": pd.to_datetime(["2023-05-20", "2023-05-20", "2023-05-22"]),
            "side": ["a", "b", "a"],
            "title": ["Claim", "Denial <no>", "Later"],
            "source_id": [source_id] * 3,
        }
    )
    table = daily_table(rows, pd.date_range("2023-05-20", "2023-05-22"), "side", {"a": "A", "b": "B"}, "C").data
    days = re.findall(r"<tr><td[^>]*>([^<]+)</td>", table)
    assert days == ["20 May 2023", "21 May 2023", "22 May 2023"]
    assert "Denial &lt;no&gt; (" in table and cite(source_id) in table
    assert table.count(">—</td>") == 3, "a day with nothing in a column says so"


def test_events_are_picked_by_id_in_date_order():
    from factcheck.evidence import events_by_id

    picked = events_by_id("fall-2023-05-20-prigozhin-capture", "fall-2022-05-17-first-airstrike")
    assert list(picked.index) == ["fall-2022-05-17-first-airstrike", "fall-2023-05-20-prigozhin-capture"]


def test_quoted_evidence_comes_in_its_tables_order_with_words_and_dates():
    from factcheck.evidence import quoted

    rows = quoted("militia-profiles")
    listed = load_table("quoted_evidence")
    assert list(rows.source_id) == list(listed[listed.quote_table == "militia-profiles"].source_id)
    assert rows.excerpt.str.len().gt(0).all()
    assert "May 2023" in set(rows.published)  # a page dated only to the month is shown to the month
    with pytest.raises(KeyError, match="no rows"):
        quoted("no-such-table")


def test_category_colours_are_the_palette_in_order_and_charts_list_only_the_groups_drawn():
    colours = charts.category_colours(["b", "a"])
    assert colours == {"b": charts.PALETTE[0], "a": charts.PALETTE[1]}
    with pytest.raises(ValueError):
        charts.category_colours(range(len(charts.PALETTE) + 1))
    data = pd.DataFrame({"figure": ["x"], "n": [1], "group": ["a"]})
    spec = charts.dot_plot(data, value="n", label="figure", colour="group", value_title="v", colours=colours)
    scale = spec.to_dict()["layer"][0]["encoding"]["color"]["scale"]
    assert scale == {"domain": ["a"], "range": [charts.PALETTE[1]]}


def test_places_come_with_role_and_distance_and_figures_with_their_year():
    from factcheck.evidence import border_place_figures, border_places

    places = border_places(["kozinka", "bakhmut"])
    assert list(places.role) == [label("places", "role", "raided"), label("places", "role", "front-line")]
    assert places.km_from_border.map(type).eq(int).all()
    sized = border_place_figures(["kozinka-former-residents-mint", "grayvoron-2021-census"])
    assert list(sized.year) == ["reported 2026", "2021"]
    assert list(sized.name) == ["Kozinka", "Grayvoron"]


def test_place_links_join_each_pair_of_places_for_a_map():
    from factcheck.evidence import km_between, place_links
    from factcheck.geo import distance_km

    links = place_links([("kozinka", "bakhmut"), ("bakhmut", "belgorod")])
    assert list(links.columns) == ["longitude", "latitude", "longitude2", "latitude2"]
    first = links.iloc[0]
    assert distance_km(first.latitude, first.longitude, first.latitude2, first.longitude2) == km_between(
        "kozinka", "bakhmut"
    )
    assert (links.longitude2[0], links.latitude2[0]) == (links.longitude[1], links.latitude[1])


def test_headings_come_from_the_first_joined_table_that_has_the_column():
    from factcheck.labels import column_titles, titled

    assert column_titles(["places", "population"], ["name", "population", "year"]) == {
        "name": "Place",
        "population": "People",
        "year": "Year of the figure",
    }
    frame = pd.DataFrame({"name": ["Kozinka"], "kind": ["village"]})
    assert list(titled(frame, "places", ["name", "kind"]).columns) == ["Place", "Kind of place"]


def test_events_of_one_day_on_one_track_spread_across_it():
    day = pd.Timestamp("2023-05-22")
    frame = pd.DataFrame({"date": [day, day, day], "track": ["a", "a", "b"]})
    spread = charts.spread_within_days(frame)
    assert list(spread.date) == [
        day + pd.Timedelta(hours=6),
        day + pd.Timedelta(hours=18),
        day + pd.Timedelta(hours=12),
    ]


def test_figure_rows_label_who_when_and_what_and_head_panels_briefly():
    from factcheck.evidence import figure_rows

    rows = figures("belgorod").set_index("figure_id", drop=False)
    killed = figure_rows(
        rows.loc[["rvc-belgorod-own-killed", "gladkov-evacuation-death"]], {"gladkov-evacuation-death": "Died"}
    )
    assert list(killed.label) == ["RVC commander, 24 May: 2 killed", "Gladkov, 23 May: 1 died"]
    assert list(killed.panel) == ["The raiders", "Civilians"]


def test_a_date_before_the_window_is_counted_back_from_its_first_day():
    from factcheck.window import before_window_words, publication_bounds

    first = publication_bounds()[0]
    assert before_window_words(first) == "the first day the article can have appeared"
    assert before_window_words(first - pd.Timedelta(days=2)).startswith("2 days before")
    with pytest.raises(ValueError):
        before_window_words(first + pd.Timedelta(days=1))


def test_quoted_tables_take_their_caption_and_columns_from_the_data():
    from factcheck.evidence import quoted_table

    table = quoted_table("raid-equipment").data
    assert "equipment: what was seen, and who said where it came from</caption>" in table
    assert ">What it shows</th>" in table and ">Group</th>" not in table


def test_a_border_map_draws_the_book_countries_and_their_border():
    from factcheck.evidence import border_places

    places = border_places(["kozinka", "belgorod"])
    spec = charts.border_map(places.assign(group=places.role), (35.25, 50.12, 37.25, 50.78)).to_dict()
    dashed = [layer for layer in spec["layer"] if layer.get("mark", {}).get("strokeDash") == [5, 3]]
    assert len(dashed) == 1


def test_article_overlay_is_the_range_plots_one_row_for_the_article():
    from factcheck.evidence import article_overlay

    row = article_overlay("The article: 10 months", 10, "10 months", panel="Length")
    assert row.to_dict("records") == [
        {
            "label": "The article: 10 months",
            "low": 10,
            "figure": "10 months",
            "when": "the article",
            "source": "the article",
            "panel": "Length",
        }
    ]


def test_a_listed_table_takes_its_caption_and_headings_from_the_data():
    rows = load_table("tables").set_index("table_id")
    table_id = rows.index[0]
    html = str(listed_table(load_table(rows.data_tables.iloc[0].split()[0]).head(0), table_id).data)
    assert f"<caption>{rows.caption.iloc[0]}</caption>" in html.replace("&#39;", "'")
    assert html.count('<th scope="col">') == len(rows["columns"].iloc[0].split()) + 1  # and Source
    with pytest.raises(KeyError, match="table 'no-such-table' has no row in the tables table"):
        listed_table(pd.DataFrame(), "no-such-table")


def test_bears_on_quotes_the_claims_each_later_event_bears_on():
    links = load_table("later_event_claims")
    quotes = bears_on()
    assert set(quotes.index) == set(links.event_id)
    assert all(text.startswith("\u201c") and text.endswith("\u201d") for text in quotes)


def test_chart_events_draw_each_pick_on_its_row():
    from factcheck.evidence import chart_events

    picks = load_table("chart_events")
    events = load_table("events").set_index("event_id")
    for chart_id, rows in picks.groupby("chart_id"):
        drawn = chart_events(chart_id)
        assert sorted(drawn.event_id) == sorted(rows.event_id)
        assert drawn.date.is_monotonic_increasing
        assert (drawn.strand == events.track[drawn.event_id].to_numpy()).all()
        named = rows.set_index("event_id").chart_row.fillna("")
        expected = [named[e] or events.title[e] for e in drawn.event_id]
        assert list(drawn.track) == expected
    with pytest.raises(KeyError, match="no-such-chart"):
        chart_events("no-such-chart")
