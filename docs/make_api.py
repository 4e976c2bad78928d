"""Writes docs/api.md, the public Python API, from the docstrings: ``make docs`` (``python docs/make_api.py``).

``tests/test_api_docs.py`` fails when docs/api.md differs from what this
writes, so a changed signature or docstring cannot leave the page behind.
Google-style sections (``Args:``, ``Returns:``, ``Raises:``) become lists;
the rest of a docstring is kept as written (its backquotes are Markdown code).
"""

from __future__ import annotations

import importlib
import inspect
import re
import sys
from pathlib import Path

PAGE = Path(__file__).resolve().parent / "api.md"
# What a user calls, in the order the page gives it: (the name users write, module, attribute).
API = [
    ("pipeline.load", "pipeline.nlp.build", "load"),
    ("pipeline.extract", "pipeline.run", "extract"),
    ("pipeline.extract_text", "pipeline.run", "extract_text"),
    ("pipeline.Tables", "pipeline.write", "Tables"),
    ("pipeline.render", "pipeline.render", "render"),
    ("pipeline.render.Rendered", "pipeline.render", "Rendered"),
    ("pipeline.report.write_report", "pipeline.report", "write_report"),
    ("pipeline.engines.local.run", "pipeline.engines.local", "run"),
    ("pipeline.nlp.build.ModelNotFoundError", "pipeline.nlp.build", "ModelNotFoundError"),
]
SECTIONS = {"Args": "Arguments", "Arguments": "Arguments", "Returns": "Returns", "Raises": "Raises", "Yields": "Yields"}
INTRO = """\
# Python API

Generated from the docstrings by `make docs` (`python docs/make_api.py`); a
test fails when this page is out of date. `import pipeline` gives `load`,
`extract`, `extract_text`, `render`, `Tables` and `__version__`; the README's
notebook section shows them at work.
"""


def signature(name: str, obj: object) -> str:
    """``name(param: type = default, *, …) -> type`` with the annotations as written in the source."""
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return name
    parts, star = [], False
    for param in sig.parameters.values():
        if param.name == "self":
            continue
        if param.kind is param.KEYWORD_ONLY and not star:
            parts.append("*")
            star = True
        if param.kind is param.VAR_POSITIONAL:
            star = True
        text = {param.VAR_POSITIONAL: "*", param.VAR_KEYWORD: "**"}.get(param.kind, "") + param.name
        if param.annotation is not param.empty:
            text += f": {_annotation(param.annotation)}"
        if param.default is not param.empty:
            text += f" = {param.default!r}" if param.annotation is not param.empty else f"={param.default!r}"
        parts.append(text)
    result = f"{name}({', '.join(parts)})"
    if sig.return_annotation is not sig.empty and not inspect.isclass(obj):
        result += f" -> {_annotation(sig.return_annotation)}"
    return result


def _annotation(annotation: object) -> str:
    return annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)


def docstring(obj: object) -> str:
    """The docstring as Markdown: Google-style sections as bulleted lists, the rest as written."""
    doc = inspect.getdoc(obj) or ""
    out: list[str] = []
    section = None
    for line in doc.splitlines():
        header = re.fullmatch(r"(\w+):", line.strip())
        if header and header.group(1) in SECTIONS and not line.startswith(" "):
            section = SECTIONS[header.group(1)]
            out += ([] if out and not out[-1] else [""]) + [f"**{section}**", ""]
            continue
        if section and line.startswith("    ") and not line.startswith("        "):
            entry = re.match(r"    (\*{0,2}[\w.]+)(?: \(([^)]*)\))?: (.*)", line)
            if entry:
                out.append(f"- `{entry.group(1)}`: {entry.group(3)}")
            else:
                out.append(f"- {line.strip()}")
            continue
        if section and line.startswith("        "):
            out[-1] += " " + line.strip()
            continue
        if section and line.strip():
            section = None
            out.append("")
        out.append(line)
    return "\n".join(out).strip()


def entry(name: str, obj: object, level: int = 2) -> list[str]:
    kind = "class " if inspect.isclass(obj) else ""
    lines = [f"{'#' * level} `{name}`", "", "```python", f"{kind}{signature(name, obj)}", "```", "", docstring(obj), ""]
    if inspect.isclass(obj):
        for attr, member in vars(obj).items():
            if attr.startswith("_") or not (inspect.isfunction(member) or isinstance(member, property)):
                continue
            if isinstance(member, property):
                lines += [f"{'#' * (level + 1)} `{name}.{attr}` (property)", "", docstring(member), ""]
            else:
                lines += entry(f"{name}.{attr}", member, level + 1)
    return lines


def render() -> str:
    """The whole page."""
    lines = [INTRO]
    for name, module, attr in API:
        lines += entry(name, getattr(importlib.import_module(module), attr))
    return "\n".join(lines).rstrip() + "\n"


def main() -> int:
    PAGE.write_text(render(), encoding="utf-8")
    print(f"wrote {PAGE}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(PAGE.parent.parent))  # this checkout's package, run from anywhere
    raise SystemExit(main())
