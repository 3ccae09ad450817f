"""Figures: magnitudes and currencies read right, qualifiers, ranges and terms, and how each is shown."""

from __future__ import annotations

import pytest

from sitegen.ingest.extract import extract_corpus
from sitegen.ingest.types import Seed, SeedFacts


def _speakers(sentence: str) -> dict:
    """Each figure's speaker by its value."""
    return {n["value"]: n.get("speaker") for n in _numbers(sentence)}


def _numbers(sentence: str) -> list[dict]:
    text = f"Armenia and Azerbaijan sign border accord\n\n{sentence}\n"
    entries = extract_corpus([Seed("seeds/a.txt", text, "0" * 64, facts=SeedFacts(published="2025-04-01"))], [],
                             workers=1)
    return next(e for e in entries if e.kind_dir == "sources").meta.get("numbers", [])


@pytest.mark.parametrize("sentence, value, unit, shown", [
    ("Armenia will pay 4 million euros for the survey of the border.", 4_000_000, "EUR", "€4 million"),
    ("The survey of the border will cost 120 million euros in all.", 120_000_000, "EUR", "€120 million"),
    ("Azerbaijan put $1.2bn into the reconstruction of the border villages.", 1_200_000_000, "USD", "$1.2 billion"),
    ("A court sentenced the smuggler to one year in prison for the crossing.", 1, "year", "1 year"),
    ("The prime minister announced a four-year delay in the border talks.", 4, "year", "4 years"),
    ("Nearly 5,000 troops took part in the withdrawal from the border.", 5000, "troops", "5,000 troops"),
    ("The president approved about $8.2 million for the relief of the border villages.", 8_200_000, "USD",
     "$8.2 million"),
])
def test_figures_are_read_with_their_magnitude(sentence, value, unit, shown):
    found = _numbers(sentence)
    assert [(n["value"], n["unit"], n["shown"]) for n in found] == [(value, unit, shown)]


def test_what_a_figure_counts_ends_at_a_participle_a_preposition_or_an_adverb():
    found = _numbers("Schools will close for two weeks starting Monday amid a worsening fuel shortage.")
    assert [(n["value"], n["unit"], n["shown"]) for n in found] == [(2, "weeks", "2 weeks")]
    found = _numbers("About 300 people living in the camp were moved amid the fighting.")
    assert [(n["value"], n["counts"]) for n in found] == [(300, "people")]
    found = _numbers("The minister ordered 10,000 flight attendants back to work.")  # an adverb ends it too
    assert [(n["value"], n["counts"]) for n in found] == [(10000, "flight attendants")]


def test_qualifiers_and_ranges_are_kept():
    found = {n["value"]: n for n in _numbers("At least 31 people were killed and between 20 and 25 injured.")}
    assert found[31]["qualifier"] == "at least" and found[31]["shown"] == "31 people"
    assert (found[20]["upper"], found[20]["shown"]) == (25, "20–25 injured")


@pytest.mark.parametrize("sentence, value, counts", [
    ("Since 2014 more than ten serious clashes have broken out along the border.", 10, "serious clashes"),
    ("Nine soldiers died and 87 were wounded in the fighting on the border.", 87, "wounded"),
    ("The war has displaced about seven million in the border region.", 7_000_000, "displaced"),
    ("Protests spread to more than 55 of Armenia's 81 towns on the border.", 55, "towns"),
    ("Twenty-six others have been declared dead after the border clash.", 26, "others killed"),
    ("The border between the two states is 1,006.84 kilometres long.", 1006.84, ""),
    ("The death toll from the clashes on the border rose to 2,886 on Friday.", 2886, "dead"),
    ("A court sentenced the commander to 27 years and three months in prison.", 27.25, ""),
])
def test_a_figure_counts_what_its_clause_says(sentence, value, counts):
    found = {n["value"]: n for n in _numbers(sentence)}
    assert value in found, found
    if counts:
        assert found[value]["counts"] == counts


