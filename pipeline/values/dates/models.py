"""What the date finder passes around: a rule's candidate, the context it resolves in, the match it yields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.values.tense import tense_near

# Days from the reference past which a day named in an earlier paragraph is no anchor for an anaphor.
ANAPHOR_REACH_DAYS = 7
PARAGRAPH_BREAK = "\n\n"

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
    last_day_end: int = 0  # where the last day named ends in the text
    last_value: str | None = None

    def story_day(self) -> dt.date | None:
        """The day an anaphor ("la víspera", "al día siguiente") counts from: the last day the text named, unless
        it is named in an earlier paragraph and lies weeks from the reference (a background fact, "la
        administración inició el 1 de diciembre de 2018"): then the reference, the story's own day."""
        last = self.last_day
        if last is None:
            return self.reference
        far = self.reference is not None and abs((last - self.reference).days) > ANAPHOR_REACH_DAYS
        if far and PARAGRAPH_BREAK in self.text[self.last_day_end : self.start]:
            return self.reference
        return last

    def tense(self, *, clause_only: bool = False) -> str | None:
        """The tense of the candidate's clause, else of its sentence (`pipeline.values.tense`): past, future or None."""
        return tense_near(self.text, self.start, self.end, clause_only=clause_only)


Resolver = Callable[[Context], str | None]
