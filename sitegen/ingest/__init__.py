"""Ingest: read seeds -> clean -> extract -> write entries, without clobbering hand edits."""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from sitegen.errors import Problem, SitegenError
from sitegen.fsutil import atomic_write, is_inside
from sitegen.ingest.store import BatchStore, Manifest, StoreReport, retire_events
from sitegen.ingest.types import KnownActor, KnownEvent, Seed, SeedFacts
from sitegen.load import load_briefing


@dataclass
class IngestResult:
    seeds: int = 0
    store: StoreReport = field(default_factory=StoreReport)
    problems: list[Problem] = field(default_factory=list)
    added_seeds: list[str] = field(default_factory=list)
    missing_seeds: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (skipped seed, seed with the same text)


def seed_files(seeds_dir: Path) -> list[Path]:
    """The article files in seeds_dir and its folders (not hidden ones, nor through symlinked folders)."""
    return [path for path, _ in _seed_entries(seeds_dir)]


def _seed_entries(seeds_dir: Path) -> list[tuple[Path, bool]]:
    """seed_files(seeds_dir), each with whether it is a symlink. One scandir per folder tells files
    from folders (rglob and is_file() cost a stat per file); the same files, in the same order."""
    from sitegen.ingest.read import SEED_SUFFIXES

    if not seeds_dir.is_dir():
        return []
    found: list[tuple[Path, bool]] = []
    folders = [seeds_dir]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as it:
                items = list(it)
        except PermissionError:
            continue
        for item in items:
            if item.name.startswith("."):
                continue  # hidden: neither it nor anything in it is a seed
            path = folder / item.name
            try:
                if item.is_dir(follow_symlinks=False):
                    folders.append(path)
                elif path.suffix.lower() in SEED_SUFFIXES and item.is_file():
                    found.append((path, item.is_symlink()))
            except OSError:
                continue
    found.sort(key=lambda f: f[0])
    return found


def _seed_rels(entries: list[tuple[Path, bool]], seeds_dir: Path, root: Path) -> list[str]:
    """[_rel(path, root) for each seed], resolving the seeds folder once rather than every file in it:
    a seed found by _seed_entries lies in real folders under it, so only a symlinked file (or a seeds
    folder outside root) needs resolving on its own."""
    try:
        base = seeds_dir.resolve().relative_to(root.resolve())
    except ValueError:
        base = None
    return [_rel(path, root) if base is None or link else (base / path.relative_to(seeds_dir)).as_posix()
            for path, link in entries]


def _sha256(path: Path) -> str:
    from sitegen.ingest.read import seed_digest

    return seed_digest(path)


def seeds_changed(root: Path, seeds_dir: Path, content: Path) -> bool:
    """True when a seed is new or changed since the last ingest (cheap: hashes only)."""
    manifest = Manifest.load(content)
    found = _seed_entries(seeds_dir)
    current = {rel: _sha256(path) for (path, _), rel in zip(found, _seed_rels(found, seeds_dir, root))}
    return any(manifest.seeds.get(path) != sha for path, sha in current.items())


def add_seed_files(paths: list[Path], seeds_dir: Path, root: Path) -> list[str]:
    """Copy articles from outside seeds/ into it, so the briefing keeps what it was built from."""
    from sitegen.ingest.read import SEED_SUFFIXES, sidecar_of

    added: list[str] = []
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(seed_files(path))
        elif path.is_file():
            if path.suffix.lower() not in SEED_SUFFIXES:
                raise SitegenError(f"not an article file (expected {', '.join(SEED_SUFFIXES)})", path=str(path))
            files.append(path)
        else:
            raise SitegenError("no such file or folder", path=str(path))
    files = [path for path in files if not is_inside(path, seeds_dir)]
    if not files:
        return added  # (without hashing every seed there is)
    existing = {_sha256(p): p for p in seed_files(seeds_dir)}
    for path in files:
        sha = _sha256(path)
        if sha in existing:
            continue  # the same article is already a seed
        target = seeds_dir / path.name
        if target.exists():
            target = seeds_dir / f"{path.stem}-{sha[:8]}{path.suffix}"
        seeds_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        if sidecar_of(path).is_file():  # the article's facts go with it
            shutil.copyfile(sidecar_of(path), sidecar_of(target))
        existing[sha] = target
        added.append(_rel(target, root))
    return added


def add_seed_text(data: bytes, seeds_dir: Path, root: Path, name: str = "stdin") -> str:
    """Store an article read from standard input as a seed file named by its hash."""
    if not data.strip():
        raise SitegenError("no article on standard input", path="-")
    sha = hashlib.sha256(data).hexdigest()
    for path in seed_files(seeds_dir):
        if _sha256(path) == sha:
            return _rel(path, root)
    target = seeds_dir / f"{name}-{sha[:12]}.txt"
    atomic_write(target, data)
    return _rel(target, root)


