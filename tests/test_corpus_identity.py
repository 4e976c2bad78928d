"""One identity per entity across the corpus: ``entity_id`` and the ``corpus_entities`` table.

The rules are tested on tables built here (no model), then end to end on a
small multi-document corpus of news leads run through the pipeline, the
command-line writer (CSV and Parquet) and an incremental run.
"""

from __future__ import annotations

import json
import random

import pandas as pd
import pytest

import pipeline
from pipeline.corpus import DOMINANCE, entity_id, is_acronym_of, name_tokens, reduced_form, stated_acronyms
from pipeline.engines.local import run
from pipeline.records import entity_rows
from pipeline.report import build_report, load_run
from pipeline.schema import TABLES, columns
from pipeline.write import Tables, current_tables, read_table, to_frame
from tests.test_report import read
from tests.test_report import table as report_table

# --- The rules on names ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("Vladímir Putin", ("vladimir", "putin")),
        ("PUTIN", ("putin",)),
        ("Fernando de la Rúa", ("fernando", "rua")),
        ("Fernando De La Rua", ("fernando", "rua")),
        ("Miguel Díaz-Canel", ("miguel", "diaz", "canel")),
        ("N. Maduro", ("n", "maduro")),
        ("J.M. Aznar", ("j", "m", "aznar")),
        ("A. M. López Obrador", ("a", "m", "lopez", "obrador")),  # "A." is an initial, not the particle "a"
    ],
)
def test_name_tokens_fold_accents_case_particles_and_initials(name, tokens):
    assert name_tokens(name) == tokens


@pytest.mark.parametrize(
    ("short", "full", "kind"),
    [
        ("Maduro", "Nicolás Maduro", "tail"),
        ("MADURO", "Nicolás Maduro", "tail"),
        ("N. Maduro", "Nicolás Maduro", "tail"),
        ("Paz Zamora", "Jaime Paz Zamora", None),  # "Paz" opens it and is a given name: a full name of its own
        ("Zamora", "Jaime Paz Zamora", "tail"),
        ("Paz", "Jaime Paz Zamora", "paternal"),
        ("Paz", "Rodrigo Paz", "tail"),
        ("López Obrador", "Andrés Manuel López Obrador", "tail"),
        ("A. M. López Obrador", "Andrés Manuel López Obrador", "tail"),
        ("Maduro", "Nicolás Maduro Guerra", "paternal"),
        ("Kirchner", "Cristina Fernández de Kirchner", "tail"),
        ("Nicolás", "Nicolás Maduro", None),  # a given name is no surname
        ("George Bush", "George W. Bush", None),  # two full names
        ("Nicolás Maduro", "Nicolás Maduro Guerra", None),
        ("R. Paz", "Jaime Paz Zamora", None),  # the initial does not fit
        ("Castro", "Fidel Castro Ruz", "paternal"),
    ],
)
def test_reduced_form_finds_surnames_at_the_end_or_before_the_last_word(short, full, kind):
    assert reduced_form(name_tokens(short), name_tokens(full)) == kind


@pytest.mark.parametrize(
    ("acronym", "name"),
    [
        ("ONU", "Organización de las Naciones Unidas"),
        ("OTAN", "Organización del Tratado del Atlántico Norte"),
        ("MAS", "Movimiento al Socialismo"),
        ("PDVSA", "Petróleos de Venezuela S.A."),
        ("Cepal", "Comisión Económica para América Latina y el Caribe"),
        ("Mercosur", "Mercado Común del Sur"),
        ("Unasur", "Unión de Naciones Suramericanas"),
        ("BoA", "Bank of America"),
        ("FMI", "Fondo Monetario Internacional"),
    ],
)
def test_acronyms_read_from_the_words_of_their_name(acronym, name):
    assert is_acronym_of(acronym, name)


@pytest.mark.parametrize(
    ("acronym", "name"),
    [
        ("California", "California Theater de San Jose"),  # a place qualifier made of the first word
        ("AAPL", "Apple"),  # a ticker, and a one-word name
        ("Washington", "Boeing Everett"),
        ("Alabama", "Mobile Aeroplex"),
        ("PSOE", "Partido Popular"),
        ("onu", "Organización de las Naciones Unidas"),  # not written as an acronym
    ],
)
def test_words_in_brackets_that_are_no_acronym_of_the_name(acronym, name):
    assert not is_acronym_of(acronym, name)


