"""Batch-wise ``pipe()`` for the components, so ``nlp.pipe`` runs each one over a whole batch.

spaCy's default for a component without ``pipe()`` is a generator that passes one Doc at a time
through every stage: pkuseg cuts an article, then five components run on it, then pkuseg again —
and each stage finds its code and tables gone from the CPU caches the previous one used. With
:meth:`BatchedPipe.pipe` a component takes ``batch_size`` Docs, processes all of them, then hands
them on, so ``nlp.pipe`` tokenizes a batch, then runs each component over the batch in turn.
A failure in one Doc goes to the component's error handler (``nlp.set_error_handler``; by
default it raises) and the rest of the batch carries on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.tokens import Doc
from spacy.util import minibatch, raise_error

ErrorHandler = Callable[[str, Any, list[Doc], Exception], None]


class BatchedPipe:
    """Mixin: ``pipe()`` over batches and spaCy's error-handler protocol, for ``__call__(doc)``."""

    name: str
    _error_handler: ErrorHandler | None = None

    def __call__(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Process ``stream`` a batch at a time, yielding the Docs in order."""
        handler = self.get_error_handler()
        for batch in minibatch(stream, size=max(1, batch_size)):
            done: list[Doc] = []
            for doc in batch:
                try:
                    done.append(self(doc))
                except Exception as err:
                    handler(self.name, self, [doc], err)
            yield from done

    def get_error_handler(self) -> ErrorHandler:
        """The handler ``pipe()`` calls on a failure (spaCy's ``raise_error`` unless set)."""
        return self._error_handler or raise_error

    def set_error_handler(self, error_handler: ErrorHandler) -> None:
        """Called by ``nlp.set_error_handler``."""
        self._error_handler = error_handler
