"""spaCy component ``zhpoverty_quantities``: amounts, counts and percentages with exact values.

A thin shell over :func:`zhpoverty.find.quantities.find_quantities`: it runs the finder on the
document text, fits tokens to the results (splitting a token that straddles a quantity's edge;
with ``merge_tokens = true`` also merging the tokens inside it into one, like spaCy's
``merge_entities``), and writes ``doc.spans[spans_key]``, ``doc.ents`` (MONEY,
QUANTITY, CARDINAL, PERCENT), ``span._.quantity`` (the plain dict of SPEC §2) and
``token._.num_value`` (a getter over those spans).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .base import MentionComponent
from .extensions import QUANTITY_KEYS

COMPONENT = "zhpoverty_quantities"


@Language.factory(
    COMPONENT,
    default_config={
        "spans_key": "quantities",
        "set_ents": True,
        "overwrite_ents": False,
        "merge_tokens": False,
    },
    assigns=["doc.spans", "doc.ents", "span._.quantity", "token._.num_value"],
)
def make_quantities(
    nlp: Language,
    name: str,
    spans_key: str,
    set_ents: bool,
    overwrite_ents: bool,
    merge_tokens: bool,
) -> QuantityRecognizer:
    """Create the quantity recognizer (see :class:`QuantityRecognizer`)."""
    return QuantityRecognizer(
        name=name,
        spans_key=spans_key,
        set_ents=set_ents,
        overwrite_ents=overwrite_ents,
        merge_tokens=merge_tokens,
    )


class QuantityRecognizer(MentionComponent):
    """Find quantities in ``doc.text`` and attach them as spans, entities and attributes."""

    component = COMPONENT
    attribute = "quantity"

    def __init__(self, *, spans_key: str = "quantities", **settings: Any) -> None:
        super().__init__(spans_key=spans_key, **settings)
        QUANTITY_KEYS[spans_key] = None

    def find(self, doc: Doc) -> Sequence[Any]:
        from ..find.quantities import find_quantities
        from .doc_text import shadow_of, text_of

        return find_quantities(text_of(doc), shadow=shadow_of(doc))
