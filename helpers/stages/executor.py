"""Where the stages' per-article work runs: in this process, in local worker processes, or as
tasks on a Dask cluster; the results always come back in the order of the batches.

A stage splits its articles (in doc_id order) into batches (`split`), makes one compact,
picklable input per batch (texts, that batch's table rows; never a spaCy Doc) and calls
`map_batches(fn, inputs, cfg, n_articles)` with a module-level `fn`. The results are yielded in
the order of the inputs, so a stage that concatenates them gets the same tables as a
one-process run, byte for byte.

- `cfg.dask_scheduler` set (`tcp://host:port`): every batch is a task of the Dask scheduler's
  workers (`distributed.Client`, one per address and process). Only then are `dask` and
  `distributed` imported.
- Otherwise `processes_for(n_articles, cfg.processes)` worker processes
  (`concurrent.futures.ProcessPoolExecutor`, "spawn" context: safe in a Jupyter kernel, whose
  threads a fork would copy); with one, the batches run in this process and no process starts.
"""

from __future__ import annotations

import math
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from ..settings import Settings, processes_for

T = TypeVar("T")
R = TypeVar("R")

BATCHES_PER_WORKER = 4
"""Batches per worker: enough that a slow batch does not leave the other workers idle."""
MAX_BATCH = 64
"""The most articles in one batch (what one worker holds at once)."""

_CLIENTS: dict[str, Any] = {}
"""Dask clients of this process, by scheduler address (connecting takes a moment)."""


def workers(cfg: Settings, n_articles: int) -> int:
    """The local worker processes the per-article work of `n_articles` articles is spread
    over (`settings.processes_for`); a Dask cluster's workers are the scheduler's to count."""
    return processes_for(n_articles, cfg.processes)


def batch_size(n_items: int, n_workers: int) -> int:
    """Items per batch: all of them for one worker, else about `BATCHES_PER_WORKER` batches
    per worker, at most `MAX_BATCH` items each."""
    if n_workers <= 1:
        return max(1, n_items)
    return max(1, min(MAX_BATCH, math.ceil(n_items / (n_workers * BATCHES_PER_WORKER))))


def split(items: Sequence[T], cfg: Settings) -> list[list[T]]:
    """`items` (doc_ids, in order) cut into consecutive batches for `cfg` (`batch_size`); on a
    Dask cluster, batches as for `cfg.processes` workers, at least two."""
    n_workers = max(2, cfg.processes) if cfg.dask_scheduler else workers(cfg, len(items))
    size = batch_size(len(items), n_workers)
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


def map_batches(fn: Callable[[T], R], inputs: Iterable[T], cfg: Settings, n_articles: int) -> Iterator[R]:
    """`fn(input)` for every input, yielded in the order of `inputs`: on `cfg`'s Dask scheduler
    when it names one, else in `workers(cfg, n_articles)` local processes (this process for
    one). `fn` must be a module-level function and the inputs picklable."""
    if cfg.dask_scheduler:
        yield from _dask_map(fn, inputs, cfg.dask_scheduler)
        return
    n_workers = workers(cfg, n_articles)
    if n_workers <= 1:
        yield from map(fn, inputs)
        return
    yield from _local_map(fn, inputs, n_workers)


def _local_map(fn: Callable[[T], R], inputs: Iterable[T], n_workers: int) -> Iterator[R]:
    """`fn` over `inputs` in `n_workers` spawned processes, at most two batches per worker in
    flight (memory stays bounded), results in order."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=n_workers, mp_context=context) as pool:
        pending: list[Future[R]] = []
        for item in inputs:
            pending.append(pool.submit(fn, item))
            if len(pending) >= 2 * n_workers:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()


def dask_client(address: str) -> Any:
    """The `distributed.Client` of the scheduler at `address`, connected once per process."""
    if address not in _CLIENTS:
        import distributed

        _CLIENTS[address] = distributed.Client(address, set_as_default=False)
    return _CLIENTS[address]


def _dask_map(fn: Callable[[T], R], inputs: Iterable[T], address: str) -> Iterator[R]:
    """`fn` over `inputs` as tasks of the Dask scheduler at `address`, results in order, with at
    most two tasks per worker in flight: the inputs (texts, annotations) are made and sent one
    batch at a time, so neither this process nor the scheduler ever holds the whole corpus."""
    client = dask_client(address)
    window = 2 * max(1, len(client.scheduler_info().get("workers", {})))
    pending: deque[Any] = deque()
    try:
        for item in inputs:
            pending.append(client.submit(fn, item, pure=False))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.release()
