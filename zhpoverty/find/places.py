"""Find administrative-division place names in text and resolve each to its 6-digit code.

How it works (all on the shadow text, so 青島城陽 and 關嶺縣 read like 青岛城阳 and 关岭县):

1. **Scan.** Every official name and short form of :mod:`.gazetteer` is looked up by its first
   two characters (numbered heads → the lengths of the names beginning with them; one
   vectorised pass over the text, :class:`~.word_heads.HeadTable`, picks the positions worth
   trying). At each position the longest name wins, unless it overlaps a blocking word of
   ``place_exclusions.tsv`` without containing it (青岛市场 → 青岛, not 青岛市; 健康县城 →
   nothing), in which case the next shorter name is tried.
2. **Exclude.** Matches overlapping an ``exclude`` span (organisation or person names found by
   the other finders) are dropped: places inside an organisation's name are not listed. So is
   a name followed within four characters by a facility word of ``place_exclusions.tsv``
   (青岛流亭国际机场), and a short form inside a township or village name (西城镇, 闽宁镇原隆村:
   townships are out of scope).
3. **Join.** A run of adjacent names where each lies inside the one before (青岛城阳, 甘肃陇南,
   甘肃陇南成县, 青岛市城阳区) becomes **one** mention of the most specific place, covering the
   whole run; the prefix also settles an ambiguous short form (吉林朝阳 → 长春市朝阳区). Names
   that do not nest (青岛安顺) stay separate mentions.
4. **Resolve.** A name that can denote several divisions (朝阳, 鼓楼, 长沙) is resolved by the
   other places of the same text: a candidate whose prefecture appears (itself or through a
   place inside it) wins over one whose province appears, which wins over the others; places
   resolved this way feed the next round. Still tied: an official name beats a short form, then
   the higher level wins (长沙 → 长沙市, not 长沙县; 河南 → 河南省) if that leaves exactly one.
   Otherwise the mention is left out rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import Errors, SettingsError
from ..fast_constructors import fast_constructor
from ..resources import load_tsv
from ..text.normalize import shadow_for
from ..text.patterns import word_regex
from .gazetteer import LEVEL_RANK, Division, alias_index
from .word_heads import HeadTable

__all__ = ["Place", "find_places", "place_name_spans"]


@dataclass(frozen=True, slots=True)
class Place:
    """A place mention: ``text == original[start:end]``, resolved to one division."""

    text: str
    start: int
    end: int
    name: str
    code: str
    level: str
    province: str
    city: str | None
    county: str | None

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: text, start, end, name (full hierarchical), code, level."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "code": self.code,
            "level": self.level,
        }


_new_place = fast_constructor(Place)


@dataclass(frozen=True, slots=True)
class _Name:
    """What a name or short form of the gazetteer may denote."""

    cands: tuple[tuple[Division, bool], ...]  # (division, it is the official name), official first
    official: bool  # the official name of at least one of them


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """The gazetteer's names and the blocking words, indexed by their first two characters.

    Each distinct first two characters of a name or blocking word (a *head*) has a number from 1
    in ``heads``; ``alias_lengths[k]`` and ``blocker_lengths[k]`` are the lengths of the names
    and of the blocking words that begin with head ``k``, longest first (index 0 is unused).
    """

    names: dict[str, _Name]
    blockers: frozenset[str]
    alias_lengths: tuple[tuple[int, ...], ...]
    blocker_lengths: tuple[tuple[int, ...], ...]
    heads: HeadTable


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    names = {
        name: _Name(tuple((x.division, x.official) for x in entries), entries[0].official)
        for name, entries in alias_index().items()  # official names come first in entries
    }
    blockers = frozenset(
        row["text"]
        for row in load_tsv("place_exclusions.tsv", key=("text", "kind"))
        if row["kind"] == "word"
    )
    # a word shorter than two characters has no head (and is never looked for)
    heads = sorted({w[:2] for w in (*names, *blockers) if len(w) >= 2})
    number = {head: k for k, head in enumerate(heads, start=1)}

    def lengths(words: Any) -> tuple[tuple[int, ...], ...]:
        acc: list[set[int]] = [set() for _ in range(len(heads) + 1)]
        for w in words:
            if len(w) >= 2:
                acc[number[w[:2]]].add(len(w))
        return tuple(tuple(sorted(n, reverse=True)) for n in acc)

    return _Lexicon(names, blockers, lengths(names), lengths(blockers), HeadTable(number))


@dataclass(slots=True)
class _Match:
    start: int
    end: int
    cands: Sequence[tuple[Division, bool]]  # (division, matched its official name)
    excluded: bool = False


_FACILITY_GAP = 4  # at most this many characters between a place name and a facility word
_CJK = re.compile(r"[\u3400-\u9fff]*")
_HAN = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=1)
def _facility_pattern() -> re.Pattern[str] | None:
    words = sorted(
        (
            r["text"]
            for r in load_tsv("place_exclusions.tsv", key=("text", "kind"))
            if r["kind"] == "facility"
        ),
        key=lambda w: (-len(w), w),
    )
    return re.compile("|".join(map(re.escape, words))) if words else None


@lru_cache(maxsize=1)
def _township_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The township words (after a short form) and township heads (its beginning), as patterns."""
    rows = load_tsv("place_exclusions.tsv", key=("text", "kind"))
    return (
        word_regex(r["text"] for r in rows if r["kind"] == "township"),
        word_regex(r["text"] for r in rows if r["kind"] == "township_head"),
    )


