"""Resolve cross-links once, from indexes (no nested scans over all entries), into plain lookup tables."""

from __future__ import annotations

import dataclasses
import pickle
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Iterator

from sitegen.model import Account, Briefing, Claim, Event
from sitegen.names import INFLECTING_KINDS, Alias, Matcher


@dataclass
class Links:
    # actor slug -> ...
    actor_events: dict[str, list[str]] = field(default_factory=dict)  # in date order
    actor_sources: dict[str, list[str]] = field(default_factory=dict)  # newest first
    actor_claims: dict[str, list[Claim]] = field(default_factory=dict)
    actor_members: dict[str, list[str]] = field(default_factory=dict)  # reverse affiliations
    actor_co: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # most co-occurring first
    # Entries that name the actor in their text (or cite it) without listing it as participant,
    # affiliation or actor: ("event" | "actor", slug), in kind then slug order.
    actor_backlinks: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # event slug -> ...
    event_sources: dict[str, list[str]] = field(default_factory=dict)  # oldest first
    event_independent: dict[str, int] = field(default_factory=dict)
    event_claims: dict[str, list[Claim]] = field(default_factory=dict)
    event_prev: dict[str, str | None] = field(default_factory=dict)
    event_next: dict[str, str | None] = field(default_factory=dict)
    # source slug -> ...
    source_events: dict[str, list[str]] = field(default_factory=dict)  # in date order
    source_accounts: dict[str, list[tuple[str, Account]]] = field(default_factory=dict)  # (event slug, account)
    source_disagreements: dict[str, list[str]] = field(default_factory=dict)  # event slugs
    # ordering
    events_in_order: list[str] = field(default_factory=list)
    sources_in_order: list[str] = field(default_factory=list)  # newest first
    # Actor names and aliases -> actor slug, for linking mentions in text.
    actor_names: Matcher = field(default_factory=lambda: Matcher([]), repr=False, compare=False)

    def __getattr__(self, name: str) -> Any:
        # Called only for a table not in the instance: one of the tables read back from the build
        # state (`unpack`), made when first used.
        packed = self.__dict__.get("_packed")
        if not packed or name not in packed:
            raise AttributeError(name)
        value = self.__dict__[name] = pickle.loads(packed.pop(name))
        return value


def pack(links: Links) -> dict[str, bytes]:
    """The tables pickled one by one, for the build state: a rebuild after one article's edit
    reads back the few its pages use, not all of them (`unpack`)."""
    return {f.name: pickle.dumps(getattr(links, f.name), protocol=pickle.HIGHEST_PROTOCOL)
            for f in dataclasses.fields(Links)}


def unpack(packed: dict[str, bytes]) -> Links:
    links = Links.__new__(Links)
    links.__dict__["_packed"] = dict(packed)
    return links


def actor_aliases(b: Briefing) -> Iterator[Alias]:
    """Every actor's name and aliases for the name matcher, as ingest gives them: names take the
    region's languages' case endings (Orbánnal, Gazprommal), and people's, states' and the like's
    (INFLECTING_KINDS) also by their stem (Srbij-e)."""
    for actor in b.actors.values():
        stem = actor.kind in INFLECTING_KINDS
        for name in [actor.name, *actor.aliases]:
            yield Alias(name, actor.slug, endings=True, stem=stem)


def source_sort_key(source) -> tuple:
    """Newest first; undated sources last; ties by slug."""
    date = source.published.sort_key() if source.published else (0, 0, 0)
    return (-date[0], -date[1], -date[2], source.slug)


def independent_count(b: Briefing, slugs: list[str]) -> int:
    """How many independent sources among `slugs`: sources of one outlet count once, and a
    source that cites the outlet of another source reporting the same thing is not independent."""
    parent = {s: s for s in slugs}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: str, y: str) -> None:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)

    by_outlet: dict[str, str] = {}
    for s in slugs:
        outlet = b.sources[s].outlet.strip().lower()
        if outlet:
            if outlet in by_outlet:
                union(s, by_outlet[outlet])
            else:
                by_outlet[outlet] = s
    for s in slugs:
        cited = b.sources[s].meta.get("outlets_cited") or []
        if isinstance(cited, list):
            for name in cited:
                other = by_outlet.get(str(name).strip().lower())
                if other is not None:
                    union(s, other)
    return len({find(s) for s in slugs})


