"""Who an attribution names: the speaker of each attribution attribution.py finds in a sentence.

The words naming a speaker are read as a noun phrase: its head decides. A named actor at the head
speaks ("Pakistan's Defence Minister Khawaja Asif"); a body after a possessive is that body, not
its owner ("India's defence ministry", "Netanyahu's office"); people a phrase does not name are kept
and marked unnamed ("Thai authorities", "an elder from the camp", "officials"); a document speaks
for its author ("a UN expert report"). Appositions and asides are read past ("Imamoglu, Erdogan's
main rival, …"); "he"/"she" is the person last named, "it" the body last heard. "According to X" is
read here too. Only a sentence with an attribution makes a statement: the outlet's own narration
never does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from sitegen.ingest.attribution import SPEECH, attributions
from sitegen.ingest.referents import counting_body, fits_pronoun, last_body
from sitegen.ingest.spans import mentions_between

UNNAMED_SPEAKERS = re.compile(r"\b(?:officials?|sources?|analysts?|diplomats?|witness(?:es)?|residents?|observers?|"
                              r"experts?|critics?|activists?|people familiar|tabloids|newspapers|media|outlets|reports|"
                              r"commentators|spokes(?:man|woman|person|people)|authorities|police|rescuers?|lawyers?|"
                              r"team|researchers?|monitors?|groups|man|woman|men|women|elders?|doctors?|medics?|"
                              r"survivors?|prosecutors?|investigators?|correspondents?|reporters?|journalists?|"
                              r"negotiators?|aides?|advis[eo]rs?|members?|lawmakers?|legislators?|supporters?|"
                              r"opponents?|protesters?|demonstrators?|workers?|families|relatives|villagers|citizens|"
                              r"voters|students|economists|historians|insiders|staff|personnel|agencies|"
                              r"ministers?|chiefs?|leaders?|rivals?|ally|allies|officers?|commanders?|envoys?|"
                              r"ambassadors?|interlocutors?|"
                              r"mayor|governor|director|head|manager|chair(?:man|woman|person)?|secretary)\b", re.I)
_BODY_NOUN = re.compile(r"\b(ministry|army|military|court|government|group|movement|party|presidency|office|agency|"
                        r"council|committee|embassy|junta|bank|commission|forces|cabinet|company|union|navy|"
                        r"organi[sz]ation|administration|department|service|authority|parliament|assembly|board|"
                        r"tribunal|bureau)\b", re.I)
_DOCUMENT_NOUN = re.compile(r"\b(?:report|statement|tally|list|records|figures|post|note|study|survey|data|count|estimate|"
                            r"assessment|communiqu[ée]|letter|release|document|filing|decree|bulletin|website|"
                            r"account|message|video|broadcast)\b", re.I)
# Bodies whose word a state speaks in when no body of that name is known ("India's government").
_STATE_VOICE = frozenset("government cabinet presidency administration leadership".split())
_POSSESSIVE = re.compile(r"^\s*['’]s?\b\s*")
_ASIDE = re.compile(r"^\s*(?:who|which|whose|an?\b|the\b(?!\s+[A-Z])|for\s+(?:its|his|her|their)\s+part|in\s+turn|"
                    r"however|meanwhile|too|also|in\s+a\s+|uprooted|using|speaking|citing|ahead\s+of|[a-z])")
# An apposition that gives a role, capitalised as a title ("Special Adviser to the President"), and a
# part that is a name only.
_ROLE_LED = re.compile(r"^\s*(?:[A-Z][a-z]+\s+){0,2}(?:Adviser|Advisor|Minister|Secretary|Director|Chief|Head|"
                       r"Spokes(?:man|woman|person)|Envoy|Ambassador|Commander|Governor|Chair(?:man|woman|person)?|"
                       r"President|Representative|Commissioner|Coordinator)\b(?:\s+(?:to|of|for|on|at)\b|\s*$)")
_NAME_ONLY = re.compile(r"(?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’.-]*")
_ACCORDING = re.compile(r"\b(?:according to|in the (?:view|words) of|as (?:reported|stated) by|citing)\s+"
                        r"(?P<subj>[^,;“”\"]{2,90}?)(?=,|\.\s*$|\s*$)", re.I)
_ACCORDING_WORDS = ("according to", "view of", "words of", "reported by", "stated by", "citing", " view",
                    " words,", " opinion", " account", " assessment", " estimation")
# "In his view, …", "In her account the party kept …", "Peronism, in his view, must …"
_IN_VIEW = re.compile(r"^\s*in (?P<subj>his|her|their|its) (?:view|words|opinion|account|assessment|estimation)"
                      r"(?:\s*,\s*|\s+(?=(?:the|a|an|[A-Z])\b))", re.I)
_IN_VIEW_MID = re.compile(r",\s*in (?P<subj>his|her|their|its) (?:view|opinion|assessment|estimation)\s*,\s*", re.I)
# "The Hungarian leader", "the minister": a person named before, by a role the article gave them.
_DESCRIPTION = re.compile(r"^\s*the\s+(?:[\w’'-]+\s+){0,2}?(?P<role>leader|president|prime minister|premier|"
                          r"foreign minister|defen[cs]e minister|minister|chief|general|commander|mayor|governor|"
                          r"envoy|ambassador|chancellor|secretary-general|secretary|senator|judge|justice|colonel|"
                          r"admiral|marshal|captain|major|spokes(?:man|woman|person)|advis[eo]r|director|head|"
                          r"commissioner|coordinator|chair(?:man|woman|person)?|prosecutor|attorney general)\s*$", re.I)
# "Madagascar's president on Monday …": a person by the role the state's name qualifies
_ROLE_AFTER_STATE = re.compile(r"(?P<role>president|prime minister|premier|foreign minister|defen[cs]e minister|"
                               r"leader|king|queen|chancellor)(?=\s+(?:on|in|at|last|this|earlier|later)\b|\s*$)",
                               re.I)
_FORMER = re.compile(r"\b(?:former|ex-|ousted|deposed|late)\b", re.I)
_ROLE_WORDS = {"leader": ("president", "prime minister", "premier", "chancellor", "leader", "king", "emir", "head of"),
               "premier": ("prime minister", "premier"), "defense minister": ("defence minister", "defense minister",
               "minister of defen"), "defence minister": ("defence minister", "defense minister", "minister of defen"),
               "foreign minister": ("foreign minister", "minister of foreign"), "envoy": ("envoy", "ambassador"),
               "justice": ("justice", "judge")}
_THE_DOCUMENT = re.compile(r"^\s*the\s+(?:joint\s+|written\s+|latest\s+)?(?:statement|communiqu[ée]|letter|"
                           r"declaration|release)\s*$", re.I)
# Documents that speak for who issued them, and how an article says who did.
_ISSUED = r"(report|study|assessment|investigation|findings|review|audit|statement|communiqu[ée])"
_ISSUED_IN = re.compile(rf"\b(?:said|says|stated|states|wrote|writes|found|concluded|published|released|issued)\s+"
                        rf"(?:\w+\s+)?(?:in|on)\s+(?:a|an|its|their|the)\s+(?:[\w-]+\s+){{0,3}}?{_ISSUED}\b", re.I)
_ISSUED_BY = re.compile(rf"\b{_ISSUED}\s+(?:by|from)\s+(?P<by>(?:the\s+)?(?:[A-Z][\w.’'-]*\s*){{1,6}})")
_ISSUED_WORD = re.compile(_ISSUED, re.I)
_THE_ISSUED = re.compile(rf"^\s*the\s+(?:[\w-]+\s+){{0,2}}?{_ISSUED}\s*$", re.I)
_THE_GROUP = re.compile(r"^\s*the\s+(?:armed\s+|rebel\s+|militant\s+|paramilitary\s+)?(?:group|movement|"
                        r"militia|organi[sz]ation)\s*$", re.I)
_PRONOUN = re.compile(r"^\s*(he|she|it|they|we)\s*$", re.I)
# A company or an outlet by its trade ("the airline", "the carmaker", "the broadcaster").
_THE_TRADE = re.compile(r"^\s*the\s+(?:[\w’'-]+\s+){0,2}?(airline|carrier|company|firm|lender|insurer|miner|"
                        r"manufacturer|maker|carmaker|operator|retailer|conglomerate|shipbuilder|refiner|"
                        r"broadcaster|newspaper|agency)\s*$", re.I)
_PRONOUN_LAST = re.compile(r"\s(he|she|they|it|we)\s*$", re.I)
_OWN_PRONOUN = re.compile(r"^\s*(his|her|its|their)\b", re.I)
_PLACED = re.compile(r"\b(?:in|from|across|within|throughout)\s+(?:the\s+)?$", re.I)
_OF_BODY = re.compile(r"\b(?:at|of|from|with)\s+(?:the\s+)?$", re.I)


@dataclass
class Attributed:
    """One attribution resolved: who speaks (an actor slug, or nobody named) and what they said."""

    speaker: str | None
    unnamed: bool
    lemma: str
    said: tuple[int, int]  # offsets in the document
    trailing: bool

    @property
    def speech(self) -> bool:
        """Whether the verb only reports words ("said") rather than taking a stance ("denied")."""
        return self.lemma in SPEECH


@dataclass
class ReportedStatement:
    """What reported_statements gives for each statement: who said it, and the words."""

    speaker: str | None
    text: str
    unnamed: bool


_RELAYED_BY = re.compile(r"\s(?:seen|obtained|quoted|cited|reviewed|spoken\s+to|interviewed|contacted|reached)\s+by\b",
                         re.I)
_ONE_PERSON = re.compile(r"\s*(?:an?|one)\s+(?!\w+s\b)", re.I)
UNNAMED = "(unnamed)"  # what Voices.pronoun gives for a speaker the article does not name


class Voices:
    """Who pronouns refer to as a document is read: the person who spoke in the sentence just
    before, when "he" or "she" can be them ("Khan said …. He said …"; "A police officer told AFP
    …. “…,” he added": the officer, unnamed), else the person last named (the caller's
    `last_person`); and the body that last spoke ("It said …")."""

    def __init__(self, doc, registry, last_person: Callable[[int, str], str | None]):
        self.doc, self.registry, self.last_person = doc, registry, last_person
        self.last_body: tuple[int, str] | None = None  # (sentence index, slug)
        self.last_voice: tuple[int, str | None] | None = None  # (sentence index, person or None: unnamed)
        self.last_said: tuple[int, str | None, bool] | None = None  # (sentence index, speaker, unnamed)
        self.authors: dict[str, str] = {}  # a document's noun -> who issued it ("report": the bureau)

    def authored(self, sentence: str, start: int, speaker: str | None) -> None:
        """Remember who issued the documents a sentence names: "X said in a preliminary report",
        "X's report", "a report by X" (`speaker`, or the actor named next to it), so that "the
        report says" later is theirs."""
        for m in _ISSUED_IN.finditer(sentence):
            if speaker:
                self.authors[m.group(1).lower()] = speaker
        for m in _ISSUED_BY.finditer(sentence):
            for men in mentions_between(self.doc, start + m.start("by"), start + m.end("by")):
                if men.slug in self.registry.actors and self.registry.actors[men.slug].kind != "state":
                    self.authors[m.group(1).lower()] = men.slug
                    break

    def heard(self, sent_index: int, slug: str | None, unnamed: bool = False, one: bool = False) -> None:
        a = self.registry.actors.get(slug) if slug else None
        if a is not None and a.kind != "person":
            self.last_body = (sent_index, slug)
        if (a is not None and a.kind == "person") or (slug is None and one):
            self.last_voice = (sent_index, slug)
        self.last_said = (sent_index, slug, unnamed)

    def pronoun(self, word: str, pos: int, sent_index: int) -> str | None:
        w = word.lower()
        if w in ("he", "she", "his", "her"):
            pronoun = "he" if w in ("he", "his") else "she"
            if self.last_voice is not None and 0 < sent_index - self.last_voice[0] <= 1:
                slug = self.last_voice[1]
                if slug is None:
                    return UNNAMED
                if fits_pronoun(self.registry, slug, pronoun):
                    return slug
            return self.last_person(pos, pronoun)
        said = self.last_said
        if said is not None and said[0] == sent_index and said[1] is None and said[2]:
            return UNNAMED  # "The government said that it would …, which it blamed on …": the same body
        if self.last_body is not None and sent_index - self.last_body[0] <= 3:
            return self.last_body[1]
        return last_body(self.doc, self.registry, pos)


