"""The content model: plain dataclasses built from entry files, no HTML anywhere."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitegen.dates import PartialDate

ACTOR_KINDS = ("person", "state", "organization", "alliance", "company", "media", "other")
EVENT_KINDS = ("agreement", "declaration", "meeting", "visit", "vote", "statement",
               "transaction", "sanction", "military action", "other")
RELIABILITY = {
    "A": "Completely reliable",
    "B": "Usually reliable",
    "C": "Fairly reliable",
    "D": "Not usually reliable",
    "E": "Unreliable",
    "F": "Reliability cannot be judged",
}
CREDIBILITY = {
    "1": "Confirmed by other sources",
    "2": "Probably true",
    "3": "Possibly true",
    "4": "Doubtful",
    "5": "Improbable",
    "6": "Truth cannot be judged",
}


@dataclass
class Claim:
    """An attributed statement carried by a source."""

    text: str
    speaker: str | None = None  # actor slug
    event: str | None = None  # event slug
    source: str = ""  # source slug, filled in on load
    mode: str = "direct"  # direct: the words quoted | reported: what someone is said to have said
    unnamed: bool = False  # attributed to someone the article does not name ("officials said")


@dataclass
class Account:
    """What one source says about an event, in a short excerpt."""

    source: str
    text: str


@dataclass
class Position:
    """One side of a disagreement: a value, who gives it, and where."""

    value: str
    source: str | None = None
    speaker: str | None = None


@dataclass
class Disagreement:
    about: str
    accounts: list[Position] = field(default_factory=list)


@dataclass
class Entry:
    """Fields every entry has: where it lives and everything its front matter holds."""

    slug: str
    path: str  # relative to the briefing folder, e.g. content/actors/aleksandar-vucic.md
    body: str
    meta: dict[str, Any]
    # Line of each front matter key, and of each list item as (key, index), for error messages.
    lines: dict[Any, int] = field(default_factory=dict, repr=False, compare=False)

    def line_of(self, key: str, index: int | None = None) -> int | None:
        if index is not None and (key, index) in self.lines:
            return self.lines[(key, index)]
        return self.lines.get(key)


@dataclass
class Source(Entry):
    title: str = ""
    outlet: str = ""
    author: str = ""
    published: PartialDate | None = None
    published_inferred: bool = False
    url: str = ""
    seed: str = ""
    actors: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    reliability: str = "F"
    credibility: str = "6"

    kind = "source"

    @property
    def grade(self) -> str:
        return f"{self.reliability}{self.credibility}"

    @property
    def grade_meaning(self) -> str:
        return f"{RELIABILITY[self.reliability]}; {CREDIBILITY[self.credibility].lower()}"


# The one-line bodies ingest gives an actor it knows only by kind: they tell nothing the page
# does not already show.
STUB_BODIES = frozenset({"State.", "News outlet.", "Company.", "Military alliance.", "Author.", "Person.",
                         "Organisation.", "Organization."})


@dataclass
class Actor(Entry):
    name: str = ""
    kind: str = "other"
    aliases: list[str] = field(default_factory=list)
    role: str = ""
    affiliations: list[str] = field(default_factory=list)
    status: str = ""

    @property
    def description(self) -> str:
        """The body, unless it is an ingest stub ("State.") or only repeats the role."""
        text = self.body.strip()
        if text in STUB_BODIES or (self.role and text.rstrip(".") == self.role.strip().rstrip(".")):
            return ""
        return text


@dataclass
class Event(Entry):
    title: str = ""
    date: PartialDate | None = None
    kind: str = "other"
    location: str = ""
    participants: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    accounts: list[Account] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)

    def sort_key(self) -> tuple:
        return (self.date.sort_key() if self.date else (9999, 0, 0), self.slug)


@dataclass
class Briefing:
    """Everything under content/, keyed by slug, in slug order."""

    root: Path
    index_meta: dict[str, Any] = field(default_factory=dict)
    index_body: str = ""
    sources: Mapping[str, Source] = field(default_factory=dict)  # a load.LazyEntries when loaded
    actors: Mapping[str, Actor] = field(default_factory=dict)  # a load.LazyEntries when loaded
    events: Mapping[str, Event] = field(default_factory=dict)
