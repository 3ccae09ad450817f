"""Build: load entries -> validate -> resolve links -> pages -> render what changed -> bring a
spare copy of the site up to date (or write a new one) -> index it for search -> swap it in.
A failure at any step leaves the previous site intact."""

from __future__ import annotations

import gc
import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, MutableMapping

from sitegen.buildstate import (
    FORMAT, Inputs, StaleIndex, State, build_lock, cache_dir, code_signature, digest, forget_inputs,
    input_signature, read_inputs, read_links, read_state, write_links, write_state,
)
from sitegen.config import SiteConfig, load_config
from sitegen.editions import Edition, Editions
from sitegen.redirects import read_redirects
from sitegen.errors import ContentErrors, Problem
from sitegen.output import (
    SiteUpdate, check_output_folder, file_signatures, link_copy, site_id_of, site_signature,
    still_as_recorded,
)
from sitegen.parallel import Background, InChild, beside, fork_workers, share_chunks
from sitegen.theme import theme_dirs

if TYPE_CHECKING:
    from sitegen.fingerprint import Fingerprints
    from sitegen.searchindex import SearchIndex
    from sitegen.pages import Dep, Page


SLOW_SEARCH = 5.0  # seconds: a search index taking longer is named in the summary line
SEARCH_BODY = b"data-pagefind-body"  # marks a page for the search index (Pagefind's attribute)


@dataclass
class BuildResult:
    pages: int = 0
    files: int = 0
    problems: list[Problem] = field(default_factory=list)
    search: bool = False
    rendered: int = 0  # pages rendered this time; the others were unchanged
    written: int = 0  # files new or changed in the site
    nothing_changed: bool = False  # no input changed since the last build: nothing was done
    search_seconds: float = 0.0  # how long the search index took, when it was made
    search_parts: int = 0  # parts of the search index
    search_indexed: int = 0  # of them, indexed by this build (the others were unchanged)
    edition: Edition | None = None  # what changed in the content, when it did
    # Site files (relative paths) this build wrote and removed; listed only when asked for.
    written_paths: list[str] = field(default_factory=list)
    removed_paths: list[str] = field(default_factory=list)
    # What the build loaded. A program about to exit keeps it to the end (see `cli.run`) rather
    # than free its millions of objects one by one.
    retained: tuple = field(default=(), repr=False, compare=False)

    def content_note(self) -> str:
        """A clause for the summary line: what changed in the content."""
        if self.edition is None:
            return "; no content changed"
        return f"; {self.edition.summary()} (edition {self.edition.number})"

    def slow_search_note(self, command: str = "") -> str:
        """A clause for the summary line, such as "; the search index took 27.10 s for 16 of its 16
        parts (--no-search skips it)", when the index took long enough to be worth skipping while
        editing; else ""."""
        if self.search_seconds < SLOW_SEARCH:
            return ""
        parts = f" for {self.search_indexed:,} of its {self.search_parts:,} parts" if self.search_parts > 1 else ""
        return f"; the search index took {self.search_seconds:.2f} s{parts} ({command}--no-search skips it)"


EXPORT_JSON = "data/briefing.json"
# Dependencies whose change leaves every page's list of dependencies and every link table as
# they were: entries' texts, and what the editions say (the data files do not show them).
TEXT_LIKE = ("full", "edition")

# (items, what is being done, fewest items worth a bar) -> the same items, shown going by
Progress = Callable[[list, str, int], Iterable]
RENDER_PROGRESS_MIN = 200  # pages: fewer render in a blink
SEARCH_PROGRESS_MIN = 3  # parts of the search index: each takes Pagefind a second or two


def no_progress(items: list, label: str, minimum: int) -> list:
    return items



def build_site(root: Path, content: Path, out: Path, config: SiteConfig | None = None,
               search: bool = True, full: bool = False, progress: Progress | None = None,
               say: Callable[[str], None] | None = None, list_files: bool = False) -> BuildResult:
    """Build the site from content/ into `out`, re-rendering only what changed since the last
    build (`full` renders every page), and record an edition when the content changed.
    `list_files`: name the site files written and removed in the result. Raises ContentErrors
    (nothing written) on any content error, SitegenError (previous site kept) if writing or
    indexing fails."""
    config = config or load_config(root)
    check_output_folder(out, root, [content, root / "seeds", root / "templates", root / "sitegen.yaml"])
    with build_lock(root, say):
        return _build(root, content, out, config, search, full, progress or no_progress, list_files)


