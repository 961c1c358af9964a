"""Find dates and times in Chinese news and resolve them to ISO 8601 values.

How it works (all on the shadow text, so 兩萬, 號, 點 and ２０２０ read like 两万, 号, 点, 2020):

1. **Atoms.** One expression (:mod:`.date_grammar`) finds the smallest pieces: 2019年, 3月,
   7日, 16时45分, 今年, 上半年, 十三五, 2020-03-18 16:45, 1至6月 …
2. **Chains.** Adjacent atoms from coarse to fine join into one mention (2019年 + 3月 + 7日;
   今年 + 4月; 明年 + 上半年; 18日 + 下午3点), then a suffix (底, 初, 上旬, 期间), an open end
   (以来, 至今, 起) or a connector and a second chain (至, 到, -, ~: 2019年至2020年, 3月1日至15日).
3. **Guards.** A lone Chinese-numeral month (三月) needs a non-ideograph or a lead word (于, 在 …)
   before it; a lone number-日 must be Arabic, not after a count word (连续3日) nor before one
   (3日内); N号 is a date only after a month (1号楼 is not); a clock time standing alone needs a
   part of the day (清晨6点), the 时 unit (16时) or minutes (6点30分) — 十二点五公里 is not a time;
   a date after 每 (每年3月, 每月15日) is a frequency. Durations (三年, 3个月, 10天) never match:
   a year is four digits, a month has no 个.
4. **Values.** At the precision written: 2019年 → ``2019``, 2019年3月 → ``2019-03``, 2020-03-18
   16:45 → ``2020-03-18T16:45`` (label TIME). Periods are ``start/end`` (十三五期间 →
   ``2016/2020``, 上半年 → ``2020-01/2020-06``), open ones ``start/..`` (2019年以来 → ``2019/..``).

Resolution of what the text leaves out (documented decisions):

- Relative words resolve against ``reference`` (the article's date): 今年 → its year, 去年 → the
  year before, 本月/上月 → its month, 今天/昨天 → its day. Without a reference their value is
  ``None`` (the mention is still listed).
- A month or day without a year (4月份, 2月21日) takes the year of the last single date *with a
  month* earlier in the same sentence (2019年3月开工，5月投产 → 2019-05), else the reference's
  year — never the year before, even when the month lies after the reference's month (12月 in an
  article of March 2020 is 2020-12): the text says so when it means last year. A year alone does
  not carry over (较去年增加…，截至11月底 → 11月底 of the reference's year). A day without a
  month (18日) takes the month the same way.
- 年内, 年底, 年初, 上半年 … standing alone take the year of the last single date in their
  sentence (2020年，…计划年内… → 2020), else the reference's.
- 当天/当日 and a clock time without a date (清晨6点) take the day last named in the same
  paragraph, else the reference's day.
- A five-year plan is a date only with a word of time after it: 十三五期间 and “十三五”时期
  (quotes inside the span) → 2016/2020, 十三五以来 → 2016/.., 十三五末 → 2020. The bare name
  (十三五规划, “十四五”开局之年) names a plan, like 十九大 names an event, and is not listed.
- Vague expressions are not listed: 近年来, 日前, 近日, 目前, 下一步 (no resolvable value),
  and neither are 全年, 同年, 当年 (need a discourse referent this finder does not track).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from ..errors import Errors, SettingsError
from ..fast_constructors import fast_constructor
from ..text.normalize import shadow_for
from .date_grammar import Grammar, grammar, small_number, year_number
from .date_values import Atom, Chain, Context, Reference, resolve

__all__ = ["DateMention", "find_dates", "parse_reference"]


_NEXT = {
    "year": frozenset({"year_part", "mrange", "month"}),
    "relyear": frozenset({"year_part", "mrange", "month"}),
    "month": frozenset({"drange", "day"}),
    "relmonth": frozenset({"drange", "day"}),
    "day": frozenset({"time"}),
    "relday": frozenset({"time"}),
    "same_day": frozenset({"time"}),
    "iso": frozenset({"time"}),
}
_WORD_KIND = {"year": "relyear", "month": "relmonth", "day": "relday"}
# The suffix kind (a table kind, and the Grammar attribute of its expression) that may close a
# chain ending in an atom of this kind.
_SUFFIX_KIND = {
    "year": "year_suffix",
    "relyear": "year_suffix",
    "month": "month_suffix",
    "relmonth": "month_suffix",
    "plan": "plan_suffix",
}
_REFERENCE_RE = re.compile(r"\s*([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2})(?:[T ].*)?)?)?\s*")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date or time mention: ``text == original[start:end]``.

    ``value`` is ISO 8601 at the precision written (``2019``, ``2020-04``, ``2019-03-07``,
    ``2020-03-18T16:45``), a period ``start/end`` (``2016/2020``) or an open period
    ``start/..``; ``None`` when the text leaves it unresolvable (a relative date without a
    reference, an impossible day). ``kind`` is absolute, relative, period or open; ``rule``
    names the atoms that made it (``year+month+day``, ``relyear+month``, ``plan+suffix``).
    """

    text: str
    start: int
    end: int
    label: str
    value: str | None
    kind: str
    rule: str

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: text, start, end, label, value, kind."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "value": self.value,
            "kind": self.kind,
        }


