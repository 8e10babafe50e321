"""The print edition: the single-page build of the book printed to one PDF by
headless Chromium, with the static charts (the print stylesheet shows them)."""

from __future__ import annotations

import functools
import hashlib
import http.server
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# Without these flags Chromium tries to reach Google at start-up.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _stamp(html_root: Path, pdf: Path) -> str:
    digest = hashlib.sha256(str(pdf.resolve()).encode())
    for path in sorted(p for p in html_root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(html_root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def print_pdf(html_root: Path, page: str, pdf: Path) -> bool:
    """Serve ``html_root`` on localhost, open ``page`` in Chromium and print it to ``pdf`` (A4).

    Nothing is printed if ``pdf`` was printed from the same pages before;
    returns whether it was printed.
    """
    marker = html_root.parent / ".printed"
    stamp = _stamp(html_root, pdf)
    if pdf.is_file() and marker.is_file() and marker.read_text() == stamp:
        return False
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(html_root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            tab = browser.new_page()
            tab.goto(f"http://127.0.0.1:{server.server_port}/{page}", wait_until="networkidle")
            tab.emulate_media(media="print")
            pdf.parent.mkdir(parents=True, exist_ok=True)
            tab.pdf(path=str(pdf), format="A4", print_background=True, outline=True,
                    margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"})
            browser.close()
    finally:
        server.shutdown()
    marker.write_text(stamp)
    return True
