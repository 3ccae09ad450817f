"""Attributions in a sentence: which words someone is said to have said, and who that someone is.

A statement is told by a verb of speech or stance ("said", "told", "denied", "called … a", "put the
toll at") wherever it stands in the sentence. For each such verb this module finds, in the text of
one sentence alone:
- the words that name the speaker: the subject before the verb, past appositions and asides
  ("Imamoglu, Erdogan's main rival, has denied …"), the antecedent of "who", or the words after an
  inverted verb ("…, said the ministry");
- the words attributed: the verb's complement up to where the next attribution or a clause of the
  narrator's own begins, or for a trailing attribution ("…, officials said.") the words before it.

Which words are verbs, and their tenses, come from the lexicon in clauses.py (lemminflect's
tables). Who the speaker words refer to is left to the caller, which knows the actors (reported.py).
English only, as clauses.py.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from sitegen.ingest.clauses import FINITE_AUX, forms_of, verb_reading

# Verbs that attribute words to someone; their complement is what was said.
SPEECH = frozenset("say tell state announce declare warn claim insist add note argue stress confirm report "
                   "write explain maintain allege assert estimate predict believe contend counter reply "
                   "respond specify signal suggest indicate recall reiterate emphasise emphasize tweet "
                   "caution concede complain".split())
# Verbs whose meaning is part of what was said ("denied wrongdoing", "called the deal a shame"):
# the statement keeps the verb.
STANCE = frozenset("deny reject dismiss accuse blame acknowledge admit accept vow pledge promise urge call "
                   "describe hail condemn denounce praise criticise criticize welcome threaten demand "
                   "doubt put voice express".split())
# Verbs that voice an attitude only with its noun after them ("voiced concern", "expressed hope").
_ATTITUDE = frozenset(("voice", "express"))
_ATTITUDE_AFTER = re.compile(r"\s+(?:(?:its|his|her|their|deep|grave|serious|strong|full)\s+)*(?:concerns?|support|"
                             r"opposition|hope|regret|doubts?|alarm|dismay|outrage|solidarity|condolences|frustration|"
                             r"disappointment|optimism|satisfaction)\b", re.I)
# Verbs that take a stance only when they label what they name ("called it a coup", "welcomed the
# deal as a breakthrough"): alone they may tell a ceremony ("welcomed the delegation").
# "Condemned the attack", "criticised the agency for …" are stances as they stand.
_LABELLING = frozenset("call describe hail praise welcome".split())

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_PRONOUNS = frozenset("he she it they we i".split())
_PASSIVE = frozenset("is are was were be been being".split())
# Where the words naming a speaker begin, looking back from the verb.
_SUBJECT_START = re.compile(r"(?:[;:]|\s[–—-]\s|[”\"»]|,\s+(?:and|but|while|whereas|as|after|before|when|although|"
                            r"though|because|since|where|which|whom|who|that)\b|\b(?:while|whereas|although|though|after|"
                            r"before|because|since|when|where|which|whom|who|what|that|as|if|once|until)\s)")
# Between a subject and its verb: auxiliaries, adverbs, a time ("Asif on Saturday dismissed …").
_BEFORE_VERB = re.compile(r"(?:\s*,?\s*\b(?:has|have|had|also|later|then|repeatedly|previously|again|further|never|"
                          r"not|did|does|do|already|reportedly|publicly|once|itself|himself|herself|themselves|"
                          r"meanwhile|however|too|last\s+\w+|earlier(?:\s+in\s+the\s+day)?|"
                          r"(?:on|late|early)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
                          r"(?:\s+(?:morning|afternoon|evening|night))?|in\s+a\s+(?:statement|post|video|"
                          r"speech|interview)(?:\s+on\s+\w+)?|at\s+the\s+time)\s*,?)+\s*$", re.I)
# At the start of a complement: to whom and when it was said, and "that".
_COMPLEMENT_LEAD = re.compile(r"^(?:\s*,?\s*(?:that\b|(?:on|in|at|via|during|after|from|late|early|earlier|"
                              r"last|this|through|to|for)\s+(?:an?\s+|the\s+|his\s+|her\s+|its\s+|their\s+)?"
                              r"(?:[\w’'-]+\s+){0,3}?(?:(?:morning\s+|regular\s+|daily\s+|weekly\s+)*"
                              r"(?:news|press)\s+conference|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                              r"statement|report|study|assessment|findings|"
                              r"post|video|speech|interview|briefing|conference|address|anonymity|X|Telegram|"
                              r"Facebook|Twitter|Instagram|media|television|TV|radio|day|week|month|morning|"
                              r"evening|night|afternoon|scene|time|meeting|summit|rally|event|lecture|session|"
                              r"[A-Z][\w.-]+(?:\s+[A-Z][\w.-]+)*)\b\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?\b)?(?:,?\s+\d{4}\b)?(?:\s+(?:morning|afternoon|"
                              r"evening|night))?"
                              # ("in a preliminary report released early on Saturday that …")
                              r"(?:\s+(?:released|published|issued|posted)(?:\s+(?:early|late|on|in|last))*"
                              r"(?:\s+[A-Z]\w+)?)?))+\s*")
# A phrase of time or place that ends the clause after a verb ("said after the signing ceremony.").
_ADJUNCT_END = re.compile(r"\s+(?:on|in|at|after|before|during|from|for|to|via|late|early|earlier|later|last|"
                          r"this)\b[^,.;:“”\"]{0,50}?(?=\s*(?:[,.!?:]|$))")
_WHEN_BEFORE_THAT = re.compile(r"\s+(?:(?:shortly|just|moments|hours|days|soon|long)\s+)?(?:before|after|when|while)"
                               r"\s+[^,;:“”\"]{1,60}?(?=\s+that\s)")
_TELL_OBJECT = re.compile(r"^\s*(?:(?:[a-z]+ing\s+|foreign\s+|local\s+|state\s+|national\s+|public\s+)?"
                          r"(?:reporters|journalists|investigators|lawmakers|parliament|supporters|crowds?|members|"
                          r"students|soldiers|troops|delegates|diplomats|voters|television|TV|radio|media|press|"
                          r"broadcasters?|news\s+agencies)|the\s+\w+|"
                          r"an?\s+\w+(?:\s+\w+)?|[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})"
                          r"(?:\s+(?:news\s+agency|newspaper|daily|broadcaster|television|radio|news\s+channel|"
                          r"in\s+an\s+interview))?(?=\s|[,.!?;:]|$)")
# Where the attributed words end: a clause the narrator adds.
_COMPLEMENT_END = re.compile(r",\s+(?:who|which|whose|where|while|whereas|but|although|though|as|even as|"
                             r"a\s+step|an?\s+\w+\s+that)\b|;|\s[–—-]\s")
_PUT_AT = re.compile(r"\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:toll|number|figure|count|tally|total|cost|losses|"
                     r"damage|death\s+toll)\s+(?:of\s+[\w\s]{0,30}?)?at\b")
_OBJECT_WORD = r"\s+(?!(?:for|to|in|on|at|with|from|by|out|up|off|into|during|after|before)\b)[^\s,;.“”\"]+"
_LABEL_AFTER = re.compile(rf"^\s+(?:on|for)\b|^(?:{_OBJECT_WORD}){{1,6}}?\s+(?:as\b|an?\b|the\b)|"
                          rf"^\s+[^;:.“”\"]{{1,100}}?\s+as\s+(?!(?:it|he|she|they|we|well|soon|long|much)\b)\w|"
                          rf"^(?:{_OBJECT_WORD}){{0,6}}?(?:\s+(?:on|in)(?:\s+[^\s,;.“”\"]+){{1,3}}?)?\s*[“\"]")
# ("calling the win on X "a big step"": where it was said may come between)
# Words before which "claims", "reports", "calls" are nouns.
_NOT_SUBJECT = frozenset("the a an his her its their our my your these those this that such any some no of in on for "
                         "with by from to and or which whose new".split())


@dataclass(frozen=True)
class Attribution:
    """One attribution in a sentence; spans are (start, end) offsets in the sentence."""

    verb: tuple[int, int]
    lemma: str
    subject: tuple[int, int] | None  # the words naming the speaker; None: the subject of the clause before
    said: tuple[int, int]  # the words attributed
    trailing: bool = False  # "…, officials said.": the words attributed come before the verb
    relative: bool = False  # "Bolsonaro, who denies wrongdoing": the speaker is the noun "who" follows


def quote_spans(s: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation in s, marks included. A closing mark with no opening one
    ends a quotation begun in the sentence before ('BEWARE!" the president wrote')."""
    out = []
    opened = None
    for m in re.finditer(r"[“”\"«»„]", s):
        ch, i = m.group(0), m.start()
        closing = ch in "”»" or (ch == '"' and opened is not None) or \
            (ch == '"' and i > 0 and not s[i - 1].isspace() and s[i - 1] not in "([")
        if closing and ch != "„":
            out.append((opened if opened is not None else 0, i + 1))
            opened = None
        elif opened is None:
            opened = i
    if opened is not None:
        out.append((opened, len(s)))
    return out


