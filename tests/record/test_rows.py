"""Indicator rows from plain mentions, without spaCy."""

from __future__ import annotations

from itertools import accumulate
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from zhpoverty.find.quantities import find_quantities
from zhpoverty.record.rows import (
    _by_sentence,
    _containing,
    _date,
    _running_max,
    _Sorted,
    build_records,
)


def test_traditional_text_without_a_shadow_is_normalised() -> None:
    text = "城陽區2019年組織消費扶貧6900餘萬元。"
    quantities = [q.as_dict() for q in find_quantities(text)]
    places = [
        {"text": "城陽區", "start": 0, "end": 3, "name": "山东省青岛市城阳区", "code": "370214"}
    ]
    (row,) = build_records(
        text, quantities=quantities, sentences=[(0, len(text))], places=places, published="2020"
    )
    assert (row["indicator"], row["value"], row["cue"]) == ("sales", 69000000, "消費扶貧")
    assert (row["subject"], row["place_code"], row["date"]) == (
        "山东省青岛市城阳区",
        "370214",
        "2020",
    )


def test_quantities_in_captions_and_durations_give_no_row() -> None:
    text = "1-项目占地100亩效果图\n计划利用三年时间投资1.6亿元。"
    quantities = [q.as_dict() for q in find_quantities(text)]
    caption = (0, text.index("\n"))
    body = (caption[1] + 1, len(text))
    # the caption is given as a sentence too: only `excluded` keeps its 100亩 out
    rows = build_records(text, quantities=quantities, sentences=[caption, body], excluded=[caption])
    assert [(r["indicator"], r["quantity_text"]) for r in rows] == [("investment", "1.6亿元")]


def _mentions(text: str, names: dict[str, str]) -> list[dict[str, object]]:
    """Mentions of each word of ``names`` (word → full name) at every place it occurs."""
    found = []
    for word, name in names.items():
        start = text.find(word)
        while start >= 0:
            found.append({"text": word, "start": start, "end": start + len(word), "name": name})
            start = text.find(word, start + 1)
    return sorted(found, key=lambda m: m["start"])


def _rows(
    text: str, places: dict[str, str], orgs: dict[str, str] | None = None
) -> list[tuple[str | None, str | None]]:
    """(subject, place) of each record of a one-sentence ``text``."""
    quantities = [q.as_dict() for q in find_quantities(text)]
    rows = build_records(
        text,
        quantities=quantities,
        sentences=[(0, len(text))],
        places=_mentions(text, places),
        organizations=_mentions(text, orgs or {}),
    )
    return [(r["subject"], r["place"]) for r in rows]


def _subjects(text: str, places: dict[str, str], orgs: dict[str, str]) -> list[str | None]:
    return [subject for subject, _ in _rows(text, places, orgs)]


def test_the_source_of_the_figures_is_not_their_subject() -> None:
    text = "据积石山县扶贫办统计，2017年以来，厦门市累计向积石山县投入财政援助资金3.26亿元。"
    places = {"积石山县": "积石山县", "厦门市": "福建省厦门市"}
    orgs = {"积石山县扶贫办": "积石山县扶贫办"}
    assert _subjects(text, places, orgs) == ["福建省厦门市"]
    traditional = "記者從昭通市人社局獲悉，東莞市去年投入昭通財政幫扶資金3.95億元。"
    places = {"東莞市": "广东省东莞市", "昭通": "云南省昭通市"}
    assert _subjects(traditional, places, {"昭通市人社局": "昭通市人社局"}) == ["广东省东莞市"]


def test_a_place_after_a_preposition_does_not_act() -> None:
    text = "在福贡县，珠海市斗门区援建的通村公路全长12.5公里。"
    places = {"福贡县": "云南省怒江傈僳族自治州福贡县", "珠海市斗门区": "广东省珠海市斗门区"}
    assert _subjects(text, places, {}) == ["广东省珠海市斗门区"]
    # 在 + the owner of a place: the owner acts
    text = "在京张农业公司的蔬菜基地，种植面积达到6500亩。"
    assert _subjects(text, {}, {"京张农业公司": "北京京张农业发展有限公司"}) == [
        "北京京张农业发展有限公司"
    ]


