"""Incremental builds: after any edit, a rebuild that reuses the last build's work produces
exactly the site a fresh full build produces, writes only what changed, and does nothing at
all when nothing changed."""

from __future__ import annotations

import os
import pickle
import re
import shutil
import time
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner

from sitegen.build import build_site
from sitegen.buildstate import _shard, cache_dir, read_state
from sitegen.cli import main
from sitegen.config import load_config
from sitegen.theme import builtin_theme_dir

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the example briefing (entries and config; no seeds: builds do not ingest)."""
    root = tmp_path / "example"
    root.mkdir()
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "sitegen.yaml", root / "sitegen.yaml")
    # As if copied a while ago: a file changed within the clock's resolution is never trusted
    # by its stat alone, so a build straight after the copy could not show the shortcut.
    past = time.time_ns() - 60_000_000_000
    for path in [root, *root.rglob("*")]:
        os.utime(path, ns=(past, past))
    return root


def build(root: Path, **kw):
    return build_site(root, root / "content", root / "site", load_config(root), search=False, **kw)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def fresh_build(root: Path, tmp: Path) -> dict[str, bytes]:
    """The same briefing built from nothing, in another folder with no cache."""
    other = tmp / f"fresh-{len(list(tmp.glob('fresh-*')))}"
    shutil.copytree(root, other, ignore=shutil.ignore_patterns("site", ".sitegen"))
    build(other)
    return tree(other / "site")


def assert_same_as_fresh(root: Path, tmp: Path) -> None:
    got, want = tree(root / "site"), fresh_build(root, tmp)
    assert sorted(got) == sorted(want)
    differ = [path for path in want if got[path] != want[path]]
    assert differ == []


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _touch_later(path: Path) -> None:
    """Edits in a test come faster than a coarse clock ticks: move mtime on explicitly."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, max(info.st_mtime_ns, time.time_ns() - 30_000_000_000) + 1_000_000))


def _a_source(root: Path) -> Path:
    return sorted((root / "content/sources").glob("*.md"))[0]


def _marked_before(root: Path, *but: str) -> set[str]:
    """The pages of the entries the briefing's latest edition marks as changed (other than `but`'s
    slugs): a new edition makes them again, as they no longer say so."""
    import json

    editions = sorted((root / "content/.editions").glob("[0-9]*.json"))
    latest = json.loads(editions[-1].read_text(encoding="utf-8")) if editions else {"entries": []}
    return {f"{e['kind']}s/{e['slug']}/index.html" for e in latest["entries"] if e["slug"] not in but}


def _an_actor(root: Path, slug: str = "hungary") -> Path:
    return root / "content/actors" / f"{slug}.md"


def source_body(root: Path) -> None:
    path = _a_source(root)
    path.write_text(path.read_text(encoding="utf-8") + "\nA paragraph an editor added, naming Hungary.\n",
                    encoding="utf-8")


def source_title(root: Path) -> None:
    _edit(_a_source(root), "\ntitle: ", "\ntitle: Edited, ")


def actor_name(root: Path) -> None:
    _edit(_an_actor(root), "\nname: Hungary", "\nname: Hungary (edited)")


def actor_alias(root: Path) -> None:
    _edit(_an_actor(root, "serbia"), "\naliases:\n", "\naliases:\n- Republic of Serbia\n")


def actor_role_and_text(root: Path) -> None:
    path = _an_actor(root, "aleksandar-vucic")
    _edit(path, "\nrole: ", "\nrole: Edited, ")
    path.write_text(path.read_text(encoding="utf-8") + "\nHe met Viktor Orbán in Belgrade.\n", encoding="utf-8")


def event_date(root: Path) -> None:
    path = root / "content/events/2025-05-23-viktor-orban-visit-to-belgrade.md"
    _edit(path, "\ndate: '2025-05-23'", "\ndate: '2025-05-24'") if "'2025-05-23'" in path.read_text() \
        else _edit(path, "\ndate: 2025-05-23", "\ndate: 2025-05-24")


