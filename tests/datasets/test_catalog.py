"""``valuechain data list`` and ``verify`` (issue 21)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from valuechain.cli import app
from valuechain.datasets.catalog import list_datasets, parse_provenance, record_manifest, verify_manifest

runner = CliRunner()
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


def test_parse_provenance_hand_written():
    text = ("# OECD ICIO 2025 edition\n\n**Source.** The PyPI package x 0.1 (MIT).\n"
            "- Release: 2025 edition, year 2022\n- Licence: OECD terms\n| file | contents | units |\n|---|---|---|\n"
            "| z.parquet | Z | million USD |\n")
    info = parse_provenance(text, "icio")
    assert info.title == "OECD ICIO 2025 edition"
    assert info.source == "The PyPI package x 0.1 (MIT)."
    assert info.release == "2025 edition, year 2022"
    assert info.licence == "OECD terms"
    assert "million USD" in info.units  # the table header row is skipped
    empty = parse_provenance("# nothing here\n", "x")
    assert (empty.source, empty.release, empty.licence, empty.units) == ("not stated",) * 4


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared data folder is not here")
def test_list_every_dataset_of_the_shared_folder():
    infos = list_datasets(SHARED)
    folders = sorted(p.name for p in SHARED.iterdir() if p.is_dir() and not p.name.startswith("."))
    assert [i.name for i in infos] == folders
    assert all(i.extra["provenance"] for i in infos)
    assert all(i.files > 0 for i in infos)
    res = runner.invoke(app, ["data", "list", "--data", str(SHARED)], env={"COLUMNS": "250"})
    assert res.exit_code == 0, res.output
    for name in folders:
        assert name in res.output


def test_list_writes_a_table_and_warns_without_provenance(tmp_path):
    (tmp_path / "d" / "a").mkdir(parents=True)
    (tmp_path / "d" / "a" / "PROVENANCE.md").write_text("# A\n- Source: somewhere\n- Units: persons\n")
    (tmp_path / "d" / "a" / "x.csv").write_text("1\n")
    (tmp_path / "d" / "b").mkdir()
    res = runner.invoke(app, ["data", "list", "--data", str(tmp_path / "d"), "-o", str(tmp_path / "l.dta")])
    assert res.exit_code == 0, res.output
    assert "no PROVENANCE.md in b" in res.output
    df = pd.read_stata(tmp_path / "l.dta")
    assert df["dataset"].tolist() == ["a", "b"] and df["units"].tolist() == ["persons", "not stated"]


def test_verify_records_once_then_detects_changes(tmp_path):
    d = tmp_path / "d"
    (d / "a").mkdir(parents=True)
    (d / "a" / "x.csv").write_text("1,2\n")
    (d / "a" / "y.csv").write_text("3\n")
    res = runner.invoke(app, ["data", "verify", "--data", str(d)])
    assert res.exit_code == 2 and "record one first" in res.output
    res = runner.invoke(app, ["data", "verify", "--data", str(d), "--record"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["data", "verify", "--data", str(d)])
    assert res.exit_code == 0 and "2 ok, 0 changed, 0 missing, 0 new" in res.output
    (d / "a" / "x.csv").write_text("1,3\n")
    (d / "a" / "y.csv").unlink()
    (d / "a" / "z.csv").write_text("new\n")
    res = runner.invoke(app, ["data", "verify", "--data", str(d)])
    assert res.exit_code == 1
    assert "changed: a/x.csv" in res.output and "missing: a/y.csv" in res.output and "new: a/z.csv" in res.output
    st = verify_manifest(d).set_index("file")["status"].to_dict()
    assert st == {"a/x.csv": "changed", "a/y.csv": "missing", "a/z.csv": "new"}


def test_manifest_elsewhere_and_a_bad_manifest(tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    (d / "x.csv").write_text("1\n")
    m = record_manifest(d, tmp_path / "m.json")
    assert m.exists() and not (d / "valuechain-manifest.json").exists()
    assert verify_manifest(d, m)["status"].tolist() == ["ok"]
    (tmp_path / "bad.json").write_text("[1, 2]")
    res = runner.invoke(app, ["data", "verify", "--data", str(d), "--manifest", str(tmp_path / "bad.json")])
    assert res.exit_code == 2 and "not a valuechain manifest" in res.output
    res = runner.invoke(app, ["data", "list", "--data", str(tmp_path / "nope")])
    assert res.exit_code == 2 and res.output.startswith("error: data folder not found")


def test_import_refuses_folders_missing_files_and_a_full_output(tmp_path):
    (tmp_path / "adir").mkdir()
    res = runner.invoke(app, ["data", "import", "baci", str(tmp_path / "adir"), "-o", str(tmp_path / "p")])
    assert res.exit_code == 2 and "is a folder" in res.output
    res = runner.invoke(app, ["data", "import", "adb-mrio", str(tmp_path / "none.xlsx"), "-o", str(tmp_path / "p")])
    assert res.exit_code == 2 and "not found" in res.output
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("x")
    (tmp_path / "z.zip").write_bytes(b"PK\x05\x06" + b"\x00" * 18)  # an empty zip
    res = runner.invoke(app, ["data", "import", "oecd-icio", str(tmp_path / "z.zip"), "-o", str(tmp_path / "full")])
    assert res.exit_code == 2 and "not empty" in res.output
    assert (tmp_path / "full" / "keep.txt").read_text() == "x"
    res = runner.invoke(app, ["data", "import", "oecd-icio", str(tmp_path / "z.zip"), "-o", str(tmp_path / "new")])
    assert res.exit_code == 2 and "no yearly CSV" in res.output and not (tmp_path / "new").exists()
