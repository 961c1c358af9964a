"""Make token-exact spans from character offsets, whatever the segmenter did.

Finders work on text; tokens are then fitted to their results: a token that straddles a span
edge is split there (``万/升级`` → ``万/升/级`` so that ``万升`` is a span), and optionally the
tokens inside a span are merged into one. Entities are added through a filter that never
raises on overlap.

Token offsets and entity tags are read as arrays (``doc.to_array``) rather than by iterating
Token objects: creating a Token per position is what makes a naive version slow.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

import numpy as np
from spacy.attrs import ENT_IOB, IDX
from spacy.tokens import Doc, Span

CharSpan = tuple[int, int]
_OUTSIDE_OR_MISSING = (0, 2)  # ENT_IOB: 0 missing, 2 O, 1 I, 3 B


def split_at(doc: Doc, offsets: Iterable[int]) -> None:
    """Split every token that has one of ``offsets`` strictly inside its text."""
    wanted = np.fromiter(offsets, dtype=np.int64)
    if not len(doc) or not len(wanted):
        return
    starts = doc.to_array(IDX).astype(np.int64)
    index = np.searchsorted(starts, wanted, side="right") - 1
    cuts: dict[int, set[int]] = {}
    for i, off in zip(index.tolist(), wanted.tolist(), strict=True):
        if i < 0 or off == starts[i]:
            continue
        tok = doc[i]
        if off < tok.idx + len(tok.text):
            cuts.setdefault(i, set()).add(off - tok.idx)
    if not cuts:
        return
    with doc.retokenize() as retokenizer:
        for i, rel in cuts.items():
            tok = doc[i]
            edges = [0, *sorted(rel), len(tok.text)]
            orths = [tok.text[a:b] for a, b in pairwise(edges)]
            retokenizer.split(tok, orths, heads=[(tok, 0)] * len(orths))


def fit_spans(
    doc: Doc, char_spans: Sequence[CharSpan], labels: Sequence[str], *, merge: bool = False
) -> list[Span | None]:
    """Return one Span per ``(start, end)``, splitting (and, if ``merge``, merging) tokens.

    The result is aligned with ``char_spans``. Char spans must not overlap each other when
    ``merge`` is set. A span that still cannot be made exactly (an edge inside whitespace) is
    expanded to the tokens it touches; ``None`` only for an empty or out-of-range span.
    """
    split_at(doc, (off for span in char_spans for off in span))
    if merge:
        with doc.retokenize() as retokenizer:
            for start, end in char_spans:
                span = doc.char_span(start, end)
                if span is not None and len(span) > 1:
                    retokenizer.merge(span)
    spans: list[Span | None] = []
    for (start, end), label in zip(char_spans, labels, strict=True):
        span = doc.char_span(start, end, label=label)
        if span is None:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
        spans.append(span)
    return spans


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
    free = np.isin(doc.to_array(ENT_IOB), _OUTSIDE_OR_MISSING)
    kept: list[Span] = []
    for span in new:
        if free[span.start : span.end].all():
            free[span.start : span.end] = False
            kept.append(span)
    if kept:
        doc.set_ents(kept, default="unmodified")


def _overwrite_entities(doc: Doc, new: list[Span]) -> None:
    taken = np.zeros(len(doc), dtype=bool)
    kept: list[Span] = []
    for span in new:
        if not taken[span.start : span.end].any():
            taken[span.start : span.end] = True
            kept.append(span)
    kept += [e for e in doc.ents if not taken[e.start : e.end].any()]
    doc.ents = sorted(kept, key=lambda s: s.start)
