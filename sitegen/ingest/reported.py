"""Reported speech: statements an article attributes without quotation marks.

"X said the deal …", "according to X, …", "…, X said.", "X told Reuters …", "in the view of X, …",
"the ministry stated …", "officials said …". Each gives the words attributed (without the
attribution) and who they are attributed to: the actor the attribution names (a person before the
state or body named beside them), the person a "he"/"she" refers to, the body a "the ministry"
refers to, or nobody named ("officials said"), which is kept and marked unnamed. Only a sentence
with an attribution makes a statement: the outlet's own narration never does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.ingest.spans import mentions_between

VERBS = (r"said|says|told|tells|stated|states|announced|announces|warned|warns|claimed|claims|denied|denies|"
         r"insisted|insists|added|adds|noted|notes|argued|argues|stressed|stresses|confirmed|confirms|"
         r"reported|wrote|writes|vowed|vows|pledged|promised|dismissed|accused|accuses|acknowledged|"
         r"acknowledges|admitted|admits|urged|urges|explained|explains|maintained|maintains|alleged|alleges|"
         r"asserted|declared|declares|estimated|estimates|predicted|predicts|believes|believed|contended|"
         r"contends|countered|replied|responded|posted|called|calls|described|describes|rejected|rejects|"
         r"complained|complains|specified")
_AUX = r"(?:(?:also|has|have|had|later|then|earlier|again|repeatedly|previously|further)\s+)*"
# "…, Pakistan's military said." / "…, said the ministry." / "…, he told reporters on Friday."
# What may follow a trailing attribution: when, where, to whom, and a clause that adds to it
# ("…, Vucic announced on April 1, following the signing of …").
_TAIL = (r"(?:\s+(?:(?:on|in|at|late|early|last|this|from|during|after)\b[^,;“”\"]{0,50}|"
         r"(?:reporters|journalists)\b[^,;“”\"]{0,40}))?(?:,\s+(?:following|after|adding|in|at|during|as)\b[^;“”\"]{0,160})?")
_TRAILING = re.compile(rf",\s+(?:(?P<subj>[^,;“”\"]{{2,90}}?)\s+{_AUX}(?P<verb>{VERBS})(?:\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?|"
                       rf"(?P<verb2>said|says|added|told)\s+(?P<subj2>[^,;“”\"]{{2,90}}?)){_TAIL}\s*[.!?]?\s*$")
# "Pakistan's Defence Minister Khawaja Asif said on Saturday that …" / "X told Reuters the …"
_LEADING = re.compile(rf"^(?P<subj>[^,;“”\"]{{2,140}}?)\s+{_AUX}(?P<verb>{VERBS})\b(?P<obj>\s+(?:reporters|journalists|"
                      rf"the\s+\w+(?:\s+\w+)?|[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){{0,3}}|a\s+\w+(?:\s+\w+)?)"
                      rf"(?=\s+(?:that\b|on\b|in\b|at\b|late\b|early\b|the\b|a\b|it\b|he\b|she\b|they\b|[a-z]+\b)))?"
                      rf"(?P<when>(?:\s+(?:on|in|at|late|early|last|this|earlier)\s+[A-Z]?\w+(?:\s+(?:morning|evening|night|"
                      rf"afternoon))?)*)\s*,?\s+(?:that\s+)?(?P<content>\S.{{12,}})$")
_ACCORDING = re.compile(r"\b(?:according to|in the (?:view|words) of|as (?:reported|stated) by)\s+"
                        r"(?P<subj>[^,;“”\"]{2,90}?)(?=,|\.\s*$|\s*$)", re.I)
UNNAMED_SPEAKERS = re.compile(r"\b(?:officials?|sources?|analysts?|diplomats?|witnesses|residents|observers|experts|"
                      r"critics|activists|people familiar|tabloids|newspapers|media|outlets|reports|commentators|"
                      r"a spokes(?:man|woman|person)|an? (?:official|source|diplomat|analyst|witness|resident))\b",
                      re.I)
_PLACED = re.compile(r"\b(?:in|from|across|within|throughout)\s+(?:the\s+)?$", re.I)
_PRONOUN = re.compile(r"^(?:he|she|they|it)$", re.I)
_BODY_NOUN = re.compile(r"\b(?:the\s+)?(ministry|army|military|court|government|group|movement|party|"
                        r"presidency|office|agency|council|committee|embassy|police|junta|bank|commission|"
                        r"forces|cabinet|company|union|organi[sz]ation)\b", re.I)
_SPEECH_LEMMA_WORDS = {"said", "says", "told", "tells", "added", "adds"}


@dataclass
class Attribution:
    speaker: str | None
    text: str
    unnamed: bool


def reported_statements(doc, registry, sentences, last_person) -> list[tuple[int, int, Attribution]]:
    """(position, sentence index, attribution) of each statement reported without quotation marks
    in `sentences` (those of doc that hold no quotation). `last_person(pos, pronoun)`: the person a
    pronoun at pos refers to."""
    out = []
    for sent in sentences:
        found = _attributed(sent.text)
        if found is None:
            continue
        subj_lo, subj_hi, content = found
        speaker, unnamed = _speaker(doc, registry, sent, subj_lo, subj_hi, last_person)
        if speaker is None and not unnamed:
            continue
        content = content.strip(" ,.;:")
        if len(content.split()) < 4:
            continue
        out.append((sent.start, sent.index, Attribution(speaker, content[:1].upper() + content[1:], unnamed)))
    return out


def _attributed(s: str) -> tuple[int, int, str] | None:
    """The attribution of sentence s: the span of who is said to speak, and the words attributed."""
    m = _ACCORDING.search(s)
    if m:
        content = (s[:m.start()] + s[m.end():]).strip(" ,.")
        return m.start("subj"), m.end("subj"), content
    m = _TRAILING.search(s)
    if m and m.start() > 20:
        group = "subj" if m.group("subj") else "subj2"
        return m.start(group), m.end(group), s[:m.start()]
    m = _LEADING.match(s)
    if m and len(m.group("subj").split()) <= 12:
        content = m.group("content")
        if m.group("verb") in ("told", "tells"):  # "told investigators on Saturday that …"
            that = re.match(r"^(?:\S+\s+){0,6}?that\s+", content)
            if that:
                content = content[that.end():]
        return m.start("subj"), m.end("subj"), content
    return None


def _speaker(doc, registry, sent, lo: int, hi: int, last_person) -> tuple[str | None, bool]:
    """Who the attribution in sent.text[lo:hi] names: (actor slug or None, whether nobody is named)."""
    subj = sent.text[lo:hi].strip()
    first = subj.split()[0] if subj.split() else ""
    if first.lower() in ("he", "she"):  # "He praised Hungary's infrastructure and said …": he speaks
        return last_person(sent.start + lo, first), False
    best = None
    unnamed = bool(UNNAMED_SPEAKERS.search(subj))
    for m in mentions_between(doc, sent.start + lo, sent.start + hi):
        a = registry.actors.get(m.slug)
        if a is None or a.kind == "media":
            continue
        if unnamed and m.atype == "demonym":
            continue  # "Israeli officials said": officials nobody names, not the state
        if _PLACED.search(doc.text, max(0, m.start - 12), m.start):
            continue  # "the tabloids in Serbia stated": where they are, not who speaks
        # A person first; else the body or state nearest the verb.
        key = (a.kind != "person", -m.start)
        if best is None or key < best[0]:
            best = (key, m.slug)
    if best is not None:
        return best[1], False
    words = subj.split()
    if len(words) == 1 and _PRONOUN.match(words[0]):
        who = last_person(sent.start + lo, words[0]) if words[0].lower() in ("he", "she") else None
        return who, False
    body = _BODY_NOUN.search(subj)
    if body:
        slug = _last_body(doc, registry, sent.start + lo, body.group(1))
        if slug:
            return slug, False
    return None, bool(UNNAMED_SPEAKERS.search(subj) or body)


def _last_body(doc, registry, pos: int, noun: str) -> str | None:
    """The last organisation named before pos whose name holds the noun ("the ministry": the
    Ministry of Foreign Affairs)."""
    noun = noun.lower().rstrip("s")
    for m in reversed(mentions_between(doc, 0, pos)):
        a = registry.actors.get(m.slug)
        if a is not None and a.kind in ("organization", "alliance", "company") and noun in a.name.lower():
            return m.slug
    return None
