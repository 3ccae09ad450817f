"""Events in the region's languages: trigger words in their inflected forms, dates in local formats,
weekdays and relative expressions resolved against the publication date as English ones are, at honest
precision. The words are data (sitegen/ingest/data/events.yaml), used only in their own language.

The sentences here are invented for the tests; they are not from the fixture corpus."""

from __future__ import annotations

import pytest

from sitegen.dates import PartialDate
from sitegen.ingest.events import LOCAL, local_words
from sitegen.ingest.extract import extract_corpus
from sitegen.names import guess_language
from sitegen.ingest.metadata import find_dates, resolve
from sitegen.ingest.types import Seed


def _extract(text: str) -> tuple[dict, list[dict]]:
    entries = extract_corpus([Seed("seeds/a.txt", text, "7" * 64)], [])
    source = next(e.meta for e in entries if e.kind_dir == "sources")
    events = [e.meta for e in entries if e.kind_dir == "events"]
    return source, events


def _precision(iso: str) -> str:
    return PartialDate.parse(iso).precision


ARTICLES = [
    # Serbian, Latin: "u ponedeljak" in an article of Monday 14 October 2024.
    ("sh", "Srbija i Slovenija potpisale sporazum o energetici\n\nBeograd, 14. oktobar 2024.\n\n"
           "Ministri Srbije i Slovenije potpisali su u ponedeljak u Beogradu sporazum o saradnji u oblasti "
           "energetike. Sporazum predviđa zajedničke investicije u obnovljive izvore energije, rekao je ministar.",
     "2024-10-14", [("agreement", "2024-10-14")]),
    # Serbian, Cyrillic: "јуче" (yesterday).
    ("sh", "Министри Србије и Грчке састали су се у Атини\n\nБеоград, 5. март 2025.\n\n"
           "Министри одбране Србије и Грчке састали су се јуче у Атини и разговарали о сарадњи две војске. "
           "Састанак је, како је саопштено, био веома успешан и за једну и за другу страну.",
     "2025-03-05", [("meeting", "2025-03-04")]),
    # Croatian: a day and a month in the genitive ("3. ožujka"), the year from the publication date.
    ("sh", "Hrvatska i Slovenija potpisale sporazum o granici\n\nZagreb, 10. ožujka 2025.\n\n"
           "Vlade Hrvatske i Slovenije potpisale su 3. ožujka u Zagrebu sporazum o zajedničkoj zaštiti granice. "
           "Sporazum je, prema riječima ministara, važan za obje zemlje i za cijelu regiju.",
     "2025-03-10", [("agreement", "2025-03-03")]),
    # Bosnian: "ove sedmice" (this week) gives only the month, as "this week" does in English.
    ("sh", "Predsjednik Turske u posjeti Sarajevu\n\nSarajevo, 21. novembra 2024.\n\n"
           "Predsjednik Turske posjetio je ove sedmice Sarajevo, gdje je razgovarao o ulaganjima u "
           "infrastrukturu. Posjeta je bila prva nakon dvije godine, a domaćini su je ocijenili kao uspješnu.",
     "2024-11-21", [("visit", "2024-11")]),
    # Hungarian: "kedden" (on Tuesday) in an article of Thursday 13 March 2025; "tavaly" (last year).
    ("hu", "Magyarország és Szerbia megállapodást írt alá\n\nBudapest, 2025. március 13.\n\n"
           "Magyarország és Szerbia külügyminiszterei kedden aláírták az energetikai megállapodást Budapesten.\n\n"
           "Tavaly a két ország külügyminiszterei Belgrádban tárgyaltak Szerbia és Magyarország "
           "energiaellátásáról, a vezeték pedig azóta is napirenden van.",
     "2025-03-13", [("agreement", "2025-03-11"), ("meeting", "2024")]),
    # Albanian: "të martën" (on Tuesday), "vitin e kaluar" (last year).
    ("sq", "Shqipëria dhe Kosova nënshkruan marrëveshje për energjinë\n\nTiranë, 20 shkurt 2025\n\n"
           "Ministrat e Shqipërisë dhe të Kosovës nënshkruan të martën në Tiranë një marrëveshje për "
           "bashkëpunim në energji. Vitin e kaluar Shqipëria dhe Kosova mbajtën një takim të përbashkët "
           "të qeverive në Prishtinë, tha ministri.",
     "2025-02-20", [("agreement", "2025-02-18"), ("meeting", "2024")]),
    # German: "am Dienstag", "im vergangenen Jahr", and "im Mai" in a March article: last May, a month.
    ("de", "Deutschland und Polen unterzeichnen Abkommen\n\nBerlin, 12.03.2025\n\n"
           "Die Außenminister Deutschlands und Polens haben am Dienstag in Warschau ein Abkommen über die "
           "Zusammenarbeit an der Grenze unterzeichnet. Im vergangenen Jahr hatten beide Länder ihre "
           "Konsultationen zwischen Deutschland und Polen wieder aufgenommen. Die Sanktionen der "
           "Europäischen Union gegen Russland waren im Mai verschärft worden, sagte der Minister.",
     "2025-03-12", [("agreement", "2025-03-11"), ("meeting", "2024"), ("sanction", "2024-05")]),
]


