import pytest

from sitegen.dates import PartialDate
from sitegen.ingest.metadata import (find_dates, infer_publication, parse_header, publication_evidence,
                                     resolve)


def _one(text):
    ds = find_dates(text)
    assert len(ds) == 1, ds
    return ds[0]


def test_relative_dates_resolve_with_honest_precision():
    ref = PartialDate(2025, 4, 1)
    assert resolve(_one("on 1 April"), ref) == PartialDate(2025, 4, 1)
    assert resolve(_one("on March 18"), ref) == PartialDate(2025, 3, 18)
    assert resolve(_one("in March"), ref) == PartialDate(2025, 3)
    assert resolve(_one("last year"), ref) == PartialDate(2024)
    assert resolve(_one("this week"), ref) == PartialDate(2025, 4)
    assert resolve(_one("on Friday"), ref) == PartialDate(2025, 3, 28)
    assert resolve(_one("in 2023"), ref) == PartialDate(2023)
    assert resolve(_one("26 years later"), ref, prev_year=1999) == PartialDate(2025)
    assert resolve(_one("the following year"), ref, prev_year=2021) == PartialDate(2022)
    # what followed the year given last is no evidence of the year of writing
    assert infer_publication(publication_evidence("It won in 2021 and walked out the following year.", None),
                             None) == (None, "")
    assert resolve(_one("in December"), ref) == PartialDate(2024, 12)  # not a future month
    # A month ahead, in a clause that says so, lies in the next year when it comes before the reference's.
    december = PartialDate(2024, 12, 18)
    assert resolve(_one("in January"), december, "a snap election is due in January") == PartialDate(2025, 1)
    assert resolve(_one("in November"), december, "after Salwai asked in November") == PartialDate(2024, 11)
    february = PartialDate(2025, 2, 26)
    assert resolve(_one("on April 2"), february, "he planned for them to take effect on April 2") \
        == PartialDate(2025, 4, 2)
    # A weekday ahead, written on that weekday, is that day; "next Sunday" a week on.
    sunday = PartialDate(2025, 10, 5)
    assert resolve(_one("on Sunday"), sunday, "the president is due to receive him on Sunday") == sunday
    assert resolve(_one("next Sunday"), sunday, "he will receive him next Sunday") == PartialDate(2025, 10, 12)
    assert resolve(_one("on Monday"), sunday, "talks will start on Monday") == PartialDate(2025, 10, 6)


def test_months_with_a_modifier_and_days_next_to_the_last_date_given():
    ref = PartialDate(2025, 4, 20)
    assert resolve(_one("determined last August that"), ref) == PartialDate(2024, 8)
    assert resolve(_one("this May"), ref) == PartialDate(2025, 5)
    assert resolve(_one("next January"), ref) == PartialDate(2026, 1)
    before = PartialDate(2025, 3, 19)  # the day the text gave last
    assert resolve(_one("A day before, the university annulled"), ref, prev_day=before) == PartialDate(2025, 3, 18)
    assert resolve(_one("the following day"), ref, prev_day=before) == PartialDate(2025, 3, 20)
    assert resolve(_one("two weeks later"), ref, prev_day=before) == PartialDate(2025, 4, 2)
    assert resolve(_one("five days ago"), ref) == PartialDate(2025, 4, 15)
    assert resolve(_one("the next day"), ref) is None  # no day given before: no date
    # A happening the clause after it tells lies a day before the day the text gave last (the vote's).
    assert resolve(_one("The vote came a day after negotiators signed the plan."), ref,
                   prev_day=before) == PartialDate(2025, 3, 18)


def test_a_day_or_month_takes_the_year_the_text_gives_right_after_it():
    ref = PartialDate(2025, 11, 17)
    assert resolve(_one("after her ouster on August 5 last year"), ref) == PartialDate(2024, 8, 5)
    assert resolve(_one("due on 2 March next year"), ref) == PartialDate(2026, 3, 2)
    day, _ = find_dates("on 5 August, last year's deadline")  # "last year's deadline": a date of its own
    assert resolve(day, ref) == PartialDate(2025, 8, 5)
    july, august = find_dates("protests during July and August of 2024 left hundreds dead")
    assert (resolve(july, ref), resolve(august, ref)) == (PartialDate(2024, 7), PartialDate(2024, 8))


