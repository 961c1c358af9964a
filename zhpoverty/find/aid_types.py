"""Aid-type cues in text, and the aid-type scores of an article (SPEC §5).

:func:`find_aid_cues` lists every cue of the lexicon (``aid_cues.tsv``, see
:mod:`zhpoverty.find.aid_lexicon`) that fires in its sentence: a weak cue only when its sentence
holds one of its context words, none of its blocking words. :func:`score_aid_types` turns the
cues of an article's sentences and section headings into scores per sentence, per section and
per article (formula and thresholds: :mod:`zhpoverty.find.aid_scores`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any

from ..errors import Errors, SettingsError
from ..fast_constructors import fast_constructor
from ..text.normalize import shadow_for, shadow_text
from ..vocabulary import aid_type_labels
from .aid_lexicon import CueRule, CueTable, resolve_cues
from .aid_scores import (
    ASSERT_THRESHOLD,
    HEADING_POWER,
    REPEAT_DECAY,
    SENTENCE_THRESHOLD,
    AidTypeScores,
    AssertedAid,
    Evidence,
    SectionAid,
    SentenceAid,
    heading_weight,
    label_scores,
    top_label,
)

__all__ = [
    "ASSERT_THRESHOLD",
    "HEADING_POWER",
    "REPEAT_DECAY",
    "SENTENCE_THRESHOLD",
    "AidCue",
    "AidTypeScores",
    "AssertedAid",
    "Evidence",
    "SectionAid",
    "SentenceAid",
    "find_aid_cues",
    "score_aid_types",
    "split_sentences",
]

Span = tuple[int, int]
_new_evidence = fast_constructor(Evidence)
_new_sentence_aid = fast_constructor(SentenceAid)
CueArg = CueTable | str | Path | None

_SENTENCE_RE = re.compile(r"[^\n。!?;]+[。!?;]*[”’」』\"']*")


@dataclass(frozen=True, slots=True)
class AidCue:
    """A cue that fired: where it is, the label it speaks for and how strongly.

    ``weight`` is the lexicon weight; ``factor`` the multiplier of a modifier before it in the
    sentence (``modifier`` is that modifier's text); ``context`` the needs-word that licensed a
    weak cue (``>word``/``<word`` for a near context), ``None`` for a cue that fires alone.
    """

    text: str
    start: int
    end: int
    label: str
    cue: str
    weight: float
    factor: float = 1.0
    modifier: str | None = None
    context: str | None = None

    @property
    def strength(self) -> float:
        """``weight × factor``: the cue's strength, its modifier applied."""
        return self.weight * self.factor

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "cue": self.cue,
            "weight": self.weight,
            "factor": self.factor,
            "modifier": self.modifier,
            "context": self.context,
        }


def split_sentences(text: str) -> list[Span]:
    """Split on 。!?; (full- or half-width) and line breaks, keeping closing quotes.

    A simple fallback for callers without the article structure parser; spans exclude nothing
    but the line breaks themselves.
    """
    return [m.span() for m in _SENTENCE_RE.finditer(shadow_text(text))]


def _check_spans(spans: Sequence[Span], length: int, what: str) -> list[Span]:
    out = []
    for span in spans:
        try:
            start, end = int(span[0]), int(span[1])
        except (TypeError, ValueError, IndexError):
            raise SettingsError(Errors.E403.format(what=what, span=span, length=length)) from None
        if not 0 <= start <= end <= length:
            raise SettingsError(Errors.E403.format(what=what, span=span, length=length))
        out.append((start, end))
    return sorted(out)


Fired = tuple[int, int, CueRule, float, str | None, str | None]
"""A cue that fired, as :func:`_match` lists it: start, end, rule, factor, modifier, context."""


def _match(
    text: str, shadow: str, table: CueTable, spans: Sequence[Span], *, heading: bool = False
) -> list[list[Fired]]:
    """The cues firing in each span (the sentences, or headings, whose context licenses them)."""
    finditer, scan = table.pattern.finditer, table.scan
    result: list[list[Fired]] = []
    for start, end in spans:
        found: list[Fired] = []
        factor, modifier = 1.0, None
        for m in finditer(shadow, start, end):
            rules = scan[m.group()]
            if not rules:  # a mask
                continue
            cs, ce = m.span()
            for rule, is_modifier in rules:
                ok, context = rule.licensed(shadow, start, end, cs, ce, heading=heading)
                if not ok:
                    continue
                if is_modifier:
                    if rule.weight < factor:
                        factor, modifier = rule.weight, text[cs:ce]
                    continue
                if rule.weight > 0.0:
                    found.append((cs, ce, rule, factor, modifier, context))
        result.append(found)
    return result


def find_aid_cues(
    text: str,
    *,
    shadow: str | None = None,
    cues: CueArg = None,
    extra_cues: Sequence[CueTable | str | Path] = (),
    sentences: Sequence[Span] | None = None,
) -> list[AidCue]:
    """Every aid-type cue that fires in ``text``, in text order.

    ``cues`` replaces the built-in table (a :class:`CueTable` or a TSV name/path);
    ``extra_cues`` are merged over it. Context words are sought in the cue's sentence: one of
    ``sentences`` ((start, end) spans) when given, else a sentence of :func:`split_sentences`.
    Offsets are into ``text``; matching runs on ``shadow`` (computed when ``None``).
    """
    shadow = shadow_for(text, shadow)
    table = resolve_cues(cues, extra_cues)
    spans = (
        split_sentences(text)
        if sentences is None
        else _check_spans(sentences, len(text), "Sentence")
    )
    return [
        AidCue(text[cs:ce], cs, ce, rule.label, rule.cue, rule.weight, factor, modifier, context)
        for found in _match(text, shadow, table, spans)
        for cs, ce, rule, factor, modifier, context in found
    ]


