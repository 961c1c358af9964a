"""zhpoverty: spaCy components that turn Chinese poverty-alleviation news into data."""

from __future__ import annotations

from .about import __version__

__all__ = ["__version__"]
