"""`-v` names every site file a build writes or removes; every summary line says what changed in
the content."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, site_files

from sitegen.cli import main


@pytest.fixture
def fixture(fixture_briefing: Path) -> Path:
    return fixture_briefing


def build(*args: str) -> list[str]:
    result = CliRunner().invoke(main, ["build", "--no-search", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def listed(lines: list[str], verb: str) -> list[str]:
    return [line[len(verb) + 1:] for line in lines if line.startswith(verb + " ")]


def test_first_build_lists_every_file(fixture: Path):
    lines = build("-v")
    # Every file but the marker by which a build knows its own site.
    files = [f"site/{p}" for p in site_files(fixture / "site") if p != ".sitegen-site"]
    assert sorted(listed(lines, "wrote")) == files
    n = len(files)
    assert re.fullmatch(rf"built 35 pages in [\d.]+ s, 0 unchanged; {n} of {n} files written into site/; "
                        r"4 sources, 12 actors, 6 events changed \(edition 1\)", lines[-1])


def test_an_edit_lists_what_it_wrote_and_a_removal_what_it_removed(fixture: Path):
    build()
    serbia = fixture / "content/actors/serbia.md"
    serbia.write_text(serbia.read_text(encoding="utf-8") + "\nMore on Serbia.\n", encoding="utf-8")
    lines = build("-v")
    # The page, the data, and "What's new" and the feed for the edition it makes.
    assert listed(lines, "wrote") == ["site/actors/serbia/index.html", "site/changes/index.html",
                                      "site/data/briefing.json", "site/feed.xml"]
    assert listed(lines, "removed") == []
    assert lines[-1].endswith("; 1 actor changed (edition 2)")
    # An actor nothing refers to: its page goes.
    (fixture / "content/actors/loner.md").write_text("---\nname: Loner\n---\n", encoding="utf-8")
    build()
    (fixture / "content/actors/loner.md").unlink()
    lines = build("-v")
    assert listed(lines, "removed") == ["site/actors/loner/index.html"]
    assert "site/actors/index.html" in listed(lines, "wrote")
    assert not (fixture / "site/actors/loner").exists()
    assert lines[-1].endswith("; 1 actor changed (edition 4)")


def test_without_v_no_file_is_listed(fixture: Path):
    lines = build()
    assert len(lines) == 1 and lines[0].startswith("built ")


def test_several_kinds_in_one_line(fixture: Path):
    build()
    for rel in ("content/actors/serbia.md", "content/actors/kosovo.md", "content/events/kfor-reinforcement.md"):
        path = fixture / rel
        path.write_text(path.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    assert build()[-1].endswith("; 2 actors, 1 event changed (edition 2)")


def test_a_full_rebuild_of_the_same_content_says_so(fixture: Path):
    build()
    shutil.rmtree(fixture / "site")
    assert build("--full")[-1].endswith("; no content changed")
    again = build("-v")  # nothing changed: no file listed
    assert len(again) == 1 and again[0].startswith("nothing changed: site/ is up to date")


def test_ingest_v_lists_the_entries_it_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = tmp_path / "b"
    (root / "content").mkdir(parents=True)
    (root / "seeds").mkdir()
    shutil.copy(sorted((REPO / "seeds").glob("*.txt"))[0], root / "seeds")
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["ingest", "-v"], catch_exceptions=False)
    created = [line.split(" ", 1)[1] for line in result.output.splitlines() if line.startswith("created ")]
    on_disk = sorted(p.relative_to(root).as_posix() for p in (root / "content").rglob("*.md"))
    assert sorted(created) == on_disk and on_disk
    assert "wrote content/.ingest.json" in result.output.splitlines()


def test_ingest_v_names_a_review_file_it_removes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = tmp_path / "b"
    (root / "content").mkdir(parents=True)
    (root / "seeds").mkdir()
    seed = root / "seeds" / sorted((REPO / "seeds").glob("*.txt"))[0].name
    shutil.copy(REPO / "seeds" / seed.name, seed)
    monkeypatch.chdir(root)
    runner = CliRunner()
    assert runner.invoke(main, ["ingest"], catch_exceptions=False).exit_code == 0
    # A review file that holds what the entry holds: the next ingest removes it (and says so).
    shutil.copy(root / "content/actors/serbia.md", root / "content/actors/serbia.ingest.md")
    seed.write_text(seed.read_text(encoding="utf-8") + "\nAn added paragraph.\n", encoding="utf-8")
    result = runner.invoke(main, ["ingest", "-v"], catch_exceptions=False)
    assert not (root / "content/actors/serbia.ingest.md").exists()
    lines = result.output.splitlines()
    assert "removed content/actors/serbia.ingest.md" in lines and "wrote content/.ingest.json" in lines