def _in_township(shadow: str, start: int, end: int) -> bool:
    """A short form that is part of a township or village name (西城镇, 闽宁镇原隆村)."""
    after, head = _township_patterns()
    if after.match(shadow, end) is not None:
        return True
    return (
        start > 0
        and head.match(shadow, start) is not None
        and _HAN.match(shadow, start - 1) is not None
    )


def _in_facility(mentions: list[_Match], shadow: str) -> list[bool]:
    """Flags the mentions that begin a facility name (青岛流亭国际机场)."""
    pattern = _facility_pattern()
    flags = [False] * len(mentions)
    if pattern is None or not mentions or pattern.search(shadow, mentions[0].end) is None:
        return flags  # no facility word after the first mention
    for k, m in enumerate(mentions):
        window_end = m.end + _FACILITY_GAP
        if k + 1 < len(mentions):
            window_end = min(window_end, mentions[k + 1].start)  # no other place in between
        hit = pattern.search(shadow, m.end, window_end + 4)
        if hit is not None and hit.start() <= window_end:
            gap = _CJK.match(shadow, m.end, hit.start())
            flags[k] = gap is not None and gap.end() == hit.start()
    return flags


@lru_cache(maxsize=4)
def _scan(shadow: str) -> tuple[tuple[int, int, _Name], ...]:
    """Leftmost-longest name matches that no blocking word cuts through.

    Cached for the last few texts: the organisation finder and :func:`find_places` both need
    the scan of the same shadow text, and it is done once.
    """
    lex = _lexicon()
    positions, numbers = lex.heads.find(shadow)
    if not positions:
        return ()
    # A blocking word cuts through a name when it overlaps it without lying wholly inside it,
    # that is when the name's start or end lies strictly inside the blocking word.
    size = len(shadow)
    inside: set[int] = set()
    for i, k in zip(positions, numbers, strict=True):
        for n in lex.blocker_lengths[k]:
            # near the end a slice comes back short and could equal a shorter word: skip it
            if i + n <= size and shadow[i : i + n] in lex.blockers:
                inside.update(range(i + 1, i + n))
    matches: list[tuple[int, int, _Name]] = []
    cursor = 0
    for i, k in zip(positions, numbers, strict=True):
        if i < cursor:
            continue
        for n in lex.alias_lengths[k]:
            if i + n > size:
                continue
            name = lex.names.get(shadow[i : i + n])
            if name is None or i in inside or i + n in inside:
                continue
            matches.append((i, i + n, name))
            cursor = i + n
            break
    return tuple(matches)


def _check_spans(spans: Sequence[tuple[int, int]], length: int) -> None:
    for span in spans:
        start, end = span
        if not (0 <= start <= end <= length):
            raise SettingsError(Errors.E008.format(span=tuple(span), length=length))


