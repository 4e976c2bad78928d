"""Hostile inputs: odd file types, link loops, stray bytes and awkward CSVs each give their rows, never a hang or a crash."""

from __future__ import annotations

import codecs
import csv
import errno
import json
import os
import socket
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest

from pipeline.ingest import read as read_module
from pipeline.ingest.read import InputError, decode_text, read_file, read_inputs
from pipeline.ingest.tables import sniff_delimiter

SPANISH = "Caracas, 20 ene (EFE).- El presidente Nicolás Maduro habló con la ministra de Economía en Ñuñoa; subió un 3 %."
LOOP_REASON = "cannot read file: symbolic link loop (too many levels of symbolic links)"
TIMEOUT = 20


def _read(inputs, **kwargs) -> list:
    """``read_inputs`` in a thread; fails (after unblocking any FIFO) if it does not end within TIMEOUT seconds."""
    result: list = []
    errors: list = []

    def target():
        try:
            result.extend(read_inputs(inputs, **kwargs))
        except BaseException as exc:  # handed to the test thread
            errors.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(TIMEOUT)
    if thread.is_alive():
        for item in inputs:
            for fifo in [Path(item)] if not Path(item).is_dir() else Path(item).rglob("*"):
                if fifo.is_fifo():  # a writer that opens and closes lets a blocked reader go
                    try:
                        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
                    except OSError:
                        pass
        thread.join(5)
        pytest.fail(f"reading {inputs} did not end within {TIMEOUT} s")
    if errors:
        raise errors[0]
    return result


def _rows(docs, base: Path) -> list[tuple[str, str, str | None]]:
    return [(os.path.relpath(d.source, base), d.status, d.error) for d in docs]


