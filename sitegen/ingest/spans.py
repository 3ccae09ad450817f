"""Position lookups in one article: the mentions, places or sentences in a stretch of its text.

Extraction asks many questions of the form "which mentions start between lo and hi?". Scanning
the article's whole mention list for each question costs time in proportion to the article's
length, so a long article costs its length squared. The indexes here answer them by bisection.
They give exactly what the scans gave, in the same (list) order.
"""

from __future__ import annotations

import array
import sys
from collections.abc import Iterator
from bisect import bisect_left, bisect_right


class StartIndex:
    """Items that have a `start` (mentions, places), looked up by where they start."""

    __slots__ = ("items", "starts", "ordered")

    def __init__(self, items: list):
        self.items = items
        starts = getattr(items, "starts", None)  # a PackedMentions has them
        self.starts = starts if starts is not None else [m.start for m in items]
        self.ordered = all(a <= b for a, b in zip(self.starts, self.starts[1:]))

    def between(self, lo: int, hi: int) -> list:
        """The items with lo <= start < hi, in list order."""
        if self.ordered:
            return self.items[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]
        return [m for m in self.items if lo <= m.start < hi]

    def count_before(self, pos: int) -> int:
        """How many items start before pos (only meaningful when `ordered`)."""
        return bisect_left(self.starts, pos)


def index_of(doc, name: str) -> StartIndex:
    """The StartIndex of doc.<name> (a list), kept on the doc while that list stays the same object."""
    items = getattr(doc, name)
    cache = getattr(doc, "_spans", None)
    if cache is None:
        return StartIndex(items)
    hit = cache.get(name)
    if hit is None or hit.items is not items or len(hit.starts) != len(items):
        hit = cache[name] = StartIndex(items)
    return hit


def mentions_between(doc, lo: int, hi: int) -> list:
    """[m for m in doc.mentions if lo <= m.start < hi], without scanning every mention."""
    return index_of(doc, "mentions").between(lo, hi)


def places_between(doc, lo: int, hi: int) -> list:
    """[p for p in doc.places if lo <= p.start < hi], without scanning every place."""
    return index_of(doc, "places").between(lo, hi)


class SentenceSpans:
    """Starts and ends of a doc's sentences (both increasing), for overlap queries."""

    __slots__ = ("starts", "ends", "ordered")

    def __init__(self, sentences):
        self.starts = [s.start for s in sentences]
        self.ends = [s.end for s in sentences]
        self.ordered = all(a <= b for a, b in zip(self.starts, self.starts[1:])) and \
            all(a <= b for a, b in zip(self.ends, self.ends[1:]))

    def overlapping(self, lo: int, hi: int) -> list[int]:
        """Indexes of the sentences s with s.start < hi and s.end > lo, in order."""
        if not self.ordered:
            return [i for i, (s, e) in enumerate(zip(self.starts, self.ends)) if s < hi and e > lo]
        first = bisect_right(self.ends, lo)
        last = bisect_left(self.starts, hi)
        return list(range(first, max(first, last)))


def sentence_spans(doc) -> SentenceSpans:
    cache = getattr(doc, "_spans", None)
    sents = doc.sentences
    if cache is None:
        return SentenceSpans(sents)
    hit = cache.get("@sentences")
    if hit is None or hit[0] is not sents:
        hit = cache["@sentences"] = (sents, SentenceSpans(sents))
    return hit[1]


class PackedMentions:
    """An article's mentions (gazetteer.Mention), in a few arrays rather than an object each: what
    the extraction processes send back and keep for every article until its entry is made. It reads
    like the list it was made from: iterating, indexing and slicing give Mention objects."""

    __slots__ = ("starts", "ends", "_surface", "_slug", "_atype", "_place", "_strings")

    def __init__(self, mentions: list):
        table: dict[str, int] = {}

        def ref(s: str) -> int:
            i = table.get(s)
            if i is None:
                i = table[s] = len(table)
            return i

        self.starts = array.array("i", (m.start for m in mentions))
        self.ends = array.array("i", (m.end for m in mentions))
        self._surface = array.array("i", (ref(m.surface) for m in mentions))
        self._slug = array.array("i", (ref(m.slug) for m in mentions))
        self._atype = array.array("i", (ref(m.atype) for m in mentions))
        self._place = bytes(1 if m.place else 0 for m in mentions)
        self._strings = tuple(sys.intern(s) for s in table)

    def __len__(self) -> int:
        return len(self.starts)

    def _get(self, i: int):
        from sitegen.ingest.gazetteer import Mention

        s = self._strings
        return Mention(self.starts[i], self.ends[i], s[self._surface[i]], s[self._slug[i]], s[self._atype[i]],
                       bool(self._place[i]))

    def __getitem__(self, key):
        if isinstance(key, slice):
            return [self._get(i) for i in range(*key.indices(len(self)))]
        if key < 0:
            key += len(self)
        if not 0 <= key < len(self):
            raise IndexError("mention index out of range")
        return self._get(key)

    def __iter__(self):
        for i in range(len(self)):
            yield self._get(i)

    def __add__(self, other) -> list:
        return list(self) + list(other)

    def slug_list(self) -> list[str]:
        """[m.slug for m in self], without making the mentions."""
        s = self._strings
        return [s[i] for i in self._slug]

    def slugs(self) -> set[str]:
        """{m.slug for m in self}, without making the mentions."""
        s = self._strings
        return {s[i] for i in set(self._slug)}

    def rows(self) -> Iterator[tuple[int, str, str]]:
        """(m.start, m.slug, m.atype) for m in self, without making the mentions."""
        s = self._strings
        return zip(self.starts, [s[i] for i in self._slug], [s[i] for i in self._atype])

    def forms(self) -> set[tuple[str, str]]:
        """{(m.slug, m.surface) for m in self}, without making the mentions."""
        s = self._strings
        return {(s[a], s[b]) for a, b in set(zip(self._slug, self._surface))}
