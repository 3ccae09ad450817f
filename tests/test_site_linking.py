"""How the site links names in article text across the region's languages and scripts, and how it
labels events whose dates do not say which came first."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from sitegen.build import build_site
from sitegen.config import load_config
from sitegen.dates import PartialDate
from sitegen.names import Alias, Matcher

from site_helpers import FIXTURE

PEOPLE = [("Aleksandar Vučić", "vucic"), ("Vučić", "vucic"), ("Marko Đurić", "duric"), ("Đurić", "duric"),
          ("Srbija", "serbia"), ("Serbia", "serbia"), ("Viktor Orbán", "orban"), ("Orbán", "orban"),
          ("Edi Rama", "rama"), ("Rama", "rama"), ("NATO", "nato")]
INFLECTING = {"vucic", "duric", "serbia", "orban", "rama"}


def _matcher() -> Matcher:
    return Matcher(Alias(name, key, endings=True, stem=key in INFLECTING) for name, key in PEOPLE)


def _found(text: str, lang: str) -> list[tuple[str, str]]:
    """The matches not inside a longer one."""
    out, end = [], 0
    for s, e, key in _matcher().scan(text, lang):
        if s >= end:
            out.append((text[s:e], key))
            end = e
    return out


def test_cyrillic_dje_matches_the_latin_name():
    assert _found("Министар Марко Ђурић и Ђурић.", "sh") == [("Марко Ђурић", "duric"), ("Ђурић", "duric")]


@pytest.mark.parametrize("lang, text, expected", [
    ("sh", "sastanak sa Vučićem u Srbiji", [("Vučićem", "vucic"), ("Srbiji", "serbia")]),
    ("sh", "predsednika Srbije Vučića", [("Srbije", "serbia"), ("Vučića", "vucic")]),
    ("hu", "Orbánnal tárgyalt", [("Orbánnal", "orban")]),
    ("sq", "takimi i Ramës me Ramën", [("Ramës", "rama"), ("Ramën", "rama")]),
    ("de", "Vučićs Partei", [("Vučićs", "vucic")]),
    # English gives names no endings: a longer word is another word.
    ("en", "Ramadan in Serbian towns, Vučića", []),
    # An abbreviation in capitals takes no joined ending; NATO-a keeps its hyphen and links NATO alone.
    ("sh", "NATOa i NATO-a", [("NATO", "nato")]),
    # An ending the language does not give the name is not a name.
    ("sh", "Vučićxyz", []),
])
def test_inflected_names_are_linked_in_their_language_only(lang: str, text: str, expected: list) -> None:
    assert _found(text, lang) == expected


def test_partial_dates_overlap_only_when_one_may_be_the_other():
    d = PartialDate.parse
    assert d("2025-04").overlaps(d("2025-04-01")) and d("2025-04-01").overlaps(d("2025-04"))
    assert d("2025").overlaps(d("2025-12-31")) and d("2025-04-01").overlaps(d("2025-04-01"))
    assert not d("2025-04").overlaps(d("2025-05-01")) and not d("2025-04-01").overlaps(d("2025-04-02"))
    assert not d("2024").overlaps(d("2025-01"))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The fixture briefing with the alliance statement known only to its month, and one article
    in Serbian that names Vučić in the genitive."""
    root = tmp_path_factory.mktemp("linking") / "briefing"
    shutil.copytree(FIXTURE, root)
    event = root / "content/events/vucic-alliance-statement.md"
    event.write_text(event.read_text(encoding="utf-8").replace("date: 2025-04-20", "date: 2025-04"),
                     encoding="utf-8")
    (root / "content/sources/politika-sastanak.md").write_text(
        "---\ntitle: Sastanak u Beogradu\noutlet: Politika\npublished: 2025-04-02\n"
        "actors: [aleksandar-vucic, serbia]\n---\n"
        "Predsednik Srbije Aleksandar Vučić je rekao da je sastanak bio uspešan. Prema rečima "
        "Vučića, saradnja je dobra i da se nastavlja sa Srbijom.\n", encoding="utf-8")
    build_site(root, root / "content", root / "site", load_config(root), search=False)
    return root / "site"


def test_month_only_event_is_in_the_same_period_as_a_day_of_that_month(site: Path):
    def nav(slug: str) -> str:
        page = (site / f"events/{slug}/index.html").read_text(encoding="utf-8")
        return page[page.index('class="prev-next"'):]

    # April 2025 sorts before 1 April 2025, but neither is said to come first.
    plan = nav("serbia-hungary-defence-plan")
    assert re.search(r'Same period, same actors</span>[^\n]*events/vucic-alliance-statement/', plan)
    assert re.search(r'Later, same actors</span>[^\n]*events/orban-visit-belgrade/', plan)
    statement = nav("vucic-alliance-statement")
    assert re.search(r'Same period, same actors</span>[^\n]*events/serbia-hungary-defence-plan/', statement)
    assert re.search(r'Earlier, same actors</span>[^\n]*events/serbia-hungary-strategic-partnership/', statement)


def test_inflected_name_in_a_serbian_article_links_to_the_actor(site: Path):
    page = (site / "sources/politika-sastanak/index.html").read_text(encoding="utf-8")
    article = page[page.index('class="article-text"'):page.index("</article>")]
    linked = re.findall(r'<a [^>]*href="../../actors/([\w-]+)/index.html"[^>]*>([^<]+)</a>', article)
    # Each paragraph links each actor's first mention: here the nominative, not the genitive after it.
    assert linked == [("aleksandar-vucic", "Aleksandar Vučić")]


def test_inflected_first_mention_is_linked(tmp_path: Path):
    root = tmp_path / "briefing"
    shutil.copytree(FIXTURE, root)
    (root / "content/sources/politika-kratko.md").write_text(
        "---\ntitle: Kratko\noutlet: Politika\npublished: 2025-04-02\nactors: [aleksandar-vucic]\n---\n"
        "Prema rečima predsednika Vučića, saradnja je dobra i da se nastavlja, kako je rekao za "
        "Politiku, a to je i stav koji je Vlada ranije iznela.\n", encoding="utf-8")
    build_site(root, root / "content", root / "site", load_config(root), search=False)
    page = (root / "site/sources/politika-kratko/index.html").read_text(encoding="utf-8")
    assert re.search(r'href="../../actors/aleksandar-vucic/index.html"[^>]*>Vučića</a>', page)


def test_each_paragraph_links_the_first_mention_of_each_name_once():
    from sitegen.text import Target, link_paragraphs

    paras = ["Vučić met Orbán. Vučić left.", "Orbán and Rama spoke; Aleksandar Vučić too."]
    text = "\n".join(paras)
    hits = _matcher().scan(text, "en")
    targets = {"vucic": Target("actors/vucic/index.html", "Aleksandar Vučić"), "orban": Target("actors/orban/index.html", "Viktor Orbán")}
    out = link_paragraphs(paras, hits, targets)
    assert ["".join(segment.text for segment in para) for para in out] == paras  # no text lost or moved
    linked = [[(segment.text, segment.href) for segment in para if segment.href] for para in out]
    # Rama has no target; "Aleksandar Vučić" wins over the "Vučić" inside it; one link a name a paragraph.
    assert linked == [[("Vučić", "actors/vucic/index.html"), ("Orbán", "actors/orban/index.html")],
                      [("Orbán", "actors/orban/index.html"), ("Aleksandar Vučić", "actors/vucic/index.html")]]
    assert link_paragraphs(["No names here."], [], targets) == [[("No names here.", None, None, None)]]