def _build(root: Path, content: Path, out: Path, config: SiteConfig, search: bool, full: bool,
           progress: Progress, list_files: bool = False) -> BuildResult:
    out = out.resolve()
    themes = theme_dirs(root)
    code = digest(FORMAT, code_signature())
    options = digest(code, str(out), search, config)
    # The site's walk runs beside the inputs' and beside reading the last build's state when an
    # input changed.
    site_walk = beside(site_signature, out)
    try:
        return _build_if_changed(root, content, out, config, search, full, progress, themes, code, options, site_walk,
                                 list_files)
    finally:
        site_walk.close()


def _build_if_changed(root: Path, content: Path, out: Path, config: SiteConfig, search: bool, full: bool,
                      progress: Progress, themes: list[Path], code: str, options: str,
                      site_walk: Background | InChild, list_files: bool) -> BuildResult:
    signature, racy = input_signature([content, *themes], [root / "sitegen.yaml"])
    current_id = site_id_of(out)
    previous = None if full else read_inputs(root)
    if (previous is not None and previous.options == options and previous.signature == signature
            and not previous.racy and previous.site_id and previous.site_id == current_id
            and previous.site_files == site_walk.result()
            and still_as_recorded(out, previous.search_files)):
        return BuildResult(pages=previous.pages, files=previous.files, search=search, nothing_changed=True)
    forget_inputs(root)
    # Loading makes millions of objects that live to the end of the build; the collector's full
    # passes over them cost seconds and find nothing. It is paused while loading, and what was
    # loaded is frozen out of its sight before rendering (which also keeps forked helpers'
    # copy-on-write pages shared).
    collecting = gc.isenabled()
    gc.disable()
    opened: list = []  # the build state's records files, open while the build reads entries from them
    try:
        return _build_changes(root, content, out, config, search, full, progress, themes, code, options,
                              signature, racy, current_id, site_walk, opened, list_files)
    finally:
        for file in opened:
            file.close()
        gc.unfreeze()
        if collecting:
            gc.enable()


