"""Sentences and places in the region's languages (lang.py): the sentence splitter reads whole words
of any script before a full stop (Hungarian "megállapodást." is not the abbreviation "St."), knows
the region's abbreviations and ordinal dates ("18. März"); capitals are found by their local names
with case endings ("u Beogradu", "Belgrádban", "në Tiranë", "in Belgrad"), only in that language,
and are an event's location, or stand for the government as in English ("Beograd je saopštio").

The sentences here are invented for the tests; they are not from the fixture corpus."""

from __future__ import annotations

import pytest

from sitegen.ingest import gazetteer as gz
from sitegen.ingest.actors import Registry
from sitegen.ingest.clean import split_sentences
from sitegen.ingest.extract import extract_corpus, find_mentions
from sitegen.ingest.types import Seed
from sitegen.names import fold_key


def _sentences(text: str, lang: str | None = None) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, lang)]


# ------------------------------------------------------------------ sentences

@pytest.mark.parametrize("text, expected", [
    # Hungarian: a word ending in "st" is not "St."; "-ről", "-ják" do not end in an initial.
    ("Szijjártó Péter aláírta a megállapodást. A tárgyalás Belgrádban folytatódott.",
     ["Szijjártó Péter aláírta a megállapodást.", "A tárgyalás Belgrádban folytatódott."]),
    ("A miniszterek az együttműködésről tárgyaltak. A terveket jövőre vizsgálják. Szerbia is részt vesz.",
     ["A miniszterek az együttműködésről tárgyaltak.", "A terveket jövőre vizsgálják.", "Szerbia is részt vesz."]),
    # Hungarian abbreviations and a date written year first.
    ("A tárgyaláson dr. Kovács Anna és a 3. sz. Bizottság elnöke is részt vett, 2025. április 1. napján.",
     ["A tárgyaláson dr. Kovács Anna és a 3. sz. Bizottság elnöke is részt vett, 2025. április 1. napján."]),
    # Serbo-Croatian: "NATO-a." ends a sentence ("a" after a hyphen is no initial); npr., tzv., tj. do not.
    ("Srbija nije članica NATO-a. Deklaracija je potpisana u Tirani.",
     ["Srbija nije članica NATO-a.", "Deklaracija je potpisana u Tirani."]),
    ("Govorio je o susedima, npr. Mađarskoj, i o tzv. Otvorenom Balkanu, tj. Regionalnoj saradnji. Zatim je otišao.",
     ["Govorio je o susedima, npr. Mađarskoj, i o tzv. Otvorenom Balkanu, tj. Regionalnoj saradnji.",
      "Zatim je otišao."]),
    # Serbian Cyrillic: capitals of Cyrillic begin sentences; "др." is "dr.".
    ("Потписивању је присуствовао др. Петар Петровић. Он је рекао да је споразум важан.",
     ["Потписивању је присуствовао др. Петар Петровић.", "Он је рекао да је споразум важан."]),
    # Quotes of the region: „…“ opens and closes a sentence.
    ("Vučić je rekao: „Ovo je dobar dan.“ Zatim je otputovao. „Sutra nastavljamo“, dodao je.",
     ["Vučić je rekao: „Ovo je dobar dan.“", "Zatim je otputovao.", "„Sutra nastavljamo“, dodao je."]),
    # Albanian: p.sh. (for example) does not end a sentence.
    ("Disa vende, p.sh. Kroacia dhe Shqipëria, e mbështetën deklaratën. Rama e priti Osmanin në Tiranë.",
     ["Disa vende, p.sh. Kroacia dhe Shqipëria, e mbështetën deklaratën.", "Rama e priti Osmanin në Tiranë."]),
    # German: z. B., bzw. and an ordinal date before a capitalised month.
    ("Es ging um Rohstoffe, z. B. Lithium, bzw. Kupfer. Merz empfing Vučić am 18. März in Berlin. Danach reiste er ab.",
     ["Es ging um Rohstoffe, z. B. Lithium, bzw. Kupfer.", "Merz empfing Vučić am 18. März in Berlin.",
      "Danach reiste er ab."]),
    ("Berlin, 7. Juli 2025", ["Berlin, 7. Juli 2025"]),
    # English is read as before.
    ("Mr. Smith met the U.S. envoy on Monday. He fell ill. Doctors came at 5 p.m. on Tuesday.",
     ["Mr. Smith met the U.S. envoy on Monday.", "He fell ill.", "Doctors came at 5 p.m. on Tuesday."]),
    ("The count rose to 79. The next round is in 2026.", ["The count rose to 79.", "The next round is in 2026."]),
])
def test_sentences_in_the_region_languages(text: str, expected: list[str]):
    assert _sentences(text) == expected


