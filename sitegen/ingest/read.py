"""Reading one seed file: bytes -> decoded, LF-normalised text, or a clear one-line error."""

from __future__ import annotations

import codecs
import hashlib
import pathlib
import re

import yaml

from sitegen.dates import PartialDate
from sitegen.errors import SitegenError
from sitegen.ingest.types import Seed, SeedFacts

SEED_SUFFIXES = (".txt", ".md", ".html", ".htm")

# Letters that tell the Central European code pages apart. In cp1250/iso-8859-2 these bytes are
# Serbian/Croatian/Hungarian/Czech letters; in cp1252 the same bytes are rarer symbols.
_REGION_LETTERS = set("čćšžđČĆŠŽĐőűŐŰřěůťďňľĺŕŘĚŮŤĎŇĽĹŔáéíóöúüÁÉÍÓÖÚÜ")
_WESTERN_LETTERS = set("àâäçèéêëîïôöùûüÿñãõåæøœßÀÂÄÇÈÉÊËÎÏÔÖÙÛÜÑÃÕÅÆØŒáíóú")
_LEGACY = ("cp1250", "iso-8859-2", "cp1252")
# Cyrillic code pages: text in them is mostly bytes above 0x7f, which Latin text never is.
_CYRILLIC = ("cp1251", "koi8_u")
_CYRILLIC_SHARE = 0.3


def _score(text: str, letters: set[str]) -> float:
    """How plausible a decoding is: reward letters of the alphabet, punish controls and odd symbols."""
    good = bad = 0
    for ch in text:
        if ch < "\x80":
            if ch < " " and ch not in "\n\r\t\f":
                bad += 3
            continue
        if ch in letters:
            good += 1
        elif ch.isalpha():
            # A letter, but one this code page's region does not usually write.
            good += 0.2
        elif ch in "\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u00a0\u00ab\u00bb\u00b0\u20ac\u00a9":
            good += 0.5
        elif "\x80" <= ch <= "\x9f":
            bad += 5  # C1 control: the wrong code page
        else:
            bad += 1
    return good - 2 * bad


def _cyrillic(raw: bytes) -> tuple[str, str] | None:
    """Text in a Cyrillic code page (Windows-1251 or KOI8-U), or None for text of a Latin script.

    Most of a Cyrillic text's letters are bytes above 0x7f; a Latin text's accented letters are a
    few in a hundred. Which of the two code pages it is, charset-normalizer judges from the
    letters' frequencies (both decode every byte to some Cyrillic letter)."""
    letters = sum(1 for b in raw if b >= 0xC0 or 0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A)
    high = sum(1 for b in raw if b >= 0xC0)
    # Bytes 0x80-0xbf are punctuation in one code page and box drawing in the other: in text, a few.
    middle = sum(1 for b in raw if 0x80 <= b < 0xC0)
    controls = sum(1 for b in raw if b < 0x20 and b not in b"\t\n\r\f")
    if not letters or high / letters < _CYRILLIC_SHARE or middle > 0.2 * high or controls:
        return None
    from charset_normalizer import from_bytes  # noqa: PLC0415 (only legacy Cyrillic files need it)

    best = from_bytes(raw, cp_isolation=list(_CYRILLIC)).best()
    first = best.encoding if best is not None and best.encoding in _CYRILLIC else "cp1251"
    for enc in (first,) + tuple(e for e in _CYRILLIC if e != first):
        try:
            return raw.decode(enc), enc.replace("_", "-")
        except UnicodeDecodeError:
            continue
    return None


def decode_bytes(raw: bytes, rel: str) -> tuple[str, str]:
    """Decode raw bytes to text: UTF-8 (BOM or not), else the most plausible legacy code page."""
    if not raw.strip():
        raise SitegenError("empty file: nothing to ingest", path=rel)
    if b"\x00" in raw:
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            try:
                return raw.decode("utf-16"), "utf-16"
            except UnicodeDecodeError:
                pass
        raise SitegenError("binary file (contains NUL bytes), not an article", path=rel)
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise SitegenError(f"starts with a UTF-8 mark but is not valid UTF-8 (byte {exc.start})",
                               path=rel) from None
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    cyrillic = _cyrillic(raw)
    if cyrillic is not None:
        return cyrillic
    candidates: list[tuple[float, int, str, str]] = []
    for rank, enc in enumerate(_LEGACY):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        letters = _WESTERN_LETTERS if enc == "cp1252" else _REGION_LETTERS
        score = _score(text, letters)
        # Tie-break towards the region's code pages, in the order listed.
        candidates.append((score, -rank, enc, text))
    if not candidates:
        raise SitegenError("cannot decode: not UTF-8, Windows-1250, ISO-8859-2, Windows-1252, Windows-1251 or KOI8-U", path=rel)
    candidates.sort(reverse=True)
    score, _, enc, text = candidates[0]
    nonascii = sum(1 for b in raw if b >= 0x80)
    if score < -0.5 * nonascii:
        raise SitegenError(f"cannot decode: not UTF-8 and no legacy encoding fits (best guess {enc})",
                           path=rel)
    return text, enc


