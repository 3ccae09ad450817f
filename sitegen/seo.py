"""Metadata for search engines and link previews as plain data: Open Graph fields and schema.org
JSON-LD objects. Templates serialise them (see render.py's `jsonld` filter)."""

from __future__ import annotations

from typing import Any

from sitegen.config import SiteConfig
from sitegen.links import Links
from sitegen.model import Actor, Briefing, Event, Source
from sitegen.text import paragraphs

SCHEMA_TYPE = {"person": "Person", "state": "Country", "organization": "Organization",
               "alliance": "Organization", "company": "Corporation", "media": "NewsMediaOrganization",
               "other": "Thing"}


def absolute(config: SiteConfig, path: str) -> str:
    """The public URL of a site path, or "" without a configured base_url."""
    return f"{config.base_url}/{path}" if config.base_url else ""


def _clip(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"


def page_meta(path: str, config: SiteConfig, title: str = "", description: str = "",
              og_type: str = "website", jsonld: dict | None = None) -> dict[str, Any]:
    return {"title": title, "description": _clip(description or config.description),
            "type": og_type, "url": absolute(config, path), "jsonld": jsonld}


def _ref(kind: str, name: str, path: str, config: SiteConfig) -> dict[str, Any]:
    out: dict[str, Any] = {"@type": kind, "name": name}
    url = absolute(config, path)
    if url:
        out["url"] = url
    return out


def _actor_ref(actor: Actor, config: SiteConfig) -> dict[str, Any]:
    return _ref(SCHEMA_TYPE.get(actor.kind, "Thing"), actor.name, f"actors/{actor.slug}/index.html", config)


def home_meta(b: Briefing, config: SiteConfig, title: str) -> dict[str, Any]:
    description = str(b.index_meta.get("summary") or config.description or "")
    data = {"@context": "https://schema.org", "@type": "WebSite", "name": title}
    if description:
        data["description"] = _clip(description, 300)
    if config.base_url:
        data["url"] = config.base_url + "/"
    return page_meta("index.html", config, title, description, "website", data)


def source_meta(source: Source, b: Briefing, links: Links, config: SiteConfig,
                first: str | None = None) -> dict[str, Any]:
    """`first`: the article's first paragraph, when the caller has it already."""
    path = f"sources/{source.slug}/index.html"
    if first is None:
        first = next(iter(paragraphs(source.body)), "")
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": source.title}
    if source.published:
        data["datePublished"] = source.published.iso()
    if source.author:
        data["author"] = {"@type": "Person", "name": source.author}
    if source.outlet:
        data["publisher"] = {"@type": "NewsMediaOrganization", "name": source.outlet}
    if source.url:
        data["isBasedOn"] = source.url
    if absolute(config, path):
        data["url"] = absolute(config, path)
    if first:
        data["description"] = _clip(first, 300)
    mentions = [_actor_ref(b.actors[a], config) for a in source.actors if a in b.actors]
    if mentions:
        data["mentions"] = mentions
    about = [_ref("Event", b.events[e].title, f"events/{e}/index.html", config) for e in links.source_events[source.slug]]
    if about:
        data["about"] = about
    return page_meta(path, config, source.title, first, "article", data)


def actor_meta(actor: Actor, b: Briefing, config: SiteConfig) -> dict[str, Any]:
    path = f"actors/{actor.slug}/index.html"
    data: dict[str, Any] = {"@context": "https://schema.org", **_actor_ref(actor, config)}
    if actor.aliases:
        data["alternateName"] = list(actor.aliases)
    if actor.role:
        data["description"] = actor.role
        if actor.kind == "person":
            data["jobTitle"] = actor.role
    affiliations = [_actor_ref(b.actors[a], config) for a in actor.affiliations if a in b.actors]
    if affiliations:
        data["affiliation" if actor.kind == "person" else "memberOf"] = affiliations
    og_type = "profile" if actor.kind == "person" else "website"
    return page_meta(path, config, actor.name, actor.role or actor.body, og_type, data)


def event_meta(event: Event, b: Briefing, links: Links, config: SiteConfig) -> dict[str, Any]:
    path = f"events/{event.slug}/index.html"
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "Event", "name": event.title}
    if event.date:
        data["startDate"] = event.date.iso()
    if event.location:
        data["location"] = {"@type": "Place", "name": event.location}
    people = [_actor_ref(b.actors[a], config) for a in event.participants if a in b.actors]
    if people:
        data["attendee"] = people
    if absolute(config, path):
        data["url"] = absolute(config, path)
    bits = [event.date.human() if event.date else "", event.kind, event.location]
    description = " · ".join(x for x in bits if x)
    if event.body.strip():
        description += ". " + event.body
    data["description"] = _clip(description, 300)
    return page_meta(path, config, event.title, description, "article", data)