@pytest.mark.parametrize("lang, text, published, expected", ARTICLES, ids=[
    "sh-latin", "sh-cyrillic", "hr", "bs-week", "hu", "sq", "de"])
def test_event_found_with_kind_date_and_precision(lang: str, text: str, published: str,
                                                  expected: list[tuple[str, str]]):
    assert guess_language(text) == lang
    source, events = _extract(text)
    # The local date line is the publication date, as in English, and is not part of the body.
    assert source["published"] == published and not source.get("published_inferred")
    assert published[:4] not in source.get("title", "")
    found = {(e["kind"], e["date"]) for e in events}
    for kind, date in expected:
        assert (kind, date) in found, (kind, date, found)
        assert _precision(date) == {4: "year", 7: "month", 10: "day"}[len(date)]
    assert all(e["participants"] for e in events)


# (language, phrase, its English equivalent, resolved against Wednesday 12 March 2025)
RELATIVE = [
    ("sh", "prošle godine", "last year", "2024"),
    ("sh", "pre dve godine", "two years ago", "2023"),
    ("sh", "prošlog meseca", "last month", "2025-02"),
    ("sh", "ove nedelje", "this week", "2025-03"),
    ("sh", "juče", "yesterday", "2025-03-11"),
    ("sh", "јуче", "yesterday", "2025-03-11"),
    ("sh", "u utorak", "on Tuesday", "2025-03-11"),
    ("sh", "u maju", "in May", "2024-05"),
    ("sh", "1. maja", "1 May", "2024-05-01"),  # two months ahead: last year's
    ("hu", "tavaly", "last year", "2024"),
    ("hu", "két évvel ezelőtt", "two years ago", "2023"),
    ("hu", "múlt hónapban", "last month", "2025-02"),
    ("hu", "ezen a héten", "this week", "2025-03"),
    ("hu", "tegnap", "yesterday", "2025-03-11"),
    ("hu", "kedden", "on Tuesday", "2025-03-11"),
    ("hu", "márciusban", "in March", "2025-03"),
    ("hu", "február 3-án", "February 3", "2025-02-03"),
    ("sq", "vitin e kaluar", "last year", "2024"),
    ("sq", "para dy vjetësh", "two years ago", "2023"),
    ("sq", "muajin e kaluar", "last month", "2025-02"),
    ("sq", "këtë javë", "this week", "2025-03"),
    ("sq", "dje", "yesterday", "2025-03-11"),
    ("sq", "të martën", "on Tuesday", "2025-03-11"),
    ("sq", "në mars", "in March", "2025-03"),
    ("de", "letztes Jahr", "last year", "2024"),
    ("de", "vor zwei Jahren", "two years ago", "2023"),
    ("de", "im vergangenen Monat", "last month", "2025-02"),
    ("de", "diese Woche", "this week", "2025-03"),
    ("de", "gestern", "yesterday", "2025-03-11"),
    ("de", "am Dienstag", "on Tuesday", "2025-03-11"),
    ("de", "im März", "in March", "2025-03"),
]


@pytest.mark.parametrize("lang, phrase, english, expected", RELATIVE)
def test_relative_dates_resolve_as_english_ones(lang: str, phrase: str, english: str, expected: str):
    ref = PartialDate(2025, 3, 12)
    local = local_words(lang).dates(f"Ministri su se sastali {phrase} u gradu." if lang == "sh" else phrase)
    assert len(local) == 1, local
    (en,) = find_dates(english)
    got = resolve(local[0], ref)
    assert got == resolve(en, ref)
    assert got is not None and got.iso() == expected


@pytest.mark.parametrize("lang, phrase, iso", [
    ("sh", "1. aprila 2025.", "2025-04-01"),
    ("sh", "u aprilu 2025.", "2025-04"),
    ("sh", "од децембра 2022. године", "2022-12"),
    ("hu", "2025. április 1-jén", "2025-04-01"),
    ("hu", "2024 áprilisában", "2024-04"),
    ("sq", "1 prill 2025", "2025-04-01"),
    ("sq", "në prill të vitit 2024", "2024-04"),
    ("de", "1. April 2025", "2025-04-01"),
    ("de", "im April 2024", "2024-04"),
])
def test_local_date_formats_keep_their_precision(lang: str, phrase: str, iso: str):
    found = local_words(lang).dates(phrase)
    assert len(found) == 1, found
    assert resolve(found[0], PartialDate(2025, 6, 1)).iso() == iso


def test_years_later_count_from_the_year_before():
    # "26 godina kasnije" after a sentence about 1999, as "26 years later" is.
    (dm,) = local_words("sh").dates("26 godina kasnije")
    (en,) = find_dates("26 years later")
    assert resolve(dm, PartialDate(2025, 3, 12), prev_year=1999) == resolve(en, PartialDate(2025, 3, 12),
                                                                           prev_year=1999) == PartialDate(2025)
    # A number of several words is not read as its last word: no date rather than a wrong one.
    assert local_words("sh").dates("dvadeset pet godina kasnije") == []


