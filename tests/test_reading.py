"""What a reader meets in the built book, in headless Chromium at a laptop's
1280 and 1024 px and a phone's 390 px: verdicts that show their figures and
come first, words instead of codes, tables that fit, no build noise, a
register usable on a phone, a way to report an error and a search that finds.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from conftest import DATA

from factcheck.book import book_metadata, toc_pages
from factcheck.datapackage import load_table

LAPTOP, NARROW_LAPTOP, PHONE = (
    {"width": 1280, "height": 900},
    {"width": 1024, "height": 768},
    {"width": 390, "height": 844},
)
CHAPTERS = [p.rsplit("/", 1)[1] for p in toc_pages(DATA.parent) if re.search(r"/0[3-9]_", p)]
PAGES = [p.rsplit("/", 1)[1] for p in toc_pages(DATA.parent)]


def _open(browser, book_url: str, page_name: str, viewport: dict):
    page = browser.new_page(viewport=viewport)
    page.goto(f"{book_url}/chapters/{page_name}.html", wait_until="networkidle")
    return page


@pytest.mark.parametrize("viewport", [LAPTOP, NARROW_LAPTOP, PHONE], ids=["1280", "1024", "390"])
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_nothing_sticks_out_of_a_verdict_box(browser, book_url, chapter, viewport):
    page = _open(browser, book_url, chapter, viewport)
    outside = page.evaluate("""() => {
        const found = [];
        document.querySelectorAll('aside.fc-verdict').forEach((box) => {
            box.querySelectorAll('details').forEach((d) => { d.open = true; });
            const outer = box.getBoundingClientRect();
            box.querySelectorAll('*').forEach((el) => {
                const r = el.getBoundingClientRect();
                if (r.width === 0 || r.height === 0) return;
                if (r.right > outer.right + 1 || r.left < outer.left - 1)
                    found.push(`${box.id}: <${el.tagName.toLowerCase()}> "${el.textContent.trim().slice(0, 40)}"`);
            });
        });
        return found;
    }""")
    assert page.locator("aside.fc-verdict").count() > 0
    assert outside == [], f"{chapter} at {viewport['width']} px: {len(outside)} elements stick out of their verdict box"
    page.close()


def _ids() -> set[str]:
    """Every id a reader must never see: claims', sources', events' and figures' (the ones with a hyphen)."""
    ids = set()
    for table, column in [
        ("claims", "claim_id"),
        ("sources", "source_id"),
        ("events", "event_id"),
        ("reported_figures", "figure_id"),
    ]:
        ids |= {i for i in load_table(table, DATA)[column] if "-" in i}
    return ids


@pytest.mark.parametrize("page_name", PAGES)
def test_words_not_codes(browser, book_url, page_name):
    page = _open(browser, book_url, page_name, PHONE)
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    text = page.inner_text("main")
    labels = page.eval_on_selector_all("td[data-label]", "cells => cells.map(c => c.dataset.label)")
    shown = text + "\n" + "\n".join(labels)
    assert not re.search(r"&(#x?[0-9a-f]+|amp|quot|lt|gt|apos);", shown, re.I), f"{page_name} shows escape codes"
    assert "[[" not in shown and "]]" not in shown, f"{page_name} shows wiki markup"
    assert "Row" not in set(labels), f"{page_name} labels a field 'Row'"
    assert not re.search(r"\bparagraph 0\b", shown, re.I), f"{page_name} calls the headline 'paragraph 0'"
    words = set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", shown))
    assert sorted(words & _ids()) == [], f"{page_name} shows raw ids"
    in_links = page.eval_on_selector_all("main a", "links => links.map(a => a.textContent)")
    assert not [t for t in in_links if re.search(r"title (not seen|from URL)", t)], (
        f"{page_name} puts provenance notes in link text"
    )
    page.close()


def test_source_numbers_are_not_cut_off_on_a_phone(browser, book_url):
    page = _open(browser, book_url, "11_sources", PHONE)
    marker, room = page.evaluate("""() => {
        const list = document.querySelector('ol.fc-sources');
        const style = getComputedStyle(list.children[0]);
        const context = document.createElement('canvas').getContext('2d');
        context.font = `${style.fontSize} ${style.fontFamily}`;
        return [context.measureText(`${list.children.length}. `).width, parseFloat(getComputedStyle(list).paddingLeft)];
    }""")
    assert marker <= room, f"the list's widest number needs {marker:.0f} px, the list leaves {room:.0f}"
    page.close()


@pytest.mark.parametrize("page_name", ["02_claims", "05_human_cost", "08_belgorod", "03_before_the_war"])
def test_tables_fit_the_laptop_column(browser, book_url, page_name):
    page = _open(browser, book_url, page_name, LAPTOP)
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    page.wait_for_timeout(200)
    wide = page.evaluate("""() => [...document.querySelectorAll('table.fc-table')]
        .filter((t) => t.getBoundingClientRect().width > 0)
        .filter((t) => t.getBoundingClientRect().right > document.querySelector('main').getBoundingClientRect().right + 1)
        .map((t) => t.caption?.textContent)""")
    assert wide == [], f"{page_name}: tables wider than the column at 1280 px"
    anywhere = page.evaluate("""() => [...document.querySelectorAll('table.fc-table td')]
        .filter((td) => getComputedStyle(td).overflowWrap === 'anywhere').length""")
    assert anywhere == 0, f"{page_name}: {anywhere} cells may break words anywhere"
    page.close()


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1280", "390"])
@pytest.mark.parametrize("page_name", ["00_front", "05_human_cost"])
def test_no_build_noise(browser, book_url, page_name, viewport):
    page = _open(browser, book_url, page_name, viewport)
    assert page.get_by_text("Show code cell").count() == 0
    assert page.locator("pre").count() == 0, "no code is shown"
    assert page.locator(".dropdown-download-buttons").count() == 0
    assert "Last updated" not in page.inner_text("body")
    visible_search = page.evaluate("""() => [...document.querySelectorAll('.search-button__button, form.bd-search')]
        .filter((el) => !el.closest('dialog, .search-button__wrapper') && el.getBoundingClientRect().width > 0
                        && getComputedStyle(el).visibility !== 'hidden').length""")
    assert visible_search == 1, f"{page_name} at {viewport['width']} px shows {visible_search} search controls"
    page.close()


def test_hindsight_is_shown_only_where_it_differs(browser, book_url):
    claims = load_table("claims", DATA)
    changed = int((claims.verdict != claims.verdict_hindsight).sum())
    badges = 0
    for chapter in CHAPTERS:
        page = _open(browser, book_url, chapter, LAPTOP)
        badges += page.locator("aside.fc-verdict .fc-badge-prefix", has_text="With hindsight").count()
        page.close()
    assert badges == changed
    page = _open(browser, book_url, "00_front", LAPTOP)
    assert "Hindsight changes" in page.inner_text("main")
    page.close()


def test_the_register_on_a_phone(browser, book_url):
    claims = load_table("claims", DATA)
    page = _open(browser, book_url, "02_claims", {**PHONE})
    first = page.locator("table.fc-sortable tbody tr").first
    assert first.locator("td").first.locator(".fc-badge").count() == 1, "each card starts with its verdict"
    shown = page.locator(".fc-shown")
    assert shown.inner_text() == f"{len(claims)} of {len(claims)} claims shown"
    counts = [int(n) for n in page.locator("button.fc-chip .fc-chip-count").all_inner_texts()]
    assert sum(counts) == len(claims)
    page.locator("button.fc-chip", has_text="Inaccurate").click()
    inaccurate = int((claims.verdict == "inaccurate").sum())
    assert shown.inner_text() == f"{inaccurate} of {len(claims)} claims shown"
    verdicts = page.eval_on_selector_all(
        "table.fc-sortable tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.verdict)"
    )
    assert set(verdicts) == {"inaccurate"}
    page.locator("button.fc-chip", has_text="Inaccurate").click()
    page.fill("input.fc-filter", "accurate")
    verdicts = page.eval_on_selector_all(
        "table.fc-sortable tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.verdict)"
    )
    assert set(verdicts) == {"accurate"} and len(verdicts) == int((claims.verdict == "accurate").sum())
    page.fill("input.fc-filter", "")
    select = page.locator("select.fc-sort-select")
    assert select.is_visible()
    select.select_option(label="Verdict")
    first_verdicts = page.eval_on_selector_all(
        "table.fc-sortable tbody tr", "rows => rows.slice(0, 3).map(r => r.dataset.verdict)"
    )
    assert first_verdicts == ["accurate"] * 3
    page.close()


def test_every_verdict_box_offers_to_report_an_error(browser, book_url):
    repository = book_metadata(DATA.parent)["repository"]
    for chapter in CHAPTERS:
        page = _open(browser, book_url, chapter, LAPTOP)
        links = page.eval_on_selector_all(
            "aside.fc-verdict", """boxes => boxes.map(b => [b.id, b.querySelector('a.fc-report')?.href || ''])"""
        )
        for box_id, href in links:
            claim_id = box_id.removeprefix("claim-")
            if repository:
                assert href.startswith(repository + "/issues/new") and quote(claim_id) in href, f"{box_id}: {href}"
            else:
                assert href.endswith("13_corrections.html#report-an-error"), f"{box_id}: {href}"
        page.close()
    page = _open(browser, book_url, "13_corrections", LAPTOP)
    assert page.locator("#report-an-error").count() == 1
    page.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("F-16", "F-16s"),
        ("100,000", "Russia has lost 100,000 servicemen"),
        ("Grayvoron", "The Belgorod raid"),
    ],
)
def test_search_finds_names_numbers_and_verdicts(browser, book_url, query, expected):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{book_url}/search.html?q={quote(query)}", wait_until="networkidle")
    page.wait_for_function(
        "document.querySelectorAll('#search-results li').length > 0 || "
        "(document.querySelector('#search-results p')?.textContent || '').includes('did not match')",
        timeout=20_000,
    )
    page.wait_for_timeout(1500)  # the snippets load page by page
    results = page.locator("#search-results li")
    titles = results.locator("a").all_inner_texts()
    assert any(expected in t for t in titles), f"{query!r} finds {titles}"
    assert len(titles) < len(PAGES) + 10, f"{query!r} matches almost everything"
    snippets = " ".join(results.locator("p.context").all_inner_texts())
    assert "load_table(" not in snippets and "import " not in snippets, "snippets show code"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    page.close()


def test_a_verdict_is_a_search_result_titled_with_its_words(browser, book_url):
    page = browser.new_page(viewport=LAPTOP)
    page.goto(f"{book_url}/search.html?q={quote('servicemen')}", wait_until="networkidle")
    page.wait_for_function("document.querySelectorAll('#search-results li').length > 0", timeout=20_000)
    link = page.locator("#search-results li a", has_text="“Russia has lost 100,000 servicemen” (Misleading)").first
    assert link.get_attribute("href").endswith("#claim-us-estimate-100000")
    page.close()


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_first_verdict_is_within_two_phone_screens(browser, book_url, chapter):
    page = _open(browser, book_url, chapter, PHONE)
    top, screen = page.evaluate("""() => {
        const header = document.querySelector('header')?.getBoundingClientRect().height || 0;
        const badge = document.querySelector('main .fc-badge');
        return [badge.getBoundingClientRect().top + window.scrollY, window.innerHeight - header];
    }""")
    assert top <= 2 * screen, f"{chapter}: the first verdict is {top / screen:.1f} phone screens down"
    page.close()


def test_the_front_page_lists_the_claims_found_wrong(browser, book_url):
    claims = load_table("claims", DATA)
    wrong = claims[claims.verdict.isin(["misleading", "inaccurate"])]
    page = _open(browser, book_url, "00_front", PHONE)
    listed = page.locator("ul.fc-wrong li").count()
    assert listed == len(wrong)
    assert page.locator("ul.fc-scorecard a.fc-square").count() == len(claims)
    page.close()


def test_attribution_is_marked_as_attribution(browser, book_url):
    page = _open(browser, book_url, "01_article", LAPTOP)
    mark = page.locator("#mark-seventy-terrorists")
    assert "saying that" in mark.inner_text(), "the mark covers who said it"
    note = mark.evaluate("m => m.nextElementSibling.textContent")
    assert "not verified" in note
    page.close()
