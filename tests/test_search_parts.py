"""The search index in parts: how pages are shared out, and that a build indexes again only the
parts whose pages changed, giving the index a build from nothing gives."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

import sitegen.searchindex as searchindex
from sitegen.build import build_site
from sitegen.buildstate import read_state
from sitegen.config import load_config
from sitegen.searchindex import part_count, share_out

REPO = Path(__file__).resolve().parent.parent
PART_PAGES = 4  # the example's ~45 searchable pages then make a dozen parts


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example briefing whose search index is made in small parts."""
    monkeypatch.setattr(searchindex, "PART_PAGES", PART_PAGES)
    root = tmp_path / "example"
    root.mkdir()
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "sitegen.yaml", root / "sitegen.yaml")
    past = time.time_ns() - 60_000_000_000  # settled files: see test_incremental.example
    for path in [root, *root.rglob("*")]:
        os.utime(path, ns=(past, past))
    return root


def build(root: Path):
    return build_site(root, root / "content", root / "site", load_config(root), search=True)


def index_tree(site: Path) -> dict[str, bytes]:
    index = site / "pagefind"
    return {p.relative_to(index).as_posix(): p.read_bytes() for p in sorted(index.rglob("*")) if p.is_file()}


def inodes(site: Path) -> dict[str, int]:
    index = site / "pagefind"
    return {p.relative_to(index).as_posix(): p.stat().st_ino for p in index.rglob("*") if p.is_file()}


def fresh_index(root: Path, tmp: Path) -> dict[str, bytes]:
    other = tmp / f"fresh-{len(list(tmp.glob('fresh-*')))}"
    shutil.copytree(root, other, ignore=shutil.ignore_patterns("site", ".sitegen"))
    build(other)
    return index_tree(other / "site")


def edit_a_source(root: Path) -> Path:
    path = sorted((root / "content/sources").glob("*.md"))[0]
    path.write_text(path.read_text(encoding="utf-8") + "\nA paragraph an editor added.\n", encoding="utf-8")
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - 30_000_000_000))
    return path


def test_parts_grow_by_doubling_and_share_every_page_out_once() -> None:
    assert [part_count(n) for n in (0, 1, 800, 801, 1600, 1601, 12_700, 51_200, 51_201, 1_000_000)] == \
        [1, 1, 1, 2, 2, 4, 16, 64, 64, 64]  # past 64 parts, the parts grow instead
    pages = {f"sources/s{i}/index.html": f"d{i}" for i in range(3000)}
    parts = share_out(pages)
    assert len(parts) == 4 and list(parts) == ["part-0", "part-1", "part-2", "part-3"]
    assert sorted(p for members in parts.values() for p in members) == sorted(pages)
    assert all(500 < len(members) < 1000 for members in parts.values())  # shared out evenly
    # A page's part depends on its path alone: adding pages moves no other page.
    more = share_out({**pages, "sources/new/index.html": "x"})
    assert {name: set(m) - {"sources/new/index.html"} for name, m in more.items()} == \
        {name: set(m) for name, m in parts.items()}
    # A part with no page is left out (it cannot be indexed).
    assert list(share_out({"a/index.html": "1"})) == ["part-0"]


def test_the_index_in_parts_holds_every_marked_page_once(example: Path) -> None:
    result = build(example)
    site = example / "site"
    listing = json.loads((site / "pagefind/parts.json").read_text())["parts"]
    assert result.search_parts == len(listing) > 4 and result.search_indexed == len(listing)
    counted = 0
    for i, part in enumerate(listing):
        entry = json.loads((site / "pagefind" / part / "pagefind-entry.json").read_text())
        counted += sum(language["page_count"] for language in entry["languages"].values())
        # Pagefind's script comes with the first part only; the others are merged into it.
        assert (site / "pagefind" / part / "pagefind.js").is_file() == (i == 0)
    marked = [p for p in site.rglob("*.html") if b"data-pagefind-body" in p.read_bytes()]
    assert counted == len(marked) == len(read_state(example).searchable)
    assert sorted(p.name for p in (site / "pagefind").iterdir()) == sorted([*listing, "parts.json"])


