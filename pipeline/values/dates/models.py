"""What the date finder passes around: a rule's candidate, the context it resolves in, the match it yields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.values.tense import tense_near

# kinds that give way to a longer name the model found around them ("Plaza de Mayo", "Navidades y Año Nuevo")
WEAK_KINDS = frozenset({"month", "year", "weekday", "vague", "anaphor", "holiday"})


@dataclass(frozen=True)
class DateMatch:
    """A date expression found in a text: where it is, its value and its kind."""

    start: int
    end: int
    value: str
    kind: str = "day"


@dataclass
class Candidate:
    """A span a rule found; ``resolve`` gives its value once the context is known."""

    start: int
    end: int
    kind: str
    resolve: Resolver
    parts: dict = field(default_factory=dict)


@dataclass
class Context:
    """What a resolver may read: the text, the reference date, the candidate's span, and what the text named before it."""

    text: str
    reference: dt.date | None
    start: int = 0
    end: int = 0
    last_day: dt.date | None = None
    last_value: str | None = None

    def tense(self, *, clause_only: bool = False) -> str | None:
        """The tense of the candidate's clause, else of its sentence (`pipeline.values.tense`): past, future or None."""
        return tense_near(self.text, self.start, self.end, clause_only=clause_only)


Resolver = Callable[[Context], str | None]
