"""Find quantities — amounts of money, physical quantities, durations, counts and percentages.

:func:`find_quantities` returns every quantity of a text as a :class:`Quantity` whose
:meth:`~Quantity.as_dict` is exactly the dict of SPEC §2; :func:`parse_quantity` reads a string
that is one quantity. Both are pure functions (no spaCy). Conventions follow
``corpus/GUIDELINES.md``:

- span = [pre-modifier] numeral [multiplier] [余/多] unit-or-measure-word [以上/左右 …];
  the counted noun is not in the span;
- values are exact Decimals (16.4亿 = 1640000000), ranges are ranges (四五万元 → [40000, 50000],
  2-4所, 1.2元至1.5元; ``value`` is then None), modifiers are qualifiers (approx/over/under);
- 人/名/位/户/人次 are the classifier and fix the unit; other measure words take their unit from
  the counted noun (家 + 企业 → enterprise, 所 → school, 个 + 岗位 → job, else item);
- not quantities: years (N年 with a 4-digit or digit-by-digit number), dates and times (N月,
  N日 and clock times have no unit here), ordinals (第), frequencies (每), the indefinite 一 +
  measure word (一个主题; 1间 and 一吨 do count), bare numbers, and the phrases and names of
  ``quantity_negatives.tsv`` (see :mod:`~zhpoverty.find.quantity_rules`).

Decisions the specification leaves open, taken here:

- ``5个百分点`` is PERCENT 5 % with rule ``…pct_point``: the vocabulary has no separate unit for
  percentage points, and dropping it would lose the number; the rule says what it was.
- ``三分之一`` is 33.33 % with approx "approx" (two decimals; exact fractions such as 二分之一
  = 50 carry no qualifier unless the text gives one).
- A number with 万/亿 and no unit (产值1.6万亿, 3万贫困人口) is a CARDINAL count: unit from a head
  noun directly after it (人口 → person), else item; classifier null.
- ``si`` is null for a range (the dict has one value); convert ``range`` with the unit's factor.
- When several modifiers stand together the first one wins: pre (约) before mid (余) before the
  unit's own (个多月) before post (以上).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..fast_constructors import fast_constructor
from ..text.normalize import shadow_for
from .numerals import clean_decimal
from .quantity_drafts import Draft, drafts
from .quantity_rules import Patterns, counted_after, counted_before, patterns
from .units import Lexicon, label_of, lexicon, si_factors

__all__ = ["Quantity", "find_quantities", "parse_quantity"]

_PERSON_UNITS = frozenset({"person", "household"})


def _json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity mention; ``start``/``end`` are code-point offsets into the original text."""

    text: str
    start: int
    end: int
    label: str
    value: Decimal | None
    unit: str
    approx: str | None = None
    range: tuple[Decimal, Decimal] | None = None
    classifier: str | None = None
    counted: str | None = None
    si: tuple[Decimal, str] | None = None
    rule: str = ""

    def as_dict(self, *, with_rule: bool = False) -> dict[str, Any]:
        """The SPEC §2 dict (JSON numbers, no Decimal); ``with_rule`` adds the ``rule`` key."""
        out: dict[str, Any] = {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "value": None if self.value is None else _json_number(self.value),
            "unit": self.unit,
            "approx": self.approx,
            "range": None if self.range is None else [_json_number(v) for v in self.range],
            "classifier": self.classifier,
            "counted": self.counted,
            "si": None
            if self.si is None
            else {"value": _json_number(self.si[0]), "unit": self.si[1]},
        }
        if with_rule:
            out["rule"] = self.rule
        return out


def _rate_end(shadow: str, end: int, limit: int, pats: Patterns) -> int:
    """The end of a rate written after the unit: 7元/斤, 0.3万元/户, 500元/亩 take their "/斤".

    The value and unit stay those of the amount (7 CNY); the span holds the rate's denominator
    so that it is not mistaken for a plain amount when read.
    """
    if not shadow.startswith("/", end, limit):
        return end  # (the common case: no rate)
    m = pats.rate.match(shadow, end, limit)
    return m.end() if m else end


_new_quantity = fast_constructor(Quantity)


def _finish(
    drafts: list[Draft], text: str, shadow: str, pats: Patterns, lex: Lexicon
) -> list[Quantity]:
    out: list[Quantity] = []
    factors = None
    last = len(drafts) - 1
    for i, d in enumerate(drafts):
        nxt = drafts[i + 1].start if i < last else len(text)
        classifier = counted = None
        word, start, end, value = d.word, d.start, d.end, d.value
        if word is None or word.kind != "unit":
            if word is None:
                found = counted_after(shadow, end, nxt, lex, pats, units=None, first=True)
                unit = found[1] if found else "item"
                counted = text[end : found[0]] if found else None
            else:
                classifier = text[d.word_span[0] : d.word_span[1]]
                units = _PERSON_UNITS if word.kind == "person" else None
                found = counted_after(shadow, end, nxt, lex, pats, units=units, first=False)
                unit = word.unit
                if found:
                    counted = text[end : found[0]]
                    unit = word.unit if word.kind == "person" else found[1]
                elif word.kind == "measure" and word.look_back:
                    prev = drafts[i - 1].end if i else 0
                    back = counted_before(shadow, start, prev, lex, pats)
                    if back:
                        counted, unit = text[back[0] : back[1]], back[2]
        else:
            unit = word.unit
        si = None
        if value is not None:
            factors = factors if factors is not None else si_factors()
            entry = factors.get(unit)
            if entry is not None:
                si = (clean_decimal(value * entry[0]), entry[1])
            value = clean_decimal(value)
        rng = d.range
        if rng is not None:
            rng = (clean_decimal(rng[0]), clean_decimal(rng[1]))
        rule = d.rule
        if word is not None:
            end = _rate_end(shadow, end, nxt, pats)
            if end != d.end:
                rule += "+rate"
        out.append(
            _new_quantity(
                text=text[start:end],
                start=start,
                end=end,
                label=label_of(unit),
                value=value,
                unit=unit,
                approx=d.approx,
                range=rng,
                classifier=classifier,
                counted=counted,
                si=si,
                rule=rule,
            )
        )
    return out


def find_quantities(text: str, *, shadow: str | None = None) -> list[Quantity]:
    """Every quantity in ``text``, sorted by start and never overlapping.

    ``shadow`` is ``shadow_text(text)`` when the caller already has it (the pipeline computes it
    once per document); it is computed when None. Raises :class:`~zhpoverty.errors.SettingsError`
    ([E007]) when ``shadow`` does not have the length of ``text``.

    Examples:
        >>> [q.as_dict()["value"] for q in find_quantities("投资1.6亿元，带动贫困就业784人")]
        [160000000, 784]
    """
    shadow = shadow_for(text, shadow)
    if not text:
        return []
    lex, pats = lexicon(), patterns()
    return _finish(drafts(shadow, pats, lex), text, shadow, pats, lex)


def parse_quantity(text: str) -> Quantity | None:
    """The one quantity that is all of ``text`` (surrounding whitespace ignored), else None.

    The counted noun may stand beside it (两家企业, 项目9个); offsets are into ``text``.

    Examples:
        >>> parse_quantity("约6000平方米").as_dict()["si"]
        {'value': 6000, 'unit': 'm2'}
    """
    found = find_quantities(text)
    if len(found) != 1:
        return None
    q = found[0]
    body_start = len(text) - len(text.lstrip())
    body_end = len(text.rstrip())
    before, after = text[body_start : q.start], text[q.end : body_end]
    if not before and not after:
        return q
    if q.counted and ((not before and after == q.counted) or (before == q.counted and not after)):
        return q
    return None
