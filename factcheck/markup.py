"""HTML from the Jinja2 templates in ``factcheck/templates/html``.

Autoescape is on: every value a template writes is escaped unless it is
``markupsafe.Markup``, which is what :func:`render` returns, so HTML built by
one template passes whole into another and escaping cannot be forgotten.
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

ENVIRONMENT = Environment(
    loader=PackageLoader("factcheck", "templates/html"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def plain_text(value) -> str:
    """The text a reader sees of ``value``: tags dropped and entities decoded if it is ``Markup``."""
    return value.striptags() if isinstance(value, Markup) else str(value)


ENVIRONMENT.filters["plain_text"] = plain_text


def render(template: str, **context) -> Markup:
    """``template`` (a file name in ``templates/html``) filled with ``context``, as safe HTML."""
    return Markup(ENVIRONMENT.get_template(template).render(**context))
