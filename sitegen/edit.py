"""Editor's bulk tools: `sitegen approve` (clear `status: draft`), `sitegen merge` (two entries
become one) and `sitegen rename` (an entry gets a new slug).

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


# --- merge and rename ----------------------------------------------------------------------

_NAME_FIELD = {"actor": "name", "event": "title", "source": "title"}
_KIND_OF_DIR = {v: k for k, v in _SINGULAR.items()}


@dataclass
class _Plan:
    """Every file a merge or rename changes, worked out in full before any is written."""

    writes: dict[Path, str]  # path -> new text
    create: tuple[Path, str] | None  # a new entry file (rename)
    remove: Path
    notes: list[str]
    rewrote: dict[Path, int]  # file -> references rewritten in it


def _kind(word: str) -> str:
    kind_dir = kind_dir_of(word)
    if kind_dir is None:
        raise click.BadParameter(f"'{word}' is not a kind; use actor, event or source", param_hint="KIND")
    return _KIND_OF_DIR[kind_dir]


def _entries_by_slug(content: Path) -> dict[str, dict[str, Path]]:
    """kind -> slug -> file; the file's name is its slug unless a `slug:` field says otherwise."""
    from sitegen.load import load_briefing

    briefing, _ = load_briefing(Path.cwd(), content)
    tables = {"source": briefing.sources, "actor": briefing.actors, "event": briefing.events}
    return {kind: {slug: Path(entry.path) if Path(entry.path).is_absolute() else Path.cwd() / entry.path
                   for slug, entry in table.items()} for kind, table in tables.items()}


def _find(entries: dict[str, dict[str, Path]], kind: str, slug: str, role: str) -> Path:
    if slug in entries[kind]:
        return entries[kind][slug]
    others = [k for k in entries if slug in entries[k]]
    if others:
        raise SitegenError(f"'{slug}' is {'an' if others[0][0] in 'aeiou' else 'a'} {others[0]}, not {_a(kind)}: "
                           f"only entries of one kind can be {role}; nothing was changed")
    raise SitegenError(f"there is no {kind} '{slug}' (content/{PLURAL_OF[kind]}/{slug}.md); nothing was changed")


PLURAL_OF = {"source": "sources", "actor": "actors", "event": "events"}