_new_date_mention = fast_constructor(DateMention)


def parse_reference(reference: str | datetime.date | None) -> Reference | None:
    """``(year, month, day)`` of a reference date; month/day ``None`` when not given.

    Accepts ``"2020"``, ``"2020-03"``, ``"2020-03-18"``, ``"2020-03-18T16:45"`` (the time is
    ignored), a :class:`datetime.date` or :class:`datetime.datetime`, or ``None``.
    """
    if reference is None:
        return None
    if isinstance(reference, datetime.date):
        return reference.year, reference.month, reference.day
    if isinstance(reference, str):
        m = _REFERENCE_RE.fullmatch(reference)
        if m is not None:
            year = int(m.group(1))
            month, day = (int(g) if g else None for g in m.groups()[1:])
            try:
                datetime.date(year, month or 1, day or 1)
            except ValueError:
                pass
            else:
                return year, month, day
    raise SettingsError(Errors.E340.format(got=reference))


def find_dates(
    text: str,
    *,
    reference: str | datetime.date | None = None,
    shadow: str | None = None,
) -> list[DateMention]:
    """Every date and time mention in ``text``, in order, with its ISO 8601 value.

    Args:
        text: the article (simplified or traditional characters, any width of digits).
        reference: the article's date; relative expressions (今年, 4月份, 当天) resolve
            against it and get ``value=None`` without it.
        shadow: ``shadow_text(text)`` when the caller has it (computed otherwise).

    Raises:
        SettingsError: ``reference`` cannot be read, or ``shadow`` does not fit ``text``.
    """
    ref = parse_reference(reference)
    shadow = shadow_for(text, shadow)
    g = grammar()
    ctx = Context(ref)
    out: list[DateMention] = []
    prev_end = 0
    sentence_break, paragraph_break = g.sentence_break.search, g.paragraph_break.search
    for chain in _chains(shadow, g):
        # a paragraph break is also a sentence break
        if sentence_break(shadow, prev_end, chain.start):
            ctx.year = ctx.month = None
            if paragraph_break(shadow, prev_end, chain.start):
                ctx.day = None
        prev_end = chain.end
        label, value, kind, rule = resolve(chain, ctx)
        s, e = chain.start, chain.end
        out.append(_new_date_mention(text[s:e], s, e, label, value, kind, rule))
    return out


# --- scanning ------------------------------------------------------------------------------


def _chains(shadow: str, g: Grammar) -> list[Chain]:
    chains: list[Chain] = []
    search = g.atom.search
    pos = 0
    while True:
        m = search(shadow, pos)
        if m is None:
            return chains
        chain = _build(shadow, m, g, standalone=True)
        if chain is None:
            pos = m.start() + 1
        else:
            chains.append(chain)
            pos = chain.end


def _atom(m: re.Match[str], g: Grammar) -> Atom | None:
    kind = m.lastgroup or ""
    s, e = m.span()
    grp = m.group
    if kind == "word":
        info = g.words[m.group()]
        return Atom(_WORD_KIND.get(info.kind, info.kind), s, e, info.offset, extra=info.months)
    if kind == "iso":
        t = (int(grp("iso_h")), int(grp("iso_mi")), _opt(grp("iso_s"))) if grp("iso_h") else None
        y, mo, d = int(grp("iso_y")), int(grp("iso_m")), int(grp("iso_d"))
        return Atom("iso", s, e, y, mo, extra=(d, t))
    if kind == "year":
        ar = grp("y_ar")
        return Atom("year", s, e, year_number(ar or grp("y_cn")), cn=ar is None)
    if kind == "yrange":
        a, b = int(grp("yr_a")), int(grp("yr_b"))
        return Atom("yrange", s, e, a, b) if a < b else None
    if kind == "plan":
        name = grp("p_name")
        a, b = g.plans[name]
        return Atom("plan", s, e, a, b, flag=name)
    if kind == "mrange":
        ar = grp("mr_a")
        a = small_number(ar or grp("mr_ca"))
        b = small_number(grp("mr_b") or grp("mr_cb"))
        return Atom("mrange", s, e, a, b, cn=ar is None) if a < b else None
    if kind == "month":
        ar = grp("m_ar")
        month = small_number(ar or grp("m_cn"))
        return Atom("month", s, e, month, cn=ar is None, flag=grp("m_fen") or "")
    if kind == "drange":
        a, b = int(grp("dr_a")), int(grp("dr_b"))
        return Atom("drange", s, e, a, b, flag=grp("dr_suf")) if a < b else None
    if kind == "day":
        ar = grp("d_ar")
        day = small_number(ar or grp("d_cn"))
        return Atom("day", s, e, day, cn=ar is None, flag=grp("d_suf"))
    if kind == "time":
        return _time_atom(m, s, e, g)
    return None


