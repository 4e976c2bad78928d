"""Measures: what each figure counts or measures, the change it describes, and whose it is.

For every PERCENT, MONEY, QUANTITY and CARDINAL span this component sets

- ``span._.measure``: the noun phrase the figure measures, as written, from its
  head noun (no article or preposition before it) through the adjectives and
  complements that say what kind of thing it is ("intercambio comercial",
  "precio de la vivienda libre"), leaving out whose or where it is ("de
  Chile"), times and demonyms; None when the sentence does not say;
- ``span._.measure_head``: the lemma of that phrase's head (singular, lower
  case; names and acronyms as written: "PIB", "Ibex");
- ``span._.direction``: ``up``, ``down`` or ``level`` where the sentence gives
  the figure a change ("creció", "una caída del", "se mantuvo", "un 7 % menos
  que el año anterior", "pasó del 12 % al 15 %"); None otherwise;
- ``span._.owner``: ``(start_char, end_char)`` of the entity of ``doc.ents``
  the measure belongs to ("las exportaciones de Chile" → Chile, "las
  importaciones chilenas" → chilenas, "Pemex redujo su producción" → Pemex).

How: the pipeline runs no parser (per token it costs about what the NER
costs, and much of economic news is sentences with a figure, so parsing them
all would slow the whole pipeline far more than a component may). Each sentence that holds
a figure gets a rule-based shallow parse first (`pipeline.nlp.shallow`, the
same tags, heads and Universal Dependencies labels the model's parser gives),
read up to a few words after its last figure. Only where the rules then find
a verb of change or value with no subject (the shallow parse's usual miss:
a subject across an insertion or a long relative clause) is the sentence
parsed again by the model's ``tok2vec``, ``morphologizer`` and ``parser``
(disabled in the pipeline, so present), on a copy of its words; a Doc already
parsed (``pipeline.load(full=True)``) is read as it is. ``parse="always"``
sends every sentence to the parser, ``parse="never"`` none.

The same rules read either tree: they walk from each figure up to the verb or
noun it is the amount of (its frame) and take that word's subject, object or
complement, then settle over the text what a tree does not give reliably:
the counted noun or unit inside the figure, "X de cada Y", "X por cada Y",
"de X a Y", scores, comparisons written after the figure ("un 7 % menos que
el año anterior", "frente a los 15.000 millones de 2014") and figures that
share the measure of an earlier one in the sentence. The trees are plain
Python nodes (`pipeline.nlp.shallow.Node`), not spaCy Docs, and the rules are
walks over them rather than `spacy.matcher.DependencyMatcher` patterns: a
DependencyMatcher needs a Doc with the parse written into it, which for the
shallow parse costs more than the rules themselves.

The word lists are tables in ``lang/es/``: ``change_words.tsv`` (verbs,
nouns and comparatives of change and their direction), ``measure_verbs.tsv``
(verbs of value and of money), ``measure_skip_nouns.tsv`` (transparent
nouns, units and spans of time that are never the measure) and
``measure_names.tsv`` (indices and rates: names that are measures, not
owners). The guidelines the rules follow are those of
``tests/data/measures/README.md``.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache

import numpy
from spacy.attrs import DEP, HEAD, IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, LENGTH, LIKE_NUM, POS, SENT_START, SPACY
from spacy.language import Language
from spacy.parts_of_speech import IDS
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from pipeline.lang import read_table
from pipeline.nlp.labels import CARDINAL, DATE, FIGURE_LABELS, NORP, PERCENT, QUANTITY
from pipeline.nlp.shallow import Chunk, Node, link, shallow_parse, words
from pipeline.nlp.spans import doc_text
from pipeline.nlp.verb_forms import verb_forms
from pipeline.nlp.words import fold
from pipeline.values.quantities import singular as _singular
from pipeline.values.quantities import unit_lexicon

# Rules that end without a measure because nothing in the parse gave one: worth the model's parser.
UNSURE_RULES = frozenset({"no-subject"})
# Model components run on the sentences that hold a figure (those of the model present).
PARSE_COMPONENTS = ("tok2vec", "morphologizer", "parser")
POS_NAMES = {v: k for k, v in IDS.items()}
TAIL = 8  # words after the last figure of a sentence that the rules (and the parser) still read
UP, DOWN, LEVEL = "up", "down", "level"

NOMINAL = frozenset({"NOUN", "PROPN"})
VERBAL = frozenset({"VERB", "AUX"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "csubj"})
RELATIVE_PRONOUNS = frozenset({"que", "cual", "cuales", "quien", "quienes"})
# Complements that say what kind of thing a measure is ("precio de la vivienda",
# "consultas por virus respiratorios"); "en" only when it names no place or entity.
KIND_CASES = frozenset({"de", "del", "por", "sobre", "contra", "con", "en", "a", "al", "para"})
# Complements that may name the owner: "de Chile", "en Uruguay", "entre Venezuela y Rusia".
OWNER_CASES = frozenset({"de", "del", "en", "entre"})
# Complements of a money verb that say what the money is for.
PURPOSE_CASES = frozenset({"para", "en", "por"})
# A noun hung on another with one of these is a side complement of it, not the head a figure measures.
SIDE_CASES = frozenset({"a", "al", "en", "para", "con", "contra", "sobre"})
ARTICLES = frozenset({"el", "la", "los", "las", "lo"})
# A figure introduced by one of these is compared with the figure before it: "frente al 7,3 % de 2022".
COMPARISON_CASES = frozenset({"frente", "respecto"})
# A figure introduced by one of these is an attribute, not the amount of its verb's change:
# "ganó con el 55,9 % de los votos".
ATTRIBUTE_CASES = frozenset({"con"})
# Verbs of change whose object is what changes ("Pemex redujo su producción"): all of
# change_words' verbs can take one; their subject is then the owner.
NAME_LABELS = frozenset({"PER", "PERSON", "ORG", "LOC", "COUNTRY", "MISC", NORP})
PLACE_LABELS = frozenset({"LOC", "COUNTRY"})


@dataclass(frozen=True)
class Lexicon:
    """The word tables this component reads."""

    change_verbs: dict[str, str]  # lemma → up | down | level
    change_nouns: dict[str, tuple[str, bool]]  # singular → (direction, needs a relative figure)
    no_change: tuple[tuple[str, ...], ...]  # "estable", "sin cambios" (level)
    comparatives: dict[str, str]  # más → up, menos → down
    time_cues: frozenset[str]  # "anterior", "pasado": a comparison with an earlier time
    verb_kinds: dict[str, str]  # lemma → value | transaction
    skip_nouns: dict[str, str]  # singular (or two-word phrase) → transparent | target | unit | time
    measure_names: frozenset[str]  # folded first words of index and rate names
    verbs: frozenset[str]  # every verb of the two verb tables


@cache
def lexicon() -> Lexicon:
    change_verbs, change_nouns, comparatives, no_change, time_cues = {}, {}, {}, [], set()
    for row in read_table("change_words"):
        word, pos, direction = row["word"], row["pos"], row["direction"]
        if pos == "verb":
            change_verbs[word] = direction
        elif pos == "noun":
            change_nouns[word] = (direction, row["needs"] == "relative")
        elif pos == "adj":
            no_change.append(tuple(word.split()))
        elif pos == "comparative":
            comparatives[word] = direction
        elif pos == "time_cue":
            time_cues.add(word)
    return Lexicon(
        change_verbs=change_verbs,
        change_nouns=change_nouns,
        no_change=tuple(no_change),
        comparatives=comparatives,
        time_cues=frozenset(time_cues),
        verb_kinds={row["lemma"]: row["kind"] for row in read_table("measure_verbs")},
        skip_nouns={row["word"]: row["kind"] for row in read_table("measure_skip_nouns")},
        measure_names=frozenset(fold(row["name"]) for row in read_table("measure_names")),
        verbs=frozenset(change_verbs) | frozenset(row["lemma"] for row in read_table("measure_verbs")),
    )


@dataclass
class Measure:
    """What one figure measures, in the coordinates of the parsed sentence."""

    head: Node | None = None  # head noun of the measure phrase
    direction: str | None = None
    owner: Chunk | None = None  # an entity of the sentence
    follows: int | None = None  # index of the figure whose measure this one shares
    rule: str = ""  # which rule decided (for the evaluation's notes)
    phrase: tuple[int, int] | None = None  # token range of the measure phrase
    value_verb: bool = False  # the figure is the level a verb of value gives ("se situó en")
    share_direction: bool = True  # a figure it follows passes on its direction
    via_transparent: bool = False  # the figure is the amount of a transparent noun ("un récord de")


@dataclass
class Sentence:
    """A sentence's words (parsed or about to be) and the entities in it."""

    nodes: list[Node]
    text: str
    figures: list[Chunk]
    ents: list[Chunk]
    values: list[float | None]
    units: list[str | None]
    ent_of: dict[int, Chunk] = field(default_factory=dict)
    figure_of: dict[int, int] = field(default_factory=dict)

    def figure_spans(self) -> list[tuple[int, int]]:
        return [(f.start, f.end) for f in self.figures]

    def entity_spans(self) -> list[tuple[int, int, str]]:
        return [(e.start, e.end, e.label_) for e in self.ents if e.label_ not in FIGURE_LABELS]

    def __post_init__(self) -> None:
        for ent in self.ents:
            for i in range(ent.start, ent.end):
                self.ent_of[i] = ent
        for n, fig in enumerate(self.figures):
            for i in range(fig.start, fig.end):
                self.figure_of[i] = n


