"""Surface forms: lowercase words, closed-class words, captions, currency signs, headings."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.nlp.guards.registry import guard
from pipeline.nlp.labels import PERSON_LABELS
from pipeline.nlp.spans import reshape
from pipeline.nlp.words import (
    capitalised_elsewhere,
    fold,
    is_capitalised,
    is_name_word,
    opens_sentence,
    particles,
    word_tables,
    words_of,
)
from pipeline.values.money import currency_lexicon

# Closed-class kinds trimmed from the start of a sentence-opening span; never
# determiners or particles ("La Habana", "De la Rúa", "A Coruña").
TRIMMABLE_KINDS = ("adverb", "marker", "conjunction", "pronoun", "preposition", "quantifier", "caption")
CREDIT_SEPARATORS = {":", "/", "|"}
MIN_BODY_WORDS = 20
ACRONYM_MAX = 4  # letters: "EFE", "ONU", "PSOE" in a capitalised headline are kept
# Kinds of lowercase closed-class words that never end a name in CoNLL-2002: "Los 59 títulos de", "Mundiales y".
TRAILING_KINDS = ("particle", "preposition", "conjunction", "determiner")


@guard("caption_credit")
def caption_credit(doc: Doc, ents: list[Span]) -> list[Span]:
    """Photo credits and caption words are no mentions: "Foto", "Archivo/RHC", "Foto: EFE".

    A caption word counts only alone or before a credit separator (":", "/"), so
    "De la Fuente" and "Archivo Histórico Provincial" stay.
    """
    cc = word_tables().closed_class
    kept = []
    for ent in ents:
        words = words_of(ent)
        captions = [t for t in words if cc.get(fold(t.text)) == "caption"]
        if captions and len(words) == 1:
            continue
        if any(t.i + 1 < len(doc) and doc[t.i + 1].text in CREDIT_SEPARATORS for t in captions):
            continue
        if any("/" in t.text for t in captions):  # "Archivo/RHC" as one token
            continue
        before = [t for t in doc[max(0, ent.start - 3) : ent.start] if not t.is_space]
        if len(before) >= 2 and before[-1].text in CREDIT_SEPARATORS and cc.get(fold(before[-2].text)) == "caption":
            continue
        kept.append(ent)
    return kept


@guard("lowercase")
def lowercase(doc: Doc, ents: list[Span]) -> list[Span]:
    """Spanish names are capitalised: an entity whose words are all lowercase ("aseguró",
    "internet", "año") is dropped (mixed case such as "iPhone" is not lowercase)."""
    kept = []
    for ent in ents:
        words = [t for t in words_of(ent) if t.is_alpha]
        if words and all(t.is_lower for t in words):
            continue
        kept.append(ent)
    return kept


@guard("lowercase_start")
def lowercase_start(doc: Doc, ents: list[Span]) -> list[Span]:
    """A span that starts with lowercase common words is dropped when they name a role
    ("ministro del Interior"); a person's name is trimmed to its first capitalised word
    ("presidente Putin" → "Putin", "estadio Santiago Bernabéu" → "Santiago Bernabéu",
    which `person_named_place` then makes the stadium); any other name keeps its lowercase
    head, as CoNLL-2002 does ("colegio San Juan Bosco", "cuevas de Altamira"). Name
    particles ("de la Rúa", "van Gaal") do not count as common words."""
    out = []
    for ent in ents:
        words = words_of(ent)
        i = 0
        while i < len(words) and words[i].is_lower and words[i].lower_ not in particles():
            i += 1
        if i == 0:
            out.append(ent)
            continue
        titles = [fold(t.text) in word_tables().titles for t in words[:i]]
        if any(titles) and not (all(titles) and ent.label_ in PERSON_LABELS):
            continue  # "ministro del Interior": a role, not a name ("presidente Putin" is trimmed)
        trim = any(titles) or ent.label_ in PERSON_LABELS  # else keep the head: "colegio San Juan Bosco"
        while i < len(words) and (words[i].lower_ in particles() or words[i].is_punct):
            i += 1
        if i < len(words) and is_capitalised(words[i]):
            out.append(reshape(ent, words[i].i, ent.end) if trim else ent)
    return out


@guard("currency_sign")
def currency_sign(doc: Doc, ents: list[Span]) -> list[Span]:
    """A currency sign on its own ("millones de US$", "R$") is not a name; the figure it
    belongs to is `es_figures`' business. Only forms with a sign count, not letter codes
    ("COP" is also the climate conference)."""
    lexicon = currency_lexicon()
    return [e for e in ents if e.text.isalnum() or lexicon.lookup(e.text) is None]


@guard("closed_class")
def closed_class(doc: Doc, ents: list[Span]) -> list[Span]:
    """An entity made only of closed-class words ("Según", "Además", "Sin embargo") is
    dropped where it opens a sentence or is lowercase; mid-sentence a capitalised one is
    a name ("Europa del Este": "Este")."""
    cc = word_tables().closed_class
    kept = []
    for ent in ents:
        words = [t for t in words_of(ent) if not t.is_punct]
        folded = [fold(t.text) for t in words]
        only_closed = fold(ent.text) in cc or (folded and all(w in cc for w in folded))
        if only_closed and (opens_sentence(words[0]) or not is_capitalised(words[0])):
            continue
        kept.append(ent)
    return kept


@guard("leading_function_word")
def leading_function_word(doc: Doc, ents: list[Span]) -> list[Span]:
    """A sentence-opening adverb or preposition is trimmed off ("Según Viana Baptista" →
    "Viana Baptista"); if what is left starts with a lowercase word, it was a clause, not a
    name ("Con los tres millones de líneas", "Sin embargo"), and is dropped."""
    cc = word_tables().closed_class
    out = []
    for ent in ents:
        words = [t for t in words_of(ent) if not t.is_punct]
        if len(words) < 2 or cc.get(fold(words[0].text)) not in TRIMMABLE_KINDS or not opens_sentence(words[0]):
            out.append(ent)
            continue
        while words and cc.get(fold(words[0].text)) in TRIMMABLE_KINDS:
            words = words[1:]
        if words and is_capitalised(words[0]):
            out.append(reshape(ent, words[0].i, ent.end))
    return out


@guard("trailing_function_word")
def trailing_function_word(doc: Doc, ents: list[Span]) -> list[Span]:
    """A name does not end in a lowercase preposition, conjunction or article ("App Store
    de" → "App Store"), nor run past the end of a sentence into the next one's opener
    ("iPhone 3G S. El nuevo" → "iPhone 3G S.", "Mac OS X. 2007 fue" → "Mac OS X.");
    what is left without a capitalised word is dropped."""
    cc = word_tables().closed_class
    out = []
    for ent in ents:
        end = ent.end
        for token in ent[1:]:  # a sentence end inside the name, then an opener or a number
            opener = len(token) > 1 and is_capitalised(token) and fold(token.text) in cc  # not "J. S. A"
            if token.nbor(-1).text.endswith(".") and (token.like_num or opener):
                end = token.i
                break
        while end > ent.start + 1 and doc[end - 1].is_lower and cc.get(fold(doc[end - 1].text)) in TRAILING_KINDS:
            end -= 1
        if end == ent.end:
            out.append(ent)
        elif any(is_capitalised(t) for t in doc[ent.start : end]):
            out.append(reshape(ent, ent.start, end))
    return out


@guard("heading_word")
def heading_word(doc: Doc, ents: list[Span]) -> list[Span]:
    """A lone capitalised word that opens a line or sentence and is followed by a colon is a
    heading or a field label ("Goles:", "Incidencias:", "Comentario:"), unless the same
    word is capitalised mid-sentence elsewhere in the document (a name: "Putin: …")."""
    kept = []
    for ent in ents:
        words = words_of(ent)
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if (
            len(words) == 1
            and nxt is not None
            and nxt.text == ":"
            and words[0].is_alpha
            and opens_sentence(words[0])
            and not capitalised_elsewhere(words[0])
        ):
            continue
        kept.append(ent)
    return kept


def _in_capitals(token: Token) -> bool:
    """The token's sentence, within its line, is written in capitals: a headline."""
    doc = token.doc
    sent = token.sent if doc.has_annotation("SENT_START") else doc[:]
    start, end = token.i, token.i + 1
    while start > sent.start and "\n" not in doc[start - 1].text:
        start -= 1
    while end < sent.end and "\n" not in doc[end].text:
        end += 1
    letters = [t for t in doc[start:end] if t.is_alpha and len(t) > 1]
    return len(letters) >= 3 and sum(t.is_upper for t in letters) >= 0.8 * len(letters)


@guard("headline_capitals")
def headline_capitals(doc: Doc, ents: list[Span]) -> list[Span]:
    """In a headline written in capitals the model tags ordinary words ("FERIA",
    "SINIESTRALIDAD"). A span in capitals there is kept only if one of its words also
    occurs outside the capitalised lines ("AZNAR" … "Aznar") or is short enough to be an
    acronym ("EFE", "ONU", "PSOE")."""
    capital_ents = [e for e in ents if all(t.is_upper for t in words_of(e) if t.is_alpha) and _in_capitals(e[0])]
    if not capital_ents:
        return ents
    body = {fold(t.text) for t in doc if t.is_alpha and not _in_capitals(t)}
    if len(body) < MIN_BODY_WORDS:
        return ents  # a text all in capitals has no body to confirm anything
    drop = {
        id(e) for e in capital_ents if not any(fold(t.text) in body or len(t) <= ACRONYM_MAX for t in words_of(e) if t.is_alpha)
    }
    return [e for e in ents if id(e) not in drop]


# Closed-class kinds that end no person's name when capitalised after it: "Donald Trump Ahora".
RUN_ON_KINDS = ("adverb", "marker", "conjunction", "pronoun", "preposition", "quantifier", "auxiliary")


@guard("name_run_on")
def name_run_on(doc: Doc, ents: list[Span]) -> list[Span]:
    """A person's full name does not run on into the next capitalised word when that word is
    an adverb, a conjunction or another closed-class word ("Donald Trump Ahora" → "Donald
    Trump", "Joe Biden Además"), as happens in titles written in capitals and where a line
    break was lost. The name must keep two words, and a word that is also a surname or a
    given name in the name lexicon stays ("Artur Mas", "Ramón Bajo")."""
    cc = word_tables().closed_class
    out = []
    for ent in ents:
        if ent.label_ not in PERSON_LABELS:
            out.append(ent)
            continue
        end = ent.end
        while (
            end - ent.start > 2
            and is_capitalised(doc[end - 1])
            and cc.get(fold(doc[end - 1].text)) in RUN_ON_KINDS
            and not is_name_word(doc[end - 1].text)
        ):
            end -= 1
        out.append(ent if end == ent.end else reshape(ent, ent.start, end))
    return out
