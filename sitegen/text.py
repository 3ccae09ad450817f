"""Article text as data: paragraphs split into plain segments, some of which link to entries."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

from sitegen.slugs import fold


@dataclass(frozen=True)
class Segment:
    text: str
    href: str | None = None  # site-root-relative path, e.g. actors/serbia/index.html
    title: str | None = None


def paragraphs(body: str) -> list[str]:
    """Split a plain-text body into paragraphs (blank-line separated; lone lines joined)."""
    blocks = re.split(r"\n\s*\n", body.strip())
    return [" ".join(line.strip() for line in block.splitlines() if line.strip()) for block in blocks if block.strip()]


@dataclass(frozen=True)
class Target:
    names: tuple[str, ...]
    href: str
    title: str


def link_paragraph(text: str, targets: list[Target]) -> list[Segment]:
    """Link the first mention of each target in one paragraph; match case- and diacritic-insensitively."""
    folded = fold(text).lower()
    if len(folded) != len(text):  # folding changed lengths (e.g. ß): match on the text as is
        folded = text.lower()
    spans: list[tuple[int, int, Target]] = []
    for target in targets:
        best = None
        for name in target.names:
            needle = fold(name).lower() if len(fold(name)) == len(name) else name.lower()
            if len(needle) < 2:
                continue
            for m in re.finditer(r"(?<![\w])" + re.escape(needle) + r"(?![\w])", folded):
                if best is None or m.start() < best[0] or (m.start() == best[0] and m.end() > best[1]):
                    best = (m.start(), m.end())
                break
        if best:
            spans.append((best[0], best[1], target))
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: list[Segment] = []
    pos = 0
    for start, end, target in spans:
        if start < pos:
            continue  # overlaps an earlier link
        if start > pos:
            out.append(Segment(text[pos:start]))
        out.append(Segment(text[start:end], target.href, target.title))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


# Raw HTML off: Markdown from entries can format text but never inject markup.
# markdown-it's link validation already refuses javascript:, vbscript:, file: and data: URLs.
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def markdown_html(text: str) -> str:
    return _MARKDOWN.render(text)
