"""Actors: discovering new ones in an article, merging them with known and built-in actors into
one registry, and finding every mention of every actor in a text.

Discovery mechanisms (all general, none tied to one article):
* people after a title ("Serbian Defense Minister Bratislav Gasic", "EU envoy Miroslav Lajcak"),
  in an apposition ("Ivana Ranković, a Researcher at the Belgrade Centre for Security Policy",
  "the High Representative, Christian Schmidt"), next to a speech verb ("Josep Borrell said"),
  with a common given name ("Marko Savković"), a counterpart ("his Hungarian counterpart X"),
  and bylines ("By X");
* organisations defined with an acronym ("Alliance of Independent Social Democrats (SNSD)"),
  capitalised names with an organisation word ("Belgrade Centre for Security Policy",
  "Ministry of Defence of Serbia"), companies after a trade noun ("oil company NIS"), media after
  a media noun or as a web domain ("444.hu writes"), wire services in datelines;
* states from the built-in list;
* in the region's languages (lang.py, data/local.yaml): people after local titles, in any case
  ("ministar odbrane Srbije Bratislav Gašić", "sa premijerom Mađarske Viktorom Orbanom", "Orbán
  Viktor miniszterelnök", "presidenti serb Aleksandar Vuçiq", "Ungarns Ministerpräsident"), named
  under their nominative or attached to the person already known, and Serbo-Croatian
  organisations ("Venecijanske komisije" is Venecijanska komisija).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace

import ahocorasick

from sitegen.ingest import gazetteer as gz
from sitegen.ingest.attribution import attributions
from sitegen.ingest.clauses import SPEECH_LEMMAS, common_word, verb_reading
from sitegen.ingest.lang import albanian_spelling, slavic_key, surely_inflected, token_lemmas
from sitegen.ingest.types import KnownActor, pickled_by_position
from sitegen.names import INFLECTING_KINDS, fold_key, slugify, stems_inflect, suffix_ok, to_latin

UP = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽȘȚ"
LO = "a-zß-öø-ÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįıĵķĺļľŀłńņňŋōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷźżžșț"
TOK = rf"(?:(?:al|el|ad|ash|as|an|ar|at|az|ud|ibn|abu)-)?[{UP}](?:[{LO}]+|'[{UP}][{LO}]+|[{LO}]*[{UP}][{LO}]+)(?:-[{UP}][{LO}]+|-[{LO}]{{1,5}}(?![{LO}]))?"
PARTICLE = r"(?:von|van|de|der|den|da|di|du|del|della|bin|binti|bint|ibn|wa|al|el|ter|ten|la|le|dos|das|do)"
NAME = rf"{TOK}(?:\s+(?:{PARTICLE}\s+){{0,2}}{TOK}){{1,3}}"  # "Ursula von der Leyen"
NAME_RX = re.compile(NAME)
# A name that opens with initials, after a title ("Air Marshal A.K. Bharti", "Commissioner SM Sazzat Ali").
INITIALS_NAME = rf"(?:(?:[A-Z]\.\s?){{1,3}}|[A-Z]{{2}}\s+(?={TOK}\s+{TOK}))(?:{TOK})(?:\s+{TOK})?"
# A monarch's or a pope's name after their title: "King Mohammed VI", "Pope Leo XIV".
REGNAL_NAME = rf"{TOK}(?:\s+{TOK})?\s+(?:[IVX]{{1,5}})(?![\w'’-])"

# Capitalised words that never start or belong to a person's name.
STOP_TOKENS = frozenset(fold_key(w) for w in """
the a an this that these those there here his her their its our my your we they he she it
however although though while when where after before during since until because also and but or nor so yet
according meanwhile moreover furthermore indeed finally first second third last next new old former acting
mr mrs ms dr prof sir madam president prime minister ministers minister's defence defense foreign interior finance
secretary general chief head leader spokesman spokeswoman spokesperson envoy ambassador representative
high commissioner chancellor king queen prince pope patriarch mayor governor senator deputy speaker
chairman chairwoman chair chairperson director professor researcher analyst advisor adviser fellow senior junior member
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december jan feb mar apr jun jul aug sep sept oct nov dec
north south east west northern southern eastern western central european european's balkan balkans
union nations united states kingdom republic federation federal national state states government ministry
council court assembly parliament party front alliance agreement declaration strategy treaty pact deal plan
centre center institute fund foundation agency office bank commission committee army forces force police
university school company corporation group security policy affairs international international's
partnership cooperation defence's military armed navy air land sea district province region city town
street square palace house hall church mosque airport station bridge river lake mountain island islands
day week month year today yesterday tomorrow morning evening night
mission programme program project initiative summit conference dialogue talks
read photo source tags share click comments leave reply
in for on at by with from to as of into over under than via per amid across
alongside along among amongst against around beside besides between beyond behind despite inside outside
through throughout toward towards unlike upon within without both either neither each several
aboard some many most few another what which whose whom why how
even only still thus therefore instead nevertheless nonetheless whereas unless if once whether
justice judge marshal colonel lieutenant major captain commander admiral brigadier sergeant corporal
párt partei stranka stranke partija partia partisë kormány vlada vlade regierung bundesregierung ministarstvo
minisztérium ministerium ministria qeveria skupština országgyűlés bundestag kuvendi
""".split())

ORG_WORDS = ("Centre", "Center", "Institute", "Fund", "Foundation", "Ministry", "Agency", "Council", "Court",
             "Párt", "Partei", "Stiftung", "Institut",
             "Office", "Bank", "Assembly", "Parliament", "Party", "Front", "Movement", "Commission",
             "Committee", "University", "Academy", "Association", "Union", "Organisation", "Organization",
             "Department", "Directorate", "Service", "Forces", "Army", "Police", "Presidency", "Government",
             "Embassy", "Coalition", "Alliance", "Group", "Company", "Corporation", "Network",
             "Tribunal", "Prosecutor's Office", "Treasury", "Federation", "Secretariat", "Guard", "Navy",
             "Force", "Survey", "Hospital",
             "Institution", "Society", "Congress", "Senate", "Cabinet", "Bloc", "Industries", "Aerospace",
             "Holdings", "Airlines", "Systems", "Board", "Authority", "Bureau", "Administration", "Corps",
             "Militia", "Airways", "Observatory", "League", "Brigade", "Brigades", "Battalion", "Command",
             "Mission", "Programme", "Confederation", "Chamber", "Consulate",
             # churches' bodies ("the Catholic Diocese of Kontagora")
             "Diocese", "Archdiocese", "Patriarchate",
             # the houses of legislatures ("House of Representatives", "Chamber of Deputies")
             "Representatives", "Deputies", "Commons", "Lords")
_ORG_WORD_RX = "|".join(sorted((re.escape(w) for w in ORG_WORDS), key=len, reverse=True))
_CAPW = rf"(?:[{UP}][\w'’.&-]*|[0-9]+)"
# ("Commission on Human Rights", not "the Commission on Tuesday")
_ON_NOT_A_DAY = (r"on(?!\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
                 r"May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|"
                 r"Nov|Dec)\b)")
_CONN = rf"(?:of|for|and|the|de|du|des|for the|of the|and the|&|{_ON_NOT_A_DAY})"
ORG_RX = re.compile(
    rf"(?<![\w-])((?:{_CAPW}\s+(?:{_CONN}\s+)?){{0,5}}(?:{_ORG_WORD_RX})\b(?:\s+(?:{_CONN}\s+)?{_CAPW}){{0,6}})"
    rf"(?:\s+\((?P<acr>[{UP}][\w.&/ -]{{1,15}})\))?"
)
# Connecting words inside a name: English, and the region's languages, after which lower-case
# words may follow ("Centar za demokratiju i ljudska prava (CEDEM)").
_ACR_LOCAL_CONN = r"za|i|u|na|és|dhe|për|e|të|së|für|und|der|die|des"
ACRONYM_DEF_RX = re.compile(
    rf"((?:[{UP}][\w'’-]*\s+(?:(?:of|for|and|the|on|de)\s+|(?:{_ACR_LOCAL_CONN})\s+(?:[{LO}][\w'’-]*\s+){{0,3}})*){{1,8}}"
    rf"(?:[{UP}][\w'’-]*|[{LO}][\w'’-]{{2,}}))\s+\((?P<acr>[{UP}][{UP}0-9&.]{{1,9}}(?:\s+[{UP}][\w]+)?)\)")
_ACR_LOCAL_CONN_RX = re.compile(rf"\s(?:{_ACR_LOCAL_CONN})\s")

COMPANY_NOUNS = r"(?:company|firm|manufacturer|miner|mining company|producer|maker|carmaker|giant|operator|refiner|" \
                r"carrier|contractor|conglomerate|group|supplier|arms maker|defence firm|defense firm|oil company|" \
                r"gas company|energy company|oil firm|state-owned company|utility|shipbuilder|airline|lender|bank)"
COMPANY_RX = re.compile(rf"\b{COMPANY_NOUNS}s?\s+((?:[{UP}][\w&'’.-]*)(?:\s+[{UP}][\w&'’.-]*){{0,3}})(?:\s+and\s+((?:[{UP}][\w&'’.-]*)(?:\s+[{UP}][\w&'’.-]*){{0,3}}))?")
# A body by the noun for what it is, set before its name ("the pollster Cedatos", "the monitoring
# group Airwars", "the rights group Odhikar").
BODY_NOUNS = r"(?:pollster|polling firm|polling company|think tank|think-tank|watchdog|charity|rights group|" \
             r"human rights group|advocacy group|monitoring group|monitor|NGO|aid group|aid agency|relief agency|" \
             r"research group|research firm|consultancy|data firm|analytics firm|campaign group|lobby group)"
BODY_RX = re.compile(rf"\b{BODY_NOUNS}s?\s+((?:[{UP}][\w&'’.-]*)(?:\s+[{UP}][\w&'’.-]*){{0,3}})")
_BODY_NOUN_BEFORE = re.compile(rf"\b{BODY_NOUNS}s?\s+$")
MEDIA_NOUNS = r"(?:daily|newspaper|weekly|news portal|portal|news agency|agency|broadcaster|television|TV|news site|website|magazine)"
MEDIA_NOUNS2 = (r"(?:daily|dailies|newspapers?|weekly|portal|news agency|broadcasters?|outlets?|website|magazine|"
                r"television|news site|news website|radio|channel|tabloid)")
MEDIA_RX = re.compile(rf"\b(?:the\s+)?((?:[{UP}][\w'’.-]*)(?:\s+[{UP}][\w'’.-]*){{0,3}})\s+"
                      rf"{MEDIA_NOUNS}"
                      rf"\s+(?:reported|reports|wrote|writes|said|says|published|quoted|cited|revealed|learned|has learned)\b")
_CAP_WORD = rf"[{UP}][\w'’.-]*"
_OUTLET = rf"{_CAP_WORD}(?:\s+{_CAP_WORD}){{0,2}}"  # an outlet's name: one to three capitalised words
MEDIA_RX2 = re.compile(rf"\b{MEDIA_NOUNS2}\s+({_OUTLET})(?:\s+and\s+({_OUTLET}))?")
# An outlet named before its medium where someone speaks to it or on it: "told the ANI news agency",
# "Speaking on RTL radio".
_MEDIA_MEDIUM = r"(?:news\s+agency|radio|television|TV|newspaper|daily|broadcaster|channel|magazine)"
_MEDIUM_AFTER_RX = re.compile(rf"\b(?:told|to|on|in|with)\s+(?:the\s+)?({_CAP_WORD}(?:\s+{_CAP_WORD}){{0,2}})\s+"
                              rf"{_MEDIA_MEDIUM}\b")
_MEDIUM_HINT = re.compile(rf"\b{_MEDIA_MEDIUM}\b")
# An outlet by the word its name ends in ("Halk TV", "the Global Times", "Bloomberg TV").
MEDIA_NAME_RX = re.compile(rf"(?<![\w’'-])((?:{_CAP_WORD}\s+){{1,3}}(?:TV|Times|Post|News|Radio|Herald|Tribune|"
                           rf"Gazette|Journal|Telegraph|Chronicle|Observer|Courier|Monitor))(?![\w-])")
TLDS = r"(?:hu|rs|hr|ba|me|mk|al|si|ro|bg|gr|tr|com|net|org|eu|info|at|de|uk|ua|ru|md|xk)"
DOMAIN_RX = re.compile(rf"(?<![\w@/.])([A-Za-z0-9][\w-]{{1,30}}\.{TLDS})(?![\w/.@])")

# Verbs of saying. Before a name: the speaker ("…, said Anna Kovacs") or whom the words are about
# ("accused Kovacs"); not verbs whose object is what it is declared or urged to be ("declared Paucar
# the winner"). After their speaker, those and more ("Kovacs has vowed", "Najlaa Ahmed recalled").
_SPEECH_BEFORE = r"(?:said|says|told|added|noted|notes|stated|states|stressed|stresses|warned|warns|explained|" \
                 r"explains|argued|argues|remarked|remarks|insisted|insists|concluded|concludes|underlined|underlines|" \
                 r"claimed|claims|announced|announces|wrote|writes|emphasised|emphasized|agreed|agrees|believes|" \
                 r"said on|confirmed|confirms|welcomed|denied|denies|accused|replied|responded|clarifies|clarified|adds)"
SPEECH_VERBS = _SPEECH_BEFORE[:-1] + (
    r"|accuses|acknowledged|acknowledges|admits|admitted|declared|declares|described|describes|dismissed|dismisses|"
    r"emphasises|emphasizes|pledged|pledges|promised|promises|rejected|rejects|replies|responds|tells|urged|urges|"
    r"vowed|vows|welcomes|recalled|recalls|recounted|recounts)")
SPEECH_AFTER_RX = re.compile(rf"({NAME})(?:'s)?\s*,?\s+(?:has\s+|had\s+|also\s+|later\s+)?{SPEECH_VERBS}\b")
SPEECH_BEFORE_RX = re.compile(rf"\b{_SPEECH_BEFORE}\s+({NAME})")

APPOS_ROLE_WORDS = re.compile(
    r"\b(?:researcher|analyst|advis[eo]r|fellow|director|professor|expert|member|president|minister|head|chief|leader|"
    r"spokes(?:man|woman|person)|ambassador|envoy|representative|commander|official|secretary|editor|correspondent|"
    r"journalist|founder|co-founder|chair(?:man|woman)?|deputy|mayor|governor|judge|prosecutor|candidate|politician|"
    r"diplomat|general|officer|lawyer|economist|historian|commissioner|chancellor|premier|lecturer|scholar|"
    r"activist|coordinator|manager|executive|ceo|partner|consultant|adviser|speaker|mp|lawmaker|mep|negotiator)\b", re.I)

DEMONYM_TO_STATE: dict[str, str] = {}


@functools.lru_cache(maxsize=None)
def _demonym_of(state: str) -> str:
    """The first demonym of a built-in state ("India" -> "Indian"), or ""."""
    for a in gz.builtin_actors():
        if a.kind == "state" and a.name == state and a.demonyms:
            return a.demonyms[0]
    return ""


@functools.lru_cache(maxsize=1)
def _state_names() -> frozenset[str]:
    """The built-in states' names and aliases, folded ("canada", "turkiye")."""
    return frozenset(fold_key(n) for a in gz.builtin_actors() if a.kind == "state" for n in [a.name] + a.aliases)


def _demonyms() -> dict[str, str]:
    if not DEMONYM_TO_STATE:
        for a in gz.builtin_actors():
            for d in a.demonyms:
                DEMONYM_TO_STATE[fold_key(d)] = a.name
            if a.kind == "state":
                DEMONYM_TO_STATE[fold_key(a.name)] = a.name
                for al in a.aliases:
                    DEMONYM_TO_STATE[fold_key(al)] = a.name
            for c in a.capitals:
                DEMONYM_TO_STATE.setdefault(fold_key(c), a.name)
            if a.kind in ("organization", "alliance"):
                DEMONYM_TO_STATE.setdefault(fold_key(a.name), a.name)
                for al in a.aliases:
                    if al.isupper():
                        DEMONYM_TO_STATE.setdefault(fold_key(al), a.name)
    return DEMONYM_TO_STATE