# ---------------------------------------------------------------- words


@lru_cache(maxsize=1 << 16)
def singular(word: str) -> str:
    """`pipeline.values.quantities.singular`, remembered: the rules ask for the same words often."""
    return _singular(word)


def verb_lemma(token: Node) -> str:
    """The infinitive of a verb form ("creció" → crecer, "situarse" → situar), else the word."""
    lower = token.lower_
    forms = verb_forms()
    if lower in forms.infinitives:
        return lower
    for clitic in ("se", "lo", "la", "le"):
        if lower.endswith(clitic) and lower[: -len(clitic)] in forms.infinitives:
            return lower[: -len(clitic)]
    found = forms.analyse(lower)
    return found[0] if found else lower


def noun_lemma(token: Node) -> str:
    """Singular, lower case; an acronym or name keeps its case ("PIB", "Ibex")."""
    text = token.text
    if not text[:1].isupper() or (token.is_sent_start and token.pos_ != "PROPN" and not text.isupper()):
        return singular(text)
    return text


def table_verb(token: Node, table: dict[str, str]) -> str | None:
    """The entry of ``table`` (keyed by infinitive) for a verb form, also for verbs the
    lemmatizer's index does not list ("repuntó" → repuntar)."""
    lemma = verb_lemma(token)
    if lemma in table:
        return table[lemma]
    return table.get(_table_lemma(token.lower_))


@lru_cache(maxsize=1 << 14)
def _table_lemma(word: str) -> str | None:
    """The verb of the tables (change_words, measure_verbs) a form can be of, by the lemmatizer's suffix rules."""
    found = verb_forms().first_lemma(word, lexicon().verbs)
    return found[0] if found else None


def change_of_verb(token: Node) -> str | None:
    if token.pos_ not in VERBAL and token.pos_ != "ADJ":
        return None
    return table_verb(token, lexicon().change_verbs)


def change_of_noun(token: Node, figure_label: str | None = None, unit: str | None = None) -> str | None:
    if token.pos_ not in NOMINAL:
        return None
    found = lexicon().change_nouns.get(singular(token.lower_))
    if found is None:
        return None
    direction, needs_relative = found
    if needs_relative and figure_label != PERCENT and not (unit and unit_kind(unit) == "unit"):
        return None
    return direction


def verb_kind(token: Node) -> str | None:
    if token.pos_ not in VERBAL:
        return None
    return table_verb(token, lexicon().verb_kinds)


def skip_kind(token: Node) -> str | None:
    """transparent | target | unit | time for the nouns of ``measure_skip_nouns.tsv`` (and units)."""
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return _skip_kind(token.lower_, nxt.lower_ if nxt is not None and nxt.is_alpha else "")


@lru_cache(maxsize=1 << 16)
def _skip_kind(word: str, next_word: str) -> str | None:
    word = singular(word)
    if next_word:
        two = f"{word} {singular(next_word)}"
        if two in lexicon().skip_nouns:
            return lexicon().skip_nouns[two]
    return unit_kind(word)


@lru_cache(maxsize=1 << 16)
def unit_kind(word: str) -> str | None:
    kind = lexicon().skip_nouns.get(word)
    if kind is None and unit_lexicon().symbol(word) is not None:
        return "unit"
    return kind


def case_of(token: Node) -> str | None:
    """The preposition of a nominal (its ``case`` child), lower case: "de", "en", "por"."""
    for child in token.children:
        if child.dep_ == "case" and child.i < token.i:
            return child.lower_
    return None


# ---------------------------------------------------------------- the analysis


