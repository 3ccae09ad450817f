"""Attributions: who is said to have said what, wherever the verb stands and whatever it is."""

from __future__ import annotations

import pytest

from sitegen.ingest.attribution import attributions
from sitegen.ingest.extract import extract_corpus
from sitegen.ingest.types import Seed


def _found(s: str) -> list[tuple[str, str | None, str, bool]]:
    """(lemma, speaker words, words said, trailing) of each attribution of s."""
    return [(a.lemma, s[a.subject[0]:a.subject[1]] if a.subject else None, s[a.said[0]:a.said[1]], a.trailing)
            for a in attributions(s)]


@pytest.mark.parametrize("sentence, expected", [
    ("Ankara Mayor Lena Ross, an ally of the mayor, told reporters the ruling was a disgrace.",
     [("tell", "Ankara Mayor Lena Ross, an ally of the mayor,", "the ruling was a disgrace", False)]),
    ("The bridge will reopen in May, the transport ministry said.",
     [("say", "the transport ministry", "The bridge will reopen in May", True)]),
    ("The talks collapsed overnight, said the envoy.",
     [("say", "the envoy", "The talks collapsed overnight", True)]),
    ("In a statement on Monday, the Harbour Authority said the port would stay shut.",
     [("say", "In a statement on Monday, the Harbour Authority", "the port would stay shut", False)]),
    ("The governor, who denies the charges, left the court on Friday.",
     [("deny", "The governor", "denies the charges", False)]),
    ("Lagos has denied the report.", [("deny", "Lagos", "has denied the report", False)]),
    ("Officials put the death toll at 40.", [("put", "Officials", "put the death toll at 40", False)]),
    ("She welcomed the deal as a breakthrough.", [("welcome", "She", "welcomed the deal as a breakthrough", False)]),
    # an attitude voiced; a verb of the same word that voices none
    ("The UN expressed deep concern over the killings.",
     [("express", "The UN", "expressed deep concern over the killings", False)]),
    ("The firm expressed the parcel overnight.", []),
    # a stance as it stands, and a name opening the sentence
    ("Serbia condemned the pact on Friday.", [("condemn", "Serbia", "condemned the pact on Friday", False)]),
    ("Iran rejects the legal basis of the whole exercise.",
     [("reject", "Iran", "rejects the legal basis of the whole exercise", False)]),
    # a quotation after "said," is what was said
    ('After the hike, Governor Andrew Bailey said, "inflation is still too high".',
     [("say", "After the hike, Governor Andrew Bailey", '"inflation is still too high"', False)]),
    # after a quotation it closes, what follows the verb is no one's words
    ('"The case was pretty clear," Barkin said in an interview with CNN published on their website.',
     [("say", "Barkin", '"The case was pretty clear,"', True)]),
    # a news conference where it was said is no part of what was said
    ("The delegation includes Foreign Minister Juan Ramon de la Fuente, President Claudia Sheinbaum said at her "
     "morning news conference.",
     [("say", "President Claudia Sheinbaum", "The delegation includes Foreign Minister Juan Ramon de la Fuente", True)]),
    # in a clause a subordinator opens, the words end where the main clause begins
    ("While Jerome Powell said that policymakers had considered a pause, Barkin appeared less concerned.",
     [("say", "While Jerome Powell", "policymakers had considered a pause", False)]),
    # what a quotation was said of is its topic, not words; a charge is what one is accused of
    ('"The trend is irreversible," Oscar Hassenteufel, the head of the tribunal, said of Paz\'s lead.',
     [("say", "Oscar Hassenteufel, the head of the tribunal,", '"The trend is irreversible,"', True)]),
    ("Maduro, whom Washington accuses of heading a drug network, warned on Monday.",
     [("accuse", "Washington", "accuses of heading a drug network", False)]),
    # whom it was told, a medium among them
    ("Eskandar Momeni told state television that the blast was caused by negligence.",
     [("tell", "Eskandar Momeni", "the blast was caused by negligence", False)]),
    # an aside inside what was said, and one between the speaker and an auxiliary
    ("Mehrdad Hassanzadeh said the effort, which had drawn crews from afar, was almost over.",
     [("say", "Mehrdad Hassanzadeh", "the effort, which had drawn crews from afar, was almost over", False)]),
    ("President Masoud Pezeshkian, who toured hospitals, has said the government will help the families.",
     [("say", "President Masoud Pezeshkian, who toured hospitals", "the government will help the families", False)]),
])
def test_an_attribution_names_its_speaker_and_its_words(sentence, expected):
    assert _found(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("The mayor told journalists shortly before he was detained that the charges were false.",
     [("tell", "The mayor", "the charges were false", False)]),
    ("The minister said after the vote that the count had been fair.",
     [("say", "The minister", "the count had been fair", False)]),
])
def test_when_it_was_said_may_stand_between_the_verb_and_what_was_said(sentence, expected):
    assert _found(sentence) == expected


