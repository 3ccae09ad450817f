"""Article text as data: paragraphs split into plain segments, some of which link to entries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from markdown_it import MarkdownIt

from sitegen.mentions import first_mentions


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


def link_paragraph(text: str, hits: list[tuple[int, int, str]], targets: dict[str, Target]) -> list[Segment]:
    """Split one paragraph into segments, linking the first mention of each target in it.

    `hits` are the names found in the paragraph (start, end, key), in order of start, longest
    first (as `Matcher.scan` gives them); only keys present in `targets` are linked.
    """
    out: list[Segment] = []
    pos = 0
    for start, end, key in first_mentions(hits, targets):
        target = targets[key]
        if start > pos:
            out.append(Segment(text[pos:start]))
        out.append(Segment(text[start:end], target.href, target.title, target.kind))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


# Raw HTML off: Markdown from entries can format text but never inject markup.
# markdown-it's link validation already refuses javascript:, vbscript:, file: and data: URLs.
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


# Only for hand-written entries whose editor opted in with `allow_html: true`: raw HTML is
# parsed, then cut down to a safe subset by the sanitizer. Article text never comes here.
_MARKDOWN_WITH_HTML = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})


def markdown_html(text: str, allow_html: bool = False) -> str:
    if allow_html:
        from sitegen.sanitize import sanitize_html

        return sanitize_html(_MARKDOWN_WITH_HTML.render(text))
    return _MARKDOWN.render(text)
