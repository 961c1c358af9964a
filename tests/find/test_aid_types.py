"""Aid-type cues, their context rules, and the sentence / section / article scores."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import opencc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhpoverty.errors import DataFileError, SettingsError
from zhpoverty.find.aid_lexicon import load_cues
from zhpoverty.find.aid_scores import combine, heading_weight, label_scores
from zhpoverty.find.aid_types import (
    ASSERT_THRESHOLD,
    Evidence,
    find_aid_cues,
    score_aid_types,
    split_sentences,
)
from zhpoverty.resources import parse_tsv
from zhpoverty.text.normalize import shadow_text
from zhpoverty.text.patterns import word_regex
from zhpoverty.vocabulary import aid_type_labels

CASES_FILE = Path(__file__).resolve().parent.parent / "data" / "aid_type_cases.tsv"
CASES = parse_tsv(CASES_FILE.read_text(encoding="utf-8"), name=CASES_FILE.name)
REFERENCE_LABELS = {"industry", "labor", "consumption", "education", "technology"}
HEADER = "cue\tlabel\tweight\tneeds\tblocks\tnote\n"


def _split(value: str, sep: str | None) -> list[str]:
    return [] if value == "-" else value.split(sep)


def body_sentences(text: str, gold: dict[str, Any]) -> list[tuple[int, int]]:
    """Sentences of the reference article without title, header line, captions and headings."""
    skip = [(c["start"], c["end"]) for c in gold["captions"]]
    skip += [(h["start"], h["end"]) for h in gold["headings"]]
    title_end = text.index("\n")
    out = []
    for s, e in split_sentences(text):
        piece = text[s:e]
        if e <= title_end or not piece.strip() or "更新时间" in piece or piece.strip() == "0":
            continue
        if any(a < e and s < b for a, b in skip):
            continue
        out.append((s, e))
    return out


def headings_of(gold: dict[str, Any]) -> list[tuple[int, int]]:
    return [(h["start"], h["end"]) for h in gold["headings"]]


# --- the case table -----------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:12] for c in CASES])
def test_case_cues(case: dict[str, str]) -> None:
    text = case["text"]
    found = find_aid_cues(text)
    assert sorted(f"{c.label}:{c.text}" for c in found) == sorted(_split(case["cues"], None))
    for cue in found:
        assert text[cue.start : cue.end] == cue.text


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:12] for c in CASES])
def test_case_asserted(case: dict[str, str]) -> None:
    # The table was written for the cue lexicon: what one sentence asserts when a single cue of
    # medium weight (0.5) suffices. The article default (0.6) is tested below.
    scores = score_aid_types(case["text"], threshold=0.5)
    assert sorted(scores.labels) == sorted(_split(case["asserted"], ","))


def test_default_threshold_needs_more_than_a_passing_mention() -> None:
    once = score_aid_types("县医院新建了住院大楼。")
    assert once.cats["health"] == pytest.approx(0.5) and "health" not in once.labels
    twice = score_aid_types("县医院新建了住院大楼。专家团队开展义诊活动。")
    assert "health" in twice.labels


def test_case_table_covers_every_label_and_both_scripts() -> None:
    assert len(CASES) >= 80
    fired = {c.split(":")[0] for case in CASES for c in _split(case["cues"], None)}
    asserted = {a for case in CASES for a in _split(case["asserted"], ",")}
    assert set(aid_type_labels()) <= fired
    assert set(aid_type_labels()) <= asserted
    traditional = [c for c in CASES if shadow_text(c["text"]) != c["text"]]
    assert len(traditional) >= 15
    assert sum(c["cues"] == "-" for c in CASES) >= 15  # weak or blocked cues that must not fire


# --- context rules, masks, modifiers -----------------------------------------------------------


def test_context_is_sought_in_the_cue_sentence_only() -> None:
    text = "积极推进扶贫协作。居民消费持续回暖。"
    assert find_aid_cues(text) == []  # the needs word 扶贫 is in the other sentence
    whole = [(0, len(text))]
    assert [(c.text, c.context) for c in find_aid_cues(text, sentences=whole)] == [("消费", "扶贫")]
    text2 = "开展帮扶活动,居民消费持续回暖。"
    (cue,) = find_aid_cues(text2)
    assert (cue.text, cue.label, cue.context) == ("消费", "consumption", "帮扶")


def test_training_goes_to_labor_or_education_by_context() -> None:
    (labor,) = [c for c in find_aid_cues("为返乡务工人员开展培训。") if c.cue == "培训"]
    (edu,) = [c for c in find_aid_cues("为乡村幼儿园开展培训。") if c.cue == "培训"]
    assert (labor.label, labor.context) == ("labor", "务工")
    assert (edu.label, edu.context) == ("education", None)


def test_plan_modifier_weakens_only_later_cues() -> None:
    cues = find_aid_cues("产业扶贫成效显著,下一步将推进消费扶贫。")
    by_cue = {c.cue: c for c in cues}
    assert by_cue["产业扶贫"].factor == 1.0 and by_cue["产业扶贫"].modifier is None
    assert by_cue["消费扶贫"].factor == pytest.approx(0.3)
    assert by_cue["消费扶贫"].modifier == "下一步"
    assert by_cue["消费扶贫"].strength == pytest.approx(0.27)


def test_plan_list_adds_at_most_the_modifier_weight() -> None:
    text = "下一步,将从资金支持、帮扶资金、财政援助资金、援助资金、扶贫资金等方面发力。"
    scores = score_aid_types(text)
    assert scores.cats["funding"] <= 0.3
    assert scores.cats["funding"] > 0.29
    assert scores.labels == []


def test_near_context_markers(tmp_path: Path) -> None:
    path = tmp_path / "near.tsv"
    path.write_text(
        HEADER + "车间\tindustry\t0.6\t<扶贫\n工厂\tindustry\t0.6\t\t>有限公司\n", encoding="utf-8"
    )
    table = load_cues(path)
    assert [c.text for c in find_aid_cues("扶贫车间开工。", cues=table)] == ["车间"]
    assert find_aid_cues("车间开工,助力扶贫。", cues=table) == []  # 扶贫 is after, not before
    assert [c.text for c in find_aid_cues("新建工厂投产。", cues=table)] == ["工厂"]
    assert find_aid_cues("青岛工厂食品有限公司。", cues=table) == []


def test_traditional_and_full_width_offsets_are_into_the_original() -> None:
    text = "２０２０年，城陽區組織消費扶貧６９００餘萬元，勞務協作持續深化。"
    found = find_aid_cues(text)
    assert [(c.text, c.label) for c in found] == [
        ("消費扶貧", "consumption"),
        ("勞務協作", "labor"),
    ]
    for cue in found:
        assert text[cue.start : cue.end] == cue.text
    assert find_aid_cues(text, shadow=shadow_text(text)) == found


# --- scores -------------------------------------------------------------------------------------


def test_score_formula_values() -> None:
    assert combine([("学校", 0.3), ("教师", 0.3)], 0.5) == pytest.approx(0.51)
    assert combine([("教师", 0.3)] * 50, 0.5) < ASSERT_THRESHOLD
    assert combine([("教师", 0.3), ("教师", 0.3)], 0.5) == pytest.approx(1 - 0.7 * 0.85)
    assert heading_weight(0.9, 2.0) == pytest.approx(0.99)
    assert combine([], 0.5) == 0.0


weights = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
items = st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), weights), max_size=8)


@given(items, st.sampled_from(["a", "b", "d"]), weights, st.floats(0.0, 1.0))
def test_score_is_bounded_and_monotone(base: list, cue: str, w: float, decay: float) -> None:
    before = combine(base, decay)
    after = combine([*base, (cue, w)], decay)
    assert 0.0 <= before <= after + 1e-12 <= 1.0 + 1e-12


@given(items, weights, st.floats(0.0, 1.0))
def test_modified_groups_are_monotone(base: list, factor: float, decay: float) -> None:
    evs = [Evidence("x", 0, 1, c, "L", w, factor, "sentence", 0) for c, w in base]
    more = [*evs, Evidence("y", 2, 3, "z", "L", 0.5, factor, "sentence", 0)]
    s0 = label_scores(evs, decay).get("L", 0.0)
    s1 = label_scores(more, decay)["L"]
    assert s0 <= s1 + 1e-9
    assert s1 <= factor + 1e-9  # a group under a modifier adds at most its factor


def _combine_by_definition(items: list[tuple[str, float]], decay: float) -> float:
    by_cue: dict[str, list[float]] = {}
    for cue, strength in items:
        by_cue.setdefault(cue, []).append(strength)
    remain = 1.0
    for strengths in by_cue.values():
        step = 1.0  # decay^rank, as a running product
        for s in sorted(strengths, reverse=True):
            remain *= 1.0 - s * step
            step *= decay
    return 1.0 - remain


def _label_scores_by_definition(evidence: list[Evidence], decay: float) -> dict[str, float]:
    """label_scores spelled out as the formula reads: (cue, weight) items per label and per
    modified group, each group combined on its own."""
    plain: dict[str, list[tuple[str, float]]] = {}
    damped: dict[str, dict[tuple[int, float], list[tuple[str, float]]]] = {}
    for ev in evidence:
        if ev.factor < 1.0:
            group = damped.setdefault(ev.label, {}).setdefault((ev.scope, ev.factor), [])
            group.append((ev.cue, ev.weight))
        else:
            plain.setdefault(ev.label, []).append((ev.cue, ev.weight))
    out: dict[str, float] = {}
    for label in dict.fromkeys((*plain, *damped)):
        remain = 1.0 - _combine_by_definition(plain.get(label, []), decay)
        for (_, factor), items in damped.get(label, {}).items():
            remain *= 1.0 - factor * _combine_by_definition(items, decay)
        out[label] = 1.0 - remain
    return out


evidence_items = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c"]),  # cue
        st.sampled_from(["L", "M", "N"]),  # label
        weights,
        st.sampled_from([1.0, 1.0, 0.3, 0.5, 0.0]),  # factor: plain or under a modifier
        st.sampled_from([0, 7]),  # scope
    ),
    max_size=12,
)


@given(evidence_items, st.sampled_from([0.5, 0.0, 1.0, 0.37]))
def test_label_scores_match_the_formula_bit_for_bit(items: list, decay: float) -> None:
    evs = [
        Evidence("x", i, i + 1, c, lab, w, f, "sentence", s)
        for i, (c, lab, w, f, s) in enumerate(items)
    ]
    got = label_scores(evs, decay)
    want = _label_scores_by_definition(evs, decay)
    assert list(got.items()) == list(want.items())  # same floats, same label order
    pairs = [(c, w) for c, _, w, _, _ in items]
    assert combine(pairs, decay) == _combine_by_definition(pairs, decay)


def test_scan_holds_every_rule_but_masks_with_its_kind() -> None:
    table = load_cues()
    assert any(rule.is_mask for rule in table.rules)  # the table has masks to leave out
    scanned = [
        (key, rule, modifier) for key, pairs in table.scan.items() for rule, modifier in pairs
    ]
    assert not any(rule.is_mask for _, rule, _ in scanned)
    assert all(
        rule.key == key and modifier == rule.label.startswith("@")
        for key, rule, modifier in scanned
    )
    assert sorted(id(r) for _, r, _ in scanned) == sorted(
        id(r) for r in table.rules if not r.is_mask
    )


def test_sentence_evidence_is_strongest_first_then_in_text_order(reference_text: str) -> None:
    text = reference_text + "下一步,将加强产业扶贫、消费扶贫和劳务协作,开展技能培训。"
    scores = score_aid_types(text)
    assert any(len(sent.evidence) > 2 for sent in scores.sentences)
    for sent in scores.sentences:
        by_definition = sorted(sent.evidence, key=lambda ev: (-ev.strength, ev.start))
        assert list(sent.evidence) == by_definition
        assert sorted(ev.start for ev in sent.evidence) == sorted(
            cue.start for cue in find_aid_cues(text, sentences=[(sent.start, sent.end)])
        )


def test_cats_has_every_label_and_empty_text_scores_zero() -> None:
    for text in ("", "   \n\u3000 \n", "\xa0"):
        scores = score_aid_types(text)
        assert set(scores.cats) == set(aid_type_labels())
        assert all(v == 0.0 for v in scores.cats.values())
        assert scores.asserted == () and scores.main is None
        assert find_aid_cues(text) == []


def test_mojibake_gives_nothing_and_does_not_fail() -> None:
    text = "青岛城阳产业扶贫,消费扶贫6900余万元。".encode().decode("latin-1")
    assert find_aid_cues(text) == []
    gbk = "青岛城阳产业扶贫,消费扶贫6900余万元。".encode().decode("gbk", errors="replace")
    scores = score_aid_types(gbk)
    assert set(scores.cats) == set(aid_type_labels())


def test_very_long_text() -> None:
    unit = "城阳区组织消费扶贫6900余万元。" + "某地天气晴朗。" * 50
    text = unit * 2000  # about 800 000 characters
    found = find_aid_cues(text)
    assert len(found) == 2000
    assert all(text[c.start : c.end] == "消费扶贫" for c in found)
    scores = score_aid_types(text)
    assert scores.labels == ["consumption"]
    assert len(scores.sentences) == 2000 * 51


def test_threshold_is_a_setting() -> None:
    text = "帮扶产业发展,让贫困群众稳定增收。"  # 产业 alone: 0.25
    assert score_aid_types(text).labels == []
    assert score_aid_types(text, threshold=0.2).labels == ["industry"]
    with pytest.raises(SettingsError, match=r"\[E004\].*threshold"):
        score_aid_types(text, threshold=1.5)
    with pytest.raises(SettingsError, match=r"\[E004\].*repeat_decay"):
        score_aid_types(text, repeat_decay=-0.1)


def test_spans_are_checked() -> None:
    with pytest.raises(SettingsError, match=r"\[E403\] Sentence span \(0, 99\)"):
        score_aid_types("消费扶贫。", sentences=[(0, 99)])
    with pytest.raises(SettingsError, match=r"\[E403\] Heading"):
        score_aid_types("消费扶贫。", headings=[(3, 1)])


# --- sections -----------------------------------------------------------------------------------

ARTICLE = (
    "青岛城阳扶贫协作纪实\n"
    "今年以来,两地往来频繁。\n"
    "消费帮扶持续发力\n"
    "全区组织消费扶贫3000万元。\n"
    "市民踊跃参与。\n"
    "教育协作成效明显\n"
    "两地学校和教师交流互访。\n"
    "城阳区选派32名干部到关岭挂职。\n"
)


def _article_spans(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    heads = [lines[2], lines[5]]
    sents = [lines[1], lines[3], lines[4], lines[6], lines[7]]
    return sents, heads


def test_headings_scope_their_sections() -> None:
    sents, heads = _article_spans(ARTICLE)
    scores = score_aid_types(ARTICLE, sentences=sents, headings=heads)
    assert [s.label for s in scores.sections] == ["consumption", "education"]
    assert [s.sentences for s in scores.sections] == [(1, 2), (3, 4)]
    rows = [(s.section, s.own_label, s.label) for s in scores.sentences]
    assert rows == [
        (None, None, None),  # before the first heading
        (0, "consumption", "consumption"),
        (0, None, "consumption"),  # inherits its section's label
        (1, "education", "education"),  # 学校 + 教师
        (1, "talent", "talent"),  # its own label beats the section's
    ]
    assert scores.aid_type_at(sents[2][0] + 1) == "consumption"
    assert scores.main == "consumption"
    assert scores.aid_type_at(sents[0][0]) == "consumption"  # no label of its own: the main one
    assert scores.aid_type_at(len(ARTICLE) + 5) == "consumption"  # outside every sentence
    assert scores.sections[0].text == "消费帮扶持续发力"


def test_heading_counts_strongly_and_overlapping_sentence_is_the_heading() -> None:
    text = "就业扶贫\n两地开展交流。"
    heads = [(0, 4)]
    sents = [(0, 4), (5, len(text))]  # a structure parser that also lists the heading line
    scores = score_aid_types(text, sentences=sents, headings=heads)
    assert len(scores.sentences) == 1
    assert scores.cats["labor"] == pytest.approx(1 - 0.1**1.5)
    (ev,) = scores.asserted[0].evidence
    assert (ev.source, ev.text, ev.weight) == (
        "heading",
        "就业扶贫",
        pytest.approx(0.9684, abs=1e-4),
    )
    assert scores.sentences[0].label == "labor"


def test_as_dict_is_plain_json_and_matches_the_record_schema() -> None:
    from zhpoverty.record.schema import AidType

    sents, heads = _article_spans(ARTICLE)
    scores = score_aid_types(ARTICLE, sentences=sents, headings=heads)
    data = scores.as_dict()
    assert json.loads(json.dumps(data)) == data
    for aid in data["aid_types"]:
        assert set(aid) == {"label", "score", "evidence"}
        AidType.model_validate(aid)
        for ev in aid["evidence"]:
            assert ARTICLE[ev["start"] : ev["end"]] == ev["text"]
    assert json.loads(json.dumps([c.as_dict() for c in find_aid_cues(ARTICLE)]))


# --- user tables --------------------------------------------------------------------------------


def test_user_labels_and_overrides(tmp_path: Path) -> None:
    path = tmp_path / "finance.tsv"
    path.write_text(
        "# my cues\n" + HEADER + "金融扶贫\tfinance\t0.9\n小额信贷\tfinance\t0.6\n"
        "消费扶贫\tconsumption\t0\t\t\tswitched off\n",
        encoding="utf-8",
    )
    text = "开展金融扶贫,发放小额信贷,组织消费扶贫。"
    scores = score_aid_types(text, extra_cues=[path])
    assert set(scores.cats) == {*aid_type_labels(), "finance"}
    assert scores.labels == ["finance"]
    assert [e.text for e in scores.asserted[0].evidence] == ["金融扶贫", "小额信贷"]
    assert scores.cats["consumption"] == 0.0
    only = score_aid_types(text, cues=path)
    assert set(only.cats) == {*aid_type_labels(), "finance"}
    assert score_aid_types(text, cues=path, labels=["finance"]).cats == {
        "finance": pytest.approx(1 - 0.1 * 0.4)
    }


@pytest.mark.parametrize(
    ("rows", "code"),
    [
        ("产业扶贫\tindustry\t1.5\n", "E400"),
        ("产业扶贫\tindustry\tstrong\n", "E400"),
        ("产业\tindustry\t0.3\t扶贫|>\n", "E401"),
        ("\tindustry\t0.3\n", "E402"),
        ("产业扶贫\tindustry\t0.9\n产业扶贫\tindustry\t0.8\n", "E001"),
        ("产业扶贫\tindustry\t0.9\n產業扶貧\tindustry\t0.8\n", "E405"),
    ],
)
def test_bad_cue_tables(tmp_path: Path, rows: str, code: str) -> None:
    path = tmp_path / f"bad_{code}.tsv"
    path.write_text(HEADER + rows, encoding="utf-8")
    with pytest.raises(DataFileError, match=rf"\[{code}\]"):
        load_cues(path)


def test_wrong_cue_argument_type() -> None:
    with pytest.raises(TypeError, match=r"\[E404\]"):
        find_aid_cues("消费扶贫", cues=42)  # type: ignore[arg-type]


def test_word_regex_prefers_the_longest_cue() -> None:
    pattern = word_regex(["产业", "产业扶贫", "产业扶贫项目", "扶贫"])
    assert [m.group() for m in pattern.finditer("产业扶贫项目和产业扶贫及产业、扶贫")] == [
        "产业扶贫项目",
        "产业扶贫",
        "产业",
        "扶贫",
    ]
    assert word_regex([]).search("任何文字") is None


# --- the reference article ----------------------------------------------------------------------


def test_reference_article_asserts_its_gold_labels(
    reference_text: str, reference_gold: dict[str, Any]
) -> None:
    text = reference_text
    scores = score_aid_types(
        text, sentences=body_sentences(text, reference_gold), headings=headings_of(reference_gold)
    )
    assert set(scores.labels) == REFERENCE_LABELS == set(reference_gold["aid_types"])
    for label in ("funding", "talent", "social", "health"):
        assert scores.cats[label] < ASSERT_THRESHOLD
    evidence = {a.label: {e.text for e in a.evidence} for a in scores.asserted}
    assert {"产业扶贫", "产业帮扶", "投资"} <= evidence["industry"]
    assert {"劳务协作", "务工", "就业扶贫", "劳务输出", "专场招聘"} <= evidence["labor"]
    assert "消费扶贫" in evidence["consumption"]
    assert "智慧帮扶" in evidence["technology"]
    assert {"培训", "教师", "幼儿教育", "学校"} <= evidence["education"]
    assert [s.label for s in scores.sections] == ["industry", "labor", "technology"]
    for asserted in scores.asserted:
        strengths = [e.strength for e in asserted.evidence]
        assert strengths == sorted(strengths, reverse=True)


def test_reference_closing_plan_sentence_is_weak(
    reference_text: str, reference_gold: dict[str, Any]
) -> None:
    text = reference_text
    start = text.index("下一步,城阳区")
    end = text.index("。", start) + 1
    cues = find_aid_cues(text, sentences=[(start, end)])
    assert {c.cue for c in cues} >= {"资金支持", "人才支援", "消费扶贫", "助贫助困", "携手奔小康"}
    assert all(c.factor == pytest.approx(0.3) and c.modifier == "下一步" for c in cues)
    alone = score_aid_types(text, sentences=[(start, end)])
    assert alone.labels == []


def test_reference_record_aid_types(reference_text: str, reference_gold: dict[str, Any]) -> None:
    text = reference_text
    scores = score_aid_types(
        text, sentences=body_sentences(text, reference_gold), headings=headings_of(reference_gold)
    )
    starts = {q["start"]: q for q in reference_gold["quantities"]}
    for record in reference_gold["records"]:
        q = starts[record["quantity_start"]]
        assert scores.aid_type_at(q["start"], q["end"]) == record["aid_type"], q["text"]


def test_reference_without_structure_and_in_traditional(
    reference_text: str, reference_gold: dict[str, Any]
) -> None:
    plain = score_aid_types(reference_text)  # fallback sentence split, no headings
    assert set(plain.labels) == REFERENCE_LABELS
    trad = opencc.OpenCC("s2t").convert(reference_text)
    assert len(trad) == len(reference_text)
    scores = score_aid_types(
        trad,
        sentences=body_sentences(trad, reference_gold),
        headings=headings_of(reference_gold),
    )
    assert set(scores.labels) == REFERENCE_LABELS
    first = scores.sections[0]
    assert trad[first.start : first.end] == first.text == "產業幫扶精準有效"
    for asserted in scores.asserted:
        for ev in asserted.evidence:
            assert trad[ev.start : ev.end] == ev.text


def test_a_sentence_inside_an_outer_heading_is_that_heading_even_when_headings_nest() -> None:
    # a caller's headings may nest: (0, 100) holds (50, 60); the sentence at 70 lies in the first
    text = "的" * 70 + "消费扶贫采购农产品" + "的" * 21
    scores = score_aid_types(text, sentences=[(70, 80)], headings=[(0, 100), (50, 60)])
    assert [(s.start, s.end) for s in scores.sentences] == []
    alone = score_aid_types(text, sentences=[(70, 80)], headings=[(50, 60)])
    assert [(s.start, s.end) for s in alone.sentences] == [(70, 80)]


def test_aid_type_at_is_the_one_of_its_definition(reference_text: str) -> None:
    """Every stretch of an article gets the label the docstring defines: the sentence holding
    it (found by a linear search), its nearest cue among several own labels, else the
    sentence's label, else the main label."""
    text = reference_text + "组织消费扶贫6900余万元,投入产业扶贫资金3亿元,开展技能培训。"
    scores = score_aid_types(text)
    assert any(
        sum(v >= scores.sentence_threshold for v in s.scores.values()) > 1 for s in scores.sentences
    )

    def by_definition(start: int, end: int) -> str | None:
        for sent in scores.sentences:
            if sent.start <= start < sent.end:
                own = {k for k, v in sent.scores.items() if v >= scores.sentence_threshold}
                if len(own) > 1:
                    near = [ev for ev in sent.evidence if ev.label in own]
                    return min(near, key=lambda ev: max(ev.start - end, start - ev.end, 0)).label
                return sent.label or scores.main
        return scores.main

    for start in range(len(text) + 2):
        for end in (start, start + 3):
            assert scores.aid_type_at(start, end) == by_definition(start, end)
        assert scores.aid_type_at(start) == by_definition(start, start)