def test_stated_acronyms_read_both_ways_round():
    full = "Organización de las Naciones Unidas"
    pair = [("ONU", full)]
    assert stated_acronyms(full, f"Según la {full} (ONU), el hambre crece.") == pair
    assert stated_acronyms("ONU", f"Según la ONU ({full}), el hambre crece.") == pair
    assert stated_acronyms("Boeing", "Boeing voló en Everett (Washington) el martes.") == []


def test_entity_id_is_a_short_stable_hash_of_label_and_key():
    assert entity_id("PERSON", "nicolas maduro") == entity_id("PERSON", "nicolas maduro")
    assert entity_id("PERSON", "nicolas maduro") != entity_id("ORG", "nicolas maduro")
    assert len(entity_id("COUNTRY", "kb:VE")) == 16 and int(entity_id("COUNTRY", "kb:VE"), 16) >= 0


# --- The corpus pass on tables built here ---------------------------------------------


def mention(doc_id: str, text: str, label: str = "PERSON", canonical: str | None = None, **extra) -> dict:
    if canonical is None and label == "PERSON":
        canonical = text
    return {"doc_id": doc_id, "text": text, "label": label, "canonical": canonical, "start": 0, "end": len(text), **extra}


def corpus_tables(mentions: list[dict], published: dict[str, str] | None = None) -> Tables:
    """The tables of a corpus whose documents have these mentions (ids numbered per document)."""
    rows, seen = [], {}
    for m in mentions:
        n = seen[m["doc_id"]] = seen.get(m["doc_id"], -1) + 1
        rows.append({name: None for name in columns("mentions")} | m | {"mention_id": n})
    doc_ids = list(dict.fromkeys(m["doc_id"] for m in rows))
    published = published or {}
    documents = [{"doc_id": d, "status": "ok", "published": published.get(d)} for d in doc_ids]
    entities = [e for d in doc_ids for e in entity_rows([r for r in rows if r["doc_id"] == d])]
    return Tables(to_frame("documents", documents), to_frame("mentions", rows), to_frame("entities", entities))


def ids(tables: Tables, doc_id: str, text: str) -> set[str]:
    m = tables.mentions
    return set(m[(m.doc_id == doc_id) & (m.text == text)].entity_id)


def one_id(tables: Tables, doc_id: str, text: str) -> str:
    (found,) = ids(tables, doc_id, text)
    return found


def test_a_surname_alone_joins_the_one_full_name_of_the_corpus():
    tables = corpus_tables(
        [
            mention("a", "Nicolás Maduro"),
            mention("a", "Maduro", canonical="Nicolás Maduro"),
            mention("b", "Maduro"),
            mention("c", "N. Maduro"),
            mention("d", "MADURO"),
        ]
    )
    assert len({one_id(tables, d, t) for d, t in [("a", "Maduro"), ("b", "Maduro"), ("c", "N. Maduro"), ("d", "MADURO")]}) == 1
    row = tables.corpus_entities.set_index("entity_id").loc[one_id(tables, "b", "Maduro")]
    assert (row.canonical, row.n_documents, row.n_mentions) == ("Nicolás Maduro", 4, 5)
    assert row.surface_forms.split(" | ")[0] == "Maduro"  # the form most documents write, first
    assert set(row.surface_forms.split(" | ")) == {"Maduro", "Nicolás Maduro", "N. Maduro", "MADURO"}


