"""One regular expression for a set of literal words, shaped as a trie.

Every finder that looks for many fixed strings at once (organisation endings, titles, cue words,
unit words …) compiles them with :func:`word_regex`. A plain alternation ``a|b|c`` makes the
regex engine try every word at every position; a trie-shaped one (``产业(?:扶贫|帮扶)?``) shares
each prefix once and tries the longest word first, so one scan costs about one step per
character.
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
