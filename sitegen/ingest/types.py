"""The data that flows through ingest: seeds in, machine versions of entries out."""

from __future__ import annotations

import dataclasses
import operator
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


def pickled_by_position(cls: type[T]) -> type[T]:
    """Pickle a slots dataclass as its class and its field values, unpickled through __init__.

    A slots dataclass otherwise pickles through dataclasses' own getstate and setstate, which
    look up the class's fields for every object: 4 % of an ingest's main process, whose workers
    send back hundreds of thousands of these."""
    names = tuple(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]
    assert all(f.init for f in dataclasses.fields(cls)) and len(names) > 1  # type: ignore[arg-type]
    values = operator.attrgetter(*names)

    def __reduce__(self: T) -> tuple[type[T], tuple]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]
    return cls


@dataclass(frozen=True)
class SeedFacts:
    """What is known of an article besides its text: from a `<seed>.yaml` beside it, a `.md` seed's
    front matter, a web page's metadata, or the editor's own values in its source entry. Each one
    given is taken over what the text suggests. Empty means not given."""

    title: str = ""
    author: str = ""
    published: str = ""  # ISO date of any precision
    outlet: str = ""
    url: str = ""

    def merged(self, over: "SeedFacts") -> "SeedFacts":
        """These facts with every one `over` gives put in their place."""
        return SeedFacts(*(b or a for a, b in zip(dataclasses.astuple(self), dataclasses.astuple(over))))


@dataclass(frozen=True)
class Seed:
    """One raw article, decoded to text."""

    path: str  # relative to the briefing folder, posix: "seeds/003_f264a064ad147425.txt"
    text: str  # decoded text (any legacy encoding already converted)
    sha256: str  # of the raw bytes on disk (and of its <seed>.yaml, when it has one)
    encoding: str = "utf-8"
    facts: SeedFacts = SeedFacts()


@dataclass(frozen=True)
class KnownActor:
    """An actor entry already in content/ (possibly edited by hand): its slug and every name it goes by."""

    slug: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    role: str = ""
    affiliations: tuple[str, ...] = ()


@dataclass(frozen=True)
class KnownEvent:
    """An event entry already in content/: its slug is its identity, whatever its title becomes."""

    slug: str
    date: str  # ISO, of any precision
    seeds: tuple[str, ...]  # the seed paths of the sources that report it
    participants: tuple[str, ...] = ()


@dataclass
class MachineEntry:
    """What ingest would write for one entry, before reconciling with what is on disk."""

    kind_dir: str  # "sources" | "actors" | "events"
    slug: str
    meta: dict[str, Any]  # YAML-safe values only: str, int, bool, None, list, dict; dates as ISO strings
    body: str = ""
    seeds: list[str] = field(default_factory=list)  # seed paths this entry came from

    @property
    def relpath(self) -> str:
        return f"{self.kind_dir}/{self.slug}.md"