def test_two_people_who_share_a_surname_stay_apart_and_their_bare_surname_alone():
    tables = corpus_tables(
        [
            mention("bo1", "Rodrigo Paz"),
            mention("bo1", "Paz", canonical="Rodrigo Paz"),  # the document's own full name decided
            mention("bo2", "Jaime Paz Zamora"),
            mention("bo2", "Paz Zamora", canonical="Jaime Paz Zamora"),
            mention("bo3", "Paz"),  # which one? the corpus cannot tell
            mention("bo4", "Paz Zamora"),
        ]
    )
    rodrigo, jaime, alone = one_id(tables, "bo1", "Paz"), one_id(tables, "bo2", "Paz Zamora"), one_id(tables, "bo3", "Paz")
    assert len({rodrigo, jaime, alone}) == 3
    assert one_id(tables, "bo1", "Rodrigo Paz") == rodrigo and one_id(tables, "bo2", "Jaime Paz Zamora") == jaime
    assert one_id(tables, "bo4", "Paz Zamora") != rodrigo  # never the other Paz
    corpus = tables.corpus_entities.set_index("entity_id")
    assert corpus.loc[alone, "canonical"] == "Paz" and corpus.loc[rodrigo, "canonical"] == "Rodrigo Paz"


def test_a_full_name_and_a_longer_full_name_are_two_people():
    tables = corpus_tables(
        [
            mention("a", "Nicolás Maduro"),
            mention("b", "Nicolás Maduro Guerra"),
            mention("c", "Maduro"),
            mention("d", "George Bush"),
            mention("e", "George W. Bush"),
        ]
    )
    assert len({one_id(tables, d, t) for d, t in [("a", "Nicolás Maduro"), ("b", "Nicolás Maduro Guerra"), ("c", "Maduro")]}) == 3
    assert one_id(tables, "d", "George Bush") != one_id(tables, "e", "George W. Bush")


def _obama_corpus(barack_documents: int) -> Tables:
    rows = [mention(f"b{i}", "Barack Obama") for i in range(barack_documents)]
    return corpus_tables([*rows, mention("m", "Michelle Obama"), mention("x", "Obama")])


def test_a_shared_surname_joins_a_full_name_named_in_many_times_more_documents():
    joined = _obama_corpus(DOMINANCE)
    assert one_id(joined, "x", "Obama") == one_id(joined, "b0", "Barack Obama")
    kept = _obama_corpus(DOMINANCE - 1)
    assert one_id(kept, "x", "Obama") not in {one_id(kept, "b0", "Barack Obama"), one_id(kept, "m", "Michelle Obama")}


def test_a_lone_given_name_joins_only_as_the_last_word_of_a_name():
    tables = corpus_tables([mention("a", "Juan Manuel Santos"), mention("b", "Manuel"), mention("c", "Santos")])
    santos = one_id(tables, "a", "Juan Manuel Santos")
    assert one_id(tables, "b", "Manuel") != santos and one_id(tables, "c", "Santos") == santos


def test_accent_and_case_variants_of_a_name_are_one_entity_shown_as_most_written():
    tables = corpus_tables(
        [
            mention("a", "Vladímir Putin"),
            mention("b", "Vladimir Putin"),
            mention("c", "Vladímir Putin"),
            mention("d", "PUTIN"),
            mention("e", "Nueva York", "LOC"),
            mention("f", "NUEVA YORK", "LOC"),
        ]
    )
    putin = {one_id(tables, d, t) for d, t in [("a", "Vladímir Putin"), ("b", "Vladimir Putin"), ("d", "PUTIN")]}
    assert len(putin) == 1
    corpus = tables.corpus_entities.set_index("entity_id")
    assert corpus.loc[putin.pop(), "canonical"] == "Vladímir Putin"
    assert one_id(tables, "e", "Nueva York") == one_id(tables, "f", "NUEVA YORK")


def test_an_acronym_joins_the_full_name_a_document_states():
    full = "Organización de las Naciones Unidas"
    tables = corpus_tables(
        [
            mention("a", full, "ORG", context=f"La {full} (ONU) pidió un alto el fuego."),
            mention("a", "ONU", "ORG", context=f"La {full} (ONU) pidió un alto el fuego."),
            mention("b", "ONU", "ORG", context="La ONU denunció el bloqueo."),
            mention("c", "Naciones Unidas", "ORG", context="Naciones Unidas lo confirmó."),
        ]
    )
    onu = one_id(tables, "a", full)
    assert one_id(tables, "a", "ONU") == onu and one_id(tables, "b", "ONU") == onu
    assert one_id(tables, "c", "Naciones Unidas") != onu  # no rule says so
    row = tables.corpus_entities.set_index("entity_id").loc[onu]
    assert (row.canonical, row.n_documents, row.surface_forms) == (full, 2, f"ONU | {full}")