def _overlaps_heading(span: Span, head_starts: Sequence[int], head_reach: Sequence[int]) -> bool:
    """Whether ``span`` overlaps one of the headings, given their sorted starts and the furthest
    end among the headings up to each (headings from a caller may overlap or nest)."""
    k = bisect.bisect_left(head_starts, max(span[1], span[0] + 1)) - 1  # the last one before
    return k >= 0 and head_reach[k] > span[0]


def _strongest_first(ev: Evidence) -> tuple[float, int]:
    """Sort key: strongest evidence first, then in text order."""
    return (-ev.strength, ev.start)


def _check_setting(name: str, value: float, low: float, high: float | None) -> float:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    ok = ok and low <= value and (high is None or value <= high)
    if not ok:
        expected = f"a number from {low} to {high}" if high is not None else f"a number >= {low}"
        raise SettingsError(
            Errors.E004.format(
                setting=name, component="score_aid_types", expected=expected, got=value
            )
        )
    return float(value)


def score_aid_types(
    text: str,
    *,
    shadow: str | None = None,
    sentences: Sequence[Span] | None = None,
    headings: Sequence[Span] = (),
    cues: CueArg = None,
    extra_cues: Sequence[CueTable | str | Path] = (),
    labels: Sequence[str] | None = None,
    threshold: float = ASSERT_THRESHOLD,
    sentence_threshold: float = SENTENCE_THRESHOLD,
    heading_power: float = HEADING_POWER,
    repeat_decay: float = REPEAT_DECAY,
) -> AidTypeScores:
    """Score every aid-type label for ``text`` (see the module docstring for the formula).

    ``sentences`` and ``headings`` are (start, end) spans from the article structure; a
    sentence overlapping a heading is taken as that heading. Without ``sentences`` the text is
    split with :func:`split_sentences`. Text outside every span (title, captions, byline) gives
    no evidence. ``labels`` lists the labels of ``cats`` (default: the built-in labels plus any
    label of the cue tables). ``cues``/``extra_cues`` are as in :func:`find_aid_cues`.
    """
    threshold = _check_setting("threshold", threshold, 0.0, 1.0)
    sentence_threshold = _check_setting("sentence_threshold", sentence_threshold, 0.0, 1.0)
    heading_power = _check_setting("heading_power", heading_power, 1.0, None)
    repeat_decay = _check_setting("repeat_decay", repeat_decay, 0.0, 1.0)
    shadow = shadow_for(text, shadow)
    table = resolve_cues(cues, extra_cues)
    heads = _check_spans(headings, len(text), "Heading")
    sents = (
        split_sentences(text)
        if sentences is None
        else _check_spans(sentences, len(text), "Sentence")
    )
    head_starts = [h[0] for h in heads]
    if heads:
        head_reach = list(accumulate((h[1] for h in heads), max))
        sents = [s for s in sents if not _overlaps_heading(s, head_starts, head_reach)]

    head_ev = [
        tuple(
            [
                _new_evidence(
                    text[cs:ce],
                    cs,
                    ce,
                    rule.cue,
                    rule.label,
                    heading_weight(rule.weight, heading_power),
                    factor,
                    "heading",
                    h0,
                )
                for cs, ce, rule, factor, _, _ in found
            ]
        )
        for (h0, _), found in zip(
            heads, _match(text, shadow, table, heads, heading=True), strict=True
        )
    ]

    members: list[list[int]] = [[] for _ in heads]
    sections_label: list[str | None] = []
    head_scores: list[dict[str, float]] = []
    for ev in head_ev:
        sc = label_scores(ev, repeat_decay)
        head_scores.append(sc)
        sections_label.append(top_label(sc, sentence_threshold))

    all_ev = [ev for group in head_ev for ev in group]
    sentence_out: list[SentenceAid] = []
    sent_found = _match(text, shadow, table, sents)
    for i, ((s, e), found) in enumerate(zip(sents, sent_found, strict=True)):
        ev = tuple(
            [
                _new_evidence(
                    text[cs:ce], cs, ce, rule.cue, rule.label, rule.weight, factor, "sentence", s
                )
                for cs, ce, rule, factor, _, _ in found
            ]
        )
        all_ev += ev
        k = bisect.bisect_right(head_starts, s) - 1
        section = k if k >= 0 else None
        if section is not None:
            members[section].append(i)
        sc = label_scores(ev, repeat_decay)
        own = top_label(sc, sentence_threshold)
        inherited = sections_label[section] if section is not None else None
        ordered = tuple(sorted(ev, key=_strongest_first)) if len(ev) > 1 else ev
        sentence_out.append(_new_sentence_aid(s, e, sc, own, own or inherited, section, ordered))

    section_out = tuple(
        SectionAid(text[h0:h1], h0, h1, head_scores[k], sections_label[k], tuple(members[k]))
        for k, (h0, h1) in enumerate(heads)
    )

    article = label_scores(all_ev, repeat_decay)
    names = (
        list(labels)
        if labels is not None
        else list(dict.fromkeys((*aid_type_labels(), *table.labels)))
    )
    cats = {label: article.get(label, 0.0) for label in names}
    by_label: dict[str, list[Evidence]] = {}
    for ev in all_ev:
        by_label.setdefault(ev.label, []).append(ev)
    asserted = tuple(
        AssertedAid(label, cats[label], tuple(sorted(by_label[label], key=_strongest_first)))
        for label in sorted(cats, key=lambda k: -cats[k])
        if cats[label] >= threshold and cats[label] > 0.0
    )
    main = asserted[0].label if asserted else None
    return AidTypeScores(
        cats, asserted, tuple(sentence_out), section_out, main, threshold, sentence_threshold
    )
