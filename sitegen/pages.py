"""Turn the resolved briefing into pages: an output path, a template name and plain data.

Every page is a pure function of the briefing, the link tables and the config. Python builds
data only; templates own all markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import islice
from typing import TYPE_CHECKING, Any, Callable, Container, Iterable, Iterator, Mapping

from sitegen.config import SiteConfig
from sitegen.dates import MONTHS, PartialDate
from sitegen.links import Links
from sitegen.model import ACTOR_KINDS, CREDIBILITY, EVENT_KINDS, RELIABILITY, Actor, Briefing, Claim, Disagreement, Event, Source
from sitegen.names import Alias, Matcher, fold_with_map, guess_language
from sitegen.network import build_network, local_graph
from sitegen import seo
from sitegen.text import Segment, Target, link_paragraphs, paragraphs

if TYPE_CHECKING:
    from sitegen.editions import Edition, Editions
    from sitegen.redirects import Redirect


Dep = tuple  # what a page shows, named for the incremental build (see sitegen/fingerprint.py)


@dataclass
class Page:
    """One output file: where it goes, its template, its data, and what that data comes from.

    The context is made when the page is rendered, and not kept: a page an edit does not reach
    costs nothing to skip, and a rendered page does not hold its data (a render worker goes
    through thousands).
    `deps` name every entry, entry part and link row the page shows; the incremental build
    re-renders the page when one of them changes. The list itself must be made only from what
    it names (an actor page lists the events of its `actor_events` row, and depends on that
    row): a build finds the pages an edit reaches by their last lists (Fingerprints.changes_since)."""

    path: str  # output path inside the site, e.g. actors/serbia/index.html
    template: str
    make_context: Callable[[], dict[str, Any]] = field(repr=False)
    deps: tuple[Dep, ...] = ()

    @property
    def root(self) -> str:
        """Relative prefix from this page back to the site root: every link works from any sub-path or file://."""
        return "../" * self.path.count("/")


class Counts(Mapping):
    """How many entries the briefing has: {sources, actors, events, disagreements}, read as a
    mapping or by attribute (themes do both). The disagreements are counted only when a page
    shows them: it takes every event."""

    KEYS = ("sources", "actors", "events", "disagreements")

    def __init__(self, sources: int, actors: int, events: int, all_events: Mapping[str, Event]):
        self.sources, self.actors, self.events = sources, actors, events
        self._all_events = all_events

    @cached_property
    def disagreements(self) -> int:
        return sum(len(e.disagreements) for e in self._all_events.values())

    def __getitem__(self, key: str) -> int:
        if key not in self.KEYS:
            raise KeyError(key)
        return getattr(self, key)

    def __iter__(self) -> Iterator[str]:
        return iter(self.KEYS)

    def __len__(self) -> int:
        return len(self.KEYS)


PLURAL = {"source": "sources", "actor": "actors", "event": "events"}
SECTIONS = ("timeline", "network", "disagreements", "search")


def url_of(kind: str, slug: str | None = None) -> str:
    """Site-root-relative URL of a page; explicit index.html so links work from disk too."""
    plural = PLURAL.get(kind, kind)
    if slug is None:
        return f"{plural}/index.html"
    return f"{plural}/{slug}/index.html"


# ---------------------------------------------------------------- source text

MAX_ANCHOR_WORDS = 8


