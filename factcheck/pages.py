"""Page paths, anchors and links, built in one place (like datasette's ``url_builder``).

Pages are named by their role in ``_config.yml`` (register, sources...) and
given as paths from the book's root; every page of the book lives in one
folder, so a link to a role's page or a source's entry is the same from any
page. A claim's check is the ``claim-<id>`` anchor on the page that checks
it, its mark in the annotated article ``mark-<id>`` and its note there
``note-<id>``, and a source's entry
on the Sources page ``source-<id>``.
"""

from __future__ import annotations

import posixpath
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from factcheck.book import book_metadata
from factcheck.datapackage import load_table

if TYPE_CHECKING:  # the build's start needs links, not pandas
    import pandas as pd


def page(role: str) -> str:
    """The path (without suffix) of the page playing ``role`` (register, sources...), from ``_config.yml``."""
    return book_metadata()["pages"][role]


def page_href(role: str) -> str:
    """Link to the page playing ``role`` from any chapter (the pages all live in one folder)."""
    return PurePosixPath(page(role)).name + ".html"


def register_page() -> str:
    """Book path of the claims register page."""
    return page("register") + ".html"


def link(from_page: str, to_page: str, anchor: str = "") -> str:
    """Relative link between two pages given by their paths from the book root."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target


def claim_anchor(claim_id: str) -> str:
    """The id of a claim's verdict box (or its register row) on the page that checks it."""
    return f"claim-{claim_id}"


def mark_anchor(claim_id: str) -> str:
    """The id of a claim's mark in the annotated article."""
    return f"mark-{claim_id}"


def note_anchor(claim_id: str) -> str:
    """The id of a claim's numbered note below the annotated article."""
    return f"note-{claim_id}"


def source_anchor(source_id: str) -> str:
    """The id of a source's entry on the Sources page."""
    return f"source-{source_id}"


def checked_in(claim_row: pd.Series) -> str:
    """Book path of the page that checks a claim: its chapter, or the register until one exists."""
    topics = load_table("topics").set_index("topic")
    chapter = topics.chapter.get(claim_row.topic, "")
    return f"{chapter}.html" if chapter else register_page()


def claim_href(from_page: str, claim_row: pd.Series) -> str:
    """Link from ``from_page`` to a claim's check (``claim_row`` has ``claim_id`` and ``topic``)."""
    return link(from_page, checked_in(claim_row), claim_anchor(claim_row.claim_id))


def mark_href(claim_id: str) -> str:
    """Link from any chapter to a claim's mark in the annotated article."""
    return f"{page_href('article')}#{mark_anchor(claim_id)}"


def source_href(source_id: str) -> str:
    """Link from any page of the book to a source's entry on the Sources page."""
    return f"{page_href('sources')}#{source_anchor(source_id)}"


def claim_url(claim_row: pd.Series, fragment_only: bool = False) -> str:
    """A claim's check as an address: its anchor alone (``fragment_only``), else the path from the
    book's root, made absolute when the book has a base URL."""
    anchor = "#" + claim_anchor(claim_row.claim_id)
    return anchor if fragment_only else book_metadata()["baseurl"] + checked_in(claim_row) + anchor
