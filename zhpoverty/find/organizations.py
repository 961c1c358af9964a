"""Find organisation names: companies, cooperatives, agencies, schools, hospitals and others.

An organisation is anchored on its ending (``org_suffixes.tsv``: 有限公司, 合作社, 局, 办, 委员会,
学校, 医院, 工作站, 基地 …). Its name runs left from the ending, over Chinese characters and Latin
letters, and stops at:

- punctuation, a space, a digit, or the previous organisation;
- a boundary word of ``org_boundaries.tsv`` (是, 在, 的, 入职, 来自 …), unless the word lies
  inside a place name (和 in 和田) or a name word (对口); a *soft* boundary (和, 与, 及 …) ends the
  name only when no place name stands before it inside the name, or when a place name follows it
  (青岛利和萃取有限公司 keeps 和; 城阳区和关岭县人社局 is cut after 和);
- a measure word after a digit (2所学校 → no name).

A quoted name (“关岭县驻城阳区劳务协作工作站”) is taken whole. A place prefix belongs to the name.
The name is rejected when it is generic: fewer than two characters before the ending (该公司,
公司), a word of ``org_exclusions.tsv`` that merely ends like an organisation (新格局, 举办, 西部),
or a generic rest after the place prefix (关岭中小学幼儿园, 省示范幼儿园). *Weak* endings (基地,
中心, 工作站, 学校 …) need a quoted name or a place prefix; 基地 needs quotes
(“城阳关岭协作就业扶贫基地” counts; 家庭教育培训基地 does not).

Finally a company found with its legal form also yields its short names elsewhere in the text:
青岛利和萃取有限公司 → 青岛利和萃取, 利和萃取 (``org_industries.tsv`` explains when).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..resources import check_choice, load_tsv
from ..text.normalize import shadow_for
from ..text.patterns import word_pattern, word_regex
from .places import place_name_spans
from .word_heads import EndingWords

__all__ = ["ORG_KINDS", "Organization", "find_organizations"]

ORG_KINDS = ("company", "cooperative", "agency", "school", "hospital", "other")
_STRENGTHS = ("strong", "weak", "quoted")
MAX_NAME = 24  # characters before the ending that a name may have
_QUOTES = {"“": "”", "「": "」", "『": "』", '"': '"', "‘": "’", "《": "》"}
_NAME_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z·]")
# everything up to the last character that cannot be part of a name (greedy, then back off)
_UP_TO_NON_NAME = re.compile(r".*[^\u3400-\u9fffA-Za-z·]", re.DOTALL)
_DIGIT = re.compile(r"[0-9〇零一二三四五六七八九十百千万两]")


@dataclass(frozen=True, slots=True)
class Organization:
    """An organisation mention; ``rule`` says how it was found (suffix, quoted, short_name).

    ``name`` is the full name the mention stands for: the text itself, or for a short name
    (利和萃取) the full name it was derived from (青岛利和萃取有限公司).
    """

    text: str
    start: int
    end: int
    kind: str
    rule: str = "suffix"
    full_name: str | None = None

    @property
    def name(self) -> str:
        """The full name (the text itself unless this is a short name)."""
        return self.full_name or self.text

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: text, start, end, kind, name (the full name)."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "name": self.name,
        }


@dataclass(frozen=True, slots=True)
class _Suffix:
    kind: str
    strength: str  # strong | weak | quoted
    legal: bool
    not_before: re.Pattern[str]  # words that, right after the ending, show it is no ending


@dataclass(frozen=True, slots=True)
class _Tables:
    suffixes: dict[str, _Suffix]
    suffix_re: re.Pattern[str]
    boundary_re: re.Pattern[str]
    boundary_kind: dict[str, str]
    measures: frozenset[str]
    false_endings: EndingWords  # words that merely end like an organisation (新格局)
    generic: frozenset[str]
    legal_suffixes: tuple[str, ...]  # longest first
    industries: EndingWords


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    suffixes: dict[str, _Suffix] = {}
    for row in load_tsv("org_suffixes.tsv", key="suffix"):
        check_choice("org_suffixes.tsv", row["suffix"], "kind", row["kind"], ORG_KINDS)
        check_choice("org_suffixes.tsv", row["suffix"], "strength", row["strength"], _STRENGTHS)
        nb = word_regex(w for w in row["not_before"].split("|") if w)
        suffixes[row["suffix"]] = _Suffix(row["kind"], row["strength"], row["legal"] == "yes", nb)
    kinds: dict[str, str] = {}
    for row in load_tsv("org_boundaries.tsv", key="word"):
        kind_choices = ("hard", "soft", "measure", "name")
        check_choice("org_boundaries.tsv", row["word"], "kind", row["kind"], kind_choices)
        kinds[row["word"]] = row["kind"]
    false_endings: set[str] = set()
    generic: set[str] = set()
    for row in load_tsv("org_exclusions.tsv", key=("text", "kind")):
        check_choice("org_exclusions.tsv", row["text"], "kind", row["kind"], ("word", "generic"))
        if row["kind"] == "word":
            false_endings.add(row["text"])
        else:
            generic.add(row["text"])
    industries = EndingWords(r["word"] for r in load_tsv("org_industries.tsv", key="word"))
    boundary_words = [w for w, k in kinds.items() if k != "measure"]
    return _Tables(
        suffixes=suffixes,
        suffix_re=re.compile(word_pattern(suffixes)),
        boundary_re=re.compile(word_pattern(boundary_words)),
        boundary_kind=kinds,
        measures=frozenset(w for w, k in kinds.items() if k == "measure"),
        false_endings=EndingWords(false_endings),
        generic=frozenset(generic),
        legal_suffixes=tuple(
            sorted((s for s, info in suffixes.items() if info.legal), key=len, reverse=True)
        ),
        industries=industries,
    )


def _suffix_runs(shadow: str, tables: _Tables) -> list[tuple[int, int, str]]:
    """Endings in text order; adjacent ones (集团|有限公司) are one run, typed by the last."""
    runs: list[tuple[int, int, str]] = []
    for m in tables.suffix_re.finditer(shadow):
        if runs and runs[-1][1] == m.start():
            runs[-1] = (runs[-1][0], m.end(), m.group())
        else:
            runs.append((m.start(), m.end(), m.group()))
    return runs


def _is_false_ending(shadow: str, end: int, suffix: _Suffix, tables: _Tables) -> bool:
    """True when the ending at ``end`` is followed by a word of its ``not_before`` (局长), or
    ends a word that merely ends like an organisation (格局)."""
    if suffix.not_before.match(shadow, end) is not None:
        return True
    return bool(tables.false_endings.longest_ending(shadow, end))


def _left_edge(
    shadow: str,
    start: int,
    end: int,
    floor: int,
    places: dict[int, int],
    place_starts: list[int],
    place_ends: list[int],
    tables: _Tables,
) -> tuple[int, bool] | None:
    """Start of the name whose ending is shadow[start:end], and whether it was quoted."""
    ws = _name_run_start(shadow, max(floor, start - MAX_NAME), start)
    if ws > 0 and shadow[ws - 1] in _QUOTES and shadow.startswith(_QUOTES[shadow[ws - 1]], end):
        return ws, True
    hard_end = ws
    softs: list[re.Match[str]] = []
    for m in tables.boundary_re.finditer(shadow, ws, end):  # a name word may reach the ending
        if m.start() >= start:
            break
        if _overlaps_place(place_starts, place_ends, m.start(), m.end()):
            continue  # 和 in 和田, 于 in 于都: part of a place name
        kind = tables.boundary_kind[m.group()]
        if kind == "hard":
            hard_end = m.end()
            softs.clear()
        elif kind == "soft":
            softs.append(m)
    name_start = hard_end
    for m in reversed(softs):
        if not _place_in(place_starts, name_start, m.start()) or m.end() in places:
            name_start = m.end()
            break
    truncated = start - ws >= MAX_NAME and ws > 0 and _NAME_CHAR.match(shadow, ws - 1)
    if truncated and name_start == ws:  # a long unbroken run: trust only a place name as the start
        k = bisect_left(place_starts, ws)
        if k == len(place_starts) or place_starts[k] >= start:
            return None
        name_start = place_starts[k]
    if (
        name_start > 0
        and shadow[name_start] in tables.measures
        and _DIGIT.match(shadow, name_start - 1)
    ):
        name_start += 1
    return name_start, False


def _name_run_start(shadow: str, lo: int, hi: int) -> int:
    """Where the name characters that end at ``hi`` begin, but not before ``lo``."""
    other = _UP_TO_NON_NAME.match(shadow, lo, hi)  # up to the last character of no name
    return lo if other is None else other.end()


def _overlaps_place(place_starts: list[int], place_ends: list[int], lo: int, hi: int) -> bool:
    """True when [lo, hi) overlaps a place name (they are sorted and do not overlap)."""
    k = bisect_left(place_starts, hi) - 1  # the last place name starting before hi
    return k >= 0 and place_ends[k] > lo


def _place_in(place_starts: list[int], lo: int, hi: int) -> bool:
    """True when a place name starts in [lo, hi)."""
    k = bisect_left(place_starts, lo)
    return k < len(place_starts) and place_starts[k] < hi


def _after_places(pos: int, stop: int, places: dict[int, int]) -> int:
    while pos in places and places[pos] <= stop:
        pos = places[pos]
    return pos


def find_organizations(text: str, *, shadow: str | None = None) -> list[Organization]:
    """Find organisation names in ``text`` (see the module docstring for the rules).

    >>> [o.text for o in find_organizations("”青岛利和萃取有限公司总裁张永昌介绍")]
    ['青岛利和萃取有限公司']
    """
    if not text:
        return []
    shadow = shadow_for(text, shadow)
    tables = _tables()
    runs = _suffix_runs(shadow, tables)
    if not runs:
        return []
    places = dict(place_name_spans(shadow))  # start → end, in text order
    starts = list(places)
    ends = list(places.values())
    found: list[Organization] = []
    floor = 0
    for s, e, last in runs:
        suffix = tables.suffixes[last]
        if _is_false_ending(shadow, e, suffix, tables):
            continue
        edge = _left_edge(shadow, s, e, floor, places, starts, ends, tables)
        if edge is None:
            continue
        name_start, quoted = edge
        if found and name_start == floor == found[-1].end and not quoted:
            # a branch or department right after its parent: 城阳区委|组织部, 集团|陇南分公司
            parent = found.pop()
            found.append(Organization(text[parent.start : e], parent.start, e, suffix.kind))
            floor = e
            continue
        if s - name_start < 2:
            continue
        last_start = e - len(last)  # 中小学|幼儿园: the rest runs up to the last ending
        rest_start = _after_places(name_start, last_start, places)
        rest = shadow[rest_start:last_start]
        if rest in tables.generic:
            continue
        if suffix.kind == "company" and not rest:
            continue
        needs_quotes = suffix.strength == "quoted" or (
            suffix.strength == "weak" and name_start not in places
        )
        if needs_quotes and not quoted:
            continue
        found.append(
            Organization(
                text[name_start:e], name_start, e, suffix.kind, "quoted" if quoted else "suffix"
            )
        )
        floor = e
    if found:
        found = _add_short_names(text, shadow, found, places, tables)
    return found


def _short_names(
    org: Organization, shadow: str, places: dict[int, int], tables: _Tables
) -> list[str]:
    """Short names of a company with a legal form: 青岛利和萃取有限公司 → 青岛利和萃取, 利和萃取."""
    if org.kind != "company":
        return []
    name = shadow[org.start : org.end]
    legal = next((s for s in tables.legal_suffixes if name.endswith(s)), None)  # the longest
    if legal is None:
        return []
    stem = name[: -len(legal)]
    rest_start = _after_places(org.start, org.start + len(stem), places) - org.start
    trade = stem[rest_start:]
    industry = tables.industries.longest_ending(trade, len(trade))  # the longest that ends it
    if not industry or len(trade) - len(industry) < 2:
        return []
    out = [trade]
    if rest_start > 0:
        out.insert(0, stem)
    return out


def _add_short_names(
    text: str,
    shadow: str,
    found: list[Organization],
    places: dict[int, int],
    tables: _Tables,
) -> list[Organization]:
    taken = bytearray(len(shadow))
    for o in found:
        taken[o.start : o.end] = b"\x01" * (o.end - o.start)
    shorts: dict[str, Organization] = {}  # short name → the organisation it abbreviates
    for org in found:
        for short in _short_names(org, shadow, places, tables):
            shorts.setdefault(short, org)
    extra: list[Organization] = []
    for short, full in sorted(shorts.items(), key=lambda kv: -len(kv[0])):
        pos = shadow.find(short)
        while pos >= 0:
            end = pos + len(short)
            if not any(taken[pos:end]):
                extra.append(
                    Organization(text[pos:end], pos, end, full.kind, "short_name", full.text)
                )
                taken[pos:end] = b"\x01" * (end - pos)
            pos = shadow.find(short, end)
    return sorted(found + extra, key=lambda o: (o.start, o.end))
