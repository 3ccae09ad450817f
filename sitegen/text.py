"""Article text as data: paragraphs split into plain segments, some of which link to entries."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


class Segment(NamedTuple):
    """A run of article text, linked to an entry or not (a tuple: an article makes thousands)."""

    text: str
    href: str | None = None  # site-root-relative path, e.g. actors/serbia/index.html
    title: str | None = None
    kind: str | None = None


def paragraphs(body: str) -> list[str]:
    """Split a plain-text body into paragraphs (blank-line separated; lone lines joined)."""
    blocks = re.split(r"\n\s*\n", body.strip())
    return [" ".join(line.strip() for line in block.splitlines() if line.strip()) for block in blocks if block.strip()]


@dataclass(frozen=True)
class Target:
    href: str  # site-root-relative path of the linked page
    title: str  # the entry's name, shown on hover
    kind: str = "actor"  # actor | event: lets the theme style mentions by kind


def link_paragraphs(paras: list[str], hits: list[tuple[int, int, str]],
                    targets: dict[str, Target]) -> list[list[Segment]]:
    """Split paragraphs into segments, linking the first mention of each target in each of them.

    `hits` are the names found in the paragraphs joined by a line break (start, end, key), in
    order of start, longest first (as `Matcher.scan` gives them); a hit is kept when no earlier
    one overlaps it, its key has not been linked in the paragraph yet and is in `targets`.
    """
    text = "\n".join(paras)
    out: list[list[Segment]] = []
    # tuple.__new__ skips the Python-level __new__ a NamedTuple has: articles make thousands.
    segment = tuple.__new__
    count = len(hits)
    i = start = 0
    for para in paras:
        end = start + len(para)
        segments: list[Segment] = []
        seen: set[str] = set()
        pos = start
        while i < count:
            hit_start, hit_end, key = hits[i]
            if hit_start >= end:
                break
            i += 1
            if hit_start < pos or key in seen or key not in targets:
                continue
            seen.add(key)
            target = targets[key]
            if hit_start > pos:
                segments.append(segment(Segment, (text[pos:hit_start], None, None, None)))
            segments.append(segment(Segment, (text[hit_start:hit_end], target.href, target.title, target.kind)))
            pos = hit_end
        if pos < end:
            segments.append(segment(Segment, (text[pos:end], None, None, None)))
        out.append(segments)
        start = end + 1
    return out


@functools.cache
def _markdown(allow_html: bool) -> MarkdownIt:
    """Raw HTML off: Markdown from entries can format text but never inject markup (markdown-it's
    link validation already refuses javascript:, vbscript:, file: and data: URLs). On only for
    hand-written entries whose editor opted in with `allow_html: true`: raw HTML is then parsed
    and cut down to a safe subset by the sanitizer. Article text never comes here.

    Made on first use: a rebuild that renders no Markdown (an article's page) does not import
    markdown-it (0.03 s)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": allow_html, "linkify": False, "typographer": False})


def markdown_html(text: str, allow_html: bool = False) -> str:
    if allow_html:
        from sitegen.sanitize import sanitize_html

        return sanitize_html(_markdown(True).render(text))
    return _markdown(False).render(text)
