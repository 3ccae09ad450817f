"""The `sitegen` command line: build, ingest, check."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from sitegen import __version__
from sitegen.errors import ContentErrors, Problem, SitegenError


class Context:
    def __init__(self, quiet: bool = False, verbose: bool = False):
        self.quiet, self.verbose = quiet, verbose

    def info(self, message: str) -> None:
        if not self.quiet:
            click.echo(message)

    def detail(self, message: str) -> None:
        if self.verbose and not self.quiet:
            click.echo(message)


def build_summary(built, out_dir: Path, seconds: float) -> str:
    """One line: what a build did and how long it took."""
    if built.nothing_changed:
        return f"nothing changed: {out_dir}/ is up to date ({built.pages:,} pages, {seconds:.2f} s)"
    return (f"built {built.pages:,} pages in {seconds:.2f} s, {built.pages - built.rendered:,} unchanged; "
            f"{built.written:,} of {built.files:,} files written into {out_dir}/{built.content_note()}"
            f"{built.slow_search_note()}")


def _progress(obj: Context):
    """A progress bar over long work (rendering, the search index) on a terminal; nothing when
    output goes elsewhere, or for fewer items than `minimum`."""
    def wrap(items: list, label: str, minimum: int):
        if obj.quiet or len(items) < minimum or not sys.stderr.isatty():
            return items
        return _bar(items, label)

    def _bar(items: list, label: str):
        with click.progressbar(items, label=label, file=sys.stderr, show_pos=True) as bar:
            yield from bar

    return wrap


def _problems_out(problems: list[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


def verbosity(command):
    """-q/-v on every subcommand too, so `sitegen build -q` works like `sitegen -q build`."""

    def set_quiet(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        if value:
            ctx.ensure_object(Context).quiet = True

    def set_verbose(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        if value:
            ctx.ensure_object(Context).verbose = True

    command = click.option("-q", "--quiet", is_flag=True, expose_value=False, callback=set_quiet,
                           help="Print only errors.")(command)
    return click.option("-v", "--verbose", is_flag=True, expose_value=False, callback=set_verbose,
                        help="Print more detail.")(command)


# Commands whose modules are imported only when the command is run or listed: every build
# would otherwise pay 75 ms to import the development server and the scaffolding.
_LAZY_COMMANDS = {"init": "sitegen.scaffold", "new": "sitegen.scaffold", "serve": "sitegen.serve",
                  "approve": "sitegen.edit", "merge": "sitegen.edit", "rename": "sitegen.edit"}


class _Group(click.Group):
    """Turns user mistakes into one line on stderr and an exit code, never a traceback."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in _LAZY_COMMANDS and name not in self.commands:
            import importlib

            self.add_command(getattr(importlib.import_module(_LAZY_COMMANDS[name]), name))
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except ContentErrors as exc:
            _problems_out(exc.problems)
            click.echo(f"error: {len(exc.problems)} problem(s) in content; nothing was written", err=True)
            sys.exit(1)
        except SitegenError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted; nothing half-written was left behind", err=True)
            sys.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitegen")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.option("-v", "--verbose", is_flag=True, help="Print every file written.")
@click.pass_context
def main(ctx: click.Context, quiet: bool, verbose: bool) -> None:
    """sitegen turns a folder of news articles into a cross-linked static briefing site.

    Run it in a briefing folder: one with content/ (and optionally seeds/, templates/,
    sitegen.yaml).
    """
    ctx.obj = Context(quiet, verbose)


_seeds_opt = click.option("--seeds", "seeds_dir", default="seeds", show_default=True,
                          type=click.Path(file_okay=False, path_type=Path), help="Folder of raw articles.")
_content_opt = click.option("--content", "content_dir", default="content", show_default=True,
                            type=click.Path(file_okay=False, path_type=Path), help="Folder of entries.")