class SentenceAnalysis:
    """The measures of the figures of one parsed sentence."""

    def __init__(self, sentence: Sentence):
        self.s = sentence
        self.tok = self.doc = sentence.nodes
        self.lex = lexicon()
        self.results: list[Measure] = [Measure() for _ in sentence.figures]

    # -- entities
    def named(self, token: Node) -> Chunk | None:
        """The name entity (not a figure, date or index name) holding ``token``."""
        ent = self.s.ent_of.get(token.i)
        if ent is None or ent.label_ not in NAME_LABELS or self.is_measure_name(ent):
            return None
        if ent.label_ == NORP and self.demonym_noun(token):
            return None
        return ent

    def demonym_noun(self, token: Node) -> bool:
        """A demonym used as a noun ("los peruanos", "de venezolanos"): people counted, not an owner."""
        if token.i == 0:
            return False
        before = self.tok[token.i - 1]
        return before.pos_ == "DET" or before.lower_ in ("de", "del") or self.in_figure(before) is not None

    def is_measure_name(self, ent: Chunk) -> bool:
        """An index or rate name ("el Nikkei", "Ibex 35"): its first word past an article is in the table."""
        for token in ent:
            if token.lower_ not in ARTICLES:
                return fold(token.text) in self.lex.measure_names
        return False

    def in_figure(self, token: Node) -> int | None:
        return self.s.figure_of.get(token.i)

    def is_date(self, token: Node) -> bool:
        ent = self.s.ent_of.get(token.i)
        return ent is not None and ent.label_ == DATE

    # -- figures
    def figure_root(self, n: int) -> Node:
        return self.s.figures[n].root

    def counted_noun(self, n: int) -> Node | None:
        """The noun a QUANTITY counts, inside its span ("2,5 millones de trabajadores"), if not a unit."""
        fig = self.s.figures[n]
        unit = self.s.units[n]
        if fig.label_ != QUANTITY or not unit:
            return None
        for token in reversed(fig):
            if token.is_alpha and (singular(token.lower_) == unit or token.lower_ == unit):
                return token if skip_kind(token) in (None, "change_unit", "agent") else None
        return None

    def unit_noun(self, n: int) -> Node | None:
        """The unit of measure inside a figure ("toneladas", "puntos porcentuales", "años")."""
        for token in reversed(self.s.figures[n]):
            if token.is_alpha and skip_kind(token) in ("unit", "time"):
                return token
        return None

    def is_time_span(self, n: int) -> bool:
        unit = self.unit_noun(n)
        return unit is not None and skip_kind(unit) == "time"

    def complement_of_figure(self, n: int) -> Node | None:
        """The "de" noun a figure is a share or an amount of: "el 40 % de los hogares",
        "toneladas de cobre", "barriles diarios de petróleo"."""
        fig = self.s.figures[n]
        todo = list(fig)
        while todo:
            token = todo.pop(0)
            for child in token.rights:
                if fig.start <= child.i < fig.end:
                    continue
                if child.dep_ == "amod" and child.pos_ == "ADJ":
                    todo.append(child)  # "barriles diarios de petróleo"
                    continue
                if child.pos_ not in NOMINAL and child.pos_ != "PRON":
                    continue
                if child.dep_ in ("nmod", "obl", "appos") and case_of(child) in ("de", "del"):
                    if self.in_figure(child) is None and not self.is_date(child):
                        return child
        # a complement the parser hung elsewhere, right after the figure: "de" + noun phrase
        j = fig.end
        if j < len(self.tok) and self.tok[j].lower_ in self.lex.comparatives:
            return None  # "cinco más de los necesarios": the term of a comparison
        while j < len(self.doc) and self.tok[j].pos_ == "ADJ" and self.in_figure(self.tok[j]) is None:
            j += 1
        if j + 1 < len(self.doc) and self.tok[j].lower_ in ("de", "del"):
            j += 1
            while j < len(self.doc) and self.tok[j].pos_ in ("DET", "ADJ") and self.in_figure(self.tok[j]) is None:
                j += 1
            if j < len(self.doc) and self.tok[j].pos_ in NOMINAL and self.in_figure(self.tok[j]) is None:
                if not self.is_date(self.tok[j]):
                    return self.tok[j]
        return None

    def preposition_before(self, n: int) -> str | None:
        """The preposition right before a figure (its article skipped): "en", "hasta", "del", "con"."""
        i = self.s.figures[n].start - 1
        while i >= 0 and self.tok[i].pos_ == "DET":
            i -= 1
        clause = words().clause
        if i >= 1 and self.tok[i].lower_ in ("de", "del") and clause.get(self.tok[i - 1].lower_) == "approximator":
            i -= 2  # "de alrededor de 2,3 %", "con más de 300"
        elif i >= 0 and clause.get(self.tok[i].lower_) == "approximator" and self.tok[i].pos_ == "ADV":
            i -= 1  # "con casi 36 millones"
        while i >= 0 and self.tok[i].pos_ == "DET":
            i -= 1
        if i >= 0 and (self.tok[i].pos_ == "ADP" or self.tok[i].lower_ in ("a", "al", "de", "del")):
            if i > 0 and words().clause.get(self.tok[i - 1].lower_) == "preposition_head":
                return self.tok[i - 1].lower_  # "frente al", "lejos de"
            return self.tok[i].lower_
        return None

    # -- measure phrases
    def resolve_noun(self, token: Node | None, depth: int = 0) -> tuple[Node | None, str]:
        """The head of the measure a noun stands for: itself, the complement of a transparent
        noun ("el número de hipotecas" → hipotecas), or None with why."""
        if token is None or depth > 3:
            return None, "none"
        if token.pos_ == "PRON" or (token.pos_ not in NOMINAL and token.pos_ not in ("ADJ", "NUM")):
            return None, "pronoun"
        if self.in_figure(token) is not None:
            return None, "figure"
        if self.is_date(token):
            return None, "date"
        ent = self.s.ent_of.get(token.i)
        if ent is not None and ent.label_ in NAME_LABELS:
            if self.is_measure_name(ent):
                return ent[0], "name"
            if self.named(token) is not None:
                return None, "named"
        kind = skip_kind(token)
        if kind in ("transparent", "target"):
            for child in token.rights:
                if child.dep_ in ("nmod", "appos") and case_of(child) in ("de", "del"):
                    head, why = self.resolve_noun(child, depth + 1)
                    if head is not None:
                        return head, kind
            return None, kind
        if kind in ("unit", "time", "agent"):
            return None, kind
        return token, "noun"

    def phrase(self, head: Node) -> tuple[int, int]:
        """Token range of the measure phrase headed by ``head``: its adjectives and kind complements."""
        ent = self.s.ent_of.get(head.i)
        if ent is not None and ent.label_ in NAME_LABELS:  # an index name: the name as written
            return ent.start, ent.end
        end = self._extent(head, 0)
        while end - 1 > head.i and (self.tok[end - 1].is_punct or self.tok[end - 1].pos_ in ("ADP", "DET", "CCONJ")):
            end -= 1
        return head.i, end

    def _extent(self, node: Node, depth: int) -> int:
        """The end of the words right after ``node`` that belong to its phrase, complement by
        complement ("tasa de paro" in "la tasa de paro en Navarra")."""
        end = node.i + 1
        if depth > 6:
            return end
        for child in node.rights:
            if min(t.i for t in child.subtree) != end or not self._keeps(child):
                break
            end = self._extent(child, depth + 1)
        return end

    def _keeps(self, child: Node) -> bool:
        """Is this dependent of a measure noun part of the measure phrase?"""
        if self.in_figure(child) is not None or self.is_date(child) or self.named(child) is not None:
            return False
        if child.dep_ == "amod" or (child.dep_ in ("nmod", "flat", "compound") and child.pos_ == "ADJ"):
            ent = self.s.ent_of.get(child.i)
            return child.pos_ == "ADJ" and (ent is None or ent.label_ != NORP)
        if child.dep_ == "conj":
            return child.pos_ in ("NOUN", "ADJ")
        if child.dep_ in ("nmod", "compound", "flat"):
            return (child.pos_ in NOMINAL or child.pos_ == "ADJ") and case_of(child) in KIND_CASES
        return False

    # -- owners
    def owner_in(self, head: Node | None) -> Chunk | None:
        """An entity named in the measure's own noun phrase: "de Chile", "chilenas", "en Uruguay"."""
        if head is None:
            return None
        todo, seen = [head], {head.i}
        while todo:
            token = todo.pop(0)
            for child in token.children:
                if child.i in seen or self.in_figure(child) is not None:
                    continue
                seen.add(child.i)
                if child.dep_ in ("acl", "acl:relcl", "advcl", "punct", "appos"):
                    continue
                ent = self.named(child)
                if ent is not None:
                    if child.dep_ == "amod" or ent.label_ == NORP:
                        return ent
                    if child.dep_ in ("nmod", "flat", "compound", "conj") and case_of(child) in OWNER_CASES:
                        return ent
                if child.dep_ in ("nmod", "amod", "flat", "compound", "conj"):
                    todo.append(child)
        return None

    # -- clauses
    def subject_of(self, verb: Node, depth: int = 0) -> Node | None:
        """The subject of a verb; an elided one from the verb it is coordinated with or depends on;
        the antecedent of a relative "que"."""
        if depth > 4:
            return None
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS and self.in_figure(child) is None:
                if child.lower_ in RELATIVE_PRONOUNS and verb.dep_.startswith("acl"):
                    return verb.head
                if child.pos_ == "PRON" and child.lower_ in RELATIVE_PRONOUNS:
                    continue
                return child
        if verb.dep_.startswith("acl") and verb.head.pos_ in NOMINAL:
            return verb.head
        before = self.noun_phrase_before(verb)
        if before is not None:
            return before  # the parse missed it: "y el embalse agregado cayó"
        if verb.dep_ in ("conj", "advcl", "xcomp", "ccomp", "parataxis") and verb.head.i != verb.i:
            if verb.head.pos_ in VERBAL or verb.head.pos_ == "ADJ":
                return self.subject_of(verb.head, depth + 1)
        return None

    def noun_phrase_before(self, verb: Node) -> Node | None:
        """The head of a noun phrase right before a verb (clitics and adverbs skipped), with no
        preposition before it: the subject in Spanish news order."""
        i = verb.i - 1
        while i >= 0 and (self.tok[i].lower_ in ("se", "no", "ya", "también", "apenas", "solo") or self.tok[i].pos_ == "ADV"):
            i -= 1
        if i < 0 or self.in_figure(self.tok[i]) is not None or self.is_date(self.tok[i]):
            return None
        token = self.tok[i]
        if token.pos_ not in NOMINAL and token.pos_ != "ADJ":
            return None
        # climb to the head of the phrase, leftwards, through its modifiers
        while token.dep_ in ("amod", "nmod", "flat", "compound") and token.head.i < token.i and token.head.pos_ in NOMINAL:
            token = token.head
        if token.pos_ not in NOMINAL or case_of(token) is not None:
            return None
        if token.dep_ in ("obj", "obl") and token.head.i < token.i:
            return None
        return token

    def object_of(self, verb: Node) -> Node | None:
        for child in verb.children:
            if child.dep_ == "obj" and child.pos_ in NOMINAL and self.in_figure(child) is None and case_of(child) is None:
                return child
        return None

    # -- the frames
    def analyse(self) -> list[Measure]:
        for n in range(len(self.s.figures)):
            self.results[n] = self.frame(n)
        self.text_rules()
        self.share_measures()
        self.end_levels()
        self.elided_nouns()
        return self.results

    def own_measure(self, n: int) -> tuple[Node | None, str]:
        """What a figure names itself: its counted noun, its "de" complement, or its unit's."""
        counted = self.counted_noun(n)
        if counted is not None:
            return counted, "counted"
        comp = self.complement_of_figure(n)
        if comp is not None:
            head, _ = self.resolve_noun(comp)
            if head is not None:
                return head, "share" if self.unit_noun(n) is None else "unit-of"
        return None, "none"

    def frame(self, n: int) -> Measure:
        fig = self.s.figures[n]
        root = self.figure_root(n)
        result = Measure()
        own, own_rule = self.own_measure(n)
        comp = self.complement_of_figure(n)
        own_owner = self.named(comp) if comp is not None else None
        if self.is_time_span(n) and self.places_in_time(n, root):
            result.rule = "time"
            return result
        attribute = self.preposition_before(n) in ATTRIBUTE_CASES
        node = root
        for _ in range(6):
            if node.i == root.i and any(c.dep_ == "cop" for c in node.children):
                # "El salario medio es un 20 % más alto", "la participación fue del 51 %"
                return self.verb_frame(n, node, node, result, own, own_rule, own_owner, attribute, copula=True)
            gov = node.head
            if gov.i == node.i:
                break
            m = self.in_figure(gov)
            if m is not None and m != n:
                result.follows = m
                result.head, result.rule, result.owner = own, own_rule, own_owner
                return result
            if gov.pos_ in NOMINAL:
                direction = change_of_noun(gov, fig.label_, self.s.units[n])
                if direction is not None:
                    result.direction = direction
                    target = self.change_noun_target(gov, node)
                    if target is not None:
                        head, why = self.resolve_noun(target)
                        if head is not None:
                            result.head, result.rule = head, "change-noun"
                            result.owner = self.owner_in(head)
                            return result
                        if why == "named":
                            result.owner = self.named(target)
                    node = gov
                    continue
                kind = skip_kind(gov)
                if kind in ("transparent", "target"):
                    head, why = self.resolve_noun(gov)
                    if head is not None:
                        result.head, result.rule = head, kind
                        result.owner = self.owner_in(head)
                        return result
                    if kind == "target" and n > 0:
                        # "lejos de la meta del 85 %": the goal is for the sentence's measure
                        result.follows, result.rule, result.share_direction = n - 1, "target", False
                        return result
                    result.via_transparent = True  # "batieron un récord de 10.091 millones": the subject's
                    node = gov
                    continue
                if self.named(gov) is not None:
                    if own is not None:  # "frente al 44,1 % de Kast"
                        result.head, result.rule = own, own_rule
                        result.owner = own_owner or self.named(gov)
                        return result
                    node = gov
                    continue
                if self.preposition_before(n) in ("en", "a", "al", "hasta") and any(a.pos_ in VERBAL for a in gov.ancestors):
                    # "redujo su tasa de referencia en 25 puntos": the amount of the verb, not of the noun
                    node = gov
                    while node.head.i != node.i and node.head.pos_ not in VERBAL:
                        node = node.head
                    continue
                while gov.dep_ == "nmod" and case_of(gov) in SIDE_CASES and gov.head.pos_ in NOMINAL:
                    gov = gov.head  # "un precio de venta al público de 9,99 dólares": the price, not the public
                head, _ = self.resolve_noun(gov)
                if head is not None:
                    result.head, result.rule = head, "noun"
                    result.owner = self.owner_in(head)
                    return result
                node = gov
                continue
            if gov.pos_ in VERBAL or (gov.pos_ == "ADJ" and any(c.dep_ == "cop" for c in gov.children)):
                return self.verb_frame(n, gov, node, result, own, own_rule, own_owner, attribute)
            node = gov
        result.head, result.rule = own, own_rule
        result.owner = own_owner or self.owner_in(own)
        return result

    def places_in_time(self, n: int, root: Node) -> bool:
        """A span of time that places an event ("en dos años", "hace cinco años", "su nivel más bajo
        en 25 años") or is an age, not the duration of a measured thing ("se mantuvo en 121 días")."""
        if self.preposition_before(n) in ("durante", "desde", "tras", "hace", "dentro", "entre"):
            return True
        before = self.s.figures[n].start - 1
        if before >= 0 and self.tok[before].lower_ in ("hace", "últimos", "últimas", "próximos", "próximas", "otros", "otras"):
            return True
        gov = root.head
        if gov.pos_ in NOMINAL or gov.i == root.i:
            return True
        # the verb has another amount: the span only says when or over what period
        return any(
            self.in_figure(c) is not None and self.in_figure(c) != n and not self.is_time_span(self.in_figure(c))
            for c in gov.children
        )

    def change_noun_target(self, noun: Node, figure_node: Node) -> Node | None:
        """The complement of a change noun that says what changed: "un descenso del 4 % en las
        ventas", "una subida del 5 % del salario mínimo" (hung on the noun or on the figure)."""
        for holder in (noun, figure_node):
            for child in holder.children:
                if child.i == figure_node.i or self.in_figure(child) is not None or child.i < figure_node.i:
                    continue
                if child.dep_ in ("nmod", "appos") and case_of(child) in ("de", "del", "en") and not self.is_date(child):
                    if skip_kind(child) != "time":
                        return child
        return None

    def verb_frame(
        self,
        n: int,
        verb: Node,
        node: Node,
        result: Measure,
        own: Node | None,
        own_rule: str,
        own_owner: Chunk | None,
        attribute: bool,
        copula: bool = False,
    ) -> Measure:
        direction = None if copula else change_of_verb(verb)
        kind = "value" if copula else verb_kind(verb)
        if direction is not None and table_needs(verb) == "amount" and own_rule == "share":
            direction = None  # "ganó el 78 % de los puntos": a share won, not a change
        if direction is None:
            direction = self.no_change_near(verb)
        via_change_noun = result.direction is not None
        if via_change_noun:
            kind, direction = "value", None  # "las ventas registraron un descenso del 4 %": the subject's change
        elif result.via_transparent and kind is None:
            kind = "value"  # "las remesas batieron un récord de 10.091 millones"
        is_subject = not copula and node.dep_ in SUBJECT_DEPS and node.i < verb.i  # after its verb: its amount
        subject = self.subject_of(verb)
        if attribute or is_subject:
            # "ganó con el 55,9 % de los votos", "Dos de los índices han caído": what the figure names itself,
            # and no change of its own (the verb's change is of what it counts)
            result.head, result.rule = own, own_rule if own is not None else "attribute"
            result.owner = own_owner or self.owner_in(own) or (self.named(subject) if subject is not None else None)
            return result
        if result.direction is None:
            result.direction = direction
        obj = self.object_of(verb)
        if obj is not None and obj.i == node.i:
            obj = None
        if via_change_noun and n > 0 and (subject is None or subject.pos_ == "PRON" or subject.lower_ in ("lo", "que")):
            # "registró 1.142 homicidios, lo que supone un descenso del 4 %": the change of the figure before
            result.follows, result.rule = n - 1, "change-of-previous"
            return result
        if direction is not None:
            if own_rule == "counted" and node.dep_ == "obj" and case_of(node) is None and not self.change_unit(own):
                # "Airbus recortará 10.000 puestos", "la economía perdió 663.000 empleos": what it counts changed
                result.head, result.rule = own, "change-counted"
                result.owner = own_owner or self.owner_in(own) or self.holder(subject)
                return result
            if obj is not None and self.named(obj) is None:
                head, _ = self.resolve_noun(obj)
                if head is not None:
                    result.head, result.rule = head, "change-object"
                    result.owner = self.owner_in(head) or (self.named(subject) if subject is not None else None)
                    return result
            return self.subject_frame(n, subject, result, own, own_rule, own_owner, "change-subject")
        if kind == "value":
            result.value_verb = not via_change_noun
            return self.subject_frame(n, subject, result, own, own_rule, own_owner, "value-subject")
        subject_owner = self.named(subject) if subject is not None else None
        if own is not None:
            result.head, result.rule = own, own_rule
            result.owner = own_owner or self.owner_in(own) or subject_owner
            return result
        if kind == "transaction":
            purpose = self.purpose_of(verb, node, n)
            if purpose is not None:
                head, _ = self.resolve_noun(purpose)
                if head is not None:
                    result.head, result.rule = head, "purpose"
                    result.owner = self.owner_in(head) or subject_owner
                    return result
        result.rule = "verb-none"
        result.owner = subject_owner
        return result

    def change_unit(self, noun: Node) -> bool:
        """A noun counted as the unit of a change ("subió seis puntos"), not as what changed."""
        return skip_kind(noun) == "change_unit"

    def holder(self, subject: Node | None) -> Chunk | None:
        """The owner a subject gives: its name, or the demonym or name in its phrase ("la economía estadounidense")."""
        if subject is None:
            return None
        return self.named(subject) or self.owner_in(subject)

    def subject_frame(
        self, n: int, subject: Node | None, result: Measure, own: Node | None, own_rule: str, own_owner, rule: str
    ) -> Measure:
        """The subject is the measure (a verb of change or value); a named subject is the owner."""
        if subject is not None and self.in_figure(subject) is not None and self.in_figure(subject) != n:
            # "Dos de los principales índices han caído más del dos por ciento": what the subject figure counts
            result.follows, result.rule = self.in_figure(subject), "subject-figure"
            return result
        if subject is not None:
            head, why = self.resolve_noun(subject)
            if head is not None:
                result.head, result.rule = head, rule
                result.owner = self.owner_in(head)
                return result
            if why == "named":
                result.owner = self.named(subject)
        result.head, result.rule = own, own_rule
        if own is not None:
            result.owner = own_owner or self.owner_in(own) or result.owner
        elif subject is None:
            result.rule = "no-subject"  # a verb of change or value whose subject the parse did not find
        return result

    def purpose_of(self, verb: Node, figure_node: Node, n: int) -> Node | None:
        """What money is for: "para la reconstrucción", "por el fichaje", "en redes eléctricas"."""
        fig = self.s.figures[n]
        holders = [verb, *fig]
        for holder in holders:
            for child in holder.children:
                if child.i == figure_node.i or child.pos_ not in NOMINAL or self.in_figure(child) is not None:
                    continue
                if child.dep_ in ("obl", "nmod") and case_of(child) in PURPOSE_CASES and not self.is_date(child):
                    if self.named(child) is None:
                        return child
        return None

    def no_change_near(self, verb: Node) -> str | None:
        """ "se mantuvo estable", "permaneció sin cambios", "dejó sin cambios": level."""
        words = [t.lower_ for t in verb.doc[verb.i + 1 : verb.i + 6]]
        for phrase in self.lex.no_change:
            size = len(phrase)
            for i in range(len(words) - size + 1):
                if tuple(words[i : i + size]) == phrase:
                    return LEVEL
        return None

    # -- rules over the text
    def text_rules(self) -> None:
        """What the parse does not give reliably, read off the text around each figure."""
        figures = self.s.figures
        doc = self.doc
        for n, fig in enumerate(figures):
            result = self.results[n]
            j = fig.end
            # "Tres de cada diez colombianos", "75 de los 130 escaños": the second figure's noun
            if n + 1 < len(figures) and j < len(doc) and doc[j].lower_ == "de":
                between = [t.lower_ for t in doc[j + 1 : figures[n + 1].start]]
                if between in (["cada"], ["los"], ["las"]):
                    counted = self.counted_noun(n + 1)
                    if counted is not None:
                        result.head, result.rule, result.follows = counted, "of-each", None
            # "Tres de cada diez colombianos" as one figure (a share): the noun right after it
            words = [t.lower_ for t in fig]
            if "cada" in words[1:] and words[words.index("cada", 1) - 1] == "de" and j < len(doc):
                noun = doc[j]  # no article between: "de cada diez lo hacen" counts no noun
                demonym = (ent := self.s.ent_of.get(noun.i)) is not None and ent.label_ == NORP
                if self.in_figure(noun) is None and (noun.pos_ in NOMINAL or demonym):
                    result.head, result.rule, result.follows = noun, "of-each", None
            # "8 por cada 100.000 habitantes": the denominator counts its own noun and changes nothing;
            # the numerator is the rate's, never the denominator's noun
            if fig.start >= 2 and doc[fig.start - 2].lower_ == "por" and doc[fig.start - 1].lower_ == "cada":
                result.head, result.rule = self.counted_noun(n), "per-each"
                result.direction = result.follows = result.owner = None
                if n > 0 and self.results[n - 1].head is not None and self.results[n - 1].head.i >= fig.start:
                    self.results[n - 1].head = None
                    self.results[n - 1].follows = n - 2 if n >= 2 else None
            # "venció por 2 a 0": a score counts no measure
            if (
                n + 1 < len(figures)
                and fig.label_ == CARDINAL
                and figures[n + 1].label_ == CARDINAL
                and [t.lower_ for t in doc[fig.end : figures[n + 1].start]] == ["a"]
                and (fig.start == 0 or doc[fig.start - 1].lower_ in ("por", "de"))
            ):
                for k in (n, n + 1):
                    self.results[k] = Measure(rule="score")
                self.results[n].owner = self.winner(fig)
                self.results[n + 1].owner = self.loser(figures[n + 1])
            # comparisons written after the figure: "un 7 % menos que el año anterior"
            direction = self.comparison_after(fig)
            if direction is not None:
                result.direction = direction
                result.rule += "+comparison"
                previous = self.qualified_figure(n)
                if previous is not None:
                    result.head, result.follows = None, previous
                    if self.results[previous].direction is None:
                        self.results[previous].direction = direction
            elif self.qualified_figure(n) is not None and result.rule == "share" and fig.label_ == PERCENT:
                # "vacunó a 1,2 millones de niños, el 93 % de la población objetivo": a share of a base
                result.head, result.follows = None, self.qualified_figure(n)
        for n in range(1, len(figures)):
            self.compared_with_earlier(n)
            # "otro 15 % está desempleado": the noun of the figure before
            before = figures[n].start - 1
            if before >= 0 and self.tok[before].lower_ in ("otro", "otra", "otros", "otras") and self.results[n].head is None:
                self.results[n].follows = n - 1
        # "de 25 a 132 pesos", "pasó del 12 % al 15 %": the direction from the two values
        for n in range(len(figures) - 1):
            a, b = figures[n], figures[n + 1]
            if a.start == 0 or doc[a.start - 1].lower_ not in ("de", "del", "desde"):
                continue
            between = [t.lower_ for t in doc[a.end : b.start]]
            if between not in (["a"], ["al"], ["a", "los"], ["a", "las"], ["hasta"], ["hasta", "los"], ["hasta", "el"]):
                continue
            va, vb = self.s.values[n], self.s.values[n + 1]
            if va is None or vb is None or (self.s.units[n] and self.s.units[n] != self.s.units[n + 1]):
                continue  # "de 150 toneladas a 5.600 millas" is no change of one thing
            direction = UP if vb > va else DOWN if vb < va else LEVEL
            for k in (n, n + 1):
                self.results[k].direction = direction
            if self.results[n + 1].head is not None or self.results[n].head is None:
                self.results[n].head, self.results[n].follows = None, n + 1

    def compared_with_earlier(self, n: int) -> None:
        """ "…hasta los 1.709 millones, frente a los 15.000 millones que tenían en 2014": a figure the
        sentence compares with the one before shares its measure; when the comparison is with an
        earlier time, both take the change (the first one's, else the one the two values give)."""
        if self.preposition_before(n) not in COMPARISON_CASES:
            return
        result, previous = self.results[n], self.results[n - 1]
        if result.head is not None and result.rule not in ("share", "counted", "unit-of"):
            result.head = None
        result.follows = n - 1
        result.share_direction = False
        if not self.time_after(self.s.figures[n]):
            result.direction = None
            return
        direction = previous.direction
        va, vb = self.s.values[n - 1], self.s.values[n]
        if direction is None and va is not None and vb is not None:
            direction = UP if va > vb else DOWN if va < vb else LEVEL
        result.direction = previous.direction = direction

    def time_after(self, fig: Chunk) -> bool:
        """A date or a word of time in the words after a figure, up to the next punctuation
        ("de 2022", "que tenían en 2014", "de un año antes")."""
        for k in range(fig.end, min(len(self.tok), fig.end + 10)):
            if self.tok[k].is_punct:
                break
            if self.is_date(self.tok[k]) or self.tok[k].lower_ in self.lex.time_cues:
                return True
        return False

    def winner(self, fig: Chunk) -> Chunk | None:
        """The team a score's first number belongs to: the named subject of its verb."""
        verb = self.figure_root_token(fig).head
        while verb.pos_ not in VERBAL and verb.head.i != verb.i:
            verb = verb.head
        subject = self.subject_of(verb) if verb.pos_ in VERBAL else None
        return self.named(subject) if subject is not None else None

    def loser(self, fig: Chunk) -> Chunk | None:
        """The team a score's second number belongs to: the name right after it ("a Brasil", "al Barcelona")."""
        for token in self.tok[fig.end : fig.end + 3]:
            ent = self.named(token)
            if ent is not None:
                return ent
        return None

    def figure_root_token(self, fig: Chunk) -> Node:
        return self.figure_root(self.in_figure(fig[0]))

    def comparison_after(self, fig: Chunk) -> str | None:
        """ "un 7 % menos", "un 90 % inferior a la de 2013", "un 10 % más caro que hace un año":
        the direction, when the comparison is with an earlier time or with nothing written."""
        doc = self.doc
        i = fig.end
        if i >= len(doc):
            return None
        word = doc[i].lower_
        direction = self.lex.comparatives.get(word)
        if direction is None or word in ("doble", "triple", "mitad"):
            return None
        j = i + 1
        if j < len(doc) and doc[j].pos_ == "ADJ":
            j += 1  # "más caro"
        if j >= len(doc) or doc[j].is_punct or doc[j].pos_ == "CCONJ":
            return direction
        if doc[j].lower_ not in ("que", "a", "al", "de", "del"):
            return None  # "290 pasajeros más carga": "más" adds, it compares nothing
        for k in range(j + 1, min(len(doc), j + 10)):
            if doc[k].is_punct:
                break
            if self.is_date(doc[k]) or doc[k].lower_ in self.lex.time_cues:
                return direction
        return None

    def qualified_figure(self, n: int) -> int | None:
        """The figure an appositive figure qualifies: the previous one in the sentence, before a comma."""
        if n == 0:
            return None
        start = self.s.figures[n].start
        while start > 0 and self.tok[start - 1].pos_ == "DET":
            start -= 1
        if start == 0 or self.tok[start - 1].text != ",":
            return None
        return n - 1

    def share_measures(self) -> None:
        """A figure that follows another one (coordinated, in apposition, "de X a Y") and names no
        measure itself takes that figure's measure and owner (and its direction when it has none)."""
        for _ in range(len(self.results)):
            changed = False
            for n, result in enumerate(self.results):
                m = result.follows
                if m is None or m == n:
                    continue
                other = self.results[m]
                if other.follows == n:
                    other.follows = None
                if other.head is not None and (
                    result.head is None or (self.change_unit(result.head) and not self.change_unit(other.head))
                ):
                    # "bajó un 6,4 %, o 468,18 puntos": the points are the unit of the same fall
                    result.head, result.rule = other.head, result.rule + "+shared"
                    changed = True
                if result.owner is None and other.owner is not None:
                    result.owner = other.owner
                    changed = True
                if result.direction is None and other.direction is not None and result.share_direction:
                    result.direction = other.direction
                    changed = True
                if result.rule == "change-of-previous" and other.direction is None and result.direction is not None:
                    other.direction = result.direction
                    changed = True
            if not changed:
                break

    def end_levels(self) -> None:
        """The level a verb of value gives after a change of the same measure is that change's end
        level ("repuntó un 14 % y se situó en 783.000 barriles"): it takes the change's direction."""
        for n, result in enumerate(self.results):
            if result.direction is not None or not result.value_verb or result.head is None:
                continue
            for m, other in enumerate(self.results):
                if m != n and other.direction is not None and other.head is not None:
                    if noun_lemma(other.head) == noun_lemma(result.head):
                        result.direction = other.direction
                        break

    def elided_nouns(self) -> None:
        """A bare number that names nothing counts the noun of an earlier figure of the sentence:
        "perdió 12 escaños, mientras que el BNG ganó seis", "1,9 millones de ellos"."""
        for n, result in enumerate(self.results):
            fig = self.s.figures[n]
            if result.head is not None or fig.label_ != CARDINAL or result.rule in ("score", "time", "per-each"):
                continue
            for m in range(n - 1, -1, -1):
                if self.counted_noun(m) is not None and self.results[m].head is not None:
                    result.head, result.rule = self.results[m].head, "elided"
                    break


