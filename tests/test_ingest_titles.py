"""Event titles read as headlines: a subject, a verb that agrees with it, and nothing broken off."""

from __future__ import annotations

import pytest

from sitegen.ingest.clauses import dated_verb, headline
from sitegen.ingest.events import _well_formed


@pytest.mark.parametrize("title, ok", [
    ("RSF storms the camp in North Darfur", True),
    ("Israel to free 2,000 prisoners", True),
    ("Imamoglu detained in a dawn raid", True),
    ("They to halt fighting to let aid through", False),  # whose plan: a pronoun
    ("Reporters the handover to happen or", False),  # broken off
    ("Sweep across the east", False),  # no subject
    ("M23 parties to 's agreement", False),  # a stray possessive
    ("Would take effect only once the government ratifies it", False),
    ("Investigation reinstated", True),  # two words may be a headline
    ("It reinstated", False),
])
def test_a_title_reads_as_a_headline(title, ok):
    assert _well_formed(title) is ok


@pytest.mark.parametrize("sentence, date, title", [
    ("Clashes over a water point on 3 May 2021 killed 31 people on the border.", "3 May 2021",
     "Clashes over a water point kill 31 people on the border"),
    ("Tens of thousands of displaced Palestinians set off on foot on Friday towards Gaza City.", "Friday",
     "Tens of thousands of displaced Palestinians set off on foot towards Gaza City"),
    ("Rescuers could still hear three people under the rubble on Wednesday.", "Wednesday",
     "Rescuers could still hear three people under the rubble"),
    ("Interpol received a copy of a sealed ICC warrant that had been issued on March 7.", "March 7",
     "Sealed ICC warrant issued"),  # the relative pronoun stands for the noun before it
    ("Henry, who had been prime minister since 2021 after his predecessor was assassinated, stepped down last month.",
     "last month", "Henry steps down"),  # past a relative aside
    ("Rodrigo Paz, a centrist senator who was never a national figure until now, won the runoff on Sunday.",
     "Sunday", "Rodrigo Paz wins the runoff"),  # past an apposition and its relative clause
])
def test_the_verb_agrees_with_the_head_of_its_subject(sentence, date, title):
    start = sentence.index(date)
    verb = dated_verb(sentence, start, start + len(date))
    assert headline(sentence, verb, [(start, start + len(date))]) == title


def test_a_trailing_attribution_is_no_headline():
    assert not _well_formed("Comprehensive military alliance, Serbian President Aleksandar Vucic announces")


def test_a_long_headline_is_cut_where_a_clause_of_its_own_begins():
    s = ("Pakistan's Defence Minister Khawaja Asif on 9 August 2025 dismissed a claim by India's air force chief that "
         "Indian air defences had brought down several Pakistani aircraft.")
    start = s.index("9 August 2025")
    verb = dated_verb(s, start, start + len("9 August 2025"))
    title = headline(s, verb, [(start, start + len("9 August 2025"))])
    assert title.endswith("dismisses a claim by India's air force chief"), title


def test_a_planned_passive_reads_to_be():
    s = "Randrianirina will be sworn in at a hearing of the court on Friday."
    start = s.index("on Friday")
    verb = dated_verb(s, start, start + len("on Friday"))
    assert headline(s, verb, [(start, start + len("on Friday"))]).startswith("Randrianirina to be sworn in")


def test_a_year_before_a_happenings_name_is_an_event():
    from sitegen.ingest.extract import extract_corpus
    from sitegen.ingest.types import Seed

    text = ("Colonel takes power\n\nAntananarivo, 15 October 2025 - The colonel, who took part in the 2009 coup that "
            "brought the president to power, said the army would govern for two years.\n")
    entries = extract_corpus([Seed("seeds/t.txt", text, "4" * 64)], [], workers=1)
    assert "2009" in [e.meta["date"] for e in entries if e.kind_dir == "events"]


def test_a_pronoun_subject_is_named_in_the_title_and_acts_in_the_event():
    from sitegen.ingest.extract import extract_corpus
    from sitegen.ingest.types import Seed

    text = ("Camp falls\n\nPublished: 14 April 2025\n\nThe Rapid Support Forces (RSF) shelled the camp for two days. "
            "It took full control of Zamzam on Sunday night, residents said.\n")
    events = [e.meta for e in extract_corpus([Seed("seeds/z.txt", text, "4" * 64)], [], workers=1)
              if e.kind_dir == "events" and e.meta["date"] == "2025-04-13"]
    assert [e["title"] for e in events] == ["Rapid Support Forces takes full control of Zamzam"]
    assert "rapid-support-forces" in events[0]["participants"]


def test_a_title_never_says_a_word_or_a_name_twice_in_a_row():
    from sitegen.ingest.events import _without_repeats

    assert _without_repeats("Rafael Correa constitution adopted adopted") == "Rafael Correa constitution adopted"
    assert _without_repeats("Albania–Croatia–Kosovo Albania–Croatia–Kosovo military cooperation declaration "
                            "signed") == "Albania–Croatia–Kosovo military cooperation declaration signed"
    assert _without_repeats("Bora Bora hit by storm") == "Bora Bora hit by storm"  # a name of two same words
