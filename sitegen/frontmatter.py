"""Markdown files with YAML front matter: parse with line numbers, dump deterministically."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Hashable
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
    # Multi-line strings as literal blocks so hand editors see the text as written; but not text
    # ending in blank lines, whose block PyYAML closes with a "..." line that also ends front matter.
    style = "|" if "\n" in data and not any(c in data for c in "\r\t") and data == data.rstrip(" ") \
        and data.strip("\n") and not data.endswith("\n\n") else None
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
            # Each front matter line keeps its newline: a literal block's last line ends in one.
            fm = "".join(line + "\n" for line in lines[1:i])
            body = "\n".join(lines[i + 1:])
            return fm, body.lstrip("\n"), 2
    raise FrontMatterError("front matter opened with '---' on line 1 is never closed", 1)


def parse(text: str) -> Document:
    """Parse an entry. Raises FrontMatterError with a file line number on malformed input."""
    fm, body, first = split(text)
    if fm is None:
        return Document({}, body, body_line=1)
    body_line = first + fm.count("\n") + 1
    meta, key_lines, item_lines = parse_mapping(fm, first)
    return Document(meta, body, key_lines, item_lines, body_line)


def parse_mapping(fm: str, first: int = 1, what: str = "front matter"
                  ) -> tuple[dict[str, Any], dict[str, int], dict[tuple[str, int], int]]:
    """Parse YAML that must be a mapping (front matter, sitegen.yaml): (data, key lines, item lines).

    `first` is the file line of the YAML's first line; errors carry file line numbers.
    """
    if not fm.strip():
        return {}, {}, {}
    loader = _Loader(fm)
    try:
        if "*" in fm:
            _refuse_aliases(fm, first, what)
        node = loader.get_single_node()
        if node is None:
            return {}, {}, {}
        try:
            data = _construct(loader, node, 0)
        except _TakeTheGeneralPath:
            _check_nodes(node, first, what)
            data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # An unclosed bracket or quote is only noticed at the end; point at where it opened.
        if exc.context_mark is not None and (mark is None or mark.line >= fm.rstrip("\n").count("\n")):
            mark = exc.context_mark
        line = first + mark.line if mark else first
        problem = exc.problem or exc.context or "malformed YAML"
        raise FrontMatterError(f"invalid YAML in {what}: {_one_line(problem)}", line) from None
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"invalid YAML in {what}: {_one_line(exc)}", first) from None
    except FrontMatterError:
        raise
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        # A value PyYAML accepts but Python cannot hold (an integer of 5000 digits, ...).
        raise FrontMatterError(f"invalid value in {what}: {_one_line(exc)}", first) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise FrontMatterError(f"{what} must be a mapping of field: value", first)
    key_lines: dict[str, int] = {}
    item_lines: dict[tuple[str, int], int] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        key_lines[key] = first + key_node.start_mark.line
        if isinstance(value_node, yaml.SequenceNode):
            for i, item in enumerate(value_node.value):
                item_lines[(key, i)] = first + item.start_mark.line
    return {str(k): v for k, v in data.items()}, key_lines, item_lines


MAX_DEPTH = 16  # nesting of lists and mappings; entries need three or four levels at most


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


class _TakeTheGeneralPath(Exception):
    """A document `_construct` leaves to `_check_nodes` and PyYAML's own constructor."""


def _construct(loader: yaml.BaseLoader, node: yaml.Node, depth: int) -> Any:
    """The value PyYAML's constructor makes of `node`, for the nodes nearly every entry is made
    of (strings, lists and mappings), in half the time. Scalars of other types go to the loader's
    own constructor. Anything `_check_nodes` refuses (a key given twice, a merge key, deep
    nesting) or that has another tag raises _TakeTheGeneralPath, and the caller does both steps
    the general way."""
    if depth > MAX_DEPTH:
        raise _TakeTheGeneralPath
    kind = type(node)
    if kind is yaml.ScalarNode:
        return node.value if node.tag == _STR else loader.construct_object(node, deep=True)
    if kind is yaml.SequenceNode and node.tag == _SEQ:
        return [_construct(loader, item, depth + 1) for item in node.value]
    if kind is not yaml.MappingNode or node.tag != _MAP:
        raise _TakeTheGeneralPath
    out: dict[Any, Any] = {}
    written: set[str] = set()
    for key_node, value_node in node.value:
        if type(key_node) is not yaml.ScalarNode or key_node.value in written or key_node.value == "<<":
            raise _TakeTheGeneralPath
        written.add(key_node.value)
        key = _construct(loader, key_node, depth + 1)
        if not isinstance(key, Hashable):
            raise _TakeTheGeneralPath
        out[key] = _construct(loader, value_node, depth + 1)
    return out


