"""Write machine entries into content/ without ever overwriting a hand edit.

The manifest (content/.ingest.json, committed with the content) records, for every entry
ingest wrote, a hash of each front matter field and of the body as ingest last wrote them.
That is the common ancestor of a three-way merge per field:
- the file still holds what ingest wrote  -> take the machine's new value;
- the machine's value did not change      -> keep the editor's value;
- both changed                            -> keep the editor's value, and write the whole
  machine version beside the entry as <slug>.ingest.md for the editor to review.
"""

from __future__ import annotations

import errno
import gc
import hashlib
import json
import os
import re
import secrets
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from sitegen import frontmatter
from sitegen.errors import SitegenError
from sitegen.fsutil import atomic_write, is_inside, write_new
from sitegen.ingest import yamlout
from sitegen.ingest.types import MachineEntry
from sitegen.load import KIND_DIRS, SIDECAR_SUFFIX
from sitegen.names import is_slug

MANIFEST_NAME = ".ingest.json"
BODY_KEY = "@body"
OFFERED = "@offered:"  # manifest key prefix: a field's value last offered in a <slug>.ingest.md
ROWS = "@rows:"  # manifest key prefix: the rows of a list field as ingest last wrote them (row hashes)
REJECTED = "@rejected:"  # manifest key prefix: rows of a list field the editor deleted, never brought back
MANIFEST_VERSION = 1
STAGING_PREFIX = ".ingest-new."  # content/.ingest-new.<pid>.<token>/: see _Staging


@dataclass
class Manifest:
    seeds: dict[str, str] = field(default_factory=dict)  # seed path -> sha256
    entries: dict[str, dict[str, str]] = field(default_factory=dict)  # relpath -> field -> hash

    @classmethod
    def load(cls, content: Path) -> "Manifest":
        path = content / MANIFEST_NAME
        if not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
            seeds, entries = data.get("seeds", {}), data.get("entries", {})
            if not isinstance(seeds, dict) or not all(isinstance(v, str) for v in seeds.values()):
                raise ValueError("'seeds' must map paths to hashes")
            if not isinstance(entries, dict) or not all(
                    isinstance(v, dict) and all(isinstance(h, str) for h in v.values()) for v in entries.values()):
                raise ValueError("'entries' must map paths to field hashes")
            return cls(seeds=dict(seeds), entries={k: dict(v) for k, v in entries.items()})
        except (ValueError, OSError, RecursionError) as exc:
            raise SitegenError(f"unreadable ingest manifest ({exc}); restore it from version control "
                               "or delete it to treat every entry as hand-written",
                               path=str(path)) from None

    def dumps(self) -> str:
        return "".join(self._pieces())

    def _pieces(self) -> Iterator[str]:
        fast = _manifest_pieces(self.seeds, self.entries)
        if fast is not None:
            return fast
        data = {"version": MANIFEST_VERSION, "seeds": self.seeds, "entries": self.entries}
        return iter([json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False) + "\n"])

    def _encoded(self) -> Iterator[bytes]:
        """dumps() in UTF-8, about a MiB at a time: a large briefing's manifest (45 MB at 10,000
        articles) is never whole in memory, let alone as text and bytes at once."""
        batch: list[str] = []
        size = 0
        for piece in self._pieces():
            batch.append(piece)
            size += len(piece)
            if size >= _CHUNK:
                yield "".join(batch).encode("utf-8")
                batch, size = [], 0
        if batch:
            yield "".join(batch).encode("utf-8")

    def save(self, content: Path) -> bool:
        """Write if changed; return whether anything was written."""
        path = content / MANIFEST_NAME
        if path.is_file() and _same_bytes(path, self._encoded()):
            return False
        atomic_write(path, self._encoded())
        return True


_CHUNK = 1 << 20


def _same_bytes(path: Path, chunks: Iterator[bytes]) -> bool:
    """Whether the file holds exactly the chunks, read as far as the first difference."""
    with path.open("rb") as fh:
        for chunk in chunks:
            if fh.read(len(chunk)) != chunk:
                return False
        return fh.read(1) == b""


# json.dumps with an indent runs its pure-Python encoder, a second or more for a large briefing's
# manifest. The manifest holds text only: the same layout (indent=1, sorted keys, ensure_ascii off),
# written with the C string encoder.
_STR_JSON = json.encoder.encode_basestring  # what JSONEncoder uses: the C one where there is one


