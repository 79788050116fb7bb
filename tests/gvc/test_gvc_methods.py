"""The GVC method registry holds the CLI's choices, docs/gvc.md's method table and decomposition() together."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from valuechain.cli import app
from valuechain.cli import gvc as cli_gvc
from valuechain.errors import ValidationError
from valuechain.gvc import GVC_METHODS, STANDARD_TERMS, decomposition, read_decompr

DOC = Path(__file__).resolve().parents[2] / "docs" / "gvc.md"


def _docs_rows():
    text = DOC.read_text(encoding="utf-8")
    return re.findall(r"^\| `(\w+)` \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$", text, flags=re.M)


def test_docs_table_is_the_registry():
    rows = [r for r in _docs_rows() if r[0] in GVC_METHODS or "detailed" in r[5] or "standard" in r[5]]
    assert [r[0] for r in rows] == list(GVC_METHODS), "docs/gvc.md's method table must list GVC_METHODS in order"
    for name, title, persp, appr, levels, terms, ref in rows:
        m = GVC_METHODS[name]
        assert title.strip() == m.title
        assert persp.strip() == ", ".join(m.perspectives)
        assert appr.strip() == (", ".join(m.approaches) or "-")
        assert levels.strip() == ", ".join(m.levels)
        assert terms.strip() == ", ".join(m.terms)
        assert ref.strip() == m.reference


def test_cli_help_and_choices_are_the_registry():
    listed = [s.strip() for s in cli_gvc._METHOD_HELP.split("(")[0].split("|")]
    assert listed == list(GVC_METHODS)
    r = CliRunner().invoke(app, ["gvc", "--help"])
    assert r.exit_code == 0
    for name in GVC_METHODS:
        assert name in r.output


def test_registry_entries_are_consistent():
    for m in GVC_METHODS.values():
        assert m.default_level in m.levels
        assert set(m.terms) <= {"detailed", "standard"}
        if "standard" in m.terms:
            assert m.standard and all(k in STANDARD_TERMS for k in m.standard.values())
            assert set(m.standard) == (set(m.approaches) if m.approaches else {""})
        else:
            assert not m.standard


@pytest.fixture(scope="module")
def leather(shared_data):
    return read_decompr(shared_data / "leather_decompr_example")


def test_every_registered_layout_runs(leather):
    for m in GVC_METHODS.values():
        for terms in m.terms:
            for appr in (m.approaches or (None,)):
                if terms == "detailed" and m.name == "absorption":
                    r = decomposition(leather, m.name, terms=terms)
                else:
                    r = decomposition(leather, m.name, terms=terms, approach=appr)
                assert r.identities_hold(rtol=1e-8), (m.name, terms, appr)
                if terms == "standard":
                    cols = list(r.table.columns)
                    assert cols[0] == "exporter" and cols[1:] == list(STANDARD_TERMS[m.standard[appr or ""]])


def test_decomposition_refuses_what_the_registry_does_not_list(leather):
    with pytest.raises(ValidationError, match="unknown"):
        decomposition(leather, "nope")
    with pytest.raises(ValidationError, match="not available"):
        decomposition(leather, "tiva", terms="standard")
    with pytest.raises(ValidationError, match="not available"):
        decomposition(leather, "my", approach="sink", terms="standard")
    with pytest.raises(ValidationError, match="terms='standard'"):
        decomposition(leather, "kww", groups="G=Argentina,Turkey")
