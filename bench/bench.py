"""Print how long the book takes to set up, build and test, and what each page weighs.

Runs in a fresh clone of the committed tree (a temporary folder), so it
measures what a new reader or CI meets:

    python bench/bench.py            # or: make bench

A page's own weight is its HTML plus the local assets that only it uses
(shared theme files are counted once, separately).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
ASSET = re.compile(r"""(?:src|href)=["']([^"'#?]+)""")


def timed(command: str, cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, shell=True, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def page_weights(html_root: Path) -> tuple[dict[str, int], int]:
    """Each page's own weight in bytes, and the weight of assets pages share."""
    pages = sorted(p for p in html_root.rglob("*.html") if "_static" not in p.parts)
    users: dict[Path, set[Path]] = defaultdict(set)
    for page in pages:
        base = page.relative_to(html_root).as_posix()
        for link in ASSET.findall(page.read_text(errors="ignore")):
            if urlsplit(link).scheme or link.endswith(".html") or link.endswith("/"):
                continue
            asset = (html_root / urljoin(base, link)).resolve()
            if asset.is_file():
                users[asset].add(page)
    own = {p.relative_to(html_root).as_posix(): p.stat().st_size for p in pages}
    shared = 0
    for asset, pages_using in users.items():
        if len(pages_using) == 1:
            own[next(iter(pages_using)).relative_to(html_root).as_posix()] += asset.stat().st_size
        else:
            shared += asset.stat().st_size
    # fc-charts.js loads the Vega bundle at run time, on pages with charts only
    bundle = html_root / "_static" / "fc-vega-bundle.js"
    if bundle.is_file() and bundle.resolve() not in users:
        shared += bundle.stat().st_size
    return own, shared


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as scratch:
        clone = Path(scratch) / "book"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        print(f"set-up from scratch (venv + pinned packages): {timed('make .venv/.installed', clone):6.1f} s")
        print(f"clean build:                                  {timed('make book', clone):6.1f} s")
        print(f"no-change rebuild:                            {timed('make book', clone):6.1f} s")
        print(f"make test (after set-up, book built):         {timed('make test', clone):6.1f} s")
        shutil.rmtree(clone / "_build")
        print(f"make test (after set-up, clean build):        {timed('make test', clone):6.1f} s")
        own, shared = page_weights(clone / "_build" / "html")
        print("\npage weights (own HTML + assets only that page uses):")
        for page, size in sorted(own.items(), key=lambda item: -item[1]):
            print(f"  {size / 1024:8.1f} KB  {page}")
        print(f"  {shared / 1024:8.1f} KB  shared assets (theme, scripts, Vega bundle), cached across pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