def _manifest_pieces(seeds: dict, entries: dict) -> Iterator[str] | None:
    """Manifest.dumps()'s text in pieces (an entry's record each), or None when a key or value is not
    text (json.dumps handles that)."""
    enc = _STR_JSON

    def texts(d: dict) -> bool:
        return all(type(k) is str and type(v) is str for k, v in d.items())

    if not texts(seeds) or not all(type(k) is str and type(h) is dict and texts(h)
                                   for k, h in entries.items()):
        return None

    def pieces() -> Iterator[str]:
        names: dict[str, str] = {}  # field names, each encoded once
        yield '{\n "entries": '
        sep = "{\n"
        for rel, hashes in sorted(entries.items()):
            if hashes:
                fields = ",\n   ".join([f"{names.get(k) or names.setdefault(k, enc(k))}: {enc(v)}"
                                         for k, v in sorted(hashes.items())])
                yield f"{sep}  {enc(rel)}: {{\n   {fields}\n  }}"
            else:
                yield f"{sep}  {enc(rel)}: {{}}"
            sep = ",\n"
        yield "\n }" if entries else "{}"
        yield ',\n "seeds": '
        yield ("{\n" + ",\n".join([f"  {enc(k)}: {enc(v)}" for k, v in sorted(seeds.items())]) + "\n }"
               if seeds else "{}")
        yield f',\n "version": {json.dumps(MANIFEST_VERSION)}\n}}\n'

    return pieces()


@dataclass
class StoreReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)  # hand-edited, machine changes merged in
    conflicts: list[tuple[str, str, list[str]]] = field(default_factory=list)  # entry, sidecar, fields
    kept_deleted: list[str] = field(default_factory=list)  # deleted by hand: not recreated
    removed: list[str] = field(default_factory=list)  # no longer found in its sources, never edited
    kept_stale: list[str] = field(default_factory=list)  # no longer found, but the editor has it: kept
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.merged or self.conflicts or self.removed)

    @classmethod
    def combine(cls, reports: list["StoreReport"]) -> "StoreReport":
        """One report for several batches of entries, as one reconcile of them all would give."""
        out = cls()
        for r in reports:
            out.created += r.created
            out.updated += r.updated
            out.merged += r.merged
            out.conflicts += r.conflicts
            out.kept_deleted += r.kept_deleted
            out.removed += r.removed
            out.kept_stale += r.kept_stale
            out.unchanged += r.unchanged
        for name in ("created", "updated", "merged", "kept_deleted", "removed", "kept_stale"):
            getattr(out, name).sort()
        out.conflicts.sort(key=lambda c: c[0])
        return out


def field_hashes(meta: dict[str, Any], body: str) -> dict[str, str]:
    if not _hash_ok():
        hashes = {key: frontmatter.value_hash(value) for key, value in meta.items()}
        hashes[BODY_KEY] = frontmatter.value_hash(body.strip("\n"))
        return hashes
    short, sha, js = _SHORT_HASHES, hashlib.sha256, _json
    hashes = {}
    for key, value in meta.items():
        h = short.get(value) if type(value) is str else None
        if h is None:
            h = sha(js(value).encode("utf-8")).hexdigest()[:16]
            if type(value) is str and len(value) <= 40:
                if len(short) >= 20_000:
                    short.clear()
                short[value] = h
        hashes[key] = h
    hashes[BODY_KEY] = sha(js(body.strip("\n")).encode("utf-8")).hexdigest()[:16]
    return hashes


# Hashes of short texts (kinds, dates, places, outlets: the same few in thousands of entries), each one
# text object: computed once, and kept once in the manifest in memory.
_SHORT_HASHES: dict[str, str] = {}


# frontmatter.value_hash serialises with json.dumps, which builds a new encoder for every value (and
# JSONEncoder.encode a new C encoder for every list or mapping); one C encoder with the same settings,
# made once, gives the same text (checked once against frontmatter, below). It keeps no record of the
# containers it is in (a value that contains itself recurses until Python stops it, where json.dumps
# says so): machine entries and parsed front matter never do.
_ENCODER = json.JSONEncoder(ensure_ascii=False, default=str, separators=(",", ":"), sort_keys=True)
_C_MAKE_ENCODER = getattr(json.encoder, "c_make_encoder", None)
_C_ENCODE = (_C_MAKE_ENCODER(None, _ENCODER.default, _STR_JSON, None, ":", ",", True, False, True)
             if _C_MAKE_ENCODER is not None else None)
_HASH_OK: list[bool] = []


def _json(value: Any) -> str:
    if type(value) is str:  # noqa: E721 - a subclass goes the long way
        return _STR_JSON(value)
    if _C_ENCODE is None:
        return _ENCODER.encode(value)
    return "".join(_C_ENCODE(value, 0))


def _hash_ok() -> bool:
    if not _HASH_OK:
        samples = ["", "Vučić – “plan”", "\u2028\x00\"", 79, 2.5, 1e300, True, None,
                   ["a", {"b": [1, "c"]}], {"z": 1, "a": "\n"}, {"k": {}}, []]
        try:
            _HASH_OK.append(all(_value_hash(v) == frontmatter.value_hash(v) for v in samples))
        except Exception:  # noqa: BLE001 - any surprise just turns the fast path off
            _HASH_OK.append(False)
    return _HASH_OK[0]


def value_hash(value: Any) -> str:
    """frontmatter.value_hash(value), the same hash, computed faster."""
    return _value_hash(value) if _hash_ok() else frontmatter.value_hash(value)


def _value_hash(value: Any) -> str:
    return hashlib.sha256(_json(value).encode("utf-8")).hexdigest()[:16]


