"""Markdown files with YAML front matter: parse with line numbers, dump deterministically."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # The C loader is several times faster than the pure-Python one.
    from yaml import CSafeDumper as _BaseDumper
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader that keeps dates as the strings the editor typed (no datetime objects)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


class _Dumper(_BaseDumper):  # type: ignore[misc,valid-type]
    pass


def _str_representer(dumper: yaml.Dumper, data: str) -> yaml.Node:
    # Multi-line strings as literal blocks so hand editors see the text as written.
    style = "|" if "\n" in data and not any(c in data for c in "\r\t") and data == data.rstrip(" ") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str_representer)

DELIMITER = "---"


class FrontMatterError(ValueError):
    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Document:
    """A parsed entry file: its front matter, body, and where each top-level key sits."""

    meta: dict[str, Any]
    body: str
    key_lines: dict[str, int] = field(default_factory=dict)
    item_lines: dict[tuple[str, int], int] = field(default_factory=dict)
    body_line: int = 1

    def line_of(self, key: str, index: int | None = None) -> int | None:
        if index is not None and (key, index) in self.item_lines:
            return self.item_lines[(key, index)]
        return self.key_lines.get(key)


def split(text: str) -> tuple[str | None, str, int]:
    """Split into (front matter text or None, body, line number of the front matter's first line)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != DELIMITER:
        return None, text, 1
    for i in range(1, len(lines)):
        if lines[i].rstrip() in (DELIMITER, "..."):
            fm = "\n".join(lines[1:i])
            body = "\n".join(lines[i + 1:])
            return fm, body.lstrip("\n"), 2
    raise FrontMatterError("front matter opened with '---' on line 1 is never closed", 1)


def parse(text: str) -> Document:
    """Parse an entry. Raises FrontMatterError with a file line number on malformed input."""
    fm, body, first = split(text)
    if fm is None:
        return Document({}, body, body_line=1)
    body_line = first + fm.count("\n") + 2
    if not fm.strip():
        return Document({}, body, body_line=body_line)
    loader = _Loader(fm)
    try:
        node = loader.get_single_node()
        if node is None:
            return Document({}, body, body_line=body_line)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # An unclosed bracket or quote is only noticed at the end; point at where it opened.
        if exc.context_mark is not None and (mark is None or mark.line >= fm.count("\n")):
            mark = exc.context_mark
        line = first + mark.line if mark else first
        problem = exc.problem or exc.context or "malformed YAML"
        raise FrontMatterError(f"invalid YAML in front matter: {problem}", line) from None
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"invalid YAML in front matter: {exc}", first) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise FrontMatterError("front matter must be a mapping of field: value", first)
    key_lines: dict[str, int] = {}
    item_lines: dict[tuple[str, int], int] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        key_lines[key] = first + key_node.start_mark.line
        if isinstance(value_node, yaml.SequenceNode):
            for i, item in enumerate(value_node.value):
                item_lines[(key, i)] = first + item.start_mark.line
    return Document({str(k): v for k, v in data.items()}, body, key_lines, item_lines, body_line)


def dump_meta(meta: dict[str, Any]) -> str:
    return yaml.dump(meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=4096)


def render(meta: dict[str, Any], body: str) -> str:
    """The file text for an entry: `---`, YAML, `---`, blank line, body, trailing newline."""
    body = body.strip("\n")
    return f"{DELIMITER}\n{dump_meta(meta)}{DELIMITER}\n\n{body}\n" if body else f"{DELIMITER}\n{dump_meta(meta)}{DELIMITER}\n"


def value_hash(value: Any) -> str:
    """A stable hash of a front matter value, independent of YAML formatting."""
    blob = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]
