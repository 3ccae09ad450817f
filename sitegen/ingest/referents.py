"""Who a pronoun refers to, as an article is read: "he" and "she" are the person last named who
can be called so (their given name's sex, from gender-guesser's dictionary, where it is sure),
"it" the body last named, a count the body that counts. Read by statements (whose words a "she
said" are) and by events (who "It took full control of the camp")."""

from __future__ import annotations

import re
from bisect import bisect_left

from sitegen.ingest import gazetteer as gz
from sitegen.ingest.actors import person_parts
from sitegen.ingest.spans import index_of, mentions_between
from sitegen.names import fold_key

_BODIES = ("organization", "alliance", "company", "group")


def last_person(doc, registry, pos: int, pronoun: str = "") -> str | None:
    """The person a "he"/"she" at pos refers to: in the last sentence before pos that names a
    person of that gender, the first one named there (the subject, as a rule: "Vučić joined Dodik
    ... he said" is Vučić)."""
    female = pronoun.lower() == "she"
    male = pronoun.lower() == "he"
    fallback = None

    def fits(m) -> bool:
        g = _gender(registry, m.slug)
        return (female and g in ("female", "person")) or (male and g in ("male", "person"))

    index = index_of(doc, "mentions")
    if index.ordered:
        return _last_person_indexed(doc, registry, pos, index, female, male)
    for i in range(len(doc.mentions) - 1, -1, -1):
        m = doc.mentions[i]
        if m.start >= pos:
            continue
        a = registry.actors.get(m.slug)
        if a is None or a.kind != "person":
            continue
        if fits(m) and not _quoted(doc, m.start):
            sent = doc.sentence_at(m.start) if hasattr(doc, "sentence_at") else None
            if sent is None:
                return m.slug
            first = m
            for j in range(i - 1, -1, -1):
                o = doc.mentions[j]
                if o.start < sent.start:
                    break
                if fits(o) and not _quoted(doc, o.start):
                    first = o
            return first.slug
        if fallback is None:
            fallback = m.slug
    return fallback


def _gender(registry, slug: str) -> str:
    """"person", "female" or "male": which pronoun can refer to a person mentioned (as last_person's
    fits() judges), or "" for an actor who is not a person."""
    a = registry.actors.get(slug)
    if a is None or a.kind != "person":
        return ""
    given, _ = person_parts(a.name)
    g = fold_key(given.split()[0]) if given else ""
    if not g:
        return "person"
    known = gz.given_gender(g)  # the world's given names, with their sex
    if known:
        return known
    if g.endswith("a") and g in gz.regional_given_names() and g not in ("nikola", "luka", "andrea", "mustafa"):
        return "female"  # the region's feminine ending, in the region's names only (not "Khawaja")
    return "person"  # a name given to both, rare everywhere or unknown: either pronoun may be theirs


def _persons(doc, registry) -> dict[str, list[int]]:
    """Positions in doc.mentions of the persons, and of those "she" and "he" can refer to."""
    cache = getattr(doc, "_spans", None)
    hit = cache.get("@persons") if cache is not None else None
    if hit is not None and hit[0] is doc.mentions and hit[1] is registry and hit[2] == len(doc.mentions):
        return hit[3]
    out: dict[str, list[int]] = {"person": [], "female": [], "male": []}
    genders: dict[str, str] = {}
    mentions = doc.mentions
    slugs = mentions.slug_list() if hasattr(mentions, "slug_list") else [m.slug for m in mentions]
    for i, slug in enumerate(slugs):
        g = genders.get(slug)
        if g is None:
            g = genders[slug] = _gender(registry, slug)
        if g:
            out["person"].append(i)
            for pronoun in (("female", "male") if g == "person" else (g,)):
                out[pronoun].append(i)
    if cache is not None:
        cache["@persons"] = (doc.mentions, registry, len(doc.mentions), out)
    return out


def _last_person_indexed(doc, registry, pos: int, index, female: bool, male: bool) -> str | None:
    """last_person for mentions in text order: the same answer, found by bisection."""
    persons = _persons(doc, registry)
    k = index.count_before(pos)  # mentions[:k] start before pos
    fitting = persons["female"] if female else persons["male"] if male else []
    f = bisect_left(fitting, k) - 1
    while f >= 0 and _quoted(doc, doc.mentions[fitting[f]].start):
        f -= 1  # '"I congratulate the winner, Andrej Babiš," he said': not Babiš
    if f < 0:
        p = bisect_left(persons["person"], k) - 1
        return doc.mentions[persons["person"][p]].slug if p >= 0 else None
    i = fitting[f]
    m = doc.mentions[i]
    sent = doc.sentence_at(m.start) if hasattr(doc, "sentence_at") else None
    if sent is None:
        return m.slug
    j0 = index.count_before(sent.start)  # mentions[j0:i] start in the sentence, before m
    first = bisect_left(fitting, min(j0, i))
    while first < f and _quoted(doc, doc.mentions[fitting[first]].start):
        first += 1
    return doc.mentions[fitting[first]].slug


def _quoted(doc, pos: int) -> bool:
    """Whether pos lies inside a quotation opened in its sentence: the quoted words name whom the
    speaker speaks of, and a "he" after them is the speaker named before."""
    sent = doc.sentence_at(pos) if hasattr(doc, "sentence_at") else None
    if sent is None:
        return False
    before = doc.text[sent.start:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


# Bodies that count votes or people: electoral commissions, statistics offices, census bureaus
_COUNTING = re.compile(r"\b(?:elect\w*|statistic\w*|census)\b", re.I)


def counting_body(registry, slug: str) -> bool:
    """Whether an actor is a body that counts votes or people (an electoral commission, a statistics
    office), by any name it is known or was found by: what it says of a vote comes with its count."""
    actor = registry.actors.get(slug)
    return actor is not None and actor.kind not in ("person", "state") and any(
        _COUNTING.search(n) for n in [*actor.all_names(), *(c.name for c in actor.candidates)])


def last_body(doc, registry, pos: int, window: int = 600) -> str | None:
    """The body (not a state, person or outlet) named last in the `window` characters before pos,
    not as a place."""
    for m in reversed(mentions_between(doc, max(0, pos - window), pos)):
        a = registry.actors.get(m.slug)
        if a is not None and a.kind in _BODIES and not m.place:
            return m.slug
    return None


def fits_pronoun(registry, slug: str, pronoun: str) -> bool:
    """Whether "he" or "she" can refer to this person (their given name's sex, where it is sure)."""
    g = _gender(registry, slug)
    return g == "person" or g == ("female" if pronoun == "she" else "male")
