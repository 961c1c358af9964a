"""spaCy component ``zhpoverty_quantities``: amounts, counts and percentages with exact values.

A thin shell over :func:`zhpoverty.find.quantities.find_quantities`: it runs the finder on the
document text, fits tokens to the results (splitting a token that straddles a quantity's edge and
merging the tokens inside it), and writes ``doc.spans[spans_key]``, ``doc.ents`` (MONEY,
QUANTITY, CARDINAL, PERCENT), ``span._.quantity`` (the plain dict of SPEC §2) and
``token._.num_value``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import QUANTITY_KEYS, register_extensions
from .settings import check_key, check_type
from .spans import add_entities, fit_spans

COMPONENT = "zhpoverty_quantities"


@Language.factory(
    COMPONENT,
    default_config={"spans_key": "quantities", "set_ents": True, "overwrite_ents": False},
    assigns=["doc.spans", "doc.ents", "span._.quantity", "token._.num_value"],
)
def make_quantities(
    nlp: Language, name: str, spans_key: str, set_ents: bool, overwrite_ents: bool
) -> QuantityRecognizer:
    """Create the quantity recognizer (see :class:`QuantityRecognizer`)."""
    return QuantityRecognizer(
        name=name, spans_key=spans_key, set_ents=set_ents, overwrite_ents=overwrite_ents
    )


class QuantityRecognizer:
    """Find quantities in ``doc.text`` and attach them as spans, entities and attributes."""

    def __init__(
        self,
        *,
        name: str = COMPONENT,
        spans_key: str = "quantities",
        set_ents: bool = True,
        overwrite_ents: bool = False,
    ) -> None:
        check_key(COMPONENT, "spans_key", spans_key)
        check_type(COMPONENT, "set_ents", set_ents, bool)
        check_type(COMPONENT, "overwrite_ents", overwrite_ents, bool)
        register_extensions()
        self.name = name
        self.spans_key = spans_key
        QUANTITY_KEYS[spans_key] = None
        self.set_ents = set_ents
        self.overwrite_ents = overwrite_ents

    def __call__(self, doc: Doc) -> Doc:
        from ..find.quantities import find_quantities
        from .doc_text import remember, shadow_of, text_of

        found = find_quantities(text_of(doc), shadow=shadow_of(doc))
        doc, spans = fit_spans(
            doc, [(q.start, q.end) for q in found], [q.label for q in found], merge=True
        )
        kept, data = [], []
        for quantity, span in zip(found, spans, strict=True):
            if span is None:
                continue
            span._.quantity = plain = quantity.as_dict()
            kept.append(span)
            data.append(plain)
        doc.spans[self.spans_key] = kept
        remember(doc, f"mentions:{self.spans_key}", data)
        if self.set_ents:
            add_entities(doc, kept, overwrite=self.overwrite_ents)
        return doc