def test_an_acronym_stated_for_two_names_joins_each_only_where_stated():
    def org(doc_id: str, text: str, context: str) -> dict:
        return mention(doc_id, text, "ORG", context=context)

    tables = corpus_tables(
        [
            org("es", "Partido Popular", "El Partido Popular (PP) ganó en Madrid."),
            org("es", "PP", "El Partido Popular (PP) ganó en Madrid."),
            org("gt", "Partido Patriota", "El Partido Patriota (PP) gobernó Guatemala."),
            org("gt", "PP", "El Partido Patriota (PP) gobernó Guatemala."),
            org("x", "PP", "El PP votó en contra."),
        ]
    )
    assert one_id(tables, "es", "PP") == one_id(tables, "es", "Partido Popular")
    assert one_id(tables, "gt", "PP") == one_id(tables, "gt", "Partido Patriota")
    assert one_id(tables, "x", "PP") not in {one_id(tables, "es", "PP"), one_id(tables, "gt", "PP")}
    corpus = tables.corpus_entities.set_index("entity_id")
    assert corpus.loc[one_id(tables, "x", "PP"), ["n_documents", "surface_forms"]].tolist() == [1, "PP"]


def test_countries_are_one_entity_per_kb_id_and_dates_and_figures_have_none():
    tables = corpus_tables(
        [
            mention("a", "EE.UU.", "COUNTRY", canonical="Estados Unidos", kb_id="US"),
            mention("b", "Estados Unidos", "COUNTRY", canonical="Estados Unidos", kb_id="US"),
            mention("b", "estadounidense", "NORP", canonical="Estados Unidos", kb_id="US"),
            mention("a", "20 de enero", "DATE", value="2025-01-20"),
            mention("a", "12 %", "PERCENT", value="12", value_num=12.0, unit="%"),
        ]
    )
    assert one_id(tables, "a", "EE.UU.") == one_id(tables, "b", "Estados Unidos") == entity_id("COUNTRY", "kb:US")
    assert one_id(tables, "b", "estadounidense") != one_id(tables, "b", "Estados Unidos")  # another label
    values = tables.mentions[tables.mentions.label.isin(["DATE", "PERCENT"])]
    assert values.entity_id.isna().all()
    assert tables.entities[tables.entities.label.isin(["DATE", "PERCENT"])].entity_id.isna().all()
    assert set(tables.corpus_entities.label) == {"COUNTRY", "NORP"}


def test_corpus_entities_give_first_and_last_published_date():
    published = {"a": "2025-03-03", "b": "2025-03-05", "c": "2024-12-31", "d": None}
    tables = corpus_tables(
        [mention("a", "Nicolás Maduro"), mention("b", "Maduro"), mention("c", "Maduro"), mention("d", "Maduro")], published
    )
    row = tables.corpus_entities.set_index("canonical").loc["Nicolás Maduro"]
    assert (row.n_documents, row.first_published, row.last_published) == (4, "2024-12-31", "2025-03-05")


def test_entities_rows_take_the_id_of_their_mentions():
    tables = corpus_tables([mention("a", "Nicolás Maduro"), mention("b", "Maduro"), mention("b", "Caracas", "LOC")])
    merged = tables.mentions.merge(tables.entities, on=["doc_id", "label"], suffixes=("", "_entity"))
    merged = merged[merged.canonical.fillna(merged.text) == merged.canonical_entity]
    assert (merged.entity_id == merged.entity_id_entity).all() and len(merged) == 3
    assert set(tables.entities.entity_id) == set(tables.corpus_entities.entity_id)


