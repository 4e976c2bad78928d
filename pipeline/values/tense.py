"""The tense around a date expression, read from the words alone (no POS tags).

The pipeline runs only the model's ``senter`` and ``ner``, so "el jueves" is
dated by the verbs around it found lexically: preterite and imperfect endings,
irregular preterites, "ha/han + participle" → past; future endings and
"va/van a" → future (table ``lang/es/verb_tense.tsv``). A preposition or a past
participle right before the date decides first ("para el 3 de junio",
"anunciados en enero"); then the cue nearest the expression in its own clause
(between commas, semicolons, colons or brackets: "la final que disputaremos el
4 de julio, comentó" is ahead), then in its sentence unless the caller asks
for the clause only; none gives None (the caller's default decides).
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.lang import read_table

PAST, FUTURE = "past", "future"
MIN_SUFFIX_WORD = 5  # "dió"/"vio" are listed as words; shorter words with these endings are not verbs
MAX_SENTENCE = 600  # characters looked at on each side of a date; a longer sentence is cut there
SENTENCE_BREAK = re.compile(r"[.!?;]\s|\n")
CLAUSE_BREAK = re.compile(r"[,;:()]")
WORD = re.compile(r"[A-Za-zÁÉÍÓÚÑáéíóúñü]+")


@cache
def _cues() -> tuple[dict[str, str], tuple[tuple[str, str], ...], tuple[tuple[re.Pattern, str], ...]]:
    words, suffixes, phrases = {}, [], []
    for row in read_table("verb_tense"):
        if row["kind"] in ("lead", "participle", "prospective"):
            continue
        if row["kind"] == "word":
            words[row["form"]] = row["tense"]
        elif row["kind"] == "suffix":
            suffixes.append((row["form"], row["tense"]))
        else:
            phrases.append((re.compile(rf"\b{re.escape(row['form'])}\b", re.IGNORECASE), row["tense"]))
    suffixes.sort(key=lambda s: len(s[0]), reverse=True)
    return words, tuple(suffixes), tuple(phrases)


def word_tense(word: str) -> str | None:
    """``"anunció"`` → past, ``"celebrará"`` → future, ``"economía"`` → None."""
    words, suffixes, _ = _cues()
    if word in words:
        return words[word]
    if len(word) >= MIN_SUFFIX_WORD:
        for suffix, tense in suffixes:
            if word.endswith(suffix):
                return tense
    return None


@cache
def _leads() -> tuple[re.Pattern, dict[str, str], re.Pattern]:
    rows = read_table("verb_tense")
    leads = {row["form"]: row["tense"] for row in rows if row["kind"] == "lead"}
    forms = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(leads, key=len, reverse=True))
    endings = "|".join(re.escape(row["form"]) for row in rows if row["kind"] == "participle")
    participle = re.compile(rf"\b[a-záéíóúñ]{{2,}}(?:{endings})\s+(?:(?:en|el|a|al)\s+)?$")
    return re.compile(rf"(?:^|\b)({forms})\s+$", re.IGNORECASE), leads, participle


@cache
def _lead_over_a_noun() -> re.Pattern:
    """A one-word lead before a noun phrase that the date completes: "para las elecciones nacionales del 27 de
    octubre", "desde la reforma del 3 de marzo"."""
    leads = "|".join(re.escape(r["form"]) for r in read_table("verb_tense") if r["kind"] == "lead" and " " not in r["form"])
    return re.compile(
        rf"\b({leads})\s+(?:el|la|los|las|un|una|unos|unas)\s+(?P<np>(?:[a-záéíóúñü]+\s+){{1,3}}?)(?:de|del)\s+$",
        re.IGNORECASE,
    )