# Fields of a row that point at other entries: a merge or rename rewrites them, and the row stays
# the same row (the statement is the statement, whoever it is now attributed to).
_ROW_REFS = frozenset(("speaker", "event", "source"))


def row_hash(row: Any) -> str:
    """A row's identity in its list: its value, less the references a merge may rewrite."""
    if type(row) is dict:
        row = {k: v for k, v in row.items() if k not in _ROW_REFS}
    return value_hash(row)[:8]


def identity(entry: MachineEntry) -> dict[str, str]:
    """What the manifest keeps of an event besides its hashes: its date and sources, by which a
    happening the editor deleted is known again when a seed reports it in other words."""
    if entry.kind_dir != "events":
        return {}
    return {"@date": str(entry.meta.get("date") or ""), "@sources": " ".join(entry.meta.get("sources") or []),
            "@participants": " ".join(entry.meta.get("participants") or [])}


def row_hashes(meta: dict[str, Any]) -> dict[str, str]:
    """ROWS + field -> each row of each list field of the machine's entry, as "identity:hash" (the
    identity, row_hash, and a hash of the whole row, to tell whether the editor changed it)."""
    return {ROWS + key: " ".join(f"{row_hash(r)}:{value_hash(r)[:8]}" for r in value)
            for key, value in meta.items() if type(value) is list}


def _written_rows(record: dict[str, str], key: str) -> dict[str, str]:
    """identity -> whole-row hash of the rows ingest last wrote in a field."""
    return dict(item.partition(":")[::2] for item in record.get(ROWS + key, "").split())


def _merge_rows(cur: list, new: list, base: dict[str, str], key: str, extra: dict[str, str]) -> list | None:
    """A list field from which the editor only deleted rows (a merge or rename may have rewritten
    their references): merged row by row. Every row deleted is rejected for good (recorded in
    `extra` as REJECTED + key); the machine's other rows, new ones included, are taken. None when
    the editor added or rewrote rows: their list is theirs, merged whole as any other field."""
    if ROWS + key not in base:
        return None
    written_rows = _written_rows(base, key)
    mine = {row_hash(r) for r in cur}
    if not mine <= written_rows.keys():
        return None
    rejected = rejected_rows(base, key)
    gone = written_rows.keys() - mine - rejected.keys()
    if gone:
        # What a deleted row said, for `sitegen check --rejected`: the machine's new rows usually
        # hold it again.
        said = {row_hash(r): _row_label(r) for r in new}
        rejected.update({h: said.get(h, "(a row no longer found)") for h in gone})
    if rejected:
        extra[REJECTED + key] = json.dumps(rejected, sort_keys=True, ensure_ascii=False)
    # The machine's rows less the rejected, each as the editor has it where the editor changed it
    # (a merge rewrote its speaker, say): a row the machine no longer finds goes, a new one comes.
    kept = {row_hash(r): r for r in cur}
    out, seen = [], set()
    for r in new:
        h = row_hash(r)
        if h in rejected or h in seen:
            continue
        seen.add(h)
        edited = h in kept and value_hash(kept[h])[:8] != written_rows.get(h)
        out.append(kept[h] if edited else r)
    return out


def _without_rejected(value: Any, base: dict[str, str], key: str) -> Any:
    """A list of the machine's less the rows the editor rejected from that field before."""
    rejected = rejected_rows(base, key)
    if type(value) is not list or not rejected:
        return value
    return [r for r in value if row_hash(r) not in rejected]


def rejected_rows(base: dict[str, str], key: str) -> dict[str, str]:
    """The rows of a field the editor deleted: row hash -> what the row said."""
    try:
        found = json.loads(base.get(REJECTED + key) or "{}")
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def rejections(content: Path) -> list[str]:
    """One line for each thing the editor rejected that ingest will not bring back: a row deleted
    from a list field, or a whole entry file deleted. From content/.ingest.json."""
    manifest = Manifest.load(content)
    lines = []
    for rel, record in sorted(manifest.entries.items()):
        where = f"{content.name}/{rel}"
        if record and not (content / rel).exists():
            lines.append(f"{where}: deleted; ingest does not write it again")
        for key in sorted(k for k in record if k.startswith(REJECTED)):
            field_name = key[len(REJECTED):]
            for label in sorted(rejected_rows(record, field_name).values()):
                lines.append(f"{where}: {field_name}: rejected: {label}")
        lines += _pending(content / rel, where, record)
    return lines


def _pending(path: Path, where: str, record: dict[str, str]) -> list[str]:
    """Rows deleted from an entry since the last ingest, which that ingest will record."""
    if not any(k.startswith(ROWS) for k in record) or not path.is_file():
        return []
    try:
        meta = frontmatter.parse(path.read_text(encoding="utf-8")).meta
    except (OSError, UnicodeDecodeError, frontmatter.FrontMatterError):
        return []
    out = []
    for key in sorted(k for k in record if k.startswith(ROWS)):
        field_name = key[len(ROWS):]
        value = meta.get(field_name)
        if type(value) is not list:
            continue
        kept = {row_hash(r) for r in value}
        written = set(_written_rows(record, field_name))
        gone = written - kept - rejected_rows(record, field_name).keys()
        if gone:
            out.append(f"{where}: {field_name}: {len(gone)} row(s) deleted since the last ingest, "
                       "which the next ingest keeps out")
    return out