def test_a_date_line_may_begin_with_its_place_and_a_span_counted_from_a_happening_is_no_date():
    h = parse_header(["UN court jails Taylor for 50 years", "Agence France-Presse",
                      "Leidschendam (Netherlands), 26 September 2013", "A UN-backed appeals court upheld the sentence."])
    assert h.published == PartialDate(2013, 9, 26)
    assert not find_dates("He remained there for three years before being taken into custody.")
    assert not find_dates("Security Council resolutions 1737, 1747 and 1803 were restored.")  # numbers, no years


def test_a_date_in_a_clause_a_subordinator_opens_is_judged_there():
    from sitegen.ingest.clauses import date_scope

    announced = "On Sunday, Ishiba announced he will resign now that the talks are over."
    assert "will" not in date_scope(announced, 3, 9)  # what he announced lies ahead, not the Sunday
    s = ("A snap election is due in January after Salwai asked President Nikenike Vurobaravu in November to "
         "dissolve parliament.")
    assert "due" in date_scope(s, s.index("January"), s.index("January") + 7)
    assert "due" not in date_scope(s, s.index("November"), s.index("November") + 8)


def test_a_date_a_verb_in_the_past_tells_lies_in_the_past():
    ref = PartialDate(2025, 10, 27)

    def when(sentence: str, month: str) -> PartialDate | None:
        from sitegen.ingest.clauses import date_scope

        dm = next(d for d in find_dates(sentence) if d.text.startswith(month))
        return resolve(dm, ref, date_scope(sentence, dm.start, dm.end))

    s = ("The junta will close schools for two weeks as the country suffers from a blockade on fuel imports "
         "imposed by armed groups in September.")
    assert when(s, "September") == PartialDate(2025, 9)  # not next September: the "will" is another clause's
    assert when("The minister said the talks held in September would resume.", "September") == PartialDate(2025, 9)
    assert when("The deal will be signed in November.", "November") == PartialDate(2025, 11)
    assert when("Elections postponed in December will now be held in March.", "March") == PartialDate(2026, 3)


def test_header_title_byline_dateline():
    h = parse_header(["Serbia, Hungary deepen military cooperation with new defense pact",
                      "By Talha Ozturk",
                      "BELGRADE, Serbia (AA) - Serbian President Aleksandar Vucic described a new agreement."])
    assert h.title.startswith("Serbia, Hungary deepen")
    assert h.author == "Talha Ozturk"
    assert h.dateline_place == "Belgrade" and h.dateline_wire == "AA"
    assert h.body == ["BELGRADE, Serbia (AA) - Serbian President Aleksandar Vucic described a new agreement."]


def test_explicit_date_line_and_lede_without_headline():
    h = parse_header(["Title of a story here", "Published: 02.10.2025, 09:30", "Body text."])
    assert h.published == PartialDate(2025, 10, 2)
    h2 = parse_header(["Serbia and Hungary are moving towards an alliance, the president announced on April 1, "
                       "following the signing of a partnership between the two countries, officials said."])
    assert h2.title == "" and h2.title_derived


def test_publication_inferred_from_weekday_and_day_or_year_evidence():
    text = "Orban met Vucic in Belgrade on May 23. Vucic described him on Friday as a friend."
    ev = publication_evidence(text, None, lede=text)
    assert infer_publication(ev, None) == (None, "")  # no year evidence, no prior: stay empty
    pub, _ = infer_publication(ev, 2025)
    assert pub == PartialDate(2025, 5, 23)  # 23 May 2025 is a Friday
    ev = publication_evidence("NATO bombed in 1999. Today, 26 years later, we sign. Plan for 2025.", None)
    assert infer_publication(ev, None)[0] == PartialDate(2025)


def _date_spans(text: str, starts: list[int]) -> list[tuple[int, int]]:
    from sitegen.ingest.gazetteer import matches_at
    from sitegen.ingest.metadata import _DATE_RX

    return [(m.start(), m.end()) for m in matches_at(_DATE_RX, text, starts)]


def test_date_starts_from_anchors_find_every_date_the_word_by_word_scan_finds():
    import random

    from sitegen.ingest.metadata import _scan_date_starts, date_starts

    # Modifiers far from their weekday, weekdays run into their modifier, units after the longest
    # words that may come before them, letters that fold specially, dates at both ends.
    words = ["on", "last", "earlier on", "late on", "previous", "Monday", "MONDAY", "lastMonday", "onTuesday",
             "the", "year", "years", "before", "a", "decade", "ago", "later", "earlier", "earlier previous",
             "1", "12", "2025", "01.04.2025", "2025-04-01", "April", "Sept.", "May", "may", "of", "1st", "this",
             "next", "week", "months", "yesterday", "Today", "tomorrow", "fifteen", "thirty", "Jan.", ",", ".",
             "\n\n", "   ", "\t", "\u017funday", "\u212a", "\u0131", "\u0130", "%", "per cent", "people", "$", "-",
             "Wednesday", "twenty", "mayor", "decision", "day", "days", "following", "after", "past", "August",
             "today's", "Sunday"]
    rnd = random.Random(5)
    for _ in range(4000):
        parts = [rnd.choice(words) for _ in range(rnd.randint(1, 12))]
        text = "".join(p + rnd.choice([" ", " ", "", "  ", "\n", ", "]) for p in parts)
        every, anchored = _scan_date_starts(text), date_starts(text)
        assert set(anchored) <= set(every) and anchored == sorted(set(anchored)), text
        assert _date_spans(text, anchored) == _date_spans(text, every), text