def _html_to_text(text: str, rel: str) -> tuple[str, SeedFacts]:
    """A saved web page's article text, and its title, author, date, site name and address from
    the page's metadata (trafilatura's structured result, not its text header)."""
    try:
        import trafilatura  # noqa: PLC0415 (optional heavy import, only for saved web pages)
    except ImportError:  # pragma: no cover - dependency declared in pyproject
        raise SitegenError("saved web pages need the 'trafilatura' package", path=rel) from None
    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    body = (getattr(doc, "text", "") or "").strip() if doc is not None else ""
    if not body:
        raise SitegenError("no article text found in the web page", path=rel)
    title = _one_line(doc.title)
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    if lines and title and lines[0] == title:
        lines = lines[1:]  # the headline, given again as the page's title
    facts = SeedFacts(title=title, author=_one_line(doc.author), published=_iso_or_empty(doc.date),
                      outlet=_one_line(doc.sitename), url=_one_line(doc.url))
    # Paragraphs as the other seeds have them: separated by a blank line.
    return ("\n\n".join([title] + lines if title else lines) + "\n", facts)


def _one_line(value: object) -> str:
    return " ".join(str(value).split()) if value else ""


def _iso_or_empty(value: object) -> str:
    try:
        date = PartialDate.parse(str(value)[:10]) if value else None
    except ValueError:
        return ""
    return date.iso() if date else ""


FACT_KEYS = ("title", "author", "published", "outlet", "url")
# The names feed readers, static-site generators and save-page tools give the same facts.
FACT_ALIASES = {"published": ("date", "pubDate", "pubdate", "publish_date", "published_at", "datePublished",
                              "date_published"),
                "url": ("canonical", "link", "permalink", "source_url"),
                "outlet": ("site", "site_name", "publication", "publisher"),
                "author": ("byline", "authors", "creator")}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)


def _facts_from(data: object, rel: str, line: int | None = None) -> SeedFacts:
    """The facts in a sidecar's or a front matter's mapping; an error naming the file for a bad one."""
    if data is None:
        return SeedFacts()
    if not isinstance(data, dict):
        raise SitegenError("article facts must be a mapping of " + ", ".join(FACT_KEYS), path=rel, line=line)
    values = {}
    for key in FACT_KEYS:
        named = next((k for k in (key,) + FACT_ALIASES.get(key, ()) if data.get(k) not in (None, "")), key)
        value = data.get(named)
        if value is None or value == "":
            continue
        if isinstance(value, list) and key == "author" and all(isinstance(v, str) for v in value):
            value = ", ".join(value)  # authors: [A, B]
        if key == "published":
            stamp = re.match(r"(\d{4}-\d{2}-\d{2})[T ]\d", str(value))  # a timestamp: its day
            try:
                date = PartialDate.parse(stamp.group(1) if stamp else value)
            except ValueError as exc:
                raise SitegenError(f"{named}: {exc}", path=rel, line=line) from None
            values[key] = date.iso() if date else ""
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            values[key] = _one_line(value)
        else:
            raise SitegenError(f"{named}: expected text, got {type(value).__name__}", path=rel, line=line)
    return SeedFacts(**values)


class _FactsLoader(yaml.SafeLoader):
    """YAML's safe loader with dates left as text, for PartialDate to read (or to refuse clearly)."""


_FactsLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _yaml_mapping(text: str, rel: str, first_line: int = 1) -> object:
    try:
        return yaml.load(text, Loader=_FactsLoader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + mark.line if mark is not None else None
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise SitegenError(f"article facts: {problem}", path=rel, line=line) from None


def split_front_matter(text: str, rel: str) -> tuple[str, SeedFacts]:
    """A `.md` seed's front matter block (url, published, outlet, author, title) and the text after it."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return text, SeedFacts()
    return text[m.end():], _facts_from(_yaml_mapping(m.group(1) or "", rel, 2), rel)


def sidecar_of(path: pathlib.Path) -> pathlib.Path:
    """Where an article's facts may lie beside it: `article.txt` -> `article.txt.yaml` (the whole
    name, so that `article.txt` and `article.html` each have their own)."""
    return path.with_name(path.name + ".yaml")


def seed_digest(path: pathlib.Path, raw: bytes | None = None) -> str:
    """sha256 of a seed's bytes, and of its sidecar's when it has one: either changing is a change."""
    digest = hashlib.sha256(path.read_bytes() if raw is None else raw)
    side = sidecar_of(path)
    if side.is_file():
        digest.update(b"\0sidecar\0" + side.read_bytes())
    return digest.hexdigest()


def _sidecar_facts(path: pathlib.Path, rel: str) -> SeedFacts:
    side = sidecar_of(path)
    if not side.is_file():
        return SeedFacts()
    side_rel = rel + ".yaml"
    try:
        text = side.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SitegenError(f"cannot read the article's facts: {exc}", path=side_rel) from None
    return _facts_from(_yaml_mapping(text, side_rel), side_rel)


def read_seed(path: pathlib.Path, rel: str) -> Seed:
    """Read one seed: sha256 of the raw bytes, decoded text with LF line ends."""
    suffix = path.suffix.lower()
    if suffix not in SEED_SUFFIXES:
        raise SitegenError(f"unsupported file type {suffix or '(none)'}; expected one of "
                           + ", ".join(SEED_SUFFIXES), path=rel)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SitegenError(f"cannot read file: {exc.strerror or exc}", path=rel) from None
    digest = seed_digest(path, raw)
    text, encoding = decode_bytes(raw, rel)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    facts = SeedFacts()
    if suffix in (".html", ".htm"):
        text, facts = _html_to_text(text, rel)
    elif suffix == ".md":
        text, facts = split_front_matter(text, rel)
    facts = facts.merged(_sidecar_facts(path, rel))
    if not text.strip():
        raise SitegenError("empty file: nothing to ingest", path=rel)
    return Seed(path=rel, text=text, sha256=digest, encoding=encoding, facts=facts)
