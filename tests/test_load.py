from pathlib import Path

from conftest import write

from sitegen.check import check_links, check_warnings
from sitegen.load import load_briefing


def test_loads_valid_briefing(briefing: Path):
    b, problems = load_briefing(briefing, briefing / "content")
    assert problems == []
    assert list(b.actors) == ["aleksandar-vucic", "serbia"]
    assert b.actors["aleksandar-vucic"].affiliations == ["serbia"]
    assert b.events["2025-04-01-defence-plan-signed"].date.iso() == "2025-04-01"
    assert b.sources["defence-plan"].grade == "F6"  # Admiralty default: cannot be judged
    assert "summary" in b.index_body
    assert check_links(b) == []


def test_every_malformed_file_reported_in_one_run(briefing: Path):
    c = briefing / "content"
    write(c / "actors/broken-yaml.md", "---\nname: X\naliases: [a, b\nkind: person\n---\n")
    write(c / "actors/unclosed.md", "---\nname: X\n")
    write(c / "actors/list-for-name.md", "---\nname: [a, b]\nkind: person\n---\n")
    write(c / "events/no-title.md", "---\ndate: 2025-04-01\nkind: meeting\n---\n")
    write(c / "events/bad-date.md", "---\ntitle: T\ndate: April 2025\n---\n")
    write(c / "events/bad-kind.md", "---\ntitle: T\nkind: party\n---\n")
    (c / "actors/binary.md").write_bytes(b"\x00\x01\x02binary")
    (c / "actors/latin2.md").write_bytes("---\nname: Vučić\n---\n".encode("cp1250"))
    write(c / "actors/Bad_Name.md", "---\nname: X\n---\n")
    b, problems = load_briefing(briefing, c)
    lines = sorted(str(p) for p in problems)
    assert any(l.startswith("content/actors/broken-yaml.md:4: invalid YAML") or
               l.startswith("content/actors/broken-yaml.md:3: invalid YAML") for l in lines), lines
    assert "content/actors/unclosed.md:1: front matter opened with '---' on line 1 is never closed" in lines
    assert "content/actors/list-for-name.md:2: 'name' must be text, not a list" in lines
    assert any(l.startswith("content/events/no-title.md") and "missing required field 'title'" in l for l in lines)
    assert any(l.startswith("content/events/bad-date.md:3: 'date'") for l in lines)
    assert any(l.startswith("content/events/bad-kind.md:3: 'kind' is 'party'") for l in lines)
    assert "content/actors/binary.md: binary file, not a Markdown entry" in lines
    assert any(l.startswith("content/actors/latin2.md:2: not UTF-8") for l in lines)
    assert any(l.startswith("content/actors/Bad_Name.md") and "slug" in l for l in lines)
    # Valid entries still load.
    assert "serbia" in b.actors


def test_unknown_references_name_file_and_line(briefing: Path):
    write(briefing / "content/events/e.md", "---\ntitle: T\nparticipants:\n  - serbia\n  - foo\nsources: [nowhere]\n---\n")
    b, problems = load_briefing(briefing, briefing / "content")
    messages = [str(p) for p in check_links(b)]
    assert "content/events/e.md:5: participant 'foo' is not an actor" in messages
    assert "content/events/e.md:6: source 'nowhere' is not a source" in messages


def test_duplicate_slug_by_front_matter(briefing: Path):
    write(briefing / "content/actors/vucic-2.md", "---\nslug: aleksandar-vucic\nname: Other\n---\n")
    b, problems = load_briefing(briefing, briefing / "content")
    assert any("slug 'aleksandar-vucic' is already used by content/actors/aleksandar-vucic.md" in str(p) for p in problems)
    assert b.actors["aleksandar-vucic"].name == "Aleksandar Vučić"


def test_unknown_fields_are_kept(briefing: Path):
    write(briefing / "content/actors/nato.md", "---\nname: NATO\nkind: alliance\nfounded: 1949\nnotes: keep me\n---\n")
    b, _ = load_briefing(briefing, briefing / "content")
    assert b.actors["nato"].meta["notes"] == "keep me"


