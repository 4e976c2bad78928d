"""pipeline.report: the HTML report of a run, from the seed, from MEANTIME, from empty runs."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.report import (
    ReportError,
    build_report,
    date_chart,
    date_point,
    empty_tables,
    load_run,
    timeline,
    write_report,
)
from pipeline.write import Tables, current_tables, to_frame
from tests.conftest import shared_data


class Sections(HTMLParser):
    """A report read back: per section id, its visible text, its table rows and its number of charts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: dict[str, str] = {}
        self.rows: dict[str, list[list[list[str]]]] = {}  # section → tables → rows → cells
        self.charts: dict[str, int] = {}
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str]] = []
        self._section = "head"
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.add(tag)
        self.attributes += [(k, v) for k, v in attrs.items() if k in ("src", "href")]
        if tag == "section":
            self._section = attrs["id"]
        elif tag == "table":
            self.rows.setdefault(self._section, []).append([])
        elif tag == "tr":
            self.rows[self._section][-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "svg":
            self.charts[self._section] = self.charts.get(self._section, 0) + 1

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[self._section][-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        self.text[self._section] = self.text.get(self._section, "") + data
        if self._cell is not None:
            self._cell.append(data)


def read(markup: str) -> Sections:
    parser = Sections()
    parser.feed(markup)
    parser.close()
    return parser


def table(report: Sections, section: str) -> pd.DataFrame:
    """The first table of a section."""
    return _tables(report, section)[0]


def _tables(report: Sections, section: str) -> list[pd.DataFrame]:
    """Every table of a section."""
    return [pd.DataFrame(rows, columns=header) for header, *rows in report.rows[section]]


@pytest.fixture(scope="module")
def seed_report(seed_tables, tmp_path_factory):
    out = tmp_path_factory.mktemp("seed-run")
    seed_tables.write(out, formats=("csv", "parquet"))
    path = write_report(out)
    return read(path.read_text(encoding="utf-8")), path


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        ("people", "Nicolás Maduro"),
        ("people", "Vladímir Putin"),
        ("countries", "Venezuela (VE)"),
        ("countries", "Rusia (RU)"),
        ("timeline-of-dates", "2021-11-21"),
        ("timeline-of-dates", "2022-01-20"),
        ("timeline-of-dates", "3 date mentions placed, one bar per month."),
        ("mentions-by-label", "PERCENT"),
        ("organisations", "Gobierno de Rusia"),
        ("largest-money-figures", "No money figures with a value found."),
        ("figures", "intercambio comercial"),
        ("documents-that-failed", "None: every document was read and processed."),
        ("documents", "Presidente de Venezuela destaca fortaleza de relaciones entre su país y Rusia"),
        ("head", "1 document (1 ok, 0 failed, 0 skipped); "),
    ],
)
def test_report_of_the_seed_shows(seed_report, section, expected):
    assert expected in seed_report[0].text[section]


def test_report_head_counts_the_seed_tables(seed_report, seed_tables):
    n_mentions, n_entities = len(seed_tables.mentions), len(seed_tables.entities)
    assert f"; {n_mentions} mentions; {n_entities} entities (distinct within each document)" in seed_report[0].text["head"]


@pytest.mark.parametrize(
    ("section", "absent"),
    [
        ("people", "Caracas"),
        ("people", "Venezuela"),
        ("countries", "Caracas"),
        ("countries", "Maduro"),
        ("timeline-of-dates", "XXXX"),
    ],
)
def test_report_of_the_seed_keeps_labels_apart(seed_report, section, absent):
    assert absent not in seed_report[0].text[section]


def test_report_counts_mentions_by_label(seed_report, seed_tables):
    counts = table(seed_report[0], "mentions-by-label").set_index("label")["mentions"].astype(int).to_dict()
    assert counts == seed_tables.mentions.label.value_counts().to_dict()


def test_report_counts_people_over_documents(seed_report):
    people = table(seed_report[0], "people").set_index("name")
    assert people.loc["Nicolás Maduro", "mentions"] == "3"
    assert set(people.loc["Nicolás Maduro", "surface forms"].split(" | ")) == {"Nicolás Maduro", "Maduro"}