def table_needs(verb: Node) -> str:
    """The ``needs`` column of change_words.tsv for a verb ("amount" for ganar, perder)."""
    return _needs().get(verb_lemma(verb)) or _needs().get(_table_lemma(verb.lower_) or "", "")


@cache
def _needs() -> dict[str, str]:
    return {row["word"]: row["needs"] for row in read_table("change_words") if row["pos"] == "verb"}


# ---------------------------------------------------------------- results on the Doc


@dataclass(frozen=True)
class FigureMeasure:
    """What this component writes on one figure (char offsets relative to the sentence)."""

    measure: str | None
    head: str | None
    direction: str | None
    owner: tuple[int, int] | None
    rule: str

    @property
    def unsure(self) -> bool:
        """No rule found the figure's frame: the shallow parse may have missed it. (The component
        asks the model's parser only for the percentages, money and quantities so left: a bare
        number whose clause has no subject most often measures nothing.)"""
        return self.head is None and self.rule.split("+")[0] in UNSURE_RULES


def analyse_sentence(sentence: Sentence) -> list[FigureMeasure]:
    analysis = SentenceAnalysis(sentence)
    out = []
    for result in analysis.analyse():
        if result.head is not None:
            start, end = analysis.phrase(result.head)
            first, last = sentence.nodes[start], sentence.nodes[end - 1]
            text, head = sentence.text[first.idx : last.idx + len(last.text)], noun_lemma(result.head)
        else:
            text = head = None
        owner = (result.owner.start_char, result.owner.end_char) if result.owner is not None else None
        out.append(FigureMeasure(text, head, result.direction, owner, result.rule))
    return out


