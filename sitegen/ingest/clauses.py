"""The verb that tells a happening in a sentence's clause, and a headline made of that clause.

Event words (events.py) name only the kinds of happening someone listed; most news verbs are on no
list ("handed down", "stormed", "put their signatures to"). A clause with a date and a verb tells a
happening whatever the verb is. Which words are verbs, and their tenses, come from lemminflect's
lexicon of English inflections (a maintained package that carries its data): no list of ours.

English only: articles in the region's other languages are read with their own event words.
"""

from __future__ import annotations

import bisect
import functools
import re
from array import array
from dataclasses import dataclass

from sitegen.ingest.metadata import _TIME

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Where a clause ends: a semicolon, a colon (not a time's, "12:47"), a dash between spaces, a
# bracket, or a comma that opens a clause of its own ("…, which", "…, while", "…, after").
_CLAUSE_END = re.compile(r"[;()\[\]]|(?<!\d):(?!\d)|\s[–—-]\s|,\s+(?=(?:which|who|whom|whose|while|whereas|but|although|"
                         r"though|after|before|as|because|since|when|where|and then|adding|saying|despite|"
                         r"amid|even as|unlike)\b)")
_AUX = frozenset("be am is are was were been being have has had having do does did will would shall should "
                 "can could may might must".split())
_PASSIVE_AUX = frozenset("was were been being is are be".split())
_PERFECT_AUX = frozenset("has have had".split())
# Verbs that carry no happening of their own ("seemed", "remained", "appeared").
_EMPTY_LEMMAS = frozenset("be have do seem appear remain become get let make want need try use include "
                          "continue expect believe think know hope mean".split())
SPEECH_LEMMAS = frozenset("say tell state announce declare warn claim deny insist add note argue stress "
                          "confirm report write vow pledge promise dismiss reject accuse acknowledge admit "
                          "urge call describe".split())
_MAX_GAP = 90  # characters between a date and the verb it dates


@dataclass(frozen=True)
class Verb:
    start: int  # in the sentence
    end: int
    word: str
    lemma: str
    tag: str  # VBD | VBN | VBZ | VBP | VB | VBG
    aux: str = ""  # the auxiliary before it ("has", "was", "will"), lower case


@dataclass(frozen=True)
class _Lexicon:
    readings: dict[str, tuple[str, str]]  # verb form -> verb_reading of it
    third_person: dict[str, str]  # lemma -> its -s form ("strike" -> "strikes")
    # Nouns in the plural ("presidents"), and the words the lexicon writes in lower case (no proper
    # names: "Taliban"), by their hashes, sorted: a fraction of a MiB each rather than sets of
    # several in every worker.
    plurals: array
    common: array


@functools.lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """English verb forms, from the tables lemminflect ships (word -> lemma by part of speech, and
    each lemma's inflections), kept for verbs only: a dict lookup per word, and a few MiB rather
    than the package's 70 MiB of tables in every worker."""
    import gzip
    from importlib import resources

    data = resources.files("lemminflect").joinpath("resources")
    # Plain comma-separated lines without quoting: split by hand, several times quicker than csv.
    verb_lemma: dict[str, str] = {}  # word -> its lemma as a verb
    readings: dict[str, int] = {}  # word -> how many parts of speech it can be
    common: list[str] = []
    with gzip.open(data.joinpath("lemma_lu.csv.gz").open("rb")) as f:
        for line in f.read().decode("utf-8").splitlines():
            word, pos, lemmas = line.split(",", 2)
            if word.islower():
                common.append(word)
            word = word.lower()
            readings[word] = readings.get(word, 0) + 1
            if pos == "verb":
                verb_lemma[word] = lemmas.split("/", 1)[0].lower()
    verbs: dict[str, tuple[str, str, bool]] = {}
    third: dict[str, str] = {}
    plurals = set()
    with gzip.open(data.joinpath("infl_lu.csv.gz").open("rb")) as f:
        for line in f.read().decode("utf-8").lower().splitlines():
            row = line.split(",")
            lemma, pos = row[0], row[1]
            if pos == "noun":
                plurals.update(w for w in row[2].split("/") if w != lemma)
                continue
            if pos != "verb" or len(row) < 6:
                continue
            vbd, vbn, vbg, vbz = (x.split("/") for x in row[2:6])
            vbn = vbn if vbn != [""] else vbd  # a regular verb's participle is its past
            third.setdefault(lemma, vbz[0])
            for tag, words in (("VB", [lemma]), ("VBD", vbd), ("VBN", vbn), ("VBG", vbg), ("VBZ", vbz)):
                for w in words:
                    if not w or verb_lemma.get(w, lemma) != lemma:
                        continue
                    _, tags, _ = verbs.get(w, (lemma, "", False))
                    verbs[w] = (lemma, f"{tags} {tag}".strip(), readings.get(w, 1) > 1)
    readings_of = {word: r for word, found in verbs.items() if (r := _reading(found)) is not None}
    return _Lexicon(readings_of, third, _hashes(plurals), _hashes(common))


def _hashes(words) -> array:
    return array("q", sorted({hash(w) for w in words}))


def _has(hashes: array, word: str) -> bool:
    h = hash(word)
    i = bisect.bisect_left(hashes, h)
    return i < len(hashes) and hashes[i] == h


def common_word(word: str) -> bool:
    """Whether a word (lower case) is a common English word: one the lexicon knows in lower case
    ("prosecution", "junta"), not a proper name it knows only capitalised ("Taliban", "Sahel")."""
    return _has(_lexicon().common, word)


def verb_reading(word: str) -> tuple[str, str] | None:
    """(lemma, tag) when `word` is an inflected verb form that can tell a happening; None for other
    words. A word as often a noun or a preposition in its base or -s form ("attack", "talks") has a
    tag ending in "?": a verb only after an auxiliary or "to"."""
    return _readings().get(word.lower().replace("’", "'"))


def forms_of(lemmas: frozenset[str]) -> frozenset[str]:
    """Every verb form (lower case) of the given lemmas: a quick test of whether a sentence can hold
    one at all, before reading its words one by one."""
    return frozenset(word for word, (lemma, _) in _readings().items() if lemma in lemmas)


def _readings() -> dict[str, tuple[str, str]]:
    """verb_reading of every verb form."""
    return _lexicon().readings


def _reading(found: tuple[str, str, bool]) -> tuple[str, str] | None:
    """The verb_reading of a verb form the lexicon gives as (lemma, tags, whether it has other readings)."""
    lemma, tags, other_readings = found
    tags = tags.split()
    for tag in ("VBD", "VBN", "VBZ", "VB", "VBG"):
        if tag in tags:
            if tag in ("VBZ", "VB", "VBG") and other_readings:
                # As often a noun or a preposition ("attack", "talks", "near"): a verb only after an
                # auxiliary or "to".
                return (lemma, tag + "?")
            return (lemma, "VBD/VBN" if tag == "VBD" and "VBN" in tags else tag)
    return None


def clause_bounds(sentence: str, pos: int) -> tuple[int, int]:
    """The start and end of the clause of `sentence` that holds position `pos`. A short bracket (an
    abbreviation, "the Central Election Commission (CEC) said") is part of its clause."""
    lo, hi = 0, len(sentence)
    if "(" in sentence:
        sentence = _short_brackets_blanked(sentence)
    for m in _CLAUSE_END.finditer(sentence):
        if m.end() <= pos:
            lo = m.end()
        elif m.start() >= pos:
            hi = m.start()
            break
    return lo, hi


@functools.lru_cache(maxsize=4096)
def _short_brackets_blanked(sentence: str) -> str:
    return _SHORT_BRACKET.sub(lambda m: " " * len(m.group(0)), sentence)


_SHORT_BRACKET = re.compile(r"\([^()]{1,25}\)")
_SHORT_BRACKET_END = re.compile(r"\s*\([^()]{1,25}\)$")


def date_scope(sentence: str, start: int, end: int) -> str:
    """The words that say whether a date lies ahead: its own clause, up to a "that" or "to" that
    opens another ("said on Thursday that they would…", "signed on Friday a plan to end…")."""
    lo, hi = clause_bounds(sentence, start)
    m = re.search(r"\b(?:that|to|plans?|which)\b", sentence[end:hi])
    before = re.search(r"\b(?:that|which|who)\b(?!.*\b(?:that|which|who)\b)", sentence[lo:start])
    lo += before.end() if before else 0
    # "… is due in January after Salwai asked … in November": a clause a subordinator opens
    opened = list(_SUBORDINATE.finditer(sentence, lo, start))
    lo = opened[-1].start() if opened else lo
    hi = end + (m.start() if m else hi - end)
    # "a blockade imposed by armed groups in September", "the talks held in September": a date
    # told by a verb in the past that stands right before it lies in the past, whatever the
    # clause around says of the future.
    verbs = verbs_in(sentence, lo, start)
    last = verbs[-1] if verbs else None
    if last is not None and last.tag in ("VBD", "VBN") and last.lemma not in SPEECH_LEMMAS \
            and start - last.end <= 40 and not _AHEAD_AUX.search(sentence, max(lo, last.start - 30), last.start):
        return sentence[last.start:end]
    # "On Sunday, Ishiba announced he will resign": what is announced lies ahead, not the Sunday
    for w in _WORD.finditer(sentence, end, hi):
        reading = verb_reading(w.group(0).lower())
        if reading is not None and reading[0] in SPEECH_LEMMAS and not reading[1].endswith("?"):
            hi = w.end()
            break
    return sentence[lo:hi]


_AHEAD_AUX = re.compile(r"\b(?:will|would|shall|to|be)\s+(?:\w+\s+){0,2}$", re.I)  # "will be signed"
_SUBORDINATE = re.compile(r"\b(?:after|before|when|because|since|while|until|as)\s+(?=(?:he|she|they|it|we|[A-Z]\w+)\s+[a-z]+(?:ed|ew|id|ld|ok|ame|ent|ote|ave)\b)")


# Words only a noun phrase follows: determiners and prepositions ("the armed forces", "formed by
# ousted lawmakers"); not "this", "those" or "her", which can stand alone ("this happened")
_NOUN_LEADS = frozenset("the a an his its their by of for with from among against into onto upon about "
                        "without within".split())
_ADVERBS = frozenset(("not", "also", "then", "already", "reportedly", "allegedly", "later", "still", "now", "again",
                      "soon", "only", "even", "just"))
_MARKERS = _AUX | {"to"}
_BY = re.compile(r"\s+by\b")


def verbs_in(sentence: str, lo: int, hi: int) -> list[Verb]:
    """The verbs of sentence[lo:hi] that can tell a happening, with the auxiliary before each."""
    out: list[Verb] = []
    prev = ""
    prev_end = -10
    readings = _readings()
    after_determiner = -1  # where the word after a determiner or preposition begins, if one was just read
    for m in _WORD.finditer(sentence, lo, hi):
        word = m.group(0)
        low = word.lower()
        # a word right after "the" or "its" modifies a noun ("the armed forces", "its wounded"): no verb
        # (but "of 100 was released": a number stood between)
        modifier = after_determiner == m.start()
        after_determiner = m.end() + 1 if low in _NOUN_LEADS and sentence[m.end():m.end() + 1] == " " else -1
        if modifier:
            continue
        if low in _MARKERS and not (word[0].isupper() and low in ("may", "will", "can", "must")):
            prev, prev_end = low, m.end()  # (not "May", the month, nor "Will", a name)
            continue
        if low in _ADVERBS:
            prev_end = m.end()
            continue
        start = m.start()
        aux = prev if prev and start - prev_end <= 12 else ""
        prev = ""
        reading = readings.get(low.replace("’", "'"))
        if reading is None or (word[0].isupper() and start > 0):
            continue  # no verb, or a name ("Said", "Will") inside a sentence
        lemma, tag = reading
        if tag[-1] == "?":
            tag = tag[:-1] if aux else ""
        elif tag == "VBD/VBN":  # "put", "declared": a participle after "was" or "has", or before "by"
            participle = aux in _PASSIVE_AUX or aux in _PERFECT_AUX or _BY.match(sentence, m.end())
            tag = "VBN" if participle else "VBD"
        if tag and lemma not in _EMPTY_LEMMAS and not (tag == "VBG" and aux not in _PASSIVE_AUX):
            out.append(Verb(start, m.end(), word, lemma, tag, aux))
    return out


def inside_quote(sentence: str, pos: int) -> bool:
    """Whether pos lies within quotation marks (curly, or straight counted in pairs)."""
    before, after = sentence[:pos], sentence[pos:]
    opened = before.count("“") + before.count("„") + before.count("«")
    closed = before.count("”") + before.count("»")
    if opened > closed or before.count('"') % 2 == 1:
        return True
    # A quotation opened in an earlier sentence closes in this one: "… in detail”, he said."
    close, open_ = after.find("”"), after.find("“")
    return opened == closed and close >= 0 and (open_ < 0 or close < open_)


def dated_verb(sentence: str, start: int, end: int) -> Verb | None:
    """The verb a date expression at sentence[start:end] dates: the nearest in its clause, within a
    short reach, preferring one before it ("stormed the camp last Sunday")."""
    lo, hi = clause_bounds(sentence, start)
    best = None
    aside = _IN_ASIDE.search(sentence, max(0, start - 120), start) is not None
    # Only the words within reach are read (a word cut at the window's edge is no verb form of its own).
    lo, hi = max(lo, start - _MAX_GAP - 20), min(hi, end + _MAX_GAP + 20)
    asides = [(m.start(), m.end()) for m in _ASIDE.finditer(sentence, 0, start)] if "," in sentence else []
    verbs = verbs_in(sentence, lo, hi)
    for v in verbs:
        if inside_quote(sentence, v.start) != inside_quote(sentence, start):
            continue  # the words quoted and the narration around them are told apart
        if _NEGATED_BEFORE.search(sentence, max(0, v.start - 24), v.start):
            continue  # "did not attend the sessions": nothing happened
        gap = start - v.end if v.end <= start else v.start - end
        if gap < 0 or gap > _MAX_GAP:
            continue
        score = gap if v.end <= start else gap * 1.5
        if v.start >= end and _JOINED_AFTER.search(sentence, end, v.start):
            score += 80  # "declared an emergency on Tuesday and imposed a curfew": the date is the first's
        if v.start >= end and aside and "," in sentence[end:v.start]:
            score += 80  # "X, who had led the agency since 2020, was sworn in": the aside's date is its own
        if v.end <= start and any(a < v.start and b <= start for a, b in asides):
            score += 80  # "Prabowo, who took office in 2024, called off a trip on Saturday": not the aside's
        if v.start >= end and any(end <= u.start and u.end <= v.start and u.lemma in SPEECH_LEMMAS for u in verbs):
            score += 80  # "On Sunday he said the violence could give grounds …": the date is the saying's
        if v.lemma in SPEECH_LEMMAS and not _PARTICLE_AFTER.match(sentence, v.end):
            score += 40  # "said on Sunday that it had taken": the happening is told, if at all, beside it
            # (not "called off a trip")
        if v.start >= end and _REPORTING_ASIDE_BEFORE.match(sentence, end, v.start) \
                and _NO_OBJECT_AFTER.match(sentence, v.end):
            score += 80  # "won in a referendum on Sunday, provisional results showed, …": who reports it
        if _reduced_relative(sentence, v, verbs):
            score += 60  # "visited people wounded in the blast on Sunday": the visit is dated
        if v.aux == "to" and v.start >= end and re.match(r"\s*to\s", sentence[end:]):
            score += 40  # "marched on Sunday to protest": the march is dated, the protest its purpose
        if best is None or score < best[0]:
            best = (score, v)
    return best[1] if best else None


def _aside_participle(sentence: str, verb: Verb) -> bool:
    """Whether a past form opens an aside after its noun ("The tally, released on Saturday, spoke
    of …"): a participle, told as one ("Tally released")."""
    if verb.aux or verb.tag != "VBD" or verb.lemma in SPEECH_LEMMAS \
            or _AFTER_NOUN_COMMA.search(sentence, 0, verb.start) is None \
            or _readings().get(verb.word.lower(), ("", ""))[1] != "VBD/VBN":
        return False
    closed = _ASIDE_CLOSED.match(sentence, verb.end)  # the aside closes, and the noun's own verb follows
    reading = verb_reading(closed.group(1).lower()) if closed else None
    return reading is not None and reading[1] in ("VBD", "VBZ", "VBD/VBN")


_ASIDE_CLOSED = re.compile(r"[^,;.]{1,80},\s+(?:also\s+|later\s+)?([a-z]+)\b")
_AFTER_NOUN_COMMA = re.compile(r"\b(?!(?:he|she|it|they|we|and|or|but)\b)[a-z]{3,},\s+$")


def _reduced_relative(sentence: str, v: Verb, verbs: list[Verb]) -> bool:
    """Whether a past form with no auxiliary is a participle that tells of the noun before it, in
    the object of a finite verb before ("visited people wounded in the blast"), not a clause's own
    verb (as after a verb of saying: "said soldiers killed 12")."""
    if v.aux or v.tag != "VBD" or _readings().get(v.word.lower(), ("", ""))[1] != "VBD/VBN":
        return False
    return _NOUN_END.search(sentence, 0, v.start) is not None and any(
        u.end <= v.start and u.tag in ("VBD", "VBZ", "VBP") and u.lemma not in SPEECH_LEMMAS
        and u.lemma not in _CLAUSE_TAKING and not _BREAK.search(sentence, u.end, v.start) for u in verbs)


_NOUN_END = re.compile(r"\b(?!(?:he|she|it|they|we|who|which|that|and|or|but)\b)[a-z]{3,}\s+$")
# Verbs whose object may be a clause without "that" ("showed prices rose", "believe troops crossed").
_CLAUSE_TAKING = frozenset("show find think believe know fear hope expect suggest indicate reveal mean".split())
_BREAK = re.compile(r"[,;:]|\b(?:and|or|but|that|who|which|when|after|before|as)\b")


_TIME_OF_DAY = re.compile(_TIME, re.I)
# Verbs that name whom they tell before what ("told RTL radio that …", "told reporters the talks …").
_TELLING = frozenset("tell inform assure remind notify".split())
_TOLD_WHOM = re.compile(r"^\s*(?:[\w’'.-]+\s+){1,4}?(?=that\b)")
_DETERMINER_WORDS = frozenset("the a an his her its their this these those".split())
_SAID_WHERE = re.compile(r"^\s*(?:in|at|during|through|via|on|from|after)\s+(?:[\w’'-]+\s+){0,5}?(?=that\b)")
_CONTENT_CLAUSE = re.compile(r"^\s*(?:on\s+\w+\s+)?that\b")
_ASIDE = re.compile(r",\s*(?:[^,]{0,40}?\s)?(?:who|which|whose)\b[^,]*,")
_PARTICLE_AFTER = re.compile(r"\s+(?:off|up)\b")
# A reporting aside after a date: a comma, a few words and a verb with nothing after it.
_REPORTING_ASIDE_BEFORE = re.compile(r"\s*,\s*(?:[\w’'-]+\s+){1,4}$")
_NO_OBJECT_AFTER = re.compile(r"\s*(?:[,.;]|$)")
_IN_ASIDE = re.compile(r",\s*(?:[^,]{0,40}?\s)?(?:who|which|whose)\b[^,]*$")  # (", a former general who …")
_JOINED_AFTER = re.compile(r"\s(?:and|but|or|then)\s")
_NEGATED_BEFORE = re.compile(r"\b(?:not|never|n['’]t)\s+(?:\w+\s+)?$", re.I)
# Where a headline's words end: a clause of the narrator's ("as protesters gathered"), not "as" giving a
# role ("named a military officer as prime minister").
_AS_ROLE = (r"\s+(?:(?:the|a|an|its|his|her|their|interim|acting|new)\s+)*(?:[a-z-]+\s+){0,2}?"
            r"(?:minister|president|premier|chancellor|head|chief|leader|envoy|ambassador|governor|mayor|speaker|"
            r"chair(?:man|woman)?|secretary|director|commander|candidate|successor|spokes(?:man|woman|person))\b")
_DROP_AFTER = re.compile(rf"\b(?:that|which|who|whom|after|before|while|as(?!{_AS_ROLE})|because|since|when|where|"
                         r"following|amid|despite|saying|adding|according)\b|(?<!\d),|,(?!\d)|[;:“”\"(]")
_DROP_AFTER_SAID = re.compile(r"\b(?:after|because|while|adding|according)\b|(?<!\d),|,(?!\d)|[;:“”\"(]")
_LEAD = re.compile(r"^(?:(?:and|but|then|also|meanwhile|later|earlier|on|in|at|by)\s+)+", re.I)


def _before_dated_coordinate(sentence: str, verb: Verb, hi: int, drop: list[tuple[int, int]]) -> int:
    """Where the clause of `verb` ends when a verb joined to it by "and" or "but" carries a date of its
    own ("was granted candidate status in June 2022 and opened accession talks in June 2024"): before
    the conjunction, the other happening being another event's."""
    for m in _COORDINATE.finditer(sentence, verb.end, hi):
        joined = verbs_in(sentence, m.end(), min(hi, m.end() + 30))
        if joined and joined[0].start - m.end() <= 12 and joined[0].tag in ("VBD", "VBZ", "VBP") \
                and any(joined[0].end <= a < hi for a, _ in drop):
            return m.start()
    return hi


_COORDINATE = re.compile(r"\s(?:and|but)\s")


def headline(sentence: str, verb: Verb, drop: list[tuple[int, int]]) -> str:
    """A newsroom headline from the clause: who, the verb in the present, what, where ("RSF storms
    the sprawling camp in North Darfur"). `drop`: spans of the sentence (dates, times) to leave
    out, with the word that leads into each ("on Friday", "last Sunday"). `verb`: the verb whose
    clause the date tells (told_verb). A clause whose subject
    cannot be told is given in lower case ("puts the toll at 400"): what it says, but no title."""
    quoted = _quoted_before(sentence, verb, drop) if verb.lemma in SPEECH_LEMMAS else None
    if quoted is not None:
        return quoted
    lo, hi = clause_bounds(sentence, verb.start)
    if re.match(r"(?:who|whom|which|whose)\b", sentence[lo:]) and "," in sentence[lo:verb.start] and lo > 2:
        lo = clause_bounds(sentence, lo - 3)[0]  # the verb after a relative aside is its noun's
    hi = _before_dated_coordinate(sentence, verb, hi, drop)
    # the times of day go with the dates ("hit at 12:47 p.m. on Tuesday")
    times = [(m.start(), m.end()) for m in _TIME_OF_DAY.finditer(sentence, verb.end, hi)]
    spans = [_with_lead(sentence, a, b) for a, b in drop + times]
    modifier = _modifies_noun(sentence, verb, lo, hi, spans)
    if modifier is not None:
        lo, hi = modifier  # "troops dispatched to separate the sides": not what they did after
    rest = re.sub(r"^\s*(?:'s|’s)\b", "", _without(sentence, verb.end, hi, spans))
    # What is said, found or suggested is the news: "says his government will not give in", "hunger
    # monitors determined that famine had taken hold"
    content = verb.lemma in SPEECH_LEMMAS or bool(_CONTENT_CLAUSE.match(rest))
    reported = False
    if content:
        if verb.lemma in _TELLING and _TOLD_WHOM.match(rest):
            rest = _TOLD_WHOM.sub("", rest)  # "told RTL radio that …": what was told, said
            verb = Verb(verb.start, verb.end, verb.word, "say", verb.tag, verb.aux)
        if verb.lemma in SPEECH_LEMMAS:
            rest = _SAID_WHERE.sub("", rest)  # "said in a video statement that …": what was said
        reported = bool(_CONTENT_CLAUSE.match(rest))
        rest = _CONTENT_CLAUSE.sub("", rest)
        rest = re.sub(r"^\s*,[^,]{1,40},", "", rest)  # "that, for the time being, the bloc …"
    rest = _SHORT_BRACKET.sub("", rest)  # "about 30 km (19 miles) off the coast": no bracket in a headline
    rest = _NICKNAME.sub(r"\1 ", rest)  # "Nasry “Tito” Asfura": the name
    rest, stop = _with_short_quotes(rest, _DROP_AFTER_SAID if content else _DROP_AFTER, said=content)
    if stop:
        rest = rest[:stop.start()]
    rest = _PERFECT_PASSIVE.sub("", rest)  # "says 22 people had been killed": "… 22 people killed"
    if content:
        rest = _reported_in_headline_tense(rest)
    words = _headline_words(rest.split())
    saying = _SAYING_AFTER.search(sentence, verb.end) if not content and len(words) <= 2 else None
    if saying and saying.start() <= hi and "," not in sentence[verb.end:saying.start()]:
        # "went further, telling reporters that the opposition would be …": what was said is the news
        said, _ = _with_short_quotes(_without(sentence, saying.end(), clause_bounds(sentence, saying.end())[1], spans),
                                     _DROP_AFTER_SAID, said=True)
        said_words = _headline_words(_reported_in_headline_tense(_PERFECT_PASSIVE.sub("", said)).split())
        if len(said_words) >= 2:
            verb, words, content, reported = Verb(verb.start, verb.end, "said", "say", "VBD", ""), said_words, True, True
    subject, participle = _subject(re.sub(r"\s+,", ",", _without(sentence, lo, verb.start, spans)), verb.aux,
                                   past=verb.tag == "VBD")
    subject = _NICKNAME.sub(r"\1 ", _SHORT_BRACKET_END.sub("", subject))  # "the Central Election Commission (CEC)": its name
    if subject.lower().startswith("whose "):
        subject = _whose_named(sentence, verb.start, subject)
    plural = _plural(subject)
    participle = participle or modifier is not None or _aside_participle(sentence, verb)
    verb_words = verb.word if participle and verb.tag == "VBD" else _present(verb, plural)
    if not (content and reported):  # (what was said keeps its tenses: "says he was shocked and disappointed")
        words = _coordinated_in_tense(words, verb, plural)
    if verb.aux in _MODALS and re.search(rf"\b{verb.aux}(?:\s+(?:{'|'.join(_ADVERBS)}|\w+ly))*$", subject, re.I):
        verb_words = verb.lemma  # "Rescuers could still hear": the modal stays where it stands
    if verb.tag == "VBN" and _FUTURE_PASSIVE.search(sentence, max(0, verb.start - 30), verb.start):
        verb_words = "to be " + verb.word  # "would be sworn in": "to be sworn in"
    text = " ".join(x for x in [subject, verb_words, " ".join(words)] if x)
    text = re.sub(r"\s+", " ", text).strip(" ,.;:")
    return text[:1].upper() + text[1:] if subject else text[:1].lower() + text[1:]


def _clause_of_time(words: list[str], i: int) -> bool:
    """Whether "since", "after" (words[i]) opens a clause of its own, whose verb comes next: the
    words before it have a verb of their own ("the clashes were the worst since the Taliban
    returned"), or are no sentence's beginning ("…, the best showing since the republic came into
    being"). Else it leads a phrase of the subject ("The number of dead after the quake rose")."""
    if words[0][:1].islower():
        return True
    return any(w.lower() in FINITE_AUX or (r := verb_reading(w.lower().strip(","))) is not None
               and r[1] in ("VBD", "VBZ", "VBP") for w in words[1:i])


def _whose_named(sentence: str, end: int, subject: str) -> str:
    """"Whose alliance" with the name it follows for "whose": "Fiala's alliance" (from "Fiala, whose
    alliance beat ANO"); as it is when no name stands before it."""
    whose = list(_WHOSE.finditer(sentence, 0, end))
    name = _NAME_BEFORE_COMMA.search(sentence, 0, whose[-1].start()) if whose else None
    return f"{name.group(1)}'s {subject[6:]}" if name else subject


_WHOSE = re.compile(r"\bwhose\b", re.I)
_NAME_BEFORE_COMMA = re.compile(r"((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*),\s*$")


def _headline_words(words: list[str]) -> list[str]:
    """A headline's words after its verb, cut to about twelve where a clause of its own begins, not
    in the middle of one, nor of a phrase or a short quotation, and without a word left dangling."""
    if len(words) > 12:
        words = words[:_quote_whole(words, 12)]
        quoted = _quoted_words(words)
        opens = [i for i, w in enumerate(words) if i >= 2 and i not in quoted and (
            w.lower().strip(",") in _CLAUSE_OPENERS
            or w.lower() == "and" and i + 1 < len(words) and words[i + 1].lower() in _AUX | _MODALS)]  # "and will …"
        if words[-1].rstrip(",.;:").endswith("’"):
            pass  # a quotation ends it
        elif opens:
            words = words[:opens[-1]]
        else:  # nor in the middle of a phrase: "… leading to his arrest on drug" ends before "on"
            cut = [i for i, w in enumerate(words) if i >= 3 and w.lower() in _PHRASE_OPENERS and i not in quoted]
            if cut and cut[-1] >= len(words) - 4:
                head = len(cut) - 1
                while head and words[cut[head]].lower() == "of":
                    head -= 1  # "in the first major shake-up of his …": the phrase "of" goes on is cut whole
                words = words[:cut[head]]
    while words and words[-1].lower().strip(",") in _TRAILING and not (len(words) == 1 and words[0] in PARTICLES):
        words.pop()  # (but a phrasal verb keeps its particle: "sworn in", "handed down")
    return words


def _quoted_words(words: list[str]) -> set[int]:
    """The indexes of words within a headline's single quotes (the quote marks' own words too)."""
    out, inside = set(), False
    for i, w in enumerate(words):
        inside = inside or w.startswith("‘")
        if inside:
            out.add(i)
        if w.rstrip(",.;:").endswith("’"):
            inside = False
    return out


def _quote_whole(words: list[str], n: int) -> int:
    """Where to cut `words` at about `n`: never inside a short quotation a headline keeps, whose
    end is taken along (it is at most eight words long)."""
    opened = next((i for i in range(n - 1, -1, -1) if words[i].startswith("‘")), None)
    if opened is None or any(w.endswith("’") for w in words[opened:n]):
        return n
    close = next((i for i in range(n, len(words)) if words[i].rstrip(",.;:").endswith("’")), None)
    return close + 1 if close is not None else opened


# "“This council does not have …,” Britain's UN ambassador Barbara Woodward told the chamber": a
# quotation that opens the sentence, who said it and the verb (what follows the verb is no more
# than whom and how it was said)
_QUOTE_FIRST = re.compile(r"^\s*[“\"]([^”\"]{8,}?)[,.!?]?\s*[”\"]\s*,?\s+((?:[\w’'.-]+\s+){1,9}?)$")
_SAID_TO = re.compile(r"^(?:\s+(?:in|on|at|to|during|via|from)?\s*(?:an?|the|his|her|its|their|reporters|journalists)?"
                      r"\s*(?:[\w’'-]+\s*){0,4})?[.!]?\s*$")
_QUOTE_CUT = re.compile(r"[,;:–—]|\s(?:that|which|who|because|but|and|so|if|when|while)\s")


def _quoted_before(sentence: str, verb: Verb, drop: list[tuple[int, int]]) -> str | None:
    """A headline for words quoted before whoever said them: "Barbara Woodward says ‘This council
    does not have the necessary assurance…’", the quotation to its first clause's end."""
    m = _QUOTE_FIRST.match(sentence[:verb.start])
    after = _without(sentence, verb.end, len(sentence), [_with_lead(sentence, a, b) for a, b in drop])
    if m is None or not _SAID_TO.match(after) or inside_quote(sentence, verb.start):
        return None
    subject, _ = _subject(m.group(2), verb.aux)
    if not subject:
        return None
    quote = m.group(1).strip()
    cut = next((c for c in _QUOTE_CUT.finditer(quote) if len(quote[:c.start()].split()) >= 4), None)
    words = quote[:cut.start()].split() if cut else quote.split()
    short = len(words) > 10 or cut is not None
    words = words[:10]
    while len(words) > 4 and words[-1].lower() in _TRAILING:
        words.pop()
    quote = " ".join(words).rstrip(",.;:") + ("…" if short else "")
    said = Verb(verb.start, verb.end, verb.word, "say" if verb.lemma in _SAID_AS_SAY else verb.lemma, verb.tag, "")
    text = f"{subject} {_present(said, _plural(subject))} ‘{quote}’"
    return text[:1].upper() + text[1:]


_SAID_AS_SAY = frozenset("tell add state write note report declare".split())
# Auxiliaries and modals that make a verb after them finite ("were handed", "could rise").
FINITE_AUX = frozenset("has have had is are was were will would could can may might must should".split())
_JOINS = re.compile(r"[,;:]|\b(?:and|but|or|that|which|who|whom|when|where|after|before|while|because|as|if|since)\b")
_PHRASE_OPENING = frozenset("on in of to for with by from under against over into at during after before through "
                            "within".split())


def _modifies_noun(sentence: str, verb: Verb, lo: int, hi: int,
                   spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Where the noun's clause begins and the phrase ends when a past form with no auxiliary is a
    participle after its noun, not the clause's verb (None when it is the verb): its noun lies in a
    phrase of time or place ("in a special vote held on Sunday"), the clause's verb comes after it
    ("troops dispatched on Monday to separate the sides ended up …"), or it follows its noun after a
    comma ("the report, published in February, …"). A headline keeps it a participle ("Special vote
    held")."""
    if verb.tag != "VBD" or verb.aux or (verb_reading(verb.word.lower()) or ("", ""))[1] != "VBD/VBN" \
            or verb.lemma in SPEECH_LEMMAS:
        return None
    after = re.match(r"\s*([\w’'-]*)", _without(sentence, verb.end, hi, spans)).group(1).lower()
    if after and after not in _PHRASE_OPENING | {"to"}:
        return None  # an object right after it: the clause's verb ("won the most seats")
    before = _without(sentence, lo, verb.start, spans).split(",")[-1]
    if before.split()[:1] and before.split()[0].lower() in _PHRASE_OPENING and len(before.split()) <= 8 \
            and not verbs_in(before, 0, len(before)):
        return lo, hi
    noun = _NOUN_COMMA.search(sentence, 0, verb.start) if verb.lemma not in SPEECH_LEMMAS else None
    if noun and (verb_reading(noun.group(1).lower()) or ("", ""))[1][:3] not in ("VBD", "VBN", "VBZ") \
            and _a_verb_before(sentence, noun.start()) \
            and "," not in sentence[max(0, noun.start() - 60):noun.start()] \
            and not _ASIDE_ENDS.search(sentence, 0, verb.start):  # (nor the end of an aside)
        # (the noun is the object of a verb before it; no verb just before the comma: "advanced,
        # seized the airport")
        comma = sentence.find(",", verb.end, hi)
        return _noun_phrase_start(sentence, noun.start(1)), comma if comma > 0 else hi
    for v in verbs_in(sentence, verb.end, hi):
        if _JOINS.search(sentence, verb.end, v.start):
            return None
        if v.tag in ("VBD", "VBZ", "VBP") and not v.aux or v.aux in FINITE_AUX:
            aux = re.search(rf"\b{v.aux}\s+(?:\w+\s+)?$", sentence[:v.start]) if v.aux else None
            return lo, aux.start() if aux else v.start  # ("… were handed over": not "were")
    return None


def _a_verb_before(sentence: str, end: int) -> bool:
    """Whether a finite verb, or a word that can be one, stands in sentence[:end] (not right after a
    determiner or a preposition)."""
    prev = ""
    for w in _WORD.finditer(sentence, 0, end):
        low = w.group(0).lower()
        reading = verb_reading(low)
        if reading and reading[1].rstrip("?") in ("VBD", "VBZ", "VBP", "VBD/VBN") and prev not in _NOUN_LEADS:
            return True
        prev = low
    return False


def _noun_phrase_start(sentence: str, end: int) -> int:
    """Where the noun phrase ending at `end` begins: after the verb or the preposition before it
    ("comes from the health ministry's survey"), within the clause."""
    lo = clause_bounds(sentence, end)[0]
    after_verb = after_preposition = None
    for w in _WORD.finditer(sentence, lo, end):
        low = w.group(0).lower()
        reading = verb_reading(low)
        if low in _PHRASE_OPENING and low != "of":
            after_preposition = w.end()
        elif reading and reading[1].rstrip("?") in ("VBD", "VBZ", "VBP", "VBD/VBN"):
            after_verb = w.end()
    return after_preposition or after_verb or lo


_NOUN_COMMA = re.compile(r"([A-Za-z]+),\s*$")
_ASIDE_ENDS = re.compile(r",\s*(?:[^,]{0,40}?\s)?(?:who|which|whose)\b[^,]*,\s*$")


_NICKNAME = re.compile(r"\b([A-Z][\w’'.-]*) [“\"‘][A-Z][\w’'-]*[”\"’] (?=[A-Z])")
_SAYING_AFTER = re.compile(r"\s*,\s+(?:saying|telling\s+(?:[\w’'-]+\s+){1,3}?(?=that\b))(?:\s*that\b)?\s*")
_QUOTE_OPEN = re.compile(r"[“\"]")
_QUOTE_CLOSE = re.compile(r"[”\"]")


def _with_short_quotes(rest: str, stops: re.Pattern, said: bool = False) -> tuple[str, re.Match | None]:
    """The words after a headline's verb with a short quotation kept in single quotes, as headlines
    do ("warns of ‘massive interference from Russia’"), and where they end; a long one ends them,
    unless it goes on with what was `said` after two words or more of it."""
    at = 0
    while True:
        stop = stops.search(rest, at)
        if stop is None or not _QUOTE_OPEN.match(rest, stop.start()):
            return rest, stop
        close = _QUOTE_CLOSE.search(rest, stop.end())
        quoted = rest[stop.end():close.start()] if close else ""
        if quoted.strip() and len(quoted.split()) > 8 and said and len(rest[:stop.start()].split()) >= 2:
            # what was said goes on in the speaker's words ("says he was “shocked and disappointed
            # by …”"): a headline reports it without the marks
            rest = f"{rest[:stop.start()]}{quoted.strip(' ,.')}{rest[close.end():]}"
            at = stop.start()
            continue
        if not quoted.strip() or len(quoted.split()) > 8:
            return rest, stop
        rest = f"{rest[:stop.start()]}‘{quoted.strip(' ,.')}’{rest[close.end():]}"
        at = stop.start() + len(quoted.strip(" ,.")) + 2


def told_verb(sentence: str, verb: Verb, drop: list[tuple[int, int]]) -> Verb:
    """The verb whose clause a date tells: the verb it dates, or the verb of a clause right after it
    once the date between them is left out ("The vote came a day after negotiators signed it": the
    signing; "came" only places it in time)."""
    if not any(0 <= a - verb.end <= 20 for a, _ in drop):
        return verb  # (the date is not right after the verb: most verbs, told at once)
    hi = clause_bounds(sentence, verb.start)[1]
    inner = _clause_after(sentence, verb, hi, [_with_lead(sentence, a, b) for a, b in drop])
    return inner if inner is not None else verb


def _clause_after(sentence: str, verb: Verb, hi: int, spans: list[tuple[int, int]]) -> Verb | None:
    """The verb of a clause right after `verb` once the date between them is left out ("came a day
    after negotiators signed"): the happening the date tells, when `verb` only places it in time."""
    if not any(verb.end <= a < hi and not sentence[verb.end:a].strip() for a, _ in spans):
        return None  # (the date must stand right after the verb: "came a day after …")
    for v in verbs_in(sentence, verb.end, hi):
        if v.tag != "VBD" or v.aux:
            continue
        between = _without(sentence, verb.end, v.start, spans).split()
        if between and len(between) <= 6 and not any(w.endswith(",") for w in between) \
                and between[0].lower() not in ("and", "or", "but", "then", "to", "that") \
                and sentence[verb.end:v.start].strip() != " ".join(between):
            return v
        return None
    return None


def when_verb(sentence: str, date_end: int) -> Verb | None:
    """The verb of a "when" clause right after a date ("on Thursday night, when an armoured vehicle
    ran over a driver"; "traces back to July 11, when a merchant was ambushed"): the happening the
    date is the time of."""
    m = _WHEN_AFTER.match(sentence, date_end)
    if m is None:
        return None
    hi = clause_bounds(sentence, m.end())[1]
    for v in verbs_in(sentence, m.end(), hi):
        if v.tag in ("VBD", "VBZ", "VBP") or v.tag == "VBN" and v.aux in _PASSIVE_AUX:
            return v
    return None


_WHEN_AFTER = re.compile(r"(?:\s+(?:night|morning|afternoon|evening))?\s*,?\s+when\s+(?!asked\b)", re.I)


_DATE_REMNANT = re.compile(r"(?:(?:\s+(?:late|early))?\s+(?:on|in|during|by)\s+the\s+(?:night|morning|evening|afternoon|day)"
                           r"(?:\s+of)?|"
                           r"\s+(?:between|from|and)(?:\s+\d{1,2})?)\s*[,.;:]?\s*$", re.I)
_WOULD = re.compile(r"\bwould\b")
_HAD_PAST = re.compile(r"\bhad\s+(?=([a-z]+)\b)")


def without_date_remnant(headline: str) -> str:
    """A headline without what a left-out date left at its end ("… on the night", "… between"): for
    a title; the clause as read keeps its words."""
    return _DATE_REMNANT.sub("", headline)


def _reported_in_headline_tense(rest: str) -> str:
    """Reported words in a headline's tense: "says his government will not give in", "says the
    alliance topped the tallies" (not "would", "had topped"); "had" stays before a participle that
    is no past tense too ("had taken")."""
    rest = _WOULD.sub("will", rest)
    return _HAD_PAST.sub(lambda m: "" if (r := verb_reading(m.group(1))) and r[1] == "VBD/VBN" else m.group(0), rest)


_PERFECT_PASSIVE = re.compile(r"\b(?:had|has|have)\s+been\s+(?=[a-z]+ed\b|[a-z]+en\b)")
def _first_of_list(words: list[str]) -> bool:
    """Whether words open with the first name of a list ("Kosovo, Croatia and Albania"), not a
    lead-in ("Meanwhile,", "On Friday,")."""
    return words[0][:1].isupper() and words[0].lower().strip(",") not in _LEAD_WORDS and "and" in words[1:4]


_PERSONAL_PRONOUNS = frozenset("he she they it we".split())
_NO_SUBJECT_START = frozenset("since but and when after before shortly soon just once until while".split())
_PLANNED = frozenset("due set expected scheduled going poised".split())
_BE = frozenset("is are was were".split())
_SUBJECT_OPENERS = frozenset("because while when although though whereas if".split())
_TIME_OPENERS = frozenset("since after before until once".split())
_PREPOSITIONS = frozenset("on in of to for with by from under against over into".split())
_PHRASE_OPENERS = frozenset("of to for from with in on at by and or as into over under between against".split())


def _coordinated_in_tense(words: list[str], verb: Verb, plural: bool) -> list[str]:
    """The words after the verb with a verb joined to it by "and" in the headline's tense too:
    "sacks his government and names an officer", not "… and named"."""
    if verb.tag != "VBD" or verb.aux:
        return words
    out = list(words)
    for i in range(1, len(out)):
        reading = verb_reading(out[i].lower()) if out[i - 1].lower() == "and" else None
        if reading and reading[1] in ("VBD", "VBD/VBN"):
            out[i] = _inflected(reading[0], "VBP" if plural else "VBZ") or out[i]
    return out


_RELATIVE_ASIDE = re.compile(r"^\s*([^,]{2,60}?),\s+(?:who|whom|which|whose)\b[^,]*(?:,[^,]*)*?,\s*(?:\w+\s+)?$")
_NAME_ASIDE = re.compile(r"^\s*((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*),\s+(?:a|an|the|\d{1,3})\b[^,]*(?:,[^,]*)*?,"
                         r"\s*(?:\w+\s+)?$")
_NOUN_BOUNDARY = frozenset("of to for from with in on at by a an the and or".split())
PARTICLES = frozenset("in down up off out over".split())  # a phrasal verb's: "sworn in", "steps down"
_FUTURE_PASSIVE = re.compile(r"\b(?:will|would|shall|is\s+to|are\s+to|was\s+to|were\s+to)\s+(?:soon\s+|then\s+)?be\s+$")
_CLAUSE_OPENERS = frozenset("that which who whom whose when while because if whether although though "
                            "since until".split())
_LEAD_WORDS = frozenset("just meanwhile earlier later then however also still yesterday today separately instead "
                        "so thus now again".split())
_TRAILING = frozenset("the a an of to in on at and for with by from its their his her this that".split())
# The words that lead into a date: one preposition, with "early" or "late" around it ("late on",
# "in late"); not a phrasal verb's particle before it ("sworn in on 8 November").
_LEADS = re.compile(r"\b(?:(?:early|late|earlier|later)\s+)?(?:on|in|at|since|from|until|by|last|this|next)\s+"
                    r"(?:(?:early|late|around|about|shortly\s+(?:after|before)|just\s+(?:after|before))\s+)?$|"
                    r"\b(?:early|late|earlier|later)\s+$", re.I)


def _with_lead(sentence: str, a: int, b: int) -> tuple[int, int]:
    """A date's span with the words that lead into it ("late on") and the part of its day after it
    ("Tuesday night")."""
    if _POSSESSIVE_S.match(sentence, b):  # "in Sunday's special ballot": the ballot keeps its "in"
        return a, b + 2
    m = _LEADS.search(sentence[max(0, a - 40):a])
    part = _DAY_PART.match(sentence, b)
    return (a - (len(sentence[max(0, a - 40):a]) - m.start()) if m else a, part.end() if part else b)


_DAY_PART = re.compile(r"\s+(?:night|evening|morning|afternoon)\b")
_POSSESSIVE_S = re.compile(r"['’]s\b")


def _without(sentence: str, lo: int, hi: int, spans: list[tuple[int, int]]) -> str:
    """sentence[lo:hi] with the spans cut out."""
    out, at = [], lo
    for a, b in sorted(spans):
        if b <= at or a >= hi:
            continue
        out.append(sentence[at:max(at, a)])
        at = max(at, b)
    out.append(sentence[at:hi])
    return " ".join(out)


def _subject(before: str, aux: str, past: bool = False) -> tuple[str, bool]:
    """Who acts: the last words before the verb, without the auxiliary, the lead-in words of the
    clause ("Since Friday, the"), or a leading article; and whether the verb is a participle after
    the noun it tells of ("The text builds on a declaration signed in April"). `past`: the verb is
    in the past tense, as one a clause of time opens is ("since the Taliban returned")."""
    aside = _RELATIVE_ASIDE.match(before) or _NAME_ASIDE.match(before)
    if aside:  # "Henry, who had been prime minister since 2021 …, agreed": Henry
        before = aside.group(1)  # (and "Rodrigo Paz, a centrist senator who …, won": Rodrigo Paz)
    words = before.split()
    if len(words) >= 4 and words[-1].lower() == "then" and words[-2].lower() in ("and", "but"):
        words.pop()  # "seized Goma and then captured"
    if len(words) >= 3 and words[-1].lower() in ("and", "but"):
        # a verb joined to an earlier one ("Moldova was granted candidate status and opened talks"):
        # the earlier verb's subject
        first = next((i for i, w in enumerate(words[:-1]) if (r := verb_reading(w.lower().strip(",")))
                      and not r[1].endswith("?") and r[1] != "VBG"), None)
        if first and not any(w.lower() in _MODALS or w.lower() == "be" for w in words[:first]):
            words = words[:first]  # (not after a modal: "will be approved and published" stays one)
    if aux and words and words[-1].lower() == aux:
        words.pop()
    if aux == "to" and len(words) >= 2 and words[-1].lower() in _PLANNED and words[-2].lower() in _BE:
        words = words[:-2]  # "Min Aung Hlaing is due to travel": he is to travel
    if len(words) >= 3 and words[-1].lower() == "to" and words[-2].lower() in _BE:
        words = words[:-2]  # "Paz is to be sworn in": Paz
    while words and words[-1].lower() in ("not", "also", "then", "already", "reportedly", "allegedly", "later", "has",
                                          "have", "had", "is", "are", "was", "were", "be", "will", "would", "shall", "could",
                                          "may", "might", "must", "should", "can", "soon"):
        words.pop()
    aside = next((i for i, w in enumerate(words[:-1]) if i and w.endswith(",") and words[-1].endswith(",")
                  and (r := verb_reading(words[i + 1].lower())) and r[1] == "VBG"), None)
    if aside is not None:  # "Pakistani officials, speaking on condition of anonymity,": the officials
        words = words[:aside] + [words[aside].rstrip(",")]
    lead = next((i for i, w in enumerate(words) if w.endswith(",")), None)
    k = 1 if words and words[0].lower() in _NO_SUBJECT_START | {"upon", "on", "by"} else 0
    if lead is not None and k < lead < len(words) - 1 and (r := verb_reading(words[k].lower())) and r[1].startswith("VBG"):
        words, lead = words[lead + 1:], None  # "After casting her ballot, Sandu warned": Sandu
    if lead == 0 and words[0][:1].isupper() and words[0].lower().strip(",") not in _LEAD_WORDS:
        words = [words[0].rstrip(",")]  # "Mahama, 66, won": the name before an apposition
    elif lead is not None and lead < 2:
        words = words[lead + 1:]  # "Just this week, Serbia's government": the lead-in goes
    # Who acts in this clause, not in the one that reports it: "Trump announced that both sides"
    # is "both sides", "the military said its troops" is "its troops".
    for i in range(len(words) - 1, -1, -1):
        low = words[i].lower().strip(",")
        reading = verb_reading(low)
        if low in ("that", "which", "who") and i == len(words) - 1 and i > 0:
            # "a sealed ICC warrant that had been issued": the relative pronoun stands for the noun before it
            noun = words[max(0, i - 4):i]
            cut = max((j for j, w in enumerate(noun) if w.lower().strip(",") in _NOUN_BOUNDARY), default=-1)
            words = noun[cut + 1:]
            break
        if low in ("that", "which", "who") or (reading is not None and reading[0] in SPEECH_LEMMAS
                                               and not reading[1].endswith("?")):
            words = words[i + 1:]
            if reading is not None and reading[0] in _TELLING:
                # "told reporters the talks had failed": whom they told, then who acts
                told_to = next((j for j, w in enumerate(words) if j and w.lower() in _DETERMINER_WORDS), None)
                words = words[told_to:] if told_to else words
            break
        if i > 0 and (low in _SUBJECT_OPENERS or reading is not None and reading[1] in ("VBD", "VBZ")
                      or low in _TIME_OPENERS and past and 0 < len(words) - i - 1 <= 6
                      and _clause_of_time(words, i)):
            # "the deadliest fighting since the Taliban returned": the Taliban
            words = words[i + 1:]  # "The vote comes a day after negotiators signed": the negotiators
            if words and words[0].lower() in _PREPOSITIONS:
                words = [w for w in words[1:] if w.lower() not in ("the", "a", "an")]
                return " ".join(words[-7:]).strip(" ,"), True
            break
    if len(words) > 1 and words[-1].lower() in _PERSONAL_PRONOUNS:
        words = words[-1:]  # "Aboard Air Force One he told", "the deal they signed": the pronoun acts
    while words and (words[0].lower() in ("the", "a", "an") or words[0] in ("'s", "’s")):
        words.pop(0)  # (and what a date dropped before it left: "Friday's earthquake")
    whole = len(words) <= 7
    if not whole:  # a long noun phrase: from a word that can open one ("Than 200 injured" cannot)
        opens = [i for i in range(len(words) - 7, len(words))
                 if words[i - 1].endswith(",") or words[i - 1].lower() in ("the", "a", "an") or words[i][:1].isupper()]
        if not opens:
            return "", False
        words = words[opens[0]:]
    while words and (words[0].lower() in _TRAILING or words[0].lower() in _NO_SUBJECT_START
                     or words[0].endswith(",") and not (whole and _first_of_list(words))):
        words.pop(0)
    return " ".join(words).strip(" ,"), False


def _plural(subject: str) -> bool:
    if (re.search(r"\band\b", subject) and not _AND_IN_A_NAME.search(subject)) \
            or subject.lower() in ("they", "we", "both"):
        return True
    if re.match(r"(?:tens|hundreds|thousands|millions|dozens|scores)\s+of\b", subject, re.I):
        return True  # "Tens of thousands of displaced Palestinians set off"
    head = re.split(r"\s(?:of|over|in|on|at|from|with|for|by|near|across|against)\s", subject)[0]
    last = head.split()[-1] if head.split() else ""  # "Clashes over a water point": "Clashes" counts
    # (a people's name in the plural, which no lexicon lists: "Ecuadorians", "Hondurans")
    return plural_noun(last.lower()) or bool(re.fullmatch(r"[A-Z][a-z]+(?:ans|ese|is)", last)) and len(head.split()) == 1


# "and" inside one name: "the Party of Action and Solidarity", "the Ministry of Trade and Industry"
_AND_IN_A_NAME = re.compile(r"\b(?:of|for)\s+[A-Z][\w-]*\s+and\s+[A-Z]")


def plural_noun(word: str) -> bool:
    """Whether a word (lower case) is a noun in the plural ("presidents")."""
    return _has(_lexicon().plurals, word)


_MODALS = frozenset("can could may might must should".split())


def with_subject(told: str, verb: Verb, subject: str) -> str:
    """A headline without its subject (clauses.headline gives it in lower case: "win an outright
    majority") with one: the subject's name first and the verb in the singular ("PAS wins an outright
    majority"); the headline as it is when it does not open with its verb."""
    bare = _present(verb, True)
    if told == bare or told.startswith(bare + " "):
        return f"{subject} {_present(verb, False)}{told[len(bare):]}"
    return told


def _present(verb: Verb, plural: bool) -> str:
    """The headline tense: the present for a past or perfect ("struck" -> "strikes"), the participle
    alone for a passive ("was detained" -> "detained")."""
    if verb.tag == "VBN" and verb.aux not in _PERFECT_AUX:
        return verb.word  # a passive: "detained", "signed by"
    if verb.aux in ("will", "would", "shall", "to"):
        return "to " + verb.lemma
    if verb.aux in _MODALS:
        return f"{verb.aux} {verb.lemma}"  # "rescuers could hear", not "could hears"
    return _inflected(verb.lemma, "VBP" if plural else "VBZ") or verb.word


def _inflected(lemma: str, tag: str) -> str:
    return lemma if tag == "VBP" else _lexicon().third_person.get(lemma, "")
