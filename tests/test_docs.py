"""The editor documentation exists, covers every field and template, and its examples build."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml

from sitegen import frontmatter
from sitegen.build import build_site
from sitegen.check import check_links
from sitegen.config import SiteConfig, load_config
from sitegen.load import load_briefing
from sitegen.model import ACTOR_KINDS, CREDIBILITY, EVENT_KINDS, RELIABILITY, Actor, Entry, Event, Source
from sitegen.scaffold import pages_workflow
from sitegen.serve import serve
from sitegen.theme import builtin_theme_dir

DOCS = Path(__file__).resolve().parent.parent / "docs"
EDITING = DOCS / "editing.md"
HOSTING = DOCS / "hosting.md"
THEMES = DOCS / "themes.md"
WORKFLOW = DOCS / "github-pages.yml"

ENTRY_FIELDS = {f.name for f in dataclasses.fields(Entry)}
# Fields of the front page that the pages read (sitegen/pages.py).
INDEX_FIELDS = {"title", "summary", "updated", "key_judgments"}

FENCE = re.compile(r"^```(\w+) file=(\S+)\n(.*?)^```$", re.M | re.S)


def own_fields(cls) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)} - ENTRY_FIELDS


def section(text: str, heading: str) -> str:
    """The text of one `## heading` section."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"no section '## {heading}'"
    return match.group(1)


def examples() -> dict[str, str]:
    found = {m.group(2): m.group(3) for m in FENCE.finditer(EDITING.read_text(encoding="utf-8"))}
    assert found, "docs/editing.md has no examples marked with file=..."
    return found


def test_docs_exist():
    for path in (EDITING, HOSTING, THEMES, WORKFLOW):
        assert path.is_file() and path.stat().st_size > 500, path


@pytest.mark.parametrize("heading, cls", [("Sources", Source), ("Actors", Actor), ("Events", Event)])
def test_every_entry_field_is_documented(heading, cls):
    text = section(EDITING.read_text(encoding="utf-8"), heading)
    missing = [f for f in sorted(own_fields(cls)) if f"| `{f}` |" not in text]
    assert not missing, f"{heading}: fields without a row in the table: {missing}"


def test_choices_are_documented():
    text = EDITING.read_text(encoding="utf-8")
    for choice in (*ACTOR_KINDS, *EVENT_KINDS):
        assert f"`{choice}`" in text, choice
    grades = section(text, "Sources")
    for code, meaning in (*RELIABILITY.items(), *CREDIBILITY.items()):
        assert f"{code} {meaning.lower()}" in grades, (code, meaning)


def test_front_page_and_settings_fields_are_documented():
    text = EDITING.read_text(encoding="utf-8")
    front = section(text, "The front page: content/_index.md")
    assert [f for f in sorted(INDEX_FIELDS) if f"| `{f}` |" not in front] == []
    settings = section(text, "Settings: sitegen.yaml")
    config_fields = {f.name for f in dataclasses.fields(SiteConfig)} - {"extra"}
    assert [f for f in sorted(config_fields) if f"| `{f}` |" not in settings] == []


def test_examples_cover_every_field_and_build(tmp_path):
    found = examples()
    for rel, text in found.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    briefing, problems = load_briefing(tmp_path, tmp_path / "content")
    problems += check_links(briefing)
    assert [str(p) for p in problems if p.severity == "error"] == []
    assert briefing.sources and briefing.actors and briefing.events and briefing.index_meta
    for kind, cls, entries in (("sources", Source, briefing.sources), ("actors", Actor, briefing.actors),
                               ("events", Event, briefing.events)):
        assert any(own_fields(cls) <= set(e.meta) for e in entries.values()), \
            f"no {kind} example shows every field"
    assert INDEX_FIELDS <= set(briefing.index_meta)
    config = load_config(tmp_path)
    assert set(yaml.safe_load(found["sitegen.yaml"])) == {f.name for f in dataclasses.fields(SiteConfig)} - {"extra"}
    result = build_site(tmp_path, tmp_path / "content", tmp_path / "site", config, search=False)
    assert result.pages > 0 and (tmp_path / "site" / "index.html").is_file()


def test_examples_parse_as_front_matter():
    for rel, text in examples().items():
        if rel.endswith(".md"):
            assert frontmatter.parse(text).meta, rel


def test_serve_options_are_documented():
    text = section(EDITING.read_text(encoding="utf-8"), "The editor's loop")
    for param in serve.params:
        for opt in param.opts:
            if opt.startswith("--") and opt not in ("--quiet", "--verbose"):
                assert f"`{opt}" in text, opt


def test_workflow_file_is_the_one_init_writes():
    assert WORKFLOW.read_text(encoding="utf-8") == pages_workflow()
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert set(workflow["jobs"]) == {"build", "deploy"}


def test_hosting_covers_the_hosts():
    text = HOSTING.read_text(encoding="utf-8")
    for needle in ("--base-url", "GitHub Pages", "github-pages.yml", "nginx", "caddy", "from disk",
                   "Settings → Pages", "site/"):
        assert needle in text, needle


def theme_files() -> list[str]:
    theme = builtin_theme_dir()
    return sorted(p.relative_to(theme).as_posix() for p in theme.rglob("*")
                  if p.is_file() and not p.name.startswith(".") and p.suffix not in (".py", ".pyc"))


def test_themes_lists_every_template_and_static_file():
    text = THEMES.read_text(encoding="utf-8")
    files = theme_files()
    assert any(f.endswith(".html") for f in files)
    missing = [f for f in files if f"`{f}`" not in text and f"`{Path(f).name}`" not in text]
    assert not missing, f"docs/themes.md does not mention: {missing}"


def test_relative_links_in_docs_resolve():
    for doc in DOCS.glob("*.md"):
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", doc.read_text(encoding="utf-8")):
            if "://" in target or target.startswith("mailto:"):
                continue
            assert (doc.parent / target).exists(), f"{doc.name}: broken link {target}"
