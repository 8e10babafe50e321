"""`python -m factcheck new` starts a book for any article: from an article that
is not this book's, in a temporary folder and with this project's environment,
the new book's data check and strict build pass offline, with no claim yet."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.scaffold import ScaffoldError, new_book

ARTICLE = """Harbour ferry fares to rise by a fifth in October

The harbour authority said on Monday that a single ferry ticket will cost 3.60 euros from 1 October, up from 3.00.

Officials blamed fuel prices, which they said had doubled since 2021; the union of ferry workers disputed the figure.
"""
# Any request off this machine fails fast: the build must need none.
OFFLINE = {"http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "no_proxy": "localhost,127.0.0.1"}


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """Run a command of this project's environment in ``cwd``, offline, failing with its output."""
    env = {key: value for key, value in os.environ.items() if key != "FACTCHECK_DATA"} | OFFLINE
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def new_book_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("scaffold")
    article = folder / "ferry-fares.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    book = folder / "ferry-book"
    run(
        [
            sys.executable,
            "-m",
            "factcheck",
            "new",
            str(book),
            "--article",
            str(article),
            "--title",
            "Ferry fares, checked",
            "--author",
            "A test newsroom",
        ],
        folder,
    )
    return book


@pytest.mark.slow
def test_the_new_book_has_every_part(new_book_dir: Path):
    for name in (
        "_config.yml",
        "_toc.yml",
        "README.md",
        "Makefile",
        "requirements.txt",
        "seeds/ferry-fares.txt",
        "seeds/ferry-fares.yml",
        "data/datapackage.json",
        "data/claims.csv",
        "chapters/00_front.md",
        "chapters/01_article.ipynb",
        "tests/test_data.py",
    ):
        assert (new_book_dir / name).is_file(), name
    assert (new_book_dir / "seeds" / "ferry-fares.txt").read_text(encoding="utf-8") == ARTICLE
    assert (new_book_dir / "data" / "claims.csv").read_text().count("\n") == 1  # the header alone
    assert (
        "make book" in (new_book_dir / "README.md").read_text()
        and "make test" in (new_book_dir / "README.md").read_text()
    )


@pytest.mark.slow
def test_the_new_book_passes_its_data_check_and_a_strict_offline_build(new_book_dir: Path):
    run([sys.executable, "-m", "factcheck", "check"], new_book_dir)
    run(
        [
            str(Path(sys.executable).parent / "jupyter-book"),
            "build",
            str(new_book_dir),
            "--warningiserror",
            "--nitpick",
        ],
        new_book_dir,
    )
    article_page = (new_book_dir / "_build" / "html" / "chapters" / "01_article.html").read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", article_page).split())
    for paragraph in ARTICLE.split("\n\n"):
        assert " ".join(paragraph.split()) in text
    front = (new_book_dir / "_build" / "html" / "chapters" / "00_front.html").read_text(encoding="utf-8")
    assert "No claim is registered yet" in front and "Ferry fares, checked" in front


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path):
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(ScaffoldError, match="not empty"):
        new_book(tmp_path, tmp_path / "article.txt", "A title", execute=False)
