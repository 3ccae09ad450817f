"""What is known of an article besides its text: a `<seed>.yaml` beside it, a `.md` seed's front
matter, a saved page's metadata, legacy Cyrillic encodings, and the publication date an editor sets
in a source entry, from which the next ingest dates the article's events."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from sitegen import frontmatter
from sitegen.cli import main
from sitegen.load import load_briefing

ARTICLE = """Ministers sign border accord

Officials of Armenia and Azerbaijan signed a border accord in Geneva on Tuesday, ending a
dispute that began when Azerbaijani troops crossed the river in 2019.

Foreign Minister Anna Kovacs of Armenia said the accord would hold. "Nobody wants another
crossing," she said after the ceremony.
"""

CYRILLIC = """Србија и Мађарска потписале споразум

Председник Србије Александар Вучић састао се у Београду са премијером Мађарске Виктором Орбаном.
Министри одбране потписали су план сарадње 1. априла 2025. године у Београду.
"""


RUSSIAN = """Россия и Казахстан подписали соглашение

Президент России Владимир Путин встретился в Москве с президентом Казахстана. Министры подписали
план сотрудничества 1 апреля 2025 года в Москве.
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def briefing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("init", "b").exit_code == 0
    monkeypatch.chdir(tmp_path / "b")
    return tmp_path / "b"


def sources(folder: Path) -> dict:
    b, problems = load_briefing(folder, folder / "content")
    assert [p for p in problems if p.severity == "error"] == []
    return {s.seed: s for s in b.sources.values()}


def events(folder: Path) -> dict:
    b, _ = load_briefing(folder, folder / "content")
    return b.events


def test_a_sidecar_gives_the_articles_facts(briefing):
    (briefing / "seeds" / "accord.txt").write_text(ARTICLE, encoding="utf-8")
    (briefing / "seeds" / "accord.txt.yaml").write_text(
        "url: https://news.example/2025/06/03/accord\npublished: 2025-06-04\noutlet: Geneva Post\n"
        "author: Lena Roth\ntitle: 'Armenia, Azerbaijan: accord signed'\n", encoding="utf-8")
    result = run("ingest")
    assert result.exit_code == 0, result.output
    source = sources(briefing)["seeds/accord.txt"]
    assert source.title == "Armenia, Azerbaijan: accord signed"
    assert str(source.published) == "2025-06-04" and not source.published_inferred
    assert (source.outlet, source.author, source.url) == ("Geneva Post", "Lena Roth",
                                                           "https://news.example/2025/06/03/accord")
    # "on Tuesday" is read against the sidecar's date: Tuesday 3 June 2025.
    assert any(str(e.date) == "2025-06-03" for e in events(briefing).values())


def test_a_changed_sidecar_is_a_changed_seed(briefing):
    from sitegen.ingest import seeds_changed

    (briefing / "seeds" / "accord.txt").write_text(ARTICLE, encoding="utf-8")
    assert run("ingest").exit_code == 0
    assert not seeds_changed(briefing, briefing / "seeds", briefing / "content")
    (briefing / "seeds" / "accord.txt.yaml").write_text("published: 2025-06-04\n", encoding="utf-8")
    assert seeds_changed(briefing, briefing / "seeds", briefing / "content")


def test_markdown_front_matter_gives_the_facts(briefing):
    (briefing / "seeds" / "accord.md").write_text(
        "---\npublished: 2025-06-04\noutlet: Geneva Post\n---\n" + ARTICLE, encoding="utf-8")
    assert run("ingest").exit_code == 0
    source = sources(briefing)["seeds/accord.md"]
    assert (str(source.published), source.outlet) == ("2025-06-04", "Geneva Post")
    assert "outlet: Geneva Post" not in source.body


def test_front_matter_in_other_tools_words_gives_the_same_facts(briefing):
    (briefing / "seeds" / "accord.md").write_text(
        "---\ndate: 2025-06-04T10:15:00-04:00\nsite_name: Geneva Post\ncanonical: https://example.org/accord\n"
        "authors: [Ana Ruiz, Lee Park]\n---\n" + ARTICLE, encoding="utf-8")
    assert run("ingest").exit_code == 0
    source = sources(briefing)["seeds/accord.md"]
    assert (str(source.published), source.outlet, source.url) == ("2025-06-04", "Geneva Post",
                                                                  "https://example.org/accord")


