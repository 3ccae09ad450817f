"""Measures the extractor on one half of the world corpus (tests/fixtures/world/, see its README).

    python tests/world_measure.py dev     # totals and what was missed, article by article
    python tests/world_measure.py test    # totals only: the test half is never read while tuning

Matching rules (deliberately plain, so that a number means the same thing from one run to the next):
- actor: an extracted actor matches an annotated one when its name or an alias, folded for case and
  diacritics and without a leading "the", equals the annotated name or one of its mentions;
- event: an annotated event is found when one of its article's events has the same date, at the
  annotated precision; an extracted event is real when its date equals or falls within an
  annotated event's date in that article ("2025-05" within "2025-05-07" counts as vaguer);
- split: a happening two articles report (the story's same_happenings) is split when no single
  event holds both articles' sources at that date;
- statement: found when an extracted claim of the article covers at least 60 % of the annotated
  words and at most twice as many words; the speaker is right when the claim's speaker actor matches
  the annotated speaker, or both are unnamed;
- number: found when an extracted figure of the article has the annotated value;
- disagreement: found when one event's disagreement lists accounts with at least two of the
  annotated, differing values (numbers compared as numbers, positions by their words).
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from sitegen.ingest.extract import extract_corpus
from sitegen.names import fold_key
from sitegen.ingest.read import read_seed
from sitegen.ingest.types import SeedFacts

WORLD = Path(__file__).resolve().parent / "fixtures" / "world"
SUFFIXES = (".txt", ".md", ".html")


@dataclass
class Article:
    id: str
    path: Path
    ann: dict


@dataclass
class Tally:
    found: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list, repr=False)  # never shown for the test half

    def add(self, ok: bool, what: str = "") -> None:
        self.total += 1
        self.found += ok
        if not ok and what:
            self.misses.append(what)

    @property
    def rate(self) -> float:
        return self.found / self.total if self.total else 1.0

    def __str__(self) -> str:
        return f"{self.rate:.2f} ({self.found}/{self.total})"


def articles(half: str) -> list[Article]:
    out = []
    for ann_path in sorted((WORLD / half).glob("*.ann.yaml")):
        stem = ann_path.name[: -len(".ann.yaml")]
        path = next(ann_path.parent / (stem + s) for s in SUFFIXES if (ann_path.parent / (stem + s)).is_file())
        out.append(Article(stem, path, yaml.safe_load(ann_path.read_text(encoding="utf-8"))))
    return out


def stories(half: str) -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((WORLD / half).glob("*.story.yaml"))]


def extract(arts: list[Article], set_published: bool) -> dict:
    """The extractor's entries for these articles. With set_published, an article that carries no
    date gets its real one as an editor would set it in the source entry."""
    seeds = []
    for a in arts:
        seed = read_seed(a.path, f"seeds/{a.path.name}")
        if set_published and not a.ann["published"]:
            seed = replace(seed, facts=seed.facts.merged(SeedFacts(published=str(a.ann["true_published"]))))
        seeds.append(seed)
    entries = extract_corpus(seeds, [], workers=1)
    kinds: dict[str, dict] = defaultdict(dict)
    for e in entries:
        kinds[e.kind_dir][e.slug] = e
    kinds["by_seed"] = {e.meta["seed"]: e for e in entries if e.kind_dir == "sources"}
    return kinds


def _name_key(name: str) -> str:
    """A name folded, without a leading "the": "the Israeli army" and "Israeli army" are one name."""
    key = fold_key(name)
    return key[4:] if key.startswith("the ") else key


def _keys(actor: dict) -> set[str]:
    return {_name_key(actor["name"])} | {_name_key(m) for m in actor.get("mentions") or []}


def _actor_names(entries: dict, slug: str | None) -> set[str]:
    if not slug or slug not in entries["actors"]:
        return set()
    meta = entries["actors"][slug].meta
    return {_name_key(meta["name"])} | {_name_key(x) for x in meta.get("aliases") or []}


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", fold_key(text))


def _covers(claim: str, annotated: str) -> bool:
    want, got = _words(annotated), _words(claim)
    if not want or not got:
        return False
    pool = set(got)
    return sum(w in pool for w in want) >= 0.6 * len(want) and len(got) <= 2 * len(want) + 3


def _within(extracted: str, annotated: str) -> bool:
    return annotated == extracted or annotated.startswith(extracted + "-")


@dataclass
class Scores:
    actors_recall: Tally = field(default_factory=Tally)
    actors_precision: Tally = field(default_factory=Tally)
    actors_recall_outside_europe: Tally = field(default_factory=Tally)
    events: Tally = field(default_factory=Tally)
    events_real: Tally = field(default_factory=Tally)
    splits: Tally = field(default_factory=Tally)  # found = happenings not split
    statements: Tally = field(default_factory=Tally)
    speakers: Tally = field(default_factory=Tally)
    claims_real: Tally = field(default_factory=Tally)
    numbers: Tally = field(default_factory=Tally)
    number_speakers: Tally = field(default_factory=Tally)
    disagreements: Tally = field(default_factory=Tally)

    def lines(self) -> list[str]:
        return [f"{name:30} {tally}" for name, tally in vars(self).items()]


def measure(half: str, set_published: bool = False) -> Scores:
    arts = articles(half)
    entries = extract(arts, set_published)
    scores = Scores()
    slug_of_article = {}
    for a in arts:
        _score_article(a, entries, scores, slug_of_article)
    for story in stories(half):
        _score_story(story, {a.id: a for a in arts}, entries, slug_of_article, scores)
    return scores


def _score_article(a: Article, entries: dict, s: Scores, slug_of_article: dict) -> None:
    src = entries["by_seed"].get(f"seeds/{a.path.name}")
    meta = src.meta if src is not None else {}
    slug_of_article[a.id] = src.slug if src is not None else None
    ann_actors = a.ann["actors"] or []
    listed = meta.get("actors") or []
    for slug in listed:
        s.actors_precision.add(any(_actor_names(entries, slug) & _keys(x) for x in ann_actors),
                               f"{a.id}: not an actor: {slug}")
    for x in ann_actors:
        ok = any(_actor_names(entries, slug) & _keys(x) for slug in listed)
        s.actors_recall.add(ok, f"{a.id}: actor missed: {x['name']}")
        if a.ann["region"] != "Europe":
            s.actors_recall_outside_europe.add(ok)
    ev_dates = [str(entries["events"][e].meta["date"]) for e in meta.get("events") or [] if e in entries["events"]]
    ann_dates = [str(e["date"]) for e in a.ann["events"] or []]
    for e in a.ann["events"] or []:
        s.events.add(str(e["date"]) in ev_dates, f"{a.id}: event missed: {e['date']} {e['title']}")
    for slug in meta.get("events") or []:
        date = str(entries["events"][slug].meta["date"])
        s.events_real.add(any(_within(date, d) for d in ann_dates), f"{a.id}: not a happening: {slug}")
    _score_statements(a, meta, entries, s)
    _score_numbers(a, meta, entries, s)


def _speaker_ok(entries: dict, slug: str | None, annotated: str | None, ann_actors: list[dict]) -> bool:
    if annotated is None:
        return not slug
    actor = next((x for x in ann_actors if x["name"] == annotated), None)
    return actor is not None and bool(_actor_names(entries, slug) & _keys(actor))


def _score_statements(a: Article, meta: dict, entries: dict, s: Scores) -> None:
    claims = meta.get("claims") or []
    ann = a.ann["statements"] or []
    for st in ann:
        match = next((c for c in claims if _covers(c["text"], st["text"])), None)
        s.statements.add(match is not None, f"{a.id}: statement missed: {st['speaker']}: {st['text'][:60]}")
        if match is not None:
            s.speakers.add(_speaker_ok(entries, match.get("speaker"), st["speaker"], a.ann["actors"] or []),
                           f"{a.id}: wrong speaker {match.get('speaker')} for {st['speaker']}: {st['text'][:40]}")
    for c in claims:
        s.claims_real.add(any(_covers(c["text"], st["text"]) for st in ann), f"{a.id}: not a statement: {c['text'][:70]}")


def _score_numbers(a: Article, meta: dict, entries: dict, s: Scores) -> None:
    numbers = meta.get("numbers") or []
    for n in a.ann["numbers"] or []:
        match = next((x for x in numbers if _same_number(x.get("value"), n["value"])), None)
        s.numbers.add(match is not None, f"{a.id}: number missed: {n['text']} = {n['value']}")
        if match is not None:
            s.number_speakers.add(_speaker_ok(entries, match.get("speaker"), n["speaker"], a.ann["actors"] or []),
                                  f"{a.id}: number {n['text']}: speaker {match.get('speaker')} for {n['speaker']}")


def _same_number(x: object, y: object) -> bool:
    try:
        return abs(float(x) - float(y)) < 1e-9 * max(1.0, abs(float(y)))
    except (TypeError, ValueError):
        return False


def _score_story(story: dict, arts: dict, entries: dict, slug_of_article: dict, s: Scores) -> None:
    events = entries["events"]
    for h in story.get("same_happenings") or []:
        sources = {slug_of_article.get(x) for x in h["articles"]} - {None}
        whole = any(str(e.meta["date"]) == str(h["date"]) and sources <= set(e.meta.get("sources") or [])
                    for e in events.values())
        s.splits.add(whole, f"{story['story']}: {h['date']} split or missed across {h['articles']}")
    for d in story.get("disagreements") or []:
        wanted = {_value_key(str(acc["value"])) for acc in d["accounts"]}
        found = False
        for e in events.values():
            for dis in e.meta.get("disagreements") or []:
                got = {_value_key(str(acc.get("value"))) for acc in dis.get("accounts") or []}
                if len(wanted & got) >= 2 or any(_close(g, w) for g in got for w in wanted) and len(got) >= 2 \
                        and len({w for w in wanted if any(_close(g, w) for g in got)}) >= 2:
                    found = True
        s.disagreements.add(found, f"{story['story']}: disagreement missed: {d['about']}")


_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}


def _value_key(value: str) -> str:
    """A numeric value as its digits ("six Indian jets" -> "6", "4,500" -> "4500"); a position as its words."""
    nums = re.findall(r"\d[\d,.]*", value)
    if nums:
        return nums[0].replace(",", "").rstrip(".")
    words = [_NUMBER_WORDS.get(w, w) for w in _words(value)]
    digits = [w for w in words if w.isdigit()]
    return digits[0] if digits else " ".join(words)


def _close(a: str, b: str) -> bool:
    wa, wb = set(a.split()), set(b.split())
    return bool(wa and wb) and len(wa & wb) >= 0.6 * min(len(wa), len(wb))


def main(argv: list[str]) -> int:
    half = argv[0] if argv else "dev"
    for set_published in (False, True):
        scores = measure(half, set_published)
        print(f"== {half}{' (missing publication dates set)' if set_published else ''}")
        print("\n".join(scores.lines()))
        if half == "dev" and not set_published and "-q" not in argv:
            for tally in vars(scores).values():
                for miss in tally.misses:
                    print("   ", miss)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
