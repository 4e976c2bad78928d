"""The guard measure: CoNLL reading, article grouping, gold offsets and counts."""

from __future__ import annotations

from pipeline.evaluate.conll import read_iob
from pipeline.evaluate.guards import Counts, articles

IOB = """Lima NC B-LOC
, Fc O
14 Z O
jun NC O
( Fpa O
EFE NC B-ORG
) Fpt O
. Fp O

- Fg O

El DA O
Banco NC B-ORG
Central AQ I-ORG
de SP I-ORG
Chile NC I-ORG
subió VMI O
. Fp O

Madrid NC B-LOC
, Fc O
9 Z O
jun NC O
( Fpa O
EFE NC B-ORG
) Fpt O
. Fp O

- Fg O

Según SP O
Aznar NC B-PER
. Fp O
"""


def test_articles_group_sentences_with_gold_offsets(tmp_path):
    path = tmp_path / "mini.iob"
    path.write_text(IOB, encoding="utf-8")
    arts = list(articles(read_iob(path)))
    assert len(arts) == 2
    first = arts[0]
    assert first.text.startswith("Lima , 14 jun ( EFE ) . - El Banco Central de Chile subió .")
    assert sorted((first.text[s:e], label) for s, e, label in first.gold) == [
        ("Banco Central de Chile", "ORG"),
        ("EFE", "ORG"),
        ("Lima", "LOC"),
    ]
    assert ("Aznar", "PER") in {(arts[1].text[s:e], label) for s, e, label in arts[1].gold}


def test_counts_separate_gains_from_costs():
    gold = {(0, 4, "LOC"), (10, 15, "PER")}
    c = Counts()
    before = {(0, 4, "LOC"), (5, 9, "PER"), (10, 15, "ORG")}
    after = {(5, 9, "LOC"), (10, 15, "PER")}  # dropped a right one, relabelled two
    c.add(before, after, gold, "x" * 20)
    assert (c.fp_removed, c.tp_lost, c.tp_added, c.fp_added) == (2, 1, 1, 1)
    assert c.net == 1
