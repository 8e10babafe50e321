"""Sphinx extension wiring the package into the Jupyter Book build.

* validates the data package first, so a malformed row stops the build with
  one message naming file, row and column, and stops it too if a notebook's
  stored outputs were made from other code or data (the build executes
  nothing: it renders the outputs ``make execute`` stored);
* cites sources in prose: ``{cite:p}`id1,id2``` becomes "(Publisher, date)"
  linking each source's entry on the Sources page;
* puts data in prose: ``{fig}`figure-id```, ``{date}`row-id``` and
  ``{quote}`row-id``` become a row's figure, date or excerpt in words (``factcheck.prose``), linked to its source's
  entry and naming the source in the link's title;
* serves the Vega bundle and the chart loader from the book's own static
  files (no CDN);
* makes a page that glues values from a notebook depend on that notebook;
* publishes every checkable claim as schema.org ClaimReview (claims.jsonld);
* makes the offline search find names, numbers and verdicts (``factcheck.search``).

Heavy modules (pandas, Altair) are imported only when a step needs them, so
a rebuild with nothing to do stays fast.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from importlib.metadata import version
from pathlib import Path

from docutils import nodes
from docutils.utils.smartquotes import smartyPants
from markupsafe import Markup
from sphinx.domains import Domain
from sphinx.errors import ExtensionError
from sphinx.util import logging

from factcheck import search
from factcheck.article import load_article
from factcheck.book import BASEURL_ENV, DOWNLOADS, book_metadata, book_notebooks, with_report_links
from factcheck.datapackage import DATA_ENV, DESCRIPTOR, DataValidationError, find_data_dir, validate_package
from factcheck.markup import render
from factcheck.notebooks import StaleOutputsError, check_outputs, inputs_fingerprint
from factcheck.pages import page, source_anchor
from factcheck.stamps import write_once

PACKAGE_DIR = Path(__file__).parent
# Templates that replace the theme's own of the same name (its asset macros, its search button)
THEME_TEMPLATES = PACKAGE_DIR / "templates" / "theme"
VEGA_BUNDLE = "fc-vega-bundle.js"
CLAIMS_JSONLD = "claims.jsonld"
GLUE_FROM_DOCUMENT = re.compile(r"\{glue:[a-z]+\}`([^`:]+)::")
DATA_IN_PROSE = re.compile(r"\{(?:fig|date|quote)\}`")
logger = logging.getLogger(__name__)


class source_citation(nodes.Inline, nodes.TextElement):
    """``{cite:p}`a,b``` until it is resolved into links to the Sources page."""


class data_reference(nodes.Inline, nodes.TextElement):
    """A ``{fig}``, ``{date}`` or ``{quote}`` role until it is resolved into words linked to the row's source."""


def data_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [data_reference(rawtext, text.strip(), role=name, key=text.strip())], []


def cite_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [source_citation(rawtext, "", keys=[key.strip() for key in text.split(",") if key.strip()])], []


class CiteDomain(Domain):
    """The ``cite`` role family: ``{cite:p}`` cites sources of the registry."""

    name = "cite"
    label = "Source citations"
    roles = {"p": cite_role}


def _configure(app, config) -> None:
    """Validate the data and check the stored outputs, register static files
    and the article's title, and point every later step at this book's data."""
    data_dir = find_data_dir(Path(app.srcdir))
    os.environ.setdefault(DATA_ENV, str(data_dir))
    try:
        validate_package(data_dir)
        check_outputs(book_notebooks(data_dir.parent), data_dir.parent)
    except (DataValidationError, StaleOutputsError) as error:
        raise ExtensionError(str(error)) from None
    config.html_static_path.append(str(PACKAGE_DIR / "static"))
    config.templates_path.insert(0, str(THEME_TEMPLATES))  # before the theme's own components folder
    # No download menu (the page's .ipynb, a browser print as .pdf): readers get
    # the print edition from the front page, the notebooks from the repository.
    # Jupyter Book's _config.yml has no key for this theme option.
    config.html_theme_options = {**config.html_theme_options, "use_download_button": False}
    # No general index: the book's pages add no index entries, so it would be an empty page titled "Index".
    config.html_use_index = False
    if os.environ.get(BASEURL_ENV):
        config.html_baseurl = os.environ[BASEURL_ENV]
    config.myst_substitutions = {
        **config.myst_substitutions,
        "article_title": load_article(data_dir.parent / "seeds").title,
    }