def test_a_joined_clause_shares_the_subject():
    found = _found('The minister called the plan "a disgrace" and said she would resign within a week.')
    assert [(lemma, who) for lemma, who, _, _ in found] == [("call", "The minister"), ("say", "The minister")]
    assert found[0][2] == 'called the plan "a disgrace"'
    assert found[1][2] == "she would resign within a week"
    saying = _found("The army withdrew from the town, saying the area was now secure.")
    assert saying == [("say", "The army", "the area was now secure", False)]
    series = _found("She praised France, Japan and the World Bank for their aid, said the loan had arrived, and "
                    "announced that talks would follow.")
    assert [(lemma, who) for lemma, who, _, _ in series] == [("say", "She"), ("announce", "She")]


@pytest.mark.parametrize("sentence", [
    "The claims were rejected by the court.",  # a noun, then a passive
    "The republic stood alone among member states in voting against the motion.",
    "The two countries maintained close ties with Moscow.",  # not speech without a clause
    "She welcomed the delegates at the airport.",  # a welcome, not a label
    "The ministry declared a state of emergency in six regions.",  # an act, not words
    "Rescue teams were expected to report back by noon.",
    "Shortly after the results came in, Quiroga conceded to Paz.",  # when, not what was said
    "The minister spoke of a new era.",  # a topic, no words
])
def test_narration_is_no_attribution(sentence):
    assert _found(sentence) == []


def test_a_verb_of_two_senses_attributes_before_a_clause():
    assert _found("The agency maintained that the figures were accurate.")[0][2] == "the figures were accurate"
    assert _found("The court declared that the vote was void.")[0][2] == "the vote was void"


def _claims(text: str) -> list[dict]:
    entries = extract_corpus([Seed("seeds/t.txt", text, "1" * 64)], [], workers=1)
    source = next(e for e in entries if e.kind_dir == "sources")
    return source.meta.get("claims") or []


def _speaker_of(text: str) -> dict[str, str | None]:
    """{words said: speaker} of the claims of an article."""
    return {c["text"]: c.get("speaker") for c in _claims(text)}


def test_speakers_are_the_heads_of_what_names_them():
    claims = _claims(
        "Border clashes flare again\n\n"
        "Ottawa, 3 March 2025 - Canada's defence ministry said on Monday that two patrol boats had been "
        "damaged in the clash near the islands. It said the crews were safe and had returned to port.\n\n"
        "Danish authorities said the boats had entered Danish waters without warning.\n\n"
        "Prime Minister Mark Carney, who called the clash regrettable, told reporters that talks would "
        "resume within days.\n")
    by_text = {c["text"]: c for c in claims}
    ministry = by_text["Two patrol boats had been damaged in the clash near the islands"]
    assert ministry["speaker"] not in (None, "canada")  # the ministry, not the state
    assert by_text["The crews were safe and had returned to port"]["speaker"] == ministry["speaker"]
    danish = by_text["The boats had entered Danish waters without warning"]
    assert danish["speaker"] is None and danish.get("unnamed") is True
    assert by_text["Talks would resume within days"]["speaker"] == "mark-carney"
    assert all(c["mode"] == "reported" for c in claims)


def test_a_body_named_before_its_kind_speaks_as_itself():
    by_text = _speaker_of(
        "Vote disputed\n\nPublished: 27 October 2025\n\n"
        "The Cameroon People's Democratic Movement (CPDM) backed the count. The ruling CPDM party has "
        "dismissed the claims of fraud. Hasina's Awami League party had called for a nationwide shutdown.\n")
    assert by_text["Has dismissed the claims of fraud"] == "cpdm"
    assert by_text["Had called for a nationwide shutdown"] == "awami-league"


