"""The search index for a site opened from disk: a script file, not Pagefind's.

A browser lets a page opened from disk (file://) run a script file beside it, but not fetch the
files Pagefind's index is made of. So a build also writes this small index as a script that
assigns a global, which the search script loads with a <script> element when the page's
address is file://, and searches itself. It holds, for each actor, event and source page, the
title, kind, address and a short text, and the actors the page names (for the actor facet and
for a search by name), as plain data.

Its name has no content hash, unlike the files under static/: every page names it, and an edit
to one entry would otherwise change every page. It is read only from disk, where nothing caches.
"""

from __future__ import annotations

import json
import re

from sitegen.links import Links
from sitegen.model import Briefing
from sitegen.pages import url_of
from sitegen.text import paragraphs

DISK_INDEX = "search/disk-index.js"  # in the site
TEXT_CHARS = 200  # of a page's text: enough for an excerpt, not the whole article
GLOBAL = "sitegenDiskIndex"

_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[*_`#>]+")


def _short(*parts: str) -> str:
    """The parts joined by " · ", Markdown's marks left out, cut at a word near TEXT_CHARS."""
    text = " · ".join(" ".join(_MARKUP.sub(r"\1", p).split()) for p in parts if p and p.strip())
    if len(text) <= TEXT_CHARS:
        return text
    cut = text.rfind(" ", 0, TEXT_CHARS)
    return text[:cut if cut > TEXT_CHARS // 2 else TEXT_CHARS] + " …"


def _actor_page(b: Briefing, slug: str, position: dict[str, int]) -> dict:
    actor = b.actors[slug]
    return {"k": "Actor", "t": actor.name, "u": url_of("actor", slug), "x": _short(actor.role, actor.description),
            "a": [position[slug]], "n": "|".join(actor.aliases)}


def _event_page(b: Briefing, slug: str, position: dict[str, int]) -> dict:
    event = b.events[slug]
    facts = [f"Date: {event.date.human()}" if event.date else "", f"Place: {event.location}" if event.location else ""]
    return {"k": "Event", "t": event.title, "u": url_of("event", slug),
            "x": _short(" · ".join(f for f in facts if f), event.body), "a": _named(event.participants, position)}


def _source_page(b: Briefing, slug: str, position: dict[str, int]) -> dict:
    source = b.sources[slug]
    first = next(iter(paragraphs(source.body)), "")
    return {"k": "Source", "t": source.title, "u": url_of("source", slug),
            "x": _short(source.outlet, source.published.human() if source.published else "", first),
            "a": _named(source.actors, position)}


def _named(actor_slugs: list[str], position: dict[str, int]) -> list[int]:
    return sorted({position[s] for s in actor_slugs if s in position})


PAGE_OF = {"actor": _actor_page, "event": _event_page, "source": _source_page}


def disk_index(b: Briefing, links: Links) -> dict:
    """The index as plain data: `actors`, every actor's name; `pages`, each page as {k: kind,
    t: title, u: address relative to the site root, x: short text, a: the positions in `actors`
    of the actors it names, n: other names it is found by}."""
    position = {slug: i for i, slug in enumerate(b.actors)}
    pages = [_actor_page(b, slug, position) for slug in b.actors]
    pages += [_event_page(b, slug, position) for slug in links.events_in_order]
    pages += [_source_page(b, slug, position) for slug in links.sources_in_order]
    return {"actors": [b.actors[s].name for s in b.actors], "pages": pages}


PREFIX = f"/* The search index for this site opened from disk (see search.js). */\nwindow.{GLOBAL} = "


def _script(data: dict) -> bytes:
    return (PREFIX + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + ";\n").encode("utf-8")


def disk_index_script(b: Briefing, links: Links) -> bytes:
    return _script(disk_index(b, links))


def patch_disk_index(previous: bytes, b: Briefing, items: list[tuple[str, str]]) -> bytes | None:
    """The index `previous` with the pages of `items` ((kind, slug) whose text alone changed)
    made again: the same as disk_index_script, without reading every article. None when
    `previous` is not such an index or lacks one of the pages."""
    text = previous.decode("utf-8", "replace")
    if not text.startswith(PREFIX) or not text.endswith(";\n"):
        return None
    try:
        data = json.loads(text[len(PREFIX):-2])
        at = {page["u"]: i for i, page in enumerate(data["pages"])}
    except (ValueError, KeyError, TypeError):
        return None
    position = {slug: i for i, slug in enumerate(b.actors)}
    for kind, slug in items:
        i = at.get(url_of(kind, slug))
        if i is None or kind not in PAGE_OF:
            return None
        data["pages"][i] = PAGE_OF[kind](b, slug, position)
    return _script(data)
