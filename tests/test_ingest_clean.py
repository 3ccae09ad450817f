from sitegen.ingest.clean import clean_text, split_sentences

PAGE = """Headline about Serbia and Hungary

The first paragraph of the article says something important.
The second line is a new paragraph.

Wish to read more on Serbia-Hungary relations? Click HERE.

Read also:

Photo: Tanjug / Somebody
Kaynak:
This news has been read 296 times in total
Share this article on Facebook / Twitter

3 Comments

  1. A reader comment that must not survive.

Leave a Reply

Your email address will not be published. Required fields are marked *
"""


def test_furniture_dropped_and_recorded_verbatim():
    c = clean_text(PAGE)
    body = "\n".join(c.paragraphs)
    assert "first paragraph of the article" in body
    assert "The second line is a new paragraph." in c.paragraphs
    for gone in ("Click HERE", "Read also", "Tanjug", "Kaynak", "296 times", "Facebook", "reader comment",
                 "Leave a Reply", "email address"):
        assert gone not in body
        assert any(gone in r for r in c.removed), gone
    assert any(r.startswith("3 Comments") and "reader comment" in r for r in c.removed)


def test_foreign_language_comment_policy_at_the_end_is_dropped():
    c = clean_text("Title here now\n\nBody sentence of the article is here.\n\n"
                   "Türkçe karakter kullanılmayan ve büyük harflerle yazılmış yorumlar onaylanmamaktadır.\n")
    assert c.paragraphs == ["Title here now", "Body sentence of the article is here."]
    assert len(c.removed) == 1


def test_sentence_split_respects_abbreviations():
    p = "Mr. Smith met the U.S. envoy on Monday. He said: “It went well.” Then he left."
    spans = [p[s:e] for s, e in split_sentences(p)]
    assert spans == ["Mr. Smith met the U.S. envoy on Monday.", "He said: “It went well.”", "Then he left."]


def test_a_letter_with_a_stop_is_an_initial_unless_a_sentence_begins_after_it():
    p = "Barrack said in a post on X. He said George W. Bush and J. I. Smith agreed. Plan B. The rest."
    spans = [p[s:e] for s, e in split_sentences(p)]
    assert spans == ["Barrack said in a post on X.", "He said George W. Bush and J. I. Smith agreed.", "Plan B.",
                     "The rest."]


def test_furniture_with_letters_that_fold_specially_is_still_furniture():
    # "ſ" (long s) matches "s" when case is ignored, but lower-cases to itself: the quick test for a
    # pattern's words must not skip such lines.
    c = clean_text("Body sentence of the article is here.\n\nſhare this article on Facebook\n\n"
                   "Accept all cookieſ and we will remember you, the banner said, ſo click on this link.\n")
    assert c.paragraphs == ["Body sentence of the article is here."]
    assert len(c.removed) == 2


def test_breadcrumbs_markdown_and_runs_of_spaces():
    c = clean_text("Balkan Monitor | Security | Serbia\n\nThe  minister\tsaid   it was  a plan.\n\n"
                   "A line with a pipe | in it that goes on well past the length a breadcrumb has, "
                   "and it ends with a full stop.\n")
    assert c.removed == ["Balkan Monitor | Security | Serbia"]
    assert c.paragraphs[0] == "The minister said it was a plan."
    assert len(c.paragraphs) == 2
    md = clean_text("# A heading\n\nSome **bold** text with [a link](https://example.org/x).\n")
    assert md.paragraphs == ["A heading", "Some bold text with a link."]
    plain = clean_text("Prices rose by #1 and 2 ** 3 is eight, said [the minister].\n")
    assert plain.paragraphs == ["Prices rose by #1 and 2 ** 3 is eight, said [the minister]."]


def test_a_long_navigation_menu_is_furniture_not_a_title():
    from sitegen.ingest.clean import clean_text

    text = ("Home | World | South Asia | Politics | Business | Sport | Opinion | Videos\n\n"
            "Pakistan rejects the air chief's claim\n\nPakistan's defence minister on Saturday rejected the claim.\n")
    assert clean_text(text).paragraphs[0] == "Pakistan rejects the air chief's claim"


def test_a_menu_of_dotted_sections_and_a_most_read_list_are_furniture():
    from sitegen.ingest.clean import clean_text

    cleaned = clean_text("EURASIA DAILY · News · Central Asia · Caucasus · Russia · Markets · Login\n\n"
                         "Jane Doe · Staff reporter · Bishkek\n\n"
                         "Kyrgyzstan and Tajikistan signed a border treaty on Thursday.\n\n"
                         "Most read\n1. Kazakhstan raises base rate to 16.5 percent\n2. Uzbekistan begins spring sowing\n\n"
                         "The treaty ends a dispute of three decades.\n")
    assert cleaned.paragraphs == ["Jane Doe · Staff reporter · Bishkek",  # a byline's dots are no menu
                                  "Kyrgyzstan and Tajikistan signed a border treaty on Thursday.",
                                  "The treaty ends a dispute of three decades."]