_TITLE_CACHE: list = []


def title_regex() -> re.Pattern:
    if not _TITLE_CACHE:
        forms = sorted((f for f, c in gz.role_titles() if c), key=len, reverse=True)
        alt = "|".join(re.escape(f) for f in forms)
        qual = rf"(?:(?P<qual>[{UP}][\w'’.-]+?)(?:'s|’s)?\s+)??"
        # ("Minister of State for Civil Aviation Murlidhar Mohol": what a title is of may run on)
        rx = re.compile(rf"{qual}(?P<title>{alt})s?(?:\s+(?:of|for|to)\s+(?P<of>(?:[{UP}][\w'’-]+\s*"
                        rf"(?:(?:and|for|of|on|the)\s+)?){{1,6}}))?"
                        rf",?\s+(?P<name>{REGNAL_NAME}|{NAME}|{INITIALS_NAME})(?:\s+and\s+(?P<name2>{NAME}))?")
        _TITLE_CACHE.append(rx)
        _TITLE_CACHE.append({f: c for f, c in gz.role_titles()})
    return _TITLE_CACHE[0]


# Gates: literal words without which a discovery pattern cannot match a sentence (case as the
# pattern has it). One Aho-Corasick pass per sentence tells which patterns are worth running.
def _gate_words() -> dict[str, tuple[str, ...]]:
    def lang(rx: str) -> tuple[str, ...]:
        words = gz.finite_language(rx)
        assert words, rx
        return tuple(sorted(words))
    return {
        "speech": lang(SPEECH_VERBS),
        "org": tuple(ORG_WORDS),
        "company": lang(COMPANY_NOUNS),
        "body": lang(BODY_NOUNS),
        "media": lang(MEDIA_NOUNS),
        "media2": lang(MEDIA_NOUNS2),
        "domain": tuple("." + t for t in lang(TLDS)),
    }


_GATES: list = []


def _gates_of(s: str) -> set[str]:
    if not _GATES:
        auto = ahocorasick.Automaton()
        table: dict[str, set[str]] = {}
        for gate, words in _gate_words().items():
            for w in words:
                table.setdefault(w, set()).add(gate)
        for w, gates in table.items():
            auto.add_word(w, frozenset(gates))
        auto.make_automaton()
        _GATES.append(auto)
    found: set[str] = set()
    for _, gates in _GATES[0].iter(s):
        found |= gates
    return found


_ROLE_WORD_LIST = ("representative", "envoy", "spokes", "minister", "president", "leader", "director", "chief", "head")


def _maybe_role_appos(s: str) -> bool:
    """Whether _ROLE_APPOS_RX may match s (a quick test first, then its prefilter)."""
    if "," not in s:
        return False
    if not any(c in s for c in gz.SPECIAL_FOLDS):
        low = s.lower()
        if not any(w in low for w in _ROLE_WORD_LIST):
            return False
    return _ROLE_APPOS_PRE.search(s) is not None


_TITLE_AUTO: list = []


def title_matches(s: str):
    """The matches of title_regex() in s, tried only where a title form occurs (or in the word right
    before it, where the qualifier begins): several times faster than finditer. A match ends, for
    what follows, with its name: "President X and Commission President Y" has two."""
    rx = title_regex()
    if not _TITLE_AUTO:
        auto = ahocorasick.Automaton()
        for f, c in gz.role_titles():
            if c:
                auto.add_word(f, len(f))
        auto.make_automaton()
        _TITLE_AUTO.append(auto)
    starts: set[int] = set()
    for end, n in _TITLE_AUTO[0].iter(s):
        t = end - n + 1
        starts.add(t)
        k = t
        while k > 0 and s[k - 1].isspace():
            k -= 1
        if k < t:
            w = k
            while w > 0 and not s[w - 1].isspace():
                w -= 1
            starts.update(range(w, k))
    last = 0
    for p in sorted(starts):
        if p < last:
            continue
        m = rx.match(s, p)
        if m:
            # Past the name only: "X and <Title> Y" after a singular title is another title's match.
            last = m.end() if s[m.end("title"):m.end("title") + 1] == "s" else m.end("name")
            yield m


def canonical_title(form: str) -> str:
    title_regex()
    return _TITLE_CACHE[1].get(form, form)


# ------------------------------------------------------------------ candidates

@pickled_by_position
@dataclass(slots=True)
class Candidate:
    name: str
    kind: str
    role: str = ""
    affiliation: str = ""  # a name, resolved to a slug later
    acronym: str = ""
    evidence: str = ""  # the sentence
    source: str = ""  # source slug
    order: tuple = ()  # (seed index, position) for deterministic choices
    strong: bool = True  # found by an explicit pattern (not only a name shape)
    seen_as: str = ""  # the name as the article wrote it, when `name` is its nominative
    lang: str = ""  # the article's language, when not English (lang.py)
    # A person's name as an inflecting language gave it ("Aleksandra Vučića"): the nominatives it may
    # stand for, the likeliest first; `sure`: it is certainly not a nominative itself.
    lemmas: tuple[str, ...] = ()
    sure: bool = False
    # The part of a person's name the article names them by when it is not the last ("Lee" of "Lee
    # Jae-myung", "Gan" of "Gan Yu": family names written first)
    surname: str = ""


def _stop(tok: str) -> bool:
    k = fold_key(tok)
    return k in STOP_TOKENS or any(p in STOP_TOKENS for p in k.split("-"))


# Words that are also surnames after a given name ("Douglas May", "George King"); alone, a word.
SURNAMES_THAT_ARE_WORDS = frozenset("january february march april may june july august september october november december "
                          "king prince major bishop marshal hall house church lake west".split())


# The endings of the common nouns that may stand capitalised before a name ("Enlargement Marta Kos").
_COMMON_NOUN_END = re.compile(r"(?:ment|tion|sion|ness|ity|ance|ence|ism|ist|ship|ing|ary|ory|ure|age)$", re.I)


def _trim_name(name: str, strict: bool = False) -> str:
    """A name without the words around it that belong to no name. `strict`: a capitalised word
    before a given name goes only when it reads as a common noun ("Enlargement Marta Kos"), not
    when it may be a given name no list holds ("Asep Edi Suheri"), as in English text found by
    the shape of its name alone."""
    toks = name.split()
    # A title of several words ends where the name begins: "Field Marshal Asim Munir"
    last_title = max((i for i, t in enumerate(toks[:-2]) if _stop(t)), default=-1)
    if last_title > 0:
        toks = toks[last_title + 1:]
    while toks and (_stop(toks[0]) or (len(toks) > 2 and _is_title_word(toks[0]))):
        toks = toks[1:]
    while toks and _stop(toks[-1]) and not (
            len(toks) >= 2 and fold_key(toks[-1]) in SURNAMES_THAT_ARE_WORDS
            and all(fold_key(t) in gz.given_names() for t in toks[:-1])):
        toks = toks[:-1]  # (a month's name or a title is a surname after given names: "Douglas May", "Ana Paola Hall")
    # A capitalised word before a given name is not part of the name ("Enlargement Marta Kos"); the
    # region's own list, as the world's holds words of names like "Aung San Suu Kyi".
    given = gz.regional_given_names()
    while len(toks) > 2 and fold_key(toks[0]) not in given and fold_key(toks[1]) in given \
            and fold_key(toks[0]) not in gz.given_names() and (not strict or _COMMON_NOUN_END.search(toks[0])):
        # (not "Mahmoud Ali Youssouf", two given names)
        toks = toks[1:]
    world = gz.given_names()
    while len(toks) > 2 and fold_key(toks[1]) in world and fold_key(toks[0]) not in world \
            and common_word(toks[0].lower()) and not common_word(toks[1].lower()):
        # a common noun before a given name is a title: "First Officer Clive Kunder" (a given name
        # that is a word too proves nothing: "Radio Free Europe")
        toks = toks[1:]
    return " ".join(toks)


def _name_ok(name: str, known_keys: set[str], titled: bool = False) -> bool:
    """Whether words may be a new person's name: two to four words, none a stop word or a known
    actor's name. After a title (`titled`), a first word that is a known actor's name may be a given
    name too ("Defence Minister Israel Katz")."""
    toks = name.split()
    if len(toks) < 2 or len([t for t in toks if not re.fullmatch(PARTICLE, t)]) > 4:
        return False
    surname_too = fold_key(toks[-1]) in SURNAMES_THAT_ARE_WORDS and all(fold_key(t) in gz.given_names() for t in toks[:-1])
    for i, t in enumerate(toks):
        k = fold_key(t)
        if k in STOP_TOKENS and not (surname_too and i == len(toks) - 1):
            return False
        if k in known_keys and not (titled and i == 0 and k in gz.given_names()):
            return False
    if fold_key(name) in known_keys:
        return False
    return True


def _state_of(qualifier: str) -> str:
    q = fold_key(qualifier.replace("'s", "").replace("’s", ""))
    return _demonyms().get(q, "")


def _role_string(title: str, state: str) -> str:
    canon = canonical_title(title)
    if not canon:
        return ""
    if state:
        return f"{canon} of {state}"
    return canon


def discover(sentences: list[str], source: str, seed_index: int, builtin_keys: set[str],
             lang: str = "en") -> list[Candidate]:
    """Candidates for new actors in one article's sentences, in the article's language `lang`
    (lang.py; Serbian Cyrillic sentences are read in Latin letters)."""
    if lang == "en":
        return _discover(sentences, source, seed_index, builtin_keys, english=True)
    if lang == "sh":
        sentences = [to_latin(s) for s in sentences]
    out = _discover(sentences, source, seed_index, builtin_keys, english=False)
    for si, s in enumerate(sentences):
        out.extend(_local_title_candidates(s, lang, source, (seed_index, si), builtin_keys))
        if lang == "sh":
            out.extend(_sh_organisations(s, source, (seed_index, si), builtin_keys))
        out.extend(_local_media(s, lang, source, (seed_index, si), builtin_keys))
    for c in out:
        c.lang = lang
        if lang == "sh" and c.kind == "person":
            _mark_inflected(c)
    return out


_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|from|to|into|across|outside|inside|towards?|around)\s+(?:the\s+)?$", re.I)
_PLACE_FIRST = frozenset("north south east west northern southern eastern western central upper lower new saint san "
                         "santa st port fort mount lake cape gulf greater old el la le los las "
                         "norte sur nord sud ouest rio puerto porto ciudad sao santo".split())
_LONE_TOKEN = re.compile(rf"(?<![\w’'-])(?:al-|el-)?({TOK})(?![\w’'-])")


_ORGANS = (r"[Aa]rmed [Ff]orces|[Aa]ir [Ff]orce|[Nn]avy|[Aa]rmy|[Cc]oast [Gg]uard|[Bb]order [Gg]uard|"
           r"[Dd]efen[cs]e [Ff]orces|[Mm]ilitary|[Pp]olice|[Ss]ecurity [Ff]orces|[Nn]ational [Gg]uard|"
           r"(?:[Ff]oreign|[Hh]ealth|[Dd]efen[cs]e|[Ii]nterior|[Jj]ustice|[Ff]inance|[Ee]conomy|[Tt]rade) [Mm]inistry|"
           r"Ministry of (?:the )?[A-Z][a-z]+(?: (?:and|of) [A-Z][a-z]+| [A-Z][a-z]+)?|[Pp]residency|[Cc]entral [Bb]ank|"
           r"Supreme Court|Constitutional Court|Red Cross|Red Crescent|Civil Defen[cs]e|"
           r"(?:Prime Minister|President|Governor)(?:'s|’s) Office|[Ee]lect(?:ion|oral) [Cc]ommission|[Cc]oast [Gg]uard|"
           r"Congress|Parliament|Senate|National Assembly|[Ee]mbassy")
_STATE_ORGAN_RX = re.compile(rf"(?<![\w.-])(?P<owner>(?:[A-Z]\.){{2,}}|[{UP}][\w'’-]+(?: [{UP}][\w'’-]+)?) "
                             rf"(?P<organ>{_ORGANS})\b")
# Political groups are named before their kind ("the Spolu alliance", "the State of Law coalition"), a
# gloss of the name between ("the Taqaddum (Progress) party"); parties also by their members ("the
# Christian Democrats").
_GROUP_KINDS = ("rebels?", "militants?", "fighters", "militias?", "insurgents", "guerrillas", "paramilitaries", "gang",
                "cartel", "jihadists", "party", "faction", "alliance", "coalition", "bloc", "movement")
_PARTY_MEMBERS = ("Democrats", "Republicans", "Socialists", "Liberals", "Conservatives", "Greens", "Communists",
                  "Nationalists")
_MINISTRY_OF = re.compile(r"(?:the )?(?:([a-z]+) )?ministry of (?:the )?([a-z]+(?: affairs)?)")
_DOMAIN_MINISTRY = re.compile(r"(?:the )?(?:([a-z]+) )?([a-z]+(?: affairs)?) ministry")
_DOMAINS_ALIKE = {"defense": "defence", "foreign affairs": "foreign", "internal affairs": "interior",
                  "home affairs": "interior", "home": "interior"}


def _ministry_key(key: str) -> str:
    """One key for the two ways a ministry is named ("Syrian Ministry of Health", "Syrian health
    ministry", "the foreign ministry" and "the Ministry of Foreign Affairs"); "" for other names."""
    m = _MINISTRY_OF.fullmatch(key) or _DOMAIN_MINISTRY.fullmatch(key)
    if m is None:
        return ""
    domain = _DOMAINS_ALIKE.get(m.group(2), m.group(2))
    return f"ministry:{m.group(1) or ''}:{domain}"


def _without_members(name: str, given) -> list[str]:
    """The bodies a name names once the people named as their members are left out ("Joyce Banda of
    the People's Party": the party, she is found as a person; "A of the X Party and B of the Y
    Party": both parties; "A and B of the X Movement": the movement); [name] when no member is
    named."""
    if " of the " not in name:
        return [name]
    bodies = []
    for part in name.split(" and "):
        member, of_the, body = part.rpartition(" of the ")
        if of_the and _member_named(member, given):
            bodies.append(body)
        elif of_the or not _member_named(part, given):
            return [name]  # ("Bank of the Republic"; "Ministry of the Interior and Security")
    return bodies or [name]


def _member_named(words: str, given) -> bool:
    """Whether words name a person: a known given name first, or one to three capitalised words with
    no word of a body."""
    toks = words.split()
    while len(toks) > 1 and _is_title_word(toks[0]):
        toks = toks[1:]  # "Bishop Bulus Dauwa Yohanna of the Catholic Diocese of Kontagora"
    words = " ".join(toks)
    return _person_shaped(words, given) or (1 <= len(toks) <= 3 and all(w[:1].isupper() for w in toks)
                                             and not _ORG_WORD_IN.search(words))


_MINISTER_AFTER = re.compile(r"\s+(?:Minister|Secretary|Commissioner)\b")
_ABOARD = re.compile(r"\b(?:aboard|on\s+board|onboard)\s+(?:the\s+)?$", re.I)
_COUNT_FIRST = re.compile(r"\d[\d,]*\s")  # "69 Druze fighters": a count of people, not a group's name
_GROUP_NOUNS = rf"(?:\s+\([^()]{{1,30}}\))?\s+(?:{'|'.join(_GROUP_KINDS)})(?![\w’'-])"
_GROUP_NAME = (rf"(?:[{UP}0-9][\w'’]*(?:-(?:e-)?[{UP}0-9][\w'’]*)*)"
               rf"(?:\s+(?:de\s+|del\s+|al-|of\s+the\s+|of\s+|for\s+)?[{UP}][\w'’-]*){{0,4}}")


def _hint_rx(*words: str) -> re.Pattern:
    return re.compile("|".join(map(re.escape, words)))


# Cheap tests of whether a sentence can hold an organ or a group at all, before the long patterns:
# words looked for in the lower-cased sentence.
_ORGAN_HINTS = _hint_rx("force", "navy", "army", "guard", "military", "police", "ministry", "presidency", "bank", "court",
                "congress", "parliament", "senate", "assembly", "embass",
                "cross", "crescent", "defen", "office", "commission")
