"""Print how long the book takes to set up, build and test, as times and as ratios
measured in the same run, and what each page weighs.

Runs in a fresh clone of the committed tree (a temporary folder), so it
measures what a new reader or CI meets, and writes the times, the ratios and
the machine's load (`uptime`'s load averages: a shared machine inflates every
time) into README.md's bench block:

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
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
ASSET = re.compile(r"""(?:src|href)=["']([^"'#?]+)""")
DOWNLOADS = (".pdf", ".csv", ".json", ".jsonld")  # linked for download, not loaded with the page
README = ROOT / "README.md"
BLOCK = re.compile(r"(<!-- bench:start[^>]*-->\n).*?(<!-- bench:end -->)", re.S)
TEST_TARGET = 120  # seconds for `make test` with the book built (issue 17)
# The tests that open the book in Chromium (most of their checks run on tests/test_browser.py's loads).
BROWSER_TESTS = "tests/test_browser.py tests/test_chart_legibility.py tests/test_reading.py"


def timed(command: str, cwd: Path, env: dict | None = None) -> float:
    return timed_with_output(command, cwd, env)[0]


def timed_with_output(command: str, cwd: Path, env: dict | None = None) -> tuple[float, str]:
    """How long ``command`` took, and what it printed."""
    start = time.perf_counter()
    out = subprocess.run(
        command, shell=True, cwd=cwd, capture_output=True, text=True, env={**os.environ, **(env or {})}
    )
    if out.returncode:  # what failed, rather than only that it did
        sys.exit(f"{command} failed (exit {out.returncode}) in {cwd}:\n{out.stdout[-6000:]}\n{out.stderr[-3000:]}")
    return time.perf_counter() - start, out.stdout


def load_average() -> str:
    """The machine's 1, 5 and 15-minute load averages, as `uptime` gives them."""
    return ", ".join(f"{load:.2f}" for load in os.getloadavg())


def write_readme(rows: list[tuple[str, str]], notes: list[str]) -> None:
    """Replace README.md's bench block with this run's table and notes."""
    table = "| What | Time |\n|---|---|\n" + "".join(f"| {what} | {value} |\n" for what, value in rows)
    body = table + "\n" + "".join(f"- {note}\n" for note in notes)
    text = README.read_text()
    README.write_text(BLOCK.sub(lambda match: match[1] + body + match[2], text, count=1))


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
    book's configuration without the factcheck extension, not strict.

    Its configuration and output stay outside the clone: a folder of built
    pages inside the book's source folder is a set of files the book's own
    build must exclude, so the next `make book` would read every page again
    and print the edition again, inside the `make test` measured next."""
    bare = clone.parent / "bare"
    config = (clone / "_config.yml").read_text().replace("extra_extensions: [factcheck.sphinx]", "extra_extensions: []")
    bare.mkdir(exist_ok=True)
    (bare / "_config.yml").write_text(config)
    return timed(
        f".venv/bin/jupyter-book build . --builder html --config {bare / '_config.yml'} --path-output {bare}", clone
    )


def notebook_times(clone: Path) -> dict[str, float]:
    """Each notebook's execution time, one at a time, on a copy."""
    code = (
        "import sys, time, shutil, tempfile; from pathlib import Path;"
        "from factcheck.notebooks import execute_in_place;"
        "src = Path(sys.argv[1]); tmp = Path(tempfile.mkdtemp(dir=src.parent)) / src.name; shutil.copy(src, tmp);"
        "t = time.perf_counter(); execute_in_place(tmp, Path.cwd());"
        "print(time.perf_counter() - t); shutil.rmtree(tmp.parent)"
    )
    from factcheck.book import book_notebooks

    times = {}
    for notebook in book_notebooks(clone):
        out = subprocess.run(
            [str(clone / ".venv/bin/python"), "-c", code, str(notebook)],
            cwd=clone,
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "FACTCHECK_DATA": str(clone / "data")},
        )
        times[notebook.relative_to(clone).as_posix()] = float(out.stdout.split()[-1])
    return times


def main() -> int:
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as scratch:
        clone = Path(scratch) / "book"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        load_before = load_average()
        setup = timed("make .venv/.installed", clone)
        clean = timed("make book", clone)
        rebuild = timed("make book", clone)
        bare = bare_render(clone)
        test, test_output = timed_with_output("make test", clone)
        browser = timed(f".venv/bin/pytest --numprocesses auto {BROWSER_TESTS} -p no:nbval -o addopts=", clone)
        notebooks = notebook_times(clone)
        load_after = load_average()
        executions = sum(notebooks.values())
        passed = re.findall(r"(\d+) passed", test_output)

        print(f"machine: {cores} cores, load average {load_before} before and {load_after} after\n")
        print(f"set-up from scratch (venv + pinned packages): {setup:6.1f} s")
        print(f"clean make book (stored outputs, no kernel, print edition): {clean:6.1f} s")
        print(f"bare Sphinx render of the same pages:         {bare:6.1f} s")
        print(f"  ratio clean build / bare render:            {clean / bare:6.2f}   (target <= 1.3)")
        print(f"no-change rebuild:                            {rebuild:6.1f} s   (target <= 3)")
        print(f"make test (book built):                       {test:6.1f} s   (target <= {TEST_TARGET})")
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

    met = lambda ok: "met" if ok else "not met"  # noqa: E731
    write_readme(
        [
            ("Set-up from scratch (venv from the lock)", f"{setup:.0f} s"),
            ("Clean `make book` (stored outputs, no kernel, the print edition)", f"{clean:.1f} s"),
            ("Bare Sphinx render of the same pages", f"{bare:.1f} s"),
            ("No-change rebuild", f"{rebuild:.1f} s"),
            (
                f"`make test` with the book built ({len(notebooks)} notebooks, "
                f"{passed[-1] if passed else '?'} tests, reading the print edition)",
                f"{test:.0f} s",
            ),
            (
                f"Notebook executions, summed (each {min(notebooks.values()):.1f} to {max(notebooks.values()):.1f} s)",
                f"{executions:.0f} s",
            ),
            ("Browser tests alone (every page at two widths)", f"{browser:.0f} s"),
        ],
        [
            f"Run on {datetime.now(UTC):%d %B %Y} on {cores} cores, load average (1, 5, 15 min) {load_before} "
            f"at the start and {load_after} at the end: a load above {cores} means other work shared the cores.",
            f"`make test` = **{test:.0f} s** (target ≤ {TEST_TARGET} s, {met(test <= TEST_TARGET)}).",
            f"`make test` ÷ (notebook executions ÷ {cores} cores + browser tests) = **{test / floor:.2f}** "
            f"(target ≤ 1.3, {met(test / floor <= 1.3)}).",
            f"Clean `make book` ÷ bare render = **{clean / bare:.1f}** (target ≤ 1.3, {met(clean / bare <= 1.3)}).",
        ],
    )
    print(f"\nwritten to {README.relative_to(ROOT)}'s bench block")
    return 0


if __name__ == "__main__":
    sys.exit(main())
