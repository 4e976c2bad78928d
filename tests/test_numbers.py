"""The pure number parser: digits, words, fractions, scale words, signs; None for what is no number."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from text_to_num import alpha2digit

from pipeline.values.figures import find_figures
from pipeline.values.number_scan import find_numbers, parse_number
from pipeline.values.numbers import format_number, parse_digits

DIGITS = [
    ("1.500", 1500.0),
    ("2,7", 2.7),
    ("43.5", 43.5),
    ("1,500", 1500.0),
    ("1.234,56", 1234.56),
    ("1,234.56", 1234.56),
    ("1.234.567", 1234567.0),
    ("1111.121", 1111.121),  # four digits before the mark: not a thousands group
    ("-101231,4323", -101231.4323),
    ("−12", -12.0),
    (",08", 0.08),
    ("1 234 567", 1234567.0),
    ("40\u202f000", 40000.0),
]


@pytest.mark.parametrize(("text", "value"), DIGITS, ids=[t for t, _ in DIGITS])
def test_parse_digits_reads_both_decimal_marks(text, value):
    assert parse_digits(text) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "decimal", "value"),
    [
        ("1,275 millones", None, 1.275e9),
        ("1,275 millones", ",", 1.275e6),
        ("1,275 millones", ".", 1.275e9),
        ("1.275 millones", ".", 1.275e6),
        ("1.275 millones", ",", 1.275e9),
        ("3,5 millones", ".", 3.5e6),  # unambiguous: the same in every locale
    ],
)
def test_find_numbers_reads_the_ambiguous_shape_by_the_decimal_mark(text, decimal, value):
    assert [n.value for n in find_numbers(text, decimal)] == [pytest.approx(value)]


def test_find_numbers_refuses_an_unknown_decimal_mark():
    with pytest.raises(ValueError, match="decimal must be"):
        find_numbers("1,5", ";")


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", "1,23,4", "12a", "--", ".", "1..2", "1.234,5.6"])
def test_parse_digits_gives_none_for_impossible_input(text):
    assert parse_digits(text) is None


NUMBERS = [
    ("doce", 12.0),
    ("veintiún", 21.0),
    ("veintiun billones", 21e12),
    ("veintitres", 23.0),
    ("treinta y cinco", 35.0),
    ("cincuenta   y   dos", 52.0),
    ("quinientos treinta y cinco", 535.0),
    ("un mil", 1000.0),
    ("mil millones", 1e9),
    ("dos mil millones", 2e9),
    ("3,5 millones", 3.5e6),
    ("43.5 millones", 43.5e6),
    ("1,2 millones", 1.2e6),
    ("40.000 millones", 4e10),
    ("1,17 mil millones", 1.17e9),
    ("un millardo", 1e9),
    ("2 millardos", 2e9),
    ("tres billones", 3e12),
    ("1 billón", 1e12),
    ("tres billones cuatrocientos cincuenta y cinco mil doscientos veintiocho millones", 3455228e6),
    ("un millón y medio", 1.5e6),
    ("2 millones y medio", 2.5e6),
    ("medio millón", 5e5),
    ("cinco y medio", 5.5),
    ("10k", 1e4),
    ("2,33 k", 2330.0),
    ("5 M", 5e6),
    ("3 docenas", 36.0),
    ("media docena", 6.0),
    ("1/2", 0.5),
    ("-4/5", -0.8),
    ("2 1/4", 2.25),
    ("½", 0.5),
    ("tres quintos", 0.6),
    ("dos tercios", 2 / 3),
    ("ciento treinta con dos quintos", 130.4),
    ("un veintiunavo", 1 / 21),
    ("cien treintaicincoavos", 100 / 35),
    ("tres dosmilesimos", 0.0015),
    ("uno sobre tres", 1 / 3),
    ("1 sobre 21", 1 / 21),
    ("cuarenta y siete coma veintiocho", 47.28),
    ("doscientos coma cero tres", 200.03),
    ("siete con cincuenta", 7.5),
    ("1e10", 1e10),
    ("12,32e+14", 1.232e15),
    ("2,5^-1", 0.4),
    ("-12", -12.0),
    ("322 mil 415", 322415.0),  # digit groups as Mexican papers write them
    ("7 mil 250 millones", 7.25e9),
    ("mil 100 millones", 1.1e9),
    ("3 millones 400 mil", 3.4e6),
    ("2 mil 100 millones 500 mil", 2.1005e9),
    ("dos mil 40", 2040.0),
]


@pytest.mark.parametrize(("text", "value"), NUMBERS, ids=[t for t, _ in NUMBERS])
def test_parse_number_reads_digits_words_fractions_and_scales(text, value):
    assert parse_number(text) == pytest.approx(value, rel=1e-9)


NOT_ONE_NUMBER = [
    "12 por ciento",  # a number and more
    "COVID-19",
    "G20",
    "A320",
    "21/2021",
    "10:30",
    "4to",
    "millones",  # a scale word alone is vague
    "miles",
    "cientos",
    "unos",
    "tercer",
    "medio",
    "hola",
    "",
]


@pytest.mark.parametrize("text", NOT_ONE_NUMBER)
def test_parse_number_gives_none_for_what_is_not_one_number(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "wrong"), [("veintiún", "veintiún"), ("12 por ciento", "12 por 100"), ("3,5 millones", "3,5 1000000")]
)
def test_text2num_pitfalls_that_the_guards_fix(text, wrong):
    # text2num alone gets these wrong; the parser gets them right (the cases above)
    assert alpha2digit(text, "es") == wrong


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Airbus A320, el G20 y la COVID-19", []),
        ("la ley 21/2021 del 21/11/2021", []),
        ("a las 10:30, el 4to piso, el 1º", []),
        ("https://www.radiohc.cu/noticias/283549-presidente", []),
        ("llegaron 2.500 soldados", [("2.500", 2500.0)]),
        ("unos 80 países", [("80", 80.0)]),
    ],
    ids=["names", "law-and-date", "time-ordinals", "url", "digits", "vague-unos"],
)
def test_find_numbers_skips_digits_in_codes(text, found):
    numbers = [(text[n.start : n.end], n.value) for n in find_numbers(text) if not n.article]
    assert numbers == found


@pytest.mark.parametrize(("value", "text"), [(12.0, "12"), (2.7, "2.7"), (4e10, "40000000000"), (-0.5, "-0.5")])
def test_format_number_gives_one_canonical_text(value, text):
    assert format_number(value) == text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_parser_never_raises_on_arbitrary_text(text):
    value = parse_number(text)
    assert value is None or isinstance(value, float)
    assert parse_digits(text) is None or isinstance(parse_digits(text), float)
    find_numbers(text)
    find_figures(text)


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "P", "S")), min_size=1, max_size=20).filter(
        lambda t: not any(c in "½¼¾⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞⅐⅑⅒" for c in t)
    )
)
def test_parser_gives_none_for_text_without_numbers(text):
    # letters, punctuation and symbols only: a number needs digits or number words
    from pipeline.values.numbers import cardinal_word

    words = "".join(c if c.isalpha() else " " for c in text).split()
    if not any(cardinal_word(w) for w in words):
        assert parse_number(text) is None


PIECES = [
    "1",
    "1.500",
    "2,7",
    ",08",
    "-",
    "+",
    "/",
    "3/4",
    "e10",
    "^",
    "mil",
    "millones",
    "billón",
    "y",
    "medio",
    "coma",
    "con",
    "sobre",
    "tres",
    "veintiún",
    "quintos",
    "%",
    "por ciento",
    "$",
    "US$",
    "dólares",
    "de",
    "km",
    "k",
    "M",
    "un",
    "½",
    ":",
    "º",
    "A",
    "-19",
    "ley",
    "las",
    "enero",
    " ",
    "\u202f",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map(" ".join))
def test_parser_never_raises_on_number_like_text(text):
    value = parse_number(text)
    assert value is None or isinstance(value, float)
    for figure in find_figures(text):
        assert 0 <= figure.start < figure.end <= len(text)
        assert isinstance(figure.value, float)
