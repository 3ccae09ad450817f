"""Work spread over forked processes that inherit the parent's memory: nothing is pickled on the
way in, results come back pickled, and the output is the same whatever the number of workers."""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import queue
import signal
import struct
import threading
from typing import TYPE_CHECKING, Callable, Iterator

from sitegen.fsutil import libc

if TYPE_CHECKING:
    import multiprocessing.connection

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
            or not hasattr(os, "fork"):
        return 0
    return workers


def parallel_map(fn: Callable[[int], object], n: int, workers: int,
                 keep: Callable[[list], object] = lambda part: None,
                 meanwhile: Callable[[], object] = lambda: None) -> list:
    """[fn(0), ..., fn(n-1)] in order, made by this process and `workers` - 1 forked helpers
    (see share_chunks), in contiguous chunks. `keep(part)` is called here on each chunk's list of
    results as it comes in (to share equal values among them, say, before the next arrive).
    `meanwhile()` runs here first, while the helpers start: work of this process's alone, which
    neither changes what fn reads nor depends on what it does.

    fn reaches its data through the parent's memory, inherited by fork. The same results, in the
    same order, whatever the worker count."""
    if workers <= 1 or n <= 1:
        meanwhile()
        out = [fn(i) for i in range(n)]
        keep(out)
        return out
    n_chunks = min(n, workers * 16)  # small enough that no process idles long at the end
    edges = [n * k // n_chunks for k in range(n_chunks + 1)]
    parts: list = [None] * n_chunks
    with frozen_gc():
        for k, part in share_chunks(n_chunks, lambda k: [fn(i) for i in range(edges[k], edges[k + 1])], workers - 1,
                                    meanwhile):
            keep(part)
            parts[k] = part
    return [x for part in parts for x in part]


def give_back_free_memory() -> None:
    """Hand the C heap's free pages back to the system (glibc's malloc_trim; elsewhere nothing).
    Until then freed memory stays resident, in this process and in every helper forked later:
    ingest frees 100 MiB of raw article text at 10,000 articles once it has read them."""
    trim = getattr(libc(), "malloc_trim", None)
    if trim is not None:
        trim(0)


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


class Background:
    """`fn(*args)` run in a thread; `result()` waits for it (and raises what it raised)."""

    def __init__(self, fn: Callable, *args: object):
        self._value: object = None
        self._error: BaseException | None = None

        def run() -> None:
            try:
                self._value = fn(*args)
            except BaseException as exc:  # handed to the caller of result()
                self._error = exc

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()

    def result(self):
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value

    def close(self) -> None:
        pass  # a daemon thread: nothing to reap


class InChild:
    """`fn(*args)` run in a forked child on another core, its result pickled back through a
    pipe; `result()` waits for it. Should the child fail, the call is made here instead, so it
    raises here as it would have. `close()` reaps a child whose result was never asked for."""

    def __init__(self, fn: Callable, *args: object):
        self._call = (fn, args)
        self._value: object = None
        self._done = False
        self._read: int | None = None
        try:
            read, write = os.pipe()
        except OSError:
            return  # no child: result() makes the call
        try:
            self._pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return
        if self._pid == 0:  # the child: never returns
            status = 1
            try:
                os.close(read)
                data = pickle.dumps(fn(*args), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(data)
                status = 0
            finally:
                os._exit(status)
        os.close(write)
        self._read = read

    def result(self):
        if self._read is not None:
            with os.fdopen(self._read, "rb") as pipe:
                data = pipe.read()
            self._read = None
            _, status = os.waitpid(self._pid, 0)
            try:
                self._value = pickle.loads(data) if status == 0 else None
                self._done = status == 0
            except Exception:
                pass
        if not self._done:
            fn, args = self._call
            self._value, self._done = fn(*args), True
        return self._value

    def close(self) -> None:
        if self._read is not None:
            os.close(self._read)  # a child still writing gets a broken pipe and exits
            self._read = None
            os.waitpid(self._pid, 0)


def beside(fn: Callable, *args: object) -> InChild | Background:
    """`fn(*args)` run beside this process's work: in a forked child where forking is safe (see
    fork_workers), since a thread doing system calls waits for the interpreter lock after each
    one while this process computes; else in a thread. `result()` waits for it."""
    return InChild(fn, *args) if fork_workers(2, 2) else Background(fn, *args)


_CLAIM = struct.Struct("=I")  # a chunk number, as written to and read from the claims pipe


def share_chunks(n_chunks: int, run: Callable[[int], object], helpers: int,
                 meanwhile: Callable[[], object] = lambda: None) -> Iterator[tuple[int, object]]:
    """(k, run(k)) for every chunk k in 0..n_chunks-1, in the order they finish, made by this
    process and by `helpers` forked processes. `meanwhile()` runs here first, while the helpers
    start on the chunks.

    Each process claims the next chunk when it is free, so none idles while another has a queue.
    This process takes a share rather than waiting on workers: an object a process reads gets its
    reference count written, which copies the memory page it sits on into that process. Each
    process at work reads much of what this one holds, and this one keeps the originals, so every
    extra process costs a copy.

    The claims are chunk numbers written into a pipe before any fork, its write end closed: a
    read of one number is atomic, and an empty pipe reads as its end. Helpers send their results
    back pickled; an exception raised in a helper is raised here."""
    from multiprocessing import Pipe  # here: most builds and commands never share out work

    claims_read, claims_write = os.pipe()
    try:
        numbers = b"".join(_CLAIM.pack(k) for k in range(n_chunks))
        # A pipe holds 64 KiB on Linux: written in full before anyone reads, or it would block.
        if len(numbers) > 65536 or os.write(claims_write, numbers) != len(numbers):
            raise ValueError(f"too many chunks to share: {n_chunks}")
    finally:
        os.close(claims_write)

    def claim() -> int | None:
        data = os.read(claims_read, _CLAIM.size)
        return _CLAIM.unpack(data)[0] if data else None

    children: list[int] = []
    relays: list[threading.Thread] = []
    results: queue.SimpleQueue = queue.SimpleQueue()
    finished = False
    try:
        connections = []
        for _ in range(helpers):
            receive, send = Pipe(duplex=False)
            _widen(send)
            try:
                pid = os.fork()
            except OSError:  # no more processes to be had: this one and those started do it all
                receive.close()
                send.close()
                break
            if pid == 0:  # a helper: never returns
                for conn in (receive, *connections):
                    conn.close()
                _help(claim, run, send)
            send.close()
            children.append(pid)
            connections.append(receive)
        # Threads (started after the forks) take the helpers' results as they come, so that no
        # helper waits on a full pipe while this process is busy.
        for pid, conn in zip(children, connections):
            relays.append(threading.Thread(target=_relay, args=(pid, conn, results), daemon=True))
            relays[-1].start()
        running = len(children)

        def received(wait: bool) -> Iterator[tuple[int, object]]:
            """The helpers' results so far (`wait`: all of them, to the end of every helper)."""
            nonlocal running
            while running and (wait or not results.empty()):
                message = results.get()
                if message is None:
                    running -= 1
                elif message[0] == "raised":
                    raise message[1]
                else:
                    yield message[1], message[2]

        meanwhile()
        while (k := claim()) is not None:
            yield k, run(k)
            yield from received(wait=False)
        yield from received(wait=True)
        finished = True
    finally:
        os.close(claims_read)
        for pid in children:
            if not finished:  # stopped early: a helper may still be at work
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            os.waitpid(pid, 0)
        for relay in relays:  # each ends at its helper's end: none is left to be forked with later
            if relay.ident is not None:  # not one whose start an interrupt (Ctrl-C) cut short
                relay.join()


def _widen(conn: multiprocessing.connection.Connection) -> None:
    """A pipe of 1 MiB rather than 64 KiB, where the system allows it. A result of megabytes
    (ingest's articles) is then read in a few pieces, and before each the reading thread waits for
    this process's lock on the interpreter, up to 5 ms: in 64 KiB pieces the helper stalled."""
    try:
        import fcntl

        fcntl.fcntl(conn.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (ImportError, OSError):
        pass


def _relay(pid: int, conn: multiprocessing.connection.Connection, results: queue.SimpleQueue) -> None:
    """A helper's messages into `results`, then None for its end."""
    try:
        while (message := conn.recv()) is not None:
            results.put(message)
    except EOFError:
        from sitegen.errors import SitegenError

        results.put(("raised", SitegenError(f"a worker process (pid {pid}) stopped before its work was done:"
                                            " was it killed, or out of memory?")))
    except BaseException as exc:
        results.put(("raised", exc))
    finally:
        conn.close()
    results.put(None)


def _help(claim: Callable[[], int | None], run: Callable[[int], object],
          send: multiprocessing.connection.Connection) -> None:
    status = 1
    try:
        while (k := claim()) is not None:
            send.send(("done", k, run(k)))
        send.send(None)
        status = 0
    except BaseException as exc:  # raised in the parent
        try:
            send.send(("raised", exc))
        except Exception:  # not picklable: its message is
            send.send(("raised", RuntimeError(f"{type(exc).__name__}: {exc}")))
    finally:
        os._exit(status)
