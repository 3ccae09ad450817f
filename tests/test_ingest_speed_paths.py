"""Ingest's fast paths write what the slow ones wrote, and stay safe when interrupted.

- New entries whose kind folder does not exist yet are staged in a hidden folder inside content/
  and renamed into place per kind: the same files, manifest and report as the merge path, nothing
  in content/<kind>/ before the end, nothing left behind after an interruption.
- A kind folder (or an entry) made by hand while ingest runs is merged with, never overwritten.
- The manifest's own serialiser, the cached value hashes and the seed listing give what json.dumps,
  frontmatter.value_hash and the rglob listing gave.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen import frontmatter
from sitegen.ingest import _rel, _seed_entries, _seed_rels, seed_files
from sitegen.ingest import store as store_mod
from sitegen.ingest.store import STAGING_PREFIX, BatchStore, Manifest, field_hashes, reconcile
from sitegen.ingest.types import MachineEntry
from sitegen.load import load_briefing

REPO = Path(__file__).resolve().parent.parent
ARTICLES = Path(__file__).parent / "fixtures" / "articles"


def snapshot(content: Path) -> dict:
    """Every file under content/ with its bytes and permission bits."""
    return {p.relative_to(content).as_posix(): (p.read_bytes(), p.stat().st_mode & 0o777)
            for p in sorted(content.rglob("*")) if p.is_file()}


def staging_folders(content: Path) -> list[str]:
    if not content.is_dir():
        return []
    return sorted(p.name for p in content.iterdir() if p.name.startswith(STAGING_PREFIX))


def entries(n: int = 60, version: str = "1") -> list[MachineEntry]:
    kinds = ("sources", "actors", "events")
    return [MachineEntry(kinds[i % 3], f"entry-{i:03d}",
                         {"title": f"Entry {i} v{version}", "kind": "meeting", "sources": [f"s{i % 7}"],
                          "accounts": [{"source": f"s{i % 7}", "text": f"Said {i}.", "speaker": None}],
                          "n": i},
                         f"Body {i}.\n\nMore {version}.")
            for i in range(n)]


def store_all(content: Path, manifest: Manifest, items: list[MachineEntry], workers: int = 1, batch: int = 25):
    store = BatchStore(content, manifest, workers=workers)
    for k in range(0, len(items), batch):
        store.submit(items[k:k + batch])
    return store.close()


def state(content: Path, manifest: Manifest, report) -> tuple:
    return snapshot(content), manifest.dumps(), json.dumps(report.__dict__, sort_keys=True)


# -- staged, then renamed into place ------------------------------------------------------------

def test_new_entries_are_staged_then_renamed_per_kind(tmp_path: Path):
    content = tmp_path / "content"
    content.mkdir()
    store = BatchStore(content, Manifest(), workers=1)
    assert store.staging.kinds == {"sources", "actors", "events"}
    store.submit(entries(30))
    # Written, but only in the hidden folder: nothing reads an entry of a new kind folder yet.
    assert [p.name for p in content.iterdir()] == [store.staging.root.name]
    assert len(list(store.staging.root.rglob("*.md"))) == 30
    report = store.close()
    assert sorted(p.name for p in content.iterdir()) == ["actors", "events", "sources"]
    assert len(report.created) == 30 and not staging_folders(content)


@pytest.mark.parametrize("workers", [1, 2])
def test_staged_path_writes_what_the_merge_path_writes(tmp_path: Path, workers: int):
    states = []
    for label in ("staged", "merged"):
        content = tmp_path / label
        content.mkdir()
        if label == "merged":  # the kind folders exist: every entry goes through _reconcile_one's merge
            for kind in ("sources", "actors", "events"):
                (content / kind).mkdir()
        manifest = Manifest()
        report = store_all(content, manifest, entries(90), workers=workers)
        states.append(state(content, manifest, report))
        # And a second run (an edit, a deletion, new machine values) goes through the merge either way.
        (content / "events/entry-002.md").write_text(
            (content / "events/entry-002.md").read_text().replace("kind: meeting", "kind: summit"))
        (content / "actors/entry-001.md").unlink()
        report = store_all(content, manifest, entries(90, "2"), workers=workers)
        states.append(state(content, manifest, report))
    assert states[0] == states[2] and states[1] == states[3]
    report = json.loads(states[1][2])
    assert report["merged"] == ["events/entry-002.md"] and report["kept_deleted"] == ["actors/entry-001.md"]


def test_reconcile_stages_new_kind_folders_too(tmp_path: Path):
    a, b = tmp_path / "a", tmp_path / "b"
    (b / "events").mkdir(parents=True)
    ma, mb = Manifest(), Manifest()
    ra, rb = reconcile(a, entries(40), ma), reconcile(b, entries(40), mb)
    assert state(a, ma, ra) == state(b, mb, rb)
    assert not staging_folders(a)


def test_only_missing_kind_folders_are_staged(tmp_path: Path):
    (tmp_path / "events").mkdir()
    (tmp_path / "sources").symlink_to(tmp_path / "elsewhere")  # anything there, even a broken link
    store = BatchStore(tmp_path, Manifest(), workers=1)
    assert store.staging.kinds == {"actors"}
    store.abort()


def test_an_entry_deleted_with_its_folder_stays_deleted(tmp_path: Path):
    manifest = Manifest()
    store_all(tmp_path, manifest, entries(9))
    for p in (tmp_path / "events").iterdir():
        p.unlink()
    (tmp_path / "events").rmdir()
    report = store_all(tmp_path, manifest, entries(9, "2"))
    assert not (tmp_path / "events").exists()
    assert report.kept_deleted == [f"events/entry-{i:03d}.md" for i in (2, 5, 8)]


# -- made by hand while ingest ran --------------------------------------------------------------

def test_kind_folder_made_by_hand_during_ingest_is_merged_with(tmp_path: Path):
    hand = "---\ntitle: My own title\nkind: meeting\n---\nMine.\n"
    items = entries(30)
    # What the store does when the editor's file is there from the start ...
    ref = tmp_path / "ref"
    (ref / "events").mkdir(parents=True)
    (ref / "events/entry-002.md").write_text(hand)
    (ref / "events/notes.md").write_text(hand)
    ref_manifest = Manifest()
    ref_report = store_all(ref, ref_manifest, items)
    # ... it does when the editor makes the folder and the file while ingest runs.
    content = tmp_path / "content"
    content.mkdir()
    manifest = Manifest()
    store = BatchStore(content, manifest, workers=1)
    store.submit(items[:15])
    (content / "events").mkdir()
    (content / "events/entry-002.md").write_text(hand)
    (content / "events/notes.md").write_text(hand)
    store.submit(items[15:])
    report = store.close()
    assert (content / "events/entry-002.md").read_text() == hand  # never overwritten
    assert report.conflicts and report.conflicts[0][0] == "events/entry-002.md"
    assert state(content, manifest, report) == state(ref, ref_manifest, ref_report)
    assert not staging_folders(content)


def test_empty_kind_folder_made_during_ingest(tmp_path: Path):
    store = BatchStore(tmp_path, Manifest(), workers=1)
    store.submit(entries(12))
    (tmp_path / "actors").mkdir()
    report = store.close()
    assert len(report.created) == 12 and len(list((tmp_path / "actors").iterdir())) == 4


# -- interrupted ------------------------------------------------------------------------------

def test_aborted_store_leaves_nothing(tmp_path: Path):
    for workers in (1, 2):
        content = tmp_path / f"w{workers}"
        store = BatchStore(content, Manifest(), workers=workers)
        store.submit(entries(40))
        store.submit(entries(80)[40:])
        store.abort()
        assert not content.exists() or list(content.iterdir()) == []


_KILLED = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from sitegen import fsutil
    from sitegen.ingest import store
    written = []
    real = fsutil.write_new
    def write_new(path, data):
        if len(written) == int(sys.argv[2]):
            # Killed halfway through an entry file: half of it is on disk.
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.write(fd, data.encode()[: len(data) // 2])
            os._exit(9)
        written.append(path)
        real(path, data)
    store.write_new = write_new
    from sitegen.cli import main
    os.chdir(sys.argv[1])
    main(["ingest", "-q"])
""")