def source_paragraphs(b: Briefing, links: Links, source: Source,
                      paras: list[str] | None = None) -> list[list[Segment]]:
    """The article as paragraphs of segments; the first mention of each actor and event the
    source names is linked in every paragraph (names, aliases, event titles, and the source's own
    account excerpts of events when they are short). `paras`: `paragraphs(source.body)`, when
    the caller has them already."""
    targets: dict[str, Target] = {}
    for slug in source.actors:
        actor = b.actors.get(slug)
        if actor:
            targets[slug] = Target(url_of("actor", slug), actor.name, "actor")
    event_names: list[Alias] = []
    for slug in links.source_events.get(source.slug, []):
        event = b.events[slug]
        key = "event:" + slug
        targets[key] = Target(url_of("event", slug), event.title, "event")
        event_names.append(Alias(event.title, key))
        aliases = event.meta.get("aliases")
        if isinstance(aliases, list):
            event_names += [Alias(str(a), key) for a in aliases if isinstance(a, (str, int))]
    for slug, account in links.source_accounts.get(source.slug, []):
        key = "event:" + slug
        # A phrase-length excerpt makes a good anchor; a whole sentence underlined hides the
        # actor links inside it (the event is listed beside the article either way).
        if key in targets and len(account.text.split()) <= MAX_ANCHOR_WORDS:
            event_names.append(Alias(account.text.rstrip("."), key))
    if paras is None:
        paras = paragraphs(source.body)
    # One scan of the whole article: paragraphs are joined by a line break, which no name spans
    # and which bounds a word as the ends of a paragraph do. Folded once for both scans.
    text = "\n".join(paras)
    folded = fold_with_map(text)
    hits = links.actor_names.scan(text, source_language(source), folded)
    if event_names:
        hits = sorted(hits + Matcher(event_names).scan(text, folded=folded), key=lambda h: (h[0], -h[1], h[2]))
    return link_paragraphs(paras, hits, targets)


# Words only English uses often: a plainly English article is told in microseconds, without the
# full guess over every language's markers.
_ENGLISH_WORDS = re.compile(r"\b(?:the|and|of|that|with|was|for|has|said|from|which|were)\b")


def source_language(source: Source) -> str:
    """The language the article is written in, as ingest reads it ("en", "sh", "hu", ...)."""
    # Twelve are enough: an English article has them in its first few lines.
    if next(islice(_ENGLISH_WORDS.finditer(source.body[:1500].lower()), 11, None), None) is not None:
        return "en"
    return guess_language(source.body)


# ---------------------------------------------------------------- helpers

def last_updated(b: Briefing) -> PartialDate | None:
    """From the content, never the clock: _index.md's `updated`, else the publication date of
    the newest source. Not an event's date: a briefing can record what is planned for later,
    and events long past say nothing of when the briefing was last brought up to date."""
    try:
        explicit = PartialDate.parse(b.index_meta.get("updated"))
    except ValueError:
        explicit = None
    if explicit:
        return explicit
    dates = [s.published for s in b.sources.values() if s.published]
    return max(dates, key=PartialDate.sort_key) if dates else None


def key_judgments(b: Briefing) -> list[dict[str, str]]:
    """`key_judgments:` in _index.md: a list of strings or of {text, confidence}."""
    raw = b.index_meta.get("key_judgments") or []
    out = []
    if isinstance(raw, list):
        for item in raw:
            if isinstance(item, dict) and item.get("text"):
                out.append({"text": str(item["text"]), "confidence": str(item.get("confidence") or "")})
            elif isinstance(item, (str, int, float)) and str(item).strip():
                out.append({"text": str(item).strip(), "confidence": ""})
    return out


def timeline_groups(b: Briefing, links: Links) -> list[dict[str, Any]]:
    """Events grouped by year, then month; an event dated only to a year or month is shown at
    that precision in its own group ("sometime in 2023"), never as the 1st."""
    years: dict[Any, dict[str, Any]] = {}
    for slug in links.events_in_order:
        event = b.events[slug]
        d = event.date
        ykey = d.year if d else None
        year = years.setdefault(ykey, {"year": ykey, "label": str(ykey) if d else "Date unknown",
                                       "id": f"y{ykey}" if d else "undated", "months": {}})
        mkey = d.month if d else None
        if d and d.month:
            label, gid = f"{MONTHS[d.month - 1]} {d.year}", f"m{d.year}-{d.month:02d}"
        elif d:
            label, gid = f"Sometime in {d.year}", f"m{d.year}-xx"
        else:
            label, gid = "Date unknown", "m-undated"
        month = year["months"].setdefault(mkey, {"label": label, "id": gid, "events": []})
        month["events"].append(event)
    out = []
    for year in years.values():
        year["months"] = list(year["months"].values())
        year["count"] = sum(len(m["events"]) for m in year["months"])
        out.append(year)
    return out


