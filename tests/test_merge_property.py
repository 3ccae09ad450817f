"""Merges, renames and hand edits in any order lose no edit and leave no broken reference."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from click.testing import CliRunner
from conftest import write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.cli import main
from sitegen.redirects import read_redirects

ACTORS = ["a", "b", "c", "d"]

step = st.one_of(
    st.tuples(st.just("merge"), st.integers(0, 9), st.integers(0, 9)),
    st.tuples(st.just("rename"), st.integers(0, 9), st.integers(0, 99)),
    st.tuples(st.just("edit"), st.integers(0, 9), st.integers(0, 9)),
)


def make(root: Path) -> None:
    for slug in ACTORS:
        write(root / f"content/actors/{slug}.md", f"---\nname: Actor {slug.upper()}\nkind: person\n---\nAbout {slug}.\n")
    write(root / "content/events/meeting.md", "---\ntitle: Meeting\ndate: 2025-01\nparticipants: [a, b, c, d]\n---\n")


def actors(root: Path) -> list[str]:
    return sorted(p.name[:-3] for p in (root / "content/actors").glob("*.md"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(step, min_size=1, max_size=6))
def test_no_edit_is_lost(monkeypatch, steps):
    root = Path(tempfile.mkdtemp())
    try:
        make(root)
        monkeypatch.chdir(root)
        runner = CliRunner()
        marks: list[str] = []
        ever = set(ACTORS)
        for n, (op, i, j) in enumerate(steps):
            present = actors(root)
            x = present[i % len(present)]
            if op == "edit":
                mark = f"Edit number {n}."
                path = root / f"content/actors/{x}.md"
                path.write_text(path.read_text(encoding="utf-8") + f"\n{mark}\n", encoding="utf-8")
                marks.append(mark)
            elif op == "merge":
                y = present[j % len(present)]
                result = runner.invoke(main, ["merge", "actor", x, y])
                assert result.exit_code == (1 if x == y else 0), result.output
            else:
                new = f"r{j}"
                result = runner.invoke(main, ["rename", "actor", x, new])
                assert result.exit_code == (1 if new in present else 0), result.output
            text = "".join(p.read_text(encoding="utf-8") for p in (root / "content/actors").glob("*.md"))
            assert all(mark in text for mark in marks)
            # Every original name is still known, as a name or an alias.
            assert all(f"Actor {s.upper()}" in text for s in ACTORS)
            check = runner.invoke(main, ["check"])
            assert check.exit_code == 0, check.output
            # Every slug that went has a redirect, and it leads to an actor there is.
            now = actors(root)
            ever.update(now)
            redirects = {r.old: r.new for r in read_redirects(root / "content")}
            assert set(redirects) == ever - set(now)
            assert all(new in now for new in redirects.values())
            meeting = (root / "content/events/meeting.md").read_text(encoding="utf-8")
            assert sorted(meeting.split("participants: [")[1].split("]")[0].split(", ")) == actors(root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
