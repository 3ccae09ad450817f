"""Reading one seed file: bytes -> decoded, LF-normalised text, or a clear one-line error."""

from __future__ import annotations

import codecs
import hashlib
import pathlib

from sitegen.errors import SitegenError
from sitegen.ingest.types import Seed

SEED_SUFFIXES = (".txt", ".md", ".html", ".htm")

# Letters that tell the Central European code pages apart. In cp1250/iso-8859-2 these bytes are
# Serbian/Croatian/Hungarian/Czech letters; in cp1252 the same bytes are rarer symbols.
_REGION_LETTERS = set("čćšžđČĆŠŽĐőűŐŰřěůťďňľĺŕŘĚŮŤĎŇĽĹŔáéíóöúüÁÉÍÓÖÚÜ")
_WESTERN_LETTERS = set("àâäçèéêëîïôöùûüÿñãõåæøœßÀÂÄÇÈÉÊËÎÏÔÖÙÛÜÑÃÕÅÆØŒáíóú")
_LEGACY = ("cp1250", "iso-8859-2", "cp1252")


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
        raise SitegenError("cannot decode: not UTF-8, Windows-1250, ISO-8859-2 or Windows-1252", path=rel)
    candidates.sort(reverse=True)
    score, _, enc, text = candidates[0]
    nonascii = sum(1 for b in raw if b >= 0x80)
    if score < -0.5 * nonascii:
        raise SitegenError(f"cannot decode: not UTF-8 and no legacy encoding fits (best guess {enc})",
                           path=rel)
    return text, enc


def _html_to_text(text: str, rel: str) -> str:
    try:
        import trafilatura  # noqa: PLC0415 (optional heavy import, only for saved web pages)
    except ImportError:  # pragma: no cover - dependency declared in pyproject
        raise SitegenError("saved web pages need the 'trafilatura' package", path=rel) from None
    extracted = trafilatura.extract(text, include_comments=False, include_tables=False,
                                    output_format="txt", with_metadata=True, favor_precision=True)
    if not extracted or not extracted.strip():
        raise SitegenError("no article text found in the web page", path=rel)
    # With metadata, trafilatura prefixes a small YAML-like header between --- lines; turn it
    # into the plain "headline / By author / date" lines that metadata.py reads.
    lines = extracted.replace("\r\n", "\n").split("\n")
    meta: dict[str, str] = {}
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is not None:
            for line in lines[1:end]:
                key, _, value = line.partition(":")
                meta[key.strip()] = value.strip()
            lines = lines[end + 1:]
    head = []
    if meta.get("title"):
        head.append(meta["title"])
    if meta.get("author"):
        head.append("By " + meta["author"])
    if meta.get("date"):
        head.append(meta["date"])
    if meta.get("url"):
        head.append("URL: " + meta["url"])
    body = "\n".join(lines).strip()
    return "\n\n".join(head + [body]) + "\n"


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
    digest = hashlib.sha256(raw).hexdigest()
    text, encoding = decode_bytes(raw, rel)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if suffix in (".html", ".htm"):
        text = _html_to_text(text, rel)
    if not text.strip():
        raise SitegenError("empty file: nothing to ingest", path=rel)
    return Seed(path=rel, text=text, sha256=digest, encoding=encoding)