def test_a_bad_sidecar_is_one_line_naming_it_and_the_other_seeds_go_on(briefing):
    (briefing / "seeds" / "accord.txt").write_text(ARTICLE, encoding="utf-8")
    (briefing / "seeds" / "accord.txt.yaml").write_text("published: 2025-13-45\n", encoding="utf-8")
    (briefing / "seeds" / "other.txt").write_text(ARTICLE.replace("Geneva", "Basel"), encoding="utf-8")
    result = run("ingest")
    assert result.exit_code == 1
    assert "seeds/accord.txt.yaml: published:" in result.output
    assert "Traceback" not in result.output
    assert list(sources(briefing)) == ["seeds/other.txt"]


def test_html_page_metadata_is_read_from_the_structured_result(briefing):
    title = 'Azerbaijan: "We will not cross again", minister says'
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")[1:] * 3)
    html = (f"<html><head><title>{title} | Geneva Post</title>"
            f"<meta property=\"og:title\" content='{title}'>"
            "<meta property=\"og:site_name\" content=\"Geneva Post\">"
            "<meta property=\"article:published_time\" content=\"2025-06-04T08:15:00+02:00\">"
            "<meta name=\"author\" content=\"Lena Roth\">"
            "<link rel=\"canonical\" href=\"https://news.example/2025/06/04/accord\"></head>"
            f"<body><nav>Home | World</nav><article><h1>{title}</h1>{paragraphs}</article>"
            "<footer>Contact us</footer></body></html>")
    (briefing / "seeds" / "page.html").write_text(html, encoding="utf-8")
    assert run("ingest").exit_code == 0
    source = sources(briefing)["seeds/page.html"]
    assert source.title == title  # no quotes or backslashes added
    assert str(source.published) == "2025-06-04"
    assert (source.outlet, source.author) == ("Geneva Post", "Lena Roth")
    assert source.url == "https://news.example/2025/06/04/accord"
    assert "Home | World" not in source.body


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_u"])
def test_cyrillic_in_legacy_encodings_is_read_as_cyrillic(briefing, encoding):
    text = CYRILLIC if encoding == "cp1251" else RUSSIAN
    (briefing / "seeds" / "sr.txt").write_bytes(text.encode(encoding))
    assert run("ingest").exit_code == 0
    source = sources(briefing)["seeds/sr.txt"]
    assert source.title == text.split("\n")[0]
    assert text.split("\n")[2] in source.body


def test_an_editor_setting_published_redates_the_events(briefing):
    (briefing / "seeds" / "accord.txt").write_text(ARTICLE, encoding="utf-8")
    assert run("ingest").exit_code == 0
    source = sources(briefing)["seeds/accord.txt"]
    assert source.published is None or source.published_inferred  # the text carries no date
    assert not any(str(e.date).startswith("2025-06") for e in events(briefing).values())
    path = briefing / "content" / "sources" / f"{source.slug}.md"
    doc = frontmatter.parse(path.read_text(encoding="utf-8"))
    doc.meta["published"] = "2025-06-04"
    doc.meta["reliability"] = "B"  # another edit of the editor's, to be kept
    path.write_text(frontmatter.render(doc.meta, doc.body), encoding="utf-8")

    result = run("ingest")
    assert result.exit_code == 0, result.output
    assert not list((briefing / "content").rglob("*.ingest.md"))  # not a conflict
    dates = {str(e.date) for e in events(briefing).values()}
    assert "2025-06-03" in dates  # "on Tuesday", before 4 June 2025
    meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert (str(meta["published"]), meta["reliability"]) == ("2025-06-04", "B")
    assert "published" not in meta.get("needs_review", [])


