"""The shared text layer (sitegen.names): one folding rule, slugs built on it, one alias matcher
that ingest and the build both use, and the boundary between the two stages."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

from sitegen.ingest.actors import Registry
from sitegen.ingest.gazetteer import alias_matcher
from sitegen.ingest.types import KnownActor
from sitegen.names import Alias, Matcher, fold, fold_key, fold_with_map, name_key, slugify, to_latin

REPO = Path(__file__).resolve().parent.parent


# ------------------------------------------------------------------ folding

@pytest.mark.parametrize("text, folded", [
    ("Vučić Orbán Szijjártó Kurti Gašić", "vucic orban szijjarto kurti gasic"),
    ("Đurić ĐURIĆ", "duric duric"),  # Latin đ
    ("Ђурић Вучић Џаферовић Љубљана Његош", "duric vucic dzaferovic ljubljana njegos"),  # Serbian
    ("Москва Щёкино Хрущёв Юрий Ярослав", "moskva scekino hruscev jurii jaroslav"),  # Russian
    ("Київ Зеленський Ґонґадзе Євген", "kiiv zelenskii gongadze jevgen"),  # Ukrainian
    ("България Търново", "blgarija trnovo"),  # Bulgarian
    ("Straße Øresund Łódź Æsir Œuvre", "strasse oresund lodz aesir oeuvre"),
])
def test_one_fold_for_every_script(text: str, folded: str) -> None:
    assert fold_key(text) == folded
    assert fold(text).lower() == folded


def test_every_cyrillic_letter_of_the_four_languages_folds_to_ascii() -> None:
    alphabets = "абвгдђежзијклљмнњопрстћуфхцчџш" "абвгдеёжзийклмнопрстуфхцчшщъыьэюя" \
                "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя" "абвгдежзийклмнопрстуфхцчшщъьюя"
    for ch in alphabets + alphabets.upper():
        assert fold(ch).isascii(), ch


def test_serbian_cyrillic_and_latin_fold_alike() -> None:
    cyrillic = "Ђурић, Гашић, Џаферовић, Љубљана, Вучић, Шабац, Жабљак"
    assert fold_key(to_latin(cyrillic)) == fold_key(cyrillic)


@pytest.mark.parametrize("apostrophe", ["'", "\u2019", "\u2018", "\u02bc", "\u00b4"])
def test_one_apostrophe_rule(apostrophe: str) -> None:
    assert fold_key(f"Côte d{apostrophe}Ivoire") == "cote d'ivoire"
    assert slugify(f"O{apostrophe}Brien") == "obrien"


def test_fold_with_map_gives_each_folded_character_its_place_in_the_text() -> None:
    text = "Straße nach Ђорђе, Øre"
    folded, origin = fold_with_map(text)
    assert folded == "strasse nach dorde, ore"
    assert origin is not None and len(origin) == len(folded)
    assert text[origin[folded.index("nach")]:origin[folded.index("nach") + 3] + 1] == "nach"
    assert [text[i] for i in origin[:7]] == ["S", "t", "r", "a", "ß", "ß", "e"]
    # Aligned texts need no map: the folded offsets are the text's.
    assert fold_with_map("Vučić und Orbán") == ("vucic und orban", None)
    assert fold_with_map("Съезд")[1] is not None  # ъ folds to nothing


# ------------------------------------------------------------------ slugs

def test_slugs_keep_dj_for_cyrillic_dje_while_matching_folds_it_to_d() -> None:
    # The one exception to the shared rule, so that existing files keep their names.
    assert slugify("Ђоковић") == "djokovic"
    assert slugify("Đoković") == "dokovic"
    assert fold_key("Ђоковић") == fold_key("Đoković") == "dokovic"
    assert name_key("Ђоковић") == name_key("Đoković") == name_key("Djokovic") == "dokovic"


def test_the_shipped_example_keeps_its_slugs() -> None:
    """Every entry of content/ whose file is named by the slug of its name still is."""
    named = 0
    for path in sorted((REPO / "content").glob("*/*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1]) or {}
        name = meta.get("name") or meta.get("title")
        if isinstance(name, str) and path.stem == slugify(name):
            named += 1
    assert named == 34  # as before the shared fold: the others were named by hand or renamed


# ------------------------------------------------------------------ one matcher

def test_dje_is_found_in_every_spelling() -> None:
    m = Matcher([Alias("Novak Đoković", "djokovic")])
    for text in ("Novak Đoković won.", "Novak Djokovic won.", "Novak Dokovic won.", "Новак Ђоковић won."):
        assert m.keys_in(text) == {"djokovic"}, text
    assert Matcher([Alias("Novak Djokovic", "djokovic")]).keys_in("Novak Đoković won.") == {"djokovic"}


VUCIC = KnownActor("aleksandar-vucic", "Aleksandar Vučić", "person", ["Vučić"])
SERBIA = KnownActor("serbia-x", "Srbija", "state", [])
GAZPROM = KnownActor("gazprom-x", "Gazprom", "company", [])


@pytest.mark.parametrize("lang, text, expected", [
    ("sh", "sastanak sa Vučićem u Srbiji", {"aleksandar-vucic", "serbia-x"}),
    ("sh", "predsednika Aleksandra Vučića", {"aleksandar-vucic"}),
    ("de", "Vučićs Partei", {"aleksandar-vucic"}),
    ("hu", "tárgyalt a Gazprommal", {"gazprom-x"}),
    ("en", "Vučića and Srbiji in English", set()),
    ("sh", "Gazpromxyz", set()),  # not an ending Serbian gives a name
])
def test_build_and_ingest_find_the_same_names(lang: str, text: str, expected: set) -> None:
    registry = Registry([VUCIC, SERBIA, GAZPROM])
    registry.finalize()
    ingest = alias_matcher(registry.matcher_entries(), stem_slugs=registry.stem_slugs())
    found_by_ingest = {slug for _, _, _, cands in ingest.find(text, lang=lang) for _, slug, _ in cands}

    from sitegen.links import actor_aliases
    from sitegen.model import Actor

    class _Briefing:
        actors = {k.slug: Actor(k.slug, "", "", {}, name=k.name, kind=k.kind, aliases=list(k.aliases))
                  for k in (VUCIC, SERBIA, GAZPROM)}

    build = Matcher(actor_aliases(_Briefing()))
    assert found_by_ingest & expected == expected
    assert build.keys_in(text, lang) == expected


# ------------------------------------------------------------------ the stages' boundary

def _imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


# The commands that run ingest (`sitegen ingest`, `sitegen serve` re-ingesting) sit above both stages.
_COMMANDS = {"cli.py", "serve.py", "__main__.py"}


def test_build_modules_do_not_import_ingest() -> None:
    for path in sorted((REPO / "sitegen").glob("*.py")):
        if path.name not in _COMMANDS:
            bad = {m for m in _imports(path) if m.startswith("sitegen.ingest")}
            assert not bad, (path.name, bad)


def test_ingest_and_the_text_layer_do_not_import_build_modules() -> None:
    build = {p.stem for p in (REPO / "sitegen").glob("*.py")} - {"__init__", "__main__"}
    # What ingest may share with the build: errors, dates, files, settings and entry formats.
    shared = {"dates", "errors", "fsutil", "load", "parallel", "redirects", "refs", "config", "frontmatter"}
    for folder in ("ingest", "names"):
        for path in sorted((REPO / "sitegen" / folder).glob("*.py")):
            used = {m.split(".")[1] for m in _imports(path) if m.startswith("sitegen.") and m.count(".") >= 1}
            bad = used & (build - shared)
            assert not bad, (folder, path.name, bad)
    for path in sorted((REPO / "sitegen" / "names").glob("*.py")):
        assert not {m for m in _imports(path) if m.startswith("sitegen.ingest")}, path.name
