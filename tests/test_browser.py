"""Open every page of the built book in headless Chromium, offline.

Each page must load with no request beyond the local server, no failed
request, no console error, every chart drawn, and no serious accessibility
problem found by axe-core. A screenshot of each page
is saved under _build/screenshots/ for a person to look at.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import BUILT_BOOK, SCREENSHOTS

PAGES = sorted(str(p.relative_to(BUILT_BOOK)) for p in BUILT_BOOK.rglob("*.html") if not p.is_relative_to(BUILT_BOOK / "_static"))
LOCAL_SCHEMES = {"data", "blob", "about"}


def test_the_book_has_pages():
    assert "index.html" in PAGES, "the book is not built: run `make book` first"


def _visit(browser, url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = {"requests": [], "failed": [], "errors": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("requestfailed", lambda r: seen["failed"].append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: r.status >= 400 and seen["failed"].append(f"{r.url} (HTTP {r.status})"))
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.goto(url, wait_until="networkidle")
    return page, seen


@pytest.mark.parametrize("path", PAGES)
def test_page_renders_offline(browser, book_url, path):
    page, seen = _visit(browser, f"{book_url}/{path}")
    charts = page.locator("figure.fc-chart")
    if charts.count():
        page.wait_for_function(
            "[...document.querySelectorAll('figure.fc-chart')].every(f => f.classList.contains('is-live'))",
            timeout=20_000,
        )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / (path.replace("/", "__").removesuffix(".html") + ".png"), full_page=True)

    book_host = urlsplit(book_url).netloc
    foreign = [u for u in seen["requests"] if urlsplit(u).scheme not in LOCAL_SCHEMES and urlsplit(u).netloc != book_host]
    assert foreign == [], f"{path} asked for something off the local server"
    assert seen["failed"] == [], f"{path} has failed requests"
    assert seen["errors"] == [], f"{path} logged console errors"
    for index in range(charts.count()):
        live = charts.nth(index).locator(".fc-chart-live svg, .fc-chart-live canvas")
        assert live.count() >= 1, f"{path}: chart {index} was not drawn"

    # axe-core: no serious or critical accessibility problem (the theme's one
    # moderate "region" finding on its sidebar search is not ours to fix).
    violations = Axe().run(page).response["violations"]
    serious = [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], f"{path} has accessibility problems"
    page.close()


def test_the_register_sorts_and_filters_offline(browser, book_url):
    page, seen = _visit(browser, f"{book_url}/register/claims.html")
    rows = page.locator("table.fc-sortable tbody tr")
    total = rows.count()
    page.fill("input.fc-filter", "Belgorod")
    visible = page.locator("table.fc-sortable tbody tr:not([hidden])").count()
    assert 0 < visible < total
    page.fill("input.fc-filter", "")
    page.get_by_role("button", name="With hindsight").click()
    first = page.locator("table.fc-sortable tbody tr").first.locator("td").nth(5).inner_text()
    assert first == "Accurate", "sorting by verdict puts the best label first"
    assert page.locator("th[aria-sort='ascending']").count() == 1
    assert seen["errors"] == []
    page.close()


def test_the_annotated_article_names_every_verdict_in_words(browser, book_url):
    page, _ = _visit(browser, f"{book_url}/register/article.html")
    marks = page.locator("a.fc-claim")
    notes = page.locator("ol.fc-article-notes > li")
    assert marks.count() == notes.count() > 40
    for index in range(marks.count()):
        mark = marks.nth(index)
        assert mark.get_attribute("title"), "each mark carries its conclusion"
        assert mark.evaluate("m => m.nextElementSibling.textContent").strip().endswith("]")
    page.close()