# Manifest key of a source entry: the hash of the publication date the editor set in it, which ingest
# has since written too (and would otherwise take for its own, and replace by the text's).
EDITED_PUBLISHED = "@edited:published"


def _from_content(root: Path, content: Path, manifest: Manifest, editor_dated: dict[str, tuple[str, str]]
                  ) -> tuple[list[KnownActor], dict[str, SeedFacts], list[KnownEvent]]:
    """What ingest takes from content/: the actors there, the publication dates the editor set in
    source entries (seed path -> facts), which the next extraction dates the article from, and the
    events there, whose slugs the same happenings keep. `editor_dated` receives, for each seed the
    editor dated, its source entry's relpath and the date's hash."""
    from sitegen.ingest.store import value_hash

    briefing, _ = load_briefing(root, content)
    known = [KnownActor(a.slug, a.name, a.kind, tuple(a.aliases), a.role, tuple(a.affiliations))
             for a in briefing.actors.values() if a.name]
    facts: dict[str, SeedFacts] = {}
    for source in briefing.sources.values():
        if not source.seed or source.published is None:
            continue
        record = manifest.entries.get(f"sources/{source.slug}.md", {})
        given = value_hash(source.published.iso())
        # The editor's date: one ingest did not write, or one an ingest took from the editor before
        # (and so wrote itself, the same).
        if (record.get("published") not in (None, given)) or record.get(EDITED_PUBLISHED) == given:
            facts[source.seed] = SeedFacts(published=source.published.iso())
            editor_dated[source.seed] = (f"sources/{source.slug}.md", given)
    seed_of = {slug: src.seed for slug, src in briefing.sources.items() if src.seed}
    events = [KnownEvent(e.slug, e.date.iso(), tuple(sorted(seed_of[s] for s in e.sources if s in seed_of)),
                         tuple(e.participants))
              for e in briefing.events.values() if e.date is not None]
    # Events the editor deleted are known too: found again, in whatever words, they stay deleted.
    for rel, record in sorted(manifest.entries.items()):
        if rel.startswith("events/") and record.get("@date") and not (content / rel).exists():
            seeds = tuple(sorted(seed_of[s] for s in record.get("@sources", "").split() if s in seed_of))
            events.append(KnownEvent(rel[len("events/"):-len(".md")], record["@date"], seeds,
                                     tuple(record.get("@participants", "").split())))
    return known, facts, events


def ingest(root: Path, seeds_dir: Path, content: Path) -> IngestResult:
    """Extract every seed and reconcile the machine's entries with content/."""
    from sitegen.ingest.extract import POOL_MIN_ARTICLES

    result = IngestResult()
    found = _seed_entries(seeds_dir)
    files = [path for path, _ in found]
    rels = _seed_rels(found, seeds_dir, root)
    content.mkdir(parents=True, exist_ok=True)
    manifest = Manifest.load(content)
    _records_follow_renames(manifest, content)
    # The entries are written in batches as extraction makes them (they are never all in memory at
    # once), by processes started now, while this one is small.
    store = BatchStore(content, manifest, workers=None if len(files) >= POOL_MIN_ARTICLES else 1)
    try:
        return _ingest(root, files, rels, content, manifest, store, result)
    except BaseException:
        store.abort()
        raise


def _ingest(root: Path, files: list[Path], rels: list[str], content: Path, manifest: Manifest,
            store: BatchStore, result: IngestResult) -> IngestResult:
    from sitegen.ingest.extract import extract_corpus
    from sitegen.ingest.read import read_seed

    seeds: list[Seed] = []
    first_with: dict[str, str] = {}
    for path, rel in zip(files, rels):
        try:
            seed = read_seed(path, rel)
        except SitegenError as exc:
            result.problems.append(Problem(exc.path or rel, exc.line, exc.message))
            continue
        # The same article saved twice is one source, not two that corroborate each other.
        if seed.sha256 in first_with:
            result.duplicates.append((rel, first_with[seed.sha256]))
            continue
        first_with[seed.sha256] = rel
        seeds.append(seed)
    seed = None  # the list holds the texts now
    editor_dated: dict[str, tuple[str, str]] = {}
    known, edited, known_events = _from_content(root, content, manifest, editor_dated)
    seeds = [replace(s, facts=s.facts.merged(edited[s.path])) if s.path in edited else s for s in seeds]
    refused: list[Problem] = []
    ingested = [(s.path, s.sha256) for s in seeds]
    # Hand extraction the only reference to the articles' texts, so that it can let them go once
    # they are read.
    handed = [seeds]
    del seeds
    moved = _moved(content)
    gone = _deleted(content, manifest)
    sink = store.submit if not (moved or gone) else _RedirectingSink(store.submit, moved, gone)
    extract_corpus(handed.pop(), known, problems=refused, sink=sink, known_events=known_events)
    result.problems.extend(refused)
    # A seed refused for having no article text is reported like an unreadable one, and is not
    # recorded as ingested.
    refused_paths = {p.path for p in refused}
    ingested = [(path, sha) for path, sha in ingested if path not in refused_paths]
    result.seeds = len(ingested)
    result.store = store.close()
    # Events ingest made before and no longer makes from the same articles (an editor dated one,
    # say) go, unless the editor has them; renamed and merged ones are the editor's.
    retire_events(content, manifest, store.seen, result.store,
                  keep={new for (kind, _), new in moved.items() if kind == "event"})
    current = {path for path, _ in ingested}
    for seed_path, (rel, given) in editor_dated.items():
        if seed_path in current and rel in manifest.entries:
            manifest.entries[rel][EDITED_PUBLISHED] = given
    current_text = {sha for _, sha in ingested} | set(first_with)
    # A seed whose text is still here under another name was renamed, not removed.
    result.missing_seeds = sorted(p for p, sha in manifest.seeds.items()
                                  if p not in current and sha not in current_text and not (root / p).exists())
    manifest.seeds = dict(ingested)
    manifest.save(content)
    return result


