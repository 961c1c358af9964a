"""The patterns and context rules behind :func:`zhpoverty.find.quantities.find_quantities`.

One compiled regular expression (:func:`patterns`) finds candidate quantities on the shadow text
in C; Python then only looks at real candidates. (It is tried only where a numeral can start
and its characters run on to one that can follow a numeral, found by the small ``start``
pattern: ``re`` skips ahead in C only for a pattern that opens with a character class, and the
candidate pattern opens with a look-behind.) A candidate is a numeral **followed by** a unit,
a measure word or a multiplier — the general rule that keeps bare numbers ("0" alone on a
line, 共3, 图1) out — in one of three shapes:

- ``numeral [range] [余/多/几] [multiplier] [余/多] unit-or-measure-word [以上/左右 …]``;
- a fraction ``N分之M`` (三分之一, 百分之三十: 百分之 is just the fraction with N = 100);
- ``半`` + a duration (半年, 半个月).

Words *before* the numeral (约, 超过 — and the cancelling ones: 第, 每, 数) are looked up
backwards from the numeral with small end-anchored patterns. Set phrases, names and words that
begin with a unit character (五个一批, 千人计划, 七台河, 三年级, 成员) come from
``quantity_negatives.tsv`` and are checked around each candidate only.

The counted noun (:func:`counted_after`, :func:`counted_before`) follows GUIDELINES.md: the text
after the measure word up to the first head noun of ``classifiers.tsv`` within 8 characters,
stopping at punctuation, a stop word or the next quantity; for a bare measure word (项目9个) the
head noun directly before the number, widened over compound parts (生态护林员岗位).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..resources import check_choice, load_tsv
from ..text.patterns import char_class, filtered_word_pattern, word_pattern
from .numerals import CN_DIGITS, CN_NUMERAL_CHARS, arabic_pattern
from .units import Lexicon, lexicon

__all__ = [
    "COUNTED_WINDOW",
    "Negatives",
    "Patterns",
    "cancelled_before",
    "counted_after",
    "counted_before",
    "in_phrase",
    "negatives",
    "patterns",
]

NEGATIVES_FILE = "quantity_negatives.tsv"
COUNTED_WINDOW = 8  # characters after a measure word in which its first head noun must end
MAX_COUNTED = 12  # longest counted noun (a compound: 消费扶贫产品供应基地)
BACK_WINDOW = 16  # characters before a number searched for the noun of a bare measure word
NEGATIVE_KINDS = ("phrase", "before")
BEFORE_SCOPES = ("", "one", "bare")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_CJK_TAIL = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+\Z")
HALF_UNITS = ("年", "个月", "个小时", "小时", "天")


@dataclass(frozen=True, slots=True)
class Patterns:
    """The compiled patterns of the finder."""

    start: re.Pattern[str]  # the first character of a candidate (where ``quantity`` may match)
    quantity: re.Pattern[str]  # numeral with optional range part
    single: re.Pattern[str]  # the same without a range part (retry after a refused range)
    pre: re.Pattern[str]  # a pre-modifier ending where the numeral starts (search with \\Z)
    pre_ends: frozenset[str]  # the last characters of the pre-modifiers
    before: re.Pattern[str]  # a cancelling word ending where the numeral starts
    before_ends: frozenset[str]  # the last characters of the cancelling words
    phrase: re.Pattern[str]  # negative phrases
    phrase_max: int
    before_scope: dict[str, str]
    noun: re.Pattern[str]  # the longest counted head noun starting here
    noun_or_stop_starts: frozenset[str]  # the first characters of head nouns and stop words
    stop: re.Pattern[str]  # a stop word starting here (after a measure word)
    back_stop: re.Pattern[str]  # a verb or stop word ending here (before a noun; search with \Z)
    back_stop_ends: frozenset[str]  # the last characters of those verbs and stop words
    gap: re.Pattern[str]  # gap words ending here (学校|已达|四百余所)
    rate: re.Pattern[str]  # "/" and a unit or measure word: the denominator of a rate (/斤)


def _words(words: Iterable[str]) -> str:
    """:func:`word_pattern` for ``match``, behind :func:`starts_lookahead`: a unit starts with
    one of about 100 characters, and a miss then costs one set lookup. (Not for ``search``: a
    look-ahead in front hides the first characters from its skip-ahead.)"""
    return filtered_word_pattern(words)


def _quantity_source(lex: Lexicon, *, with_range: bool) -> str:
    arabic = arabic_pattern() + r"(?:[十百千万亿]+[0-9]+)*"
    chinese = rf"[{CN_NUMERAL_CHARS}]+(?:点[{CN_DIGITS}]+)?"
    num = f"(?:{arabic}|{chinese})"
    unit = _words([*lex.units, *lex.measures])
    mult = _words(lex.multipliers)
    mid = _words(lex.mid)
    post = _words(lex.post)
    sep = r"(?:-{1,2}|~|至|到)"
    # A range goes on to a separator within a multiplier and a unit; the look-ahead for one
    # spares the usual quantity (no range) trying both word lists again at every length of n1.
    reach = max(map(len, lex.multipliers), default=0) + max(
        map(len, [*lex.units, *lex.measures]), default=0
    )
    range_part = (
        f"(?:(?=[^-~至到]{{0,{reach}}}[-~至到])"
        f"(?P<m1>{mult})?(?P<u1>{unit})?(?P<sep>{sep})(?P<n2>{num}))?"
        if with_range
        else ""
    )
    bare = _words(m for m in lex.multipliers if m[-1] in "万亿")
    main = (
        f"(?P<n1>{num}){range_part}"
        f"(?:(?P<mid1>{mid})?(?P<mult>{mult})(?P<mid2>{mid})?(?P<unit>{unit})"
        f"|(?P<mid3>{mid})?(?P<unit2>{unit})"
        f"|(?P<mid4>{mid})?(?P<bmult>{bare})(?P<mid5>{mid})?)"
        f"(?P<post>{post})?"
    )
    # (the look-ahead: a fraction's numeral characters run on to 分之; most numerals do not)
    fraction = (
        f"(?=[0-9,.点{CN_NUMERAL_CHARS}]++分之)(?P<fden>{num})分之(?P<fnum>{num})(?P<fpost>{post})?"
    )
    half = f"(?P<half>半)(?P<hunit>{_words(HALF_UNITS)})(?P<hpost>{post})?"
    return f"{_GUARD}(?:{fraction}|{half}|{main})"


# Not inside a number: no digit, point or letter before, nor a thousands separator (6,688).
_GUARD = r"(?<![0-9.A-Za-z])(?<![0-9],)"
# Every candidate starts with an Arabic digit, a Chinese numeral character or 半 (see
# _quantity_source), not inside a number: _GUARD, shifted by the character already read.
_START = rf"[0-9{CN_NUMERAL_CHARS}半](?<![0-9.A-Za-z].)(?<![0-9],.)"
# The characters a numeral (n1, fden) is made of.
_NUMERAL_RUN = f"[0-9,.点{CN_NUMERAL_CHARS}]"


def _start_source(lex: Lexicon) -> str:
    """Where a candidate may start: ``_START``, and then (but for 半) a run of numeral characters
    that reaches what must follow the numeral: the first character of a multiplier, a unit or
    measure word, a mid word (余), a range separator or 分之. Without one no candidate can
    match, so the full pattern is not tried (2020, 十三五期间, 六盘水).
    """
    after = {w[0] for w in (*lex.multipliers, *lex.units, *lex.measures, *lex.mid) if w}
    after |= {"-", "~", "至", "到", "分"}
    return f"{_START}(?:(?<=半)|(?={_NUMERAL_RUN}*?{char_class(after)}))"


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    """Compile the finder's patterns once per process."""
    lex = lexicon()
    neg = negatives()
    return Patterns(
        start=re.compile(_start_source(lex)),
        quantity=re.compile(_quantity_source(lex, with_range=True)),
        single=re.compile(_quantity_source(lex, with_range=False)),
        pre=re.compile(f"(?:{word_pattern(lex.pre)})\\Z"),
        pre_ends=frozenset(word[-1] for word in lex.pre),
        before=re.compile(f"(?:{word_pattern(neg.before)})\\Z"),
        before_ends=frozenset(word[-1] for word in neg.before),
        phrase=re.compile(word_pattern(neg.phrases)),
        phrase_max=max(map(len, neg.phrases), default=1),
        before_scope=neg.before,
        noun=re.compile(_words(lex.nouns)),
        noun_or_stop_starts=frozenset(word[0] for word in (*lex.nouns, *lex.stops)),
        stop=re.compile(_words(lex.stops)),
        back_stop=re.compile(f"(?:{word_pattern(lex.verbs | lex.stops)})\\Z"),
        back_stop_ends=frozenset(word[-1] for word in lex.verbs | lex.stops),
        gap=re.compile(f"(?:{word_pattern(lex.gaps)}){{1,2}}\\Z"),
        rate=re.compile(f"/{_words([*lex.units, *lex.measures])}"),
    )