def test_a_body_named_by_its_acronym_first_is_found_by_its_full_name_too():
    by_text = _speaker_of(
        "Water cannon at the shoal\n\nPublished: 17 September 2025\n\n"
        "The PCG says two Chinese ships fired water cannon. A fisheries ship was damaged, the Philippine Coast "
        "Guard (PCG) said. The PCG called it hostile. The PCG sent a ship. The PCG filed a protest. The PCG "
        "logged the hits. The PCG has twelve ships there.\n\n"
        "The Philippine Coast Guard gave a different account. It said the crew had been hurt.\n")
    assert by_text["The crew had been hurt"] == by_text["Two Chinese ships fired water cannon"] == "pcg"


def test_a_description_refers_to_the_person_named_with_that_role():
    claims = _claims(
        "Leaders meet in Oslo\n\n"
        "Oslo, 3 March 2025 - Danish Prime Minister Mette Frederiksen met Norwegian Prime Minister Jonas Gahr "
        "Store in Oslo on Monday to discuss Arctic security.\n\n"
        "The Danish leader said the talks had been useful and that a joint patrol plan would follow by summer.\n\n"
        "Aid groups said the plan came far too late for the coastal towns.\n")
    by_text = {c["text"]: c for c in claims}
    assert by_text["The talks had been useful"]["speaker"] == "mette-frederiksen"
    assert by_text["A joint patrol plan would follow by summer"]["speaker"] == "mette-frederiksen"
    assert by_text["The plan came far too late for the coastal towns"].get("unnamed") is True


def test_a_trailing_verb_ends_its_clause_before_a_joined_one():
    found = _found('"There is more to come," he added, saying the drugs came from the south.')
    assert found == [("add", "he", '"There is more to come,"', True), ("say", "he", "the drugs came from the south", False)]
    assert _found('BEWARE!" the president wrote.') == [("write", "the president", 'BEWARE!"', True)]


def test_a_speaker_named_with_an_apposition_after_a_quotation():
    s = '"We will not be flying this afternoon," Mark Hancock, president of the union, told reporters in Toronto.'
    assert _found(s) == [("tell", "Mark Hancock, president of the union,", '"We will not be flying this afternoon,"',
                          True)]


def test_a_rank_refers_to_the_officer_named_with_it():
    claims = _claims(
        "Colonel sworn in\n\nAntananarivo, 15 October 2025 - Madagascar's new military ruler, Colonel Michael "
        "Randrianirina, said on Wednesday he would soon take the oath.\n\n"
        '"We will be sworn in soon and we will rule well," the army colonel told a press briefing.\n')
    assert {c["text"]: c["speaker"] for c in claims}["We will be sworn in soon and we will rule well"] \
        == "michael-randrianirina"


def test_a_noun_after_a_verb_is_not_a_verb_and_a_sentence_ends_after_an_abbreviation():
    claims = _claims(
        "Jets dispute\n\nNew Delhi, 8 May 2025 - An Indian defence source, who declined to be named, called the "
        'Pakistani claims "fake and baseless" and said all aircraft had returned safely.\n\n'
        "Spokesperson Gan Yu said the ship rammed the vessel at 10 a.m. He said the Philippines bore full "
        "responsibility for the collision.\n")
    by_text = {c["text"]: c for c in claims}
    assert by_text["All aircraft had returned safely"]["speaker"] is None  # not Pakistan's
    assert by_text["All aircraft had returned safely"].get("unnamed") is True
    assert by_text["The Philippines bore full responsibility for the collision"]["speaker"] == "gan-yu"


_UNNAMED = "(unnamed)"