def attributions(s: str) -> list[Attribution]:
    """The attributions of sentence s, in order. A clause joined to another ("…, saying …",
    "… and said …") takes its subject. One that relays another ("X said, “…,” AFP reported") is
    left out: the words are X's."""
    quotes = quote_spans(s)
    found: list[Attribution] = []
    for start, end, lemma, tag in _speech_verbs(s, quotes):
        att = _attribution(s, start, end, lemma, tag, quotes)
        if att is None:
            continue
        if att.subject is None:
            subject = found[-1].subject if found else _main_subject(s, start)
            if subject is None:
                continue
            att = Attribution(att.verb, att.lemma, subject, att.said)
        found.append(att)
    bounded = _bounded(s, found, quotes)
    return [a for a in bounded if not (a.trailing and any(o is not a and a.said[0] <= o.verb[0] < a.said[1]
                                                         for o in bounded))]


# Verbs by which a document tells figures ("the tribunal's count gave Paz 32.1 percent", "results
# showed ANO ahead"): an attribution only when its subject names results, a count or a tally.
_SHOWING = frozenset("give show".split())
_RESULTS_SUBJECT = re.compile(r"\b(?:results?|count|tally|figures|data|projections?|estimates?|polls?|surveys?)\b"
                              r"(?:\s+system)?(?:\s*\([^()]{1,25}\))?\s*$", re.I)


