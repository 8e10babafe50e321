"""Sphinx extension wiring the package into the Jupyter Book build.

* validates the data package first, so a malformed row stops the build with
  one message naming file, row and column, and stops it too if a notebook's
  stored outputs were made from other code or data (the build executes
  nothing: it renders the outputs ``make execute`` stored);
* writes the bibliography from the source registry;
* serves the Vega bundle and the chart loader from the book's own static
  files (no CDN);
* makes a page that glues values from a notebook depend on that notebook;
* publishes every checkable claim as schema.org ClaimReview (claims.jsonld).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from sphinx.errors import ExtensionError

from factcheck import bibliography
from factcheck.article import load_article
from factcheck.book import book_notebooks
from factcheck.claims import claim_reviews
from factcheck.charts import VEGA_LITE_VERSION, javascript_bundle
from factcheck.datapackage import DATA_ENV, DataValidationError, find_data_dir, load_table, validate_package
from factcheck.notebooks import StaleOutputsError, check_outputs

PACKAGE_DIR = Path(__file__).parent
BIB_PATH = "_build/references.bib"
VEGA_BUNDLE = "fc-vega-bundle.js"
CLAIMS_JSONLD = "claims.jsonld"
GLUE_FROM_DOCUMENT = re.compile(r"\{glue:[a-z]+\}`([^`:]+)::")


def _configure(app, config) -> None:
    """Validate the data and check the stored outputs, write the bibliography,
    register static files and the article's title, and point every later step
    at this book's data."""
    data_dir = find_data_dir(Path(app.srcdir))
    os.environ.setdefault(DATA_ENV, str(data_dir))
    try:
        validate_package(data_dir)
        check_outputs(book_notebooks(data_dir.parent), data_dir.parent)
    except (DataValidationError, StaleOutputsError) as error:
        raise ExtensionError(str(error)) from None
    bib = Path(app.srcdir) / BIB_PATH
    bib.parent.mkdir(parents=True, exist_ok=True)
    text = bibliography.bibtex(load_table("sources", data_dir))
    if not bib.exists() or bib.read_text() != text:
        bib.write_text(text)
    config.html_static_path.append(str(PACKAGE_DIR / "static"))
    config.myst_substitutions = {**config.myst_substitutions, "article_title": load_article(data_dir.parent / "seeds").title}


def _note_glue_dependencies(app, docname: str, source: list[str]) -> None:
    """A page that glues ``{glue:text}`other.ipynb::key``` depends on that
    notebook: when its outputs change, the page is written again."""
    folder = Path(app.srcdir, docname).parent
    for path in GLUE_FROM_DOCUMENT.findall(source[0]):
        app.env.note_dependency(str(folder / path))


def _drop_thebe(app, pagename, templatename, context, doctree) -> None:
    """Jupyter Book always loads sphinx-thebe, whose inline config is added twice
    (a "THEBE_JS_URL has already been declared" error on every page) and points
    at a CDN. The book runs no live code, so its assets are left out."""
    context["script_files"] = [
        js for js in context.get("script_files", [])
        if "thebe" not in (getattr(js, "filename", None) or "") and "THEBE" not in (getattr(js, "attributes", {}).get("body", ""))
    ]
    context["css_files"] = [css for css in context.get("css_files", []) if "thebe" not in str(getattr(css, "filename", css))]


def _fix_citation_list_role(app, pagename, templatename, context, doctree) -> None:
    """docutils wraps citations in role="list" but gives the entries
    role="doc-biblioentry", not "listitem", which breaks ARIA's list rules
    (axe: aria-required-children). Without the list role the entries stand
    as they are, each still announced as a bibliography entry."""
    if "body" in context:
        context["body"] = context["body"].replace('<div role="list" class="citation-list">', '<div class="citation-list">')


def _write_downloads(app, exception) -> None:
    """The Vega bundle (once per version) and the claims as JSON-LD."""
    if exception or app.builder.format != "html":
        return
    reviews = json.dumps(claim_reviews(), ensure_ascii=False, indent=1)
    (Path(app.outdir) / CLAIMS_JSONLD).write_text(reviews + "\n")
    target = Path(app.outdir) / "_static" / VEGA_BUNDLE
    stamp = f"/* vega-lite {VEGA_LITE_VERSION} */\n"
    if not target.exists() or not target.read_text().startswith(stamp):
        # A function scope keeps the bundle's top-level names (such as `_`)
        # from clashing with Sphinx's globals; it still sets window.vegaEmbed.
        target.write_text(f"{stamp}(function () {{\n{javascript_bundle()}\n}})();\n")


def setup(app):
    app.connect("config-inited", _configure)
    app.connect("source-read", _note_glue_dependencies)
    app.connect("html-page-context", _drop_thebe)
    app.connect("html-page-context", _fix_citation_list_role)
    app.connect("build-finished", _write_downloads)
    app.add_js_file("fc-charts.js", defer="defer")
    app.add_js_file("fc-table.js", defer="defer")
    app.add_css_file("fc-book.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
