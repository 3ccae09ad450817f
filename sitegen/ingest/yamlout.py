"""Entry files as frontmatter.render writes them, several times faster, for what ingest writes.

frontmatter.render goes through PyYAML's representer, resolver and libyaml's emitter. For ingest's
own entries (tens of thousands of them in a large briefing) that is most of the time the store
takes. This module writes the same bytes directly for the values ingest produces: text, numbers,
booleans, null, lists and mappings of them, with text in plain, single-quoted or literal block
style, chosen by the same rules as libyaml's emitter (yaml_emitter_analyze_scalar and
yaml_emitter_select_scalar_style, with allow_unicode and a width of 4096).

Anything else (text that needs double quotes, very long lines, lists directly inside lists, odd
keys) makes `dump_meta` return None and the caller falls back to frontmatter itself. On first use,
`enabled()` checks the fast path against frontmatter on a set of samples and stays off if they
differ (for instance if frontmatter's dumper settings change).
"""

from __future__ import annotations

import re
from typing import Any

from sitegen import frontmatter

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"

_RESOLVERS: dict = frontmatter._Dumper.yaml_implicit_resolvers  # noqa: SLF001 (the dumper's own table)
_WILDCARD = _RESOLVERS.get(None, [])

# Lines longer than this could be folded at the emitter's width (4096): left to the real emitter.
_MAX_LINE = 4000
_INDENT = 2

# Characters that make libyaml's analysis anything but "printable and not a break, not a space":
# controls, tab, DEL, C1 controls, U+0085, U+2028/2029, surrogates, U+FEFF, U+FFFE/FFFF and
# everything above U+FFFF. A text with one of them is left to the real emitter.
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff\U00010000-\U0010ffff]")
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,60}\Z")
_FIRST_INDICATORS = frozenset("#,[]{}&*!|>'\"%@`")
_FLOW_INDICATORS = frozenset(",?[]{}")


def _implicit_tag(value: str) -> str:
    """The tag the dumper's resolver gives `value` written plain (BaseResolver.resolve)."""
    resolvers = _RESOLVERS.get(value[0] if value else "", [])
    for tag, regexp in resolvers + _WILDCARD if _WILDCARD else resolvers:
        if regexp.match(value):
            return tag
    return _STR


def _plain_ok(s: str) -> bool:
    """libyaml's block_plain_allowed for a one-line text without unsafe characters."""
    if not s:
        return True
    if s[0] == " " or s[-1] == " ":
        return False
    if s.startswith(("---", "...")):
        return False
    first = s[0]
    nxt = s[1] if len(s) > 1 else " "  # the end counts as whitespace
    if first in _FIRST_INDICATORS:
        return False
    if first in "?:-" and nxt == " ":
        return False
    if ": " in s or s.endswith(":") or " #" in s:
        return False
    return True


_SCALARS: dict[str, str | None] = {}  # short texts seen already (slugs, names, kinds) -> how written
# Bounded: a writer process keeps it for a whole ingest. Slugs and names recur within a few thousand
# entries, so a smaller cache, emptied when full, hits as often as one holding every short text.
_SCALARS_MAX = 50_000
_KEYS_OK: dict[str, bool] = {}  # mapping keys checked already (ingest's few field names)


def _scalar(s: str, column: int) -> str | None:
    """A one-line text as the emitter writes it after `column` characters, or None."""
    out = _SCALARS.get(s, "") if len(s) <= 80 else ""
    if out == "":
        if "\n" in s or "\r" in s or _UNSAFE.search(s):
            out = None
        elif _plain_ok(s) and (s and _implicit_tag(s) == _STR):
            out = s
        else:
            out = "'" + s.replace("'", "''") + "'"
        if len(s) <= 80:
            if len(_SCALARS) > _SCALARS_MAX:
                _SCALARS.clear()
            _SCALARS[s] = out
    if out is None or column + len(out) > _MAX_LINE:
        return None
    return out


def _literal(s: str, indent: int) -> str | None:
    """A multi-line text in literal block style ("|-"), its lines at `indent`, or None."""
    if "\r" in s or _UNSAFE.search(s):
        return None
    if s[0] in " \n" or s[-1] in " \n" or " \n" in s:
        return None  # an indentation or chomping hint, or trailing spaces: left to the emitter
    pad = " " * indent
    lines = s.split("\n")
    if any(len(line) + indent > _MAX_LINE for line in lines):
        return None
    return "|-\n" + "\n".join(pad + line if line else "" for line in lines)


def _value(v: Any, column: int, indent: int) -> str | None:
    """A scalar value (not a list or mapping) as written after `column` characters."""
    if isinstance(v, str):
        if "\n" in v and "\t" not in v and "\r" not in v and v == v.rstrip(" "):
            return _literal(v, indent)
        return _scalar(v, column)
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if type(v) is int:
        text = str(v)
        return text if _implicit_tag(text) == _INT else None
    if type(v) is float:
        if v != v or v in (float("inf"), float("-inf")):
            return None
        text = repr(v).lower()
        if "." not in text and "e" in text:
            text = text.replace("e", ".0e", 1)
        return text if _implicit_tag(text) == _FLOAT else None
    return None


