"""The print edition: every page of the built book, in reading order, printed by
headless Chromium with the static charts (the print stylesheet shows them) and
bound into one PDF with a bookmark per page.

Pages are printed one by one: Chromium stops part-way through a single page as
long as the whole book.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import io
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# Without these flags Chromium tries to reach Google at start-up.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
MARGINS = {"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _stamp(html_root: Path, pages: list[str], pdf: Path) -> str:
    """A hash of the pages and of everything they load from the book (its static files)."""
    digest = hashlib.sha256(str(pdf.resolve()).encode())
    for path in [*(html_root / page for page in pages), *sorted((html_root / "_static").rglob("*"))]:
        if path.is_file():
            digest.update(path.relative_to(html_root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def print_book(html_root: Path, pages: list[str], pdf: Path, marker: Path) -> bool:
    """Print ``pages`` (paths in ``html_root``) into one A4 PDF at ``pdf``, a bookmark per page.

    Nothing is printed if ``pdf`` was printed from the same pages before (as
    ``marker`` records); returns whether it was printed.
    """
    stamp = _stamp(html_root, pages, pdf)
    if pdf.is_file() and marker.is_file() and marker.read_text() == stamp:
        return False
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader, PdfWriter

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(html_root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    book = PdfWriter()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            tab = browser.new_page()
            tab.emulate_media(media="print")
            for page in pages:
                tab.goto(f"http://127.0.0.1:{server.server_port}/{page}", wait_until="networkidle")
                first = len(book.pages)
                book.append(PdfReader(io.BytesIO(tab.pdf(format="A4", print_background=True, margin=MARGINS))))
                book.add_outline_item(tab.title().split(" — ")[0], first)
            browser.close()
    finally:
        server.shutdown()
    pdf.parent.mkdir(parents=True, exist_ok=True)
    with pdf.open("wb") as out:
        book.write(out)
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(stamp)
    return True
