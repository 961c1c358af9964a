"""Tests of the date finder: table-driven cases, the reference article, the corpus, edge cases."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhpoverty.errors import DataFileError, SettingsError
from zhpoverty.find.date_grammar import grammar, small_number, year_number
from zhpoverty.find.dates import DateMention, find_dates, parse_reference
from zhpoverty.text.normalize import shadow_text

TEST_DATA = Path(__file__).resolve().parent.parent / "data"
CORPUS = Path(__file__).resolve().parent.parent.parent / "corpus"


def _cases() -> list[dict[str, Any]]:
    lines = (TEST_DATA / "date_cases.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


CASES = _cases()


def test_case_table_is_large_and_a_third_traditional() -> None:
    traditional = [c for c in CASES if c["script"] == "traditional"]
    assert len(CASES) >= 80
    assert len(traditional) * 3 >= len(CASES)
    assert len({c["id"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_date_case(case: dict[str, Any]) -> None:
    found = find_dates(case["text"], reference=case["reference"])
    assert [d.as_dict() for d in found] == case["expected"]
    for d in found:
        assert d.text == case["text"][d.start : d.end]


def _gold_dates(name: str) -> tuple[str, dict[str, Any]]:
    text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    return text, json.loads((CORPUS / f"{name}.gold.json").read_text(encoding="utf-8"))


def _plain(found: list[DateMention]) -> list[dict[str, Any]]:
    return [{k: v for k, v in d.as_dict().items() if k != "kind"} for d in found]


def test_reference_article(reference_text: str) -> None:
    found = find_dates(reference_text, reference="2020-03-18T16:45")
    expected = [
        ("2020-03-18 16:45", 30, "TIME", "2020-03-18T16:45"),
        ("今年", 97, "DATE", "2020"),
        ("2月21日", 352, "DATE", "2020-02-21"),
        ("2019年3月7日", 439, "DATE", "2019-03-07"),
        ("4月份", 484, "DATE", "2020-04"),
        ("2019年", 707, "DATE", "2019"),
        ("2019年", 843, "DATE", "2019"),
        ("2020年", 865, "DATE", "2020"),
        ("年内", 894, "DATE", "2020"),
        ("2019年以来", 1413, "DATE", "2019/.."),
        ("2020年", 1542, "DATE", "2020"),
        ("今年", 1615, "DATE", "2020"),
        ("2020年", 1696, "DATE", "2020"),  # inside the caption "3-2020年…": the "3-" is not
        ("2020年", 1722, "DATE", "2020"),
    ]
    assert [(d.text, d.start, d.label, d.value) for d in found] == expected
    # 近年来 (vague) and 日前 (a few days ago, no resolvable day) are not listed
    assert "近年来" in reference_text and "日前" in reference_text


def test_reference_article_traditional_same_dates(reference_text: str) -> None:
    traditional = opencc.OpenCC("s2t").convert(reference_text)
    assert len(traditional) == len(reference_text)
    simplified = find_dates(reference_text, reference="2020-03-18")
    converted = find_dates(traditional, reference="2020-03-18")
    strip = [(d.start, d.end, d.label, d.value, d.kind) for d in simplified]
    assert [(d.start, d.end, d.label, d.value, d.kind) for d in converted] == strip


def test_every_corpus_article_matches_its_gold() -> None:
    for gold_path in sorted(CORPUS.glob("*.gold.json")):
        name = gold_path.name.removesuffix(".gold.json")
        text, gold = _gold_dates(name)
        assert _plain(find_dates(text, reference=gold["published"])) == gold["dates"], name


def test_dates_never_cover_durations_or_frequencies() -> None:
    text = (
        "计划利用三年时间，在最后一年完成；每月设立一个主题，每两个月安排一次培训，"
        "项目建设周期3个月，连续10天开展义诊，一日活动，每年组织两次招聘会。"
    )
    assert find_dates(text, reference="2020-03-18") == []


def test_as_dict_is_plain_json() -> None:
    found = find_dates("2019年以来，今年4月，十三五期间", reference=datetime.date(2020, 3, 18))
    data = [d.as_dict() for d in found]
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert set(data[0]) == {"text", "start", "end", "label", "value", "kind"}
    assert found[0].rule.endswith("open")


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("2020-03-18", (2020, 3, 18)),
        ("2020-03-18T16:45", (2020, 3, 18)),
        ("2020-03-18 16:45:00", (2020, 3, 18)),
        ("2020-03", (2020, 3, None)),
        ("2020", (2020, None, None)),
        (datetime.date(2019, 11, 26), (2019, 11, 26)),
        (datetime.datetime(2019, 11, 26, 9, 30), (2019, 11, 26)),
        (None, None),
    ],
)
def test_parse_reference(reference: Any, expected: Any) -> None:
    assert parse_reference(reference) == expected


@pytest.mark.parametrize("reference", ["2020-13-01", "2020-02-30", "March 2020", "", 20200318])
def test_bad_reference_raises_coded_error(reference: Any) -> None:
    with pytest.raises(SettingsError, match=r"\[E340\]"):
        find_dates("今年", reference=reference)


def test_shadow_of_wrong_length_raises() -> None:
    with pytest.raises(SettingsError, match=r"\[E007\]"):
        find_dates("今年4月", shadow="今年")


def test_precomputed_shadow_gives_same_result() -> None:
    text = "２０１９年以來，今年１至６月"
    assert find_dates(text, reference="2020-03-18", shadow=shadow_text(text)) == find_dates(
        text, reference="2020-03-18"
    )


@pytest.mark.parametrize("text", ["", " ", "\n\n\xa0\u3000\n", "0"])
def test_empty_and_blank_text(text: str) -> None:
    assert find_dates(text, reference="2020-03-18") == []


def test_mojibake_gives_nothing_and_does_not_fail() -> None:
    mojibake = "2019年3月7日".encode().decode("latin-1")
    assert find_dates(mojibake, reference="2020-03-18") == []


def test_very_long_text_is_scanned_whole(reference_text: str) -> None:
    copies = 400  # about a million characters
    text = "\n".join([reference_text] * copies)
    found = find_dates(text, reference="2020-03-18")
    assert len(found) == 14 * copies
    last = found[-1]
    assert text[last.start : last.end] == "2020年" and last.value == "2020"


def test_numeral_helpers() -> None:
    assert [small_number(s) for s in ("07", "十", "十二", "二十一", "三十", "五")] == [
        7,
        10,
        12,
        21,
        30,
        5,
    ]
    assert year_number("二〇一九") == 2019 and year_number("二零二零") == 2020
    assert year_number("2019") == 2019


def test_grammar_is_built_once() -> None:
    assert grammar() is grammar()
    assert grammar().plans["十三五"] == (2016, 2020)


def test_bad_word_table_row_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    from zhpoverty.find import date_grammar

    rows = ({"word": "今年", "kind": "year", "value": "zero", "not_after": "", "not_before": ""},)
    monkeypatch.setattr(date_grammar, "load_tsv", lambda name, key=None: rows)
    date_grammar.grammar.cache_clear()
    try:
        with pytest.raises(DataFileError, match=r"\[E006\]"):
            date_grammar.grammar()
    finally:
        monkeypatch.undo()
        date_grammar.grammar.cache_clear()
    assert date_grammar.grammar().plans  # rebuilt from the real tables


_DATEISH = st.text(
    alphabet=st.sampled_from(
        list(
            "0123456789年月日号时点分:-/.至到以来今去明上下半初底末内十一二三〇每第个期间五 ，。\n"
        )
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(_DATEISH)
def test_random_text_gives_valid_spans(text: str) -> None:
    found = find_dates(text, reference="2020-03-18")
    previous_end = 0
    for d in found:
        assert previous_end <= d.start < d.end <= len(text)
        assert d.text == text[d.start : d.end]
        assert d.label in ("DATE", "TIME") and d.kind in ("absolute", "relative", "period", "open")
        previous_end = d.end


_DATE_PIECES = "2019|2020|年|3|12|月|7|28|日|号|-|/|.|:|16:45|至|到|一|二|〇|十|三|五|两|时|点|分|半|上午|下午|今年|去年|当天|“|”|十三五|期间|以来|元|万|余|人|第|每|的|，"


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_DATE_PIECES.split("|")), max_size=14).map("".join))
def test_the_atom_lead_holds_wherever_an_atom_matches(text: str) -> None:
    # the look-ahead in front of the atom pattern only skips positions: wherever the atoms
    # themselves match, the whole pattern matches the same way (brute force over positions)
    from zhpoverty.find.date_grammar import grammar

    whole = grammar().atom
    atoms = re.compile(whole.pattern[whole.pattern.index("(?:(?P<") :])
    for i in range(len(text)):
        alone = atoms.match(text, i)
        led = whole.match(text, i)
        assert (alone and alone.span()) == (led and led.span()), (text, i)
