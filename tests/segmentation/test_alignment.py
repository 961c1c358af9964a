from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhpoverty.segmentation import alignment


def _words(text: str, cuts: list[int]) -> list[str]:
    """Split ``text`` at ``cuts`` and drop whitespace, as a segmenter hands words over."""
    edges = sorted({0, len(text), *(c % (len(text) + 1) for c in cuts)})
    pieces = [text[a:b] for a, b in pairwise(edges)]
    return [w for p in pieces for w in p.split() if w]


@given(
    st.text(alphabet="扶贫协作万升级 \n\u3000\xa0ab12", max_size=60),
    st.lists(st.integers(0, 80), max_size=20),
)
def test_same_words_and_spaces_as_spacy(text: str, cuts: list[int]) -> None:
    words = _words(text, cuts)
    assert alignment.get_words_and_spaces(words, text) == alignment._ORIGINAL(words, text)


def test_mismatched_words_raise_like_spacy() -> None:
    with pytest.raises(ValueError, match="E194"):
        alignment.get_words_and_spaces(["扶贫", "协作"], "扶贫合作")


def test_installed_by_the_pipeline() -> None:
    import spacy.util

    from zhpoverty.segmentation.tokenizer import make_tokenizer_nlp

    make_tokenizer_nlp("char")
    assert spacy.util.get_words_and_spaces is alignment.get_words_and_spaces
