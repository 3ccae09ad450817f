"""Editor's bulk tools: `sitegen approve` (clear `status: draft`).

Each command edits entry files in place, changing only the lines it must (comments, order and
formatting of everything else stay byte for byte), writes each file atomically, and checks
every argument before it writes anything.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import click

from sitegen.cli import Context, verbosity
from sitegen.errors import SitegenError
from sitegen.fsutil import atomic_write
from sitegen.load import entry_files

KIND_DIRS = ("sources", "actors", "events")
_SINGULAR = {"source": "sources", "actor": "actors", "event": "events"}


def kind_dir_of(word: str) -> str | None:
    """'actors' or 'actor' -> 'actors'; None for anything else."""
    word = word.lower()
    return word if word in KIND_DIRS else _SINGULAR.get(word)


@dataclass
class EntryFile:
    kind_dir: str
    slug: str
    path: Path

    def rel(self, root: Path) -> str:
        try:
            return self.path.relative_to(root).as_posix()
        except ValueError:
            return self.path.as_posix()


def entry_files_of(content: Path, kind_dirs: tuple[str, ...] = KIND_DIRS) -> list[EntryFile]:
    """Every entry file of the given kinds, by kind then slug (the file name)."""
    if not content.is_dir():
        raise SitegenError(f"no content folder '{content}': run sitegen in a briefing folder, "
                           "or `sitegen init FOLDER` to start one")
    return [EntryFile(kind_dir, path.name[:-3], path) for kind_dir in kind_dirs
            for path in entry_files(content, kind_dir)]


def read_text(path: Path) -> str:
    """An entry's text exactly as stored (line endings kept); one clear error if unreadable."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise SitegenError(f"cannot read: {getattr(exc, 'strerror', None) or exc}", path.as_posix()) from None


def write_text(path: Path, text: str) -> None:
    """Replace an entry atomically, keeping the file's permissions."""
    try:
        mode = os.stat(path).st_mode & 0o7777
    except OSError:
        mode = 0o644
    atomic_write(path, text.encode("utf-8"), mode)


def front_matter_span(lines: list[str]) -> tuple[int, int] | None:
    """(first, end) indexes of the front matter's lines between the `---` delimiters, or None."""
    if not lines or lines[0].lstrip("\ufeff").rstrip("\r\n").rstrip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r\n").rstrip() in ("---", "..."):
            return 1, i
    return None


# A top-level `status: draft` line, quoted or not, with any comment after it.
_DRAFT_LINE = re.compile(r"""^(status[ \t]*:[ \t]*)(?:draft|"draft"|'draft')([ \t]*(?:#.*)?)$""")


def without_draft(text: str) -> str | None:
    """The entry's text with `status: draft` made `status: ""`, every other byte as it was; None
    when the entry is not a draft."""
    lines = text.splitlines(keepends=True)
    span = front_matter_span(lines)
    if span is None:
        return None
    for i in range(*span):
        line = lines[i]
        body = line.rstrip("\r\n")
        match = _DRAFT_LINE.match(body)
        if match:
            lines[i] = f'{match.group(1)}""{match.group(2)}' + line[len(body):]
            return "".join(lines)
    return None


def _chosen(files: list[EntryFile], targets: tuple[str, ...], root: Path) -> list[EntryFile]:
    """The files `targets` name: kinds (`actors`), slugs, or kind/slug; all when none."""
    if not targets:
        return files
    chosen: dict[Path, EntryFile] = {}
    for target in targets:
        kind_dir = kind_dir_of(target)
        if kind_dir:
            matches = [f for f in files if f.kind_dir == kind_dir]
        elif "/" in target:
            kind, _, slug = target.partition("/")
            matches = [f for f in files if f.kind_dir == kind_dir_of(kind) and f.slug == slug]
        else:
            matches = [f for f in files if f.slug == target]
        if not matches and not kind_dir:
            raise SitegenError(f"no entry named '{target}'; give a kind (actors, events, sources), a slug, "
                               "or kind/slug such as actors/serbia; nothing was changed")
        if len(matches) > 1 and not kind_dir:
            names = ", ".join(f.rel(root) for f in matches)
            raise SitegenError(f"'{target}' names {names}; say which, e.g. actors/{target}; nothing was changed")
        chosen.update((f.path, f) for f in matches)
    return list(chosen.values())


@click.command()
@verbosity
@click.argument("targets", nargs=-1)
@click.option("--content", "content_dir", default="content", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder of entries.")
@click.pass_obj
def approve(obj: Context, targets: tuple[str, ...], content_dir: Path) -> None:
    """Clear `status: draft` from entries: every draft, or those TARGETS name.

    \b
    sitegen approve                    every draft
    sitegen approve actors             the drafts of one kind
    sitegen approve nis serbia         named entries (slugs, or kind/slug)

    Only the status line changes (to `status: ""`); the rest of each file stays as it was.
    """
    root = Path.cwd()
    chosen = _chosen(entry_files_of(content_dir), targets, root)
    named = {t.rpartition("/")[2] for t in targets if not kind_dir_of(t)}
    edits = []
    for entry in chosen:
        text = read_text(entry.path)
        approved = without_draft(text)
        if approved is not None:
            edits.append((entry, approved))
        elif entry.slug in named:
            obj.info(f"{entry.rel(root)}: not a draft; unchanged")
    for entry, approved in edits:  # every file was read and checked first
        write_text(entry.path, approved)
        obj.info(f"approved {entry.rel(root)}")
    obj.info(f"approved {len(edits)} draft(s)")
