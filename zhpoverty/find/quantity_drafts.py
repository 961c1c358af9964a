"""Turn the finder's regex matches into draft quantities (value, range, unit word, modifiers).

Used by :func:`zhpoverty.find.quantities.find_quantities`, which then resolves each draft's
counted noun and count unit. A draft is refused here when it is a year (2019年), an ordinal or a
frequency (第, 每), the indefinite 一 + measure word, a bare number without 万/亿, a unit outside
the vocabulary, or part of a negative phrase; see :mod:`~zhpoverty.find.quantity_rules`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Final

from .numerals import (
    CN_NUMERAL_CHARS,
    FINANCIAL_DIGITS,
    NumeralError,
    clean_decimal,
    is_digit_run,
    read_shadow_numeral,
    read_shadow_range,
)
from .quantity_rules import Patterns, cancelled_before, in_phrase
from .units import Lexicon, UnitWord, kind_of

__all__ = ["Draft", "drafts"]

_BIG = "十百千万亿"
_BIG_CHARS = frozenset(_BIG)
_HALF_BLOCKERS = "上下大前后多整每小"
_CENT = Decimal("0.01")
_ABBREVIATION_DIGITS = frozenset("123456789一二两三四五六七八九")
_NUMERAL_CONTINUES = frozenset("0123456789十百千万亿点〇零") | _ABBREVIATION_DIGITS
_CN_RUN = re.compile(f"[{CN_NUMERAL_CHARS}]+")
MAX_AMOUNT = Decimal(10) ** 18  # above this a "quantity" is a digit string, not an amount


@dataclass(slots=True)
class Draft:
    """A candidate before its counted noun (and so its count unit) is known."""

    start: int
    end: int
    value: Decimal | None
    range: tuple[Decimal, Decimal] | None
    word: UnitWord | None  # None: a bare number with 万/亿
    word_span: tuple[int, int] | None
    approx: str | None
    rule: str


class _Retry:
    """Sentinel: the range reading was refused; read the first number alone."""


_RETRY: Final = _Retry()
Match = re.Match[str]
# The groups of ``pats.quantity`` in their order (what ``m.groups()`` returns); ``pats.single``
# has the same without the range groups. The tests check both against the compiled patterns.
QUANTITY_GROUPS = (
    "fden", "fnum", "fpost", "half", "hunit", "hpost", "n1", "m1", "u1", "sep", "n2",
    "mid1", "mult", "mid2", "unit", "mid3", "unit2", "mid4", "bmult", "mid5", "post",
)  # fmt: skip
RANGE_GROUPS = ("m1", "u1", "sep", "n2")


@lru_cache(maxsize=256)
def _numeral(s: str) -> tuple[Decimal | None, tuple[Decimal, Decimal] | None, str] | None:
    """Read a matched numeral: (value, adjacent-digit range, form); None when refused.

    Kept per numeral string: news repeats the same few (一, 两, 2020, 100) all the time. The
    cache is small on purpose: large enough for those, too small to remember a whole corpus
    (which would flatter a benchmark that repeats its texts).
    """
    try:
        if s[0] in "0123456789":
            return read_shadow_numeral(s), None, "arabic"
        if len(s) == 1 and s in FINANCIAL_DIGITS:
            return None  # 陆, 伍, 拾 alone are words (陆续, 伍家岗), not amounts
        pair = read_shadow_range(s)
        if pair is not None:
            return None, pair, "pair"
        if is_digit_run(s.split("点")[0]):
            return None  # 二〇一九: a year or a code, read digit by digit
        form = "chinese" if FINANCIAL_DIGITS.isdisjoint(s) else "financial"
        return read_shadow_numeral(s), None, form
    except NumeralError:
        return None


def _context_ok(
    word: UnitWord, shadow: str, start: int, end: int, number: Decimal, mult: int
) -> bool:
    """Whether the unit's context holds; ``number`` is the value before the multiplier ``mult``."""
    if word.context == ("small",):
        return 0 < number / mult <= 10
    window = shadow[max(0, start - 6) : end + 6]
    return any(cue in window for cue in word.context)


def _pre(
    shadow: str, n1_start: int, floor: int, numeral: str, pats: Patterns, lex: Lexicon
) -> tuple[int, str | None]:
    """(start, approx) of a pre-modifier directly before the numeral, or (n1_start, None)."""
    if n1_start == 0 or shadow[n1_start - 1] not in pats.pre_ends:
        return n1_start, None  # no pre-modifier ends here (the common case)
    m = pats.pre.search(shadow, max(floor, n1_start - 4), n1_start)
    if m is None:
        return n1_start, None
    mod = lex.pre[m.group()]
    if mod.approx is None or (mod.context == "bare" and any(c not in _BIG for c in numeral)):
        return n1_start, None
    return m.start(), mod.approx


