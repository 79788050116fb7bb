"""``valuechain data import``: BACI, OECD ICIO and ADB MRIO downloads, on small files written
in the published layouts (issue 21)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from valuechain.cli import app
from valuechain.datasets.importers import import_adb_mrio, import_baci, import_oecd_icio
from valuechain.errors import ValidationError

runner = CliRunner()

# BACI's country_codes file (V202501 layout) and two yearly files (t,i,j,k,v,q; q "NA" padded
# as BACI writes missing quantities; k without its leading zero as some tools write it)
CODES = ("country_code,country_name,country_iso2,country_iso3\n156,China,CN,CHN\n398,Kazakhstan,KZ,KAZ\n"
         "643,Russian Federation,RU,RUS\n842,USA,US,USA\n")
Y2019 = ("t,i,j,k,v,q\n2019,398,156,260300,1000.5,20.0\n2019,398,643,10121,50.25,           NA\n"
         "2019,643,398,270900,300.0,100.0\n2019,842,398,847130,80.0,1.5\n")
Y2020 = ("t,i,j,k,v,q\n2020,398,156,260300,1200.0,25.0\n2020,398,842,260300,10.0,0.5\n"
         "2020,643,398,270900,250.0,90.0\n2020,156,398,847130,95.0,2.0\n")


def _baci_zip(d: Path, name="BACI_HS92_V202501.zip") -> Path:
    z = d / name
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("BACI_HS92_Y2019_V202501.csv", Y2019)
        zf.writestr("BACI_HS92_Y2020_V202501.csv", Y2020)
        zf.writestr("country_codes_V202501.csv", CODES)
        zf.writestr("Readme.txt", "BACI\n")
    return z


def test_baci_zip_to_partitioned_panel(tmp_path):
    meta = import_baci([_baci_zip(tmp_path)], tmp_path / "panel")
    assert meta["rows"] == {"2019": 4, "2020": 4} and meta["hs_revision"] == "HS1992" and meta["release"] == "V202501"
    assert sorted(p.name for p in (tmp_path / "panel").iterdir()) == ["valuechain.json", "year=2019", "year=2020"]
    f = tmp_path / "panel" / "year=2019" / "part-0.parquet"
    df = pd.read_parquet(f).sort_values(["exporter", "importer"]).reset_index(drop=True)
    # written out from Y2019 by hand: ISO3 countries, 6-digit codes, thousand USD, tonnes
    assert df["exporter"].tolist() == ["KAZ", "KAZ", "RUS", "USA"]
    assert df["importer"].tolist() == ["CHN", "RUS", "KAZ", "KAZ"]
    assert df["product"].tolist() == ["260300", "010121", "270900", "847130"]
    assert df["value"].tolist() == [1000.5, 50.25, 300.0, 80.0]
    assert np.isnan(df["quantity"][1]) and df["quantity"][0] == 20.0
    kv = pq.read_schema(f).metadata
    assert kv[b"valuechain.source"] == b"CEPII BACI" and kv[b"valuechain.release"] == b"V202501"
    assert kv[b"valuechain.unit"] == b"thousand USD" and kv[b"valuechain.hs_revision"] == b"HS1992"
    side = json.loads((tmp_path / "panel" / "valuechain.json").read_text())
    assert len(side["sha256"]["BACI_HS92_V202501.zip"]) == 64


def test_baci_panel_read_by_trade_and_carries_the_release(tmp_path):
    """The done-check: ``data import`` on a two-year BACI-layout zip gives a panel ``trade`` reads."""
    z = _baci_zip(tmp_path)
    res = runner.invoke(app, ["data", "import", "baci", str(z), "-o", str(tmp_path / "panel"), "-q"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["trade", str(tmp_path / "panel"), "-c", "KAZ", "-o", str(tmp_path / "out"), "-q", "--no-cache"])
    assert res.exit_code == 0, res.output
    totals = pd.read_csv(tmp_path / "out" / "totals.csv").set_index("year")
    # KAZ exports: 2019 1000.5 + 50.25; 2020 1200 + 10 (thousand USD), summed by hand
    col = next(c for c in totals.columns if "export" in c)
    assert totals.loc[2019, col] == pytest.approx(1050.75) and totals.loc[2020, col] == pytest.approx(1210.0)
    summary = (tmp_path / "out" / "summary.csv").read_text()
    assert "CEPII BACI, V202501" in summary and "HS1992" in summary


def test_baci_year_selection_and_bad_inputs(tmp_path):
    z = _baci_zip(tmp_path)
    meta = import_baci([z], tmp_path / "p1", years=[2020])
    assert meta["years"] == [2020]
    with pytest.raises(ValidationError, match="no yearly BACI file"):
        import_baci([z], tmp_path / "p2", years=[1990])
    assert not (tmp_path / "p2").exists()
    bad = tmp_path / "BACI_HS92_V1.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("BACI_HS92_Y2019_V1.csv", "t,i,j,k,v,q\n2019,398,999999,260300,1,1\n")
    with pytest.raises(ValidationError, match="999999"):
        import_baci([bad], tmp_path / "p3")
    assert not (tmp_path / "p3").exists()  # nothing half-written
    (tmp_path / "notzip.zip").write_text("hello")
    res = runner.invoke(app, ["data", "import", "baci", str(tmp_path / "notzip.zip"), "-o", str(tmp_path / "p4")])
    assert res.exit_code == 2 and res.output.startswith("error:") and "Traceback" not in res.output
    res = runner.invoke(app, ["data", "import", "sas", str(z), "-o", str(tmp_path / "p5")])
    assert res.exit_code == 2 and "unknown kind" in res.output


# a 2-country x 2-industry OECD ICIO CSV (2023 layout: CTY_IND, CTY_HFCE ..., VA, TLS, OUT), balanced by hand:
# row sums Z + Y = OUT; column sums Z + TLS + VA = OUT
ICIO = """V1,AAA_A01,AAA_C10,BBB_A01,BBB_C10,AAA_HFCE,BBB_HFCE,OUT
AAA_A01,10,20,5,5,40,20,100
AAA_C10,5,30,10,15,100,40,200
BBB_A01,5,10,20,10,30,25,100
BBB_C10,10,20,15,40,50,15,150
TLS,5,10,5,10,,,
VA,65,110,45,70,,,
OUT,100,200,100,150,,,
"""


def test_oecd_icio_zip_to_the_layout_gvc_reads(tmp_path):
    from valuechain.gvc.readers import read_icio

    z = tmp_path / "ICIO2023_2019-2020.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("ICIO2023_2019.csv", ICIO)
        zf.writestr("ICIO2023_2020.csv", ICIO)
        zf.writestr("ReadMe_ICIO2023.xlsx", b"not a table")
    meta = import_oecd_icio(z, tmp_path / "icio")
    assert meta["release"] == "2023 edition" and meta["files"] == {"2019": "ICIO2023_2019.csv", "2020": "ICIO2023_2020.csv"}
    t = read_icio(tmp_path / "icio" / "ICIO2023_2019.csv")
    assert "OECD Inter-Country Input-Output tables, release 2023 edition" in t.source
    assert float(np.asarray(t.x).sum()) == pytest.approx(550.0)
    res = runner.invoke(app, ["gvc", str(tmp_path / "icio" / "ICIO2023_2020.csv"), "-m", "tiva", "-o", str(tmp_path / "tiva.csv"), "-q"])
    assert res.exit_code == 0, res.output
    bad = tmp_path / "ICIO_bad.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("ICIO2023_2019.csv", "a,b\n1,2\n")
    with pytest.raises(ValidationError, match="ICIO layout"):
        import_oecd_icio(bad, tmp_path / "icio2")
    assert not (tmp_path / "icio2").exists()


def _adb_workbook(path: Path) -> dict:
    """A 2-economy x 2-sector ADB MRIO workbook in the published layout (5 title rows, a row of
    economy codes, a row of codes c1.. F1..F5 ToT; rows economy x sector, r60, r61..r64, r69)."""
    import openpyxl

    Z = np.array([[10, 20, 5, 5], [5, 30, 10, 15], [5, 10, 20, 10], [10, 20, 15, 40]], dtype=float)
    Yd = np.zeros((4, 10))
    Yd[:, 0] = [40, 100, 10, 20]  # AAA F1
    Yd[:, 2] = [0, 0, 5, 10]  # AAA F3
    Yd[:, 5] = [20, 40, 30, 50]  # BBB F1
    Yd[:, 9] = [0, 0, 5, 0]  # BBB F5
    x = Z.sum(1) + Yd.sum(1)
    taxes = np.array([5, 10, 5, 10], dtype=float)
    va = x - Z.sum(0) - taxes
    wb = openpyxl.Workbook()
    ws = wb.active
    for i in range(5):
        ws.append([f"title line {i + 1}"] if i == 0 else [None])
    econ = [None, None, None, None] + ["AAA", "AAA", "BBB", "BBB"] + ["AAA"] * 5 + ["BBB"] * 5 + [None]
    codes = [None, None, None, None, "c1", "c2", "c1", "c2"] + [f"F{k}" for k in range(1, 6)] * 2 + ["ToT"]
    ws.append(econ)
    ws.append(codes)
    names = ["Agriculture", "Food"]
    for r, (e, s) in enumerate([("AAA", "c1"), ("AAA", "c2"), ("BBB", "c1"), ("BBB", "c2")]):
        ws.append([None, names[int(s[1]) - 1], e, s] + list(Z[r]) + [v if v else None for v in Yd[r]] + [x[r]])
    ws.append([None, "Total intermediate", None, "r60"] + list(Z.sum(0)))
    ws.append([None, "Taxes less subsidies", None, "r61"] + list(taxes))
    ws.append([None, "Cif/fob adjustments", None, "r62"] + [0.0] * 4)
    ws.append([None, "Direct purchases abroad", None, "r63"] + [" "] * 4)
    ws.append([None, "Value added", None, "r64"] + list(va))
    ws.append([None, "Total input", None, "r69"] + list(x))
    ws.append(["Note: million US dollars"])
    wb.save(path)
    return {"Z": Z, "Y": Yd, "x": x, "va": va, "taxes": taxes}


def test_adb_mrio_workbook_to_the_layout_gvc_reads(tmp_path):
    from valuechain.gvc.readers import read_icio

    ref = _adb_workbook(tmp_path / "ADB-MRIO-2019_Mar2022.xlsx")
    meta = import_adb_mrio(tmp_path / "ADB-MRIO-2019_Mar2022.xlsx", tmp_path / "adb")
    assert meta["economies"] == 2 and meta["sectors"] == 2 and meta["year"] == 2019 and meta["release"] == "Mar2022"
    assert meta["primary_input_rows"] == ["r61", "r62", "r63", "r64"]
    t = read_icio(tmp_path / "adb")
    np.testing.assert_allclose(np.asarray(t.Z, dtype=float), ref["Z"])
    np.testing.assert_allclose(np.asarray(t.x, dtype=float).ravel(), ref["x"])
    # value added of the table (x - column sums of Z) = taxes + value added rows of the workbook
    np.testing.assert_allclose(ref["x"] - ref["Z"].sum(0), ref["taxes"] + ref["va"])
    assert "ADB MRIO" in t.source and "Mar2022" in t.source
    res = runner.invoke(app, ["gvc", str(tmp_path / "adb"), "-m", "tiva", "-o", str(tmp_path / "tiva.dta"), "-q"])
    assert res.exit_code == 0, res.output
    tiva = pd.read_stata(tmp_path / "tiva.dta")
    assert len(tiva) > 0
    assert (tiva["release"] == "Mar2022").all() and tiva["source"].str.contains("ADB MRIO").all()  # the imported release, carried


def test_adb_mrio_not_a_workbook(tmp_path):
    (tmp_path / "x.xlsx").write_text("plain text")
    with pytest.raises(ValidationError, match="cannot be read as a workbook"):
        import_adb_mrio(tmp_path / "x.xlsx", tmp_path / "adb")
    assert not (tmp_path / "adb").exists()