@pytest.mark.parametrize("article, expected", [
    # a quotation takes the one voice of its sentence; "the statement said" is the body last heard
    ("Junta names new cabinet\n\nAntananarivo, 15 October 2025 - Colonel Michael Randrianirina said on "
     "Wednesday he would soon take the oath.\n\n"
     'The protesters would shape the reforms, the colonel said, because the movement "was created in the '
     'streets so we have to respect their demands."\n\n'
     "The African Union said it had suspended the country. "
     '"The suspension will last until constitutional order returns to the island," the statement said.\n',
     {"was created in the streets so we have to respect their demands.": "michael-randrianirina",
      "The suspension will last until constitutional order returns to the island": "african-union"}),
    # who told an outlet; a state's president; the former president; a role nobody names
    ("Unrest in the capital\n\nAntananarivo, 24 April 2018 - Madagascar's president on Monday demanded an end to "
     "unrest he said was intended to divide the country. President Hery Rajaonarimampianina spoke at a port.\n\n"
     "Another injured protester died on Sunday, Olivat Alson Rakoto, director of a hospital in the city, told "
     "Reuters.\n\n"
     "The mayor of Antananarivo told AFP news agency that around 5,000 tourists were stranded in the city.\n\n"
     "Former president Marc Ravalomanana leads the opposition, while President Hery Rajaonarimampianina runs "
     "the government. The former president has rejected the new electoral laws.\n",
     {"Demanded an end to unrest": "hery-rajaonarimampianina",  # not Madagascar
      "Another injured protester died on Sunday": "olivat-alson-rakoto",
      "Around 5,000 tourists were stranded in the city": _UNNAMED,
      "Has rejected the new electoral laws": "marc-ravalomanana"}),
    # a family name written first names its person; a presidential spokesperson is no president
    ("Leaders meet in Tokyo\n\nTokyo, Aug 24, 2025 (IANS) South Korean President Lee Jae Myung met Japanese Prime "
     "Minister Shigeru Ishiba on Sunday, presidential spokesperson Kang Yu-jung said.\n\n"
     "On Saturday, the South Korean President urged Ishiba to forge closer cooperation on trade.\n\n"
     '"Korea and Japan must strengthen their cooperation more than ever," Lee said.\n\n'
     "China's coast guard spokesperson Gan Yu said the ship had rammed the vessel. The Philippine ship ignored "
     'repeated warnings "in an unprofessional manner", Gan said.\n',
     {"Korea and Japan must strengthen their cooperation more than ever": "lee-jae-myung",
      "Urged Ishiba to forge closer cooperation on trade": "lee-jae-myung",
      'The Philippine ship ignored repeated warnings "in an unprofessional manner"': "gan-yu"}),
    # an inverted speaker with an apposition; one electoral commission however its state is written
    ("Mnangagwa wins\n\nHarare, 3 August 2018 - Emmerson Mnangagwa received 51% of the vote, said Priscilla "
     "Chigumba, commission chairwoman. The Zimbabwean Electoral Commission (ZEC) published the figures, and the "
     "Zimbabwe Electoral Commission said turnout was high in every province.\n",
     {"Emmerson Mnangagwa received 51% of the vote": "priscilla-chigumba",
      "Turnout was high in every province": "zimbabwean-electoral-commission"}),
    # a speaker's words an outlet relays stay theirs; "he" is whoever spoke just before, named or not;
    # a list seen by an outlet is the list's author's; "called for" is a stance with its object
    ("Curfew in Dhaka\n\nDhaka, 19 July 2024 - Prime Minister Sheikh Hasina's press secretary Nayeemul Islam "
     "Khan said the government would impose a curfew. He said the curfew would take effect immediately.\n\n"
     'Sarwar Tushar, one of the protesters, said, "We will continue our protest. The government bears the '
     'responsibility for the killing," AFP reported.\n\n'
     "A police officer told AFP on condition of anonymity that protesters stormed a jail in Narsingdi. "
     '"It could be in the hundreds," he added.\n\n'
     "According to a list from Dhaka Medical College Hospital seen by AFP, at least 52 people died in the capital "
     "on Friday. In a statement, UN rights chief Volker Turk called for prompt and thorough investigations.\n",
     {"The curfew would take effect immediately": "nayeemul-islam-khan",
      "We will continue our protest. The government bears the responsibility for the killing": "sarwar-tushar",
      "Protesters stormed a jail in Narsingdi": _UNNAMED,
      "It could be in the hundreds": _UNNAMED,
      "At least 52 people died in the capital on Friday": "dhaka-medical-college-hospital",
      "Called for prompt and thorough investigations": "volker-turk"}),
    # "it" in the sentence a body nobody names spoke in is that body; a province before a governor
    ("Talks suspended\n\nBOGOTA, Jan 17, 2025 - More than 30 people were killed in Thursday's attacks, said Norte de "
     "Santander governor William Villamizar. The FARC and the ELN were named. The government said in a statement that "
     "it would deploy more troops to end the violence, which it blamed on the ELN and FARC dissidents.\n",
     {"More than 30 people were killed in Thursday's attacks": "william-villamizar",
      "It would deploy more troops to end the violence": _UNNAMED,
      "Blamed on the ELN and FARC dissidents": _UNNAMED}),
    # a verb of speech right after the words it tells; leaders nobody names
    ("Coup in Gabon\n\nLibreville, 30 August 2023 - \"General Oligui Nguema was appointed chairman of the "
     "transition,\" declared an officer in the presence of senior officers, according to the statement. Ali Bongo "
     "was placed under house arrest and one of his sons arrested for treason, the coup leaders said.\n",
     {"General Oligui Nguema was appointed chairman of the transition": _UNNAMED,
      "Ali Bongo was placed under house arrest and one of his sons arrested for treason": _UNNAMED}),
    # "the spokesman" is the person the article gives that apposition; a TASS dateline
    ("Houthis claim attacks\n\nDUBAI, June 23, 2024. /TASS/. Yemen's Houthi rebels attacked two ships in the Red "
     "Sea, said Yahya Saree, the Houthi military spokesman.\n\n"
     '"Both ships became targets because their owners breached the ban," the spokesman said on the air with Al '
     "Masirah television.\n",
     {"Both ships became targets because their owners breached the ban": "yahya-saree"}),
])
def test_who_speaks(article, expected):
    speakers = {c["text"]: _UNNAMED if c.get("unnamed") else c["speaker"] for c in _claims(article)}
    assert {text: speakers.get(text) for text in expected} == expected


