"""Write the site atomically: build into a temporary folder beside the output, then swap it in."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable

from sitegen.errors import SitegenError
from sitegen.fsutil import libc

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
    return PurePosixPath(checked_rel(rel))


def checked_rel(rel: str) -> str:
    """`safe_relpath` as text, in the system's form: a site's ten thousand files are joined and
    made as text, quicker than as Path objects."""
    parts = [part for part in rel.split("/") if part and part != "."]
    if rel.startswith("/") or ".." in parts or not parts or "\\" in rel:
        raise SitegenError(f"refusing to write outside the output folder: {rel!r}")
    return os.path.join(*parts)


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


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False where the system cannot."""
    renameat2 = getattr(libc(), "renameat2", None)
    if renameat2 is None:
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


def file_signature(info: os.stat_result) -> tuple:
    """What a build records of a site file to tell later that it is still exactly as written."""
    return (info.st_size, info.st_mtime_ns, info.st_ino, info.st_mode)


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
                        out[rel] = file_signature(info)
        except OSError:
            continue
    return out


def file_signatures(folder: Path, paths: Iterable[str]) -> dict[str, tuple]:
    """The stat signature, as `site_signature` gives it, of each of `paths` (relative to
    `folder`) that is there and not a folder. Three times quicker than a walk, where only files
    recorded before matter."""
    out: dict[str, tuple] = {}
    base = os.path.join(folder, "")
    for rel in paths:
        try:
            info = os.lstat(base + rel)
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode):
            out[rel] = file_signature(info)
    return out


def still_as_recorded(folder: Path, recorded: dict[str, tuple]) -> bool:
    """Whether every file of `recorded` (path relative to `folder` -> `file_signature`) is in
    `folder` exactly as recorded."""
    return file_signatures(folder, recorded) == recorded


def place(root: str | os.PathLike, rel: str, made: set[str]) -> str:
    """The path of file `rel` (checked_rel's) under `root`, its folder made unless `made` (the
    folders made so far, added to) has it: one mkdir per folder, not per file."""
    target = os.path.join(root, rel)
    folder = os.path.dirname(target)
    if folder not in made:
        os.makedirs(folder, exist_ok=True)
        made.add(folder)
    return target


def link_copy(site: Path, folder: Path, files: Iterable[str], site_id: str) -> bool:
    """Make `folder` a copy of the built `site` by hard links: its `files` (relative paths), and
    its marker last, so that a copy cut short is never taken for one. Whether it was made.

    Such a copy is a spare the next build can update instead of linking every file then: builds
    only ever replace a site's files (never write into one), so sharing them is safe."""
    shutil.rmtree(folder, ignore_errors=True)
    made: set[str] = set()
    try:
        for rel in files:
            rel = checked_rel(rel)
            os.link(os.path.join(site, rel), place(folder, rel, made))
        (folder / MARKER).write_bytes(marker_bytes(site_id))
        return True
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return False


