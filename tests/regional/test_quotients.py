"""The LQ registry: one entry per method, what it needs, and the docs table read from it."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from valuechain.errors import ValidationError
from valuechain.regional import quotients as q
from valuechain.regional.lq import LQ_METHODS as OLD_LQ_METHODS
from valuechain.regional.lq import _check_delta, _pair  # old private names still resolve

DOC = Path(__file__).resolve().parents[2] / "docs" / "regional.md"
# hand-made: 3 industries, region has 10 % of national employment in total
REG = pd.Series([20.0, 5.0, 25.0], index=["a", "b", "c"])
NAT = pd.Series([100.0, 200.0, 200.0], index=["a", "b", "c"])
A = pd.DataFrame([[0.1, 0.0, 0.2], [0.05, 0.1, 0.0], [0.0, 0.3, 0.1]], index=NAT.index, columns=NAT.index)


def test_registry_lists_the_methods_once():
    assert q.LQ_METHODS == tuple(q.LQ_REGISTRY) == OLD_LQ_METHODS
    assert q.ROW_METHODS == ("slq", "plq")
    assert q.DELTA_METHODS == ("flq", "aflq")
    for name, m in q.LQ_REGISTRY.items():
        assert m.name == name and callable(m.function)


@pytest.mark.parametrize("name", list(q.LQ_REGISTRY))
def test_needs_match_the_function_signature(name):
    m = q.LQ_REGISTRY[name]
    params = inspect.signature(m.function).parameters
    assert ("delta" in params) == m.uses_delta
    assert ("A" in params) == m.needs_coefficients
    assert ("diagonal" in params) == (not m.row_wise)


def test_dispatch_gives_each_method_what_it_needs():
    # SLQ by hand: (20/50)/(100/500) = 2, (5/50)/(200/500) = 0.25, (25/50)/(200/500) = 1.25
    assert np.allclose(q.location_quotients(REG, NAT, method="slq").to_numpy(), [2.0, 0.25, 1.25])
    with pytest.raises(ValidationError, match="needs the national coefficients"):
        q.location_quotients(REG, NAT, method="plq")
    # FLQ at delta = 0.3: lambda* = log2(1.1) ** 0.3
    lam = np.log2(1.1) ** 0.3
    flq = q.location_quotients(REG, NAT, method="FLQ", delta=0.3)
    assert flq.loc["a", "b"] == pytest.approx(2.0 / 0.25 * lam)
    with pytest.raises(ValidationError, match="unknown LQ method"):
        q.location_quotients(REG, NAT, method="xlq")


def test_old_private_names_are_aliases():
    assert _check_delta is q.check_delta and _pair is q.employment_pair


def test_docs_table_lists_the_registry():
    text = DOC.read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\w+)` \| .*? \| (row-wise|cell-wise) \| .*\|$", text, flags=re.M)
    table = [(n, a) for n, a in rows if n in q.LQ_REGISTRY or a in ("row-wise", "cell-wise")]
    assert [n for n, _ in table] == list(q.LQ_REGISTRY), "docs/regional.md's LQ table must list the registry's methods in order"
    for n, applied in table:
        assert (applied == "row-wise") == q.LQ_REGISTRY[n].row_wise, n