def test_a_story_tells_each_toll_apart_and_flags_the_figures_that_differ():
    first = ("Quake kills hundreds in Myanmar\n\nYangon, 29 March 2025 - The junta said on Saturday that 1,644 people "
             "had died in Myanmar after the earthquake struck near Mandalay on Friday. Junta leader Min Aung Hlaing "
             "appealed for help. In Thailand, at least 10 people had died when a tower collapsed in Bangkok, "
             "Governor Chadchart Sittipunt said.\n")
    second = ("Myanmar quake toll rises\n\nBangkok, 2 April 2025 - The death toll in Myanmar from the earthquake of "
              "March 28 rose to 2,886, Min Aung Hlaing said on Wednesday. In Bangkok, at least 18 people died in the "
              "collapse of the tower, Governor Chadchart Sittipunt said.\n")
    entries = extract_corpus([Seed("seeds/a.txt", first, "1" * 64), Seed("seeds/b.txt", second, "2" * 64)], [],
                             workers=1)
    found = sorted(sorted(a["value"] for a in d["accounts"])
                   for e in entries if e.kind_dir == "events" for d in e.meta.get("disagreements") or [])
    assert ["1644", "2886"] in found and ["10", "18"] in found
    assert not any("10" in values and "1644" in values for values in found)


@pytest.mark.parametrize("sentence, value, shown", [
    ("Nearly half a million people fled the border towns after the clash.", 500_000, "500,000 people"),
    ("More than a dozen coup attempts shook the border region.", 12, "12 attempts"),
    ("A quarter of a million refugees crossed the border.", 250_000, "250,000 refugees"),
])
def test_fractions_and_a_before_a_scale_word_are_figures(sentence, value, shown):
    found = {n["value"]: n for n in _numbers(sentence)}
    assert found[value]["shown"] == shown


@pytest.mark.parametrize("sentence, kept", [
    ("The war has displaced about seven million across the region.", [7_000_000]),
    ("More than 3 million had been driven from their homes by the fighting.", [3_000_000]),
    ("That comes on top of the half a million who had arrived there before.", [500_000]),
    ("One crew member was injured when the ship was hit.", [1]),
    ("The text won nine votes and two abstentions in the council.", [9, 2]),
    ("The two countries agreed to reopen the border.", []),  # not a figure anyone disputes
    ("One of his most vocal critics has been Taro Aso.", []),
])
def test_a_scaled_figure_without_a_noun_and_a_small_count_that_matters_are_figures(sentence, kept):
    assert [n["value"] for n in _numbers(sentence)] == kept


def test_a_figure_outside_the_words_an_attribution_tells_has_no_speaker():
    found = _numbers("The strike killed 11 people on board, and US President Donald Trump said the boat carried "
                     "drugs worth $25 million.")
    by_value = {n["value"]: n["speaker"] for n in found}
    assert by_value == {11: None, 25_000_000: "donald-trump"}  # the article's own toll; Trump's figure


@pytest.mark.parametrize("sentence, expected", [
    ("The 2012 floods displaced 2.2 million people and resulted in 363 deaths.",
     [(2_200_000, "people displaced"), (363, "deaths")]),
    ("A suicide bomber struck, killing seven Pakistani soldiers and wounding 13 near the border.",
     [(7, "Pakistani soldiers killed"), (13, "wounded")]),
    ("President Vurobaravu told reporters the toll was \"about 16\".", [(16, "dead")]),
])
def test_a_figure_counts_what_the_verb_before_it_counts_not_a_toll_after_it(sentence, expected):
    assert [(n["value"], n["counts"]) for n in _numbers(sentence)] == expected


def test_a_unit_written_against_its_figure():
    assert [(n["value"], n["unit"]) for n in _numbers("Iran holds more than 400kg of highly enriched uranium.")] \
        == [(400, "kg")]


def test_a_figure_in_a_sentence_without_an_attribution_is_the_articles_own():
    found = _numbers("Six people were killed in clashes in the capital, prompting statements of concern from "
                     "the United States and the United Nations.")
    assert [(n["value"], n["speaker"]) for n in found] == [(6, None)]


def test_results_that_go_on_from_a_sentence_a_speaker_tells_are_that_speakers():
    speaker = _speakers(
        "ANO had 35.4 percent of the vote, according to the Czech Statistical Office. The Spolu alliance "
        "trailed with 22.7 percent and the Pirates had 8.6 percent.\n\n"
        "Turnout was 68.9 percent, the highest since 1998.")
    assert speaker[35.4] == speaker[22.7] == speaker[8.6] == "czech-statistical-office"
    assert speaker[68.9] is None  # a new paragraph: the outlet's own figure


def test_a_source_named_for_results_covers_the_figures_of_the_paragraphs_after_it():
    speaker = _speakers(
        "The ruling party won a majority, according to results the Central Election Commission published.\n\n"
        "With 99.9 percent of ballots counted, the party had 50.2 percent of the vote. The opposition bloc "
        "trailed with 24.2 percent.\n\n"
        "Two other parties cleared the threshold, with 7.9 percent and 6.2 percent, and the bloc is on course "
        "for 26 seats.\n\n"
        "Turnout was 52.1 percent.")
    assert {speaker[v] for v in (99.9, 50.2, 24.2, 7.9, 6.2, 26)} == {"central-election-commission"}
    assert speaker[52.1] is None  # turnout is no share of the vote: the run has ended


