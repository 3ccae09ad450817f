"""Cross-checks of the curated world data (states.yaml, organisations.yaml) against pycountry."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parent.parent / "sitegen" / "ingest" / "data"

# The 193 UN member states, as ISO 3166-1 alpha-3 codes. Source: United Nations, "Member States"
# (https://www.un.org/en/about-us/member-states), 193 members since South Sudan joined in 2011.
UN_MEMBERS = frozenset("""
    AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN
    BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI
    CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI
    FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN
    IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
    LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
    NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR
    MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM
    ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA
    UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split())
# The two non-member observer states of the UN General Assembly: the Holy See and the State of Palestine.
UN_OBSERVERS = frozenset({"VAT", "PSE"})
UN_MEMBERS_AND_OBSERVERS = UN_MEMBERS | UN_OBSERVERS

# Partly recognised states that pycountry does not have: user-assigned codes (ISO 3166-1 X-range).
USER_ASSIGNED = frozenset({"XKX", "XNC", "XAB", "XSO", "XSL", "XTR"})
# Partly recognised states that pycountry does have.
PARTLY_RECOGNISED_IN_ISO = frozenset({"TWN", "ESH"})

# Names, demonyms or capitals that two states may both claim (compared case- and diacritic-folded).
# Each needs a reason. Empty on purpose: shared words ("Congolese", "Dominican") are listed under one
# state only, with a comment in states.yaml.
SHARED_ALLOWED: dict[str, str] = {}

ORG_KINDS = ("organization", "alliance", "company", "media", "other")  # sitegen.model.ACTOR_KINDS minus person, state


def fold(text: str) -> str:
    """Case- and diacritic-free, with normalised apostrophes and spaces (like gazetteer.fold_key)."""
    text = text.replace("\u2019", "'").replace("\u02bb", "'").replace("\u2018", "'")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


