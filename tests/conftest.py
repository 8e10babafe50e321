"""Shared fixtures: the project's folders, a copy of the data package to break,
and the built book served on localhost for the browser tests."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from factcheck import printing

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
BUILT_BOOK = ROOT / "_build" / "html"
SCREENSHOTS = ROOT / "_build" / "screenshots"
# The printer's Chromium, with its flags that keep it from phoning home at
# start-up (which the browser tests would rightly count as a request off localhost).
CHROMIUM = Path(printing.CHROMIUM)


def pytest_xdist_make_scheduler(config, log):
    """With xdist (`make test` runs a worker per core), each notebook's cells
    go together to one worker, since nbval runs them in order in one kernel;
    every other test is scheduled on its own."""
    from xdist.scheduler import LoadScopeScheduling

    class NotebookScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return path if path.endswith(".ipynb") else nodeid

    return NotebookScheduling(config, log)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output readable
        pass


@pytest.fixture(scope="session")
def book_url():
    """The built book, served from a thread on a free localhost port."""
    if not (BUILT_BOOK / "index.html").is_file():
        pytest.fail("the book is not built: run `make book` first (`make test` does)")
    handler = functools.partial(_QuietHandler, directory=str(BUILT_BOOK))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium, driven by Playwright: one browser per xdist
    worker (session scope), shared by every browser test that worker runs.

    Starting Chromium costs seconds; opening a page in it costs little. A new
    browser test takes this fixture and ``book_url``, opens its own page with
    ``browser.new_page(viewport=...)`` and closes it when done, and loads each
    page of the book once per width, running all its checks on that load (as
    tests/test_browser.py does), since loading and axe-core are what cost."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make system-deps` installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=printing.CHROMIUM_ARGS)
        yield browser
        browser.close()