def all_disagreements(b: Briefing, links: Links) -> list[tuple[Event, Disagreement]]:
    return [(b.events[s], d) for s in links.events_in_order for d in b.events[s].disagreements]


def _key_actors(b: Briefing, links: Links) -> list[Actor]:
    return sorted(b.actors.values(),
                  key=lambda a: (-len(links.actor_sources[a.slug]) - len(links.actor_events[a.slug]), a.name.lower(), a.slug))


def _actors_by_kind(actors: dict[str, Actor]) -> list[tuple[str, list[Actor]]]:
    groups = []
    for kind in ACTOR_KINDS:
        members = sorted((a for a in actors.values() if a.kind == kind), key=lambda a: (a.name.lower(), a.slug))
        if members:
            groups.append((kind, members))
    return groups


# ---------------------------------------------------------------- pages

WORLD: Dep = ("world",)  # every entry's front matter, _index.md and every link table


def source_deps(b: Briefing, links: Links, source: Source) -> tuple[Dep, ...]:
    slug = source.slug
    actors = set(source.actors) | {c.speaker for c in source.claims if c.speaker}
    actors |= {str(n.get("speaker")) for n in _records(source.meta.get("numbers")) if n.get("speaker")}
    events = set(links.source_events.get(slug, [])) | {c.event for c in source.claims if c.event}
    return (("full", "source", slug),
            *(("links", table, slug) for table in ("source_events", "source_accounts", "source_disagreements")),
            *(("name", "actor", a) for a in sorted(actors)),
            *(("name", "event", e) for e in sorted(events)))


def actor_deps(b: Briefing, links: Links, actor: Actor) -> tuple[Dep, ...]:
    slug = actor.slug
    deps: list[Dep] = [("full", "actor", slug)]
    deps += [("links", table, slug) for table in ("actor_events", "actor_sources", "actor_claims",
                                                  "actor_members", "actor_co", "actor_backlinks")]
    actors = set(actor.affiliations)
    for e in links.actor_events.get(slug, []):
        deps += [("card", "event", e), ("links", "event_sources", e), ("links", "event_independent", e)]
        if e in b.events:
            actors.update(b.events[e].participants)
    deps += [("card", "source", s) for s in links.actor_sources.get(slug, [])]
    for claim in links.actor_claims.get(slug, []):
        deps.append(("card", "source", claim.source))
        if claim.event:
            deps.append(("name", "event", claim.event))
    deps += [("card", "actor", m) for m in links.actor_members.get(slug, [])]
    actors.update(other for other, _ in links.actor_co.get(slug, []))
    deps += [("name", kind, other) for kind, other in links.actor_backlinks.get(slug, [])]
    deps += [("name", "actor", a) for a in sorted(actors)]
    return tuple(deps)


def event_deps(b: Briefing, links: Links, event: Event) -> tuple[Dep, ...]:
    slug = event.slug
    deps: list[Dep] = [("full", "event", slug)]
    deps += [("links", table, slug) for table in ("event_sources", "event_independent", "event_claims",
                                                  "event_prev", "event_next")]
    actors = set(event.participants)
    sources = set(links.event_sources.get(slug, [])) | {a.source for a in event.accounts}
    for d in event.disagreements:
        sources.update(p.source for p in d.accounts if p.source)
        actors.update(p.speaker for p in d.accounts if p.speaker)
    for claim in links.event_claims.get(slug, []):
        sources.add(claim.source)
        if claim.speaker:
            actors.add(claim.speaker)
    for near in (links.event_prev.get(slug), links.event_next.get(slug)):
        if near:
            deps.append(("card", "event", near))
    deps += [("card", "source", s) for s in sorted(sources)]
    deps += [("name", "actor", a) for a in sorted(actors)]
    return tuple(deps)


