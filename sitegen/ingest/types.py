"""The data that flows through ingest: seeds in, machine versions of entries out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Seed:
    """One raw article, decoded to text."""

    path: str  # relative to the briefing folder, posix: "seeds/003_f264a064ad147425.txt"
    text: str  # decoded text (any legacy encoding already converted)
    sha256: str  # of the raw bytes on disk
    encoding: str = "utf-8"


@dataclass(frozen=True)
class KnownActor:
    """An actor entry already in content/ (possibly edited by hand): its slug and every name it goes by."""

    slug: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    role: str = ""
    affiliations: tuple[str, ...] = ()


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
