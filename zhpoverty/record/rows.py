"""Indicator rows: one record per quantity that measures an activity (SPEC §5).

:func:`build_records` takes what the finders found in an article — all as plain dicts with
offsets — and decides, for each quantity in the body text:

- whether it is an indicator and which (:func:`~zhpoverty.record.indicators.classify_indicator`
  on its sentence; durations, rooms and the like give no record);
- its ``aid_type``: the sentence's, else its section's, else the article's main one (a callable
  from the aid-type scores);
- its ``date``: the nearest date in the sentence before it (else after it), else the article's
  year;
- its ``subject``: the nearest organisation before it in the sentence, else the first place
  before it in the sentence (城阳区2019年组织…), else the nearest organisation earlier in the
  paragraph (the company a project sentence goes on about) — never the object of a
  preposition (在福贡县，向积石山县投入), and the source of the figures (据…扶贫办统计，) only
  when nobody else acts (…理事长农立新说，合作社今年种植…; see :mod:`zhpoverty.record.actors`);
- its ``place``: a place of the sentence that follows a locative word — the nearest before it
  (在丹凤县，南京援建的…), else the first after it (引导27家企业到商洛) — else the nearest place
  before it in the sentence (the subject included: 六盘水市共提供…岗位), else the first place
  after it in the sentence, else the last place named earlier in the paragraph.

Quantities in the title, header, captions, headings and byline give no record. The work goes
sentence by sentence: each sentence is cut out, scanned for cues and searched for its dates once,
for all the quantities that start in it. No spaCy here.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from operator import itemgetter
from typing import Any

from ..text.normalize import shadow_for
from .actors import SubjectCues, after_word, stands_aside, subject_cues
from .indicator_lexicon import NONE, resolve_indicator_cues
from .indicators import decide_indicator

Span = tuple[int, int]
Mention = Mapping[str, Any]
_START, _END, _START_END = itemgetter("start"), itemgetter("end"), itemgetter("start", "end")
_QUANTITY = itemgetter("quantity")


def _containing(spans: Sequence[Span], starts: Sequence[int], offset: int) -> Span | None:
    i = bisect_right(starts, offset) - 1
    if i >= 0 and spans[i][0] <= offset < spans[i][1]:
        return spans[i]
    return None


def _running_max(values: Iterable[int]) -> list[int]:
    """The largest of ``values`` up to each one (``accumulate(values, max)`` does the same, but
    a call of the builtin ``max`` per value costs several times this loop)."""
    out: list[int] = []
    top = None
    for value in values:
        if top is None or value > top:
            top = value
        out.append(top)
    return out


class _Sorted:
    """Mentions sorted by start, with their starts for bisection (a long article has thousands)."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.items = sorted(mentions, key=_START_END)
        self.starts = list(map(_START, self.items))
        # the furthest end of the mentions up to each one
        self.reach = _running_max(map(_END, self.items))

    def within(self, lo: int, hi: int) -> list[Mention]:
        """The mentions lying wholly inside ``[lo, hi)``, in text order."""
        i = bisect_left(self.starts, lo)
        j = bisect_left(self.starts, hi, i)
        if i == j or self.reach[j - 1] <= hi:  # none of them runs past hi
            return self.items[i:j]
        return [m for m in self.items[i:j] if m["end"] <= hi]


def _by_sentence(
    sentences: Sequence[Span], starts: Sequence[int]
) -> Iterator[tuple[Span, list[int]]]:
    """Each sentence (``sentences`` sorted) with the indices of the quantities starting in it
    (``starts``), in text order; sentences with none are left out.

    A quantity belongs to the last sentence that starts at or before it, if it starts before
    that sentence ends (as :func:`_containing` finds it), so that each belongs to one sentence
    at most even when sentences overlap.
    """
    order = sorted(range(len(starts)), key=starts.__getitem__)
    by_start = [starts[i] for i in order]
    for k, sentence in enumerate(sentences):
        s0, s1 = sentence
        stop = s1  # or the next sentence's start, if that comes first
        if k + 1 < len(sentences) and sentences[k + 1][0] < s1:
            stop = sentences[k + 1][0]
        first = bisect_left(by_start, s0)
        last = bisect_left(by_start, stop, first)
        if first < last:
            yield sentence, order[first:last]


def _place_name(place: Mention) -> str:
    return str(place.get("name") or place["text"])


def _org_name(org: Mention) -> str:
    return str(org.get("name") or org["text"])


def _year(published: str | None) -> str | None:
    return published[:4] if published and published[:4].isdigit() else None


