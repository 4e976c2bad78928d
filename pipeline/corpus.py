"""One identity per entity across the corpus: ``entity_id`` and the ``corpus_entities`` table.

Within a document the components already give every mention of a person one
``canonical`` name (the longest one the document uses). This module runs once
every document is in, over the whole ``entities`` and ``mentions`` tables, and
joins the forms that name the same entity in different documents:

- Names that differ only in accents, case, dots, hyphens or surname particles
  are one entity ("Vladimir Putin", "Vladímir Putin", "PUTIN" beside them;
  "Fernando de la Rúa" and "Fernando De La Rua").
- A person named in a document only by surname(s) or by initials and surname
  ("Maduro", "Paz Zamora", "N. Maduro") joins the full name of the corpus whose
  last surname(s) those are (the name's tail, or its paternal surname in a name
  of three or more words), when there is exactly one such full name, or when one
  of them is named in at least `DOMINANCE` times as many documents as all the
  others together. Otherwise it stays an entity of its own: an ambiguous
  surname is never merged on a guess.
- Two full names are never merged ("Jaime Paz Zamora" and "Rodrigo Paz",
  "Nicolás Maduro" and "Nicolás Maduro Guerra", "George Bush" and "George W.
  Bush"); a document's own full name already decided its canonical name, and
  it wins. A form of two or more words that opens with a given name
  (``lang/es/first_names.tsv``) is a full name too ("María Paz" is not a part of
  "Ana María Paz"), and a lone given name joins a longer name only as its last
  word ("Paz" may be Rodrigo Paz, but "Manuel" is not Juan Manuel Santos).
- An organisation's acronym joins its full name where some document states it:
  "la Organización de las Naciones Unidas (ONU)" or "la ONU (Organización de las
  Naciones Unidas)", the acronym's letters read in order from the starts (or
  the continuation) of at least two of the full name's words. An acronym that
  documents state for two different names joins neither across the corpus; a
  document that states one keeps it for itself.
- Entities with a ``kb_id`` (countries, demonyms) are one entity per label and
  ``kb_id``; a name of that label without one, written like one of them (and
  like no other), joins it, and so do its surname forms.

``entity_id`` is a 16-hex-digit hash (BLAKE2b, 64 bits) of the label and the
identity's key: ``kb:<kb_id>`` for entities with a ``kb_id``, else the folded
name of the full form (accents, case, dots and particles removed). It does
not depend on the order of documents nor on how often each form is written,
so the same corpus gives the same ids in every run and on every engine; it
changes when the corpus changes what a form joins (a surname-only person gets
the id of the full name once the corpus names them in full). Dates and
figures have no ``entity_id``: their value is their identity.

Pure Python and pandas: `CorpusPass` takes the tables block by block (the
writer feeds it as it writes), `Identities` maps rows to their ``entity_id`` and
holds the ``corpus_entities`` rows; `identify` does it all for tables in memory.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache, lru_cache

import numpy as np
import pandas as pd

from pipeline.lang import column, read_table
from pipeline.nlp.labels import ORG, PERSON, VALUE_LABELS

SURFACE_SEPARATOR = " | "
# A surname that several full names of the corpus share joins the one named in at
# least this many times as many documents as all the others together.
DOMINANCE = 10
ID_DIGEST_BYTES = 8  # 16 hex digits
# The columns each table must give the corpus pass.
DOCUMENT_COLUMNS = ["doc_id", "published"]
MENTION_COLUMNS = ["doc_id", "section", "label", "text", "value", "canonical", "kb_id", "context"]
STATEMENT_LABELS = (ORG,)  # labels whose mentions may state an acronym

WORD_SPLIT = re.compile(r"[\s\-‐‑–—/]+")
INITIALS = re.compile(r"(?<=\.)")  # "J.M." → "J.", "M."
NAME_PUNCTUATION = ".·'’`´\"“”«»()[],;:"
ORG_SPLIT = re.compile(r"[\s\-‐‑–—]+")
WORD = re.compile(r"[^\W_]+")
# "Full Name (ACR)" / "ACR (Full Name)": what stands in brackets right after a mention.
BRACKETED = re.compile(r"\s*\(\s*([^()]{1,120}?)\s*\)")
ACRONYM = re.compile(r"^[A-ZÁÉÍÓÚÑÜ][A-Za-zÁÉÍÓÚÑÜáéíóúñü.&]{1,15}$")
MAX_ACRONYM_LETTERS = 12
MAX_SYLLABIC_ACRONYM = 8  # "Cepal", "Unasur": one capital letter, at most this many letters


def entity_key(mention: dict) -> str:
    """The form that groups a document's mentions into one entity.

    The mention's ``canonical`` name, else its ``value`` (dates, figures), else its text.
    """
    return mention["canonical"] or mention["value"] or mention["text"]


def is_document_entity(mention: dict) -> bool:
    """False for the agency named in a dateline ("MADRID, 3 mar (EFE)"): a mention, but not of whom the story is about.

    Such a mention has no row in ``entities``, no ``entity_id`` and no share in ``corpus_entities``.
    """
    section = mention.get("section")
    return not (isinstance(section, str) and section == "dateline" and mention["label"] == ORG)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """``text`` without accents, in lower case."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@cache
