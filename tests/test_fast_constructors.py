"""fast_constructor builds the same frozen values as the dataclass's own __init__."""

from __future__ import annotations

import dataclasses
import pickle
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest

import zhpoverty
from zhpoverty.fast_constructors import fast_constructor
from zhpoverty.find.aid_scores import Evidence, SentenceAid
from zhpoverty.find.dates import DateMention
from zhpoverty.find.places import Place
from zhpoverty.find.quantities import Quantity
from zhpoverty.text.structure import TextSpan

USERS = [Quantity, DateMention, Place, TextSpan, Evidence, SentenceAid]
PACKAGE = Path(zhpoverty.__file__).parent


def test_every_class_built_fast_is_checked_here() -> None:
    calls = re.compile(r"fast_constructor\((\w+)\)")
    used = {m for p in PACKAGE.rglob("*.py") for m in calls.findall(p.read_text(encoding="utf-8"))}
    assert used == {cls.__name__ for cls in USERS}


def _values(cls: type) -> dict[str, object]:
    """A distinct, hashable value for every field."""
    return {
        f.name: (f"{f.name}-{i}" if i % 2 else Decimal(i))
        for i, f in enumerate(dataclasses.fields(cls))
    }


@pytest.mark.parametrize("cls", USERS, ids=lambda c: c.__name__)
def test_equal_to_one_built_by_init(cls: type) -> None:
    values = _values(cls)
    built, fast = cls(**values), fast_constructor(cls)(**values)
    assert type(fast) is cls
    assert fast == built and hash(fast) == hash(built) and repr(fast) == repr(built)
    assert dataclasses.asdict(fast) == dataclasses.asdict(built)
    assert pickle.loads(pickle.dumps(fast)) == built
    assert not hasattr(fast, "__dict__")
    name = dataclasses.fields(cls)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(fast, name, "changed")


@pytest.mark.parametrize("cls", USERS, ids=lambda c: c.__name__)
def test_positional_arguments_and_defaults_as_init(cls: type) -> None:
    fields = dataclasses.fields(cls)
    required = [f for f in fields if f.default is dataclasses.MISSING]
    args = [_values(cls)[f.name] for f in required]
    assert fast_constructor(cls)(*args) == cls(*args)
    with pytest.raises(TypeError):  # one too many, as for __init__
        fast_constructor(cls)(*range(len(fields) + 1))


@dataclass(frozen=True)
class _NoSlots:
    a: int


@dataclass(slots=True)
class _NotFrozen:
    a: int


@dataclass(frozen=True, slots=True)
class _PostInit:
    a: int

    def __post_init__(self) -> None:
        pass


@dataclass(frozen=True, slots=True)
class _Factory:
    a: list[int] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _NotInInit:
    a: int
    b: int = field(init=False, default=0)


@pytest.mark.parametrize("cls", [_NoSlots, _NotFrozen, _PostInit, _Factory, _NotInInit, int])
def test_refuses_what_it_would_build_wrongly(cls: type) -> None:
    with pytest.raises(TypeError):
        fast_constructor(cls)