_GROUP_HINTS = _hint_rx("rebel", "militant", "fighters", "militia", "insurgent", "guerrilla", "paramilitar", "gang",
                        "cartel", "jihadist", "party", "faction", "alliance", "coalition", "bloc", "movement", "group",
                        *(w.lower() for w in _PARTY_MEMBERS))


_BODY_NAME = rf"[{UP}][\w'’!-]*(?:\s+(?:(?:for|at|of|and|the|for the|of the)\s+)?[{UP}0-9][\w'’!-]*){{0,4}}"
_SHARE_OF_NAME = re.compile(rf"(?<![\w'’-])(?P<name>{_BODY_NAME})(?:\s+with|\s+won|\s+had|\s+got|\s+took)?\s+"
                            rf"(?:about\s+|nearly\s+|almost\s+|just\s+over\s+|just\s+under\s+)?\d{{1,2}}(?:\.\d+)?\s*"
                            rf"(?:percent|per\s+cent|%)")
_LED_BY = re.compile(rf"(?<![\w'’-])(?P<name>{_BODY_NAME}),\s+(?:which\s+is\s+)?led\s+by\s+[{UP}]")
_GROUPS_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?(?:groups|militants|rebels|parties|factions|movements|gangs|cartels|"
                           r"militias|organi[sz]ations)\b")
_FIRST_OF_TWO = re.compile(rf"(?<![\w-])(?P<name>{_GROUP_NAME})\s+and\s+(?:the\s+)?$")
_GROUP_BEFORE_RX = re.compile(rf"(?<![\w-])(?P<name>{_GROUP_NAME}){_GROUP_NOUNS}")
# "the Liberty and Refoundation party (Libre)", "the Law and Justice party": a party's name holds "and"
_AND_PARTY_RX = re.compile(rf"(?<![\w-])(?P<name>[{UP}][\w'’-]*\s+and\s+[{UP}][\w'’-]*)\s+party\b"
                           rf"(?:\s+\((?P<acr>[{UP}][\w.&-]{{1,12}})\))?")
# "the Coordination Framework, an alliance of Shi'ite parties": a name the apposition calls a group.
_GROUP_APPOS_RX = re.compile(rf"(?<![\w-])(?P<name>{_GROUP_NAME}),\s+(?:an?|the)\s+(?:(?!of\b)[\w-]+\s+){{0,2}}?"
                             rf"(?:alliance|coalition|party|movement|bloc|militia|faction|rebel group|armed group)"
                             rf"(?=\s*[,.;:)]|\s+(?:of|that|which|whose|led|founded|formed|backed|allied|close|linked|"
                             rf"loyal|with|in|at|from|and|to|for)\b)")
_MEMBERS_PARTY_RX = re.compile(rf"(?<![\w-])(?P<name>[{UP}][{LO}]+\s+(?:Social\s+)?(?:{'|'.join(_PARTY_MEMBERS)}))\b")
_GROUP_AFTER_RX = re.compile(rf"\b(?:militant|rebel|armed|paramilitary|jihadist|Islamist|separatist|criminal|"
                             rf"insurgent)\s+(?:group|movement|militia|organi[sz]ation|gang|faction)s?\s+"
                             rf"(?P<name>{_GROUP_NAME})")


# What marks a name as a person's in English, whatever the given name: a clause about them after it,
# an age, or a word for a person before it.
_PERSON_AFTER = re.compile(r",\s+(?:who|whose|aged\s+\d|\d{1,2}\s*,|a\s+(?:\d{1,2}-year-old|mother|father|resident|"
                           r"survivor|farmer|student|teacher|nurse|doctor|witness))\b")
_PERSON_BEFORE = re.compile(r"\b(?:mother|father|wife|husband|son|daughter|brother|sister|resident|survivor|farmer|"
                            r"student|teacher|nurse|doctor|witness|activist|lawyer|journalist|grandmother|"
                            r"grandfather|widow|villager|refugee|volunteer)\s+$")
# "Hamas-led", "Hamas-run", "Hamas's chief negotiator": a name that acts as a body.
_BODY_LED = re.compile(rf"(?<![\w’'-])(?P<name>[{UP}][{LO}]+(?:\s+[{UP}][{LO}]+)?)-(?:led|run|backed|controlled|linked|"
                       rf"allied|aligned|affiliated|held)\b")
_BODY_OWNS = re.compile(rf"(?<![\w’'-])(?P<name>[{UP}][{LO}]+)(?:'s|’s)\s+(?:(?:chief|top|senior|lead|political|"
                        rf"military|armed|exiled)\s+)*(?:negotiators?|wing|fighters|militants|gunmen|delegation|"
                        rf"leadership|politburo|political\s+bureau|commanders?)\b")
_PLACE_NOUN_AFTER = re.compile(r"\s+(?:camp|village|district|province|region|town|city|county|state|airport|"
                               r"border|crossing|prison|hospital|valley|river|island|port|square|street|road)s?\b")
_FUNCTION_WORDS = frozenset("the a an in on at to from of for by with and or but as across into near after before "
                            "since until during over under between against without within throughout via per "
                            "like about around outside inside beyond towards toward while when where if this that "
                            "these those his her its their our my your all both each every some many most "
                            "monday tuesday wednesday thursday friday saturday sunday january february march april "
                            "may june july august september october november december north south east west "
                            "northern southern eastern western central".split())
_BODY_HINTS = _hint_rx("-led", "-run", "-backed", "-controlled", "-linked", "-allied", "-aligned", "-affiliated", "-held",
               "negotiator", "wing", "fighters", "militants", "gunmen", "delegation", "leadership", "politburo",
               "bureau", "commander")
_MEDIA_ENDS = (" TV", "Times", "Post", "News", "Radio", "Herald", "Tribune", "Gazette", "Journal", "Telegraph",
               "Chronicle", "Observer", "Courier", "Monitor", "Daily")


def _repeated_pairs(sentences: list[str]) -> dict[str, set[str]]:
    """Sentence -> the two-word capitalised names in it that the article uses at least twice: rule
    12 reads only those (one pass of the pattern over the article, not the rule's work on every
    pair of words)."""
    found = [(s, m.group(0)) for s in sentences for m in _TWO_WORDS.finditer(s)]
    text = "\n".join(sentences)
    counts = {name: text.count(name) for name in {name for _, name in found}}  # "Air Canada Rouge" too
    out: dict[str, set[str]] = {}
    for s, name in found:
        if counts[name] >= 2:
            out.setdefault(s, set()).add(name)
    return out


_ROLE_NOUN_AFTER = re.compile(r"\s+(?:governor|mayor|minister|president|police|prosecutor|spokes\w+|chief|head|"
                              r"officials?|authorities)\b")
_MEDIA_NOUN_AFTER = re.compile(r"\s+(?:television|tv|radio|newspaper|news\s+agency|channel|broadcaster|daily|"
                               r"website|magazine)\b", re.I)
_NICKNAMED = re.compile(rf"({TOK})\s+[“\"]([A-Z][\w’' -]{{1,20}})[”\"]\s+({TOK})")
_KNOWN_AS = re.compile(r"(?:,|\b(?:states|countries|powers|nations|groups|parties|members))\s+(?:collectively\s+)?"
                       r"(?:known as|dubbed)\s+(?:the\s+)?(?P<name>[A-Z][A-Za-z0-9-]{1,15}(?:\s+[A-Z][A-Za-z0-9-]+){0,3})")
_FEATURE_END = re.compile(r"\s(?:Sea|Ocean|Strait|Straits|Gulf|Bay|River|Lake|Mountains|Desert|Peninsula|Islands?|"
                          r"Shoal|Reef|Valley|Basin|Delta|Canal|Channel)$")
_TWO_WORDS = re.compile(rf"(?<![\w’'-]){TOK}\s{TOK}(?![\w-]|\s[{UP}])")
_CREDIT_BEFORE = re.compile(r"(?:[A-Za-z]\s*/\s*|\b(?:Photo|Photograph|Picture|Image|Credit)s?\s*:\s*)$")
_CREDIT_AFTER = re.compile(r"\s*/\s*[A-Z]{2,}|\s*\((?:AP|AFP|Reuters|EPA|Getty)\b")
_MADE_BEFORE = re.compile(r"-(?:made|built|designed|supplied)\s+$")
_CAP_BEFORE = re.compile(rf"[{UP}][\w’'-]*\s+$")
_CAP_AFTER = re.compile(rf"\s+[{UP}]")


# A people, not a body: "the Druze-majority city", "Bedouin clans", "the Alawite community"
_PEOPLE_USE = re.compile(r"\b([A-Z][a-z]+)(?:-(?:majority|dominated|populated|inhabited)\b|\s+(?:community|communities|"
                         r"minority|minorities|tribes?|tribal|clans?|population|villagers|tribesmen|homeland)\b)")


def _peoples(sentences: list[str]) -> frozenset[str]:
    """Words an article uses for peoples (ethnic or religious groups), folded."""
    return frozenset(fold_key(m.group(1)) for s in sentences for m in _PEOPLE_USE.finditer(s))


_SAYS_AFTER = re.compile(r"\s+(?:said|says|told|tells|added|wrote|insisted|denied|warned)\b|,\s+(?:a|an)\s+(?:former\s+)?[a-z]")


def _lone_names(sentences: list[str]) -> dict[str, int]:
    """Capitalised words that stand alone in the article, not at a sentence's start nor next to another
    capitalised word (folded -> how often): the surnames a news story names people by after the
    first mention."""
    out: dict[str, int] = {}
    for s in sentences:
        for m in _LONE_TOKEN.finditer(s):
            a, b = m.start(), m.end()
            if (a == 0 or s[max(0, a - 2):a] in (". ", "“", '"')) and not _SAYS_AFTER.match(s, b):
                continue  # (a sentence's first word is a name when it speaks: "Zodelava said …")
            if _CAP_BEFORE.search(s, max(0, a - 25), a) or _CAP_AFTER.match(s, b):
                continue
            key = fold_key(m.group(1))
            out[key] = out.get(key, 0) + 1
    return out