def _row_label(row: Any) -> str:
    if isinstance(row, dict):
        text = row.get("text") or row.get("value") or row.get("about") or json.dumps(row, ensure_ascii=False, sort_keys=True)
        who = row.get("speaker") or row.get("source") or ""
        label = f"{who}: {text}" if who else str(text)
    else:
        label = str(row)
    return label if len(label) <= 100 else label[:99] + "…"


def _merge(current: frontmatter.Document, machine: MachineEntry, base: dict[str, str] | None,
           extra: dict[str, str] | None = None) -> tuple[dict[str, Any], str, list[str]]:
    """Three-way merge per field. Returns (meta, body, conflicting field names). `extra` receives
    the rows of list fields the editor rejected (REJECTED + field)."""
    conflicts: list[str] = []
    cur_meta = current.meta
    meta: dict[str, Any] = {}
    extra = {} if extra is None else extra
    keys = list(cur_meta) + [k for k in machine.meta if k not in cur_meta]
    for key in keys:
        in_cur, in_new = key in cur_meta, key in machine.meta
        if in_cur and base is not None and type(cur_meta[key]) is list:
            # Rows deleted since the last run are rejected whether or not the machine gives the field now.
            rows = _merge_rows(cur_meta[key], machine.meta.get(key) if in_new else [], base, key, extra)
            if rows is not None and in_new and type(machine.meta[key]) is list:
                meta[key] = rows
                continue
        cur_h = value_hash(cur_meta[key]) if in_cur else None
        new_h = value_hash(machine.meta[key]) if in_new else None
        base_h = base.get(key) if base is not None else None
        if cur_h == new_h:
            if in_cur:
                meta[key] = cur_meta[key]
        elif base_h is not None and cur_h == base_h:  # editor left it alone
            if in_new:
                meta[key] = machine.meta[key]
        elif base_h is not None and new_h == base_h:  # machine has nothing new
            if in_cur:
                meta[key] = cur_meta[key]
        elif base is not None and base_h is None and not in_cur and ROWS + key in base:
            # A list ingest wrote, which the editor deleted whole: it stays deleted, and rows not
            # rejected before are offered for review.
            if _without_rejected(machine.meta[key], base, key):
                conflicts.append(key)
        elif base is not None and base_h is None and not in_cur:  # a field the machine never wrote before
            meta[key] = _without_rejected(machine.meta[key], base, key)
        elif in_cur and not in_new:  # the machine has no opinion on the editor's field
            meta[key] = cur_meta[key]
        elif base is not None and new_h == base.get(OFFERED + key):  # offered before, and reviewed
            if in_cur:
                meta[key] = cur_meta[key]
        else:
            if in_cur:
                meta[key] = cur_meta[key]
            conflicts.append(key)
    cur_body, new_body = current.body.strip("\n"), machine.body.strip("\n")
    body_base = base.get(BODY_KEY) if base is not None else None
    cur_bh, new_bh = value_hash(cur_body), value_hash(new_body)
    if cur_bh == new_bh or (body_base is not None and new_bh == body_base) or \
            (base is not None and new_bh == base.get(OFFERED + BODY_KEY)):
        body = cur_body
    elif body_base is not None and cur_bh == body_base:
        body = new_body
    else:
        body = cur_body
        conflicts.append("body")
    return meta, body, conflicts


