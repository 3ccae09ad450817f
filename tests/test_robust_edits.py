"""Hand edits are never lost: property-based tests over sequences of ingest, hand edit, new seed,
changed seed and re-ingest, run against the store (sitegen.ingest.store.reconcile + Manifest),
the part of ingest that decides what is written.

The model: machine values come from one pool (M...), the editor's from another (E...), so an
edit is always a real change. After every step:
- every field value and body the editor wrote is still in the entry file (a field the editor
  deleted stays deleted; a file the editor deleted stays deleted; a file the editor broke or
  annotated with YAML comments is byte-for-byte untouched);
- every machine value either reached the entry file, or is in the <slug>.ingest.md sidecar, or
  was shown to the editor before (in the file or a sidecar) and set aside by them; a list less the
  rows the editor deleted from it (rejected rows never come back, not even for review);
- running the same ingest again changes nothing.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen import frontmatter
from sitegen.ingest.store import BODY_KEY, Manifest, reconcile
from sitegen.ingest.types import MachineEntry

RELS = ("events/plan.md", "actors/vucic.md")
FIELDS = ("title", "date", "sources")
EDITOR_ONLY = "analyst_note"
DELETED = object()

m_text = st.sampled_from(["M0", "M1", "M2"])
e_text = st.sampled_from(["E0", "E1", "E2"])


def m_value(field: str):
    return st.lists(m_text, max_size=2, unique=True) if field == "sources" else m_text


def e_value(field: str):
    return st.lists(e_text, min_size=1, max_size=2, unique=True) if field == "sources" else e_text


@st.composite
def machine_version(draw):
    """One run of the extractor: for each entry, its fields (some may be missing) and body, or no entry."""
    out = {}
    for rel in RELS:
        if draw(st.booleans()) or draw(st.booleans()):
            keys = draw(st.lists(st.sampled_from(FIELDS), unique=True, min_size=1))
            meta = {k: draw(m_value(k)) for k in FIELDS if k in keys}
            out[rel] = (meta, draw(st.sampled_from(["", "Machine body M0.", "Machine body M1."])))
    return out


@st.composite
def operation(draw):
    kind = draw(st.sampled_from(["ingest", "ingest", "ingest", "edit", "edit", "edit", "del_field", "edit_body",
                                 "own_field", "delete_file", "break", "comment", "crlf", "resolve",
                                 "create_by_hand", "fix", "reject_row", "reject_row"]))
    rel = draw(st.sampled_from(RELS))
    if kind == "ingest":
        return ("ingest", draw(machine_version()))
    if kind == "edit":
        field = draw(st.sampled_from(FIELDS))
        return ("edit", rel, field, draw(e_value(field)))
    if kind == "del_field":
        return ("del_field", rel, draw(st.sampled_from(FIELDS)))
    if kind == "edit_body":
        return ("edit_body", rel, draw(st.sampled_from(["Editor body E0.", "Editor body E1.\n\nWith two paragraphs."])))
    if kind == "own_field":
        return ("own_field", rel, draw(e_text))
    if kind == "reject_row":
        return ("reject_row", rel, draw(st.integers(0, 1)))
    return (kind, rel)


class Model:
    def __init__(self, content: Path):
        self.content = content
        self.manifest = Manifest()
        self.fields: dict[str, dict[str, object]] = {r: {} for r in RELS}  # what the editor set
        self.body: dict[str, str | None] = {r: None for r in RELS}
        self.deleted: dict[str, bool] = {r: False for r in RELS}
        self.frozen: dict[str, bytes | None] = {r: None for r in RELS}  # broken / commented: untouchable
        self.shown: dict[str, dict[str, set[str]]] = {r: {} for r in RELS}  # value hashes the editor has seen
        self.rejected: dict[str, set[str]] = {r: set() for r in RELS}  # machine rows of "sources" deleted

    # -- the editor ---------------------------------------------------------------------------
    def doc(self, rel: str):
        path = self.content / rel
        if not path.is_file():
            return None
        try:
            return frontmatter.parse(path.read_bytes().decode("utf-8"))
        except (frontmatter.FrontMatterError, UnicodeDecodeError):
            return None

    def save(self, rel: str, meta: dict, body: str) -> None:
        (self.content / rel).write_text(frontmatter.render(meta, body), encoding="utf-8")

    def apply(self, op) -> None:
        kind = op[0]
        if kind == "ingest":
            self.ingest(op[1])
            return
        rel = op[1]
        path = self.content / rel
        if kind == "create_by_hand":
            if path.exists():
                return
            path.parent.mkdir(parents=True, exist_ok=True)
            meta = {"title": "E0", EDITOR_ONLY: "E1"}
            self.save(rel, meta, "Hand-written E2.")
            self.fields[rel] = dict(meta)
            self.body[rel] = "Hand-written E2."
            self.deleted[rel] = False
            self.frozen[rel] = None
            return
        if kind == "fix":
            if self.frozen[rel] is None or not path.exists():
                return
            doc = self.doc(rel)
            if doc is not None:  # YAML comments: the editor drops them, values unchanged
                self.save(rel, dict(doc.meta), doc.body)
            else:  # broken YAML: the editor types the entry again, in their own words
                self.save(rel, {"title": "E2"}, "Fixed by hand E0.")
                self.fields[rel] = {"title": "E2"}
                self.body[rel] = "Fixed by hand E0."
            self.frozen[rel] = None
            return
        if kind == "delete_file":
            if path.exists():
                path.unlink()
                if rel in self.manifest.entries:
                    self.deleted[rel] = True
                else:  # never written by ingest: the next ingest may create it afresh
                    self.fields[rel], self.body[rel] = {}, None
                self.frozen[rel] = None
            return
        if kind == "resolve":
            sidecar = path.with_name(path.name[:-3] + ".ingest.md")
            if sidecar.exists():
                sidecar.unlink()
            return
        if self.frozen[rel] is not None:
            return  # the editor does not touch a file they have broken or annotated until they fix it
        doc = self.doc(rel)
        if doc is None:
            return
        meta, body = dict(doc.meta), doc.body
        if kind == "reject_row":
            rows = meta.get("sources")
            written = self.manifest.entries.get(rel, {}).get("@rows:sources")
            if "sources" in self.fields[rel] or type(rows) is not list or not rows or written is None:
                return  # only a list as ingest wrote it: the editor deletes one of its rows
            row = rows[min(op[2], len(rows) - 1)]
            meta["sources"] = [r for r in rows if r != row]
            self.rejected[rel].add(row)
        elif kind == "edit":
            meta[op[2]] = op[3]
            self.fields[rel][op[2]] = op[3]
            if op[2] == "sources":
                self.rejected[rel].clear()  # the list is the editor's own now
        elif kind == "del_field":
            if op[2] not in meta:
                return
            del meta[op[2]]
            record = self.manifest.entries.get(rel, {})
            if op[2] in record or "@rows:" + op[2] in record:  # a field ingest wrote: deleting it is an edit
                self.fields[rel][op[2]] = DELETED
            else:  # the editor takes back a field of their own; the machine may offer one later
                self.fields[rel].pop(op[2], None)
        elif kind == "own_field":
            meta[EDITOR_ONLY] = op[2]
            self.fields[rel][EDITOR_ONLY] = op[2]
        elif kind == "edit_body":
            body = op[2]
            self.body[rel] = body
        elif kind == "break":
            data = b"---\ntitle: [broken by hand E0\n---\nHalf-typed E1\n"
            path.write_bytes(data)
            self.frozen[rel] = data
            return
        elif kind == "comment":
            text = frontmatter.render(meta, body).replace("---\n", "---\n# editor's note E0: check the date\n", 1)
            path.write_text(text, encoding="utf-8")
            self.frozen[rel] = text.encode("utf-8")
            return
        elif kind == "crlf":
            path.write_bytes(frontmatter.render(meta, body).replace("\n", "\r\n").encode("utf-8"))
            return
        self.save(rel, meta, body)

    # -- the machine --------------------------------------------------------------------------
    def ingest(self, version: dict) -> None:
        entries = [MachineEntry(rel.split("/")[0], rel.split("/")[1][:-3], dict(meta), body)
                   for rel, (meta, body) in version.items()]
        reconcile(self.content, entries, self.manifest)
        self.check_edits()
        self.check_machine(version)
        # Idempotent: the same ingest again writes nothing.
        before = snapshot(self.content)
        report = reconcile(self.content, [MachineEntry(e.kind_dir, e.slug, dict(e.meta), e.body) for e in entries],
                           self.manifest)
        assert not report.changed, report
        assert snapshot(self.content) == before

    def check_edits(self) -> None:
        for rel in RELS:
            path = self.content / rel
            if self.deleted[rel]:
                assert not path.exists(), f"{rel} was deleted by hand and came back"
                continue
            if self.frozen[rel] is not None:
                assert path.read_bytes() == self.frozen[rel], f"{rel}: the editor's file was rewritten"
                continue
            if not self.fields[rel] and self.body[rel] is None:
                continue
            doc = self.doc(rel)
            assert doc is not None, f"{rel}: an edited file no longer parses or is gone"
            if "sources" not in self.fields[rel] and isinstance(doc.meta.get("sources"), list):
                back = self.rejected[rel] & set(doc.meta["sources"])
                assert not back, f"{rel}: rows the editor deleted came back: {back}"
            for key, value in self.fields[rel].items():
                if value is DELETED:
                    assert key not in doc.meta, f"{rel}: field {key} deleted by hand came back"
                else:
                    assert doc.meta.get(key) == value, f"{rel}: edit of {key} lost ({doc.meta.get(key)!r} != {value!r})"
            if self.body[rel] is not None:
                assert doc.body.strip() == self.body[rel].strip(), f"{rel}: body edit lost"

    def check_machine(self, version: dict) -> None:
        for rel, (meta, body) in version.items():
            path = self.content / rel
            if self.deleted[rel] or not path.exists():
                continue
            doc = self.doc(rel)
            sidecar = path.with_name(path.name[:-3] + ".ingest.md")
            side = frontmatter.parse(sidecar.read_text(encoding="utf-8")) if sidecar.exists() else None
            rejected = self.rejected[rel] if "sources" not in self.fields[rel] else set()
            wanted = {**{k: frontmatter.value_hash([r for r in v if r not in rejected] if k == "sources" else v)
                         for k, v in meta.items()},
                      BODY_KEY: frontmatter.value_hash(body.strip("\n"))}

            def hashes(d):
                if d is None:
                    return {}
                return {**{k: frontmatter.value_hash(v) for k, v in d.meta.items()},
                        BODY_KEY: frontmatter.value_hash(d.body.strip("\n"))}

            in_file, in_side = hashes(doc), hashes(side)
            shown = self.shown[rel]
            raw = {k: frontmatter.value_hash(v) for k, v in meta.items()}
            for key, h in wanted.items():
                # (A review file of an entry ingest cannot read shows the machine's whole list.)
                ok = any(in_file.get(key) == x or in_side.get(key) == x or x in shown.get(key, set())
                         for x in {h, raw.get(key, h)})
                assert ok, f"{rel}: the machine's {key} was dropped without being shown to the editor"
            for d in (in_file, in_side):
                for key, h in d.items():
                    shown.setdefault(key, set()).add(h)


def snapshot(content: Path) -> dict[str, bytes]:
    return {p.relative_to(content).as_posix(): p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operation(), min_size=1, max_size=25))
def test_edits_are_never_lost(ops):
    content = Path(tempfile.mkdtemp(prefix="sitegen-edits-"))
    try:
        model = Model(content)
        for op in ops:
            model.apply(op)
            model.check_edits()
        model.ingest({rel: ({"title": "M2", "sources": ["M2"]}, "Machine body M2.") for rel in RELS})
    finally:
        shutil.rmtree(content, ignore_errors=True)


def test_manifest_round_trip_keeps_guarantees(tmp_path: Path):
    """The manifest is saved and loaded between runs in real use: the same guarantees hold."""
    content = tmp_path / "content"
    content.mkdir()
    entry = lambda title: [MachineEntry("events", "plan", {"title": title, "date": "2025-04-01"}, "Body.")]  # noqa: E731
    m = Manifest.load(content)
    reconcile(content, entry("M0"), m)
    m.save(content)
    path = content / "events/plan.md"
    path.write_text(path.read_text().replace("title: M0", "title: E0"))
    m = Manifest.load(content)
    report = reconcile(content, entry("M1"), m)
    m.save(content)
    assert frontmatter.parse(path.read_text()).meta["title"] == "E0"
    assert frontmatter.parse((content / "events/plan.ingest.md").read_text()).meta["title"] == "M1"
    assert report.conflicts == [("events/plan.md", "plan.ingest.md", ["title"])]


def test_hand_written_file_stays_stable_over_reruns(tmp_path: Path):
    """A file written by hand before ingest ever ran: run 1 and run 2 must agree (no silent merge on run 2)."""
    content = tmp_path
    (content / "events").mkdir()
    path = content / "events/plan.md"
    path.write_text("---\ntitle: E0\n---\nMine.\n")
    entry = [MachineEntry("events", "plan", {"title": "M0", "date": "2025-04-01"}, "Machine.")]
    m = Manifest()
    reconcile(content, entry, m)
    first = snapshot(content)
    assert path.read_text() == "---\ntitle: E0\n---\nMine.\n"
    assert not reconcile(content, entry, m).changed
    assert snapshot(content) == first
    assert path.read_text() == "---\ntitle: E0\n---\nMine.\n"


def test_yaml_comments_are_not_dropped(tmp_path: Path):
    content = tmp_path
    m = Manifest()
    reconcile(content, [MachineEntry("events", "plan", {"title": "M0", "sources": ["a"]}, "B.")], m)
    path = content / "events/plan.md"
    text = path.read_text().replace("title: M0", "title: M0  # keep: confirmed by phone")
    path.write_text(text)
    report = reconcile(content, [MachineEntry("events", "plan", {"title": "M0", "sources": ["a", "b"]}, "B.")], m)
    assert path.read_text() == text
    assert report.conflicts and "comments" in report.conflicts[0][2][0]
    side = frontmatter.parse((content / "events/plan.ingest.md").read_text())
    assert side.meta["sources"] == ["a", "b"]


# -- end to end, through `sitegen ingest` on real seed texts ----------------------------------

REPO_SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _cli(*args: str):
    from click.testing import CliRunner

    from sitegen.cli import main

    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def test_edits_survive_real_ingest_sequences(tmp_path: Path, monkeypatch):
    import pytest

    pytest.importorskip("sitegen.ingest.extract")
    root = tmp_path / "brief"
    (root / "seeds").mkdir(parents=True)
    monkeypatch.chdir(root)
    seeds = sorted(REPO_SEEDS.glob("*.txt"))
    for p in seeds[:-1]:
        shutil.copyfile(p, root / "seeds" / p.name)
    assert _cli("ingest", "-q").exit_code == 0
    content = root / "content"

    # The editor's changes: a field, a body, an own field, a deleted field, a deleted entry, a comment.
    actor = content / "actors/aleksandar-vucic.md"
    doc = frontmatter.parse(actor.read_text(encoding="utf-8"))
    doc.meta["role"] = "President of Serbia (since 2017) - EDITED"
    doc.meta["analyst_note"] = "EDITED: check the 79-activity figure"
    actor.write_text(frontmatter.render(doc.meta, "EDITED body: the President of Serbia.\n"), encoding="utf-8")
    source = sorted((content / "sources").glob("*.md"))[0]
    sdoc = frontmatter.parse(source.read_text(encoding="utf-8"))
    sdoc.meta["title"] = "EDITED title"
    sdoc.meta.pop("author", None)
    source.write_text(frontmatter.render(sdoc.meta, sdoc.body), encoding="utf-8")
    gone = sorted((content / "events").glob("*.md"))[0]
    gone.unlink()
    commented = content / "actors/serbia.md"
    ctext = commented.read_text(encoding="utf-8").replace("---\n", "---\n# EDITED: keep this comment\n", 1)
    commented.write_text(ctext, encoding="utf-8")

    def assert_edits_kept():
        a = frontmatter.parse(actor.read_text(encoding="utf-8"))
        assert a.meta["role"] == "President of Serbia (since 2017) - EDITED"
        assert a.meta["analyst_note"] == "EDITED: check the 79-activity figure"
        assert a.body.strip() == "EDITED body: the President of Serbia."
        s = frontmatter.parse(source.read_text(encoding="utf-8"))
        assert s.meta["title"] == "EDITED title" and "author" not in s.meta
        assert not gone.exists()
        assert commented.read_text(encoding="utf-8") == ctext

    # Re-ingest with nothing new.
    assert _cli("ingest", "-q").exit_code == 0
    assert_edits_kept()
    # A new seed.
    shutil.copyfile(seeds[-1], root / "seeds" / seeds[-1].name)
    assert _cli("ingest", "-q").exit_code == 0
    assert_edits_kept()
    # A changed seed: more text mentioning the edited actor.
    changed = root / "seeds" / seeds[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nSerbian President Aleksandar Vučić later said "
                       "the plan would be expanded, according to Defence Minister Bratislav Gašić.\n",
                       encoding="utf-8")
    assert _cli("ingest", "-q").exit_code == 0
    assert_edits_kept()
    # A renamed seed.
    (root / "seeds" / seeds[1].name).rename(root / "seeds" / "renamed.txt")
    assert _cli("ingest", "-q").exit_code == 0
    assert_edits_kept()
    # And a build sees the edited values (content errors aside, check must not crash).
    result = _cli("check")
    assert result.exit_code in (0, 1)
    # Whatever ingest wanted to change in the edited files is waiting in sidecars, not lost.
    for sidecar in content.glob("*/*.ingest.md"):
        frontmatter.parse(sidecar.read_text(encoding="utf-8"))
