"""Every chart of the built book is legible where it is read: measured in
Chromium at a laptop's 1280 px and a phone's 390 px, its text is at least
11 and 10 CSS px (the font size times the scale the SVG is drawn at), no two
labels overlap, and no chart is wider than its column.

One browser for the module; each page with charts is loaded once per width,
and every check runs on that load. A screenshot of each chart at each width is
saved under _build/screenshots/charts/ for a person to look at.
"""

from __future__ import annotations

import pytest
from conftest import BUILT_BOOK, SCREENSHOTS

WIDTHS = {1280: 900, 390: 844}
SMALLEST_TEXT = {1280: 11.0, 390: 10.0}  # CSS px, as drawn
OVERLAP_TOLERANCE = 1.5  # px: glyph boxes of neighbouring labels may touch
CHART_PAGES = sorted(
    str(p.relative_to(BUILT_BOOK))
    for p in BUILT_BOOK.rglob("*.html")
    if not p.is_relative_to(BUILT_BOOK / "_static") and 'class="fc-chart"' in p.read_text(encoding="utf-8")
)

# For each live chart: its id, how far it sticks out of its figure, and each
# visible text's drawn font size and box.
MEASURE = """() => [...document.querySelectorAll('figure.fc-chart')].map(figure => {
  const svg = figure.querySelector('.fc-chart-live svg');
  const box = figure.getBoundingClientRect();
  const drawn = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')].filter(t => {
    if (!t.textContent.trim()) return false;
    for (let e = t; e && e !== svg; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.display === 'none' || style.visibility === 'hidden' || parseFloat(style.opacity) === 0) return false;
    }
    return true;
  }).map(t => {
    const m = t.getScreenCTM();
    const r = t.getBoundingClientRect();
    return {text: t.textContent.trim(), size: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b),
            box: [r.left, r.top, r.right, r.bottom]};
  });
  return {id: figure.id, overflow: Math.max(drawn.right - box.right, box.left - drawn.left, figure.scrollWidth - figure.clientWidth), texts};
})"""


def _overlaps(texts: list[dict]) -> list[tuple[str, str]]:
    """Pairs of texts whose boxes overlap by more than the tolerance in both directions."""
    pairs = []
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            dx = min(a["box"][2], b["box"][2]) - max(a["box"][0], b["box"][0])
            dy = min(a["box"][3], b["box"][3]) - max(a["box"][1], b["box"][1])
            if dx > OVERLAP_TOLERANCE and dy > OVERLAP_TOLERANCE:
                pairs.append((a["text"], b["text"]))
    return pairs


@pytest.fixture(scope="module")
def measured(browser, book_url) -> dict:
    """Every chart page at every width, loaded once: its charts' measures and the page's sideways scroll."""
    results = {}
    folder = SCREENSHOTS / "charts"
    folder.mkdir(parents=True, exist_ok=True)
    for width, height in WIDTHS.items():
        tab = browser.new_page(viewport={"width": width, "height": height})
        for path in CHART_PAGES:
            tab.goto(f"{book_url}/{path}", wait_until="networkidle")
            tab.wait_for_function(
                "[...document.querySelectorAll('figure.fc-chart')].every(f => f.classList.contains('is-live'))",
                timeout=20_000,
            )
            charts = tab.evaluate(MEASURE)
            scroll = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            for chart in charts:
                tab.locator(f"#{chart['id']} .fc-chart-live").screenshot(path=folder / f"{chart['id']}--{width}.png")
            results[path, width] = {"charts": charts, "scroll": scroll}
        tab.close()
    return results


def test_there_are_charts_to_measure():
    assert len(CHART_PAGES) >= 5, "the book is not built, or has lost its charts: run `make book`"


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("path", CHART_PAGES)
def test_every_chart_is_legible(measured, path, width):
    page = measured[path, width]
    assert page["scroll"] <= 0, f"{path} scrolls sideways by {page['scroll']} px at {width} px"
    for chart in page["charts"]:
        assert chart["texts"], f"{chart['id']} drew no text at {width} px"
        smallest = min(chart["texts"], key=lambda t: t["size"])
        assert smallest["size"] >= SMALLEST_TEXT[width] - 0.05, (
            f"{chart['id']} at {width} px: '{smallest['text']}' is drawn at {smallest['size']:.1f} px, "
            f"under {SMALLEST_TEXT[width]} px"
        )
        assert chart["overflow"] <= 1, (
            f"{chart['id']} at {width} px is {chart['overflow']:.0f} px wider than its column"
        )
        assert _overlaps(chart["texts"]) == [], f"{chart['id']} at {width} px has overlapping labels"