_KIND_OF_DIR = {"sources": "source", "actors": "actor", "events": "event"}


def _moved(content: Path) -> dict[tuple[str, str], str]:
    """(kind, old slug) -> the slug it went to, from the merges and renames the editor made."""
    from sitegen.redirects import read_redirects

    return {(r.kind, r.old): r.new for r in read_redirects(content)}


def _records_follow_renames(manifest: Manifest, content: Path) -> None:
    """What ingest recorded of an entry the editor renamed goes with it to its new name, so that the
    renamed file is still ingest's to update (and, deleted later, stays deleted)."""
    plural = {kind: kind_dir for kind_dir, kind in _KIND_OF_DIR.items()}
    for (kind, old), new in sorted(_moved(content).items()):
        old_rel, new_rel = f"{plural[kind]}/{old}.md", f"{plural[kind]}/{new}.md"
        if old_rel in manifest.entries and new_rel not in manifest.entries and not (content / old_rel).exists():
            manifest.entries[new_rel] = manifest.entries.pop(old_rel)


def _deleted(content: Path, manifest: Manifest) -> set[tuple[str, str]]:
    """(kind, slug) of the entries ingest wrote and the editor deleted: rejected, with every
    reference to them."""
    out = set()
    for rel, record in manifest.entries.items():
        kind_dir, _, name = rel.partition("/")
        if record and kind_dir in _KIND_OF_DIR and name.endswith(".md") and not (content / rel).exists():
            out.add((_KIND_OF_DIR[kind_dir], name[:-3]))
    return out


class _RedirectingSink:
    """Hands extraction's entries on with the editor's merges and renames applied and the entries
    the editor deleted left out of every reference; of two entries that land on one slug (the old
    and the new name of one actor), the first is kept."""

    def __init__(self, submit, moved: dict[tuple[str, str], str], gone: set[tuple[str, str]] = frozenset()):
        self.submit, self.moved, self.gone, self.seen = submit, moved, gone, set()

    def __call__(self, batch: list) -> None:
        out = []
        for entry in batch:
            entry = _redirected(entry, self.moved, self.gone)
            if (entry.kind_dir, entry.slug) not in self.seen:
                self.seen.add((entry.kind_dir, entry.slug))
                out.append(entry)
        self.submit(out)


def _redirected(entry, moved: dict[tuple[str, str], str], gone: set[tuple[str, str]] = frozenset()):
    """A machine entry with every slug a merge or rename moved replaced by where it went (an actor
    merged into another is found again as that one, and references follow), and no reference to
    an entry the editor deleted."""
    from sitegen.refs import REF_KEYS

    kind = _KIND_OF_DIR[entry.kind_dir]
    entry.slug = moved.get((kind, entry.slug), entry.slug)

    def follow(value, key: str | None):
        if isinstance(value, dict):
            return {k: follow(v, k) for k, v in value.items()}
        if isinstance(value, list):
            out = [follow(v, key) for v in value]
            refs = any(key in keys for keys in REF_KEYS.values())
            if refs and all(isinstance(v, str) or v is None for v in out):
                return list(dict.fromkeys(v for v in out if v is not None))
            return out
        if isinstance(value, str) and key is not None:
            for ref_kind, keys in REF_KEYS.items():
                if key in keys:
                    value = moved.get((ref_kind, value), value)
                    return None if (ref_kind, value) in gone else value
        return value

    entry.meta = follow(entry.meta, None)
    return entry


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
