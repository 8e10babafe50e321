"""Glue numbers and text into the prose, as plain Python values.

myst-nb renders a glued NumPy scalar as empty text (``np.int64(71094)`` cannot
be formatted), so every value passes through :func:`plain` first.
"""

from __future__ import annotations

import numbers

import pandas as pd
from myst_nb import glue

from factcheck.dates import format_date


def plain(value):
    """``value`` as a built-in ``int``, ``float`` or ``str``; reject anything else."""
    if isinstance(value, bool) or value is None or value is pd.NA:
        raise TypeError(f"cannot glue {value!r}: not a number or text")
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return int(value) if float(value).is_integer() else float(value)
    if isinstance(value, pd.Timestamp):
        return format_date(value)
    if isinstance(value, str):
        return value
    raise TypeError(f"cannot glue {value!r} of type {type(value).__name__}")


def glue_values(**values) -> dict:
    """Glue each keyword as a hidden value for ``{glue:text}`` roles; return them."""
    plain_values = {name: plain(value) for name, value in values.items()}
    for name, value in plain_values.items():
        glue(name, value, display=False)
    return plain_values