def test_a_body_named_before_a_role_and_a_title_of_its_own():
    from sitegen.ingest.actors import Registry, discover

    names = {c.name for c in discover(["Federal Reserve Bank of Atlanta President Raphael Bostic said rates would "
                                       "rise, and Fed Chair Jerome Powell agreed."], "s", 0, Registry([]).builtin_keys())}
    assert {"Federal Reserve Bank of Atlanta", "Raphael Bostic", "Jerome Powell"} <= names
    assert not any("Chair" in n or "President" in n for n in names)


@pytest.mark.parametrize("dateline", ["Tokyo, Aug 24, 2025 (IANS)", "TOKYO, Aug 24, 2025. /TASS/."])
def test_a_wire_dateline_without_a_dash_and_one_person_however_hyphened(dateline):
    entries = extract_corpus([Seed("seeds/t.txt", f"Leaders meet\n\n{dateline} Lee Jae Myung met Shigeru Ishiba, "
                                   "Al Masirah television said. Lee Jae-myung left.\n", "2" * 64)], [], workers=1)
    source = next(e for e in entries if e.kind_dir == "sources")
    assert str(source.meta["published"]) == "2025-08-24"  # the wire's dateline, without a dash
    assert [a for a in source.meta["actors"] if a.startswith("lee")] == ["lee-jae-myung"]  # one person
    kinds = {e.slug: e.meta["kind"] for e in entries if e.kind_dir == "actors"}
    assert kinds["al-masirah"] == "media"  # a broadcaster, not a person


def test_according_to_tells_the_clause_not_an_apposition_after_it():
    claims = _claims(
        "Babiš's ANO wins 80 seats as Czech voters turn on Fiala's coalition\n\n2025.10.05. 08:47\n"
        "Author: Eszter Vámos\n\n"
        "Andrej Babiš's ANO movement has won the Czech parliamentary election with 34.51 percent of the vote, "
        "according to final results the Czech Statistical Office published overnight, the strongest showing by "
        "any party in a lower-house election since the Czech Republic came into being in 1993. In May, "
        "according to the office, the party led every poll taken.\n")
    told = {(c["speaker"], c["text"]) for c in claims}
    assert ("czech-statistical-office", "Andrej Babiš's ANO movement has won the Czech parliamentary election "
            "with 34.51 percent of the vote") in told
    assert ("czech-statistical-office", "The party led every poll taken") in told


