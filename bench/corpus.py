"""Deterministic synthetic briefing corpus for the benchmark.

One call writes, for N articles:

- ``seeds/``    N raw articles as an editor would collect them: headline, optional byline and
                date line, a wire-style dateline (``BELGRADE, Serbia (AA) -``), paragraphs that
                name actors by varying surface forms (with and without diacritics, surname only,
                "Serbian President ..."), quotes (``"...," Vučić said``), dates like ``on 3 March``
                or ``on Tuesday``, furniture lines (``Read also: ...``) and a comments section;
- ``content/``  the same corpus as finished entries (sources, actors, events, ``_index.md``) plus
                ``sitegen.yaml`` beside it: a briefing folder that passes ``sitegen check``;
- ``hugo/``     a Hugo site with the same N entries' text and the actors as a taxonomy
                (``actor: actors``), minimal layouts, one page per entry plus one per actor.

Everything is a pure function of (N, actors, seed): the same arguments give byte-identical
files. Article i depends only on the seed and i (and on the event pool, sized from N).

    python bench/corpus.py --n 1000 --out /tmp/corpus
    python bench/corpus.py --n 1000 --out /tmp/corpus --known-actors 5000 --only known

``--known-actors K`` also writes K actor entries into ``OUT/known/content/actors``: the corpus's
own actors first, then extra ones with distinct names. Copy them into an empty briefing before
``sitegen ingest`` so that ingest starts with K known actors (the ingest-flatness check).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

try:
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

try:
    from sitegen.names import fold, slugify
except ImportError:  # a snapshot from before the shared text layer (run.py --sitegen-path)
    from sitegen.slugs import fold, slugify  # type: ignore[no-redef]

DEFAULT_ACTORS = 200
DEFAULT_SEED = 20250401

# ---------------------------------------------------------------------------------------------
# Name pools
# ---------------------------------------------------------------------------------------------

# name, capital, adjective, news agency, extra aliases
STATES = [
    ("Serbia", "Belgrade", "Serbian", "Tanjug", ["Republic of Serbia"]),
    ("Hungary", "Budapest", "Hungarian", "MTI", []),
    ("Croatia", "Zagreb", "Croatian", "Hina", []),
    ("Kosovo", "Priština", "Kosovar", "KosovaPress", []),
    ("Bosnia and Herzegovina", "Sarajevo", "Bosnian", "Fena", ["BiH"]),
    ("Montenegro", "Podgorica", "Montenegrin", "MINA", []),
    ("North Macedonia", "Skopje", "Macedonian", "MIA", []),
    ("Albania", "Tirana", "Albanian", "ATA", []),
    ("Romania", "Bucharest", "Romanian", "Agerpres", []),
    ("Bulgaria", "Sofia", "Bulgarian", "BTA", []),
    ("Moldova", "Chișinău", "Moldovan", "Moldpres", []),
    ("Greece", "Athens", "Greek", "ANA-MPA", []),
    ("Türkiye", "Ankara", "Turkish", "AA", ["Turkey"]),
    ("Poland", "Warsaw", "Polish", "PAP", []),
    ("Czechia", "Prague", "Czech", "ČTK", ["Czech Republic"]),
    ("Slovakia", "Bratislava", "Slovak", "TASR", []),
    ("Slovenia", "Ljubljana", "Slovenian", "STA", []),
    ("Russia", "Moscow", "Russian", "TASS", ["Kremlin"]),
    ("China", "Beijing", "Chinese", "Xinhua", []),
    ("United States", "Washington", "U.S.", "AP", []),
    ("Germany", "Berlin", "German", "dpa", []),
    ("France", "Paris", "French", "AFP", []),
    ("Austria", "Vienna", "Austrian", "APA", []),
    ("Ukraine", "Kyiv", "Ukrainian", "Ukrinform", []),
]

# name, kind, acronym or None
ORGANIZATIONS = [
    ("North Atlantic Treaty Organization", "alliance", "NATO"),
    ("European Union", "alliance", "EU"),
    ("Kosovo Force", "organization", "KFOR"),
    ("European Union Rule of Law Mission", "organization", "EULEX"),
    ("Organization for Security and Co-operation in Europe", "organization", "OSCE"),
    ("United Nations", "organization", "UN"),
    ("European Commission", "organization", None),
    ("European Parliament", "organization", None),
    ("Council of Europe", "organization", None),
    ("Office of the High Representative", "organization", "OHR"),
    ("Court of Bosnia and Herzegovina", "organization", None),
    ("Serbian Progressive Party", "organization", "SNS"),
    ("Alliance of Independent Social Democrats", "organization", "SNSD"),
    ("Fidesz", "organization", None),
    ("Croatian Democratic Union", "organization", "HDZ"),
    ("Party of Democratic Action", "organization", "SDA"),
    ("Vetëvendosje", "organization", None),
    ("Naftna industrija Srbije", "company", "NIS"),
    ("MOL Group", "company", None),
    ("Gazprom Neft", "company", None),
    ("Yugoimport SDPR", "company", None),
    ("Dassault Aviation", "company", None),
    ("Rheinmetall", "company", None),
    ("Elbit Systems", "company", None),
    ("Transnistrian authorities", "other", None),
]

# outlet, agency code used in datelines
MEDIA = [
    ("Reuters", "Reuters"), ("Agence France-Presse", "AFP"), ("Anadolu Agency", "AA"),
    ("Balkan Insight", "BIRN"), ("N1", "N1"), ("Radio Televizija Srbije", "RTS"),
    ("Informer", "Informer"), ("Politika", "Politika"), ("Večernji list", "Hina"),
    ("Radio Free Europe/Radio Liberty", "RFE/RL"), ("Euronews", "Euronews"), ("Klix.ba", "Klix"),
    ("Index.hu", "Index"), ("Dnevni avaz", "Avaz"), ("Koha Ditore", "Koha"),
]

FIRST = [
    "Aleksandar", "Miloš", "Đorđe", "Željko", "Dušan", "Ivica", "Goran", "Nebojša", "Dragan",
    "Vesna", "Jelena", "Snežana", "Tamás", "Péter", "Zoltán", "Gergely", "Katalin", "Bálint",
    "Ádám", "Lőrinc", "Wojciech", "Łukasz", "Małgorzata", "Radosław", "Zbigniew", "Jiří",
    "Tomáš", "Věra", "Ondřej", "Bogdan", "Ștefan", "Mihai", "Ioana", "Răzvan", "Recep",
    "Mevlüt", "Çağla", "Gülşen", "Ilir", "Besnik", "Arbën", "Blerta", "Hristijan", "Ljubica",
    "Milorad", "Nikola", "Denis", "Šefik", "Bakir", "Emir", "Dženan", "Mirjana", "Ljiljana",
    "Jürgen", "Björn", "François", "Sébastien", "Anaïs", "Zsófia", "Dávid", "Márton", "Ágnes",
    "Kryštof", "Radek", "Aurélie", "Søren", "Matúš", "Zuzana", "Jakub", "Nataša",
]
LAST = [
    "Vučić", "Vučević", "Đurić", "Dačić", "Brnabić", "Orbán", "Szijjártó", "Novák", "Dodik",
    "Bećirović", "Komšić", "Izetbegović", "Kurti", "Osmani", "Rama", "Plenković", "Milanović",
    "Đukanović", "Milatović", "Spajić", "Mickoski", "Sandu", "Ciolacu", "Tusk", "Duda",
    "Sikorski", "Fiala", "Lipavský", "Fico", "Šimečka", "Čaputová", "Erdoğan", "Fidan",
    "Çavuşoğlu", "Mitsotakis", "Gerapetritis", "Lajčák", "Schmidt", "Kallas", "Várhelyi",
    "Szánthó", "Gulyás", "Hoxha", "Krasniqi", "Selaković", "Stefanović", "Petrović", "Jovanović",
    "Marković", "Kovačević", "Horváth", "Tóth", "Nagy", "Szabó", "Kowalski", "Wiśniewski",
    "Wójcik", "Dvořák", "Černý", "Procházka", "Popescu", "Ionescu", "Dumitrescu", "Yılmaz",
    "Şahin", "Öztürk", "Berisha", "Gashi", "Müller", "Lefèvre", "Kovač", "Babić", "Jurić",
    "Šarić", "Pavlović", "Ilić", "Nikolić", "Mesić", "Radončić", "Hadžić",
]

ROLES = [
    ("President of {state}", "{adj} President"),
    ("Prime Minister of {state}", "{adj} Prime Minister"),
    ("Foreign Minister of {state}", "{adj} Foreign Minister"),
    ("Defence Minister of {state}", "{adj} Defence Minister"),
    ("Interior Minister of {state}", "{adj} Interior Minister"),
    ("Speaker of the Parliament of {state}", "{adj} parliament speaker"),
    ("Opposition leader in {state}", "{adj} opposition leader"),
    ("Ambassador of {state}", "{adj} ambassador"),
    ("Chief negotiator of {state}", "{adj} chief negotiator"),
    ("Member of Parliament in {state}", "{adj} MP"),
]

# ---------------------------------------------------------------------------------------------
# Sentence pools
# ---------------------------------------------------------------------------------------------

TOPICS = [
    "defence cooperation", "energy security", "the gas pipeline", "EU accession talks",
    "the normalisation dialogue", "border management", "the arms purchase", "the oil refinery",
    "sanctions policy", "the judicial reform", "the electricity market", "troop deployments",
    "the association of municipalities", "the visa regime", "the railway project",
    "the election law", "minority rights", "the customs union", "the defence budget",
    "the joint military exercise", "the cyber-security agreement", "the investment fund",
]
THINGS = [
    "a defence cooperation plan", "a memorandum on energy security", "a joint declaration",
    "a strategic partnership agreement", "an arms contract", "a protocol on border crossings",
    "a gas supply deal", "a roadmap for EU accession", "an action plan on minority rights",
    "a loan agreement", "a framework on military mobility", "a statement on regional security",
]
SUBJECTS = [
    "Officials", "Diplomats in the region", "Analysts", "Opposition parties", "The government",
    "Observers", "Critics", "Local media", "Several ministers", "Western envoys",
    "People familiar with the talks", "Security experts", "Economists", "Rights groups",
    "Lawmakers from the ruling coalition", "Business leaders", "Military officers",
]
VERBS = [
    "have warned that", "said privately that", "expect that", "argue that", "doubt that",
    "noted that", "fear that", "insisted that", "acknowledged that", "pointed out that",
    "believe that", "cautioned that", "suggested that",
]
CLAUSES = [
    "the talks could drag on for months", "the deal would be tested in parliament before the summer",
    "energy prices will dominate the agenda", "tensions in the north remain high",
    "the plan includes {num} joint activities", "funding of {num} million euros had been earmarked",
    "the government had underestimated the cost of {topic}", "no date had been set for the next round",
    "public support for {topic} has fallen to {pct} percent", "the timetable was unrealistic",
    "the agreement leaves the most difficult questions open", "both sides were under pressure from Brussels",
    "the opposition would challenge the decision in court", "the region cannot afford another crisis",
    "{topic} would shape the election campaign", "about {num} soldiers could be deployed by the end of the year",
    "the previous agreement was never fully implemented", "investors were waiting for clear rules",
    "the decision reflected a wider shift in foreign policy", "the compromise was fragile",
]
TAILS = [
    "", "", "", " according to people familiar with the matter", " despite repeated assurances",
    " in the coming weeks", " before the end of the year", " at least for now",
    ", a view shared by several Western capitals", " without giving details",
]
QUOTES = [
    "We will not accept any solution imposed from outside",
    "This agreement is good for both our countries and for the whole region",
    "Dialogue remains the only way forward",
    "Our door remains open, but the other side has to show goodwill",
    "We expect concrete steps, not words",
    "Nobody has the right to threaten the peace we have built",
    "The decision was taken in full accordance with the law",
    "We are ready to sign tomorrow if the conditions are met",
    "This is a historic day for our people",
    "The sanctions hurt ordinary citizens, not the politicians",
    "We will defend our interests by political means",
    "There is no alternative to European integration",
    "The numbers speak for themselves",
    "We have nothing to hide and we will cooperate fully",
    "It is too early to talk about an alliance",
]
COMMENTS = [
    "Finally! Twenty years too late, but finally.", "Nobody believes these promises any more.",
    "Who is going to pay for all this? We are.", "Excellent article, thank you.",
    "They sign something every month and nothing changes.", "Bravo, this is real diplomacy.",
    "Same story as in 2015, wait and see.", "Why is nobody asking about the prices?",
]
USERS = ["Mirza_BL", "Drina_Srbin", "Anonymous", "Emir from Tuzla", "patriot1389", "Kata",
         "Sanja K.", "observer_bg", "Dejan N.", "Zsuzsa"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
EVENT_KINDS = ["agreement", "declaration", "meeting", "visit", "vote", "statement",
               "transaction", "sanction", "military action"]
START = dt.date(2021, 1, 1)
DAYS = (dt.date(2025, 12, 31) - START).days


# ---------------------------------------------------------------------------------------------
# Model of the synthetic world
# ---------------------------------------------------------------------------------------------

@dataclass
class Actor:
    slug: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    role: str = ""
    affiliations: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)  # surface forms used in article text
    first: str = ""  # first mention, e.g. "Serbian President Aleksandar Vučić"
    body: str = ""


@dataclass
class Event:
    slug: str
    title: str
    date: dt.date
    kind: str
    location: str
    participants: list[str]
    sources: list[str] = field(default_factory=list)
    accounts: list[dict] = field(default_factory=list)


@dataclass
class Article:
    index: int
    slug: str
    seed_name: str
    title: str
    outlet: str
    agency: str
    author: str
    published: dt.date
    actors: list[str]
    events: list[str]
    claims: list[dict]
    paragraphs: list[str]  # cleaned text, no dateline
    seed_text: str
    url: str = ""


def _states(rng: random.Random) -> list[Actor]:
    out = []
    for name, capital, adj, _agency, extra in STATES:
        aliases = [*extra, capital]
        if fold(capital) != capital:
            aliases.append(fold(capital))
        forms = [name, name, capital, f"the {adj} government", *extra]
        out.append(Actor(slugify(name), name, "state", aliases, "", [], forms, name,
                         f"{name} is a state in the region covered by this briefing. Its capital is {capital}."))
    return out


def _organizations() -> list[Actor]:
    out = []
    for name, kind, acronym in ORGANIZATIONS:
        aliases = [acronym] if acronym else []
        if fold(name) != name:
            aliases.append(fold(name))
        forms = [name] + ([acronym, acronym] if acronym else [name])
        first = f"the {name} ({acronym})" if acronym else name
        out.append(Actor(slugify(name), name, kind, aliases, "", [], forms, first,
                         f"{name} appears in the sources of this briefing."))
    for name, agency in MEDIA:
        aliases = [agency] if agency != name else []
        out.append(Actor(slugify(name), name, "media", aliases, "", [], [name], name,
                         f"{name} is a news outlet."))
    return out


def _person(rng: random.Random, name: str, surname: str, states: list[Actor],
            surname_alias: bool) -> Actor:
    state_i = rng.randrange(len(STATES))
    state = states[state_i]
    adj = STATES[state_i][2]
    role_t, short_t = ROLES[rng.randrange(len(ROLES))]
    role = role_t.format(state=state.name)
    short = short_t.format(adj=adj)
    aliases = []
    folded = fold(name)
    if folded != name:
        aliases.append(folded)
    forms = [name, folded]
    if surname_alias:
        aliases.append(surname)
        forms += [surname, surname, fold(surname)]
        if fold(surname) != surname:
            aliases.append(fold(surname))
    return Actor(slugify(name), name, "person", aliases, role, [state.slug], forms, f"{short} {name}",
                 f"{name}: {role}.")


def build_actors(count: int, seed: int) -> list[Actor]:
    """`count` actors (at least the states, organisations and outlets), deterministic."""
    rng = random.Random(f"{seed}:actors")
    states = _states(rng)
    fixed = states + _organizations()
    actors = list(fixed)
    used = {a.slug for a in actors}
    pairs = [(f, s) for s in LAST for f in FIRST]
    rng.shuffle(pairs)
    # Surnames used by one person only become aliases ("Vučić said"); shared ones do not.
    chosen: list[tuple[str, str]] = []
    for first, last in pairs:
        if len(actors) + len(chosen) >= count:
            break
        name = f"{first} {last}"
        if slugify(name) in used:
            continue
        used.add(slugify(name))
        chosen.append((name, last))
    n_more = count - len(actors) - len(chosen)
    i = 0
    while n_more > 0:  # beyond every first x last pair: double-barrelled surnames
        a, b = LAST[i % len(LAST)], LAST[(i * 7 + 3) % len(LAST)]
        first = FIRST[(i * 13) % len(FIRST)]
        i += 1
        if a == b:
            continue
        name = f"{first} {a}-{b}"
        if slugify(name) in used:
            continue
        used.add(slugify(name))
        chosen.append((name, f"{a}-{b}"))
        n_more -= 1
    surname_count: dict[str, int] = {}
    for _, last in chosen:
        surname_count[last] = surname_count.get(last, 0) + 1
    for name, last in chosen:
        actors.append(_person(rng, name, last, states, surname_count[last] == 1))
    return actors[:count]


def extra_actors(corpus: list[Actor], count: int, seed: int) -> list[Actor]:
    """`count` more actors whose names and aliases never clash with the corpus's (known, unmentioned)."""
    rng = random.Random(f"{seed}:extra")
    states = [a for a in corpus if a.kind == "state"] or _states(rng)
    taken = {a.slug for a in corpus}
    taken_names = {n.lower() for a in corpus for n in (a.name, *a.aliases)}
    out: list[Actor] = []
    i = 0
    while len(out) < count:
        first = FIRST[i % len(FIRST)]
        a = LAST[(i // len(FIRST)) % len(LAST)]
        b = LAST[(i * 11 + i // len(LAST) + 5) % len(LAST)]
        i += 1
        if a == b:
            continue
        name = f"{first} {a}-{b}" if i % 3 else f"{first} {fold(a)} {b}"
        slug = slugify(name)
        if slug in taken or name.lower() in taken_names:
            continue
        taken.add(slug)
        actor = _person(rng, name, "", states, surname_alias=False)
        out.append(actor)
    return out


# ---------------------------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------------------------

def _date_phrase(rng: random.Random, day: dt.date) -> str:
    r = rng.random()
    if r < 0.35:
        return f"on {WEEKDAYS[day.weekday()]}"
    if r < 0.7:
        return f"on {day.day} {MONTHS[day.month - 1]}"
    if r < 0.8:
        return f"on {day.day} {MONTHS[day.month - 1]} {day.year}"
    return rng.choice(["last week", "earlier this month", "on Friday evening", "this week"])


def _fill(rng: random.Random, text: str) -> str:
    if "{" not in text:
        return text
    return text.format(num=rng.choice([12, 40, 79, 80, 150, 600, 1200, 3500]),
                       pct=rng.randint(18, 71), topic=rng.choice(TOPICS))


def _filler(rng: random.Random) -> str:
    return (f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} "
            f"{_fill(rng, rng.choice(CLAUSES))}{rng.choice(TAILS)}.")


class _Mentions:
    """Surface forms for one article: the first mention is full, later ones vary."""

    def __init__(self, rng: random.Random, actors: dict[str, Actor]):
        self.rng, self.actors, self.seen = rng, actors, set()

    def __call__(self, slug: str) -> str:
        actor = self.actors[slug]
        if slug not in self.seen:
            self.seen.add(slug)
            return actor.first
        return self.rng.choice(actor.forms)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentence(rng: random.Random, m: _Mentions, slugs: list[str], day: dt.date) -> str:
    a = rng.choice(slugs)
    b = rng.choice(slugs)
    topic = rng.choice(TOPICS)
    r = rng.randrange(8)
    if r == 0 and a != b:
        return f"{_cap(m(a))} and {m(b)} discussed {topic} {_date_phrase(rng, day)}."
    if r == 1 and a != b:
        return f"{_cap(m(a))} has repeatedly criticised {m(b)} over {topic}."
    if r == 2:
        return f"{_cap(m(a))} said {_date_phrase(rng, day)} that {_fill(rng, rng.choice(CLAUSES))}."
    if r == 3:
        return f"According to {m(a)}, {_fill(rng, rng.choice(CLAUSES))}{rng.choice(TAILS)}."
    if r == 4:
        return f"In {day.year - rng.randint(1, 12)}, {m(a)} backed {topic}, a position it has since softened."
    if r == 5 and a != b:
        return f"The talks between {m(a)} and {m(b)} focused on {topic} and {rng.choice(TOPICS)}."
    return _filler(rng)


def _quote(rng: random.Random, m: _Mentions, speaker: str, quote: str, outlet: str) -> str:
    r = rng.randrange(4)
    who = m(speaker)
    if r == 0:
        return f"\"{quote},\" {who} said."
    if r == 1:
        return f"\"{quote},\" {who} told {outlet}."
    if r == 2:
        return f"{_cap(who)} told reporters: \"{quote}.\""
    return f"\"{quote},\" {who} said, adding that {_fill(rng, rng.choice(CLAUSES))}."


# ---------------------------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------------------------

class Corpus:
    def __init__(self, n: int, actors: int = DEFAULT_ACTORS, seed: int = DEFAULT_SEED):
        self.n, self.seed = n, seed
        self.actors = build_actors(actors, seed)
        self.by_slug = {a.slug: a for a in self.actors}
        # Zipf-like popularity: a few actors are in many articles, most in a few.
        self.weights = [1.0 / (r + 1) ** 0.8 for r in range(len(self.actors))]
        order = list(range(len(self.actors)))
        random.Random(f"{seed}:popularity").shuffle(order)
        # Keep some states among the most popular, as in a real briefing.
        self.ranked = [self.actors[i] for i in order]
        self.ranked.sort(key=lambda a: 0 if a.kind == "state" and a.slug in ("serbia", "kosovo", "hungary") else 1)
        self.cum = []
        total = 0.0
        for w in self.weights:
            total += w
            self.cum.append(total)
        self.events = self._events()
        self.articles = [self._article(i) for i in range(n)]
        for art in self.articles:
            for e in art.events:
                self.events_by_slug[e].sources.append(art.slug)
        for art in self.articles:
            if art.events:
                ev = self.events_by_slug[art.events[0]]
                if len(ev.accounts) < 3:
                    ev.accounts.append({"source": art.slug, "text": art.paragraphs[0][:300]})

    def _pick(self, rng: random.Random, k: int, exclude: set[str], kinds: tuple[str, ...] | None = None) -> list[str]:
        out: list[str] = []
        tries = 0
        while len(out) < k and tries < 50 * k:
            tries += 1
            x = rng.random() * self.cum[-1]
            lo, hi = 0, len(self.cum) - 1
            while lo < hi:
                mid = (lo + hi) // 2
                if self.cum[mid] < x:
                    lo = mid + 1
                else:
                    hi = mid
            actor = self.ranked[lo]
            if actor.slug in exclude or actor.slug in out or (kinds and actor.kind not in kinds):
                continue
            out.append(actor.slug)
        return out

    def _events(self) -> list[Event]:
        count = max(2, self.n // 4)
        events = []
        used: set[str] = set()
        for j in range(count):
            rng = random.Random(f"{self.seed}:event:{j}")
            day = START + dt.timedelta(days=rng.randrange(DAYS))
            kind = rng.choice(EVENT_KINDS)
            states = self._pick(rng, 2, set(), ("state",))
            people = self._pick(rng, rng.randint(0, 2), set(states), ("person",))
            participants = states + people
            names = [self.by_slug[s].name for s in participants]
            a = names[0]
            b = names[1] if len(names) > 1 else "partners"
            loc = STATES[[s[0] for s in STATES].index(self.by_slug[states[0]].name)][1]
            title = {
                "agreement": f"{a} and {b} sign {rng.choice(THINGS)}",
                "declaration": f"{a} and {b} adopt {rng.choice(THINGS)}",
                "meeting": f"{a} and {b} hold talks on {rng.choice(TOPICS)}",
                "visit": f"{names[-1]} visits {loc}",
                "vote": f"Parliament in {a} votes on {rng.choice(TOPICS)}",
                "statement": f"{a} warns {b} over {rng.choice(TOPICS)}",
                "transaction": f"{a} buys equipment from {b}",
                "sanction": f"{a} imposes sanctions related to {rng.choice(TOPICS)}",
                "military action": f"{a} deploys troops near the border with {b}",
            }[kind]
            slug = f"{day.isoformat()}-{slugify(title, 60)}"
            if slug in used:
                slug = f"{slug}-{j}"
            used.add(slug)
            events.append(Event(slug, title, day, kind, loc, participants))
        self.events_by_slug = {e.slug: e for e in events}
        return events

    def _article(self, i: int) -> Article:
        rng = random.Random(f"{self.seed}:article:{i}")
        events: list[Event] = []
        if rng.random() < 0.85:
            events.append(self.events[i % len(self.events)])
            if rng.random() < 0.15:
                other = self.events[rng.randrange(len(self.events))]
                if other is not events[0]:
                    events.append(other)
        actors: list[str] = []
        for ev in events:
            for p in ev.participants:
                if p not in actors:
                    actors.append(p)
        total = rng.randint(3, 8)
        if len(actors) < total:
            actors += self._pick(rng, total - len(actors), set(actors))
        actors = actors[:8]
        if events:
            published = events[0].date + dt.timedelta(days=rng.randint(0, 2))
        else:
            published = START + dt.timedelta(days=rng.randrange(DAYS))
        outlet, agency = MEDIA[rng.randrange(len(MEDIA))]
        capital_state = self.by_slug[actors[0]] if self.by_slug[actors[0]].kind == "state" else None
        if capital_state is None:
            st = [s for s in actors if self.by_slug[s].kind == "state"]
            capital_state = self.by_slug[st[0]] if st else self.by_slug["serbia"]
        st_row = next(s for s in STATES if s[0] == capital_state.name)
        city = st_row[1]

        m = _Mentions(rng, self.by_slug)
        day = events[0].date if events else published
        topic = rng.choice(TOPICS)
        if events:
            ev = events[0]
            lead = (f"{_cap(m(ev.participants[0]))} and {m(ev.participants[1]) if len(ev.participants) > 1 else 'its partners'} "
                    f"{ {'agreement': 'signed', 'declaration': 'adopted', 'meeting': 'held talks on'}.get(ev.kind, 'moved on')} "
                    f"{rng.choice(THINGS) if ev.kind in ('agreement', 'declaration') else topic} "
                    f"{_date_phrase(rng, day)}, in a step that {rng.choice(SUBJECTS).lower()} {rng.choice(VERBS)} "
                    f"{_fill(rng, rng.choice(CLAUSES))}.")
            title = ev.title if rng.random() < 0.4 else f"{ev.title}: {rng.choice(['what we know', 'reactions', 'analysis', 'the details', 'why it matters'])}"
        else:
            a = self.by_slug[actors[0]].name
            lead = (f"{_cap(m(actors[0]))} said {_date_phrase(rng, day)} that {_fill(rng, rng.choice(CLAUSES))}, "
                    f"as the debate over {topic} intensified.")
            title = f"{a} {rng.choice(['weighs', 'rejects', 'backs', 'questions'])} {topic}"

        persons = [s for s in actors if self.by_slug[s].kind == "person"]
        speakers = persons or actors
        claims: list[dict] = []
        paragraphs = [lead]
        target_words = rng.randint(600, 900)
        words = len(lead.split())
        mentioned = 1
        quote_i = 0
        while words < target_words:
            k = rng.randint(2, 4)
            sents = []
            for _ in range(k):
                if mentioned < len(actors):
                    # Make sure every actor of the article is named at least once, early.
                    a = actors[mentioned]
                    mentioned += 1
                    sents.append(f"{_cap(m(a))} {rng.choice(['also weighed in', 'was represented at the talks', 'has followed the issue closely', 'did not respond to a request for comment'])} {_date_phrase(rng, day)}.")
                    continue
                if rng.random() < 0.12 and quote_i < 3:
                    speaker = speakers[rng.randrange(len(speakers))]
                    quote = QUOTES[rng.randrange(len(QUOTES))]
                    sents.append(_quote(rng, m, speaker, quote, outlet))
                    claim = {"speaker": speaker, "text": quote + "."}
                    if events and rng.random() < 0.5:
                        claim["event"] = events[0].slug
                    if all(c["text"] != claim["text"] for c in claims):
                        claims.append(claim)
                    quote_i += 1
                    continue
                sents.append(_sentence(rng, m, actors, day))
            para = " ".join(sents)
            paragraphs.append(para)
            words += len(para.split())

        slug = f"{slugify(title, 60)}-{i:06d}"
        seed_name = f"{i:06d}-{slugify(outlet, 20)}.txt"
        author = f"{FIRST[rng.randrange(len(FIRST))]} {LAST[rng.randrange(len(LAST))]}" if rng.random() < 0.7 else ""
        seed_text = self._seed_text(rng, title, author, published, city, capital_state.name, agency, paragraphs)
        url = f"https://news.example/{slugify(outlet, 20)}/{slug}" if rng.random() < 0.5 else ""
        return Article(i, slug, seed_name, title, outlet, agency, author, published, actors,
                       [e.slug for e in events], claims, paragraphs, seed_text, url)

    def _seed_text(self, rng: random.Random, title: str, author: str, published: dt.date, city: str,
                   state: str, agency: str, paragraphs: list[str]) -> str:
        head = [title]
        if author:
            head.append(f"By {author}")
        r = rng.random()
        if r < 0.4:
            head.append(f"{published.day} {MONTHS[published.month - 1]} {published.year} {rng.randint(6, 22)}:{rng.randint(0, 59):02d}")
        elif r < 0.7:
            head.append(f"{MONTHS[published.month - 1]} {published.day}, {published.year} {rng.randint(1, 12)}:{rng.randint(0, 59):02d} PM GMT+2")
        elif r < 0.85:
            head.append(published.isoformat())
        # else: no date line; the text's "on Tuesday" is all there is
        lines = ["\n".join(head)]
        if rng.random() < 0.7:
            dateline = f"{city.upper()}, {state} ({agency}) - "
        else:
            dateline = f"{city.upper()}, {MONTHS[published.month - 1][:3]} {published.day} ({agency}) - "
        body = [dateline + paragraphs[0], *paragraphs[1:]]
        read_also_at = rng.randrange(1, max(2, len(body)))
        for j, para in enumerate(body):
            lines.append(para)
            if j == read_also_at and rng.random() < 0.6:
                lines.append(f"Read also: {rng.choice(self.events).title}")
        if rng.random() < 0.3:
            lines.append(f"This news has been read {rng.randint(100, 99999):,} times in total")
        if rng.random() < 0.4:
            k = rng.randint(1, 5)
            comments = [f"Comments ({k})"]
            for c in range(k):
                comments.append(f"{c + 1}. {rng.choice(USERS)}: {rng.choice(COMMENTS)}")
            comments.append("Leave a comment")
            lines.append("\n\n".join(comments))
        return "\n\n".join(lines) + "\n"

    # -----------------------------------------------------------------------------------------
    # Writers
    # -----------------------------------------------------------------------------------------

    def write_seeds(self, out: Path) -> int:
        folder = out / "seeds"
        folder.mkdir(parents=True, exist_ok=True)
        for art in self.articles:
            (folder / art.seed_name).write_text(art.seed_text, encoding="utf-8")
        return len(self.articles)

    def write_content(self, out: Path) -> int:
        """Finished entries under out/content, and out/sitegen.yaml. Returns the entry count."""
        content = out / "content"
        for kind in ("sources", "actors", "events"):
            (content / kind).mkdir(parents=True, exist_ok=True)
        (out / "sitegen.yaml").write_text(
            "title: Synthetic benchmark briefing\n"
            "description: A generated corpus for timing sitegen.\n"
            "base_url: https://example.org/bench\nlanguage: en\n", encoding="utf-8")
        _write_entry(content / "_index.md", {
            "title": "Synthetic benchmark briefing",
            "summary": f"{self.n} generated articles about {len(self.actors)} actors.",
            "key_judgments": ["Generated text has no judgments (certain)."],
        }, "A **generated** briefing used to time sitegen.")
        count = 0
        for art in self.articles:
            meta = {"title": art.title, "outlet": art.outlet}
            if art.author:
                meta["author"] = art.author
            meta["published"] = art.published.isoformat()
            if art.url:
                meta["url"] = art.url
            meta["seed"] = f"seeds/{art.seed_name}"
            meta["actors"] = art.actors
            meta["events"] = art.events
            if art.claims:
                meta["claims"] = art.claims
            _write_entry(content / "sources" / f"{art.slug}.md", meta, "\n\n".join(art.paragraphs))
            count += 1
        for actor in self.actors:
            write_actor(content / "actors", actor)
            count += 1
        for ev in self.events:
            meta = {"title": ev.title, "date": ev.date.isoformat(), "kind": ev.kind,
                    "location": ev.location, "participants": ev.participants, "sources": ev.sources}
            if ev.accounts:
                meta["accounts"] = ev.accounts
            _write_entry(content / "events" / f"{ev.slug}.md", meta,
                         f"{ev.title}, as reported by {len(ev.sources)} source(s).")
            count += 1
        return count

    def write_hugo(self, out: Path) -> int:
        """A Hugo site with the same articles and the actors as a taxonomy. Returns the entry count."""
        site = out / "hugo"
        for name, text in HUGO_LAYOUTS.items():
            path = site / "layouts" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        (site / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
        news = site / "content" / "news"
        news.mkdir(parents=True, exist_ok=True)
        (site / "content" / "_index.md").write_text("---\ntitle: Synthetic benchmark briefing\n---\n", encoding="utf-8")
        for art in self.articles:
            meta = {"title": art.title, "date": art.published.isoformat(), "outlet": art.outlet,
                    "actors": [self.by_slug[s].name for s in art.actors]}
            _write_entry(news / f"{art.slug}.md", meta, "\n\n".join(art.paragraphs))
        return len(self.articles)

    def most_mentioned_actor(self) -> tuple[str, int]:
        counts: dict[str, int] = {}
        for art in self.articles:
            for s in art.actors:
                counts[s] = counts.get(s, 0) + 1
        for ev in self.events:
            for s in ev.participants:
                counts[s] = counts.get(s, 0) + 1
        slug = max(sorted(counts), key=lambda s: counts[s])
        return slug, counts[slug]

    def write_known_actors(self, actors_dir: Path, count: int) -> int:
        """`count` actor entries: the corpus's own first, then extra ones nobody mentions."""
        actors_dir.mkdir(parents=True, exist_ok=True)
        chosen = self.actors[:count]
        if count > len(self.actors):
            chosen = chosen + extra_actors(self.actors, count - len(self.actors), self.seed)
        for actor in chosen:
            write_actor(actors_dir, actor)
        return len(chosen)


def write_actor(folder: Path, actor: Actor) -> None:
    meta: dict = {"name": actor.name, "kind": actor.kind}
    if actor.aliases:
        meta["aliases"] = actor.aliases
    if actor.role:
        meta["role"] = actor.role
    if actor.affiliations:
        meta["affiliations"] = actor.affiliations
    _write_entry(folder / f"{actor.slug}.md", meta, actor.body)


def _write_entry(path: Path, meta: dict, body: str) -> None:
    fm = yaml.dump(meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                   default_flow_style=False, width=4096)
    path.write_text(f"---\n{fm}---\n\n{body.strip()}\n", encoding="utf-8")


HUGO_CONFIG = """\
baseURL = "https://example.org/bench/"
title = "Synthetic benchmark briefing"
languageCode = "en"
disableKinds = ["rss", "sitemap", "robotsTXT", "404"]
enableRobotsTXT = false

[taxonomies]
  actor = "actors"

[markup.goldmark.renderer]
  unsafe = false
"""

_HEAD = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · '
         '{{ site.Title }}</title></head><body><header><a href="{{ "" | relURL }}">{{ site.Title }}</a> '
         '<a href="{{ "news/" | relURL }}">Sources</a> <a href="{{ "actors/" | relURL }}">Actors</a></header>\n')
_FOOT = "\n</body></html>\n"

HUGO_LAYOUTS = {
    "home.html": _HEAD + """<h1>{{ site.Title }}</h1>
<ul>{{ range first 20 (where site.RegularPages "Section" "news").ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>""" + _FOOT,
    "single.html": _HEAD + """<article><h1>{{ .Title }}</h1>
<p>{{ .Params.outlet }} · {{ .Date.Format "2 January 2006" }}</p>
{{ .Content }}</article>
<aside><h2>Actors named</h2><ul>{{ range .GetTerms "actors" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></aside>""" + _FOOT,
    "list.html": _HEAD + """<h1>{{ .Title }}</h1>
<ul>{{ range .Pages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>""" + _FOOT,
    "taxonomy.html": _HEAD + """<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>""" + _FOOT,
    "term.html": _HEAD + """<h1>{{ .Title }}</h1>
<h2>Mentioned in</h2>
<ul>{{ range .Pages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>""" + _FOOT,
}


def generate(out: Path, n: int, actors: int = DEFAULT_ACTORS, seed: int = DEFAULT_SEED,
             parts: tuple[str, ...] = ("seeds", "content", "hugo"), known_actors: int = 0) -> dict:
    """Write the corpus under `out`; return a summary (counts and the most-mentioned actor)."""
    start = time.perf_counter()
    corpus = Corpus(n, actors, seed)
    out.mkdir(parents=True, exist_ok=True)
    summary: dict = {"n": n, "actors": len(corpus.actors), "events": len(corpus.events), "seed": seed}
    if "seeds" in parts:
        summary["seeds"] = corpus.write_seeds(out)
    if "content" in parts:
        summary["entries"] = corpus.write_content(out)
    if "hugo" in parts:
        summary["hugo_entries"] = corpus.write_hugo(out)
    if known_actors or "known" in parts:
        summary["known_actors"] = corpus.write_known_actors(out / "known" / "content" / "actors",
                                                            known_actors or len(corpus.actors))
    slug, count = corpus.most_mentioned_actor()
    summary["most_mentioned_actor"] = slug
    summary["most_mentioned_count"] = count
    summary["sample_source"] = corpus.articles[len(corpus.articles) // 2].slug if corpus.articles else None
    summary["words"] = sum(len(p.split()) for a in corpus.articles for p in a.paragraphs)
    summary["seconds"] = round(time.perf_counter() - start, 3)
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, required=True, help="number of articles")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--actors", type=int, default=DEFAULT_ACTORS,
                        help=f"actors the articles name (default {DEFAULT_ACTORS})")
    parser.add_argument("--known-actors", type=int, default=0,
                        help="also write this many actor entries into OUT/known/content/actors")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    parser.add_argument("--only", action="append", choices=["seeds", "content", "hugo", "known"],
                        help="write only these parts (repeatable; default seeds, content and hugo)")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    if args.actors < len(STATES) + len(ORGANIZATIONS) + len(MEDIA):
        parser.error(f"--actors must be at least {len(STATES) + len(ORGANIZATIONS) + len(MEDIA)}")
    parts = tuple(args.only) if args.only else ("seeds", "content", "hugo")
    summary = generate(args.out, args.n, args.actors, args.seed, parts, args.known_actors)
    json.dump(summary, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
