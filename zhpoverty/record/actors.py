"""Which mentions can be a record's subject: not a source of the figures, not a preposition's.

A record's ``subject`` is the organisation or place acting in the quantity's sentence
(:mod:`zhpoverty.record.rows`). News of the genre names two kinds of organisations and places
that do not act, and :func:`stands_aside` tells them apart with the words of
``subject_cues.tsv``:

- the **source** of the figures, in a clause of its own before them, which closes with a
  source word and a comma or colon: 记者从昭通市人社局获悉，… ; 据积石山县扶贫办统计，… ;
  昭通市扶贫开发办公室的数据显示，… ; 工作组组长张立新介绍，… A speaker often goes on about
  its own organisation (合作社理事长农立新说，合作社今年种植芒果3200亩), so a source is still
  the subject when no other actor is named;
- the object of a **preposition** (an *oblique* word right before the mention): 在福贡县，珠海市
  斗门区援建… ; 厦门市累计向积石山县投入… ; 为南涧县人民医院会诊… ; 其中到天津就业1,680人 —
  unless 在 governs a place the mention owns (在北京京张农业发展有限公司的蔬菜基地).

Everything works on the shadow text; no spaCy here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..find.word_heads import EndingWords
from ..resources import check_choice, load_tsv
from ..text.normalize import shadow_text

SUBJECT_CUES = "subject_cues.tsv"
ROLES = ("source", "oblique", "locative")
_CLAUSE_END = re.compile(r"[,;:。!?\n]")
_SOURCE_CLOSERS = frozenset(",:")
_LOCATIVE = "在"


@dataclass(frozen=True, slots=True)
class SubjectCues:
    """The words of ``subject_cues.tsv``, in shadow form."""

    source: tuple[str, ...]  # longest first
    oblique: EndingWords  # the locative words included
    locative: EndingWords


@lru_cache(maxsize=1)
def subject_cues() -> SubjectCues:
    """Load ``subject_cues.tsv`` (once per process)."""
    rows = load_tsv(SUBJECT_CUES, key="cue")
    for row in rows:
        check_choice(SUBJECT_CUES, row["cue"], "role", row["role"], ROLES)

    def words(role: str) -> tuple[str, ...]:
        found = {shadow_text(r["cue"]) for r in rows if r["role"] == role}
        return tuple(sorted(found, key=lambda w: (-len(w), w)))

    locative = words("locative")
    return SubjectCues(
        source=words("source"),
        oblique=EndingWords([*words("oblique"), *locative]),
        locative=EndingWords(locative),
    )


def after_word(shadow: str, start: int, words: EndingWords) -> str | None:
    """The longest of ``words`` that ends right before ``start`` (spaces between allowed)."""
    j = start
    while j > 0 and shadow[j - 1] == " ":
        j -= 1
    return words.longest_ending(shadow, j) or None


def stands_aside(shadow: str, start: int, end: int, limit: int, cues: SubjectCues) -> str | None:
    """Why the mention ``shadow[start:end]`` names no actor for what follows it up to ``limit``
    (the quantity's start): ``"oblique"`` when it follows an oblique word, ``"source"`` when it
    lies in a source clause that closes before ``limit``; ``None`` when it may act."""
    word = after_word(shadow, start, cues.oblique)
    # 在北京京张农业发展有限公司的蔬菜基地: the owner of the place acts (but in 帮扶天柱县的
    # 杭州市余杭区, 的 opens a relative clause and 天柱县 stays aside)
    if word is not None and not (word == _LOCATIVE and shadow.startswith("的", end)):
        return "oblique"
    close = _CLAUSE_END.search(shadow, end, limit)
    if close is None or close.group() not in _SOURCE_CLOSERS:
        return None
    head = shadow[end : close.start()].rstrip()
    return "source" if head.endswith(cues.source) else None
