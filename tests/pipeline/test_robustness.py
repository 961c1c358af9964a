"""The thousandth article: whatever text comes in, the pipeline returns a valid record."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from zhpoverty.api import process
from zhpoverty.record.schema import ArticleRecord

GENRE = "扶贫协作投资亿万元余约近以上个家所名人户吨亩平方米年月日今年去年第一二三四五六七八九十百千两〇零壹貳參萬億１２３.,-~至。；：“”（）\n\r\t \u3000\xa0"


def check(nlp: Language, text: str) -> None:
    doc = process(nlp, text, id="x")
    record = ArticleRecord.model_validate(doc._.record)
    for group in ("quantities", "dates", "places", "organizations", "people"):
        for m in getattr(record, group):
            assert text[m.start : m.end] == m.text
    for row in record.records:
        assert 0 <= row.quantity < len(record.quantities)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=st.sampled_from(GENRE), max_size=120) | st.text(max_size=80))
def test_any_text_gives_a_valid_record(nlp_char: Language, text: str) -> None:
    check(nlp_char, text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n\u3000",
        "0",
        "\r\n".join(["青岛城阳:精准帮扶", "", "更新时间:2020-03-18 16:45", "", "投资1.6亿元。"]),
        "æ‰¶è´«å��ä½œ æŠ•èµ„1.6äº¿å…ƒ",  # a line of mojibake
        "投资" + "1" * 400 + "元",
        "。" * 500,
        "扶贫\x00协作投资1.6亿元",
        "🎉直播带货销售额超过20万元🎉",
        "一" * 2000,
    ],
)
def test_odd_inputs(nlp: Language, text: str) -> None:
    check(nlp, text)
