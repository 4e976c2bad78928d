"""`span_values` reads the span extensions from ``doc.user_data`` at once: the same values as ``span._``."""

from spacy.tokens import Span, Token

from pipeline.nlp.extensions import SPAN_EXTENSIONS, span_values

ARTICLE = (
    "CARACAS, 14 feb (EFE). El presidente de Venezuela, Nicolás Maduro, destacó este jueves el incremento "
    "del 12 por ciento en el intercambio comercial con Rusia, que alcanzó 1.500 millones de dólares en 2021. "
    "Según el Banco Central, la inflación cayó al 3,2 % en enero y las exportaciones de Colombia crecieron "
    "un 5 %. Maduro viajará a Moscú el 20 de marzo con 40 empresarios."
)


def test_span_values_equal_what_each_entity_reads_through_its_underscore(nlp):
    doc = nlp(ARTICLE)
    values = span_values(doc)
    assert len(doc.ents) >= 10
    set_somewhere = set()
    for ent in doc.ents:
        own = values.get((ent.start_char, ent.end_char), {})
        for name in SPAN_EXTENSIONS:
            assert own.get(name) == getattr(ent._, name), (ent.text, name)
        set_somewhere.update(name for name, value in own.items() if value is not None)
    # The test means something only if the article sets the extensions the rows read.
    assert {"value", "value_num", "unit", "canonical", "source", "measure", "measure_head", "direction"} <= set_somewhere


def test_span_values_leave_out_token_doc_and_foreign_span_extensions(nlp):
    if not Token.has_extension("test_flag"):
        Token.set_extension("test_flag", default=None)
    if not Span.has_extension("test_other"):
        Span.set_extension("test_other", default=None)
    doc = nlp.make_doc("El PIB creció un 3,2 % en 2023.")
    doc[1]._.test_flag = True
    doc[1:2]._.test_other = "x"
    doc[1:2]._.canonical = "PIB"
    doc._.doc_id = "d1"
    assert span_values(doc) == {(doc[1].idx, doc[1].idx + 3): {"canonical": "PIB"}}
