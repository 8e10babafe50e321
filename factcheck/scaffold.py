"""``python -m factcheck new``: start a fact-check book for another article.

The new book gets the same machinery as this one (a validated data package,
a claims register with dual verdicts and ClaimReview, execute-once notebooks
checked by nbval, offline pages) and no claim yet. Its files come from
``templates/book``; only the title, the author, the article and its metadata
are filled in, and the notebooks are executed once, so that the new book
builds strict straight away.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import shutil
from pathlib import Path
from string import Template

from factcheck.book import book_notebooks
from factcheck.datapackage import data_dir_set, validate_package
from factcheck.notebooks import execute_all

TEMPLATE = Path(__file__).parent / "templates" / "book"
# Template files with ${placeholders}; every other file is copied byte for byte.
FILLED = ("_config.yml", "README.md", "requirements.txt", "chapters/00_front.md")
DEFAULT_AUTHOR = "The fact-check book contributors"


class ScaffoldError(ValueError):
    """The new book cannot be written where or from what was asked."""


def package_source() -> str:
    """Where the new book installs ``factcheck`` from: this repository's folder."""
    root = Path(__file__).resolve().parent.parent
    if not (root / "pyproject.toml").is_file():
        raise ScaffoldError(
            f"{root} holds no pyproject.toml: run `factcheck new` from a clone of the fact-check book's repository"
        )
    return str(root)


def seed_metadata(article: Path, published: str | None) -> str:
    """The article's metadata file: its checksum, and what the capture adds (nothing, until told)."""
    raw = article.read_bytes()
    try:
        first_line = next(line for line in raw.decode("utf-8").splitlines() if line.strip())
    except UnicodeDecodeError:
        raise ScaffoldError(f"{article} is not UTF-8 text") from None
    except StopIteration:
        raise ScaffoldError(f"{article} is empty") from None
    return (
        "# Metadata of the article under review. The .txt beside this file is the\n"
        "# article exactly as received, byte for byte; its first paragraph is read as its headline.\n"
        f"file: {article.name}\n"
        f"sha256: {hashlib.sha256(raw).hexdigest()}\n"
        f"title: {json.dumps(first_line.strip(), ensure_ascii=False)}\n"
        "language: en\n"
        "# Lines a capture added that are not part of the article (a page's header or\n"
        "# footer, for example): they are dropped before the text is split.\n"
        "capture_artefacts:\n"
        "  first_line: null\n"
        "  last_line: null\n"
        "author: null\n"
        "publisher: null\n"
        "# The day the article appeared (YYYY-MM-DD): 'at publication' verdicts use only what was public by then.\n"
        f"published: {published or 'null'}\n"
    )


def new_book(
    directory: Path,
    article: Path,
    title: str,
    author: str | None = None,
    published: str | None = None,
    execute: bool = True,
) -> Path:
    """Write a complete, empty fact-check book of ``article`` into ``directory`` and return it.

    ``directory`` must not exist or be empty. With ``execute``, the
    notebooks are executed once in the new book, as ``make execute`` would.
    """
    directory, article = Path(directory).resolve(), Path(article).resolve()
    if not article.is_file():
        raise ScaffoldError(f"no article at {article}")
    if directory.exists() and any(directory.iterdir()):
        raise ScaffoldError(f"{directory} is not empty: choose a new folder")
    if published:
        datetime.date.fromisoformat(published)  # a malformed date is an error now, not at build time
    values = {
        "title": title,
        "title_yaml": json.dumps(title, ensure_ascii=False),
        "author_yaml": json.dumps(author or DEFAULT_AUTHOR, ensure_ascii=False),
        "today": datetime.date.today().isoformat(),
        "year": str(datetime.date.today().year),
        "factcheck_source": package_source(),
        "article_file": article.name,
    }
    metadata = seed_metadata(article, published)
    shutil.copytree(
        TEMPLATE, directory, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
    )
    for name in FILLED:
        path = directory / name
        path.write_text(Template(path.read_text(encoding="utf-8")).substitute(values), encoding="utf-8")
    seeds = directory / "seeds"
    seeds.mkdir()
    shutil.copyfile(article, seeds / article.name)
    (seeds / f"{article.stem}.yml").write_text(metadata, encoding="utf-8")
    if execute:
        execute_new_book(directory)
    return directory


def execute_new_book(directory: Path) -> None:
    """Validate the new book's data and execute its notebooks once, against its own data."""
    validate_package(directory / "data")
    with data_dir_set(directory / "data", override=True):  # not the data of a book this command may be run from
        execute_all(book_notebooks(directory), directory, force=True)
