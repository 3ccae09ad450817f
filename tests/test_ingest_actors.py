from sitegen.ingest.actors import Registry, discover, similar_given
from sitegen.ingest.types import KnownActor


def _cands(text):
    reg = Registry([])
    return discover([text], "src", 0, reg.builtin_keys())


def test_title_before_name_gives_role_and_state():
    cs = _cands("The plan was signed by Serbian Defense Minister Bratislav Gasic and his Hungarian counterpart "
                "Krisztof Szalay-Bobrovniczky in Belgrade.")
    roles = {}
    for c in cs:
        if c.kind == "person" and c.role:
            roles.setdefault(c.name, set()).add((c.role, c.affiliation))
    assert roles["Bratislav Gasic"] == {("Minister of Defence of Serbia", "Serbia")}
    assert roles["Krisztof Szalay-Bobrovniczky"] == {("Minister of Defence of Hungary", "Hungary")}


def test_apposition_and_acronym_organisations():
    cs = _cands("Marko Savković, a Senior Advisor at International and Security Affairs Centre (ISAC Fund), "
                "states for EWB that it is ambitious.")
    person = [c for c in cs if c.name == "Marko Savković"][0]
    assert person.role.startswith("Senior Advisor at International and Security Affairs Centre")
    org = [c for c in cs if c.kind == "organization" and c.acronym == "ISAC Fund"]
    assert org and org[0].name == "International and Security Affairs Centre"


def test_fuzzy_person_names_merge_and_known_slugs_are_kept():
    assert similar_given("Krisztof", "Kristóf") and similar_given("Kristof", "Kristóf")
    assert not similar_given("Ana", "Marko")
    reg = Registry([KnownActor("vucic", "Aleksandar Vučić", "person", ("AV",), "President of Serbia", ("serbia",))])
    assert reg.find_person("Aleksandar Vucic") == "vucic"
    assert reg.by_key["av"] == "vucic"
