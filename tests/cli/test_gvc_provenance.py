"""``valuechain gvc`` outputs carry the release of a table imported by ``valuechain data
import`` (issue 21): ``source`` / ``release`` columns and the file's metadata; a table that
was not imported keeps its columns unchanged."""

from __future__ import annotations

import json
import zipfile

import pandas as pd
import pytest
from typer.testing import CliRunner

from valuechain.cli import app
from valuechain.datasets.importers import import_oecd_icio

pyreadstat = pytest.importorskip("pyreadstat")
runner = CliRunner()

# 2 countries x 2 industries in the OECD ICIO 2023 layout, balanced by hand (rows Z + Y = OUT,
# columns Z + TLS + VA = OUT)
ICIO = """V1,AAA_A01,AAA_C10,BBB_A01,BBB_C10,AAA_HFCE,BBB_HFCE,OUT
AAA_A01,10,20,5,5,40,20,100
AAA_C10,5,30,10,15,100,40,200
BBB_A01,5,10,20,10,30,25,100
BBB_C10,10,20,15,40,50,15,150
TLS,5,10,5,10,,,
VA,65,110,45,70,,,
OUT,100,200,100,150,,,
"""


@pytest.fixture()
def imported(tmp_path):
    z = tmp_path / "ICIO2023_2019-2020.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("ICIO2023_2019.csv", ICIO)
        zf.writestr("ICIO2023_2020.csv", ICIO)
    import_oecd_icio(z, tmp_path / "icio")
    return tmp_path / "icio"


def _gvc(*args):
    return runner.invoke(app, ["gvc", *map(str, args), "-q"])


def test_gvc_csv_carries_source_and_release(imported, tmp_path):
    r = _gvc(imported / "ICIO2023_2019.csv", "-m", "tiva", "-o", tmp_path / "t.csv")
    assert r.exit_code == 0, r.output
    df = pd.read_csv(tmp_path / "t.csv")
    assert (df["source"] == "OECD Inter-Country Input-Output tables").all()
    assert (df["release"] == "2023 edition").all()  # from the zip's name ICIO2023_..., recorded by the import


def test_gvc_stata_and_parquet_carry_the_release_in_their_metadata(imported, tmp_path):
    import pyarrow.parquet as pq

    assert _gvc(imported / "ICIO2023_2019.csv", "-m", "kww", "-o", tmp_path / "k.dta").exit_code == 0
    _, meta = pyreadstat.read_dta(str(tmp_path / "k.dta"))
    assert "release: 2023 edition" in meta.file_label, meta.file_label
    assert _gvc(imported / "ICIO2023_2019.csv", "-m", "kww", "-o", tmp_path / "k.parquet").exit_code == 0
    kv = pq.read_schema(tmp_path / "k.parquet").metadata
    assert kv[b"valuechain.release"] == b"2023 edition"
    assert b"OECD Inter-Country Input-Output tables" in kv[b"valuechain.source"]
    assert kv[b"valuechain.unit"] == b"million USD"


def test_gvc_panel_of_imported_years_carries_the_release(imported, tmp_path):
    r = _gvc(imported, "-m", "tiva", "--years", "2019-2020", "-o", tmp_path / "p.csv")
    assert r.exit_code == 0, r.output
    df = pd.read_csv(tmp_path / "p.csv")
    assert set(df["year"]) == {2019, 2020} and (df["release"] == "2023 edition").all()


def test_gvc_of_a_table_not_imported_has_no_release_column(tmp_path):
    (tmp_path / "ICIO2023_2019.csv").write_text(ICIO)
    assert _gvc(tmp_path / "ICIO2023_2019.csv", "-m", "tiva", "-o", tmp_path / "t.csv").exit_code == 0
    df = pd.read_csv(tmp_path / "t.csv")
    assert "release" not in df.columns and "source" not in df.columns


def test_gvc_sidecar_without_release_says_not_stated(tmp_path):
    (tmp_path / "ICIO2023_2019.csv").write_text(ICIO)
    (tmp_path / "valuechain.json").write_text(json.dumps({"source": "OECD ICIO"}))
    assert _gvc(tmp_path / "ICIO2023_2019.csv", "-m", "tiva", "-o", tmp_path / "t.csv").exit_code == 0
    assert (pd.read_csv(tmp_path / "t.csv")["release"] == "not stated").all()
