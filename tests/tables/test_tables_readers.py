"""Readers and writers: matrix / OECD / long layouts, round trips, pymrio."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from valuechain import ZeroOutputWarning
from valuechain.tables import IOTable, from_pymrio, read_table, write_table

EUROSTAT_LABEL_COLS = ["prod_na", "prod_na_lab", "numeric_label", "quadrant", "t_rows2", "t_rows2_lab"]


def small_table(**kw) -> IOTable:
    # Miller & Blair (2009) Table 2.3 transactions, with a primary-input split,
    # a household and an export column and an employment satellite row.
    Z = [[150.0, 500.0], [200.0, 100.0]]
    Y = pd.DataFrame({"P3_S14": [300.0, 1200.0], "P6": [50.0, 500.0]}, index=["agri", "manu"])
    V = pd.DataFrame([[250.0, 600.0], [400.0, 800.0]], index=["D1", "B2A3G"], columns=["agri", "manu"])
    S = pd.DataFrame([[12.5, 30.0]], index=["employment"], columns=["agri", "manu"])
    return IOTable.from_frames(Z, Y, V, industries=["agri", "manu"], satellite=S, name="MB 2.3", unit="USD", **kw)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_round_trip_exact_with_roles_and_satellite(tmp_path, suffix):
    t = small_table(roles={"compensation": "D1", "households": "P3_S14", "exports": ["P6"], "employment": "employment"},
                    flags=("synthetic",))
    p = write_table(t, tmp_path / f"t{suffix}")
    back = read_table(p)
    assert back.equals(t)
    assert back.role("compensation") == ["D1"]
    assert list(back.satellite.index) == ["employment"]
    assert back.flags == ("synthetic",)


def test_roles_recognised_without_metadata(tmp_path):
    t = small_table()
    p = write_table(t, tmp_path / "t.csv")
    # strip the metadata comment line: roles must come back from the labels
    lines = p.read_text().splitlines()[1:]
    q = tmp_path / "plain.csv"
    q.write_text("\n".join(lines) + "\n")
    back = read_table(q)
    assert back.role("compensation") == ["D1"]
    assert back.role("households") == ["P3_S14"]
    assert back.role("exports") == ["P6"]
    assert back.role("employment") == ["employment"]
    np.testing.assert_allclose(back.Z.to_numpy(), t.Z.to_numpy())


def test_long_format(tmp_path):
    t = small_table()
    M = pd.DataFrame(
        [("agri", "agri", 150), ("agri", "manu", 500), ("manu", "agri", 200), ("manu", "manu", 100),
         ("agri", "P3_S14", 300), ("manu", "P3_S14", 1200), ("agri", "P6", 50), ("manu", "P6", 500),
         ("D1", "agri", 250), ("D1", "manu", 600), ("B2A3G", "agri", 400), ("B2A3G", "manu", 800)],
        columns=["row", "column", "value"],
    )
    p = tmp_path / "long.csv"
    M.to_csv(p, index=False)
    back = read_table(p)
    np.testing.assert_allclose(back.x.to_numpy(), [1000, 2000])
    np.testing.assert_allclose(back.V.to_numpy(), t.V.to_numpy())


def test_oecd_belgium_reads(shared_data):
    path = shared_data / "oecd_iot_belgium_2020" / "BEL2020ttl.csv"
    with pytest.warns(ZeroOutputWarning):
        # the published table's columns D68-D94T96 miss their OUTPUT by up to 0.96 %
        t = read_table(path, rtol=0.01)
    assert t.n == 50 and t.industries[0] == "D01"
    assert t.role("households") == ["HFCE"] and t.role("exports") == ["EXPO"]
    # OUTPUT row of the file, agriculture (million USD)
    assert t.x["D01"] == pytest.approx(12069.3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroOutputWarning)
        t2 = read_table(path, rtol=0.01, drop_zero_output=True)
    assert t2.n == 47


def test_eurostat_beutel_matrix(shared_data):
    t = read_table(shared_data / "iotables_eurostat_examples" / "Beutel_15_4_esa2010.csv",
                   label_column="iotables_row", ignore=EUROSTAT_LABEL_COLS, rtol=1e-4)
    assert t.n == 6
    assert t.role("employment") == ["employment_domestic_total"]
    # P1 row of Beutel Table 15.4: output of manufacturing 1,079,446 million EUR
    assert t.x["industry_group"] == 1079446


def test_from_pymrio_single_region():
    pymrio = pytest.importorskip("pymrio")
    t = small_table()
    idx = pd.MultiIndex.from_product([["R"], ["agri", "manu"]], names=["region", "sector"])
    Z = pd.DataFrame(t.Z.to_numpy(), index=idx, columns=idx)
    Y = pd.DataFrame(t.Y.to_numpy(), index=idx,
                     columns=pd.MultiIndex.from_product([["R"], ["P3_S14", "P6"]], names=["region", "category"]))
    io = pymrio.IOSystem(Z=Z, Y=Y)
    io.factor_inputs = pymrio.Extension(name="factor_inputs", F=pd.DataFrame(t.V.to_numpy(), index=["D1", "B2A3G"], columns=idx))
    back = from_pymrio(io)
    np.testing.assert_allclose(back.V.to_numpy(), t.V.to_numpy())
    np.testing.assert_allclose(back.x.to_numpy(), t.x.to_numpy())
    assert back.role("compensation") == ["D1"]


def test_uk_ons_and_australia_read_and_analyse(shared_data):
    from valuechain.leontief import linkages, multipliers

    # UK ONS 2010 domestic-use table: codes in 'uk_row', names in 'uk_row_lab' (= header labels);
    # published rows/columns balance to ~0.1 %
    uk = read_table(shared_data / "uk_ons_iot_2010" / "siot_domestic_pxp_2010.csv",
                    label_column="uk_row_lab", ignore=["uk_row"], rtol=1e-3)
    assert uk.n == 127 and uk.role("compensation") == ["Compensation of employees"]
    assert uk.role("exports") == ["Exports of goods", "Exports of services"]
    m = multipliers(uk, type="II")
    assert (m["output"] >= 1).all() and m["income"].notna().all()
    au = read_table(shared_data / "au_eiat_lga_employment_io19" / "australia_io19_national.csv")
    # rows below 'Australian Production' are the satellite employment rows
    assert list(au.satellite.index) == ["FTE Employment", "Total Employment"]
    assert au.role("employment") == ["Total Employment"]
    lk = linkages(au, "all")
    assert lk.shape == (19, 15) and lk["rasmussen_backward"].mean() == pytest.approx(1.0)


def test_a_label_with_a_newline_inside_quotes_is_accepted(tmp_path):
    """A quoted label may hold a line break (Excel writes them): the header then spans two lines."""
    from valuechain.tables import read_table

    p = tmp_path / "t.csv"
    p.write_text(',"Agri\nculture",B,HH,output\n"Agri\nculture",10,20,70,100\nB,15,10,175,200\nVA,75,170,,\noutput,100,200,,\n')
    t = read_table(p)
    assert list(t.Z.index) == ["Agri\nculture", "B"] and float(t.Z.loc["B", "Agri\nculture"]) == 15.0
