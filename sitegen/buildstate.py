"""What one build leaves for the next, under the briefing's hidden .sitegen/ folder.

Separate files, so that a build with nothing to do reads only the small first one:

- `build/inputs.pickle`: the stat signature of every input (entries, theme, sitegen.yaml, the
  code) and the identity of the site it produced. Equal signatures and the same site still in
  place mean there is nothing to build.
- `build/records-NN.pickle`: parsed entries, so an unchanged file is never parsed again; in
  shards, so an edit rewrites one shard, not all. Each entry is pickled on its own after the
  records, and read and unpickled only when a build asks for it (see `_write_shard`).
- `build/state.pickle`: each page's dependency key, and a digest of every file of the site in
  place and of the spare copy kept in `build/previous-site/`.
- `build/deps-full.pickle` and `build/deps.pickle`: for each dependency of a page, the pages that
  depend on it; apart, the dependencies on an entry's whole file and on the editions, all that an
  edit to an entry's text asks for (the other file is read when a build asks for one of its
  dependencies).
- `build/links.pickle`: the link tables, each pickled on its own (links.pack), with the digest
  of what they were made from; a build whose entries' front matter (and events' and actors'
  text) are unchanged reads back the tables it uses instead of resolving them all again.

The cache only ever saves work: a missing, stale or unreadable state means a full build, and
every file is checked by its stat signature (and by content when it changed within the clock's
resolution), so an edit is never missed.
"""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import os
import pickle
import sys
import tempfile
import time
import zlib
from collections.abc import MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterator

from sitegen.errors import SitegenError
from sitegen.load import RACY_NS, FileRecord, SavedEntry

FORMAT = 8  # bump when the state's shape changes: an old state is then ignored


@dataclass
class Inputs:
    """The no-op check: cheap to read, cheap to compare."""

    options: str  # digest of the output folder and build options
    signature: dict[str, tuple]  # path -> stat signature of every input file
    racy: bool  # some input changed within the clock's resolution of the build: never trust
    site_id: str  # the identity written in the output folder's marker
    site_files: dict[str, tuple] = field(default_factory=dict)  # stat signature of each site file
    search_files: dict[str, tuple] = field(default_factory=dict)  # and of each file of its search index
    pages: int = 0
    files: int = 0
    format: int = FORMAT


@dataclass
class State:
    format: int = FORMAT
    code: str = ""  # digest of the sitegen code that made the records
    records: dict[str, FileRecord] = field(default_factory=dict)
    page_keys: dict[str, str] = field(default_factory=dict)  # page path -> dependency key
    exports_key: str = ""
    exports: list[str] = field(default_factory=list)  # the data files' paths
    export_spans: dict[tuple[str, str], tuple[str, int, int]] = field(default_factory=dict)  # see exports
    manifest: dict[str, str] = field(default_factory=dict)  # site file -> content digest
    site_id: str = ""
    site_files: dict[str, tuple] = field(default_factory=dict)  # stat signature of each site file
    spare_files: dict[str, tuple] = field(default_factory=dict)
    spare_manifest: dict[str, str] | None = None  # what previous-site/ holds
    spare_id: str = ""
    searchable: set[str] = field(default_factory=set)  # pages marked for the search index
    search_index: Any = None  # the searchindex.SearchIndex in the site in place, when it has one
    # What tells the next build which pages an edit reaches (see Fingerprints.changes_since):
    world: str = ""  # digest of what the link tables are made of
    global_key: str = ""  # what every page depends on (code, theme, config, options, title, date)
    updated: Any = None  # pages.last_updated of the briefing
    editions: str = ""  # editions.Editions.digest() of the records the pages show
    full_digests: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, slug) -> digest
    card_digests: dict[tuple[str, str], str] = field(default_factory=dict)
    name_digests: dict[tuple[str, str], str] = field(default_factory=dict)
    # Dependency -> pages depending on it; saved in build/deps*.pickle, rewritten only when it
    # changed (`deps_changed`), and read back only when it is the one this state names (`deps_id`).
    dep_pages: MutableMapping[tuple, list[str]] = field(default_factory=dict, repr=False, compare=False)
    deps_id: str = ""
    deps_changed: bool = field(default=True, repr=False, compare=False)
    # The record shards as read, so that a build rewrites only the shards it changed.
    loaded: dict[int, dict[str, FileRecord]] = field(default_factory=dict, repr=False, compare=False)


