"""The quantity finder: the case tables, the corpus gold, the reference article, SI, data files."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from zhpoverty.errors import DataFileError, SettingsError
from zhpoverty.find import quantity_rules
from zhpoverty.find.quantities import Quantity, find_quantities, parse_quantity
from zhpoverty.find.units import build_lexicon, lexicon, si_factors, to_si
from zhpoverty.resources import parse_tsv
from zhpoverty.text.normalize import shadow_text
from zhpoverty.vocabulary import APPROX_VALUES, canonical_units

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
CORPUS = ROOT / "corpus"
KEYS = (
    "text", "start", "end", "label", "value", "unit", "approx", "range", "classifier", "counted",
)  # fmt: skip

CASES = [
    json.loads(line)
    for line in (DATA / "quantity_cases.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip() and "sentence" in json.loads(line)
]
NEGATIVES = parse_tsv(
    (DATA / "quantity_negatives.tsv").read_text(encoding="utf-8"), name="quantity_negatives.tsv"
)
GOLD_FILES = sorted(CORPUS.glob("*.gold.json"))


def found(text: str) -> list[dict[str, Any]]:
    """The finder's quantities as SPEC dicts without ``si`` (the case tables leave it out)."""
    return [{k: q.as_dict()[k] for k in KEYS} for q in find_quantities(text)]


# --- the case tables -----------------------------------------------------------------------------


def test_case_tables_are_large_enough() -> None:
    quantities = [q for c in CASES for q in c["quantities"]]
    assert len(quantities) >= 300
    assert sum(len(c["quantities"]) for c in CASES if c["script"] == "traditional") >= 60
    assert sum(any(ch in c["sentence"] for ch in "０１２３４５６７８９") for c in CASES) >= 8
    assert sum(len(c["quantities"]) >= 2 for c in CASES) >= 80
    assert {q["label"] for q in quantities} == {"MONEY", "QUANTITY", "CARDINAL", "PERCENT"}
    assert sum(q["range"] is not None for q in quantities) >= 25
    assert {q["approx"] for q in quantities} == {None, *APPROX_VALUES}
    assert len(NEGATIVES) >= 60


@pytest.mark.parametrize("case", CASES, ids=[c["sentence"][:24] for c in CASES])
def test_case_table(case: dict[str, Any]) -> None:
    assert found(case["sentence"]) == case["quantities"]


@pytest.mark.parametrize(
    "row", NEGATIVES, ids=[f"{r['category']}:{r['sentence'][:16]}" for r in NEGATIVES]
)
def test_negative_table(row: dict[str, str]) -> None:
    assert find_quantities(row["sentence"]) == []


# --- the corpus: reference article and every gold file ------------------------------------------

REFERENCE = {  # the conventions' examples from the reference article: text → fields
    "1.6亿元": ("MONEY", 160000000, "CNY", None, None, None, None),
    "6900余万元": ("MONEY", 69000000, "CNY", "over", None, None, None),
    "约1000万元": ("MONEY", 10000000, "CNY", "approx", None, None, None),
    "18.5亿元": ("MONEY", 1850000000, "CNY", None, None, None, None),
    "4.92亿元": ("MONEY", 492000000, "CNY", None, None, None, None),
    "约6000平方米": ("QUANTITY", 6000, "m2", "approx", None, None, None),
    "100亩": ("QUANTITY", 100, "mu", None, None, None, None),
    "4000吨": ("QUANTITY", 4000, "t", None, None, None, None),
    "万升": ("QUANTITY", 10000, "L", None, None, None, None),
    "30余家": ("CARDINAL", 30, "enterprise", "over", None, "家", "企业"),
    "两家": ("CARDINAL", 2, "enterprise", None, None, "家", "企业"),
    "9个": ("CARDINAL", 9, "project", None, None, "个", "项目"),
    "10000个以上": ("CARDINAL", 10000, "job", "over", None, "个", "就业机会"),
    "784人": ("CARDINAL", 784, "person", None, None, "人", None),
    "183名": ("CARDINAL", 183, "person", None, None, "名", None),
    "600余人": ("CARDINAL", 600, "person", "over", None, "人", None),
    "1间": ("CARDINAL", 1, "item", None, None, "间", None),
    "2-4所": ("CARDINAL", None, "school", None, [2, 4], "所", "学校"),
    "2-3所": ("CARDINAL", None, "school", None, [2, 3], "所", "省示范幼儿园"),
    "三年": ("QUANTITY", 3, "year", None, None, None, None),
    "万人": ("CARDINAL", 10000, "person", None, None, "人", None),
}


