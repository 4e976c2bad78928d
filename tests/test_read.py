"""Readers: encodings, file kinds, table rows, standard input, folders — each input a row with its reason."""

from __future__ import annotations

import codecs
import io
import json
import os

import pandas as pd
import pytest

from pipeline.ingest import read as read_module
from pipeline.ingest.read import DecodeError, InputError, decode, read_inputs, read_stdin, sniff_format
from pipeline.ingest.tables import normalise_date, resolve_columns

SPANISH = "El presidente de México, Andrés Manuel López Obrador, habló en Ñuñoa con la ministra “de Economía”; subió un 3 %."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param(SPANISH.encode("utf-8"), "utf-8", id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + SPANISH.encode("utf-8"), "utf-8-sig", id="utf-8-bom"),
        pytest.param(SPANISH.encode("utf-16"), "utf-16", id="utf-16-bom"),
        pytest.param(codecs.BOM_UTF16_BE + SPANISH.encode("utf-16-be"), "utf-16", id="utf-16-be-bom"),
        pytest.param(SPANISH.encode("utf-16-le"), "utf-16-le", id="utf-16-le-no-bom"),
        pytest.param(SPANISH.encode("utf-16-be"), "utf-16-be", id="utf-16-be-no-bom"),
        pytest.param(SPANISH.encode("utf-32"), "utf-32", id="utf-32-bom"),
        pytest.param(SPANISH.encode("cp1252"), "cp1252", id="cp1252"),
        pytest.param("El niño de Ñuñoa".encode("latin-1"), "cp1252", id="latin-1-short"),
    ],
)
def test_decode_gives_the_text_in_every_encoding(data, encoding):
    text, found = decode(data)
    assert text == SPANISH or text == "El niño de Ñuñoa"
    assert found == encoding


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(200), "binary file (PNG image), not text", id="png"),
        pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary file (PDF), not text", id="pdf"),
        pytest.param(b"PK\x03\x04" + bytes(50), "binary file (ZIP archive (or DOCX/XLSX)), not text", id="zip"),
        pytest.param(bytes(range(256)) * 8, "cannot decode the file as text", id="all-bytes"),
        pytest.param(b"\x00\x01\x02\x03binary\x00\x00\x07\x08" * 20, "binary file, not text", id="control-bytes"),
    ],
)
def test_decode_refuses_binary_with_a_reason(data, reason):
    with pytest.raises(DecodeError) as exc:
        decode(data)
    assert str(exc.value).startswith(reason)


def _docs(tmp_path, name: str, data: bytes, **kwargs):
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_inputs([path], **kwargs))


@pytest.mark.parametrize(
    ("name", "data", "status", "error"),
    [
        pytest.param("a.txt", SPANISH.encode(), "ok", None, id="txt"),
        pytest.param("a.md", b"# T\n\n" + SPANISH.encode(), "ok", None, id="md"),
        pytest.param("empty.txt", b"", "error", "empty file (0 bytes)", id="empty"),
        pytest.param("blank.md", b" \n\t\r\n  ", "error", "empty document (no text)", id="whitespace"),
        pytest.param("photo.txt", b"\xff\xd8\xff\xe0" + bytes(100), "error", "binary file (JPEG image), not text", id="binary"),
        pytest.param(
            "report.docx",
            b"PK\x03\x04",
            "skipped",
            "unsupported file type '.docx'; expected .txt, .md, .html, .jsonl, .json, .csv or .parquet",
            id="unsupported",
        ),
        pytest.param(
            "README",
            b"hola",
            "skipped",
            "unsupported file type '(no extension)'; expected .txt, .md, .html, .jsonl, .json, .csv or .parquet",
            id="no-extension",
        ),
        pytest.param("page.html", b"<html><body><nav>Inicio</nav></body></html>", "ok", None, id="html-nav-only"),
        pytest.param(
            "page.htm", b"<html><body></body></html>", "error", "no article text found in the HTML page", id="html-empty-body"
        ),
    ],
)
def test_read_file_kinds(tmp_path, name, data, status, error):
    docs = _docs(tmp_path, name, data)
    assert [(d.status, d.error) for d in docs] == [(status, error)]
    assert docs[0].source == str(tmp_path / name)


def test_read_oversized_file_is_an_error_without_reading_it(tmp_path, monkeypatch):
    monkeypatch.setattr(read_module, "MAX_BYTES", 100)
    docs = _docs(tmp_path, "big.txt", b"x " * 100)
    assert [(d.status, d.error) for d in docs] == [("error", "file too large (200 bytes; the limit is 100)")]


JSONL_ROWS = [
    json.dumps({"id": "a1", "title": "Uno", "fecha": "2022-01-20", "texto": SPANISH, "link": "https://x.example/1"}),
    "{not json",
    json.dumps({"id": "a3", "title": "Sin texto"}),
    json.dumps({"id": "a4", "texto": "   "}),
    "",
    json.dumps(["a", "list"]),
    json.dumps({"id": "a1", "texto": SPANISH}),
    json.dumps({"id": "a7", "texto": 42}),
]