# "“…,” the council's resolution read": a document's words, after them (not "he read a statement")
_READ = frozenset({"read"})
_DOCUMENT_READ = re.compile(r"[,.!?]\s*[”\"]\s*,?\s+(?:[^”\"]{0,60}\s)?(?:statement|resolution|letter|decree|"
                            r"communiqu[ée]|declaration|text|notice|order|ruling|verdict|report|post|message|sign)s?\s+$",
                            re.I)


@functools.lru_cache(maxsize=1)
def _forms() -> frozenset[str]:
    return forms_of(SPEECH | STANCE | _SHOWING | _READ)


def _speech_verbs(s: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int, str, str]]:
    """(start, end, lemma, tag) of each verb of speech or stance in s, outside quotations."""
    forms = _forms()
    if not any(w in forms for w in _WORD.findall(s.lower())):
        return []  # most sentences hold none: no word is read twice
    out = []
    prev = ""
    for m in _WORD.finditer(s):
        word, low = m.group(0), m.group(0).lower()
        before, prev = prev, low
        if low not in forms:
            continue
        reading = verb_reading(low)
        if reading is None:
            continue
        # "rejects claims that …", "called the Pakistani claims …": a verb's object
        after_verb = bool(out and _OBJECT_BETWEEN.fullmatch(s, out[-1][1], m.start()))
        if (word[0].isupper() and m.start() > 0) or any(lo < m.start() < hi for lo, hi in quotes):
            continue  # a name, a heading word, or the speaker's own words
        lemma, tag = reading
        if tag.endswith("?"):  # "claims", "reports", "calls", "say": a noun as often as a verb
            prior = verb_reading(before) if before else None
            after_verb = after_verb or (prior is not None and not prior[1].endswith("?"))
            if not (tag == "VBG?" and re.search(r",\s*$", s[:m.start()])) \
                    and not _verb_not_noun(s, m.start(), m.end(), before, after_verb):
                continue
            tag = tag[:-1]
        if not _verb_form_fits(s, m.start(), before, tag):
            continue
        if lemma == "put" and not _PUT_AT.match(s, m.end()):
            continue
        if lemma in _READ and not _DOCUMENT_READ.search(s, 0, m.start()):
            continue
        if lemma in _SHOWING and not _RESULTS_SUBJECT.search(s, 0, m.start()):
            continue  # "gave a speech", "showed the way": no document telling figures
        if lemma in _LABELLING and not _LABEL_AFTER.match(s[m.end():m.end() + 160]):
            continue
        if lemma in _ATTITUDE and not _ATTITUDE_AFTER.match(s, m.end()):
            continue  # "expressed the parcel" tells no attitude; "voiced concern" does
        if lemma in _NEEDS_CLAUSE and not _clause_follows(s, m.end()) and not _ENDS_CLAUSE.match(s, m.end()) \
                and not re.search(r"[,.!?]\s*[”\"]\s*$", s[:m.start()]):
            continue  # "maintained close ties", "recalled its ambassador", "claimed 300 lives" (not
            # '“…,” declared an officer': a verb right after the words it tells)
        out.append((m.start(), m.end(), lemma, tag))
    return out


