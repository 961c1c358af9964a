"""spaCy component ``zhpoverty_aid_types``: aid-type labels with the evidence that triggered them.

A thin shell over :func:`zhpoverty.find.aid_types.score_aid_types`, fed with the sentences and
section headings of the article's structure (a heading such as 产业帮扶精准有效 scopes the
paragraphs under it). Writes ``doc.cats`` (a score for every label), ``doc.spans[spans_key]``
(every cue that fired, labelled with its aid type, ``span._.aid_cue`` naming the cue; a cue
inside a word, such as 培训 in 培训班, labels the whole word),
``doc._.aid_types`` (the labels the article asserts, each with its evidence) and
``doc._.aid_sentences`` (each sentence's label and scores).

Users add labels and cues with ``extra_cues``: paths of TSV files in the format of the
packaged ``aid_cues.tsv`` (see the vocabulary docs).
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..find.aid_scores import ASSERT_THRESHOLD, SENTENCE_THRESHOLD
from .batching import BatchedPipe
from .extensions import register_extensions, set_span_value
from .settings import check_fraction, check_key, check_type
from .spans import fit_spans

COMPONENT = "zhpoverty_aid_types"


@Language.factory(
    COMPONENT,
    default_config={
        "spans_key": "aid_types",
        "threshold": ASSERT_THRESHOLD,
        "sentence_threshold": SENTENCE_THRESHOLD,
        "extra_cues": [],
    },
    assigns=[
        "doc.cats",
        "doc.spans",
        "span._.aid_cues",
        "span._.aid_cue",
        "doc._.aid_types",
        "doc._.aid_sentences",
    ],
)
def make_aid_types(
    nlp: Language,
    name: str,
    spans_key: str,
    threshold: float,
    sentence_threshold: float,
    extra_cues: list[str],
) -> AidTypeTagger:
    """Create the aid-type tagger (see :class:`AidTypeTagger`)."""
    return AidTypeTagger(
        name=name,
        spans_key=spans_key,
        threshold=threshold,
        sentence_threshold=sentence_threshold,
        extra_cues=extra_cues,
    )


class AidTypeTagger(BatchedPipe):
    """Score every aid-type label for a document and keep the evidence."""

    def __init__(
        self,
        *,
        name: str = COMPONENT,
        spans_key: str = "aid_types",
        threshold: float = ASSERT_THRESHOLD,
        sentence_threshold: float = SENTENCE_THRESHOLD,
        extra_cues: list[str] | tuple[str, ...] = (),
    ) -> None:
        from ..find.aid_lexicon import resolve_cues

        check_key(COMPONENT, "spans_key", spans_key)
        check_fraction(COMPONENT, "threshold", threshold)
        check_fraction(COMPONENT, "sentence_threshold", sentence_threshold)
        check_type(COMPONENT, "extra_cues", extra_cues, (list, tuple))
        register_extensions()
        self.name = name
        self.spans_key = spans_key
        self.threshold = float(threshold)
        self.sentence_threshold = float(sentence_threshold)
        self.extra_cues = list(extra_cues)
        self.cues = resolve_cues(None, self.extra_cues)

    def __call__(self, doc: Doc) -> Doc:
        from ..find.aid_types import score_aid_types
        from .doc_text import article_of, remember, shadow_of, text_of

        article = article_of(doc)
        scores = score_aid_types(
            text_of(doc),
            shadow=shadow_of(doc),
            sentences=[(s.start, s.end) for s in article.sentences],
            headings=[(h.start, h.end) for h in article.headings],
            cues=self.cues,
            threshold=self.threshold,
            sentence_threshold=self.sentence_threshold,
        )
        remember(doc, "aid_scores", scores)
        doc.cats = dict(scores.cats)
        unique = {
            (ev.start, ev.end, ev.label): ev for sent in scores.sentences for ev in sent.evidence
        }
        unique.update(
            ((ev.start, ev.end, ev.label), ev)
            for asserted in scores.asserted
            for ev in asserted.evidence
            if ev.source == "heading"
        )
        ordered = [unique[key] for key in sorted(unique)]
        # Cues are evidence, not extractions: a cue inside a word (培训 in 培训班) labels the
        # whole word rather than cutting it; span._.aid_cue keeps the cue's own offsets.
        doc, spans = fit_spans(
            doc, [(ev.start, ev.end) for ev in ordered], [ev.label for ev in ordered], split=False
        )
        kept: list[Span] = []
        # (start_char, end_char) → the first span there and the cues on it, by label
        by_range: dict[tuple[int, int], tuple[Span, dict[str, dict[str, Any]]]] = {}
        for ev, span in zip(ordered, spans, strict=True):
            if span is None:
                continue
            _, cues = by_range.setdefault((span.start_char, span.end_char), (span, {}))
            if ev.label not in cues:  # one span per word and label: the first cue in it
                cues[ev.label] = ev.as_dict(detail=True)
                kept.append(span)
        for span, cues in by_range.values():  # the spans of one range share their value
            set_span_value(doc, "aid_cues", span, cues)
        doc.spans[self.spans_key] = kept
        doc._.aid_types = [a.as_dict() for a in scores.asserted]
        doc._.aid_sentences = [
            {"start": s.start, "end": s.end, "label": s.label, "scores": dict(s.scores)}
            for s in scores.sentences
        ]
        return doc