@pytest.mark.parametrize("after", [0, 7])
def test_killed_ingest_leaves_no_partial_entry_and_the_next_one_cleans_up(tmp_path: Path, after: int):
    def briefing(name: str) -> Path:
        root = tmp_path / name
        (root / "seeds").mkdir(parents=True)
        for p in sorted(ARTICLES.glob("a0*.txt"))[:4]:
            (root / "seeds" / p.name).write_bytes(p.read_bytes())
        return root

    clean = briefing("clean")
    subprocess.run([sys.executable, "-m", "sitegen", "ingest", "-q"], cwd=clean, check=True)
    root = briefing("killed")
    proc = subprocess.run([sys.executable, "-c", _KILLED, str(root), str(after)], capture_output=True)
    assert proc.returncode == 9, proc.stderr.decode()
    content = root / "content"
    # No entry file at all where the loader looks, half-written or whole: only the hidden folder.
    assert [p.name for p in content.iterdir() if not p.name.startswith(".")] == []
    assert len(staging_folders(content)) == 1
    briefing_now, _ = load_briefing(root, content)
    assert not briefing_now.sources and not briefing_now.events
    # The next ingest removes what the killed one left and writes what a clean run writes.
    subprocess.run([sys.executable, "-m", "sitegen", "ingest", "-q"], cwd=root, check=True)
    assert staging_folders(content) == []
    assert snapshot(content) == snapshot(clean / "content")