def _opt(s: str | None) -> int | None:
    return int(s) if s else None


def _time_atom(m: re.Match[str], s: int, e: int, g: Grammar) -> Atom | None:
    grp = m.group
    dp = grp("t_dp") or ""
    if grp("t_h") is not None:
        h, cn = int(grp("t_h")), False
        if grp("t_colon"):
            form, mi, sec = "colon", int(grp("t_mi")), _opt(grp("t_s"))
        else:
            form = "shi" if grp("t_u") == "时" else "dian"
            mi = 30 if grp("t_half") else int(grp("t_mi2") or 0)
            form += "+min" if grp("t_mi2") or grp("t_half") else ""
            sec = None
    else:
        h, cn = small_number(grp("t_hc")), True
        form = "shi" if grp("t_uc") == "时" else "dian"
        mi = 30 if grp("t_halfc") else (small_number(grp("t_mc")) if grp("t_mc") else 0)
        sec = None
    if mi > 59 or h > 24 or (h == 24 and mi):
        return None
    tag = g.dayparts.get(dp, "")
    if (tag == "pm" and h < 12) or (tag == "noon" and h < 6):
        h += 12
    return Atom("time", s, e, h, mi, cn=cn, flag=f"{form}|{tag}", extra=(h, mi, sec))


def _build(shadow: str, m: re.Match[str], g: Grammar, *, standalone: bool) -> Chain | None:
    first = _atom(m, g)
    if first is None:
        return None
    atoms = [first]
    end = first.end
    while True:
        last = atoms[-1]
        nxt = _NEXT.get(last.kind)
        if not nxt or (last.kind == "iso" and last.extra[1] is not None):
            break
        p = end
        limit = 2 if "time" in nxt else 1
        while p < len(shadow) and shadow[p] == " " and p - end < limit:
            p += 1
        m2 = g.atom.match(shadow, p)
        atom = _atom(m2, g) if m2 else None
        if atom is None or atom.kind not in nxt:
            break
        atoms.append(atom)
        end = atom.end
    chain = Chain(atoms, first.start, end)
    _suffixes(shadow, chain, g)
    if standalone and not _accept(shadow, chain, g):
        return None
    if standalone and not chain.open and chain.atoms[-1].kind != "plan":
        c = g.connector.match(shadow, chain.end)
        m3 = g.atom.match(shadow, c.end()) if c else None
        right = _build(shadow, m3, g, standalone=False) if m3 else None
        if right is not None and right.atoms[0].kind != "plan" and not right.open:
            chain.right = right
            chain.end = right.end
            _share_daypart(chain.atoms[-1], right.atoms[0])
    return chain


def _share_daypart(left: Atom, right: Atom) -> None:
    """下午3点至5点: the right-hand time without a part of the day takes the left's."""
    if left.kind != "time" or right.kind != "time" or right.flag.endswith(("am", "pm", "noon")):
        return
    tag = left.flag.split("|")[1]
    if right.a < 12 and (tag == "pm" or (tag == "noon" and right.a < 6)):
        right.a += 12
        right.extra = (right.a, *right.extra[1:])


def _suffixes(shadow: str, chain: Chain, g: Grammar) -> None:
    last = chain.atoms[-1]
    kind = _SUFFIX_KIND.get(last.kind)
    if kind is not None:
        m = getattr(g, kind).match(shadow, chain.end)
        if m is not None:
            chain.suffix = g.suffix_info[(kind, m.group())]
            chain.end = m.end()
    if last.kind == "plan":
        chain.open = chain.suffix is not None and chain.suffix.tag == "open"
        return
    m = g.open_suffix.match(shadow, chain.end)
    if m is not None:
        chain.open = True
        chain.end = m.end()


def _accept(shadow: str, chain: Chain, g: Grammar) -> bool:
    """The guards of a chain standing alone (see the module docstring, step 3)."""
    first, start = chain.atoms[0], chain.start
    before = shadow[max(0, start - 2) : start]
    if _ends_with_any(before, g.frequency):
        return False
    alone = len(chain.atoms) == 1 and chain.suffix is None and not chain.open
    if first.kind == "plan":
        return chain.suffix is not None
    if first.kind in ("day", "drange"):
        if first.cn or first.flag != "日" or _ends_with_any(before, g.count_prefix):
            return False
        if alone and g.count_suffix.match(shadow, chain.end):
            return False
    elif first.kind == "month" and first.cn and alone and not first.flag:
        prev = shadow[start - 1] if start else ""
        if _is_ideograph(prev) and not _ends_with_any(before, g.lead):
            return False
    elif first.kind == "time":
        form, tag = first.flag.split("|")
        if not tag and not (form.startswith("shi") and not first.cn) and form != "dian+min":
            return False
    return True


def _ends_with_any(before: str, words: frozenset[str]) -> bool:
    """Whether ``before``, the two characters before a chain, ends with one of ``words``."""
    return before[-1:] in words or before[-2:] in words


def _is_ideograph(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"
