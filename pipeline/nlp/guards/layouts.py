"""Page layouts: datelines, match reports, stock tables, a name in parentheses after a person."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from pipeline.nlp.gazetteer import lookup_country
from pipeline.nlp.guards.registry import guard
from pipeline.nlp.labels import LOC, MISC, MODEL_LABELS, ORG, PER
from pipeline.nlp.spans import doc_text, relabel_at
from pipeline.nlp.words import cue_words, is_capitalised, particles
from pipeline.values import dates as date_values
from pipeline.values.dateline_patterns import BYLINE_OPENER, DATELINE_LINE

DATELINE_WITHIN = 1200  # characters: a dateline opens the article, after at most a title and a byline


def _dateline_places(text: str) -> list[tuple[int, int, tuple[int, int] | None, str]]:
    """Character spans of each dateline's place in ``text`` ("Tolosa ( Guipúzcoa ) , 14 jun ( EFE )"
    → "Tolosa" and its region "Guipúzcoa"), with the agency; a byline before the place ("Por Ana
    Gómez Madrid , …") leaves it out, since where the name ends is unknown."""
    places = []
    for m in DATELINE_LINE.finditer(text, 0, DATELINE_WITHIN):
        if date_values.parse_day_month(m.group("date")) is None or BYLINE_OPENER.match(m.group("place")):
            continue
        start = m.start("name")
        region = None
        if m.group("region") is not None:
            inner = m.group("region")
            region = (m.start("region") + len(inner) - len(inner.lstrip()), m.end("region") - len(inner) + len(inner.rstrip()))
        places.append((start, start + len(m.group("name").rstrip()), region, m.group("agency").strip()))
    return places


DATELINE_PLACE_MAX_WORDS = 5


def _looks_like_place_name(span: Span) -> bool:
    """Capitalised words and name particles only, at most five: "Puebla de Sanabria", not
    "Informe anual sobre la sequía"."""
    words = [t for t in span if not t.is_punct]
    return (
        0 < len(words) <= DATELINE_PLACE_MAX_WORDS
        and is_capitalised(words[0])
        and all(is_capitalised(t) or t.lower_ in particles() for t in words)
    )


def _read_dateline_places(doc: Doc, ents: list[Span], spans) -> list[Span]:
    """The place names the cleaner read in the document's dateline (``doc._.dateline_places``) are
    places: an entity that is exactly one of them becomes a LOC, an entity running past one ("HOTAN,
    Xinjiang" as one ORG) gives way to it, and one the model missed is added if it looks like a name.
    An entity inside one is kept as it is: the words read as the place may hold more than a place
    ("EFE Baleares Washington" in CoNLL-2002 datelines, a desk code before the city)."""
    changed: dict[int, str] = {}
    added: list[Span] = []
    dropped: set[int] = set()
    for start, end in spans:
        span = doc.char_span(start, end, label=LOC, alignment_mode="expand")
        if span is None:
            continue
        overlapping = [i for i, e in enumerate(ents) if e.start < span.end and span.start < e.end]
        exact = [i for i in overlapping if (ents[i].start, ents[i].end) == (span.start, span.end)]
        if exact:
            if ents[exact[0]].label_ in MODEL_LABELS and ents[exact[0]].label_ != LOC:
                changed[ents[exact[0]].start] = LOC
            continue
        if any(span.start <= ents[i].start and ents[i].end <= span.end for i in overlapping):
            continue
        if _looks_like_place_name(span):
            dropped.update(overlapping)
            span._.source = "rule"
            added.append(span)
    kept = [e for i, e in enumerate(ents) if i not in dropped]
    return sorted(relabel_at(kept, changed) + added, key=lambda e: e.start)


@guard("dateline_place")
def dateline_place(doc: Doc, ents: list[Span]) -> list[Span]:
    """The place of a wire dateline ("Tolosa ( Guipúzcoa ) , 14 jun ( EFE ) .", "Tàrrega ( Lleida ) ,
    2 feb ( EFE )") is a place: a person, ORG or MISC the model made of it, or of the region
    in its parentheses, becomes a LOC. A place the model missed is added if it looks like a
    name (capitalised words and particles, at most five) and the agency is capitalised. The
    entity must cover the place from the start of its line: with other words before it
    ("EFE xtq1706002130 Soria", "Declaraciones de Felipe González , 12 de mayo ( TVE )")
    nothing changes. In CoNLL-2002 a dateline's place is a LOC but for annotation slips. A document
    the cleaner read (`pipeline.ingest.metadata`) names its dateline's places itself."""
    if doc._.dateline_places:
        return _read_dateline_places(doc, ents, doc._.dateline_places)
    opening = doc[: DATELINE_WITHIN // 3]  # the opening only: its text, cut from the Doc's text built once
    text = doc_text(doc)[: opening.end_char] if len(opening) else ""
    places = _dateline_places(text) if "(" in text else []
    if not places:
        return ents
    by_end = {ent.end_char: ent for ent in ents}
    changed: dict[int, str] = {}
    added: list[Span] = []
    for start, end, region, agency in places:
        ent = by_end.get(end)
        if ent is not None and ent.start_char == start:
            if ent.label_ in MODEL_LABELS and ent.label_ != LOC:
                changed[ent.start] = LOC
        elif not any(e.start_char < end and start < e.end_char for e in ents):
            span = doc.char_span(start, end, label=LOC)
            if span is not None and _looks_like_place_name(span) and agency[:1].isupper():
                span._.source = "rule"
                added.append(span)
        if region is not None:
            inner = by_end.get(region[1])
            if inner is not None and inner.start_char == region[0] and inner.label_ in (PER, ORG, MISC):
                changed[inner.start] = LOC
    return relabel_at(ents, changed) + added


MATCH_MINUTE = re.compile(r"[mM]s?\.\s?\d+")  # "m.81", "M.27", "ms.90": the minute of a match in a sports report


@guard("match_minute")
def match_minute(doc: Doc, ents: list[Span]) -> list[Span]:
    """A name tied to a match minute is a player: "Daniel Ruiz ( Benítez , m.81 )",
    "Etxeberria ( m.54 )", "Goles : 1-0 , M.27 : Salcedo". Such CoNLL-2002 names are all PER;
    the model takes many for places or clubs ("Stanic", "Recoba")."""
    changed = {}
    for ent in ents:
        if ent.label_ not in MODEL_LABELS or ent.label_ == PER:
            continue
        after = doc[ent.end : ent.end + 2]
        before = doc[max(ent.start - 2, 0) : ent.start]
        if (
            len(after) == 2
            and after[0].text in ("(", ",")
            and MATCH_MINUTE.match(after[1].text)
            or len(before) == 2
            and before[1].text == ":"
            and MATCH_MINUTE.fullmatch(before[0].text)
        ):
            changed[ent.start] = PER
    return relabel_at(ents, changed)


PRICE = re.compile(r"\d+(?:[.,]\d+)+")  # "2,52", "16.44", "10503.80"
PRICE_CHANGE = re.compile(r"[+-]\.?\d*(?:[.,]\d+)*|\d+(?:[.,]\d+)+")  # "-3,0", "+", "16.35"


@guard("stock_listing")
def stock_listing(doc: Doc, ents: list[Span]) -> list[Span]:
    """A name followed by a price and a change or a second price is a listed company, in a
    stock table ("Ledesma 1,94 -2,1 Siderar 0,812 +.37", "PESCANOVA 21.08 20.93"): a PER or
    LOC there is an ORG (an index, MISC, stays). Such CoNLL-2002 names are ORG or MISC only."""
    changed = {}
    for ent in ents:
        j = ent.end
        if (
            ent.label_ in (PER, LOC)
            and j + 1 < len(doc)
            and PRICE.fullmatch(doc[j].text)
            and PRICE_CHANGE.fullmatch(doc[j + 1].text)
        ):
            changed[ent.start] = ORG
    return relabel_at(ents, changed)


PLACE_PREPOSITIONS = cue_words("place_preposition")


def _in_parentheses_after(ent: Span, ents_by_end: dict[int, Span]) -> Span | None:
    """The entity right before "( ent )", if ``ent`` stands alone in parentheses after one."""
    doc, start = ent.doc, ent.start
    if start < 2 or ent.end >= len(doc) or doc[start - 1].text != "(" or doc[ent.end].text != ")":
        return None
    return ents_by_end.get(start - 1)


@guard("parenthesised_team")
def parenthesised_team(doc: Doc, ents: list[Span]) -> list[Span]:
    """A name alone in parentheses right after a person's name is the person's team or
    party, or a country: "Raúl Guzmán ( Licey )", "Olmedo ( Lorca )", "Luis Ferrán ( PSOE )".
    In CoNLL-2002 such a name is mostly an ORG (a person only as a two-word nickname: "Rulo
    ( Alberto Campos )"), a country there mostly a place. So a one-word person, a place or a
    MISC there becomes an ORG; a country name a place; codes ("( FRA )", ORG or place as
    often) keep the label they have unless it is a person's.

    After "de", "en", "desde" or "hasta", "X ( Y )" is mostly a place and its region ("en
    Manresa ( Barcelona )", "de Redmond (Washington)"), so nothing
    changes there (the model's "person" X may still be a person: "la casa de Bush ( Texas )"),
    nor when such a word stands inside X, before its last word ("Louisville Assembly de
    Louisville (Kentucky)", a plant the model took for a person)."""
    ends = {ent.end: ent for ent in ents}
    changed: dict[int, str] = {}
    for ent in ents:
        before = _in_parentheses_after(ent, ends)
        if before is None or before.label_ != PER:
            continue
        if _after_place_preposition(before):
            continue
        label = _team_label(ent)
        if label and label != ent.label_:
            changed[ent.start] = label
    return relabel_at(ents, changed)


def _after_place_preposition(ent: Span) -> bool:
    """ "de", "en"… stands before ``ent`` or before its last word: "la casa de Bush", "la planta
    Louisville Assembly de Louisville" (a name the model took for a person)."""
    doc = ent.doc
    return (ent.start > 0 and doc[ent.start - 1].lower_ in PLACE_PREPOSITIONS) or (
        len(ent) > 2 and doc[ent.end - 2].text in PLACE_PREPOSITIONS
    )


def _team_label(ent: Span) -> str | None:
    """The label `parenthesised_team` gives a name in parentheses after a person, or None to keep it."""
    if ent.label_ not in MODEL_LABELS or (ent.label_ == PER and len(ent) > 1):
        return None
    if lookup_country(ent.text):
        return LOC
    if ent.text.isupper() and len(ent) == 1:  # "( FRA )", "( PP )"
        return ORG if ent.label_ == PER else None
    return ORG
