"""Extensive and intensive margins: the components add up to the change in exports."""

from __future__ import annotations

import pandas as pd
import pytest

from valuechain.errors import ValidationError
from valuechain.trade.margins import check_margins, export_margins

# A exports p1 to X in both years (10 -> 15), p2 only in the end year (5), p3 only in the base (4)
FLOWS = pd.DataFrame({"year": [2000, 2000, 2001, 2001], "exporter": ["A"] * 4, "importer": ["X"] * 4,
                      "product": ["010110", "030110", "010110", "020110"], "value": [10.0, 4.0, 15.0, 5.0],
                      "quantity": [1.0] * 4})


def test_components_add_up_to_the_change():
    m = export_margins(FLOWS, base=2000, end=2001, country="A")
    parts = m[m["component"] != "total"]["value"].sum()
    total = m[m["component"] == "total"]["value"].sum()
    assert parts == pytest.approx(total) and total == pytest.approx(20.0 - 14.0)
    assert check_margins(m) == pytest.approx(0.0, abs=1e-9)


def test_check_margins_raises_on_a_gap():
    m = export_margins(FLOWS, base=2000, end=2001, country="A")
    bad = m.assign(value=m["value"].where(m["component"] != "intensive", 4.0))  # components now sum to 5, not 6
    with pytest.raises(ValidationError):
        check_margins(bad)
