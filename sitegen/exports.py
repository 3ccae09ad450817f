"""Machine-readable copies of the briefing: data/briefing.json (every entry and every link) and
CSV files of events and actors for spreadsheets. Deterministic: sorted keys, fixed formatting."""

from __future__ import annotations

import bisect
import csv
import io
import json
import os
from typing import Any, Callable, Iterator

from sitegen.config import SiteConfig
from sitegen.errors import SitegenError
from sitegen.dates import PartialDate
from sitegen.links import Links
from sitegen.model import Briefing
from sitegen.pages import last_updated, url_of

FORMAT_VERSION = 1


def _date(d: PartialDate | None) -> str | None:
    return d.iso() if d else None


def _plain(value: Any) -> Any:
    """Front matter extras as JSON-safe data (dates as ISO text, everything else as is)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


_SOURCE_FIELDS = {"title", "outlet", "author", "published", "published_inferred", "url", "seed",
                  "actors", "events", "claims", "reliability", "credibility", "slug"}
_ACTOR_FIELDS = {"name", "kind", "aliases", "role", "affiliations", "status", "slug"}
_EVENT_FIELDS = {"title", "date", "kind", "location", "participants", "sources", "accounts",
                 "disagreements", "slug"}


def _source_item(b: Briefing, links: Links, slug: str) -> dict[str, Any]:
    s = b.sources[slug]
    return {
        "slug": slug, "page": url_of("source", slug), "title": s.title, "outlet": s.outlet,
        "author": s.author, "published": _date(s.published), "published_inferred": s.published_inferred,
        "url": s.url, "seed": s.seed, "reliability": s.reliability, "credibility": s.credibility,
        "grade": s.grade, "grade_meaning": s.grade_meaning,
        "actors": list(s.actors), "events": links.source_events[slug],
        "claims": [{"speaker": c.speaker, "text": c.text, "event": c.event} for c in s.claims],
        "text": s.body,
        "extra": _plain({k: v for k, v in s.meta.items() if k not in _SOURCE_FIELDS}),
    }


def _actor_item(b: Briefing, links: Links, slug: str) -> dict[str, Any]:
    a = b.actors[slug]
    return {
        "slug": slug, "page": url_of("actor", slug), "name": a.name, "kind": a.kind,
        "aliases": list(a.aliases), "role": a.role, "status": a.status,
        "affiliations": list(a.affiliations), "members": links.actor_members[slug],
        "events": links.actor_events[slug], "sources": links.actor_sources[slug],
        "appears_with": [{"actor": o, "count": n} for o, n in links.actor_co[slug]],
        "mentioned_in": [{"kind": k, "slug": s} for k, s in links.actor_backlinks[slug]],
        "text": a.body,
        "extra": _plain({k: v for k, v in a.meta.items() if k not in _ACTOR_FIELDS}),
    }


def _event_item(b: Briefing, links: Links, slug: str) -> dict[str, Any]:
    e = b.events[slug]
    return {
        "slug": slug, "page": url_of("event", slug), "title": e.title, "date": _date(e.date),
        "date_precision": e.date.precision if e.date else None, "kind": e.kind, "location": e.location,
        "participants": list(e.participants), "sources": links.event_sources[slug],
        "independent_sources": links.event_independent[slug],
        "accounts": [{"source": a.source, "text": a.text} for a in e.accounts],
        "disagreements": [{"about": d.about, "accounts": [
            {"value": p.value, "source": p.source, "speaker": p.speaker} for p in d.accounts]}
            for d in e.disagreements],
        "previous": links.event_prev[slug], "next": links.event_next[slug],
        "text": e.body,
        "extra": _plain({k: v for k, v in e.meta.items() if k not in _EVENT_FIELDS}),
    }


# What each entry's record in data/briefing.json is made of: the entry itself and these link
# table rows. A record whose inputs are unchanged is copied from the previous file.
ITEM_TABLES: dict[str, tuple[str, ...]] = {
    "source": ("source_events",),
    "actor": ("actor_members", "actor_events", "actor_sources", "actor_co", "actor_backlinks"),
    "event": ("event_sources", "event_independent", "event_prev", "event_next"),
}
_ITEMS = {"source": _source_item, "actor": _actor_item, "event": _event_item}

Item = tuple[str, str]  # (kind, slug)
Span = tuple[str, int, int]  # (key of the record's inputs, start, end): bytes of data/briefing.json
KeyOf = Callable[[str, str, tuple[str, ...]], str]  # (kind, slug, tables) -> key of the record's inputs


def _dump(value: Any) -> str:
    # Compact, so the C encoder does the work.
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class PreviousFile:
    """The data/briefing.json of the site in place and where each record sits in it, read a
    range at a time: it is as big as the briefing's texts, and a rebuild holds none of it."""

    BLOCK = 1 << 20

    def __init__(self, path: str | os.PathLike, spans: dict[Item, Span]):
        self.spans = spans
        self._path = os.fspath(path)
        self._fd = os.open(path, os.O_RDONLY)
        self.size = os.fstat(self._fd).st_size

    def read(self, start: int, end: int) -> bytes:
        """Its bytes start..end; short if the file is."""
        return os.pread(self._fd, max(0, end - start), start)

    def pieces(self, start: int, end: int) -> Iterator[bytes]:
        """Its bytes start..end, a block at a time."""
        while start < end:
            block = self.read(start, min(end, start + self.BLOCK))
            if not block:  # cut short since the last build recorded it
                raise SitegenError("data/briefing.json of the site in place changed during the build: build again",
                                   path=self._path)
            yield block
            start += len(block)

    def close(self) -> None:
        os.close(self._fd)


