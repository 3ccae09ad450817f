"""`sitegen approve`: clears `status: draft` in bulk, editing only the status line."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, write

from sitegen.cli import main


@pytest.fixture
def drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "briefing"
    shutil.copytree(REPO / "tests/fixtures/briefing", root)
    write(root / "content/actors/nis.md", """
        ---
        # Actor written by hand, with comments
        name: NIS
        kind: company
        status: 'draft'   # ingest found it
        ---
        Oil company.
        """)
    (root / "content/events/kfor-reinforcement.md").write_bytes(
        (root / "content/events/kfor-reinforcement.md").read_bytes().replace(b"---\n", b"---\r\n", 1)
        .replace(b"\ntitle:", b"\r\nstatus: draft\r\ntitle:", 1))
    monkeypatch.chdir(root)
    return root


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "content").rglob("*.md"))}


def test_approve_all_changes_only_the_status_lines(drafts: Path):
    before = snapshot(drafts)
    os.chmod(drafts / "content/actors/nis.md", 0o640)
    result = invoke("approve")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert sorted(lines[:-1]) == ["approved content/actors/informer.md", "approved content/actors/nis.md",
                                  "approved content/events/kfor-reinforcement.md"]
    assert lines[-1] == "approved 3 draft(s)"
    after = snapshot(drafts)
    changed = {p for p in before if before[p] != after[p]}
    assert changed == {"content/actors/informer.md", "content/actors/nis.md", "content/events/kfor-reinforcement.md"}
    assert after["content/actors/nis.md"] == before["content/actors/nis.md"].replace(
        b"status: 'draft'   # ingest found it", b'status: ""   # ingest found it')
    assert after["content/events/kfor-reinforcement.md"] == before["content/events/kfor-reinforcement.md"].replace(
        b"status: draft\r\n", b'status: ""\r\n')
    assert os.stat(drafts / "content/actors/nis.md").st_mode & 0o777 == 0o640
    assert not [p for p in (drafts / "content").rglob("*.tmp")]
    # The check no longer warns, and a second run finds nothing to do.
    assert "draft" not in invoke("check").output
    assert invoke("approve").output.splitlines() == ["approved 0 draft(s)"]


def test_approve_one_kind(drafts: Path):
    result = invoke("approve", "events")
    assert result.output.splitlines() == ["approved content/events/kfor-reinforcement.md", "approved 1 draft(s)"]
    assert b"status: draft" in (drafts / "content/actors/informer.md").read_bytes()


def test_approve_named_entries(drafts: Path):
    result = invoke("approve", "nis", "actors/serbia")
    assert result.exit_code == 0
    assert result.output.splitlines() == ["content/actors/serbia.md: not a draft; unchanged",
                                          "approved content/actors/nis.md", "approved 1 draft(s)"]
    assert b"status: draft" in (drafts / "content/actors/informer.md").read_bytes()


def test_unknown_name_changes_nothing(drafts: Path):
    before = snapshot(drafts)
    result = invoke("approve", "nis", "no-such-entry")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "error: no entry named 'no-such-entry'; give a kind (actors, events, sources), a slug, or kind/slug "
        "such as actors/serbia; nothing was changed"]
    assert snapshot(drafts) == before


def test_quiet_prints_nothing(drafts: Path):
    result = invoke("approve", "-q")
    assert result.exit_code == 0 and result.output == ""
