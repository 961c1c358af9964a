"""A linear-time ``spacy.util.get_words_and_spaces`` for long articles.

spaCy's Chinese tokenizer aligns the segmenter's words with the text through
``spacy.util.get_words_and_spaces``, which slices the rest of the text for every word
(``text[text_pos:].index(word)``): quadratic in the length of the text. A 5 MB file takes
minutes in that one function. :func:`get_words_and_spaces` below returns exactly the same words
and spaces (a test compares them on generated texts) but searches in place
(``text.index(word, text_pos)``). :func:`install` puts it in place of spaCy's; zhpoverty does
this when it builds a tokenizer or a component, and only if spaCy's function is still the
original one.
"""

from __future__ import annotations

from collections.abc import Iterable

import spacy.util
from spacy.errors import Errors

_ORIGINAL = spacy.util.get_words_and_spaces


def get_words_and_spaces(words: Iterable[str], text: str) -> tuple[list[str], list[bool]]:
    """Same contract as ``spacy.util.get_words_and_spaces``, in linear time."""
    words = list(words)
    if "".join("".join(words).split()) != "".join(text.split()):
        raise ValueError(Errors.E194.format(text=text, words=words))
    text_words: list[str] = []
    text_spaces: list[bool] = []
    text_pos = 0
    for word in words:
        if word.isspace():
            continue
        try:
            word_start = text.index(word, text_pos)
        except ValueError:
            raise ValueError(Errors.E194.format(text=text, words=words)) from None
        if word_start > text_pos:
            text_words.append(text[text_pos:word_start])
            text_spaces.append(False)
            text_pos = word_start
        text_words.append(word)
        text_spaces.append(False)
        text_pos += len(word)
        if text_pos < len(text) and text[text_pos] == " ":
            text_spaces[-1] = True
            text_pos += 1
    if text_pos < len(text):
        text_words.append(text[text_pos:])
        text_spaces.append(False)
    return text_words, text_spaces


def install() -> None:
    """Use :func:`get_words_and_spaces` in ``spacy.util`` (no-op if spaCy's was replaced)."""
    if spacy.util.get_words_and_spaces is _ORIGINAL:
        spacy.util.get_words_and_spaces = get_words_and_spaces
