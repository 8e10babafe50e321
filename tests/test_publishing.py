"""The built book as it is published: links only to publishers, the data a click
away and byte for byte, provenance from every citation, corrections, link
previews and the print edition."""

from __future__ import annotations

import functools
import html
import json
import re
import subprocess
import unicodedata
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from conftest import BUILT_BOOK, DATA, ROOT
from factcheck.datapackage import host_matches, load_table

PAGES = sorted(p for p in BUILT_BOOK.rglob("*.html") if not p.is_relative_to(BUILT_BOOK / "_static"))
CHAPTERS = sorted(BUILT_BOOK.glob("chapters/*.html"))
PDF = BUILT_BOOK / "book.pdf"


class _Links(HTMLParser):
    """Every href and every id of a page."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.ids, self.meta = [], set(), {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content", "")


@functools.cache
def parse(page):
    links = _Links()
    links.feed(page.read_text())
    return links


def test_the_book_is_built():
    """The tests below read the built pages: on an unbuilt tree they would pass with nothing to check."""
    assert PAGES and CHAPTERS, f"no built pages in {BUILT_BOOK}: run `make book` first"


def test_every_link_off_the_book_goes_to_a_registered_publisher_or_carrier():
    domains = [d for ds in load_table("publishers").domains for d in ds.split()]
    foreign = {
        (page.name, href) for page in PAGES for href in parse(page).hrefs
        if urlsplit(href).scheme in ("http", "https") and not host_matches(urlsplit(href).hostname or "", domains)
    }
    assert foreign == set()


def test_every_internal_link_and_anchor_resolves():
    broken = []
    for page in CHAPTERS:
        for href in parse(page).hrefs:
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("mailto:", "javascript:")) or parts.path.endswith(PDF.name):
                continue  # (the print edition is made, and its link checked, by its own test)
            target = (page.parent / parts.path).resolve() if parts.path else page
            if not target.exists():
                broken.append((page.name, href))
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in parse(target).ids:
                broken.append((page.name, href))
    assert broken == []


def test_every_source_has_an_anchor_on_the_sources_page():
    anchors = parse(BUILT_BOOK / "chapters" / "11_sources.html").ids
    assert {f"source-{s}" for s in load_table("sources").source_id} <= anchors


@pytest.mark.parametrize("path", sorted(p.name for p in DATA.glob("*.csv")) + ["datapackage.json"])
def test_the_data_downloads_equal_the_data_package(path):
    assert (BUILT_BOOK / "data" / path).read_bytes() == (DATA / path).read_bytes()


def test_the_data_page_describes_every_table_and_column():
    page = (BUILT_BOOK / "chapters" / "12_data.html").read_text()
    descriptor = json.loads((DATA / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        assert f'id="table-{resource["name"]}"' in page and f'href="../data/{resource["path"]}"' in page
        for field in resource["schema"]["fields"]:
            assert field.get("description"), f"{resource['name']}.{field['name']} has no description"
            assert f"<code>{field['name']}</code>" in page


def test_the_corrections_page_lists_every_correction():
    page = (BUILT_BOOK / "chapters" / "13_corrections.html").read_text()
    for correction in load_table("corrections").itertuples():
        assert html.escape(correction.what_changed)[:80] in page


@pytest.mark.parametrize("page", CHAPTERS, ids=lambda p: p.name)
def test_every_page_has_a_description_and_open_graph_metadata(page):
    meta = parse(page).meta
    assert meta.get("description") and meta.get("og:title") and meta.get("og:description")
    if 'class="fc-chart"' in page.read_text():
        image = meta.get("og:image", "")
        assert image.endswith(".png")
        assert (page.parent / image).resolve().is_file() or image.startswith("http")


def test_the_print_edition_is_one_pdf_with_the_charts_and_the_front_page_links_it():
    from pypdf import PdfReader

    # made here, beside the other tests, from the book `make test` has built
    subprocess.run(["make", "--no-print-directory", "pdf"], cwd=ROOT, check=True, capture_output=True)
    # NFKC undoes the ligatures ("ﬁ") that the PDF's text layer uses
    text = unicodedata.normalize("NFKC", " ".join(page.extract_text() or "" for page in PdfReader(PDF).pages))
    # a chart's title is drawn inside its static SVG: in the PDF, it shows the chart is there
    titles = {title for page in CHAPTERS for title in re.findall(r'role-title-text"[^>]*><text[^>]*>([^<]+)<', page.read_text())}
    flat = " ".join(text.split())
    missing = [title for title in titles if " ".join(title.split()[:3]) not in flat]
    assert titles and missing == [], "every static chart is in the PDF"
    assert 'href="../book.pdf"' in (BUILT_BOOK / "chapters" / "00_front.html").read_text()


def test_the_readme_lists_every_make_target():
    readme = (ROOT / "README.md").read_text()
    targets = re.findall(r"^## ([a-z-]+):", (ROOT / "Makefile").read_text(), re.M)
    assert targets and all(f"make {target}" in readme for target in targets)
