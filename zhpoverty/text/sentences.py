"""Lines and sentences of a text, as ``(start, end)`` code-point offsets into the original.

Splitting runs on the shadow text (:func:`zhpoverty.text.normalize.shadow_text`), where
full-width marks are folded (！ → !, ； → ;) and odd spaces are plain spaces, so ``\\xa0`` and
``\\u3000`` are trimmed like any space. Every span is trimmed of surrounding whitespace and
never empty.

A sentence ends after a run of end marks (。 ! ?), and — by default — after a semicolon, keeping
the closing quotes that follow (。” stays with its sentence); a line break always ends one. The
marks come from ``sentence_marks.tsv``. The decimal point is never a mark, so 1.6亿 stays whole.
Semicolons split by default because the clauses they join in this genre usually state separate
facts (…带动贫困就业784人；充分利用好市民节…), each with its own amount and cue.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..errors import Errors, SettingsError
from ..resources import bad_column, load_tsv
from .normalize import shadow_for, shadow_text
from .patterns import char_class, starts_lookahead

__all__ = ["Span", "line_spans", "split_sentences", "trim"]

Span = tuple[int, int]

MARKS_FILE = "sentence_marks.tsv"
MARK_KINDS = ("end", "soft", "close")
_LINE_BREAKS = ("\r\n", "\n", "\r", "\u2028", "\u2029")
LINE_BREAK = re.compile("|".join(_LINE_BREAKS))
_SPACE = " \t\x0b\x0c"
# A trimmed, non-empty line: from the first to the last character that is not a space in a run
# between line breaks. A character class leads, so the regex engine skips ahead to each line.
_BREAK_CHARS = re.escape("\r\n\u2028\u2029")  # every character of _LINE_BREAKS
_SPACE_OR_BREAK = re.escape(_SPACE) + _BREAK_CHARS
_TRIMMED_LINE = re.compile(f"[^{_SPACE_OR_BREAK}](?:[^{_BREAK_CHARS}]*[^{_SPACE_OR_BREAK}])?")


@lru_cache(maxsize=2)
def _boundary(semicolon: bool) -> re.Pattern[str]:
    marks: dict[str, str] = {kind: "" for kind in MARK_KINDS}
    for row in load_tsv(MARKS_FILE, key="mark"):
        mark, kind = shadow_text(row["mark"]), row["kind"]
        if len(mark) != 1 or kind not in MARK_KINDS:
            raise bad_column(
                MARKS_FILE,
                row["mark"],
                "mark/kind",
                f"{row['mark']}/{kind}",
                f"one character and a kind of {list(MARK_KINDS)}",
            )
        marks[kind] += mark
    ends = [f"{char_class(marks['end'])}+"] if marks["end"] else []
    if semicolon and marks["soft"]:
        ends.append(f"{char_class(marks['soft'])}+")
    close = f"{char_class(marks['close'])}*" if marks["close"] else ""
    end_alt = "|".join(ends) or "(?!)"
    # the look-ahead names every character a boundary can start with, so that the regex engine
    # skips ahead to the next one instead of trying both alternatives at every position
    starts = [*marks["end"], *(marks["soft"] if semicolon else ""), *_LINE_BREAKS]
    return re.compile(
        starts_lookahead(starts)
        + f"(?:(?P<end>(?:{end_alt}){close})|(?P<brk>{LINE_BREAK.pattern}))"
    )


def trim(shadow: str, start: int, end: int) -> Span:
    """``(start, end)`` with the whitespace at both ends left out (measured on the shadow)."""
    while start < end and (shadow[start] in _SPACE or shadow[start] in "\r\n"):
        start += 1
    while end > start and (shadow[end - 1] in _SPACE or shadow[end - 1] in "\r\n"):
        end -= 1
    return start, end


def line_spans(text: str, *, shadow: str | None = None, keep_empty: bool = False) -> list[Span]:
    """The lines of ``text`` (split at \\n, \\r\\n, \\r, U+2028, U+2029), trimmed.

    Lines that are empty after trimming are left out unless ``keep_empty``; their span is then
    ``(s, s)`` at the line's start.
    """
    shadow = shadow_for(text, shadow)
    if not keep_empty:
        return [m.span() for m in _TRIMMED_LINE.finditer(shadow)]
    out: list[Span] = []
    pos = 0
    for m in LINE_BREAK.finditer(shadow):
        span = trim(shadow, pos, m.start())
        if keep_empty or span[0] < span[1]:
            out.append(span if span[0] < span[1] else (pos, pos))
        pos = m.end()
    span = trim(shadow, pos, len(shadow))
    if keep_empty or span[0] < span[1]:
        out.append(span if span[0] < span[1] else (pos, pos))
    return out


def split_sentences(
    text: str,
    *,
    shadow: str | None = None,
    start: int = 0,
    end: int | None = None,
    semicolon: bool = True,
) -> list[Span]:
    """The sentences of ``text[start:end]`` as trimmed, non-empty ``(start, end)`` spans.

    Args:
        text: the whole text (offsets are into it).
        shadow: ``shadow_text(text)`` when the caller has it.
        start, end: the stretch to split (default: all of it).
        semicolon: also end a sentence at ； / ; (default True).
    """
    shadow = shadow_for(text, shadow)
    end = len(text) if end is None else end
    if not 0 <= start <= end <= len(text):
        raise SettingsError(Errors.E008.format(span=(start, end), length=len(text)))
    out: list[Span] = []
    pos = start
    for m in _boundary(semicolon).finditer(shadow, start, end):
        stop = m.end() if m.lastgroup == "end" else m.start()
        s, e = trim(shadow, pos, stop)
        if s < e:
            out.append((s, e))
        pos = m.end()
    s, e = trim(shadow, pos, end)
    if s < e:
        out.append((s, e))
    return out
