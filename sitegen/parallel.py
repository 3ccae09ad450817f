"""Work spread over forked processes that inherit the parent's memory: nothing is pickled on the
way in, results come back pickled, and the output is the same whatever the number of workers."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import threading
from typing import Callable, Iterator

MAX_WORKERS = 8


def cpus() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def fork_workers(count: int, minimum: int) -> int:
    """Forked workers for `count` items, or 0 when this process should do them itself: fewer
    than `minimum` items, one core, no fork on this system, or other threads running (forking
    those could copy a lock another thread holds; `sitegen serve` builds from a thread)."""
    workers = min(cpus(), MAX_WORKERS)
    if workers < 2 or count < minimum or threading.active_count() > 1 \
            or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    return workers


_TASK: list = []  # the function the pool's workers apply (inherited through fork, never pickled)


def _run_chunk(bounds: tuple[int, int]) -> list:
    fn = _TASK[-1]
    return [fn(i) for i in range(*bounds)]


def parallel_map(fn: Callable[[int], object], n: int, workers: int) -> list:
    """[fn(0), ..., fn(n-1)] in order, over `workers` forked processes (contiguous chunks).

    fn reaches its data through the parent's memory, inherited by fork. The same results, in the
    same order, whatever the worker count."""
    if workers <= 1 or n <= 1:
        return [fn(i) for i in range(n)]
    n_chunks = min(n, workers * 16)  # small enough that no process idles long at the end
    edges = [n * k // n_chunks for k in range(n_chunks + 1)]
    chunks = [(edges[k], edges[k + 1]) for k in range(n_chunks) if edges[k] < edges[k + 1]]
    _TASK.append(fn)
    try:
        with frozen_gc():
            ctx = multiprocessing.get_context("fork")
            with ctx.Pool(workers) as pool:
                parts = pool.map(_run_chunk, chunks, chunksize=1)
    finally:
        _TASK.pop()
    return [x for part in parts for x in part]


@contextlib.contextmanager
def frozen_gc() -> Iterator[None]:
    """The objects made so far left alone by the cyclic garbage collector for a while (gc.freeze).
    A stage that keeps millions of objects alive would otherwise have each full collection go
    through them all, and in a forked process also copy every page of memory shared with the
    parent, just to mark them. Collections then look at new objects only; garbage among the
    frozen ones waits until they are unfrozen."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