def _folder(tmp_path: Path) -> Path:
    """A folder with two good files, ``a.txt`` and ``z.txt``, around whatever a test adds."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SPANISH, encoding="utf-8")
    (folder / "z.txt").write_text(SPANISH, encoding="utf-8")
    return folder


@pytest.fixture()
def small_limit(monkeypatch):
    """A low byte cap, so that a regression reading a device endlessly stops at once."""
    monkeypatch.setattr(read_module, "MAX_BYTES", 10_000)


# 1. Only regular files are read.


def test_fifo_in_a_folder_is_a_skipped_row_and_the_rest_is_read(tmp_path, small_limit):
    folder = _folder(tmp_path)
    os.mkfifo(folder / "m.txt")
    assert _rows(_read([folder]), folder) == [
        ("a.txt", "ok", None),
        ("m.txt", "skipped", "not a regular file (FIFO)"),
        ("z.txt", "ok", None),
    ]


def test_fifo_given_directly_is_a_skipped_row(tmp_path, small_limit):
    os.mkfifo(tmp_path / "m.txt")
    assert _rows(_read([tmp_path / "m.txt"]), tmp_path) == [("m.txt", "skipped", "not a regular file (FIFO)")]


def test_fifo_swapped_in_after_the_type_check_does_not_block(tmp_path, monkeypatch, small_limit):
    fifo, regular = tmp_path / "m.txt", tmp_path / "r.txt"
    os.mkfifo(fifo)
    regular.write_text(SPANISH)
    real_stat = os.stat
    # The path is a regular file when looked at, and a FIFO when opened.
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: real_stat(regular if Path(p) == fifo else p, *a, **k))
    assert _rows(_read([fifo]), tmp_path) == [("m.txt", "skipped", "not a regular file (FIFO)")]


@pytest.mark.parametrize(("target", "kind"), [("/dev/zero", "character device"), ("/dev/null", "character device")])
def test_link_to_a_device_is_a_skipped_row(tmp_path, small_limit, target, kind):
    if not os.path.exists(target):
        pytest.skip(f"{target} is not on this system")
    folder = _folder(tmp_path)
    os.symlink(target, folder / "m.txt")
    assert _rows(_read([folder]), folder) == [
        ("a.txt", "ok", None),
        ("m.txt", "skipped", f"not a regular file ({kind})"),
        ("z.txt", "ok", None),
    ]
    assert _rows(_read([folder / "m.txt"]), folder) == [("m.txt", "skipped", f"not a regular file ({kind})")]


def test_socket_is_a_skipped_row(tmp_path):
    folder = _folder(tmp_path)
    path = folder / "m.txt"
    if len(str(path)) > 100:
        pytest.skip("the path is too long for a Unix socket")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        assert _rows(_read([folder]), folder)[1] == ("m.txt", "skipped", "not a regular file (socket)")


def test_symlink_to_itself_in_a_folder_is_an_error_row(tmp_path):
    folder = _folder(tmp_path)
    os.symlink("m.txt", folder / "m.txt")
    assert _rows(_read([folder]), folder) == [("a.txt", "ok", None), ("m.txt", "error", LOOP_REASON), ("z.txt", "ok", None)]


def test_symlink_loop_between_two_links_is_one_error_row_each(tmp_path):
    folder = _folder(tmp_path)
    os.symlink("n.txt", folder / "m.txt")
    os.symlink("m.txt", folder / "n.txt")
    assert _rows(_read([folder]), folder) == [
        ("a.txt", "ok", None),
        ("m.txt", "error", LOOP_REASON),
        ("n.txt", "error", LOOP_REASON),
        ("z.txt", "ok", None),
    ]


def test_symlink_loop_given_directly_is_a_row_not_a_usage_error(tmp_path):
    os.symlink("m.txt", tmp_path / "m.txt")
    assert _rows(_read([tmp_path / "m.txt"]), tmp_path) == [("m.txt", "error", LOOP_REASON)]


def test_broken_symlink_in_a_folder_is_an_error_row(tmp_path):
    folder = _folder(tmp_path)
    os.symlink("gone.txt", folder / "m.txt")
    assert _rows(_read([folder]), folder)[1] == (
        "m.txt",
        "error",
        "cannot read file: broken symbolic link (its target does not exist)",
    )


def test_missing_path_on_the_command_line_stays_a_usage_error(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        _read([tmp_path / "missing.txt"])


def test_file_that_cannot_be_opened_is_an_error_row(tmp_path, monkeypatch):
    folder = _folder(tmp_path)
    (folder / "m.txt").write_text(SPANISH)
    real_open = os.open

    def denied(path, *args, **kwargs):
        if Path(path).name == "m.txt":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    assert _rows(_read([folder]), folder) == [
        ("a.txt", "ok", None),
        ("m.txt", "error", "cannot read file: Permission denied"),
        ("z.txt", "ok", None),
    ]


def test_file_that_vanishes_during_the_walk_is_an_error_row(tmp_path):
    folder = _folder(tmp_path)
    docs = read_inputs([folder])
    first = next(docs)
    (folder / "z.txt").unlink()
    assert _rows([first, *docs], folder) == [
        ("a.txt", "ok", None),
        ("z.txt", "error", "cannot read file: No such file or directory"),
    ]


def test_folder_that_cannot_be_listed_is_an_error_row(tmp_path, monkeypatch):
    folder = _folder(tmp_path)
    (folder / "sub").mkdir()
    (folder / "sub" / "b.txt").write_text(SPANISH)
    real_scandir = os.scandir

    def denied(path="."):
        if Path(path).name == "sub":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", denied)
    assert _rows(_read([folder]), folder) == [
        ("a.txt", "ok", None),
        ("sub", "error", "cannot read folder: Permission denied"),
        ("z.txt", "ok", None),
    ]


def test_deep_folder_tree_is_walked(tmp_path):
    folders = [tmp_path / "d"]
    for _ in range(sys.getrecursionlimit() + 200):
        folders.append(folders[-1] / "d")
    try:
        for folder in folders:
            folder.mkdir()
        (folders[-1] / "a.txt").write_text(SPANISH)
        docs = _read([tmp_path])
        assert [(d.status, d.text) for d in docs] == [("ok", SPANISH)]
    finally:  # removed here, bottom up: shutil.rmtree (and so pytest's cleanup) recurses and would fail on it
        (folders[-1] / "a.txt").unlink(missing_ok=True)
        for folder in reversed(folders):
            if folder.exists():
                folder.rmdir()


def test_file_is_never_read_past_its_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(read_module, "MAX_BYTES", 100)
    monkeypatch.setattr(read_module, "_check_regular", lambda info, limit: None)  # as if it grew after the check
    (tmp_path / "big.txt").write_bytes(b"x " * 1000)
    reads: list[int] = []
    real_open = read_module.open_regular

    def spying(path, limit):
        stream = real_open(path, limit)
        real_read = stream.read
        stream.read = lambda n=-1: reads.append(n) or real_read(n)
        return stream

    monkeypatch.setattr(read_module, "open_regular", spying)
    docs = list(read_inputs([tmp_path / "big.txt"]))
    assert [(d.status, d.error) for d in docs] == [("error", "file too large (over 100 bytes)")]
    assert reads == [101]


def test_read_file_never_raises_for_a_path_that_is_not_there(tmp_path):
    docs = list(read_file(tmp_path / "gone.csv"))
    assert [(d.status, d.error) for d in docs] == [("error", "cannot read file: No such file or directory")]


# 2. Decoding that does not garble good text.


def _with_stray_bytes(text: str, *stray: bytes) -> bytes:
    """``text`` in UTF-8 with each stray byte put before a word, spread over the text."""
    data = text.encode("utf-8")
    cuts = [data.index(b" ", len(data) * (i + 1) // (len(stray) + 1)) + 1 for i in range(len(stray))]
    out, last = b"", 0
    for cut, byte in zip(cuts, stray, strict=True):
        out, last = out + data[last:cut] + byte, cut
    return out + data[last:]


ARTICLE = (SPANISH + " Luego viajó a Bogotá y a Perú con José Gregorio Hernández. ") * 3


@pytest.mark.parametrize(
    ("data", "n_bad", "encoding"),
    [
        pytest.param(_with_stray_bytes(ARTICLE, b"\xff", b"\x81"), 2, "utf-8", id="two-stray-bytes"),
        pytest.param(_with_stray_bytes(SPANISH, b"\x81"), 1, "utf-8", id="one-stray-byte-short-text"),
        pytest.param(_with_stray_bytes(ARTICLE, b"\x93", b"\x94", b"\xe9"), 3, "utf-8", id="cp1252-bytes-in-utf8"),
        pytest.param(ARTICLE.encode("utf-8") + "é".encode()[:1], 1, "utf-8", id="cut-in-a-character"),
        pytest.param(codecs.BOM_UTF8 + _with_stray_bytes(ARTICLE, b"\xff"), 1, "utf-8-sig", id="bom-and-a-stray-byte"),
    ],
)
def test_utf8_with_a_few_stray_bytes_keeps_its_accents_and_says_so(data, n_bad, encoding):
    decoded = decode_text(data)
    assert decoded.encoding == encoding
    assert "Nicolás Maduro" in decoded.text.replace("\ufffd", "") and "Ñuñoa" in decoded.text
    assert decoded.text.replace("\ufffd", "") == data.removeprefix(codecs.BOM_UTF8).decode("utf-8", "ignore")
    noun = "byte" if n_bad == 1 else "bytes"
    verb = "was" if n_bad == 1 else "were"
    assert decoded.warning == f"{n_bad} {noun} not valid UTF-8 {verb} replaced (U+FFFD)"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param(ARTICLE.encode("cp1252"), "cp1252", id="cp1252"),
        pytest.param(("“" + ARTICLE + "” — 5 €").encode("cp1252"), "cp1252", id="cp1252-quotes-euro"),
        # One UTF-8 sequence (mojibake to repair later) among many cp1252 letters is not UTF-8.
        pytest.param(ARTICLE.encode("cp1252") + "México".encode(), "cp1252", id="cp1252-with-one-utf8-word"),
    ],
)
def test_code_page_text_still_decodes_as_before(data, encoding):
    decoded = decode_text(data)
    assert (decoded.encoding, decoded.warning) == (encoding, None)
    assert ARTICLE in decoded.text


def test_stray_bytes_file_is_an_ok_row_with_the_warning(tmp_path):
    (tmp_path / "a.txt").write_bytes(_with_stray_bytes(ARTICLE, b"\xff", b"\x81"))
    [doc] = _read([tmp_path / "a.txt"])
    assert (doc.status, doc.error, doc.encoding) == ("ok", "2 bytes not valid UTF-8 were replaced (U+FFFD)", "utf-8")
    assert doc.text.count("Nicolás Maduro") == 3


def test_stray_bytes_warning_reaches_the_documents_table(tmp_path, nlp):
    import pipeline

    (tmp_path / "a.txt").write_bytes(_with_stray_bytes(ARTICLE, b"\xff", b"\x81"))
    tables = pipeline.extract([tmp_path / "a.txt"], nlp=nlp)
    row = tables.documents.iloc[0]
    assert (row.status, row.error) == ("ok", "2 bytes not valid UTF-8 were replaced (U+FFFD)")
    people = tables.mentions[tables.mentions.label == "PERSON"]
    assert "Nicolás Maduro" in set(people.canonical)


def test_stray_bytes_in_a_jsonl_line_warn_on_that_row_only(tmp_path):
    good = json.dumps({"id": "a", "text": SPANISH}, ensure_ascii=False).encode()
    bad = _with_stray_bytes(json.dumps({"id": "b", "text": ARTICLE}, ensure_ascii=False), b"\xff")
    (tmp_path / "rows.jsonl").write_bytes(good + b"\n" + bad + b"\n")
    docs = _read([tmp_path / "rows.jsonl"])
    assert [(d.source.rsplit("#", 1)[1], d.status, d.error) for d in docs] == [
        ("a", "ok", None),
        ("b", "ok", "1 byte not valid UTF-8 was replaced (U+FFFD)"),
    ]


def test_stray_bytes_in_a_csv_warn_on_the_rows_holding_them(tmp_path):
    frame = pd.DataFrame({"id": ["a", "b"], "text": [SPANISH, ARTICLE]})
    data = frame.to_csv(index=False).encode("utf-8")
    cut = data.index(b"b,") + 10
    (tmp_path / "rows.csv").write_bytes(data[:cut] + b"\xff" + data[cut:])
    docs = _read([tmp_path / "rows.csv"])
    assert [(d.source.rsplit("#", 1)[1], d.status, d.error) for d in docs] == [
        ("a", "ok", None),
        ("b", "ok", "1 byte not valid UTF-8 was replaced (U+FFFD) in this file, some in this row"),
    ]


# 3. Readers that keep every row.

TRICKY = [
    'Dijo: "no habrá devaluación", y se fue.',
    'Primera línea,\nsegunda línea; tercera\r\ncon coma, y "comillas"',
    SPANISH,
]


def _csv_rows(docs) -> list[tuple[str, str, str]]:
    return [(d.source.rsplit("#", 1)[1], d.status, d.text if d.status == "ok" else d.error) for d in docs]


def test_csv_written_by_pandas_keeps_quotes_commas_and_line_breaks(tmp_path):
    frame = pd.DataFrame({"id": ["a", "b", "c"], "title": ["Uno, dos", 'El "sí"', "Tres"], "text": TRICKY})
    frame.to_csv(tmp_path / "rows.csv", index=False)
    docs = _read([tmp_path / "rows.csv"])
    assert _csv_rows(docs) == [("a", "ok", TRICKY[0]), ("b", "ok", TRICKY[1]), ("c", "ok", TRICKY[2])]
    assert [d.metadata["title"] for d in docs] == ["Uno, dos", 'El "sí"', "Tres"]


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [pytest.param("cp1252", b"", id="cp1252"), pytest.param("utf-8", codecs.BOM_UTF8, id="utf-8-bom")],
)
def test_csv_as_spanish_excel_writes_it(tmp_path, encoding, bom):
    frame = pd.DataFrame(
        {
            "Id": ["a", "b"],
            "Título": ["Economía", "Política"],
            "Importe": [1.5, 2750.25],
            "Fecha": ["20/01/2022", "21/01/2022"],
            "Texto": [TRICKY[1], SPANISH],
        }
    )
    text = frame.to_csv(index=False, sep=";", decimal=",", lineterminator="\r\n")
    (tmp_path / "excel.csv").write_bytes(bom + text.encode(encoding))
    docs = _read([tmp_path / "excel.csv"])
    assert _csv_rows(docs) == [("a", "ok", TRICKY[1]), ("b", "ok", SPANISH)]
    assert [(d.metadata["title"], d.metadata["date"]) for d in docs] == [("Economía", "2022-01-20"), ("Política", "2022-01-21")]


@pytest.mark.parametrize("name", ["rows.tsv", "rows.csv"])
def test_tab_separated_file(tmp_path, name):
    frame = pd.DataFrame({"id": ["a", "b"], "cifra": ["1,5", "2;3"], "text": TRICKY[:2]})
    frame.to_csv(tmp_path / name, index=False, sep="\t")
    assert _csv_rows(_read([tmp_path / name])) == [("a", "ok", TRICKY[0]), ("b", "ok", TRICKY[1])]


def test_one_column_tsv_takes_tab_as_its_delimiter(tmp_path):
    (tmp_path / "rows.tsv").write_text("text\nUno, dos; tres.\n")
    assert _csv_rows(_read([tmp_path / "rows.tsv"])) == [("row1", "ok", "Uno, dos; tres.")]


@pytest.mark.parametrize("delimiter", [";", "tab"])
def test_explicit_delimiter_wins_over_the_header(tmp_path, delimiter):
    sep = "\t" if delimiter == "tab" else delimiter
    # The header has as many commas as delimiters, so on its own it would be read as comma separated.
    header = sep.join(["id", "nota, más, completa", "texto"])
    (tmp_path / "rows.csv").write_text(f'{header}\na{sep}x, y{sep}"{SPANISH}"\n', encoding="utf-8")
    assert sniff_delimiter(header + "\n") == ","
    assert _csv_rows(_read([tmp_path / "rows.csv"], delimiter=delimiter)) == [("a", "ok", SPANISH)]


@pytest.mark.parametrize("delimiter", [";;", '"', "\n"])
def test_bad_delimiter_is_a_usage_error(tmp_path, delimiter):
    (tmp_path / "rows.csv").write_text("id,text\na,b\n")
    with pytest.raises(InputError, match="a CSV delimiter is one character"):
        _read([tmp_path / "rows.csv"], delimiter=delimiter)


@pytest.mark.parametrize(
    ("header", "delimiter"),
    [
        ("id,title,text\n", ","),
        ("id;título;texto\r\n", ";"),
        ("id\ttext\n", "\t"),
        ("id|text\n", "|"),
        ('"a;b","c;d",text\n', ","),
        ("text\n", ","),
        ('id;"texto, completo"\n', ";"),
    ],
)
def test_delimiter_is_told_from_the_header_outside_quotes(header, delimiter):
    assert sniff_delimiter(header + "1,5;2\t3|4\n") == delimiter


@pytest.fixture()
def default_csv_field_limit():
    """The csv module's own field limit back at its default, as other code may leave it."""
    before = csv.field_size_limit(131072)
    yield
    csv.field_size_limit(before)