def source_list_deps(b: Briefing) -> tuple[Dep, ...]:
    # Lists as long as the briefing depend on what they show of each entry, not on WORLD: an
    # edit to one actor's role must not render a list of ten thousand sources again.
    return (*(("card", "source", s) for s in b.sources),
            *(("links", "source_events", s) for s in b.sources))


def event_list_deps(b: Briefing) -> tuple[Dep, ...]:
    participants = sorted({a for e in b.events.values() for a in e.participants})
    return (*(("card", "event", e) for e in b.events),
            *(("links", table, e) for table in ("event_sources", "event_independent") for e in b.events),
            *(("name", "actor", a) for a in participants))


def build_pages(b: Briefing, links: Links, config: SiteConfig, search: bool = True,
                only: Container[str] | None = None, *, updated: PartialDate | None,
                redirects: Iterable[Redirect] = (), editions: Editions | None = None) -> list[Page]:
    """Every page of the site (or those whose path is in `only`), each with its dependencies;
    contexts are made only when rendered. `updated` is `last_updated(b)`; `redirects`: the old
    slugs of merged and renamed entries, each served as a page that sends readers on;
    `editions`: what changed from build to build, for the "What's new" page and the feed."""
    sources, actors, events = b.sources, b.actors, b.events
    # Entries are made from the build state when first asked for (see load.LazyEntries): a
    # rebuild that makes one article's page need not unpickle every event for the lists.
    @cache
    def ordered_events() -> list[Event]:
        return [events[s] for s in links.events_in_order]

    def ordered_sources(count: int | None = None) -> list[Source]:
        # Made when a page shows them: the articles are loaded as they are asked for.
        return [sources[s] for s in links.sources_in_order[:count]]
    site = {
        "title": str(b.index_meta.get("title") or config.title),
        "updated": updated,
        "search": search,
        "counts": Counts(len(sources), len(actors), len(events), events),
    }
    common = {"b": b, "links": links, "config": config, "site": site,
              "reliability": RELIABILITY, "credibility": CREDIBILITY}

    def page(path: str, template: str, section: str, make: Callable[[], dict[str, Any]],
             deps: tuple[Dep, ...] = (WORLD,), entry: tuple[str, str] | None = None) -> Page:
        if entry is not None:  # its page says when the latest edition added or changed it
            deps = (*deps, ("edition", *entry))

        def context() -> dict[str, Any]:
            own = make()
            ctx = {**common, "section": section, **own}
            if entry is not None:
                ctx["edition_note"] = editions.note(*entry) if editions is not None else None
            ctx.setdefault("seo", seo.page_meta(path, config, title=own.get("title", ""),
                                                description=own.get("description", "")))
            return ctx
        return Page(path, template, context, deps)

    def home() -> dict[str, Any]:
        return dict(seo=seo.home_meta(b, config, site["title"]),
                    summary=str(b.index_meta.get("summary") or ""),
                    judgments=key_judgments(b),
                    latest=list(reversed(ordered_events()))[:8],
                    recent_sources=ordered_sources(5),
                    key_actors=_key_actors(b, links)[:10],
                    open_disagreements=list(reversed(all_disagreements(b, links)))[:5])

    def timeline() -> dict[str, Any]:
        return dict(title="Timeline", description="Every event in date order, grouped by year and month.",
                    groups=timeline_groups(b, links),
                    filter_actors=sorted({a for e in ordered_events() for a in e.participants if a in actors},
                                         key=lambda s: (actors[s].name.lower(), s)),
                    filter_kinds=[k for k in EVENT_KINDS if any(e.kind == k for e in ordered_events())])

    def not_found() -> dict[str, Any]:
        # Links stay relative like everywhere else: right when the host shows 404.html for a
        # missing page at the site's top level (or when the page is opened itself).
        meta = seo.page_meta("404.html", config, title="Page not found")
        meta["url"] = ""  # a missing page has no canonical address
        return dict(title="Page not found", seo=meta)

    # Every event's card: made only when a page that shows them all is.
    event_list = event_list_deps(b) if only is None or url_of("event") in only or "timeline/index.html" in only \
        else ()
    pages: list[Page] = [
        page("index.html", "index.html", "home", home),
        page(url_of("source"), "sources.html", "sources", lambda: dict(
            title="Sources", items=ordered_sources(),
            description=f"{len(sources)} sources, with their Admiralty grades."), source_list_deps(b)),
        page(url_of("actor"), "actors.html", "actors", lambda: dict(
            title="Actors", groups=_actors_by_kind(actors), description=f"{len(actors)} actors, grouped by kind.")),
        page(url_of("event"), "events.html", "events", lambda: dict(
            title="Events", items=ordered_events(), description=f"{len(events)} events in date order."),
             event_list),
        page("timeline/index.html", "timeline.html", "timeline", timeline, event_list),
        page("network/index.html", "network.html", "network", lambda: dict(
            title="Network", description="Actors and how often they appear together.",
            network=build_network(b, links), actors_sorted=_key_actors(b, links))),
        page("disagreements/index.html", "disagreements.html", "disagreements", lambda: dict(
            title="Disagreements", description="Where the sources disagree.", items=all_disagreements(b, links))),
        page("search/index.html", "search.html", "search", lambda: dict(
            title="Search", description="Search the briefing."), deps=()),
        page("404.html", "404.html", "404", not_found, deps=()),
    ]
    # An entry's page and its dependencies are made only when asked for: a rebuild after an edit
    # to one article's text asks for one page of ten thousand.
    for slug in sources:
        path = url_of("source", slug)
        if only is None or path in only:
            source = sources[slug]
            pages.append(page(path, "source.html", "sources",
                              _source_context(b, links, config, source), source_deps(b, links, source),
                              ("source", slug)))
    for slug in actors:
        path = url_of("actor", slug)
        if only is None or path in only:
            actor = actors[slug]
            pages.append(page(path, "actor.html", "actors", _actor_context(b, links, config, actor),
                              actor_deps(b, links, actor), ("actor", slug)))
    for slug in events:
        path = url_of("event", slug)
        if only is None or path in only:
            event = events[slug]
            pages.append(page(path, "event.html", "events",
                              _event_context(b, links, config, event), event_deps(b, links, event),
                              ("event", slug)))

    def feed() -> dict[str, Any]:
        # Rendered again for every edition: only the newest entries that may be in it are read.
        items = [("source", s.slug, s.title, s.published) for s in _newest(
            links.sources_in_order, sources, lambda s: s.published, FEED_ITEMS)]
        items += [("event", e.slug, e.title, e.date) for e in _newest(
            _events_newest_first(events, links.events_in_order), events, lambda e: e.date, FEED_ITEMS)]
        items.sort(key=lambda i: ((i[3].sort_key() if i[3] else (0, 0, 0)), i[0], i[1]), reverse=True)
        return dict(items=items[:FEED_ITEMS], editions=[
            dict(number=e.number, time=e.time, summary=e.summary()) for e in reversed(all_editions[-FEED_EDITIONS:])])

    all_editions = editions.records if editions is not None else []
    edition_deps: tuple[Dep, ...] = (("edition",),)
    pages.append(page("feed.xml", "feed.xml", "feed", feed, (WORLD, *edition_deps)))
    pages.append(page("changes/index.html", "changes.html", "changes", lambda: dict(
        title="What's new", description="What changed in the briefing, edition by edition.",
        editions=[edition_view(b, e) for e in reversed(all_editions[-PAGE_EDITIONS:])]), (WORLD, *edition_deps)))
    pages.append(page("sitemap.xml", "sitemap.xml", "sitemap", lambda: dict(
        urls=["index.html", url_of("source"), url_of("actor"), url_of("event"),
              *(f"{s}/index.html" for s in SECTIONS),
              *(url_of("source", s) for s in sources), *(url_of("actor", s) for s in actors),
              *(url_of("event", s) for s in events)])))
    pages.append(page("robots.txt", "robots.txt", "robots", dict, deps=()))
    pages += redirect_pages(b, redirects, page)
    return pages if only is None else [p for p in pages if p.path in only]


