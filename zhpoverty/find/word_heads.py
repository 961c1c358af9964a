"""Where the words of a fixed set can begin in a text, found for the whole text at once.

A finder that looks for many fixed words (place names, titles) would otherwise try every
position of the text; most positions begin no word. :class:`HeadTable` numbers the *heads* of
the words — their first two characters, or the one character of a one-character word — and
looks up the pair of characters at every position of a text in one vectorised pass, so only the
positions where a head stands need to be tried. Used by :mod:`.places` and :mod:`.people`.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

__all__ = ["HeadTable"]


class HeadTable:
    """Numbers of character pairs (``heads``), looked up at every position of a text at once.

    ``heads`` maps a two-character head to its number (from 1); a one-character head stands
    for that character followed by anything (also by the end of the text), unless a
    two-character head says otherwise. The table is indexed by ``rows[a] + columns[b]``, where
    ``rows`` and ``columns`` number only the characters that occur first and second in a head,
    so it stays small.
    """

    def __init__(self, heads: Mapping[str, int]) -> None:
        if any(len(h) not in (1, 2) for h in heads) or any(k < 1 for k in heads.values()):
            raise ValueError("heads are one or two characters with a number from 1")
        firsts = sorted({h[0] for h in heads})
        seconds = sorted({h[1] for h in heads if len(h) == 2})
        width = len(seconds) + 1  # column 0: a character second in no head, or the end
        # one entry more than the largest code point of a head: every other character maps there
        size = max((ord(c) for h in heads for c in h), default=0) + 2
        self._rows = np.zeros(size, dtype=np.intp)
        self._columns = np.zeros(size, dtype=np.intp)
        for r, ch in enumerate(firsts, start=1):
            self._rows[ord(ch)] = r * width
        for c, ch in enumerate(seconds, start=1):
            self._columns[ord(ch)] = c
        top = max(heads.values(), default=0)
        self._table = np.zeros((len(firsts) + 1) * width, dtype=np.min_scalar_type(top))
        for head, k in sorted(heads.items(), key=lambda hk: len(hk[0])):  # one character first
            row = self._rows[ord(head[0])]
            if len(head) == 1:
                self._table[row : row + width] = k
            else:
                self._table[row + self._columns[ord(head[1])]] = k

    def find(self, text: str) -> tuple[list[int], list[int]]:
        """The offsets in ``text`` where a head begins, in order, and the head number at each."""
        if not text:
            return [], []
        units = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        units = np.minimum(units, len(self._rows) - 1, dtype=np.intp)
        pairs = self._rows.take(units)
        pairs[:-1] += self._columns.take(units[1:])  # the last character is followed by the end
        found = self._table.take(pairs)
        at = found.nonzero()[0]
        return at.tolist(), found.take(at).tolist()