def _ingest_files(content: Path) -> dict[str, int]:
    """The files ingest keeps beside the entries (review files, its record) and their mtimes:
    compared before and after an ingest, they tell `-v` what it wrote and removed there."""
    from sitegen.load import SIDECAR_SUFFIX

    found = {}
    for path in [*content.glob(f"*/*{SIDECAR_SUFFIX}"), content / ".ingest.json"]:
        try:
            found[path.relative_to(content).as_posix()] = path.stat().st_mtime_ns
        except OSError:
            pass
    return found


def _run_ingest(obj: Context, root: Path, seeds_dir: Path, content_dir: Path):
    """Ingest, and with -v name the review files and record it wrote or removed."""
    from sitegen.ingest import ingest as run_ingest

    before = _ingest_files(content_dir) if obj.verbose else None
    result = run_ingest(root, seeds_dir, content_dir)
    if before is not None:
        after = _ingest_files(content_dir)
        for rel in sorted(after):
            if before.get(rel) != after[rel]:
                obj.detail(f"wrote content/{rel}")
        for rel in sorted(before.keys() - after.keys()):
            obj.detail(f"removed content/{rel}")
    return result


def _report_ingest(obj: Context, result, root: Path) -> None:
    store = result.store
    for rel in result.added_seeds:
        obj.info(f"added seed {rel}")
    for rel in store.created:
        obj.detail(f"created content/{rel}")
    for rel in store.updated:
        obj.detail(f"updated content/{rel}")
    for rel in store.merged:
        obj.info(f"merged new machine findings into hand-edited content/{rel}")
    for rel, sidecar, fields in store.conflicts:
        folder = rel.rsplit("/", 1)[0]
        obj.info(f"content/{rel}: edited by hand ({', '.join(fields)}); ingest's version written to "
                 f"content/{folder}/{sidecar} for review")
    for rel in store.kept_deleted:
        obj.detail(f"content/{rel} was deleted by hand; not recreated")
    for rel in store.removed:
        obj.info(f"removed content/{rel}: its sources no longer report it")
    for rel in store.kept_stale:
        obj.info(f"content/{rel}: its sources no longer report it; kept, as it is edited or linked to by hand")
    for rel, original in result.duplicates:
        obj.info(f"{rel}: same text as {original}; ingested once")
    for rel in result.missing_seeds:
        obj.info(f"{rel} is gone; its entries were kept")
    obj.info(f"ingested {result.seeds} seed(s): {len(store.created)} created, {len(store.updated)} updated, "
             f"{len(store.merged)} merged, {len(store.removed)} removed, {len(store.conflicts)} for review, "
             f"{store.unchanged} unchanged")


@main.command()
@verbosity
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@_seeds_opt
@_content_opt
@click.pass_obj
def ingest(obj: Context, paths: tuple[Path, ...], seeds_dir: Path, content_dir: Path) -> None:
    """Turn seeds into source, actor and event entries.

    PATHS are article files or folders (default: the seeds folder). Articles from outside
    the seeds folder are copied into it first; `-` reads one article from standard input.
    Entries edited by hand are never overwritten.
    """
    from sitegen.ingest import add_seed_files, add_seed_text

    root = Path.cwd()
    added = []
    files = [p for p in paths if str(p) != "-"]
    if any(str(p) == "-" for p in paths):
        added.append(add_seed_text(sys.stdin.buffer.read(), seeds_dir, root))
    added += add_seed_files(files, seeds_dir, root)
    if not seeds_dir.is_dir():
        raise SitegenError(f"no seeds folder '{seeds_dir}'; create it and put articles in it")
    result = _run_ingest(obj, root, seeds_dir, content_dir)
    result.added_seeds = added
    _problems_out(result.problems)
    _report_ingest(obj, result, root)
    if result.problems:
        sys.exit(1)


