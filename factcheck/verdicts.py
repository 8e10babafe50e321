"""The verdict scale: fixed labels, their meaning, colour and schema.org rating.

Colours come from the Okabe-Ito palette (safe for colour-blind readers); a
label is always printed beside its colour, never replaced by it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Verdict:
    label: str
    title: str
    meaning: str
    colour: str
    rating: int | None  # schema.org ratingValue; None: not rated (no factual claim)


SCALE: tuple[Verdict, ...] = (
    Verdict("accurate", "Accurate", "The claim is correct and needs no significant context.", "#009E73", 5),
    Verdict(
        "mostly-accurate",
        "Mostly accurate",
        "The claim is correct in substance but imprecise or missing context.",
        "#56B4E9",
        4,
    ),
    Verdict(
        "misleading", "Misleading", "The claim contains correct elements but leaves a false impression.", "#E69F00", 2
    ),
    Verdict("inaccurate", "Inaccurate", "The claim is contradicted by the evidence.", "#D55E00", 1),
    Verdict(
        "unsupported", "Unsupported", "The evidence available cannot establish whether the claim is true.", "#999999", 3
    ),
    Verdict("opinion", "Opinion", "Not a factual claim: a judgement, forecast or value statement.", "#CC79A7", None),
)
VERDICTS = {v.label: v for v in SCALE}
LABELS = tuple(VERDICTS)
BEST_RATING = max(v.rating for v in SCALE if v.rating is not None)
WORST_RATING = min(v.rating for v in SCALE if v.rating is not None)


def verdict(label: str) -> Verdict:
    """The verdict for ``label``; a label off the scale is an error."""
    try:
        return VERDICTS[label]
    except KeyError:
        raise ValueError(f"'{label}' is not on the verdict scale {list(LABELS)}") from None