def event_participant(root: Path) -> None:
    path = root / "content/events/2025-05-23-viktor-orban-visit-to-belgrade.md"
    _edit(path, "\nparticipants:\n", "\nparticipants:\n- nato\n")


def new_source(root: Path) -> None:
    (root / "content/sources/an-added-article.md").write_text(
        "---\ntitle: An added article\noutlet: Example Wire\npublished: 2025-06-02\n"
        "actors: [serbia, hungary]\n---\nSerbia and Hungary met again, Example Wire reports.\n", encoding="utf-8")


def index_summary(root: Path) -> None:
    _edit(root / "content/_index.md", "\nIn spring 2025", "\nEdited. In spring 2025")


def config_title(root: Path) -> None:
    path = root / "sitegen.yaml"
    path.write_text(re.sub(r"(?m)^title: .*$", "title: An edited title", path.read_text(encoding="utf-8")),
                    encoding="utf-8")


def own_template(root: Path) -> None:
    (root / "templates").mkdir(exist_ok=True)
    text = (builtin_theme_dir() / "actor.html").read_text(encoding="utf-8")
    (root / "templates/actor.html").write_text(text.replace("<h1", '<h1 class="own-theme"', 1), encoding="utf-8")


def own_stylesheet(root: Path) -> None:
    (root / "templates/static").mkdir(parents=True, exist_ok=True)
    css = (builtin_theme_dir() / "static/site.css").read_text(encoding="utf-8")
    (root / "templates/static/site.css").write_text(css + "\n.own-theme { color: teal; }\n", encoding="utf-8")


EDITS: list[Callable[[Path], None]] = [
    source_body, source_title, actor_name, actor_alias, actor_role_and_text, event_date,
    event_participant, new_source, index_summary, config_title, own_template, own_stylesheet,
]


def feed_slugs(root: Path) -> set[str]:
    """The slugs of the sources and events the site's feed lists."""
    return set(re.findall(r"/(?:sources|events)/([\w-]+)/index\.html", (root / "site/feed.xml").read_text(encoding="utf-8")))


# Pages every edit renders again, for the edition it makes: "What's new" and the feed.
EDITION_PAGES = 2


def _apply(edit: Callable[[Path], None], root: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file() and ".sitegen" not in p.parts}
    edit(root)
    for p in root.rglob("*"):
        if p.is_file() and ".sitegen" not in p.parts and "site" not in p.relative_to(root).parts[:1] \
                and before.get(p) != p.stat().st_mtime_ns:
            _touch_later(p)


@pytest.mark.parametrize("edit", EDITS, ids=[e.__name__ for e in EDITS])
def test_rebuild_after_one_edit_equals_a_fresh_build(example: Path, tmp_path: Path, edit) -> None:
    build(example)
    _apply(edit, example)
    result = build(example)
    assert not result.nothing_changed
    assert_same_as_fresh(example, tmp_path)


def test_rebuilds_after_a_sequence_of_edits_equal_fresh_builds(example: Path, tmp_path: Path) -> None:
    """Each rebuild updates the spare copy the previous one left: checked over many generations."""
    from sitegen.output import site_signature

    build(example)
    for edit in EDITS:
        _apply(edit, example)
        build(example)
        # What the build recorded of the site (partly without walking it) is what is there.
        assert read_state(example).site_files == site_signature(example / "site")
        assert_same_as_fresh(example, tmp_path)