@pytest.fixture(scope="module")
def states() -> dict:
    return yaml.safe_load((DATA / "states.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def organisations() -> list[list[str]]:
    text = yaml.safe_load((DATA / "organisations.yaml").read_text(encoding="utf-8"))["organisations"]
    return [[c.strip() for c in line.split("|")] for line in text.strip().splitlines()]


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split(";") if x.strip()]


def test_membership_list_is_complete():
    assert len(UN_MEMBERS) == 193
    assert len(UN_MEMBERS_AND_OBSERVERS) == 195


def test_entry_shape(states):
    assert isinstance(states, dict) and states
    for code, entry in states.items():
        assert isinstance(code, str) and len(code) == 3 and code.isupper(), code
        assert set(entry) == {"name", "aliases", "demonyms", "capitals"}, code
        assert isinstance(entry["name"], str) and entry["name"].strip() == entry["name"] != "", code
        for field in ("aliases", "demonyms", "capitals"):
            values = entry[field]
            assert isinstance(values, list), (code, field)
            for v in values:
                # A YAML plain scalar such as NO or 1 would not be a string.
                assert isinstance(v, str) and v.strip() == v != "", (code, field, v)
                assert "|" not in v and ";" not in v, (code, field, v)
            # Spellings that differ only in diacritics (Turkiye, Türkiye) are allowed; exact repeats are not.
            assert len({v.casefold() for v in values}) == len(values), (code, field, "repeated")


def test_keys_are_iso_or_user_assigned(states):
    import pycountry
    iso = {c.alpha_3 for c in pycountry.countries}
    assert not USER_ASSIGNED & iso, "a user-assigned code is now in ISO 3166: use the official one"
    unknown = set(states) - iso - USER_ASSIGNED
    assert not unknown, sorted(unknown)


def test_every_member_and_observer_and_partly_recognised_state_is_listed(states):
    import pycountry
    iso = {c.alpha_3 for c in pycountry.countries}
    assert UN_MEMBERS_AND_OBSERVERS <= iso, sorted(UN_MEMBERS_AND_OBSERVERS - iso)
    wanted = UN_MEMBERS_AND_OBSERVERS | USER_ASSIGNED | PARTLY_RECOGNISED_IN_ISO
    assert not wanted - set(states), sorted(wanted - set(states))
    assert not set(states) - wanted, sorted(set(states) - wanted)


def _claims(states: dict, fields: tuple[str, ...]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for code, entry in states.items():
        words = [entry["name"]] if "name" in fields else []
        for field in fields:
            if field != "name":
                words += entry[field]
        for w in words:
            out.setdefault(fold(w), set()).add(code)
    return out


def test_no_word_is_claimed_by_two_states(states):
    claims = _claims(states, ("name", "aliases", "demonyms", "capitals"))
    shared = {w: sorted(codes) for w, codes in claims.items() if len(codes) > 1 and w not in SHARED_ALLOWED}
    assert not shared, shared
    stale = [w for w in SHARED_ALLOWED if len(claims.get(w, ())) < 2]
    assert not stale, f"allow-list entries no longer shared: {stale}"


def test_no_word_is_two_things_within_a_state(states):
    for code, entry in states.items():
        seen: dict[str, str] = {}
        for field in ("aliases", "demonyms", "capitals"):
            for v in entry[field]:
                assert seen.setdefault(fold(v), field) == field, (code, v, "is in two fields")
        assert fold(entry["name"]) not in {fold(v) for v in entry["demonyms"] + entry["capitals"]}, code


def _state_names(states: dict) -> set[str]:
    names = {fold(e["name"]) for e in states.values()}
    names |= {fold(a) for e in states.values() for a in e["aliases"]}
    try:
        import pycountry
    except ImportError:
        return names
    for c in pycountry.countries:  # the loader adds pycountry's names too
        for attr in ("name", "official_name", "common_name"):
            if getattr(c, attr, None):
                names.add(fold(getattr(c, attr)))
    return names


def test_no_capital_is_a_state_name(states):
    names = _state_names(states)
    bad = sorted((code, cap) for code, e in states.items() for cap in e["capitals"] if fold(cap) in names)
    assert not bad, bad


def test_names_keep_diacritics(states):
    assert states["STP"]["name"] == "São Tomé and Príncipe"
    assert states["CIV"]["name"] == "Côte d'Ivoire"
    assert states["TUR"]["name"] == "Türkiye"


@pytest.mark.parametrize("code, words", [
    ("TUR", ["Turkey", "Türkiye"]), ("CIV", ["Ivory Coast"]), ("MMR", ["Burma"]), ("CZE", ["Czech Republic"]),
    ("COD", ["DRC", "Democratic Republic of the Congo", "Congo-Kinshasa"]), ("COG", ["Congo-Brazzaville"]),
    ("PRK", ["DPRK"]), ("KOR", ["Republic of Korea"]), ("VNM", ["Viet Nam"]), ("SWZ", ["Swaziland"]),
    ("CPV", ["Cape Verde"]), ("TLS", ["East Timor"]), ("USA", ["US", "U.S.", "USA", "America"]),
    ("GBR", ["UK", "U.K.", "Britain", "Great Britain"]), ("ARE", ["UAE"]), ("NLD", ["Holland"]),
    ("MKD", ["Macedonia"]), ("BIH", ["Bosnia", "BiH"]), ("VAT", ["Holy See"]), ("PSE", ["State of Palestine"]),
])
def test_usual_variants(states, code, words):
    entry = states[code]
    have = {fold(entry["name"])} | {fold(a) for a in entry["aliases"]}
    assert {fold(w) for w in words} <= have, (code, words)


def test_seats_of_government(states):
    assert states["NLD"]["capitals"] == ["The Hague"]
    assert states["BOL"]["capitals"] == ["La Paz"]
    assert set(states["CIV"]["capitals"]) == {"Abidjan", "Yamoussoukro"}
    assert states["ISR"]["capitals"] == ["Jerusalem"]
    all_caps = {fold(c) for e in states.values() for c in e["capitals"]}
    assert "tel aviv" not in all_caps


def test_ambiguous_words_are_kept_out(states):
    everything = _claims(states, ("name", "aliases", "demonyms", "capitals"))
    for word in ("korean", "korea", "congo", "gaza", "palestinian authority"):
        assert word not in everything, word


def test_organisation_lines_parse(organisations):
    names = set()
    for cells in organisations:
        assert 2 <= len(cells) <= 5, cells
        name, kind = cells[0], cells[1]
        assert name, cells
        assert kind in ORG_KINDS, cells
        assert fold(name) not in names, f"organisation listed twice: {name}"
        names.add(fold(name))


def test_organisation_parts_are_listed(organisations):
    names = {cells[0] for cells in organisations}
    for cells in organisations:
        if len(cells) > 4:
            for part in _split(cells[4]):
                assert part in names, (cells[0], part)


def test_organisation_aliases_are_not_states(states, organisations):
    names = _state_names(states)
    bad = [(cells[0], a) for cells in organisations
           for a in [cells[0]] + (_split(cells[2]) if len(cells) > 2 else []) if fold(a) in names]
    assert not bad, bad


def test_organisation_aliases_are_unique(organisations):
    owner: dict[str, str] = {}
    for cells in organisations:
        for a in [cells[0]] + (_split(cells[2]) if len(cells) > 2 else []):
            assert owner.setdefault(fold(a), cells[0]) == cells[0], (a, owner[fold(a)], cells[0])
