"""Ingest after the editor merges or renames what an earlier ingest made: the old slugs never come
back, and later mentions are attached to the entries that replaced them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen.cli import main
from sitegen.load import load_briefing

ARTICLE = """Armenia and Azerbaijan sign border accord

Foreign Minister Ararat Mirzoyan of Armenia and Foreign Minister Jeyhun Bayramov of Azerbaijan
signed a border accord in Geneva on 3 June 2025, ending a dispute over the river.

Mirzoyan said the accord would hold. Bayramov said it was a first step.
"""


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def briefing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run("init", "b")
    monkeypatch.chdir(tmp_path / "b")
    (tmp_path / "b" / "seeds" / "accord.txt").write_text(ARTICLE, encoding="utf-8")
    run("ingest")
    return tmp_path / "b"


def _slugs(folder: Path) -> tuple[dict, dict, dict]:
    b, _ = load_briefing(folder, folder / "content")
    return b.actors, b.events, b.sources


def test_a_merged_actor_stays_merged_when_the_seed_changes(briefing):
    actors, events, _ = _slugs(briefing)
    assert {"ararat-mirzoyan", "armenia"} <= set(actors)
    run("merge", "actor", "ararat-mirzoyan", "armenia")  # the editor's call, however odd
    seed = briefing / "seeds" / "accord.txt"
    seed.write_text(ARTICLE + "\nMirzoyan later met Bayramov again in Geneva.\n", encoding="utf-8")
    run("ingest")
    actors, events, sources = _slugs(briefing)
    assert "ararat-mirzoyan" not in actors
    assert not (briefing / "content" / "actors" / "ararat-mirzoyan.md").exists()
    for source in sources.values():
        assert "ararat-mirzoyan" not in source.actors and "armenia" in source.actors
        assert all(c.speaker != "ararat-mirzoyan" for c in source.claims)
    for event in events.values():
        assert "ararat-mirzoyan" not in event.participants


def test_a_renamed_event_keeps_its_new_name(briefing):
    _, events, _ = _slugs(briefing)
    old = next(slug for slug, e in events.items() if str(e.date) == "2025-06-03")
    run("rename", "event", old, "2025-06-03-border-accord")
    run("ingest")
    _, events, sources = _slugs(briefing)
    assert "2025-06-03-border-accord" in events and old not in events
    assert all(old not in s.events for s in sources.values())