def reconcile(content: Path, machine_entries: list[MachineEntry], manifest: Manifest, *,
              workers: int | None = None) -> StoreReport:
    """Bring content/ up to date with the machine's entries, hand edits first.

    Every entry is checked before anything is written (all or nothing). Entries are independent of
    one another, so a large batch is written by several processes (`workers`, default as for
    extraction: one per core for 50 entries or more); the files, the report and the manifest are
    the same whatever their number."""
    from sitegen.ingest.extract import worker_count
    from sitegen.parallel import parallel_map

    entries = sorted(machine_entries, key=lambda e: e.relpath)
    _validate(content, entries)  # before anything is written: all or nothing
    bases = [manifest.entries.get(e.relpath) for e in entries]
    n = len(entries)
    nw = worker_count(n, workers)
    staging = _Staging(content)
    try:
        if nw > 1:
            # Contiguous chunks, one result list each: few and small messages between processes.
            n_chunks = min(n, nw * 4)
            edges = [n * k // n_chunks for k in range(n_chunks + 1)]
            parts = parallel_map(lambda k: [_reconcile_one(content, entries[i], bases[i], staging)
                                            for i in range(edges[k], edges[k + 1])], n_chunks, nw)
            outcomes = [o for part in parts for o in part]
        else:
            outcomes = [_reconcile_one(content, entry, base, staging) for entry, base in zip(entries, bases)]
        report = StoreReport()
        _apply(report, manifest, [e.relpath for e in entries], outcomes)
        staging.publish(report, manifest)
    except BaseException:
        staging.discard()
        raise
    return report


_KEEP = None  # an outcome's manifest hashes: leave the manifest's entry as it is


def _apply(report: StoreReport, manifest: Manifest, rels: list[str], outcomes: list) -> None:
    for rel, (kind, item, hashes) in zip(rels, outcomes):
        if kind == "unchanged":
            report.unchanged += 1
        else:
            getattr(report, kind).append(item)
        if hashes is not _KEEP:
            manifest.entries[rel] = hashes


class BatchStore:
    """reconcile() for entries that come in batches, as extraction makes them: each batch is checked
    (all of it before any of it is written), then written by a writer process while the caller makes
    the next one (in this process when `workers`, as for extraction, is one). close() waits for them
    all and gives the report one reconcile() of all the entries would give; the manifest is updated as
    it would be.

    Make it early, while this process is small: the writers are forked then, and get each batch through
    a pipe (so that they neither share nor copy the memory extraction fills later). Two writers (or
    `writers`), each taking every other batch: rendering and hashing, most of their work, go on side by
    side, while the file system creates files in one folder one at a time anyway; and two keep up with
    the caller making entries, so more would only wait.

    Entries of a kind whose folder does not exist yet (all of them, in a new briefing) are written
    into a hidden folder and moved into place by close(), one rename per kind (see _Staging);
    abort() removes them."""

    def __init__(self, content: Path, manifest: Manifest, workers: int | None = None, writers: int = 2):
        from sitegen.ingest.extract import worker_count

        self.content = content
        self.manifest = manifest
        self.report = StoreReport()
        self.writers: list[tuple[Any, Any]] = []  # (process, connection)
        self.pending: list[tuple[list[str], Any]] = []  # (entries' relpaths, connection), oldest first
        self.sent = 0
        self.seen: set[str] = set()
        self.staging = _Staging(content)  # before the writers are forked: they write into it
        n = worker_count(10_000, workers)  # batches are large: as for a large corpus
        if n > 1:
            import multiprocessing

            ctx = multiprocessing.get_context("fork")
            for _ in range(max(1, min(writers, n))):
                mine, theirs = ctx.Pipe()
                proc = ctx.Process(target=_writer, args=(theirs, self.staging), daemon=True)
                proc.start()
                theirs.close()
                self.writers.append((proc, mine))

    def submit(self, batch: list[MachineEntry]) -> None:
        entries = sorted(batch, key=lambda e: e.relpath)
        _validate(self.content, entries)
        rels = [e.relpath for e in entries]
        for rel, entry in zip(rels, entries):
            if rel in self.seen:
                raise SitegenError(f"two machine entries for {rel}", path=", ".join(entry.seeds) or None)
            self.seen.add(rel)
        bases = [self.manifest.entries.get(rel) for rel in rels]
        if not self.writers:
            _apply(self.report, self.manifest, rels,
                   [_reconcile_one(self.content, e, b, self.staging) for e, b in zip(entries, bases)])
            return
        if len(self.pending) >= len(self.writers):
            self._collect()  # the oldest batch: its writer is the next one free
        conn = self.writers[self.sent % len(self.writers)][1]
        self.sent += 1
        conn.send((self.content, entries, bases))
        self.pending.append((rels, conn))  # the entries themselves can go: the writer has them

    def _collect(self) -> None:
        rels, conn = self.pending.pop(0)
        try:
            status, payload = conn.recv()
        except EOFError:
            status, payload = "error", ("the process writing entries stopped unexpectedly", None, None)
        if status == "error":
            message, path, line = payload
            raise SitegenError(message, path=path, line=line)
        if status == "crash":
            raise RuntimeError(f"writing entries failed: {payload}")
        _apply(self.report, self.manifest, rels, payload)

    def close(self) -> StoreReport:
        try:
            while self.pending:
                self._collect()
            self._stop()
            self.staging.publish(self.report, self.manifest)
        except BaseException:
            self.abort()
            raise
        return StoreReport.combine([self.report])

    def abort(self) -> None:
        """Something went wrong elsewhere: let the batches under way finish, and forget them (and the
        new entries staged so far: the next ingest makes them again)."""
        for _, conn in self.pending:
            try:
                conn.recv()
            except (EOFError, OSError):
                pass
        self.pending.clear()
        self._stop()
        self.staging.discard()

    def _stop(self) -> None:
        for proc, conn in self.writers:
            try:
                conn.send(None)
            except OSError:
                pass
            conn.close()
            proc.join()
        self.writers.clear()


def _writer(conn, staging: "_Staging") -> None:
    """A writer process: reconcile each batch it is sent, send back the outcomes (or what went wrong)."""
    # What it inherited lives as long as it does: the cyclic collector need not go through it again
    # and again (and copy every page of it, shared with the parent, to mark it).
    gc.freeze()
    while True:
        try:
            job = conn.recv()
        except EOFError:
            break
        if job is None:
            break
        content, entries, bases = job
        try:
            reply = ("ok", [_reconcile_one(content, e, b, staging) for e, b in zip(entries, bases)])
        except SitegenError as exc:
            reply = ("error", (exc.message, exc.path, exc.line))
        except OSError as exc:
            reply = ("error", (f"cannot write entries: {exc.strerror or exc}",
                               exc.filename and str(exc.filename), None))
        except Exception as exc:  # noqa: BLE001 - reported by the parent, which raises it
            reply = ("crash", f"{type(exc).__name__}: {exc}")
        del job, entries, bases
        conn.send(reply)
    conn.close()


def _reconcile_one(content: Path, entry: MachineEntry, base: dict[str, str] | None,
                   staging: "_Staging | None" = None) -> tuple:
    """Bring one entry up to date. Returns (report list or "unchanged", its item, the manifest's new
    field hashes for the entry or _KEEP)."""
    rel = entry.relpath
    if staging is not None and entry.kind_dir in staging.kinds:
        # Its folder did not exist when ingest began, so neither does the file: nothing to merge.
        if base is not None:  # ingest wrote it once and an editor deleted it (with its folder)
            return "kept_deleted", rel, _KEEP
        staging.write(entry, render(entry.meta, entry.body))
        return "created", rel, field_hashes(entry.meta, entry.body) | row_hashes(entry.meta) | identity(entry)
    path = content / rel
    new_hashes = field_hashes(entry.meta, entry.body) | row_hashes(entry.meta) | identity(entry)
    sidecar = path.with_name(path.name[: -len(".md")] + SIDECAR_SUFFIX)
    machine_text = None

    def machine() -> str:
        nonlocal machine_text
        if machine_text is None:
            machine_text = render(entry.meta, entry.body)
        return machine_text

    if not _exists(path):
        if base is not None:  # ingest wrote it once and an editor deleted it: respect that
            return "kept_deleted", rel, _KEEP
        atomic_write(path, machine())
        return "created", rel, new_hashes

    if _is_symlink(path) or not _is_file(path):
        # Never write through a symlink or over a folder: the editor put it there on purpose.
        current_text, current = None, None
        conflicts = ["the entry is a symlink or not a regular file; it was left alone"]
    else:
        raw = path.read_bytes()
        try:
            current_text = raw.decode("utf-8")
        except UnicodeDecodeError:
            current_text = None
        if current_text == machine():
            hashes = {**{k: h for k, h in (base or {}).items() if k not in new_hashes}, **new_hashes}
            if _same(sidecar, machine_text):
                sidecar.unlink()  # the editor took the machine's version
            return "unchanged", None, hashes
        try:
            current = frontmatter.parse(current_text) if current_text is not None else None
        except frontmatter.FrontMatterError:
            current = None
        conflicts = ["front matter (the file does not parse)" if current_text is not None
                     else "the file is not UTF-8 text"]
    if current is None:
        meta, body = None, None
    else:
        extra: dict[str, str] = {}
        meta, body, conflicts = _merge(current, entry, base, extra)
        if render(meta, body) != current_text and frontmatter.has_comments(current_text):
            # Rewriting would drop the editor's YAML comments: leave the file exactly as it is
            # and offer the machine's version beside it.
            meta, body = None, None
            conflicts = ["front matter has comments, which a rewrite would drop; the file was left alone"]
    outcome: tuple[str, Any] = ("unchanged", None)
    if conflicts:
        if not _same(sidecar, machine()):
            atomic_write(sidecar, machine())
            outcome = ("conflicts", (rel, sidecar.name, conflicts))
        merged_base: dict[str, str] | None = dict(base or {})
        # What the sidecar offers is remembered: once the editor has reviewed it, the same finding
        # is not offered again (only a new one is).
        for key in conflicts:
            field_key = BODY_KEY if key == "body" else key
            if field_key in new_hashes:
                merged_base[OFFERED + field_key] = new_hashes[field_key]
        # Fields merged cleanly now carry the machine's new value as their ancestor.
        merged_base.update(identity(entry))  # (what the event is, not how its fields were merged)
        if meta is not None:
            merged_base.update(extra)
            merged_base.update({k: h for k, h in new_hashes.items() if k.startswith(ROWS)})
            for key, value in meta.items():
                if key in entry.meta and value_hash(value) == new_hashes.get(key):
                    merged_base[key] = new_hashes[key]
            if base is None:
                # A file written by hand before ingest knew it: the fields it lacks were offered in
                # the sidecar just now, so the next run treats them as set aside by the editor
                # rather than as new fields to slip into the file.
                for key in entry.meta:
                    if key not in current.meta:
                        merged_base[key] = new_hashes[key]
        elif base is None:
            merged_base = None  # nothing known about this file yet
    else:
        merged_base = dict(new_hashes)
        merged_base.update(extra if current is not None else {})
        for key, h in (base or {}).items():
            if key.startswith(OFFERED) and new_hashes.get(key[len(OFFERED):]) == h and key[len(OFFERED):] in base:
                merged_base[key[len(OFFERED):]] = base[key[len(OFFERED):]]  # reviewed: the ancestor stands
        # A field the editor deleted stays remembered even when the machine stops producing it,
        # so that it is not slipped back in when the machine produces it again later.
        for key, h in (base or {}).items():
            if key.startswith(ROWS):
                # The rows ingest wrote stay known while the file holds the list (or the editor
                # deleted it whole), not once ingest itself took the list out.
                name = key[len(ROWS):]
                if key not in new_hashes and (name in meta or name not in current.meta):
                    merged_base[key] = h
            elif key not in new_hashes and key not in current.meta:
                merged_base[key] = h
    if meta is not None:
        merged_text = render(meta, body)
        same = meta == current.meta and body == current.body.strip("\n")
        if not same and merged_text != current_text:
            atomic_write(path, merged_text)
            if not conflicts:
                outcome = ("merged" if base is not None and _edited(current, base) else "updated", rel)
    return outcome[0], outcome[1], merged_base if merged_base is not None else _KEEP


def retire_events(content: Path, manifest: Manifest, produced: set[str], report: StoreReport,
                  keep: set[str] = frozenset()) -> None:
    """Delete the event entries ingest wrote before and did not make this time, although it read
    every source they cite: what an editor's correction (a publication date, say) or a better
    reading of the article replaced. An event goes only while it is exactly as ingest wrote it and
    nothing else in content/ points at it; otherwise it stays, and is reported (kept_stale).
    `produced`: the relpaths of this run's entries; `keep`: slugs an editor renamed or merged into."""
    stale = []
    for rel, record in sorted(manifest.entries.items()):
        cited = record.get("@sources", "").split()
        if not rel.startswith("events/") or rel in produced or not cited:
            continue
        if not all(f"sources/{slug}.md" in produced for slug in cited):
            continue  # a source not read this time (unreadable, or its seed gone): nothing is known
        path = content / rel
        if _stat(path, follow=False) is None:
            continue  # deleted by hand: its record keeps it deleted
        stale.append(rel)
    if not stale:
        return
    referenced = _referenced(content, {rel[len("events/"):-len(".md")]: rel for rel in stale})
    for rel in stale:
        path = content / rel
        slug = rel[len("events/"):-len(".md")]
        if slug in keep or rel in referenced or not _untouched(path, manifest.entries[rel]):
            report.kept_stale.append(rel)
            continue
        path.unlink()
        del manifest.entries[rel]
        report.removed.append(rel)


def _untouched(path: Path, record: dict[str, str]) -> bool:
    """Whether an entry file is a regular file holding exactly what ingest last wrote, with no
    version of ingest's offered beside it."""
    sidecar = path.with_name(path.name[: -len(".md")] + SIDECAR_SUFFIX)
    if _is_symlink(path) or not _is_file(path) or _exists(sidecar):
        return False
    try:
        doc = frontmatter.parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, frontmatter.FrontMatterError):
        return False
    return not _edited(doc, record)


