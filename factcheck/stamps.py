"""One file hasher, and outputs written again only when what they are made from changed."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path


def files_under(path: Path) -> list[Path]:
    """Every file under folder ``path``, or ``path`` itself if it is a file, or none if it does not exist."""
    if path.is_dir():
        return [p for p in path.rglob("*") if p.is_file()]
    return [path] if path.exists() else []


def hash_files(paths: Iterable[Path], root: Path) -> str:
    """A SHA-256 of the files ``paths``, each with its name relative to ``root``: equal hashes, equal files."""
    digest = hashlib.sha256()
    for name, path in sorted((p.relative_to(root).as_posix(), p) for p in paths):
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def write_once(path: Path, stamp: str, make: Callable[[], str], stamps: Path) -> None:
    """Write ``make()`` to ``path`` unless it was written from the same ``stamp``
    (kept in the folder ``stamps``, out of the published book)."""
    marker = stamps / (path.name + ".stamp")
    if path.exists() and marker.exists() and marker.read_text() == stamp:
        return
    path.write_text(make())
    marker.write_text(stamp)