FEED_ITEMS = 100  # sources and events in the Atom feed, newest first
FEED_EDITIONS = 50  # editions in the Atom feed, newest first


def _newest(slugs: Iterable[str], table: Mapping[str, Any], date_of: Callable[[Any], PartialDate | None],
            count: int) -> list[Any]:
    """The entries of `slugs` (newest first, undated last) up to the `count`th, and any more of
    the same date: every entry that can be among the `count` newest whatever the order of ties."""
    out: list[Any] = []
    last = None
    for slug in slugs:
        entry = table[slug]
        date = date_of(entry)
        key = date.sort_key() if date else (0, 0, 0)
        if len(out) >= count and key != last:
            break
        out.append(entry)
        last = key
    return out


def _events_newest_first(events: Mapping[str, Event], in_order: list[str]) -> Iterator[str]:
    """Slugs of `in_order` (oldest first, undated last) newest first, undated last."""
    undated = []
    for slug in reversed(in_order):
        if events[slug].date is None:
            undated.append(slug)
        else:
            yield slug
    yield from undated
PAGE_EDITIONS = 100  # editions on the "What's new" page (all are kept in content/.editions/)


def edition_view(b: Briefing, edition: Edition) -> dict[str, Any]:
    """One edition for the "What's new" page: its number, time, summary, and a section for each
    sort of change. Each item names its entry (kind, slug) and whether it is still there to
    link to; `title` is what the edition recorded, or the statement or disagreement itself."""
    from sitegen.editions import human_time

    tables = {"source": b.sources, "actor": b.actors, "event": b.events}

    def item(kind: str, slug: str, title: str, details: list[str], linked: bool = True) -> dict[str, Any]:
        return dict(kind=kind, slug=slug, title=title or slug, details=details, quote=False, cite=None,
                    href=url_of(kind, slug) if linked and slug in tables[kind] else None)

    sections: list[dict[str, Any]] = []
    for kind in ("source", "event", "actor") if not edition.baseline else ():
        for change in ("added", "changed", "removed"):
            items = [item(kind, c.slug, c.title, c.details, change != "removed") for c in edition.of(change, kind)]
            if items:
                sections.append(dict(heading=f"{PLURAL[kind].capitalize()} {change}", items=items))
    # A statement is quoted, and cites its source (when it is still there).
    if edition.baseline:
        return dict(number=edition.number, time=edition.time, when=human_time(edition.time),
                    summary=f"The briefing as first built: {edition.counts()}", sections=sections, baseline=True)
    statements = [_statement_item(b, s, item) for s in edition.statements]
    if statements:
        sections.append(dict(heading="Statements added", items=statements))
    disagreements = [item("event", d["event"], d["about"], [f"on {b.events[d['event']].title}"]
                          if d["event"] in b.events else []) for d in edition.disagreements]
    if disagreements:
        sections.append(dict(heading="Disagreements added", items=disagreements))
    return dict(number=edition.number, time=edition.time, when=human_time(edition.time),
                summary=edition.summary(), sections=sections, baseline=False)