def analyse_released(sentence: Sentence) -> list[FigureMeasure]:
    """`analyse_sentence`, then the sentence's nodes let go of their list: each node points to the
    list that holds it, a cycle that only Python's garbage collector would free, and thousands of
    such sentences make it run (and walk the whole heap) far more often."""
    try:
        return analyse_sentence(sentence)
    finally:
        sentence.nodes.clear()


# ---------------------------------------------------------------- the component


PARSE_MODES = ("needed", "always", "never")


class MeasureTagger:
    """Sets ``measure``, ``measure_head``, ``direction`` and ``owner`` on the figure spans.

    ``parse``: ``needed`` (the shallow parse of `pipeline.nlp.shallow` first,
    the model's parser for the sentences it leaves unsure), ``always`` (the
    model's parser on every sentence with a figure) or ``never`` (the shallow
    parse alone). A Doc that is parsed already (``pipeline.load(full=True)``)
    is read as it is.
    """

    def __init__(self, nlp: Language, name: str = "es_measures", *, parse: str = "needed", batch_size: int = 64):
        if parse not in PARSE_MODES:
            raise ValueError(f"parse must be one of {', '.join(PARSE_MODES)}, not {parse!r}")
        self.name = name
        self.nlp = nlp
        self.parse = parse
        self.batch_size = batch_size
        self._parsers: list | None = None
        self.counts: Counter[str] = Counter()  # sentences read by each parse, for the benchmark

    def parsers(self) -> list:
        if self._parsers is None:
            names = self.nlp.component_names
            self._parsers = [self.nlp.get_pipe(n) for n in PARSE_COMPONENTS if n in names] if "parser" in names else []
        return self._parsers

    def __call__(self, doc: Doc) -> Doc:
        self.annotate([doc])
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        # at least ``self.batch_size`` documents at a time: the parser's sentences of a small batch
        # are few, and each call of the model has a cost of its own
        for batch in minibatch(stream, size=max(batch_size, self.batch_size)):
            self.annotate(batch)
            yield from batch

    def annotate(self, docs: list[Doc]) -> None:
        queued = []  # (sentence, figures, entities) for the model's parser
        for doc in docs:
            ents = list(doc.ents)
            if not any(e.label_ in FIGURE_LABELS for e in ents):
                continue
            parsed = doc.has_annotation("DEP")
            arrays = doc.to_array(WORD_ATTRS)
            for sent, figs, sent_ents in group_by_sentence(doc, ents, arrays):
                # the rules read a sentence up to a few words after its last figure: what a figure
                # measures is named before it or right after it
                end = min(sent.end, max(f.end for f in figs) + TAIL)
                if end < sent.end:
                    sent, sent_ents = doc[sent.start : end], [e for e in sent_ents if e.start < end]
                if parsed:
                    self.write(sent, figs, analyse_released(sentence_view(sent, parsed_nodes(sent), figs, sent_ents)))
                    self.counts["parsed already"] += 1
                    continue
                if self.parse != "always" or not self.parsers():
                    view = sentence_view(sent, word_nodes(sent, arrays), figs, sent_ents)
                    shallow_parse(view.nodes, view.figure_spans(), view.entity_spans()).apply(view.nodes)
                    found = analyse_released(view)
                    unsure = [f.rule for f, fig in zip(found, figs, strict=True) if f.unsure and fig.label_ != CARDINAL]
                    if self.parse == "never" or not self.parsers() or not unsure:
                        self.write(sent, figs, found)
                        self.counts["shallow"] += 1
                        continue
                    self.counts.update(f"unsure rule {rule}" for rule in unsure)
                queued.append((sent, figs, sent_ents))
        if not queued:
            return
        subs = [copy_sentence(sent) for sent, _, _ in queued]
        for proc in self.parsers():
            subs = list(proc.pipe(subs, batch_size=self.batch_size))
        for (sent, figs, sent_ents), sub in zip(queued, subs, strict=True):
            self.write(sent, figs, analyse_released(sentence_view(sent, parsed_nodes(sub), figs, sent_ents)))
            self.counts["parser"] += 1

    @staticmethod
    def write(sent: Span, figs: list[Span], found: list[FigureMeasure]) -> None:
        """Sets the extensions on the figure spans (None is their default: only values are written)."""
        for fig, f in zip(figs, found, strict=True):
            if f.measure is None and f.direction is None and f.owner is None:
                continue
            ext = fig._
            ext.measure, ext.measure_head, ext.direction = f.measure, f.head, f.direction
            ext.owner = (sent.start_char + f.owner[0], sent.start_char + f.owner[1]) if f.owner is not None else None