def _a(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


def _references(content: Path, entries: dict[str, dict[str, Path]], kind: str, old: str, new: str,
                skip: set[Path]) -> dict[Path, tuple[str, int]]:
    """Every entry file (and _index.md) with its references to `old` made ones to `new`."""
    from sitegen.refs import rewrite_references

    known = set(entries[kind]) | {new}
    files = [(p, d == PLURAL_OF[kind]) for d in KIND_DIRS for p in entry_files(content, d)]
    if (content / "_index.md").is_file():
        files.append((content / "_index.md", False))
    out = {}
    for path, same_kind in files:
        if path.resolve() in skip:
            continue
        text = read_text(path)
        if old not in text:
            continue
        new_text, count = rewrite_references(text, kind, old, new, known, same_kind)
        if count:
            out[path] = (new_text, count)
    return out


def _union(into: list, extra: list) -> list:
    return into + [item for item in extra if item not in into]


def _merged_fields(kind: str, into: dict, from_: dict, into_slug: str, from_slug: str
                   ) -> tuple[dict, list[str]]:
    """The fields of INTO to set so that it holds FROM's too, and what was kept where they clash."""
    from sitegen.names import name_key

    name_field = _NAME_FIELD[kind]
    updates: dict = {}
    notes: list[str] = []
    aliases = list(into.get("aliases") or []) if isinstance(into.get("aliases"), list) else []
    names = {name_key(str(a)) for a in aliases} | {name_key(str(into.get(name_field) or ""))}
    extra = [from_.get(name_field)] + (from_.get("aliases") if isinstance(from_.get("aliases"), list) else [])
    for name in extra:
        if isinstance(name, (str, int, float)) and str(name).strip() and name_key(str(name)) not in names:
            aliases.append(str(name).strip())
            names.add(name_key(str(name)))
    if aliases != (into.get("aliases") or []):
        updates["aliases"] = aliases
    for key, value in from_.items():
        if key in (name_field, "aliases", "slug") or value in (None, "", [], {}) \
                or (key == "status" and value == "draft"):  # a reviewed entry stays reviewed
            continue
        value = _retarget(value, from_slug, into_slug)
        have = into.get(key)
        if key == "affiliations" and isinstance(value, list):
            value = [v for v in value if v != into_slug]
        if have in (None, "", [], {}):
            updates[key] = value
        elif isinstance(have, list) and isinstance(value, list):
            merged = _union(have, value)
            if merged != have:
                updates[key] = merged
        elif have != value and isinstance(have, dict):
            notes.append(f"kept {into_slug}'s {key} ({from_slug} had another)")
        elif have != value:
            notes.append(f"kept {into_slug}'s {key} {_show(have)} ({from_slug} had {_show(value)})")
    return updates, notes


def _retarget(value, old: str, new: str):
    """FROM's own value with FROM's slug made INTO's (a claim by FROM is one by INTO)."""
    if isinstance(value, list):
        return [_retarget(v, old, new) for v in value]
    if isinstance(value, dict):
        return {k: _retarget(v, old, new) for k, v in value.items()}
    return new if value == old else value


def _show(value) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "..."


def _merge_plan(content: Path, kind: str, from_slug: str, into_slug: str) -> _Plan:
    from sitegen import frontmatter
    from sitegen.refs import set_fields

    if from_slug == into_slug:
        raise SitegenError(f"cannot merge {kind} '{from_slug}' into itself; nothing was changed")
    entries = _entries_by_slug(content)
    from_path = _find(entries, kind, from_slug, "merged")
    into_path = _find(entries, kind, into_slug, "merged")
    refs = _references(content, entries, kind, from_slug, into_slug, {from_path.resolve()})
    writes = {p: t for p, (t, _) in refs.items()}
    into_text = writes.get(into_path, read_text(into_path))
    from_text = read_text(from_path)
    try:
        into_doc, from_doc = frontmatter.parse(into_text), frontmatter.parse(from_text)
    except frontmatter.FrontMatterError as exc:
        raise SitegenError(f"cannot merge: {exc.message}; fix it first (sitegen check)") from None
    updates, notes = _merged_fields(kind, into_doc.meta, from_doc.meta, into_slug, from_slug)
    merged = set_fields(into_text, updates) if updates else into_text
    from_body = from_doc.body.strip()
    if from_body and from_body not in into_doc.body:
        newline = "\r\n" if "\r\n" in merged else "\n"
        merged = merged.rstrip("\r\n") + newline + newline + from_body.replace("\n", newline) + newline
        notes.append(f"{from_slug}'s text was added to the end of {into_slug}'s")
    if merged != read_text(into_path):
        writes[into_path] = merged
    return _Plan(writes, None, from_path, notes, {p: n for p, (_, n) in refs.items()})


def _rename_plan(content: Path, kind: str, old: str, new: str) -> _Plan:
    from sitegen.refs import set_fields
    from sitegen.names import is_slug

    if not is_slug(new):
        raise click.BadParameter("use lowercase ASCII words joined by hyphens, e.g. aleksandar-vucic",
                                 param_hint="NEW")
    if old == new:
        raise SitegenError(f"{kind} '{old}' already has that slug; nothing was changed")
    entries = _entries_by_slug(content)
    old_path = _find(entries, kind, old, "renamed")
    target = content / PLURAL_OF[kind] / f"{new}.md"
    if new in entries[kind] or target.exists():
        existing = entries[kind].get(new, target)
        raise SitegenError(f"{kind} '{new}' already exists ({_rel(existing)}); merge into it with "
                           f"`sitegen merge {kind} {old} {new}`; nothing was changed")
    refs = _references(content, entries, kind, old, new, set())
    text = refs.pop(old_path, (read_text(old_path), 0))[0]
    if re.search(r"(?m)^slug[ \t]*:", text):
        text = set_fields(text, {"slug": new})
    writes = {p: t for p, (t, _) in refs.items()}
    return _Plan(writes, (target, text), old_path, [], {p: n for p, (_, n) in refs.items()})


def _rel(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _carry_out(obj: Context, plan: _Plan, content: Path, kind: str, old: str, new: str) -> None:
    """Write the plan: new and changed files first, the redirect, then the old file goes last, so
    an interrupted run leaves both entries rather than neither."""
    from sitegen.fsutil import write_new
    from sitegen.redirects import read_redirects, with_redirect, write_redirects

    redirects = with_redirect(read_redirects(content), kind, old, new)  # a damaged file stops it here
    if plan.create is not None:
        path, text = plan.create
        try:
            write_new(path, text)
            os.chmod(path, os.stat(plan.remove).st_mode & 0o7777)
        except FileExistsError:
            raise SitegenError(f"{_rel(path)} already exists; nothing was changed") from None
        obj.info(f"wrote {_rel(path)}")
    for path, text in plan.writes.items():
        write_text(path, text)
        count = plan.rewrote.get(path)
        what = f" ({count} reference{'s' if count != 1 else ''} to {old})" if count else ""
        obj.info(f"updated {_rel(path)}{what}")
    write_redirects(content, redirects)
    plan.remove.unlink()
    obj.info(f"removed {_rel(plan.remove)}")
    obj.info(f"recorded {PLURAL_OF[kind]}/{old}/ -> {PLURAL_OF[kind]}/{new}/ in {_rel(content / '.redirects.yaml')}")
    for note in plan.notes:
        obj.info(note)


_content_opt = click.option("--content", "content_dir", default="content", show_default=True,
                            type=click.Path(file_okay=False, path_type=Path), help="Folder of entries.")


@click.command()
@verbosity
@click.argument("kind")
@click.argument("from_slug", metavar="FROM")
@click.argument("into_slug", metavar="INTO")
@_content_opt
@click.pass_obj
def merge(obj: Context, kind: str, from_slug: str, into_slug: str, content_dir: Path) -> None:
    """Merge entry FROM into INTO, two entries of KIND (actor, event or source).

    FROM's name becomes an alias of INTO, lists are joined, and where a field differs INTO's
    value is kept (and said so). Every reference to FROM in content/ then names INTO, FROM's
    file is removed, and content/.redirects.yaml records the move, so the site sends FROM's
    old address on to INTO's page.

    \b
    sitegen merge actor vucic aleksandar-vucic
    """
    kind = _kind(kind)
    entry_files_of(content_dir)  # a missing content folder is said first
    plan = _merge_plan(content_dir, kind, from_slug, into_slug)
    _carry_out(obj, plan, content_dir, kind, from_slug, into_slug)
    obj.info(f"merged {kind} {from_slug} into {into_slug}: {len(plan.writes) + 1} file(s) changed")


@click.command()
@verbosity
@click.argument("kind")
@click.argument("old")
@click.argument("new")
@_content_opt
@click.pass_obj
def rename(obj: Context, kind: str, old: str, new: str, content_dir: Path) -> None:
    """Give the KIND entry OLD the slug NEW: its file is renamed, every reference to it in
    content/ is rewritten, and content/.redirects.yaml records the move, so the site sends the
    old address on to the new one.

    \b
    sitegen rename actor vucic aleksandar-vucic
    """
    kind = _kind(kind)
    entry_files_of(content_dir)
    plan = _rename_plan(content_dir, kind, old, new)
    _carry_out(obj, plan, content_dir, kind, old, new)
    obj.info(f"renamed {kind} {old} to {new}: {len(plan.writes) + 2} file(s) changed")
