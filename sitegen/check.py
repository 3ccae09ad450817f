"""Validate cross-references between entries; every problem is one line with path and line."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import Any

from sitegen.errors import Problem
from sitegen.load import SIDECAR_SUFFIX
from sitegen.model import Actor, Briefing, Entry
from sitegen.names import name_key


def check_links(briefing: Briefing, only: Collection[tuple[str, str]] | None = None) -> list[Problem]:
    """Every reference must name an existing entry of the right kind. `only`: check the
    references of these entries (kind, slug) alone."""
    problems: list[Problem] = []
    actors, events, sources = briefing.actors, briefing.events, briefing.sources

    def chosen(kind: str, table: Mapping[str, Entry]) -> Iterable[Any]:
        if only is None:
            return table.values()
        return [table[slug] for k, slug in sorted(only) if k == kind and slug in table]

    guesses: dict[int, Suggestions] = {}

    def ref(entry: Entry, key: str, index: int | None, slug: str | None, pool: Mapping[str, Entry], what: str,
            label: str | None = None) -> None:
        if slug and slug not in pool:
            guess = guesses.setdefault(id(pool), Suggestions(pool)).likely(slug)
            hint = f"; did you mean {guess}?" if guess else ""
            problems.append(Problem(entry.path, entry.line_of(key, index),
                                    f"{label or key.rstrip('s')} '{slug}' is not {what}{hint}"))

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


def entry_names(entry: Entry) -> list[str]:
    """The names an entry goes by: an actor's name and aliases, an event's title and aliases, a
    source's title."""
    first = entry.name if isinstance(entry, Actor) else getattr(entry, "title", "")
    aliases = entry.aliases if isinstance(entry, Actor) else entry.meta.get("aliases")
    names = [first] + (aliases if isinstance(aliases, list) else [])
    return [str(n) for n in names if isinstance(n, (str, int, float)) and str(n).strip()]


class Suggestions:
    """The likely entry meant by an unknown slug: one with that name or alias (folded, so 'eu'
    finds the actor with alias "EU"), else the closest slug. Made on the first unknown slug:
    a briefing without one never pays for it."""

    def __init__(self, pool: Mapping[str, Entry]):
        self.pool = pool
        self.by_name: dict[str, str] | None = None

    def likely(self, slug: str) -> str | None:
        if self.by_name is None:
            self.by_name = {}
            for entry in self.pool.values():
                for name in entry_names(entry):
                    self.by_name.setdefault(name_key(name), entry.slug)
        named = self.by_name.get(name_key(slug))
        if named:
            return named
        close = difflib.get_close_matches(slug, list(self.pool.keys()), n=1, cutoff=0.8)
        return close[0] if close else None


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


def check_records(briefing: Briefing, content: Path, warnings: list[Problem]) -> list[Problem]:
    """The redirects and edition records kept beside the entries: errors when they cannot be
    read (the build stops on them too); a warning for each redirect the site cannot serve."""
    from sitegen.editions import Editions
    from sitegen.errors import SitegenError
    from sitegen.redirects import REDIRECTS, read_redirects

    errors: list[Problem] = []
    redirects = []
    for read in (lambda: Editions.load(content), lambda: redirects.extend(read_redirects(content))):
        try:
            read()
        except SitegenError as exc:
            errors.append(Problem(exc.path or content.as_posix(), exc.line, exc.message))
    tables = {"source": briefing.sources, "actor": briefing.actors, "event": briefing.events}
    where = (content / REDIRECTS).as_posix()
    for r in redirects:
        if r.old in tables[r.kind]:
            warnings.append(Problem(where, None, f"{r.kind} '{r.old}' is an entry again: its redirect to "
                                    f"'{r.new}' is not served", "warning"))
        elif r.new not in tables[r.kind]:
            warnings.append(Problem(where, None, f"redirect from {r.kind} '{r.old}' leads to '{r.new}', which is "
                                    "not an entry: it is not served", "warning"))
    return errors