def _evaluate(
    m: Match, shadow: str, floor: int, pats: Patterns, lex: Lexicon, *, with_range: bool
) -> Draft | _Retry | None:
    """A :class:`Draft` for match ``m``, None to drop it, or ``_RETRY``.

    ``with_range`` says whether ``m`` is of ``pats.quantity`` (with the range groups).
    """
    if with_range:
        (fden, _, _, half, _, _, n1, m1, u1, sep, n2,
         mid1, mult_s, mid2, unit, mid3, unit2, mid4, bmult, mid5, post) = m.groups()  # fmt: skip
    else:
        (fden, _, _, half, _, _, n1,
         mid1, mult_s, mid2, unit, mid3, unit2, mid4, bmult, mid5, post) = m.groups()  # fmt: skip
        m1 = u1 = sep = n2 = None
    if fden is not None:
        return _fraction(m, shadow, floor, pats, lex)
    if half is not None:
        return _half(m, shadow, floor, pats, lex)
    first = _numeral(n1)
    if first is None:
        return None
    value, pair, form = first
    n1_start = m.start()  # (the guard before n1 is a look-behind)
    end = m.end()
    if post is not None:
        end -= len(post)  # the unit, multiplier or mid word ends where post starts
    mult_s = mult_s or bmult
    unit_s = unit or unit2 or None
    word_span = (end - len(unit_s), end) if unit_s else None
    if mult_s and unit_s and mult_s[-1] == "千" and "千" + unit_s in lex.units and word_span:
        # 500千克 is 500 kg, not 500 thousand grams (likewise 千米, 千瓦时)
        unit_s, word_span = "千" + unit_s, (word_span[0] - 1, word_span[1])
        mult_s = mult_s[:-1] or None
    mult = lex.multipliers[mult_s] if mult_s else 1
    if form == "arabic" and mult_s and sep is None and not _BIG_CHARS.isdisjoint(n1):
        try:  # 1亿2000万: the multiplier closes the last segment, not the whole number
            value, mult = read_shadow_numeral(n1 + mult_s), 1
        except NumeralError:
            return None
    rule = form
    if sep is not None:  # an explicit range: 2-4所, 1.2元至1.5元, 三至五名
        second = _numeral(n2)
        if second is None or second[0] is None or pair is not None:
            return _RETRY
        if u1 and (not unit_s or _unit_code(u1, lex) != _unit_code(unit_s, lex)):
            return _RETRY
        high = second[0] * mult
        if m1:
            low = value * lex.multipliers[m1]
        elif mult_s:
            low = value * mult
        else:
            low = value * _trailing_big(n2)
        if low >= high:
            return _RETRY
        pair, value, rule = (low, high), None, rule + "+range"
    else:
        if mult != 1:  # (most quantities have no multiplier: nothing to scale)
            if pair is not None:
                pair = (pair[0] * mult, pair[1] * mult)
            elif value is not None:
                value = value * mult
    mid = mid1 or mid2 or mid3 or mid4 or mid5 or None
    if mid == "几" and n1[-1] not in _BIG:
        return None
    word: UnitWord | None = None
    if unit_s:
        number = value if value is not None else pair[1]
        word = lex.units.get(unit_s)
        if (
            word is not None
            and word.context
            and not _context_ok(word, shadow, n1_start, end, number, mult)
        ):
            word = None
        if word is None:
            word = lex.measures.get(unit_s)
        if word is None or word.unit == "-":
            return None
        if unit_s.isascii() and unit_s.isalpha() and shadow[end : end + 1].isalpha():
            return None
        if word.unit == "year" and (
            _is_year_number(n1) or (n2 is not None and _is_year_number(n2))
        ):
            return None
        if word.kind != "unit" and n1 == "一" and not mult_s and sep is None:
            return None  # the indefinite article: 一个主题, 一家企业
        rule += f"+{word.kind}"
    else:
        if mult_s[-1] not in "万亿" or _BIG_CHARS.issuperset(n1):
            return None
        rule += "+multiplier"
        if value is not None and end == m.end():
            value, pair, end = _bare_tail(shadow, n1_start, end, n1 + mult_s, value, form)
    if cancelled_before(shadow, n1_start, n1, pats):
        return None
    start, approx = _pre(shadow, n1_start, floor, n1, pats, lex)
    approx = approx or (lex.mid[mid].approx if mid else None) or (word.approx if word else None)
    if post:
        mod = lex.post[post]
        if mod.context == "duration" and (word is None or kind_of(word.unit) != "duration"):
            post = None
        else:
            end = m.end()
            approx = approx or mod.approx
    if in_phrase(shadow, start, end, pats):
        return None
    if word is not None and word.kind == "unit":
        factor, plus = word.factor, word.plus
        if value is not None:
            value = (value + plus) * factor
        else:
            pair = ((pair[0] + plus) * factor, (pair[1] + plus) * factor)
        if word.surface in ("个百分点", "百分点"):
            rule += "+pct_point"
    if (value if value is not None else pair[1]) > MAX_AMOUNT:
        return None
    return Draft(start, end, value, pair, word, word_span, approx, rule)