def _build_changes(root: Path, content: Path, out: Path, config: SiteConfig, search: bool, full: bool,
                   progress: Progress, themes: list[Path], code: str, options: str,
                   signature: dict[str, tuple], racy: bool, current_id: str,
                   site_walk: Background | InChild, opened: list, list_files: bool) -> BuildResult:
    # The pipeline is imported only now: a build with nothing to do never pays for Jinja & co.
    from sitegen.check import check_links
    from sitegen.exports import ITEM_TABLES, PreviousFile, data_files, patch_briefing_json
    from sitegen.fingerprint import Fingerprints
    from sitegen.links import pack, resolve, unpack
    from sitegen.load import load_briefing
    from sitegen.pages import WORLD, build_pages, last_updated
    from sitegen.render import hashed_assets, make_environment, static_files

    state = read_state(root, opened) if not full else None
    if state is None or state.code != code:
        state = State(code=code)
    records = state.records
    spare_dir = spare_folder(root, out)
    briefing, problems = load_briefing(root, content, cache=records, signatures=signature)
    fingerprints = Fingerprints(briefing, None, records, "", code)
    world = fingerprints.dep(WORLD)
    # The link check and the briefing's date read front matter and which entries there are, all
    # in WORLD: when it is unchanged they are what they were, and the articles need not be read
    # for them. (The last build found no broken reference, or it would not have been saved.)
    same_world = world == state.world
    if not same_world:
        problems += check_links(briefing, _front_matter_changed(state, fingerprints))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ContentErrors(sorted(errors))
    editions = Editions.load(content)
    redirects = read_redirects(content)
    edition = editions.compare(briefing, fingerprints.entry_digests("full"), {(r.kind, r.old): r.new for r in redirects})
    fingerprints.editions = editions
    updated = state.updated if same_world else last_updated(briefing)
    assets, static = hashed_assets(static_files(root))
    env = make_environment(root, assets, config.allow_html, compiled=cache_dir(root) / "templates")
    own_theme = len(themes) > 1  # a briefing's own templates may show anything: render every page
    title = str(briefing.index_meta.get("title") or config.title)
    # Merges and renames are rare, and change the pages there are: every page is keyed again.
    global_key = digest(options, theme_digest(themes), assets, title, updated, redirects)
    fingerprints.global_key = global_key

    # The site in place is trusted file by file: what someone changed or removed there is rebuilt.
    trusted = bool(state.site_id) and state.site_id == current_id
    # With the same entries and global key as the last build, only the pages that depend on
    # something that changed need their key computed (see Fingerprints.changes_since); the link
    # tables are read back when their inputs are unchanged, and compared with the new ones when not.
    entry_keys = {("source", s) for s in briefing.sources} | {("actor", s) for s in briefing.actors} \
        | {("event", s) for s in briefing.events}
    reaching = trusted and not own_theme and bool(state.dep_pages) and state.global_key == global_key \
        and state.full_digests.keys() == entry_keys
    last_links = read_links(root, code, state.world) if reaching or same_world else None
    links = unpack(last_links) if same_world and last_links is not None else None
    resolved = links is None
    packed = None
    if resolved:
        links = resolve(briefing)
        if reaching:
            # Pickled table by table now, to be compared with the last build's tables byte for
            # byte before any is compared row by row; saved for the next build at the end. (Else
            # only at the end: not held while pages are rendered.)
            packed = pack(links)
    fingerprints.links = links
    current_files = site_walk.result()
    old = _unchanged(state.manifest, state.site_files, current_files) if trusted else {}
    changed = fingerprints.changes_since(state.full_digests, state.card_digests, state.name_digests, state.world,
                                         last_links, packed) if reaching else None
    if changed is not None and state.editions != editions.digest():
        changed |= editions.changed_deps()
    del last_links
    plan = _plan(state, fingerprints, changed, old, lambda only: build_pages(
        briefing, links, config, search=search, only=only, updated=updated, redirects=redirects,
        editions=editions))
    pages, changed = plan.pages, plan.changed
    page_keys = dict(plan.kept)
    manifest = {p: old[p] for p in page_keys}
    # Only the texts of entries changed: their records are put in place in data/briefing.json.
    texts_only = changed is not None and all(dep[0] in TEXT_LIKE for dep in changed)

    def spare() -> tuple[Path | None, dict[str, str] | None, set[str], dict[str, tuple]]:
        recorded = state.spare_manifest
        if spare_dir is None or recorded is None or not state.spare_id or site_id_of(spare_dir) != state.spare_id:
            return spare_dir, None, set(), {}
        # Only the files it was recorded to hold are taken from it, so their stat signatures are
        # all that is needed. Every other file it holds (put into the site by hand before it was
        # replaced) was seen by that build's walk of the site, and is removed.
        now = file_signatures(spare_dir, recorded)
        return spare_dir, _unchanged(recorded, state.spare_files, now), {*recorded, *state.spare_files}, now

    # Changed files go straight into the stage folder as they are made (not held in memory).
    update = SiteUpdate(out, trusted, spare, keep_index=search)
    spare_copy: InChild | Background | None = None
    written = 0
    search_seconds = 0.0
    search_indexed = 0

    def put(path: str, data: bytes | Iterable[bytes], version: str | None = None) -> None:
        """`version`: a digest of what the file is made of, given instead of its content's (as it
        must be for a file given in pieces)."""
        nonlocal written
        manifest[path] = version or file_digest(data)
        if old.get(path) != manifest[path]:
            update.write(path, data)
            written += 1

    try:
        def key_pages(pages: list[Page]) -> list[Page]:
            """Key the pages; those whose key and file are as the last build left them are kept."""
            dirty = []
            for page in pages:
                key = None if own_theme else fingerprints.page_key(page)
                if key is not None:
                    page_keys[page.path] = key
                    if key == state.page_keys.get(page.path) and page.path in old:
                        manifest[page.path] = old[page.path]
                        continue
                dirty.append(page)
            return dirty

        # With no page keys from a last build, every page is made: they are keyed (for the next
        # build) while the helpers render, not before they start.
        key_later = not state.page_keys
        dirty = pages if key_later else key_pages(pages)
        gc.freeze()
        gc.enable()

        def save(path: str, data: bytes) -> tuple[str, bool, bool]:
            """Runs where the page was rendered, a worker or this process."""
            made = file_digest(data)
            searchable = SEARCH_BODY in data
            if old.get(path) == made:
                return made, False, searchable
            update.write(path, data)
            return made, True, searchable

        everything = fingerprints.everything()
        exports_key = digest(global_key, everything)
        # data/briefing.json is known by what it is made of, not by hashing its 70 MB: the
        # entries (the link tables are made of them), the config, the title and the date. Not
        # the output folder or the code's files, so that its marker is the same in any build.
        exports_version = "made-of-" + digest(everything, config, title, updated)
        export_spans, exports = state.export_spans, state.exports

        def make_exports() -> None:
            """The data files; made while the helpers render, before this process takes its share."""
            if exports_key == state.exports_key and exports and all(p in old for p in exports):
                manifest.update({p: old[p] for p in exports})
                return
            previous = None
            if EXPORT_JSON in old and export_spans:
                try:  # unchanged records are copied from the file in place, exactly as recorded
                    previous = PreviousFile(out / EXPORT_JSON, export_spans)
                except OSError:
                    pass
            try:
                make_exports_from(previous)
            finally:
                if previous is not None:
                    previous.close()

        def make_exports_from(previous: PreviousFile | None) -> None:
            nonlocal export_spans, exports
            edited = sorted(dep[1:] for dep in changed or () if dep[0] == "full")
            if texts_only and previous is not None and all(p in old for p in exports) \
                    and all(item in export_spans for item in edited):
                # The other data files show no entry's text.
                pieces, export_spans = patch_briefing_json(briefing, links, previous, {
                    item: fingerprints.item_key(*item, ITEM_TABLES[item[0]]) for item in edited})
                manifest.update({p: old[p] for p in exports if p != EXPORT_JSON})
                put(EXPORT_JSON, pieces, exports_version)
                return
            recorded = export_spans if changed is not None else {}

            def key_of(kind: str, slug: str, tables: tuple[str, ...]) -> str:
                # A record none of whose inputs changed has the key it had.
                span = recorded.get((kind, slug))
                if span is not None and ("full", kind, slug) not in changed \
                        and not any(("links", table, slug) in changed for table in tables):
                    return span[0]
                return fingerprints.item_key(kind, slug, tables)

            files, export_spans = data_files(briefing, links, config, key_of, previous)
            exports = sorted(files)
            for path in exports:
                data = files.pop(path)
                put(path, data, exports_version if path == EXPORT_JSON else None)
                if not isinstance(data, bytes):
                    for _ in data:  # pieces not written (the file is as it was): the spans are still made
                        pass

        parallel_min = 2 if len(entry_keys) >= BIG_BRIEFING else PARALLEL_MIN

        def make_disk_index() -> None:
            """The search index a page opened from disk uses; made of what the exports are. When
            only entries' texts changed, their pages are put in place in the index in the site
            (every article need not be read)."""
            from sitegen.diskindex import DISK_INDEX, disk_index_script, patch_disk_index

            if not search:
                return
            if exports_key == state.exports_key and DISK_INDEX in old:
                manifest[DISK_INDEX] = old[DISK_INDEX]
                return
            data = None
            if texts_only and DISK_INDEX in old:
                try:
                    previous = (out / DISK_INDEX).read_bytes()
                except OSError:
                    previous = b""
                if file_digest(previous) == old[DISK_INDEX]:
                    data = patch_disk_index(previous, briefing, sorted(dep[1:] for dep in changed if dep[0] == "full"))
            put(DISK_INDEX, data if data is not None else disk_index_script(briefing, links))

        def meanwhile() -> None:
            make_exports()
            make_disk_index()
            if key_later:
                key_pages(pages)

        # The pages Pagefind indexes: those marked so when they were last rendered.
        searchable = set(state.searchable)
        for page, made, wrote, marked in render_pages(env, dirty, progress, save, update.open, meanwhile,
                                                      parallel_min):
            manifest[page.path] = made
            if wrote:
                update.written.add(page.path)
                written += 1
            if marked:
                searchable.add(page.path)
            else:
                searchable.discard(page.path)
        searchable.intersection_update(manifest)
        for path, data in static.items():
            put(path, data)

        site_id = digest(sorted(manifest.items()))
        spare_id, spare_manifest = state.spare_id, state.spare_manifest
        search_index = state.search_index if search else None
        # The site in place is left as it is when no file of it would change, unless its search
        # index was damaged since.
        if not (trusted and site_id == state.site_id and manifest == old
                and (not search or (search_index is not None and still_as_recorded(out, search_index.files)))):
            from sitegen.searchindex import index_site  # only a build that writes needs it

            def index_for_search(stage: Path) -> None:
                nonlocal search_seconds, search_index, search_indexed
                started = time.perf_counter()
                # Pagefind's rule: with no page marked, every page is indexed.
                pages = {p: manifest[p] for p in searchable} if searchable else \
                    {p: d for p, d in manifest.items() if p.endswith(".html")}
                search_index = index_site(stage, pages, state.search_index.parts if state.search_index else {},
                                          out if out.is_dir() else None,
                                          out.parent / f".{out.name}-new-{os.getpid()}-search-",
                                          lambda parts: progress(parts, "search index", SEARCH_PROGRESS_MIN))
                search_seconds = time.perf_counter() - started
                search_indexed = search_index.indexed

            kept = update.finish(manifest, site_id, before_swap=index_for_search if search else None)
            spare_id, spare_manifest = (state.site_id, old) if kept and trusted else ("", None)
            spare_files = current_files if kept and trusted else {}  # what the replaced site held
            site_files = update.site_files if update.site_files is not None else site_signature(out)
            if not kept and spare_dir is not None and len(entry_keys) >= BIG_BRIEFING:
                # No copy of a last site was kept (a first build): the new one is linked into place
                # as the spare (while the state is saved), or the first edit after a full build
                # would link every file then, half a second at 10,000 entries.
                spare_copy = beside(link_copy, out, spare_dir, list(manifest), site_id)
                spare_id, spare_manifest, spare_files = site_id, dict(manifest), site_files
        else:
            update.discard()  # a stage opened for render helpers that wrote nothing new
            spare_files = state.spare_files
            site_files = current_files  # nothing was written
    except BaseException:
        update.discard()
        raise
    editions_digest = editions.digest()  # the same once the new record is saved and read back
    if editions.save():
        # The editions folder is not an input, but making it moved the content folder's mtime.
        info = os.stat(content)
        signature[str(content)] = ("dir", info.st_mtime_ns, info.st_ino)
    result = BuildResult(pages=plan.count, files=len(manifest), problems=problems, search=search,
                         rendered=len(dirty), written=written, search_seconds=search_seconds,
                         search_parts=len(search_index.parts) if search_index is not None else 0,
                         search_indexed=search_indexed, edition=edition,
                         retained=(state, briefing, links, pages, fingerprints))
    if list_files and site_files is not current_files:
        result.written_paths, result.removed_paths = _files_changed(
            update.written, manifest, current_files, state.search_index, search_index)
    new_state = State(code=code, records=records, page_keys=page_keys, exports_key=exports_key,
                      exports=exports, export_spans=export_spans, manifest=manifest, site_id=site_id,
                      site_files=site_files,
                      spare_manifest=spare_manifest, spare_id=spare_id, spare_files=spare_files,
                      searchable=searchable, search_index=search_index,
                      world=world, global_key=global_key, updated=updated, editions=editions_digest,
                      full_digests=plan.digests[0],
                      card_digests=plan.digests[1], name_digests=plan.digests[2], dep_pages=plan.dep_pages,
                      deps_id=state.deps_id, deps_changed=plan.deps_changed, loaded=state.loaded)
    inputs = Inputs(options=options, signature=signature, racy=racy, site_id=site_id, site_files=site_files,
                    search_files=search_index.files if search_index is not None else {},
                    pages=result.pages, files=result.files)
    try:
        if resolved and not own_theme:
            write_links(root, code, world, packed if packed is not None else pack(links))
        write_state(root, inputs, new_state)
    except OSError:
        forget_inputs(root)  # the site is built; only the next build's shortcut is lost
    finally:
        if spare_copy is not None:
            spare_copy.result()  # made or not: a copy without its marker is never used
    return result