def test_a_run_of_figures_ends_where_another_speaker_or_a_paragraph_without_them_comes():
    speaker = _speakers(
        "ANO had 35.4 percent of the vote, according to the Czech Statistical Office.\n\n"
        "Andrej Babis said the result was a mandate. Spolu had 22.7 percent.\n\n"
        "The campaign was bitter.\n\n"
        "The Pirates had 8.6 percent.")
    assert speaker[35.4] == "czech-statistical-office"
    assert speaker[22.7] is None and speaker[8.6] is None


def test_the_sentence_after_a_speakers_figures_goes_on_with_them_whatever_it_counts():
    numbers = _numbers("In a statement, the Independent High Electoral Commission said 12,009,453 citizens had voted. Of those, "
                       "10,904,637 voted on Tuesday, a turnout of 54.35 percent.")
    assert {n["value"]: n.get("speaker") for n in numbers} == {12009453: "independent-high-electoral-commission",
                                                                10904637: "independent-high-electoral-commission",
                                                                54.35: "independent-high-electoral-commission"}


def test_a_share_of_voters_is_no_voice_and_the_source_of_the_figures_gives_them():
    numbers = _numbers("With about 90 percent of ballots counted, 60.5 percent of voters had rejected foreign bases, "
                       "according to preliminary figures from the National Electoral Council.")
    assert {n["value"]: n.get("speaker") for n in numbers} == {90: "national-electoral-council",
                                                                60.5: "national-electoral-council"}


def test_a_run_goes_on_through_a_sentence_the_same_speaker_tells_again():
    speaker = _speakers(
        "The Britain-based Syrian Observatory for Human Rights said more than 300 people had been killed since Sunday. "
        "Its count included 69 Druze fighters and 40 civilians, 27 of them shot in what it called summary executions "
        "by members of the defence and interior ministries, as well as 165 members of the government forces.")
    assert {speaker[v] for v in (300, 69, 40, 165)} == {"syrian-observatory-for-human-rights"}


def test_a_share_says_what_it_is_a_share_of_and_two_shares_are_no_disagreement():
    numbers = _numbers("The party had 50.2 percent of the vote, the commission said. Turnout was 52.1 percent, "
                       "it added.")
    assert {n["value"]: n["counts"] for n in numbers} == {50.2: "vote", 52.1: "turnout"}


def test_words_told_with_that_keep_the_contrast_they_draw():
    numbers = _numbers("The spokesman Zabihullah Mujahid told a news conference that about 30 soldiers had been "
                       "wounded, while nine fighters were killed and 16 wounded.")
    assert {n["value"]: n.get("speaker") for n in numbers} == {30: "zabihullah-mujahid", 9: "zabihullah-mujahid",
                                                               16: "zabihullah-mujahid"}
    numbers = _numbers("The spokesman Zabihullah Mujahid said that about 30 soldiers had been wounded, while the "
                       "ministry said nine fighters were killed.")
    assert {n["value"]: n.get("speaker") for n in numbers}[9] != "zabihullah-mujahid"


def test_a_toll_counts_what_its_own_clause_says_and_a_group_joined_by_and():
    numbers = _numbers("About 30 soldiers had been wounded, while nine fighters were killed and 16 wounded. The army "
                       "said it had killed more than 200 Taliban and allied fighters.")
    counts = {n["value"]: n["counts"] for n in numbers}
    assert counts[30] == "soldiers injured" and counts[9] == "fighters killed"
    assert counts[200] == "Taliban and allied fighters killed"


def test_tolls_of_soldiers_and_of_fighters_are_told_apart():
    from sitegen.ingest.claims import _num_class

    soldiers = {"counts": "Pakistani soldiers killed", "unit": "soldiers"}
    fighters = {"counts": "Taliban and allied fighters killed", "unit": "fighters"}
    people = {"counts": "civilians killed", "unit": "civilians"}
    assert len({_num_class(x) for x in (soldiers, fighters, people)}) == 3
    assert _num_class({"counts": "people killed", "unit": "people"}) == _num_class(people)  # one toll of people


def test_a_count_that_gives_figures_tells_them_for_whom_it_is():
    speaker = _speakers("With 95 percent of tally sheets processed, the Supreme Electoral Tribunal's preliminary results "
                        "system gave Rodrigo Paz 32.1 percent of the vote and Jorge Quiroga 26.8 percent.")
    assert speaker[32.1] == speaker[26.8] == "supreme-electoral-tribunal"
    assert _speakers("The minister gave a speech to 300 supporters on Monday.")[300] is None  # no count


