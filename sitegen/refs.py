"""Edit entry files in place, as text: replace the references to one slug, set front matter
fields. Everything else in a file (comments, order, quoting, line endings) stays byte for byte."""

from __future__ import annotations

import re
from typing import Any

import yaml

from sitegen import frontmatter

# Front matter keys, at any depth, whose values are slugs of a kind.
REF_KEYS = {
    "actor": {"actors", "participants", "affiliations", "speaker", "speakers", "members"},
    "source": {"sources", "source"},
    "event": {"events", "event"},
}
PLURAL = {"source": "sources", "actor": "actors", "event": "events"}


def front_matter_bounds(text: str) -> tuple[int, int] | None:
    """(start, end) character offsets of the front matter between the `---` lines, or None."""
    first = text.find("\n")
    if first < 0 or text[:first].lstrip("\ufeff").rstrip("\r").rstrip() != "---":
        return None
    pos = first + 1
    while pos < len(text):
        end = text.find("\n", pos)
        line_end = len(text) if end < 0 else end
        if text[pos:line_end].rstrip("\r").rstrip() in ("---", "..."):
            return first + 1, pos
        if end < 0:
            break
        pos = end + 1
    return None


def _compose(fm: str) -> yaml.Node | None:
    # The pure-Python loader: its marks count characters, as the text's offsets do.
    try:
        return yaml.compose(fm, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None


def _scalar_refs(node: yaml.Node, key: str | None, keys: set[str], old: str, found: list) -> None:
    if isinstance(node, yaml.ScalarNode):
        if key in keys and node.value == old:
            found.append(node)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _scalar_refs(item, key, keys, old, found)
    elif isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            _scalar_refs(v, k.value if isinstance(k, yaml.ScalarNode) else None, keys, old, found)


def _slug_list_keys(root: yaml.MappingNode, known: set[str], old: str) -> set[str]:
    """Top-level fields of the editor's own whose value is a list of slugs of this kind."""
    out = set()
    for k, v in root.value:
        if isinstance(v, yaml.SequenceNode) and v.value and all(
                isinstance(i, yaml.ScalarNode) and (i.value in known or i.value == old) for i in v.value):
            out.add(k.value)
    return out


def _line_span(text: str, start: int, end: int) -> tuple[int, int]:
    begin = text.rfind("\n", 0, start) + 1
    stop = text.find("\n", end)
    return begin, len(text) if stop < 0 else stop + 1


def _edits_in(fm: str, root: yaml.MappingNode, keys: set[str], old: str, new: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) within the front matter: each reference to `old` becomes `new`,
    or goes, where the list holding it names `new` already."""
    edits: list[tuple[int, int, str]] = []

    def visit(node: yaml.Node, key: str | None) -> None:
        if isinstance(node, yaml.SequenceNode):
            items = node.value
            has_new = any(isinstance(i, yaml.ScalarNode) and i.value == new for i in items)
            for i, item in enumerate(items):
                if has_new and key in keys and isinstance(item, yaml.ScalarNode) and item.value == old:
                    if not node.flow_style:
                        edits.append((*_line_span(fm, item.start_mark.index, item.end_mark.index), ""))
                    elif i > 0:
                        edits.append((items[i - 1].end_mark.index, item.end_mark.index, ""))
                    elif len(items) > 1:
                        edits.append((item.start_mark.index, items[1].start_mark.index, ""))
                    else:
                        edits.append((item.start_mark.index, item.end_mark.index, ""))
                else:
                    visit(item, key)
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                visit(v, k.value if isinstance(k, yaml.ScalarNode) else None)
        elif isinstance(node, yaml.ScalarNode) and key in keys and node.value == old:
            start, end = node.start_mark.index, node.end_mark.index
            edits.append((start, end, fm[start:end].replace(old, new, 1)))

    visit(root, None)
    return edits


_DESTINATION = re.compile(r"\]\(\s*<?([^)\s>]+)|^[ \t]*\[[^\]\n]+\]:[ \t]*<?([^\s>]+)", re.M)


def _rewrite_links(body: str, kind: str, old: str, new: str, same_kind: bool) -> tuple[str, int]:
    plural = PLURAL[kind]
    in_folder = re.compile(rf"(^|/){re.escape(plural)}/{re.escape(old)}(?=[/#?.]|$)")
    sibling = re.compile(rf"^((?:\.\./)+){re.escape(old)}(?=/)")
    count = 0

    def fix(match: re.Match[str]) -> str:
        nonlocal count
        group = 1 if match.group(1) is not None else 2
        dest = match.group(group)
        changed = in_folder.sub(lambda m: f"{m.group(1)}{plural}/{new}", dest)
        if changed == dest and same_kind:
            changed = sibling.sub(lambda m: f"{m.group(1)}{new}", dest)
        if changed == dest:
            return match.group(0)
        count += 1
        start, end = match.start(group) - match.start(0), match.end(group) - match.start(0)
        whole = match.group(0)
        return whole[:start] + changed + whole[end:]

    return _DESTINATION.sub(fix, body), count


def rewrite_references(text: str, kind: str, old: str, new: str, known: set[str],
                       same_kind: bool) -> tuple[str, int]:
    """The file's text with every reference to the `kind` entry `old` made one to `new`: in
    front matter fields that hold slugs of that kind (at any depth, and lists of the editor's
    own made only of such slugs), and in the Markdown links of the body. With the count."""
    bounds = front_matter_bounds(text)
    count = 0
    if bounds is not None:
        start, end = bounds
        fm = text[start:end]
        root = _compose(fm) if old in fm else None
        if isinstance(root, yaml.MappingNode):
            keys = REF_KEYS[kind] | _slug_list_keys(root, known, old)
            edits = _edits_in(fm, root, keys, old, new)
            for a, b, replacement in sorted(edits, reverse=True):
                fm = fm[:a] + replacement + fm[b:]
            count += len(edits)
            text = text[:start] + fm + text[end:]
            bounds = front_matter_bounds(text)
    body_at = text.find("\n", bounds[1]) + 1 if bounds is not None else 0
    if body_at > 0 or bounds is None:
        body, links = _rewrite_links(text[body_at:], kind, old, new, same_kind)
        count += links
        text = text[:body_at] + body
    return text, count


_TOP_KEY = re.compile(r"^([^\s#\-:][^:]*?)[ \t]*:(?:[ \t]|$)")


def set_fields(text: str, updates: dict[str, Any]) -> str:
    """The file's text with each top-level field of `updates` set (its lines replaced, or added
    before the closing `---`); every other line as it was."""
    bounds = front_matter_bounds(text)
    if bounds is None:
        return "---\n" + frontmatter.dump_meta(updates) + "---\n\n" + text
    start, end = bounds
    newline = "\r\n" if "\r\n" in text[:end] else "\n"
    lines = text[start:end].splitlines(keepends=True)
    blocks: dict[str, tuple[int, int]] = {}
    current = None
    for i, line in enumerate(lines):
        match = _TOP_KEY.match(line)
        if match:
            current = match.group(1).strip().strip("'\"")
            blocks[current] = (i, i + 1)
        elif current is not None and (line[:1] in (" ", "\t", "-") or not line.strip()):
            blocks[current] = (blocks[current][0], i + 1)
        else:
            current = None
    added = []
    replaced: dict[int, tuple[int, str]] = {}
    for key, value in updates.items():
        dumped = frontmatter.dump_field(key, value).replace("\n", newline)
        if key in blocks:
            first, stop = blocks[key]
            while stop > first + 1 and not lines[stop - 1].strip():  # blank lines after it stay
                stop -= 1
            replaced[first] = (stop, dumped)
        else:
            added.append(dumped)
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i in replaced:
            stop, dumped = replaced[i]
            out.append(dumped)
            i = stop
        else:
            out.append(lines[i])
            i += 1
    if out and not out[-1].endswith("\n"):
        out[-1] += newline
    return text[:start] + "".join(out) + "".join(added) + text[end:]