def lead_tense(text: str, start: int) -> str | None:
    """The tense a preposition right before the date gives ("para el 3 de junio" → future), or a past participle
    ("anunciados en enero" → past)."""
    pattern, leads, participle = _leads()
    m = pattern.search(text[max(0, start - 16) : start])
    if m:
        return leads[re.sub(r"\s+", " ", m.group(1).lower())]
    if participle.search(text[max(0, start - 30) : start]):
        return PAST
    m = _lead_over_a_noun().search(text[max(0, start - 60) : start])
    if m and all(word_tense(w) is None for w in m.group("np").split()):
        return leads[m.group(1).lower()]
    return None


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or clause ended by ``;``) holding ``text[start:end]``."""
    window = max(0, start - MAX_SENTENCE)
    left = window
    for m in SENTENCE_BREAK.finditer(text, window, start):
        left = m.end()
    m = SENTENCE_BREAK.search(text, end, end + MAX_SENTENCE)
    return left, (m.start() + 1 if m else min(len(text), end + MAX_SENTENCE))


def clause_bounds(text: str, start: int, end: int, left: int, right: int) -> tuple[int, int]:
    """The clause, between commas, semicolons, colons or brackets, that holds ``text[start:end]`` within a sentence."""
    a = left
    for m in CLAUSE_BREAK.finditer(text, left, start):
        a = m.end()
    m = CLAUSE_BREAK.search(text, end, right)
    return a, (m.start() if m else right)


@cache
def _prospective() -> re.Pattern:
    forms = [row["form"] for row in read_table("verb_tense") if row["kind"] == "prospective"]
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternation})[ \t]+(?:a[ \t]+)?{INFINITIVE}", re.IGNORECASE)


# An infinitive, with an enclitic pronoun or not ("reducir", "aprobarlo", "reunirse").
INFINITIVE = r"[a-záéíóúñ]{2,}(?:ar|er|ir|ír)(?:se|lo|la|los|las|le|les|nos)?\b"
_INFINITIVE = re.compile(rf"\b{INFINITIVE}")


def prospective_before(text: str, start: int, left: int) -> bool:
    """True if a verb of intent or "para" with an infinitive governs the date at ``start``: the last such
    construction of its sentence before it, with no other tense cue between ("prometió reducir los cortes antes
    de Navidad", table ``verb_tense.tsv`` kind ``prospective``)."""
    last = None
    for m in _prospective().finditer(text, left, start):
        last = m
    if last is None or _CLAUSE_OPENS.search(text, last.end(), start) or _INFINITIVE.search(text, last.end(), start):
        # "para reclamar justicia, a 31 años del ataque que el 18 de julio de 1994 destruyó"; another infinitive
        # between ("la dificultad de jugarlo el 3 de agosto") has the date
        return False
    return all(word_tense(w.group()) is None for w in WORD.finditer(text, last.end(), start) if w.group().islower())


# What opens another clause between an infinitive and a date: a break (not a decimal comma) or a relative word.
_CLAUSE_OPENS = re.compile(r"(?<!\d)[,;:()]|[,;:()](?!\d)|\b(?:que|cuando|donde|cuyo|cuya)\b", re.IGNORECASE)


def tense_near(text: str, start: int, end: int, *, clause_only: bool = False) -> str | None:
    """The tense of a leading preposition, else of a verb of intent with an infinitive before it, else of the verb
    nearest to ``text[start:end]`` in its own clause, else in its sentence ("la final que disputaremos el 4 de
    julio, dijo" is ahead), or None."""
    lead = lead_tense(text, start)
    if lead is not None:
        return lead
    left, right = sentence_bounds(text, start, end)
    if prospective_before(text, start, left):
        return FUTURE
    clause = _nearest_cue(text, start, end, *clause_bounds(text, start, end, left, right), left)
    if clause is not None or clause_only:
        return clause
    return _nearest_cue(text, start, end, left, right, left)


def _nearest_cue(text: str, start: int, end: int, left: int, right: int, sentence_start: int) -> str | None:
    """The tense of the cue nearest to ``text[start:end]`` between ``left`` and ``right``, or None."""
    best: tuple[int, str] | None = None
    for m in WORD.finditer(text, left, right):
        if start <= m.start() < end:
            continue
        word = m.group()
        if not word.islower():
            if m.start() != sentence_start:
                continue  # a capitalised word inside a sentence is a name, not a verb
            word = word.lower()
        tense = word_tense(word)
        if tense is not None:
            distance = start - m.end() if m.end() <= start else m.start() - end
            if best is None or distance < best[0]:
                best = (distance, tense)
    _, _, phrases = _cues()
    for pattern, tense in phrases:
        for m in pattern.finditer(text, left, right):
            distance = start - m.end() if m.end() <= start else m.start() - end
            if distance >= 0 and (best is None or distance < best[0]):
                best = (distance, tense)
    return best[1] if best else None
