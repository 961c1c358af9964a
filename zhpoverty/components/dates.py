"""spaCy component ``zhpoverty_dates``: DATE and TIME mentions with ISO 8601 values.

A thin shell over :func:`zhpoverty.find.dates.find_dates`. Relative expressions (今年, 4月份)
resolve against the article's date: ``doc._.published`` when the caller set it, else the date in
the article's header (更新时间, 发布时间 …), else they keep ``value = None``. Writes
``doc.spans[spans_key]``, ``doc.ents`` (DATE, TIME) and ``span._.date``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .base import MentionComponent

COMPONENT = "zhpoverty_dates"


@Language.factory(
    COMPONENT,
    default_config={"spans_key": "dates", "set_ents": True, "overwrite_ents": False},
    assigns=["doc.spans", "doc.ents", "span._.date", "doc._.article"],
)
def make_dates(
    nlp: Language, name: str, spans_key: str, set_ents: bool, overwrite_ents: bool
) -> DateRecognizer:
    """Create the date recognizer (see :class:`DateRecognizer`)."""
    return DateRecognizer(
        name=name, spans_key=spans_key, set_ents=set_ents, overwrite_ents=overwrite_ents
    )


class DateRecognizer(MentionComponent):
    """Find dates in ``doc.text``, resolve them to ISO values and attach them."""

    component = COMPONENT
    attribute = "date"

    def __init__(self, *, spans_key: str = "dates", **settings: Any) -> None:
        super().__init__(spans_key=spans_key, **settings)

    def find(self, doc: Doc) -> Sequence[Any]:
        from ..find.dates import find_dates
        from .doc_text import article_of, shadow_of, text_of

        reference = doc._.published or article_of(doc).published
        return find_dates(text_of(doc), reference=reference, shadow=shadow_of(doc))
