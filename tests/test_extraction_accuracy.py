"""Actor precision/recall and event recall over the annotated, held-out corpus in tests/fixtures/articles/,
overall and for the articles in each of the region's languages.

Run with `pytest -s tests/test_extraction_accuracy.py` to see per-article figures.

Matching: an extracted actor matches an annotated one if its name or any alias, folded for case and
diacritics, equals the annotated name or one of its annotated mentions. Precision counts the actors
a source lists (its `actors:`) that match some annotated actor; recall counts annotated actors that
some listed actor matches. Events: an annotated event is recalled when one of the source's events
has the same date (at the annotated precision).

Bars: actors >= 0.9 each (the issue's aim). Events are held to a lower bar, 0.7 recall by date
overall: the annotations list background events with years only and happenings whose date the text
gives only relatively or not at all in the sentence that tells them, and one article's event can
legitimately be merged under another date precision, so date-exact recall is a noisy, conservative
measure. The articles in the region's languages, read with their own event and date words
(sitegen/ingest/data/events.yaml), are held to 0.85 together.
"""

from __future__ import annotations

import pathlib

import pytest
import yaml

from sitegen.ingest.extract import extract_corpus
from sitegen.names import fold_key
from sitegen.names import guess_language
from sitegen.ingest.read import read_seed

FIXTURES = pathlib.Path(__file__).parent / "fixtures" / "articles"
ACTOR_BAR = 0.9
EVENT_BAR = 0.7
LOCAL_EVENT_BAR = 0.85  # the articles not in English, together


def _corpus():
    pairs = []
    for txt in sorted(FIXTURES.glob("*")):
        if txt.suffix not in (".txt", ".md", ".html", ".htm"):
            continue
        ann = txt.with_suffix(".yaml")
        if ann.exists():
            pairs.append((txt, yaml.safe_load(ann.read_text(encoding="utf-8"))))
    return pairs


@pytest.fixture(scope="module")
def results():
    pairs = _corpus()
    if not pairs:
        pytest.fail("no annotated articles in tests/fixtures/articles/")
    seeds = [read_seed(p, f"articles/{p.name}") for p, _ in pairs]
    entries = extract_corpus(seeds, [])
    actors = {e.slug: e for e in entries if e.kind_dir == "actors"}
    events = {e.slug: e for e in entries if e.kind_dir == "events"}
    by_seed = {e.meta["seed"]: e for e in entries if e.kind_dir == "sources"}
    rows = []
    for (path, ann), seed in zip(pairs, seeds):
        src = by_seed[seed.path]
        listed = src.meta.get("actors", [])
        ann_actors = ann.get("actors") or []
        ann_keys = [{fold_key(a["name"])} | {fold_key(m) for m in (a.get("mentions") or [])} for a in ann_actors]

        def names(slug):
            m = actors[slug].meta
            return {fold_key(m["name"])} | {fold_key(x) for x in m.get("aliases", [])}

        tp_listed = [s for s in listed if any(names(s) & k for k in ann_keys)]
        fp = [s for s in listed if s not in tp_listed]
        found = [a["name"] for a, k in zip(ann_actors, ann_keys) if any(names(s) & k for s in listed)]
        missed = [a["name"] for a in ann_actors if a["name"] not in found]
        ev_dates = {events[s].meta["date"] for s in src.meta.get("events", [])}
        ann_events = ann.get("events") or []
        ev_found = [e for e in ann_events if str(e.get("date")) in ev_dates]
        rows.append(dict(name=path.stem, listed=len(listed), tp=len(tp_listed), fp=fp, ann=len(ann_actors),
                         found=len(found), missed=missed, ev_ann=len(ann_events), ev_found=len(ev_found),
                         lang=guess_language(seed.text)))
    return rows


def test_actor_precision_and_recall(results):
    tp = sum(r["tp"] for r in results)
    listed = sum(r["listed"] for r in results)
    found = sum(r["found"] for r in results)
    ann = sum(r["ann"] for r in results)
    print()
    print(f"{'article':44} {'P':>6} {'R':>6}  false positives / missed")
    for r in results:
        p = r["tp"] / r["listed"] if r["listed"] else 1.0
        rc = r["found"] / r["ann"] if r["ann"] else 1.0
        print(f"{r['name']:44} {p:6.2f} {rc:6.2f}  FP={r['fp']} MISSED={r['missed']}")
    precision = tp / listed if listed else 0.0
    recall = found / ann if ann else 0.0
    print(f"{'TOTAL':44} {precision:6.3f} {recall:6.3f}  ({tp}/{listed} listed correct, {found}/{ann} annotated found)")
    assert precision >= ACTOR_BAR, f"actor precision {precision:.3f} < {ACTOR_BAR}"
    assert recall >= ACTOR_BAR, f"actor recall {recall:.3f} < {ACTOR_BAR}"


def _by_language(results: list[dict]) -> dict[str, list[dict]]:
    """Rows by article language, and those not in English together."""
    groups: dict[str, list[dict]] = {}
    for r in results:
        groups.setdefault(r["lang"], []).append(r)
    groups["not en"] = [r for r in results if r["lang"] != "en"]
    return groups


def test_actor_precision_and_recall_by_language(results):
    """The same bars for the articles in each language (sh: Serbian, Croatian, Bosnian and
    Montenegrin, in Latin or Cyrillic; hu; sq; de), and for all of those together."""
    groups = _by_language(results)
    print()
    for lang in sorted(groups):
        rows = groups[lang]
        listed = sum(r["listed"] for r in rows)
        ann = sum(r["ann"] for r in rows)
        precision = sum(r["tp"] for r in rows) / listed if listed else 0.0
        recall = sum(r["found"] for r in rows) / ann if ann else 0.0
        print(f"{lang:8} articles={len(rows):2d} P={precision:.3f} R={recall:.3f} ({ann} annotated actors)")
        assert precision >= ACTOR_BAR, f"{lang}: actor precision {precision:.3f} < {ACTOR_BAR}"
        assert recall >= ACTOR_BAR, f"{lang}: actor recall {recall:.3f} < {ACTOR_BAR}"
    assert {"sh", "hu", "sq", "de"} <= set(groups), sorted(groups)


def test_event_recall_by_date(results):
    found = sum(r["ev_found"] for r in results)
    ann = sum(r["ev_ann"] for r in results)
    print()
    for r in results:
        print(f"{r['name']:44} events {r['ev_found']}/{r['ev_ann']}")
    recall = found / ann if ann else 0.0
    print(f"{'TOTAL':44} event recall by date {recall:.3f} ({found}/{ann})")
    assert recall >= EVENT_BAR, f"event recall {recall:.3f} < {EVENT_BAR}"


def test_event_recall_by_date_by_language(results):
    """Events of the articles in each language; those not in English are held to LOCAL_EVENT_BAR."""
    groups = _by_language(results)
    print()
    for lang in sorted(groups):
        found = sum(r["ev_found"] for r in groups[lang])
        ann = sum(r["ev_ann"] for r in groups[lang])
        print(f"{lang:8} articles={len(groups[lang]):2d} event recall by date {found / ann if ann else 0.0:.3f} "
              f"({found}/{ann})")
    found = sum(r["ev_found"] for r in groups["not en"])
    ann = sum(r["ev_ann"] for r in groups["not en"])
    assert ann and found / ann >= LOCAL_EVENT_BAR, f"event recall not in English {found}/{ann} < {LOCAL_EVENT_BAR}"