def test_long_field_in_row_two_of_four_keeps_every_row(tmp_path, default_csv_field_limit):
    long_text = ('Párrafo con "citas", comas; y punto y coma.\n' * 40_000)[:1_500_000]
    texts = [SPANISH, long_text, TRICKY[1], TRICKY[0]]
    pd.DataFrame({"id": ["a", "b", "c", "d"], "text": texts}).to_csv(tmp_path / "rows.csv", index=False)
    docs = _read([tmp_path / "rows.csv"])
    assert _csv_rows(docs) == [("a", "ok", SPANISH), ("b", "ok", long_text), ("c", "ok", TRICKY[1]), ("d", "ok", TRICKY[0])]


def test_field_over_the_byte_cap_is_an_error_row_and_the_rest_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(read_module, "MAX_BYTES", 1_000_000)
    frame = pd.DataFrame(
        {"id": ["a", "b", "c", "d"], "title": ["x", "ñ" * 600_000, "y", "z"], "text": [SPANISH, SPANISH, TRICKY[1], TRICKY[0]]}
    )
    frame.to_csv(tmp_path / "rows.csv", index=False)
    assert _csv_rows(_read([tmp_path / "rows.csv"])) == [
        ("a", "ok", SPANISH),
        ("row2", "error", "CSV row 2 field 'title' too large (1200000 bytes; the limit is 1000000)"),
        ("c", "ok", TRICKY[1]),
        ("d", "ok", TRICKY[0]),
    ]


def test_row_with_the_wrong_number_of_fields_is_one_error_row(tmp_path):
    lines = [
        "id,title,text",
        f'a,Uno,"{SPANISH}"',
        "b,Dos,texto,sobra",
        "c,Tres",
        f'd,Cuatro,"{TRICKY[0]}",',
        "",
        f'e,Cinco,"{TRICKY[2]}"',
    ]
    (tmp_path / "rows.csv").write_text("\n".join(lines).replace('"no habrá devaluación"', '""no habrá devaluación""'))
    assert _csv_rows(_read([tmp_path / "rows.csv"])) == [
        ("a", "ok", SPANISH),
        ("row2", "error", "CSV row 2 has 4 fields where the header has 3 (line 3)"),
        ("row3", "error", "CSV row 3 has 2 fields where the header has 3 (line 4)"),
        ("d", "ok", TRICKY[0]),  # a trailing delimiter (an empty extra field) is harmless
        ("e", "ok", TRICKY[2]),
    ]
