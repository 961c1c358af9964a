"""Unit, measure-word and modifier tables for the quantity finder, and SI conversion.

Everything here is read once per process from the package's data files:

- ``units.tsv``: units of measure, money, durations and percent (surface → canonical unit, with a
  factor for 成 and a ``plus`` for 年半/个半月), multipliers (万, 亿, 百万 …) and the modifier
  words before, inside and after a quantity (约, 余, 以上 …);
- ``classifiers.tsv``: person-like unit nouns (人, 名, 户, 人次), measure words (个, 家, 所 …),
  counted head nouns with the unit they give (企业 → enterprise, 岗位 → job), and the helper words
  the counted-noun search uses (modifiers, gaps, stops);
- ``canonical_units.tsv``: the closed unit vocabulary (label, kind, pint expression, SI unit).

SI factors come from pint. A ``UnitRegistry(non_int_type=Decimal)`` is loaded **once**, with
``pint_defs.txt`` for 亩 (mu = 666.67 m²) and 斤 (jin = 0.5 kg); each canonical unit's factor to
its ``si_unit`` is computed once, cached as a Decimal, and multiplied at run time
(:func:`to_si`). pint itself is never called per mention: building the registry costs about
0.15 s and one conversion tens of microseconds, both far over the finder's budget.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..errors import DataFileError, Errors
from ..resources import bad_column, check_choice, data_file, load_tsv
from ..vocabulary import APPROX_VALUES, canonical_units

__all__ = [
    "Lexicon",
    "Modifier",
    "UnitWord",
    "build_lexicon",
    "kind_of",
    "label_of",
    "lexicon",
    "si_factors",
    "to_si",
]

UNITS_FILE = "units.tsv"
CLASSIFIERS_FILE = "classifiers.tsv"
PINT_DEFS = "pint_defs.txt"

UNIT_KINDS = ("unit", "multiplier", "pre", "mid", "post")
CLASSIFIER_KINDS = ("person", "measure", "noun", "modifier", "gap", "stop", "verb")
_SI_EXPR = {"m2": "meter ** 2", "m3": "meter ** 3", "kg": "kilogram", "m": "meter"}


@dataclass(frozen=True, slots=True)
class UnitWord:
    """A word that can end a quantity: a unit of measure, a measure word or a person noun."""

    surface: str
    kind: str  # "unit" | "measure" | "person"
    unit: str  # canonical code; "-" for a recognised unit outside the vocabulary
    factor: Decimal = Decimal(1)
    plus: Decimal = Decimal(0)
    approx: str | None = None
    context: tuple[str, ...] = ()  # cue words (度: 电), or ("small",)
    look_back: bool = True  # measure words: may take the noun before the number (项目9个)


@dataclass(frozen=True, slots=True)
class Modifier:
    """A modifier word (约, 余, 以上) with its qualifier and an optional restriction."""

    surface: str
    approx: str | None  # None for a guard word (最近)
    context: str = ""  # "bare" (pre) or "duration" (post) or ""


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All word tables the finder needs, keyed by surface (simplified, shadow form)."""

    units: dict[str, UnitWord]  # units.tsv kind unit
    measures: dict[str, UnitWord]  # classifiers.tsv kinds person and measure
    multipliers: dict[str, int]
    pre: dict[str, Modifier]
    mid: dict[str, Modifier]
    post: dict[str, Modifier]
    nouns: dict[str, str]  # counted head noun → unit
    noun_modifiers: frozenset[str]
    gaps: frozenset[str]
    stops: frozenset[str]
    verbs: frozenset[str]
    max_noun: int  # length of the longest counted head noun


def _decimal(name: str, key: str, column: str, value: str, default: str) -> Decimal:
    try:
        return Decimal(value or default)
    except ArithmeticError:
        raise bad_column(name, key, column, value, "a number") from None


def _canonical(name: str, key: str, unit: str, *, allow_dash: bool) -> str:
    if unit in canonical_units() or (allow_dash and unit == "-"):
        return unit
    raise DataFileError(Errors.E202.format(name=name, key=key, unit=unit))


def _approx(name: str, key: str, value: str) -> str | None:
    check_choice(name, key, "approx", value, (*APPROX_VALUES, "-"))
    return None if value == "-" else value