def test_reference_article_conventions(reference_text: str) -> None:
    by_text = {q["text"]: q for q in found(reference_text)}
    for text, (label, value, unit, approx, rng, classifier, counted) in REFERENCE.items():
        q = by_text[text]
        assert (q["label"], q["value"], q["unit"], q["approx"], q["range"]) == (
            label,
            value,
            unit,
            approx,
            rng,
        ), text
        assert (q["classifier"], q["counted"]) == (classifier, counted), text
        assert reference_text[q["start"] : q["end"]] == text


def test_reference_article_si(reference_text: str) -> None:
    si = {q.text: q.as_dict()["si"] for q in find_quantities(reference_text)}
    assert si["100亩"] == {"value": 66667, "unit": "m2"}
    assert si["4000吨"] == {"value": 4000000, "unit": "kg"}
    assert si["万升"] == {"value": 10, "unit": "m3"}
    assert si["约6000平方米"] == {"value": 6000, "unit": "m2"}
    assert si["1.6亿元"] is None and si["三年"] is None and si["784人"] is None


def test_reference_article_nothing_else(reference_text: str) -> None:
    texts = [q["text"] for q in found(reference_text)]
    # the quantities the conventions name, plus the three counts they do not spell out
    assert sorted(texts) == sorted([*REFERENCE, "750吨", "30名", "97人"])
    for word in ("最后一年", "十九大", "二氧化碳", "第一套", "首个", "一期", "一手抓", "一个主题"):
        start = reference_text.index(word)
        assert not any(
            q["start"] < start + len(word) and start < q["end"] for q in found(reference_text)
        ), word


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=[p.stem for p in GOLD_FILES])
def test_corpus_gold(gold_file: Path) -> None:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    text = gold_file.with_name(gold_file.name.replace(".gold.json", ".txt")).read_text(
        encoding="utf-8"
    )
    expected = [{k: q.get(k) for k in KEYS} for q in gold["quantities"]]
    assert found(text) == expected


# --- SI values -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "si"),
    [
        ("100亩", (66667, "m2")),
        ("4000吨", (4000000, "kg")),
        ("两百斤", (100, "kg")),
        ("約250克", (0.25, "kg")),
        ("80万公斤", (800000, "kg")),
        ("3000升", (3, "m3")),
        ("1.5万立方米", (15000, "m3")),
        ("600公顷", (6000000, "m2")),
        ("12平方公里", (12000000, "m2")),
        ("28.6公里", (28600, "m")),
        ("260米", (260, "m")),
        ("2万千瓦", (20000000, "W")),
        ("50兆瓦", (50000000, "W")),
        ("10千伏", (10000, "V")),
        ("100万度", (3600000000000, "J")),
        ("1.5亩", (1000.005, "m2")),
    ],
)
def test_si_values(text: str, si: tuple[float, str]) -> None:
    context = f"全年用电{text}" if "度" in text else text
    q = next(q for q in find_quantities(context) if q.text == text)
    assert q.as_dict()["si"] == {"value": si[0], "unit": si[1]}
    assert isinstance(q.si[0], Decimal)


@pytest.mark.parametrize("text", ["1.6亿元", "三年", "784人", "30%", "10至20吨", "3个月"])
def test_no_si_for_money_counts_percent_durations_and_ranges(text: str) -> None:
    assert parse_quantity(text).si is None


def test_si_factors_come_from_pint_once() -> None:
    factors = si_factors()
    assert factors["mu"] == (Decimal("666.67"), "m2")
    assert factors["jin"] == (Decimal("0.5"), "kg")
    assert factors["kWh"][0] == Decimal(3600000)
    assert si_factors() is factors
    physical = {u for u, row in canonical_units().items() if row["pint"]}
    assert set(factors) == physical
    assert to_si(Decimal(100), "CNY") is None


