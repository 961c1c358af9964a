from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from zhpoverty.text.patterns import starts_lookahead, word_pattern

_CHARS = st.sampled_from("产业扶贫就钱消费.*[]")
_WORDS = st.lists(st.text(_CHARS, min_size=1, max_size=4), max_size=8)


@given(words=_WORDS, text=st.text(_CHARS, max_size=30), second=st.booleans())
def test_the_lookahead_lets_every_match_through_and_little_else(
    words: list[str], text: str, second: bool
) -> None:
    plain = re.compile(word_pattern(words))
    filtered = re.compile(starts_lookahead(words, second=second) + word_pattern(words))
    heads = {w[: 2 if second else 1] for w in words}
    for i in range(len(text) + 1):
        m = plain.match(text, i)
        assert (m.group() if m else None) == ((f := filtered.match(text, i)) and f.group())
        passes = re.compile(starts_lookahead(words, second=second) or "(?!)").match(text, i)
        starts = any(text.startswith(h, i) for h in heads)
        # it holds wherever a word's first (two) characters stand; with one character, only there
        assert passes is not None if starts else (second or passes is None), (i, heads)


def test_the_two_character_lookahead_skips_what_no_word_starts_with() -> None:
    lookahead = re.compile(starts_lookahead(["产业", "就业", "钱"], second=True))
    assert [i for i in range(8) if lookahead.match("产品就业钱产业业", i)] == [2, 4, 5]