_OBJECT_BETWEEN = re.compile(r"\s+(?:(?:the|these|those|such|his|her|their|its)\s+)?"
                             r"(?:(?!(?:he|she|it|they|we|i|who|which|that)\s)[\w’'-]+\s+)?", re.I)
_BODY_WORDS = frozenset("government ministry army military court party group movement police presidency office "
                        "agency council committee junta cabinet commission embassy authorities spokesman "
                        "spokeswoman spokesperson officials analysts experts critics diplomats sources".split())


def _verb_not_noun(s: str, start: int, end: int, before: str, after_verb: bool) -> bool:
    """Whether a word that is a noun as often as a verb ("claims", "states", "say") is a verb here:
    after a pronoun, a name or a body ("Rwanda says", "the ministry states"), or before "that"."""
    if before in _NOT_SUBJECT or after_verb or before.endswith(("'s", "’s")):
        return False
    if re.match(r"\s*(?:that\b|[:“\"])", s[end:]):
        return True
    if before in _PRONOUNS or before in _BODY_WORDS or before in ("also", "now", "still", "repeatedly"):
        return True
    if before.endswith("s") and not before.endswith("ss") and s[start - 2:start - 1].islower():
        return True  # "analysts say", "experts warn"
    return _capitalised_before(s, start) and not re.match(r"\s+(?:of|in|on|for|to|at|by|from|and|or)\b", s[end:])


def _verb_form_fits(s: str, start: int, before: str, tag: str) -> bool:
    """Whether a verb form of this tag, after the word `before`, says that someone spoke."""
    if before in _PASSIVE or s[max(0, start - 3):start] == "so-":
        return False  # "was reported", "so-called"
    if before in _DETERMINERS:
        return False  # "the alleged plot", "a reported attack": a word qualifying a noun
    if tag == "VBN":
        return before in ("has", "have", "had")
    if tag == "VB":  # "analysts say", "did not deny"; not "to say", "would say"
        if before == "to":  # "went so far as to describe", "went on to say": said all the same
            return bool(re.search(r"\b(?:as|on)\s+to\s+$", s[max(0, start - 12):start]))
        return before not in ("will", "would", "could", "may", "might", "should", "can", "must", "shall")
    if tag == "VBG":  # "…, saying": joined to a clause by a comma or "while"
        return bool(re.search(r",\s*$|\b(?:while|after|before|by)\s+$", s[:start]))
    return True


# Verbs of speech in one sense and not in another: speech only before a clause or a quotation.
_NEEDS_CLAUSE = frozenset("maintain recall add note signal indicate suggest report claim hold predict "
                          "estimate reply respond counter declare announce".split())
_FINITE_WORDS = frozenset("is are was were will would has have had can could should must may might shall "
                          "isn't aren't wasn't weren't won't".split())


# A verb that ends its clause, after a time or place at most: "…, Vucic announced on April 1, …".
_ENDS_CLAUSE = re.compile(r"(?:\s+(?:on|in|at|late|early|last|this|after|from)\b[^,.;:“”\"]{0,40})?\s*(?:[,.!?]|$)")


def _clause_follows(s: str, pos: int) -> bool:
    """Whether a clause or a quotation follows pos: "that", a colon or quotation mark, or a finite
    verb within the next eight words ("said the deal was …")."""
    rest = s[pos:pos + 200]
    if re.match(r"\s*(?:,\s*)?(?:that\b|[:“\"«])", rest):
        return True
    for i, m in enumerate(_WORD.finditer(rest)):
        if i >= 8:
            break
        w = m.group(0).lower()
        if re.search(r"\b(?:and|or|but)\s+$", rest[:m.start()]):
            continue  # "maintains neutrality and has …": a verb of its own subject, not a clause
        if w in _FINITE_WORDS:
            return True
        reading = verb_reading(w)
        if reading and reading[1] in ("VBD", "VBZ", "VBD/VBN") and i > 0 and not m.group(0)[0].isupper():
            return True
    return False