WIRE = """Voters back new charter in Guinea

CONAKRY, Sept 23 (Wire) - Voters in Guinea approved a new constitution in a referendum on Sunday,
provisional results showed, opening the way for the junta leader who seized power in 2021 to stand
for president.

The electoral body announced the results on Monday. Opposition parties called for a boycott of the vote.
"""


def _set_published(path: Path, value: str) -> None:
    doc = frontmatter.parse(path.read_text(encoding="utf-8"))
    doc.meta["published"] = value
    path.write_text(frontmatter.render(doc.meta, doc.body), encoding="utf-8")


def test_events_dated_from_a_corrected_publication_date_replace_the_old_ones(briefing):
    (briefing / "seeds" / "wire.txt").write_text(WIRE, encoding="utf-8")
    assert run("ingest").exit_code == 0
    source = sources(briefing)["seeds/wire.txt"]
    assert source.published_inferred and str(source.published) != "2025-09-23"  # a guess from the dateline
    before = {slug: str(e.date) for slug, e in events(briefing).items()}
    path = briefing / "content" / "sources" / f"{source.slug}.md"
    _set_published(path, "2025-09-23")

    result = run("ingest")
    assert result.exit_code == 0, result.output
    after = {slug: str(e.date) for slug, e in events(briefing).items()}
    assert {"2025-09-21", "2025-09-22"} <= set(after.values())  # Sunday's vote, Monday's results
    # The events dated from the guess are gone, not left beside the new ones; the 2021 one stays.
    assert not [d for d in after.values() if d.startswith(str(source.published.year))]
    assert "2021" in after.values() and "removed content/events/" in result.output
    # The next ingest keeps the editor's date (it wrote it itself last time) and changes nothing.
    again = run("ingest")
    assert again.exit_code == 0 and "0 created, 0 updated, 0 merged, 0 removed" in again.output
    assert str(sources(briefing)["seeds/wire.txt"].published) == "2025-09-23"
    assert {slug: str(e.date) for slug, e in events(briefing).items()} == after
    assert set(before) - set(after)


def test_an_old_event_the_editor_has_is_kept(briefing):
    (briefing / "seeds" / "wire.txt").write_text(WIRE, encoding="utf-8")
    assert run("ingest").exit_code == 0
    source = sources(briefing)["seeds/wire.txt"]
    olds = sorted(slug for slug, e in events(briefing).items() if e.date.year == source.published.year)
    assert len(olds) == 2
    folder = briefing / "content" / "events"
    edited = folder / f"{olds[0]}.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("\n---\n", "\nnotes: checked\n---\n", 1),
                      encoding="utf-8")
    # The other one is named in an entry the editor wrote: a link kept working.
    (briefing / "content" / "actors" / "analyst.md").write_text(
        f"---\nname: Jo Analyst\nkind: person\n---\n\nSee [the day](../events/{olds[1]}.md).\n", encoding="utf-8")
    _set_published(briefing / "content" / "sources" / f"{source.slug}.md", "2025-09-23")
    result = run("ingest")
    assert result.exit_code == 0, result.output
    assert all((folder / f"{slug}.md").exists() for slug in olds)
    assert result.output.count("its sources no longer report it; kept") == 2


def test_a_new_title_keeps_the_events_file(briefing):
    (briefing / "seeds" / "accord.txt").write_text(ARTICLE.replace("on Tuesday", "on 3 June 2025"), encoding="utf-8")
    assert run("ingest").exit_code == 0
    before = set(events(briefing))
    (event_slug,) = [slug for slug, e in events(briefing).items() if str(e.date) == "2025-06-03"]
    title = events(briefing)[event_slug].title
    # The seed changes so that the happening is told in other words: a new title, the same event.
    (briefing / "seeds" / "accord.txt").write_text(ARTICLE.replace(
        "signed a border accord in Geneva on Tuesday", "put their signatures to a border treaty in Geneva on 3 June 2025"),
        encoding="utf-8")
    assert run("ingest").exit_code == 0
    after = events(briefing)
    assert set(after) == before  # no second file for the same happening
    assert str(after[event_slug].date) == "2025-06-03" and after[event_slug].title != title