def test_a_part_of_what_was_counted_counts_the_same_or_what_it_names():
    found = _numbers("About 80,000 people were affected, more than 14,000 of them children, and 40 civilians died, "
                     "27 of them shot.")
    assert [(n["value"], n["counts"]) for n in found if n["value"] in (14000, 27)] == [(14000, "children"),
                                                                                       (27, "civilians")]


def test_a_figure_set_off_by_commas_counts_the_noun_before_it_or_a_persons_age():
    found = _numbers("Okafor, 64, said his list won the most seats, 41, and would grow from 12 senators to 20.")
    assert [(n["value"], n["counts"]) for n in found] == [(64, "age"), (41, "seats"), (12, "senators (before)"),
                                                          (20, "senators")]


def test_a_body_that_counts_votes_covers_the_figures_after_what_it_said_of_the_count():
    speaker = _speakers(
        "The ruling party widened its lead as the count came to an end, the Central Election Commission said on "
        "Tuesday, nine days after the vote.\n\n"
        "With 98.8 percent of tally sheets processed, the party had 1,291,320 votes, or 40.5 percent.\n\n"
        "Analysts put turnout at 52.1 percent.")
    assert {speaker[v] for v in (98.8, 1291320, 40.5)} == {"central-election-commission"}


def test_the_count_is_the_counting_bodys():
    speaker = _speakers("The National Electoral Council has finished counting the ballots. According to the "
                        "official count, most voters rejected the plan, and 60.83% refused to allow foreign bases.")
    assert speaker[60.83] == "national-electoral-council"


def test_two_sources_giving_one_partys_share_differently_disagree_and_other_shares_stay_apart():
    first = ("Count ends\n\nTIRANA, 12 May 2026 - The Green Party won 34.5 percent of the vote in Sunday's election, "
             "ahead of the Union of Farmers with 22.1 percent, the electoral commission said.\n")
    second = ("Greens ahead\n\nTIRANA, 13 May 2026 - With all ballots counted, the Green Party had 35.4 percent and "
              "the Union of Farmers 21.9 percent, according to the electoral commission.\n")
    entries = extract_corpus([Seed("seeds/a.txt", first, "a" * 64, facts=SeedFacts(published="2026-05-12")),
                              Seed("seeds/b.txt", second, "b" * 64, facts=SeedFacts(published="2026-05-13"))], [],
                             workers=1)
    rows = [(d["about"], sorted(a["value"] for a in d["accounts"]))
            for e in entries if e.kind_dir == "events" for d in e.meta.get("disagreements") or []]
    assert any(about.startswith("share of Green Party") and values == ["34.5", "35.4"] for about, values in rows), rows
    assert not [values for _, values in rows if "34.5" in values and ("22.1" in values or "21.9" in values)], rows
    # what extraction keeps for itself stays out of the entries
    assert not [k for e in entries if e.kind_dir == "sources" for n in e.meta.get("numbers") or [] for k in n
                if k.startswith("_")]


def test_bodies_counted_are_the_dead():
    from sitegen.ingest.claims import _num_class

    assert _num_class({"counts": "bodies", "unit": "bodies"}) == _num_class({"counts": "dead", "unit": "dead"})


def test_articles_that_only_name_the_same_states_are_not_one_story():
    blast = ("Port blast\n\nBANDAR ABBAS, 27 April 2025 - An explosion at a port in Iran killed 40 people on Saturday, "
             "governor Mohammad Ashouri said. Iraq sent doctors.\n")
    flood = ("Floods\n\nBASRA, 28 April 2025 - Floods in Iraq killed 28 people on Sunday, provincial official Ali "
             "Hassan Karim said. Iran sent rescue teams.\n")
    entries = extract_corpus([Seed("seeds/a.txt", blast, "a" * 64), Seed("seeds/b.txt", flood, "b" * 64)], [],
                             workers=1)
    rows = [d for e in entries if e.kind_dir == "events" for d in e.meta.get("disagreements") or []]
    assert rows == []  # two tolls of two happenings, not one toll told two ways


def test_a_figure_after_from_and_a_qualifier_is_the_earlier_value():
    numbers = _numbers("The move lifted the benchmark rate from roughly 5.1% to 5.3%, the bank said.")
    counts = {n["value"]: n["counts"] for n in numbers}
    assert counts[5.1].endswith("(before)") and not counts[5.3].endswith("(before)"), counts
