"""Editions: what changed in the briefing's content from one build to the next.

Each build that changes the content records an edition in `content/.editions/NNNN.json`: its
time and the entries added, changed (with what changed) and removed, and the statements and
disagreements added. `content/.editions/snapshot.tsv` holds what the last edition saw of each
entry (one line per entry), which the next build compares the content with. Both are plain
files kept with the content, so a deleted site or a fresh clone builds the same editions; an
edition's time is read from its record, never from the clock at render.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from sitegen.errors import SitegenError
from sitegen.frontmatter import value_hash
from sitegen.fsutil import atomic_write
from sitegen.model import Actor, Briefing, Entry, Event, Source

EDITIONS_DIR = ".editions"
SNAPSHOT = "snapshot.tsv"  # one line per entry, "kind/slug", in text order
KINDS = ("source", "actor", "event")
_RECORD = re.compile(r"^(\d{4,})\.json$")
# Front matter keys described by their own details rather than "field changed".
_DETAILED = {"event": {"date", "sources", "participants", "disagreements"}, "source": {"claims"}}


@dataclass
class EntryChange:
    kind: str  # source | actor | event
    slug: str
    change: str  # added | changed | removed
    title: str  # the entry's name or title when the edition was made
    details: list[str] = field(default_factory=list)  # for a change: what changed, one phrase each


@dataclass
class Edition:
    number: int
    time: str  # UTC, ISO 8601: 2025-04-01T09:30:00Z
    entries: list[EntryChange] = field(default_factory=list)
    statements: list[dict[str, str]] = field(default_factory=list)  # added: source, speaker, text
    disagreements: list[dict[str, str]] = field(default_factory=list)  # added: event, about
    # The first edition (the baseline) counts the entries of each kind rather than list them:
    # a briefing of ten thousand articles is not read back entry by entry at every build.
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def baseline(self) -> bool:
        """The first edition holds the whole briefing as first built: its entries are not news,
        and neither the pages nor the "What's new" page list them one by one."""
        return self.number == 1

    @property
    def path(self) -> str:
        return f"{self.number:04d}.json"

    def of(self, change: str, kind: str) -> list[EntryChange]:
        return [e for e in self.entries if e.change == change and e.kind == kind]

    def counts(self) -> str:
        """"2 sources, 3 events": how many entries of each kind this edition added, changed or
        removed (the baseline: how many there were)."""
        counts = self.totals or {kind: sum(1 for e in self.entries if e.kind == kind) for kind in KINDS}
        return ", ".join(f"{n:,} {kind}{'' if n == 1 else 's'}" for kind, n in counts.items() if n)

    def summary(self) -> str:
        """"2 sources, 3 events, 1 actor changed"."""
        counts = self.counts()
        return f"{counts} changed" if counts else "no entry changed"

    def to_json(self) -> str:
        data: dict[str, Any] = {"edition": self.number, "time": self.time}
        if self.baseline:
            data["totals"] = self.totals
        data.update(entries=[asdict(e) for e in self.entries], statements=self.statements,
                    disagreements=self.disagreements)
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _title(entry: Entry) -> str:
    return entry.name if isinstance(entry, Actor) else getattr(entry, "title", "")


def _claim_key(text: str, speaker: str | None) -> str:
    return value_hash([text, speaker or ""])[:12]


def snapshot_of(kind: str, entry: Entry) -> dict[str, Any]:
    """What an edition remembers of an entry, to say later what changed in it."""
    meta = entry.meta
    seen: dict[str, Any] = {"title": _title(entry), "body": value_hash(entry.body)[:12],
                            "fields": {k: value_hash(v)[:12] for k, v in sorted(meta.items())
                                       if k not in _DETAILED.get(kind, ())}}
    if isinstance(entry, Event):
        seen.update(date=entry.date.iso() if entry.date else "", sources=entry.sources,
                    participants=entry.participants, disagreements=[d.about for d in entry.disagreements])
    elif isinstance(entry, Source):
        seen["claims"] = [_claim_key(c.text, c.speaker) for c in entry.claims]
    return seen


def _details(kind: str, before: dict[str, Any], now: dict[str, Any], name: Callable[[str, str], str]) -> list[str]:
    """What changed in an entry, in short phrases: "new source: Reuters", "date: 2025-04 →
    2025-04-01". `name`: what to call the entry (kind, slug) a reference names."""
    out: list[str] = []
    if kind == "event":
        if before.get("date") != now["date"]:
            out.append(f"date: {before.get('date') or 'none'} → {now['date'] or 'none'}")
        for key, one, of in (("sources", "source", "source"), ("participants", "participant", "actor")):
            old, new = before.get(key) or [], now[key]
            out += [f"new {one}: {name(of, s)}" for s in new if s not in old]
            out += [f"{one} removed: {name(of, s)}" for s in old if s not in new]
    if before.get("title") != now["title"]:
        out.append(f"renamed from: {before.get('title')}")
    old_fields, new_fields = before.get("fields") or {}, now["fields"]
    changed = sorted(k for k in old_fields.keys() | new_fields.keys() if old_fields.get(k) != new_fields.get(k)
                     and k not in ("title", "name"))
    if changed:
        out.append("changed: " + ", ".join(changed))
    if before.get("body") != now["body"]:
        out.append("text changed")
    return out


