"""Indicator classification: which activity a quantity measures, from the words around it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import opencc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhpoverty.errors import DataFileError, SettingsError
from zhpoverty.record.indicators import (
    IndicatorMatch,
    _sentence_cues,
    classify_indicator,
    explain_indicator,
    load_indicator_cues,
)
from zhpoverty.resources import parse_tsv
from zhpoverty.text.normalize import shadow_text
from zhpoverty.vocabulary import indicators

CASES_FILE = Path(__file__).resolve().parent.parent / "data" / "indicator_cases.tsv"
CASES = parse_tsv(CASES_FILE.read_text(encoding="utf-8"), name=CASES_FILE.name)
HEADER = "cue\tindicator\tdirection\twindow\tgap\tunits\tnote\n"


def unmark(marked: str) -> tuple[str, int, int]:
    """Strip the 【…】 marks; return the sentence and the quantity's offsets in it."""
    start = marked.index("【")
    end = marked.index("】") - 1
    return marked.replace("【", "").replace("】", ""), start, end


@pytest.mark.parametrize("case", CASES, ids=[c["sentence"][:14] for c in CASES])
def test_case(case: dict[str, str]) -> None:
    sentence, start, end = unmark(case["sentence"])
    kw = {"label": case["label"], "unit": case["unit"]}
    explained = explain_indicator(sentence, start, end, **kw)
    assert explained.indicator == case["indicator"]
    assert (explained.cue or "-") == case["cue"]
    assert explained.rule == case["rule"]
    if explained.cue is not None:
        assert sentence[explained.start : explained.end] == explained.cue
    match = classify_indicator(sentence, start, end, **kw)
    if case["indicator"] == "none":
        assert match is None
    else:
        assert match == explained


def test_case_table_covers_every_indicator() -> None:
    assert len(CASES) >= 80
    seen = {c["indicator"] for c in CASES}
    assert set(indicators()) | {"none"} == seen
    assert sum(shadow_text(c["sentence"]) != c["sentence"] for c in CASES) >= 10
    assert {c["rule"] for c in CASES} == {"before", "after", "inside", "unit", "clause-start"}


def test_unit_decides_between_cues() -> None:
    sentence = "城阳区投资建设的扶贫车间带动贫困群众就业120人,年产值3000万元。"
    person = sentence.index("120人")
    money = sentence.index("3000万元")
    jobs = classify_indicator(sentence, person, person + 4, label="CARDINAL", unit="person")
    output = classify_indicator(sentence, money, money + 6, label="MONEY", unit="CNY")
    assert jobs is not None and (jobs.indicator, jobs.cue) == ("jobs", "带动贫困群众就业")
    assert output is not None and (output.indicator, output.cue) == ("output", "年产值")
    area_first = "占地面积100亩投资1亿元"
    money2 = area_first.index("1亿元")
    inv = classify_indicator(area_first, money2, money2 + 3, label="MONEY", unit="CNY")
    assert inv is not None and (inv.indicator, inv.cue) == ("investment", "投资")
    mu = classify_indicator(area_first, 4, 8, label="QUANTITY", unit="mu")
    assert mu is not None and (mu.indicator, mu.cue) == ("area", "占地面积"[2:])


def test_approx_does_not_change_the_decision() -> None:
    sentence, s, e = unmark("组织消费扶贫【6900余万元】。")
    plain = classify_indicator(sentence, s, e, label="MONEY", unit="CNY")
    over = classify_indicator(sentence, s, e, label="MONEY", unit="CNY", approx="over")
    assert plain == over and plain is not None and plain.indicator == "sales"


def test_precomputed_shadow_gives_the_same_answer() -> None:
    sentence, s, e = unmark("帶動貧困人口就業【1200人】。")
    a = classify_indicator(sentence, s, e, label="CARDINAL", unit="person")
    b = classify_indicator(
        sentence, s, e, label="CARDINAL", unit="person", shadow=shadow_text(sentence)
    )
    assert a == b and a is not None and a.cue == "帶動貧困人口就業"


def test_quantity_at_the_edges_and_in_a_long_sentence() -> None:
    head = classify_indicator("3000万元", 0, 6, label="MONEY", unit="CNY")
    assert head is not None and (head.indicator, head.rule) == ("other", "unit")
    filler = "各项工作稳步推进," * 5000
    sentence = "投资" + filler + "共计1亿元"
    far = classify_indicator(sentence, len(sentence) - 3, len(sentence), label="MONEY", unit="CNY")
    assert far is not None and far.indicator == "other"  # 投资 is far outside its window
    near = filler + "投资1亿元"
    m = classify_indicator(near, len(near) - 3, len(near), label="MONEY", unit="CNY")
    assert m is not None and (m.indicator, m.start) == ("investment", len(filler))