def test_ids_and_table_do_not_depend_on_the_order_of_documents():
    rows = [
        mention("a", "Nicolás Maduro"),
        mention("b", "Maduro"),
        mention("c", "Rodrigo Paz"),
        mention("d", "Jaime Paz Zamora"),
        mention("e", "Paz"),
        mention("f", "Organización de las Naciones Unidas", "ORG", context="La Organización de las Naciones Unidas (ONU) dijo."),
        mention("g", "ONU", "ORG", context="La ONU dijo."),
        mention("h", "Vladimir Putin"),
        mention("i", "Vladímir Putin"),
    ]
    first = corpus_tables(rows)
    by_doc: dict[str, list[dict]] = {}
    for row in rows:
        by_doc.setdefault(row["doc_id"], []).append(row)
    order = list(by_doc)
    random.Random(7).shuffle(order)
    second = corpus_tables([row for doc_id in order for row in by_doc[doc_id]])
    key = ["doc_id", "mention_id"]
    pd.testing.assert_frame_equal(
        first.mentions.sort_values(key).reset_index(drop=True), second.mentions.sort_values(key).reset_index(drop=True)
    )
    pd.testing.assert_frame_equal(first.corpus_entities, second.corpus_entities)


def test_report_counts_a_person_named_by_surname_elsewhere_once():
    tables = corpus_tables(
        [mention("a", "Nicolás Maduro"), mention("a", "Maduro", canonical="Nicolás Maduro"), mention("b", "Maduro")]
    )
    people = report_table(read(build_report(tables)), "people")
    assert people[["name", "mentions", "documents"]].values.tolist() == [["Nicolás Maduro", "3", "2"]]


# --- End to end: the pipeline, the writer, the API --------------------------------------

ARTICLES = [
    ("ve-1", "2025-03-03", "Caracas, 3 mar (EFE).- El presidente de Venezuela, Nicolás Maduro, anunció este lunes un aumento "
     "del salario mínimo del 40 %. Maduro dijo que la medida entrará en vigor en abril."),
    ("ve-2", "2025-03-05", "Caracas, 5 mar (EFE).- Maduro volvió a criticar a la oposición durante un acto celebrado en el "
     "Palacio de Miraflores. El mandatario pidió calma a los venezolanos."),
    ("bo-1", "2025-11-08", "La Paz, 8 nov (EFE).- Rodrigo Paz asumió este sábado la presidencia de Bolivia ante la Asamblea "
     "Legislativa Plurinacional. Paz prometió reactivar la economía."),
    ("bo-2", "2025-11-10", "Tarija, 10 nov (EFE).- El expresidente boliviano Jaime Paz Zamora recordó su gobierno de 1989 a "
     "1993 en una entrevista con una radio local. Paz Zamora pidió unidad a los partidos."),
    ("bo-3", "2025-11-12", "La Paz, 12 nov (EFE).- Paz recibió a los empresarios en el Palacio Quemado. La reunión duró tres "
     "horas y terminó sin acuerdo sobre los precios."),
    ("ru-1", "2025-02-12", "Moscú, 12 feb (EFE).- El mandatario ruso, Vladímir Putin, recibió este martes a su homólogo "
     "chino en el Kremlin. Putin destacó la cooperación energética entre ambos países."),
    ("ru-2", "2025-02-14", "Moscú, 14 feb (EFE).- Vladimir Putin firmó un decreto sobre la movilización de reservistas. El "
     "jefe del Kremlin habló después con los gobernadores."),
    ("de-1", "2025-02-15", "Berlín, 15 feb (EFE).- El canciller alemán dijo que PUTIN debe retirar sus tropas. El Gobierno "
     "alemán convocó al embajador ruso en Berlín."),
    ("un-1", "2025-06-20", "Ginebra, 20 jun (EFE).- La Organización de las Naciones Unidas (ONU) pidió este jueves un alto el "
     "fuego inmediato en Sudán. La ONU calcula que diez millones de personas han huido de sus casas."),
    ("un-2", "2025-06-22", "Nueva York, 22 jun (EFE).- La ONU denunció el bloqueo de la ayuda humanitaria en Gaza. El "
     "secretario general pidió acceso sin restricciones."),
]  # fmt: skip


def write_corpus(path, articles=ARTICLES):
    lines = [json.dumps({"id": i, "date": date, "text": text}, ensure_ascii=False) for i, date, text in articles]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def news(tmp_path_factory, nlp):
    folder = tmp_path_factory.mktemp("identity")
    corpus = write_corpus(folder / "news.jsonl")
    return {"corpus": corpus, "tables": pipeline.extract([corpus], nlp=nlp), "folder": folder}


