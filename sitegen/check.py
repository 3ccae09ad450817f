"""Validate cross-references between entries; every problem is one line with path and line."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import Any

from sitegen.errors import Problem
from sitegen.load import SIDECAR_SUFFIX
from sitegen.model import Briefing, Entry


def check_links(briefing: Briefing, only: Collection[tuple[str, str]] | None = None) -> list[Problem]:
    """Every reference must name an existing entry of the right kind. `only`: check the
    references of these entries (kind, slug) alone."""
    problems: list[Problem] = []
    actors, events, sources = briefing.actors, briefing.events, briefing.sources

    def chosen(kind: str, table: Mapping[str, Entry]) -> Iterable[Any]:
        if only is None:
            return table.values()
        return [table[slug] for k, slug in sorted(only) if k == kind and slug in table]

    def ref(entry: Entry, key: str, index: int | None, slug: str | None, pool: dict, what: str,
            label: str | None = None) -> None:
        if slug and slug not in pool:
            problems.append(Problem(entry.path, entry.line_of(key, index),
                                    f"{label or key.rstrip('s')} '{slug}' is not {what}"))

    known_actors, known_events = actors.keys() | {"", None}, events.keys() | {"", None}
    for source in chosen("source", sources):
        # One set comparison per list finds the common case, every reference known; the lists
        # are gone through one by one only when one is not (ten thousand sources, 150,000 references).
        if not known_actors.issuperset(source.actors):
            for i, slug in enumerate(source.actors):
                ref(source, "actors", i, slug, actors, "an actor", "actor")
        if not known_events.issuperset(source.events):
            for i, slug in enumerate(source.events):
                ref(source, "events", i, slug, events, "an event", "event")
        for claim in source.claims:
            if claim.speaker not in known_actors or claim.event not in known_events:
                ref(source, "claims", None, claim.speaker, actors, "an actor", "claim speaker")
                ref(source, "claims", None, claim.event, events, "an event", "claim event")
    for actor in chosen("actor", actors):
        for i, slug in enumerate(actor.affiliations):
            ref(actor, "affiliations", i, slug, actors, "an actor", "affiliation")
            if slug == actor.slug:
                problems.append(Problem(actor.path, actor.line_of("affiliations", i),
                                        "an actor cannot be affiliated with itself"))
    for event in chosen("event", events):
        for i, slug in enumerate(event.participants):
            ref(event, "participants", i, slug, actors, "an actor", "participant")
        for i, slug in enumerate(event.sources):
            ref(event, "sources", i, slug, sources, "a source", "source")
        for i, account in enumerate(event.accounts):
            ref(event, "accounts", i, account.source, sources, "a source", "account source")
        for i, dis in enumerate(event.disagreements):
            for pos in dis.accounts:
                ref(event, "disagreements", i, pos.source, sources, "a source", "disagreement source")
                ref(event, "disagreements", i, pos.speaker, actors, "an actor", "disagreement speaker")
    return problems


def check_warnings(briefing: Briefing, content: Path) -> list[Problem]:
    """Things an editor should look at; errors only under --strict."""
    warnings: list[Problem] = []
    # Links go both ways: a source listing an event reports it, even if the event does not list the source.
    mentioned = {slug for s in briefing.sources.values() for slug in s.actors}
    mentioned |= {c.speaker for s in briefing.sources.values() for c in s.claims if c.speaker}
    mentioned |= {slug for e in briefing.events.values() for slug in e.participants}
    reported = {slug for s in briefing.sources.values() for slug in s.events if slug in briefing.events}
    reported |= {c.event for s in briefing.sources.values() for c in s.claims if c.event}
    bylines = {s.author.strip() for s in briefing.sources.values() if s.author}  # an author is named by the byline
    for actor in briefing.actors.values():
        if actor.slug not in mentioned and actor.name not in bylines:
            warnings.append(Problem(actor.path, None, "no source or event mentions this actor", "warning"))
        if actor.status == "draft":
            warnings.append(Problem(actor.path, actor.line_of("status"),
                                    "draft actor found by ingest; review it and remove 'status: draft'",
                                    "warning"))
    for event in briefing.events.values():
        if not any(s in briefing.sources for s in event.sources) and event.slug not in reported:
            warnings.append(Problem(event.path, None, "no source reports this event", "warning"))
        if event.date is None:
            warnings.append(Problem(event.path, None, "event has no date", "warning"))
    for source in briefing.sources.values():
        if source.published is None:
            warnings.append(Problem(source.path, None, "source has no publication date", "warning"))
    if content.is_dir():
        for sidecar in sorted(content.glob(f"*/*{SIDECAR_SUFFIX}")):
            entry = sidecar.name[: -len(SIDECAR_SUFFIX)] + ".md"
            rel = sidecar.relative_to(briefing.root).as_posix() if sidecar.is_relative_to(briefing.root) \
                else sidecar.as_posix()
            warnings.append(Problem(rel, None, f"ingest's version of {entry} awaits review: merge what you "
                                    "want into the entry, then delete this file", "warning"))
    return warnings