def _particles() -> frozenset[str]:
    return frozenset(fold(row["word"]) for row in read_table("name_particles"))


@cache
def _given_names() -> frozenset[str]:
    return frozenset(fold(name) for name in column("first_names", "name"))


@lru_cache(maxsize=1 << 16)
def name_tokens(name: str) -> tuple[str, ...]:
    """The folded words of a person's name, particles left out ("Fernando de la Rúa" → fernando, rua).

    An initial ("N.", "J.M.", a lone capital letter) is one letter, also when it
    is a particle's letter ("A. M. López Obrador").
    """
    particles = _particles()
    words = []
    for piece in WORD_SPLIT.split(name):
        for part in INITIALS.split(piece):
            word = fold(part.strip(NAME_PUNCTUATION))
            if not word:
                continue
            initial = len(word) == 1 and (part.endswith(".") or part.strip(NAME_PUNCTUATION).isupper())
            if initial or word not in particles:
                words.append(word)
    return tuple(words)


@lru_cache(maxsize=1 << 16)
def org_key(name: str) -> str:
    """The folded form of any other name: no accents, lower case, no dots, hyphens as spaces."""
    return " ".join(w for w in ORG_SPLIT.split(fold(name).replace(".", "")) if w)


def identity_key(label: str, name: str, kb_id: str | None) -> str:
    """The key two forms of one entity share: ``kb:<kb_id>``, else the folded name."""
    if kb_id:
        return f"kb:{kb_id}"
    if label == PERSON:
        return " ".join(name_tokens(name)) or org_key(name)
    return org_key(name)


def entity_id(label: str, key: str) -> str:
    """The stable id of the identity ``key`` of ``label`` (see the module docstring)."""
    return hashlib.blake2b(f"{label}\x1f{key}".encode(), digest_size=ID_DIGEST_BYTES).hexdigest()


def has_identity(label: str | None) -> bool:
    """Names have a corpus identity; dates and figures (their value is their identity) do not."""
    return isinstance(label, str) and bool(label) and label not in VALUE_LABELS


# --- People: surname-only and initial forms ---------------------------------------


def _is_initial(word: str) -> bool:
    return len(word) == 1 and word.isalpha()


def reduced_form(short: tuple[str, ...], full: tuple[str, ...]) -> str | None:
    """How ``short`` names the person ``full`` by surname: ``"tail"``, ``"paternal"`` or None.

    ``short`` is leading initials (none or more) and one or more surnames. Its
    surnames must stand in ``full`` after at least one given name (or after the
    words its initials stand for), either at the end of ``full`` ("Maduro" of
    "Nicolás Maduro", "Paz Zamora" of "Jaime Paz Zamora") or just before its last
    word when ``full`` has three or more ("Maduro" of "Nicolás Maduro Guerra",
    "López" of "Andrés Manuel López Obrador"). A ``short`` of two or more words
    that opens with a given name is a full name, never a reduced form.
    """
    n_initials = 0
    while n_initials < len(short) and _is_initial(short[n_initials]):
        n_initials += 1
    surnames = short[n_initials:]
    if not surnames or not full or _is_initial(full[0]) or len(surnames) >= len(full):
        return None
    if n_initials == 0 and len(surnames) >= 2 and surnames[0] in _given_names():
        return None
    if n_initials and (n_initials >= len(full) or any(full[j][0] != short[j] for j in range(n_initials))):
        return None
    size = len(surnames)
    found = None
    for i in range(max(1, n_initials), len(full) - size + 1):
        if full[i : i + size] != surnames:
            continue
        end = i + size
        if end == len(full):
            return "tail"
        if end == len(full) - 1 and len(full) >= 3:
            found = "paternal"
    return found