def test_one_source_edit_renders_and_writes_only_what_it_reaches(example: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from sitegen import exports, load
    from sitegen.links import resolve
    from sitegen.pages import source_deps

    first = build(example)
    marked = _marked_before(example, _a_source(example).stem)
    made: list[str] = []  # entries made from the build state's records
    entry_of = load.entry_of
    monkeypatch.setattr(load, "entry_of", lambda record: (
        made.append(record.slug) if record.entry is None and record.blob else None) or entry_of(record))
    encoded: list[tuple[str, str]] = []
    for kind, make in list(exports._ITEMS.items()):
        monkeypatch.setitem(exports._ITEMS, kind,
                            lambda b, links, slug, kind=kind, make=make: encoded.append((kind, slug)) or make(b, links, slug))
    site = example / "site"
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in site.rglob("*") if p.is_file()}
    source_body(example)
    _touch_later(_a_source(example))
    result = build(example)
    slug = _a_source(example).stem
    after = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in site.rglob("*") if p.is_file()}
    rewritten = sorted(p.relative_to(site).as_posix() for p in after if before.get(p) != after[p])
    # The source's page and the data export that carries its text; the marker names the new site;
    # the "What's new" page and the feed show the edition the edit made, and the pages the edition
    # before marked no longer say they changed.
    assert rewritten == sorted([".sitegen-site", "changes/index.html", "data/briefing.json", "feed.xml",
                                f"sources/{slug}/index.html", *marked])
    assert result.rendered == 1 + EDITION_PAGES + len(marked) and result.pages == first.pages
    assert result.written == 2 + EDITION_PAGES + len(marked)
    # In data/briefing.json only the edited source's record is encoded again; the others are
    # copied from the file in place (the site still equals a fresh build: see above).
    assert encoded == [("source", slug)]
    # Of the other entries only those its page names, and the feed lists (it shows the new
    # edition), are read back from the build state.
    b, _ = load.load_briefing(example, example / "content")
    shown = [slug, *(p.split("/")[1] for p in marked if p.startswith("sources/"))]  # (the pages made again)
    named = {dep[2] for s in shown for dep in source_deps(b, resolve(b), b.sources[s]) if dep[0] == "name"}
    assert set(made) <= named | feed_slugs(example) and len(made) < len(b.actors) + len(b.events)