def _note_dependencies(app, docname: str, source: list[str]) -> None:
    """A page that glues ``{glue:text}`other.ipynb::key``` depends on that
    notebook, and a page that puts data in prose depends on the data: when
    either changes, the page is written again."""
    folder = Path(app.srcdir, docname).parent
    for path in GLUE_FROM_DOCUMENT.findall(source[0]):
        app.env.note_dependency(str(folder / path))
    if DATA_IN_PROSE.search(source[0]):
        for path in find_data_dir(Path(app.srcdir)).glob("*.csv"):
            app.env.note_dependency(str(path))


def _resolve_citations(app, doctree, docname: str) -> None:
    """Each cited source becomes "Publisher, date", linked to its entry on the Sources page."""
    citations = list(doctree.findall(source_citation))
    if not citations:
        return
    from factcheck.sources import registry, short_citation  # late: pandas only for a page that cites

    sources = registry()
    to_sources = app.builder.get_relative_uri(docname, page("sources"))
    for citation in citations:
        parts = [nodes.Text("(")]
        for key in citation["keys"]:
            if key not in sources.index:
                logger.warning(f"cited source '{key}' is not in the source registry", location=citation)
                continue
            if len(parts) > 1:
                parts.append(nodes.Text("; "))
            parts.append(
                nodes.reference(
                    "", short_citation(sources.loc[key]), refuri=f"{to_sources}#{source_anchor(key)}", internal=True
                )
            )
        parts.append(nodes.Text(")"))
        citation.replace_self(nodes.inline("", "", *parts, classes=["fc-cite"]))


def _resolve_data(app, doctree, docname: str) -> None:
    """Each ``{fig}``/``{date}`` becomes its row's figure or date in words, linked to its source's entry."""
    references = list(doctree.findall(data_reference))
    if not references:
        return
    from factcheck.prose import ROLE_WORDS  # late, as above
    from factcheck.sources import registry, short_citation

    sources = registry()
    to_sources = app.builder.get_relative_uri(docname, page("sources"))
    for reference in references:
        try:
            datum = ROLE_WORDS[reference["role"]](reference["key"])
        except KeyError as error:
            logger.warning(str(error.args[0]), location=reference)
            reference.replace_self(nodes.Text(reference["key"]))
            continue
        title = f"Source: {short_citation(sources.loc[datum.source_id])}"
        # the same typography as the text around it: resolved after Sphinx's smart quotes ran on the page
        text = smartyPants(datum.text, attr=app.config.smartquotes_action) if app.config.smartquotes else datum.text
        link = nodes.reference(
            "", text, refuri=f"{to_sources}#{source_anchor(datum.source_id)}", reftitle=title, internal=True
        )
        reference.replace_self(nodes.inline("", "", link, classes=["fc-datum"]))


def without_script(html: str, name: str) -> str:
    """``html`` without the ``<script>`` element that loads the file ``name``."""
    return re.sub(rf'<script\b[^>]*\bsrc="[^"]*\b{re.escape(name)}[^"]*"[^>]*></script>\s*', "", str(html))


def _add_template_filters(app) -> None:
    if hasattr(app.builder, "templates"):
        app.builder.templates.environment.filters["without_script"] = without_script


def _drop_thebe(app, pagename, templatename, context, doctree) -> None:
    """Jupyter Book always loads sphinx-thebe, whose inline config is added twice
    (a "THEBE_JS_URL has already been declared" error on every page) and points
    at a CDN. The book runs no live code, so its assets are left out."""
    context["script_files"] = [
        js
        for js in context.get("script_files", [])
        if "thebe" not in (getattr(js, "filename", None) or "")
        and "THEBE" not in (getattr(js, "attributes", {}).get("body", ""))
    ]
    context["css_files"] = [
        css for css in context.get("css_files", []) if "thebe" not in str(getattr(css, "filename", css))
    ]


def _report_links(app, pagename, templatename, context, doctree) -> None:
    """Point the pages' report links at the repository's issue form, when the book names one."""
    if "body" in context:
        context["body"] = with_report_links(context["body"], book_metadata()["repository"])


def _description(doctree, limit: int = 200) -> str:
    """The page's first paragraph of prose, shortened to ``limit`` characters."""
    for paragraph in doctree.findall(nodes.paragraph):
        text = " ".join(paragraph.astext().split())
        if len(text) > 40:
            return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return ""