def _referenced(content: Path, slugs: dict[str, str]) -> set[str]:
    """The relpaths (of `slugs`: slug -> relpath) that some other Markdown file in content/ names."""
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(slugs, key=len, reverse=True)))
                         + r")(?![\w-])")
    found: set[str] = set()
    for path in sorted(content.rglob("*.md")):
        rel = path.relative_to(content).as_posix()
        if any(part.startswith(".") for part in rel.split("/")) or rel.endswith(SIDECAR_SUFFIX) \
                or rel in slugs.values() or not _is_file(path):
            continue  # (hidden folders hold no entries; a sidecar is ingest's own offer)
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        found.update(slugs[m.group(1)] for m in pattern.finditer(text) if slugs[m.group(1)] != rel)
    return found


class _Staging:
    """Where new entries go when their kind folder (content/sources, ...) does not exist yet, as in a
    new briefing: into the same folder inside a hidden one, content/.ingest-new.<pid>.<token>/, each
    file written once (no temporary name, no rename of its own), and publish() renames each kind
    folder into place in one step. Until then nothing reads them (the loader reads content/<kind>/
    only, `serve` ignores hidden folders); an ingest that stops before leaves no entry file in
    content/ at all, and the next one removes the hidden folder it left (sweep_staging()).

    Existing kind folders are not staged: their entries go through the merge, file by file."""

    def __init__(self, content: Path):
        self.content = content
        sweep_staging(content)
        self.kinds = frozenset(k for k in KIND_DIRS if _stat(content / k, follow=False) is None)
        self.root = content / f"{STAGING_PREFIX}{os.getpid()}.{secrets.token_hex(4)}"

    def write(self, entry: MachineEntry, text: str) -> None:
        write_new(self.root / entry.kind_dir / f"{entry.slug}.md", text)

    def publish(self, report: StoreReport, manifest: Manifest) -> None:
        """Move the staged entries into content/, and forget the hidden folder."""
        if not self.kinds or _stat(self.root, follow=False) is None:
            return
        for kind in sorted(self.kinds):
            src, dst = self.root / kind, self.content / kind
            if _stat(src, follow=False) is None:
                continue
            if _stat(dst, follow=False) is None:
                try:
                    os.rename(src, dst)  # the folder appears with every entry in it
                    continue
                except OSError:
                    if _stat(dst, follow=False) is None:
                        raise  # not because something took its place meanwhile
            self._publish_files(kind, src, dst, report, manifest)
        shutil.rmtree(self.root)

    def _publish_files(self, kind: str, src: Path, dst: Path, report: StoreReport,
                       manifest: Manifest) -> None:
        """The kind folder was made while ingest ran (by an editor): move the files one by one, and
        merge with any file made by hand meanwhile, as if it had been there from the start."""
        if dst.is_symlink() or not dst.is_dir() or not is_inside(dst, self.content):
            raise SitegenError(f"refusing to write through {self.content.name}/{kind}: it is a symlink or "
                               "not a folder; make it a real folder")
        clashes = []
        for name in sorted(os.listdir(src)):
            staged, target = src / name, dst / name
            try:
                os.link(staged, target)  # never over an existing file, unlike a rename
            except FileExistsError:
                clashes.append(name)
                continue
            except OSError:  # no hard links on this file system: a rename, unless a file is there
                if _stat(target, follow=False) is not None:
                    clashes.append(name)
                else:
                    os.replace(staged, target)
                continue
            os.unlink(staged)
        for name in clashes:
            doc = frontmatter.parse((src / name).read_text(encoding="utf-8"))
            entry = MachineEntry(kind, name[: -len(".md")], doc.meta, doc.body)
            outcome = _reconcile_one(self.content, entry, None)
            report.created.remove(entry.relpath)
            _apply(report, manifest, [entry.relpath], [outcome])
            if outcome[2] is _KEEP:
                manifest.entries.pop(entry.relpath, None)  # nothing known about the editor's file yet

    def discard(self) -> None:
        _remove_tree(self.root)


