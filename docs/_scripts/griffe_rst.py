"""Griffe extension: the reST bits of numpydoc docstrings as Markdown the site renders.

``.. math::`` blocks become ``$$ … $$`` (rendered to MathML at build time by hooks.py),
``:math:`x``` becomes ``$x$``, cross-reference roles (``:func:`~a.b.c```) become code, and
``.. [1] …`` reference labels become ``[1] …``.
"""

from __future__ import annotations

import re

import griffe

_ROLE = re.compile(r":(?:py:)?(?:func|class|meth|mod|data|attr|obj|exc|const|ref):`~?([^`]+)`")
_MATH = re.compile(r":math:`([^`]+)`")
_CITE = re.compile(r"^(\s*)\.\. \[([^\]]+)\]\s*", re.M)


def rst_to_markdown(text: str) -> str:
    """Convert the reST constructs of a docstring to Markdown (see the module docstring)."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        m = re.match(r"^(\s*)\.\. math::\s*(.*)$", ln)
        if not m:
            out.append(ln)
            i += 1
            continue
        ind, rest = m.group(1), m.group(2).strip()
        body = [rest] if rest else []
        i += 1
        while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > len(ind)):
            body.append(lines[i].strip())
            i += 1
        body = [b for b in body if b and not b.startswith(":label:") and not b.startswith(":nowrap:")]
        out += ["", f"{ind}$$", *[f"{ind}{b}" for b in body], f"{ind}$$", ""]
    s = "\n".join(out)
    s = _MATH.sub(lambda m: f"${m.group(1)}$", s)
    s = _ROLE.sub(lambda m: f"`{m.group(1).split('.')[-1] if m.group(1).startswith('valuechain') else m.group(1)}`", s)
    s = _CITE.sub(lambda m: f"{m.group(1)}[{m.group(2)}] ", s)
    return s


class RstToMarkdown(griffe.Extension):
    """Rewrite each docstring once, when its object is loaded."""

    def _fix(self, obj) -> None:
        if obj.docstring is not None and obj.docstring.value:
            obj.docstring.value = rst_to_markdown(obj.docstring.value)

    def on_object(self, *, obj, **kwargs) -> None:  # griffe >= 1.? (every object)
        self._fix(obj)