def _preview_image(app, pagename: str, doctree) -> str:
    """A PNG of the page's first chart (its static SVG), written beside the book; "" if it has none."""
    for raw in doctree.findall(nodes.raw):
        match = re.search(r'<div class="fc-chart-static"[^>]*>(<svg.*?</svg>)', raw.astext(), re.S)
        if match:
            import vl_convert  # late: slow to import, and only a page with a chart needs it

            name = f"previews/{pagename.replace('/', '-')}.png"
            target = Path(app.outdir) / "_static" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(vl_convert.svg_to_png(match[1]))
            return f"_static/{name}"
    return ""


def _link_preview(app, pagename, templatename, context, doctree) -> None:
    """A description and Open Graph metadata on every page, so that a shared link previews well."""
    if doctree is None or app.builder.name != "html":
        return
    baseurl = book_metadata()["baseurl"]
    image = _preview_image(app, pagename, doctree)
    tags = render(
        "link_preview.html",
        description=_description(doctree),
        title=Markup(context.get("title", "")).striptags(),
        site_name=book_metadata()["title"],
        url=f"{baseurl}{pagename}.html" if baseurl else "",
        # absolute where the book knows its address, as link previews want
        image=(baseurl + image if baseurl else context["pathto"](image, 1)) if image else "",
    )
    context["metatags"] = context.get("metatags", "") + str(tags)  # Markup + str would escape the str


def _claims_jsonld() -> str:
    from factcheck.claimreview import claim_reviews  # late: pandas only when the JSON-LD is written again

    return json.dumps(claim_reviews(), ensure_ascii=False, indent=1) + "\n"


def _vega_bundle() -> str:
    from factcheck.charts import javascript_bundle  # late: Altair is slow to import

    # A function scope keeps the bundle's top-level names (such as `_`) from
    # clashing with Sphinx's globals; it still sets window.vegaEmbed.
    return f"(function () {{\n{javascript_bundle()}\n}})();\n"


def _write_downloads(app, exception) -> None:
    """The package's static files, the data package byte for byte for the Data page's downloads; the
    claims as JSON-LD and the Vega bundle, each written again only when what
    it is made from changed (the inputs; the chart libraries' versions)."""
    if exception or app.builder.format != "html":
        return
    # Sphinx copies static files only when it writes a page: a changed
    # stylesheet or script alone must still reach the book.
    for path in (PACKAGE_DIR / "static").iterdir():
        target = Path(app.outdir) / "_static" / path.name
        if not target.exists() or target.read_bytes() != path.read_bytes():
            shutil.copyfile(path, target)
    data_dir = find_data_dir(Path(app.srcdir))
    downloads = Path(app.outdir) / DOWNLOADS
    downloads.mkdir(exist_ok=True)
    for path in [*data_dir.glob("*.csv"), data_dir / DESCRIPTOR]:
        shutil.copyfile(path, downloads / path.name)
    stamps = Path(app.doctreedir)
    write_once(Path(app.outdir) / CLAIMS_JSONLD, inputs_fingerprint(data_dir.parent), _claims_jsonld, stamps)
    libraries = " ".join(f"{name} {version(name)}" for name in ("altair", "vl-convert-python"))
    write_once(Path(app.outdir) / "_static" / VEGA_BUNDLE, libraries, _vega_bundle, stamps)


def _root_page(app, exception) -> None:
    """The book's root redirect as a small page of its own: with the book's icon
    (a browser would otherwise ask for a /favicon.ico the book does not have),
    a title, and a link for readers whose browser does not follow redirects."""
    if exception or app.builder.name != "html":
        return
    first = app.builder.get_target_uri(app.config.root_doc)
    page = render("root_page.html", title=book_metadata()["title"], first=first)
    (Path(app.outdir) / "index.html").write_text(page + "\n")


def setup(app):
    search.setup(app)
    app.add_domain(CiteDomain)
    app.add_node(source_citation)
    app.add_node(data_reference)
    app.add_role("fig", data_role)
    app.add_role("date", data_role)
    app.add_role("quote", data_role)
    app.connect("config-inited", _configure)
    app.connect("builder-inited", _add_template_filters)
    app.connect("source-read", _note_dependencies)
    app.connect("doctree-resolved", _resolve_citations)
    app.connect("doctree-resolved", _resolve_data)
    app.connect("html-page-context", _drop_thebe)
    app.connect("html-page-context", _link_preview)
    app.connect("html-page-context", _report_links)
    app.connect("build-finished", _write_downloads)
    app.connect("build-finished", _root_page)
    app.add_js_file("fc-charts.js", defer="defer")
    app.add_js_file("fc-table.js", defer="defer")
    app.add_js_file("fc-search.js", defer="defer")
    app.add_css_file("fc-book.css")
    app.add_css_file("fc-print.css", media="print")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
