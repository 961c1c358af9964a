"""zhpoverty: spaCy components that turn Chinese poverty-alleviation news into data.

>>> import zhpoverty
>>> nlp = zhpoverty.load()                       # doctest: +SKIP
>>> zhpoverty.extract(text)["records"]           # doctest: +SKIP
>>> zhpoverty.parse_quantity("6900余万元").value
Decimal('69000000')

The names below are imported on first use, so that ``import zhpoverty`` (which spaCy does for
every pipeline, through the ``spacy_factories`` entry point) stays light.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .about import __version__

if TYPE_CHECKING:
    from .api import extract, extract_many
    from .find.quantities import find_quantities, parse_quantity
    from .pipeline import keep_for_process, load

_LAZY = {
    "load": "pipeline",
    "keep_for_process": "pipeline",
    "extract": "api",
    "extract_many": "api",
    "parse_quantity": "find.quantities",
    "find_quantities": "find.quantities",
}

__all__ = [
    "__version__",
    "extract",
    "extract_many",
    "find_quantities",
    "keep_for_process",
    "load",
    "parse_quantity",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'zhpoverty' has no attribute {name!r}")
