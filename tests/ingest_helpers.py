"""What the ingest tests share: a small corpus of articles given as texts, extracted in-process."""

from __future__ import annotations

from sitegen.ingest.extract import extract_corpus
from sitegen.ingest.types import Seed


def extract_texts(*texts: str) -> list:
    """The entries extract_corpus makes of these article texts (seeds/a0.txt, seeds/a1.txt, …)."""
    seeds = [Seed(f"seeds/a{i}.txt", text, str(i) * 64) for i, text in enumerate(texts)]
    return extract_corpus(seeds, [], workers=1)


def sources_of(*texts: str) -> list[dict]:
    """The source entries' front matter of these article texts, in the order given."""
    by_seed = {e.meta["seed"]: e.meta for e in extract_texts(*texts) if e.kind_dir == "sources"}
    return [by_seed[f"seeds/a{i}.txt"] for i in range(len(texts))]