def test_a_speaker_is_the_subject_when_no_one_else_acts() -> None:
    text = "绿源芒果合作社理事长农立新说，合作社今年种植芒果3200亩。"
    orgs = {"绿源芒果合作社": "田东县绿源芒果专业合作社"}
    assert _subjects(text, {}, orgs) == ["田东县绿源芒果专业合作社"]
    text = "卓尼县扶贫办主任杨东平说，今年天津拨付卓尼县的援助资金有4600万元。"
    places = {"天津": "天津市", "卓尼县": "甘肃省甘南藏族自治州卓尼县"}
    assert _subjects(text, places, {"卓尼县扶贫办": "卓尼县扶贫办"}) == ["天津市"]


def test_a_place_after_a_locative_word_is_where_the_activity_happens() -> None:
    text = "在丹凤县，南京援建的香菇产业园今年产鲜菇1500吨。"
    places = {"丹凤县": "陕西省商洛市丹凤县", "南京": "江苏省南京市"}
    assert _rows(text, places) == [("江苏省南京市", "陕西省商洛市丹凤县")]
    text = "南京共引导27家企业到商洛投资。"  # after the quantity, too
    places = {"商洛": "陕西省商洛市", "南京": "江苏省南京市"}
    assert _rows(text, places) == [("江苏省南京市", "陕西省商洛市")]


def test_mentions_within_a_stretch_leave_out_those_running_past_it() -> None:
    spans = [(0, 3), (2, 9), (4, 6), (7, 8), (8, 12)]
    index = _Sorted([{"start": s, "end": e} for s, e in spans])
    for lo in range(13):
        for hi in range(lo, 13):
            got = [(m["start"], m["end"]) for m in index.within(lo, hi)]
            assert got == [(s, e) for s, e in spans if lo <= s and e <= hi], (lo, hi)


spans = st.tuples(st.integers(0, 40), st.integers(0, 12)).map(lambda p: (p[0], p[0] + p[1]))


@given(st.lists(spans, max_size=8), st.lists(st.integers(0, 55), max_size=12))
def test_each_quantity_goes_to_the_sentence_found_by_bisection(
    sentences: list[tuple[int, int]], starts: list[int]
) -> None:
    # overlapping sentences, sentences that start together, quantities in any order
    sentences = sorted(sentences)
    expected = {
        i: found
        for i, start in enumerate(starts)
        if (found := _containing(sentences, [s for s, _ in sentences], start)) is not None
    }
    got = {}
    for sentence, indices in _by_sentence(sentences, starts):
        assert [starts[i] for i in indices] == sorted(starts[i] for i in indices)
        for i in indices:
            assert i not in got
            got[i] = sentence
    assert got == expected


dates = st.lists(
    st.tuples(spans, st.sampled_from(["2019", "2020-04", None])).map(
        lambda d: {"start": d[0][0], "end": d[0][1], "value": d[1]}
    ),
    max_size=6,
)


@given(dates, spans, st.integers(0, 4), st.integers(45, 60))
def test_the_date_is_the_nearest_dated_before_else_the_first_after(
    found: list[dict[str, Any]], quantity: tuple[int, int], s0: int, s1: int
) -> None:
    q = {"start": max(quantity[0], s0), "end": max(quantity[1], s0) + 1}
    index = _Sorted(found)
    before = [d for d in reversed(index.within(s0, q["start"])) if d["value"]]
    after = [d for d in index.within(q["end"], s1) if d["value"]]
    expected = (before or after or [{"value": None}])[0]["value"]
    dated = [d for d in index.within(s0, s1) if d["value"]]
    assert _date(q, dated) == expected


@given(st.lists(st.integers(0, 99), max_size=20))
def test_running_max_is_the_accumulated_maximum(values: list[int]) -> None:
    assert _running_max(values) == list(accumulate(values, max))