def test_a_name_inside_the_quote_or_an_apposition_is_not_the_speaker():
    told = _speaker_of(
        "Czech vote\n\nPrague, 5 October 2025 - Andrej Babiš won the vote. Prime Minister Petr Fiala conceded "
        "on Saturday evening. \"I congratulate the winner of the elections, Andrej Babiš,\" he said.\n\n"
        "Ihsan al-Shammari, a professor of strategic studies at Baghdad University, has argued that the "
        "premiership \"does not depend solely on election results\".\n\n"
        "Hungarian Prime Minister Viktor Orban was quick to celebrate, calling the win on X \"a big step for "
        "the Czech Republic\".\n")
    assert told["I congratulate the winner of the elections, Andrej Babiš"] == "petr-fiala"
    assert told["does not depend solely on election results"] == "ihsan-al-shammari"
    assert told["a big step for the Czech Republic"] == "viktor-orban"


def test_a_un_agency_by_what_it_does_and_with_the_dotted_abbreviation():
    told = _speaker_of(
        "Quake toll rises\n\nPort Vila, 18 December 2024 - The U.N. humanitarian office estimated that 116,000 "
        "people had been affected. The UN health agency said hospitals in the capital were overwhelmed by the "
        "injured.\n")
    assert told["116,000 people had been affected"] == "ocha"
    assert told["Hospitals in the capital were overwhelmed by the injured"] == "world-health-organization"


def test_a_label_far_from_its_verb_and_a_speaker_named_by_a_title_the_article_gave():
    by_text = _speaker_of(
        "Verdict handed down\n\nPublished: 18 November 2025\n\n"
        "Chief Adviser Lena Marsh has hailed the sentence handed to former prime minister Ivo Brandt as proof "
        "that \"no one is above the law\", while his party announced protests.\n\n"
        "\"The victims were not statistics,\" the chief adviser said. India's Ministry of External Affairs said "
        "it had noted the verdict.\n")
    assert by_text["no one is above the law"] == "lena-marsh"
    assert by_text["The victims were not statistics"] == "lena-marsh"
    assert by_text["It had noted the verdict"] == "indian-ministry-of-external-affairs"


def test_a_company_named_by_its_trade_speaks_as_itself():
    by_text = _speaker_of(
        "Strike grounds flights\n\nPublished: 19 August 2025\n\n"
        "The carrier Air Canada grounded all its flights on Saturday. The airline said flights would resume "
        "on Tuesday evening.\n")
    assert by_text["Flights would resume on Tuesday evening"] == "air-canada"


def test_the_government_of_the_state_an_article_is_about_speaks_as_that_state():
    about_ecuador = ("Ecuador rejects bases\n\nPublished: 18 November 2025\n\n"
                     "Ecuador's voters rejected foreign bases. Ecuadorian officials counted the ballots in Quito. "
                     "The government had said it hoped to host two US facilities in Ecuador.\n")
    assert _speaker_of(about_ecuador)["It hoped to host two US facilities in Ecuador"] == "ecuador"
    two_states = ("Talks\n\nPublished: 18 November 2025\n\nPeru and Chile met in Lima. Peru and Chile agreed on "
                  "trade. The government said it hoped for more talks with Chile and Peru.\n")
    assert _speaker_of(two_states)["It hoped for more talks with Chile and Peru"] is None  # whose government?


def test_whom_words_were_told_to_is_not_what_was_said():
    s = '"We must open Bolivia to the world," Paz, 58, told cheering supporters in La Paz.'
    assert [(lemma, said, trailing) for lemma, _, said, trailing in _found(s)] == \
        [("tell", '"We must open Bolivia to the world,"', True)]
    assert _found("He told cheering supporters the fight was not over.")[0][2] == "the fight was not over"


def test_a_body_described_by_its_owner_is_the_speaker():
    speakers = {text[:20]: who for text, who in _speaker_of(
        "Court jails mayor\n\nISTANBUL, March 23, 2025 - A Turkish court ordered the mayor jailed on Sunday. The "
        "court said he was a suspect in a graft case. Prime Minister Benjamin Netanyahu's office said the truce "
        "would take effect on Friday.").items()}
    assert speakers.get("He was a suspect in ") == "turkish-court"
    assert speakers.get("The truce would take") == "benjamin-netanyahus-office"