@pytest.mark.parametrize(
    ("section", "charts"),
    [
        ("mentions-by-label", 1),
        ("people", 1),
        ("countries", 3),  # the world map (pygal nests its map's svg in its chart's) and the bar chart
        ("timeline-of-dates", 1),
        ("organisations", 1),
    ],
)
def test_report_of_the_seed_draws_charts(seed_report, section, charts):
    assert seed_report[0].charts.get(section, 0) == charts


def test_report_is_self_contained(seed_report):
    report, path = seed_report
    assert not {"script", "link", "img", "iframe", "object"} & report.tags
    assert all(value.startswith("#") for _, value in report.attributes)
    markup = path.read_text(encoding="utf-8")
    assert "@import" not in markup and re.findall(r"url\((?!#)", markup) == []
    assert path.stat().st_size < 400_000  # the world map's outlines are most of it


@pytest.mark.parametrize("formats", [("parquet",), ("csv",), ("jsonl",), ("csv", "parquet")], ids="+".join)
def test_report_reads_parquet_csv_or_jsonl(seed_tables, tmp_path, formats):
    seed_tables.write(tmp_path, formats=formats)
    tables = load_run(tmp_path)
    for name, frame in seed_tables:
        pd.testing.assert_frame_equal(getattr(tables, name), frame, check_dtype=False)


def test_report_reads_the_run_last_committed_not_files_of_an_earlier_one(seed_tables, tmp_path):
    seed_tables.write(tmp_path, formats=("parquet",))
    empty_tables().write(tmp_path, formats=("csv",))  # the seed's Parquet files must not be read beside it
    tables = load_run(tmp_path)
    assert tables.documents.empty and tables.mentions.empty and tables.entities.empty


def test_report_reads_a_partitioned_parquet_dataset(seed_tables, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pipeline.schema import TABLES

    for name, frame in seed_tables:
        (tmp_path / name).mkdir()
        arrow = pa.Table.from_pandas(frame, schema=TABLES[name], preserve_index=False)
        half = len(frame) // 2
        pq.write_table(arrow.slice(0, half), tmp_path / name / "part-0.parquet")
        pq.write_table(arrow.slice(half), tmp_path / name / "part-1.parquet")
    tables = load_run(tmp_path)
    for name, frame in seed_tables:
        pd.testing.assert_frame_equal(getattr(tables, name), frame, check_dtype=False)


def test_report_of_zero_documents(tmp_path):
    empty_tables().write(tmp_path, formats=("parquet",))
    report = read(write_report(tmp_path).read_text(encoding="utf-8"))
    assert "This run has no documents" in report.text["head"]
    assert report.charts == {}
    for section in ("people", "countries", "organisations", "timeline-of-dates", "largest-money-figures"):
        assert section in report.text


def test_report_of_a_run_where_every_document_failed(tmp_path, nlp):
    import pipeline

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "scan.pdf").write_bytes(b"%PDF-1.4")
    pipeline.extract([corpus], nlp=nlp).write(tmp_path / "out")
    report = read(write_report(tmp_path / "out").read_text(encoding="utf-8"))
    reasons, failed = _tables(report, "documents-that-failed")
    assert sorted(zip(reasons.status, reasons.documents, strict=True)) == [("error", "1"), ("skipped", "1")]
    assert sorted(failed.status) == ["error", "skipped"]
    assert sorted(failed.error.str.split(";").str[0]) == ["empty file (0 bytes)", "unsupported file type '.pdf'"]
    assert "No mentions in this run." in report.text["mentions-by-label"]
    assert report.charts == {}


def test_report_of_documents_without_mentions(tmp_path, nlp):
    import pipeline

    (tmp_path / "a.txt").write_text("y de la que.", encoding="utf-8")
    pipeline.extract([tmp_path / "a.txt"], nlp=nlp).write(tmp_path / "out")
    report = read(write_report(tmp_path / "out").read_text(encoding="utf-8"))
    assert "1 document (1 ok, 0 failed, 0 skipped); 0 mentions" in report.text["head"]
    assert "No dates found." in report.text["timeline-of-dates"]


