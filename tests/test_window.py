"""The publication window and what counts as made public before or after it."""

import pandas as pd

from factcheck.datapackage import load_table
from factcheck.window import made_public, made_public_later, publication_bounds


def test_a_dated_source_was_made_public_on_its_publication_date():
    sources = load_table("sources").dropna(subset=["published"]).head(3)
    assert list(made_public(sources.source_id)) == list(sources.published)


def test_an_undated_source_takes_the_date_of_the_earliest_statement_it_reports():
    sources = load_table("sources").set_index("source_id")
    figures = load_table("reported_figures")
    undated = figures[figures.source_id.map(sources.published).isna()]
    source_id = undated.source_id.iloc[0]
    assert made_public(pd.Series([source_id])).iloc[0] == undated[undated.source_id == source_id].published.min()


def test_a_source_with_no_date_anywhere_stays_undated():
    assert made_public(pd.Series(["no-such-source"])).isna().all()


def test_only_what_came_after_the_window_is_later():
    start, end = publication_bounds()
    dates = pd.Series([start, end, end + pd.Timedelta(days=1)])
    assert list(made_public_later(dates)) == [False, False, True]
