"""The print edition: every page of the built book, in reading order, printed by
headless Chromium with the static charts (the print stylesheet, fc-print.css,
shows them) and bound into one PDF with a bookmark per page.

Pages are printed one by one: Chromium stops part-way through a single page as
long as the whole book. A page may say how long and how large the edition is:
the printer writes that into each ``<span class="fc-print-facts">`` of the
built pages, so that the words are computed from the PDF, never typed.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import io
import os
import re
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# Without these flags Chromium tries to reach Google at start-up.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MARGINS = {"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"}
PRINT_FACTS = re.compile(r'(<span class="fc-print-facts">)[^<]*(</span>)')
STAMP_FILE = Path("_build") / ".printed"  # in the book's folder: what the edition was printed from


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _stamp(html_root: Path, pages: list[str], pdf: Path) -> str:
    """A hash of this printer, the pages (without the print facts it writes into them)
    and everything they load from the book (its static files)."""
    digest = hashlib.sha256(str(pdf.resolve()).encode() + Path(__file__).read_bytes())
    for path in [*(html_root / page for page in pages), *sorted((html_root / "_static").rglob("*"))]:
        if path.is_file():
            content = (
                PRINT_FACTS.sub(r"\1\2", path.read_text()).encode() if path.suffix == ".html" else path.read_bytes()
            )
            digest.update(path.relative_to(html_root).as_posix().encode() + b"\0" + content)
    return digest.hexdigest()


def print_facts(pdf: Path) -> str:
    """What a link to the edition says of it: "(PDF, 174 pages, 4.3 MB)"."""
    from pypdf import PdfReader  # late, as below: only the print edition needs pypdf

    return f"(PDF, {len(PdfReader(pdf).pages)} pages, {pdf.stat().st_size / 1e6:.1f} MB)"


def _write_print_facts(html_root: Path, pages: list[str], facts: str) -> None:
    """Write ``facts`` into each page's print-facts spans, atomically (the pages may be being read)."""
    for page in pages:
        path = html_root / page
        text = path.read_text()
        filled = PRINT_FACTS.sub(lambda match: match[1] + facts + match[2], text)
        if filled != text:
            partial = path.with_suffix(".html.partial")
            partial.write_text(filled)
            os.replace(partial, path)


def is_current(html_root: Path, pages: list[str], pdf: Path, marker: Path) -> bool:
    """Whether ``pdf`` was printed from these very pages (as ``marker`` records)."""
    return pdf.is_file() and marker.is_file() and marker.read_text() == _stamp(html_root, pages, pdf)


def print_book(html_root: Path, pages: list[str], pdf: Path, marker: Path) -> bool:
    """Print ``pages`` (paths in ``html_root``) into one A4 PDF at ``pdf``, a bookmark per page.

    Nothing is printed if ``pdf`` was printed from the same pages before (as
    ``marker`` records); returns whether it was printed. Either way, the pages'
    print-facts spans then say the edition's page count and size.
    """
    if is_current(html_root, pages, pdf, marker):
        _write_print_facts(html_root, pages, print_facts(pdf))
        return False
    from playwright.sync_api import sync_playwright  # late: slow to import, and only printing needs a browser
    from pypdf import PdfReader, PdfWriter

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(html_root))
    )
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
    marker.write_text(_stamp(html_root, pages, pdf))
    _write_print_facts(html_root, pages, print_facts(pdf))
    return True
