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

Quantities in the title, header, captions, headings and byline give no record. No spaCy here.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..text.normalize import shadow_for
from .actors import after_word, stands_aside, subject_cues
from .indicators import classify_indicator

Span = tuple[int, int]
Mention = Mapping[str, Any]


def _containing(spans: Sequence[Span], starts: Sequence[int], offset: int) -> Span | None:
    i = bisect_right(starts, offset) - 1
    if i >= 0 and spans[i][0] <= offset < spans[i][1]:
        return spans[i]
    return None


class _Sorted:
    """Mentions sorted by start, with their starts for bisection (a long article has thousands)."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.items = sorted(mentions, key=lambda m: (m["start"], m["end"]))
        self.starts = [m["start"] for m in self.items]

    def within(self, lo: int, hi: int) -> list[Mention]:
        """The mentions lying wholly inside ``[lo, hi)``, in text order."""
        i = bisect_left(self.starts, lo)
        j = bisect_left(self.starts, hi, lo=i)
        return [m for m in self.items[i:j] if m["end"] <= hi]


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
    sent_starts = [s for s, _ in sentences]
    paragraphs = sorted(paragraphs)
    para_starts = [s for s, _ in paragraphs]
    excluded = sorted(excluded)
    excl_starts = [s for s, _ in excluded]
    shadow = shadow_for(text, shadow)
    year = _year(published)
    place_index, org_index, date_index = _Sorted(places), _Sorted(organizations), _Sorted(dates)
    records: list[dict[str, Any]] = []
    for index, q in enumerate(quantities):
        if _containing(excluded, excl_starts, q["start"]) is not None:
            continue
        sentence = _containing(sentences, sent_starts, q["start"])
        if sentence is None:
            continue
        s0, s1 = sentence
        match = classify_indicator(
            text[s0:s1],
            q["start"] - s0,
            q["end"] - s0,
            label=q["label"],
            unit=q["unit"],
            approx=q.get("approx"),
            cues=indicator_cues,
            shadow=shadow[s0:s1],
        )
        if match is None:
            continue
        paragraph = _containing(paragraphs, para_starts, q["start"]) or sentence
        subject = _subject(q, sentence, paragraph, place_index, org_index, shadow)
        place = _place(q, sentence, paragraph, place_index, shadow)
        records.append(
            {
                "indicator": match.indicator,
                "value": q.get("value"),
                "unit": q["unit"],
                "approx": q.get("approx"),
                "range": q.get("range"),
                "aid_type": aid_type_at(q["start"], q["end"]) if aid_type_at else None,
                "subject": subject,
                "place": _place_name(place) if place else None,
                "place_code": place.get("code") if place else None,
                "date": _date(q, sentence, date_index) or year,
                "quantity": index,
                "quantity_text": q["text"],
                "cue": match.cue,
                "evidence": {"text": text[s0:s1].strip(), "start": s0, "end": s1},
            }
        )
    return records


def _subject(
    q: Mention,
    sentence: Span,
    paragraph: Span,
    places: _Sorted,
    organizations: _Sorted,
    shadow: str,
) -> str | None:
    s0, _ = sentence
    cues = subject_cues()
    limit = q["start"]

    def sort(found: list[Mention]) -> tuple[list[Mention], list[Mention]]:
        """The mentions that may act, and those that are a source of the figures."""
        acting, sources = [], []
        for m in found:
            why = stands_aside(shadow, m["start"], m["end"], limit, cues)
            if why is None:
                acting.append(m)
            elif why == "source":
                sources.append(m)
        return acting, sources

    orgs_here, sources_here = sort(organizations.within(s0, limit))
    if orgs_here:
        return _org_name(orgs_here[-1])
    places_here, _ = sort(places.within(s0, limit))
    if places_here:
        return _place_name(places_here[0])
    earlier, sources_earlier = sort(organizations.within(paragraph[0], s0))
    if earlier:
        return _org_name(earlier[-1])
    # no other actor: the speaker's organisation (…理事长农立新说，合作社今年种植…)
    sources = sources_earlier + sources_here
    return _org_name(sources[-1]) if sources else None


def _place(
    q: Mention, sentence: Span, paragraph: Span, places: _Sorted, shadow: str
) -> Mention | None:
    s0, s1 = sentence
    before = places.within(s0, q["start"])
    locative = subject_cues().locative
    located = [m for m in before if after_word(shadow, m["start"], locative)]
    if located:  # 在丹凤县，南京援建的…
        return located[-1]
    after = places.within(q["end"], s1)
    located = [m for m in after if after_word(shadow, m["start"], locative)]
    if located:  # 南京共引导27家企业到商洛…
        return located[0]
    if before:
        return before[-1]
    if after:
        return after[0]
    earlier = places.within(paragraph[0], s0)  # the place the paragraph is talking about
    return earlier[-1] if earlier else None


def _date(q: Mention, sentence: Span, dates: _Sorted) -> str | None:
    s0, s1 = sentence
    before = [d for d in dates.within(s0, q["start"]) if d.get("value")]
    if before:
        return str(before[-1]["value"])
    after = [d for d in dates.within(q["end"], s1) if d.get("value")]
    return str(after[0]["value"]) if after else None
