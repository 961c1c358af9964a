"""Find people: 总裁张永昌, 记者 宋新华, 习近平总书记, 村民余学明, …的谭德兵说.

A person is anchored on a title (``titles.tsv``). After a title that may precede a name, the name
is a surname (``surnames.tsv``, single or compound) plus one or two given-name characters, after
at most two spaces, and it must be followed by a boundary: punctuation, a space, the end of the
text, another title, or an end word of ``people_words.tsv`` (告诉, 介绍, 说, 表示 …). Before a title
that may follow a name (总书记, 同志, 书记 …), the name must start the text or follow punctuation,
a space or a left word (和, 与, 的 …). A candidate is never a name when it contains a character
that does not occur in given names here (的, 了, 说 …), a title, or is a common word
(``notname``: 高兴, 全面 …); so 记者告诉… and 负责人告诉记者 give no person.

The longer name wins (张永昌, not 张永) unless it ends in a one-character end word and the shorter
one is also well bounded (王强和县长 → 王强). *Descriptors* (村民, 贫困户, 青年 …) anchor a name
like titles but give ``title`` null. Two more rules find people without a title: a
three-character name between a left boundary and a speech verb (…的谭德兵说), and every later
mention of a name already found (”何嘉明说), which repeats that mention's title and organisation.

``organization`` is the organisation whose name ends where the title starts (城阳区人社局副局长
董咏梅), one character before it across 的 (广州市第六中学的数学教师何嘉明), or before a short
department (湖州市第一人民医院心内科主任医师沈国良); a generic
reference right before the title (公司总经理周立新, ``org_references.tsv``) points to the nearest
organisation of that kind named earlier.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..resources import check_choice, load_tsv
from ..text.normalize import shadow_for
from ..text.patterns import word_pattern
from .organizations import Organization, find_organizations
from .word_heads import EndingWords, HeadTable

__all__ = ["Person", "find_people"]

_CJK = re.compile(r"[\u3400-\u9fff]")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_MAX_SPACES = 2
# a department between an organisation and a title: 湖州市第一人民医院|心内科|主任医师
_DEPARTMENT = re.compile(r"[\u3400-\u9fff]{1,5}(?:科|室|处|部|组|队)")
_POSITIONS = ("before", "after", "both", "descriptor", "credit")
_CREDIT_MARKS = "：:/"
_WORD_KINDS = ("end", "left", "notname", "badchar", "speech")


@dataclass(frozen=True, slots=True)
class Person:
    """A person: ``text`` is the name only; ``title`` as written, or None; ``organization``.

    ``title_start``/``title_end`` locate the title or descriptor that anchored the name (both
    equal the name's end when a speech verb did).
    """

    text: str
    start: int
    end: int
    title: str | None
    organization: str | None
    title_start: int
    title_end: int

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: text, start, end, title, organization."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "title": self.title,
            "organization": self.organization,
        }


@dataclass(frozen=True, slots=True)
class _Tables:
    title_re: re.Pattern[str]
    title_heads: HeadTable  # where a title can begin
    position: dict[str, str]
    single: frozenset[str]
    compound: frozenset[str]
    end_re: re.Pattern[str]
    end_chars: frozenset[str]
    left_chars: frozenset[str]
    left_words: EndingWords  # left words of two or more characters
    notname: frozenset[str]
    badchar: frozenset[str]
    speech_re: re.Pattern[str]
    references: dict[str, str]  # generic word → organisation kind
    reference_words: EndingWords  # the words of ``references``


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    position: dict[str, str] = {}
    for row in load_tsv("titles.tsv", key="title"):
        check_choice("titles.tsv", row["title"], "position", row["position"], _POSITIONS)
        position[row["title"]] = row["position"]
    surnames = [row["surname"] for row in load_tsv("surnames.tsv", key="surname")]
    words: dict[str, set[str]] = {k: set() for k in _WORD_KINDS}
    for row in load_tsv("people_words.tsv", key=("word", "kind")):
        check_choice("people_words.tsv", row["word"], "kind", row["kind"], _WORD_KINDS)
        words[row["kind"]].add(row["word"])
    references = {r["word"]: r["kind"] for r in load_tsv("org_references.tsv", key="word")}
    return _Tables(
        title_re=re.compile(word_pattern(position)),
        title_heads=HeadTable({title[:2]: 1 for title in position}),
        position=position,
        single=frozenset(s for s in surnames if len(s) == 1),
        compound=frozenset(s for s in surnames if len(s) == 2),
        end_re=re.compile(word_pattern(words["end"])),
        end_chars=frozenset(w for w in words["end"] if len(w) == 1),
        left_chars=frozenset(w for w in words["left"] if len(w) == 1),
        left_words=EndingWords(w for w in words["left"] if len(w) > 1),
        notname=frozenset(words["notname"]),
        badchar=frozenset(words["badchar"]),
        speech_re=re.compile(word_pattern(words["speech"])),
        references=references,
        reference_words=EndingWords(references),
    )


def _titles(shadow: str, tables: _Tables) -> Iterator[re.Match[str]]:
    """The matches of ``tables.title_re.finditer(shadow)``, tried only where a title can begin."""
    resume = 0
    for i in tables.title_heads.find(shadow)[0]:
        if i >= resume and (m := tables.title_re.match(shadow, i)) is not None:
            resume = m.end()
            yield m


def _is_name(shadow: str, start: int, end: int, surname_len: int, tables: _Tables) -> bool:
    name = shadow[start:end]
    if len(name) != end - start or _CJK_RUN.fullmatch(name) is None:
        return False
    if name in tables.notname or name[:2] in tables.notname:
        return False
    if name in _region_names():  # 江苏老师, 湖南客商: a province or city, not a person
        return False
    if not tables.badchar.isdisjoint(name[surname_len:]):
        return False
    k = start + 1
    while (m := tables.title_re.search(shadow, k, end)) is not None:
        # no title inside a name (a credit role needs its mark)
        if tables.position[m.group()] != "credit":
            return False
        k = m.start() + 1
    return True


@lru_cache(maxsize=1)
def _region_names() -> frozenset[str]:
    """Names and short forms of provinces and prefecture-level cities."""
    from .gazetteer import divisions, short_forms

    names: set[str] = set()
    for division in divisions():
        if division.level in ("province", "city"):
            names.add(division.name)
            names.update(short_forms(division))
    return frozenset(names)


def _bounded_after(shadow: str, pos: int, tables: _Tables) -> bool:
    if pos >= len(shadow) or not _CJK.match(shadow, pos):
        return True
    return bool(tables.end_re.match(shadow, pos) or tables.title_re.match(shadow, pos))


def _bounded_before(shadow: str, pos: int, tables: _Tables) -> bool:
    if pos == 0 or not _CJK.match(shadow, pos - 1) or shadow[pos - 1] in tables.left_chars:
        return True
    return bool(tables.left_words.longest_ending(shadow, pos))


def _name_after(
    shadow: str, pos: int, tables: _Tables, *, credit: bool = False
) -> tuple[int, int] | None:
    """The name that starts at ``pos`` (after a title), skipping up to two spaces; a credit role
    needs a colon or slash first (文/杨帆), which any title may have (记者：宋新华)."""
    if pos < len(shadow) and shadow[pos] in _CREDIT_MARKS:
        pos += 1
    elif credit:
        return None
    p = pos
    while p < len(shadow) and shadow[p] == " " and p - pos < _MAX_SPACES:
        p += 1
    candidates: list[tuple[int, int]] = []  # (end, surname length), longest first
    if shadow[p : p + 2] in tables.compound:
        candidates += [(p + 4, 2), (p + 3, 2)]
    if p < len(shadow) and shadow[p] in tables.single:
        candidates += [(p + 3, 1), (p + 2, 1)]
    valid = [
        q
        for q, sl in candidates
        if q <= len(shadow)
        and _is_name(shadow, p, q, sl, tables)
        and _bounded_after(shadow, q, tables)
    ]
    if not valid:
        return None
    best = valid[0]
    if len(valid) > 1 and shadow[best - 1] in tables.end_chars:  # 王强和县长 → 王强
        best = valid[1]
    return p, best


def _name_before(shadow: str, end: int, tables: _Tables) -> tuple[int, int] | None:
    """The name that ends at ``end`` (before a title such as 总书记)."""
    for length, surname_len in ((4, 2), (3, 1), (3, 2), (2, 1)):
        p = end - length
        if p < 0:
            continue
        surname = shadow[p : p + surname_len]
        known = tables.compound if surname_len == 2 else tables.single
        if (
            surname in known
            and _is_name(shadow, p, end, surname_len, tables)
            and _bounded_before(shadow, p, tables)
        ):
            return p, end
    return None


def _containing(
    spans: list[tuple[int, int]], starts: list[int], pos: int
) -> tuple[int, int] | None:
    """The span (sorted, non-overlapping) with start < pos < end, if any."""
    k = bisect_right(starts, pos - 1) - 1
    if k >= 0 and spans[k][0] < pos < spans[k][1]:
        return spans[k]
    return None


def _overlaps(spans: list[tuple[int, int]], starts: list[int], span: tuple[int, int]) -> bool:
    k = bisect_right(starts, span[1] - 1) - 1  # last span starting before span's end
    return k >= 0 and spans[k][1] > span[0]


def _organization(
    shadow: str,
    ts: int,
    by_end: dict[int, Organization],
    orgs: Sequence[Organization],
    tables: _Tables,
) -> Organization | None:
    """The organisation a title at ``ts`` belongs to (adjacent, across 的, or by reference)."""
    org = by_end.get(ts)
    if org is None and ts > 0 and shadow[ts - 1] == "的":
        org = by_end.get(ts - 1)
    if org is not None:
        return org
    for gap in range(2, 7):
        org = by_end.get(ts - gap)
        if org is not None and _DEPARTMENT.fullmatch(shadow, ts - gap, ts):
            return org
    word = tables.reference_words.longest_ending(shadow, ts)
    if word:
        kind = tables.references[word]
        k = bisect_right([o.end for o in orgs], ts - len(word))  # orgs ending before it
        return next((o for o in reversed(orgs[:k]) if o.kind == kind), None)
    return None


def find_people(
    text: str,
    *,
    shadow: str | None = None,
    organizations: Sequence[Organization] | None = None,
) -> list[Person]:
    """Find people in ``text``: named with a title, a descriptor, a speech verb, or again.

    ``organizations`` are the organisations of the same text (from
    :func:`~zhpoverty.find.organizations.find_organizations`); when ``None`` they are found
    here. Pass ``()`` to link no organisation.

    >>> [(p.text, p.title, p.organization) for p in find_people("”城阳区人社局副局长董咏梅说。")]
    [('董咏梅', '副局长', '城阳区人社局')]
    """
    if not text:
        return []
    shadow = shadow_for(text, shadow)
    tables = _tables()
    if organizations is None:
        organizations = find_organizations(text, shadow=shadow)
    orgs = sorted(organizations, key=lambda o: (o.start, o.end))
    by_end = {o.end: o for o in orgs}
    org_spans = [(o.start, o.end) for o in orgs]
    org_starts = [a for a, _ in org_spans]
    found: dict[tuple[int, int], Person] = {}
    taken = bytearray(len(shadow))

    def add(span: tuple[int, int], title: str | None, org: str | None, ts: int, te: int) -> None:
        if span in found or any(taken[span[0] : span[1]]):
            return
        if _overlaps(org_spans, org_starts, span):
            return
        found[span] = Person(text[span[0] : span[1]], span[0], span[1], title, org, ts, te)
        taken[span[0] : span[1]] = b"\x01" * (span[1] - span[0])

    for m in _titles(shadow, tables):
        ts, te = m.start(), m.end()
        inside = _containing(org_spans, org_starts, ts)
        if inside is not None:  # 城阳区委书记: the title starts where the organisation ends
            again = tables.title_re.match(shadow, inside[1]) if inside[1] < te else None
            if again is None:
                continue
            ts, te = again.start(), again.end()
        where = tables.position[shadow[ts:te]]
        credit = where == "credit"
        span = _name_after(shadow, te, tables, credit=credit) if where != "after" else None
        if span is None and where in ("after", "both"):
            span = _name_before(shadow, ts, tables)
        if span is None:
            continue
        org = _organization(shadow, ts, by_end, orgs, tables)
        title = None if where == "descriptor" else text[ts:te]
        org_name = org.text if org is not None else None
        add(span, title, org_name, ts, te)
        while span[1] < len(shadow) and shadow[span[1]] in " 、" and span[0] >= te:
            # a byline lists several names after one title: （记者 刘川 王晓雪）, 编辑：黄雪、刘芳
            step = 1 if shadow[span[1]] == "、" else 0
            nxt = _name_after(shadow, span[1] + step, tables)
            if nxt is None or nxt[0] == span[1]:
                break
            add(nxt, title, org_name, ts, te)
            span = nxt

    repeated: set[str] = set()

    def repeat() -> None:
        """Add the later mentions of each name found (”何嘉明说) that was not repeated before: a
        second pass over a name would find each of its mentions added or refused for good."""
        first: dict[str, Person] = {}  # each name once, with its first mention's title
        for person in sorted(found.values(), key=lambda x: x.start):
            first.setdefault(shadow[person.start : person.end], person)
        for name, person in first.items():
            if name in repeated:
                continue
            repeated.add(name)
            pos = shadow.find(name)
            while pos >= 0:
                end = pos + len(name)
                if _bounded_before(shadow, pos, tables) and _bounded_after(shadow, end, tables):
                    add(
                        (pos, end),
                        person.title,
                        person.organization,
                        person.title_start,
                        person.title_end,
                    )
                pos = shadow.find(name, end)

    repeat()
    for m in tables.speech_re.finditer(shadow):  # …的谭德兵说: three characters, no title
        p = m.start() - 3
        if (
            p >= 0
            and shadow[p] in tables.single
            and _bounded_before(shadow, p, tables)
            and _is_name(shadow, p, m.start(), 1, tables)
        ):
            add((p, m.start()), None, None, m.start(), m.start())

    repeat()
    return sorted(found.values(), key=lambda x: x.start)
