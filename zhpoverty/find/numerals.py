"""Read one numeral, in any form Chinese news writes it, as an exact :class:`~decimal.Decimal`.

Forms (all read exactly; traditional characters and full-width digits through the shadow text):

- Arabic: ``784``, ``4.92``, thousands separators ``6,688``, full-width ``１２３``;
- Arabic with multipliers: ``1.6亿``, ``6900万``, ``1.6万亿``, ``5千``, ``1亿2000万``,
  ``3万5000``, and the spoken abbreviation ``13万2`` (= 132000: a single trailing digit counts
  in the unit below the last multiplier);
- Chinese: ``三千五百``, ``两万``, ``一万二千``, ``一千零五``, ``十二点五``, ``〇``/``零``, the
  abbreviations ``三万五`` (35000) and ``一千二`` (1200), ``廿``/``卅``;
- financial: ``壹仟``, ``贰拾叁``, traditional ``貳參陸`` (via the shadow), multipliers ``億``,
  ``萬``, and ``兩``;
- digit by digit: ``二〇一九`` (2019), any run of two or more Chinese digits with no unit.

Ranges written with two adjacent digits (``四五万`` = 40000–50000, ``七八十``, ``十七八``,
``三五``) are read by :func:`read_range`; :func:`read_numeral` reads such a run digit by digit.

Why not cn2an. The project depends on cn2an, and it was tried first for every form above. It adds
nothing here, so the reader does not call it at run time:

- its ``smart`` mode (the only one that reads ``16.4亿`` or ``13万2`` at all) goes through
  floats and drops digits: cn2an 0.5.24 reads ``6.368887万`` as 63688 and ``31.1899千`` as
  31189 (about a fifth of 20 000 random decimals × 万/亿/千 come out wrong), so every result
  would need re-checking against an exact reading — which is this reader;
- it rejects forms this genre writes every day: ``1.6万亿``, ``6,688``, ``貳參``, ``二十五六``,
  ``七八十``; ``strict`` mode also rejects ``两万``, ``〇`` and ``1.6亿``;
- ``cn2an.transform`` leaves ``16.4亿元`` untouched, so it is no quantity reader either;
- one call costs about 13 µs, as much as this module's reader spends on a whole paragraph.

cn2an stays useful as an independent oracle: the tests compare :func:`read_numeral` with
``cn2an.an2cn``/``cn2an.cn2an`` on thousands of generated numerals, and
``benchmarks/quantities.py`` measures the finder against ``cn2an.transform``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..errors import Errors, ZhpovertyError
from ..text.normalize import shadow_text

__all__ = [
    "CN_DIGITS",
    "CN_NUMERAL_CHARS",
    "FINANCIAL_DIGITS",
    "NumeralError",
    "clean_decimal",
    "is_digit_run",
    "read_numeral",
    "read_range",
    "read_shadow_numeral",
]


class NumeralError(ZhpovertyError, ValueError):
    """A string is not a numeral that :func:`read_numeral` can read ([E200])."""


# Digits and units after the shadow (traditional → simplified, full-width → ASCII).
DIGIT_VALUES: dict[str, int] = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
    "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "参": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7,
    "捌": 8, "玖": 9,
}  # fmt: skip
FINANCIAL_DIGITS = frozenset("壹贰叁参肆伍陆柒捌玖拾佰仟")
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10**4, "亿": 10**8}
_TENS = {"廿": "二十", "卅": "三十"}
CN_DIGITS = "".join(DIGIT_VALUES)
CN_NUMERAL_CHARS = CN_DIGITS + "".join(SMALL_UNITS) + "".join(BIG_UNITS) + "".join(_TENS)

_ARABIC_SOURCE = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_ARABIC_SEGMENT = re.compile(rf"({_ARABIC_SOURCE})([十百千万亿]*)")
_MIXED = re.compile(r"[0-9.,十百千万亿]+")
_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]+)?")  # one segment: no separators, no multipliers
MAX_DIGITS = 18  # significant digits of one Arabic number; more is an identifier, not an amount
MAX_VALUE = Decimal(10) ** 24  # read_numeral refuses anything this large
_CHAIN = re.compile(r"[十百千]?万?亿?")
_CHAIN_VALUE = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
_CN_DECIMAL = re.compile(rf"([{CN_NUMERAL_CHARS}]+)点([{CN_DIGITS}]+)([十百千万亿]*)")
_ONE = Decimal(1)
_DIGIT_CHARS = frozenset(DIGIT_VALUES)
_TWO_DIGITS = re.compile(f"[{CN_DIGITS}]{{2}}")


def clean_decimal(value: Decimal) -> Decimal:
    """``value`` without a spurious exponent or trailing zeros (160000000, 12.5, 0.001)."""
    if value == value.to_integral_value():
        return value.quantize(_ONE) if value.adjusted() < 27 else value
    return value.normalize()


def chain_value(chain: str) -> int | None:
    """The factor of a multiplier chain (万 → 10⁴, 百万 → 10⁶, 万亿 → 10¹²); None if malformed."""
    if not chain or not _CHAIN.fullmatch(chain):
        return None
    factor = 1
    for ch in chain:
        factor *= _CHAIN_VALUE[ch]
    return factor


def is_digit_run(s: str) -> bool:
    """Whether ``s`` (shadow) is two or more Chinese digits with no unit (二〇一九, 三五)."""
    return len(s) >= 2 and _DIGIT_CHARS.issuperset(s)


def _fail(text: str, reason: str) -> NumeralError:
    return NumeralError(Errors.E200.format(text=text, reason=reason))


def _read_arabic(s: str, original: str) -> Decimal:
    """Arabic digits with optional multiplier chains: 6,688 / 1.6万亿 / 1亿2000万 / 13万2."""
    if _PLAIN.fullmatch(s):  # 4.92, 784: the common case
        if len(s.replace(".", "").lstrip("0")) > MAX_DIGITS:
            raise _fail(original, f"more than {MAX_DIGITS} digits")
        return Decimal(s)
    if not _MIXED.fullmatch(s):
        raise _fail(original, "Arabic digits mixed with other characters")
    pos = 0
    total = Decimal(0)
    last_factor: int | None = None
    segments = 0
    while pos < len(s):
        m = _ARABIC_SEGMENT.match(s, pos)
        if not m:
            raise _fail(original, f"unexpected {s[pos]!r} at position {pos}")
        digits = m.group(1).replace(",", "")
        if len(digits.replace(".", "").lstrip("0")) > MAX_DIGITS:
            raise _fail(original, f"more than {MAX_DIGITS} digits")
        number = Decimal(digits)
        chain = m.group(2)
        if chain:
            factor = chain_value(chain)
            if factor is None:
                raise _fail(original, f"malformed multiplier {chain!r}")
            if last_factor is not None and factor >= last_factor:
                raise _fail(original, "multipliers must decrease")
            if last_factor is not None and number * factor >= last_factor:
                raise _fail(original, f"{m.group(0)!r} overflows the multiplier before it")
            total += number * factor
            last_factor = factor
        elif last_factor is None:
            total += number
        else:
            # 13万2 (spoken): one trailing digit counts in the unit below; 3万5000 literally.
            if "." in m.group(1) or "," in m.group(1):
                raise _fail(original, "a trailing number after a multiplier must be whole")
            if len(digits) == 1:
                number *= last_factor // 10
            if number >= last_factor:
                raise _fail(original, f"{digits!r} overflows the multiplier before it")
            total += number
            last_factor = 1
        segments += 1
        pos = m.end()
        if not chain and pos < len(s):
            raise _fail(original, f"unexpected {s[pos]!r} after a number")
    if segments == 0:
        raise _fail(original, "no digits")
    return total


def _read_cn_integer(s: str, original: str) -> int:
    """A Chinese integer numeral (sections of 万 and 亿, units 十百千, 零 placeholders)."""
    for short, long in _TENS.items():
        s = s.replace(short, long)
    if not s:
        raise _fail(original, "empty")
    if is_digit_run(s):
        return int("".join(str(DIGIT_VALUES[ch]) for ch in s))
    total = 0  # everything already closed by 亿
    upper = 0  # the part closed by 万 within the current 亿 group
    section = 0  # below 万
    digit: int | None = None
    last_unit = 0  # value of the unit just read (for 三万五, 一千二)
    small_limit = 10**4  # next small unit must be below this
    zero_seen = False
    seen_wan = False
    seen_yi = False
    for ch in s:
        if ch in DIGIT_VALUES:
            value = DIGIT_VALUES[ch]
            if value == 0:
                if digit is not None:
                    raise _fail(original, "a zero directly after a digit")
                zero_seen = True
                last_unit = 0
                continue
            if digit is not None:
                raise _fail(original, "two digits in a row (a range? see read_range)")
            digit = value
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if unit >= small_limit:
                raise _fail(original, f"{ch!r} out of order")
            if digit is None:
                if (section or upper or total or zero_seen) and (unit != 10 or not zero_seen):
                    raise _fail(original, f"{ch!r} without a digit")
                digit = 1  # 十二, 百, 千, 一千零十
            section += digit * unit
            digit = None
            small_limit = unit
            last_unit = unit
            zero_seen = False
        elif ch in BIG_UNITS:
            if ch == "万":
                if seen_wan:
                    raise _fail(original, "万 twice")
                section += digit or 0
                if section == 0 and not (total or upper):
                    section = 1  # 万人, 万元
                elif section == 0:
                    raise _fail(original, "万 without digits")
                upper = section * 10**4
                seen_wan = True
            else:
                if seen_yi:
                    raise _fail(original, "亿 twice")
                section += digit or 0
                group = upper + section
                if group == 0:
                    group = 1  # 亿元
                total = group * 10**8
                upper = 0
                seen_yi = True
                seen_wan = False
            section = 0
            digit = None
            small_limit = 10**4
            last_unit = BIG_UNITS[ch]
            zero_seen = False
        else:
            raise _fail(original, f"unexpected {ch!r}")
    if digit is not None:
        if last_unit >= 10 and not zero_seen:
            digit *= last_unit // 10  # 三万五 = 35000, 一千二 = 1200, 十五 = 15
        section += digit
    return total + upper + section


def read_shadow_numeral(s: str, original: str | None = None) -> Decimal:
    """Read a numeral already in shadow form (ASCII digits, simplified characters).

    The finder calls this on text it has matched; :func:`read_numeral` normalises first.
    Raises :class:`NumeralError` ([E200]) when ``s`` is not one numeral.
    """
    original = s if original is None else original
    if not s:
        raise _fail(original, "empty")
    sign = 1
    if s[0] in "-负":
        sign, s = -1, s[1:]
        if not s:
            raise _fail(original, "a sign without a number")
    if len(s) > 40:
        raise _fail(original[:40] + "…", "longer than any amount")
    if s[0] in "0123456789":
        value = _read_arabic(s, original)
    else:
        m = _CN_DECIMAL.fullmatch(s)
        if m:
            whole = _read_cn_integer(m.group(1), original)
            frac = "".join(str(DIGIT_VALUES[ch]) for ch in m.group(2))
            value = Decimal(f"{whole}.{frac}")
            if m.group(3):
                factor = chain_value(m.group(3))
                if factor is None:
                    raise _fail(original, f"malformed multiplier {m.group(3)!r}")
                value *= factor
        elif "点" in s:
            raise _fail(original, "a decimal point without digits on both sides")
        else:
            value = Decimal(_read_cn_integer(s, original))
            if value >= MAX_VALUE:
                raise _fail(original, "larger than any amount")
            return value if sign == 1 else sign * value  # a whole number: already clean
    if value >= MAX_VALUE:
        raise _fail(original, "larger than any amount")
    return clean_decimal(value if sign == 1 else sign * value)


def read_numeral(text: str) -> Decimal:
    """Read one numeral (any form listed in the module docstring) as an exact Decimal.

    >>> read_numeral("1.6万亿"), read_numeral("三万五"), read_numeral("貳拾參")
    (Decimal('1600000000000'), Decimal('35000'), Decimal('23'))

    Raises :class:`NumeralError` (a ``ValueError``, code [E200]) on anything else.
    """
    if not isinstance(text, str):
        raise _fail(repr(text), f"expected a str, got {type(text).__name__}")
    stripped = text.strip()
    return read_shadow_numeral(shadow_text(stripped), text)


def _pair(a: str, b: str) -> bool:
    """Two adjacent digits that Chinese writes for an approximate range: 一两, 三四, 七八, 三五."""
    x, y = DIGIT_VALUES[a], DIGIT_VALUES[b]
    return x > 0 and (y == x + 1 or (x, y) == (3, 5))


def read_range(text: str) -> tuple[Decimal, Decimal] | None:
    """Read an adjacent-digit range: 四五万 → (40000, 50000), 七八十 → (70, 80), 十七八 → (17, 18).

    Returns None when ``text`` (shadow or original) holds no such pair; raises
    :class:`NumeralError` when it holds one but the rest is not a numeral.
    """
    s = shadow_text(text.strip())
    return read_shadow_range(s)


def read_shadow_range(s: str) -> tuple[Decimal, Decimal] | None:
    """:func:`read_range` for a string already in shadow form."""
    if _TWO_DIGITS.search(s) is None:
        return None  # no two digits side by side (the common case)
    found = None
    for i in range(len(s) - 1):
        if s[i] in DIGIT_VALUES and s[i + 1] in DIGIT_VALUES:
            if found is not None or not _pair(s[i], s[i + 1]):
                return None
            found = i
    if found is None:
        return None
    prefix, suffix = s[:found], s[found + 2 :]
    if prefix and prefix[-1] not in SMALL_UNITS and prefix[-1] not in BIG_UNITS:
        return None
    if any(ch not in SMALL_UNITS and ch not in BIG_UNITS for ch in suffix):
        return None
    low = read_shadow_numeral(prefix + s[found] + suffix, s)
    high = read_shadow_numeral(prefix + s[found + 1] + suffix, s)
    if low >= high:
        return None
    return low, high


def arabic_pattern() -> str:
    """Regex source of an Arabic number with optional thousands separators and decimals."""
    return _ARABIC_SOURCE
