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
SITE_ID_PREFIX = b"site: "


def marker_bytes(site_id: str = "") -> bytes:
    """The marker; `site_id` (a digest of every file's content) lets the next build trust the
    folder as the one it recorded."""
    return MARKER_TEXT + (SITE_ID_PREFIX + site_id.encode() + b"\n" if site_id else b"")


def site_id_of(folder: Path) -> str:
    """The site id in a folder's marker, or "" when there is none."""
    try:
        data = (folder / MARKER).read_bytes()
    except OSError:
        return ""
    for line in data.splitlines():
        if line.startswith(SITE_ID_PREFIX):
            return line[len(SITE_ID_PREFIX):].decode("ascii", "replace").strip()
    return ""


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


def site_signature(folder: Path) -> dict[str, tuple]:
    """The stat signature of every file of a built site (the search index and marker aside), so
    a later build can tell which files are still exactly as it wrote them."""
    out: dict[str, tuple] = {}
    if not folder.is_dir():
        return out
    stack = [(str(folder), "")]
    while stack:
        current, prefix = stack.pop()
        try:
            with os.scandir(current) as entries:
                for entry in entries:
                    rel = prefix + entry.name
                    if entry.is_dir(follow_symlinks=False):
                        if rel != "pagefind":
                            stack.append((entry.path, rel + "/"))
                    elif rel != MARKER:
                        try:
                            info = entry.stat(follow_symlinks=False)
                        except OSError:
                            continue
                        out[rel] = (info.st_size, info.st_mtime_ns, info.st_ino, info.st_mode)
        except OSError:
            continue
    return out


def update_site(out: Path, manifest: dict[str, str], changed: dict[str, bytes], site_id: str,
                trusted_out: bool, spare: Path | None, spare_manifest: dict[str, str] | None,
                before_swap: Callable[[Path], None] | None = None) -> bool:
    """Replace `out` with the files of `manifest` (path -> digest), writing only what changed.

    `changed` holds the bytes of new or changed files; every other file is taken from `out`
    (hard-linked, never modified in place), which must then be `trusted_out`. When `spare` holds
    an older copy of the site described by `spare_manifest`, it is brought up to date and swapped
    in, so only the difference is written; the replaced site becomes the new spare. Readers see
    the old site or the new one, never a mix. Returns whether `spare` now holds the old site."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(out)
    missing = [rel for rel in manifest if rel not in changed and not trusted_out]
    if missing:
        raise SitegenError(f"internal error: {len(missing)} unchanged files but no trusted site to take them from")
    stage: Path | None = None
    try:
        if spare is not None and spare_manifest is not None and spare.is_dir() and out.is_dir():
            stage = spare
            (stage / MARKER).unlink(missing_ok=True)  # half-updated from here on: never trusted
            _bring_up_to_date(stage, out, manifest, changed, spare_manifest)
        else:
            if spare is not None and spare.exists():
                shutil.rmtree(spare, ignore_errors=True)
            stage = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-{os.getpid()}-", dir=out.parent))
            _bring_up_to_date(stage, out, manifest, changed, {})
        (stage / MARKER).write_bytes(marker_bytes(site_id))
        if before_swap is not None:
            before_swap(stage)
        os.chmod(stage, 0o755)
        if not out.exists():
            os.replace(stage, out)
            stage = None
            return False
        if not _exchange(stage, out):
            swap_in(stage, out)
            stage = None
            return False
        # `stage` now holds the replaced site: keep it as the spare for the next build.
        old, stage = stage, None
        if spare is None:
            shutil.rmtree(old, ignore_errors=True)
            return False
        if old != spare:
            try:
                os.replace(old, spare)
            except OSError:
                shutil.rmtree(old, ignore_errors=True)
                return False
        return True
    finally:
        if stage is not None:
            shutil.rmtree(stage, ignore_errors=True)


def _bring_up_to_date(stage: Path, out: Path, manifest: dict[str, str], changed: dict[str, bytes],
                      have: dict[str, str]) -> None:
    """Make `stage`, which holds the files `have`, hold exactly `manifest`."""
    shutil.rmtree(stage / "pagefind", ignore_errors=True)  # the search index is always made anew
    emptied: set[Path] = set()
    for rel in sorted(set(have) - set(manifest)):
        target = stage.joinpath(*safe_relpath(rel).parts)
        target.unlink(missing_ok=True)
        emptied.add(target.parent)
    for folder in sorted(emptied, key=lambda p: len(p.parts), reverse=True):
        while folder != stage and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    made: set[Path] = set()
    for rel in sorted(manifest):
        if have.get(rel) == manifest[rel] and rel not in changed:
            continue
        parts = safe_relpath(rel).parts
        target = stage.joinpath(*parts)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if rel in have:
            target.unlink(missing_ok=True)  # may be a hard link into the live site: never write through it
        data = changed.get(rel)
        if data is not None:
            target.write_bytes(data)
            continue
        source = out.joinpath(*parts)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
