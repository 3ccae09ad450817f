"""The shipped example briefing builds into a complete, fully linked site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, site_files
from linkcheck import broken_links

from sitegen.cli import main


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository's briefing folder, so tests never touch the real one."""
    root = tmp_path_factory.mktemp("example")
    for name in ("content", "seeds", "sitegen.yaml"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, root / name)
        else:
            shutil.copy2(src, root / name)
    return root


def run(root: Path, *args: str):
    import os

    old = os.getcwd()
    os.chdir(root)
    try:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {rel: (folder / rel).read_bytes() for rel in site_files(folder)}


def test_seeds_are_the_shipped_articles():
    shared = REPO.parent / "shared" / "seeds"
    names = sorted(p.name for p in (REPO / "seeds").iterdir())
    assert len(names) == 5
    if shared.is_dir():  # byte for byte the articles handed over
        for name in names:
            assert (REPO / "seeds" / name).read_bytes() == (shared / name).read_bytes()


def test_check_passes(example: Path):
    result = run(example, "check")
    assert result.exit_code == 0, result.output


def test_build_changes_no_content_and_links_resolve(example: Path):
    before = snapshot(example / "content")
    result = run(example, "build", "--no-search")
    assert result.exit_code == 0, result.output
    # Nothing new in seeds/: the build must not rewrite the reviewed content, nor record a new
    # edition of content its editions already hold.
    assert snapshot(example / "content") == before
    site = example / "site"
    files = site_files(site)
    assert "index.html" in files
    sources = [f for f in files if f.startswith("sources/") and f.count("/") == 2]
    actors = [f for f in files if f.startswith("actors/") and f.count("/") == 2]
    events = [f for f in files if f.startswith("events/") and f.count("/") == 2]
    assert len(sources) == 5
    assert len(actors) >= 20
    assert len(events) >= 8
    assert broken_links(site) == []


def test_reingest_changes_nothing(example: Path):
    before = snapshot(example / "content")
    result = run(example, "ingest")
    assert result.exit_code == 0, result.output
    assert snapshot(example / "content") == before
    assert not list((example / "content").rglob("*.ingest.md"))
