"""Scale-out on Dask distributed: the same records as a local run, computed on a cluster.

Each worker process loads the pipeline once (cached per process) and turns batches of articles
into article records; batches are submitted with a bounded number in flight and their results
yielded in input order, so the output equals the single-process run line for line.

Point ``scheduler`` at a running cluster (``tcp://host:8786``) whose workers have zhpoverty
installed and the segmentation model fetched (``zhpoverty download`` on each machine, or a
shared ``$ZHPOVERTY_DATA`` folder); ``"local"`` starts a :class:`distributed.LocalCluster` with
``n_workers`` single-threaded worker processes on this machine.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from .batches import DEFAULT_BATCH_SIZE, batched
from .errors import Errors, ZhpovertyError


@lru_cache(maxsize=4)
def _worker_pipeline(segmenter: str, model_dir: str | None) -> Any:
    from .pipeline import keep_for_process, load

    return keep_for_process(load(segmenter, model_dir=model_dir))


def process_batch(
    batch: list[dict[str, Any]], segmenter: str, model_dir: str | None
) -> list[dict[str, Any]]:
    """Article records for one batch, on a worker (failures reported in place, never raised)."""
    from .api import run_batch

    return run_batch(_worker_pipeline(segmenter, model_dir), batch, "report")


def run_on_dask(
    articles: Iterable[dict[str, Any]],
    *,
    scheduler: str,
    n_workers: int = 2,
    batch_size: int = DEFAULT_BATCH_SIZE,
    segmenter: str = "pkuseg",
    model_dir: str | None = None,
    max_in_flight: int | None = None,
) -> Iterator[dict[str, Any]]:
    """Yield article records for ``articles`` computed on Dask, in input order."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise ZhpovertyError(Errors.E512) from err

    cluster = None
    if scheduler == "local":
        cluster = LocalCluster(
            n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    else:
        client = Client(scheduler)
    limit = max_in_flight or 4 * max(1, n_workers)
    pending: deque[Any] = deque()
    try:
        for batch in batched(articles, batch_size):
            pending.append(client.submit(process_batch, batch, segmenter, model_dir, pure=False))
            while len(pending) >= limit:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
