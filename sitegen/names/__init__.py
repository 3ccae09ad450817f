"""The text layer ingest and the build share: how names are folded and spelled (fold.py,
slugs.py), which language an article is in (lang.py), what its grammar does to names
(inflect.py), and the one alias matcher (match.py). It imports neither stage."""

from sitegen.names.fold import (APOSTROPHES, fold, fold_key, fold_letters, fold_text, fold_with_map,
                                lower_and_translate_runs, non_ascii_runs, to_latin)
from sitegen.names.inflect import INFLECTING_KINDS, SUFFIXES, stems_inflect, suffix_ok
from sitegen.names.lang import LANGS, guess_language
from sitegen.names.match import Alias, Matcher
from sitegen.names.slugs import SLUG_RE, is_slug, name_key, slugify

__all__ = [
    "APOSTROPHES", "fold", "fold_key", "fold_letters", "fold_text", "fold_with_map",
    "lower_and_translate_runs", "non_ascii_runs", "to_latin",
    "INFLECTING_KINDS", "SUFFIXES", "stems_inflect", "suffix_ok",
    "LANGS", "guess_language", "Alias", "Matcher",
    "SLUG_RE", "is_slug", "name_key", "slugify",
]
