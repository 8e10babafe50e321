"""The `factcheck` package names nothing from either book's article: no person,
place, group or publisher of this book's data or of the second book's.

The names come from the data, not from a list typed here: every place (with its
Ukrainian and Russian spellings, its region and its country), every person or
body that makes a claim, an assessment or an event, every publisher, and every
run of two or more capitalised words in the claims' quotes and conclusions
(which catches the people and groups the articles name). Only whole words
count, with their capitals. Nothing is left out: every name the data holds is
checked, countries included.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from helpers import ROOT

PACKAGE = ROOT / "factcheck"
BOOKS = [ROOT, ROOT / "examples" / "state-dept-2023-05-23"]
NAME_COLUMNS = {
    "places": ["name", "name_uk", "name_ru", "region", "country"],
    "analyst_assessments": ["analyst", "affiliation"],
    "reported_figures": ["claimant"],
    "population": ["claimant"],
    "civilians_remaining": ["claimant"],
    "events": ["actor"],
    "publishers": ["name"],
}
CAPITALISED_RUN = re.compile(
    r"\b(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?)(?: (?:of |the )?[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?)+\b"
)
# The package's own text: code, templates, styles, scripts. Not the third-party
# border data in geodata/, which names every country of the world.
PACKAGE_SUFFIXES = {".py", ".js", ".css", ".md", ".yml", ".ipynb", ".json", ".ini", ".txt", ".svg", ""}


def _table(book: Path, name: str) -> pd.DataFrame:
    path = book / "data" / f"{name}.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False) if path.is_file() else pd.DataFrame()


def names_from_data() -> set[str]:
    names = set()
    for book in BOOKS:
        for table, columns in NAME_COLUMNS.items():
            frame = _table(book, table)
            for column in columns:
                if column in frame:
                    names |= {value.strip() for value in frame[column] if value.strip()}
        claims = _table(book, "claims")
        for text in [*claims.quote, *claims.conclusion]:
            names |= set(CAPITALISED_RUN.findall(text))
    return names


def package_text() -> dict[Path, str]:
    files = [
        p
        for p in PACKAGE.rglob("*")
        if p.is_file() and p.suffix in PACKAGE_SUFFIXES and "geodata" not in p.parts and "__pycache__" not in p.parts
    ]
    return {path: path.read_text(encoding="utf-8", errors="replace") for path in files}


def test_the_names_come_from_both_books():
    names = names_from_data()
    assert {"Bakhmut", "Yevgeny Prigozhin", "Evan Gershkovich", "U.S. Department of State"} <= names
    assert len(names) > 300


def test_the_package_names_no_person_place_or_publisher_of_either_book():
    # one pattern for every name, longest first, read once per file: a file matches it where it names any of them
    names = sorted(names_from_data(), key=len, reverse=True)
    pattern = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, names))})(?!\w)")
    found = {}
    for path, text in package_text().items():
        for name in sorted(set(pattern.findall(text))):
            found.setdefault(name, []).append(str(path.relative_to(ROOT)))
    assert not found, f"the package names what belongs in a book's data: {found}"
