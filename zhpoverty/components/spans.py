"""Make token-exact spans from character offsets, whatever the segmenter did.

Finders work on text; tokens are then fitted to their results: a token that straddles a span
edge is split there (``万/升级`` → ``万/升/级`` so that ``万升`` is a span), and optionally the
tokens inside a span are merged into one. spaCy's retokenizer leaves the spans already in
``doc.spans`` with their old token indices, so they are made again: after a split by moving
their indices past the tokens added before them, after a merge from their character offsets.
Entities are added through a filter that never raises on overlap.

Most mentions already fit the tokens, so each span is first made exactly (``Doc.char_span``);
only the edges of those that do not fit are looked up among the tokens for cuts.

Token offsets and entity tags are read as arrays (``doc.to_array``) rather than by iterating
Token objects: creating a Token per position is what makes a naive version slow.

spaCy's retokenizer costs time proportional to the whole document for every token it splits, so
a long document that needs many cuts (a 5 MB file needs thousands) would take quadratic time.
Past :data:`REBUILD_MIN_CUTS` cuts, and when the Doc carries no token annotation that a rebuild
could lose (tags, lemmas, parses, sentence starts), the tokens are rebuilt once instead: a new
Doc with the split words, the same text, user data, categories, entities and span groups. The
components then carry on with the new Doc, which is why :func:`fit_spans` returns it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate, pairwise

import numpy as np
from spacy.attrs import ENT_IOB, IDX, LENGTH
from spacy.tokens import Doc, Span, SpanGroup

CharSpan = tuple[int, int]
_IN_ENTITY = 1  # ENT_IOB: 0 missing, 2 O, 1 I, 3 B — the bit that I and B share
REBUILD_MIN_CUTS = 32
_TOKEN_ANNOTATIONS = ("TAG", "POS", "MORPH", "LEMMA", "DEP", "SENT_START")


def split_at(doc: Doc, offsets: Iterable[int]) -> Doc:
    """Split every token that has one of ``offsets`` strictly inside its text.

    Returns the Doc to carry on with: ``doc`` itself, or a rebuilt one when many cuts are needed
    (see the module docstring).
    """
    cuts = _cuts(doc, offsets)
    return _split(doc, cuts) if cuts else doc


def _split(doc: Doc, cuts: dict[int, set[int]]) -> Doc:
    """:func:`split_at` for cuts found by :func:`_cuts`.

    Retokenized in place, the spans of ``doc.spans`` are moved to the new token indices
    (:func:`moved_index`): a cut only adds tokens, so every span edge stays a token edge and
    keeps its characters. (A rebuilt Doc gets them from their character offsets.)
    """
    if len(cuts) >= REBUILD_MIN_CUTS and not any(doc.has_annotation(a) for a in _TOKEN_ANNOTATIONS):
        return _rebuilt(doc, cuts)
    groups = {
        key: (dict(group.attrs), [(s.start, s.end, s.label, s.kb_id, s.id) for s in group])
        for key, group in doc.spans.items()
    }
    with doc.retokenize() as retokenizer:
        for i, rel in cuts.items():
            tok = doc[i]
            orths = _pieces(tok.text, rel)
            retokenizer.split(tok, orths, heads=[(tok, 0)] * len(orths))
    moved = moved_index(cuts)
    for key, (attrs, rows) in groups.items():
        spans = [
            Span(doc, moved(start), moved(end), label=label, kb_id=kb, span_id=sid)
            for start, end, label, kb, sid in rows
        ]
        doc.spans[key] = SpanGroup(doc, name=key, attrs=attrs, spans=spans)
    return doc


def moved_index(cuts: dict[int, set[int]]) -> Callable[[int], int]:
    """Where a token index (or an exclusive end) of the Doc before the cuts is after them.

    Every token before ``i`` that was cut into ``k`` pieces moves ``i`` right by ``k - 1``.
    """
    cut_tokens = sorted(cuts)
    added = [0, *accumulate(len(cuts[i]) for i in cut_tokens)]  # a token with n cuts adds n

    def moved(i: int) -> int:
        return i + added[bisect_left(cut_tokens, i)]

    return moved


def _cuts(doc: Doc, offsets: Iterable[int]) -> dict[int, set[int]]:
    """For each token that has one of ``offsets`` strictly inside it: its index → the offsets,
    relative to the token's start.

    A binary search over the token starts per offset. The arrays are small (a few hundred
    tokens, a few dozen offsets), so plain lists beat numpy, whose per-call cost dominates here.
    """
    if not len(doc):
        return {}
    starts: list[int] = doc.to_array(IDX).tolist()
    lengths: list[int] = doc.to_array(LENGTH).tolist()
    cuts: dict[int, set[int]] = {}
    for off in offsets:
        i = bisect_right(starts, off) - 1
        if i >= 0 and starts[i] < off < starts[i] + lengths[i]:
            cuts.setdefault(i, set()).add(off - starts[i])
    return cuts


def _pieces(text: str, cuts: set[int]) -> list[str]:
    edges = [0, *sorted(cuts), len(text)]
    return [text[a:b] for a, b in pairwise(edges)]


def _rebuilt(doc: Doc, cuts: dict[int, set[int]]) -> Doc:
    """A new Doc with the tokens split at ``cuts``, carrying everything zhpoverty attaches."""
    from .doc_text import transfer

    words: list[str] = []
    spaces: list[bool] = []
    for tok in doc:
        pieces = _pieces(tok.text, cuts[tok.i]) if tok.i in cuts else [tok.text]
        words += pieces
        spaces += [False] * (len(pieces) - 1) + [bool(tok.whitespace_)]
    new = Doc(doc.vocab, words=words, spaces=spaces)
    new.user_data.update(doc.user_data)
    new.cats = dict(doc.cats)

    ents = (
        new.char_span(e.start_char, e.end_char, label=e.label, kb_id=e.kb_id, span_id=e.id)
        for e in doc.ents
    )
    new.set_ents([e for e in ents if e is not None])
    restore_spans(new, stored_spans(doc))
    transfer(doc, new)
    return new


StoredSpans = dict[str, tuple[dict, list[tuple[int, int, int, int, int]]]]


def stored_spans(doc: Doc) -> StoredSpans:
    """The groups of ``doc.spans`` as their attrs and their spans' character offsets, label,
    kb_id and id, to restore after retokenizing with :func:`restore_spans`."""

    def edges(group: SpanGroup) -> list[tuple[int, int, int, int, int]]:
        return [(s.start_char, s.end_char, s.label, s.kb_id, s.id) for s in group]

    return {key: (dict(group.attrs), edges(group)) for key, group in doc.spans.items()}


def restore_spans(doc: Doc, stored: StoredSpans) -> None:
    """Make the spans of ``doc.spans`` again from their character offsets after retokenizing.

    spaCy's retokenizer moves token attributes (entities included) but leaves the spans already
    stored in ``doc.spans`` with their old token indices: after a split before it, a span of
    二氧化碳 would read 级, and after a merge it may point past the end. Character offsets do not
    change after a split, so extension values, keyed by them, stay attached; a merge that cuts
    across a stored span widens it to whole tokens.
    """
    for key, (attrs, group) in stored.items():
        moved = (
            doc.char_span(s, e, label=label, kb_id=kb, span_id=sid, alignment_mode="expand")
            for s, e, label, kb, sid in group
        )
        spans = [span for span in moved if span is not None]
        doc.spans[key] = SpanGroup(doc, name=key, attrs=attrs, spans=spans)


def fit_spans(
    doc: Doc,
    char_spans: Sequence[CharSpan],
    labels: Sequence[str],
    *,
    split: bool = True,
    merge: bool = False,
) -> tuple[Doc, list[Span | None]]:
    """One Span per ``(start, end)``, splitting (and, if ``merge``, merging) tokens.

    Returns the Doc to carry on with (see :func:`split_at`) and the spans, aligned with
    ``char_spans``. Char spans must not overlap each other when ``merge`` is set. A span that
    still cannot be made exactly (an edge inside whitespace, or inside a token when ``split``
    is off) is expanded to the tokens it touches; ``None`` only for an empty or out-of-range
    span.
    """
    spans = _exact_spans(doc, char_spans, labels)
    if split and any(span is None for span in spans):
        # Only the edges of spans that do not fit can fall inside a token; the edges of a span
        # that fits are token boundaries already, so they are not searched.
        misfits = [
            edge
            for span, pair in zip(spans, char_spans, strict=True)
            if span is None
            for edge in pair
        ]
        cuts = _cuts(doc, misfits)
        if cuts:  # every token index after a cut moves; the spans that fit move with them
            doc = _split(doc, cuts)
            moved = moved_index(cuts)
            spans = [
                Span(doc, moved(span.start), moved(span.end), label=span.label)
                if span is not None
                else doc.char_span(start, end, label=label)
                for span, (start, end), label in zip(spans, char_spans, labels, strict=True)
            ]
    if merge:
        stored = stored_spans(doc)
        with doc.retokenize() as retokenizer:
            for start, end in char_spans:
                span = doc.char_span(start, end)
                if span is not None and len(span) > 1:
                    retokenizer.merge(span)
        restore_spans(doc, stored)
        spans = _exact_spans(doc, char_spans, labels)
    return doc, [
        span if span is not None else doc.char_span(s, e, label=label, alignment_mode="expand")
        for span, (s, e), label in zip(spans, char_spans, labels, strict=True)
    ]


def _exact_spans(
    doc: Doc, char_spans: Sequence[CharSpan], labels: Sequence[str]
) -> list[Span | None]:
    """The Span of each ``(start, end)`` whose edges are token boundaries, else ``None``."""
    return [
        doc.char_span(start, end, label=label)
        for (start, end), label in zip(char_spans, labels, strict=True)
    ]


def add_entities(doc: Doc, spans: Iterable[Span], *, overwrite: bool = False) -> None:
    """Add ``spans`` to ``doc.ents`` without ever raising on overlap.

    With ``overwrite=False`` existing entities win and an overlapping new span is dropped; with
    ``overwrite=True`` the new spans win. Among the new spans, earlier and longer ones win.
    """
    new = sorted(spans, key=lambda s: (s.start, -(s.end - s.start)))
    if not new:
        return
    if overwrite:
        _overwrite_entities(doc, new)
        return
    iob = doc.to_array(ENT_IOB)
    taken = bytearray((iob & _IN_ENTITY).astype(np.uint8).tobytes())
    kept: list[Span] = []
    for span in new:
        start, end = span.start, span.end
        if taken.find(1, start, end) < 0:  # a byte search, not a numpy call per span
            taken[start:end] = b"\x01" * (end - start)
            kept.append(span)
    if kept:
        doc.set_ents(kept, default="unmodified")


def _overwrite_entities(doc: Doc, new: list[Span]) -> None:
    taken = bytearray(len(doc))
    kept: list[Span] = []
    for span in new:
        start, end = span.start, span.end
        if taken.find(1, start, end) < 0:
            taken[start:end] = b"\x01" * (end - start)
            kept.append(span)
    kept += [e for e in doc.ents if taken.find(1, e.start, e.end) < 0]
    doc.ents = sorted(kept, key=lambda s: s.start)
