"""Claims of the article under review, their verdicts and verdict boxes.

A chapter calls :func:`verdict_box` for each claim it checks; the box is built
from the claims register and the source registry, never written by hand.
"""

from __future__ import annotations

import html
import re
import json

import pandas as pd
from IPython.display import HTML

from factcheck.datapackage import load_table
from factcheck.verdicts import verdict


def claim(claim_id: str) -> pd.Series:
    """The register row for ``claim_id``."""
    claims = load_table("claims").set_index("claim_id", drop=False)
    if claim_id not in claims.index:
        raise KeyError(f"no claim '{claim_id}' in the claims register")
    return claims.loc[claim_id]


def claim_sources(claim_id: str) -> pd.DataFrame:
    """The registry rows of the sources a claim's verdict rests on."""
    links = load_table("claim_sources")
    ids = links.loc[links.claim_id == claim_id, "source_id"]
    return load_table("sources").set_index("source_id").loc[list(ids)].reset_index()


def format_date(value: pd.Timestamp) -> str:
    """A date as readers write it: 23 May 2023."""
    return f"{value.day} {value:%B %Y}"


def _badge(label: str, prefix: str) -> str:
    v = verdict(label)
    return (
        f'<span class="fc-badge fc-badge--{v.label}" style="--fc-verdict:{v.colour}">'
        f'<span class="fc-badge-prefix">{prefix}</span> {html.escape(v.title)}</span>'
    )


def _source_item(row: pd.Series) -> str:
    date = format_date(row.published) if pd.notna(row.published) else "undated"
    return (
        f'<li>{html.escape(row.publisher)}, <a href="{html.escape(row.url)}">'
        f"{html.escape(row.title)}</a> ({date})</li>"
    )


def verdict_box(claim_id: str, figures: dict[str, str] | None = None) -> HTML:
    """The claim's quote, verdicts, conclusion, the figures it rests on and its sources.

    ``figures`` maps a label to a value already formatted from the data (the
    same values the chapter glues into its prose).
    """
    row = claim(claim_id)
    hindsight = ""
    if row.verdict_hindsight != row.verdict:
        hindsight = (
            f" {_badge(row.verdict_hindsight, 'With hindsight:')}"
            f'<p class="fc-verdict-change">What changed: {html.escape(row.hindsight_note)}</p>'
        )
    figure_items = "".join(
        f"<dt>{html.escape(label)}</dt><dd>{html.escape(str(value))}</dd>" for label, value in (figures or {}).items()
    )
    figures_html = f'<dl class="fc-verdict-figures">{figure_items}</dl>' if figure_items else ""
    sources = "".join(_source_item(s) for _, s in claim_sources(claim_id).iterrows())
    body = f"""<aside class="fc-verdict" id="claim-{claim_id}" style="--fc-verdict-colour:{verdict(row.verdict).colour}" aria-label="Verdict on claim {claim_id}">
<p class="fc-verdict-claim">The article says: <q>{html.escape(row.quote)}</q> <span class="fc-verdict-where">(paragraph {row.paragraph})</span></p>
<p class="fc-verdict-labels">{_badge(row.verdict, 'Verdict:')}{hindsight}</p>
<p class="fc-verdict-conclusion">{html.escape(resolve_figures(row.conclusion))}</p>
{figures_html}<details class="fc-verdict-sources"><summary>Sources</summary><ul>{sources}</ul></details>
</aside>"""
    return HTML(body)


FIGURE_REFERENCE = re.compile(r"\{([a-z_]+):([a-z0-9-]+)\}")


def figure_value(table: str, figure_id: str) -> int:
    """The value of figure ``figure_id`` in ``table`` (its resource's ``valueField``)."""
    from factcheck.datapackage import value_field

    frame = load_table(table)
    key = frame.columns[0]
    match = frame.loc[frame[key] == figure_id, value_field(table)]
    if match.empty:
        raise KeyError(f"no figure '{figure_id}' in table '{table}'")
    return int(match.iloc[0])


def resolve_figures(text: str) -> str:
    """Replace each ``{table:figure_id}`` in ``text`` by the figure, formatted."""
    return FIGURE_REFERENCE.sub(lambda m: f"{figure_value(m[1], m[2]):,}", text)


def quoted_number(claim_id: str) -> int:
    """The number the article states in a claim's quote ("73,000" gives 73000)."""
    number = re.search(r"\d[\d,]*", claim(claim_id).quote)
    if not number:
        raise ValueError(f"claim '{claim_id}' quotes no number")
    return int(number[0].replace(",", ""))