def test_date_starts_skip_words_far_from_any_date():
    from sitegen.ingest.metadata import _scan_date_starts, date_starts

    text = ("The talks on defence went on all afternoon, and the ministers then said that the plan "
            "of 79 activities, signed last year, was only a start. On Tuesday they met again.")
    anchored = date_starts(text)
    assert len(anchored) < len(_scan_date_starts(text)) / 2
    assert [text[s:e] for s, e in _date_spans(text, anchored)] == ["last year", "On Tuesday"]


def _published(text: str):
    from sitegen.ingest.extract import extract_corpus
    from sitegen.ingest.types import Seed

    entries = extract_corpus([Seed("seeds/a.txt", text, "0" * 64)], [], workers=1)
    source = next(e for e in entries if e.kind_dir == "sources")
    return source.meta["published"], source.meta.get("outlet", "")


BODY = ("Officials of Armenia and Azerbaijan signed a border accord in Geneva on Thursday, ending a "
        "dispute over the river. The accord follows talks held in 2024 and plans for 2026 elections.\n")


@pytest.mark.parametrize("line, published", [
    ("**Caucasus Monitor** · World desk · 2025.09.11. 19:20", "2025-09-11"),  # year first, dots
    ("11.09.2025 | 09:15", "2025-09-11"),  # day first, dots, a bar before the time
    ("Friday 12 September 2025 | 13:40 CET", "2025-09-12"),
    ("https://news.example/world/2025/09/11/border-accord", "2025-09-11"),  # only in the address
    ("[Photo] Ministers at the ceremony in Geneva, Thursday, September 11, 2025. (Photo: AP)", "2025-09-11"),
])
def test_publication_dates_in_the_forms_pages_write_them(line, published):
    assert _published(f"Armenia and Azerbaijan sign border accord\n\n{line}\n\n{BODY}")[0] == published


def test_a_meta_line_names_the_outlet_before_its_date():
    text = f"Armenia and Azerbaijan sign border accord\n\nCaucasus Monitor · World desk · 2025.09.11. 19:20\n\n{BODY}"
    assert _published(text) == ("2025-09-11", "Caucasus Monitor")


def test_a_wire_dateline_without_a_year_takes_the_year_its_weekday_fits():
    # 11 September is a Thursday in 2025; the article also names 2024 and a coming 2026 election.
    text = f"Armenia and Azerbaijan sign border accord\n\nGENEVA, Sept 11 (Reuters) - {BODY}"
    assert _published(text)[0] == "2025-09-11"


@pytest.mark.parametrize("wire, published", [
    # The only year named is a past election's; 4 October is a Saturday in 2025, not in 2021.
    ("PRAGUE, Oct 4 (CEP Wire) - The ANO movement won the election on Saturday, its best result "
     "since 2021. Talks with the president begin on Monday.", "2025-10-04"),
    # The first weekday named is the vote's, the day before; 12 November is a Wednesday in 2025.
    ("BAGHDAD, Nov 12 (Gulf Wire) - The prime minister's bloc came first in Tuesday's election, the "
     "commission said on Wednesday. Turnout was the highest since 2021.", "2025-11-12"),
    # "Sunday's referendum" in a Monday's wire: 17 November was a Sunday in 2024, but a weekday
    # named is a day of the week before the dateline's, which any year allows.
    ("QUITO, Nov 17 (Andean Wire) - Voters rejected every question in Sunday's referendum. The air "
     "base was used from 1999 to 2009.", "2025-11-17"),
])
def test_a_wire_dateline_without_a_year_takes_the_corpus_year(wire, published):
    from sitegen.ingest.extract import extract_corpus
    from sitegen.ingest.types import Seed

    dated = "Election results announced\n\nPublished: 10.10.2025\n\nThe commission announced results.\n"
    seeds = [Seed("seeds/a.txt", dated, "0" * 64), Seed("seeds/b.txt", f"Election\n\n{wire}\n", "1" * 64)]
    entries = extract_corpus(seeds, [], workers=1)
    got = {e.meta["url"] if "url" in e.meta else e.meta.get("seed"): e.meta["published"]
           for e in entries if e.kind_dir == "sources"}
    assert published in got.values(), got


