"""The linkage registry: the one list read by ``linkages``, ``key_sectors``, the CLI and the docs."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import numpy as np
import pytest

from valuechain.errors import ValidationError
from valuechain.tables import IOTable

lk = importlib.import_module("valuechain.leontief.linkages")  # the package attribute is the function
DOC = Path(__file__).resolve().parents[2] / "docs" / "leontief.md"


def _table():
    # Miller & Blair (2009) table 2.3-like two-sector example, balanced by hand
    Z = np.array([[150.0, 500.0], [200.0, 100.0]])
    Y = np.array([[350.0], [1700.0]])
    x = np.array([1000.0, 2000.0])
    return IOTable.from_frames(Z, Y, x=x, industries=["ag", "mfg"])


def test_registry_functions_give_their_columns():
    t = _table()
    for name, fn in lk.LINKAGE_METHODS.items():
        df = fn(t)
        assert {f"{name}_backward", f"{name}_forward"} <= set(df.columns), name
    # Chenery-Watanabe backward = column sums of A: 0.15 + 0.20, 0.25 + 0.05
    cw = lk.LINKAGE_METHODS["chenery_watanabe"](t)
    assert np.allclose(cw["chenery_watanabe_backward"].to_numpy(), [0.35, 0.30])


def test_names_are_normalised_and_unknown_ones_rejected():
    assert lk.linkage_method(" Chenery-Watanabe ") == "chenery_watanabe"
    with pytest.raises(ValidationError, match="unknown linkage method"):
        lk.linkage_method("leontief")
    # the old private names still resolve for code not yet updated
    assert lk._FUNCS is lk.LINKAGE_METHODS and lk._method_name("A-B") == "a_b"


def test_docs_table_lists_every_registered_method():
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## Linkages"):text.index("## Key sectors")]
    documented = re.findall(r"^\| `(\w+)` \|", section, flags=re.M)
    assert documented == list(lk.LINKAGE_METHODS)
