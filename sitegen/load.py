"""Load content/ into a Briefing, reporting every malformed file with path and line in one pass."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import re
import stat
import time
from collections.abc import ItemsView, Iterator, KeysView, Mapping, ValuesView
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Callable
from urllib.parse import urlsplit

from sitegen import frontmatter
from sitegen.dates import PartialDate
from sitegen.errors import Problem
from sitegen.model import (
    ACTOR_KINDS, CREDIBILITY, EVENT_KINDS, RELIABILITY, Account, Actor, Briefing, Claim,
    Disagreement, Event, Position, Source,
)
from sitegen.parallel import fork_workers, parallel_map
from sitegen.names import is_slug

KIND_DIRS = {"sources": Source, "actors": Actor, "events": Event}
SIDECAR_SUFFIX = ".ingest.md"  # machine versions written beside hand-edited entries
MAX_ENTRY_BYTES = 64 * 1024 * 1024  # far above any real entry; refuses a runaway file before reading it


class _Fields:
    """Typed reads of one document's front matter, recording problems at the key's line."""

    def __init__(self, doc: frontmatter.Document, path: str, problems: list[Problem]):
        self.doc, self.path, self.problems = doc, path, problems

    def problem(self, message: str, key: str | None = None, index: int | None = None,
                severity: str = "error") -> None:
        line = self.doc.line_of(key, index) if key else None
        self.problems.append(Problem(self.path, line, message, severity))

    def text(self, key: str, required: bool = False) -> str:
        value = self.doc.meta.get(key)
        if value is None or value == "":
            if required:
                self.problem(f"missing required field '{key}'", key)
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(f"'{key}' must be text, not {_type_name(value)}", key)
            return ""
        return str(value).strip()

    def choice(self, key: str, choices: tuple[str, ...] | dict, default: str) -> str:
        value = self.text(key)
        if not value:
            return default
        if value not in choices:
            self.problem(f"'{key}' is {value!r}; expected one of: {', '.join(choices)}", key)
            return default
        return value

    def date(self, key: str) -> PartialDate | None:
        try:
            return PartialDate.parse(self.doc.meta.get(key))
        except ValueError as exc:
            self.problem(f"'{key}': {exc}", key)
            return None

    def flag(self, key: str) -> bool:
        value = self.doc.meta.get(key, False)
        if value in (None, ""):
            return False
        if not isinstance(value, bool):
            self.problem(f"'{key}' must be true or false", key)
            return False
        return value

    def items(self, key: str) -> list[Any]:
        value = self.doc.meta.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(f"'{key}' must be a list, not {_type_name(value)}", key)
            return []
        return value

    def texts(self, key: str) -> list[str]:
        out = []
        for i, item in enumerate(self.items(key)):
            if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                self.problem(f"'{key}' item {i + 1} must be text, not {_type_name(item)}", key, i)
            elif str(item).strip():
                out.append(str(item).strip())
        return out

    def slugs(self, key: str) -> list[str]:
        out = []
        for i, item in enumerate(self.texts(key)):
            if not is_slug(item):
                self.problem(f"'{key}' item {item!r} is not a slug (lowercase ASCII words joined by hyphens)", key, i)
            elif item not in out:
                out.append(item)
        return out

    def records(self, key: str, build: Callable[[dict, int], Any]) -> list[Any]:
        out = []
        for i, item in enumerate(self.items(key)):
            if not isinstance(item, dict):
                self.problem(f"'{key}' item {i + 1} must be a mapping, not {_type_name(item)}", key, i)
                continue
            record = build(item, i)
            if record is not None:
                out.append(record)
        return out

    def record_text(self, item: dict, field: str, key: str, i: int, required: bool = False) -> str:
        value = item.get(field)
        if value is None or value == "":
            if required:
                self.problem(f"'{key}' item {i + 1} has no '{field}'", key, i)
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(f"'{key}' item {i + 1}: '{field}' must be text", key, i)
            return ""
        return str(value).strip()


def _type_name(value: Any) -> str:
    return {dict: "a mapping", list: "a list", bool: "true/false"}.get(type(value), type(value).__name__)


def _read_entry(path: Path, rel: str) -> tuple[str | None, Problem | None, str]:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            return None, Problem(rel, None, f"{kind}, not a Markdown entry"), ""
        if info.st_size > MAX_ENTRY_BYTES:
            return None, Problem(rel, None, f"file of {info.st_size // (1024 * 1024)} MB is too large for an "
                                 f"entry (limit {MAX_ENTRY_BYTES // (1024 * 1024)} MB)"), ""
        data = path.read_bytes()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop on older Pythons
        return None, Problem(rel, None, f"cannot read: {getattr(exc, 'strerror', None) or exc}"), ""
    sha = _file_digest(rel, data)
    if b"\x00" in data[:8192]:
        return None, Problem(rel, None, "binary file, not a Markdown entry"), sha
    try:
        return data.decode("utf-8-sig"), None, sha
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, Problem(rel, line, "not UTF-8 text; save the file as UTF-8"), sha


def _build_source(f: _Fields, slug: str, rel: str, doc: frontmatter.Document) -> Source:
    def claim(item: dict, i: int) -> Claim | None:
        text = f.record_text(item, "text", "claims", i, required=True)
        if not text:
            return None
        mode = f.record_text(item, "mode", "claims", i) or "direct"
        if mode not in ("direct", "reported"):
            f.problem(f"'claims' item {i + 1}: 'mode' must be direct or reported", "claims", i)
            mode = "direct"
        return Claim(text=text, speaker=f.record_text(item, "speaker", "claims", i) or None,
                     event=f.record_text(item, "event", "claims", i) or None, source=slug, mode=mode,
                     unnamed=item.get("unnamed") is True)

    return Source(
        slug=slug, path=rel, body=doc.body, meta=doc.meta,
        title=f.text("title", required=True), outlet=f.text("outlet"), author=f.text("author"),
        published=f.date("published"), published_inferred=f.flag("published_inferred"),
        url=_url(f, "url"), seed=_seed_path(f, "seed"),
        actors=f.slugs("actors"), events=f.slugs("events"), claims=f.records("claims", claim),
        reliability=f.choice("reliability", RELIABILITY, "F"),
        credibility=f.choice("credibility", CREDIBILITY, "6"),
    )


def _build_actor(f: _Fields, slug: str, rel: str, doc: frontmatter.Document) -> Actor:
    return Actor(
        slug=slug, path=rel, body=doc.body, meta=doc.meta,
        name=f.text("name", required=True), kind=f.choice("kind", ACTOR_KINDS, "other"),
        aliases=f.texts("aliases"), role=f.text("role"), affiliations=f.slugs("affiliations"),
        status=f.text("status"),
    )


def _build_event(f: _Fields, slug: str, rel: str, doc: frontmatter.Document) -> Event:
    def account(item: dict, i: int) -> Account | None:
        source = f.record_text(item, "source", "accounts", i, required=True)
        text = f.record_text(item, "text", "accounts", i, required=True)
        return Account(source, text) if source and text else None

    def disagreement(item: dict, i: int) -> Disagreement | None:
        about = f.record_text(item, "about", "disagreements", i, required=True)
        positions = []
        raw = item.get("accounts") or []
        if not isinstance(raw, list):
            f.problem(f"'disagreements' item {i + 1}: 'accounts' must be a list", "disagreements", i)
            raw = []
        for pos in raw:
            if not isinstance(pos, dict) or pos.get("value") in (None, ""):
                f.problem(f"'disagreements' item {i + 1}: each account needs a 'value'", "disagreements", i)
                continue
            positions.append(Position(str(pos["value"]).strip(),
                                      str(pos["source"]).strip() if pos.get("source") else None,
                                      str(pos["speaker"]).strip() if pos.get("speaker") else None))
        return Disagreement(about, positions) if about else None

    return Event(
        slug=slug, path=rel, body=doc.body, meta=doc.meta,
        title=f.text("title", required=True), date=f.date("date"),
        kind=f.choice("kind", EVENT_KINDS, "other"), location=f.text("location"),
        participants=f.slugs("participants"), sources=f.slugs("sources"),
        accounts=f.records("accounts", account),
        disagreements=f.records("disagreements", disagreement),
    )


_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f]")  # \s is what str.isspace() calls space


def _url(f: _Fields, key: str) -> str:
    """A link to the original article: http(s) only, so no javascript: or data: URL reaches a page."""
    value = f.text(key)
    if not value:
        return ""
    try:
        parts = urlsplit(value)
        ok = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:
        ok = False
    if not ok or _SPACE_OR_CONTROL.search(value):
        f.problem(f"'{key}' must be a web address starting with http:// or https://, not {value[:80]!r}", key)
        return ""
    return value


def _seed_path(f: _Fields, key: str) -> str:
    """The seed a source came from: a relative path inside the briefing folder, never ../ or absolute."""
    value = f.text(key)
    if not value:
        return ""
    path = PurePosixPath(value)
    if ("\\" in value or path.is_absolute() or ".." in path.parts or ":" in path.parts[0]
            or any(ord(c) < 32 for c in value)):
        f.problem(f"'{key}' must be a path inside the briefing folder like seeds/article.txt, not {value[:80]!r}",
                  key)
        return ""
    return path.as_posix()


_REQUIRED = {"sources": ("a source", "title"), "actors": ("an actor", "name"), "events": ("an event", "title")}
_BUILDERS = {"sources": _build_source, "actors": _build_actor, "events": _build_event}


def entry_files(content: Path, kind_dir: str) -> list[Path]:
    """The entry files of one kind, in a stable order, without hidden files or ingest sidecars."""
    folder = content / kind_dir
    return [folder / name for name in _entry_names(folder)]


def _entry_names(folder: Path) -> list[str]:
    # Sorted by name, which within one folder is the order of the paths: comparing ten thousand
    # names is ten times quicker than comparing Path objects.
    if not folder.is_dir():
        return []
    return sorted(name for name in os.listdir(folder)
                  if name.endswith(".md") and not name.startswith(".") and not name.endswith(SIDECAR_SUFFIX))


@dataclass
class FileRecord:
    """What loading one entry file produced, kept between builds so an unchanged file is never
    parsed twice. `key` is its stat signature; `sha` its content digest (path included)."""

    key: tuple
    sha: str
    problems: list[Problem]
    entry: Any = None  # Source | Actor | Event, before slug conflicts are settled
    explicit: bool = False  # the slug comes from a `slug:` field
    card: str = ""  # digest of the front matter alone: what other pages show of the entry
    racy: bool = False  # modified within the clock's resolution of being read: re-check by content
    index: tuple[dict, str] | None = None  # _index.md: (meta, body)
    slug: str = ""  # the entry's slug, as `entry.slug`, known without it
    # The entry pickled, or where the build state keeps it pickled: made into `entry` only when
    # it is asked for (`entry_of`), so that a rebuild reads back only the entries it shows.
    blob: bytes | SavedEntry = b""


class SavedEntry:
    """Where a record's pickled entry sits in a file of the build state (buildstate.read_state):
    read from it when the entry is asked for. Ten thousand articles' text is not read back to
    show one of them."""

    __slots__ = ("file", "start", "length")

    def __init__(self, file: Any, start: int, length: int):
        self.file, self.start, self.length = file, start, length  # file: has read(start, length)

    def read(self) -> bytes:
        return self.file.read(self.start, self.length)


def entry_of(record: FileRecord) -> Any:
    """The record's entry, unpickled from its blob the first time it is asked for."""
    if record.entry is None and record.blob:
        blob = record.blob
        record.entry = pickle.loads(blob if isinstance(blob, bytes) else blob.read())
        record.blob = b""  # the entry is in memory now; the state pickles it again if it saves it
    return record.entry


