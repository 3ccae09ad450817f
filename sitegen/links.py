"""Resolve cross-links once, from indexes (no nested scans), into plain lookup tables."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sitegen.model import Briefing, Claim, Event


@dataclass
class Links:
    # actor slug -> ...
    actor_events: dict[str, list[str]] = field(default_factory=dict)  # in date order
    actor_sources: dict[str, list[str]] = field(default_factory=dict)
    actor_claims: dict[str, list[Claim]] = field(default_factory=dict)
    actor_members: dict[str, list[str]] = field(default_factory=dict)  # reverse affiliations
    actor_co: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # most co-occurring first
    # event slug -> ...
    event_sources: dict[str, list[str]] = field(default_factory=dict)
    event_claims: dict[str, list[Claim]] = field(default_factory=dict)
    event_prev: dict[str, str | None] = field(default_factory=dict)
    event_next: dict[str, str | None] = field(default_factory=dict)
    # source slug -> ...
    source_events: dict[str, list[str]] = field(default_factory=dict)
    # ordering
    events_in_order: list[str] = field(default_factory=list)


def resolve(b: Briefing) -> Links:
    """Compute every backlink and neighbour table. Unknown slugs are ignored (check reports them)."""
    links = Links()
    events_in_order = [e.slug for e in sorted(b.events.values(), key=Event.sort_key)]
    links.events_in_order = events_in_order
    position = {slug: i for i, slug in enumerate(events_in_order)}

    event_sources: dict[str, set[str]] = defaultdict(set)
    source_events: dict[str, set[str]] = defaultdict(set)
    for event in b.events.values():
        for s in event.sources:
            if s in b.sources:
                event_sources[event.slug].add(s)
                source_events[s].add(event.slug)
    for source in b.sources.values():
        for e in source.events:
            if e in b.events:
                event_sources[e].add(source.slug)
                source_events[source.slug].add(e)

    actor_events: dict[str, set[str]] = defaultdict(set)
    for event in b.events.values():
        for a in event.participants:
            if a in b.actors:
                actor_events[a].add(event.slug)
    actor_sources: dict[str, set[str]] = defaultdict(set)
    for source in b.sources.values():
        for a in source.actors:
            if a in b.actors:
                actor_sources[a].add(source.slug)
    members: dict[str, set[str]] = defaultdict(set)
    for actor in b.actors.values():
        for a in actor.affiliations:
            if a in b.actors and a != actor.slug:
                members[a].add(actor.slug)

    actor_claims: dict[str, list[Claim]] = defaultdict(list)
    event_claims: dict[str, list[Claim]] = defaultdict(list)
    for source in b.sources.values():
        for claim in source.claims:
            if claim.speaker in b.actors:
                actor_claims[claim.speaker].append(claim)
            if claim.event in b.events:
                event_claims[claim.event].append(claim)

    # Co-occurrence: actors named together in a source or taking part in an event together.
    co: dict[str, Counter] = defaultdict(Counter)
    groups = [sorted(set(s.actors) & b.actors.keys()) for s in b.sources.values()]
    groups += [sorted(set(e.participants) & b.actors.keys()) for e in b.events.values()]
    for group in groups:
        for a in group:
            for other in group:
                if other != a:
                    co[a][other] += 1

    def by_date(slugs: set[str]) -> list[str]:
        return sorted(slugs, key=lambda s: position[s])

    for slug in b.actors:
        links.actor_events[slug] = by_date(actor_events.get(slug, set()))
        links.actor_sources[slug] = sorted(actor_sources.get(slug, set()))
        links.actor_claims[slug] = actor_claims.get(slug, [])
        links.actor_members[slug] = sorted(members.get(slug, set()))
        links.actor_co[slug] = sorted(co[slug].items(), key=lambda kv: (-kv[1], kv[0]))
    chain_pos = {a: {e: i for i, e in enumerate(chain)} for a, chain in links.actor_events.items()}
    for slug, event in b.events.items():
        links.event_sources[slug] = sorted(event_sources.get(slug, set()))
        links.event_claims[slug] = event_claims.get(slug, [])
        # Previous and next events sharing at least one participant.
        prev = nxt = None
        for actor in event.participants:
            chain = links.actor_events.get(actor, [])
            i = chain_pos.get(actor, {}).get(slug)
            if i is not None:
                if i > 0 and (prev is None or position[chain[i - 1]] > position[prev]):
                    prev = chain[i - 1]
                if i + 1 < len(chain) and (nxt is None or position[chain[i + 1]] < position[nxt]):
                    nxt = chain[i + 1]
        links.event_prev[slug], links.event_next[slug] = prev, nxt
    for slug in b.sources:
        links.source_events[slug] = by_date(source_events.get(slug, set()))
    return links
