"""Write the site atomically: build into a temporary folder beside the output, then swap it in."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath
from typing import Callable

from sitegen.errors import SitegenError

# Marks a folder as one sitegen built, so a mistyped --out never replaces someone's files.
MARKER = ".sitegen-site"
MARKER_TEXT = b"This folder is built by sitegen and replaced on every build.\n"


def safe_relpath(rel: str) -> PurePosixPath:
    """Refuse absolute paths and `..` so nothing is ever written outside the output folder."""
    path = PurePosixPath(rel)
    if path.is_absolute() or ".." in path.parts or not path.parts or "\\" in rel:
        raise SitegenError(f"refusing to write outside the output folder: {rel!r}")
    return path


def check_output_folder(out: Path, root: Path, protected: list[Path]) -> None:
    """The output folder is replaced whole: it must not be or hold the briefing folder, nor be,
    hold or sit inside any of the briefing's own files (content/, seeds/, templates/)."""
    target = out.resolve()
    base = root.resolve()
    if target == base or base.is_relative_to(target):
        raise SitegenError(f"refusing to build into {out}: it would replace the briefing folder; choose another --out")
    for folder in protected:
        keep = folder.resolve()
        if target == keep or keep.is_relative_to(target) or target.is_relative_to(keep):
            raise SitegenError(f"refusing to build into {out}: it would replace or mix with "
                               f"{folder.relative_to(root) if folder.is_relative_to(root) else folder}; choose another --out")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise SitegenError(f"refusing to replace {out}: it holds files sitegen did not build; "
                           "remove it or choose another --out")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temporaries(out: Path) -> None:
    """Remove temporary folders that a killed build left beside the output."""
    for prefix in (f".{out.name}-new-", f".{out.name}-old-"):
        for stale in out.parent.glob(prefix + "*"):
            pid = stale.name[len(prefix):].split("-", 1)[0]
            if stale.is_dir() and pid.isdigit() and not _pid_alive(int(pid)):
                shutil.rmtree(stale, ignore_errors=True)


def write_site(out: Path, files: dict[str, bytes],
               before_swap: Callable[[Path], None] | None = None) -> None:
    """Replace `out` with exactly `files` (plus what `before_swap` adds to the new folder).

    A failure or interruption at any point leaves the previous site intact."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(out)
    tmp: Path | None = None
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-{os.getpid()}-", dir=out.parent))
        made: set[Path] = set()
        for rel in sorted(files):
            target = tmp.joinpath(*safe_relpath(rel).parts)
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            target.write_bytes(files[rel])
        (tmp / MARKER).write_bytes(MARKER_TEXT)
        if before_swap is not None:
            before_swap(tmp)
        os.chmod(tmp, 0o755)
        swap_in(tmp, out)
        tmp = None
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


_RENAME_EXCHANGE = 2
_libc = None


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False where the system cannot."""
    global _libc
    try:
        if _libc is None:
            _libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = _libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def swap_in(new: Path, out: Path) -> None:
    """Move `new` into place as `out`. Readers see the old site or the new one, never neither."""
    if out.exists() and _exchange(new, out):
        shutil.rmtree(new, ignore_errors=True)  # `new` now holds the old site
        return
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-{os.getpid()}-", dir=out.parent))
        os.rmdir(old)
        os.replace(out, old)
    try:
        os.replace(new, out)
    except BaseException:
        if old is not None:
            os.replace(old, out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