@main.command()
@verbosity
@_seeds_opt
@_content_opt
@click.option("--out", "out_dir", default="site", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder the site is written to.")
@click.option("--no-ingest", is_flag=True, help="Render content/ only; do not look at seeds.")
@click.option("--no-search", is_flag=True, help="Skip the full-text search index (faster local builds).")
@click.option("--base-url", default=None, help="Public URL of the site, overriding sitegen.yaml (for feeds and sitemap).")
@click.option("--full", is_flag=True, help="Render every page, ignoring what the last build left in .sitegen/.")
@click.pass_obj
def build(obj: Context, seeds_dir: Path, content_dir: Path, out_dir: Path, no_ingest: bool,
          no_search: bool, base_url: str | None, full: bool) -> None:
    """Ingest new or changed seeds, then render content/ into the site folder."""
    from sitegen.build import build_site
    from sitegen.config import load_config

    root = Path.cwd()
    start = time.perf_counter()
    failed = False
    if not no_ingest and seeds_dir.is_dir():
        from sitegen.ingest import seeds_changed

        if seeds_changed(root, seeds_dir, content_dir):
            result = _run_ingest(obj, root, seeds_dir, content_dir)
            _problems_out(result.problems)
            _report_ingest(obj, result, root)
            failed = bool(result.problems)
    if not content_dir.is_dir():
        raise SitegenError(f"no content folder '{content_dir}': run sitegen in a briefing folder, "
                           "or `sitegen init FOLDER` to start one")
    config = load_config(root)
    if base_url is not None:
        config.base_url = base_url.rstrip("/")
    built = build_site(root, content_dir, out_dir, config, search=not no_search, full=full,
                       progress=_progress(obj), say=obj.info, list_files=obj.verbose and not obj.quiet)
    for rel in built.written_paths:
        obj.detail(f"wrote {out_dir}/{rel}")
    for rel in built.removed_paths:
        obj.detail(f"removed {out_dir}/{rel}")
    obj.info(build_summary(built, out_dir, time.perf_counter() - start))
    if _held is not None:
        _held.append(built)
    if failed:
        sys.exit(1)


@main.command()
@verbosity
@_content_opt
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--rejected", is_flag=True,
              help="List what you deleted of ingest's findings, which it will not bring back.")
@click.pass_obj
def check(obj: Context, content_dir: Path, strict: bool, rejected: bool) -> None:
    """Validate every entry and every cross-reference."""
    from sitegen.check import check_links, check_records, check_warnings
    from sitegen.load import load_briefing

    if rejected:
        from sitegen.ingest.store import rejections

        for line in rejections(content_dir):
            click.echo(line)
        return

    root = Path.cwd()
    briefing, problems = load_briefing(root, content_dir)
    problems += check_links(briefing)
    warnings = check_warnings(briefing, content_dir)
    problems += check_records(briefing, content_dir, warnings)
    errors = sorted(p for p in problems if p.severity == "error")
    if strict:
        errors = sorted(errors + [Problem(w.path, w.line, w.message) for w in warnings])
        warnings = []
    _problems_out(errors)
    if obj.verbose or not obj.quiet:
        for w in sorted(warnings):
            click.echo(str(w), err=True)
    counts = f"{len(briefing.sources)} sources, {len(briefing.actors)} actors, {len(briefing.events)} events"
    if errors:
        click.echo(f"{len(errors)} error(s), {len(warnings)} warning(s) in {counts}", err=True)
        sys.exit(1)
    obj.info(f"ok: {counts}; {len(warnings)} warning(s)")


# What builds loaded, when `run` is the program: kept to its end, which frees it all at once.
_held: list | None = None


def run() -> None:
    """The `sitegen` program. It ends without freeing what a build loaded object by object
    (a tenth of a second or more for a large briefing); `main` is the command group itself,
    for tests and other Python code."""
    global _held
    _held = []
    try:
        main()  # standalone: it always ends by raising SystemExit
        code: int | str | None = 0
    except SystemExit as exc:
        code = exc.code
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code or 0)
