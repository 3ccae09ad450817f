"""Load content/ into a Briefing, reporting every malformed file with path and line in one pass."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

from sitegen import frontmatter
from sitegen.dates import PartialDate
from sitegen.errors import Problem
from sitegen.model import (
    ACTOR_KINDS, CREDIBILITY, EVENT_KINDS, RELIABILITY, Account, Actor, Briefing, Claim,
    Disagreement, Event, Position, Source,
)
from sitegen.slugs import is_slug

KIND_DIRS = {"sources": Source, "actors": Actor, "events": Event}
SIDECAR_SUFFIX = ".ingest.md"  # machine versions written beside hand-edited entries


class _Fields:
    """Typed reads of one document's front matter, recording problems at the key's line."""

    def __init__(self, doc: frontmatter.Document, path: str, problems: list[Problem]):
        self.doc, self.path, self.problems = doc, path, problems

    def problem(self, message: str, key: str | None = None, index: int | None = None,
                severity: str = "error") -> None:
        line = self.doc.line_of(key, index) if key else None
        self.problems.append(Problem(self.path, line, message, severity))

    def text(self, key: str, required: bool = False) -> str:
        value = self.doc.meta.get(key)
        if value is None or value == "":
            if required:
                self.problem(f"missing required field '{key}'", key)
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(f"'{key}' must be text, not {_type_name(value)}", key)
            return ""
        return str(value).strip()

    def choice(self, key: str, choices: tuple[str, ...] | dict, default: str) -> str:
        value = self.text(key)
        if not value:
            return default
        if value not in choices:
            self.problem(f"'{key}' is {value!r}; expected one of: {', '.join(choices)}", key)
            return default
        return value

    def date(self, key: str) -> PartialDate | None:
        try:
            return PartialDate.parse(self.doc.meta.get(key))
        except ValueError as exc:
            self.problem(f"'{key}': {exc}", key)
            return None

    def flag(self, key: str) -> bool:
        value = self.doc.meta.get(key, False)
        if value in (None, ""):
            return False
        if not isinstance(value, bool):
            self.problem(f"'{key}' must be true or false", key)
            return False
        return value

    def items(self, key: str) -> list[Any]:
        value = self.doc.meta.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(f"'{key}' must be a list, not {_type_name(value)}", key)
            return []
        return value

    def texts(self, key: str) -> list[str]:
        out = []
        for i, item in enumerate(self.items(key)):
            if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                self.problem(f"'{key}' item {i + 1} must be text, not {_type_name(item)}", key, i)
            elif str(item).strip():
                out.append(str(item).strip())
        return out

    def slugs(self, key: str) -> list[str]:
        out = []
        for i, item in enumerate(self.texts(key)):
            if not is_slug(item):
                self.problem(f"'{key}' item {item!r} is not a slug (lowercase ASCII words joined by hyphens)", key, i)
            elif item not in out:
                out.append(item)
        return out

    def records(self, key: str, build: Callable[[dict, int], Any]) -> list[Any]:
        out = []
        for i, item in enumerate(self.items(key)):
            if not isinstance(item, dict):
                self.problem(f"'{key}' item {i + 1} must be a mapping, not {_type_name(item)}", key, i)
                continue
            record = build(item, i)
            if record is not None:
                out.append(record)
        return out

    def record_text(self, item: dict, field: str, key: str, i: int, required: bool = False) -> str:
        value = item.get(field)
        if value is None or value == "":
            if required:
                self.problem(f"'{key}' item {i + 1} has no '{field}'", key, i)
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(f"'{key}' item {i + 1}: '{field}' must be text", key, i)
            return ""
        return str(value).strip()


def _type_name(value: Any) -> str:
    return {dict: "a mapping", list: "a list", bool: "true/false"}.get(type(value), type(value).__name__)


def read_entry_text(path: Path, rel: str) -> tuple[str | None, Problem | None]:
    """Read a file as UTF-8 text, or explain in one line why it cannot be."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, Problem(rel, None, f"cannot read: {exc.strerror or exc}")
    if b"\x00" in data[:8192]:
        return None, Problem(rel, None, "binary file, not a Markdown entry")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, Problem(rel, line, "not UTF-8 text; save the file as UTF-8")


def _build_source(f: _Fields, slug: str, rel: str, doc: frontmatter.Document) -> Source:
    def claim(item: dict, i: int) -> Claim | None:
        text = f.record_text(item, "text", "claims", i, required=True)
        if not text:
            return None
        return Claim(text=text, speaker=f.record_text(item, "speaker", "claims", i) or None,
                     event=f.record_text(item, "event", "claims", i) or None, source=slug)

    return Source(
        slug=slug, path=rel, body=doc.body, meta=doc.meta,
        title=f.text("title", required=True), outlet=f.text("outlet"), author=f.text("author"),
        published=f.date("published"), published_inferred=f.flag("published_inferred"),
        url=f.text("url"), seed=f.text("seed"),
        actors=f.slugs("actors"), events=f.slugs("events"), claims=f.records("claims", claim),
        reliability=f.choice("reliability", RELIABILITY, "F"),
        credibility=f.choice("credibility", CREDIBILITY, "6"),
    )