def test_bad_offsets() -> None:
    for args in (("", 0, 0), ("投资1亿元", 2, 2), ("投资1亿元", 4, 9), ("投资1亿元", -1, 3)):
        with pytest.raises(SettingsError, match=r"\[E414\]"):
            classify_indicator(*args, label="MONEY", unit="CNY")


def test_mojibake_sentence_does_not_fail() -> None:
    sentence = "组织消费扶贫6900余万元".encode().decode("latin-1")
    m = classify_indicator(sentence, 0, 4, label="MONEY", unit="CNY")
    assert m is not None and (m.indicator, m.rule) == ("other", "unit")


def test_as_dict_is_plain_json() -> None:
    sentence, s, e = unmark("计划总投资【18.5亿元】。")
    m = classify_indicator(sentence, s, e, label="MONEY", unit="CNY")
    assert m is not None
    assert m.as_dict() == {
        "indicator": "planned_investment",
        "cue": "计划总投资",
        "start": 0,
        "end": 5,
        "entry": "计划总投资",
        "rule": "before",
    }
    assert json.loads(json.dumps(m.as_dict())) == m.as_dict()


WORDS = [
    "投资",
    "带动",
    "就业",
    "务工人员",
    "消费扶贫",
    "项目",
    ",",
    "。",
    "脱贫攻坚",
    "约",
    "贫困户",
    "级",
    "占地",
]
fragments = st.lists(st.sampled_from(WORDS), max_size=10)


@given(fragments, st.sampled_from(["1.6亿元", "784人", "100亩", "9个", "三年"]), fragments)
def test_any_sentence_gives_a_valid_match(before: list, quantity: str, after: list) -> None:
    sentence = "".join(before) + quantity + "".join(after)
    start = len("".join(before))
    unit, label = {
        "1.6亿元": ("CNY", "MONEY"),
        "784人": ("person", "CARDINAL"),
        "100亩": ("mu", "QUANTITY"),
        "9个": ("project", "CARDINAL"),
        "三年": ("year", "QUANTITY"),
    }[quantity]
    end = start + len(quantity)
    m = classify_indicator(sentence, start, end, label=label, unit=unit)
    why = explain_indicator(sentence, start, end, label=label, unit=unit)
    if unit == "year":
        assert m is None and (why.rule == "unit" or why.entry == "级")
    elif m is None:  # a size class (…级), or a project count opening its clause
        assert why.entry == "级" or (unit, why.rule) == ("project", "clause-start")
    else:
        assert isinstance(m, IndicatorMatch) and m.indicator in indicators() and m == why
        if m.cue is not None:
            assert sentence[m.start : m.end] == m.cue


# --- user tables --------------------------------------------------------------------------------


