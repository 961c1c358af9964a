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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

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
    "IndicatorCues",
    "IndicatorMatch",
    "classify_indicator",
    "explain_indicator",
    "load_indicator_cues",
]

_HARD = frozenset("。!?;\n")  # in the shadow: full-width ！？； are folded to ASCII
_SOFT = frozenset(",:")
_ONE_RE = re.compile(r"(?:约|大约)?\s*(?:1|一|壹)(?![\d.,一二两三四五六七八九十百千万亿〇零])")
_OPENERS = frozenset(" \t\"'“”‘’「」『』()[]【】《》")


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


# A candidate: (start, end, rule, gap_start, gap_end) in shadow offsets; gap_* = -1 for words.
_Cand = tuple[int, int, IndicatorRule, int, int]


@lru_cache(maxsize=1024)
def _candidates(shadow: str, table: IndicatorCues) -> tuple[_Cand, ...]:
    """Every cue occurrence in a sentence (cached: a sentence usually holds several quantities)."""
    occ: dict[str, list[tuple[int, int]]] = {}
    for m in table.pattern.finditer(shadow):
        start = m.start(1)
        for part in table.prefixes[m.group(1)]:
            occ.setdefault(part, []).append((start, start + len(part)))
    masks = [
        span
        for part, spans in occ.items()
        if any(r.kind == "mask" for r, _ in table.by_part[part])
        for span in spans
    ]

    def masked(s: int, e: int) -> bool:
        return any(ms <= s and e <= me and (ms, me) != (s, e) for ms, me in masks)

    every = [span for spans in occ.values() for span in spans]

    def embedded(s: int, e: int) -> bool:  # a gapped cue's word inside a longer cue word
        return any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2 in every)

    out: list[_Cand] = []
    for part, spans in occ.items():
        for rule, index in table.by_part[part]:
            kind = rule.kind
            if kind == "mask" or index != 0:
                continue
            for s, e in spans:
                if masked(s, e):
                    continue
                if kind == "word":
                    out.append((s, e, rule, -1, -1))
                    continue
                if embedded(s, e):
                    continue
                for bs, be in occ.get(rule.parts[1], ()):
                    if e <= bs <= e + rule.gap and not masked(bs, be) and not embedded(bs, be):
                        if not any(ch in _HARD or ch in _SOFT for ch in shadow[e:bs]):
                            out.append((s, be, rule, e, bs))
                        break
    return tuple(out)


def _tokens(unit: str, label: str, quantity: str) -> frozenset[str]:
    row = canonical_units().get(unit)
    one = ONE if _ONE_RE.match(quantity) else None
    return frozenset(t for t in (unit, label, row["kind"] if row else None, one) if t)


def _bridge_break(shadow: str, start: int, bridges: tuple[str, ...]) -> int:
    """The clause break before ``start`` when the clause opens with a bridge word, else -1."""
    if not bridges:
        return -1
    i = start - 1
    while i >= 0 and shadow[i] not in _HARD and shadow[i] not in _SOFT:
        i -= 1
    if i < 0 or shadow[i] not in _SOFT:
        return -1
    j = i + 1
    while j < start and shadow[j] in _OPENERS:
        j += 1
    return i if any(shadow.startswith(b, j, start) for b in bridges) else -1


def _opens_clause(shadow: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and shadow[i] in _OPENERS:
        i -= 1
    return i < 0 or shadow[i] in _HARD or shadow[i] in _SOFT


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
    tokens = _tokens(unit, label, shadow[q_start:q_end])

    bridge = _bridge_break(shadow, q_start, table.bridges)
    kept: list[tuple[tuple[int, int, int, int, int], _Cand, str]] = []
    for cand in _candidates(shadow, table):
        s, e, rule, gs, ge = cand
        if gs >= 0 and gs <= q_start and q_end <= ge:
            where, between = "inside", ""
        elif e <= q_start and rule.direction != "after":
            # across a bridge (…务工,其中…97人) the distance runs to the clause break only
            bridged = bridge >= 0 and e <= bridge
            where, between = "before", shadow[e : bridge if bridged else q_start]
        elif s >= q_end and rule.direction != "before":
            where, between = "after", shadow[q_end:s]
        else:
            continue
        if len(between) > rule.window or not _HARD.isdisjoint(between) or not rule.fits(tokens):
            continue
        breaks = sum(between.count(ch) for ch in _SOFT) + (where == "before" and bridged)
        fallback = rule.indicator == OTHER  # a specific indicator beats a cue for 'other'
        kept.append(((fallback, breaks, len(between), s - e, rule.order), cand, where))
    spans = {(c[0], c[1]) for _, c, _ in kept}
    best = min(
        (
            item
            for item in kept
            if not any(
                s2 <= item[1][0] and item[1][1] <= e2 and (s2, e2) != item[1][:2]
                for s2, e2 in spans
            )
        ),
        default=None,
        key=lambda item: item[0],
    )
    if best is not None:
        _, (s, e, rule, _, _), where = best
        return IndicatorMatch(rule.indicator, sentence[s:e], s, e, rule.cue, where)
    if _opens_clause(shadow, q_start):
        for rule in table.clause:
            if rule.fits(tokens):
                return IndicatorMatch(rule.indicator, None, None, None, rule.cue, "clause-start")
    for rule in table.defaults:
        if rule.fits(tokens):
            return IndicatorMatch(rule.indicator, None, None, None, rule.cue, "unit")
    return IndicatorMatch(NONE, None, None, None, "", "no-rule")
