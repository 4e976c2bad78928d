"""The guard registry: every guard is a named function ``(doc, ents) -> ents``.

A guard returns the entities it keeps, the same Span objects when it changes
nothing, so what it does is a plain difference of span sets
(`pipeline.evaluate.guards` measures each one alone). Register one with
``@guard("name")``; `pipeline.nlp.guards.DEFAULT_GUARDS` says where it runs.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span

Guard = Callable[[Doc, list[Span]], list[Span]]
GUARDS: dict[str, Guard] = {}


def guard(name: str) -> Callable[[Guard], Guard]:
    """Registers the decorated function as the guard ``name``."""

    def register(func: Guard) -> Guard:
        if name in GUARDS:
            raise ValueError(f"guard {name!r} is registered twice ({GUARDS[name].__module__}, {func.__module__})")
        GUARDS[name] = func
        return func

    return register
