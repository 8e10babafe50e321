"""The source registry as readers meet it: citations, the Sources page, and what cites each source.

A source is recorded once in ``sources.csv`` and its publisher once in
``publishers.csv``. Every citation in the book links to the source's entry on
the Sources page (anchor ``source-<id>``), and the entry links to the piece on
its publisher's own site; a copy that was read elsewhere is named, never linked.
"""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

import pandas as pd
from IPython.display import HTML
from markupsafe import Markup

from factcheck.datapackage import data_state, find_data_dir, load_table
from factcheck.dates import format_date, published_date
from factcheck.dictionary import descriptor
from factcheck.labels import label, titles_of
from factcheck.markup import render
from factcheck.pages import claim_href, source_anchor, source_href
from factcheck.verdicts import verdict
from factcheck.words import format_figure, short_quote, split_title_note


def cite(source_id: str) -> Markup:
    """A source as linked HTML: the publisher and date to its entry on the Sources page."""
    return render("cite.html", href=source_href(source_id), citation=short_citation(source(source_id)))


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
    return published_date(row.published, row.published_precision)


def title_link(row: pd.Series) -> Markup:
    """The source's title linked to the piece on its publisher's site; a note on the
    title's provenance ("title not seen") follows, outside the link."""
    title, note = split_title_note(row.title)
    return render("title_link.html", url=row.url, title=title, note=note)


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


def _row_words(table: str) -> pd.Series:
    """Each row of a table that cites sources, named in words (its title, or what it says)."""
    rows = load_table(table)
    if table == "events":
        return rows.title
    if table == "reported_figures":
        return pd.Series(
            [
                f"{format_figure(v, q, h)} {label(table, 'measure', m)} ({c})"
                for v, q, h, m, c in zip(
                    rows.value, rows.qualifier, rows.value_high, rows.measure, rows.claimant, strict=True
                )
            ]
        )
    places = load_table("places").set_index("place_id").name
    if table == "population":
        return pd.Series(
            [
                f"{places[p]}, {label(table, 'figure_kind', k).lower()} ({format_figure(v, q, h)})"
                for p, k, v, q, h in zip(
                    rows.place_id, rows.figure_kind, rows.population, rows.qualifier, rows.population_high, strict=False
                )
            ]
        )
    if table == "civilians_remaining":
        return pd.Series(
            [
                f"{places[p]}, {format_date(d)} ({format_figure(v, q, h)} people)"
                for p, d, v, q, h in zip(
                    rows.place_id, rows.as_of, rows.people, rows.qualifier, rows.people_high, strict=True
                )
            ]
        )
    if table == "analyst_assessments":
        return pd.Series([f"{a}, {format_date(d)}" for a, d in zip(rows.analyst, rows.date, strict=True)])
    if table == "publication_clues":
        return rows.event
    return rows.name  # places


CITING_TABLES = {
    "reported_figures": "source_id",
    "population": "source_id",
    "civilians_remaining": "source_id",
    "events": "source_id",
    "analyst_assessments": "source_id",
    "publication_clues": "source_id",
    "places": "coordinates_source_id",
}


def _citing_rows() -> pd.DataFrame:
    """(source_id, what, text, claim_id) for every data row that cites a source, ``text`` naming the row in words."""
    frames = []
    evidence = load_table("claim_evidence")
    frames.append(
        pd.DataFrame({"source_id": evidence.source_id, "claim_id": evidence.claim_id, "what": "claim", "text": ""})
    )
    tables = {resource["name"] for resource in descriptor()["resources"]}
    for table, column in CITING_TABLES.items():
        if table in tables:  # a book keeps only the tables it needs
            rows = load_table(table)
            frames.append(
                pd.DataFrame(
                    {
                        "source_id": rows[column].to_numpy(),
                        "claim_id": "",
                        "what": table,
                        "text": _row_words(table).to_numpy(),
                    }
                )
            )
    return pd.concat(frames, ignore_index=True)


WHAT = {
    "reported_figures": "figures",
    "population": "population figures",
    "civilians_remaining": "counts of civilians",
    "events": "dated events",
    "analyst_assessments": "analysts' assessments",
    "publication_clues": "clues to the article's date",
    "places": "coordinates",
}


def claim_words(from_page: str, row: pd.Series) -> Markup:
    """A claim as readers meet it: a short form of its quote, linked to its check, and its verdict."""
    href = claim_href(from_page, row)
    return render(
        "claim_words.html",
        href=href,
        short=True,
        quote=short_quote(row.quote),
        verdict=verdict(row.verdict).title.lower(),
    )


def sources_page(page: str) -> HTML:
    """The Sources page: every source by publisher, each with its anchor, link, kind and what cites it."""
    claims = load_table("claims").set_index("claim_id", drop=False)
    sources = registry().sort_values(["publisher", "published", "title"], na_position="last")
    citing = _citing_rows()
    entries = []
    for _, row in sources.iterrows():
        uses = citing[citing.source_id == row.source_id]
        entries.append(
            {
                "anchor": source_anchor(row.source_id),
                "publisher": row.publisher,
                "carrier": row.carrier,
                "title_link": title_link(row),
                "date": published_words(row),
                "kind": label("sources", "source_kind", row.source_kind),
                "voice": voice(row),
                "read_via": list(
                    dict.fromkeys(urlsplit(u).hostname or u for u in row.read_via.replace(";", " ").split())
                ),
                "claims": [claim_words(page, claims.loc[c]) for c in dict.fromkeys(uses.claim_id) if c],
                "rows": [
                    (WHAT[what], list(dict.fromkeys(group.text)))
                    for what, group in uses[uses.what != "claim"].groupby("what")
                ],
            }
        )
    return HTML(render("sources_page.html", sources=entries))