RECORD_SHARDS = 32  # parsed entries are saved in shards: an edit rewrites one, not all


def _shard(path: str) -> int:
    return zlib.crc32(path.encode("utf-8", "surrogatepass")) % RECORD_SHARDS


def digest(*parts: Any) -> str:
    """A short stable digest of plain data (its repr: dataclasses, tuples, strings, numbers)."""
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def cache_dir(root: Path) -> Path:
    return root / ".sitegen" / "build"


LINK = ("link",)  # ends the signature of a file reached through a symbolic link
MISSING = ("missing",)


def input_signature(folders: list[Path], files: list[Path]) -> tuple[dict[str, tuple], bool]:
    """Stat every file under `folders` (recursively, symlinks followed for files) and `files`.

    Returns the signatures and whether any input is too fresh to trust by stat alone. Loading
    takes the entries' stat from them (`load.key_of_signature`)."""
    threshold = time.time_ns() - RACY_NS
    out: dict[str, tuple] = {}
    racy = False

    # One loop with no calls of its own: it runs for each of ten thousand entry files.
    for folder in folders:
        stack = [str(folder)]
        while stack:
            current = stack.pop()
            try:
                info = os.stat(current)
            except OSError:
                out[current] = MISSING
                continue
            # The folder's own mtime moves when a file is added, removed or renamed in it.
            out[current] = ("dir", info.st_mtime_ns, info.st_ino)
            try:
                with os.scandir(current) as it:
                    entries = list(it)
            except OSError:
                out[current] = ("unreadable",)
                continue
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if not entry.name.startswith("."):
                        stack.append(entry.path)
                    continue
                path = entry.path
                try:
                    info = os.stat(path)
                except OSError:
                    out[path] = MISSING
                    continue
                mtime = info.st_mtime_ns
                signature = (info.st_size, mtime, info.st_ctime_ns, info.st_ino, info.st_mode)
                out[path] = signature + LINK if entry.is_symlink() else signature
                racy = racy or mtime >= threshold
    for path in map(str, files):
        try:
            info = os.stat(path)
        except OSError:
            out[path] = MISSING
            continue
        out[path] = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_mode)
        racy = racy or info.st_mtime_ns >= threshold
    return out, racy


def code_signature() -> tuple:
    """The installed sitegen's own files: a changed sitegen rebuilds everything."""
    here = Path(__file__).resolve().parent
    sig = []
    for path in sorted(here.glob("*.py")):
        info = path.stat()
        sig.append((path.name, info.st_size, info.st_mtime_ns))
    return (sys.version_info[:2], tuple(sig))


def read_inputs(root: Path) -> Inputs | None:
    return _read(cache_dir(root) / "inputs.pickle", Inputs)


def read_state(root: Path, opened: list[_ShardFile] | None = None) -> State | None:
    """The last build's state. `opened` receives the records files its records read their
    entries from, for the caller to close when it is done with them (`_ShardFile.close`)."""
    folder = cache_dir(root)
    state = _read(folder / "state.pickle", State)
    if state is None:
        return None
    full = _read_deps(folder / "deps-full.pickle", state) if state.deps_id else None
    if full is not None:
        state.dep_pages = DepIndex(full, lambda: _read_deps(folder / "deps.pickle", state))
        state.deps_changed = False
    for shard in range(RECORD_SHARDS):
        records = _read_shard(folder / f"records-{shard:02d}.pickle", state.code, opened)
        # A shard from other code, or damaged, is only a missed speed-up: its files are parsed again.
        if records is not None:
            state.loaded[shard] = records
            state.records.update(records)
    return state


class _ShardFile:
    """A records file, open while the build may ask its records for their entries (the file is
    replaced, never changed in place, so what this one holds stays readable). A build closes it
    when it ends: a process that builds again and again (`sitegen serve`) must not keep them."""

    def __init__(self, path: Path, fd: int):
        self.path, self.fd = path, fd
        self.ino = os.fstat(fd).st_ino

    def read(self, start: int, length: int) -> bytes:
        if self.fd is None:  # closed: opened again only if it is still the same file
            fd = os.open(self.path, os.O_RDONLY)
            if os.fstat(fd).st_ino != self.ino:
                os.close(fd)
                raise SitegenError("the build state changed since this build read it: build again",
                                   path=str(self.path))
            self.fd = fd
        data = os.pread(self.fd, length, start)
        if len(data) != length:
            raise SitegenError("the build state was cut short while this build read it: build again",
                               path=str(self.path))
        return data

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def __del__(self) -> None:
        self.close()


