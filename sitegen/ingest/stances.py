"""Positions that contradict each other across a story: one side denies what another asserts.

"Rwanda denies backing the M23 rebels" (Rwanda) and "… the M23 rebels, whom UN experts say are
backed by Rwanda" (the UN); "not a single Pakistani aircraft was hit" (Khawaja Asif) and "the Indian
Air Force had shot down five Pakistani fighter jets" (the air force chief). Two statements of
different speakers in one story are a disagreement when exactly one of them denies (a verb of
denial or a "not true", "baseless", "not a single" at its head) and they share at least two of the
words that say what is at stake, one of them a name or a figure (the denier's own name counts when
the other statement names it). Statements of the same speaker, and pairs that share only common
words, are not.
"""

from __future__ import annotations

import re
from collections import Counter

from sitegen.ingest.clauses import verb_reading
from sitegen.ingest.gazetteer import SPECIAL_FOLDS
from sitegen.names import fold_key

_DENIAL = re.compile(r"^(?:has\s+|have\s+|had\s+)?(?:also\s+|repeatedly\s+|flatly\s+)?(?:den(?:y|ies|ied)|reject(?:s|ed)?|"
                     r"dismiss(?:es|ed)?|refute[sd]?|disput(?:es|ed))\b|^(?:not\s+a\s+single|no\s+\w+\s+(?:was|were|has|had))\b|"
                     r"\b(?:simply\s+not\s+true|not\s+true|untrue|false|baseless|fake|fabricated|implausible|nonsense)\b",
                     re.I)
_SMALL = frozenset("the a an of to in on at for and or but is are was were be been being has have had will would could "
                   "should can may might must that this these those it its his her their our they he she we you i as "
                   "by with from than then there here which who whom whose what when where while after before about "
                   "into over under more most some any all also only just very so such no not nor never said says say "
                   "told tell stated claim claims claimed claiming called call described describe simply true false "
                   "baseless fake untrue single deny denies denied reject rejects rejected dismiss dismissed".split())
_MOST = 200  # statements holding a name, past which it tells nothing of what a denial is about
_TIME_WORDS = frozenset("day days week weeks month months year years today yesterday tomorrow hour hours "
                        "monday tuesday wednesday thursday friday saturday sunday morning evening night last".split())
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve".split())


def stance_disagreements(stories: list[list], claims: dict, events: dict) -> list[tuple[str, list[dict]]]:
    """(event, disagreements) for each story: statements one side denies and another asserts."""
    out = []
    readings = _Readings()
    for docs in stories:
        told = [(d.slug, c) for d in docs for c in claims.get(d.index, []) if c.get("speaker") or c.get("unnamed")]
        groups = _contradicting(told, readings)
        for group in groups:
            votes = Counter(c.get("event") for _, c in group if c.get("event") in events)
            if not votes:
                continue
            event = max(sorted(votes), key=lambda e: votes[e])
            accounts, seen = [], set()
            for src, c in sorted(group, key=lambda x: (_denies(x[1]["text"]), x[0], x[1]["text"])):
                key = (c["text"], src, c.get("speaker"))
                if key not in seen:
                    seen.add(key)
                    accounts.append({"value": c["text"], "source": src, "speaker": c.get("speaker")})
            out.append((event, [{"about": "positions: " + _topic(group), "accounts": accounts}]))
    return out


def _contradicting(told: list[tuple[str, dict]], readings: "_Readings | None" = None) -> list[list[tuple[str, dict]]]:
    """For each denial, the denial and the statements it contradicts (not joined further: two
    denials of different things stay apart), each group once, in order of its denial. Statements
    are looked up by the names they hold, so a story's many statements are not compared pairwise."""
    readings = readings or _Readings()
    denials = [readings.denies(c["text"]) for _, c in told]
    if not any(denials):
        return []  # (most stories: no statement's words need reading)
    keys = [readings.stake(c["text"]) for _, c in told]
    named_stems = [{_stem(n) for n in names} for _, names in keys]
    by_name: dict[str, list[int]] = {}
    for j, (_, names) in enumerate(keys):
        for n in names:
            by_name.setdefault(n, []).append(j)
    groups, seen = [], set()
    for i, (_, d) in enumerate(told):
        if not denials[i]:
            continue
        d_words, d_names = keys[i]
        speaker = set((d.get("speaker") or "").replace("-", " ").split())
        # Names a few of the story's statements hold tell what a denial is about; one that most of
        # them hold ("Serbia" in a Serbian story) tells nothing, and would make the search quadratic.
        near = sorted({j for n in d_names | speaker for j in by_name.get(n, ()) if len(by_name[n]) <= _MOST})
        hits = []
        for j in near:
            other = told[j][1]
            if denials[j] or other.get("speaker") == d.get("speaker"):
                continue
            words, names = keys[j]
            said = (words & d_words) - _TIME_WORDS  # what both say happened or holds
            named = (names & d_names) | (names & speaker)  # whom or what both name
            if said - named_stems[j] and named and len(said | named) >= 2:
                hits.append(j)
        key = tuple(hits)
        if hits and key not in seen:
            seen.add(key)
            groups.append([told[i]] + [told[j] for j in hits])
    return groups


