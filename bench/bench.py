"""Print how long the book takes to set up, build and test, as times and as ratios
measured in the same run, and what each page weighs.

Runs in a fresh clone of the committed tree (a temporary folder), so it
measures what a new reader or CI meets:

    python bench/bench.py            # or: make bench

The ratios compare the book's own steps with what they cannot go below:
a clean `make book` with a bare Sphinx render of the same pages (no checks, no
extension of ours), and `make test` with the notebooks' executions shared
over the cores plus the browser tests. A page's own weight is its HTML plus
the local assets that only it uses (shared theme files are counted once).
"""

from __future__ import annotations

import os
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
DOWNLOADS = (".pdf", ".csv", ".json", ".jsonld")  # linked for download, not loaded with the page


def timed(command: str, cwd: Path, env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, shell=True, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env={**os.environ, **(env or {})})
    return time.perf_counter() - start


def page_weights(html_root: Path) -> tuple[dict[str, int], int]:
    """Each page's own weight in bytes, and the weight of assets pages share."""
    pages = sorted(p for p in html_root.rglob("*.html") if "_static" not in p.parts)
    users: dict[Path, set[Path]] = defaultdict(set)
    for page in pages:
        base = page.relative_to(html_root).as_posix()
        for link in ASSET.findall(page.read_text(errors="ignore")):
            if urlsplit(link).scheme or link.endswith((".html", "/", *DOWNLOADS)):
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


def bare_render(clone: Path) -> float:
    """A bare Sphinx render of the same pages from their stored outputs: the
    book's configuration without the factcheck extension, not strict."""
    config = (clone / "_config.yml").read_text().replace("extra_extensions: [factcheck.sphinx]", "extra_extensions: []")
    (clone / "_bare_config.yml").write_text(config)
    return timed("rm -rf _bare && .venv/bin/jupyter-book build . --builder html --config _bare_config.yml --path-output _bare", clone)


def notebook_times(clone: Path) -> dict[str, float]:
    """Each notebook's execution time, one at a time, on a copy."""
    code = (
        "import sys, time, shutil, tempfile; from pathlib import Path;"
        "from factcheck.notebooks import execute_in_place;"
        "src = Path(sys.argv[1]); tmp = Path(tempfile.mkdtemp(dir=src.parent)) / src.name; shutil.copy(src, tmp);"
        "t = time.perf_counter(); execute_in_place(tmp, Path.cwd()); print(time.perf_counter() - t); shutil.rmtree(tmp.parent)"
    )
    from factcheck.book import book_notebooks

    times = {}
    for notebook in book_notebooks(clone):
        out = subprocess.run([str(clone / ".venv/bin/python"), "-c", code, str(notebook)], cwd=clone, check=True,
                             capture_output=True, text=True, env={**os.environ, "FACTCHECK_DATA": str(clone / "data")})
        times[notebook.relative_to(clone).as_posix()] = float(out.stdout.split()[-1])
    return times


def main() -> int:
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as scratch:
        clone = Path(scratch) / "book"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        setup = timed("make .venv/.installed", clone)
        clean = timed("make book", clone)
        rebuild = timed("make book", clone)
        bare = bare_render(clone)
        test = timed("make test", clone)
        browser = timed(".venv/bin/pytest --numprocesses auto tests/test_browser.py -p no:nbval -o addopts=", clone)
        notebooks = notebook_times(clone)
        executions = sum(notebooks.values())

        print(f"machine: {cores} cores\n")
        print(f"set-up from scratch (venv + pinned packages): {setup:6.1f} s")
        print(f"clean make book (stored outputs, no kernel):  {clean:6.1f} s")
        print(f"bare Sphinx render of the same pages:         {bare:6.1f} s")
        print(f"  ratio clean build / bare render:            {clean / bare:6.2f}   (target <= 1.3)")
        print(f"no-change rebuild:                            {rebuild:6.1f} s   (target <= 3)")
        print(f"make test (book built):                       {test:6.1f} s")
        print(f"  notebook executions, summed:                {executions:6.1f} s over {len(notebooks)} notebooks")
        print(f"  browser tests alone:                        {browser:6.1f} s")
        floor = executions / cores + browser
        print(f"  ratio make test / (executions / {cores} cores + browser): {test / floor:4.2f}   (target <= 1.3)")
        print("\neach notebook's execution:")
        for name, seconds in notebooks.items():
            print(f"  {seconds:6.1f} s  {name}")
        own, shared = page_weights(clone / "_build" / "html")
        print("\npage weights (own HTML + assets only that page uses):")
        for page, size in sorted(own.items(), key=lambda item: -item[1]):
            print(f"  {size / 1024:8.1f} KB  {page}")
        print(f"  {shared / 1024:8.1f} KB  shared assets (theme, scripts, Vega bundle), cached across pages")
        shutil.rmtree(clone / "_bare", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
