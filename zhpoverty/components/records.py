"""spaCy component ``zhpoverty_records``: the article record (SPEC §5) in ``doc._.record``.

Gathers what the other components attached — quantities, dates, places, organisations,
people, aid types — with the article's structure, and builds the indicator rows with
:func:`zhpoverty.record.rows.build_records`. The record is plain data: one line of
``zhpoverty extract`` output. Components that are disabled or absent simply contribute nothing.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .batching import BatchedPipe
from .doc_text import aid_scores_of, article_of, recall, shadow_of, text_of
from .extensions import register_extensions
from .settings import check_key

COMPONENT = "zhpoverty_records"
KEYS = ("quantities", "dates", "places", "organizations", "people")
ATTRS = {
    "quantities": "quantity",
    "dates": "date",
    "places": "place",
    "organizations": "organization",
    "people": "person",
}
_START_END = itemgetter("start", "end")


@Language.factory(
    COMPONENT,
    default_config={
        "quantities_key": "quantities",
        "dates_key": "dates",
        "places_key": "places",
        "organizations_key": "organizations",
        "people_key": "people",
    },
    requires=["doc.spans"],
    assigns=["doc._.record"],
)
def make_records(
    nlp: Language,
    name: str,
    quantities_key: str,
    dates_key: str,
    places_key: str,
    organizations_key: str,
    people_key: str,
) -> RecordBuilder:
    """Create the record builder (see :class:`RecordBuilder`)."""
    return RecordBuilder(
        name=name,
        keys={
            "quantities": quantities_key,
            "dates": dates_key,
            "places": places_key,
            "organizations": organizations_key,
            "people": people_key,
        },
    )


class RecordBuilder(BatchedPipe):
    """Build ``doc._.record`` from the spans and attributes the other components set."""

    def __init__(self, *, name: str = COMPONENT, keys: dict[str, str] | None = None) -> None:
        self.keys = {key: key for key in KEYS} | dict(keys or {})
        for what, key in self.keys.items():
            check_key(COMPONENT, f"{what}_key", key)
        register_extensions()
        self.name = name

    def mentions(self, doc: Doc, what: str) -> list[dict[str, Any]]:
        """The plain dicts of one kind of mention, in text order (as the component that found
        them left them, else read back from the spans)."""
        found = recall(doc, f"mentions:{self.keys[what]}")
        if found is None:
            attr = ATTRS[what]
            found = [getattr(span._, attr) for span in doc.spans.get(self.keys[what], [])]
        mentions = [m for m in found if m is not None]
        mentions.sort(key=_START_END)
        return mentions

    def __call__(self, doc: Doc) -> Doc:
        from ..api import article_id
        from ..record.article import build_article_record

        ext = doc._  # spaCy builds a new accessor at every ``doc._``
        text = text_of(doc)
        scores = aid_scores_of(doc)
        ext.record = build_article_record(
            text,
            id=ext.id if ext.id is not None else article_id(text),
            published=ext.published,
            article=article_of(doc),
            shadow=shadow_of(doc),
            aid_types=ext.aid_types or [],
            cats=dict(doc.cats),
            aid_type_at=scores.aid_type_at if scores is not None else None,
            **{what: self.mentions(doc, what) for what in KEYS},
        )
        return doc