def _denies(text: str) -> bool:
    if not any(c in text for c in SPECIAL_FOLDS):
        low = text.lower()
        # _DENIAL needs one of these words (its first two branches at the start): most statements
        # hold none, and the case-blind pattern is slow to fail.
        if not low.startswith(_DENIAL_STARTS) and not any(w in low for w in _DENIAL_WORDS):
            return False
    return bool(_DENIAL.search(text))


_DENIAL_STARTS = ("has", "have", "had", "also", "repeatedly", "flatly", "den", "reject", "dismiss", "refute",
                  "disput", "no")
_DENIAL_WORDS = ("true", "false", "baseless", "fake", "fabricated", "implausible", "nonsense")
_WORD_RX = re.compile(r"[\w’'-]+")


class _Readings:
    """_denies and _stake of each statement's text, read once: a corpus repeats its statements across
    stories (a wire's copies, a quotation many outlets carry). Bounded, as the corpus is not."""

    LIMIT = 2_000

    def __init__(self) -> None:
        self._denies: dict[str, bool] = {}
        self._stakes: dict[str, tuple[set[str], set[str]]] = {}

    def denies(self, text: str) -> bool:
        return self._read(self._denies, text, _denies)

    def stake(self, text: str) -> tuple[set[str], set[str]]:
        """_stake(text), shared: the caller changes neither set."""
        return self._read(self._stakes, text, _stake)

    def _read(self, table: dict, text: str, read):
        got = table.get(text)
        if got is None:
            if len(table) >= self.LIMIT:
                table.clear()
            got = table[text] = read(text)
        return got


def _stake(text: str) -> tuple[set[str], set[str]]:
    """The words of a statement that say what is at stake (a stem of each), and those of them that
    are names or figures."""
    words, names = set(), set()
    for i, raw in enumerate(_WORD_RX.findall(text)):
        low, stem = _stake_word(raw)
        if stem is None:
            continue
        words.add(stem)
        if (raw[0].isupper() and i > 0) or raw[0].isdigit() or low in _NUMBER_WORDS:
            names.add(low)  # whole: "Pakistani" jets are not "Pakistan"'s
    return words, names


def _stake_word(raw: str) -> tuple[str, str | None]:
    """A word of a statement folded, and its stem (None for a word that says nothing of the stake);
    kept, as a story's statements repeat their words."""
    got = _STAKE_WORDS.get(raw)
    if got is None:
        low = fold_key(raw).strip("'’")
        small = low in _SMALL or len(low) < 3 and not low.isdigit()
        got = (low, None if small else _stem(low))
        if len(_STAKE_WORDS) >= 50_000:
            _STAKE_WORDS.clear()
        _STAKE_WORDS[raw] = got
    return got


_STAKE_WORDS: dict[str, tuple[str, str | None]] = {}


def _stem(low: str) -> str:
    """A word's verb lemma, or the word without a plural s, cut to seven letters ("backed", "backing": "back")."""
    reading = verb_reading(low)
    return (reading[0] if reading else low[:-1] if low.endswith("s") and len(low) > 4 else low)[:7]


def _topic(group: list[tuple[str, dict]]) -> str:
    """A few words the statements of a group share, as written in the first of them."""
    counts: Counter = Counter()
    for _, c in group:
        counts.update(_stake(c["text"])[0])
    first = group[0][1]["text"]
    shown = []
    for raw in re.findall(r"[\w’'-]+", first):
        low = fold_key(raw).strip("'’")
        stem = _stem(low)
        if counts.get(stem, 0) >= 2 and raw not in shown and low not in _SMALL:
            shown.append(raw)
    return " ".join(shown[:4]) or first[:40]