def test_an_abbreviation_that_is_an_english_word_counts_in_its_language_only():
    hu = "A tervet a kormány, ill. Szerbia vezetése is támogatja."
    assert _sentences(hu, "hu") == [hu]
    assert _sentences("He fell ill. Szerbia was not told.", "en") == ["He fell ill.", "Szerbia was not told."]


# ------------------------------------------------------------------ capitals as places

def _matcher():
    registry = Registry([])
    registry.finalize()
    return gz.alias_matcher(registry.matcher_entries(), stem_slugs=registry.stem_slugs()), registry


@pytest.mark.parametrize("lang, text, capital, kind", [
    ("sh", "Ministri su se sastali u Beogradu.", "Beogradu", "at"),
    ("sh", "Министри су се састали у Београду.", "Београду", "at"),
    ("sh", "Sastanak je održan u Prištini i Beogradu.", "Beogradu", "at"),
    ("sh", "Premijer je doputovao iz Budimpešte.", "Budimpešte", "place"),
    ("sh", "Sastanak je zakazan u Budimpešti.", "Budimpešti", "at"),
    ("sh", "Ministarka je boravila u Tirani.", "Tirani", "at"),
    ("sh", "Beograd je saopštio da neće uvesti sankcije.", "Beograd", ""),
    ("sh", "Lavrov je zahvalio Beogradu na podršci.", "Beogradu", ""),
    ("sh", "Zapad vrši pritisak na Beograd.", "Beograd", ""),
    ("hu", "A miniszterek Belgrádban tárgyaltak.", "Belgrádban", "at"),
    ("hu", "A miniszterek Zágrábban tárgyaltak.", "Zágrábban", "at"),
    ("hu", "Orbán Brüsszelben tárgyalt.", "Brüsszelben", "at"),
    ("hu", "Szijjártó Moszkvába utazik.", "Moszkvába", "place"),
    ("hu", "Belgrád szerint a terv jó.", "Belgrád", ""),
    ("hu", "A kormány Brüsszellel szemben is fellép.", "Brüsszellel", ""),
    ("hu", "A döntés Moszkvától függ.", "Moszkvától", ""),
    ("sq", "Ministrat u takuan në Tiranë.", "Tiranë", "at"),
    ("sq", "Ministrat u takuan në Beograd.", "Beograd", "at"),
    ("sq", "Deklarata u kritikua nga Beogradi.", "Beogradi", ""),
    ("de", "Die Minister trafen sich in Belgrad.", "Belgrad", "at"),
    ("de", "Wadephul reist nach Pristina und Belgrad.", "Belgrad", "place"),
    ("de", "Belgrad steht weiter zu Moskau.", "Belgrad", ""),
])
def test_local_capital_is_a_place_or_the_government(lang: str, text: str, capital: str, kind: str):
    matcher, registry = _matcher()
    start = text.index(capital)
    mentions, places = find_mentions(text, matcher, registry, lang)
    assert gz.local_place_kind(text, start, start + len(capital), lang) == kind
    if kind:
        assert any(p.start == start for p in places), places
    else:
        # The government: the state's (or the EU's) mention, as "Belgrade said" is Serbia's in English.
        m = next(m for m in mentions if m.start == start)
        assert m.atype == "capital" and registry.actors[m.slug].kind in ("state", "organization")