def test_read_jsonl_gives_one_row_per_line_with_reasons(tmp_path):
    docs = _docs(tmp_path, "rows.jsonl", "\n".join(JSONL_ROWS).encode("utf-8"))
    path = tmp_path / "rows.jsonl"
    assert [(d.source.removeprefix(str(path)), d.status) for d in docs] == [
        ("#a1", "ok"),
        ("#row2", "error"),
        ("#a3", "error"),
        ("#a4", "error"),
        ("#row5", "error"),
        ("#row6", "ok"),
        ("#a7", "error"),
    ]
    errors = [d.error for d in docs]
    assert errors[1].startswith("line 2 is not valid JSON: Expecting property name")
    assert errors[2].startswith("row has no text field (looked for text, body, content, article, …; columns: id, title)")
    assert errors[3] == "empty document (text field 'texto' is empty)"
    assert errors[4] == "row 5 is not an object with fields (got list)"
    assert errors[6] == "text field 'texto' is a int, not text"
    first = docs[0]
    assert first.metadata == {"title": "Uno", "date": "2022-01-20", "url": "https://x.example/1", "row_id": "a1"}
    assert first.text == SPANISH and first.fmt == "jsonl"
    # The repeated id "a1" falls back to the row number, so sources (and doc_ids) stay unique.
    assert len({d.doc_id for d in docs}) == len(docs)


def test_read_rows_doc_ids_are_stable_across_runs_and_order(tmp_path):
    first = _docs(tmp_path, "rows.jsonl", "\n".join(JSONL_ROWS).encode("utf-8"))
    again = list(read_inputs([tmp_path / "rows.jsonl"]))
    assert [d.doc_id for d in first] == [d.doc_id for d in again]


@pytest.mark.parametrize(
    ("name", "make"),
    [
        pytest.param("rows.json", lambda rows: json.dumps(rows).encode(), id="json-list"),
        pytest.param("wrapped.json", lambda rows: json.dumps({"articles": rows}).encode(), id="json-articles-key"),
        pytest.param("rows.csv", lambda rows: pd.DataFrame(rows).to_csv(index=False).encode("utf-8"), id="csv-utf8"),
        pytest.param(
            "rows_cp1252.csv",
            lambda rows: pd.DataFrame(rows).to_csv(index=False, sep=";").encode("cp1252"),
            id="csv-cp1252-semicolon",
        ),
        pytest.param("rows.tsv", lambda rows: pd.DataFrame(rows).to_csv(index=False, sep="\t").encode("utf-16"), id="tsv-utf16"),
    ],
)
def test_read_table_formats_find_fields_by_usual_names(tmp_path, name, make):
    rows = [
        {"ID": "n1", "Título": "Primera", "Fecha": "20/01/2022", "Cuerpo": SPANISH},
        {"ID": "n2", "Título": "Segunda", "Fecha": "", "Cuerpo": ""},
    ]
    docs = _docs(tmp_path, name, make(rows))
    assert [(d.source.rsplit("#", 1)[1], d.status) for d in docs] == [("n1", "ok"), ("n2", "error")]
    assert docs[0].text == SPANISH
    assert docs[0].metadata["title"] == "Primera" and docs[0].metadata["date"] == "2022-01-20"
    assert docs[1].error == "empty document (text field 'Cuerpo' is empty)"


def test_read_parquet_rows_with_timestamps(tmp_path):
    frame = pd.DataFrame(
        {"article_id": [7, 8], "headline": ["A", "B"], "published": pd.to_datetime(["2021-11-21", None]), "body": [SPANISH, None]}
    )
    frame.to_parquet(tmp_path / "rows.parquet")
    docs = list(read_inputs([tmp_path / "rows.parquet"]))
    assert [(d.source.rsplit("#", 1)[1], d.status) for d in docs] == [("7", "ok"), ("8", "error")]
    assert docs[0].metadata == {"title": "A", "date": "2021-11-21", "row_id": "7"}
    assert docs[1].error == "empty document (text field 'body' is empty)"


def test_read_fields_given_by_the_caller_win(tmp_path):
    row = {"text": "texto corto de la portada", "nota_completa": SPANISH, "cuando": "2020-05-04"}
    docs = _docs(tmp_path, "rows.jsonl", json.dumps(row).encode(), fields={"text": "nota_completa", "date": "cuando"})
    assert docs[0].text == SPANISH and docs[0].metadata["date"] == "2020-05-04"


def test_read_field_named_by_the_caller_but_absent_is_a_row_error(tmp_path):
    docs = _docs(tmp_path, "rows.jsonl", json.dumps({"text": SPANISH}).encode(), fields={"text": "cuerpo"})
    assert docs[0].status == "error"
    assert docs[0].error == "row has no text field (looked for 'cuerpo'; columns: text)"


