"""Values of date mentions: from a chain of atoms to ISO 8601 (see :mod:`.dates` for the rules).

A *chain* is what the scanner of :mod:`.dates` built: its atoms (2019年, 3月, 7日 …), an optional
suffix (底, 期间), an open end (以来) and an optional right side of a period (至2020年).
:func:`resolve` turns it into a label, a value, a kind and a rule, filling what the text leaves
out from the sentence (:class:`Context`) or the reference date, and updates the context.
"""

from __future__ import annotations

import datetime
from calendar import monthrange
from dataclasses import dataclass
from typing import Any

from .date_grammar import WordInfo

__all__ = ["Atom", "Chain", "Context", "Point", "Reference", "resolve"]

Reference = tuple[int, int | None, int | None]
Time = tuple[int, int, int | None]
# (year, month, day, time); month/day/time None below the precision written
Point = tuple[int, int | None, int | None, Time | None]


@dataclass(slots=True)
class Atom:
    """One piece of a date as scanned (kinds: see :mod:`.date_grammar`; words become relyear,
    relmonth, relday, same_day or year_part)."""

    kind: str
    start: int
    end: int
    a: int = 0  # year / first month / first day / offset / hour
    b: int = 0  # second year / month / day of a range; minute of a time
    cn: bool = False  # written in Chinese numerals
    flag: str = ""  # day: 日/号; month: 份; time: colon/shi/dian + daypart; plan: name
    extra: Any = None  # iso: (h, mi, s) or None; time: (h, mi, s); year_part: months; plan


@dataclass(slots=True)
class Chain:
    """Adjacent atoms read as one mention, with its suffix, open end and right side."""

    atoms: list[Atom]
    start: int
    end: int
    suffix: WordInfo | None = None
    open: bool = False
    right: Chain | None = None


@dataclass(slots=True)
class Context:
    """What earlier mentions tell later ones: the sentence's year and month, the paragraph's day."""

    reference: Reference | None
    year: int | None = None  # of the last single date in the sentence
    month: tuple[int, int] | None = None
    day: tuple[int, int, int] | None = None  # last single day in the paragraph


def resolve(chain: Chain, ctx: Context) -> tuple[str, str | None, str, str]:
    """``(label, value, kind, rule)`` of a chain; updates ``ctx`` with a single date."""
    month_year = ctx.month[0] if ctx.month is not None else None
    left = _points(chain, ctx, ctx.year, month_year, ctx.month)
    atoms, right_chain = chain.atoms, chain.right
    rule = "+".join([a.kind for a in atoms]) + ("+suffix" if chain.suffix else "")
    lo = hi = None
    relative = True  # only a chain that needs the reference can fail to resolve
    if left is not None:
        lo, hi, relative = left
    if right_chain is not None:
        rule += "|" + "+".join([a.kind for a in right_chain.atoms])
        right = None
        if hi is not None:
            inherited = (hi[0], hi[1]) if hi[1] is not None else None
            right = _points(right_chain, ctx, hi[0], hi[0], inherited, day=hi)
        hi = right[1] if right is not None else None
        if right is not None and right[2] and not relative:
            relative = any(a.kind.startswith("rel") for a in right_chain.atoms)
        atoms = atoms + right_chain.atoms
    if chain.open:
        rule += "|open"
    value = None
    if lo is not None and hi is not None and _valid(lo) and _valid(hi):
        value = _fmt(lo) + ("/.." if chain.open else "" if lo == hi else "/" + _fmt(hi))
    label = "DATE"
    for a in atoms:
        if a.kind == "time" or (a.kind == "iso" and a.extra[1]):
            label = "TIME"
            break
    if chain.open:
        kind = "open"
    elif right_chain is not None or (lo is not None and lo != hi) or atoms[0].kind in _PERIODS:
        kind = "period"
    else:
        kind = "relative" if relative else "absolute"
    if value is not None and lo == hi and kind in ("absolute", "relative"):
        if lo[2] is not None:
            ctx.day = (lo[0], lo[1], lo[2])  # type: ignore[assignment]
        ctx.year = lo[0]
        ctx.month = (lo[0], lo[1]) if lo[1] is not None else None
    return label, value, kind, rule


_PERIODS = frozenset({"plan", "yrange", "mrange", "drange"})  # first atoms that make a period