def sweep_staging(content: Path) -> None:
    """Remove the hidden folders of new entries left by ingests that stopped before the end (their
    process is gone); a folder of a running ingest stays."""
    try:
        names = [n for n in os.listdir(content) if n.startswith(STAGING_PREFIX)]
    except OSError:
        return
    for name in names:
        pid = name[len(STAGING_PREFIX):].split(".")[0]
        if pid.isdigit() and not _alive(int(pid)):
            _remove_tree(content / name)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, say
        return True
    return True


def _remove_tree(path: Path) -> None:
    st = _stat(path, follow=False)
    if st is not None and stat.S_ISDIR(st.st_mode):
        shutil.rmtree(path, ignore_errors=True)


def render(meta: dict[str, Any], body: str) -> str:
    """frontmatter.render(meta, body): the same text, written faster for ingest's entries."""
    return yamlout.render(meta, body)


# Path.exists() and friends, without building Path objects: the errors they take for "no".
_IGNORED = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)


def _stat(path: Path, follow: bool = True):
    try:
        return os.stat(path) if follow else os.lstat(path)
    except OSError as exc:
        if exc.errno in _IGNORED:
            return None
        raise


def _exists(path: Path) -> bool:
    return _stat(path) is not None


def _is_file(path: Path) -> bool:
    st = _stat(path)
    return st is not None and stat.S_ISREG(st.st_mode)