class Editions:
    """The editions recorded in a content folder, and the one this build may add."""

    def __init__(self, content: Path, records: list[Edition], snapshot: dict[str, tuple[str, str]]):
        self.folder = content / EDITIONS_DIR
        self.records = records  # oldest first
        self.snapshot = snapshot  # "kind/slug" -> (sha, details as JSON text)
        self.pending: Edition | None = None
        self._new_snapshot: dict[str, tuple[str, str]] | None = None
        self._read = hashlib.blake2b(digest_size=16)  # of the record files as read
        self._digest: str | None = None
        self._marks: dict[tuple[str, str], EntryChange] | None = None

    @classmethod
    def load(cls, content: Path) -> "Editions":
        """Every edition record and the snapshot; a record that cannot be read is one clear error."""
        folder = content / EDITIONS_DIR
        records: list[Edition] = []
        snapshot: dict[str, tuple[str, str]] = {}
        read = hashlib.blake2b(digest_size=16)
        if folder.is_dir():
            for name in sorted(os.listdir(folder), key=lambda n: (len(n), n)):  # 9999 before 10000
                if _RECORD.match(name):
                    edition, raw = _read_record(folder / name)
                    records.append(edition)
                    read.update(_record_digest(name, raw))
            snapshot = _read_snapshot(folder / SNAPSHOT)
        for before, after in zip(records, records[1:]):
            if after.number == before.number:
                raise SitegenError(f"edition {after.number} is recorded twice", (folder / after.path).as_posix())
        editions = cls(content, records, snapshot)
        editions._read = read
        return editions

    def latest(self) -> Edition | None:
        return self.records[-1] if self.records else None

    def compare(self, briefing: Briefing, digests: Mapping[tuple[str, str], str],
                moved: Mapping[tuple[str, str], str] | None = None) -> Edition | None:
        """The edition this content makes, if it differs from the last edition's (`digests`: each
        entry's file digest, by (kind, slug)); it is added to `records`, and saved by `save`.
        `moved`: where merged and renamed entries went, (kind, old slug) -> new slug."""
        tables = {"source": briefing.sources, "actor": briefing.actors, "event": briefing.events}

        def name(kind: str, slug: str) -> str:
            entry = tables[kind].get(slug)
            if entry is None:
                return slug
            return getattr(entry, "outlet", "") or _title(entry) or slug

        now = {f"{kind}/{slug}": sha for (kind, slug), sha in digests.items()}
        before_of = self.snapshot.get
        differ = [key for key, sha in now.items() if (before_of(key) or ("",))[0] != sha]
        differ += [key for key in self.snapshot.keys() - now.keys()]
        if not differ:
            return None
        edition = Edition(number=(self.records[-1].number + 1) if self.records else 1, time=_clock())
        snapshot = dict(self.snapshot)
        for key in sorted(differ, key=_order):
            kind, _, slug = key.partition("/")
            old = self.snapshot.get(key)
            if key not in now:
                before = self._seen(key)
                went = (moved or {}).get((kind, slug))
                edition.entries.append(EntryChange(kind, slug, "removed", before.get("title", slug),
                                                   [f"now part of: {name(kind, went)}"] if went in tables[kind] else []))
                del snapshot[key]
                continue
            if old is not None and old[0] == now[key]:
                continue
            entry = tables[kind][slug]
            seen = snapshot_of(kind, entry)
            snapshot[key] = (now[key], json.dumps(seen, ensure_ascii=False, sort_keys=True))
            before = self._seen(key) if old is not None else {}
            details = _details(kind, before, seen, name) if old is not None else []
            said = _new_statements(entry, before)
            if old is not None and not details:
                # (what it says, listed under "Statements added"; else only how the file is written)
                details = [f"{len(said)} statement{'s' if len(said) > 1 else ''} added"] if said else ["formatting"]
            edition.entries.append(EntryChange(kind, slug, "changed" if old is not None else "added",
                                               seen["title"], details))
            edition.statements += said
            edition.disagreements += [{"event": slug, "about": about} for about in seen.get("disagreements", [])
                                      if about not in (before.get("disagreements") or [])]
        if edition.baseline:
            edition.totals = {kind: sum(1 for e in edition.entries if e.kind == kind) for kind in KINDS}
            edition.entries, edition.statements, edition.disagreements = [], [], []
        self.pending, self._new_snapshot = edition, snapshot
        self.records.append(edition)
        self._marks = self._digest = None
        return edition

    def _seen(self, key: str) -> dict[str, Any]:
        try:
            seen = json.loads(self.snapshot[key][1])
        except json.JSONDecodeError:
            seen = None
        if not isinstance(seen, dict):
            raise SitegenError(f"damaged snapshot line for {key}; restore the file from version control",
                               (self.folder / SNAPSHOT).as_posix())
        return seen

    def save(self) -> bool:
        """Write the pending edition's record and the new snapshot (each atomically). Whether
        that made the editions folder (which changes the content folder's own signature)."""
        if self.pending is None or self._new_snapshot is None:
            return False
        made = not self.folder.is_dir()
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write(self.folder / self.pending.path, self.pending.to_json(), 0o644)
        lines = [f"{key}\t{sha}\t{seen}\n" for key, (sha, seen) in sorted(self._new_snapshot.items())]
        atomic_write(self.folder / SNAPSHOT, "".join(lines), 0o644)
        self.pending = None
        return made

    def digest(self) -> str:
        """Every record, for the incremental build's page keys: the same for the records read
        from their files as for the same records made by this build."""
        if self._digest is None:
            h = self._read.copy()
            if self.pending is not None:
                h.update(_record_digest(self.pending.path, self.pending.to_json().encode("utf-8")))
            self._digest = h.hexdigest()
        return self._digest

    def marks(self) -> dict[tuple[str, str], EntryChange]:
        """The entries the latest edition added or changed, by (kind, slug)."""
        if self._marks is None:
            latest = self.latest()
            self._marks = {} if latest is None or latest.baseline else \
                {(e.kind, e.slug): e for e in latest.entries if e.change != "removed"}
        return self._marks

    def note(self, kind: str, slug: str) -> dict[str, Any] | None:
        """What an entry's page says of the latest edition, when it added or changed the entry."""
        change = self.marks().get((kind, slug))
        if change is None:
            return None
        latest = self.records[-1]
        return {"number": latest.number, "time": latest.time, "when": human_time(latest.time),
                "change": change.change, "details": change.details, "href": f"changes/index.html#edition-{latest.number}"}

    def dep_digest(self, dep: tuple) -> str:
        """The digest of an ("edition",) or ("edition", kind, slug) dependency (fingerprint.py)."""
        if len(dep) == 1:
            return self.digest()
        note = self.note(dep[1], dep[2])
        return "" if note is None else value_hash(note)

    def changed_deps(self) -> set[tuple]:
        """The edition dependencies a new edition changes: the list of editions, and the marks of
        the entries in it and in the one before (whose pages no longer say they changed)."""
        deps: set[tuple] = {("edition",)}
        for edition in self.records[-2:]:
            if not edition.baseline:
                deps.update(("edition", e.kind, e.slug) for e in edition.entries)
        return deps


