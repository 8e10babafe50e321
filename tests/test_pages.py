"""Page paths, anchors and links (factcheck.pages): one way to point at a claim's check or a source's entry."""

from factcheck.datapackage import load_table
from factcheck.pages import checked_in, claim_href, claim_url, link, mark_href, page, source_href

CLAIMS = load_table("claims")


def test_links_between_pages_are_relative():
    assert link("chapters/02_claims.html", "chapters/05_human_cost.html", "claim-x") == "05_human_cost.html#claim-x"
    assert link("index.html", "chapters/05_human_cost.html") == "chapters/05_human_cost.html"
    assert link("chapters/12_data.html", "data/claims.csv") == "../data/claims.csv"


def test_a_claim_is_checked_on_its_topics_chapter_or_the_register():
    topics = load_table("topics").set_index("topic").chapter
    for _, row in CLAIMS.iterrows():
        expected = f"{topics[row.topic]}.html" if topics[row.topic] else page("register") + ".html"
        assert checked_in(row) == expected


def test_every_link_to_a_claim_ends_at_its_anchor():
    row = CLAIMS.iloc[0]
    here = checked_in(row)
    assert claim_href(here, row) == f"{here.rsplit('/', 1)[-1]}#claim-{row.claim_id}"
    assert claim_url(row, fragment_only=True) == f"#claim-{row.claim_id}"
    assert claim_url(row).endswith(f"{here}#claim-{row.claim_id}")
    assert mark_href(row.claim_id) == f"{page('article').rsplit('/', 1)[-1]}.html#mark-{row.claim_id}"


def test_a_source_entry_is_one_link_from_any_page():
    assert source_href("some-source") == f"{page('sources').rsplit('/', 1)[-1]}.html#source-some-source"
