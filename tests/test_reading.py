"""What a reader meets in the built book, in headless Chromium at a laptop's
1280 and 1024 px and a phone's 390 px: verdicts that show their figures and
come first, words instead of codes, tables that fit, no build noise, a
register usable on a phone, a way to report an error and a search that finds.

The checks run on tests/test_browser.py's load of each page at 1280 and
390 px (CHECKS), beside that page's other checks; the 1024 px check narrows
the 1280 px load, last. The tests here open what those loads do not cover:
the search.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import quote

import pytest
from helpers import DATA

from factcheck.book import book_metadata, toc_pages
from factcheck.datapackage import load_table

NARROW_LAPTOP = {"width": 1024, "height": 768}
CHAPTERS = [p.rsplit("/", 1)[1] for p in toc_pages(DATA.parent) if re.search(r"/0[3-9]_", p)]
PAGES = [p.rsplit("/", 1)[1] for p in toc_pages(DATA.parent)]


def _path(page_name: str) -> str:
    return f"chapters/{page_name}.html"


@functools.cache
def _claims():
    return load_table("claims", DATA)


OUTSIDE_THE_VERDICT_BOX = """() => {
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
}"""


def nothing_sticks_out_of_a_verdict_box(page, path, width):
    """(Opens the verdict boxes' disclosures.)"""
    outside = page.evaluate(OUTSIDE_THE_VERDICT_BOX)
    assert page.locator("aside.fc-verdict").count() > 0
    pixels = page.viewport_size["width"]
    assert outside == [], f"{path} at {pixels} px: {len(outside)} elements stick out of their verdict box"


def nothing_sticks_out_of_a_verdict_box_on_a_narrow_laptop(page, path, width):
    """(Narrows the page to 1024 px, as a reader narrows the window: run last.)"""
    page.set_viewport_size(NARROW_LAPTOP)
    nothing_sticks_out_of_a_verdict_box(page, path, "narrow laptop")


@functools.cache
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


def words_not_codes(page, path, width):
    """(Opens every disclosure.)"""
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    text = page.inner_text("main")
    labels = page.eval_on_selector_all("td[data-label]", "cells => cells.map(c => c.dataset.label)")
    shown = text + "\n" + "\n".join(labels)
    assert not re.search(r"&(#x?[0-9a-f]+|amp|quot|lt|gt|apos);", shown, re.I), f"{path} shows escape codes"
    assert "[[" not in shown and "]]" not in shown, f"{path} shows wiki markup"
    assert "Row" not in set(labels), f"{path} labels a field 'Row'"
    assert not re.search(r"\bparagraph 0\b", shown, re.I), f"{path} calls the headline 'paragraph 0'"
    words = set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", shown))
    assert sorted(words & _ids()) == [], f"{path} shows raw ids"
    in_links = page.eval_on_selector_all("main a", "links => links.map(a => a.textContent)")
    assert not [t for t in in_links if re.search(r"title (not seen|from URL)", t)], (
        f"{path} puts provenance notes in link text"
    )


def source_numbers_are_not_cut_off(page, path, width):
    marker, room = page.evaluate("""() => {
        const list = document.querySelector('ol.fc-sources');
        const style = getComputedStyle(list.children[0]);
        const context = document.createElement('canvas').getContext('2d');
        context.font = `${style.fontSize} ${style.fontFamily}`;
        return [context.measureText(`${list.children.length}. `).width, parseFloat(getComputedStyle(list).paddingLeft)];
    }""")
    assert marker <= room, f"the list's widest number needs {marker:.0f} px, the list leaves {room:.0f}"


def tables_fit_the_laptop_column(page, path, width):
    """(Opens every disclosure.)"""
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    page.wait_for_timeout(200)
    wide = page.evaluate("""() => [...document.querySelectorAll('table.fc-table')]
        .filter((t) => t.getBoundingClientRect().width > 0)
        .filter((t) => t.getBoundingClientRect().right
                       > document.querySelector('main').getBoundingClientRect().right + 1)
        .map((t) => t.caption?.textContent)""")
    assert wide == [], f"{path}: tables wider than the column at 1280 px"
    anywhere = page.evaluate("""() => [...document.querySelectorAll('table.fc-table td')]
        .filter((td) => getComputedStyle(td).overflowWrap === 'anywhere').length""")
    assert anywhere == 0, f"{path}: {anywhere} cells may break words anywhere"


def no_build_noise(page, path, width):
    assert page.get_by_text("Show code cell").count() == 0
    assert page.locator("pre").count() == 0, "no code is shown"
    assert page.locator(".dropdown-download-buttons").count() == 0
    assert "Last updated" not in page.inner_text("body")
    visible_search = page.evaluate("""() => [...document.querySelectorAll('.search-button__button, form.bd-search')]
        .filter((el) => !el.closest('dialog, .search-button__wrapper') && el.getBoundingClientRect().width > 0
                        && getComputedStyle(el).visibility !== 'hidden').length""")
    assert visible_search == 1, f"{path} at {width} width shows {visible_search} search controls"


def hindsight_is_shown_only_where_it_differs(page, path, width):
    """A verdict box says "With hindsight" exactly when its claim's verdict changed with hindsight."""
    claims = _claims().set_index("claim_id")
    boxes = page.eval_on_selector_all(
        "aside.fc-verdict",
        """boxes => boxes.map(b => [b.id, [...b.querySelectorAll('.fc-badge-prefix')]
            .some(p => p.textContent.includes('With hindsight'))])""",
    )
    assert boxes, f"{path} has no verdict box"
    for box_id, badge in boxes:
        claim = claims.loc[box_id.removeprefix("claim-")]
        assert badge == (claim.verdict != claim.verdict_hindsight), f"{box_id}: hindsight badge {badge}"


def the_front_page_says_what_hindsight_changes(page, path, width):
    assert "Hindsight changes" in page.inner_text("main")


def the_register_on_a_phone(page, path, width):
    """(Filters and sorts the register.)"""
    claims = _claims()
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


def every_verdict_box_offers_to_report_an_error(page, path, width):
    repository = book_metadata(DATA.parent)["repository"]
    links = page.eval_on_selector_all(
        "aside.fc-verdict", """boxes => boxes.map(b => [b.id, b.querySelector('a.fc-report')?.href || ''])"""
    )
    for box_id, href in links:
        claim_id = box_id.removeprefix("claim-")
        if repository:
            assert href.startswith(repository + "/issues/new") and quote(claim_id) in href, f"{box_id}: {href}"
        else:
            assert href.endswith("13_corrections.html#report-an-error"), f"{box_id}: {href}"


def the_corrections_page_has_a_report_form(page, path, width):
    assert page.locator("#report-an-error").count() == 1


def the_first_verdict_is_within_two_phone_screens(page, path, width):
    top, screen = page.evaluate("""() => {
        const header = document.querySelector('header')?.getBoundingClientRect().height || 0;
        const badge = document.querySelector('main .fc-badge');
        return [badge.getBoundingClientRect().top + window.scrollY, window.innerHeight - header];
    }""")
    assert top <= 2 * screen, f"{path}: the first verdict is {top / screen:.1f} phone screens down"


def the_front_page_lists_the_claims_found_wrong(page, path, width):
    claims = _claims()
    wrong = claims[claims.verdict.isin(["misleading", "inaccurate"])]
    assert page.locator("ul.fc-wrong li").count() == len(wrong)
    assert page.locator("ul.fc-scorecard a.fc-square").count() == len(claims)


def attribution_is_marked_as_attribution(page, path, width):
    mark = page.locator("#mark-seventy-terrorists")
    assert "saying that" in mark.inner_text(), "the mark covers who said it"
    note = mark.evaluate("m => m.nextElementSibling.textContent")
    assert "not verified" in note


def _paths(names) -> set[str]:
    return {_path(name) for name in names}


# Run by tests/test_browser.py on its load of each page: (pages, widths, check),
# those that only read the page before those that change it (they say so).
CHECKS = [
    (_paths(CHAPTERS), ("phone",), the_first_verdict_is_within_two_phone_screens),
    (_paths(CHAPTERS), ("desktop",), hindsight_is_shown_only_where_it_differs),
    (_paths(CHAPTERS), ("desktop",), every_verdict_box_offers_to_report_an_error),
    (_paths(["00_front", "05_human_cost"]), ("desktop", "phone"), no_build_noise),
    (_paths(["00_front"]), ("desktop",), the_front_page_says_what_hindsight_changes),
    (_paths(["00_front"]), ("phone",), the_front_page_lists_the_claims_found_wrong),
    (_paths(["01_article"]), ("desktop",), attribution_is_marked_as_attribution),
    (_paths(["11_sources"]), ("phone",), source_numbers_are_not_cut_off),
    (_paths(["13_corrections"]), ("desktop",), the_corrections_page_has_a_report_form),
    (_paths(CHAPTERS), ("desktop", "phone"), nothing_sticks_out_of_a_verdict_box),
    (
        _paths(["02_claims", "05_human_cost", "08_belgorod", "03_before_the_war"]),
        ("desktop",),
        tables_fit_the_laptop_column,
    ),
    (_paths(PAGES), ("phone",), words_not_codes),
    (_paths(["02_claims"]), ("phone",), the_register_on_a_phone),
    (_paths(CHAPTERS), ("desktop",), nothing_sticks_out_of_a_verdict_box_on_a_narrow_laptop),
]


# The search has listed every result, and each has its description or the snippet it loads from its page.
SEARCH_DONE = """() => {
    const summary = document.querySelector('#search-results .search-summary')?.textContent || '';
    const items = [...document.querySelectorAll('#search-results li')];
    return /Search finished|did not match/.test(summary) && items.every(li => li.querySelector('span, p.context'));
}"""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("F-16", "F-16s"),
        ("100,000", "Russia has lost 100,000 servicemen"),
        ("Grayvoron", "The Belgorod raid"),
    ],
)
def test_search_finds_names_numbers_and_verdicts(readers, book_url, query, expected):
    page = readers["phone"].new_page()
    page.goto(f"{book_url}/search.html?q={quote(query)}", wait_until="load")
    page.wait_for_function(SEARCH_DONE, timeout=20_000)
    results = page.locator("#search-results li")
    titles = results.locator("a").all_inner_texts()
    assert any(expected in t for t in titles), f"{query!r} finds {titles}"
    assert len(titles) < len(PAGES) + 10, f"{query!r} matches almost everything"
    snippets = " ".join(results.locator("p.context").all_inner_texts())
    assert snippets.strip(), f"{query!r}: no snippet loaded to check"
    assert "load_table(" not in snippets and "import " not in snippets, "snippets show code"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    page.close()


def test_a_verdict_is_a_search_result_titled_with_its_words(readers, book_url):
    page = readers["desktop"].new_page()
    page.goto(f"{book_url}/search.html?q={quote('servicemen')}", wait_until="load")
    page.wait_for_function(SEARCH_DONE, timeout=20_000)
    link = page.locator("#search-results li a", has_text="“Russia has lost 100,000 servicemen” (Misleading)").first
    assert link.get_attribute("href").endswith("#claim-us-estimate-100000")
    page.close()
