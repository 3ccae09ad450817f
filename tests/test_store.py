"""Ingest's store: machine entries reach content/ without ever overwriting a hand edit."""

from pathlib import Path

from sitegen import frontmatter
from sitegen.ingest.store import Manifest, reconcile
from sitegen.ingest.types import MachineEntry


def machine(title="Defence plan signed", date="2025-04-01", sources=("a",), body="Signed."):
    return [MachineEntry("events", "plan", {"title": title, "date": date, "kind": "agreement",
                                            "sources": list(sources)}, body)]


def run(content: Path, entries, manifest=None):
    manifest = manifest or Manifest.load(content)
    report = reconcile(content, entries, manifest)
    manifest.save(content)
    return report


def snapshot(content: Path) -> dict:
    return {p.relative_to(content).as_posix(): p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()}


def test_create_then_idempotent(tmp_path: Path):
    report = run(tmp_path, machine())
    assert report.created == ["events/plan.md"]
    before = snapshot(tmp_path)
    report = run(tmp_path, machine())
    assert not report.changed and report.unchanged == 1
    assert snapshot(tmp_path) == before


def test_untouched_entry_follows_the_machine(tmp_path: Path):
    run(tmp_path, machine())
    report = run(tmp_path, machine(sources=("a", "b")))
    assert report.updated == ["events/plan.md"]
    assert frontmatter.parse((tmp_path / "events/plan.md").read_text()).meta["sources"] == ["a", "b"]


def test_hand_edit_survives_and_other_fields_merge(tmp_path: Path):
    run(tmp_path, machine())
    path = tmp_path / "events/plan.md"
    doc = frontmatter.parse(path.read_text())
    doc.meta["title"] = "Serbia and Hungary sign the 2025 defence plan"  # the editor's fix
    doc.meta["analyst_note"] = "check the 72-point figure"  # the editor's own field
    path.write_text(frontmatter.render(doc.meta, doc.body))
    report = run(tmp_path, machine(sources=("a", "b")))
    assert report.merged == ["events/plan.md"] and not report.conflicts
    meta = frontmatter.parse(path.read_text()).meta
    assert meta["title"] == "Serbia and Hungary sign the 2025 defence plan"
    assert meta["analyst_note"] == "check the 72-point figure"
    assert meta["sources"] == ["a", "b"]
    # And again with nothing new: nothing changes.
    before = snapshot(tmp_path)
    assert not run(tmp_path, machine(sources=("a", "b"))).changed
    assert snapshot(tmp_path) == before


def test_both_changed_writes_sidecar_and_keeps_edit(tmp_path: Path):
    run(tmp_path, machine())
    path = tmp_path / "events/plan.md"
    doc = frontmatter.parse(path.read_text())
    doc.meta["date"] = "2025-04-02"
    path.write_text(frontmatter.render(doc.meta, doc.body))
    report = run(tmp_path, machine(date="2025-04-03", sources=("a", "b")))
    assert [(r, s, f) for r, s, f in report.conflicts] == [("events/plan.md", "plan.ingest.md", ["date"])]
    meta = frontmatter.parse(path.read_text()).meta
    assert meta["date"] == "2025-04-02"  # the edit stands
    assert meta["sources"] == ["a", "b"]  # the untouched field still followed the machine
    sidecar = frontmatter.parse((tmp_path / "events/plan.ingest.md").read_text()).meta
    assert sidecar["date"] == "2025-04-03"
    # Re-running does not report the same conflict again or change anything.
    before = snapshot(tmp_path)
    assert not run(tmp_path, machine(date="2025-04-03", sources=("a", "b"))).changed
    assert snapshot(tmp_path) == before


def test_body_edit_kept(tmp_path: Path):
    run(tmp_path, machine())
    path = tmp_path / "events/plan.md"
    path.write_text(path.read_text().replace("Signed.", "Signed in Belgrade after talks."))
    run(tmp_path, machine(sources=("a", "c")))
    doc = frontmatter.parse(path.read_text())
    assert doc.body.strip() == "Signed in Belgrade after talks."
    assert doc.meta["sources"] == ["a", "c"]


def test_deleted_entry_not_recreated(tmp_path: Path):
    run(tmp_path, machine())
    (tmp_path / "events/plan.md").unlink()
    report = run(tmp_path, machine())
    assert report.kept_deleted == ["events/plan.md"]
    assert not (tmp_path / "events/plan.md").exists()


def test_hand_written_file_without_record_is_not_overwritten(tmp_path: Path):
    path = tmp_path / "events/plan.md"
    path.parent.mkdir(parents=True)
    path.write_text("---\ntitle: My own title\nkind: agreement\n---\nMine.\n")
    report = run(tmp_path, machine())
    assert report.conflicts and report.conflicts[0][0] == "events/plan.md"
    assert path.read_text().startswith("---\ntitle: My own title")
    assert "Mine." in path.read_text()


def test_unparseable_edit_is_left_alone(tmp_path: Path):
    run(tmp_path, machine())
    path = tmp_path / "events/plan.md"
    path.write_text("---\ntitle: [broken\n---\n")
    report = run(tmp_path, machine(sources=("z",)))
    assert path.read_text() == "---\ntitle: [broken\n---\n"
    assert report.conflicts
