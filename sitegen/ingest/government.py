"""A state's government named without its state ("the government said", "the cabinet approved"): in
an article about one state, that state's voice.

The mentions stage points the words at the state. An article about several states alike names no
government this way: the words stay nobody's. Other organs named bare ("the military",
"parliament") stay unresolved: an article's main state need not own them, and they are often no
actor of the story."""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Iterable, Iterator

from sitegen.ingest import gazetteer as gz
from sitegen.names import fold_key

_GOVERNMENT_RX = re.compile(r"(?<![\w'’-])[Tt]he\s+(?:(?:country|nation)['’]s\s+|ruling\s+)?(?:government|cabinet)"
                            r"(?![\w'’-])(?!\s+of\b)")
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}")
# One state leads an article when it is named this often, and twice as often as any other.
_LEAD_MIN = 3


@functools.lru_cache(maxsize=1)
def _state_words() -> dict[str, str]:
    """Folded names, aliases, demonyms and seats of government of the built-in states -> state."""
    out: dict[str, str] = {}
    for a in gz.builtin_actors():
        if a.kind == "state":
            for n in (a.name, *a.aliases, *a.demonyms, *a.capitals):
                if len(n) > 2 and not n.isupper():
                    out.setdefault(fold_key(n), a.name)
    return out


def home_state(sentences: Iterable[str]) -> str:
    """The state an article is about: the one it names most, at least three times and twice as often
    as any other (by name, demonym or seat of government); "" when none leads."""
    words = _state_words()
    counts: Counter = Counter()
    named: dict[str, str] = {}  # run of words -> the state it names ("" for none): runs recur
    for s in sentences:
        for m in _CAPITALISED.finditer(s):
            run = m.group(0)
            state = named.get(run)
            if state is None:
                state = named[run] = _state_named_first(run, words)
            if state:
                counts[state] += 1
    if not counts:
        return ""
    (top, n), *rest = counts.most_common(2) + [("", 0)]
    return top if n >= _LEAD_MIN and n >= 2 * rest[0][1] else ""


def _state_named_first(run: str, words: dict[str, str]) -> str:
    """The state the longest run of words at the start of `run` names, or ""."""
    toks = (re.sub(r"['’]s\b", "", run) if "s" in run else run).split()
    for n in range(len(toks), 0, -1):
        state = words.get(fold_key(" ".join(toks[:n])))
        if state:
            return state
    return ""


def bare_governments(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each "the government" or "the cabinet" text names without its state (not
    "the government of Iraq", not "Iraq's government", which name it)."""
    for m in _GOVERNMENT_RX.finditer(text):
        yield m.start(), m.end()
