"""The full-text search index: run Pagefind over the staged site, then make its output byte-stable.

Pagefind writes its filter indexes in hash-map order, so two runs over the same pages give
differently ordered filter files, and with them different file names and a different
`pagefind-entry.json` (pagefind#638). `canonicalise` sorts each filter's values and renames
the files by a hash of their new content, so the same site always gets the same index.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import cbor2

from sitegen.errors import SitegenError
from sitegen.fsutil import atomic_write

PAGEFIND_TIMEOUT = 600  # seconds
SIGNATURE = b"pagefind_dcd"  # every Pagefind index file starts with this, before its CBOR payload


def pagefind_command(site: Path) -> list[str]:
    """Pagefind from the pagefind[bin] package of this interpreter; SITEGEN_PAGEFIND overrides."""
    override = os.environ.get("SITEGEN_PAGEFIND")
    base = override.split() if override else [sys.executable, "-m", "pagefind"]
    return [*base, "--site", str(site), "--keep-index-url", "--silent"]


def run_pagefind(site: Path) -> None:
    """Index the (not yet published) site into site/pagefind/; one-line error on failure."""
    try:
        proc = subprocess.run(pagefind_command(site), capture_output=True, text=True,
                              timeout=PAGEFIND_TIMEOUT, stdin=subprocess.DEVNULL)
    except FileNotFoundError as exc:
        raise SitegenError(f"search index failed: cannot run pagefind ({exc.strerror or exc}); "
                           "install pagefind[bin] or build with --no-search") from None
    except subprocess.TimeoutExpired:
        raise SitegenError(f"search index failed: pagefind took longer than {PAGEFIND_TIMEOUT} s") from None
    if proc.returncode != 0 or not (site / "pagefind" / "pagefind.js").is_file():
        reason = failure_reason(proc.stderr + "\n" + proc.stdout, proc.returncode)
        raise SitegenError(f"search index failed: {reason[:300]}; the previous site was kept "
                           "(build with --no-search to skip the index)")
    canonicalise(site / "pagefind")


def failure_reason(output: str, returncode: int) -> str:
    """The line of a failed Pagefind's output that says why: a Rust panic's message (on the line
    after "panicked at" in newer Rusts), a failed allocation, an error; else its last line that
    is not a footnote about backtraces."""
    lines = [ln.strip() for ln in output.splitlines() if ln.strip()]
    for i, line in enumerate(lines):
        if "panicked at" in line:
            return " ".join(lines[i:i + 2]) if line.endswith(":") else line
    for line in lines:
        if line.startswith(("memory allocation of", "Error", "error")):
            return line + (" (out of memory)" if line.startswith("memory allocation of") else "")
    told = [ln for ln in lines if not ln.startswith(("note:", "skipping backtrace"))]
    if told:
        return told[-1]
    return f"killed by signal {-returncode}" if returncode < 0 else f"exit code {returncode}"


def _read(path: Path) -> object:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path.name}: not a Pagefind index file")
    return cbor2.loads(raw[len(SIGNATURE):])


def _pack(payload: object) -> bytes:
    # mtime=0 keeps the gzip header free of the clock.
    return gzip.compress(SIGNATURE + cbor2.dumps(payload), compresslevel=9, mtime=0)


def _name(language: str, data: bytes, digits: int) -> str:
    return f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"


def canonicalise(index: Path) -> None:
    """Rewrite Pagefind's filter and meta files in a stable order under content-hash names.

    Only the layout this was written against is touched (Pagefind 1.x: a meta file per
    language listing `[filter, hash]` pairs); anything else is left exactly as Pagefind wrote it,
    still working, just not byte-stable.
    """
    entry_path = index / "pagefind-entry.json"
    try:
        entry_text = entry_path.read_text(encoding="utf-8")
        languages = json.loads(entry_text)["languages"]
        plans = [_plan_language(index, language["hash"]) for language in languages.values()]
    except (OSError, ValueError, KeyError, TypeError, AttributeError, cbor2.CBORDecodeError):
        return
    for old_meta, new_meta, files in plans:
        for name, data in files.items():
            atomic_write(index / name, data)
        entry_text = entry_text.replace(f'"{old_meta}"', f'"{new_meta}"')
    atomic_write(entry_path, entry_text.encode("utf-8"))
    keep = {name for _, _, files in plans for name in files}
    for path in [*index.glob("pagefind.*.pf_meta"), *index.glob("filter/*.pf_filter")]:
        if path.relative_to(index).as_posix() not in keep:
            path.unlink()


def _plan_language(index: Path, meta_hash: str) -> tuple[str, str, dict[str, bytes]]:
    """The new files for one language: its sorted filters and its meta file pointing at them."""
    language = meta_hash.rsplit("_", 1)[0]
    meta = _read(index / f"pagefind.{meta_hash}.pf_meta")
    filters = meta[3] if isinstance(meta, list) and len(meta) > 3 else None
    if not (isinstance(filters, list)
            and all(isinstance(f, list) and len(f) == 2 for f in filters)):
        raise ValueError("unknown meta layout")
    files: dict[str, bytes] = {}
    pairs = []
    for name, old_hash in filters:
        payload = _read(index / "filter" / f"{old_hash}.pf_filter")
        if not (isinstance(payload, list) and len(payload) == 2 and isinstance(payload[1], list)):
            raise ValueError("unknown filter layout")
        payload[1].sort(key=lambda value: (str(value[0]), repr(value[1:])))
        data = _pack(payload)
        # Pagefind names filter files by 7 hex digits and meta files by 10.
        new_hash = _name(language, data, 7)
        files[f"filter/{new_hash}.pf_filter"] = data
        pairs.append([name, new_hash])
    meta[3] = sorted(pairs)
    data = _pack(meta)
    new_meta = _name(language, data, 10)
    files[f"pagefind.{new_meta}.pf_meta"] = data
    return meta_hash, new_meta, files
