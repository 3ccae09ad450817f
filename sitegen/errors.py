"""Problems found in user input, reported as one line each, never as a traceback."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Control characters (newlines, terminal escapes, bidi overrides) from a file name or a
# value would break the one-line report or repaint the editor's terminal: show them escaped.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def one_line(text: object) -> str:
    """`text` as a single printable line: control characters become visible escapes."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file: `path:line: message`."""

    path: str
    line: int | None
    message: str
    severity: str = "error"  # "error" | "warning"

    def __lt__(self, other: "Problem") -> bool:
        # Sorted by file, then line; a problem with no line comes first in its file.
        return (self.path, self.line or 0, self.message) < (other.path, other.line or 0, other.message)

    def __str__(self) -> str:
        where = f"{one_line(self.path)}:{self.line}" if self.line else one_line(self.path)
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{one_line(self.message)}"


class SitegenError(Exception):
    """A user mistake or an unusable input; the CLI prints it as one line and exits non-zero."""

    exit_code = 1

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        if self.path and self.line:
            return f"{one_line(self.path)}:{self.line}: {one_line(self.message)}"
        if self.path:
            return f"{one_line(self.path)}: {one_line(self.message)}"
        return one_line(self.message)


class ContentErrors(SitegenError):
    """Several problems at once: every malformed file is reported in one run."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in content")
        self.problems = problems