def test_a_lone_wire_takes_the_year_of_the_weekday_something_was_said_on():
    # "Sunday's election" is the day before; the commission spoke on the day of writing, a Monday:
    # 29 September is a Monday in 2025 (a Sunday in 2024, the latest year named).
    text = ("Moldova vote\n\nCHISINAU, Sept 29 (Dniester Wire) - The governing party won Sunday's election, "
            "the electoral commission said on Monday. Moldova opened accession talks in 2024.\n")
    assert _published(text)[0] == "2025-09-29"


def test_a_lone_wire_takes_the_year_of_its_ledes_weekday_before_a_later_ones():
    # The lede's news is the dateline's day: 21 September is a Sunday in 2025; what the president
    # "told reporters on Saturday" later on was said the day before (a Saturday in 2024).
    text = ("Manila rally\n\nMANILA, Sept 21 (Pacific Wire) - Tens of thousands of Filipinos marched through "
            "Manila on Sunday against graft in flood-control projects.\n\n\"I would be out there myself,\" "
            "the president told reporters on Saturday. Up to 118.5 billion pesos were lost since 2023.\n")
    assert _published(text)[0] == "2025-09-21"


@pytest.mark.parametrize("text, n", [
    ("The confrontation came six days after China declared part of the shoal a reserve.", 6),
    ("It was freed on Friday, a day after the delegations signed it in Sharm el-Sheikh.", 1),
    ("The clash came a week after Beijing announced the reserve.", 7),
])
def test_days_after_a_happening_count_back_from_the_day_given_last(text, n):
    from sitegen.ingest.metadata import find_dates

    relative = [d for d in find_dates(text) if d.kind == "relative"]
    assert [(d.rel, d.n) for d in relative] == [("day earlier", n)]


@pytest.mark.parametrize("text", ["He was jailed three years before being taken into custody again.",
                                  "Two days after the vote, the army seized power."])
def test_a_span_counted_from_no_clause_or_in_years_dates_nothing(text):
    from sitegen.ingest.metadata import find_dates

    assert not [d for d in find_dates(text) if d.kind == "relative"]


@pytest.mark.parametrize("text, expected", [
    ("Up to 1,400 people were killed between July and August of that year.",
     [PartialDate(2024, 7), PartialDate(2024, 8)]),
    ("On August 5 that year, she fled the country.", [PartialDate(2024, 8, 5)]),
])
def test_a_month_of_that_year_takes_the_year_the_text_gave_last(text, expected):
    from sitegen.ingest.metadata import find_dates

    ref = PartialDate(2025, 11, 17)
    assert [resolve(d, ref, text, 2024) for d in find_dates(text)] == expected


def test_a_list_of_four_digit_numbers_no_word_of_time_leads_into_holds_no_years():
    text = ("The resolutions restored are 1696, 1737 and 1747, adopted in 2006 and 2007, together with 1803, 1835 and "
            "1929. Madagascar had military takeovers in 1972, 1975 and 2009.")
    assert [text[d.start:d.end] for d in find_dates(text)] == ["2006", "2007", "1972", "1975", "2009"]


def test_a_page_opening_with_its_address_and_a_line_of_labels():
    h = parse_header(["https://www.centralamericapost.com/2025/12/09/honduras-count-asfura-widens-lead",
                      "CENTRAL AMERICA POST  ·  Politics  ·  Honduras Votes 2025",
                      "Asfura widens lead as Honduras heads into special recount of disputed tally sheets",
                      "By Rodrigo Maradiaga",
                      "Nasry Asfura stretched his narrow lead over Salvador Nasralla, the electoral council said."])
    assert h.title == "Asfura widens lead as Honduras heads into special recount of disputed tally sheets"
    assert h.url == "https://www.centralamericapost.com/2025/12/09/honduras-count-asfura-widens-lead"
    assert (h.outlet, h.author) == ("Central America Post", "Rodrigo Maradiaga")
    assert h.body == ["Nasry Asfura stretched his narrow lead over Salvador Nasralla, the electoral council said."]
    assert any("centralamericapost.com/2025/12/09" in line for line in h.consumed)  # (its date is read from there)
