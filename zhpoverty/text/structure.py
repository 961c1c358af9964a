"""The structure of a news article: title, header, source, byline, headings, captions, body.

:func:`parse_article` reads the text line by line in one linear pass (plus one backwards pass
for headings), on the shadow text, so traditional characters, full-width punctuation and the
\\xa0/　 spacing of pasted web pages read like plain simplified text. Every span is trimmed of
spaces and is a code-point span of the original text.

How a non-empty line is read, in this order:

- **junk**: no ideograph, no Latin letter and no numeric date (a stray ``0``, ``***``), or a
  closing marker such as ``(完)``: part of nothing.
- **header**: a label with a colon at its start (更新时间:…, 来源：…, 责任编辑：…); before the first
  paragraph also a label after a space, or a *dated line*: a date with a day at its start and
  nothing after it but a weekday or labels (``2020-05-20 16:08:35``, ``2020年10月28日 星期三``).
  After the title, also a masthead line (a short unpunctuated line with a full date: 青海日报
  2019-08-27 第03版), a line opened by a subtitle dash (——…综述), and the short unpunctuated
  lines just above a header or byline. ``published`` is the first date with a day in a
  published-label header (更新时间, 发布时间 …), else the first in any header line; ``source``
  the words after a source label (来源：青岛晚报 → 青岛晚报).
- **caption**: a numbered prefix (1-…, 图1…; 2-3名 is a range, not a prefix), a prefix cue
  (图为…, (图片来源…), a short unpunctuated line ending in a caption noun (…效果图, …合影), or
  a line that repeats the caption above it without its prefix (or the one below, with it).
- **title**: the first line that is none of the above, unless it reads as body text (it ends
  with 。 or ；, or is longer than 100 characters).
- **heading**: a line of at most 20 characters with an ideograph and no final punctuation,
  followed — past captions and junk — by a paragraph or another heading.
- **byline**: a bracketed credit of roles and names ((记者 宋新华 通讯员苟小妹)) ending the last
  paragraph, after the dateline of the first one (新华社贵阳11月7日电（记者 刘川 王晓雪）), or on
  a line of its own.
- **paragraph**: every other line; a dateline (晚报讯, 新华社重庆5月20日电) and a byline at its
  ends are not part of it. ``source`` comes from the dateline when no header names it: the words
  before 讯/电 when they end in a media word (晚报讯 → 晚报, 新华社重庆…电 → 新华社; 凯里讯 names a
  place, not a source).

``sentences`` are the sentences of the paragraphs (:func:`.sentences.split_sentences`, splitting
at ； too); titles, headings and captions are not body text and give none.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..fast_constructors import fast_constructor
from ..find.date_grammar import grammar
from . import structure_parts as parts
from .normalize import shadow_for
from .sentences import line_spans, split_sentences, trim
from .structure_cues import Cues, cues
from .structure_parts import Line

__all__ = ["Article", "Byline", "BylineName", "TextSpan", "parse_article"]

TITLE_MAX = 100
HEADING_MAX = 20
SUFFIX_CAPTION_MAX = 40
HEADER_MAX = 100
MASTHEAD_MAX = 60
SUBTITLE_MAX = 40
FINAL_PUNCTUATION = frozenset("。!?;,:、…")
_HAS_WORD = re.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z]")
_IDEOGRAPH = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_DATE_LIKE = re.compile(r"[0-9]{4}[-/.]")


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A stretch of the text: ``text == original[start:end]``."""

    text: str
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        """Plain data: text, start, end."""
        return {"text": self.text, "start": self.start, "end": self.end}


_new_text_span = fast_constructor(TextSpan)


@dataclass(frozen=True, slots=True)
class BylineName:
    """One person of a byline: the role as written (记者) and the name's span."""

    role: TextSpan
    name: TextSpan

    def as_dict(self) -> dict[str, Any]:
        """Plain data: role, name, and the name's start and end."""
        return {
            "role": self.role.text,
            "name": self.name.text,
            "start": self.name.start,
            "end": self.name.end,
        }


@dataclass(frozen=True, slots=True)
class Byline:
    """The credit as written (brackets included) and the people it names, in order."""

    span: TextSpan
    people: tuple[BylineName, ...]

    def as_dict(self) -> dict[str, Any]:
        """Plain data: text, start, end, people (role, name, start, end)."""
        return {**self.span.as_dict(), "people": [p.as_dict() for p in self.people]}