def test_a_running_ingests_staging_folder_is_left_alone(tmp_path: Path):
    mine = tmp_path / f"{STAGING_PREFIX}{os.getpid()}.abcd"
    (mine / "events").mkdir(parents=True)
    dead = tmp_path / f"{STAGING_PREFIX}999999999.abcd"
    (dead / "events").mkdir(parents=True)
    (dead / "events/x.md").write_text("half")
    store_mod.sweep_staging(tmp_path)
    assert mine.is_dir() and not dead.exists()


# -- the same bytes as before -----------------------------------------------------------------

# -- the manifest, value hashes and seed listing -------------------------------------------------

_TEXT = st.text(alphabet=st.sampled_from(list("aZ09 -/\"\\\n\t") + ["\x00", "\u2028", "é", "😀", "\ud800"]),
                max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(_TEXT, _TEXT, max_size=4),
       st.dictionaries(_TEXT, st.dictionaries(_TEXT, _TEXT, max_size=4), max_size=4))
def test_manifest_dumps_is_json_dumps(seeds, entries_):
    manifest = Manifest(seeds=seeds, entries=entries_)
    expected = json.dumps({"version": 1, "seeds": seeds, "entries": entries_}, sort_keys=True, indent=1,
                          ensure_ascii=False) + "\n"
    assert manifest.dumps() == expected


def test_manifest_saved_in_pieces_is_dumps_and_unchanged_is_not_written(tmp_path, monkeypatch):
    monkeypatch.setattr(store_mod, "_CHUNK", 64)  # many pieces, each a few records
    entries_ = {f"events/e{i}.md": {"@body": f"{i:016x}", "title": "é" * (i % 5)} for i in range(50)}
    manifest = Manifest(seeds={"seeds/a.txt": "ab" * 32}, entries=entries_)
    assert manifest.save(tmp_path)
    path = tmp_path / ".ingest.json"
    assert path.read_text(encoding="utf-8") == manifest.dumps()
    before = path.stat().st_mtime_ns
    assert not manifest.save(tmp_path) and path.stat().st_mtime_ns == before
    for change in ({"events/e49.md": {}}, {"events/e50.md": {"@body": "0"}}):  # differs last, or is longer
        manifest.entries.update(change)
        assert manifest.save(tmp_path)
        assert path.read_text(encoding="utf-8") == manifest.dumps()
    del manifest.entries["events/e50.md"]  # the file holds more than the manifest now
    assert manifest.save(tmp_path) and path.read_text(encoding="utf-8") == manifest.dumps()


def test_manifest_with_other_values_falls_back_to_json_dumps():
    manifest = Manifest(seeds={"a": "b"}, entries={"x.md": {"n": 1}})
    assert json.loads(manifest.dumps())["entries"] == {"x.md": {"n": 1}}


