"""The full-text search index: Pagefind over the staged site, in parts, made byte-stable.

The index is made in parts, each a whole Pagefind index of the pages a hash of their path puts
in it; the search page loads the first and merges the others into it (Pagefind's `mergeIndex`).
An edit then re-indexes only the parts whose pages changed: Pagefind cannot update an index, and
indexing 10,000 pages takes it half a minute and 3 GiB. A part whose pages are unchanged, and
whose files in the site in place are still as the last build left them, is linked from there.

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
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable

import cbor2

from sitegen.errors import SitegenError
from sitegen.fsutil import atomic_write
from sitegen.output import file_signature, file_signatures, place, still_as_recorded
from sitegen.parallel import cpus

PAGEFIND_TIMEOUT = 600  # seconds
SIGNATURE = b"pagefind_dcd"  # every Pagefind index file starts with this, before its CBOR payload
INDEX = "pagefind"  # the index's folder in the site
PARTS_FILE = "parts.json"  # in it: the parts' folder names, the first holding Pagefind's script
PART_PAGES = 800  # pages per part at most: re-indexing one takes Pagefind about 2 s and 250 MiB...
MAX_PARTS = 64  # ...up to this many parts: the search page fetches a few files from each
# Of Pagefind's files, the parts after the first need only their index, not its scripts.
PART_DATA = ("pagefind-entry.json", ".pf_meta")


@dataclass(frozen=True)
class Part:
    """One part of the index as a build left it."""

    key: str  # digest of its pages (paths and contents) and of the Pagefind that indexed them
    files: dict[str, tuple]  # each of its files, relative to the site -> stat signature


def pagefind_command(site: Path, output: Path) -> list[str]:
    """Pagefind from the pagefind[bin] package of this interpreter; SITEGEN_PAGEFIND overrides."""
    override = os.environ.get("SITEGEN_PAGEFIND")
    base = override.split() if override else [sys.executable, "-m", "pagefind"]
    return [*base, "--site", str(site), "--output-path", str(output), "--keep-index-url", "--silent"]


def pagefind_identity() -> str:
    """What tells one Pagefind from another, for the parts' keys: a part indexed by another
    version is indexed again."""
    override = os.environ.get("SITEGEN_PAGEFIND")
    if override:
        return override
    versions = []
    for package in ("pagefind", "pagefind_bin", "pagefind_bin_extended"):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            pass
    return "; ".join(versions)


def part_count(pages: int) -> int:
    """How many parts an index of `pages` pages is made in: one up to PART_PAGES, else a power of
    two, so that the pages are shared out anew (and every part indexed again) only when the
    site's size doubles or halves; at most MAX_PARTS, whose parts then grow with the site."""
    count = 1
    while count * PART_PAGES < pages and count < MAX_PARTS:
        count *= 2
    return count


def part_names(count: int) -> list[str]:
    width = len(str(count - 1))
    return [f"part-{i:0{width}d}" for i in range(count)]