def build_lexicon(
    units_name: str = UNITS_FILE, classifiers_name: str = CLASSIFIERS_FILE
) -> Lexicon:
    """Read and check ``units.tsv`` and ``classifiers.tsv`` (see their comment blocks)."""
    units: dict[str, UnitWord] = {}
    multipliers: dict[str, int] = {}
    mods: dict[str, dict[str, Modifier]] = {"pre": {}, "mid": {}, "post": {}}
    for row in load_tsv(units_name, key=("surface", "kind")):
        surface, kind = row["surface"], row["kind"]
        check_choice(units_name, surface, "kind", kind, UNIT_KINDS)
        if kind == "unit":
            unit = _canonical(units_name, surface, row["unit"], allow_dash=True)
            approx = _approx(units_name, surface, row["approx"]) if row["approx"] else None
            context = tuple(c for c in row["context"].split("|") if c)
            units[surface] = UnitWord(
                surface,
                "unit",
                unit,
                _decimal(units_name, surface, "factor", row["factor"], "1"),
                _decimal(units_name, surface, "plus", row["plus"], "0"),
                approx,
                context,
            )
        elif kind == "multiplier":
            factor = _decimal(units_name, surface, "factor", row["factor"], "")
            if factor <= 1 or factor != factor.to_integral_value():
                raise bad_column(
                    units_name, surface, "factor", row["factor"], "a whole number above 1"
                )
            multipliers[surface] = int(factor)
        else:
            if kind in ("pre", "post"):
                allowed = ("", "bare") if kind == "pre" else ("", "duration")
                check_choice(units_name, surface, "context", row["context"], allowed)
            approx = _approx(units_name, surface, row["approx"])
            mods[kind][surface] = Modifier(surface, approx, row["context"])

    measures: dict[str, UnitWord] = {}
    nouns: dict[str, str] = {}
    helpers: dict[str, set[str]] = {"modifier": set(), "gap": set(), "stop": set(), "verb": set()}
    for row in load_tsv(classifiers_name, key=("word", "kind")):
        word, kind = row["word"], row["kind"]
        check_choice(classifiers_name, word, "kind", kind, CLASSIFIER_KINDS)
        if kind in ("person", "measure"):
            unit = _canonical(classifiers_name, word, row["unit"], allow_dash=False)
            if canonical_units()[unit]["label"] != "CARDINAL":
                raise bad_column(
                    classifiers_name, word, "unit", unit, "a count unit (label CARDINAL)"
                )
            check_choice(classifiers_name, word, "look", row["look"], ("", "after"))
            measures[word] = UnitWord(word, kind, unit, look_back=row["look"] != "after")
        elif kind == "noun":
            nouns[word] = _canonical(classifiers_name, word, row["unit"], allow_dash=False)
        else:
            helpers[kind].add(word)
    return Lexicon(
        units=units,
        measures=measures,
        multipliers=multipliers,
        pre=mods["pre"],
        mid=mods["mid"],
        post=mods["post"],
        nouns=nouns,
        noun_modifiers=frozenset(helpers["modifier"]),
        gaps=frozenset(helpers["gap"]),
        stops=frozenset(helpers["stop"]),
        verbs=frozenset(helpers["verb"]),
        max_noun=max(map(len, nouns), default=1),
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The package's lexicon, built once per process."""
    return build_lexicon()


def label_of(unit: str) -> str:
    """The entity label of a canonical unit (CNY → MONEY, mu → QUANTITY, job → CARDINAL)."""
    return canonical_units()[unit]["label"]


def kind_of(unit: str) -> str:
    """The kind of a canonical unit (money, mass, duration, count …)."""
    return canonical_units()[unit]["kind"]


@lru_cache(maxsize=1)
def si_factors() -> dict[str, tuple[Decimal, str]]:
    """Canonical unit → (factor to its SI unit, SI unit code), computed once with pint.

    Units without a pint expression (money, counts, percent, calendar durations) are absent.
    """
    import pint  # imported here: only the first quantity with a physical unit pays for it

    registry = pint.UnitRegistry(non_int_type=Decimal)
    registry.load_definitions(str(data_file(PINT_DEFS)))
    factors: dict[str, tuple[Decimal, str]] = {}
    for code, row in canonical_units().items():
        expr, si = row["pint"], row["si_unit"]
        if not expr or not si:
            continue
        try:
            magnitude = registry.Quantity(Decimal(1), expr).to(_SI_EXPR.get(si, si)).magnitude
            factor = Decimal(str(magnitude))
        except Exception as exc:  # pint raises several unrelated types
            raise DataFileError(Errors.E204.format(unit=code, expr=expr, si=si, error=exc)) from exc
        factors[code] = (factor.normalize(), si)
    return factors


def to_si(value: Decimal, unit: str) -> tuple[Decimal, str] | None:
    """``value`` in ``unit`` converted to SI: ``to_si(Decimal(100), "mu")`` → (66667, "m2")."""
    entry = si_factors().get(unit)
    if entry is None:
        return None
    factor, si = entry
    return value * factor, si
