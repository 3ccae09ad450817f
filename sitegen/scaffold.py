"""`sitegen new` and `sitegen init`: start entries and briefing folders from templates.

`new` writes one entry with every field of its kind present (empty where unknown) and a
comment saying what each field holds, refuses to overwrite anything, and prints the path
(so `$EDITOR "$(sitegen new actor 'Name')"` works). `init` writes a new, empty briefing
folder that builds as it is.
"""

from __future__ import annotations

import json
import re
from importlib import metadata
from pathlib import Path
from typing import Any

import click

from sitegen import frontmatter
from sitegen.config import CONFIG_NAME
from sitegen.dates import PartialDate
from sitegen.errors import SitegenError
from sitegen.model import ACTOR_KINDS, CREDIBILITY, EVENT_KINDS, RELIABILITY
from sitegen.names import is_slug, name_key, slugify

# --- entry templates -----------------------------------------------------------------------
# (field, value, comment). Values are dumped as YAML so any name or title is quoted correctly.

Field = tuple[str, Any, str]


def actor_fields(name: str, kind: str) -> list[Field]:
    return [
        ("name", name, "the name shown on the site"),
        ("kind", kind, ", ".join(ACTOR_KINDS)),
        ("aliases", [], "other names and spellings to recognise, e.g. [Vucic, Вучић]"),
        ("role", "", "one line, e.g. President of Serbia"),
        ("affiliations", [], "actor slugs this actor belongs to, e.g. [serbia]"),
        ("status", "", "'draft' marks an entry still to be reviewed"),
    ]


def event_fields(title: str, date: str, kind: str) -> list[Field]:
    return [
        ("title", title, "what happened, in a few words"),
        ("date", date, "2025-04-01, 2025-04 or 2025: only as precise as the evidence"),
        ("kind", kind, ", ".join(EVENT_KINDS)),
        ("location", "", "place, e.g. Brussels"),
        ("participants", [], "actor slugs, e.g. [serbia, kosovo]"),
        ("sources", [], "source slugs that report this event"),
        ("accounts", [], "what each source says: - {source: source-slug, text: short excerpt}"),
        ("disagreements", [], "where sources differ: - {about: ..., accounts: [{value: ..., source: ...}]}"),
    ]


def source_fields(title: str, date: str, url: str, outlet: str) -> list[Field]:
    return [
        ("title", title, "the headline"),
        ("outlet", outlet, "who published it, e.g. Reuters"),
        ("author", "", "byline"),
        ("published", date, "2025-04-01, 2025-04 or 2025"),
        ("published_inferred", False, "true when the date was worked out, not printed"),
        ("url", url, "where the article can be read"),
        ("seed", "", "the article file under seeds/ this entry came from, if any"),
        ("actors", [], "actor slugs mentioned, e.g. [serbia]"),
        ("events", [], "event slugs reported"),
        ("claims", [], "attributed statements: - {text: ..., speaker: actor-slug, event: event-slug}"),
        ("reliability", "F", "of the outlet: " + ", ".join(f"{k} {v.lower()}" for k, v in RELIABILITY.items())),
        ("credibility", "6", "of this report: " + ", ".join(f"{k} {v.lower()}" for k, v in CREDIBILITY.items())),
    ]


_HEADERS = {
    "actors": "Actor: a person, state or organization. Describe it below the closing ---.",
    "events": "Event: something that happened, reported by sources. Describe it below the closing ---.",
    "sources": "Source: one article. Paste its text below the closing ---, paragraphs separated by blank lines.",
}


def entry_text(kind_dir: str, fields: list[Field], body: str = "") -> str:
    """An entry file: commented front matter with every field, then the body."""
    lines = ["---", f"# {_HEADERS[kind_dir]}",
             "# Every field is explained in docs/editing.md; leave unknown ones empty."]
    for key, value, comment in fields:
        dumped = frontmatter.dump_meta({key: value}).rstrip("\n")
        lines.append(f"{dumped}  # {comment}" if "\n" not in dumped else dumped)
    lines.append("---")
    text = "\n".join(lines) + "\n"
    if body:
        text += "\n" + body.strip("\n") + "\n"
    return text


def _content_dir(content: Path) -> Path:
    if not content.is_dir():
        raise SitegenError(f"no content folder '{content}': run sitegen in a briefing folder, "
                           "or `sitegen init FOLDER` to start one")
    return content


