"""What the test modules share: the project's folders, the built book's pages,
a local server for them, Debian's Chromium, and a visit to a page in it.

A browser test loads each page once per width and runs every check of that
page on that load (tests/test_browser.py): loading, screenshots and axe-core
are most of the time the tests take. A check that needs the page at another
width, or at another address, opens its own with ``visit``.

The pages of one width share a browser context (``reader``), as the pages a
reader opens share the browser's cache: the book's scripts and stylesheets are
fetched and compiled once per width, not once per page. Nothing else carries
over from page to page (storage is emptied before each page's scripts run).
"""

from __future__ import annotations

import contextlib
import csv
import functools
import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from factcheck import printing

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
BUILT_BOOK = ROOT / "_build" / "html"
SCREENSHOTS = ROOT / "_build" / "screenshots"
# The printer's Chromium, with its flags that keep it from phoning home at
# start-up (which the browser tests would rightly count as a request off localhost).
CHROMIUM = Path(printing.CHROMIUM)
CHROMIUM_ARGS = printing.CHROMIUM_ARGS
# The widths a reader meets: a laptop's and a phone's.
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# A page is ready once loaded (after its redirect, if it is one), with its fonts and every chart drawn.
READY = """document.readyState === 'complete' && !document.querySelector('meta[http-equiv=Refresh]')
    && document.fonts.status === 'loaded'
    && [...document.querySelectorAll('figure.fc-chart')].every(f => f.classList.contains('is-live'))"""


def built_pages() -> list[str]:
    """The built book's pages, as paths in it ("chapters/05_human_cost.html"), theme files left out."""
    return sorted(
        p.relative_to(BUILT_BOOK).as_posix()
        for p in BUILT_BOOK.rglob("*.html")
        if not p.is_relative_to(BUILT_BOOK / "_static")
    )


@functools.cache
def page_html(path: str) -> str:
    """A built page's HTML, read once per test process."""
    return (BUILT_BOOK / path).read_text(encoding="utf-8")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output readable
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` served from a thread on a free localhost port: yields its URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


def launch_chromium(playwright):
    """Debian's headless Chromium, with the printer's flags."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


# Run in each new document before its own scripts: what a page stored is not seen by the next one.
EMPTY_STORAGE = "try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}"


def reader(browser, viewport: dict):
    """A browser context at ``viewport`` whose pages share its cache and nothing else."""
    context = browser.new_context(viewport=viewport)
    context.add_init_script(EMPTY_STORAGE)
    return context


def visit(context, url: str):
    """``url`` opened in a new tab of ``context`` (see ``reader``), once it is ready
    (READY) and no request is still open; returns the tab and what it saw: every
    request (those answered from the cache too), the failed ones and the console's
    errors. The caller closes the tab.

    (Playwright's "networkidle" would wait the same, then 500 ms more on every load.)"""
    page = context.new_page()
    seen = {"requests": [], "failed": [], "errors": []}
    open_requests = set()
    page.on("request", lambda r: (seen["requests"].append(r.url), open_requests.add(r)))
    page.on("requestfinished", lambda r: open_requests.discard(r))
    page.on("requestfailed", lambda r: open_requests.discard(r))
    # A load the browser cancels because the page moved on (the root page's
    # redirect) is not a failure; a missing file still shows as HTTP 404 below.
    page.on(
        "requestfailed", lambda r: "ERR_ABORTED" in (r.failure or "") or seen["failed"].append(f"{r.url} ({r.failure})")
    )
    page.on("response", lambda r: r.status >= 400 and seen["failed"].append(f"{r.url} (HTTP {r.status})"))
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.goto(url, wait_until="load")
    page.wait_for_function(READY, timeout=20_000)
    deadline = time.monotonic() + 20
    while open_requests:
        assert time.monotonic() < deadline, f"{url}: requests still open after 20 s: {[r.url for r in open_requests]}"
        page.wait_for_timeout(10)
    return page, seen


def rewrite(path: Path, edit) -> None:
    """Apply ``edit`` to the rows (header first) of a CSV file in place."""
    with path.open(newline="") as f:
        rows = list(csv.reader(f))
    edit(rows)
    with path.open("w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def set_cell(path: Path, data_row: int, column: str, value: str) -> None:
    """Set one cell of a CSV file; ``data_row`` 0 is the first row under the header."""

    def edit(rows):
        rows[data_row + 1][rows[0].index(column)] = value

    rewrite(path, edit)
