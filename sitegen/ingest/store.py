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

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitegen import frontmatter
from sitegen.errors import SitegenError
from sitegen.fsutil import atomic_write, is_inside
from sitegen.ingest.types import MachineEntry
from sitegen.load import KIND_DIRS, SIDECAR_SUFFIX
from sitegen.slugs import is_slug

MANIFEST_NAME = ".ingest.json"
BODY_KEY = "@body"
MANIFEST_VERSION = 1


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
        data = {"version": MANIFEST_VERSION, "seeds": self.seeds, "entries": self.entries}
        return json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False) + "\n"

    def save(self, content: Path) -> bool:
        """Write if changed; return whether anything was written."""
        path = content / MANIFEST_NAME
        text = self.dumps()
        if path.is_file() and path.read_bytes() == text.encode("utf-8"):
            return False
        atomic_write(path, text)
        return True


@dataclass
class StoreReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)  # hand-edited, machine changes merged in
    conflicts: list[tuple[str, str, list[str]]] = field(default_factory=list)  # entry, sidecar, fields
    kept_deleted: list[str] = field(default_factory=list)  # deleted by hand: not recreated
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.merged or self.conflicts)


def field_hashes(meta: dict[str, Any], body: str) -> dict[str, str]:
    hashes = {key: frontmatter.value_hash(value) for key, value in meta.items()}
    hashes[BODY_KEY] = frontmatter.value_hash(body.strip("\n"))
    return hashes


def _merge(current: frontmatter.Document, machine: MachineEntry, base: dict[str, str] | None
           ) -> tuple[dict[str, Any], str, list[str]]:
    """Three-way merge per field. Returns (meta, body, conflicting field names)."""
    conflicts: list[str] = []
    cur_meta = current.meta
    meta: dict[str, Any] = {}
    keys = list(cur_meta) + [k for k in machine.meta if k not in cur_meta]
    for key in keys:
        in_cur, in_new = key in cur_meta, key in machine.meta
        cur_h = frontmatter.value_hash(cur_meta[key]) if in_cur else None
        new_h = frontmatter.value_hash(machine.meta[key]) if in_new else None
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
        elif base is not None and base_h is None and not in_cur:  # a field the machine never wrote before
            meta[key] = machine.meta[key]
        elif in_cur and not in_new:  # the machine has no opinion on the editor's field
            meta[key] = cur_meta[key]
        else:
            if in_cur:
                meta[key] = cur_meta[key]
            conflicts.append(key)
    cur_body, new_body = current.body.strip("\n"), machine.body.strip("\n")
    body_base = base.get(BODY_KEY) if base is not None else None
    cur_bh, new_bh = frontmatter.value_hash(cur_body), frontmatter.value_hash(new_body)
    if cur_bh == new_bh or (body_base is not None and new_bh == body_base):
        body = cur_body
    elif body_base is not None and cur_bh == body_base:
        body = new_body
    else:
        body = cur_body
        conflicts.append("body")
    return meta, body, conflicts


