"""Machine-readable copies of the briefing: data/briefing.json (every entry and every link) and
CSV files of events and actors for spreadsheets. Deterministic: sorted keys, fixed formatting."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from sitegen.config import SiteConfig
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


def briefing_data(b: Briefing, links: Links, config: SiteConfig) -> dict[str, Any]:
    updated = last_updated(b)
    sources = []
    for slug in sorted(b.sources):
        s = b.sources[slug]
        sources.append({
            "slug": slug, "page": url_of("source", slug), "title": s.title, "outlet": s.outlet,
            "author": s.author, "published": _date(s.published), "published_inferred": s.published_inferred,
            "url": s.url, "seed": s.seed, "reliability": s.reliability, "credibility": s.credibility,
            "grade": s.grade, "grade_meaning": s.grade_meaning,
            "actors": list(s.actors), "events": links.source_events[slug],
            "claims": [{"speaker": c.speaker, "text": c.text, "event": c.event} for c in s.claims],
            "text": s.body,
            "extra": _plain({k: v for k, v in s.meta.items() if k not in _SOURCE_FIELDS}),
        })
    actors = []
    for slug in sorted(b.actors):
        a = b.actors[slug]
        actors.append({
            "slug": slug, "page": url_of("actor", slug), "name": a.name, "kind": a.kind,
            "aliases": list(a.aliases), "role": a.role, "status": a.status,
            "affiliations": list(a.affiliations), "members": links.actor_members[slug],
            "events": links.actor_events[slug], "sources": links.actor_sources[slug],
            "appears_with": [{"actor": o, "count": n} for o, n in links.actor_co[slug]],
            "mentioned_in": [{"kind": k, "slug": s} for k, s in links.actor_backlinks[slug]],
            "text": a.body,
            "extra": _plain({k: v for k, v in a.meta.items() if k not in _ACTOR_FIELDS}),
        })
    events = []
    for slug in links.events_in_order:
        e = b.events[slug]
        events.append({
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
        })
    return {
        "format": "sitegen-briefing", "version": FORMAT_VERSION,
        "title": str(b.index_meta.get("title") or config.title), "base_url": config.base_url,
        "updated": _date(updated), "summary": str(b.index_meta.get("summary") or ""),
        "sources": sources, "actors": actors, "events": events,
    }


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


def data_files(b: Briefing, links: Links, config: SiteConfig) -> dict[str, bytes]:
    data = briefing_data(b, links, config)
    # Compact, so the C encoder does the work; one entry per line keeps diffs readable.
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace('},{"', '},\n{"') + "\n"
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
        "data/briefing.json": text.encode("utf-8"),
        "data/events.csv": _csv(["slug", "title", "date", "date_precision", "kind", "location", "participants",
                                 "participant_slugs", "sources", "independent_sources", "disagreements", "page"],
                                events),
        "data/actors.csv": _csv(["slug", "name", "kind", "role", "aliases", "affiliations", "members",
                                 "events", "sources", "claims", "page"], actors),
    }
