"""The custom attributes zhpoverty sets on Doc, Span and Token.

Every value is plain data (dict, list, str, number, None) so that docs survive
``nlp.pipe(n_process=2)`` and ``DocBin(store_user_data=True)``. Registration is idempotent and
happens when any zhpoverty component is created.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

DOC_ATTRS: dict[str, str] = {
    "id": "article id given by the caller (else a content hash in the record)",
    "published": "article date (ISO) given by the caller; overrides the header's",
    "article": "article structure: title, published, source, byline, headings, captions",
    "aid_types": "asserted aid types, each with score and evidence",
    "aid_sentences": "per-sentence aid-type scores: [{start, end, labels: {label: score}}]",
    "record": "the article record (SPEC §5), set by zhpoverty_records",
}
SPAN_ATTRS: dict[str, str] = {
    "quantity": "the quantity dict of SPEC §2",
    "date": "the date dict: text, start, end, label, value (ISO), kind",
    "place": "the place dict: name, code, level",
    "organization": "the organisation dict: kind",
    "person": "the person dict: title, organization",
    "aid_cue": "the cue that fired: label, cue, weight",
}
TOKEN_ATTRS: dict[str, str] = {
    "num_value": "numeric value of the quantity the token belongs to (int or float; None for a "
    "range or outside quantities); read from doc.spans['quantities']",
}
QUANTITY_KEYS: dict[str, None] = {"quantities": None}  # spans keys of quantity components


def _num_value(token: Token) -> int | float | None:
    """The value of the quantity span covering ``token`` (a getter: nothing stored per token)."""
    for key in QUANTITY_KEYS:
        for span in token.doc.spans.get(key, ()):
            if span.start <= token.i < span.end:
                data = span._.quantity
                return data["value"] if data else None
    return None


def register_extensions() -> None:
    """Register zhpoverty's extension attributes (once; later calls are no-ops).

    Also puts the linear-time word alignment in place of spaCy's quadratic one
    (:mod:`zhpoverty.segmentation.alignment`), so that long articles stay fast.
    """
    from ..segmentation.alignment import install

    install()
    for cls, names in ((Doc, DOC_ATTRS), (Span, SPAN_ATTRS)):
        for name in names:
            if not cls.has_extension(name):
                cls.set_extension(name, default=None)
    if not Token.has_extension("num_value"):
        Token.set_extension("num_value", getter=_num_value)