def _discover(sentences: list[str], source: str, seed_index: int, builtin_keys: set[str],
              english: bool = True) -> list[Candidate]:
    """Candidates by title, apposition, speech verb and name shape; those by an English name's shape
    or English words around it (the surname used alone, a state's organs, armed groups) in English
    articles only: other languages capitalise nouns or inflect names."""
    out: list[Candidate] = []
    # The world's given names in English; the region's own in its languages, which capitalise nouns
    # that the world's list holds as names.
    given = gz.given_names() if english else gz.regional_given_names()
    peoples = _peoples(sentences) if english else frozenset()

    def add(c: Candidate) -> None:
        if peoples and fold_key(c.name.split()[-1]) in peoples and (c.kind == "person" or " " not in c.name):
            return  # "Druze fighters", "Sunni Bedouin": a people the article names as one ("Bedouin clans")
        organ = _STATE_ORGAN_RX.fullmatch(c.name) if c.kind == "organization" and not c.seen_as else None
        if organ:  # "China Coast Guard (CCG)": the organ, however found
            state = _demonyms().get(fold_key(re.sub(r"['’]s$", "", organ.group("owner"))), "")
            if state:
                name, seen_as = _organ_name(organ.group("owner"), organ.group("organ"), state)
                c = replace(c, name=name, seen_as=seen_as, affiliation=c.affiliation or state)
        if c.kind != "person" and _FEATURE_END.search(c.name):
            return  # "South China Sea", "Scarborough Shoal": a place
        if c.kind != "person" and " and the " in c.name:
            # "Ta'ang National Liberation Army and the Myanmar National Democratic Alliance Army": two bodies
            for i, part in enumerate(c.name.split(" and the ")):
                if len(part.split()) >= 2 and _ORG_WORD_IN.search(part) and fold_key(part) not in builtin_keys:
                    out.append(replace(c, name=part, acronym="", order=c.order + (i,)))
            return
        if c.kind != "person" and " and " in c.name:
            left, _, right = c.name.partition(" and ")
            if re.search(r"['’]s\s", right):
                # "Party of Socialists and Vladimir Voronin's Communists": the second is its owner's body
                if len(left.split()) >= 2 and _ORG_WORD_IN.search(left) and fold_key(left) not in builtin_keys:
                    out.append(replace(c, name=left, acronym=""))
                return
            if fold_key(left) in builtin_keys or fold_key(right) in builtin_keys or \
                    fold_key(right.split()[0]) in builtin_keys or fold_key(left.split()[-1]) in builtin_keys:
                return
            if re.fullmatch(r"[A-Z0-9&-]{2,8}", left):  # "the RJD and Congress": two bodies, the first by its acronym
                out.append(replace(c, name=left, acronym=""))
                if len(right.split()) >= 2 and _ORG_WORD_IN.search(right):
                    out.append(replace(c, name=right, acronym="", order=c.order + (1,)))
                return
        out.append(c)

    acronym_counts: dict[str, int] = {}
    # A list of results (two or more "Name (Party): 19.8 percent"), anywhere in the article.
    results_listed = english and sum(len(_CANDIDATE_PARTY.findall(x)) for x in sentences
                                     if "(" in x and ("percent" in x or "%" in x)) >= 2
    surnames = _lone_names(sentences) if english else None
    repeated_pairs = _repeated_pairs(sentences) if english else {}
    for si, s in enumerate(sentences):
        base = (seed_index, si)
        last_person_role: tuple[str, str] | None = None
        # 1. Title before a name.
        for m in title_matches(s):
            name = _trim_name(m.group("name"))
            if not _name_ok(name, builtin_keys, titled=True):
                continue
            title = m.group("title")
            qual = m.group("qual") or ""
            state = ""
            if qual:
                state = _state_of(qual)
            if not state and m.group("of"):
                state = _state_of(m.group("of").strip())
            if not state:
                # "the president of Bosnia's Serb Republic" style handled by appositions.
                pre = s[max(0, m.start() - 30):m.start()]
                pm = _POSSESSIVE_END.search(pre)
                if pm:
                    state = _state_of(pm.group(1))
            role = _role_string(title, state)
            add(Candidate(name, "person", role, state, evidence=s, source=source, order=base + (m.start(),)))
            if m.group("name2") and s[m.end("title"):m.end("title") + 1] == "s":
                name2 = _trim_name(m.group("name2"))
                if _name_ok(name2, builtin_keys):
                    add(Candidate(name2, "person", _role_string(title, ""), "", evidence=s, source=source,
                                  order=base + (m.start("name2"),)))
            last_person_role = (canonical_title(title), state)
        for m in (_COUNTERPART_RX.finditer(s) if "counterpart" in s else ()):
            name = _trim_name(m.group("name"))
            if not _name_ok(name, builtin_keys):
                continue
            state = _state_of(m.group("qual"))
            role = f"{last_person_role[0]} of {state}" if last_person_role and last_person_role[0] and state else ""
            add(Candidate(name, "person", role, state, evidence=s, source=source, order=base + (m.start(),)))
        # 2. Appositions: "Name, a Researcher at the Org" / "Name, the president of X".
        gates = _gates_of(s)
        for m in (_APPOS_RX.finditer(s) if "," in s else ()):
            name = _trim_name(m.group(1))
            role_text = m.group("role").strip()
            if not APPOS_ROLE_WORDS.search(role_text) or not _name_ok(name, builtin_keys) \
                    or re.match(r"(?:who|whose|which|whom)\b", role_text, re.I):
                continue  # ("Ahmed al-Sharaa, who served as president,": a clause about him, no role)
            if len(role_text.split()) > 14:
                continue
            aff = ""
            am = _APPOS_AFF_RX.search(role_text)
            if am:
                aff = am.group(1).strip()
            role = role_text[:1].upper() + role_text[1:]
            add(Candidate(name, "person", role, aff, evidence=s, source=source, order=base + (m.start(),)))
        for m in (_ROLE_APPOS_RX.finditer(s) if _maybe_role_appos(s) else ()):
            name = _trim_name(m.group("name"))
            if not _name_ok(name, builtin_keys) or not name[:1].isupper():
                continue
            role_text = m.group("role").strip()
            if role_text.lower().startswith("the "):
                role_text = role_text[4:]
            add(Candidate(name, "person", role_text[:1].upper() + role_text[1:], "", evidence=s, source=source,
                          order=base + (m.start(),)))
        # 2b. A role given with "as": "the tenure of Budi Gunawan as coordinating minister".
        for m in (_AS_ROLE_RX.finditer(s) if " as " in s else ()):
            name = _trim_name(m.group("name"))
            if _name_ok(name, builtin_keys) and not _PLACE_BEFORE.search(s, max(0, m.start() - 12), m.start()):
                role = m.group("role")
                add(Candidate(name, "person", role[:1].upper() + role[1:], "", evidence=s, source=source,
                              order=base + (m.start(),), strong=True))
        # 3. Speech verbs.
        for rxs in ((SPEECH_AFTER_RX, SPEECH_BEFORE_RX) if "speech" in gates else ()):
            for m in rxs.finditer(s):
                name = _trim_name(m.group(1))
                if _ORG_WORD_IN.fullmatch(m.group(1).split()[-1]) or _ORG_WORD_NEXT.match(s, m.end(1)):
                    continue  # "International Atomic Energy Agency said": a body, not a person
                if _PLACE_BEFORE.search(s, max(0, m.start(1) - 12), m.start(1)) \
                        or re.search(r"\s(?:on|in|at|to)\s+$", s[max(0, m.start(1) - 5):m.start(1)]) \
                        or (name and fold_key(name.split()[0]) in _PLACE_FIRST) or _ROLE_NOUN_AFTER.match(s, m.end(1)):
                    continue  # "Activists in El Fasher said", "said on Truth Social", "said Norte de
                    # Santander governor William Villamizar": where, not who
                if _name_ok(name, builtin_keys):
                    add(Candidate(name, "person", "", "", evidence=s, source=source, order=base + (m.start(),),
                                  strong=True))
        # 3b. The name a speech verb's subject begins with, wherever the verb stands ("Amany
        # al-Tayeb Dawood, uprooted for the second time, says").
        for start, name in (_speaker_names(s) if english and "speech" in gates else ()):
            if _name_ok(name, builtin_keys):
                add(Candidate(name, "person", "", "", evidence=s, source=source, order=base + (start,), strong=True))
        # 4. Name shape: with a common given name, or (English) with the surname used again alone
        # ("Olivier Nduhungirehe ... Nduhungirehe said"), whatever the given name, where the full
        # name is not a place.
        for m in NAME_RX.finditer(s):
            name = _trim_name(m.group(0), strict=english)
            toks = name.split()
            if len(toks) < 2 or _ORG_WORD_NEXT.match(s, m.end()):
                continue  # (not the first words of an organisation: "Marko Polo Institute")
            if fold_key(toks[0]) in _PLACE_FIRST or _PLACE_BEFORE.search(s, max(0, m.start() - 12), m.start()) \
                    or _CREDIT_AFTER.match(s, m.end()) or _CREDIT_BEFORE.search(s, max(0, m.start() - 14), m.start()) \
                    or _PLACE_NOUN_AFTER.match(s, m.end()):
                continue  # "San Francisco", "in Santa Cruz": a place; "Evaristo Sá/AFP": a photo's credit
            if any(_is_demonym(t) or _is_demonym(t[:-1]) for t in toks[1:]) or toks[-1] in _MEDIA_ENDS \
                    or _MEDIA_NOUN_AFTER.match(s, m.end()):
                continue  # "No Australians", "Asia Daily", "Al Masirah television": not a person's name
            if fold_key(toks[0]) in given or (len(toks) >= 3 and fold_key(toks[1]) in given):
                pass  # ("Asep Edi Suheri": a given name the world's list holds, after one it does not)
            elif english and (_PERSON_AFTER.match(s, m.end()) or _PERSON_BEFORE.search(s, max(0, m.start() - 30),
                                                                                         m.start())):
                pass  # "Einav Zangauker, whose son …", "Najlaa Ahmed, 25,", "survivor Najlaa Ahmed"
            elif surnames is None or surnames.get(fold_key(re.sub(r"^(?:al|el)-", "", toks[-1])), 0) < 1 \
                    or fold_key(toks[0]) in _PLACE_FIRST \
                    or _PLACE_BEFORE.search(s, max(0, m.start() - 12), m.start()):
                continue
            if _name_ok(name, builtin_keys):
                add(Candidate(name, "person", "", "", evidence=s, source=source, order=base + (m.start(),),
                              strong=False))
        # 5. Organisations defined with an acronym.
        for m in (ACRONYM_DEF_RX.finditer(s) if "(" in s else ()):
            if m.group(1).split()[-1][:1].islower() and not _ACR_LOCAL_CONN_RX.search(m.group(1)):
                continue  # a lower-case last word only in a name with a local connecting word
            full = _trim_org(m.group(1))
            acr = m.group("acr").strip()
            if not full or len(full.split()) < 2 or fold_key(full) in builtin_keys:
                if fold_key(full) in builtin_keys:
                    continue
                if not full:
                    continue
            kind = _org_kind(full)
            add(Candidate(full, kind, "", _org_affiliation(full), acronym=acr, evidence=s, source=source,
                          order=base + (m.start(),)))
        # 6. Organisation names.
        for m in (ORG_RX.finditer(s) if "org" in gates else ()):
            words = m.group(1).split()
            if len(words) > 1 and _is_demonym(words[-1]) and re.match(r"\s+[a-z]", s[m.end(1):]):
                continue  # "Congress and the Ecuadorean embassy": the demonym qualifies a noun after it
            named = _without_members(_trim_org(m.group(1)), given)
            at = s.find(named[0], m.start()) if named[0] else -1
            if at >= 0 and _ABOARD.search(s, max(0, at - 12), at):
                continue  # "aboard Air Force One": a vehicle
            if at >= 0 and len(named) == 1 and _MINISTER_AFTER.match(s, at + len(named[0])):
                continue  # "Territorial Administration Minister Ibrahima Kalil Conde": a minister's title
            for i, full in enumerate(named):
                if not full or len(full.split()) < 2 or fold_key(full) in builtin_keys or not _ORG_WORD_IN.search(full):
                    continue
                add(Candidate(full, _org_kind(full), "", _org_affiliation(full),
                              acronym=(m.group("acr") or "").strip() if len(named) == 1 else "",
                              evidence=s, source=source, order=base + (m.start(), i)[:2 if len(named) > 1 else 1]))
        # 7. Companies and media.
        for m in (COMPANY_RX.finditer(s) if "company" in gates else ()):
            for g in (1, 2):
                if g == 1 and "body" in gates and _BODY_NOUN_BEFORE.search(s, 0, m.start(1)):
                    continue  # "the rights group Odhikar": a body, found below
                full = _trim_org(m.group(g) or "")
                if full and fold_key(full) not in STOP_TOKENS and fold_key(full) not in builtin_keys:
                    add(Candidate(full, "company", "", "", evidence=s, source=source, order=base + (m.start(g),)))
        for m in (BODY_RX.finditer(s) if "body" in gates else ()):
            full = _trim_org(m.group(1))
            if _new_body_name(full, builtin_keys) and not _PLACE_NOUN_AFTER.match(s, m.end(1)) \
                    and not re.match(rf"\s+(?:the|of|for|and)\s+[{UP}]", s[m.end(1):]):  # ("Save the Children": cut)
                add(Candidate(full, "organization", "", "", evidence=s, source=source, order=base + (m.start(1),)))
        # 8. Acronyms used twice or more that nothing defines (party and agency names: "VMRO-DPMNE").
        for m in _ACRONYM_RX.finditer(s):
            acr = m.group(1)
            if acr in _ACRONYM_STOP or fold_key(acr) in builtin_keys:
                continue
            if acr not in acronym_counts:
                acr_rx = re.compile(rf"(?<![\w-]){re.escape(acr)}(?![\w-])")
                acronym_counts[acr] = sum(1 for x in sentences if acr in x and acr_rx.search(x))
            if acronym_counts[acr] >= 2 and not s.isupper():
                add(Candidate(acr, "organization", "", "", evidence=s, source=source, order=base + (m.start(),),
                              strong=False))
        # 9. A state's organs by their shape ("Sudanese Armed Forces", "Brazilian foreign ministry",
        # "Gaza Health Ministry"), with the state as affiliation.
        low = s.lower() if english else ""
        for m in (_STATE_ORGAN_RX.finditer(s) if english and _ORGAN_HINTS.search(low) else ()):
            owner, organ = m.group("owner"), m.group("organ")
            # A ministry is a government's whoever owns it: "Gaza's health ministry", "the Taliban
            # defence ministry" (a territory's, a movement's), not only a state's.
            ministry = "inistry" in organ and organ[:1].islower()
            if fold_key(owner.split()[0]) in STOP_TOKENS:
                rest = owner.split()[1:]
                if not rest or not (_demonyms().get(fold_key(re.sub(r"['’]s$", "", rest[0]))) or ministry):
                    continue  # "The High Constitutional Court": the whole name is found as an organisation
                owner = rest[0]  # "The Chinese embassy"
            bare = re.sub(r"['’]s$", "", owner)
            state = _demonyms().get(fold_key(bare), "")
            if not state and ministry and fold_key(bare) not in STOP_TOKENS and fold_key(bare) not in given:
                full, seen_as = f"{bare} {organ.title()}", f"{owner} {organ}"  # (as written, for its mentions)
            elif not state and (not organ[:1].isupper() or fold_key(bare) in STOP_TOKENS):
                continue  # "the military": a state's organ only when the state is named
            else:
                full, seen_as = _organ_name(owner, organ, state)
            if fold_key(full) not in builtin_keys:
                add(Candidate(full, "organization", "", state, evidence=s, source=source, order=base + (m.start(),),
                              seen_as=seen_as))
        # 11. Names that act as bodies: "Hamas-run ministry", "Hamas's chief negotiator", where the
        # name is used alone elsewhere in the article too.
        for rx in ((_BODY_LED, _BODY_OWNS) if english and _BODY_HINTS.search(low) else ()):
            for m in rx.finditer(s):
                name = m.group("name")
                key = fold_key(name)
                if key in builtin_keys or key in STOP_TOKENS or key in _demonyms() or key in given \
                        or sum(x.count(name) for x in sentences) < 2:
                    continue
                add(Candidate(name, "organization", "", "", evidence=s, source=source, order=base + (m.start(),)))
        # 14. A person with a nickname between their names ("Jimmy “Barbecue” Chérizier").
        for m in (_NICKNAMED.finditer(s) if ("“" in s or '"' in s) else ()):
            name = f"{m.group(1)} {m.group(3)}"
            # (the quoted nickname is shape enough, whatever the given name: "Nasry “Tito” Asfura")
            if _name_ok(name, builtin_keys) and not _is_title_word(m.group(1)):
                add(Candidate(name, "person", "", "", evidence=s, source=source, order=base + (m.start(),)))
        # 13. A group the article names as such ("Britain, France and Germany, known as the E3").
        for m in (_KNOWN_AS.finditer(s) if english and ("known as" in s or "dubbed" in s) else ()):
            name = m.group("name")
            if fold_key(name) not in builtin_keys and fold_key(name) not in STOP_TOKENS \
                    and fold_key(name.split()[0]) not in given:
                add(Candidate(name, "organization", "", "", evidence=s, source=source, order=base + (m.start("name"),)))
        # 12. A name that holds a state's and is used as a whole again ("Air Canada"): a body of its own.
        for m in (_TWO_WORDS.finditer(s) if english and s in repeated_pairs else ()):
            name = m.group(0)
            if name not in repeated_pairs[s]:
                continue
            words = [fold_key(w) for w in name.split()]
            states = [w for w in words if w in _state_names()]
            before = s[:m.start()].split()[-1:]
            if before and before[0][:1].isupper() and fold_key(before[0]) not in _FUNCTION_WORDS:
                continue  # "South China Sea": the end of a longer name
            if len(states) != 1 or fold_key(name) in builtin_keys or any(
                    w in _FUNCTION_WORDS or w in _PLACE_FIRST or (w in given and w not in states)
                    or _is_title_word(w.capitalize())
                    or (w not in states and _demonyms().get(w)) for w in words) \
                    or _PLACE_NOUN_AFTER.match(s, m.end()) or sum(x.count(name) for x in sentences) < 2:
                continue
            add(Candidate(name, "company" if words[0] == "air" else "organization", "", "", evidence=s,
                          source=source, order=base + (m.start(),)))
        # 10. Armed and political groups by the words around their names ("M23 rebels", "the
        # militant group Hamas", "Tren de Aragua gang").
        for rx in ((_GROUP_BEFORE_RX, _GROUP_AFTER_RX, _GROUP_APPOS_RX, _MEMBERS_PARTY_RX)
                   if english and _GROUP_HINTS.search(low) else ()):
            for m in rx.finditer(s):
                if re.search(r"['’]s?$", m.group("name")) or rx in (_GROUP_BEFORE_RX, _GROUP_APPOS_RX) and (
                        _person_shaped(m.group("name"), given) or _ADJECTIVE_SHAPED.fullmatch(m.group("name"))):
                    continue  # "Khan's party", "the Bernie Sanders movement", "Shiite factions": no group's name
                full = _without_members(_trim_org(m.group("name"), grouped=True), given)[-1]
                key = fold_key(full)
                if not full or key in builtin_keys or key in STOP_TOKENS or key in _demonyms() or full.isdigit() \
                        or _COUNT_FIRST.match(full) \
                        or re.match(r"[A-Z][A-Za-z]*-\d", full) or _MADE_BEFORE.search(s, 0, m.start("name")):
                    continue  # (nor a model of aircraft: "MiG-29 fighters", "French-made Rafale fighters")
                if " " not in full and s.lstrip().startswith(full) and sum(x.count(full) for x in sentences) < 2:
                    continue  # "Prominent gang leader …": a word opening the sentence, not a name
                add(Candidate(full, "organization", "", "", evidence=s, source=source, order=base + (m.start("name"),)))
                if rx is _GROUP_BEFORE_RX and _GROUPS_AFTER.match(s, m.end("name")):
                    # "the Lashkar-e-Taiba and Jaish-e-Mohammed militant groups": the first is one too
                    first = _FIRST_OF_TWO.search(s, max(0, m.start("name") - 60), m.start("name"))
                    name = _trim_org(first.group("name"), grouped=True) if first else ""
                    if _new_body_name(name, builtin_keys) and not _person_shaped(name, given):
                        add(Candidate(name, "organization", "", "", evidence=s, source=source,
                                      order=base + (first.start("name"),)))
        for m in (_AND_PARTY_RX.finditer(s) if english and " party" in s else ()):
            name = m.group("name")
            if fold_key(name) not in builtin_keys and not any(fold_key(w) in builtin_keys for w in name.split(" and ")):
                add(Candidate(name, "organization", "", "", acronym=m.group("acr") or "", evidence=s, source=source,
                              order=base + (m.start("name"),)))
        # 10b. Bodies by what is told of them: a share of the vote in a list of results ("the Motorists
        # for Themselves 6.8 percent, ... Democracy at Home with 5.62 percent"), a leader ("Democracy
        # at Home, led by Vasile Costiuc").
        shares = list(_SHARE_OF_NAME.finditer(s)) if english and ("percent" in s or "%" in s) else []
        for m in (shares if len(shares) >= 2 else []) + (list(_LED_BY.finditer(s)) if english and " led by " in s else []):
            full = _trim_org(m.group("name"), grouped=True)
            if not _new_body_name(full, builtin_keys) or fold_key(full) in given or _person_shaped(full, given) \
                    or _FEATURE_END.search(" " + full):
                continue
            add(Candidate(full, "organization", "", "", evidence=s, source=source, order=base + (m.start("name"),),
                          strong=False))
        # 10c. Candidates and their parties in a list of results: "Samuel Doria Medina (Unidad): 19.8 percent".
        for m in (_CANDIDATE_PARTY.finditer(s) if results_listed and "(" in s else ()):
            person, party = _trim_name(m.group("person")), m.group("party")
            if _name_ok(person, builtin_keys):
                add(Candidate(person, "person", "", "", evidence=s, source=source, order=base + (m.start("person"),),
                              strong=False))
            if _new_body_name(party, builtin_keys) and fold_key(party) not in given:
                add(Candidate(party, "organization", "", "", evidence=s, source=source, order=base + (m.start("party"),),
                              strong=False))
        for rxm in (rx for rx, g in ((MEDIA_RX, "media"), (MEDIA_RX2, "media2")) if g in gates):
            for m in rxm.finditer(s):
                for g in range(1, (m.re.groups or 1) + 1):
                    full = _trim_org(m.group(g) or "")
                    if full and fold_key(full) not in STOP_TOKENS and fold_key(full) not in _demonyms():
                        add(Candidate(full, "media", "", "", evidence=s, source=source, order=base + (m.start(g),)))
        for m in (_MEDIUM_AFTER_RX.finditer(s) if english and _MEDIUM_HINT.search(s) else ()):
            full = _trim_org(m.group(1))
            if full and fold_key(full) not in builtin_keys and fold_key(full) not in _demonyms() \
                    and fold_key(full) not in STOP_TOKENS:
                add(Candidate(full, "media", "", "", evidence=s, source=source, order=base + (m.start(1),)))
        for m in (MEDIA_NAME_RX.finditer(s) if english and any(w in s for w in _MEDIA_ENDS) else ()):
            full = _trim_org(m.group(1))
            if full and len(full.split()) >= 2 and fold_key(full) not in builtin_keys:
                add(Candidate(full, "media", "", "", evidence=s, source=source, order=base + (m.start(1),)))
        for m in (DOMAIN_RX.finditer(s) if "domain" in gates else ()):
            add(Candidate(m.group(1), "media", "", "", evidence=s, source=source, order=base + (m.start(),)))
    if english:
        out.extend(_bodies_called_the(sentences, source, seed_index, builtin_keys))
        out.extend(_bodies_that_speak(sentences, source, seed_index, builtin_keys))
        out.extend(_owned_names_that_act(sentences, source, seed_index, builtin_keys))
        _whole_names(out, sentences, builtin_keys)
        _family_names_first(out, surnames)
    return _without_nicknamed(_without_titles_in_names(_without_cut_names(_without_weak_persons_named_as_bodies(out))),
                              sentences)