def _join(matches: list[_Match]) -> list[_Match]:
    """Merge runs of nested names (青岛|城阳, 甘肃|陇南|成县) into one mention each."""
    out: list[_Match] = []
    for m in matches:
        prev = out[-1] if out else None
        if prev is not None and not prev.excluded and not m.excluded and prev.end == m.start:
            inside = [
                (d, official)
                for d, official in m.cands
                if any(d.is_within(p) for p, _ in prev.cands)
            ]
            if inside:
                out[-1] = _Match(prev.start, m.end, inside)
                continue
        out.append(m)
    return out


def _score(d: Division, cities: set[str | None], provinces: set[str]) -> int:
    city = d.code if d.level == "city" else d.city_code
    if city is not None and city in cities:
        return 2
    return 1 if d.province_code in provinces else 0


def _resolve(mentions: list[_Match]) -> list[Division | None]:
    chosen: list[Division | None] = [m.cands[0][0] if len(m.cands) == 1 else None for m in mentions]
    known = [d for d in chosen if d is not None]
    provinces = {d.province_code for d in known}
    cities = {d.code if d.level == "city" else d.city_code for d in known}  # None: no city
    pending = [k for k, d in enumerate(chosen) if d is None]  # in text order
    changed = True
    while changed:
        changed = False
        unsettled = []
        for k in pending:
            cands = mentions[k].cands
            scores = [_score(d, cities, provinces) for d, _ in cands]
            best = max(scores)
            pick = None
            if best > 0:
                pick = _prefer([c for c, s in zip(cands, scores, strict=True) if s == best])
            if pick is None:
                unsettled.append(k)
                continue
            chosen[k] = pick
            provinces.add(pick.province_code)
            cities.add(pick.code if pick.level == "city" else pick.city_code)
            changed = True
        pending = unsettled
    for k in pending:
        chosen[k] = _prefer(mentions[k].cands)
    return chosen


def _prefer(cands: Sequence[tuple[Division, bool]]) -> Division | None:
    """One candidate, or the only official-name one, or the only one at the highest level."""
    if len(cands) == 1:
        return cands[0][0]
    official = [c for c in cands if c[1]]
    pool = official or cands
    if len(pool) == 1:
        return pool[0][0]
    top = min(LEVEL_RANK[d.level] for d, _ in pool)
    highest = [d for d, _ in pool if LEVEL_RANK[d.level] == top]
    return highest[0] if len(highest) == 1 else None


def find_places(
    text: str,
    *,
    shadow: str | None = None,
    exclude: Sequence[tuple[int, int]] = (),
) -> list[Place]:
    """Find the province-, prefecture- and county-level place names in ``text``.

    ``shadow`` is ``shadow_text(text)`` when the caller has it already. ``exclude`` holds
    ``(start, end)`` spans (organisation and person names) inside which no place is reported.
    Returns the mentions in text order; a run such as 甘肃陇南成县 is one mention of the most
    specific place. Ambiguous names that the other places of the text cannot settle are left out.

    Examples:
        >>> [(p.text, p.code) for p in find_places("青岛城阳帮扶贵州关岭")]
        [('青岛城阳', '370214'), ('贵州关岭', '520424')]
    """
    if not text:
        return []
    shadow = shadow_for(text, shadow)
    _check_spans(exclude, len(text))
    cover = bytearray(len(text))  # 1 inside an exclude span
    for a, b in exclude:
        cover[a:b] = b"\x01" * (b - a)
    matches = [
        _Match(a, b, name.cands, cover.find(1, a, b) >= 0)
        for a, b, name in _scan(shadow)
        if name.official or not _in_township(shadow, a, b)
    ]
    mentions = [m for m in _join(matches) if not m.excluded]
    if mentions:
        mentions = [
            m for m, f in zip(mentions, _in_facility(mentions, shadow), strict=True) if not f
        ]
    out: list[Place] = []
    for m, d in zip(mentions, _resolve(mentions), strict=True):
        if d is None:
            continue
        out.append(
            _new_place(
                text[m.start : m.end],
                m.start,
                m.end,
                d.full_name,
                d.code,
                d.level,
                d.province,
                d.city,
                d.county,
            )
        )
    return out


def place_name_spans(shadow: str) -> list[tuple[int, int]]:
    """Spans of every place name or short form in a shadow text, ambiguous ones included.

    No exclusion, joining or resolution: this tells other finders where a place name stands
    (an organisation's name may begin with one: 青岛利和萃取有限公司).
    """
    return [(a, b) for a, b, _ in _scan(shadow)]