def test_month_in_the_future_resolves_forwards():
    base = "Beograd, 12. mart 2025.\n\n"
    _, past = _extract(base + "Srbija i Mađarska potpisale su u junu sporazum o saradnji u oblasti energetike, "
                              "rekao je ministar.")
    _, future = _extract(base + "Srbija i Mađarska će u junu potpisati sporazum o saradnji u oblasti energetike, "
                                "rekao je ministar.")
    assert ("agreement", "2024-06") in {(e["kind"], e["date"]) for e in past}
    assert ("agreement", "2025-06") in {(e["kind"], e["date"]) for e in future}


def test_a_deadline_year_is_not_a_date():
    _, events = _extract("Beograd, 12. mart 2025.\n\nNaftovod između Srbije i Mađarske biće završen do 2027. godine, "
                         "a ugovor o izgradnji Srbija i Mađarska potpisale su 1. marta u Budimpešti.")
    dates = {e["date"] for e in events}
    assert "2025-03-01" in dates and "2027" not in dates


@pytest.mark.parametrize("lang, word, kind", [
    ("sh", "potpisivanju", "agreement"), ("sh", "потписан", "agreement"), ("hu", "aláírását", "agreement"),
    ("sq", "nënshkrimit", "agreement"), ("de", "Unterzeichnung", "agreement"),
    ("de", "Freihandelsabkommen", "agreement"),
    ("sh", "posjetu", "visit"), ("sh", "посету", "visit"), ("hu", "látogatáson", "visit"), ("sq", "vizitës", "visit"),
    ("de", "Staatsbesuch", "visit"),
    ("sh", "sastanku", "meeting"), ("hu", "találkozón", "meeting"), ("sq", "takimit", "meeting"),
    ("de", "Treffens", "meeting"),
    ("sh", "deklaraciju", "declaration"), ("hu", "nyilatkozatot", "declaration"), ("sq", "deklaratën", "declaration"),
    ("de", "Erklärung", "declaration"),
    ("sh", "glasanju", "vote"), ("hu", "szavazáson", "vote"), ("sq", "votimit", "vote"), ("de", "Abstimmung", "vote"),
    ("sh", "kupovinu", "transaction"), ("hu", "vásárlás", "transaction"), ("sq", "blerjen", "transaction"),
    ("de", "Kauf", "transaction"),
    ("sh", "sankcijama", "sanction"), ("hu", "szankciókat", "sanction"), ("sq", "sanksionet", "sanction"),
    ("de", "Sanktionen", "sanction"),
    ("sh", "bombardovanja", "military action"), ("hu", "bombázás", "military action"),
    ("sq", "bombardimi", "military action"), ("de", "Bombardierung", "military action"),
    ("sh", "najavio", "statement"), ("hu", "bejelentette", "statement"), ("sq", "njoftoi", "statement"),
    ("de", "Ankündigung", "statement"),
    # Words that begin or end like a trigger and are not one.
    ("de", "betreffen", None), ("de", "Vorurteil", None), ("de", "Preise", None), ("sh", "sastav", None),
    ("hu", "támogatja", None), ("sq", "shembull", None),
])
def test_trigger_words_in_their_inflected_forms(lang: str, word: str, kind: str | None):
    found = local_words(lang).triggers(word)
    assert [t[2] for t in found] == ([kind] if kind else [])
    if found:
        assert found[0][:2] == (0, len(word))  # positions in the text as written (Cyrillic included)


def test_the_region_languages_have_words_and_english_has_none_here():
    assert set(LOCAL) == {"sh", "hu", "sq", "de"}
    assert local_words("en") is None


def test_local_words_are_not_used_in_an_english_article():
    text = ("Serbia and Hungary discuss energy\n\nBELGRADE, March 12, 2025 (Reuters) - Serbian and Hungarian "
            "officials discussed a new oil pipeline in Belgrade. A Serbian tabloid ran the headline "
            "\"Danas potpisan sporazum\" and another wrote \"sastanak u utorak\", but no document was shown to "
            "reporters and no date for a signing has been set.")
    assert guess_language(text) == "en"
    _, events = _extract(text)
    assert not any(e["date"] in ("2025-03-12", "2025-03-11") for e in events)


def test_local_date_line_with_time_or_weekday():
    assert local_words("hu").date_line("2025. február 12. – 14:35") == PartialDate(2025, 2, 12)
    assert local_words("sh").date_line("Beograd, četvrtak, 17. april 2025.") == PartialDate(2025, 4, 17)
    assert local_words("sh").date_line("Objavljeno: 20. jun 2025. u 09:12") == PartialDate(2025, 6, 20)
    # A sentence with a date in it is not a date line.
    assert local_words("sh").date_line("Srbija i Mađarska potpisale su 1. aprila 2025. sporazum") is None