def test_a_document_speaks_for_who_issued_it():
    speakers = {text[:24]: who for text, who in _speaker_of(
        "Report on the crash\n\nNEW DELHI, 12 July 2025 - India's Aircraft Accident Investigation Bureau (AAIB) said "
        "in a preliminary report released early on Saturday that both engines lost fuel. According to the report, "
        "the switches moved to cutoff one after the other. The pilots had rested well, the report says.").items()}
    bureau = "aircraft-accident-investigation-bureau"
    assert speakers == {"Both engines lost fuel": bureau, "The switches moved to cu": bureau,
                        "The pilots had rested we": bureau}  # (what was said, without "in a … report")
    # a report nobody is said to have issued stays unnamed
    claims = _claims("Strike\n\nPARIS, 3 May 2025 - Unions marched. The strike cost millions, the report says.")
    assert all(c.get("speaker") is None for c in claims)


def test_an_apposition_after_whom_according_to_names_is_no_part_of_what_they_say():
    by_text = _speaker_of(
        "Sweida\n\nPublished: 20 July 2025\n\n"
        "According to the Syrian Observatory for Human Rights, a Britain-based monitor, Sweida has experienced a "
        "cautious calm since midnight. According to the prosecutor, the two men who went inside spent less than four "
        "minutes there.\n")
    assert by_text["Sweida has experienced a cautious calm since midnight"] == "syrian-observatory-for-human-rights"
    assert "The two men who went inside spent less than four minutes there" in by_text  # (a clause, no apposition)


def test_only_a_verb_of_saying_takes_its_speaker_after_it():
    # "…, said the envoy." names the envoy; "…, called the outcome a big win" is Trump's stance
    found = _found("Trump, speaking to reporters aboard Air Force One on Monday, called the outcome a big win for his "
                   "ally.")
    assert [(f[1], f[2]) for f in found] == [("Trump, speaking to reporters aboard Air Force One",
                                              "called the outcome a big win for his ally")]
    assert _found("The talks will resume next week, said the envoy.")[0][1] == "the envoy"


def test_in_his_account_or_view_tells_whose_words_follow_or_surround_it():
    by_text = _speaker_of(
        "Argentina\n\nPublished: 28 October 2025\n\nAxel Kicillof spoke on Monday. In his account the party kept "
        "practically the same 3.5 million votes. Peronism, in his view, must first rebuild itself.\n")
    assert by_text["The party kept practically the same 3.5 million votes"] == "axel-kicillof"
    assert by_text["Peronism, in his view, must first rebuild itself"] == "axel-kicillof"


def test_a_verb_of_saying_joined_by_and_after_a_comma_is_the_same_speakers():
    found = _found("Kicillof said on Monday night that the intervention had frightened voters, and insisted his own "
                   "coalition had not lost ground.")
    assert [(f[0], f[1], f[2]) for f in found] == [
        ("say", "Kicillof", "the intervention had frightened voters"),
        ("insist", "Kicillof", "his own coalition had not lost ground")]


def test_a_source_of_a_body_the_article_names_speaks_for_it():
    by_text = _speaker_of(
        "Sweida\n\nPublished: 16 July 2025\n\nSyria's interior ministry said a truce had been reached. \"An "
        "agreement was reached for a ceasefire,\" an interior ministry source said in a statement.\n")
    ministry = by_text["A truce had been reached"]
    assert ministry is not None and by_text["An agreement was reached for a ceasefire"] == ministry


def test_a_quotation_opening_its_sentence_goes_on_with_the_voice_of_the_sentence_before():
    by_text = _speaker_of(
        "Air India\n\nPublished: 14 July 2025\n\nThe Airline Pilots' Association of India rejected the report. \"The "
        "tone and direction of the investigation suggest a bias toward pilot error.\"\n")
    assert by_text["The tone and direction of the investigation suggest a bias toward pilot error."] \
        == by_text["Rejected the report"] == "airline-pilots-association-of-india"


def test_a_person_of_two_surnames_is_named_by_both_without_the_given_name():
    by_text = _speaker_of(
        "Bolivia votes\n\nPublished: 18 August 2025\n\n- Samuel Doria Medina (Unidad): 19.8 percent\n\n"
        "Doria Medina, a cement magnate who had led most surveys until the final week, conceded on Sunday night and "
        "said he would back Paz in the run-off.\n")
    assert by_text["He would back Paz in the run-off"] == "samuel-doria-medina"


