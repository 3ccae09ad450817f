"""`sitegen new` and `sitegen init`."""

from __future__ import annotations

import dataclasses
import os

import pytest
import yaml
from click.testing import CliRunner

from sitegen import frontmatter
from sitegen.cli import main
from sitegen.load import load_briefing
from sitegen.model import Actor, Entry, Event, Source
from sitegen.scaffold import PAGES_WORKFLOW, SITEGEN_INSTALL_PLACEHOLDER, pages_workflow

ENTRY_FIELDS = {f.name for f in dataclasses.fields(Entry)}


def own_fields(cls) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)} - ENTRY_FIELDS


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


@pytest.fixture
def briefing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("init", "b")
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(tmp_path / "b")
    return tmp_path / "b"


# --- new ---------------------------------------------------------------------------------------


def test_new_actor_writes_every_field_and_prints_only_the_path(briefing):
    result = run("new", "actor", "Aleksandar Vučić")
    assert result.exit_code == 0, result.output
    assert result.output == "content/actors/aleksandar-vucic.md\n"  # so $EDITOR "$(sitegen new ...)" works
    text = (briefing / "content/actors/aleksandar-vucic.md").read_text(encoding="utf-8")
    meta = frontmatter.parse(text).meta
    assert own_fields(Actor) <= set(meta), own_fields(Actor) - set(meta)
    assert meta["name"] == "Aleksandar Vučić" and meta["kind"] == "person"
    assert "#" in text  # each field is explained in a comment
    b, problems = load_briefing(briefing, briefing / "content")
    assert problems == []
    actor = b.actors["aleksandar-vucic"]
    assert actor.name == "Aleksandar Vučić" and actor.aliases == [] and actor.role == ""
    check = run("check")
    assert check.exit_code == 0, check.output  # warnings (nothing mentions it yet) are fine


def test_new_refuses_to_overwrite(briefing):
    assert run("new", "actor", "Serbia", "--kind", "state").exit_code == 0
    path = briefing / "content/actors/serbia.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nMy notes.\n", encoding="utf-8")
    before = path.read_bytes()
    result = run("new", "actor", "Serbia")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "error: content/actors/serbia.md already exists; edit it, or pick another name with --slug"]
    assert path.read_bytes() == before
    again = run("new", "actor", "Serbia", "--slug", "serbia-2", "--force")
    assert again.exit_code == 0 and again.output == "content/actors/serbia-2.md\n"


def test_new_event_with_date(briefing):
    result = run("new", "event", "Leaders meet: talks in Brussels #2", "--date", "2025-04-01", "--kind", "meeting")
    assert result.exit_code == 0, result.output
    rel = result.output.strip()
    assert rel == "content/events/leaders-meet-talks-in-brussels-2.md"
    meta = frontmatter.parse((briefing / rel).read_text(encoding="utf-8")).meta
    assert own_fields(Event) <= set(meta), own_fields(Event) - set(meta)
    b, problems = load_briefing(briefing, briefing / "content")
    assert problems == []
    event = b.events["leaders-meet-talks-in-brussels-2"]
    assert event.title == "Leaders meet: talks in Brussels #2"
    assert event.date.iso() == "2025-04-01" and event.kind == "meeting"
    assert run("check").exit_code == 0


@pytest.mark.parametrize("date", ["2025", "2025-04"])
def test_new_event_partial_date(briefing, date):
    result = run("new", "event", f"Something in {date}", "--date", date)
    assert result.exit_code == 0, result.output
    b, problems = load_briefing(briefing, briefing / "content")
    assert problems == [] and next(iter(b.events.values())).date.iso() == date


@pytest.mark.parametrize("date", ["2025-02-30", "1 April 2025", "2025-13", "tomorrow"])
def test_new_event_bad_date_is_a_usage_error(briefing, date):
    result = run("new", "event", "Bad date", "--date", date)
    assert result.exit_code == 2
    assert "--date" in result.output and date in result.output
    assert not (briefing / "content/events/bad-date.md").exists()


def test_new_event_without_date(briefing):
    result = run("new", "event", "Undated")
    assert result.exit_code == 0
    b, problems = load_briefing(briefing, briefing / "content")
    assert problems == [] and b.events["undated"].date is None


def test_new_source(briefing):
    result = run("new", "source", "Talks fail in Brussels", "--date", "2023-09-14",
                 "--url", "https://example.org/a", "--outlet", "Reuters")
    assert result.exit_code == 0, result.output
    assert result.output == "content/sources/talks-fail-in-brussels.md\n"
    meta = frontmatter.parse((briefing / result.output.strip()).read_text(encoding="utf-8")).meta
    assert own_fields(Source) <= set(meta), own_fields(Source) - set(meta)
    b, problems = load_briefing(briefing, briefing / "content")
    assert problems == []
    source = b.sources["talks-fail-in-brussels"]
    assert source.title == "Talks fail in Brussels" and source.outlet == "Reuters"
    assert source.published.iso() == "2023-09-14" and source.url == "https://example.org/a"
    assert source.grade == "F6"
    assert run("check").exit_code == 0


