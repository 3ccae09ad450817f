"""Builds are atomic, deterministic, and write only inside their output folder.

- A build killed with SIGKILL midway leaves the previous site/ byte-for-byte intact.
- Two builds of the same input are byte-identical across hash seeds, time zones, the clock,
  the folder the briefing lives in and the order its files were created in.
- No output path can leave the output folder.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen.cli import main
from sitegen.errors import SitegenError
from sitegen.output import safe_relpath

FIXTURE = Path(__file__).parent / "fixtures" / "briefing"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(parent: Path, name: str = "site") -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(f".{name}-"))


# -- atomic -----------------------------------------------------------------------------------

def _big_briefing(root: Path, sources: int) -> None:
    (root / "content/actors").mkdir(parents=True)
    (root / "content/sources").mkdir(parents=True)
    (root / "content/events").mkdir(parents=True)
    (root / "content/_index.md").write_text("---\ntitle: Big\n---\nA big briefing.\n")
    (root / "content/actors/serbia.md").write_text("---\nname: Serbia\nkind: state\naliases: [Serbian]\n---\n")
    body = "Serbian officials said the plan has 79 activities and 12 exercises this year.\n\n" * 40
    for i in range(sources):
        (root / f"content/sources/s{i:05d}.md").write_text(
            f"---\ntitle: Report {i}\npublished: 2025-04-{1 + i % 28:02d}\nactors: [serbia]\n---\n{body}")


def _run_build(root: Path, *extra: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "sitegen", "build", "--no-search", *extra], cwd=root,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


@pytest.fixture(scope="module")
def big_built(tmp_path_factory) -> Path:
    """A briefing big enough that a build takes over a second, built once."""
    root = tmp_path_factory.mktemp("atomic") / "big"
    _big_briefing(root, 500)
    first = _run_build(root)
    _, err = first.communicate(timeout=120)
    assert first.returncode == 0, err.decode()
    return root


def _interrupt_while_writing(root: Path, sig: int) -> subprocess.Popen:
    """Start a build and send `sig` once its temporary folder appears; None if it finished first."""
    proc = _run_build(root)
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if any(n.startswith(".site-new-") for n in os.listdir(root)):
            time.sleep(0.01)  # let it write a few files
            proc.send_signal(sig)
            break
        time.sleep(0.002)
    proc.wait(timeout=60)
    return proc


def killed_copy(big_built: Path, dest: Path, sig: int) -> tuple[Path, dict[str, bytes], subprocess.Popen]:
    """A copy of the big briefing with changed content, whose rebuild was interrupted by `sig`."""
    shutil.copytree(big_built, dest, symlinks=True)
    before = snapshot(dest / "site")
    for p in sorted((dest / "content/sources").glob("*.md"))[:50]:
        p.write_text(p.read_text().replace("Report", "Changed report"))
    for _attempt in range(3):
        proc = _interrupt_while_writing(dest, sig)
        if proc.returncode != 0:
            return dest, before, proc
        # It finished before the signal: put the old site back and try again.
        shutil.rmtree(dest / "site")
        shutil.copytree(big_built / "site", dest / "site")
    pytest.fail("never caught the build while it was writing")


def test_killed_build_leaves_previous_site_intact(big_built: Path, tmp_path: Path):
    root, before, proc = killed_copy(big_built, tmp_path / "b", signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL
    assert (root / "site").is_dir(), "the previous site is gone"
    assert snapshot(root / "site") == before, "the previous site changed"


def test_interrupted_build_leaves_previous_site_intact(big_built: Path, tmp_path: Path):
    """Ctrl-C (SIGINT) midway: the old site stays, exit code 130, one line on stderr, no traceback."""
    root, before, proc = killed_copy(big_built, tmp_path / "b", signal.SIGINT)
    err = proc.stderr.read().decode()
    assert proc.returncode == 130, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert snapshot(root / "site") == before


# -- deterministic ----------------------------------------------------------------------------

_FAKE_CLOCK = textwrap.dedent("""
    import datetime as _d, sys, time as _t
    SHIFT = 1000 * 86400 + 12345.678
    _real_time, _real_ns = _t.time, _t.time_ns
    _t.time = lambda: _real_time() + SHIFT
    _t.time_ns = lambda: _real_ns() + int(SHIFT * 1e9)
    class FakeDateTime(_d.datetime):
        @classmethod
        def now(cls, tz=None):
            return _d.datetime.fromtimestamp(_t.time(), tz)
        @classmethod
        def utcnow(cls):
            return _d.datetime.utcfromtimestamp(_t.time())
        @classmethod
        def today(cls):
            return cls.now()
    class FakeDate(_d.date):
        @classmethod
        def today(cls):
            return _d.date.fromtimestamp(_t.time())
    _d.datetime, _d.date = FakeDateTime, FakeDate
    from sitegen.cli import main
    sys.argv = ["sitegen", *sys.argv[1:]]
    main()