def group_by_sentence(
    doc: Doc, ents: list[Span], arrays: numpy.ndarray | None = None
) -> list[tuple[Span, list[Span], list[Span]]]:
    """Each sentence that holds a figure, with its figures and all its entities (a span across a
    sentence break belongs to the sentence it starts in). ``arrays``: ``doc.to_array(WORD_ATTRS)``."""
    starts = sentence_bounds(doc, arrays)
    bounds = [*starts, len(doc)]
    groups: dict[int, tuple[list[Span], list[Span]]] = {}
    for ent in ents:
        k = bisect.bisect_right(starts, ent.start) - 1
        figs, all_ents = groups.setdefault(k, ([], []))
        all_ents.append(ent)
        if ent.label_ in FIGURE_LABELS:
            figs.append(ent)
    return [(doc[bounds[k] : bounds[k + 1]], figs, all_ents) for k, (figs, all_ents) in sorted(groups.items()) if figs]


def sentence_bounds(doc: Doc, arrays: numpy.ndarray | None = None) -> list[int]:
    """Token index where each sentence starts (read from the arrays, not from ``doc.sents``).

    A blank line also starts one: a headline without a full stop, or a dateline, is no part of
    the sentence after it, though the ``senter`` may run them together ("… fue de 2,2 %" + blank
    line + "BUENOS AIRES (Télam). La inflación …"), and the rules would then read across.
    """
    if arrays is None:
        arrays = doc.to_array(WORD_ATTRS)
    starts = set(numpy.flatnonzero(arrays[:, -1].astype("int64") == 1).tolist()) if doc.has_annotation("SENT_START") else set()
    text = doc_text(doc)
    for i in numpy.flatnonzero(arrays[:, WORD_ATTRS.index(IS_SPACE)] == 1).tolist():
        idx, length = int(arrays[i, 0]), int(arrays[i, 1])
        if i + 1 < len(doc) and text.count("\n", idx, idx + length) >= 2:
            starts.add(i + 1)
    starts.add(0)
    return sorted(starts)


