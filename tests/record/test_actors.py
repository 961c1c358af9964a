"""Which mentions can act: the word right before a mention, spaces allowed between."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from zhpoverty.find.word_heads import EndingWords
from zhpoverty.record.actors import after_word, subject_cues

WORDS = ("帮助", "帮", "在", "向", "到达", "到")


@given(st.text(alphabet="帮助在向到达县 ", max_size=12), st.data())
def test_after_word_is_the_longest_word_ending_before_the_spaces(
    text: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(text)))
    head = text[:start].rstrip(" ")
    expected = max((w for w in WORDS if head.endswith(w)), key=len, default=None)
    assert after_word(text, start, EndingWords(WORDS)) == expected


def test_the_locative_words_are_oblique_words_too() -> None:
    cues = subject_cues()
    assert "在" in cues.locative.words
    assert cues.locative.words <= cues.oblique.words
