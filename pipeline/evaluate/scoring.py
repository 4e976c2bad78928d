"""Precision, recall and F1 from counts: the one formula and the one counting class every report uses."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field


def ratio(part: int, whole: int) -> float:
    """``part / whole``, 0.0 when ``whole`` is 0."""
    return part / whole if whole else 0.0


def f1(p: float, r: float) -> float:
    """The harmonic mean of precision and recall (0.0 when both are 0)."""
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    """What a report counts: gold items, predictions, and named counts of what matched.

    Attributes:
        gold: Gold items seen.
        predicted: Predictions seen.
        hits: Matches per criterion the report scores by ("exact", "relaxed",
            "value", …), and any other count it divides ("unit_checked").
        by_label: The same counts for each label, where the report breaks them down.
        notes: Examples for a person to read, per kind ("missed", "extra", …).
    """

    gold: int = 0
    predicted: int = 0
    hits: Counter[str] = field(default_factory=Counter)
    by_label: dict[str, Score] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)

    def add(self, predicted: Iterable[Hashable], gold: Iterable[Hashable], *, labels: Iterable[str] = ()) -> None:
        """Counts the ``"exact"`` matches of one text's predicted and gold keys (a duplicate counts once).

        With ``labels``, also the counts of each of those labels in `by_label`;
        a key is then ``(start, end, label)``.
        """
        predicted, gold = set(predicted), set(gold)
        self.gold += len(gold)
        self.predicted += len(predicted)
        self.hits["exact"] += len(predicted & gold)
        for label in labels:
            self.by_label.setdefault(label, Score()).add(
                {k for k in predicted if k[-1] == label}, {k for k in gold if k[-1] == label}
            )

    def of(self, label: str | None) -> Score:
        """The counts of one label (empty if it was never counted), or all counts if ``label`` is None."""
        return self if label is None else self.by_label.get(label, Score())

    def prf(self, hits: str = "exact", *, gold_hits: str | None = None) -> tuple[float, float, float]:
        """``(precision, recall, F1)`` by one criterion.

        A one-to-one match is both a right prediction and a found gold item.
        Where they differ (TempEval-3: any overlap counts, on either side),
        ``hits`` counts the right predictions and ``gold_hits`` the found gold items.
        """
        p = ratio(self.hits[hits], self.predicted)
        r = ratio(self.hits[gold_hits or hits], self.gold)
        return p, r, f1(p, r)

    def share(self, part: str, whole: str) -> float:
        """One named count over another ("value" among "relaxed"), 0.0 when the second is 0."""
        return ratio(self.hits[part], self.hits[whole])

    def note(self, kind: str, text: str) -> None:
        """Keeps one example of ``kind`` ("missed", "extra", "wrong value") for the detailed report."""
        self.notes.setdefault(kind, []).append(text)
