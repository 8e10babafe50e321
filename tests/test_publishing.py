"""The built book as it is published: links only to publishers, the data a click
away and byte for byte, provenance from every citation, corrections, link
previews and the print edition."""

from __future__ import annotations

import functools
import html
import json
import re
import unicodedata
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from helpers import BUILT_BOOK, DATA, ROOT

from factcheck.book import book_metadata, toc_pages
from factcheck.checks import host_matches
from factcheck.datapackage import load_table
from factcheck.methodology import CLAIM_ID
from factcheck.printing import STAMP_FILE, is_current

PAGES = sorted(p for p in BUILT_BOOK.rglob("*.html") if not p.is_relative_to(BUILT_BOOK / "_static"))
# Every page of the table of contents as built, named from the toc rather than found in the build: on an
# unbuilt book, a test that reads them fails instead of passing with nothing to check.
CHAPTERS = [BUILT_BOOK / f"{page}.html" for page in toc_pages(ROOT)]
NOT_BUILT = f"no built pages in {BUILT_BOOK}: run `make book` first"
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
    assert PAGES and all(page.is_file() for page in CHAPTERS), NOT_BUILT


def test_every_link_off_the_book_goes_to_a_registered_publisher_or_carrier():
    """...or to the book's own repository, where readers report errors."""
    domains = [d for ds in load_table("publishers").domains for d in ds.split()]
    repository = book_metadata(ROOT)["repository"]
    assert PAGES, NOT_BUILT
    foreign = {
        (page.name, href)
        for page in PAGES
        for href in parse(page).hrefs
        if urlsplit(href).scheme in ("http", "https")
        and not host_matches(urlsplit(href).hostname or "", domains)
        and not (repository and href.startswith(repository + "/"))
    }
    assert foreign == set()


def test_every_internal_link_and_anchor_resolves():
    broken = []
    for page in CHAPTERS:
        for href in parse(page).hrefs:
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("mailto:", "javascript:")) or parts.path.endswith(PDF.name):
                continue  # (the print edition's link is checked by its own test)
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
    text = html.unescape(re.sub("<[^>]+>", "", (BUILT_BOOK / "chapters" / "13_corrections.html").read_text()))
    for correction in load_table("corrections").itertuples():
        # the text up to its first claim id, which the page shows as a link to the claim
        assert CLAIM_ID.split(correction.what_changed)[0][:80] in text


@pytest.mark.parametrize("page", CHAPTERS, ids=lambda p: p.name)
def test_every_page_has_a_description_and_open_graph_metadata(page):
    meta = parse(page).meta
    assert meta.get("description") and meta.get("og:title") and meta.get("og:description")
    if 'class="fc-chart"' in page.read_text():
        image = meta.get("og:image", "")
        assert image.endswith(".png")
        assert (page.parent / image).resolve().is_file() or image.startswith("http")


MAX_PRINT_PAGES = 200


def _read(page) -> tuple[str, float]:
    """A PDF page's text, and how far down the page it reaches as a share of its
    height (a chart's labels are text in the PDF too)."""
    text, height = page.get_textpage(), page.get_height()
    lowest = min((text.get_rect(n)[1] for n in range(text.count_rects())), default=height)
    return text.get_text_range(), (height - lowest) / height


def _headings(page) -> list[str]:
    """A built page's section headings, as a reader sees them (the theme's print-only contents left out)."""
    raw = re.findall(r"<h[23]>(.*?)</h[23]>", page.read_text(), re.S)
    return [
        text
        for text in (html.unescape(re.sub(r"<[^>]+>", "", h)).strip().rstrip("#") for h in raw)
        if text != "Contents"
    ]


@pytest.mark.slow
def test_the_print_edition_is_a_usable_pdf_of_the_whole_book_and_the_front_page_says_how_long():
    import pypdfium2

    # `make book` prints it, when the pages it prints from have changed: it must be theirs
    assert is_current(BUILT_BOOK, [f"{page}.html" for page in toc_pages(ROOT)], PDF, ROOT / STAMP_FILE), (
        "the print edition was not printed from the pages as built: run `make book`"
    )
    pdf = pypdfium2.PdfDocument(PDF)
    pages = len(pdf)
    assert pages <= MAX_PRINT_PAGES, f"the print edition runs to {pages} A4 pages"

    read = [_read(page) for page in pdf]
    # NFKC undoes the ligatures ("ﬁ") that the PDF's text layer uses
    text = unicodedata.normalize("NFKC", " ".join(words for words, _ in read))
    flat = " ".join(text.split())
    # a chart's title is drawn inside its static SVG: in the PDF, it shows the chart is there
    titles = {
        title
        for page in CHAPTERS
        for title in re.findall(r'role-title-text"[^>]*><text[^>]*>([^<]+)<', page.read_text())
    }
    missing = [title for title in titles if " ".join(title.split()[:3]) not in flat]
    assert titles and missing == [], "every static chart is in the PDF"
    # every section of every page, to the last: Chromium can drop the rest of a page silently
    cut = [
        (page.name, heading)
        for page in CHAPTERS
        for heading in _headings(page)
        if " ".join(heading.split()[:3]) not in flat
    ]
    assert cut == [], "every section of the book is in the PDF"
    assert "▶" not in text, "disclosures print open, not as dead controls"

    # a bookmark per page of the book, and no page left near-empty but a chapter's last
    outline = [(item.get_title(), item.get_dest().get_index()) for item in pdf.get_toc() if item.level == 0]
    starts = [start for _, start in outline]
    assert len(starts) == len(toc_pages()) and starts == sorted(starts)
    untitled = [title for title, start in outline if not read[start][0].lstrip().startswith(title)]
    assert untitled == [], "each page of the book starts with its title"
    last_pages = {start - 1 for start in starts[1:]} | {pages - 1}
    near_empty = [n + 1 for n, (_, reach) in enumerate(read) if n not in last_pages and reach < 1 / 3]
    assert near_empty == [], "pages left near-empty, as if a chart or table did not fit"

    front = (BUILT_BOOK / "chapters" / "00_front.html").read_text()
    assert 'href="../book.pdf"' in front
    size = f"{PDF.stat().st_size / 1e6:.1f} MB"
    assert f'<span class="fc-print-facts">(PDF, {pages} pages, {size})</span>' in front, (
        "the link says the edition's length and size"
    )


def test_the_readme_lists_every_make_target():
    readme = (ROOT / "README.md").read_text()
    targets = re.findall(r"^## ([a-z-]+):", (ROOT / "Makefile").read_text(), re.M)
    assert targets and all(f"make {target}" in readme for target in targets)
