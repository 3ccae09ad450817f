"""Partial ISO dates (`2025`, `2025-04`, `2025-04-01`), kept at the precision the evidence gives."""

from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


@functools.total_ordering
@dataclass(frozen=True, slots=True)  # slots: ingest holds hundreds of thousands of them
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> "PartialDate | None":
        """Parse an ISO date of any precision; None if empty; ValueError if malformed."""
        if value is None or value == "":
            return None
        if isinstance(value, _dt.datetime):
            value = value.date()
        if isinstance(value, _dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise ValueError(f"expected an ISO date like 2025-04-01, got {type(value).__name__}")
        m = _PARTIAL.match(value.strip())
        if not m:
            raise ValueError(f"{value!r} is not an ISO date (2025, 2025-04 or 2025-04-01)")
        year, month, day = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{value!r} has no month {month}")
        if day is not None:
            _dt.date(year, month, day)  # raises ValueError for 2025-02-30
        return cls(year, month or None, day or None)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def human(self) -> str:
        """`1 April 2025`, `April 2025` or `2025`: never invents a day or month."""
        if self.day:
            return f"{self.day} {MONTHS[self.month - 1]} {self.year}"
        if self.month:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return str(self.year)

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def overlaps(self, other: "PartialDate") -> bool:
        """Whether one date may be the other (April 2025 and 1 April 2025): then neither is
        known to come first, whatever order sorting gives them."""
        return self.year == other.year and (self.month is None or other.month is None or (
            self.month == other.month and (self.day is None or other.day is None or self.day == other.day)))

    def __lt__(self, other: "PartialDate") -> bool:
        # A month-only date sorts before the days of that month.
        return self.sort_key() < other.sort_key()

    def __str__(self) -> str:
        return self.iso()

    def __reduce__(self) -> tuple:
        # Pickled as a call (ingest's workers send back hundreds of thousands): quicker than the
        # field-by-field state of a slots dataclass.
        return PartialDate, (self.year, self.month, self.day)
