"""peer_view / icio_peer_measures: the seed's peers, one source per comparison, missing peers named once."""

from __future__ import annotations

import pandas as pd
import pytest

from valuechain.errors import ValidationError
from valuechain.gvc.comparison import default_peers, icio_peer_measures, peer_view


def test_default_peers_are_the_seeds():
    # seed (World Bank 2020): Azerbaijan, Chile, Mexico, Russia (Figure 2 text), Indonesia (Figure 7), Viet Nam, Thailand (Figure 22)
    assert default_peers() == ("AZE", "CHL", "IDN", "MEX", "RUS", "THA", "VNM")


def test_missing_peer_named_once_never_dropped_silently():
    f = pd.DataFrame({"iso3": ["KAZ", "RUS", "RUS", "MEX"], "year": [2022, 2021, 2022, 2022], "v": [1.0, 2.0, 3.0, 4.0]})
    v = peer_view(f, country="KAZ", peers=["MEX", "AZE", "RUS", "CHL", "AZE"], source="S", names={"AZE": "Azerbaijan"})
    assert v.present == ("MEX", "RUS") and v.missing == ("AZE", "CHL")
    assert v.message == "Not in S: Azerbaijan (AZE), CHL; compared: MEX, RUS."
    assert v.flags.count(v.message) == 1 and v.summary().count("Azerbaijan") == 1
    assert list(v.table["iso3"]) == ["KAZ", "MEX", "RUS", "RUS"] and list(v.table["role"]) == ["country", "peer", "peer", "peer"]
    assert v.pivot("v").loc["RUS", 2021] == 2.0
    full = peer_view(f, country="KAZ", peers=["RUS"], source="S")
    assert full.message == "" and full.missing == ()


def test_hostile():
    f = pd.DataFrame({"iso3": ["KAZ"], "v": [1.0]})
    with pytest.raises(ValidationError, match="not in S"):
        peer_view(f, country="UZB", peers=[], source="S")
    e = peer_view(f, country="UZB", peers=["KAZ"], source="S", require_country=False)
    assert e.table.empty and "UZB is not in S" in e.message
    with pytest.raises(ValidationError, match="not an ISO 3166"):
        peer_view(f, country="KAZ", peers=["</script>"], source="S")
    with pytest.raises(ValidationError, match="no column"):
        peer_view(f, country="KAZ", source="S", economy="country")
    with pytest.raises(TypeError):
        peer_view([1], country="KAZ", source="S")


def test_adb_sources_lack_azerbaijan_and_chile(shared_data):
    """adb_mrio_gvc_indicators/PROVENANCE.md: KAZ GVCP_trade_f / _b 2017 0.3648 / 0.1120, 2022 0.3755 / 0.0916;
    Azerbaijan and Chile are not ADB MRIO economies (mrio_economies.csv)."""
    from valuechain.datasets.adb_indicators import adb_participation, adb_rca

    v = peer_view(adb_participation(shared_data), country="KAZ", source="ADB MRIO participation")
    assert v.missing == ("AZE", "CHL") and v.present == ("IDN", "MEX", "RUS", "THA", "VNM")
    f = v.pivot("GVCP_trade_f")
    b = v.pivot("GVCP_trade_b")
    assert (f.loc["KAZ", 2017], b.loc["KAZ", 2017]) == pytest.approx((0.3648, 0.1120), abs=5e-5)
    assert (f.loc["KAZ", 2022], b.loc["KAZ", 2022]) == pytest.approx((0.3755, 0.0916), abs=5e-5)
    r = peer_view(adb_rca(shared_data), country="KAZ", source="ADB RCA")
    assert r.missing == ("AZE", "CHL") and r.table["year"].min() == 2000


def test_icio_lacks_azerbaijan_and_kaz_import_share(shared_data):
    """oecd_icio2025_2022_intermediate/PROVENANCE.md (and tests/datasets/test_kazakhstan_data.py): Kazakhstan's
    domestic intermediate flows 106.0 bn USD, intermediate imports from the 79 other economies 26.8 bn:
    26.8 / (106.0 + 26.8) = 20.2 %."""
    from valuechain.datasets.kazakhstan_icio import oecd_icio

    m = icio_peer_measures(oecd_icio(shared_data), ["KAZ", *default_peers()], year=2022, source="OECD ICIO 2022")
    v = peer_view(m, country="KAZ", source="OECD ICIO 2022")
    assert v.missing == ("AZE",)
    share = v.pivot("value", columns="measure")["imported intermediates, share of intermediate inputs"]
    assert share["KAZ"] == pytest.approx(100 * 26.8 / (106.0 + 26.8), abs=0.05)
