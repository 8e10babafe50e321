"""Execute the book's notebooks once, and know when their stored outputs are stale.

The notebooks are committed with their outputs; the build renders those
outputs and executes nothing. So that it never publishes stale ones,
``make execute`` stores in each notebook a fingerprint of everything its
outputs were made from: its code cells, the data package, the article, this
package's code, the book's metadata and the lock file. Staleness is then
a comparison of two hashes, not a guess from file times (which a fresh clone
does not keep).
"""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from factcheck.book import book_metadata
from factcheck.datapackage import data_dir_set, fingerprint
from factcheck.stamps import files_under, hash_files

METADATA_KEY = "factcheck"
PACKAGE_DIR = Path(__file__).parent
# Beside the data folder and the book's metadata: what a notebook's outputs also depend on.
BOOK_INPUTS = ("seeds", "requirements.lock")


class StaleOutputsError(RuntimeError):
    """Some notebooks' stored outputs were made from other code or data."""


def inputs_fingerprint(book_root: Path) -> str:
    """A hash of what every notebook's outputs depend on, beside its own code.

    Of ``_config.yml``, only what the package reads counts (the book's title,
    author, pages and first publication), not its base URL or repository,
    which the build fills in: a change to the theme or the build settings
    makes no notebook stale."""
    metadata = {key: value for key, value in book_metadata(book_root).items() if key not in ("baseurl", "repository")}
    parts = [
        fingerprint(book_root / "data"),
        json.dumps(metadata, sort_keys=True),
        hash_files(
            [*PACKAGE_DIR.glob("*.py"), *PACKAGE_DIR.glob("templates/html/*.html")], PACKAGE_DIR
        ),  # code, markup
        hash_files([p for name in BOOK_INPUTS for p in files_under(book_root / name)], book_root),
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _source(cell: dict) -> str:
    source = cell["source"]
    return source if isinstance(source, str) else "".join(source)


def notebook_fingerprint(notebook: dict, inputs: str) -> str:
    """``inputs`` combined with the notebook's code cells, in order (``notebook`` as its JSON)."""
    digest = hashlib.sha256(inputs.encode())
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            digest.update(_source(cell).encode() + b"\0")
    return digest.hexdigest()


def stored_fingerprint(notebook: dict) -> str:
    return notebook["metadata"].get(METADATA_KEY, {}).get("inputs", "")


def stale_notebooks(paths: list[Path], book_root: Path) -> list[Path]:
    """The notebooks among ``paths`` whose stored outputs are not current.

    Read as plain JSON: a check before every build must stay cheap."""
    inputs = inputs_fingerprint(book_root)
    stale = []
    for path in paths:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        if stored_fingerprint(notebook) != notebook_fingerprint(notebook, inputs):
            stale.append(path)
    return stale


def check_outputs(paths: list[Path], book_root: Path) -> None:
    """Raise :class:`StaleOutputsError` naming each stale notebook and the fix."""
    stale = stale_notebooks(paths, book_root)
    if stale:
        names = "\n  ".join(str(p.relative_to(book_root)) for p in stale)
        raise StaleOutputsError(
            "these notebooks' stored outputs were made from other code or data:\n  "
            f"{names}\nRun `make execute` to re-execute them, then build again."
        )


def execute_in_place(path: Path, book_root: Path, timeout: int = 600) -> bool:
    """Run every cell of the notebook at ``path``, store its outputs and fingerprint.

    No timing metadata and a fresh ``python3`` kernel started in the
    notebook's folder, so the outputs are what nbval reproduces. The file is
    rewritten only if its bytes change; returns whether they did.
    """
    with data_dir_set(book_root / "data"):  # for the kernel
        return _execute(path, book_root, timeout)


def _execute(path: Path, book_root: Path, timeout: int) -> bool:
    import nbformat  # late, as nbclient: only execution needs them, not the build's check of stored outputs
    from nbclient import NotebookClient

    before = path.read_bytes()
    notebook = nbformat.reads(before.decode(), as_version=4)
    for attempt in (1, 2):
        client = NotebookClient(
            notebook,
            timeout=timeout,
            kernel_name="python3",
            record_timing=False,  # timestamps would change the file on every run
            resources={"metadata": {"path": str(path.parent)}},
        )
        try:
            client.execute()
            break
        except RuntimeError as error:
            # Kernels started side by side can race for the same free port; the
            # loser dies before it replies. That is no fault of the notebook's.
            if attempt == 2 or "Kernel died before replying" not in str(error):
                raise
    notebook.metadata[METADATA_KEY] = {
        "inputs": notebook_fingerprint(notebook, inputs_fingerprint(book_root))
    }  # a NotebookNode is a dict
    text = nbformat.writes(notebook)
    after = (text if text.endswith("\n") else text + "\n").encode()
    if after != before:
        path.write_bytes(after)
    return after != before


def execute_all(paths: list[Path], book_root: Path, *, force: bool = False, jobs: int | None = None) -> list[Path]:
    """Execute the stale notebooks among ``paths`` (all with ``force``), in parallel.

    Returns the notebooks whose files changed.
    """
    targets = list(paths) if force else stale_notebooks(paths, book_root)
    if not targets:
        return []
    with ProcessPoolExecutor(max_workers=min(jobs or os.cpu_count() or 1, len(targets))) as pool:
        changed = list(pool.map(execute_in_place, targets, [book_root] * len(targets)))
    return [path for path, did_change in zip(targets, changed, strict=True) if did_change]
