"""Gold (HS 7108) on its own row in the composition and Lall tables."""

from __future__ import annotations

import pandas as pd
import pytest

from valuechain.trade.gold import composition_with_gold, lall_shares_with_gold


def test_hand_worked(tmp_path, shared_data):
    from valuechain.trade import read_flows

    f = tmp_path / "flows.csv"
    pd.DataFrame({"year": 2021, "exporter": "KAZ", "importer": "CHN", "product": ["710812", "270900", "740311", "030111"],
                  "value": [10.0, 60.0, 20.0, 10.0]}).to_csv(f, index=False)
    fl = read_flows(f, hs_revision="HS2012", unit="USD")
    lv, _ = composition_with_gold(fl, country="KAZ")
    s = lv.set_index("group")["share"]
    # by hand: gold 10 / 100; oil and gas (2709) 60; metals (74) 20; 0301 (live fish) falls in "Other"
    assert s["Gold (HS 7108)"] == pytest.approx(10.0) and s["Oil and gas"] == pytest.approx(60.0)
    assert s["Total"] == pytest.approx(100.0)
    la = lall_shares_with_gold(fl, hs_revision="HS2012", country="KAZ", data_dir=shared_data).set_index("lall_code")
    assert la.loc["GOLD", "share"] == pytest.approx(10.0) and la.loc["GOLD", "tier"] == "Gold"
    assert la["share"].sum() == pytest.approx(100.0)


def test_kazakhstan_2021_gold_share(shared_data):
    """Issue 18: semi-manufactured gold (HS 7108) is 7.3 % of Kazakhstan's 2021 exports and almost all of the
    'Unclassified 7.5 %' of the Lall breakdown. Checked here against a plain pandas sum of the BACI file."""
    from valuechain.trade import read_flows

    p = shared_data / "baci_kaz_exports" / "kaz_exports_2021.csv"
    raw = pd.read_csv(p, dtype={"k": str})
    by_hand = 100 * raw.loc[raw["k"].str.zfill(6).str.startswith("7108"), "v"].sum() / raw["v"].sum()
    fl = read_flows(p, hs_revision="HS2002", unit="thousand USD")
    lv, _ = composition_with_gold(fl, country="KAZ")
    g = lv.set_index("group")["share"]["Gold (HS 7108)"]
    assert g == pytest.approx(by_hand, abs=1e-9) and g == pytest.approx(7.3, abs=0.1)
    la = lall_shares_with_gold(fl, hs_revision="HS2002", country="KAZ", data_dir=shared_data).groupby("tier")["share"].sum()
    assert la["Gold"] == pytest.approx(g, abs=1e-9)
    assert la["Gold"] + la["Unclassified"] == pytest.approx(7.5, abs=0.05)
