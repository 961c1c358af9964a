"""Where the words of a fixed set begin or end in a text, found without trying every length.

A finder that looks for many fixed words (place names, titles) would otherwise try every
position of the text; most positions begin no word. :class:`HeadTable` numbers the *heads* of
the words — their first two characters, or the one character of a one-character word — and
looks up the pair of characters at every position of a text in one vectorised pass, so only the
positions where a head stands need to be tried. Used by :mod:`.places` and :mod:`.people`.

:class:`EndingWords` answers the mirror question at one position: the longest word of a set
that ends there (格局 where the ending 局 was found, 公司 before a title). It tries only the
lengths of the words that end in the character before the position, so where no word ends in
that character it costs one dictionary look-up. Used by :mod:`.organizations` and :mod:`.people`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

__all__ = ["EndingWords", "HeadTable"]


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
        # "clip": a code point past the tables reads their last entry, that of no head character
        pairs = self._rows.take(units, mode="clip")
        pairs[:-1] += self._columns.take(units[1:], mode="clip")  # the last one ends the text
        found = self._table.take(pairs)
        at = found.nonzero()[0]
        return at.tolist(), found.take(at).tolist()


class EndingWords:
    """A fixed set of words, looked up by where they end: :meth:`longest_ending`.

    ``words`` is the set itself (for membership tests); the lengths of the words are kept by
    their last character, longest first.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(w for w in words if w)
        lengths: dict[str, set[int]] = {}
        for word in self.words:
            lengths.setdefault(word[-1], set()).add(len(word))
        self._lengths = {last: tuple(sorted(ns, reverse=True)) for last, ns in lengths.items()}

    def longest_ending(self, text: str, end: int) -> str:
        """The longest of the words that ends at ``end`` in ``text`` (``0 <= end <= len(text)``),
        or "" if none does.

        >>> EndingWords(["局", "格局", "新格局"]).longest_ending("形成新格局，", 5)
        '新格局'
        """
        if end <= 0:
            return ""
        for n in self._lengths.get(text[end - 1], ()):
            if n <= end and text[end - n : end] in self.words:
                return text[end - n : end]
        return ""
