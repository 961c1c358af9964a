"""The custom attributes zhpoverty sets on Doc, Span and Token.

Every value is plain data (dict, list, str, number, None) so that docs survive
``nlp.pipe(n_process=2)`` and ``DocBin(store_user_data=True)``. Registration is idempotent and
happens when any zhpoverty component is created.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

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
    "aid_cues": "the cues on the span's characters, by label (what aid_cue reads)",
}
SPAN_GETTERS: dict[str, str] = {
    "aid_cue": "the cue that fired for the span's label: text, start, end, cue, label, weight",
}
TOKEN_ATTRS: dict[str, str] = {
    "num_value": "numeric value of the quantity the token belongs to (int or float; None for a "
    "range or outside quantities); read from doc.spans['quantities']",
}
QUANTITY_KEYS: dict[str, None] = {"quantities": None}  # spans keys of quantity components


def set_span_value(doc: Doc, attr: str, span: Span, value: Any) -> None:
    """``span._.<attr> = value`` for a stored (non-getter) span extension, as spaCy stores it.

    spaCy keeps a span's extension value in ``doc.user_data`` under
    ``("._.", attr, start_char, end_char)`` — the key that ``DocBin`` serialises — and
    ``span._.set`` writes exactly that, after building an ``Underscore`` object for the span.
    The components set tens of values per article, and those objects were ~4 % of their time.
    ``tests/components/test_extensions.py`` checks that ``span._`` reads back what is written
    here, so a change in spaCy's layout fails the tests rather than losing values.
    """
    doc.user_data[("._.", attr, span.start_char, span.end_char)] = value


def _num_value(token: Token) -> int | float | None:
    """The value of the quantity span covering ``token`` (a getter: nothing stored per token).

    Reads a per-doc index of the quantity spans (character offsets and values, bisected by the
    token's offset), built once for each state of the span group: iterating the spans for every
    token made ``[t._.num_value for t in doc]`` quadratic.
    """
    from .doc_text import cached

    doc = token.doc
    for key in QUANTITY_KEYS:
        group = doc.spans.get(key)
        if not group:
            continue
        starts, ends, values = cached(
            doc, f"num_values:{key}:{id(group)}:{len(group)}", lambda g=group: _quantity_index(g)
        )
        i = bisect_right(starts, token.idx) - 1
        if i >= 0 and token.idx < ends[i]:
            return values[i]
    return None


def _quantity_index(group: Iterable[Span]) -> tuple[list[int], list[int], list[Any]]:
    spans = sorted(group, key=lambda s: s.start_char)
    values = [(s._.quantity or {}).get("value") for s in spans]
    return [s.start_char for s in spans], [s.end_char for s in spans], values


def _aid_cue(span: Span) -> dict[str, Any] | None:
    """The cue behind an aid-type span, for its label.

    Extension values are keyed by character range, not label, and one word can carry cues of
    two labels (技能培训: labor and education); so the values live by label in
    ``span._.aid_cues`` and this getter picks the span's own.
    """
    cues = span._.aid_cues
    return cues.get(span.label_) if cues else None


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
    if not Span.has_extension("aid_cue"):
        Span.set_extension("aid_cue", getter=_aid_cue)
    if not Token.has_extension("num_value"):
        Token.set_extension("num_value", getter=_num_value)
