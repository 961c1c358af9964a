"""The indicator cue lexicon: rows of ``indicator_cues.tsv`` (or a user's file), compiled.

The table's schema is documented at the top of ``indicator_cues.tsv``; how the rows decide is in
:mod:`zhpoverty.record.indicators`. All words are folded with
:func:`~zhpoverty.text.normalize.shadow_text`, and every cue word goes into one trie regex run as
a lookahead (behind a filter of the words' first two characters), so that overlapping cues (转移就业
and its 就业) are all seen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from ..errors import DataFileError, Errors
from ..resources import load_tsv
from ..text.normalize import shadow_text
from ..text.patterns import starts_lookahead, word_pattern
from ..vocabulary import QUANTITY_LABELS, canonical_units, indicators

DEFAULT_INDICATOR_CUES = "indicator_cues.tsv"
GAP = "…"
NONE = "none"
OTHER = "other"
MASK = "-"
BRIDGE = "="
ANY = "*"
CLAUSE_START = "^"
ONE = "one"
"""Unit token of a quantity whose number is one (1间, 一套): ``item+one`` in a units column."""
DIRECTIONS = ("before", "after", "both")


@dataclass(frozen=True, slots=True)
class IndicatorRule:
    """One row of an indicator cue table, its words folded to the shadow form."""

    cue: str
    indicator: str
    parts: tuple[str, ...]
    direction: str
    window: int
    gap: int
    units: tuple[tuple[frozenset[str], frozenset[str]], ...]
    order: int
    note: str = ""

    @property
    def kind(self) -> str:
        """``word``, ``gapped``, ``mask``, ``bridge``, ``clause`` (cue ``^``) or ``default``
        (cue ``*``)."""
        if self.indicator == MASK:
            return "mask"
        if self.indicator == BRIDGE:
            return "bridge"
        if self.cue == ANY:
            return "default"
        if self.cue == CLAUSE_START:
            return "clause"
        return "gapped" if len(self.parts) > 1 else "word"

    def fits(self, tokens: frozenset[str]) -> bool:
        """Whether a quantity described by ``tokens`` (unit, kind, label, ``one``) fits a row:
        some entry of ``units`` is ``*``, or has all its ``+``-joined tokens among them and
        none of its ``!``-negated ones."""
        return any(
            ANY in pos or (pos <= tokens and neg.isdisjoint(tokens)) for pos, neg in self.units
        )


class RuleFit(NamedTuple):
    """The rows of a table that a quantity fits, from its tokens (:meth:`IndicatorCues.fitting`)."""

    fits: tuple[bool, ...]
    """Whether it fits each row, by the row's position in ``IndicatorCues.rules``."""
    clause: IndicatorRule | None
    """The first clause-start row (cue ``^``) it fits."""
    default: IndicatorRule | None
    """The first unit-default row (cue ``*``) it fits."""


class IndicatorCues:
    """A compiled indicator cue table (see :func:`load_indicator_cues`), hashed by identity.

    ``by_part`` maps each cue word to the rows it is part of, as ``(rule, part index)``;
    ``leads`` each word to the word and gapped rows it opens, as ``(rule, position of the rule
    in rules)``; ``masks`` holds the words of the mask rows.
    """

    __slots__ = (
        "_fitting",
        "bridges",
        "by_part",
        "clause",
        "defaults",
        "leads",
        "masks",
        "name",
        "pattern",
        "prefixes",
        "rules",
    )

    def __init__(self, rules: Iterable[IndicatorRule], *, name: str = "<indicator cues>") -> None:
        self.name = name
        self.rules = tuple(rules)
        by_part: dict[str, list[tuple[IndicatorRule, int]]] = {}
        leads: dict[str, list[tuple[IndicatorRule, int]]] = {}
        for position, rule in enumerate(self.rules):
            if rule.kind in ("word", "gapped", "mask"):
                for i, part in enumerate(rule.parts):
                    by_part.setdefault(part, []).append((rule, i))
            if rule.kind in ("word", "gapped"):
                leads.setdefault(rule.parts[0], []).append((rule, position))
        self.by_part = {k: tuple(v) for k, v in by_part.items()}
        self.leads = {k: tuple(v) for k, v in leads.items()}
        self.masks = frozenset(part for r in self.rules if r.kind == "mask" for part in r.parts)
        # every part that is a prefix of a longer part, so that overlapping cues are all seen
        self.prefixes = {p: tuple(q for q in self.by_part if p.startswith(q)) for p in self.by_part}
        # the class of first two characters lets the regex engine skip most positions at once
        self.pattern = re.compile(
            f"{starts_lookahead(self.by_part, second=True)}(?=({word_pattern(self.by_part)}))"
        )
        self.clause = tuple(r for r in self.rules if r.kind == "clause")
        self.defaults = tuple(r for r in self.rules if r.kind == "default")
        self.bridges = tuple(r.parts[0] for r in self.rules if r.kind == "bridge")
        self._fitting: dict[frozenset[str], RuleFit] = {}

    def fitting(self, tokens: frozenset[str]) -> RuleFit:
        """The rows that a quantity described by ``tokens`` fits (:meth:`IndicatorRule.fits`),
        worked out once per set of tokens (quantities come in only a few kinds)."""
        fit = self._fitting.get(tokens)
        if fit is None:
            fit = RuleFit(
                tuple(rule.fits(tokens) for rule in self.rules),
                next((rule for rule in self.clause if rule.fits(tokens)), None),
                next((rule for rule in self.defaults if rule.fits(tokens)), None),
            )
            self._fitting[tokens] = fit
        return fit

    def __repr__(self) -> str:
        return f"IndicatorCues({self.name!r}, {len(self.rules)} rules)"