def briefing_json(b: Briefing, links: Links, config: SiteConfig, spans: dict[Item, Span],
                  key_of: KeyOf | None = None, previous: PreviousFile | None = None) -> Iterator[bytes]:
    """data/briefing.json: every entry and its links, one record per line, keys sorted. Made in
    pieces as they are taken, to be written one after the other: the whole file is as big as the
    briefing's texts.

    With `key_of`, `spans` receives each record's span with its key as the record is made, and a
    record whose key is the one recorded for `previous` (the last file) is copied from it, not
    re-encoded."""
    head = {"format": "sitegen-briefing", "version": FORMAT_VERSION,
            "title": str(b.index_meta.get("title") or config.title), "base_url": config.base_url,
            "updated": _date(last_updated(b)), "summary": str(b.index_meta.get("summary") or "")}
    lists: dict[str, list[Item]] = {
        "sources": [("source", slug) for slug in sorted(b.sources)],
        "actors": [("actor", slug) for slug in sorted(b.actors)],
        "events": [("event", slug) for slug in links.events_in_order],
    }
    old_spans = previous.spans if previous else {}
    size = 0
    for i, name in enumerate(sorted([*head, *lists])):
        chunk = ("," if i else "{") + _dump(name) + ":"
        if name in head:
            chunk += _dump(head[name])
        data = chunk.encode("utf-8") + (b"[" if name in lists else b"")
        size += len(data)
        yield data
        for j, (kind, slug) in enumerate(lists.get(name, ())):
            if j:
                yield b",\n"
                size += 2
            key = key_of(kind, slug, ITEM_TABLES[kind]) if key_of else ""
            span = old_spans.get((kind, slug))
            data = previous.read(span[1], span[2]) if previous and key and span and span[0] == key else b""
            if not data.startswith(b"{"):
                data = _encode(b, links, kind, slug)
            if key:
                spans[(kind, slug)] = (key, size, size + len(data))
            size += len(data)
            yield data
        if name in lists:
            yield b"]"
            size += 1
    yield b"}\n"


