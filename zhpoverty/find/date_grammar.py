"""The date finder's grammar: its word tables and the regular expressions built from them.

Everything here is built once per process (``grammar()`` is cached) from two data files:
``date_words.tsv`` (relative words, parts of a year, suffixes, connectors, parts of the day,
guards) and ``plan_periods.tsv`` (十一五 … 十五五). The expressions match the *shadow* text, so
digits are ASCII, dashes are '-', tildes are '~' and characters are simplified.

The main expression, :attr:`Grammar.atom`, matches one *atom* — the smallest piece a date is made
of — and names it by its outermost group: ``iso`` (2020-03-18 16:45), ``yrange`` (2018-2020年),
``year`` (2019年, 二〇一九年), ``plan`` (十三五), ``mrange`` (1至6月), ``month`` (4月份),
``drange`` (16-18日), ``day`` (21日), ``time`` (下午3点, 16时45分) and ``word`` (今年, 上半年,
当天). :mod:`zhpoverty.find.dates` chains adjacent atoms into one mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import DataFileError
from ..resources import bad_column, load_tsv
from ..text.normalize import shadow_text
from ..text.patterns import char_class, starts_lookahead

__all__ = ["Grammar", "WordInfo", "grammar", "small_number", "year_number"]

WORDS_FILE = "date_words.tsv"
PLANS_FILE = "plan_periods.tsv"

ATOM_KINDS = frozenset({"year", "month", "day", "same_day", "year_part"})
KINDS = ATOM_KINDS | {
    "year_suffix",
    "month_suffix",
    "open",
    "plan_suffix",
    "connector",
    "daypart",
    "frequency",
    "count_prefix",
    "count_suffix",
    "lead",
}
DAYPARTS = ("am", "pm", "noon")
PLAN_SUFFIXES = ("period", "open", "start", "end")

_CN_DIGIT = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
# Characters that make a number before or after a match part of a larger numeral.
_CN_NUM = "一二三四五六七八九十百千万亿两〇○零几"

# What may follow the leading run of Arabic digits of an atom (after an optional space): a unit
# (2019年, 3月, 7日, 16时), a separator (2020-03-18, 16:45) or a connector (1至6月; the
# connectors are added from the table).
_AFTER_DIGITS = "年月日号时点:-/."
# The Chinese numerals of years, months, days and hours, and what may follow their run (after an
# optional space): 二〇一九年, 三月, 二十一日, 十六时, 一至六月.
_NUMERALS = "〇○零O一二三四五六七八九十两"
_AFTER_NUMERALS = "年月日号时点至到"
_QUOTES = '“"「『'  # may open a plan's name: “十三五”时期

_YEAR = r"[12][0-9]{3}"
_YEAR_CN = r"[一二][〇○零O一二三四五六七八九]{3}"
_MON = r"1[0-2]|0?[1-9]"
_MON_CN = r"十[一二]?|[一二三四五六七八九]"
_DAY = r"3[01]|[12][0-9]|0?[1-9]"
_DAY_CN = r"三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
_HOUR = r"2[0-4]|[01]?[0-9]"
_HOUR_CN = r"十[一二]?|[一二三四五六七八九两零]"
_MIN_CN = r"[一二三四五]?十[一二三四五六七八九]?|零?[一二三四五六七八九]"


def small_number(s: str) -> int:
    """The value of a month, day, hour or minute numeral: ``"07"``, ``"十二"``, ``"二十一"``."""
    if s.isascii():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)
    return int("".join(str(_CN_DIGIT[c]) for c in s))


def year_number(s: str) -> int:
    """The value of a four-digit year, Arabic (2019) or Chinese digit by digit (二〇一九)."""
    if s.isascii() and s.isdigit():
        return int(s)
    return int("".join(str(_CN_DIGIT[c]) for c in s))


@dataclass(frozen=True, slots=True)
class WordInfo:
    """One row of ``date_words.tsv`` after checking: its kind and parsed value."""

    word: str
    kind: str
    offset: int = 0
    months: tuple[int, int] | None = None  # year_part/year_suffix: first and last month
    tag: str = ""  # daypart: am/pm/noon; plan_suffix: period/open/start/end


@dataclass(frozen=True, slots=True)
class Grammar:
    """The compiled grammar (see the module docstring)."""

    atom: re.Pattern[str]
    words: dict[str, WordInfo]  # atom words (year, month, day, same_day, year_part)
    year_suffix: re.Pattern[str]
    month_suffix: re.Pattern[str]
    plan_suffix: re.Pattern[str]
    open_suffix: re.Pattern[str]
    connector: re.Pattern[str]
    suffix_info: dict[tuple[str, str], WordInfo]  # (kind, word) → info for suffix kinds
    dayparts: dict[str, str]  # daypart word → am/pm/noon
    plans: dict[str, tuple[int, int]]
    frequency: frozenset[str]  # checked against the two characters before a date
    count_prefix: frozenset[str]
    count_suffix: re.Pattern[str]
    lead: frozenset[str]
    sentence_break: re.Pattern[str]
    paragraph_break: re.Pattern[str]


def _guarded(word: str, not_after: str, not_before: str) -> str:
    """``word`` not after a ``not_after`` character nor before a ``not_before`` one.

    The word comes first and the look-behind checks the character before it from the word's
    end (``(?<![…]word)``, which holds exactly when ``(?<![…])word`` does): an alternative that
    starts with a literal is skipped by the regex engine at the cost of one comparison.
    """
    out = re.escape(word)
    if not_after:
        out += f"(?<!{char_class(not_after)}{re.escape(word)})"
    if not_before:
        out += f"(?!{char_class(not_before)})"
    return out


def _alternation(rows: list[tuple[str, str, str]]) -> str:
    """Guarded words, longest first, as one non-capturing alternation.

    A look-ahead for the words' first characters lets a position where none can start fail at
    once instead of trying every word.
    """
    rows = sorted(rows, key=lambda r: (-len(r[0]), r[0]))
    first = starts_lookahead(r[0] for r in rows)
    return f"{first}(?:" + "|".join(_guarded(*r) for r in rows) + ")"


def _bad(key: str, column: str, value: str, expected: str) -> DataFileError:
    return bad_column(WORDS_FILE, key, column, value, expected)


def _parse_months(word: str, value: str) -> tuple[int, int] | None:
    if not value:
        return None
    m = re.fullmatch(r"(0[1-9]|1[0-2])(?:-(0[1-9]|1[0-2]))?", value)
    if m is None:
        raise _bad(word, "value", value, "expected empty, a month (12) or months (01-06)")
    first = int(m.group(1))
    return first, int(m.group(2) or first)


def _word_info(row: dict[str, str]) -> WordInfo:
    word, kind, value = shadow_text(row["word"]), row["kind"], row["value"]
    if not word:
        raise _bad(word, "word", word, "expected a word")
    if kind not in KINDS:
        raise _bad(word, "kind", kind, f"expected one of {sorted(KINDS)}")
    if kind in ("year", "month", "day"):
        if not re.fullmatch(r"[-+]?[0-9]+", value):
            raise _bad(word, "value", value, "expected a whole number (an offset)")
        return WordInfo(word, kind, offset=int(value))
    if kind in ("year_part", "year_suffix"):
        return WordInfo(word, kind, months=_parse_months(word, value))
    if kind == "daypart" and value not in DAYPARTS:
        raise _bad(word, "value", value, f"expected one of {list(DAYPARTS)}")
    if kind == "plan_suffix" and value not in PLAN_SUFFIXES:
        raise _bad(word, "value", value, f"expected one of {list(PLAN_SUFFIXES)}")
    return WordInfo(word, kind, tag=value)


def _plans() -> dict[str, tuple[int, int]]:
    plans: dict[str, tuple[int, int]] = {}
    for row in load_tsv(PLANS_FILE, key="plan"):
        start, end = row["start"], row["end"]
        if not (start.isdigit() and end.isdigit() and int(start) <= int(end)):
            raise bad_column(
                PLANS_FILE,
                row["plan"],
                "start/end",
                f"{start}/{end}",
                "two years, start <= end",
            )
        plans[shadow_text(row["plan"])] = (int(start), int(end))
    return plans


def _atom_pattern(
    atom_rows: list[tuple[str, str, str]],
    conn: str,
    connectors: list[str],
    dayparts: list[str],
    plans: list[str],
) -> str:
    no_num = r"(?<![0-9.])"
    no_cn = f"(?<!{char_class(_CN_NUM + 'O第每个')})"
    dp = _alternation([(w, "", "") for w in dayparts])
    plan = "|".join(re.escape(p) for p in sorted(plans, key=len, reverse=True))
    plan_first = char_class(_QUOTES + "".join(p[0] for p in plans))
    parts = {
        "iso": (
            rf"{no_num}(?P<iso_y>{_YEAR})(?P<iso_sep>[-/.])(?P<iso_m>{_MON})(?P=iso_sep)"
            rf"(?P<iso_d>{_DAY})(?![0-9])(?:[ T]{{1,3}}(?P<iso_h>2[0-3]|[01]?[0-9])"
            r":(?P<iso_mi>[0-5][0-9])(?::(?P<iso_s>[0-5][0-9]))?(?![0-9]))?"
        ),
        "yrange": (
            rf"{no_num}(?P<yr_a>{_YEAR})(?![0-9]) ?{conn} ?(?P<yr_b>{_YEAR})(?![0-9]) ?年"
            r"(?P<yr_du>度)?(?![轻龄纪级华])"
        ),
        "year": (
            rf"(?:{no_num}(?P<y_ar>{_YEAR})(?![0-9])|{no_cn}(?P<y_cn>{_YEAR_CN})) ?年"
            r"(?P<y_du>度)?(?![轻龄纪级华])"
        ),
        "plan": (
            rf"(?={plan_first})"
            rf"(?<![{_CN_NUM}第])(?P<p_q1>[“\"「『])?(?<![{_CN_NUM}第])(?P<p_name>{plan})"
            rf"(?![{_CN_NUM}])(?P<p_q2>[”\"」』])?"
        ),
        "mrange": (
            rf"(?:{no_num}(?<![每第])(?P<mr_a>{_MON}) ?{conn} ?(?P<mr_b>{_MON})"
            rf"|{no_cn}(?P<mr_ca>{_MON_CN})[至到](?P<mr_cb>{_MON_CN})) ?月(?P<mr_fen>份)?"
            r"(?![球亮光饼])"
        ),
        "month": (
            rf"(?:{no_num}(?<![每第])(?P<m_ar>{_MON})|{no_cn}(?P<m_cn>{_MON_CN})) ?月"
            r"(?P<m_fen>份)?(?![球亮光饼])"
        ),
        "drange": (
            rf"{no_num}(?P<dr_a>{_DAY}) ?{conn} ?(?P<dr_b>{_DAY}) ?(?P<dr_suf>[日号])(?!元)"
        ),
        "day": (
            rf"(?:{no_num}(?P<d_ar>{_DAY})|{no_cn}(?P<d_cn>{_DAY_CN})) ?(?P<d_suf>[日号])(?!元)"
        ),
        "time": (
            rf"(?:(?P<t_dp>{dp}) ?)?(?:(?<![0-9.:])(?P<t_h>{_HOUR})(?:(?P<t_colon>:)"
            r"(?P<t_mi>[0-5][0-9])(?::(?P<t_s>[0-5][0-9]))?(?![0-9])"
            r"| ?(?P<t_u>[时点])(?:(?P<t_mi2>[0-5]?[0-9]) ?分|(?P<t_half>半))?)"
            rf"|{no_cn}(?P<t_hc>{_HOUR_CN})(?P<t_uc>[时点])(?:(?P<t_mc>{_MIN_CN})分"
            r"|(?P<t_halfc>半))?)"
        ),
        "word": _alternation(atom_rows),
    }
    lead = _lead([r[0] for r in atom_rows] + dayparts, connectors, plans)
    return lead + "(?:" + "|".join(f"(?P<{name}>{body})" for name, body in parts.items()) + ")"


def _lead(words: list[str], connectors: list[str], plans: list[str]) -> str:
    """A look-ahead that holds where an atom starts, and at few other places.

    An atom starts with a run of Arabic digits and a unit, separator or connector (2019年,
    2020-03-18, 1至6月; not 6900余万元), a run of Chinese numerals and a unit (二〇一九年, 三月,
    十六时), or the first two characters of a word, a part of the day or a plan's name (今年,
    下午, 十三五, “十三五”). Testing this first (and its first character before that) makes the
    scan more than twice as fast as testing the first character alone, which was itself about
    eight times faster than trying each alternative at every position.
    """
    after_digits = char_class(_AFTER_DIGITS + "".join(sorted({w[0] for w in connectors})))
    seconds: dict[str, set[str]] = {}  # first character → second characters ('' for any)
    for word in [*words, *plans, *(q + p[0] for q in _QUOTES for p in plans)]:
        seconds.setdefault(word[0], set()).add(word[1:2])
    heads = "|".join(
        re.escape(c) + ("" if "" in nexts else char_class("".join(sorted(nexts))))
        for c, nexts in sorted(seconds.items())
    )
    first = char_class("".join(sorted({*"0123456789", *_NUMERALS, *seconds})))
    digits = f"[0-9]+ ?{after_digits}"
    numerals = f"{char_class(_NUMERALS)}+ ?{char_class(_AFTER_NUMERALS)}"
    return f"(?={first})(?={digits}|{numerals}|{heads})"


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """Load the tables and compile the grammar (once per process)."""
    rows = load_tsv(WORDS_FILE, key=("word", "kind"))
    infos = [
        (_word_info(r), shadow_text(r["not_after"]), shadow_text(r["not_before"])) for r in rows
    ]

    def guarded(kind: str) -> list[tuple[str, str, str]]:
        return [(i.word, a, b) for i, a, b in infos if i.kind == kind]

    def words(kind: str) -> list[str]:
        return [i.word for i, _, _ in infos if i.kind == kind]

    def suffix_re(kind: str) -> re.Pattern[str]:
        found = guarded(kind)
        return re.compile(_alternation(found) if found else r"(?!)")

    conn = _alternation(guarded("connector")) if words("connector") else "(?!)"
    plans = _plans()
    atom_rows = [(i.word, a, b) for i, a, b in infos if i.kind in ATOM_KINDS]
    atom = re.compile(
        _atom_pattern(atom_rows, conn, words("connector"), words("daypart"), list(plans))
    )
    count_suffix = words("count_suffix")
    return Grammar(
        atom=atom,
        words={i.word: i for i, _, _ in infos if i.kind in ATOM_KINDS},
        year_suffix=suffix_re("year_suffix"),
        month_suffix=suffix_re("month_suffix"),
        plan_suffix=suffix_re("plan_suffix"),
        open_suffix=suffix_re("open"),
        connector=re.compile(f" ?{conn} ?"),
        suffix_info={(i.kind, i.word): i for i, _, _ in infos if i.kind not in ATOM_KINDS},
        dayparts={i.word: i.tag for i, _, _ in infos if i.kind == "daypart"},
        plans=plans,
        frequency=frozenset(words("frequency")),
        count_prefix=frozenset(words("count_prefix")),
        count_suffix=re.compile(_alternation([(w, "", "") for w in count_suffix]))
        if count_suffix
        else re.compile(r"(?!)"),
        lead=frozenset(words("lead")),
        sentence_break=re.compile(r"[。!?\n\r]"),
        paragraph_break=re.compile(r"[\n\r]"),
    )