def row_ids(tables: Tables) -> pd.Series:
    """The JSONL row id of each mention (the doc_id depends on the file's path)."""
    rows = tables.documents.set_index("doc_id").source.str.rsplit("#", n=1).str[-1]
    return tables.mentions.doc_id.map(rows)


def person_id(tables: Tables, row: str, text: str) -> str:
    m = tables.mentions
    (found,) = set(m[(row_ids(tables) == row) & (m.text == text) & (m.label.isin(["PERSON", "ORG"]))].entity_id)
    return found


def test_pipeline_joins_maduro_alone_to_nicolas_maduro_of_another_document(news):
    tables = news["tables"]
    maduro = person_id(tables, "ve-1", "Nicolás Maduro")
    assert person_id(tables, "ve-2", "Maduro") == maduro
    row = tables.corpus_entities.set_index("entity_id").loc[maduro]
    assert (row.label, row.canonical, row.n_documents, row.n_mentions) == ("PERSON", "Nicolás Maduro", 2, 3)
    assert (row.first_published, row.last_published) == ("2025-03-03", "2025-03-05")
    # The per-document canonical name is left as the document has it.
    ve2 = tables.mentions[tables.mentions.entity_id == maduro]
    assert set(ve2.canonical) == {"Nicolás Maduro", "Maduro"}


def test_pipeline_keeps_rodrigo_paz_jaime_paz_zamora_and_a_bare_paz_apart(news):
    tables = news["tables"]
    rodrigo, jaime = person_id(tables, "bo-1", "Rodrigo Paz"), person_id(tables, "bo-2", "Jaime Paz Zamora")
    assert person_id(tables, "bo-1", "Paz") == rodrigo and person_id(tables, "bo-2", "Paz Zamora") == jaime
    assert len({rodrigo, jaime, person_id(tables, "bo-3", "Paz")}) == 3


def test_pipeline_gives_putin_one_id_however_written(news):
    tables = news["tables"]
    putin = {person_id(tables, r, t) for r, t in [("ru-1", "Vladímir Putin"), ("ru-2", "Vladimir Putin"), ("de-1", "PUTIN")]}
    assert len(putin) == 1
    row = tables.corpus_entities.set_index("entity_id").loc[putin.pop()]
    assert (row.canonical, row.n_documents) == ("Vladímir Putin", 3)


def test_pipeline_joins_onu_to_the_name_the_corpus_states(news):
    tables = news["tables"]
    onu = person_id(tables, "un-1", "Organización de las Naciones Unidas")
    assert person_id(tables, "un-2", "ONU") == onu
    assert tables.corpus_entities.set_index("entity_id").loc[onu, "n_documents"] == 2


def test_corpus_entities_written_in_csv_and_parquet_as_the_api_returns_them(news, nlp, tmp_path):
    tables = news["tables"]
    assert list(tables.corpus_entities.columns) == columns("corpus_entities")
    out = tmp_path / "out"
    run([news["corpus"]], out, nlp=nlp, formats=("csv", "parquet"))
    for fmt in ("csv", "parquet"):
        for table in ("mentions", "entities", "corpus_entities"):
            pd.testing.assert_frame_equal(read_table(out / f"{table}.{fmt}", table), getattr(tables, table))
    tables.write(tmp_path / "api", formats=("csv", "parquet"))
    assert read_table(tmp_path / "api" / "corpus_entities.parquet", "corpus_entities").equals(tables.corpus_entities)


