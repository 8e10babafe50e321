"""Shared fixtures: a copy of the data package to break, the built book served
on localhost, one Chromium per worker for the browser tests with a browser
context per width, and the order the tests are handed out in. The shared
names live in tests/helpers.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import BUILT_BOOK, CHROMIUM, DATA, ROOT, SCREENSHOTS, WIDTHS, launch_chromium, reader, served

__all__ = ["BUILT_BOOK", "CHROMIUM", "DATA", "ROOT", "SCREENSHOTS"]


def pytest_addoption(parser):
    parser.addoption(
        "--screenshots",
        action="store_true",
        help="the browser tests also save each page and chart at each width in _build/screenshots/ (make screenshots)",
    )


@pytest.fixture(scope="session")
def screenshots(request) -> bool:
    """Whether the browser tests save screenshots for a person to look at (`make screenshots`)."""
    return request.config.getoption("--screenshots")


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: a long test, handed out before the others")


def pytest_collection_modifyitems(items):
    """The long tests first, then the notebooks' cells (in order), then the rest:
    the slowest single test bounds the run once the others are shared out."""
    items.sort(key=lambda item: 0 if item.get_closest_marker("slow") else 1 if item.path.suffix == ".ipynb" else 2)


# Modules whose tests share a module-scoped fixture that costs more than the tests.
MODULES_KEPT_TOGETHER = {"tests/test_new_book.py", "tests/test_data_validation.py"}


def pytest_xdist_make_scheduler(config, log):
    """With xdist (`make test` runs a worker per core), each notebook's cells
    go together to one worker, since nbval runs them in order in one kernel, and
    so do the tests of a module in MODULES_KEPT_TOGETHER; every other test is
    scheduled on its own. Work is handed out in the order collected (see above)."""
    from xdist.scheduler import LoadScopeScheduling

    class NotebookScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return path if path.endswith(".ipynb") or path in MODULES_KEPT_TOGETHER else nodeid

    config.option.loadscopereorder = False
    return NotebookScheduling(config, log)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


@pytest.fixture(scope="session")
def book_url():
    """The built book, served from a thread on a free localhost port."""
    if not (BUILT_BOOK / "index.html").is_file():
        pytest.fail("the book is not built: run `make book` first (`make test` does)")
    with served(BUILT_BOOK) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium, driven by Playwright: one browser per xdist
    worker (session scope), shared by every browser test that worker runs."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make system-deps` installs it")
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def readers(browser) -> dict:
    """One browser context per width (helpers.reader), shared by that worker's page loads at that width."""
    contexts = {width: reader(browser, viewport) for width, viewport in WIDTHS.items()}
    yield contexts
    for context in contexts.values():
        context.close()
