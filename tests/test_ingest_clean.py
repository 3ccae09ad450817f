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