class LazyEntries(Mapping):
    """Entries by slug, each made from its record when first asked for: a rebuild that shows one
    article of ten thousand unpickles one (see `entry_of`). Iterating the values makes them all."""

    def __init__(self, records: dict[str, FileRecord]):
        self._records = records

    def __getitem__(self, slug: str) -> Any:
        return entry_of(self._records[slug])

    def get(self, slug: str, default: Any = None) -> Any:
        record = self._records.get(slug)
        return default if record is None else entry_of(record)

    def __contains__(self, slug: object) -> bool:
        return slug in self._records

    def __iter__(self) -> Iterator[str]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)

    def keys(self) -> KeysView[str]:
        return self._records.keys()

    def values(self) -> ValuesView[Any]:
        return _LazyValues(self)

    def items(self) -> ItemsView[str, Any]:
        return _LazyItems(self)

    def records(self) -> dict[str, FileRecord]:
        """slug -> record, without making the entries."""
        return self._records


class _LazyValues(ValuesView):
    # Mapping's own views look every key up again: a third of the time of going over ten
    # thousand entries already made.
    def __iter__(self) -> Iterator[Any]:
        for record in self._mapping.records().values():
            yield entry_of(record)


class _LazyItems(ItemsView):
    def __iter__(self) -> Iterator[tuple[str, Any]]:
        for slug, record in self._mapping.records().items():
            yield slug, entry_of(record)