def _files_changed(written: set[str], manifest: dict[str, str], before: dict[str, tuple],
                   old_index: SearchIndex | None, new_index: SearchIndex | None) -> tuple[list[str], list[str]]:
    """The site files a build wrote and removed (search index included), each list sorted."""
    old_search = old_index.files if old_index is not None else {}
    new_search = new_index.files if new_index is not None else {}
    wrote = set(written) | {p for p, sig in new_search.items() if old_search.get(p) != sig}
    removed = (before.keys() - manifest.keys()) | (old_search.keys() - new_search.keys())
    return sorted(wrote), sorted(removed)


def _front_matter_changed(state: State, fingerprints: Fingerprints) -> set[tuple[str, str]] | None:
    """The entries (kind, slug) whose front matter changed since the last build, if it had the
    same entries; else None. Its references were all good (or its state would not have been
    saved), and with the same entries only a changed front matter can name one that is not."""
    if not state.card_digests:
        return None
    now = fingerprints.entry_digests("card")
    if now.keys() != state.card_digests.keys():
        return None
    return {entry for entry, d in now.items() if state.card_digests[entry] != d}


@dataclass
class _Plan:
    """The pages a build makes and keys, and what it records of them for the next build."""

    pages: list[Page]  # to be keyed, and rendered if their key changed
    count: int  # pages in the site
    kept: dict[str, str]  # path -> key of each page not made: it depends on nothing that changed
    changed: set[Dep] | None  # what changed since the last build; None: every page is made
    dep_pages: MutableMapping[Dep, list[str]]
    deps_changed: bool
    digests: tuple[dict, dict, dict]  # every entry's whole, front matter and name digests