def share_out(pages: dict[str, str]) -> dict[str, dict[str, str]]:
    """The pages (path -> content digest) of each part, by a hash of their path; a part that
    gets none is left out."""
    names = part_names(part_count(len(pages)))
    parts: dict[str, dict[str, str]] = {name: {} for name in names}
    for path in sorted(pages):
        h = int.from_bytes(hashlib.blake2b(path.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")
        parts[names[h % len(names)]][path] = pages[path]
    return {name: members for name, members in parts.items() if members}


def part_key(name: str, pages: dict[str, str], identity: str, runtime: bool) -> str:
    return hashlib.blake2b(repr((name, identity, runtime, sorted(pages.items()))).encode("utf-8", "surrogatepass"),
                           digest_size=16).hexdigest()


@dataclass
class SearchIndex:
    """The index a build made: its parts, and the signature of every file of it (the parts' and
    the listing's), relative to the site."""

    parts: dict[str, Part]
    files: dict[str, tuple]
    indexed: int = 0  # parts indexed by this build; the others were linked from the last site


def index_site(stage: Path, pages: dict[str, str], previous: dict[str, Part], live: Path | None,
               scratch: Path, progress: Callable[[list], Iterable] = lambda parts: parts) -> SearchIndex:
    """Index `pages` (site path -> content digest, all in `stage`) into `stage`/pagefind/, part
    by part; a part of `previous` with the same key whose files are intact in `live` (the site
    in place) is hard-linked from there, or kept where the stage holds it already (the stage
    being the spare copy of the site, which shares the files of every part the last build did
    not index again). Each part's pages are gathered by hard links in a temporary folder named
    `scratch` and a suffix (on the stage's file system, where a killed build's leftovers are
    found). `progress` is given the parts to index, and hands them back
    as each is done. SitegenError (with Pagefind's reason) when a part fails."""
    identity = pagefind_identity()
    parts = share_out(pages)
    first = next(iter(parts), "")
    keys = {name: part_key(name, members, identity, runtime=name == first) for name, members in parts.items()}
    unchanged = {name: part for name, part in previous.items() if keys.get(name) == part.key}
    made: dict[str, Part] = {name: unchanged[name] for name in _keep_in_place(stage, unchanged)}
    todo: list[tuple[str, str, dict[str, str]]] = []
    for name, members in parts.items():
        if name in made:
            continue
        before = unchanged.get(name)
        if before is not None and live is not None and _link_part(live, stage, before):
            made[name] = before
        else:
            todo.append((name, keys[name], members))

    def run(job: tuple[str, str, dict[str, str]]) -> Part:
        name, key, members = job
        return Part(key, _index_part(stage, name, members, scratch, runtime=name == first))

    if todo:
        with ThreadPoolExecutor(max_workers=max(1, min(cpus(), len(todo)))) as pool:
            running = [pool.submit(run, job) for job in todo]
            try:
                for job, future in zip(progress(todo), running):
                    made[job[0]] = future.result()
            except BaseException:
                for future in running:  # a failed part fails the build: the others are not waited for
                    future.cancel()
                raise
    listing = json.dumps({"parts": list(parts)}, indent=1).encode() + b"\n"
    atomic_write(stage / INDEX / PARTS_FILE, listing)
    files = file_signatures(stage, [f"{INDEX}/{PARTS_FILE}"])
    for name in parts:
        files.update(made[name].files)
    return SearchIndex({name: made[name] for name in parts}, files, len(todo))


def _keep_in_place(stage: Path, wanted: dict[str, Part]) -> set[str]:
    """The parts of `wanted` the stage's index holds exactly as recorded (the same files, by
    their stat signatures); everything else in it is removed."""
    index = stage / INDEX
    index.mkdir(exist_ok=True)
    kept = set()
    for entry in os.scandir(index):
        part = wanted.get(entry.name)
        if part is not None and entry.is_dir(follow_symlinks=False) and \
                _files(Path(entry.path), f"{INDEX}/{entry.name}/") == part.files:
            kept.add(entry.name)
        elif entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)
    return kept


def _files(folder: Path, prefix: str) -> dict[str, tuple]:
    """Every file under `folder` (as `prefix` + its relative path) -> its stat signature."""
    out: dict[str, tuple] = {}
    for path, _dirs, names in os.walk(folder):
        rel = os.path.relpath(path, folder)
        base = prefix if rel == "." else f"{prefix}{rel}/"
        for name in names:
            out[base + name] = file_signature(os.lstat(os.path.join(path, name)))
    return out


def _link_part(live: Path, stage: Path, part: Part) -> bool:
    """Link a part's files from the site in place into the stage, if they are all as recorded."""
    if not still_as_recorded(live, part.files):
        return False
    try:
        _link_files(live, stage, part.files)
    except OSError:
        return False
    return True


def _link_files(source: Path, target: Path, paths: Iterable[str]) -> None:
    made: set[str] = set()
    for rel in paths:
        os.link(os.path.join(source, rel), place(target, rel, made))


def _index_part(stage: Path, name: str, members: dict[str, str], scratch: Path, runtime: bool) -> dict[str, tuple]:
    """Index one part's pages into stage/pagefind/<name>/; its files' signatures."""
    output = stage / INDEX / name
    shutil.rmtree(output, ignore_errors=True)  # what a part linked from the site in place left
    pages = Path(tempfile.mkdtemp(prefix=scratch.name, dir=scratch.parent))
    try:
        _link_files(stage, pages, members)
        run_pagefind(pages, output)
    finally:
        shutil.rmtree(pages, ignore_errors=True)
    if not runtime:
        for path in output.iterdir():
            if path.is_file() and not path.name.endswith(PART_DATA):
                path.unlink()
    return dict(sorted(_files(output, f"{INDEX}/{name}/").items()))


def run_pagefind(site: Path, output: Path) -> None:
    """Index the pages of `site` (not yet published) into `output`; one-line error on failure."""
    try:
        proc = subprocess.run(pagefind_command(site, output), capture_output=True, text=True,
                              timeout=PAGEFIND_TIMEOUT, stdin=subprocess.DEVNULL)
    except FileNotFoundError as exc:
        raise SitegenError(f"search index failed: cannot run pagefind ({exc.strerror or exc}); "
                           "install pagefind[bin] or build with --no-search") from None
    except subprocess.TimeoutExpired:
        raise SitegenError(f"search index failed: pagefind took longer than {PAGEFIND_TIMEOUT} s") from None
    if proc.returncode != 0 or not (output / "pagefind-entry.json").is_file():
        reason = failure_reason(proc.stderr + "\n" + proc.stdout, proc.returncode)
        raise SitegenError(f"search index failed: {reason[:300]}; the previous site was kept "
                           "(build with --no-search to skip the index)")
    canonicalise(output)


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