def _source_of(text: str, published: str = "") -> dict:
    from sitegen.ingest.types import SeedFacts

    entries = extract_corpus([Seed("seeds/r.txt", text, "9" * 64, facts=SeedFacts(published=published))], [],
                             workers=1)
    return next(e for e in entries if e.kind_dir == "sources").meta


def _claims_of(text: str) -> list[tuple[str | None, str]]:
    return [(c.get("speaker"), c["text"]) for c in _source_of(text).get("claims") or []]


def test_a_document_read_speaks_for_the_body_that_issued_it():
    claims = _claims_of("Count ends\n\nLima, 3 May 2026 - The National Election Board (JNE) met on Sunday. \"The "
                        "board hereby proclaims Olga Quispe president-elect,\" the board's resolution read.\n")
    assert (("jne", "The board hereby proclaims Olga Quispe president-elect") in claims
            or ("national-election-board", "The board hereby proclaims Olga Quispe president-elect") in claims), claims
    assert _claims_of("Count ends\n\nLima, 3 May 2026 - The minister read a statement on Sunday.\n") == []


def test_a_full_name_with_two_family_names_is_the_person_named_by_the_first():
    claims = _claims_of("Winner declared\n\nLima, 3 May 2026 - Candidate Teodoro \"Teo\" Paucar led the count on "
                        "Sunday, and officials declared Teodoro Luis Paucar Mamani the winner. \"I will govern for "
                        "all,\" Paucar wrote on X.\n")
    assert ("teodoro-paucar", "I will govern for all") in claims, claims
    entries = extract_corpus([Seed("seeds/p.txt", "Winner declared\n\nLima, 3 May 2026 - Teodoro Paucar led the "
                                   "count, and officials declared Teodoro Luis Paucar Mamani the winner.\n", "9" * 64)],
                             [], workers=1)
    assert [e.slug for e in entries if e.kind_dir == "actors" and "paucar" in e.slug] == ["teodoro-paucar"]


def test_who_recalls_or_urges_is_a_speaker_whatever_the_given_name():
    source = _source_of("Camp raided\n\nStanding in the sun, Najlaa Ahmed recalled how fighters poured into the "
                        "camp. \"I came here with strangers,\" she said.\n", "2025-04-20")
    assert "najlaa-ahmed" in source["actors"]
    quote = next(c for c in source["claims"] if c["text"].startswith("I came here"))
    assert quote["speaker"] == "najlaa-ahmed"


def test_a_month_abbreviated_with_a_stop_leads_to_what_was_said():
    source = _source_of("Toll disputed\n\nThe National Commission on Human Rights said on Sept. 3 that it had "
                        "received reports of 10 people killed and more than 900 injured.\n", "2025-09-05")
    said = [(c["speaker"], c["text"][:30]) for c in source["claims"]]
    assert said == [("national-commission-on-human-rights", "It had received reports of 10 ")], said


def test_a_body_called_by_the_last_word_of_its_name_speaks_for_itself():
    source = _source_of("Toll rises\n\nThe Syrian Observatory for Human Rights counted the dead. The Observatory "
                        "said more than 1,000 people had been killed.\n", "2025-07-20")
    assert [c["speaker"] for c in source["claims"]] == ["syrian-observatory-for-human-rights"]
    assert [n["speaker"] for n in source["numbers"]] == ["syrian-observatory-for-human-rights"]


def test_when_a_trailing_speaker_spoke_is_no_speaker_and_a_titled_apposition_is_no_speaker_either():
    said = _claims_of("Police suspended\n\nMexico City, 17 November 2025 - The city's police will suspend seven "
                      "officers and have opened 18 internal investigations, the capital's security chief, Pablo "
                      "Vázquez Camacho, said on Monday.\n")
    assert said and said[0][0] == "pablo-vazquez-camacho", said
    said = _claims_of("Pupils freed\n\nAbuja, 21 December 2025 - \"The remaining 130 schoolchildren have now been "
                      "released,\" Bayo Onanuga, Special Adviser to President Bola Tinubu on Information and Strategy, "
                      "said in a statement.\n")
    assert said == [("bayo-onanuga", "The remaining 130 schoolchildren have now been released")], said
