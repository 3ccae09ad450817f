"""The optional sitegen.yaml of a briefing folder."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

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


_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


def load_config(root: Path) -> SiteConfig:
    path = root / CONFIG_NAME
    if not path.exists() and not path.is_symlink():
        return SiteConfig()
    try:
        if not path.is_file():
            raise SitegenError("not a regular file; sitegen.yaml must be a YAML text file", CONFIG_NAME)
        raw = path.read_bytes()
    except OSError as exc:
        raise SitegenError(f"cannot read: {exc.strerror or exc}", CONFIG_NAME) from None
    if b"\x00" in raw:
        raise SitegenError("binary file, not YAML settings", CONFIG_NAME)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SitegenError("not UTF-8 text; save the file as UTF-8", CONFIG_NAME,
                           raw[: exc.start].count(b"\n") + 1) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        data, key_lines, _ = frontmatter.parse_mapping(text, 1, what="sitegen.yaml")
    except frontmatter.FrontMatterError as exc:
        raise SitegenError(exc.message, CONFIG_NAME, exc.line) from None

    def fail(key: str, message: str) -> SitegenError:
        return SitegenError(message, CONFIG_NAME, key_lines.get(key))

    config = SiteConfig(extra={k: v for k, v in data.items() if k not in _FIELDS})
    for key in ("title", "description", "base_url", "language", "author"):
        if key in data and data[key] is not None:
            if isinstance(data[key], bool) or not isinstance(data[key], (str, int, float)):
                raise fail(key, f"'{key}' must be text")
            setattr(config, key, str(data[key]).strip())
    for key in ("allow_html", "build_time"):
        if key in data:
            if not isinstance(data[key], bool):
                raise fail(key, f"'{key}' must be true or false")
            setattr(config, key, data[key])
    config.base_url = config.base_url.rstrip("/")
    if config.base_url:
        try:
            parts = urlsplit(config.base_url)
            ok = parts.scheme in ("http", "https") and bool(parts.hostname)
        except ValueError:
            ok = False
        if not ok or any(c.isspace() or c in "\"'<>`" or ord(c) < 32 for c in config.base_url):
            raise fail("base_url", "'base_url' must be a web address starting with http:// or https://")
    if config.language and not _LANGUAGE.match(config.language):
        raise fail("language", f"'language' must be a language tag like en or sr-Latn, not {config.language[:40]!r}")
    return config
