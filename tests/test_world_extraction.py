"""Extraction on the world corpus (tests/fixtures/world/): articles from every region that no rule was
written for, in a development half and a blind test half. Floors on both halves; a gap between them
is overfitting. tests/world_measure.py says how each figure is counted; run it on the development
half to see what is missed. Only totals are printed for the test half.

The floors sit a little under what the extractor scores (see the figures in each entry), so that a
change that loses ground fails here, while the issue's targets stay the aim."""

from __future__ import annotations

import pytest

from world_measure import measure

# Measured: development half | test half.
FLOORS = {
    "dev": {
        "actors_recall": 0.84,  # 0.87
        "actors_precision": 0.87,  # 0.90
        "events": 0.86,  # 0.89
        "events_real": 0.89,  # 0.92
        "splits": 0.71,  # 0.74
        "statements": 0.77,  # 0.80
        "speakers": 0.88,  # 0.91
        "claims_real": 0.80,  # 0.83
        "numbers": 0.91,  # 0.94
        "number_speakers": 0.76,  # 0.79
        "disagreements": 0.27,  # 0.30
    },
    "test": {
        "actors_recall": 0.76,  # 0.79
        "actors_precision": 0.76,  # 0.79
        "events": 0.77,  # 0.80
        "events_real": 0.83,  # 0.86
        "splits": 0.45,  # 0.48
        "statements": 0.75,  # 0.78
        "speakers": 0.73,  # 0.76
        "claims_real": 0.81,  # 0.84
        "numbers": 0.86,  # 0.89
        "number_speakers": 0.63,  # 0.66
        "disagreements": 0.22,  # 0.25
    },
}
# (The targets: actors 0.95 / 0.93, events 0.75, statements 0.7 with speakers 0.95, numbers 0.9,
# disagreements 0.7.)
# Once an editor sets the publication dates an article lacks (measured: 0.94 | 0.86).
EVENTS_WITH_DATES_SET = {"dev": 0.91, "test": 0.83}


@pytest.fixture(scope="module", params=["dev", "test"])
def half(request):
    return request.param, measure(request.param)


def test_floors_on_each_half(half):
    name, scores = half
    print(f"\n{name}: " + "; ".join(line.strip() for line in scores.lines()))
    low = {key: (getattr(scores, key).rate, floor) for key, floor in FLOORS[name].items()
           if getattr(scores, key).rate < floor}
    assert not low, f"{name} half below its floors (measured, floor): {low}"


@pytest.mark.parametrize("name", ["dev", "test"])
def test_events_once_publication_dates_are_set(name):
    rate = measure(name, set_published=True).events.rate
    assert rate >= EVENTS_WITH_DATES_SET[name], f"{name}: dated-event recall {rate:.2f}"


@pytest.mark.parametrize("name", ["dev", "test"])
def test_every_actor_the_entries_name_has_an_entry(name):
    """Articles from every region, ingested together: each participant, speaker and affiliation
    is an actor entry (a state an article names only as a place too), so the content validates."""
    from world_measure import articles, extract

    kinds = extract(articles(name), set_published=False)
    actors = set(kinds["actors"])
    named = set()
    for e in kinds["events"].values():
        named.update(e.meta.get("participants") or [])
        named.update(a.get("speaker") for d in e.meta.get("disagreements") or [] for a in d.get("accounts") or [])
    for s in kinds["sources"].values():
        named.update(s.meta.get("actors") or [])
        named.update(c.get("speaker") for c in (s.meta.get("claims") or []) + (s.meta.get("numbers") or []))
    for a in kinds["actors"].values():
        named.update(a.meta.get("affiliations") or [])
    missing = sorted(named - actors - {None})
    assert not missing, f"{name}: {len(missing)} actors named without an entry"
