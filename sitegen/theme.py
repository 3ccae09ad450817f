"""Locate templates: the briefing folder's own templates/ first, then the built-in theme."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def builtin_theme_dir() -> Path:
    """The default theme: installed as sitegen/default_theme, or the repository's templates/ in a checkout."""
    installed = _PACKAGE / "default_theme"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "templates"


def theme_dirs(root: Path) -> list[Path]:
    """Search path for templates and static files, most specific first."""
    dirs = []
    own = root / "templates"
    builtin = builtin_theme_dir()
    if own.is_dir() and own.resolve() != builtin.resolve():
        dirs.append(own)
    dirs.append(builtin)
    return dirs
