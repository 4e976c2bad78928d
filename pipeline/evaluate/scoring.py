"""Precision, recall and F1 from counts: the one formula every report uses."""

from __future__ import annotations


def prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """``(precision, recall, F1)`` of ``hits`` among ``predicted`` predictions and ``gold`` gold items (0.0 when empty)."""
    p = hits / predicted if predicted else 0.0
    r = hits / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