def copy_sentence(sent: Span) -> Doc:
    """A Doc of the sentence's words alone (``Span.as_doc`` copies every annotation and costs ten times more)."""
    doc = sent.doc
    text = doc_text(doc)
    rows = doc.to_array([IDX, LENGTH, SPACY])[sent.start : sent.end].tolist()
    return Doc(doc.vocab, words=[text[i : i + n] for i, n, _ in rows], spaces=[bool(sp) for _, _, sp in rows])


WORD_ATTRS = [IDX, LENGTH, IS_ALPHA, IS_PUNCT, IS_SPACE, LIKE_NUM, SENT_START]


def word_nodes(sent: Span | Doc, arrays: numpy.ndarray | None = None) -> list[Node]:
    """The sentence's words as unparsed nodes (offsets from the sentence start), read from the
    Doc's arrays (``arrays``: ``doc.to_array(WORD_ATTRS)``, given once per document)."""
    doc = sent.doc if isinstance(sent, Span) else sent
    start = sent.start if isinstance(sent, Span) else 0
    if arrays is None:
        arrays = doc.to_array(WORD_ATTRS)
    rows = arrays[start : start + len(sent)].tolist()
    text = doc_text(doc)
    base = rows[0][0] if rows else 0
    nodes: list[Node] = []
    for i, (idx, length, alpha, punct, space, num, _) in enumerate(rows):
        word = text[idx : idx + length]
        nodes.append(Node(nodes, i, word, word.lower(), idx - base, (alpha == 1, punct == 1, space == 1, num == 1)))
    return nodes