def sentence_attributions(doc, registry, sent, voices: Voices) -> list[Attributed]:
    """The attributions of one sentence of doc, each with its speaker resolved. Attributions
    whose speaker cannot be told (nobody, named or not) are left out."""
    out: list[Attributed] = []
    s, base = sent.text, sent.start
    for att in attributions(s):
        who = _resolve(doc, registry, sent, att.subject, voices)
        if who is None:
            continue
        speaker, unnamed = who
        if any(o.said[0] <= base + att.said[0] < o.said[1] for o in out):
            continue  # "Guterres urged …, his spokesman said": the words are told once
        out.append(Attributed(speaker, unnamed, att.lemma, (base + att.said[0], base + att.said[1]), att.trailing))
        # one person nobody names ("a police officer") may be "he" next; "officials" may not
        one = unnamed and bool(_ONE_PERSON.match(s[att.subject[0]:att.subject[1]]))
        voices.heard(sent.index, speaker, unnamed, one)
    if out and _ISSUED_WORD.search(s):  # who issued the documents it names: the last speaker's
        voices.authored(s, base, None if out[-1].unnamed else out[-1].speaker)
    according = _according(doc, registry, sent, voices)
    if according is not None and not out:
        out.append(according)
    return out


def _according(doc, registry, sent, voices: Voices) -> Attributed | None:
    """"…, according to X." / "In his view, …": the rest of the sentence is X's."""
    s = sent.text
    low = s.lower()
    if not any(k in low for k in _ACCORDING_WORDS):
        return None  # most sentences: the pattern need not be tried
    m = _ACCORDING.search(s)
    if m:
        who = _resolve(doc, registry, sent, (m.start("subj"), m.end("subj")), voices)
        end = m.end()
        appos = _APPOSITION_AFTER.match(s, end)
        if appos and s[:m.start()].strip() == "":
            end = appos.end()  # "According to the Observatory, a Britain-based monitor, Sweida has …"
        before, after = s[:m.start()].rstrip(" ,"), s[end:].strip(" ,.")
        said = (0, len(before)) if _told_before(before, after) else (end + len(s[end:]) - len(s[end:].lstrip(" ,")), len(s.rstrip(" .")))
    else:
        m = _IN_VIEW.match(s)
        mid = _IN_VIEW_MID.search(s) if m is None else None
        if m is None and mid is None:
            return None
        m = m or mid
        found = voices.pronoun(m.group("subj"), sent.start + m.start("subj"), sent.index)
        who = (None, True) if found == UNNAMED else (found, False)
        said = (m.end() if mid is None else 0, len(s.rstrip(" .")))
    if who is None or (who[0] is None and not who[1]) or said[1] - said[0] < 12:
        return None
    return Attributed(who[0], who[1], "say", (sent.start + said[0], sent.start + said[1]), False)


