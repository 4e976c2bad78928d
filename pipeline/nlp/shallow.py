"""A shallow dependency parse of a news sentence, by rules: enough for `pipeline.nlp.measures`.

The model's parser costs about as much per token as the NER, and much of
economic news is sentences that hold a figure, so parsing all of them would
slow the whole pipeline far more than one component may. Most of those
sentences have the plain shape of wire copy — noun phrase, verb, amount,
complements — which rules over the words read well enough. This module
gives such a sentence the annotation the parser would (``pos``, ``head``,
``dep`` with the Universal Dependencies labels the model uses), so the
measure rules run on either unchanged; where the measure rules then find a
verb with no subject, the component asks the model's parser instead.

The words come from tables: ``closed_class.tsv`` (determiners, prepositions,
pronouns, adverbs, auxiliaries), ``clause_words.tsv`` (coordinators,
subordinators, relatives, copulas, clitics) and the verb and adjective index
of spaCy's Spanish lemmatizer (`pipeline.nlp.verb_forms`). Named entities and
figures come in as spans and stay whole.

What it does:

- tags each word: a closed-class word by its table, a word after a
  determiner or preposition as a noun (or a prenominal adjective), a verb
  form elsewhere as a verb, a known adjective after a noun as an adjective,
  anything else as a noun;
- groups determiners, adjectives and nouns into noun phrases (an entity or a
  figure is one phrase);
- attaches a "de" phrase to the phrase before it, another prepositional
  phrase to the verb of its clause (to the phrase before it when that is a
  figure or a noun of change, or when no verb came yet), a bare phrase right
  before a verb as its subject and one after it as its object;
- links verbs: the first main verb is the root, a verb after a coordinator is
  coordinated with the previous one, after a subordinator it depends on it,
  after a relative "que" it describes the noun before it, and an infinitive
  after a verb is its complement.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from pipeline.lang import read_table
from pipeline.nlp.verb_forms import verb_forms
from pipeline.values.quantities import singular

# Past and future endings no Spanish noun or adjective takes (accented: "creció", "subirá").
VERB_ENDINGS = ("ó", "aron", "ieron", "ará", "erá", "irá", "arán", "erán", "irán", "aría", "ería", "iría")
PARTICIPLE_ENDINGS = ("ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas")
INFINITIVE_ENDINGS = ("ar", "er", "ir", "arse", "erse", "irse")


@dataclass(frozen=True)
class Words:
    kind: dict[str, str]  # closed-class word → determiner | preposition | pronoun | adverb | auxiliary | …
    clause: dict[str, str]  # coordinator | subordinator | relative | copula | clitic


@cache
def words() -> Words:
    kind: dict[str, str] = {}
    for row in read_table("closed_class"):
        if " " not in row["word"]:
            kind.setdefault(row["word"], row["kind"])
    return Words(kind=kind, clause={row["word"]: row["kind"] for row in read_table("clause_words")})


@lru_cache(maxsize=1 << 16)
def is_verb_form(word: str) -> bool:
    """A form of a verb the lemmatizer's index knows, or with an ending only verbs take."""
    if len(word) > 3 and word.endswith(VERB_ENDINGS):
        return True
    return verb_forms().analyse(word) is not None


@lru_cache(maxsize=1 << 16)
def is_index_adjective(word: str) -> bool:
    """A known adjective in any gender and number ("pública", "petroleras")."""
    adjectives = verb_forms().adjectives
    w = singular(word)
    if w in adjectives or word in adjectives:
        return True
    return w.endswith("a") and w[:-1] + "o" in adjectives


@lru_cache(maxsize=1 << 14)
def is_infinitive(word: str) -> bool:
    """An infinitive the lemmatizer knows, with or without a clitic ("fabricarse", "construir")."""
    infinitives = verb_forms().infinitives
    if word in infinitives:
        return True
    for clitic in ("se", "lo", "la", "le", "los", "las", "les"):
        if word.endswith(clitic) and word[: -len(clitic)] in infinitives:
            return True
    return False


def is_adjective(word: str) -> bool:
    """A known adjective, or a participle."""
    return is_index_adjective(word) or word.endswith(PARTICIPLE_ENDINGS)


