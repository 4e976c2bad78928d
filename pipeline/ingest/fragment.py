"""A piece of text that remembers where each of its characters came from.

Cleaning steps take a `Fragment` and give a `Fragment`: cutting markup out of
it keeps, for every remaining character, its offset in the raw text, so the
clean text can always be mapped back.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


class Fragment:
    """Text made of raw ranges ``[(raw_start, raw_end), …]`` of one raw string."""

    __slots__ = ("raw", "ranges", "_text")

    def __init__(self, raw: str, ranges: list[tuple[int, int]]):
        self.raw = raw
        self.ranges = [(a, b) for a, b in ranges if b > a]
        self._text: str | None = None

    @classmethod
    def whole(cls, raw: str, start: int = 0, end: int | None = None) -> Fragment:
        return cls(raw, [(start, len(raw) if end is None else end)])

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "".join(self.raw[a:b] for a, b in self.ranges)
        return self._text

    def __len__(self) -> int:
        return sum(b - a for a, b in self.ranges)

    def __bool__(self) -> bool:
        return len(self) > 0

    def __repr__(self) -> str:
        return f"Fragment({self.text!r})"

    def raw_offset(self, i: int) -> int:
        """Raw offset of the character at clean offset ``i`` of this fragment."""
        for a, b in self.ranges:
            if i < b - a:
                return a + i
            i -= b - a
        return self.ranges[-1][1] if self.ranges else 0

    def slice(self, start: int, end: int | None = None) -> Fragment:
        """The sub-fragment ``[start:end]`` in this fragment's own offsets."""
        end = len(self) if end is None else end
        out: list[tuple[int, int]] = []
        pos = 0
        for a, b in self.ranges:
            n = b - a
            lo, hi = max(start - pos, 0), min(end - pos, n)
            if lo < hi:
                out.append((a + lo, a + hi))
            pos += n
            if pos >= end:
                break
        return Fragment(self.raw, out)

    def cut(self, start: int, end: int) -> Fragment:
        """This fragment without ``[start:end]``."""
        left, right = self.slice(0, start), self.slice(end)
        return Fragment(self.raw, left.ranges + right.ranges)

    def strip(self) -> Fragment:
        t = self.text
        lead = len(t) - len(t.lstrip())
        trail = len(t.rstrip())
        return self.slice(lead, max(trail, lead))

    def remove(self, pattern: re.Pattern, keep: str | int | None = None) -> Fragment:
        """Cuts every match of ``pattern``, keeping group ``keep`` of each if given."""
        frag = self
        for m in reversed(list(pattern.finditer(self.text))):
            if keep is not None and m.group(keep) is not None:
                ks, ke = m.span(keep)
                frag = frag.cut(ke, m.end()).cut(m.start(), ks)
            else:
                frag = frag.cut(m.start(), m.end())
        return frag

    def lines(self) -> Iterator[Fragment]:
        """Splits on newlines (the newline chars are dropped)."""
        start = 0
        text = self.text
        for m in re.finditer(r"\r\n|\r|\n", text):
            yield self.slice(start, m.start())
            start = m.end()
        yield self.slice(start)

    @staticmethod
    def join(parts: list[Fragment], raw: str) -> Fragment:
        """Concatenates fragments of the same raw text (no separator)."""
        ranges: list[tuple[int, int]] = []
        for p in parts:
            ranges.extend(p.ranges)
        return Fragment(raw, ranges)
