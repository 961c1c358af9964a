"""Find administrative-division place names in text and resolve each to its 6-digit code.

How it works (all on the shadow text, so 青島城陽 and 關嶺縣 read like 青岛城阳 and 关岭县):

1. **Scan.** Every official name and short form of :mod:`.gazetteer` is looked up by its first
   two characters (a dict of bigrams → candidate lengths; one vectorised pass over the text
   picks the positions worth trying). At each position the longest name wins, unless it overlaps a
   blocking word of ``place_exclusions.tsv`` without containing it (青岛市场 → 青岛, not 青岛市;
   健康县城 → nothing), in which case the next shorter name is tried.
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
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from ..errors import Errors, SettingsError
from ..resources import load_tsv
from ..text.normalize import shadow_for
from .gazetteer import LEVEL_RANK, Alias, Division, alias_index

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


@dataclass(frozen=True, slots=True)
class _Lexicon:
    aliases: dict[str, tuple[Alias, ...]]
    blockers: frozenset[str]
    # first two characters → lengths of the aliases / blockers starting with them, longest first
    alias_lengths: dict[str, tuple[int, ...]]
    blocker_lengths: dict[str, tuple[int, ...]]
    bigram_codes: np.ndarray  # sorted codes (see _pair_codes) of the keys of both
    longest_blocker: int


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    aliases = dict(alias_index())
    blockers = frozenset(
        row["text"]
        for row in load_tsv("place_exclusions.tsv", key=("text", "kind"))
        if row["kind"] == "word"
    )

    def lengths(words: Any) -> dict[str, tuple[int, ...]]:
        acc: dict[str, set[int]] = {}
        for w in words:
            acc.setdefault(w[:2], set()).add(len(w))
        return {k: tuple(sorted(v, reverse=True)) for k, v in acc.items()}

    alias_lengths = lengths(aliases)
    blocker_lengths = lengths(blockers)
    return _Lexicon(
        aliases,
        blockers,
        alias_lengths,
        blocker_lengths,
        np.array(
            sorted({_pair_code(k) for k in (*alias_lengths, *blocker_lengths) if len(k) == 2}),
            dtype=np.uint64,
        ),
        max((len(w) for w in blockers), default=1),
    )


def _pair_code(pair: str) -> int:
    """A number for two characters (a code point fits in 21 bits)."""
    return ord(pair[0]) << 21 | ord(pair[1])


def _pair_codes(text: str) -> np.ndarray:
    """:func:`_pair_code` of every pair of neighbouring characters of ``text``."""
    units = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    units = units.astype(np.uint64)
    return (units[:-1] << 21) | units[1:]


def _candidate_positions(shadow: str, codes: np.ndarray) -> list[int]:
    """The offsets where a bigram among ``codes`` (sorted) begins."""
    if len(shadow) < 2 or not len(codes):
        return []
    pairs = _pair_codes(shadow)
    at = np.searchsorted(codes, pairs).clip(max=len(codes) - 1)
    return np.flatnonzero(codes[at] == pairs).tolist()


@dataclass(slots=True)
class _Match:
    start: int
    end: int
    cands: list[tuple[Division, bool]]  # (division, matched its official name)
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


@lru_cache(maxsize=4)
def _township_words(kind: str) -> tuple[str, ...]:
    rows = load_tsv("place_exclusions.tsv", key=("text", "kind"))
    return tuple(r["text"] for r in rows if r["kind"] == kind)


def _in_township(shadow: str, start: int, end: int) -> bool:
    """A short form that is part of a township or village name (西城镇, 闽宁镇原隆村)."""
    if any(shadow.startswith(w, end) for w in _township_words("township")):
        return True
    return (
        start > 0
        and _HAN.match(shadow, start - 1) is not None
        and any(shadow.startswith(w, start) for w in _township_words("township_head"))
    )


def _in_facility(mentions: list[_Match], shadow: str) -> list[bool]:
    """Flags the mentions that begin a facility name (青岛流亭国际机场)."""
    pattern = _facility_pattern()
    flags = [False] * len(mentions)
    if pattern is None:
        return flags
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
def _scan(shadow: str) -> tuple[tuple[int, int, tuple[Alias, ...]], ...]:
    """Leftmost-longest alias matches that no blocking word cuts through.

    Cached for the last few texts: the organisation finder and :func:`find_places` both need
    the scan of the same shadow text, and it is done once.
    """
    lex = _lexicon()
    positions = _candidate_positions(shadow, lex.bigram_codes)
    if not positions:
        return ()
    blocks: list[tuple[int, int]] = []
    for i in positions:
        for n in lex.blocker_lengths.get(shadow[i : i + 2], ()):
            if shadow[i : i + n] in lex.blockers:
                blocks.append((i, i + n))
    matches: list[tuple[int, int, tuple[Alias, ...]]] = []
    cursor = 0
    for i in positions:
        if i < cursor:
            continue
        for n in lex.alias_lengths.get(shadow[i : i + 2], ()):
            entries = lex.aliases.get(shadow[i : i + n])
            if entries is None or (blocks and _blocked(i, i + n, blocks, lex.longest_blocker)):
                continue
            matches.append((i, i + n, entries))
            cursor = i + n
            break
    return tuple(matches)


def _blocked(start: int, end: int, blocks: list[tuple[int, int]], longest: int) -> bool:
    """True when a blocking word overlaps [start, end) without lying wholly inside it."""
    lo = bisect_left(blocks, (start - longest + 1, -1))
    for a, b in blocks[lo:]:
        if a >= end:
            break
        if start < b and not (start <= a and b <= end):
            return True
    return False


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


def _score(d: Division, cities: set[str], provinces: set[str]) -> int:
    city = d.code if d.level == "city" else d.city_code
    if city is not None and city in cities:
        return 2
    return 1 if d.province_code in provinces else 0


def _resolve(mentions: list[_Match]) -> list[Division | None]:
    chosen: list[Division | None] = [m.cands[0][0] if len(m.cands) == 1 else None for m in mentions]
    cities: set[str] = set()
    provinces: set[str] = set()

    def learn(d: Division) -> None:
        provinces.add(d.province_code)
        city = d.code if d.level == "city" else d.city_code
        if city is not None:
            cities.add(city)

    for d in chosen:
        if d is not None:
            learn(d)
    changed = True
    while changed:
        changed = False
        for k, m in enumerate(mentions):
            if chosen[k] is not None:
                continue
            scores = [_score(d, cities, provinces) for d, _ in m.cands]
            best = max(scores)
            if best == 0:
                continue
            top = [c for c, s in zip(m.cands, scores, strict=True) if s == best]
            pick = _prefer(top)
            if pick is not None:
                chosen[k] = pick
                learn(pick)
                changed = True
    for k, m in enumerate(mentions):
        if chosen[k] is None:
            chosen[k] = _prefer(m.cands)
    return chosen


def _prefer(cands: list[tuple[Division, bool]]) -> Division | None:
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
    matches = [
        _Match(a, b, [(x.division, x.official) for x in e])
        for a, b, e in _scan(shadow)
        if any(x.official for x in e) or not _in_township(shadow, a, b)
    ]
    if exclude:
        cover = bytearray(len(text))
        for a, b in exclude:
            cover[a:b] = b"\x01" * (b - a)
        for m in matches:
            m.excluded = any(cover[m.start : m.end])
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
            Place(
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