# A short noun phrase (no verb in it) in apposition to whom "according to" names.
_APPOSITION_AFTER = re.compile(r",\s+(?:a|an|the)(?:\s+(?!(?:who|which|that|is|are|was|were|has|have|had|will|would)\b)"
                               r"(?![a-z]+ed\b)[\w’'-]+){1,5},")


def _told_before(before: str, after: str) -> bool:
    """Whether "A, according to X, B" tells A (the longer part), not B; an apposition after a whole
    clause is A's, however long ("ANO won 34.5 percent, according to the office, the best result
    since 1993"), and an opening "In May, according to X, the army ..." tells what follows."""
    if len(before.split()) >= 6 and _APPOSITION.match(after):
        return True
    return len(before) >= len(after)


_APPOSITION = re.compile(r"(?:the|an?|which|whose|marking|making)\b", re.I)


def _resolve(doc, registry, sent, span: tuple[int, int] | None, voices: Voices) -> tuple[str | None, bool] | None:
    """(speaker slug or None, whether unnamed) for the words sent.text[span]; None when they
    name no one who can speak (an agreement, a place, a clause of narration)."""
    if span is None:
        return None
    unnamed = None
    for lo, hi in _segments(sent.text, *span):
        found = _resolve_segment(doc, registry, sent, lo, hi, voices)
        if found is not None and found[0] is not None:
            return found
        unnamed = unnamed or found  # "Olivat Rakoto, director of a hospital": the name, not the role
    return unnamed