def _capitalised_before(s: str, pos: int) -> bool:
    """Whether a name stands right before pos (a capitalised word that is no sentence's opening
    word: "Iran rejects …" has one, "The rejects …" none)."""
    m = re.search(r"([A-Z][\w.’'-]*)\s+$", s[:pos])
    return bool(m) and (m.start(1) > 0 or m.group(1).lower() not in _OPENING_WORDS)


_OPENING_WORDS = frozenset("the a an this that these those it its his her their our some many most all no "
                           "other such both each every".split())


def _main_subject(s: str, upto: int) -> tuple[int, int] | None:
    """The words before the first verb of s (before upto): the subject a joined clause shares."""
    for m in _WORD.finditer(s, 0, upto):
        reading = verb_reading(m.group(0))
        if reading and not reading[1].endswith("?") and reading[1] != "VBG" and not m.group(0)[0].isupper():
            head = s[:m.start()].rstrip()
            aux = _BEFORE_VERB.search(head)
            end = aux.start() if aux else len(head)
            return (0, end) if end > 0 else None
    return None


def _attribution(s: str, start: int, end: int, lemma: str, tag: str,
                 quotes: list[tuple[int, int]]) -> Attribution | None:
    if tag == "VBG" or (tag == "VB" and re.search(r"\bto\s+$", s[:start])):
        # ", saying …", "went so far as to describe …": the subject of the clause it hangs on
        return Attribution((start, end), lemma, None, _complement(s, start, end, lemma))
    head = s[:start]
    aux = _BEFORE_VERB.search(head)
    subject_end = aux.start() if aux else len(head.rstrip())
    verb_start = start
    if aux and lemma in STANCE and re.search(r"\b(?:has|have|had|never|not|did|does)\b", aux.group(0), re.I):
        verb_start = start - len(aux.group(0).lstrip(" ,"))  # "has denied", "has never confirmed"
    lo = _subject_start(head, subject_end)
    if lemma in _TOPIC_VERBS and _TOPIC_AFTER.match(s, end):
        # "“…,” X, the tribunal's president, said of Paz's lead": the words are the quotation before,
        # not the topic after; without one, nothing is said
        return _trailing(s, start, end, lemma, lo, subject_end) if any(q[1] <= start for q in quotes) else None
    # "…, said the envoy.": a verb of saying only ("…, called the outcome a big win" is a stance
    # whose subject is before it)
    inverted = _INVERTED.match(s, end)
    if inverted and lemma != "tell" and lemma in SPEECH and re.search(r"[,”\"]\s*$", head) \
            and not _NO_INVERTED_SUBJECT.match(s, end) \
            and not _clause_follows(inverted.group(1), 0):  # "…, said the envoy." ("told reporters": an object)
        before = _before(s, len(head.rstrip(" ,")) if head.rstrip().endswith(",") else len(head.rstrip()))
        return Attribution((start, end), lemma, (inverted.start(1), inverted.end(1)), before, trailing=True)
    word = re.sub(r"[^a-z]", "", head[max(0, lo - 8):lo].lower().split()[-1]) if lo and head[:lo].split() else ""
    region = s[lo:subject_end]
    if re.search(r"(?:^|\s)(?:and|but|or)$", region.rstrip(" ,")):  # "… and said …": the subject before
        return Attribution((verb_start, end), lemma, None, _complement(s, verb_start, end, lemma))
    if word in ("who", "which", "whom", "that") and not region.strip():
        antecedent = s[:lo].rstrip()
        antecedent = antecedent[:len(antecedent) - len(word)].rstrip(" ,")
        a_lo = max(antecedent.rfind(","), antecedent.rfind(";")) + 1
        said = _complement(s, verb_start, end, lemma)
        comma = s.find(",", said[0], said[1])  # "Bolsonaro, who denies wrongdoing, followed …"
        return Attribution((verb_start, end), lemma, (a_lo, len(antecedent)),
                           (said[0], comma if comma > 0 else said[1]), relative=True)
    said = _complement(s, verb_start, end, lemma)
    if said[1] - said[0] < 3 or not re.search(r"\w", s[said[0]:said[1]]) \
            or (re.search(r"[,.!?]\s*[”\"]\s*$", s[:lo]) and not _CLAUSE_AFTER_VERB.match(s, end)):
        # ("“…,” Barkin said in an interview with CNN": what follows the verb is no one's words)
        return _trailing(s, start, end, lemma, lo, subject_end)
    pronoun = _PRONOUN_BEFORE.search(s, 0, subject_end)
    if pronoun and word not in ("which", "whom", "what", "that", "who"):
        # "an end to unrest he said was intended …": the pronoun right before the verb speaks
        return Attribution((verb_start, end), lemma, (pronoun.start(1), pronoun.end(1)), said)
    if not region.strip() and re.search(r"(?:,|\s)\s*(?:and|but)\s*$", s[:lo]):
        return Attribution((verb_start, end), lemma, None, said)  # "…, and insisted …": the subject before
    if not region.strip() or len(region.split()) > 25:
        return None
    subject = _first_verb_subject(s, (lo + len(region) - len(region.lstrip()), subject_end))
    if word in ("which", "whom", "what"):  # "the rebels, whom Washington accuses of …, seized …"
        comma = s.find(",", said[0], said[1])
        return Attribution((verb_start, end), lemma, subject, (said[0], comma if comma > 0 else said[1]), relative=True)
    return Attribution((verb_start, end), lemma, subject, said)


