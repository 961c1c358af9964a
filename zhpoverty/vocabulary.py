"""The closed vocabularies of the output, read from the package's data files.

One place answers "is this a valid unit / label / indicator / aid type"; the docs tables are
generated from the same files.
"""

from __future__ import annotations

from functools import lru_cache

from .resources import load_tsv

QUANTITY_LABELS = ("MONEY", "QUANTITY", "CARDINAL", "PERCENT")
DATE_LABELS = ("DATE", "TIME")
APPROX_VALUES = ("approx", "over", "under")
PLACE_LEVELS = ("province", "city", "county")


@lru_cache(maxsize=1)
def canonical_units() -> dict[str, dict[str, str]]:
    """Canonical unit code → its row in ``canonical_units.tsv``."""
    return {row["unit"]: row for row in load_tsv("canonical_units.tsv", key="unit")}


@lru_cache(maxsize=1)
def aid_type_labels() -> tuple[str, ...]:
    """The built-in aid-type labels, in table order."""
    return tuple(row["label"] for row in load_tsv("aid_types.tsv", key="label"))


@lru_cache(maxsize=1)
def indicators() -> tuple[str, ...]:
    """The record indicators, in table order."""
    return tuple(row["indicator"] for row in load_tsv("indicators.tsv", key="indicator"))
