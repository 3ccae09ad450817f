"""The bad-input corpus for content/: every case gets a clear one-line error naming the file
(and line), or safe output; never a traceback, never a file written outside site/.

Cases are folders under tests/fixtures/bad/<case>/ laid over the content/ of the lead's small
valid briefing; cases that are bytes rather than text (binary, BOM, CRLF, legacy encodings,
10 MB, FIFO, symlinks) are made here. `CASES` is the list of cases with their expected outcome.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import write

from sitegen.cli import main

BAD = Path(__file__).parent / "fixtures" / "bad"


def invoke(*args: str):
    # catch_exceptions=False: a traceback fails the test instead of being swallowed.
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def tree(root: Path, skip: str = "site") -> dict[str, bytes]:
    """Every file under root except the output folder, the build cache (.sitegen/) and the
    editions the build records (content/.editions/): proof nothing else was written."""
    out = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root)
        if rel.parts[0] in (skip, ".sitegen") or rel.parts[0].startswith(f".{skip}-") or ".editions" in rel.parts:
            continue
        if p.is_symlink() or not p.is_file():
            out[rel.as_posix()] = b"<special>"
        else:
            out[rel.as_posix()] = p.read_bytes()
    return out


def lay(case: str, briefing: Path) -> None:
    src = BAD / case
    for p in sorted(src.rglob("*")):
        if p.is_file():
            target = briefing / "content" / p.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(p, target)


# (case, [expected error lines (prefix match)]). Every line must appear in `check` and `build` output.
ERROR_CASES = [
    ("malformed-yaml", ["content/actors/malformed-yaml.md:3: invalid YAML in front matter"]),
    ("unclosed", ["content/actors/unclosed.md:1: front matter opened with '---' on line 1 is never closed"]),
    ("list-for-string", ["content/actors/list-for-name.md:2: 'name' must be text, not a list"]),
    ("mapping-for-string", ["content/events/mapping-title.md:2: 'title' must be text, not a mapping"]),
    ("list-for-list-field", ["content/sources/actors-not-list.md:3: 'actors' must be a list, not str"]),
    ("missing-name", ["content/actors/no-name.md: missing required field 'name'"]),
    ("missing-title", ["content/events/no-title.md: missing required field 'title'"]),
    ("unknown-actor", ["content/events/unknown-actor.md:6: participant 'nobody-known' is not an actor"]),
    ("unknown-event", ["content/sources/unknown-event.md:5: event 'no-such-event' is not an event"]),
    ("unknown-speaker", ["content/sources/unknown-speaker.md:4: claim speaker 'ghost-minister' is not an actor"]),
    ("duplicate-slug", ["content/actors/serbia-again.md:2: slug 'serbia' is already used by content/actors/serbia.md"]),
    ("same-slug-two-names",
     ["content/actors/beta-file.md:2: slug 'shared-actor' is already used by content/actors/alpha-file.md"]),
    ("duplicate-key", ["content/actors/duplicate-key.md:3: field 'name' is given twice (lines 2 and 3)"]),
    ("yaml-alias-bomb", ["content/actors/alias-bomb.md:4: YAML alias '*a' is not supported"]),
    ("python-tag", ["content/actors/python-tag.md:2: invalid YAML in front matter: could not determine a constructor"]),
    ("not-a-mapping", ["content/actors/not-a-mapping.md:2: front matter must be a mapping"]),
    ("bad-date", ["content/events/bad-date.md:3: 'date': day is out of range for month"]),
    ("bad-kind", ["content/events/bad-kind.md:4: 'kind' is 'party'; expected one of"]),
    ("javascript-url", ["content/sources/javascript-url.md:4: 'url' must be a web address starting with http"]),
    ("seed-dotdot", ["content/sources/seed-dotdot.md:4: 'seed' must be a path inside the briefing folder"]),
    ("seed-absolute", ["content/sources/seed-absolute.md:4: 'seed' must be a path inside the briefing folder"]),
    ("slug-dotdot", ["content/actors/slug-dotdot.md:2: slug '../../../outside' is not lowercase ASCII"]),
    ("slug-absolute", ["content/events/slug-absolute.md:2: slug '/tmp/outside' is not lowercase ASCII"]),
    ("uppercase-file", ["content/actors/Serbia.md: slug 'Serbia' is not lowercase ASCII words joined by hyphens; "
                        "rename the file"]),
    ("index-malformed", ["content/_index.md:2: invalid YAML in front matter"]),
]


def _assert_clean_failure(result, expected: list[str], before: dict[str, bytes], briefing: Path,
                          site_before: dict[str, bytes] | None = None) -> None:
    out = result.output
    assert result.exit_code == 1, out
    assert "Traceback" not in out
    lines = out.splitlines()
    for want in expected:
        assert any(line.startswith(want) for line in lines), f"{want!r} not in:\n{out}"
    assert tree(briefing) == before, "a file outside site/ changed"
    if site_before is None:
        assert not (briefing / "site").exists(), "a failed build wrote a site"
    else:
        assert tree(briefing / "site", skip="-") == site_before, "a failed build changed the previous site"
    assert not [p.name for p in briefing.iterdir() if p.name.startswith(".site-")], "temporary folder left"


@pytest.mark.parametrize("case,expected", ERROR_CASES, ids=[c for c, _ in ERROR_CASES])
def test_error_case(case: str, expected: list[str], briefing: Path):
    lay(case, briefing)
    before = tree(briefing)
    check = invoke("check")
    _assert_clean_failure(check, expected, before, briefing)
    build = invoke("build", "--no-search")
    _assert_clean_failure(build, expected, before, briefing)
    assert "nothing was written" in build.output


def test_python_tag_executes_nothing(briefing: Path):
    lay("python-tag", briefing)
    invoke("check")
    assert not (briefing / "pwned").exists()


def test_every_case_reported_in_one_run(briefing: Path):
    """All the broken files at once: each is reported, each on its own line."""
    for case, _ in ERROR_CASES:
        if case not in ("same-slug-two-names", "duplicate-slug", "uppercase-file"):  # these clash with each other
            lay(case, briefing)
    result = invoke("check")
    assert result.exit_code == 1 and "Traceback" not in result.output
    for case, expected in ERROR_CASES:
        if case not in ("same-slug-two-names", "duplicate-slug", "uppercase-file"):
            for want in expected:
                assert any(line.startswith(want) for line in result.output.splitlines()), want


# Byte-level cases: (name, relpath under content/, bytes, expected error line or None for "loads fine").
def _crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


BYTE_CASES = [
    ("empty-file", "actors/empty.md", b"",
     "content/actors/empty.md: empty file: an actor needs front matter with at least 'name'"),
    ("only-delimiters", "events/hollow.md", b"---\n---\n",
     "content/events/hollow.md: empty file: an event needs front matter with at least 'title'"),
    ("binary-png", "actors/picture.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" + bytes(range(256)),
     "content/actors/picture.md: binary file, not a Markdown entry"),
    ("windows-1250", "actors/latin2.md", "---\nname: Vučić\nkind: person\n---\nŠešelj, Đurić.\n".encode("cp1250"),
     "content/actors/latin2.md:2: not UTF-8 text; save the file as UTF-8"),
    ("crlf-with-error", "events/crlf-bad.md", _crlf("---\ntitle: CRLF\ndate: 2025-04-01\nkind: party\n---\n"),
     "content/events/crlf-bad.md:4: 'kind' is 'party'"),
    ("bom-with-error", "events/bom-bad.md", b"\xef\xbb\xbf" + b"---\ntitle: BOM\ndate: 2025-13\n---\n",
     "content/events/bom-bad.md:3: 'date'"),
    ("huge-integer", "actors/huge-int.md", b"---\nname: 1" + b"0" * 5000 + b"\n---\n",
     "content/actors/huge-int.md:2: invalid value in front matter"),
    ("deep-nesting", "actors/deep.md", b"---\nname: X\nextra: " + b"[" * 200 + b"]" * 200 + b"\n---\n",
     "content/actors/deep.md:3: front matter is nested more than"),
    ("control-chars-in-name", "actors/evil\x1b[2J\nname.md", b"---\nname: X\n---\n",
     "content/actors/evil\\x1b[2J\\nname.md: slug 'evil\\x1b[2J\\nname' is not lowercase ASCII"),
    ("folder-named-md", "actors/folder.md/inner.txt", b"x", "content/actors/folder.md: a folder, not a Markdown entry"),
]


@pytest.mark.parametrize("name,rel,data,expected", BYTE_CASES, ids=[c[0] for c in BYTE_CASES])
def test_byte_case(name: str, rel: str, data: bytes, expected: str, briefing: Path):
    path = briefing / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    before = tree(briefing)
    for args in (["check"], ["build", "--no-search"]):
        result = invoke(*args)
        _assert_clean_failure(result, [expected], before, briefing)
        # One line per problem: the output never contains a raw control character.
        assert "\x1b" not in result.output


def test_fifo_does_not_hang(briefing: Path):
    os.mkfifo(briefing / "content/actors/pipe.md")
    result = invoke("check")
    _assert_clean_failure(result, ["content/actors/pipe.md: not a regular file, not a Markdown entry"],
                          tree(briefing), briefing)


# -- symlinks in content/ ---------------------------------------------------------------------

def _outside_secret(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "secret.md"
    write(secret, "---\nname: SECRET-OUTSIDE-CONTENT\nkind: person\n---\nSECRET-OUTSIDE-CONTENT\n")
    return secret


def test_symlink_to_file_outside_content(briefing: Path, tmp_path: Path):
    secret = _outside_secret(tmp_path)
    os.symlink(secret, briefing / "content/actors/leak.md")
    before = tree(briefing)
    for args in (["check"], ["build", "--no-search"]):
        _assert_clean_failure(invoke(*args), ["content/actors/leak.md: symlink points outside the content folder"],
                              before, briefing)


def test_symlink_index_outside_content(briefing: Path, tmp_path: Path):
    secret = _outside_secret(tmp_path)
    (briefing / "content/_index.md").unlink()
    os.symlink(secret, briefing / "content/_index.md")
    _assert_clean_failure(invoke("build", "--no-search"),
                          ["content/_index.md: symlink points outside the content folder"], tree(briefing), briefing)


def test_symlinked_kind_folder_outside_content(briefing: Path, tmp_path: Path):
    secret = _outside_secret(tmp_path)
    shutil.rmtree(briefing / "content/actors")
    os.symlink(secret.parent, briefing / "content/actors")
    _assert_clean_failure(invoke("check"), ["content/actors: folder is a symlink pointing outside the content folder"],
                          tree(briefing), briefing)


def test_symlink_loop_and_dangling(briefing: Path):
    os.symlink("loop-b.md", briefing / "content/actors/loop-a.md")
    os.symlink("loop-a.md", briefing / "content/actors/loop-b.md")
    os.symlink("nowhere.md", briefing / "content/actors/dangling.md")
    _assert_clean_failure(invoke("build", "--no-search"), [
        "content/actors/loop-a.md: a symlink loop; skipped",
        "content/actors/loop-b.md: a symlink loop; skipped",
        "content/actors/dangling.md: a broken symlink; skipped",
    ], tree(briefing), briefing)


def test_symlink_inside_content_is_fine(briefing: Path):
    (briefing / "content/actors/serbia.md").rename(briefing / "content/serbia-real.md")
    os.symlink("../serbia-real.md", briefing / "content/actors/serbia.md")
    result = invoke("check")
    assert result.exit_code == 0, result.output


def test_failed_build_keeps_previous_site(briefing: Path):
    assert invoke("build", "--no-search").exit_code == 0
    site_before = tree(briefing / "site", skip="-")
    lay("malformed-yaml", briefing)
    _assert_clean_failure(invoke("build", "--no-search"), ["content/actors/malformed-yaml.md:3"],
                          tree(briefing), briefing, site_before=site_before)


# -- inputs that must load and build ------------------------------------------------------------

def _build_ok(briefing: Path) -> None:
    before = tree(briefing)
    result = invoke("build", "--no-search")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert tree(briefing) == before, "build changed something outside site/"


def page(briefing: Path, rel: str) -> str:
    return (briefing / "site" / rel).read_text(encoding="utf-8")


def test_bom_and_crlf_entries_load(briefing: Path):
    (briefing / "content/actors/bom-actor.md").write_bytes(
        b"\xef\xbb\xbf---\nname: Bom Actor\nkind: person\n---\nWritten with a byte order mark.\n")
    (briefing / "content/events/crlf-event.md").write_bytes(_crlf(
        "---\ntitle: CRLF event\ndate: 2025-04-02\nkind: meeting\nparticipants: [serbia]\n"
        "sources: [defence-plan]\n---\nLine one.\nLine two.\n"))
    result = invoke("check")
    assert result.exit_code == 0, result.output
    _build_ok(briefing)
    assert "Bom Actor" in page(briefing, "actors/bom-actor/index.html")
    html = page(briefing, "events/crlf-event/index.html")
    assert "CRLF event" in html and "\r" not in html


@pytest.mark.parametrize("case", ["cyrillic-greek", "emoji", "right-to-left"])
def test_scripts_and_symbols_load(case: str, briefing: Path):
    lay(case, briefing)
    result = invoke("check")
    assert result.exit_code == 0, result.output
    _build_ok(briefing)
    if case == "cyrillic-greek":
        assert "Александар Вучић" in page(briefing, "actors/aleksandar-vucic-cyrillic/index.html")
        assert "Κυριάκος Μητσοτάκης" in page(briefing, "actors/kyriakos-mitsotakis/index.html")
    elif case == "emoji":
        assert "\U0001F91D" in page(briefing, "sources/emoji/index.html")
    else:
        html = page(briefing, "sources/right-to-left/index.html")
        assert "تقرير عن صربيا" in html and "דיווח על סרביה" in html


def test_ten_megabyte_entry(briefing: Path):
    para = ("Serbian President Vučić said the plan with Hungary has 79 activities; " * 12 + "\n\n")
    body = para * (10 * 1024 * 1024 // len(para.encode()) + 1)
    write(briefing / "content/sources/huge.md",
          "---\ntitle: Huge\npublished: 2025-04-02\nactors: [serbia, aleksandar-vucic]\n---\n")
    with open(briefing / "content/sources/huge.md", "a", encoding="utf-8") as fh:
        fh.write(body)
    assert (briefing / "content/sources/huge.md").stat().st_size > 10 * 1024 * 1024
    start = time.perf_counter()
    _build_ok(briefing)
    assert time.perf_counter() - start < 30
    assert (briefing / "site/sources/huge/index.html").stat().st_size > 10 * 1024 * 1024


def test_one_megabyte_line(briefing: Path):
    line = "Vučić " + "x" * (1024 * 1024) + " Serbia."
    write(briefing / "content/sources/long-line.md",
          "---\ntitle: One long line\npublished: 2025-04-02\nactors: [serbia]\n---\n")
    with open(briefing / "content/sources/long-line.md", "a", encoding="utf-8") as fh:
        fh.write(line + "\n")
    start = time.perf_counter()
    _build_ok(briefing)
    assert time.perf_counter() - start < 20
    assert "x" * 1000 in page(briefing, "sources/long-line/index.html")


def test_one_megabyte_front_matter_value(briefing: Path):
    write(briefing / "content/actors/long-role.md",
          "---\nname: Long role\nkind: person\nrole: " + "r" * (1024 * 1024) + "\n---\n")
    assert invoke("check").exit_code == 0


# -- check --strict ---------------------------------------------------------------------------

STRICT_CASES = [
    ("actor no source mentions", "actors/loner.md", "---\nname: Loner\nkind: person\n---\n",
     "content/actors/loner.md: no source or event mentions this actor"),
    ("event without a source", "events/unsourced.md",
     "---\ntitle: Unsourced\ndate: 2025-04-01\nparticipants: [serbia]\n---\n",
     "content/events/unsourced.md: no source reports this event"),
    ("event without a date", "events/undated.md",
     "---\ntitle: Undated\nparticipants: [serbia]\nsources: [defence-plan]\n---\n",
     "content/events/undated.md: event has no date"),
    ("source without a publication date", "sources/undated.md",
     "---\ntitle: Undated source\nactors: [serbia]\n---\nText.\n",
     "content/sources/undated.md: source has no publication date"),
    ("draft actor", "actors/drafty.md", "---\nname: Drafty\nkind: person\nstatus: draft\n---\n",
     "content/actors/drafty.md:4: draft actor found by ingest"),
]


@pytest.mark.parametrize("label,rel,text,line", STRICT_CASES, ids=[c[0] for c in STRICT_CASES])
def test_strict_turns_each_warning_into_an_error(label: str, rel: str, text: str, line: str, briefing: Path):
    if label == "draft actor":  # mentioned, so the only warning is the draft status
        text = text.replace("status: draft", "status: draft")
        write(briefing / "content/sources/mentions-drafty.md",
              "---\ntitle: M\npublished: 2025-04-02\nactors: [drafty]\n---\nDrafty spoke.\n")
    write(briefing / "content" / rel, text)
    relaxed = invoke("check")
    assert relaxed.exit_code == 0, relaxed.output
    assert any(l.startswith(line.replace(": ", ": warning: ", 1)) for l in relaxed.output.splitlines()), relaxed.output
    strict = invoke("check", "--strict")
    assert strict.exit_code == 1
    assert any(l.startswith(line) for l in strict.output.splitlines()), strict.output
    assert "Traceback" not in strict.output


def test_strict_passes_on_a_clean_briefing(briefing: Path):
    result = invoke("check", "--strict")
    assert result.exit_code == 0, result.output


def test_event_reported_only_from_the_source_side_is_sourced(briefing: Path):
    """A source listing the event reports it, even when the event does not list the source."""
    write(briefing / "content/events/one-sided.md",
          "---\ntitle: One-sided\ndate: 2025-04-03\nparticipants: [serbia]\n---\n")
    write(briefing / "content/sources/one-sided-report.md",
          "---\ntitle: R\npublished: 2025-04-03\nactors: [serbia]\nevents: [one-sided]\n---\nText.\n")
    result = invoke("check", "--strict")
    assert result.exit_code == 0, result.output
