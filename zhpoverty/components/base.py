"""What the mention components share: settings, validation, and writing spans and entities.

A subclass names its component and the extension attribute its spans carry, and implements
:meth:`MentionComponent.find`; :meth:`MentionComponent.__call__` fits tokens to the mentions,
writes ``doc.spans[spans_key]``, the span attribute and (optionally) ``doc.ents``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from spacy.tokens import Doc

from .batching import BatchedPipe
from .extensions import register_extensions, set_span_value
from .settings import check_key, check_type
from .spans import add_entities, fit_spans


class MentionComponent(BatchedPipe):
    """Base of components that turn a finder's mentions into spans, entities and attributes."""

    component: ClassVar[str]
    attribute: ClassVar[str]  # the span extension holding each mention's plain dict

    def __init__(
        self,
        *,
        name: str | None = None,
        spans_key: str,
        set_ents: bool = True,
        overwrite_ents: bool = False,
        merge_tokens: bool = False,
    ) -> None:
        check_key(self.component, "spans_key", spans_key)
        check_type(self.component, "set_ents", set_ents, bool)
        check_type(self.component, "overwrite_ents", overwrite_ents, bool)
        check_type(self.component, "merge_tokens", merge_tokens, bool)
        register_extensions()
        self.name = name or self.component
        self.spans_key = spans_key
        self.set_ents = set_ents
        self.overwrite_ents = overwrite_ents
        self.merge_tokens = merge_tokens  # merge the tokens inside each span into one

    def find(self, doc: Doc) -> Sequence[Any]:
        """The mentions in ``doc``: objects with ``start``, ``end``, ``label`` and ``as_dict()``."""
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        from .doc_text import remember

        found = self.find(doc)
        doc, spans = fit_spans(
            doc,
            [(m.start, m.end) for m in found],
            [m.label for m in found],
            merge=self.merge_tokens,
        )
        kept, data = [], []
        for mention, span in zip(found, spans, strict=True):
            if span is None:
                continue
            plain = mention.as_dict()
            set_span_value(doc, self.attribute, span, plain)
            kept.append(span)
            data.append(plain)
        doc.spans[self.spans_key] = kept
        remember(doc, f"mentions:{self.spans_key}", data)
        if self.set_ents:
            add_entities(doc, kept, overwrite=self.overwrite_ents)
        return doc