def _may_join(short: tuple[str, ...], kind: str) -> bool:
    """A lone given name joins a longer name only as its last word.

    "Paz" may be Rodrigo Paz, but "Manuel" is not Juan Manuel Santos.
    """
    return not (len(short) == 1 and kind != "tail" and short[0] in _given_names())


# --- Organisations: acronyms stated in the text ------------------------------------


def looks_like_acronym(text: str) -> bool:
    """One word of 2–12 letters in capitals ("ONU", "EE.UU.", "BoA"), or a capitalised short one ("Cepal", "Unasur")."""
    if not ACRONYM.match(text):
        return False
    letters = [c for c in text if c.isalpha()]
    capitals = sum(1 for c in letters if c.isupper())
    return 2 <= len(letters) <= MAX_ACRONYM_LETTERS and (capitals >= 2 or len(letters) <= MAX_SYLLABIC_ACRONYM)


def is_acronym_of(acronym: str, name: str) -> bool:
    """True if the letters of ``acronym`` read, in order, from ``name``'s words.

    Each letter is the first letter of a later word (words may be skipped) or
    the next letter of the word the previous one came from ("Mer-co-sur"); the
    first letter opens the first word; letters come from two words at least,
    so that "California" is no acronym of "California Theater".
    """
    if not looks_like_acronym(acronym):
        return False
    letters = "".join(c for c in fold(acronym) if c.isalnum())
    words = WORD.findall(fold(name))
    if len(words) < 2 or not letters or letters[0] != words[0][0]:
        return False

    @cache
    def match(i: int, w: int, c: int, used: int) -> bool:
        # letters[i:] still to read; the previous letter was words[w][c - 1]; ``used`` words gave letters.
        if i == len(letters):
            return used >= 2
        if c < len(words[w]) and words[w][c] == letters[i] and match(i + 1, w, c + 1, used):
            return True
        return any(words[v][0] == letters[i] and match(i + 1, v, 1, used + 1) for v in range(w + 1, len(words)))

    return match(1, 0, 1, 1)


def stated_acronyms(text: str, context: str | None) -> list[tuple[str, str]]:
    """``(acronym, full name)`` pairs the sentence ``context`` states around the mention ``text``.

    "text (ACR)" states that ACR is ``text``; "text (Full Name)", with ``text``
    an acronym of "Full Name", states it the other way round.
    """
    if not context or not text:
        return []
    pairs = []
    start = context.find(text)
    while start >= 0:
        bracket = BRACKETED.match(context, start + len(text))
        if bracket is not None:
            inside = bracket.group(1)
            if is_acronym_of(inside, text):
                pairs.append((inside, text))
            elif is_acronym_of(text, inside):
                pairs.append((text, inside))
        start = context.find(text, start + 1)
    return pairs


# --- The pass ------------------------------------------------------------------------


@dataclass
class _Entry:
    """One (label, canonical, kb_id) as the documents' entity rows write it."""

    label: str
    canonical: str
    kb_id: str | None
    key: str  # identity_key of the entry itself


