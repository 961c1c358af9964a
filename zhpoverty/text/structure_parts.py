"""Parts of an article read from its lines: the header's date and source, the dateline, the byline.

Helpers of :mod:`.structure` (see its docstring for the rules), working on :class:`Line`
records and the shadow text; spans are ``(start, end)`` offsets into the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..find.dates import DateMention, find_dates
from .sentences import trim
from .structure_cues import Cues, cues, parse_byline

__all__ = [
    "Credit",
    "Line",
    "byline",
    "credit",
    "dateline",
    "first_date",
    "line_dates",
    "read_headers",
]

Span = tuple[int, int]
# a byline: start, end and (role_start, role_end, name_start, name_end) per person
Credit = tuple[int, int, list[tuple[int, int, int, int]]]
_DAY_VALUE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(slots=True)
class Line:
    """One non-empty line, trimmed, with its shadow and what it was read as."""

    start: int
    end: int
    sh: str  # the shadow of the line
    kind: str = "text"  # junk, header, caption, title, heading, byline, paragraph
    dates: list[DateMention] | None = None  # the line's dates once read (see line_dates)


def is_full_date(d: DateMention) -> bool:
    """An absolute date with a day (2020年4月28日, 2020-03-18 16:45)."""
    return d.kind == "absolute" and d.value is not None and _DAY_VALUE.match(d.value) is not None


def line_dates(text: str, line: Line) -> list[DateMention]:
    """The dates of ``line`` (offsets into the line), read on first need and kept on it: the
    header zone and the header reader both ask for them."""
    if line.dates is None:
        line.dates = find_dates(text[line.start : line.end], shadow=line.sh)
    return line.dates


def _first_full_date(dates: list[DateMention], s: int) -> tuple[str, Span] | None:
    """The first absolute date with a day among ``dates`` (value and span), read at ``s``."""
    for d in dates:
        if is_full_date(d):
            return str(d.value), (s + d.start, s + d.end)
    return None


def first_date(text: str, shadow: str, s: int, e: int) -> tuple[str, Span] | None:
    """The first absolute date with a day in ``text[s:e]`` (value and span)."""
    return _first_full_date(find_dates(text[s:e], shadow=shadow[s:e]), s)


def read_headers(
    text: str, shadow: str, headers: list[Line], c: Cues
) -> tuple[str | None, Span | None, Span | None]:
    """``published`` (value and span) and ``source`` from the header lines.

    ``published`` is the first full date of a published-label field, else the first of any
    header line (those are only read when no field has one).
    """
    labelled: tuple[str, Span] | None = None
    source: Span | None = None
    for ln in headers:
        found = list(c.header.finditer(ln.sh))
        for i, m in enumerate(found):
            stop = found[i + 1].start() if i + 1 < len(found) else len(ln.sh)
            s, e = trim(shadow, ln.start + m.end(), ln.start + stop)
            field = c.header_field[m.group("label")]
            if field == "published" and labelled is None:
                labelled = first_date(text, shadow, s, e)
            elif field == "source" and source is None and s < e:
                cut = shadow.find(" ", s, e)
                e = cut if cut != -1 else e
                source = (s, e)
    if labelled is not None:
        return labelled[0], labelled[1], source
    for ln in headers:
        dated = _first_full_date(line_dates(text, ln), ln.start)
        if dated is not None:
            return dated[0], dated[1], source
    return None, None, source


def dateline(
    shadow: str, line: Line, c: Cues
) -> tuple[tuple[int, int] | None, tuple[int, int] | None, tuple[int, int]]:
    """The dateline opening the first paragraph, its source, and the stretch they cover."""
    m = c.dateline.match(line.sh)
    if m is None:
        return None, None, (line.start, line.start)
    src = m.group("src")
    source: tuple[int, int] | None = None
    if m.group("mark") == "电":  # the agency before the place and the date: 新华社重庆5月20日电
        ends = [src.find(w) + len(w) for w in c.media if src.find(w) >= 0]
        if ends:
            source = (line.start, line.start + min(ends))
        elif not re.search(r"[0-9]+月[0-9]+日", src):
            return None, None, (line.start, line.start)
    elif src.endswith(c.media):
        source = (line.start, line.start + len(src))
    end = line.start + m.end()
    lead_end = trim(shadow, end, line.end)[0]
    return (line.start, end), source, (line.start, lead_end)


def credit(shadow: str, s: int, e: int) -> Credit | None:
    """A credit filling ``shadow[s:e]``, brackets optional."""
    inner_s, inner_e = s, e
    if shadow[s] == "(" and shadow[e - 1] == ")":
        inner_s, inner_e = trim(shadow, s + 1, e - 1)
    pairs = parse_byline(shadow, inner_s, inner_e) if inner_s < inner_e else None
    return (s, e, pairs) if pairs else None


def byline(
    shadow: str, lines: list[Line], body: list[Line], lead: tuple[int, int] | None
) -> tuple[Credit | None, Line | None, tuple[int, int] | None]:
    """The byline (trailing, else on its own line, else leading), the paragraph it ends, and
    the leading stretch of the first paragraph that is not body (dateline, leading credit)."""
    c = cues()
    leading: Credit | None = None
    if body and lead is not None:
        m = c.bracketed.match(shadow, lead[1], body[0].end)
        leading = credit(shadow, m.start(), m.end()) if m else None
        if leading is not None:
            lead = (lead[0], trim(shadow, leading[1], body[0].end)[0])
    if lead is not None and lead[0] == lead[1]:
        lead = None
    if body:
        trail = body[-1]
        m = c.bracketed.search(trail.sh)
        while m is not None and m.end() != len(trail.sh):
            m = c.bracketed.search(trail.sh, m.end())
        found = credit(shadow, trail.start + m.start(), trail.end) if m else None
        if found is not None and found != leading:
            return found, trail, lead
    own = next((ln for ln in lines if ln.kind == "byline"), None)
    if own is not None:
        return credit(shadow, own.start, own.end), None, lead
    return leading, None, lead