def _points(
    chain: Chain,
    ctx: Context,
    year: int | None,
    month_year: int | None,
    month: tuple[int, int] | None,
    day: Point | None = None,
) -> tuple[Point, Point, bool] | None:
    """First and last point of a chain, and whether anything came from outside the text.

    What the chain leaves out is filled from the sentence (or from the left side of a range):
    ``year`` for a part of a year (年内), ``month_year`` for a month, ``month`` (year, month)
    for a day, ``day`` for a time; else from the reference.
    """
    ref = ctx.reference
    y0 = y1 = m0 = m1 = d0 = d1 = None
    t: Time | None = None
    relative = False
    ref_year = ref[0] if ref else None  # for a year the sentence does not give
    for a in chain.atoms:
        k = a.kind
        if k == "year":
            y0 = y1 = a.a
        elif k == "yrange":
            y0, y1 = a.a, a.b
        elif k == "plan":
            y0, y1 = _plan_years(chain, a)
        elif k == "relyear":
            relative = True
            if ref is None:
                return None
            y0 = y1 = ref[0] + a.a
        elif k == "year_part":
            if y0 is None:
                relative = True
                y0 = y1 = year if year is not None else ref_year
            if a.extra is not None:
                m0, m1 = a.extra
        elif k in ("month", "mrange"):
            if y0 is None:
                relative = True
                y0 = y1 = month_year if month_year is not None else ref_year
            m0, m1 = a.a, (a.b if k == "mrange" else a.a)
        elif k == "relmonth":
            relative = True
            if ref is None or ref[1] is None:
                return None
            total = ref[0] * 12 + ref[1] - 1 + a.a
            y0 = y1 = total // 12
            m0 = m1 = total % 12 + 1
        elif k in ("day", "drange"):
            if m0 is None:
                relative = True
                if month is not None:
                    base = month
                elif ref is not None and ref[1] is not None:
                    base = (ref[0], ref[1])
                else:
                    return None
                y0 = y1 = base[0]
                m0 = m1 = base[1]
            d0, d1 = a.a, (a.b if k == "drange" else a.a)
        elif k in ("relday", "same_day"):
            relative = True
            found = _day_of(a, ctx, day)
            if found is None:
                return None
            y0 = y1 = found[0]
            m0 = m1 = found[1]
            d0 = d1 = found[2]
        elif k == "iso":
            y0 = y1 = a.a
            m0 = m1 = a.b
            d0 = d1 = a.extra[0]
            t = a.extra[1]
        elif k == "time":
            t = a.extra
            if d0 is None:
                relative = True
                found = _day_of(a, ctx, day)
                if found is None:
                    return None
                y0 = y1 = found[0]
                m0 = m1 = found[1]
                d0 = d1 = found[2]
    suffix = chain.suffix
    if suffix is not None and suffix.kind == "year_suffix" and suffix.months is not None:
        m0, m1 = suffix.months
    if y0 is None or y1 is None:
        return None
    return (y0, m0, d0, t), (y1, m1, d1, t), relative


def _plan_years(chain: Chain, atom: Atom) -> tuple[int, int]:
    start, end = atom.a, atom.b
    tag = chain.suffix.tag if chain.suffix is not None else "period"
    if tag == "start":
        return start, start
    if tag == "end":
        return end, end
    return start, end


def _day_of(atom: Atom, ctx: Context, day: Point | None) -> tuple[int, int, int] | None:
    """The day a relative day word or a dateless time refers to."""
    ref = ctx.reference
    if atom.kind == "relday":
        if ref is None or ref[1] is None or ref[2] is None:
            return None
        d = datetime.date(ref[0], ref[1], ref[2]) + datetime.timedelta(days=atom.a)
        return d.year, d.month, d.day
    if day is not None and day[1] is not None and day[2] is not None:
        return day[0], day[1], day[2]
    if ctx.day is not None:
        return ctx.day
    if ref is None or ref[1] is None or ref[2] is None:
        return None
    return ref[0], ref[1], ref[2]


def _valid(p: Point) -> bool:
    y, m, d, _ = p
    if m is None:
        return d is None
    if not 1 <= m <= 12:
        return False
    return d is None or 1 <= d <= monthrange(y, m)[1]


def _fmt(p: Point) -> str:
    """ISO 8601 of a point that :func:`_valid` accepted."""
    y, m, d, t = p
    out = f"{y:04d}"
    if m is not None:
        out += f"-{m:02d}"
        if d is not None:
            out += f"-{d:02d}"
    if t is not None:
        out += f"T{t[0]:02d}:{t[1]:02d}" + (f":{t[2]:02d}" if t[2] is not None else "")
    return out