@dataclass(frozen=True, slots=True)
class Article:
    """The parsed structure of one article (see the module docstring)."""

    title: TextSpan | None
    published: str | None
    published_span: TextSpan | None
    source: TextSpan | None
    dateline: TextSpan | None
    byline: Byline | None
    headers: tuple[TextSpan, ...]
    headings: tuple[TextSpan, ...]
    captions: tuple[TextSpan, ...]
    paragraphs: tuple[TextSpan, ...]
    sentences: tuple[TextSpan, ...]

    def section_of(self, offset: int) -> TextSpan | None:
        """The heading whose section holds ``offset`` (a section runs to the next heading)."""
        i = bisect_right(self.headings, offset, key=_start) - 1
        return self.headings[i] if i >= 0 else None

    def is_caption(self, offset: int) -> bool:
        """Whether ``offset`` falls inside a caption."""
        return _inside(self.captions, offset) is not None

    def is_body(self, offset: int) -> bool:
        """Whether ``offset`` falls inside a body paragraph."""
        return _inside(self.paragraphs, offset) is not None

    def sentence_at(self, offset: int) -> TextSpan | None:
        """The body sentence holding ``offset``, if any."""
        return _inside(self.sentences, offset)

    def as_dict(self, *, bodies: bool = True) -> dict[str, Any]:
        """Plain JSON-ready data: every field, spans as {text, start, end}.

        With ``bodies=False`` paragraphs and sentences are {start, end} only (what
        ``doc._.article`` keeps, so that a Doc does not carry its text three times).
        """

        def one(span: TextSpan | Byline | None) -> dict[str, Any] | None:
            return None if span is None else span.as_dict()

        def many(spans: Sequence[TextSpan]) -> list[dict[str, Any]]:
            return [s.as_dict() for s in spans]

        def offsets(spans: Sequence[TextSpan]) -> list[dict[str, Any]]:
            return [{"start": s.start, "end": s.end} for s in spans] if not bodies else many(spans)

        return {
            "title": one(self.title),
            "published": self.published,
            "published_span": one(self.published_span),
            "source": one(self.source),
            "dateline": one(self.dateline),
            "byline": one(self.byline),
            "headers": many(self.headers),
            "headings": many(self.headings),
            "captions": many(self.captions),
            "paragraphs": offsets(self.paragraphs),
            "sentences": offsets(self.sentences),
        }


def _start(span: TextSpan) -> int:
    return span.start


def _inside(spans: Sequence[TextSpan], offset: int) -> TextSpan | None:
    i = bisect_right(spans, offset, key=_start) - 1
    return spans[i] if i >= 0 and spans[i].start <= offset < spans[i].end else None


def parse_article(text: str, *, shadow: str | None = None) -> Article:
    """Parse ``text`` into its :class:`Article` structure.

    Args:
        text: the article as published (any line endings, simplified or traditional).
        shadow: ``shadow_text(text)`` when the caller has it (computed otherwise).

    Raises:
        SettingsError: ``shadow`` does not have the length of ``text``.
    """
    shadow = shadow_for(text, shadow)
    c = cues()
    lines = [Line(s, e, shadow[s:e]) for s, e in line_spans(text, shadow=shadow)]
    for line in lines:
        line.kind = _first_kind(line, c)
    _mark_repeated_captions(lines, c)
    title_line = _mark_header_zone(text, lines, c)
    _mark_headings(lines, title_line)

    def span(s: int, e: int) -> TextSpan:
        return _new_text_span(text[s:e], s, e)

    headers = [ln for ln in lines if ln.kind == "header"]
    published, published_at, source_at = parts.read_headers(text, shadow, headers, c)
    published_span = span(*published_at) if published_at is not None else None
    source = span(*source_at) if source_at is not None else None
    body = [ln for ln in lines if ln.kind == "text"]
    for ln in body:
        ln.kind = "paragraph"
    dateline, dateline_source, lead = (
        parts.dateline(shadow, body[0], c) if body else (None, None, None)
    )
    if source is None and dateline_source is not None:
        source = span(*dateline_source)
    byline, trail, lead = parts.byline(shadow, lines, body, lead)
    paragraphs: list[tuple[int, int]] = []
    for ln in body:
        s, e = ln.start, ln.end
        if ln is body[0] and lead is not None:
            s = lead[1]
        if byline is not None and ln is trail:
            e = byline[0]
        s, e = trim(shadow, s, e)
        if s < e:
            paragraphs.append((s, e))
    sentences = [
        span(s, e)
        for p in paragraphs
        for s, e in split_sentences(text, shadow=shadow, start=p[0], end=p[1])
    ]
    by = None
    if byline is not None:
        people = tuple(BylineName(span(a, b), span(x, y)) for a, b, x, y in byline[2])
        by = Byline(span(byline[0], byline[1]), people)
    return Article(
        title=span(title_line.start, title_line.end) if title_line is not None else None,
        published=published,
        published_span=published_span,
        source=source,
        dateline=span(*dateline) if dateline is not None else None,
        byline=by,
        headers=tuple(span(ln.start, ln.end) for ln in headers),
        headings=tuple(span(ln.start, ln.end) for ln in lines if ln.kind == "heading"),
        captions=tuple(span(ln.start, ln.end) for ln in lines if ln.kind == "caption"),
        paragraphs=tuple(span(s, e) for s, e in paragraphs),
        sentences=tuple(sentences),
    )


# --- line kinds ----------------------------------------------------------------------------


