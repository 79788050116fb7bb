"""The documentation site's generated parts (docs/_scripts), checked without building the site:
every public name gets a reference page pointing at the right object, every formula of the
package converts to MathML, and the reST of docstrings becomes Markdown. (CI builds the whole
site with ``mkdocs build --strict``.)"""

from __future__ import annotations

import importlib
import inspect
import re
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[1] / "docs" / "_scripts"
sys.path.insert(0, str(SCRIPTS))


def _resolve(ident: str):
    parts = ident.split(".")
    for k in range(len(parts) - 1, 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:k]))
        except ImportError:
            continue
        for p in parts[k:]:
            obj = getattr(obj, p)
        return obj
    raise ImportError(ident)


def test_every_public_name_has_a_page_on_its_own_object():
    import valuechain
    from refmap import reference_map

    ref = reference_map()
    assert sorted(ref) == sorted(valuechain.__all__)
    for name, (group, ident) in ref.items():
        assert _resolve(ident) is getattr(valuechain, name), (name, ident)


def test_rst_to_markdown_hand_written():
    pytest.importorskip("griffe")
    from griffe_rst import rst_to_markdown

    doc = ("Flegg's LQ.\n\n.. math::\n\n    FLQ_{ij} = CILQ_{ij} \\cdot \\lambda^*\n\nwith :math:`\\delta` and "
           ":func:`~valuechain.regional.slq`.\n\n.. [1] Flegg, A. T. (1995).\n")
    md = rst_to_markdown(doc)
    assert "$$\nFLQ_{ij} = CILQ_{ij} \\cdot \\lambda^*\n$$" in md
    assert "$\\delta$" in md and "`slq`" in md and "[1] Flegg" in md and ".. " not in md


def test_every_formula_of_the_package_converts_to_mathml():
    latex2mathml = pytest.importorskip("latex2mathml.converter")
    pytest.importorskip("griffe")
    import valuechain
    from griffe_rst import rst_to_markdown

    seen, failed = 0, []
    for name in valuechain.__all__:
        obj = getattr(valuechain, name)
        objs = [obj] + ([m for _, m in inspect.getmembers(obj) if inspect.isfunction(m)] if inspect.isclass(obj) else [])
        for o in objs:
            md = rst_to_markdown(inspect.getdoc(o) or "")
            for tex in re.findall(r"\$\$\n(.*?)\n\s*\$\$", md, re.S) + re.findall(r"(?<!\$)\$([^$\n]+)\$(?!\$)", md):
                seen += 1
                try:
                    latex2mathml.convert(tex.strip())
                except Exception as exc:  # noqa: BLE001
                    failed.append((name, tex[:60], type(exc).__name__))
    assert seen > 50
    assert not failed, failed[:10]