@dataclass
class CorpusPass:
    """Collects what the corpus pass needs from the tables, block by block, then `resolve`\\s the identities.

    Feed it every ``documents`` row (`add_documents`) and every ``mentions``
    row (`add_mentions`), in any order and any blocks: the identities are
    decided from the mentions alone (the ``entities`` rows are their sums), so
    the kept rows of an incremental run count as the new ones. Memory holds the
    distinct names and surface forms, the documents' dates, and four integers
    per distinct (document, name, surface form).
    """

    published: dict[str, str | None] = field(default_factory=dict)
    _entries: dict[tuple, int] = field(default_factory=dict)
    _entry_list: list[_Entry] = field(default_factory=list)
    _docs: dict[str, int] = field(default_factory=dict)
    _forms: dict[str, int] = field(default_factory=dict)
    _rows: list[np.ndarray] = field(default_factory=list)  # blocks of (doc, entry, surface form, mentions) rows
    _statements: set[tuple[str, str, str]] = field(default_factory=set)  # (doc_id, acronym key, full name key)

    def add_documents(self, frame: pd.DataFrame) -> None:
        for doc_id, published in zip(_values(frame, "doc_id"), _values(frame, "published"), strict=True):
            self.published[doc_id] = None if pd.isna(published) else published

    def add_mentions(self, frame: pd.DataFrame) -> None:
        rows = []
        for doc_id, section, label, text, value, canonical, kb_id, context in zip(
            *(_values(frame, c) for c in MENTION_COLUMNS), strict=True
        ):
            if not has_identity(label) or not is_document_entity({"section": section, "label": label}):
                continue
            text = "" if pd.isna(text) else text
            key = _key_text(canonical, value, text)
            kb_id = None if pd.isna(kb_id) or kb_id == "" else kb_id
            doc = self._docs.setdefault(doc_id, len(self._docs))
            rows.append((doc, self._entry(label, key, kb_id), self._forms.setdefault(text, len(self._forms))))
            if label in STATEMENT_LABELS and not pd.isna(context):
                self._add_statements(doc_id, text, org_key(key), context)
        if rows:
            distinct, counts = np.unique(np.array(rows, dtype=np.int64), axis=0, return_counts=True)
            self._rows.append(np.column_stack([distinct, counts]))

    def _add_statements(self, doc_id: str, text: str, own_key: str, context: str) -> None:
        """The acronyms the mention ``text`` (of the entity ``own_key``) states in its sentence."""
        for acronym, full in stated_acronyms(text, context):
            if full == text:  # "Full Name (ACR)"
                self._statements.add((doc_id, org_key(acronym), own_key))
            else:  # "ACR (Full Name)"
                self._statements.add((doc_id, own_key, org_key(full)))

    def _entry(self, label: str, canonical: str, kb_id: str | None) -> int:
        index = self._entries.get((label, canonical, kb_id))
        if index is None:
            index = self._entries[(label, canonical, kb_id)] = len(self._entry_list)
            self._entry_list.append(_Entry(label, canonical, kb_id, identity_key(label, canonical, kb_id)))
        return index

    def resolve(self) -> Identities:
        """The identity of every entry, the documents' own acronyms, and the ``corpus_entities`` rows."""
        return _Resolver(self).run()


def _values(frame: pd.DataFrame, column: str) -> list:
    """The values of a column as Python objects, None where missing: read at once, not one by one through
    pandas (whose Arrow-backed columns box each value on iteration). Readers test missing values with
    ``pd.isna``, which takes None as it takes ``pd.NA``."""
    return frame[column].to_numpy(dtype=object, na_value=None).tolist()


def _key_text(canonical, value, text) -> str:
    return entity_key(
        {"canonical": None if pd.isna(canonical) else canonical, "value": None if pd.isna(value) else value, "text": text}
    )


@dataclass
class Identities:
    """What the corpus pass decided: ``entity_id`` per (label, canonical, kb_id), per-document exceptions, and the table."""

    ids: dict[tuple, str]
    doc_ids: dict[tuple, str]  # (doc_id, label, canonical, kb_id) → entity_id where a document's own statement decides
    table: list[dict]  # the corpus_entities rows

    def assign(self, frame: pd.DataFrame, *, key_column: str | None = None) -> pd.Series:
        """The ``entity_id`` of each row of a ``mentions`` (grouped by `entity_key`) or ``entities`` (by ``canonical``) frame."""
        if frame.empty:
            return pd.Series([], index=frame.index, dtype="string")
        if key_column is not None:
            keys = _values(frame, key_column)
        else:
            keys = [
                _key_text(c, v, t)
                for c, v, t in zip(_values(frame, "canonical"), _values(frame, "value"), _values(frame, "text"), strict=True)
            ]
        sections = _values(frame, "section") if "section" in frame.columns else [None] * len(frame)
        out = []
        for doc_id, section, label, key, kb_id in zip(
            _values(frame, "doc_id"), sections, _values(frame, "label"), keys, _values(frame, "kb_id"), strict=True
        ):
            if not has_identity(label) or not is_document_entity({"section": section, "label": label}):
                out.append(None)
                continue
            key = "" if pd.isna(key) else key
            kb_id = None if pd.isna(kb_id) or kb_id == "" else kb_id
            found = self.doc_ids.get((doc_id, label, key, kb_id)) if self.doc_ids else None
            if found is None:
                found = self.ids.get((label, key, kb_id))
            out.append(found if found is not None else entity_id(label, identity_key(label, key, kb_id)))
        return pd.Series(out, index=frame.index, dtype="string")