def test_an_edit_indexes_again_only_the_parts_of_the_pages_it_changed(example: Path, tmp_path: Path) -> None:
    build(example)
    before_state = read_state(example)
    before = inodes(example / "site")
    edit_a_source(example)
    result = build(example)
    state = read_state(example)
    changed = {p for p in state.searchable if state.manifest[p] != before_state.manifest.get(p)}
    assert changed  # the source page, at least
    parts = share_out({p: state.manifest[p] for p in state.searchable})
    reached = {name for name, members in parts.items() if changed & members.keys()}
    assert result.search_indexed == len(reached) < result.search_parts
    # The other parts' files are the very files of the last site, linked.
    after = inodes(example / "site")
    for name in set(parts) - reached:
        files = [rel for rel in after if rel.startswith(name + "/")]
        assert files and all(after[rel] == before[rel] for rel in files)
    assert index_tree(example / "site") == fresh_index(example, tmp_path)
    # Nothing changed: nothing indexed, nothing written.
    again = build(example)
    assert again.nothing_changed and again.search_indexed == 0


def test_a_damaged_part_is_indexed_again(example: Path, tmp_path: Path) -> None:
    build(example)
    part = json.loads((example / "site/pagefind/parts.json").read_text())["parts"][1]
    next((example / "site/pagefind" / part / "fragment").iterdir()).unlink()
    result = build(example)
    assert not result.nothing_changed and result.search_indexed == 1 and result.written == 0
    assert index_tree(example / "site") == fresh_index(example, tmp_path)


