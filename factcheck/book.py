"""The book's own metadata and table of contents, read from ``_config.yml`` and ``_toc.yml`` (one place for each);
its pages' paths and links are :mod:`factcheck.pages`."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from urllib.parse import quote

import yaml
from markupsafe import Markup

from factcheck.datapackage import find_data_dir
from factcheck.markup import render

BASEURL_ENV = "BOOK_BASEURL"
REPOSITORY_ENV = "BOOK_REPOSITORY"
DOWNLOADS = "data"  # the built book's folder holding the data package's files, for download


def book_root() -> Path:
    """The folder holding ``_config.yml``, ``_toc.yml`` and ``data/``."""
    return find_data_dir().parent


@cache
def book_metadata(root: Path | None = None) -> dict:
    """Title, author, base URL (with a trailing slash, or "" when unset), the pages the package links
    to, the day the book's checks were first published, the repository's address ("" when unset),
    the countries its maps shade (name: fill) and the sides its charts set apart (who speaks).

    ``$BOOK_BASEURL`` sets the address where the book is published and
    ``$BOOK_REPOSITORY`` the repository readers report errors to (the Pages
    workflow knows both; a local build needs neither).
    """
    config = yaml.safe_load(((root or book_root()) / "_config.yml").read_text())
    baseurl = os.environ.get(BASEURL_ENV) or (config.get("html") or {}).get("baseurl") or ""
    if baseurl and not baseurl.endswith("/"):
        baseurl += "/"
    repository = (os.environ.get(REPOSITORY_ENV) or (config.get("repository") or {}).get("url") or "").rstrip("/")
    return {
        "title": config["title"],
        "author": config["author"],
        "baseurl": baseurl,
        "pages": config["factcheck"]["pages"],
        "first_published": str(config["factcheck"]["first_published"]),
        "repository": repository,
        "countries": dict(config["factcheck"].get("countries") or {}),
        "sides": list(config["factcheck"].get("sides") or []),
    }


def _toc_files(node) -> list[str]:
    if isinstance(node, dict):
        own = [node["file"]] if "file" in node else []
        return own + [f for value in node.values() if isinstance(value, (list, dict)) for f in _toc_files(value)]
    if isinstance(node, list):
        return [f for item in node for f in _toc_files(item)]
    return []


def toc_pages(root: Path | None = None) -> list[str]:
    """Every page of the table of contents, in reading order, as paths without suffix."""
    root = root or book_root()
    toc = yaml.safe_load((root / "_toc.yml").read_text())
    return [toc["root"], *_toc_files(toc.get("parts") or toc.get("chapters") or [])]


def book_notebooks(root: Path | None = None) -> list[Path]:
    """The notebooks among the book's pages, in reading order."""
    root = root or book_root()
    return [root / f"{page}.ipynb" for page in toc_pages(root) if (root / f"{page}.ipynb").is_file()]


def report_error_href(subject: str, repository: str) -> str:
    """Where a reader reports an error in ``subject`` (a claim id, or "" for the book): the repository's
    new-issue form, with the subject in its title and body."""
    title = f"Error in claim {subject}" if subject else "Error in the book"
    body = (f"Claim: {subject}\n\n" if subject else "") + "What is wrong, and the source that shows it:\n"
    return f"{repository}/issues/new?title={quote(title)}&body={quote(body)}"


REPORT_LINK = re.compile(r'<a class="fc-report" data-report="([^"]*)" href="[^"]*">(.*?)</a>', re.S)
REPORT_BOOK = re.compile(r'<p class="fc-report-book" data-report="">.*?</p>', re.S)


def with_report_links(body: str, repository: str) -> str:
    """A page's HTML with its report links pointed at ``repository``'s issue form, each naming its claim.

    The notebooks' stored outputs link to the Corrections page, so that they do
    not depend on where the book is published; the build fills in the address."""
    if not repository:
        return body

    def pointed(link: re.Match) -> str:
        subject = Markup(link[1]).unescape()
        href = report_error_href(subject, repository)
        return render("report_link.html", subject=subject, href=href, text=Markup(link[2]))

    body = REPORT_LINK.sub(pointed, body)
    return REPORT_BOOK.sub(lambda _: render("report_book.html", href=report_error_href("", repository)), body)