def _segments(s: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The comma-separated parts of s[lo:hi] where a speaker may be named, the likeliest first: the
    part next to the verb, or, when an aside comes last ("Rwanda, for its part, says"), a name in
    apposition first and then the part before the aside."""
    text = s[lo:hi]
    cuts = [m.start() for m in re.finditer(r",", text)]
    bounds = [0] + [c + 1 for c in cuts] + [len(text) + 1]
    parts = [(lo + bounds[i], lo + bounds[i + 1] - 1) for i in range(len(bounds) - 1)]
    parts = [(a, b) for a, b in parts if s[a:b].strip()]
    if not parts:
        return []
    if not text.rstrip().endswith(","):
        # "Rwanda's foreign minister, Olivier Nduhungirehe": the name last; "Ihsan al-Shammari, a
        # professor at Baghdad University": an apposition after it names no speaker of its own
        ordered = list(reversed(parts))
        return [p for p in ordered if not _ASIDE.match(s[p[0]:p[1]])] + \
            [p for p in ordered if _ASIDE.match(s[p[0]:p[1]])]
    aside = parts[-1]
    rest = list(reversed(parts[:-1]))
    if _ASIDE.match(s[aside[0]:aside[1]]):
        return rest
    if _ROLE_LED.match(s[aside[0]:aside[1]]) and _NAME_ONLY.fullmatch(s[rest[0][0]:rest[0][1]].strip()):
        # "Bayo Onanuga, Special Adviser to President Bola Tinubu,": the name, then the role's words
        return rest + [aside]
    return [aside] + rest


def _resolve_segment(doc, registry, sent, lo: int, hi: int, voices: Voices) -> tuple[str | None, bool] | None:
    relayed = _RELAYED_BY.search(sent.text, lo, hi)
    if relayed:  # "a list from the hospital seen by AFP", "medics spoken to by AFP": not the outlet
        hi = relayed.start()
    mentions = [m for m in mentions_between(doc, sent.start + lo, sent.start + hi)
                if registry.actors.get(m.slug) is not None and m.end <= sent.start + hi]
    if not mentions:
        return _unnamed_or_pronoun(doc, registry, sent, lo, hi, voices)
    # "UN experts and Washington say": the first of those joined by "and".
    first = mentions
    for i in range(1, len(mentions)):
        between = doc.text[mentions[i - 1].end:mentions[i].start]
        if re.fullmatch(r"\s*(?:,\s*)?(?:and|&)\s+(?:the\s+)?", between):
            first = mentions[:i]
            break
    m = first[-1]
    actor = registry.actors[m.slug]
    tail = doc.text[m.end:sent.start + hi] if m is mentions[-1] else doc.text[m.end:first[-1].end]
    tail = re.sub(r"\([^)]*\)", " ", tail).strip(" ,")
    head_before = doc.text[sent.start + lo:m.start]
    words = doc.text[sent.start + lo:sent.start + hi]
    described = _DESCRIPTION.match(words) or (_ROLE_AFTER_STATE.match(re.sub(r"^['’]s\s+", "", tail))
                                              if actor.kind == "state" else None)
    if described and actor.kind == "state":  # "the Kyrgyz president", "Madagascar's president"
        who = _described_person(doc, registry, sent.start + lo, described.group("role"), actor,
                                former=bool(_FORMER.search(words)))
        if who:
            return (who, False)
        if not _DESCRIPTION.match(words):
            return (None, True)  # a state's president nobody names: not the state
    if not tail:
        if _DOCUMENT_NOUN.search(head_before) and re.search(r"\bfrom\s+(?:the\s+)?$", head_before):
            return (m.slug, False)  # "a list from the hospital": its author, not a place
        if _PLACED.search(head_before) or (m.atype == "capital" and m.place):
            return (None, True) if UNNAMED_SPEAKERS.search(head_before) else None
        if UNNAMED_SPEAKERS.search(head_before) and _OF_BODY.search(head_before):
            # "Researchers at Yale's lab", "officials of the ministry": the body speaks through them;
            # not a state's people, nor an outlet's interlocutors
            return (m.slug, False) if actor.kind not in ("state", "media") else (None, True)
        if m.atype == "demonym" and doc.text[m.start:m.end].endswith("s"):
            return (None, True)  # "Palestinians reported …": people, not the state
        return (m.slug, False)
    possessive = _POSSESSIVE.match(tail)
    noun = tail[possessive.end():] if possessive else tail
    if _DOCUMENT_NOUN.search(noun) and not UNNAMED_SPEAKERS.search(noun):
        return (m.slug, False)
    body = _BODY_NOUN.search(noun)
    if body and not possessive and actor.kind not in ("state", "person", "media") and body.start() == 0 \
            and not noun[body.end():].strip():
        return (m.slug, False)  # "the ruling CPDM party", "Hasina's Awami League party": the body named
    if body and not (UNNAMED_SPEAKERS.search(noun) and UNNAMED_SPEAKERS.search(noun).start() > body.start()):
        known = _body_named(doc, registry, sent.start + lo, body.group(1), m.slug)
        if known:
            return (known, False)
        if actor.kind == "state" and (body.group(1).lower() in _STATE_VOICE or not possessive):
            return (m.slug, False)
        return (None, True)
    if UNNAMED_SPEAKERS.search(noun):
        if actor.kind not in ("state", "person"):
            return (m.slug, False)  # "a TASS correspondent reported", "United Nations experts say"
        return (None, True)  # "Israeli officials said": a state's people nobody names
    return (m.slug, False)


def _unnamed_or_pronoun(doc, registry, sent, lo: int, hi: int, voices: Voices) -> tuple[str | None, bool] | None:
    text = sent.text[lo:hi]
    if _SHARE.match(text):
        return None  # "60.5% of voters rejected the bases": a count of those who voted, no voice
    pron = _PRONOUN.match(text) or _PRONOUN_LAST.search(text)  # "11 people he described as …"
    if pron:
        who = voices.pronoun(pron.group(1), sent.start + lo, sent.index)
        if who == UNNAMED:
            return (None, True)
        if who is None and pron.group(1).lower() in ("they", "we"):
            return None
        return (who, False) if who else None
    described = _DESCRIPTION.match(text)
    if described:
        who = _described_person(doc, registry, sent.start + lo, described.group("role"), None,
                                former=bool(_FORMER.search(text)))
        if who:
            return (who, False)
    trade = _THE_TRADE.match(text)
    if trade:  # "the airline said", "the broadcaster reported": the last company (or outlet) named
        kinds = ("media",) if trade.group(1).lower() in ("broadcaster", "newspaper", "agency") else ("company",)
        who = _last_of_kind(doc, registry, sent.start + lo, kinds)
        if who:
            return (who, False)
    if _THE_COUNT.match(text):  # "according to the official count": the body that counts, named before
        counter = _last_counting_body(doc, registry, sent.start + lo)
        if counter:
            return (counter, False)
    issued = _THE_ISSUED.match(text)
    if issued and issued.group(1).lower() in voices.authors:  # "the report says": who issued it
        return (voices.authors[issued.group(1).lower()], False)
    if _THE_DOCUMENT.match(text) or _THE_GROUP.match(text):
        # "“…,” the statement said", "The group accused …": the body last heard or named
        who = voices.pronoun("it", sent.start + lo, sent.index)
        if who == UNNAMED:
            return (None, True)
        if who:
            return (who, False)
    own = _OWN_PRONOUN.match(text)
    body = _BODY_NOUN.search(text)
    if own and UNNAMED_SPEAKERS.search(text) and own.group(1).lower() in ("its", "their"):
        who = voices.pronoun("it", sent.start + lo, sent.index)  # "its spokesperson said"
        return (who, False) if who and who != UNNAMED else (None, True)
    if body and not UNNAMED_SPEAKERS.search(text[body.end():]):
        known = _body_named(doc, registry, sent.start + lo, body.group(1), None)
        return (known, False) if known else (None, True)
    if body and _BODY_VOICE.match(text, body.end()):
        # "an interior ministry source", "a ministry spokesman": the body speaks through them (as
        # "officials of the ministry" do), when the article names it
        known = _body_named(doc, registry, sent.start + lo, body.group(1), None)
        if known:
            return (known, False)
    short = _THE_SHORT_NAME.match(text)
    if short:  # "the Observatory": the Syrian Observatory for Human Rights, named before
        known = _body_named(doc, registry, sent.start + lo, short.group(1), None)
        if known:
            return (known, False)
    if UNNAMED_SPEAKERS.search(text):
        return (None, True)
    return None


_THE_SHORT_NAME = re.compile(r"^\s*[Tt]he\s+([A-Z][a-z]{3,})\s*$")
_THE_COUNT = re.compile(r"^\s*(?:according\s+to\s+)?the\s+(?:[\w-]+\s+){0,2}?(?:count|results?|tally|tallies|figures)\s*$",
                        re.I)
def _last_counting_body(doc, registry, pos: int) -> str | None:
    """The electoral commission or statistics office named last in the 1,500 characters before pos."""
    return next((m.slug for m in reversed(mentions_between(doc, max(0, pos - 1500), pos))
                 if not m.place and counting_body(registry, m.slug)), None)


_SHARE = re.compile(r"\s*(?:(?:some|about|around|nearly|almost|over|roughly|just|more than|less than)\s+)*"
                    r"\d[\d.,]*\s*(?:%|percent\b|per cent\b)", re.I)


_BODY_VOICE = re.compile(r"\s+(?:sources?|officials?|spokes(?:man|woman|person)|representatives?)\b", re.I)


def _described_person(doc, registry, pos: int, role: str, state, former: bool = False) -> str | None:
    """The person named last before pos (else first after it) whose role fits a description ("the
    Hungarian leader": a prime minister or president of Hungary); "the former president" is one
    the article calls former, "the president" one it does not."""
    words = _ROLE_WORDS.get(role.lower(), (role.lower(),))
    after = mentions_between(doc, pos, len(doc.text))
    for m in list(reversed(mentions_between(doc, 0, pos))) + list(after):
        a = registry.actors.get(m.slug)
        if a is None or a.kind != "person":
            continue
        # the role the entry holds, or the title or apposition the article gives them ("Colonel Michael
        # Randrianirina", "Yahya Saree, the Houthi military spokesman")
        after = doc.text[m.end:m.end + 60]
        appos = after.split(",")[1] if after.startswith(",") and after.count(",") >= 1 else ""
        held = f"{a.role} {doc.text[max(0, m.start - 40):m.start]} {appos}".lower()
        if not any(re.search(rf"\b{re.escape(w)}\b", held) for w in words) or bool(_FORMER.search(held)) != former:
            # (whole words: a "presidential spokesperson" is no president)
            continue
        if state is not None and a.affiliations and state.name.lower() not in held \
                and state.slug not in a.affiliations and state.name not in a.affiliations:
            continue  # (a person of no known state may be the state's)
        return m.slug
    return None


def _last_of_kind(doc, registry, pos: int, kinds: tuple[str, ...]) -> str | None:
    """The actor of one of these kinds named last before pos, not far before."""
    for m in reversed(mentions_between(doc, max(0, pos - 3000), pos)):
        a = registry.actors.get(m.slug)
        if a is not None and a.kind in kinds:
            return m.slug
    return None


def _body_named(doc, registry, pos: int, noun: str, owner: str | None) -> str | None:
    """The last organisation named before pos (or at it) whose name holds the noun ("the
    ministry": the Ministry of Foreign Affairs), of the owner's when an owner is named."""
    noun = noun.lower().rstrip("s")
    for m in reversed(mentions_between(doc, max(0, pos - 3000), pos + 200)):  # the body named not far before
        a = registry.actors.get(m.slug)
        if a is None or a.kind not in ("organization", "alliance", "company", "group", "media"):
            continue
        named = noun in a.name.lower() or any(noun in n.lower() for n in a.all_names()) \
            or any(noun in c.name.lower() for c in a.candidates)  # ("CNE", found as the National Electoral Council)
        if named and (owner is None or owner in (getattr(a, "affiliation", None) or "", m.slug)
                      or owner.replace("-", " ") in a.name.lower()):
            if m.start <= pos + 200:
                return m.slug
    return None


def reported_statements(doc, registry, sentences, last_person) -> list[tuple[int, int, ReportedStatement]]:
    """(position, sentence index, attribution) of each statement reported in `sentences`."""
    voices = Voices(doc, registry, last_person)
    out = []
    for sent in sentences:
        for att in sentence_attributions(doc, registry, sent, voices):
            text = doc.text[att.said[0]:att.said[1]].strip(" ,.;:")
            if len(text.split()) >= 2:
                out.append((att.said[0], sent.index, ReportedStatement(att.speaker, text[:1].upper() + text[1:], att.unnamed)))
    return out