class _Resolver:
    """`CorpusPass.resolve`: groups entries into identities (see the module docstring for the rules)."""

    def __init__(self, corpus: CorpusPass):
        self.corpus = corpus
        self.entries = corpus._entry_list
        rows = np.concatenate(corpus._rows) if corpus._rows else np.empty((0, 4), dtype=np.int64)
        self.row_doc, self.row_entry, self.row_forms, self.row_mentions = rows.T
        # Fold groups: entries that are one name once folded (or share a kb_id).
        self.groups: dict[tuple[str, str], list[int]] = defaultdict(list)
        for index, entry in enumerate(self.entries):
            self.groups[(entry.label, entry.key)].append(index)
        group_ids = {group: n for n, group in enumerate(self.groups)}
        self.entry_group = np.array([group_ids[(e.label, e.key)] for e in self.entries], dtype=np.int64)
        self.group_list = list(self.groups)
        self.group_docs = self._documents_per(self.entry_group)

    def _documents_per(self, entry_target: np.ndarray, row_target: np.ndarray | None = None) -> np.ndarray:
        """Distinct documents per target (of each row's entry, or the given per-row targets)."""
        size = int(entry_target.max()) + 1 if len(entry_target) else 0
        if not len(self.row_entry):
            return np.zeros(size, dtype=np.int64)
        target = entry_target[self.row_entry] if row_target is None else row_target
        pairs = np.unique(np.stack([target, self.row_doc]), axis=1)
        return np.bincount(pairs[0], minlength=size)

    def run(self) -> Identities:
        target = list(range(len(self.group_list)))  # group → the group whose identity it takes
        self._join_kb(target)
        self._join_people(target)
        self._join_acronyms(target)
        _settle(target)
        entry_identity = np.array([target[g] for g in self.entry_group], dtype=np.int64)
        overrides = self._document_acronyms(target)
        row_identity = entry_identity[self.row_entry] if len(self.row_entry) else np.empty(0, dtype=np.int64)
        if overrides:
            n_entries = len(self.entries)
            wanted = {self.corpus._docs[doc_id] * n_entries + entry: identity for (doc_id, entry), identity in overrides.items()}
            row_keys = pd.Series(self.row_doc * n_entries + self.row_entry)
            replaced = row_keys.map(wanted)
            row_identity = np.where(replaced.notna(), replaced.fillna(-1).to_numpy(dtype=np.int64), row_identity)
        ids = {(e.label, e.canonical, e.kb_id): self._id(int(entry_identity[i])) for i, e in enumerate(self.entries)}
        doc_ids = {
            (d, self.entries[e].label, self.entries[e].canonical, self.entries[e].kb_id): self._id(g)
            for (d, e), g in overrides.items()
        }
        return Identities(ids, doc_ids, self._table(row_identity))

    def _id(self, group: int) -> str:
        label, key = self.group_list[group]
        return entity_id(label, key)

    def _join_kb(self, target: list[int]) -> None:
        """A name without ``kb_id`` joins the one identity of its label with a ``kb_id`` that is written alike."""
        named: dict[tuple[str, str], set[int]] = defaultdict(set)
        for g, (label, key) in enumerate(self.group_list):
            if key.startswith("kb:"):
                for entry in self.groups[(label, key)]:
                    named[(label, identity_key(label, self.entries[entry].canonical, None))].add(g)
        for g, group in enumerate(self.group_list):
            owners = named.get(group)
            if owners and len(owners) == 1 and not group[1].startswith("kb:"):
                target[g] = next(iter(owners))

    def _name_tokens(self, group: int) -> tuple[str, ...]:
        """The folded words of a person group's name (of its longest name, for a group with a ``kb_id``)."""
        label, key = self.group_list[group]
        if not key.startswith("kb:"):
            return tuple(key.split())
        return max((name_tokens(self.entries[e].canonical) for e in self.groups[(label, key)]), key=lambda t: (len(t), t))

    def _join_people(self, target: list[int]) -> None:
        people = [g for g, (label, _) in enumerate(self.group_list) if label == PERSON and target[g] == g]
        tokens = {g: self._name_tokens(g) for g in people}
        by_word: dict[str, list[int]] = defaultdict(list)
        for g in people:
            for word in set(tokens[g]):
                by_word[word].append(g)
        matches: dict[int, list[tuple[int, str]]] = {}
        for g in people:
            short = tokens[g]
            if not short or _is_initial(short[-1]) or self.group_list[g][1].startswith("kb:"):
                continue  # (an identity with a kb_id never joins another)
            found = [(f, kind) for f in by_word[short[-1]] if f != g and (kind := reduced_form(short, tokens[f]))]
            if found:
                matches[g] = found
        for g, found in matches.items():
            full = [(f, kind) for f, kind in found if f not in matches]  # the full names it may stand for
            if not full:
                continue
            docs = [int(self.group_docs[f]) for f, _ in full]
            best = max(range(len(full)), key=lambda i: (docs[i], -i))
            others = sum(docs) - docs[best]
            if len(full) > 1 and (docs[best] < DOMINANCE * others or docs.count(docs[best]) > 1):
                continue
            if _may_join(tokens[g], full[best][1]):
                target[g] = full[best][0]

    def _join_acronyms(self, target: list[int]) -> None:
        self._org_index = {key: g for g, (label, key) in enumerate(self.group_list) if label == ORG}
        stated: dict[int, set[int]] = defaultdict(set)
        for _, acronym, full in self.corpus._statements:
            a, f = self._org_index.get(acronym), self._org_index.get(full)
            if a is not None and f is not None and a != f:
                stated[a].add(f)
        self._stated = stated
        for a, fulls in stated.items():
            if len(fulls) == 1 and not stated.get(next(iter(fulls))):
                target[a] = next(iter(fulls))

    def _document_acronyms(self, target: list[int]) -> dict[tuple[str, int], int]:
        """(doc_id, entry) → identity where a document states its own expansion of an acronym the corpus does not settle."""
        per_doc: dict[tuple[str, int], set[int]] = defaultdict(set)
        for doc_id, acronym, full in self.corpus._statements:
            a, f = self._org_index.get(acronym), self._org_index.get(full)
            if a is not None and f is not None and a != f:
                per_doc[(doc_id, a)].add(f)
        overrides = {}
        for (doc_id, a), fulls in per_doc.items():
            if len(fulls) != 1 or target[a] != a or doc_id not in self.corpus._docs:
                continue
            full = next(iter(fulls))
            for entry in self.groups[self.group_list[a]]:
                overrides[(doc_id, entry)] = target[full]
        return overrides

    def _table(self, row_identity: np.ndarray) -> list[dict]:
        """The ``corpus_entities`` rows, one per identity that has rows: most documents first, then most mentions."""
        if not len(row_identity):
            return []
        doc_names = list(self.corpus._docs)
        published = pd.array([self.corpus.published.get(d) for d in doc_names], dtype="string")
        frame = pd.DataFrame(
            {
                "identity": row_identity,
                "doc": self.row_doc,
                "entry": self.row_entry,
                "mentions": self.row_mentions,
                "forms": self.row_forms,
            }
        )
        frame["published"] = published[frame["doc"].to_numpy()]
        by_identity = frame.groupby("identity", sort=True)
        stats = pd.DataFrame(
            {
                "n_documents": by_identity["doc"].nunique(),
                "n_mentions": by_identity["mentions"].sum(),
                "first_published": by_identity["published"].min(),
                "last_published": by_identity["published"].max(),
            }
        )
        forms = list(self.corpus._forms)
        # How many documents write each surface form and each canonical name of an identity.
        form_docs: dict[int, Counter] = defaultdict(Counter)
        for (identity, form), n in (
            frame.drop_duplicates(["identity", "forms", "doc"]).groupby(["identity", "forms"]).size().items()
        ):
            if forms[form]:
                form_docs[identity][forms[form]] += int(n)
        names: dict[int, Counter] = defaultdict(Counter)
        for (identity, entry), n in (
            frame.drop_duplicates(["identity", "entry", "doc"]).groupby(["identity", "entry"]).size().items()
        ):
            names[identity][entry] += int(n)
        rows = []
        for identity, n_documents, n_mentions, first, last in stats.itertuples():
            label, key = self.group_list[identity]
            anchor = set(self.groups[(label, key)])  # the identity's own name (not the surnames or acronyms it took in)
            written = {e: n for e, n in names[identity].items() if e in anchor} or names[identity]
            best = self.entries[min(written, key=lambda e: _written_rank(self.entries[e].canonical, written[e]))]
            written_forms = sorted(form_docs[identity].items(), key=lambda item: (-item[1], item[0]))
            rows.append(
                {
                    "entity_id": entity_id(label, key),
                    "label": label,
                    "canonical": best.canonical,
                    "kb_id": best.kb_id,
                    "n_documents": int(n_documents),
                    "n_mentions": int(n_mentions),
                    "first_published": None if pd.isna(first) else str(first),
                    "last_published": None if pd.isna(last) else str(last),
                    "surface_forms": SURFACE_SEPARATOR.join(form for form, _ in written_forms),
                }
            )
        rows.sort(key=lambda r: (-r["n_documents"], -r["n_mentions"], r["label"], r["canonical"], r["entity_id"]))
        return rows