_LENGTH = 8  # bytes: the length of the pickled records, at the start of a records file


def _read_shard(path: Path, code: str, opened: list[_ShardFile] | None = None) -> dict[str, FileRecord] | None:
    """A records file as `_write_shard` wrote it, each record's entry left in the file."""
    try:
        fd = os.open(path, os.O_RDONLY)
        file = _ShardFile(path, fd)  # closed when no record refers to it, or by the caller
    except OSError:
        return None
    try:
        size = os.fstat(fd).st_size
        length = int.from_bytes(os.pread(fd, _LENGTH, 0), "little")
        saved = pickle.loads(os.pread(fd, length, _LENGTH))
    except Exception:
        return None
    if not (isinstance(saved, tuple) and len(saved) == 4 and saved[:2] == (FORMAT, code)
            and isinstance(saved[2], dict) and saved[3] == size - _LENGTH - length):
        return None  # from other code, or cut short
    base = _LENGTH + length
    if opened is not None:
        opened.append(file)
    for record in saved[2].values():
        if type(record.blob) is tuple:
            start, n = record.blob
            record.blob = SavedEntry(file, base + start, n)
    return saved[2]


class StaleIndex(Exception):
    """The part of the dependency index read late is not the one the build state names."""


def _read_deps(path: Path, state: State) -> dict[tuple, list[str]] | None:
    saved = _unpickle(path)
    if isinstance(saved, tuple) and len(saved) == 4 and saved[:3] == (FORMAT, state.code, state.deps_id) \
            and isinstance(saved[3], dict):
        return saved[3]
    return None


class DepIndex(MutableMapping):
    """The dependency index as read back: the dependencies on entries' whole files at once (an
    edit to an article's text reaches its page through one), the others (70,000 at 10,000
    entries) when a build first asks for one. Reading those raises StaleIndex if they are not
    what the state names."""

    def __init__(self, full: dict[tuple, list[str]], read_rest: Callable[[], dict[tuple, list[str]] | None]):
        self._full = full
        self._rest: dict[tuple, list[str]] | None = None
        self._read_rest = read_rest

    def _part(self, dep: tuple) -> dict[tuple, list[str]]:
        if dep[0] in FULL_PART:
            return self._full
        return self.rest()

    def rest(self) -> dict[tuple, list[str]]:
        if self._rest is None:
            self._rest = self._read_rest()
            if self._rest is None:
                raise StaleIndex()
        return self._rest

    def parts(self) -> tuple[dict[tuple, list[str]], dict[tuple, list[str]]]:
        return self._full, self.rest()

    def __getitem__(self, dep: tuple) -> list[str]:
        return self._part(dep)[dep]

    def get(self, dep: tuple, default: Any = None) -> Any:
        return self._part(dep).get(dep, default)

    def __setitem__(self, dep: tuple, pages: list[str]) -> None:
        self._part(dep)[dep] = pages

    def __delitem__(self, dep: tuple) -> None:
        del self._part(dep)[dep]

    def __iter__(self) -> Iterator[tuple]:
        yield from self._full
        yield from self.rest()

    def __len__(self) -> int:
        return len(self._full) + len(self.rest())

    def __bool__(self) -> bool:
        if self._full:
            return True
        try:
            return bool(self.rest())
        except StaleIndex:
            return False  # an index not to be used: the build takes the long way


def _unpickle(path: Path) -> Any:
    try:
        return pickle.loads(path.read_bytes())  # one read: quicker than the loader's many small ones
    except Exception:  # missing, damaged or foreign: the cache is only a missed speed-up
        return None


def _read(path: Path, kind: type):
    value = _unpickle(path)
    if not isinstance(value, kind) or getattr(value, "format", None) != FORMAT:
        return None
    return value


