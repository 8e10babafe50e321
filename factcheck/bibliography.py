"""The source registry (``sources.csv``) as BibTeX for sphinxcontrib-bibtex.

The registry is the only copy of a source: the bibliography file is written
from it at build time and never edited or committed.
"""

from __future__ import annotations

import pandas as pd

BIBTEX_ESCAPES = str.maketrans({c: "\\" + c for c in "&%$#_{}"})


def _field(value: str) -> str:
    return value.translate(BIBTEX_ESCAPES)


def bibtex_entry(row: pd.Series) -> str:
    """One ``@online`` entry; the publisher stands as the organisation/author."""
    fields = {
        "author": "{" + _field(row.publisher) + "}",  # braces: an organisation, not "Last, First"
        "title": _field(row.title),
        "url": row.url,
        "urldate": row.accessed.strftime("%Y-%m-%d"),
        "organization": _field(row.publisher),
        "note": _field(row.source_kind.replace("-", " ")),
    }
    if pd.notna(row.published):
        fields["year"] = str(row.published.year)
        fields["date"] = row.published.strftime("%Y-%m-%d")
    if row.archive_url:
        fields["note"] += f". Archived: \\url{{{row.archive_url}}}"
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields.items())
    return f"@online{{{row.source_id},\n{body}\n}}\n"


def bibtex(sources: pd.DataFrame) -> str:
    """The whole registry as a BibTeX file, in registry order."""
    return "\n".join(bibtex_entry(row) for row in sources.itertuples(index=False))
