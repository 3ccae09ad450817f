import pytest

from sitegen import frontmatter
from sitegen.dates import PartialDate
from sitegen.names import fold, slugify


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


@pytest.mark.parametrize("yaml_text", [
    "title: T\nyear: 2025\nratio: 0.5\nok: true\nno: ~\nempty:\nwhen: 2025-04-01\n",
    "actors: [a, b, 3]\nclaims:\n  - speaker: x\n    text: \"quoted: text\"\n  - {text: 'y', event: null}\n",
    "1: one\n2.5: two\ntrue: three\nnested: {a: {b: {c: [1, [2, [3]]]}}}\n",
    "set: !!set {a, b}\nomap: !!omap [{a: 1}, {b: 2}]\nbin: !!binary aGVsbG8=\nstr: !!str 12\n",
    "block: |\n  line one\n  line two\nfolded: >\n  a\n  b\nplain: multi\n  word\n",
    "anchored: &x [1, 2]\nother: 3\n",
    "date_list: [2025-01, 2025-02-03]\ninf: .inf\nnan_key: .nan\noct: 0o17\nhex: 0x1f\n",
])
def test_front_matter_values_are_what_pyyaml_makes(yaml_text: str) -> None:
    # Strings, lists and mappings are made by sitegen's own walk; the rest by PyYAML's constructor.
    import math

    import yaml

    meta, _, _ = frontmatter.parse_mapping(yaml_text)
    expected = {str(k): v for k, v in yaml.load(yaml_text, Loader=frontmatter._Loader).items()}

    def same(a, b) -> bool:
        if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
            return math.isnan(b)
        if isinstance(a, dict):
            return isinstance(b, dict) and list(a) == list(b) and all(same(a[k], b[k]) for k in a)
        if isinstance(a, list):
            return isinstance(b, list) and len(a) == len(b) and all(map(same, a, b))
        return type(a) is type(b) and a == b

    assert same(meta, expected)


@pytest.mark.parametrize("yaml_text, message, line", [
    ("a: 1\nb:\n  c: 1\n  c: 2\n", "field 'c' is given twice (lines 3 and 4)", 4),
    ("base: &b {x: 1}\nd:\n  <<: *b\n", "alias", 3),
    ("a: " + "[" * 18 + "]" * 18 + "\n", "nested more than 16 levels", 1),
    ("a: !!map {k: 1, k: 2}\n", "field 'k' is given twice", 1),
])
def test_refused_front_matter_is_reported_with_its_line(yaml_text: str, message: str, line: int) -> None:
    with pytest.raises(frontmatter.FrontMatterError) as exc:
        frontmatter.parse_mapping(yaml_text)
    assert message in exc.value.message and exc.value.line == line
