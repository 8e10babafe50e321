"""Unit tests of the factcheck package's helpers."""

from __future__ import annotations

import re

import altair as alt
import numpy as np
import pandas as pd
import pytest
from helpers import DATA, ROOT

from factcheck import charts
from factcheck.article import load_article, split_sentences
from factcheck.claims import quoted_number, resolve_figures, verdict_box
from factcheck.datapackage import load_table
from factcheck.evidence import figures
from factcheck.glue import plain
from factcheck.labels import label
from factcheck.sources import cite, registry, short_citation, sources_page
from factcheck.tables import figure_points, format_figure, html_table, with_figure_text
from factcheck.verdicts import BEST_RATING, LABELS, SCALE, WORST_RATING, verdict


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


def test_a_verdict_box_carries_quote_label_conclusion_and_sources():
    box = verdict_box("kramatorsk-population-150000", figures={"The article": "150,000"}).data
    assert 'id="claim-kramatorsk-population-150000"' in box
    assert "Mostly accurate" in box and "The article" in box
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


def test_figures_carry_their_side_and_whether_they_came_later():
    rows = figures("casualties")
    assert set(rows.side) <= {"Russian side", "Ukrainian side", "Not a party to the war"}
    assert rows.later.dtype == bool and rows.later.any() and (~rows.later).any()
    assert (rows.high >= rows.low).all()


def _chart():
    data = pd.DataFrame({"place": ["a", "b"], "people": [1000, 20000]})
    return data, alt.Chart(data).mark_bar().encode(
        x="place:N", y=alt.Y("people:Q", axis=alt.Axis(format=charts.NUMBER_FORMAT))
    )


def test_a_figure_is_the_same_on_every_run_and_needs_no_network():
    data, chart = _chart()
    first = charts.figure(chart, "test", alt_text="Two bars.", source="Test data", data=data).data
    second = charts.figure(chart, "test", alt_text="Two bars.", source="Test data", data=data).data
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
