"""Shared fixtures: small briefing folders built on the fly."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


@pytest.fixture
def briefing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A minimal valid briefing folder, made the current directory."""
    root = tmp_path / "briefing"
    write(root / "sitegen.yaml", "title: Test briefing\nbase_url: https://example.org/brief\n")
    write(root / "content/_index.md", "---\ntitle: Test briefing\n---\nThe **summary**.\n")
    write(root / "content/actors/serbia.md", """
        ---
        name: Serbia
        kind: state
        aliases: [Serbian, Belgrade]
        ---
        A state in the Balkans.
        """)
    write(root / "content/actors/aleksandar-vucic.md", """
        ---
        name: Aleksandar Vučić
        kind: person
        aliases: [Vucic, Vučić]
        role: President of Serbia
        affiliations: [serbia]
        ---
        """)
    write(root / "content/sources/defence-plan.md", """
        ---
        title: Serbia and Hungary sign a defence plan
        outlet: Example Wire
        published: 2025-04-01
        actors: [serbia, aleksandar-vucic]
        events: [2025-04-01-defence-plan-signed]
        ---
        Serbian President Vucic said the plan has 79 activities.

        Vučić called it a military alliance.
        """)
    write(root / "content/events/2025-04-01-defence-plan-signed.md", """
        ---
        title: Defence plan signed
        date: 2025-04-01
        kind: agreement
        location: Belgrade
        participants: [serbia, aleksandar-vucic]
        sources: [defence-plan]
        ---
        The plan was signed.
        """)
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty briefing folder with a seeds/ folder, made the current directory."""
    root = tmp_path / "brief"
    (root / "seeds").mkdir(parents=True)
    monkeypatch.chdir(root)
    return root


def site_files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


@pytest.fixture(autouse=True)
def _no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    os.environ.pop("SITEGEN_DEBUG", None)


@pytest.fixture
def fixture_briefing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of tests/fixtures/briefing, made the current directory."""
    import shutil

    root = tmp_path / "fixture"
    shutil.copytree(REPO / "tests/fixtures/briefing", root)
    monkeypatch.chdir(root)
    return root