@cache
def change_nouns() -> frozenset[str]:
    """The nouns of change of ``change_words.tsv`` ("descenso", "subida"): a phrase after one
    says what changed ("un descenso del 4 % en las ventas")."""
    return frozenset(row["word"] for row in read_table("change_words") if row["pos"] == "noun")


@cache
def prenominal_words() -> frozenset[str]:
    """Adjectives written before the noun: ordinals ("primer", "tercer") and the prenominal
    adjectives of ``counted_noun_stops.tsv`` ("nuevos", "últimas", "mejores")."""
    found = {row["form"] for row in read_table("ordinals") if row["form"].isalpha()}
    for row in read_table("counted_noun_stops"):
        if row["kind"] == "skip":
            found.update({row["word"], singular(row["word"])})
    return frozenset(found)


def is_prenominal(word: str) -> bool:
    return word in prenominal_words() or is_index_adjective(word)


class Node:
    """One word of a parsed sentence, with the few ``spacy.tokens.Token`` attributes the measure
    rules read. Plain Python: creating a spaCy Token for every step of a walk up and down a
    tree costs more than the rules themselves."""

    __slots__ = (
        "nodes",
        "i",
        "text",
        "lower_",
        "idx",
        "is_alpha",
        "is_punct",
        "is_space",
        "like_num",
        "pos_",
        "dep_",
        "head_i",
        "kids",
    )

    def __init__(self, nodes: list[Node], i: int, text: str, lower: str, idx: int, flags: tuple[bool, bool, bool, bool]):
        self.nodes = nodes
        self.i = i
        self.text = text
        self.lower_ = lower
        self.idx = idx  # character offset in the sentence
        self.is_alpha, self.is_punct, self.is_space, self.like_num = flags
        self.pos_ = ""
        self.dep_ = "dep"
        self.head_i = i
        self.kids: list[int] = []

    @property
    def head(self) -> Node:
        return self.nodes[self.head_i]

    @property
    def children(self) -> list[Node]:
        return [self.nodes[k] for k in self.kids]

    @property
    def rights(self) -> list[Node]:
        return [self.nodes[k] for k in self.kids if k > self.i]

    @property
    def subtree(self) -> list[Node]:
        found, todo = {self.i}, list(self.kids)
        while todo:
            k = todo.pop()
            if k not in found:
                found.add(k)
                todo.extend(self.nodes[k].kids)
        return [self.nodes[k] for k in sorted(found)]

    @property
    def ancestors(self) -> list[Node]:
        out, j, seen = [], self.i, {self.i}
        while self.nodes[j].head_i != j and self.nodes[j].head_i not in seen:
            j = self.nodes[j].head_i
            seen.add(j)
            out.append(self.nodes[j])
        return out

    @property
    def is_sent_start(self) -> bool:
        return self.i == 0

    @property
    def doc(self) -> list[Node]:
        return self.nodes

    def nbor(self, k: int = 1) -> Node:
        return self.nodes[self.i + k]

    def __repr__(self) -> str:
        return f"{self.text}/{self.pos_}/{self.dep_}>{self.head_i}"


class Chunk:
    """A span of nodes (a figure or an entity), with the ``Span`` attributes the rules read."""

    __slots__ = ("nodes", "start", "end", "label_", "sentence")

    def __init__(self, nodes: list[Node], start: int, end: int, label: str, sentence: str):
        self.nodes, self.start, self.end, self.label_, self.sentence = nodes, start, end, label, sentence

    def __iter__(self):
        return iter(self.nodes[self.start : self.end])

    def __getitem__(self, k: int) -> Node:
        return self.nodes[self.start + k] if k >= 0 else self.nodes[self.end + k]

    def __len__(self) -> int:
        return self.end - self.start

    def __reversed__(self):
        return reversed(self.nodes[self.start : self.end])

    @property
    def start_char(self) -> int:
        return self.nodes[self.start].idx

    @property
    def end_char(self) -> int:
        last = self.nodes[self.end - 1]
        return last.idx + len(last.text)

    @property
    def text(self) -> str:
        return self.sentence[self.start_char : self.end_char]

    @property
    def root(self) -> Node:
        inside = [t for t in self if not (self.start <= t.head_i < self.end) or t.head_i == t.i]
        if len(inside) == 1:
            return inside[0]
        return min(inside or list(self), key=lambda t: len(t.ancestors))


