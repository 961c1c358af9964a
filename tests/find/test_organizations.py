"""Organisations: suffix-anchored names with a sensible left boundary, and company short names."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhpoverty.errors import SettingsError
from zhpoverty.find.organizations import (
    ORG_KINDS,
    Organization,
    find_organizations,
)
from zhpoverty.text.normalize import shadow_text
from zhpoverty.text.patterns import word_pattern

CASES_FILE = Path(__file__).resolve().parent.parent / "data" / "organizations_cases.jsonl"
CASES = [json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").split("\n") if line]


@pytest.mark.parametrize("case", CASES, ids=[c["note"][:40] for c in CASES])
def test_organization_cases(case: dict[str, Any]) -> None:
    text = case["text"]
    got = find_organizations(text)
    assert [[o.text, o.kind] for o in got] == case["expect"]
    for o in got:
        assert text[o.start : o.end] == o.text
        assert o.kind in ORG_KINDS
    assert [o.start for o in got] == sorted(o.start for o in got)


def test_case_table_size() -> None:
    assert len(CASES) >= 40
    traditional = [c for c in CASES if c["text"] != shadow_text(c["text"]).replace("\u3000", " ")]
    assert len(traditional) >= 12


def test_reference_article(reference_text: str, reference_gold: dict[str, Any]) -> None:
    got = [(o.text, o.start, o.end) for o in find_organizations(reference_text)]
    gold = [(o["text"], o["start"], o["end"]) for o in reference_gold["organizations"]]
    # 鑫源环保 is named only by its short name in this article: no ending to anchor it
    assert [g for g in gold if g not in got] == [("鑫源环保", 929, 933)]
    assert [g for g in got if g not in gold] == []


def test_rules_are_reported() -> None:
    text = "“关岭县驻城阳区劳务协作工作站”。青岛利和萃取有限公司。利和萃取"
    rules = [(o.text, o.rule) for o in find_organizations(text)]
    assert rules == [
        ("关岭县驻城阳区劳务协作工作站", "quoted"),
        ("青岛利和萃取有限公司", "suffix"),
        ("利和萃取", "short_name"),
    ]


def test_as_dict_is_plain_data() -> None:
    (org,) = find_organizations("”城阳区人社局副局长")
    assert org.as_dict() == {
        "text": "城阳区人社局", "start": 1, "end": 7, "kind": "agency", "name": "城阳区人社局"
    }  # fmt: skip
    assert isinstance(org, Organization)
    with pytest.raises(AttributeError):
        org.kind = "company"  # type: ignore[misc]


def test_a_short_name_carries_the_full_name() -> None:
    text = "”青岛利和萃取有限公司总裁介绍。青岛利和萃取计划年内新建车间。"
    found = [(o.text, o.name, o.rule) for o in find_organizations(text)]
    assert found == [
        ("青岛利和萃取有限公司", "青岛利和萃取有限公司", "suffix"),
        ("青岛利和萃取", "青岛利和萃取有限公司", "short_name"),
    ]


def test_precomputed_shadow_and_wrong_shadow() -> None:
    text = "將全部入職青島國恩科技股份有限公司。"
    assert find_organizations(text, shadow=shadow_text(text)) == find_organizations(text)
    with pytest.raises(SettingsError, match="E007"):
        find_organizations(text, shadow=text[:-1])


def test_very_long_text(reference_text: str) -> None:
    once = find_organizations(reference_text)
    got = find_organizations(reference_text * 30)
    assert len(got) == 30 * len(once)
    shift = 29 * len(reference_text)
    assert [(o.start - shift, o.text) for o in got[-len(once) :]] == [
        (o.start, o.text) for o in once
    ]


@pytest.mark.parametrize(
    ("words", "text", "expected"),
    [
        (["有限公司", "股份有限公司", "公司"], "某某股份有限公司", "股份有限公司"),
        (["办", "办公室"], "扶贫办公室", "办公室"),
        (["局"], "人社局", "局"),
    ],
)
def test_word_pattern_finds_the_longest_word(words: list[str], text: str, expected: str) -> None:
    found = re.search(word_pattern(words), text)
    assert found is not None and found.group() == expected


def test_word_pattern_escapes_and_ignores_empty_words() -> None:
    pattern = re.compile(word_pattern(["a.b", "", "a"]))
    assert pattern.fullmatch("a.b") is not None
    assert pattern.fullmatch("axb") is None


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("青岛城阳区人社局有限公司合作社办和与的是“”「」 ，0１")),
        max_size=40,
    )
)
def test_offsets_always_match_the_text(text: str) -> None:
    for org in find_organizations(text):
        assert text[org.start : org.end] == org.text
        assert org.kind in ORG_KINDS


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("青岛aZ·的 ，“0１")), max_size=30),
    st.integers(min_value=0, max_value=30),
    st.integers(min_value=0, max_value=30),
)
def test_name_run_start_agrees_with_a_step_by_step_walk(text: str, lo: int, hi: int) -> None:
    from zhpoverty.find.organizations import _NAME_CHAR, _name_run_start

    lo, hi = sorted((min(lo, len(text)), min(hi, len(text))))
    i = hi
    while i > lo and _NAME_CHAR.match(text, i - 1):
        i -= 1
    assert _name_run_start(text, lo, hi) == i


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=5), max_size=8),
    st.integers(min_value=0, max_value=40),
    st.integers(min_value=1, max_value=4),
)
def test_overlaps_place_agrees_with_a_cover(gaps: list[int], lo: int, width: int) -> None:
    from zhpoverty.find.organizations import _overlaps_place

    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for gap in gaps:  # sorted, non-overlapping spans of two or three characters
        starts.append(pos + gap)
        ends.append(pos + gap + 2 + gap % 2)
        pos = ends[-1]
    cover = bytearray(60)
    for a, b in zip(starts, ends, strict=True):
        cover[a:b] = b"\x01" * (b - a)
    expected = any(cover[lo : lo + width])
    assert _overlaps_place(starts, ends, lo, lo + width) == expected
