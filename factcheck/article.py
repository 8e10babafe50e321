"""The article under review: its text, paragraphs and sentences.

The capture in ``seeds/`` stays byte for byte as received; the metadata file
beside it names the capture artefacts to drop before the text is split.
Paragraph 0 is the headline, unless the metadata says ``headline: false`` (a
transcript, say), when the metadata's title names the text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from factcheck.datapackage import find_data_dir

# A sentence ends at . ! or ? followed by space and a capital letter or a quote.
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”]?\s+(?=[A-Z\"“])")


@dataclass(frozen=True)
class Article:
    title: str
    paragraphs: tuple[str, ...]
    metadata: dict
    has_headline: bool = True

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def sentences(self) -> list[tuple[int, str]]:
        """Every sentence as (paragraph number, sentence)."""
        return [(number, s) for number, p in enumerate(self.paragraphs) for s in split_sentences(p)]


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, keeping each sentence's own words."""
    return [s.strip() for s in SENTENCE_END.split(paragraph) if s.strip()]


def load_article(seed_dir: Path | None = None) -> Article:
    """Read the one article in ``seeds/``, check its checksum, drop capture artefacts."""
    seed_dir = seed_dir or find_data_dir().parent / "seeds"
    (meta_path,) = sorted(seed_dir.glob("*.yml"))
    metadata = yaml.safe_load(meta_path.read_text())
    raw = (seed_dir / metadata["file"]).read_bytes()
    if hashlib.sha256(raw).hexdigest() != metadata["sha256"]:
        raise ValueError(f"{seed_dir / metadata['file']} differs from the capture recorded in {meta_path.name}")
    lines = raw.decode("utf-8").splitlines()
    artefacts = metadata["capture_artefacts"]
    if lines and lines[0].strip() == artefacts["first_line"]:
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines.pop()
    if lines and lines[-1].strip() == artefacts["last_line"]:
        lines = lines[:-1]
    blocks = re.split(r"\n\s*\n", "\n".join(lines).strip())
    paragraphs = tuple(" ".join(block.split()) for block in blocks)
    has_headline = metadata.get("headline", True) is not False
    return Article(
        title=paragraphs[0] if has_headline else metadata["title"],
        paragraphs=paragraphs,
        metadata=metadata,
        has_headline=has_headline,
    )
