"""The structure parser's cue tables and the expressions built from them (once per process).

Tables (all in ``zhpoverty/data``, documented at their top): ``header_labels.tsv`` (更新时间,
来源 …), ``caption_cues.tsv`` (1-, 图1, 图为, 效果图 …), ``source_cues.tsv`` (讯, 电, 报, 社 …),
``byline_roles.tsv`` (记者, 通讯员 …). Every expression matches the shadow text, where
full-width colons and brackets are ASCII and 　/\\xa0 are plain spaces.

:func:`parse_byline` reads one credit such as ``记者 宋新华 通讯员苟小妹`` into (role, name)
pairs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..resources import check_choice, load_tsv
from .normalize import shadow_text

__all__ = ["Cues", "cues", "parse_byline"]

HEADER_FIELDS = ("published", "source", "author", "other", "end", "weekday")
CAPTION_POSITIONS = ("numbered", "prefix", "suffix")
SOURCE_KINDS = ("mark", "media")

_IDEO = "\u3400-\u9fff\uf900-\ufaff"
_NUMBER = "(?:[0-9]{1,2}|[一二三四五六七八九十]{1,2})"
# Characters that cannot be inside the words before a dateline mark (讯, 电).
_NOT_SOURCE = " ,.:;!?()\\[\\]。、“”\"'【】《》<>"


@dataclass(frozen=True, slots=True)
class Cues:
    """Compiled cues (see the module docstring)."""

    header: re.Pattern[str]  # a label and its colon; group 'label'
    header_field: dict[str, str]  # label → published/source/author/other
    end_marker: re.Pattern[str]  # a whole line that only closes the article: (完)
    weekday: re.Pattern[str]  # 星期三, 周三 …
    caption_numbered: re.Pattern[str]
    caption_prefix: re.Pattern[str]
    caption_suffix: re.Pattern[str]
    dateline: re.Pattern[str]  # 晚报讯 / 新华社重庆5月20日电; groups 'src', 'mark'
    media: tuple[str, ...]
    byline_token: re.Pattern[str]
    bracketed: re.Pattern[str]  # a bracketed group and its content ('body')


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _table(
    name: str, key: str | tuple[str, ...], column: str, allowed: tuple[str, ...]
) -> list[tuple[str, str]]:
    out = []
    for row in load_tsv(name, key=key):
        word = row[key if isinstance(key, str) else key[0]]
        check_choice(name, word, column, row[column], allowed)
        out.append((shadow_text(word), row[column]))
    return out


def _numbered(cue: str) -> str:
    parts = [re.escape(p) for p in cue.split("{n}")]
    body = f" ?{_NUMBER} ?".join(parts)
    if cue.endswith("-"):  # 1-…: but 2-3名 is a range, not a caption; 3-2020年 is a caption
        return body + "(?![0-9]{1,3}(?![0-9]))"
    return body + "(?![0-9])"


@lru_cache(maxsize=1)
def cues() -> Cues:
    """Load the tables and compile the cues (once per process)."""
    header_rows = _table("header_labels.tsv", "label", "field", HEADER_FIELDS)
    labels = [w for w, f in header_rows if f not in ("end", "weekday")]
    ends = [w for w, f in header_rows if f == "end"]
    weekdays = [w for w, f in header_rows if f == "weekday"]
    caption_rows = _table("caption_cues.tsv", "cue", "position", CAPTION_POSITIONS)
    numbered = [_numbered(c) for c, p in caption_rows if p == "numbered"]
    prefixes = [c for c, p in caption_rows if p == "prefix"]
    suffixes = [c for c, p in caption_rows if p == "suffix"]
    source_rows = _table("source_cues.tsv", "cue", "kind", SOURCE_KINDS)
    marks = [c for c, k in source_rows if k == "mark"]
    media = tuple(c for c, k in source_rows if k == "media")
    roles = [shadow_text(r["role"]) for r in load_tsv("byline_roles.tsv", key="role")]
    long_roles = [r for r in roles if len(r) > 1]
    short_roles = [r for r in roles if len(r) == 1]
    never = "(?!)"
    name_char = f"(?:(?!{_alt(long_roles) or never}|摄|报道)[{_IDEO}])"
    role = f"{_alt(long_roles) or never}|(?:{_alt(short_roles) or never})(?=[ /:])"
    return Cues(
        header=re.compile(f"(?<![^ \\[【])(?P<label>{_alt(labels) or never}) ?:"),
        header_field={w: f for w, f in header_rows if f not in ("end", "weekday")},
        end_marker=re.compile(f"[(\\[【]?(?:{_alt(ends) or never})[)\\]】]?"),
        weekday=re.compile(f" *(?:{_alt(weekdays) or never})[一二三四五六日天]"),
        caption_numbered=re.compile("|".join(numbered) or never),
        caption_prefix=re.compile(f"[(\\[【]? ?(?:{_alt(prefixes) or never})"),
        caption_suffix=re.compile(f"(?:{_alt(suffixes) or never})[)\\]】]?$"),
        dateline=re.compile(
            f'(?P<src>[^{_NOT_SOURCE}]{{1,24}}?)(?P<mark>{_alt(marks) or never})(?=[ :(\\[【“"]|$)'
        ),
        media=media,
        byline_token=re.compile(
            f"(?P<role>{role})|(?P<name>{name_char}{{2,4}}(?:·{name_char}{{1,8}})?)"
            f"|(?P<mark>摄|报道)|(?P<sep>[ 、,/:]+)"
        ),
        bracketed=re.compile(r"\((?P<body>[^()]{2,60})\)"),
    )


def parse_byline(shadow: str, start: int, end: int) -> list[tuple[int, int, int, int]] | None:
    """Read ``shadow[start:end]`` as a credit: ``[(role_start, role_end, name_start, name_end)]``.

    ``None`` unless the whole stretch is roles, names, separators and a closing 摄/报道, it
    starts with a role, and every role is followed by at least one name. A place run into the
    closing 报道 (陈嘉怡 贵阳报道) is not a name.
    """
    token = cues().byline_token
    pairs: list[tuple[int, int, int, int]] = []
    role: tuple[int, int] | None = None
    named = True
    pos = start
    marked = False
    while pos < end:
        m = token.match(shadow, pos, end)
        if m is None or (marked and m.lastgroup != "sep"):
            return None
        kind = m.lastgroup
        if kind == "role":
            if not named:
                return None
            role, named = m.span(), False
        elif kind == "name":
            if role is None:
                return None
            pairs.append((role[0], role[1], m.start(), m.end()))
            named = True
        elif kind == "mark":
            marked = True
            # 陳嘉怡 貴陽報道: a name run into the closing 报道 is where the report is filed
            # from, not a second person (记者 陈嘉怡 报道 keeps its space)
            last = pairs[-1] if pairs else None
            if (
                last is not None
                and last[3] == m.start()
                and len(pairs) > 1
                and pairs[-2][:2] == last[:2]
            ):
                pairs.pop()
        pos = m.end()
    return pairs if pairs and named else None