RACY_NS = 2_000_000_000  # mtimes this close to the read may hide a later same-size edit


def _stat_key(path: str | Path) -> tuple | None:
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None  # symlinks and oddities are read afresh every time
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def key_of_signature(signature: tuple) -> tuple | None:
    """`_stat_key` from a file's signature in buildstate.input_signature, taken by this build."""
    if len(signature) != 5 or not stat.S_ISREG(signature[4]):
        return None  # missing, reached through a symlink ("link" appended) or not a regular file
    return signature[:4]


def _still_holds(cached: FileRecord | None, key: tuple | None) -> bool:
    """Whether a cached record is the file's as it is now: `key` is its `_stat_key` (None: missing
    or not a regular file), and the record was not read within the clock's resolution of an edit."""
    return cached is not None and key is not None and cached.key == key and not cached.racy


def _digest(*parts: Any) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _file_digest(rel: str, data: bytes) -> str:
    """An entry file's path and bytes, hashed as they are (the repr of 12,700 files' bytes, with
    every non-ASCII byte escaped, took a third of a second)."""
    h = hashlib.blake2b(rel.encode("utf-8", "surrogatepass"), digest_size=16)
    h.update(b"\0")
    h.update(data)
    return h.hexdigest()


def _load_file(path: str | Path, rel: str, content_real: Path, kind_dir: str | None,
               cache: dict[str, FileRecord] | None, now_ns: int,
               signatures: dict[str, tuple] | None = None) -> FileRecord:
    """Read, parse and build one entry file, reusing the cached result when the file is unchanged."""
    signature = signatures.get(path) if signatures is not None and isinstance(path, str) else None
    key = _stat_key(path) if signature is None else key_of_signature(signature)
    cached = cache.get(rel) if cache is not None else None
    if _still_holds(cached, key):
        return cached
    path = Path(path)  # only a file read again needs more than its name
    racy = key is None or key[1] >= now_ns - RACY_NS
    if cached is not None and key is not None and cached.sha:
        try:
            data = path.read_bytes() if key[0] <= MAX_ENTRY_BYTES else None
        except OSError:
            data = None
        if data is not None and _file_digest(rel, data) == cached.sha:
            # A new record, not the cached one changed in place: the build state sees the change
            # and saves it, so the file is not read again on every later build.
            return dataclasses.replace(cached, key=key, racy=racy)
    problems: list[Problem] = []
    doc, sha = _read_doc(path, rel, content_real, problems)
    record = FileRecord(key=key or (), sha=sha, problems=problems, racy=racy)
    if doc is None:
        return record
    record.card = _digest(rel, doc.meta)
    if kind_dir is None:
        record.index = (doc.meta, doc.body)
        fields = _Fields(doc, rel, problems)
        for name in ("title", "description"):
            fields.text(name)
        return record
    if not doc.meta and not doc.body.strip():
        problems.append(Problem(rel, None, f"empty file: {_REQUIRED[kind_dir][0]} needs front matter with "
                                f"at least '{_REQUIRED[kind_dir][1]}'"))
        return record
    fields = _Fields(doc, rel, problems)
    slug = path.name[: -len(".md")]
    record.explicit = "slug" in doc.meta
    if record.explicit:
        slug = fields.text("slug") or slug
    if not is_slug(slug):
        fields.problem(f"slug {slug!r} is not lowercase ASCII words joined by hyphens; rename the file",
                       "slug" if record.explicit else None)
        return record
    entry = _BUILDERS[kind_dir](fields, slug, rel, doc)
    entry.lines = {**doc.key_lines, **doc.item_lines}
    record.entry, record.slug = entry, slug
    return record