_CANDIDATE_PARTY = re.compile(rf"(?<![\w’'-])(?P<person>{NAME})\s+\((?P<party>[{UP}][\w'’.!-]*(?:\s+[{UP}][\w'’.!-]*){{0,3}})\)"
                              rf"\s*(?::|,|-|–|\s+(?:with|won|took|got|had))?\s*\d")
_THE_NAME_ACTS = re.compile(rf"(?<![\w’'-])[Tt]he\s+(?P<name>[{UP}][{LO}]{{3,}})(?:'s|’s)?\s+(?P<verb>[a-z]+)\b")
_ACTS_AUX = frozenset("has had have will would could can may might must should".split())


def _bodies_called_the(sentences: list[str], source: str, seed_index: int, builtin_keys: set[str]
                       ) -> list[Candidate]:
    """Bodies the article calls by a name with "the" and that act: "the Taliban blamed", "the
    Tatmadaw will continue", "the Knesset voted" (a word no common word nor a title, state or given
    name); "the Federal Reserve raised its key rate" (words a sentence does not begin with are
    capitalised only in a name, and "the" makes it a thing, not a person). The article uses the name
    at least twice."""
    out: list[Candidate] = []
    seen: set[str] = set()
    text = "\n".join(sentences)
    for si, s in enumerate(sentences):
        if "he " not in s:
            continue
        for m in [*_THE_NAME_ACTS.finditer(s), *_THE_NAMES_ACT.finditer(s)]:
            name, verb = m.group("name"), m.group("verb")
            reading = verb_reading(verb)
            if name in seen or not (verb in _ACTS_AUX or reading and not reading[1].endswith("?")):
                continue
            if not (_unknown_proper_word(name, builtin_keys) if " " not in name
                    else _institution_acts(name, verb, reading, s[m.end():], builtin_keys)) \
                    or len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)) < 2:
                continue
            seen.add(name)
            out.append(Candidate(name, "organization", "", "", evidence=s, source=source,
                                 order=(seed_index, si, m.start("name")), strong=False))
    return out


def _institution_acts(name: str, verb: str, reading: tuple[str, str] | None, after: str,
                      builtin_keys: set[str]) -> bool:
    """Whether "the <name> <verb>" is an institution that acts: it says, or acts on what is its own
    ("raised its rate"; a ship only moves). Not a place ("the West Bank"), nor a name with an
    organisation's word (found by its shape), a title or a state's word in it."""
    if not (reading and reading[0] in SPEECH_LEMMAS or _ITS_AFTER.match(after)):
        return False
    key = fold_key(name)
    return not (key in builtin_keys or key in STOP_TOKENS or verb in _BE
                or any(_ORG_WORD_IN.fullmatch(w) or _is_title_word(w) or fold_key(w) in builtin_keys
                       or _is_demonym(w) or fold_key(w) in _CALENDAR or fold_key(w) in _PLACE_HEADS
                       for w in name.split()))


_BE = frozenset("is are was were be been being".split())
_ITS_AFTER = re.compile(r"(?:\s+[a-z]+){0,2}?\s+its\b")
_CALENDAR = frozenset(("monday tuesday wednesday thursday friday saturday sunday january february march april may "
                       "june july august september october november december").split())
# The words a place's name is made of ("the West Bank", "the Red Sea", "the Gaza Strip").
_PLACE_HEADS = frozenset(("north south east west middle far near upper lower sea bank strip valley river gulf coast "
                          "island islands mountains hills desert peninsula basin ocean lake province region street "
                          "square avenue road bridge airport station border corridor horn").split())
_THE_NAMES_ACT = re.compile(rf"(?<![\w’'-])[Tt]he\s+(?P<name>[{UP}][{LO}]{{2,}}(?:\s+[{UP}][{LO}]{{2,}}){{1,3}})"
                            r"\s+(?P<verb>[a-z]+)\b")


# A body described by its owner rather than named, that speaks or acts for itself: "Prime Minister
# Benjamin Netanyahu's office said", "A Turkish court ordered", "Gaza's health authorities say",
# "The Istanbul governor's office has extended". Its owner is a state (by name or demonym), a name
# with "'s", or a place before a lower-case description.
_BODY_HEADS = (r"office|ministry|court|tribunal|government|authorities|presidency|press\s+service|commission|"
               r"council|committee|junta|cabinet|embassy|prosecutors?|state\s+media|leadership|regulator")
_BODY_ACTS = (rf"(?:{_BODY_HEADS})(?:\s+(?:has|have|had|also|later|then|previously|earlier|on\s+\w+day))?"
              rf"\s+(?:{SPEECH_VERBS}|say|ordered|ruled|rejected|issued|published|reported|estimated|quoted|extended|"
              rf"banned)\b")
_OWNER = rf"(?P<owner>(?:{TOK}\s+){{0,3}}{TOK})(?P<poss>'s|’s)?\s+"
_DESCRIBED = r"(?:[a-z]+(?:'s|’s)?\s+){0,2}?"  # "health", "governor's", "presidential press"
_OWNED_BODY_ACTS = re.compile(rf"(?<![\w’'-]){_OWNER}(?P<body>{_DESCRIBED}(?={_BODY_ACTS})(?:{_BODY_HEADS}))")
_ACCORDING_TO_BODY = re.compile(rf"\b(?:[Aa]ccording\s+to|[Cc]iting)\s+(?:the\s+)?{_OWNER}"
                                rf"(?P<body>{_DESCRIBED}(?:{_BODY_HEADS}))\b")


def _bodies_that_speak(sentences: list[str], source: str, seed_index: int, builtin_keys: set[str]) -> list[Candidate]:
    """Bodies the article describes by their owner and lets speak or act (_OWNED_BODY_ACTS): named
    as a state's organ ("Turkish court") or as written ("Gaza's health authorities")."""
    out: list[Candidate] = []
    for si, s in enumerate(sentences):
        if not _BODY_HEAD_WORD.search(s) or not _BODY_HEAD_HINT.search(s):
            continue
        for m in [*_OWNED_BODY_ACTS.finditer(s), *_ACCORDING_TO_BODY.finditer(s)]:
            c = _owned_body(m, builtin_keys)
            if c is not None:
                out.append(replace(c, evidence=s, source=source, order=(seed_index, si, m.start())))
    return out


def _owned_names_that_act(sentences: list[str], source: str, seed_index: int,
                          builtin_keys: set[str]) -> list[Candidate]:
    """A name the article gives as someone's, that then acts like a body ("Milei's La Libertad Avanza
    won", "Kicillof's Fuerza Patria took"): a party or a movement, whatever its language, when its
    words are proper names only (no common word, given name, state or title: not "Trump's Steve
    Witkoff", "Putin's Russia")."""
    out: list[Candidate] = []
    for si, s in enumerate(sentences):
        if "'s " not in s and "’s " not in s:
            continue
        for m in _OWNED_NAME_ACTS.finditer(s):
            words = m.group("name").split()
            proper = [w for w in words if w not in _NAME_ARTICLES]
            if proper and all(_unknown_proper_word(w, builtin_keys) for w in proper) \
                    and not _names_someone(m.group("owner")):
                out.append(Candidate(m.group("name"), "organization", "", "", evidence=s, source=source,
                                     order=(seed_index, si, m.start("name"))))
    return out


# Articles a party's name may open with in its own language ("La Libertad Avanza", "Il Popolo").
_NAME_ARTICLES = frozenset("La El Los Las Le Les Il Die Der Das De".split())
_OWNED_NAME_ACTS = re.compile(rf"(?<![\w’'-])(?P<owner>{TOK})(?:'s|’s)\s+"
                              rf"(?P<name>(?:(?:La|El|Los|Las|Le|Les|Il|Die|Der|Das|De)\s+)?{TOK}(?:\s+{TOK}){{0,3}})"
                              r"(?:\s+(?:party|movement|coalition|alliance|bloc|list))?\s+(?:has\s+|had\s+|have\s+)?"
                              r"(?:won|took|secured|finished|came|lost|gained|swept|topped|led|said|announced|called|"
                              r"rejected|backed|formed|accused|denied)\b")


# The cheap tests before the long patterns: a body's word, then one that acts or is cited.
_BODY_HEAD_WORD = re.compile(rf"\b(?:{_BODY_HEADS})\b")
_BODY_HEAD_HINT = re.compile(rf"\b{_BODY_ACTS}|ccording\s+to|[Cc]iting")


def _owned_body(m: re.Match, builtin_keys: set[str]) -> Candidate | None:
    written = m.group("owner").split()
    while written and fold_key(written[0]) in ("the", "a", "an"):
        written = written[1:]
    toks = written
    while toks and (_is_title_word(toks[0]) or fold_key(toks[0]) in STOP_TOKENS):
        toks = toks[1:]  # "Prime Minister Benjamin Netanyahu's office": the person's
    if not toks or any(fold_key(t) in STOP_TOKENS for t in toks):
        return None
    owner, body, poss = " ".join(toks), re.sub(r"\s+", " ", m.group("body")), m.group("poss") or ""
    state = _demonyms().get(fold_key(owner), "")
    if state and fold_key(owner) not in _state_names() and not _demonym_of(state) \
            or state and body == "government":
        return None  # a capital or an alliance ("Brussels"); a state's government is the state's voice
    if state and body == "authorities":
        return None  # "Danish authorities said": a state's officials nobody names
    if state and (poss or fold_key(owner) == fold_key(_demonym_of(state))):
        name, seen_as = _organ_name(owner + poss, body, state)
    elif state:
        return None  # "the Vanuatu police": found as a state's organ
    else:
        name = f"{owner}{poss} {body}"
        seen_as = f"{' '.join(written)}{poss} {body}" if written != toks else ""  # with the owner's title
    if fold_key(name) in builtin_keys:
        return None
    return Candidate(name, "organization", "", state, seen_as=seen_as)


def _unknown_proper_word(word: str, builtin_keys: set[str]) -> bool:
    """Whether a capitalised word can only be a proper name the tool does not know: no common word,
    title, organisation word, month or day, state, demonym (singular or plural) or given name."""
    key = fold_key(word)
    singular = key[:-1] if key.endswith("s") else key
    return not (key in builtin_keys or key in STOP_TOKENS or _names_someone(word) or singular in _demonyms()
                or _is_title_word(word) or _ORG_WORD_IN.fullmatch(word)
                or common_word(key) or key in SURNAMES_THAT_ARE_WORDS)


def _new_body_name(name: str, builtin_keys: set[str]) -> bool:
    """Whether a name found as a body's is one to discover: not a built-in actor, a stop word, a state
    or its demonym."""
    key = fold_key(name)
    return bool(name) and key not in builtin_keys and key not in STOP_TOKENS and key not in _demonyms()


def _family_names_first(cands: list[Candidate], lone: dict[str, int]) -> None:
    """Mark the family name of people the article names by the first part of their name ("Lee said"
    of "Lee Jae-myung", "Gan said" of "Gan Yu"): that part stands alone in it, the last part never."""
    for c in cands:
        toks = c.name.split()
        if c.kind != "person" or len(toks) < 2 or re.fullmatch(PARTICLE, toks[0]) \
                or re.match(r"(?:al|el|ad|ash|as|an|ar|at|az|ud|ibn|abu|bin|ben)(?:-|$)", toks[1].lower()):
            continue  # ("Khalil al-Hayya": the particle's name is written last)
        first = fold_key(toks[0])
        last = fold_key(re.sub(r"^(?:al|el)-", "", toks[-1]))
        used = lone.get(first, 0)
        if used \
                and not lone.get(last, 0) and not lone.get(last.split("-")[0], 0):
            c.surname = toks[0]


_ADJECTIVE_SHAPED = re.compile(r"[A-Z][a-z]+(?:ite|ist|ian|ish|ese|ic|al)")


def _person_shaped(name: str, given) -> bool:
    """Two or three capitalised words, the first a given name: "Bernie Sanders", not "Sweden Democrats"."""
    toks = name.split()
    return 2 <= len(toks) <= 3 and fold_key(toks[0]) in given and all(t[:1].isupper() for t in toks)


def _without_weak_persons_named_as_bodies(cands: list[Candidate]) -> list[Candidate]:
    """A name taken for a person by its shape alone ("Red Cross": "Red" is a given name) that the
    article also names a body, an outlet or a group by is that body."""
    bodies = {fold_key(c.name) for c in cands if c.kind != "person"}
    return [c for c in cands if c.kind != "person" or c.strong or fold_key(c.name) not in bodies]


def _names_by_sentence(cands: list[Candidate], which) -> dict[tuple, list[str]]:
    """(article, sentence) -> " " + the names of the candidates `which` holds found there."""
    names: dict[tuple, list[str]] = {}
    for c in cands:
        if which(c):
            names.setdefault(c.order[:2], []).append(" " + c.name)
    return names


def _without_nicknamed(cands: list[Candidate], sentences: list[str]) -> list[Candidate]:
    """Without the persons found by a nickname and surname ("Tito Asfura") when the article gives the
    full name with the nickname between ("Nasry “Tito” Asfura"): one person, by the full name."""
    nicknamed = {fold_key(f"{m.group(2)} {m.group(3)}") for s in sentences if "“" in s or '"' in s
                 for m in _NICKNAMED.finditer(s)}
    if not nicknamed:
        return cands
    return [c for c in cands if c.kind != "person" or fold_key(c.name) not in nicknamed]


def _without_cut_names(cands: list[Candidate]) -> list[Candidate]:
    """Drop a body's name that is only the end of a longer one found in the same sentence
    ("Democratic Alliance Army" of "Myanmar National Democratic Alliance Army")."""
    longer = _names_by_sentence(cands, lambda c: c.kind != "person")
    return [c for c in cands if c.kind == "person"
            or not any(len(n) > len(c.name) + 1 and n.endswith(" " + c.name) for n in longer.get(c.order[:2], ()))]


