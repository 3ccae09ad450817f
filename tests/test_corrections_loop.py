"""The editor's morning, whole: ingest; the editor deletes a statement, a participant and an event
the machine made, and merges two actors; a seed changes and a new one comes in; ingest and build
run again. Nothing deleted comes back, references follow the merge, the old page redirects, and
"What's new" tells of the new source."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from sitegen import frontmatter
from sitegen.cli import main
from sitegen.load import load_briefing

ACCORD = """Armenia and Azerbaijan sign border accord

Foreign Minister Ararat Mirzoyan of Armenia and Foreign Minister Jeyhun Bayramov of Azerbaijan
signed a border accord in Geneva on 3 June 2025, ending a dispute over the river. Armenian troops
withdrew from two villages on 1 June 2025, the defence ministry said.

Mirzoyan said the accord would hold. Bayramov said it was a first step towards peace.
"""

FOLLOW_UP = """Border posts reopen after Armenia-Azerbaijan accord

Armenia and Azerbaijan reopened two border posts on 10 June 2025, a week after they signed their
border accord in Geneva on 3 June 2025. Bayramov said trade would resume within a month.
"""


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def briefing(folder: Path):
    b, problems = load_briefing(folder, folder / "content")
    assert not [p for p in problems if p.severity == "error"], problems
    return b


def edit(path: Path, change) -> None:
    doc = frontmatter.parse(path.read_text(encoding="utf-8"))
    change(doc.meta)
    path.write_text(frontmatter.render(doc.meta, doc.body), encoding="utf-8")


def test_corrections_stick_through_the_next_ingest_and_build(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run("init", "b")
    root = tmp_path / "b"
    monkeypatch.chdir(root)
    (root / "seeds" / "accord.txt").write_text(ACCORD, encoding="utf-8")
    run("build")
    b = briefing(root)
    source = next(iter(b.sources.values()))
    signing = next(e for e in b.events.values() if str(e.date) == "2025-06-03")
    withdrawal = next(e for e in b.events.values() if str(e.date) == "2025-06-01")
    claim = next(c for c in source.claims if "accord would hold" in c.text)
    assert {"jeyhun-bayramov", "ararat-mirzoyan"} <= set(signing.participants)

    # The editor's corrections.
    edit(root / "content" / "sources" / f"{source.slug}.md",
         lambda m: m.__setitem__("claims", [c for c in m["claims"] if "accord would hold" not in c["text"]]))
    edit(root / "content" / "events" / f"{signing.slug}.md",
         lambda m: m.__setitem__("participants", [p for p in m["participants"] if p != "jeyhun-bayramov"]))
    (root / "content" / "events" / f"{withdrawal.slug}.md").unlink()
    run("merge", "actor", "ararat-mirzoyan", "armenia")
    assert "row(s) deleted since the last ingest" in run("check", "--rejected")
    run("ingest")  # records the deletions, and brings nothing back
    rejected = run("check", "--rejected")
    assert "accord would hold" in rejected and "jeyhun-bayramov" in rejected and withdrawal.slug in rejected

    # A seed changes and a new one comes in.
    (root / "seeds" / "accord.txt").write_text(ACCORD + "\nBoth sides also agreed to meet again in July.\n",
                                              encoding="utf-8")
    (root / "seeds" / "follow-up.txt").write_text(FOLLOW_UP, encoding="utf-8")
    run("build")
    b = briefing(root)
    assert withdrawal.slug not in b.events and not any(str(e.date) == "2025-06-01" for e in b.events.values())
    assert "jeyhun-bayramov" not in b.events[signing.slug].participants
    assert not any("accord would hold" in c.text for c in b.sources[source.slug].claims)
    assert "ararat-mirzoyan" not in b.actors
    for s in b.sources.values():
        assert "ararat-mirzoyan" not in s.actors and all(c.speaker != "ararat-mirzoyan" for c in s.claims)
    for e in b.events.values():
        assert "ararat-mirzoyan" not in e.participants
    old_page = (root / "site" / "actors" / "ararat-mirzoyan" / "index.html").read_text(encoding="utf-8")
    assert "actors/armenia/" in old_page and 'http-equiv="refresh"' in old_page
    follow_up = next(s for s in b.sources.values() if s.seed == "seeds/follow-up.txt")
    changes = (root / "site" / "changes" / "index.html").read_text(encoding="utf-8")
    latest = changes[:changes.find("<section", changes.find("<section") + 1)] if changes.count("<section") > 1 else changes
    assert follow_up.title in latest


def test_a_deleted_event_stays_deleted_when_another_seed_reports_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run("init", "b")
    root = tmp_path / "b"
    monkeypatch.chdir(root)
    (root / "seeds" / "accord.txt").write_text(ACCORD, encoding="utf-8")
    run("ingest")
    signing = next(e for e in briefing(root).events.values() if str(e.date) == "2025-06-03")
    (root / "content" / "events" / f"{signing.slug}.md").unlink()
    # Another article tells the same signing in its own words.
    (root / "seeds" / "follow-up.txt").write_text(FOLLOW_UP.replace(
        "a week after they signed their border accord in Geneva on 3 June 2025",
        "a week after Mirzoyan and Bayramov put their names to the Geneva accord on 3 June 2025"), encoding="utf-8")
    run("ingest")
    b = briefing(root)
    assert not [e for e in b.events.values() if str(e.date) == "2025-06-03"]
    assert any(str(e.date) == "2025-06-10" for e in b.events.values())  # its own news still comes in
