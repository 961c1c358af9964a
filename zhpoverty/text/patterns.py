"""One regular expression for a set of literal words, shaped as a trie.

Every finder that looks for many fixed strings at once (organisation endings, titles, cue words,
unit words …) compiles them with :func:`word_regex`. A plain alternation ``a|b|c`` makes the
regex engine try every word at every position; a trie-shaped one (``产业(?:扶贫|帮扶)?``) shares
each prefix once and tries the longest word first, so one scan costs about one step per
character.

:func:`starts_lookahead` puts a filter in front of such a pattern: a look-ahead for the words'
first characters (or first two), so that the engine passes a position where no word can start
with one set lookup instead of entering the trie. It pays where most positions start no word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

NEVER = "(?!)"


def word_pattern(words: Iterable[str]) -> str:
    """The trie-shaped pattern of ``words`` (longest match first); never matches if none.

    Examples:
        >>> word_pattern(["个", "个月", "个小时"])
        '个(?:(?:小时|月))?'
        >>> pattern = word_pattern(["有限公司", "股份有限公司", "公司"])
        >>> re.fullmatch(pattern, "股份有限公司") is not None
        True
    """
    trie: dict[str, Any] = {}
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: Mapping[str, Any]) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a word ends here: the longer continuations are optional
            return "(?:" + body + ")?"
        return body

    return emit(trie) or NEVER


def word_regex(words: Iterable[str]) -> re.Pattern[str]:
    """:func:`word_pattern` compiled."""
    return re.compile(word_pattern(words))


def starts_lookahead(words: Iterable[str], *, second: bool = False) -> str:
    """A look-ahead that holds wherever one of ``words`` starts (and at few other places).

    A class of the words' first characters; with ``second``, of their first characters followed
    by one of their second characters, or a one-character word. Empty when there are no words
    (then nothing filters).

    Examples:
        >>> starts_lookahead(["产业扶贫", "就业", "消费"])
        '(?=[产就消])'
        >>> starts_lookahead(["产业", "就业", "钱"], second=True)
        '(?=[产就][业]|[钱])'
    """
    heads = {word[: 2 if second else 1] for word in words if word}
    if not heads:
        return ""
    if not second:
        return f"(?={char_class(heads)})"
    pairs = [h for h in heads if len(h) == 2]
    alternatives = []
    if pairs:
        alternatives.append(char_class(h[0] for h in pairs) + char_class(h[1] for h in pairs))
    singles = [h for h in heads if len(h) == 1]
    if singles:
        alternatives.append(char_class(singles))
    return "(?=" + "|".join(alternatives) + ")"


def filtered_word_pattern(words: Iterable[str], *, second: bool = False) -> str:
    """:func:`word_pattern` behind :func:`starts_lookahead`, for ``match`` and ``finditer`` over
    text where most positions start no word. (Before a ``search`` it can cost more than it
    saves: the look-ahead hides the pattern's first characters from the engine's skip-ahead.)"""
    words = [word for word in words if word]
    return starts_lookahead(words, second=second) + word_pattern(words)


def char_class(chars: Iterable[str]) -> str:
    """A regex character class of ``chars`` (each escaped, deduplicated and sorted).

    Examples:
        >>> char_class("。，。")
        '[。，]'
    """
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"