def _plan(state: State, fingerprints: Fingerprints, changed: set[Dep] | None, old: dict[str, str],
          make_pages: Callable[[set[str] | None], list[Page]]) -> _Plan:
    """With `changed` known, only the pages that depend on something in it are made (and those
    whose file in the site changed); every other page keeps its key. Else every page is made."""
    if changed is not None:
        try:
            wanted = {path for dep in changed for path in state.dep_pages.get(dep, ())}
            wanted.update(path for path in state.page_keys if path not in old)
            pages = make_pages(wanted)
            # A page's dependencies come from front matter and link rows (see pages.Page): when
            # only texts changed (and so no link row), every page depends on what it did.
            texts_only = all(dep[0] in TEXT_LIKE for dep in changed)
            added = False if texts_only else _add_deps(state.dep_pages, pages)
        except StaleIndex:
            changed = None  # the index is not this state's: take the long way
        if changed is not None and len(pages) == len(wanted):  # else the page list is not what it was
            edited = [dep[1:] for dep in changed if dep[0] == "full"]
            digests = tuple({**before, **fingerprints.entry_digests(what, edited)} for what, before in
                            (("full", state.full_digests), ("card", state.card_digests), ("name", state.name_digests)))
            return _Plan(pages, len(state.page_keys), {p: k for p, k in state.page_keys.items() if p not in wanted},
                         changed, state.dep_pages, added, digests)
    pages = make_pages(None)
    return _Plan(pages, len(pages), {}, None, _pages_by_dep(pages), True,
                 tuple(fingerprints.entry_digests(what) for what in ("full", "card", "name")))


