"""Find internal links in a built site that point at nothing."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src") or (name == "srcset" and value):
                self.refs.append(value)
            if name in ("id", "name"):
                self.ids.add(value)


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def broken_links(site: Path) -> list[str]:
    """Every internal href/src (and #anchor) in every HTML page that does not resolve."""
    broken = []
    ids_cache: dict[Path, set[str]] = {}
    pages = sorted(site.rglob("*.html"))
    parsed = {page: _parse(page) for page in pages}
    for page, collector in parsed.items():
        ids_cache[page] = collector.ids
    for page, collector in parsed.items():
        for ref in collector.refs:
            parts = urlsplit(ref)
            if parts.scheme or parts.netloc or ref.startswith(("mailto:", "data:")):
                continue
            if parts.path.startswith("/"):
                broken.append(f"{page.relative_to(site)}: absolute link {ref!r} breaks on a sub-path")
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists() or not target.resolve().is_relative_to(site.resolve()):
                broken.append(f"{page.relative_to(site)}: {ref}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = ids_cache.get(target) or _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(site)}: {ref} (no such anchor)")
    return broken