def _bare_tail(
    shadow: str, start: int, end: int, numeral: str, value: Decimal, form: str
) -> tuple[Decimal | None, tuple[Decimal, Decimal] | None, int]:
    """Widen a bare 万/亿 number over what the pattern left behind: 两万二千, 一万二三, 13万2.

    Returns (value, range, end); unchanged when nothing more can be read.
    """
    if form != "arabic":
        run = _CN_RUN.match(shadow, start)
        if run and run.end() > end:
            try:
                pair = read_shadow_range(run.group())
                if pair is not None:
                    return None, pair, run.end()
                return read_shadow_numeral(run.group()), None, run.end()
            except NumeralError:
                return value, None, end
    if end < len(shadow) and shadow[end] in _ABBREVIATION_DIGITS:
        after = shadow[end + 1 : end + 3]
        goes_on = bool(after) and (
            after[0] in _NUMERAL_CONTINUES or (after[0] in ",." and after[1:2].isdigit())
        )
        if not goes_on:
            try:  # 13万2: one digit after the multiplier counts in the unit below
                return read_shadow_numeral(numeral + shadow[end]), None, end + 1
            except NumeralError:
                pass
    return value, None, end


def _unit_code(surface: str, lex: Lexicon) -> str:
    word = lex.units.get(surface) or lex.measures.get(surface)
    return word.unit if word else surface


def _trailing_big(numeral: str) -> int:
    """两至三万: the 万/亿 at the end of the high numeral also scales the low one."""
    factor = 1
    for ch in reversed(numeral):
        if ch == "万":
            factor *= 10**4
        elif ch == "亿":
            factor *= 10**8
        else:
            break
    return factor


def _is_year_number(numeral: str) -> bool:
    """2019 (four or more Arabic digits) or 百/千/万 alone: N年 is then a date or an idiom."""
    if numeral[0] in "0123456789":
        return len(numeral.split(".")[0].replace(",", "")) >= 4
    return all(ch in _BIG for ch in numeral)


def _fraction(m: Match, shadow: str, floor: int, pats: Patterns, lex: Lexicon) -> Draft | None:
    den, num = _numeral(m.group("fden")), _numeral(m.group("fnum"))
    if den is None or num is None or den[0] is None or num[0] is None or den[0] == 0:
        return None
    exact = num[0] * 100 / den[0]
    if exact > MAX_AMOUNT:
        return None
    value = exact.quantize(_CENT)
    n1_start = m.start("fden")
    if cancelled_before(shadow, n1_start, m.group("fden"), pats):
        return None
    start, approx = _pre(shadow, n1_start, floor, "", pats, lex)
    end = m.end()
    post = m.group("fpost")
    if post and lex.post[post].context != "duration":
        approx = approx or lex.post[post].approx
    elif post:
        end = m.start("fpost")
    if value != exact:
        approx = approx or "approx"
    if in_phrase(shadow, start, end, pats):
        return None
    rule = "percent_of" if den[0] == 100 else "fraction"
    return Draft(start, end, clean_decimal(value), None, lex.units["%"], None, approx, rule)


def _half(m: Match, shadow: str, floor: int, pats: Patterns, lex: Lexicon) -> Draft | None:
    n1_start = m.start("half")
    if n1_start > 0 and shadow[n1_start - 1] in _HALF_BLOCKERS:
        return None  # 上半年, 大半天, 多半
    word = lex.units[m.group("hunit")]
    start, approx = _pre(shadow, n1_start, floor, "半", pats, lex)
    end = m.end("hunit")
    post = m.group("hpost")
    if post:
        end = m.end("hpost")
        approx = approx or lex.post[post].approx
    if in_phrase(shadow, start, end, pats):
        return None
    return Draft(start, end, Decimal("0.5"), None, word, None, approx, "half+unit")


def drafts(shadow: str, pats: Patterns, lex: Lexicon) -> list[Draft]:
    """Every accepted candidate in ``shadow``, left to right, never overlapping."""
    out: list[Draft] = []
    pos = floor = 0
    match, single = pats.quantity.match, pats.single.match
    for candidate in pats.start.finditer(shadow):
        at = candidate.start()
        if at < pos:
            continue
        m = match(shadow, at)
        if m is None:
            continue
        draft = _evaluate(m, shadow, floor, pats, lex, with_range=True)
        if isinstance(draft, _Retry):
            m2 = single(shadow, at)
            retried = _evaluate(m2, shadow, floor, pats, lex, with_range=False) if m2 else None
            if not isinstance(retried, Draft):
                pos = at + 1
                continue
            draft = retried
        if draft is None:
            pos = m.end()
            continue
        out.append(draft)
        pos = floor = draft.end
    return out
