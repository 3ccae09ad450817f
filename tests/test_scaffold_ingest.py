"""`sitegen ingest FILE` and `sitegen ingest -`: add one article to a briefing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen import frontmatter
from sitegen.cli import main
from sitegen.load import load_briefing

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
ARTICLE = ARTICLES / "a01_kosovo_serbia_brussels_talks.txt"
OTHER = ARTICLES / "a13_poland_apache_deal.txt"


def run(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


@pytest.fixture
def briefing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("init", "b").exit_code == 0
    monkeypatch.chdir(tmp_path / "b")
    return tmp_path / "b"


def sources(folder: Path) -> dict:
    b, problems = load_briefing(folder, folder / "content")
    assert [p for p in problems if p.severity == "error"] == []
    return b.sources


def test_ingest_one_file_from_outside(briefing):
    result = run("ingest", str(ARTICLE))
    assert result.exit_code == 0, result.output
    copy = briefing / "seeds" / ARTICLE.name
    assert copy.read_bytes() == ARTICLE.read_bytes()  # the briefing keeps what it was built from
    assert f"added seed seeds/{ARTICLE.name}" in result.output
    found = sources(briefing)
    assert len(found) == 1
    source = next(iter(found.values()))
    assert source.seed == f"seeds/{ARTICLE.name}"
    assert source.title.startswith("Kosovo, Serbia leaders fail to agree")
    assert source.body.strip()
    assert run("check").exit_code == 0
    built = run("build", "--no-search")
    assert built.exit_code == 0, built.output
    assert (briefing / "site" / "sources" / source.slug / "index.html").is_file()


def test_ingest_same_file_twice_adds_nothing(briefing):
    assert run("ingest", str(ARTICLE)).exit_code == 0
    before = {p: p.read_bytes() for p in (briefing / "content").rglob("*.md")}
    again = run("ingest", str(ARTICLE))
    assert again.exit_code == 0, again.output
    assert "added seed" not in again.output
    assert sorted(p.name for p in (briefing / "seeds").glob("*.txt")) == [ARTICLE.name]
    assert {p: p.read_bytes() for p in (briefing / "content").rglob("*.md")} == before


def test_ingest_a_second_file_keeps_the_first(briefing):
    assert run("ingest", str(ARTICLE)).exit_code == 0
    result = run("ingest", str(OTHER))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (briefing / "seeds").glob("*.txt")) == sorted([ARTICLE.name, OTHER.name])
    assert len(sources(briefing)) == 2


def test_ingest_file_with_a_taken_name_is_renamed(briefing, tmp_path):
    (briefing / "seeds" / ARTICLE.name).write_bytes(OTHER.read_bytes())
    result = run("ingest", str(ARTICLE))
    assert result.exit_code == 0, result.output
    sha = hashlib.sha256(ARTICLE.read_bytes()).hexdigest()
    renamed = briefing / "seeds" / f"{ARTICLE.stem}-{sha[:8]}.txt"
    assert renamed.read_bytes() == ARTICLE.read_bytes()
    assert (briefing / "seeds" / ARTICLE.name).read_bytes() == OTHER.read_bytes()


def test_ingest_from_standard_input(briefing):
    data = ARTICLE.read_bytes()
    result = run("ingest", "-", input=data)
    assert result.exit_code == 0, result.output
    seed = briefing / "seeds" / f"stdin-{hashlib.sha256(data).hexdigest()[:12]}.txt"
    assert seed.read_bytes() == data
    found = sources(briefing)
    assert len(found) == 1 and next(iter(found.values())).seed == f"seeds/{seed.name}"
    # The same article again is recognised, not stored twice.
    again = run("ingest", "-", input=data)
    assert again.exit_code == 0, again.output
    assert [p.name for p in (briefing / "seeds").glob("stdin-*.txt")] == [seed.name]


def test_ingest_empty_standard_input(briefing):
    result = run("ingest", "-", input=b"  \n")
    assert result.exit_code == 1
    assert "no article on standard input" in result.output
    assert not list((briefing / "seeds").glob("stdin-*"))


def test_ingest_missing_or_unsupported_file(briefing, tmp_path):
    result = run("ingest", str(tmp_path / "nope.txt"))
    assert result.exit_code == 1 and "no such file" in result.output
    assert "Traceback" not in result.output
    pdf = tmp_path / "article.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    result = run("ingest", str(pdf))
    assert result.exit_code == 1 and "not an article file" in result.output
    assert not (briefing / "seeds" / "article.pdf").exists()


def test_hand_fix_survives_reingest(briefing):
    """The editor's fix of a field ingest got wrong is kept when the seed changes and is re-ingested."""
    assert run("ingest", str(ARTICLE)).exit_code == 0
    source = next(iter(sources(briefing).values()))
    path = briefing / source.path
    doc = frontmatter.parse(path.read_text(encoding="utf-8"))
    doc.meta["title"] = "Kurti and Vučić fail to agree (fixed by hand)"
    path.write_text(frontmatter.render(doc.meta, doc.body), encoding="utf-8")
    seed = briefing / "seeds" / ARTICLE.name
    seed.write_bytes(seed.read_bytes() + b"\n\nA paragraph added to the article later.\n")
    result = run("ingest")
    assert result.exit_code == 0, result.output
    again = sources(briefing)[source.slug]
    assert again.title == "Kurti and Vučić fail to agree (fixed by hand)"
