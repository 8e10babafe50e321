"""Shared machinery for a reproducible fact-check book.

Nothing in this package is specific to one article: the article, its data and
its chapters live in ``seeds/``, ``data/`` and ``chapters/``.
"""

from factcheck.datapackage import DataValidationError, load_table, validate_package

__all__ = ["DataValidationError", "load_table", "validate_package"]
