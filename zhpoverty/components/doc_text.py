"""Per-document derived data shared by the components: shadow text, structure, aid scores.

Each (and ``doc.text`` itself, which spaCy rebuilds from the tokens at every access) is computed
once per Doc by the first component that needs it and kept in a
``WeakKeyDictionary`` keyed by the Doc — never on the Doc itself, so that a Doc only ever
carries plain data (``nlp.pipe(n_process=2)`` and ``DocBin`` stay safe) and the cache entry
disappears with the Doc. A Doc's text never changes (retokenising keeps it), so what is
derived from the text cannot go stale.

The components also leave here the mention dicts they found (``mentions:<spans key>``), and
``zhpoverty_records`` builds the record from those rather than reading every span's extension
again: the record is what the components found, and a user's edits to ``doc.spans`` between
components are not seen by it. A Doc without the cache (one read back from a DocBin or from
another process) has its record built from the spans.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar
from weakref import WeakKeyDictionary

from spacy.tokens import Doc

from ..text.normalize import shadow_text

if TYPE_CHECKING:
    from ..find.aid_scores import AidTypeScores
    from ..text.structure import Article

T = TypeVar("T")
_CACHE: WeakKeyDictionary[Doc, dict[str, Any]] = WeakKeyDictionary()


def cached(doc: Doc, key: str, make: Callable[[], T]) -> T:
    """The value of ``key`` for ``doc``, computed with ``make()`` the first time."""
    slot = _CACHE.setdefault(doc, {})
    if key not in slot:
        slot[key] = make()
    return slot[key]


def remember(doc: Doc, key: str, value: Any) -> None:
    """Store ``value`` under ``key`` for ``doc`` (for a later component to read)."""
    _CACHE.setdefault(doc, {})[key] = value


def recall(doc: Doc, key: str) -> Any:
    """The value a component stored under ``key`` for ``doc``, or ``None``."""
    return _CACHE.get(doc, {}).get(key)


def text_of(doc: Doc) -> str:
    """``doc.text``, built once (spaCy joins the tokens anew at every access)."""
    return cached(doc, "text", lambda: doc.text)


def transfer(old: Doc, new: Doc) -> None:
    """Carry the derived data of ``old`` over to ``new`` (same text, re-cut tokens)."""
    if old in _CACHE:
        _CACHE[new] = dict(_CACHE[old])


def shadow_of(doc: Doc) -> str:
    """The same-length normalised shadow of ``doc.text``."""
    return cached(doc, "shadow", lambda: shadow_text(text_of(doc)))


def article_of(doc: Doc) -> Article:
    """The article structure of ``doc`` (title, header date, headings, captions, sentences).

    Its plain-data form is also stored in ``doc._.article`` for users (paragraphs and
    sentences as offsets only, so the Doc does not carry its text three times).
    """
    from ..text.structure import parse_article

    article = cached(doc, "article", lambda: parse_article(text_of(doc), shadow=shadow_of(doc)))
    if doc._.article is None:
        doc._.article = article.as_dict(bodies=False)
    return article


def aid_scores_of(doc: Doc) -> AidTypeScores | None:
    """The aid-type scores ``zhpoverty_aid_types`` computed for ``doc`` (None if it did not run)."""
    return recall(doc, "aid_scores")