_TOPIC_AFTER = re.compile(r"\s+(?:of|about)\b")
_TOPIC_VERBS = frozenset("say speak talk write comment remark".split())  # (not "accuse … of", its charge)
_ADVERBIAL_CLAUSE = re.compile(r"\s*(?:(?:shortly|soon|just|hours|days|minutes|moments|weeks|long|even)\s+)?"
                               r"(?:after|before|when|while|as|since|once|until|if|although|though|because)\b", re.I)
_DETERMINERS = frozenset("the a an this that these those its his her their our my your".split())
_FOR_OBJECT = frozenset("call appeal press push plead".split())
_OPENS_SUBORDINATE = re.compile(r"\s*(?:While|Although|Though|Whereas|Even\s+as|As|If|When|Since|After|Before)\b")
_CLAUSE_AFTER_VERB = re.compile(r"\s*(?:,\s*)?(?:that\b(?!\s+(?:night|day|morning|evening|afternoon|week|month|year|"
                                r"time)\b)|[“\"])")
_PRONOUN_BEFORE = re.compile(r"(?<![\w’'-])(he|she|they|we|I)\s*$")
_INVERTED = re.compile(r"\s+((?:the\s+|an?\s+)?[^,;.“”\"]{2,60}?)\s*(?:[.!?]\s*$|$|,\s+(?:adding|saying|who|according)\b|"
                       r",\s+[^,;.“”\"]{1,40}[.!?]?\s*$)")  # ("…, says the BBC's X in the capital, Abuja.")


def _first_verb_subject(s: str, subject: tuple[int, int]) -> tuple[int, int]:
    """The subject of a verb in a series ("He thanked the United States, Britain and the EU for …,
    said Trump had sent him a message, and announced …"): the words before the series' first verb
    ("He"), when what stands before the verb of saying ends with a comma and holds a verb."""
    lo, hi = subject
    if not s[lo:hi].rstrip().endswith(","):
        return subject
    prev = ""
    for m in _WORD.finditer(s, lo, hi):
        low = m.group(0).lower()
        reading = verb_reading(low)
        if reading and reading[1] in ("VBD", "VBD/VBN", "VBZ") and prev not in _NOT_BEFORE_VERB and m.start() > lo:
            before = s[lo:m.start()].rstrip()
            return (lo, lo + len(before)) if before and "," not in before and len(before.split()) <= 6 else subject
        prev = low
    return subject


_NOT_BEFORE_VERB = frozenset("the a an his her its their this these those of by for with from in on at to who "
                             "which that".split())


# What follows a verb of saying that is no speaker after it: when, where or how it was said.
_NO_INVERTED_SUBJECT = re.compile(r"\s+(?:in|on|at|during|after|before|via|through|from|late|early|earlier|"
                                  r"later|last|this|shortly|when|while)\b")