def _first_kind(line: Line, c: Cues) -> str:
    sh = line.sh
    if (not _HAS_WORD.search(sh) and not _DATE_LIKE.search(sh)) or c.end_marker.fullmatch(sh):
        return "junk"
    if len(sh) <= HEADER_MAX and c.header.match(sh):
        return "header"
    if _is_caption(sh, c):
        return "caption"
    if len(sh) <= 60 and parts.credit(sh, 0, len(sh)) is not None:
        return "byline"
    return "text"


def _is_caption(sh: str, c: Cues) -> bool:
    if c.caption_numbered.match(sh) or c.caption_prefix.match(sh):
        return True
    return (
        len(sh) <= SUFFIX_CAPTION_MAX
        and _unpunctuated(sh)
        and c.caption_suffix.search(sh) is not None
    )


def _caption_body(sh: str, c: Cues) -> str:
    m = c.caption_numbered.match(sh)
    return sh[m.end() :].strip() if m else sh


def _mark_repeated_captions(lines: list[Line], c: Cues) -> None:
    """A line repeating a neighbouring numbered caption without its prefix is a caption."""
    content = [ln for ln in lines if ln.kind != "junk"]
    for i, ln in enumerate(content):
        if ln.kind != "text":
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(content) and content[j].kind == "caption":
                other = content[j].sh
                if ln.sh in (other, _caption_body(other, c)):
                    ln.kind = "caption"
                    break


def _dated_line(text: str, line: Line, c: Cues) -> bool:
    """A line that opens with a full date (2020年4月28日, 2020-03-18 16:45 星期三 来源…).

    A mention starts where a date atom matches, so a line that no atom opens has no date at its
    start and its dates are not read here.
    """
    if grammar().atom.match(line.sh) is None:
        return False
    dates = parts.line_dates(text, line)
    if not dates or dates[0].start != 0 or not parts.is_full_date(dates[0]):
        return False
    rest = line.sh[dates[0].end :]
    m = c.weekday.match(rest)
    rest = (rest[m.end() :] if m else rest).strip()
    return not rest or c.header.search(rest) is not None


def _masthead_line(text: str, line: Line) -> bool:
    """A short unpunctuated line above the body that carries a full date anywhere: the outlet,
    author or page line of a masthead (青海日报 2019-08-27 第03版;
    原创 文/杨帆 清华扶贫 2020-05-06)."""
    return (
        len(line.sh) <= MASTHEAD_MAX
        and _unpunctuated(line.sh)
        and any(map(parts.is_full_date, parts.line_dates(text, line)))
    )


def _mark_header_zone(text: str, lines: list[Line], c: Cues) -> Line | None:
    """Headers and the title at the top; returns the title line.

    The zone runs from the top to the first body line. After the title, a short line without
    final punctuation that carries a full date is a masthead line (青海日报 2019-08-27 第03版)
    and gives the article's date. Other short unpunctuated lines (a subtitle such as
    ——江苏对口支援海南州工作综述, an author line such as 大公报记者 方俊明 昭通报道) belong to the
    masthead when a subtitle dash opens them or a header, byline or masthead line follows them
    before the body; otherwise they stay text (a first section heading right under the title).
    """
    title: Line | None = None
    pending: list[Line] = []
    for ln in lines:
        if ln.kind == "text":
            if _dated_line(text, ln, c) or (len(ln.sh) <= HEADER_MAX and c.header.search(ln.sh)):
                ln.kind = "header"
            elif title is None:
                if not _title_like(ln.sh):
                    return None
                ln.kind, title = "title", ln
            elif _masthead_line(text, ln) or ln.sh.startswith("-"):  # the shadow folds ——
                ln.kind = "header"
            elif _subtitle_like(ln.sh):
                pending.append(ln)
            else:
                return title
        elif ln.kind == "caption" and title is None:
            title = ln  # a caption before any title: the article has none
        if ln.kind in ("header", "byline") and title is not None:
            for p in pending:  # the short lines above a header belong to the masthead
                p.kind = "header"
            pending = []
    return title if title is not None and title.kind == "title" else None


def _unpunctuated(sh: str) -> bool:
    """No final punctuation and no full stop anywhere: a title, heading or masthead line."""
    return sh[-1] not in FINAL_PUNCTUATION and "。" not in sh


def _subtitle_like(sh: str) -> bool:
    return len(sh) <= SUBTITLE_MAX and _unpunctuated(sh)


def _title_like(sh: str) -> bool:
    return len(sh) <= TITLE_MAX and sh[-1] not in "。;" and not sh.startswith("-")


def _mark_headings(lines: list[Line], title: Line | None) -> None:
    """Short unpunctuated lines followed by body text (a backwards pass)."""
    follows_body = False
    for ln in reversed(lines):
        if ln.kind in ("junk", "caption"):
            continue
        if ln.kind == "text" and ln is not title:
            if follows_body and _heading_like(ln.sh):
                ln.kind = "heading"
            else:
                follows_body = True
            continue
        follows_body = False


def _heading_like(sh: str) -> bool:
    return len(sh) <= HEADING_MAX and _unpunctuated(sh) and _IDEOGRAPH.search(sh) is not None