def _without_titles_in_names(cands: list[Candidate]) -> list[Candidate]:
    """Drop a person's name that holds the end of a title before the name a title found in the same
    sentence ("Trade Penny Wong" of "Minister for Foreign Affairs and Trade Penny Wong")."""
    titled = _names_by_sentence(cands, lambda c: c.kind == "person" and c.role)
    return [c for c in cands if c.kind != "person" or c.role
            or not any(len(c.name) > len(n) and c.name.endswith(n) for n in titled.get(c.order[:2], ()))]


def _organ_name(owner: str, organ: str, state: str) -> tuple[str, str]:
    """(name, name as written) of a state's organ: "India's defence ministry" and "China Coast
    Guard" are the Indian defence ministry and the Chinese coast guard, one body however the
    article names its state."""
    written = f"{owner} {organ}"
    bare = re.sub(r"['’]s$", "", owner)
    demonym = _demonym_of(state) if state else ""
    if not state or fold_key(bare) == fold_key(demonym):
        return written, ""
    return f"{demonym or bare} {organ}", written


def _speaker_names(s: str) -> list[tuple[int, str]]:
    """(offset, name) of each person's name that is the whole head of a speech verb's subject in
    s: the words before the first comma, a name alone, not a body's ("Rapid Support Forces"), not
    a place's ("in El Fasher"), not an owner's ("Netanyahu's office")."""
    out = []
    for att in attributions(s):
        if att.subject is None or att.relative:
            continue
        lo, hi = att.subject
        head = s[lo:hi].split(",")[0].strip()
        lo += s[lo:hi].index(head) if head else 0
        if not NAME_RX.fullmatch(head) or _ORG_WORD_IN.search(head) \
                or _PLACE_BEFORE.search(s, max(0, lo - 12), lo) or re.match(r"['’]s\b", s[lo + len(head):]):
            continue
        name = _trim_name(head)
        if name == head:
            out.append((lo, name))
    return out


_LONG_NAME_RX = re.compile(rf"{TOK}(?:\s+(?:{PARTICLE}\s+){{0,2}}{TOK}){{1,6}}")


def _is_title_word(word: str) -> bool:
    """Whether a word is a title or a word of one ("President", "Presidents", "Minister")."""
    title_regex()
    forms = _TITLE_CACHE[1]
    return any(w in forms or w.capitalize() in forms or w.lower() in forms for w in (word, word.rstrip("s")))


def _whole_names(cands: list[Candidate], sentences: list[str], builtin_keys: set[str]) -> None:
    """A person found by the end of their name ("Kayikwamba Wagner said") takes the whole name the
    article gives elsewhere ("Thérèse Kayikwamba Wagner"): the longest name ending in the same words."""
    people = [c for c in cands if c.kind == "person"]
    if not people:
        return
    longer: dict[str, str] = {}
    ends = {c.name.split()[-1] for c in people}
    for s in sentences:
        if not any(e in s for e in ends):
            continue  # no name there ends as one of the people's
        for m in _LONG_NAME_RX.finditer(s):
            if m.group(0).split()[-1] not in ends:
                continue
            toks = _trim_name(m.group(0)).split()
            titled = [i for i, t in enumerate(toks) if _is_title_word(t)]
            if titled:  # "Foreign Minister Thérèse Kayikwamba Wagner": the name after the title
                toks = toks[titled[-1] + 1:]
            name = " ".join(toks)
            for i in range(1, len(toks) - 1):
                tail = " ".join(toks[i:])
                if _name_ok(name, builtin_keys) and len(name) > len(longer.get(fold_key(tail), "")):
                    longer[fold_key(tail)] = name
    for c in people:
        whole = longer.get(fold_key(c.name))
        if whole and not c.seen_as and not c.role:  # (a title found the name whole, where it ends)
            c.name = whole


# ------------------------------------------------------------------ titles in the region's languages

_LOCAL_RX: dict[str, re.Pattern] = {}


def _local_title_rx(lang: str) -> re.Pattern:
    rx = _LOCAL_RX.get(lang)
    if rx is None:
        alt = "|".join(re.escape(t.form) for t in gz.local_titles(lang))
        # Titles in any case ("Predsjednik Vlade", "predsjednik vlade"). Hungarian joins case endings
        # to the title ("elnökkel"); a German title may end a compound ("EU-Kommissionspräsidentin");
        # a title never starts inside a word.
        tail = r"\w*" if lang == "hu" else r"(?!\w)"
        before = r"(?<!\w)" if lang == "de" else r"(?<![\w-])"
        rx = _LOCAL_RX[lang] = re.compile(rf"{before}(?P<title>(?i:{alt})){tail}")
    return rx


_NEXT_TOKEN = re.compile(r"\s+([^\s,;:()“”\"„]+)")
_PREV_TOKEN = re.compile(r"([^\s,;:()“”\"„]+)\s+$")
_SQ_PARTICLES = frozenset({"i", "e", "te", "se"})
_NAME_AT = re.compile(rf",?\s+({NAME})")
_APPOS_BEFORE = re.compile(rf"({NAME}),\s+$")
_NAME_BEFORE = re.compile(rf"({NAME})\s+(?:([{LO}][\w-]*)\s+)?$")


def _local_title_candidates(s: str, lang: str, source: str, base: tuple, builtin_keys: set[str]) -> list[Candidate]:
    """People after (or, in Hungarian, before) a title of the article's language: "ministar odbrane
    Srbije Bratislav Gašić", "presidenti serb Aleksandar Vuçiq", "Ungarns Ministerpräsident Viktor
    Orbán", "Orbán Viktor miniszterelnök"."""
    out: list[Candidate] = []
    if not gz.local_titles(lang):
        return out
    roles = {fold_key(t.form): t for t in gz.local_titles(lang)}
    for m in _local_title_rx(lang).finditer(s):
        title = roles[fold_key(m.group("title"))]
        state = _local_qualifier_before(s, m.start(), lang)
        appos = _APPOS_BEFORE.search(s[max(0, m.start() - 80):m.start()]) if lang != "hu" else None
        appos_name = _plain_name(appos.group(1), lang) if appos is not None else ""
        if appos_name and _name_ok(appos_name, builtin_keys):
            # "Milojko Spajić, premijer Crne Gore": the state after the title.
            pos, state_after = m.end(), ""
            t = _NEXT_TOKEN.match(s, pos)
            if t is not None and lang == "sq" and fold_key(t.group(1)) in _SQ_PARTICLES:
                t = _NEXT_TOKEN.match(s, t.end())
            if t is not None:
                state_after = gz.local_demonym(lang, t.group(1)) or resolve_local(t.group(1), lang)
                if not state_after:
                    two = _NEXT_TOKEN.match(s, t.end())
                    if two is not None:
                        state_after = resolve_local(f"{t.group(1)} {two.group(1)}", lang)
            st = state_after or state
            role = f"{title.role} of {st}" if st and not title.role.endswith(st) else title.role
            c = Candidate(appos_name, "person", role, st, evidence=s, source=source, order=base + (m.start(),))
            c.sure = title.oblique  # "sa Milojkom Spajićem, premijerom Crne Gore"
            out.append(c)
            continue
        if lang == "hu":
            found = _hungarian_name(s, m, builtin_keys)
            if found is None:
                continue
            name, adj = found
            state = adj or state
            oblique = False
        else:
            pos = m.end()
            complement = []
            while True:
                t = _NEXT_TOKEN.match(s, pos)
                if t is None:
                    break
                tok = t.group(1)
                key = fold_key(tok)
                adj = gz.local_demonym(lang, tok)
                if adj:
                    state, pos = adj, t.end()
                    continue
                if lang == "sq" and key in _SQ_PARTICLES:
                    nxt = _NEXT_TOKEN.match(s, t.end())
                    if nxt is None:
                        break
                    body = resolve_local(nxt.group(1), lang)
                    if body:
                        state = body
                    else:  # a title's complement: "ministri (kroat) i Mbrojtjes"
                        complement.append(f"{tok} {nxt.group(1)}")
                    pos = nxt.end()
                    continue
                body = resolve_local(tok, lang) if tok[:1].isupper() else ""
                if not body and tok[:1].isupper():
                    two = _NEXT_TOKEN.match(s, t.end())
                    if two is not None:
                        body = resolve_local(f"{tok} {two.group(1)}", lang)
                        if body:
                            t = two
                if not body:
                    break
                state, pos = body, t.end()
            if complement:
                longer = roles.get(fold_key(" ".join([title.form.split()[0]] + complement)))
                if longer is not None:
                    title = longer
            name = _name_after(s, pos, lang)
            if not name:
                continue
            oblique = title.oblique
        if not _name_ok(name, builtin_keys):
            continue
        role = f"{title.role} of {state}" if state and not title.role.endswith(state) else title.role
        c = Candidate(name, "person", role, state, evidence=s, source=source, order=base + (m.start(),))
        c.sure = oblique
        out.append(c)
    return out


_RANKS = frozenset(fold_key(w) for w in "general generalmajor general-major pukovnik potpukovnik admiral "
                   "kontraadmiral major kapetan gjeneral gjeneralmajor kolonel tábornok altábornagy ezredes "
                   "Generalmajor Oberst Admiral".split())


_LOCAL_MEDIA_RX = re.compile(rf"(?<![\w-])(\w+)\s+([{UP}][\w.]+(?:\s+[{UP}][\w.]+)?)")


def _local_media(s: str, lang: str, source: str, base: tuple, builtin_keys: set[str]) -> list[Candidate]:
    """News outlets after a media noun of the article's language ("za televiziju Pink")."""
    nouns = gz.local_media_nouns(lang)
    out = []
    for m in _LOCAL_MEDIA_RX.finditer(s):
        if fold_key(m.group(1)) in nouns:
            name = m.group(2).rstrip(".")
            if fold_key(name) not in builtin_keys and not resolve_local(name, lang) and not _stop(name.split()[0]):
                out.append(Candidate(name, "media", "", "", evidence=s, source=source, order=base + (m.start(2),)))
    return out


def _plain_name(words: str, lang: str) -> str:
    """The person's name at the end of capitalised words that may start with a title and what it
    is of ("Predsjednik Skupštine Andrija Mandić" -> "Andrija Mandić")."""
    toks = _trim_name(words).split()
    title_words = _local_title_words(lang)
    heads = gz.local_org_heads(lang)
    while len(toks) > 2 and (fold_key(toks[0]) in title_words or fold_key(toks[0]) in heads
                             or resolve_local(toks[0], lang)):
        toks = toks[1:]
    if any(fold_key(t) in title_words or fold_key(t) in heads or resolve_local(t, lang) for t in toks):
        return ""
    return " ".join(toks)


_TITLE_WORDS: dict[str, frozenset[str]] = {}


def _local_title_words(lang: str) -> frozenset[str]:
    words = _TITLE_WORDS.get(lang)
    if words is None:
        words = _TITLE_WORDS[lang] = frozenset(fold_key(w) for t in gz.local_titles(lang) for w in t.form.split())
    return words


_PREPOSITIONS = frozenset("za u pri iz na kod sa in ne per nga bei fur zu im am der des".split())
_CONJUNCTIONS = frozenset("i dhe und es".split())


def _name_after(s: str, pos: int, lang: str) -> str:
    """The person named after a title and its complements: "Milan Mojsilović" in "načelnik
    Generalštaba Vojske Srbije general Milan Mojsilović", "Filip Ivanović" in "potpredsjednik Vlade
    za vanjsku i evropsku politiku Filip Ivanović". A name whose first word is a given name (or an
    inflected one) wins over capitalised words that name something else."""
    first = ""
    heads = gz.local_org_heads(lang)
    in_complement = False
    for _ in range(8):
        nm = _NAME_AT.match(s, pos)
        if nm is not None:
            name = _trim_name(nm.group(1))
            toks = name.split()
            if len(toks) >= 2 and not any(resolve_local(t, lang) or fold_key(t) in heads for t in toks):
                head = toks[0].split("-")[0]
                given = gz.regional_given_names()
                if fold_key(head) in given or (lang == "sh" and any(fold_key(x) in given for x in token_lemmas(head))):
                    return name
                first = first or name
        t = _NEXT_TOKEN.match(s, pos)
        if t is None:
            break
        word = t.group(1)
        key = fold_key(word)
        if key in _PREPOSITIONS or key in heads:
            # "za vanjsku i evropsku politiku", "u Beogradu", "Saveta bezbednosti Rusije"
            in_complement = True
        elif not (word[:1].isupper() or key in _RANKS or (in_complement and (word.islower() or key in _CONJUNCTIONS))):
            break
        pos = t.end()
    return first


_SH_WORD = r"[\w’'-]+"
_SH_ORG: list = []
_SH_ADJ_ENDINGS = ("oga", "omu", "ome", "og", "om", "oj", "ih", "im", "e", "u", "a", "o", "i")
_SH_NOMINATIVE_ADJ = {"f": "a", "n": "o", "m": "i"}


def _sh_org_rx() -> re.Pattern:
    if not _SH_ORG:
        heads = sorted({h for h in gz.local_org_heads("sh")}, key=lambda h: (-len(h), h))
        alt = "|".join(re.escape(h) for h in heads)
        _SH_ORG.append(re.compile(
            rf"(?<![\w-])(?P<name>(?:[{UP}]{_SH_WORD}\s+)?(?:[{LO}]{_SH_WORD}\s+){{0,3}}?"
            rf"(?P<head>(?i:{alt}))(?!\w)(?P<of>(?:\s+(?:[{UP}]{_SH_WORD}|i)){{0,3}}))"))
    return _SH_ORG[0]


def _sh_organisations(s: str, source: str, base: tuple, builtin_keys: set[str]) -> list[Candidate]:
    """Organisations named the Serbo-Croatian way: adjectives, a head noun, a genitive ("Centralna
    izborna komisija BiH", "Narodna skupština Republike Srpske", "Predsjedništva BiH"), under their
    nominative ("Venecijanske komisije" is Venecijanska komisija)."""
    heads = gz.local_org_heads("sh")
    out: list[Candidate] = []
    for m in _sh_org_rx().finditer(s):
        head_word = m.group("head")
        nominative, gender = heads[fold_key(head_word)]
        words = m.group("name")[:m.start("head") - m.start("name")].split()
        # The genitive after the head: as many of its words as name a state or a body.
        of_words = m.group("of").split()
        of: list[str] = []
        for k in range(len(of_words), 0, -1):
            if of_words[k - 1] != "i" and resolve_local(" ".join(of_words[:k]), "sh"):
                of = of_words[:k]
                break
        # A name: it starts with a capital (not only because a sentence starts there), or the
        # genitive of a proper name follows its head ("Predsjedništva BiH", "Vojske Srbije").
        # Adjectives only ("Centralna izborna", not "Član" or "Generalštaba"), from a capital.
        while words and not _sh_adjective(words[0]):
            words = words[1:]
        if words and not words[0][:1].isupper():
            words = []
        if not words and head_word[:1].isupper() and not of and m.start() > 0:
            # Mid-sentence, a capitalised head with genitives after it: "Ministarstvo unutrašnjih
            # poslova", "Ured visokog predstavnika" (not a verb: "Vlada ocenila").
            tail = _SH_GENITIVES.match(s, m.end("head"))
            if tail is not None:
                of = tail.group(0).split()
        if not words and not (head_word[:1].isupper() and of):
            continue
        if words and not of and m.start() == 0 and len(words) < 2:
            continue
        adjs = [_sh_adjective_nominative(w, gender) for w in words]
        head = nominative[:1].upper() + nominative[1:] if not words else nominative
        name = " ".join(adjs + [head] + of)
        if fold_key(name) in builtin_keys:
            continue
        raw = " ".join(words + [head_word] + of)
        c = Candidate(name, "organization", "", resolve_local(" ".join(of), "sh") if of else "",
                      evidence=s, source=source, order=base + (m.start(),))
        c.seen_as = raw if fold_key(raw) != fold_key(name) else ""
        out.append(c)
    return out


_SH_ADJ_STEM = re.compile(r"(?:sk|šk|čk|ck|n|ov|ev|in)$")


_SH_GENITIVES = re.compile(rf"(?:\s+(?![{LO}]*(?:la|le|li|lo)\b)[{LO}]{{3,}}(?:a|e|ih|og|ija|ja)\b){{1,3}}")