def test_field_hashes_are_frontmatters_with_the_cache_full(monkeypatch):
    monkeypatch.setattr(store_mod, "_SHORT_HASHES", {})
    values = ["", "2025", "meeting", "x" * 41, None, 3, ["a"], {"b": "c"}] + [f"v{i}" for i in range(20_050)]
    for _ in range(2):  # computed, then from the cache (which empties itself once full)
        for v in values:
            got = field_hashes({"k": v}, "Body")
            assert got == {"k": frontmatter.value_hash(v), "@body": frontmatter.value_hash("Body")}
    assert len(store_mod._SHORT_HASHES) <= 20_000


def _rglob_seed_files(seeds_dir: Path) -> list[Path]:
    """seed_files as it was: rglob, then a stat per file."""
    from sitegen.ingest.read import SEED_SUFFIXES

    if not seeds_dir.is_dir():
        return []
    return sorted(p for p in seeds_dir.rglob("*")
                  if p.is_file() and p.suffix.lower() in SEED_SUFFIXES
                  and not any(part.startswith(".") for part in p.relative_to(seeds_dir).parts))


def test_seed_listing_is_the_rglob_listing(tmp_path: Path, monkeypatch):
    root = tmp_path / "brief"
    seeds = root / "seeds"
    outside = tmp_path / "outside"
    (outside / "deep").mkdir(parents=True)
    (outside / "o.txt").write_text("o")
    (outside / "deep/d.txt").write_text("d")
    for rel in ["a.txt", "B.TXT", "c.md", "d.html", "e.htm", "f.pdf", "g", "h.", "sub/i.txt",
                "sub/deeper/j.md", ".hidden.txt", ".dot/k.txt", "sub/.dot/l.txt", "Ä ü.txt"]:
        (seeds / rel).parent.mkdir(parents=True, exist_ok=True)
        (seeds / rel).write_text(rel)
    (seeds / "folder.txt").mkdir()  # a folder with a seed's name
    (seeds / "linked.txt").symlink_to(outside / "o.txt")
    (seeds / "linked-dir").symlink_to(outside / "deep")
    (seeds / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    (seeds / "sub/inner.txt").symlink_to(seeds / "a.txt")
    (root / "also-seeds").symlink_to(seeds)
    monkeypatch.chdir(root)
    for seeds_dir in (seeds, Path("seeds"), root / ".." / "brief" / "seeds", root / "also-seeds",
                      tmp_path / "missing"):
        found = _seed_entries(seeds_dir)
        assert seed_files(seeds_dir) == [p for p, _ in found] == _rglob_seed_files(seeds_dir)
        assert _seed_rels(found, seeds_dir, root) == [_rel(p, root) for p in _rglob_seed_files(seeds_dir)]
    # A seeds folder outside the briefing (through a link, too) is named as the old code named it.
    (root / "away").symlink_to(outside)
    for seeds_dir in (outside, root / "away"):
        found = _seed_entries(seeds_dir)
        assert _seed_rels(found, seeds_dir, root) == [_rel(p, root) for p in _rglob_seed_files(seeds_dir)]


def test_records_sent_between_ingest_processes_pickle_whole() -> None:
    # Workers send these back by the hundred thousand: pickled as their field values, they must
    # come back equal, with every field, through pickle, copy and deepcopy.
    import copy
    import pickle

    from sitegen.dates import PartialDate
    from sitegen.ingest.actors import Candidate
    from sitegen.ingest.events import EvCand
    from sitegen.ingest.gazetteer import Mention

    records = [
        EvCand(3, "src", "meeting", PartialDate.parse("2025-04-01"), "Vučić met Orbán.", 7, {"serbia", "hungary"},
               location="Belgrade", obj="talks", trigger="met", weekday=2, year_hint=2025, pos=41),
        Mention(5, 11, "Vučić", "aleksandar-vucic", "surname", place=True),
        Candidate("Aleksandra Vučića", "person", role="President", affiliation="Serbia", acronym="", evidence="s",
                  source="src", order=(1, 2), strong=False, seen_as="Vučića", lang="sh",
                  lemmas=("Aleksandar Vučić",), sure=True),
    ]
    for record in records:
        for again in (pickle.loads(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)),
                      pickle.loads(pickle.dumps(record, protocol=2)), copy.copy(record), copy.deepcopy(record)):
            assert type(again) is type(record) and again == record
            assert [getattr(again, f) for f in record.__slots__] == [getattr(record, f) for f in record.__slots__]
