"""The optional sitegen.yaml of a briefing folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitegen import frontmatter
from sitegen.errors import SitegenError

CONFIG_NAME = "sitegen.yaml"


@dataclass
class SiteConfig:
    title: str = "Briefing"
    description: str = ""
    base_url: str = ""
    language: str = "en"
    author: str = ""
    # Only hand-written entries may opt into a sanitised HTML subset; article text never can.
    allow_html: bool = False
    # Pages carry no clock time unless the editor asks for it, so builds stay reproducible.
    build_time: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


_FIELDS = {"title", "description", "base_url", "language", "author", "allow_html", "build_time"}


def load_config(root: Path) -> SiteConfig:
    path = root / CONFIG_NAME
    if not path.exists():
        return SiteConfig()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (UnicodeDecodeError, OSError) as exc:
        raise SitegenError(f"cannot read: {exc}", CONFIG_NAME) from None
    try:
        doc = frontmatter.parse(f"---\n{text}\n---\n")
    except frontmatter.FrontMatterError as exc:
        raise SitegenError(exc.message, CONFIG_NAME, (exc.line or 2) - 1) from None
    data = doc.meta
    config = SiteConfig(extra={k: v for k, v in data.items() if k not in _FIELDS})
    for key in ("title", "description", "base_url", "language", "author"):
        if key in data and data[key] is not None:
            if not isinstance(data[key], (str, int, float)):
                raise SitegenError(f"'{key}' must be text", CONFIG_NAME, doc.line_of(key) - 1)
            setattr(config, key, str(data[key]).strip())
    for key in ("allow_html", "build_time"):
        if key in data:
            if not isinstance(data[key], bool):
                raise SitegenError(f"'{key}' must be true or false", CONFIG_NAME, doc.line_of(key) - 1)
            setattr(config, key, data[key])
    config.base_url = config.base_url.rstrip("/")
    if config.base_url and not config.base_url.startswith(("http://", "https://")):
        raise SitegenError("'base_url' must start with http:// or https://", CONFIG_NAME,
                           doc.line_of("base_url") - 1)
    return config
