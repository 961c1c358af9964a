"""Which indicator a quantity measures, decided from the words around it (SPEC §5, GUIDELINES).

:func:`classify_indicator` looks at one sentence and one quantity in it. The cues come from
``indicator_cues.tsv`` (or a user's table in the same format); each names an indicator, the side
of the quantity it must stand on, how far away it may be, and the units it fits:

1. **Cues.** Every cue occurrence on its allowed side within its window, with no sentence break
   (。!?; or a line break) between it and the quantity, and whose units fit the quantity, is a
   candidate. A gapped cue such as ``带动…就业`` also matches with the quantity inside its gap
   (带动600余人就业), but not with a word that lies inside a longer cue (实现转移就业 is 转移就业).
   A candidate lying inside a longer candidate is dropped (计划总投资 beats its 投资); among the
   rest a cue for a specific indicator beats a cue for ``other`` (收入增长30% is income), then the
   nearest wins: fewest clause breaks (, :) crossed, then fewest characters, then the longer cue,
   then table order. Masks (indicator ``-``) hide the cues inside them (脱贫攻坚 is no 脱贫);
   bridges (``=``, 其中) let cues before a clause break reach a quantity after it.
2. **Clause start** (cue ``^``): with no cue, a count that opens its clause refers back to things
   already counted (两家企业投产后…) and gets the row's indicator, ``none`` in the built-in table.
3. **Unit defaults** (cue ``*``), in table order: durations, percentages with no cue and a
   single generic item (1间, the indefinite article in digits) measure no activity (``none``);
   an area is ``area``; a count of projects, jobs or enterprises is that indicator; anything
   else measured (扶贫车间12个, 2-4所学校) is ``other``.

Indicator ``none`` means "no record": the function returns ``None``. No spaCy here.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import Errors, SettingsError
from ..text.normalize import shadow_for
from ..vocabulary import canonical_units
from .indicator_lexicon import (
    NONE,
    ONE,
    OTHER,
    IndicatorCues,
    IndicatorRule,
    load_indicator_cues,
    resolve_indicator_cues,
)

__all__ = [
    "Decision",
    "IndicatorCues",
    "IndicatorMatch",
    "classify_indicator",
    "decide_indicator",
    "explain_indicator",
    "load_indicator_cues",
]

_HARD = frozenset("。!?;\n")  # in the shadow: full-width ！？； are folded to ASCII
_SOFT = frozenset(",:")
_ONE_RE = re.compile(r"(?:约|大约)?\s*(?:1|一|壹)(?![\d.,一二两三四五六七八九十百千万亿〇零])")
_OPENERS = frozenset(" \t\"'“”‘’「」『』()[]【】《》")
_BREAKS = _HARD | _SOFT
_HARD_RE = re.compile("[" + re.escape("".join(sorted(_HARD))) + "]")
_SOFT_RE = re.compile("[" + re.escape("".join(sorted(_SOFT))) + "]")
_FIRST = itemgetter(0)


@dataclass(frozen=True, slots=True)
class IndicatorMatch:
    """The indicator of a quantity and what decided it.

    ``cue`` is the deciding text as written in the sentence (``带动贫困就业``) with ``start``/
    ``end`` relative to the sentence, or ``None`` when a unit default or the clause-start rule
    decided; ``entry`` is the table's cue (``带动…就业``, ``*``, ``^``); ``rule`` is one of
    ``before``, ``after``, ``inside`` (where the cue stands), ``clause-start`` or ``unit``.
    """

    indicator: str
    cue: str | None
    start: int | None
    end: int | None
    entry: str
    rule: str

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return {
            "indicator": self.indicator,
            "cue": self.cue,
            "start": self.start,
            "end": self.end,
            "entry": self.entry,
            "rule": self.rule,
        }


# A candidate: (start, end, rule, gap_start, gap_end, position of the rule in the table) in
# shadow offsets; gap_* = -1 for words.
_Cand = tuple[int, int, IndicatorRule, int, int, int]
Span = tuple[int, int]


class _SentenceCues(NamedTuple):
    candidates: tuple[_Cand, ...]
    """Every cue occurrence that may decide a quantity of the sentence, in a fixed order."""
    hard: list[int]
    """The offsets of the sentence breaks (``_HARD``) in the sentence."""
    soft: list[int]
    """The offsets of the clause breaks (``_SOFT``)."""


@lru_cache(maxsize=64)
def _sentence_cues(shadow: str, table: IndicatorCues) -> _SentenceCues:
    """The cue occurrences and breaks of a sentence (cached: it usually holds several
    quantities, asked about one after the other). The cache holds the sentences of about one
    article, no more: a larger one would mostly serve benchmarks that repeat their texts."""
    occ: dict[str, list[Span]] = {}  # each cue word's occurrences, in text order
    every: list[Span] = []  # all of them
    masks: list[Span] = []  # those of the mask words
    for m in table.pattern.finditer(shadow):
        start = m.start(1)
        for part in table.prefixes[m.group(1)]:
            span = (start, start + len(part))
            occ.setdefault(part, []).append(span)
            every.append(span)
            if part in table.masks:
                masks.append(span)
    out: list[_Cand] = []
    for part, spans in occ.items():
        for rule, position in table.leads.get(part, ()):
            if len(rule.parts) == 1:
                for s, e in spans:
                    if not (masks and _inside_another(s, e, masks)):
                        out.append((s, e, rule, -1, -1, position))
                continue
            # a gapped cue's words must lie inside no longer cue word (a mask word included)
            for s, e in spans:
                if _inside_another(s, e, every):
                    continue
                for bs, be in occ.get(rule.parts[1], ()):
                    if e <= bs <= e + rule.gap and not _inside_another(bs, be, every):
                        if _BREAKS.isdisjoint(shadow[e:bs]):
                            out.append((s, be, rule, e, bs, position))
                        break
    hard = [m.start() for m in _HARD_RE.finditer(shadow)]
    soft = [m.start() for m in _SOFT_RE.finditer(shadow)]
    return _SentenceCues(tuple(out), hard, soft)


def _inside_another(start: int, end: int, spans: list[Span]) -> bool:
    """Whether ``[start, end)`` lies inside one of ``spans`` other than itself."""
    # a plain loop: any() over a generator costs three times as much on these short lists
    for s, e in spans:  # noqa: SIM110
        if s <= start and end <= e and (s != start or e != end):
            return True
    return False


@lru_cache(maxsize=256)
def _tokens(unit: str, label: str, one: bool) -> frozenset[str]:
    """The tokens a quantity is described by (one set object per kind of quantity, so that
    :meth:`IndicatorCues.fitting` finds it again at once)."""
    row = canonical_units().get(unit)
    return frozenset(
        t for t in (unit, label, row["kind"] if row else None, ONE if one else None) if t
    )


def _bridge_break(shadow: str, start: int, cues: _SentenceCues, bridges: tuple[str, ...]) -> int:
    """The clause break before ``start`` when the clause opens with a bridge word, else -1."""
    if not bridges:
        return -1
    i = bisect_left(cues.soft, start) - 1
    if i < 0:
        return -1
    i = cues.soft[i]
    if bisect_left(cues.hard, i) != bisect_left(cues.hard, start):  # a sentence break after it
        return -1
    j = i + 1
    while j < start and shadow[j] in _OPENERS:
        j += 1
    return i if shadow.startswith(bridges, j, start) else -1


def _opens_clause(shadow: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and shadow[i] in _OPENERS:
        i -= 1
    return i < 0 or shadow[i] in _BREAKS


class Decision(NamedTuple):
    """An :class:`IndicatorMatch` without the cue's text, as :func:`decide_indicator` returns
    it: the indicator, the cue's offsets in the sentence (or ``None``), the table's entry and
    the rule (``before``, ``after``, ``inside``, ``clause-start``, ``unit`` or ``no-rule``)."""

    indicator: str
    start: int | None
    end: int | None
    entry: str
    rule: str


_NO_RULE = Decision(NONE, None, None, "", "no-rule")


def decide_indicator(
    shadow: str, q_start: int, q_end: int, *, label: str, unit: str, table: IndicatorCues
) -> Decision:
    """What :func:`explain_indicator` decides for the quantity ``shadow[q_start:q_end]``, given
    the sentence's shadow text and a loaded table: the way for a caller that classifies every
    quantity of an article (:func:`~zhpoverty.record.rows.build_records`)."""
    if not 0 <= q_start < q_end <= len(shadow):
        raise SettingsError(Errors.E414.format(start=q_start, end=q_end, length=len(shadow)))
    fit = table.fitting(_tokens(unit, label, _ONE_RE.match(shadow, q_start, q_end) is not None))
    fits = fit.fits
    cues = _sentence_cues(shadow, table)
    bridge = _bridge_break(shadow, q_start, cues, table.bridges)
    hard, soft = cues.hard, cues.soft
    kept: list[tuple[tuple[bool, int, int, int, int], int, int, IndicatorRule, str]] = []
    for s, e, rule, gs, ge, position in cues.candidates:
        if not fits[position]:
            continue
        # what lies between the cue and the quantity: shadow[a:b]
        bridged = False
        if gs >= 0 and gs <= q_start and q_end <= ge:
            where, a, b = "inside", 0, 0
        elif e <= q_start and rule.direction != "after":
            # across a bridge (…务工,其中…97人) the distance runs to the clause break only
            bridged = bridge >= 0 and e <= bridge
            where, a, b = "before", e, bridge if bridged else q_start
        elif s >= q_end and rule.direction != "before":
            where, a, b = "after", q_end, s
        else:
            continue
        if b - a > rule.window or (hard and bisect_left(hard, a) != bisect_left(hard, b)):
            continue
        breaks = bisect_left(soft, b) - bisect_left(soft, a) + bridged
        fallback = rule.indicator == OTHER  # a specific indicator beats a cue for 'other'
        kept.append(((fallback, breaks, b - a, s - e, rule.order), s, e, rule, where))
    # the best candidate that lies inside no longer one (计划总投资 beats its 投资)
    kept.sort(key=_FIRST)
    spans = [(s, e) for _, s, e, _, _ in kept]
    for _, s, e, rule, where in kept:
        if not _inside_another(s, e, spans):
            return Decision(rule.indicator, s, e, rule.cue, where)
    if fit.clause is not None and _opens_clause(shadow, q_start):
        return Decision(fit.clause.indicator, None, None, fit.clause.cue, "clause-start")
    if fit.default is not None:
        return Decision(fit.default.indicator, None, None, fit.default.cue, "unit")
    return _NO_RULE


def classify_indicator(
    sentence: str,
    q_start: int,
    q_end: int,
    *,
    label: str,
    unit: str,
    approx: str | None = None,
    cues: IndicatorCues | str | Path | None = None,
    shadow: str | None = None,
) -> IndicatorMatch | None:
    """The indicator the quantity ``sentence[q_start:q_end]`` measures, or ``None`` for none.

    ``label`` and ``unit`` are the quantity's (MONEY/CNY, CARDINAL/person …); ``approx`` is
    accepted so that a quantity's fields can be passed unchanged, and does not change the
    decision. ``cues`` replaces the built-in table; ``shadow`` is the sentence's shadow text when
    the caller has it. Offsets in and out are relative to ``sentence``. See the module docstring
    for the procedure, and :func:`explain_indicator` for why a quantity got no record.
    """
    match = explain_indicator(
        sentence, q_start, q_end, label=label, unit=unit, approx=approx, cues=cues, shadow=shadow
    )
    return None if match.indicator == NONE else match


def explain_indicator(
    sentence: str,
    q_start: int,
    q_end: int,
    *,
    label: str,
    unit: str,
    approx: str | None = None,
    cues: IndicatorCues | str | Path | None = None,
    shadow: str | None = None,
) -> IndicatorMatch:
    """Like :func:`classify_indicator`, but always returns the deciding match.

    A quantity that measures no activity gets indicator ``none`` with the row that decided it
    (``级`` after 万升, the ``*`` row for a duration); when no row of the table fits at all, the
    match is ``none`` with rule ``no-rule``.
    """
    del approx  # part of the interface; the indicator does not depend on it
    if not 0 <= q_start < q_end <= len(sentence):
        raise SettingsError(Errors.E414.format(start=q_start, end=q_end, length=len(sentence)))
    table = resolve_indicator_cues(cues)
    shadow = shadow_for(sentence, shadow)
    found = decide_indicator(shadow, q_start, q_end, label=label, unit=unit, table=table)
    cue = sentence[found.start : found.end] if found.start is not None else None
    return IndicatorMatch(found.indicator, cue, found.start, found.end, found.entry, found.rule)