def test_read_unknown_field_role_is_an_input_error(tmp_path):
    (tmp_path / "a.jsonl").write_text("{}")
    with pytest.raises(InputError, match="unknown field role 'body'; expected one of text, title, date, url, id"):
        list(read_inputs([tmp_path / "a.jsonl"], fields={"body": "x"}))


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        pytest.param("bad.json", b'{"articles": [', "not valid JSON: Expecting value (line 1, column 15)", id="json-broken"),
        pytest.param("num.json", b"42", "JSON holds a int, not an object or a list of objects", id="json-scalar"),
        pytest.param("bad.parquet", b"PAR1 not really parquet", "not a readable Parquet file", id="parquet-corrupt"),
        pytest.param("empty.jsonl", b"\n\n", "empty file (no JSON lines)", id="jsonl-blank"),
        pytest.param("empty.csv", b"", "empty file (0 bytes)", id="csv-empty"),
        pytest.param("header.csv", b"id,text\n", "empty table (no rows)", id="csv-header-only"),
    ],
)
def test_read_broken_table_file_is_one_error_row(tmp_path, name, data, error):
    docs = _docs(tmp_path, name, data)
    assert len(docs) == 1 and docs[0].status == "error"
    assert docs[0].error.startswith(error)


def test_read_deeply_nested_json_line_is_an_error_not_a_crash(tmp_path):
    docs = _docs(tmp_path, "deep.jsonl", b"[" * 100_000 + b"]" * 100_000)
    assert docs[0].status == "error" and "not valid JSON" in docs[0].error


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2022-01-20", "2022-01-20"),
        ("2022-01-20T23:10:00Z", "2022-01-20"),
        ("20/01/2022", "2022-01-20"),
        (1642636800, "2022-01-20"),
        (1642636800000, "2022-01-20"),
        ("ayer", None),
        ("", None),
        (None, None),
        ("2022-13-45", None),
    ],
)
def test_table_dates_normalise_to_iso(value, iso):
    assert normalise_date(value) == iso


def test_table_columns_resolve_without_case_or_accents():
    assert resolve_columns(["Título", "FECHA", "Contenido", "URL"]) == {
        "title": "Título",
        "date": "FECHA",
        "text": "Contenido",
        "url": "URL",
    }


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (b"<!DOCTYPE html><html>", "html"),
        (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        (b'[{"text": "a"}]', "json"),
        (b'{\n "text": "a"\n}', "json"),
        (b"Texto libre.", "txt"),
        (b"\xef\xbb\xbf<html><body>", "html"),
    ],
)
def test_stdin_kind_is_told_from_its_first_bytes(data, fmt):
    assert sniff_format(data) == fmt


def test_stdin_jsonl_gives_one_row_per_line():
    stream = io.BytesIO(b'{"id": "x", "text": "' + SPANISH.encode() + b'"}\nnot json\n')
    docs = list(read_stdin(stream))
    assert [(d.source, d.status) for d in docs] == [("<stdin>#x", "ok"), ("<stdin>#row2", "error")]


def test_stdin_text_is_one_document():
    docs = list(read_stdin(io.BytesIO(SPANISH.encode("cp1252"))))
    assert [(d.source, d.status, d.text, d.encoding) for d in docs] == [("<stdin>", "ok", SPANISH, "cp1252")]


def test_folders_walk_sorted_and_report_linked_folders_without_looping(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text(SPANISH)
    (tmp_path / "a.txt").write_text(SPANISH)
    (tmp_path / ".hidden.txt").write_text(SPANISH)
    os.symlink(tmp_path, tmp_path / "b" / "loop")
    docs = list(read_inputs([tmp_path]))
    assert [(os.path.relpath(d.source, tmp_path), d.status) for d in docs] == [
        ("a.txt", "ok"),
        ("b/loop", "skipped"),
        ("b/z.txt", "ok"),
    ]
    assert docs[1].error == "symbolic link to a folder, not followed"


@pytest.mark.parametrize(
    ("text", "fmt", "clean_text"),
    [
        pytest.param(
            "<p>El presidente habló hoy en Caracas.</p>\n<p>Luego viajó a Moscú.</p>",
            "html",
            "El presidente habló hoy en Caracas.\n\nLuego viajó a Moscú.",
            id="html-paragraphs",
        ),
        pytest.param(
            "El presidente habló <b>hoy</b> en Caracas.",
            "jsonl",
            "El presidente habló <b>hoy</b> en Caracas.",
            id="inline-tag-stays-for-the-cleaner",
        ),
        pytest.param(
            "Dijo que 3 < 5 y que <p> es una etiqueta.",
            "jsonl",
            "Dijo que 3 < 5 y que <p> es una etiqueta.",
            id="one-tag-is-not-html",
        ),
    ],
)
def test_read_row_text_holding_html_is_read_like_a_page(tmp_path, text, fmt, clean_text):
    docs = _docs(tmp_path, "rows.jsonl", json.dumps({"id": "h", "title": "T", "text": text}).encode())
    assert (docs[0].status, docs[0].fmt, docs[0].text) == ("ok", fmt, clean_text)
    assert docs[0].metadata["title"] == "T"


def test_read_row_html_without_article_text_is_a_row_error(tmp_path):
    docs = _docs(tmp_path, "rows.jsonl", json.dumps({"text": "<div><script>x()</script></div><div></div>"}).encode())
    assert (docs[0].status, docs[0].error) == ("error", "no article text found in the HTML of text field 'text'")