def test_new_entries_build(briefing):
    for args in (["actor", "Ana Brnabić"], ["event", "Vote", "--date", "2025-03"], ["source", "A report"]):
        assert run("new", *args).exit_code == 0
    result = run("build", "--no-search")
    assert result.exit_code == 0, result.output
    assert (briefing / "site/actors/ana-brnabic/index.html").is_file()


def test_new_bad_slug_and_empty_name(briefing):
    result = run("new", "actor", "Someone", "--slug", "Not A Slug")
    assert result.exit_code == 2 and "--slug" in result.output
    result = run("new", "actor", "   ")
    assert result.exit_code == 2
    assert list((briefing / "content/actors").glob("*.md")) == []


def test_new_outside_a_briefing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("new", "actor", "Someone")
    assert result.exit_code == 1
    assert "no content folder" in result.output and "sitegen init" in result.output
    assert not (tmp_path / "content").exists()


def test_new_help_lists_the_kinds():
    result = run("new", "--help")
    assert result.exit_code == 0
    for kind in ("actor", "event", "source"):
        assert kind in result.output


# --- init --------------------------------------------------------------------------------------


def test_init_creates_a_briefing_that_builds(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("init", "western-balkans")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "western-balkans"
    for rel in ("sitegen.yaml", "content/_index.md", ".gitignore", ".github/workflows/pages.yml"):
        assert (folder / rel).is_file(), rel
    for rel in ("content/sources", "content/actors", "content/events", "seeds"):
        assert (folder / rel).is_dir(), rel
        assert not list((folder / rel).glob("*.md")), rel
    assert "cd western-balkans" in result.output and "sitegen serve" in result.output
    config = yaml.safe_load((folder / "sitegen.yaml").read_text(encoding="utf-8"))
    assert config["title"] == "Western Balkans"
    ignored = (folder / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "site/" in ignored and ".sitegen/" in ignored

    monkeypatch.chdir(folder)
    b, problems = load_briefing(folder, folder / "content")
    assert problems == [] and b.index_meta["title"] == "Western Balkans" and b.index_body.strip()
    assert run("check").exit_code == 0
    built = run("build")
    assert built.exit_code == 0, built.output
    index = (folder / "site" / "index.html").read_text(encoding="utf-8")
    assert "Western Balkans" in index


def test_init_title_option_and_current_folder(tmp_path, monkeypatch):
    folder = tmp_path / "x"
    folder.mkdir()
    (folder / ".git").mkdir()  # a fresh `git init` still counts as empty
    monkeypatch.chdir(folder)
    result = run("init", "--title", "Moldova: security watch")
    assert result.exit_code == 0, result.output
    assert "cd " not in result.output
    assert yaml.safe_load((folder / "sitegen.yaml").read_text(encoding="utf-8"))["title"] == "Moldova: security watch"
    assert run("build", "--no-search").exit_code == 0
    assert "Moldova: security watch" in (folder / "site/index.html").read_text(encoding="utf-8")


def test_init_refuses_a_non_empty_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("init", "busy")
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1 and "not empty" in result.output
    assert "--force" in result.output
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_init_force_keeps_existing_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "sitegen.yaml").write_text("title: Mine\n", encoding="utf-8")
    result = run("init", "busy", "--force")
    assert result.exit_code == 0, result.output
    assert (folder / "sitegen.yaml").read_text(encoding="utf-8") == "title: Mine\n"
    assert "kept existing busy/sitegen.yaml" in result.output
    assert (folder / "content/_index.md").is_file() and (folder / "seeds").is_dir()


def test_init_refuses_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "f").write_text("x", encoding="utf-8")
    result = run("init", "f")
    assert result.exit_code == 2 and "'f'" in result.output and "Traceback" not in result.output


def test_init_writes_the_pages_workflow(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("init", "b").exit_code == 0
    text = (tmp_path / "b/.github/workflows/pages.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
    assert on["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    steps = workflow["jobs"]["build"]["steps"]
    runs = " ".join(step.get("run", "") for step in steps)
    uses = [step.get("uses", "") for step in steps] + [s.get("uses", "") for s in workflow["jobs"]["deploy"]["steps"]]
    assert 'pip install "$SITEGEN"' in runs
    assert "sitegen build --base-url" in runs
    assert any(u.startswith("actions/configure-pages@") for u in uses)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    assert workflow["env"]["SITEGEN"].startswith("git+")


def test_pages_workflow_install_source():
    assert pages_workflow() == PAGES_WORKFLOW.replace("{install}", SITEGEN_INSTALL_PLACEHOLDER)
    custom = pages_workflow("git+https://example.org/sitegen.git@v1")
    assert 'SITEGEN: "git+https://example.org/sitegen.git@v1"' in custom


def test_init_files_are_lf_utf8(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("init", "Über Briefing").exit_code == 0
    folder = tmp_path / "Über Briefing"
    for path in folder.rglob("*"):
        if path.is_file():
            assert b"\r\n" not in path.read_bytes(), path
    assert yaml.safe_load((folder / "sitegen.yaml").read_text(encoding="utf-8"))["title"] == "Über Briefing"
    assert os.path.isdir(folder / "content" / "actors")