def _mention(doc_id, i, text, label, context, **values):
    row = {
        "doc_id": doc_id,
        "mention_id": i,
        "section": "body",
        "sentence": 0,
        "start": 0,
        "end": len(text),
        "raw_start": 0,
        "raw_end": len(text),
        "text": text,
        "label": label,
        "source": "rule",
        "context": context,
    }
    return {**row, **values}


CONTRACT = "Lockheed Martin y Thales se impusieron a Raytheon en un concurso de 40.000 millones de dólares."
SHARES = "Apple pagó 1.500 millones de euros por las acciones, y 300 millones más en bonos."


@pytest.fixture()
def money_tables():
    documents = to_frame(
        "documents",
        [
            {"doc_id": "a", "source": "a.txt", "title": "Airbus gana el contrato", "status": "ok", "n_words": 20},
            {"doc_id": "b", "source": "b.txt", "title": None, "status": "ok", "n_words": 15},
        ],
    )
    mentions = to_frame(
        "mentions",
        [
            _mention(
                "a",
                0,
                "40.000 millones de dólares",
                "MONEY",
                CONTRACT,
                value="40000000000",
                value_num=4e10,
                unit="USD",
                measure="contrato",
                measure_head="contrato",
            ),
            _mention("b", 0, "1.500 millones de euros", "MONEY", SHARES, value="1500000000", value_num=1.5e9, unit="EUR"),
            _mention("b", 1, "300 millones", "MONEY", SHARES, value="300000000", value_num=3e8, unit=None),
            _mention("b", 2, "unos cuantos dólares", "MONEY", SHARES),
        ],
    )
    return Tables(documents, mentions, to_frame("entities", []))


def test_report_lists_the_largest_money_figures_with_their_sources(money_tables):
    money = table(read(build_report(money_tables)), "largest-money-figures")
    assert list(money["as written"]) == ["40.000 millones de dólares", "1.500 millones de euros", "300 millones"]
    assert list(money.amount) == ["40,000,000,000", "1,500,000,000", "300,000,000"]
    assert list(money.currency) == ["USD", "EUR", "?"]
    assert list(money.document) == ["Airbus gana el contrato", "b.txt", "b.txt"]
    assert list(money.sentence) == [CONTRACT, SHARES, SHARES]
    assert list(money.measure) == ["contrato", "", ""]
    assert list(money.direction) == ["", "", ""]


def test_report_shows_what_the_figures_measure():
    sentence = "Las exportaciones de Chile crecieron un 5 % y las importaciones cayeron un 2 %."
    documents = to_frame("documents", [{"doc_id": "a", "source": "a.txt", "title": "Comercio", "status": "ok"}])
    mentions = to_frame(
        "mentions",
        [
            _mention("a", 0, "5 %", "PERCENT", sentence, measure="exportaciones", measure_head="exportación", direction="up"),
            _mention("a", 1, "2 %", "PERCENT", sentence, measure="importaciones", measure_head="importación", direction="down"),
            _mention("a", 2, "tres", "CARDINAL", sentence),
        ],
    )
    report = read(build_report(Tables(documents, mentions, to_frame("entities", []))))
    assert "2 of 3 figures (67%) name what they measure" in report.text["figures"]
    by_head, listing = _tables(report, "figures")
    assert list(by_head.measure) == ["exportación", "importación"]
    assert list(by_head.up) == ["1", "0"] and list(by_head.down) == ["0", "1"]
    assert list(listing.figure) == ["5 %", "2 %"]
    assert list(listing.measure) == ["exportaciones", "importaciones"]
    assert list(listing.direction) == ["up", "down"]
    assert list(listing.sentence) == [sentence, sentence]