def parsed_nodes(sent: Span | Doc) -> list[Node]:
    """The nodes of a parsed sentence (the model's parse), heads counted from the sentence start."""
    nodes = word_nodes(sent)
    start = sent.start if isinstance(sent, Span) else 0
    doc = sent.doc if isinstance(sent, Span) else sent
    array = doc.to_array([HEAD, DEP, POS])[start : start + len(nodes)]
    relative = array[:, 0].view("int64").tolist()  # HEAD is an offset, stored unsigned
    strings, last = doc.vocab.strings, len(nodes) - 1
    heads = [min(max(i + h, 0), last) for i, h in enumerate(relative)]
    deps = [strings[d] for d in array[:, 1].tolist()]
    return link(nodes, heads, deps, [POS_NAMES.get(p, "X") for p in array[:, 2].tolist()])


def sentence_view(sent: Span, nodes: list[Node], figs: list[Span], ents: list[Span]) -> Sentence:
    offset = sent.start
    length = len(nodes)
    text = doc_text(sent.doc)[sent.start_char : sent.end_char] if len(sent) else ""

    def local(span: Span) -> Chunk | None:
        start, end = span.start - offset, min(span.end - offset, length)
        if start < 0 or start >= end:
            return None
        return Chunk(nodes, start, end, span.label_, text)

    return Sentence(
        nodes=nodes,
        text=text,
        figures=[local(f) for f in figs],
        ents=[e for e in (local(e) for e in ents) if e is not None],
        values=[f._.value_num for f in figs],
        units=[f._.unit for f in figs],
    )
