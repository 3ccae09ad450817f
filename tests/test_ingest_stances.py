"""Positions one side denies and another asserts, across the articles of a story."""

from __future__ import annotations

from sitegen.ingest.extract import extract_corpus
from sitegen.ingest.types import Seed


def _positions(*texts: str) -> list[list[tuple[str | None, str]]]:
    seeds = [Seed(f"seeds/{i}.txt", t, str(i) * 64) for i, t in enumerate(texts)]
    entries = extract_corpus(seeds, [], workers=1)
    return [[(a["speaker"], a["value"]) for a in d["accounts"]]
            for e in entries if e.kind_dir == "events" for d in e.meta.get("disagreements") or []
            if d["about"].startswith("positions")]


def test_a_denial_and_what_it_denies_are_one_disagreement():
    found = _positions(
        "Border deal signed\n\nKinshasa, 27 June 2025 - Congo and Rwanda signed a peace deal in Washington on "
        "Friday. Rwanda denies backing the M23 rebels, who seized Goma this year.\n",
        "Peace deal in Washington\n\nKigali, 28 June 2025 - Congo and Rwanda signed a peace deal in Washington on "
        "Friday. The M23 rebels, whom United Nations experts say are backed by Rwanda, still hold Goma.\n")
    assert found == [[("united-nations", "Are backed by Rwanda"), ("rwanda", "Denies backing the M23 rebels")]]


def test_statements_that_only_share_names_are_no_disagreement():
    found = _positions(
        "Border deal signed\n\nKinshasa, 27 June 2025 - Congo and Rwanda signed a peace deal in Washington on "
        "Friday. Rwanda denies any wrongdoing in the east.\n",
        "Peace deal in Washington\n\nKigali, 28 June 2025 - Congo and Rwanda signed a peace deal in Washington on "
        "Friday. Congo said Rwanda would host the next round of talks in the summer.\n")
    assert found == []
