"""People: names anchored on titles, descriptors and speech verbs, with their organisation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhpoverty.errors import SettingsError
from zhpoverty.find.organizations import find_organizations
from zhpoverty.find.people import Person, find_people
from zhpoverty.text.normalize import shadow_text

CASES_FILE = Path(__file__).resolve().parent.parent / "data" / "people_cases.jsonl"
CASES = [json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").split("\n") if line]


@pytest.mark.parametrize("case", CASES, ids=[c["note"][:40] for c in CASES])
def test_people_cases(case: dict[str, Any]) -> None:
    text = case["text"]
    kwargs: dict[str, Any] = {}
    if "organizations" in case:  # the case passes its own (empty) organisation list
        kwargs["organizations"] = case["organizations"]
    got = find_people(text, **kwargs)
    assert [[p.text, p.title, p.organization] for p in got] == case["expect"]
    for p in got:
        assert text[p.start : p.end] == p.text
        if p.title is not None:
            assert text[p.title_start : p.title_end] == p.title


def test_case_table_size() -> None:
    assert len(CASES) >= 40
    traditional = [c for c in CASES if c["text"] != shadow_text(c["text"]).replace("\u3000", " ")]
    assert len(traditional) >= 12


def test_reference_article(reference_text: str, reference_gold: dict[str, Any]) -> None:
    got = [p.as_dict() for p in find_people(reference_text)]
    assert got == reference_gold["people"]


def test_organizations_passed_in_are_used() -> None:
    text = "”城阳区人社局副局长董咏梅说。"
    shadow = shadow_text(text)
    orgs = find_organizations(text, shadow=shadow)
    (person,) = find_people(text, shadow=shadow, organizations=orgs)
    assert person.organization == "城阳区人社局"
    (alone,) = find_people(text, shadow=shadow, organizations=())
    assert alone.organization is None


def test_as_dict_is_plain_data() -> None:
    (person,) = find_people("总裁张永昌介绍")
    assert person.as_dict() == {
        "text": "张永昌",
        "start": 2,
        "end": 5,
        "title": "总裁",
        "organization": None,
    }
    assert isinstance(person, Person)
    with pytest.raises(AttributeError):
        person.title = "董事长"  # type: ignore[misc]


def test_wrong_shadow_is_refused() -> None:
    with pytest.raises(SettingsError, match="E007"):
        find_people("总裁张永昌介绍", shadow="总裁")


def test_very_long_text(reference_text: str) -> None:
    once = find_people(reference_text)
    got = find_people(reference_text * 30)
    assert len(got) == 30 * len(once)
    shift = 29 * len(reference_text)
    assert [(p.start - shift, p.text, p.title) for p in got[-len(once) :]] == [
        (p.start, p.text, p.title) for p in once
    ]


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("总裁记者张王李永昌新华说介绍的和 ，“”（）0１")), max_size=40
    )
)
def test_offsets_always_match_the_text(text: str) -> None:
    for person in find_people(text):
        assert text[person.start : person.end] == person.text


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("总书记者文图摄副县长村民主任医师的和 ，：0")), max_size=40
    )
)
def test_titles_are_the_matches_of_the_title_pattern(text: str) -> None:
    from zhpoverty.find.people import _tables, _titles

    tables = _tables()
    got = [m.span() for m in _titles(text, tables)]
    assert got == [m.span() for m in tables.title_re.finditer(text)]