def _pages_by_dep(pages: list[Page]) -> dict[Dep, list[str]]:
    """Each dependency -> the pages that depend on it."""
    out: dict[Dep, list[str]] = {}
    for page in pages:
        path = page.path
        for dep in page.deps:
            paths = out.get(dep)
            if paths is None:
                out[dep] = [path]
            else:
                paths.append(path)
    return out


def _add_deps(index: MutableMapping[Dep, list[str]], pages: list[Page]) -> bool:
    """Record what `pages` depend on now; whether that added anything. What they no longer
    depend on is left: it only makes a later build look at them once more (a full pass makes the
    index afresh)."""
    added = False
    for dep, paths in _pages_by_dep(pages).items():
        have = index.get(dep)
        if have is None:
            index[dep] = paths
            added = True
            continue
        known = set(have)  # a name may be shown on thousands of pages
        new = [path for path in paths if path not in known]
        if new:
            have.extend(new)
            added = True
    return added


PARALLEL_MIN = 400  # pages: below this, starting workers costs more than it saves...
BIG_BRIEFING = 2000  # ...unless the briefing has this many entries: then its index and actor
# pages are heavy (a list of every source, an actor named by thousands), and two are enough.
CHUNK = 64
MAX_CHUNKS = 8192  # chunks handed out through one pipe (see parallel.share_chunks)

