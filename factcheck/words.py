"""Reader-facing words for things the data names by code or records raw:
a figure with its qualifier, a claim's short name, where it sits in the
article, a source title's provenance note, and quotes kept in a wiki's markup."""

from __future__ import annotations

import re

import pandas as pd

from factcheck.article import split_sentences

QUALIFIER_WORDS = {
    "exact": "",
    "about": "about ",
    "more-than": "more than ",
    "at-least": "at least ",
    "fewer-than": "fewer than ",
    "up-to": "up to ",
    "between": "",
}
SHORT_QUOTE_WORDS = 8
# "[[target|shown words]]" or "[[shown words]]", as a wiki's source text writes a link
WIKI_LINK = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]")
WIKI_EMPHASIS = re.compile(r"'{2,}")
# A provenance note the data appends to a title it could not read in full: "(title not seen)", "(title from URL slug)"
TITLE_NOTE = re.compile(r"^\s*\(([^()]*\btitle\b[^()]*)\)\s*|\s*\(([^()]*\btitle\b[^()]*)\)\s*$")


def format_number(value) -> str:
    """1234567 as "1,234,567"; 86.2 stays "86.2"."""
    return f"{int(value):,}" if float(value).is_integer() else f"{float(value):,}"


def format_figure(value, qualifier: str, high=None) -> str:
    """A figure as a reader says it: "about 73,000", "4,000 to 4,500"."""
    if qualifier == "between" and pd.notna(high):
        return f"{format_number(value)} to {format_number(high)}"
    return f"{QUALIFIER_WORDS[qualifier]}{format_number(value)}"


def short_quote(quote: str, words: int = SHORT_QUOTE_WORDS) -> str:
    """A claim named by its first ``words`` words, with an ellipsis when cut."""
    parts = quote.split()
    return " ".join(parts) if len(parts) <= words else " ".join(parts[:words]).rstrip(",;:") + "…"


def paragraph_name(number: int, has_headline: bool = True) -> str:
    """Where a claim sits, as the annotated article numbers it: paragraph 0 is the headline, if it has one."""
    return "headline" if number == 0 and has_headline else f"paragraph {number}"


def strip_wiki_markup(text: str) -> str:
    """A quote from a wiki's source text as its page shows it: links as their words, no quote-mark emphasis."""
    return WIKI_EMPHASIS.sub("", WIKI_LINK.sub(lambda m: m[1], text))


def split_title_note(title: str) -> tuple[str, str]:
    """A source title and its provenance note, apart: ("Headline", "title not seen")."""
    match = TITLE_NOTE.search(title)
    return (title[: match.start()] + title[match.end() :], match[1] or match[2]) if match else (title, "")


def first_sentence(text: str) -> tuple[str, str]:
    """The first sentence of ``text`` and the rest ("" when it is one sentence)."""
    sentences = split_sentences(text)
    return (sentences[0], " ".join(sentences[1:])) if sentences else ("", "")
