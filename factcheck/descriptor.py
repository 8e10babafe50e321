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
# The field of the descriptor that makes a table's rows the keys of each role.
ROLE_FIELDS = {"fig": "valueField", "date": "dateField"}
