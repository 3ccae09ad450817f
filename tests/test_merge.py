"""`sitegen merge` and `sitegen rename`: references rewritten, nothing else touched, a redirect
recorded and served, and every mistake refused before anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import write

from sitegen.cli import main
from sitegen.redirects import Redirect, read_redirects


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "content").rglob("*")) if p.is_file()}


@pytest.fixture
def brief(fixture_briefing: Path) -> Path:
    write(fixture_briefing / "content/actors/vucic.md", """
        ---
        # Made by ingest, a duplicate
        name: Vučić
        kind: person
        aliases: [Aleksandar Vucic, Predsednik]
        role: Serbian president
        affiliations: [serbia, aleksandar-vucic]
        ---
        Seen in one article.
        """)
    write(fixture_briefing / "content/events/vucic-speech.md", """
        ---
        title: Vučić speaks
        date: 2025-05
        participants:
          - vucic   # the duplicate
          - serbia
        sources: [reuters-serbia-hungary-plan]
        disagreements:
          - about: Tone
            accounts:
              - {value: Calm, speaker: vucic, source: reuters-serbia-hungary-plan}
        mine: [vucic]
        location: vucic
        ---
        He spoke, see [his page](../../actors/vucic/index.html) and [the other](../../actors/vucic-x/).
        """)
    return fixture_briefing


def test_merge_combines_rewrites_and_redirects(brief: Path):
    before = snapshot(brief)
    result = run("merge", "actor", "vucic", "aleksandar-vucic")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "updated content/events/vucic-speech.md (4 references to vucic)" in lines
    assert "removed content/actors/vucic.md" in lines
    assert "kept aleksandar-vucic's role 'President of Serbia' (vucic had 'Serbian president')" in lines
    assert lines[-1] == "merged actor vucic into aleksandar-vucic: 3 file(s) changed"
    after = snapshot(brief)
    assert "content/actors/vucic.md" not in after
    kept = after["content/actors/aleksandar-vucic.md"].decode()
    # The name and the new alias join INTO's aliases (Aleksandar Vucic folds to its own name).
    assert "aliases: [Vučić, Vucic, Serbian President, Predsednik]\n" in kept
    assert "affiliations: [serbia]\n" in kept  # never affiliated with itself
    assert kept.endswith("President of Serbia since 2017.\n\nSeen in one article.\n")
    event = after["content/events/vucic-speech.md"].decode()
    assert event == before["content/events/vucic-speech.md"].decode().replace(
        "  - vucic   # the duplicate", "  - aleksandar-vucic   # the duplicate").replace(
        "speaker: vucic", "speaker: aleksandar-vucic").replace("mine: [vucic]", "mine: [aleksandar-vucic]").replace(
        "actors/vucic/index.html", "actors/aleksandar-vucic/index.html")
    assert "location: vucic" in event and "actors/vucic-x/" in event  # not references
    changed = {p for p in before if after.get(p) != before[p]}
    assert changed == {"content/actors/vucic.md", "content/actors/aleksandar-vucic.md",
                       "content/events/vucic-speech.md"}
    assert read_redirects(brief / "content") == [Redirect("actor", "vucic", "aleksandar-vucic")]
    assert run("check").exit_code == 0
    built = run("build", "--no-search")
    assert built.exit_code == 0, built.output
    page = (brief / "site/actors/vucic/index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../../actors/aleksandar-vucic/index.html">' in page
    assert '<a href="../../actors/aleksandar-vucic/index.html">Aleksandar Vučić</a>' in page


def test_a_draft_merged_into_a_reviewed_entry_leaves_it_reviewed(brief: Path):
    (brief / "content/actors/vucic.md").write_text("---\nname: Vucic\nstatus: draft\n---\n", encoding="utf-8")
    serbia = (brief / "content/actors/serbia.md").read_text(encoding="utf-8")
    assert run("merge", "actor", "vucic", "serbia").exit_code == 0
    assert (brief / "content/actors/serbia.md").read_text(encoding="utf-8") == serbia.replace(
        "aliases: [Republic of Serbia, Belgrade]", "aliases: [Republic of Serbia, Belgrade, Vucic]")


def test_merge_drops_a_reference_the_list_already_has(brief: Path):
    # reuters-serbia-hungary-plan lists both milos-vucevic and aleksandar-vucic.
    assert run("merge", "actor", "milos-vucevic", "aleksandar-vucic").exit_code == 0
    source = (brief / "content/sources/reuters-serbia-hungary-plan.md").read_text(encoding="utf-8")
    assert "actors: [serbia, hungary, viktor-orban, aleksandar-vucic]\n" in source


@pytest.mark.parametrize("args, message", [
    (["actor", "vucic", "vucic"], "error: cannot merge actor 'vucic' into itself; nothing was changed"),
    (["actor", "vucic", "kfor-reinforcement"],
     "error: 'kfor-reinforcement' is an event, not an actor: only entries of one kind can be merged; nothing was changed"),
    (["actor", "vucic", "nobody"], "error: there is no actor 'nobody' (content/actors/nobody.md); nothing was changed"),
    (["actor", "nobody", "serbia"], "error: there is no actor 'nobody' (content/actors/nobody.md); nothing was changed"),
])
def test_merge_mistakes_change_nothing(brief: Path, args: list[str], message: str):
    before = snapshot(brief)
    result = run("merge", *args)
    assert result.exit_code == 1
    assert result.output.splitlines() == [message]
    assert snapshot(brief) == before


def test_unknown_kind_is_a_usage_error(brief: Path):
    before = snapshot(brief)
    assert run("merge", "person", "vucic", "serbia").exit_code == 2
    assert snapshot(brief) == before


def test_rename_moves_the_file_and_every_reference(brief: Path):
    before = snapshot(brief)
    result = run("rename", "actor", "vucic", "vucic-duplicate")
    assert result.exit_code == 0, result.output
    after = snapshot(brief)
    assert after["content/actors/vucic-duplicate.md"] == before["content/actors/vucic.md"]
    assert "content/actors/vucic.md" not in after
    assert "speaker: vucic-duplicate" in after["content/events/vucic-speech.md"].decode()
    assert read_redirects(brief / "content") == [Redirect("actor", "vucic", "vucic-duplicate")]
    # Renamed again: the first old address leads to the newest slug.
    assert run("rename", "actor", "vucic-duplicate", "vucic-2").exit_code == 0
    assert read_redirects(brief / "content") == [Redirect("actor", "vucic", "vucic-2"),
                                                 Redirect("actor", "vucic-duplicate", "vucic-2")]
    # And back: the slug is an entry again, not a redirect.
    assert run("rename", "actor", "vucic-2", "vucic").exit_code == 0
    assert read_redirects(brief / "content") == [Redirect("actor", "vucic-2", "vucic"),
                                                 Redirect("actor", "vucic-duplicate", "vucic")]
    assert snapshot(brief)["content/events/vucic-speech.md"] == before["content/events/vucic-speech.md"]
    assert run("build", "--no-search").exit_code == 0
    assert (brief / "site/actors/vucic-2/index.html").is_file()
    assert "Moved" not in (brief / "site/actors/vucic/index.html").read_text(encoding="utf-8")


def test_rename_a_source_rewrites_accounts_and_claims(brief: Path):
    assert run("rename", "source", "reuters-serbia-hungary-plan", "reuters-plan").exit_code == 0
    assert run("check").exit_code == 0
    text = "".join(p.read_text(encoding="utf-8") for p in (brief / "content").rglob("*.md"))
    assert "reuters-serbia-hungary-plan" not in text


@pytest.mark.parametrize("args, message", [
    (["actor", "vucic", "serbia"], "error: actor 'serbia' already exists (content/actors/serbia.md); "
                                   "merge into it with `sitegen merge actor vucic serbia`; nothing was changed"),
    (["actor", "nobody", "somebody"], "error: there is no actor 'nobody' (content/actors/nobody.md); nothing was changed"),
])
def test_rename_mistakes_change_nothing(brief: Path, args: list[str], message: str):
    before = snapshot(brief)
    result = run("rename", *args)
    assert result.exit_code == 1 and result.output.splitlines() == [message]
    assert snapshot(brief) == before


def test_a_damaged_redirects_file_stops_before_any_write(brief: Path):
    (brief / "content/.redirects.yaml").write_text("redirects:\n  - {kind: person, from: a, to: b}\n", encoding="utf-8")
    before = snapshot(brief)
    result = run("rename", "actor", "vucic", "vucic-2")
    assert result.exit_code == 1
    assert result.output.splitlines() == ["error: content/.redirects.yaml:2: each redirect needs kind (source, actor "
                                          "or event), from and to (slugs)"]
    assert snapshot(brief) == before


def test_check_warns_of_a_redirect_the_site_cannot_serve(brief: Path):
    assert run("rename", "actor", "vucic", "vucic-2").exit_code == 0
    (brief / "content/actors/vucic.md").write_text("---\nname: Vucic again\n---\n", encoding="utf-8")
    result = run("check")
    assert result.exit_code == 0
    assert "content/.redirects.yaml: warning: actor 'vucic' is an entry again: its redirect to 'vucic-2' is not served" \
        in result.output
    assert run("check", "--strict").exit_code == 1


def test_the_edition_of_a_merge_says_where_the_entry_went(brief: Path, monkeypatch: pytest.MonkeyPatch):
    import json

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1743500000")
    assert run("build", "--no-search").exit_code == 0
    assert run("merge", "actor", "vucic", "aleksandar-vucic").exit_code == 0
    assert run("build", "--no-search").exit_code == 0
    record = json.loads((brief / "content/.editions/0002.json").read_text(encoding="utf-8"))
    assert {"kind": "actor", "slug": "vucic", "change": "removed", "title": "Vučić",
            "details": ["now part of: Aleksandar Vučić"]} in record["entries"]
    changes = (brief / "site/changes/index.html").read_text(encoding="utf-8")
    assert "<li>Vučić <span class=\"muted\">(now part of: Aleksandar Vučić)</span></li>" in changes