@pytest.mark.parametrize(
    "name",
    ["<script>alert(1)</script>", "$x^2$ Holdings", "AT&T", 'Société "Générale"'],
    ids=["script", "mathtext", "ampersand", "quotes"],
)
def test_report_shows_odd_names_as_text(name):
    entities = to_frame(
        "entities",
        [
            {
                "doc_id": "a",
                "label": "ORG",
                "canonical": name,
                "kb_id": None,
                "n_mentions": 2,
                "first_start": 0,
                "surface_forms": name,
            },
        ],
    )
    mentions = to_frame("mentions", [_mention("a", 0, name, "ORG", name)])
    documents = to_frame("documents", [{"doc_id": "a", "source": "a.txt", "status": "ok", "n_words": 3}])
    report = read(build_report(Tables(documents, mentions, entities)))
    assert "script" not in report.tags
    assert table(report, "organisations").name.tolist() == [name]
    lines = [line.strip() for line in report.text["organisations"].split("\n")]
    assert lines.count(name) == 3  # the chart's tick label (plain SVG text), the name and the surface form


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-11-21", (dt.date(2021, 11, 21), "day")),
        ("2021-11", (dt.date(2021, 11, 1), "month")),
        ("2021", (dt.date(2021, 1, 1), "year")),
        ("2023-Q4", (dt.date(2023, 10, 1), "quarter")),
        ("2026-W01", (dt.date(2025, 12, 29), "week")),
        ("2025-11-10/2025-11-21", (dt.date(2025, 11, 10), "day")),
        ("2021-11-21T10:30", (dt.date(2021, 11, 21), "day")),
        ("XXXX-01-20", None),
        ("XXXX", None),
        ("2021-13", None),
        ("2021-02-30", None),
        ("2021-W54", None),
        ("20211121", None),
        ("PRESENT_REF", None),
        ("", None),
        (None, None),
    ],
)
def test_date_point_reads_resolved_values_only(value, expected):
    assert date_point(value) == expected


@pytest.mark.parametrize(
    ("values", "bin_name", "bins", "unresolved", "coarse"),
    [
        (["2021-11-21", "2022-01-20", "2022-01-20"], "month", {dt.date(2021, 11, 1): 1, dt.date(2022, 1, 1): 2}, 0, {}),
        (["2021-11-21", "2021", "2021-Q4", "XXXX-01-20"], "month", {dt.date(2021, 11, 1): 1}, 1, {"2021": 1, "2021-Q4": 1}),
        (["1998-05-02", "2008-03-01", "2008"], "year", {dt.date(1998, 1, 1): 1, dt.date(2008, 1, 1): 2}, 0, {}),
        (["2008", "2009"], "year", {dt.date(2008, 1, 1): 1, dt.date(2009, 1, 1): 1}, 0, {}),
        (["XXXX-01-20", "XXXX-W03"], "year", {}, 2, {}),
    ],
    ids=["months", "months-with-coarse", "long-span-years", "years-only", "all-unresolved"],
)
def test_timeline_bins_dates_by_month_or_year(values, bin_name, bins, unresolved, coarse):
    mentions = to_frame(
        "mentions",
        [_mention("a", i, v, "DATE", "", value=v) for i, v in enumerate(values)]
        + [_mention("a", 99, "2020", "CARDINAL", "", value="2020")],
    )
    counts, got_bin, got_unresolved, got_coarse = timeline(mentions)
    assert (got_bin, counts.to_dict(), got_unresolved, got_coarse.to_dict()) == (bin_name, bins, unresolved, coarse)


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "output folder not found"),
        ("no-tables", "no documents table in"),
        ("no-entities", "no entities table in"),
        ("corrupt", "cannot read"),
    ],
)
def test_report_errors_name_the_problem(seed_tables, tmp_path, setup, message):
    out = tmp_path / "out"
    if setup != "missing":
        out.mkdir()
    if setup in ("no-entities", "corrupt"):
        seed_tables.write(out, formats=("parquet",))
    if setup == "no-entities":
        (current_tables(out) / "entities.parquet").unlink()
    if setup == "corrupt":
        (current_tables(out) / "mentions.parquet").write_bytes(b"not parquet")
    with pytest.raises(ReportError, match=message):
        write_report(out)


