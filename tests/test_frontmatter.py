import pytest

from sitegen import frontmatter
from sitegen.dates import PartialDate
from sitegen.slugs import fold, slugify


def test_parse_keeps_dates_as_text_and_records_lines():
    doc = frontmatter.parse("---\ntitle: T\ndate: 2025-04-01\nyear: 2025\nparticipants:\n  - a\n  - b\n---\n\nBody\n")
    assert doc.meta == {"title": "T", "date": "2025-04-01", "year": 2025, "participants": ["a", "b"]}
    assert doc.key_lines == {"title": 2, "date": 3, "year": 4, "participants": 5}
    assert doc.line_of("participants", 1) == 7
    assert doc.body == "Body\n"
    assert doc.body_line == 9


def test_malformed_yaml_reports_file_line():
    with pytest.raises(frontmatter.FrontMatterError) as exc:
        frontmatter.parse("---\ntitle: ok\nactors: [a, b\nkind: x\n---\n")
    assert exc.value.line is not None and exc.value.line >= 3
    assert "invalid YAML" in exc.value.message


def test_unclosed_front_matter():
    with pytest.raises(frontmatter.FrontMatterError, match="never closed"):
        frontmatter.parse("---\ntitle: x\n\nbody")


def test_bom_and_crlf():
    doc = frontmatter.parse("\ufeff---\r\ntitle: x\r\n---\r\nline one\r\nline two\r\n")
    assert doc.meta == {"title": "x"}
    assert doc.body == "line one\nline two\n"


def test_render_round_trip_is_stable():
    meta = {"title": "Vučić: \"military alliance\"", "date": "2025-04-01", "year": "2025",
            "aliases": ["Vucic", "Vučić"], "claims": [{"speaker": "x", "text": "a\nb"}]}
    text = frontmatter.render(meta, "Body text.")
    again = frontmatter.parse(text)
    assert again.meta == meta
    assert frontmatter.render(again.meta, again.body) == text


def test_partial_dates():
    assert PartialDate.parse("2025-03").human() == "March 2025"
    assert PartialDate.parse("2025").precision == "year"
    assert PartialDate.parse(2025) == PartialDate(2025)
    assert PartialDate.parse("2025-04-01").human() == "1 April 2025"
    assert PartialDate.parse("2025-03") < PartialDate.parse("2025-03-02")
    for bad in ("2025-13", "2025-02-30", "April 2025", "25-04-01"):
        with pytest.raises(ValueError):
            PartialDate.parse(bad)


@pytest.mark.parametrize("name,slug", [
    ("Aleksandar Vučić", "aleksandar-vucic"),
    ("Marko Đurić", "marko-duric"),
    ("Kristóf Szalay-Bobrovniczky", "kristof-szalay-bobrovniczky"),
    ("Bosnia & Herzegovina", "bosnia-herzegovina"),
    ("Александар Вучић", "aleksandar-vucic"),
    ("Κυριάκος Μητσοτάκης", "kyriakos-mitsotakis"),
    ("Hungary's plan", "hungarys-plan"),
    ("!!!", "untitled"),
])
def test_slugify(name, slug):
    assert slugify(name) == slug


def test_fold():
    assert fold("Gašić Đurić Orbán") == "Gasic Duric Orban"


@pytest.mark.parametrize("value", ["\n", "x\n", "x\ny\n", "x\n\n", "\n\nx", "a\n\n\n"])
def test_text_with_line_ends_round_trips_exactly(value: str) -> None:
    # A literal block keeps its last newline, and blank lines at the end never close the front matter.
    text = frontmatter.render({"a": value, "b": 1}, "---")
    doc = frontmatter.parse(text)
    assert doc.meta == {"a": value, "b": 1} and doc.body == "---\n"
    assert doc.body_line == text.split("\n").index("---", 1) + 2  # the line after the closing ---
