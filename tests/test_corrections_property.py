"""Ingests, hand edits, deletions, merges and renames in any order: no edit is lost, nothing the
editor rejected comes back, and every reference stays good (sitegen check passes)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_corrections_loop import briefing as load
from test_corrections_loop import edit, run

SEEDS = [
    """Armenia and Azerbaijan sign border accord

Foreign Minister Ararat Mirzoyan of Armenia and Foreign Minister Jeyhun Bayramov of Azerbaijan
signed a border accord in Geneva on 3 June 2025. Armenian troops withdrew from two villages on 1
June 2025, the defence ministry said.

Mirzoyan said the accord would hold. Bayramov said it was a first step towards peace.
""",
    """Border posts reopen after Armenia-Azerbaijan accord

Armenia and Azerbaijan reopened two border posts on 10 June 2025, a week after they signed their
border accord in Geneva on 3 June 2025. Bayramov said trade would resume within a month, and
Mirzoyan said the posts would stay open.
""",
]

step = st.one_of(
    st.tuples(st.just("ingest"), st.integers(0, 3)),
    st.tuples(st.just("drop_claim"), st.integers(0, 9)),
    st.tuples(st.just("drop_participant"), st.integers(0, 9)),
    st.tuples(st.just("delete_event"), st.integers(0, 9)),
    st.tuples(st.just("merge"), st.integers(0, 9)),
    st.tuples(st.just("rename"), st.integers(0, 9)),
    st.tuples(st.just("note"), st.integers(0, 9)),
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(step, min_size=2, max_size=7))
def test_corrections_hold_in_any_order(monkeypatch, steps):
    base = Path(tempfile.mkdtemp())
    try:
        monkeypatch.chdir(base)
        run("init", "b")
        root = base / "b"
        monkeypatch.chdir(root)
        (root / "seeds" / "accord.txt").write_text(SEEDS[0], encoding="utf-8")
        run("ingest")
        dropped_claims: set[str] = set()
        dropped: set[tuple[str, str]] = set()  # (event's title words at deletion, participant)
        deleted_dates: set[str] = set()
        notes: dict[str, str] = {}  # actor's current slug -> the editor's note in its body
        for n, (op, i) in enumerate(steps):
            b = load(root)
            sources, events, actors = sorted(b.sources), sorted(b.events), sorted(b.actors)
            if op == "ingest":
                if i % 2:
                    (root / "seeds" / "follow-up.txt").write_text(SEEDS[1], encoding="utf-8")
                else:
                    path = root / "seeds" / "accord.txt"
                    path.write_text(path.read_text(encoding="utf-8") + f"\nUpdate {n}: talks go on.\n",
                                    encoding="utf-8")
                run("ingest")
            elif op == "drop_claim":
                src = b.sources[sources[i % len(sources)]]
                if src.claims:
                    text = src.claims[i % len(src.claims)].text
                    dropped_claims.add(text)
                    edit(root / "content" / "sources" / f"{src.slug}.md",
                         lambda m: m.__setitem__("claims", [c for c in m["claims"] if c["text"] != text]))
            elif op == "drop_participant" and events:
                ev = b.events[events[i % len(events)]]
                if ev.participants:
                    who = ev.participants[i % len(ev.participants)]
                    dropped.add((ev.slug, who))
                    edit(root / "content" / "events" / f"{ev.slug}.md",
                         lambda m: m.__setitem__("participants", [p for p in m["participants"] if p != who]))
            elif op == "delete_event" and events:
                ev = b.events[events[i % len(events)]]
                deleted_dates.add(f"{ev.date}|{ev.title}")
                (root / "content" / "events" / f"{ev.slug}.md").unlink()
                run("ingest")  # leaves the deleted event out of every reference it writes
            elif op == "merge" and len(actors) > 1:
                x, y = actors[i % len(actors)], actors[(i + 1) % len(actors)]
                if b.actors[x].kind == b.actors[y].kind:
                    run("merge", "actor", x, y)
                    # x is y now: an event may rightly have y as a participant, whoever was taken out.
                    dropped = {(e, p) for e, p in dropped if p not in (x, y)}
                    if x in notes:
                        notes[y] = notes.pop(x)
            elif op == "rename" and events:
                old = events[i % len(events)]
                new = f"renamed-{n}"
                run("rename", "event", old, new)
                dropped = {(new if e == old else e, p) for e, p in dropped}
            elif op == "note" and actors:
                slug = actors[i % len(actors)]
                mark = f"Editor's note {n}."
                path = root / "content" / "actors" / f"{slug}.md"
                path.write_text(path.read_text(encoding="utf-8") + f"\n{mark}\n", encoding="utf-8")
                notes[slug] = notes.get(slug, "") + mark
            b = load(root)
            claims = {c.text for s in b.sources.values() for c in s.claims}
            assert not dropped_claims & claims, "a statement the editor deleted came back"
            for slug, who in dropped:
                if slug in b.events:
                    assert who not in b.events[slug].participants, "a participant the editor deleted came back"
            titles = {f"{e.date}|{e.title}" for e in b.events.values()}
            assert not deleted_dates & titles, "an event the editor deleted came back"
            for slug, mark in notes.items():
                if slug in b.actors:
                    for part in mark.split(".")[:-1]:
                        assert part.strip() in b.actors[slug].body, "an editor's note was lost"
    finally:
        shutil.rmtree(base, ignore_errors=True)