def _settle(target: list[int]) -> None:
    """Follows each group's target to the group that keeps its own identity ("Maduro" → "Nicolás Maduro" → a kb_id)."""
    for g in range(len(target)):
        seen = {g}
        t = target[g]
        while target[t] != t and target[t] not in seen:
            seen.add(t)
            t = target[t]
        target[g] = t


def _written_rank(text: str, documents: int) -> tuple:
    """Sort key of an identity's written names, best first: most documents, not in capitals, with accents, alphabetical."""
    accents = any(unicodedata.combining(c) for c in unicodedata.normalize("NFKD", text))
    return (-documents, text.isupper(), not accents, text)


def owner_keys(mentions: pd.DataFrame) -> set[tuple[str, int]]:
    """(doc_id, mention_id) of the mentions that some figure of ``mentions`` names as its owner (``owner_mention_id``)."""
    if mentions.empty or "owner_mention_id" not in mentions.columns:
        return set()
    owned = mentions[mentions["owner_mention_id"].notna()]
    return {(doc_id, int(owner)) for doc_id, owner in zip(owned["doc_id"], owned["owner_mention_id"], strict=True)}


def mention_entity_ids(mentions: pd.DataFrame, entity_ids: pd.Series, wanted: set[tuple[str, int]] | None = None) -> dict:
    """(doc_id, mention_id) → ``entity_id`` of the rows of ``mentions`` (only those in ``wanted``, if given)."""
    out = {}
    for doc_id, mention_id, found in zip(mentions["doc_id"], mentions["mention_id"], entity_ids, strict=True):
        key = (doc_id, int(mention_id))
        if (wanted is None or key in wanted) and not pd.isna(found):
            out[key] = found
    return out