def write_state(root: Path, inputs: Inputs | None, state: State) -> None:
    """Save both files; the inputs file last, so a no-op is never claimed for a half-saved state."""
    folder = cache_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    _remove(folder / "inputs.pickle")
    shards: dict[int, dict[str, FileRecord]] = {shard: {} for shard in range(RECORD_SHARDS)}
    for path, record in state.records.items():
        shards[_shard(path)][path] = record
    for shard, records in shards.items():
        before = state.loaded.get(shard)
        if before is None or before.keys() != records.keys() or \
                any(before[path] is not record for path, record in records.items()):
            _write_shard(folder / f"records-{shard:02d}.pickle", state.code, records)
    deps_id = state.deps_id
    if state.deps_changed or not deps_id:
        # Written before the state that names it: a state never names an index it does not match.
        deps_id = f"{time.time_ns()}-{os.getpid()}"
        full, rest = _deps_parts(state.dep_pages)
        _write(folder / "deps.pickle", (FORMAT, state.code, deps_id, rest))
        _write(folder / "deps-full.pickle", (FORMAT, state.code, deps_id, full))
    _write(folder / "state.pickle", dataclasses.replace(state, records={}, loaded={}, dep_pages={}, deps_id=deps_id))
    if inputs is not None:
        _write(folder / "inputs.pickle", inputs)


# Dependencies kept in deps-full.pickle: what an edit to an entry's text changes.
FULL_PART = ("full", "edition")


def _deps_parts(index: MutableMapping[tuple, list[str]]) -> tuple[dict, dict]:
    """The index as its two files hold it: the dependencies on whole files, and the others."""
    if isinstance(index, DepIndex):
        return index.parts()
    full: dict[tuple, list[str]] = {}
    rest: dict[tuple, list[str]] = {}
    for dep, pages in index.items():
        (full if dep[0] in FULL_PART else rest)[dep] = pages
    return full, rest


def _write_shard(path: Path, code: str, records: dict[str, FileRecord]) -> None:
    """The records, each entry pickled on its own and put after them, where the record says
    (start, length): a later build reads the records alone, and an entry only if it asks for it
    (load.entry_of)."""
    stored: dict[str, FileRecord] = {}
    blobs: list[bytes] = []
    at = 0
    for rel, record in records.items():
        blob = record.blob
        if record.entry is not None:
            blob = pickle.dumps(record.entry, protocol=pickle.HIGHEST_PROTOCOL)
        elif isinstance(blob, SavedEntry):
            blob = blob.read()  # never unpickled: saved as it was read
        copy = FileRecord.__new__(FileRecord)  # a copy: 5x quicker than dataclasses.replace
        copy.__dict__.update(record.__dict__, entry=None, blob=(at, len(blob)) if blob else b"")
        stored[rel] = copy
        if blob:
            blobs.append(blob)
            at += len(blob)
    head = pickle.dumps((FORMAT, code, stored, at), protocol=pickle.HIGHEST_PROTOCOL)
    _write_bytes(path, [len(head).to_bytes(_LENGTH, "little"), head, *blobs])


def read_links(root: Path, code: str, world: str) -> dict[str, bytes] | None:
    """The link tables saved by `write_links` for this code and these inputs (links.pack), else None."""
    saved = _unpickle(cache_dir(root) / "links.pickle")
    if isinstance(saved, tuple) and len(saved) == 4 and saved[:3] == (FORMAT, code, world) \
            and isinstance(saved[3], dict):
        return saved[3]
    return None


def write_links(root: Path, code: str, world: str, packed: dict[str, bytes]) -> None:
    """Keyed by the digest of the tables' inputs: a stale file is never read back as current."""
    folder = cache_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / "links.pickle", (FORMAT, code, world, packed))


def forget_inputs(root: Path) -> None:
    _remove(cache_dir(root) / "inputs.pickle")


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def _write(path: Path, value: object) -> None:
    _replace(path, lambda fh: pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL))


def _write_bytes(path: Path, pieces: list[bytes]) -> None:
    _replace(path, lambda fh: fh.writelines(pieces))


def _replace(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """`path` made anew by `write`, in one step: a reader sees the old file or the new one."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.replace(tmp, path)
    except BaseException:
        _remove(Path(tmp))
        raise


@contextmanager
def build_lock(root: Path, say=None) -> Iterator[None]:
    """One build at a time per briefing folder: a second waits for the first to finish. The
    lock is on the folder itself, so a build that fails early leaves no file behind."""
    try:
        fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise SitegenError(f"cannot open the briefing folder {root}: {exc.strerror or exc}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if say:
                say("waiting for another sitegen build in this folder to finish ...")
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
