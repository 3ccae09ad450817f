"""content/.redirects.yaml: the old slugs of merged and renamed entries, and where they went.

    redirects:
      - {kind: actor, from: vucic, to: aleksandar-vucic}

The build serves a page at each old address that sends the reader to the new one; ingest reads
the same records to attach later findings of an old slug to the entry that replaced it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sitegen import frontmatter
from sitegen.errors import SitegenError
from sitegen.fsutil import atomic_write
from sitegen.names import is_slug

REDIRECTS = ".redirects.yaml"
KINDS = ("source", "actor", "event")
HEADER = """\
# Old slugs of merged and renamed entries (written by `sitegen merge` and `sitegen rename`).
# The built site serves a page at each old address that sends readers to the new one, and
# ingest reads these records to attach later mentions of an old slug to the new entry.
# Each record: kind (source, actor or event), from (the old slug), to (the slug now).
"""


@dataclass(frozen=True)
class Redirect:
    kind: str
    old: str  # `from` in the file
    new: str  # `to` in the file


def read_redirects(content: Path) -> list[Redirect]:
    """The records of content/.redirects.yaml ([] without it); one clear error if malformed."""
    path = content / REDIRECTS
    where = path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise SitegenError(f"cannot read: {getattr(exc, 'strerror', None) or exc}", where) from None
    try:
        data, _, item_lines = frontmatter.parse_mapping(text, 1, "redirects file")
    except frontmatter.FrontMatterError as exc:
        raise SitegenError(exc.message, where, exc.line) from None
    items = data.get("redirects") or []
    if not isinstance(items, list):
        raise SitegenError("'redirects' must be a list", where)
    out = []
    for i, item in enumerate(items):
        line = item_lines.get(("redirects", i))
        if not isinstance(item, dict) or item.get("kind") not in KINDS \
                or not is_slug(item.get("from")) or not is_slug(item.get("to")):
            raise SitegenError("each redirect needs kind (source, actor or event), from and to (slugs)", where, line)
        out.append(Redirect(item["kind"], item["from"], item["to"]))
    return out


def with_redirect(records: list[Redirect], kind: str, old: str, new: str) -> list[Redirect]:
    """The records once `old` has gone to `new`: earlier records that led to `old` now lead to
    `new`, and none is kept from `new`, which is an entry again."""
    out = []
    for r in records:
        if r.kind == kind:
            if r.old in (new, old):
                continue
            if r.new == old:
                r = Redirect(kind, r.old, new)
        out.append(r)
    out.append(Redirect(kind, old, new))
    return sorted(set(out), key=lambda r: (KINDS.index(r.kind), r.old))


def _scalar(slug: str) -> str:
    """A slug as YAML reads it back as text: quoted when it would read as a number or true/false."""
    return slug if isinstance(frontmatter.parse_mapping(f"x: {slug}\n")[0]["x"], str) else f'"{slug}"'


def redirects_text(records: list[Redirect]) -> str:
    lines = [f"  - {{kind: {r.kind}, from: {_scalar(r.old)}, to: {_scalar(r.new)}}}\n" for r in records]
    return HEADER + "redirects:" + ("\n" + "".join(lines) if lines else " []\n")


def write_redirects(content: Path, records: list[Redirect]) -> None:
    atomic_write(content / REDIRECTS, redirects_text(records), 0o644)
