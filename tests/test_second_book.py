"""The second book, examples/state-dept-2023-05-23, made with `python -m factcheck new`:
its data check and strict build pass offline, on the same package as this book.
(Its notebooks and its own data tests run with the rest: see testpaths in pyproject.toml.)"""

from __future__ import annotations

import html
import re
import shutil
import sys
from pathlib import Path

import pytest
from helpers import ROOT
from test_new_book import run

from factcheck.article import load_article

SECOND_BOOK = ROOT / "examples" / "state-dept-2023-05-23"


@pytest.mark.slow
def test_the_second_book_passes_its_data_check_and_a_strict_offline_build(tmp_path: Path):
    book = tmp_path / "book"  # a copy, so that its build leaves the repository as it was
    shutil.copytree(SECOND_BOOK, book, ignore=shutil.ignore_patterns("_build", ".venv", "__pycache__"))
    run([sys.executable, "-m", "factcheck", "check"], book)
    run([str(Path(sys.executable).parent / "jupyter-book"), "build", str(book), "--warningiserror", "--nitpick"], book)
    page = (book / "_build" / "html" / "chapters" / "01_article.html").read_text(encoding="utf-8")
    text = re.sub(
        r"\[\d+, [a-z ]+\]", "", html.unescape(re.sub(r"<[^>]+>", "", page))
    )  # without the claims' note marks
    text = " ".join(text.split())
    for paragraph in load_article(SECOND_BOOK / "seeds").paragraphs:
        assert paragraph in text
