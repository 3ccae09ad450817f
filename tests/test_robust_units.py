"""Unit-level robustness of the parts that read and write the editor's files: front matter,
one-line problems, sitegen.yaml, the ingest store and its manifest."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen import frontmatter
from sitegen.cli import main
from sitegen.errors import Problem, SitegenError
from sitegen.ingest.store import Manifest, reconcile
from sitegen.ingest.types import MachineEntry


# -- front matter -----------------------------------------------------------------------------

@pytest.mark.parametrize("text,line,message", [
    ("---\nname: A\nname: B\n---\n", 3, "field 'name' is given twice (lines 2 and 3)"),
    ("---\nclaims:\n  - {text: a, text: b}\n---\n", 3, "field 'text' is given twice"),
    ("---\na: &x [1, 2]\nb: *x\n---\n", 3, "YAML alias '*x' is not supported"),
    ("---\na: &x [*x]\n---\n", 2, "YAML alias '*x' is not supported"),
    ("---\nb: &a {x: 1}\nc:\n  <<: *a\n---\n", 4, "YAML alias '*a'"),
    ("---\nx: " + "[" * 40 + "]" * 40 + "\n---\n", 2, "nested more than 16 levels deep"),
    ("---\nname: 1" + "0" * 5000 + "\n---\n", 2, "invalid value in front matter"),
    ("---\nname: !!python/name:os.system\n---\n", 2, "could not determine a constructor"),
    ("---\nname: \"\\ud800\"\n---\n", 2, "invalid YAML"),
    ("---\n? [a]\n: b\n---\n", 2, "unhashable key"),
    ("---\n\tname: x\n---\n", 2, "invalid YAML"),
])
def test_hostile_front_matter_is_one_clear_error(text: str, line: int, message: str):
    with pytest.raises(frontmatter.FrontMatterError) as exc:
        frontmatter.parse(text)
    assert exc.value.line == line
    assert message in exc.value.message
    assert "\n" not in exc.value.message


def test_strings_that_look_like_yaml_syntax_are_fine():
    doc = frontmatter.parse("---\na: \"*x\"\nb: a*b\nc: \"&y\"\nd: '<<'\n---\n")
    assert doc.meta == {"a": "*x", "b": "a*b", "c": "&y", "d": "<<"}


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#%@`,?\n\t ") + ["\u00e9", "\u202e", "\x00", "\r"]),
               max_size=60))
def test_parse_never_raises_anything_but_front_matter_error(yaml_text: str):
    try:
        frontmatter.parse("---\n" + yaml_text + "\n---\nbody\n")
    except frontmatter.FrontMatterError as exc:
        assert exc.line is None or exc.line >= 1
        assert "\n" not in exc.message


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=10).filter(lambda k: k.strip() == k and k != "<<"),
                       st.one_of(st.text(max_size=30), st.integers(), st.booleans(), st.none(),
                                 st.lists(st.text(max_size=10), max_size=3)),
                       max_size=5),
       st.text(max_size=80))
def test_render_then_parse_round_trips(meta, body):
    try:
        doc = frontmatter.parse(frontmatter.render(meta, body))
    except frontmatter.FrontMatterError:
        return  # a key or value YAML cannot carry (e.g. lone surrogates); refused cleanly
    assert doc.meta == meta
    # Bodies come back without surrounding newlines and with line ends normalised, nothing else.
    assert doc.body.strip("\n") == body.replace("\r\n", "\n").replace("\r", "\n").strip("\n")


@pytest.mark.parametrize("text,has", [
    ("---\na: 1 # note\n---\n", True),
    ("---\n# note\na: 1\n---\n", True),
    ("---\na: \"x # y\"\n---\n", False),
    ("---\na: x#y\n---\n", False),
    ("---\na: |\n  x # y\n---\n", False),
    ("---\na: 1\n---\n# a Markdown heading\n", False),
])
def test_has_comments(text: str, has: bool):
    assert frontmatter.has_comments(text) is has


# -- one-line problems ------------------------------------------------------------------------

def test_problem_and_error_are_always_one_printable_line():
    p = Problem("content/actors/a\nb\x1b[31m.md", 3, "value 'x\ny' \u202eevil")
    assert str(p) == "content/actors/a\\nb\\x1b[31m.md:3: value 'x\\ny' \\u202eevil"
    e = SitegenError("bad\r\nthing", path="seeds/\x07bell.txt", line=2)
    assert str(e) == "seeds/\\x07bell.txt:2: bad\\r\\nthing"
    assert str(Problem("content/actors/вучић.md", None, "Александар Вучић")) == \
        "content/actors/вучић.md: Александар Вучић"


# -- sitegen.yaml -----------------------------------------------------------------------------

@pytest.mark.parametrize("data,expected", [
    (b"title: [oops\n", "error: sitegen.yaml:1: invalid YAML in sitegen.yaml"),
    (b"- a list\n", "error: sitegen.yaml:1: sitegen.yaml must be a mapping"),
    (b"title: A\ntitle: B\n", "error: sitegen.yaml:2: field 'title' is given twice (lines 1 and 2)"),
    (b"title: {a: 1}\n", "error: sitegen.yaml:1: 'title' must be text"),
    (b"allow_html: 'yes'\n", "error: sitegen.yaml:1: 'allow_html' must be true or false"),
    (b"title: T\nbase_url: javascript:alert(1)\n", "error: sitegen.yaml:2: 'base_url' must be a web address"),
    (b"base_url: 'https://e.org/\"><script>'\n", "error: sitegen.yaml:1: 'base_url' must be a web address"),
    (b"language: 'en\" onload=\"x'\n", "error: sitegen.yaml:1: 'language' must be a language tag"),
    (b"extra: &a [*a]\n", "error: sitegen.yaml:1: YAML alias '*a' is not supported"),
    (b"\x00\x01\x02", "error: sitegen.yaml: binary file"),
    ("title: Vučić\n".encode("cp1250"), "error: sitegen.yaml:1: not UTF-8 text"),
])
def test_bad_settings_are_one_line(briefing: Path, data: bytes, expected: str):
    (briefing / "sitegen.yaml").write_bytes(data)
    result = CliRunner().invoke(main, ["build", "--no-search"], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.output.startswith(expected), result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (briefing / "site").exists()


def test_settings_bom_crlf_and_language_tag(briefing: Path):
    (briefing / "sitegen.yaml").write_bytes(b"\xef\xbb\xbftitle: T\r\nlanguage: sr-Latn\r\n")
    result = CliRunner().invoke(main, ["build", "--no-search"], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def test_settings_folder_instead_of_file(briefing: Path):
    (briefing / "sitegen.yaml").unlink()
    (briefing / "sitegen.yaml").mkdir()
    result = CliRunner().invoke(main, ["check"], catch_exceptions=False)
    result = CliRunner().invoke(main, ["build", "--no-search"], catch_exceptions=False)
    assert result.exit_code == 1 and result.output.startswith("error: sitegen.yaml: not a regular file")


# -- the ingest store -------------------------------------------------------------------------

def entry(slug="plan", kind="events", title="T", body="B"):
    return MachineEntry(kind, slug, {"title": title}, body, seeds=["seeds/a.txt"])


@pytest.mark.parametrize("bad", [
    entry(slug="../../escape"), entry(slug="/abs"), entry(slug="a/b"), entry(kind="../x"),
    entry(kind="templates"), entry(slug="Upper"),
])
def test_store_refuses_paths_outside_content_and_writes_nothing(tmp_path: Path, bad: MachineEntry):
    with pytest.raises(SitegenError, match="refusing to write"):
        reconcile(tmp_path, [entry(slug="a-fine-one"), bad], Manifest())
    assert list(tmp_path.rglob("*")) == [], "something was written before the refusal"


def test_store_never_writes_through_symlinks(tmp_path: Path):
    content, outside = tmp_path / "content", tmp_path / "outside"
    (content / "events").mkdir(parents=True)
    outside.mkdir()
    target = outside / "victim.md"
    target.write_text("---\ntitle: victim\n---\n")
    os.symlink(target, content / "events/plan.md")
    side_target = outside / "side-victim.md"
    side_target.write_text("untouched")
    os.symlink(side_target, content / "events/plan.ingest.md")
    report = reconcile(content, [entry()], Manifest())
    assert target.read_text() == "---\ntitle: victim\n---\n"
    assert side_target.read_text() == "untouched"
    assert (content / "events/plan.md").is_symlink()
    assert not (content / "events/plan.ingest.md").is_symlink()  # replaced by a real file inside content/
    assert report.conflicts and "symlink" in report.conflicts[0][2][0]


def test_store_refuses_a_symlinked_kind_folder(tmp_path: Path):
    content, outside = tmp_path / "content", tmp_path / "outside"
    content.mkdir()
    outside.mkdir()
    os.symlink(outside, content / "events")
    with pytest.raises(SitegenError, match="symlink"):
        reconcile(content, [entry()], Manifest())
    assert list(outside.iterdir()) == []


def test_store_leaves_non_utf8_and_folder_entries_alone(tmp_path: Path):
    (tmp_path / "events").mkdir()
    latin = tmp_path / "events/plan.md"
    latin.write_bytes("---\ntitle: Vučić\n---\n".encode("cp1250"))
    (tmp_path / "events/other.md").mkdir()
    report = reconcile(tmp_path, [entry(), entry(slug="other")], Manifest())
    assert latin.read_bytes() == "---\ntitle: Vučić\n---\n".encode("cp1250")
    assert (tmp_path / "events/other.md").is_dir()
    assert {r for r, _, _ in report.conflicts} == {"events/plan.md", "events/other.md"}


@pytest.mark.parametrize("data", [
    "not json", "[1, 2]", '{"entries": []}', '{"entries": {"a.md": "x"}}', '{"seeds": {"a": 1}}',
    '{"entries": {"a.md": {"title": 3}}}', "\ufeff\x00",
])
def test_corrupt_manifest_is_one_clear_error(tmp_path: Path, data: str):
    (tmp_path / ".ingest.json").write_text(data, encoding="utf-8")
    with pytest.raises(SitegenError) as exc:
        Manifest.load(tmp_path)
    assert "unreadable ingest manifest" in str(exc.value) and "\n" not in str(exc.value)


def test_corrupt_manifest_through_the_cli(briefing: Path):
    (briefing / "seeds").mkdir()
    (briefing / "seeds/a.txt").write_text("Serbia and Hungary\n\nSerbian President Vučić spoke.\n")
    (briefing / "content/.ingest.json").write_text("{broken")
    result = CliRunner().invoke(main, ["ingest"], catch_exceptions=False)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "unreadable ingest manifest" in result.output


_LATIN_AND_MORE = st.text(st.sampled_from(
    [chr(c) for c in [*range(0x20, 0x250), *range(0x300, 0x370)]] + list("абвђЖΑβγ½ﬁ") + list("abc  ") * 40),
    max_size=40)


@settings(max_examples=400, deadline=None)
@given(_LATIN_AND_MORE)
def test_quick_folding_equals_full_folding_and_keeps_offsets(text: str) -> None:
    from sitegen.names import fold, fold_with_map

    folded, origin = fold_with_map(text)
    assert folded == fold(text).lower()
    if origin is None:
        assert len(folded) == len(text)
    else:
        assert len(origin) == len(folded) and origin == sorted(origin)
        assert all(0 <= i < len(text) for i in origin)


def test_quick_folding_is_the_same_on_many_threads_at_once() -> None:
    # Folding finds non-ASCII runs through a codec error handler that records them per thread.
    from concurrent.futures import ThreadPoolExecutor

    from sitegen.names import fold_letters as fast_fold

    texts = [f"Vučić «{i}» sastanak s Orbánom, Đurić und Straße {'é' * (i % 7)} Łódź {i}" * (1 + i % 5)
             for i in range(400)]
    alone = [fast_fold(t) for t in texts]
    assert alone[0].startswith("vucic «0» sastanak s orbanom, duric und strasse")
    with ThreadPoolExecutor(8) as pool:
        for _ in range(5):
            assert list(pool.map(fast_fold, texts)) == alone


@settings(max_examples=400, deadline=None)
@given(_LATIN_AND_MORE)
def test_folding_is_character_by_character(text: str) -> None:
    # Only the non-ASCII runs go through the table; the result is the per-character fold.
    from sitegen.names import fold, fold_with_map

    expected = [fold(ch).lower() for ch in text]
    folded, index = fold_with_map(text)
    assert folded == "".join(expected)
    if index is not None:
        assert index == [i for i, part in enumerate(expected) for _ in part]
    else:
        assert len(folded) == len(text)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(max_codepoint=127), max_size=60))
def test_folding_ascii_text_leaves_it_as_it_is(text: str) -> None:
    # ASCII text skips fold's character-by-character steps; with one accented letter added, the
    # same text goes through them.
    from sitegen.names import fold

    assert fold(text) == text
    assert fold(text + "é") == text + "e"


@pytest.mark.parametrize("markers", [0, 11, 12, 13, 40])
def test_an_article_is_english_from_its_twelfth_english_word(markers: int) -> None:
    # Counting stops at twelve; eleven leave the guess to the full language check.
    from types import SimpleNamespace

    from sitegen.pages import source_language

    body = " ".join(["The"] * markers + ["Predsednik Srbije Aleksandar Vučić razgovarao je sa premijerom."] * 20)
    assert (source_language(SimpleNamespace(body=body)) == "en") == (markers >= 12)
