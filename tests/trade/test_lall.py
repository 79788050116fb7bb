"""Lall classes through a hand-made data folder (passed in: the family never looks for data)."""

from __future__ import annotations

import pandas as pd
import pytest
from pathlib import Path

from valuechain.errors import DataNotFoundError
from valuechain.trade.lall import lall_shares, load_lall


@pytest.fixture()
def data(tmp_path):
    (tmp_path / "lall_classification").mkdir()
    (tmp_path / "hs_sitc_concordance").mkdir()
    (tmp_path / "lall_classification" / "lookup_hs6_lall.csv").write_text("hs6,sitc3,lall_code\n270900,33300,LDC01\n870323,78120,LDC06\n")
    (tmp_path / "lall_classification" / "sitc3_3digit_to_lall_DERIVED.csv").write_text("sitc3_3digit,lall_code\n001,LDC01\n")
    (tmp_path / "hs_sitc_concordance" / "hs0_sitc3.csv").write_text(
        "HS0_6d,HS0_4d,HS0_2d,SITC3_5d,SITC3_4d,SITC3_3d,SITC3_2d,SITC3_1d\n010111,0101,01,00151,0015,001,00,0\n")
    return tmp_path


def test_shares_by_hand(data):
    flows = pd.DataFrame({"year": [2000] * 3, "exporter": ["KAZ"] * 3, "importer": ["CHN"] * 3,
                          "product": ["270900", "870323", "999999"], "value": [60.0, 30.0, 10.0], "quantity": [1.0] * 3})
    s = lall_shares(flows, hs_revision="HS2012", data_dir=data).set_index("lall_code")["share"]
    assert s["LDC01"] == pytest.approx(60.0) and s["LDC06"] == pytest.approx(30.0) and s["UNMATCHED"] == pytest.approx(10.0)
    assert set(load_lall("HS1992", data_dir=data)["product"]) == {"010111"}


def test_no_data_folder_says_what_to_give():
    with pytest.raises(DataNotFoundError, match="give data_dir="):
        load_lall("HS2012")


@pytest.mark.parametrize("rev", [None, "HS2012", "H4", "HS1992", "H0", "HS2002", "HS2017", "SYNTHETIC"])
def test_the_lall_classes_without_pandas_are_load_lalls(rev):
    """lall_classes (the one-pass trade run) reads the Lall tables with the csv module; load_lall (pandas) is the reference."""
    from valuechain.datasets import shared_data_dir
    from valuechain.trade.lall import lall_classes, load_lall

    d = shared_data_dir()
    if d is None:
        pytest.skip("the shared data folder is not here")
    ours = lall_classes(Path(d), rev)
    ref = load_lall(rev, data_dir=d)
    want = {p: (c if isinstance(c, str) else None) for p, c in zip(ref["product"], ref["lall_code"])}
    assert ours is not None and len(ours) == len(want) > 4000
    assert ours == want
