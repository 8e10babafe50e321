"""Every chart of the built book is legible where it is read: measured in
Chromium at a laptop's 1280 px and a phone's 390 px, its text is at least
11 and 10 CSS px (the font size times the scale the SVG is drawn at), no two
labels overlap, no chart is wider than its column, and a resize leaves each
chart in the layout its column allows.

The measure runs on tests/test_browser.py's load of each page with charts, at
each width (CHECKS), beside that page's other checks. `make screenshots`
saves each chart at each width under _build/screenshots/charts/ for a person
to look at.
"""

from __future__ import annotations

from helpers import WIDTHS, built_pages, page_html

SMALLEST_TEXT = {1280: 11.0, 390: 10.0}  # CSS px, as drawn
OVERLAP_TOLERANCE = 1.5  # px: glyph boxes of neighbouring labels may touch
CHART_PAGES = [path for path in built_pages() if 'class="fc-chart"' in page_html(path)]

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
  const overflow = Math.max(drawn.right - box.right, box.left - drawn.left, figure.scrollWidth - figure.clientWidth);
  return {id: figure.id, overflow, texts};
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


def every_chart_is_legible(page, path, width):
    """Each chart's text is large enough as drawn, no two labels overlap, and no chart is wider than its column."""
    pixels = WIDTHS[width]["width"]
    for chart in page.evaluate(MEASURE):
        assert chart["texts"], f"{chart['id']} drew no text at {pixels} px"
        smallest = min(chart["texts"], key=lambda t: t["size"])
        assert smallest["size"] >= SMALLEST_TEXT[pixels] - 0.05, (
            f"{chart['id']} at {pixels} px: '{smallest['text']}' is drawn at {smallest['size']:.1f} px, "
            f"under {SMALLEST_TEXT[pixels]} px"
        )
        assert chart["overflow"] <= 1, (
            f"{chart['id']} at {pixels} px is {chart['overflow']:.0f} px wider than its column"
        )
        assert _overlaps(chart["texts"]) == [], f"{chart['id']} at {pixels} px has overlapping labels"


# Each chart's layout as shown, and the one its column allows (a figure is as wide as its column).
LAYOUTS = """() => [...document.querySelectorAll('figure.fc-chart')].map(f =>
  [f.id, f.dataset.layout, f.clientWidth >= Number(f.dataset.wide) ? 'wide' : 'narrow'])"""


def a_resize_keeps_each_chart_in_the_layout_its_column_allows(page, path, width):
    """A window resized (or a tablet turned) draws each chart again in the layout its column allows."""
    # fc-charts.js chooses again 200 ms after the last resize: a timer due later fires after
    # it, however slow the machine, so the choice is made when this evaluation returns
    page.evaluate("() => { dispatchEvent(new Event('resize')); return new Promise(done => setTimeout(done, 250)); }")
    pixels = WIDTHS[width]["width"]
    for chart, shown, allowed in page.evaluate(LAYOUTS):
        assert shown == allowed, (
            f"{chart} at {pixels} px: its {shown} layout after a resize, where its column allows {allowed}"
        )


# Run by tests/test_browser.py on its load of each page: (pages, widths, check).
CHECKS = [
    (set(CHART_PAGES), tuple(WIDTHS), every_chart_is_legible),
    (set(CHART_PAGES), ("desktop",), a_resize_keeps_each_chart_in_the_layout_its_column_allows),
]


def test_there_are_charts_to_measure():
    assert len(CHART_PAGES) >= 5, "the book is not built, or has lost its charts: run `make book`"


def test_overlapping_labels_are_found():
    labels = [
        {"text": "a", "box": [0, 0, 10, 10]},
        {"text": "b", "box": [5, 5, 15, 15]},
        {"text": "c", "box": [9, 0, 20, 10]},
    ]
    assert _overlaps(labels) == [("a", "b"), ("b", "c")]
