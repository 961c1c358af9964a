"""HeadTable: the vectorised look-up of word heads agrees with a character-by-character one;
EndingWords: the longest word ending at a position agrees with trying every length."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhpoverty.find.word_heads import EndingWords, HeadTable

HEADS = {"青岛": 1, "城阳": 2, "城": 3, "文": 4, "关岭": 5, "a😀": 6, "😀b": 7, "岛城": 8}
# characters of the heads, characters of none, one past the largest head code point, an
# astral character, a lone surrogate and the end of the text all occur in the examples
ALPHABET = [*"青岛城阳文关岭ab的 ，", "😀", chr(ord("😀") + 1), "\U0010ffff", "\ud800"]


def brute_force(heads: dict[str, int], text: str) -> tuple[list[int], list[int]]:
    at: list[int] = []
    numbers: list[int] = []
    for i in range(len(text)):
        k = heads.get(text[i : i + 2]) if i + 1 < len(text) else None
        if k is None:
            k = heads.get(text[i])
        if k is not None:
            at.append(i)
            numbers.append(k)
    return at, numbers


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=40))
def test_find_agrees_with_a_brute_force(text: str) -> None:
    assert HeadTable(HEADS).find(text) == brute_force(HEADS, text)


def test_a_one_character_head_also_ends_the_text() -> None:
    assert HeadTable({"文": 1, "文化": 2}).find("文化文") == ([0, 2], [2, 1])
    assert HeadTable({"青岛": 1}).find("青") == ([], [])
    assert HeadTable({}).find("青岛") == ([], [])
    assert HeadTable({"青岛": 1}).find("") == ([], [])


@pytest.mark.parametrize("heads", [{"": 1}, {"青岛市": 1}, {"青岛": 0}])
def test_bad_heads_are_refused(heads: dict[str, int]) -> None:
    with pytest.raises(ValueError, match="heads"):
        HeadTable(heads)


WORDS = ["局", "格局", "新格局", "城阳", "阳", "青岛城阳", "a😀"]


def longest_ending_by_every_length(words: list[str], text: str, end: int) -> str:
    """The simple form: try every length of the words, longest first."""
    for n in sorted({len(w) for w in words}, reverse=True):
        if n <= end and text[end - n : end] in words:
            return text[end - n : end]
    return ""


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"局格新城阳青岛a的", "😀"]), max_size=12), st.data())
def test_longest_ending_agrees_with_trying_every_length(text: str, data: st.DataObject) -> None:
    end = data.draw(st.integers(0, len(text)))
    got = EndingWords(WORDS).longest_ending(text, end)
    assert got == longest_ending_by_every_length(WORDS, text, end)


def test_longest_ending_edges() -> None:
    assert EndingWords(["格局", "局"]).longest_ending("格局", 2) == "格局"
    assert EndingWords(["格局", "局"]).longest_ending("局", 1) == "局"
    assert EndingWords(["格局"]).longest_ending("局", 1) == ""  # shorter than the word
    assert EndingWords(["格局"]).longest_ending("格局", 0) == ""
    assert EndingWords([]).longest_ending("格局", 2) == ""
    assert EndingWords(["", "局"]).words == frozenset({"局"})
