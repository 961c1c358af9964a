"""Make token-exact spans from character offsets, whatever the segmenter did.

Finders work on text; tokens are then fitted to their results: a token that straddles a span
edge is split there (``万/升级`` → ``万/升/级`` so that ``万升`` is a span), and optionally the
tokens inside a span are merged into one. Entities are added through a filter that never
raises on overlap.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import pairwise

from spacy.tokens import Doc, Span

CharSpan = tuple[int, int]


def split_at(doc: Doc, offsets: Iterable[int]) -> None:
    """Split every token that has one of ``offsets`` strictly inside its text."""
    starts = [t.idx for t in doc]
    cuts: dict[int, set[int]] = {}
    for off in offsets:
        i = bisect_right(starts, off) - 1
        if i < 0:
            continue
        tok = doc[i]
        if tok.idx < off < tok.idx + len(tok.text):
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
    existing = list(doc.ents)
    first, second = (new, existing) if overwrite else (existing, new)
    taken = bytearray(len(doc))
    kept: list[Span] = []
    for span in [*first, *second]:
        if any(taken[span.start : span.end]):
            continue
        taken[span.start : span.end] = b"\x01" * (span.end - span.start)
        kept.append(span)
    doc.ents = sorted(kept, key=lambda s: s.start)
