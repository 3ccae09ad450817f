"""Editions: each build that changes the content records what changed; the site shows the
editions on "What's new", in the feed and beside the title of each page the latest changed."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import site_files

from sitegen.cli import main

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def brief(fixture_briefing: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1743500000")  # 2025-04-01T09:33:20Z
    return fixture_briefing


def build(*args: str) -> str:
    result = CliRunner().invoke(main, ["build", "--no-search", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def record(root: Path, number: int) -> dict:
    return json.loads((root / f"content/.editions/{number:04d}.json").read_text(encoding="utf-8"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def site(root: Path) -> dict[str, bytes]:
    return {rel: (root / "site" / rel).read_bytes() for rel in site_files(root / "site")}


def page(root: Path, rel: str) -> str:
    return (root / "site" / rel).read_text(encoding="utf-8")


def test_the_first_build_records_the_baseline(brief: Path):
    assert build().endswith("4 sources, 12 actors, 6 events changed (edition 1)\n")
    first = record(brief, 1)
    assert first["edition"] == 1 and first["time"] == "2025-04-01T09:33:20Z"
    assert first["totals"] == {"source": 4, "actor": 12, "event": 6} and first["entries"] == []
    assert (brief / "content/.editions/snapshot.tsv").read_text(encoding="utf-8").count("\n") == 22
    # The baseline marks no page, and "What's new" sums it up.
    assert "edition-note" not in page(brief, "actors/serbia/index.html")
    changes = page(brief, "changes/index.html")
    assert 'id="edition-1"' in changes and "The briefing as first built: 4 sources, 12 actors, 6 events" in changes


def test_same_content_adds_no_edition_and_builds_the_same_site(brief: Path, monkeypatch: pytest.MonkeyPatch):
    build()
    before = site(brief)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1900000000")  # another clock: it must not show
    assert build("--full").endswith("; no content changed\n")
    shutil.rmtree(brief / "site")
    shutil.rmtree(brief / ".sitegen")
    assert build().endswith("; no content changed\n")
    assert sorted(p.name for p in (brief / "content/.editions").iterdir()) == ["0001.json", "snapshot.tsv"]
    assert site(brief) == before


def test_an_edition_says_what_changed(brief: Path, monkeypatch: pytest.MonkeyPatch):
    (brief / "content/sources/stray-report.md").write_text("---\ntitle: A stray report\n---\nText.\n", encoding="utf-8")
    build()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1743600000")
    content = brief / "content"
    event = content / "events/kfor-reinforcement.md"
    edit(event, "date: 2025-04-15", "date: 2025-04-16")
    edit(event, "sources: [afp-kfor-reinforcement]", "sources: [afp-kfor-reinforcement, informer-alliance-commentary]")
    edit(event, "participants: [", "participants: [kosovo-police, ")
    (content / "actors/kosovo-police.md").write_text("---\nname: Kosovo Police\nkind: organization\n---\n", encoding="utf-8")
    edit(event, "disagreements:\n", "disagreements:\n  - about: How many troops\n    accounts:\n      - {value: '500'}\n")
    source = content / "sources/afp-kfor-reinforcement.md"
    edit(source, "claims:\n", "claims:\n  - {text: We will hold the line., speaker: nato}\n"
                               "  - {text: The troops would stay all summer., speaker: nato, mode: reported}\n")
    (content / "sources/stray-report.md").unlink()
    build()
    second = record(brief, 2)
    assert second["time"] == "2025-04-02T13:20:00Z"
    by_slug = {(e["kind"], e["slug"]): e for e in second["entries"]}
    assert by_slug[("actor", "kosovo-police")]["change"] == "added"
    assert by_slug[("source", "stray-report")] == {"kind": "source", "slug": "stray-report", "change": "removed",
                                                   "title": "A stray report", "details": []}
    changed = by_slug[("event", "kfor-reinforcement")]
    assert changed["change"] == "changed"
    assert changed["details"] == ["date: 2025-04-15 → 2025-04-16", "new source: Informer",
                                  "new participant: Kosovo Police"]
    assert {"source": "afp-kfor-reinforcement", "speaker": "nato", "text": "We will hold the line."} in second["statements"]
    # a source that only gained a statement says so, not "formatting"
    assert by_slug[("source", "afp-kfor-reinforcement")]["details"] == ["2 statements added"]
    assert {"event": "kfor-reinforcement", "about": "How many troops"} in second["disagreements"]

    # "What's new": the latest first, each change linked to its page while the page exists.
    changes = page(brief, "changes/index.html")
    assert changes.index('id="edition-2"') < changes.index('id="edition-1"')
    assert '<a href="../events/kfor-reinforcement/index.html">NATO reinforces KFOR in northern Kosovo</a>' in changes
    assert "date: 2025-04-15 → 2025-04-16; new source: Informer; new participant: Kosovo Police" in changes
    assert '<a href="../actors/kosovo-police/index.html">Kosovo Police</a>' in changes
    assert "<h3>Sources removed</h3>\n  <ul>\n    <li>A stray report</li>" in changes
    assert "“We will hold the line.”" in changes and "How many troops" in changes
    # a statement its source tells in its own words is not shown as a quotation
    assert "The troops would stay all summer. <span class=\"muted\">(in the article&#39;s words; said by" in changes
    assert "“The troops would stay all summer.”" not in changes
    # The pages the edition changed say so near their title; the others do not.
    note = re.search(r'<h1>NATO reinforces KFOR in northern Kosovo</h1>\s*<p class="edition-note">(.*?)</p>',
                     page(brief, "events/kfor-reinforcement/index.html"), re.S)
    assert note and "Changed in edition 2" in note.group(1) and "2 April 2025, 13:20 UTC" in note.group(1)
    assert 'href="../../changes/index.html#edition-2"' in note.group(1)
    assert "New in edition 2" in page(brief, "actors/kosovo-police/index.html")
    assert "edition-note" not in page(brief, "actors/serbia/index.html")
    # The feed: one entry per edition, its time from the record.
    feed = ET.fromstring((brief / "site/feed.xml").read_bytes())
    editions = [e for e in feed.findall(f"{ATOM}entry") if e.find(f"{ATOM}title").text.startswith("Edition ")]
    assert [e.find(f"{ATOM}updated").text for e in editions] == ["2025-04-02T13:20:00Z", "2025-04-01T09:33:20Z"]
    assert editions[0].find(f"{ATOM}link").get("href").endswith("changes/index.html#edition-2")

    # The next edition: the marks move on.
    edit(content / "actors/serbia.md", "role: Militarily neutral state, EU candidate", "role: EU candidate")
    assert build().endswith("; 1 actor changed (edition 3)\n")
    assert record(brief, 3)["entries"] == [{"kind": "actor", "slug": "serbia", "change": "changed",
                                            "title": "Serbia", "details": ["changed: role"]}]
    assert "edition-note" not in page(brief, "events/kfor-reinforcement/index.html")
    assert "Changed in edition 3" in page(brief, "actors/serbia/index.html")


@pytest.mark.parametrize("damage, message", [
    ("{not json", "content/.editions/0001.json:1: edition record is not valid JSON"),
    ('{"edition": 2, "time": "2025-04-01T09:33:20Z"}',
     "content/.editions/0001.json: edition record is damaged: 'edition' must be 1, the number in the file name"),
    ('{"edition": 1, "time": "yesterday"}', "content/.editions/0001.json: edition record is damaged: 'time' must be"),
    ('{"edition": 1, "time": "2025-04-01T09:33:20Z", "entries": [{"kind": "actor"}]}',
     "content/.editions/0001.json: edition record is damaged: missing 'slug'"),
])
def test_a_damaged_record_is_one_line_and_exit_1(brief: Path, damage: str, message: str):
    build()
    before = site(brief)
    (brief / "content/.editions/0001.json").write_text(damage, encoding="utf-8")
    edit(brief / "content/actors/serbia.md", "role: Militarily neutral state, EU candidate", "role: x")
    result = CliRunner().invoke(main, ["build", "--no-search"], catch_exceptions=False)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: " + message), lines
    assert site(brief) == before  # nothing written
    assert not (brief / "content/.editions/0002.json").exists()


def test_a_damaged_snapshot_is_one_line_and_exit_1(brief: Path):
    build()
    (brief / "content/.editions/snapshot.tsv").write_text("garbage\n", encoding="utf-8")
    edit(brief / "content/actors/serbia.md", "role: Militarily neutral state, EU candidate", "role: x")
    result = CliRunner().invoke(main, ["build", "--no-search"], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.output.splitlines() == ["error: content/.editions/snapshot.tsv:1: damaged snapshot line; "
                                          "restore the file from version control"]


def test_check_reports_a_damaged_record(brief: Path):
    build()
    (brief / "content/.editions/0001.json").write_text("{bad", encoding="utf-8")
    result = CliRunner().invoke(main, ["check"], catch_exceptions=False)
    assert result.exit_code == 1
    assert "content/.editions/0001.json:1: edition record is not valid JSON" in result.output


def test_an_edition_the_build_state_missed_still_reaches_every_page(brief: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch):
    """A build that recorded an edition but could not save its state: the next build, going by
    the older state, still brings "What's new", the feed and the marked pages up to date."""
    import sitegen.build

    build()
    edit(brief / "content/actors/serbia.md", "role: Militarily neutral state, EU candidate", "role: EU candidate")
    real = sitegen.build.write_state

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(sitegen.build, "write_state", fail)
    build()
    monkeypatch.setattr(sitegen.build, "write_state", real)
    edit(brief / "content/actors/kosovo.md", "kind: state", "kind: state  # checked")
    assert build().endswith("; 1 actor changed (edition 3)\n")
    fresh = tmp_path / "fresh"
    shutil.copytree(brief, fresh, ignore=shutil.ignore_patterns("site", ".sitegen"))
    monkeypatch.chdir(fresh)
    build()
    assert site(fresh) == site(brief)
