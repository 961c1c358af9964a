"""The shadow text: a same-length, normalised copy of a document that finders match against.

Finders never match the original text directly. They match :func:`shadow_text` — full-width
forms folded to ASCII, dash and tilde variants unified, exotic spaces made plain, traditional
characters mapped to simplified ones character by character — and report offsets, which are
valid for the original because the shadow has exactly the same length. ``text[start:end]`` of
the original is what a user sees; the shadow is only for matching.

The traditional → simplified map is built once per process from OpenCC's own conversion tables
(``t2s``, then ``tw2s`` and ``hk2s`` for regional variants), one character at a time, keeping
only one-to-one mappings so that the length never changes. Phrase-level conversion is not used
on purpose: it can change length and would break offsets.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

# Ranges of code points offered to OpenCC when the map is built: CJK Unified Ideographs and
# Extension A (Extension B+ characters are not converted by OpenCC's t2s character table).
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))

_SPACES = (
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000\u200b\ufeff"
)
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"
_TILDES = "\u301c\u223c\u02dc"


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Full-width ASCII variants U+FF01..U+FF5E → U+0021..U+007E (digits, letters, ％, ．, ～ …).
    for cp in range(0xFF01, 0xFF5F):
        table[cp] = chr(cp - 0xFEE0)
    for ch in _SPACES:
        table[ord(ch)] = " "
    for ch in _DASHES:
        table[ord(ch)] = "-"
    for ch in _TILDES:
        table[ord(ch)] = "~"
    return table


@lru_cache(maxsize=1)
def simplification_table() -> dict[int, str]:
    """Traditional → simplified, one character to one (built once, about 20 ms).

    The ``str.translate`` table the segmenters read traditional text through
    (:mod:`zhpoverty.segmentation.chinese_tokenizer`): only ideographs change, so spacing and
    punctuation stay as written.
    """
    import opencc  # imported here: building the map is the only use

    chars = [chr(cp) for lo, hi in _CJK_RANGES for cp in range(lo, hi + 1)]
    joined = "\n".join(chars)
    mapping: dict[int, str] = {}
    for config in ("t2s", "tw2s", "hk2s"):
        converted = opencc.OpenCC(config).convert(joined).split("\n")
        if len(converted) != len(chars):  # a config that merged lines cannot be used per char
            continue
        for src, dst in zip(chars, converted, strict=True):
            if src != dst and len(dst) == 1 and ord(src) not in mapping:
                mapping[ord(src)] = dst
    return mapping


@lru_cache(maxsize=1)
def translation_table() -> dict[int, str]:
    """The ``str.translate`` table behind :func:`shadow_text`: simplification plus folding."""
    table = dict(simplification_table())
    table.update(_fold_table())
    return table


def shadow_for(text: str, shadow: str | None) -> str:
    """``shadow`` checked against ``text`` (same length), or computed when it is None.

    Every finder takes an optional precomputed shadow; this is the one place that checks it.
    """
    if shadow is None:
        return shadow_text(text)
    if len(shadow) != len(text):
        from ..errors import Errors, SettingsError

        raise SettingsError(Errors.E007.format(got=len(shadow), expected=len(text)))
    return shadow


def shadow_text(text: str) -> str:
    """Return the normalised shadow of ``text``; ``len(shadow_text(t)) == len(t)`` always.

    >>> shadow_text("６９００餘萬元，約１０％")
    '6900余万元,约10%'
    """
    # str.translate looks every character up in a dict (~60 ns each); a lookup array over the
    # UTF-32 code units does the same mapping about seven times faster. Every entry of the table
    # is in the Basic Multilingual Plane and maps to one character; other characters, lone
    # surrogates included, pass through unchanged.
    units = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    lookup = _lookup_array()
    mapped = np.where(units < len(lookup), lookup[units & 0xFFFF], units)
    return mapped.tobytes().decode("utf-32-le", "surrogatepass")


@lru_cache(maxsize=1)
def _lookup_array() -> np.ndarray:
    """:func:`translation_table` as an array indexed by code point (the BMP)."""
    lookup = np.arange(0x10000, dtype=np.uint32)
    for cp, ch in translation_table().items():
        lookup[cp] = ord(ch)  # every key is below 0x10000, every value one character
    return lookup