def patch_briefing_json(b: Briefing, links: Links, previous: PreviousFile,
                        changed: dict[Item, str]) -> tuple[Iterator[bytes], dict[Item, Span]]:
    """data/briefing.json as `briefing_json` makes it, from the previous file when only the
    records of `changed` (item -> key of its new inputs) differ: each is encoded again and put in
    its place, and the spans after it move by the difference in length. The file comes in pieces
    to be written one after the other, the unchanged runs read from the previous file as they
    are taken."""
    old_spans = previous.spans
    edits = []  # (old start, old end, item, key, new bytes), then sorted into file order
    for item, key in changed.items():
        _, start, end = old_spans[item]
        edits.append((start, end, item, key, _encode(b, links, *item)))
    edits.sort(key=lambda e: e[0])
    shifts, delta = [], 0  # shifts: (old end of an edit, how far what follows moves)
    for start, end, _, _, data in edits:
        delta += len(data) - (end - start)
        shifts.append((end, delta))
    first = shifts[0][0] if shifts else 0
    if len(shifts) == 1:  # the usual case, one record: everything after it moves by as much
        d = shifts[0][1]
        spans = {item: span if span[1] < first else (span[0], span[1] + d, span[2] + d)
                 for item, span in old_spans.items()}
    else:
        ends = [end for end, _ in shifts]
        spans = {}
        for item, (key, start, end) in old_spans.items():
            i = bisect.bisect_right(ends, start)  # the edits that end before this record
            moved = shifts[i - 1][1] if i else 0
            spans[item] = (key, start + moved, end + moved)
    for _, _, item, key, data in edits:
        start = spans[item][1]
        spans[item] = (key, start, start + len(data))

    def pieces() -> Iterator[bytes]:
        at = 0
        for start, end, _, _, data in edits:
            yield from previous.pieces(at, start)
            yield data
            at = end
        yield from previous.pieces(at, previous.size)

    return pieces(), spans


def _encode(b: Briefing, links: Links, kind: str, slug: str) -> bytes:
    # One record per line (also the records nested in it) keeps diffs readable.
    return _dump(_ITEMS[kind](b, links, slug)).replace('},{"', '},\n{"').encode("utf-8")


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    return text


def _csv(header: list[str], rows: list[list[Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    # With a byte-order mark so spreadsheet programs read the file as UTF-8.
    return buf.getvalue().encode("utf-8-sig")


def data_files(b: Briefing, links: Links, config: SiteConfig, key_of: KeyOf | None = None,
               previous: PreviousFile | None = None
               ) -> tuple[dict[str, bytes | Iterator[bytes]], dict[Item, Span]]:
    """The data exports, and where each record sits in data/briefing.json (see `briefing_json`).
    data/briefing.json comes in pieces, made as they are taken; the spans are complete once they
    have all been taken."""
    spans: dict[Item, Span] = {}
    pieces = briefing_json(b, links, config, spans, key_of, previous)
    names = {s: a.name for s, a in b.actors.items()}
    events = []
    for slug in links.events_in_order:
        e = b.events[slug]
        events.append([slug, e.title, _date(e.date) or "", e.date.precision if e.date else "", e.kind,
                       e.location, "; ".join(names.get(a, a) for a in e.participants),
                       "; ".join(e.participants), len(links.event_sources[slug]),
                       links.event_independent[slug], len(e.disagreements), url_of("event", slug)])
    actors = []
    for slug in sorted(b.actors):
        a = b.actors[slug]
        actors.append([slug, a.name, a.kind, a.role, "; ".join(a.aliases),
                       "; ".join(names.get(x, x) for x in a.affiliations),
                       "; ".join(names.get(x, x) for x in links.actor_members[slug]),
                       len(links.actor_events[slug]), len(links.actor_sources[slug]),
                       len(links.actor_claims[slug]), url_of("actor", slug)])
    return {
        "data/briefing.json": pieces,
        "data/events.csv": _csv(["slug", "title", "date", "date_precision", "kind", "location", "participants",
                                 "participant_slugs", "sources", "independent_sources", "disagreements", "page"],
                                events),
        "data/actors.csv": _csv(["slug", "name", "kind", "role", "aliases", "affiliations", "members",
                                 "events", "sources", "claims", "page"], actors),
    }, spans