@dataclass(frozen=True, slots=True)
class Negatives:
    """``quantity_negatives.tsv``: phrases, and cancelling words before a numeral (with scope)."""

    phrases: frozenset[str]
    before: dict[str, str]


@lru_cache(maxsize=1)
def negatives(name: str = NEGATIVES_FILE) -> Negatives:
    """Read and check the negative table once per process."""
    phrases: set[str] = set()
    before: dict[str, str] = {}
    for row in load_tsv(name, key=("text", "kind")):
        text, kind, scope = row["text"], row["kind"], row["scope"]
        for column, value, allowed in (
            ("kind", kind, NEGATIVE_KINDS),
            ("scope", scope, BEFORE_SCOPES if kind == "before" else ("",)),
        ):
            check_choice(name, text, column, value, allowed)
        if kind == "phrase":
            phrases.add(text)
        else:
            before[text] = scope
    return Negatives(frozenset(phrases), before)


def in_phrase(shadow: str, start: int, end: int, pats: Patterns) -> bool:
    """Whether ``shadow[start:end]`` overlaps a negative phrase without holding it and more."""
    reach = pats.phrase_max - 1
    hi = end + reach  # an end past the string is the string's end
    search = pats.phrase.search
    m = search(shadow, max(0, start - reach), hi)
    while m is not None:
        m_start, m_end = m.span()
        if m_start >= end:
            return False  # (and so are all later ones)
        inside = start <= m_start and m_end <= end and end - start > m_end - m_start
        if m_end > start and not inside:
            return True
        m = search(shadow, m_start + 1, hi)
    return False