def test_incremental_run_gives_the_corpus_of_a_fresh_run(news, nlp, tmp_path):
    out = tmp_path / "out"
    first = write_corpus(tmp_path / "news.jsonl", ARTICLES[:1] + ARTICLES[2:])  # without the bare "Maduro"
    run([first], out, nlp=nlp, formats=("parquet",))
    before = read_table(out / "corpus_entities.parquet", "corpus_entities")
    assert before.set_index("canonical").loc["Nicolás Maduro", "n_documents"] == 1
    write_corpus(tmp_path / "news.jsonl")
    summary = run([first], out, nlp=nlp, formats=("parquet",), incremental=True)
    assert (summary.documents_ok, summary.documents_unchanged) == (1, len(ARTICLES) - 1)
    fresh = news["tables"]
    got = read_table(out / "corpus_entities.parquet", "corpus_entities")
    pd.testing.assert_frame_equal(got, fresh.corpus_entities)
    written = Tables(*(read_table(out / f"{t}.parquet", t) for t in TABLES))
    got_ids = pd.DataFrame({"row": row_ids(written), "mention": written.mentions.mention_id, "id": written.mentions.entity_id})
    want_ids = pd.DataFrame({"row": row_ids(fresh), "mention": fresh.mentions.mention_id, "id": fresh.mentions.entity_id})
    key = ["row", "mention"]
    pd.testing.assert_frame_equal(
        got_ids.sort_values(key).reset_index(drop=True), want_ids.sort_values(key).reset_index(drop=True)
    )


def test_extract_text_gives_mentions_their_entity_id(nlp):
    df = pipeline.extract_text("Nicolás Maduro habló con Vladímir Putin. Maduro viajó a Moscú.", nlp=nlp)
    people = df[df.label == "PERSON"]
    assert people.entity_id.nunique() == 2 and people.entity_id.notna().all()


def test_tables_of_an_earlier_version_without_entity_ids_are_read_and_built_on(news, nlp, tmp_path):
    """An output folder written before the corpus pass: no entity_id columns, no corpus_entities."""
    out = tmp_path / "out"
    run([news["corpus"]], out, nlp=nlp, formats=("csv", "parquet"))
    folder = current_tables(out)
    for table in ("mentions", "entities"):
        frame = read_table(folder / f"{table}.parquet", table).drop(columns="entity_id")
        frame.to_parquet(folder / f"{table}.parquet", index=False)
        frame.to_csv(folder / f"{table}.csv", index=False)
    for fmt in ("csv", "parquet"):
        (folder / f"corpus_entities.{fmt}").unlink()
        assert read_table(folder / f"mentions.{fmt}", "mentions").entity_id.isna().all()
    loaded = load_run(out)  # the report builds the corpus pass's columns and table
    pd.testing.assert_frame_equal(loaded.corpus_entities, news["tables"].corpus_entities)
    summary = run([news["corpus"]], out, nlp=nlp, formats=("csv", "parquet"), incremental=True)
    assert summary.documents_unchanged == len(ARTICLES)
    for table in ("mentions", "entities", "corpus_entities"):
        pd.testing.assert_frame_equal(read_table(out / f"{table}.csv", table), getattr(news["tables"], table))


def test_names_without_kb_id_join_the_identity_with_one_written_alike():
    amlo = "Andrés Manuel López Obrador"
    tables = corpus_tables(
        [
            mention("a", "AMLO", canonical=amlo, kb_id="Q317539"),
            mention("b", amlo),
            mention("c", "López Obrador"),
            mention("d", "Venezuela", "COUNTRY", canonical="Venezuela", kb_id="VE"),
            mention("e", "Venezuela", "COUNTRY"),
        ]
    )
    kb = entity_id("PERSON", "kb:Q317539")
    assert {one_id(tables, d, t) for d, t in [("a", "AMLO"), ("b", amlo), ("c", "López Obrador")]} == {kb}
    assert one_id(tables, "e", "Venezuela") == one_id(tables, "d", "Venezuela") == entity_id("COUNTRY", "kb:VE")
    row = tables.corpus_entities.set_index("entity_id").loc[kb]
    assert (row.canonical, row.kb_id, row.n_documents) == (amlo, "Q317539", 3)


def test_a_datelines_agency_is_no_entity_of_the_corpus(news):
    tables = news["tables"]
    agency = tables.mentions[(tables.mentions.section == "dateline") & (tables.mentions.label == "ORG")]
    assert set(agency.text) == {"EFE"} and agency.entity_id.isna().all()
    assert "EFE" not in set(tables.corpus_entities.canonical)
