"""The source registry as readers meet it: citations, the Sources page, and what cites each source.

A source is recorded once in ``sources.csv`` and its publisher once in
``publishers.csv``. Every citation in the book links to the source's entry on
the Sources page (anchor ``source-<id>``), and the entry links to the piece on
its publisher's own site; a copy that was read elsewhere is named, never linked.
"""

from __future__ import annotations

import html
from functools import cache
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import pandas as pd
from IPython.display import HTML

from factcheck.book import page
from factcheck.datapackage import data_state, find_data_dir, load_table
from factcheck.labels import label, titles_of


def anchor(source_id: str) -> str:
    """The id of a source's entry on the Sources page."""
    return f"source-{source_id}"


def entry_href(source_id: str) -> str:
    """Link to a source's entry from any page of the book (they all live in one folder)."""
    return f"{PurePosixPath(page('sources')).name}.html#{anchor(source_id)}"


def cite(source_id: str) -> str:
    """A source as linked HTML: the publisher and date to its entry on the Sources page."""
    return f'<a class="fc-cite" href="{entry_href(source_id)}">{html.escape(short_citation(source(source_id)))}</a>'


def registry() -> pd.DataFrame:
    """Every source with its publisher's name, kind and party, and its carrier's name."""
    return _registry(data_state(find_data_dir())).copy()


@cache
def _registry(state: tuple) -> pd.DataFrame:
    publishers = load_table("publishers").set_index("publisher_id")
    sources = load_table("sources")
    return sources.assign(
        publisher=sources.publisher_id.map(publishers.name),
        publisher_kind=sources.publisher_id.map(publishers.kind),
        war_party=sources.publisher_id.map(publishers.war_party),
        carrier=sources.carrier_id.map(publishers.name).fillna(""),
    ).set_index("source_id", drop=False)


def source(source_id: str) -> pd.Series:
    """The registry row of ``source_id``; an unknown id is an error."""
    sources = registry()
    if source_id not in sources.index:
        raise KeyError(f"no source '{source_id}' in the source registry")
    return sources.loc[source_id]


def published_words(row: pd.Series) -> str:
    """A source's publication date in words, as precisely as the piece shows it."""
    from factcheck.claims import format_date

    return format_date(row.published, row.published_precision or "day") if pd.notna(row.published) else "undated"


def short_citation(row: pd.Series) -> str:
    """How the book names a source in running text: publisher and date."""
    return f"{row.publisher}, {published_words(row)}"


CREDITED = 6  # publishers named in a chart's source line


def credit(source_ids, table: str) -> str:
    """A chart's source line: the data table and the publishers behind the rows drawn."""
    sources = registry()
    names = list(dict.fromkeys(sources.loc[list(dict.fromkeys(source_ids)), "publisher"]))
    if len(names) > CREDITED:  # the chart's data table names every source
        names = [*names[:CREDITED], f"{len(names) - CREDITED} more"]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{table}.csv in this book's data package ({listed})"


def voice(row: pd.Series) -> str:
    """The publisher's kind in words, flagging a party to the war."""
    kind = label("publishers", "kind", row.publisher_kind)
    if row.war_party:
        party = titles_of("publishers").get("war_party", {}).get(row.war_party, row.war_party)
        return f"{kind} of {party}, a party to the war"
    return kind


def _citing_rows() -> pd.DataFrame:
    """(source_id, what, text, claim_id) for every data row that cites a source."""
    frames = []
    evidence = load_table("claim_evidence")
    frames.append(pd.DataFrame({"source_id": evidence.source_id, "claim_id": evidence.claim_id, "what": "claim", "text": ""}))
    from factcheck.dictionary import descriptor

    tables = {resource["name"] for resource in descriptor()["resources"]}
    for table, key, text in [("reported_figures", "figure_id", "claimant"), ("population", "figure_id", "claimant"),
                             ("civilians_remaining", "figure_id", "claimant"), ("events", "event_id", "title"),
                             ("analyst_assessments", "assessment_id", "analyst"), ("publication_clues", "clue_id", "event")]:
        if table in tables:  # a book keeps only the tables it needs
            rows = load_table(table)
            frames.append(pd.DataFrame({"source_id": rows.source_id, "claim_id": "", "what": table, "text": rows[key]}))
    if "places" in tables:
        places = load_table("places")
        frames.append(pd.DataFrame({"source_id": places.coordinates_source_id, "claim_id": "", "what": "places", "text": places.place_id}))
    return pd.concat(frames, ignore_index=True)


WHAT = {
    "reported_figures": "figures", "population": "population figures", "civilians_remaining": "counts of civilians",
    "events": "dated events", "analyst_assessments": "analysts' assessments", "publication_clues": "clues to the article's date",
    "places": "coordinates",
}


def sources_page(page: str) -> HTML:
    """The Sources page: every source by publisher, each with its anchor, link, kind and what cites it."""
    from factcheck.claims import checked_in, claim
    from factcheck.register import link

    sources = registry().sort_values(["publisher", "published", "title"], na_position="last")
    citing = _citing_rows()
    items = []
    for _, row in sources.iterrows():
        uses = citing[citing.source_id == row.source_id]
        claim_links = ", ".join(
            f'<a href="{link(page, checked_in(claim(c)), "claim-" + c)}">{html.escape(c)}</a>' for c in dict.fromkeys(uses.claim_id) if c
        )
        others = "; ".join(
            f"{WHAT[what]}: {html.escape(', '.join(dict.fromkeys(group.text)))}" for what, group in uses[uses.what != "claim"].groupby("what")
        )
        carried = f", carried by {html.escape(row.carrier)}" if row.carrier else ""
        read_via = ""
        if row.read_via:
            hosts = ", ".join(dict.fromkeys(urlsplit(u).hostname or u for u in row.read_via.replace(";", " ").split()))
            read_via = f'<p class="fc-source-via">We read a copy of it on {html.escape(hosts)} (not linked: not the publisher\'s).</p>'
        date = published_words(row)
        items.append(
            f'<li id="{anchor(row.source_id)}"><p><strong>{html.escape(row.publisher)}</strong>{carried}: '
            f'<a href="{html.escape(row.url)}">{html.escape(row.title)}</a> ({date}). '
            f'<span class="fc-source-kind">{html.escape(label("sources", "source_kind", row.source_kind))}; '
            f"{html.escape(voice(row))}.</span></p>{read_via}"
            + (f'<p class="fc-source-uses">Evidence for: {claim_links}.</p>' if claim_links else "")
            + (f'<p class="fc-source-uses">Cited for {others}.</p>' if others else "")
            + "</li>"
        )
    return HTML(f'<ol class="fc-sources" aria-label="Every source, by publisher">{"".join(items)}</ol>')