def load_briefing(root: Path, content: Path, cache: dict[str, FileRecord] | None = None,
                  signatures: dict[str, tuple] | None = None) -> tuple[Briefing, list[Problem]]:
    """Load every entry under `content`; return the briefing and every problem found.

    With `cache` (relative path -> FileRecord, updated in place) unchanged files are not read
    again; the result is the same as without it. `signatures`: the files' stat, when the caller
    has just taken it (buildstate.input_signature), so that they are not stat-ed twice."""
    briefing = Briefing(root=root)
    problems: list[Problem] = []
    seen: set[str] = set()
    if not content.is_dir():
        problems.append(Problem(_rel(content, root), None, "content folder not found"))
        if cache is not None:
            cache.clear()
        return briefing, problems
    content_real = content.resolve()
    now_ns = time.time_ns()

    files: dict[str, list[tuple[str, str, str]]] = {}  # kind folder -> (path, kind folder, relative path)
    for kind_dir in _BUILDERS:
        folder = content / kind_dir
        if folder.is_symlink() and not _resolves_inside(folder, content_real):
            problems.append(Problem(_rel(folder, root), None,
                                    "folder is a symlink pointing outside the content folder; skipped"))
            continue
        prefix = _rel(folder, root) + "/"  # one relative_to per folder, not per file
        # Paths as text: ten thousand Path objects cost more than stat-ing the files.
        base = os.path.join(folder, "")
        files[kind_dir] = [(base + name, kind_dir, prefix + name) for name in _entry_names(folder)]
    parsed = _parse_in_workers([f for group in files.values() for f in group if cache is None or f[2] not in cache],
                               content_real, now_ns)

    def load(path: str | Path, kind_dir: str | None, rel: str | None = None) -> FileRecord:
        rel = rel or _rel(path, root)
        record = parsed.pop(rel, None) or _load_file(path, rel, content_real, kind_dir, cache, now_ns, signatures)
        seen.add(rel)
        if cache is not None:
            cache[rel] = record
        problems.extend(record.problems)
        return record

    index = content / "_index.md"
    if index.is_file() or index.is_symlink():
        record = load(index, None)
        if record.index is not None:
            briefing.index_meta, briefing.index_body = record.index

    for kind_dir, group in files.items():
        docs = []
        explicit = False
        for path, _, rel in group:
            # Inline, the common case of a rebuild: a file as the last build found it. (As
            # _load_file would tell, at a third of the cost: ten thousand entries.)
            cached = cache.get(rel) if cache is not None else None
            signature = signatures.get(path) if cached is not None and signatures is not None else None
            if signature is not None and _still_holds(cached, key_of_signature(signature)):
                record = cached
                seen.add(rel)
                if record.problems:
                    problems.extend(record.problems)
            else:
                record = load(path, kind_dir, rel)
            if record.slug:
                docs.append((rel, record))
                explicit = explicit or record.explicit
        if not explicit:  # every slug is its file's name: no two can be the same
            setattr(briefing, kind_dir, LazyEntries(dict(sorted((r.slug, r) for _, r in docs))))
            continue
        # When two files claim one slug, the file named after it keeps it; the other is reported
        # at its `slug:` line, so the message points at the file that needs the change.
        named = {r.slug: rel for rel, r in docs if not r.explicit}
        claimed_by: dict[str, str] = {}
        target: dict[str, FileRecord] = {}
        for rel, r in docs:
            slug = r.slug
            owner = claimed_by.get(slug) or (named[slug] if r.explicit and named.get(slug, rel) != rel else None)
            if owner:
                line = entry_of(r).line_of("slug") if r.explicit else None
                problems.append(Problem(rel, line, f"slug '{slug}' is already used by {owner}"))
                continue
            claimed_by[slug] = rel
            target[slug] = r
        ordered = dict(sorted(target.items()))
        # Made when first asked for: a rebuild after one article's edit shows a few of them.
        setattr(briefing, kind_dir, LazyEntries(ordered))
    if cache is not None:
        for rel in [rel for rel in cache if rel not in seen]:
            del cache[rel]
    return briefing, problems


