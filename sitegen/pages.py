"""Turn the resolved briefing into pages: an output path, a template name and plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sitegen.config import SiteConfig
from sitegen.links import Links
from sitegen.model import ACTOR_KINDS, Actor, Briefing, Event, Source
from sitegen.text import Target, link_paragraph, paragraphs


@dataclass
class Page:
    path: str  # output path inside the site, e.g. actors/serbia/index.html
    template: str
    context: dict[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> str:
        """Relative prefix from this page back to the site root: every link works from any sub-path or file://."""
        return "../" * self.path.count("/")


def url_of(kind: str, slug: str | None = None) -> str:
    """Site-root-relative URL of a page; explicit index.html so links work from disk too."""
    plural = {"source": "sources", "actor": "actors", "event": "events"}.get(kind, kind)
    if slug is None:
        return f"{plural}/index.html"
    return f"{plural}/{slug}/index.html"


def _mention_targets(b: Briefing, source: Source) -> list[Target]:
    targets = []
    for slug in source.actors:
        actor = b.actors.get(slug)
        if actor:
            names = tuple(sorted({actor.name, *actor.aliases}, key=lambda n: (-len(n), n)))
            targets.append(Target(names, url_of("actor", slug), actor.name))
    return targets


def source_paragraphs(b: Briefing, source: Source) -> list[list]:
    targets = _mention_targets(b, source)
    return [link_paragraph(p, targets) for p in paragraphs(source.body)]


def build_pages(b: Briefing, links: Links, config: SiteConfig) -> list[Page]:
    sources, actors, events = b.sources, b.actors, b.events
    ordered_events = [events[s] for s in links.events_in_order]
    common = {"b": b, "links": links, "config": config}
    pages: list[Page] = [
        Page("index.html", "index.html", {**common, "latest": list(reversed(ordered_events))[:8],
                                          "key_actors": _key_actors(b, links)[:12]}),
        Page(url_of("source"), "sources.html", {**common, "items": sorted(
            sources.values(), key=lambda s: (s.published.sort_key() if s.published else (0, 0, 0), s.slug),
            reverse=True)}),
        Page(url_of("actor"), "actors.html", {**common, "groups": _actors_by_kind(actors)}),
        Page(url_of("event"), "events.html", {**common, "items": ordered_events}),
        Page("404.html", "404.html", common),
    ]
    for source in sources.values():
        pages.append(Page(url_of("source", source.slug), "source.html",
                          {**common, "source": source, "paragraphs": source_paragraphs(b, source)}))
    for actor in actors.values():
        pages.append(Page(url_of("actor", actor.slug), "actor.html", {**common, "actor": actor}))
    for event in events.values():
        pages.append(Page(url_of("event", event.slug), "event.html", {**common, "event": event}))
    return pages


def _key_actors(b: Briefing, links: Links) -> list[Actor]:
    return sorted(b.actors.values(), key=lambda a: (-len(links.actor_sources[a.slug]) - len(links.actor_events[a.slug]), a.name))


def _actors_by_kind(actors: dict[str, Actor]) -> list[tuple[str, list[Actor]]]:
    groups = []
    for kind in ACTOR_KINDS:
        members = sorted((a for a in actors.values() if a.kind == kind), key=lambda a: a.name.lower())
        if members:
            groups.append((kind, members))
    return groups


__all__ = ["Page", "build_pages", "url_of", "Event", "Source"]