def link(nodes: list[Node], heads: list[int], deps: list[str], pos: list[str]) -> list[Node]:
    """Sets the parse on the nodes: tags, heads and dependency labels."""
    for node, head, dep, tag in zip(nodes, heads, deps, pos, strict=True):
        node.head_i, node.dep_, node.pos_ = head, dep, tag
        node.kids = []
    for node in nodes:
        if node.head_i != node.i:
            nodes[node.head_i].kids.append(node.i)
    return nodes


@dataclass
class ShallowParse:
    """Tags, heads and dependency labels for one sentence."""

    pos: list[str]
    heads: list[int]
    deps: list[str]

    def apply(self, nodes: list[Node]) -> list[Node]:
        return link(nodes, self.heads, self.deps, self.pos)


@dataclass
class Phrase:
    """A noun phrase (or an entity, or a figure): its tokens, head, and the preposition before it."""

    start: int
    end: int
    head: int
    case: str | None = None
    kind: str = "np"  # np | name | figure | date


def shallow_parse(
    nodes: list[Node], figures: Iterable[tuple[int, int]], entities: Iterable[tuple[int, int, str]]
) -> ShallowParse:
    """The shallow parse of one sentence's nodes, with its figure spans and entity spans (start, end, label)."""
    return _Parser(nodes, list(figures), list(entities)).parse()