def test_local_names_count_only_in_their_language():
    matcher, registry = _matcher()
    assert not any(r[2] == "Belgrade" for r in matcher.find("We met in Beograd and Belgrádban.", lang="en"))
    assert not any(r[2] == "Belgrade" for r in matcher.find("Sastanak u Belgrádban.", lang="sh"))
    found = matcher.find("Sastanak u Beogradu.", lang="sh")
    assert [(r[2], r[3][0][1]) for r in found] == [("Belgrade", "serbia")]


def test_every_local_capital_is_a_builtin_capital():
    capitals = {fold_key(c) for a in gz.builtin_actors() for c in a.capitals}
    assert set(gz.local_capitals()) <= capitals, set(gz.local_capitals()) - capitals


# ------------------------------------------------------------------ event locations

def _events(text: str) -> list[dict]:
    entries = extract_corpus([Seed("seeds/a.txt", text, "7" * 64)], [])
    return [e.meta for e in entries if e.kind_dir == "events"]


@pytest.mark.parametrize("text, date, location", [
    ("Srbija i Slovenija potpisale sporazum\n\nObjavljeno: 14. oktobar 2024.\n\n"
     "Ministri Srbije i Slovenije potpisali su 10. oktobra u Beogradu sporazum o saradnji u oblasti energetike. "
     "Sporazum predviđa zajedničke investicije u obnovljive izvore energije, rekao je ministar.",
     "2024-10-10", "Belgrade"),
    ("Министри Србије и Грчке састали су се\n\nОбјављено: 5. март 2025.\n\n"
     "Министри одбране Србије и Грчке састали су се 3. марта у Атини и разговарали о сарадњи две војске. "
     "Састанак је, како је саопштено, био веома успешан и за једну и за другу страну.",
     "2025-03-03", "Athens"),
    ("Hrvatska i Slovenija potpisale sporazum o granici\n\nObjavljeno: 10. ožujka 2025.\n\n"
     "Vlade Hrvatske i Slovenije potpisale su 3. ožujka u Prištini sporazum o zajedničkoj zaštiti granice. "
     "Sporazum je, prema riječima ministara, važan za obje zemlje i za cijelu regiju.",
     "2025-03-03", "Pristina"),
    ("Magyarország és Szerbia megállapodást írt alá\n\n2025. március 13.\n\n"
     "Magyarország és Szerbia külügyminiszterei március 11-én Zágrábban aláírták az energetikai megállapodást. "
     "A megállapodás a vezeték építéséről szól, és a két ország energiaellátását segíti.",
     "2025-03-11", "Zagreb"),
    ("Shqipëria dhe Kosova nënshkruan marrëveshje për energjinë\n\n20 shkurt 2025\n\n"
     "Ministrat e Shqipërisë dhe të Kosovës nënshkruan më 18 shkurt në Tiranë një marrëveshje për "
     "bashkëpunim në energji. Marrëveshja parashikon investime të përbashkëta në rrjetin elektrik.",
     "2025-02-18", "Tirana"),
    ("Serbien und Ungarn unterzeichnen Abkommen\n\n20. Februar 2025\n\n"
     "Die Außenminister Serbiens und Ungarns haben am 18. Februar in Brüssel ein Abkommen über Energie "
     "unterzeichnet. Das Abkommen sieht gemeinsame Investitionen in das Stromnetz vor.",
     "2025-02-18", "Brussels"),
])
def test_event_location_from_a_local_capital(text: str, date: str, location: str):
    events = _events(text)
    assert [(e["date"], e.get("location")) for e in events if e["date"] == date] == [(date, location)], events


def test_event_location_from_a_local_date_line():
    events = _events("Vlada usvojila strategiju odbrane\n\nBeograd, 14. oktobar 2024.\n\n"
                     "Ministri Srbije i Slovenije potpisali su danas sporazum o saradnji u oblasti energetike. "
                     "Sporazum predviđa zajedničke investicije u obnovljive izvore energije, rekao je ministar.")
    assert [(e["date"], e.get("location")) for e in events] == [("2024-10-14", "Belgrade")], events