def write_entry(content: Path, kind_dir: str, slug: str, text: str) -> Path:
    """Create content/<kind>/<slug>.md; never overwrite."""
    folder = _content_dir(content) / kind_dir
    path = folder / f"{slug}.md"
    if path.exists():
        raise SitegenError(f"{path.as_posix()} already exists; edit it, or pick another name with --slug")
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except FileExistsError:
        raise SitegenError(f"{path.as_posix()} already exists; edit it, or pick another name with --slug") from None
    return path


# The fields that name an entry of each kind, whose spellings `new` refuses to repeat.
_NAMING_FIELDS = {"actors": ("name", "aliases"), "events": ("title", "aliases"), "sources": ("title",)}


def same_name(content: Path, kind_dir: str, name: str) -> tuple[str, str] | None:
    """(file, its spelling) of an entry of this kind already named `name`, in any folded spelling
    (case, diacritics): the file's name or one of its aliases. Unreadable files are skipped:
    `sitegen check` reports them."""
    from sitegen.load import entry_files

    wanted = name_key(name)
    for path in entry_files(content, kind_dir):
        meta = _naming_fields(path)
        for key in _NAMING_FIELDS[kind_dir]:
            values = meta.get(key)
            for value in values if isinstance(values, list) else [values]:
                if isinstance(value, str) and value.strip() and name_key(value) == wanted:
                    return path.as_posix(), value
    return None


# The lines of the fields that name an entry, and of the list items and continuations under them.
_NAMING_LINES = re.compile(r"^(?:name|title|aliases)[ \t]*:.*(?:\n(?:[ \t]*-[ \t].*|[ \t]+\S.*))*", re.M)


def _naming_fields(path: Path) -> dict[str, Any]:
    """The naming fields of an entry's front matter, read from their own lines (an article's
    claims and text are not parsed: ten thousand of them took seconds); {} when unreadable."""
    try:
        fm, _, _ = frontmatter.split(path.read_text(encoding="utf-8-sig"))
        if fm is None:
            return {}
        try:
            return frontmatter.parse_mapping("\n".join(_NAMING_LINES.findall(fm)) + "\n")[0]
        except frontmatter.FrontMatterError:  # lines that make sense only with the rest
            return frontmatter.parse_mapping(fm)[0]
    except (OSError, UnicodeDecodeError, frontmatter.FrontMatterError):
        return {}


def _new_slug(content: Path, kind_dir: str, name: str, slug: str | None, force: bool) -> str:
    """The new entry's slug, once no entry of its kind has its name (unless `force`). A file of
    that slug is left for `write_entry` to refuse."""
    slug = _slug_for(name, slug)
    exists = (_content_dir(content) / kind_dir / f"{slug}.md").exists()
    found = None if force or exists else same_name(content, kind_dir, name)
    if found:
        path, spelling = found
        what = kind_dir.rstrip("s")
        also = "" if spelling == name else f" as '{spelling}'"
        raise SitegenError(f"{what} '{name}' already exists{also}: {path}; edit it, or use --force "
                           "to add another entry of that name")
    return slug


def _slug_for(text: str, slug: str | None) -> str:
    if slug is not None:
        if not is_slug(slug):
            raise click.BadParameter("use lowercase ASCII words joined by hyphens, e.g. aleksandar-vucic",
                                     param_hint="--slug")
        return slug
    return slugify(text)


def _date(value: str | None) -> str:
    if value is None or value == "":
        return ""
    try:
        return PartialDate.parse(value).iso()
    except ValueError as exc:
        message = str(exc) if value in str(exc) else f"{value!r} is not a date ({exc})"
        raise click.BadParameter(message, param_hint="--date") from None


_content_opt = click.option("--content", "content_dir", default="content", show_default=True,
                            type=click.Path(file_okay=False, path_type=Path), help="Folder of entries.")
_slug_opt = click.option("--slug", default=None, help="File name to use instead of one made from the name.")
_force_opt = click.option("--force", is_flag=True,
                          help="Add the entry even if an entry of that kind already has the name or an alias like it.")


@click.group()
def new() -> None:
    """Create a new entry from a template with every field, and print its path.

    \b
    sitegen new actor "Aleksandar Vučić"
    sitegen new event "Leaders meet in Brussels" --date 2025-04-01
    sitegen new source "Talks fail in Brussels" --url https://example.org/article
    """


@new.command("actor")
@click.argument("name")
@click.option("--kind", type=click.Choice(ACTOR_KINDS), default="person", show_default=True,
              help="What sort of actor this is.")
