"""Regional analysis by section: the bridge, aggregation, section quotients and the plausibility check."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuechain.errors import ValidationError
from valuechain.regional.sections import aggregate_to_sections, regional_plausibility, regional_sections, section_bridge
from valuechain.tables import IOTable


def _table(Z=None, fd=None):
    ind = ["oil", "ore", "food"]
    Z = pd.DataFrame(Z if Z is not None else [[10.0, 2.0, 1.0], [3.0, 5.0, 2.0], [1.0, 1.0, 8.0]], index=ind, columns=ind)
    Y = pd.DataFrame({"fd": fd if fd is not None else [87.0, 40.0, 60.0]}, index=ind)
    x = Z.sum(axis=1) + Y["fd"]
    V = pd.DataFrame([x - Z.sum(axis=0)], index=["va"])
    return IOTable.from_frames(Z, Y, V, x, unit="million USD")


SEC = {"oil": "B", "ore": "B", "food": "C"}


def test_bridge_covers_the_50_icio_and_35_adb_industries():
    b = section_bridge("oecd_icio50")
    assert len(b) == 50 and set(b["section"]) == set("ABCDEFGHIJKLMNOPQRST")
    # the OECD ICIO code begins with its ISIC Rev.4 section letter (OECD ICIO 2025 sector list)
    assert (b["code"].str[0] == b["section"]).all()
    a = section_bridge("adb35")
    assert len(a) == 35 and a.set_index("code").loc["17", "section"] == "D+E"
    with pytest.raises(ValidationError, match="unknown bridge"):
        section_bridge("isic9")


def test_aggregation_by_hand():
    s = aggregate_to_sections(_table(), SEC)
    # by hand: Z_BB = 10+2+3+5 = 20, Z_BC = 1+2 = 3, Z_CB = 1+1 = 2, Z_CC = 8; x_B = 13+87 + 10+40 = 150, x_C = 70
    assert s.Z.loc["B", "B"] == 20 and s.Z.loc["B", "C"] == 3 and s.Z.loc["C", "B"] == 2 and s.Z.loc["C", "C"] == 8
    assert s.x["B"] == 150 and s.x["C"] == 70
    assert any("bridge" in f for f in s.flags)
    with pytest.raises(ValidationError, match="no section for 1 industry"):
        aggregate_to_sections(_table(), {"oil": "B", "ore": "B"})


@given(st.lists(st.floats(0.0, 50.0), min_size=9, max_size=9))
def test_aggregation_keeps_the_identities(z):
    t = _table(np.array(z).reshape(3, 3), [200.0, 200.0, 200.0])
    s = aggregate_to_sections(t, SEC)
    assert s.x.sum() == pytest.approx(t.x.sum())
    assert (s.Z.sum(axis=1) + s.Y.sum(axis=1)).to_numpy() == pytest.approx(s.x.to_numpy())
    assert (s.Z.sum(axis=0) + s.V.sum(axis=0)).to_numpy() == pytest.approx(s.x.to_numpy())


def _sizes():
    # sizes by section: region R is small in B (5 of 100) and big in C; region O holds 90 of B
    return pd.DataFrame({"B": [5.0, 90.0, 5.0, 100.0], "C": [30.0, 10.0, 20.0, 60.0]}, index=["R", "O", "P", "national"])


def test_plausibility_hand_worked():
    t = _table()
    # implied regional output by the section split: every industry of B gets 5 % of its national output
    xr = t.x * pd.Series({"oil": 0.05, "ore": 0.05, "food": 0.5})
    p = regional_plausibility(t.x, xr, SEC, _sizes(), "R", unit="million USD")
    s = p.table.set_index("industry")
    # oil is 100/150 = 66.7 % of B nationally; B is 90 % in region O; R's B quotient (5/35)/(100/160) = 0.23 < 1
    assert s.loc["oil", "status"] == "out of line" and "O 90%" in s.loc["oil", "reason"]
    assert s.loc["oil", "within_section_weight_pct"] == pytest.approx(100 * 100 / 150)
    assert s.loc["oil", "section_lq"] == pytest.approx((5 / 35) / (100 / 160))
    assert s.loc["ore", "status"] == "assumed"        # 1/3 of B: not dominant
    assert s.loc["food", "status"] == "observed"      # alone in C
    assert p.out_of_line == ["oil"]


def test_plausibility_section_total_and_facts():
    t = _table()
    # the regionalized table gives B 40 % of national output, the data 5 %: the whole section is out of line
    xr = t.x * pd.Series({"oil": 0.4, "ore": 0.4, "food": 0.5})
    s = regional_plausibility(t.x, xr, SEC, _sizes(), "R", dominant=1.0).table.set_index("industry")
    assert (s.loc[["oil", "ore"], "status"] == "out of line").all() and "40.0% of national output" in s.loc["ore", "reason"]
    facts = pd.DataFrame({"industry": ["ore"], "min_share": [0.9], "max_share": [1.0], "source": ["a survey"]})
    xr2 = t.x * pd.Series({"oil": 0.05, "ore": 0.05, "food": 0.5})
    s2 = regional_plausibility(t.x, xr2, SEC, _sizes(), "R", facts=facts).table.set_index("industry")
    assert s2.loc["ore", "status"] == "out of line" and "a survey gives 90.0-100.0%" in s2.loc["ore", "reason"]


def test_plausibility_hostile():
    t = _table()
    bad = _sizes().astype(object)
    bad.loc["R", "B"] = "</script>"
    with pytest.raises(ValidationError, match="NaN, infinite or non-numeric"):
        regional_plausibility(t.x, t.x, SEC, bad, "R")
    with pytest.raises(ValidationError, match="no row 'Q'"):
        regional_plausibility(t.x, t.x, SEC, _sizes(), "Q")
    with pytest.raises(ValidationError, match="dominant"):
        regional_plausibility(t.x, t.x, SEC, _sizes(), "R", dominant=np.nan)
    with pytest.raises(ValidationError, match="materiality = True"):  # a bool is not a share
        regional_plausibility(t.x, t.x, SEC, _sizes(), "R", materiality=True)
    with pytest.raises(ValidationError, match="negative"):
        regional_plausibility(t.x, -t.x, SEC, _sizes(), "R")
    with pytest.raises(ValidationError, match="no section for"):
        regional_plausibility(t.x, t.x, {"oil": "B"}, _sizes(), "R")


def test_regional_sections_hostile():
    t = _table()
    with pytest.raises(ValidationError, match="exceeds the nation"):
        regional_sections(t, SEC, pd.Series({"B": 200.0, "C": 10.0}), pd.Series({"B": 100.0, "C": 60.0}), region="R")
    with pytest.raises(ValidationError, match="no section C"):
        regional_sections(t, SEC, pd.Series({"B": 5.0}), pd.Series({"B": 100.0}), region="R")
    with pytest.raises(ValidationError, match="NaN"):
        regional_sections(t, SEC, pd.Series({"B": np.inf, "C": 1.0}), pd.Series({"B": 100.0, "C": 60.0}), region="R")


def test_guard_key_sectors_by_hand():
    from valuechain.regional.sections import guard_key_sectors

    t = _table()
    xr = t.x * pd.Series({"oil": 0.05, "ore": 0.05, "food": 0.5})
    p = regional_plausibility(t.x, xr, SEC, _sizes(), "R")
    ks = pd.DataFrame({"sector": ["oil", "ore", "food"], "class": ["key", "weak", "key"]})
    g = guard_key_sectors(ks, p).set_index("sector")
    assert g.loc["oil", "reported_class"] == "not identified (section data)"   # out of line
    assert g.loc["food", "reported_class"] == "key"                            # alone in its section: observed
    assert g.loc["ore", "reported_class"] == "weak"
    with pytest.raises(ValidationError, match="needs columns"):
        guard_key_sectors(ks.drop(columns="class"), p)
