"""`sitegen check` names the entry an unknown reference most likely meant."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO

from sitegen.cli import main


@pytest.fixture
def fixture(fixture_briefing: Path) -> Path:
    return fixture_briefing


def errors(path: Path, old: str, new: str) -> list[str]:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["check"], catch_exceptions=False)
    assert result.exit_code == 1
    return [line for line in result.output.splitlines() if "is not" in line]


def test_alias_first_then_close_slug_then_nothing(fixture: Path):
    lines = errors(fixture / "content/actors/aleksandar-vucic.md", "affiliations: [serbia]",
                   "affiliations: [serbia, eu, serbija, vucic, zzz]")
    assert lines == [
        "content/actors/aleksandar-vucic.md:6: affiliation 'eu' is not an actor; did you mean european-union?",
        "content/actors/aleksandar-vucic.md:6: affiliation 'serbija' is not an actor; did you mean serbia?",
        "content/actors/aleksandar-vucic.md:6: affiliation 'vucic' is not an actor; did you mean aleksandar-vucic?",
        "content/actors/aleksandar-vucic.md:6: affiliation 'zzz' is not an actor",
    ]


def test_an_alias_beats_a_closer_slug(fixture: Path):
    # 'serbian' is one letter from the slug 'serbia', but another actor has the alias "Serbian".
    kosovo = fixture / "content/actors/kosovo.md"
    kosovo.write_text(kosovo.read_text(encoding="utf-8").replace("aliases: [Pristina]", "aliases: [Pristina, Serbian]", 1),
                      encoding="utf-8")
    lines = errors(fixture / "content/actors/aleksandar-vucic.md", "affiliations: [serbia]",
                   "affiliations: [serbian]")
    assert lines == ["content/actors/aleksandar-vucic.md:6: affiliation 'serbian' is not an actor; "
                     "did you mean kosovo?"]


def test_events_and_sources_are_suggested_from_their_own_kind(fixture: Path):
    event = fixture / "content/events/orban-visit-belgrade.md"
    text = event.read_text(encoding="utf-8")
    source = text.split("sources: [", 1)[1].split("]", 1)[0].split(",")[0].strip()
    lines = errors(event, f"sources: [{source}", f"sources: [{source}x, serbia")
    assert any(f"source '{source}x' is not a source; did you mean {source}?" in line for line in lines)
    # 'serbia' is an actor, never offered as a source.
    assert any(line.endswith("source 'serbia' is not a source") for line in lines)