def _sh_adjective(word: str) -> bool:
    """Whether a word looks like a Serbo-Croatian adjective (narodn-a, evropsk-e, ustavn-i)."""
    low = word.lower()
    for end in _SH_ADJ_ENDINGS:
        if low.endswith(end) and len(low) - len(end) >= 3:
            return bool(_SH_ADJ_STEM.search(low[:-len(end)]))
    return False


def _sh_adjective_nominative(word: str, gender: str) -> str:
    """An adjective before an organisation's head noun, in the nominative of the head's gender."""
    if "-" in word:  # "Zelenog-levog" -> Zeleno-levi
        parts = word.split("-")
        return "-".join([_sh_adjective_nominative(p, "n") for p in parts[:-1]]
                        + [_sh_adjective_nominative(parts[-1], gender)])
    low = word.lower()
    for end in _SH_ADJ_ENDINGS:
        if low.endswith(end) and len(word) - len(end) >= 3:
            return word[:-len(end)] + _SH_NOMINATIVE_ADJ.get(gender, end)
    return word


def _local_qualifier_before(s: str, start: int, lang: str) -> str:
    """The state named right before a title: an adjective ("srpski", "den serbischen", "magyar") or
    a genitive ("Ungarns")."""
    if start > 0 and s[start - 1] == "-":  # "EU-Kommissionspräsidentin"
        pm = re.search(r"([^\s-]+)-$", s[:start])
        return resolve_local(pm.group(1), lang) if pm else ""
    pm = _PREV_TOKEN.search(s[max(0, start - 40):start])
    if pm is None:
        return ""
    tok = pm.group(1)
    return gz.local_demonym(lang, tok) or (resolve_local(tok, lang) if tok[:1].isupper() else "")


def _hungarian_name(s: str, m: re.Match, builtin_keys: set[str]) -> tuple[str, str] | None:
    """The person a Hungarian title follows ("Orbán Viktor miniszterelnök", "Aleksandar Vučić szerb
    elnökkel") or, after a comma, precedes ("a szerb elnök, Aleksandar Vučić"): their name, given
    name first, and the state of an adjective between."""
    before = _NAME_BEFORE.search(s[max(0, m.start() - 80):m.start()])
    adj = ""
    if before is not None:
        if before.group(2):
            adj = gz.local_demonym("hu", before.group(2))
            if not adj:
                before = None
    if before is not None and _name_ok(_trim_name(before.group(1)), builtin_keys):
        name = _trim_name(before.group(1))
    else:
        after = re.compile(rf",\s+({NAME})").match(s, m.end())
        if after is None:
            return None
        name = _trim_name(after.group(1))
    toks = name.split()
    given = gz.regional_given_names()
    # Hungarian puts the family name first: "Orbán Viktor" is Viktor Orbán.
    if len(toks) == 2 and fold_key(toks[1]) in given and fold_key(toks[0]) not in given:
        name = f"{toks[1]} {toks[0]}"
    return name, adj


_LOCAL_KEYS: dict[str, dict[str, str]] = {}


def _local_keys(lang: str) -> dict[str, str]:
    """Folded names of built-in actors, in English and in `lang` -> their built-in names."""
    table = _LOCAL_KEYS.get(lang)
    if table is None:
        table = {}
        for a in gz.builtin_actors():
            if a.kind in ("state", "organization", "alliance", "other"):
                for n in [a.name] + a.aliases:
                    table.setdefault(fold_key(n), a.name)
        for name, lg, form in gz.local_names():
            if lg == lang:
                table.setdefault(fold_key(form), name)
        _LOCAL_KEYS[lang] = table
    return table


def resolve_local(words: str, lang: str) -> str:
    """The built-in state or body that `words` name in `lang`, in any case form ("Srbije", "Kosovës",
    "Ungarns", "NATO-a"), or ""."""
    table = _local_keys(lang)
    key = fold_key(words.strip(".,;:"))
    key = re.sub(r"-[a-z]{1,4}$", "", key) if re.search(r"[A-Z]{2,}-[a-z]{1,4}$", words) else key  # NATO-a
    if key in table:
        return table[key]
    for i in range(len(key) - 1, max(len(key) - 6, 1), -1):
        stem, suffix = key[:i], key[i:]
        if stem in table and suffix_ok(lang, stem, suffix, False):
            return table[stem]
        if stems_inflect(lang) and suffix_ok(lang, stem, suffix, True):
            for v in "aeiou":
                if stem + v in table:
                    return table[stem + v]
    return ""


def _mark_inflected(c: Candidate) -> None:
    """Mark a person found in Serbo-Croatian text whose name is or may be inflected with the
    nominatives it may stand for (sh_nominatives)."""
    toks = c.name.split()
    if len(toks) < 2:
        return
    sure, lemmas = sh_nominatives(toks, c.sure or surely_inflected(toks[-1]))
    if sure and not lemmas:
        # A given name we do not know: its nominative only where every word plainly lost an
        # instrumental or genitive ending after a consonant (Sergejem Lavrovom -> Sergej Lavrov).
        plain = [_strip_case(t) for t in toks]
        if all(plain):
            lemmas = [" ".join(plain)]
    if sure or lemmas:
        c.sure = sure
        c.lemmas = tuple(lemmas)


def _strip_case(tok: str) -> str:
    low = tok.lower()
    for end in ("om", "em", "a", "u"):
        # -om and -em follow any stem (Šojgu-om); -a and -u only a consonant.
        if low.endswith(end) and len(tok) - len(end) >= 3 and (len(end) == 2 or low[-2] not in "aeiou"):
            return tok[:-len(end)]
    return ""


def sh_nominatives(toks: list[str], sure: bool) -> tuple[bool, list[str]]:
    """Whether a Serbo-Croatian name of several words is certainly inflected, and the nominatives it
    may stand for, the likeliest first. The first word is a given name: when it is not a known given
    name but one of its nominatives is ("Viktora", "Ane"), the name is inflected. The others are
    family names, which a woman's name does not inflect ("Ane Brnabić")."""
    given = gz.regional_given_names()
    raw_ok = fold_key(toks[0]) in given
    lemmas = [x for x in token_lemmas(toks[0]) if x != toks[0] and fold_key(x) in given]
    # Regional given names end in a vowel more often than foreign ones: Marka is Marko before Mark.
    lemmas.sort(key=lambda x: x[-1:].lower() not in "aeiou")
    if not lemmas:
        return sure, []
    sure = sure or not raw_ok
    if not sure:
        return False, []  # a nominative given name: the name as it stands (Aleksandra Vučić, Edi Rama)
    firsts = lemmas + ([toks[0]] if raw_ok else [])
    rest_options = []
    for tok in toks[1:]:
        lem = [x for x in token_lemmas(tok) if x[-1:].lower() not in "aeiou" and not x.endswith("j")]
        rest_options.append(lem[:1] + [tok])
    out = []
    for g in firsts[:2]:
        combos = [[g]]
        for opts in rest_options:
            combos = [c + [o] for c in combos for o in opts]
        out.extend(" ".join(c) for c in combos)
    seen: set[str] = set()
    return True, [x for x in out if not (x in seen or seen.add(x))][:12]


_POSSESSIVE_END = re.compile(rf"([{UP}][\w'’-]+)(?:'s|’s)\s*$")
_COUNTERPART_RX = re.compile(rf"\b(?:his|her|their)\s+(?P<qual>[{UP}][\w'’-]+)\s+counterparts?,?\s+(?P<name>{NAME})")
_APPOS_RX = re.compile(rf"({NAME}),\s+(?:(?:a|an|the)\s+)?(?P<role>[^,;:()“”\"]{{3,110}}?)(?=[,;.:()]|\s+(?:says|said|told|states|stated|who|has|had|is|was|notes|adds|argues)\b)")
_APPOS_AFF_RX = re.compile(rf"\b(?:at|of|with|for|from)\s+(?:the\s+)?((?:[{UP}][\w'’-]*\s*(?:(?:of|for|and|the|on)\s+)*){{1,8}})")
_ROLE_WORDS = r"(?:representative|envoy|spokes(?:man|woman|person)|minister|president|leader|director|chief|head)"
_ROLE_APPOS_RX = re.compile(rf"\b(?:the\s+)?(?P<role>(?:[{UP}][\w'’-]+\s+){{0,3}}(?:[\w'’-]+\s+)?{_ROLE_WORDS}(?:\s+(?:for|of)\s+[^,]{{3,60}})?),\s+(?P<name>{NAME}),", re.I)
# What every match of _ROLE_APPOS_RX contains: a role word, then a comma and a word.
_AS_ROLE_RX = re.compile(rf"(?<![\w’'-])(?P<name>{NAME})\s+as\s+(?:the\s+|an?\s+|its\s+|their\s+|[{UP}][\w-]+(?:'s|’s)\s+)?"
                         rf"(?P<role>(?:[a-z][\w-]+\s+){{0,3}}?(?:{_ROLE_WORDS}|secretary|governor|mayor|"
                         r"ambassador|commander|chairman|chairwoman|chair|speaker|judge|prosecutor))\b")
_ROLE_APPOS_PRE = re.compile(rf"{_ROLE_WORDS}(?:\s+(?:for|of)\s+[^,]{{3,60}})?,\s+\w", re.I)
_ORG_WORD_NEXT = re.compile(rf"\s+(?:{_ORG_WORD_RX})\b")
_ORG_WORD_IN = re.compile(rf"\b(?:{_ORG_WORD_RX})\b")
# (?<![\w-])([A-Z]{2,}(?:-[A-Z]{2,})+|[A-Z]{3,6})(?![\w-]), written to begin with a capital so that
# the regex engine skips to the next one rather than trying the lookbehind at every character.
_ACRONYM_RX = re.compile(r"([A-Z](?<![\w-][A-Z])(?:[A-Z]+(?:-[A-Z]{2,})+|[A-Z]{2,5}))(?![\w-])")
_ACRONYM_STOP = frozenset("GMT UTC CET CEST EET EEST BST GDP CEO CFO COO PM AM TV NGO NGOS USD EUR LNG MP MPS MEP MEPS "
                          "ID PDF URL HTML OK AI IT UAV UAVS APC APCS IFV IFVS MLRS ATACMS HQ VIP PR FAQ NB PS II III IV "
                          "VI VII VIII IX XI XII AP AFP".split())
_DOC_END = re.compile(r"\b(?:Report|Agreement|Strategy|Plan|Law|Act|Treaty|Resolution|Declaration|Programme|Program|"
                      r"Initiative|Accord|Charter|Protocol|Memorandum|Convention|Framework|Process|Scheme|Mechanism|Regulation)$")
_ROLE_IN_ORG = re.compile(r"\b(?:President|Minister|Chancellor|Prime|Premier|Secretary|Commissioner|Spokesman|"
                          r"Spokeswoman|Spokesperson|Chairman|Chairwoman|Chairperson|Chair|Envoy|Ambassador|Director|"
                          r"Chief)\b(?!\s+(?:of|for)\b)")


_DESCRIBING = re.compile(r"[\w'’]+-[a-z]+")
_ORG_LEAD_WORDS = frozenset("the a an and of for in on by this that its his her their while when after according to at "
                            "from with under before during since as no some several many most few other both aboard "
                            "amid among despite".split())


def _trim_org(text: str, grouped: bool = False) -> str:
    """The body's name in `text`; `grouped`: the words around it call it a group ("the State of Law
    coalition"), so a name that ends like a document's is the group's all the same."""
    toks = text.split()
    # ("Kremlin-backed", "Russia-friendly", "Iran-aligned", "US-based": a description, not the name)
    while toks and (_DESCRIBING.fullmatch(toks[0]) or fold_key(toks[0]) in _ORG_LEAD_WORDS
                    or not toks[0][:1].isupper() and not toks[0][:1].isdigit() or _opens_sentence(toks)):
        toks = toks[1:]
    while toks and fold_key(toks[-1]) in ("the", "and", "of", "for", "in", "on", "&"):
        toks = toks[:-1]
    out = " ".join(toks).strip(" ,.;:'’")
    out = re.sub(r"(?:'s|’s)$", "", out)
    # "China's Belt and Road ...", "Chirag Paswan's Lok Janshakti Party": drop a leading possessive;
    # a year before the name ("the 2025 Bihar Assembly election") and a count after it ("the
    # Congress 70") are not part of it either.
    # A common noun's possessive before one word is part of the name: "Republican People's Party".
    owner = re.match(r"(?:[\w-]+\s+){0,3}([\w-]+)(?:'s|’s)\s+", out)
    if owner and (len(out[owner.end():].split()) >= 2 or not common_word(owner.group(1).lower())
                  or _names_someone(owner.group(1))):
        out = out[owner.end():]
    out = re.sub(r"\s+\d[\d,.]*$", "", re.sub(r"^(?:19|20)\d\d\s+", "", out))
    # Weekdays and months end the name ("Court of BiH on Wednesday").
    out = re.split(r"\s+(?:on|in)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", out)[0]
    role = _ROLE_IN_ORG.search(out)
    if role:  # "Federal Reserve Bank of Atlanta President Raphael Bostic": the body is before the role
        out = out[:role.start()].strip()
        if len(out.split()) < 2 or not _ORG_WORD_IN.search(out):
            return ""
    if _DOC_END.search(out) and not grouped:
        return ""
    return out


def _names_someone(word: str) -> bool:
    """Whether a word is a state's name or demonym, or a given name: an owner, not part of a name."""
    key = fold_key(word)
    return key in _state_names() or key in _demonyms() or key in gz.given_names()


def _opens_sentence(toks: list[str]) -> bool:
    """Whether the first word is a verb that opened the sentence ("Citing the International Atomic
    Energy Agency …"), not a word of the name."""
    from sitegen.ingest.clauses import verb_reading  # noqa: PLC0415 (clauses reads a lexicon when asked)

    reading = verb_reading(toks[0].lower()) if len(toks) > 1 and toks[1][:1].islower() else None
    return reading is not None and reading[1].rstrip("?") in ("VBG", "VBD", "VBD/VBN")


def _is_demonym(word: str) -> bool:
    """Whether a word is a state's demonym ("Ecuadorean"), not its name nor an acronym."""
    key = fold_key(word)
    return bool(_demonyms().get(key)) and key not in _state_names() and not word.isupper()


def _org_kind(name: str) -> str:
    if re.search(r"\b(?:Company|Corporation|Group|Inc|Ltd|plc|AG|SA|GmbH)\b", name):
        return "company"
    return "organization"


def _org_affiliation(name: str) -> str:
    m = re.search(r"\bof\s+(?:the\s+)?([A-Z][\w' -]+)$", name)
    if m:
        st = _state_of(m.group(1))
        if st:
            return st
    first = name.split()[0]
    st = _demonyms().get(fold_key(first))
    if st and fold_key(first) in gz.alias_types() and gz.alias_types()[fold_key(first)] == "demonym":
        return st
    # A body named after the organisation it belongs to ("UN Human Rights Council", "EU Delegation").
    words = name.split()
    for n in (3, 2, 1):
        if len(words) > n:
            parent = _umbrellas().get(fold_key(" ".join(words[:n])))
            if parent:
                return parent
    return ""


_UMBRELLAS: dict[str, str] = {}


def _umbrellas() -> dict[str, str]:
    """Folded name or capitalised abbreviation of a built-in organisation or alliance -> its name."""
    if not _UMBRELLAS:
        for a in gz.builtin_actors():
            if a.kind in ("organization", "alliance"):
                for n in [a.name] + [x for x in a.aliases if x.replace(".", "").isupper()]:
                    _UMBRELLAS.setdefault(fold_key(n), a.name)
    return _UMBRELLAS


# ------------------------------------------------------------------ registry

