"""Shared machinery for a reproducible fact-check book.

Nothing in this package is specific to one article: the article, its data and
its chapters live in ``seeds/``, ``data/`` and ``chapters/``.

The modules, one concern each (no two import each other in a circle: tests/test_architecture.py):
- data: ``descriptor`` (its format), ``datapackage`` (load, validate), ``checks`` (the rules, as Frictionless checks),
  ``labels`` (words for codes, field titles), ``geo`` (geometry), ``stamps`` (the file hasher)
- the book: ``book`` (``_config.yml``, ``_toc.yml``), ``pages`` (page paths, anchors, links), ``article`` (the text)
- in words: ``dates`` (dates and spans), ``durations`` (how long a span lasted), ``words`` (figures, quotes,
  titles), ``prose`` (a data row's value in prose)
- the check: ``verdicts`` (the scale), ``window`` (publication window, hindsight rule), ``sources``, ``evidence``
- claims: ``claims`` (verdict boxes), ``claimreview`` (ClaimReview JSON-LD), ``register`` (register, annotated article)
- on the page: ``markup`` (templates), ``tables``, ``charts``, ``glue``, ``methodology``, ``dictionary`` (Data page)
- the build: ``sphinx`` (the extension and its roles), ``search``, ``notebooks`` (execution, staleness), ``printing``
- the command line: ``__main__``, ``scaffold`` (``factcheck new``), ``exports`` (the README's findings)
"""

from factcheck.datapackage import DataValidationError, load_table, validate_package

__all__ = ["DataValidationError", "load_table", "validate_package"]