def _is_symlink(path: Path) -> bool:
    st = _stat(path, follow=False)
    return st is not None and stat.S_ISLNK(st.st_mode)


def _same(path: Path, text: str) -> bool:
    """True when `path` is a regular file holding exactly `text` (a symlink never counts)."""
    try:
        return not path.is_symlink() and path.is_file() and path.read_bytes() == text.encode("utf-8")
    except OSError:
        return False


def _validate(content: Path, entries: list[MachineEntry]) -> None:
    """Refuse machine entries that would be written anywhere but content/<kind>/<slug>.md."""
    seen: set[str] = set()
    folders_ok: set[str] = set()  # kind folders checked already
    for entry in entries:
        if entry.kind_dir not in KIND_DIRS or not is_slug(entry.slug):
            raise SitegenError(f"refusing to write an entry at {entry.kind_dir!r}/{entry.slug!r}: "
                               "not a content folder and a slug", path=", ".join(entry.seeds) or None)
        rel = entry.relpath
        if rel in seen:
            raise SitegenError(f"two machine entries for {rel}", path=", ".join(entry.seeds) or None)
        seen.add(rel)
        if entry.kind_dir not in folders_ok:
            folder = content / entry.kind_dir
            folders_ok.add(entry.kind_dir)
            if folder.exists() and (folder.is_symlink() or not is_inside(folder, content)):
                raise SitegenError(f"refusing to write through {content.name}/{entry.kind_dir}: it is a symlink; "
                                   "make it a real folder")
        if not isinstance(entry.meta, dict) or not all(isinstance(k, str) for k in entry.meta):
            raise SitegenError(f"machine entry {rel} has malformed fields")


def _edited(doc: frontmatter.Document, base: dict[str, str]) -> bool:
    # (What ingest records besides the fields, under "@" keys, is no part of the file.)
    return field_hashes(doc.meta, doc.body) != {k: h for k, h in base.items() if not k.startswith("@") or k == BODY_KEY}