def test_cli_report_writes_the_file_named(seed_tables, tmp_path, capsys):
    seed_tables.write(tmp_path / "out", formats=("csv",))
    target = tmp_path / "html" / "seed.html"
    assert main(["report", str(tmp_path / "out"), "--html", str(target)]) == 0
    assert "Nicolás Maduro" in target.read_text(encoding="utf-8")
    assert capsys.readouterr().out.strip() == f"report → {target}"


def test_cli_report_of_a_missing_folder_is_one_line(tmp_path, capsys):
    assert main(["report", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: output folder not found") and "\n" not in err


def test_report_of_meantime_airbus_articles(tmp_path, nlp):
    """Real news: 8 MEANTIME articles on the Airbus-Boeing tanker contract."""
    import pipeline

    articles = [json.loads(line) for line in shared_data("meantime-es", "articles.jsonl").open(encoding="utf-8")]
    sample = [a for a in articles if a["topic"] == "corpus_airbus"][:8]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for a in sample:
        (corpus / f"{a['dct']}_{a['id']}.md").write_text(f"# {a['title']}\n\n{a['text']}\n", encoding="utf-8")
    pipeline.extract([corpus], nlp=nlp).write(tmp_path / "out")
    report = read(write_report(tmp_path / "out").read_text(encoding="utf-8"))
    organisations = set(table(report, "organisations").name)
    assert {"Airbus", "Boeing"} <= organisations
    assert "Estados Unidos (US)" in report.text["countries"]
    assert re.search(r"\d+ date mentions placed", report.text["timeline-of-dates"])
    assert len(table(report, "documents")) == len(sample)


@pytest.mark.parametrize(
    ("counts", "bin_name", "labels"),
    [
        ({dt.date(2022, 1, 1): 2}, "month", ["2022-01"]),
        ({dt.date(2021, 11, 1): 1, dt.date(2022, 1, 1): 2}, "month", ["2021-11", "2021-12", "2022-01"]),
        ({dt.date(1998, 1, 1): 1, dt.date(2001, 1, 1): 2}, "year", ["1998", "1999", "2000", "2001"]),
        ({dt.date(1955, 1, 1): 1, dt.date(2013, 1, 1): 2}, "year", [str(y) for y in range(1955, 2014, 5)]),
    ],
    ids=["one-month", "gap-month-drawn", "gap-years-drawn", "long-span-thinned"],
)
def test_date_chart_draws_every_bin_and_labels_some(counts, bin_name, labels):
    svg = date_chart(pd.Series(counts), bin_name)
    ticks = [t for t in re.findall(r">([^<>]+)</text>", svg) if not t.strip().isdigit() or len(t.strip()) == 4]
    assert [t.strip() for t in ticks if t.strip() != "mentions"] == labels


WIRE = {
    "a.txt": "Madrid anuncia ayudas\n\nMADRID, 3 mar 2021 (EFE).- El Gobierno de España aprobó un plan de 1.500 millones de "
    "euros para la vivienda, informó EFE.\n\nEl plan, de 200 millones de dólares, fue presentado por Pedro Sánchez.\n",
    "b.txt": "LA HABANA, 20 ene 2022 (Prensa Latina) Cuba y Venezuela firmaron acuerdos por 30 millones de dólares.\n\n"
    "Según Prensa Latina, el canciller Bruno Rodríguez viajó a Caracas y a Rusia.\n",
}


@pytest.fixture(scope="module")
def wire_report(tmp_path_factory, nlp):
    import pipeline

    root = tmp_path_factory.mktemp("wire-report")
    corpus = root / "noticias"
    corpus.mkdir()
    for name, text in WIRE.items():
        (corpus / name).write_text(text, encoding="utf-8")
    tables = pipeline.extract([corpus], nlp=nlp)
    tables.write(root / "out", formats=("csv",))
    path = write_report(root / "out")
    parser = Sections()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser, path, tables


def test_report_is_titled_by_the_corpus_folder(wire_report):
    _, path, _ = wire_report
    assert "<title>Entities in noticias</title>" in path.read_text(encoding="utf-8")


def test_report_leaves_a_dispatch_agency_out_of_the_organisations(wire_report):
    parser, _, tables = wire_report
    assert {"EFE", "Prensa Latina"} <= set(tables.entities[tables.entities.label == "ORG"].canonical)  # in the tables
    assert {"EFE", "Prensa Latina"} <= set(tables.corpus_entities[tables.corpus_entities.label == "ORG"].canonical)
    names = [row[0] for row in parser.rows["organisations"][0][1:]]
    assert "Gobierno de España" in names and not {"EFE", "Prensa Latina"} & set(names)


def test_corpus_entities_lose_only_what_own_dispatches_count():
    from pipeline.report import corpus_without_agencies

    documents = pd.DataFrame({"doc_id": ["a", "b"], "agency": ["EFE", "AFP"]})
    entities = pd.DataFrame(
        {
            "doc_id": ["a", "b", "b"],
            "entity_id": ["efe", "efe", "onu"],
            "label": ["ORG", "ORG", "ORG"],
            "canonical": ["EFE", "EFE", "ONU"],
            "n_mentions": [2, 1, 3],
        }
    )
    corpus = pd.DataFrame(
        {"entity_id": ["efe", "onu"], "label": "ORG", "canonical": ["EFE", "ONU"], "n_documents": [2, 1], "n_mentions": [3, 3]}
    )
    left = corpus_without_agencies(corpus, entities, documents)
    assert left.set_index("canonical")[["n_documents", "n_mentions"]].to_dict("index") == {
        "EFE": {"n_documents": 1, "n_mentions": 1},  # EFE named in AFP's dispatch stays
        "ONU": {"n_documents": 1, "n_mentions": 3},
    }
    assert corpus_without_agencies(corpus, entities[:1], documents[:1]).canonical.tolist() == ["EFE", "ONU"]


def test_report_money_sentences_are_one_line_of_the_mention(wire_report):
    parser, path, _ = wire_report
    assert "\\n" not in path.read_text(encoding="utf-8")
    header, *body = parser.rows["largest-money-figures"][0]
    rows = {row[header.index("as written")]: row[header.index("sentence")] for row in body}
    assert rows["1.500 millones de euros"].startswith("El Gobierno de España aprobó")
    assert rows["30 millones de dólares"].startswith("Cuba y Venezuela firmaron")


def test_report_world_map_shades_the_countries_mentioned(wire_report):
    _, path, _ = wire_report
    markup = path.read_text(encoding="utf-8")
    section = markup[markup.index('<section id="countries"') :]
    section = section[: section.index("</section>")]
    assert '<figure class="chart map">' in section
    shaded = set(re.findall(r'<g class="([a-z]{2}) country[^"]*series"', section))
    assert shaded == {"cu", "ve", "ru"}
    assert "<title>Venezuela (VE): 1 mention</title>" in section
    assert "<script" not in markup and "pygal.org" not in markup


def test_entities_carry_the_value_and_unit_of_figures(wire_report):
    _, _, tables = wire_report
    money = tables.entities[tables.entities.label == "MONEY"].set_index("surface_forms")
    assert money.loc["1.500 millones de euros", ["value", "unit"]].tolist() == ["1500000000", "EUR"]
    assert money.loc["30 millones de dólares", "unit"] == "USD"
    dates = tables.entities[tables.entities.label == "DATE"]
    assert dates.value.notna().all() and dates.unit.isna().all()


def test_rounded_path_keeps_points_within_half_a_unit():
    from pipeline.report import rounded_path

    assert rounded_path("m 10.2,10.2 0.1,0.1 0.1,0.1 5,5 z") == "m 10,10 l 5,5 z"
    # a hundred steps of 0.4: rounding each step would go nowhere, rounding positions ends at 40
    steps = rounded_path("m 0,0 " + " ".join(["0.4,0"] * 100)).split()
    assert steps[:3] == ["m", "0,0", "l"]
    assert sum(int(p.split(",")[0]) for p in steps[3:]) == 40
