"""Tests of the line and sentence splitter."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhpoverty.errors import SettingsError
from zhpoverty.text.normalize import shadow_text
from zhpoverty.text.sentences import line_spans, split_sentences, trim

TEST_DATA = Path(__file__).resolve().parent.parent / "data"


def _cases() -> list[dict[str, Any]]:
    lines = (TEST_DATA / "structure_cases.jsonl").read_text(encoding="utf-8").splitlines()
    return [c for c in map(json.loads, filter(str.strip, lines)) if c["task"] == "sentences"]


CASES = _cases()


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_sentence_case(case: dict[str, Any]) -> None:
    text = case["text"]
    spans = split_sentences(text, semicolon=case["semicolon"])
    assert [{"text": text[s:e], "start": s, "end": e} for s, e in spans] == case["expected"]


def test_stretch_of_a_text() -> None:
    text = "标题\n今年是扶贫攻坚之年。我们将一手抓好企业复工。\n0"
    start = text.index("今年")
    end = text.index("\n0")
    assert split_sentences(text, start=start, end=end) == [(3, 13), (13, 25)]
    assert text[3:13] == "今年是扶贫攻坚之年。"


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (2, 1), (0, 99)])
def test_bad_stretch_raises(start: int, end: int) -> None:
    with pytest.raises(SettingsError, match=r"\[E008\]"):
        split_sentences("今年是扶贫攻坚之年。", start=start, end=end)


def test_shadow_of_wrong_length_raises() -> None:
    with pytest.raises(SettingsError, match=r"\[E007\]"):
        split_sentences("今年。", shadow="今年")


def test_line_spans() -> None:
    text = "青岛城阳\r\n\r\n\xa0 更新时间:2020-03-18  \n\xa0\n0"
    assert line_spans(text) == [(0, 4), (10, 25), (30, 31)]
    assert text[10:25] == "更新时间:2020-03-18" and text[30:31] == "0"
    assert line_spans(text, keep_empty=True) == [(0, 4), (6, 6), (10, 25), (28, 28), (30, 31)]
    assert line_spans("") == [] and line_spans("", keep_empty=True) == [(0, 0)]


def test_trim_uses_the_shadow() -> None:
    text = "\u3000\xa0今年\u3000"
    assert trim(shadow_text(text), 0, len(text)) == (2, 4)


def test_long_text_is_linear_and_whole(reference_text: str) -> None:
    text = "\n".join([reference_text] * 200)
    spans = split_sentences(text)
    single = split_sentences(reference_text)
    assert len(spans) == 200 * len(single)
    s, e = spans[-1]
    assert text[s:e] == "0"


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("今年。！？!?;；”」 \n\r\xa0\u30001.6亿")), max_size=40)
)
def test_random_text_gives_ordered_trimmed_spans(text: str) -> None:
    previous = 0
    for s, e in split_sentences(text):
        assert previous <= s < e <= len(text)
        piece = text[s:e]
        assert piece == piece.strip(" \t\r\n\xa0\u3000") and "\n" not in piece
        previous = e


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=" \t\x0b\x0c\r\n\u2028\u2029\xa0\u3000\x85年a0", max_size=30))
def test_line_spans_are_the_non_empty_trimmed_lines(text: str) -> None:
    """The regex that reads the lines gives the non-empty lines of the break-by-break split."""
    every = line_spans(text, keep_empty=True)
    assert line_spans(text) == [(s, e) for s, e in every if s < e]