@_slug_opt
@_force_opt
@_content_opt
def new_actor(name: str, kind: str, slug: str | None, force: bool, content_dir: Path) -> None:
    """Start content/actors/<slug>.md for NAME."""
    name = _required(name, "NAME")
    path = write_entry(content_dir, "actors", _new_slug(content_dir, "actors", name, slug, force),
                       entry_text("actors", actor_fields(name, kind)))
    click.echo(path.as_posix())


@new.command("event")
@click.argument("title")
@click.option("--date", default=None, help="When it happened: 2025-04-01, 2025-04 or 2025.")
@click.option("--kind", type=click.Choice(EVENT_KINDS), default="other", show_default=True,
              help="What sort of event this is.")
@_slug_opt
@_force_opt
@_content_opt
def new_event(title: str, date: str | None, kind: str, slug: str | None, force: bool, content_dir: Path) -> None:
    """Start content/events/<slug>.md for TITLE."""
    title = _required(title, "TITLE")
    iso = _date(date)
    path = write_entry(content_dir, "events", _new_slug(content_dir, "events", title, slug, force),
                       entry_text("events", event_fields(title, iso, kind)))
    click.echo(path.as_posix())


@new.command("source")
@click.argument("title")
@click.option("--date", default=None, help="Publication date: 2025-04-01, 2025-04 or 2025.")
@click.option("--url", default="", help="Where the article can be read.")
@click.option("--outlet", default="", help="Who published it.")
@_slug_opt
@_force_opt
@_content_opt
def new_source(title: str, date: str | None, url: str, outlet: str, slug: str | None, force: bool,
               content_dir: Path) -> None:
    """Start content/sources/<slug>.md for TITLE (paste the article text into it)."""
    title = _required(title, "TITLE")
    iso = _date(date)
    path = write_entry(content_dir, "sources", _new_slug(content_dir, "sources", title, slug, force),
                       entry_text("sources", source_fields(title, iso, url.strip(), outlet.strip())))
    click.echo(path.as_posix())


def _required(value: str, what: str) -> str:
    value = value.strip()
    if not value:
        raise click.BadParameter("must not be empty", param_hint=what)
    return value


# --- init ----------------------------------------------------------------------------------

SITEGEN_INSTALL_PLACEHOLDER = "git+https://github.com/OWNER/sitegen.git"

PAGES_WORKFLOW = """\
# Publish this briefing on GitHub Pages: build the site on every push to main, upload site/.
# This file belongs at .github/workflows/pages.yml in the briefing's repository
# (`sitegen init` writes it there).
#
# One-time setup: in the repository's Settings > Pages, set "Source" to "GitHub Actions",
# and set SITEGEN below to where sitegen is installed from.
# The site is then at https://<owner>.github.io/<repository>/ (a project sub-path, which the
# relative links of a sitegen site handle; --base-url below makes feeds and the sitemap
# carry full addresses).
name: Publish site

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

env:
  # Where pip installs sitegen from. Note that "sitegen" on PyPI is a different project:
  # install this one from its repository (pin a tag or commit with @v0.1.0 or @<sha>).
  SITEGEN: "{install}"

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Install sitegen
        run: pip install "$SITEGEN"
      - name: Configure Pages
        id: pages
        uses: actions/configure-pages@v5
      - name: Build the site
        run: sitegen build --base-url "${{ steps.pages.outputs.base_url }}"
      - name: Upload site/
        uses: actions/upload-pages-artifact@v3
        with:
          path: site

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - name: Deploy to GitHub Pages
        id: deployment
        uses: actions/deploy-pages@v4
"""


def pages_workflow(install: str = SITEGEN_INSTALL_PLACEHOLDER) -> str:
    """The GitHub Pages workflow, installing sitegen from `install` (a pip requirement)."""
    return PAGES_WORKFLOW.replace("{install}", install)


def installed_from() -> str | None:
    """The VCS URL this sitegen was installed from (PEP 610), usable by pip in CI; else None."""
    try:
        raw = metadata.distribution("sitegen").read_text("direct_url.json")
        data = json.loads(raw) if raw else None
    except (metadata.PackageNotFoundError, ValueError, OSError):
        return None
    if not data or "vcs_info" not in data:
        return None
    url, vcs = data.get("url", ""), data["vcs_info"]
    if not url.startswith(("https://", "ssh://", "git@")) or vcs.get("vcs") != "git":
        return None
    ref = vcs.get("requested_revision") or vcs.get("commit_id")
    return f"git+{url}" + (f"@{ref}" if ref else "")