def owner_entity_ids(mentions: pd.DataFrame, ids: dict) -> pd.Series:
    """The ``entity_id`` of each figure's owner mention (``owner_mention_id``, of the same document), from
    `mention_entity_ids`; empty where the figure has no owner or the owner has no identity (a dateline's agency)."""
    if mentions.empty or "owner_mention_id" not in mentions.columns:
        return pd.Series([None] * len(mentions), index=mentions.index, dtype="string")
    out = [
        None if pd.isna(owner) else ids.get((doc_id, int(owner)))
        for doc_id, owner in zip(mentions["doc_id"], mentions["owner_mention_id"], strict=True)
    ]
    return pd.Series(out, index=mentions.index, dtype="string")


def identify(
    documents: pd.DataFrame, mentions: pd.DataFrame, entities: pd.DataFrame
) -> tuple[pd.Series, pd.Series, pd.DataFrame]:
    """The corpus pass over tables in memory.

    Returns the ``entity_id`` of each mention, that of each entity row, and the
    ``corpus_entities`` rows (dicts). The figures' ``owner_entity_id`` follows from
    the first (`owner_entity_ids`).
    """
    corpus = CorpusPass()
    corpus.add_documents(documents[DOCUMENT_COLUMNS])
    corpus.add_mentions(mentions[MENTION_COLUMNS])
    identities = corpus.resolve()
    return identities.assign(mentions), identities.assign(entities, key_column="canonical"), identities.table