@dataclass
class RActor:
    slug: str
    name: str
    kind: str
    origin: str  # builtin | known | discovered
    role: str = ""
    affiliations: list[str] = field(default_factory=list)
    builtin_aliases: list[str] = field(default_factory=list)
    known_aliases: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    description: str = ""
    part_of: list[str] = field(default_factory=list)  # built-in: names of the bodies it belongs to
    builtin_name: str = ""  # its name in the gazetteer, whatever an editor renamed it to
    candidates: list[Candidate] = field(default_factory=list)
    known: KnownActor | None = None
    forms: set[str] = field(default_factory=set)  # surface forms seen in the corpus
    surnames: set[str] = field(default_factory=set)  # family names written first, as articles use them
    discovered: bool = False

    def all_names(self) -> list[str]:
        names = [self.name] + self.builtin_aliases + self.known_aliases + self.demonyms + self.capitals
        return names


def _lev(a: str, b: str, limit: int = 3) -> int:
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def similar_given(a: str, b: str) -> bool:
    a, b = fold_key(a), fold_key(b)
    if a == b:
        return True
    if " " in a or " " in b:  # a middle name written once and left out once ("Mustapha Yunusa" / "Mustapha",
        # "Brice Clotaire Oligui" / "Brice Oligui")
        short, long = sorted((a.split(), b.split()), key=len)
        return short[0] == long[0] and len(short) < len(long) and set(short) <= set(long)
    if a[:1] != b[:1]:
        return False
    if len(a) == 1 or len(b) == 1 or a.rstrip(".") == b[:1] or b.rstrip(".") == a[:1]:
        return True
    return _lev(a, b) <= (1 if min(len(a), len(b)) <= 4 else 2)


def _unhyphened(name: str) -> str:
    """A person's name folded with its hyphens as spaces: the key two spellings share."""
    return "~" + fold_key(name).replace("-", " ")


_GENERATION = re.compile(r"(?:Jr|Sr)\.?|II|III|IV")


def person_parts(name: str) -> tuple[str, str]:
    """(given names, family name) of a person's name: "Ferdinand Marcos Jr" is Ferdinand of the
    Marcos family (the generation after the name is neither), "Ursula von der Leyen" of von der Leyen."""
    toks = name.split()
    if len(toks) >= 3 and _GENERATION.fullmatch(toks[-1]):
        toks = toks[:-1]
    if len(toks) == 1:
        return "", toks[0]
    i = len(toks) - 1
    while i > 1 and re.fullmatch(PARTICLE, toks[i - 1]):
        i -= 1
    return " ".join(toks[:i]), " ".join(toks[i:])


_LOCAL_FORMS: list = []


def _local_forms() -> dict[str, frozenset[str]]:
    """Built-in actor's name -> the folded local names and adjective forms it has (every language)."""
    if not _LOCAL_FORMS:
        out: dict[str, set[str]] = {}
        for name, _, form in gz.local_names():
            out.setdefault(name, set()).add(fold_key(form))
        for table in gz.local_demonyms().values():
            for form, (name, _) in table.items():
                out.setdefault(name, set()).add(form)
        _LOCAL_FORMS.append({k: frozenset(v) for k, v in out.items()})
    return _LOCAL_FORMS[0]


class Registry:
    def __init__(self, known: list[KnownActor]):
        self.actors: dict[str, RActor] = {}
        self.by_key: dict[str, str] = {}  # folded name/alias -> slug (first owner wins)
        self.by_surname: dict[str, list[str]] = {}
        for g in gz.builtin_actors():
            a = RActor(g.slug, g.name, g.kind, "builtin", builtin_aliases=list(g.aliases),
                       demonyms=list(g.demonyms), capitals=list(g.capitals), description=g.description,
                       part_of=list(g.part_of), builtin_name=g.name)
            self.actors[a.slug] = a
        # Known actors: hand-chosen slugs and names win; they attach to built-ins they name.
        for k in sorted(known, key=lambda k: k.slug):
            target = self.actors.get(k.slug)
            if target is None:
                keys = {fold_key(k.name)} | {fold_key(x) for x in k.aliases}
                for a in self.actors.values():
                    if a.origin == "builtin" and fold_key(a.name) in keys:
                        target = a
                        break
            if target is not None and target.origin == "builtin":
                if target.slug != k.slug:
                    del self.actors[target.slug]
                    target.slug = k.slug
                    self.actors[k.slug] = target
                target.known = k
                target.name = k.name or target.name
                target.kind = k.kind or target.kind
                target.role = k.role
                target.affiliations = list(k.affiliations)
                target.known_aliases = list(k.aliases)
                continue
            a = RActor(k.slug, k.name, k.kind, "known", role=k.role, affiliations=list(k.affiliations),
                       known_aliases=list(k.aliases), known=k)
            self.actors[k.slug] = a
        self._index_all()
        # A body belongs to its parent (the General Assembly to the UN), under whatever slug the
        # parent has now. Added to an edited entry's affiliations too: the store keeps an editor's
        # removal, since the machine then proposes what it proposed before.
        for a in self.actors.values():
            for parent in a.part_of:
                slug = self.by_key.get(fold_key(parent))
                if slug and slug != a.slug and slug not in a.affiliations:
                    a.affiliations.append(slug)

    def _index(self, a: RActor) -> None:
        for n in a.all_names():
            key = fold_key(n)
            if key:
                self.by_key.setdefault(key, a.slug)
                organ = _ministry_key(key) if a.kind != "person" else ""
                if organ:
                    self.by_key.setdefault(organ, a.slug)
        if a.kind == "person":
            self.by_key.setdefault(_unhyphened(a.name), a.slug)  # "Lee Jae-myung" is "Lee Jae Myung"
            _, sur = person_parts(a.name)
            skey = fold_key(sur)
            if skey:
                lst = self.by_surname.setdefault(skey, [])
                if a.slug not in lst:
                    lst.append(a.slug)

    def _index_all(self) -> None:
        self.by_key.clear()
        self.by_surname.clear()
        # Known actors first so hand edits win alias collisions, then built-ins.
        order = sorted(self.actors.values(), key=lambda a: (a.origin != "known" and a.known is None, a.slug))
        for a in order:
            self._index(a)

    def builtin_keys(self) -> set[str]:
        """Names of the built-in gazetteer only: discovery must not depend on `known` (fixpoint)."""
        keys = set()
        for g in gz.builtin_actors():
            for n in [g.name] + g.aliases + g.demonyms + g.capitals:
                keys.add(fold_key(n))
        # Local names, but not local adjectives: Magyar and Horvát are family names too.
        keys.update(fold_key(form) for _, _, form in gz.local_names())
        return keys

    def find_person(self, name: str, lang: str = "") -> str | None:
        """The person `name` names: by name or alias, else by surname and a similar given name. In an
        Albanian article, also a Slavic name it spells the Albanian way (Aleksandar Vuçiq)."""
        key = fold_key(name)
        slug = self.by_key.get(key) or self.by_key.get(_unhyphened(name))
        if slug and self.actors[slug].kind == "person":
            return slug
        given, sur = person_parts(name)
        surnames = [fold_key(sur)]
        if lang == "sq" and slavic_key(sur) != surnames[0]:
            surnames.append(slavic_key(sur))
        for skey in surnames:
            for slug in self.by_surname.get(skey, []):
                g2, _ = person_parts(self.actors[slug].name)
                if given and g2 and similar_given(given, g2):
                    return slug
        toks = name.split()
        for tok in toks[1:-1] if 3 <= len(toks) <= 4 else ():
            # a full name with a second given name and two family names ("Nasry Juan Asfura Zablah"):
            # the person named by the first of each ("Nasry Asfura")
            for slug in self.by_surname.get(fold_key(tok), []):
                g2, s2 = person_parts(self.actors[slug].name)
                if g2 and len(g2.split()) == 1 and similar_given(toks[0], g2) and fold_key(s2) == fold_key(tok):
                    return slug
        return None

    def add_candidates(self, cands: list[Candidate]) -> None:
        # Strong evidence first so a person's role comes from an explicit pattern. Names that may be
        # inflected or spelled the way another language spells them come last, once every name
        # given plainly is known, so that they attach to it.
        ordered = sorted(cands, key=lambda c: (bool(c.lemmas) or c.sure or c.lang == "sq", c.order, c.name, c.kind))
        for c in ordered:
            if c.lemmas or (c.sure and c.kind == "person"):
                c = self._nominative(c)
                if c is None:
                    continue
            key = fold_key(c.name)
            if not key:
                continue
            if c.kind == "person":
                slug = self.find_person(c.name, c.lang)
                if slug is None and key in self.by_key:
                    continue  # the name of a non-person actor
                if slug is None:
                    slug = self._new(c)
                a = self.actors[slug]
                a.candidates.append(c)
                a.forms.add(c.name)
                if c.surname:
                    a.surnames.add(c.surname)
                continue
            slug = self.by_key.get(key)
            if slug is None and c.acronym:
                slug = self.by_key.get(fold_key(c.acronym))
                if slug is not None and self.actors[slug].kind == "person":
                    slug = None
            if slug is None and _ministry_key(key):  # "Syrian Ministry of Health" is the Syrian health ministry
                slug = self.by_key.get(_ministry_key(key))
            if slug is None:
                slug = self._new(c)
            a = self.actors[slug]
            if a.kind == "person":
                continue
            a.candidates.append(c)
            if c.seen_as:
                a.forms.add(c.seen_as)  # found in the text as written ("Venecijanske komisije")
            if c.acronym and fold_key(c.acronym) not in self.by_key:
                a.known_aliases.append(c.acronym)
                self.by_key[fold_key(c.acronym)] = slug
        for a in self.actors.values():
            if a.candidates and a.origin not in ("builtin",):
                a.discovered = a.known is None or a.origin == "known"

    def _nominative(self, c: Candidate) -> Candidate | None:
        """An inflected person's candidate under the name of the person it names: the first of its
        nominatives that is a known person, else its likeliest nominative (or the name as it stands,
        when it may be one). None when it is certainly inflected and no nominative can be told."""
        options = list(c.lemmas) if c.sure else [c.name] + list(c.lemmas)
        for option in options:
            slug = self.find_person(option, c.lang)
            if slug is not None:
                c.name = option
                return c
        if c.sure and not c.lemmas:
            return None
        c.name = options[0]
        return c

    def _new(self, c: Candidate) -> str:
        base = slugify(c.name)
        slug = base
        n = 2
        while slug in self.actors:
            slug = f"{base}-{n}"
            n += 1
        a = RActor(slug, c.name, c.kind, "discovered")
        self.actors[slug] = a
        self._index(a)
        return slug

    def finalize(self) -> None:
        """Names, roles and affiliations of discovered actors from their candidates."""
        # Discovered actors take the slug of their canonical name (the spelling with diacritics).
        renamed: dict[str, RActor] = {}
        for a in sorted(self.actors.values(), key=lambda a: a.slug):
            if a.origin == "discovered" and a.candidates:
                forms = sorted({c.name for c in a.candidates})
                a.name = max(forms, key=lambda f: (sum(1 for ch in f if ord(ch) > 127),
                                                   sum(1 for c in a.candidates if c.name == f), -len(f), f))
        for a in sorted(self.actors.values(), key=lambda a: (a.origin == "discovered", a.slug)):
            if a.origin == "discovered":
                base = slugify(a.name)
                slug, n = base, 2
                while slug in renamed:
                    slug, n = f"{base}-{n}", n + 1
                a.slug = slug
            renamed[a.slug] = a
        moved = {old: a.slug for old, a in self.actors.items() if old != a.slug}
        self.actors = renamed
        if moved:  # the name index follows the new slugs
            self.by_key = {k: moved.get(v, v) for k, v in self.by_key.items()}
        for a in sorted(self.actors.values(), key=lambda a: a.slug):
            if not a.candidates:
                continue
            if a.origin == "discovered":
                # Weak-only persons (a name shape and nothing else) need a second sighting.
                forms = sorted({c.name for c in a.candidates})
                a.name = max(forms, key=lambda f: (sum(1 for ch in f if ord(ch) > 127),
                                                   sum(1 for c in a.candidates if c.name == f), -len(f), f))
                roles = [c.role for c in a.candidates if c.role]
                if roles:
                    # A specific role ("Prime Minister of Hungary") also counts the generic sightings.
                    def support(r: str) -> int:
                        return sum(1 for x in roles if x == r or r.startswith(x + " of "))
                    a.role = max(sorted(set(roles)), key=lambda r: (support(r), " of " in r, len(r)))
                kinds = [c.kind for c in a.candidates]
                a.kind = max(sorted(set(kinds)), key=lambda k: (kinds.count(k), k != "organization"))
            if a.known is None and a.origin != "builtin":
                affs = [c.affiliation for c in a.candidates if c.affiliation]
                resolved = []
                for aff in affs:
                    s = self.by_key.get(fold_key(aff)) or self.by_key.get(fold_key(re.sub(r"^the\s+", "", aff, flags=re.I)))
                    if s and s != a.slug and s not in resolved:
                        resolved.append(s)
                if a.role and not resolved:
                    for tok in re.findall(rf"[{UP}][\w'’-]+(?:\s+[{UP}][\w'’-]+)*", a.role):
                        s = self.by_key.get(fold_key(tok))
                        if s and s != a.slug and self.actors[s].kind != "person":
                            resolved.append(s)
                            break
                a.affiliations = sorted(set(resolved))
        self._index_all()

    def weak_only(self, a: RActor) -> bool:
        return a.origin == "discovered" and a.kind == "person" and not any(c.strong for c in a.candidates)

    def stem_slugs(self) -> set[str]:
        """Actors whose names the region's languages inflect by their stem: people, states and
        entities like Republika Srpska (not outlets or companies named with common words)."""
        return {a.slug for a in self.actors.values() if a.kind in INFLECTING_KINDS}

    def matcher_entries(self) -> list[tuple]:
        types = gz.alias_types()
        local = _local_forms()
        entries = []
        for a in sorted(self.actors.values(), key=lambda a: (a.origin == "builtin", a.slug)):
            names = set(a.all_names()) | a.forms
            if a.origin == "discovered" and a.kind != "person":
                # every name it was found by: "Philippine Coast Guard" of the body named "PCG"
                names |= {c.name for c in a.candidates}
            own_local = local.get(a.builtin_name, frozenset())
            for n in sorted(names):
                key = fold_key(n)
                if key in own_local and n not in a.builtin_aliases and n != a.name:
                    # A local name an entry took from an article ("Srbija", "serb"): it counts in
                    # that language only, as the built-in entry below has it.
                    continue
                atype = types.get(key, "name")
                if a.kind == "person" and len(n.split()) == 1:
                    atype = "surname"
                elif atype == "name" and re.fullmatch(r"[A-Z0-9.&/-]{2,8}", n):
                    atype = "abbrev"
                entries.append((n, a.slug, atype))
            if a.kind == "person":
                given, sur = person_parts(a.name)
                if sur and len(fold_key(sur)) >= 3:
                    entries.append((sur, a.slug, "surname"))
                for family in sorted(a.surnames):
                    entries.append((family, a.slug, "surname"))
                for f in sorted(a.forms):
                    g, s = person_parts(f)
                    if s and len(fold_key(s)) >= 3:
                        entries.append((s, a.slug, "surname"))
        # The region's languages, in articles in that language only (lang.py): names of states and
        # bodies (Srbija, Magyarország), adjectives for states (srpski, szerb), and Slavic names
        # spelled the Albanian way (Vuçiq).
        by_builtin = {a.builtin_name: a for a in self.actors.values() if a.builtin_name}
        for name, lang, form in gz.local_names():
            a = by_builtin.get(name)
            if a is not None:
                atype = "abbrev" if re.fullmatch(r"[A-Z0-9.&/-]{2,8}", form) else "name"
                entries.append((form, a.slug, atype, lang))
        for lang, table in sorted(gz.local_demonyms().items()):
            for form, (name, lemma) in sorted(table.items()):
                a = by_builtin.get(name)
                if a is not None:
                    entries.append((lemma, a.slug, "demonym", lang, form))
        for a in sorted(self.actors.values(), key=lambda a: a.slug):
            if a.kind == "person":
                for n in sorted({a.name} | a.forms):
                    sq = albanian_spelling(n)
                    if sq:
                        entries.append((sq, a.slug, "name", "sq"))
                        _, sur = person_parts(sq)
                        if sur and len(fold_key(sur)) >= 3:
                            entries.append((sur, a.slug, "surname", "sq"))
        return entries