def _refuse_aliases(fm: str, first: int, what: str = "front matter") -> None:
    for token in yaml.scan(fm, Loader=_Loader):
        if isinstance(token, yaml.AliasToken):
            raise FrontMatterError(f"YAML alias '*{token.value}' is not supported in {what}; "
                                   "write the value out", first + token.start_mark.line)


def _check_nodes(root: yaml.Node, first: int, what: str = "front matter") -> None:
    """Refuse what a hand-written entry never needs and a hostile one could abuse.

    - a key given twice (YAML keeps the last silently, so one of the editor's values would vanish);
    - anchors and aliases (`&a` / `*a`): they let a few lines expand into millions of values,
      or into a structure that contains itself;
    - nesting deeper than MAX_DEPTH.
    """
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        line = first + node.start_mark.line
        if id(node) in seen:
            raise FrontMatterError(f"YAML aliases (*name) are not supported in {what}; "
                                   "write the value out", line)
        seen.add(id(node))
        if depth > MAX_DEPTH:
            raise FrontMatterError(f"{what} is nested more than {MAX_DEPTH} levels deep", line)
        if isinstance(node, yaml.MappingNode):
            keys: dict[str, int] = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    key = key_node.value
                    key_line = first + key_node.start_mark.line
                    if key == "<<" and key_node.tag == "tag:yaml.org,2002:merge":
                        raise FrontMatterError(f"YAML merge keys (<<) are not supported in {what}",
                                               key_line)
                    if key in keys:
                        raise FrontMatterError(f"field '{key}' is given twice (lines {keys[key]} and "
                                               f"{key_line}); keep one", key_line)
                    keys[key] = key_line
                stack.append((key_node, depth + 1))
                stack.append((value_node, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in reversed(node.value))


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def has_comments(text: str) -> bool:
    """True when the front matter holds a YAML comment, which a parse-and-render round trip would drop."""
    try:
        fm, _, _ = split(text)
    except FrontMatterError:
        return False
    if not fm or "#" not in fm:
        return False
    spans: list[tuple[int, int]] = []
    try:
        for token in yaml.scan(fm, Loader=_Loader):
            if isinstance(token, yaml.ScalarToken):
                spans.append((token.start_mark.index, token.end_mark.index))
    except yaml.YAMLError:
        return True  # cannot tell: be careful
    for i, ch in enumerate(fm):
        if ch == "#" and (i == 0 or fm[i - 1] in " \t\n") and not any(a <= i < b for a, b in spans):
            return True
    return False


def dump_meta(meta: dict[str, Any]) -> str:
    return yaml.dump(meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=4096)


def dump_field(key: str, value: Any) -> str:
    """One field as a hand editor would write it: lists of plain values inline, `aliases: [A, B]`."""
    # (Flow style "where it fits" would write a plain value's field as a mapping, `{role: X}`.)
    flow = None if isinstance(value, (list, dict)) else False
    return yaml.dump({key: value}, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=flow, width=4096)


def render(meta: dict[str, Any], body: str) -> str:
    """The file text for an entry: `---`, YAML, `---`, blank line, body, trailing newline."""
    body = body.strip("\n")
    return f"{DELIMITER}\n{dump_meta(meta)}{DELIMITER}\n\n{body}\n" if body else f"{DELIMITER}\n{dump_meta(meta)}{DELIMITER}\n"


def value_hash(value: Any) -> str:
    """A stable hash of a front matter value, independent of YAML formatting."""
    blob = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]