def _key_ok(key: Any) -> bool:
    """Whether `key` is written plain as it is (a name, not a word that reads as another type)."""
    ok = _KEYS_OK.get(key) if type(key) is str else None
    if ok is None:
        ok = isinstance(key, str) and _KEY.match(key) is not None and _implicit_tag(key) == _STR
        if type(key) is str and len(_KEYS_OK) < 1000:
            _KEYS_OK[key] = ok
    return ok


def _mapping(d: dict, indent: int, out: list[str], first_prefix: str | None = None) -> bool:
    """Write a non-empty mapping whose keys start at `indent`; the first key after
    `first_prefix` (a sequence item's "- ") when given."""
    pad = " " * indent
    first = True
    for key, v in d.items():
        ok = _KEYS_OK.get(key) if type(key) is str else None
        if not (ok or _key_ok(key)):
            return False
        head = (first_prefix if first and first_prefix is not None else pad) + key + ":"
        first = False
        if type(v) is str and "\n" not in v:  # most values: what _value does for them, in one call
            if not _line(head, v, out):
                return False
        elif isinstance(v, list):
            if not v:
                out.append(head + " []\n")
                continue
            out.append(head + "\n")
            if not _sequence(v, indent, out):  # a sequence in a mapping is not indented
                return False
        elif isinstance(v, dict):
            if not v:
                out.append(head + " {}\n")
                continue
            out.append(head + "\n")
            if not _mapping(v, indent + _INDENT, out):
                return False
        else:
            text = _value(v, len(head) + 1, indent + _INDENT)
            if text is None:
                return False
            out.append(head + " " + text + "\n")
    return True


def _line(head: str, v: str, out: list[str]) -> bool:
    """`head` and the one-line text `v` as one line of `out`; False when the emitter must write
    it. The scalar comes from the cache when seen already (a long text never is) and it still
    fits the line."""
    column = len(head) + 1
    text = _SCALARS.get(v)
    if text is None or column + len(text) > _MAX_LINE:
        text = _scalar(v, column)
        if text is None:
            return False
    out.append(head + " " + text + "\n")
    return True


def _sequence(items: list, indent: int, out: list[str]) -> bool:
    pad = " " * indent
    head = pad + "-"
    for v in items:
        if type(v) is str and "\n" not in v:  # slugs, mostly: as _value writes them
            if not _line(head, v, out):
                return False
        elif isinstance(v, dict):
            if not v:
                out.append(head + " {}\n")
            elif not _mapping(v, indent + _INDENT, out, head + " "):
                return False
        elif isinstance(v, list):
            return False  # a list in a list: left to the emitter
        else:
            text = _value(v, len(head) + 1, indent + _INDENT)
            if text is None:
                return False
            out.append(head + " " + text + "\n")
    return True


def dump_meta(meta: dict) -> str | None:
    """frontmatter.dump_meta(meta), or None when the fast path does not handle it."""
    if not isinstance(meta, dict) or not meta:
        return None
    out: list[str] = []
    if not _mapping(meta, 0, out):
        return None
    return "".join(out)


def render(meta: dict, body: str) -> str:
    """frontmatter.render(meta, body), the same bytes."""
    text = dump_meta(meta) if enabled() else None
    if text is None:
        return frontmatter.render(meta, body)
    body = body.strip("\n")
    d = frontmatter.DELIMITER
    return f"{d}\n{text}{d}\n\n{body}\n" if body else f"{d}\n{text}{d}\n"


# Samples for the self-check: every style and nesting the fast path writes.
_SAMPLES: list[dict] = [
    {"title": "Kosovo: talks fail", "date": "2025-04-01", "kind": "meeting", "location": "",
     "participants": ["serbia", "kosovo"], "sources": [], "n": 79, "x": 2.5, "ok": True, "nok": False,
     "none": None, "quote": "it's \"fine\"", "lead": "- dash", "hash": "a #b", "colon": "Note:",
     "affirm": "yes", "num": "79", "ell": "...", "evidence": {"source": "a", "text": "b"}, "empty": {},
     "accounts": [{"source": "a", "text": "“We cannot go on like this forever.”"}],
     "disagreements": [{"about": "number of activities", "accounts": [{"value": "79", "source": "s",
                                                                        "speaker": None}]}],
     "removed": ["Leave a Reply\n\nYour email address will not be published.\n 3 Comments", "Share"],
     "body": "line one\n\nline two", "unicode": "Vučić – Orbán’s “plan”", "nbsp": "\u00a0x"},
]


_STATE: list[bool] = []


def enabled() -> bool:
    """Whether the fast path writes exactly what frontmatter writes (checked once)."""
    if not _STATE:
        try:
            ok = all(dump_meta(m) == frontmatter.dump_meta(m) for m in _SAMPLES)
        except Exception:  # noqa: BLE001 - any surprise just turns the fast path off
            ok = False
        _STATE.append(ok)
    return _STATE[0]
