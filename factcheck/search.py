"""The book's offline search (Sphinx's own index), made to find what readers type.

* Names and numbers stay whole: "F-16" and "100,000" are indexed and searched
  as one term (and their parts as well), not split at the hyphen or comma.
* Only what a reader reads is indexed: no chart drawings (SVG text), chart
  specs or scripts.
* Each verdict box is a result of its own, titled with the claim's words and
  its verdict, and linking to the box.
"""

from __future__ import annotations

import html
import re

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.search.en import SearchEnglish

from factcheck.pages import claim_anchor

# a word, or words joined by a hyphen, comma or point with no space: "F-16s", "100,000", "1.5"
JOINED_WORD = re.compile(r"\w+(?:[-,.]\w+)*")
WORD = re.compile(r"\w+")
NOT_READ = re.compile(r"<svg\b.*?</svg>|<script\b.*?</script>|<style\b.*?</style>", re.S | re.I)
TAG = re.compile(r"<[^>]+>")
VERDICT_BOX = re.compile(
    r'<aside class="fc-verdict" id="claim-(?P<claim>[a-z0-9-]+)".*?<q>(?P<quote>.*?)</q>.*?'
    r'<span class="fc-badge-prefix">Verdict:</span> (?P<verdict>[^<]+)</span>',
    re.S,
)


class SearchBook(SearchEnglish):
    """English search that keeps joined words whole, in the index and in the query."""

    js_splitter_code = r"""
function splitQuery(query) {
  return query
    .split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation},.\-]+/gu)
    .map((term) => term.replace(/^[,.\-]+|[,.\-]+$/g, ""))
    .filter((term) => term);
}
"""

    def split(self, input: str) -> list[str]:
        words = []
        for token in JOINED_WORD.findall(input):
            words.append(token)
            if not token.isalnum():
                words.extend(WORD.findall(token))
        return words


def readable(doctree: nodes.document) -> nodes.document:
    """A copy of ``doctree`` holding only what a reader reads: the text of raw HTML without
    drawings or scripts, each tag a space so that table cells do not run together."""
    copy = doctree.deepcopy()
    for raw in list(copy.findall(nodes.raw)):
        text = html.unescape(TAG.sub(" ", NOT_READ.sub(" ", raw.astext())))
        raw.replace_self(nodes.raw("", text, format=raw.get("format", "html")))
    return copy


class VerdictDomain(Domain):
    """Each verdict box as a searchable object: "“quote” (Verdict)", anchored at the box."""

    name = "fc"
    label = "Fact-check"
    object_types = {"verdict": ObjType("verdict")}
    initial_data = {"verdicts": {}}  # claim id: (docname, title)

    def note_verdicts(self, docname: str, doctree: nodes.document) -> None:
        for raw in doctree.findall(nodes.raw):
            for box in VERDICT_BOX.finditer(raw.astext()):
                title = f"“{html.unescape(box['quote'])}” ({html.unescape(box['verdict']).strip()})"
                self.data["verdicts"][box["claim"]] = (docname, title)

    def clear_doc(self, docname: str) -> None:
        for claim_id, (doc, _) in list(self.data["verdicts"].items()):
            if doc == docname:
                del self.data["verdicts"][claim_id]

    def merge_domaindata(self, docnames, otherdata) -> None:
        for claim_id, (doc, title) in otherdata["verdicts"].items():
            if doc in docnames:
                self.data["verdicts"][claim_id] = (doc, title)

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []

    def get_objects(self):
        for claim_id, (docname, title) in sorted(self.data["verdicts"].items()):
            yield title, title, "verdict", docname, claim_anchor(claim_id), 1


def _note_verdicts(app, doctree) -> None:
    app.env.get_domain(VerdictDomain.name).note_verdicts(app.env.docname, doctree)


def _index_what_is_read(app) -> None:
    """Feed Sphinx's search index a copy of each page without its drawings and scripts."""
    builder = app.builder
    if getattr(builder, "format", "") != "html" or not hasattr(builder, "index_page"):
        return
    index_page = builder.index_page
    builder.index_page = lambda pagename, doctree, title: index_page(pagename, readable(doctree), title)


def setup(app) -> None:
    app.add_search_language(SearchBook)
    app.add_domain(VerdictDomain)
    app.connect("doctree-read", _note_verdicts)
    app.connect("builder-inited", _index_what_is_read)
