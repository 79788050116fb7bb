"""The section registry: one module per section with a load and a build half, no shared string-keyed state,
no dependence on the order of the sections, every section documented."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from valuechain.report.sections import SECTIONS, section, section_keys

ROOT = Path(__file__).resolve().parents[2]
SECTIONS_DIR = ROOT / "src" / "valuechain" / "report" / "sections"


def test_one_module_per_section_with_its_halves():
    for s in SECTIONS:
        mod = importlib.import_module(f"valuechain.report.sections.{s.key}")
        assert mod.SECTION is s
        assert mod.load is s.load and mod.build is s.build
        assert s.summary, s.key
    assert len(set(section_keys())) == len(SECTIONS)
    assert section("trade").needs == "trade"
    with pytest.raises(KeyError, match="no report section"):
        section("nope")


def test_every_section_reads_a_study_section_the_schema_knows():
    from valuechain.report.study import STUDY_SCHEMA

    for s in SECTIONS:
        assert s.needs in STUDY_SCHEMA, s.key


def test_every_section_is_documented():
    text = (ROOT / "docs" / "report.md").read_text(encoding="utf-8")
    for s in SECTIONS:
        assert f"`{s.key}`" in text or f"[{s.needs}]" in text, s.key


def test_no_shared_cache_and_no_text_rewritten_after_the_fact():
    """Sections share no string-keyed cache and never rewrite built text with a regular expression."""
    for f in sorted(SECTIONS_DIR.glob("*.py")):
        tree = ast.parse(f.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute):
                assert node.attr not in ("cache", "once", "highlight"), f"{f.name}: .{node.attr}"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "sub":
                base = node.func.value
                assert not (isinstance(base, ast.Name) and base.id in ("re", "pat")), f"{f.name}: regular-expression rewrite"


def _tables(doc):
    # 9 significant digits: the engine's parallel sums may differ in the last bits between runs
    return {t.key: t.df.to_csv(index=False, float_format="%.9g") for t in doc.tables if t.key not in ("claims",)}


def test_the_page_does_not_depend_on_the_order_of_the_sections(monkeypatch):
    """Building the sections in reverse order gives the same tables (only the page order is the registry's)."""
    import valuechain.report.build as build
    from valuechain.report.demo import demo_study

    study = demo_study("example")
    a = build.assemble(study)
    rev = tuple(reversed([s for s in SECTIONS if not s.after_page])) + tuple(s for s in SECTIONS if s.after_page)
    monkeypatch.setattr(build, "SECTIONS", rev)
    b = build.assemble(study)
    ta, tb = _tables(a), _tables(b)
    assert ta.keys() == tb.keys()
    for k in ta:
        assert ta[k] == tb[k], k
