"""A chart's title, text alternative and source line come from the charts table, and a text that
does not resolve stops the build with a message naming the chart."""

import shutil

import pytest

from factcheck import charts
from factcheck.datapackage import DataValidationError, data_dir_set, find_data_dir


def test_a_charts_texts_are_filled_from_the_data_and_a_two_line_title_is_split():
    texts = charts.chart_texts("the-fall-hindsight")
    assert texts.title == ["After the capture: Wagner left, the flanks were fought over,", "and the front moved west"]
    assert "{" not in texts.alt_text and "`" not in texts.alt_text
    assert texts.source.startswith("events.csv")
    texts = charts.chart_texts("the-fall-timeline", events=3, first="a day", last="another day")
    assert "3 dated events from a day to another day" in texts.alt_text


def test_a_chart_kind_may_offer_values_its_texts_do_not_name():
    offered = {"first": "a day", "spare": 1}
    texts = charts.chart_texts("the-fall-timeline", offered, events=3, last="another day")
    assert "3 dated events from a day to another day" in texts.alt_text


@pytest.mark.parametrize(
    ("computed", "message"),
    [
        ({}, "chart 'the-fall-timeline', alt_text: .* needs the computed value 'events'"),
        (
            {"events": 1, "first": "x", "last": "y", "spare": 1},
            "chart 'the-fall-timeline': its texts in the charts table use no spare",
        ),
    ],
)
def test_a_computed_value_missing_or_unused_names_the_chart(computed, message):
    with pytest.raises(KeyError, match=message):
        charts.chart_texts("the-fall-timeline", **computed)


def test_a_typo_in_a_role_key_stops_the_data_check_naming_file_row_and_column(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(find_data_dir(), data)
    with (data / "charts.csv").open("a", encoding="utf-8") as table:
        table.write('typo-chart,chapters/03_before_the_war,"About {fig}`no-such-figure`",A chart.,Nowhere\n')
    rows = len((data / "charts.csv").read_text(encoding="utf-8").splitlines())
    with (
        data_dir_set(data, override=True),
        pytest.raises(DataValidationError, match=f"charts.csv, row {rows}, column 'title': {{fig}}`no-such-figure`"),
    ):
        charts.chart_texts("typo-chart")


def test_a_chart_without_a_row_is_an_error():
    with pytest.raises(KeyError, match="chart 'no-such-chart' has no row in the charts table"):
        charts.chart_texts("no-such-chart")
