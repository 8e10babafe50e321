"""The book's own metadata, read from ``_config.yml`` (one place for it)."""

from __future__ import annotations

from functools import cache

import yaml

from factcheck.datapackage import find_data_dir


@cache
def book_metadata() -> dict:
    """Title, author and base URL (with a trailing slash, or "" when unset)."""
    config = yaml.safe_load((find_data_dir().parent / "_config.yml").read_text())
    baseurl = (config.get("html") or {}).get("baseurl") or ""
    if baseurl and not baseurl.endswith("/"):
        baseurl += "/"
    return {"title": config["title"], "author": config["author"], "baseurl": baseurl}