def _statement_item(b: Briefing, s: dict[str, str], item: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    """A statement an edition added, as its list shows it: a quotation in quotation marks; a statement
    its source reports in its own words (as the source entry has it now) without them, said to be so."""
    source = b.sources.get(s["source"])
    reported = source is not None and any(c.text == s["text"] and c.mode == "reported" for c in source.claims)
    details = (["in the article's words"] if reported else []) + \
        ([f"said by {_name_of(b, s['speaker'])}"] if s["speaker"] else [])
    return {**item("source", s["source"], s["text"], details, linked=False), "quote": True, "reported": reported,
            "cite": s["source"] if source is not None else None}


def _name_of(b: Briefing, slug: str) -> str:
    actor = b.actors.get(slug)
    return actor.name if actor is not None else slug


def redirect_pages(b: Briefing, redirects: Iterable[Redirect], page: Callable[..., Page]) -> list[Page]:
    """A page at the old address of each merged or renamed entry, sending readers to its entry
    now; none where the old slug is an entry again or the new one is gone."""
    tables = {"source": b.sources, "actor": b.actors, "event": b.events}
    out = []
    for r in redirects:
        table = tables[r.kind]
        if r.old in table or r.new not in table:
            continue
        entry = table[r.new]
        title = entry.name if isinstance(entry, Actor) else entry.title
        out.append(page(url_of(r.kind, r.old), "redirect.html", "redirect",
                        lambda target=url_of(r.kind, r.new), title=title: dict(target=target, title=title),
                        (("name", r.kind, r.new),)))
    return out


def _source_context(b: Briefing, links: Links, config: SiteConfig, source: Source) -> Callable[[], dict[str, Any]]:
    def make() -> dict[str, Any]:
        paras = paragraphs(source.body)
        return dict(source=source,
                    seo=seo.source_meta(source, b, links, config, paras[0] if paras else ""),
                    paragraphs=source_paragraphs(b, links, source, paras),
                    numbers=_records(source.meta.get("numbers")),
                    outlets_cited=_texts(source.meta.get("outlets_cited")),
                    removed=_texts(source.meta.get("removed")),
                    needs_review=source.meta.get("needs_review") is True,
                    dateline=str(source.meta.get("dateline") or ""))
    return make


def _event_context(b: Briefing, links: Links, config: SiteConfig, event: Event) -> Callable[[], dict[str, Any]]:
    def make() -> dict[str, Any]:
        accounts = {a.source: a for a in event.accounts}
        rows = [(s, accounts.get(s)) for s in links.event_sources[event.slug]]
        rows += [(a.source, a) for a in event.accounts if a.source not in links.event_sources[event.slug]]
        return dict(event=event, seo=seo.event_meta(event, b, links, config), account_rows=rows,
                    claim_groups=group_claims(links.event_claims[event.slug], lambda c: c.speaker))
    return make


def _actor_context(b: Briefing, links: Links, config: SiteConfig, actor: Actor) -> Callable[[], dict[str, Any]]:
    def make() -> dict[str, Any]:
        return dict(actor=actor, seo=seo.actor_meta(actor, b, config), local=local_graph(b, links, actor.slug),
                    claim_groups=group_claims(links.actor_claims[actor.slug], lambda c: c.event))
    return make


SHOWN_CLAIMS = 3  # of a group of statements, shown before the rest are folded away


@dataclass
class ClaimGroup:
    """Statements that share a speaker (on an event's page) or an event (on an actor's): the
    first few shown, the others (`more`) folded in the page."""

    key: str | None  # the speaker's or the event's slug; None for statements without one
    shown: list[Claim]
    more: list[Claim]

    @property
    def count(self) -> int:
        return len(self.shown) + len(self.more)


def group_claims(claims: list[Claim], key: Callable[[Claim], str | None]) -> list[ClaimGroup]:
    """Claims grouped by `key`, the biggest group first (ties in order of first appearance),
    those without a key last; a group longer than SHOWN_CLAIMS + 1 keeps SHOWN_CLAIMS in view."""
    groups: dict[str | None, list[Claim]] = {}
    for claim in claims:
        groups.setdefault(key(claim) or None, []).append(claim)
    order = sorted(groups, key=lambda k: (k is None, -len(groups[k])))
    out = []
    for k in order:
        items = groups[k]
        cut = len(items) if len(items) <= SHOWN_CLAIMS + 1 else SHOWN_CLAIMS
        out.append(ClaimGroup(k, items[:cut], items[cut:]))
    return out


def _records(value: Any) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _texts(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, (str, int, float)) and str(v).strip()]
    if isinstance(value, str) and value.strip():
        return [value.strip()]
    return []