def test_another_pagefind_indexes_every_part_again(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = build(example)
    edit_a_source(example)
    monkeypatch.setattr(searchindex, "pagefind_identity", lambda: "pagefind 99.0")
    assert build(example).search_indexed == first.search_parts


def test_with_no_page_marked_every_page_is_indexed(example: Path) -> None:
    """Pagefind's own rule, kept when the index is in parts: a theme that marks no page for the
    index gets every page indexed."""
    from sitegen.theme import builtin_theme_dir

    (example / "templates").mkdir()
    for name in ("source.html", "actor.html", "event.html"):
        text = (builtin_theme_dir() / name).read_text(encoding="utf-8")
        assert "data-pagefind-body" in text
        (example / "templates" / name).write_text(text.replace(" data-pagefind-body", ""), encoding="utf-8")
    build(example)
    site = example / "site"
    pages = list(site.rglob("*.html"))
    assert not any(b"data-pagefind-body" in p.read_bytes() for p in pages)
    counted = 0
    for part in json.loads((site / "pagefind/parts.json").read_text())["parts"]:
        entry = json.loads((site / "pagefind" / part / "pagefind-entry.json").read_text())
        counted += sum(language["page_count"] for language in entry["languages"].values())
    assert counted == len(pages)


def test_a_build_killed_while_indexing_leaves_the_site_and_its_leftovers_go(example: Path, tmp_path: Path) -> None:
    """Killed while Pagefind runs: the site in place is untouched, and the next build removes the
    folder the killed one gathered a part's pages in."""
    import signal
    import subprocess
    import sys

    build(example)
    edit_a_source(example)
    build(example)  # from now on a build updates the spare copy of the site, under .sitegen/
    assert (example / ".sitegen/build/previous-site").is_dir()
    before = {p.relative_to(example / "site").as_posix(): p.read_bytes()
              for p in (example / "site").rglob("*") if p.is_file()}
    edit_a_source(example)
    slow = tmp_path / "slow_pagefind.py"
    slow.write_text("import time\ntime.sleep(60)\n", encoding="utf-8")
    env = {**os.environ, "SITEGEN_PAGEFIND": f"{sys.executable} {slow}",
           "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-m", "sitegen", "build", "--no-ingest", "-q"], cwd=example, env=env,
                            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not any("-search-" in p.name for p in example.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert [p.name for p in example.iterdir() if "-search-" in p.name]  # left behind by the kill
    after = {p.relative_to(example / "site").as_posix(): p.read_bytes()
             for p in (example / "site").rglob("*") if p.is_file()}
    assert after == before
    build(example)
    assert not [p.name for p in example.iterdir() if p.name.startswith(".site-")]
    assert (example / "site/pagefind/parts.json").is_file()


def test_the_parts_being_indexed_are_shown_going_by(example: Path) -> None:
    calls: list[tuple[str, int, int]] = []

    def progress(items: list, label: str, minimum: int) -> list:
        calls.append((label, len(items), minimum))
        return items

    result = build_site(example, example / "content", example / "site", load_config(example), search=True,
                        progress=progress)
    assert ("search index", result.search_parts, 3) in calls
    assert ("rendering", result.rendered, 200) in calls


def test_a_failed_part_fails_the_build_without_indexing_the_rest(example: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from sitegen.errors import SitegenError

    runs = tmp_path / "runs.log"
    failing = tmp_path / "failing_pagefind.py"
    failing.write_text(f"import time\nopen({str(runs)!r}, 'a').write('run\\n')\ntime.sleep(0.3)\n"
                       "raise SystemExit('Error: this part cannot be indexed')\n", encoding="utf-8")
    monkeypatch.setenv("SITEGEN_PAGEFIND", f"{sys.executable} {failing}")
    with pytest.raises(SitegenError, match="this part cannot be indexed"):
        build(example)
    assert len(runs.read_text().splitlines()) <= 4  # the two running, perhaps two more started meanwhile
    assert not (example / "site").exists()
    assert not [p.name for p in example.iterdir() if p.name.startswith(".site-")]


def test_progress_bars_show_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    import sys

    from sitegen.cli import Context, _progress

    items = list(range(5))
    wrap = _progress(Context())
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    assert wrap(items, "search index", 3) is items
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert wrap(items[:2], "search index", 3) == items[:2]
    assert capsys.readouterr().err == ""
    assert list(wrap(items, "search index", 3)) == items
    assert "search index" in capsys.readouterr().err
    assert _progress(Context(quiet=True))(items, "search index", 3) is items


def test_the_spare_copys_unchanged_parts_are_kept_where_they_are(example: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Once a build updates the spare copy of the site, the parts of its index that are as the
    site in place has them are left where they are, not removed and linked again; the index is
    still what a build from nothing makes."""
    build(example)
    edit_a_source(example)
    build(example)
    edit_a_source(example)
    before = build(example)  # updates the spare copy; the same source's part indexed again
    assert (example / ".sitegen/build/previous-site/pagefind").is_dir()
    linked: list[str] = []
    real_link = searchindex._link_part
    monkeypatch.setattr(searchindex, "_link_part", lambda live, stage, part: linked.append(part) or
                        real_link(live, stage, part))
    edit_a_source(example)
    result = build(example)
    # Nothing is linked: the one part indexed again holds the edited source, as the build before.
    assert result.search_indexed == before.search_indexed == 1 and len(linked) == 0
    assert index_tree(example / "site") == fresh_index(example, tmp_path)
    # A file put into the spare's index by hand makes its part be linked afresh, without it.
    spare = example / ".sitegen/build/previous-site/pagefind"
    live = example / "site/pagefind"
    other = next(p for p in sorted(spare.iterdir()) if p.is_dir()  # a part the edits do not reach
                 and (p / "pagefind-entry.json").stat().st_ino == (live / p.name / "pagefind-entry.json").stat().st_ino)
    (other / "extra.txt").write_text("not part of the index", encoding="utf-8")
    edit_a_source(example)
    build(example)
    assert len(linked) == 1
    assert not list((example / "site/pagefind").rglob("extra.txt"))
    assert index_tree(example / "site") == fresh_index(example, tmp_path)