def _subject_start(head: str, subject_end: int) -> int:
    """Where the words naming the speaker of a verb begin: after the last clause opener before it,
    unless that opener lies in an aside between commas ("X, who …, said")."""
    openers = [m for m in _SUBJECT_START.finditer(head) if m.start() < subject_end]
    if not openers:
        return 0
    last = openers[-1]
    # (the comma may stand before the auxiliary the subject ends at: "X, who …, has said")
    after_comma = head[:subject_end].rstrip().endswith(",") or head[subject_end:].lstrip().startswith(",")
    if after_comma and last.end() < subject_end:
        aside = last.start() if head[last.start()] == "," else head.rfind(",", 0, last.start())
        if aside > 0:
            earlier = [m for m in openers if m.end() <= aside]
            return earlier[-1].end() if earlier else 0
    return min(last.end(), subject_end)


def _trailing(s: str, start: int, end: int, lemma: str, lo: int, subject_end: int) -> Attribution | None:
    """An attribution that ends its clause: "…, officials said." / "“…,” said Vucic." The words
    attributed come before the speaker, who is named in the last comma's segment or after the verb."""
    comma = max(s.rfind(",", 0, subject_end), s.rfind("”", 0, subject_end), s.rfind('"', 0, subject_end))
    quote_end = max(s.rfind("”", 0, subject_end), s.rfind('"', 0, subject_end))
    if comma > quote_end >= 0 and not s[quote_end + 1:subject_end].strip(" ,").count(",") > 3 \
            and s[comma + 1:subject_end].strip() == "":
        comma = quote_end  # "“…,” Mark Hancock, president of the union, told reporters": all of it names him
    segment = s[comma + 1:subject_end]
    if segment.strip():
        subject = (comma + 1 + len(segment) - len(segment.lstrip()), subject_end)
    elif comma > 0 and (lemma == "tell" or _NO_INVERTED_SUBJECT.match(s, end)):
        # "…, Olivat Alson Rakoto, director of a hospital in the city, told Reuters.": who told is
        # named before the verb (with an apposition), never the outlet told after it; nor is when or
        # where it was said ("…, the city's security chief, Pablo Vázquez, said on Monday.")
        lo_comma = s.rfind(",", 0, comma)
        if lo_comma > 0 and re.match(r"\s*(?:an?\s+|the\s+)?[a-z]", s[lo_comma + 1:comma]):
            lo_comma = s.rfind(",", 0, lo_comma)
        if lo_comma < 0 or len(s[lo_comma + 1:comma].split()) > 14:
            return None
        subject, comma = (lo_comma + 1 + len(s[lo_comma + 1:comma]) - len(s[lo_comma + 1:comma].lstrip()), comma), lo_comma
    else:  # "…, said the ministry."
        inverted = re.match(r"\s+((?:the\s+)?[^,;.“”\"]{2,80}?)\s*(?:[,.!?]|$)", s[end:])
        if not inverted:
            return None
        subject = (end + inverted.start(1), end + inverted.end(1))
    before = s[:comma + 1] if comma >= 0 and s[comma] in "”\"" else s[:max(comma, 0)].rstrip(" ,")
    if len(before.split()) < 3 and not before.endswith(("”", '"')):
        return None  # (a quotation's last words: "… BEWARE!" the president wrote)
    if _ADVERBIAL_CLAUSE.match(before) and "," not in before and not before.endswith(("”", '"')):
        return None  # "Shortly after the results came in, Quiroga conceded to Paz": when, not what
    return Attribution((start, end), lemma, subject, (len(before) - len(before.lstrip()), len(before)), trailing=True)


def _before(s: str, lo: int) -> tuple[int, int]:
    """The words a trailing attribution beginning at lo tells: the sentence before it."""
    text = s[:lo].rstrip(" ,")
    return (len(text) - len(text.lstrip()), len(text))


