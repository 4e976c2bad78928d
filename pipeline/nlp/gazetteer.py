"""Country names and demonyms: lookups over the tables of ``lang/es/``, without spaCy.

Country names come from babel's CLDR Spanish territory names for the states
of ``un_members.tsv`` plus the aliases of ``country_aliases.tsv``; demonyms
from ``demonyms.tsv``, their feminine and plural forms made by Spanish
morphology (`inflect`) unless the table gives them. `pipeline.nlp.countries`
and `pipeline.nlp.norp` tag them in documents; the guards and ``es_people``
only ask whether a word is one.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

from babel import Locale

from pipeline.lang import column, mapping, read_table

LEADING_ARTICLES = ("el ", "la ", "los ", "las ")
_ACUTE = str.maketrans("áéíóú", "aeiou")


@lru_cache(maxsize=1 << 16)  # pure, and called for every word of every document
def fold_name(text: str) -> str:
    """Case- and accent-insensitive key, with spaces and apostrophes normalised."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace("’", "'").split()).casefold()


# ---------------------------------------------------------------- countries


@cache
def country_table() -> tuple[dict[str, str], dict[str, str]]:
    """``(name → ISO code, ISO code → canonical Spanish name)``, names as written."""
    cldr = Locale("es").territories
    canonical: dict[str, str] = {}
    names: dict[str, str] = {}
    for row in read_table("un_members"):
        code = row["code"]
        cldr_name = cldr.get(code, "")
        canonical[code] = row["canonical"] or cldr_name
        for name in (cldr_name, canonical[code]):
            if name:
                names[name] = code
    for alias, code in mapping("country_aliases", "alias", "code").items():
        names[alias] = code
    return names, canonical


@cache
def _folded_names() -> dict[str, str]:
    return {fold_name(k): v for k, v in country_table()[0].items()}


@cache
def capital_only_names() -> frozenset[str]:
    """Folded names the tables write only in capitals ("usa", "eeuu", "eu"): they name a
    country only when written in capitals ("Usa" opening a sentence is the verb)."""
    written: dict[str, list[bool]] = {}
    for name in country_table()[0]:
        written.setdefault(fold_name(name), []).append(name.isupper())
    return frozenset(key for key, upper in written.items() if all(upper))


@cache
def ambiguous_defaults() -> dict[str, bool]:
    """Folded name with another reading (``country_ambiguous.tsv``) → whether the country is its default."""
    return {fold_name(row["name"]): row["default"] == "country" for row in read_table("country_ambiguous")}


def lookup_country(text: str, *, default_reading: bool = True) -> str | None:
    """ISO alpha-2 for a country name or alias (case and accents ignored), else None.

    A leading article is allowed ("la India", "los Estados Unidos"); a name the tables
    write only in capitals counts only in capitals ("USA", not "Usa"). A name with
    another reading (``country_ambiguous.tsv``) gives its code only where the
    country is that name's default reading ("Georgia" yes, "Granada" no), or
    never if ``default_reading`` is False.
    """
    folded = _folded_names()
    key = fold_name(text)
    if key in capital_only_names() and not text.isupper():
        return None
    if key not in folded and key.startswith(LEADING_ARTICLES):
        key = key.split(" ", 1)[1]
    code = folded.get(key)
    default_country = ambiguous_defaults().get(key)
    if code and default_country is not None and not (default_reading and default_country):
        return None
    return code


def canonical_country(code: str) -> str | None:
    """The Spanish short name for an ISO code of a state in the table."""
    return country_table()[1].get(code)


# ---------------------------------------------------------------- demonyms


def _unstress(stem: str) -> str:
    """Removes the written accent of the last syllable: "francés" → "frances"."""
    return stem[:-2] + stem[-2:].translate(_ACUTE)


def inflect(masculine: str) -> dict[str, str]:
    """The four forms of a Spanish demonym from its masculine singular, by rule.

    ``{"ms": …, "fs": …, "mp": …, "fp": …}``; a form with two plurals (stressed
    -í, -ú: "marroquíes" / "marroquís") gives the second one as ``mp2``/``fp2``.

    >>> inflect("francés")["fp"]
    'francesas'
    """
    m = masculine
    if m.endswith("o"):
        f = m[:-1] + "a"
    elif m.endswith(("és", "án", "ón", "ín")):
        f = _unstress(m) + "a"
    elif m.endswith("ol"):
        f = m + "a"
    else:
        f = m  # belga, estadounidense, marroquí, kosovar, papú: one form for both genders
    forms = {"ms": m, "fs": f, "mp": _plural(m), "fp": _plural(f)}
    if m.endswith(("í", "ú")):
        forms["mp2"] = forms["fp2"] = m + "s"
    return forms


def _plural(word: str) -> str:
    if word.endswith(("a", "e", "i", "o", "u", "á", "é", "ó")):
        return word + "s"
    if word.endswith(("í", "ú")):
        return word + "es"
    if word.endswith(("és", "án", "ón", "ín")):
        return _unstress(word) + "es"
    return word + "es"


@cache
def demonym_table() -> dict[str, tuple[str, bool]]:
    """Every form (lowercase) → ``(ISO code, is masculine singular)``.

    A form claimed by two states is an error in the table (raised here, shown by
    the tests), so the table stays unambiguous.
    """
    out: dict[str, tuple[str, bool]] = {}
    for row in read_table("demonyms"):
        forms = inflect(row["demonym"])
        for key in ("feminine", "plural", "feminine_plural"):
            if row[key]:
                forms[{"feminine": "fs", "plural": "mp", "feminine_plural": "fp"}[key]] = row[key]
        excluded = set(filter(None, row["exclude"].split("|")))
        for kind, form in forms.items():
            if form in excluded:
                continue
            entry = (row["code"], kind == "ms")
            if out.get(form, entry)[0] != row["code"]:
                raise ValueError(f"demonym {form!r} is given to both {out[form][0]} and {row['code']} in demonyms.tsv")
            out[form] = entry if form not in out or kind == "ms" else out[form]
    return out


def lookup_demonym(word: str) -> str | None:
    """ISO code of the state a demonym form names ("venezolanas" → "VE"), else None."""
    entry = demonym_table().get(word.lower())
    return entry[0] if entry else None


@cache
def demonym_idioms() -> tuple[tuple[str, ...], ...]:
    """Set phrases with a demonym that names no nationality, as lowercase word tuples."""
    return tuple(tuple(p.lower().split()) for p in column("demonym_idioms", "phrase"))