def resolve(b: Briefing) -> Links:
    """Compute every backlink and neighbour table. Unknown slugs are ignored (check reports them).

    Reads the entries' front matter and the text of events and actors, never a source's text:
    the dependency key of pages that show the whole briefing relies on it (see fingerprint)."""
    links = Links()
    # Membership through the keys' own views: b's tables may be load.LazyEntries, whose
    # __contains__ is a Python call, asked hundreds of thousands of times here.
    source_keys, actor_keys, event_keys = b.sources.keys(), b.actors.keys(), b.events.keys()
    events_in_order = [e.slug for e in sorted(b.events.values(), key=Event.sort_key)]
    links.events_in_order = events_in_order
    links.sources_in_order = [s.slug for s in sorted(b.sources.values(), key=source_sort_key)]
    position = {slug: i for i, slug in enumerate(events_in_order)}
    source_position = {slug: i for i, slug in enumerate(links.sources_in_order)}

    event_sources: dict[str, set[str]] = defaultdict(set)
    source_events: dict[str, set[str]] = defaultdict(set)
    source_accounts: dict[str, list[tuple[str, Account]]] = defaultdict(list)
    source_disagreements: dict[str, set[str]] = defaultdict(set)
    for event in b.events.values():
        for s in event.sources:
            if s in source_keys:
                event_sources[event.slug].add(s)
                source_events[s].add(event.slug)
        for account in event.accounts:
            if account.source in source_keys:
                source_accounts[account.source].append((event.slug, account))
        for dis in event.disagreements:
            for pos in dis.accounts:
                if pos.source in source_keys:
                    source_disagreements[pos.source].add(event.slug)
    for source in b.sources.values():
        for e in source.events:
            if e in event_keys:
                event_sources[e].add(source.slug)
                source_events[source.slug].add(e)

    actor_events: dict[str, set[str]] = defaultdict(set)
    for event in b.events.values():
        for a in event.participants:
            if a in actor_keys:
                actor_events[a].add(event.slug)
    actor_sources: dict[str, set[str]] = defaultdict(set)
    for source in b.sources.values():
        for a in source.actors:
            if a in actor_keys:
                actor_sources[a].add(source.slug)
    members: dict[str, set[str]] = defaultdict(set)
    for actor in b.actors.values():
        for a in actor.affiliations:
            if a in actor_keys and a != actor.slug:
                members[a].add(actor.slug)

    actor_claims: dict[str, list[Claim]] = defaultdict(list)
    event_claims: dict[str, list[Claim]] = defaultdict(list)
    for source in b.sources.values():
        for claim in source.claims:
            if claim.speaker in actor_keys:
                actor_claims[claim.speaker].append(claim)
            if claim.event in event_keys:
                event_claims[claim.event].append(claim)

    # Co-occurrence: actors named together in a source or taking part in an event together.
    # Pairs are counted by Counter's C loop, then spread to both actors' rows.
    known = b.actors.keys()
    pairs: Counter = Counter()
    for group in [s.actors for s in b.sources.values()] + [e.participants for e in b.events.values()]:
        pairs.update(combinations(sorted(known & set(group)), 2))
    co: dict[str, Counter] = defaultdict(Counter)
    for (a, other), n in pairs.items():
        co[a][other] = n
        co[other][a] = n

    # "Mentioned in": one pass of the name automaton over each event's and actor's own text.
    matcher = Matcher(actor_aliases(b))
    links.actor_names = matcher
    backlinks: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for event in b.events.values():
        text = "\n".join([event.title, event.body, *(a.text for a in event.accounts),
                          *(p.value for d in event.disagreements for p in d.accounts)])
        named = matcher.keys_in(text)
        named |= {p.speaker for d in event.disagreements for p in d.accounts if p.speaker in actor_keys}
        for a in named - set(event.participants):
            backlinks[a].add(("event", event.slug))
    for actor in b.actors.values():
        named = matcher.keys_in(actor.body + "\n" + actor.role)
        for a in named - set(actor.affiliations) - {actor.slug}:
            if actor.slug not in members.get(a, ()):
                backlinks[a].add(("actor", actor.slug))

    def ties_of(slug: str) -> list[tuple[str, int]]:
        # The strongest tie first; between ties as strong, the one with more events in common,
        # then the other actor named by more sources (the better known), then by slug.
        events = actor_events.get(slug, set())
        return sorted(co[slug].items(), key=lambda tie: (
            -tie[1], -len(events & actor_events.get(tie[0], set())), -len(actor_sources.get(tie[0], ())), tie[0]))

    def by_date(slugs: set[str]) -> list[str]:
        return sorted(slugs, key=lambda s: position[s])

    def newest_first(slugs: set[str]) -> list[str]:
        return sorted(slugs, key=lambda s: source_position[s])

    for slug in actor_keys:
        links.actor_events[slug] = by_date(actor_events.get(slug, set()))
        links.actor_sources[slug] = newest_first(actor_sources.get(slug, set()))
        links.actor_claims[slug] = actor_claims.get(slug, [])
        links.actor_members[slug] = sorted(members.get(slug, set()))
        links.actor_co[slug] = ties_of(slug)
        links.actor_backlinks[slug] = sorted(backlinks.get(slug, set()))
    chain_pos = {a: {e: i for i, e in enumerate(chain)} for a, chain in links.actor_events.items()}
    for slug, event in b.events.items():
        reported = sorted(event_sources.get(slug, set()), key=lambda s: source_position[s], reverse=True)
        links.event_sources[slug] = reported
        links.event_independent[slug] = independent_count(b, reported)
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
    for slug in source_keys:
        links.source_events[slug] = by_date(source_events.get(slug, set()))
        links.source_accounts[slug] = sorted(source_accounts.get(slug, []), key=lambda ea: position[ea[0]])
        links.source_disagreements[slug] = by_date(source_disagreements.get(slug, set()))
    return links
