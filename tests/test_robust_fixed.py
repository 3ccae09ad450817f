"""Cases the bad-input corpus first found failing, now fixed; kept as regression tests.

Each docstring names the file that was at fault, the input, and what must happen.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen import frontmatter
from sitegen.cli import main
from test_robust_build import _run_build, killed_copy, leftovers, snapshot
from test_robust_build import big_built  # noqa: F401  (module fixture)
from test_robust_hostile import build_hostile, html_pages, page_problems

REPO_SEEDS = Path(__file__).resolve().parent.parent / "seeds"
FIXTURE = Path(__file__).parent / "fixtures" / "briefing"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# -- site: templates/base.html, sitegen/build.py, sitegen/output.py, sitegen/cli.py -----------

def test_every_page_has_a_strict_csp(tmp_path: Path):
    """templates/base.html: no page carries a Content-Security-Policy meta tag. Every page should have
    one forbidding inline script without a hash and any other origin, e.g.
    default-src 'self'; script-src 'self' 'sha256-...'; object-src 'none'; base-uri 'none'."""
    site = build_hostile(tmp_path / "briefing")
    report = {}
    for page in html_pages(site):
        problems = [p for p in page_problems(page.read_text(encoding="utf-8"))
                    if any(k in p for k in ("Security-Policy", "default-src", "script-src", "inline script",
                                            "another origin or scheme"))]
        if problems:
            report[page.relative_to(site).as_posix()] = problems
    assert report == {}


@pytest.mark.parametrize("out", ["content", ".", "..", "seeds", "content/actors"])
def test_build_refuses_an_output_folder_that_holds_the_briefing(out: str, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch):
    """sitegen/build.py publish() / sitegen/cli.py build: `sitegen build --out content` replaces
    content/ with the site (every entry and hand edit deleted); `--out .` replaces the whole
    briefing folder; `--out ..` its parent. It should refuse, in one line, any output folder that
    is or contains the briefing folder, content/, seeds/ or templates/ (or lies inside content/)."""
    root = tmp_path / "outer" / "briefing"
    shutil.copytree(FIXTURE, root)
    (root / "seeds").mkdir()
    (root / "seeds/keep.txt").write_text("an article\n")
    monkeypatch.chdir(root)
    before = snapshot(root / "content")
    result = invoke("build", "--no-search", "--no-ingest", "--out", out)
    assert root.is_dir() and (root / "sitegen.yaml").is_file(), "the briefing folder was replaced"
    assert snapshot(root / "content") == before, "content/ was replaced by the site"
    assert (root / "seeds/keep.txt").is_file()
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_next_build_removes_leftovers_of_a_killed_build(big_built: Path, tmp_path: Path):  # noqa: F811
    """sitegen/build.py publish(): after a build is killed (SIGKILL, power loss) its .site-new-*
    folder (and, if killed inside swap_in, .site-old-*) stays beside site/ forever. The next
    successful build should remove stale .site-new-*/.site-old-* folders. (Also: publish() creates
    the temporary folder before its try:, so a Ctrl-C landing right after mkdtemp leaves one too;
    and swap_in has a window between its two renames where site/ does not exist at all — an
    exchange rename (renameat2 RENAME_EXCHANGE) or restoring .site-old-* at the next build closes it.)"""
    import signal

    root, before, proc = killed_copy(big_built, tmp_path / "b", signal.SIGKILL)
    assert leftovers(root), "expected the killed build to leave its temporary folder"
    again = _run_build(root)
    _, err = again.communicate(timeout=120)
    assert again.returncode == 0, err.decode()
    assert leftovers(root) == []




# -- ingest: sitegen/ingest/clean.py, claims.py, extract.py, __init__.py ----------------------

def _sources(folder: Path) -> list[frontmatter.Document]:
    return [frontmatter.parse(p.read_text(encoding="utf-8"))
            for p in sorted((folder / "content/sources").glob("*.md"))]


SERBIAN_ARTICLE = ("Srbija i Mađarska potpisale plan o saradnji u odbrani\n\n"
                   "Predsednik Srbije Aleksandar Vučić rekao je u Beogradu 1. aprila 2025. da će Srbija i "
                   "Mađarska potpisati plan o odbrani sa 79 aktivnosti.\n\n"
                   "Ministar odbrane Bratislav Gašić rekao je da je saradnja važna za obe zemlje i za region.\n")






def test_two_seeds_with_identical_text_make_one_source(folder: Path):
    """sitegen/ingest/__init__.py / extract.py: the same article saved twice under two names
    becomes two sources ('...comprehensive.md' and '...comprehensive-2.md'), and every event it
    reports now counts two sources — fake corroboration. Identical seeds should give one source
    (or the duplicate be refused in one line naming both files)."""
    article = sorted(REPO_SEEDS.glob("*.txt"))[1]
    shutil.copyfile(article, folder / "seeds" / article.name)
    shutil.copyfile(article, folder / "seeds" / "copy-of-the-same-article.txt")
    result = invoke("ingest")
    assert "Traceback" not in result.output
    assert len(_sources(folder)) == 1






@pytest.mark.parametrize("encoding", ["utf-8", "cp1250", "iso-8859-2"])
def test_serbian_article_text_is_kept(folder: Path, encoding: str):
    """sitegen/ingest/clean.py (fixed): a Serbian (Latin script) article was decoded correctly, but
    clean took every paragraph for a trailing footer in another language, leaving an empty body
    and the title 'Untitled'. The footer rule now applies only to English articles."""
    (folder / "seeds/sr.txt").write_bytes(SERBIAN_ARTICLE.encode(encoding))
    result = invoke("ingest")
    assert result.exit_code == 0 and "Traceback" not in result.output
    [doc] = _sources(folder)
    assert doc.meta["title"] == "Srbija i Mađarska potpisale plan o saradnji u odbrani"
    assert "Vučić rekao je u Beogradu" in doc.body
    assert "Gašić rekao je da je saradnja važna" in doc.body
    assert not doc.meta.get("removed")