class SiteUpdate:
    """Replace `out` with a new site, writing only what changed, and atomically.

    Files are written into a stage folder as they are made (`write`), so a build never holds
    the whole site in memory; `finish` takes every other file of the new site from `out`
    (hard-linked, never modified in place; `out` must then be `trusted_out`) and swaps the
    stage in. When `spare()` offers an older copy of the site (its folder, the files in it that
    are still as recorded, and all it was recorded to hold), that copy is the stage: only the
    difference is written, and the replaced site becomes the next spare. Readers see the old
    site or the new one, never a mix."""

    def __init__(self, out: Path, trusted_out: bool,
                 spare: Callable[[], tuple[Path | None, dict[str, str] | None, set[str], dict[str, tuple]]],
                 keep_index: bool = False):
        self.out = out.resolve()
        self.keep_index = keep_index  # a spare stage's search index is left for the index to sort out
        self.trusted_out = trusted_out
        self._spare = spare
        self.spare: Path | None = None
        self.stage: Path | None = None
        self.reused = False  # the stage is the spare copy
        self.have: dict[str, str] = {}  # files in the stage as the new site may keep them
        self.recorded: set[str] = set()  # files the stage may hold at all
        self.written: set[str] = set()
        self._made: set[str] = set()
        self._spare_files: dict[str, tuple] = {}  # signatures of the spare's recorded files when opened
        self.site_files: dict[str, tuple] | None = None  # site_signature of the new site, when known

    def open(self) -> Path:
        """The stage folder, made now if it is not yet (it is otherwise made by the first write).
        Forked writers must share one stage: open it before they start."""
        return self.stage or self._open()

    def _open(self) -> Path:
        self.out.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(self.out)
        spare, usable, recorded, self._spare_files = self._spare()
        self.spare = spare
        if spare is not None and usable is not None and spare.is_dir() and self.out.is_dir():
            self.stage, self.reused, self.have, self.recorded = spare, True, usable, set(recorded) | set(usable)
            (spare / MARKER).unlink(missing_ok=True)  # half-updated from here on: never trusted
            if not self.keep_index:
                shutil.rmtree(spare / "pagefind", ignore_errors=True)
        else:
            if spare is not None and spare.exists():
                shutil.rmtree(spare, ignore_errors=True)
            self.stage = Path(tempfile.mkdtemp(prefix=f".{self.out.name}-new-{os.getpid()}-", dir=self.out.parent))
        return self.stage

    def _target(self, rel: str) -> str:
        target = place(self.stage or self._open(), checked_rel(rel), self._made)
        if self.reused:
            try:
                os.unlink(target)  # may be a hard link into the live site: never write through it
            except FileNotFoundError:
                pass
        return target

    def write(self, rel: str, data: bytes | Iterable[bytes]) -> None:
        """A new or changed file of the new site (its bytes, or pieces of them in order). A forked
        writer's writes must be recorded in the parent's `written` too."""
        with open(self._target(rel), "wb") as fh:
            if isinstance(data, bytes):
                fh.write(data)
            else:
                fh.writelines(data)
        self.written.add(rel)

    def finish(self, manifest: dict[str, str], site_id: str,
               before_swap: Callable[[Path], None] | None = None) -> bool:
        """Complete the stage to hold exactly `manifest` (path -> digest) and swap it in.
        Returns whether the spare folder now holds the replaced site."""
        stage = self.stage or self._open()
        keep = [rel for rel in manifest if rel not in self.written and self.have.get(rel) != manifest[rel]]
        if keep and not self.trusted_out:
            raise SitegenError(f"internal error: {len(keep)} unchanged files but no trusted site to take them from")
        emptied: set[Path] = set()
        for rel in sorted(self.recorded - set(manifest)):
            target = stage.joinpath(*safe_relpath(rel).parts)
            target.unlink(missing_ok=True)
            emptied.add(target.parent)
        for folder in sorted(emptied, key=lambda p: len(p.parts), reverse=True):
            while folder != stage and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
        for rel in sorted(keep):
            source = os.path.join(self.out, checked_rel(rel))
            target = self._target(rel)
            try:
                os.link(source, target)
            except OSError:
                shutil.copyfile(source, target)
        (stage / MARKER).write_bytes(marker_bytes(site_id))
        if before_swap is not None:
            before_swap(stage)
        # The new site's signature without walking it: files left alone in a spare stage are as
        # they were when it was opened; the ones written or linked here are looked at again.
        touched = self.written.union(keep)
        before = self._spare_files if self.reused else {}
        files = {rel: before[rel] for rel in manifest if rel not in touched and rel in before}
        if len(files) + len(touched) == len(manifest):
            for rel in touched:
                files[rel] = file_signature(os.lstat(os.path.join(stage, checked_rel(rel))))
            self.site_files = files
        os.chmod(stage, 0o755)
        self.stage = None  # from here on the folder is either published or becomes the spare
        out = self.out
        if not out.exists():
            os.replace(stage, out)
            return False
        if not _exchange(stage, out):
            try:
                swap_in(stage, out)
            except BaseException:
                shutil.rmtree(stage, ignore_errors=True)
                raise
            return False
        # `stage` now holds the replaced site: keep it as the spare for the next build.
        if self.spare is None:
            shutil.rmtree(stage, ignore_errors=True)
            return False
        if stage != self.spare:
            try:
                os.replace(stage, self.spare)
            except OSError:
                shutil.rmtree(stage, ignore_errors=True)
                return False
        return True

    def discard(self) -> None:
        """After a failure, or when the stage is not needed: the stage is removed; the site in
        place is untouched."""
        if self.stage is not None:
            shutil.rmtree(self.stage, ignore_errors=True)
            self.stage = None
