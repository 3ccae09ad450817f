"""File writes that never leave a half-written file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, Iterable


def _create(path: Path) -> int:
    """Open a new file for writing (never an existing one, never through a symlink), making its
    folder only when missing."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        return os.open(path, flags, 0o600)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, flags, 0o600)


def atomic_write(path: Path, data: bytes | str | Iterable[bytes], mode: int | None = None) -> None:
    """Write via a temporary file in the same folder, then rename over the target. `data`: the
    bytes or text, or the bytes in pieces. `mode`: the file's permissions (an edited file keeps its
    own); else the temporary file's 0o600.

    The temporary name is fixed per process and the folder is made only when missing: ingest
    writes tens of thousands of entries, and tempfile's random names and a mkdir per file
    showed in its profile. A name left by a killed run falls back to a random one."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = _create(tmp)
    except FileExistsError:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(data, (bytes, bytearray, memoryview)):
                fh.write(data)
            else:
                for piece in data:
                    fh.write(piece)
            if mode is not None:
                os.fchmod(fh.fileno(), mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def is_inside(path: Path, folder: Path) -> bool:
    """True when `path` (resolved, symlinks followed) lies inside `folder`.

    A symlink loop or an unreadable path counts as outside: the caller refuses it.
    """
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except (ValueError, OSError, RuntimeError):
        return False


def write_new(path: Path, data: bytes | str) -> None:
    """Create `path`, which must not exist yet, and write `data` to it (its folder is made when
    missing; the mode is atomic_write's). For files in a folder nothing reads until it is complete,
    such as one renamed into place afterwards: no temporary name, no rename. A failed write removes
    what it began; FileExistsError if the file is there already."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd = _create(path)
    closed = False
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        closed = True  # whatever close() says, the descriptor is gone
        os.close(fd)
    except BaseException:
        if not closed:
            os.close(fd)
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        raise


_libc: Any = None


def libc() -> Any:
    """The C library's functions (renameat2, malloc_trim), loaded on first use; None where they
    cannot be. ctypes is imported only then: most commands never need it."""
    global _libc
    if _libc is None:
        try:
            import ctypes

            _libc = ctypes.CDLL(None, use_errno=True)  # this process's own symbols: the C library's
        except (ImportError, OSError):
            _libc = False
    return _libc or None
