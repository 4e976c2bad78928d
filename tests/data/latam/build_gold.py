"""Build the Latin American gold set from its marked-up sources.

The articles are written in ``source/*.txt`` with the gold inline, so that
every offset is computed from the text and never typed by hand:

- entities ``[surface|P]`` (PERSON), ``|O`` (ORG), ``|L`` (LOC), ``|C``
  (COUNTRY), ``|N`` (NORP); an optional third field is the canonical name of
  a person (``[Maduro|P|Nicolás Maduro]``) or the ISO 3166-1 alpha-2 code of
  a country or demonym (``[EU|C|US]``, ``[mexiquense|N|MX]``);
- figures ``{surface|PCT|value}``, ``{surface|MON|value|ISO}``,
  ``{surface|QTY|value|unit}``, ``{surface|CAR|value}``;
- counts of time units (``{tres días|DUR}``, ages, anniversaries): temporal
  expressions, which DESIGN files under DATE ("dates and periods"), so not
  figures; listed in ``durations`` so that a scorer can set them aside.

A source article starts with ``=== id | country | published | section |
locale`` (locale ``us``: "1,500.5"; ``es``: "1.500,5"), then ``title: …``,
then the body; lines starting with ``%%`` are comments. People are resolved
to their canonical name through ``source/people.tsv``.

``python tests/data/latam/build_gold.py`` writes ``articles.jsonl`` and
``people.jsonl``; ``--check`` also prints what a reviewer should look at
(figure values that disagree with the digits, capitalised words and
demonyms left unmarked, digits outside figures).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source"

ENTITY_CODES = {"P": "PERSON", "O": "ORG", "L": "LOC", "C": "COUNTRY", "N": "NORP"}
FIGURE_CODES = {"PCT": "PERCENT", "MON": "MONEY", "QTY": "QUANTITY", "CAR": "CARDINAL"}

# Spanish short names (and the aliases the articles use) of the countries that
# appear, to their ISO 3166-1 alpha-2 code.
COUNTRIES = {
    "México": "MX",
    "Estados Unidos": "US",
    "EE.UU.": "US",
    "EE. UU.": "US",
    "EEUU": "US",
    "Argentina": "AR",
    "Venezuela": "VE",
    "Bolivia": "BO",
    "Colombia": "CO",
    "Chile": "CL",
    "Perú": "PE",
    "Cuba": "CU",
    "Ecuador": "EC",
    "Uruguay": "UY",
    "Paraguay": "PY",
    "Brasil": "BR",
    "Guatemala": "GT",
    "Honduras": "HN",
    "El Salvador": "SV",
    "Nicaragua": "NI",
    "Costa Rica": "CR",
    "Panamá": "PA",
    "República Dominicana": "DO",
    "Haití": "HT",
    "Canadá": "CA",
    "España": "ES",
    "Francia": "FR",
    "Italia": "IT",
    "Alemania": "DE",
    "Reino Unido": "GB",
    "Japón": "JP",
    "China": "CN",
    "Rusia": "RU",
    "India": "IN",
    "Corea del Sur": "KR",
    "Suecia": "SE",
    "Portugal": "PT",
    "Países Bajos": "NL",
    "Bélgica": "BE",
}

# Masculine singular demonyms to ISO alpha-2; feminine and plural forms are
# derived below. Regional demonyms carry the country they belong to.
DEMONYMS = {
    "mexicano": "MX",
    "estadounidense": "US",
    "estadunidense": "US",
    "norteamericano": "US",
    "argentino": "AR",
    "venezolano": "VE",
    "boliviano": "BO",
    "colombiano": "CO",
    "chileno": "CL",
    "peruano": "PE",
    "cubano": "CU",
    "ecuatoriano": "EC",
    "uruguayo": "UY",
    "paraguayo": "PY",
    "brasileño": "BR",
    "guatemalteco": "GT",
    "hondureño": "HN",
    "salvadoreño": "SV",
    "nicaragüense": "NI",
    "costarricense": "CR",
    "panameño": "PA",
    "dominicano": "DO",
    "haitiano": "HT",
    "canadiense": "CA",
    "español": "ES",
    "francés": "FR",
    "italiano": "IT",
    "alemán": "DE",
    "británico": "GB",
    "japonés": "JP",
    "chino": "CN",
    "ruso": "RU",
    "surcoreano": "KR",
    "sueco": "SE",
    "portugués": "PT",
    "neerlandés": "NL",
    "turco": "TR",
    "finlandés": "FI",
}

REQUIRED_FIELDS = ("id", "country", "published", "section", "title", "text", "entities", "figures")


def _forms(word: str) -> set[str]:
    """The masculine/feminine singular/plural forms of a demonym."""
    out = {word}
    if word.endswith("o"):
        fem = word[:-1] + "a"
        out |= {fem, word + "s", fem + "s"}
    elif word.endswith(("és", "án")):
        base = _strip_accent_last(word)
        out |= {base + "a", base + "es", base + "as"}
    elif word.endswith("ol"):
        out |= {word + "a", word + "es", word + "as"}
    elif word.endswith("e"):
        out |= {word + "s"}
    return out


def _strip_accent_last(word: str) -> str:
    table = str.maketrans("áéíóú", "aeiou")
    return word[:-2] + word[-2:].translate(table)


DEMONYM_FORMS = {form: code for word, code in DEMONYMS.items() for form in _forms(word)}


def _norm(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


# --------------------------------------------------------------------------- sources


def read_people(path: Path = SOURCE / "people.tsv") -> dict[str, list[str]]:
    """canonical name → the surface forms that may name that person."""
    people: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        canonical, _, aliases = line.partition("\t")
        forms = [canonical] + [a for a in aliases.split("|") if a]
        people[canonical] = forms
    return people


def read_sources(folder: Path = SOURCE) -> list[dict]:
    """Every marked-up article in the source files, in file and file order."""
    articles = []
    for path in sorted(folder.glob("*.txt")):
        current = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("%%"):
                continue
            if line.startswith("=== "):
                fields = [f.strip() for f in line[4:].split("|")]
                current = dict(zip(("id", "country", "published", "section", "locale"), fields, strict=True))
                current["lines"] = []
                current["file"] = path.name
                articles.append(current)
            elif current is not None:
                if line.startswith("title: ") and "title" not in current:
                    current["title"] = line[len("title: ") :].strip()
                else:
                    current["lines"].append(line.rstrip())
    for art in articles:
        body = "\n".join(art.pop("lines")).strip("\n")
        body = re.sub(r"\n{3,}", "\n\n", body)
        art["markup"] = body
    return articles


def parse_markup(markup: str) -> tuple[str, list[dict], list[dict], list[dict]]:
    """Plain text, entities, figures and durations of one marked-up body (no nesting)."""
    out: list[str] = []
    entities: list[dict] = []
    figures: list[dict] = []
    durations: list[dict] = []
    pos = 0
    i = 0
    pattern = re.compile(r"\[([^\[\]{}]+?)\]|\{([^\[\]{}]+?)\}")
    for m in pattern.finditer(markup):
        plain = markup[i : m.start()]
        if any(ch in plain for ch in "[]{}"):
            raise ValueError(f"stray bracket near: {plain[-60:]!r}")
        out.append(plain)
        pos += len(plain)
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        parts = inner.split("|")
        surface = parts[0]
        start, end = pos, pos + len(surface)
        if m.group(1) is not None:
            if len(parts) not in (2, 3) or parts[1] not in ENTITY_CODES:
                raise ValueError(f"bad entity mark: [{inner}]")
            ent = {"start": start, "end": end, "text": surface, "label": ENTITY_CODES[parts[1]]}
            if len(parts) == 3:
                ent["_extra"] = parts[2]
            entities.append(ent)
        elif parts[1:] == ["DUR"]:
            durations.append({"start": start, "end": end, "text": surface})
        else:
            if len(parts) < 3 or parts[1] not in FIGURE_CODES:
                raise ValueError(f"bad figure mark: {{{inner}}}")
            label = FIGURE_CODES[parts[1]]
            value = float(parts[2])
            unit = parts[3] if len(parts) > 3 else None
            if label == "PERCENT":
                unit = "%"
            if label in ("MONEY", "QUANTITY") and not unit:
                raise ValueError(f"{label} without unit: {{{inner}}}")
            if label == "CARDINAL" and unit:
                raise ValueError(f"CARDINAL with a unit: {{{inner}}}")
            figures.append({"start": start, "end": end, "text": surface, "label": label, "value": value, "unit": unit})
        out.append(surface)
        pos += len(surface)
        i = m.end()
    tail = markup[i:]
    if any(ch in tail for ch in "[]{}"):
        raise ValueError(f"stray bracket near: {tail[:60]!r}")
    out.append(tail)
    return "".join(out), entities, figures, durations


def _resolve_person(ent: dict, article_people: list[dict], people: dict[str, list[str]], art_id: str) -> str:
    if "_extra" in ent:
        canonical = ent["_extra"]
        if canonical not in people:
            raise ValueError(f"{art_id}: {canonical!r} is not in people.tsv")
        if _norm(ent["text"]) not in {_norm(f) for f in people[canonical]}:
            raise ValueError(f"{art_id}: {ent['text']!r} is not a listed form of {canonical!r}")
        return canonical
    surface = _norm(ent["text"])
    candidates = [c for c, forms in people.items() if surface in {_norm(f) for f in forms}]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise ValueError(f"{art_id}: person {ent['text']!r} is not in people.tsv")
    # Several people share this form: the one named by a longer form in this article.
    longer = {
        c
        for c in candidates
        for other in article_people
        if len(other["text"]) > len(ent["text"]) and _norm(other["text"]) in {_norm(f) for f in people[c]}
    }
    if len(longer) == 1:
        return longer.pop()
    raise ValueError(f"{art_id}: {ent['text']!r} may be any of {candidates}; give the canonical name")


def build(folder: Path = SOURCE) -> tuple[list[dict], list[dict]]:
    """The article rows and the people rows, as they are written to JSONL."""
    people = read_people(folder / "people.tsv")
    rows = []
    for art in read_sources(folder):
        text, entities, figures, durations = parse_markup(art["markup"])
        persons = [e for e in entities if e["label"] == "PERSON"]
        for ent in entities:
            extra = ent.pop("_extra", None)
            if ent["label"] == "PERSON":
                if extra is not None:
                    ent["_extra"] = extra
                ent["canonical"] = _resolve_person(ent, persons, people, art["id"])
                ent.pop("_extra", None)
            elif ent["label"] == "COUNTRY":
                ent["kb_id"] = extra or COUNTRIES.get(ent["text"])
                if not ent["kb_id"]:
                    raise ValueError(f"{art['id']}: no ISO code for country {ent['text']!r}")
            elif ent["label"] == "NORP":
                ent["kb_id"] = extra or DEMONYM_FORMS.get(ent["text"].lower())
                if not ent["kb_id"]:
                    raise ValueError(f"{art['id']}: no ISO code for demonym {ent['text']!r}")
            elif extra is not None:
                raise ValueError(f"{art['id']}: {ent['label']} {ent['text']!r} takes no third field")
        rows.append(
            {
                "id": art["id"],
                "country": art["country"],
                "published": art["published"],
                "section": art["section"],
                "locale": art["locale"],
                "title": art["title"],
                "text": text,
                "entities": entities,
                "figures": figures,
                "durations": durations,
            }
        )
    ids = [r["id"] for r in rows]
    if len(ids) != len(set(ids)):
        raise ValueError("duplicate article ids")
    return rows, people_rows(rows)


def people_rows(rows: list[dict]) -> list[dict]:
    """One row per person: canonical name, surface forms and articles."""
    by_person: dict[str, dict] = {}
    for row in rows:
        for ent in row["entities"]:
            if ent["label"] != "PERSON":
                continue
            p = by_person.setdefault(ent["canonical"], {"canonical": ent["canonical"], "surfaces": [], "articles": []})
            if ent["text"] not in p["surfaces"]:
                p["surfaces"].append(ent["text"])
            if row["id"] not in p["articles"]:
                p["articles"].append(row["id"])
    for p in by_person.values():
        names = set(_norm(p["canonical"]).split())
        for form in p["surfaces"]:
            words = set(_norm(form).split())
            if names < words:
                raise ValueError(f"{p['canonical']!r}: {form!r} is longer; DESIGN's canonical is the longest name")
    return sorted(by_person.values(), key=lambda p: p["canonical"])


def write(rows: list[dict], people: list[dict], folder: Path = HERE) -> None:
    with open(folder / "articles.jsonl", "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    with open(folder / "people.jsonl", "w", encoding="utf-8") as fh:
        for p in people:
            fh.write(json.dumps(p, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------- review aids

SMALL = {
    "un": 1,
    "uno": 1,
    "una": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "once": 11,
    "doce": 12,
    "trece": 13,
    "catorce": 14,
    "quince": 15,
    "veinte": 20,
    "treinta": 30,
    "cuarenta": 40,
    "cincuenta": 50,
    "sesenta": 60,
    "setenta": 70,
    "ochenta": 80,
    "noventa": 90,
    "cien": 100,
    "ciento": 100,
    "doscientos": 200,
    "trescientos": 300,
    "quinientos": 500,
    "medio": 0.5,
}
SCALES = {"mil": 1e3, "millón": 1e6, "millones": 1e6, "billón": 1e12, "billones": 1e12}


def _digits(token: str, locale: str) -> float:
    token = token.replace("\u00a0", "").replace(" ", "")
    thousands, decimal = (",", ".") if locale == "us" else (".", ",")
    return float(token.replace(thousands, "").replace(decimal, "."))


def expected_value(surface: str, locale: str) -> float | None:
    """The value the surface's own numbers give under the article's locale."""
    ratio = re.fullmatch(r"(\S+) de cada (\S+)", surface, flags=re.I)
    if ratio:
        a = expected_value(ratio.group(1), locale)
        b = expected_value(ratio.group(2), locale)
        return None if a is None or b is None else 100 * a / b
    tokens = re.findall(r"\d{1,3}(?: \d{3})+(?:[.,]\d+)?|\d[\d.,]*\d|\d|[^\W\d_]+", surface)
    total = 0.0
    current = 0.0
    last_scale = 0.0
    seen = False
    for tok in tokens:
        low = tok.lower()
        if low == "medio" and last_scale:
            total += 0.5 * last_scale
            continue
        if tok[0].isdigit():
            current += _digits(tok, locale)
            seen = True
        elif low in SMALL and low not in ("un", "una") or (low in ("un", "una") and seen is False and len(tokens) > 1):
            current += SMALL[low]
            seen = True
        elif low == "mil":
            current = (current or 1) * 1e3
            seen = True
        elif low in SCALES:
            total += (current or 1) * SCALES[low]
            last_scale = SCALES[low]
            current = 0.0
            seen = True
        elif low == "y" or low == "medio":
            continue
    if not seen:
        return None
    return total + current


def review(rows: list[dict]) -> list[str]:
    notes = []
    demonym_words = set(DEMONYM_FORMS)
    for row in rows:
        text = row["text"]
        covered = [False] * len(text)
        for span in row["entities"] + row["figures"] + row["durations"]:
            assert text[span["start"] : span["end"]] == span["text"]
            for k in range(span["start"], span["end"]):
                covered[k] = True
        for fig in row["figures"]:
            exp = expected_value(fig["text"], row["locale"])
            if exp is not None and abs(exp - fig["value"]) > 1e-6 * max(1.0, abs(exp)):
                notes.append(f"{row['id']}: value {fig['value']} for {fig['text']!r}, digits say {exp}")
        for m in re.finditer(r"[^\W\d_]+", text):
            if covered[m.start()]:
                continue
            word = m.group(0)
            before = text[: m.start()].rstrip(" \"«“'(—–-")
            sentence_start = not before or before[-1] in ".!?:\n"
            if word[0].isupper() and not sentence_start:
                notes.append(f"{row['id']}: capitalised, unmarked: {word!r}")
            if word.lower() in demonym_words:
                notes.append(f"{row['id']}: demonym, unmarked: {word!r}")
        for m in re.finditer(r"\d+", text):
            if not covered[m.start()]:
                notes.append(f"{row['id']}: digits outside figures: {text[max(0, m.start() - 20) : m.end() + 20]!r}")
    return notes


def main(argv: list[str]) -> int:
    rows, people = build()
    write(rows, people)
    print(f"{len(rows)} articles, {len(people)} people")
    if "--check" in argv:
        for note in review(rows):
            print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