def test_an_edit_makes_only_the_pages_it_reaches(
        example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An article's text feeds no link table and no other page's dependencies: the tables saved
    by the last build are read back and only the pages showing the article are made. Other edits
    make the pages that depend on what changed, whatever the kind of entry."""
    from sitegen import links, pages

    first = build(example)
    resolved: list[int] = []
    real_resolve = links.resolve
    monkeypatch.setattr(links, "resolve", lambda b: resolved.append(1) or real_resolve(b))
    made: list[str] = []
    real_deps = pages.source_deps
    monkeypatch.setattr(pages, "source_deps", lambda b, l, s: made.append(s.slug) or real_deps(b, l, s))

    _apply(source_body, example)
    other = example / "site/sources" / sorted((example / "content/sources").glob("*.md"))[-1].stem / "index.html"
    other.unlink()  # a page removed from the site behind the build's back is made again too
    marked = _marked_before(example, _a_source(example).stem, other.parent.name)
    result = build(example)
    assert resolved == [] and sorted(made) == sorted([_a_source(example).stem, other.parent.name,
                                                      *(p.split("/")[1] for p in marked if p.startswith("sources/"))])
    assert result.rendered == 2 + EDITION_PAGES + len(marked) and result.pages == first.pages
    # Of the articles saved by the last build, only those shown were read back (the feed shows
    # the newest, and the new edition).
    records = result.retained[0].records
    read = {rel for rel, r in records.items() if rel.startswith("content/sources/") and r.entry is not None}
    assert read == {_a_source(example).relative_to(example).as_posix(), f"content/sources/{other.parent.name}.md",
                    *(f"content/sources/{s}.md" for s in feed_slugs(example) if (example / f"content/sources/{s}.md").exists())}
    assert_same_as_fresh(example, tmp_path)

    made.clear()
    resolved.clear()  # the fresh build above resolved its own
    _apply(source_title, example)  # front matter: the tables are made again, and compared
    result = build(example)
    assert resolved == [1] and made == [_a_source(example).stem]  # no other source shows its title
    assert result.pages == first.pages
    assert_same_as_fresh(example, tmp_path)

    made.clear()
    _apply(actor_role_and_text, example)  # a role and a text: no source page shows either...
    result = build(example)
    # ...but the source the last edition changed no longer says so.
    assert made == [_a_source(example).stem] and result.rendered > 0
    assert_same_as_fresh(example, tmp_path)


def test_compiled_templates_are_kept_and_others_removed(example: Path, tmp_path: Path) -> None:
    build(example)
    folder = cache_dir(example) / "templates"
    kept = sorted(p.name for p in folder.iterdir())
    assert len(kept) >= 5  # every template the site uses, and those they extend or import
    (folder / "0000000000000000-from-another-jinja.cache").write_bytes(b"stale")
    _apply(own_template, example)  # a changed template is compiled again, not taken from the cache
    build(example)
    assert "0000000000000000-from-another-jinja.cache" not in {p.name for p in folder.iterdir()}
    assert 'class="own-theme"' in (example / "site/actors/hungary/index.html").read_text(encoding="utf-8")
    assert_same_as_fresh(example, tmp_path)


def test_the_long_lists_are_rendered_again_only_for_what_they_show(example: Path, tmp_path: Path) -> None:
    """The sources, events and timeline pages list the whole briefing: an actor's role or text is
    not on them, its name is (as a participant)."""
    lists = {"sources/index.html", "events/index.html", "timeline/index.html"}
    rendered: list[str] = []

    def rebuild() -> set[str]:
        rendered.clear()
        build(example, progress=lambda pages, label, minimum: rendered.extend(p.path for p in pages) or pages)
        return set(rendered)

    build(example)
    _apply(actor_role_and_text, example)
    dirty = rebuild()
    assert "actors/aleksandar-vucic/index.html" in dirty and "index.html" in dirty
    assert not dirty & lists
    assert_same_as_fresh(example, tmp_path)
    _apply(actor_name, example)
    assert rebuild() & lists == {"events/index.html", "timeline/index.html"}
    assert "Hungary (edited)" in (example / "site/events/index.html").read_text(encoding="utf-8")
    _apply(source_title, example)
    assert rebuild() & lists == {"sources/index.html"}
    assert_same_as_fresh(example, tmp_path)


def test_nothing_changed_does_nothing(example: Path) -> None:
    build(example)
    site = example / "site"
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in site.rglob("*")}
    result = build(example)
    assert result.nothing_changed and result.rendered == 0
    assert {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in site.rglob("*")} == before


def test_full_renders_every_page_and_gives_the_same_site(example: Path) -> None:
    build(example)
    first = tree(example / "site")
    result = build(example, full=True)
    assert result.rendered == result.pages and not result.nothing_changed
    assert tree(example / "site") == first


def test_files_changed_or_removed_in_the_site_are_rebuilt(example: Path, tmp_path: Path) -> None:
    build(example)
    site = example / "site"
    (site / "index.html").unlink()
    robots = site / "robots.txt"
    robots.write_text("tampered\n")  # written in place: also the spare copy's file, by hard link
    _touch_later(robots)
    shutil.rmtree(site / "events")
    result = build(example)
    assert not result.nothing_changed
    assert_same_as_fresh(example, tmp_path)
    source_title(example)  # the next build starts from the spare copy, which shared the tampered file
    _touch_later(_a_source(example))
    build(example)
    assert_same_as_fresh(example, tmp_path)


def test_a_damaged_cache_means_a_full_build_not_a_wrong_one(example: Path, tmp_path: Path) -> None:
    build(example)
    for name in ("state.pickle", "inputs.pickle"):
        (cache_dir(example) / name).write_bytes(b"not a pickle")
    actor_name(example)
    _touch_later(_an_actor(example))
    result = build(example)
    assert result.rendered == result.pages
    assert_same_as_fresh(example, tmp_path)


def test_damaged_record_shards_are_parsed_again_and_an_edit_rewrites_one_shard(example: Path,
                                                                              tmp_path: Path) -> None:
    build(example)
    shards = sorted(cache_dir(example).glob("records-*.pickle"))
    assert len(shards) > 1
    kept = read_state(example).records
    damaged = set()
    for i, shard in enumerate(shards[::2]):
        data = shard.read_bytes()
        shard.write_bytes(b"not a pickle" if i % 2 else data[:-1])  # garbage, or cut short
        damaged |= {rel for rel in kept if f"records-{_shard(rel):02d}.pickle" == shard.name}
    assert damaged and not damaged & read_state(example).records.keys()
    source_body(example)
    _touch_later(_a_source(example))
    build(example)
    assert_same_as_fresh(example, tmp_path)
    before = {p.name: p.stat().st_ino for p in cache_dir(example).glob("records-*.pickle")}
    source_title(example)
    _touch_later(_a_source(example))
    build(example)
    after = {p.name: p.stat().st_ino for p in cache_dir(example).glob("records-*.pickle")}
    assert after.keys() == before.keys() and sum(after[n] != before[n] for n in after) == 1
    assert_same_as_fresh(example, tmp_path)


def test_a_spare_copy_changed_behind_the_build_is_not_trusted(example: Path, tmp_path: Path) -> None:
    build(example)
    source_title(example)
    _touch_later(_a_source(example))
    build(example)  # the first site is now the spare copy
    spare = cache_dir(example) / "previous-site"
    assert (spare / "index.html").is_file()
    page = sorted((spare / "actors").rglob("index.html"))[0]
    page.unlink()
    page.write_text("stale")
    actor_role_and_text(example)
    for p in (example / "content/actors").glob("*.md"):
        _touch_later(p)
    build(example)
    assert_same_as_fresh(example, tmp_path)


def test_a_big_briefing_gets_its_spare_copy_at_the_full_build(example: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """In a big briefing the full build links its new site into place as the spare copy, so the
    first edit after it updates that copy instead of linking every file then."""
    import sitegen.build as build_module
    from sitegen.output import MARKER, site_id_of

    monkeypatch.setattr(build_module, "BIG_BRIEFING", 1)
    build(example)
    spare, site = cache_dir(example) / "previous-site", example / "site"
    assert site_id_of(spare) == site_id_of(site) != ""
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.name != MARKER)
    assert files == sorted(p.relative_to(spare).as_posix() for p in spare.rglob("*") if p.is_file() and p.name != MARKER)
    assert all((spare / f).stat().st_ino == (site / f).stat().st_ino for f in files)  # links, not copies
    spare_folder = spare.stat().st_ino
    source_body(example)
    _touch_later(_a_source(example))
    result = build(example)
    assert result.rendered < result.pages
    assert site.stat().st_ino == spare_folder  # the spare copy, brought up to date, is the site now
    assert_same_as_fresh(example, tmp_path)
    # A copy cut short (no marker) is not taken for one: the next edit writes a whole new stage.
    (cache_dir(example) / "previous-site" / MARKER).unlink()
    source_title(example)
    _touch_later(_a_source(example))
    build(example)
    assert_same_as_fresh(example, tmp_path)


def test_cli_prints_one_summary_line(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(example)
    shutil.rmtree(example / "content" / ".editions")  # a briefing built for the first time
    runner = CliRunner()
    first = runner.invoke(main, ["build", "--no-ingest", "--no-search"])
    assert first.exit_code == 0, first.output
    assert re.fullmatch(r"built [\d,]+ pages in \d+\.\d\d s, 0 unchanged; [\d,]+ of [\d,]+ files written into site/; "
                        r"\d+ sources, \d+ actors, \d+ events changed \(edition 1\)\n", first.output)
    again = runner.invoke(main, ["build", "--no-ingest", "--no-search"])
    assert re.fullmatch(r"nothing changed: site/ is up to date \([\d,]+ pages, \d+\.\d\d s\)\n", again.output)
    source_body(example)
    _touch_later(_a_source(example))
    edited = runner.invoke(main, ["build", "--no-ingest", "--no-search"])
    pages = int(re.match(r"built ([\d,]+) pages", edited.output).group(1).replace(",", ""))
    assert f"{pages - 1 - EDITION_PAGES:,} unchanged; {2 + EDITION_PAGES} of " in edited.output
    assert edited.output.endswith("files written into site/; 1 source changed (edition 2)\n")


def test_a_data_file_left_as_it_was_still_records_where_its_records_sit(example: Path, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A build with other options (here: the search index) makes every page again, but
    data/briefing.json, made of the same entries, is not written again. Where each record sits in
    it must still be recorded: the next build patches an edited text into place by it."""
    from sitegen import exports

    patched = []
    patch = exports.patch_briefing_json
    monkeypatch.setattr(exports, "patch_briefing_json", lambda *a: patched.append(1) or patch(*a))

    def search_build():
        return build_site(example, example / "content", example / "site", load_config(example), search=True)

    build(example)
    json_file = example / "site/data/briefing.json"
    before = json_file.stat().st_ino
    search_build()
    assert json_file.stat().st_ino == before  # the same file, taken over by the new site
    source_body(example)
    _touch_later(_a_source(example))
    result = search_build()
    assert result.rendered < result.pages and patched == [1]
    assert result.search_seconds > 0 and build(example).search_seconds == 0  # measured when made
    assert json_file.read_bytes() == fresh_build(example, tmp_path)["data/briefing.json"]


def test_parallel_rendering_gives_the_same_site(example: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import resource

    import sitegen.build as build_module

    monkeypatch.setattr(build_module, "PARALLEL_MIN", 1)
    monkeypatch.setattr(build_module, "CHUNK", 5)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = build(example)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert result.rendered == result.pages
    assert after.ru_utime + after.ru_stime > before.ru_utime + before.ru_stime  # workers did render
    monkeypatch.setattr(build_module, "PARALLEL_MIN", 10**9)
    assert_same_as_fresh(example, tmp_path)


def test_files_read_while_fresh_are_trusted_once_they_settle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A file written just before a build is checked by its content at the next build; once it
    has settled, that check is saved, so later builds trust its stat and do not read it again."""
    from sitegen import load

    root = tmp_path / "example"
    root.mkdir()
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "sitegen.yaml", root / "sitegen.yaml")
    build(root)  # every entry was written within the clock's resolution: none is trusted yet
    past = time.time_ns() - 60_000_000_000
    for path in (root / "content").rglob("*.md"):
        os.utime(path, ns=(past, past))
    build(root)  # each is read once more, found unchanged, and from now on trusted

    read: list[str] = []
    digest = load._digest
    monkeypatch.setattr(load, "_digest", lambda rel, data: read.append(rel) or digest(rel, data))
    edited = next((root / "content/sources").glob("*.md"))
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    build(root)
    assert set(read) == {edited.relative_to(root).as_posix()}


def test_records_put_in_place_in_the_data_export_keep_every_record_where_it_is_recorded(
        example: Path, tmp_path: Path) -> None:
    """Texts made longer and shorter, over several builds: data/briefing.json equals a fresh
    build's, and every recorded span still holds its own record."""
    import json

    build(example)
    sources = sorted((example / "content/sources").glob("*.md"))
    first, last = sources[0], sources[-1]
    previous: tuple = tuple(_marked_before(example))  # (pages, for the first round: they count alike)
    for round_, edited in enumerate([(first, last), (first, last), (last,), (first,), (last,)]):
        if last in edited:
            text = last.read_text(encoding="utf-8")
            last.write_text(text[: text.rindex("\n", 0, len(text) - 2) + 1], encoding="utf-8")  # a line shorter
            _touch_later(last)
        if first in edited:
            first.write_text(first.read_text(encoding="utf-8") + f"\nAn added line, round {round_}: Ünïcode.\n",
                             encoding="utf-8")
            _touch_later(first)
        result = build(example)
        # The pages the last edition marked as changed, and those this one marks.
        assert result.rendered == len({p.stem if isinstance(p, Path) else p.split("/")[1]
                                       for p in (*edited, *previous)}) + EDITION_PAGES
        previous = edited
        assert_same_as_fresh(example, tmp_path)
        data = (example / "site/data/briefing.json").read_bytes()
        spans = read_state(example).export_spans
        for (kind, slug), (_, start, end) in spans.items():
            assert json.loads(data[start:end])["slug"] == slug


def test_files_put_into_the_site_by_hand_are_gone_after_a_build_and_stay_gone(example: Path,
                                                                             tmp_path: Path) -> None:
    """The replaced site becomes the spare copy a later build updates: what was added to the
    site by hand must not come back with it."""
    build(example)
    site = example / "site"
    (site / "stray.txt").write_text("put here by hand", encoding="utf-8")
    (site / "sources/stray").mkdir()
    (site / "sources/stray/index.html").write_text("<p>stray</p>", encoding="utf-8")
    for _ in range(4):
        _apply(source_body, example)
        build(example)
        assert not (site / "stray.txt").exists() and not (site / "sources/stray").exists()
        assert_same_as_fresh(example, tmp_path)


@pytest.mark.parametrize("damage", ["remove", "garble", "another build's"])
@pytest.mark.parametrize("part, edit", [("deps-full.pickle", source_body), ("deps.pickle", source_title)])
def test_an_index_of_dependencies_not_from_the_last_build_is_not_used(
        example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str, part: str, edit) -> None:
    """Either part of the index (the one an edit to a text reads, or the other, read for an
    edit to front matter) when it is not what the state names: the long way, and the right site."""
    from sitegen import pages

    build(example)
    index = cache_dir(example) / part
    first = index.read_bytes()
    _apply(source_title, example)
    build(example)
    if damage == "remove":
        index.unlink()
    elif damage == "garble":
        index.write_bytes(b"not a pickle")
    else:  # well-formed, but named for another build
        saved = pickle.loads(first)
        index.write_bytes(pickle.dumps(saved[:2] + ("1-1",) + saved[3:]))
    made: list[str] = []
    real_deps = pages.source_deps
    monkeypatch.setattr(pages, "source_deps", lambda b, l, s: made.append(s.slug) or real_deps(b, l, s))
    _apply(edit, example)
    build(example)
    assert len(made) == len(list((example / "content/sources").glob("*.md")))  # the full pass
    assert_same_as_fresh(example, tmp_path)


def test_an_index_whose_late_part_is_stale_is_not_taken_for_one() -> None:
    from sitegen.buildstate import DepIndex, StaleIndex

    assert not DepIndex({}, lambda: None)
    index = DepIndex({("full", "source", "a"): ["sources/a/index.html"]}, lambda: None)
    assert index and index.get(("full", "source", "a")) == ["sources/a/index.html"]
    with pytest.raises(StaleIndex):
        index.get(("world",))


def test_an_edit_to_a_text_reads_only_the_index_part_it_needs(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sitegen import buildstate

    build(example)
    read: list[str] = []
    real = buildstate._read_deps
    monkeypatch.setattr(buildstate, "_read_deps", lambda path, state: read.append(path.name) or real(path, state))
    _apply(source_body, example)
    marked = _marked_before(example, _a_source(example).stem)
    assert build(example).rendered == 1 + EDITION_PAGES + len(marked) and read == ["deps-full.pickle"]
    _apply(source_title, example)
    build(example)
    assert read == ["deps-full.pickle", "deps-full.pickle", "deps.pickle"]


def test_a_reference_broken_by_an_edit_is_found_by_the_next_build(example: Path) -> None:
    """A rebuild checks the references of the entries whose front matter changed; one that
    removes an entry checks them all again."""
    from sitegen.errors import ContentErrors

    build(example)
    event = example / "content/events/1995-srebrenica-genocide.md"
    _edit(event, "participants:\n- bosnia-and-herzegovina\n", "participants:\n- bosnia-and-herzegovina\n- no-such-actor\n")
    _touch_later(event)
    with pytest.raises(ContentErrors) as caught:
        build(example)
    assert [str(p) for p in caught.value.problems] == [
        "content/events/1995-srebrenica-genocide.md:8: participant 'no-such-actor' is not an actor"]
    _edit(event, "- no-such-actor\n", "")
    _touch_later(event)
    build(example)
    named = "content/actors/bosnia-and-herzegovina.md"
    (example / named).unlink()
    with pytest.raises(ContentErrors) as caught:
        build(example)
    assert any(str(p).startswith("content/events/1995-srebrenica-genocide.md:7: participant 'bosnia-and-herzegovina'")
               for p in caught.value.problems)


def test_builds_in_one_process_leave_no_file_of_the_build_state_open(example: Path) -> None:
    """`sitegen serve` builds again and again in one process: each build closes the files its
    records read their entries from."""
    build(example)
    _apply(source_body, example)
    build(example)
    open_files = len(os.listdir("/proc/self/fd"))
    for _ in range(3):
        _apply(source_body, example)
        assert build(example).rendered == 1 + EDITION_PAGES
    assert len(os.listdir("/proc/self/fd")) == open_files


def test_a_slow_search_index_is_named_in_the_summary_with_the_way_around_it(tmp_path: Path) -> None:
    from sitegen.build import SLOW_SEARCH, BuildResult
    from sitegen.cli import build_summary

    quick = BuildResult(pages=10, files=12, rendered=10, written=12, search=True, search_seconds=SLOW_SEARCH / 2)
    assert build_summary(quick, Path("site"), 1.5) == \
        "built 10 pages in 1.50 s, 0 unchanged; 12 of 12 files written into site/; no content changed"
    slow = BuildResult(pages=10, files=12, rendered=10, written=12, search=True, search_seconds=27.104)
    assert build_summary(slow, Path("site"), 29.0).endswith(
        "files written into site/; no content changed; the search index took 27.10 s (--no-search skips it)")
    assert slow.slow_search_note("sitegen serve ") == "; the search index took 27.10 s (sitegen serve --no-search skips it)"
    # An index in parts says how many were indexed again.
    parts = BuildResult(pages=10, files=12, search=True, search_seconds=6.0, search_parts=16, search_indexed=9)
    assert parts.slow_search_note() == "; the search index took 6.00 s for 9 of its 16 parts (--no-search skips it)"


def source_opening(root: Path) -> None:
    path = _a_source(root)
    head, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
    path.write_text(head + "\n---\nAn opening paragraph an editor wrote.\n\n" + body, encoding="utf-8")


@pytest.mark.parametrize("edit", [source_body, source_opening, actor_role_and_text, actor_name],
                         ids=lambda e: e.__name__)
def test_the_disk_search_index_follows_an_edit(example: Path, tmp_path: Path, edit) -> None:
    """search/disk-index.js is made with the data exports (and patched in place when only texts
    changed): an edit to an entry's text, role or name gives the same file as a fresh build."""
    def build_with_search(root: Path) -> None:
        build_site(root, root / "content", root / "site", load_config(root), search=True)

    build_with_search(example)
    before = (example / "site/search/disk-index.js").read_bytes()
    _apply(edit, example)
    build_with_search(example)
    other = tmp_path / "fresh"
    shutil.copytree(example, other, ignore=shutil.ignore_patterns("site", ".sitegen"))
    build_with_search(other)
    after = (example / "site/search/disk-index.js").read_bytes()
    assert after == (other / "site/search/disk-index.js").read_bytes()
    # A paragraph added at the end of an article is past the index's short text.
    assert (after != before) == (edit is not source_body)
