"""Open every page of the built book in headless Chromium, offline, at desktop
width and at a phone's 390 px.

Each page must load with no request beyond the local server, no failed
request, no console error, every chart drawn, no serious accessibility
problem found by axe-core, nothing that scrolls the page sideways, and no
table cell that shows a data code instead of words. `make screenshots` runs
them with ``--screenshots``, which also saves each page and each chart at each
width under _build/screenshots/ for a person to look at (nothing asserts on
a screenshot, so a plain test run takes none).

Each page is loaded once per width, and every check of that page runs on
that load: these common ones, then the charts' legibility
(tests/test_chart_legibility.py), what a reader meets (tests/test_reading.py)
and this page's own (PAGE_CHECKS), those that change the page last. Loading
and axe-core are most of the time the browser tests take.
"""

from __future__ import annotations

import math
from urllib.parse import urlsplit

import pytest
import test_chart_legibility
import test_reading
from axe_playwright_python.sync_playwright import Axe
from helpers import ROOT, SCREENSHOTS, WIDTHS, built_pages, visit

from factcheck.labels import enum_titles

PAGES = built_pages()
LOCAL_SCHEMES = {"data", "blob", "about"}
# Every data code whose words differ from it: a table cell must show the words.
CODES = sorted(
    {code for words in enum_titles().values() for code, title in words.items() if code.lower() != title.lower()}
)
# axe-core's own release, newer than the one axe-playwright-python bundles (see its README)
AXE = Axe.from_file(ROOT / "tests" / "axe-core" / "axe.min.js")
# every axe-core rule (WCAG and best practice) runs; only violations are reported back
AXE_OPTIONS = {"resultTypes": ["violations"]}


# The page's header and skip link stay on screen as a reader scrolls: in a chart's
# screenshot they would cover its top, or the middle of a chart taller than the screen.
HEADERS_HIDDEN = "#pst-skip-link, #pst-header, .bd-header-article { visibility: hidden !important; }"


def save_screenshots(page, path, width):
    """The page as loaded, whole, and each of its charts, for a person to look at."""
    (SCREENSHOTS / "charts").mkdir(parents=True, exist_ok=True)
    name = path.replace("/", "__").removesuffix(".html")
    page.screenshot(path=SCREENSHOTS / f"{name}--{width}.jpg", full_page=True, type="jpeg", quality=85)
    viewport = WIDTHS[width]
    for chart in page.eval_on_selector_all("figure.fc-chart", "figures => figures.map(f => f.id)"):
        shot = SCREENSHOTS / "charts" / f"{chart}--{viewport['width']}.png"
        live = page.locator(f"#{chart} .fc-chart-live")
        # a chart taller than the screen gets a screen as tall as it: taken beyond the
        # screen, it came out shifted, with the page's text beside it
        height = math.ceil(live.bounding_box()["height"]) + 100
        page.set_viewport_size({**viewport, "height": max(viewport["height"], height)})
        live.screenshot(path=shot, style=HEADERS_HIDDEN)
    page.set_viewport_size(viewport)


def test_the_book_has_pages():
    assert "index.html" in PAGES, "the book is not built: run `make book` first"


def _the_register_sorts_and_filters(page, path, width, seen):
    # the load's errors are checked above; axe-core adds its own (it fetches the
    # theme's @import-ed stylesheets from the wrong folder), so count from here
    errors_before = len(seen["errors"])
    rows = page.locator("table.fc-sortable tbody tr")
    total = rows.count()
    page.fill("input.fc-filter", "Belgorod")
    visible = page.locator("table.fc-sortable tbody tr:not([hidden])").count()
    assert 0 < visible < total
    page.fill("input.fc-filter", "")
    page.get_by_role("button", name="Verdict", exact=True).click()
    first = page.locator("table.fc-sortable tbody tr").first.locator("td").nth(0).inner_text()
    assert first == "Accurate", "sorting by verdict puts the best label first"
    assert page.locator("th[aria-sort='ascending']").count() == 1
    assert seen["errors"][errors_before:] == [], "sorting and filtering log no error"


def _the_annotated_article_names_every_verdict_in_words(page, path, width, seen):
    marks = page.eval_on_selector_all(
        "a.fc-claim", "marks => marks.map(m => [m.id, m.title, m.nextElementSibling.textContent.trim()])"
    )
    assert len(marks) == page.locator("ol.fc-article-notes > li").count() > 40
    for mark, title, note in marks:
        assert title, f"{mark} carries its conclusion"
        assert note.endswith("]"), f"{mark} is followed by its verdict in words"


# A page's own checks, by page and width, run last on the same load.
PAGE_CHECKS = {
    ("chapters/02_claims.html", "desktop"): _the_register_sorts_and_filters,
    ("chapters/01_article.html", "desktop"): _the_annotated_article_names_every_verdict_in_words,
}


CHECKS = [*test_chart_legibility.CHECKS, *test_reading.CHECKS]


def _checks(path: str, width: str) -> list:
    """The other modules' checks of this page at this width, in their order."""
    return [check for pages, widths, check in CHECKS if path in pages and width in widths]


def test_every_check_has_pages_to_run_on():
    """A check whose pages are not in the built book would pass without running."""
    for pages, widths, check in CHECKS:
        assert pages and pages <= set(PAGES) and set(widths) <= set(WIDTHS), check.__name__


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("path", PAGES)
def test_page_renders_offline(readers, book_url, screenshots, path, width):
    page, seen = visit(readers[width], f"{book_url}/{path}")
    if screenshots:
        save_screenshots(page, path, width)

    book_host = urlsplit(book_url).netloc
    foreign = [
        u for u in seen["requests"] if urlsplit(u).scheme not in LOCAL_SCHEMES and urlsplit(u).netloc != book_host
    ]
    assert foreign == [], f"{path} asked for something off the local server"
    assert seen["failed"] == [], f"{path} has failed requests"
    assert seen["errors"] == [], f"{path} logged console errors"
    landed = page.url.removeprefix(f"{book_url}/")
    if landed != path:  # a redirect (the book's root): where it leads is a page tested on its own
        assert landed in PAGES, f"{path} leads to {landed}, not to a page of the book"
        page.close()
        return
    charts = page.locator("figure.fc-chart")
    for index in range(charts.count()):
        live = charts.nth(index).locator(".fc-chart-live svg, .fc-chart-live canvas")
        assert live.count() >= 1, f"{path}: chart {index} was not drawn"

    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow} px at {width} width"
    cells = page.eval_on_selector_all("table td, table th", "cells => cells.map(c => c.textContent.trim())")
    assert sorted(set(cells) & set(CODES)) == [], f"{path} shows data codes instead of words"

    # axe-core, once per page and width: no serious or critical accessibility problem.
    violations = AXE.run(page, options=AXE_OPTIONS).response["violations"]
    serious = [
        (v["id"], [n["target"] for n in v["nodes"]]) for v in violations if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], f"{path} has accessibility problems at {width} width"

    for check in _checks(path, width):
        check(page, path, width)
    if (path, width) in PAGE_CHECKS:
        PAGE_CHECKS[path, width](page, path, width, seen)
    page.close()