def cancelled_before(shadow: str, start: int, numeral: str, pats: Patterns) -> bool:
    """Whether a cancelling word (第, 每, 最后 + 一 …) stands directly before the numeral."""
    if start == 0 or shadow[start - 1] not in pats.before_ends:
        return False  # no cancelling word ends here (the common case)
    m = pats.before.search(shadow, max(0, start - 4), start)
    if m is None:
        return False
    scope = pats.before_scope[m.group()]
    if scope == "one":
        return numeral == "一"
    if scope == "bare":
        return all(ch in "十百千万亿" for ch in numeral)
    return True


def _cjk_prefix(shadow: str, start: int, limit: int) -> str:
    m = _CJK.match(shadow, start, limit)
    return m.group() if m else ""


def _longest_at(text: str, pos: int, pats: Patterns, min_len: int) -> str:
    """The longest head noun of at least ``min_len`` characters at ``pos``, else ""."""
    m = pats.noun.match(text, pos)
    return m.group() if m is not None and m.end() - pos >= min_len else ""


def counted_after(
    shadow: str,
    end: int,
    limit: int,
    lex: Lexicon,
    pats: Patterns,
    *,
    units: frozenset[str] | None,
    first: bool,
) -> tuple[int, str] | None:
    """The counted noun after a measure word ending at ``end``: (its end, the unit it gives).

    The noun runs to the first head noun ending within :data:`COUNTED_WINDOW` characters (a
    one-character head only right at the start: 村, 车), then on over modifier words to a
    further head (产品 + 供应 + 基地; 党员 + 干部). ``limit`` is where the next quantity starts;
    ``units`` restricts the head nouns (person nouns after 名/人/户); ``first`` requires the
    noun to start right at ``end`` (a bare number: 3万贫困人口).
    """
    window = _cjk_prefix(shadow, end, min(limit, end + MAX_COUNTED, len(shadow)))
    nouns, starts = lex.nouns, pats.noun_or_stop_starts
    for s in range(min(len(window), COUNTED_WINDOW)):
        if window[s] not in starts:  # neither a head noun nor a stop word here
            if first:
                return None
            continue
        head = _longest_at(window, s, pats, 1 if s <= 1 else 2)
        if head and (units is None or nouns[head] in units) and s + len(head) <= COUNTED_WINDOW:
            e = s + len(head)
            k = e  # compound heads, possibly over modifiers: 产品供应基地, 党员干部
            while k < len(window):
                more = _longest_at(window, k, pats, 2)
                if more and (units is None or nouns[more] in units):
                    head = more
                    k = e = k + len(more)
                    continue
                mod = _longest_in(window, k, lex.noun_modifiers)
                if not mod:
                    break
                k += len(mod)
            return end + e, nouns[head]
        if first or pats.stop.match(window, s):
            return None
    return None


