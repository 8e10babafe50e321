"""The data package's format: its descriptor's file name and how a text cell refers to a figure.

Both the validation (:mod:`factcheck.checks`) and the readers of the data
(:mod:`factcheck.datapackage`, :mod:`factcheck.prose`) use these, so they live
apart from either.
"""

import re

DESCRIPTOR = "datapackage.json"
# A text cell's reference to a figure, ``{table:id}``: checked by factcheck.checks, rendered by the prose.
REFERENCE = re.compile(r"\{([a-z_]+):([a-z0-9-]+)\}")
# A text cell's use of the prose's roles, ``{fig}`key```, ``{date}`key``` and ``{quote}`key```: checked and
# rendered likewise.
ROLE = re.compile(r"\{(fig|date|quote)\}`([^`]+)`")
# The field of the descriptor that makes a table's rows the keys of each role ({quote}: see serves_role).
ROLE_FIELDS = {"fig": "valueField", "date": "dateField"}
ROLES = (*ROLE_FIELDS, "quote")


def serves_role(role: str, declared, fields, key: list[str]) -> bool:
    """Whether a table's rows are what ``role``'s keys name: it declares the role's field (``declared``: the
    resource's properties), or, for ``{quote}``, has an ``excerpt`` among its ``fields`` and a one-field ``key``."""
    if role == "quote":
        return "excerpt" in fields and len(key) == 1
    return ROLE_FIELDS[role] in declared


# How precisely a date may be said, coarsest first, and a {date} key's name for a row's date to its end date.
PRECISIONS = ("year", "month", "day")
SPAN = "span"


def date_key(key: str) -> tuple[str, str, str]:
    """A ``{date}`` key, ``[table:]id[.field][/precision]``, as (row key, date field or "", precision or "")."""
    key, _, precision = key.partition("/")
    if precision and precision not in PRECISIONS:
        raise KeyError(f"{{date}}`{key}/{precision}`: a date is said to the {' or '.join(PRECISIONS)}")
    row_key, _, field = key.partition(".")
    return row_key, field, precision
