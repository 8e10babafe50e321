"""Execute chapter notebooks in place, the same way every time.

No timing metadata, a fresh ``python3`` kernel started from the notebook's own
folder, so the stored outputs are exactly what nbval will reproduce.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute_in_place(path: Path, timeout: int = 600) -> None:
    """Run every cell of the notebook at ``path`` and store the outputs."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,  # timestamps would change the file on every run
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    nbformat.write(notebook, path)