PARALLEL_LOAD_MIN = 2000  # files never parsed before: below this, forking costs more than it saves


def _parse_in_workers(files: list[tuple[str, str, str]], content_real: Path, now_ns: int) -> dict[str, FileRecord]:
    """Records of many new files parsed on every core, by relative path; {} when there are too
    few to be worth it (the caller parses them itself). Parsing is a pure function of the file,
    so the records are the same as the caller's own would be."""
    workers = fork_workers(len(files), PARALLEL_LOAD_MIN)
    if not workers:
        return {}
    records = parallel_map(lambda i: _load_file(files[i][0], files[i][2], content_real, files[i][1], None, now_ns),
                           len(files), workers)
    return {rel: record for (_, _, rel), record in zip(files, records)}


def _read_doc(path: Path, rel: str, content_real: Path,
              problems: list[Problem]) -> tuple[frontmatter.Document | None, str]:
    """Parse one entry file, or record in one line why it cannot be used; also the file's digest."""
    if path.is_symlink():
        try:
            inside = _inside(path.resolve(strict=True), content_real)
        except (OSError, RuntimeError) as exc:
            reason = "a symlink loop" if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == 40 \
                else "a broken symlink"
            problems.append(Problem(rel, None, f"{reason}; skipped"))
            return None, ""
        if not inside:
            problems.append(Problem(rel, None, "symlink points outside the content folder; skipped"))
            return None, ""
    text, problem, sha = _read_entry(path, rel)
    if problem:
        problems.append(problem)
        return None, sha
    try:
        return frontmatter.parse(text), sha
    except frontmatter.FrontMatterError as exc:
        problems.append(Problem(rel, exc.line, exc.message))
        return None, sha


def _resolves_inside(path: Path, folder: Path) -> bool:
    try:
        return _inside(path.resolve(strict=True), folder)
    except (OSError, RuntimeError):
        return False


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return os.path.relpath(path, root).replace(os.sep, "/")


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False