""")


def _copy_reversed(src: Path, dst: Path) -> None:
    """Copy a tree creating files in reverse order (different directory order on disk)."""
    files = sorted((p for p in src.rglob("*") if p.is_file()), reverse=True)
    for p in files:
        target = dst / p.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(p, target)


def test_two_builds_are_byte_identical(tmp_path: Path):
    one, two = tmp_path / "one", tmp_path / "a-different-folder" / "two"
    shutil.copytree(FIXTURE, one)
    _copy_reversed(FIXTURE, two)
    env1 = {**os.environ, "PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8"}
    env2 = {**os.environ, "PYTHONHASHSEED": "4242", "TZ": "Pacific/Kiritimati", "LC_ALL": "C"}
    p1 = subprocess.run([sys.executable, "-m", "sitegen", "build", "--no-search", "-q"], cwd=one, env=env1,
                        capture_output=True, text=True, timeout=120)
    # The same input: the edition the first build recorded (its time is read from the record,
    # not from the second build's clock, which is years off).
    shutil.copytree(one / "content/.editions", two / "content/.editions")
    p2 = subprocess.run([sys.executable, "-c", _FAKE_CLOCK, "build", "--no-search", "-q"], cwd=two, env=env2,
                        capture_output=True, text=True, timeout=120)
    assert p1.returncode == 0, p1.stderr
    assert p2.returncode == 0, p2.stderr
    s1, s2 = snapshot(one / "site"), snapshot(two / "site")
    assert sorted(s1) == sorted(s2)
    differing = [rel for rel in s1 if s1[rel] != s2[rel]]
    assert differing == []
    # And the input was not touched by building: only the edition was recorded beside it.
    assert {rel: data for rel, data in snapshot(one / "content").items() if not rel.startswith(".editions/")} \
        == snapshot(FIXTURE / "content")


def test_rebuild_in_process_is_identical(briefing: Path):
    assert invoke("build", "--no-search", "--out", "one").exit_code == 0
    assert invoke("build", "--no-search", "--out", "two").exit_code == 0
    assert snapshot(briefing / "one") == snapshot(briefing / "two")


# -- paths ------------------------------------------------------------------------------------

@pytest.mark.parametrize("rel", ["../x.html", "/etc/x.html", "a/../../x.html", "a\\..\\x.html", "", ".."])
def test_output_paths_outside_are_refused(rel: str):
    with pytest.raises(SitegenError, match="outside the output folder"):
        safe_relpath(rel)


@pytest.mark.parametrize("rel", ["index.html", "sources/a/index.html", "a/./b//c.html", "./data/x.json"])
def test_output_paths_inside_are_kept_as_pathlib_reads_them(rel: str):
    from pathlib import PurePosixPath

    from sitegen.output import checked_rel

    assert checked_rel(rel) == str(PurePosixPath(rel)) == str(safe_relpath(rel))


def test_build_writes_nothing_outside_its_output_folder(briefing: Path):
    outside = briefing.parent

    def others() -> set[Path]:
        # The site, the build's cache, and the edition it records with the content.
        return {p for p in outside.rglob("*") if not {"site", ".sitegen", ".editions"} & set(p.relative_to(outside).parts)
                and not p.name.startswith(".site-")}

    before = others()
    assert invoke("build", "--no-search").exit_code == 0
    assert others() == before
    # Beside the site, only the build's own cache, for the next build to reuse.
    cache = {p.relative_to(briefing).as_posix() for p in (briefing / ".sitegen").rglob("*") if p.is_file()}
    assert {".sitegen/build/inputs.pickle", ".sitegen/build/state.pickle"} <= cache
