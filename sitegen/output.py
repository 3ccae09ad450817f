"""Write the site atomically: build into a temporary folder beside the output, then swap it in."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from sitegen.errors import SitegenError


def safe_relpath(rel: str) -> PurePosixPath:
    """Refuse absolute paths and `..` so nothing is ever written outside the output folder."""
    path = PurePosixPath(rel)
    if path.is_absolute() or ".." in path.parts or not path.parts or "\\" in rel:
        raise SitegenError(f"refusing to write outside the output folder: {rel!r}")
    return path


def write_site(out: Path, files: dict[str, bytes]) -> None:
    """Replace `out` with exactly `files`; a failure midway leaves the previous site intact."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent))
    try:
        made: set[Path] = set()
        for rel in sorted(files):
            target = tmp.joinpath(*safe_relpath(rel).parts)
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            target.write_bytes(files[rel])
        os.chmod(tmp, 0o755)
        swap_in(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def swap_in(new: Path, out: Path) -> None:
    """Move `new` into place as `out`, keeping the old one until the new one is there."""
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
        os.rmdir(old)
        os.replace(out, old)
    try:
        os.replace(new, out)
    except BaseException:
        if old is not None:
            os.replace(old, out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