GITIGNORE = """\
# Built by sitegen build / sitegen serve; the workflow builds it again on every push.
site/
.sitegen/
# Left behind only if a build is killed midway.
.site-new-*/
.site-old-*/
"""


def config_text(title: str) -> str:
    return (
        "# Settings for this briefing. Every field is explained in docs/editing.md.\n"
        + frontmatter.dump_meta({"title": title}).rstrip("\n") + "  # the site's name, on every page\n"
        + "description: ''  # one sentence under the title on the home page\n"
        + "base_url: ''  # public address, e.g. https://example.org/briefing (feeds, sitemap)\n"
        + "language: en  # language of the content, for browsers and screen readers\n"
        + "author: ''  # who maintains the briefing, shown in the footer\n"
    )


def index_text(title: str) -> str:
    meta = frontmatter.dump_meta({"title": title})
    return f"""---
{meta}---

This briefing is new. Replace this text, in `content/_index.md`, with a short summary of
the topic: it is the first thing readers see on the home page.

To fill the briefing:

- put news articles (`.txt`, `.md` or `.html`) into `seeds/` and run `sitegen ingest`,
  or add one with `sitegen ingest path/to/article.txt`;
- or write entries by hand: `sitegen new actor "Name"`,
  `sitegen new event "What happened" --date 2025-04-01`, `sitegen new source "Headline"`;
- run `sitegen serve` and open the address it prints: the site rebuilds as you save.
"""


def _title_from(folder: Path) -> str:
    name = folder.resolve().name or "Briefing"
    words = re.sub(r"[-_.]+", " ", name).strip()
    if not words:
        return "Briefing"
    return words[:1].upper() + words[1:] if words != words.lower() else words.title()


def init_files(title: str, install: str = SITEGEN_INSTALL_PLACEHOLDER) -> dict[str, str]:
    """Every file of a new briefing folder, by relative path."""
    return {
        CONFIG_NAME: config_text(title),
        "content/_index.md": index_text(title),
        "content/sources/.gitkeep": "",
        "content/actors/.gitkeep": "",
        "content/events/.gitkeep": "",
        "seeds/.gitkeep": "",
        ".gitignore": GITIGNORE,
        ".github/workflows/pages.yml": pages_workflow(install),
    }


def _is_empty(folder: Path) -> bool:
    """Empty, or holding nothing but a fresh git repository."""
    return all(p.name == ".git" for p in folder.iterdir())


@click.command()
@click.argument("folder", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", default=None, help="Title of the briefing (default: from the folder name).")
@click.option("--force", is_flag=True, help="Use a folder that is not empty; existing files are kept.")
def init(folder: Path, title: str | None, force: bool) -> None:
    """Start a new, empty briefing folder FOLDER (default: the current folder).

    Writes sitegen.yaml, content/_index.md, empty content/sources, actors and events
    folders, an empty seeds/ folder, a .gitignore, and a GitHub Pages workflow.
    """
    if folder.exists() and not folder.is_dir():
        raise SitegenError(f"{folder} exists and is not a folder")
    if folder.is_dir() and not force and not _is_empty(folder):
        raise SitegenError(f"{folder} is not empty; use --force to add a briefing to it (existing files are kept)")
    title = (title or "").strip() or _title_from(folder)
    install = installed_from()
    created, kept = [], []
    for rel, text in init_files(title, install or SITEGEN_INSTALL_PLACEHOLDER).items():
        path = folder / rel
        if path.exists():
            kept.append(rel)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        created.append(rel)
    for rel in kept:
        click.echo(f"kept existing {(folder / rel).as_posix()}")
    where = folder.as_posix()
    click.echo(f"started briefing '{title}' in {where}/ ({len(created)} files)")
    if ".github/workflows/pages.yml" in created and not install:
        click.echo("to publish on GitHub Pages, set SITEGEN in .github/workflows/pages.yml to where "
                   "sitegen is installed from (see docs/hosting.md in sitegen's repository)")
    steps = [] if folder.resolve() == Path.cwd().resolve() else [f"cd {_shell_quote(where)}"]
    steps += ['sitegen new actor "Name"      (or put articles into seeds/ and run: sitegen ingest)',
              "sitegen serve                 (then open the address it prints)"]
    click.echo("next:\n" + "\n".join(f"  {s}" for s in steps))


def _shell_quote(text: str) -> str:
    return text if re.fullmatch(r"[\w./-]+", text) else "'" + text.replace("'", "'\\''") + "'"
