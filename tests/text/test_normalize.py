from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhpoverty.text.normalize import shadow_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("６９００餘萬元", "6900余万元"),
        ("約１０％", "约10%"),
        ("兩萬個貧困戶", "两万个贫困户"),
        ("投資１．６億元", "投资1.6亿元"),
        ("２－４所學校", "2-4所学校"),
        ("10～20噸", "10~20吨"),
        ("5000—8000元", "5000-8000元"),
        ("關嶺縣\u3000青島城陽區", "关岭县 青岛城阳区"),
        ("貳拾萬", "贰拾万"),
        ("扶贫协作", "扶贫协作"),
        ("", ""),
    ],
)
def test_shadow_folds_width_dashes_spaces_and_traditional(text: str, expected: str) -> None:
    assert shadow_text(text) == expected


@given(st.text())
def test_shadow_keeps_length(text: str) -> None:
    assert len(shadow_text(text)) == len(text)


def test_shadow_text_is_the_translation_table_applied_to_every_character() -> None:
    from zhpoverty.text.normalize import translation_table

    every_bmp = "".join(map(chr, range(0x10000)))  # lone surrogates included
    beyond = "𠀀𡀀😀\U0010ffff"
    for text in (every_bmp, beyond, "", "６９００餘萬元" + beyond + "\ud800"):
        assert shadow_text(text) == text.translate(translation_table())