def _record_digest(name: str, raw: bytes) -> bytes:
    return hashlib.blake2b(name.encode() + b"\0" + raw, digest_size=16).digest()


def _new_statements(entry: Entry, before: dict[str, Any]) -> list[dict[str, str]]:
    if not isinstance(entry, Source):
        return []
    old = set(before.get("claims") or [])
    return [{"source": entry.slug, "speaker": c.speaker or "", "text": c.text}
            for c in entry.claims if _claim_key(c.text, c.speaker) not in old]


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def human_time(stamp: str) -> str:
    """2025-04-01T09:30:00Z -> 1 April 2025, 09:30 UTC."""
    year, month, day = stamp[:4], int(stamp[5:7]), int(stamp[8:10])
    return f"{day} {_MONTHS[month - 1]} {year}, {stamp[11:16]} UTC"


def _order(key: str) -> tuple[int, str]:
    kind, _, slug = key.partition("/")
    return (KINDS.index(kind) if kind in KINDS else len(KINDS), slug)


def _clock() -> str:
    """Now, in UTC; SOURCE_DATE_EPOCH (seconds) when set, for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    seconds = int(epoch) if epoch.isdigit() else int(time.time())
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def _read_record(path: Path) -> tuple[Edition, bytes]:
    """An edition record, and its file's bytes."""
    where = path.as_posix()
    try:
        raw = path.read_bytes()
        data = json.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SitegenError(f"cannot read edition record: {getattr(exc, 'strerror', None) or exc}", where) from None
    except json.JSONDecodeError as exc:
        raise SitegenError(f"edition record is not valid JSON ({exc.msg})", where, exc.lineno) from None
    try:
        number = data["edition"]
        stamp = data["time"]
        if not isinstance(number, int) or number != int(path.name[:-5]):
            raise ValueError(f"'edition' must be {int(path.name[:-5])}, the number in the file name")
        if not isinstance(stamp, str) or not _TIME.match(stamp):
            raise ValueError("'time' must be a UTC time like 2025-04-01T09:30:00Z")
        entries = [_entry_change(item) for item in data.get("entries", [])]
        statements = [_texts(item, ("source", "speaker", "text")) for item in data.get("statements", [])]
        disagreements = [_texts(item, ("event", "about")) for item in data.get("disagreements", [])]
        totals = data.get("totals", {})
        if not isinstance(totals, dict) or not all(k in KINDS and isinstance(n, int) for k, n in totals.items()):
            raise ValueError("'totals' must map source, actor and event to a number")
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        reason = f"missing '{exc.args[0]}'" if isinstance(exc, KeyError) else str(exc) or "malformed"
        raise SitegenError(f"edition record is damaged: {reason}; restore it from version control", where) from None
    return Edition(number, stamp, entries, statements, disagreements, totals), raw


def _texts(item: dict, keys: Iterable[str]) -> dict[str, str]:
    out = {k: item[k] for k in keys}
    if not all(isinstance(v, str) for v in out.values()):
        raise ValueError(f"{', '.join(keys)} must be text")
    return out


def _entry_change(item: dict) -> EntryChange:
    change = EntryChange(**_texts(item, ("kind", "slug", "change", "title")),
                         details=list(item.get("details", [])))
    if change.kind not in KINDS or change.change not in ("added", "changed", "removed") \
            or not all(isinstance(d, str) for d in change.details):
        raise ValueError(f"entry {change.kind}/{change.slug} is malformed")
    return change


def _read_snapshot(path: Path) -> dict[str, tuple[str, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise SitegenError(f"cannot read: {getattr(exc, 'strerror', None) or exc}", path.as_posix()) from None
    out: dict[str, tuple[str, str]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        parts = line.split("\t", 2)
        if len(parts) != 3 or "/" not in parts[0]:
            raise SitegenError("damaged snapshot line; restore the file from version control",
                               path.as_posix(), number)
        out[parts[0]] = (parts[1], parts[2])
    return out
