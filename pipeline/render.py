"""One article as HTML: every mention highlighted by label, its value on hover.

Built on displaCy's entity renderer (``spacy.displacy.render(..., style="ent",
manual=True)``) with our own colours, one per label, and our own span template
that carries the value, unit, ISO code and canonical name in a ``title``
tooltip and in ``data-*`` attributes. The result is a `Rendered` string: plain
HTML with inline styles (no script, no stylesheet, nothing fetched), which
Jupyter shows inline through ``_repr_html_`` and any browser opens as it is
(`Rendered.page` wraps it as a full document).

``pipeline.render`` is this module's `render` function (the package exports
it under the module's name); reach the rest with ``from pipeline.render import …``.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import tempfile
from pathlib import Path

import pandas as pd
from spacy import displacy
from spacy.tokens import Doc

import pipeline.nlp.extensions  # noqa: F401  (declares Span._.value, … read from a Doc)
from pipeline.documents import RawDocument

# The labels of the contract, in the order the legend lists them.
LABELS = ("PERSON", "COUNTRY", "LOC", "ORG", "NORP", "MISC", "DATE", "PERCENT", "MONEY", "QUANTITY", "CARDINAL")
# One light colour per label, for dark text on top: ColorBrewer's qualitative
# "Set3" palette (Cynthia Brewer, colorbrewer2.org), which is made for this.
LABEL_COLORS = {
    "PERSON": "#bebada",
    "COUNTRY": "#fdb462",
    "LOC": "#fb8072",
    "ORG": "#80b1d3",
    "NORP": "#fccde5",
    "MISC": "#d9d9d9",
    "DATE": "#b3de69",
    "PERCENT": "#ffed6f",
    "MONEY": "#8dd3c7",
    "QUANTITY": "#ccebc5",
    "CARDINAL": "#ffffb3",
}
OTHER_COLOR = "#eeeeee"
LABEL_HELP = {
    "PERSON": "people",
    "COUNTRY": "sovereign states (ISO 3166-1 code)",
    "LOC": "other places",
    "ORG": "organisations",
    "NORP": "nationalities and demonyms",
    "MISC": "other names",
    "DATE": "dates and periods (ISO value)",
    "PERCENT": "percentages",
    "MONEY": "amounts of money (ISO 4217 currency)",
    "QUANTITY": "measured or counted amounts",
    "CARDINAL": "other numbers",
}

# displaCy fills {label}, {text} (escaped), {bg}, and our params (escaped here).
MARK_TEMPLATE = (
    '<mark class="entity" data-label="{label}" data-start="{start}" data-end="{end}"{data} title="{tip}"'
    ' style="background: {bg}; padding: 0.15em 0.35em; margin: 0 0.1em; line-height: 1;'
    ' border-radius: 0.35em; cursor: help;">{text}'
    '<span style="font-size: 0.65em; font-weight: bold; vertical-align: middle; margin-left: 0.35em;'
    ' font-family: sans-serif;">{label}</span></mark>'
)
FIELDS = ("value", "value_num", "unit", "kb_id", "canonical")
# A str holding these is an HTML page or fragment, read like an .html file (trafilatura keeps the article).
HTML_BODY = re.compile(r"<(?:body|article|main|p|div)\b[^>]*>", re.I)
STYLE = "font-family: Georgia, 'Times New Roman', serif; font-size: 16px; max-width: 46em; color: #222;"


class RenderError(ValueError):
    """The thing given to `render` cannot be rendered (named, with what was expected)."""


class Rendered(str):
    """HTML of a rendered article: a ``str`` that Jupyter displays as HTML.

    The string itself is an HTML fragment (one ``<div>``) to embed anywhere;
    `page` gives a complete document and `save` writes one. In a console its
    ``repr`` is one line (the mentions by label), not the markup.
    """

    counts: dict[str, int] | None = None

    def _repr_html_(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        counts = self.counts or {}
        total = sum(counts.values())
        labels = ", ".join(f"{label} {n}" for label, n in counts.items())
        return (
            f"<Rendered article: {total} mention{'s' if total != 1 else ''}{f' ({labels})' if labels else ''}; "
            f"{len(self):,} characters of HTML, shown as HTML in Jupyter; .page(), .save(path)>"
        )

    def page(self, title: str = "Entities") -> str:
        """A complete, standalone HTML document holding this fragment."""
        return (
            '<!DOCTYPE html>\n<html lang="es">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(title)}</title>\n</head>\n"
            f'<body style="margin: 2rem; background: #fff;">\n{self}\n</body>\n</html>\n'
        )

    def save(self, path: str | os.PathLike, title: str = "Entities") -> Path:
        """Writes `page` to ``path`` (UTF-8, atomically) and returns the path."""
        return write_html(self.page(title), path)


def render(
    article: str | os.PathLike | Doc | RawDocument,
    reference_date: str | dt.date | None = None,
    *,
    nlp=None,
    title: str | None = None,
    as_given: bool = False,
) -> Rendered:
    """HTML of an article with every mention highlighted by label.

    What is shown is the article as the pipeline reads it: the cleaned text
    (markdown marks, page furniture, scripts, captions and teasers gone), the
    text the mentions' ``start``/``end`` index.

    Args:
        article: A file's path (a text, markdown or HTML file; a table
            file's first row), an HTML page or an article's text as a str,
            a `RawDocument` (`pipeline.ingest.read`), or a spaCy ``Doc``
            already processed by `pipeline.load()` (shown as it is).
        reference_date: Date the relative dates resolve against
            (YYYY-MM-DD); not for a Doc, which already carries its values.
        nlp: A pipeline from `pipeline.load()`; the default one if None.
        title: A heading shown above the article.
        as_given: Show a text exactly as given instead (every character,
            markdown marks too; the marks at ``raw_start``/``raw_end``).

    Returns:
        A `Rendered` HTML fragment (a str) with a legend of the labels present.

    Raises:
        RenderError: ``article`` is none of these, a file cannot be read,
            or a reference date was given with a Doc.
    """
    if isinstance(article, Doc):
        if reference_date is not None:
            raise RenderError("reference_date applies to a text; for a Doc set doc._.reference_date before nlp(doc)")
        return render_mentions(article.text, doc_mentions(article), title=title)
    raw = as_raw(article)
    if not raw.text.strip():
        return render_mentions(raw.text, [], title=title)
    from pipeline.run import check_reference_date, default_nlp, prepare, process

    given = check_reference_date(reference_date)
    rows = []
    for _, mention_list, _ in process([raw], nlp or default_nlp(), reference_date=given, languages=None):
        rows.extend(mention_list)
    if as_given:
        return render_mentions(raw.text, text_mentions(rows, raw=True), title=title)
    return render_mentions(prepare(raw, settle=False).text, text_mentions(rows, raw=False), title=title)


def as_raw(article: object) -> RawDocument:
    """What `render` was given, as the document it reads (`RenderError` if it is not one)."""
    from pipeline.ingest.html import extract_html
    from pipeline.ingest.read import read_inputs, sniff_format

    if isinstance(article, RawDocument):
        raw = article
    elif isinstance(article, os.PathLike) or (isinstance(article, str) and _is_file(article)):
        raw = next(iter(read_inputs([article])), None)
        if raw is None:
            raise RenderError(f"nothing to render in {os.fspath(article)}")
    elif isinstance(article, str):
        if sniff_format(article[:4096].encode("utf-8", "surrogatepass")) == "html" or HTML_BODY.search(article[:4096]):
            text, metadata = extract_html(article)
            raw = RawDocument("html", "<html>", text=text, encoding="utf-8", fmt="html", metadata=metadata)
        else:
            raw = RawDocument("text", "<text>", text=article, encoding="utf-8", fmt="txt")
    else:
        raise RenderError(
            "render expects an article: a path, an HTML page or a text (str), a RawDocument or a spaCy Doc, "
            f"got {type(article).__name__}"
        )
    if raw.status != "ok":
        raise RenderError(f"cannot render {raw.source}: {raw.error}")
    return raw


def _is_file(text: str) -> bool:
    try:
        return len(text) < 4096 and "\n" not in text and os.path.isfile(text)
    except (OSError, ValueError):
        return False


def doc_mentions(doc: Doc) -> list[dict]:
    """The mentions of a processed Doc as plain dicts (offsets in ``doc.text``)."""
    rows = []
    for ent in doc.ents:
        row = {"start": ent.start_char, "end": ent.end_char, "text": ent.text, "label": ent.label_, "kb_id": ent.kb_id_ or None}
        for name in ("value", "value_num", "unit", "canonical"):
            row[name] = getattr(ent._, name)
        rows.append(row)
    return rows


def text_mentions(mentions: pd.DataFrame | list[dict], *, raw: bool = True) -> list[dict]:
    """Rows of a ``mentions`` table as plain dicts, placed by their offsets in the text as given
    (``raw_start``/``raw_end``) or, with ``raw`` False, in the clean text (``start``/``end``)."""
    records = mentions.to_dict("records") if isinstance(mentions, pd.DataFrame) else mentions
    rows = []
    for row in records:
        clean = {key: (None if _missing(value) else value) for key, value in row.items()}
        if raw:
            clean["start"], clean["end"] = int(row["raw_start"]), int(row["raw_end"])
        rows.append(clean)
    return rows


def render_mentions(text: str, mentions: list[dict], *, title: str | None = None) -> Rendered:
    """HTML of ``text`` with ``mentions`` (dicts with start, end, label and the value fields) highlighted."""
    ents = []
    for m in sorted(mentions, key=lambda m: (m["start"], m["end"])):
        label = str(m["label"])
        data = "".join(
            f' data-{name.replace("_", "-")}="{html.escape(str(m[name]), quote=True)}"'
            for name in FIELDS
            if not _missing(m.get(name))
        )
        ents.append(
            {
                "start": m["start"],
                "end": m["end"],
                "label": label,
                "params": {
                    "label": html.escape(label, quote=True),
                    "start": m["start"],
                    "end": m["end"],
                    "data": data,
                    "tip": html.escape(tooltip(m), quote=True),
                },
            }
        )
    colors = {label: LABEL_COLORS.get(label, OTHER_COLOR) for label in {e["label"] for e in ents} | set(LABELS)}
    body = displacy.render(
        {"text": text, "ents": ents, "title": None},
        style="ent",
        manual=True,
        jupyter=False,
        options={"colors": colors, "template": MARK_TEMPLATE},
    )
    heading = f'<h2 style="font-family: sans-serif;">{html.escape(title)}</h2>\n' if title else ""
    present = [label for label in LABELS if any(e["label"] == label for e in ents)]
    present += sorted({e["label"] for e in ents} - set(LABELS))
    # tex2jax_ignore keeps Jupyter's MathJax away from "$" in amounts.
    markup = f'<div class="pipeline-render tex2jax_ignore" style="{STYLE}">\n{heading}{legend(present)}\n{body}\n</div>'
    rendered = Rendered(markup)
    rendered.counts = {label: sum(e["label"] == label for e in ents) for label in present}
    return rendered


def legend(labels: list[str]) -> str:
    """A row of coloured chips naming ``labels`` (or a note that there are none)."""
    if not labels:
        return '<p class="legend" style="font-family: sans-serif; color: #666;">No mentions found.</p>'
    chips = "".join(
        f'<span class="legend-item" data-label="{html.escape(label, quote=True)}"'
        f' title="{html.escape(label + ": " + LABEL_HELP.get(label, "other label"), quote=True)}"'
        f' style="background: {LABEL_COLORS.get(label, OTHER_COLOR)}; padding: 0.15em 0.5em; margin: 0 0.3em 0.3em 0;'
        f' border-radius: 0.35em; display: inline-block;">{html.escape(label)}</span>'
        for label in labels
    )
    return f'<div class="legend" style="font-family: sans-serif; font-size: 0.8em; margin-bottom: 0.8em;">{chips}</div>'


def tooltip(mention: dict) -> str:
    """The hover text of a mention: its label, then one line per value it carries."""
    lines = [str(mention["label"])]
    names = {"canonical": "name", "kb_id": "code", "value": "value", "unit": "unit"}
    for field in ("canonical", "kb_id", "value", "unit"):
        value = mention.get(field)
        if field == "value" and not _missing(mention.get("value_num")):
            value = mention["value_num"]
            field = "value_num"
        if not _missing(value):
            lines.append(f"{names.get(field, 'value')}: {_show(field, value)}")
    return "\n".join(lines)


def write_html(markup: str, path: str | os.PathLike) -> Path:
    """Writes ``markup`` to ``path`` in UTF-8 via a temporary file and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(markup)
        umask = os.umask(0o022)
        os.umask(umask)
        os.chmod(tmp_name, 0o666 & ~umask)  # readable like any file the user writes, not mkstemp's 0600
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return path


def format_number(value: float) -> str:
    """A float as a reader writes it: 12.0 → "12", 1.5e9 → "1,500,000,000", 2.75 → "2.75"."""
    return format(float(value), ",.15g")


def _show(field: str, value: object) -> str:
    if field == "value_num":
        return format_number(value)
    return str(value)


def _missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