# --- API ----------------------------------------------------------------------------------------


def test_as_dict_shape_and_json() -> None:
    q = parse_quantity("6900余万元")
    d = q.as_dict()
    assert list(d) == [*KEYS[:8], "classifier", "counted", "si"]
    assert d == {
        "text": "6900余万元",
        "start": 0,
        "end": 7,
        "label": "MONEY",
        "value": 69000000,
        "unit": "CNY",
        "approx": "over",
        "range": None,
        "classifier": None,
        "counted": None,
        "si": None,
    }
    assert json.loads(json.dumps(d)) == d
    assert type(d["value"]) is int
    assert type(parse_quantity("十二点五公里").as_dict()["value"]) is float
    assert q.as_dict(with_rule=True)["rule"] == "arabic+unit"


def test_quantity_is_frozen_with_slots() -> None:
    q = parse_quantity("784人")
    assert not hasattr(q, "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.value = Decimal(1)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("约6000平方米", "约6000平方米"),
        ("  6900余万元 ", "6900余万元"),
        ("两家企业", "两家"),
        ("项目9个", "9个"),
        ("兩萬個", "兩萬個"),
        ("百分之三十", "百分之三十"),
        ("四五万元", "四五万元"),
    ],
)
def test_parse_quantity(text: str, expected: str) -> None:
    q = parse_quantity(text)
    assert q is not None and q.text == expected
    assert text[q.start : q.end] == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "投资1.6亿元", "1.6亿元和2亿元", "30余家企业赴协作地", "2019年", "第一", "0"],
)
def test_parse_quantity_refuses(text: str) -> None:
    assert parse_quantity(text) is None


def test_shadow_argument() -> None:
    text = "兩萬個就業崗位，投資１．６億元"
    assert find_quantities(text, shadow=shadow_text(text)) == find_quantities(text)
    with pytest.raises(SettingsError, match=r"^\[E007\]"):
        find_quantities(text, shadow=shadow_text(text) + " ")


def test_rule_names_the_pattern() -> None:
    text = "三分之一，百分之三十，5个百分点，半年，四五万元"
    rules = {q.text: q.rule for q in find_quantities(text)}
    assert rules == {
        "三分之一": "fraction",
        "百分之三十": "percent_of",
        "5个百分点": "arabic+unit+pct_point",
        "半年": "half+unit",
        "四五万元": "pair+unit",
    }


# --- edge cases of the thousandth article --------------------------------------------------------


@pytest.mark.parametrize("text", ["", " ", "\n\n\t\u3000\xa0", "\ufeff"])
def test_empty_and_whitespace(text: str) -> None:
    assert find_quantities(text) == []


def test_mojibake_and_control_characters() -> None:
    garbage = "é\x83\xbd\x00锟斤拷\ufffd\ud7ff\U0001f600烫烫烫" * 20
    assert find_quantities(garbage) == []
    mixed = garbage + "投资1.6亿元" + garbage
    (q,) = find_quantities(mixed)
    assert mixed[q.start : q.end] == "1.6亿元"