def test_warnings(briefing: Path):
    write(briefing / "content/actors/orphan.md", "---\nname: Orphan\nkind: person\nstatus: draft\n---\n")
    b, _ = load_briefing(briefing, briefing / "content")
    warnings = [str(w) for w in check_warnings(b, briefing / "content")]
    assert "content/actors/orphan.md: warning: no source or event mentions this actor" in warnings
    assert any("draft actor" in w for w in warnings)


def test_entries_saved_by_a_build_are_unpickled_only_when_asked_for(briefing: Path):
    """Loaded through the build's cache, each entry is made from its saved record on first use;
    the briefing reads the same as one loaded from the files."""
    from sitegen.buildstate import State, read_state, write_state
    from sitegen.load import LazyEntries

    write(briefing / "content/sources/second.md", "---\ntitle: Second\npublished: 2025-04-02\n---\nText.\n")
    records: dict = {}
    load_briefing(briefing, briefing / "content", cache=records)
    write_state(briefing, None, State(code="c", records=records))
    saved = read_state(briefing).records
    b, problems = load_briefing(briefing, briefing / "content", cache=saved)
    plain, plain_problems = load_briefing(briefing, briefing / "content")
    assert isinstance(b.sources, LazyEntries) and problems == plain_problems
    source_records = {rel: r for rel, r in saved.items() if rel.startswith("content/sources/")}
    assert all(r.entry is None and r.blob for r in source_records.values())  # none made yet
    assert list(b.sources) == list(plain.sources) == ["defence-plan", "second"]
    assert len(b.sources) == 2 and "second" in b.sources and "third" not in b.sources
    assert b.sources.get("third") is None
    assert b.sources["second"] == plain.sources["second"]
    assert [r.entry is not None for r in source_records.values()].count(True) == 1  # only the one asked for
    assert dict(b.sources.items()) == dict(plain.sources.items())
    assert isinstance(b.actors, LazyEntries) and isinstance(b.events, LazyEntries)
    others = {rel: r for rel, r in saved.items() if rel.startswith(("content/actors/", "content/events/"))}
    assert others and all(r.entry is None and r.blob for r in others.values())
    assert dict(b.actors.items()) == dict(plain.actors.items()) and dict(b.events.items()) == dict(plain.events.items())
    # Records whose files were closed (a build closes them as it ends) open them again to read.
    opened: list = []
    saved = read_state(briefing, opened).records
    for file in opened:
        file.close()
    b, _ = load_briefing(briefing, briefing / "content", cache=saved)
    assert opened and dict(b.sources.items()) == dict(plain.sources.items())


def test_loading_takes_each_entry_file_stat_from_the_input_signature(tmp_path: Path):
    """What the build's input signature holds of a file is what loading would stat of it: a
    regular file's key, and none for a symlink or a missing file (those are always read)."""
    from sitegen.buildstate import input_signature
    from sitegen.load import _stat_key, key_of_signature

    write(tmp_path / "a.md", "---\ntitle: A\n---\n")
    (tmp_path / "link.md").symlink_to(tmp_path / "a.md")
    signatures, _ = input_signature([tmp_path], [tmp_path / "gone.md"])
    keys = {name: key_of_signature(signatures[str(tmp_path / name)]) for name in ("a.md", "link.md", "gone.md")}
    assert keys == {name: _stat_key(tmp_path / name) for name in keys}
    assert keys["a.md"] is not None and keys["link.md"] is None and keys["gone.md"] is None


def test_a_byline_author_is_not_warned_about_as_an_actor_nothing_mentions(briefing: Path):
    write(briefing / "content/actors/jane-roe.md", "---\nname: Jane Roe\nkind: person\n---\nCorrespondent.\n")
    source = briefing / "content/sources/defence-plan.md"
    source.write_text(source.read_text(encoding="utf-8").replace("outlet: Example Wire", "outlet: Example Wire\nauthor: Jane Roe"),
                      encoding="utf-8")
    write(briefing / "content/actors/orphan.md", "---\nname: Orphan\nkind: person\n---\n")
    b, _ = load_briefing(briefing, briefing / "content")
    warnings = [str(w) for w in check_warnings(b, briefing / "content")]
    assert "content/actors/orphan.md: warning: no source or event mentions this actor" in warnings
    assert not any(w.startswith("content/actors/jane-roe.md") for w in warnings), warnings