def _build_actor(f: _Fields, slug: str, rel: str, doc: frontmatter.Document) -> Actor:
    return Actor(
        slug=slug, path=rel, body=doc.body, meta=doc.meta,
        name=f.text("name", required=True), kind=f.choice("kind", ACTOR_KINDS, "other"),
        aliases=f.texts("aliases"), role=f.text("role"), affiliations=f.slugs("affiliations"),
        status=f.text("status"),
    )


def _build_event(f: _Fields, slug: str, rel: str, doc: frontmatter.Document) -> Event:
    def account(item: dict, i: int) -> Account | None:
        source = f.record_text(item, "source", "accounts", i, required=True)
        text = f.record_text(item, "text", "accounts", i, required=True)
        return Account(source, text) if source and text else None

    def disagreement(item: dict, i: int) -> Disagreement | None:
        about = f.record_text(item, "about", "disagreements", i, required=True)
        positions = []
        raw = item.get("accounts") or []
        if not isinstance(raw, list):
            f.problem(f"'disagreements' item {i + 1}: 'accounts' must be a list", "disagreements", i)
            raw = []
        for pos in raw:
            if not isinstance(pos, dict) or pos.get("value") in (None, ""):
                f.problem(f"'disagreements' item {i + 1}: each account needs a 'value'", "disagreements", i)
                continue
            positions.append(Position(str(pos["value"]).strip(),
                                      str(pos["source"]).strip() if pos.get("source") else None,
                                      str(pos["speaker"]).strip() if pos.get("speaker") else None))
        return Disagreement(about, positions) if about else None

    return Event(
        slug=slug, path=rel, body=doc.body, meta=doc.meta,
        title=f.text("title", required=True), date=f.date("date"),
        kind=f.choice("kind", EVENT_KINDS, "other"), location=f.text("location"),
        participants=f.slugs("participants"), sources=f.slugs("sources"),
        accounts=f.records("accounts", account),
        disagreements=f.records("disagreements", disagreement),
    )


_BUILDERS = {"sources": _build_source, "actors": _build_actor, "events": _build_event}


def entry_files(content: Path, kind_dir: str) -> list[Path]:
    """The entry files of one kind, in a stable order, without hidden files or ingest sidecars."""
    folder = content / kind_dir
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir()
        if p.suffix == ".md" and not p.name.startswith(".") and not p.name.endswith(SIDECAR_SUFFIX)
    )


def load_briefing(root: Path, content: Path) -> tuple[Briefing, list[Problem]]:
    """Load every entry under `content`; return the briefing and every problem found."""
    briefing = Briefing(root=root)
    problems: list[Problem] = []
    if not content.is_dir():
        problems.append(Problem(_rel(content, root), None, "content folder not found"))
        return briefing, problems
    content_real = content.resolve()

    index = content / "_index.md"
    if index.is_file():
        text, problem = read_entry_text(index, _rel(index, root))
        if problem:
            problems.append(problem)
        elif text is not None:
            try:
                doc = frontmatter.parse(text)
                briefing.index_meta, briefing.index_body = doc.meta, doc.body
            except frontmatter.FrontMatterError as exc:
                problems.append(Problem(_rel(index, root), exc.line, exc.message))

    for kind_dir, builder in _BUILDERS.items():
        target: dict = getattr(briefing, kind_dir)
        claimed_by: dict[str, str] = {}
        for path in entry_files(content, kind_dir):
            rel = _rel(path, root)
            if path.is_symlink() and not _inside(path.resolve(), content_real):
                problems.append(Problem(rel, None, "symlink points outside the content folder; skipped"))
                continue
            text, problem = read_entry_text(path, rel)
            if problem:
                problems.append(problem)
                continue
            try:
                doc = frontmatter.parse(text)
            except frontmatter.FrontMatterError as exc:
                problems.append(Problem(rel, exc.line, exc.message))
                continue
            fields = _Fields(doc, rel, problems)
            slug = path.name[: -len(".md")]
            if "slug" in doc.meta:
                slug = fields.text("slug") or slug
            if not is_slug(slug):
                fields.problem(f"slug {slug!r} is not lowercase ASCII words joined by hyphens; rename the file",
                               "slug" if "slug" in doc.meta else None)
                continue
            if slug in claimed_by:
                fields.problem(f"slug '{slug}' is already used by {claimed_by[slug]}",
                               "slug" if "slug" in doc.meta else None)
                continue
            claimed_by[slug] = rel
            entry = builder(fields, slug, rel, doc)
            entry.lines = {**doc.key_lines, **doc.item_lines}
            target[slug] = entry
        setattr(briefing, kind_dir, dict(sorted(target.items())))
    return briefing, problems


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return os.path.relpath(path, root).replace(os.sep, "/")


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False