def _complement(s: str, verb_start: int, verb_end: int, lemma: str) -> tuple[int, int]:
    """The words a verb at s[verb_start:verb_end] attributes, up to the narrator's next clause."""
    pos = verb_end
    rest = s[pos:]
    if lemma in _FOR_OBJECT and re.match(r"\s+for\b", rest):  # "called for an investigation": the stance and its object
        return (verb_start, _complement_end(s, pos))
    if lemma == "tell":
        obj = _TELL_OBJECT.match(rest)
        if obj:
            pos += obj.end()
            rest = s[pos:]
    when = _WHEN_BEFORE_THAT.match(rest)
    if when:  # "told journalists shortly before he was handcuffed that …": when, then what
        pos += when.end()
        rest = s[pos:]
    lead = _COMPLEMENT_LEAD.match(rest)
    if lead:
        pos += lead.end()
    adjunct = _ADJUNCT_END.match(s, pos)
    if adjunct and not _clause_follows(s, pos):
        pos = adjunct.end()
    aside = re.match(r"\s*,\s*(?:however|though|too|also|again)\s*,\s*that\s+", s[pos:])
    if aside:
        pos += aside.end()
    elif re.match(r"\s*(?:[,.!?]|$)", s[pos:]) and not re.match(r"\s*,\s*(?:that\b|[“\"«])", s[pos:]):
        return (pos, pos)  # the verb ends its clause: "…, he said, adding that …" (not "said, “…”")
    clause = bool(lead and re.search(r"\bthat\b", lead.group(0))) or _clause_follows(s, pos)
    pos += len(s[pos:]) - len(s[pos:].lstrip(" ,:"))
    # "said the deal was …" tells words; "stressed the importance of …" keeps its verb.
    start = verb_start if lemma in STANCE or not clause else pos
    end = _complement_end(s, pos, that=bool(lead and re.search(r"\bthat\b", lead.group(0))))
    if _OPENS_SUBORDINATE.match(s):  # "While Powell said that …, Barkin appeared …": the main clause is not his
        for comma in re.finditer(r",\s+(?=[A-Z][\w’'-]*\s+(?:[a-z]+\s+)?[a-z]+(?:ed|s)\b)", s[pos:end]):
            end = pos + comma.start()
            break
    text = s[start:end].rstrip(" ,.")
    return (start + (len(text) - len(text.lstrip())), start + len(text))


def _complement_end(s: str, pos: int, that: bool = False) -> int:
    """Where the narrator's own clause begins after pos; a relative clause set inside the words
    ("the strikes, which it called Operation Sindoor, were …") does not end them, nor, in words
    told with "that", a contrast they draw ("that 30 soldiers were wounded, while nine fighters
    were killed") unless another speaker's verb follows."""
    for cut in _COMPLEMENT_END.finditer(s, pos):
        if that and re.match(r",\s+(?:while|whereas)\b", cut.group(0)):
            nxt = _COMPLEMENT_END.search(s, cut.end())
            if not _speech_verbs(s[cut.end():nxt.start() if nxt else len(s)], []):
                continue
        if re.match(r",\s+(?:who|which|whose|as)\b", cut.group(0)):
            close = s.find(",", cut.end())
            rest = s[close + 1:].lstrip() if close > 0 else ""
            nxt = _WORD.match(rest)
            reading = verb_reading(nxt.group(0)) if nxt else None
            if (reading and reading[1] in ("VBD", "VBZ", "VBD/VBN", "VB?", "VBZ?") or nxt and nxt.group(0) in FINITE_AUX) \
                    and not nxt.group(0)[0].isupper():
                continue  # ("the effort, which had drawn crews, was almost over")
            if re.match(r"(?:[“\"]|and\s+(?:that\b|[“\"]))", rest):
                continue  # "…, as Beijing calls the shoal, “from multiple directions”, and that …": an aside
        return cut.start()
    return len(s)


def _bounded(s: str, found: list[Attribution], quotes: list[tuple[int, int]]) -> list[Attribution]:
    """Each attribution's words end where the next one's clause begins ("X said A, and Y said B";
    "X called it a shame and said B"); one inside a relative clause ("the strikes, which it called
    Operation Sindoor, were …") leaves the words around it whole."""
    out = []
    for i, att in enumerate(found):
        lo, hi = att.said
        if not att.trailing:
            for nxt in found[i + 1:]:
                if nxt.relative:
                    continue
                begin = nxt.subject[0] if nxt.subject and lo < nxt.subject[0] < nxt.verb[0] else nxt.verb[0]
                if nxt.trailing:
                    begin = s.rfind(",", 0, nxt.subject[0]) if nxt.subject[0] < nxt.verb[0] else nxt.verb[0]
                if lo < begin < hi:
                    link = re.search(r"(?:\s*,)?\s*(?:\b(?:and|but|while|whereas)\s+)?(?:that\s+)?$", s[lo:begin])
                    hi = lo + (link.start() if link else begin - lo)
                    break
        text = s[lo:hi].rstrip(" ,.;:")
        if text.strip():
            out.append(replace(att, said=(lo, lo + len(text))))
    return out
