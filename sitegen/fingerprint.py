"""Digests of what each page shows, so an incremental build re-renders only the pages an edit
reaches.

A page names its dependencies (see `sitegen.pages`) as small tuples:

    ("full", kind, slug)     the whole entry file, body included
    ("card", kind, slug)     the entry's front matter: what lists and other pages show of it
    ("name", kind, slug)     what a link to the entry shows (name and aliases, title and date)
    ("links", table, slug)   one row of a link table (backlinks, co-occurrence, ...)
    ("world",)               every entry's front matter, _index.md and every link table (which
                             are made of the front matter and the text of events and actors)
    ("edition",)             every edition record (sitegen.editions)
    ("edition", kind, slug)  what the latest edition says of the entry (nothing, when it is not in it)

A page's key digests the build's global key (code, theme, config, options, site title and
date) with the digest of each dependency; equal keys mean equal pages.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Any, Container, Iterable

from sitegen.buildstate import digest
from sitegen.editions import Editions
from sitegen.links import Links, unpack
from sitegen.load import FileRecord, LazyEntries
from sitegen.model import Briefing
from sitegen.pages import WORLD, Dep, Page

ABSENT = "absent"


def _plain(value: Any) -> Any:
    """Link rows as tuples: a dataclass's generated repr is several times slower than a tuple's."""
    if isinstance(value, list) and value and dataclasses.is_dataclass(value[0]):
        return [tuple(v.__dict__.values()) for v in value]  # claims: flat records of text
    if isinstance(value, list) and value and isinstance(value[0], tuple) and len(value[0]) == 2 \
            and dataclasses.is_dataclass(value[0][1]):
        return [(k, tuple(v.__dict__.values())) for k, v in value]  # (event, account) pairs
    return value


def _row_digest(value: Any) -> str:
    """A link row's digest; most rows are lists of slugs, joined rather than repr'd (3x quicker)."""
    if type(value) is list:
        try:
            text = "\0".join(value)
        except TypeError:
            pass
        else:
            return hashlib.blake2b(b"slugs\0" + text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return digest(_plain(value))


def _name(kind: str, entry: Any) -> tuple:
    if kind == "actor":
        return (entry.name, entry.kind, tuple(entry.aliases))
    if kind == "event":
        aliases = entry.meta.get("aliases")
        return (entry.title, entry.date, aliases if isinstance(aliases, list) else None)
    return (entry.title, entry.outlet, entry.published, entry.reliability, entry.credibility)


class Fingerprints:
    """Digests of dependencies, each computed once per build."""

    def __init__(self, b: Briefing, links: Links | None, records: dict[str, FileRecord], global_key: str,
                 code: str = ""):
        # `links` may be set later: WORLD and entry digests need no link table, and the build
        # asks for WORLD first, to learn whether the tables saved last time still hold.
        self.b, self.links, self.records, self.global_key = b, links, records, global_key
        self.code = code  # what export records depend on beyond their inputs: not the theme or title
        self._memo: dict[Dep, str] = {}
        self._tables = {"source": b.sources, "actor": b.actors, "event": b.events}
        self._records: dict[str, dict[str, FileRecord]] = {}  # kind -> slug -> record
        self.editions: Editions | None = None  # set by the build once they are read

    def dep(self, dep: Dep) -> str:
        value = self._memo.get(dep)
        if value is None:
            value = self._memo[dep] = self._compute(dep)
        return value

    def _compute(self, dep: Dep) -> str:
        what = dep[0]
        if what == "links":
            table = getattr(self.links, dep[1])
            return _row_digest(table[dep[2]]) if dep[2] in table else ABSENT
        if what == "world":
            return self._world()
        if what == "edition":
            return self.editions.dep_digest(dep) if self.editions is not None else ABSENT
        if dep[2] not in self._tables[dep[1]]:
            return ABSENT
        if what == "name":
            return digest(_name(dep[1], self._tables[dep[1]][dep[2]]))
        record = self._records_of(dep[1]).get(dep[2])
        if record is None:  # not loaded through a cache: digest the entry itself
            entry = self._tables[dep[1]][dep[2]]
            return digest(entry.meta) if what == "card" else digest(entry.meta, entry.body)
        return record.card if what == "card" else record.sha

    def _records_of(self, kind: str) -> dict[str, FileRecord]:
        """slug -> the entry's record, for digests taken without making the entry."""
        found = self._records.get(kind)
        if found is None:
            table = self._tables[kind]
            found = self._records[kind] = table.records() if isinstance(table, LazyEntries) \
                else {slug: r for slug, entry in table.items() if (r := self.records.get(entry.path))}
        return found

    def _world(self) -> str:
        # Digested from what the link tables are made of (`links.resolve` reads entries' front
        # matter and the text of events and actors, nothing else), not from their rows: equal
        # inputs make equal tables. So it is known before the tables are, and needs no row that
        # no page depends on.
        parts = [digest(self.b.index_meta, self.b.index_body)]
        for kind in self._tables:
            digests = self._of_all("card" if kind == "source" else "full", kind)
            parts += [f"{kind}\0{slug}\0{d}" for slug, d in digests.items()]
        return hashlib.blake2b("\0".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def _of_all(self, what: str, kind: str) -> dict[str, str]:
        """`dep((what, kind, slug))` for every entry of a kind ("full" or "card"), in one pass."""
        memo, records = self._memo, self._records_of(kind)
        out = {}
        for slug in self._tables[kind]:
            record = records.get(slug)
            if record is None:
                out[slug] = self.dep((what, kind, slug))
            else:
                out[slug] = memo[(what, kind, slug)] = record.card if what == "card" else record.sha
        return out

    def entry_digests(self, what: str = "full", only: Iterable[tuple[str, str]] | None = None
                      ) -> dict[tuple[str, str], str]:
        """The digest of `what` ("full", "card" or "name") of every entry (or those `only`), by
        (kind, slug)."""
        if only is None and what != "name":
            return {(kind, slug): d for kind in self._tables for slug, d in self._of_all(what, kind).items()}
        if only is None:
            only = [(kind, slug) for kind, table in self._tables.items() for slug in table]
        return {(kind, slug): self.dep((what, kind, slug)) for kind, slug in only}

    def everything(self) -> str:
        """Every entry whole, for the data exports."""
        h = hashlib.blake2b(self.dep(WORLD).encode(), digest_size=16)
        for kind, table in self._tables.items():
            for slug in table:
                h.update(self.dep(("full", kind, slug)).encode())
        return h.hexdigest()

    def item_key(self, kind: str, slug: str, tables: tuple[str, ...]) -> str:
        """An entry whole with the rows of `tables` for it: one record of the data exports."""
        h = hashlib.blake2b(f"{self.code}\0{kind}\0{slug}".encode(), digest_size=16)
        h.update(self.dep(("full", kind, slug)).encode())
        for table in tables:
            h.update(self.dep(("links", table, slug)).encode())
        return h.hexdigest()

    def changes_since(self, full: dict[tuple[str, str], str], card: dict[tuple[str, str], str],
                      name: dict[tuple[str, str], str], world: str, links: dict[str, bytes] | None,
                      packed: dict[str, bytes] | None = None) -> set[Dep] | None:
        """The dependencies whose digest differs from the one recorded by the last build, given
        its entries' digests, its WORLD and its link tables (links.pack; None: not at hand). None
        when that cannot be told: entries were added or removed, or the tables changed and the
        last ones are not at hand. `packed`: this build's tables, packed the same way."""
        now = self.entry_digests()
        if now.keys() != full.keys():
            return None
        changed: set[Dep] = set()
        for entry, d in now.items():
            if full[entry] != d:  # front matter is part of the whole entry, a name part of the front matter
                changed.add(("full", *entry))
                if card.get(entry) != self.dep(("card", *entry)):
                    changed.add(("card", *entry))
                    if name.get(entry) != self.dep(("name", *entry)):
                        changed.add(("name", *entry))
        if self.dep(WORLD) != world:
            if links is None:
                return None
            changed.add(WORLD)
            # A table pickled to the same bytes holds the same rows: only the others are compared
            # row by row (at 10,000 entries an actor's edit changes one or two of seventeen).
            same = {name for name, data in (packed or {}).items() if links.get(name) == data}
            changed.update(changed_rows(unpack(links), self.links, same))
        return changed

    def page_key(self, page: Page) -> str:
        # One hash over the joined digests: the same bytes as feeding them one by one, and
        # several times quicker over a briefing's hundreds of thousands of dependencies.
        get, dep = self._memo.get, self.dep
        digests = "".join([get(d) or dep(d) for d in page.deps])
        return hashlib.blake2b(f"{self.global_key}\0{page.path}\0{page.template}{digests}".encode(),
                               digest_size=16).hexdigest()


def changed_rows(old: Links, new: Links, same: Container[str] = ()) -> set[Dep]:
    """("links", table, slug) for every row that differs between two sets of link tables (but
    those of the tables named in `same`)."""
    out: set[Dep] = set()
    missing = object()
    for f in dataclasses.fields(Links):
        if f.name in same:
            continue
        before, after = getattr(old, f.name), getattr(new, f.name)
        if isinstance(after, dict):
            for slug in before.keys() | after.keys():
                if before.get(slug, missing) != after.get(slug, missing):
                    out.add(("links", f.name, slug))
    return out