class _Parser:
    def __init__(self, nodes: list[Node], figures: list[tuple[int, int]], entities: list[tuple[int, int, str]]):
        self.n = len(nodes)
        self.w = words()
        self.tokens = nodes
        self.lower = [t.lower_ for t in self.tokens]
        self.text = [t.text for t in self.tokens]
        self.pos = [""] * self.n
        self.heads = list(range(self.n))
        self.deps = ["dep"] * self.n
        self.span_of: dict[int, tuple[int, int, str]] = {}
        for start, end in figures:
            for i in range(start, end):
                self.span_of[i] = (start, end, "figure")
        for start, end, label in entities:
            if any(i in self.span_of for i in range(start, end)):
                continue
            kind = "date" if label == "DATE" else "name"
            for i in range(start, end):
                self.span_of[i] = (start, end, kind)

    def attach(self, child: int, head: int, dep: str) -> None:
        if child != head:
            self.heads[child] = head
            self.deps[child] = dep

    # -- tags
    def tag(self) -> None:
        lower, w = self.lower, self.w
        for i, token in enumerate(self.tokens):
            word = lower[i]
            span = self.span_of.get(i)
            if token.is_space:
                self.pos[i] = "SPACE"
            elif token.is_punct and span is None:
                self.pos[i] = "PUNCT"
            elif span is not None and span[2] == "figure":
                if token.like_num:
                    self.pos[i] = "NUM"
                else:
                    self.pos[i] = "ADP" if word in ("de", "por") else "NOUN" if token.is_alpha else "SYM"
            elif span is not None and span[2] == "name":
                self.pos[i] = "PROPN"
            elif span is not None:  # a date: its words as they are, its numbers as numbers
                self.pos[i] = "DET" if w.kind.get(word) == "determiner" else "NUM" if token.like_num else "NOUN"
            elif token.like_num:
                # a number right after a name is part of it: "Ibex 35", "Boeing 737"
                self.pos[i] = "PROPN" if i > 0 and self.pos[i - 1] == "PROPN" else "NUM"
            else:
                self.pos[i] = self._tag_word(i, word)

    def _prev(self, i: int) -> int:
        j = i - 1
        while j >= 0 and self.pos[j] == "SPACE":
            j -= 1
        return j

    def _tag_word(self, i: int, word: str) -> str:
        w = self.w
        token = self.tokens[i]
        j = self._prev(i)
        prev = self.pos[j] if j >= 0 else ""
        prev_word = self.lower[j] if j >= 0 else ""
        nxt = self.lower[i + 1] if i + 1 < self.n else ""
        clause = w.clause.get(word)
        if clause == "clitic" and (w.kind.get(word) != "determiner" or self._clitic_before_verb(i, prev_word)):
            return "PRON"
        if clause == "copula":
            return "AUX"
        if word == "lo" and nxt == "que":
            return "PRON"
        if word in ("al", "del"):
            return "ADP"  # the contractions: a preposition with its article
        if clause == "preposition_head" and nxt in ("a", "al", "de", "del"):
            return "ADP"  # "frente al", "lejos de", "respecto a"
        if word in w.kind:
            kind = w.kind[word]
            if kind in ("determiner", "quantifier"):
                return "DET"
            if kind in ("preposition", "particle"):
                # "bajo" after "más": the adjective ("su nivel más bajo")
                return "ADJ" if prev_word in ("más", "menos", "muy") and is_adjective(word) else "ADP"
            if kind == "pronoun":
                return "PRON"
            if kind == "auxiliary":
                return "AUX"
            if kind == "conjunction":
                return "CCONJ" if clause == "coordinator" else "SCONJ"
            return "ADV"
        if clause == "coordinator":
            return "CCONJ"
        if clause in ("subordinator", "relative"):
            return "SCONJ"
        if word.endswith("mente") or not token.is_alpha:
            return "ADV" if token.is_alpha else "SYM"
        if token.text[:1].isupper() and i > 0 and not self._opens(i):
            return "PROPN"
        finite = len(word) > 3 and word.endswith(VERB_ENDINGS)
        if prev == "ADP" and is_infinitive(word):
            return "VERB"  # "dejará de fabricarse", "para construir"
        if prev == "NUM" and is_verb_form(word):
            return "VERB"  # "para 2024 asciende"
        if prev in ("DET", "ADP", "NUM"):
            if (
                is_prenominal(word)
                and i + 1 < self.n
                and self.tokens[i + 1].is_alpha
                and nxt not in w.kind
                and not (len(nxt) > 3 and nxt.endswith(VERB_ENDINGS))
            ):
                return "ADJ"  # "su mayor alza", "el primer trimestre"
            return "NOUN"
        if prev == "AUX" and (word.endswith(PARTICIPLE_ENDINGS) or is_verb_form(word)):
            return "VERB"
        after_noun = prev in ("NOUN", "PROPN", "ADJ") or (
            prev == "ADV"
            and prev_word in ("no", "más", "menos", "muy", "tan")
            and self.pos[self._prev(j)] in ("NOUN", "PROPN", "ADJ")
        )
        if after_noun:
            if not finite and is_index_adjective(word):
                return "ADJ"
            if word.endswith(PARTICIPLE_ENDINGS) and prev in ("NOUN", "PROPN", "ADJ", "ADV"):
                return "ADJ"  # "el paro registrado", "impulsado por"
            if is_verb_form(word):
                return "VERB"
            return "NOUN"
        if is_verb_form(word) or (word.endswith(INFINITIVE_ENDINGS) and prev in ("VERB", "ADP", "AUX")):
            return "VERB"
        if word.endswith(PARTICIPLE_ENDINGS):
            return "VERB"
        if is_index_adjective(word):
            return "ADJ"
        return "NOUN"

    def _clitic_before_verb(self, i: int, prev_word: str) -> bool:
        """ "la" or "los" as a pronoun: after "no", "que", "se", "ya" and before a finite verb ("la dejó")."""
        if i + 1 >= self.n or not self._verb_like(i + 1):
            return False
        nxt = self.lower[i + 1]
        # "que las pérdidas", "y las ventas": an article; "que la dejó", "no lo sabe": a pronoun
        return (len(nxt) > 3 and nxt.endswith(VERB_ENDINGS)) or prev_word in ("no", "se", "ya", "lo", "nunca")

    def _opens(self, i: int) -> bool:
        j = i - 1
        while j >= 0 and self.tokens[j].is_space:
            j -= 1
        return j < 0 or self.text[j] in (".", ":", "¿", "¡", '"', "“", "«", "(", "—", "\n")

    def _verb_like(self, i: int) -> bool:
        word = self.lower[i]
        return i not in self.span_of and self.tokens[i].is_alpha and (is_verb_form(word) or word in ("ha", "han", "hay"))

    # -- phrases
    def phrases(self) -> list[Phrase]:
        out: list[Phrase] = []
        i = 0
        pos = self.pos
        while i < self.n:
            span = self.span_of.get(i)
            if span is not None:
                start, end, kind = span
                head = self._span_head(start, end, kind)
                for k in range(start, end):
                    if k != head:
                        self.attach(k, head, "flat" if kind == "name" else "nmod")
                end = self._adjectives_after(start, end, kind)
                i = self._take_phrase(out, Phrase(start, end, head, kind=kind), end)
                continue
            if pos[i] in ("DET", "ADJ", "NOUN", "PROPN", "NUM"):
                start = i
                j = i
                while j < self.n and pos[j] in ("DET", "ADJ", "NUM") and j not in self.span_of:
                    j += 1
                if j < self.n and pos[j] in ("NOUN", "PROPN") and j not in self.span_of:
                    head = j
                    j += 1
                    while j < self.n and j not in self.span_of:
                        if pos[j] == "ADJ" or (pos[j] == "NOUN" and pos[j - 1] == "NOUN"):
                            self.attach(j, head, "amod")
                        elif pos[j] == "ADV" and j + 1 < self.n and pos[j + 1] == "ADJ" and j + 1 not in self.span_of:
                            self.attach(j, j + 1, "advmod")  # "no petroleras", "más bajo"
                        else:
                            break
                        j += 1
                elif j < self.n and j in self.span_of and j > start:
                    # determiners before an entity or a figure: "el 40 %", "la Cancillería"
                    s, e, kind = self.span_of[j]
                    head = self._span_head(s, e, kind)
                    for k in range(s, e):
                        if k != head:
                            self.attach(k, head, "flat" if kind == "name" else "nmod")
                    for k in range(start, j):
                        self.attach(k, head, "det")
                    e = self._adjectives_after(s, e, kind)
                    i = self._take_phrase(out, Phrase(start, e, head, kind=kind), e)
                    continue
                elif j > start and pos[j - 1] == "ADJ":
                    head = j - 1  # "la más alta", "el mayor"
                else:
                    i = max(j, i + 1)
                    continue
                for k in range(start, head):
                    self.attach(k, head, "det" if pos[k] == "DET" else "nummod" if pos[k] == "NUM" else "amod")
                i = self._take_phrase(out, Phrase(start, j, head), j)
                continue
            i += 1
        return out

    def _skip_approximator(self, k: int, head: int) -> int:
        """Steps back over the words that round a figure ("alrededor de", "más de", "casi"), hung on it."""
        approximate = self.w.clause
        if k >= 1 and self.lower[k] in ("de", "del") and approximate.get(self.lower[k - 1]) == "approximator":
            self.attach(k, head, "advmod")
            self.attach(k - 1, head, "advmod")
            k -= 2
        elif (
            k >= 0
            and approximate.get(self.lower[k]) == "approximator"
            and self.lower[k] not in ("más", "menos", "cerca", "alrededor")
        ):
            self.attach(k, head, "advmod")
            k -= 1
        while k >= 0 and self.pos[k] == "DET" and self.heads[k] == k:
            self.attach(k, head, "det")
            k -= 1
        return k

    def _adjectives_after(self, start: int, end: int, kind: str) -> int:
        """Adjectives right after a figure describe the noun it counts ("45 personas atrapadas",
        "380.000 barriles diarios"): they hang on that noun and the phrase ends after them."""
        if kind != "figure":
            return end
        nouns = [k for k in range(start, end) if self.pos[k] == "NOUN" and self.tokens[k].is_alpha]
        if not nouns:
            return end
        while end < self.n and end not in self.span_of and self.pos[end] == "ADJ":
            self.attach(end, nouns[-1], "amod")
            end += 1
        return end

    def _span_head(self, start: int, end: int, kind: str) -> int:
        if kind == "figure":
            for k in range(start, end):
                if self.pos[k] == "NUM":
                    return k
        return start

    def _take_phrase(self, out: list[Phrase], phrase: Phrase, end: int) -> int:
        # the preposition(s) right before it: "en el", "frente al", "hasta los"
        k = phrase.start - 1
        while k >= 0 and self.pos[k] == "DET" and self.heads[k] == k:
            self.attach(k, phrase.head, "det")
            k -= 1
        if phrase.kind == "figure":
            k = self._skip_approximator(k, phrase.head)
        if k >= 0 and self.pos[k] == "ADP":
            phrase.case = self.lower[k]
            if k > 0 and self.pos[k - 1] == "ADP" and self.w.clause.get(self.lower[k - 1]) == "preposition_head":
                phrase.case = self.lower[k - 1]
            self.attach(k, phrase.head, "case")
            j = k - 1
            while j >= 0 and self.pos[j] == "ADP" and self.heads[j] == j:
                self.attach(j, phrase.head, "case")  # "frente al", "por encima de"
                j -= 1
        out.append(phrase)
        return end

    # -- clauses
    def parse(self) -> ShallowParse:
        self.tag()
        phrases = self.phrases()
        self.phrase_at: dict[int, Phrase] = {}
        self.case_of: dict[int, str | None] = {}
        for p in phrases:
            self.case_of[p.head] = p.case
            for k in range(p.start, p.end):
                self.phrase_at[k] = p
        self.new_clause: set[int] = set()  # phrase heads after "y" that may open a clause of their own
        root = None
        last_verb: int | None = None
        clause_verb: int | None = None  # the verb of the current clause
        pending_link: tuple[str, int | None] | None = None  # how the next verb attaches
        last_phrase: Phrase | None = None
        after_coordinator = False
        relative_of: Phrase | None = None
        objects: set[int] = set()
        i = 0
        while i < self.n:
            pos = self.pos[i]
            word = self.lower[i]
            p = self.phrase_at.get(i)
            if p is not None and p.start == i:
                if after_coordinator and p.case is None and last_phrase is not None:
                    target = last_phrase.head
                    if p.kind == "figure" and (figure := self.figure_before(p.start)) is not None:
                        target = figure  # "178 votos a favor y 172 en contra"
                    self.attach(p.head, target, "conj")  # "Venezuela y Rusia", "niños y adolescentes"
                    if clause_verb is not None:
                        self.new_clause.add(p.head)
                else:
                    self._attach_phrase(p, last_phrase, clause_verb, objects)
                after_coordinator = False
                last_phrase = p
                i = p.end
                continue
            if p is not None:  # inside a phrase
                i += 1
                continue
            if pos == "PUNCT":
                if self.text[i] in (";", ":"):
                    clause_verb = last_phrase = None  # a new clause: nothing before hangs on what follows
                i += 1
                continue
            if pos == "CCONJ":
                pending_link = ("conj", last_verb)
                after_coordinator = True
                i += 1
                continue
            if pos in ("SCONJ", "PRON") and word in ("que", "cual", "cuales", "quien", "quienes"):
                if last_phrase is not None and self._just_before(last_phrase, i):
                    relative_of = last_phrase
                    pending_link = ("acl", last_phrase.head)
                    self.pos[i] = "PRON"
                elif i > 0 and self.lower[i - 1] == "lo" and last_verb is not None:
                    pending_link = ("acl", last_verb)  # "lo que supone": about the clause before
                    relative_of = None
                    self.pos[i] = "PRON"
                elif last_verb is not None:
                    pending_link = ("ccomp", last_verb)
                    self.attach(i, i, "mark")
                i += 1
                continue
            if pos == "SCONJ":
                pending_link = ("advcl", last_verb)
                i += 1
                continue
            if pos in ("VERB", "AUX"):
                if pos == "AUX" and i + 1 < self.n and self.pos[i + 1] == "VERB":
                    self.attach(i, i + 1, "aux")  # "ha marcado", "fue rechazada"
                    i += 1
                    continue
                verb = i
                if pos == "AUX" and self.w.clause.get(word) == "copula":
                    predicate = self._predicate_after(i)
                    if predicate is not None:  # "es un 20 % más alto", "fue del 51 %": the predicate heads
                        self.attach(i, predicate, "cop")
                        verb = predicate
                link, target = pending_link or (None, None)
                if root is None and target is None:
                    root = verb
                    self.deps[verb] = "ROOT"
                elif target is not None and target != verb:
                    self.attach(verb, target, link)
                elif last_verb is not None and self.lower[verb].endswith(INFINITIVE_ENDINGS):
                    self.attach(verb, last_verb, "xcomp")
                elif last_verb is not None:
                    self.attach(verb, last_verb, "parataxis")
                elif root is not None and root != verb:
                    self.attach(verb, root, "parataxis")
                if link == "acl" and relative_of is not None:
                    k = self._prev(i)
                    while k >= 0 and self.pos[k] in ("ADV", "AUX") or (k >= 0 and self.w.clause.get(self.lower[k]) == "clitic"):
                        k = self._prev(k)
                    if k >= 0 and self.pos[k] == "PRON" and self.lower[k] in ("que", "cual", "cuales", "quien", "quienes"):
                        self.attach(k, verb, "nsubj")
                    relative_of = None
                elif link == "acl" and i > 0:
                    k = self._prev(i)
                    while k >= 0 and self.lower[k] != "que" and k > i - 4:
                        k = self._prev(k)
                    if k >= 0 and self.lower[k] == "que":
                        self.attach(k, verb, "nsubj")
                        if k > 0 and self.lower[k - 1] == "lo":
                            self.attach(k - 1, k, "det")
                subject = self._subject_before(i, last_verb)
                if subject is not None and self.heads[verb] != subject:
                    self.attach(subject, verb, "nsubj")
                    objects.discard(subject)
                pending_link = None
                after_coordinator = False
                last_verb = verb
                clause_verb = verb
                i += 1
                continue
            if pos == "ADV" and clause_verb is not None:
                self.attach(i, clause_verb, "advmod")
            i += 1
        if root is None:
            candidates = [p for p in phrases if self.heads[p.head] == p.head]
            root = candidates[0].head if candidates else 0
            self.deps[root] = "ROOT"
        for k in range(self.n):
            if self.heads[k] == k and k != root:
                self.attach(k, root, "punct" if self.pos[k] == "PUNCT" else "dep")
        self._break_cycles(root)
        return ShallowParse(self.pos, self.heads, self.deps)

    def _skip_insertions(self, k: int) -> int:
        """Steps back over a parenthesis or an insertion between commas before a verb ("El Hang Seng,
        que fue uno de los pocos mercados…, ha caído"; "las acciones de Apple (AAPL) cayeron")."""
        if k >= 0 and self.text[k] == ")":
            j = k - 1
            while j >= 0 and self.text[j] != "(":
                j -= 1
            return self._prev(j) if j >= 0 else k
        if k >= 0 and self.text[k] == ",":
            j = k - 1
            while j >= 0 and self.text[j] not in (",", ";", ":"):
                j -= 1
            if j > 0 and self.text[j] == ",":
                before = self._prev(j)
                if before >= 0 and before in self.phrase_at:
                    return before
        return k

    def _just_before(self, phrase: Phrase, i: int) -> bool:
        """The phrase ends right before token ``i`` (a comma between allowed): "el salario mínimo, que"."""
        between = [k for k in range(phrase.end, i) if self.pos[k] != "SPACE"]
        return not between or (len(between) == 1 and self.text[between[0]] == ",")

    def _subject_before(self, i: int, earlier_verb: int | None) -> int | None:
        """The head of the noun phrase right before the verb at ``i`` (clitics, adverbs and
        auxiliaries between are attached to the verb), climbed to the head of its chain
        ("las exportaciones de aceite de oliva se dispararon" → exportaciones)."""
        verb = i
        k = self._prev(i)
        while k >= 0 and (
            self.pos[k] in ("ADV", "AUX") or (self.pos[k] == "PRON" and self.w.clause.get(self.lower[k]) == "clitic")
        ):
            if self.heads[k] == k:
                dep = "aux" if self.pos[k] == "AUX" else "advmod" if self.pos[k] == "ADV" else "expl:pv"
                self.attach(k, verb, dep)
            k = self._prev(k)
        k = self._skip_insertions(k)
        if k < 0 or k not in self.phrase_at:
            return None
        head = self.phrase_at[k].head
        while head not in self.new_clause and self.heads[head] != head and self.heads[head] < head:
            up = self.heads[head]
            if self.deps[head] not in ("nmod", "amod", "conj", "appos", "flat") or self.pos[up] in ("VERB", "AUX"):
                break
            head = up
        if self.case_of.get(head) is not None:
            return None
        up = self.heads[head]
        if up != head and self.pos[up] in ("VERB", "AUX") and up < head:
            # a bare phrase hung on an earlier verb: its subject here only after a clause break
            between = self.pos[up + 1 : head]
            if not any(p in ("CCONJ", "SCONJ") for p in between) and "," not in self.lower[up + 1 : head]:
                return None
        if head in self.new_clause or up == head or self.pos[up] in ("VERB", "AUX"):
            return head
        return None

    def _predicate_after(self, i: int) -> int | None:
        """The head of what a copula introduces: a figure, an adjective or a noun phrase."""
        k = i + 1
        while k < self.n and self.pos[k] in ("ADV", "DET", "ADP"):
            k += 1
        if k < self.n and k in self.phrase_at:
            return self.phrase_at[k].head
        if k < self.n and self.pos[k] == "ADJ":
            return k
        return None

    def _attach_phrase(self, p: Phrase, last: Phrase | None, verb: int | None, objects: set[int]) -> None:
        """Where a phrase hangs: on the phrase before it, on the clause's verb, or (later) as a subject."""
        adjacent = last is not None and all(self.pos[k] in ("ADP", "DET", "SPACE") for k in range(last.end, p.start))
        if p.case in ("de", "del"):
            if adjacent and last is not None:
                self.attach(p.head, last.head, "nmod")
            elif verb is not None and verb > (last.head if last else -1):
                self.attach(p.head, verb, "obl")
            elif last is not None:
                self.attach(p.head, last.head, "nmod")
            return
        if p.case is not None:
            if adjacent and last is not None and (last.kind == "figure" or self._change_noun(last.head)):
                self.attach(p.head, last.head, "nmod")  # "un descenso del 4 % en las ventas"
            elif adjacent and last is not None and p.kind == "figure" and p.case in ("para", "por") and last.kind == "np":
                self.attach(p.head, last.head, "nmod")  # "capacidad para 90.000 aficionados", "utilidades por 19,1 billones"
            elif verb is not None and verb < p.start:
                self.attach(p.head, verb, "obl")  # after the verb: its complement ("redujo su tasa en 25 puntos")
            elif last is not None:
                self.attach(p.head, last.head, "nmod")  # before it: part of the subject ("la tasa de desempleo en Uruguay")
            return
        # a bare phrase
        if last is not None and last.end < p.start and self.text[p.start - 1] == ",":
            figure = self.figure_before(p.start)
            if figure is not None and (p.kind == "figure" or self._change_noun(p.head)):
                self.attach(p.head, figure, "appos")  # "1.200 casos de dengue, un aumento del 35 %"
                return
            if last.kind == "figure":
                self.attach(p.head, last.head, "appos")
                return
        if (
            last is not None
            and last.end == p.start
            and ((p.kind == "name" and last.kind == "np") or (self.pos[p.head] == "PROPN" and self.pos[last.head] == "PROPN"))
        ):
            self.attach(p.head, last.head, "nmod" if last.kind == "np" else "flat")  # "el presidente Gustavo Petro"
            return
        if verb is not None and verb < p.start:
            if any(self.heads[o] == verb for o in objects):
                self.attach(p.head, verb, "obl")
            else:
                self.attach(p.head, verb, "obj")
                objects.add(p.head)

    def figure_before(self, i: int) -> int | None:
        """The head of the last figure before token ``i`` in the same clause (no verb or ";" between)."""
        j = i - 1
        while j >= 0:
            span = self.span_of.get(j)
            if span is not None and span[2] == "figure":
                return self._span_head(span[0], span[1], "figure")
            if self.pos[j] in ("VERB", "AUX") or self.text[j] in (";", ":"):
                return None
            j -= 1
        return None

    def _change_noun(self, i: int) -> bool:
        return singular(self.lower[i]) in change_nouns()

    def _break_cycles(self, root: int) -> None:
        """Hangs on the root any word whose chain of heads loops instead of reaching it."""
        state = [0] * self.n  # 0 unseen, 1 on the current chain, 2 reaches the root
        state[root] = 2
        for k in range(self.n):
            chain = []
            j = k
            while state[j] == 0:
                state[j] = 1
                chain.append(j)
                nxt = self.heads[j]
                if nxt == j:
                    break
                j = nxt
            if state[j] == 1 and chain:  # a loop (or a second root): cut it at the word it closed on
                self.attach(j, root, "dep")
            for c in chain:
                state[c] = 2