def _longest_in(text: str, pos: int, words: frozenset[str]) -> str:
    for size in range(min(6, len(text) - pos), 0, -1):
        if text[pos : pos + size] in words:
            return text[pos : pos + size]
    return ""


def counted_before(
    shadow: str, start: int, limit: int, lex: Lexicon, pats: Patterns
) -> tuple[int, int, str] | None:
    """The noun before the number of a bare measure word (项目9个): (start, end, unit).

    ``start`` is where the quantity (with its pre-modifier) begins; ``limit`` the end of the
    previous quantity. Gap words (已达, 共, 累计) may stand between noun and number. The noun
    ends in a head noun and reaches back to the verb or function word before it (建成|集中安置点,
    开展|新技术); when none stands within 12 characters, only modifier words are added to the
    head (生态 + 护林员岗位), which keeps an unknown verb out of the noun.
    """
    lo = max(limit, start - BACK_WINDOW, 0)
    m = _CJK_TAIL.search(shadow, lo, start)
    if m is None:
        return None
    text = m.group()
    gap = pats.gap.search(text)
    pos = gap.start() if gap else len(text)
    noun_end = pos
    head = ""
    for size in range(min(lex.max_noun, pos), 1, -1):
        if text[pos - size : pos] in lex.nouns:
            head = text[pos - size : pos]
            break
    if not head and pos and text[pos - 1] in lex.nouns:
        head = text[pos - 1]  # one character (桥, 县): kept only when a stop word is found
    if not head:
        return None
    unit = lex.nouns[head]
    pos -= len(head)
    p = pos
    while p > 0 and noun_end - p < MAX_COUNTED:
        if text[p - 1] in pats.back_stop_ends and pats.back_stop.search(text, max(0, p - 6), p):
            return m.start() + p, m.start() + noun_end, unit
        p -= 1
    if len(head) == 1:
        return None
    while pos > 0:  # no verb found: widen over modifier words and compound heads only
        part = next(
            (
                text[pos - size : pos]
                for size in range(min(lex.max_noun, pos), 0, -1)
                if text[pos - size : pos] in lex.noun_modifiers
                or (size >= 2 and text[pos - size : pos] in lex.nouns)
            ),
            "",
        )
        if not part:
            break
        pos -= len(part)
    return m.start() + pos, m.start() + noun_end, unit