def reconcile(content: Path, machine_entries: list[MachineEntry], manifest: Manifest) -> StoreReport:
    """Bring content/ up to date with the machine's entries, hand edits first."""
    report = StoreReport()
    entries = sorted(machine_entries, key=lambda e: e.relpath)
    _validate(content, entries)  # before anything is written: all or nothing
    for entry in entries:
        rel = entry.relpath
        path = content / rel
        machine_text = frontmatter.render(entry.meta, entry.body)
        new_hashes = field_hashes(entry.meta, entry.body)
        base = manifest.entries.get(rel)
        sidecar = path.with_name(path.name[: -len(".md")] + SIDECAR_SUFFIX)

        if not path.exists():
            if base is not None:  # ingest wrote it once and an editor deleted it: respect that
                report.kept_deleted.append(rel)
                continue
            atomic_write(path, machine_text)
            manifest.entries[rel] = new_hashes
            report.created.append(rel)
            continue

        if path.is_symlink() or not path.is_file():
            # Never write through a symlink or over a folder: the editor put it there on purpose.
            current_text, current = None, None
            conflicts = ["the entry is a symlink or not a regular file; it was left alone"]
        else:
            raw = path.read_bytes()
            try:
                current_text = raw.decode("utf-8")
            except UnicodeDecodeError:
                current_text = None
            if current_text == machine_text:
                manifest.entries[rel] = {**{k: h for k, h in (base or {}).items() if k not in new_hashes},
                                         **new_hashes}
                if _same(sidecar, machine_text):
                    sidecar.unlink()  # the editor took the machine's version
                report.unchanged += 1
                continue
            try:
                current = frontmatter.parse(current_text) if current_text is not None else None
            except frontmatter.FrontMatterError:
                current = None
            conflicts = ["front matter (the file does not parse)" if current_text is not None
                         else "the file is not UTF-8 text"]
        if current is None:
            meta, body = None, None
        else:
            meta, body, conflicts = _merge(current, entry, base)
            if frontmatter.render(meta, body) != current_text and frontmatter.has_comments(current_text):
                # Rewriting would drop the editor's YAML comments: leave the file exactly as it is
                # and offer the machine's version beside it.
                meta, body = None, None
                conflicts = ["front matter has comments, which a rewrite would drop; the file was left alone"]
        if conflicts:
            if not _same(sidecar, machine_text):
                atomic_write(sidecar, machine_text)
                report.conflicts.append((rel, sidecar.name, conflicts))
            else:
                report.unchanged += 1
            merged_base: dict[str, str] | None = dict(base or {})
            # Fields merged cleanly now carry the machine's new value as their ancestor.
            if meta is not None:
                for key, value in meta.items():
                    if key in entry.meta and frontmatter.value_hash(value) == new_hashes.get(key):
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
            # A field the editor deleted stays remembered even when the machine stops producing it,
            # so that it is not slipped back in when the machine produces it again later.
            for key, h in (base or {}).items():
                if key not in new_hashes and key not in current.meta:
                    merged_base[key] = h
        if meta is not None:
            merged_text = frontmatter.render(meta, body)
            same = meta == current.meta and body == current.body.strip("\n")
            if not same and merged_text != current_text:
                atomic_write(path, merged_text)
                if not conflicts:
                    (report.merged if base is not None and _edited(current, base) else report.updated).append(rel)
            elif not conflicts:
                report.unchanged += 1
        if merged_base is not None:
            manifest.entries[rel] = merged_base
    return report


def _same(path: Path, text: str) -> bool:
    """True when `path` is a regular file holding exactly `text` (a symlink never counts)."""
    try:
        return not path.is_symlink() and path.is_file() and path.read_bytes() == text.encode("utf-8")
    except OSError:
        return False


def _validate(content: Path, entries: list[MachineEntry]) -> None:
    """Refuse machine entries that would be written anywhere but content/<kind>/<slug>.md."""
    seen: set[str] = set()
    for entry in entries:
        if entry.kind_dir not in KIND_DIRS or not is_slug(entry.slug):
            raise SitegenError(f"refusing to write an entry at {entry.kind_dir!r}/{entry.slug!r}: "
                               "not a content folder and a slug", path=", ".join(entry.seeds) or None)
        rel = entry.relpath
        if rel in seen:
            raise SitegenError(f"two machine entries for {rel}", path=", ".join(entry.seeds) or None)
        seen.add(rel)
        folder = content / entry.kind_dir
        if folder.exists() and (folder.is_symlink() or not is_inside(folder, content)):
            raise SitegenError(f"refusing to write through {content.name}/{entry.kind_dir}: it is a symlink; "
                               "make it a real folder")
        if not isinstance(entry.meta, dict) or not all(isinstance(k, str) for k in entry.meta):
            raise SitegenError(f"machine entry {rel} has malformed fields")


def _edited(doc: frontmatter.Document, base: dict[str, str]) -> bool:
    return field_hashes(doc.meta, doc.body) != base
