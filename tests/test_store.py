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


# -- the store's fast paths write what frontmatter writes ------------------------------------

import json  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from sitegen.ingest import yamlout  # noqa: E402
from sitegen.ingest.store import BatchStore, StoreReport, value_hash  # noqa: E402

# Text of every kind the emitter treats differently: YAML indicators, words that read as other
# types, spaces at either end, line breaks, quotes, non-ASCII letters and characters libyaml escapes.
_TEXT = st.text(alphabet=st.sampled_from(list("abXY09 -:#?,[]{}&*!|>'\"%@`.~=<+_/\n")
                                         + ["\t", "\r", "\x85", "\u2028", "\u00a0", "\ufeff", "😀", "é", "“",
                                            "’", "Č", "İ", "\u0301"]), max_size=40) | st.sampled_from(
    ["yes", "No", "null", "~", "true", "2025-04-01", "2025", "1.5", "0x1F", "1_000", "---", "...", "on", "-",
     "?", ":", "<<", "=", ".inf", "1e5", "a: b", "a #b", "Note:", "it's", "", " x", "x ", "line\n\nline"])
_SCALAR = _TEXT | st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False,
                                                                                    allow_infinity=False)
_KEYS = st.sampled_from(["title", "text", "speaker", "a", "b_c", "x-y", "yes", "on", "null", "@body", "k1"]) | _TEXT
_VALUE = st.recursive(_SCALAR, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3),
                      max_leaves=8)
_META = st.dictionaries(_KEYS, _VALUE, min_size=1, max_size=6)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_META, _TEXT)
def test_fast_render_and_hash_are_frontmatters(meta, body):
    assert yamlout.enabled()
    assert yamlout.render(meta, body) == frontmatter.render(meta, body)
    fast = yamlout.dump_meta(meta)
    assert fast is None or fast == frontmatter.dump_meta(meta)
    assert value_hash(meta) == frontmatter.value_hash(meta)


def test_fast_render_handles_what_ingest_writes():
    meta = {"title": "Kosovo: talks fail", "date": "2025-04-01", "published": "", "n": 79, "x": 2.5,
            "actors": ["serbia", "kosovo"], "events": [], "evidence": {"source": "a", "text": "“It’s 79,” he said."},
            "claims": [{"text": "We cannot go on like this forever.", "speaker": "josep-borrell", "event": None}],
            "disagreements": [{"about": "number of activities", "accounts": [{"value": "79", "source": "a",
                                                                               "speaker": None}]}],
            "removed": ["Leave a Reply\n\nYour email address will not be published.", "Share"]}
    assert yamlout.dump_meta(meta) is not None  # the fast path, not the fallback
    assert yamlout.dump_meta(meta) == frontmatter.dump_meta(meta)


# -- several processes, or batches, write what one reconcile writes ---------------------------

def _entries(n: int, version: str = "1") -> list[MachineEntry]:
    return [MachineEntry("events" if i % 3 else "sources", f"entry-{i:03d}",
                         {"title": f"Entry {i} v{version}", "sources": [f"s{i % 7}"], "n": i}, f"Body {i}.")
            for i in range(n)]


def _state(content: Path, manifest: Manifest, report: StoreReport) -> tuple:
    return snapshot(content), manifest.dumps(), json.dumps(report.__dict__, sort_keys=True)


def test_parallel_and_batched_stores_write_what_one_reconcile_writes(tmp_path: Path):
    states = []
    for label in ("serial", "parallel", "batches"):
        content = tmp_path / label
        content.mkdir()
        manifest = Manifest()
        for version in ("1", "2"):  # created, then updated (with one hand edit and one deletion between)
            entries = _entries(120, version)
            if label == "serial":
                report = reconcile(content, entries, manifest, workers=1)
            elif label == "parallel":
                report = reconcile(content, entries, manifest, workers=2)
            else:
                store = BatchStore(content, manifest, workers=2, writers=2)
                for k in range(0, len(entries), 25):
                    store.submit(entries[k:k + 25])
                report = store.close()
            if version == "1":
                edited = content / "events/entry-001.md"
                edited.write_text(edited.read_text().replace("Body 1.", "Body 1, edited."))
                (content / "events/entry-002.md").unlink()
        states.append(_state(content, manifest, report))
    assert states[0] == states[1] == states[2]
    files, _, report = states[0]
    assert "merged" in report and "events/entry-001.md" in json.loads(report)["merged"]
    assert json.loads(report)["kept_deleted"] == ["events/entry-002.md"]


def test_batched_store_refuses_one_entry_twice(tmp_path: Path):
    import pytest

    from sitegen.errors import SitegenError

    store = BatchStore(tmp_path, Manifest(), workers=1)
    store.submit(_entries(3))
    with pytest.raises(SitegenError, match="two machine entries"):
        store.submit(_entries(2))


def test_batched_store_reports_a_write_failure_in_one_line(tmp_path: Path):
    import pytest

    from sitegen.errors import SitegenError

    # An entry that is a folder, and a folder (not empty) where its sidecar would go.
    (tmp_path / "events/entry-001.md").mkdir(parents=True)
    (tmp_path / "events/entry-001.ingest.md/x").mkdir(parents=True)
    store = BatchStore(tmp_path, Manifest(), workers=2)
    store.submit(_entries(4))
    with pytest.raises(SitegenError) as exc:
        store.close()
    assert "cannot write entries" in str(exc.value) and "\n" not in str(exc.value)
    assert not store.pending


def test_a_reviewed_finding_is_not_offered_again_but_a_new_one_is(tmp_path: Path):
    run(tmp_path, machine())
    path = tmp_path / "events/plan.md"
    doc = frontmatter.parse(path.read_text())
    doc.meta["date"] = "2025-04-02"
    path.write_text(frontmatter.render(doc.meta, doc.body))
    run(tmp_path, machine(date="2025-04-03"))
    sidecar = tmp_path / "events/plan.ingest.md"
    assert sidecar.exists()
    sidecar.unlink()  # the editor reviewed it and kept their date
    report = run(tmp_path, machine(date="2025-04-03"))
    assert not report.conflicts and not sidecar.exists()
    assert frontmatter.parse(path.read_text()).meta["date"] == "2025-04-02"
    report = run(tmp_path, machine(date="2025-04-04"))  # a finding not offered before
    assert [f for _, _, f in report.conflicts] == [["date"]] and sidecar.exists()