def build_records(
    text: str,
    *,
    quantities: Sequence[Mention],
    sentences: Sequence[Span],
    paragraphs: Sequence[Span] = (),
    excluded: Sequence[Span] = (),
    dates: Sequence[Mention] = (),
    places: Sequence[Mention] = (),
    organizations: Sequence[Mention] = (),
    aid_type_at: Callable[[int, int], str | None] | None = None,
    published: str | None = None,
    shadow: str | None = None,
    indicator_cues: Any = None,
) -> list[dict[str, Any]]:
    """The records of one article, in the order of their quantities (see the module doc)."""
    sentences = sorted(sentences)
    paragraphs = sorted(paragraphs)
    para_starts = [s for s, _ in paragraphs]
    excluded = sorted(excluded)
    excl_starts = [s for s, _ in excluded]
    excl_reach = _running_max(e for _, e in excluded)  # the furthest end so far
    shadow = shadow_for(text, shadow)
    table = resolve_indicator_cues(indicator_cues)
    cues = subject_cues()
    year = _year(published)
    place_index, org_index, date_index = _Sorted(places), _Sorted(organizations), _Sorted(dates)
    records: list[dict[str, Any]] = []
    for sentence, indices in _by_sentence(sentences, [q["start"] for q in quantities]):
        s0, s1 = sentence
        sentence_shadow = shadow[s0:s1]
        evidence = text[s0:s1].strip()
        dated = [d for d in date_index.within(s0, s1) if d.get("value")]
        # whether some excluded stretch reaches into the sentence
        j = bisect_left(excl_starts, s1)
        may_be_excluded = j > 0 and excl_reach[j - 1] > s0
        for index in indices:
            q = quantities[index]
            start, end = q["start"], q["end"]
            if may_be_excluded and _containing(excluded, excl_starts, start) is not None:
                continue
            match = decide_indicator(
                sentence_shadow, start - s0, end - s0, label=q["label"], unit=q["unit"], table=table
            )
            if match.indicator == NONE:
                continue
            paragraph = _containing(paragraphs, para_starts, start) or sentence
            places_before = place_index.within(s0, start)
            subject = _subject(q, sentence, paragraph, places_before, org_index, shadow, cues)
            place = _place(q, sentence, paragraph, places_before, place_index, shadow, cues)
            records.append(
                {
                    "indicator": match.indicator,
                    "value": q.get("value"),
                    "unit": q["unit"],
                    "approx": q.get("approx"),
                    "range": q.get("range"),
                    "aid_type": aid_type_at(start, end) if aid_type_at else None,
                    "subject": subject,
                    "place": _place_name(place) if place else None,
                    "place_code": place.get("code") if place else None,
                    "date": _date(q, dated) or year,
                    "quantity": index,
                    "quantity_text": q["text"],
                    "cue": text[s0 + match.start : s0 + match.end]
                    if match.start is not None
                    else None,
                    "evidence": {"text": evidence, "start": s0, "end": s1},
                }
            )
    records.sort(key=_QUANTITY)
    return records


def _subject(
    q: Mention,
    sentence: Span,
    paragraph: Span,
    places_before: list[Mention],
    organizations: _Sorted,
    shadow: str,
    cues: SubjectCues,
) -> str | None:
    """The record's subject (see the module doc); ``places_before`` are the places of the
    sentence before the quantity."""
    s0, _ = sentence
    limit = q["start"]
    # the nearest organisation that may act; the last source of the figures in case none does
    source_here = None
    for m in reversed(organizations.within(s0, limit)):
        why = stands_aside(shadow, m["start"], m["end"], limit, cues)
        if why is None:
            return _org_name(m)
        if why == "source" and source_here is None:
            source_here = m
    for m in places_before:
        if stands_aside(shadow, m["start"], m["end"], limit, cues) is None:
            return _place_name(m)
    source_earlier = None
    for m in reversed(organizations.within(paragraph[0], s0)):
        why = stands_aside(shadow, m["start"], m["end"], limit, cues)
        if why is None:
            return _org_name(m)
        if why == "source" and source_earlier is None:
            source_earlier = m
    # no other actor: the speaker's organisation (…理事长农立新说，合作社今年种植…)
    source = source_here if source_here is not None else source_earlier
    return _org_name(source) if source is not None else None


def _place(
    q: Mention,
    sentence: Span,
    paragraph: Span,
    before: list[Mention],
    places: _Sorted,
    shadow: str,
    cues: SubjectCues,
) -> Mention | None:
    """The record's place (see the module doc); ``before`` are the places of the sentence
    before the quantity."""
    s0, s1 = sentence
    for m in reversed(before):
        if after_word(shadow, m["start"], cues.locative):  # 在丹凤县，南京援建的…
            return m
    after = places.within(q["end"], s1)
    for m in after:
        if after_word(shadow, m["start"], cues.locative):  # 南京共引导27家企业到商洛…
            return m
    if before:
        return before[-1]
    if after:
        return after[0]
    earlier = places.within(paragraph[0], s0)  # the place the paragraph is talking about
    return earlier[-1] if earlier else None


def _date(q: Mention, dated: list[Mention]) -> str | None:
    """The value of the nearest date before the quantity, else of the first after it, among
    ``dated`` (the dates of its sentence that have a value, in text order)."""
    start, end = q["start"], q["end"]
    before = after = None
    for d in dated:
        if d["start"] < start and d["end"] <= start:
            before = d
        elif after is None and d["start"] >= end:
            after = d
    found = before if before is not None else after
    return str(found["value"]) if found is not None else None