def test_user_table(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text(
        HEADER + "贷款\tfunding\tbefore\t6\t\tmoney\n*\tother\t\t\t\t*\n", encoding="utf-8"
    )
    sentence, s, e = unmark("发放扶贫小额贷款【1.2亿元】。")
    m = classify_indicator(sentence, s, e, label="MONEY", unit="CNY", cues=path)
    assert m is not None and (m.indicator, m.cue) == ("funding", "贷款")
    table = load_indicator_cues(path)
    sentence, s, e = unmark("投资【1亿元】。")
    m = classify_indicator(sentence, s, e, label="MONEY", unit="CNY", cues=table)
    assert m is not None and (m.indicator, m.rule) == ("other", "unit")


def test_table_without_defaults_explains_no_rule(tmp_path: Path) -> None:
    path = tmp_path / "bare.tsv"
    path.write_text(HEADER + "投资\tinvestment\tbefore\t4\t\tmoney\n", encoding="utf-8")
    sentence, s, e = unmark("带动【300人】就业。")
    explained = explain_indicator(sentence, s, e, label="CARDINAL", unit="person", cues=path)
    assert (explained.indicator, explained.rule) == ("none", "no-rule")


@pytest.mark.parametrize(
    ("row", "code"),
    [
        ("投资\tinvest\tbefore\t4\t\tmoney\n", "E410"),
        ("投资\tinvestment\tleft\t4\t\tmoney\n", "E411"),
        ("投资\tinvestment\tbefore\tfar\t\tmoney\n", "E412"),
        ("带动…就业\tjobs\tboth\t8\t\tperson\n", "E412"),
        ("带动…\tjobs\tboth\t8\t4\tperson\n", "E412"),
        ("投资\tinvestment\tbefore\t4\t\tdollars\n", "E413"),
        ("投资\tinvestment\tbefore\t4\t\titem+two\n", "E413"),
        ("投资\tinvestment\tbefore\t4\n", "E402"),
        ("投资\tinvestment\tbefore\t4\t\tmoney\n投资\tinvestment\tafter\t4\t\tmoney\n", "E001"),
        ("投资\tinvestment\tbefore\t4\t\tmoney\n投資\tinvestment\tafter\t4\t\tmoney\n", "E405"),
    ],
)
def test_bad_indicator_tables(tmp_path: Path, row: str, code: str) -> None:
    path = tmp_path / f"bad_{code}_{abs(hash(row))}.tsv"
    path.write_text(HEADER + row, encoding="utf-8")
    with pytest.raises(DataFileError, match=rf"\[{code}\]"):
        load_indicator_cues(path)


def test_wrong_cue_argument_type() -> None:
    with pytest.raises(TypeError, match=r"\[E404\]"):
        classify_indicator("投资1亿元", 2, 5, label="MONEY", unit="CNY", cues=3)  # type: ignore[arg-type]


# --- the reference article ----------------------------------------------------------------------


def _sentences(text: str, semicolon: bool) -> list[tuple[int, int]]:
    stops = "。!?;" if semicolon else "。!?"
    pattern = re.compile(rf"[^\n{stops}]+[{stops}]*[”’\"]*")
    return [m.span() for m in pattern.finditer(shadow_text(text))]


@pytest.mark.parametrize("script", ["simplified", "traditional"])
@pytest.mark.parametrize("semicolon", [True, False], ids=["split-at-semicolon", "whole-sentence"])
def test_reference_article(
    reference_text: str, reference_gold: dict[str, Any], script: str, semicolon: bool
) -> None:
    text = (
        reference_text if script == "simplified" else opencc.OpenCC("s2t").convert(reference_text)
    )
    assert len(text) == len(reference_text)
    expected = {r["quantity_start"]: r["indicator"] for r in reference_gold["records"]}
    sentences = _sentences(text, semicolon)
    got = {}
    for q in reference_gold["quantities"]:
        s, e = next(span for span in sentences if span[0] <= q["start"] < span[1])
        m = classify_indicator(
            text[s:e],
            q["start"] - s,
            q["end"] - s,
            label=q["label"],
            unit=q["unit"],
            approx=q["approx"],
        )
        got[q["text"]] = m.indicator if m else None
    want = {q["text"]: expected.get(q["start"]) for q in reference_gold["quantities"]}
    assert got == want
    assert want["1间"] is None and want["三年"] is None and want["两家"] is None


# --- the cue occurrences of a sentence, against a brute force -----------------------------------


def _brute_sentence_cues(shadow: str, table: Any) -> tuple[list, list[int], list[int]]:
    """:func:`_sentence_cues` the slow way: every cue word found with ``str.find`` at every
    offset, every containment checked against every occurrence."""
    occ = {
        p: [(i, i + len(p)) for i in range(len(shadow)) if shadow.startswith(p, i)]
        for p in table.by_part
    }
    occ = {p: spans for p, spans in occ.items() if spans}
    every = [span for spans in occ.values() for span in spans]
    mask_words = {part for rule in table.rules if rule.kind == "mask" for part in rule.parts}
    masks = [span for p, spans in occ.items() if p in mask_words for span in spans]

    def inside(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
        return any(o[0] <= span[0] and span[1] <= o[1] and o != span for o in others)

    out = []
    for position, rule in enumerate(table.rules):
        if rule.kind == "word":
            out += [
                (s, e, rule, -1, -1, position)
                for s, e in occ.get(rule.parts[0], [])
                if not inside((s, e), masks)
            ]
        elif rule.kind == "gapped":
            for s, e in occ.get(rule.parts[0], []):
                if inside((s, e), every):
                    continue
                seconds = [
                    b
                    for b in occ.get(rule.parts[1], [])
                    if e <= b[0] <= e + rule.gap and not inside(b, every)
                ]
                if seconds and not any(c in ",:。!?;\n" for c in shadow[e : seconds[0][0]]):
                    out.append((s, seconds[0][1], rule, e, seconds[0][0], position))
    hard = [i for i, c in enumerate(shadow) if c in "。!?;\n"]
    soft = [i for i, c in enumerate(shadow) if c in ",:"]
    return out, hard, soft


CUE_PIECES = [*WORDS, "转移就业", "实现", "脱贫", "攻坚", "其中", "\n", ";", ":", "元", "人"]


@given(st.lists(st.sampled_from(CUE_PIECES), max_size=16))
def test_sentence_cues_are_every_occurrence_the_brute_force_finds(pieces: list[str]) -> None:
    table = load_indicator_cues()
    shadow = shadow_text("".join(pieces))
    cues = _sentence_cues.__wrapped__(shadow, table)
    candidates, hard, soft = _brute_sentence_cues(shadow, table)
    key = lambda c: (c[5], c[0], c[1])  # noqa: E731 - the order within a rule is text order
    assert sorted(cues.candidates, key=key) == sorted(candidates, key=key)
    for position in {c[5] for c in candidates}:
        mine = [c for c in cues.candidates if c[5] == position]
        assert mine == sorted(mine, key=key)
    assert (list(cues.hard), list(cues.soft)) == (hard, soft)