def _int(value: str, *, name: str, cue: str, indicator: str, column: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise DataFileError(
            Errors.E412.format(name=name, cue=cue, indicator=indicator, column=column, value=value)
        )
    return number


@lru_cache(maxsize=1)
def _unit_tokens_known() -> frozenset[str]:
    units = canonical_units()
    kinds = (row["kind"] for row in units.values())
    return frozenset({*units, *kinds, *QUANTITY_LABELS, ANY, ONE})


def _units(value: str) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """``a+b+!c|d`` → ((required, excluded), …)."""
    out = []
    for entry in value.split("|"):
        tokens = [t.strip() for t in entry.split("+") if t.strip()]
        if tokens:
            pos = frozenset(t for t in tokens if not t.startswith("!"))
            neg = frozenset(t[1:].strip() for t in tokens if t.startswith("!"))
            out.append((pos, neg))
    return tuple(out)


def parse_indicator_rows(rows: Iterable[dict[str, str]], *, name: str) -> list[IndicatorRule]:
    """Validate rows (``cue, indicator, direction, window, gap, units, note``) into rules."""
    known = {*indicators(), NONE, MASK, BRIDGE}
    out: list[IndicatorRule] = []
    seen: dict[tuple[str, str], str] = {}
    for order, row in enumerate(rows):
        cue, indicator = row.get("cue", ""), row.get("indicator", "")
        for column, value in (("cue", cue), ("indicator", indicator)):
            if not value:
                raise DataFileError(Errors.E402.format(name=name, label=indicator, column=column))
        if indicator not in known:
            raise DataFileError(
                Errors.E410.format(
                    name=name, cue=cue, indicator=indicator, known=", ".join(indicators())
                )
            )
        kw = {"name": name, "cue": cue, "indicator": indicator}
        parts = tuple(shadow_text(p.strip()) for p in cue.split(GAP))
        key = GAP.join(parts)
        if (key, indicator) in seen:
            raise DataFileError(
                Errors.E405.format(
                    name=name, first=seen[key, indicator], second=cue, label=indicator, key=key
                )
            )
        seen[key, indicator] = cue
        special = cue in (ANY, CLAUSE_START) or indicator in (MASK, BRIDGE)
        direction, window, gap = row.get("direction", ""), 0, 0
        if not special:
            if direction not in DIRECTIONS:
                raise DataFileError(Errors.E411.format(direction=direction, **kw))
            window = _int(row.get("window", ""), column="window", **kw)
            if len(parts) > 1 or row.get("gap", ""):
                gap = _int(row.get("gap", ""), column="gap", **kw)
        if len(parts) > 2 or not all(parts):
            raise DataFileError(Errors.E412.format(column="cue", value=cue, **kw))
        units = _units(row.get("units", ""))
        if not units and indicator not in (MASK, BRIDGE):
            raise DataFileError(Errors.E402.format(name=name, label=indicator, column="units"))
        for unit in frozenset().union(*(pos | neg for pos, neg in units)) - _unit_tokens_known():
            raise DataFileError(Errors.E413.format(unit=unit, **kw))
        out.append(
            IndicatorRule(
                cue, indicator, parts, direction, window, gap, units, order, row.get("note", "")
            )
        )
    return out


@lru_cache(maxsize=32)
def load_indicator_cues(name: str | Path = DEFAULT_INDICATOR_CUES) -> IndicatorCues:
    """Load an indicator cue table: a file in ``zhpoverty/data`` or the path of a user's TSV.

    Columns ``cue  indicator  direction  window  gap  units  note`` (see ``indicator_cues.tsv``);
    (cue, indicator) must be unique. Raises :class:`~zhpoverty.errors.DataFileError` on a bad row.
    """
    rows = load_tsv(name, key=("cue", "indicator"))
    return IndicatorCues(parse_indicator_rows(rows, name=str(name)), name=str(name))


def resolve_indicator_cues(table: IndicatorCues | str | Path | None) -> IndicatorCues:
    """The table to use: the built-in one for ``None``, else the given table, name or path."""
    if table is None:
        return load_indicator_cues(DEFAULT_INDICATOR_CUES)
    if isinstance(table, IndicatorCues):
        return table
    if isinstance(table, (str, Path)):
        return load_indicator_cues(table)
    raise TypeError(
        Errors.E404.format(expected="IndicatorCues", loader="load_indicator_cues()", got=table)
    )