def test_very_long_text(reference_text: str) -> None:
    one = find_quantities(reference_text)
    many = find_quantities(reference_text * 40)
    assert len(many) == 40 * len(one)
    step = len(reference_text)
    for i, q in enumerate(many):
        base = one[i % len(one)]
        assert (q.start - base.start, q.end - base.end) == ((i // len(one)) * step,) * 2
        assert q.value == base.value and q.unit == base.unit


def test_offsets_survive_characters_outside_the_bmp() -> None:
    text = "𠀀𠀁项目投资\U0001f4b01.6亿元，带动就业784人"
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text


# --- data files ----------------------------------------------------------------------------------


def test_packaged_tables_are_consistent() -> None:
    lex = lexicon()
    units = canonical_units()
    for word in (*lex.units.values(), *lex.measures.values()):
        assert word.unit == "-" or word.unit in units
    for noun, unit in lex.nouns.items():
        assert units[unit]["label"] == "CARDINAL", noun
    assert lex.multipliers["万亿"] == 10**12
    assert {m.approx for m in lex.pre.values()} <= {None, *APPROX_VALUES}
    negatives = quantity_rules.negatives()
    assert {"十三五", "二氧化碳", "千人计划", "七台河"} <= negatives.phrases
    assert negatives.before["第"] == ""


def _write(tmp_path: Path, name: str, body: str) -> str:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return str(path)


def test_bad_unit_code_is_refused(tmp_path: Path) -> None:
    units = _write(
        tmp_path,
        "units.tsv",
        "surface\tkind\tunit\tfactor\tplus\tapprox\tcontext\tnote\n斗\tunit\tdou\t\t\t\t\t\n",
    )
    with pytest.raises(DataFileError, match=r"^\[E202\].*'dou'"):
        build_lexicon(units, "classifiers.tsv")


def test_bad_kind_is_refused(tmp_path: Path) -> None:
    classifiers = _write(
        tmp_path, "classifiers.tsv", "word\tkind\tunit\tlook\tnote\n个\tthing\titem\t\t\n"
    )
    with pytest.raises(DataFileError, match=r"^\[E006\].*'thing'"):
        build_lexicon("units.tsv", classifiers)


def test_measure_word_needs_a_count_unit(tmp_path: Path) -> None:
    classifiers = _write(
        tmp_path, "classifiers.tsv", "word\tkind\tunit\tlook\tnote\n斗\tmeasure\tkg\t\t\n"
    )
    with pytest.raises(DataFileError, match=r"^\[E006\].*count unit"):
        build_lexicon("units.tsv", classifiers)


def test_duplicate_rows_are_refused(tmp_path: Path) -> None:
    classifiers = _write(
        tmp_path,
        "classifiers.tsv",
        "word\tkind\tunit\tlook\tnote\n个\tmeasure\titem\t\t\n个\tmeasure\titem\t\t\n",
    )
    with pytest.raises(DataFileError, match=r"^\[E001\]"):
        build_lexicon("units.tsv", classifiers)


def test_bad_negative_kind_is_refused(tmp_path: Path) -> None:
    negatives = _write(tmp_path, "neg.tsv", "text\tkind\tscope\tnote\n第\tafter\t\t\n")
    with pytest.raises(DataFileError, match=r"^\[E006\]"):
        quantity_rules.negatives.__wrapped__(negatives)


def test_quantity_type_is_exported() -> None:
    assert Quantity.__name__ == "Quantity" and "rule" in Quantity.__dataclass_fields__


def test_group_order_of_the_candidate_patterns() -> None:
    # _evaluate unpacks m.groups() in this order
    from zhpoverty.find.quantity_drafts import QUANTITY_GROUPS, RANGE_GROUPS

    pats = quantity_rules.patterns()
    for pattern, names in (
        (pats.quantity, QUANTITY_GROUPS),
        (pats.single, tuple(g for g in QUANTITY_GROUPS if g not in RANGE_GROUPS)),
    ):
        assert tuple(sorted(pattern.groupindex, key=pattern.groupindex.get)) == names
        assert pattern.groups == len(names)


def test_start_pattern_holds_wherever_a_candidate_matches() -> None:
    # drafts() tries the candidate pattern only where pats.start matches: it must hold at every
    # position where the candidate pattern matches (brute force over varied strings)
    import random

    pats = quantity_rules.patterns()
    lex = lexicon()
    pieces = [
        *"0123456789,.点〇零一二两三四五六七八九壹贰拾佰仟十百千万亿廿卅半分之-~至到余多几",
        *"的年月日人元个家户名项斤亩，。 abkmMW%²/",
        *list(lex.units)[:40],
        *list(lex.measures)[:20],
        *lex.multipliers,
        *lex.post,
        "二氧化碳",
        "十三五期间",
        "分之",
        "三分之一",
        "2020年",
        "6,688",
        "1.5",
    ]
    rng = random.Random(7)
    tried = pruned = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        for at in range(len(text)):
            for pattern in (pats.quantity, pats.single):
                if pattern.match(text, at) is not None:
                    tried += 1
                    assert pats.start.match(text, at) is not None, (text, at)
        pruned += sum(
            1
            for at in range(len(text))
            if pats.start.match(text, at) is None and text[at] in "0123456789一二三十百千万亿"
        )
    assert tried > 3000 and pruned > 300  # the check covers matches, and the filter filters