Save = Callable[[str, bytes], tuple[str, bool, bool]]  # (path, data) -> (digest, written?, searchable?)


def render_pages(env, pages: list[Page], progress: Progress, save: Save,
                 before_fork: Callable[[], object] = lambda: None,
                 meanwhile: Callable[[], object] = lambda: None,
                 parallel_min: int = PARALLEL_MIN) -> Iterator[tuple[Page, str, bool, bool]]:
    """Render in order and `save` each page where it was rendered: on several cores, by this
    process and forked helpers that inherit the loaded briefing and write their pages themselves,
    so page bytes never travel between processes. Yields each page with what `save` returned, in
    order. `meanwhile` runs in this process once, first, while the helpers render.

    Pages are independent, so the output is the same for any number of processes."""
    from sitegen.render import render_page

    templates: dict = {}
    workers = fork_workers(len(pages), max(parallel_min, 2))
    if not workers:
        meanwhile()
        for page in progress(pages, "rendering", RENDER_PROGRESS_MIN):
            yield page, *save(page.path, render_page(env, page, templates))
        return
    before_fork()
    size = max(1, min(CHUNK, len(pages) // (workers * 4)))  # a few pages: one at a time, for balance
    size = max(size, -(-len(pages) // MAX_CHUNKS))
    starts = range(0, len(pages), size)

    def run(k: int) -> list[tuple[str, bool, bool]]:
        return [save(page.path, render_page(env, page, templates)) for page in pages[starts[k]:starts[k] + size]]

    done: dict[int, list[tuple[str, bool, bool]]] = {}
    ticks = iter(progress(pages, "rendering", RENDER_PROGRESS_MIN))
    k_next = 0
    for k, saved in share_chunks(len(starts), run, workers - 1, meanwhile):
        done[k] = saved
        while k_next in done:  # handed on in page order
            for i, result in enumerate(done.pop(k_next), starts[k_next]):
                next(ticks, None)
                yield pages[i], *result
            k_next += 1
    for _ in ticks:  # let the bar see its end
        pass


def _unchanged(manifest: dict[str, str], recorded: dict[str, tuple], now: dict[str, tuple]) -> dict[str, str]:
    """The part of `manifest` whose files are still exactly as recorded."""
    return {rel: d for rel, d in manifest.items() if rel in recorded and now.get(rel) == recorded[rel]}


def file_digest(data: bytes) -> str:
    # SHA-256 runs in the processor's SHA instructions: twice blake2b's speed over the 384 MB a
    # 10,000-entry site writes.
    return hashlib.sha256(data).hexdigest()[:32]


def theme_digest(themes: list[Path]) -> str:
    h = hashlib.blake2b(digest_size=16)
    for theme in themes:
        for path in sorted(theme.rglob("*")):
            if path.is_file():
                h.update(path.relative_to(theme).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def spare_folder(root: Path, out: Path) -> Path | None:
    """Where the replaced site is kept for the next build to update; only on the output's own
    file system, where it can be swapped in with a rename."""
    folder = cache_dir(root)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if folder.stat().st_dev != out.parent.stat().st_dev:
            return None
    except OSError:
        return None
    return folder / "previous-site"


