"""The aid-type cue lexicon: rows of ``aid_cues.tsv`` (or a user's file) compiled for matching.

A row says: this word is evidence of this label with this weight, provided its sentence holds
one of the ``needs`` context words and none of the ``blocks`` words. Two kinds of special row
share the table (see the comment block of ``aid_cues.tsv``):

- label ``@<name>`` — a *modifier*: cues after it in the same sentence are multiplied by its
  weight (``@plan`` rows such as 下一步 turn a list of intentions into weak evidence);
- label ``-`` — a *mask*: the phrase is consumed by the matcher and yields nothing, so that the
  cues inside it do not fire.

Every cue and context word is folded with :func:`~zhpoverty.text.normalize.shadow_text` when the
table is built, so traditional and full-width spellings in the table or the text match alike.
All cue strings are compiled into one trie-shaped regular expression that finds, at each
position, the longest cue starting there (:func:`~zhpoverty.text.patterns.word_pattern`, also
used by the indicator classifier), behind a look-ahead for the first two characters of a cue
that lets the scan pass most positions without trying the trie.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import DataFileError, Errors
from ..resources import load_tsv
from ..text.normalize import shadow_text
from ..text.patterns import filtered_word_pattern

DEFAULT_CUES = "aid_cues.tsv"
MASK = "-"
MODIFIER_PREFIX = "@"
NEAR = 8
"""How far (in characters) a ``>word`` / ``<word`` context may lie after / before its cue."""

_ANY, _AFTER, _BEFORE = "any", "after", "before"
_MARKS = {_AFTER: ">", _BEFORE: "<"}


@dataclass(frozen=True, slots=True)
class Context:
    """A context word of a cue: anywhere in the sentence, or within :data:`NEAR` characters."""

    word: str
    where: str = _ANY

    def present(self, shadow: str, start: int, end: int, cue_start: int, cue_end: int) -> bool:
        """Whether the word occurs in ``shadow[start:end]`` at the required place."""
        if self.where == _AFTER:
            return shadow.find(self.word, cue_end, min(end, cue_end + NEAR + len(self.word))) >= 0
        if self.where == _BEFORE:
            return (
                shadow.find(self.word, max(start, cue_start - NEAR - len(self.word)), cue_start)
                >= 0
            )
        return shadow.find(self.word, start, end) >= 0

    def __str__(self) -> str:
        return _MARKS.get(self.where, "") + self.word


@dataclass(frozen=True, slots=True)
class CueRule:
    """One row of a cue table, with its words already folded to the shadow form."""

    cue: str
    key: str
    label: str
    weight: float
    needs: tuple[Context, ...] = ()
    blocks: tuple[Context, ...] = ()
    note: str = ""

    @property
    def is_mask(self) -> bool:
        """A mask row consumes its phrase and yields nothing."""
        return self.label == MASK

    @property
    def is_modifier(self) -> bool:
        """A modifier row (label ``@…``) multiplies the weight of later cues in its sentence."""
        return self.label.startswith(MODIFIER_PREFIX)

    def licensed(
        self,
        shadow: str,
        start: int,
        end: int,
        cue_start: int,
        cue_end: int,
        *,
        heading: bool = False,
    ) -> tuple[bool, str | None]:
        """Check the row's context in the sentence ``shadow[start:end]``.

        Returns whether the cue fires, and the ``needs`` word that licensed it (``None`` for a
        cue that needs no context). In a ``heading`` the ``needs`` are waived (a section
        heading is itself the context: 数字化打通产销链), the ``blocks`` still apply.
        """
        for ctx in self.blocks:
            if ctx.present(shadow, start, end, cue_start, cue_end):
                return False, None
        if not self.needs or heading:
            return True, None
        for ctx in self.needs:
            if ctx.present(shadow, start, end, cue_start, cue_end):
                return True, str(ctx)
        return False, None


class CueTable:
    """A compiled cue lexicon: the rules by matched string and one trie regex over all of them.

    ``scan`` holds, for each matched string, its rules that can yield something (masks left
    out), each paired with whether it is a modifier (what the matcher asks of every rule it
    meets, worked out once here). Build it with :func:`load_cues`;
    combine tables with :func:`merge_cues`. Instances are immutable by convention and hashed by
    identity, so they can key caches.
    """

    __slots__ = ("by_key", "labels", "name", "pattern", "rules", "scan")

    def __init__(self, rules: Sequence[CueRule], *, name: str = "<cues>") -> None:
        self.name = name
        self.rules: tuple[CueRule, ...] = tuple(rules)
        by_key: dict[str, list[CueRule]] = {}
        for rule in self.rules:
            by_key.setdefault(rule.key, []).append(rule)
        self.by_key: dict[str, tuple[CueRule, ...]] = {k: tuple(v) for k, v in by_key.items()}
        self.scan: dict[str, tuple[tuple[CueRule, bool], ...]] = {
            k: tuple((rule, rule.is_modifier) for rule in v if not rule.is_mask)
            for k, v in by_key.items()
        }
        labels: dict[str, None] = {}
        for rule in self.rules:
            if not rule.is_mask and not rule.is_modifier:
                labels.setdefault(rule.label)
        self.labels: tuple[str, ...] = tuple(labels)
        self.pattern = re.compile(filtered_word_pattern(self.by_key, second=True))

    def __len__(self) -> int:
        return len(self.rules)

    def __repr__(self) -> str:
        return f"CueTable({self.name!r}, {len(self.rules)} rules, labels={list(self.labels)})"


def _contexts(value: str, *, name: str, cue: str, label: str, column: str) -> tuple[Context, ...]:
    out: list[Context] = []
    if not value:
        return ()
    for raw in value.split("|"):
        item = raw.strip()
        where = _ANY
        if item[:1] == ">":
            where, item = _AFTER, item[1:].strip()
        elif item[:1] == "<":
            where, item = _BEFORE, item[1:].strip()
        if not item:
            raise DataFileError(Errors.E401.format(name=name, cue=cue, label=label, column=column))
        out.append(Context(shadow_text(item), where))
    return tuple(out)


def parse_cue_rows(rows: Iterable[dict[str, str]], *, name: str) -> list[CueRule]:
    """Validate table rows (``cue, label, weight, needs, blocks, note``) into :class:`CueRule`."""
    rules: list[CueRule] = []
    seen: dict[tuple[str, str], str] = {}
    for row in rows:
        cue, label = row.get("cue", ""), row.get("label", "")
        for column, value in (("cue", cue), ("label", label)):
            if not value:
                raise DataFileError(Errors.E402.format(name=name, label=label, column=column))
        raw_weight = row.get("weight", "") or ("0" if label == MASK else "")
        try:
            weight = float(raw_weight)
        except ValueError:
            weight = float("nan")
        if not 0.0 <= weight <= 1.0:  # also rejects NaN
            raise DataFileError(
                Errors.E400.format(name=name, cue=cue, label=label, weight=raw_weight)
            )
        kw = {"name": name, "cue": cue, "label": label}
        key = shadow_text(cue)
        if (key, label) in seen:
            raise DataFileError(
                Errors.E405.format(
                    name=name, first=seen[key, label], second=cue, label=label, key=key
                )
            )
        seen[key, label] = cue
        rules.append(
            CueRule(
                cue=cue,
                key=key,
                label=label,
                weight=weight,
                needs=_contexts(row.get("needs", ""), column="needs", **kw),
                blocks=_contexts(row.get("blocks", ""), column="blocks", **kw),
                note=row.get("note", ""),
            )
        )
    return rules


@lru_cache(maxsize=32)
def load_cues(name: str | Path = DEFAULT_CUES) -> CueTable:
    """Load a cue table: a file name inside ``zhpoverty/data`` or the path of a user's TSV file.

    The file has the columns ``cue  label  weight  needs  blocks  note`` (see ``aid_cues.tsv``);
    the pair (cue, label) must be unique. Raises :class:`~zhpoverty.errors.DataFileError` on a
    malformed row. Tables are cached per process by name: a file edited at run time needs a new
    name or ``load_cues.cache_clear()`` (and ``zhpoverty.resources.load_tsv.cache_clear()``).
    """
    rows = load_tsv(name, key=("cue", "label"))
    return CueTable(parse_cue_rows(rows, name=str(name)), name=str(name))


def default_cues() -> CueTable:
    """The built-in cue table (``aid_cues.tsv``)."""
    return load_cues(DEFAULT_CUES)


@lru_cache(maxsize=32)
def merge_cues(*tables: CueTable) -> CueTable:
    """One table holding the rows of ``tables``; a later row replaces an earlier (cue, label).

    A user table can therefore change a built-in weight, or switch a cue off with weight 0.
    """
    merged: dict[tuple[str, str], CueRule] = {}
    for table in tables:
        for rule in table.rules:
            merged.pop((rule.key, rule.label), None)
            merged[(rule.key, rule.label)] = rule
    return CueTable(list(merged.values()), name="+".join(t.name for t in tables))


def resolve_cues(
    cues: CueTable | str | Path | None = None,
    extra: Sequence[CueTable | str | Path] = (),
) -> CueTable:
    """The table to match with: ``cues`` (default: built-in) plus ``extra`` tables, merged."""
    base = _as_table(cues) if cues is not None else default_cues()
    if not extra:
        return base
    return merge_cues(base, *(_as_table(t) for t in extra))


def _as_table(value: CueTable | str | Path) -> CueTable:
    if isinstance(value, CueTable):
        return value
    if isinstance(value, (str, Path)):
        return load_cues(value)
    raise TypeError(Errors.E404.format(expected="CueTable", loader="load_cues()", got=value))
