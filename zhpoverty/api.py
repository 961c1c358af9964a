"""``extract`` and ``extract_many``: article records from text, one or many at a time.

The pipeline is loaded once (``zhpoverty.load()`` with the default settings, or the ``nlp`` you
pass) and reused. ``extract_many`` streams records in input order; with ``n_process > 1`` it
runs worker processes that each hold the pipeline (inherited through ``fork`` on Linux; loaded
once per worker from the pipeline's bytes on platforms that ``spawn``).
"""

from __future__ import annotations

import hashlib
import multiprocessing
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, Literal

from spacy.language import Language
from spacy.tokens import Doc

from .batches import DEFAULT_BATCH_SIZE, ItemLike, batched
from .errors import Errors

OnError = Literal["raise", "skip", "report"]


@lru_cache(maxsize=1)
def default_pipeline() -> Language:
    """The pipeline ``extract`` uses when none is given (loaded on first use, then reused)."""
    from .pipeline import keep_for_process, load

    return keep_for_process(load())


def article_id(text: str) -> str:
    """A stable id for an article that has none: the first 16 hex digits of its SHA-1."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def process(
    nlp: Language, text: str, *, id: str | None = None, published: str | None = None
) -> Doc:
    """Run the pipeline on one text, with the caller's id and date set before the components."""
    return nlp(tokenized(nlp, text, id=id, published=published))


def tokenized(
    nlp: Language, text: str, *, id: str | None = None, published: str | None = None
) -> Doc:
    """The tokenized Doc of ``text`` with the caller's id and date set, ready for the components."""
    from .components.doc_text import remember

    doc = nlp.make_doc(text)
    remember(doc, "text", text)  # spares the components rebuilding doc.text from the tokens
    doc._.id = id if id is not None else article_id(text)
    doc._.published = published
    return doc


def extract(
    text: str,
    *,
    id: str | None = None,
    published: str | None = None,
    nlp: Language | None = None,
) -> dict[str, Any]:
    """The article record of ``text`` (SPEC §5): quantities, dates, places, aid types, records.

    Args:
        text: the article, simplified or traditional characters.
        id: the article's id in the output (default: a hash of the text).
        published: the article's date (ISO 8601); relative dates such as 今年 resolve against it.
            Default: the date in the article's header, if any.
        nlp: a pipeline from :func:`zhpoverty.load` (default: ``load()``, loaded once).
    """
    nlp = nlp if nlp is not None else default_pipeline()
    return process(nlp, text, id=id, published=published)._.record


def _as_item(item: ItemLike) -> tuple[str, str | None, str | None]:
    if isinstance(item, str):
        return item, None, None
    text = item.get("text")
    if not isinstance(text, str):
        raise TypeError(f"an item must be a str or a mapping with a 'text' str, got {item!r:.80}")
    return text, item.get("id"), item.get("published")


def run_batch(nlp: Language, batch: list[ItemLike], on_error: OnError) -> list[dict[str, Any]]:
    """Records for a batch of items; failures become ``{"id", "error"}`` unless raising.

    The batch goes through ``nlp.pipe`` whole, so each component runs over all of it in turn
    (see :mod:`zhpoverty.components.batching`). If any item fails, the batch is run again item
    by item, so that only the failing items are reported.
    """
    items = [_as_item(item) for item in batch]
    try:
        docs = [tokenized(nlp, text, id=i, published=p) for text, i, p in items]
        records = [doc._.record for doc in nlp.pipe(docs, batch_size=len(docs))]
        if len(records) == len(items):  # a lenient error handler set on nlp may drop docs
            return records
    except Exception:
        if on_error == "raise":
            raise
    return [_record_or_error(nlp, text, i, p, on_error) for text, i, p in items]


def _record_or_error(
    nlp: Language, text: str, item_id: str | None, published: str | None, on_error: OnError
) -> dict[str, Any]:
    try:
        return process(nlp, text, id=item_id, published=published)._.record
    except Exception as err:
        if on_error == "raise":
            raise
        name = item_id if item_id is not None else article_id(text)
        return {"id": name, "error": Errors.E511.format(id=name, error=err)}


# Worker state: the pipeline each worker process uses (set by fork inheritance or _init_worker).
_WORKER_NLP: Language | None = None


def _init_worker(config: dict[str, Any] | None, nlp_bytes: bytes | None) -> None:
    global _WORKER_NLP
    if nlp_bytes is not None and config is not None:
        from spacy.util import load_model_from_config

        from .pipeline import keep_for_process

        nlp = load_model_from_config(config, auto_fill=False, validate=False)
        _WORKER_NLP = keep_for_process(nlp.from_bytes(nlp_bytes))


def _worker_batch(args: tuple[list[ItemLike], OnError]) -> list[dict[str, Any]]:
    assert _WORKER_NLP is not None
    return run_batch(_WORKER_NLP, *args)


def extract_many(
    items: Iterable[ItemLike],
    *,
    nlp: Language | None = None,
    n_process: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_error: OnError = "raise",
) -> Iterator[dict[str, Any]]:
    """Stream article records for ``items``, in input order.

    Args:
        items: texts, or mappings with ``text`` and optional ``id`` and ``published``.
        nlp: the pipeline (default: ``load()``, loaded once).
        n_process: worker processes; 1 runs in this process.
        batch_size: articles per batch. Each component runs over a whole batch in turn, and a
            worker process takes a batch at a time; a batch also closes before 1 M characters
            of text (:data:`zhpoverty.batches.BATCH_MAX_CHARS`). With several processes and
            fewer articles than ``n_process × batch_size``, a smaller batch spreads them.
        on_error: ``"raise"`` the first failure, ``"skip"`` failed articles, or ``"report"``
            them as ``{"id": …, "error": …}`` in their place.
    """
    global _WORKER_NLP
    nlp = nlp if nlp is not None else default_pipeline()
    batches = batched(items, max(1, batch_size))
    if n_process <= 1:
        results: Iterable[list[dict[str, Any]]] = (run_batch(nlp, b, on_error) for b in batches)
    else:
        methods = multiprocessing.get_all_start_methods()
        if "fork" in methods:
            ctx = multiprocessing.get_context("fork")
            _WORKER_NLP = nlp
            init_args: tuple[Any, ...] = (None, None)
        else:  # spawn: each worker rebuilds the pipeline once from its bytes
            ctx = multiprocessing.get_context("spawn")
            init_args = (nlp.config.interpolate(), nlp.to_bytes())
        pool = ctx.Pool(n_process, initializer=_init_worker, initargs=init_args)
        results = _pooled(pool, batches, on_error)
    for batch in results:
        for record in batch:
            if on_error == "skip" and "error" in record and "records" not in record:
                continue
            yield record


def _pooled(pool: Any, batches: Iterable[list[ItemLike]], on_error: OnError) -> Iterator[list]:
    try:
        yield from pool.imap(_worker_batch, ((b, on_error) for b in batches))
        pool.close()
    finally:
        pool.terminate()
        pool.join()
