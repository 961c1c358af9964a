"""How a stream of articles is cut into batches (``extract_many``, the command line, Dask).

Kept free of spaCy so that the command line can read its defaults without loading it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

ItemLike = str | Mapping[str, Any]

# Articles per batch. Each component runs over a whole batch in turn (components/batching.py),
# and larger batches keep its code and tables in the CPU caches longer: measured against bare
# pkuseg on the corpus, interleaved, the components cost +18.5 % at 16, +16 % at 64, +14.4 % at
# 128 and no less at 256 (benchmarks/batch_size.py).
DEFAULT_BATCH_SIZE = 128
BATCH_MAX_CHARS = 1_000_000  # characters of text a batch holds at most (past its first item)


def batched(
    items: Iterable[ItemLike], size: int, max_chars: int = BATCH_MAX_CHARS
) -> Iterator[list[ItemLike]]:
    """Consecutive lists of at most ``size`` items, in order.

    A batch also closes before the item that would take its text past ``max_chars`` characters,
    so that a folder of very long files (a batch's Docs are all held at once) does not hold
    ``size`` of them in memory together; an item longer than that is a batch of its own.
    """
    batch: list[ItemLike] = []
    chars = 0
    for item in items:
        n = _length(item)
        if batch and (len(batch) >= size or chars + n > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += n
    if batch:
        yield batch


def _length(item: ItemLike) -> int:
    """The length of an item's text (0 for a malformed item: run_batch reports it)."""
    text = (
        item if isinstance(item, str) else item.get("text") if isinstance(item, Mapping) else None
    )
    return len(text) if isinstance(text, str) else 0
