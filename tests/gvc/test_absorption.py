"""Value added by origin x final absorption with country groups (leather table)."""

from __future__ import annotations

import numpy as np
import pytest

from valuechain.errors import ValidationError
from valuechain.gvc import parse_groups, read_decompr, tiva_indicators, va_absorption


@pytest.fixture(scope="module")
def leather(shared_data):
    return read_decompr(shared_data / "leather_decompr_example")


def test_absorption_identities_and_tiva(leather):
    r = va_absorption(leather)
    assert r.identities_hold()
    m = r.matrix
    # off-diagonal row sums = TiVA FFD_DVA (domestic value added absorbed abroad), computed separately
    t = tiva_indicators(leather).table.set_index("exporter")
    for c in m.index:
        assert m.loc[c].drop(c).sum() == pytest.approx(t.loc[c, "FFD_DVA"], rel=1e-12)
    # column sums are each country's final demand (leather final.csv column sums)
    assert m.sum(0).to_numpy() == pytest.approx(leather.Y_by_destination.sum(0).to_numpy(), rel=1e-12)


def test_groups(leather):
    g = parse_groups("EU=Germany; South=Argentina")
    r = va_absorption(leather, origin_groups=g, destination_groups=g, rest="Rest")
    assert list(r.matrix.index) == ["South", "Rest", "EU"]
    full = va_absorption(leather).matrix
    assert r.matrix.loc["EU", "South"] == pytest.approx(full.loc["Germany", "Argentina"], rel=1e-12)
    assert r.matrix.loc["Rest", "Rest"] == pytest.approx(full.loc["Turkey", "Turkey"], rel=1e-12)
    assert r.identities_hold()
    assert np.isclose(r.table["share_of_origin_VA"].groupby(r.table["origin"]).sum(), 1).all()
    with pytest.raises(ValidationError, match="not in the table"):
        va_absorption(leather, origin_groups={"XXX": "G"})
    with pytest.raises(ValidationError, match="two groups"):
        parse_groups("A=KAZ;B=KAZ")
