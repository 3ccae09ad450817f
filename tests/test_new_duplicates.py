"""`sitegen new` refuses a name that an entry of the same kind already has, in any folded spelling."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import write

from sitegen.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def with_sakaliene(briefing: Path) -> Path:
    write(briefing / "content/actors/dovile-sakaliene.md", """
        ---
        name: Dovilė Šakalienė
        kind: person
        aliases: [Šakalienė, Minister Sakaliene]
        ---
        """)
    return briefing


def actor_files(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "content/actors").glob("*.md"))


@pytest.mark.parametrize("name, spelling", [
    ("Sakaliene", "Šakalienė"),          # an alias, diacritics folded
    ("ŠAKALIENĖ", "Šakalienė"),          # case folded
    ("Minister Šakalienė", "Minister Sakaliene"),
])
def test_new_refuses_a_folded_spelling_of_a_name_or_alias(with_sakaliene: Path, name: str, spelling: str):
    before = actor_files(with_sakaliene)
    result = run("new", "actor", name)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"error: actor '{name}' already exists as '{spelling}': content/actors/dovile-sakaliene.md; "
        "edit it, or use --force to add another entry of that name"]
    assert actor_files(with_sakaliene) == before


def test_the_name_itself_under_another_slug(with_sakaliene: Path):
    result = run("new", "actor", "dovile sakaliene", "--slug", "ds")
    assert result.exit_code == 1
    assert "already exists as 'Dovilė Šakalienė': content/actors/dovile-sakaliene.md" in result.output
    assert not (with_sakaliene / "content/actors/ds.md").exists()


def test_force_adds_it_anyway(with_sakaliene: Path):
    result = run("new", "actor", "Sakaliene", "--force")
    assert result.exit_code == 0 and result.output == "content/actors/sakaliene.md\n"


def test_other_names_and_other_kinds_are_fine(with_sakaliene: Path):
    assert run("new", "actor", "Sakalas").exit_code == 0
    # An event may have the name of an actor.
    assert run("new", "event", "Serbia").exit_code == 0


def test_events_and_sources_by_title(briefing: Path):
    result = run("new", "event", "DEFENCE plan signed", "--date", "2025-04-01")
    assert result.exit_code == 1
    assert "content/events/2025-04-01-defence-plan-signed.md" in result.output
    result = run("new", "source", "Serbia and Hungary sign a defence plan")
    assert result.exit_code == 1 and "content/sources/defence-plan.md" in result.output
    assert run("new", "source", "Serbia and Hungary sign a defence plan", "--force").exit_code == 0


def test_same_slug_still_reports_the_existing_file(briefing: Path):
    result = run("new", "actor", "Serbia")
    assert result.output.splitlines() == [
        "error: content/actors/serbia.md already exists; edit it, or pick another name with --slug"]


def test_aliases_in_a_block_list_and_a_quoted_name(briefing: Path):
    write(briefing / "content/actors/nis.md", """
        ---
        name: "NIS: the oil company"
        kind: company
        aliases:
        - Naftna Industrija Srbije   # the full name
        - 'Naftna industrija'
        role: ''
        claims:
          - {text: "name: Other", speaker: serbia}
        ---
        """)
    for name, spelling in (("naftna industrija srbije", "Naftna Industrija Srbije"),
                           ("NIS the oil company", "NIS: the oil company"), ("Naftna Industrija", "Naftna industrija")):
        result = run("new", "actor", name)
        assert result.exit_code == 1 and f"already exists as '{spelling}': content/actors/nis.md" in result.output
    assert run("new", "actor", "Other").exit_code == 0  # in a claim's text, not a name
