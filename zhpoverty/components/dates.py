"""spaCy component ``zhpoverty_dates``: DATE and TIME mentions with ISO 8601 values.

A thin shell over :func:`zhpoverty.find.dates.find_dates`. Relative expressions (今年, 4月份)
resolve against the article's date: ``doc._.published`` when the caller set it, else the date in
the article's header (更新时间, 发布时间 …), else they keep ``value = None``. Writes
``doc.spans[spans_key]``, ``doc.ents`` (DATE, TIME) and ``span._.date``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import register_extensions
from .settings import check_key, check_type
from .spans import add_entities, fit_spans

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


class DateRecognizer:
    """Find dates in ``doc.text``, resolve them to ISO values and attach them."""

    def __init__(
        self,
        *,
        name: str = COMPONENT,
        spans_key: str = "dates",
        set_ents: bool = True,
        overwrite_ents: bool = False,
    ) -> None:
        check_key(COMPONENT, "spans_key", spans_key)
        check_type(COMPONENT, "set_ents", set_ents, bool)
        check_type(COMPONENT, "overwrite_ents", overwrite_ents, bool)
        register_extensions()
        self.name = name
        self.spans_key = spans_key
        self.set_ents = set_ents
        self.overwrite_ents = overwrite_ents

    def __call__(self, doc: Doc) -> Doc:
        from ..find.dates import find_dates
        from .doc_text import article_of, remember, shadow_of, text_of

        shadow = shadow_of(doc)
        article = article_of(doc)
        reference = doc._.published or article.published
        found = find_dates(text_of(doc), reference=reference, shadow=shadow)
        doc, spans = fit_spans(doc, [(d.start, d.end) for d in found], [d.label for d in found])
        kept, data = [], []
        for mention, span in zip(found, spans, strict=True):
            if span is not None:
                span._.date = plain = mention.as_dict()
                kept.append(span)
                data.append(plain)
        doc.spans[self.spans_key] = kept
        remember(doc, f"mentions:{self.spans_key}", data)
        if self.set_ents:
            add_entities(doc, kept, overwrite=self.overwrite_ents)
        return doc
